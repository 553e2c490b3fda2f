//! Tests of the agency data as a whole: every name of the seeds changed in 2025 gets its new
//! name, and the directory and the rename table agree.

use std::collections::HashMap;

use super::matching::words;
use super::*;
use crate::domain::plan::{Plan, RowId, Task};

pub(super) const NEW_COMMUNES: &str = "UBND các xã, phường, đặc khu";

/// Every agency list item of the seeds that names something changed in 2025, as the seeds
/// write it (cells split on ";"), and what it becomes. 000, 002, 004: agency columns;
/// 001, 003: agencies named in the prose.
const SEED_RENAMES: &[(&str, &str)] = &[
    // 000 Hưng Yên 2021
    ("Sở Kế hoạch và Đầu tư", "Sở Tài chính"),
    ("Sở Thông tin và Truyền thông", "Sở Khoa học và Công nghệ"),
    // 001 Hưng Yên 2024 (prose)
    ("Sở Lao động - Thương binh và Xã hội", "Sở Nội vụ"),
    ("Sở Nông nghiệp và Phát triển nông thôn", "Sở Nông nghiệp và Môi trường"),
    ("UBND các huyện, thị xã, thành phố", NEW_COMMUNES),
    ("UBND huyện", NEW_COMMUNES),
    (
        "Sở Kế hoạch và Đầu tư, Ban Quản lý các khu công nghiệp tỉnh",
        "Sở Tài chính, Ban Quản lý các khu công nghiệp tỉnh",
    ),
    (
        "Chủ tịch UBND các huyện, thị xã, thành phố",
        "Chủ tịch UBND các xã, phường, đặc khu",
    ),
    // 002 Đắk Nông 2021
    ("UBND cấp huyện", NEW_COMMUNES),
    ("UBND cấp huyện, UBND cấp xã", NEW_COMMUNES),
    ("UBND cấp huyện, cấp xã", NEW_COMMUNES),
    ("Sở Tư pháp, UBND cấp huyện", "Sở Tư pháp, UBND các xã, phường, đặc khu"),
    (
        "Các Sở, Ban, ngành, UBND cấp huyện",
        "Các Sở, Ban, ngành, UBND các xã, phường, đặc khu",
    ),
    (
        "Các sở, ban, ngành, UBND cấp huyện",
        "Các sở, ban, ngành, UBND các xã, phường, đặc khu",
    ),
    (
        "Các Sở, Ban, ngành, UBND cấp huyện, UBND cấp xã và các đơn vị liên quan",
        "Các Sở, Ban, ngành, UBND các xã, phường, đặc khu và các đơn vị liên quan",
    ),
    (
        "Các Sở, Ban, ngành và UBND cấp huyện",
        "Các Sở, Ban, ngành và UBND các xã, phường, đặc khu",
    ),
    (
        "UBND cấp huyện và Văn phòng UBND tỉnh",
        "UBND các xã, phường, đặc khu và Văn phòng UBND tỉnh",
    ),
    // 003 Hải Dương 2022 (prose)
    ("Sở Giao thông vận tải", "Sở Xây dựng"),
    ("Sở Tài nguyên và Môi trường", "Sở Nông nghiệp và Môi trường"),
    ("UBND cấp huyện và UBND cấp xã", NEW_COMMUNES),
    (
        "Các sở, ban, ngành và UBND các huyện, thị xã, thành phố",
        "Các sở, ban, ngành và UBND các xã, phường, đặc khu",
    ),
    ("Ủy ban nhân dân các huyện", NEW_COMMUNES),
    // 004 Yên Bái 2022
    ("UBND các huyện, thị xã, thành phố.", "UBND các xã, phường, đặc khu."),
    (
        "UBND các huyện, thị xã, thành phố. - Ủy ban MTTQ tỉnh",
        "UBND các xã, phường, đặc khu. - Ủy ban MTTQ tỉnh",
    ),
    (
        "UBND các huyện, thị xã, thành phố thuộc phạm vi kiểm tra",
        "UBND các xã, phường, đặc khu thuộc phạm vi kiểm tra",
    ),
    (
        "UBND các huyện, thị xã, thành phố và các cơ quan đơn vị có liên quan",
        "UBND các xã, phường, đặc khu và các cơ quan đơn vị có liên quan",
    ),
    (
        "UBND cấp huyện và các ngành chức năng có liên quan",
        "UBND các xã, phường, đặc khu và các ngành chức năng có liên quan",
    ),
    (
        "UBND cấp huyện và các đơn vị sự nghiệp công lập.",
        "UBND các xã, phường, đặc khu và các đơn vị sự nghiệp công lập.",
    ),
    (
        "Các sở, ban, ngành, UBND các huyện, thị xã, thành phố",
        "Các sở, ban, ngành, UBND các xã, phường, đặc khu",
    ),
    (
        "- Các sở, ban, ngành, UBND các huyện, thị xã, thành phố. - Các đơn vị sự nghiệp cấp tỉnh, cấp huyện.",
        "- Các sở, ban, ngành, UBND các xã, phường, đặc khu. - Các đơn vị sự nghiệp cấp tỉnh, cấp xã.",
    ),
    ("UBND Cấp huyện, UBND cấp xã", NEW_COMMUNES),
    (
        "Các sở, ban, ngành UBND cấp huyện, UBND cấp xã",
        "Các sở, ban, ngành UBND các xã, phường, đặc khu",
    ),
    (
        "Các sở, ban, ngành UBND cấp huyện UBND cấp xã",
        "Các sở, ban, ngành UBND các xã, phường, đặc khu",
    ),
    ("Bộ phận PVHCC cấp huyện.", "Bộ phận PVHCC cấp xã."),
    ("Ủy ban nhân dân cấp huyện", NEW_COMMUNES),
    (
        "Phòng Văn hóa và Thông tin cấp huyện",
        "Phòng Văn hóa và Thông tin cấp xã",
    ),
    // Spelling variants drafters use.
    ("Sở Lao động, Thương binh và Xã hội", "Sở Nội vụ"),
    ("Sở LĐ-TB&XH", "Sở Nội vụ"),
    ("Sở TT&TT", "Sở Khoa học và Công nghệ"),
    ("Sở TTTT", "Sở Khoa học và Công nghệ"),
    ("sở thông tin và truyền thông", "Sở Khoa học và Công nghệ"),
    ("  Sở Thong tin va Truyen thong ", "Sở Khoa học và Công nghệ"),
    ("Sở KH&ĐT", "Sở Tài chính"),
    ("Sở NN&PTNT", "Sở Nông nghiệp và Môi trường"),
    ("Sở TN&MT", "Sở Nông nghiệp và Môi trường"),
    ("Sở GTVT", "Sở Xây dựng"),
    ("Ban Dân tộc", "Sở Dân tộc và Tôn giáo"),
    ("Ban Dân tộc tỉnh", "Sở Dân tộc và Tôn giáo"),
    ("UBND huyện, thành phố", NEW_COMMUNES),
    ("UBND các xã, phường, thị trấn", NEW_COMMUNES),
    ("UBND huyện Khoái Châu", NEW_COMMUNES),
    // Two outdated names in one item become one.
    (
        "Sở Tài nguyên và Môi trường, Sở Nông nghiệp và Phát triển nông thôn",
        "Sở Nông nghiệp và Môi trường",
    ),
    ("Sở Tài chính, Sở Kế hoạch và Đầu tư", "Sở Tài chính"),
    ("Sở Kế hoạch và Đầu tư và Sở Tài chính", "Sở Tài chính"),
    // In a sentence the name is replaced, never dropped.
    (
        "Sở Kế hoạch và Đầu tư phối hợp với sở Tài chính",
        "Sở Tài chính phối hợp với sở Tài chính",
    ),
];

