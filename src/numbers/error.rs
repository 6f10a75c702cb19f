//! Why a text was not accepted as a number, in words a user can act on.
//!
//! A refusal is only useful if it says what was wrong *and* what would have been
//! accepted, so every message ends with a concrete example. Where the input lets us see
//! what was probably meant (a thousands group with a digit too many, English notation in
//! a Danish field), the example is built from the user's own digits; it is still only a
//! suggestion, never applied silently.

use std::fmt;

use rust_decimal::Decimal;

use crate::text::full_stop;

use super::format::{format_input, format_ungrouped};
use super::Lang;

/// What kind of problem a [`NumberError`] reports. Stable and matchable: the user
/// interface may use it to choose an icon or to decide whether to offer the suggestion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NumberErrorKind {
    /// Nothing but whitespace.
    Empty,
    /// No digits, or digits mixed with text that makes it no number at all.
    NotANumber,
    /// Thousands separators in the wrong place: a group that does not have three
    /// digits (`32.850.0000`), two separators in a row, a separator at the end, dots
    /// and spaces mixed, a thousands separator after the decimal mark, or a decimal
    /// mark with nothing after it.
    BadGrouping,
    /// A single thousands separator that cannot be a thousands separator, most likely
    /// the other language's decimal mark (Danish `1.5`, English `1,5`).
    AmbiguousSeparator,
    /// More than one decimal mark (Danish `1,000,000`, English `1.2.3`).
    MultipleDecimalMarks,
    /// A negative number where only zero or more makes sense.
    Negative,
    /// A rate (percentage) above 100.
    RateAboveHundred,
    /// Larger than `Decimal` can hold (about 7.9 · 10^28).
    TooLarge,
    /// More significant digits than `Decimal` can hold exactly (28); refused rather
    /// than silently rounded.
    TooPrecise,
    /// A word or sign that does not belong: an unknown unit, a currency in a rate or a
    /// count, a percent sign in an amount, a unit given twice, or Danish `billion`.
    UnexpectedUnit,
}

/// What was being parsed; chooses the examples in the message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Field {
    Amount,
    Signed,
    Rate,
    Count,
}

/// The particular problem, with what the message needs to name it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Detail {
    None,
    /// A group after the first with `len` digits instead of three.
    GroupSize {
        sep: char,
        len: usize,
    },
    /// A first group of more than three digits before a separator.
    FirstGroupTooLong {
        sep: char,
        len: usize,
    },
    /// A grouped number whose first group is zero (`0 500`).
    ZeroFirstGroup {
        sep: char,
    },
    DoubledSeparator {
        sep: char,
    },
    LeadingSeparator {
        sep: char,
    },
    TrailingSeparator {
        sep: char,
    },
    MixedSeparators {
        mark: char,
    },
    SeparatorAfterDecimalMark {
        sep: char,
        mark: char,
    },
    TrailingDecimalMark {
        mark: char,
    },
    Ambiguous {
        sep: char,
    },
    /// One decimal mark with exactly three digits after it and one to three before
    /// (Danish `1,500`, English `46.000`): the other language's thousands separator too.
    /// The suggestion is the thousands reading.
    ThreeDecimals {
        mark: char,
    },
    MultipleDecimalMarks {
        mark: char,
    },
    UnknownUnit {
        word: String,
    },
    RepeatedUnit {
        word: String,
    },
    /// Two different scale words (`1.000 mio. mia.`): each given once, but one too many.
    TwoScales {
        first: String,
        second: String,
    },
    PercentNotAllowed,
    CurrencyNotAllowed,
    ScaleNotAllowed {
        word: String,
    },
    DanishBillion,
}

