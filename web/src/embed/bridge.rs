//! How a widget talks to the page around it (the messages are in `protocol.rs`):
//!
//! * in an iframe, with `window.parent` through `postMessage`: its height after every
//!   change (so the host's snippet sizes the frame), its results after every edit, and
//!   commands from the host. Commands and results go only to and from the origins in the
//!   `origins` option; a message from any other origin, or from a window that is not the
//!   parent, is ignored.
//! * in an element of the host page, through DOM events on that element: `cofund:result`
//!   (and `cofund:error`) events bubble from it, and the page sends commands as a
//!   `cofund:command` event whose `detail` is the command object. Scripts on the same page
//!   are trusted like the page itself, so no origin check applies.

use std::cell::RefCell;
use std::rc::Rc;

use cofund::numbers::{format_input, Lang};
use gloo::events::EventListener;
use serde_json::Value;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};
use yew::prelude::*;

use super::options::EmbedOptions;
use super::protocol::{error_message, height_message, read_command, result_message, Command};
use crate::editor::draft::{FieldId, Row};
use crate::editor::state::{Action, EditorState};
use crate::editor::workspace::{WorkspaceAction, WorkspaceState};

/// Where the widget sits.
#[derive(Clone, Debug, PartialEq)]
pub enum Host {
    /// Alone on an iframe page; talks to the parent window.
    Frame,
    /// In this element of the host page.
    Element(web_sys::Element),
}

/// The name of the DOM event an element widget listens to for commands.
pub const COMMAND_EVENT: &str = "cofund:command";

/// A JSON value as the JavaScript value `JSON.parse` would give. Numbers arrive as their
/// exact text (serde_json's arbitrary_precision) and stay numbers only where they are
/// plain integers (the height); amounts are strings in the messages already.
fn to_js(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => n
            .as_u64()
            .map(|n| JsValue::from_f64(n as f64))
            .unwrap_or_else(|| JsValue::from_str(&n.to_string())),
        Value::String(s) => JsValue::from_str(s),
        Value::Array(items) => items.iter().map(to_js).collect::<js_sys::Array>().into(),
        Value::Object(map) => {
            let object = js_sys::Object::new();
            for (key, item) in map {
                let _ = js_sys::Reflect::set(&object, &JsValue::from_str(key), &to_js(item));
            }
            object.into()
        }
    }
}

/// What the host is told of the scenario as it is: its result, or, for a scenario with no
/// result at all (one set by the host whose amounts overflow), an error saying why, never
/// silence.
fn state_message(state: &EditorState) -> Value {
    match state.good.as_ref() {
        Some(good) => result_message(&good.scenario, &good.evaluation, state.current),
        None => error_message(&state.no_result_message()),
    }
}

/// Where the loader (web/embed/cofund.js) keeps what arrives before the widget listens: the
/// iframe page's messages, on its window, and an element widget's commands, on its element.
const EARLY_MESSAGES: &str = "cofundEarlyMessages";
const EARLY_COMMANDS: &str = "cofundEarlyCommands";

/// Takes the loader's list of early events kept on `target` under `key`, and closes it, so
/// that the loader keeps no more and no event is both kept and heard by the widget.
fn take_early(target: &JsValue, key: &str) -> Vec<JsValue> {
    let key = JsValue::from_str(key);
    let early = js_sys::Reflect::get(target, &key)
        .ok()
        .and_then(|list| list.dyn_into::<js_sys::Array>().ok());
    let _ = js_sys::Reflect::set(target, &key, &JsValue::NULL);
    early.map(|list| list.iter().collect()).unwrap_or_default()
}

/// A message's data as JSON text: objects are serialised, strings taken as they are.
fn data_text(data: &JsValue) -> Option<String> {
    data.as_string().or_else(|| {
        js_sys::JSON::stringify(data)
            .ok()
            .and_then(|s| s.as_string())
    })
}

