//! Scenarios as columns, with each figure's difference from the baseline.
//!
//! Rows are the period and every driver's count (what a board member changes between
//! scenarios, in the order the workbook's comparison sheet has them), then the total cost,
//! the eligible cost, every funding source, the funding, the balance and the cost per unit
//! of every driver. Sources and drivers are matched across
//! scenarios by id, then by label (`cofund::matching`, which the workbook's comparison sheet
//! uses too), so a renamed id or a relabelled source still lines up; one missing in a
//! scenario shows "—".
//!
//! Every figure is the one the results panel shows (whole kroner, apportioned by
//! [`shown`]), and differences are taken between displayed figures, so a reader with a
//! pencil gets the same differences from the table itself.
//!
//! The same section is the print handout: on A4 landscape (a named page, `board`, in
//! styles/board.css) with the date and, per scenario, its stacked bar and assumptions.
//!
//! A scenario whose figures are not current (a field under Rediger cannot be read) says so
//! above the table, in its column's header and over its handout block.

use std::rc::Rc;

use cofund::explain::{explain, per_unit_title, Subject};
use cofund::matching::{match_drivers, match_sources, visiting_order};
use cofund::numbers::{
    apportion, format_amount, format_exact_amount, format_percent, format_plain,
    format_signed_amount, format_signed_plain, Lang,
};
use cofund::text::full_stop;
use cofund::Decimal;
use yew::prelude::*;

use super::stale::StaleNote;
use super::Column;
use crate::editor::draft::legend_name;
use crate::i18n::{board_texts, scenario_name, BoardTexts};
use crate::ui::assumptions::Assumptions;
use crate::ui::balance::Balance;
use crate::ui::bar::{BarParts, StackedBar};
use crate::ui::explain_panel::{
    use_chosen_figure, use_explanation_shown, ChosenFigure, ExplainPanel, PANEL_ID,
};
use crate::ui::print_date::PrintDate;
use crate::ui::results::deb_note;
use crate::ui::reveal_focused_figure;
use cofund::shown::{shown, Shown};

const HEADING_ID: &str = "cofund-compare-heading";
const CAPTION_ID: &str = "cofund-compare-caption";

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub columns: Rc<Vec<Column>>,
    pub baseline: usize,
    pub lang: Lang,
    /// Whether to show each scenario's stacked bar and (in print) its assumptions below
    /// the table. The presentation view shows only the table.
    #[prop_or(true)]
    pub handout: bool,
}

/// What one row shows in one column.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// An amount in displayed (whole) kroner.
    Amount(Decimal),
    /// Cost per unit in whole kroner; `None` when the number of units is 0.
    PerUnit(Option<Decimal>),
    Balance(Balance),
    /// A number that is not an amount, exactly as entered: the period in years, a count of
    /// units. Not a result, so it has no explanation.
    Count(Decimal),
}

impl Value {
    /// The number differences are taken of: for the balance, funding minus cost.
    fn number(&self) -> Option<Decimal> {
        match self {
            Value::Amount(v) | Value::Count(v) => Some(*v),
            Value::PerUnit(v) => *v,
            Value::Balance(Balance::Gap(v)) => Some(Decimal::ZERO - *v),
            Value::Balance(Balance::Surplus(v)) => Some(*v),
            Value::Balance(Balance::Funded | Balance::Nothing) => Some(Decimal::ZERO),
        }
    }

    fn text(&self, lang: Lang) -> String {
        match self {
            Value::Amount(v) | Value::PerUnit(Some(v)) => format_amount(*v, lang),
            Value::PerUnit(None) => board_texts(lang).per_unit_undefined.to_string(),
            Value::Balance(b) => b.words_amount_unbroken(lang),
            Value::Count(v) => format_plain(*v, lang),
        }
    }

    /// A difference `d` from the baseline in this figure's unit, with its sign:
    /// `+5.475.000 kr.` for amounts, `+75` for counts.
    fn signed(&self, d: Decimal, lang: Lang) -> String {
        match self {
            Value::Count(_) => format_signed_plain(d, lang),
            // A surplus the tables round away (under 1 kr.) is said with its øre
            // (`Balance::of`), and so is its difference: "+0,40 kr.", not "0 kr." beside
            // "Overfinansiering: 0,40 kr.".
            _ if !d.is_zero() && d.abs() < Decimal::ONE => {
                let text = format_exact_amount(d, lang);
                if d > Decimal::ZERO {
                    format!("+{text}")
                } else {
                    text
                }
            }
            _ => format_signed_amount(d, lang),
        }
    }
}

/// A difference from the baseline: in kroner, and in per cent of the baseline's figure
/// (`None` when that is 0).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Diff {
    pub amount: Decimal,
    pub percent: Option<Decimal>,
}

/// `value − base`, and that in per cent of |base|; `None` when either has no number.
pub fn diff(value: &Value, base: &Value) -> Option<Diff> {
    let (v, b) = (value.number()?, base.number()?);
    let amount = v.checked_sub(b)?;
    let percent = if b.is_zero() {
        None
    } else {
        amount
            .checked_div(b.abs())
            .and_then(|r| r.checked_mul(Decimal::ONE_HUNDRED))
    };
    Some(Diff { amount, percent })
}

