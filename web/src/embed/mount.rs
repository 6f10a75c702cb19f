//! Finds the widgets' containers on the page and mounts a widget in each.
//!
//! Each widget lives in its container's shadow root: its ids cannot clash with the host
//! page's or another widget's, its styles cannot leak out and the page's cannot leak in.
//! CSS custom properties and the font are inherited through the shadow boundary, which is
//! exactly what theming needs (`[data-cofund] { --cofund-accent: #005a9c; }`).

use std::rc::Rc;

use gloo::events::EventListener;
use wasm_bindgen::JsCast;
use web_sys::{Element, ShadowRootInit, ShadowRootMode};

use super::bridge::Host;
use super::inflate::read_shared_scenario;
use super::options::{read_options, ScenarioSource, OPTION_NAMES};
use super::widget::{EmbedProps, EmbedWidget};
use crate::storage::address;

/// The widget's stylesheet, next to its script.
pub const STYLESHEET: &str = "cofund-embed.css";

/// Set on a container whose element cannot hold a widget: the page's editor sees it in the
/// element inspector next to the console's message, and `mount_all` passes it by.
const REFUSED: &str = "data-cofund-refused";

/// Mounts a widget in every `[data-cofund]` element under `root` that has none yet. `base`
/// is the URL of the folder the widget's files are served from (the loader passes its own).
/// `root` is the document unless it is an element or a shadow root: a page that builds its
/// own web components can mount widgets inside them, where a search of the document does
/// not reach. An element that is itself a `[data-cofund]` one gets its widget too: a
/// single-page app mounts the element it has just made (`mount(div)`), and a search of
/// its descendants alone left it empty and its commands unanswered.
pub fn mount_all(base: &str, root: &wasm_bindgen::JsValue) {
    const CONTAINERS: &str = "[data-cofund]";
    let mount_new = |container: &Element| {
        // A container refused once (see `mount`) is not refused, and reported, again on
        // every later call.
        if container.shadow_root().is_none() && !container.has_attribute(REFUSED) {
            mount(container, base);
        }
    };
    let list = if let Some(element) = root.dyn_ref::<Element>() {
        if element.matches(CONTAINERS).unwrap_or(false) {
            mount_new(element);
        }
        element.query_selector_all(CONTAINERS)
    } else if let Some(fragment) = root.dyn_ref::<web_sys::DocumentFragment>() {
        fragment.query_selector_all(CONTAINERS)
    } else {
        gloo::utils::document().query_selector_all(CONTAINERS)
    };
    let Ok(list) = list else {
        return;
    };
    for i in 0..list.length() {
        if let Some(container) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
            mount_new(&container);
        }
    }
}

/// `a=1&b=x%2Cy` as decoded pairs.
fn query_pairs(search: &str) -> Vec<(String, String)> {
    let decode = |s: &str| {
        js_sys::decode_uri_component(&s.replace('+', " "))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_else(|| s.to_string())
    };
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (name, value) = p.split_once('=').unwrap_or((p, ""));
            (decode(name), decode(value))
        })
        .collect()
}

