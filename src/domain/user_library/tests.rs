//! The drafter's library next to the built-in one: nothing of theirs is lost when the two are
//! combined, merged or exported.

use super::*;
use crate::domain::plan::Task;

/// The first built-in template (seed 000).
fn first_builtin() -> Template {
    builtin().templates()[0].clone()
}

fn own(id: &str, content: &str) -> Template {
    Template::new(id, "user-lam-dong-2027", AreaKey::Other, content)
}

fn own_set(templates: Vec<Template>) -> TemplateSet {
    TemplateSet {
        sources: vec![Source {
            id: "user-lam-dong-2027".into(),
            province: "Lâm Đồng".into(),
            year: Some(2027),
            title: OWN_TITLE.into(),
            ..Source::default()
        }],
        templates,
    }
}

fn contents(library: &Library) -> Vec<&str> {
    library
        .templates()
        .iter()
        .map(|t| t.content.as_str())
        .collect()
}

#[test]
fn the_drafters_templates_follow_the_built_in_ones() {
    let user = own_set(vec![own(
        "user-lam-dong-2027-1",
        "Rà soát thủ tục hành chính của xã",
    )]);
    let combined = combine(&user);
    assert_eq!(combined.problem, None);
    assert_eq!(combined.repaired, None);
    assert_eq!(combined.library.templates().len(), builtin_count() + 1);
    let last = &combined.library.templates()[builtin_count()];
    assert_eq!(last.content, "Rà soát thủ tục hành chính của xã");
    let source = combined
        .library
        .source_of(last)
        .expect("the drafter's source");
    assert_eq!(source.province, "Lâm Đồng");
}

/// The defect of issue #14: a template of the drafter's that shares its id with a built-in
/// one was dropped from the library without a word. Both are kept now, and the drafter told.
#[test]
fn a_template_sharing_a_built_in_id_is_kept_under_a_fresh_id_and_reported() {
    let builtin_one = first_builtin();
    let user = own_set(vec![own(&builtin_one.id, "Số hóa hồ sơ một cửa của tỉnh")]);
    let combined = combine(&user);
    let library = &combined.library;
    assert_eq!(library.templates().len(), builtin_count() + 1);
    assert!(contents(library).contains(&builtin_one.content.as_str()));
    assert!(contents(library).contains(&"Số hóa hồ sơ một cửa của tỉnh"));
    let fresh = format!("{}~2", builtin_one.id);
    assert_eq!(
        library.template(&fresh).map(|t| t.content.as_str()),
        Some("Số hóa hồ sơ một cửa của tỉnh")
    );
    let problem = combined.problem.expect("the drafter is told");
    assert!(problem.contains("1 mẫu của bạn trùng mã"), "{problem}");
    assert!(problem.contains("cả hai đều được giữ"), "{problem}");
    // The set to store has the new id, and combines without a word.
    let repaired = combined.repaired.expect("the set to store again");
    assert_eq!(repaired.templates[0].id, fresh);
    let again = combine(&repaired);
    assert_eq!(again.problem, None);
    assert_eq!(again.repaired, None);
    assert_eq!(again.library.templates().len(), builtin_count() + 1);
}

#[test]
fn a_copy_of_a_built_in_template_is_left_out_silently() {
    let mut copy = first_builtin();
    copy.source = "user-lam-dong-2027".into();
    let exact = first_builtin();
    let user = TemplateSet {
        sources: own_set(Vec::new()).sources,
        templates: vec![exact],
    };
    let combined = combine(&user);
    assert_eq!(combined.problem, None);
    assert_eq!(combined.repaired, None);
    assert_eq!(combined.library.templates().len(), builtin_count());
    // The same text under another source is another template: kept.
    let combined = combine(&own_set(vec![copy]));
    assert_eq!(combined.library.templates().len(), builtin_count() + 1);
    assert!(combined.problem.is_some());
}

#[test]
fn sub_tasks_follow_their_renamed_parent() {
    let builtin_one = first_builtin();
    let mut child = own("user-lam-dong-2027-2", "Công bố danh mục thủ tục");
    child.parent = Some(builtin_one.id.clone());
    let user = own_set(vec![own(&builtin_one.id, "Nhiệm vụ mẹ của tôi"), child]);
    let combined = combine(&user);
    let fresh = format!("{}~2", builtin_one.id);
    let child = combined
        .library
        .template("user-lam-dong-2027-2")
        .expect("the sub-task");
    assert_eq!(child.parent.as_deref(), Some(fresh.as_str()));
    let repaired = combined.repaired.expect("renamed");
    assert_eq!(
        repaired.templates[1].parent.as_deref(),
        Some(fresh.as_str())
    );
}

