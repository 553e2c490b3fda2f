//! The TT column: numbers derived from a plan's structure, never stored.
//!
//! Areas take Roman numerals (I, II, ...); what sits directly in an area (a group or a task)
//! takes 1, 2, 3; what sits in a group or under a task takes 1.1, 1.2 — the three levels of
//! seed 002's appendix.
//!
//! ```
//! use cchc_plan::domain::numbering::{number_rows, roman};
//! assert_eq!(roman(14), "XIV");
//! assert_eq!(number_rows([0, 1, 2, 2, 1, 0, 1]), ["I", "1", "1.1", "1.2", "2", "II", "1"]);
//! ```

/// Upper-case Roman numeral for 1..=3999; larger numbers fall back to Arabic digits.
pub fn roman(n: u32) -> String {
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut rest = n;
    let mut out = String::new();
    for (value, letters) in TABLE {
        while rest >= value {
            out.push_str(letters);
            rest -= value;
        }
    }
    out
}

/// Numbers for rows given in order by their depth (0 area, 1 in an area, 2 in a group or
/// under a task). A row deeper than its predecessor allows is numbered as if the missing
/// parent were there, so a damaged structure still gets readable numbers.
pub fn number_rows<I: IntoIterator<Item = u8>>(depths: I) -> Vec<String> {
    let mut area = 0u32;
    let mut first = 0u32;
    let mut second = 0u32;
    depths
        .into_iter()
        .map(|depth| match depth {
            0 => {
                area += 1;
                first = 0;
                second = 0;
                roman(area)
            }
            1 => {
                first += 1;
                second = 0;
                first.to_string()
            }
            _ => {
                second += 1;
                format!("{}.{}", first.max(1), second)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roman_numerals() {
        let expected = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X"];
        for (i, r) in expected.iter().enumerate() {
            assert_eq!(roman(i as u32 + 1), *r);
        }
        assert_eq!(roman(40), "XL");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(roman(0), "0");
    }

    #[test]
    fn numbering_restarts_per_area_and_parent() {
        // Seed 002: area I with four groups, area II with flat tasks.
        let depths = [0, 1, 2, 2, 1, 2, 0, 1, 1];
        assert_eq!(
            number_rows(depths),
            ["I", "1", "1.1", "1.2", "2", "2.1", "II", "1", "2"]
        );
    }

    #[test]
    fn orphans_still_get_numbers() {
        assert_eq!(number_rows([2, 2, 1]), ["1.1", "1.2", "1"]);
    }
}
