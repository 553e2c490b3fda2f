use std::collections::HashSet;

use super::*;
use crate::domain::library::builtin;
use crate::domain::template::{AreaKey, Template};
use crate::domain::text::{fold, words};

fn search(query: &str) -> Vec<Hit> {
    builtin().search(query, &Filter::default())
}

fn template(hit: &Hit) -> &'static Template {
    &builtin().templates()[hit.index]
}

/// The folded texts a hit highlights in the content.
fn highlighted(hit: &Hit) -> Vec<String> {
    let t = template(hit);
    hit.content
        .iter()
        .map(|r| fold(&t.content[r.clone()]))
        .collect()
}

fn indices(hits: &[Hit]) -> HashSet<usize> {
    hits.iter().map(|h| h.index).collect()
}

#[test]
fn highlights_end_inside_decomposed_words() {
    // Decomposed input (base letters followed by combining marks): a prefix of two folded
    // letters ends after the marks of the second.
    let nfd = "Mo\u{0323}\u{0302}t cu\u{031b}\u{0309}a";
    let first = words(nfd).next().unwrap();
    assert_eq!(
        prefix_end(nfd, 0, first.span.end, 2),
        "Mo\u{0323}\u{0302}".len()
    );
}

#[test]
fn one_stop_shop_is_found_with_or_without_diacritics() {
    for query in ["mot cua", "một cửa", "MỘT CỬA", "cửa một", "Mot Cua "] {
        let hits = search(query);
        assert!(hits.len() >= 20, "{query}: {} hits", hits.len());
        for hit in &hits[..10] {
            let text = fold(&template(hit).content);
            assert!(text.contains("mot cua"), "{query}: {text}");
            assert!(hit.complete);
        }
        assert_eq!(indices(&hits), indices(&search("mot cua")), "{query}");
    }
    // The phrase ranks above scattered words and is highlighted as one range.
    let hits = search("mot cua");
    assert!(highlighted(&hits[0]).iter().any(|h| h == "mot cua"));
}

#[test]
fn procedures_are_found_by_abbreviation_and_in_full() {
    let abbreviated = search("TTHC");
    let full = search("thu tuc hanh chinh");
    let accented = search("thủ tục hành chính");
    assert!(abbreviated.len() > 60, "{}", abbreviated.len());
    assert_eq!(indices(&abbreviated), indices(&full));
    assert_eq!(indices(&full), indices(&accented));
    assert_eq!(indices(&search("tthc")), indices(&abbreviated));
    // Both spellings are found by both queries.
    let by_full: HashSet<&str> = full.iter().map(|h| template(h).id.as_str()).collect();
    assert!(by_full.contains("000-III-3"), "written TTHC");
    let spelled = builtin().template("002-III-2.5").unwrap();
    assert!(spelled.content.contains("thủ tục hành chính"));
    assert!(by_full.contains(spelled.id.as_str()));
    // The best hits are tasks about procedures, most of them in that area; the highlights
    // are the matches themselves.
    for hit in &abbreviated[..10] {
        let text = fold(&template(hit).content);
        assert!(
            text.contains("tthc") || text.contains("thu tuc hanh chinh"),
            "{text}"
        );
    }
    let in_area = abbreviated[..10]
        .iter()
        .filter(|h| template(h).area == AreaKey::Procedures)
        .count();
    assert!(in_area >= 6, "{in_area}");
    for hit in abbreviated.iter().chain(&full).take(60) {
        for h in highlighted(hit) {
            assert!(h == "tthc" || h == "thu tuc hanh chinh", "{h}");
        }
    }
    // Procedure and one-stop-shop tasks together (the words may be in a group heading).
    let both = search("TTHC một cửa");
    assert!(both.len() >= 10);
    for hit in &both {
        let t = template(hit);
        let text = fold(&format!(
            "{} {} {}",
            t.content,
            t.product,
            t.group.join(" ")
        ));
        assert!(text.contains("mot cua"), "{text}");
        assert!(hit.complete);
    }
}

