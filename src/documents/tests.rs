use super::*;
use crate::domain::file_format::read_plan;
use crate::domain::import::{ImportError, OtherFormat};

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

#[test]
fn files_are_routed_by_extension_then_by_their_first_bytes() {
    use FileRoute::{AppFile, Office, Unsupported};
    let zip = b"PK\x03\x04rest";
    let ole = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1];
    let cases: [(&str, &[u8], FileRoute); 13] = [
        ("ke-hoach.json", b"not json at all", AppFile),
        ("rong.json", b"", AppFile),
        ("Phu luc.DOCX", b"", Office),
        ("a.xlsx", b"garbage", Office),
        ("a.ods", zip, Office),
        ("tai-lieu", zip, Office),
        ("cu.doc", &ole, Unsupported(OtherFormat::Doc)),
        ("cu.xls", &ole, Unsupported(OtherFormat::Xls)),
        ("khong-duoi", &ole, Unsupported(OtherFormat::Doc)),
        ("van-ban.pdf", b"%PDF-1.7", Unsupported(OtherFormat::Pdf)),
        ("van-ban.odt", zip, Unsupported(OtherFormat::Odt)),
        ("khong-duoi", b"\xEF\xBB\xBF  {\"format\"", AppFile),
        (
            "ghi-chu.txt",
            b"plain words",
            Unsupported(OtherFormat::Unknown),
        ),
    ];
    for (name, start, route) in cases {
        assert_eq!(route_file(name, start), route, "{name}");
    }
}

#[test]
fn a_doc_is_refused_with_how_to_get_a_docx() {
    let FileRoute::Unsupported(format) = route_file("Ke hoach 2025.DOC", b"") else {
        panic!("a .doc is not refused");
    };
    let message = ImportError::UnsupportedFormat(format).to_string();
    assert!(
        message.contains("Mở tệp trong Word rồi Lưu thành .docx"),
        "{message}"
    );
}

#[cfg(feature = "documents")]
#[path = "../../examples/shared/office.rs"]
#[allow(dead_code)]
mod office;

#[test]
fn a_read_office_request_reads_back_as_it_was_posted() {
    let request = Request {
        id: 5,
        job: Job::ReadOffice {
            name: "Phụ lục.docx".into(),
        },
    };
    assert_eq!(Request::decode(&request.encode()), Ok(request));
}

/// The worker reads a file posted beside the head: its tables come back in the response
/// head, which reads back as it was sent.
#[cfg(feature = "documents")]
#[test]
fn an_office_file_beside_the_head_is_answered_with_its_tables() {
    let appendix = office::Appendix::new(&office::HEADING, &office::HEADER)
        .row(true, &["I", "CẢI CÁCH THỂ CHẾ"])
        .row(
            false,
            &[
                "1",
                "Rà soát văn bản",
                "Báo cáo",
                "Sở Tư pháp",
                "",
                "Quý III",
                "25",
            ],
        );
    for (name, bytes) in [
        ("Phu-luc.docx", office::docx(&appendix)),
        ("Phu-luc.xlsx", office::xlsx(&appendix)),
    ] {
        let request = Request {
            id: 21,
            job: Job::ReadOffice { name: name.into() },
        };
        let (response, file) = handle_with_file(&request.encode(), &bytes);
        assert_eq!(response.id, 21);
        assert!(file.is_empty(), "{name}: bytes beside a source");
        let Outcome::Source { document } = &response.outcome else {
            panic!("{name}: {:?}", response.outcome);
        };
        // The task's row, cell by cell, in one of its tables.
        let found = document.tables.iter().flat_map(|t| &t.rows).any(|row| {
            let texts: Vec<String> = row.iter().map(|c| c.lines.join(" ")).collect();
            texts.iter().any(|t| t == "Rà soát văn bản") && texts.iter().any(|t| t == "Sở Tư pháp")
        });
        assert!(found, "{name}: no task row in {document:?}");
        assert_eq!(Response::decode(&response.encode()), Ok(response));
    }
}

#[cfg(feature = "documents")]
#[test]
fn a_file_that_is_no_office_document_fails_with_the_readers_message() {
    let request = Request {
        id: 4,
        job: Job::ReadOffice {
            name: "Hong.docx".into(),
        },
    };
    for bytes in [&b"PK\x03\x04 not a zip"[..], b"", b"plain text"] {
        let (response, file) = handle_with_file(&request.encode(), bytes);
        assert_eq!(response.id, 4);
        assert!(file.is_empty());
        match response.outcome {
            Outcome::Failed { kind, message } => {
                assert_eq!(kind, FailureKind::Import);
                assert!(!message.trim().is_empty());
            }
            other => panic!("{bytes:?}: {other:?}"),
        }
    }
}

/// Seed 002 with progress recorded on seven tasks (tests/fixtures/seed-002-progress.json).
#[cfg(feature = "documents")]
fn seed_002_progress() -> Plan {
    read_plan(include_str!("../../tests/fixtures/seed-002-progress.json")).unwrap()
}

