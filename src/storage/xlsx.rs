//! Scenarios as an Excel workbook (.xlsx) that keeps calculating.
//!
//! Unlike the CSV export, which hands over figures, the workbook hands over the *model*:
//! every assumption is an input cell (yellow) and every result is a formula over them, so
//! a user can change the number of pilots or a rate in Excel or LibreOffice and see the
//! consequences, exactly as in the app.
//!
//! * **One sheet per scenario.** Years, driver values, each cost line's amount and
//!   eligibility (1/0), each source's rate, amount and cap are inputs. Each cost line's
//!   total, total and eligible cost, each source's amount and share, funded, gap, surplus
//!   and cost per unit are formulas (see [`workbook`] for the layout).
//! * **A comparison sheet** ("Sammenligning" / "Comparison", last) with one column per
//!   scenario whose cells refer to the scenario sheets' cells by formula, and, when a
//!   baseline is given, one difference column per other scenario.
//! * **Cached values.** Every formula carries its value (`<v>`) from the app's exact
//!   evaluation, so a viewer that does not calculate (previews, mail clients) shows the
//!   right numbers, and so does LibreOffice, which by default trusts the cached values of
//!   an .xlsx file (Tools ▸ Options ▸ Calc ▸ Formula ▸ "Recalculation on file load").
//!   `<calcPr fullCalcOnLoad="1"/>` makes Excel recalculate everything on opening. In
//!   both, changing an input recalculates whatever depends on it.
//! * **Exact numbers.** Values are written as the decimal text of the exact [`Decimal`]
//!   (never through a binary float here; the spreadsheet then calculates in its own
//!   floating point, which is exact for whole kroner far beyond programme scale).
//! * **Formats.** Amounts use the custom format `#,##0 "kr."` (English: `"DKK "#,##0`);
//!   the spreadsheet puts in its locale's separators, so Danish Excel shows
//!   `21.900.000 kr.`. Rates and shares are stored as *fractions* (50 % is `0.5`) with
//!   the format `0.0 %`, so the cells are real percentages (typing `12,5 %` into a rate
//!   cell works as expected). Counts (years, drivers, eligibility) are plain numbers.
//! * **Text is inert.** Labels come from share links, that is, from strangers; they are
//!   written as inline strings, never as formulas, XML-escaped, with characters XML cannot
//!   carry dropped.
//!
//! The container is written here too (submodule `zip`: stored or deflated entries,
//! CRC-32, no ZIP64) with the `miniz_oxide` the share links already use, rather than
//! pulling a ZIP or spreadsheet library into the wasm bundle. The whole export adds about
//! 32 KB to an optimised wasm build (13 KB gzipped; measured against evaluation, links
//! and CSV).

use rust_decimal::Decimal;

use crate::matching::{match_drivers, match_sources, visiting_order, Matched};
use crate::model::{Base, CostKind, Evaluation, Scenario, SourceKind};
use crate::numbers::Lang;
use crate::text::label_or_id;

mod zip;

/// The MIME type to download a workbook with.
pub const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The longest sheet name Excel accepts (in UTF-16 code units).
const MAX_SHEET_NAME: usize = 31;
/// How much of a long scenario name's end a sheet name keeps, at most.
const MAX_TAIL: usize = 20;
/// The longest text Excel accepts in a cell (in UTF-16 code units).
const MAX_CELL_TEXT: usize = 32_767;

/// A workbook of `scenarios`, each given with its evaluation, plus a comparison sheet
/// (with differences from `scenarios[baseline]` when `baseline` is the index of one).
///
/// Inputs come from the scenario, cached results from the evaluation: pass the
/// evaluation of the scenario. (If they disagree, a recalculating spreadsheet shows the
/// scenario's results; a missing result is left for the spreadsheet to calculate.)
///
/// # Layout of a scenario sheet
///
/// Inputs are yellow. With *d* drivers, *c* cost lines and *s* sources:
///
/// | row | A | B | C | D | E | F |
/// |---|---|---|---|---|---|---|
/// | 1 | scenario name | | | | | |
/// | 2 | legend | | | | | |
/// | 4 | Periode (år) | | **years** | | | |
/// | 5 … | driver label | Antal | **value** | | | |
/// | header | Udgiftspost | Type | Beløb | Støtteberettiget (1/0) | I alt | |
/// | cost lines | label | kind | **amount** | **1/0** | `=C×driver×years` as the kind says | |
/// | header | Finansieringskilde | Type | Sats / beløb | Loft | Beløb | Andel |
/// | sources | label | kind | **rate** or **amount** | **cap** (blank: none) | formula | `=E/total` |
/// | results | Samlede udgifter | | `=SUM(E…)` | | | |
/// | | Støtteberettigede udgifter | | `=SUMIF(D…,1,E…)` | | | |
/// | | Finansieret i alt | | `=SUM(E…)` of the sources | | | |
/// | | Manglende finansiering | | `=MAX(0,total−funded)` | `=C/total` | | |
/// | | Overfinansiering | | `=MAX(0,funded−total)` | | | |
/// | | Udgift pr. enhed (driver) | | `=IF(driver=0,"",total/driver)` | | | |
///
/// Source formulas: share `=IF(cap="",rate×base,MIN(rate×base,cap))`; per unit
/// `=amount×driver`; fixed `=amount`; per year `=amount×years`; residual
/// `=MAX(0,IF(cap="",total−SUM(others),MIN(total−SUM(others),cap)))`.
pub fn workbook(
    scenarios: &[(&Scenario, &Evaluation)],
    baseline: Option<usize>,
    lang: Lang,
) -> Vec<u8> {
    let names = sheet_names(scenarios.iter().map(|(s, _)| s.name.as_str()), lang);
    let layouts: Vec<Layout> = scenarios.iter().map(|(s, _)| Layout::of(s)).collect();
    let mut sheets: Vec<String> = scenarios
        .iter()
        .zip(&layouts)
        .map(|((s, e), l)| scenario_sheet(s, e, l, lang))
        .collect();
    let baseline = baseline.filter(|&b| b < scenarios.len());
    sheets.push(comparison_sheet(
        scenarios, &names, &layouts, baseline, lang,
    ));

    let n = sheets.len();
    let mut types = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
        r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
        r#"<Default Extension="xml" ContentType="application/xml"/>"#,
        r#"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#,
        r#"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#,
    ));
    let mut book = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" "#,
        r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>"#,
    ));
    let mut rels = String::from(concat!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
        r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    ));
    for i in 1..=n {
        types.push_str(&format!(
            r#"<Override PartName="/xl/worksheets/sheet{i}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        ));
        let name = names
            .get(i - 1)
            .map_or(comparison_name(lang), String::as_str);
        book.push_str(r#"<sheet name=""#);
        escape(&mut book, name);
        book.push_str(&format!(r#"" sheetId="{i}" r:id="rId{i}"/>"#));
        rels.push_str(&format!(
            r#"<Relationship Id="rId{i}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet{i}.xml"/>"#
        ));
    }
    types.push_str("</Types>");
    book.push_str(r#"</sheets><calcPr fullCalcOnLoad="1"/></workbook>"#);
    rels.push_str(&format!(
        r#"<Relationship Id="rId{}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>"#,
        n + 1
    ));
    let styles = styles(lang);

    let sheet_paths: Vec<String> = (1..=n)
        .map(|i| format!("xl/worksheets/sheet{i}.xml"))
        .collect();
    let mut parts: Vec<(&str, &[u8])> = vec![
        ("[Content_Types].xml", types.as_bytes()),
        ("_rels/.rels", ROOT_RELS.as_bytes()),
        ("xl/workbook.xml", book.as_bytes()),
        ("xl/_rels/workbook.xml.rels", rels.as_bytes()),
        ("xl/styles.xml", styles.as_bytes()),
    ];
    parts.extend(
        sheet_paths
            .iter()
            .zip(&sheets)
            .map(|(p, s)| (p.as_str(), s.as_bytes())),
    );
    zip::write(&parts)
}

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#,
    r#"</Relationships>"#,
);

fn tr(lang: Lang, danish: &'static str, english: &'static str) -> &'static str {
    match lang {
        Lang::Da => danish,
        Lang::En => english,
    }
}

fn comparison_name(lang: Lang) -> &'static str {
    tr(lang, "Sammenligning", "Comparison")
}

// ---------------------------------------------------------------------------------------
// Styles

/// Indexes into `cellXfs` in [`styles`].
#[derive(Clone, Copy)]
enum Style {
    Plain = 0,
    Amount = 1,
    Percent = 2,
    Bold = 3,
    Input = 4,
    InputAmount = 5,
    InputPercent = 6,
    Header = 7,
}

fn styles(lang: Lang) -> String {
    let amount = tr(lang, "#,##0 &quot;kr.&quot;", "&quot;DKK &quot;#,##0");
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
            r#"<numFmts count="2"><numFmt numFmtId="164" formatCode="{}"/>"#,
            r#"<numFmt numFmtId="165" formatCode="0.0 %"/></numFmts>"#,
            r#"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font>"#,
            r#"<font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#,
            r#"<fills count="3"><fill><patternFill patternType="none"/></fill>"#,
            r#"<fill><patternFill patternType="gray125"/></fill>"#,
            r#"<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2CC"/><bgColor indexed="64"/></patternFill></fill></fills>"#,
            r#"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#,
            r#"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#,
            r#"<cellXfs count="8">"#,
            r#"<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#,
            r#"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
            r#"<xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#,
            r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#,
            r#"<xf numFmtId="0" fontId="0" fillId="2" borderId="0" xfId="0" applyFill="1"/>"#,
            r#"<xf numFmtId="164" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>"#,
            r#"<xf numFmtId="165" fontId="0" fillId="2" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>"#,
            r#"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>"#,
            r#"</cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#,
            r#"</styleSheet>"#,
        ),
        amount
    )
}

