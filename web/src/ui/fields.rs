//! Labelled form fields with their hint and error tied to the input for screen readers
//! (`aria-describedby`, `aria-invalid`). The input always shows exactly what the user typed.

use yew::prelude::*;

/// The id of the hint of the field whose input has the id `id` (see [`TextFieldProps::id`]):
/// for another element that the same hint describes too.
pub fn hint_id(id: &str) -> String {
    format!("{id}-hint")
}

/// An `aria-describedby` value from the ids there are, if there are any.
pub fn described_by<'a>(ids: impl IntoIterator<Item = Option<&'a str>>) -> Option<String> {
    let ids: Vec<&str> = ids.into_iter().flatten().collect();
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// A field's hint and error, with the ids that tie them to the input.
struct Messages<'a> {
    hint: Option<(String, &'a AttrValue)>,
    error: Option<(String, &'a AttrValue)>,
}

impl<'a> Messages<'a> {
    fn new(id: &str, hint: &'a Option<AttrValue>, error: &'a Option<AttrValue>) -> Self {
        Messages {
            hint: hint.as_ref().map(|h| (hint_id(id), h)),
            error: error.as_ref().map(|e| (format!("{id}-error"), e)),
        }
    }

    /// The value of the input's `aria-describedby`, if it has anything to point at.
    fn described_by(&self) -> Option<String> {
        described_by([&self.hint, &self.error].map(|m| m.as_ref().map(|(id, _)| id.as_str())))
    }

    fn view(&self) -> Html {
        html! { <>
            if let Some((id, hint)) = &self.hint {
                <span id={id.clone()} class="cofund-hint">{ *hint }</span>
            }
            if let Some((id, error)) = &self.error {
                <span id={id.clone()} class="cofund-field-error">{ *error }</span>
            }
        </> }
    }
}

#[derive(Properties, PartialEq)]
pub struct TextFieldProps {
    /// The input's DOM id; the hint and error get `{id}-hint` and `{id}-error`.
    pub id: AttrValue,
    pub label: AttrValue,
    pub value: AttrValue,
    pub on_input: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// Numbers: right-aligned, and a numeric keyboard on phones. Stays `type="text"`
    /// because `type="number"` refuses Danish `1.234,50` and loses what was typed.
    #[prop_or_default]
    pub numeric: bool,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component(TextField)]
pub fn text_field(props: &TextFieldProps) -> Html {
    let messages = Messages::new(&props.id, &props.hint, &props.error);
    let oninput = {
        let on_input = props.on_input.clone();
        Callback::from(move |e: InputEvent| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            on_input.emit(input.value());
        })
    };
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("cofund-field", props.class.clone(), invalid.then_some("cofund-field--invalid"))}>
            <label for={props.id.clone()}>{ &props.label }</label>
            <input
                id={props.id.clone()}
                type="text"
                class={classes!("cofund-input", props.numeric.then_some("cofund-input--number"))}
                inputmode={props.numeric.then_some("decimal")}
                autocomplete="off"
                spellcheck={if props.numeric { "false" } else { "true" }}
                value={props.value.clone()}
                aria-invalid={if invalid { "true" } else { "false" }}
                aria-describedby={messages.described_by()}
                {oninput}
            />
            { messages.view() }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct SelectFieldProps {
    pub id: AttrValue,
    pub label: AttrValue,
    /// (value, text) pairs.
    pub options: Vec<(AttrValue, AttrValue)>,
    /// The value the app has; the select always shows it (except while a choice made with
    /// the keys is held, see `confirm_hint`), also after the app changed it (an undo).
    pub selected: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    /// For a choice that replaces the user's work (the template picker). When set, a choice
    /// made with the keys on the closed select is held: the select shows it, this text says
    /// that Enter applies it, and Escape or leaving the select puts back `selected`. A
    /// choice from the opened list (mouse, or the list's own keys) applies at once.
    #[prop_or_default]
    pub confirm_hint: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
}

// Why a held choice, and not an "Open template" button (WCAG 3.2.2 On Input): on a closed
// select, Chromium fires `change` at each ArrowUp/ArrowDown, Home/End, PageUp/PageDown and
// letter (checked in the browser the tests use), so a user looking through the templates
// by keyboard replaced the scenario at every key. A button would add a step to every pick, mouse picks too.
// Instead the keys only move the select (its value is the option a screen reader reads out
// as it moves), a hint named by `aria-describedby` and announced politely says that Enter
// applies it, and Escape or leaving the select puts the scenario's template back. A pick in
// the opened list, by mouse or by its own keys (whose key events go to the list, not the
// page), is an explicit choice and applies at once, as before.
//
// Such a `change` is told apart from the others by when it comes: the browser fires it from
// the default action of that keydown (arrows, Home/End, PageUp/PageDown) or keypress (a
// letter), in the same task, after the listeners. The listeners mark "by keys" for that
// task only (cleared by a timer, which runs after the task), so a later pick in a list
// that the key opened (macOS opens it with the arrows) is not taken for one.

/// A choice made with the keys on the closed select, not applied: `value`, shown while the
/// app has `over`. It lapses when the app's value changes (an undo meanwhile).
#[derive(Clone, Debug, PartialEq)]
struct Held {
    value: String,
    over: String,
}

/// What a `change` of the select does.
#[derive(Debug, PartialEq)]
enum Pick {
    /// Applied now: tell the app.
    Apply(String),
    /// Only shown (or, when the keys came back to the app's value, nothing held).
    Hold(Option<Held>),
}

/// A `change` to `value` while the app has `selected`; `by_keys` when it came from a key on
/// the closed select of a field with `confirm_hint`.
fn pick(value: String, selected: &str, by_keys: bool) -> Pick {
    if !by_keys {
        Pick::Apply(value)
    } else if value == selected {
        Pick::Hold(None)
    } else {
        Pick::Hold(Some(Held {
            value,
            over: selected.to_string(),
        }))
    }
}

/// The value held and not yet applied, if any, while the app has `selected`.
fn pending<'a>(held: Option<&'a Held>, selected: &str) -> Option<&'a str> {
    held.filter(|h| h.over == selected && h.value != selected)
        .map(|h| h.value.as_str())
}

