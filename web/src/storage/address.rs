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
    set_query_option(name, None);
}

/// Sets `name=value` in the address's query (or removes `name`, for `None`), without
/// reloading or adding history, and keeping the other options and the fragment.
pub fn set_query_option(name: &str, value: Option<&str>) {
    let location = gloo::utils::window().location();
    let search = location.search().unwrap_or_default();
    let query = with_query_option(&search, name, value);
    if query != search {
        replace_address(&format!(
            "{}{query}{}",
            location.pathname().unwrap_or_default(),
            location.hash().unwrap_or_default()
        ));
    }
}

/// Whether the address's query has the option `name`.
pub fn has_query_option(name: &str) -> bool {
    let search = gloo::utils::window()
        .location()
        .search()
        .unwrap_or_default();
    has_option(&search, name)
}

/// The options of a query (`?a=1&b` gives `a=1` and `b`), empty ones left out.
pub fn options(search: &str) -> impl Iterator<Item = &str> {
    search
        .trim_start_matches('?')
        .split('&')
        .filter(|option| !option.is_empty())
}

/// Whether `option` (`lang=en`, or `lang` alone) is the option `name`.
fn is_named(option: &str, name: &str) -> bool {
    option.split('=').next() == Some(name)
}

fn has_option(search: &str, name: &str) -> bool {
    options(search).any(|option| is_named(option, name))
}

/// `search` (`?a=1&b=2`, or empty) with `name` set to `value` in the place it had, or added
/// at the end, or removed for `None`; empty when no option is left.
fn with_query_option(search: &str, name: &str, value: Option<&str>) -> String {
    let pair = value.map(|v| format!("{name}={v}"));
    let mut placed = false;
    let mut kept: Vec<String> = Vec::new();
    for option in options(search) {
        if !is_named(option, name) {
            kept.push(option.to_string());
        } else if let (Some(pair), false) = (&pair, placed) {
            kept.push(pair.clone());
            placed = true;
        }
    }
    if let (Some(pair), false) = (pair, placed) {
        kept.push(pair);
    }
    if kept.is_empty() {
        String::new()
    } else {
        format!("?{}", kept.join("&"))
    }
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

#[cfg(test)]
mod tests {
    use super::{has_option, with_query_option};

    #[test]
    fn an_option_is_found_by_its_whole_name() {
        assert!(has_option("?lang=en", "lang"));
        assert!(has_option("?a=1&lang", "lang"));
        assert!(!has_option("?language=en", "lang"));
        assert!(!has_option("", "lang"));
    }

    #[test]
    fn an_option_is_set_in_its_place_added_at_the_end_or_removed() {
        assert_eq!(with_query_option("", "lang", Some("en")), "?lang=en");
        assert_eq!(
            with_query_option("?preset=x", "lang", Some("en")),
            "?preset=x&lang=en"
        );
        assert_eq!(
            with_query_option("?lang=da&preset=x", "lang", Some("en")),
            "?lang=en&preset=x"
        );
        assert_eq!(
            with_query_option("?lang=en&preset=x", "lang", None),
            "?preset=x"
        );
        assert_eq!(with_query_option("?lang=en", "lang", None), "");
        assert_eq!(with_query_option("", "lang", None), "");
        // Twice in the address: one is left, where the first was.
        assert_eq!(
            with_query_option("?lang=en&a=1&lang=da", "lang", Some("da")),
            "?lang=da&a=1"
        );
        // Another option that merely starts with the name stays.
        assert_eq!(
            with_query_option("?language=x", "lang", None),
            "?language=x"
        );
        assert_eq!(with_query_option("?&a=1&&", "b", Some("2")), "?a=1&b=2");
    }
}
