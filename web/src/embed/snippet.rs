//! The code an intranet editor pastes into a page: what the app's embed dialog shows.
//! Pure, so that every form is tested natively.

use super::options::{to_pairs, to_query, EmbedOptions, Mode};
use cofund::numbers::Lang;

/// The two ways to embed a widget.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Way {
    /// `<iframe>` plus the host helper that sizes it.
    Frame,
    /// A `<div data-cofund …>` plus the widget's loader script.
    Element,
}

/// The iframe page's address for `options`, below `base` (the app's folder, ending in `/`).
pub fn frame_src(base: &str, options: &EmbedOptions) -> String {
    let query = to_query(options);
    if query.is_empty() {
        format!("{base}embed/embed.html")
    } else {
        format!("{base}embed/embed.html?{query}")
    }
}

/// The snippet to paste. `title` names the frame for screen readers.
pub fn snippet(way: Way, base: &str, options: &EmbedOptions, title: &str) -> String {
    match way {
        // The helper script sizes the frame to its content. A page that does not run it (a
        // CMS that strips scripts, a server without the CORS header) would leave the
        // browser's 300 × 150 px box, the widget cut off: the frame's own width and height
        // keep it usable there, scrolling inside (the compact widget is about 760 px tall
        // at 700 px wide).
        Way::Frame => format!(
            "<iframe data-cofund-frame title=\"{}\"\n  width=\"100%\" height=\"{}\"\n  src=\"{}\"></iframe>\n\
             <script type=\"module\" src=\"{base}embed/cofund-host.js\"></script>",
            escape(title),
            match options.mode {
                Mode::Compact => 760,
                Mode::Full => 1000,
            },
            escape(&frame_src(base, options)),
        ),
        Way::Element => {
            let attributes: String = to_pairs(options)
                .into_iter()
                .map(|(name, value)| {
                    if value.is_empty() {
                        format!("\n  data-{name}")
                    } else {
                        format!("\n  data-{name}=\"{}\"", escape(&value))
                    }
                })
                .collect();
            // What the element holds shows only until the widget is there (its shadow root
            // hides it), and for good on a page that does not run the script at all.
            let waiting = match options.lang {
                Lang::Da => "Beregneren indlæses … (vises den ikke, kunne siden ikke hente den)",
                Lang::En => "Loading the calculator … (if it does not appear, the page could not fetch it)",
            };
            format!(
                "<div data-cofund{attributes}>{waiting}</div>\n\
                 <script type=\"module\" src=\"{base}embed/cofund.js\"></script>"
            )
        }
    }
}

/// Escapes text for an HTML attribute value in double quotes.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::embed::options::{read_options, ScenarioSource, Theme};

    fn options() -> EmbedOptions {
        EmbedOptions {
            scenario: ScenarioSource::Link("s1.AbC".into()),
            mode: Mode::Compact,
            readonly: true,
            controls: Some(vec!["pilots".into()]),
            theme: Theme::Dark,
            lang: Lang::Da,
            origins: vec!["https://intranet.example".into()],
            fallback_preset: None,
        }
    }

    #[test]
    fn iframe_snippet() {
        let s = snippet(
            Way::Frame,
            "https://cofund.example/app/",
            &options(),
            "Cofund: \"Vækst\" & co",
        );
        assert_eq!(
            s,
            "<iframe data-cofund-frame title=\"Cofund: &quot;Vækst&quot; &amp; co\"\n  \
             width=\"100%\" height=\"760\"\n  \
             src=\"https://cofund.example/app/embed/embed.html?scenario=s1.AbC&amp;mode=compact&amp;readonly&amp;controls=pilots&amp;theme=dark&amp;origins=https%3A%2F%2Fintranet.example\"></iframe>\n\
             <script type=\"module\" src=\"https://cofund.example/app/embed/cofund-host.js\"></script>"
        );
    }

    #[test]
    fn element_snippet_reads_back_as_the_same_options() {
        let s = snippet(Way::Element, "/", &options(), "");
        assert_eq!(
            s,
            "<div data-cofund\n  data-scenario=\"s1.AbC\"\n  data-mode=\"compact\"\n  data-readonly\n  \
             data-controls=\"pilots\"\n  data-theme=\"dark\"\n  data-origins=\"https://intranet.example\">\
             Beregneren indlæses … (vises den ikke, kunne siden ikke hente den)</div>\n\
             <script type=\"module\" src=\"/embed/cofund.js\"></script>"
        );
        // What the widget reads from those attributes is what the dialog chose.
        let pairs: Vec<(String, String)> = to_pairs(&options())
            .into_iter()
            .map(|(n, v)| (format!("data-{n}"), v))
            .collect();
        let (back, problems) = read_options(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        assert!(problems.is_empty());
        assert_eq!(back, options());
    }

    #[test]
    fn default_options_give_the_bare_page() {
        assert_eq!(
            frame_src("/", &EmbedOptions::default()),
            "/embed/embed.html"
        );
    }
}
