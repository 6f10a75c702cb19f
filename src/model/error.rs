//! The one error type of the model: every refusal names the field path and the value.

use std::fmt;

use crate::numbers::Lang;

/// Why a scenario document was refused, or why its evaluation could not finish.
///
/// Modelled on `serde_json::Error`: one opaque-ish struct with accessors, so the message
/// format can improve without breaking callers, and a [`Problem`] for code that needs to
/// react to a specific cause.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScenarioError {
    path: String,
    problem: Problem,
    got: Option<String>,
}

/// The cause of a [`ScenarioError`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Problem {
    /// The text is not JSON at all.
    Syntax {
        line: usize,
        column: usize,
        detail: String,
    },
    /// `format` is not a version this reader knows.
    UnsupportedFormat,
    /// A required field is absent.
    Missing,
    /// The value has the wrong JSON type.
    WrongType { expected: &'static str },
    /// The value is not a decimal number in canonical form.
    NotADecimal,
    /// Amounts, driver values and caps cannot be negative.
    Negative,
    /// A rate must be between 0 and 100.
    RateOutOfRange,
    /// `years` must be a whole number of at least 1.
    YearsBelowOne,
    /// The value must be a whole number.
    NotWhole,
    /// A `driver` field names a driver that does not exist.
    UnknownDriver,
    /// A source id (e.g. the source a goal seek asks about) that no source has.
    UnknownSource,
    /// An id is used twice in the same list; `first` is the path of the first use.
    DuplicateId { first: String },
    /// A second residual source; `first` is the path of the first one.
    SecondResidual { first: String },
    /// A `kind` (or `of`) value that is not one of `allowed`.
    UnknownKind { allowed: &'static [&'static str] },
    /// A field that format 1 does not have (usually a typo).
    UnknownField { allowed: &'static [&'static str] },
    /// An id or other required text is empty.
    Empty,
    /// Only Danish kroner are supported.
    UnsupportedCurrency,
    /// A driver's `min` is above its `max`.
    MinAboveMax,
    /// A step must be above zero.
    StepNotPositive,
    /// A range (sweep) is empty or runs backwards.
    EmptyRange,
    /// A sweep would produce more points than allowed.
    TooManyPoints { limit: usize },
    /// The numbers are too large for exact decimal arithmetic (about 7,9 · 10^28).
    Overflow,
    /// A number has more digits than exact decimal arithmetic keeps (28 significant
    /// digits), e.g. `0.00000000000000000000000000001`.
    TooPrecise,
    /// A whole number above the largest this field can hold.
    AboveMax { max: u64 },
    /// A field appears twice in one object of the JSON text (its position is given).
    RepeatedField {
        field: String,
        line: usize,
        column: usize,
    },
}

impl ScenarioError {
    pub(crate) fn new(path: impl Into<String>, problem: Problem) -> Self {
        ScenarioError {
            path: path.into(),
            problem,
            got: None,
        }
    }

    /// Attaches the offending value, as the user wrote it.
    pub(crate) fn got(mut self, value: impl Into<String>) -> Self {
        self.got = Some(value.into());
        self
    }

    /// Places the error inside an enclosing document: `prefix` is the path of the embedded
    /// scenario, e.g. `scenarios[2]`, so `sources[0].rate` becomes
    /// `scenarios[2].sources[0].rate` (and a document-level error gets path `scenarios[2]`).
    /// Paths quoted inside the problem (the first use of a duplicate id) are prefixed too.
    pub fn with_prefix(mut self, prefix: &str) -> Self {
        fn join(prefix: &str, path: &str) -> String {
            if prefix.is_empty() {
                path.to_string()
            } else if path.is_empty() {
                prefix.to_string()
            } else if path.starts_with('[') {
                format!("{prefix}{path}")
            } else {
                format!("{prefix}.{path}")
            }
        }
        self.path = join(prefix, &self.path);
        if let Problem::DuplicateId { first } | Problem::SecondResidual { first } =
            &mut self.problem
        {
            *first = join(prefix, first);
        }
        self
    }

    /// The field path, e.g. `sources[0].rate`; empty for the document as a whole.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The cause.
    pub fn problem(&self) -> &Problem {
        &self.problem
    }

    /// The offending value as it appeared in the input, if there was one.
    pub fn value(&self) -> Option<&str> {
        self.got.as_deref()
    }

