//! Template data: the plain types a template file holds (sources, templates, areas, PAR INDEX
//! criteria), shared by the file format, the library and search.
//!
//! A leaf: it knows no file format, no library lookups and no search; those modules build on it.

use serde::{Deserialize, Serialize};

use super::money::Money;

/// A reform area (lĩnh vực), as a stable key; the files store the snake_case name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaKey {
    /// Công tác chỉ đạo, điều hành.
    Direction,
    /// Cải cách thể chế.
    Institutions,
    /// Cải cách thủ tục hành chính.
    Procedures,
    /// Cải cách tổ chức bộ máy hành chính nhà nước.
    Organisation,
    /// Cải cách chế độ công vụ.
    CivilService,
    /// Cải cách tài chính công.
    PublicFinance,
    /// Xây dựng và phát triển Chính quyền điện tử, Chính quyền số.
    DigitalGovernment,
    /// Phân cấp quản lý nhà nước.
    Decentralisation,
    /// Phát triển kinh tế - xã hội (a PAR INDEX area).
    SocioEconomic,
    /// Anything else.
    Other,
}

impl AreaKey {
    /// Every area, in the order plans use.
    pub const ALL: [AreaKey; 10] = [
        AreaKey::Direction,
        AreaKey::Institutions,
        AreaKey::Procedures,
        AreaKey::Organisation,
        AreaKey::CivilService,
        AreaKey::PublicFinance,
        AreaKey::DigitalGovernment,
        AreaKey::Decentralisation,
        AreaKey::SocioEconomic,
        AreaKey::Other,
    ];

    /// The key written in files: "direction", "civil_service", ...
    pub fn key(self) -> &'static str {
        match self {
            AreaKey::Direction => "direction",
            AreaKey::Institutions => "institutions",
            AreaKey::Procedures => "procedures",
            AreaKey::Organisation => "organisation",
            AreaKey::CivilService => "civil_service",
            AreaKey::PublicFinance => "public_finance",
            AreaKey::DigitalGovernment => "digital_government",
            AreaKey::Decentralisation => "decentralisation",
            AreaKey::SocioEconomic => "socio_economic",
            AreaKey::Other => "other",
        }
    }

    /// The area for a key written in files.
    pub fn from_key(key: &str) -> Option<AreaKey> {
        AreaKey::ALL.into_iter().find(|a| a.key() == key)
    }

    /// The standard Vietnamese heading of the area.
    pub fn title_vi(&self) -> &'static str {
        match self {
            AreaKey::Direction => "Công tác chỉ đạo, điều hành",
            AreaKey::Institutions => "Cải cách thể chế",
            AreaKey::Procedures => "Cải cách thủ tục hành chính",
            AreaKey::Organisation => "Cải cách tổ chức bộ máy hành chính nhà nước",
            AreaKey::CivilService => "Cải cách chế độ công vụ",
            AreaKey::PublicFinance => "Cải cách tài chính công",
            AreaKey::DigitalGovernment => {
                "Xây dựng và phát triển Chính quyền điện tử, Chính quyền số"
            }
            AreaKey::Decentralisation => "Phân cấp quản lý nhà nước",
            AreaKey::SocioEconomic => "Phát triển kinh tế - xã hội",
            AreaKey::Other => "Nhiệm vụ khác",
        }
    }
}

/// A document templates were drawn from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    /// The id templates refer to, e.g. "seed-002".
    pub id: String,
    /// The seed file name, for built-in sources.
    #[serde(default)]
    pub file: String,
    #[serde(default)]
    pub province: String,
    /// The year the plan is for.
    #[serde(default)]
    pub year: Option<i32>,
    /// The issuing document's number as written, e.g. "1887/QĐ-UBND"; empty if not given.
    #[serde(default)]
    pub document: String,
    /// The issuing date as written, e.g. "18/12/2020"; empty if not given.
    #[serde(default)]
    pub document_date: String,
    #[serde(default)]
    pub title: String,
}

