//! Tests of names as words: places kept in the original, district-level names detected.

use unicode_normalization::UnicodeNormalization;

use super::*;
use crate::domain::agency::{AgencyKind, Directory};

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

#[test]
fn tokens_keep_places_in_the_original() {
    let text = "Sở GD&ĐT, UBND Cấp huyện.";
    let toks = tokens(text);
    let words: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
    assert_eq!(words, ["so", "gd", "va", "dt", "ubnd", "cap", "huyen"]);
    assert_eq!(&text[toks[3].span.clone()], "ĐT");
    assert_eq!(&text[toks[6].span.clone()], "huyện");
    // Decomposed (NFD) text keeps its marks inside the words.
    let nfd: String = "Sở Nội vụ".nfd().collect();
    let toks = tokens(&nfd);
    assert_eq!(toks.len(), 3);
    assert_eq!(&nfd[toks[1].span.clone()], "Nội".nfd().collect::<String>());
}
