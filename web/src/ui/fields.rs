//! Labelled form fields with their hint and error tied to the input for screen readers
//! (`aria-describedby`, `aria-invalid`). The input always shows exactly what the user typed.

use yew::prelude::*;

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
    let hint_id = format!("{}-hint", props.id);
    let error_id = format!("{}-error", props.id);
    let described_by: Vec<&str> = [
        props.hint.as_ref().map(|_| hint_id.as_str()),
        props.error.as_ref().map(|_| error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
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
                aria-describedby={(!described_by.is_empty()).then(|| described_by.join(" "))}
                {oninput}
            />
            if let Some(hint) = &props.hint {
                <span id={hint_id.clone()} class="cofund-hint">{ hint }</span>
            }
            if let Some(error) = &props.error {
                <span id={error_id.clone()} class="cofund-field-error">{ error }</span>
            }
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
    let hint_id = format!("{}-hint", props.id);
    let error_id = format!("{}-error", props.id);
    let described_by: Vec<&str> = [
        props.hint.as_ref().map(|_| hint_id.as_str()),
        props.error.as_ref().map(|_| error_id.as_str()),
    ]
    .into_iter()
    .flatten()
    .collect();
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
                    aria-describedby={(!described_by.is_empty()).then(|| described_by.join(" "))}>
                { for props.options.iter().map(|(value, text)| html! {
                    <option value={value.clone()} selected={*value == props.selected}>{ text }</option>
                }) }
            </select>
            if let Some(hint) = &props.hint {
                <span id={hint_id.clone()} class="cofund-hint">{ hint }</span>
            }
            if let Some(error) = &props.error {
                <span id={error_id.clone()} class="cofund-field-error">{ error }</span>
            }
        </div>
    }
}