#[test]
fn repeated_ids_in_the_drafters_set_are_all_kept() {
    let user = own_set(vec![
        own("user-lam-dong-2027-1", "Nhiệm vụ thứ nhất"),
        own("user-lam-dong-2027-1", "Nhiệm vụ thứ hai"),
        own("user-lam-dong-2027-1", "Nhiệm vụ thứ nhất"),
    ]);
    let combined = combine(&user);
    let library = &combined.library;
    assert_eq!(library.templates().len(), builtin_count() + 2);
    assert_eq!(
        library
            .template("user-lam-dong-2027-1~2")
            .map(|t| t.content.as_str()),
        Some("Nhiệm vụ thứ hai")
    );
    assert!(combined.problem.is_some());
}

#[test]
fn a_source_sharing_a_built_in_id_keeps_its_own_province() {
    let builtin_source = builtin().sources()[0].clone();
    let user = TemplateSet {
        sources: vec![Source {
            id: builtin_source.id.clone(),
            province: "Lâm Đồng".into(),
            year: Some(2027),
            ..Source::default()
        }],
        templates: vec![Template::new(
            "lam-dong-1",
            builtin_source.id.clone(),
            AreaKey::Other,
            "Nhiệm vụ của Lâm Đồng",
        )],
    };
    let combined = combine(&user);
    let template = combined.library.template("lam-dong-1").expect("kept");
    let source = combined.library.source_of(template).expect("its source");
    assert_eq!(source.province, "Lâm Đồng");
    assert_ne!(source.id, builtin_source.id);
    let problem = combined.problem.expect("told");
    assert!(problem.contains("1 văn bản nguồn"), "{problem}");
    // A plain copy of the built-in source is left out, without a word.
    let copy = TemplateSet {
        sources: vec![builtin_source.clone()],
        templates: vec![Template::new(
            "lam-dong-1",
            builtin_source.id.clone(),
            AreaKey::Other,
            "Nhiệm vụ của Lâm Đồng",
        )],
    };
    let combined = combine(&copy);
    assert_eq!(combined.problem, None);
    assert_eq!(combined.library.sources().len(), builtin().sources().len());
}

#[test]
fn merging_a_file_keeps_only_the_built_in_sources_its_templates_name() {
    let builtin_one = first_builtin();
    let incoming = TemplateSet {
        sources: builtin().sources().to_vec(),
        templates: vec![
            builtin_one.clone(),
            Template::new(
                "x-1",
                builtin_one.source.clone(),
                AreaKey::Other,
                "Việc mới",
            ),
        ],
    };
    let mut user = own_set(Vec::new());
    let expected = preview(&user, &incoming);
    let done = merge_into(&mut user, incoming);
    assert_eq!(done, expected);
    assert_eq!((done.new, done.identical), (1, 1));
    let ids: Vec<&str> = user.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, [builtin_one.source.as_str(), "user-lam-dong-2027"]);
    assert_eq!(user.templates.len(), 1);
    assert_eq!(combine(&user).problem, None);
    // Stored as a file, it reads back whole (it once named a source it did not list).
    let text = crate::domain::file_format::write_templates(&user);
    assert_eq!(read_templates(&text), Ok(user.clone()));
    assert_eq!(read_stored(&text), Ok(user));
}

#[test]
fn a_stored_set_naming_unlisted_built_in_sources_is_completed_when_read() {
    let builtin_one = first_builtin();
    let mut old = own_set(vec![own("u-1", "Việc của tỉnh")]);
    old.templates.push(Template::new(
        "x-1",
        builtin_one.source.clone(),
        AreaKey::Other,
        "Việc mới",
    ));
    let text = crate::domain::file_format::write_templates(&old);
    assert!(read_templates(&text).is_err(), "the old stored form");
    let read = read_stored(&text).expect("completed from the built-in library");
    assert_eq!(read.templates, old.templates);
    let ids: Vec<&str> = read.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(ids, ["user-lam-dong-2027", builtin_one.source.as_str()]);
    // A source nobody knows is still refused, with the reader's message.
    let mut unknown = old.clone();
    unknown.templates[1].source = "khong-ai-biet".into();
    let text = crate::domain::file_format::write_templates(&unknown);
    let error = read_stored(&text).unwrap_err().to_string();
    assert!(error.contains("khong-ai-biet"), "{error}");
}

