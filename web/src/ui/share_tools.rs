//! Keeping and passing on work: export and import scenario files, a share link, CSV
//! downloads of the results and of a sweep, the workbook (.xlsx) of all scenarios, and the
//! button that opens the embed dialog. Everything happens in the browser; the workbook's
//! writer and the embed dialog come with the board program, fetched on first use.

use std::rc::Rc;

use cofund::model::error::Problem;
use cofund::model::{sweep_input, Evaluation, Input, Scenario, ScenarioError};
use cofund::numbers::{format_plain, Lang};
use cofund::storage::csv::{results_csv, sweep_csv, CSV_MIME};
use cofund::storage::file::{
    export_file, export_workspace_file, import_any, suggested_file_name, ImportError, Imported,
    MAX_FILE_BYTES,
};
use cofund::storage::link::Unpacked;
use cofund::storage::workspace::Workspace;
use cofund::storage::xlsx::XLSX_MIME;
use cofund::text::label_or_id;
use cofund::Decimal;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::board::lazy::{self, LazyBoard};
use super::board::request::{BoardRequest, BoardView};
use super::board::Column;
use crate::editor::workspace::{WorkspaceAction, WorkspaceState};
use crate::i18n::{app_texts, quoted, scenario_name};
use crate::storage::compression::seal;
use crate::storage::{address, download::download};

/// The id of the note next to the tools while what they hand out is not current.
const STALE_NOTE_ID: &str = "cofund-share-stale";

/// The file name, in `lang`, of every scenario together: `cofund-scenarios.json` (the file
/// of all scenarios) or `.xlsx` (their workbook).
fn all_scenarios_file(lang: Lang, ending: &str) -> String {
    format!("{}.{ending}", app_texts(lang).all_scenarios_file)
}

/// What the share tools hand out while a scenario's draft is not current: its last valid
/// version, not what the marked field holds. `active_stale`: the scenario on screen (its
/// link, file, CSV, sweep, embed code and, with the others, the workbook and the files of
/// all scenarios); `others`: the names of the other scenarios that are not current (only in
/// the tools for all scenarios). `None` when everything handed out is current.
fn stale_note(lang: Lang, active_stale: bool, others: &[&str]) -> Option<String> {
    let t = app_texts(lang);
    let names = (!others.is_empty()).then(|| {
        let quoted: Vec<String> = others.iter().map(|name| quoted(name, lang)).collect();
        match quoted.split_last() {
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} {} {last}", rest.join(", "), t.and_word),
            None => String::new(),
        }
    });
    match (active_stale, names) {
        (false, None) => None,
        (true, None) => Some(t.share_stale.to_string()),
        (false, Some(names)) => Some(format!(
            "{} {names} {}",
            t.share_stale_others_lead, t.share_stale_others_tail
        )),
        (true, Some(names)) => Some(format!(
            "{} {} {names} {}",
            t.share_stale, t.share_stale_also_lead, t.share_stale_also_tail
        )),
    }
}

#[derive(Properties, PartialEq)]
pub struct ShareToolsProps {
    pub scenario: Rc<Scenario>,
    pub evaluation: Rc<Evaluation>,
    pub lang: Lang,
    /// Whether `scenario` is the editor's scenario as it is now (see `Column::current`).
    pub current: bool,
    pub dispatch: yew::UseReducerDispatcher<WorkspaceState>,
    /// Every scenario of the workspace, for the workbook (one sheet each plus a comparison).
    pub all: Rc<Vec<Column>>,
    pub baseline: usize,
}

/// The browser's clipboard, if this page may use it (`navigator.clipboard` is missing on
/// plain-http pages).
fn clipboard() -> Option<web_sys::Clipboard> {
    let navigator = gloo::utils::window().navigator();
    let value =
        js_sys::Reflect::get(&navigator, &wasm_bindgen::JsValue::from_str("clipboard")).ok()?;
    if value.is_undefined() || value.is_null() {
        None
    } else {
        Some(navigator.clipboard())
    }
}

/// A file name without the `.json` ending, for the CSV downloads.
fn stem(s: &Scenario) -> String {
    let name = suggested_file_name(s);
    name.strip_suffix(".json").unwrap_or(&name).to_string()
}

