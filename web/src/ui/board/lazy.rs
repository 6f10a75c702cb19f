//! The board views (and the embed dialog) as the app shows them: an element the board
//! program renders into, fetched the first time a visitor opens one (`web/board-loader.js`).
//!
//! Why a second program: the comparison, analysis and presentation views are a third of
//! the app's code, and most visits use only the editor; the embed dialog is for intranet
//! editors alone. Keeping them out of the first download makes the app start sooner
//! (BENCHMARKS.md, "Bundle of the app").
//!
//! While the program loads, a status line says so; if it cannot be fetched, the line says
//! why, and the rest of the app goes on working.
//!
//! The board renders into its own element, [`BOARD_ROOT_ID`], beside the app's root and
//! not inside it: each Yew program delegates events from its root and marks elements with
//! listener numbers of its own, so a board nested in the app would have the app run its
//! own handlers for the board's clicks (a click on "Beregn" switching the view, say).

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use web_sys::{CustomEvent, Element};
use yew::prelude::*;

use super::request::{BoardRequest, BoardView};
use super::root::{EXIT_EVENT, SELECT_EVENT};
use crate::i18n::app_texts;

#[wasm_bindgen(module = "/board-loader.js")]
extern "C" {
    /// Fetches the board program (once) and mounts a board in `host`.
    #[wasm_bindgen(js_name = mountBoard, catch)]
    async fn mount_board(host: &Element, request: &str) -> Result<JsValue, JsValue>;
    /// Fetches the board program (once) without using it yet.
    #[wasm_bindgen(js_name = prefetchBoard, catch)]
    async fn prefetch_board() -> Result<(), JsValue>;
    /// Fetches the board program (once) and has it write the workbook.
    #[wasm_bindgen(js_name = boardWorkbook, catch)]
    async fn board_workbook(request: &str) -> Result<JsValue, JsValue>;
}

/// Starts fetching the board program when a visitor shows they are about to open a board
/// view (pointer on or focus in its button), so that in a meeting the first switch to
/// the comparison does not wait for the download. A failure here is not reported: opening
/// the view reports it.
pub fn prefetch() {
    wasm_bindgen_futures::spawn_local(async {
        let _ = prefetch_board().await;
    });
}

/// The workbook of the request's scenarios (one sheet each plus a comparison), written by
/// the board program: the xlsx writer is needed only for this download. `Err` holds the
/// browser's reason when the program could not be fetched.
pub async fn workbook(request: &BoardRequest) -> Result<Vec<u8>, String> {
    let bytes = board_workbook(&request.to_json())
        .await
        .map_err(|e| reason(&e))?;
    Ok(js_sys::Uint8Array::new(&bytes).to_vec())
}

#[wasm_bindgen]
extern "C" {
    /// A mounted board: the board program's `Board` (src/bin/cofund-board.rs).
    type Board;
    #[wasm_bindgen(method)]
    fn update(this: &Board, request: &str);
    #[wasm_bindgen(method)]
    fn destroy(this: &Board);
}

/// The element the board program renders into (index.html; made if missing).
pub const BOARD_ROOT_ID: &str = "cofund-board";

fn board_root() -> Option<Element> {
    let document = gloo::utils::document();
    if let Some(root) = document.get_element_by_id(BOARD_ROOT_ID) {
        return Some(root);
    }
    let root = document.create_element("div").ok()?;
    root.set_id(BOARD_ROOT_ID);
    document.body()?.append_child(&root).ok()?;
    Some(root)
}

#[derive(Properties, PartialEq)]
pub struct LazyBoardProps {
    pub request: BoardRequest,
    /// The presentation view's keys ask for another scenario (its column).
    pub on_select: Callback<usize>,
    /// The presentation view's Escape, the embed dialog's closing, or the button under a
    /// failure to fetch the program.
    pub on_exit: Callback<()>,
}

#[derive(Clone, PartialEq)]
enum Status {
    Loading,
    Ready,
    Failed(String),
}

