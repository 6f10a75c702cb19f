//! Goal seek: the three questions a board asks, each a small form whose answer appears in a
//! polite live region: how many units can we afford within a limit on one source, what
//! would a source have to be to close the gap, and from how many units does a source hit
//! its cap. The answers come from `cofund::model::goal` and are exact on the driver's grid.

use std::rc::Rc;

use cofund::model::error::Problem;
use cofund::model::goal::Range;
use cofund::model::{
    close_gap, driver_where_cap_binds, evaluate, is_deb, max_driver_within, CapOutcome, Evaluation,
    GapImpossible, GapOutcome, GoalOutcome, Input, NoSolution, Scenario, SourceKind,
};
use cofund::numbers::{
    format_amount, format_exact_amount, format_input, format_plain, parse_amount, parse_count, Lang,
};
use cofund::shown::shown;
use cofund::text::sentence;
use cofund::Decimal;
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::words::{afford_question, cap_question, close_question, rate, too_many_points};
use crate::i18n::{board_texts, BoardTexts};
use crate::ui::fields::{SelectField, TextField};
use crate::ui::{change, focus_first};

#[derive(Properties, PartialEq)]
pub struct GoalSeekProps {
    pub scenario: Rc<Scenario>,
    pub lang: Lang,
}

/// The three goal-seek forms.
#[function_component(GoalSeek)]
pub fn goal_seek(props: &GoalSeekProps) -> Html {
    let t = board_texts(props.lang);
    html! {
        <section class="cofund-analysis-panel" aria-labelledby="cofund-goal-heading">
            <h3 id="cofund-goal-heading">{ t.goal_heading }</h3>
            <div class="cofund-goal-grid">
                <Afford scenario={props.scenario.clone()} lang={props.lang} />
                <CloseGap scenario={props.scenario.clone()} lang={props.lang} />
                <CapBinds scenario={props.scenario.clone()} lang={props.lang} />
            </div>
        </section>
    }
}

// ---------------------------------------------------------------------------------------
// Shared pieces.
// ---------------------------------------------------------------------------------------

/// A select field's choices: each id with its label.
fn options<'a>(
    ids_and_labels: impl Iterator<Item = (&'a String, &'a String)>,
) -> Vec<(AttrValue, AttrValue)> {
    ids_and_labels
        .map(|(id, label)| (AttrValue::from(id.clone()), AttrValue::from(label.clone())))
        .collect()
}

fn driver_options(s: &Scenario) -> Vec<(AttrValue, AttrValue)> {
    options(s.drivers.iter().map(|d| (&d.id, &d.label)))
}

fn source_options(s: &Scenario) -> Vec<(AttrValue, AttrValue)> {
    options(s.sources.iter().map(|src| (&src.id, &src.label)))
}

fn source_label(s: &Scenario, id: &str) -> String {
    s.sources
        .iter()
        .find(|src| src.id == id)
        .map_or_else(|| id.to_string(), |src| src.label.clone())
}

/// The chosen id if the scenario still has it, otherwise the first.
fn still_there<'a>(chosen: &'a str, ids: impl Iterator<Item = &'a str> + Clone) -> Option<&'a str> {
    ids.clone()
        .find(|id| *id == chosen)
        .or_else(|| ids.clone().next())
}

/// Whether `s` has the source `id`: a question asked of another scenario (a tab switched
/// to in the analysis view) names a unit or a source this one may not have, and asking it
/// here showed the file reader's message with an internal id (a QA round).
fn has_source(s: &Scenario, id: &str) -> bool {
    s.sources.iter().any(|src| src.id == id)
}

/// Whether `s` has both the unit and the source a question over units names.
fn can_ask(s: &Scenario, driver: &str, source: &str) -> bool {
    s.driver(driver).is_some() && has_source(s, source)
}

/// A driver's own range as field texts: min (or 0) and max (or nothing).
fn driver_range_texts(s: &Scenario, driver: &str, lang: Lang) -> (String, String) {
    let d = s.driver(driver);
    (
        format_input(d.and_then(|d| d.min).unwrap_or(Decimal::ZERO), lang),
        d.and_then(|d| d.max)
            .map(|max| format_input(max, lang))
            .unwrap_or_default(),
    )
}

/// Re-writes a number typed in one language in the other, so that `1.000` typed in Danish
/// stays a thousand when the language is switched; text that does not parse is kept.
fn relocalize(text: &str, from: Lang, to: Lang, amount: bool) -> String {
    let parsed = if amount {
        parse_amount(text, from)
    } else {
        parse_count(text, from)
    };
    match parsed {
        Ok(v) if from != to => format_input(v, to),
        _ => text.to_string(),
    }
}

/// A range's fields read: from and to (with their errors), in steps of the driver's step.
fn read_range(
    s: &Scenario,
    driver: &str,
    from: &str,
    to: &str,
    lang: Lang,
) -> (Option<String>, Option<String>, Option<Range>) {
    let t = board_texts(lang);
    let from = parse_count(from, lang).map_err(|e| e.message(lang));
    let to = if to.trim().is_empty() {
        Err(t.goal_to_missing.to_string())
    } else {
        parse_count(to, lang).map_err(|e| e.message(lang))
    };
    let step = s
        .driver(driver)
        .and_then(|d| d.step)
        .unwrap_or(Decimal::ONE);
    match (from, to) {
        (Ok(from), Ok(to)) => {
            let range = Range::new(from, to, step);
            match range.points() {
                Ok(_) => (None, None, Some(range)),
                Err(e) => {
                    // Said as the sweep says it: a sentence, the limit with its dots.
                    let message = match e.problem() {
                        Problem::TooManyPoints { limit } => too_many_points(None, *limit, lang),
                        problem => sentence(&problem.describe(lang)),
                    };
                    if e.path() == "range.from" {
                        (Some(message), None, None)
                    } else {
                        (None, Some(message), None)
                    }
                }
            }
        }
        (from, to) => (from.err(), to.err(), None),
    }
}

