//! The scenario editor: period, units (drivers), cost lines and funding sources. Every
//! input dispatches an [`Action`]; rows are separate components with `PartialEq` props,
//! so a keystroke re-renders only the row it changed.

use std::rc::Rc;

use cofund::model::Base;
use cofund::numbers::{format_input, format_plain, Lang};
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::fields::{described_by, hint_id, SelectField, TextField};
use super::focus_id;
use crate::editor::draft::{
    legend_name, CostDraft, CostKindTag, Draft, DriverDraft, FieldError, FieldId, Row, Slider,
    SourceDraft, SourceKindTag,
};
use crate::editor::focus::{
    focus_after, rows_said, tool_said, Pressed, Tool, ADD_COST_ID, ADD_DRIVER_ID, ADD_SOURCE_ID,
};
use crate::editor::state::Action;
use crate::editor::workspace::{WorkspaceAction, WorkspaceState};
use crate::i18n::{texts, Texts};
use crate::ui::announce::live_region;

/// Sends edits of the active scenario to the workspace reducer.
#[derive(Clone, PartialEq)]
pub struct Dispatch(pub yew::UseReducerDispatcher<WorkspaceState>);

impl Dispatch {
    fn dispatch(&self, action: Action) {
        self.0.dispatch(WorkspaceAction::Edit(action));
    }

    /// For `onfocusout` around text fields: leaving one ends its undo step
    /// (`WorkspaceAction::EndTyping`), so that Ctrl+Z takes back the typing as one step,
    /// and what came after it (a slider moved) as another.
    pub fn end_typing_on_leave(&self) -> Callback<FocusEvent> {
        let dispatch = self.0.clone();
        Callback::from(move |e: FocusEvent| {
            let left_a_field = e
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
                .is_some();
            if left_a_field {
                dispatch.dispatch(WorkspaceAction::EndTyping);
            }
        })
    }
}

/// (driver id, label) pairs for the unit selects.
type DriverOptions = Rc<Vec<(AttrValue, AttrValue)>>;

#[derive(Properties, PartialEq)]
pub struct EditorProps {
    pub draft: Draft,
    pub errors: Rc<Vec<FieldError>>,
    pub lang: Lang,
    pub dispatch: Dispatch,
}

fn row_errors(errors: &[FieldError], row: Row) -> Vec<FieldError> {
    errors
        .iter()
        .filter(|e| e.field.row == row)
        .cloned()
        .collect()
}

fn error_for(errors: &[FieldError], field: FieldId) -> Option<AttrValue> {
    errors
        .iter()
        .find(|e| e.field == field)
        .map(|e| AttrValue::from(e.message.clone()))
}

/// A callback that dispatches the text of an input as an edit of `field`.
fn on_text(dispatch: &Dispatch, field: FieldId) -> Callback<String> {
    let dispatch = dispatch.clone();
    Callback::from(move |text| dispatch.dispatch(Action::Text(field, text)))
}

