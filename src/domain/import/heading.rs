//! The plan's particulars from the text above the table: province ("ỦY BAN NHÂN DÂN TỈNH
//! ĐẮK NÔNG"), plan number ("Số: 271/KH-UBND"), date ("ngày 16 tháng 12 năm 2021") and year
//! ("... NĂM 2022", else the date's).

use serde::{Deserialize, Serialize};

use crate::domain::province::Provinces;
use crate::domain::text::fold_key;

/// What the heading says about the plan; every field editable in the preview.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanMeta {
    pub province: Option<String>,
    pub year: Option<i32>,
    pub number: Option<String>,
    pub date: Option<String>,
}

/// Reads the particulars from paragraphs in document order; the first of each wins.
pub fn read_meta<'a>(paragraphs: impl IntoIterator<Item = &'a str>) -> PlanMeta {
    let mut meta = PlanMeta::default();
    let mut date_year = None;
    for text in paragraphs {
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            if meta.province.is_none() {
                meta.province = province(line);
            }
            if meta.number.is_none() {
                meta.number = number(line);
            }
            if meta.date.is_none() {
                if let Some((date, year)) = date(line) {
                    meta.date = Some(date);
                    date_year = Some(year);
                }
            }
            if meta.year.is_none() {
                meta.year = title_year(line);
            }
        }
    }
    if meta.year.is_none() {
        meta.year = date_year;
    }
    meta
}

/// "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG" at the top of a plan, or "... của Ủy ban nhân dân tỉnh
/// Đắk Nông)" in its attachment line → "Đắk Nông" (as the province list spells it).
fn province(line: &str) -> Option<String> {
    let key = fold_key(line);
    let (at, rest) = [
        "uy ban nhan dan tinh ",
        "ubnd tinh ",
        "uy ban nhan dan thanh pho ",
        "ubnd thanh pho ",
        "ubnd tp ",
    ]
    .iter()
    .find_map(|p| key.find(p).map(|at| (at, &key[at + p.len()..])))?;
    let provinces = Provinces::builtin();
    let names = provinces
        .sorted_names()
        .into_iter()
        .chain(provinces.former_names());
    let mut best: Option<(usize, &str)> = None;
    for name in names {
        let short = fold_key(name.strip_prefix("TP ").unwrap_or(name));
        let fits = rest == short || rest.starts_with(&format!("{short} "));
        if fits && best.is_none_or(|(len, _)| short.len() > len) {
            best = Some((short.len(), name));
        }
    }
    if let Some((_, name)) = best {
        return Some(name.to_string());
    }
    // Not in the list: the words as written after the unit word, in a heading line only.
    if at > 0 {
        return None;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let skip = words.len().saturating_sub(rest.split(' ').count());
    Some(title_case(&words[skip..].join(" ")))
}

fn title_case(text: &str) -> String {
    text.split(' ')
        .map(|w| {
            let mut chars = w.chars();
            match chars.next() {
                Some(first) => first
                    .to_uppercase()
                    .chain(chars.flat_map(char::to_lowercase))
                    .collect(),
                None => String::new(),
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// "Số: 271/KH-UBND", "Kế hoạch số 271/KH-UBND", "Quyết định số 1887/QĐ-UBND" →
/// the number: the word after "số" with a "/" and a digit in it.
fn number(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    lower.match_indices("số").find_map(|(at, word)| {
        let after = line.get(at + word.len()..)?;
        let after = after.strip_prefix(':').unwrap_or(after);
        if !after.starts_with(char::is_whitespace) {
            return None;
        }
        let token: String = after
            .trim_start()
            .chars()
            .take_while(|c| !c.is_whitespace() && *c != ',' && *c != ')' && *c != ';')
            .collect();
        (token.contains('/') && token.chars().any(|c| c.is_ascii_digit())).then_some(token)
    })
}

/// "ngày 16/12/2021" or "ngày 16 tháng 12 năm 2021" → ("16/12/2021", 2021).
fn date(line: &str) -> Option<(String, i32)> {
    let key = fold_key(line);
    let words: Vec<&str> = key.split(' ').collect();
    for (i, w) in words.iter().enumerate() {
        if *w != "ngay" {
            continue;
        }
        let rest = &words[i + 1..];
        let numbers: Vec<u32> = match rest {
            [d, "thang", m, "nam", y, ..] => {
                [d, m, y].iter().filter_map(|t| t.parse().ok()).collect()
            }
            [d, m, y, ..] => [d, m, y].iter().filter_map(|t| t.parse().ok()).collect(),
            _ => continue,
        };
        if let [d, m, y] = numbers[..] {
            if (1..=31).contains(&d) && (1..=12).contains(&m) && (1900..=2200).contains(&y) {
                return Some((format!("{d:02}/{m:02}/{y}"), y as i32));
            }
        }
    }
    None
}

/// "Kế hoạch cải cách hành chính năm 2022" → 2022.
fn title_year(line: &str) -> Option<i32> {
    let key = fold_key(line);
    if !key.contains("cai cach hanh chinh") && !key.starts_with("ke hoach") {
        return None;
    }
    let words: Vec<&str> = key.split(' ').collect();
    words.windows(2).find_map(|w| {
        (w[0] == "nam")
            .then(|| w[1].parse::<i32>().ok())
            .flatten()
            .filter(|y| (1900..=2200).contains(y))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_heading() {
        let meta = read_meta([
            "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG",
            "Số: 271/KH-UBND",
            "Đắk Nông, ngày 16 tháng 12 năm 2021",
            "KẾ HOẠCH Cải cách hành chính năm 2022",
        ]);
        assert_eq!(meta.province.as_deref(), Some("Đắk Nông"));
        assert_eq!(meta.number.as_deref(), Some("271/KH-UBND"));
        assert_eq!(meta.date.as_deref(), Some("16/12/2021"));
        assert_eq!(meta.year, Some(2022));
    }

    #[test]
    fn reads_the_attachment_line() {
        let meta = read_meta(["(Kèm theo Kế hoạch số 12/KH-UBND ngày 05/01/2023 của UBND tỉnh)"]);
        assert_eq!(meta.number.as_deref(), Some("12/KH-UBND"));
        assert_eq!(meta.date.as_deref(), Some("05/01/2023"));
        assert_eq!(meta.year, Some(2023));
        assert_eq!(meta.province, None);
        let meta = read_meta(["(Kèm theo Kế hoạch số 271/KH-UBND ngày 16 tháng 12 năm 2021 của Ủy ban nhân dân tỉnh Đắk Nông)"]);
        assert_eq!(meta.province.as_deref(), Some("Đắk Nông"));
        assert_eq!(meta.date.as_deref(), Some("16/12/2021"));
    }
}
