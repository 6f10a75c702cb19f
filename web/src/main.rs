//! The full Cofund app: several scenarios, comparison, analysis, sharing and storage.

fn main() {
    yew::Renderer::<cofund_web::ui::app::App>::new().render();
}