/// Agency list items of the seeds that stay as they are.
const SEED_UNCHANGED: &[&str] = &[
    "Sở Nội vụ",
    "Sở Tư pháp",
    "Sở Tài chính",
    "Văn phòng UBND tỉnh",
    "Văn phòng UBND tỉnh.",
    "Sở Y tế, Sở Giáo dục & Đào tạo",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa - TT và Du lịch",
    "Các Sở, Ban, ngành",
    "các Sở, Ban, ngành",
    "Các sở, ban, ngành cấp tỉnh",
    "Các sở, ban, ngành cấp tỉnh, các cơ quan Trung ương đóng trên địa bàn",
    "Các sở, ban, ngành được UBND tỉnh",
    "Các sở, ban, ngành, cơ quan, đơn vị, địa phương có liên quan",
    "Các cơ quan, đơn vị liên quan",
    "Các cơ quan đơn vị có liên quan",
    "Các cơ quan HCNN",
    "Đơn vị tư vấn",
    "UBND cấp xã",
    "UBND cấp xã và Trung tâm HCC tỉnh",
    "Trung tâm hành chính công",
    "Trung tâm PVHCC tỉnh",
    "Đài PTTH tỉnh",
    "Báo Đắk Nông",
    "Báo Yên Bái",
    "Cổng TTĐT tỉnh",
    "Tỉnh đoàn",
    "Đoàn khối các cơ quan và Doanh nghiệp tỉnh",
    "Tổ trưởng Tổ kiểm tra",
    "Tổ trưởng Tổ Tư vấn",
    "Các thành viên Tổ tư vấn",
    "Ban pháp chế HĐND tỉnh",
    "Văn phòng HĐND tỉnh",
    "UBMTTQ Việt Nam tỉnh, Hội Cựu chiến binh Việt Nam tỉnh",
    "Ủy ban MTTQ Tổ quốc Việt Nam các cấp. - Các sở, ban, ngành",
    "Công đoàn các cấp.",
    "Viễn thông Yên Bái",
    "Bưu điện tỉnh Yên Bái.",
    "Sở Nội vụ tổng hợp",
    "Đài PT-TH Hưng Yên",
    "UBND tỉnh",
    "UBND cấp",
    "Sở Văn hoá - Thể thao và Du lịch",
];

