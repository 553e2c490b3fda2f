//! The UI's state that is not a component: signals and the code that decides when to call the
//! domain (autosave timing, the drafter's library as one memo). Anything here that needs no
//! browser belongs in [`crate::domain`] instead, with native tests.

pub mod agencies;
pub mod persistence;
pub mod review;
pub mod user_library;
