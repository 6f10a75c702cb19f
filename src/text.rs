//! Letter case for labels and messages in running text: `Vækstpiloter` inside a sentence
//! becomes `vækstpiloter`, a message's first letter becomes a capital.
//!
//! Why not `str::to_lowercase`: Rust's full Unicode case tables were 15 KB of the app's
//! wasm download (zlib -9, measured before and after; BENCHMARKS.md), more than the
//! widget's headroom under its size limit then, to lower-case labels people write in
//! Danish or English. (The workbook writer, which must compare sheet names as Excel does,
//! in every script, still uses them: it comes with the board program.)
//! These functions map the Latin letters of ASCII, Latin-1 and Latin Extended-A exactly as
//! Unicode does (the tests compare them with the standard library, letter by letter). Any
//! other letter keeps its case as typed, so a label in Greek or Cyrillic keeps its capital in
//! a sentence; nothing else changes.

/// The lower-case form of `c`, for the Latin letters up to U+017F; any other character
/// as it is. (`İ`, whose lower-case form is two characters, stays too.)
pub fn lower_char(c: char) -> char {
    let n = c as u32;
    let even = n.is_multiple_of(2);
    let lower = match n {
        0x41..=0x5A | 0xC0..=0xD6 | 0xD8..=0xDE => n + 0x20,
        // Latin Extended-A pairs a capital with the small letter after it, in two runs
        // that start on an even and two that start on an odd code point.
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if even => n + 1,
        0x139..=0x148 | 0x179..=0x17E if !even => n + 1,
        0x178 => 0xFF,
        _ => n,
    };
    char::from_u32(lower).unwrap_or(c)
}

/// The upper-case form of `c`, for the Latin letters up to U+017F whose capital is one
/// letter in that range; any other character as it is (`ß` stays `ß`, `µ` stays `µ`).
pub fn upper_char(c: char) -> char {
    let n = c as u32;
    let even = n.is_multiple_of(2);
    let upper = match n {
        0x61..=0x7A | 0xE0..=0xF6 | 0xF8..=0xFE => n - 0x20,
        0xFF => 0x178,
        0x100..=0x12F | 0x132..=0x137 | 0x14A..=0x177 if !even => n - 1,
        0x139..=0x148 | 0x179..=0x17E if even => n - 1,
        0x131 => 0x49,
        0x17F => 0x53,
        _ => n,
    };
    char::from_u32(upper).unwrap_or(c)
}

/// Whether `c` is a capital letter that [`lower_char`] knows (`Æ`, `Š`, not `1` or `æ`).
pub fn is_capital(c: char) -> bool {
    lower_char(c) != c || c == 'İ'
}

/// `text` in lower case, letter by letter ([`lower_char`]).
pub fn lowercase(text: &str) -> String {
    text.chars().map(lower_char).collect()
}