impl Source {
    /// Where a template comes from, for people: province and year, then the issuing
    /// document with its kind ("Đắk Nông 2021, QĐ 1887/QĐ-UBND"; "Hưng Yên 2024").
    pub fn provenance(&self) -> String {
        let mut out = self.province.clone();
        if let Some(year) = self.year {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&year.to_string());
        }
        if !self.document.is_empty() {
            if !out.is_empty() {
                out.push_str(", ");
            }
            // "1887/QĐ-UBND" is a Quyết định (QĐ), "271/KH-UBND" a Kế hoạch (KH).
            let kind = self
                .document
                .split('/')
                .nth(1)
                .and_then(|s| s.split('-').next())
                .filter(|k| !k.is_empty() && !k.chars().any(|c| c.is_ascii_digit()));
            if let Some(kind) = kind {
                out.push_str(kind);
                out.push(' ');
            }
            out.push_str(&self.document);
        }
        if out.is_empty() {
            out = self.id.clone();
        }
        out
    }
}

/// A PAR INDEX criterion a template answers, with the score that prompted it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Criterion {
    /// The criterion code, e.g. "3.2.1".
    pub code: String,
    /// Its name, as the source wrote it.
    #[serde(default)]
    pub title: String,
    /// Points achieved out of the maximum, as written: "0/0,5".
    #[serde(default)]
    pub score: String,
    /// The year of that score.
    #[serde(default)]
    pub year: Option<i32>,
}

impl Criterion {
    /// The criterion as a drafter reads it: "Tiêu chí 3.2.1: 0/0,5".
    pub fn label(&self) -> String {
        if self.score.is_empty() {
            format!("Tiêu chí {}", self.code)
        } else {
            format!("Tiêu chí {}: {}", self.code, self.score)
        }
    }
}

/// One reusable task. Unknown fields in a file are ignored (see docs/file-format.md).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Template {
    /// Stable id; built-in ids never change.
    pub id: String,
    /// The id of its [`Source`].
    pub source: String,
    pub area: AreaKey,
    /// The area heading as the source wrote it.
    #[serde(default)]
    pub area_title: String,
    /// Group headings above the task, outermost first.
    #[serde(default)]
    pub group: Vec<String>,
    /// The id of the template this one is a sub-task of.
    #[serde(default)]
    pub parent: Option<String>,
    /// "Nội dung, nhiệm vụ".
    pub content: String,
    /// "Sản phẩm".
    #[serde(default)]
    pub product: String,
    /// "Cơ quan chủ trì".
    #[serde(default)]
    pub lead: Vec<String>,
    /// "Cơ quan phối hợp".
    #[serde(default)]
    pub partners: Vec<String>,
    /// "Thời gian thực hiện", exactly as written.
    #[serde(default)]
    pub deadline: String,
    /// "Kinh phí" in triệu đồng.
    #[serde(default)]
    pub budget: Option<Money>,
    /// "Ghi chú".
    #[serde(default)]
    pub note: String,
    /// PAR INDEX criteria the task answers (seed 001).
    #[serde(default)]
    pub criteria: Vec<Criterion>,
    /// Where the curation repaired the seed's text (built-in templates only): what the seed
    /// had and why it was repaired. Written only when there is one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub repairs: Vec<Repair>,
    /// Set on an imported template whose content matches an existing template with other
    /// details: the id of that template, so the library can mark the pair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub similar_to: Option<String>,
}

impl Template {
    /// A template with its required fields; everything else empty.
    pub fn new(
        id: impl Into<String>,
        source: impl Into<String>,
        area: AreaKey,
        content: impl Into<String>,
    ) -> Template {
        Template {
            id: id.into(),
            source: source.into(),
            area,
            area_title: String::new(),
            group: Vec::new(),
            parent: None,
            content: content.into(),
            product: String::new(),
            lead: Vec::new(),
            partners: Vec::new(),
            deadline: String::new(),
            budget: None,
            note: String::new(),
            criteria: Vec::new(),
            repairs: Vec::new(),
            similar_to: None,
        }
    }
}

/// One repair of a seed's text by the curation (tools/curate_seeds.py): the field, the
/// cell exactly as the seed has it, and why it was repaired (Vietnamese).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Repair {
    /// The template field repaired: "content", "product", "lead", "partners", "note", ...
    pub field: String,
    /// The cell as the seed has it (an agency cell before it is split into a list).
    pub seed: String,
    pub why: String,
}

/// The content of one template file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TemplateSet {
    pub sources: Vec<Source>,
    pub templates: Vec<Template>,
}
