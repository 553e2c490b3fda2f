//! `cchc`: the command-line side of the plan builder (native targets only; on wasm32 the
//! binary is an empty main so that the web build still compiles every target).
//!
//! ```text
//! cchc export plan.json [-o phu-luc.xlsx] [--settings export.json]
//! cchc export plan.json -o phu-luc.docx        (Word, chosen by the extension)
//! cchc export plan.json --document [-o ke-hoach.docx]   (the whole plan document)
//! cchc report plan.json --period q1|6m|q3|year [--date YYYY-MM-DD] [-o bao-cao.xlsx|.docx]
//! cchc plan-from-seed 002_591ff2b9d60f55ba.txt [-o plan.json]
//! cchc import ke-hoach-2025.docx [-o plan.json]
//! cchc --help
//! ```
//!
//! Each subcommand is one arm of the `match` in [`cli::run`] and one function taking its
//! own arguments; [`cli::Args`] parses the positional arguments and options they share.
//! Parsing is std-only on purpose: a handful of options does not warrant a dependency.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    let code = match cli::utf8_args(std::env::args_os().skip(1)) {
        Ok(args) => cli::run(&args),
        Err(message) => {
            eprintln!("{message}");
            cli::USAGE
        }
    };
    std::process::exit(code);
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use std::ffi::OsString;
    use std::path::{Path, PathBuf};

    use cchc_plan::domain::docx::{
        build_appendices_docx, build_plan_document, build_report_docx, plan_document_file_name,
    };
    use cchc_plan::domain::file_format::{read_plan, write_plan};
    use cchc_plan::domain::import::{read_file, ImportDraft};
    use cchc_plan::domain::library::{builtin, plan_from_source};
    use cchc_plan::domain::progress::{Day, ReportPeriod, ReportingRules};
    use cchc_plan::domain::progress_report::build_report;
    use cchc_plan::domain::text::file_slug;
    use cchc_plan::domain::workbook::{
        build_report_xlsx, build_workbook, file_name, report_file_name, ExportSettings,
    };

    /// Exit code of a command that failed on its input (a bad file, a write error).
    const FAILED: i32 = 1;
    /// Exit code of a command line that could not be understood.
    pub const USAGE: i32 = 2;

    const HELP: &str = "\
cchc — công cụ dòng lệnh của ứng dụng lập Kế hoạch cải cách hành chính

Cách dùng:
  cchc export <tệp kế hoạch .json> [-o <tệp .xlsx|.docx>] [--settings <tệp .json>]
      Xuất các phụ lục của kế hoạch ra tệp Excel (Phụ lục I: nhiệm vụ; Phụ lục II:
      nhiệm vụ theo cơ quan chủ trì; Phụ lục III: kinh phí, khi có kinh phí); tệp ra
      có đuôi .docx thì xuất ra tệp Word, cùng các phụ lục và tùy chọn.
      -o, --output      tệp Excel cần ghi; mặc định: tên theo tỉnh và năm,
                        ví dụ Phu-luc-KH-CCHC-Hung-Yen-2027.xlsx, ở thư mục hiện tại
      --settings        tệp JSON tùy chọn xuất (cột, tên cột, kiểu nhãn phụ lục)
      --document        xuất cả dự thảo văn bản kế hoạch (tệp Word .docx: phần nội dung
                        khổ A4 đứng, rồi các phụ lục khổ A4 ngang); mặc định tên tệp
                        Du-thao-KH-CCHC-<Tỉnh>-<năm>.docx
  cchc report <tệp kế hoạch .json> --period q1|6m|q3|year [--date <ngày>] [-o <tệp .xlsx|.docx>]
      Xuất báo cáo tiến độ thực hiện kế hoạch của một kỳ: số nhiệm vụ theo tình trạng
      (theo lĩnh vực, theo cơ quan chủ trì), tỷ lệ hoàn thành đúng hạn, nhiệm vụ quá hạn,
      nhiệm vụ đến hạn kỳ tới và bảng chi tiết; tệp ra có đuôi .docx thì xuất ra tệp Word.
      --period          kỳ báo cáo: q1 (Quý I), 6m (6 tháng), q3 (Quý III), year (năm);
                        số liệu từ ngày 15/12 năm trước đến ngày chốt của kỳ (14/3, 14/6,
                        14/9, 14/12)
      --date            ngày xét tình trạng, quá hạn (YYYY-MM-DD hoặc dd/mm/yyyy);
                        mặc định: ngày chốt số liệu của kỳ
      -o, --output      tệp cần ghi; mặc định: tên theo kỳ, năm và tỉnh, ví dụ
                        bao-cao-tien-do-q1-2027-hung-yen.xlsx, ở thư mục hiện tại
  cchc plan-from-seed <tệp nguồn> [-o <tệp kế hoạch .json>]
      Dựng lại kế hoạch của một văn bản nguồn trong thư viện có sẵn, gọi theo tên tệp
      nguồn (ví dụ 002_591ff2b9d60f55ba.txt) hoặc mã nguồn (ví dụ seed-002).
      -o, --output      tệp kế hoạch cần ghi; mặc định: in ra màn hình
  cchc import <tệp .docx, .xlsx hoặc .ods> [-o <tệp kế hoạch .json>]
      Nhập bảng nhiệm vụ (phụ lục) của một kế hoạch cũ thành kế hoạch mới; các cảnh báo
      (dòng không đặt được, ô chuyển vào Ghi chú, cơ quan chưa có trong danh mục) in ra
      luồng lỗi (stderr).
      -o, --output      tệp kế hoạch cần ghi; mặc định: in ra màn hình
  cchc --help
      Hiện hướng dẫn này.

