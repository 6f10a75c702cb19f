//! Tests of `cofund::storage::xlsx`.
//!
//! * **Structure**: the workbook is a ZIP that this file reads back with its own minimal
//!   reader (every CRC and size checked, deflate undone with `miniz_oxide`); it holds
//!   exactly the expected parts, every part is well-formed XML, labels survive escaping.
//! * **A real spreadsheet engine**: LibreOffice (headless) opens the workbooks,
//!   recalculates every formula and exports every sheet as CSV; the numbers must be the
//!   app's. One workbook has *stale* cached values (the inputs of 225 pilots with the
//!   results of 150), so its results can only come out right if LibreOffice calculated
//!   them from the formulas. Skipped, with a message, only when `soffice` is not
//!   installed; `scripts/setup.sh` installs it and sets `COFUND_SOFFICE`, which makes the
//!   LibreOffice tests mandatory.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::str::FromStr;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use cofund::model::{evaluate, from_json_str, Evaluation, Scenario};
use cofund::numbers::Lang;
use cofund::presets::{synthetic, Preset};
use cofund::storage::xlsx::{workbook, XLSX_MIME};
use cofund::Decimal;
use serde_json::json;

// ---------------------------------------------------------------------------------------
// Scenarios

fn preset(key: &str) -> Scenario {
    Preset::find(key).unwrap().scenario().unwrap()
}

fn eval(s: &Scenario) -> Evaluation {
    evaluate(s).unwrap()
}

/// Labels that need escaping in XML, a spreadsheet's `_xHHHH_` escape, a control
/// character (dropped: XML cannot carry it), a formula-looking label (must stay text).
const NASTY: &str = "Bob's \"plan\" <1> & co: æøå/ØÆÅ [v2]? _x0041_\u{1}";
const FORMULA_LABEL: &str = "=1+2";

/// Every cost and source kind, an ineligible line, a zero driver, a binding share cap, a
/// share of total cost, a capped residual, øre, and a gap.
fn edge_gap() -> Scenario {
    from_json_str(
        &json!({
            "format": 1, "name": NASTY, "currency": "DKK", "years": 2,
            "drivers": [
                { "id": "smes", "label": "SMV'er & <co>", "value": "40" },
                { "id": "none", "label": "Ingen", "value": "0" }
            ],
            "costs": [
                { "id": "c1", "label": NASTY, "kind": "fixed", "amount": "100000.50" },
                { "id": "c2", "label": "Pr. SMV", "kind": "per_unit", "driver": "smes", "amount": "12500.25" },
                { "id": "c3", "label": "Drift", "kind": "per_year", "amount": "30000", "eligible": false },
                { "id": "c4", "label": "Pr. SMV pr. år", "kind": "per_unit_per_year", "driver": "smes", "amount": "1000" },
                { "id": "c5", "label": "Ingenting", "kind": "per_unit", "driver": "none", "amount": "5000" }
            ],
            "sources": [
                { "id": "s1", "label": "Capped share", "kind": "share", "rate": "40", "of": "eligible", "cap": "200000" },
                { "id": "s2", "label": FORMULA_LABEL, "kind": "share", "rate": "12.5", "of": "total" },
                { "id": "s3", "label": "Per SME", "kind": "per_unit", "driver": "smes", "amount": "1000" },
                { "id": "s4", "label": "Lump sum", "kind": "fixed", "amount": "50000" },
                { "id": "s5", "label": "Yearly", "kind": "per_year", "amount": "10000" },
                { "id": "s6", "label": "Capped residual", "kind": "residual", "cap": "100000" }
            ]
        })
        .to_string(),
    )
    .unwrap()
}

/// Fixed funding beyond the cost: the residual pays nothing, and there is a surplus.
fn edge_surplus() -> Scenario {
    from_json_str(
        &json!({
            "format": 1, "name": "Surplus", "currency": "DKK", "years": 3,
            "drivers": [ { "id": "smes", "label": "SMV'er & <co>", "value": "10" } ],
            "costs": [ { "id": "c", "label": "Pr. SMV", "kind": "per_unit", "driver": "smes", "amount": "80000" } ],
            "sources": [
                { "id": "s4", "label": "Lump sum", "kind": "fixed", "amount": "1000000" },
                { "id": "rest", "label": "Rest", "kind": "residual" }
            ]
        })
        .to_string(),
    )
    .unwrap()
}

/// Nothing to pay for: shares and the cost per unit do not exist.
fn edge_zero() -> Scenario {
    let mut s = preset("vaekstpilot-150");
    s.name = String::new();
    s.drivers[0].value = Decimal::ZERO;
    s
}

// ---------------------------------------------------------------------------------------
// A minimal ZIP reader and XML checks

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