#[function_component(ShareTools)]
pub fn share_tools(props: &ShareToolsProps) -> Html {
    let lang = props.lang;
    let t = app_texts(lang);
    // Result of the last action, shown next to the tools (and announced politely).
    let status = use_state(|| None::<(bool, String)>);
    let link = use_state(String::new);

    let export = {
        let (scenario, status) = (props.scenario.clone(), status.clone());
        Callback::from(move |_: MouseEvent| {
            let done = download(
                &suggested_file_name(&scenario),
                "application/json",
                export_file(&scenario).as_bytes(),
            );
            status.set(done.err().map(|e| (false, e)));
        })
    };
    // Every scenario with the baseline, in one file the import reads back (a backup, or the
    // way to share a comparison too large for a link).
    let export_all = {
        let (all, baseline, status) = (props.all.clone(), props.baseline, status.clone());
        Callback::from(move |_: MouseEvent| {
            let done = download(
                &all_scenarios_file(lang, "json"),
                "application/json",
                export_workspace_file(&workspace_of(&all, baseline)).as_bytes(),
            );
            status.set(done.err().map(|e| (false, e)));
        })
    };
    let export_csv = {
        let (scenario, evaluation, status) = (
            props.scenario.clone(),
            props.evaluation.clone(),
            status.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let csv = results_csv(&scenario, &evaluation, lang);
            let done = download(
                &format!("{}.csv", stem(&scenario)),
                CSV_MIME,
                csv.as_bytes(),
            );
            status.set(done.err().map(|e| (false, e)));
        })
    };
    // The sweep runs over the first unit's own range (min–max by step).
    let sweep_driver = props
        .scenario
        .drivers
        .iter()
        .enumerate()
        .find(|(_, d)| d.min.is_some() && d.max.is_some())
        .map(|(i, d)| (i, d.clone()));
    let export_sweep = {
        let (scenario, status, driver) =
            (props.scenario.clone(), status.clone(), sweep_driver.clone());
        Callback::from(move |_: MouseEvent| {
            let Some((i, d)) = &driver else { return };
            let (from, to) = (d.min.unwrap_or_default(), d.max.unwrap_or_default());
            let step = d.step.unwrap_or(Decimal::ONE);
            match sweep_input(&scenario, Input::Driver(*i), from, to, step) {
                Ok(rows) => {
                    let csv = sweep_csv(&scenario, &d.id, &rows, lang);
                    let done = download(
                        &format!("{}-{}.csv", stem(&scenario), d.id),
                        CSV_MIME,
                        csv.as_bytes(),
                    );
                    status.set(done.err().map(|e| (false, e)));
                }
                Err(e) => {
                    let unit = label_or_id(&d.label, &d.id);
                    status.set(Some((false, sweep_refusal(&e, unit, lang))));
                }
            }
        })
    };
    let export_xlsx = {
        let (all, baseline, status, scenario) = (
            props.all.clone(),
            props.baseline,
            status.clone(),
            props.scenario.clone(),
        );
        Callback::from(move |_: MouseEvent| {
            let request = BoardRequest {
                view: BoardView::Compare,
                lang,
                columns: all.clone(),
                active: 0,
                baseline,
            };
            let name = if all.len() > 1 {
                all_scenarios_file(lang, "xlsx")
            } else {
                format!("{}.xlsx", stem(&scenario))
            };
            let status = status.clone();
            // The workbook writer comes with the board program, fetched on first use.
            wasm_bindgen_futures::spawn_local(async move {
                let done = match lazy::workbook(&request).await {
                    Ok(bytes) => download(&name, XLSX_MIME, &bytes),
                    Err(why) => Err(format!("{} {why}", app_texts(lang).workbook_failed)),
                };
                status.set(done.err().map(|e| (false, e)));
            });
        })
    };
    // A link to the active scenario, or to every scenario with the baseline (the comparison).
    let share_link = |all_scenarios: bool| {
        let (scenario, status, link) = (props.scenario.clone(), status.clone(), link.clone());
        let (all, baseline) = (props.all.clone(), props.baseline);
        Callback::from(move |_: MouseEvent| {
            let unpacked = if all_scenarios {
                Unpacked::workspace(&workspace_of(&all, baseline))
            } else {
                Unpacked::scenario(&scenario)
            };
            let (status, link) = (status.clone(), link.clone());
            // The browser deflates the link (no Rust deflater in the app); then the
            // clipboard, which exists only on secure pages (https, localhost) and may
            // refuse: the link is in the field below either way, so say which it is.
            wasm_bindgen_futures::spawn_local(async move {
                let t = app_texts(lang);
                let fragment = match seal(&unpacked).await {
                    Ok(fragment) => fragment,
                    Err(why) => {
                        // No earlier link may stand under the message as if it were this one.
                        link.set(String::new());
                        status.set(Some((false, why.message(lang))));
                        return;
                    }
                };
                let url = address::link_with(&fragment);
                link.set(url.clone());
                let copied = match clipboard() {
                    Some(clipboard) => {
                        wasm_bindgen_futures::JsFuture::from(clipboard.write_text(&url))
                            .await
                            .is_ok()
                    }
                    None => false,
                };
                let message = if copied {
                    t.link_ready
                } else {
                    t.link_not_copied
                };
                status.set(Some((true, message.to_string())));
            });
        })
    };
    let import = {
        let (dispatch, status) = (props.dispatch.clone(), status.clone());
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            input.set_value("");
            // Refuse big files before reading them into memory.
            if file.size() > MAX_FILE_BYTES as f64 {
                let error = ImportError::TooLarge {
                    bytes: file.size() as usize,
                };
                status.set(Some((false, error.message(lang))));
                return;
            }
            let (dispatch, status) = (dispatch.clone(), status.clone());
            wasm_bindgen_futures::spawn_local(async move {
                let bytes = match wasm_bindgen_futures::JsFuture::from(file.array_buffer()).await {
                    Ok(buffer) => js_sys::Uint8Array::new(&buffer).to_vec(),
                    Err(_) => {
                        status.set(Some((false, app_texts(lang).import_unreadable.to_string())));
                        return;
                    }
                };
                match import_any(&bytes) {
                    Ok(Imported::Scenario(s)) => {
                        dispatch.dispatch(WorkspaceAction::Import(Workspace::single(s)));
                        status.set(Some((true, app_texts(lang).import_done.to_string())));
                    }
                    // A workspace of no scenarios is valid, and importing it did nothing
                    // while it said "new scenarios: 0" as a success (a QA round).
                    Ok(Imported::Workspace(w)) if w.scenarios.is_empty() => status.set(Some((
                        false,
                        format!("{}: {}", file.name(), app_texts(lang).import_empty),
                    ))),
                    Ok(Imported::Workspace(w)) => {
                        let t = app_texts(lang);
                        let message = match w.scenarios.len() {
                            1 => t.import_done.to_string(),
                            n => format!("{} {n}.", t.import_done_many),
                        };
                        dispatch.dispatch(WorkspaceAction::Import(w));
                        status.set(Some((true, message)));
                    }
                    Err(e) => status.set(Some((
                        false,
                        format!("{}: {}", file.name(), e.message(lang)),
                    ))),
                }
            });
        })
    };
    let select_all = Callback::from(|e: FocusEvent| {
        if let Some(input) = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        {
            input.select();
        }
    });

    // While a draft is not current, the tools hand out its last valid version: said next to
    // them, before them in reading order, and tied to each tool it concerns.
    let active_stale = !props.current;
    let other_stale: Vec<&str> = props
        .all
        .iter()
        .filter(|c| !c.current && !Rc::ptr_eq(&c.scenario, &props.scenario))
        .map(|c| scenario_name(&c.name, t))
        .collect();
    let note = stale_note(lang, active_stale, &other_stale);
    let described = |concerned: bool| concerned.then_some(AttrValue::Static(STALE_NOTE_ID));
    let this_one = described(active_stale);
    let every_one = described(note.is_some());

    html! {
        <section class="cofund-share" aria-labelledby="cofund-share-heading">
            <h2 id="cofund-share-heading" class="cofund-share-heading">{ t.share_heading }</h2>
            if let Some(note) = note {
                <p id={STALE_NOTE_ID} class="cofund-results-stale-banner cofund-share-stale">{ note }</p>
            }
            <div class="cofund-share-tools">
                <button type="button" class="cofund-icon-button" onclick={share_link(false)} aria-describedby={this_one.clone()}>{ t.share_link }</button>
                if props.all.len() > 1 {
                    <button type="button" class="cofund-icon-button" onclick={share_link(true)} aria-describedby={every_one.clone()}>{ t.share_all_link }</button>
                }
                <button type="button" class="cofund-icon-button" onclick={export} aria-describedby={this_one.clone()}>{ t.export_file }</button>
                if props.all.len() > 1 {
                    <button type="button" class="cofund-icon-button" onclick={export_all} aria-describedby={every_one.clone()}>{ t.export_all_file }</button>
                }
                <label class="cofund-icon-button cofund-file-label">
                    { t.import_file }
                    <input type="file" accept=".json,application/json" class="cofund-visually-hidden"
                        id="cofund-import" onchange={import} aria-describedby="cofund-share-status" />
                </label>
                <button type="button" class="cofund-icon-button" onclick={export_xlsx} aria-describedby={every_one}>{ t.export_xlsx }</button>
                <button type="button" class="cofund-icon-button" onclick={export_csv} aria-describedby={this_one.clone()}>{ t.export_csv }</button>
                if sweep_driver.is_some() {
                    <button type="button" class="cofund-icon-button" onclick={export_sweep} aria-describedby={this_one.clone()}>{ t.export_sweep_csv }</button>
                }
                <EmbedOpener scenario={props.scenario.clone()} evaluation={props.evaluation.clone()} lang={lang} current={props.current} described_by={this_one} />
            </div>
            if !link.is_empty() {
                <div class="cofund-field">
                    <label for="cofund-share-link">{ t.share_link_label }</label>
                    <input id="cofund-share-link" class="cofund-input" readonly=true value={(*link).clone()} onfocus={select_all} />
                </div>
            }
            <p id="cofund-share-status" role="status"
               class={classes!("cofund-share-status", status.as_ref().map(|(ok, _)| if *ok { "cofund-share-status--ok" } else { "cofund-share-status--error" }))}>
                { status.as_ref().map(|(_, m)| m.clone()).unwrap_or_default() }
            </p>
        </section>
    }
}

