//! The results side of the widget: key figures, the balance in words and colour, the split
//! as a stacked bar, and the cost and funding tables with a per-year column.
//!
//! Every figure is a button that opens its explanation (from `cofund::explain`, never
//! worded here) in the [`ExplainPanel`]. Displayed kroner are apportioned so that each
//! column adds up to its displayed total, and displayed shares add up to exactly 100,0 %
//! ([`shown`]). When the editor's draft cannot be evaluated, the last valid result stays
//! visible, marked as not current. A polite live region announces the total and the
//! balance once edits have settled, not on every keystroke.

use std::rc::Rc;

use cofund::explain::{explain, per_unit_title, Subject};
use cofund::model::{is_deb, Evaluation, Scenario, Source, Warning};
use cofund::numbers::{format_amount, Lang};
use cofund::shown::{shown, Shown};
use cofund::text::full_stop;
use cofund::Decimal;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::balance::{balance_amount, Balance};
use super::bar::{BarParts, StackedBar};
use super::explain_panel::{
    use_chosen_figure, use_explanation_shown, ChosenFigure, ExplainPanel, PANEL_ID,
};
use crate::editor::draft::legend_name;
use crate::i18n::{texts, Texts};

mod rows;
use rows::{Cell, Figure, KeptRows, RowView};

const HEADING_ID: &str = "cofund-results-heading";
/// The scenario's name under the heading, which names the region with it: two widgets on
/// one page were two regions "Resultat" a screen reader could not tell apart (a QA round).
const NAME_ID: &str = "cofund-results-name";
const STALE_ID: &str = "cofund-results-stale";
/// How long edits must pause before the live region speaks.
const ANNOUNCE_DELAY_MS: u32 = 800;

#[derive(Properties, PartialEq)]
pub struct ResultsProps {
    pub scenario: Rc<Scenario>,
    pub evaluation: Rc<Evaluation>,
    pub lang: Lang,
    /// Whether the result reflects the editor's draft as it is now; when false, it is the
    /// last valid result and is marked as such.
    #[prop_or(true)]
    pub current: bool,
    /// Leaves out the tables of cost lines and sources (the compact embedded widget).
    #[prop_or_default]
    pub compact: bool,
    /// A number is still being typed (`ui::unfinished`): the live region waits.
    #[prop_or_default]
    pub holding: bool,
}

/// A stable text for a subject, used in the figure buttons' DOM ids.
pub fn subject_key(subject: Subject) -> String {
    match subject {
        Subject::TotalCost => "total".into(),
        Subject::EligibleCost => "eligible".into(),
        Subject::Line(i) => format!("line-{i}"),
        Subject::Source(i) => format!("source-{i}"),
        Subject::Funded => "funded".into(),
        Subject::Balance => "balance".into(),
        Subject::PerUnit(i) => format!("unit-{i}"),
        Subject::PerYear => "per-year".into(),
        Subject::LinePerYear(i) => format!("line-year-{i}"),
        Subject::SourcePerYear(i) => format!("source-year-{i}"),
        Subject::FundedPerYear => "funded-year".into(),
        Subject::GapPerYear => "gap-year".into(),
        Subject::SourceShare(i) => format!("share-{i}"),
        Subject::FundedShare => "funded-share".into(),
        Subject::GapShare => "gap-share".into(),
        Subject::TotalShare => "total-share".into(),
    }
}

/// What the live region says once edits have settled:
/// "Samlede udgifter: 21.900.000 kr. Manglende finansiering: 3.450.000 kr." While a field
/// cannot be read, the figures are the last valid result (`current` false), which the
/// screen must not pass off as the answer to what was typed: the region then says what the
/// banner on screen says instead.
pub fn announcement(t: &Texts, e: &Evaluation, shown: &Shown, lang: Lang, current: bool) -> String {
    if !current {
        return full_stop(t.results_stale.to_string());
    }
    format!(
        "{} {}",
        full_stop(format!(
            "{}: {}",
            t.total_cost,
            format_amount(shown.total, lang)
        )),
        full_stop(Balance::of(e, shown).words(lang))
    )
}