#[function_component(Editor)]
pub fn editor(props: &EditorProps) -> Html {
    let EditorProps {
        draft,
        errors,
        lang,
        dispatch,
    } = props;
    let t = texts(*lang);
    let driver_options: DriverOptions = {
        let pairs: Vec<(AttrValue, AttrValue)> = draft
            .drivers
            .iter()
            .map(|d| {
                (
                    AttrValue::from(d.id.clone()),
                    AttrValue::from(d.name().to_string()),
                )
            })
            .collect();
        use_memo(pairs, |pairs| pairs.clone())
    };
    let general = Row::Scenario;
    // The same callbacks from render to render, so that a keystroke elsewhere leaves these
    // fields' props equal and Yew skips them (a new closure would make every field render).
    let [on_name, on_years] = (*use_memo(dispatch.clone(), |dispatch| {
        ["name", "years"].map(|name| on_text(dispatch, FieldId::new(Row::Scenario, name)))
    }))
    .clone();
    // "Tilføj …": the new row's label field takes the focus once it shows, so the row is
    // named first (and a screen reader hears where it is) rather than nothing happening.
    let added = use_mut_ref(|| false);
    let add = |action: Action| {
        let (dispatch, added) = (dispatch.clone(), added.clone());
        Callback::from(move |_: MouseEvent| {
            *added.borrow_mut() = true;
            dispatch.dispatch(action.clone());
        })
    };

    // A row's ↑ ↓ Fjern: the tool pressed is kept until the render that shows its change,
    // and then the focus goes where `focus_after` says, since moving or removing the row
    // takes it away from the button (to `<body>`). A ref, not state: remembering the tool
    // must not cost a render of its own.
    let root = use_node_ref();
    let pressed = use_mut_ref(|| None::<(Pressed, AttrValue)>);
    let on_tool = {
        let pressed = pressed.clone();
        use_callback(
            dispatch.clone(),
            move |(p, label): (Pressed, AttrValue), dispatch| {
                *pressed.borrow_mut() = Some((p, label));
                dispatch.dispatch(p.action());
            },
        )
    };
    // What the tool did, said in the editor's live region (the button keeps its name).
    let tool_spoken = use_state(|| (0_u32, String::new()));
    // The reducer runs as the button is pressed, so the first render after it shows the
    // change; a tool whose change it does not show (see `focus_after`) is forgotten, never
    // applied to a later render.
    let target = pressed
        .borrow()
        .as_ref()
        .and_then(|(p, label)| Some((focus_after(draft, *p)?, tool_said(draft, *p, label, *lang))));
    let new_row = added.borrow().then(|| new_row_label(draft)).flatten();
    // The draft of the last render: a row that came or went with no tool pressed (Ctrl+Z)
    // is said too.
    let previous = use_mut_ref(|| None::<Draft>);
    {
        let (pressed, added, root) = (pressed.clone(), added.clone(), root.clone());
        let tool_spoken = tool_spoken.clone();
        let (now, lang) = (draft.clone(), *lang);
        use_effect(move || {
            let say = |said: String| tool_spoken.set((tool_spoken.0.wrapping_add(1), said));
            let tool = pressed.borrow_mut().take().is_some();
            if tool {
                if let Some((id, said)) = target {
                    focus_id(&root, &id);
                    said.map(say);
                }
            }
            let add = std::mem::take(&mut *added.borrow_mut());
            if add {
                if let Some(id) = new_row {
                    focus_id(&root, &id);
                    // Its default name selected, so that typing replaces it: a QA round
                    // typed "Evaluering" and got "Ny udgiftspostEvaluering".
                    if let Some(input) = crate::ui::focused_element()
                        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
                        .filter(|e| e.id() == id)
                    {
                        input.select();
                    }
                }
                // The new row's field, focused, says what came; an earlier sentence
                // ("Tilbage: DEB.") is no longer the latest news.
                if !tool_spoken.1.is_empty() {
                    tool_spoken.set((tool_spoken.0, String::new()));
                }
            }
            let before = previous.borrow_mut().replace(now);
            if !tool && !add {
                let after = previous.borrow();
                if let (Some(before), Some(after)) = (before, after.as_ref()) {
                    match rows_said(&before, after, lang) {
                        Some(said) => say(said),
                        // Any other edit (typing, a template loaded) ends what the last
                        // sentence said: "Flyttet ned: DEB, nu nr. 2 af 3." is no longer true
                        // of another scenario, and a screen reader moving through the page
                        // should not find it there. Emptying a region is not read out.
                        None if !tool_spoken.1.is_empty() && before != *after => {
                            tool_spoken.set((tool_spoken.0, String::new()));
                        }
                        None => {}
                    }
                }
            }
        });
    }

    let end_typing = dispatch.end_typing_on_leave();

    html! {
        <section ref={root} class="cofund-editor" aria-labelledby="cofund-editor-heading" onfocusout={end_typing}>
            <h2 id="cofund-editor-heading">{ t.editor_heading }</h2>
            { live_region("cofund-editor-changes", &tool_spoken) }
            <div class="cofund-grid">
                <TextField id={FieldId::new(general, "name").dom_id()} label={t.name_label} value={draft.name.clone()}
                    on_input={on_name} class="cofund-grid-wide" />
                <TextField id={FieldId::new(general, "years").dom_id()} label={t.years_label} value={draft.years.clone()} numeric=true
                    error={error_for(errors, FieldId::new(general, "years"))}
                    on_input={on_years} />
            </div>

            <h3>{ t.drivers_heading }</h3>
            { for draft.drivers.iter().enumerate().map(|(i, d)| html! {
                <DriverRow key={d.key} item={d.clone()} position={i} count={draft.drivers.len()} lang={*lang}
                    errors={row_errors(errors, Row::Driver(d.key))} dispatch={dispatch.clone()} on_tool={on_tool.clone()} />
            }) }
            <button type="button" id={ADD_DRIVER_ID} class="cofund-button cofund-button--secondary" onclick={add(Action::AddDriver)}>{ "+ " }{ t.add_driver }</button>

            <h3>{ t.costs_heading }</h3>
            <CostList rows={draft.costs.clone()} drivers={driver_options.clone()} errors={errors.clone()} lang={*lang} dispatch={dispatch.clone()} on_tool={on_tool.clone()} />
            <button type="button" id={ADD_COST_ID} class="cofund-button cofund-button--secondary" onclick={add(Action::AddCost)}>{ "+ " }{ t.add_cost }</button>

            <h3>{ t.sources_heading }</h3>
            <SourceList rows={draft.sources.clone()} drivers={driver_options.clone()} errors={errors.clone()} lang={*lang} dispatch={dispatch.clone()} on_tool={on_tool} />
            <button type="button" id={ADD_SOURCE_ID} class="cofund-button cofund-button--secondary" onclick={add(Action::AddSource)}>{ "+ " }{ t.add_source }</button>
        </section>
    }
}