// ---------------------------------------------------------------------------------------
// Writing a worksheet

/// A formula's value as the app computed it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Cached {
    Number(Decimal),
    /// The empty text `""` (a share of zero total cost, a cost per zero units).
    Empty,
    /// Not known: the spreadsheet calculates it.
    Unknown,
}

impl Cached {
    fn of(value: Option<Decimal>) -> Self {
        value.map_or(Cached::Unknown, Cached::Number)
    }

    /// `None` (no such result) is unknown, `Some(None)` the empty text.
    fn of_optional(value: Option<Option<Decimal>>) -> Self {
        match value {
            None => Cached::Unknown,
            Some(None) => Cached::Empty,
            Some(Some(v)) => Cached::Number(v),
        }
    }

    /// `self − other`, the way the difference formulas compute it.
    fn minus(self, other: Cached) -> Cached {
        match (self, other) {
            (Cached::Number(a), Cached::Number(b)) => Cached::of(a.checked_sub(b)),
            (Cached::Unknown, _) | (_, Cached::Unknown) => Cached::Unknown,
            _ => Cached::Empty,
        }
    }
}

/// Column letters: 1 → A, 26 → Z, 27 → AA.
fn column(mut n: u32) -> String {
    let mut letters = Vec::new();
    while n > 0 {
        n -= 1;
        letters.push(b'A' + (n % 26) as u8);
        n /= 26;
    }
    letters.iter().rev().map(|&b| char::from(b)).collect()
}

const A: u32 = 1;
const B: u32 = 2;
const C: u32 = 3;
const D: u32 = 4;
const E: u32 = 5;
const F: u32 = 6;

/// A worksheet written row by row, cells left to right.
struct Sheet {
    xml: String,
    row: u32,
}

