//! Findings in a task's agency names: a word typed twice ("Sở Sở Nội vụ"), and one agency
//! written both as lead and as partner.

use unicode_normalization::char::is_combining_mark;

use super::{finding, Finding, FindingKind};
use crate::domain::agency::AgencyField;
use crate::domain::plan::{RowId, Task};
use crate::domain::text::{canonical_tone_placement, fold_words};

/// The first word written twice in a row in a name ("Sở" in "Sở Sở Nội vụ"): words apart
/// only by spaces, compared without case and with either tone placement ("Hoá hóa").
fn doubled_word(name: &str) -> Option<&str> {
    let mut previous: Option<String> = None;
    for word in name.split_whitespace() {
        if !word
            .chars()
            .all(|c| c.is_alphabetic() || is_combining_mark(c))
        {
            previous = None;
            continue;
        }
        let key = canonical_tone_placement(word);
        if previous.as_ref() == Some(&key) {
            return Some(word);
        }
        previous = Some(key);
    }
    None
}

pub(super) fn doubled_word_findings(id: RowId, task: &Task, out: &mut Vec<Finding>) {
    for (field, list) in [
        (AgencyField::Lead, &task.lead),
        (AgencyField::Partners, &task.partners),
    ] {
        for name in list {
            if let Some(word) = doubled_word(name) {
                out.push(finding(
                    id,
                    FindingKind::DoubledWord,
                    format!(
                        "{}: “{}” có từ “{word}” gõ lặp hai lần liền nhau",
                        field.label(),
                        name.trim()
                    ),
                ));
            }
        }
    }
}

/// An agency written both as lead and as partner of the task (compared without case, marks
/// or spacing): it cannot co-operate with itself.
pub(super) fn lead_partner_findings(id: RowId, task: &Task, out: &mut Vec<Finding>) {
    let key = |name: &str| fold_words(name).join(" ");
    for lead in task.lead.iter().filter(|l| !l.trim().is_empty()) {
        let lead_key = key(lead);
        if task.partners.iter().any(|p| key(p) == lead_key) {
            out.push(finding(
                id,
                FindingKind::LeadAlsoPartner,
                format!(
                    "“{}” vừa là cơ quan chủ trì vừa là cơ quan phối hợp: bỏ ở cột phối hợp",
                    lead.trim()
                ),
            ));
        }
    }
}