/// Sends `json` to the host: to the parent window at each allowed origin (or, for the
/// harmless height message when no origin is configured, to any), or as a DOM event.
fn send(host: &Host, origins: &[String], message: &Value, anyone_may_read: bool) {
    match host {
        Host::Frame => {
            let Ok(Some(parent)) = gloo::utils::window().parent() else {
                return;
            };
            if parent == gloo::utils::window() {
                return;
            }
            let message = to_js(message);
            if origins.is_empty() {
                if anyone_may_read {
                    let _ = parent.post_message(&message, "*");
                }
            } else {
                // Where the browser tells the parent's origin (`location.ancestorOrigins`:
                // Chromium, Safari), only that one is posted to, if it is allowed: a post to
                // each other allowed origin would log a warning in the host page's console.
                // Elsewhere every allowed origin is tried; the browser delivers to the one
                // that matches.
                // (Not in web-sys: Firefox has no such property.)
                let location = gloo::utils::window().location();
                let parent_origin = js_sys::Reflect::get(&location, &"ancestorOrigins".into())
                    .ok()
                    .filter(|list| !list.is_undefined() && !list.is_null())
                    .and_then(|list| js_sys::Reflect::get(&list, &0.into()).ok())
                    .and_then(|origin| origin.as_string())
                    // A page that sends no referrer is reported as "null": origin unknown.
                    .filter(|origin| origin != "null");
                for origin in origins
                    .iter()
                    .filter(|o| parent_origin.as_ref().is_none_or(|p| p == *o))
                {
                    let _ = parent.post_message(&message, origin);
                }
            }
        }
        Host::Element(element) => {
            let kind = message
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or_default();
            if kind == "cofund:height" {
                return; // the element grows by itself
            }
            let init = web_sys::CustomEventInit::new();
            init.set_detail(&to_js(message));
            init.set_bubbles(true);
            if let Ok(event) = web_sys::CustomEvent::new_with_event_init_dict(kind, &init) {
                let _ = element.dispatch_event(&event);
            }
        }
    }
}

/// Carries out a command on the scenario as it is (`latest`); returns the reply to send, if
/// any. A message that is no Cofund command is someone else's and gets none, unless it was
/// `addressed` to the widget (an element's `cofund:command` event, whatever its detail).
///
/// The listeners' copy of the state, `latest`, is refreshed when the widget renders, after
/// the event that brought an edit; so an edit is also applied to it at once (the same
/// `EditorState::apply` the reducer runs: a set-driver's evaluation twice, some µs), and the
/// commands after it in one go (`set-driver`, then `get-result`), or the loader's early
/// ones, see the scenario every command before them left. (Reading the reducer's handle
/// instead would do without the copy, but a handle kept past its render holds on to every
/// state it is read for: Yew 0.23 keeps them for the references it hands out.)
fn carry_out(
    text: &str,
    latest: &RefCell<Rc<EditorState>>,
    dispatch: &UseReducerDispatcher<WorkspaceState>,
    addressed: bool,
) -> Option<Value> {
    let current = latest.borrow().clone();
    let lang = current.lang;
    let edit = |action: Action| {
        let mut next = (*current).clone();
        next.apply(action.clone());
        *latest.borrow_mut() = Rc::new(next);
        dispatch.dispatch(WorkspaceAction::Edit(action));
        // The host's edit is a step of its own: a user typing into the same field next (or
        // moving its slider) starts another, so that Ctrl+Z takes back only theirs (a QA
        // round's undo took the host's 225 pilots with the user's 200).
        dispatch.dispatch(WorkspaceAction::EndTyping);
        None
    };
    match read_command(text, lang) {
        Ok(None) if addressed => Some(error_message(not_a_command(lang))),
        Ok(None) => None,
        Err(message) => Some(error_message(&message)),
        Ok(Some(Command::SetDriver { id, value })) => {
            match current.draft.drivers.iter().find(|d| d.id == id) {
                Some(d) => edit(Action::Text(
                    FieldId::new(Row::Driver(d.key), "value"),
                    format_input(value, lang),
                )),
                None => Some(error_message(&match lang {
                    Lang::Da => format!("cofund:set-driver: scenariet har ingen enhed »{id}«."),
                    Lang::En => format!("cofund:set-driver: the scenario has no unit “{id}”."),
                })),
            }
        }
        Ok(Some(Command::SetScenario(scenario))) => edit(Action::Replace(scenario)),
        // Always an answer: the result, or why there is none.
        Ok(Some(Command::GetResult)) => Some(state_message(&current)),
    }
}