/// The split of an evaluation as a small table: the total, each source, and the gap or
/// the surplus, in the figures the results panel would show for it (`cofund::shown`), so
/// that they add up and agree with the results once the answer is typed in.
fn split_table(s: &Scenario, e: &Evaluation, caption: String, lang: Lang) -> Html {
    let t = board_texts(lang);
    let figures = shown(s, e);
    html! {
        <table class="cofund-table cofund-goal-split">
            <caption>{ caption }</caption>
            <tbody>
                <tr><th scope="row">{ t.total_cost }</th><td class="num">{ format_amount(figures.total, lang) }</td></tr>
                { for s.sources.iter().zip(&figures.sources).map(|(src, amount)| html! {
                    <tr data-source={src.id.clone()}><th scope="row">{ &src.label }</th><td class="num">{ format_amount(*amount, lang) }</td></tr>
                }) }
                if figures.gap > Decimal::ZERO {
                    <tr class="cofund-goal-gap"><th scope="row">{ t.gap }</th><td class="num">{ format_amount(figures.gap, lang) }</td></tr>
                } else if figures.surplus > Decimal::ZERO {
                    <tr><th scope="row">{ t.surplus }</th><td class="num">{ format_amount(figures.surplus, lang) }</td></tr>
                } else {
                    // A row of amounts: nothing is missing, said as an amount ("Fuldt
                    // finansieret 0 kr." read as if being fully funded cost nothing).
                    <tr><th scope="row">{ t.gap }</th><td class="num">{ format_amount(Decimal::ZERO, lang) }</td></tr>
                }
            </tbody>
        </table>
    }
}

/// The split at one value of the driver, with that value in the caption.
fn split_at(s: &Scenario, e: &Evaluation, value: Decimal, units: &str, lang: Lang) -> Html {
    let t = board_texts(lang);
    let at = format_plain(value, lang);
    let caption = if lang == Lang::Da {
        format!("{} ved {at} {units}", t.goal_split)
    } else {
        format!("{} at {at} {units}", t.goal_split)
    };
    split_table(s, e, caption, lang)
}

/// What a driver counts, as a noun for the answers' sentences ("173 vækstpiloter").
fn units_of(s: &Scenario, driver: &str) -> String {
    s.driver(driver)
        .map_or_else(String::new, |d| cofund::text::in_sentence(&d.label))
}

/// A question's answer: a headline, a detail, and the split at the answer as a table.
/// Only the words go into the form's live region; the table is there to be read, and
/// heard whole it ran its cells together ("…5.014.000 kr.Fordeling ved 217 …").
#[derive(Default)]
struct Answer {
    headline: String,
    detail: String,
    split: Html,
}

fn answer(headline: String, detail: String, split: Html) -> Answer {
    Answer {
        headline,
        detail,
        split,
    }
}

fn failed(message: String, lang: Lang) -> Answer {
    let t = board_texts(lang);
    answer(
        format!("{} {message}", t.goal_error),
        String::new(),
        html! {},
    )
}

fn submit(f: impl Fn() + 'static) -> Callback<SubmitEvent> {
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        f();
        // A question that could not be asked shows why by its fields, which a screen reader
        // does not hear from the button: once they show, focus goes to the first of them.
        if let Some(form) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        {
            Timeout::new(0, move || {
                focus_first(&form, "[aria-invalid=\"true\"]");
            })
            .forget();
        }
    })
}

/// The frame all three questions share: the question as the heading that names the form,
/// the form's own fields, the button, and the polite live region the answer appears in.
/// The ids are passed whole, not pieced together, so that a search for one finds it here.
/// `outdated`: the fields no longer hold the question the answer is for (the answer stays,
/// for comparison, and says so until the question is asked again), and why: when fields
/// show errors, pressing Beregn would only show them again, so the note asks for them to be
/// corrected first.
#[allow(clippy::too_many_arguments)]
fn question_form(
    heading_id: &'static str,
    output_id: &'static str,
    question: String,
    onsubmit: Callback<SubmitEvent>,
    fields: Html,
    result: Answer,
    outdated: Outdated,
    lang: Lang,
) -> Html {
    let t = board_texts(lang);
    let outdated_note = match outdated {
        Outdated::No => None,
        Outdated::Yes => Some(t.goal_outdated),
        Outdated::FieldsWrong => Some(t.goal_outdated_fix),
    };
    html! {
        <form class="cofund-goal" {onsubmit} novalidate=true aria-labelledby={heading_id}>
            <h4 id={heading_id}>{ question }</h4>
            { fields }
            // Three forms have a "Beregn" each: in a list of buttons, the question tells
            // them apart.
            <button type="submit" class="cofund-button" aria-describedby={heading_id}>{ t.goal_submit }</button>
            <div class="cofund-goal-output" data-testid={output_id}>
                <div class="cofund-goal-said" aria-live="polite">
                    if let Some(note) = outdated_note {
                        <p class="cofund-results-stale-banner">{ note }</p>
                    }
                    if !result.headline.is_empty() {
                        <p class="cofund-goal-answer">{ result.headline }</p>
                    }
                    if !result.detail.is_empty() {
                        <p class="cofund-goal-detail">{ result.detail }</p>
                    }
                </div>
                { result.split }
            </div>
        </form>
    }
}

/// Whether an answer still fits its form's fields (see `question_form`).
#[derive(Clone, Copy, Debug, PartialEq)]
enum Outdated {
    No,
    /// The fields hold another question, which Beregn would ask.
    Yes,
    /// The fields hold another question, and some of them show an error.
    FieldsWrong,
}

impl Outdated {
    fn of(outdated: bool, fields_wrong: bool) -> Outdated {
        match (outdated, fields_wrong) {
            (false, _) => Outdated::No,
            (true, false) => Outdated::Yes,
            (true, true) => Outdated::FieldsWrong,
        }
    }
}

/// Why a question over units and sources cannot be asked of `s`, if it cannot: the units
/// come first, as the question is about them; a blank scenario has a unit but no source yet.
fn lacking(s: &Scenario, t: &BoardTexts) -> Option<&'static str> {
    if s.drivers.is_empty() {
        Some(t.goal_no_drivers)
    } else if s.sources.is_empty() {
        Some(t.goal_no_sources)
    } else {
        None
    }
}

/// In place of a form, when the scenario lacks what the question needs: the question and why.
fn unanswerable(question: String, why: &'static str) -> Html {
    html! {
        <div class="cofund-goal">
            <h4>{ question }</h4>
            <p class="cofund-note">{ why }</p>
        </div>
    }
}

// ---------------------------------------------------------------------------------------
// Forms with typed numbers (afford and cap). Their state must follow the scenario and the
// language while the board works: a driver or source can be deleted, and numbers typed in
// one language must keep their value in the other. Each form says how it starts, how it
// refits and how it reads itself; the rest is done once, here. (The close-the-gap form
// has only a chosen source, which it checks as it renders.)
// ---------------------------------------------------------------------------------------