    /// The whole message in the chosen language, e.g.
    /// `sources[0].rate: must be between 0 and 100, got "150"`.
    pub fn message(&self, lang: Lang) -> String {
        let mut out = String::new();
        if !self.path.is_empty() {
            out.push_str(&self.path);
            out.push_str(": ");
        }
        out.push_str(&self.problem.describe(lang));
        if self.problem == Problem::Missing {
            if let Some(hint) = missing_hint(&self.path, lang) {
                out.push_str(" (");
                out.push_str(&hint);
                out.push(')');
            }
        }
        if let Some(got) = &self.got {
            out.push_str(match lang {
                Lang::Da => ", fik ",
                Lang::En => ", got ",
            });
            out.push_str(got);
        }
        out
    }
}

/// What a missing field takes, by the field's name (the path's last part): "years: is
/// missing" left the reader of a command line's message to look the form up (a QA round).
fn missing_hint(path: &str, lang: Lang) -> Option<String> {
    let field = path.rsplit('.').next().unwrap_or(path);
    let da = lang == Lang::Da;
    Some(match field {
        "years" => pick(
            da,
            "et helt antal år, mindst 1, fx 3",
            "a whole number of years, at least 1, e.g. 3",
        ),
        "amount" | "cap" => pick(
            da,
            "et beløb som tekst, fx \"100000\"",
            "an amount as text, e.g. \"100000\"",
        ),
        "rate" => pick(
            da,
            "en procentsats fra 0 til 100 som tekst, fx \"50\"",
            "a percentage from 0 to 100 as text, e.g. \"50\"",
        ),
        "value" => pick(
            da,
            "et antal som tekst, fx \"150\"",
            "a count as text, e.g. \"150\"",
        ),
        "driver" => pick(
            da,
            "id'et på en af scenariets enheder",
            "the id of one of the scenario's drivers",
        ),
        "id" | "label" | "name" => pick(da, "en tekst", "a text"),
        "currency" => "\"DKK\"".into(),
        "format" => pick(da, "formatversionen, 1", "the format version, 1"),
        // A cost line's kinds or a source's, as an unknown kind lists them.
        "kind" => {
            let kinds = if path.starts_with("costs") {
                super::read::COST_KINDS
            } else {
                super::read::SOURCE_KINDS
            };
            format!("{} {}", pick(da, "én af", "one of"), kinds.join(", "))
        }
        _ => return None,
    })
}

