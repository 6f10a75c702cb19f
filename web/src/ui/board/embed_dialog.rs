//! The embed dialog: the intranet editor picks how the widget should look, sees it live
//! in a preview frame and copies the snippet (`cofund_web::embed::snippet`) for the current
//! scenario. A native modal `<dialog>`: it keeps focus inside and closes on Escape.
//!
//! Part of the board program, fetched when the app's "Indlejr …" button is first used (or
//! has the pointer or focus on it): only intranet editors need it, and it is some 12 KB
//! (gzip) of the app's first download otherwise. It opens as soon as it is mounted and says
//! when it has closed; the app then removes it and puts focus back on its button. Each
//! opening starts from the defaults, for the scenario as it is then. While it is open (it is
//! modal, and the app's undo keys leave the board's element alone) the scenario stays as
//! the app sent it.

use std::rc::Rc;

use cofund::model::Scenario;
use cofund::numbers::Lang;
use cofund::storage::link::Unpacked;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::embed::options::{
    read_origins, EmbedOptions, Mode, ScenarioSource, Theme, CONTROL_DRIVERS, CONTROL_EDITOR,
    CONTROL_LANG,
};
use crate::embed::snippet::{frame_src, snippet, Way};
use crate::i18n::{board_texts, lang_tag};
use crate::storage::address;
use crate::storage::compression::{seal, SealError};
use crate::ui::change;
use crate::ui::fields::{SelectField, TextField};

#[derive(Properties, PartialEq)]
pub struct EmbedDialogProps {
    pub scenario: Rc<Scenario>,
    pub lang: Lang,
    /// Whether `scenario` is the editor's as it is now; when not, the code holds the last
    /// valid scenario, and the dialog says so.
    pub current: bool,
    /// The dialog has closed (its button, or Escape).
    pub on_close: Callback<()>,
}

/// What the dialog's form holds.
#[derive(Clone, Debug, PartialEq)]
struct Choice {
    way: Way,
    mode: Mode,
    readonly: bool,
    /// Driver ids whose slider shows (compact or read-only widgets).
    drivers: Vec<String>,
    lang_switch: bool,
    theme: Theme,
    lang: Lang,
    /// The allowed origins as typed.
    origins: String,
}

impl Choice {
    fn new(scenario: &Scenario, lang: Lang) -> Self {
        Choice {
            way: Way::Frame,
            mode: Mode::Compact,
            readonly: true,
            drivers: scenario.drivers.iter().map(|d| d.id.clone()).collect(),
            lang_switch: true,
            theme: Theme::Light,
            lang,
            origins: String::new(),
        }
    }

    /// The embed options for `scenario`, whose share link is `link`, or the first origin
    /// that cannot be used.
    fn options(&self, scenario: &Scenario, link: &str) -> Result<EmbedOptions, String> {
        let origins = read_origins(&self.origins)
            .collect::<Result<Vec<_>, _>>()
            .map_err(str::to_string)?;
        let mut controls: Vec<String> = Vec::new();
        if self.mode == Mode::Full && !self.readonly {
            controls.push(CONTROL_EDITOR.into());
        }
        // Drivers keep the scenario's order, whatever order they were ticked in; all of
        // them is said as `drivers`, which also covers units added to the scenario later.
        let ticked: Vec<String> = scenario
            .drivers
            .iter()
            .filter(|d| self.drivers.contains(&d.id))
            .map(|d| d.id.clone())
            .collect();
        if !ticked.is_empty() && ticked.len() == scenario.drivers.len() {
            controls.push(CONTROL_DRIVERS.into());
        } else {
            controls.extend(ticked);
        }
        if self.lang_switch {
            controls.push(CONTROL_LANG.into());
        }
        let mut options = EmbedOptions {
            scenario: ScenarioSource::Link(link.to_string()),
            lang: self.lang,
            mode: self.mode,
            readonly: self.readonly,
            controls: Some(controls),
            theme: self.theme,
            origins,
            fallback_preset: None,
        };
        // Leave `controls` out when it says what the mode shows anyway.
        let explicit = options.visible();
        let implicit = EmbedOptions {
            controls: None,
            ..options.clone()
        }
        .visible();
        if explicit == implicit {
            options.controls = None;
        }
        Ok(options)
    }
}

