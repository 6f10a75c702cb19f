//! The sensitivity sweep: one input of the scenario (a driver, an amount or a rate) varied
//! over a range, with every source, the gap, the total and the cost per unit drawn as
//! lines, a data table for screen readers, and a readout of every figure at the point
//! under the pointer or the keyboard focus.
//!
//! The chart's points are a listbox of options, one per swept value, with a roving
//! `tabindex`: Tab reaches the chart once, the arrow keys move from point to point (Home
//! and End to the first and last, Page Down and Page Up a tenth of the range on and back),
//! and the readout below shows the numbers of the point in focus. Vertical markers show
//! where a cap starts (or stops) binding and where a gap opens or closes; they are listed
//! in words below the chart as well.

use std::rc::Rc;

use cofund::explain::per_unit_title;
use cofund::model::error::Problem;
use cofund::model::goal::Range;
use cofund::model::{cost_per_unit, sweep_input, Input, Scenario, SourceKind, SweepRow};
use cofund::numbers::{format_amount, Lang, NumberErrorKind};
use cofund::text::sentence;
use cofund::Decimal;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::chart::{
    anchor, c, d, extra_lines, fit, focus, spaced_width, text_width, tick_labels, title_view,
    use_width, wrap, Axis, Scale, FONT, TITLE_LINE,
};
use super::words::{
    input_key, input_label, mark_label, parse_input_key, too_many_points, At, MarkKind, Unit,
};
use crate::i18n::board_texts;
use crate::ui::fields::{SelectField, TextField};

/// The most points one sweep draws.
pub const MAX_POINTS: usize = 1_000;
/// About how many markers (circles, squares, …) each line gets.
const MARKERS_PER_LINE: usize = 12;

// ---------------------------------------------------------------------------------------
// The form: which input, from, to, step.
// ---------------------------------------------------------------------------------------

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Which {
    From,
    To,
    Step,
}

/// The sweep's fields as typed, their errors, and the last range that was valid (the one
/// drawn: an invalid field keeps the last chart).
#[derive(Clone, Debug, PartialEq)]
struct Form {
    input: Option<Input>,
    from: String,
    to: String,
    step: String,
    from_error: Option<String>,
    to_error: Option<String>,
    step_error: Option<String>,
    applied: Option<(Input, Range)>,
}

enum FormAction {
    Choose(Input, Rc<Scenario>, Lang),
    Type(Which, String, Lang),
    /// The scenario or the language changed.
    Refresh(Rc<Scenario>, Lang),
}

impl Form {
    fn new(s: &Scenario, input: Option<Input>, lang: Lang) -> Form {
        let mut form = Form {
            input,
            from: String::new(),
            to: String::new(),
            step: String::new(),
            from_error: None,
            to_error: None,
            step_error: None,
            applied: None,
        };
        if let Some(input) = input {
            let range = default_range(s, input);
            let unit = Unit::of(input);
            form.from = unit.field_text(range.from, lang);
            form.to = unit.field_text(range.to, lang);
            form.step = unit.field_text(range.step, lang);
            form.check(lang);
        }
        form
    }

    /// Reads the fields; sets their errors, and the applied range when all are usable.
    fn check(&mut self, lang: Lang) {
        let Some(input) = self.input else {
            return;
        };
        let unit = Unit::of(input);
        let read = |text: &str| unit.parse(text, lang).map_err(|e| e.message(lang));
        // A negative step is told what 0 is told ("greater than 0"), not "0 or more".
        let step = unit.parse(&self.step, lang).map_err(|e| match e.kind {
            NumberErrorKind::Negative => sentence(&Problem::StepNotPositive.describe(lang)),
            _ => e.message(lang),
        });
        let (from, to) = (read(&self.from), read(&self.to));
        self.from_error = from.as_ref().err().cloned();
        self.to_error = to.as_ref().err().cloned();
        self.step_error = step.as_ref().err().cloned();
        let (Ok(from), Ok(to), Ok(step)) = (from, to, step) else {
            return;
        };
        let range = Range::new(from, to, step);
        match range.points() {
            Ok(n) if n > MAX_POINTS => {
                self.step_error = Some(too_many_points(Some(n), MAX_POINTS, lang));
            }
            Ok(_) => self.applied = Some((input, range)),
            Err(e) => {
                let message = match e.problem() {
                    cofund::model::error::Problem::TooManyPoints { .. } => {
                        too_many_points(None, MAX_POINTS, lang)
                    }
                    problem => sentence(&problem.describe(lang)),
                };
                match e.path() {
                    "range.from" => self.from_error = Some(message),
                    "range.to" => self.to_error = Some(message),
                    _ => self.step_error = Some(message),
                }
            }
        }
    }

    fn valid(&self) -> bool {
        self.from_error.is_none() && self.to_error.is_none() && self.step_error.is_none()
    }
}

impl Reducible for Form {
    type Action = FormAction;

    fn reduce(self: Rc<Self>, action: FormAction) -> Rc<Self> {
        match action {
            FormAction::Choose(input, s, lang) => Rc::new(Form::new(&s, Some(input), lang)),
            FormAction::Type(which, text, lang) => {
                let mut next = (*self).clone();
                match which {
                    Which::From => next.from = text,
                    Which::To => next.to = text,
                    Which::Step => next.step = text,
                }
                next.check(lang);
                Rc::new(next)
            }
            FormAction::Refresh(s, lang) => {
                let usable = self.input.is_some_and(|i| i.value(&s).is_some());
                if !usable {
                    let next = Form::new(&s, default_input(&s), lang);
                    return if next == *self { self } else { Rc::new(next) };
                }
                // Same input: write the applied range in the (possibly new) language, so
                // that `1.000` typed in Danish does not become 1 in English.
                let mut next = (*self).clone();
                if let (true, Some((input, range))) = (self.valid(), self.applied) {
                    let unit = Unit::of(input);
                    next.from = unit.field_text(range.from, lang);
                    next.to = unit.field_text(range.to, lang);
                    next.step = unit.field_text(range.step, lang);
                }
                next.check(lang);
                if next == *self {
                    self
                } else {
                    Rc::new(next)
                }
            }
        }
    }
}

/// The first driver, or the first input of any kind.
fn default_input(s: &Scenario) -> Option<Input> {
    Input::all(s).into_iter().next()
}

