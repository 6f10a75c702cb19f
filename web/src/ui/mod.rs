//! The widget's components. Each takes small `PartialEq` props, so Yew re-renders only
//! what changed.

pub mod announce;
pub mod app;
pub mod assumptions;
pub mod balance;
pub mod bar;
pub mod board;
pub mod editor;
pub mod error_summary;
pub mod explain_panel;
pub mod fields;
pub mod language_switch;
pub mod notices;
pub mod results;
pub mod share_tools;
pub mod unfinished;
pub mod workspace_bar;

use wasm_bindgen::JsCast;
use yew::{NodeRef, UseStateHandle};

/// Changes a copy of a `use_state` value and stores it: the handle gives no `&mut`.
pub fn change<T: Clone>(state: &UseStateHandle<T>, how: impl FnOnce(&mut T)) {
    let mut next = (**state).clone();
    how(&mut next);
    state.set(next);
}

/// Focuses the first element under `root` that `selector` matches; whether there was one.
/// Looked up from `root` rather than the document, so that it also works in an embedded
/// widget's shadow root.
pub fn focus_first(root: &web_sys::Element, selector: &str) -> bool {
    let element = root
        .query_selector(selector)
        .ok()
        .flatten()
        .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
    element.is_some_and(|element| {
        let _ = element.focus();
        true
    })
}

/// Focuses the element with `id` inside the element `root` refers to ([`focus_first`]).
pub fn focus_id(root: &NodeRef, id: &str) {
    if let Some(root) = root.cast::<web_sys::Element>() {
        focus_first(&root, &format!("[id='{id}']"));
    }
}

/// Ctrl+Z (undo), Ctrl+Shift+Z and Ctrl+Y (redo), or ⌘ for Ctrl: the workspace's history
/// in the app and in an embedded widget alike.
pub fn history_shortcut(
    event: &web_sys::KeyboardEvent,
) -> Option<crate::editor::workspace::WorkspaceAction> {
    use crate::editor::workspace::WorkspaceAction;
    if !(event.ctrl_key() || event.meta_key()) || event.alt_key() {
        return None;
    }
    match event.key().to_ascii_lowercase().as_str() {
        "z" if event.shift_key() => Some(WorkspaceAction::Redo),
        "z" => Some(WorkspaceAction::Undo),
        "y" => Some(WorkspaceAction::Redo),
        _ => None,
    }
}
