//! The scenarios of the workspace as a row of buttons, with the tools that act on them:
//! new, duplicate, use as baseline, delete, undo and redo.

use cofund::numbers::Lang;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::editor::focus::add_button_for;
use crate::editor::workspace::{WorkspaceAction, WorkspaceState};
use crate::i18n::app_texts;
use crate::ui::focus_first;

/// One scenario's button.
#[derive(Clone, Debug, PartialEq)]
pub struct Tab {
    pub name: AttrValue,
    /// False while one of its fields cannot be read: its figures everywhere are the last
    /// valid ones, and its button says so too (the board views and the editor already do).
    pub current: bool,
}

#[derive(Properties, PartialEq)]
pub struct WorkspaceBarProps {
    pub tabs: Vec<Tab>,
    pub active: usize,
    pub baseline: usize,
    pub can_undo: bool,
    pub can_redo: bool,
    pub lang: Lang,
    pub dispatch: yew::UseReducerDispatcher<WorkspaceState>,
}

#[function_component(WorkspaceBar)]
pub fn workspace_bar(props: &WorkspaceBarProps) -> Html {
    let t = app_texts(props.lang);
    let act = |action: WorkspaceAction| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(action.clone());
            keep_focus_in_bar();
        })
    };
    let count = props.tabs.len();
    html! {
        <nav class="cofund-workspace" aria-label={t.workspace_label}>
            <ul class="cofund-tabs">
                { for props.tabs.iter().enumerate().map(|(i, tab)| {
                    let is_active = i == props.active;
                    let shown = if tab.name.is_empty() { t.blank_name } else { tab.name.as_str() };
                    html! {
                        <li>
                            <button type="button" class={classes!("cofund-tab", is_active.then_some("cofund-tab--active"))}
                                aria-current={is_active.then_some("true")} onclick={act(WorkspaceAction::Select(i))}>
                                { shown }
                                // The spaces keep the button's accessible name in words
                                // ("… basis ikke opdateret"), not run together.
                                if i == props.baseline && count > 1 {
                                    { " " }<span class="cofund-tab-badge">{ t.baseline_badge }</span>
                                }
                                if !tab.current {
                                    { " " }<span class="cofund-tab-badge cofund-tab-badge--stale">{ t.stale_badge }</span>
                                }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <div class="cofund-workspace-tools">
                <button type="button" class="cofund-icon-button" onclick={act(WorkspaceAction::Add(None))}>{ "+ " }{ t.new_scenario }</button>
                <button type="button" class="cofund-icon-button" onclick={act(WorkspaceAction::Duplicate(props.active))}>{ t.duplicate }</button>
                <button type="button" class="cofund-icon-button" disabled={props.baseline == props.active}
                    onclick={act(WorkspaceAction::SetBaseline(props.active))}>{ t.use_as_baseline }</button>
                <button type="button" class="cofund-icon-button cofund-icon-button--remove" disabled={count < 2}
                    onclick={act(WorkspaceAction::Delete(props.active))}>{ t.delete_scenario }</button>
                <button type="button" class="cofund-icon-button" disabled={!props.can_undo} aria-keyshortcuts="Control+Z"
                    onclick={act(WorkspaceAction::Undo)}>{ t.undo }</button>
                <button type="button" class="cofund-icon-button" disabled={!props.can_redo} aria-keyshortcuts="Control+Shift+Z"
                    onclick={act(WorkspaceAction::Redo)}>{ t.redo }</button>
            </div>
        </nav>
    }
}

/// A tool can take the focus away with it: "Brug som basis", "Fortryd" and "Gentag"
/// disable themselves when there is nothing more to do, and "Slet scenarie" removes the
/// focused scenario's button. Once the change has rendered, a focus that was lost goes to
/// the active scenario's button rather than staying on `<body>` (WCAG 2.4.3).
fn keep_focus_in_bar() {
    refocus_if_lost(None);
}

/// After an edit made away from the focused element (Ctrl+Z and the other shortcuts, the
/// bar's tools): once it has rendered, if the focus was lost with its element, it goes to
/// the element with the id `was_on` when the edit brought one back, else to the add button
/// of the list the lost field's row was in (an undone "Tilføj udgiftspost" removes the row
/// the user was typing in), else to the active scenario's button.
pub fn refocus_if_lost(was_on: Option<String>) {
    Timeout::new(0, move || {
        let document = gloo::utils::document();
        let body = document.body().map(web_sys::Element::from);
        let lost = match document.active_element() {
            None => true,
            Some(el) => Some(&el) == body.as_ref() || el.has_attribute("disabled"),
        };
        let Some(root) = document.document_element().filter(|_| lost) else {
            return;
        };
        let candidates = was_on
            .iter()
            .flat_map(|id| {
                [
                    Some(format!("[id='{id}']")),
                    add_button_for(id).map(|add| format!("#{add}")),
                ]
            })
            .flatten()
            .chain([".cofund-tab[aria-current='true']".to_string()]);
        for selector in candidates {
            if focus_first(&root, &selector) {
                return;
            }
        }
    })
    .forget();
}