#[test]
fn highlights_map_to_the_original_text() {
    let hits = search("kiểm soát TTHC");
    let hit = &hits[0];
    let t = template(hit);
    assert!(!hit.content.is_empty());
    for range in &hit.content {
        assert!(t.content.is_char_boundary(range.start) && t.content.is_char_boundary(range.end));
        let text = &t.content[range.clone()];
        let folded = fold(text);
        assert!(
            [
                "kiem soat",
                "tthc",
                "kiem soat tthc",
                "thu tuc hanh chinh",
                "kiem soat thu tuc hanh chinh"
            ]
            .contains(&folded.as_str()),
            "{text}"
        );
    }
    // Product highlights too.
    let hits = search("quyết định kiện toàn");
    let hit = hits
        .iter()
        .find(|h| template(h).id == "002-I-1.1")
        .expect("002-I-1.1 found");
    let t = template(hit);
    let product: Vec<&str> = hit.product.iter().map(|r| &t.product[r.clone()]).collect();
    assert_eq!(product, ["Quyết định kiện toàn"]);
}

#[test]
fn the_last_word_may_be_unfinished() {
    let hits = search("kiểm soá");
    assert!(!hits.is_empty());
    let t = template(&hits[0]);
    let texts: Vec<&str> = hits[0]
        .content
        .iter()
        .map(|r| &t.content[r.clone()])
        .collect();
    assert!(texts.iter().any(|s| fold(s) == "kiem soa"), "{texts:?}");
    // A finished word (followed by a space) must match whole.
    assert!(search("kiem soa ").is_empty() || !search("kiem soa ")[0].complete);
}

#[test]
fn nested_abbreviations() {
    // VBQPPL holds QPPL: a query for either finds "văn bản quy phạm pháp luật" and "VBQPPL".
    let qppl: HashSet<&str> = search("QPPL")
        .iter()
        .map(|h| template(h).id.as_str())
        .collect();
    assert!(qppl.contains("004-II-1"), "written VBQPPL");
    assert!(qppl.contains("000-II-9"), "spelt out");
    assert!(qppl.contains("000-II-1"), "written QPPL");
    let vb: HashSet<&str> = search("van ban quy pham phap luat")
        .iter()
        .map(|h| template(h).id.as_str())
        .collect();
    assert!(vb.contains("004-II-1") && vb.contains("000-II-9"));
    assert!(vb.contains("000-II-1"), "văn bản QPPL");
    let ub: HashSet<usize> = indices(&search("Ủy ban nhân dân"));
    assert_eq!(ub, indices(&search("UBND")));
}

/// Every abbreviation issue #3 names, and the mixed forms the seed plans write, each form
/// with a template that writes it in its content or product: a built-in template where a
/// seed plan has that form, otherwise (`None`) a made-up one.
const EQUIVALENT_FORMS: &[&[(&str, Option<&str>)]] = &[
    &[
        ("TTHC", Some("000-III-3")),
        ("thủ tục hành chính", Some("002-III-2.5")),
    ],
    &[
        ("CCHC", Some("000-I-1")),
        ("cải cách hành chính", Some("003-7-d-6")),
    ],
    &[
        ("QPPL", Some("000-II-1")),
        ("quy phạm pháp luật", Some("000-II-9")),
    ],
    &[
        ("VBQPPL", Some("004-II-1")),
        ("văn bản quy phạm pháp luật", Some("000-II-9")),
        ("văn bản QPPL", Some("000-II-1")),
    ],
    &[
        ("CBCCVC", None),
        ("cán bộ, công chức, viên chức", Some("000-V-1")),
        ("CBCC, VC", Some("002-V-2.4")),
        ("CBCC,VC", Some("002-V-2.4")),
        // A misspelling of CBCCVC in seed 000 and 001.
        ("CBCCVV", Some("000-V-5")),
    ],
    &[
        ("CBCC", Some("002-II-12")),
        ("cán bộ, công chức", Some("000-V-9")),
    ],
    &[
        ("DVC", Some("004-VII-3")),
        ("dịch vụ công", Some("000-VII-9")),
    ],
    &[
        ("DVCTT", Some("003-3-đ")),
        ("dịch vụ công trực tuyến", Some("000-VII-6")),
        ("DVC trực tuyến", Some("004-VII-3")),
    ],
    &[
        ("UBND", Some("000-I-5")),
        ("Ủy ban nhân dân", Some("000-VII-3")),
    ],
    &[
        ("HĐND", Some("000-II-2")),
        ("Hội đồng nhân dân", Some("003-7-d-4")),
    ],
    &[
        ("ĐVSNCL", None),
        ("đơn vị sự nghiệp công lập", Some("000-IV-2")),
        ("ĐVSN công lập", Some("004-IV-1")),
        ("đơn vị SNCL", Some("004-VI-5")),
    ],
];

