use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use super::*;
use crate::domain::file_format::{read_templates, write_templates, FileError, FileKind};
use crate::domain::plan::RowKind;

const SEED_000: &str = "000_38c3f0ead9d0b132.txt";
const SEED_002: &str = "002_591ff2b9d60f55ba.txt";

fn count_by_area(source: &str) -> BTreeMap<&'static str, usize> {
    let mut counts = BTreeMap::new();
    for t in builtin().templates_of(source) {
        *counts.entry(t.area.key()).or_default() += 1;
    }
    counts
}

fn by_area(pairs: &[(&'static str, usize)]) -> BTreeMap<&'static str, usize> {
    pairs.iter().copied().collect()
}

#[test]
fn counts_per_seed() {
    let lib = builtin();
    let count = |s: &str| lib.templates_of(s).count();
    assert_eq!(count("seed-000"), 77);
    // Seed 001: 37 paragraphs of part II, and 5 tasks part IV sets with agency and deadline
    // (3 for criterion 4.1.3, 2 for 5.6).
    assert_eq!(count("seed-001"), 42);
    assert_eq!(count("seed-002"), 77);
    assert_eq!(count("seed-003"), 70);
    assert_eq!(count("seed-004"), 68);
    assert_eq!(lib.templates().len(), 77 + 42 + 77 + 70 + 68);
    assert_eq!(lib.sources().len(), 5);
}

#[test]
fn counts_per_area() {
    assert_eq!(
        count_by_area("seed-000"),
        by_area(&[
            ("direction", 8),
            ("institutions", 10),
            ("procedures", 9),
            ("organisation", 13),
            ("civil_service", 11),
            ("public_finance", 10),
            ("digital_government", 13),
            ("decentralisation", 3),
        ])
    );
    assert_eq!(
        count_by_area("seed-001"),
        by_area(&[
            ("procedures", 7),
            ("organisation", 1 + 3),
            ("civil_service", 2 + 2),
            ("public_finance", 6),
            ("digital_government", 9),
            ("socio_economic", 9),
            ("direction", 3),
        ])
    );
    // Seed 002: its leaf tasks (group rows are carried by `group`).
    assert_eq!(
        count_by_area("seed-002"),
        by_area(&[
            ("direction", 19),
            ("institutions", 12),
            ("procedures", 15),
            ("organisation", 6),
            ("civil_service", 7),
            ("public_finance", 7),
            ("digital_government", 11),
        ])
    );
    assert_eq!(
        count_by_area("seed-003"),
        by_area(&[
            ("direction", 7),
            ("institutions", 6),
            ("procedures", 6),
            ("organisation", 4),
            ("civil_service", 5),
            ("public_finance", 10),
            ("digital_government", 32),
        ])
    );
    // Seed 004: the whole Phụ biểu, numbered 1..n in each area, plus item 12's sub-rows.
    let lib = builtin();
    let mut numbered: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for t in lib.templates_of("seed-004").filter(|t| t.parent.is_none()) {
        let number = t.id.rsplit('-').next().unwrap().to_string();
        numbered.entry(t.area.key()).or_default().push(number);
    }
    let expect = |n: usize| (1..=n).map(|i| i.to_string()).collect::<Vec<_>>();
    assert_eq!(numbered["direction"], expect(12));
    assert_eq!(numbered["institutions"], expect(6));
    assert_eq!(numbered["procedures"], expect(15));
    assert_eq!(numbered["organisation"], expect(3));
    assert_eq!(numbered["civil_service"], expect(6));
    assert_eq!(numbered["public_finance"], expect(5));
    assert_eq!(numbered["digital_government"], expect(17));
    let subs: Vec<&str> = lib.children("004-I-12").map(|t| t.id.as_str()).collect();
    assert_eq!(
        subs,
        ["004-I-12.1", "004-I-12.2", "004-I-12.3", "004-I-12.4"]
    );
    assert_eq!(
        lib.template("004-I-12").unwrap().content,
        "Tuyên truyền cải cách hành chính."
    );
}

#[test]
fn seed_002_budgets_sum_to_936() {
    let budgets: Vec<Money> = builtin()
        .templates_of(SEED_002)
        .filter_map(|t| t.budget)
        .collect();
    assert_eq!(budgets.len(), 18);
    assert_eq!(
        Money::checked_sum(budgets.iter().copied()),
        Ok(Money::from_trieu(936))
    );
    assert!(builtin()
        .templates()
        .iter()
        .filter(|t| t.source != "seed-002")
        .all(|t| t.budget.is_none()));
}

#[test]
fn every_template_is_complete_and_ids_are_unique() {
    let lib = builtin();
    let mut ids = HashSet::new();
    for t in lib.templates() {
        assert!(ids.insert(t.id.as_str()), "duplicate id {}", t.id);
        assert!(!t.content.trim().is_empty(), "{} has no content", t.id);
        assert!(
            !t.area_title.trim().is_empty(),
            "{} has no area title",
            t.id
        );
        let source = lib
            .source_of(t)
            .unwrap_or_else(|| panic!("{} has no source", t.id));
        assert!(
            t.id.starts_with(&source.id[5..]),
            "{} vs {}",
            t.id,
            source.id
        );
        assert!(
            t.content == t.content.trim() && !t.content.contains("  "),
            "{}",
            t.id
        );
        for agency in t.lead.iter().chain(&t.partners) {
            assert!(
                !agency.is_empty() && !agency.ends_with('.'),
                "{}: {agency:?}",
                t.id
            );
        }
        if let Some(parent) = &t.parent {
            let parent = lib.template(parent).unwrap();
            assert_eq!(parent.source, t.source);
            assert!(lib.position(&parent.id) < lib.position(&t.id));
        }
    }
    for source in lib.sources() {
        assert!(!source.province.is_empty() && source.year.is_some());
        assert_eq!(lib.source(&source.file).unwrap().id, source.id);
    }
    // Every criterion that lost points in 2023 has a task in seed 001.
    let codes: HashSet<&str> = lib
        .templates_of("seed-001")
        .flat_map(|t| t.criteria.iter().map(|c| c.code.as_str()))
        .collect();
    assert_eq!(codes.len(), 22);
}

#[test]
fn ids_are_stable() {
    let lib = builtin();
    let content = |id: &str| lib.template(id).unwrap().content.as_str();
    assert_eq!(
        content("000-I-1"),
        "Ban hành các văn bản chỉ đạo, điều hành thực hiện các nhiệm vụ CCHC"
    );
    assert_eq!(
        content("000-VIII-3"),
        "Tổ chức khắc phục những tồn tại hạn chế sau thanh tra, kiểm tra"
    );
    assert_eq!(content("002-I-1.1"), "Kiến toàn Ban chỉ đạo CCHC tỉnh");
    assert!(content("002-II-12").starts_with("Biên soạn Sổ tay nghiệp vụ"));
    assert_eq!(
        content("002-VII-11"),
        "Triển khai áp dụng ISO điện tử trong các cơ quan nhà nước"
    );
    assert_eq!(content("003-4-b-bis").split('.').next().unwrap(), "Triển khai thực hiện Nghị quyết của Chính phủ về đẩy mạnh phân cấp quản lý nhà nước theo ngành, lĩnh vực trên địa bàn tỉnh");
    assert_eq!(content("003-7-a"), "Hoàn thiện môi trường pháp lý");
    assert_eq!(
        content("004-III-1"),
        "Xây dựng, ban hành Kế hoạch kiểm soát TTHC năm 2022 trên địa bàn tỉnh."
    );
    assert_eq!(content("004-VII-17").split(' ').next(), Some("Chuẩn"));
    assert!(content("001-1-1").starts_with("Các sở, ban, ngành tỉnh thực hiện nghiêm túc"));
    let criterion = &lib.template("001-1-1").unwrap().criteria[0];
    assert_eq!(
        (
            criterion.code.as_str(),
            criterion.score.as_str(),
            criterion.year
        ),
        ("3.2.1", "0/0,5", Some(2023))
    );
}

#[test]
fn builtin_files_round_trip_exactly() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/templates");
    for (name, compact) in builtin_files() {
        // The curated file is in canonical form; the embedded copy reads the same.
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let set = read_templates(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            write_templates(&set),
            text,
            "{name} is not in canonical form"
        );
        assert_eq!(read_templates(&write_templates(&set)).unwrap(), set);
        assert_eq!(read_templates(compact).unwrap(), set, "{name} embedded");
        assert!(compact.len() < text.len() * 9 / 10, "{name} is not compact");
    }
}

fn minimal(templates: &str) -> String {
    format!(
        r#"{{"format":"cchc-plan","version":1,"kind":"templates",
        "sources":[{{"id":"s1","province":"Lâm Đồng","year":2026}}],
        "templates":{templates}}}"#
    )
}

