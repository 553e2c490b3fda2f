//! Property tests of the shared file format: writing then reading gives the same value, and
//! the reader never panics on any input.
//!
//! The fuzzing properties run 100.000 cases each by default; set `CCHC_FUZZ_CASES` for more
//! (`CCHC_FUZZ_CASES=1000000 cargo test --release --test file_format_props`).

use cchc_plan::domain::file_format::{
    read_file, read_plan, read_templates, write_plan, write_templates, write_update_form,
    OpenedFile,
};
use cchc_plan::domain::library::{builtin, AreaKey, Criterion, Source, Template, TemplateSet};
use cchc_plan::domain::money::Money;
use cchc_plan::domain::plan::{Plan, Task};
use cchc_plan::domain::progress::{Day, Progress, Status};
use cchc_plan::domain::update_form::UpdateForm;
use proptest::prelude::*;

/// Text as drafters write it: Vietnamese letters, digits, punctuation, sometimes odd
/// characters (quotes, backslashes, control characters, emoji).
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[A-Za-zÀ-ỹđĐ0-9 ,.;:()/%-]{0,40}",
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

fn names() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec("[A-Za-zÀ-ỹđĐ ,]{1,30}", 0..4)
}

fn money() -> impl Strategy<Value = Option<Money>> {
    prop::option::of((0i64..1_000_000_000).prop_map(Money::from_thousandths))
}

fn task() -> impl Strategy<Value = Task> {
    (
        text(),
        text(),
        names(),
        names(),
        text(),
        money(),
        text(),
        prop::option::of("[a-z0-9-]{1,12}"),
        progress(),
        // PAR INDEX tags: none, one or two codes.
        prop::collection::vec("[0-9]{1,2}(\\.[0-9]{1,2}){0,2}", 0..3),
    )
        .prop_map(
            |(
                content,
                product,
                lead,
                partners,
                deadline,
                budget,
                note,
                template,
                progress,
                criteria,
            )| Task {
                content,
                product,
                lead,
                partners,
                deadline,
                budget,
                note,
                template,
                progress,
                criteria,
            },
        )
}

/// Mostly nothing recorded (as most tasks of a plan), else any status, day and texts.
fn progress() -> impl Strategy<Value = Progress> {
    prop_oneof![
        2 => Just(Progress::default()),
        1 => (
            prop::sample::select(Status::ALL.to_vec()),
            prop::option::of((2000i32..2100, 1u8..=12, 1u8..=31)),
            text(),
            text(),
            text(),
        )
            .prop_map(|(status, day, result, reached, reason)| Progress {
                status,
                completed_on: day.map(|(y, m, d)| Day::clamped(y, m, d)),
                result,
                reached,
                reason,
            }),
    ]
}

/// One entry of an outline: an area, a group, a task, or a task made a sub-task.
#[derive(Clone, Debug)]
enum Step {
    Area(String),
    Group(String),
    Task(Task),
    SubTask(Task),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        1 => text().prop_map(Step::Area),
        1 => text().prop_map(Step::Group),
        4 => task().prop_map(Step::Task),
        2 => task().prop_map(Step::SubTask),
    ]
}

fn plan() -> impl Strategy<Value = Plan> {
    (
        text(),
        2000i32..2100,
        text(),
        text(),
        text(),
        prop::collection::vec(step(), 0..40),
    )
        .prop_map(|(province, year, title, number, date, steps)| {
            let mut plan = Plan::new("kh-prop", province, year);
            plan.title = title;
            plan.document_number = number;
            plan.document_date = date;
            let mut last = None;
            for step in steps {
                last = Some(match step {
                    Step::Area(title) => plan.add_area_titled(last, title),
                    Step::Group(title) => plan.add_group_titled(last, title),
                    Step::Task(task) => plan.add_task_with(last, task),
                    Step::SubTask(task) => {
                        let id = plan.add_task_with(last, task);
                        plan.indent(id);
                        id
                    }
                });
            }
            plan
        })
}