impl Sheet {
    fn new(widths: &[u32]) -> Self {
        let mut xml = String::from(concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cols>"#,
        ));
        for (i, w) in widths.iter().enumerate() {
            let i = i + 1;
            xml.push_str(&format!(
                r#"<col min="{i}" max="{i}" width="{w}" customWidth="1"/>"#
            ));
        }
        xml.push_str("</cols><sheetData>");
        Sheet { xml, row: 0 }
    }

    fn row(&mut self, r: u32) {
        if self.row > 0 {
            self.xml.push_str("</row>");
        }
        self.row = r;
        self.xml.push_str(&format!(r#"<row r="{r}">"#));
    }

    fn open(&mut self, col: u32, style: Style, kind: &str) {
        self.xml.push_str(&format!(
            r#"<c r="{}{}" s="{}"{kind}"#,
            column(col),
            self.row,
            style as u8
        ));
    }

    fn text(&mut self, col: u32, text: &str, style: Style) {
        self.open(col, style, r#" t="inlineStr"><is><t xml:space="preserve">"#);
        escape_text(&mut self.xml, text);
        self.xml.push_str("</t></is></c>");
    }

    fn number(&mut self, col: u32, value: Decimal, style: Style) {
        self.open(col, style, "><v>");
        self.xml.push_str(&value.normalize().to_string());
        self.xml.push_str("</v></c>");
    }

    /// An input cell left empty (a cap that is not set), styled so it shows as an input.
    fn blank(&mut self, col: u32, style: Style) {
        self.open(col, style, "/>");
    }

    fn formula(&mut self, col: u32, formula: &str, cached: Cached, style: Style) {
        let kind = if cached == Cached::Empty {
            r#" t="str"><f>"#
        } else {
            "><f>"
        };
        self.open(col, style, kind);
        escape(&mut self.xml, formula);
        self.xml.push_str("</f>");
        match cached {
            Cached::Number(v) => {
                self.xml.push_str("<v>");
                self.xml.push_str(&v.normalize().to_string());
                self.xml.push_str("</v>");
            }
            Cached::Empty => self.xml.push_str("<v></v>"),
            Cached::Unknown => {}
        }
        self.xml.push_str("</c>");
    }

    fn finish(mut self) -> String {
        if self.row > 0 {
            self.xml.push_str("</row>");
        }
        self.xml.push_str("</sheetData></worksheet>");
        self.xml
    }
}

/// XML text or attribute content (attributes are always in double quotes, so `'` stays
/// as it is: formulas quote sheet names with it). Characters XML 1.0 cannot carry (most control
/// characters) are dropped; a carriage return is kept as a reference so it survives.
fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\t' | '\n' => out.push(c),
            '\u{0}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}

/// Cell text: [`escape`]d, at most Excel's 32 767 characters, and with `_xHHHH_` (which
/// spreadsheets read as an escaped character) protected by escaping its underscore.
fn escape_text(out: &mut String, text: &str) {
    let text = truncate_utf16(text, MAX_CELL_TEXT);
    let mut rest = text;
    while let Some(at) = rest.find("_x") {
        escape(out, &rest[..at]);
        out.push_str(if is_escape(&rest[at..]) {
            "_x005F_x"
        } else {
            "_x"
        });
        rest = &rest[at + 2..];
    }
    escape(out, rest);
}

/// Whether `text` starts with an escaped character of the form `_xHHHH_`.
fn is_escape(text: &str) -> bool {
    let b = text.as_bytes();
    b.len() >= 7
        && b.starts_with(b"_x")
        && b[2..6].iter().all(u8::is_ascii_hexdigit)
        && b[6] == b'_'
}

/// The longest prefix of `text` of at most `max` UTF-16 code units.
fn truncate_utf16(text: &str, max: usize) -> &str {
    let mut units = 0;
    for (at, c) in text.char_indices() {
        units += c.len_utf16();
        if units > max {
            return &text[..at];
        }
    }
    text
}

/// The longest suffix of `text` of at most `max` UTF-16 code units.
fn tail_utf16(text: &str, max: usize) -> &str {
    let mut units = 0;
    for (at, c) in text.char_indices().rev() {
        units += c.len_utf16();
        if units > max {
            return &text[at + c.len_utf8()..];
        }
    }
    text
}

// ---------------------------------------------------------------------------------------
// Sheet names

/// Valid, unique sheet names for scenarios named `names`: at most 31 characters (a long
/// name keeps its beginning and its last words, which is where scenario names tend to
/// differ: `Nordjysk Vækst…150 vækstpiloter`); none of `[]:*?/\`, no quote at either end,
/// no `_xHHHH_` (read as an escaped character); not empty; different (ignoring case) from
/// each other, from the comparison sheet and from Excel's reserved "History". Excel
/// ignores case in every script, so this compares with Unicode's full lower case (the
/// workbook writer comes with the board program, which can carry its tables).
fn sheet_names<'a>(names: impl Iterator<Item = &'a str>, lang: Lang) -> Vec<String> {
    let mut taken = vec![comparison_name(lang).to_lowercase(), "history".to_string()];
    let mut out = Vec::new();
    for (i, raw) in names.enumerate() {
        let cleaned: String = raw
            .chars()
            .filter_map(|c| match c {
                '/' | '\\' | ':' => Some('-'),
                '[' => Some('('),
                ']' => Some(')'),
                '*' | '?' => None,
                c if c.is_control() || c == '\u{fffe}' || c == '\u{ffff}' => None,
                c => Some(c),
            })
            .collect();
        // `_xHHHH_` would be read as an escaped character: make it `-xHHHH_`.
        let mut cleaned = cleaned;
        while let Some(at) = cleaned
            .match_indices("_x")
            .map(|(at, _)| at)
            .find(|&at| is_escape(&cleaned[at..]))
        {
            cleaned.replace_range(at..=at, "-");
        }
        let trimmed = cleaned.trim_matches(|c: char| c.is_whitespace() || c == '\'');
        let mut name = if trimmed.is_empty() {
            format!("{} {}", tr(lang, "Scenarie", "Scenario"), i + 1)
        } else if trimmed.encode_utf16().count() > MAX_SHEET_NAME {
            // The end in whole words if it has a word boundary, the beginning in the rest.
            let mut tail = tail_utf16(trimmed, MAX_TAIL);
            if !trimmed[..trimmed.len() - tail.len()].ends_with(char::is_whitespace) {
                if let Some(at) = tail.find(char::is_whitespace) {
                    tail = &tail[at..];
                }
            }
            let tail = tail.trim_start();
            let room = MAX_SHEET_NAME - 1 - tail.encode_utf16().count();
            format!("{}…{tail}", truncate_utf16(trimmed, room).trim_end())
        } else {
            trimmed.to_string()
        };
        let mut k = 2;
        while taken.contains(&name.to_lowercase()) {
            let suffix = format!(" ({k})");
            let base = truncate_utf16(&name, MAX_SHEET_NAME - suffix.len());
            let candidate = format!("{}{suffix}", base.trim_end());
            if !taken.contains(&candidate.to_lowercase()) {
                name = candidate;
                break;
            }
            k += 1;
        }
        taken.push(name.to_lowercase());
        out.push(name);
    }
    out
}

/// `'name'!`, for a reference into another sheet.
fn sheet_ref(name: &str) -> String {
    format!("'{}'!", name.replace('\'', "''"))
}

// ---------------------------------------------------------------------------------------
// A scenario's sheet

/// Where things are on a scenario sheet (rows, 1-based).
struct Layout {
    years: u32,
    /// First driver row.
    drivers: u32,
    /// First cost line row (the header is the row before).
    costs: u32,
    /// First source row (the header is the row before).
    sources: u32,
    total: u32,
    eligible: u32,
    funded: u32,
    gap: u32,
    surplus: u32,
    /// First cost-per-unit row, one per driver.
    per_unit: u32,
}

fn count(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX / 4)
}

impl Layout {
    fn of(s: &Scenario) -> Self {
        let years = 4;
        let drivers = years + 1;
        let costs = drivers + count(s.drivers.len()) + 2;
        let sources = costs + count(s.costs.len()) + 2;
        let total = sources + count(s.sources.len()) + 2;
        Layout {
            years,
            drivers,
            costs,
            sources,
            total,
            eligible: total + 1,
            funded: total + 2,
            gap: total + 3,
            surplus: total + 4,
            per_unit: total + 5,
        }
    }
}

/// `E3:E7`, or `E3` for a single row.
fn range(col: u32, first: u32, last: u32) -> String {
    let c = column(col);
    if first == last {
        format!("{c}{first}")
    } else {
        format!("{c}{first}:{c}{last}")
    }
}

/// The cell holding driver `id`'s value, or `0` if there is no such driver (an invalid
/// scenario; it cannot have been evaluated, but it must not break the workbook).
fn driver_cell(s: &Scenario, l: &Layout, id: &str) -> String {
    s.drivers
        .iter()
        .position(|d| d.id == id)
        .map_or("0".into(), |d| format!("C{}", l.drivers + count(d)))
}

fn cost_kind(s: &Scenario, kind: &CostKind, lang: Lang) -> String {
    let driver = |id: &str| {
        s.driver(id)
            .map_or(id.to_string(), |d| label_or_id(&d.label, &d.id).to_string())
    };
    match kind {
        CostKind::Fixed => tr(lang, "Fast beløb", "Fixed").into(),
        CostKind::PerYear => tr(lang, "Pr. år", "Per year").into(),
        CostKind::PerUnit { driver: d } => {
            format!("{}: {}", tr(lang, "Pr. enhed", "Per unit"), driver(d))
        }
        CostKind::PerUnitPerYear { driver: d } => format!(
            "{}: {}",
            tr(lang, "Pr. enhed pr. år", "Per unit per year"),
            driver(d)
        ),
    }
}

