//! The analysis on tables as provinces write them (built from tab-separated text).

use super::clipboard::{from_html, from_tsv};
use super::*;
use crate::domain::money::Money;

fn doc(tsv: &str, paragraphs: &[&str]) -> SourceDocument {
    SourceDocument {
        tables: vec![from_tsv(tsv)],
        paragraphs: paragraphs.iter().map(|p| p.to_string()).collect(),
    }
}

fn outline(draft: &ImportDraft) -> Vec<(String, String, String)> {
    draft
        .preview_rows(usize::MAX)
        .into_iter()
        .map(|r| (r.number, r.level, r.content))
        .collect()
}

const SEED_LIKE: &str = "STT\tNội dung nhiệm vụ\tCơ quan chủ trì\tCơ quan phối hợp\tThời gian hoàn thành\tKinh phí (triệu đồng)\tGhi chú\n\
(1)\t(2)\t(3)\t(4)\t(5)\t(6)\t(7)\n\
I\tCẢI CÁCH THỂ CHẾ\t\t\t\t15\t\n\
1\tXây dựng văn bản\t\t\t\t15\t\n\
1.1\tRà soát văn bản\tSở Tư pháp\tCác sở, ngành\tQuý IV\t10\t\n\
1.2\tKiểm tra văn bản\tSở Tư pháp\t\tNăm 2022\t5\tđịnh kỳ\n\
II\tCẢI CÁCH THỦ TỤC HÀNH CHÍNH\t\t\t\t\t\n\
1\tCông bố thủ tục\tVăn phòng UBND tỉnh\tSở Nội vụ; Đài PTTH\tThường xuyên\tNgân sách tỉnh\t\n\
Tổng cộng\t\t\t\t\t15\t\n";

#[test]
fn a_seed_like_table_becomes_areas_groups_and_tasks() {
    let draft = ImportDraft::analyse(
        &doc(
            SEED_LIKE,
            &["ỦY BAN NHÂN DÂN TỈNH ĐẮK NÔNG", "Số: 271/KH-UBND"],
        ),
        None,
    )
    .unwrap();
    assert_eq!(
        outline(&draft),
        [
            ("I".into(), "Lĩnh vực".into(), "CẢI CÁCH THỂ CHẾ".into()),
            ("1".into(), "Nhóm".into(), "Xây dựng văn bản".into()),
            ("1.1".into(), "Nhiệm vụ".into(), "Rà soát văn bản".into()),
            ("1.2".into(), "Nhiệm vụ".into(), "Kiểm tra văn bản".into()),
            (
                "II".into(),
                "Lĩnh vực".into(),
                "CẢI CÁCH THỦ TỤC HÀNH CHÍNH".into()
            ),
            ("1".into(), "Nhiệm vụ".into(), "Công bố thủ tục".into()),
        ]
    );
    let counts = draft.counts();
    assert_eq!(
        (counts.areas, counts.groups, counts.tasks, counts.budgets),
        (2, 1, 3, 2)
    );
    assert_eq!(counts.total, Money::from_trieu(15));
    let fields: Vec<Field> = draft.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            Field::Number,
            Field::Content,
            Field::Lead,
            Field::Partners,
            Field::Deadline,
            Field::Budget,
            Field::Note
        ]
    );
    let plan = draft.to_plan("p");
    assert_eq!(plan.province, "Đắk Nông");
    assert_eq!(plan.document_number, "271/KH-UBND");
    let last = plan.rows().last().unwrap().task().unwrap();
    assert_eq!(last.partners, ["Sở Nội vụ", "Đài PTTH"]);
    assert_eq!(last.note, "Kinh phí: Ngân sách tỉnh");
    assert!(
        draft
            .warnings
            .iter()
            .any(|w| w.starts_with("Dòng 8:") && w.contains("Ngân sách tỉnh")),
        "{:?}",
        draft.warnings
    );
    assert!(
        draft.warnings.iter().any(|w| w.starts_with("Dòng 9:")),
        "{:?}",
        draft.warnings
    );
    assert_eq!(plan.rows()[3].task().unwrap().note, "định kỳ");
}

#[test]
fn unmapped_columns_go_to_the_note_and_mapping_can_change() {
    let tsv = "Nhiệm vụ\tNgười chịu trách nhiệm\tTiến độ\tTT\nRà soát\tÔng A\tQuý I\t1\n";
    let mut draft = ImportDraft::analyse(&doc(tsv, &[]), None).unwrap();
    let plan = draft.to_plan("p");
    let task = plan.rows()[1].task().unwrap();
    assert_eq!(task.note, "Người chịu trách nhiệm: Ông A");
    assert_eq!(task.deadline, "Quý I");
    assert_eq!(plan.rows()[0].text(), DEFAULT_AREA);
    draft.set_field(1, Field::Lead);
    assert_eq!(draft.preview_rows(1)[0].lead, "Ông A");
    assert_eq!(draft.unknown_agencies, ["Ông A"]);
    draft.set_field(1, Field::Ignore);
    assert_eq!(draft.to_plan("p").rows()[1].task().unwrap().note, "");
}

#[test]
fn dong_columns_are_converted() {
    let tsv = "TT\tNội dung\tKinh phí (đồng)\nI\tTHỂ CHẾ\t\n1\tRà soát\t1.500.000.000\n2\tIn ấn\t250.500.000\n";
    let draft = ImportDraft::analyse(&doc(tsv, &[]), None).unwrap();
    assert!(draft.budget_in_dong);
    assert_eq!(draft.counts().total, Money::from_thousandths(1_750_500));
    assert_eq!(draft.preview_rows(3)[2].budget, "250,5");
}