/// A change in per cent with its sign, to 0,1: `+50,0 %`, `−3,2 %`, `0,0 %`.
pub fn format_signed_percent(value: Decimal, lang: Lang) -> String {
    let text = format_percent(value, 1, lang);
    let nonzero = text.chars().any(|c| ('1'..='9').contains(&c));
    if value > Decimal::ZERO && nonzero {
        format!("+{text}")
    } else {
        text
    }
}

/// One row of the comparison.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// Stable across renders and languages: `total`, `source:deb`, `per-unit:pilots`.
    pub key: String,
    pub label: String,
    /// One per column; `None` when the scenario has no such source or driver.
    pub values: Vec<Option<Value>>,
    /// What each column's figure is in its scenario, for its explanation
    /// (`cofund::explain`); `None` where the scenario has no such row.
    pub subjects: Vec<Option<Subject>>,
    /// A note under a column's figure: that the scenario counts on more than DEB gives
    /// there, as its results and presentation say (`results::deb_note`). Empty, or one per
    /// column.
    pub notes: Vec<Option<&'static str>>,
}

impl Row {
    /// A row every scenario has, with the same subject in each: the totals and the balance.
    fn everywhere(key: &str, label: &str, values: Vec<Option<Value>>, subject: Subject) -> Row {
        Row {
            key: key.into(),
            label: label.into(),
            subjects: vec![Some(subject); values.len()],
            values,
            notes: Vec::new(),
        }
    }
}

/// `prefix:id`, made unique among `used` with `-2`, `-3`, … if need be.
fn unique_key(prefix: &str, id: &str, used: &mut Vec<String>) -> String {
    let base = format!("{prefix}:{id}");
    let mut key = base.clone();
    let mut n = 2;
    while used.contains(&key) {
        key = format!("{base}-{n}");
        n += 1;
    }
    used.push(key.clone());
    key
}

/// The baseline as an index into `columns`, if it is one.
pub fn baseline_index(columns: &[Column], baseline: usize) -> Option<usize> {
    (baseline < columns.len()).then_some(baseline)
}

/// Every row of the comparison of `columns`.
pub fn rows(columns: &[Column], baseline: Option<usize>, lang: Lang) -> Vec<Row> {
    let t = board_texts(lang);
    let shown: Vec<Shown> = columns
        .iter()
        .map(|c| shown(&c.scenario, &c.evaluation))
        .collect();
    let order = visiting_order(columns.len(), baseline);
    let each = |f: &dyn Fn(&Shown) -> Decimal| -> Vec<Option<Value>> {
        shown.iter().map(|s| Some(Value::Amount(f(s)))).collect()
    };
    let mut used = Vec::new();
    let scenarios = || columns.iter().map(|c| &*c.scenario);
    let drivers = match_drivers(scenarios(), &order);
    let mut out = vec![Row {
        key: "years".into(),
        label: t.years_label.into(),
        values: columns
            .iter()
            .map(|c| Some(Value::Count(Decimal::from(c.scenario.years))))
            .collect(),
        subjects: vec![None; columns.len()],
        notes: Vec::new(),
    }];
    for m in &drivers {
        out.push(Row {
            key: unique_key("count", &m.ids[0], &mut used),
            // Named as the editor's legend names the unit.
            label: legend_name(&m.labels[0], t.new_driver).to_string(),
            values: m
                .at
                .iter()
                .zip(columns)
                .map(|(at, c)| Some(Value::Count(c.scenario.drivers.get((*at)?)?.value)))
                .collect(),
            subjects: vec![None; columns.len()],
            notes: Vec::new(),
        });
    }
    out.extend([
        Row::everywhere(
            "total",
            t.total_cost,
            each(&|s| s.total),
            Subject::TotalCost,
        ),
        Row::everywhere(
            "eligible",
            t.eligible_cost,
            each(&|s| s.eligible),
            Subject::EligibleCost,
        ),
    ]);

    for m in match_sources(scenarios(), &order) {
        out.push(Row {
            key: unique_key("source", &m.ids[0], &mut used),
            // A source without a name is named as its editor legend names it.
            label: legend_name(&m.labels[0], t.new_source).to_string(),
            values: m
                .at
                .iter()
                .zip(&shown)
                .map(|(at, s)| at.and_then(|i| s.sources.get(i).copied().map(Value::Amount)))
                .collect(),
            subjects: m.at.iter().map(|at| at.map(Subject::Source)).collect(),
            notes: m
                .at
                .iter()
                .zip(columns)
                .map(|(at, c)| {
                    let i = (*at)?;
                    deb_note(&c.evaluation, c.scenario.sources.get(i)?, i, lang)
                })
                .collect(),
        });
    }

    out.push(Row::everywhere(
        "funded",
        t.funded,
        each(&|s| s.funded),
        Subject::Funded,
    ));
    out.push(Row::everywhere(
        "balance",
        t.balance_row,
        columns
            .iter()
            .zip(&shown)
            .map(|(c, s)| Some(Value::Balance(Balance::of(&c.evaluation, s))))
            .collect(),
        Subject::Balance,
    ));

    for m in drivers {
        // Named as the results panel names it ("Udgift pr. vækstpilot"), from the first
        // scenario (in visiting order) that has the driver.
        let label = order
            .iter()
            .find_map(|&c| {
                let i = m.at[c]?;
                let col = &columns[c];
                // The explanation's own title, without building the explanation.
                Some(per_unit_title(&col.scenario, i, lang).unwrap_or_else(|| {
                    format!("{} ({})", t.cost_per_unit_of, col.scenario.drivers[i].label)
                }))
            })
            .unwrap_or_default();
        out.push(Row {
            key: unique_key("per-unit", &m.ids[0], &mut used),
            label,
            values: m
                .at
                .iter()
                .zip(columns)
                .map(|(at, c)| {
                    at.and_then(|i| c.evaluation.per_unit.get(i)).map(|v| {
                        Value::PerUnit(v.map(|v| apportion(&[v], 0).first().copied().unwrap_or(v)))
                    })
                })
                .collect(),
            subjects: m.at.iter().map(|at| at.map(Subject::PerUnit)).collect(),
            notes: Vec::new(),
        });
    }
    out
}

