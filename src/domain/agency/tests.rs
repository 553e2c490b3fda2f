use unicode_normalization::UnicodeNormalization;

use super::*;

const NEW_COMMUNES: &str = "UBND các xã, phường, đặc khu";

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
fn district_level_names_are_detected() {
    for name in [
        "UBND cấp huyện",
        "UBND Cấp huyện",
        "Ủy ban nhân dân cấp huyện",
        "UBND các huyện, thị xã, thành phố",
        "UBND huyện, thị xã, thành phố",
        "UBND huyện, thành phố",
        "UBND các huyện",
        "UBND huyện Khoái Châu",
        "UBND thị xã Nghĩa Lộ",
        "UBND các quận, huyện",
        "Các Sở, Ban, ngành; UBND cấp huyện, cấp xã",
        "Bộ phận PVHCC cấp huyện.",
        "Phòng Văn hóa và Thông tin cấp huyện",
        "Chủ tịch UBND các huyện, thị xã, thành phố",
        "Các sở, ban, ngành và UBND các huyện, thị xã, thành phố",
    ] {
        assert!(is_district_level(name), "{name}");
    }
    for name in [
        "UBND cấp xã",
        "UBND các xã, phường, đặc khu",
        "UBND tỉnh",
        "UBND thành phố Hải Phòng",
        "Sở Nội vụ",
        "Văn phòng UBND tỉnh",
        "Các Sở, Ban, ngành",
        "",
    ] {
        assert!(!is_district_level(name), "{name}");
    }
    let directory = Directory::builtin();
    for agency in directory.agencies() {
        assert_eq!(
            is_district_level(&agency.name),
            agency.kind == AgencyKind::DistrictLevel,
            "{}",
            agency.name
        );
        if agency.kind == AgencyKind::CommuneLevel {
            assert!(is_commune_level(&agency.name), "{}", agency.name);
        }
    }
}

/// Area I with a group; two tasks with outdated names in both lists; area II with a task
/// with nothing outdated.
fn sample() -> (Plan, RowId, RowId, RowId) {
    let mut plan = Plan::new("p", "Lào Cai", 2026);
    let area = plan.add_area_titled(None, "Công tác chỉ đạo, điều hành".into());
    let group = plan.add_group_titled(Some(area), "Kiểm tra".into());
    let t1 = plan.add_task_with(
        Some(group),
        Task {
            content: "Kiểm tra công tác CCHC".into(),
            lead: vec!["Sở Kế hoạch và Đầu tư".into(), "Sở Tài chính".into()],
            partners: vec![
                "Các Sở, Ban, ngành".into(),
                "UBND cấp huyện".into(),
                "UBND cấp xã".into(),
            ],
            ..Task::default()
        },
    );
    let t2 = plan.add_task_with(
        Some(t1),
        Task {
            lead: vec!["Sở Thông tin và Truyền thông".into()],
            partners: vec!["Các Sở, Ban, ngành; UBND cấp huyện, cấp xã".into()],
            ..Task::default()
        },
    );
    let area2 = plan.add_area_titled(Some(area), "Cải cách thể chế".into());
    let t3 = plan.add_task_with(
        Some(area2),
        Task {
            lead: vec!["Sở Tư pháp".into()],
            partners: vec!["Các cơ quan, đơn vị liên quan".into()],
            ..Task::default()
        },
    );
    (plan, t1, t2, t3)
}

fn lists(plan: &Plan, row: RowId) -> (Vec<String>, Vec<String>) {
    let task = plan.row(row).unwrap().task().unwrap();
    (task.lead.clone(), task.partners.clone())
}

