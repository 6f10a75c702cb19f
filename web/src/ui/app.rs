//! The root component: owns the workspace reducer and lays out the page: header with the
//! language switch, the scenario tabs and tools, then the editor and results side by side.

use std::cell::RefCell;
use std::rc::Rc;

use cofund::model::evaluate;
use cofund::numbers::Lang;
use cofund::presets::{Preset, DEFAULT_PRESET, PRESETS};
use cofund::storage::link::{decode_link, Link};
use cofund::storage::workspace::Workspace;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::assumptions::Assumptions;
use super::board::lazy::{self, LazyBoard};
use super::board::request::{BoardRequest, BoardView};
use super::board::Column;
use super::change;
use super::editor::{Dispatch, Editor};
use super::error_summary::{error_summary, marked_fields};
use super::fields::SelectField;
use super::language_switch::LanguageSwitch;
use super::notices::{Notice, NoticeBanner};
use super::print_date::PrintDate;
use super::results::Results;
use super::share_tools::ShareTools;
use super::unfinished::use_judged;
use super::workspace_bar::{Tab, WorkspaceBar, ACTIVE_TAB};
use super::{focused_id, refocus_if_lost};
use crate::editor::pending;
use crate::editor::state::{synthetic_lines, Action, EditorState};
use crate::editor::workspace::{View, WorkspaceAction, WorkspaceState};
use crate::i18n::{app_texts, lang_of_tag, lang_tag, Said};
use crate::storage::local::{self, Stored};
use crate::storage::{address, download::download};

/// How long edits must pause before the workspace is saved.
const AUTOSAVE_DELAY_MS: u32 = 400;

/// A save of the workspace as it was after an edit, made when it falls due.
type DueSave = Box<dyn FnOnce()>;

/// What the app starts with: the saved workspace (or the preset from the address on a
/// first visit), a shared link from the address, and whatever the user must be told.
struct Start {
    workspace: WorkspaceState,
    notices: Vec<Notice>,
    /// Autosave stays off while an unreadable saved workspace waits for the user's decision.
    autosave_paused: bool,
    /// The workspace as it was stored when the app started, if it could be read.
    stored: Option<Workspace>,
    /// The document of the drafts stored beside it (text not valid yet), as stored.
    stored_pending: Option<String>,
}

/// What `?preset=` asks for.
#[derive(Clone, Debug, PartialEq)]
enum Asked {
    Nothing,
    Preset(String),
    Blank,
    Unknown(String),
}

impl Asked {
    fn of(key: Option<&str>) -> Asked {
        match key {
            None => Asked::Nothing,
            Some(BLANK) => Asked::Blank,
            Some(k) if Preset::find(k).is_some() || synthetic_lines(k).is_some() => {
                Asked::Preset(k.to_string())
            }
            Some(k) => Asked::Unknown(k.to_string()),
        }
    }

    /// The same as a workspace action: a new scenario from the template, or a blank one.
    fn add(&self) -> Option<WorkspaceAction> {
        match self {
            Asked::Preset(key) => Some(WorkspaceAction::Add(Some(key.clone()))),
            Asked::Blank => Some(WorkspaceAction::Add(None)),
            Asked::Nothing | Asked::Unknown(_) => None,
        }
    }
}

/// Why `?preset=KEY` was not opened, naming the keys that exist.
fn unknown_preset(key: &str, lang: Lang) -> String {
    let key = cofund::text::clipped(key);
    let keys: Vec<&str> = PRESETS.iter().map(|p| p.key).chain([BLANK]).collect();
    match lang {
        Lang::Da => format!(
            "»preset={key}« er ikke en af Cofunds skabeloner; mulige værdier: {}.",
            keys.join(", ")
        ),
        Lang::En => format!(
            "“preset={key}” is not one of Cofund's templates; possible values: {}.",
            keys.join(", ")
        ),
    }
}