/// A driver's own range (min, max, step; at most [`MAX_POINTS`] points), 0–100 % for a
/// rate, and 0 to twice today's value in about a hundred round steps for an amount.
fn default_range(s: &Scenario, input: Input) -> Range {
    let value = input.value(s).unwrap_or_default();
    let hundred = Decimal::ONE_HUNDRED;
    let (from, to, step) = match input {
        Input::Driver(i) => {
            let driver = s.drivers.get(i);
            let from = driver.and_then(|d| d.min).unwrap_or(Decimal::ZERO);
            let to = driver.and_then(|d| d.max).unwrap_or_else(|| {
                if value > from {
                    value.checked_mul(Decimal::TWO).unwrap_or(value)
                } else {
                    from.checked_add(Decimal::TEN).unwrap_or(from)
                }
            });
            let step = driver.and_then(|d| d.step).unwrap_or(Decimal::ONE);
            (from, to, step)
        }
        Input::SourceRate(_) => (Decimal::ZERO, hundred, Decimal::ONE),
        _ => {
            let to = if value > Decimal::ZERO {
                value.checked_mul(Decimal::TWO).unwrap_or(value)
            } else {
                Decimal::from(1_000_000)
            };
            (Decimal::ZERO, to, super::chart::nice_step(to / hundred))
        }
    };
    let range = Range::new(from, to, step);
    match range.points() {
        Ok(n) if n <= MAX_POINTS => range,
        _ => {
            let span = to.checked_sub(from).unwrap_or_default();
            let step = super::chart::nice_step(span / Decimal::from(MAX_POINTS - 1));
            Range::new(from, to, step)
        }
    }
}

// ---------------------------------------------------------------------------------------
// The data: the rows of the sweep as series of values.
// ---------------------------------------------------------------------------------------

/// How one line is drawn: colour (a CSS class), dash pattern and marker shape, so that
/// lines can be told apart without colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Style {
    class: &'static str,
    dash: Option<&'static str>,
    marker: Marker,
    thick: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Marker {
    None,
    Circle,
    Square,
    Triangle,
    Diamond,
    TriangleDown,
    Plus,
    Cross,
}

const SOURCE_CLASSES: [&str; 10] = [
    "cofund-sweep-c0",
    "cofund-sweep-c1",
    "cofund-sweep-c2",
    "cofund-sweep-c3",
    "cofund-sweep-c4",
    "cofund-sweep-c5",
    "cofund-sweep-c6",
    "cofund-sweep-c7",
    "cofund-sweep-c8",
    "cofund-sweep-c9",
];
const DASHES: [Option<&str>; 6] = [
    None,
    Some("9 4"),
    Some("3 3"),
    Some("12 4 3 4"),
    Some("6 2 2 2"),
    Some("2 6"),
];
const MARKERS: [Marker; 6] = [
    Marker::Circle,
    Marker::Square,
    Marker::Triangle,
    Marker::Diamond,
    Marker::TriangleDown,
    Marker::Plus,
];

/// One line of the chart.
#[derive(Clone, Debug, PartialEq)]
struct Series {
    /// For tests and styling: `total`, `source-deb`, `gap`, `per-unit`.
    key: String,
    label: String,
    style: Style,
    /// 0: amounts; 1: cost per unit.
    panel: usize,
    /// One per point; `None` where the value is not defined (cost per unit at 0 units).
    values: Vec<Option<Decimal>>,
}

/// A vertical marker: at point `index`, in words.
#[derive(Clone, Debug, PartialEq)]
struct Mark {
    index: usize,
    label: String,
    gap: bool,
}

/// A sweep ready to draw.
#[derive(Clone, Debug, PartialEq)]
pub struct SweepData {
    input_label: String,
    unit: Unit,
    xs: Vec<Decimal>,
    /// Each x formatted in its unit (`150`, `50 %`, `46.000 kr.`).
    x_texts: Vec<AttrValue>,
    /// Each point's accessible name: "Vækstpiloter 150".
    x_names: Vec<AttrValue>,
    series: Vec<Series>,
    /// Funding beyond the total cost, when any point has some (table only).
    surplus: Option<Vec<Decimal>>,
    marks: Vec<Mark>,
    /// The input's value in the scenario as it is.
    today: Decimal,
}

impl SweepData {
    fn new(s: &Scenario, input: Input, rows: &[SweepRow], lang: Lang) -> SweepData {
        let t = board_texts(lang);
        let unit = Unit::of(input);
        let input_label = input_label(s, input, lang);
        let xs: Vec<Decimal> = rows.iter().map(|r| r.value).collect();
        let x_texts: Vec<AttrValue> = xs
            .iter()
            .map(|x| AttrValue::from(unit.format(*x, lang)))
            .collect();
        let x_names = x_texts
            .iter()
            .map(|x| AttrValue::from(format!("{input_label} {x}")))
            .collect();

        let mut series = vec![Series {
            key: "total".into(),
            label: t.total_cost.into(),
            style: Style {
                class: "cofund-sweep-total",
                dash: None,
                marker: Marker::None,
                thick: true,
            },
            panel: 0,
            values: rows.iter().map(|r| Some(r.total_cost)).collect(),
        }];
        for (i, src) in s.sources.iter().enumerate() {
            series.push(Series {
                key: format!("source-{}", src.id),
                label: src.label.clone(),
                style: Style {
                    class: SOURCE_CLASSES[i % SOURCE_CLASSES.len()],
                    dash: DASHES[i % DASHES.len()],
                    marker: MARKERS[i % MARKERS.len()],
                    thick: false,
                },
                panel: 0,
                values: rows.iter().map(|r| r.sources.get(i).copied()).collect(),
            });
        }
        series.push(Series {
            key: "gap".into(),
            label: t.gap.into(),
            style: Style {
                class: "cofund-sweep-gap",
                dash: Some("5 3"),
                marker: Marker::Cross,
                thick: false,
            },
            panel: 0,
            values: rows.iter().map(|r| Some(r.gap)).collect(),
        });
        // Cost per unit of the swept driver, or of the scenario's first driver.
        let unit_driver = match input {
            Input::Driver(i) => Some(i),
            _ if !s.drivers.is_empty() => Some(0),
            _ => None,
        };
        if let Some(di) = unit_driver {
            // Named as the results and the comparison name it ("Udgift pr. vækstpilot").
            let label =
                per_unit_title(s, di, lang).unwrap_or_else(|| t.cost_per_unit_of.to_string());
            series.push(Series {
                key: "per-unit".into(),
                label,
                style: Style {
                    class: "cofund-sweep-unit",
                    dash: None,
                    marker: Marker::Diamond,
                    thick: false,
                },
                panel: 1,
                values: rows
                    .iter()
                    .map(|r| {
                        let units = if input == Input::Driver(di) {
                            r.value
                        } else {
                            s.drivers.get(di).map_or(Decimal::ZERO, |d| d.value)
                        };
                        cost_per_unit(r.total_cost, units)
                    })
                    .collect(),
            });
        }
        let surplus = rows
            .iter()
            .any(|r| r.surplus > Decimal::ZERO)
            .then(|| rows.iter().map(|r| r.surplus).collect());

        SweepData {
            marks: marks(s, input, rows, &x_texts, lang),
            input_label,
            unit,
            xs,
            x_texts,
            x_names,
            series,
            surplus,
            today: input.value(s).unwrap_or_default(),
        }
    }