#[test]
fn reading_names_the_faulty_template() {
    let ok = r#"{"id":"a","source":"s1","area":"procedures","content":"Rà soát TTHC"}"#;
    let set = read_templates(&minimal(&format!("[{ok}]"))).unwrap();
    assert_eq!(set.templates[0].area, AreaKey::Procedures);
    assert!(set.templates[0].lead.is_empty() && set.templates[0].budget.is_none());

    let invalid = |templates: String| match read_templates(&minimal(&templates)) {
        Err(FileError::Invalid(message)) => message,
        other => panic!("expected an invalid file, got {other:?}"),
    };
    let no_content = r#"{"id":"b","source":"s1","area":"procedures"}"#;
    assert_eq!(
        invalid(format!("[{ok},{no_content}]")),
        "Mẫu số 2: thiếu nội dung nhiệm vụ"
    );
    let blank = r#"{"id":"b","source":"s1","area":"procedures","content":"  "}"#;
    assert_eq!(
        invalid(format!("[{ok},{blank}]")),
        "Mẫu số 2: thiếu nội dung nhiệm vụ"
    );
    let number_budget =
        r#"{"id":"b","source":"s1","area":"procedures","content":"x","budget":12.5}"#;
    assert!(invalid(format!("[{number_budget}]")).starts_with("Mẫu số 1: "));
    let bad_area = r#"{"id":"b","source":"s1","area":"sports","content":"x"}"#;
    assert!(invalid(format!("[{bad_area}]")).starts_with("Mẫu số 1: "));
    // Unknown fields are ignored, never an error (docs/file-format.md): a file from a newer
    // edition of the same version still opens.
    let unknown_field = r#"{"id":"b","source":"s1","area":"other","content":"x","contnet":"y"}"#;
    let set = read_templates(&minimal(format!("[{unknown_field}]").as_str())).unwrap();
    assert_eq!(set.templates[0].content, "x");
    assert!(invalid(format!("[{ok},{ok}]")).contains("trùng với mẫu số 1"));
    let stranger = r#"{"id":"b","source":"s9","area":"other","content":"x"}"#;
    assert!(invalid(format!("[{stranger}]")).contains("\"s9\""));
    let orphan = r#"{"id":"b","source":"s1","area":"other","content":"x","parent":"zz"}"#;
    assert!(invalid(format!("[{orphan}]")).starts_with("Mẫu số 1: mẫu cha"));
    let message = FileError::Invalid("Mẫu số 2: thiếu nội dung nhiệm vụ".into()).to_string();
    assert!(message.contains("Mẫu số 2: thiếu nội dung nhiệm vụ"));

    let plan = crate::domain::file_format::write_plan(&Plan::new("p", "x", 2026));
    assert_eq!(
        read_templates(&plan),
        Err(FileError::WrongKind {
            expected: FileKind::Templates,
            found: FileKind::Plan
        })
    );
    let money = r#"{"id":"b","source":"s1","area":"other","content":"x","budget":"12.5"}"#;
    let set = read_templates(&minimal(&format!("[{money}]"))).unwrap();
    assert_eq!(
        set.templates[0].budget,
        Some(Money::from_thousandths(12_500))
    );
}

