//! The default wording of each section, in the style of the seed plans, with the plan's
//! province, year, number, areas, lead agencies and budget filled in.

use super::Section;
use crate::domain::plan::{Plan, RowKind};
use crate::domain::words::{amount_in_words, WordsStyle};
use crate::domain::workbook::{date_phrase, province_phrase};

/// Abbreviations kept in capitals when an area title in capitals is written in sentence case.
const ABBREVIATIONS: &[&str] = &[
    "CCHC", "TTHC", "QPPL", "VBQPPL", "UBND", "HĐND", "CBCCVC", "CBCC", "DVC", "ĐVSNCL", "CNTT",
    "ISO", "TCVN", "PAR", "INDEX", "SIPAS", "PAPI", "PCI", "BCCI",
];

/// The default text of a section for this plan.
pub fn default_text(plan: &Plan, section: Section, words: WordsStyle) -> String {
    let year = plan.year;
    let official = province_phrase(&plan.province);
    match section {
        Section::Subject => format!("Cải cách hành chính nhà nước {official} năm {year}"),
        Section::PlaceDate => place_date(plan),
        Section::Basis => basis(year, &official),
        Section::Purpose => purpose(year, &official),
        Section::Tasks => tasks(plan),
        Section::Budget => budget(plan, words),
        Section::Organisation => organisation(plan, &official),
        Section::Recipients => RECIPIENTS.to_string(),
        Section::Signature => SIGNATURE.to_string(),
    }
}

/// The province's name alone, for the place line: "Hải Phòng" for "TP Hải Phòng".
pub fn province_short_name(province: &str) -> String {
    let official = province_phrase(province);
    ["thành phố ", "Thành phố ", "tỉnh ", "Tỉnh "]
        .iter()
        .find_map(|prefix| official.strip_prefix(prefix))
        .unwrap_or(&official)
        .to_string()
}

/// "Lào Cai, ngày 16 tháng 12 năm 2026" from the plan's issuing date, else with dots for
/// the day and month of the year before the plan's (plans are issued in December).
fn place_date(plan: &Plan) -> String {
    let place = province_short_name(&plan.province);
    if plan.document_date.trim().is_empty() {
        format!("{place}, ngày ... tháng ... năm {}", plan.year - 1)
    } else {
        format!("{place}, {}", date_phrase(&plan.document_date))
    }
}

fn basis(year: i32, official: &str) -> String {
    format!(
        "Thực hiện Nghị quyết số 76/NQ-CP ngày 15 tháng 7 năm 2021 của Chính phủ ban hành \
         Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030; Chỉ thị số \
         23/CT-TTg ngày 02 tháng 9 năm 2021 của Thủ tướng Chính phủ về việc đẩy mạnh thực hiện \
         Chương trình tổng thể cải cách hành chính nhà nước giai đoạn 2021 - 2030; Kế hoạch \
         cải cách hành chính nhà nước giai đoạn 2021 - 2025 của Ủy ban nhân dân {official},\n\
         Ủy ban nhân dân {official} ban hành Kế hoạch cải cách hành chính nhà nước năm {year} \
         như sau:"
    )
}

fn purpose(year: i32, official: &str) -> String {
    format!(
        "1. Mục đích\n\
         - Tiếp tục thực hiện có hiệu quả các văn bản chỉ đạo của Trung ương, của các bộ, ngành \
         và của {official} về công tác cải cách hành chính (CCHC).\n\
         - Nâng cao Chỉ số cải cách hành chính (PAR INDEX), Chỉ số hài lòng về sự phục vụ hành \
         chính (SIPAS) của {official} năm {year}.\n\
         - Cải thiện và nâng cao chất lượng phục vụ của cơ quan hành chính nhà nước đối với \
         người dân, tổ chức và doanh nghiệp.\n\
         2. Yêu cầu\n\
         - Các nhiệm vụ CCHC năm {year} phải cụ thể, rõ sản phẩm, thời gian hoàn thành và \
         trách nhiệm của cơ quan chủ trì, cơ quan phối hợp.\n\
         - Triển khai đúng, đủ, toàn diện, hiệu quả các nội dung của Kế hoạch, phù hợp với \
         điều kiện thực tế của cơ quan, đơn vị, địa phương.\n\
         - Gắn kết quả thực hiện nhiệm vụ CCHC với đánh giá, xếp loại chất lượng cán bộ, công \
         chức, viên chức và bình xét thi đua, khen thưởng hằng năm."
    )
}

/// One heading per area of the plan, each with its number of tasks and "Chi tiết tại
/// Phụ lục I".
fn tasks(plan: &Plan) -> String {
    let mut areas: Vec<(String, usize)> = Vec::new();
    for row in plan.rows() {
        match row.kind() {
            RowKind::Area => areas.push((sentence_case(row.text()), 0)),
            RowKind::Task => {
                if let Some(area) = areas.last_mut() {
                    area.1 += 1;
                }
            }
            RowKind::Group => {}
        }
    }
    let mut out = vec![format!(
        "Các nhiệm vụ CCHC năm {} được phân công cụ thể theo từng lĩnh vực (chi tiết tại \
         Phụ lục I kèm theo Kế hoạch này):",
        plan.year
    )];
    for (i, (title, count)) in areas.iter().enumerate() {
        let title = if title.trim().is_empty() {
            "(Lĩnh vực chưa đặt tên)"
        } else {
            title.trim()
        };
        out.push(format!("{}. {title}", i + 1));
        out.push(format!("Gồm {count} nhiệm vụ. Chi tiết tại Phụ lục I."));
    }
    out.join("\n")
}

