//! Share links live in the address's fragment (`#s1.…`), which browsers never send to a
//! server: a shared scenario travels only inside the link itself.

/// The fragment of the current address, without `#`; empty when there is none.
pub fn fragment() -> String {
    gloo::utils::window()
        .location()
        .hash()
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_string()
}

/// The current page's address without fragment, followed by `#fragment`.
pub fn link_with(fragment: &str) -> String {
    let location = gloo::utils::window().location();
    let href = location.href().unwrap_or_default();
    let base = href.split('#').next().unwrap_or_default();
    format!("{base}#{fragment}")
}

/// The folder the page is served from (`https://host/path/`), for addresses of files next
/// to it (the embed snippets' `embed/…`).
pub fn folder() -> String {
    let location = gloo::utils::window().location();
    let origin = location.origin().unwrap_or_default();
    let path = location.pathname().unwrap_or_default();
    let folder = &path[..path.rfind('/').map_or(0, |i| i + 1)];
    format!("{origin}{folder}")
}

/// Removes `name` from the address's query, without reloading or adding history: an option
/// that has been carried out (`?preset=`) must not be carried out again by a reload.
pub fn remove_query_option(name: &str) {
    let window = gloo::utils::window();
    let location = window.location();
    let search = location.search().unwrap_or_default();
    let kept: Vec<&str> = search
        .trim_start_matches('?')
        .split('&')
        .filter(|pair| !pair.is_empty() && pair.split('=').next() != Some(name))
        .collect();
    let query = if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    };
    replace_address(&format!(
        "{}{query}{}",
        location.pathname().unwrap_or_default(),
        location.hash().unwrap_or_default()
    ));
}

/// Removes the fragment from the address bar without reloading or adding history, so a
/// reload after handling a link does not offer it again.
pub fn clear_fragment() {
    let location = gloo::utils::window().location();
    replace_address(&format!(
        "{}{}",
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    ));
}

/// Shows `path` (same origin) in the address bar without reloading or adding history.
fn replace_address(path: &str) {
    if let Ok(history) = gloo::utils::window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(path));
    }
}