    /// The index of the point nearest to `x` (the first of two equally near).
    fn nearest(&self, x: Decimal) -> usize {
        match self.xs.binary_search(&x) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) if i >= self.xs.len() => self.xs.len().saturating_sub(1),
            Err(i) => {
                if x - self.xs[i - 1] <= self.xs[i] - x {
                    i - 1
                } else {
                    i
                }
            }
        }
    }
}

/// Where a cap starts or stops binding and where a gap opens or closes, found from the
/// rows (exact: the rows are the evaluated grid).
///
/// The grid only tells that the change lies after one point and by the next: the label says
/// "between 100 and 105", not "from 105", which a board member would read as 100–104 being
/// fully funded when the gap opens at 101 (a QA round). Only counts one apart in whole units
/// (pilots, SMEs) have the next point as the first with the change.
fn marks(
    s: &Scenario,
    input: Input,
    rows: &[SweepRow],
    x_texts: &[AttrValue],
    lang: Lang,
) -> Vec<Mark> {
    let at = |k: usize| {
        let (a, b) = (rows[k - 1].value, rows[k].value);
        let whole = |v: Decimal| v.trunc() == v;
        if matches!(input, Input::Driver(_)) && whole(a) && whole(b) && b - a == Decimal::ONE {
            At::Point(&x_texts[k])
        } else {
            At::Between(&x_texts[k - 1], &x_texts[k])
        }
    };
    let mut out = Vec::new();
    for (i, src) in s.sources.iter().enumerate() {
        let has_cap = matches!(
            src.kind,
            SourceKind::Share { .. } | SourceKind::Residual { .. }
        );
        if !has_cap {
            continue;
        }
        let cap_at = |row: &SweepRow| {
            if input == Input::SourceCap(i) {
                Some(row.value)
            } else {
                src.kind.cap()
            }
        };
        let binds = |row: &SweepRow| {
            cap_at(row).is_some_and(|cap| row.sources.get(i).is_some_and(|a| *a >= cap))
        };
        for k in 1..rows.len() {
            let (before, now) = (binds(&rows[k - 1]), binds(&rows[k]));
            if before != now {
                let kind = if now {
                    MarkKind::CapBinds(&src.label)
                } else {
                    MarkKind::CapReleases(&src.label)
                };
                out.push(Mark {
                    index: k,
                    label: mark_label(&kind, &at(k), lang),
                    gap: false,
                });
            }
        }
    }
    for k in 1..rows.len() {
        let (before, now) = (rows[k - 1].gap > Decimal::ZERO, rows[k].gap > Decimal::ZERO);
        if before != now {
            let kind = if now {
                MarkKind::GapOpens
            } else {
                MarkKind::GapCloses
            };
            out.push(Mark {
                index: k,
                label: mark_label(&kind, &at(k), lang),
                gap: true,
            });
        }
    }
    out.sort_by_key(|m| m.index);
    out
}

// ---------------------------------------------------------------------------------------
// The panel: the form and the chart.
// ---------------------------------------------------------------------------------------

#[derive(Properties, PartialEq)]
pub struct SweepPanelProps {
    pub scenario: Rc<Scenario>,
    pub lang: Lang,
}

#[function_component(SweepPanel)]
pub fn sweep_panel(props: &SweepPanelProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let scenario = props.scenario.clone();
    let form = {
        let s = scenario.clone();
        use_reducer(move || Form::new(&s, default_input(&s), lang))
    };
    {
        let dispatch = form.dispatcher();
        use_effect_with((scenario.clone(), lang), move |(s, lang)| {
            dispatch.dispatch(FormAction::Refresh(s.clone(), *lang));
        });
    }
    let data = use_memo(
        (scenario.clone(), form.applied, lang),
        |(s, applied, lang)| {
            applied.map(|(input, range)| {
                sweep_input(s, input, range.from, range.to, range.step)
                    .map(|rows| Rc::new(SweepData::new(s, input, &rows, *lang)))
                    .map_err(|e| e.message(*lang))
            })
        },
    );

    let inputs = Input::all(&scenario);
    let Some(input) = form.input.filter(|i| i.value(&scenario).is_some()) else {
        return html! {
            <section class="cofund-analysis-panel" aria-labelledby="cofund-sweep-heading">
                <h3 id="cofund-sweep-heading">{ t.sweep_heading }</h3>
                <p class="cofund-note">{ t.analysis_nothing }</p>
            </section>
        };
    };
    let options: Vec<(AttrValue, AttrValue)> = inputs
        .iter()
        .map(|i| {
            (
                AttrValue::from(input_key(*i)),
                AttrValue::from(input_label(&scenario, *i, lang)),
            )
        })
        .collect();
    let choose = {
        let (dispatch, s) = (form.dispatcher(), scenario.clone());
        Callback::from(move |key: String| {
            if let Some(input) = parse_input_key(&key) {
                dispatch.dispatch(FormAction::Choose(input, s.clone(), lang));
            }
        })
    };
    let typed = |which: Which| {
        let dispatch = form.dispatcher();
        Callback::from(move |text: String| dispatch.dispatch(FormAction::Type(which, text, lang)))
    };
    let suffix = match Unit::of(input) {
        Unit::Count => "",
        Unit::Amount => t.unit_kr,
        Unit::Rate => " (%)",
    };
    let label = |word: &str| AttrValue::from(format!("{word}{suffix}"));

    html! {
        <section class="cofund-analysis-panel" aria-labelledby="cofund-sweep-heading">
            <h3 id="cofund-sweep-heading">{ t.sweep_heading }</h3>
            <p class="cofund-hint">
                <span class="cofund-screen-only">{ t.sweep_instruction }{ " " }</span>{ t.sweep_intro }
            </p>
            <div class="cofund-analysis-controls">
                <SelectField id="cofund-sweep-input" label={t.sweep_input_label} options={options}
                    selected={AttrValue::from(input_key(input))} on_change={choose} class="cofund-analysis-wide" />
                <TextField id="cofund-sweep-from" label={label(t.range_from)} value={AttrValue::from(form.from.clone())}
                    error={form.from_error.clone().map(AttrValue::from)} numeric=true on_input={typed(Which::From)} />
                <TextField id="cofund-sweep-to" label={label(t.range_to)} value={AttrValue::from(form.to.clone())}
                    error={form.to_error.clone().map(AttrValue::from)} numeric=true on_input={typed(Which::To)} />
                <TextField id="cofund-sweep-step" label={label(t.range_step)} value={AttrValue::from(form.step.clone())}
                    error={form.step_error.clone().map(AttrValue::from)} numeric=true on_input={typed(Which::Step)} />
            </div>
            if !form.valid() && data.is_some() {
                <p class="cofund-analysis-stale">{ t.sweep_stale }</p>
            }
            {
                match &*data {
                    Some(Ok(data)) => html! { <SweepChart data={data.clone()} lang={lang} /> },
                    Some(Err(message)) => html! { <p class="cofund-error">{ message }</p> },
                    None => html! {},
                }
            }
        </section>
    }
}

