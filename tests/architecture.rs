//! The shape of the domain, checked from its source: `src/domain` is plain Rust (no browser
//! crate named anywhere in it), its top-level modules import each other without a cycle, and
//! no file in it is over 600 lines, tests included; the browser glue (`src/platform`) names
//! neither the UI nor the test hooks.
//!
//! The import graph is drawn between the direct children of `src/domain` (`plan`, `library`,
//! `search`, ...): an edge `a -> b` for every `use` or path in `a` that names `b` through
//! `crate::domain::b` or `super::b` (resolved from where the file sits). Test code (modules
//! named `tests` and items under `#[cfg(test)]`) does not count, as with
//! `cargo modules dependencies` without `--cfg-test`: a test may use a higher module's seeds.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use syn::visit::{self, Visit};

/// The most lines a file in `src/domain` may have.
const MAX_LINES: usize = 600;

/// Files allowed over [`MAX_LINES`], by path under `src/domain`: none.
const TOLERATED_LONG: &[&str] = &[];

/// Crates of the browser that the domain must not name.
const BROWSER_CRATES: &[&str] = &["web_sys", "leptos", "wasm_bindgen", "js_sys"];

fn domain_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain")
}

/// Every `.rs` file under `dir`, sorted.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.expect("a directory entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            out.extend(rust_files(&path));
        } else if path.extension().is_some_and(|x| x == "rs") {
            out.push(path);
        }
    }
    out
}

/// A file's path under `src/domain`, with '/' separators.
fn relative(path: &Path) -> String {
    let rel = path
        .strip_prefix(domain_dir())
        .expect("a file under src/domain");
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The module path of a file under `src/domain`: `deadline/parse.rs` is `[deadline, parse]`,
/// `deadline/mod.rs` and `deadline.rs` are `[deadline]`, `mod.rs` is `[]`.
fn module_path(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.split('/').map(str::to_string).collect();
    let last = parts.pop().expect("a file name");
    if last != "mod.rs" {
        parts.push(last.trim_end_matches(".rs").to_string());
    }
    parts
}

/// The direct child modules of `src/domain`: `foo.rs` and `foo/`.
fn top_modules() -> BTreeSet<String> {
    fs::read_dir(domain_dir())
        .expect("src/domain exists")
        .map(|e| e.expect("a directory entry").path())
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            if p.is_dir() {
                Some(name)
            } else {
                let stem = name.strip_suffix(".rs")?;
                (stem != "mod").then(|| stem.to_string())
            }
        })
        .collect()
}

fn is_test_module(name: &str) -> bool {
    name == "tests" || name.ends_with("_tests")
}

fn is_cfg_test(attrs: &[syn::Attribute]) -> bool {
    attrs.iter().any(|a| {
        a.path().is_ident("cfg")
            && a.parse_args::<syn::Ident>()
                .is_ok_and(|ident| ident == "test")
    })
}

/// Collects the top-level domain modules one file names.
struct Imports<'a> {
    /// The module the visitor is in, from `src/domain` (inline modules included).
    module: Vec<String>,
    top: &'a BTreeSet<String>,
    found: BTreeSet<String>,
}

impl Imports<'_> {
    /// Records the domain module a path names, if any.
    fn path(&mut self, segments: &[String]) {
        let target = match segments {
            [krate, domain, name, ..] if krate == "crate" && domain == "domain" => Some(name),
            [first, ..] if first == "super" => {
                let supers = segments.iter().take_while(|s| *s == "super").count();
                if supers > self.module.len() {
                    None
                } else {
                    let base = &self.module[..self.module.len() - supers];
                    match base.first() {
                        Some(top) => Some(top),
                        None => segments.get(supers),
                    }
                }
            }
            _ => None,
        };
        if let Some(target) = target {
            if self.top.contains(target) && self.module.first() != Some(target) {
                self.found.insert(target.clone());
            }
        }
    }

    fn use_tree(&mut self, prefix: &mut Vec<String>, tree: &syn::UseTree) {
        match tree {
            syn::UseTree::Path(p) => {
                prefix.push(p.ident.to_string());
                self.use_tree(prefix, &p.tree);
                prefix.pop();
            }
            syn::UseTree::Name(n) => {
                prefix.push(n.ident.to_string());
                self.path(prefix);
                prefix.pop();
            }
            syn::UseTree::Rename(r) => {
                prefix.push(r.ident.to_string());
                self.path(prefix);
                prefix.pop();
            }
            syn::UseTree::Glob(_) => {
                prefix.push("*".to_string());
                self.path(prefix);
                prefix.pop();
            }
            syn::UseTree::Group(g) => {
                for t in &g.items {
                    self.use_tree(prefix, t);
                }
            }
        }
    }
}

