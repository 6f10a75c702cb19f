//! Labelled form fields with their hint and error tied to the input for screen readers
//! (`aria-describedby`, `aria-invalid`). The input always shows exactly what the user typed.

use yew::prelude::*;

/// A field's hint and error, with the ids that tie them to the input.
struct Messages<'a> {
    hint: Option<(String, &'a AttrValue)>,
    error: Option<(String, &'a AttrValue)>,
}

impl<'a> Messages<'a> {
    fn new(id: &str, hint: &'a Option<AttrValue>, error: &'a Option<AttrValue>) -> Self {
        Messages {
            hint: hint.as_ref().map(|h| (format!("{id}-hint"), h)),
            error: error.as_ref().map(|e| (format!("{id}-error"), e)),
        }
    }

    /// The value of the input's `aria-describedby`, if it has anything to point at.
    fn described_by(&self) -> Option<String> {
        let ids: Vec<&str> = [&self.hint, &self.error]
            .into_iter()
            .flatten()
            .map(|(id, _)| id.as_str())
            .collect();
        (!ids.is_empty()).then(|| ids.join(" "))
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
    pub selected: AttrValue,
    pub on_change: Callback<String>,
    #[prop_or_default]
    pub error: Option<AttrValue>,
    #[prop_or_default]
    pub hint: Option<AttrValue>,
    #[prop_or_default]
    pub class: Classes,
}

#[function_component(SelectField)]
pub fn select_field(props: &SelectFieldProps) -> Html {
    let messages = Messages::new(&props.id, &props.hint, &props.error);
    let onchange = {
        let on_change = props.on_change.clone();
        Callback::from(move |e: Event| {
            let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
            on_change.emit(select.value());
        })
    };
    let invalid = props.error.is_some();
    html! {
        <div class={classes!("cofund-field", props.class.clone(), invalid.then_some("cofund-field--invalid"))}>
            <label for={props.id.clone()}>{ &props.label }</label>
            <select id={props.id.clone()} class="cofund-select" {onchange}
                    aria-invalid={if invalid { "true" } else { "false" }}
                    aria-describedby={messages.described_by()}>
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={*value == props.selected}>{ text }</option>
                }) }
            </select>
            { messages.view() }
        </div>
    }
}
