//! The explanation of one figure: its title, the calculation and notes, exactly as
//! `cofund::explain` words them (this component only lays them out). A non-modal region:
//! the results panel moves focus here when a figure is chosen and back to that figure when
//! the panel is closed, with the close button or with Escape.

use cofund::explain::Explanation;
use cofund::numbers::Lang;
use yew::prelude::*;

use super::focus_id;
use crate::i18n::texts;

/// Which figure's explanation is open in a view whose figures open one (the results panel,
/// the comparison), each figure known by a `K`.
pub struct ChosenFigure<K: 'static> {
    /// The figure whose explanation is open, if any.
    pub chosen: UseStateHandle<Option<K>>,
    /// Opens the figure's explanation, and closes it when it is the one open.
    pub pick: Callback<K>,
    /// Closes the explanation and takes the focus back to its figure.
    pub close: Callback<()>,
    /// Whether the focus is to move into the panel at the next render that shows it.
    focus_pending: std::rc::Rc<std::cell::RefCell<bool>>,
    root: NodeRef,
}

/// The figures of the view under `root` and their explanation panel: choosing a figure
/// opens its explanation; closing it (its button, Escape) takes the focus back to the
/// figure, whose DOM id `figure_id` gives, as a non-modal disclosure should. The view then
/// calls [`use_explanation_shown`] with whether the chosen figure has an explanation.
#[hook]
pub fn use_chosen_figure<K>(root: NodeRef, figure_id: fn(&K) -> String) -> ChosenFigure<K>
where
    K: Clone + PartialEq + 'static,
{
    let chosen = use_state(|| None::<K>);
    let focus_pending = use_mut_ref(|| false);
    let pick = {
        let (chosen, focus_pending) = (chosen.clone(), focus_pending.clone());
        Callback::from(move |me: K| {
            if chosen.as_ref() == Some(&me) {
                chosen.set(None);
            } else {
                *focus_pending.borrow_mut() = true;
                chosen.set(Some(me));
            }
        })
    };
    let close = {
        let (chosen, root) = (chosen.clone(), root.clone());
        Callback::from(move |()| {
            if let Some(me) = &*chosen {
                focus_id(&root, &figure_id(me));
                chosen.set(None);
            }
        })
    };
    ChosenFigure {
        chosen,
        pick,
        close,
        focus_pending,
        root,
    }
}

impl<K: 'static> ChosenFigure<K> {
    /// Escape anywhere in the view closes the explanation while it is `open`, and is then
    /// taken (`prevent_default`), so that presentation mode does not also end (present.rs).
    pub fn close_on_escape(&self, open: bool) -> Callback<KeyboardEvent> {
        let close = self.close.clone();
        Callback::from(move |e: KeyboardEvent| {
            if e.key() == "Escape" && open {
                e.prevent_default();
                close.emit(());
            }
        })
    }
}

/// After a render in which the chosen figure's explanation is shown (`shown`), the focus
/// moves into it once; a choice whose figure went (its line removed, a scenario closed) is
/// forgotten, so that the panel, `aria-expanded` and Escape agree.
#[hook]
pub fn use_explanation_shown<K>(figure: &ChosenFigure<K>, shown: bool)
where
    K: Clone + PartialEq + 'static,
{
    let (chosen, focus_pending, root) = (
        figure.chosen.clone(),
        figure.focus_pending.clone(),
        figure.root.clone(),
    );
    use_effect_with(((*chosen).clone(), shown), move |(open, shown)| {
        if open.is_some() && !*shown {
            chosen.set(None);
        } else if *shown && focus_pending.replace(false) {
            focus_id(&root, PANEL_ID);
        }
    });
}

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
