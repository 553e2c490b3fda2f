//! The plan document's sections as a plan stores them: which sections there are and the
//! texts the drafter edited. A leaf module, so that `plan` can hold them while
//! `plan_document` (which reads the plan to write each section's default) stays above it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One editable part of the plan document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Section {
    /// The subject line under "KẾ HOẠCH".
    Subject,
    /// "Lào Cai, ngày ... tháng ... năm 2026".
    PlaceDate,
    /// The opening paragraphs: what the plan implements.
    Basis,
    Purpose,
    Tasks,
    Budget,
    Organisation,
    Recipients,
    /// TM. ỦY BAN NHÂN DÂN, KT. CHỦ TỊCH, PHÓ CHỦ TỊCH, then the signer's name.
    Signature,
}

impl Section {
    /// Every section, in the order the editor shows them.
    pub const ALL: [Section; 9] = [
        Section::Subject,
        Section::PlaceDate,
        Section::Basis,
        Section::Purpose,
        Section::Tasks,
        Section::Budget,
        Section::Organisation,
        Section::Recipients,
        Section::Signature,
    ];

    /// The section's name in the editor (the accessible name of its text box).
    pub fn title(self) -> &'static str {
        match self {
            Section::Subject => "Trích yếu",
            Section::PlaceDate => "Địa danh, ngày tháng",
            Section::Basis => "Căn cứ",
            Section::Purpose => "I. Mục đích, yêu cầu",
            Section::Tasks => "II. Nhiệm vụ",
            Section::Budget => "III. Kinh phí",
            Section::Organisation => "IV. Tổ chức thực hiện",
            Section::Recipients => "Nơi nhận",
            Section::Signature => "Chữ ký",
        }
    }

    /// The heading printed above the section's paragraphs in the document, if any.
    pub fn heading(self) -> Option<&'static str> {
        match self {
            Section::Purpose => Some("I. MỤC ĐÍCH, YÊU CẦU"),
            Section::Tasks => Some("II. NHIỆM VỤ"),
            Section::Budget => Some("III. KINH PHÍ"),
            Section::Organisation => Some("IV. TỔ CHỨC THỰC HIỆN"),
            _ => None,
        }
    }

    /// The key a stored plan uses for the section.
    pub fn key(self) -> &'static str {
        match self {
            Section::Subject => "subject",
            Section::PlaceDate => "place_date",
            Section::Basis => "basis",
            Section::Purpose => "purpose",
            Section::Tasks => "tasks",
            Section::Budget => "budget",
            Section::Organisation => "organisation",
            Section::Recipients => "recipients",
            Section::Signature => "signature",
        }
    }

    /// The section stored under `key`.
    pub fn from_key(key: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| s.key() == key)
    }
}

/// The sections the drafter edited, as typed. Stored with the plan (`"document"`), as a
/// map from [`Section::key`] to the text; keys this version does not know (written by a
/// newer one) are kept and written back unchanged.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "BTreeMap<String, String>", into = "BTreeMap<String, String>")]
pub struct PlanDocument {
    edited: BTreeMap<Section, String>,
    other: BTreeMap<String, String>,
}

impl From<BTreeMap<String, String>> for PlanDocument {
    fn from(map: BTreeMap<String, String>) -> PlanDocument {
        let mut document = PlanDocument::default();
        for (key, text) in map {
            match Section::from_key(&key) {
                Some(section) => {
                    document.edited.insert(section, text);
                }
                None => {
                    document.other.insert(key, text);
                }
            }
        }
        document
    }
}

impl From<PlanDocument> for BTreeMap<String, String> {
    fn from(document: PlanDocument) -> BTreeMap<String, String> {
        let mut map = document.other;
        map.extend(
            document
                .edited
                .into_iter()
                .map(|(section, text)| (section.key().to_string(), text)),
        );
        map
    }
}

impl PlanDocument {
    /// Whether no section was edited (and nothing unknown is kept).
    pub fn is_empty(&self) -> bool {
        self.edited.is_empty() && self.other.is_empty()
    }

    /// The text the drafter typed in a section, if they edited it.
    pub fn edited(&self, section: Section) -> Option<&str> {
        self.edited.get(&section).map(String::as_str)
    }

    /// Keeps `text` as the section's text from now on; returns whether anything changed.
    pub fn set(&mut self, section: Section, text: String) -> bool {
        if self.edited(section) == Some(text.as_str()) {
            return false;
        }
        self.edited.insert(section, text);
        true
    }

    /// Makes the section follow the plan again; returns whether it was edited.
    pub fn reset(&mut self, section: Section) -> bool {
        self.edited.remove(&section).is_some()
    }
}
