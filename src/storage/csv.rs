//! Results as CSV, for spreadsheets.
//!
//! The files are written for Excel first, since that is what the users have:
//!
//! * **Danish** ([`Lang::Da`]): `;` between fields and `,` as decimal mark, which is what
//!   Danish Excel expects when a `.csv` file is opened by double-click; **English**: `,`
//!   and `.`. Numbers have no thousands separators (Excel would read them as text or,
//!   worse, as a different number), and a minus is the ASCII `-`.
//! * Amounts are **exact**: the model's value, trailing zeros trimmed, never rounded
//!   (`34,246575342465753424657534247`). Spreadsheets round for display themselves.
//! * The text starts with a UTF-8 byte order mark, without which Excel reads `æøå` as
//!   Windows-1252, and lines end in CRLF (RFC 4180).
//! * Text fields are quoted per RFC 4180 when they contain `;`, `,`, `"` or a line break
//!   (quotes doubled). A label starting with `=`, `+`, `-`, `@` or a tab/CR gets a leading
//!   `'` so that a spreadsheet shows it instead of running it as a formula: labels come
//!   from share links, that is, from strangers ("CSV injection").

use rust_decimal::Decimal;

use crate::model::{Evaluation, Scenario, SweepRow};
use crate::numbers::Lang;

/// The byte order mark every CSV starts with.
pub const BOM: &str = "\u{FEFF}";
/// The MIME type to download the CSV text with.
pub const CSV_MIME: &str = "text/csv;charset=utf-8";

/// Item, amount and share of total cost, one row per figure: total cost, eligible cost,
/// each source (with its share), funded, gap, surplus, and the cost per unit of each
/// driver. A share or cost per unit that does not exist (zero total cost, zero driver
/// value) is an empty field.
///
/// `e` should be the evaluation of `s`; if the two do not match in length, the rows
/// present in both are written.
pub fn results_csv(s: &Scenario, e: &Evaluation, lang: Lang) -> String {
    let da = lang == Lang::Da;
    let t = |danish: &'static str, english: &'static str| if da { danish } else { english };
    let mut out = Csv::new(lang);
    out.row([
        Cell::Text(t("Post", "Item")),
        Cell::Text(t("Beløb (kr.)", "Amount (DKK)")),
        Cell::Text(t(
            "Andel af samlede udgifter (%)",
            "Share of total cost (%)",
        )),
    ]);
    let figure = |out: &mut Csv, label: &str, amount: Decimal| {
        out.row([Cell::Text(label), Cell::Number(Some(amount)), Cell::Empty]);
    };
    figure(&mut out, t("Samlede udgifter", "Total cost"), e.total_cost);
    figure(
        &mut out,
        t("Støtteberettigede udgifter", "Eligible cost"),
        e.eligible_cost,
    );
    for (src, r) in s.sources.iter().zip(&e.sources) {
        out.row([
            Cell::Text(label_or_id(&src.label, &src.id)),
            Cell::Number(Some(r.amount)),
            Cell::Number(r.share),
        ]);
    }
    figure(&mut out, t("Finansieret i alt", "Funded"), e.funded);
    figure(&mut out, t("Manglende finansiering", "Gap"), e.gap);
    figure(&mut out, t("Overfinansiering", "Surplus"), e.surplus);
    for (d, per_unit) in s.drivers.iter().zip(&e.per_unit) {
        let label = label_or_id(&d.label, &d.id);
        let label = if da {
            format!("Udgift pr. enhed ({label})")
        } else {
            format!("Cost per unit ({label})")
        };
        out.row([Cell::Text(&label), Cell::Number(*per_unit), Cell::Empty]);
    }
    out.finish()
}

/// One row per point of a sweep over `driver`: the driver's value, total cost, each
/// source's amount (in the scenario's order), gap and surplus. The header names the
/// driver and the sources by their labels.
///
/// A row with fewer source amounts than the scenario has sources gets empty fields for
/// the missing ones; amounts beyond the scenario's sources are left out.
pub fn sweep_csv(s: &Scenario, driver: &str, rows: &[SweepRow], lang: Lang) -> String {
    let da = lang == Lang::Da;
    let amount = |label: &str| {
        if da {
            format!("{label} (kr.)")
        } else {
            format!("{label} (DKK)")
        }
    };
    let driver_label = s
        .driver(driver)
        .map_or(driver, |d| label_or_id(&d.label, &d.id));
    let mut header = vec![
        driver_label.to_string(),
        amount(if da { "Samlede udgifter" } else { "Total cost" }),
    ];
    header.extend(
        s.sources
            .iter()
            .map(|src| amount(label_or_id(&src.label, &src.id))),
    );
    header.push(amount(if da { "Manglende finansiering" } else { "Gap" }));
    header.push(amount(if da { "Overfinansiering" } else { "Surplus" }));

    let mut out = Csv::new(lang);
    out.row(header.iter().map(|h| Cell::Text(h)));
    for row in rows {
        let sources = (0..s.sources.len()).map(|i| Cell::Number(row.sources.get(i).copied()));
        out.row(
            [
                Cell::Number(Some(row.value)),
                Cell::Number(Some(row.total_cost)),
            ]
            .into_iter()
            .chain(sources)
            .chain([Cell::Number(Some(row.gap)), Cell::Number(Some(row.surplus))]),
        );
    }
    out.finish()
}