trait GoalForm: Clone + PartialEq + 'static {
    /// The form as first shown: sensible choices for the scenario, numbers in `lang`.
    fn new(s: &Scenario, lang: Lang) -> Self;
    /// After the scenario or the language changed: drops choices the scenario no longer
    /// offers and re-writes the typed numbers in `lang`.
    fn refit(&mut self, s: &Scenario, lang: Lang);
    /// On submit: reads the typed fields, showing what is wrong with them, and asks the
    /// question if nothing is.
    fn ask(&mut self, s: &Scenario, lang: Lang);
    /// Whether a question was asked and the fields now hold another (or none that reads).
    /// Compared by value, so a language switch, which rewrites the numbers, is no change.
    fn outdated(&self, s: &Scenario, lang: Lang) -> bool;
    /// Whether a field shows an error (from the last Beregn, until it is edited).
    fn fields_wrong(&self) -> bool;
    /// `outdated`, and why.
    fn staleness(&self, s: &Scenario, lang: Lang) -> Outdated {
        Outdated::of(self.outdated(s, lang), self.fields_wrong())
    }
}

/// A form's state, started from the scenario and refitted whenever the scenario or the
/// language changes.
#[hook]
fn use_form<F: GoalForm>(s: &Rc<Scenario>, lang: Lang) -> UseStateHandle<F> {
    let form = {
        let s = s.clone();
        use_state(move || F::new(&s, lang))
    };
    {
        let form = form.clone();
        use_effect_with((s.clone(), lang), move |(s, lang)| {
            let mut next = (*form).clone();
            next.refit(s, *lang);
            // Setting the state renders again even when nothing changed.
            if next != *form {
                form.set(next);
            }
        });
    }
    form
}

/// A field's callback: `apply` puts what was typed or chosen into the form; it gets the
/// scenario too, for the range of a newly chosen driver.
fn edit<F: Clone + 'static>(
    form: &UseStateHandle<F>,
    s: &Rc<Scenario>,
    apply: fn(&mut F, String, &Scenario),
) -> Callback<String> {
    let (form, s) = (form.clone(), s.clone());
    Callback::from(move |text: String| change(&form, |f| apply(f, text, &s)))
}

fn ask_on_submit<F: GoalForm>(
    form: &UseStateHandle<F>,
    s: &Rc<Scenario>,
    lang: Lang,
) -> Callback<SubmitEvent> {
    let (form, s) = (form.clone(), s.clone());
    submit(move || change(&form, |f| f.ask(&s, lang)))
}

/// The driver a question searches over and the range of its values, as typed, with the
/// range's errors: the afford and the cap form both have one and treat it alike.
#[derive(Clone, Debug, PartialEq)]
struct DriverRange {
    driver: String,
    from: String,
    to: String,
    from_error: Option<String>,
    to_error: Option<String>,
}

impl DriverRange {
    /// The scenario's first driver over its own range.
    fn new(s: &Scenario, lang: Lang) -> DriverRange {
        let driver = s.drivers.first().map(|d| d.id.clone()).unwrap_or_default();
        let (from, to) = driver_range_texts(s, &driver, lang);
        DriverRange {
            driver,
            from,
            to,
            from_error: None,
            to_error: None,
        }
    }

    /// Another driver, over its own range: the old driver's range means nothing for it.
    fn choose(&mut self, driver: String, s: &Scenario, lang: Lang) {
        (self.from, self.to) = driver_range_texts(s, &driver, lang);
        (self.from_error, self.to_error) = (None, None);
        self.driver = driver;
    }

    /// What was typed in "Fra". An error shown was about the text that was there, and
    /// would name it (`»21,9 mio.« …` under `abc`): it goes, and the next Beregn reads anew.
    /// So does the other field's: "Intervallet er tomt" under Fra is mended by a larger Til.
    fn set_from(&mut self, text: String) {
        self.from = text;
        (self.from_error, self.to_error) = (None, None);
    }

    /// What was typed in "Til"; see [`DriverRange::set_from`].
    fn set_to(&mut self, text: String) {
        self.to = text;
        (self.from_error, self.to_error) = (None, None);
    }

    /// Keeps the chosen driver if the scenario still has it; otherwise chooses the first.
    fn keep_driver(&mut self, s: &Scenario, lang: Lang) {
        let drivers = s.drivers.iter().map(|d| d.id.as_str());
        match still_there(&self.driver, drivers) {
            Some(id) if id == self.driver => {}
            other => {
                let first = other.unwrap_or_default().to_string();
                self.choose(first, s, lang);
            }
        }
    }

    fn relocalize(&mut self, from: Lang, to: Lang) {
        self.from = relocalize(&self.from, from, to, false);
        self.to = relocalize(&self.to, from, to, false);
    }

    fn fields_wrong(&self) -> bool {
        self.from_error.is_some() || self.to_error.is_some()
    }

    /// The range the fields hold now, if both read (nothing is kept).
    fn value(&self, s: &Scenario, lang: Lang) -> Option<Range> {
        read_range(s, &self.driver, &self.from, &self.to, lang).2
    }

    /// Reads the range fields, keeping their errors to show; the range if both are good.
    fn read(&mut self, s: &Scenario, lang: Lang) -> Option<Range> {
        let (from_error, to_error, range) = read_range(s, &self.driver, &self.from, &self.to, lang);
        self.from_error = from_error;
        self.to_error = to_error;
        range
    }

    /// The from and to fields, with their DOM ids.
    fn fields(
        &self,
        [from_id, to_id]: [&'static str; 2],
        on_from: Callback<String>,
        on_to: Callback<String>,
        lang: Lang,
    ) -> Html {
        let t = board_texts(lang);
        html! {
            <div class="cofund-goal-range">
                <TextField id={from_id} label={t.range_from} value={AttrValue::from(self.from.clone())}
                    error={self.from_error.clone().map(AttrValue::from)} numeric=true on_input={on_from} />
                <TextField id={to_id} label={t.range_to} value={AttrValue::from(self.to.clone())}
                    error={self.to_error.clone().map(AttrValue::from)} numeric=true on_input={on_to} />
            </div>
        }
    }
}

// ---------------------------------------------------------------------------------------
// (a) How many units can we afford?
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
struct AffordForm {
    /// The language the numbers were typed in.
    lang: Lang,
    range: DriverRange,
    source: String,
    limit: String,
    limit_error: Option<String>,
    /// The question last asked: driver, source, limit, range.
    asked: Option<(String, String, Decimal, Range)>,
}

impl GoalForm for AffordForm {
    fn new(s: &Scenario, lang: Lang) -> AffordForm {
        // The residual is what a board usually limits ("local co-financing at most …").
        let source = s
            .sources
            .iter()
            .find(|src| matches!(src.kind, SourceKind::Residual { .. }))
            .or(s.sources.first())
            .map(|src| src.id.clone())
            .unwrap_or_default();
        AffordForm {
            lang,
            range: DriverRange::new(s, lang),
            source,
            limit: String::new(),
            limit_error: None,
            asked: None,
        }
    }