impl Problem {
    /// What is wrong, in words, without the path or value.
    pub fn describe(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        match self {
            Problem::Syntax {
                line,
                column,
                detail,
            } => {
                let reason = syntax_reason(detail, da);
                if da {
                    format!("ikke gyldig JSON (linje {line}, kolonne {column}){reason}")
                } else {
                    format!("not valid JSON (line {line}, column {column}){reason}")
                }
            }
            Problem::UnsupportedFormat => {
                if da {
                    "ukendt formatversion; denne version af Cofund læser format 1 (filen er måske lavet af en nyere version)".into()
                } else {
                    "unknown format version; this version of Cofund reads format 1 (the file may come from a newer version)".into()
                }
            }
            Problem::Missing => pick(da, "mangler", "is missing"),
            Problem::WrongType { expected } => {
                if da {
                    format!("skal være {}", expected_da(expected))
                } else {
                    format!("must be {expected}")
                }
            }
            Problem::NotADecimal => pick(
                da,
                "skal være et decimaltal som \"21900000\" eller \"12500.50\" (uden tusindtalsseparator, punktum som decimaltegn)",
                "must be a decimal number such as \"21900000\" or \"12500.50\" (no thousands separators, '.' as decimal mark)",
            ),
            Problem::Negative => pick(da, "må ikke være negativ", "must not be negative"),
            Problem::RateOutOfRange => pick(da, "skal være mellem 0 og 100", "must be between 0 and 100"),
            Problem::YearsBelowOne => pick(da, "skal være mindst 1", "must be at least 1"),
            Problem::NotWhole => pick(da, "skal være et helt tal", "must be a whole number"),
            Problem::UnknownDriver => pick(da, "henviser til en enhed, der ikke findes", "refers to a driver that does not exist"),
            Problem::UnknownSource => pick(da, "henviser til en finansieringskilde, der ikke findes", "refers to a funding source that does not exist"),
            Problem::DuplicateId { first } => {
                if da {
                    format!("id'et er allerede brugt i {first}")
                } else {
                    format!("duplicate id, already used by {first}")
                }
            }
            Problem::SecondResidual { first } => {
                if da {
                    format!("der må højst være én restfinansiering (residual); {first} er allerede en")
                } else {
                    format!("at most one residual source is allowed; {first} is one already")
                }
            }
            Problem::UnknownKind { allowed } | Problem::UnknownField { allowed } => {
                let list = allowed.join(", ");
                let field = matches!(self, Problem::UnknownField { .. });
                match (da, field) {
                    (true, true) => format!("ukendt felt; tilladte felter: {list}"),
                    (true, false) => format!("ukendt værdi; tilladte værdier: {list}"),
                    (false, true) => format!("unknown field; allowed fields: {list}"),
                    (false, false) => format!("unknown value; allowed values: {list}"),
                }
            }
            Problem::Empty => pick(da, "må ikke være tom", "must not be empty"),
            Problem::UnsupportedCurrency => pick(da, "kun \"DKK\" understøttes", "only \"DKK\" is supported"),
            Problem::MinAboveMax => pick(da, "min er større end max", "min is greater than max"),
            Problem::StepNotPositive => pick(da, "skal være større end 0", "must be greater than 0"),
            Problem::EmptyRange => pick(da, "intervallet er tomt (det begynder efter, at det slutter)", "the range is empty (it starts after it ends)"),
            Problem::TooManyPoints { limit } => {
                let limit = crate::numbers::format_plain((*limit as u64).into(), lang);
                if da {
                    format!("for mange punkter; højst {limit}")
                } else {
                    format!("too many points; at most {limit}")
                }
            }
            Problem::TooPrecise => pick(
                da,
                "har flere cifre, end der kan regnes præcist med (højst 28 decimaler og 28–29 cifre i alt)",
                "has more digits than can be computed exactly (at most 28 decimals and 28–29 digits in all)",
            ),
            Problem::AboveMax { max } => {
                let max = crate::numbers::format_plain((*max).into(), lang);
                if da {
                    format!("må højst være {max}")
                } else {
                    format!("must be at most {max}")
                }
            }
            Problem::RepeatedField {
                field,
                line,
                column,
            } => {
                if da {
                    format!("feltet \"{field}\" står to gange i samme objekt (linje {line}, kolonne {column}); hvert felt må kun stå én gang")
                } else {
                    format!("the field \"{field}\" is given twice in the same object (line {line}, column {column}); each field may appear only once")
                }
            }
            Problem::Overflow => pick(
                da,
                "kan ikke regnes præcist: værdien, eller et produkt eller en sum beregnet af den, er over ca. 7,9 · 10^28 eller kræver flere end 28 cifre",
                "cannot be computed exactly: the value, or a product or sum computed from it, is above about 7.9 · 10^28 or needs more than 28 digits",
            ),
        }
    }
}

/// A text quoted as the model's messages quote a value (`got "smes"`): in JSON quotes with
/// JSON's escapes, shortened past 60 characters. For ids that reach a message from
/// elsewhere than a document (a sweep's `--driver`, a goal seek's source, the command
/// line's arguments), so that they read like the values the reader quotes.
pub fn quote(text: &str) -> String {
    super::read::show(&serde_json::Value::String(text.to_string()))
}