fn source_kind(s: &Scenario, kind: &SourceKind, lang: Lang) -> String {
    match kind {
        SourceKind::Share {
            of: Base::Eligible, ..
        } => tr(
            lang,
            "Andel af støtteberettigede udgifter",
            "Share of eligible cost",
        )
        .into(),
        SourceKind::Share {
            of: Base::Total, ..
        } => tr(lang, "Andel af samlede udgifter", "Share of total cost").into(),
        SourceKind::PerUnit { driver, .. } => cost_kind(
            s,
            &CostKind::PerUnit {
                driver: driver.clone(),
            },
            lang,
        ),
        SourceKind::Fixed { .. } => cost_kind(s, &CostKind::Fixed, lang),
        SourceKind::PerYear { .. } => cost_kind(s, &CostKind::PerYear, lang),
        SourceKind::Residual { .. } => tr(lang, "Restfinansiering", "Residual").into(),
    }
}

fn per_unit_label(label: &str, lang: Lang) -> String {
    format!(
        "{} ({label})",
        tr(lang, "Udgift pr. enhed", "Cost per unit")
    )
}

fn scenario_sheet(s: &Scenario, e: &Evaluation, l: &Layout, lang: Lang) -> String {
    let t = |da, en| tr(lang, da, en);
    let mut sh = Sheet::new(&[50, 34, 16, 16, 18, 14]);
    sh.row(1);
    sh.text(A, &s.name, Style::Bold);
    sh.row(2);
    sh.text(
        A,
        t(
            "Gule celler er forudsætninger og kan ændres; alle andre tal beregnes med formler.",
            "Yellow cells are assumptions you can change; every other figure is a formula.",
        ),
        Style::Plain,
    );
    // The app apportions its rounding so that the parts it shows add up to the total it
    // shows; a spreadsheet rounds each cell on its own (three lines of 100.000,5 kr. show
    // 100.001 kr. each under a total of 300.002 kr.). The cells keep the exact values, so
    // the reader is told instead.
    sh.row(3);
    sh.text(
        A,
        t(
            "Tallene vises afrundet (hele kroner, procent med én decimal), men cellerne regner med de præcise tal, så de viste dele kan afvige en smule fra den viste sum.",
            "Figures are shown rounded (whole kroner, per cent to one decimal), but the cells calculate with the exact figures, so the parts shown may differ slightly from the total shown.",
        ),
        Style::Plain,
    );
    sh.row(l.years);
    sh.text(A, t("Periode (år)", "Period (years)"), Style::Plain);
    sh.number(C, Decimal::from(s.years), Style::Input);
    let years = format!("C{}", l.years);
    for (i, d) in s.drivers.iter().enumerate() {
        sh.row(l.drivers + count(i));
        sh.text(A, label_or_id(&d.label, &d.id), Style::Plain);
        sh.text(B, t("Antal", "Number"), Style::Plain);
        sh.number(C, d.value, Style::Input);
    }

    let total = format!("C{}", l.total);
    let eligible = format!("C{}", l.eligible);

    sh.row(l.costs - 1);
    for (col, da, en) in [
        (A, "Udgiftspost", "Cost line"),
        (B, "Type", "Kind"),
        (C, "Beløb (kr.)", "Amount (DKK)"),
        (D, "Støtteberettiget (1/0)", "Eligible (1/0)"),
        (E, "I alt (kr.)", "Total (DKK)"),
    ] {
        sh.text(col, t(da, en), Style::Header);
    }
    for (i, c) in s.costs.iter().enumerate() {
        let r = l.costs + count(i);
        sh.row(r);
        sh.text(A, label_or_id(&c.label, &c.id), Style::Plain);
        sh.text(B, &cost_kind(s, &c.kind, lang), Style::Plain);
        sh.number(C, c.amount, Style::InputAmount);
        let flag = if c.eligible {
            Decimal::ONE
        } else {
            Decimal::ZERO
        };
        sh.number(D, flag, Style::Input);
        let formula = match &c.kind {
            CostKind::Fixed => format!("C{r}"),
            CostKind::PerYear => format!("C{r}*{years}"),
            CostKind::PerUnit { driver } => format!("C{r}*{}", driver_cell(s, l, driver)),
            CostKind::PerUnitPerYear { driver } => {
                format!("C{r}*{}*{years}", driver_cell(s, l, driver))
            }
        };
        let cached = Cached::of(e.lines.get(i).map(|x| x.amount));
        sh.formula(E, &formula, cached, Style::Amount);
    }

    sh.row(l.sources - 1);
    for (col, da, en) in [
        (A, "Finansieringskilde", "Funding source"),
        (B, "Type", "Kind"),
        (C, "Sats / beløb (kr.)", "Rate / amount (DKK)"),
        (D, "Loft (kr., tomt = intet)", "Cap (DKK, blank = none)"),
        (E, "Beløb (kr.)", "Amount (DKK)"),
        (F, "Andel af samlede udgifter", "Share of total cost"),
    ] {
        sh.text(col, t(da, en), Style::Header);
    }
    // What the residual source does not cover: every other source's amount.
    let others = {
        let rows: Vec<u32> = (0..s.sources.len())
            .filter(|&i| !matches!(s.sources[i].kind, SourceKind::Residual { .. }))
            .map(|i| l.sources + count(i))
            .collect();
        let mut ranges = Vec::new();
        let mut i = 0;
        while i < rows.len() {
            let mut j = i;
            while j + 1 < rows.len() && rows[j + 1] == rows[j] + 1 {
                j += 1;
            }
            ranges.push(range(E, rows[i], rows[j]));
            i = j + 1;
        }
        if ranges.is_empty() {
            "0".to_string()
        } else {
            format!("SUM({})", ranges.join(","))
        }
    };
    for (i, src) in s.sources.iter().enumerate() {
        let r = l.sources + count(i);
        sh.row(r);
        sh.text(A, label_or_id(&src.label, &src.id), Style::Plain);
        sh.text(B, &source_kind(s, &src.kind, lang), Style::Plain);
        let capped = |sh: &mut Sheet, cap: &Option<Decimal>, x: &str| {
            match cap {
                Some(cap) => sh.number(D, *cap, Style::InputAmount),
                None => sh.blank(D, Style::InputAmount),
            }
            format!("IF(D{r}=\"\",{x},MIN({x},D{r}))")
        };
        let formula = match &src.kind {
            SourceKind::Share { rate, of, cap } => {
                let fraction = rate.checked_div(Decimal::ONE_HUNDRED).unwrap_or(*rate);
                sh.number(C, fraction, Style::InputPercent);
                let base = match of {
                    Base::Eligible => &eligible,
                    Base::Total => &total,
                };
                capped(&mut sh, cap, &format!("C{r}*{base}"))
            }
            SourceKind::PerUnit { driver, amount } => {
                sh.number(C, *amount, Style::InputAmount);
                format!("C{r}*{}", driver_cell(s, l, driver))
            }
            SourceKind::Fixed { amount } => {
                sh.number(C, *amount, Style::InputAmount);
                format!("C{r}")
            }
            SourceKind::PerYear { amount } => {
                sh.number(C, *amount, Style::InputAmount);
                format!("C{r}*{years}")
            }
            SourceKind::Residual { cap } => {
                let x = capped(&mut sh, cap, &format!("{total}-{others}"));
                format!("MAX(0,{x})")
            }
        };
        let result = e.sources.get(i);
        sh.formula(
            E,
            &formula,
            Cached::of(result.map(|x| x.amount)),
            Style::Amount,
        );
        let share = result.map(|x| x.share.and_then(|p| p.checked_div(Decimal::ONE_HUNDRED)));
        sh.formula(
            F,
            &format!("IF({total}=0,\"\",E{r}/{total})"),
            Cached::of_optional(share),
            Style::Percent,
        );
    }

    let costs = if s.costs.is_empty() {
        None
    } else {
        Some((l.costs, l.costs + count(s.costs.len()) - 1))
    };
    let sources_sum = if s.sources.is_empty() {
        "0".to_string()
    } else {
        format!(
            "SUM({})",
            range(E, l.sources, l.sources + count(s.sources.len()) - 1)
        )
    };
    let funded = format!("C{}", l.funded);
    sh.row(l.total - 1);
    sh.text(A, t("Resultater", "Results"), Style::Bold);
    let results: [(u32, &str, &str, String, Decimal); 5] = [
        (
            l.total,
            "Samlede udgifter",
            "Total cost",
            costs.map_or("0".into(), |(a, b)| format!("SUM({})", range(E, a, b))),
            e.total_cost,
        ),
        (
            l.eligible,
            "Støtteberettigede udgifter",
            "Eligible cost",
            costs.map_or("0".into(), |(a, b)| {
                format!("SUMIF({},1,{})", range(D, a, b), range(E, a, b))
            }),
            e.eligible_cost,
        ),
        (
            l.funded,
            "Finansieret i alt",
            "Funded",
            sources_sum,
            e.funded,
        ),
        (
            l.gap,
            "Manglende finansiering",
            "Gap",
            format!("MAX(0,{total}-{funded})"),
            e.gap,
        ),
        (
            l.surplus,
            "Overfinansiering",
            "Surplus",
            format!("MAX(0,{funded}-{total})"),
            e.surplus,
        ),
    ];
    for (r, da, en, formula, value) in results {
        sh.row(r);
        sh.text(A, t(da, en), Style::Plain);
        sh.formula(C, &formula, Cached::Number(value), Style::Amount);
        if r == l.gap {
            // The gap's share of total cost beside it, as the screen shows it: with a gap,
            // the shares in column F and this one add up to 100 %. (The results CSV also
            // gives funded's and the surplus's; here they follow from the amounts.)
            let share = (!e.total_cost.is_zero())
                .then(|| e.gap.checked_div(e.total_cost))
                .flatten();
            sh.formula(
                D,
                &format!("IF({total}=0,\"\",C{r}/{total})"),
                Cached::of_optional(Some(share)),
                Style::Percent,
            );
        }
    }
    for (i, d) in s.drivers.iter().enumerate() {
        sh.row(l.per_unit + count(i));
        sh.text(
            A,
            &per_unit_label(label_or_id(&d.label, &d.id), lang),
            Style::Plain,
        );
        let units = format!("C{}", l.drivers + count(i));
        sh.formula(
            C,
            &format!("IF({units}=0,\"\",{total}/{units})"),
            Cached::of_optional(e.per_unit.get(i).copied()),
            Style::Amount,
        );
    }
    sh.finish()
}