#[test]
fn proposals_list_every_outdated_occurrence() {
    let (plan, t1, t2, _) = sample();
    let proposals = RenameTable::builtin().proposals(&plan);
    let summary: Vec<(RowId, AgencyField, usize, &str, &str, &str)> = proposals
        .iter()
        .map(|p| {
            (
                p.row,
                p.field,
                p.index,
                p.old.as_str(),
                p.new.as_str(),
                p.proposed.as_str(),
            )
        })
        .collect();
    assert_eq!(
        summary,
        [
            (
                t1,
                AgencyField::Lead,
                0,
                "Sở Kế hoạch và Đầu tư",
                "Sở Tài chính",
                "Sở Tài chính"
            ),
            (
                t1,
                AgencyField::Partners,
                1,
                "UBND cấp huyện",
                NEW_COMMUNES,
                NEW_COMMUNES
            ),
            (
                t2,
                AgencyField::Lead,
                0,
                "Sở Thông tin và Truyền thông",
                "Sở Khoa học và Công nghệ",
                "Sở Khoa học và Công nghệ"
            ),
            (
                t2,
                AgencyField::Partners,
                0,
                "UBND cấp huyện, cấp xã",
                NEW_COMMUNES,
                "Các Sở, Ban, ngành; UBND các xã, phường, đặc khu"
            ),
        ]
    );
    assert!(proposals[1].district_level && !proposals[0].district_level);
    assert!(proposals[1].note.contains("01/7/2025"));
    assert!(proposals[2]
        .note
        .contains("Sở Văn hóa, Thể thao và Du lịch"));
    for p in &proposals {
        assert_eq!(&p.item[p.span.clone()], p.old);
    }
}

#[test]
fn applying_all_leaves_nothing_outdated_and_no_duplicates() {
    let (mut plan, t1, t2, t3) = sample();
    let before_t3 = lists(&plan, t3);
    let renames = RenameTable::builtin();
    let proposals = renames.proposals(&plan);
    assert_eq!(RenameTable::apply(&mut plan, &proposals), 4);
    assert!(renames.proposals(&plan).is_empty());
    assert_eq!(
        lists(&plan, t1),
        (
            vec!["Sở Tài chính".to_string()],
            vec!["Các Sở, Ban, ngành".to_string(), NEW_COMMUNES.to_string()]
        )
    );
    assert_eq!(
        lists(&plan, t2),
        (
            vec!["Sở Khoa học và Công nghệ".to_string()],
            vec!["Các Sở, Ban, ngành; UBND các xã, phường, đặc khu".to_string()]
        )
    );
    assert_eq!(lists(&plan, t3), before_t3);
    assert_eq!(plan.numbers(), ["I", "1", "1.1", "1.2", "II", "1"]);
}

#[test]
fn applying_some_leaves_the_others() {
    let (mut plan, t1, t2, _) = sample();
    let renames = RenameTable::builtin();
    let proposals = renames.proposals(&plan);
    let districts: Vec<RenameProposal> = proposals
        .iter()
        .filter(|p| p.district_level)
        .cloned()
        .collect();
    assert_eq!(RenameTable::apply(&mut plan, &districts), 2);
    let left = renames.proposals(&plan);
    assert_eq!(left.len(), 2);
    assert!(left.iter().all(|p| !p.district_level));
    assert_eq!(
        lists(&plan, t1).0,
        ["Sở Kế hoạch và Đầu tư", "Sở Tài chính"]
    );
    assert_eq!(lists(&plan, t2).0, ["Sở Thông tin và Truyền thông"]);
    // The rest later.
    assert_eq!(RenameTable::apply(&mut plan, &left), 2);
    assert!(renames.proposals(&plan).is_empty());
    assert_eq!(lists(&plan, t1).0, ["Sở Tài chính"]);
    // Nothing chosen, nothing done.
    assert_eq!(RenameTable::apply(&mut plan, &[]), 0);
}

#[test]
fn stale_proposals_are_skipped() {
    let (mut plan, t1, _, _) = sample();
    let proposals = RenameTable::builtin().proposals(&plan);
    plan.update_task(t1, |t| t.lead[0] = "Sở Xây dựng".into());
    let applied = RenameTable::apply(&mut plan, &proposals);
    assert_eq!(applied, proposals.len() - 1);
    assert_eq!(lists(&plan, t1).0, ["Sở Xây dựng", "Sở Tài chính"]);
    // Proposals for a deleted row do nothing.
    let mut plan2 = sample().0;
    let proposals = RenameTable::builtin().proposals(&plan2);
    plan2.delete(t1);
    assert_eq!(RenameTable::apply(&mut plan2, &proposals[..2]), 0);
}

