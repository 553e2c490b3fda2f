//! Budget totals: each task's budget once, subtotals for what contains it, every sum
//! checked (a total that does not fit is an error, never a wrapped number or a panic).

use std::collections::HashMap;

use super::row::RowId;
use super::Plan;
use crate::domain::money::{Money, MoneyError};

/// Budget subtotals of every row that has a budget under it, and the grand total.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct BudgetTotals {
    pub by_row: HashMap<RowId, Money>,
    pub grand: Money,
    /// Whether any task carries a budget at all.
    pub any: bool,
    /// Set when a sum did not fit ([`MoneyError::TotalTooLarge`], whose text is the
    /// Vietnamese message to show); then `by_row` is empty and `grand` is zero, so no
    /// wrong figure is ever shown or exported.
    pub overflow: Option<MoneyError>,
}

impl BudgetTotals {
    /// The totals, or the error when a sum did not fit.
    ///
    /// # Errors
    /// [`MoneyError::TotalTooLarge`] when a subtotal or the grand total did not fit.
    pub fn checked(&self) -> Result<&BudgetTotals, MoneyError> {
        match &self.overflow {
            Some(error) => Err(error.clone()),
            None => Ok(self),
        }
    }
}

impl Plan {
    /// Budget subtotals for areas, groups and tasks with sub-tasks, and the grand total.
    /// Each task counts its own budget once; containers add up what they contain. A sum
    /// that does not fit sets [`BudgetTotals::overflow`] instead of any figure.
    pub fn budget_totals(&self) -> BudgetTotals {
        self.try_budget_totals()
            .unwrap_or_else(|error| BudgetTotals {
                any: true,
                overflow: Some(error),
                ..BudgetTotals::default()
            })
    }

    /// [`Plan::budget_totals`], with every sum checked.
    ///
    /// # Errors
    /// [`MoneyError::TotalTooLarge`] when a subtotal or the grand total does not fit.
    pub fn try_budget_totals(&self) -> Result<BudgetTotals, MoneyError> {
        let mut totals = BudgetTotals::default();
        let mut parents: [Option<RowId>; 2] = [None, None];
        for row in &self.rows {
            let depth = usize::from(row.depth.min(2));
            if depth < 2 {
                parents[depth] = Some(row.id);
                if depth == 0 {
                    parents[1] = None;
                }
            }
            let Some(budget) = row.task().and_then(|t| t.budget) else {
                continue;
            };
            totals.any = true;
            totals.grand = totals.grand.checked_add(budget)?;
            for id in parents.iter().take(depth).flatten().chain([&row.id]) {
                let sum = totals.by_row.entry(*id).or_default();
                *sum = sum.checked_add(budget)?;
            }
        }
        Ok(totals)
    }
}
