//! Tests of the agency cell as typed.

use super::*;

#[test]
fn agency_cells_split_on_semicolons_only() {
    assert_eq!(
        split_agencies("Sở Nội vụ; Các Sở, Ban, ngành;;  "),
        ["Sở Nội vụ", "Các Sở, Ban, ngành"]
    );
    assert!(split_agencies(" ; ").is_empty());
}

#[test]
fn completing_the_name_being_typed() {
    assert_eq!(last_agency("Sở Nội vụ; Văn phòng"), "Văn phòng");
    assert_eq!(
        complete_last_agency("Sở Nội vụ;  noi", "Sở Tư pháp"),
        "Sở Nội vụ; Sở Tư pháp; "
    );
    assert_eq!(complete_last_agency("tu ph", "Sở Tư pháp"), "Sở Tư pháp; ");
    let directory = Directory::builtin();
    let names = suggest_in_cell(&directory, "Sở Nội vụ; so n", 5);
    assert!(!names.contains(&"Sở Nội vụ"), "{names:?}");
    assert!(names.contains(&"Sở Nông nghiệp và Môi trường"), "{names:?}");
    assert!(suggest_in_cell(&directory, "Sở Nội vụ; ", 5).is_empty());
}