#[cfg(feature = "documents")]
#[test]
fn the_report_export_answers_with_a_workbook_named_by_period_year_and_province() {
    use crate::domain::progress::{Day, ReportPeriod, ReportingRules};
    let request = Request {
        id: 14,
        job: Job::ExportReportXlsx {
            plan: seed_002_progress(),
            rules: ReportingRules::default(),
            period: ReportPeriod::Q1,
            as_of: Day::new(2021, 3, 20),
        },
    };
    let head = request.encode();
    let json = String::from_utf8_lossy(&head);
    assert!(json.contains("\"job\":\"export_report_xlsx\""), "{json}");
    assert!(
        json.contains("\"period\":\"q1\"") && json.contains("\"as_of\":\"2021-03-20\""),
        "{json}"
    );
    assert_eq!(Request::decode(&head).unwrap(), request);
    let (response, bytes) = handle(&head);
    assert_eq!(response.id, 14);
    assert_eq!(
        response.outcome,
        Outcome::File {
            name: "bao-cao-tien-do-q1-2021-dak-nong.xlsx".into(),
            mime: crate::domain::workbook::XLSX_MIME.into(),
            warnings: Vec::new(),
        }
    );
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let mut book: Xlsx<_> = open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    assert_eq!(
        book.sheet_names(),
        [
            "Tổng hợp",
            "Theo cơ quan chủ trì",
            "Quá hạn",
            "Kỳ tới",
            "Chi tiết"
        ]
    );
    let summary = book.worksheet_range("Tổng hợp").unwrap();
    assert_eq!(
        summary.get_value((1, 0)),
        Some(&Data::String(
            "Báo cáo tiến độ thực hiện Kế hoạch cải cách hành chính Quý I năm 2021".into()
        ))
    );
    assert_eq!(
        summary.get_value((2, 0)),
        Some(&Data::String(
            "(Số liệu từ ngày 15/12/2020 đến ngày 14/03/2021; tình trạng tính đến ngày 20/03/2021)"
                .into()
        ))
    );
    let lists = book.worksheet_range("Quá hạn").unwrap();
    assert!(lists.rows().any(|row| row
        .iter()
        .any(|c| c == &Data::String("Ban hành kế hoạch kiểm soát TTHC năm 2021".into()))));
}

#[cfg(feature = "documents")]
#[test]
fn the_word_report_answers_with_a_docx_and_as_of_may_be_left_out() {
    use crate::domain::progress::{ReportPeriod, ReportingRules};
    // What the app may post: no as_of (the period's cut-off day), no rules (the defaults).
    let plan_json = serde_json::to_value(seed_002_progress()).unwrap();
    let head = serde_json::json!({
        "id": 6,
        "job": {
            "job": "export_report_docx",
            "plan": plan_json,
            "period": "six_months"
        }
    });
    let head = serde_json::to_vec(&head).unwrap();
    match Request::decode(&head).unwrap().job {
        Job::ExportReportDocx {
            period,
            as_of,
            rules,
            ..
        } => {
            assert_eq!((period, as_of), (ReportPeriod::SixMonths, None));
            assert_eq!(rules, ReportingRules::default());
        }
        other => panic!("{other:?}"),
    }
    let (response, bytes) = handle(&head);
    assert_eq!(response.id, 6);
    assert_eq!(
        response.outcome,
        Outcome::File {
            name: "bao-cao-tien-do-6m-2021-dak-nong.docx".into(),
            mime: crate::domain::docx::DOCX_MIME.into(),
            warnings: Vec::new(),
        }
    );
    let body = document_xml(bytes);
    assert!(
        body.contains(">Báo cáo tiến độ thực hiện Kế hoạch cải cách hành chính 6 tháng năm 2021<")
    );
    assert!(
        body.contains("tình trạng tính đến ngày 14/06/2021)<"),
        "{body}"
    );
    assert!(body.contains(">Ban hành kế hoạch kiểm soát TTHC năm 2021<"));
}

#[test]
fn the_par_index_export_answers_with_its_sheet() {
    use crate::domain::library::{builtin, plan_from_source};
    use crate::domain::par_index::Scores;
    let plan = plan_from_source(builtin(), "seed-001", "p").unwrap();
    let scores = Scores::find_builtin("Hưng Yên", 2023).unwrap().clone();
    let head = serde_json::to_vec(&Request {
        id: 9,
        job: Job::ExportParIndexXlsx {
            plan,
            scores,
            set: None,
        },
    })
    .unwrap();
    let (response, bytes) = handle(&head);
    assert_eq!(response.id, 9);
    assert_eq!(
        response.outcome,
        Outcome::File {
            name: "Khac-phuc-Chi-so-CCHC-Hung-Yen-2024.xlsx".into(),
            mime: crate::domain::workbook::XLSX_MIME.into(),
            warnings: Vec::new(),
        }
    );
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader;
    let sheet = book
        .worksheet_range(crate::domain::workbook::SHEET_PAR_INDEX)
        .unwrap();
    assert!(sheet
        .rows()
        .any(|row| row.iter().any(|c| c.to_string().starts_with("3.2.1. "))));
}

#[test]
fn the_par_index_word_export_answers_with_a_docx() {
    use crate::domain::library::{builtin, plan_from_source};
    use crate::domain::par_index::Scores;
    let plan = plan_from_source(builtin(), "seed-001", "p").unwrap();
    let scores = Scores::find_builtin("Hưng Yên", 2023).unwrap().clone();
    let head = serde_json::to_vec(&Request {
        id: 10,
        job: Job::ExportParIndexDocx {
            plan,
            scores,
            set: None,
        },
    })
    .unwrap();
    let (response, bytes) = handle(&head);
    assert_eq!(
        response.outcome,
        Outcome::File {
            name: "Khac-phuc-Chi-so-CCHC-Hung-Yen-2024.docx".into(),
            mime: crate::domain::docx::DOCX_MIME.into(),
            warnings: Vec::new(),
        }
    );
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut body = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("word/document.xml").unwrap(),
        &mut body,
    )
    .unwrap();
    assert!(body.contains("3.2.1. "), "the criteria are in the table");
}
