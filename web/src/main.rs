//! The Cofund browser widget. The calculation lives in the `cofund` crate; this crate only
//! holds the editor's state (`editor`), words (`i18n`) and components (`ui`).

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
mod editor;
mod i18n;
mod storage;
mod ui;

fn main() {
    yew::Renderer::<ui::app::App>::new().render();
}