/// One figure button: which subject it explains, and where it sits (a subject can be
/// shown in several places; only the button that opened the panel is expanded).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Selected {
    subject: Subject,
    place: &'static str,
}

/// The DOM id of the figure button at `place` for the subject whose key is `key`.
fn figure_id(place: &str, key: &str) -> String {
    format!("cofund-fig-{place}-{key}")
}

/// The id of the heading of the table column a figure at `place` sits in, which describes
/// its button with the row's heading: Tab reads a button's name and description only, and
/// "21.900.000 kr." alone does not say whether it is a total, a year's or a share.
/// `None` for the figures outside the tables (the key figures, the balance).
pub(crate) fn column_head_id(place: &str) -> Option<&'static str> {
    let cost_table = place.starts_with("cost");
    let source_table = ["gap", "funded", "source", "funding-total"]
        .iter()
        .any(|start| place.starts_with(start));
    Some(match () {
        _ if cost_table && place.ends_with("-year") => COL_COST_YEAR,
        _ if cost_table => COL_COST_AMOUNT,
        _ if source_table && place.ends_with("-year") => COL_SOURCE_YEAR,
        _ if source_table && place.ends_with("-share") => COL_SOURCE_SHARE,
        _ if source_table => COL_SOURCE_AMOUNT,
        _ => return None,
    })
}

const COL_COST_AMOUNT: &str = "cofund-col-cost-amount";
const COL_COST_YEAR: &str = "cofund-col-cost-year";
const COL_SOURCE_AMOUNT: &str = "cofund-col-source-amount";
const COL_SOURCE_SHARE: &str = "cofund-col-source-share";
const COL_SOURCE_YEAR: &str = "cofund-col-source-year";

/// Every place a figure button can sit; `data-place` holds one of these.
const PLACES: &[&str] = &[
    "summary",
    "balance",
    "gap",
    "gap-share",
    "gap-year",
    "funded",
    "funded-share",
    "funded-year",
    "cost",
    "cost-year",
    "cost-total",
    "cost-total-year",
    "source",
    "source-share",
    "source-year",
    "funding-total",
    "funding-total-share",
    "funding-total-year",
];

/// The subject whose key [`subject_key`] gave.
fn parse_subject_key(key: &str) -> Option<Subject> {
    let indexed = |prefix: &str| {
        key.strip_prefix(prefix)
            .and_then(|n| n.parse::<usize>().ok())
    };
    Some(match key {
        "total" => Subject::TotalCost,
        "eligible" => Subject::EligibleCost,
        "funded" => Subject::Funded,
        "balance" => Subject::Balance,
        "per-year" => Subject::PerYear,
        "funded-year" => Subject::FundedPerYear,
        "gap-year" => Subject::GapPerYear,
        "funded-share" => Subject::FundedShare,
        "gap-share" => Subject::GapShare,
        "total-share" => Subject::TotalShare,
        _ => {
            // The longer prefixes first: `line-year-3` is not line `year-3`.
            if let Some(i) = indexed("line-year-") {
                Subject::LinePerYear(i)
            } else if let Some(i) = indexed("source-year-") {
                Subject::SourcePerYear(i)
            } else if let Some(i) = indexed("share-") {
                Subject::SourceShare(i)
            } else if let Some(i) = indexed("line-") {
                Subject::Line(i)
            } else if let Some(i) = indexed("source-") {
                Subject::Source(i)
            } else {
                Subject::PerUnit(indexed("unit-")?)
            }
        }
    })
}

/// The figure a click landed on, from the button's `data-place` and `data-subject`.
fn clicked_figure(event: &MouseEvent) -> Option<Selected> {
    let button = event
        .target()?
        .dyn_into::<web_sys::Element>()
        .ok()?
        .closest("[data-subject]")
        .ok()??;
    let place = button.get_attribute("data-place")?;
    Some(Selected {
        subject: parse_subject_key(&button.get_attribute("data-subject")?)?,
        place: PLACES.iter().copied().find(|p| *p == place)?,
    })
}

