//! The options an embedding page gives a widget, read from the iframe's query string
//! (`?preset=vaekstpilot&mode=compact&readonly&controls=pilots&theme=dark`) or from the
//! container's `data-` attributes (`data-preset="vaekstpilot" data-mode="compact" ...`).
//! Both arrive here as (name, value) pairs, so one pure function reads them and is tested
//! natively.
//!
//! A bad option never stops the widget: it falls back to the default and the problem is
//! listed in the widget, in words the intranet editor can act on.

use cofund::numbers::Lang;

use crate::i18n::lang_of_tag;

/// Where the widget's scenario comes from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum ScenarioSource {
    /// The built-in default preset.
    #[default]
    Default,
    /// A built-in preset by key (`vaekstpilot`).
    Preset(String),
    /// A share link's payload (`s1.…`, as the app's share link puts after `#`).
    Link(String),
}

/// How much of the widget shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Mode {
    /// The driver sliders and the key results: total, split, gap, cost per unit.
    Compact,
    /// The editor (unless read-only) and the full results with tables.
    #[default]
    Full,
}

/// The built-in colour themes; hosts can override any `--cofund-*` property on top.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// Black on white with heavy borders, for low vision and projectors.
    Contrast,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::Light, Theme::Dark, Theme::Contrast];

    pub fn key(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
            Theme::Contrast => "contrast",
        }
    }
}

impl Mode {
    pub fn key(self) -> &'static str {
        match self {
            Mode::Compact => "compact",
            Mode::Full => "full",
        }
    }
}

/// Everything an embedding page can choose.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct EmbedOptions {
    pub scenario: ScenarioSource,
    pub lang: Lang,
    pub mode: Mode,
    /// No editing of the scenario's structure; only the visible driver controls change it.
    pub readonly: bool,
    /// The `controls` list as given; `None` means the mode's default.
    pub controls: Option<Vec<String>>,
    pub theme: Theme,
    /// Origins allowed to talk to the widget through postMessage (`https://intranet.example`).
    pub origins: Vec<String>,
    /// The `preset` given beside a `scenario`, shown if the scenario cannot be read (the
    /// page asked for it, which says more than the default template would).
    pub fallback_preset: Option<String>,
}

/// Which controls the widget shows, resolved from mode, `readonly` and `controls`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Visible {
    /// The whole scenario editor.
    pub editor: bool,
    /// The language switch.
    pub lang: bool,
    /// Driver controls shown outside the editor.
    pub drivers: Drivers,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drivers {
    None,
    All,
    /// These driver ids, in the given order.
    Only(Vec<String>),
}

/// The options' names (without `data-`).
pub const OPTION_NAMES: [&str; 8] = [
    "preset", "scenario", "lang", "mode", "readonly", "controls", "theme", "origins",
];

/// Names of the controls a `controls` list can hold besides driver ids.
pub const CONTROL_EDITOR: &str = "editor";
pub const CONTROL_DRIVERS: &str = "drivers";
pub const CONTROL_LANG: &str = "lang";

impl EmbedOptions {
    /// What the widget shows. The defaults: full mode shows the editor, compact mode and
    /// read-only widgets show every driver; both show the language switch. `readonly`
    /// always wins over `controls=editor`.
    pub fn visible(&self) -> Visible {
        let Some(list) = &self.controls else {
            let editor = self.mode == Mode::Full && !self.readonly;
            return Visible {
                editor,
                lang: true,
                drivers: if editor { Drivers::None } else { Drivers::All },
            };
        };
        let has = |name: &str| list.iter().any(|c| c == name);
        let ids: Vec<String> = list
            .iter()
            .filter(|c| ![CONTROL_EDITOR, CONTROL_DRIVERS, CONTROL_LANG].contains(&c.as_str()))
            .cloned()
            .collect();
        Visible {
            editor: has(CONTROL_EDITOR) && !self.readonly,
            lang: has(CONTROL_LANG),
            drivers: if has(CONTROL_DRIVERS) {
                Drivers::All
            } else if ids.is_empty() {
                Drivers::None
            } else {
                Drivers::Only(ids)
            },
        }
    }
}

