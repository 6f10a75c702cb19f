//! Tests that run inside headless Chromium (`wasm-bindgen-test`): the core computes the
//! same in wasm as natively, and the widget renders and reacts to typing.

use cofund::model::evaluate;
use cofund::presets::Preset;
use cofund::Decimal;
use gloo::timers::future::TimeoutFuture;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::{Element, HtmlInputElement};

use crate::ui::app::App;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn the_core_computes_the_published_table_in_wasm() {
    let s = Preset::find("vaekstpilot-225").unwrap().scenario().unwrap();
    let e = evaluate(&s).unwrap();
    assert_eq!(e.total_cost, Decimal::from(32_850_000));
    assert_eq!(e.sources[0].amount, Decimal::from(16_425_000));
    assert_eq!(e.sources[2].amount, Decimal::from(5_175_000));
}

/// Waits until `done` holds, for at most 5 s. Yew renders on its own schedule, which a busy
/// machine slows down: a fixed 20 ms wait failed there. The assertion after it tells.
async fn until(done: impl Fn() -> bool) {
    for _ in 0..500 {
        if done() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
}

/// Mounts the app in a fresh element and waits for its first total.
async fn mount() -> Element {
    let document = gloo::utils::document();
    let root = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    yew::Renderer::<App>::with_root(root.clone()).render();
    until(|| total_text(&root).is_some()).await;
    root
}

async fn type_into(root: &Element, selector: &str, text: &str) {
    let input: HtmlInputElement = root
        .query_selector(selector)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    input.set_value(text);
    let event = web_sys::InputEvent::new("input").unwrap();
    input.dispatch_event(&event).unwrap();
}

fn total_text(root: &Element) -> Option<String> {
    root.query_selector("[data-testid=total-cost]")
        .ok()
        .flatten()
        .and_then(|total| total.text_content())
}

#[wasm_bindgen_test]
async fn the_app_shows_the_default_split_and_follows_typing() {
    let root = mount().await;
    assert_eq!(total_text(&root).as_deref(), Some("21.900.000 kr."));

    // The pilots field is the first driver's value: 225 pilots → the published 225 column.
    type_into(&root, "input[id$='-value']", "225").await;
    let moved = || total_text(&root).as_deref() == Some("32.850.000 kr.");
    until(moved).await;
    assert_eq!(total_text(&root).as_deref(), Some("32.850.000 kr."));

    // A malformed amount: the field keeps the text and is marked, the result stays.
    let amount = "input[id^='cofund-cost-'][id$='-amount']";
    type_into(&root, amount, "32.850.0000").await;
    let input: HtmlInputElement = root
        .query_selector(amount)
        .unwrap()
        .unwrap()
        .dyn_into()
        .unwrap();
    until(|| input.get_attribute("aria-invalid").as_deref() == Some("true")).await;
    assert_eq!(input.value(), "32.850.0000");
    assert_eq!(input.get_attribute("aria-invalid").as_deref(), Some("true"));
    let described = input.get_attribute("aria-describedby").unwrap();
    let error_id = described
        .split(' ')
        .find(|id| id.ends_with("-error"))
        .unwrap();
    let message = root
        .query_selector(&format!("#{error_id}"))
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(message.contains("32.850.0000"), "{message}");
    assert_eq!(total_text(&root).as_deref(), Some("32.850.000 kr."));
    root.remove();
}

/// Links the app packs with the browser's deflater open with the core's inflater (as in a
/// browser without the app's code: the command line, the fuzzed reader), and the browser's
/// inflater opens the core's links; a damaged stream is refused, not misread.
#[wasm_bindgen_test]
async fn share_links_cross_between_the_browsers_and_the_cores_deflate() {
    use crate::storage::compression::{inflate_raw, seal};
    use cofund::storage::link::{decode_scenario, encode_scenario, Packed, Unpacked};

    let s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
    let link = seal(&Unpacked::scenario(&s))
        .await
        .expect("the browser packs");
    assert!(link.starts_with("s1."));
    assert_eq!(decode_scenario(&link), Ok(s.clone()));
    // A link no decoder would open is not made: 5.000 lines pack to about 80.000 characters.
    let huge = cofund::presets::synthetic(5000, 10);
    assert!(matches!(
        seal(&Unpacked::scenario(&huge)).await,
        Err(crate::storage::compression::SealError::TooLarge(_))
    ));

    let packed = Packed::from_fragment(&encode_scenario(&s)).unwrap();
    let inflated = inflate_raw(&packed.deflated).await;
    assert_eq!(
        packed.open(inflated),
        Ok(cofund::storage::link::Link::Scenario(s))
    );

    let mut damaged = packed.deflated.clone();
    damaged.truncate(damaged.len() / 2);
    assert!(inflate_raw(&damaged).await.is_err());
}