fn mount(container: &Element, base: &str) {
    let document = gloo::utils::document();
    // `data-cofund="page"` marks the iframe page's own container: its options come from
    // the page address (attributes first, so the address wins).
    let page = container.get_attribute("data-cofund").as_deref() == Some("page");
    let mut pairs: Vec<(String, String)> = container
        .get_attribute_names()
        .iter()
        .filter_map(|name| name.as_string())
        // Only the options: the container is the host's element and may carry data
        // attributes of its own (analytics, tests), which are none of the widget's business.
        .filter(|name| {
            name.strip_prefix("data-")
                .is_some_and(|n| OPTION_NAMES.contains(&n))
        })
        .map(|name| {
            let value = container.get_attribute(&name).unwrap_or_default();
            (name, value)
        })
        .collect();
    let framed = page && {
        let window = gloo::utils::window();
        window.parent().ok().flatten().is_some_and(|p| p != window)
    };
    if page {
        let search = gloo::utils::window().location().search();
        pairs.extend(query_pairs(&search.unwrap_or_default()));
        let fragment = address::fragment();
        if !fragment.is_empty() {
            pairs.push(("scenario".into(), fragment));
        }
    }
    let (options, problems) = read_options(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
    let Ok(shadow) = container.attach_shadow(&ShadowRootInit::new(ShadowRootMode::Open)) else {
        // Mounted already: nothing to do. Otherwise the element is of a kind that cannot
        // hold a shadow root (`li`, `td`, `button`, …): the page's editor must hear why the
        // widget is not there, and the element is left as it was.
        if container.shadow_root().is_none() {
            let _ = container.set_attribute(REFUSED, "");
            let tag = container.tag_name().to_ascii_lowercase();
            web_sys::console::error_1(
                &format!(
                    "Cofund: a widget cannot be shown in a <{tag}> element (it cannot hold a shadow root); put data-cofund on a <div> or <section> instead."
                )
                .into(),
            );
        }
        return;
    };
    let _ = container.set_attribute("data-theme", options.theme.key());
    set_rem_to_default_font_size(container, &shadow);
    let (Ok(link), Ok(root)) = (
        document.create_element("link"),
        document.create_element("div"),
    ) else {
        return;
    };
    // An inline block (styles/embed.css): the one kind of box a page's text-decoration
    // is not drawn through, and no other property keeps it out.
    let _ = root.set_attribute("class", "cofund-embed-root");
    let _ = link.set_attribute("rel", "stylesheet");
    let _ = link.set_attribute("href", &format!("{base}{STYLESHEET}"));
    // Hidden until the stylesheet is there, so the page never shows the widget unstyled;
    // shown unstyled rather than not at all if the stylesheet cannot be loaded.
    let _ = root.set_attribute("hidden", "");
    for event in ["load", "error"] {
        let root = root.clone();
        let href = format!("{base}{STYLESHEET}");
        EventListener::once(&link, event, move |_| {
            let _ = root.remove_attribute("hidden");
            // The widget's size changed without a render: the bridge measures a frame's
            // height again (`cofund:height`).
            if let Ok(styled) = web_sys::CustomEvent::new(super::bridge::STYLED_EVENT) {
                let _ = gloo::utils::window().dispatch_event(&styled);
            }
            // The page's editor hears why the widget looks as it does: most often the
            // page's Content-Security-Policy has no style-src for the widget's origin.
            if event == "error" {
                web_sys::console::error_1(
                    &format!(
                        "Cofund: the widget's stylesheet {href} could not be loaded (is its origin in the page's Content-Security-Policy style-src?); the widget is shown without it."
                    )
                    .into(),
                );
            }
        })
        .forget();
    }
    let _ = shadow.append_child(&link);
    let _ = shadow.append_child(&root);

    let mut props = EmbedProps {
        options: Rc::new(options),
        problems: Rc::new(problems),
        host: if framed {
            Host::Frame
        } else {
            Host::Element(container.clone())
        },
        whole_page: page,
        shared: None,
    };
    match props.options.scenario.clone() {
        ScenarioSource::Link(link) => wasm_bindgen_futures::spawn_local(async move {
            props.shared = Some(Rc::new(read_shared_scenario(&link).await));
            render(root, props);
        }),
        _ => render(root, props),
    }
}

/// The widget's stylesheet sizes everything in `--cofund-rem` where the app's says `rem`
/// (scripts/build-embed.sh rewrites it). `rem` inside a shadow root is still the host page's
/// root font size, which pages set to 10px (Bootstrap 3) or 62.5 %, and the widget's text
/// would shrink with it. The reader's own default size (CSS `medium`, what `rem` is on a page
/// that leaves the root alone) is measured here and set on the container, where the
/// stylesheet's `:host` rules see it too.
fn set_rem_to_default_font_size(container: &Element, shadow: &web_sys::ShadowRoot) {
    let (Some(host), Ok(probe)) = (
        container.dyn_ref::<web_sys::HtmlElement>(),
        gloo::utils::document().create_element("span"),
    ) else {
        return;
    };
    let Ok(probe) = probe.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    // In the default family: `medium` in a monospace font is smaller (13px in Chromium).
    // Set through the style object, not a `style` attribute: a strict Content-Security-Policy
    // (`style-src 'self'`) blocks the one and allows the other.
    let _ = probe.style().set_property("font-family", "initial");
    let _ = probe.style().set_property("font-size", "medium");
    if shadow.append_child(&probe).is_err() {
        return;
    }
    let size = gloo::utils::window()
        .get_computed_style(&probe)
        .ok()
        .flatten()
        .and_then(|style| style.get_property_value("font-size").ok());
    probe.remove();
    if let Some(size) = size.filter(|s| s.ends_with("px")) {
        let _ = host.style().set_property("--cofund-rem", &size);
    }
}

/// Starts the widget's Yew app in `root`, now or once its shared scenario is read.
fn render(root: Element, props: EmbedProps) {
    yew::Renderer::<EmbedWidget>::with_root_and_props(root, props).render();
}