/// Whether `key` moves a closed select to another option (and so makes it fire `change`):
/// the arrows, Home/End, PageUp/PageDown, and a printable character (type-ahead). Space
/// opens the list instead; with Alt, Ctrl or Meta a key does something else (Alt+ArrowDown
/// opens the list, Ctrl+Z undoes).
fn moves_closed_select(key: &str, alt: bool, ctrl: bool, meta: bool) -> bool {
    if alt || ctrl || meta {
        return false;
    }
    match key {
        "ArrowUp" | "ArrowDown" | "ArrowLeft" | "ArrowRight" | "Home" | "End" | "PageUp"
        | "PageDown" => true,
        " " => false,
        _ => key.chars().count() == 1,
    }
}

#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let held = use_state(|| None::<Held>);
    // Set by a key that moves the closed select, for the rest of that key's task.
    let by_keys = use_mut_ref(|| false);
    let node = use_node_ref();
    let confirm = props.confirm_hint.is_some();
    let waiting = pending(held.as_ref(), &props.selected).map(str::to_string);
    let shown = waiting
        .clone()
        .unwrap_or_else(|| props.selected.to_string());

    // The select shows `shown` after every render: the `selected` attribute alone does not
    // move a select the user has changed, so after an undo it went on showing the template
    // last picked (and picking that one again then fired no `change`).
    {
        let (node, shown, options) = (node.clone(), shown.clone(), props.options.clone());
        use_effect(move || {
            if let Some(select) = node.cast::<web_sys::HtmlSelectElement>() {
                if select.value() != shown && options.iter().any(|(v, _)| *v == shown) {
                    select.set_value(&shown);
                }
            }
        });
    }

    let messages = Messages::new(&props.id, &props.hint, &props.error);
    let held_id = format!("{}-held", props.id);
    let onchange = {
        let (on_change, held, by_keys) = (props.on_change.clone(), held.clone(), by_keys.clone());
        let selected = props.selected.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            let keys = confirm && std::mem::take(&mut *by_keys.borrow_mut());
            match pick(select.value(), &selected, keys) {
                Pick::Apply(value) => {
                    if held.is_some() {
                        held.set(None);
                    }
                    on_change.emit(value);
                }
                Pick::Hold(h) => held.set(h),
            }
        })
    };
    let mark_keys = {
        let by_keys = by_keys.clone();
        move |e: &KeyboardEvent| {
            if moves_closed_select(&e.key(), e.alt_key(), e.ctrl_key(), e.meta_key()) {
                *by_keys.borrow_mut() = true;
                let by_keys = by_keys.clone();
                gloo::timers::callback::Timeout::new(0, move || *by_keys.borrow_mut() = false)
                    .forget();
            }
        }
    };
    let onkeydown = confirm.then(|| {
        let (on_change, held, waiting, mark_keys) = (
            props.on_change.clone(),
            held.clone(),
            waiting.clone(),
            mark_keys.clone(),
        );
        Callback::from(move |e: KeyboardEvent| match (e.key().as_str(), &waiting) {
            // Enter would open the list; with a choice held, it applies that instead.
            ("Enter", Some(value)) => {
                e.prevent_default();
                held.set(None);
                on_change.emit(value.clone());
            }
            ("Escape", Some(_)) => {
                e.prevent_default();
                held.set(None);
            }
            _ => mark_keys(&e),
        })
    });
    let onkeypress = confirm.then(|| Callback::from(move |e: KeyboardEvent| mark_keys(&e)));
    let onblur = confirm.then(|| {
        let held = held.clone();
        Callback::from(move |_: FocusEvent| {
            if held.is_some() {
                held.set(None);
            }
        })
    });
    let held_text = waiting.as_ref().and(props.confirm_hint.as_ref());
    // The held hint first: it is what the user needs to know now.
    let described_by = [held_text.map(|_| held_id.clone()), messages.described_by()]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>();
    let described_by = (!described_by.is_empty()).then(|| described_by.join(" "));
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("cofund-field", props.class.clone(), invalid.then_some("cofund-field--invalid"))}>
            <label for={props.id.clone()}>{ &props.label }</label>
            <select id={props.id.clone()} class="cofund-select" ref={node} {onchange} {onkeydown} {onkeypress} {onblur}
                    aria-invalid={if invalid { "true" } else { "false" }}
                    aria-describedby={described_by}>
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={*value == shown}>{ text }</option>
                }) }
            </select>
            if confirm {
                // Always there (empty while nothing is held), so that screen readers
                // announce the text when it appears.
                <span id={held_id} class="cofund-hint cofund-held-hint" aria-live="polite">
                    { for held_text.cloned() }
                </span>
            }
            { messages.view() }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_keys_that_move_a_closed_select_mark_its_change() {
        for key in [
            "ArrowDown",
            "ArrowUp",
            "ArrowLeft",
            "ArrowRight",
            "Home",
            "End",
            "PageUp",
            "PageDown",
            "d",
            "V",
            "æ",
            "1",
        ] {
            assert!(moves_closed_select(key, false, false, false), "{key}");
        }
        // Space, Enter and F4 open the list; Tab and Escape move nothing.
        for key in [" ", "Enter", "F4", "Tab", "Escape", "Shift", "Control"] {
            assert!(!moves_closed_select(key, false, false, false), "{key}");
        }
        // Alt+ArrowDown opens the list; Ctrl+Z and Cmd+Z undo.
        assert!(!moves_closed_select("ArrowDown", true, false, false));
        assert!(!moves_closed_select("z", false, true, false));
        assert!(!moves_closed_select("z", false, false, true));
    }

    #[test]
    fn a_pick_by_keys_is_held_and_any_other_applies() {
        assert_eq!(
            pick("design-sprint".into(), "vaekstpilot-150", false),
            Pick::Apply("design-sprint".into())
        );
        let held = Held {
            value: "design-sprint".into(),
            over: "vaekstpilot-150".into(),
        };
        assert_eq!(
            pick("design-sprint".into(), "vaekstpilot-150", true),
            Pick::Hold(Some(held.clone()))
        );
        assert_eq!(
            pending(Some(&held), "vaekstpilot-150"),
            Some("design-sprint")
        );
        // Back on the app's own value with the keys: nothing is held.
        assert_eq!(
            pick("vaekstpilot-150".into(), "vaekstpilot-150", true),
            Pick::Hold(None)
        );
        // The mouse picking the value the app has already is still a pick (it is sent on;
        // the app decides).
        assert_eq!(
            pick("vaekstpilot-150".into(), "vaekstpilot-150", false),
            Pick::Apply("vaekstpilot-150".into())
        );
    }

    #[test]
    fn a_held_pick_lapses_when_the_apps_value_changes() {
        let held = Held {
            value: "design-sprint".into(),
            over: "vaekstpilot-150".into(),
        };
        assert_eq!(pending(None, "vaekstpilot-150"), None);
        // An undo meanwhile: the select shows the scenario's template again.
        assert_eq!(pending(Some(&held), "vaekstpilot-225"), None);
        // The app now has the held value itself: nothing waits.
        assert_eq!(pending(Some(&held), "design-sprint"), None);
    }
}