/// Every scenario with a result, and the baseline's column: what the link to all scenarios
/// and the file of all scenarios hold.
fn workspace_of(all: &[Column], baseline: usize) -> Workspace {
    let scenarios = all.iter().map(|c| (*c.scenario).clone()).collect();
    Workspace::new(scenarios, (baseline < all.len()).then_some(baseline))
}

#[derive(Properties, PartialEq)]
struct EmbedOpenerProps {
    scenario: Rc<Scenario>,
    evaluation: Rc<Evaluation>,
    lang: Lang,
    current: bool,
    /// The note saying the code will hold the last valid scenario, while it is shown.
    described_by: Option<AttrValue>,
}

/// The embed dialog's button. The dialog is the board program's
/// (`ui::board::embed_dialog`), fetched when the button is first used, or sooner, once the
/// pointer or focus is on it; while it is open, the board renders it.
#[function_component(EmbedOpener)]
fn embed_opener(props: &EmbedOpenerProps) -> Html {
    let t = app_texts(props.lang);
    let open = use_state(|| false);
    let button = use_node_ref();
    let show = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(true))
    };
    // The dialog has gone: focus back on the button, as a native dialog's closing does.
    let closed = {
        let (open, button) = (open.clone(), button.clone());
        Callback::from(move |_: ()| {
            open.set(false);
            if let Some(button) = button.cast::<web_sys::HtmlElement>() {
                let _ = button.focus();
            }
        })
    };
    let request = (*open).then(|| BoardRequest {
        view: BoardView::EmbedDialog,
        lang: props.lang,
        columns: Rc::new(vec![Column {
            name: AttrValue::from(props.scenario.name.clone()),
            scenario: props.scenario.clone(),
            evaluation: props.evaluation.clone(),
            current: props.current,
        }]),
        active: 0,
        baseline: usize::MAX,
    });
    html! {
        <>
            <button ref={button} type="button" class="cofund-icon-button" aria-haspopup="dialog" onclick={show}
                aria-describedby={props.described_by.clone()}
                onpointerenter={Callback::from(|_: PointerEvent| lazy::prefetch())}
                onfocus={Callback::from(|_: FocusEvent| lazy::prefetch())}>{ t.embed_open }</button>
            if let Some(request) = request {
                <LazyBoard request={request} on_select={Callback::noop()} on_exit={closed} />
            }
        </>
    }
}

