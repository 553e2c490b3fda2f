//! The province-level units: the 34 from 1 July 2025, and the 63 they were formed from.
//!
//! The list is editable data (`data/provinces.json`), embedded in the app; a user may load
//! a corrected copy with [`Provinces::from_json`]. Each entry of `provinces` has `name`,
//! `short_name`, `centrally_run`, `former` (the units before 1 July 2025; an unchanged unit
//! lists itself), `aliases` and `former_aliases` (other spellings). Names are recognised without case,
//! diacritics, spaces or punctuation, with or without a leading "tỉnh", "TP" or "Thành phố".
//!
//! ```
//! use cchc_plan::domain::province::Provinces;
//! let provinces = Provinces::builtin();
//! assert_eq!(provinces.current().len(), 34);
//! assert_eq!(provinces.successor("Yên Bái").unwrap().name, "Lào Cai");
//! assert_eq!(provinces.successor("tỉnh Đắk Nông").unwrap().name, "Lâm Đồng");
//! assert_eq!(provinces.successor("HẢI DƯƠNG").unwrap().name, "TP Hải Phòng");
//! assert!(provinces.is_current("Thành phố Hải Phòng"));
//! assert!(!provinces.is_current("Yên Bái"));
//! ```

use std::cmp::Ordering;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::text::fold_words;

/// The built-in data file.
const BUILTIN: &str = include_str!("../../data/provinces.json");

/// A province-level unit (tỉnh or thành phố trực thuộc trung ương) from 1 July 2025.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Province {
    /// The name as plans write it: "Lào Cai", "TP Hải Phòng".
    pub name: String,
    /// The name without "TP": "Hải Phòng". Empty in the file means the same as `name`.
    #[serde(default)]
    pub short_name: String,
    /// A centrally-run city (thành phố trực thuộc trung ương).
    #[serde(default)]
    pub centrally_run: bool,
    /// The units before 1 July 2025 that form it; an unchanged unit lists itself.
    #[serde(default)]
    pub former: Vec<String>,
    /// Other ways to write its name ("TP HCM").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Other ways to write former units' names ("Thừa Thiên Huế").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub former_aliases: Vec<String>,
}

impl Province {
    /// "tỉnh Lào Cai", "thành phố Hải Phòng": as it follows "UBND" or "Kế hoạch ... của".
    ///
    /// ```
    /// use cchc_plan::domain::province::Provinces;
    /// let provinces = Provinces::builtin();
    /// assert_eq!(provinces.get("Lào Cai").unwrap().official_name(), "tỉnh Lào Cai");
    /// assert_eq!(provinces.get("Huế").unwrap().official_name(), "thành phố Huế");
    /// ```
    pub fn official_name(&self) -> String {
        let kind = if self.centrally_run {
            "thành phố"
        } else {
            "tỉnh"
        };
        format!("{kind} {}", self.short_name)
    }
}

/// The content of `data/provinces.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProvinceData {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub about: String,
    /// Date the list applies from, ISO 8601.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub effective: String,
    pub provinces: Vec<Province>,
}

/// The current province-level units, with lookups by current or former name.
#[derive(Clone, Debug)]
pub struct Provinces {
    list: Vec<Province>,
    /// Keys of current names and aliases.
    current: HashMap<String, usize>,
    /// Keys of every name: current, former, aliases.
    any: HashMap<String, usize>,
}

/// The matching key of a province name: folded words run together, after a leading
/// "tỉnh", "TP" or "Thành phố".
fn key(name: &str) -> String {
    let words = fold_words(name);
    let rest = match words.as_slice() {
        [first, rest @ ..] if first == "tinh" || first == "tp" => rest,
        [a, b, rest @ ..] if a == "thanh" && b == "pho" => rest,
        _ => &words[..],
    };
    rest.concat()
}

impl Provinces {
    /// The list embedded in the app.
    pub fn builtin() -> Provinces {
        Provinces::from_json(BUILTIN).expect("data/provinces.json is valid")
    }

    /// The list of a (possibly user-edited) copy of `data/provinces.json`.
    ///
    /// # Errors
    /// The JSON error when the text is not a province list of that shape.
    pub fn from_json(json: &str) -> Result<Provinces, serde_json::Error> {
        let data: ProvinceData = serde_json::from_str(json)?;
        Ok(Provinces::new(data.provinces))
    }

    pub fn new(mut list: Vec<Province>) -> Provinces {
        for p in &mut list {
            if p.short_name.trim().is_empty() {
                p.short_name = p.name.clone();
            }
        }
        let mut current = HashMap::new();
        let mut any = HashMap::new();
        for (i, p) in list.iter().enumerate() {
            let names = [&p.name, &p.short_name].into_iter().chain(&p.aliases);
            for name in names {
                current.entry(key(name)).or_insert(i);
            }
        }
        for (i, p) in list.iter().enumerate() {
            for name in p.former.iter().chain(&p.former_aliases) {
                any.entry(key(name)).or_insert(i);
            }
        }
        // A current name wins over a former unit of the same name.
        for (k, &i) in &current {
            any.insert(k.clone(), i);
        }
        current.remove("");
        any.remove("");
        Provinces { list, current, any }
    }