fn unknown_lang(tag: &str, lang: Lang) -> String {
    let tag = cofund::text::clipped(tag);
    match lang {
        Lang::Da => format!("»lang={tag}« er ikke et af Cofunds sprog; mulige værdier: da, en. Cofund vises på dansk."),
        Lang::En => format!("“lang={tag}” is not one of Cofund's languages; possible values: da, en. Cofund is shown in Danish."),
    }
}

fn start(options: &PageOptions) -> Start {
    let lang = options.lang;
    // The template asked for in the address opens on a first visit; with saved work it is
    // added to it, as the template picker would (work is never replaced by an address).
    let asked = Asked::of(options.preset.as_deref());
    let fresh = || match &asked {
        Asked::Preset(key) => WorkspaceState::new(lang, key),
        Asked::Blank => {
            let mut blank = EditorState::new(lang, DEFAULT_PRESET);
            blank.apply(Action::Blank);
            WorkspaceState::with_scenario(lang, blank)
        }
        Asked::Nothing | Asked::Unknown(_) => WorkspaceState::new(lang, DEFAULT_PRESET),
    };
    let mut notices = Vec::new();
    if let Some(tag) = &options.unknown_lang {
        notices.push(Notice::AddressOption(Said::in_both(|lang| {
            unknown_lang(tag, lang)
        })));
    }
    if let Asked::Unknown(key) = &asked {
        notices.push(Notice::AddressOption(Said::in_both(|lang| {
            unknown_preset(key, lang)
        })));
    }
    let mut autosave_paused = false;
    let mut stored_pending = None;
    let stored = local::load();
    let nothing_saved = matches!(stored, Stored::Empty | Stored::Unavailable);
    let stored_workspace = match &stored {
        Stored::Found(saved) => Some(saved.clone()),
        _ => None,
    };
    let mut workspace = match stored {
        Stored::Found(saved) => match WorkspaceState::from_saved(lang, &saved) {
            Some(mut ws) => {
                // The text that was typed but not valid yet, back in its fields.
                stored_pending = local::load_pending_text();
                if let Some(pending) = stored_pending.as_deref().and_then(pending::from_json) {
                    ws.restore_pending(&saved, pending);
                }
                match asked.add() {
                    // The template from the address, after the saved scenarios.
                    Some(add) => ws.apply(add),
                    // Back on the scenario that was being edited.
                    None => {
                        if let Some(i) = local::load_active() {
                            ws.apply(WorkspaceAction::Select(i));
                        }
                    }
                }
                ws
            }
            None => fresh(),
        },
        Stored::Empty => fresh(),
        Stored::Unavailable => {
            notices.push(Notice::StorageUnavailable);
            fresh()
        }
        Stored::Unreadable {
            raw,
            message_da,
            message_en,
        } => {
            autosave_paused = true;
            let message = Said::new(message_da, message_en);
            notices.push(Notice::StoredUnreadable { raw, message });
            fresh()
        }
    };
    // Carried out once: a reload must not add the template again.
    if options.preset.is_some() {
        address::remove_query_option("preset");
    }
    let fragment = address::fragment();
    if !fragment.is_empty() {
        match read_link(&fragment) {
            // With no local work there is nothing to replace: open the link directly.
            // Otherwise the user decides (a link never replaces local work silently).
            Notice::SharedLink(shared) => match WorkspaceState::from_saved(lang, &shared) {
                Some(opened) if nothing_saved => {
                    workspace = opened;
                    address::clear_fragment();
                }
                _ => notices.push(Notice::SharedLink(shared)),
            },
            notice => notices.push(notice),
        }
    }
    Start {
        workspace,
        notices,
        autosave_paused,
        stored: stored_workspace,
        stored_pending,
    }
}

/// The document of the workspace's drafts that are not current (`crate::editor::pending`),
/// as autosave keeps it beside the workspace; `None` when every scenario is current.
fn pending_document(state: &WorkspaceState) -> Option<String> {
    let drafts = state.pending_drafts();
    (!drafts.is_empty()).then(|| pending::to_json(state.lang, &drafts))
}

