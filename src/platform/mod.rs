//! Browser glue below the UI.

pub mod worker;