    fn refit(&mut self, s: &Scenario, lang: Lang) {
        self.range.keep_driver(s, lang);
        let sources = s.sources.iter().map(|src| src.id.as_str());
        self.source = still_there(&self.source, sources)
            .unwrap_or_default()
            .to_string();
        // A question this scenario cannot be asked is no question of its own.
        if let Some((driver, source, ..)) = &self.asked {
            if !can_ask(s, driver, source) {
                self.asked = None;
            }
        }
        if self.lang != lang {
            self.limit = relocalize(&self.limit, self.lang, lang, true);
            self.range.relocalize(self.lang, lang);
            self.lang = lang;
        }
    }

    fn ask(&mut self, s: &Scenario, lang: Lang) {
        let limit = parse_amount(&self.limit, lang).map_err(|e| e.message(lang));
        let range = self.range.read(s, lang);
        self.limit_error = limit.as_ref().err().cloned();
        if let (Ok(limit), Some(range)) = (limit, range) {
            self.asked = Some((self.range.driver.clone(), self.source.clone(), limit, range));
        }
    }

    fn outdated(&self, s: &Scenario, lang: Lang) -> bool {
        let now = || {
            let limit = parse_amount(&self.limit, lang).ok()?;
            let range = self.range.value(s, lang)?;
            Some((self.range.driver.clone(), self.source.clone(), limit, range))
        };
        self.asked.is_some() && self.asked != now()
    }

