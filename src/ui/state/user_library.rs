//! The combined library the library panel searches, as one memo: the built-in templates and
//! the drafter's own ([`crate::domain::user_library::combine`]), rebuilt only when the
//! drafter's set changes, and the templates ticked in the panel. When combining had to rename
//! something of the drafter's, they are told and the renamed set is stored.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use leptos::prelude::*;

use super::persistence::Persistence;
use crate::domain::library::{Library, TemplateSet};
use crate::domain::user_library::combine;
use crate::ui::EditorState;

/// One build of the combined library. Equal only to itself, so every rebuild notifies.
#[derive(Clone)]
pub struct Shared {
    pub library: Arc<Library>,
    /// Counts builds: changes whenever the library does (keys of rendered results).
    pub generation: u64,
    /// What the drafter must be told about this build.
    problem: Option<String>,
    /// The drafter's set with the ids this build had to change, to store.
    repaired: Option<Arc<TemplateSet>>,
}

impl PartialEq for Shared {
    fn eq(&self, other: &Shared) -> bool {
        self.generation == other.generation && Arc::ptr_eq(&self.library, &other.library)
    }
}

/// Handles to the combined library; `Copy`, shared through context.
#[derive(Clone, Copy)]
pub struct UserLibrary {
    pub plans: Persistence,
    /// Built-in plus the drafter's templates; recomputed only when the drafter's set changes.
    pub library: Memo<Shared>,
    /// Templates ticked in the library panel, by id ("Xuất thư viện" exports them).
    pub selected: RwSignal<HashSet<String>>,
}

impl UserLibrary {
    /// The memo over the drafter's set kept by `plans`. Must be made where the
    /// [`EditorState`] is in context (the problems of a build are said through it).
    pub fn new(plans: Persistence) -> UserLibrary {
        let library = Memo::new(move |_| {
            static GENERATION: AtomicU64 = AtomicU64::new(0);
            let combined = plans.user_templates.with(combine);
            Shared {
                library: Arc::new(combined.library),
                generation: GENERATION.fetch_add(1, Ordering::Relaxed),
                problem: combined.problem,
                repaired: combined.repaired.map(Arc::new),
            }
        });
        let state = use_context::<EditorState>();
        Effect::new(move |_| {
            let (problem, repaired) = library.with(|s| (s.problem.clone(), s.repaired.clone()));
            if let Some(text) = problem {
                plans.add_notice_once(text);
            }
            if let (Some(set), Some(state)) = (repaired, state) {
                plans.set_user_templates(state, Arc::unwrap_or_clone(set));
            }
        });
        UserLibrary {
            plans,
            library,
            selected: RwSignal::new(HashSet::new()),
        }
    }

    /// The combined library as it is now, tracked.
    pub fn get(&self) -> Arc<Library> {
        self.library.with(|s| s.library.clone())
    }

    /// The combined library as it is now, untracked.
    pub fn get_untracked(&self) -> Arc<Library> {
        self.library.with_untracked(|s| s.library.clone())
    }
}