/// The answer to data JSON cannot write (a BigInt value, a loop of references): a command,
/// told by its type, hears why rather than nothing; anything else gets no answer.
fn unwritable(data: &JsValue, lang: Lang) -> Option<Value> {
    let kind = js_sys::Reflect::get(data, &"type".into())
        .ok()?
        .as_string()
        .filter(|t| t.starts_with("cofund:"))?;
    Some(error_message(&unreadable(&kind, lang)))
}

fn unreadable(kind: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{kind}: beskeden kan ikke skrives som JSON (fx et BigInt-tal eller en løkke af referencer); send tal som tekst, fx \"225\"."),
        Lang::En => format!("{kind}: the message cannot be written as JSON (a BigInt, say, or a loop of references); send numbers as text, e.g. \"225\"."),
    }
}

fn not_a_command(lang: Lang) -> &'static str {
    match lang {
        Lang::Da => "cofund:command: detail skal være en kommando som JSON-objekt, fx {\"type\": \"cofund:get-result\"}.",
        Lang::En => "cofund:command: the detail must be a command as a JSON object, e.g. {\"type\": \"cofund:get-result\"}.",
    }
}

/// Sent on the window when a widget is shown, its stylesheet loaded (embed/mount.rs).
pub const STYLED_EVENT: &str = "cofund:styled";