impl<'ast> Visit<'ast> for Imports<'_> {
    fn visit_item(&mut self, item: &'ast syn::Item) {
        let attrs: &[syn::Attribute] = match item {
            syn::Item::Const(i) => &i.attrs,
            syn::Item::Enum(i) => &i.attrs,
            syn::Item::Fn(i) => &i.attrs,
            syn::Item::Impl(i) => &i.attrs,
            syn::Item::Mod(i) => &i.attrs,
            syn::Item::Static(i) => &i.attrs,
            syn::Item::Struct(i) => &i.attrs,
            syn::Item::Trait(i) => &i.attrs,
            syn::Item::Type(i) => &i.attrs,
            syn::Item::Use(i) => &i.attrs,
            _ => &[],
        };
        if !is_cfg_test(attrs) {
            visit::visit_item(self, item);
        }
    }

    fn visit_item_mod(&mut self, m: &'ast syn::ItemMod) {
        let name = m.ident.to_string();
        if is_test_module(&name) {
            return;
        }
        self.module.push(name);
        visit::visit_item_mod(self, m);
        self.module.pop();
    }

    fn visit_item_use(&mut self, u: &'ast syn::ItemUse) {
        self.use_tree(&mut Vec::new(), &u.tree);
    }

    fn visit_path(&mut self, p: &'ast syn::Path) {
        let segments: Vec<String> = p.segments.iter().map(|s| s.ident.to_string()).collect();
        self.path(&segments);
        visit::visit_path(self, p);
    }

    fn visit_macro(&mut self, m: &'ast syn::Macro) {
        // Macro arguments are tokens, not syntax: read the paths in them as text
        // ("crate :: domain :: money :: group_thousands").
        let text = m.tokens.to_string();
        let words: Vec<&str> = text.split_whitespace().collect();
        for start in 0..words.len() {
            let mut segments = Vec::new();
            let mut i = start;
            while let Some(word) = words.get(i) {
                segments.push((*word).to_string());
                if words.get(i + 1) != Some(&"::") {
                    break;
                }
                i += 2;
            }
            if segments.len() > 1 {
                self.path(&segments);
            }
        }
        visit::visit_macro(self, m);
    }
}

/// The import graph: for each top-level module, the modules it names, with one file that
/// does it.
fn import_graph() -> BTreeMap<String, BTreeMap<String, String>> {
    let top = top_modules();
    let mut graph: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    for file in rust_files(&domain_dir()) {
        let rel = relative(&file);
        let module = module_path(&rel);
        if module.is_empty() || module.iter().any(|m| is_test_module(m)) {
            continue;
        }
        let text = fs::read_to_string(&file).expect("a readable source file");
        let ast = syn::parse_file(&text)
            .unwrap_or_else(|e| panic!("src/domain/{rel} does not parse: {e}"));
        let mut imports = Imports {
            module: module.clone(),
            top: &top,
            found: BTreeSet::new(),
        };
        imports.visit_file(&ast);
        let edges = graph.entry(module[0].clone()).or_default();
        for target in imports.found {
            edges.entry(target).or_insert_with(|| rel.clone());
        }
    }
    graph
}

/// A cycle in the graph, as the modules along it (the first repeated at the end).
fn find_cycle(graph: &BTreeMap<String, BTreeMap<String, String>>) -> Option<Vec<String>> {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    fn walk(
        node: &str,
        graph: &BTreeMap<String, BTreeMap<String, String>>,
        marks: &mut BTreeMap<String, Mark>,
        stack: &mut Vec<String>,
    ) -> Option<Vec<String>> {
        marks.insert(node.to_string(), Mark::Open);
        stack.push(node.to_string());
        for next in graph.get(node).into_iter().flat_map(|e| e.keys()) {
            match marks.get(next).copied().unwrap_or(Mark::New) {
                Mark::Open => {
                    let from = stack.iter().position(|m| m == next).expect("on the stack");
                    let mut cycle = stack[from..].to_vec();
                    cycle.push(next.clone());
                    return Some(cycle);
                }
                Mark::New => {
                    if let Some(cycle) = walk(next, graph, marks, stack) {
                        return Some(cycle);
                    }
                }
                Mark::Done => {}
            }
        }
        stack.pop();
        marks.insert(node.to_string(), Mark::Done);
        None
    }
    let mut marks = BTreeMap::new();
    for node in graph.keys() {
        if marks.get(node).copied().unwrap_or(Mark::New) == Mark::New {
            if let Some(cycle) = walk(node, graph, &mut marks, &mut Vec::new()) {
                return Some(cycle);
            }
        }
    }
    None
}