#[test]
fn seed_002_recreates_its_appendix() {
    let lib = builtin();
    let plan = plan_from_source(lib, SEED_002, "p-002").unwrap();
    assert_eq!((plan.province.as_str(), plan.year), ("Đắk Nông", 2021));
    assert_eq!(plan.document_number, "1887/QĐ-UBND");
    let numbers = plan.numbers();
    let expected_start = [
        "I", "1", "1.1", "1.2", "1.3", "1.4", "2", "2.1", "2.2", "2.3", "2.4", "3", "3.1", "3.2",
        "4", "4.1", "4.2", "4.3", "4.4", "4.5", "4.6", "4.7", "4.8", "4.9", "II",
    ];
    assert_eq!(numbers[..expected_start.len()], expected_start);
    let area_ii: Vec<String> = (1..=12).map(|i| i.to_string()).collect();
    assert_eq!(numbers[25..37], area_ii[..]);
    assert_eq!(numbers[37], "III");
    let areas: Vec<&str> = plan
        .rows()
        .iter()
        .filter(|r| r.kind() == RowKind::Area)
        .map(|r| r.text())
        .collect();
    assert_eq!(areas.len(), 7);
    assert_eq!(areas[0], "CÔNG TÁC CHỈ ĐẠO ĐIỀU HÀNH");
    assert_eq!(areas[4], "CÁI CÁCH CHẾ ĐỘ CÔNG VỤ");
    assert_eq!(plan.task_count(), 77);
    let groups = plan
        .rows()
        .iter()
        .filter(|r| r.kind() == RowKind::Group)
        .count();
    assert_eq!(groups, 4 + 4 + 3 + 2);
    assert_eq!(
        plan.rows()[1].text(),
        "Kiến toàn tổ chức, tổ chức họp, hội nghị"
    );

    let totals = plan.budget_totals();
    assert_eq!(totals.grand, Money::from_trieu(936));
    assert_eq!(totals.by_row[&plan.rows()[0].id], Money::from_trieu(811));
    // Every task remembers its template, in document order.
    let recorded: Vec<&str> = plan
        .rows()
        .iter()
        .filter_map(|r| r.task())
        .map(|t| t.template.as_deref().unwrap())
        .collect();
    let ids: Vec<&str> = lib.templates_of(SEED_002).map(|t| t.id.as_str()).collect();
    assert_eq!(recorded, ids);
}