/// The parts of a ZIP archive in directory order, every size and CRC checked, every local
/// header checked against its directory entry.
fn read_zip(zip: &[u8]) -> Vec<(String, Vec<u8>)> {
    let u16_at = |at: usize| usize::from(u16::from_le_bytes([zip[at], zip[at + 1]]));
    let u32_at = |at: usize| u32::from_le_bytes(zip[at..at + 4].try_into().unwrap());
    let end = (0..=zip.len() - 22)
        .rev()
        .find(|&i| zip[i..i + 4] == *b"PK\x05\x06")
        .expect("an end of central directory record");
    assert_eq!(
        end + 22,
        zip.len(),
        "no archive comment, nothing after the end"
    );
    let count = u16_at(end + 10);
    assert_eq!(count, u16_at(end + 8));
    let mut at = u32_at(end + 16) as usize;
    assert_eq!(
        at + u32_at(end + 12) as usize,
        end,
        "directory ends at the end record"
    );
    let mut parts = Vec::new();
    let mut next_local = 0;
    for _ in 0..count {
        assert_eq!(&zip[at..at + 4], b"PK\x01\x02");
        let method = u16_at(at + 10);
        let crc = u32_at(at + 16);
        let packed = u32_at(at + 20) as usize;
        let size = u32_at(at + 24) as usize;
        let name_len = u16_at(at + 28);
        let skip = u16_at(at + 30) + u16_at(at + 32);
        let local = u32_at(at + 42) as usize;
        let name = String::from_utf8(zip[at + 46..at + 46 + name_len].to_vec()).unwrap();
        assert_eq!(local, next_local, "{name}: local headers follow each other");
        assert_eq!(&zip[local..local + 4], b"PK\x03\x04", "{name}");
        assert_eq!(
            zip[at + 6..at + 30],
            zip[local + 4..local + 28],
            "{name}: local header and directory entry agree"
        );
        let body_at = local + 30 + name_len + u16_at(local + 28);
        let body = &zip[body_at..body_at + packed];
        let data = match method {
            0 => body.to_vec(),
            8 => miniz_oxide::inflate::decompress_to_vec(body).expect("valid deflate"),
            m => panic!("{name}: unexpected method {m}"),
        };
        assert_eq!(data.len(), size, "{name}: size");
        assert_eq!(crc32(&data), crc, "{name}: CRC-32");
        next_local = body_at + packed;
        at += 46 + name_len + skip;
        parts.push((name, data));
    }
    assert_eq!(
        next_local,
        u32_at(end + 16) as usize,
        "directory follows the data"
    );
    parts
}

/// Checks that `xml` is well-formed: the declaration, then one element; tags balanced
/// and properly nested; attributes quoted, unique and free of `<`; every `&` starts a
/// known entity or a character reference; no character XML 1.0 forbids.
fn check_well_formed(xml: &str) -> Result<(), String> {
    fn entities(text: &str) -> Result<(), String> {
        if let Some(c) = text
            .chars()
            .find(|&c| c < ' ' && !matches!(c, '\t' | '\n' | '\r'))
        {
            return Err(format!("forbidden character {c:?}"));
        }
        let mut rest = text;
        while let Some(at) = rest.find('&') {
            rest = &rest[at + 1..];
            let end = rest.find(';').ok_or("unterminated entity")?;
            let name = &rest[..end];
            let ok = matches!(name, "amp" | "lt" | "gt" | "quot" | "apos")
                || name
                    .strip_prefix("#x")
                    .is_some_and(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_hexdigit()))
                || name
                    .strip_prefix('#')
                    .is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
            if !ok {
                return Err(format!("unknown entity &{name};"));
            }
        }
        Ok(())
    }
    let is_name = |n: &str| {
        !n.is_empty()
            && n.chars()
                .all(|c| c.is_alphanumeric() || matches!(c, ':' | '_' | '-' | '.'))
    };

    let mut rest = xml
        .strip_prefix(r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#)
        .ok_or("no XML declaration")?;
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    loop {
        let at = rest.find('<').unwrap_or(rest.len());
        let text = &rest[..at];
        entities(text)?;
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root: {text:?}"));
        }
        if at == rest.len() {
            break;
        }
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('/') {
            let end = after.find('>').ok_or("unterminated end tag")?;
            let name = after[..end].trim_end();
            match stack.pop() {
                Some(open) if open == name => {}
                other => return Err(format!("</{name}> closes {other:?}")),
            }
            rest = &after[end + 1..];
            continue;
        }
        if stack.is_empty() {
            roots += 1;
        }
        let name_end = rest
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .ok_or("unterminated tag")?;
        let name = &rest[..name_end];
        if !is_name(name) {
            return Err(format!("bad element name {name:?}"));
        }
        rest = &rest[name_end..];
        let mut seen = Vec::new();
        loop {
            rest = rest.trim_start();
            if let Some(after) = rest.strip_prefix("/>") {
                rest = after;
                break;
            }
            if let Some(after) = rest.strip_prefix('>') {
                stack.push(name);
                rest = after;
                break;
            }
            let eq = rest.find('=').ok_or("attribute without value")?;
            let attr = rest[..eq].trim();
            if !is_name(attr) || seen.contains(&attr) {
                return Err(format!("bad or repeated attribute {attr:?} on <{name}>"));
            }
            seen.push(attr);
            let value = rest[eq + 1..]
                .strip_prefix('"')
                .ok_or(format!("unquoted attribute {attr}"))?;
            let close = value.find('"').ok_or("unterminated attribute")?;
            if value[..close].contains('<') {
                return Err(format!("< in attribute {attr}"));
            }
            entities(&value[..close])?;
            rest = &value[close + 1..];
        }
    }
    match (roots, stack.is_empty()) {
        (1, true) => Ok(()),
        (1, false) => Err(format!("unclosed elements {stack:?}")),
        (n, _) => Err(format!("{n} root elements")),
    }
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#13;", "\r")
        .replace("&amp;", "&")
}