/// A text that was not accepted as a number.
///
/// `kind` is for code; [`NumberError::message`] is for people. The message is built on
/// demand so the same error can be shown in either language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NumberError {
    /// What kind of problem this is.
    pub kind: NumberErrorKind,
    /// The text as typed, without surrounding whitespace.
    pub text: String,
    /// The language the text was read in; examples in messages use its notation.
    pub lang: Lang,
    field: Field,
    detail: Detail,
    suggestion: Option<Decimal>,
    /// The input's scale word and its power of ten (`mio.`, 6): a suggestion is written
    /// with it, as the user wrote the number.
    scale: Option<(&'static str, u32)>,
}

/// Messages quote the input; a pasted page of text should not become the message.
const QUOTE_LIMIT: usize = 40;

impl NumberError {
    pub(crate) fn new(
        kind: NumberErrorKind,
        text: &str,
        lang: Lang,
        field: Field,
        detail: Detail,
        suggestion: Option<Decimal>,
    ) -> NumberError {
        NumberError {
            kind,
            text: text.to_string(),
            lang,
            field,
            detail,
            suggestion,
            scale: None,
        }
    }

    pub(crate) fn with_scale(mut self, scale: Option<(&'static str, u32)>) -> NumberError {
        self.scale = scale;
        self
    }

    /// `value` as the message writes it: grouped (`21.900.000`) or not (`21900000`), and
    /// with the input's scale word when it had one (`21,9 mio.`).
    fn written(&self, value: Decimal, grouped: bool) -> String {
        let digits = |v: Decimal| {
            if grouped {
                format_input(v, self.lang)
            } else {
                format_ungrouped(v, self.lang)
            }
        };
        if let Some((word, power)) = self.scale {
            if let Some(scaled) = value.checked_div(Decimal::from(10u64.pow(power))) {
                return format!("{} {word}", digits(scaled.normalize()));
            }
        }
        digits(value)
    }

    /// Whether the text is the beginning of a number the field takes (`21,` of `21,9`,
    /// `21,9 m` of `21,9 mio.`, or nothing yet) rather than a mistake no further typing
    /// mends (`32.850.0000`). An editor shows the message of an unfinished text only once
    /// the user stops typing, so that typing a valid number never flashes an error.
    pub fn is_unfinished(&self) -> bool {
        super::parse::could_continue(&self.text, self.lang, self.field)
    }

    /// The value the message suggests, when the input lets us see what was probably
    /// meant (e.g. 32850000 for `32.850.0000`). Only ever offered, never applied: the
    /// user has to confirm it, because the guess can be wrong.
    pub fn suggestion(&self) -> Option<Decimal> {
        self.suggestion
    }

    /// A sentence or two in `lang` saying what was wrong and what would be accepted,
    /// e.g. `»32.850.0000« har en gruppe på 4 cifre efter et punktum. Skriv fx
    /// 32.850.000 eller 32850000.`
    pub fn message(&self, lang: Lang) -> String {
        let t = self.quoted(lang);
        let problem = match &self.detail {
            Detail::None => self.plain_problem(lang, &t),
            Detail::GroupSize { sep, len } => match lang {
                Lang::Da => format!(
                    "{t} har en gruppe på {} efter {}.",
                    digits(lang, *len),
                    sep_name_da(*sep)
                ),
                Lang::En => format!(
                    "{t} has a group of {} after {}.",
                    digits(lang, *len),
                    sep_name_en(*sep)
                ),
            },
            Detail::FirstGroupTooLong { sep, len } => match lang {
                Lang::Da => format!(
                    "{t} har {} før det første {}; en tusindtalsgruppe har højst 3.",
                    digits(lang, *len),
                    sep_bare_da(*sep)
                ),
                Lang::En => format!(
                    "{t} has {} before the first {}; a thousands group has at most 3 digits.",
                    digits(lang, *len),
                    sep_bare_en(*sep)
                ),
            },
            Detail::ZeroFirstGroup { sep } => match lang {
                Lang::Da => format!(
                    "{t} begynder med 0 foran {}; et tal med tusindtalsgrupper begynder ikke med 0.",
                    sep_name_da(*sep)
                ),
                Lang::En => format!(
                    "{t} starts with 0 before {}; a number with thousands groups does not start with 0.",
                    sep_name_en(*sep)
                ),
            },
            Detail::DoubledSeparator { sep } => match lang {
                Lang::Da => format!("{t} har to {} i træk.", sep_plural_da(*sep)),
                Lang::En => format!("{t} has two {} in a row.", sep_plural_en(*sep)),
            },
            Detail::LeadingSeparator { sep } => match lang {
                Lang::Da => format!("{t} begynder med {}.", sep_name_da(*sep)),
                Lang::En => format!("{t} starts with {}.", sep_name_en(*sep)),
            },
            Detail::TrailingSeparator { sep } => match lang {
                Lang::Da => format!("{t} slutter med {}.", sep_name_da(*sep)),
                Lang::En => format!("{t} ends with {}.", sep_name_en(*sep)),
            },
            Detail::MixedSeparators { mark } => match lang {
                Lang::Da => format!(
                    "{t} blander {} og mellemrum som tusindtalsseparatorer.",
                    sep_bare_da(*mark)
                ),
                Lang::En => format!(
                    "{t} mixes spaces and {} as thousands separators.",
                    mark_plural_en(*mark)
                ),
            },
            Detail::SeparatorAfterDecimalMark { sep, mark } => match lang {
                Lang::Da => format!(
                    "{t} har {} efter {}.",
                    sep_name_da(*sep),
                    decimal_mark_da(*mark)
                ),
                Lang::En => format!(
                    "{t} has {} after the {}.",
                    sep_article_en(*sep),
                    decimal_mark_en(*mark)
                ),
            },
            Detail::TrailingDecimalMark { mark } => match lang {
                Lang::Da => format!(
                    "{t} slutter med {} uden decimaler efter.",
                    decimal_mark_indef_da(*mark)
                ),
                Lang::En => format!(
                    "{t} ends with a {} and no decimals after it.",
                    decimal_mark_en(*mark)
                ),
            },
            Detail::ThreeDecimals { mark } => {
                if let Some(thousands) = self.suggestion {
                    let decimal = thousands / Decimal::from(1000);
                    let (big, small) = (self.written(thousands, true), self.written(decimal, true));
                    return match lang {
                        Lang::Da => {
                            let (other, what) = match mark {
                                ',' => ("på engelsk", "kommaet er et decimalkomma"),
                                _ => ("på dansk", "punktummet er et decimaltegn"),
                            };
                            format!(
                                "{t} er tvetydigt: {other} adskiller {} tusinder. Skriv {big}, hvis du mener tusinder, eller {small}, hvis {what}.",
                                sep_bare_da(*mark)
                            )
                        }
                        Lang::En => {
                            let (other, what) = match mark {
                                ',' => ("in English", "the comma is a decimal comma"),
                                _ => ("in Danish", "the dot is a decimal point"),
                            };
                            format!(
                                "{t} is ambiguous: {other} a {} separates thousands. Write {big} if you mean thousands, or {small} if {what}.",
                                sep_bare_en(*mark)
                            )
                        }
                    };
                }
                self.plain_problem(lang, &t)
            }
            Detail::Ambiguous { sep } => {
                let (da_lang, en_lang) = match self.lang {
                    Lang::Da => ("på dansk", "in Danish"),
                    Lang::En => ("på engelsk", "in English"),
                };
                let reading = self.suggestion.map(|v| self.written(v, false));
                match (lang, reading) {
                    // `full_stop`: a reading may end in a scale word's own stop (`14,3 mio.`).
                    (Lang::Da, Some(r)) => {
                        return full_stop(format!(
                            "{t} er tvetydigt: {da_lang} adskiller {} tusinder og skal efterfølges af præcis 3 cifre. Mener du et decimaltal, så skriv {r}",
                            sep_bare_da(*sep)
                        ))
                    }
                    (Lang::En, Some(r)) => {
                        return full_stop(format!(
                            "{t} is ambiguous: {en_lang} a {} separates thousands and must be followed by exactly 3 digits. If you mean a decimal number, write {r}",
                            sep_bare_en(*sep)
                        ))
                    }
                    (Lang::Da, None) => format!(
                        "{t} er tvetydigt: {da_lang} adskiller {} tusinder og skal efterfølges af præcis 3 cifre.",
                        sep_bare_da(*sep)
                    ),
                    (Lang::En, None) => format!(
                        "{t} is ambiguous: {en_lang} a {} separates thousands and must be followed by exactly 3 digits.",
                        sep_bare_en(*sep)
                    ),
                }
            }
            Detail::MultipleDecimalMarks { mark } => match lang {
                Lang::Da => format!("{t} har mere end ét {}.", decimal_mark_bare_da(*mark)),
                Lang::En => format!("{t} has more than one {}.", decimal_mark_en(*mark)),
            },
            Detail::UnknownUnit { word } => match lang {
                Lang::Da => format!(
                    "{t} indeholder »{}«, som feltet ikke kan læse.",
                    clip(word)
                ),
                Lang::En => format!(
                    "{t} contains “{}”, which the field cannot read.",
                    clip(word)
                ),
            },
            Detail::RepeatedUnit { word } => match lang {
                Lang::Da => format!("{t} angiver »{}« mere end én gang.", clip(word)),
                Lang::En => format!("{t} gives “{}” more than once.", clip(word)),
            },
            Detail::TwoScales { first, second } => match lang {
                Lang::Da => format!(
                    "{t} har både »{}« og »{}«; skriv kun én af dem.",
                    clip(first),
                    clip(second)
                ),
                Lang::En => format!(
                    "{t} has both “{}” and “{}”; write only one of them.",
                    clip(first),
                    clip(second)
                ),
            },
            Detail::PercentNotAllowed => match lang {
                Lang::Da => format!(
                    "{t} er en procentsats, men her skal stå {}.",
                    field_words(lang, self.field)
                ),
                Lang::En => format!(
                    "{t} is a percentage, but this field needs {}.",
                    field_words(lang, self.field)
                ),
            },
            Detail::CurrencyNotAllowed => match lang {
                Lang::Da => format!(
                    "{t} er et beløb i kroner, men her skal stå {}.",
                    field_words(lang, self.field)
                ),
                Lang::En => format!(
                    "{t} is an amount of money, but this field needs {}.",
                    field_words(lang, self.field)
                ),
            },
            Detail::ScaleNotAllowed { word } => match lang {
                Lang::Da => format!(
                    "{t} indeholder »{}«, men en sats skrives i procent uden mio. eller mia.",
                    clip(word)
                ),
                Lang::En => format!(
                    "{t} contains “{}”, but a rate is written in per cent, without millions or billions.",
                    clip(word)
                ),
            },
            Detail::DanishBillion => match lang {
                Lang::Da => format!(
                    "{t} indeholder »billion«, som på dansk betyder en million millioner. Skriv mia. for milliarder, fx 1,2 mia. kr."
                ),
                Lang::En => format!(
                    "{t} contains “billion”, which in Danish means a million millions. Write mia. for thousand millions, e.g. 1,2 mia. kr."
                ),
            },
        };
        if self.detail == Detail::DanishBillion {
            return problem;
        }
        let remedy = self.remedy(lang);
        if remedy.is_empty() {
            problem
        } else {
            format!("{problem} {remedy}")
        }
    }

    /// The problem sentence for errors that need no detail beyond their kind.
    fn plain_problem(&self, lang: Lang, t: &str) -> String {
        use NumberErrorKind as K;
        match (lang, &self.kind) {
            (Lang::Da, K::Empty) => "Feltet er tomt.".to_string(),
            (Lang::En, K::Empty) => "The field is empty.".to_string(),
            (Lang::Da, K::Negative) => match self.field {
                Field::Rate => format!("{t} er negativt; en sats skal være mellem 0 og 100 %."),
                _ => format!("{t} er negativt; her skal tallet være 0 eller større."),
            },
            (Lang::En, K::Negative) => match self.field {
                Field::Rate => format!("{t} is negative; a rate must be from 0 to 100%."),
                _ => format!("{t} is negative; this field needs 0 or more."),
            },
            (Lang::Da, K::RateAboveHundred) => {
                format!("{t} er over 100 %; en sats skal være mellem 0 og 100 %.")
            }
            (Lang::En, K::RateAboveHundred) => {
                format!("{t} is above 100%; a rate must be from 0 to 100%.")
            }
            (Lang::Da, K::TooLarge) => format!(
                "{t} er for stort; det største tal, der kan regnes præcist med, er ca. 7,9 · 10^28."
            ),
            (Lang::En, K::TooLarge) => format!(
                "{t} is too large; the largest number that can be computed exactly is about 7.9 · 10^28."
            ),
            (Lang::Da, K::TooPrecise) => format!(
                "{t} har for mange cifre til at regne præcist med (højst 28 decimaler og 28–29 cifre i alt). Skriv færre decimaler."
            ),
            (Lang::En, K::TooPrecise) => format!(
                "{t} has too many digits to compute exactly (at most 28 decimals and 28–29 digits in all). Use fewer decimals."
            ),
            (Lang::Da, _) => format!("{t} er ikke et tal."),
            (Lang::En, _) => format!("{t} is not a number."),
        }
    }

    /// The closing sentence: the suggestion built from the input if there is one,
    /// otherwise general examples for the field.
    fn remedy(&self, lang: Lang) -> String {
        let words = Words::of(lang);
        if self.kind == NumberErrorKind::TooPrecise {
            return String::new();
        }
        match self.suggestion {
            Some(value) => {
                let grouped = self.written(value, true);
                let plain = self.written(value, false);
                let sentence = if grouped == plain {
                    format!("{} {grouped}", words.write)
                } else {
                    format!("{} {grouped} {} {plain}", words.write, words.or)
                };
                // "Skriv fx 100." for a refused `100.` would read as the input itself: the
                // sentence says that the dot goes.
                if self.text.trim() == format!("{plain}.") {
                    return format!("{sentence}{}", words.without_the_dot);
                }
                full_stop(sentence)
            }
            None => {
                let examples = examples(self.field, self.lang, lang);
                // `… 21,9 mio. kr.` already ends the sentence.
                let stop = if examples.ends_with('.') { "" } else { "." };
                format!("{} {examples}{stop}", words.write)
            }
        }
    }

    /// The input in the quotation marks of `lang`, shortened if very long.
    fn quoted(&self, lang: Lang) -> String {
        let text = clip(&self.text);
        match lang {
            Lang::Da => format!("»{text}«"),
            Lang::En => format!("“{text}”"),
        }
    }
}

impl fmt::Display for NumberError {
    /// The English message; use [`NumberError::message`] for Danish.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for NumberError {}

/// Shortens `text` to [`QUOTE_LIMIT`] characters with an ellipsis, and shows its control
/// characters as their Unicode pictures (`␉` for a tab): pasted from a spreadsheet, `100`,
/// a tab and `000` would otherwise be quoted as `»100 000«`, which looks like a number the
/// field reads.
fn clip(text: &str) -> String {
    let visible = |c: char| match c {
        '\u{0}'..='\u{1f}' => char::from_u32(0x2400 + c as u32).unwrap_or(c),
        '\u{7f}' => '\u{2421}',
        _ => c,
    };
    if text.chars().count() <= QUOTE_LIMIT {
        text.chars().map(visible).collect()
    } else {
        let mut short: String = text.chars().take(QUOTE_LIMIT - 1).map(visible).collect();
        short.push('…');
        short
    }
}

/// General examples for a field, in the notation of the language the field is read in.
fn examples(field: Field, notation: Lang, lang: Lang) -> String {
    let or = Words::of(lang).or;
    let list = match (field, notation) {
        (Field::Amount, Lang::Da) => ["21.900.000", "21,9 mio. kr."],
        (Field::Amount, Lang::En) => ["21,900,000", "DKK 21.9m"],
        (Field::Signed, Lang::Da) => ["−1.000", "21,9 mio. kr."],
        (Field::Signed, Lang::En) => ["−1,000", "DKK 21.9m"],
        (Field::Rate, Lang::Da) => ["50", "12,5 %"],
        (Field::Rate, Lang::En) => ["50", "12.5%"],
        (Field::Count, Lang::Da) => ["225", "1.500"],
        (Field::Count, Lang::En) => ["225", "1,500"],
    };
    format!("{} {or} {}", list[0], list[1])
}

/// Small words of each language.
struct Words {
    write: &'static str,
    or: &'static str,
    without_the_dot: &'static str,
}

impl Words {
    fn of(lang: Lang) -> Words {
        match lang {
            Lang::Da => Words {
                write: "Skriv fx",
                or: "eller",
                without_the_dot: " – uden punktummet til sidst.",
            },
            Lang::En => Words {
                write: "Write e.g.",
                or: "or",
                without_the_dot: ", without the dot at the end.",
            },
        }
    }
}

/// What the field asks for, as the object of "here must stand …".
fn field_words(lang: Lang, field: Field) -> &'static str {
    match (lang, field) {
        (Lang::Da, Field::Rate) => "en sats i procent",
        (Lang::Da, Field::Count) => "et antal",
        (Lang::Da, _) => "et beløb",
        (Lang::En, Field::Rate) => "a rate in per cent",
        (Lang::En, Field::Count) => "a count",
        (Lang::En, _) => "an amount",
    }
}

fn digits(lang: Lang, n: usize) -> String {
    match (lang, n) {
        (Lang::Da, 1) => "1 ciffer".to_string(),
        (Lang::Da, n) => format!("{n} cifre"),
        (Lang::En, 1) => "1 digit".to_string(),
        (Lang::En, n) => format!("{n} digits"),
    }
}

fn sep_bare_da(sep: char) -> &'static str {
    match sep {
        '.' => "punktum",
        ',' => "komma",
        _ => "mellemrum",
    }
}