    fn fields_wrong(&self) -> bool {
        self.limit_error.is_some() || self.range.fields_wrong()
    }
}

#[function_component(Afford)]
fn afford(props: &GoalSeekProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let s = props.scenario.clone();
    let form = use_form::<AffordForm>(&s, lang);
    let outcome = use_memo((s.clone(), form.asked.clone()), |(s, asked)| {
        asked.as_ref().map(|(driver, source, limit, range)| {
            max_driver_within(s, driver, source, *limit, Some(*range))
        })
    });

    let driver_label = s.driver(&form.range.driver).map(|d| d.label.clone());
    let question = afford_question(driver_label.as_deref(), lang);
    if let Some(why) = lacking(&s, t) {
        return unanswerable(question, why);
    }
    let update = |apply| edit(&form, &s, apply);
    let fields = html! { <>
        <SelectField id="cofund-goal-afford-driver" label={t.driver_label} options={driver_options(&s)}
            selected={AttrValue::from(form.range.driver.clone())}
            on_change={update(|f, v, s| f.range.choose(v, s, f.lang))} />
        <SelectField id="cofund-goal-afford-source" label={t.goal_source} options={source_options(&s)}
            selected={AttrValue::from(form.source.clone())} on_change={update(|f, v, _| f.source = v)} />
        <TextField id="cofund-goal-afford-limit" label={t.goal_limit} value={AttrValue::from(form.limit.clone())}
            error={form.limit_error.clone().map(AttrValue::from)} hint={t.amount_hint} numeric=true
            on_input={update(|f, v, _| {
                // Its error was about the text that was there; the next Beregn reads this one.
                f.limit_error = None;
                f.limit = v;
            })} />
        { form.range.fields(["cofund-goal-afford-from", "cofund-goal-afford-to"],
            update(|f, v, _| f.range.set_from(v)), update(|f, v, _| f.range.set_to(v)), lang) }
    </> };
    let result = match (&*outcome, &form.asked) {
        (Some(Ok(outcome)), Some((driver, source, limit, range))) => {
            afford_answer(&s, driver, source, *limit, range, outcome, lang)
        }
        (Some(Err(e)), _) => failed(e.message(lang), lang),
        _ => Answer::default(),
    };
    let onsubmit = ask_on_submit(&form, &s, lang);
    question_form(
        "cofund-goal-afford-q",
        "goal-afford-output",
        question,
        onsubmit,
        fields,
        result,
        form.staleness(&s, lang),
        lang,
    )
}

fn afford_answer(
    s: &Scenario,
    driver: &str,
    source: &str,
    limit: Decimal,
    range: &Range,
    outcome: &GoalOutcome,
    lang: Lang,
) -> Answer {
    let t = board_texts(lang);
    let da = lang == Lang::Da;
    let units = units_of(s, driver);
    let source_name = source_label(s, source);
    let src_index = s.sources.iter().position(|src| src.id == source);
    let pays = |e: &Evaluation| {
        src_index
            .and_then(|i| e.sources.get(i))
            .map_or(Decimal::ZERO, |r| r.amount)
    };
    match outcome {
        GoalOutcome::Found { value, evaluation } => {
            let v = format_plain(*value, lang);
            let next = value.checked_add(range.step).and_then(|next| {
                let mut working = s.clone();
                working.driver_mut(driver)?.value = next;
                evaluate(&working).ok().map(|e| (next, pays(&e)))
            });
            // Every digit: "19.000 kr., inden for grænsen på 20.000 kr. Ved 20 … 20.000 kr."
            // read as if 20 fitted, where 20.000,20 kr. is over a limit of 20.000,03 kr.
            let (amount, limit) = (
                format_exact_amount(pays(evaluation), lang),
                format_exact_amount(limit, lang),
            );
            let mut detail = sentence(&if da {
                format!("Ved {v} betaler {source_name} {amount}, inden for grænsen på {limit}")
            } else {
                format!("At {v}, {source_name} pays {amount}, within the limit of {limit}")
            });
            if let Some((next, over)) = next {
                let (next, over) = (format_plain(next, lang), format_exact_amount(over, lang));
                detail.push(' ');
                detail.push_str(&sentence(&if da {
                    format!("Ved {next} ville beløbet være {over}")
                } else {
                    format!("At {next}, it would be {over}")
                }));
            }
            let headline = if da {
                format!("Svar: {v} {units}.")
            } else {
                format!("Answer: {v} {units}.")
            };
            answer(
                headline,
                with_gap(detail, &v, evaluation, lang),
                split_at(s, evaluation, *value, &units, lang),
            )
        }
        GoalOutcome::RangeEnd { value, evaluation } => {
            let v = format_plain(*value, lang);
            let paid = pays(evaluation);
            // At the limit exactly, "only 5.175.000 kr. (the limit is 5.175.000 kr.)" read
            // as a contradiction (a QA round).
            let at_limit = paid == limit;
            let (amount, limit) = (
                format_exact_amount(paid, lang),
                format_exact_amount(limit, lang),
            );
            let headline = if da {
                format!("Svar: mindst {v} {units} – hele intervallet holder sig inden for grænsen.")
            } else {
                format!("Answer: at least {v} {units} – the whole range stays within the limit.")
            };
            let detail = match (da, at_limit) {
                (true, false) => format!("Selv ved {v}, intervallets slutning, betaler {source_name} kun {amount} (grænsen er {limit}). Det er intervallet, ikke beløbet, der sætter grænsen: gør »Til« større for at se længere."),
                (true, true) => format!("Ved {v}, intervallets slutning, betaler {source_name} {limit} – præcis grænsen. Gør »Til« større for at se, om flere {units} holder sig inden for den."),
                (false, false) => format!("Even at {v}, the end of the range, {source_name} pays only {amount} (the limit is {limit}). The range, not the money, is what limits: raise “To” to look further."),
                (false, true) => format!("At {v}, the end of the range, {source_name} pays {limit} – exactly the limit. Raise “To” to see whether more {units} stay within it."),
            };
            answer(
                headline,
                with_gap(detail, &v, evaluation, lang),
                split_at(s, evaluation, *value, &units, lang),
            )
        }
        GoalOutcome::NoSolution { reason } => {
            let NoSolution::ExceedsEverywhere { .. } = reason;
            answer(
                t.goal_no_solution.to_string(),
                sentence(&reason.describe(lang)),
                html! {},
            )
        }
    }
}

/// An answer's detail, and what is still unfunded at the answer if anything is: "within
/// the limit" said nothing of a gap of 6,6 mio. kr. when the limited source had a cap (a
/// QA round); what the board can afford is also what it can fund.
fn with_gap(detail: String, at: &str, evaluation: &Evaluation, lang: Lang) -> String {
    if evaluation.gap <= Decimal::ZERO {
        return detail;
    }
    let gap = format_exact_amount(evaluation.gap, lang);
    match lang {
        Lang::Da => format!("{detail} Bemærk: ved {at} mangler der stadig {gap} i finansieringen."),
        Lang::En => format!("{detail} Note: at {at}, {gap} of the cost is still unfunded."),
    }
}

// ---------------------------------------------------------------------------------------
// (b) What must a source be to close the gap?
// ---------------------------------------------------------------------------------------

#[function_component(CloseGap)]
fn close_gap_form(props: &GoalSeekProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let s = props.scenario.clone();
    let chosen = use_state(|| {
        s.sources
            .first()
            .map(|src| src.id.clone())
            .unwrap_or_default()
    });
    let asked_state = use_state(|| None::<String>);
    // Asked of another scenario without that source: no question here.
    let asked = (*asked_state).clone().filter(|id| has_source(&s, id));
    let source = still_there(&chosen, s.sources.iter().map(|src| src.id.as_str()))
        .unwrap_or_default()
        .to_string();
    let outcome = use_memo((s.clone(), asked.clone()), |(s, asked)| {
        asked.as_ref().map(|id| close_gap(s, id))
    });
    let question = close_question(
        (!source.is_empty())
            .then(|| source_label(&s, &source))
            .as_deref(),
        lang,
    );
    if s.sources.is_empty() {
        return unanswerable(question, t.goal_no_sources);
    }
    let on_source = {
        let chosen = chosen.clone();
        Callback::from(move |id: String| chosen.set(id))
    };
    let onsubmit = {
        let (asked, source) = (asked_state.clone(), source.clone());
        submit(move || asked.set(Some(source.clone())))
    };
    let result = match (&*outcome, &asked) {
        (Some(Ok(outcome)), Some(id)) => close_answer(&s, id, outcome, lang),
        (Some(Err(e)), _) => failed(e.message(lang), lang),
        _ => Answer::default(),
    };
    // A chosen source is never wrong: Beregn asks about it.
    let outdated = Outdated::of(asked.as_ref().is_some_and(|id| *id != source), false);
    let fields = html! {
        <SelectField id="cofund-goal-close-source" label={t.goal_source} options={source_options(&s)}
            selected={AttrValue::from(source)} on_change={on_source} />
    };
    question_form(
        "cofund-goal-close-q",
        "goal-close-output",
        question,
        onsubmit,
        fields,
        result,
        outdated,
        lang,
    )
}

fn close_answer(s: &Scenario, id: &str, outcome: &GapOutcome, lang: Lang) -> Answer {
    let t = board_texts(lang);
    let da = lang == Lang::Da;
    let name = source_label(s, id);
    match outcome {
        GapOutcome::NoGap { surplus } => {
            let detail = if *surplus > Decimal::ZERO {
                let surplus = format_amount(*surplus, lang);
                if da {
                    format!("Kilderne betaler {surplus} mere end de samlede udgifter.")
                } else {
                    format!("The sources pay {surplus} more than the total cost.")
                }
            } else {
                String::new()
            };
            answer(t.goal_no_gap.to_string(), detail, html! {})
        }
        GapOutcome::Solved {
            input,
            previous,
            value,
            rounded_up,
            evaluation,
        } => {
            let kind = s
                .sources
                .iter()
                .find(|src| src.id == id)
                .map(|src| &src.kind);
            let (new, old) = match input {
                Input::SourceRate(_) => (rate(*value, lang), rate(*previous, lang)),
                _ => (
                    format_exact_amount(*value, lang),
                    format_exact_amount(*previous, lang),
                ),
            };
            let per = match (kind, da) {
                (Some(SourceKind::PerUnit { .. }), true) => " pr. enhed",
                (Some(SourceKind::PerUnit { .. }), false) => " per unit",
                (Some(SourceKind::PerYear { .. }), true) => " pr. år",
                (Some(SourceKind::PerYear { .. }), false) => " per year",
                _ => "",
            };
            let headline = match (input, da) {
                (Input::SourceRate(_), true) => {
                    format!("Svar: {name} skal have en sats på {new} (i dag {old}).")
                }
                (Input::SourceRate(_), false) => {
                    format!("Answer: {name} needs a rate of {new} (today {old}).")
                }
                (_, true) => format!("Svar: {name} skal være {new}{per} (i dag {old})."),
                (_, false) => format!("Answer: {name} must be {new}{per} (today {old})."),
            };
            let detail = match (rounded_up, da) {
                (true, true) => {
                    "Tallet er rundet op, så kilden betaler en smule mere end nødvendigt."
                }
                (true, false) => {
                    "The figure is rounded up, so the source pays slightly more than needed."
                }
                (false, _) => "",
            };
            let detail = match over_deb_words(s, id, input, evaluation, lang) {
                Some(over) => format!("{detail} {over}").trim_start().to_string(),
                None => detail.to_string(),
            };
            answer(
                headline,
                detail,
                split_table(s, evaluation, t.goal_split_after.to_string(), lang),
            )
        }
        GapOutcome::Impossible { reason } => {
            let headline = if da {
                format!("Det kan ikke lade sig gøre med {name} alene.")
            } else {
                format!("{name} cannot close the gap on its own.")
            };
            answer(headline, impossible_words(s, reason, lang), html! {})
        }
    }
}

/// The answer may be more than DEB gives, as a rate or, beside other DEB sources or as a
/// fixed pledge, in all: then the answer says so, not only the number.
fn over_deb_words(
    s: &Scenario,
    id: &str,
    input: &Input,
    evaluation: &Evaluation,
    lang: Lang,
) -> Option<&'static str> {
    let over_rate = match input {
        Input::SourceRate(i) => evaluation.deb_rate_above_limit(*i).is_some(),
        _ => false,
    };
    let over_sum = evaluation.deb_above_limit().is_some()
        && s.sources.iter().any(|src| src.id == id && is_deb(src));
    match (over_rate, over_sum, lang) {
        (true, _, Lang::Da) => Some("Det er over DEB's højeste støtteprocent på 50 %, så DEB alene kan ikke lukke hullet."),
        (true, _, Lang::En) => Some("That is above DEB's highest aid rate of 50%, so DEB alone cannot close the gap."),
        (false, true, Lang::Da) => Some("DEB ville så betale over 50 % af de støtteberettigede udgifter i alt, og derfor kan DEB alene ikke lukke hullet."),
        (false, true, Lang::En) => Some("DEB would then pay more than 50% of eligible cost in total, so DEB alone cannot close the gap."),
        (false, false, _) => None,
    }
}

