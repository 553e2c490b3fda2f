//! Browser glue: the one place that touches storage, downloads and file input.
