use super::*;
use crate::domain::file_format::read_plan;

/// Seed 002's appendix (Đắk Nông 2021): 77 tasks, 936 in budgets.
fn seed_002() -> Plan {
    read_plan(include_str!("../../tests/fixtures/seed-002-plan.json")).unwrap()
}

fn export_request(id: RequestId) -> Request {
    Request {
        id,
        job: Job::ExportXlsx {
            plan: seed_002(),
            settings: ExportSettings::default(),
        },
    }
}

#[test]
fn a_request_reads_back_as_it_was_posted() {
    let request = export_request(41);
    assert_eq!(Request::decode(&request.encode()), Ok(request));
}

#[test]
fn a_response_reads_back_as_it_was_posted() {
    for outcome in [
        Outcome::File {
            name: "a.xlsx".into(),
            mime: "m".into(),
            warnings: vec!["Lưu ý".into()],
        },
        Outcome::Failed {
            kind: FailureKind::Export,
            message: "Không tạo được tệp Excel".into(),
        },
    ] {
        let response = Response { id: 3, outcome };
        assert_eq!(Response::decode(&response.encode()), Ok(response));
    }
}

#[cfg(feature = "documents")]
#[test]
fn the_seed_002_export_answers_its_own_id_with_a_workbook_totalling_936() {
    let (response, bytes) = handle(&export_request(12).encode());
    assert_eq!(response.id, 12);
    assert_eq!(
        response.outcome,
        Outcome::File {
            name: "Phu-luc-KH-CCHC-Dak-Nong-2021.xlsx".into(),
            mime: crate::domain::workbook::XLSX_MIME.into(),
            warnings: Vec::new(),
        }
    );
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        ["Phụ lục I", "Phụ lục II", "Phụ lục III", "Tiến độ"]
    );
    let tasks = book.worksheet_range("Phụ lục I").unwrap();
    let total = tasks
        .rows()
        .find(|row| row.first() == Some(&Data::String("Tổng cộng".into())))
        .expect("a Tổng cộng row");
    assert!(total.contains(&Data::Float(936.0)), "{total:?}");
}

/// The body part of a .docx.
#[cfg(feature = "documents")]
fn document_xml(docx: Vec<u8>) -> String {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").unwrap(),
        &mut body,
    )
    .unwrap();
    body
}

#[cfg(feature = "documents")]
#[test]
fn the_word_export_answers_with_a_docx_named_like_the_workbook() {
    let request = Request {
        id: 5,
        job: Job::ExportDocx {
            plan: seed_002(),
            settings: ExportSettings::default(),
        },
    };
    let head = request.encode();
    assert!(
        String::from_utf8_lossy(&head).contains("\"job\":\"export_docx\""),
        "the job's tag"
    );
    let (response, bytes) = handle(&head);
    assert_eq!(response.id, 5);
    assert_eq!(
        response.outcome,
        Outcome::File {
            name: "Phu-luc-KH-CCHC-Dak-Nong-2021.docx".into(),
            mime: crate::domain::docx::DOCX_MIME.into(),
            warnings: Vec::new(),
        }
    );
    let body = document_xml(bytes);
    assert!(body.contains(">Tổng cộng<") && body.contains(">936<"));
}

#[cfg(feature = "documents")]
#[test]
fn the_plan_document_export_carries_the_edited_sections() {
    use crate::domain::plan_document::Section;
    let mut plan = seed_002();
    plan.document
        .set(Section::Basis, "Căn cứ đã sửa qua bộ xử lý tệp.".into());
    let request = Request {
        id: 9,
        job: Job::ExportPlanDocument {
            plan,
            settings: ExportSettings::default(),
        },
    };
    let head = request.encode();
    assert!(
        String::from_utf8_lossy(&head).contains("\"job\":\"export_plan_document\""),
        "the job's tag"
    );
    assert_eq!(Request::decode(&head).unwrap(), request);
    let (response, bytes) = handle(&head);
    assert_eq!(response.id, 9);
    assert_eq!(
        response.outcome,
        Outcome::File {
            name: "Du-thao-KH-CCHC-Dak-Nong-2021.docx".into(),
            mime: crate::domain::docx::DOCX_MIME.into(),
            warnings: Vec::new(),
        }
    );
    let body = document_xml(bytes);
    assert!(body.contains(">Căn cứ đã sửa qua bộ xử lý tệp.<"));
    assert!(body.contains(">KẾ HOẠCH<") && body.contains(">Tổng cộng<"));
}

#[cfg(feature = "documents")]
#[test]
fn an_unreadable_request_fails_under_its_id_without_bytes() {
    let (response, bytes) = handle(br#"{"id": 9, "job": {"job": "export_pdf"}}"#);
    assert_eq!(response.id, 9);
    assert!(bytes.is_empty());
    match response.outcome {
        Outcome::Failed { kind, message } => {
            assert_eq!(kind, FailureKind::BadRequest);
            assert!(message.starts_with("Bộ xử lý tệp không đọc được yêu cầu"));
        }
        other => panic!("{other:?}"),
    }
    let (response, _) = handle(b"not json");
    assert_eq!(response.id, 0);
}