fn folded_words(text: &str) -> Vec<String> {
    words(text).map(|w| w.folded).collect()
}

#[test]
fn every_form_of_an_abbreviation_finds_every_other() {
    let mut templates = builtin().templates().to_vec();
    let mut witnesses: Vec<Vec<usize>> = Vec::new();
    for group in EQUIVALENT_FORMS {
        let mut row = Vec::new();
        for &(form, id) in group.iter() {
            let at = match id {
                Some(id) => templates
                    .iter()
                    .position(|t| t.id == id)
                    .unwrap_or_else(|| panic!("no template {id}")),
                None => {
                    let content = format!("Báo cáo tình hình {form} của tỉnh");
                    let id = format!("made-{}", templates.len());
                    templates.push(Template::new(id, "test", AreaKey::Other, content));
                    templates.len() - 1
                }
            };
            // The witness really writes the form.
            let t = &templates[at];
            let form_words = folded_words(form);
            let writes = |text: &str| {
                folded_words(text)
                    .windows(form_words.len())
                    .any(|w| w == form_words)
            };
            assert!(
                writes(&t.content) || writes(&t.product),
                "{} lacks {form}",
                t.id
            );
            row.push(at);
        }
        witnesses.push(row);
    }
    let index = SearchIndex::new(&templates);
    for (group, row) in EQUIVALENT_FORMS.iter().zip(&witnesses) {
        for &(query, _) in group.iter() {
            let hits = index.search(query);
            for (&(form, _), &at) in group.iter().zip(row) {
                let t = &templates[at];
                let hit = hits
                    .iter()
                    .find(|h| h.index == at)
                    .unwrap_or_else(|| panic!("{query:?} does not find {form:?} ({})", t.id));
                assert!(hit.complete, "{query:?} in {}", t.id);
                // The form itself is what is highlighted.
                let marked: Vec<Vec<String>> = hit
                    .content
                    .iter()
                    .map(|r| &t.content[r.clone()])
                    .chain(hit.product.iter().map(|r| &t.product[r.clone()]))
                    .map(folded_words)
                    .collect();
                assert!(
                    marked.contains(&folded_words(form)),
                    "{query:?} in {}: {marked:?}, not {form:?}",
                    t.id
                );
            }
        }
    }
}

#[test]
fn a_shorter_abbreviation_is_found_inside_a_longer_one() {
    let ids = |query: &str| -> HashSet<&str> {
        search(query)
            .iter()
            .map(|h| template(h).id.as_str())
            .collect()
    };
    for query in ["CBCC", "cán bộ, công chức"] {
        let found = ids(query);
        // CBCCVV, "CBCC, VC" and the spelt-out CBCCVC all hold CBCC.
        for id in ["000-V-5", "002-V-2.5", "000-V-1"] {
            assert!(found.contains(id), "{query}: {id}");
        }
    }
    for query in ["DVC", "dịch vụ công"] {
        // "DVC trực tuyến" and "dịch vụ công trực tuyến".
        assert!(ids(query).is_superset(&HashSet::from(["004-VII-3", "000-VII-6"])));
    }
    for query in ["SNCL", "sự nghiệp công lập"] {
        // "ĐVSN công lập" and "đơn vị sự nghiệp công lập".
        assert!(ids(query).is_superset(&HashSet::from(["004-IV-1", "000-IV-2"])));
    }
}

#[test]
fn filters_by_area_and_source() {
    let lib = builtin();
    let area = Filter {
        area: Some(AreaKey::DigitalGovernment),
        source: None,
    };
    let hits = lib.search("một cửa", &area);
    assert!(!hits.is_empty());
    assert!(hits
        .iter()
        .all(|h| template(h).area == AreaKey::DigitalGovernment));
    let source = Filter {
        area: None,
        source: Some("seed-002".into()),
    };
    let hits = lib.search("TTHC", &source);
    assert!(hits.len() > 10);
    assert!(hits.iter().all(|h| template(h).source == "seed-002"));
    let unknown = Filter {
        area: None,
        source: Some("seed-9".into()),
    };
    assert!(lib.search("TTHC", &unknown).is_empty());
    // No words: everything the filter lets through, in order.
    let all = lib.search("  ", &source);
    assert_eq!(all.len(), 77);
    assert!(all.windows(2).all(|w| w[0].index < w[1].index));
}