Mã thoát: 0 thành công; 1 tệp vào hoặc ra bị lỗi; 2 dòng lệnh sai.
";

    /// The arguments as text (without the program name).
    ///
    /// # Errors
    /// A Vietnamese message naming the first argument that is not valid UTF-8 (a file
    /// name in another encoding, possible on Linux), shown with its bad bytes replaced.
    pub fn utf8_args(args: impl IntoIterator<Item = OsString>) -> Result<Vec<String>, String> {
        args.into_iter()
            .enumerate()
            .map(|(i, arg)| {
                arg.into_string().map_err(|arg| {
                    format!(
                        "Tham số thứ {} (\"{}\") không phải văn bản UTF-8: hãy đổi tên tệp hoặc thư mục sang tên Unicode (UTF-8) rồi chạy lại.",
                        i + 1,
                        arg.to_string_lossy()
                    )
                })
            })
            .collect()
    }

    /// Runs a command line (without the program name); returns the exit code.
    pub fn run(args: &[String]) -> i32 {
        let Some((command, rest)) = args.split_first() else {
            eprint!("Thiếu lệnh.\n\n{HELP}");
            return USAGE;
        };
        match command.as_str() {
            "-h" | "--help" | "help" => {
                print!("{HELP}");
                0
            }
            "export" => export(rest),
            "report" => report(rest),
            "plan-from-seed" => plan_from_seed(rest),
            "import" => import(rest),
            other => {
                eprint!("Lệnh không rõ: \"{other}\".\n\n{HELP}");
                USAGE
            }
        }
    }

    /// The arguments of a subcommand: positional arguments and the shared options.
    #[derive(Debug, Default, PartialEq)]
    pub struct Args {
        pub positional: Vec<String>,
        pub output: Option<PathBuf>,
        pub settings: Option<PathBuf>,
        pub help: bool,
        /// `--document`: the whole plan document rather than the appendices alone.
        pub document: bool,
        /// `--period q1|6m|q3|year`: the report's period (`report` only).
        pub period: Option<String>,
        /// `--date YYYY-MM-DD`: the day a report reads statuses on (`report` only).
        pub date: Option<String>,
    }

    impl Args {
        /// Parses `-o FILE`, `--output FILE`, `--output=FILE`, `--settings FILE`,
        /// `--period CODE`, `--date DAY`, `-h`, `--help`; `--` ends the options. Returns a
        /// Vietnamese message on a bad option.
        pub fn parse(args: &[String]) -> Result<Args, String> {
            let mut parsed = Args::default();
            let mut iter = args.iter();
            while let Some(arg) = iter.next() {
                let (name, inline) = match arg.split_once('=') {
                    Some((n, v)) if n.starts_with("--") => (n, Some(v.to_string())),
                    _ => (arg.as_str(), None),
                };
                match name {
                    "--" => {
                        parsed.positional.extend(iter.by_ref().cloned());
                    }
                    "-h" | "--help" => parsed.help = true,
                    "--document" if inline.is_none() => parsed.document = true,
                    "-o" | "--output" | "--settings" | "--period" | "--date" => {
                        let needs = match name {
                            "--period" => "một kỳ báo cáo (q1, 6m, q3 hoặc year)",
                            "--date" => "một ngày (YYYY-MM-DD)",
                            _ => "một tên tệp",
                        };
                        let missing = || format!("Tùy chọn {name} cần {needs}.");
                        let value = match inline {
                            Some(v) => v,
                            None => iter.next().cloned().ok_or_else(missing)?,
                        };
                        if value.is_empty() {
                            return Err(missing());
                        }
                        let taken = match name {
                            "--settings" => parsed.settings.replace(PathBuf::from(value)).is_some(),
                            "--period" => parsed.period.replace(value).is_some(),
                            "--date" => parsed.date.replace(value).is_some(),
                            _ => parsed.output.replace(PathBuf::from(value)).is_some(),
                        };
                        if taken {
                            return Err(format!("Tùy chọn {name} được cho hai lần."));
                        }
                    }
                    _ if arg.starts_with('-') && arg.len() > 1 => {
                        return Err(format!("Tùy chọn không rõ: \"{arg}\"."));
                    }
                    _ => parsed.positional.push(arg.clone()),
                }
            }
            Ok(parsed)
        }
    }

    /// A file's bytes, or the Vietnamese reason it cannot be read.
    fn read_bytes(path: &Path) -> Result<Vec<u8>, String> {
        std::fs::read(path).map_err(|e| {
            let reason = match e.kind() {
                std::io::ErrorKind::NotFound => "không tìm thấy tệp".to_string(),
                std::io::ErrorKind::PermissionDenied => "không có quyền đọc tệp".to_string(),
                _ => format!("lỗi đọc tệp ({e})"),
            };
            format!("Không đọc được {}: {reason}.", path.display())
        })
    }

    /// A file's text, or the Vietnamese reason it cannot be read.
    fn read_text(path: &Path) -> Result<String, String> {
        let bytes = read_bytes(path)?;
        String::from_utf8(bytes).map_err(|_| {
            format!(
                "Không đọc được {}: tệp không phải văn bản UTF-8.",
                path.display()
            )
        })
    }

    /// `cchc export plan.json [-o out.xlsx] [--settings export.json]`
    fn export(args: &[String]) -> i32 {
        let args = match Args::parse(args) {
            Ok(args) if args.help => {
                print!("{HELP}");
                return 0;
            }
            Ok(args) if args.period.is_some() || args.date.is_some() => {
                eprintln!(
                    "Lệnh export không nhận --period, --date (dùng lệnh report).\nXem: cchc --help"
                );
                return USAGE;
            }
            Ok(args) => args,
            Err(message) => {
                eprintln!("{message}\nXem: cchc --help");
                return USAGE;
            }
        };
        let input = match args.positional.as_slice() {
            [input] => PathBuf::from(input),
            [] => {
                eprintln!("Thiếu tệp kế hoạch cần xuất.\nCách dùng: cchc export <tệp kế hoạch .json> [-o <tệp .xlsx>]");
                return USAGE;
            }
            [_, extra, ..] => {
                eprintln!("Thừa tham số: \"{extra}\". Lệnh export nhận một tệp kế hoạch.");
                return USAGE;
            }
        };
        let exported = if args.document {
            export_document(&input, args.output.as_deref(), args.settings.as_deref())
        } else {
            export_file(&input, args.output.as_deref(), args.settings.as_deref())
        };
        match exported {
            Ok(message) => {
                println!("{message}");
                0
            }
            Err(message) => {
                eprintln!("{message}");
                FAILED
            }
        }
    }

    /// The export settings of `--settings`, or the defaults.
    fn read_settings(settings: Option<&Path>) -> Result<ExportSettings, String> {
        Ok(match settings {
            None => ExportSettings::default(),
            Some(path) => serde_json::from_str(&read_text(path)?).map_err(|e| {
                format!(
                    "Tệp tùy chọn xuất {} không hợp lệ: {}.",
                    path.display(),
                    cchc_plan::domain::file_format::json_error_vi(&e)
                )
            })?,
        })
    }

    /// `cchc export plan.json --document [-o ke-hoach.docx]`: the plan document, body and
    /// appendices, as one .docx.
    fn export_document(
        input: &Path,
        output: Option<&Path>,
        settings: Option<&Path>,
    ) -> Result<String, String> {
        if let Some(output) = output {
            if !output
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("docx"))
            {
                return Err(format!(
                    "Dự thảo kế hoạch là tệp Word: tệp ra {} phải có đuôi .docx.",
                    output.display()
                ));
            }
        }
        let settings = read_settings(settings)?;
        let plan = read_plan(&read_text(input)?)
            .map_err(|e| format!("Không đọc được tệp kế hoạch {}: {e}", input.display()))?;
        let output = output.map_or_else(
            || PathBuf::from(plan_document_file_name(&plan)),
            Path::to_path_buf,
        );
        let bytes = build_plan_document(&plan, &settings).map_err(|e| e.to_string())?;
        std::fs::write(&output, &bytes)
            .map_err(|e| format!("Không ghi được {}: {e}.", output.display()))?;
        Ok(format!(
            "Đã xuất dự thảo kế hoạch ({} nhiệm vụ trong phụ lục) ra {} ({} byte).",
            plan.task_count(),
            output.display(),
            bytes.len()
        ))
    }

    fn export_file(
        input: &Path,
        output: Option<&Path>,
        settings: Option<&Path>,
    ) -> Result<String, String> {
        let settings = read_settings(settings)?;
        let plan = read_plan(&read_text(input)?)
            .map_err(|e| format!("Không đọc được tệp kế hoạch {}: {e}", input.display()))?;
        let output = output.map_or_else(|| PathBuf::from(file_name(&plan)), Path::to_path_buf);
        let word = output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
        let bytes = if word {
            build_appendices_docx(&plan, &settings).map_err(|e| e.to_string())?
        } else {
            build_workbook(&plan, &settings).map_err(|e| e.to_string())?
        };
        std::fs::write(&output, &bytes)
            .map_err(|e| format!("Không ghi được {}: {e}.", output.display()))?;
        Ok(format!(
            "Đã xuất {} nhiệm vụ ra {} ({} byte).",
            plan.task_count(),
            output.display(),
            bytes.len()
        ))
    }

    /// The options of a command that takes no `--settings`; `Err` holds the exit code
    /// (0 after printing the help, [`USAGE`] after a message).
    /// `report` (with `dated`) takes `--period` and `--date`; the others do not.
    fn args_without_settings(args: &[String], command: &str, dated: bool) -> Result<Args, i32> {
        match Args::parse(args) {
            Ok(args) if args.help => {
                print!("{HELP}");
                Err(0)
            }
            Ok(args) if args.settings.is_some() => {
                eprintln!("Lệnh {command} không nhận --settings.\nXem: cchc --help");
                Err(USAGE)
            }
            Ok(args) if args.document => {
                eprintln!("Lệnh {command} không nhận --document.\nXem: cchc --help");
                Err(USAGE)
            }
            Ok(args) if !dated && (args.period.is_some() || args.date.is_some()) => {
                eprintln!("Lệnh {command} không nhận --period, --date.\nXem: cchc --help");
                Err(USAGE)
            }
            Ok(args) => Ok(args),
            Err(message) => {
                eprintln!("{message}\nXem: cchc --help");
                Err(USAGE)
            }
        }
    }

    /// `cchc report plan.json --period q1 [--date 2027-03-20] [-o bao-cao.xlsx|.docx]`
    fn report(args: &[String]) -> i32 {
        let args = match args_without_settings(args, "report", true) {
            Ok(args) => args,
            Err(code) => return code,
        };
        let input = match args.positional.as_slice() {
            [input] => PathBuf::from(input),
            [] => {
                eprintln!("Thiếu tệp kế hoạch cần báo cáo.\nCách dùng: cchc report <tệp kế hoạch .json> --period q1|6m|q3|year [--date <ngày>] [-o <tệp .xlsx|.docx>]");
                return USAGE;
            }
            [_, extra, ..] => {
                eprintln!("Thừa tham số: \"{extra}\". Lệnh report nhận một tệp kế hoạch.");
                return USAGE;
            }
        };
        let period = match args.period.as_deref().map(ReportPeriod::from_code) {
            Some(Some(period)) => period,
            Some(None) => {
                eprintln!(
                    "Kỳ báo cáo không rõ: \"{}\". Dùng q1 (Quý I), 6m (6 tháng), q3 (Quý III) hoặc year (năm).",
                    args.period.unwrap_or_default()
                );
                return USAGE;
            }
            None => {
                eprintln!("Thiếu kỳ báo cáo: --period q1, 6m, q3 hoặc year.\nXem: cchc --help");
                return USAGE;
            }
        };
        let as_of = match args.date.as_deref().map(Day::parse) {
            Some(Some(day)) => Some(day),
            Some(None) => {
                eprintln!(
                    "Ngày không hợp lệ: \"{}\". Viết ngày dạng YYYY-MM-DD hoặc dd/mm/yyyy, ví dụ 2027-03-20.",
                    args.date.unwrap_or_default()
                );
                return USAGE;
            }
            None => None,
        };
        finish(report_file(&input, period, as_of, args.output.as_deref()).map(Some))
    }

    /// Writes the report of `period` of a plan file, as a workbook or (by the output's
    /// extension) a .docx; returns the message to print.
    fn report_file(
        input: &Path,
        period: ReportPeriod,
        as_of: Option<Day>,
        output: Option<&Path>,
    ) -> Result<String, String> {
        let plan = read_plan(&read_text(input)?)
            .map_err(|e| format!("Không đọc được tệp kế hoạch {}: {e}", input.display()))?;
        let report = build_report(&plan, &ReportingRules::default(), period, as_of);
        let output = output.map_or_else(
            || PathBuf::from(report_file_name(&report, &plan)),
            Path::to_path_buf,
        );
        let word = output
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("docx"));
        let bytes = if word {
            build_report_docx(&report, &plan).map_err(|e| e.to_string())?
        } else {
            build_report_xlsx(&report, &plan).map_err(|e| e.to_string())?
        };
        std::fs::write(&output, &bytes)
            .map_err(|e| format!("Không ghi được {}: {e}.", output.display()))?;
        let title = report.title().replacen("Báo cáo", "báo cáo", 1);
        Ok(format!(
            "Đã xuất {title} ({} nhiệm vụ: {} hoàn thành, {} quá hạn; số liệu đến ngày {}, tình trạng tính đến ngày {}) ra {} ({} byte).",
            report.total.total(),
            report.total.done(),
            report.total.overdue,
            report.range.to,
            report.as_of,
            output.display(),
            bytes.len()
        ))
    }

    /// `cchc plan-from-seed 002_591ff2b9d60f55ba.txt [-o plan.json]`
    fn plan_from_seed(args: &[String]) -> i32 {
        let args = match args_without_settings(args, "plan-from-seed", false) {
            Ok(args) => args,
            Err(code) => return code,
        };
        let source = match args.positional.as_slice() {
            [source] => source.as_str(),
            [] => {
                eprintln!("Thiếu tên tệp nguồn.\nCách dùng: cchc plan-from-seed <tệp nguồn> [-o <tệp kế hoạch .json>]");
                return USAGE;
            }
            [_, extra, ..] => {
                eprintln!("Thừa tham số: \"{extra}\". Lệnh plan-from-seed nhận một tệp nguồn.");
                return USAGE;
            }
        };
        finish(seed_plan(source, args.output.as_deref()))
    }

    /// Writes the plan of a built-in source to `output` (a message to print) or to stdout.
    fn seed_plan(source: &str, output: Option<&Path>) -> Result<Option<String>, String> {
        let library = builtin();
        // A path such as data/seeds/002_….txt names the same source as its file name.
        let key = Path::new(source)
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or(source);
        let found = library.source(source).or_else(|| library.source(key));
        let Some(found) = found else {
            let known: Vec<String> = library
                .sources()
                .iter()
                .map(|s| format!("  {} ({}, {})", s.file, s.id, s.province))
                .collect();
            return Err(format!(
                "Không có nguồn \"{source}\" trong thư viện có sẵn. Các nguồn có:\n{}",
                known.join("\n")
            ));
        };
        let plan = plan_from_source(library, &found.id, format!("kh-{}", found.id))
            .ok_or_else(|| format!("Không dựng được kế hoạch từ nguồn \"{source}\"."))?;
        let text = write_plan(&plan);
        let Some(output) = output else {
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
            return Ok(None);
        };
        std::fs::write(output, &text)
            .map_err(|e| format!("Không ghi được {}: {e}.", output.display()))?;
        Ok(Some(format!(
            "Đã tạo kế hoạch \"{}\" ({} nhiệm vụ) vào {}.",
            plan.title,
            plan.task_count(),
            output.display()
        )))
    }

    /// `cchc import ke-hoach.docx [-o plan.json]`
    fn import(args: &[String]) -> i32 {
        let args = match args_without_settings(args, "import", false) {
            Ok(args) => args,
            Err(code) => return code,
        };
        let input = match args.positional.as_slice() {
            [input] => PathBuf::from(input),
            [] => {
                eprintln!("Thiếu tệp cần nhập.\nCách dùng: cchc import <tệp .docx, .xlsx hoặc .ods> [-o <tệp kế hoạch .json>]");
                return USAGE;
            }
            [_, extra, ..] => {
                eprintln!("Thừa tham số: \"{extra}\". Lệnh import nhận một tệp.");
                return USAGE;
            }
        };
        finish(import_file(&input, args.output.as_deref()))
    }

    /// Prints a command's message (stdout) or its error (stderr); returns the exit code.
    fn finish(result: Result<Option<String>, String>) -> i32 {
        match result {
            Ok(message) => {
                if let Some(message) = message {
                    println!("{message}");
                }
                0
            }
            Err(message) => {
                eprintln!("{message}");
                FAILED
            }
        }
    }

    /// Imports a document's task table as a new plan, written to `output` (a message to
    /// print) or to stdout; the draft's warnings go to stderr.
    fn import_file(input: &Path, output: Option<&Path>) -> Result<Option<String>, String> {
        let bytes = read_bytes(input)?;
        let name = input
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let failed =
            |e: &dyn std::fmt::Display| format!("Không nhập được {}: {e}", input.display());
        let doc = read_file(&name, &bytes).map_err(|e| failed(&e))?;
        let draft = ImportDraft::analyse(&doc, None).map_err(|e| failed(&e))?;
        for warning in &draft.warnings {
            eprintln!("Cảnh báo: {warning}");
        }
        if !draft.unknown_agencies.is_empty() {
            eprintln!(
                "Cơ quan chưa có trong danh mục: {}",
                draft.unknown_agencies.join("; ")
            );
        }
        let stem = input
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let plan = draft.to_plan(&format!("kh-nhap-{}", file_slug(&stem)));
        let text = write_plan(&plan);
        let Some(output) = output else {
            print!("{text}");
            if !text.ends_with('\n') {
                println!();
            }
            return Ok(None);
        };
        std::fs::write(output, &text)
            .map_err(|e| format!("Không ghi được {}: {e}.", output.display()))?;
        let counts = draft.counts();
        Ok(Some(format!(
            "Đã nhập {} lĩnh vực, {} nhóm, {} nhiệm vụ (tổng kinh phí {} triệu đồng) từ {} vào {}.",
            counts.areas,
            counts.groups,
            counts.tasks,
            counts.total,
            input.display(),
            output.display()
        )))
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        fn args(list: &[&str]) -> Vec<String> {
            list.iter().map(|s| s.to_string()).collect()
        }

        #[test]
        fn parses_options_in_any_order() {
            let parsed = Args::parse(&args(&["-o", "x.xlsx", "plan.json"])).unwrap();
            assert_eq!(parsed.positional, ["plan.json"]);
            assert_eq!(parsed.output, Some(PathBuf::from("x.xlsx")));
            let parsed = Args::parse(&args(&[
                "plan.json",
                "--output=y.xlsx",
                "--settings",
                "s.json",
            ]))
            .unwrap();
            assert_eq!(parsed.output, Some(PathBuf::from("y.xlsx")));
            assert_eq!(parsed.settings, Some(PathBuf::from("s.json")));
            let parsed = Args::parse(&args(&["--", "-odd.json"])).unwrap();
            assert_eq!(parsed.positional, ["-odd.json"]);
            assert!(Args::parse(&args(&["-h"])).unwrap().help);
            let parsed =
                Args::parse(&args(&["kh.json", "--period", "q3", "--date=2027-09-20"])).unwrap();
            assert_eq!(parsed.period.as_deref(), Some("q3"));
            assert_eq!(parsed.date.as_deref(), Some("2027-09-20"));
        }

        #[test]
        fn bad_options_are_explained() {
            assert!(Args::parse(&args(&["-o"]))
                .unwrap_err()
                .contains("cần một tên tệp"));
            assert!(Args::parse(&args(&["--output="])).is_err());
            assert!(Args::parse(&args(&["-x"]))
                .unwrap_err()
                .contains("không rõ"));
            assert!(Args::parse(&args(&["-o", "a", "-o", "b"]))
                .unwrap_err()
                .contains("hai lần"));
            assert!(Args::parse(&args(&["--period"]))
                .unwrap_err()
                .contains("cần một kỳ báo cáo"));
            assert!(
                Args::parse(&args(&["--date", "1/1/2027", "--date", "2/1/2027"]))
                    .unwrap_err()
                    .contains("hai lần")
            );
        }

        #[test]
        fn exit_codes() {
            assert_eq!(run(&args(&["--help"])), 0);
            assert_eq!(run(&args(&[])), USAGE);
            assert_eq!(run(&args(&["frobnicate"])), USAGE);
            assert_eq!(run(&args(&["export"])), USAGE);
            assert_eq!(run(&args(&["export", "a", "b"])), USAGE);
            assert_eq!(run(&args(&["export", "/nonexistent/plan.json"])), FAILED);
            assert_eq!(run(&args(&["plan-from-seed"])), USAGE);
            assert_eq!(run(&args(&["plan-from-seed", "a", "b"])), USAGE);
            assert_eq!(
                run(&args(&["plan-from-seed", "x.txt", "--settings", "s.json"])),
                USAGE
            );
            assert_eq!(run(&args(&["plan-from-seed", "999_nothing.txt"])), FAILED);
            assert_eq!(run(&args(&["import"])), USAGE);
            assert_eq!(run(&args(&["import", "a.docx", "b.docx"])), USAGE);
            assert_eq!(run(&args(&["import", "/nonexistent/kh.docx"])), FAILED);
            assert_eq!(run(&args(&["report", "kh.json"])), USAGE, "no period");
            assert_eq!(run(&args(&["report", "--period", "q1"])), USAGE);
            assert_eq!(run(&args(&["report", "a", "b", "--period", "q1"])), USAGE);
            assert_eq!(run(&args(&["report", "kh.json", "--period", "q2"])), USAGE);
            assert_eq!(
                run(&args(&[
                    "report",
                    "kh.json",
                    "--period",
                    "q1",
                    "--date",
                    "31/02/2027"
                ])),
                USAGE
            );
            assert_eq!(
                run(&args(&["report", "/nonexistent/kh.json", "--period=6m"])),
                FAILED
            );
            assert_eq!(run(&args(&["export", "kh.json", "--period", "q1"])), USAGE);
            assert_eq!(
                run(&args(&["import", "kh.docx", "--date", "2027-01-01"])),
                USAGE
            );
        }
    }
}