#[test]
fn two_row_header_repeated_headers_and_merges() {
    let html = r#"<table>
<tr><td rowspan="2">TT</td><td rowspan="2">Nội dung</td><td colspan="2">Cơ quan thực hiện</td><td rowspan="2">Kinh phí</td></tr>
<tr><td>Chủ trì</td><td>Phối hợp</td></tr>
<tr><td colspan="5"><b>I. CẢI CÁCH THỂ CHẾ</b></td></tr>
<tr><td>TT</td><td>Nội dung</td><td>Chủ trì</td><td>Phối hợp</td><td>Kinh phí</td></tr>
<tr><td>1</td><td>Rà soát</td><td rowspan="2">Sở Tư pháp</td><td>Sở Nội vụ</td><td rowspan="2">20</td></tr>
<tr><td>2</td><td>Kiểm tra</td><td></td></tr>
</table>"#;
    let table = from_html(html).unwrap();
    let draft = ImportDraft::analyse(
        &SourceDocument {
            tables: vec![table],
            paragraphs: vec![],
        },
        None,
    )
    .unwrap();
    let fields: Vec<Field> = draft.columns.iter().map(|c| c.field).collect();
    assert_eq!(
        fields,
        [
            Field::Number,
            Field::Content,
            Field::Lead,
            Field::Partners,
            Field::Budget
        ]
    );
    let plan = draft.to_plan("p");
    let texts: Vec<&str> = plan.rows().iter().map(|r| r.text()).collect();
    assert_eq!(texts, ["CẢI CÁCH THỂ CHẾ", "Rà soát", "Kiểm tra"]);
    assert!(
        draft.warnings.iter().any(|w| w.starts_with("Dòng 4:")),
        "{:?}",
        draft.warnings
    );
    let second = plan.rows()[2].task().unwrap();
    // The merged agency repeats; the merged budget counts once, on the first row.
    assert_eq!(second.lead, ["Sở Tư pháp"]);
    assert_eq!(second.budget, None);
    assert_eq!(second.note, "Kinh phí chung với dòng 5");
    assert_eq!(draft.counts().total, Money::from_trieu(20));
}

#[test]
fn four_levels_keep_the_original_number() {
    let tsv = "STT\tNội dung\tChủ trì\nI\tTHỂ CHẾ\t\n1\tNhóm văn bản\t\n1.1\tRà soát\tSở Tư pháp\n1.1.1\tRà soát đợt 1\tSở Tư pháp\na)\tTổng hợp\tSở Tư pháp\n2\tKiểm tra\tSở Tư pháp\n";
    let draft = ImportDraft::analyse(&doc(tsv, &[]), None).unwrap();
    let contents: Vec<String> = draft
        .preview_rows(10)
        .into_iter()
        .map(|r| format!("{} {}", r.number, r.content))
        .collect();
    assert_eq!(
        contents,
        [
            "I THỂ CHẾ",
            "1 Nhóm văn bản",
            "1.1 Rà soát",
            "1.2 1.1.1. Rà soát đợt 1",
            "1.3 a) Tổng hợp",
            "2 Kiểm tra"
        ]
    );
    assert_eq!(draft.rows().len(), 6);
}

#[test]
fn no_header_and_no_table() {
    let d = doc("a\tb\nc\td\n", &[]);
    assert_eq!(ImportDraft::analyse(&d, None), Err(ImportError::NoHeader));
    let empty = SourceDocument::default();
    assert_eq!(
        ImportDraft::analyse(&empty, None),
        Err(ImportError::NoTable)
    );
}

#[test]
fn paste_without_header_uses_the_visible_order() {
    let table = from_tsv(
        "1\tRà soát\tSở Tư pháp\t10\n2\tKiểm tra\tSở Nội vụ\t5\n3\tTập huấn\tSở Nội vụ\t\n",
    );
    let order = [Field::Number, Field::Content, Field::Lead, Field::Budget];
    let draft = paste_rows(&table, &order).unwrap();
    assert_eq!(draft.rows().len(), 3);
    assert_eq!(draft.counts().total, Money::from_trieu(15));
    assert_eq!(draft.preview_rows(3)[2].lead, "Sở Nội vụ");
    let with_header = from_tsv("TT\tNội dung\tKinh phí\n1\tRà soát\t10\n");
    let draft = paste_rows(&with_header, &order).unwrap();
    assert_eq!(draft.rows().len(), 1);
    assert_eq!(draft.counts().total, Money::from_trieu(10));
}

#[test]
fn pasted_rows_go_into_a_plan_after_the_current_row() {
    use crate::domain::plan::Plan;
    let table = from_tsv("1\tRà soát\tSở Tư pháp\n2\tKiểm tra\tSở Nội vụ\n");
    let draft = paste_rows(&table, &[Field::Number, Field::Content, Field::Lead]).unwrap();
    let mut plan = Plan::new("p", "Huế", 2027);
    let area = plan.add_area_titled(None, "A".into());
    let ids = plan.insert_imported_after(Some(area), &draft);
    assert_eq!(ids.len(), 2);
    assert_eq!(plan.numbers(), ["I", "1", "2"]);
    assert_eq!(
        plan.row(ids[1]).unwrap().task().unwrap().lead,
        ["Sở Nội vụ"]
    );
    let mut empty = Plan::new("q", "Huế", 2027);
    assert_eq!(empty.insert_imported_after(None, &draft).len(), 3);
    assert_eq!(empty.rows()[0].text(), DEFAULT_AREA);
}
