//! The analysis view's words that depend on the scenario: names of inputs ("DEB – sats"),
//! values in their unit, and the sentences that answer a goal seek. Fixed labels live in
//! `crate::i18n`; sentences with figures in them are built here, per language, the way the
//! core's `describe` texts are.

use cofund::model::{Input, Scenario, SourceKind};
use cofund::numbers::{
    format_amount, format_amount_input, format_input, format_plain, parse_amount, parse_count,
    parse_rate, Lang, NumberError,
};
use cofund::text;
use cofund::Decimal;

/// What kind of number an input holds: chooses how it is read and written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// A driver value: a plain number (`150`, `127,5`).
    Count,
    /// Kroner.
    Amount,
    /// Per cent, 0–100.
    Rate,
}

impl Unit {
    pub fn of(input: Input) -> Unit {
        match input {
            Input::Driver(_) => Unit::Count,
            Input::SourceRate(_) => Unit::Rate,
            Input::CostAmount(_) | Input::SourceAmount(_) | Input::SourceCap(_) => Unit::Amount,
        }
    }

    /// Reads what the user typed into a field of this unit.
    pub fn parse(self, text: &str, lang: Lang) -> Result<Decimal, NumberError> {
        match self {
            Unit::Count => parse_count(text, lang),
            Unit::Amount => parse_amount(text, lang),
            Unit::Rate => parse_rate(text, lang),
        }
    }

    /// A value for display: `150`, `21.900.000 kr.`, `50 %`.
    pub fn format(self, value: Decimal, lang: Lang) -> String {
        match self {
            Unit::Count => format_plain(value, lang),
            Unit::Amount => format_amount(value, lang),
            Unit::Rate => rate(value, lang),
        }
    }

    /// A value to put back into an input field (exact, no currency).
    pub fn field_text(self, value: Decimal, lang: Lang) -> String {
        match self {
            Unit::Rate => rate(value, lang),
            // Kroner with øre as two decimals (`1.234,50`), as the editor's fields have them.
            Unit::Amount => format_amount_input(value, lang),
            Unit::Count => format_input(value, lang),
        }
    }
}

/// A rate exactly as it is, with the per cent sign of the language: `12,5 %`, `12.5%`.
pub fn rate(value: Decimal, lang: Lang) -> String {
    let number = format_plain(value, lang);
    match lang {
        Lang::Da => format!("{number} %"),
        Lang::En => format!("{number}%"),
    }
}

/// The input in words: the driver's label, or a cost line's or source's label followed by
/// which of its numbers it is ("DEB – sats", "Budgetpost pr. vækstpilot – beløb").
pub fn input_label(s: &Scenario, input: Input, lang: Lang) -> String {
    let da = lang == Lang::Da;
    let (label, what) = match input {
        Input::Driver(i) => {
            return s
                .drivers
                .get(i)
                .map_or_else(|| input.path(), |d| d.label.clone())
        }
        Input::CostAmount(i) => (
            s.costs.get(i).map(|c| c.label.as_str()),
            if da { "beløb" } else { "amount" },
        ),
        Input::SourceRate(i) => (
            s.sources.get(i).map(|c| c.label.as_str()),
            if da { "sats" } else { "rate" },
        ),
        Input::SourceAmount(i) => {
            let src = s.sources.get(i);
            let what = match src.map(|s| &s.kind) {
                Some(SourceKind::PerUnit { .. }) => {
                    if da {
                        "beløb pr. enhed"
                    } else {
                        "amount per unit"
                    }
                }
                Some(SourceKind::PerYear { .. }) => {
                    if da {
                        "beløb pr. år"
                    } else {
                        "amount per year"
                    }
                }
                _ => {
                    if da {
                        "beløb"
                    } else {
                        "amount"
                    }
                }
            };
            (src.map(|c| c.label.as_str()), what)
        }
        Input::SourceCap(i) => (
            s.sources.get(i).map(|c| c.label.as_str()),
            if da { "loft" } else { "cap" },
        ),
    };
    match label {
        Some(label) if !label.trim().is_empty() => format!("{label} – {what}"),
        _ => format!("{} – {what}", input.path()),
    }
}

