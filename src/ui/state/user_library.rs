//! The combined library the library panel searches, as one memo: the built-in templates and
//! the drafter's own ([`crate::domain::user_library::combine`]), rebuilt only when the
//! drafter's set changes, and the templates ticked in the panel. When combining had to rename
//! something of the drafter's, they are told and the renamed set is stored.
//!
//! The search index of each build is made on the first search, a slice of a few milliseconds
//! at a time ([`SearchIndex::extend`]) between the page's other tasks, so that importing
//! 25.000 templates never freezes the page: meanwhile [`UserLibrary::search_top`] answers from
//! the part built so far and [`UserLibrary::indexing`] says how far it is; once complete the
//! library adopts the index.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use leptos::prelude::*;

use super::persistence::Persistence;
use crate::domain::library::{Library, TemplateSet};
use crate::domain::search::{Abbreviations, Filter, Hit, SearchIndex};
use crate::domain::user_library::combine;
use crate::platform::performance_now;
use crate::ui::EditorState;

/// Templates indexed between two looks at the clock (about a millisecond's work).
const INDEX_STEP: usize = 32;
/// The longest a slice of index building goes on before letting the page work, in ms.
const INDEX_SLICE_MS: f64 = 8.0;
/// How often, at most, the progress shown is updated (each update searches again), in ms.
const PROGRESS_EVERY_MS: f64 = 150.0;

/// How far the search index of one build of the library is made.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct IndexProgress {
    generation: u64,
    indexed: usize,
}

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
    /// Templates indexed so far, shown at most every `PROGRESS_EVERY_MS`.
    progress: RwSignal<IndexProgress>,
    /// The index being built and the generation it is for; none when none is.
    building: StoredValue<Option<(u64, SearchIndex)>>,
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
            progress: RwSignal::new(IndexProgress::default()),
            building: StoredValue::new(None),
        }
    }

    /// The first `limit` hits of a search of the library as it is now: with its index once
    /// built, else with the part built so far (and the building is started, if it was not).
    /// Tracked: answers again as the index grows.
    pub fn search_top(&self, query: &str, filter: &Filter, limit: usize) -> Vec<Hit> {
        let (generation, library) = self.library.with(|s| (s.generation, s.library.clone()));
        self.progress.track();
        if library.has_search_index() {
            return library.search_top(query, filter, limit);
        }
        let started = self.building.with_value(|b| b.as_ref().map(|(g, _)| *g)) == Some(generation);
        if !started {
            self.building.set_value(Some((
                generation,
                SearchIndex::empty(Abbreviations::builtin().clone()),
            )));
            let this = *self;
            set_timeout(
                move || this.index_slice(generation, library, 0.0),
                Duration::ZERO,
            );
            return Vec::new();
        }
        self.building.with_value(|b| match b {
            Some((g, index)) if *g == generation => index.search_top(query, filter, limit),
            _ => Vec::new(),
        })
    }

    /// While the index is being built: templates indexed so far and in all. Tracked.
    pub fn indexing(&self) -> Option<(usize, usize)> {
        let (generation, library) = self.library.with(|s| (s.generation, s.library.clone()));
        let progress = self.progress.get();
        if library.has_search_index() {
            return None;
        }
        let indexed = if progress.generation == generation {
            progress.indexed
        } else {
            0
        };
        Some((indexed, library.templates().len()))
    }

    /// Indexes templates for `INDEX_SLICE_MS`, then lets the page work and comes back, until
    /// the index is complete (adopted by the library) or the library changed (dropped).
    fn index_slice(self, generation: u64, library: Arc<Library>, shown_at: f64) {
        if self.library.with_untracked(|s| s.generation) != generation {
            // The library changed: this index is of no use (the next search starts another).
            self.building.update_value(|building| {
                if building.as_ref().is_some_and(|(g, _)| *g == generation) {
                    *building = None;
                }
            });
            return;
        }
        let start = performance_now();
        let templates = library.templates();
        let indexed = self.building.try_update_value(|building| {
            let (_, index) = building.as_mut().filter(|(g, _)| *g == generation)?;
            loop {
                let from = index.len();
                let to = (from + INDEX_STEP).min(templates.len());
                index.extend(&templates[from..to]);
                if to == templates.len() || performance_now() - start >= INDEX_SLICE_MS {
                    return Some(to);
                }
            }
        });
        let Some(Some(indexed)) = indexed else {
            return;
        };
        if indexed == templates.len() {
            if let Some(Some((_, index))) = self.building.try_update_value(Option::take) {
                library.adopt_search_index(index);
            }
            self.progress.set(IndexProgress {
                generation,
                indexed,
            });
            return;
        }
        let mut shown_at = shown_at;
        let now = performance_now();
        if now - shown_at >= PROGRESS_EVERY_MS {
            shown_at = now;
            self.progress.set(IndexProgress {
                generation,
                indexed,
            });
        }
        set_timeout(
            move || self.index_slice(generation, library, shown_at),
            Duration::ZERO,
        );
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