    /// The current units, in the order of the data file.
    pub fn current(&self) -> &[Province] {
        &self.list
    }

    /// The current unit of that name ("Lào Cai", "tỉnh Lào Cai", "Hải Phòng", "TP HCM").
    pub fn get(&self, name: &str) -> Option<&Province> {
        self.current.get(&key(name)).map(|&i| &self.list[i])
    }

    /// Whether the name is that of a current unit.
    pub fn is_current(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// The current unit a name belongs to: itself for a current unit, the unit it merged
    /// into for a former one ("Yên Bái" → "Lào Cai").
    pub fn successor(&self, name: &str) -> Option<&Province> {
        self.any.get(&key(name)).map(|&i| &self.list[i])
    }

    /// The names of the current units in Vietnamese alphabetical order of their short
    /// names ("TP Cần Thơ" sorts as "Cần Thơ"), for a select box.
    ///
    /// ```
    /// use cchc_plan::domain::province::Provinces;
    /// let provinces = Provinces::builtin();
    /// let names = provinces.sorted_names();
    /// assert_eq!(names[..4], ["An Giang", "Bắc Ninh", "Cà Mau", "Cao Bằng"]);
    /// assert_eq!(names[4], "TP Cần Thơ");
    /// assert_eq!(names.last(), Some(&"Vĩnh Long"));
    /// ```
    pub fn sorted_names(&self) -> Vec<&str> {
        let mut sorted: Vec<&Province> = self.list.iter().collect();
        sorted.sort_by(|a, b| vietnamese_cmp(&a.short_name, &b.short_name));
        sorted.into_iter().map(|p| p.name.as_str()).collect()
    }

    /// The 63 units before 1 July 2025, in the order of the data file.
    pub fn former_names(&self) -> Vec<&str> {
        self.list
            .iter()
            .flat_map(|p| p.former.iter().map(String::as_str))
            .collect()
    }
}

/// Orders Vietnamese text as a dictionary does: letters first (a ă â b c d đ e ê ... with
/// case ignored), tones only to break ties.
pub(crate) fn vietnamese_cmp(a: &str, b: &str) -> Ordering {
    let (ka, ta) = collation_key(a);
    let (kb, tb) = collation_key(b);
    ka.cmp(&kb).then(ta.cmp(&tb)).then(a.cmp(b))
}

/// Primary key (letters with their shape marks) and secondary key (tones) of a text.
fn collation_key(text: &str) -> (Vec<u32>, Vec<u8>) {
    let mut letters: Vec<u32> = Vec::new();
    let mut tones = Vec::new();
    let mut decomposed = Vec::with_capacity(text.len());
    for c in text.chars() {
        // Marks are classified one by one, so their canonical order does not matter.
        unicode_normalization::char::decompose_canonical(c, |d| decomposed.push(d));
    }
    for c in decomposed {
        let shape = match c {
            '\u{0306}' => Some(1), // breve: ă
            '\u{0302}' => Some(2), // circumflex: â ê ô
            '\u{031B}' => Some(3), // horn: ơ ư
            _ => None,
        };
        let tone = match c {
            '\u{0300}' => Some(1), // huyền
            '\u{0309}' => Some(2), // hỏi
            '\u{0303}' => Some(3), // ngã
            '\u{0301}' => Some(4), // sắc
            '\u{0323}' => Some(5), // nặng
            _ => None,
        };
        if let Some(shape) = shape {
            if let Some(last) = letters.last_mut() {
                *last += shape;
            }
        } else if let Some(tone) = tone {
            if let Some(last) = tones.last_mut() {
                *last = tone;
            }
        } else {
            let lower = c.to_lowercase().next().unwrap_or(c);
            let rank = match lower {
                'đ' => u32::from('d') * 4 + 1,
                c if c.is_whitespace() => 0,
                c => u32::from(c) * 4,
            };
            letters.push(rank);
            tones.push(0);
        }
    }
    (letters, tones)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thirty_four_units_six_cities() {
        let p = Provinces::builtin();
        assert_eq!(p.current().len(), 34);
        let cities: Vec<&str> = p
            .current()
            .iter()
            .filter(|p| p.centrally_run)
            .map(|p| p.short_name.as_str())
            .collect();
        assert_eq!(
            cities.len(),
            6,
            "Hà Nội, Hải Phòng, Huế, Đà Nẵng, TP Hồ Chí Minh, Cần Thơ"
        );
        for city in [
            "Hà Nội",
            "Hải Phòng",
            "Huế",
            "Đà Nẵng",
            "Hồ Chí Minh",
            "Cần Thơ",
        ] {
            assert!(p.get(city).unwrap().centrally_run, "{city}");
        }
        for p in p.current() {
            assert_eq!(p.centrally_run, p.name.starts_with("TP "), "{}", p.name);
        }
    }

    #[test]
    fn every_former_unit_has_a_successor() {
        let p = Provinces::builtin();
        let former = p.former_names();
        assert_eq!(former.len(), 63);
        let mut keys: Vec<String> = former.iter().map(|n| key(n)).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), 63, "former names are distinct");
        for unit in p.current() {
            for name in &unit.former {
                assert_eq!(p.successor(name).unwrap().name, unit.name, "{name}");
            }
        }
        let unchanged: Vec<&Province> =
            p.current().iter().filter(|u| u.former.len() == 1).collect();
        assert_eq!(unchanged.len(), 11);
        for unit in unchanged {
            assert_eq!(p.successor(&unit.former[0]), Some(unit));
            assert_eq!(unit.former[0], unit.short_name);
        }
        // Every current unit keeps its own name among its former units.
        for unit in p.current() {
            assert!(
                unit.former.iter().any(|f| key(f) == key(&unit.name)),
                "{}",
                unit.name
            );
        }
    }

    #[test]
    fn successors_tolerate_prefixes_case_and_diacritics() {
        let p = Provinces::builtin();
        let cases = [
            ("Yên Bái", "Lào Cai"),
            ("Đắk Nông", "Lâm Đồng"),
            ("Hải Dương", "TP Hải Phòng"),
            ("tỉnh Yên Bái", "Lào Cai"),
            ("TỈNH ĐẮK NÔNG", "Lâm Đồng"),
            ("dak nong", "Lâm Đồng"),
            ("Đăk Nông", "Lâm Đồng"),
            ("Hoà Bình", "Phú Thọ"),
            ("Bà Rịa - Vũng Tàu", "TP Hồ Chí Minh"),
            ("Bà Rịa Vũng Tàu", "TP Hồ Chí Minh"),
            ("Thành phố Hồ Chí Minh", "TP Hồ Chí Minh"),
            ("TP.HCM", "TP Hồ Chí Minh"),
            ("Thừa Thiên Huế", "TP Huế"),
            ("Kon Tum", "Quảng Ngãi"),
            ("Kontum", "Quảng Ngãi"),
            ("Hậu Giang", "TP Cần Thơ"),
            ("TP Cần Thơ", "TP Cần Thơ"),
            ("Quảng Nam", "TP Đà Nẵng"),
            ("Hà Nam", "Ninh Bình"),
            ("Thanh Hoá", "Thanh Hóa"),
            ("Hưng Yên", "Hưng Yên"),
            ("Thái Bình", "Hưng Yên"),
        ];
        for (name, expected) in cases {
            assert_eq!(
                p.successor(name).map(|p| p.name.as_str()),
                Some(expected),
                "{name}"
            );
        }
        assert_eq!(p.successor("Sài Gòn Mới"), None);
        assert_eq!(p.successor(""), None);
        assert_eq!(p.successor("tỉnh"), None);
    }

    #[test]
    fn current_names() {
        let p = Provinces::builtin();
        for name in [
            "Lào Cai",
            "tỉnh Lào Cai",
            "TP Hải Phòng",
            "Hải Phòng",
            "thành phố Huế",
            "TP HCM",
            "Đắk Lắk",
        ] {
            assert!(p.is_current(name), "{name}");
        }
        for name in [
            "Yên Bái",
            "Đắk Nông",
            "Hải Dương",
            "Thừa Thiên Huế",
            "Bình Dương",
        ] {
            assert!(!p.is_current(name), "{name}");
        }
        for unit in p.current() {
            assert_eq!(p.get(&unit.name), Some(unit));
            assert_eq!(p.get(&unit.official_name()), Some(unit));
        }
    }

    #[test]
    fn sorted_names_follow_the_vietnamese_alphabet() {
        let provinces = Provinces::builtin();
        let names = provinces.sorted_names();
        assert_eq!(names.len(), 34);
        let d = names.iter().position(|n| *n == "TP Đà Nẵng").unwrap();
        let dong_thap = names.iter().position(|n| *n == "Đồng Tháp").unwrap();
        let dong_nai = names.iter().position(|n| *n == "Đồng Nai").unwrap();
        let gia_lai = names.iter().position(|n| *n == "Gia Lai").unwrap();
        assert!(d < dong_nai && dong_nai < dong_thap && dong_thap < gia_lai);
        // Đ sorts after every D-word; there is none among the 34, so check the order directly.
        assert_eq!(vietnamese_cmp("Đà", "Dz"), Ordering::Greater);
        assert_eq!(vietnamese_cmp("Ăn", "Az"), Ordering::Greater);
        assert_eq!(vietnamese_cmp("Cà", "Ca"), Ordering::Greater);
        assert_eq!(vietnamese_cmp("Cà Mau", "Cao Bằng"), Ordering::Less);
        assert_eq!(vietnamese_cmp("Cao Bằng", "Cần Thơ"), Ordering::Less);
    }

    #[test]
    fn user_copies_load() {
        let json = r#"{"provinces": [{"name": "Lào Cai", "former": ["Lào Cai", "Yên Bái"]}]}"#;
        let p = Provinces::from_json(json).unwrap();
        assert_eq!(p.current()[0].short_name, "Lào Cai");
        assert_eq!(p.successor("Yên Bái").unwrap().name, "Lào Cai");
        assert!(Provinces::from_json("{}").is_err());
    }
}
