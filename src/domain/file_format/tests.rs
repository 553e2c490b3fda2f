//! Tests of the file format: plans round trip, the template reader's two paths agree, and
//! envelope errors are precise.

use super::templates::{templates_fast, templates_from_value};
use super::*;
use crate::domain::money::Money;
use crate::domain::plan::Task;

fn sample() -> Plan {
    let mut plan = Plan::new("p1", "Lâm Đồng", 2027);
    let area = plan.add_area_titled(None, "Cải cách thể chế".into());
    let task = Task {
        content: "Rà soát văn bản QPPL".into(),
        lead: vec!["Sở Tư pháp".into()],
        budget: Some(Money::parse("12,5").unwrap()),
        ..Task::default()
    };
    plan.add_task_with(Some(area), task);
    plan
}

#[test]
fn plan_round_trips_with_and_without_bom() {
    let plan = sample();
    let text = write_plan(&plan);
    assert!(text.contains("\"format\": \"cchc-plan\""));
    assert!(text.contains("\"budget\": \"12.5\""));
    assert_eq!(read_plan(&text).unwrap(), plan);
    assert_eq!(read_plan(&format!("\u{feff}{text}")).unwrap(), plan);
}

/// The careful reader alone, without the fast path.
fn read_templates_carefully(text: &str) -> Result<TemplateSet, FileError> {
    let (kind, value) = read_envelope(text)?;
    assert_eq!(kind, FileKind::Templates);
    templates_from_value(value)
}

#[test]
fn fast_template_reading_agrees_with_the_careful_reader() {
    let builtin = crate::domain::library::builtin();
    let set = TemplateSet {
        sources: builtin.sources().to_vec(),
        templates: builtin.templates().to_vec(),
    };
    let good = write_templates(&set);
    let fast = templates_fast(&good).expect("a valid file takes the fast path");
    assert_eq!(fast, set);
    assert_eq!(read_templates_carefully(&good).unwrap(), set);
    let compact = serde_json::to_string(&serde_json::from_str::<Value>(&good).unwrap()).unwrap();
    assert_eq!(templates_fast(&compact), Some(set.clone()));
    // Every doubt goes to the careful reader, which says what is wrong.
    let edits: [(&str, &str); 9] = [
        (
            "\"content\": \"Kiến toàn Ban chỉ đạo CCHC tỉnh\"",
            "\"content\": \"  \"",
        ),
        ("\"id\": \"002-I-1.2\"", "\"id\": \"002-I-1.1\""),
        ("\"source\": \"seed-002\"", "\"source\": \"seed-999\""),
        ("\"version\": 1", "\"version\": 0"),
        ("\"area\": \"direction\"", "\"area\": \"\""),
        ("\"budget\": \"10\"", "\"budget\": 10"),
        ("\"format\": \"cchc-plan\"", "\"format\": \"other\""),
        ("\"id\": \"seed-002\"", "\"id\": \" \""),
        ("\"parent\": null", "\"parent\": \"nowhere\""),
    ];
    for (from, to) in edits {
        assert!(good.contains(from), "{from}");
        let bad = good.replacen(from, to, 1);
        assert_eq!(templates_fast(&bad), None, "{to}");
        assert!(read_templates(&bad).is_err(), "{to}");
        assert_eq!(read_templates(&bad), read_templates_carefully(&bad), "{to}");
    }
    // Items written as arrays are refused, as the careful reader refuses them.
    let arrays = [
        r#"{"format":"cchc-plan","version":1,"kind":"templates","sources":[{"id":"s"}],"templates":[["t","s","other","","",[],null,"Việc"]]}"#,
        r#"{"format":"cchc-plan","version":1,"kind":"templates","sources":[["s"]],"templates":[]}"#,
        r#"["cchc-plan",1,"templates",[],[],{"kind": "templates"}]"#,
    ];
    for text in arrays {
        assert_eq!(templates_fast(text), None, "{text}");
        assert!(read_templates(text).is_err(), "{text}");
    }
    // A repeated key: the careful reader keeps the last one; so does the fallback.
    let twice = good.replacen("\"note\": \"\"", "\"note\": \"a\", \"note\": \"b\"", 1);
    assert_eq!(templates_fast(&twice), None);
    assert_eq!(read_templates(&twice), read_templates_carefully(&twice));
    assert!(read_templates(&twice).is_ok());
}

#[test]
fn envelope_errors_are_precise() {
    assert_eq!(read_plan(""), Err(FileError::Empty));
    assert!(matches!(read_plan("{"), Err(FileError::NotJson(_))));
    assert_eq!(read_plan("[1,2]"), Err(FileError::NotOurFormat));
    assert_eq!(read_plan(r#"{"name":"x"}"#), Err(FileError::NotOurFormat));
    let newer = r#"{"format":"cchc-plan","version":7,"kind":"plan"}"#;
    assert_eq!(read_plan(newer), Err(FileError::NewerVersion { found: 7 }));
    let message = FileError::NewerVersion { found: 7 }.to_string();
    assert!(message.contains('7') && message.contains('1'), "{message}");
    let templates = r#"{"format":"cchc-plan","version":1,"kind":"templates","templates":[]}"#;
    assert_eq!(
        read_plan(templates),
        Err(FileError::WrongKind {
            expected: FileKind::Plan,
            found: FileKind::Templates
        })
    );
    let missing = r#"{"format":"cchc-plan","version":1,"kind":"plan"}"#;
    assert!(matches!(read_plan(missing), Err(FileError::Invalid(_))));
}