/// Why the sweep could not be exported. Its range is the unit's own Min., Max. and Step, so a
/// range with too many rows is said in those words (the core's message would name
/// `range.step`, which the user never sees); anything else keeps the core's message.
fn sweep_refusal(e: &ScenarioError, unit: &str, lang: Lang) -> String {
    let Problem::TooManyPoints { limit } = e.problem() else {
        return e.message(lang);
    };
    let limit = format_plain(Decimal::from(*limit as u64), lang);
    match lang {
        Lang::Da => format!(
            "{unit}: Min. til Maks. med dette trin giver mere end {limit} rækker. Gør trinnet større eller intervallet mindre."
        ),
        Lang::En => format!(
            "{unit}: Min. to Max. with this step gives more than {limit} rows. Make the step larger or the range smaller."
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sweep_with_too_many_rows_is_refused_in_the_form_words() {
        let s = cofund::presets::Preset::find("vaekstpilot-150")
            .and_then(|p| p.scenario().ok())
            .expect("preset");
        let huge = Decimal::from(10_000_000);
        let e = sweep_input(&s, Input::Driver(0), Decimal::ZERO, huge, Decimal::ONE)
            .expect_err("too many rows");
        assert_eq!(
            sweep_refusal(&e, "Pilotvirksomheder", Lang::Da),
            "Pilotvirksomheder: Min. til Maks. med dette trin giver mere end 1.000.000 rækker. Gør trinnet større eller intervallet mindre."
        );
        assert!(sweep_refusal(&e, "Pilots", Lang::En).starts_with("Pilots: Min. to Max."));
        // Anything else keeps the core's message.
        let other = sweep_input(&s, Input::SourceRate(1), Decimal::ZERO, huge, Decimal::ONE)
            .expect_err("the companies have no rate");
        assert_eq!(
            sweep_refusal(&other, "x", Lang::En),
            other.message(Lang::En)
        );
    }

    /// The report: the workbook and the file of all scenarios were `cofund-scenarier.…` in
    /// English too.
    #[test]
    fn the_files_of_all_scenarios_are_named_in_the_language() {
        assert_eq!(
            all_scenarios_file(Lang::Da, "json"),
            "cofund-scenarier.json"
        );
        assert_eq!(
            all_scenarios_file(Lang::Da, "xlsx"),
            "cofund-scenarier.xlsx"
        );
        assert_eq!(
            all_scenarios_file(Lang::En, "json"),
            "cofund-scenarios.json"
        );
        assert_eq!(
            all_scenarios_file(Lang::En, "xlsx"),
            "cofund-scenarios.xlsx"
        );
    }

    /// The report: files taken while a field was marked held the last valid figures and
    /// said nothing of it.
    #[test]
    fn the_note_says_what_the_tools_hand_out_while_a_draft_is_not_current() {
        assert_eq!(stale_note(Lang::Da, false, &[]), None);
        assert_eq!(
            stale_note(Lang::Da, true, &[]).as_deref(),
            Some("Ikke opdateret: et felt kan ikke læses, så link, filer, CSV og projektmappe indeholder det sidste gyldige scenarie – den markerede ændring kommer ikke med. Ret feltet først, hvis den skal med.")
        );
        assert_eq!(
            stale_note(Lang::En, true, &[]).as_deref(),
            Some("Not up to date: a field cannot be read, so the link, files, CSV and workbook hold the last valid scenario – the marked change is not included. Correct the field first if it should be.")
        );
        assert_eq!(
            stale_note(Lang::Da, false, &["Kopi"]).as_deref(),
            Some("Ikke opdateret: et felt i »Kopi« kan ikke læses, så linket til alle scenarier, filen med alle scenarier og projektmappen indeholder den sidste gyldige udgave – den markerede ændring kommer ikke med.")
        );
        assert_eq!(
            stale_note(Lang::En, true, &["A", "B", "C"]).as_deref(),
            Some("Not up to date: a field cannot be read, so the link, files, CSV and workbook hold the last valid scenario – the marked change is not included. Correct the field first if it should be. The same holds for “A”, “B” and “C” in the link to all scenarios, the file of all scenarios and the workbook.")
        );
    }
}