/// A stable key for an input, for `<option value>`: `d0`, `c1`, `r0`, `a1`, `k2`.
pub fn input_key(input: Input) -> String {
    match input {
        Input::Driver(i) => format!("d{i}"),
        Input::CostAmount(i) => format!("c{i}"),
        Input::SourceRate(i) => format!("r{i}"),
        Input::SourceAmount(i) => format!("a{i}"),
        Input::SourceCap(i) => format!("k{i}"),
    }
}

/// The input a key names (the inverse of [`input_key`]).
pub fn parse_input_key(key: &str) -> Option<Input> {
    let (kind, index) = key.split_at_checked(1)?;
    let i: usize = index.parse().ok()?;
    Some(match kind {
        "d" => Input::Driver(i),
        "c" => Input::CostAmount(i),
        "r" => Input::SourceRate(i),
        "a" => Input::SourceAmount(i),
        "k" => Input::SourceCap(i),
        _ => return None,
    })
}

/// "Hvor mange vækstpiloter har vi råd til?"
pub fn afford_question(driver: Option<&str>, lang: Lang) -> String {
    match (lang, driver) {
        (Lang::Da, Some(d)) => format!("Hvor mange {} har vi råd til?", text::in_sentence(d)),
        (Lang::Da, None) => "Hvor mange enheder har vi råd til?".into(),
        (Lang::En, Some(d)) => format!("How many {} can we afford?", text::in_sentence(d)),
        (Lang::En, None) => "How many units can we afford?".into(),
    }
}

/// "Hvad skal DEB være for at lukke hullet?"
pub fn close_question(source: Option<&str>, lang: Lang) -> String {
    match (lang, source) {
        (Lang::Da, Some(s)) => format!("Hvad skal {s} være for at lukke hullet?"),
        (Lang::Da, None) => "Hvad skal en kilde være for at lukke hullet?".into(),
        (Lang::En, Some(s)) => format!("What must {s} be to close the gap?"),
        (Lang::En, None) => "What must a source be to close the gap?".into(),
    }
}

/// "Hvornår rammer DEB sit loft?"
pub fn cap_question(source: Option<&str>, lang: Lang) -> String {
    match (lang, source) {
        (Lang::Da, Some(s)) => format!("Hvornår rammer {s} sit loft?"),
        (Lang::Da, None) => "Hvornår rammer en kilde sit loft?".into(),
        (Lang::En, Some(s)) => format!("When does {s} reach its cap?"),
        (Lang::En, None) => "When does a source reach its cap?".into(),
    }
}

/// "Intervallet giver 1.501 punkter; der kan højst vises 1.000. Gør trinnet større eller
/// intervallet mindre."
pub fn too_many_points(points: Option<usize>, limit: usize, lang: Lang) -> String {
    let limit = format_plain(Decimal::from(limit), lang);
    let count = points.map(|n| format_plain(Decimal::from(n), lang));
    match (lang, count) {
        (Lang::Da, Some(n)) => format!(
            "Intervallet giver {n} punkter; der kan højst vises {limit}. Gør trinnet større eller intervallet mindre."
        ),
        (Lang::Da, None) => format!(
            "Intervallet giver alt for mange punkter; der kan højst vises {limit}. Gør trinnet større eller intervallet mindre."
        ),
        (Lang::En, Some(n)) => format!(
            "The range gives {n} points; at most {limit} can be shown. Make the step larger or the range smaller."
        ),
        (Lang::En, None) => format!(
            "The range gives far too many points; at most {limit} can be shown. Make the step larger or the range smaller."
        ),
    }
}