/// The label field of the row an add button just made: the newest key of the three lists
/// (keys grow, so the added row has the largest).
fn new_row_label(draft: &Draft) -> Option<String> {
    let rows = draft
        .drivers
        .iter()
        .map(|d| (d.key, Row::Driver(d.key)))
        .chain(draft.costs.iter().map(|c| (c.key, Row::Cost(c.key))))
        .chain(draft.sources.iter().map(|s| (s.key, Row::Source(s.key))));
    rows.max_by_key(|(key, _)| *key)
        .map(|(_, row)| FieldId::new(row, "label").dom_id())
}

/// The props of a list of editor rows. The list and the errors are shared (`Rc`) with the
/// draft, so when an edit leaves them alone, the comparison is a pointer comparison and
/// the whole list is skipped: typing in a unit field of a 200-line scenario re-renders no
/// cost row at all.
#[derive(Properties, PartialEq)]
struct RowListProps<T: PartialEq + 'static> {
    rows: Rc<Vec<T>>,
    drivers: DriverOptions,
    errors: Rc<Vec<FieldError>>,
    lang: Lang,
    dispatch: Dispatch,
    on_tool: Callback<(Pressed, AttrValue)>,
}

#[function_component(CostList)]
fn cost_list(props: &RowListProps<CostDraft>) -> Html {
    let count = props.rows.len();
    html! {
        { for props.rows.iter().enumerate().map(|(i, c)| html! {
            <CostRow key={c.key} item={c.clone()} position={i} count={count} lang={props.lang}
                drivers={props.drivers.clone()} errors={row_errors(&props.errors, Row::Cost(c.key))} dispatch={props.dispatch.clone()} on_tool={props.on_tool.clone()} />
        }) }
    }
}

#[function_component(SourceList)]
fn source_list(props: &RowListProps<SourceDraft>) -> Html {
    let count = props.rows.len();
    html! {
        { for props.rows.iter().enumerate().map(|(i, s)| html! {
            <SourceRow key={s.key} item={s.clone()} position={i} count={count} lang={props.lang}
                drivers={props.drivers.clone()} errors={row_errors(&props.errors, Row::Source(s.key))} dispatch={props.dispatch.clone()} on_tool={props.on_tool.clone()} />
        }) }
    }
}

/// From how many rows a list's rows out of sight are skipped by layout and paint
/// (`content-visibility: auto`, styles/app.css). A row never seen stands in at an estimated
/// height until it scrolls into view; then it takes its real one, and what is below it
/// moves: 31 px under the pointer on its way to "+ Tilføj finansieringskilde" in the
/// Vækstpilot scenario. Only long lists gain from the skipping (a keystroke in the 200-line
/// scenario laid out and painted 200 rows, some 4 ms; BENCHMARKS.md), so a short one is
/// laid out whole and holds still.
const SKIPPABLE_FROM: usize = 20;