fn sep_name_da(sep: char) -> &'static str {
    match sep {
        '.' => "et punktum",
        ',' => "et komma",
        _ => "et mellemrum",
    }
}

fn sep_plural_da(sep: char) -> &'static str {
    match sep {
        '.' => "punktummer",
        ',' => "kommaer",
        _ => "mellemrum",
    }
}

fn sep_bare_en(sep: char) -> &'static str {
    match sep {
        '.' => "dot",
        ',' => "comma",
        _ => "space",
    }
}

/// English names a punctuation group mark by its role, a space by itself.
fn sep_name_en(sep: char) -> &'static str {
    match sep {
        '.' | ',' => "a thousands separator",
        _ => "a space",
    }
}

fn sep_article_en(sep: char) -> &'static str {
    match sep {
        '.' => "a dot",
        ',' => "a comma",
        _ => "a space",
    }
}

fn sep_plural_en(sep: char) -> &'static str {
    match sep {
        '.' | ',' => "thousands separators",
        _ => "spaces",
    }
}

fn mark_plural_en(mark: char) -> &'static str {
    match mark {
        '.' => "dots",
        _ => "commas",
    }
}

fn decimal_mark_da(mark: char) -> &'static str {
    match mark {
        ',' => "decimalkommaet",
        _ => "decimalpunktummet",
    }
}

fn decimal_mark_indef_da(mark: char) -> &'static str {
    match mark {
        ',' => "et decimalkomma",
        _ => "et decimalpunktum",
    }
}

fn decimal_mark_bare_da(mark: char) -> &'static str {
    match mark {
        ',' => "decimalkomma",
        _ => "decimalpunktum",
    }
}

fn decimal_mark_en(mark: char) -> &'static str {
    match mark {
        ',' => "decimal comma",
        _ => "decimal point",
    }
}
