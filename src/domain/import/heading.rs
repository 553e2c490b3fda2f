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

/// "ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG" → "Đắk Nông" (the name as the province list spells it).
fn province(line: &str) -> Option<String> {
    let key = fold_key(line);
    let rest = [
        "uy ban nhan dan tinh ",
        "ubnd tinh ",
        "uy ban nhan dan thanh pho ",
        "ubnd thanh pho ",
    ]
    .iter()
    .find_map(|p| key.strip_prefix(p))?;
    let provinces = Provinces::builtin();
    let names = provinces
        .sorted_names()
        .into_iter()
        .chain(provinces.former_names());
    for name in names {
        let short = name.strip_prefix("TP ").unwrap_or(name);
        if fold_key(short) == rest {
            return Some(name.to_string());
        }
    }
    // Not in the list: the words as written, after the unit word.
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

/// "Số: 271/KH-UBND" or "Kế hoạch số 271/KH-UBND" → "271/KH-UBND".
fn number(line: &str) -> Option<String> {
    let lower = line.to_lowercase();
    let at = lower
        .find("số:")
        .map(|i| i + "số:".len())
        .or_else(|| lower.find("kế hoạch số ").map(|i| i + "kế hoạch số ".len()))?;
    let word: String = line
        .get(at..)?
        .trim_start()
        .chars()
        .take_while(|c| !c.is_whitespace() && *c != ',' && *c != ')')
        .collect();
    (word.contains('/') && word.chars().any(|c| c.is_ascii_digit())).then_some(word)
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
    }
}
