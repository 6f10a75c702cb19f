//! The embedded widget: one scenario, the controls the embedding page chose, and the
//! results. It keeps no state outside itself (no localStorage, nothing global), so any
//! number of widgets work side by side on one page.

use std::rc::Rc;

use cofund::model::Scenario;
use cofund::numbers::Lang;
use cofund::presets::{Preset, DEFAULT_PRESET};
use cofund::storage::link::LinkError;
use cofund::storage::workspace::Workspace;
use cofund::text::full_stop;
use yew::prelude::*;

use super::bridge::{use_host_bridge, Host};
use super::options::{Drivers, EmbedOptions, Mode, OptionProblem, ScenarioSource};
use crate::editor::workspace::WorkspaceState;
use crate::i18n::{lang_tag, Said};
use crate::ui::editor::{Dispatch, DriverControl, Editor};
use crate::ui::error_summary::{error_summary, marked_fields};
use crate::ui::language_switch::LanguageSwitch;
use crate::ui::results::Results;
use crate::ui::unfinished::use_judged;
use crate::ui::{focused_id, history_shortcut, refocus_if_lost, use_native_history_as_ours};

#[derive(Properties, PartialEq)]
pub struct EmbedProps {
    pub options: Rc<EmbedOptions>,
    /// Options that could not be used, shown to whoever set up the page.
    pub problems: Rc<Vec<OptionProblem>>,
    pub host: Host,
    /// Whether the widget is the whole page (embed.html, in an iframe or opened on its
    /// own): then keys pressed anywhere on it are its own.
    #[prop_or_default]
    pub whole_page: bool,
    /// The scenario of the `scenario` option, read before mounting (reading a link is
    /// asynchronous in the browser); `None` when the option was not given.
    #[prop_or_default]
    pub shared: Option<Rc<Result<Scenario, LinkError>>>,
}

/// A problem with where the scenario came from; the widget then shows the default preset,
/// or for a link that cannot be read, the `preset` given beside it (`instead`).
#[derive(Clone, Debug, PartialEq)]
enum SourceProblem {
    UnknownPreset(String),
    BadLink {
        said: Said,
        instead: Option<&'static str>,
    },
}

impl SourceProblem {
    fn message(&self, lang: Lang) -> String {
        match (self, lang) {
            // Named as the other options' problems name theirs, so that an editor sees which
            // attribute to mend, and with the values it takes, as theirs are.
            (SourceProblem::UnknownPreset(key), Lang::Da) => {
                let key = cofund::text::clipped(key);
                format!("»preset={key}« kan ikke bruges: der er ingen sådan skabelon; standardskabelonen vises. Mulige værdier: {}.", preset_keys())
            }
            (SourceProblem::UnknownPreset(key), Lang::En) => {
                let key = cofund::text::clipped(key);
                format!("“preset={key}” cannot be used: there is no such template; the default template is shown. Possible values: {}.", preset_keys())
            }
            // Said in as many words: the figures below are the template's, not the
            // embedded scenario's, and a reader must not take them for it.
            (SourceProblem::BadLink { said, instead }, Lang::Da) => format!(
                "{} {}",
                full_stop(format!(
                    "Scenariet i indstillingen »scenario« kunne ikke læses: {}",
                    said.get(Lang::Da)
                )),
                match instead {
                    Some(key) => format!("Skabelonen »{key}« fra »preset« vises i stedet."),
                    None => "Standardskabelonen vises i stedet.".to_string(),
                }
            ),
            (SourceProblem::BadLink { said, instead }, Lang::En) => format!(
                "{} {}",
                full_stop(format!(
                    "The scenario in the “scenario” option could not be read: {}",
                    said.get(Lang::En)
                )),
                match instead {
                    Some(key) => format!("The template “{key}” of “preset” is shown instead."),
                    None => "The default template is shown instead.".to_string(),
                }
            ),
        }
    }
}