#[test]
fn two_proposals_in_one_item_compose() {
    let mut plan = Plan::new("p", "Lào Cai", 2026);
    let row = plan.add_task_with(
        None,
        Task {
            lead: vec!["Sở Kế hoạch và Đầu tư, UBND cấp huyện".into()],
            partners: vec![
                "UBND cấp xã".into(),
                "Sở Tài chính".into(),
                "UBND các huyện, thị xã, thành phố".into(),
            ],
            ..Task::default()
        },
    );
    let renames = RenameTable::builtin();
    let proposals = renames.proposals(&plan);
    assert_eq!(proposals.len(), 3);
    assert_eq!(
        proposals[0].proposed, "Sở Tài chính, UBND cấp huyện",
        "each proposal shows its own effect"
    );
    assert_eq!(RenameTable::apply(&mut plan, &proposals), 3);
    let (lead, partners) = lists(&plan, row);
    assert_eq!(lead, ["Sở Tài chính, UBND các xã, phường, đặc khu"]);
    // "UBND cấp xã" and the new commune name are the same addressee: kept once, first place.
    assert_eq!(partners, ["UBND cấp xã", "Sở Tài chính"]);
}

#[test]
fn duplicates_already_in_a_list_are_left_alone() {
    let mut plan = Plan::new("p", "Lào Cai", 2026);
    let row = plan.add_task_with(
        None,
        Task {
            lead: vec![
                "Sở Nội vụ".into(),
                "Sở Nội vụ".into(),
                "Sở TT&TT".into(),
                "Sở Khoa học và Công nghệ".into(),
            ],
            ..Task::default()
        },
    );
    let proposals = RenameTable::builtin().proposals(&plan);
    assert_eq!(RenameTable::apply(&mut plan, &proposals), 1);
    assert_eq!(
        lists(&plan, row).0,
        ["Sở Nội vụ", "Sở Nội vụ", "Sở Khoa học và Công nghệ"]
    );
}

#[test]
fn suggest_finds_by_words_without_diacritics() {
    let d = Directory::builtin();
    assert_eq!(d.suggest("noi vu", 5)[0], "Sở Nội vụ");
    assert_eq!(d.suggest("Nội vụ", 5)[0], "Sở Nội vụ");
    assert_eq!(d.suggest("SỞ NỘI", 5)[0], "Sở Nội vụ");
    assert_eq!(d.suggest("so tu", 5)[0], "Sở Tư pháp");
    assert_eq!(d.suggest("van phong", 5)[0], "Văn phòng UBND tỉnh");
    assert_eq!(d.suggest("vp ubnd", 5)[0], "Văn phòng UBND tỉnh");
    assert_eq!(d.suggest("tai chinh", 5)[0], "Sở Tài chính");
    assert_eq!(d.suggest("giao duc", 5)[0], "Sở Giáo dục và Đào tạo");
    assert_eq!(d.suggest("xa phuong", 5)[0], NEW_COMMUNES);
    assert!(d.suggest("", 5).is_empty());
    assert!(d.suggest(" ,; ", 5).is_empty());
    assert!(d.suggest("noi vu", 0).is_empty());
    assert!(d.suggest("zzzz", 5).is_empty());
    assert_eq!(d.suggest("so", 3).len(), 3);
}