/// A row of the editor: a fieldset named after the row, its fields, and its tools.
fn row_frame<T: PartialEq>(
    props: &RowProps<T>,
    row: Row,
    label: &str,
    unnamed: &str,
    fields: Html,
) -> Html {
    // The row's name wherever it is said: its legend, its tools' names and what the tools
    // announce ("Fjern: Ny finansieringskilde", not "Fjern: …").
    let legend = legend_name(label, unnamed);
    let class = if props.count >= SKIPPABLE_FROM {
        "cofund-row cofund-row--skippable"
    } else {
        "cofund-row"
    };
    html! {
        <fieldset {class}>
            <legend>{ legend }</legend>
            { fields }
            <RowTools row={row} label={legend.to_string()} position={props.position} count={props.count}
                lang={props.lang} on_tool={props.on_tool.clone()} />
        </fieldset>
    }
}

/// The `<option>`s of a kind select: (tag, name in the chosen language).
fn kind_options<K: Copy>(
    all: &[K],
    tag: fn(K) -> &'static str,
    name: impl Fn(K) -> &'static str,
) -> Vec<(AttrValue, AttrValue)> {
    all.iter()
        .map(|k| (AttrValue::from(tag(*k)), AttrValue::from(name(*k))))
        .collect()
}

/// A kind select's callback: reads the chosen tag and dispatches the matching action.
fn on_kind<K: 'static>(
    dispatch: &Dispatch,
    from_tag: fn(&str) -> Option<K>,
    action: impl Fn(K) -> Action + 'static,
) -> Callback<String> {
    let dispatch = dispatch.clone();
    Callback::from(move |tag: String| {
        if let Some(kind) = from_tag(&tag) {
            dispatch.dispatch(action(kind));
        }
    })
}

#[derive(Properties, PartialEq)]
struct RowToolsProps {
    row: Row,
    label: AttrValue,
    position: usize,
    count: usize,
    lang: Lang,
    on_tool: Callback<(Pressed, AttrValue)>,
}

/// Move up, move down and remove, named after the row for screen readers. Each has an id
/// (`Tool::dom_id`), for the editor to put the focus back on after the row has changed.
#[function_component(RowTools)]
fn row_tools(props: &RowToolsProps) -> Html {
    let t = texts(props.lang);
    let act = |tool: Tool| {
        let on_tool = props.on_tool.clone();
        let pressed = Pressed {
            row: props.row,
            position: props.position,
            tool,
        };
        let label = props.label.clone();
        Callback::from(move |_: MouseEvent| on_tool.emit((pressed, label.clone())))
    };
    // The row's legend name (`legend_name`), never empty.
    let name = props.label.as_str();
    // The arrows' titles are tooltips for the mouse. A title other than the name was read
    // again after it as a description ("Flyt op: DEB, knap, Flyt op"). The empty
    // `aria-description` stops that in Chromium, but whether an empty one counts is up to
    // each browser (a review); where it does not, the title is the name again, which screen
    // readers leave out as a repeat.
    let (up, down) = (
        format!("{}: {name}", t.move_up),
        format!("{}: {name}", t.move_down),
    );
    html! {
        <div class="cofund-row-tools">
            <button type="button" id={Tool::Up.dom_id(props.row)} class="cofund-icon-button" disabled={props.position == 0}
                aria-label={up.clone()} title={up} aria-description=""
                onclick={act(Tool::Up)}>{ "↑" }</button>
            <button type="button" id={Tool::Down.dom_id(props.row)} class="cofund-icon-button" disabled={props.position + 1 >= props.count}
                aria-label={down.clone()} title={down} aria-description=""
                onclick={act(Tool::Down)}>{ "↓" }</button>
            <button type="button" id={Tool::Remove.dom_id(props.row)} class="cofund-icon-button cofund-icon-button--remove"
                aria-label={format!("{}: {name}", t.remove)}
                onclick={act(Tool::Remove)}>{ t.remove }</button>
        </div>
    }
}

/// The props every editor row shares; `item` is the row's draft.
#[derive(Properties, PartialEq)]
struct RowProps<T: PartialEq + 'static> {
    item: T,
    position: usize,
    count: usize,
    lang: Lang,
    errors: Vec<FieldError>,
    dispatch: Dispatch,
    /// A row tool was pressed (the editor dispatches its edit and then moves the focus).
    on_tool: Callback<(Pressed, AttrValue)>,
    /// The unit choices, for rows that can be per unit.
    #[prop_or_default]
    drivers: DriverOptions,
}