#[test]
fn every_seed_name_changed_in_2025_gets_its_new_name() {
    let renames = RenameTable::builtin();
    for (old, new) in SEED_RENAMES {
        assert_eq!(renames.renamed(old).as_deref(), Some(*new), "{old}");
    }
    for name in SEED_UNCHANGED {
        assert_eq!(renames.renamed(name), None, "{name}");
    }
}

#[test]
fn seed_names_renamed_through_a_plan() {
    let renames = RenameTable::builtin();
    let mut plan = Plan::new("p", "Lâm Đồng", 2026);
    let rows: Vec<RowId> = SEED_RENAMES
        .iter()
        .map(|(old, _)| {
            plan.add_task_with(
                None,
                Task {
                    lead: vec![old.to_string()],
                    partners: vec!["Sở Nội vụ".into(), old.to_string()],
                    ..Task::default()
                },
            )
        })
        .collect();
    let proposals = renames.proposals(&plan);
    let applied = RenameTable::apply(&mut plan, &proposals);
    assert_eq!(applied, proposals.len());
    assert!(renames.proposals(&plan).is_empty());
    for ((old, new), row) in SEED_RENAMES.iter().zip(rows) {
        let task = plan.row(row).unwrap().task().unwrap();
        assert_eq!(task.lead, [*new], "{old}");
        let partners: Vec<&str> = if *new == "Sở Nội vụ" {
            vec!["Sở Nội vụ"]
        } else {
            vec!["Sở Nội vụ", new]
        };
        assert_eq!(task.partners, partners, "{old}");
    }
}

