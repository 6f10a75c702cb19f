//! How one scenario reacts to its assumptions: a sensitivity sweep, a tornado ranking and
//! goal seek.

use std::rc::Rc;

use cofund::model::{Evaluation, Scenario};
use cofund::numbers::Lang;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct AnalysisProps {
    pub scenario: Rc<Scenario>,
    pub evaluation: Rc<Evaluation>,
    pub lang: Lang,
}

#[function_component(Analysis)]
pub fn analysis(_props: &AnalysisProps) -> Html {
    html! {}
}