/// The widget's first state, from the options and the shared scenario read from them.
fn start(
    options: &EmbedOptions,
    shared: Option<&Result<Scenario, LinkError>>,
) -> (WorkspaceState, Option<SourceProblem>) {
    let lang = options.lang;
    let fallback = || WorkspaceState::new(lang, DEFAULT_PRESET);
    match (&options.scenario, shared) {
        (ScenarioSource::Link(_), Some(Ok(scenario))) => {
            match WorkspaceState::from_saved(lang, &Workspace::single(scenario.clone())) {
                Some(state) => (state, None),
                None => (fallback(), None),
            }
        }
        (ScenarioSource::Link(_), Some(Err(e))) => {
            let instead = options.fallback_preset.as_deref().and_then(Preset::find);
            let state = instead.map_or_else(fallback, |p| WorkspaceState::new(lang, p.key));
            let said = Said::in_both(|lang| e.message(lang));
            let instead = instead.map(|p| p.key);
            (state, Some(SourceProblem::BadLink { said, instead }))
        }
        (ScenarioSource::Preset(key), _) => match Preset::find(key) {
            Some(p) => (WorkspaceState::new(lang, p.key), None),
            None => (fallback(), Some(SourceProblem::UnknownPreset(key.clone()))),
        },
        _ => (fallback(), None),
    }
}

/// The keys `preset` takes, as the option's message lists them.
fn preset_keys() -> String {
    cofund::presets::PRESETS
        .iter()
        .map(|p| p.key)
        .collect::<Vec<_>>()
        .join(", ")
}

/// An entry of `controls` that is neither a control's name nor one of the scenario's
/// units, said with what the option takes (and that the default is used, when nothing of
/// the list could be).
fn unknown_control(id: &str, units: &[&str], default_used: bool, lang: Lang) -> String {
    let units = if units.is_empty() {
        "—".to_string()
    } else {
        units.join(", ")
    };
    let mut text = match lang {
        Lang::Da => format!(
            "»{id}« i indstillingen »controls« er hverken editor, lang, drivers eller id'et på en af scenariets enheder ({units})."
        ),
        Lang::En => format!(
            "“{id}” in the “controls” option is neither editor, lang, drivers nor the id of one of the scenario's units ({units})."
        ),
    };
    if default_used {
        text.push_str(match lang {
            Lang::Da => " Standardvisningen bruges.",
            Lang::En => " The default controls are shown.",
        });
    }
    text
}