/// The explanation of the figure in row `key`, column `col`: the core's explanation of it
/// in its own scenario (as the results panel gives it), titled with the scenario's name,
/// and, beside a baseline, how the difference under it was taken. `None` when the cell has
/// no figure.
pub fn explanation(table: &Table, key: &str, col: usize) -> Option<cofund::explain::Explanation> {
    let row = table.rows.iter().find(|r| r.key == key)?;
    let subject = (*row.subjects.get(col)?)?;
    let column = table.columns.get(col)?;
    let lang = table.lang;
    let s = shown(&column.scenario, &column.evaluation);
    let mut x = explain(&column.scenario, &column.evaluation, &s, subject, lang)?;
    x.title = format!("{} – {}", x.title, table.names.get(col)?);
    let base = table.base.filter(|&b| b != col);
    let base_value = base.and_then(|b| row.values.get(b)?.as_ref());
    if let (Some(value), Some(base_value)) =
        (row.values.get(col).and_then(Option::as_ref), base_value)
    {
        if let Some(note) = difference_note(value, base_value, lang) {
            x.notes.push(note);
            // The balance's figures are signed (a gap below zero), which its words are not.
            if matches!(value, Value::Balance(_)) {
                x.notes.push(board_texts(lang).balance_note.to_string());
            }
        }
    }
    Some(x)
}

/// How the difference under `value` was taken from the baseline's `base`, in the figures
/// the table shows: "Forskel fra basis: 16.425.000 kr. − 10.950.000 kr. = +5.475.000 kr.
/// (+50,0 %)." A negative figure taken away is bracketed. `None` when either has no number,
/// and for 0 − 0 (two fully funded balances), which says nothing.
fn difference_note(value: &Value, base: &Value, lang: Lang) -> Option<String> {
    let (v, b, d) = (value.number()?, base.number()?, diff(value, base)?);
    if v.is_zero() && b.is_zero() {
        return None;
    }
    let subtracted = if b < Decimal::ZERO {
        format!("({})", format_amount(b, lang))
    } else {
        format_amount(b, lang)
    };
    let mut words = format!(
        "{} {} − {subtracted} = {}",
        board_texts(lang).diff_from_baseline,
        format_amount(v, lang),
        format_signed_amount(d.amount, lang)
    );
    if let Some(p) = d.percent {
        words.push_str(&format!(" ({})", format_signed_percent(p, lang)));
    }
    Some(full_stop(words))
}

/// The split of one scenario for its stacked bar, as the results panel builds it.
pub fn bar_parts(column: &Column, shown: &Shown, t: &BoardTexts) -> BarParts {
    BarParts::of(
        &column.scenario,
        &column.evaluation,
        shown,
        t.gap,
        t.new_source,
    )
}

/// A scenario's name as shown: the blank-name text when it has none.
pub fn display_name(column: &Column, t: &BoardTexts) -> String {
    scenario_name(&column.name, t).to_string()
}

/// A text for screen readers only.
fn hidden(text: String) -> Html {
    html! { <span class="cofund-visually-hidden">{ text }</span> }
}

/// "—", read out as `words`.
fn dash(words: &str) -> Html {
    html! { <><span aria-hidden="true">{ "—" }</span>{ hidden(words.to_string()) }</> }
}

/// Why a present `value` has no difference from the baseline: its own figure is no number
/// (the cost per unit of 0 units), or else the baseline has no such row or no number in it.
fn no_difference_reason(value: &Value, t: &BoardTexts) -> &'static str {
    if value.number().is_none() {
        t.no_own_value
    } else {
        t.no_baseline_value
    }
}

/// The figure buttons of the table on screen: which one's explanation is open, and what
/// choosing one does. The printed parts have none.
struct Figures {
    open: Option<(String, usize)>,
    pick: Callback<(String, usize)>,
}

/// The DOM id of the figure button of row `key` in column `col`.
fn figure_id(key: &str, col: usize) -> String {
    format!("cofund-cmp-{key}-{col}")
}