fn label_or_id<'a>(label: &'a str, id: &'a str) -> &'a str {
    if label.trim().is_empty() {
        id
    } else {
        label
    }
}

enum Cell<'a> {
    Text(&'a str),
    Number(Option<Decimal>),
    Empty,
}

struct Csv {
    out: String,
    lang: Lang,
}

impl Csv {
    fn new(lang: Lang) -> Self {
        Csv {
            out: BOM.to_string(),
            lang,
        }
    }

    fn separator(&self) -> char {
        match self.lang {
            Lang::Da => ';',
            Lang::En => ',',
        }
    }

    fn row<'a>(&mut self, cells: impl IntoIterator<Item = Cell<'a>>) {
        let sep = self.separator();
        for (i, cell) in cells.into_iter().enumerate() {
            if i > 0 {
                self.out.push(sep);
            }
            match cell {
                Cell::Text(text) => push_text(&mut self.out, text),
                Cell::Number(Some(value)) => push_number(&mut self.out, value, self.lang),
                Cell::Number(None) | Cell::Empty => {}
            }
        }
        self.out.push_str("\r\n");
    }

    fn finish(self) -> String {
        self.out
    }
}

/// The exact value, trailing zeros trimmed, no grouping, the language's decimal mark.
fn push_number(out: &mut String, value: Decimal, lang: Lang) {
    // `Decimal`'s `Display` writes plain digits (never an exponent) with `.` and `-`;
    // `normalize` trims trailing zeros and turns −0 into 0.
    let text = value.normalize().to_string();
    match lang {
        Lang::Da => out.push_str(&text.replace('.', ",")),
        Lang::En => out.push_str(&text),
    }
}

/// A text field, defused against formulas and quoted if it must be.
fn push_text(out: &mut String, text: &str) {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    let quote = text.contains([';', ',', '"', '\r', '\n']);
    if quote {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for c in text.chars() {
        if c == '"' {
            out.push('"');
        }
        out.push(c);
    }
    if quote {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(t: &str) -> String {
        let mut out = String::new();
        push_text(&mut out, t);
        out
    }

    #[test]
    fn quoting_and_formula_guard() {
        assert_eq!(text("DEB"), "DEB");
        assert_eq!(text("Vækst; pilot"), "\"Vækst; pilot\"");
        assert_eq!(text("a,b"), "\"a,b\"");
        assert_eq!(text("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(text("two\nlines"), "\"two\nlines\"");
        assert_eq!(text("=1+2"), "'=1+2");
        assert_eq!(text("=SUM(A1,A2)"), "\"'=SUM(A1,A2)\"");
        assert_eq!(text("-rest"), "'-rest");
        assert_eq!(text("@x"), "'@x");
        assert_eq!(text(""), "");
    }

    #[test]
    fn numbers_are_exact_and_trimmed() {
        let n = |v: Decimal, lang| {
            let mut out = String::new();
            push_number(&mut out, v, lang);
            out
        };
        assert_eq!(n(Decimal::new(1_250_050, 2), Lang::Da), "12500,5");
        assert_eq!(n(Decimal::new(1_250_050, 2), Lang::En), "12500.5");
        assert_eq!(n(Decimal::new(21_900_000, 0), Lang::Da), "21900000");
        assert_eq!(n(Decimal::new(-5, 1), Lang::Da), "-0,5");
        assert_eq!(n(Decimal::new(-0, 3), Lang::En), "0");
        assert_eq!(n(Decimal::new(10_000, 2), Lang::Da), "100");
        assert_eq!(n(Decimal::MAX, Lang::Da), "79228162514264337593543950335");
        assert_eq!(
            n(Decimal::from_parts(1, 0, 0, false, 28), Lang::Da),
            "0,0000000000000000000000000001"
        );
    }
}