#[function_component(DriverRow)]
fn driver_row(props: &RowProps<DriverDraft>) -> Html {
    let RowProps {
        item: d,
        lang,
        errors,
        dispatch,
        ..
    } = props;
    let t = texts(*lang);
    let row = Row::Driver(d.key);
    let field = |name: &'static str| FieldId::new(row, name);
    // Kept from render to render (see `editor`): typing in the row's number field then
    // renders that field, not its neighbours.
    let [on_label, on_min, on_max, on_step] =
        (*use_memo((dispatch.clone(), row), |(dispatch, row)| {
            ["label", "min", "max", "step"].map(|name| on_text(dispatch, FieldId::new(*row, name)))
        }))
        .clone();
    html! {
        // Named as its slider and the unit selects name it: by its id when it has no label.
        { row_frame(props, row, d.name(), t.new_driver, html! {
            <div class="cofund-grid">
                <TextField id={field("label").dom_id()} label={t.label_label} value={d.label.clone()} on_input={on_label} class="cofund-grid-wide" />
                { value_and_slider(d, t.value_label, errors, dispatch, *lang) }
                <TextField id={field("min").dom_id()} label={t.min_label} value={d.min.clone()} numeric=true
                    error={error_for(errors, field("min"))} on_input={on_min} class="cofund-narrow" />
                <TextField id={field("max").dom_id()} label={t.max_label} value={d.max.clone()} numeric=true
                    error={error_for(errors, field("max"))} on_input={on_max} class="cofund-narrow" />
                <TextField id={field("step").dom_id()} label={t.step_label} value={d.step.clone()} numeric=true
                    error={error_for(errors, field("step"))} on_input={on_step} class="cofund-narrow" />
            </div>
        }) }
    }
}

/// Antal beyond Min.–Maks. is valid (the range is what the slider explores), but the
/// slider stands at its end: said under the field, or one arrow press on the slider took
/// 300 to 224 without a word (a QA round). Not while Antal is being typed into
/// ([`DriverDraft::hold_outside_hint`]).
fn outside_range_hint(d: &DriverDraft, lang: Lang) -> Option<AttrValue> {
    d.slider.filter(Slider::shows_outside_hint).map(|s| {
        // A word joiner after the dash: "150–" at the end of a line and "225" on the
        // next read as two figures (a QA round, at 320 px).
        let range = format!(
            "{}–\u{2060}{}",
            format_plain(s.min, lang),
            format_plain(s.max, lang)
        );
        AttrValue::from(texts(lang).value_outside_range.replace("{range}", &range))
    })
}

