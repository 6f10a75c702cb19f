//! Presentation mode: the comparison and the active scenario's split in large type for a
//! projector, with no editing controls.

use std::rc::Rc;

use cofund::numbers::Lang;
use yew::prelude::*;

use super::Column;

#[derive(Properties, PartialEq)]
pub struct PresentProps {
    pub columns: Rc<Vec<Column>>,
    pub active: usize,
    pub baseline: usize,
    pub lang: Lang,
    /// Arrow keys move to another scenario.
    pub on_select: Callback<usize>,
    /// The single keystroke (Escape) that returns to editing.
    pub on_exit: Callback<()>,
}

#[function_component(Present)]
pub fn present(_props: &PresentProps) -> Html {
    html! {}
}