/// Why a source cannot close the gap, in the form's words: the core's wording names the
/// file's ids and paths (`enheden "pilots"`, `sources[1].cap`), which the command line
/// wants and a board does not.
fn impossible_words(s: &Scenario, reason: &GapImpossible, lang: Lang) -> String {
    let da = lang == Lang::Da;
    match reason {
        GapImpossible::NoUnits { driver } => {
            let units = s
                .driver(driver)
                .map_or_else(|| driver.clone(), |d| cofund::text::in_sentence(&d.label));
            if da {
                format!("Antallet af {units} er 0, så intet beløb pr. enhed hjælper.")
            } else {
                format!("The number of {units} is 0, so no amount per unit helps.")
            }
        }
        GapImpossible::CapBinds { cap, needed, .. } => {
            let (cap, needed) = (
                format_exact_amount(*cap, lang),
                format_exact_amount(*needed, lang),
            );
            // One full stop, also after a Danish amount's own ("63.867 kr.").
            cofund::text::full_stop(if da {
                format!("Kildens loft på {cap} forhindrer det: den skulle betale {needed}")
            } else {
                format!("Its cap of {cap} prevents it: the source would have to pay {needed}")
            })
        }
        other => sentence(&other.describe(lang)),
    }
}

// ---------------------------------------------------------------------------------------
// (c) When does a source reach its cap?
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
struct CapForm {
    /// The language the numbers were typed in.
    lang: Lang,
    range: DriverRange,
    source: String,
    /// The question last asked: driver, source, range.
    asked: Option<(String, String, Range)>,
}

impl CapForm {
    /// A source with a cap if there is one, since that is what the question is about; else
    /// the first.
    fn likely_source(s: &Scenario) -> String {
        s.sources
            .iter()
            .find(|src| src.kind.cap().is_some())
            .or(s.sources.first())
            .map(|src| src.id.clone())
            .unwrap_or_default()
    }
}

impl GoalForm for CapForm {
    fn new(s: &Scenario, lang: Lang) -> CapForm {
        CapForm {
            lang,
            range: DriverRange::new(s, lang),
            source: CapForm::likely_source(s),
            asked: None,
        }
    }

    fn refit(&mut self, s: &Scenario, lang: Lang) {
        self.range.keep_driver(s, lang);
        if !has_source(s, &self.source) {
            self.source = CapForm::likely_source(s);
        }
        if let Some((driver, source, _)) = &self.asked {
            if !can_ask(s, driver, source) {
                self.asked = None;
            }
        }
        if self.lang != lang {
            self.range.relocalize(self.lang, lang);
            self.lang = lang;
        }
    }

    fn ask(&mut self, s: &Scenario, lang: Lang) {
        if let Some(range) = self.range.read(s, lang) {
            self.asked = Some((self.range.driver.clone(), self.source.clone(), range));
        }
    }

    fn outdated(&self, s: &Scenario, lang: Lang) -> bool {
        let now = self
            .range
            .value(s, lang)
            .map(|range| (self.range.driver.clone(), self.source.clone(), range));
        self.asked.is_some() && self.asked != now
    }

    fn fields_wrong(&self) -> bool {
        self.range.fields_wrong()
    }
}

#[function_component(CapBinds)]
fn cap_binds(props: &GoalSeekProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let s = props.scenario.clone();
    let form = use_form::<CapForm>(&s, lang);
    let outcome = use_memo((s.clone(), form.asked.clone()), |(s, asked)| {
        asked
            .as_ref()
            .map(|(driver, source, range)| driver_where_cap_binds(s, driver, source, Some(*range)))
    });
    let source_name = (!form.source.is_empty()).then(|| source_label(&s, &form.source));
    let question = cap_question(source_name.as_deref(), lang);
    if let Some(why) = lacking(&s, t) {
        return unanswerable(question, why);
    }
    let update = |apply| edit(&form, &s, apply);
    let fields = html! { <>
        <SelectField id="cofund-goal-cap-source" label={t.goal_source} options={source_options(&s)}
            selected={AttrValue::from(form.source.clone())} on_change={update(|f, v, _| f.source = v)} />
        <SelectField id="cofund-goal-cap-driver" label={t.driver_label} options={driver_options(&s)}
            selected={AttrValue::from(form.range.driver.clone())}
            on_change={update(|f, v, s| f.range.choose(v, s, f.lang))} />
        { form.range.fields(["cofund-goal-cap-from", "cofund-goal-cap-to"],
            update(|f, v, _| f.range.set_from(v)), update(|f, v, _| f.range.set_to(v)), lang) }
    </> };
    let result = match (&*outcome, &form.asked) {
        (Some(Ok(outcome)), Some((driver, source, _))) => {
            cap_answer(&s, driver, source, outcome, lang)
        }
        (Some(Err(e)), _) => failed(e.message(lang), lang),
        _ => Answer::default(),
    };
    let onsubmit = ask_on_submit(&form, &s, lang);
    question_form(
        "cofund-goal-cap-q",
        "goal-cap-output",
        question,
        onsubmit,
        fields,
        result,
        form.staleness(&s, lang),
        lang,
    )
}

