//! Presentation mode: the comparison and the active scenario's split in large type for a
//! projector, with no editing controls.
//!
//! Keys, anywhere on the page: ArrowRight or PageDown shows the next scenario, ArrowLeft
//! or PageUp the previous one, wrapping around at either end (the last scenario's "next"
//! is the first); Home and End show the first and the last; Escape returns to editing.
//! Inside a table's scroll box (focusable, for wide comparisons on small screens) the
//! arrows, Home and End scroll the table instead. On opening, focus moves to the heading (the
//! scenario's name), so a screen reader announces where the user is; each change of
//! scenario is announced by a polite live region. A scenario whose figures are not current
//! has a banner saying so under its name, which the heading's description and the
//! announcement repeat: the room sees it, and so does whoever hears the page.

use std::rc::Rc;

use cofund::numbers::{format_amount, format_percent, format_plain, Lang};
use cofund::Decimal;
use gloo::events::{EventListener, EventListenerOptions};
use gloo::timers::callback::Timeout;
use wasm_bindgen::JsCast;
use yew::prelude::*;

use super::compare::{bar_parts, display_name, Compare};
use super::stale::{stale_text, StaleNote};
use super::Column;
use crate::editor::draft::legend_name;
use crate::i18n::{board_texts, lang_tag};
use crate::ui::balance::Balance;
use crate::ui::bar::StackedBar;
use crate::ui::print_date::PrintDate;
use crate::ui::results::deb_note;
use cofund::shown::shown;

const HEADING_ID: &str = "cofund-present-heading";
const STALE_ID: &str = "cofund-present-stale";

#[derive(Properties, PartialEq)]
pub struct PresentProps {
    pub columns: Rc<Vec<Column>>,
    pub active: usize,
    pub baseline: usize,
    pub lang: Lang,
    /// Arrow keys move to another scenario.
    pub on_select: Callback<usize>,
    /// The single keystroke (Escape) that returns to editing.
    pub on_exit: Callback<()>,
}

/// What a key does in presentation mode.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Next,
    Previous,
    First,
    Last,
    Exit,
}

/// The meaning of a key (by its `KeyboardEvent.key`), ignoring keys pressed with Alt,
/// Ctrl or Meta (Alt+ArrowLeft is the browser's "back").
pub fn key_action(key: &str, modified: bool) -> Option<Key> {
    if modified {
        return None;
    }
    match key {
        "ArrowRight" | "PageDown" => Some(Key::Next),
        "ArrowLeft" | "PageUp" => Some(Key::Previous),
        "Home" => Some(Key::First),
        "End" => Some(Key::Last),
        "Escape" => Some(Key::Exit),
        _ => None,
    }
}

/// The scenario after (or before) `active` among `count`, wrapping around.
pub fn step(active: usize, count: usize, forward: bool) -> usize {
    if count == 0 {
        return 0;
    }
    let active = active.min(count - 1);
    if forward {
        (active + 1) % count
    } else {
        (active + count - 1) % count
    }
}

/// Focuses the view switch's button for this view, if the page has one.
fn focus_view_button(lang: Lang) {
    let label = board_texts(lang).view_present;
    let Ok(buttons) = gloo::utils::document().query_selector_all(".cofund-views button") else {
        return;
    };
    for i in 0..buttons.length() {
        let button = buttons
            .item(i)
            .and_then(|n| n.dyn_into::<web_sys::HtmlElement>().ok());
        if let Some(button) = button {
            if button.text_content().is_some_and(|t| t.trim() == label) {
                let _ = button.focus();
                return;
            }
        }
    }
}

/// What the document-wide key listener needs from the latest render.
struct Latest {
    active: usize,
    count: usize,
    on_select: Callback<usize>,
    on_exit: Callback<()>,
}