#[test]
fn other_sources_recreate_with_sub_tasks() {
    let lib = builtin();
    let plan = plan_from_source(lib, "seed-004", "p-004").unwrap();
    assert_eq!(
        (plan.year, plan.document_date.as_str()),
        (2022, "16/12/2021")
    );
    let numbers = plan.numbers();
    assert_eq!(
        numbers[..14],
        ["I", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "12.1"]
    );
    assert_eq!(numbers[16], "12.4");
    assert_eq!(numbers[17], "II");
    assert_eq!(plan.task_count(), 68);
    assert!(!plan.budget_totals().any);

    let plan = plan_from_source(lib, SEED_000, "p-000").unwrap();
    assert_eq!(plan.len(), 77 + 8);
    assert_eq!(plan.numbers().last().unwrap(), "3");
    let plan = plan_from_source(lib, "003_21101acb890616cb", "p-003").unwrap();
    assert_eq!(plan.task_count(), 70);
    let plan = plan_from_source(lib, "seed-001", "p-001").unwrap();
    assert_eq!(plan.numbers()[..3], ["I", "1", "2"]);
    assert!(plan_from_source(lib, "seed-999", "x").is_none());
}

fn add_one_year(text: &str, from: i32, to: i32) -> String {
    text.replace(&from.to_string(), &to.to_string())
}