/// An option that could not be used; the widget lists these and carries on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OptionProblem {
    pub name: String,
    pub value: String,
    pub kind: ProblemKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProblemKind {
    UnknownOption,
    /// The value is not one of those the option takes.
    BadValue(&'static str),
    /// An origin that is not `scheme://host[:port]`, or the wildcard `*`.
    BadOrigin,
    /// Both `preset` and `scenario` were given; the scenario was used.
    PresetAndScenario,
    /// The same option given twice with different values in one place (`mode=compact&mode=full`);
    /// the last was used. The value is that one.
    Repeated,
    /// `controls` asks for the editor, which `readonly` takes away.
    EditorReadonly,
}

impl OptionProblem {
    pub fn message(&self, lang: Lang) -> String {
        let (name, value) = (&self.name, &self.value);
        match (self.kind, lang) {
            (ProblemKind::UnknownOption, Lang::Da) => {
                format!("Ukendt indstilling »{name}« blev ignoreret.")
            }
            (ProblemKind::UnknownOption, Lang::En) => {
                format!("Unknown option “{name}” was ignored.")
            }
            (ProblemKind::BadValue(accepted), Lang::Da) => format!(
                "»{name}={value}« kan ikke bruges; standardværdien gælder. Mulige værdier: {accepted}."
            ),
            (ProblemKind::BadValue(accepted), Lang::En) => format!(
                "“{name}={value}” cannot be used; the default applies. Accepted: {accepted}."
            ),
            (ProblemKind::BadOrigin, Lang::Da) => format!(
                "Oprindelsen »{value}« blev ignoreret: skriv den som https://vært.dk (uden sti), og aldrig *."
            ),
            (ProblemKind::BadOrigin, Lang::En) => format!(
                "The origin “{value}” was ignored: write it as https://host.example (no path), never *."
            ),
            (ProblemKind::PresetAndScenario, Lang::Da) => {
                "Både »preset« og »scenario« er angivet; scenariet bruges, og skabelonen kun, hvis scenariet ikke kan læses.".to_string()
            }
            (ProblemKind::PresetAndScenario, Lang::En) => {
                "Both “preset” and “scenario” were given; the scenario is used, and the template only if the scenario cannot be read.".to_string()
            }
            (ProblemKind::EditorReadonly, Lang::Da) => {
                "»controls=editor« gælder ikke sammen med »readonly«: en skrivebeskyttet widget viser ingen editor.".to_string()
            }
            (ProblemKind::EditorReadonly, Lang::En) => {
                "“controls=editor” does not apply with “readonly”: a read-only widget shows no editor.".to_string()
            }
            (ProblemKind::Repeated, Lang::Da) => {
                format!("»{name}« er angivet flere gange med forskellige værdier; den sidste, »{name}={value}«, gælder.")
            }
            (ProblemKind::Repeated, Lang::En) => {
                format!("“{name}” was given more than once with different values; the last, “{name}={value}”, applies.")
            }
        }
    }
}

/// Reads options from (name, value) pairs. Names may carry a `data-` prefix (element
/// attributes) or not (query string); a flag such as `readonly` may have an empty value.
/// Later pairs win over earlier ones, so query-string options can override attributes. A
/// name given twice in one place (the query: an element cannot repeat an attribute) with
/// different values is most likely a slip, and is said; the last still wins.
pub fn read_options<'a>(
    pairs: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> (EmbedOptions, Vec<OptionProblem>) {
    let mut options = EmbedOptions::default();
    let mut problems = Vec::new();
    let mut preset_given: Option<String> = None;
    // Each name as given (with its `data-`, if any), its last value and whether an earlier
    // one differed.
    let mut given: Vec<(&str, &str, bool)> = Vec::new();
    for (raw_name, raw_value) in pairs {
        match given.iter_mut().find(|(name, _, _)| *name == raw_name) {
            Some((_, last, differs)) => {
                *differs |= last.trim() != raw_value.trim();
                *last = raw_value;
            }
            None => given.push((raw_name, raw_value, false)),
        }
        let name = raw_name.strip_prefix("data-").unwrap_or(raw_name);
        let value = raw_value.trim();
        // HTML's own keywords are case-insensitive (`readonly="TRUE"`, `mode="Compact"`);
        // ids, links and origins keep their case.
        let keyword = value.to_ascii_lowercase();
        let mut bad = |accepted: &'static str| {
            problems.push(OptionProblem {
                name: name.to_string(),
                value: value.to_string(),
                kind: ProblemKind::BadValue(accepted),
            })
        };
        match name {
            // The marker attribute of an element embed; not an option.
            "cofund" => {}
            "preset" if !value.is_empty() => {
                preset_given = Some(value.to_string());
                if !matches!(options.scenario, ScenarioSource::Link(_)) {
                    options.scenario = ScenarioSource::Preset(value.to_string());
                }
            }
            "scenario" if !value.is_empty() => {
                options.scenario = ScenarioSource::Link(value.trim_start_matches('#').to_string())
            }
            "lang" => match lang_of_tag(&keyword) {
                Some(lang) => options.lang = lang,
                None => bad("da, en"),
            },
            "mode" => match keyword.as_str() {
                "compact" => options.mode = Mode::Compact,
                "full" => options.mode = Mode::Full,
                _ => bad("compact, full"),
            },
            "readonly" => match keyword.as_str() {
                "" | "true" | "1" | "yes" | "readonly" => options.readonly = true,
                "false" | "0" | "no" => options.readonly = false,
                _ => bad("true, false, yes, no, 1, 0"),
            },
            "controls" => {
                // Each control once: a unit named twice would be two fields with one id.
                let mut controls: Vec<String> = Vec::new();
                for control in value.split(',').map(str::trim) {
                    if !control.is_empty() && !controls.iter().any(|c| c == control) {
                        controls.push(control.to_string());
                    }
                }
                options.controls = Some(controls);
            }
            "theme" => match Theme::ALL.iter().find(|t| t.key() == keyword) {
                Some(theme) => options.theme = *theme,
                None => bad("light, dark, contrast"),
            },
            "origins" => {
                options.origins.clear();
                for origin in read_origins(value) {
                    match origin {
                        Ok(o) => options.origins.push(o),
                        Err(bad) => problems.push(OptionProblem {
                            name: name.to_string(),
                            value: bad.to_string(),
                            kind: ProblemKind::BadOrigin,
                        }),
                    }
                }
            }
            // An empty preset or scenario is the same as none.
            "preset" | "scenario" => {}
            _ => problems.push(OptionProblem {
                name: name.to_string(),
                value: value.to_string(),
                kind: ProblemKind::UnknownOption,
            }),
        }
    }
    for (raw_name, value, _) in given.iter().filter(|(_, _, differs)| *differs) {
        problems.push(OptionProblem {
            name: raw_name
                .strip_prefix("data-")
                .unwrap_or(raw_name)
                .to_string(),
            value: value.trim().to_string(),
            kind: ProblemKind::Repeated,
        });
    }
    let editor_asked = (options.controls.iter().flatten()).any(|c| c == CONTROL_EDITOR);
    if options.readonly && editor_asked {
        problems.push(OptionProblem {
            name: "controls".into(),
            value: CONTROL_EDITOR.into(),
            kind: ProblemKind::EditorReadonly,
        });
    }
    if preset_given.is_some() && matches!(options.scenario, ScenarioSource::Link(_)) {
        options.fallback_preset = preset_given;
        problems.push(OptionProblem {
            name: "preset".into(),
            value: String::new(),
            kind: ProblemKind::PresetAndScenario,
        });
    }
    (options, problems)
}

