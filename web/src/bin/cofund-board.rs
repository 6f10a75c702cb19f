//! The board views (comparison, analysis, presentation), the embed dialog and the workbook
//! writer as a program of their own, which the app loads only when a visitor first opens a
//! board view or the embed dialog, or downloads the workbook: most visits never do, and this
//! keeps their code (a third of the app's) out of the first download. The app's side
//! is `cofund_web::ui::board::lazy`; the request format is `cofund_web::ui::board::request`.

use std::rc::Rc;

use cofund_web::ui::board::request::BoardRequest;
use cofund_web::ui::board::root::{BoardRoot, BoardRootProps};
use wasm_bindgen::prelude::wasm_bindgen;
use web_sys::Element;
use yew::AppHandle;

/// A board rendered into an element of the app's page.
#[wasm_bindgen]
pub struct Board {
    app: AppHandle<BoardRoot>,
    host: Element,
}

fn props(host: &Element, request: &str) -> BoardRootProps {
    BoardRootProps {
        request: Rc::new(BoardRequest::from_json(request)),
        host: host.clone(),
    }
}

/// Renders the board `request` (JSON, see `BoardRequest::to_json`) asks for into `host`.
#[wasm_bindgen]
pub fn mount(host: Element, request: &str) -> Board {
    let app = yew::Renderer::<BoardRoot>::with_root_and_props(host.clone(), props(&host, request))
        .render();
    Board { app, host }
}

/// The workbook (.xlsx) of the scenarios in `request`, for the app's download button.
#[wasm_bindgen]
pub fn workbook(request: &str) -> Result<Vec<u8>, String> {
    BoardRequest::from_json(request).map(|r| r.workbook())
}

#[wasm_bindgen]
impl Board {
    /// Shows what a new request asks for; the views keep their own state (goal seek's
    /// inputs, say) when only the scenarios changed.
    pub fn update(&mut self, request: &str) {
        self.app.update(props(&self.host, request));
    }

    /// Removes the board from the page.
    pub fn destroy(self) {
        self.app.destroy();
    }
}

fn main() {}