/// One figure button. It has no click handler of its own: one handler on the panel reads
/// `data-place` and `data-subject`. With a 200-line scenario that is one listener instead
/// of hundreds to replace on every keystroke.
fn figure_button(
    me: Selected,
    open: Option<Selected>,
    text: String,
    testid: Option<&'static str>,
) -> Html {
    // The subject's key once, for the id and `data-subject` (a button is rendered for every
    // changed figure on every keystroke).
    let key = subject_key(me.subject);
    let id = figure_id(me.place, &key);
    // A key figure is named by its term and its value ("Samlede udgifter 21.900.000 kr."),
    // not by the number alone: Tab goes from button to button, past the terms.
    let labelled_by = (me.place == "summary").then(|| format!("{} {id}", term_id(&key)));
    html! {
        <button type="button" id={id} class="cofund-figure" aria-labelledby={labelled_by}
                aria-expanded={if open == Some(me) { "true" } else { "false" }} aria-controls={PANEL_ID}
                data-testid={testid} data-place={me.place} data-subject={key}>
            { text }
        </button>
    }
}

/// The id of a key figure's term (its `<dt>`).
fn term_id(key: &str) -> String {
    format!("cofund-term-{key}")
}

/// Renders figure buttons that know which one is open.
struct Figures {
    open: Option<Selected>,
}

impl Figures {
    fn button(&self, subject: Subject, place: &'static str, text: String) -> Html {
        self.button_with_id(subject, place, text, None)
    }

    fn button_with_id(
        &self,
        subject: Subject,
        place: &'static str,
        text: String,
        testid: Option<&'static str>,
    ) -> Html {
        figure_button(Selected { subject, place }, self.open, text, testid)
    }
}

/// A key figure's card, smaller type for a figure of a milliard and more: at the cards' 1,5rem,
/// `999.999.999.999 kr.` was wider than its card and broke inside the number
/// (`999.999.999.99` / `9 kr.`, which reads as a decimal; a QA round at 1920 px).
fn key_class(figure: &str) -> Classes {
    /// The length of `999.999.999 kr.` / `DKK 999,999,999` (in bytes: a key figure is
    /// ASCII, and counting characters cost the widget's download 18 B).
    const LONGEST_AT_FULL_SIZE: usize = 15;
    let long = figure.len() > LONGEST_AT_FULL_SIZE;
    classes!(
        "cofund-results-key",
        long.then_some("cofund-results-key--long")
    )
}

/// The cost table's rows: each line's label (with "ikke støtteberettiget" when it is not
/// eligible), its displayed amount and, for a period of several years, its amount per year.
fn cost_row_views<'a>(
    scenario: &'a Scenario,
    shown: &'a Shown,
    lang: Lang,
) -> impl Iterator<Item = RowView<'a>> {
    let t = texts(lang);
    scenario
        .costs
        .iter()
        .zip(&shown.lines)
        .enumerate()
        .map(move |(i, (line, amount))| RowView {
            label: legend_name(&line.label, t.new_cost),
            note: (!line.eligible).then_some(t.not_eligible),
            data_source: None,
            class: None,
            cells: [
                Some(amount_cell(Subject::Line(i), "cost", *amount)),
                shown.per_year.as_ref().map(|py| {
                    let amount = py.lines.get(i).copied().unwrap_or_default();
                    amount_cell(Subject::LinePerYear(i), "cost-year", amount)
                }),
                None,
            ],
        })
}

/// The note after source `i`'s name when it counts on more than DEB gives: a rate above
/// DEB's highest, or DEB's sources above 50 % of the eligible cost together. The results
/// and presentation mode say it alike.
pub fn deb_note(e: &Evaluation, src: &Source, i: usize, lang: Lang) -> Option<&'static str> {
    let t = texts(lang);
    if e.deb_rate_above_limit(i).is_some() {
        Some(t.deb_over_note)
    } else if e.deb_above_limit().is_some() && is_deb(src) {
        Some(t.deb_sum_over_note)
    } else {
        None
    }
}