fn plan_with_task(content: &str) -> (Plan, RowId, RowId) {
    let mut plan = Plan::new("kh-1", "Lâm Đồng", 2027);
    let area = plan.add_area_titled(None, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH".into());
    let group = plan.add_group_titled(Some(area), "Kiểm soát thủ tục".into());
    let task = plan.add_task_with(
        Some(group),
        Task {
            content: content.into(),
            lead: vec!["Sở Nội vụ".into()],
            deadline: "Quý II/2027".into(),
            ..Task::default()
        },
    );
    (plan, area, task)
}

#[test]
fn a_task_becomes_a_template_of_the_drafters_source() {
    let (plan, _, task) = plan_with_task("  Rà soát thủ tục hành chính  ");
    let source = own_source(&plan);
    assert_eq!(source.id, "user-lam-dong-2027");
    assert_eq!(source.province, "Lâm Đồng");
    let template = template_from_task(&plan, task, builtin(), &source).expect("a task");
    assert_eq!(template.id, "user-lam-dong-2027-1");
    assert_eq!(template.content, "Rà soát thủ tục hành chính");
    assert_eq!(template.area_title, "CẢI CÁCH THỦ TỤC HÀNH CHÍNH");
    assert_eq!(template.group, vec!["Kiểm soát thủ tục".to_string()]);
    assert_eq!(template.lead, vec!["Sở Nội vụ".to_string()]);
    assert_eq!(template.deadline, "Quý II/2027");
    // The next one gets the next free id.
    let combined = combine(&own_set(vec![template]));
    let next = template_from_task(&plan, task, &combined.library, &source).expect("a task");
    assert_eq!(next.id, "user-lam-dong-2027-2");
}

#[test]
fn a_saved_task_keeps_its_par_index_criteria() {
    let (mut plan, _, task) = plan_with_task("Công bố danh mục TTHC");
    let source = own_source(&plan);
    // A task of seed 001 keeps the criterion with its 2023 score; a code added by hand
    // gets its name from the criteria set.
    plan.update_task(task, |t| {
        t.template = Some("001-1-1".into());
        t.criteria = vec!["3.2.1".into(), "3.2.2".into()];
    });
    let template = template_from_task(&plan, task, builtin(), &source).expect("a task");
    let criteria: Vec<(&str, &str, &str)> = template
        .criteria
        .iter()
        .map(|c| (c.code.as_str(), c.title.as_str(), c.score.as_str()))
        .collect();
    assert_eq!(
        criteria,
        [
            (
                "3.2.1",
                "Công bố TTHC, danh mục TTHC theo quy định",
                "0/0,5"
            ),
            ("3.2.2", "Công khai TTHC và các quy định có liên quan", ""),
        ]
    );
    // Shared as a file and read back, the criteria stay.
    let set = own_set(vec![template.clone()]);
    let read = read_templates(&crate::domain::file_format::write_templates(&set)).unwrap();
    assert_eq!(read.templates[0].criteria, template.criteria);
}

#[test]
fn only_a_task_with_content_becomes_a_template() {
    let (plan, area, _) = plan_with_task("Việc");
    let source = own_source(&plan);
    let error = template_from_task(&plan, area, builtin(), &source).expect_err("an area");
    assert!(error.contains("Hãy chọn một dòng nhiệm vụ"), "{error}");
    let (plan, _, task) = plan_with_task("   ");
    let error = template_from_task(&plan, task, builtin(), &source).expect_err("no content");
    assert!(error.contains("chưa có nội dung"), "{error}");
}

#[test]
fn an_exported_set_stands_on_its_own() {
    let mut parent = own("p", "Mẹ");
    parent.similar_to = Some("000-I-1".into());
    let mut child = own("c", "Con");
    child.parent = Some("p".into());
    let combined = combine(&own_set(vec![parent, child]));
    let library = &combined.library;
    let only_child = export_set(library, library.template("c"));
    assert_eq!(only_child.templates.len(), 1);
    assert_eq!(only_child.templates[0].parent, None);
    assert_eq!(only_child.sources.len(), 1);
    assert_eq!(only_child.sources[0].province, "Lâm Đồng");
    let both = export_set(
        library,
        [library.template("p"), library.template("c")]
            .into_iter()
            .flatten(),
    );
    assert_eq!(both.templates[0].similar_to, None);
    assert_eq!(both.templates[1].parent.as_deref(), Some("p"));
}

#[test]
fn template_files_are_named_after_province_and_year() {
    assert_eq!(
        templates_file_name("Lâm Đồng", 2027),
        "Thu-vien-mau-Lam-Dong-2027.json"
    );
    assert_eq!(templates_file_name("  ", 2027), "Thu-vien-mau-2027.json");
}

#[test]
fn removing_a_template_frees_its_sub_tasks_and_unused_sources() {
    let mut child = own("c", "Con");
    child.parent = Some("p".into());
    let mut user = own_set(vec![own("p", "Mẹ"), child]);
    assert!(remove_template(&mut user, "p"));
    assert_eq!(user.templates.len(), 1);
    assert_eq!(user.templates[0].parent, None);
    assert_eq!(user.sources.len(), 1, "still used by the sub-task");
    assert!(!remove_template(&mut user, "p"), "already gone");
    assert!(remove_template(&mut user, "c"));
    assert!(user.sources.is_empty());
}
