//! Results as CSV, for spreadsheets.
//!
//! The files are written for Excel first, since that is what the users have:
//!
//! * **Danish** ([`Lang::Da`]): `;` between fields and `,` as decimal mark, which is what
//!   Danish Excel expects when a `.csv` file is opened by double-click; **English**: `,`
//!   and `.`. Numbers have no thousands separators (Excel would read them as text or,
//!   worse, as a different number), and a minus is the ASCII `-`.
//! * Amounts are **exact**: the model's value, trailing zeros trimmed, never rounded
//!   (`34,246575342465753424657534247`). Spreadsheets round for display themselves. In a
//!   sweep, whose columns each hold one kind of figure, every value of a column has the
//!   same number of decimals, the fewest that show all of them exactly (`150,00`,
//!   `150,25`, `150,50`), so that the column lines up where it is read as text.
//! * The text starts with a UTF-8 byte order mark, without which Excel reads `æøå` as
//!   Windows-1252, and lines end in CRLF (RFC 4180).
//! * Text fields are quoted per RFC 4180 when they contain `;`, `,`, `"` or a line break
//!   (quotes doubled). A label starting with `=`, `+`, `-`, `@` or a tab/CR gets a leading
//!   `'` so that a spreadsheet shows it instead of running it as a formula: labels come
//!   from share links, that is, from strangers ("CSV injection").
//!
//! The command line's `sweep` prints the same table in a plain dialect for scripts
//! ([`sweep_csv_plain`]): ids as column names, `,` and `.`, LF line ends, no byte order
//! mark; numbers and quoting as above.

use rust_decimal::Decimal;

use crate::model::{cost_per_unit, share_of_total, Evaluation, Scenario, SweepRow};
use crate::numbers::Lang;
use crate::text::label_or_id;

/// The byte order mark every CSV starts with.
pub const BOM: &str = "\u{FEFF}";
/// The MIME type to download the CSV text with.
pub const CSV_MIME: &str = "text/csv;charset=utf-8";

/// Item, amount and share of total cost, one row per figure: total cost, eligible cost,
/// each source, funded, gap and surplus (these with their shares), and the cost per unit
/// of each driver. A share or cost per unit that does not exist (zero total cost, zero driver
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
    // Funded, gap and surplus with their shares of total cost, as the sources': every row
    // of the funding side has one (funded 105 % says the surplus is 5 %; a gap of 0 is 0 %).
    for (label, amount) in [
        (t("Finansieret i alt", "Funded"), e.funded),
        (t("Manglende finansiering", "Gap"), e.gap),
        (t("Overfinansiering", "Surplus"), e.surplus),
    ] {
        out.row([
            Cell::Text(label),
            Cell::Number(Some(amount)),
            Cell::Number(share_of_total(amount, e.total_cost)),
        ]);
    }
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
    header.push(amount(if da {
        "Udgift pr. enhed"
    } else {
        "Cost per unit"
    }));

    let mut out = Csv::new(lang);
    out.row(header.iter().map(|h| Cell::Text(h)));
    out.sweep_rows(s, rows);
    out.finish()
}

/// The sweep as the command line prints it, for scripts: the same rows as [`sweep_csv`]
/// under a header of ids (`pilots,total_cost,deb,companies,local,gap,surplus,cost_per_unit`), with `,`
/// between fields, `.` as decimal mark, LF line ends and no byte order mark.
///
/// Ids are unique only within their list, so a driver or a source may share an id with a
/// fixed column (`gap`), or a source with the driver. A column name must say which column
/// it is, so such an id is written with its list: `driver:gap`, `source:pilots`; a source
/// whose id would still repeat a column (`source:gap` beside `gap`) is named by its place
/// in the file, `sources[1]`.
pub fn sweep_csv_plain(s: &Scenario, driver: &str, rows: &[SweepRow]) -> String {
    const FIXED: [&str; 4] = ["total_cost", "gap", "surplus", "cost_per_unit"];
    let driver_column = if FIXED.contains(&driver) {
        format!("driver:{driver}")
    } else {
        driver.to_string()
    };
    let mut taken: Vec<&str> = FIXED.to_vec();
    taken.push(&driver_column);
    let mut source_columns: Vec<String> = Vec::with_capacity(s.sources.len());
    for (i, src) in s.sources.iter().enumerate() {
        let name = if FIXED.contains(&src.id.as_str()) || src.id == driver {
            format!("source:{}", src.id)
        } else {
            src.id.clone()
        };
        // An id that itself looks like a qualified name (`source:gap` beside `gap`) would
        // still repeat one; its place in the file is unique.
        let clashes = taken.contains(&name.as_str()) || source_columns.contains(&name);
        source_columns.push(if clashes {
            format!("sources[{i}]")
        } else {
            name
        });
    }
    let mut out = Csv::plain();
    out.row(
        [driver_column.as_str(), "total_cost"]
            .into_iter()
            .chain(source_columns.iter().map(String::as_str))
            .chain(["gap", "surplus", "cost_per_unit"])
            .map(Cell::Text),
    );
    out.sweep_rows(s, rows);
    out.finish()
}