/// Connects the widget to its host page for as long as it lives.
#[hook]
pub fn use_host_bridge(
    host: &Host,
    options: &EmbedOptions,
    state: &UseReducerHandle<WorkspaceState>,
    root: &NodeRef,
) {
    let active = state.active_doc_rc();
    // The listeners outlive renders; they read the scenario as it is now from here.
    let latest: Rc<RefCell<Rc<EditorState>>> = use_mut_ref(|| active.clone());
    *latest.borrow_mut() = active.clone();
    let origins = Rc::new(options.origins.clone());

    // Results after every change (and once at the start, which tells the host it is ready).
    // A frame with no allowed origin sends results to nobody, so it does not build them.
    {
        let (host, origins) = (host.clone(), origins.clone());
        let receiver = !(host == Host::Frame && origins.is_empty());
        use_effect_with(state.revision, move |_| {
            if receiver {
                send(&host, &origins, &state_message(&active), false);
            }
        });
    }

    // Commands.
    {
        let (host, origins, dispatch) = (host.clone(), origins.clone(), state.dispatcher());
        use_effect_with((), move |_| {
            let listener = match &host {
                // No allowed origin: nobody may send commands, so nothing listens.
                Host::Frame if origins.is_empty() => None,
                Host::Frame => {
                    let window = gloo::utils::window();
                    let parent: Option<JsValue> = window.parent().ok().flatten().map(Into::into);
                    let handle = move |event: &web_sys::MessageEvent| {
                        let origin = event.origin();
                        let from_parent = match (event.source(), &parent) {
                            (Some(source), Some(parent)) => JsValue::from(source) == *parent,
                            _ => false,
                        };
                        if !from_parent || !origins.contains(&origin) {
                            return;
                        }
                        let data = event.data();
                        let Some(text) = data_text(&data) else {
                            if let Some(reply) = unwritable(&data, latest.borrow().lang) {
                                send(&host, &[origin], &reply, false);
                            }
                            return;
                        };
                        if let Some(reply) = carry_out(&text, &latest, &dispatch, false) {
                            send(&host, &[origin], &reply, false);
                        }
                    };
                    // A host may send commands as soon as the frame has loaded, before this
                    // listener exists: the loader keeps them. They are carried out in order,
                    // with the same checks as any message.
                    let early = take_early(&window, EARLY_MESSAGES);
                    let handle = Rc::new(handle);
                    let listening = handle.clone();
                    let listener = EventListener::new(&window, "message", move |event| {
                        if let Some(event) = event.dyn_ref::<web_sys::MessageEvent>() {
                            listening(event);
                        }
                    });
                    for event in early {
                        if let Ok(event) = event.dyn_into::<web_sys::MessageEvent>() {
                            handle(&event);
                        }
                    }
                    Some(listener)
                }
                Host::Element(element) => {
                    let host = host.clone();
                    let handle = move |event: &web_sys::CustomEvent| {
                        // The event's type says it is meant for the widget, so a detail
                        // that is no command (null, a string, no JSON at all: a BigInt, a
                        // cycle) is answered, not ignored as other scripts' messages are.
                        let detail = event.detail();
                        let reply = match data_text(&detail) {
                            Some(text) => carry_out(&text, &latest, &dispatch, true),
                            None => {
                                let lang = latest.borrow().lang;
                                unwritable(&detail, lang)
                                    .or_else(|| Some(error_message(not_a_command(lang))))
                            }
                        };
                        if let Some(reply) = reply {
                            send(&host, &origins, &reply, false);
                        }
                    };
                    // A page may send commands before the widget is there (right after
                    // calling `mount()`, say): the loader keeps them on the element, as it
                    // keeps an iframe's messages.
                    let early = take_early(element, EARLY_COMMANDS);
                    let handle = Rc::new(handle);
                    let listening = handle.clone();
                    let listener = EventListener::new(element, COMMAND_EVENT, move |event| {
                        if let Some(event) = event.dyn_ref::<web_sys::CustomEvent>() {
                            listening(event);
                        }
                    });
                    for event in early {
                        if let Ok(event) = event.dyn_into::<web_sys::CustomEvent>() {
                            handle(&event);
                        }
                    }
                    Some(listener)
                }
            };
            move || drop(listener)
        });
    }

    // The height, whenever it changes (iframes only: an element grows by itself): measured
    // after every render, and by a ResizeObserver for changes of width. Chromium runs no
    // ResizeObserver in a cross-origin frame that is off screen, so a frame below the fold
    // kept its first height, with an inner scrollbar, until it was scrolled to (and printed
    // cut off); the measurement after a render forces layout wherever the frame is, and the
    // window's `resize` event, which such a frame still gets, covers a narrower or wider
    // host page (a frame below the fold kept its old height until scrolled to).
    let last_height = use_mut_ref(|| 0u32);
    let measure: Rc<dyn Fn()> = {
        let (host, origins, root) = (host.clone(), origins.clone(), root.clone());
        Rc::new(move || {
            let Some(element) = root
                .cast::<web_sys::Element>()
                .filter(|_| host == Host::Frame)
            else {
                return;
            };
            let rect = element.get_bounding_client_rect();
            let height = (rect.bottom() + gloo::utils::window().scroll_y().unwrap_or(0.0))
                .ceil()
                .max(0.0) as u32;
            if last_height.replace(height) != height {
                send(&host, &origins, &height_message(height), true);
            }
        })
    };
    {
        let measure = measure.clone();
        use_effect(move || measure());
    }
    {
        let (host, root) = (host.clone(), root.clone());
        use_effect_with((), move |_| {
            let mut observer = None;
            if host == Host::Frame {
                // Shown once its stylesheet is in (embed/mount.rs), which no render follows.
                let styled = {
                    let measure = measure.clone();
                    EventListener::new(&gloo::utils::window(), STYLED_EVENT, move |_| measure())
                };
                let resized = {
                    let measure = measure.clone();
                    EventListener::new(&gloo::utils::window(), "resize", move |_| measure())
                };
                let callback = Closure::<dyn FnMut()>::new(move || measure());
                if let (Ok(resize), Some(element)) = (
                    web_sys::ResizeObserver::new(callback.as_ref().unchecked_ref()),
                    root.cast::<web_sys::Element>(),
                ) {
                    resize.observe(&element);
                    observer = Some((resize, callback, styled, resized));
                }
            }
            move || {
                if let Some((resize, _callback, _styled, _resized)) = observer {
                    resize.disconnect();
                }
            }
        });
    }
}
