//! The embeddable widget (see `cofund_web::embed`). Its loader, `cofund.js`, calls
//! [`mount_all`] with the folder it was loaded from.

use wasm_bindgen::prelude::wasm_bindgen;

/// Mounts a widget in every `[data-cofund]` element on the page that has none yet.
#[wasm_bindgen]
pub fn mount_all(base: &str) {
    cofund_web::embed::mount_all(base);
}

fn main() {}
