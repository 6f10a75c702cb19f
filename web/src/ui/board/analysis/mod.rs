//! How one scenario reacts to its assumptions: a sensitivity sweep ([`sweep_chart`]), a
//! tornado ranking ([`tornado_chart`]) and goal seek ([`goal_seek`]), for the active
//! scenario's last valid state.
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
use yew::prelude::*;

use crate::i18n::board_texts;
use goal_seek::GoalSeek;
use sweep_chart::SweepPanel;
use tornado_chart::TornadoPanel;

#[derive(Properties, PartialEq)]
pub struct AnalysisProps {
    pub scenario: Rc<Scenario>,
    pub evaluation: Rc<Evaluation>,
    pub lang: Lang,
}

#[function_component(Analysis)]
pub fn analysis(props: &AnalysisProps) -> Html {
    let t = board_texts(props.lang);
    html! {
        <section class="cofund-analysis" aria-labelledby="cofund-analysis-heading" data-testid="analysis">
            <h2 id="cofund-analysis-heading" class="cofund-analysis-heading">{ t.analysis_heading }</h2>
            <p class="cofund-analysis-name">{ &props.scenario.name }</p>
            <SweepPanel scenario={props.scenario.clone()} lang={props.lang} />
            <TornadoPanel scenario={props.scenario.clone()} evaluation={props.evaluation.clone()} lang={props.lang} />
            <GoalSeek scenario={props.scenario.clone()} lang={props.lang} />
        </section>
    }
}