/// The texts of all inline strings of a sheet, unescaped.
fn inline_texts(xml: &str) -> Vec<String> {
    xml.split(r#"<t xml:space="preserve">"#)
        .skip(1)
        .map(|s| unescape(&s[..s.find("</t>").unwrap()]).replace("_x005F_", "_"))
        .collect()
}

/// A cell's formula and cached value as written (still escaped).
fn cell<'a>(sheet: &'a str, at: &str) -> (Option<&'a str>, Option<&'a str>) {
    let start = sheet
        .find(&format!(r#"<c r="{at}""#))
        .unwrap_or_else(|| panic!("no cell {at}"));
    let c = &sheet[start..];
    if c[..=c.find('>').unwrap()].ends_with("/>") {
        return (None, None);
    }
    let c = &c[..c.find("</c>").unwrap()];
    let inner = |tag: &str| {
        let open = format!("<{tag}>");
        let from = c.find(&open)? + open.len();
        Some(&c[from..from + c[from..].find(&format!("</{tag}>"))?])
    };
    (inner("f"), inner("v"))
}

fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    read_zip(bytes)
        .into_iter()
        .map(|(name, data)| (name, String::from_utf8(data).expect("UTF-8")))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Structure

#[test]
fn container_parts_and_well_formed_xml() {
    let (a, b, c) = (
        preset("vaekstpilot-150"),
        preset("vaekstpilot-225"),
        edge_gap(),
    );
    let (ea, eb, ec) = (eval(&a), eval(&b), eval(&c));
    let bytes = workbook(&[(&a, &ea), (&b, &eb), (&c, &ec)], Some(0), Lang::Da);
    assert_eq!(&bytes[..4], b"PK\x03\x04");
    let parts = parts(&bytes);
    let names: Vec<&str> = parts.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "[Content_Types].xml",
            "_rels/.rels",
            "xl/_rels/workbook.xml.rels",
            "xl/styles.xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
            "xl/worksheets/sheet2.xml",
            "xl/worksheets/sheet3.xml",
            "xl/worksheets/sheet4.xml",
        ]
    );
    for (name, xml) in &parts {
        check_well_formed(xml).unwrap_or_else(|e| panic!("{name}: {e}\n{xml}"));
    }
    // Every part is declared and every relationship points at a part.
    let types = &parts["[Content_Types].xml"];
    let rels = &parts["xl/_rels/workbook.xml.rels"];
    for i in 1..=4 {
        assert!(types.contains(&format!(r#"PartName="/xl/worksheets/sheet{i}.xml""#)));
        assert!(rels.contains(&format!(r#"Id="rId{i}""#)));
        assert!(rels.contains(&format!(r#"Target="worksheets/sheet{i}.xml""#)));
    }
    assert!(rels.contains(r#"Target="styles.xml""#));
    assert!(parts["_rels/.rels"].contains(r#"Target="xl/workbook.xml""#));

    let book = &parts["xl/workbook.xml"];
    assert!(book.contains(r#"<calcPr fullCalcOnLoad="1"/>"#));
    let sheet_names: Vec<String> = book
        .split(r#"<sheet name=""#)
        .skip(1)
        .map(|s| unescape(&s[..s.find('"').unwrap()]))
        .collect();
    assert_eq!(
        sheet_names,
        [
            "Nordjysk Vækst…150 vækstpiloter",
            "Nordjysk Vækst…225 vækstpiloter",
            "Bob's \"pla…æøå-ØÆÅ (v2) -x0041_",
            "Sammenligning"
        ]
    );
    for name in &sheet_names {
        assert!(name.encode_utf16().count() <= 31, "{name}");
        assert!(
            !name.contains(['[', ']', ':', '*', '?', '/', '\\']),
            "{name}"
        );
    }

    let styles = &parts["xl/styles.xml"];
    assert!(styles.contains(r##"formatCode="#,##0 &quot;kr.&quot;""##));
    assert!(styles.contains(r#"formatCode="0.0 %""#));
    assert!(book.contains(r#"sheetId="4""#));

    // Labels come back exactly, minus the control character; a formula-looking label is
    // text, not a formula.
    let texts = inline_texts(&parts["xl/worksheets/sheet3.xml"]);
    let clean = NASTY.replace('\u{1}', "");
    assert_eq!(texts[0], clean, "the scenario name");
    assert!(texts.contains(&clean), "the cost line label");
    assert!(texts.contains(&FORMULA_LABEL.to_string()));
    assert!(!parts["xl/worksheets/sheet3.xml"].contains("<f>1+2"));
    assert!(inline_texts(&parts["xl/worksheets/sheet4.xml"]).contains(&"SMV'er & <co>".into()));

    // The comparison refers to the scenario sheets by formula, names quoted.
    let comparison = &parts["xl/worksheets/sheet4.xml"];
    assert_eq!(
        cell(comparison, "B8"),
        (
            Some("'Nordjysk Vækst…150 vækstpiloter'!C17"),
            Some("21900000")
        )
    );
    assert_eq!(
        cell(comparison, "D8").0,
        Some("'Bob''s &quot;pla…æøå-ØÆÅ (v2) -x0041_'!C24")
    );
    // Difference block: after a blank column E, one column per non-baseline scenario.
    assert_eq!(cell(comparison, "F8"), (Some("C8-B8"), Some("10950000")));
}

#[test]
fn same_input_same_bytes_and_mime() {
    let s = preset("design-sprint");
    let e = eval(&s);
    assert_eq!(
        workbook(&[(&s, &e)], None, Lang::En),
        workbook(&[(&s, &e)], None, Lang::En)
    );
    assert_eq!(
        XLSX_MIME,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    );
}

#[test]
fn english_labels_and_formats() {
    let s = preset("marketing-platform");
    let e = eval(&s);
    let parts = parts(&workbook(&[(&s, &e)], Some(0), Lang::En));
    assert!(parts["xl/workbook.xml"].contains(r#"<sheet name="Comparison""#));
    assert!(parts["xl/styles.xml"].contains(r#"formatCode="&quot;DKK &quot;#,##0""#));
    let texts = inline_texts(&parts["xl/worksheets/sheet1.xml"]);
    for label in [
        "Period (years)",
        "Total cost",
        "Eligible cost",
        "Funded",
        "Gap",
    ] {
        assert!(texts.contains(&label.to_string()), "{label}");
    }
    // A baseline and nothing to compare it with: no difference columns.
    assert!(!parts["xl/worksheets/sheet2.xml"].contains("Difference"));
}

#[test]
fn odd_input_gives_a_valid_workbook() {
    // No scenarios; a baseline that does not exist; an evaluation of another scenario
    // (fewer lines and sources): all still give well-formed workbooks, no panic.
    let big = synthetic(9, 5);
    let small = preset("design-society");
    let e_small = eval(&small);
    for bytes in [
        workbook(&[], None, Lang::Da),
        workbook(&[], Some(3), Lang::En),
        workbook(&[(&big, &e_small)], Some(7), Lang::Da),
    ] {
        for (name, xml) in parts(&bytes) {
            check_well_formed(&xml).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
    }
    let parts = parts(&workbook(&[(&big, &e_small)], None, Lang::Da));
    // The ninth cost line has no cached value: left for the spreadsheet to calculate.
    let sheet = &parts["xl/worksheets/sheet1.xml"];
    let (formula, value) = cell(sheet, "E18");
    assert!(
        formula.is_some() && value.is_none(),
        "{formula:?} {value:?}"
    );
}

#[test]
fn stale_workbook_has_inputs_of_one_and_cached_results_of_the_other() {
    // The workbook the live-formula test gives LibreOffice: make sure it really is stale.
    let (s150, s225) = (preset("vaekstpilot-150"), preset("vaekstpilot-225"));
    let parts = parts(&stale_workbook(&s150, &s225));
    let sheet = &parts["xl/worksheets/sheet1.xml"];
    assert_eq!(cell(sheet, "C5"), (None, Some("225")));
    assert_eq!(cell(sheet, "C17"), (Some("SUM(E8:E9)"), Some("21900000")));
    assert_eq!(cell(sheet, "E12").1, Some("10950000"));
}

fn stale_workbook(s150: &Scenario, s225: &Scenario) -> Vec<u8> {
    let (e150, e225) = (eval(s150), eval(s225));
    workbook(&[(s225, &e150), (s150, &e225)], Some(0), Lang::Da)
}

// ---------------------------------------------------------------------------------------
// LibreOffice

/// Writes to stderr directly, past the test harness's capture, so it always shows.
fn note(text: &str) {
    let _ = writeln!(std::io::stderr(), "{text}");
}

/// The `soffice` to use: `$COFUND_SOFFICE` (set by scripts/setup.sh; then it must work),
/// else `soffice` on the PATH if it runs; `None` (skip) otherwise.
fn soffice() -> Option<PathBuf> {
    let runs = |p: &Path| {
        Command::new(p)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    };
    match std::env::var_os("COFUND_SOFFICE").filter(|p| !p.is_empty()) {
        Some(p) => {
            let p = PathBuf::from(p);
            assert!(runs(&p), "COFUND_SOFFICE={p:?} does not run");
            Some(p)
        }
        None => {
            let p = PathBuf::from("soffice");
            if runs(&p) {
                Some(p)
            } else {
                note(
                    "SKIPPED LibreOffice tests in tests/xlsx.rs: `soffice` is not installed \
                     (scripts/setup.sh installs it: apt-get install libreoffice-calc-nogui)",
                );
                None
            }
        }
    }
}

/// A sheet as LibreOffice exported it: rows of fields.
type Table = Vec<Vec<String>>;

struct Converted {
    /// Workbook stem → sheet name → values (recalculated, raw).
    raw: BTreeMap<String, BTreeMap<String, Table>>,
    /// The Vækstpilot workbook's sheets as shown in a Danish LibreOffice.
    shown: BTreeMap<String, Table>,
}

/// Runs LibreOffice once for all tests below (`None` when it is not installed).
fn converted() -> Option<&'static Converted> {
    static CONVERTED: OnceLock<Option<Converted>> = OnceLock::new();
    CONVERTED.get_or_init(convert).as_ref()
}

fn workbooks() -> Vec<(&'static str, Vec<u8>)> {
    let (s150, s225) = (preset("vaekstpilot-150"), preset("vaekstpilot-225"));
    let (e150, e225) = (eval(&s150), eval(&s225));
    let edges = edge_scenarios();
    let evaluated: Vec<Evaluation> = edges.iter().map(eval).collect();
    let pairs: Vec<(&Scenario, &Evaluation)> = edges.iter().zip(&evaluated).collect();
    vec![
        (
            "vaekstpilot",
            workbook(&[(&s150, &e150), (&s225, &e225)], Some(0), Lang::Da),
        ),
        ("stale", stale_workbook(&s150, &s225)),
        ("edge", workbook(&pairs, Some(1), Lang::En)),
    ]
}

fn edge_scenarios() -> Vec<Scenario> {
    vec![edge_gap(), edge_surplus(), edge_zero(), synthetic(12, 6)]
}

fn convert() -> Option<Converted> {
    let soffice = soffice()?;
    let dir =
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("xlsx-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    // A profile of its own: no clash with a running LibreOffice, Danish locale, and
    // "always recalculate" on load (LibreOffice's default for .xlsx is to trust the
    // cached values; Excel honours the workbook's fullCalcOnLoad instead).
    let profile = dir.join("profile");
    std::fs::create_dir_all(profile.join("user")).unwrap();
    std::fs::write(
        profile.join("user/registrymodifications.xcu"),
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            r#"<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            r#"<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>"#,
            r#"<item oor:path="/org.openoffice.Setup/L10N"><prop oor:name="ooSetupSystemLocale" oor:op="fuse"><value>da-DK</value></prop></item>"#,
            "</oor:items>\n"
        ),
    )
    .unwrap();
    let mut files = Vec::new();
    for (stem, bytes) in workbooks() {
        let path = dir.join(format!("{stem}.xlsx"));
        std::fs::write(&path, bytes).unwrap();
        files.push(path);
    }
    // CSV export options: `;` between fields, `"` around text, UTF-8, … token 9: values
    // (false) or as shown (true); token 12: -1 = every sheet to its own file.
    let run = |shown: bool, out: &Path, files: &[PathBuf]| {
        let filter = format!(
            "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,{shown},false,false,-1"
        );
        let started = Instant::now();
        let mut child = Command::new(&soffice)
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args([
                "--headless",
                "--norestore",
                "--convert-to",
                &filter,
                "--outdir",
            ])
            .arg(out)
            .args(files)
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("soffice starts");
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if started.elapsed() > Duration::from_secs(180) {
                let _ = child.kill();
                panic!("soffice took more than 180 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "soffice failed: {status}");
        started.elapsed()
    };
    let raw_dir = dir.join("raw");
    let raw_time = run(false, &raw_dir, &files);
    let shown_dir = dir.join("shown");
    let shown_time = run(true, &shown_dir, &files[..1]);
    note(&format!(
        "LibreOffice ({}) recalculated and exported {} workbooks in {:.2} s, shown values of one in {:.2} s",
        String::from_utf8_lossy(&Command::new(&soffice).arg("--version").output().unwrap().stdout).trim(),
        files.len(),
        raw_time.as_secs_f64(),
        shown_time.as_secs_f64()
    ));

    let mut raw: BTreeMap<String, BTreeMap<String, Table>> = BTreeMap::new();
    let mut shown = BTreeMap::new();
    for (folder, into_raw) in [(&raw_dir, true), (&shown_dir, false)] {
        for entry in std::fs::read_dir(folder).unwrap() {
            let path = entry.unwrap().path();
            let file = path.file_name().unwrap().to_str().unwrap().to_string();
            let Some(base) = file.strip_suffix(".csv") else {
                continue;
            };
            let (stem, sheet) = base.split_once('-').expect("<stem>-<sheet>.csv");
            let table = parse_csv(&std::fs::read_to_string(&path).unwrap());
            if into_raw {
                raw.entry(stem.to_string())
                    .or_default()
                    .insert(sheet.to_string(), table);
            } else {
                shown.insert(sheet.to_string(), table);
            }
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    Some(Converted { raw, shown })
}

fn parse_csv(text: &str) -> Table {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (';', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    if !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    rows
}

fn sheets(stem: &str) -> Option<&'static BTreeMap<String, Table>> {
    Some(&converted()?.raw[stem])
}

/// Field `col` (0 = A) of the row whose first field is `label`.
fn by_label<'a>(table: &'a Table, label: &str, col: usize) -> &'a str {
    let row = table
        .iter()
        .find(|r| r[0] == label)
        .unwrap_or_else(|| panic!("no row {label:?} in {table:?}"));
    row.get(col).map_or("", String::as_str)
}

/// A value as LibreOffice exported it: `1234,5`, `-3`, `34,2465753424658%`, `1,5E-05`.
fn number(text: &str) -> Decimal {
    let (text, percent) = match text.strip_suffix('%') {
        Some(t) => (t, true),
        None => (text, false),
    };
    let text = text.replace(',', ".");
    let v = if text.contains(['E', 'e']) {
        Decimal::from_scientific(&text)
    } else {
        Decimal::from_str(&text)
    }
    .unwrap_or_else(|e| panic!("{text:?} is not a number: {e}"));
    if percent {
        v / Decimal::ONE_HUNDRED
    } else {
        v
    }
}

/// LibreOffice calculates in binary floating point and exports 15 significant digits, so
/// its figure must be within 10⁻¹¹ of `scale` (the size of the figures that went into it).
fn assert_close(got: &str, want: Option<Decimal>, scale: Decimal, what: &str) {
    match want {
        None => assert_eq!(got, "", "{what}"),
        Some(want) => {
            let tolerance = scale.abs().max(Decimal::ONE) * Decimal::new(1, 11);
            let got_n = number(got);
            assert!(
                (got_n - want).abs() <= tolerance,
                "{what}: LibreOffice {got}, app {want}"
            );
        }
    }
}

// --- the Vækstpilot figures ------------------------------------------------------------

#[test]
fn libreoffice_vaekstpilot_150_and_225() {
    let Some(sheets) = sheets("vaekstpilot") else {
        return;
    };
    for (sheet, want) in [
        (
            "Nordjysk Vækst…150 vækstpiloter",
            ["21900000", "10950000", "7500000", "3450000"],
        ),
        (
            "Nordjysk Vækst…225 vækstpiloter",
            ["32850000", "16425000", "11250000", "5175000"],
        ),
    ] {
        let t = &sheets[sheet];
        assert_eq!(by_label(t, "Samlede udgifter", 2), want[0], "{sheet}");
        assert_eq!(by_label(t, "Støtteberettigede udgifter", 2), want[0]);
        assert_eq!(by_label(t, "DEB", 4), want[1], "{sheet}");
        assert_eq!(by_label(t, "Virksomhedernes egenbetaling", 4), want[2]);
        assert_eq!(by_label(t, "Lokal/regional medfinansiering", 4), want[3]);
        assert_eq!(by_label(t, "Finansieret i alt", 2), want[0]);
        assert_eq!(by_label(t, "Manglende finansiering", 2), "0");
        assert_eq!(by_label(t, "Manglende finansiering", 3), "0%", "{sheet}");
        assert_eq!(by_label(t, "Overfinansiering", 2), "0");
        assert_eq!(by_label(t, "Udgift pr. enhed (Vækstpiloter)", 2), "146000");
        assert_eq!(by_label(t, "DEB", 5), "50%");
    }
    let c = &sheets["Sammenligning"];
    for (label, a, b, diff) in [
        ("Vækstpiloter", "150", "225", "75"),
        ("Samlede udgifter", "21900000", "32850000", "10950000"),
        ("DEB", "10950000", "16425000", "5475000"),
        (
            "Virksomhedernes egenbetaling",
            "7500000",
            "11250000",
            "3750000",
        ),
        (
            "Lokal/regional medfinansiering",
            "3450000",
            "5175000",
            "1725000",
        ),
        ("Finansieret i alt", "21900000", "32850000", "10950000"),
        ("Manglende finansiering", "0", "0", "0"),
        ("Udgift pr. enhed (Vækstpiloter)", "146000", "146000", "0"),
    ] {
        assert_eq!(
            [
                by_label(c, label, 1),
                by_label(c, label, 2),
                by_label(c, label, 4)
            ],
            [a, b, diff],
            "{label}"
        );
    }
}

#[test]
fn libreoffice_recalculates_stale_cached_values_from_the_formulas() {
    // Sheet 1 has the inputs of 225 pilots but the cached results of 150, sheet 2 the
    // other way round: only recalculation from the formulas gives these numbers.
    let Some(sheets) = sheets("stale") else {
        return;
    };
    let first = &sheets["Nordjysk Vækst…225 vækstpiloter"];
    assert_eq!(by_label(first, "Samlede udgifter", 2), "32850000");
    assert_eq!(by_label(first, "DEB", 4), "16425000");
    assert_eq!(
        by_label(first, "Virksomhedernes egenbetaling", 4),
        "11250000"
    );
    assert_eq!(
        by_label(first, "Lokal/regional medfinansiering", 4),
        "5175000"
    );
    let second = &sheets["Nordjysk Vækst…150 vækstpiloter"];
    assert_eq!(by_label(second, "Samlede udgifter", 2), "21900000");
    assert_eq!(
        by_label(second, "Lokal/regional medfinansiering", 4),
        "3450000"
    );
    let c = &sheets["Sammenligning"];
    assert_eq!(
        [
            by_label(c, "Samlede udgifter", 1),
            by_label(c, "Samlede udgifter", 2),
            by_label(c, "Samlede udgifter", 4)
        ],
        ["32850000", "21900000", "-10950000"]
    );
}

#[test]
fn libreoffice_shows_danish_formats() {
    let Some(conv) = converted() else {
        return;
    };
    let t = &conv.shown["Nordjysk Vækst…150 vækstpiloter"];
    assert_eq!(by_label(t, "Samlede udgifter", 2), "21.900.000 kr.");
    assert_eq!(by_label(t, "DEB", 2), "50,0 %");
    assert_eq!(by_label(t, "DEB", 4), "10.950.000 kr.");
    assert_eq!(by_label(t, "Virksomhedernes egenbetaling", 5), "34,2 %");
    assert_eq!(by_label(t, "Periode (år)", 2), "3");
    assert_eq!(by_label(t, "Vækstpiloter", 2), "150");
    let c = &conv.shown["Sammenligning"];
    assert_eq!(by_label(c, "Samlede udgifter", 4), "10.950.000 kr.");
}

// --- every kind of line and source, caps, gap, surplus, zero ---------------------------

#[test]
fn libreoffice_agrees_with_the_app_on_every_kind_and_edge_case() {
    let Some(sheets) = sheets("edge") else {
        return;
    };
    let scenarios = edge_scenarios();
    let names = [
        "Bob's \"pla…æøå-ØÆÅ (v2) -x0041_",
        "Surplus",
        "Scenario 3",
        "Syntetisk- 12 udgiftsp…6 kilder",
    ];
    assert_eq!(sheets.len(), 5, "{:?}", sheets.keys());
    let hundred = Decimal::ONE_HUNDRED;
    for (s, name) in scenarios.iter().zip(names) {
        let e = eval(s);
        let t = &sheets[name];
        let scale = e.total_cost.max(e.funded);
        let row_of = |label: &str| t.iter().position(|r| r[0] == label).unwrap();
        assert_eq!(t[0][0], s.name.replace('\u{1}', ""));
        assert_eq!(t[3][2], s.years.to_string());

        let costs = row_of("Cost line") + 1;
        for (i, (c, r)) in s.costs.iter().zip(&e.lines).enumerate() {
            let row = &t[costs + i];
            let what = format!("{name}: cost {i}");
            assert_eq!(row[0], c.label.replace('\u{1}', ""), "{what}");
            assert_close(&row[2], Some(c.amount), c.amount, &what);
            assert_eq!(row[3], if c.eligible { "1" } else { "0" }, "{what}");
            assert_close(&row[4], Some(r.amount), r.amount, &what);
        }
        let sources = row_of("Funding source") + 1;
        for (i, (x, r)) in s.sources.iter().zip(&e.sources).enumerate() {
            let row = &t[sources + i];
            let what = format!("{name}: source {} ({})", i, x.kind.tag());
            assert_eq!(row[0], x.label, "{what}");
            assert_close(&row[4], Some(r.amount), scale, &what);
            assert_close(&row[5], r.share.map(|p| p / hundred), Decimal::ONE, &what);
            assert_close(&row[3], x.kind.cap(), scale, &what);
        }
        let results = row_of("Results") + 1;
        let want = [
            ("Total cost", e.total_cost),
            ("Eligible cost", e.eligible_cost),
            ("Funded", e.funded),
            ("Gap", e.gap),
            ("Surplus", e.surplus),
        ];
        for (k, (label, value)) in want.into_iter().enumerate() {
            assert_eq!(t[results + k][0], label);
            assert_close(
                &t[results + k][2],
                Some(value),
                scale,
                &format!("{name}: {label}"),
            );
        }
        for (d, per_unit) in e.per_unit.iter().enumerate() {
            let row = &t[results + 5 + d];
            assert_close(&row[2], *per_unit, scale, &format!("{name}: per unit {d}"));
        }
    }

    // The comparison: the same figures, by reference, and differences from scenario 2.
    let c = &sheets["Comparison"];
    let evals: Vec<Evaluation> = scenarios.iter().map(eval).collect();
    let base = 1;
    let diff_col = |j: usize| 1 + scenarios.len() + 1 + if j > base { j - 1 } else { j };
    let check = |label: &str, values: Vec<Option<Option<Decimal>>>| {
        for (j, v) in values.iter().enumerate() {
            let what = format!("Comparison {label:?}, scenario {j}");
            match v {
                None => assert_eq!(by_label(c, label, 1 + j), "", "{what}"),
                Some(v) => assert_close(
                    by_label(c, label, 1 + j),
                    *v,
                    Decimal::from(100_000_000),
                    &what,
                ),
            }
            if j == base {
                continue;
            }
            let diff = match (v, &values[base]) {
                (Some(Some(a)), Some(Some(b))) => Some(Some(a - b)),
                (Some(_), Some(_)) => Some(None),
                _ => None,
            };
            let got = by_label(c, label, diff_col(j));
            match diff {
                None => assert_eq!(got, "", "{what}: difference"),
                Some(d) => assert_close(
                    got,
                    d,
                    Decimal::from(100_000_000),
                    &format!("{what}: difference"),
                ),
            }
        }
    };
    let all = |f: &dyn Fn(&Evaluation) -> Decimal| evals.iter().map(|e| Some(Some(f(e)))).collect();
    check("Total cost", all(&|e| e.total_cost));
    check("Eligible cost", all(&|e| e.eligible_cost));
    check("Funded", all(&|e| e.funded));
    check("Gap", all(&|e| e.gap));
    check("Surplus", all(&|e| e.surplus));
    check(
        "Period (years)",
        scenarios
            .iter()
            .map(|s| Some(Some(Decimal::from(s.years))))
            .collect(),
    );
    // Rows are matched by id and labelled as in the first scenario that has the id: "s4"
    // is "Lump sum" in the first two scenarios, a share in the synthetic one, absent in
    // the third.
    let lump = |j: usize| {
        let i = scenarios[j].sources.iter().position(|x| x.id == "s4")?;
        Some(Some(evals[j].sources[i].amount))
    };
    check("Lump sum", (0..4).map(lump).collect());
    // The cost per SME (driver "smes") exists in the first two; per pilot only in the third,
    // where it is empty (zero pilots).
    let per_unit = |id: &str, j: usize| {
        let d = scenarios[j].drivers.iter().position(|d| d.id == id)?;
        Some(evals[j].per_unit[d])
    };
    check(
        "Cost per unit (SMV'er & <co>)",
        (0..4).map(|j| per_unit("smes", j)).collect(),
    );
    check(
        "Cost per unit (Vækstpiloter)",
        (0..4).map(|j| per_unit("pilots", j)).collect(),
    );
}