/// The funding table's rows: each source's label (with "loftet er nået" when its cap binds),
/// amount, share and, for several years, amount per year.
fn source_row_views<'a>(
    scenario: &'a Scenario,
    e: &'a Evaluation,
    shown: &'a Shown,
    lang: Lang,
) -> impl Iterator<Item = RowView<'a>> {
    let t = texts(lang);
    scenario.sources.iter().enumerate().map(move |(i, src)| {
        let capped = e
            .sources
            .get(i)
            .is_some_and(|r| r.trace.binding_cap().is_some());
        RowView {
            label: legend_name(&src.label, t.new_source),
            // One note: that DEB cannot pay this much says more than that a cap binds.
            note: deb_note(e, src, i, lang).or(capped.then_some(t.capped_note)),
            data_source: Some(&src.id),
            class: None,
            cells: [
                Some(amount_cell(
                    Subject::Source(i),
                    "source",
                    shown.sources.get(i).copied().unwrap_or_default(),
                )),
                Some(share_cell(
                    Subject::SourceShare(i),
                    "source-share",
                    shown.shares.get(i).copied().unwrap_or_default(),
                )),
                shown.per_year.as_ref().map(|py| {
                    let amount = py.sources.get(i).copied().unwrap_or_default();
                    amount_cell(Subject::SourcePerYear(i), "source-year", amount)
                }),
            ],
        }
    })
}

/// A foot row of the results tables: a heading and its figures.
fn foot_row(label: &'static str, cells: [Option<Cell>; 3]) -> RowView<'static> {
    RowView {
        label,
        note: None,
        data_source: None,
        class: None,
        cells,
    }
}

/// A figure cell of kroner.
fn amount_cell(subject: Subject, place: &'static str, value: Decimal) -> Cell {
    Cell {
        subject,
        place,
        figure: Figure::Amount(value),
    }
}

/// A figure cell of a share in per cent.
fn share_cell(subject: Subject, place: &'static str, value: Decimal) -> Cell {
    Cell {
        subject,
        place,
        figure: Figure::Percent(value),
    }
}

/// The cost table's foot: the total cost and, for several years, the total per year.
fn cost_foot_views(shown: &Shown, lang: Lang) -> impl Iterator<Item = RowView<'static>> {
    let t = texts(lang);
    let per_year = shown.per_year.as_ref();
    std::iter::once(foot_row(
        t.total_cost,
        [
            Some(amount_cell(Subject::TotalCost, "cost-total", shown.total)),
            per_year.map(|py| amount_cell(Subject::PerYear, "cost-total-year", py.total)),
            None,
        ],
    ))
}

/// The funding table's foot: what the sources fund and, when they leave a gap, the gap
/// and the total cost that funding and gap add up to (amounts, shares, per year).
fn source_foot_views(
    e: &Evaluation,
    shown: &Shown,
    lang: Lang,
) -> impl Iterator<Item = RowView<'static>> {
    let t = texts(lang);
    let per_year = shown.per_year.as_ref();
    let funded = foot_row(
        t.funded,
        [
            Some(amount_cell(Subject::Funded, "funded", shown.funded)),
            Some(share_cell(
                Subject::FundedShare,
                "funded-share",
                shown.funded_share,
            )),
            per_year.map(|py| amount_cell(Subject::FundedPerYear, "funded-year", py.funded)),
        ],
    );
    let gap = (e.gap > Decimal::ZERO).then(|| {
        let gap = RowView {
            class: Some("cofund-results-gap-row"),
            ..foot_row(
                t.gap,
                [
                    Some(amount_cell(Subject::Balance, "gap", shown.gap)),
                    Some(share_cell(Subject::GapShare, "gap-share", shown.gap_share)),
                    per_year.map(|py| amount_cell(Subject::GapPerYear, "gap-year", py.gap)),
                ],
            )
        };
        let total = foot_row(
            t.total_cost,
            [
                Some(amount_cell(
                    Subject::TotalCost,
                    "funding-total",
                    shown.funding_column(),
                )),
                Some(share_cell(
                    Subject::TotalShare,
                    "funding-total-share",
                    shown.share_column(),
                )),
                per_year.map(|py| {
                    amount_cell(Subject::PerYear, "funding-total-year", py.funding_column())
                }),
            ],
        );
        [gap, total]
    });
    std::iter::once(funded).chain(gap.into_iter().flatten())
}