/// serde_json's reason in plain words (`: the text ends too early …`), for the reasons a
/// hand-edited file runs into; another reason is given as serde_json words it in English,
/// and not at all in Danish (the position is what helps most).
fn syntax_reason(detail: &str, da: bool) -> String {
    const KNOWN: &[(&str, &str, &str)] = &[
        (
            "EOF while parsing",
            "teksten slutter for tidligt; mangler der en afslutning (\", ] eller }) til sidst?",
            "the text ends too early; is a closing \", ] or } missing at the end?",
        ),
        (
            "trailing comma",
            "et komma for meget før ] eller }",
            "a comma too many before ] or }",
        ),
        (
            "trailing characters",
            "der står mere efter dokumentets afslutning",
            "there is more after the end of the document",
        ),
        (
            "key must be a string",
            "et feltnavn skal stå i anførselstegn",
            "a field name must be in quotes",
        ),
        (
            "expected value",
            "der mangler en værdi (et tal, en tekst i anførselstegn, true, false, null, [ eller {)",
            "a value is missing (a number, a text in quotes, true, false, null, [ or {)",
        ),
        (
            "expected `:`",
            "der mangler et kolon efter et feltnavn",
            "a colon is missing after a field name",
        ),
        (
            "expected `,` or `}`",
            "der mangler et komma eller en }",
            "a comma or a } is missing",
        ),
        (
            "expected `,` or `]`",
            "der mangler et komma eller en ]",
            "a comma or a ] is missing",
        ),
        (
            "control character",
            "en tekst har et linjeskift eller et andet styretegn; skriv det som \\n",
            "a text holds a line break or another control character; write it as \\n",
        ),
        (
            "invalid escape",
            "en tekst har en ugyldig \\-sekvens",
            "a text holds an invalid \\ sequence",
        ),
        (
            "unexpected end of hex escape",
            "en tekst har en ufuldstændig \\u-sekvens",
            "a text holds an incomplete \\u sequence",
        ),
        (
            "lone leading surrogate",
            "en tekst har en halv \\u-sekvens: et surrogat (\\ud800–\\udbff) uden sin anden halvdel",
            "a text holds half a \\u pair: a surrogate (\\ud800–\\udbff) without its second half",
        ),
        (
            "invalid number",
            "et tal er skrevet forkert",
            "a number is written wrongly",
        ),
        (
            "number out of range",
            "et tal er for stort",
            "a number is too large",
        ),
        (
            "recursion limit exceeded",
            "dokumentet er indlejret for dybt",
            "the document is nested too deeply",
        ),
    ];
    match KNOWN.iter().find(|(start, ..)| detail.starts_with(start)) {
        Some((_, danish, english)) => format!(": {}", if da { danish } else { english }),
        None if da || detail.is_empty() => String::new(),
        None => format!(": {detail}"),
    }
}

fn pick(da: bool, danish: &str, english: &str) -> String {
    if da { danish } else { english }.to_string()
}

fn expected_da(expected: &str) -> &str {
    match expected {
        "a string" => "en tekst",
        "an object" => "et objekt",
        "an array" => "en liste",
        "true or false" => "true eller false",
        "a number or a decimal string" => "et tal eller en decimaltekst",
        "a whole number" => "et helt tal",
        other => other,
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ScenarioError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_path_problem_and_value() {
        let err = ScenarioError::new("sources[0].rate", Problem::RateOutOfRange).got("\"150\"");
        assert_eq!(
            err.to_string(),
            "sources[0].rate: must be between 0 and 100, got \"150\""
        );
        assert_eq!(
            err.message(Lang::Da),
            "sources[0].rate: skal være mellem 0 og 100, fik \"150\""
        );
    }

    /// A hand-edited file's usual slips get words in both languages, not serde_json's.
    #[test]
    fn syntax_errors_say_what_is_wrong() {
        for (text, danish) in [
            ("{\"format\": 1", "teksten slutter for tidligt"),
            ("{\"format\": 1,}", "et komma for meget før ] eller }"),
            ("{format: 1}", "et feltnavn skal stå i anførselstegn"),
            (
                "{\"format\": 1} x",
                "der står mere efter dokumentets afslutning",
            ),
            ("{\"name\": \"a\nb\"}", "en tekst har et linjeskift"),
        ] {
            let err = crate::model::parse_json(text).unwrap_err();
            let message = err.message(Lang::Da);
            assert!(message.contains(danish), "{text:?}: {message}");
            assert!(!err.message(Lang::En).contains("EOF"), "{text:?}");
        }
    }

    #[test]
    fn a_missing_kind_lists_the_kinds_of_its_list() {
        let cost = ScenarioError::new("costs[0].kind", Problem::Missing);
        assert_eq!(
            cost.message(Lang::En),
            "costs[0].kind: is missing (one of fixed, per_unit, per_year, per_unit_per_year)"
        );
        let source = ScenarioError::new("sources[2].kind", Problem::Missing);
        assert!(source
            .message(Lang::Da)
            .ends_with("(én af share, per_unit, fixed, per_year, residual)"));
    }

    #[test]
    fn document_level_error_has_no_leading_colon() {
        let err = ScenarioError::new("", Problem::Missing);
        assert_eq!(err.to_string(), "is missing");
    }

    #[test]
    fn quote_is_json_quoting_not_rust_debug() {
        assert_eq!(quote("smes"), "\"smes\"");
        assert_eq!(quote("x\u{200b}y"), "\"x\u{200b}y\"");
        assert_eq!(quote("say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(quote(&"a".repeat(100)), format!("\"{}...", "a".repeat(56)));
    }
}