#[test]
fn agencies_and_criteria_are_searchable() {
    let hits = search("so tu phap");
    assert!(hits.len() >= 20);
    assert!(
        template(&hits[0])
            .lead
            .iter()
            .chain(&template(&hits[0]).partners)
            .any(|a| a == "Sở Tư pháp")
            || fold(&template(&hits[0]).content).contains("so tu phap")
    );
    let hits = search("3.2.1");
    assert!(hits.iter().any(|h| template(h).id == "001-1-1"));
}

#[test]
fn partial_matches_when_nothing_matches_everything() {
    let hits = search("một cửa zzzzqqq");
    assert!(!hits.is_empty());
    assert!(hits.iter().all(|h| !h.complete));
    assert!(search("zzzzqqq").is_empty());
}

#[test]
fn abbreviation_table_is_data() {
    let table = Abbreviations::from_json(r#"{"abbreviations": [["XYZ", "một cửa"]]}"#).unwrap();
    let index = SearchIndex::with_abbreviations(builtin().templates(), table);
    assert_eq!(
        indices(&index.search("xyz")),
        indices(&index.search("một cửa"))
    );
    assert!(index.search("TTHC").len() < search("TTHC").len());
    assert!(Abbreviations::from_json("[]").is_err());
}

#[test]
fn the_first_hits_are_the_same_with_a_limit() {
    let lib = builtin();
    let area = Filter {
        area: Some(AreaKey::Procedures),
        source: None,
    };
    for query in [
        "mot cua",
        "TTHC",
        "ubnd cap huyen",
        "kiểm soá",
        "tuyên truyền CCHC",
        "co",
        "",
        "một cửa zzzzqqq",
    ] {
        for filter in [Filter::default(), area.clone()] {
            let all = lib.search(query, &filter);
            for limit in [0, 1, 3, 10, 50, 1000] {
                let top = lib.search_top(query, &filter, limit);
                assert_eq!(top[..], all[..limit.min(all.len())], "{query:?} {limit}");
            }
        }
    }
}

#[test]
fn an_index_built_in_slices_equals_one_built_at_once() {
    let templates = builtin().templates();
    let whole = SearchIndex::new(templates);
    let mut sliced = SearchIndex::empty(Abbreviations::builtin().clone());
    let mut partial_checked = false;
    // Uneven slices, one of them empty.
    for chunk in templates.chunks(37).chain([&[][..]]) {
        if !partial_checked && sliced.len() >= templates.len() / 2 {
            // Half built: it answers from what it holds, numbered as the whole list.
            let half = SearchIndex::new(&templates[..sliced.len()]);
            assert_eq!(
                sliced.search_filtered("mot cua", &Filter::default()),
                half.search_filtered("mot cua", &Filter::default())
            );
            partial_checked = true;
        }
        sliced.extend(chunk);
    }
    assert!(partial_checked);
    assert_eq!(sliced.len(), templates.len());
    assert_eq!(sliced.sorted_words, whole.sorted_words);
    assert_eq!(sliced.postings, whole.postings);
    assert_eq!(sliced.token_terms, whole.token_terms);
    assert_eq!(sliced.texts, whole.texts);
    assert_eq!(sliced.sources, whole.sources);
    assert!(sliced.new_words.is_empty());
    let area = Filter {
        area: Some(AreaKey::Procedures),
        source: None,
    };
    for query in ["mot cua", "TTHC", "kiểm soá", "tuyên truyền CCHC", "co", ""] {
        for filter in [Filter::default(), area.clone()] {
            assert_eq!(
                sliced.search_filtered(query, &filter),
                whole.search_filtered(query, &filter),
                "{query:?}"
            );
            assert_eq!(
                sliced.search_top(query, &filter, 50),
                whole.search_top(query, &filter, 50),
                "{query:?}"
            );
        }
    }
}
