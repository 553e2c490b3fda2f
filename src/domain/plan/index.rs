//! Finding a row by id. The index is shared between a plan and its undo snapshots, and an
//! edit rewrites only the positions it moved (inserting a row in the middle of a 10.000-row
//! plan rewrites the half below it), instead of rebuilding a hash map of every row.
//!
//! Ids the plan gives itself are dense (1, 2, 3, ... with the gaps deletions leave), so the
//! index is a plain vector from id to position; a file whose ids are far apart falls back
//! to a hash map rather than a huge vector.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use super::row::{Row, RowId};

/// The position of every row, by id.
#[derive(Clone, Debug)]
pub(super) enum RowIndex {
    /// `slots[id]` is the row's position plus one; 0 for an id not in the plan.
    Dense(Vec<u32>),
    Sparse(HashMap<RowId, usize>),
}

impl Default for RowIndex {
    fn default() -> RowIndex {
        RowIndex::Dense(Vec::new())
    }
}

/// Whether ids up to `max_id` are dense enough for a vector over `rows` rows.
fn dense_enough(max_id: RowId, rows: usize) -> bool {
    max_id <= 4 * rows as u64 + 1024 && rows < u32::MAX as usize
}

impl RowIndex {
    /// The index of `rows`.
    pub(super) fn build(rows: &[Arc<Row>]) -> RowIndex {
        let max_id = rows.iter().map(|r| r.id).max().unwrap_or(0);
        let mut index = if dense_enough(max_id, rows.len()) {
            RowIndex::Dense(vec![0; max_id as usize + 1])
        } else {
            RowIndex::Sparse(HashMap::with_capacity(rows.len()))
        };
        index.place(rows, 0..rows.len());
        index
    }

    pub(super) fn get(&self, id: RowId) -> Option<usize> {
        match self {
            RowIndex::Dense(slots) => match usize::try_from(id).ok().and_then(|i| slots.get(i)) {
                Some(&slot) if slot > 0 => Some(slot as usize - 1),
                _ => None,
            },
            RowIndex::Sparse(map) => map.get(&id).copied(),
        }
    }

    /// Records the positions of `rows[range]` (rows that were added or moved).
    pub(super) fn place(&mut self, rows: &[Arc<Row>], range: Range<usize>) {
        for pos in range {
            let id = rows[pos].id;
            match self {
                RowIndex::Dense(slots) => {
                    let i = id as usize;
                    if i >= slots.len() {
                        if !dense_enough(id, rows.len()) {
                            *self = RowIndex::build(rows);
                            return;
                        }
                        slots.resize(i + 1, 0);
                    }
                    slots[i] = pos as u32 + 1;
                }
                RowIndex::Sparse(map) => {
                    map.insert(id, pos);
                }
            }
        }
    }

    /// Forgets rows that left the plan.
    pub(super) fn forget(&mut self, ids: impl IntoIterator<Item = RowId>) {
        for id in ids {
            match self {
                RowIndex::Dense(slots) => {
                    if let Some(slot) = slots.get_mut(id as usize) {
                        *slot = 0;
                    }
                }
                RowIndex::Sparse(map) => {
                    map.remove(&id);
                }
            }
        }
    }
}