/// A list of origins as people type it (commas or spaces between them), each normalised
/// ([`normalise_origin`]) or given back as typed when it is not an origin.
pub fn read_origins(text: &str) -> impl Iterator<Item = Result<String, &str>> {
    text.split([',', ' '])
        .filter(|o| !o.is_empty())
        .map(|o| normalise_origin(o).ok_or(o))
}

/// `https://Intranet.Example:443/` → `https://intranet.example`: the form `MessageEvent.origin`
/// has, so that origins compare as plain strings. `None` for anything that is not an http(s)
/// origin (paths, queries, user names, `*`, `null`).
pub fn normalise_origin(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('/');
    let (scheme, rest) = text.split_once("://")?;
    let scheme = scheme.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "https" => "443",
        "http" => "80",
        _ => return None,
    };
    if rest.is_empty() || rest.contains(['/', '?', '#', '@', '*', ' ']) {
        return None;
    }
    let rest = rest.to_ascii_lowercase();
    let (host, port) = match rest.rsplit_once(':') {
        // An IPv6 address has colons of its own inside brackets.
        Some((host, port)) if !port.contains(']') => (host.to_string(), Some(port)),
        _ => (rest.clone(), None),
    };
    // `https://æøå.dk` reaches `MessageEvent.origin` as `https://xn--5cab8c.dk`.
    let host = if host.is_ascii() {
        host
    } else {
        host.split('.')
            .map(ascii_label)
            .collect::<Option<Vec<_>>>()?
            .join(".")
    };
    let host_ok = !host.is_empty()
        && (host.starts_with('[') && host.ends_with(']')
            || host
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '-'));
    if !host_ok {
        return None;
    }
    match port {
        None => Some(format!("{scheme}://{host}")),
        Some(p) if p == default_port => Some(format!("{scheme}://{host}")),
        Some(p) if !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()) => {
            p.parse::<u16>().ok()?;
            Some(format!("{scheme}://{host}:{p}"))
        }
        Some(_) => None,
    }
}