/// What the board's event listeners and its pending mount need, as of the latest render.
#[derive(Clone)]
struct Latest {
    request: Rc<String>,
    on_select: Callback<usize>,
    on_exit: Callback<()>,
}

fn reason(error: &JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_default()
}

#[function_component(LazyBoard)]
pub fn lazy_board(props: &LazyBoardProps) -> Html {
    let t = app_texts(props.request.lang);
    let status = use_state(|| Status::Loading);
    let board: Rc<RefCell<Option<Board>>> = use_mut_ref(|| None);
    // Serialised once per change of the request, not on every render of the app.
    let request = use_memo(props.request.clone(), |r| Rc::new(r.to_json()));
    let now = Latest {
        request: (*request).clone(),
        on_select: props.on_select.clone(),
        on_exit: props.on_exit.clone(),
    };
    let latest = use_mut_ref(|| now.clone());
    *latest.borrow_mut() = now;

    {
        let (status, board, latest) = (status.clone(), board.clone(), latest.clone());
        use_effect_with((), move |_| {
            let alive = Rc::new(Cell::new(true));
            let mut listeners = Vec::new();
            if let Some(element) = board_root() {
                let on = |name: &'static str| {
                    let latest = latest.clone();
                    EventListener::new(&element, name, move |event| {
                        // Copied out, so no borrow is held while the callback re-renders
                        // the app (which updates `latest`).
                        let (on_select, on_exit) = {
                            let now = latest.borrow();
                            (now.on_select.clone(), now.on_exit.clone())
                        };
                        if name == EXIT_EVENT {
                            on_exit.emit(());
                        } else if let Some(column) = event
                            .dyn_ref::<CustomEvent>()
                            .and_then(|e| e.detail().as_f64())
                        {
                            on_select.emit(column as usize);
                        }
                    })
                };
                listeners = vec![on(SELECT_EVENT), on(EXIT_EVENT)];
                let (alive, board) = (alive.clone(), board.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let sent = latest.borrow().request.clone();
                    let mounted = mount_board(&element, &sent).await;
                    match mounted {
                        Ok(mounted) if alive.get() => {
                            let mounted: Board = mounted.unchecked_into();
                            // The request may have changed while the program loaded.
                            let now = latest.borrow().request.clone();
                            if now != sent {
                                mounted.update(&now);
                            }
                            *board.borrow_mut() = Some(mounted);
                            status.set(Status::Ready);
                        }
                        // The view was left while the program loaded.
                        Ok(mounted) => mounted.unchecked_into::<Board>().destroy(),
                        Err(error) if alive.get() => status.set(Status::Failed(reason(&error))),
                        Err(_) => {}
                    }
                });
            }
            move || {
                alive.set(false);
                if let Some(mounted) = board.borrow_mut().take() {
                    mounted.destroy();
                }
                drop(listeners);
            }
        });
    }
    {
        let board = board.clone();
        use_effect_with(request.clone(), move |request| {
            if let Some(mounted) = &*board.borrow() {
                mounted.update(request);
            }
        });
    }

    // The embed dialog is no view: its status line sits by its button and says so.
    let (loading, failed, back) = match props.request.view {
        BoardView::EmbedDialog => (t.embed_loading, t.embed_failed, t.embed_failed_close),
        _ => (t.board_loading, t.board_failed, t.board_back),
    };
    match &*status {
        Status::Loading => html! {
            <p class="cofund-board-status" role="status">{ loading }</p>
        },
        // With a way back: the presentation view has no other controls on the page.
        Status::Failed(why) => {
            let on_exit = props.on_exit.clone();
            html! {
                <div class="cofund-board-failed">
                    <p class="cofund-error" role="alert">{ format!("{failed} {why}") }</p>
                    <button type="button" class="cofund-button" onclick={Callback::from(move |_: MouseEvent| on_exit.emit(()))}>
                        { back }
                    </button>
                </div>
            }
        }
        Status::Ready => html! {},
    }
}