/// A driver's number field with its slider beside it: in the editor's driver rows and, on
/// their own, in the compact embedded widget.
fn value_and_slider(
    d: &DriverDraft,
    label: &str,
    errors: &[FieldError],
    dispatch: &Dispatch,
    lang: Lang,
) -> Html {
    let t = texts(lang);
    let row = Row::Driver(d.key);
    let field = |name: &'static str| FieldId::new(row, name);
    // A unit that never had a range has no slider; one whose Antal, Min. or Maks. cannot be
    // read right now keeps the slider it had (see `DriverDraft::renew_slider`), said so to
    // screen readers by a hint (the fields' own errors are what sighted users see).
    let slider = match d.slider {
        Some(s) => {
            let value_field = field("value");
            let dispatch = dispatch.clone();
            let oninput = Callback::from(move |e: InputEvent| {
                let input: web_sys::HtmlInputElement = e.target_unchecked_into();
                // The slider speaks JavaScript's number format; the field shows the user's.
                // Its value replaces whatever the field held, also text that did not read:
                // moving the slider is how the user chose a number.
                // (Read as a file's numbers are: rust_decimal's `from_str` and
                // `from_scientific` brought another copy of its parser.)
                if let Some(v) = cofund::model::read::read_number(&input.value()) {
                    dispatch.dispatch(Action::Text(value_field, format_input(v, lang)));
                }
            });
            let id = field("slider").dom_id();
            let stale_id = hint_id(&id);
            // The count's "outside the range" hint comes as the focus leaves its field, most
            // often for the slider: the slider is described by it too, so a screen reader
            // says it where the user lands (it was in the field's description only, which
            // nobody heard again; an accessibility review).
            let outside_id = s
                .shows_outside_hint()
                .then(|| hint_id(&field("value").dom_id()));
            let described =
                described_by([s.stale.then_some(stale_id.as_str()), outside_id.as_deref()]);
            html! {
                <div class="cofund-field cofund-slider">
                    <label for={id.clone()}>{ format!("{} {}", t.slider_label, cofund::text::in_sentence(d.name())) }</label>
                    <input id={id} type="range" min={s.min.to_string()} max={s.max.to_string()} step={s.step.to_string()}
                        value={s.value.clamp(s.min, s.max).to_string()} aria-valuetext={format!("{} {}", format_plain(s.value, lang), cofund::text::in_sentence(d.name()))}
                        aria-describedby={described} {oninput} />
                    if s.stale {
                        <span id={stale_id} class="cofund-visually-hidden">{ t.slider_stale }</span>
                    }
                </div>
            }
        }
        None => html! {},
    };
    html! {
        <div class="cofund-value-slider cofund-grid-wide">
            <TextField id={field("value").dom_id()} label={label.to_string()} value={d.value.clone()} numeric=true
                error={error_for(errors, field("value"))} hint={outside_range_hint(d, lang)} on_input={on_text(dispatch, field("value"))} />
            { slider }
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct DriverControlProps {
    pub item: DriverDraft,
    pub errors: Rc<Vec<FieldError>>,
    pub lang: Lang,
    pub dispatch: Dispatch,
}

/// One driver's value and slider, labelled with the driver's own name ("Vækstpiloter").
#[function_component(DriverControl)]
pub fn driver_control(props: &DriverControlProps) -> Html {
    let errors = row_errors(&props.errors, Row::Driver(props.item.key));
    value_and_slider(
        &props.item,
        props.item.name(),
        &errors,
        &props.dispatch,
        props.lang,
    )
}

fn cost_kind_name(t: &Texts, kind: CostKindTag) -> (&'static str, &'static str) {
    match kind {
        CostKindTag::Fixed => (t.cost_fixed, t.cost_fixed_help),
        CostKindTag::PerUnit => (t.cost_per_unit, t.cost_per_unit_help),
        CostKindTag::PerYear => (t.cost_per_year, t.cost_per_year_help),
        CostKindTag::PerUnitPerYear => (t.cost_per_unit_per_year, t.cost_per_unit_per_year_help),
    }
}

fn source_kind_name(t: &Texts, kind: SourceKindTag) -> (&'static str, &'static str) {
    match kind {
        SourceKindTag::Share => (t.source_share, t.source_share_help),
        SourceKindTag::PerUnit => (t.source_per_unit, t.source_per_unit_help),
        SourceKindTag::Fixed => (t.source_fixed, t.source_fixed_help),
        SourceKindTag::PerYear => (t.source_per_year, t.source_per_year_help),
        SourceKindTag::Residual => (t.source_residual, t.source_residual_help),
    }
}

/// The unit select for per-unit lines and sources; a missing driver shows as an error.
fn driver_select(
    t: &Texts,
    id: FieldId,
    selected: &str,
    drivers: &DriverOptions,
    errors: &[FieldError],
    dispatch: &Dispatch,
) -> Html {
    let mut options: Vec<(AttrValue, AttrValue)> = drivers.as_ref().clone();
    if !drivers.iter().any(|(v, _)| v == selected) {
        options.insert(
            0,
            (AttrValue::from(selected.to_string()), AttrValue::from("—")),
        );
    }
    html! {
        <SelectField id={id.dom_id()} label={t.driver_label} options={options} selected={AttrValue::from(selected.to_string())}
            error={error_for(errors, id)} on_change={on_text(dispatch, id)} />
    }
}

#[function_component(CostRow)]
fn cost_row(props: &RowProps<CostDraft>) -> Html {
    let RowProps {
        item: c,
        lang,
        drivers,
        errors,
        dispatch,
        ..
    } = props;
    let t = texts(*lang);
    let row = Row::Cost(c.key);
    let field = |name: &'static str| FieldId::new(row, name);
    let kinds = kind_options(&CostKindTag::ALL, CostKindTag::tag, |k| {
        cost_kind_name(t, k).0
    });
    let key = c.key;
    let on_kind = on_kind(dispatch, CostKindTag::from_tag, move |kind| {
        Action::CostKind(key, kind)
    });
    let on_eligible = {
        let (dispatch, key) = (dispatch.clone(), c.key);
        Callback::from(move |e: Event| {
            let input: web_sys::HtmlInputElement = e.target_unchecked_into();
            dispatch.dispatch(Action::Eligible(key, input.checked()));
        })
    };
    let eligible_id = field("eligible").dom_id();
    html! {
        { row_frame(props, row, &c.label, t.new_cost, html! {
            <div class="cofund-grid">
                <TextField id={field("label").dom_id()} label={t.label_label} value={c.label.clone()} on_input={on_text(dispatch, field("label"))} class="cofund-grid-wide" />
                <SelectField id={field("kind").dom_id()} label={t.kind_label} options={kinds} selected={c.kind.tag()}
                    hint={cost_kind_name(t, c.kind).1} error={error_for(errors, field("kind"))} on_change={on_kind} />
                if c.kind.uses_driver() { { driver_select(t, field("driver"), &c.driver, drivers, errors, dispatch) } }
                <TextField id={field("amount").dom_id()} label={t.amount_label} value={c.amount.clone()} numeric=true
                    hint={t.amount_hint} error={error_for(errors, field("amount"))} on_input={on_text(dispatch, field("amount"))} />
                <div class="cofund-field cofund-check">
                    <input id={eligible_id.clone()} type="checkbox" checked={c.eligible} onchange={on_eligible}
                        aria-describedby={format!("{eligible_id}-hint")} />
                    <label for={eligible_id.clone()}>{ t.eligible_label }</label>
                    <span id={format!("{eligible_id}-hint")} class="cofund-hint">{ t.eligible_help }</span>
                </div>
            </div>
        }) }
    }
}

#[function_component(SourceRow)]
fn source_row(props: &RowProps<SourceDraft>) -> Html {
    let RowProps {
        item: s,
        lang,
        drivers,
        errors,
        dispatch,
        ..
    } = props;
    let t = texts(*lang);
    let row = Row::Source(s.key);
    let field = |name: &'static str| FieldId::new(row, name);
    let kinds = kind_options(&SourceKindTag::ALL, SourceKindTag::tag, |k| {
        source_kind_name(t, k).0
    });
    let key = s.key;
    let on_kind = on_kind(dispatch, SourceKindTag::from_tag, move |kind| {
        Action::SourceKind(key, kind)
    });
    let on_base = {
        let (dispatch, key) = (dispatch.clone(), s.key);
        Callback::from(move |tag: String| {
            let base = Base::from_tag(&tag).unwrap_or_default();
            dispatch.dispatch(Action::SourceBase(key, base));
        })
    };
    let bases = vec![
        (
            AttrValue::from(Base::Eligible.tag()),
            AttrValue::from(t.base_eligible),
        ),
        (
            AttrValue::from(Base::Total.tag()),
            AttrValue::from(t.base_total),
        ),
    ];
    let amount = html! {
        <TextField id={field("amount").dom_id()} label={t.amount_label} value={s.amount.clone()} numeric=true
            hint={t.amount_hint} error={error_for(errors, field("amount"))} on_input={on_text(dispatch, field("amount"))} />
    };
    let cap = html! {
        <TextField id={field("cap").dom_id()} label={t.cap_label} value={s.cap.clone()} numeric=true
            error={error_for(errors, field("cap"))} on_input={on_text(dispatch, field("cap"))} />
    };
    let specific = match s.kind {
        SourceKindTag::Share => html! { <>
            <TextField id={field("rate").dom_id()} label={t.rate_label} value={s.rate.clone()} numeric=true
                hint={t.rate_hint} error={error_for(errors, field("rate"))} on_input={on_text(dispatch, field("rate"))} />
            <SelectField id={field("of").dom_id()} label={t.base_label} options={bases}
                selected={s.of.tag()} on_change={on_base} />
            { cap }
        </> },
        SourceKindTag::PerUnit => html! { <>
            { driver_select(t, field("driver"), &s.driver, drivers, errors, dispatch) }
            { amount }
        </> },
        SourceKindTag::Fixed | SourceKindTag::PerYear => amount,
        SourceKindTag::Residual => cap,
    };
    html! {
        { row_frame(props, row, &s.label, t.new_source, html! {
            <div class="cofund-grid">
                <TextField id={field("label").dom_id()} label={t.label_label} value={s.label.clone()} on_input={on_text(dispatch, field("label"))} class="cofund-grid-wide" />
                <SelectField id={field("kind").dom_id()} label={t.kind_label} options={kinds} selected={s.kind.tag()}
                    hint={source_kind_name(t, s.kind).1} error={error_for(errors, field("kind"))} on_change={on_kind} />
                { specific }
            </div>
        }) }
    }
}