#[test]
fn suggest_understands_abbreviations() {
    let d = Directory::builtin();
    assert_eq!(d.suggest("gd&đt", 3)[0], "Sở Giáo dục và Đào tạo");
    assert_eq!(d.suggest("GDĐT", 3)[0], "Sở Giáo dục và Đào tạo");
    assert_eq!(d.suggest("khcn", 3)[0], "Sở Khoa học và Công nghệ");
    assert_eq!(d.suggest("nn&mt", 3)[0], "Sở Nông nghiệp và Môi trường");
    assert_eq!(d.suggest("vhttdl", 3)[0], "Sở Văn hóa, Thể thao và Du lịch");
    assert_eq!(
        d.suggest("pvhcc", 3)[0],
        "Trung tâm Phục vụ hành chính công tỉnh"
    );
    assert_eq!(
        d.suggest("ptth", 3)[0],
        "Đài Phát thanh và Truyền hình tỉnh"
    );
    let tt = d.suggest("tt", 10);
    assert!(tt.contains(&"Sở Thông tin và Truyền thông"), "{tt:?}");
    assert!(tt.contains(&"Thanh tra tỉnh"), "{tt:?}");
    // The outdated department is still found, after every current match.
    let tttt = d.suggest("tt&tt", 5);
    assert_eq!(tttt[0], "Sở Thông tin và Truyền thông");
}

#[test]
fn suggest_puts_prefixes_first_and_current_before_outdated() {
    let d = Directory::builtin();
    let found = d.suggest("so n", 10);
    // Every current department starting "Sở N..." before the outdated ones.
    assert_eq!(
        found[..3],
        ["Sở Nội vụ", "Sở Nông nghiệp và Môi trường", "Sở Ngoại vụ"]
    );
    let outdated = found
        .iter()
        .position(|n| *n == "Sở Nông nghiệp và Phát triển nông thôn")
        .unwrap();
    assert!(found[..outdated]
        .iter()
        .all(|n| d.lookup(n).unwrap().current));
    // A word prefix anywhere beats a substring.
    let xa = d.suggest("ubnd xa", 10);
    assert_eq!(xa[0], NEW_COMMUNES);
    assert!(
        xa.iter().position(|n| *n == NEW_COMMUNES)
            < xa.iter()
                .position(|n| *n == "UBND các xã, phường, thị trấn")
    );
    let mt = d.suggest("moi truong", 5);
    assert_eq!(mt[0], "Sở Nông nghiệp và Môi trường");
    assert_eq!(mt[1], "Bộ Nông nghiệp và Môi trường");
    assert_eq!(mt[2], "Sở Tài nguyên và Môi trường");
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

#[test]
fn tokens_keep_places_in_the_original() {
    let text = "Sở GD&ĐT, UBND Cấp huyện.";
    let toks = tokens(text);
    let words: Vec<&str> = toks.iter().map(|t| t.word.as_str()).collect();
    assert_eq!(words, ["so", "gd", "va", "dt", "ubnd", "cap", "huyen"]);
    assert_eq!(&text[toks[3].span.clone()], "ĐT");
    assert_eq!(&text[toks[6].span.clone()], "huyện");
    // Decomposed (NFD) text keeps its marks inside the words.
    let nfd: String = "Sở Nội vụ".nfd().collect();
    let toks = tokens(&nfd);
    assert_eq!(toks.len(), 3);
    assert_eq!(&nfd[toks[1].span.clone()], "Nội".nfd().collect::<String>());
}

#[test]
fn agency_cells_split_on_semicolons_only() {
    assert_eq!(
        split_agencies("Sở Nội vụ; Các Sở, Ban, ngành;;  "),
        ["Sở Nội vụ", "Các Sở, Ban, ngành"]
    );
    assert!(split_agencies(" ; ").is_empty());
}

#[test]
fn completing_the_name_being_typed() {
    assert_eq!(last_agency("Sở Nội vụ; Văn phòng"), "Văn phòng");
    assert_eq!(
        complete_last_agency("Sở Nội vụ;  noi", "Sở Tư pháp"),
        "Sở Nội vụ; Sở Tư pháp; "
    );
    assert_eq!(complete_last_agency("tu ph", "Sở Tư pháp"), "Sở Tư pháp; ");
    let directory = Directory::builtin();
    let names = suggest_in_cell(&directory, "Sở Nội vụ; so n", 5);
    assert!(!names.contains(&"Sở Nội vụ"), "{names:?}");
    assert!(names.contains(&"Sở Nông nghiệp và Môi trường"), "{names:?}");
    assert!(suggest_in_cell(&directory, "Sở Nội vụ; ", 5).is_empty());
}