/// What a share link's `fragment` holds, as the notice that offers it (its scenarios as a
/// workspace), or the notice that says why it cannot be read: at start-up and when the
/// fragment changes in a running tab.
fn read_link(fragment: &str) -> Notice {
    match decode_link(fragment) {
        Ok(Link::Scenario(s)) => Notice::SharedLink(Workspace::single(s)),
        Ok(Link::Workspace(w)) => Notice::SharedLink(w),
        Err(e) => Notice::LinkError(Said::in_both(|lang| {
            cofund::text::full_stop(e.message(lang))
        })),
    }
}

/// Options read from the page address: `?preset=design-sprint&lang=en`.
#[derive(Debug, Default, PartialEq)]
struct PageOptions {
    preset: Option<String>,
    lang: Lang,
    /// A `lang=` value that names no language of the app, to be said in a banner.
    unknown_lang: Option<String>,
}

impl PageOptions {
    fn from_location() -> Self {
        let search = gloo::utils::window()
            .location()
            .search()
            .unwrap_or_default();
        Self::parse(&search)
    }

    /// Unknown keys are ignored and an unknown value of a known key is said in a banner: a
    /// link with a typo still opens the app.
    fn parse(search: &str) -> Self {
        let mut options = PageOptions::default();
        for pair in address::options(search) {
            match pair.split_once('=') {
                Some(("preset", key)) => options.preset = Some(key.to_string()),
                Some(("lang", tag)) => {
                    // Language tags ignore case (BCP 47): `?lang=EN` is English too.
                    match lang_of_tag(&tag.to_ascii_lowercase()) {
                        Some(lang) => options.lang = lang,
                        None => options.unknown_lang = Some(tag.to_string()),
                    }
                }
                _ => {}
            }
        }
        options
    }
}

/// The value of the template picker's "blank scenario" option.
const BLANK: &str = "blank";

/// Ctrl+Z undoes and Ctrl+Shift+Z or Ctrl+Y redoes, everywhere in the app: its inputs are
/// controlled by the app's state, so the browser's own per-field undo would fight it. Not
/// in the board program's element: its fields (goal seek, the embed dialog) are its own,
/// and an undo there must not change the scenarios behind a view or a modal dialog.
fn undo_shortcut(event: &web_sys::KeyboardEvent) -> Option<WorkspaceAction> {
    let action = super::history_shortcut(event)?;
    let in_board = event
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| {
            el.closest(&format!("#{}", lazy::BOARD_ROOT_ID))
                .ok()
                .flatten()
        })
        .is_some();
    (!in_board).then_some(action)
}