/// The DOM ids of the on-screen table's row and column headers, which describe each figure
/// button: tabbing from figure to figure, a screen reader says "16.425.000 kr., DEB,
/// Nordjysk … 225 vækstpiloter" rather than the amount alone.
fn row_head_id(key: &str) -> String {
    format!("cofund-cmp-row-{key}")
}

fn column_head_id(col: usize) -> String {
    format!("cofund-cmp-col-{col}")
}

fn cell(
    row: &Row,
    col: usize,
    base: Option<usize>,
    stale: bool,
    figures: Option<&Figures>,
    lang: Lang,
) -> Html {
    let t = board_texts(lang);
    let value = row.values.get(col).cloned().flatten();
    let base_value = base.and_then(|b| row.values.get(b).cloned().flatten());
    let Some(value) = value else {
        return html! {
            <td class={classes!("cofund-num", "cofund-board-missing", stale.then_some("cofund-board-stale"))}
                data-col={col.to_string()}>{ dash(t.not_in_scenario) }</td>
        };
    };
    // Words ("Manglende finansiering 6.000.000 kr.", "ikke defineret (antallet er 0)") may
    // wrap in their column; a lone amount keeps its line.
    let class = match &value {
        Value::Balance(b) => classes!(
            "cofund-board-balance",
            b.class("cofund-board-balance"),
            "cofund-board-words"
        ),
        Value::PerUnit(None) => classes!("cofund-board-value", "cofund-board-words"),
        _ => classes!("cofund-board-value"),
    };
    let difference = match base {
        Some(b) if b != col => {
            let d = base_value.as_ref().and_then(|bv| diff(&value, bv));
            let parts = match d {
                Some(Diff {
                    amount,
                    percent: Some(p),
                }) => html! { <>
                    <span class="cofund-board-diff-amount" data-diff="amount">{ value.signed(amount, lang) }</span>
                    { " " }
                    <span class="cofund-board-diff-percent">{ "(" }<span data-diff="percent">{ format_signed_percent(p, lang) }</span>{ ")" }</span>
                </> },
                // The baseline's figure is 0 (a fully financed balance, mostly): a change in
                // per cent of nothing has no meaning, and "0 kr. (—)" read as a riddle. The
                // kroner say it all.
                Some(Diff {
                    amount,
                    percent: None,
                }) => html! {
                    <span class="cofund-board-diff-amount" data-diff="amount">{ value.signed(amount, lang) }</span>
                },
                None => html! {
                    <span class="cofund-board-diff-amount" data-diff="amount">{ dash(no_difference_reason(&value, t)) }</span>
                },
            };
            html! {
                <span class="cofund-board-diff">
                    { hidden(format!("{} ", t.diff_from_baseline)) }
                    { parts }
                </span>
            }
        }
        _ => html! {},
    };
    let note = row.notes.get(col).copied().flatten();
    let figure = match figures {
        Some(figures) if row.subjects.get(col).copied().flatten().is_some() => {
            let me = (row.key.clone(), col);
            let expanded = figures.open.as_ref() == Some(&me);
            let pick = figures.pick.reform(move |_: MouseEvent| me.clone());
            html! {
                <button type="button" id={figure_id(&row.key, col)} class={classes!("cofund-figure", class)} data-value=""
                        aria-describedby={format!("{} {}", row_head_id(&row.key), column_head_id(col))}
                        aria-expanded={if expanded { "true" } else { "false" }} aria-controls={PANEL_ID} onclick={pick}>
                    { value.text(lang) }
                </button>
            }
        }
        _ => html! { <span class={class} data-value="">{ value.text(lang) }</span> },
    };
    html! {
        <td class={classes!("cofund-num", stale.then_some("cofund-board-stale"))} data-col={col.to_string()}>
            { figure }
            if let Some(note) = note {
                <span class="cofund-board-cell-note" data-note="">{ format!("({note})") }</span>
            }
            { difference }
        </td>
    }
}

/// How many scenarios a printed table holds at most: on A4 landscape, at a type size a
/// meeting can read, more would run off the paper (QA D2).
const PRINT_PART_COLUMNS: usize = 7;

/// The columns of each printed part of a comparison too wide for the paper, each part with
/// the baseline's column first, so that every figure has its baseline beside it; `None`
/// when the table fits as it is.
fn print_parts(count: usize, base: Option<usize>) -> Option<Vec<Vec<usize>>> {
    if count <= PRINT_PART_COLUMNS {
        return None;
    }
    let others: Vec<usize> = (0..count).filter(|&c| Some(c) != base).collect();
    let per_part = PRINT_PART_COLUMNS - usize::from(base.is_some());
    Some(
        others
            .chunks(per_part)
            .map(|chunk| base.into_iter().chain(chunk.iter().copied()).collect())
            .collect(),
    )
}

/// What every table of one comparison shares: the one on screen and its printed parts.
pub struct Table<'a> {
    rows: &'a [Row],
    names: &'a [String],
    columns: &'a [Column],
    base: Option<usize>,
    lang: Lang,
}

