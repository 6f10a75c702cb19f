//! The explanation of one figure: its title, the calculation and notes, exactly as
//! `cofund::explain` words them (this component only lays them out). A non-modal region:
//! the results panel moves focus here when a figure is chosen and back to that figure when
//! the panel is closed, with the close button or with Escape.

use cofund::explain::Explanation;
use cofund::numbers::Lang;
use yew::prelude::*;

use crate::i18n::texts;

/// The panel's DOM id, for the figures' `aria-controls`.
pub const PANEL_ID: &str = "cofund-explain";
const TITLE_ID: &str = "cofund-explain-title";

#[derive(Properties, PartialEq)]
pub struct ExplainPanelProps {
    /// What to show; `None` renders the panel empty and hidden, so `aria-controls` always
    /// points at an element that exists.
    pub explanation: Option<Explanation>,
    pub lang: Lang,
    pub on_close: Callback<()>,
}

#[function_component(ExplainPanel)]
pub fn explain_panel(props: &ExplainPanelProps) -> Html {
    let t = texts(props.lang);
    let Some(explanation) = &props.explanation else {
        return html! { <section id={PANEL_ID} class="cofund-explain" hidden=true></section> };
    };
    let close = {
        let on_close = props.on_close.clone();
        Callback::from(move |_: MouseEvent| on_close.emit(()))
    };
    let onkeydown = {
        let on_close = props.on_close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" {
                // Handled here; the results panel around us need not close it again.
                e.stop_propagation();
                e.prevent_default();
                on_close.emit(());
            }
        })
    };
    html! {
        <section id={PANEL_ID} class="cofund-explain" role="region" aria-labelledby={TITLE_ID}
                 tabindex="-1" {onkeydown}>
            <div class="cofund-explain-head">
                <div>
                    <p class="cofund-explain-kicker">{ t.explain_kicker }</p>
                    <h3 id={TITLE_ID} class="cofund-explain-title">{ &explanation.title }</h3>
                </div>
                <button type="button" class="cofund-explain-close" onclick={close}>{ t.explain_close }</button>
            </div>
            <p class="cofund-explain-formula">
                <span class="cofund-explain-label">{ t.explain_formula }{ ": " }</span>
                <span class="cofund-explain-math">{ &explanation.formula }</span>
            </p>
            if !explanation.notes.is_empty() {
                <ul class="cofund-explain-notes">
                    { for explanation.notes.iter().map(|note| html! { <li>{ note }</li> }) }
                </ul>
            }
        </section>
    }
}
