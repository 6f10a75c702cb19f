//! The embeddable widget (see `cofund_web::embed`). Its loader, `cofund.js`, calls
//! [`mount_all`] with the folder it was loaded from.

use wasm_bindgen::prelude::{wasm_bindgen, JsValue};

/// Mounts a widget in every `[data-cofund]` element under `root` (the page, or an element
/// or shadow root of the page's own components) that has none yet.
#[wasm_bindgen]
pub fn mount_all(base: &str, root: &JsValue) {
    cofund_web::embed::mount_all(base, root);
}

fn main() {}
