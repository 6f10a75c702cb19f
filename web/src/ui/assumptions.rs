//! The scenario's assumptions in one compact list — period, units, cost lines and how each
//! source pays — for print and handouts, where the editor's form would not fit the page.

use std::rc::Rc;

use cofund::model::{Base, CostKind, Scenario, SourceKind};
use cofund::numbers::{format_exact_amount, format_percent, format_plain, Lang};
use cofund::text::{in_sentence, label_or_id, lowercase};
use cofund::Decimal;
use yew::prelude::*;

use crate::editor::draft::legend_name;
use crate::i18n::{app_texts, texts};

#[derive(Properties, PartialEq)]
pub struct AssumptionsProps {
    pub scenario: Rc<Scenario>,
    pub lang: Lang,
}

/// A rate with as many decimals as it has: `50 %`, `12,5 %`.
fn rate(value: Decimal, lang: Lang) -> String {
    format_percent(value, value.normalize().scale(), lang)
}

/// The unit `id` as a sentence names it: its label (or its id, when the label is blank)
/// in lower case, "vækstpiloter".
fn unit_in_sentence(s: &Scenario, id: &str) -> String {
    s.driver(id)
        .map(|d| in_sentence(label_or_id(&d.label, &d.id)))
        .unwrap_or_default()
}

/// The period as a factor: "3 år", "3 years", "1 year".
fn period(s: &Scenario, lang: Lang) -> String {
    let t = app_texts(lang);
    let word = if s.years == 1 {
        t.year_word
    } else {
        t.years_word
    };
    format!("{} {word}", s.years)
}

/// One line in words: "100.000 kr. × vækstpiloter" etc.
fn cost_rule(s: &Scenario, kind: &CostKind, amount: Decimal, lang: Lang) -> String {
    let t = app_texts(lang);
    let unit = |id: &str| unit_in_sentence(s, id);
    let amount = format_exact_amount(amount, lang);
    match kind {
        CostKind::Fixed => format!("{amount} ({})", lowercase(t.cost_fixed)),
        CostKind::PerUnit { driver } => format!("{amount} × {}", unit(driver)),
        CostKind::PerYear => format!("{amount} × {}", period(s, lang)),
        CostKind::PerUnitPerYear { driver } => {
            format!("{amount} × {} × {}", unit(driver), period(s, lang))
        }
    }
}

fn source_rule(s: &Scenario, kind: &SourceKind, lang: Lang) -> String {
    let t = app_texts(lang);
    let cap = |cap: &Option<Decimal>| {
        cap.map(|c| format!(", {} {}", t.cap_word, format_exact_amount(c, lang)))
            .unwrap_or_default()
    };
    match kind {
        SourceKind::Share {
            rate: r,
            of,
            cap: c,
        } => {
            let base = match of {
                Base::Eligible => t.base_eligible,
                Base::Total => t.base_total,
            };
            format!("{} {} {base}{}", rate(*r, lang), t.of_word, cap(c))
        }
        SourceKind::PerUnit { driver, amount } => format!(
            "{} × {}",
            format_exact_amount(*amount, lang),
            unit_in_sentence(s, driver)
        ),
        SourceKind::Fixed { amount } => format_exact_amount(*amount, lang),
        SourceKind::PerYear { amount } => {
            format!(
                "{} × {}",
                format_exact_amount(*amount, lang),
                period(s, lang)
            )
        }
        SourceKind::Residual { cap: c } => {
            format!("{}{}", lowercase(t.source_residual), cap(c))
        }
    }
}

#[function_component(Assumptions)]
pub fn assumptions(props: &AssumptionsProps) -> Html {
    let s = &props.scenario;
    let lang = props.lang;
    let t = app_texts(lang);
    html! {
        // Labelled by name, not by id: the handout shows one of these per scenario.
        <section class="cofund-assumptions" aria-label={format!("{}: {}", t.editor_heading, s.name)}>
            <h3>{ t.editor_heading }</h3>
            <dl>
                <dt>{ t.years_label }</dt><dd>{ s.years }</dd>
                { for s.drivers.iter().map(|d| {
                    let range = match (d.min, d.max) {
                        (Some(min), Some(max)) => format!(" ({}–{})", format_plain(min, lang), format_plain(max, lang)),
                        _ => String::new(),
                    };
                    html! { <><dt>{ &d.label }</dt><dd>{ format!("{}{range}", format_plain(d.value, lang)) }</dd></> }
                }) }
                <Rules scenario={s.clone()} lang={lang} />
            </dl>
        </section>
    }
}

/// The cost lines' and sources' rules. They depend on neither the units' values nor the
/// name, so typing in a unit field (the commonest edit) leaves them alone; see the
/// `PartialEq` below. A 200-line scenario would otherwise format 200 lines per keystroke
/// for a list that only shows on paper.
#[derive(Properties)]
struct RulesProps {
    scenario: Rc<Scenario>,
    lang: Lang,
}

impl PartialEq for RulesProps {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (&*self.scenario, &*other.scenario);
        self.lang == other.lang
            && (Rc::ptr_eq(&self.scenario, &other.scenario)
                || (a.years == b.years
                    && a.costs == b.costs
                    && a.sources == b.sources
                    && labels(a).eq(labels(b))))
    }
}

/// The units' ids and labels, which the rules name.
fn labels(s: &Scenario) -> impl Iterator<Item = (&String, &String)> {
    s.drivers.iter().map(|d| (&d.id, &d.label))
}

#[function_component(Rules)]
fn rules(props: &RulesProps) -> Html {
    let (s, lang) = (&*props.scenario, props.lang);
    let t = app_texts(lang);
    html! { <>
        { for s.costs.iter().map(|c| html! { <>
            <dt>{ legend_name(&c.label, texts(lang).new_cost) }</dt>
            <dd>
                { cost_rule(s, &c.kind, c.amount, lang) }
                if !c.eligible { { format!(" – {}", t.not_eligible) } }
            </dd>
        </> }) }
        { for s.sources.iter().map(|src| html! { <>
            <dt>{ legend_name(&src.label, texts(lang).new_source) }</dt><dd>{ source_rule(s, &src.kind, lang) }</dd>
        </> }) }
    </> }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cofund::presets::Preset;

    #[test]
    fn rules_read_like_the_source_document() {
        let s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
        assert_eq!(
            cost_rule(&s, &s.costs[0].kind, s.costs[0].amount, Lang::Da),
            "100.000 kr. × vækstpiloter"
        );
        assert_eq!(
            source_rule(&s, &s.sources[0].kind, Lang::Da),
            "50 % af støtteberettigede udgifter"
        );
        assert_eq!(
            source_rule(&s, &s.sources[0].kind, Lang::En),
            "50% of eligible cost"
        );
        let mut one = s.clone();
        one.years = 1;
        let per_year = CostKind::PerYear;
        let amount = Decimal::from(1_000);
        assert_eq!(
            cost_rule(&one, &per_year, amount, Lang::En),
            "DKK 1,000 × 1 year"
        );
        assert_eq!(
            cost_rule(&s, &per_year, amount, Lang::En),
            "DKK 1,000 × 3 years"
        );
        assert_eq!(
            cost_rule(&one, &per_year, amount, Lang::Da),
            "1.000 kr. × 1 år"
        );
        assert_eq!(
            format_exact_amount(Decimal::new(1250050, 2), Lang::Da),
            "12.500,50 kr."
        );
    }
}
