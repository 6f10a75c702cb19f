//! The full Cofund app: several scenarios, comparison, analysis, sharing and storage.

use cofund_web::ui::app::App;

/// The element index.html gives the app (the board program has its own, beside it).
const ROOT_ID: &str = "cofund-app";

fn main() {
    match gloo::utils::document().get_element_by_id(ROOT_ID) {
        Some(root) => yew::Renderer::<App>::with_root(root).render(),
        None => yew::Renderer::<App>::new().render(),
    };
}