#[test]
fn tasks_from_templates_shift_only_the_deadline() {
    let lib = builtin();
    let template = lib.template("002-I-1.1").unwrap();
    let task = lib.task_from(template, 2027, add_one_year);
    assert_eq!(task.deadline, "Quý I/2027");
    assert_eq!(task.content, template.content);
    assert_eq!(task.template.as_deref(), Some("002-I-1.1"));
    assert_eq!(task.partners, ["Các Sở, Ban, ngành"]);
    let kept = template_to_task(template, Some(2021), 2027, keep_years);
    assert_eq!(kept.deadline, "Quý I/2021");
    let same_year = template_to_task(template, Some(2021), 2021, add_one_year);
    assert_eq!(same_year.deadline, "Quý I/2021");
    let budget = lib.template("002-I-4.3").unwrap();
    assert_eq!(
        lib.task_from(budget, 2027, keep_years).budget,
        Some(Money::from_trieu(240))
    );
}

#[test]
fn area_keys() {
    for area in AreaKey::ALL {
        assert_eq!(AreaKey::from_key(area.key()), Some(area));
        let json = serde_json::to_string(&area).unwrap();
        assert_eq!(json, format!("\"{}\"", area.key()));
        assert!(!area.title_vi().is_empty());
    }
    assert_eq!(
        AreaKey::Procedures.title_vi(),
        "Cải cách thủ tục hành chính"
    );
    assert_eq!(AreaKey::from_key("sports"), None);
}

#[test]
fn libraries_refuse_duplicate_ids() {
    let set = read_templates(builtin_files()[0].1).unwrap();
    let err = Library::new([set.clone(), set]).unwrap_err();
    assert!(matches!(err, FileError::Invalid(_)));
}

#[test]
fn provenance_and_criteria_read_as_written() {
    let lib = builtin();
    let provenance = |id: &str| lib.source(id).unwrap().provenance();
    assert_eq!(provenance("seed-002"), "Đắk Nông 2021, QĐ 1887/QĐ-UBND");
    assert_eq!(provenance("seed-004"), "Yên Bái 2022, KH 271/KH-UBND");
    assert_eq!(provenance("seed-001"), "Hưng Yên 2024");
    let bare = Source {
        id: "x".into(),
        file: String::new(),
        province: String::new(),
        year: None,
        document: "12/2020".into(),
        document_date: String::new(),
        title: String::new(),
    };
    assert_eq!(bare.provenance(), "12/2020");
    let criterion = &lib.template("001-1-1").unwrap().criteria[0];
    assert_eq!(criterion.label(), "Tiêu chí 3.2.1: 0/0,5");
}

#[test]
fn a_library_adopts_an_index_built_in_slices_of_all_its_templates() {
    use crate::domain::search::{Abbreviations, SearchIndex};
    let sets = || {
        builtin_files()
            .iter()
            .map(|(_, text)| read_templates(text).expect("built-in set"))
    };
    let library = Library::new(sets()).expect("library");
    let templates = library.templates();
    let mut index = SearchIndex::empty(Abbreviations::builtin().clone());
    index.extend(&templates[..10]);
    assert!(!library.has_search_index());
    assert!(
        !library.adopt_search_index(index),
        "a partial index is refused"
    );
    let mut index = SearchIndex::empty(Abbreviations::builtin().clone());
    for chunk in templates.chunks(100) {
        index.extend(chunk);
    }
    assert!(library.adopt_search_index(index));
    assert!(library.has_search_index());
    let hits = library.search("mot cua", &Filter::default());
    assert_eq!(hits, builtin().search("mot cua", &Filter::default()));
    assert!(!hits.is_empty());
}