fn template_set() -> impl Strategy<Value = TemplateSet> {
    let source = (
        "[A-Za-zÀ-ỹ ]{0,20}",
        prop::option::of(2000i32..2100),
        text(),
        text(),
        text(),
    );
    let template = (
        0..AreaKey::ALL.len(),
        text(),
        prop::collection::vec(text(), 0..3),
        text(),
        task(),
        prop::option::of(("[0-9.]{1,7}", text())),
    );
    (
        prop::collection::vec(source, 1..4),
        prop::collection::vec(template, 0..30),
    )
        .prop_map(|(sources, templates)| {
            let sources: Vec<Source> = sources
                .into_iter()
                .enumerate()
                .map(
                    |(i, (province, year, document, document_date, title))| Source {
                        id: format!("src-{i}"),
                        province,
                        year,
                        document,
                        document_date,
                        title,
                        ..Source::default()
                    },
                )
                .collect();
            let count = sources.len();
            let templates = templates
                .into_iter()
                .enumerate()
                .map(|(i, (area, area_title, group, content, task, criterion))| {
                    let content = if content.trim().is_empty() {
                        format!("Nhiệm vụ {i}")
                    } else {
                        content
                    };
                    let mut t = Template::new(
                        format!("t-{i}"),
                        format!("src-{}", i % count),
                        AreaKey::ALL[area],
                        content,
                    );
                    t.area_title = area_title;
                    t.group = group;
                    t.product = task.product;
                    t.lead = task.lead;
                    t.partners = task.partners;
                    t.deadline = task.deadline;
                    t.budget = task.budget;
                    t.note = task.note;
                    t.criteria = criterion
                        .map(|(code, score)| {
                            vec![Criterion {
                                code,
                                score,
                                year: Some(2023),
                                ..Criterion::default()
                            }]
                        })
                        .unwrap_or_default();
                    if i % 5 == 4 {
                        t.parent = Some(format!("t-{}", i - 1));
                    }
                    t
                })
                .collect();
            TemplateSet { sources, templates }
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn plans_round_trip(plan in plan()) {
        let text = write_plan(&plan);
        prop_assert_eq!(read_plan(&text).unwrap(), plan.clone());
        prop_assert_eq!(read_file(format!("\u{feff}{text}").as_bytes()).unwrap(), OpenedFile::Plan(plan));
    }

    #[test]
    fn template_sets_round_trip(set in template_set()) {
        let text = write_templates(&set);
        prop_assert_eq!(read_templates(&text).unwrap(), set.clone());
        prop_assert_eq!(read_file(text.as_bytes()).unwrap(), OpenedFile::Templates(set));
    }
}

fn fuzz_cases() -> u32 {
    std::env::var("CCHC_FUZZ_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(100_000)
}

/// Valid files to mutate: a plan with every kind of row, and a built-in template file.
fn valid_files() -> &'static [Vec<u8>] {
    static FILES: std::sync::OnceLock<Vec<Vec<u8>>> = std::sync::OnceLock::new();
    FILES.get_or_init(make_valid_files)
}

fn make_valid_files() -> Vec<Vec<u8>> {
    let mut plan = Plan::new("kh-fuzz", "Lâm Đồng", 2027);
    let area = plan.add_area_titled(None, "Cải cách thủ tục hành chính".into());
    let group = plan.add_group_titled(Some(area), "Một cửa".into());
    let task = Task {
        content: "Rà soát TTHC".into(),
        lead: vec!["Văn phòng UBND tỉnh".into()],
        budget: Some(Money::from_thousandths(12_500)),
        deadline: "Quý I/2027".into(),
        ..Task::default()
    };
    let first = plan.add_task_with(Some(group), task.clone());
    let sub = plan.add_task_with(Some(first), task);
    plan.indent(sub);
    let set = TemplateSet {
        sources: builtin().sources()[..1].to_vec(),
        templates: builtin()
            .templates_of(&builtin().sources()[0].id)
            .take(6)
            .cloned()
            .collect(),
    };
    let mut form =
        UpdateForm::for_agency(&plan, "Văn phòng UBND tỉnh", Day::new(2027, 4, 1).unwrap());
    form.tasks[0].progress.status = Status::Done;
    form.replied_on = Day::new(2027, 4, 3);
    vec![
        write_plan(&plan).into_bytes(),
        write_templates(&set).into_bytes(),
        write_update_form(&form).into_bytes(),
    ]
}

#[derive(Clone, Debug)]
enum Mutation {
    Replace(usize, u8),
    Insert(usize, Vec<u8>),
    Delete(usize, usize),
    Truncate(usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    let fragment = prop_oneof![
        Just(b"\"".to_vec()),
        Just(b"{".to_vec()),
        Just(b"]".to_vec()),
        Just(b"null".to_vec()),
        Just(b"-1".to_vec()),
        Just(b"1e999".to_vec()),
        Just("\u{feff}".as_bytes().to_vec()),
        Just(b"\\u0000".to_vec()),
        prop::collection::vec(any::<u8>(), 1..8),
    ];
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(at, b)| Mutation::Replace(at, b)),
        (any::<usize>(), fragment).prop_map(|(at, f)| Mutation::Insert(at, f)),
        (any::<usize>(), 1usize..40).prop_map(|(at, n)| Mutation::Delete(at, n)),
        any::<usize>().prop_map(Mutation::Truncate),
    ]
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        let len = bytes.len().max(1);
        match m {
            Mutation::Replace(at, b) if !bytes.is_empty() => bytes[at % len] = *b,
            Mutation::Insert(at, fragment) => {
                let at = at % (bytes.len() + 1);
                bytes.splice(at..at, fragment.iter().copied());
            }
            Mutation::Delete(at, n) if !bytes.is_empty() => {
                let at = at % len;
                let end = (at + n).min(bytes.len());
                bytes.drain(at..end);
            }
            Mutation::Truncate(at) => bytes.truncate(at % (bytes.len() + 1)),
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(ProptestConfig { cases: fuzz_cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// Arbitrary bytes: an error or a file, never a panic.
    #[test]
    fn reader_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..256)) {
        let _ = read_file(&bytes);
    }

    /// Valid files with a few random edits: an error or a file, never a panic; a file that
    /// still reads is written back readable.
    #[test]
    fn reader_never_panics_on_mutated_files(which in 0usize..3, mutations in prop::collection::vec(mutation(), 1..4)) {
        let bytes = apply(valid_files()[which].clone(), &mutations);
        match read_file(&bytes) {
            Ok(OpenedFile::Plan(plan)) => prop_assert_eq!(read_plan(&write_plan(&plan)).unwrap(), plan),
            Ok(OpenedFile::Templates(set)) => prop_assert_eq!(read_templates(&write_templates(&set)).unwrap(), set),
            Ok(OpenedFile::UpdateForm(form)) => prop_assert_eq!(read_file(write_update_form(&form).as_bytes()).unwrap(), OpenedFile::UpdateForm(form)),
            Err(error) => prop_assert!(!error.to_string().is_empty()),
        }
    }
}
