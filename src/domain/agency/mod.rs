//! Agencies: the directory behind the agency autocomplete, and the 2025 rename table.
//!
//! Both come from one editable data file, `data/agencies.json`, embedded in the app; a user
//! may load a corrected copy with [`Directory::from_json`] and [`RenameTable::from_json`].
//!
//! The file holds `agencies` (each: `name`; `kind`: department, committee, district_level,
//! commune_level, central or other; `current`, true unless given; `some_provinces`; `aliases`;
//! `note`) and `renames` (each: `old`; `variants`; `new`; `note`; `district_level`).
//!
//! Names are compared word by word, without case or diacritics, ignoring punctuation, with
//! "&" read as "và": "Sở Giáo dục & Đào tạo" is "Sở Giáo dục và Đào tạo", and
//! "Sở Lao động, Thương binh và Xã hội" is "Sở Lao động - Thương binh và Xã hội".
//!
//! ```
//! use cchc_plan::domain::agency::{is_district_level, Directory, RenameTable};
//! let directory = Directory::builtin();
//! assert_eq!(directory.suggest("noi vu", 5)[0], "Sở Nội vụ");
//!
//! let renames = RenameTable::builtin();
//! assert_eq!(renames.renamed("Sở Kế hoạch và Đầu tư").unwrap(), "Sở Tài chính");
//! assert_eq!(
//!     renames.renamed("Các Sở, Ban, ngành, UBND cấp huyện").unwrap(),
//!     "Các Sở, Ban, ngành, UBND các xã, phường, đặc khu"
//! );
//! assert!(is_district_level("UBND các huyện, thị xã, thành phố"));
//! ```
//!
//! Files by job: `matching.rs` (names as folded words; which level a name addresses),
//! `directory.rs` (the autocomplete), `renames.rs` (the 2025 rename table and its proposals),
//! `suggest.rs` (the agency cell as typed); tests beside. Nothing here changes a plan except
//! [`RenameTable::apply`], with the proposals a drafter accepted.

use serde::{Deserialize, Serialize};

mod directory;
mod matching;
mod renames;
mod suggest;

pub use directory::Directory;
pub use matching::{is_commune_level, is_district_level};
pub use renames::{AgencyField, Occurrence, RenameProposal, RenameTable};
pub use suggest::{
    choices_in_cell, complete_last_agency, last_agency, split_agencies, suggest_in_cell,
    AgencyChoice,
};

/// The built-in data file.
const BUILTIN: &str = include_str!("../../../data/agencies.json");

/// What sort of body an agency is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AgencyKind {
    /// A provincial department (sở) or a body of the same rank (Văn phòng UBND tỉnh, Thanh tra tỉnh).
    Department,
    /// The People's Committee, its chair, steering committees and their teams.
    Committee,
    /// A district-level body (cấp huyện), gone from 1 July 2025.
    DistrictLevel,
    /// A commune-level body (cấp xã: xã, phường, đặc khu).
    CommuneLevel,
    /// A ministry, a ministerial-level agency or another central body (Bộ Nội vụ, Văn phòng
    /// Chính phủ, Thủ tướng Chính phủ): provincial plans name them as partners.
    Central,
    /// Anything else: groups of agencies, the press, unions, central agencies in the province.
    Other,
}

fn yes() -> bool {
    true
}

fn is_false(value: &bool) -> bool {
    !value
}

/// One entry of the agency directory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agency {
    /// The name as drafters write it, offered by the autocomplete.
    pub name: String,
    pub kind: AgencyKind,
    /// Whether the agency exists after the 2025 reorganisation.
    #[serde(default = "yes")]
    pub current: bool,
    /// Exists only in some provinces (Sở Ngoại vụ, Sở Dân tộc và Tôn giáo, ...).
    #[serde(default, skip_serializing_if = "is_false")]
    pub some_provinces: bool,
    /// Other spellings and abbreviations ("Sở TT&TT"); typed aliases suggest the name.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// One line of the rename table: an outdated name and what replaces it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenameRule {
    /// The outdated name, as the seeds write it.
    pub old: String,
    /// Other spellings of the outdated name; directory aliases of `old` are added on loading.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub variants: Vec<String>,
    /// The proposed replacement.
    pub new: String,
    /// Why, in Vietnamese, shown next to the proposal.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    /// The rule re-assigns a district-level addressee (no longer exists from 1/7/2025).
    #[serde(default, skip_serializing_if = "is_false")]
    pub district_level: bool,
}

/// The content of `data/agencies.json`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AgencyData {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub about: String,
    #[serde(default)]
    pub agencies: Vec<Agency>,
    #[serde(default)]
    pub renames: Vec<RenameRule>,
}

impl AgencyData {
    /// The data embedded in the app.
    pub fn builtin() -> AgencyData {
        AgencyData::from_json(BUILTIN).expect("data/agencies.json is valid")
    }

    /// Reads a (possibly user-edited) copy of `data/agencies.json`.
    ///
    /// # Errors
    /// The JSON error when the text is not an agency file of that shape.
    pub fn from_json(json: &str) -> Result<AgencyData, serde_json::Error> {
        serde_json::from_str(json)
    }

    /// Writes the data back as pretty JSON, for a user to edit.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("agency data serialises")
    }
}

#[cfg(test)]
mod tests;
