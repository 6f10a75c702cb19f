//! The root of the board program (`cofund-board`, src/bin/cofund-board.rs): renders the
//! view a [`BoardRequest`] asks for into the element the app gave it.
//!
//! What the presentation view's keys ask for (another scenario, back to editing) and the
//! closing of the embed dialog are the app's to act on: they go out as DOM events on that
//! element, [`SELECT_EVENT`] with the column in `detail` and [`EXIT_EVENT`], which
//! [`super::lazy::LazyBoard`] listens to.

use std::rc::Rc;

use wasm_bindgen::JsValue;
use web_sys::{CustomEvent, CustomEventInit, Element};
use yew::prelude::*;

use super::analysis::Analysis;
use super::changes::Changes;
use super::compare::Compare;
use super::embed_dialog::EmbedDialog;
use super::present::Present;
use super::request::{BoardRequest, BoardView};

/// Asks the app to show another scenario; `detail` is its column.
pub const SELECT_EVENT: &str = "cofund-board-select";
/// Asks the app to return to editing (the presentation's Escape), or says the embed dialog
/// has closed.
pub const EXIT_EVENT: &str = "cofund-board-exit";

#[derive(Properties, Clone, PartialEq)]
pub struct BoardRootProps {
    /// The request as read; a refusal is shown instead of a view.
    pub request: Rc<Result<BoardRequest, String>>,
    /// The element the board was mounted in, where its events go.
    pub host: Element,
}

fn emit(host: &Element, name: &str, detail: JsValue) {
    let init = CustomEventInit::new();
    init.set_detail(&detail);
    if let Ok(event) = CustomEvent::new_with_event_init_dict(name, &init) {
        let _ = host.dispatch_event(&event);
    }
}

/// The comparison and the analysis sit in a frame like the app's (`.cofund`), which does
/// not reach here: the board has its own root. The presentation is a page of its own.
fn framed(content: Html) -> Html {
    html! { <div class="cofund cofund-board-frame">{ content }</div> }
}

#[function_component(BoardRoot)]
pub fn board_root(props: &BoardRootProps) -> Html {
    let request = match &*props.request {
        Ok(request) => request,
        Err(reason) => {
            return framed(html! { <p class="cofund-error" role="alert">{ reason.clone() }</p> })
        }
    };
    let lang = request.lang;
    let columns = request.columns.clone();
    let exit = {
        let host = props.host.clone();
        Callback::from(move |_| emit(&host, EXIT_EVENT, JsValue::NULL))
    };
    // The workspace bar stays beside the comparison and the analysis: what its buttons did
    // is said here. First in both views, so that it lives on when one switches to the other.
    let changes =
        html! { <Changes columns={columns.clone()} baseline={request.baseline} lang={lang} /> };
    match request.view {
        BoardView::Compare => framed(html! { <>
            { changes }
            <Compare columns={columns} baseline={request.baseline} lang={lang} />
        </> }),
        BoardView::Analyse => match columns.get(request.active) {
            Some(column) => framed(html! { <>
                { changes }
                <Analysis scenario={column.scenario.clone()} evaluation={column.evaluation.clone()} lang={lang}
                    current={column.current} />
            </> }),
            None => html! {},
        },
        BoardView::Present => {
            let select = props.host.clone();
            html! {
                <Present columns={columns} active={request.active} baseline={request.baseline} lang={lang}
                    on_select={Callback::from(move |i: usize| emit(&select, SELECT_EVENT, JsValue::from(i as u32)))}
                    on_exit={exit} />
            }
        }
        // A modal dialog, in the top layer: its frame gives it the app's type and focus
        // styles and takes no room in the page.
        BoardView::EmbedDialog => match columns.get(request.active) {
            Some(column) => html! {
                <div class="cofund cofund-board-dialog">
                    <EmbedDialog scenario={column.scenario.clone()} lang={lang} current={column.current} on_close={exit} />
                </div>
            },
            None => html! {},
        },
    }
}