/// The fewest decimals that show every value of a column exactly.
fn column_decimals(column: impl IntoIterator<Item = Decimal>) -> u32 {
    column
        .into_iter()
        .map(|value| value.normalize().scale())
        .max()
        .unwrap_or(0)
}

enum Cell<'a> {
    Text(&'a str),
    /// An exact number, trailing zeros trimmed.
    Number(Option<Decimal>),
    /// An exact number with at least this many decimals, so that a column lines up.
    Padded(Option<Decimal>, u32),
    Empty,
}

struct Csv {
    out: String,
    lang: Lang,
    line_end: &'static str,
}

impl Csv {
    /// For spreadsheets: the language's separators, a byte order mark, CRLF.
    fn new(lang: Lang) -> Self {
        Csv {
            out: BOM.to_string(),
            lang,
            line_end: "\r\n",
        }
    }

    /// For scripts: `,` and `.`, no byte order mark, LF.
    fn plain() -> Self {
        Csv {
            out: String::new(),
            lang: Lang::En,
            line_end: "\n",
        }
    }

    /// A sweep's rows: the driver's value, total cost, each of the scenario's sources
    /// (empty where a row has no amount), gap and surplus, each column with one number of
    /// decimals; then the cost per unit of the swept driver (as the sweep chart draws it),
    /// empty at zero units. That last column is not padded: one value that does not
    /// divide evenly has 28 digits, and would pad every other row to them.
    fn sweep_rows(&mut self, s: &Scenario, rows: &[SweepRow]) {
        let table: Vec<Vec<Option<Decimal>>> = rows
            .iter()
            .map(|row| {
                [Some(row.value), Some(row.total_cost)]
                    .into_iter()
                    .chain((0..s.sources.len()).map(|i| row.sources.get(i).copied()))
                    .chain([Some(row.gap), Some(row.surplus)])
                    .collect()
            })
            .collect();
        let columns = s.sources.len() + 4;
        let decimals: Vec<u32> = (0..columns)
            .map(|c| column_decimals(table.iter().filter_map(|row| row[c])))
            .collect();
        for (row, sweep) in table.iter().zip(rows) {
            let per_unit = cost_per_unit(sweep.total_cost, sweep.value);
            self.row(
                row.iter()
                    .zip(&decimals)
                    .map(|(value, &decimals)| Cell::Padded(*value, decimals))
                    .chain([Cell::Number(per_unit)]),
            );
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
                Cell::Number(Some(value)) => push_number(&mut self.out, value, 0, self.lang),
                Cell::Padded(Some(value), decimals) => {
                    push_number(&mut self.out, value, decimals, self.lang)
                }
                Cell::Number(None) | Cell::Padded(None, _) | Cell::Empty => {}
            }
        }
        self.out.push_str(self.line_end);
    }

    fn finish(self) -> String {
        self.out
    }
}