#[test]
fn domain_modules_import_each_other_without_a_cycle() {
    let graph = import_graph();
    assert!(
        graph.contains_key("library") && graph["library"].contains_key("plan"),
        "the import reader found no edge library -> plan: it reads nothing, fix it: {graph:#?}"
    );
    if let Some(cycle) = find_cycle(&graph) {
        let steps: Vec<String> = cycle
            .windows(2)
            .map(|w| {
                format!(
                    "  {} -> {} (in src/domain/{})",
                    w[0], w[1], graph[&w[0]][&w[1]]
                )
            })
            .collect();
        panic!(
            "the modules of src/domain import each other in a cycle: {}\n{}\n\
             Move what both need into a lower module (as `template` holds the template data \
             that `file_format`, `library` and `search` share).",
            cycle.join(" -> "),
            steps.join("\n")
        );
    }
}

#[test]
fn the_import_reader_sees_a_cycle() {
    let mut graph: BTreeMap<String, BTreeMap<String, String>> = BTreeMap::new();
    let edge = |g: &mut BTreeMap<String, BTreeMap<String, String>>, a: &str, b: &str| {
        g.entry(a.to_string())
            .or_default()
            .insert(b.to_string(), format!("{a}.rs"));
    };
    edge(&mut graph, "library", "plan");
    edge(&mut graph, "library", "search");
    assert_eq!(find_cycle(&graph), None);
    edge(&mut graph, "search", "file_format");
    edge(&mut graph, "file_format", "library");
    assert_eq!(
        find_cycle(&graph).unwrap(),
        ["file_format", "library", "search", "file_format"]
    );

    // Paths resolve from where the file sits; test code does not count.
    let top: BTreeSet<String> = ["deadline", "library", "plan", "text"]
        .map(String::from)
        .into();
    let read = |module: &[&str], code: &str| {
        let mut imports = Imports {
            module: module.iter().map(|m| m.to_string()).collect(),
            top: &top,
            found: BTreeSet::new(),
        };
        imports.visit_file(&syn::parse_file(code).unwrap());
        imports.found.into_iter().collect::<Vec<_>>()
    };
    assert_eq!(
        read(&["library"], "use super::{plan::Plan, text};"),
        ["plan", "text"]
    );
    assert_eq!(
        read(&["deadline", "parse"], "use super::Deadline;"),
        [] as [&str; 0]
    );
    assert_eq!(
        read(&["deadline", "parse"], "use super::super::text::fold;"),
        ["text"]
    );
    assert_eq!(
        read(
            &["deadline"],
            "fn f() { let _ = format!(\"{}\", crate::domain::plan::X); }"
        ),
        ["plan"]
    );
    assert_eq!(
        read(
            &["deadline"],
            "#[cfg(test)] mod tests { use crate::domain::library::builtin; }"
        ),
        [] as [&str; 0]
    );
}

#[test]
fn domain_names_no_browser_crate() {
    let mut offenders = Vec::new();
    for file in rust_files(&domain_dir()) {
        let text = fs::read_to_string(&file).expect("a readable source file");
        for (n, line) in text.lines().enumerate() {
            if let Some(name) = BROWSER_CRATES.iter().find(|c| line.contains(*c)) {
                offenders.push(format!(
                    "  src/domain/{}:{}: {name}",
                    relative(&file),
                    n + 1
                ));
            }
        }
    }
    assert!(
        offenders.is_empty(),
        "src/domain is plain Rust, tested natively; these lines name a browser crate:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn no_domain_file_is_over_600_lines() {
    let mut offenders = Vec::new();
    for file in rust_files(&domain_dir()) {
        let rel = relative(&file);
        let lines = fs::read_to_string(&file)
            .expect("a readable source file")
            .lines()
            .count();
        if lines > MAX_LINES && !TOLERATED_LONG.contains(&rel.as_str()) {
            offenders.push(format!("  src/domain/{rel}: {lines} lines"));
        }
    }
    assert!(
        offenders.is_empty(),
        "files in src/domain over {MAX_LINES} lines (split them by stage of work, \
         `foo/mod.rs` + `foo/parse.rs` ... + `foo/tests.rs`):\n{}",
        offenders.join("\n")
    );
}

/// The browser glue knows nothing of the UI, nor of the test hooks: arrows point from `ui`
/// and `test_hooks` down to `platform`, never back.
#[test]
fn platform_names_neither_ui_nor_test_hooks() {
    let platform = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/platform");
    let files = rust_files(&platform);
    assert!(!files.is_empty(), "no files under {}", platform.display());
    let offenders: Vec<String> = files
        .iter()
        .filter(|file| {
            let text = fs::read_to_string(file).expect("a readable source file");
            // Code only: the module docs may say what the glue does not know.
            text.lines()
                .filter(|line| !line.trim_start().starts_with("//"))
                .any(|line| {
                    ["crate::ui", "crate::test_hooks", "super::ui", "leptos"]
                        .iter()
                        .any(|name| line.contains(name))
                })
        })
        .map(|file| file.display().to_string())
        .collect();
    assert!(
        offenders.is_empty(),
        "src/platform must not name the UI, the test hooks or Leptos: {offenders:?}"
    );
}