#[function_component(Results)]
pub fn results(props: &ResultsProps) -> Html {
    let ResultsProps {
        scenario,
        evaluation: e,
        lang,
        current,
        compact,
        holding,
    } = props;
    let (lang, current, compact, holding) = (*lang, *current, *compact, *holding);
    let t = texts(lang);
    let shown = Rc::new(shown(scenario, e));

    // Which figure's explanation is open.
    let panel = use_node_ref();
    let figure = use_chosen_figure(panel.clone(), |sel: &Selected| {
        figure_id(sel.place, &subject_key(sel.subject))
    });
    let explanation =
        (*figure.chosen).and_then(|sel| explain(scenario, e, &shown, sel.subject, lang));
    // A subject that no longer exists (its line was removed) closes the panel.
    use_explanation_shown(&figure, explanation.is_some());
    let open = (*figure.chosen).filter(|_| explanation.is_some());
    let onkeydown = figure.close_on_escape(open.is_some());
    let ChosenFigure { pick, close, .. } = figure;

    // The live region: one announcement after edits have paused, none on first render.
    let spoken = use_state(String::new);
    let primed = use_mut_ref(|| false);
    {
        let spoken = spoken.clone();
        let message = announcement(t, e, &shown, lang, current);
        use_effect_with(
            (e.total_cost, e.gap, e.surplus, lang, current, holding),
            move |_| {
                let speak = primed.replace(true) && !holding;
                let timer =
                    speak.then(|| Timeout::new(ANNOUNCE_DELAY_MS, move || spoken.set(message)));
                move || drop(timer)
            },
        );
    }

    // The tables' bodies and feet: their rows are written by hand after each render (see
    // `rows`), and then only the figures that changed.
    let [cost_body, cost_foot, source_body, source_foot] = [
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
        use_node_ref(),
    ];
    {
        let parts = [&cost_body, &cost_foot, &source_body, &source_foot].map(|r| r.clone());
        let kept = use_mut_ref(<[KeptRows; 4]>::default);
        let (scenario, e, shown) = (scenario.clone(), e.clone(), shown.clone());
        use_effect(move || {
            let mut kept = kept.borrow_mut();
            let [cost_rows, cost_totals, source_rows, source_totals] = &mut *kept;
            let [cost_body, cost_foot, source_body, source_foot] =
                parts.map(|r| r.cast::<web_sys::Element>());
            if let Some(body) = cost_body {
                let mut rows = cost_row_views(&scenario, &shown, lang);
                cost_rows.sync(&body, &mut rows, open, lang);
            }
            if let Some(foot) = cost_foot {
                cost_totals.sync(&foot, &mut cost_foot_views(&shown, lang), open, lang);
            }
            if let Some(body) = source_body {
                let mut rows = source_row_views(&scenario, &e, &shown, lang);
                source_rows.sync(&body, &mut rows, open, lang);
            }
            if let Some(foot) = source_foot {
                source_totals.sync(&foot, &mut source_foot_views(&e, &shown, lang), open, lang);
            }
        });
    }

    let fig = Figures { open };
    // The one click handler for every figure button (see `figure_button`).
    let onclick = Callback::from(move |event: MouseEvent| {
        if let Some(me) = clicked_figure(&event) {
            pick.emit(me);
        }
    });
    let per_year = shown.per_year.as_ref();
    // One handler for both tables' boxes.
    let reveal = Callback::from(super::reveal_focused_figure);
    let per_year_head = |id: &'static str| {
        per_year
            .map(|_| html! { <th scope="col" class="cofund-num" id={id}>{ t.col_per_year }</th> })
    };

    let out_of_range = |driver: usize| {
        e.warnings
            .iter()
            .any(|w| matches!(w, Warning::DriverOutOfRange { driver: d } if *d == driver))
    };

    let balance_of = Balance::of(e, &shown);
    let balance_class = balance_of.class("cofund-results-balance");
    let balance = match balance_of {
        Balance::Gap(v) => {
            html! { <><strong>{ t.gap }{ ": " }</strong>{ fig.button(Subject::Balance, "balance", balance_amount(v, lang)) }</> }
        }
        Balance::Surplus(v) => {
            html! { <><strong>{ t.surplus }{ ": " }</strong>{ fig.button(Subject::Balance, "balance", balance_amount(v, lang)) }</> }
        }
        Balance::Funded | Balance::Nothing => {
            html! { <strong>{ fig.button(Subject::Balance, "balance", balance_of.words(lang)) }</strong> }
        }
    };

    let bar = BarParts::of(scenario, e, &shown, t.gap, t.new_source);
    // Without the funding table (a compact widget), DEB's limit is said under the split:
    // the bar's legend gives the amounts and shares only.
    let compact_notes: Vec<String> = scenario
        .sources
        .iter()
        .enumerate()
        .filter(|_| compact)
        .filter_map(|(i, src)| {
            let note = deb_note(e, src, i, lang)?;
            Some(format!(
                "{} ({note})",
                legend_name(&src.label, t.new_source)
            ))
        })
        .collect();

    let [total, eligible, funded] =
        [shown.total, shown.eligible, shown.funded].map(|amount| format_amount(amount, lang));
    html! {
        <section ref={panel} class={classes!("cofund-results", (!current).then_some("cofund-results--stale"))}
                 aria-labelledby={format!("{HEADING_ID} {NAME_ID}")} aria-describedby={(!current).then_some(STALE_ID)} {onkeydown} {onclick}>
            <h2 id={HEADING_ID} class="cofund-results-heading">{ t.results_heading }</h2>
            <p id={NAME_ID} class="cofund-results-name">{ &scenario.name }</p>
            if !current {
                <p id={STALE_ID} class="cofund-results-stale-banner">
                    <span class="cofund-screen-only">{ t.results_stale }</span>
                    <span class="cofund-print-only">{ t.results_stale_print }</span>
                </p>
            }
            <p class="cofund-results-hint">{ t.results_hint }</p>

            <dl class="cofund-results-summary" aria-label={t.summary_heading}>
                <div class={key_class(&total)}>
                    <dt id={term_id(&subject_key(Subject::TotalCost))}>{ t.total_cost }</dt>
                    <dd>{ fig.button_with_id(Subject::TotalCost, "summary", total.clone(), Some("total-cost")) }</dd>
                </div>
                <div class={key_class(&eligible)}>
                    <dt id={term_id(&subject_key(Subject::EligibleCost))}>{ t.eligible_cost }</dt>
                    <dd>{ fig.button_with_id(Subject::EligibleCost, "summary", eligible.clone(), Some("eligible-cost")) }</dd>
                </div>
                <div class={key_class(&funded)}>
                    <dt id={term_id(&subject_key(Subject::Funded))}>{ t.funded }</dt>
                    <dd>{ fig.button_with_id(Subject::Funded, "summary", funded.clone(), Some("funded")) }</dd>
                </div>
                if let Some(py) = per_year.map(|py| format_amount(py.total, lang)) {
                    <div class={key_class(&py)}>
                        <dt id={term_id(&subject_key(Subject::PerYear))}>{ format!("{} {}", t.total_cost, cofund::text::lowercase(t.col_per_year)) }</dt>
                        <dd>{ fig.button(Subject::PerYear, "summary", py) }</dd>
                    </div>
                }
                { for scenario.drivers.iter().zip(&e.per_unit).enumerate().map(|(i, (driver, value))| {
                    // The label is the explanation's own title ("Udgift pr. vækstpilot"), so
                    // the figure and its explanation name it alike.
                    let label = per_unit_title(scenario, i, lang)
                        .unwrap_or_else(|| format!("{} ({})", t.cost_per_unit_of, driver.label));
                    // Words where there is no figure keep the card's type: only a long
                    // figure is set smaller.
                    let (text, class) = match value {
                        Some(v) => {
                            let text = format_amount(*v, lang);
                            let class = key_class(&text);
                            (text, class)
                        }
                        None => (t.per_unit_undefined.to_string(), key_class("")),
                    };
                    html! {
                        <div class={class}>
                            <dt id={term_id(&subject_key(Subject::PerUnit(i)))}>{ label }</dt>
                            <dd>
                                { fig.button(Subject::PerUnit(i), "summary", text) }
                                if out_of_range(i) {
                                    <span class="cofund-results-note cofund-results-note--warn">{ t.out_of_range_note }</span>
                                }
                            </dd>
                        </div>
                    }
                }) }
            </dl>

            <p class={classes!("cofund-results-balance", balance_class)} data-testid="balance">{ balance }</p>

            <StackedBar items={bar.items} gap={bar.gap} total={bar.total} surplus={bar.surplus} lang={lang} />
            { for compact_notes.into_iter().map(|note| html! {
                <p class="cofund-results-note cofund-results-note--warn cofund-results-deb-note" data-testid="deb-note">{ note }</p>
            }) }

            if !compact {
            <div class="cofund-results-scroll" onfocusin={reveal.clone()}>
                <table class="cofund-table cofund-results-table">
                    <caption>{ t.costs_caption }</caption>
                    <thead><tr>
                        <th scope="col">{ t.col_item }</th>
                        <th scope="col" class="cofund-num" id={COL_COST_AMOUNT}>{ t.col_amount }</th>
                        { per_year_head(COL_COST_YEAR).unwrap_or_default() }
                    </tr></thead>
                    <tbody ref={cost_body.clone()}></tbody>
                    <tfoot ref={cost_foot.clone()}></tfoot>
                </table>
            </div>

            <div class="cofund-results-scroll" onfocusin={reveal.clone()}>
                <table class="cofund-table cofund-results-table">
                    <caption>{ t.sources_caption }</caption>
                    <thead><tr>
                        <th scope="col">{ t.col_item }</th>
                        <th scope="col" class="cofund-num" id={COL_SOURCE_AMOUNT}>{ t.col_amount }</th>
                        <th scope="col" class="cofund-num" id={COL_SOURCE_SHARE}>
                            { if e.surplus > Decimal::ZERO { t.col_share_funding } else { t.col_share } }
                        </th>
                        { per_year_head(COL_SOURCE_YEAR).unwrap_or_default() }
                    </tr></thead>
                    <tbody ref={source_body.clone()}></tbody>
                    <tfoot ref={source_foot.clone()}></tfoot>
                </table>
            </div>
            }

            <ExplainPanel explanation={explanation} lang={lang} on_close={close} />
            <p class="cofund-visually-hidden cofund-results-live" role="status" aria-live="polite" aria-atomic="true">
                { (*spoken).clone() }
            </p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cofund::model::{evaluate, Source, SourceKind};
    use cofund::presets::Preset;

    #[test]
    fn key_figures_of_a_milliard_and_more_are_set_smaller() {
        let long = |amount: i64, lang| {
            key_class(&format_amount(Decimal::from(amount), lang))
                .contains("cofund-results-key--long")
        };
        for lang in [Lang::Da, Lang::En] {
            assert!(!long(21_900_000, lang), "{lang:?}");
            assert!(!long(999_999_999, lang), "{lang:?}");
            assert!(long(1_000_000_000, lang), "{lang:?}");
            assert!(long(999_999_999_999, lang), "{lang:?}");
        }
    }

    /// Every figure in a table is described by its column's heading, and by the heading of
    /// the table it is in.
    #[test]
    fn table_figures_name_their_column() {
        for (place, column) in [
            ("cost", Some(COL_COST_AMOUNT)),
            ("cost-year", Some(COL_COST_YEAR)),
            ("cost-total", Some(COL_COST_AMOUNT)),
            ("cost-total-year", Some(COL_COST_YEAR)),
            ("source", Some(COL_SOURCE_AMOUNT)),
            ("source-share", Some(COL_SOURCE_SHARE)),
            ("source-year", Some(COL_SOURCE_YEAR)),
            ("gap", Some(COL_SOURCE_AMOUNT)),
            ("gap-share", Some(COL_SOURCE_SHARE)),
            ("gap-year", Some(COL_SOURCE_YEAR)),
            ("funded-share", Some(COL_SOURCE_SHARE)),
            ("funding-total-year", Some(COL_SOURCE_YEAR)),
            ("summary", None),
            ("balance", None),
        ] {
            assert_eq!(column_head_id(place), column, "{place}");
        }
        assert!(PLACES
            .iter()
            .all(|p| column_head_id(p).is_some() || ["summary", "balance"].contains(p)));
    }

    /// The live region speaks the displayed figures (`cofund::shown`, tested there), in the
    /// chosen language.
    #[test]
    fn announcements_speak_the_displayed_figures() {
        let figures = |s: &Scenario| {
            let e = evaluate(s).expect("evaluates");
            let f = shown(s, &e);
            (e, f)
        };
        let s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
        let (e, f) = figures(&s);
        assert_eq!(
            announcement(texts(Lang::Da), &e, &f, Lang::Da, true),
            "Samlede udgifter: 21.900.000 kr. Fuldt finansieret."
        );

        let mut gap = s.clone();
        gap.sources.retain(|src| src.id != "local");
        let (e, f) = figures(&gap);
        assert_eq!(
            announcement(texts(Lang::Da), &e, &f, Lang::Da, true),
            "Samlede udgifter: 21.900.000 kr. Manglende finansiering: 3.450.000 kr."
        );
        assert_eq!(
            announcement(texts(Lang::En), &e, &f, Lang::En, true),
            "Total cost: DKK 21,900,000. Funding gap: DKK 3,450,000."
        );

        let mut surplus = gap;
        surplus.sources.push(Source {
            id: "extra".into(),
            label: "Ekstra".into(),
            kind: SourceKind::Fixed {
                amount: Decimal::new(40_000_004, 1),
            },
        });
        let (e, f) = figures(&surplus);
        assert_eq!(
            announcement(texts(Lang::En), &e, &f, Lang::En, true),
            "Total cost: DKK 21,900,000. Surplus funding: DKK 550,000."
        );
        // The last valid figures, while a field cannot be read, are not announced as if
        // they answered it.
        assert_eq!(
            announcement(texts(Lang::Da), &e, &f, Lang::Da, false),
            "Viser sidste gyldige resultat – ret de markerede felter."
        );
        assert_eq!(
            announcement(texts(Lang::En), &e, &f, Lang::En, false),
            "Showing the last valid result – correct the marked fields."
        );
    }

    #[test]
    fn subject_keys_read_back() {
        for subject in [
            Subject::TotalCost,
            Subject::EligibleCost,
            Subject::Funded,
            Subject::Balance,
            Subject::PerYear,
            Subject::Line(12),
            Subject::Source(0),
            Subject::PerUnit(3),
            Subject::LinePerYear(4),
            Subject::SourcePerYear(5),
            Subject::FundedPerYear,
            Subject::GapPerYear,
            Subject::SourceShare(6),
            Subject::FundedShare,
            Subject::GapShare,
        ] {
            assert_eq!(parse_subject_key(&subject_key(subject)), Some(subject));
        }
        assert_eq!(parse_subject_key("line-x"), None);
    }

    #[test]
    fn subject_keys_are_distinct() {
        let subjects = [
            Subject::TotalCost,
            Subject::EligibleCost,
            Subject::Line(0),
            Subject::Line(1),
            Subject::Source(0),
            Subject::Funded,
            Subject::Balance,
            Subject::PerUnit(0),
            Subject::PerYear,
        ];
        let mut keys: Vec<String> = subjects.iter().map(|s| subject_key(*s)).collect();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), subjects.len());
    }
}