/// The exact value, trailing zeros trimmed down to `min_decimals` decimals, no grouping,
/// the language's decimal mark.
fn push_number(out: &mut String, value: Decimal, min_decimals: u32, lang: Lang) {
    // `Decimal`'s `Display` writes plain digits (never an exponent) with `.` and `-`;
    // `normalize` trims trailing zeros and turns −0 into 0. Zeros are padded as text:
    // `rescale` could overflow the mantissa of a value near `Decimal::MAX`.
    let text = value.normalize().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    out.push_str(whole);
    let zeros = (min_decimals as usize).saturating_sub(fraction.len());
    if fraction.len() + zeros > 0 {
        out.push(lang.decimal_mark());
        out.push_str(fraction);
        out.extend(std::iter::repeat_n('0', zeros));
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
            push_number(&mut out, v, 0, lang);
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

    #[test]
    fn padded_numbers_keep_every_digit() {
        let n = |v: Decimal, decimals, lang| {
            let mut out = String::new();
            push_number(&mut out, v, decimals, lang);
            out
        };
        assert_eq!(n(Decimal::new(150, 0), 2, Lang::En), "150.00");
        assert_eq!(n(Decimal::new(15_100, 2), 2, Lang::Da), "151,00");
        assert_eq!(n(Decimal::new(-5, 1), 3, Lang::En), "-0.500");
        assert_eq!(n(Decimal::new(12_345, 3), 1, Lang::En), "12.345");
        assert_eq!(
            n(Decimal::MAX, 2, Lang::En),
            "79228162514264337593543950335.00"
        );
        assert_eq!(
            column_decimals([
                Decimal::new(150, 0),
                Decimal::new(15_025, 2),
                Decimal::new(15_100, 2)
            ]),
            2
        );
        assert_eq!(column_decimals([]), 0);
    }

    #[test]
    fn sweep_columns_line_up_in_both_dialects() {
        let s = crate::presets::Preset::find("vaekstpilot-150")
            .and_then(|p| p.scenario().ok())
            .expect("preset");
        let rows = crate::model::sweep(
            &s,
            "pilots",
            Decimal::from(150),
            Decimal::new(15_050, 2),
            Decimal::new(25, 2),
        )
        .expect("sweeps");
        assert_eq!(
            sweep_csv_plain(&s, "pilots", &rows),
            "pilots,total_cost,deb,companies,local,gap,surplus,cost_per_unit\n\
             150.00,21900000,10950000,7500000,3450000,0,0,146000\n\
             150.25,21936500,10968250,7512500,3455750,0,0,146000\n\
             150.50,21973000,10986500,7525000,3461500,0,0,146000\n"
        );
        // Ids that would repeat a column name say which list they are from.
        let mut clash = s.clone();
        clash.sources[0].id = "gap".into();
        clash.sources[1].id = "pilots".into();
        let header = sweep_csv_plain(&clash, "pilots", &rows);
        assert!(
            header.starts_with(
                "pilots,total_cost,source:gap,source:pilots,local,gap,surplus,cost_per_unit\n"
            ),
            "{header}"
        );
        // An id written as a qualified name cannot repeat the one made for another.
        let mut clash = s.clone();
        clash.sources[0].id = "gap".into();
        clash.sources[1].id = "source:gap".into();
        clash.sources[2].id = "driver:gap".into();
        let header = sweep_csv_plain(&clash, "gap", &rows);
        assert!(
            header.starts_with(
                "driver:gap,total_cost,source:gap,sources[1],sources[2],gap,surplus,cost_per_unit\n"
            ),
            "{header}"
        );
        let mut clash = s.clone();
        clash.drivers[0].id = "total_cost".into();
        let header = sweep_csv_plain(&clash, "total_cost", &rows);
        assert!(
            header.starts_with("driver:total_cost,total_cost,deb,"),
            "{header}"
        );
        let da = sweep_csv(&s, "pilots", &rows, Lang::Da);
        assert!(
            da.ends_with(
                "\r\n150,00;21900000;10950000;7500000;3450000;0;0;146000\r\n\
                          150,25;21936500;10968250;7512500;3455750;0;0;146000\r\n\
                          150,50;21973000;10986500;7525000;3461500;0;0;146000\r\n"
            ),
            "{da}"
        );
    }

    #[test]
    fn sweep_cost_per_unit_is_exact_and_not_padded() {
        let mut s = crate::presets::Preset::find("vaekstpilot-150")
            .and_then(|p| p.scenario().ok())
            .expect("preset");
        // A fixed line: the cost per pilot now falls as pilots are added.
        s.costs[1].kind = crate::model::CostKind::Fixed;
        s.sources[0].id = "cost_per_unit".into();
        let rows = crate::model::sweep(&s, "pilots", Decimal::ZERO, Decimal::from(3), Decimal::ONE)
            .expect("sweeps");
        let csv = sweep_csv_plain(&s, "pilots", &rows);
        let lines: Vec<&str> = csv.lines().collect();
        assert!(
            lines[0].starts_with("pilots,total_cost,source:cost_per_unit,")
                && lines[0].ends_with(",surplus,cost_per_unit"),
            "{csv}"
        );
        let per_unit = |line: &str| line.rsplit(',').next().unwrap_or("").to_string();
        let total = |line: &str| {
            line.split(",")
                .nth(1)
                .and_then(|t| t.parse::<Decimal>().ok())
        };
        assert_eq!(per_unit(lines[1]), "", "no cost per unit at zero pilots");
        for (line, pilots) in lines[2..].iter().zip(1..) {
            let want = total(line)
                .and_then(|t| t.checked_div(Decimal::from(pilots)))
                .map(|d| d.normalize().to_string());
            assert_eq!(Some(per_unit(line)), want, "{csv}");
        }
        // 3 pilots divide unevenly: all of the division's digits, and the other rows
        // are not padded to them.
        assert!(per_unit(lines[4]).len() > 20, "{csv}");
        assert!(!per_unit(lines[2]).contains('.'), "{csv}");
    }
}
