//! How one scenario reacts to its assumptions: a sensitivity sweep ([`sweep_chart`]), a
//! tornado ranking ([`tornado_chart`]) and goal seek ([`goal_seek`]), for the active
//! scenario's last valid state; when that is not the scenario as the editor has it now,
//! the view says so under its heading (see [`super::stale`]).
//!
//! The charts are inline SVG drawn by the app from exact decimals ([`chart`]); they carry
//! no inline styles (a strict CSP forbids them): colours, dashes and sizes come from
//! classes in `styles/analysis.css` and SVG presentation attributes.

mod chart;
mod goal_seek;
mod sweep_chart;
mod tornado_chart;
mod words;

use std::rc::Rc;

use cofund::model::{Evaluation, Scenario};
use cofund::numbers::Lang;
use cofund::text::shown_label;
use yew::prelude::*;

use super::stale::StaleNote;
use crate::i18n::board_texts;
use crate::ui::printing::{use_printing, Printing};
use goal_seek::GoalSeek;
use sweep_chart::SweepPanel;
use tornado_chart::TornadoPanel;

#[derive(Properties, PartialEq)]
pub struct AnalysisProps {
    pub scenario: Rc<Scenario>,
    pub evaluation: Rc<Evaluation>,
    pub lang: Lang,
    /// Whether `scenario` is the editor's scenario as it is now.
    pub current: bool,
}

const STALE_ID: &str = "cofund-analysis-not-current";

/// `scenario` with its labels as tables and legends show them: a blank one named as the
/// editor and the explanations name it ([`cofund::explain::named`]: "Ny udgiftspost", not
/// the file's `costs[0]`; a unit by its id), a long one cut at 200 characters
/// ([`shown_label`]); `scenario` itself when none needs it. The analysis only shows labels;
/// its calculations go by ids and values.
fn labels_shown(scenario: &Rc<Scenario>, lang: Lang) -> Rc<Scenario> {
    let long = |label: &String| matches!(shown_label(label), std::borrow::Cow::Owned(_));
    let blank_unit = scenario
        .drivers
        .iter()
        .any(|d| cofund::text::is_blank(&d.label));
    let named = cofund::explain::named(scenario, lang);
    let any = blank_unit
        || matches!(named, std::borrow::Cow::Owned(_))
        || scenario.drivers.iter().any(|d| long(&d.label))
        || scenario.costs.iter().any(|c| long(&c.label))
        || scenario.sources.iter().any(|src| long(&src.label));
    if !any {
        return scenario.clone();
    }
    let mut shown = named.into_owned();
    for unit in &mut shown.drivers {
        unit.label = cofund::text::label_or_id(&unit.label, &unit.id).to_string();
    }
    let labels = shown
        .drivers
        .iter_mut()
        .map(|d| &mut d.label)
        .chain(shown.costs.iter_mut().map(|c| &mut c.label))
        .chain(shown.sources.iter_mut().map(|src| &mut src.label));
    for label in labels {
        *label = shown_label(label).into_owned();
    }
    Rc::new(shown)
}

#[function_component(Analysis)]
pub fn analysis(props: &AnalysisProps) -> Html {
    let t = board_texts(props.lang);
    let stale = !props.current;
    // Long labels (from a file or link) would hold the page while the charts' legends and
    // tables are laid out.
    let scenario = use_memo((props.scenario.clone(), props.lang), |(s, lang)| {
        labels_shown(s, *lang)
    });
    let scenario: Rc<Scenario> = (*scenario).clone();
    let printing = use_printing();
    html! {
        <ContextProvider<Printing> context={printing}>
        <section class="cofund-analysis" aria-labelledby="cofund-analysis-heading" data-testid="analysis"
            aria-describedby={stale.then_some(STALE_ID)}>
            <h2 id="cofund-analysis-heading" class="cofund-analysis-heading">{ t.analysis_heading }</h2>
            <p class="cofund-analysis-name">
                { &props.scenario.name }
                if stale {
                    { " " }<span class="cofund-board-stale-mark">{ t.stale_mark }</span>
                }
            </p>
            if stale {
                <StaleNote lang={props.lang} id={AttrValue::from(STALE_ID)} />
            }
            <SweepPanel scenario={scenario.clone()} lang={props.lang} />
            <TornadoPanel scenario={scenario.clone()} evaluation={props.evaluation.clone()} lang={props.lang} />
            <GoalSeek scenario={scenario} lang={props.lang} />
        </section>
        </ContextProvider<Printing>>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A QA round: a cost line without a name was "costs[0] – beløb" in the pickers and charts.
    #[test]
    fn blank_labels_are_named_as_the_editor_names_them() {
        let mut s = cofund::presets::Preset::find("vaekstpilot-150")
            .expect("preset")
            .scenario()
            .expect("valid");
        s.drivers[0].label = " ".into();
        s.costs[0].label = String::new();
        s.sources[0].label = "\t".into();
        let shown = labels_shown(&Rc::new(s.clone()), Lang::Da);
        assert_eq!(shown.drivers[0].label, "pilots");
        assert_eq!(shown.costs[0].label, "Ny udgiftspost");
        assert_eq!(shown.sources[0].label, "Ny finansieringskilde");
        assert_eq!(shown.costs[1].label, s.costs[1].label);
        let shown = labels_shown(&Rc::new(s), Lang::En);
        assert_eq!(shown.costs[0].label, "New cost line");
        // Named labels only: the same scenario, not a copy.
        let named = Rc::new(
            cofund::presets::Preset::find("design-sprint")
                .expect("preset")
                .scenario()
                .expect("valid"),
        );
        assert!(Rc::ptr_eq(&labels_shown(&named, Lang::Da), &named));
    }
}