// ---------------------------------------------------------------------------------------
// The chart.
// ---------------------------------------------------------------------------------------

const CAPTION_ID: &str = "cofund-sweep-caption";
const READOUT_ID: &str = "cofund-sweep-readout";
const KEYS_ID: &str = "cofund-sweep-keys";
/// Top of the first panel (room for its title above) and the space between panels.
const PLOT_TOP: u32 = 40;
const PANEL_GAP: u32 = 58;

/// One panel of the chart (amounts, cost per unit) in SVG units.
#[derive(Clone, Debug, PartialEq)]
struct PanelGeometry {
    /// The title's lines ([`wrap`]).
    title: Vec<String>,
    title_y: String,
    top: Decimal,
    bottom: Decimal,
    scale: Scale,
    /// (y, label) of each tick.
    ticks: Vec<(String, String)>,
}

#[derive(Clone, Debug, PartialEq)]
struct LineGeometry {
    series: usize,
    path: AttrValue,
    markers: AttrValue,
}

#[derive(Clone, Debug, PartialEq)]
struct MarkGeometry {
    x: String,
    label: String,
    label_x: String,
    label_y: String,
    anchor: &'static str,
    gap: bool,
}

/// Everything the chart draws, for one width.
#[derive(Clone, Debug, PartialEq)]
struct Geometry {
    width: u32,
    height: u32,
    left: Decimal,
    right: Decimal,
    panels: Vec<PanelGeometry>,
    /// (x, label, text-anchor) of each tick on the x axis.
    x_ticks: Vec<(String, String, &'static str)>,
    x_labels_y: String,
    /// The x axis's title, its lines ([`wrap`]) and the first one's baseline.
    x_title: Vec<String>,
    x_title_y: String,
    xs: Vec<Decimal>,
    /// (x, width) of each point's hover and focus strip.
    strips: Vec<(AttrValue, AttrValue)>,
    lines: Vec<LineGeometry>,
    marks: Vec<MarkGeometry>,
}

impl Geometry {
    fn new(data: &SweepData, width: u32, lang: Lang) -> Geometry {
        let t = board_texts(lang);
        let n = data.xs.len();
        let has_unit_panel = data.series.iter().any(|s| s.panel == 1);
        let panel_count = if has_unit_panel { 2 } else { 1 };

        // The y axes first: their labels decide the left margin.
        let h1 = (width * 42 / 100).clamp(170, 360);
        let h2 = (width * 16 / 100).clamp(80, 150);
        let axes: Vec<(Axis, Vec<String>)> = (0..panel_count)
            .map(|p| {
                let top = data
                    .series
                    .iter()
                    .filter(|s| s.panel == p)
                    .flat_map(|s| s.values.iter().flatten())
                    .copied()
                    .max()
                    .unwrap_or_default();
                let height = if p == 0 { h1 } else { h2 };
                let axis = Axis::new(Decimal::ZERO, top, (height / 45).max(2), true);
                let labels = tick_labels(&axis, Unit::Amount, lang);
                (axis, labels)
            })
            .collect();
        let widest = axes
            .iter()
            .flat_map(|(_, labels)| labels.iter())
            // With the spacing a reader may set, or "200.000" runs past the left edge.
            .map(|l| spaced_width(l))
            .max()
            .unwrap_or(0);
        let left_u = (widest + 14).max(40);
        let right_u = 18;
        let (left, right) = (d(left_u), d(width.saturating_sub(right_u).max(left_u + 40)));

        let mut panels = Vec::new();
        let mut y = PLOT_TOP;
        for (p, (axis, labels)) in axes.into_iter().enumerate() {
            let height = if p == 0 { h1 } else { h2 };
            let title = if p == 0 {
                t.axis_amount.to_string()
            } else {
                data.series
                    .iter()
                    .find(|s| s.panel == 1)
                    .map_or_else(String::new, |s| format!("{}{}", s.label, t.unit_kr))
            };
            // A title that wraps pushes its panel down by the lines it adds.
            let title = wrap(&title, width);
            let extra = extra_lines(&title) * TITLE_LINE;
            y += extra;
            let (top, bottom) = (d(y), d(y + height));
            let scale = Scale::new(axis.lo, axis.hi, bottom, top);
            let ticks = axis
                .ticks
                .iter()
                .zip(labels)
                .map(|(v, label)| (c(scale.at(*v)), label))
                .collect();
            panels.push(PanelGeometry {
                title,
                title_y: (y - 14 - extra).to_string(),
                top,
                bottom,
                scale,
                ticks,
            });
            y += height + PANEL_GAP;
        }
        let plot_top = panels.first().map_or(d(PLOT_TOP), |p| p.top);
        let plot_bottom = panels.last().map_or(d(y), |p| p.bottom);
        let bottom_u = y - PANEL_GAP;

        // The x axis: exactly the swept range.
        let (x0, x1) = match (data.xs.first(), data.xs.last()) {
            (Some(a), Some(b)) => (*a, *b),
            _ => (Decimal::ZERO, Decimal::ONE),
        };
        let sample = data.unit.format(x1, lang);
        let per_tick = text_width(&sample).max(text_width("000")) + 28;
        let room = width.saturating_sub(left_u + right_u);
        let x_axis = Axis::new(x0, x1, (room / per_tick).clamp(2, 10), false);
        let (x_lo, x_hi) = if n > 1 {
            (x0, x1)
        } else {
            (x_axis.lo, x_axis.hi)
        };
        let x_scale = Scale::new(x_lo, x_hi, left, right);
        let x_tick_labels = tick_labels(&x_axis, data.unit, lang);
        let x_ticks = x_axis
            .ticks
            .iter()
            .zip(x_tick_labels)
            .filter(|(v, _)| *v >= &x_lo && *v <= &x_hi)
            .map(|(v, label)| {
                let x = x_scale.at(*v);
                let anchor = anchor(x, &label, width);
                (c(x), label, anchor)
            })
            .collect();
        let xs: Vec<Decimal> = data.xs.iter().map(|x| x_scale.at(*x)).collect();

        // Strips from midpoint to midpoint, so every bit of the plot belongs to a point.
        let half = Decimal::new(5, 1);
        let strips = (0..n)
            .map(|i| {
                let start = if i == 0 {
                    left
                } else {
                    ((xs[i - 1] + xs[i]) * half).round_dp(1)
                };
                let end = if i + 1 == n {
                    right
                } else {
                    ((xs[i] + xs[i + 1]) * half).round_dp(1)
                };
                (
                    AttrValue::from(c(start)),
                    AttrValue::from(c((end - start).max(Decimal::ZERO))),
                )
            })
            .collect();

        let stride = n.div_ceil(MARKERS_PER_LINE).max(1);
        let lines = data
            .series
            .iter()
            .enumerate()
            .map(|(si, series)| {
                let scale = panels[series.panel.min(panels.len() - 1)].scale;
                let mut path = String::with_capacity(n * 14);
                let mut markers = String::new();
                let mut open = false;
                // Markers of different lines sit at different points, so lines that
                // coincide still show all their markers.
                let offset = si % stride;
                for (k, value) in series.values.iter().enumerate() {
                    match value {
                        Some(v) => {
                            let (x, y) = (xs[k], scale.at(*v));
                            path.push(if open { 'L' } else { 'M' });
                            path.push_str(&c(x));
                            path.push(' ');
                            path.push_str(&c(y));
                            open = true;
                            if k % stride == offset {
                                marker_path(&mut markers, series.style.marker, x, y);
                            }
                        }
                        None => open = false,
                    }
                }
                LineGeometry {
                    series: si,
                    path: path.into(),
                    markers: markers.into(),
                }
            })
            .collect();

        let middle = (left + right) * half;
        let marks = data
            .marks
            .iter()
            .enumerate()
            .map(|(j, mark)| {
                let x = xs[mark.index.min(n - 1)];
                let left_side = x > middle;
                let offset = Decimal::from(4);
                let row = u32::try_from(j % 6).unwrap_or(0);
                // The room on the label's side of its line, not half the chart: cut at
                // half, "… mellem 100 og 100,5" read "… mellem 100 og 100…" with room to
                // spare (a QA round).
                let side = if left_side { x - left } else { right - x };
                let room = (side - offset)
                    .trunc()
                    .to_string()
                    .parse()
                    .unwrap_or(width / 2);
                MarkGeometry {
                    x: c(x),
                    label: fit(&mark.label, room.max(width / 4)),
                    label_x: c(if left_side { x - offset } else { x + offset }),
                    label_y: c(plot_top + d(16 + row * 18)),
                    anchor: if left_side { "end" } else { "start" },
                    gap: mark.gap,
                }
            })
            .collect();

        // The x axis's title, centred under the plot: as wide as the nearer edge allows.
        let centre = (left_u + width.saturating_sub(right_u).max(left_u + 40)) / 2;
        let x_title = wrap(
            &data.input_label,
            2 * centre.min(width.saturating_sub(centre)),
        );

        Geometry {
            width,
            height: bottom_u + 52 + extra_lines(&x_title) * TITLE_LINE,
            left,
            right,
            x_labels_y: c(plot_bottom + d(FONT + 6)),
            x_title_y: c(plot_bottom + d(FONT * 2 + 16)),
            x_title,
            panels,
            x_ticks,
            xs,
            strips,
            lines,
            marks,
        }
    }
}

/// Appends a marker of `kind` centred on (`x`, `y`) to an SVG path.
fn marker_path(out: &mut String, kind: Marker, x: Decimal, y: Decimal) {
    use std::fmt::Write;
    let r = Decimal::from(4);
    let (x, y) = (x.round_dp(1), y.round_dp(1));
    let _ = match kind {
        Marker::None => Ok(()),
        Marker::Circle => write!(
            out,
            "M{} {}a4 4 0 1 0 8 0a4 4 0 1 0 -8 0",
            (x - r).normalize(),
            y.normalize()
        ),
        Marker::Square => write!(
            out,
            "M{} {}h7v7h-7Z",
            (x - Decimal::new(35, 1)).normalize(),
            (y - Decimal::new(35, 1)).normalize()
        ),
        Marker::Triangle => write!(
            out,
            "M{} {}l5 8h-10Z",
            x.normalize(),
            (y - r - Decimal::ONE).normalize()
        ),
        Marker::TriangleDown => write!(
            out,
            "M{} {}l5 -8h-10Z",
            x.normalize(),
            (y + r + Decimal::ONE).normalize()
        ),
        Marker::Diamond => write!(
            out,
            "M{} {}l5 5l-5 5l-5 -5Z",
            x.normalize(),
            (y - Decimal::from(5)).normalize()
        ),
        Marker::Plus => write!(
            out,
            "M{} {}h10M{} {}v10",
            (x - Decimal::from(5)).normalize(),
            y.normalize(),
            x.normalize(),
            (y - Decimal::from(5)).normalize()
        ),
        Marker::Cross => write!(
            out,
            "M{} {}l8 8m0 -8l-8 8",
            (x - r).normalize(),
            (y - r).normalize()
        ),
    };
}

/// A small picture of a line's style (colour, dash and marker) for the legend.
fn swatch(style: Style) -> Html {
    let mut markers = String::new();
    marker_path(
        &mut markers,
        style.marker,
        Decimal::from(14),
        Decimal::from(7),
    );
    html! {
        <svg class="cofund-sweep-swatch" viewBox="0 0 28 14" aria-hidden="true" focusable="false">
            <path class={classes!("cofund-sweep-line", style.class, style.thick.then_some("cofund-sweep-line--thick"))}
                  d="M1 7H27" stroke-dasharray={style.dash} fill="none" />
            if !markers.is_empty() {
                <path class={classes!("cofund-sweep-marker", style.class)} d={markers} />
            }
        </svg>
    }
}

#[derive(Properties, PartialEq)]
pub struct SweepChartProps {
    pub data: Rc<SweepData>,
    pub lang: Lang,
}

#[function_component(SweepChart)]
pub fn sweep_chart(props: &SweepChartProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let data = props.data.clone();
    let figure = use_node_ref();
    let points = use_node_ref();
    let width = use_width(figure.clone());
    let geometry = use_memo((data.clone(), width, lang), |(data, width, lang)| {
        Geometry::new(data, *width, *lang)
    });
    // The active point is kept as a value, so that it stays put when the range changes.
    let active = use_state(|| None::<Decimal>);
    let pending_focus = use_mut_ref(|| None::<usize>);
    // Where the pointer last was on the screen (see `onmousemove`).
    let pointer_at = use_mut_ref(|| None::<(i32, i32)>);
    let table_open = use_state(|| false);

    {
        let (pending, points) = (pending_focus.clone(), points.clone());
        use_effect(move || {
            if let Some(i) = pending.borrow_mut().take() {
                if let Some(group) = points.cast::<web_sys::Element>() {
                    if let Ok(Some(el)) = group.query_selector(&format!("[data-i=\"{i}\"]")) {
                        focus(&el);
                    }
                }
            }
        });
    }

    let n = data.xs.len();
    if n == 0 {
        return html! {};
    }
    let k = data.nearest(active.unwrap_or(data.today));
    let select = |data: &Rc<SweepData>, active: &UseStateHandle<Option<Decimal>>, i: usize| {
        if let Some(x) = data.xs.get(i) {
            if **active != Some(*x) {
                active.set(Some(*x));
            }
        }
    };
    let index_of = |target: Option<web_sys::EventTarget>| -> Option<usize> {
        target?
            .dyn_into::<web_sys::Element>()
            .ok()?
            .get_attribute("data-i")?
            .parse()
            .ok()
    };
    let onkeydown = {
        let (data, active, pending) = (data.clone(), active.clone(), pending_focus.clone());
        Callback::from(move |e: KeyboardEvent| {
            let page = (n / 10).max(1);
            let next = match e.key().as_str() {
                "ArrowRight" | "ArrowDown" => (k + 1).min(n - 1),
                "ArrowLeft" | "ArrowUp" => k.saturating_sub(1),
                "PageDown" => (k + page).min(n - 1),
                "PageUp" => k.saturating_sub(page),
                "Home" => 0,
                "End" => n - 1,
                _ => return,
            };
            e.prevent_default();
            *pending.borrow_mut() = Some(next);
            select(&data, &active, next);
        })
    };
    // The pointer shows the point under it when it moves. A scroll under a pointer held
    // still also sends mouse events (the browser's hover follows what comes under it), at
    // the same place on the screen and with no movement; they are not the user pointing,
    // and must not take the readout from the point the keys chose, which keeps the focus.
    let onmousemove = {
        let (data, active) = (data.clone(), active.clone());
        Callback::from(move |e: MouseEvent| {
            let at = (e.client_x(), e.client_y());
            let still = e.movement_x() == 0 && e.movement_y() == 0;
            if pointer_at.replace(Some(at)) == Some(at) || still {
                return;
            }
            if let Some(i) = index_of(e.target()) {
                select(&data, &active, i);
            }
        })
    };
    let onclick = {
        let (data, active, pending) = (data.clone(), active.clone(), pending_focus.clone());
        Callback::from(move |e: MouseEvent| {
            if let Some(i) = index_of(e.target()) {
                *pending.borrow_mut() = Some(i);
                select(&data, &active, i);
            }
        })
    };
    let onfocusin = {
        let (data, active) = (data.clone(), active.clone());
        Callback::from(move |e: FocusEvent| {
            if let Some(i) = index_of(e.target()) {
                select(&data, &active, i);
            }
        })
    };
    let ontoggle = {
        let table_open = table_open.clone();
        Callback::from(move |e: Event| {
            let open = e
                .target()
                .and_then(|t| js_sys::Reflect::get(&t, &"open".into()).ok())
                .and_then(|v| v.as_bool())
                .unwrap_or(false);
            table_open.set(open);
        })
    };

    let g = &*geometry;
    let view_box = format!("0 0 {} {}", g.width, g.height);
    let plot_top = g.panels.first().map_or(Decimal::ZERO, |p| p.top);
    let plot_bottom = g.panels.last().map_or(Decimal::ZERO, |p| p.bottom);
    let (strip_y, strip_h) = (
        AttrValue::from(c(plot_top)),
        AttrValue::from(c(plot_bottom - plot_top)),
    );
    let caption = format!(
        "{}: {} – {}",
        data.input_label,
        data.x_texts[0],
        data.x_texts[n - 1]
    );

    let panel_view = |p: &PanelGeometry| {
        html! {
            <g class="cofund-sweep-panel">
                { title_view(&p.title, "0".into(), p.title_y.clone(), "start") }
                { for p.ticks.iter().map(|(y, label)| html! { <>
                    <line class="cofund-chart-grid" x1={c(g.left)} x2={c(g.right)} y1={y.clone()} y2={y.clone()} />
                    <text class="cofund-chart-tick" x={c(g.left - Decimal::from(6))} y={y.clone()} text-anchor="end" dy="0.35em">{ label }</text>
                </> }) }
                <line class="cofund-chart-axis" x1={c(g.left)} x2={c(g.right)} y1={c(p.bottom)} y2={c(p.bottom)} />
                <line class="cofund-chart-axis" x1={c(g.left)} x2={c(g.left)} y1={c(p.top)} y2={c(p.bottom)} />
            </g>
        }
    };
    let line_view = |l: &LineGeometry| {
        let series = &data.series[l.series];
        let style = series.style;
        html! {
            <g class="cofund-sweep-series" data-series={series.key.clone()}>
                <path class={classes!("cofund-sweep-line", style.class, style.thick.then_some("cofund-sweep-line--thick"))}
                      d={l.path.clone()} stroke-dasharray={style.dash} fill="none" />
                if !l.markers.is_empty() {
                    <path class={classes!("cofund-sweep-marker", style.class)} d={l.markers.clone()} />
                }
            </g>
        }
    };
    let cursor_x = c(g.xs[k]);
    let dots = data.series.iter().filter_map(|series| {
        let value = series.values.get(k).copied().flatten()?;
        let scale = g.panels.get(series.panel)?.scale;
        Some(html! {
            <circle class={classes!("cofund-sweep-dot", series.style.class)} cx={cursor_x.clone()} cy={c(scale.at(value))} r="5" />
        })
    });

    let value_text = |v: Option<Decimal>| {
        v.map_or_else(
            || t.per_unit_undefined.to_string(),
            |v| format_amount(v, lang),
        )
    };

    html! {
        <figure class="cofund-sweep" ref={figure}>
            <figcaption id={CAPTION_ID} class="cofund-chart-caption">{ &caption }</figcaption>
            <p id={KEYS_ID} class="cofund-hint">{ t.sweep_keys }</p>
            <svg class="cofund-chart cofund-sweep-svg" viewBox={view_box} role="group" aria-labelledby={CAPTION_ID}
                 data-testid="sweep-chart" data-points={n.to_string()} focusable="false">
                <g aria-hidden="true">
                    { for g.panels.iter().map(panel_view) }
                    { for g.x_ticks.iter().map(|(x, label, anchor)| html! { <>
                        <line class="cofund-chart-tickmark" x1={x.clone()} x2={x.clone()} y1={c(plot_bottom)} y2={c(plot_bottom + Decimal::from(5))} />
                        <text class="cofund-chart-tick" x={x.clone()} y={g.x_labels_y.clone()} text-anchor={*anchor}>{ label }</text>
                    </> }) }
                    { title_view(&g.x_title, c((g.left + g.right) / Decimal::TWO), g.x_title_y.clone(), "middle") }
                    { for g.marks.iter().map(|m| html! {
                        <g class={classes!("cofund-sweep-mark", m.gap.then_some("cofund-sweep-mark--gap"))}>
                            { for g.panels.iter().map(|p| html! {
                                <line x1={m.x.clone()} x2={m.x.clone()} y1={c(p.top)} y2={c(p.bottom)} />
                            }) }
                            <text class="cofund-chart-halo" x={m.label_x.clone()} y={m.label_y.clone()} text-anchor={m.anchor}>{ &m.label }</text>
                        </g>
                    }) }
                    { for g.lines.iter().map(line_view) }
                </g>
                <g class="cofund-sweep-points" role="listbox" aria-orientation="horizontal" aria-label={t.sweep_points} ref={points}
                   {onkeydown} {onmousemove} {onclick} {onfocusin}>
                    { for g.strips.iter().enumerate().map(|(i, (x, w))| html! {
                        <rect class="cofund-sweep-hit" role="option" data-i={i.to_string()} x={x.clone()} y={strip_y.clone()}
                              width={w.clone()} height={strip_h.clone()} fill="transparent"
                              tabindex={if i == k { "0" } else { "-1" }}
                              aria-selected={if i == k { "true" } else { "false" }}
                              aria-describedby={(i == k).then_some(READOUT_ID)}
                              aria-label={data.x_names[i].clone()} />
                    }) }
                </g>
                // One line in each panel, not across the gap between them, where it struck
                // through the lower panel's title (a QA round's printout).
                <g class="cofund-sweep-cursor" aria-hidden="true">
                    { for g.panels.iter().map(|p| html! {
                        <line x1={cursor_x.clone()} x2={cursor_x.clone()} y1={c(p.top)} y2={c(p.bottom)} />
                    }) }
                    { for dots }
                </g>
            </svg>
            <div id={READOUT_ID} class="cofund-sweep-readout" data-testid="sweep-readout">
                <p class="cofund-sweep-readout-x">
                    <span>{ &data.input_label }</span>{ ": " }<strong data-testid="sweep-readout-x">{ data.x_texts[k].clone() }</strong>
                </p>
                <dl class="cofund-sweep-legend">
                    { for data.series.iter().map(|series| html! {
                        <div class="cofund-sweep-legend-item" data-series={series.key.clone()}>
                            <dt>{ swatch(series.style) }<span>{ &series.label }</span></dt>
                            <dd>{ value_text(series.values.get(k).copied().flatten()) }</dd>
                        </div>
                    }) }
                </dl>
            </div>
            if !data.marks.is_empty() {
                <ul class="cofund-sweep-marks" aria-label={t.sweep_marks}>
                    { for data.marks.iter().map(|m| html! {
                        <li class={classes!(m.gap.then_some("cofund-sweep-marks-gap"))}>{ &m.label }</li>
                    }) }
                </ul>
            }
            <details class="cofund-analysis-details" {ontoggle} data-testid="sweep-table">
                <summary>{ t.show_as_table }</summary>
                if *table_open {
                    { sweep_table(&data, &caption, lang) }
                }
            </details>
        </figure>
    }
}

/// The sweep as a table: one row per point, one column per line.
fn sweep_table(data: &SweepData, caption: &str, lang: Lang) -> Html {
    let t = board_texts(lang);
    let cell = |v: Option<Decimal>| {
        v.map_or_else(
            || t.per_unit_undefined.to_string(),
            |v| format_amount(v, lang),
        )
    };
    html! {
        <div class="cofund-analysis-scroll" role="region" aria-labelledby="cofund-sweep-table-caption" tabindex="0">
            <table class="cofund-table cofund-analysis-table">
                <caption id="cofund-sweep-table-caption"><span class="cofund-board-caption">{ caption }</span></caption>
                <thead>
                    <tr>
                        <th scope="col">{ &data.input_label }</th>
                        { for data.series.iter().map(|s| html! { <th scope="col" class="num">{ &s.label }</th> }) }
                        if data.surplus.is_some() {
                            <th scope="col" class="num">{ t.surplus }</th>
                        }
                    </tr>
                </thead>
                <tbody>
                    { for (0..data.xs.len()).map(|k| html! {
                        <tr data-i={k.to_string()}>
                            <th scope="row">{ data.x_texts[k].clone() }</th>
                            { for data.series.iter().map(|s| html! {
                                <td class="num">{ cell(s.values.get(k).copied().flatten()) }</td>
                            }) }
                            if let Some(surplus) = &data.surplus {
                                <td class="num">{ format_amount(surplus[k], lang) }</td>
                            }
                        </tr>
                    }) }
                </tbody>
            </table>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cofund::presets::Preset;

    fn preset(key: &str) -> Scenario {
        Preset::find(key)
            .and_then(|p| p.scenario().ok())
            .expect("preset")
    }

    fn dec(n: i64) -> Decimal {
        Decimal::from(n)
    }

    fn dec_str(text: &str) -> Decimal {
        text.parse().expect("test literal")
    }

    #[test]
    fn default_ranges() {
        // A unit with a Min. at `Decimal`'s limit and no Maks.: a one-point range, not a panic.
        let mut huge = preset("vaekstpilot-150");
        huge.drivers[0].min = Some(Decimal::MAX);
        huge.drivers[0].max = None;
        assert_eq!(
            default_range(&huge, Input::Driver(0)),
            Range::new(Decimal::MAX, Decimal::MAX, dec(1))
        );
        let s = preset("vaekstpilot-150");
        assert_eq!(
            default_range(&s, Input::Driver(0)),
            Range::new(dec(150), dec(225), dec(1))
        );
        assert_eq!(
            default_range(&s, Input::SourceRate(0)),
            Range::new(dec(0), dec(100), dec(1))
        );
        assert_eq!(
            default_range(&s, Input::CostAmount(1)),
            Range::new(dec(0), dec(92_000), dec(1_000))
        );
    }

    #[test]
    fn the_form_keeps_the_last_valid_range() {
        let s = Rc::new(preset("vaekstpilot-150"));
        let form = Rc::new(Form::new(&s, default_input(&s), Lang::Da));
        assert_eq!(
            form.applied,
            Some((Input::Driver(0), Range::new(dec(150), dec(225), dec(1))))
        );
        let form = form.reduce(FormAction::Type(Which::To, "32.850.0000".into(), Lang::Da));
        assert!(form.to_error.is_some());
        assert_eq!(form.applied.map(|(_, r)| r.to), Some(dec(225)));
        let form = form.reduce(FormAction::Type(Which::To, "1.000".into(), Lang::Da));
        assert!(form.valid());
        assert_eq!(form.applied.map(|(_, r)| r.to), Some(dec(1000)));
        let form = form.reduce(FormAction::Type(Which::From, "0".into(), Lang::Da));
        assert!(form
            .step_error
            .as_deref()
            .is_some_and(|e| e.contains("1.001 punkter")));
        assert_eq!(form.applied.map(|(_, r)| r.from), Some(dec(150)));
        // Switching language rewrites the applied range in the new notation.
        let form = form.reduce(FormAction::Type(Which::From, "1".into(), Lang::Da));
        let form = form.reduce(FormAction::Refresh(s.clone(), Lang::En));
        assert_eq!((form.from.as_str(), form.to.as_str()), ("1", "1,000"));
        assert!(form.valid());
    }

    /// Two caps binding at 150 and the gap opening at 151, the next point: three marks (a
    /// QA round saw the gap's missing over 100–250 in steps of 1).
    #[test]
    fn a_gap_opening_right_after_caps_bind_has_its_mark() {
        let s = cofund::model::from_json_str(
            r#"{"format":1,"name":"VP cap","currency":"DKK","years":3,"drivers":[{"id":"pilots","label":"Vækstpiloter","value":"150","min":"100","max":"250","step":"1"}],
            "costs":[{"id":"budget","label":"Budget","kind":"per_unit","driver":"pilots","amount":"146000"}],
            "sources":[{"id":"deb","label":"DEB","kind":"share","rate":"50","of":"eligible","cap":"10950000"},
            {"id":"companies","label":"Virk","kind":"per_unit","driver":"pilots","amount":"50000"},
            {"id":"local","label":"Lokal","kind":"residual","cap":"3450000"}]}"#,
        )
        .expect("valid");
        let rows = sweep_input(&s, Input::Driver(0), dec(100), dec(250), dec(1)).expect("sweep");
        let data = SweepData::new(&s, Input::Driver(0), &rows, Lang::Da);
        let labels: Vec<&str> = data.marks.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(
            labels,
            [
                "DEB: loftet nås ved 150",
                "Lokal: loftet nås ved 150",
                "Manglende finansiering fra 151"
            ]
        );
    }

    #[test]
    fn marks_show_where_a_gap_opens_and_a_cap_binds() {
        // Design sprints: 30 mio. kr. pays for 100 SMEs; from 101 on there is a gap, which
        // points 5 apart place between 100 and 105, and points 1 apart at 101.
        let s = preset("design-sprint");
        let rows = sweep_input(&s, Input::Driver(0), dec(50), dec(150), dec(5)).expect("sweep");
        let data = SweepData::new(&s, Input::Driver(0), &rows, Lang::Da);
        assert_eq!(data.marks.len(), 1);
        assert_eq!(
            data.marks[0].label,
            "Manglende finansiering opstår mellem 100 og 105"
        );
        let rows = sweep_input(&s, Input::Driver(0), dec(50), dec(150), dec(1)).expect("sweep");
        let data = SweepData::new(&s, Input::Driver(0), &rows, Lang::En);
        assert_eq!(data.marks[0].label, "Funding gap from 101");
        // Half units one apart are no whole counts: between.
        let rows = sweep_input(
            &s,
            Input::Driver(0),
            dec_str("99.5"),
            dec_str("101.5"),
            dec(1),
        )
        .expect("sweep");
        let data = SweepData::new(&s, Input::Driver(0), &rows, Lang::En);
        assert_eq!(
            data.marks[0].label,
            "Funding gap opens between 99.5 and 100.5"
        );
        assert!(data.surplus.is_some());

        // Vækstpilot with DEB capped at 12 mio. kr.: the cap binds from 165 pilots on.
        let mut s = preset("vaekstpilot-150");
        s.sources[0].kind = SourceKind::Share {
            rate: dec(50),
            of: cofund::model::Base::Eligible,
            cap: Some(dec(12_000_000)),
        };
        let rows = sweep_input(&s, Input::Driver(0), dec(150), dec(225), dec(1)).expect("sweep");
        let data = SweepData::new(&s, Input::Driver(0), &rows, Lang::En);
        let labels: Vec<&str> = data.marks.iter().map(|m| m.label.as_str()).collect();
        assert_eq!(labels, ["DEB: cap reached at 165"]);
    }

    #[test]
    fn geometry_covers_every_point() {
        let s = preset("vaekstpilot-150");
        let rows = sweep_input(&s, Input::Driver(0), dec(0), dec(999), dec(1)).expect("sweep");
        let data = SweepData::new(&s, Input::Driver(0), &rows, Lang::Da);
        // At 0 pilots the cost per unit is not defined.
        let per_unit = data
            .series
            .iter()
            .find(|s| s.key == "per-unit")
            .expect("series");
        assert_eq!(per_unit.values[0], None);
        assert_eq!(per_unit.values[1], Some(dec(146_000)));
        let g = Geometry::new(&data, 720, Lang::Da);
        assert_eq!(g.strips.len(), 1000);
        assert_eq!(g.strips[0].0.as_str(), c(g.left));
        assert_eq!(g.xs[999], g.right);
        assert_eq!(data.nearest(dec(150)), 150);
        assert_eq!(data.nearest(Decimal::new(1505, 1)), 150);
        assert_eq!(data.nearest(dec(5000)), 999);
    }
}
