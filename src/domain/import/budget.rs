//! Budget cells: amounts written the Vietnamese way ("1.600", "12,5") in triệu đồng, or whole
//! đồng ("1.500.000.000") converted to triệu đồng; anything else is text for Ghi chú.

use crate::domain::money::Money;

/// What a budget cell holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BudgetCell {
    Empty,
    /// An amount, read as it is written (still in the column's unit).
    Amount(Amount),
    /// Text that is not an amount ("Ngân sách tỉnh", "Lồng ghép").
    Text(String),
}

/// An exact non-negative amount as written: thousandths of the written unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Amount {
    pub thousandths: u128,
}

/// Reads a budget cell's text.
pub fn read_budget(text: &str) -> BudgetCell {
    let trimmed = text.trim();
    if trimmed.is_empty() || trimmed == "-" {
        return BudgetCell::Empty;
    }
    match parse_amount(trimmed) {
        Some(amount) => BudgetCell::Amount(amount),
        None => BudgetCell::Text(trimmed.to_string()),
    }
}

/// Parses "936", "1.600", "12,5", "1.600,25", "1 600", and the English forms a spreadsheet
/// may give ("1,600", "12.5") where they cannot be read the Vietnamese way.
pub fn parse_amount(text: &str) -> Option<Amount> {
    let t: String = text
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{a0}')
        .collect();
    if t.is_empty()
        || !t
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return None;
    }
    if !t.as_bytes()[0].is_ascii_digit() || !t.as_bytes()[t.len() - 1].is_ascii_digit() {
        return None;
    }
    let dots = t.matches('.').count();
    let commas = t.matches(',').count();
    // Which mark is the decimal one: Vietnamese "," unless only "." could be.
    let english = (commas == 0 && dots == 1 && !grouped(&t, '.'))
        || (dots == 0 && commas > 1 && grouped(&t, ','))
        || (dots > 0 && commas == 1 && t.find(',') < t.find('.'));
    let (group, decimal) = if english { (',', '.') } else { ('.', ',') };
    let (int_part, frac) = match t.split_once(decimal) {
        Some((i, f)) => (i, f),
        None => (t.as_str(), ""),
    };
    if frac.contains(decimal) || frac.contains(group) || frac.len() > 3 {
        return None;
    }
    if int_part.contains(group) && !grouped(int_part, group) {
        return None;
    }
    let digits: String = int_part.chars().filter(|c| *c != group).collect();
    if digits.is_empty() || digits.len() > 24 {
        return None;
    }
    let whole: u128 = digits.parse().ok()?;
    let frac_value: u128 = if frac.is_empty() {
        0
    } else {
        format!("{frac:0<3}").parse().ok()?
    };
    Some(Amount {
        thousandths: whole.checked_mul(1000)?.checked_add(frac_value)?,
    })
}

/// Whether `mark` separates groups of three digits after a first group of one to three.
fn grouped(text: &str, mark: char) -> bool {
    let mut groups = text.split(mark);
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len()) && groups.all(|g| g.len() == 3)
}

/// Why an amount did not become a budget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AmountProblem {
    /// Over [`Money::MAX_INPUT`].
    TooLarge,
}

/// The amount in triệu đồng, from an amount in triệu đồng or in đồng.
///
/// # Errors
/// [`AmountProblem::TooLarge`] past [`Money::MAX_INPUT`] (the cap of every way in).
pub fn to_money(amount: Amount, in_dong: bool) -> Result<(Money, bool), AmountProblem> {
    // Thousandths of a triệu đồng are nghìn đồng.
    let (thousandths, rounded) = if in_dong {
        let dong = amount.thousandths / 1000;
        let exact = amount.thousandths.is_multiple_of(1000) && dong.is_multiple_of(1000);
        ((dong + 500) / 1000, !exact)
    } else {
        (amount.thousandths, false)
    };
    let max = Money::MAX_INPUT.thousandths() as u128;
    if thousandths > max {
        return Err(AmountProblem::TooLarge);
    }
    Ok((Money::from_thousandths(thousandths as i64), rounded))
}

/// Whether a column of amounts with no unit in its header is in đồng: every amount is at
/// least a million (a million triệu đồng is past any task's budget).
pub fn looks_like_dong(amounts: &[Amount]) -> bool {
    let million = 1_000_000 * 1000;
    !amounts.is_empty()
        && amounts
            .iter()
            .filter(|a| a.thousandths > 0)
            .all(|a| a.thousandths >= million)
        && amounts.iter().any(|a| a.thousandths > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trieu(text: &str) -> Money {
        match read_budget(text) {
            BudgetCell::Amount(a) => to_money(a, false).unwrap().0,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn vietnamese_and_spreadsheet_forms() {
        assert_eq!(trieu("936"), Money::from_trieu(936));
        assert_eq!(trieu("1.600"), Money::from_trieu(1600));
        assert_eq!(trieu("12,5"), Money::from_thousandths(12_500));
        assert_eq!(trieu("1.600,25"), Money::from_thousandths(1_600_250));
        assert_eq!(trieu("1 600"), Money::from_trieu(1600));
        assert_eq!(trieu("12.5"), Money::from_thousandths(12_500));
        assert_eq!(
            parse_amount("1,600,000"),
            Some(Amount {
                thousandths: 1_600_000_000
            })
        );
        assert_eq!(read_budget(""), BudgetCell::Empty);
        assert_eq!(
            read_budget("Ngân sách tỉnh"),
            BudgetCell::Text("Ngân sách tỉnh".into())
        );
        assert!(matches!(read_budget("12,5,3"), BudgetCell::Text(_)));
    }

    #[test]
    fn dong_become_trieu() {
        let BudgetCell::Amount(a) = read_budget("1.500.000.000") else {
            panic!()
        };
        assert_eq!(to_money(a, true), Ok((Money::from_trieu(1500), false)));
        let BudgetCell::Amount(a) = read_budget("2.500") else {
            panic!()
        };
        assert_eq!(to_money(a, true), Ok((Money::from_thousandths(3), true)));
        assert!(!looks_like_dong(&[
            a,
            parse_amount("1.500.000.000").unwrap()
        ]));
        assert!(looks_like_dong(&[parse_amount("1.500.000.000").unwrap()]));
        let huge = parse_amount("5.000.000").unwrap();
        assert_eq!(to_money(huge, false), Err(AmountProblem::TooLarge));
    }
}