fn cap_answer(
    s: &Scenario,
    driver: &str,
    source: &str,
    outcome: &CapOutcome,
    lang: Lang,
) -> Answer {
    let t = board_texts(lang);
    let da = lang == Lang::Da;
    let units = units_of(s, driver);
    let name = source_label(s, source);
    match outcome {
        CapOutcome::BindsFrom {
            value,
            cap,
            evaluation,
        } => {
            let (v, cap) = (format_plain(*value, lang), format_exact_amount(*cap, lang));
            let headline = if da {
                format!("Svar: fra {v} {units}.")
            } else {
                format!("Answer: from {v} {units}.")
            };
            let detail = if da {
                format!("{name} rammer sit loft på {cap} ved {v} {units}; derover betaler kilden ikke mere.")
            } else {
                format!(
                    "{name} reaches its cap of {cap} at {v} {units}; beyond that it pays no more."
                )
            };
            answer(
                headline,
                detail,
                split_at(s, evaluation, *value, &units, lang),
            )
        }
        CapOutcome::BindsAtStart {
            value,
            cap,
            evaluation,
            rising,
        } => {
            // "From 150" would read as where the cap starts to bind (a QA round: it binds
            // from 87 on, below a range that starts at 150).
            let (v, cap) = (format_plain(*value, lang), format_exact_amount(*cap, lang));
            let headline = if da {
                format!("Svar: allerede ved {v} {units}, hvor intervallet begynder.")
            } else {
                format!("Answer: already at {v} {units}, where the range starts.")
            };
            let mut detail = if da {
                format!("{name} betaler sit loft på {cap} allerede ved {v} {units}.")
            } else {
                format!("{name} already pays its cap of {cap} at {v} {units}.")
            };
            // Only where the amount rises from the start is the point where the cap starts
            // to bind below the range; a residual that falls first may bind all the way down.
            if *rising && *value > Decimal::ZERO {
                detail.push_str(if da {
                    " Gør »Fra« mindre for at se, hvor loftet begynder at gælde."
                } else {
                    " Lower “From” to see where the cap starts to bind."
                });
            }
            answer(
                headline,
                detail,
                split_at(s, evaluation, *value, &units, lang),
            )
        }
        CapOutcome::NeverBinds {
            cap,
            value,
            highest,
        } => {
            let (cap, v, highest) = (
                format_exact_amount(*cap, lang),
                format_plain(*value, lang),
                format_exact_amount(*highest, lang),
            );
            let (headline, detail) = if da {
                (
                    format!("{name} når ikke sit loft i intervallet."),
                    format!("Loftet er {cap}; uden loft ville kilden højst betale {highest} (ved {v} {units})."),
                )
            } else {
                (
                    format!("{name} does not reach its cap in the range."),
                    format!("The cap is {cap}; without it the source would pay at most {highest} (at {v} {units})."),
                )
            };
            answer(headline, detail, html! {})
        }
        CapOutcome::NoCap => {
            let headline = if da {
                format!("{name} har intet loft.")
            } else {
                format!("{name} has no cap.")
            };
            answer(headline, t.goal_no_cap_hint.to_string(), html! {})
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_survive_a_language_switch() {
        assert_eq!(relocalize("1.000", Lang::Da, Lang::En, false), "1,000");
        assert_eq!(
            relocalize("4.000.000", Lang::Da, Lang::En, true),
            "4,000,000"
        );
        assert_eq!(relocalize("12,5", Lang::Da, Lang::En, false), "12.5");
        assert_eq!(relocalize("abc", Lang::Da, Lang::En, false), "abc");
        assert_eq!(relocalize("1.000", Lang::Da, Lang::Da, false), "1.000");
    }

    #[test]
    fn an_unanswerable_question_gives_the_missing_part_as_its_reason() {
        let t = board_texts(Lang::Da);
        // A blank scenario: one unit, no source yet (QA D7 blamed the units).
        let blank = crate::editor::draft::Draft::blank("Nyt scenarie", "Deltagere")
            .to_scenario(Lang::Da)
            .expect("a blank scenario reads");
        assert_eq!(lacking(&blank, t), Some(t.goal_no_sources));
        let no_units = Scenario {
            drivers: Vec::new(),
            ..blank
        };
        assert_eq!(lacking(&no_units, t), Some(t.goal_no_drivers));
        let full = cofund::presets::Preset::find("vaekstpilot-150")
            .expect("preset")
            .scenario()
            .expect("valid");
        assert_eq!(lacking(&full, t), None);
    }

    /// At the range's end, paying the limit exactly: one full stop after "kr.", the units
    /// named, no "only … (the limit is …)".
    #[test]
    fn a_range_end_exactly_at_the_limit_says_so_once() {
        let s = cofund::presets::Preset::find("vaekstpilot-150")
            .expect("preset")
            .scenario()
            .expect("valid");
        let range = Range::new(Decimal::from(150), Decimal::from(225), Decimal::ONE);
        let limit = Decimal::from(16_425_000);
        let outcome =
            cofund::model::goal::max_driver_within(&s, "pilots", "deb", limit, Some(range))
                .expect("answered");
        assert!(
            matches!(outcome, GoalOutcome::RangeEnd { .. }),
            "{outcome:?}"
        );
        let words = afford_answer(&s, "pilots", "deb", limit, &range, &outcome, Lang::Da);
        assert_eq!(
            words.detail,
            "Ved 225, intervallets slutning, betaler DEB 16.425.000 kr. – præcis grænsen. Gør »Til« større for at se, om flere vækstpiloter holder sig inden for den."
        );
        let words = afford_answer(&s, "pilots", "deb", limit, &range, &outcome, Lang::En);
        assert_eq!(
            words.detail,
            "At 225, the end of the range, DEB pays DKK 16,425,000 – exactly the limit. Raise “To” to see whether more vækstpiloter stay within it."
        );
    }

    /// An exact answer with more than øre is written whole: "666,66 kr." would be less
    /// than needed and leave a gap of 0,003 kr. (a review found this).
    #[test]
    fn an_exact_answer_is_written_with_every_decimal() {
        use cofund::model::{Base, CostKind, CostLine, Source};
        let mut s = cofund::presets::Preset::find("vaekstpilot-150")
            .expect("preset")
            .scenario()
            .expect("valid");
        s.costs = vec![CostLine {
            id: "all".into(),
            label: "Alt".into(),
            kind: CostKind::Fixed,
            amount: Decimal::from(1000),
            eligible: true,
        }];
        s.sources = vec![
            Source {
                id: "deb".into(),
                label: "DEB".into(),
                kind: SourceKind::Share {
                    rate: Decimal::new(333_337, 4),
                    of: Base::Total,
                    cap: None,
                },
            },
            Source {
                id: "kommune".into(),
                label: "Kommune".into(),
                kind: SourceKind::Fixed {
                    amount: Decimal::ZERO,
                },
            },
        ];
        let outcome = close_gap(&s, "kommune").expect("answered");
        let GapOutcome::Solved { value, .. } = &outcome else {
            panic!("solved: {outcome:?}");
        };
        assert_eq!(*value, Decimal::new(666_663, 3));
        let words = close_answer(&s, "kommune", &outcome, Lang::Da);
        assert_eq!(
            words.headline,
            "Svar: Kommune skal være 666,663 kr. (i dag 0 kr.)."
        );
        let words = close_answer(&s, "kommune", &outcome, Lang::En);
        assert!(words.headline.contains("DKK 666.663"), "{}", words.headline);
    }

    #[test]
    fn an_answer_beyond_what_deb_gives_says_so_as_a_rate_or_in_all() {
        let mut s = cofund::presets::Preset::find("vaekstpilot-150")
            .expect("preset")
            .scenario()
            .expect("valid");
        s.sources.pop(); // no residual: a gap of 3.450.000 kr.
        let solved = |s: &Scenario, id: &str| match close_gap(s, id) {
            Ok(GapOutcome::Solved {
                input, evaluation, ..
            }) => (input, evaluation),
            other => panic!("{other:?}"),
        };
        // DEB's rate: 65,7535 %, above the 50 % DEB gives.
        let (input, evaluation) = solved(&s, "deb");
        assert_eq!(
            over_deb_words(&s, "deb", &input, &evaluation, Lang::Da),
            Some("Det er over DEB's højeste støtteprocent på 50 %, så DEB alene kan ikke lukke hullet.")
        );
        // A second DEB source, a fixed pledge: no rate, but 50 % in all is passed.
        let mut pledge = s.sources[0].clone();
        pledge.id = "deb-ekstra".into();
        pledge.label = "DEB, ekstra tilsagn".into();
        pledge.kind = SourceKind::Fixed {
            amount: Decimal::ZERO,
        };
        s.sources.push(pledge);
        let (input, evaluation) = solved(&s, "deb-ekstra");
        assert_eq!(
            over_deb_words(&s, "deb-ekstra", &input, &evaluation, Lang::En),
            Some("DEB would then pay more than 50% of eligible cost in total, so DEB alone cannot close the gap.")
        );
        // A source that is not DEB closing the same gap is told nothing of DEB.
        let mut other = s.clone();
        other.sources[1].id = "region".into();
        other.sources[1].label = "Region".into();
        let (input, evaluation) = solved(&other, "region");
        assert_eq!(
            over_deb_words(&other, "region", &input, &evaluation, Lang::Da),
            None
        );
    }

    /// A cap reached before the range starts is not answered "from 150" (a QA round: the
    /// local co-financing capped at 2 mio. kr. binds from 87 pilots on).
    #[test]
    fn a_cap_already_reached_at_the_range_start_says_so() {
        let mut s = cofund::presets::Preset::find("vaekstpilot-150")
            .expect("preset")
            .scenario()
            .expect("valid");
        let SourceKind::Residual { cap } = &mut s.sources[2].kind else {
            panic!("the local co-financing is the residual");
        };
        *cap = Some(Decimal::from(2_000_000));
        let ask = |from: i64| {
            let range = Range::new(Decimal::from(from), Decimal::from(225), Decimal::ONE);
            driver_where_cap_binds(&s, "pilots", "local", Some(range)).expect("answered")
        };
        let at_start = ask(150);
        assert!(
            matches!(at_start, CapOutcome::BindsAtStart { .. }),
            "{at_start:?}"
        );
        let words = cap_answer(&s, "pilots", "local", &at_start, Lang::Da);
        assert_eq!(
            words.headline,
            "Svar: allerede ved 150 vækstpiloter, hvor intervallet begynder."
        );
        assert_eq!(
            words.detail,
            "Lokal/regional medfinansiering betaler sit loft på 2.000.000 kr. allerede ved 150 vækstpiloter. Gør »Fra« mindre for at se, hvor loftet begynder at gælde."
        );
        let words = cap_answer(&s, "pilots", "local", &at_start, Lang::En);
        assert_eq!(
            words.headline,
            "Answer: already at 150 vækstpiloter, where the range starts."
        );
        // From 10 on, the point itself is found.
        let words = cap_answer(&s, "pilots", "local", &ask(10), Lang::Da);
        assert_eq!(words.headline, "Svar: fra 87 vækstpiloter.");
    }

    #[test]
    fn a_binding_cap_is_said_with_one_full_stop() {
        let s = cofund::presets::Preset::find("vaekstpilot-150")
            .expect("preset")
            .scenario()
            .expect("valid");
        let reason = GapImpossible::CapBinds {
            path: "sources[0].cap".into(),
            cap: Decimal::new(50_000, 0),
            needed: Decimal::new(63_867, 0),
        };
        assert_eq!(
            impossible_words(&s, &reason, Lang::Da),
            "Kildens loft på 50.000 kr. forhindrer det: den skulle betale 63.867 kr."
        );
        assert_eq!(
            impossible_words(&s, &reason, Lang::En),
            "Its cap of DKK 50,000 prevents it: the source would have to pay DKK 63,867."
        );
    }
}
