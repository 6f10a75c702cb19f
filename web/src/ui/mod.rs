//! The widget's components. Each takes small `PartialEq` props, so Yew re-renders only
//! what changed.

pub mod app;
pub mod assumptions;
pub mod bar;
pub mod board;
pub mod editor;
pub mod explain_panel;
pub mod fields;
pub mod language_switch;
pub mod notices;
pub mod results;
pub mod share_tools;
pub mod workspace_bar;

use yew::UseStateHandle;

/// Changes a copy of a `use_state` value and stores it: the handle gives no `&mut`.
pub fn change<T: Clone>(state: &UseStateHandle<T>, how: impl FnOnce(&mut T)) {
    let mut next = (**state).clone();
    how(&mut next);
    state.set(next);
}