/// A label inside a sentence: each word in lower case unless it looks like an acronym
/// (two or more capitals): `Vækstpiloter` → `vækstpiloter`, `Nye Virksomheder` → `nye
/// virksomheder`, but `SMV'er` stays `SMV'er`.
pub fn in_sentence(label: &str) -> String {
    label
        .split(' ')
        .map(|word| {
            if word.chars().filter(|&c| is_capital(c)).count() >= 2 {
                word.to_string()
            } else {
                lowercase(word)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` with its first letter a capital: `fjern posten` → `Fjern posten`.
pub fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(upper_char(first)).chain(chars).collect(),
        None => String::new(),
    }
}

/// `text` as a sentence: its first letter a capital, and a full stop at the end unless it
/// has one (`ingen værdi` → `Ingen værdi.`, `… 4.000.000 kr.` stays). Empty stays empty.
pub fn sentence(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    full_stop(capitalised(text))
}

/// A value from outside (an address, an embed option) as typed, but never a wall of text
/// in a message: its first 40 characters and an ellipsis.
pub fn clipped(value: &str) -> String {
    const MOST: usize = 40;
    if value.chars().count() <= MOST {
        value.to_string()
    } else {
        let mut kept: String = value.chars().take(MOST).collect();
        kept.push('…');
        kept
    }
}

/// `text` ending in a full stop: one is added unless it has one (`21.900.000 kr.` ends a
/// sentence as it is).
pub fn full_stop(mut text: String) -> String {
    if !text.ends_with('.') {
        text.push('.');
    }
    text
}

/// Whether two labels name the same thing: the same letters, case and surrounding spaces
/// aside (`Vækstpiloter ` and `vækstpiloter`).
pub fn same_label(a: &str, b: &str) -> bool {
    let (a, b) = (a.trim(), b.trim());
    a.chars().map(lower_char).eq(b.chars().map(lower_char))
}

/// The first of `numbered(2)`, `numbered(3)`, … that is not `taken`: how a new name is told
/// apart from those already there (`X (2)`, `X (kopi 3)`, `Deltagere 2`), each caller with
/// its own form and its own way of comparing names.
pub fn first_free_numbered(
    numbered: impl Fn(u32) -> String,
    taken: impl Fn(&str) -> bool,
) -> String {
    (2..)
        .map(&numbered)
        .find(|candidate| !taken(candidate))
        // Never reached: there are not 4 billion names to step over.
        .unwrap_or_else(|| numbered(u32::MAX))
}

/// Whether a label names nothing: empty, or nothing but spaces.
pub fn is_blank(label: &str) -> bool {
    label.trim().is_empty()
}

/// What a unit, line or source is called where it must be called something: its label, or
/// its id when the label is blank (a file from outside may leave it so), so that no column,
/// field or sentence is left without a name. (The editor passes what it calls an unnamed
/// row instead of the id.)
pub fn label_or_id<'a>(label: &'a str, id: &'a str) -> &'a str {
    if is_blank(label) {
        id
    } else {
        label
    }
}

/// The most characters of a label a table or legend shows; see [`shown_label`].
pub const LONGEST_SHOWN_LABEL: usize = 200;

/// A label as a table cell or a legend shows it: whole up to [`LONGEST_SHOWN_LABEL`]
/// characters, else cut there with `…` (the editor's field keeps it whole). Labels come
/// from files and links, that is, from strangers: a label of 30.000 letters in a 2 KB share
/// link held the page for 11 s while the browser laid out the results column (the funding
/// table and the bar's legend, whose widths depend on their content), and longer still as
/// it grew; the time grows faster than the label, and 200 letters take none worth measuring.
/// Nothing is added to the text (no invisible break points): it is what a copy or a screen
/// reader gets.
pub fn shown_label(label: &str) -> std::borrow::Cow<'_, str> {
    // The 200th character starts where a cut keeps 199 before the `…`; a label is cut
    // only when a 201st follows (200 fit whole).
    let mut starts = label.char_indices().map(|(i, _)| i);
    match starts.nth(LONGEST_SHOWN_LABEL - 1) {
        Some(cut) if starts.next().is_some() => format!("{}…", &label[..cut]).into(),
        _ => label.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_label_is_shown_whole_up_to_200_characters() {
        let exact = "ø".repeat(LONGEST_SHOWN_LABEL).replace("øø", "ø ");
        assert_eq!(shown_label(&exact), exact.as_str());
        let long = format!("{exact}x");
        let shown = shown_label(&long);
        assert_eq!(shown.chars().count(), LONGEST_SHOWN_LABEL);
        assert!(shown.ends_with("ø…") || shown.ends_with(" …"), "{shown}");
        let word = "A".repeat(30_000);
        assert_eq!(
            shown_label(&word),
            format!("{}…", "A".repeat(LONGEST_SHOWN_LABEL - 1)).as_str()
        );
        assert!(matches!(
            shown_label("DEB"),
            std::borrow::Cow::Borrowed("DEB")
        ));
    }

    #[test]
    fn the_first_free_number_counts_from_two() {
        let taken = ["X (2)", "X (4)"];
        let is_taken = |name: &str| taken.contains(&name);
        assert_eq!(
            first_free_numbered(|n| format!("X ({n})"), is_taken),
            "X (3)"
        );
        assert_eq!(first_free_numbered(|n| format!("Y {n}"), is_taken), "Y 2");
    }

    #[test]
    fn a_blank_label_gives_the_id() {
        assert_eq!(label_or_id("Vækstpiloter", "pilots"), "Vækstpiloter");
        assert_eq!(label_or_id(" \t", "pilots"), "pilots");
        assert_eq!(label_or_id("", "pilots"), "pilots");
    }

    /// The one-letter case mapping of the standard library, where it exists.
    fn single(mut mapped: impl Iterator<Item = char>) -> Option<char> {
        match (mapped.next(), mapped.next()) {
            (Some(c), None) => Some(c),
            _ => None,
        }
    }

    /// Every code point of the range the module covers, and well beyond it: inside the
    /// range the mapping is Unicode's wherever Unicode maps a letter to one letter in the
    /// range, everywhere else the character stays as it is.
    #[test]
    fn case_mapping_is_unicodes_for_latin_and_identity_elsewhere() {
        let covered = |c: char| (c as u32) < 0x180;
        for n in 0..0x800u32 {
            let Some(c) = char::from_u32(n) else { continue };
            let expected_lower = single(c.to_lowercase())
                .filter(|&l| covered(c) && covered(l))
                .unwrap_or(c);
            assert_eq!(lower_char(c), expected_lower, "lower of U+{n:04X}");
            let expected_upper = single(c.to_uppercase())
                .filter(|&u| covered(c) && covered(u))
                .unwrap_or(c);
            assert_eq!(upper_char(c), expected_upper, "upper of U+{n:04X}");
            if covered(c) {
                assert_eq!(is_capital(c), c.is_uppercase(), "capital U+{n:04X}");
            }
        }
    }

    #[test]
    fn strings() {
        assert_eq!(lowercase("Vækstpiloter ÆØÅ Łódź"), "vækstpiloter æøå łódź");
        assert_eq!(lowercase("Ελλάδα"), "Ελλάδα");
        assert_eq!(in_sentence("Vækstpiloter"), "vækstpiloter");
        assert_eq!(in_sentence("SMV'er"), "SMV'er");
        assert_eq!(in_sentence("Nye Virksomheder"), "nye virksomheder");
        assert_eq!(in_sentence(""), "");
        assert_eq!(capitalised("øget ramme"), "Øget ramme");
        assert_eq!(capitalised("ÿ"), "Ÿ");
        assert_eq!(capitalised(""), "");
        assert_eq!(sentence("ingen værdi"), "Ingen værdi.");
        assert_eq!(sentence("højst 4.000.000 kr."), "Højst 4.000.000 kr.");
        assert_eq!(sentence(""), "");
        assert!(same_label(" Vækstpiloter", "VÆKSTPILOTER "));
        assert!(!same_label("Vækstpiloter", "Vækstpilot"));
    }
}