impl Table<'_> {
    /// The table of the columns `shown` (by index), under `caption`; its figures are
    /// buttons that explain them when `figures` is given.
    fn render(&self, shown: &[usize], caption: Html, figures: Option<&Figures>) -> Html {
        let t = board_texts(self.lang);
        let (base, lang) = (self.base, self.lang);
        let stale = |i: usize| !self.columns[i].current;
        let several = self.columns.len() > 1;
        html! {
            <table class="cofund-table cofund-board-table">
                { caption }
                <thead>
                    <tr>
                        <th scope="col">{ t.col_item }</th>
                        { for shown.iter().map(|&i| html! {
                            <th scope="col" class={classes!("cofund-num", (Some(i) == base).then_some("cofund-board-base"),
                                    stale(i).then_some("cofund-board-stale"))}
                                id={figures.map(|_| column_head_id(i))} data-col={i.to_string()}>
                                { &self.names[i] }
                                if Some(i) == base && several {
                                    { " " }<span class="cofund-board-base-mark">{ t.baseline_marker }</span>
                                }
                                if stale(i) {
                                    { " " }<span class="cofund-board-stale-mark">{ t.stale_mark }</span>
                                }
                            </th>
                        }) }
                    </tr>
                </thead>
                <tbody>
                    // A printed part leaves out the rows none of its scenarios has (a unit of
                    // a scenario in another part): "—" in every column says nothing.
                    { for self.rows.iter().filter(|row| shown.iter().any(|&c| matches!(row.values.get(c), Some(Some(_))))).map(|row| html! {
                        <tr data-row={row.key.clone()}
                            class={classes!(matches!(row.key.as_str(), "total" | "funded" | "balance").then_some("cofund-board-key-row"))}>
                            <th scope="row" id={figures.map(|_| row_head_id(&row.key))}>{ &row.label }</th>
                            { for shown.iter().map(|&c| cell(row, c, base, stale(c), figures, lang)) }
                        </tr>
                    }) }
                </tbody>
            </table>
        }
    }
}