#[function_component(EmbedWidget)]
pub fn embed_widget(props: &EmbedProps) -> Html {
    let options = &props.options;
    let first = use_mut_ref(|| Some(start(options, props.shared.as_deref())));
    let source_problem = use_memo((), |_| first.borrow().as_ref().and_then(|s| s.1.clone()));
    let state = use_reducer(|| {
        first
            .borrow_mut()
            .take()
            .map(|s| s.0)
            .unwrap_or_else(|| WorkspaceState::new(options.lang, DEFAULT_PRESET))
    });
    let root = use_node_ref();
    use_host_bridge(&props.host, options, &state, &root);

    let lang = state.lang;
    let doc = state.active_doc();
    let mut visible = options.visible();
    // Errors and the results' state as shown: a number still being typed waits for a pause.
    let judged = use_judged(&doc.errors, doc.current, state.active);
    let errors = judged.errors.clone();
    let dispatch = Dispatch(state.dispatcher());

    let mut problems: Vec<String> = props.problems.iter().map(|p| p.message(lang)).collect();
    problems.extend(source_problem.as_ref().as_ref().map(|p| p.message(lang)));
    if let Drivers::Only(ids) = visible.drivers.clone() {
        // Checked against the scenario as it is now: a unit's id cannot be edited, but a
        // scenario set by the host page (`cofund:set-scenario`) may not have it.
        let unknown: Vec<&String> = ids
            .iter()
            .filter(|id| !doc.draft.drivers.iter().any(|d| &d.id == *id))
            .collect();
        // A list of which nothing can be shown falls back to the default, as every other
        // wrong option does, rather than leaving the results alone (`controls=` written
        // empty on purpose shows nothing, and stays so).
        let nothing_left = unknown.len() == ids.len() && !visible.editor && !visible.lang;
        if nothing_left {
            visible = EmbedOptions {
                controls: None,
                ..EmbedOptions::clone(options)
            }
            .visible();
        }
        let known: Vec<&str> = doc.draft.drivers.iter().map(|d| d.id.as_str()).collect();
        for id in unknown {
            problems.push(unknown_control(id, &known, nothing_left, lang));
        }
    }
    // The units shown, from what is visible after that fallback (taken before it, a wrong
    // id left a compact widget with no slider at all while it said the default was shown).
    let drivers: Vec<_> = match &visible.drivers {
        Drivers::None => Vec::new(),
        Drivers::All => doc.draft.drivers.iter().collect(),
        Drivers::Only(ids) => ids
            .iter()
            .filter_map(|id| doc.draft.drivers.iter().find(|d| &d.id == id))
            .collect(),
    };

    // Ctrl+Z and Ctrl+Shift+Z undo and redo the widget's edits, as in the app (a removed
    // unit could not be had back); heard only inside the widget, not on the host page.
    // Undoing an added line or a move can take the focused element away; the focus then
    // stays in the widget (`refocus_if_lost`), where the next Ctrl+Z is heard.
    let on_history_key = {
        let (dispatch, root) = (state.dispatcher(), root.clone());
        Callback::from(move |event: KeyboardEvent| {
            if let Some(action) = history_shortcut(&event) {
                event.prevent_default();
                let was_on = focused_id();
                dispatch.dispatch(action);
                if let Some(scope) = root.cast::<web_sys::Element>() {
                    refocus_if_lost(scope, was_on, None);
                }
            }
        })
    };
    use_native_history_as_ours(root.clone(), state.dispatcher(), props.whole_page);
    let compact = options.mode == Mode::Compact;
    let results = match state.shown_result(judged.holding) {
        Some(good) => html! {
            <Results scenario={good.scenario.clone()} evaluation={good.evaluation.clone()}
                lang={lang} current={judged.current} holding={judged.holding} compact={compact} />
        },
        None => html! { <p class="cofund-error" role="alert">{ doc.no_result_message() }</p> },
    };

    html! {
        // dir: Danish and English read left to right, also on a right-to-left host page,
        // whose direction would otherwise inherit and turn "21.900.000 kr." around.
        <div ref={root} class={classes!("cofund", "cofund-embed", format!("cofund-embed--{}", options.mode.key()))}
             lang={lang_tag(lang)} dir="ltr" onkeydown={on_history_key}>
            if !problems.is_empty() {
                <ul class="cofund-embed-problems" aria-label={match lang { Lang::Da => "Problemer med indlejringen", Lang::En => "Problems with the embedding" }}>
                    { for problems.iter().map(|p| html! { <li>{ p }</li> }) }
                </ul>
            }
            if visible.lang {
                <div class="cofund-embed-tools">
                    <LanguageSwitch lang={lang} dispatch={state.dispatcher()} class="cofund-button--secondary" />
                </div>
            }
            if visible.editor {
                if !errors.is_empty() {
                    { error_summary(&marked_fields(&doc.draft, &errors, lang), lang, None) }
                }
                <div class="cofund-layout">
                    <Editor draft={doc.draft.clone()} errors={errors} lang={lang} dispatch={dispatch} />
                    <div class="cofund-results-column">{ results }</div>
                </div>
            } else {
                if !drivers.is_empty() {
                    // Leaving a field ends its undo step here too: without it, a slider
                    // moved after invalid text was typed took the text into its own step,
                    // and Ctrl+Z never gave it back (a QA round).
                    <div class="cofund-embed-drivers" onfocusout={dispatch.end_typing_on_leave()}>
                        { for drivers.into_iter().map(|d| html! {
                            <DriverControl key={d.key} item={d.clone()} errors={errors.clone()} lang={lang} dispatch={dispatch.clone()} />
                        }) }
                    </div>
                }
                { results }
            }
        </div>
    }
}
