//! Tests of the directory's suggestions: words without diacritics, abbreviations, order.

use super::*;
use crate::domain::agency::tests::NEW_COMMUNES;

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
