//! Scenarios as columns, with each figure's difference from the baseline.

use std::rc::Rc;

use cofund::numbers::Lang;
use yew::prelude::*;

use super::Column;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub columns: Rc<Vec<Column>>,
    pub baseline: usize,
    pub lang: Lang,
}

#[function_component(Compare)]
pub fn compare(_props: &CompareProps) -> Html {
    html! {}
}