#[function_component(Compare)]
pub fn compare(props: &CompareProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let columns = &props.columns;
    // Which figure's explanation is open: (row key, column).
    let root = use_node_ref();
    let figure = use_chosen_figure(root.clone(), |(key, col): &(String, usize)| {
        figure_id(key, *col)
    });
    let base = baseline_index(columns, props.baseline);
    let rows = rows(columns, base, lang);
    let names: Vec<String> = columns.iter().map(|c| display_name(c, t)).collect();
    let stale = |i: usize| !columns[i].current;
    let marked = |i: usize| {
        let mut name = names[i].clone();
        if Some(i) == base && columns.len() > 1 {
            name = format!("{name} {}", t.baseline_marker);
        }
        if stale(i) {
            name = format!("{name} {}", t.stale_mark);
        }
        name
    };
    let table = Table {
        rows: &rows,
        names: &names,
        columns,
        base,
        lang,
    };
    let explained = (*figure.chosen)
        .as_ref()
        .and_then(|(key, col)| explanation(&table, key, *col));
    // A figure that went (a scenario closed) closes its explanation.
    use_explanation_shown(&figure, explained.is_some());
    if columns.is_empty() {
        return html! {
            <section class="cofund-board-compare" aria-labelledby={HEADING_ID}>
                <h2 id={HEADING_ID} class="cofund-board-heading">{ t.compare_heading }</h2>
                <p class="cofund-note">{ t.compare_empty }</p>
            </section>
        };
    }
    // Escape anywhere in the comparison closes an open explanation, as in the results.
    let onkeydown = figure.close_on_escape(explained.is_some());
    let ChosenFigure {
        chosen,
        pick,
        close,
        ..
    } = figure;
    let figures = Figures {
        open: (*chosen).clone().filter(|_| explained.is_some()),
        pick,
    };
    // A figure tabbed to in a table wider than its box is scrolled wholly into view: the
    // browser leaves one that shows only its edge where it is (a QA round at 320 px).
    let onfocusin = Callback::from(reveal_focused_figure);
    let caption = match base {
        Some(b) if columns.len() > 1 => format!("{}: {}.", t.compare_caption, names[b]),
        _ => format!("{}.", t.compare_caption_no_baseline),
    };

    let handouts = props.handout.then(|| {
        html! {
            <div class="cofund-board-handouts">
                <h3 class="cofund-board-subheading">
                    <span class="cofund-screen-only">{ t.handout_heading_screen }</span>
                    <span class="cofund-print-only">{ t.handout_heading }</span>
                </h3>
                <div class="cofund-board-handout-list">
                { for columns.iter().enumerate().map(|(i, column)| {
                    let s = shown(&column.scenario, &column.evaluation);
                    let bar = bar_parts(column, &s, t);
                    // No landmark: two scenarios may bear the same name, and landmarks of the
                    // same name cannot be told apart; the heading names the block.
                    html! {
                        <section class="cofund-board-handout" data-col={i.to_string()}>
                            <h4 class="cofund-board-handout-name">{ marked(i) }</h4>
                            <StackedBar items={bar.items} gap={bar.gap} total={bar.total} surplus={bar.surplus} lang={lang}
                                id={format!("cofund-bar-compare-{i}")} />
                            <Assumptions scenario={column.scenario.clone()} lang={lang} />
                        </section>
                    }
                }) }
                </div>
            </div>
        }
    });

    html! {
        <section ref={root} class="cofund-board-compare" aria-labelledby={HEADING_ID} {onkeydown}>
            <h2 id={HEADING_ID} class="cofund-board-heading">{ t.compare_heading }</h2>
            { for (0..columns.len()).filter(|&i| stale(i)).map(|i| html! {
                <StaleNote lang={lang} name={AttrValue::from(names[i].clone())} />
            }) }
            <PrintDate lang={lang} class="cofund-board-date" />
            <div class="cofund-board-scroll" role="region" aria-labelledby={CAPTION_ID} tabindex="0" {onfocusin}>
                { table.render(&(0..columns.len()).collect::<Vec<_>>(), html! {
                    <caption id={CAPTION_ID}><span class="cofund-board-caption">{ &caption }</span></caption>
                }, Some(&figures)) }
            </div>
            if let Some(parts) = print_parts(columns.len(), base) {
                <div class="cofund-board-print-parts">
                    { for parts.iter().enumerate().map(|(i, part)| table.render(part, html! {
                        <caption>{ format!("{caption} {} {} {} {}.", t.print_part, i + 1, t.of_word, parts.len()) }</caption>
                    }, None)) }
                </div>
            }
            // After the printed parts: the stylesheet hides the table on paper when they
            // follow it directly.
            <ExplainPanel explanation={explained} lang={lang} on_close={close} />
            if base.is_some() && columns.len() > 1 {
                <p class="cofund-note cofund-board-note">{ t.balance_note }</p>
            }
            { handouts.unwrap_or_default() }
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cofund::model::evaluate;
    use cofund::presets::Preset;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn column(key: &str) -> Column {
        let scenario = Preset::find(key)
            .expect("preset")
            .scenario()
            .expect("valid");
        let evaluation = evaluate(&scenario).expect("evaluates");
        Column {
            name: scenario.name.clone().into(),
            scenario: Rc::new(scenario),
            evaluation: Rc::new(evaluation),
            current: true,
        }
    }

    /// A figure of the comparison explains itself as the results panel does, in its own
    /// scenario, and says how the difference under it was taken (a QA round found the
    /// comparison's figures without explanations).
    #[test]
    fn a_figure_explains_itself_and_its_difference() {
        let columns = [column("vaekstpilot-150"), column("vaekstpilot-225")];
        let rows = rows(&columns, Some(0), Lang::Da);
        let names: Vec<String> = columns.iter().map(|c| c.name.to_string()).collect();
        let table = Table {
            rows: &rows,
            names: &names,
            columns: &columns,
            base: Some(0),
            lang: Lang::Da,
        };
        let deb = explanation(&table, "source:deb", 1).expect("DEB of the 225 scenario");
        assert_eq!(deb.title, format!("DEB – {}", names[1]));
        assert_eq!(
            deb.formula,
            "DEB = 50 % × støtteberettigede udgifter 32.850.000 kr. = 16.425.000 kr."
        );
        assert_eq!(
            deb.notes.last().map(String::as_str),
            Some("Forskel fra basis: 16.425.000 kr. − 10.950.000 kr. = +5.475.000 kr. (+50,0 %).")
        );
        // The baseline's own figure has no difference; the balance's is funding minus cost.
        let base = explanation(&table, "total", 0).expect("the baseline's total");
        assert!(
            !base.notes.iter().any(|n| n.starts_with("Forskel")),
            "{base:?}"
        );
        // Two fully funded balances: no "0 kr. − 0 kr. = 0 kr.".
        let balance = explanation(&table, "balance", 1).expect("the 225 scenario's balance");
        assert!(
            !balance.notes.iter().any(|n| n.starts_with("Forskel")),
            "{balance:?}"
        );
        // A gap in the baseline is taken away bracketed, with its sign.
        let mut gap = (*columns[0].scenario).clone();
        gap.sources.pop(); // no residual: a gap of 3.450.000 kr.
        let with_gap = [
            Column {
                evaluation: Rc::new(evaluate(&gap).expect("evaluates")),
                scenario: Rc::new(gap),
                ..columns[0].clone()
            },
            columns[1].clone(),
        ];
        let rows = super::rows(&with_gap, Some(0), Lang::Da);
        let table = Table {
            rows: &rows,
            columns: &with_gap,
            ..table
        };
        let balance = explanation(&table, "balance", 1).expect("the 225 scenario's balance");
        assert!(
            balance.notes.contains(
                &"Forskel fra basis: 0 kr. − (−3.450.000 kr.) = +3.450.000 kr. (+100,0 %)."
                    .to_string()
            ),
            "{balance:?}"
        );
        assert_eq!(
            balance.notes.last().map(String::as_str),
            Some(board_texts(Lang::Da).balance_note)
        );
        assert!(explanation(&table, "per-unit:pilots", 1).is_some());
        assert!(explanation(&table, "no-such-row", 1).is_none());
        assert!(explanation(&table, "total", 2).is_none());
    }

    #[test]
    fn a_scenario_counting_on_more_than_deb_gives_is_noted_in_its_column() {
        let plain = column("vaekstpilot-150");
        let mut s = (*plain.scenario).clone();
        if let cofund::model::SourceKind::Share { rate, .. } = &mut s.sources[0].kind {
            *rate = d("60");
        }
        let over = Column {
            evaluation: Rc::new(evaluate(&s).expect("evaluates")),
            scenario: Rc::new(s),
            ..plain.clone()
        };
        let rows = rows(&[plain, over], Some(0), Lang::Da);
        let deb = rows
            .iter()
            .find(|r| r.key == "source:deb")
            .expect("a DEB row");
        assert_eq!(
            deb.notes,
            [None, Some("over DEB's højeste sats på 50 %")],
            "only the scenario that counts on it"
        );
        let local = rows.iter().find(|r| r.key == "source:local").expect("row");
        assert_eq!(local.notes, [None, None]);
    }

    fn texts_of(
        rows: &[Row],
        col: usize,
        base: usize,
        lang: Lang,
    ) -> Vec<(String, String, String)> {
        rows.iter()
            .map(|r| {
                let v = r.values[col].as_ref().unwrap();
                let b = r.values[base].as_ref().unwrap();
                let dd = diff(v, b).unwrap();
                (
                    r.key.clone(),
                    v.text(lang),
                    format!(
                        "{} {}",
                        v.signed(dd.amount, lang),
                        dd.percent
                            .map(|p| format_signed_percent(p, lang))
                            .unwrap_or_else(|| "—".into())
                    ),
                )
            })
            .collect()
    }

    #[test]
    fn the_published_vaekstpilot_table() {
        let cols = vec![column("vaekstpilot-150"), column("vaekstpilot-225")];
        let rows = rows(&cols, Some(0), Lang::Da);
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "years",
                "count:pilots",
                "total",
                "eligible",
                "source:deb",
                "source:companies",
                "source:local",
                "funded",
                "balance",
                "per-unit:pilots"
            ]
        );
        let got = texts_of(&rows, 1, 0, Lang::Da);
        assert_eq!(got.len(), 10);
        let want = [
            ("years", "3", "0 0,0 %"),
            ("count:pilots", "225", "+75 +50,0 %"),
            ("total", "32.850.000 kr.", "+10.950.000 kr. +50,0 %"),
            ("eligible", "32.850.000 kr.", "+10.950.000 kr. +50,0 %"),
            ("source:deb", "16.425.000 kr.", "+5.475.000 kr. +50,0 %"),
            (
                "source:companies",
                "11.250.000 kr.",
                "+3.750.000 kr. +50,0 %",
            ),
            ("source:local", "5.175.000 kr.", "+1.725.000 kr. +50,0 %"),
            ("funded", "32.850.000 kr.", "+10.950.000 kr. +50,0 %"),
            ("balance", "Fuldt finansieret", "0 kr. —"),
            ("per-unit:pilots", "146.000 kr.", "0 kr. 0,0 %"),
        ];
        for ((k, v, dd), (wk, wv, wd)) in got.iter().zip(want) {
            assert_eq!((k.as_str(), v.as_str(), dd.as_str()), (wk, wv, wd));
        }
        let base = texts_of(&rows, 0, 0, Lang::Da);
        assert_eq!(base[1].1, "150");
        assert_eq!(base[2].1, "21.900.000 kr.");
        assert_eq!(base[4].1, "10.950.000 kr.");
        assert_eq!(base[5].1, "7.500.000 kr.");
        assert_eq!(base[6].1, "3.450.000 kr.");
        assert_eq!(rows[0].label, "Periode (år)");
        assert_eq!(rows[1].label, "Vækstpiloter");
        assert_eq!(rows[9].label, "Udgift pr. vækstpilot");
        // The counts are what was entered, not results: nothing to explain.
        assert!(rows[..2].iter().all(|r| r.subjects == [None, None]));
    }

    /// A board member comparing 150 with 225 pilots sees the counts side by side, with
    /// their difference in units, not in kroner (helper-72's finding: the comparison showed
    /// every amount but not what drove it).
    #[test]
    fn counts_differ_in_units_and_a_missing_driver_is_empty() {
        assert_eq!(format_signed_plain(d("75"), Lang::Da), "+75");
        assert_eq!(format_signed_plain(d("-0.5"), Lang::Da), "\u{2212}0,5");
        assert_eq!(format_signed_plain(d("-1500"), Lang::En), "\u{2212}1,500");
        assert_eq!(format_signed_plain(d("0.0"), Lang::Da), "0");
        let a = column("vaekstpilot-150");
        let mut b = column("design-sprint");
        let mut s = (*b.scenario).clone();
        s.years = 2;
        b.evaluation = Rc::new(evaluate(&s).expect("evaluates"));
        b.scenario = Rc::new(s);
        let rows = rows(&[a, b], Some(0), Lang::En);
        let keys: Vec<&str> = rows.iter().take(3).map(|r| r.key.as_str()).collect();
        assert_eq!(keys, ["years", "count:pilots", "count:smes"]);
        assert_eq!(rows[1].values, [Some(Value::Count(d("150"))), None]);
        assert_eq!(rows[2].values[0], None);
        let got: Vec<_> = texts_of(&rows[..1], 1, 0, Lang::En);
        assert_eq!(got[0].1, "2");
        assert_eq!(got[0].2, "\u{2212}1 \u{2212}33.3%");
        assert_eq!(rows[0].label, "Period (years)");
    }

    #[test]
    fn sources_match_by_id_then_label_and_missing_ones_are_empty() {
        let a = column("vaekstpilot-150");
        let mut b = column("vaekstpilot-225");
        let mut s = (*b.scenario).clone();
        // Same label, new id: still the same row. A new source: a row of its own.
        s.sources[1].id = "egen".into();
        s.sources[1].label = "  virksomhedernes EGENBETALING ".into();
        s.sources.remove(0);
        s.sources.insert(
            1,
            cofund::model::Source {
                id: "brn".into(),
                label: "BRN".into(),
                kind: cofund::model::SourceKind::Fixed {
                    amount: d("1050000"),
                },
            },
        );
        b.evaluation = Rc::new(evaluate(&s).unwrap());
        b.scenario = Rc::new(s);
        let rows = rows(&[a, b], Some(0), Lang::En);
        let keys: Vec<&str> = rows.iter().map(|r| r.key.as_str()).collect();
        assert_eq!(
            keys,
            [
                "years",
                "count:pilots",
                "total",
                "eligible",
                "source:deb",
                "source:companies",
                "source:local",
                "source:brn",
                "funded",
                "balance",
                "per-unit:pilots"
            ]
        );
        assert_eq!(rows[4].values[1], None);
        assert_eq!(rows[5].values[1], Some(Value::Amount(d("11250000"))));
        assert_eq!(rows[7].values[0], None);
        assert_eq!(rows[7].label, "BRN");
    }

    #[test]
    fn the_baseline_orders_rows_and_a_missing_baseline_gives_no_differences() {
        let cols = vec![column("design-sprint"), column("vaekstpilot-150")];
        let from_second = rows(&cols, Some(1), Lang::Da);
        // The baseline's unit first, then the other scenario's.
        assert_eq!(from_second[1].key, "count:pilots");
        assert_eq!(from_second[2].key, "count:smes");
        assert_eq!(from_second[5].key, "source:deb");
        assert_eq!(baseline_index(&cols, 2), None);
    }

    #[test]
    fn differences_and_their_signs() {
        let v = |x: &str| Value::Amount(d(x));
        assert_eq!(
            diff(&v("100"), &v("0")),
            Some(Diff {
                amount: d("100"),
                percent: None
            })
        );
        let gap = Value::Balance(Balance::Gap(d("200")));
        let less_gap = Value::Balance(Balance::Gap(d("50")));
        // The gap shrinks by 150: the balance improves by 150, 75 % of the 200 gap.
        assert_eq!(
            diff(&less_gap, &gap),
            Some(Diff {
                amount: d("150"),
                percent: Some(d("75"))
            })
        );
        assert_eq!(diff(&Value::PerUnit(None), &v("1")), None);
        assert_eq!(format_signed_percent(d("50"), Lang::Da), "+50,0 %");
        assert_eq!(format_signed_percent(d("-3.25"), Lang::En), "\u{2212}3.3%");
        assert_eq!(format_signed_percent(d("0.04"), Lang::Da), "0,0 %");
        assert_eq!(format_signed_percent(d("-0.04"), Lang::Da), "0,0 %");
    }

    #[test]
    fn a_missing_difference_blames_the_side_without_a_number() {
        let t = board_texts(Lang::Da);
        // QA D6: 0 units in the compared scenario, 146.000 kr. per unit in the baseline.
        assert_eq!(
            no_difference_reason(&Value::PerUnit(None), t),
            t.no_own_value
        );
        assert_eq!(
            no_difference_reason(&Value::PerUnit(Some(d("146000"))), t),
            t.no_baseline_value
        );
    }

    #[test]
    fn a_difference_under_one_krone_keeps_its_oere() {
        let surplus = Value::Balance(Balance::Surplus(d("0.40")));
        assert_eq!(surplus.signed(d("0.40"), Lang::Da), "+0,40 kr.");
        assert_eq!(surplus.signed(d("-0.4"), Lang::En), "\u{2212}DKK 0.40");
        assert_eq!(surplus.signed(d("1"), Lang::Da), "+1 kr.");
        assert_eq!(surplus.signed(Decimal::ZERO, Lang::Da), "0 kr.");
    }

    #[test]
    fn a_wide_comparison_prints_in_parts_each_with_the_baseline() {
        assert_eq!(print_parts(7, Some(0)), None);
        assert_eq!(
            print_parts(12, Some(2)),
            Some(vec![vec![2, 0, 1, 3, 4, 5, 6], vec![2, 7, 8, 9, 10, 11]])
        );
        assert_eq!(
            print_parts(9, None),
            Some(vec![(0..7).collect(), vec![7, 8]])
        );
    }
}
