//! Text inside WordprocessingML parts: escaping, and the characters XML 1.0 cannot carry.
//!
//! Every piece of user text reaches a part through [`push_text`], so nothing a drafter
//! types can become markup: "<", "&" and quotes are escaped, and text that looks like a
//! field code ("{ PAGE }", "MERGEFIELD x") stays inert text in a `w:t`, since Word only
//! evaluates fields written as `w:fldChar`/`w:instrText` elements. Characters XML 1.0
//! forbids (C0 controls other than tab, line feed and carriage return; U+FFFE, U+FFFF)
//! are dropped; line breaks and tabs become `w:br`/`w:tab` in [`push_run_text`].

/// Whether XML 1.0 allows `c` in character data.
pub(crate) fn allowed(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Appends `text` escaped for an element's content or an attribute value, leaving out
/// characters XML cannot carry.
pub(crate) fn push_text(out: &mut String, text: &str) {
    // Most text needs nothing: copy it whole.
    let clean = text
        .bytes()
        .all(|b| b >= 0x20 && !matches!(b, b'<' | b'>' | b'&' | b'"' | b'\'' | 0xEF));
    if clean {
        out.push_str(text);
        return;
    }
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
}

/// Appends the content of a run: `w:t` elements, with `w:br` for each line break ("\n",
/// "\r\n" or "\r") and `w:tab` for each tab.
pub(crate) fn push_run_text(out: &mut String, text: &str) {
    let mut rest = text;
    loop {
        let cut = rest.find(['\n', '\r', '\t']);
        let (piece, after) = match cut {
            Some(at) => (&rest[..at], Some(&rest[at..])),
            None => (rest, None),
        };
        if !piece.is_empty() {
            out.push_str("<w:t xml:space=\"preserve\">");
            push_text(out, piece);
            out.push_str("</w:t>");
        }
        let Some(after) = after else { break };
        if let Some(tail) = after.strip_prefix('\t') {
            out.push_str("<w:tab/>");
            rest = tail;
        } else {
            out.push_str("<w:br/>");
            rest = after
                .strip_prefix("\r\n")
                .or_else(|| after.strip_prefix('\n'))
                .or_else(|| after.strip_prefix('\r'))
                .unwrap_or(after);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, s);
        out
    }

    fn run(s: &str) -> String {
        let mut out = String::new();
        push_run_text(&mut out, s);
        out
    }

    #[test]
    fn markup_is_escaped() {
        assert_eq!(text("Sở Nội vụ"), "Sở Nội vụ");
        assert_eq!(
            text("a < b & \"c\" > 'd'"),
            "a &lt; b &amp; &quot;c&quot; &gt; &apos;d&apos;"
        );
        assert_eq!(
            text("</w:t><w:fldSimple/>"),
            "&lt;/w:t&gt;&lt;w:fldSimple/&gt;"
        );
    }

    #[test]
    fn characters_xml_cannot_carry_are_dropped() {
        assert_eq!(text("a\u{0}b\u{1}c\u{B}d\u{1F}e"), "abcde");
        assert_eq!(text("x\u{FFFE}y\u{FFFF}z\u{FFFD}"), "xyz\u{FFFD}");
        assert_eq!(text("Ứng dụng\u{1F600}"), "Ứng dụng\u{1F600}");
    }

    #[test]
    fn field_codes_stay_text() {
        assert_eq!(
            run("{ PAGE } MERGEFIELD x"),
            "<w:t xml:space=\"preserve\">{ PAGE } MERGEFIELD x</w:t>"
        );
    }

    #[test]
    fn breaks_and_tabs() {
        assert_eq!(
            run("a\nb\r\nc\td\r"),
            "<w:t xml:space=\"preserve\">a</w:t><w:br/><w:t xml:space=\"preserve\">b</w:t><w:br/>\
             <w:t xml:space=\"preserve\">c</w:t><w:tab/><w:t xml:space=\"preserve\">d</w:t><w:br/>"
        );
        assert_eq!(run(""), "");
    }
}