#[test]
fn every_department_of_the_reform_is_present_and_current() {
    let d = Directory::builtin();
    let standard = [
        "Sở Nội vụ",
        "Sở Tư pháp",
        "Sở Tài chính",
        "Sở Công Thương",
        "Sở Nông nghiệp và Môi trường",
        "Sở Xây dựng",
        "Sở Khoa học và Công nghệ",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Giáo dục và Đào tạo",
        "Sở Y tế",
        "Thanh tra tỉnh",
        "Văn phòng UBND tỉnh",
    ];
    for name in standard {
        let a = d.lookup(name).unwrap_or_else(|| panic!("{name}"));
        assert_eq!(a.name, name);
        assert!(a.current && !a.some_provinces, "{name}");
        assert_eq!(a.kind, AgencyKind::Department, "{name}");
    }
    for name in [
        "Sở Ngoại vụ",
        "Sở Dân tộc và Tôn giáo",
        "Sở Du lịch",
        "Sở Quy hoạch - Kiến trúc",
    ] {
        let a = d.lookup(name).unwrap_or_else(|| panic!("{name}"));
        assert!(a.current && a.some_provinces, "{name}");
    }
    for name in [
        NEW_COMMUNES,
        "UBND cấp xã",
        "Các Sở, Ban, ngành",
        "Đài PTTH tỉnh",
        "Tỉnh đoàn",
    ] {
        assert!(d.lookup(name).unwrap().current, "{name}");
    }
    for name in [
        "Sở Lao động, Thương binh và Xã hội",
        "Sở TT&TT",
        "UBND cấp huyện",
        "UBND các huyện, thị xã, thành phố",
    ] {
        assert!(!d.lookup(name).unwrap().current, "{name}");
    }
}

#[test]
fn directory_and_rename_table_agree() {
    let data = AgencyData::builtin();
    let d = Directory::new(data.agencies.clone());
    let renames = RenameTable::from_data(&data);
    // No spelling names two agencies.
    let mut seen: HashMap<String, &str> = HashMap::new();
    for a in d.agencies() {
        for name in std::iter::once(&a.name).chain(&a.aliases) {
            let key = words(name).join(" ");
            if let Some(other) = seen.insert(key, &a.name) {
                assert_eq!(other, a.name, "{name}");
            }
        }
    }
    for a in d.agencies() {
        let rule = renames.rule_for(&a.name);
        if a.kind == AgencyKind::Department {
            assert_eq!(a.current, rule.is_none(), "{}", a.name);
        }
        if a.kind == AgencyKind::DistrictLevel {
            assert!(renames.renamed(&a.name).is_some(), "{}", a.name);
        }
        // Every alias of an outdated department is renamed as its name is.
        if let Some(rule) = rule {
            for alias in &a.aliases {
                assert_eq!(renames.rule_for(alias), Some(rule), "{alias}");
            }
        }
    }
    for rule in renames.rules() {
        if rule.new != "cấp xã" {
            let new = d
                .lookup(&rule.new)
                .unwrap_or_else(|| panic!("{}", rule.new));
            assert!(new.current, "{}", rule.new);
        }
        assert!(!rule.note.is_empty(), "{}", rule.old);
    }
}

#[test]
fn user_copies_load_and_round_trip() {
    let data = AgencyData::builtin();
    let json = data.to_json();
    assert_eq!(AgencyData::from_json(&json).unwrap(), data);
    let custom = r#"{
        "agencies": [{"name": "Sở Ngoại vụ", "kind": "department"}],
        "renames": [{"old": "Sở Ngoại vụ", "new": "Sở Nội vụ", "note": "Sáp nhập"}]
    }"#;
    let d = Directory::from_json(custom).unwrap();
    assert_eq!(d.len(), 1);
    assert!(d.agencies()[0].current, "current by default");
    let r = RenameTable::from_json(custom).unwrap();
    assert_eq!(r.renamed("Sở Ngoại vụ").unwrap(), "Sở Nội vụ");
    // Without a district-level rule, district names are left alone.
    assert_eq!(r.renamed("UBND cấp huyện"), None);
    assert!(Directory::from_json("{\"agencies\": [{\"name\": \"x\"}]}").is_err());
}
