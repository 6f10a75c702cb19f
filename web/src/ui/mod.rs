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
pub mod print_date;
pub mod printing;
pub mod results;
pub mod share_tools;
pub mod unfinished;
pub mod workspace_bar;

use wasm_bindgen::JsCast;

use crate::editor::focus::refocus_ids;
use yew::{hook, use_effect_with, NodeRef, UseStateHandle};

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
    // A disabled button takes no focus (one that had it may still count as focused for a
    // moment): the caller can then try the next place.
    element
        .filter(|element| !element.has_attribute("disabled"))
        .is_some_and(|element| {
            let _ = element.focus();
            element.matches(":focus").unwrap_or(false)
        })
}

/// A `focusin` handler for a box that scrolls sideways: a figure (a button) that takes the
/// focus is brought wholly into the box's view. The browser scrolls only one that is wholly
/// out of view, and at 320 px a figure half under the box's edge was read out but not seen
/// (WCAG 2.4.11, a QA round).
pub fn reveal_focused_figure(e: web_sys::FocusEvent) {
    if let Some(figure) = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .filter(|el| el.class_list().contains("cofund-figure"))
    {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Nearest);
        options.set_inline(web_sys::ScrollLogicalPosition::Nearest);
        figure.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// The focused element, followed into shadow roots (an embedded widget's), or `None`.
pub fn focused_element() -> Option<web_sys::Element> {
    let mut element = gloo::utils::document().active_element()?;
    while let Some(inner) = element.shadow_root().and_then(|r| r.active_element()) {
        element = inner;
    }
    Some(element)
}

/// After an edit made away from the focused element (Ctrl+Z and the other shortcuts, the
/// scenario bar's tools): once it has rendered, if the focus was lost with its element (to
/// `<body>`, or on a button the edit disabled), it goes to the first place under `scope`
/// that [`refocus_ids`] names for `was_on`, the id of the element that had it, else to
/// `last_resort` (a selector). A keyboard user is not sent back to the top of the page
/// (WCAG 2.4.3), and in an embedded widget the next Ctrl+Z, heard only inside the widget,
/// still reaches it. `scope` is the app's page or the widget's root.
pub fn refocus_if_lost(
    scope: web_sys::Element,
    was_on: Option<String>,
    last_resort: Option<&'static str>,
) {
    gloo::timers::callback::Timeout::new(0, move || {
        let body = gloo::utils::document().body().map(web_sys::Element::from);
        let lost = focused_element()
            .is_none_or(|el| Some(&el) == body.as_ref() || el.has_attribute("disabled"));
        if !lost {
            return;
        }
        let mut selectors = was_on
            .iter()
            .flat_map(|id| refocus_ids(id))
            .map(|id| format!("[id='{id}']"))
            .chain(last_resort.map(str::to_string));
        selectors.any(|selector| focus_first(&scope, &selector));
    })
    .forget();
}

/// The DOM id of the focused element, if it has one: where [`refocus_if_lost`] starts.
pub fn focused_id() -> Option<String> {
    focused_element()
        .map(|el| el.id())
        .filter(|id| !id.is_empty())
}

/// Focuses the element with `id` inside the element `root` refers to ([`focus_first`]).
pub fn focus_id(root: &NodeRef, id: &str) {
    if let Some(root) = root.cast::<web_sys::Element>() {
        focus_first(&root, &format!("[id='{id}']"));
    }
}

/// The browser's own undo and redo of a field under `root` (a `beforeinput` of type
/// `historyUndo`/`historyRedo`) taken as the workspace's. The widget hears Ctrl+Z only
/// inside itself; with the focus on the page around it (a click on its text), the key went
/// to the browser, whose per-field history put back half-typed text (`2` of `225`) as a
/// current result and ran the other way from the widget's own (a QA round).
///
/// `whole_page`: the widget is the page (embed.html, framed or not), so the keys pressed
/// anywhere in it are its own, as in the app: heard on the window once nothing inside
/// handled them.
#[hook]
pub fn use_native_history_as_ours(
    root: NodeRef,
    dispatch: yew::UseReducerDispatcher<crate::editor::workspace::WorkspaceState>,
    whole_page: bool,
) {
    use crate::editor::workspace::WorkspaceAction;
    use gloo::events::{EventListener, EventListenerOptions};
    use_effect_with(whole_page, move |whole_page| {
        let native = root.cast::<web_sys::Element>().map(|el| {
            let dispatch = dispatch.clone();
            EventListener::new_with_options(
                &el,
                "beforeinput",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::InputEvent>() else {
                        return;
                    };
                    let action = match event.input_type().as_str() {
                        "historyUndo" => WorkspaceAction::Undo,
                        "historyRedo" => WorkspaceAction::Redo,
                        _ => return,
                    };
                    event.prevent_default();
                    dispatch.dispatch(action);
                },
            )
        });
        let keys = whole_page.then(web_sys::window).flatten().map(|window| {
            EventListener::new_with_options(
                &window,
                "keydown",
                EventListenerOptions::enable_prevent_default(),
                move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    if event.default_prevented() {
                        return;
                    }
                    if let Some(action) = history_shortcut(event) {
                        event.prevent_default();
                        dispatch.dispatch(action);
                    }
                },
            )
        });
        move || drop((native, keys))
    });
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