#[function_component(Present)]
pub fn present(props: &PresentProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let columns = &props.columns;
    let count = columns.len();
    let active = props.active.min(count.saturating_sub(1));
    let heading = use_node_ref();

    let latest = use_mut_ref(|| Latest {
        active,
        count,
        on_select: props.on_select.clone(),
        on_exit: props.on_exit.clone(),
    });
    *latest.borrow_mut() = Latest {
        active,
        count,
        on_select: props.on_select.clone(),
        on_exit: props.on_exit.clone(),
    };
    {
        let latest = latest.clone();
        use_effect_with((), move |_| {
            // Not passive: the keys' default actions (scrolling) are prevented.
            let options = EventListenerOptions::enable_prevent_default();
            let document = gloo::utils::document();
            let listener =
                EventListener::new_with_options(&document, "keydown", options, move |event| {
                    let Some(event) = event.dyn_ref::<web_sys::KeyboardEvent>() else {
                        return;
                    };
                    let modified = event.alt_key() || event.ctrl_key() || event.meta_key();
                    let key = event.key();
                    let Some(action) = key_action(&key, modified) else {
                        return;
                    };
                    // Taken already: Escape that closed a figure's explanation.
                    if event.default_prevented() {
                        return;
                    }
                    // With a figure's explanation open and the focus elsewhere (the toolbar),
                    // the first Escape closes the explanation, not the presentation.
                    if action == Key::Exit {
                        let close = gloo::utils::document()
                            .query_selector(
                                "section.cofund-explain:not([hidden]) .cofund-explain-close",
                            )
                            .ok()
                            .flatten()
                            .and_then(|el| el.dyn_into::<web_sys::HtmlElement>().ok());
                        if let Some(close) = close {
                            event.prevent_default();
                            close.click();
                            return;
                        }
                    }
                    // In a table's scroll box that has more to show, the arrows, Home and
                    // End scroll it, as they would anywhere else; Page Up/Down and Escape
                    // still switch and leave. In one that fits (a figure has the focus),
                    // they switch scenario as everywhere on the slide.
                    let in_scroll_box = event
                        .target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .and_then(|el| el.closest(".cofund-board-scroll").ok().flatten())
                        .is_some_and(|scroll| scroll.scroll_width() > scroll.client_width());
                    if in_scroll_box && !matches!(key.as_str(), "PageUp" | "PageDown" | "Escape") {
                        return;
                    }
                    event.prevent_default();
                    // Copy what is needed and release the borrow before emitting: the emit
                    // re-renders this component, which updates `latest`.
                    let (active, count, on_select, on_exit) = {
                        let now = latest.borrow();
                        (
                            now.active,
                            now.count,
                            now.on_select.clone(),
                            now.on_exit.clone(),
                        )
                    };
                    match action {
                        Key::Exit => on_exit.emit(()),
                        Key::Next | Key::Previous if count > 1 => {
                            on_select.emit(step(active, count, action == Key::Next))
                        }
                        Key::Next | Key::Previous => {}
                        Key::First if count > 0 && active != 0 => on_select.emit(0),
                        Key::Last if count > 0 && active != count - 1 => on_select.emit(count - 1),
                        Key::First | Key::Last => {}
                    }
                });
            move || drop(listener)
        });
    }
    {
        // Focus the heading once, when the view opens; on leaving, give focus back to the
        // view switch's "present" button (once the editing view has rendered), so keyboard
        // users are where they started.
        let heading = heading.clone();
        use_effect_with((), move |_| {
            if let Some(h) = heading.cast::<web_sys::HtmlElement>() {
                let _ = h.focus();
            }
            move || {
                Timeout::new(0, move || focus_view_button(lang)).forget();
            }
        });
    }

    let exit = {
        let on_exit = props.on_exit.clone();
        Callback::from(move |_: MouseEvent| on_exit.emit(()))
    };
    let go = |forward: bool| {
        let on_select = props.on_select.clone();
        Callback::from(move |_: MouseEvent| on_select.emit(step(active, count, forward)))
    };

    let toolbar = html! {
        <div class="cofund-present-toolbar">
            <button type="button" class="cofund-button cofund-present-exit" aria-keyshortcuts="Escape" onclick={exit}>
                { t.present_exit }
            </button>
            if count > 1 {
                <nav class="cofund-present-nav" aria-label={t.present_nav}>
                    <button type="button" class="cofund-present-step" aria-keyshortcuts="ArrowLeft PageUp" onclick={go(false)}>
                        <span aria-hidden="true">{ "← " }</span>{ t.present_prev }
                    </button>
                    <button type="button" class="cofund-present-step" aria-keyshortcuts="ArrowRight PageDown" onclick={go(true)}>
                        { t.present_next }<span aria-hidden="true">{ " →" }</span>
                    </button>
                </nav>
            }
        </div>
    };

    let Some(column) = columns.get(active) else {
        return html! {
            <section class="cofund cofund-present" lang={lang_tag(lang)} aria-labelledby={HEADING_ID}>
                { toolbar }
                <h1 id={HEADING_ID} class="cofund-present-heading" tabindex="-1" ref={heading}>{ t.present_label }</h1>
                <p class="cofund-present-text">{ t.compare_empty }</p>
            </section>
        };
    };

    let s = shown(&column.scenario, &column.evaluation);
    let balance = Balance::of(&column.evaluation, &s);
    let bar = bar_parts(column, &s, t);
    let is_base = props.baseline == active && count > 1;
    let position = format!(
        "{} {} {} {}",
        t.present_scenario,
        active + 1,
        t.of_word,
        count
    );
    let name = display_name(column, t);
    let stale = !column.current;
    let announced = if stale {
        format!("{position}: {name}. {}", stale_text(lang, None))
    } else {
        format!("{position}: {name}")
    };

    html! {
        <section class="cofund cofund-present" lang={lang_tag(lang)} aria-labelledby={HEADING_ID}>
            { toolbar }
            <p class="cofund-present-position">
                { &position }
                if is_base { { " · " }{ t.baseline_badge } }
            </p>
            // With more than one scenario the comparison below carries the date.
            if count <= 1 {
                <PrintDate lang={lang} class="cofund-present-date" />
            }
            <h1 id={HEADING_ID} class="cofund-present-heading" tabindex="-1" ref={heading}
                aria-describedby={stale.then_some(STALE_ID)}>{ &name }</h1>
            if stale {
                <StaleNote lang={lang} id={AttrValue::from(STALE_ID)} />
            }
            // What the figures below follow from, as the comparison's first rows give it: a
            // scenario's name need not say its 225 pilots.
            <dl class="cofund-present-assumptions" data-figure="assumptions">
                <div><dt>{ t.years_label }{ ":" }</dt><dd>{ format_plain(Decimal::from(column.scenario.years), lang) }</dd></div>
                { for column.scenario.drivers.iter().map(|d| html! {
                    <div><dt>{ legend_name(&d.label, t.new_driver) }{ ":" }</dt><dd>{ format_plain(d.value, lang) }</dd></div>
                }) }
            </dl>
            <p class="cofund-visually-hidden" role="status" aria-live="polite" aria-atomic="true">
                { announced }
            </p>

            <section class="cofund-present-split" aria-label={t.present_figures}>
                <dl class="cofund-present-figures">
                    <div class="cofund-present-figure cofund-present-figure--total" data-figure="total">
                        <dt>{ t.total_cost }</dt>
                        <dd>{ format_amount(s.total, lang) }</dd>
                    </div>
                    { for column.scenario.sources.iter().enumerate().map(|(i, src)| {
                        let amount = s.sources.get(i).copied().unwrap_or_default();
                        let share = s.shares.get(i).copied().unwrap_or_default();
                        html! {
                            <div class="cofund-present-figure" data-figure={format!("source:{}", src.id)}>
                                <dt>
                                    { legend_name(&src.label, t.new_source) }
                                    if let Some(note) = deb_note(&column.evaluation, src, i, lang) {
                                        { " " }<span class="cofund-present-note">{ format!("({note})") }</span>
                                    }
                                </dt>
                                <dd>
                                    { format_amount(amount, lang) }
                                    // Heard as "10.950.000 kr., 50,0 %", not "kr. 50".
                                    <span class="cofund-visually-hidden">{ ", " }</span>
                                    <span class="cofund-present-share">{ format_percent(share, 1, lang) }</span>
                                </dd>
                            </div>
                        }
                    }) }
                </dl>
                // Otherwise a share here is of the total cost: say when it is not, as the
                // results' share column does ("Andel af finansieringen").
                if s.surplus > Decimal::ZERO {
                    <p class="cofund-present-shares">{ t.present_shares_of_funding }</p>
                }
                <p class={classes!("cofund-present-balance", balance.class("cofund-board-balance"))} data-figure="balance">
                    { balance.words(lang) }
                </p>
                <StackedBar items={bar.items} gap={bar.gap} total={bar.total} surplus={bar.surplus} lang={lang}
                    id="cofund-bar-present" />
            </section>

            if count > 1 {
                <Compare columns={columns.clone()} baseline={props.baseline} lang={lang} handout={false} />
            }
            <p class="cofund-present-keys">{ t.present_keys }</p>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_and_steps() {
        assert_eq!(key_action("ArrowRight", false), Some(Key::Next));
        assert_eq!(key_action("PageDown", false), Some(Key::Next));
        assert_eq!(key_action("ArrowLeft", false), Some(Key::Previous));
        assert_eq!(key_action("PageUp", false), Some(Key::Previous));
        assert_eq!(key_action("Escape", false), Some(Key::Exit));
        assert_eq!(key_action("Home", false), Some(Key::First));
        assert_eq!(key_action("End", false), Some(Key::Last));
        assert_eq!(key_action("ArrowLeft", true), None);
        assert_eq!(key_action("a", false), None);
        // Wrapping at both ends; an out-of-range index counts as the last.
        assert_eq!(step(0, 3, true), 1);
        assert_eq!(step(2, 3, true), 0);
        assert_eq!(step(0, 3, false), 2);
        assert_eq!(step(9, 3, false), 1);
        assert_eq!(step(0, 1, true), 0);
        assert_eq!(step(0, 0, true), 0);
    }
}