// ---------------------------------------------------------------------------------------
// The comparison sheet

/// One row of the comparison. A matched driver or source holds, per scenario, the index of
/// its item there ([`Matched::at`]).
enum Item<'a> {
    Years,
    Driver(&'a [Option<usize>]),
    Total,
    Eligible,
    Source(&'a [Option<usize>]),
    Funded,
    Gap,
    Surplus,
    PerUnit(&'a [Option<usize>]),
}

impl Item<'_> {
    /// The cell on the sheet of scenario `j` and the app's value for it; `None` when the
    /// scenario has no such driver or source.
    fn cell(&self, j: usize, s: &Scenario, e: &Evaluation, l: &Layout) -> Option<(String, Cached)> {
        let driver = |at: &[Option<usize>]| {
            at.get(j)
                .copied()
                .flatten()
                .filter(|&d| d < s.drivers.len())
        };
        Some(match *self {
            Item::Years => (
                format!("C{}", l.years),
                Cached::Number(Decimal::from(s.years)),
            ),
            Item::Driver(at) => {
                let d = driver(at)?;
                (
                    format!("C{}", l.drivers + count(d)),
                    Cached::Number(s.drivers[d].value),
                )
            }
            Item::Total => (format!("C{}", l.total), Cached::Number(e.total_cost)),
            Item::Eligible => (format!("C{}", l.eligible), Cached::Number(e.eligible_cost)),
            Item::Source(at) => {
                let i = at.get(j).copied().flatten()?;
                (
                    format!("E{}", l.sources + count(i)),
                    Cached::of(e.sources.get(i).map(|x| x.amount)),
                )
            }
            Item::Funded => (format!("C{}", l.funded), Cached::Number(e.funded)),
            Item::Gap => (format!("C{}", l.gap), Cached::Number(e.gap)),
            Item::Surplus => (format!("C{}", l.surplus), Cached::Number(e.surplus)),
            Item::PerUnit(at) => {
                let d = driver(at)?;
                (
                    format!("C{}", l.per_unit + count(d)),
                    Cached::of_optional(e.per_unit.get(d).copied()),
                )
            }
        })
    }
}

fn comparison_sheet(
    scenarios: &[(&Scenario, &Evaluation)],
    names: &[String],
    layouts: &[Layout],
    baseline: Option<usize>,
    lang: Lang,
) -> String {
    let t = |da, en| tr(lang, da, en);
    // Drivers and sources matched across the scenarios as the board's comparison matches
    // them (by id, then by label; the baseline's first), labelled as first met.
    let order = visiting_order(scenarios.len(), baseline);
    let drivers = match_drivers(scenarios.iter().map(|(s, _)| *s), &order);
    let sources = match_sources(scenarios.iter().map(|(s, _)| *s), &order);
    let label = |m: &Matched| label_or_id(&m.labels[0], &m.ids[0]).to_string();
    let mut rows: Vec<(Item, String, Style)> = vec![(
        Item::Years,
        t("Periode (år)", "Period (years)").into(),
        Style::Plain,
    )];
    rows.extend(
        drivers
            .iter()
            .map(|m| (Item::Driver(&m.at), label(m), Style::Plain)),
    );
    rows.push((
        Item::Total,
        t("Samlede udgifter", "Total cost").into(),
        Style::Amount,
    ));
    rows.push((
        Item::Eligible,
        t("Støtteberettigede udgifter", "Eligible cost").into(),
        Style::Amount,
    ));
    rows.extend(
        sources
            .iter()
            .map(|m| (Item::Source(&m.at), label(m), Style::Amount)),
    );
    for (item, da, en) in [
        (Item::Funded, "Finansieret i alt", "Funded"),
        (Item::Gap, "Manglende finansiering", "Gap"),
        (Item::Surplus, "Overfinansiering", "Surplus"),
    ] {
        rows.push((item, t(da, en).into(), Style::Amount));
    }
    rows.extend(drivers.iter().map(|m| {
        (
            Item::PerUnit(&m.at),
            per_unit_label(&label(m), lang),
            Style::Amount,
        )
    }));

    let n = count(scenarios.len());
    let value_col = |j: usize| B + count(j);
    // The difference block: one column per scenario other than the baseline, after a gap.
    let others: Vec<usize> = baseline.map_or(Vec::new(), |b| {
        (0..scenarios.len()).filter(|&j| j != b).collect()
    });
    let diff_col = |k: usize| B + n + 1 + count(k);
    let scenario_name = |j: usize| {
        let name = scenarios[j].0.name.trim();
        if name.is_empty() {
            names[j].clone()
        } else {
            name.to_string()
        }
    };

    let mut widths = vec![50];
    widths.resize(1 + scenarios.len(), 22);
    if !others.is_empty() {
        widths.push(3);
        widths.resize(widths.len() + others.len(), 22);
    }
    let mut sh = Sheet::new(&widths);
    sh.row(1);
    sh.text(
        A,
        t("Sammenligning af scenarier", "Comparison of scenarios"),
        Style::Bold,
    );
    if let Some(b) = baseline {
        sh.row(2);
        sh.text(
            A,
            &format!("{}: {}", t("Basis", "Baseline"), scenario_name(b)),
            Style::Plain,
        );
    }
    sh.row(3);
    sh.text(A, t("Post", "Item"), Style::Header);
    for j in 0..scenarios.len() {
        sh.text(value_col(j), &scenario_name(j), Style::Header);
    }
    for (k, &j) in others.iter().enumerate() {
        sh.text(
            diff_col(k),
            &format!(
                "{}: {}",
                t("Forskel fra basis", "Difference from baseline"),
                scenario_name(j)
            ),
            Style::Header,
        );
    }

    for (i, (item, label, style)) in rows.iter().enumerate() {
        let r = 4 + count(i);
        sh.row(r);
        sh.text(A, label, Style::Plain);
        let cells: Vec<Option<Cached>> = scenarios
            .iter()
            .zip(layouts)
            .enumerate()
            .map(|(j, ((s, e), l))| {
                let (cell, cached) = item.cell(j, s, e, l)?;
                let formula = format!("{}{cell}", sheet_ref(&names[j]));
                sh.formula(value_col(j), &formula, cached, *style);
                Some(cached)
            })
            .collect();
        let Some(b) = baseline else { continue };
        for (k, &j) in others.iter().enumerate() {
            let (Some(x), Some(base)) = (cells[j], cells[b]) else {
                continue;
            };
            let (x_ref, base_ref) = (
                format!("{}{r}", column(value_col(j))),
                format!("{}{r}", column(value_col(b))),
            );
            let formula = if matches!(item, Item::PerUnit(_)) {
                format!("IF(OR({x_ref}=\"\",{base_ref}=\"\"),\"\",{x_ref}-{base_ref})")
            } else {
                format!("{x_ref}-{base_ref}")
            };
            sh.formula(diff_col(k), &formula, x.minus(base), *style);
        }
    }
    sh.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evaluate;
    use crate::presets::Preset;

    fn names(raw: &[&str]) -> Vec<String> {
        sheet_names(raw.iter().copied(), Lang::Da)
    }

    #[test]
    fn columns() {
        let letters: Vec<String> = [1, 2, 26, 27, 52, 53, 702, 703, 16_384]
            .into_iter()
            .map(column)
            .collect();
        assert_eq!(
            letters,
            ["A", "B", "Z", "AA", "AZ", "BA", "ZZ", "AAA", "XFD"]
        );
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let got = names(&[
            "Nordjysk Vækstpilotordning 2020–2023, 150 vækstpiloter",
            "Nordjysk Vækstpilotordning 2020–2023, 225 vækstpiloter",
            "a/b\\c:d[e]f*g?h",
            "  'quoted'  ",
            "",
            "   ",
            "Sammenligning",
            "history",
            "DEB",
            "deb",
            "Tab\there",
            "a_x00e6_b",
        ]);
        assert_eq!(
            got,
            [
                "Nordjysk Vækst…150 vækstpiloter",
                "Nordjysk Vækst…225 vækstpiloter",
                "a-b-c-d(e)fgh",
                "quoted",
                "Scenarie 5",
                "Scenarie 6",
                "Sammenligning (2)",
                "history (2)",
                "DEB",
                "deb (2)",
                "Tabhere",
                "a-x00e6_b",
            ]
        );
        for name in &got {
            assert!(name.encode_utf16().count() <= MAX_SHEET_NAME, "{name}");
        }
        // Case is ignored in every script, as Excel does.
        assert_eq!(names(&["Москва", "МОСКВА"]), ["Москва", "МОСКВА (2)"]);
    }

    #[test]
    fn long_duplicates_stay_within_31_characters() {
        let long = "x".repeat(40);
        let got = names(&[&long, &long, &long]);
        assert_eq!(got[0], format!("{}…{}", "x".repeat(10), "x".repeat(20)));
        assert_eq!(got[1], format!("{}…{} (2)", "x".repeat(10), "x".repeat(16)));
        assert_eq!(got[2], format!("{}…{} (3)", "x".repeat(10), "x".repeat(16)));
        // Characters outside the BMP count twice, as Excel counts them.
        let emoji = "😀".repeat(20);
        let got = names(&[&emoji]);
        assert!(
            got[0].encode_utf16().count() <= MAX_SHEET_NAME,
            "{}",
            got[0]
        );
    }

    #[test]
    fn a_name_of_exactly_31_characters_is_kept_whole() {
        let at_limit = "y".repeat(MAX_SHEET_NAME);
        assert_eq!(names(&[&at_limit]), [at_limit]);
        let over = "y".repeat(MAX_SHEET_NAME + 1);
        assert_eq!(
            names(&[&over]),
            [format!("{}…{}", "y".repeat(10), "y".repeat(20))]
        );
    }

    #[test]
    fn comparison_columns_have_a_narrow_gap_before_the_differences() {
        let scenarios: Vec<Scenario> = ["vaekstpilot-150", "vaekstpilot-225", "design-sprint"]
            .into_iter()
            .map(|key| Preset::find(key).unwrap().scenario().unwrap())
            .collect();
        let evaluations: Vec<Evaluation> = scenarios.iter().map(|s| evaluate(s).unwrap()).collect();
        let pairs: Vec<(&Scenario, &Evaluation)> = scenarios.iter().zip(&evaluations).collect();
        let sheet_names = names(
            &scenarios
                .iter()
                .map(|s| s.name.as_str())
                .collect::<Vec<_>>(),
        );
        let layouts: Vec<Layout> = scenarios.iter().map(Layout::of).collect();
        let cols = |baseline| {
            let xml = comparison_sheet(&pairs, &sheet_names, &layouts, baseline, Lang::Da);
            let (start, end) = (xml.find("<cols>").unwrap(), xml.find("</cols>").unwrap());
            xml[start + "<cols>".len()..end].to_string()
        };
        let widths = |widths: &[u32]| -> String {
            (1..)
                .zip(widths)
                .map(|(i, w)| format!(r#"<col min="{i}" max="{i}" width="{w}" customWidth="1"/>"#))
                .collect()
        };
        // The items, one column per scenario; with a baseline a narrow gap, then one
        // difference column per other scenario.
        assert_eq!(cols(None), widths(&[50, 22, 22, 22]));
        assert_eq!(cols(Some(1)), widths(&[50, 22, 22, 22, 3, 22, 22]));
    }

    /// A source with another id but the same label is one row, as on the board: the sheet
    /// had two "DEB" rows, each with one scenario's amount and no difference.
    #[test]
    fn the_comparison_sheet_matches_sources_as_the_board_does() {
        let base = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
        let mut other = Preset::find("vaekstpilot-225").unwrap().scenario().unwrap();
        other.sources[0].id = "dd".into();
        assert_eq!(other.sources[0].label, "DEB");
        let scenarios = [base, other];
        let evaluations: Vec<Evaluation> = scenarios.iter().map(|s| evaluate(s).unwrap()).collect();
        let pairs: Vec<(&Scenario, &Evaluation)> = scenarios.iter().zip(&evaluations).collect();
        let sheet_names = names(&["a", "b"]);
        let layouts: Vec<Layout> = scenarios.iter().map(Layout::of).collect();
        let xml = comparison_sheet(&pairs, &sheet_names, &layouts, Some(0), Lang::Da);
        let rows: Vec<&str> = xml
            .split("<row ")
            .filter(|row| row.contains(r#"<t xml:space="preserve">DEB</t>"#))
            .collect();
        assert_eq!(rows.len(), 1, "one DEB row");
        // Both amounts from their sheets' DEB rows, and the difference (column E, after
        // the gap in D): 16.425.000 − 10.950.000.
        assert!(rows[0].contains("<f>'a'!E"), "{}", rows[0]);
        assert!(rows[0].contains("<f>'b'!E"), "{}", rows[0]);
        assert!(rows[0].contains("<v>5475000</v>"), "{}", rows[0]);
    }

    #[test]
    fn noncharacters_are_dropped_from_sheet_names() {
        // XML cannot carry U+FFFE and U+FFFF, so they must not tell names apart either:
        // kept, "a\u{ffff}" would become a second sheet "a" in workbook.xml.
        assert_eq!(
            names(&["a", "a\u{fffe}", "a\u{ffff}", "\u{ffff}b\u{fffe}c\u{ffff}"]),
            ["a", "a (2)", "a (3)", "bc"]
        );
    }

    #[test]
    fn references_quote_the_sheet_name() {
        assert_eq!(sheet_ref("Scenarie 1"), "'Scenarie 1'!");
        assert_eq!(sheet_ref("Bob's"), "'Bob''s'!");
    }

    #[test]
    fn escaping() {
        let esc = |t: &str| {
            let mut out = String::new();
            escape_text(&mut out, t);
            out
        };
        assert_eq!(
            esc(r#"A & B <"x"> 'y'"#),
            "A &amp; B &lt;&quot;x&quot;&gt; 'y'"
        );
        assert_eq!(esc("æøå\u{1}\u{1f}\t\n\r"), "æøå\t\n&#13;");
        assert_eq!(esc("_x0041_ and _x12 _x"), "_x005F_x0041_ and _x12 _x");
        assert_eq!(esc(&"ø".repeat(40_000)).chars().count(), MAX_CELL_TEXT);
    }

    #[test]
    fn a_sheet_without_rows_closes_no_row() {
        let xml = Sheet::new(&[10]).finish();
        assert!(!xml.contains("row"), "{xml}");
        assert!(
            xml.ends_with("<sheetData></sheetData></worksheet>"),
            "{xml}"
        );
        let mut sh = Sheet::new(&[]);
        sh.row(1);
        sh.row(3);
        assert!(sh
            .finish()
            .ends_with(r#"<sheetData><row r="1"></row><row r="3"></row></sheetData></worksheet>"#));
    }

    #[test]
    fn a_baseline_out_of_range_is_no_baseline() {
        let scenarios: Vec<Scenario> = ["vaekstpilot-150", "design-sprint"]
            .into_iter()
            .map(|key| Preset::find(key).unwrap().scenario().unwrap())
            .collect();
        let evaluations: Vec<Evaluation> = scenarios.iter().map(|s| evaluate(s).unwrap()).collect();
        let pairs: Vec<(&Scenario, &Evaluation)> = scenarios.iter().zip(&evaluations).collect();
        let without = workbook(&pairs, None, Lang::En);
        for baseline in [2, 3, usize::MAX] {
            assert!(
                workbook(&pairs, Some(baseline), Lang::En) == without,
                "baseline {baseline}"
            );
        }
        assert!(workbook(&pairs, Some(1), Lang::En) != without);
        assert!(workbook(&[], Some(0), Lang::En) == workbook(&[], None, Lang::En));
    }

    #[test]
    fn kinds_name_the_driver_by_its_label() {
        let mut s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
        let unit = |d: &str| CostKind::PerUnit { driver: d.into() };
        let unit_year = |d: &str| CostKind::PerUnitPerYear { driver: d.into() };
        let costs = |s: &Scenario, lang| {
            [
                CostKind::Fixed,
                CostKind::PerYear,
                unit("pilots"),
                unit_year("pilots"),
                unit("ghost"),
            ]
            .iter()
            .map(|k| cost_kind(s, k, lang))
            .collect::<Vec<_>>()
        };
        assert_eq!(
            costs(&s, Lang::Da),
            [
                "Fast beløb",
                "Pr. år",
                "Pr. enhed: Vækstpiloter",
                "Pr. enhed pr. år: Vækstpiloter",
                "Pr. enhed: ghost",
            ]
        );
        s.drivers[0].label = " ".into(); // a blank label: the id stands in
        assert_eq!(
            costs(&s, Lang::En),
            [
                "Fixed",
                "Per year",
                "Per unit: pilots",
                "Per unit per year: pilots",
                "Per unit: ghost"
            ]
        );

        let (x, cap) = (Decimal::ONE, None);
        let sources = [
            SourceKind::Share {
                rate: x,
                of: Base::Eligible,
                cap,
            },
            SourceKind::Share {
                rate: x,
                of: Base::Total,
                cap,
            },
            SourceKind::PerUnit {
                driver: "pilots".into(),
                amount: x,
            },
            SourceKind::Fixed { amount: x },
            SourceKind::PerYear { amount: x },
            SourceKind::Residual { cap },
        ];
        let kinds = |lang| {
            sources
                .iter()
                .map(|k| source_kind(&s, k, lang))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            kinds(Lang::Da),
            [
                "Andel af støtteberettigede udgifter",
                "Andel af samlede udgifter",
                "Pr. enhed: pilots",
                "Fast beløb",
                "Pr. år",
                "Restfinansiering",
            ]
        );
        assert_eq!(
            kinds(Lang::En),
            [
                "Share of eligible cost",
                "Share of total cost",
                "Per unit: pilots",
                "Fixed",
                "Per year",
                "Residual",
            ]
        );
    }

    #[test]
    fn the_kind_column_names_each_line_and_source() {
        let xml = sheet_xml("vaekstpilot-150");
        let b = |row: u32, text: &str| {
            format!(
                r#"<c r="B{row}" s="0" t="inlineStr"><is><t xml:space="preserve">{text}</t></is></c>"#
            )
        };
        for cell in [
            b(8, "Pr. enhed: Vækstpiloter"),
            b(9, "Pr. enhed: Vækstpiloter"),
            b(12, "Andel af støtteberettigede udgifter"),
            b(13, "Pr. enhed: Vækstpiloter"),
            b(14, "Restfinansiering"),
        ] {
            assert!(xml.contains(&cell), "{cell} missing from\n{xml}");
        }
    }

    /// QA D5: parts shown rounded by the spreadsheet need not add up to the total shown;
    /// each scenario sheet says so under its title, in the workbook's language.
    #[test]
    fn each_sheet_says_its_figures_are_shown_rounded() {
        let s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
        let e = evaluate(&s).unwrap();
        for (lang, start) in [
            (Lang::Da, "Tallene vises afrundet (hele kroner"),
            (Lang::En, "Figures are shown rounded (whole kroner"),
        ] {
            let xml = scenario_sheet(&s, &e, &Layout::of(&s), lang);
            let cell = format!(
                r#"<row r="3"><c r="A3" s="0" t="inlineStr"><is><t xml:space="preserve">{start}"#
            );
            assert!(xml.contains(&cell), "{cell} missing from\n{xml}");
        }
    }

    #[test]
    fn counts_beyond_u32_stay_beyond_any_sheet_and_leave_room_to_add() {
        assert_eq!(count(0), 0);
        assert_eq!(count(1_048_576), 1_048_576);
        // A count that does not fit (never from a real scenario) is still more rows than a
        // sheet holds (1 048 576), and a layout adding three such counts does not overflow.
        let huge = count(usize::MAX);
        assert!(huge > 1_048_576, "{huge}");
        assert!(huge
            .checked_mul(3)
            .and_then(|x| x.checked_add(1_000))
            .is_some());
    }

    #[test]
    fn cached_differences() {
        let n = |v: i64| Cached::Number(Decimal::from(v));
        assert_eq!(n(5).minus(n(3)), n(2));
        assert_eq!(n(5).minus(Cached::Empty), Cached::Empty);
        assert_eq!(Cached::Unknown.minus(n(1)), Cached::Unknown);
        assert_eq!(Cached::Number(Decimal::MIN).minus(n(1)), Cached::Unknown);
    }

    fn sheet_xml(preset: &str) -> String {
        let s = Preset::find(preset).unwrap().scenario().unwrap();
        let e = evaluate(&s).unwrap();
        scenario_sheet(&s, &e, &Layout::of(&s), Lang::Da)
    }

    #[test]
    fn vaekstpilot_formulas_and_cached_values() {
        let xml = sheet_xml("vaekstpilot-150");
        // Years C4, pilots C5; costs in rows 8–9; sources in rows 12–14; results from 17.
        for cell in [
            r#"<c r="C4" s="4"><v>3</v></c>"#,
            r#"<c r="C5" s="4"><v>150</v></c>"#,
            r#"<c r="C8" s="5"><v>100000</v></c>"#,
            r#"<c r="D8" s="4"><v>1</v></c>"#,
            r#"<c r="E8" s="1"><f>C8*C5</f><v>15000000</v></c>"#,
            r#"<c r="C12" s="6"><v>0.5</v></c>"#,
            r#"<c r="D12" s="5"/>"#,
            r#"<c r="E12" s="1"><f>IF(D12=&quot;&quot;,C12*C18,MIN(C12*C18,D12))</f><v>10950000</v></c>"#,
            r#"<c r="F12" s="2"><f>IF(C17=0,&quot;&quot;,E12/C17)</f><v>0.5</v></c>"#,
            r#"<c r="E13" s="1"><f>C13*C5</f><v>7500000</v></c>"#,
            r#"<c r="E14" s="1"><f>MAX(0,IF(D14=&quot;&quot;,C17-SUM(E12:E13),MIN(C17-SUM(E12:E13),D14)))</f><v>3450000</v></c>"#,
            r#"<c r="C17" s="1"><f>SUM(E8:E9)</f><v>21900000</v></c>"#,
            r#"<c r="C18" s="1"><f>SUMIF(D8:D9,1,E8:E9)</f><v>21900000</v></c>"#,
            r#"<c r="C19" s="1"><f>SUM(E12:E14)</f><v>21900000</v></c>"#,
            r#"<c r="C20" s="1"><f>MAX(0,C17-C19)</f><v>0</v></c>"#,
            r#"<c r="D20" s="2"><f>IF(C17=0,&quot;&quot;,C20/C17)</f><v>0</v></c>"#,
            r#"<c r="C21" s="1"><f>MAX(0,C19-C17)</f><v>0</v></c>"#,
            r#"<c r="C22" s="1"><f>IF(C5=0,&quot;&quot;,C17/C5)</f><v>146000</v></c>"#,
        ] {
            assert!(xml.contains(cell), "{cell} missing from\n{xml}");
        }
    }

    #[test]
    fn design_society_has_no_drivers_and_a_fixed_and_per_year_line() {
        let xml = sheet_xml("design-society");
        assert!(xml.contains(r#"<f>C7*C4</f><v>15000000</v>"#), "{xml}");
        assert!(
            xml.contains(r#"<c r="E10" s="1"><f>C10</f><v>5000000</v>"#),
            "{xml}"
        );
    }

    #[test]
    fn residual_others_skip_the_residual_row() {
        let mut s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
        s.sources.rotate_right(1); // residual first
        let e = evaluate(&s).unwrap();
        let xml = scenario_sheet(&s, &e, &Layout::of(&s), Lang::Da);
        assert!(xml.contains("C17-SUM(E13:E14)"), "{xml}");
        s.sources.rotate_right(1); // residual in the middle
        let e = evaluate(&s).unwrap();
        let xml = scenario_sheet(&s, &e, &Layout::of(&s), Lang::Da);
        assert!(xml.contains("C17-SUM(E12,E14)"), "{xml}");
    }

    #[test]
    fn the_gap_has_its_share_of_total_cost_beside_it() {
        let mut s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
        s.sources.pop(); // no residual: 3.450.000 of 21.900.000 uncovered
        let e = evaluate(&s).unwrap();
        let xml = scenario_sheet(&s, &e, &Layout::of(&s), Lang::Da);
        // Sources in rows 12–13, results from 16, the gap in 19.
        assert!(
            xml.contains(
                r#"<c r="D19" s="2"><f>IF(C16=0,&quot;&quot;,C19/C16)</f><v>0.1575342465"#
            ),
            "{xml}"
        );
        // No cost lines (two rows fewer, the gap in 17): nothing to share, empty text as
        // the sources' shares have.
        s.costs.clear();
        let e = evaluate(&s).unwrap();
        let xml = scenario_sheet(&s, &e, &Layout::of(&s), Lang::Da);
        assert!(xml.contains(r#"<c r="D17" s="2" t="str">"#), "{xml}");
    }

    #[test]
    fn zero_driver_caches_empty_text() {
        let mut s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
        s.drivers[0].value = Decimal::ZERO;
        let e = evaluate(&s).unwrap();
        let xml = scenario_sheet(&s, &e, &Layout::of(&s), Lang::Da);
        assert!(
            xml.contains(
                r#"<c r="C22" s="1" t="str"><f>IF(C5=0,&quot;&quot;,C17/C5)</f><v></v></c>"#
            ),
            "{xml}"
        );
        assert!(
            xml.contains(
                r#"<c r="F12" s="2" t="str"><f>IF(C17=0,&quot;&quot;,E12/C17)</f><v></v></c>"#
            ),
            "{xml}"
        );
    }
}
