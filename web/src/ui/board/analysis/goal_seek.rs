//! Goal seek: the three questions a board asks, each a small form whose answer appears in a
//! polite live region: how many units can we afford within a limit on one source, what
//! would a source have to be to close the gap, and from how many units does a source hit
//! its cap. The answers come from `cofund::model::goal` and are exact on the driver's grid.

use std::rc::Rc;

use cofund::model::goal::Range;
use cofund::model::{
    close_gap, driver_where_cap_binds, evaluate, max_driver_within, CapOutcome, Evaluation,
    GapOutcome, GoalOutcome, Input, NoSolution, Scenario, SourceKind,
};
use cofund::numbers::{format_amount, format_plain, parse_amount, parse_count, Lang};
use cofund::Decimal;
use yew::prelude::*;

use super::words::{afford_question, cap_question, close_question, exact_amount, noun, rate};
use crate::i18n::board_texts;
use crate::ui::fields::{SelectField, TextField};

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

fn driver_options(s: &Scenario) -> Vec<(AttrValue, AttrValue)> {
    s.drivers
        .iter()
        .map(|d| {
            (
                AttrValue::from(d.id.clone()),
                AttrValue::from(d.label.clone()),
            )
        })
        .collect()
}

fn source_options(s: &Scenario) -> Vec<(AttrValue, AttrValue)> {
    s.sources
        .iter()
        .map(|src| {
            (
                AttrValue::from(src.id.clone()),
                AttrValue::from(src.label.clone()),
            )
        })
        .collect()
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

/// A driver's own range as field texts: min (or 0) and max (or nothing).
/// Keeps a form's chosen driver if the scenario still has it; otherwise picks the first
/// driver and resets the range fields to its min and max.
fn keep_driver(driver: &mut String, from: &mut String, to: &mut String, s: &Scenario, lang: Lang) {
    let drivers = s.drivers.iter().map(|d| d.id.as_str());
    match still_there(driver, drivers) {
        Some(id) if id == driver.as_str() => {}
        other => {
            *driver = other.unwrap_or_default().to_string();
            (*from, *to) = driver_range_texts(s, driver, lang);
        }
    }
}

fn driver_range_texts(s: &Scenario, driver: &str, lang: Lang) -> (String, String) {
    let d = s.driver(driver);
    (
        format_plain(d.and_then(|d| d.min).unwrap_or(Decimal::ZERO), lang),
        d.and_then(|d| d.max)
            .map(|max| format_plain(max, lang))
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
        Ok(v) if from != to => format_plain(v, to),
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
                    let message = e.problem().describe(lang);
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
/// the surplus.
fn split_table(s: &Scenario, e: &Evaluation, caption: String, lang: Lang) -> Html {
    let t = board_texts(lang);
    html! {
        <table class="cofund-table cofund-goal-split">
            <caption>{ caption }</caption>
            <tbody>
                <tr><th scope="row">{ t.total_cost }</th><td class="num">{ format_amount(e.total_cost, lang) }</td></tr>
                { for s.sources.iter().zip(&e.sources).map(|(src, r)| html! {
                    <tr data-source={src.id.clone()}><th scope="row">{ &src.label }</th><td class="num">{ format_amount(r.amount, lang) }</td></tr>
                }) }
                if e.gap > Decimal::ZERO {
                    <tr class="cofund-goal-gap"><th scope="row">{ t.gap }</th><td class="num">{ format_amount(e.gap, lang) }</td></tr>
                } else if e.surplus > Decimal::ZERO {
                    <tr><th scope="row">{ t.surplus }</th><td class="num">{ format_amount(e.surplus, lang) }</td></tr>
                } else {
                    <tr><th scope="row">{ t.balanced }</th><td class="num">{ format_amount(Decimal::ZERO, lang) }</td></tr>
                }
            </tbody>
        </table>
    }
}

/// An answer: a short statement in bold, a sentence with the figures, and maybe a table.
fn answer(headline: String, detail: String, split: Html) -> Html {
    html! { <>
        <p class="cofund-goal-answer">{ headline }</p>
        if !detail.is_empty() {
            <p class="cofund-goal-detail">{ detail }</p>
        }
        { split }
    </> }
}

fn failed(message: String, lang: Lang) -> Html {
    let t = board_texts(lang);
    answer(
        format!("{} {message}", t.goal_error),
        String::new(),
        html! {},
    )
}

fn sentence(text: String) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return text,
    };
    if !out.ends_with('.') {
        out.push('.');
    }
    out
}

fn submit(f: impl Fn() + 'static) -> Callback<SubmitEvent> {
    Callback::from(move |e: SubmitEvent| {
        e.prevent_default();
        f();
    })
}

// ---------------------------------------------------------------------------------------
// (a) How many units can we afford?
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
struct AffordForm {
    lang: Lang,
    driver: String,
    source: String,
    limit: String,
    from: String,
    to: String,
    limit_error: Option<String>,
    from_error: Option<String>,
    to_error: Option<String>,
    /// The question last asked: driver, source, limit, range.
    asked: Option<(String, String, Decimal, Range)>,
}

impl AffordForm {
    fn new(s: &Scenario, lang: Lang) -> AffordForm {
        let driver = s.drivers.first().map(|d| d.id.clone()).unwrap_or_default();
        // The residual is what a board usually limits ("local co-financing at most …").
        let source = s
            .sources
            .iter()
            .find(|src| matches!(src.kind, SourceKind::Residual { .. }))
            .or(s.sources.first())
            .map(|src| src.id.clone())
            .unwrap_or_default();
        let (from, to) = driver_range_texts(s, &driver, lang);
        AffordForm {
            lang,
            driver,
            source,
            limit: String::new(),
            from,
            to,
            limit_error: None,
            from_error: None,
            to_error: None,
            asked: None,
        }
    }
}

#[function_component(Afford)]
fn afford(props: &GoalSeekProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let s = props.scenario.clone();
    let form = {
        let s = s.clone();
        use_state(move || AffordForm::new(&s, lang))
    };
    {
        // A driver or source the scenario lost, or a new language: fix the fields.
        let form = form.clone();
        use_effect_with((s.clone(), lang), move |(s, lang)| {
            let mut next = (*form).clone();
            let sources = s.sources.iter().map(|src| src.id.as_str());
            keep_driver(&mut next.driver, &mut next.from, &mut next.to, s, *lang);
            next.source = still_there(&form.source, sources)
                .unwrap_or_default()
                .to_string();
            if next.lang != *lang {
                next.limit = relocalize(&next.limit, next.lang, *lang, true);
                next.from = relocalize(&next.from, next.lang, *lang, false);
                next.to = relocalize(&next.to, next.lang, *lang, false);
                next.lang = *lang;
            }
            if next != *form {
                form.set(next);
            }
        });
    }
    let outcome = use_memo((s.clone(), form.asked.clone()), |(s, asked)| {
        asked.as_ref().map(|(driver, source, limit, range)| {
            max_driver_within(s, driver, source, *limit, Some(*range))
        })
    });

    let driver_label = s.driver(&form.driver).map(|d| d.label.clone());
    let question = afford_question(driver_label.as_deref(), lang);
    if s.drivers.is_empty() || s.sources.is_empty() {
        return html! {
            <div class="cofund-goal">
                <h4>{ question }</h4>
                <p class="cofund-note">{ t.goal_no_drivers }</p>
            </div>
        };
    }
    let update = |f: fn(&mut AffordForm, String, &Scenario)| {
        let (form, s) = (form.clone(), s.clone());
        Callback::from(move |text: String| {
            let mut next = (*form).clone();
            f(&mut next, text, &s);
            form.set(next);
        })
    };
    let onsubmit = {
        let (form, s) = (form.clone(), s.clone());
        submit(move || {
            let mut next = (*form).clone();
            let limit = parse_amount(&next.limit, lang).map_err(|e| e.message(lang));
            let (from_error, to_error, range) =
                read_range(&s, &next.driver, &next.from, &next.to, lang);
            next.limit_error = limit.as_ref().err().cloned();
            next.from_error = from_error;
            next.to_error = to_error;
            if let (Ok(limit), Some(range)) = (limit, range) {
                next.asked = Some((next.driver.clone(), next.source.clone(), limit, range));
            }
            form.set(next);
        })
    };

    let result = match (&*outcome, &form.asked) {
        (Some(Ok(outcome)), Some((driver, source, limit, range))) => {
            afford_answer(&s, driver, source, *limit, range, outcome, lang)
        }
        (Some(Err(e)), _) => failed(e.message(lang), lang),
        _ => html! {},
    };
    html! {
        <form class="cofund-goal" {onsubmit} novalidate=true aria-labelledby="cofund-goal-afford-q">
            <h4 id="cofund-goal-afford-q">{ question }</h4>
            <SelectField id="cofund-goal-afford-driver" label={t.driver_label} options={driver_options(&s)}
                selected={AttrValue::from(form.driver.clone())}
                on_change={update(|f, v, s| { (f.from, f.to) = driver_range_texts(s, &v, f.lang); f.driver = v; })} />
            <SelectField id="cofund-goal-afford-source" label={t.goal_source} options={source_options(&s)}
                selected={AttrValue::from(form.source.clone())} on_change={update(|f, v, _| f.source = v)} />
            <TextField id="cofund-goal-afford-limit" label={t.goal_limit} value={AttrValue::from(form.limit.clone())}
                error={form.limit_error.clone().map(AttrValue::from)} hint={t.amount_hint} numeric=true
                on_input={update(|f, v, _| f.limit = v)} />
            <div class="cofund-goal-range">
                <TextField id="cofund-goal-afford-from" label={t.range_from} value={AttrValue::from(form.from.clone())}
                    error={form.from_error.clone().map(AttrValue::from)} numeric=true on_input={update(|f, v, _| f.from = v)} />
                <TextField id="cofund-goal-afford-to" label={t.range_to} value={AttrValue::from(form.to.clone())}
                    error={form.to_error.clone().map(AttrValue::from)} numeric=true on_input={update(|f, v, _| f.to = v)} />
            </div>
            <button type="submit" class="cofund-button">{ t.goal_submit }</button>
            <div class="cofund-goal-output" aria-live="polite" data-testid="goal-afford-output">{ result }</div>
        </form>
    }
}

fn afford_answer(
    s: &Scenario,
    driver: &str,
    source: &str,
    limit: Decimal,
    range: &Range,
    outcome: &GoalOutcome,
    lang: Lang,
) -> Html {
    let t = board_texts(lang);
    let da = lang == Lang::Da;
    let units = noun(
        &s.driver(driver)
            .map_or_else(String::new, |d| d.label.clone()),
    );
    let source_name = source_label(s, source);
    let src_index = s.sources.iter().position(|src| src.id == source);
    let pays = |e: &Evaluation| {
        src_index
            .and_then(|i| e.sources.get(i))
            .map_or(Decimal::ZERO, |r| r.amount)
    };
    let split = |value: Decimal, e: &Evaluation| {
        let at = format_plain(value, lang);
        let caption = if da {
            format!("{} ved {at} {units}", t.goal_split)
        } else {
            format!("{} at {at} {units}", t.goal_split)
        };
        split_table(s, e, caption, lang)
    };
    match outcome {
        GoalOutcome::Found { value, evaluation } => {
            let v = format_plain(*value, lang);
            let next = value.checked_add(range.step).and_then(|next| {
                let mut working = s.clone();
                working.driver_mut(driver)?.value = next;
                evaluate(&working).ok().map(|e| (next, pays(&e)))
            });
            let (amount, limit) = (
                format_amount(pays(evaluation), lang),
                format_amount(limit, lang),
            );
            let mut detail = sentence(if da {
                format!("Ved {v} betaler {source_name} {amount}, inden for grænsen på {limit}")
            } else {
                format!("At {v}, {source_name} pays {amount}, within the limit of {limit}")
            });
            if let Some((next, over)) = next {
                let (next, over) = (format_plain(next, lang), format_amount(over, lang));
                detail.push(' ');
                detail.push_str(&sentence(if da {
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
            answer(headline, detail, split(*value, evaluation))
        }
        GoalOutcome::RangeEnd { value, evaluation } => {
            let v = format_plain(*value, lang);
            let (amount, limit) = (
                format_amount(pays(evaluation), lang),
                format_amount(limit, lang),
            );
            let (headline, detail) = if da {
                (
                    format!("Svar: mindst {v} {units} – hele intervallet holder sig inden for grænsen."),
                    format!("Selv ved {v}, intervallets slutning, betaler {source_name} kun {amount} (grænsen er {limit}). Det er intervallet, ikke beløbet, der sætter grænsen: gør »Til« større for at se længere."),
                )
            } else {
                (
                    format!("Answer: at least {v} {units} – the whole range stays within the limit."),
                    format!("Even at {v}, the end of the range, {source_name} pays only {amount} (the limit is {limit}). The range, not the money, is what limits: raise “To” to look further."),
                )
            };
            answer(headline, detail, split(*value, evaluation))
        }
        GoalOutcome::NoSolution { reason } => {
            let NoSolution::ExceedsEverywhere { .. } = reason;
            answer(
                t.goal_no_solution.to_string(),
                sentence(reason.describe(lang)),
                html! {},
            )
        }
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
    let asked = use_state(|| None::<String>);
    let source = still_there(&chosen, s.sources.iter().map(|src| src.id.as_str()))
        .unwrap_or_default()
        .to_string();
    let outcome = use_memo((s.clone(), (*asked).clone()), |(s, asked)| {
        asked.as_ref().map(|id| close_gap(s, id))
    });
    let question = close_question(
        (!source.is_empty())
            .then(|| source_label(&s, &source))
            .as_deref(),
        lang,
    );
    if s.sources.is_empty() {
        return html! {
            <div class="cofund-goal">
                <h4>{ question }</h4>
                <p class="cofund-note">{ t.goal_no_sources }</p>
            </div>
        };
    }
    let on_source = {
        let chosen = chosen.clone();
        Callback::from(move |id: String| chosen.set(id))
    };
    let onsubmit = {
        let (asked, source) = (asked.clone(), source.clone());
        submit(move || asked.set(Some(source.clone())))
    };
    let result = match (&*outcome, &*asked) {
        (Some(Ok(outcome)), Some(id)) => close_answer(&s, id, outcome, lang),
        (Some(Err(e)), _) => failed(e.message(lang), lang),
        _ => html! {},
    };
    html! {
        <form class="cofund-goal" {onsubmit} novalidate=true aria-labelledby="cofund-goal-close-q">
            <h4 id="cofund-goal-close-q">{ question }</h4>
            <SelectField id="cofund-goal-close-source" label={t.goal_source} options={source_options(&s)}
                selected={AttrValue::from(source)} on_change={on_source} />
            <button type="submit" class="cofund-button">{ t.goal_submit }</button>
            <div class="cofund-goal-output" aria-live="polite" data-testid="goal-close-output">{ result }</div>
        </form>
    }
}

fn close_answer(s: &Scenario, id: &str, outcome: &GapOutcome, lang: Lang) -> Html {
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
                _ => (exact_amount(*value, lang), exact_amount(*previous, lang)),
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
            answer(
                headline,
                detail.to_string(),
                split_table(s, evaluation, t.goal_split_after.to_string(), lang),
            )
        }
        GapOutcome::Impossible { reason } => {
            let headline = if da {
                format!("Det kan ikke lade sig gøre med {name} alene.")
            } else {
                format!("{name} cannot close the gap on its own.")
            };
            answer(headline, sentence(reason.describe(lang)), html! {})
        }
    }
}

// ---------------------------------------------------------------------------------------
// (c) When does a source reach its cap?
// ---------------------------------------------------------------------------------------

#[derive(Clone, Debug, PartialEq)]
struct CapForm {
    lang: Lang,
    driver: String,
    source: String,
    from: String,
    to: String,
    from_error: Option<String>,
    to_error: Option<String>,
    asked: Option<(String, String, Range)>,
}

impl CapForm {
    fn new(s: &Scenario, lang: Lang) -> CapForm {
        let driver = s.drivers.first().map(|d| d.id.clone()).unwrap_or_default();
        // A source with a cap, if there is one.
        let source = s
            .sources
            .iter()
            .find(|src| src.kind.cap().is_some())
            .or(s.sources.first())
            .map(|src| src.id.clone())
            .unwrap_or_default();
        let (from, to) = driver_range_texts(s, &driver, lang);
        CapForm {
            lang,
            driver,
            source,
            from,
            to,
            from_error: None,
            to_error: None,
            asked: None,
        }
    }
}

#[function_component(CapBinds)]
fn cap_binds(props: &GoalSeekProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let s = props.scenario.clone();
    let form = {
        let s = s.clone();
        use_state(move || CapForm::new(&s, lang))
    };
    {
        let form = form.clone();
        use_effect_with((s.clone(), lang), move |(s, lang)| {
            let mut next = (*form).clone();
            keep_driver(&mut next.driver, &mut next.from, &mut next.to, s, *lang);
            // A source the scenario lost: one with a cap if there is one, else the first.
            let capped = s.sources.iter().find(|src| src.kind.cap().is_some());
            let current = s.sources.iter().find(|src| src.id == form.source);
            next.source = current
                .or(capped)
                .or(s.sources.first())
                .map(|src| src.id.clone())
                .unwrap_or_default();
            if next.lang != *lang {
                next.from = relocalize(&next.from, next.lang, *lang, false);
                next.to = relocalize(&next.to, next.lang, *lang, false);
                next.lang = *lang;
            }
            if next != *form {
                form.set(next);
            }
        });
    }
    let outcome = use_memo((s.clone(), form.asked.clone()), |(s, asked)| {
        asked
            .as_ref()
            .map(|(driver, source, range)| driver_where_cap_binds(s, driver, source, Some(*range)))
    });
    let source_name = (!form.source.is_empty()).then(|| source_label(&s, &form.source));
    let question = cap_question(source_name.as_deref(), lang);
    if s.drivers.is_empty() || s.sources.is_empty() {
        return html! {
            <div class="cofund-goal">
                <h4>{ question }</h4>
                <p class="cofund-note">{ t.goal_no_drivers }</p>
            </div>
        };
    }
    let update = |f: fn(&mut CapForm, String, &Scenario)| {
        let (form, s) = (form.clone(), s.clone());
        Callback::from(move |text: String| {
            let mut next = (*form).clone();
            f(&mut next, text, &s);
            form.set(next);
        })
    };
    let onsubmit = {
        let (form, s) = (form.clone(), s.clone());
        submit(move || {
            let mut next = (*form).clone();
            let (from_error, to_error, range) =
                read_range(&s, &next.driver, &next.from, &next.to, lang);
            next.from_error = from_error;
            next.to_error = to_error;
            if let Some(range) = range {
                next.asked = Some((next.driver.clone(), next.source.clone(), range));
            }
            form.set(next);
        })
    };
    let result = match (&*outcome, &form.asked) {
        (Some(Ok(outcome)), Some((driver, source, _))) => {
            cap_answer(&s, driver, source, outcome, lang)
        }
        (Some(Err(e)), _) => failed(e.message(lang), lang),
        _ => html! {},
    };
    html! {
        <form class="cofund-goal" {onsubmit} novalidate=true aria-labelledby="cofund-goal-cap-q">
            <h4 id="cofund-goal-cap-q">{ question }</h4>
            <SelectField id="cofund-goal-cap-source" label={t.goal_source} options={source_options(&s)}
                selected={AttrValue::from(form.source.clone())} on_change={update(|f, v, _| f.source = v)} />
            <SelectField id="cofund-goal-cap-driver" label={t.driver_label} options={driver_options(&s)}
                selected={AttrValue::from(form.driver.clone())}
                on_change={update(|f, v, s| { (f.from, f.to) = driver_range_texts(s, &v, f.lang); f.driver = v; })} />
            <div class="cofund-goal-range">
                <TextField id="cofund-goal-cap-from" label={t.range_from} value={AttrValue::from(form.from.clone())}
                    error={form.from_error.clone().map(AttrValue::from)} numeric=true on_input={update(|f, v, _| f.from = v)} />
                <TextField id="cofund-goal-cap-to" label={t.range_to} value={AttrValue::from(form.to.clone())}
                    error={form.to_error.clone().map(AttrValue::from)} numeric=true on_input={update(|f, v, _| f.to = v)} />
            </div>
            <button type="submit" class="cofund-button">{ t.goal_submit }</button>
            <div class="cofund-goal-output" aria-live="polite" data-testid="goal-cap-output">{ result }</div>
        </form>
    }
}

fn cap_answer(s: &Scenario, driver: &str, source: &str, outcome: &CapOutcome, lang: Lang) -> Html {
    let t = board_texts(lang);
    let da = lang == Lang::Da;
    let units = noun(
        &s.driver(driver)
            .map_or_else(String::new, |d| d.label.clone()),
    );
    let name = source_label(s, source);
    match outcome {
        CapOutcome::BindsFrom {
            value,
            cap,
            evaluation,
        } => {
            let (v, cap) = (format_plain(*value, lang), format_amount(*cap, lang));
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
            let caption = if da {
                format!("{} ved {v} {units}", t.goal_split)
            } else {
                format!("{} at {v} {units}", t.goal_split)
            };
            answer(headline, detail, split_table(s, evaluation, caption, lang))
        }
        CapOutcome::NeverBinds {
            cap,
            value,
            highest,
        } => {
            let (cap, v, highest) = (
                format_amount(*cap, lang),
                format_plain(*value, lang),
                format_amount(*highest, lang),
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
    fn sentences_start_with_a_capital_and_end_with_a_stop() {
        assert_eq!(sentence("ingen værdi".into()), "Ingen værdi.");
        assert_eq!(sentence("4.000.000 kr.".into()), "4.000.000 kr.");
    }
}