/// A vertical marker's label in the sweep chart.
pub enum MarkKind<'a> {
    CapBinds(&'a str),
    CapReleases(&'a str),
    GapOpens,
    GapCloses,
}

/// Where a marker's change happens, as far as the sweep's points tell: at a point, when
/// the points are whole units one apart (the first count with the change), or somewhere
/// between two points.
pub enum At<'a> {
    Point(&'a str),
    Between(&'a str, &'a str),
}

pub fn mark_label(kind: &MarkKind<'_>, at: &At<'_>, lang: Lang) -> String {
    let da = lang == Lang::Da;
    match (at, kind) {
        (At::Point(at), MarkKind::CapBinds(source)) if da => {
            format!("{source}: loftet nås ved {at}")
        }
        (At::Point(at), MarkKind::CapBinds(source)) => format!("{source}: cap reached at {at}"),
        (At::Point(at), MarkKind::CapReleases(source)) if da => {
            format!("{source}: under loftet fra {at}")
        }
        (At::Point(at), MarkKind::CapReleases(source)) => {
            format!("{source}: below its cap from {at}")
        }
        (At::Point(at), MarkKind::GapOpens) if da => format!("Manglende finansiering fra {at}"),
        (At::Point(at), MarkKind::GapOpens) => format!("Funding gap from {at}"),
        (At::Point(at), MarkKind::GapCloses) if da => format!("Fuldt finansieret fra {at}"),
        (At::Point(at), MarkKind::GapCloses) => format!("Fully funded from {at}"),
        (At::Between(a, b), MarkKind::CapBinds(source)) if da => {
            format!("{source}: loftet nås mellem {a} og {b}")
        }
        (At::Between(a, b), MarkKind::CapBinds(source)) => {
            format!("{source}: cap reached between {a} and {b}")
        }
        (At::Between(a, b), MarkKind::CapReleases(source)) if da => {
            format!("{source}: kommer under loftet mellem {a} og {b}")
        }
        (At::Between(a, b), MarkKind::CapReleases(source)) => {
            format!("{source}: falls below its cap between {a} and {b}")
        }
        (At::Between(a, b), MarkKind::GapOpens) if da => {
            format!("Manglende finansiering opstår mellem {a} og {b}")
        }
        (At::Between(a, b), MarkKind::GapOpens) => format!("Funding gap opens between {a} and {b}"),
        (At::Between(a, b), MarkKind::GapCloses) if da => {
            format!("Bliver fuldt finansieret mellem {a} og {b}")
        }
        (At::Between(a, b), MarkKind::GapCloses) => {
            format!("Becomes fully funded between {a} and {b}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cofund::presets::Preset;

    fn scenario() -> Scenario {
        Preset::find("vaekstpilot-150")
            .and_then(|p| p.scenario().ok())
            .expect("preset")
    }

    #[test]
    fn inputs_are_named_in_words() {
        let s = scenario();
        assert_eq!(input_label(&s, Input::Driver(0), Lang::Da), "Vækstpiloter");
        assert_eq!(
            input_label(&s, Input::CostAmount(0), Lang::Da),
            "Budgetpost pr. vækstpilot – beløb"
        );
        assert_eq!(
            input_label(&s, Input::SourceRate(0), Lang::Da),
            "DEB – sats"
        );
        assert_eq!(
            input_label(&s, Input::SourceRate(0), Lang::En),
            "DEB – rate"
        );
        assert_eq!(
            input_label(&s, Input::SourceAmount(1), Lang::Da),
            "Virksomhedernes egenbetaling – beløb pr. enhed"
        );
        assert_eq!(input_label(&s, Input::SourceCap(0), Lang::En), "DEB – cap");
    }

    #[test]
    fn keys_round_trip() {
        for input in [
            Input::Driver(0),
            Input::CostAmount(12),
            Input::SourceRate(3),
            Input::SourceAmount(1),
            Input::SourceCap(2),
        ] {
            assert_eq!(parse_input_key(&input_key(input)), Some(input));
        }
        assert_eq!(parse_input_key(""), None);
        assert_eq!(parse_input_key("x1"), None);
        assert_eq!(parse_input_key("dø"), None);
    }

    #[test]
    fn nouns_and_values() {
        assert_eq!(
            afford_question(Some("Vækstpiloter"), Lang::Da),
            "Hvor mange vækstpiloter har vi råd til?"
        );
        assert_eq!(rate(Decimal::new(125, 1), Lang::Da), "12,5 %");
        assert_eq!(rate(Decimal::new(125, 1), Lang::En), "12.5%");
        assert_eq!(
            Unit::Count.parse("1.000", Lang::Da),
            Ok(Decimal::from(1000))
        );
        assert_eq!(
            too_many_points(Some(1501), 1000, Lang::Da),
            "Intervallet giver 1.501 punkter; der kan højst vises 1.000. Gør trinnet større eller intervallet mindre."
        );
    }
}