#[function_component(App)]
pub fn app() -> Html {
    // Read storage and the address once; the reducer and the notices start from it.
    let first = use_mut_ref(|| Some(start(&PageOptions::from_location())));
    let notices = use_state(|| {
        first
            .borrow()
            .as_ref()
            .map(|s| s.notices.clone())
            .unwrap_or_default()
    });
    let autosave_paused = use_state(|| first.borrow().as_ref().is_some_and(|s| s.autosave_paused));
    // What this tab last loaded from storage or saved to it: another tab that saves the
    // same is no conflict, even while this tab has edits not saved yet.
    let known: Rc<RefCell<Option<Workspace>>> =
        use_mut_ref(|| first.borrow().as_ref().and_then(|s| s.stored.clone()));
    // The same for the drafts kept beside it: while a field cannot be read, a scenario's
    // edits reach storage only there (its saved state stays the last valid one), so another
    // tab's edits to it show only there too.
    let known_pending: Rc<RefCell<Option<String>>> = use_mut_ref(|| {
        first
            .borrow()
            .as_ref()
            .and_then(|s| s.stored_pending.clone())
    });
    let state = use_reducer(|| {
        first
            .borrow_mut()
            .take()
            .map(|s| s.workspace)
            .unwrap_or_else(|| WorkspaceState::new(Lang::Da, DEFAULT_PRESET))
    });
    let lang = state.lang;
    let t = app_texts(lang);
    let doc = state.active_doc();

    // Keep <html lang> in step with the chosen language, for screen readers, and the tab's
    // title and the address's `?lang=` too: a reload, a bookmark and a copied share link then
    // open in the language on screen. Danish, the default, is written only over another `lang`.
    use_effect_with(lang, move |lang| {
        let tag = lang_tag(*lang);
        let document = gloo::utils::document();
        if let Some(root) = document.document_element() {
            let _ = root.set_attribute("lang", tag);
        }
        document.set_title(app_texts(*lang).page_title);
        // The description too: bookmarks and link previews show it beside the title.
        if let Ok(Some(meta)) = document.query_selector("meta[name=\"description\"]") {
            let _ = meta.set_attribute("content", app_texts(*lang).page_description);
        }
        if *lang != Lang::Da || address::has_query_option("lang") {
            address::set_query_option("lang", Some(tag));
        }
    });
    {
        let dispatch = state.dispatcher();
        use_effect_with((), move |_| {
            // Not passive: the shortcut must be able to stop the browser's own undo.
            let options = EventListenerOptions::enable_prevent_default();
            let listener = EventListener::new_with_options(
                &gloo::utils::document(),
                "keydown",
                options,
                move |event| {
                    if let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() {
                        if let Some(action) = undo_shortcut(event) {
                            event.prevent_default();
                            let was_on = focused_id();
                            dispatch.dispatch(action);
                            if let Some(page) = gloo::utils::document().document_element() {
                                refocus_if_lost(page, was_on, Some(ACTIVE_TAB));
                            }
                        }
                    }
                },
            );
            move || drop(listener)
        });
    }

    // Which scenario is being edited, for the next visit (a choice, not an edit: no undo
    // step and no autosave of the workspace).
    {
        // Not while autosave is paused: the index would then point into a workspace other
        // than the one stored.
        let saved_active = state
            .saved_index(state.active)
            .filter(|_| !*autosave_paused);
        use_effect_with(saved_active, move |active| {
            if let Some(i) = *active {
                local::save_active(i);
            }
        });
    }

    // Autosave, once edits pause; never while an unreadable save awaits the user. `due` is
    // the save not yet made: the timer makes it, or the page going away does.
    {
        let timer: Rc<RefCell<Option<Timeout>>> = use_mut_ref(|| None);
        let due: Rc<RefCell<Option<DueSave>>> = use_mut_ref(|| None);
        let save_due = {
            let due = due.clone();
            move || {
                let save = due.borrow_mut().take();
                if let Some(save) = save {
                    save();
                }
            }
        };
        // A reload, a closed tab or a phone switching apps within the delay after an edit
        // must not lose that edit: the due save is made at once (localStorage writes
        // synchronously, so it lands before the page goes).
        {
            let save_due = save_due.clone();
            use_effect_with((), move |_| {
                let on_hide = save_due.clone();
                let hide =
                    EventListener::new(&gloo::utils::window(), "pagehide", move |_| on_hide());
                let hidden =
                    EventListener::new(&gloo::utils::document(), "visibilitychange", move |_| {
                        if gloo::utils::document().hidden() {
                            save_due()
                        }
                    });
                move || drop((hide, hidden))
            });
        }
        let (state, notices, paused, known, known_pending) = (
            state.clone(),
            notices.clone(),
            *autosave_paused,
            known.clone(),
            known_pending.clone(),
        );
        use_effect_with((state.revision, paused), move |_| {
            if paused {
                // A save already due must not land either (another tab's work, see below).
                due.borrow_mut().take();
            } else {
                // The workspace is turned into a document when the save is due (the handle
                // reads the state as it is then), not on every keystroke before it: a
                // 200-line scenario is some hundreds of string copies each time.
                *due.borrow_mut() = Some(Box::new(move || {
                    let saved = state.to_saved();
                    let result = local::save(&saved);
                    if result.is_ok() {
                        *known.borrow_mut() = Some(saved);
                        let drafts = pending_document(&state);
                        known_pending.borrow_mut().clone_from(&drafts);
                        local::save_pending(drafts);
                    }
                    let refused = result == Err(local::SaveError::Refused);
                    let told = [Notice::SaveRefused, Notice::StorageUnavailable];
                    if refused && !told.iter().any(|n| notices.contains(n)) {
                        change(&notices, |n| n.push(Notice::SaveRefused));
                    }
                }));
                // Replacing the handle cancels the timer of the previous edit.
                *timer.borrow_mut() = Some(Timeout::new(AUTOSAVE_DELAY_MS, save_due));
            }
        });
    }

    // Another tab of the app saved its workspace: this tab's copy is behind, and its next
    // save would silently overwrite the other tab's work. Autosave pauses and the user
    // chooses (`Notice::OtherTab`). A save that only repeats what this tab has (a tab just
    // opened saves what it loaded) is no conflict. The listener is made again when the
    // notices change, so that it adds to the notices as they are.
    {
        let latest = use_mut_ref(|| state.clone());
        *latest.borrow_mut() = state.clone();
        let (notices, paused, known, known_pending) = (
            notices.clone(),
            autosave_paused.clone(),
            known.clone(),
            known_pending.clone(),
        );
        use_effect_with((*notices).clone(), move |shown| {
            let waiting = shown.contains(&Notice::OtherTab);
            let listener = EventListener::new(&gloo::utils::window(), "storage", move |event| {
                let Some(event) = event.dyn_ref::<web_sys::StorageEvent>() else {
                    return;
                };
                if waiting {
                    return;
                }
                let conflict = || {
                    paused.set(true);
                    change(&notices, |n| n.push(Notice::OtherTab));
                };
                if event.key().as_deref() == Some(local::PENDING_KEY) {
                    // Compared as text (the document is written the same way each time): a
                    // tab that rewrites the drafts it loaded writes the same bytes. (One in
                    // the other language writes them in its notation, and is asked about.)
                    let theirs = event.new_value();
                    let ours = || pending_document(&latest.borrow());
                    if *known_pending.borrow() == theirs || ours() == theirs {
                        *known_pending.borrow_mut() = theirs;
                    } else {
                        conflict();
                    }
                    return;
                }
                if event.key().as_deref() != Some(local::KEY) {
                    return;
                }
                let Some(stored) = event.new_value() else {
                    return;
                };
                // The same as this tab has, or as it last loaded or saved, is no conflict. A
                // document this version cannot read is one: it is not saved over either.
                match Workspace::from_json_str(&stored) {
                    Ok(theirs)
                        if known.borrow().as_ref() == Some(&theirs)
                            || theirs == latest.borrow().to_saved() =>
                    {
                        *known.borrow_mut() = Some(theirs);
                    }
                    _ => conflict(),
                }
            });
            move || drop(listener)
        });
    }

    // A share link opened in a tab where the app already runs (pasted into its address bar)
    // changes only the fragment: the page does not reload, so the start-up reading above
    // never sees it. It is offered the same way (this tab has local work), in place of an
    // offer or a link error already shown. Made again when the notices change, like the
    // listener above, so that it changes them as they are.
    {
        let notices = notices.clone();
        use_effect_with((*notices).clone(), move |_| {
            let listener = EventListener::new(&gloo::utils::window(), "hashchange", move |_| {
                let fragment = address::fragment();
                if fragment.is_empty() {
                    return;
                }
                let notice = read_link(&fragment);
                change(&notices, |shown| {
                    shown.retain(|n| !matches!(n, Notice::SharedLink(_) | Notice::LinkError(_)));
                    shown.push(notice);
                });
            });
            move || drop(listener)
        });
    }

    // While this tab's work waits for the user's choice (another tab saved over it), a
    // reload or a closed tab would drop it: the browser asks first (a QA round reloaded and
    // lost it). Not when the user chose the other tab's work, which reloads on purpose.
    let leaving_on_purpose = use_mut_ref(|| false);
    {
        let waiting = notices.contains(&Notice::OtherTab);
        let on_purpose = leaving_on_purpose.clone();
        use_effect_with(waiting, move |waiting| {
            let listener = waiting.then(|| {
                let options = EventListenerOptions::enable_prevent_default();
                let window = gloo::utils::window();
                EventListener::new_with_options(&window, "beforeunload", options, move |event| {
                    if !*on_purpose.borrow() {
                        event.prevent_default();
                        // What older browsers look at instead.
                        let _ = js_sys::Reflect::set(event, &"returnValue".into(), &"".into());
                    }
                })
            });
            move || drop(listener)
        });
    }

    let answer_notice = |index: usize, notice: Notice| {
        let (dispatch, notices, paused) =
            (state.dispatcher(), notices.clone(), autosave_paused.clone());
        let leaving_on_purpose = leaving_on_purpose.clone();
        Callback::from(move |yes: bool| {
            match &notice {
                Notice::SharedLink(shared) => {
                    if yes {
                        dispatch.dispatch(WorkspaceAction::Import(shared.clone()));
                    }
                    address::clear_fragment();
                }
                Notice::LinkError(_) => address::clear_fragment(),
                Notice::StoredUnreadable { .. } if yes => {
                    local::clear();
                    paused.set(false);
                }
                Notice::StoredUnreadable { .. } => return,
                // The other tab's work is what is stored: a reload opens it.
                Notice::OtherTab if yes => {
                    *leaving_on_purpose.borrow_mut() = true;
                    let _ = gloo::utils::window().location().reload();
                    return;
                }
                // This tab's work is kept and saved again, over the other tab's.
                Notice::OtherTab => paused.set(false),
                Notice::StorageUnavailable | Notice::SaveRefused | Notice::AddressOption(_) => {}
            }
            // The banner goes, and the button pressed with it: the focus goes to the tab of
            // the scenario shown (after "Add to my scenarios", the last one added), not back
            // to the top of the page; not to another banner's first button, which may be one
            // that reloads the page ("load the other tab's work").
            if let Some(page) = gloo::utils::document().body() {
                refocus_if_lost(page.into(), None, Some(ACTIVE_TAB));
            }
            change(&notices, |n| {
                if index < n.len() {
                    n.remove(index);
                }
            });
        })
    };
    let download_raw = |notice: &Notice| {
        let raw = match notice {
            Notice::StoredUnreadable { raw, .. } => raw.clone(),
            _ => String::new(),
        };
        Callback::from(move |_| {
            let _ = download(
                "cofund-gemt-arbejde.txt",
                "text/plain;charset=utf-8",
                raw.as_bytes(),
            );
        })
    };

    let choose = {
        let dispatch = state.dispatcher();
        Callback::from(move |key: String| {
            if key.is_empty() {
                return;
            }
            dispatch.dispatch(WorkspaceAction::Edit(if key == BLANK {
                Action::Blank
            } else {
                Action::LoadPreset(key)
            }))
        })
    };
    // Preset names are the scenario files' own names; reading them is cheap and done once.
    let presets = use_memo((), |_| {
        PRESETS
            .iter()
            .map(|p| {
                (
                    AttrValue::from(p.key),
                    AttrValue::from(
                        p.scenario()
                            .map(|s| s.name)
                            .unwrap_or_else(|_| p.key.to_string()),
                    ),
                )
            })
            .collect::<Vec<_>>()
    });
    let mut options = (*presets).clone();
    options.push((AttrValue::from(BLANK), AttrValue::from(t.blank_option)));
    // A blank scenario, or one reopened (storage, a file, a link) that is no unedited preset,
    // has no template to show.
    if doc.preset.is_none() {
        options.insert(0, (AttrValue::from(""), AttrValue::from(t.preset_choose)));
    }
    // Errors and the results' state as shown: a number still being typed waits for a pause.
    let judged = use_judged(&doc.errors, doc.current, state.active);
    let errors = judged.errors.clone();
    let tabs: Vec<Tab> = state
        .docs
        .iter()
        .enumerate()
        .map(|(i, d)| Tab {
            name: AttrValue::from(d.state.draft.name.clone()),
            current: if i == state.active {
                judged.current
            } else {
                d.state.current
            },
        })
        .collect();

    // The board views show the scenarios that have a valid result; `doc_of_column` maps
    // their columns back to the workspace's scenarios (a scenario without a result, e.g.
    // one that overflowed from the start, has no column).
    let doc_of_column = state.with_results();
    let columns: Rc<Vec<Column>> = Rc::new(
        doc_of_column
            .iter()
            .filter_map(|&i| {
                let d = &state.docs[i];
                d.state.good.as_ref().map(|g| Column {
                    name: AttrValue::from(d.state.draft.name.clone()),
                    scenario: g.scenario.clone(),
                    evaluation: g.evaluation.clone(),
                    current: d.state.current,
                })
            })
            .collect(),
    );
    // Out of range (no column) when the scenario has no result: the views then mark nothing.
    let column_of = |doc: usize| state.result_index(doc).unwrap_or(usize::MAX);
    let (baseline_column, active_column) = (column_of(state.baseline), column_of(state.active));
    let (select, exit) = (state.dispatcher(), state.dispatcher());
    let board = |view: BoardView| {
        let doc_of_column = doc_of_column.clone();
        let (select, exit) = (select.clone(), exit.clone());
        let request = BoardRequest {
            view,
            lang,
            columns: columns.clone(),
            active: active_column.min(doc_of_column.len().saturating_sub(1)),
            baseline: baseline_column,
        };
        html! {
            <LazyBoard request={request}
                on_select={Callback::from(move |i: usize| {
                    if let Some(&doc) = doc_of_column.get(i) {
                        select.dispatch(WorkspaceAction::Select(doc));
                    }
                })}
                on_exit={Callback::from(move |_| exit.dispatch(WorkspaceAction::SetView(View::Edit)))} />
        }
    };
    if state.view == View::Present {
        return board(BoardView::Present);
    }

    html! {
        <div class="cofund">
            <header class="cofund-header">
                <div>
                    <h1 class="cofund-title">{ t.app_title }</h1>
                    <p class="cofund-tagline">{ t.tagline }</p>
                    // The comparison prints its own, beside its table.
                    if state.view != View::Compare {
                        <PrintDate lang={lang} />
                    }
                </div>
                <LanguageSwitch lang={lang} dispatch={state.dispatcher()} />
            </header>
            { for notices.iter().enumerate().map(|(i, notice)| {
                let totals = match notice {
                    Notice::SharedLink(shared) => shared.scenarios.iter().map(|s| evaluate(s).ok().map(|e| e.total_cost)).collect(),
                    _ => Vec::new(),
                };
                html! {
                    <NoticeBanner notice={notice.clone()} lang={lang} totals={totals}
                        on_answer={answer_notice(i, notice.clone())} on_download_raw={download_raw(&notice.clone())} />
                }
            }) }
            <WorkspaceBar tabs={tabs} active={state.active} baseline={state.baseline}
                can_undo={state.can_undo()} can_redo={state.can_redo()} lang={lang} dispatch={state.dispatcher()}
                announce={state.view == View::Edit} />
            <nav class="cofund-views" aria-label={t.views_label}>
                { for [(View::Edit, t.view_edit), (View::Compare, t.view_compare), (View::Analyse, t.view_analyse), (View::Present, t.view_present)]
                    .into_iter().map(|(view, label)| {
                        let dispatch = state.dispatcher();
                        // The board views' program is fetched on first use; intent is enough.
                        let board_view = view != View::Edit;
                        html! {
                            <button type="button" class={classes!("cofund-view-button", (state.view == view).then_some("cofund-view-button--active"))}
                                aria-current={(state.view == view).then_some("page")}
                                onpointerenter={board_view.then_some(Callback::from(|_: PointerEvent| lazy::prefetch()))}
                                onfocus={board_view.then_some(Callback::from(|_: FocusEvent| lazy::prefetch()))}
                                onclick={Callback::from(move |_| dispatch.dispatch(WorkspaceAction::SetView(view)))}>
                                { label }
                            </button>
                        }
                    }) }
            </nav>
            {
                match state.view {
                    View::Edit => html! { <>
                    <SelectField id="cofund-preset" label={t.preset_label} options={options}
                        selected={doc.preset.unwrap_or("")} on_change={choose} class="cofund-picker" hint={t.preset_hint}
                        confirm_hint={t.preset_keys_hint} />
                    if !errors.is_empty() {
                        { error_summary(&marked_fields(&doc.draft, &errors, lang), lang, Some("cofund-errors-summary")) }
                    }
                    <div class="cofund-layout">
                        <Editor draft={doc.draft.clone()} errors={errors} lang={lang} dispatch={Dispatch(state.dispatcher())} />
                        <div class="cofund-results-column">
                            {
                                match state.shown_result(judged.holding) {
                                    Some(good) => html! { <>
                                        <Results scenario={good.scenario.clone()} evaluation={good.evaluation.clone()}
                                            lang={lang} current={judged.current} holding={judged.holding} />
                                        <Assumptions scenario={good.scenario.clone()} lang={lang} />
                                        <ShareTools scenario={good.scenario.clone()} evaluation={good.evaluation.clone()}
                                            lang={lang} current={judged.current} dispatch={state.dispatcher()} all={columns.clone()} baseline={baseline_column} />
                                    </> },
                                    None => html! { <p class="cofund-error">{ doc.no_result_message() }</p> },
                                }
                            }
                        </div>
                    </div>
                    </> },
                    View::Compare => board(BoardView::Compare),
                    View::Analyse => match &doc.good {
                        Some(_) => board(BoardView::Analyse),
                        None => html! { <p class="cofund-error">{ doc.no_result_message() }</p> },
                    },
                    View::Present => html! {},
                }
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_options_are_read_from_the_query_string() {
        assert_eq!(PageOptions::parse(""), PageOptions::default());
        let o = PageOptions::parse("?preset=design-sprint&lang=en&x=1");
        assert_eq!(o.preset.as_deref(), Some("design-sprint"));
        assert_eq!(o.lang, Lang::En);
        assert_eq!(PageOptions::parse("?lang=fr").lang, Lang::Da);
        assert_eq!(
            PageOptions::parse("?lang=fr").unknown_lang.as_deref(),
            Some("fr")
        );
        assert_eq!(PageOptions::parse("?lang=EN").lang, Lang::En);
        assert_eq!(PageOptions::parse("?lang=EN").unknown_lang, None);
        assert_eq!(
            unknown_lang("fr", Lang::Da),
            "»lang=fr« er ikke et af Cofunds sprog; mulige værdier: da, en. Cofund vises på dansk."
        );
    }

    #[test]
    fn the_preset_option_is_a_template_blank_or_unknown() {
        assert_eq!(Asked::of(None), Asked::Nothing);
        assert_eq!(
            Asked::of(Some("design-sprint")),
            Asked::Preset("design-sprint".into())
        );
        assert_eq!(
            Asked::of(Some("synthetic-200")),
            Asked::Preset("synthetic-200".into())
        );
        assert_eq!(Asked::of(Some("blank")), Asked::Blank);
        assert_eq!(Asked::of(Some("foo")), Asked::Unknown("foo".into()));
        assert_eq!(Asked::of(Some("foo")).add(), None);
        assert_eq!(
            Asked::of(Some("blank")).add(),
            Some(WorkspaceAction::Add(None))
        );
        assert_eq!(
            unknown_preset("foo", Lang::Da),
            "»preset=foo« er ikke en af Cofunds skabeloner; mulige værdier: vaekstpilot-150, vaekstpilot-225, design-sprint, marketing-platform, design-society, blank."
        );
    }

    #[test]
    fn long_address_values_are_clipped_in_banners() {
        let long = "x".repeat(41);
        assert!(
            unknown_preset(&long, Lang::En).starts_with(&format!("“preset={}…”", "x".repeat(40)))
        );
        assert!(unknown_lang(&long, Lang::Da).starts_with(&format!("»lang={}…«", "x".repeat(40))));
        let forty = "æ".repeat(40);
        assert!(unknown_lang(&forty, Lang::En).starts_with(&format!("“lang={forty}”")));
    }
}