fn budget(plan: &Plan, words: WordsStyle) -> String {
    let mut out = Vec::new();
    let totals = plan.budget_totals();
    if totals.any && totals.overflow.is_none() {
        out.push(format!(
            "Tổng kinh phí thực hiện các nhiệm vụ tại Phụ lục I là {} triệu đồng (Bằng chữ: {}).",
            totals.grand,
            amount_in_words(totals.grand, words)
        ));
    }
    out.push(
        "Kinh phí thực hiện các nhiệm vụ CCHC do ngân sách nhà nước bảo đảm, được bố trí trong \
         dự toán chi ngân sách hằng năm của các cơ quan, đơn vị theo phân cấp hiện hành. Các \
         cơ quan, đơn vị lập dự toán, quản lý, sử dụng và thanh quyết toán kinh phí theo quy \
         định."
            .to_string(),
    );
    out.join("\n")
}

/// A paragraph per lead agency of the plan (Sở Nội vụ first, as the standing agency), in
/// the order they first lead a task, then the closing paragraphs.
fn organisation(plan: &Plan, official: &str) -> String {
    let mut agencies: Vec<(String, usize)> = Vec::new();
    for task in plan.rows().iter().filter_map(|r| r.task()) {
        for lead in task.lead.iter().map(|a| a.trim()).filter(|a| !a.is_empty()) {
            match agencies.iter_mut().find(|(name, _)| name == lead) {
                Some(agency) => agency.1 += 1,
                None => agencies.push((lead.to_string(), 1)),
            }
        }
    }
    if let Some(pos) = agencies.iter().position(|(name, _)| name == "Sở Nội vụ") {
        let home = agencies.remove(pos);
        agencies.insert(0, home);
    }
    let mut out = Vec::new();
    for (i, (name, count)) in agencies.iter().enumerate() {
        out.push(format!("{}. {name}", i + 1));
        let standing = if name == "Sở Nội vụ" {
            format!(
                "Là cơ quan thường trực về công tác CCHC, giúp Ủy ban nhân dân {official} theo \
                 dõi, hướng dẫn, đôn đốc, kiểm tra việc thực hiện Kế hoạch này; tổng hợp, báo \
                 cáo kết quả theo quy định. "
            )
        } else {
            String::new()
        };
        out.push(format!(
            "{standing}Chủ trì, phối hợp với các cơ quan, đơn vị liên quan tổ chức thực hiện \
             {count} nhiệm vụ được giao tại Phụ lục I, bảo đảm chất lượng và thời gian hoàn thành."
        ));
    }
    out.push(format!(
        "Thủ trưởng các sở, ban, ngành; Chủ tịch Ủy ban nhân dân các xã, phường căn cứ Kế \
         hoạch này xây dựng kế hoạch CCHC của cơ quan, đơn vị, địa phương; định kỳ báo cáo kết \
         quả thực hiện về Ủy ban nhân dân {official} (qua Sở Nội vụ) để tổng hợp.\n\
         Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, các cơ quan, đơn vị, địa \
         phương phản ánh về Sở Nội vụ để tổng hợp, báo cáo Ủy ban nhân dân {official} xem \
         xét, chỉ đạo./."
    ));
    out.join("\n")
}

const RECIPIENTS: &str = "- Bộ Nội vụ;\n\
- TT Tỉnh ủy, TT HĐND tỉnh;\n\
- Chủ tịch, các Phó Chủ tịch UBND tỉnh;\n\
- Các sở, ban, ngành tỉnh;\n\
- UBND các xã, phường;\n\
- Lưu: VT, NC.";

/// The titles above the signature, a blank line, then the signer's name.
const SIGNATURE: &str = "TM. ỦY BAN NHÂN DÂN\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nHọ và tên người ký";

/// An area title in capitals ("CẢI CÁCH THỂ CHẾ") in sentence case ("Cải cách thể chế"),
/// abbreviations kept; a title with small letters is kept as it is.
fn sentence_case(title: &str) -> String {
    if title.chars().any(char::is_lowercase) {
        return title.to_string();
    }
    let mut out = String::with_capacity(title.len());
    for (i, word) in title.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let bare = word.trim_matches(|c: char| !c.is_alphanumeric());
        if ABBREVIATIONS.contains(&bare) {
            out.push_str(word);
        } else if i == 0 {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                out.push(first);
                out.extend(chars.flat_map(char::to_lowercase));
            }
        } else {
            out.extend(word.chars().flat_map(char::to_lowercase));
        }
    }
    out
}

#[cfg(test)]
pub(super) fn sentence_case_for_tests(title: &str) -> String {
    sentence_case(title)
}