/// A host name's label as DNS and the browser write it: as it is when it is ASCII, else
/// `xn--` and its Punycode (RFC 3492), after lower-casing (`Æble` → `xn--ble-una`).
/// Only Latin letters up to U+017F are taken (Danish and the other European languages in
/// Latin script): the browser maps other scripts, combining marks and full-width dots by
/// rules (UTS #46) this does not carry, and a wrong guess would be an origin that never
/// matches. Such a name is refused, so it can be written in its `xn--` form instead.
fn ascii_label(label: &str) -> Option<String> {
    if label.is_ascii() {
        return Some(label.to_string());
    }
    if label.chars().any(|c| c as u32 > 0x17F) {
        return None;
    }
    punycode(&cofund::text::lowercase(label)).map(|code| format!("xn--{code}"))
}

/// RFC 3492's encoder, for host names: the ASCII characters, a `-`, then the others as
/// base-36 deltas. `None` on the (never reached for host names) arithmetic overflow.
fn punycode(input: &str) -> Option<String> {
    const BASE: u32 = 36;
    const T_MIN: u32 = 1;
    const T_MAX: u32 = 26;
    const SKEW: u32 = 38;
    const DAMP: u32 = 700;
    let points: Vec<u32> = input.chars().map(u32::from).collect();
    let mut out: String = input.chars().filter(char::is_ascii).collect();
    let basic = out.len() as u32;
    if basic > 0 {
        out.push('-');
    }
    let digit = |d: u32| {
        char::from(if d < 26 {
            b'a' + d as u8
        } else {
            b'0' + (d - 26) as u8
        })
    };
    let adapt = |delta: u32, count: u32, first: bool| {
        let mut delta = delta / if first { DAMP } else { 2 };
        delta += delta / count;
        let mut k = 0;
        while delta > ((BASE - T_MIN) * T_MAX) / 2 {
            delta /= BASE - T_MIN;
            k += BASE;
        }
        k + (BASE - T_MIN + 1) * delta / (delta + SKEW)
    };
    let (mut n, mut delta, mut bias, mut handled) = (128u32, 0u32, 72u32, basic);
    while (handled as usize) < points.len() {
        let next = points.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((next - n).checked_mul(handled + 1)?)?;
        n = next;
        for &c in &points {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = (k.saturating_sub(bias)).clamp(T_MIN, T_MAX);
                    if q < t {
                        break;
                    }
                    out.push(digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k += BASE;
                }
                out.push(digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n += 1;
    }
    Some(out)
}

/// The query string (without `?`) that gives these options to an iframe widget; the
/// embed dialog writes it. Defaults are left out, so snippets stay short.
pub fn to_query(options: &EmbedOptions) -> String {
    to_pairs(options)
        .into_iter()
        .map(|(name, value)| {
            if value.is_empty() {
                name.to_string()
            } else {
                format!("{name}={}", percent_encode(&value))
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// The options as (name, value) pairs, defaults left out; `readonly` has an empty value.
pub fn to_pairs(options: &EmbedOptions) -> Vec<(&'static str, String)> {
    let mut pairs = Vec::new();
    match &options.scenario {
        ScenarioSource::Default => {}
        ScenarioSource::Preset(key) => pairs.push(("preset", key.clone())),
        ScenarioSource::Link(payload) => pairs.push(("scenario", payload.clone())),
    }
    if options.lang == Lang::En {
        pairs.push(("lang", "en".to_string()));
    }
    if options.mode != Mode::Full {
        pairs.push(("mode", options.mode.key().to_string()));
    }
    if options.readonly {
        pairs.push(("readonly", String::new()));
    }
    if let Some(controls) = &options.controls {
        pairs.push(("controls", controls.join(",")));
    }
    if options.theme != Theme::Light {
        pairs.push(("theme", options.theme.key().to_string()));
    }
    if !options.origins.is_empty() {
        pairs.push(("origins", options.origins.join(",")));
    }
    pairs
}

/// Percent-encodes everything but the characters a query value may hold as they are.
/// Share-link payloads are URL-safe base64 and pass unchanged.
fn percent_encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b',' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(pairs: &[(&str, &str)]) -> (EmbedOptions, Vec<OptionProblem>) {
        read_options(pairs.iter().copied())
    }

    #[test]
    fn no_options_give_the_full_editable_widget() {
        let (o, problems) = read(&[]);
        assert_eq!(o, EmbedOptions::default());
        assert!(problems.is_empty());
        assert_eq!(
            o.visible(),
            Visible {
                editor: true,
                lang: true,
                drivers: Drivers::None
            }
        );
    }

    #[test]
    fn query_names_and_data_attributes_read_alike() {
        let query = read(&[
            ("preset", "design-sprint"),
            ("lang", "en"),
            ("mode", "compact"),
            ("readonly", ""),
            ("controls", "pilots, lang"),
            ("theme", "dark"),
            ("origins", "https://intranet.example"),
        ]);
        let attributes = read(&[
            ("data-cofund", ""),
            ("data-preset", "design-sprint"),
            ("data-lang", "en"),
            ("data-mode", "compact"),
            ("data-readonly", "true"),
            ("data-controls", "pilots,lang"),
            ("data-theme", "dark"),
            ("data-origins", "https://intranet.example/"),
        ]);
        assert_eq!(query, attributes);
        let (o, problems) = query;
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(o.scenario, ScenarioSource::Preset("design-sprint".into()));
        assert_eq!(
            (o.lang, o.mode, o.theme),
            (Lang::En, Mode::Compact, Theme::Dark)
        );
        assert_eq!(
            o.visible(),
            Visible {
                editor: false,
                lang: true,
                drivers: Drivers::Only(vec!["pilots".into()])
            }
        );
    }

    #[test]
    fn readonly_hides_the_editor_even_when_asked_for() {
        let (o, problems) = read(&[("readonly", ""), ("controls", "editor,drivers")]);
        // … and says so, or the page's editor cannot tell why it is missing.
        assert_eq!(
            problems.iter().map(|p| p.kind).collect::<Vec<_>>(),
            vec![ProblemKind::EditorReadonly]
        );
        assert!(problems[0].message(Lang::Da).contains("skrivebeskyttet"));
        let v = o.visible();
        assert!(!v.editor);
        assert_eq!(v.drivers, Drivers::All);
        assert!(!v.lang, "lang was not in the list");
        let (o, _) = read(&[("readonly", "")]);
        assert_eq!(o.visible().drivers, Drivers::All);
        let (o, _) = read(&[("readonly", "false")]);
        assert!(o.visible().editor);
        // Keywords in any case, as HTML's own attributes take them.
        let (o, problems) = read(&[
            ("readonly", "TRUE"),
            ("mode", "Compact"),
            ("theme", "Dark"),
            ("lang", "EN"),
        ]);
        assert!(problems.is_empty(), "{problems:?}");
        assert!(o.readonly && o.mode == Mode::Compact && o.theme == Theme::Dark);
        assert_eq!(o.lang, Lang::En);
        let (_, problems) = read(&[("readonly", "ja")]);
        assert_eq!(
            problems[0].kind,
            ProblemKind::BadValue("true, false, yes, no, 1, 0")
        );
        let (o, _) = read(&[("controls", "pilots, lang,pilots")]);
        assert_eq!(o.controls, Some(vec!["pilots".into(), "lang".into()]));
        let (o, _) = read(&[("controls", "")]);
        assert_eq!(
            o.visible(),
            Visible {
                editor: false,
                lang: false,
                drivers: Drivers::None
            }
        );
    }

    #[test]
    fn an_option_repeated_with_another_value_is_said_and_the_last_wins() {
        let (o, problems) = read(&[
            ("mode", "compact"),
            ("lang", "en"),
            ("mode", "full"),
            ("lang", "en"),
            ("theme", "dark"),
            ("mode", "compact"),
        ]);
        assert_eq!(
            (o.mode, o.lang, o.theme),
            (Mode::Compact, Lang::En, Theme::Dark)
        );
        // One problem for `mode`, with the value used; none for the same `lang` twice.
        assert_eq!(
            problems,
            vec![OptionProblem {
                name: "mode".into(),
                value: "compact".into(),
                kind: ProblemKind::Repeated,
            }]
        );
        assert_eq!(
            problems[0].message(Lang::Da),
            "»mode« er angivet flere gange med forskellige værdier; den sidste, »mode=compact«, gælder."
        );
        // An attribute overridden by the query is no slip: the query is meant to win.
        let (o, problems) = read(&[("data-mode", "compact"), ("mode", "full")]);
        assert_eq!((o.mode, problems), (Mode::Full, vec![]));
    }

    #[test]
    fn bad_values_fall_back_and_are_reported() {
        let (o, problems) = read(&[
            ("mode", "tiny"),
            ("theme", "neon"),
            ("lang", "fr"),
            ("readonly", "maybe"),
            ("colour", "red"),
        ]);
        assert_eq!(o, EmbedOptions::default());
        let kinds: Vec<_> = problems.iter().map(|p| (p.name.as_str(), p.kind)).collect();
        assert_eq!(
            kinds,
            vec![
                ("mode", ProblemKind::BadValue("compact, full")),
                ("theme", ProblemKind::BadValue("light, dark, contrast")),
                ("lang", ProblemKind::BadValue("da, en")),
                (
                    "readonly",
                    ProblemKind::BadValue("true, false, yes, no, 1, 0")
                ),
                ("colour", ProblemKind::UnknownOption),
            ]
        );
        assert_eq!(
            problems[0].message(Lang::Da),
            "»mode=tiny« kan ikke bruges; standardværdien gælder. Mulige værdier: compact, full."
        );
        assert_eq!(
            problems[4].message(Lang::En),
            "Unknown option “colour” was ignored."
        );
    }

    #[test]
    fn every_listed_option_name_is_read() {
        for name in OPTION_NAMES {
            let (_, problems) = read(&[(name, "")]);
            assert!(
                problems
                    .iter()
                    .all(|p| p.kind != ProblemKind::UnknownOption),
                "{name}: {problems:?}"
            );
        }
    }

    #[test]
    fn a_shared_scenario_wins_over_a_preset_whatever_the_order() {
        for pairs in [
            [("preset", "vaekstpilot"), ("scenario", "#s1.abc")],
            [("scenario", "s1.abc"), ("preset", "vaekstpilot")],
        ] {
            let (o, problems) = read(&pairs);
            assert_eq!(o.scenario, ScenarioSource::Link("s1.abc".into()));
            assert_eq!(o.fallback_preset.as_deref(), Some("vaekstpilot"));
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].kind, ProblemKind::PresetAndScenario);
        }
    }

    #[test]
    fn origins_are_normalised_and_bad_ones_refused() {
        assert_eq!(
            normalise_origin("HTTPS://Intranet.Example:443/").as_deref(),
            Some("https://intranet.example")
        );
        assert_eq!(
            normalise_origin("http://127.0.0.1:8080").as_deref(),
            Some("http://127.0.0.1:8080")
        );
        assert_eq!(
            normalise_origin("http://[::1]:3000").as_deref(),
            Some("http://[::1]:3000")
        );
        for bad in [
            "*",
            "null",
            "intranet.example",
            "ftp://x.example",
            "https://x.example/path",
            "https://user@x.example",
            "https://x.example:99999",
            "https://x.example:",
            "https://",
            "https://*.example",
        ] {
            assert_eq!(normalise_origin(bad), None, "{bad}");
        }
        // Danish letters in a host name become the ASCII form browsers report.
        assert_eq!(
            normalise_origin("https://ÆØÅ.dk").as_deref(),
            Some("https://xn--5cab8c.dk")
        );
        assert_eq!(
            normalise_origin("https://intra.bücher.example:8443/").as_deref(),
            Some("https://intra.xn--bcher-kva.example:8443")
        );
        // Other scripts, combining marks and full-width dots are refused, not guessed; their
        // xn-- form is taken as any ASCII name.
        for unsure in [
            "https://ΑΘΗΝΑ.gr",
            "https://bu\u{308}cher.example",
            "https://a\u{3002}b.example",
        ] {
            assert_eq!(normalise_origin(unsure), None, "{unsure}");
        }
        assert_eq!(
            normalise_origin("https://xn--mxaard0a.gr").as_deref(),
            Some("https://xn--mxaard0a.gr")
        );
        let (o, problems) = read(&[("origins", "https://a.example, *,http://b.example:81")]);
        assert_eq!(o.origins, vec!["https://a.example", "http://b.example:81"]);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].value, "*");
    }

    /// RFC 3492's own examples and well-known host names.
    #[test]
    fn punycode_matches_known_encodings() {
        for (text, code) in [
            ("æøå", "5cab8c"),
            ("bücher", "bcher-kva"),
            ("münchen", "mnchen-3ya"),
            ("他们为什么不说中文", "ihqwcrb4cv8a8dqg056pqjye"),
            ("ليهمابتكلموشعربي؟", "egbpdaj6bu4bxfgehfvwxn"),
        ] {
            assert_eq!(punycode(text).as_deref(), Some(code), "{text}");
        }
    }

    #[test]
    fn the_query_written_for_options_reads_back_as_them() {
        let options = EmbedOptions {
            scenario: ScenarioSource::Link("s1.AbC-_9".into()),
            lang: Lang::En,
            mode: Mode::Compact,
            readonly: true,
            controls: Some(vec!["pilots".into(), "lang".into()]),
            theme: Theme::Contrast,
            origins: vec!["https://intranet.example".into()],
            fallback_preset: None,
        };
        let query = to_query(&options);
        assert_eq!(
            query,
            "scenario=s1.AbC-_9&lang=en&mode=compact&readonly&controls=pilots,lang&theme=contrast&origins=https%3A%2F%2Fintranet.example"
        );
        let pairs: Vec<(String, String)> = to_pairs(&options)
            .into_iter()
            .map(|(n, v)| (n.to_string(), v))
            .collect();
        let (back, problems) = read_options(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())));
        assert!(problems.is_empty());
        assert_eq!(back, options);
        assert_eq!(to_query(&EmbedOptions::default()), "");
    }
}