#[function_component(EmbedDialog)]
pub fn embed_dialog(props: &EmbedDialogProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let dialog = use_node_ref();
    let choice = use_state(|| Choice::new(&props.scenario, lang));
    // Whether the last copy worked, and the code it was of: the message holds only while
    // the box shows that code (an option changed since, and the clipboard has the old one).
    let copied = use_state(|| None::<(String, bool)>);

    // Opens as soon as it is in the page (the app mounts it when its button is used) and is
    // open for as long as it is there. If the browser will not show it, the app hears so at
    // once, as if it had been closed, and its button works again.
    {
        let (dialog, on_close) = (dialog.clone(), props.on_close.clone());
        use_effect_with((), move |_| {
            let shown = dialog
                .cast::<web_sys::HtmlDialogElement>()
                .is_some_and(|d| d.show_modal().is_ok());
            if !shown {
                on_close.emit(());
            }
        });
    }
    let close = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
        })
    };
    // Escape closes the dialog natively, the close button through `close`: either way the
    // app hears of it here and removes the dialog, preview frame and all.
    let on_close = props.on_close.reform(|_: Event| ());
    // Keys pressed in the preview go to the frame's own document, where the dialog's native
    // Escape does not hear them. The frame is the widget from this origin, so its document
    // can be listened to: an Escape the widget did not use itself (to close an
    // explanation, say) closes the dialog, as it does from every other control in it.
    let frame_keys = use_mut_ref(|| None::<gloo::events::EventListener>);
    let onload = {
        let dialog = dialog.clone();
        Callback::from(move |e: Event| {
            let frame: Option<web_sys::HtmlIFrameElement> = e.target_dyn_into();
            let document = frame.and_then(|f| f.content_document());
            let dialog = dialog.clone();
            *frame_keys.borrow_mut() = document.map(|document| {
                gloo::events::EventListener::new(&document, "keydown", move |e| {
                    // A keydown is a KeyboardEvent; `dyn_ref` would test it against this
                    // window's constructor, which an event of the frame's window is not.
                    let key = e.unchecked_ref::<web_sys::KeyboardEvent>();
                    let escape = key.key() == "Escape" && !key.default_prevented();
                    if let (true, Some(d)) = (escape, dialog.cast::<web_sys::HtmlDialogElement>()) {
                        d.close();
                    }
                })
            });
        })
    };
    let update = |how: fn(&mut Choice, String)| {
        let choice = choice.clone();
        Callback::from(move |value: String| change(&choice, |c| how(c, value)))
    };
    let toggle_driver = |id: String| {
        let choice = choice.clone();
        Callback::from(move |_: Event| {
            change(&choice, |c| match c.drivers.iter().position(|d| *d == id) {
                Some(i) => {
                    c.drivers.remove(i);
                }
                None => c.drivers.push(id.clone()),
            })
        })
    };
    let toggle = |how: fn(&mut Choice)| {
        let choice = choice.clone();
        Callback::from(move |_: Event| change(&choice, how))
    };

    // The scenario's share link, packed by the browser (asynchronously) when the dialog
    // opens. Kept with the scenario it is for, so a late answer for an older one is not
    // used; `None` as the link means the browser could not pack it.
    let packed = use_state(|| None::<(Rc<Scenario>, Result<String, SealError>)>);
    {
        let packed = packed.clone();
        use_effect_with(props.scenario.clone(), move |scenario| {
            let scenario = scenario.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let link = seal(&Unpacked::scenario(&scenario)).await;
                packed.set(Some((scenario, link)));
            });
        });
    }
    let link = match &*packed {
        Some((scenario, link)) if *scenario == props.scenario => Some(link),
        _ => None,
    };
    let link_failed = link
        .and_then(|l| l.as_ref().err())
        .map(|why| why.message(lang));
    let result = link
        .and_then(|l| l.as_deref().ok())
        .map(|link| choice.options(&props.scenario, link));
    let (code, preview, origins_error) = match &result {
        Some(Ok(options)) => {
            let base = address::folder();
            let title = format!("Cofund: {}", props.scenario.name);
            (
                snippet(choice.way, &base, options, &title),
                Some(frame_src(&base, options)),
                None,
            )
        }
        None => (String::new(), None, None),
        Some(Err(bad)) => (
            String::new(),
            None,
            Some(AttrValue::from(match lang {
                Lang::Da => format!(
                    "»{bad}« er ikke en oprindelse; skriv den som https://vært.dk (uden sti)."
                ),
                Lang::En => {
                    format!("“{bad}” is not an origin; write it as https://host.example (no path).")
                }
            })),
        ),
    };
    let copy = {
        let (code, copied) = (code.clone(), copied.clone());
        Callback::from(move |_: MouseEvent| {
            let (code, copied) = (code.clone(), copied.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let clipboard = gloo::utils::window().navigator().clipboard();
                let done = wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&code))
                    .await
                    .is_ok();
                copied.set(Some((code, done)));
            });
        })
    };
    let radio = |name: &'static str,
                 value: &'static str,
                 label: &'static str,
                 checked: bool,
                 onchange: Callback<Event>| {
        let id = format!("cofund-embed-{name}-{value}");
        html! {
            <div class="cofund-check">
                <input type="radio" id={id.clone()} name={format!("cofund-embed-{name}")} value={value} {checked} {onchange} />
                <label for={id}>{ label }</label>
            </div>
        }
    };
    let c = &*choice;

    html! {
            <dialog ref={dialog} class="cofund-dialog" aria-labelledby="cofund-embed-heading" onclose={on_close}>
                <div class="cofund-dialog-head">
                    <h2 id="cofund-embed-heading">{ t.embed_heading }</h2>
                    <button type="button" class="cofund-icon-button" onclick={close}>{ t.embed_close }</button>
                </div>
                <p>{ t.embed_intro }</p>
                if !props.current {
                    <p class="cofund-results-stale-banner">{ t.embed_stale }</p>
                }
                <div class="cofund-dialog-body">
                    <form class="cofund-embed-form" onsubmit={Callback::from(|e: SubmitEvent| e.prevent_default())}>
                        <fieldset class="cofund-row">
                            <legend>{ t.embed_way_legend }</legend>
                            { radio("way", "iframe", t.embed_way_frame, c.way == Way::Frame, toggle(|c| c.way = Way::Frame)) }
                            { radio("way", "element", t.embed_way_element, c.way == Way::Element, toggle(|c| c.way = Way::Element)) }
                        </fieldset>
                        <fieldset class="cofund-row">
                            <legend>{ t.embed_mode_legend }</legend>
                            { radio("mode", "compact", t.embed_mode_compact, c.mode == Mode::Compact, toggle(|c| c.mode = Mode::Compact)) }
                            { radio("mode", "full", t.embed_mode_full, c.mode == Mode::Full, toggle(|c| c.mode = Mode::Full)) }
                            <div class="cofund-check">
                                <input type="checkbox" id="cofund-embed-readonly" checked={c.readonly} onchange={toggle(|c| c.readonly = !c.readonly)} />
                                <label for="cofund-embed-readonly">{ t.embed_readonly }</label>
                            </div>
                        </fieldset>
                        <fieldset class="cofund-row">
                            <legend>{ t.embed_controls_legend }</legend>
                            { for props.scenario.drivers.iter().map(|d| {
                                let id = format!("cofund-embed-driver-{}", d.id);
                                html! {
                                    <div class="cofund-check">
                                        <input type="checkbox" id={id.clone()} checked={c.drivers.contains(&d.id)} onchange={toggle_driver(d.id.clone())} />
                                        <label for={id}>{ &d.label }</label>
                                    </div>
                                }
                            }) }
                            <div class="cofund-check">
                                <input type="checkbox" id="cofund-embed-lang-switch" checked={c.lang_switch} onchange={toggle(|c| c.lang_switch = !c.lang_switch)} />
                                <label for="cofund-embed-lang-switch">{ t.embed_control_lang }</label>
                            </div>
                        </fieldset>
                        <SelectField id="cofund-embed-theme" label={t.embed_theme_label} selected={c.theme.key()}
                            options={vec![
                                (AttrValue::from("light"), AttrValue::from(t.embed_theme_light)),
                                (AttrValue::from("dark"), AttrValue::from(t.embed_theme_dark)),
                                (AttrValue::from("contrast"), AttrValue::from(t.embed_theme_contrast)),
                            ]}
                            on_change={update(|c, v| c.theme = Theme::ALL.into_iter().find(|t| t.key() == v).unwrap_or_default())} />
                        <SelectField id="cofund-embed-lang" label={t.embed_lang_label} selected={lang_tag(c.lang)}
                            options={vec![
                                (AttrValue::from("da"), AttrValue::from("Dansk")),
                                (AttrValue::from("en"), AttrValue::from("English")),
                            ]}
                            on_change={update(|c, v| c.lang = if v == "en" { Lang::En } else { Lang::Da })} />
                        <TextField id="cofund-embed-origins" label={t.embed_origins_label} value={c.origins.clone()}
                            hint={AttrValue::from(t.embed_origins_hint)} error={origins_error}
                            on_input={update(|c, v| c.origins = v)} />
                    </form>
                    <div class="cofund-embed-output">
                        <div class="cofund-field">
                            <label for="cofund-embed-snippet">{ t.embed_snippet_label }</label>
                            <textarea id="cofund-embed-snippet" class="cofund-input cofund-snippet" readonly=true rows="7" value={code.clone()} />
                        </div>
                        if let Some(why) = link_failed {
                            <p class="cofund-error" role="alert">{ why }</p>
                        }
                        <p>
                            <button type="button" class="cofund-button" onclick={copy} disabled={!matches!(result, Some(Ok(_)))}>{ t.embed_copy }</button>
                            <span role="status" class="cofund-share-status">
                                { match &*copied {
                                    Some((of, true)) if *of == code => t.embed_copied,
                                    Some((of, false)) if *of == code => t.embed_not_copied,
                                    _ => "",
                                } }
                            </span>
                        </p>
                        <h3>{ t.embed_preview_label }</h3>
                        if let Some(src) = preview {
                            <iframe class="cofund-embed-preview" src={src} title={format!("{}: {}", t.embed_preview_label, props.scenario.name)} {onload} />
                        }
                    </div>
                </div>
            </dialog>
    }
}
