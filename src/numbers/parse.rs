//! Reading numbers that people type or paste.
//!
//! The text is read in three steps, so that each kind of mistake gets its own message:
//!
//! 1. **Lexing** splits off a sign, a currency before the number (`kr. 1.000`,
//!    `DKK 1,000`), the number itself, and the words after it: a scale (`mio.`, `mia.`,
//!    `m`, `bn`, …), a currency (`kr.`, `DKK`) and a percent sign, in any order, each at
//!    most once.
//! 2. **The number** is checked strictly against the language's notation (see the
//!    module documentation of [`super`] for the ambiguous cases) and kept as digit
//!    strings.
//! 3. **The value** is built exactly from the digits; a scale word moves the decimal
//!    mark (`21,9 mio.` → `21900000`) instead of multiplying, so nothing is rounded and
//!    overflow is detected rather than wrapped or rounded away.
//!
//! Nothing here panics on any input: there is no indexing that could fall off a
//! character boundary (all slicing is at ASCII characters we found ourselves) and all
//! arithmetic is checked.

use rust_decimal::prelude::*;

use crate::model::exact::rounded_mul;

use super::error::{Detail, Field, NumberError, NumberErrorKind as K};
use super::Lang;

/// The largest mantissa `Decimal` can hold: 2^96 − 1.
const MAX_MANTISSA: u128 = (1u128 << 96) - 1;

/// An amount of money, zero or more: `21.900.000`, `21,9 mio. kr.`, `DKK 21.9m`.
///
/// Negative amounts are refused ([`K::Negative`]) because every amount the user types
/// (a budget, a salary, a cap) is a quantity; differences come out of the model.
pub fn parse_amount(text: &str, lang: Lang) -> Result<Decimal, NumberError> {
    parse(text, lang, Field::Amount)
}

/// Like [`parse_amount`] but negative values are allowed (`−1.000 kr.`, `-5`), for
/// adjustments and for reading back what [`super::format_plain`] and
/// [`super::format_signed_amount`] wrote.
pub fn parse_signed(text: &str, lang: Lang) -> Result<Decimal, NumberError> {
    parse(text, lang, Field::Signed)
}

/// A rate in per cent, from 0 to 100 inclusive: `12,5 %`, `12,5%`, `12,5 pct.` and
/// `12,5` all give `12.5` (per cent, not the fraction 0.125). A currency or a scale word
/// is refused: a rate is neither money nor millions.
pub fn parse_rate(text: &str, lang: Lang) -> Result<Decimal, NumberError> {
    parse(text, lang, Field::Rate)
}

/// A count (pilots, SMEs, years), zero or more. Fractions are allowed because some
/// counts are averages (4,5 months); scale words are accepted (`1,2 mio.` inhabitants),
/// but a currency or a percent sign is refused as it means the wrong field was used.
pub fn parse_count(text: &str, lang: Lang) -> Result<Decimal, NumberError> {
    parse(text, lang, Field::Count)
}

fn parse(text: &str, lang: Lang, field: Field) -> Result<Decimal, NumberError> {
    // Invisible characters that text copied from a web page or a word processor brings
    // along at its ends (zero-width space, word joiner, byte order mark) go with the
    // spaces: "»100000« er ikke et tal" named a number the user could see nothing wrong in.
    let trimmed = text
        .trim()
        .trim_matches(['\u{200b}', '\u{2060}', '\u{feff}'])
        .trim();
    read(trimmed, lang, field).map_err(|f| {
        // A reading the field would refuse is no suggestion (`32.850.0000` in a rate
        // field does not mean 32.850.000 %); the field's own examples are given instead.
        let suggestion = f
            .suggestion
            .filter(|v| field != Field::Rate || *v <= Decimal::ONE_HUNDRED);
        NumberError::new(f.kind, trimmed, lang, field, f.detail, suggestion).with_scale(f.scale)
    })
}

/// Whether `text`, which the field does not take, is the beginning of a number it would
/// take: `21,` (of `21,9`), `1.2` (of `1.234`), `21,9 m` (of `21,9 mio.`), `12,5 p` (of
/// `12,5 pct.`), or nothing yet. An editor can then wait for the user to finish before
/// calling it a mistake. `32.850.0000`, `1.2.` and `abc` are not: nothing typed after
/// them makes a number.
///
/// Tried by completing the text the ways people go on typing (digits, or the word begun
/// at its end) and reading each completion; a completion that would need a character
/// changed, not added, is not tried.
pub(crate) fn could_continue(text: &str, lang: Lang, field: Field) -> bool {
    let text = text.trim_start();
    if text.trim_end().is_empty() {
        return true;
    }
    let reads = |candidate: &str| read(candidate.trim(), lang, field).is_ok();
    if ["0", "00", "000"]
        .iter()
        .any(|digits| reads(&format!("{text}{digits}")))
    {
        return true;
    }
    // The word begun at the end: the letters after the last digit, space or full stop
    // (`m` of `21,9 m`, `k` of `5 mio.k`).
    let begun = text
        .rsplit(|c: char| c.is_ascii_digit() || is_group_space(c) || c == '.' || c == ',')
        .next()
        .unwrap_or("");
    if begun.is_empty() {
        return false;
    }
    let scales = match lang {
        Lang::Da => SCALES_DA,
        Lang::En => SCALES_EN,
    };
    scales
        .iter()
        .map(|sc| sc.word)
        .chain(CURRENCIES.iter().copied())
        .chain(PERCENTS.iter().copied())
        .filter_map(|word| {
            // The words are ASCII, so cutting one after `begun.len()` bytes is safe.
            let head = word.as_bytes().get(..begun.len())?;
            let rest = word.get(begun.len()..)?;
            (head.eq_ignore_ascii_case(begun.as_bytes()) && !rest.is_empty()).then_some(rest)
        })
        // A currency written first (`DKK 1,000`) has its number after it.
        .any(|rest| reads(&format!("{text}{rest}")) || reads(&format!("{text}{rest} 0")))
}

/// An error before it knows its text, language and field.
#[derive(Clone, Debug)]
struct Fail {
    kind: K,
    detail: Detail,
    /// The whole value probably meant, scale word applied (14.300.000 for `14.3 mio.`).
    suggestion: Option<Decimal>,
    /// The scale word the input used and its power of ten, so that a suggestion can be
    /// written the way the user wrote the number (`14,3 mio.`).
    scale: Option<(&'static str, u32)>,
}

impl Fail {
    fn new(kind: K, detail: Detail) -> Fail {
        Fail::with(kind, detail, None)
    }

    fn with(kind: K, detail: Detail, suggestion: Option<Decimal>) -> Fail {
        Fail {
            kind,
            detail,
            suggestion,
            scale: None,
        }
    }
}

fn read(text: &str, lang: Lang, field: Field) -> Result<Decimal, Fail> {
    if text.is_empty() {
        return Err(Fail::new(K::Empty, Detail::None));
    }
    let lexed = lex(text, lang);
    let scale = lexed.scale_word.map(|word| (word, lexed.power));
    read_lexed(&lexed, lang, field).map_err(|mut f| {
        f.scale = scale;
        f
    })
}

fn read_lexed(lexed: &Lexed<'_>, lang: Lang, field: Field) -> Result<Decimal, Fail> {
    // Problems with the number itself come first: they are the likeliest to matter. Their
    // suggestion is for the digits alone; the scale word multiplies it like the value.
    // With a word after the number that cannot be read (Danish `21.9m`), what the digits
    // were meant to be is unknown: no suggestion, the field's examples instead.
    let (int, frac) = read_core(lexed.core, lang, true).map_err(|mut f| {
        f.suggestion = f
            .suggestion
            .filter(|_| lexed.problem.is_none())
            .and_then(|v| rounded_mul(v, Decimal::from(10u64.pow(lexed.power))));
        f
    })?;
    if let Some(problem) = &lexed.problem {
        return Err(problem.clone());
    }
    check_units(lexed, field)?;
    // Danish `1,500` is 1,5, and 1.500 to someone used to English; English `46.000` is 46,
    // and 46.000 to a Dane. For money and counts, where three decimals are rare and the
    // other reading is a thousand times larger, that is refused rather than guessed. A
    // rate is exempt: its other reading is above 100. So is a number with a scale word
    // (`1,500 mio.`), where decimals are what people write.
    if field != Field::Rate && lexed.power == 0 {
        if let Some(mut thousands) = thousands_reading(lexed.core, lang) {
            // Signed only where the field takes a sign: elsewhere the suggestion is what
            // the field would take, as for a negative amount.
            thousands.set_sign_negative(lexed.negative && field == Field::Signed);
            return Err(Fail::with(
                K::AmbiguousSeparator,
                Detail::ThreeDecimals {
                    mark: lang.decimal_mark(),
                },
                Some(thousands),
            ));
        }
    }
    let mut value = build(&int, &frac, lexed.power)?;
    if lexed.negative && !value.is_zero() {
        value.set_sign_negative(true);
    }
    if field != Field::Signed && value.is_sign_negative() {
        let suggestion = match field {
            Field::Rate => None,
            _ => Some(value.abs()),
        };
        return Err(Fail::with(K::Negative, Detail::None, suggestion));
    }
    if field == Field::Rate && value > Decimal::ONE_HUNDRED {
        return Err(Fail::new(K::RateAboveHundred, Detail::None));
    }
    Ok(value)
}

/// The value `core` has when its one decimal mark is read as the other language's thousands
/// separator, for the only shape where both readings are valid: one to three digits, not
/// starting with 0, the decimal mark, exactly three digits (`1,500`; not `0,500`, `1,5000`
/// or `1.234,567`).
fn thousands_reading(core: &str, lang: Lang) -> Option<Decimal> {
    let (head, tail) = core.split_once(lang.decimal_mark())?;
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let shape = (1..=3).contains(&head.len())
        && !head.starts_with('0')
        && tail.len() == 3
        && digits(head)
        && digits(tail);
    shape.then(|| build(&format!("{head}{tail}"), "", 0).ok())?
}

/// Refuses units that do not belong in the field.
fn check_units(lexed: &Lexed<'_>, field: Field) -> Result<(), Fail> {
    let unexpected = |detail| Err(Fail::new(K::UnexpectedUnit, detail));
    match field {
        Field::Amount | Field::Signed if lexed.percent => unexpected(Detail::PercentNotAllowed),
        Field::Rate | Field::Count if lexed.currency => unexpected(Detail::CurrencyNotAllowed),
        Field::Count if lexed.percent => unexpected(Detail::PercentNotAllowed),
        Field::Rate => match lexed.scale_word {
            Some(word) => unexpected(Detail::ScaleNotAllowed {
                word: word.to_string(),
            }),
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

// ---------------------------------------------------------------------------------
// Lexing

/// The parts of the input around the number.
struct Lexed<'a> {
    negative: bool,
    /// Digits and separators only, no surrounding spaces.
    core: &'a str,
    /// Power of ten of the scale word (`mio.` → 6), 0 without one.
    power: u32,
    scale_word: Option<&'static str>,
    currency: bool,
    percent: bool,
    /// Text after the number that could not be read, or a unit given twice.
    problem: Option<Fail>,
}

/// A scale word and what it multiplies by; some Danish abbreviations include the
/// currency (`mkr.` = mio. kr., `t.kr.` = thousand kroner).
struct Scale {
    word: &'static str,
    power: u32,
    currency: bool,
}

const fn scale(word: &'static str, power: u32, currency: bool) -> Scale {
    Scale {
        word,
        power,
        currency,
    }
}

/// Danish scale words. `billion` is deliberately absent: in Danish it is 10^12.
const SCALES_DA: &[Scale] = &[
    scale("tusind", 3, false),
    scale("tusinde", 3, false),
    scale("t.kr.", 3, true),
    scale("tkr.", 3, true),
    scale("tkr", 3, true),
    scale("mio.", 6, false),
    scale("mio", 6, false),
    scale("mill.", 6, false),
    scale("mill", 6, false),
    scale("million", 6, false),
    scale("millioner", 6, false),
    scale("mkr.", 6, true),
    scale("mkr", 6, true),
    scale("mia.", 9, false),
    scale("mia", 9, false),
    scale("milliard", 9, false),
    scale("milliarder", 9, false),
];

/// English scale words; `mio.`/`mia.` too, because Danes writing English use them.
const SCALES_EN: &[Scale] = &[
    scale("k", 3, false),
    scale("thousand", 3, false),
    scale("m", 6, false),
    scale("mn", 6, false),
    scale("mln", 6, false),
    scale("mio.", 6, false),
    scale("mio", 6, false),
    scale("million", 6, false),
    scale("millions", 6, false),
    scale("bn", 9, false),
    scale("billion", 9, false),
    scale("billions", 9, false),
    scale("mia.", 9, false),
    scale("mia", 9, false),
];

const CURRENCIES: &[&str] = &["kr.", "kr", "krone", "kroner", "dkk"];

const PERCENTS: &[&str] = &["%", "pct.", "pct", "procent", "percent", "per cent"];

const DANISH_BILLIONS: &[&str] = &["billion", "billioner"];

/// Spaces that group thousands: ordinary, no-break (U+00A0), narrow no-break
/// (U+202F, what many locales print), thin (U+2009) and figure space (U+2007, as wide as a
/// digit, which tables use).
fn is_group_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\u{2007}')
}

/// Takes a leading sign: `-`, U+2212 (what we print) or U+2013 (what word processors
/// turn a typed minus into) for minus, `+` for plus.
fn take_sign(s: &str) -> Option<(bool, &str)> {
    let mut chars = s.chars();
    let negative = match chars.next()? {
        '-' | '\u{2212}' | '\u{2013}' => true,
        '+' => false,
        _ => return None,
    };
    Some((negative, chars.as_str()))
}

/// Whether `s` starts with `word` (ASCII, any case) followed by a word boundary.
/// Returns the rest.
fn starts_with_word<'a>(s: &'a str, word: &str) -> Option<&'a str> {
    let head = s.as_bytes().get(..word.len())?;
    if !head.eq_ignore_ascii_case(word.as_bytes()) {
        return None;
    }
    // The matched bytes are ASCII, so this is a character boundary.
    let rest = s.get(word.len()..)?;
    let ends_in_letter = word.chars().last().is_some_and(char::is_alphabetic);
    let letter_follows = rest.chars().next().is_some_and(char::is_alphabetic);
    if ends_in_letter && letter_follows {
        None
    } else {
        Some(rest)
    }
}

/// The longest of `words` that `s` starts with.
fn match_word<'a>(s: &'a str, words: &[&'static str]) -> Option<(&'static str, &'a str)> {
    words
        .iter()
        .filter_map(|w| starts_with_word(s, w).map(|rest| (*w, rest)))
        .max_by_key(|(w, _)| w.len())
}

fn match_scale(s: &str, lang: Lang) -> Option<(&'static Scale, &str)> {
    let table = match lang {
        Lang::Da => SCALES_DA,
        Lang::En => SCALES_EN,
    };
    table
        .iter()
        .filter_map(|sc| starts_with_word(s, sc.word).map(|rest| (sc, rest)))
        .max_by_key(|(sc, _)| sc.word.len())
}

fn lex(text: &str, lang: Lang) -> Lexed<'_> {
    let mut rest = text;
    let mut negative = false;
    let mut signed = false;
    let mut currency = false;
    if let Some((neg, after)) = take_sign(rest) {
        (negative, signed, rest) = (neg, true, after.trim_start());
    }
    if let Some((_, after)) = match_word(rest, CURRENCIES) {
        (currency, rest) = (true, after.trim_start());
    }
    if !signed {
        if let Some((neg, after)) = take_sign(rest) {
            (negative, rest) = (neg, after.trim_start());
        }
    }
    let end = rest
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',' || is_group_space(c)))
        .unwrap_or(rest.len());
    let (raw_core, mut tail) = rest.split_at(end);
    let mut core = raw_core.trim_end_matches(is_group_space);
    // Danish prices: `1.000,-` means whole kroner.
    if lang == Lang::Da {
        if let (Some(stripped), Some((_, after))) = (core.strip_suffix(','), take_sign(tail)) {
            if !tail.starts_with('+') {
                (core, tail) = (stripped, after);
            }
        }
    }

    let mut lexed = Lexed {
        negative,
        core,
        power: 0,
        scale_word: None,
        currency,
        percent: false,
        problem: None,
    };
    loop {
        tail = tail.trim_start();
        if tail.is_empty() {
            break;
        }
        let repeated = |word: &str| {
            Some(Fail::new(
                K::UnexpectedUnit,
                Detail::RepeatedUnit {
                    word: word.to_string(),
                },
            ))
        };
        if let Some((sc, after)) = match_scale(tail, lang) {
            match lexed.scale_word {
                Some(first) if first != sc.word => {
                    lexed.problem = Some(Fail::new(
                        K::UnexpectedUnit,
                        Detail::TwoScales {
                            first: first.to_string(),
                            second: sc.word.to_string(),
                        },
                    ));
                    break;
                }
                Some(_) => {
                    lexed.problem = repeated(sc.word);
                    break;
                }
                None if sc.currency && lexed.currency => {
                    lexed.problem = repeated(sc.word);
                    break;
                }
                None => {}
            }
            lexed.scale_word = Some(sc.word);
            lexed.power = sc.power;
            lexed.currency |= sc.currency;
            tail = after;
        } else if let Some((word, after)) = match_word(tail, CURRENCIES) {
            if lexed.currency {
                lexed.problem = repeated(word);
                break;
            }
            lexed.currency = true;
            tail = after;
        } else if let Some((word, after)) = match_word(tail, PERCENTS) {
            if lexed.percent {
                lexed.problem = repeated(word);
                break;
            }
            lexed.percent = true;
            tail = after;
        } else {
            lexed.problem = Some(leftover(tail, lang));
            break;
        }
    }
    lexed
}

/// Classifies text after the number that is no known unit.
fn leftover(tail: &str, lang: Lang) -> Fail {
    if lang == Lang::Da && match_word(tail, DANISH_BILLIONS).is_some() {
        return Fail::new(K::UnexpectedUnit, Detail::DanishBillion);
    }
    let starts_like_unit = tail
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || matches!(c, '€' | '$' | '£'));
    if starts_like_unit {
        let word: String = tail.chars().take_while(|c| !c.is_whitespace()).collect();
        Fail::new(K::UnexpectedUnit, Detail::UnknownUnit { word })
    } else {
        Fail::new(K::NotANumber, Detail::None)
    }
}

// ---------------------------------------------------------------------------------
// The number

/// All group spaces are named as one space in messages.
fn sep_name(c: char) -> char {
    if is_group_space(c) {
        ' '
    } else {
        c
    }
}

/// Checks the number's notation and returns its integer and fraction digits.
///
/// `suggest` allows one nested reading to build a suggestion (e.g. English notation in
/// a Danish field); nested readings do not suggest again, which bounds the recursion.
fn read_core(core: &str, lang: Lang, suggest: bool) -> Result<(String, String), Fail> {
    let dm = lang.decimal_mark();
    let gm = lang.group_mark();
    if !core.bytes().any(|b| b.is_ascii_digit()) {
        return Err(Fail::new(K::NotANumber, Detail::None));
    }
    if core.matches(dm).count() > 1 {
        // Perhaps the other language's notation (`1,234,567.89` in a Danish field).
        let suggestion = if suggest {
            swapped_value(core, lang)
        } else {
            None
        };
        return Err(Fail::with(
            K::MultipleDecimalMarks,
            Detail::MultipleDecimalMarks { mark: dm },
            suggestion,
        ));
    }
    let (int_part, frac) = match core.split_once(dm) {
        Some((int, frac)) => (int, Some(frac)),
        None => (core, None),
    };
    if let Some(frac) = frac {
        if frac.is_empty() {
            let suggestion = if suggest {
                read_core(int_part, lang, false)
                    .ok()
                    .and_then(|(i, f)| build(&i, &f, 0).ok())
            } else {
                None
            };
            return Err(Fail::with(
                K::BadGrouping,
                Detail::TrailingDecimalMark { mark: dm },
                suggestion,
            ));
        }
        if let Some(sep) = frac.chars().find(|c| !c.is_ascii_digit()) {
            let sep = sep_name(sep);
            // `1,234.5` in a Danish field: offer `1.234,5` if that reads cleanly.
            let suggestion = if suggest && sep == gm {
                swapped_value(core, lang)
            } else {
                None
            };
            return Err(Fail::with(
                K::BadGrouping,
                Detail::SeparatorAfterDecimalMark { sep, mark: dm },
                suggestion,
            ));
        }
    }
    let frac = frac.unwrap_or("");
    let int = read_int(int_part, lang, frac)?;
    Ok((int, frac.to_string()))
}

/// The value of `core` read with the decimal and thousands marks swapped, i.e. in the
/// other language's notation, if that reading is clean. Only ever used as a suggestion.
fn swapped_value(core: &str, lang: Lang) -> Option<Decimal> {
    let (dm, gm) = (lang.decimal_mark(), lang.group_mark());
    let swapped: String = core
        .chars()
        .map(|c| match c {
            c if c == dm => gm,
            c if c == gm => dm,
            c => c,
        })
        .collect();
    let (int, frac) = read_core(&swapped, lang, false).ok()?;
    build(&int, &frac, 0).ok()
}

/// Whether the groups are a correct thousands grouping: a first group of one to three
/// digits, then groups of exactly three.
fn valid_groups(groups: &[&str]) -> bool {
    match groups.split_first() {
        Some((first, rest)) => (1..=3).contains(&first.len()) && rest.iter().all(|g| g.len() == 3),
        None => false,
    }
}

/// The value of correctly grouped digits with a fraction, for suggestions.
fn groups_value(groups: &[&str], frac: &str) -> Option<Decimal> {
    if valid_groups(groups) {
        build(&groups.concat(), frac, 0).ok()
    } else {
        None
    }
}

/// Checks the grouping of the integer part (which holds digits, the language's
/// thousands mark and spaces only) and returns its digits.
fn read_int(int: &str, lang: Lang, frac: &str) -> Result<String, Fail> {
    let gm = lang.group_mark();
    let has_mark = int.contains(gm);
    let has_space = int.chars().any(is_group_space);
    if !has_mark && !has_space {
        return Ok(int.to_string());
    }
    let bad = |detail, suggestion| Err(Fail::with(K::BadGrouping, detail, suggestion));
    if has_mark && has_space {
        // `12 345,67` in English (`12 345.67` in Danish): spaces group the thousands, and a
        // single mark after them that is not followed by a thousands group is most likely
        // the other language's decimal mark, as in `1,5` below.
        if let (true, Some((head, tail))) = (frac.is_empty(), int.split_once(gm)) {
            let head_groups: Vec<&str> = head.split(is_group_space).collect();
            let tail_is_digits = !tail.is_empty() && tail.bytes().all(|b| b.is_ascii_digit());
            if tail_is_digits && tail.len() != 3 && valid_groups(&head_groups) {
                let suggestion = build(&head_groups.concat(), tail, 0).ok().map(|mut v| {
                    v.rescale(u32::try_from(tail.len()).unwrap_or(0));
                    v
                });
                return Err(Fail::with(
                    K::AmbiguousSeparator,
                    Detail::Ambiguous { sep: gm },
                    suggestion,
                ));
            }
        }
        let groups: Vec<&str> = int.split(|c| c == gm || is_group_space(c)).collect();
        return bad(
            Detail::MixedSeparators { mark: gm },
            groups_value(&groups, frac),
        );
    }
    let sep = if has_mark { gm } else { ' ' };
    let groups: Vec<&str> = if has_mark {
        int.split(gm).collect()
    } else {
        int.split(is_group_space).collect()
    };
    let (Some(first), Some(last)) = (groups.first().copied(), groups.last().copied()) else {
        return Err(Fail::new(K::NotANumber, Detail::None));
    };
    let all_zero = |g: &str| g.bytes().all(|b| b == b'0');

    // One thousands mark and no decimal mark, but not a thousands group after it
    // (`1.5`, `1.50`, `1234.5`, `0.500`, `.5` in Danish): most likely the other
    // language's decimal mark. Refuse, and offer the decimal reading.
    let is_whole = frac.is_empty() && !int.is_empty();
    if has_mark
        && is_whole
        && groups.len() == 2
        && !last.is_empty()
        && (last.len() != 3 || all_zero(first))
    {
        // Keep the digits as typed (`1,00` → `1.00`, not `1`).
        let suggestion = build(first, last, 0).ok().map(|mut v| {
            v.rescale(u32::try_from(last.len()).unwrap_or(0));
            v
        });
        return Err(Fail::with(
            K::AmbiguousSeparator,
            Detail::Ambiguous { sep: gm },
            suggestion,
        ));
    }

    let non_empty: Vec<&str> = groups.iter().copied().filter(|g| !g.is_empty()).collect();
    if first.is_empty() {
        return bad(Detail::LeadingSeparator { sep }, None);
    }
    if last.is_empty() {
        return bad(
            Detail::TrailingSeparator { sep },
            groups_value(&non_empty, frac),
        );
    }
    if non_empty.len() != groups.len() {
        return bad(
            Detail::DoubledSeparator { sep },
            groups_value(&non_empty, frac),
        );
    }
    if all_zero(first) {
        return bad(Detail::ZeroFirstGroup { sep }, None);
    }
    let rest = groups.get(1..).unwrap_or_default();
    if first.len() > 3 {
        let suggestion = if rest.iter().all(|g| g.len() == 3) {
            build(&groups.concat(), frac, 0).ok()
        } else {
            None
        };
        return bad(
            Detail::FirstGroupTooLong {
                sep,
                len: first.len(),
            },
            suggestion,
        );
    }
    if let Some(group) = rest.iter().find(|g| g.len() != 3) {
        // A group with extra digits is most often a digit typed twice, as in the
        // source document's `32.850.0000`: offer the number with each group cut to
        // three digits. A group that is too short gives no clue, so no suggestion.
        let suggestion = if rest.iter().all(|g| g.len() >= 3) {
            let cut: Vec<&str> = groups
                .iter()
                .enumerate()
                .map(|(i, g)| if i == 0 { g } else { g.get(..3).unwrap_or(g) })
                .collect();
            build(&cut.concat(), frac, 0).ok()
        } else {
            None
        };
        return bad(
            Detail::GroupSize {
                sep,
                len: group.len(),
            },
            suggestion,
        );
    }
    Ok(groups.concat())
}

/// Builds the exact value of `int`,`frac` × 10^`power` from ASCII digit strings.
///
/// The scale is applied by moving the decimal mark, not by multiplying, so that
/// `0,0000000000000000000000000001 mio.` is as exact as `1 mio.`.
fn build(int: &str, frac: &str, power: u32) -> Result<Decimal, Fail> {
    let power = power as usize;
    let (moved, frac_rest) = if frac.len() >= power {
        frac.split_at(power)
    } else {
        (frac, "")
    };
    let mut int_digits = String::with_capacity(int.len() + power);
    int_digits.push_str(int);
    int_digits.push_str(moved);
    int_digits.extend(std::iter::repeat_n('0', power - moved.len()));

    let int_sig = int_digits.trim_start_matches('0');
    let frac_sig = frac_rest.trim_end_matches('0');
    let too_large = || Fail::new(K::TooLarge, Detail::None);
    let too_precise = || Fail::new(K::TooPrecise, Detail::None);
    // Decimal's largest value has 29 digits; anything longer cannot fit.
    if int_sig.len() > 29 {
        return Err(too_large());
    }
    let mut mantissa = accumulate(0, int_sig).ok_or_else(too_large)?;
    if mantissa > MAX_MANTISSA {
        return Err(too_large());
    }
    if frac_sig.len() > 28 {
        return Err(too_precise());
    }
    mantissa = accumulate(mantissa, frac_sig).ok_or_else(too_precise)?;
    if mantissa > MAX_MANTISSA {
        return Err(too_precise());
    }
    let mantissa = i128::try_from(mantissa).map_err(|_| too_precise())?;
    // frac_sig.len() ≤ 28 was checked above.
    Decimal::try_from_i128_with_scale(mantissa, frac_sig.len() as u32).map_err(|_| too_precise())
}

/// Appends decimal digits to `start`, or `None` on overflow.
fn accumulate(start: u128, digits: &str) -> Option<u128> {
    digits.bytes().try_fold(start, |acc, b| {
        let digit = if b.is_ascii_digit() {
            b - b'0'
        } else {
            return None;
        };
        acc.checked_mul(10)?.checked_add(u128::from(digit))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    type Parser = fn(&str, Lang) -> Result<Decimal, NumberError>;

    const AMOUNT: Parser = parse_amount;
    const SIGNED: Parser = parse_signed;
    const RATE: Parser = parse_rate;
    const COUNT: Parser = parse_count;

    fn check_accepts(lang: Lang, parser: Parser, table: &[(&str, &str)]) {
        for (text, expected) in table {
            match parser(text, lang) {
                Ok(value) => assert_eq!(value, d(expected), "{lang:?} {text:?}"),
                Err(e) => panic!("{lang:?} {text:?} refused: {:?} {}", e.kind, e),
            }
        }
    }

    fn check_refuses(lang: Lang, parser: Parser, table: &[(&str, K)]) {
        for (text, kind) in table {
            match parser(text, lang) {
                Ok(value) => panic!("{lang:?} {text:?} accepted as {value}"),
                Err(e) => assert_eq!(&e.kind, kind, "{lang:?} {text:?}: {e}"),
            }
        }
    }

    /// Each text refused, and whether it is the beginning of one the field takes.
    fn check_unfinished(lang: Lang, parser: Parser, table: &[(&str, bool)]) {
        for (text, unfinished) in table {
            match parser(text, lang) {
                Ok(value) => panic!("{lang:?} {text:?} accepted as {value}"),
                Err(e) => assert_eq!(e.is_unfinished(), *unfinished, "{lang:?} {text:?}: {e}"),
            }
        }
    }

    #[test]
    fn the_beginnings_of_numbers_are_told_from_mistakes() {
        check_unfinished(
            Lang::Da,
            AMOUNT,
            &[
                // Every step of typing the examples.
                ("", true),
                ("   ", true),
                ("21,", true),
                ("21,9 m", true),
                ("21,9 mi", true),
                ("21,9 mio. k", true),
                ("5 mio.k", true),
                ("1.", true),
                ("1.2", true),
                ("1.23", true),
                ("1.234,", true),
                ("21 9", true),
                ("k", true),
                ("kr. 1.0", true),
                ("21,9 MI", true),
                ("21,9 t", true),
                // Mistakes no further typing mends.
                ("32.850.0000", false),
                ("1.2.", false),
                ("1.2.3", false),
                ("abc", false),
                ("-5", false),
                ("21,9 mx", false),
                ("21.9m", false),
                ("12 %", false),
                ("1,2,", false),
                ("21,9 mio. mio", false),
            ],
        );
        check_unfinished(
            Lang::Da,
            RATE,
            &[
                ("12,", true),
                ("12,5 p", true),
                ("12,5 pc", true),
                ("12,5 pr", true),
                ("101", false),
                ("12,5 kr", false),
                ("12,5 m", false),
            ],
        );
        check_unfinished(
            Lang::Da,
            COUNT,
            &[("150,", true), ("1,2 mi", true), ("150 kr", false)],
        );
        check_unfinished(
            Lang::Da,
            SIGNED,
            &[("-", true), ("\u{2212}1.", true), ("--1", false)],
        );
        check_unfinished(
            Lang::En,
            AMOUNT,
            &[
                ("21,", true),
                ("21,9", true),
                ("1,234.", true),
                ("21.9 mi", true),
                ("21.9 b", true),
                ("D", true),
                ("DKK 1,0", true),
                ("21,900,0000", false),
                ("1.2.3", false),
                ("21.9 mx", false),
            ],
        );
    }

    #[test]
    fn danish_amounts_accepted() {
        check_accepts(
            Lang::Da,
            AMOUNT,
            &[
                ("21.900.000", "21900000"),
                ("21 900 000", "21900000"),
                ("21\u{a0}900\u{a0}000", "21900000"),
                ("21\u{202f}900\u{202f}000", "21900000"),
                ("21\u{2009}900\u{2009}000", "21900000"),
                ("21\u{2007}900\u{2007}000", "21900000"),
                // Pasted from a web page or a word processor, with invisible characters.
                ("\u{200b}100000", "100000"),
                ("\u{feff}100.000\u{2060}", "100000"),
                ("21900000", "21900000"),
                ("21,9 mio.", "21900000"),
                ("21,9 mio. kr.", "21900000"),
                ("21,9 mio", "21900000"),
                ("21,9 Mio. Kr.", "21900000"),
                ("14,3 mio. kr.", "14300000"),
                ("5 mio.kr.", "5000000"),
                ("5 mio. kr.", "5000000"),
                ("5mio.", "5000000"),
                ("5 mill. kr.", "5000000"),
                ("5 millioner kroner", "5000000"),
                ("5 tusinde kroner", "5000"),
                ("5 tusind kr.", "5000"),
                ("5 mkr.", "5000000"),
                ("1,2 mia. kr.", "1200000000"),
                ("1,2 milliarder", "1200000000"),
                ("150 t.kr.", "150000"),
                ("150 tkr.", "150000"),
                ("1.234,50", "1234.5"),
                ("1234,5", "1234.5"),
                ("1 234,5", "1234.5"),
                ("kr. 1.000", "1000"),
                ("Kr. 32.850.000", "32850000"),
                ("kr.1.000", "1000"),
                ("1.000 kr.", "1000"),
                ("1.000 kr", "1000"),
                ("1.000kr.", "1000"),
                ("1000 DKK", "1000"),
                ("1000 dkk", "1000"),
                ("DKK 1.000", "1000"),
                ("DKK1.000", "1000"),
                ("1.000,-", "1000"),
                ("kr. 1.000,-", "1000"),
                ("1.000,- kr.", "1000"),
                ("0", "0"),
                ("0,5", "0.5"),
                (",5", "0.5"),
                ("0,500", "0.5"),
                ("1,5000", "1.5"),
                ("1.234,567", "1234.567"),
                ("1,500 mio.", "1500000"),
                ("007", "7"),
                ("  12.500  ", "12500"),
                ("\t12.500\n", "12500"),
                ("+5", "5"),
                ("-0", "0"),
                ("−0,0", "0"),
                (
                    "0,0000000000000000000000000001",
                    "0.0000000000000000000000000001",
                ),
                (
                    "0,00000000000000000000000000001 mio.",
                    "0.00000000000000000000001",
                ),
                (
                    "79228162514264337593543950335",
                    "79228162514264337593543950335",
                ),
                (
                    "79.228.162.514.264.337.593,543950335 mia.",
                    "79228162514264337593543950335",
                ),
                ("1,00000000000000000000000000000000", "1"),
                ("2.336.567", "2336567"),
                ("12.500", "12500"),
            ],
        );
    }

    #[test]
    fn english_amounts_accepted() {
        check_accepts(
            Lang::En,
            AMOUNT,
            &[
                ("21,900,000", "21900000"),
                ("21 900 000", "21900000"),
                ("21\u{a0}900\u{a0}000", "21900000"),
                ("21900000", "21900000"),
                ("21.9m", "21900000"),
                ("21.9 m", "21900000"),
                ("21.9M", "21900000"),
                ("21.9 million", "21900000"),
                ("21.9 mn", "21900000"),
                ("21.9 mio.", "21900000"),
                ("1.2bn", "1200000000"),
                ("1.2 billion", "1200000000"),
                ("1.2 bn DKK", "1200000000"),
                ("150k", "150000"),
                ("1,234.50", "1234.5"),
                ("DKK 1,000", "1000"),
                ("DKK 21.9m", "21900000"),
                ("1,000 DKK", "1000"),
                ("1,000 kr.", "1000"),
                ("0", "0"),
                ("0.5", "0.5"),
                (".5", "0.5"),
                ("1.0000", "1"),
                ("-0", "0"),
            ],
        );
    }

    #[test]
    fn signed_accepted() {
        let both = [
            ("-5", "-5"),
            ("−5", "-5"),
            ("–5", "-5"),
            ("- 5", "-5"),
            ("+5", "5"),
            ("5", "5"),
        ];
        check_accepts(Lang::Da, SIGNED, &both);
        check_accepts(Lang::En, SIGNED, &both);
        check_accepts(
            Lang::Da,
            SIGNED,
            &[
                ("−1.000 kr.", "-1000"),
                ("-1.000,5", "-1000.5"),
                ("+5.475.000 kr.", "5475000"),
                ("kr. −1.000", "-1000"),
                ("−kr. 1.000", "-1000"),
                ("−2,5 mio. kr.", "-2500000"),
                ("0 kr.", "0"),
            ],
        );
        check_accepts(
            Lang::En,
            SIGNED,
            &[
                ("−DKK 1,000", "-1000"),
                ("DKK −1,000", "-1000"),
                ("+DKK 5,475,000", "5475000"),
                ("-1,000.5", "-1000.5"),
                ("−DKK 21.9m", "-21900000"),
            ],
        );
    }

    #[test]
    fn rates_accepted() {
        check_accepts(
            Lang::Da,
            RATE,
            &[
                ("12,5 %", "12.5"),
                ("12,5%", "12.5"),
                ("12,5", "12.5"),
                ("50", "50"),
                ("50 pct.", "50"),
                ("50 procent", "50"),
                ("100", "100"),
                ("100,00 %", "100"),
                ("0", "0"),
                ("0,5", "0.5"),
                ("-0", "0"),
            ],
        );
        check_accepts(
            Lang::En,
            RATE,
            &[
                ("12.5%", "12.5"),
                ("12.5 %", "12.5"),
                ("12.5", "12.5"),
                ("50 percent", "50"),
                ("100%", "100"),
                ("0%", "0"),
            ],
        );
    }

    #[test]
    fn counts_accepted() {
        check_accepts(
            Lang::Da,
            COUNT,
            &[
                ("150", "150"),
                ("225", "225"),
                ("1.500", "1500"),
                ("4,5", "4.5"),
                ("1,2 mio.", "1200000"),
                ("0", "0"),
            ],
        );
        check_accepts(
            Lang::En,
            COUNT,
            &[
                ("150", "150"),
                ("1,500", "1500"),
                ("4.5", "4.5"),
                ("1.2m", "1200000"),
            ],
        );
    }

    #[test]
    fn danish_refused() {
        check_refuses(
            Lang::Da,
            AMOUNT,
            &[
                ("32.850.0000", K::BadGrouping),
                ("Kr. 32.850.0000", K::BadGrouping),
                ("1.2.3", K::BadGrouping),
                ("abc", K::NotANumber),
                ("", K::Empty),
                ("   ", K::Empty),
                ("\u{a0}", K::Empty),
                ("1..000", K::BadGrouping),
                ("1.000.", K::BadGrouping),
                ("1.", K::BadGrouping),
                (".500", K::AmbiguousSeparator),
                ("1,", K::BadGrouping),
                ("1.000,", K::BadGrouping),
                ("12 3", K::BadGrouping),
                ("1 23 456", K::BadGrouping),
                ("1234 567", K::BadGrouping),
                ("1.000 000", K::BadGrouping),
                ("1 000.000", K::BadGrouping),
                ("1  000", K::BadGrouping),
                ("0 500", K::BadGrouping),
                ("0.000.500", K::BadGrouping),
                ("1234.567", K::BadGrouping),
                ("1.000,5.5", K::BadGrouping),
                ("1,234.56", K::BadGrouping),
                ("1,5 00", K::BadGrouping),
                ("1.5", K::AmbiguousSeparator),
                ("1.50", K::AmbiguousSeparator),
                ("1.5000", K::AmbiguousSeparator),
                ("1234.5", K::AmbiguousSeparator),
                ("0.500", K::AmbiguousSeparator),
                (".5", K::AmbiguousSeparator),
                ("1.5 mio.", K::AmbiguousSeparator),
                ("1,000,000", K::MultipleDecimalMarks),
                ("1,2,3", K::MultipleDecimalMarks),
                (",,5", K::MultipleDecimalMarks),
                ("-5", K::Negative),
                ("−5", K::Negative),
                ("–5", K::Negative),
                ("−1.000 kr.", K::Negative),
                ("kr. -1.000", K::Negative),
                ("999999999999999999999999999999 mia.", K::TooLarge),
                ("999999999999999999999999999999", K::TooLarge),
                ("79228162514264337593543950336", K::TooLarge),
                ("79228162514264337593543950335 mio.", K::TooLarge),
                ("1,00000000000000000000000000001", K::TooPrecise),
                ("0,00000000000000000000000000001", K::TooPrecise),
                ("10000000000000000000000000000,5", K::TooPrecise),
                ("12,5 %", K::UnexpectedUnit),
                ("5 EUR", K::UnexpectedUnit),
                ("5 €", K::UnexpectedUnit),
                ("5 kr. kr.", K::UnexpectedUnit),
                ("kr. 5 kr.", K::UnexpectedUnit),
                ("5 mkr. kr.", K::UnexpectedUnit),
                ("5 mio. mia.", K::UnexpectedUnit),
                ("1,2 billion", K::UnexpectedUnit),
                ("5 m", K::UnexpectedUnit),
                ("5 bn", K::UnexpectedUnit),
                ("kr.", K::NotANumber),
                ("mio.", K::NotANumber),
                ("-", K::NotANumber),
                ("+-5", K::NotANumber),
                ("--5", K::NotANumber),
                (".", K::NotANumber),
                (",", K::NotANumber),
                ("5-3", K::NotANumber),
                ("5 5 5x", K::BadGrouping),
                ("1e6", K::UnexpectedUnit),
                ("٣", K::NotANumber),
                ("５", K::NotANumber),
                ("EUR 5", K::NotANumber),
            ],
        );
    }

    #[test]
    fn english_refused() {
        check_refuses(
            Lang::En,
            AMOUNT,
            &[
                ("32,850,0000", K::BadGrouping),
                ("DKK 32,850,0000", K::BadGrouping),
                ("1.2.3", K::MultipleDecimalMarks),
                ("32.850.000", K::MultipleDecimalMarks),
                ("abc", K::NotANumber),
                ("", K::Empty),
                ("   ", K::Empty),
                ("1,,000", K::BadGrouping),
                ("1,000,", K::BadGrouping),
                ("1.", K::BadGrouping),
                ("12 3", K::BadGrouping),
                ("1,000 000", K::BadGrouping),
                ("1.234,56", K::BadGrouping),
                ("1,5", K::AmbiguousSeparator),
                ("1,50", K::AmbiguousSeparator),
                (",5", K::AmbiguousSeparator),
                ("21,9 mio.", K::AmbiguousSeparator),
                ("-5", K::Negative),
                ("−5", K::Negative),
                ("−DKK 1,000", K::Negative),
                ("999999999999999999999999999999 bn", K::TooLarge),
                ("1.2 billions billion", K::UnexpectedUnit),
                ("50%", K::UnexpectedUnit),
                ("5 EUR", K::UnexpectedUnit),
            ],
        );
    }

    #[test]
    fn rates_refused() {
        check_refuses(
            Lang::Da,
            RATE,
            &[
                ("150", K::RateAboveHundred),
                ("100,01 %", K::RateAboveHundred),
                ("100,0000000000000000000000001", K::RateAboveHundred),
                ("-5", K::Negative),
                ("−5 %", K::Negative),
                ("5 kr.", K::UnexpectedUnit),
                ("5 mio.", K::UnexpectedUnit),
                ("5 % %", K::UnexpectedUnit),
                ("12.5 %", K::AmbiguousSeparator),
                ("abc %", K::NotANumber),
                ("%", K::NotANumber),
                ("", K::Empty),
            ],
        );
        check_refuses(
            Lang::En,
            RATE,
            &[
                ("150", K::RateAboveHundred),
                ("100.01%", K::RateAboveHundred),
                ("-5", K::Negative),
                ("12,5%", K::AmbiguousSeparator),
                ("DKK 5", K::UnexpectedUnit),
                ("5m", K::UnexpectedUnit),
            ],
        );
    }

    #[test]
    fn counts_refused() {
        check_refuses(
            Lang::Da,
            COUNT,
            &[
                ("-5", K::Negative),
                ("−5", K::Negative),
                ("5 kr.", K::UnexpectedUnit),
                ("5 %", K::UnexpectedUnit),
                ("12 3", K::BadGrouping),
                ("1.5", K::AmbiguousSeparator),
            ],
        );
        check_refuses(
            Lang::En,
            COUNT,
            &[
                ("-5", K::Negative),
                ("DKK 5", K::UnexpectedUnit),
                ("1,5", K::AmbiguousSeparator),
            ],
        );
    }

    #[test]
    fn signed_refused() {
        for lang in [Lang::Da, Lang::En] {
            check_refuses(
                lang,
                SIGNED,
                &[
                    ("--5", K::NotANumber),
                    ("-", K::NotANumber),
                    ("5%", K::UnexpectedUnit),
                    ("", K::Empty),
                ],
            );
        }
    }

    fn message(text: &str, lang: Lang, parser: Parser, message_lang: Lang) -> String {
        match parser(text, lang) {
            Ok(v) => panic!("{text:?} accepted as {v}"),
            Err(e) => e.message(message_lang),
        }
    }

    #[test]
    fn messages_for_the_source_document_typo() {
        assert_eq!(
            message("32.850.0000", Lang::Da, AMOUNT, Lang::Da),
            "»32.850.0000« har en gruppe på 4 cifre efter et punktum. Skriv fx 32.850.000 eller 32850000."
        );
        assert_eq!(
            message("32,850,0000", Lang::En, AMOUNT, Lang::En),
            "“32,850,0000” has a group of 4 digits after a thousands separator. Write e.g. 32,850,000 or 32850000."
        );
        // The sentence follows the message language, the suggestion the field's notation.
        assert_eq!(
            message("32.850.0000", Lang::Da, AMOUNT, Lang::En),
            "“32.850.0000” has a group of 4 digits after a thousands separator. Write e.g. 32.850.000 or 32850000."
        );
        // In a rate field the same typo gets the field's examples, not an amount.
        assert_eq!(
            message("32.850.0000", Lang::Da, parse_rate, Lang::Da),
            "»32.850.0000« har en gruppe på 4 cifre efter et punktum. Skriv fx 50 eller 12,5 %."
        );
        let e = parse_amount("Kr. 32.850.0000", Lang::Da).expect_err("typo");
        assert_eq!(e.suggestion(), Some(d("32850000")));
        assert_eq!(e.text, "Kr. 32.850.0000");
        assert_eq!(
            e.to_string(),
            "“Kr. 32.850.0000” has a group of 4 digits after a thousands separator. Write e.g. 32.850.000 or 32850000."
        );
    }

    #[test]
    fn an_unreadable_word_after_a_slip_gets_the_fields_examples() {
        let e = parse_amount("21.9m", Lang::Da).expect_err("refused");
        assert_eq!(e.suggestion(), None);
        assert!(
            e.message(Lang::Da)
                .ends_with("Skriv fx 21.900.000 eller 21,9 mio. kr."),
            "{}",
            e.message(Lang::Da)
        );
    }

    /// One decimal mark with three digits after one to three: either reading is valid, and
    /// for money and counts the other is a thousand times larger. Refused, both offered.
    #[test]
    fn three_decimals_that_could_be_thousands_are_refused() {
        let cases: &[(&str, Lang, Parser, &str, &str)] = &[
            ("100,000", Lang::Da, AMOUNT, "100000", "»100,000« er tvetydigt: på engelsk adskiller komma tusinder. Skriv 100.000, hvis du mener tusinder, eller 100, hvis kommaet er et decimalkomma."),
            ("1,500", Lang::Da, parse_count, "1500", "»1,500« er tvetydigt: på engelsk adskiller komma tusinder. Skriv 1.500, hvis du mener tusinder, eller 1,5, hvis kommaet er et decimalkomma."),
            ("46.000", Lang::En, AMOUNT, "46000", "“46.000” is ambiguous: in Danish a dot separates thousands. Write 46,000 if you mean thousands, or 46 if the dot is a decimal point."),
            ("1.234 kr.", Lang::En, AMOUNT, "1234", "“1.234 kr.” is ambiguous: in Danish a dot separates thousands. Write 1,234 if you mean thousands, or 1.2340 if the dot is a decimal point."),
            ("-1,500", Lang::Da, parse_signed, "-1500", "»-1,500« er tvetydigt: på engelsk adskiller komma tusinder. Skriv −1.500, hvis du mener tusinder, eller −1,5, hvis kommaet er et decimalkomma."),
            ("-1,500", Lang::Da, AMOUNT, "1500", "»-1,500« er tvetydigt: på engelsk adskiller komma tusinder. Skriv 1.500, hvis du mener tusinder, eller 1,5, hvis kommaet er et decimalkomma."),
        ];
        for (text, lang, parser, thousands, expected) in cases {
            let e = parser(text, *lang).expect_err("refused");
            assert_eq!(e.kind, K::AmbiguousSeparator, "{text:?}");
            assert_eq!(e.suggestion(), Some(d(thousands)), "{text:?}");
            assert_eq!(e.message(*lang), *expected, "{text:?}");
        }
        // Both readings offered read back as themselves.
        assert_eq!(parse_amount("1,2340", Lang::Da), Ok(d("1.234")));
        assert_eq!(parse_amount("1.2340", Lang::En), Ok(d("1.234")));
        // Not ambiguous: a rate (its other reading is above 100), a leading zero, four
        // decimals, a grouped whole part, a scale word, and the language's own grouping.
        assert_eq!(parse_rate("12,500", Lang::Da), Ok(d("12.5")));
        assert_eq!(parse_amount("0,500", Lang::Da), Ok(d("0.5")));
        assert_eq!(parse_amount("1.000,500", Lang::Da), Ok(d("1000.5")));
        assert_eq!(parse_amount("2,500 mio.", Lang::Da), Ok(d("2500000")));
        assert_eq!(parse_amount("1.500", Lang::Da), Ok(d("1500")));
        assert_eq!(parse_amount("1,500", Lang::En), Ok(d("1500")));
    }

    /// "Skriv fx 100." after a refused `100.` would read as the refused input again.
    #[test]
    fn a_suggestion_that_the_full_stop_would_turn_into_the_input_says_the_dot_goes() {
        let cases: &[(&str, Lang, &str)] = &[
            ("100.", Lang::Da, "»100.« slutter med et punktum. Skriv fx 100 – uden punktummet til sidst."),
            ("100.", Lang::En, "“100.” ends with a decimal point and no decimals after it. Write e.g. 100, without the dot at the end."),
            // Not when the sentence's last number differs from the input.
            ("1.000.", Lang::Da, "»1.000.« slutter med et punktum. Skriv fx 1.000 eller 1000."),
        ];
        for (text, lang, expected) in cases {
            let e = parse_amount(text, *lang).expect_err("refused");
            assert_eq!(e.message(*lang), *expected, "{text:?}");
        }
    }

    #[test]
    fn a_suggestion_is_the_whole_value_and_keeps_the_scale_word() {
        // Following the advice must give what was meant: "write 14,3" in a field that
        // reads 14,3 as kroner would be a million times too little.
        let cases: &[(&str, Lang, &str, &str)] = &[
            ("14.3 mio. kr.", Lang::Da, "14300000", "»14.3 mio. kr.« er tvetydigt: på dansk adskiller punktum tusinder og skal efterfølges af præcis 3 cifre. Mener du et decimaltal, så skriv 14,3 mio."),
            ("21,9 mio.", Lang::En, "21900000", "“21,9 mio.” is ambiguous: in English a comma separates thousands and must be followed by exactly 3 digits. If you mean a decimal number, write 21.9 mio."),
            ("2,5 bn", Lang::En, "2500000000", "“2,5 bn” is ambiguous: in English a comma separates thousands and must be followed by exactly 3 digits. If you mean a decimal number, write 2.5 bn."),
            ("5, mio.", Lang::Da, "5000000", "»5, mio.« slutter med et decimalkomma uden decimaler efter. Skriv fx 5 mio."),
            ("-21,9 mio.", Lang::Da, "21900000", "»-21,9 mio.« er negativt; her skal tallet være 0 eller større. Skriv fx 21,9 mio."),
            ("32.850.0000 t.kr.", Lang::Da, "32850000000", "»32.850.0000 t.kr.« har en gruppe på 4 cifre efter et punktum. Skriv fx 32.850.000 t.kr. eller 32850000 t.kr."),
        ];
        for (text, lang, value, expected) in cases {
            let e = parse_amount(text, *lang).expect_err("refused");
            assert_eq!(e.suggestion(), Some(d(value)), "{text:?}");
            assert_eq!(e.message(*lang), *expected, "{text:?}");
            // The suggestion as written reads back as the suggested value.
            let written = expected
                .rsplit_once(" skriv ")
                .or(expected.rsplit_once(" write "));
            let written = written
                .or(expected.rsplit_once("Skriv fx "))
                .expect("a suggestion")
                .1;
            let first = written
                .trim_end_matches('.')
                .split(" eller ")
                .next()
                .expect("one");
            let first = if first.ends_with(" mio") {
                format!("{first}.")
            } else {
                first.to_string()
            };
            assert_eq!(
                parse_amount(&first, *lang),
                Ok(d(value)),
                "{text:?}: {first:?}"
            );
        }
    }

    #[test]
    fn messages_danish() {
        let table: &[(&str, Parser, &str)] = &[
            ("", AMOUNT, "Feltet er tomt. Skriv fx 21.900.000 eller 21,9 mio. kr."),
            ("abc", AMOUNT, "»abc« er ikke et tal. Skriv fx 21.900.000 eller 21,9 mio. kr."),
            ("abc", RATE, "»abc« er ikke et tal. Skriv fx 50 eller 12,5 %."),
            ("abc", COUNT, "»abc« er ikke et tal. Skriv fx 225 eller 1.500."),
            ("abc", SIGNED, "»abc« er ikke et tal. Skriv fx −1.000 eller 21,9 mio. kr."),
            ("1.5", AMOUNT, "»1.5« er tvetydigt: på dansk adskiller punktum tusinder og skal efterfølges af præcis 3 cifre. Mener du et decimaltal, så skriv 1,5."),
            ("1234.50", AMOUNT, "»1234.50« er tvetydigt: på dansk adskiller punktum tusinder og skal efterfølges af præcis 3 cifre. Mener du et decimaltal, så skriv 1234,50."),
            (".5", AMOUNT, "».5« er tvetydigt: på dansk adskiller punktum tusinder og skal efterfølges af præcis 3 cifre. Mener du et decimaltal, så skriv 0,5."),
            ("1.2.3", AMOUNT, "»1.2.3« har en gruppe på 1 ciffer efter et punktum. Skriv fx 21.900.000 eller 21,9 mio. kr."),
            ("12 3", COUNT, "»12 3« har en gruppe på 1 ciffer efter et mellemrum. Skriv fx 225 eller 1.500."),
            ("1..000", AMOUNT, "»1..000« har to punktummer i træk. Skriv fx 1.000 eller 1000."),
            ("1.000.", AMOUNT, "»1.000.« slutter med et punktum. Skriv fx 1.000 eller 1000."),
            (".500", AMOUNT, "».500« er tvetydigt: på dansk adskiller punktum tusinder og skal efterfølges af præcis 3 cifre. Mener du et decimaltal, så skriv 0,500."),
            ("1.000 000", AMOUNT, "»1.000 000« blander punktum og mellemrum som tusindtalsseparatorer. Skriv fx 1.000.000 eller 1000000."),
            ("1234.567", AMOUNT, "»1234.567« har 4 cifre før det første punktum; en tusindtalsgruppe har højst 3. Skriv fx 1.234.567 eller 1234567."),
            ("0 500", AMOUNT, "»0 500« begynder med 0 foran et mellemrum; et tal med tusindtalsgrupper begynder ikke med 0. Skriv fx 21.900.000 eller 21,9 mio. kr."),
            ("1,234.5", AMOUNT, "»1,234.5« har et punktum efter decimalkommaet. Skriv fx 1.234,5 eller 1234,5."),
            ("1,", AMOUNT, "»1,« slutter med et decimalkomma uden decimaler efter. Skriv fx 1."),
            ("1,000,000", AMOUNT, "»1,000,000« har mere end ét decimalkomma. Skriv fx 1.000.000 eller 1000000."),
            ("1,234,567.89", AMOUNT, "»1,234,567.89« har mere end ét decimalkomma. Skriv fx 1.234.567,89 eller 1234567,89."),
            ("1,2,3", AMOUNT, "»1,2,3« har mere end ét decimalkomma. Skriv fx 21.900.000 eller 21,9 mio. kr."),
            ("1.50", AMOUNT, "»1.50« er tvetydigt: på dansk adskiller punktum tusinder og skal efterfølges af præcis 3 cifre. Mener du et decimaltal, så skriv 1,50."),
            ("-5.000", AMOUNT, "»-5.000« er negativt; her skal tallet være 0 eller større. Skriv fx 5.000 eller 5000."),
            ("-5", RATE, "»-5« er negativt; en sats skal være mellem 0 og 100 %. Skriv fx 50 eller 12,5 %."),
            ("150", RATE, "»150« er over 100 %; en sats skal være mellem 0 og 100 %. Skriv fx 50 eller 12,5 %."),
            ("999999999999999999999999999999", AMOUNT, "»999999999999999999999999999999« er for stort; det største tal, der kan regnes præcist med, er ca. 7,9 · 10^28. Skriv fx 21.900.000 eller 21,9 mio. kr."),
            ("0,00000000000000000000000000001", AMOUNT, "»0,00000000000000000000000000001« har for mange cifre til at regne præcist med (højst 28 decimaler og 28–29 cifre i alt). Skriv færre decimaler."),
            ("5 EUR", AMOUNT, "»5 EUR« indeholder »EUR«, som feltet ikke kan læse. Skriv fx 21.900.000 eller 21,9 mio. kr."),
            ("5 kr. kr.", AMOUNT, "»5 kr. kr.« angiver »kr.« mere end én gang. Skriv fx 21.900.000 eller 21,9 mio. kr."),
            ("1.000 mio. mia.", AMOUNT, "»1.000 mio. mia.« har både »mio.« og »mia.«; skriv kun én af dem. Skriv fx 21.900.000 eller 21,9 mio. kr."),
            ("50 %", AMOUNT, "»50 %« er en procentsats, men her skal stå et beløb. Skriv fx 21.900.000 eller 21,9 mio. kr."),
            ("50 %", COUNT, "»50 %« er en procentsats, men her skal stå et antal. Skriv fx 225 eller 1.500."),
            ("5 kr.", RATE, "»5 kr.« er et beløb i kroner, men her skal stå en sats i procent. Skriv fx 50 eller 12,5 %."),
            ("5 mio.", RATE, "»5 mio.« indeholder »mio.«, men en sats skrives i procent uden mio. eller mia. Skriv fx 50 eller 12,5 %."),
            ("1,2 billion", AMOUNT, "»1,2 billion« indeholder »billion«, som på dansk betyder en million millioner. Skriv mia. for milliarder, fx 1,2 mia. kr."),
        ];
        for (text, parser, expected) in table {
            assert_eq!(
                message(text, Lang::Da, *parser, Lang::Da),
                *expected,
                "{text:?}"
            );
        }
    }

    #[test]
    fn messages_english() {
        let table: &[(&str, Parser, &str)] = &[
            ("", AMOUNT, "The field is empty. Write e.g. 21,900,000 or DKK 21.9m."),
            ("abc", AMOUNT, "“abc” is not a number. Write e.g. 21,900,000 or DKK 21.9m."),
            ("abc", RATE, "“abc” is not a number. Write e.g. 50 or 12.5%."),
            ("1,5", AMOUNT, "“1,5” is ambiguous: in English a comma separates thousands and must be followed by exactly 3 digits. If you mean a decimal number, write 1.5."),
            ("1.2.3", AMOUNT, "“1.2.3” has more than one decimal point. Write e.g. 21,900,000 or DKK 21.9m."),
            ("1,00", AMOUNT, "“1,00” is ambiguous: in English a comma separates thousands and must be followed by exactly 3 digits. If you mean a decimal number, write 1.00."),
            ("32.850.000", AMOUNT, "“32.850.000” has more than one decimal point. Write e.g. 32,850,000 or 32850000."),
            ("1,234.5.6", AMOUNT, "“1,234.5.6” has more than one decimal point. Write e.g. 21,900,000 or DKK 21.9m."),
            ("12 3", AMOUNT, "“12 3” has a group of 1 digit after a space. Write e.g. 21,900,000 or DKK 21.9m."),
            ("1,,000", AMOUNT, "“1,,000” has two thousands separators in a row. Write e.g. 1,000 or 1000."),
            ("1,000,", AMOUNT, "“1,000,” ends with a thousands separator. Write e.g. 1,000 or 1000."),
            ("1,000 000", AMOUNT, "“1,000 000” mixes spaces and commas as thousands separators. Write e.g. 1,000,000 or 1000000."),
            ("12 345,67", AMOUNT, "“12 345,67” is ambiguous: in English a comma separates thousands and must be followed by exactly 3 digits. If you mean a decimal number, write 12345.67."),
            ("12 345,678", AMOUNT, "“12 345,678” mixes spaces and commas as thousands separators. Write e.g. 12,345,678 or 12345678."),
            ("1.234,5", AMOUNT, "“1.234,5” has a comma after the decimal point. Write e.g. 1,234.5 or 1234.5."),
            ("1.", AMOUNT, "“1.” ends with a decimal point and no decimals after it. Write e.g. 1, without the dot at the end."),
            ("-5", AMOUNT, "“-5” is negative; this field needs 0 or more. Write e.g. 5."),
            ("-5", RATE, "“-5” is negative; a rate must be from 0 to 100%. Write e.g. 50 or 12.5%."),
            ("100.01%", RATE, "“100.01%” is above 100%; a rate must be from 0 to 100%. Write e.g. 50 or 12.5%."),
            ("5 EUR", AMOUNT, "“5 EUR” contains “EUR”, which the field cannot read. Write e.g. 21,900,000 or DKK 21.9m."),
            ("50%", AMOUNT, "“50%” is a percentage, but this field needs an amount. Write e.g. 21,900,000 or DKK 21.9m."),
            ("DKK 5", COUNT, "“DKK 5” is an amount of money, but this field needs a count. Write e.g. 225 or 1,500."),
            ("5m", RATE, "“5m” contains “m”, but a rate is written in per cent, without millions or billions. Write e.g. 50 or 12.5%."),
        ];
        for (text, parser, expected) in table {
            assert_eq!(
                message(text, Lang::En, *parser, Lang::En),
                *expected,
                "{text:?}"
            );
        }
        // The same slip in a Danish field.
        assert_eq!(
            message("12 345.67", Lang::Da, AMOUNT, Lang::Da),
            "»12 345.67« er tvetydigt: på dansk adskiller punktum tusinder og skal efterfølges af præcis 3 cifre. Mener du et decimaltal, så skriv 12345,67."
        );
        // A Danish field explained in English keeps Danish notation in the example.
        assert_eq!(
            message("1.5", Lang::Da, AMOUNT, Lang::En),
            "“1.5” is ambiguous: in Danish a dot separates thousands and must be followed by exactly 3 digits. If you mean a decimal number, write 1,5."
        );
        assert_eq!(
            message("1,2 billion", Lang::Da, AMOUNT, Lang::En),
            "“1,2 billion” contains “billion”, which in Danish means a million millions. Write mia. for thousand millions, e.g. 1,2 mia. kr."
        );
    }

    #[test]
    fn long_input_is_clipped_in_messages() {
        let text = "x".repeat(500);
        let e = parse_amount(&text, Lang::Da).expect_err("garbage");
        assert_eq!(e.kind, K::NotANumber);
        let message = e.message(Lang::Da);
        assert!(
            message.starts_with(&format!("»{}…«", "x".repeat(39))),
            "{message}"
        );
        assert!(message.chars().count() < 120, "{message}");
        assert_eq!(e.text.len(), 500, "the full text stays available to code");
    }

    #[test]
    fn control_characters_are_quoted_visibly() {
        // Two spreadsheet cells pasted into one field: the tab must not look like a space,
        // which the field would accept.
        let e = parse_amount("100\t000", Lang::Da).expect_err("a tab is no digit group");
        let message = e.message(Lang::Da);
        assert!(message.starts_with("»100\u{2409}000«"), "{message}");
        let e = parse_amount("1\n2\u{7f}", Lang::En).expect_err("line break");
        assert!(
            e.message(Lang::En).starts_with("“1\u{240a}2\u{2421}”"),
            "{e}"
        );
        assert_eq!(e.text, "1\n2\u{7f}", "the text itself is kept as typed");
    }

    #[test]
    fn every_error_message_is_non_empty_and_ends_with_a_full_stop() {
        let inputs = [
            "",
            "abc",
            "1.5",
            "1,5",
            "1.2.3",
            "12 3",
            "1..000",
            "1.000.",
            ".500",
            "1.000 000",
            "1234.567",
            "0 500",
            "1,234.5",
            "1.234,5",
            "1,",
            "1.",
            "1,000,000",
            "-5",
            "150",
            "999999999999999999999999999999",
            "0,00000000000000000000000000001",
            "0.00000000000000000000000000001",
            "5 EUR",
            "5 kr. kr.",
            "50 %",
            "5 kr.",
            "5 mio.",
            "1,2 billion",
            "32.850.0000",
            "32,850,0000",
        ];
        let parsers: [Parser; 4] = [AMOUNT, SIGNED, RATE, COUNT];
        for text in inputs {
            for lang in [Lang::Da, Lang::En] {
                for parser in parsers {
                    if let Err(e) = parser(text, lang) {
                        for message_lang in [Lang::Da, Lang::En] {
                            let m = e.message(message_lang);
                            assert!(m.ends_with('.'), "{text:?} {lang:?}: {m}");
                            assert!(!m.contains("  "), "{text:?} {lang:?}: {m}");
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn building_is_exact_and_checked() {
        assert_eq!(build("21", "9", 6).ok(), Some(d("21900000")));
        assert_eq!(build("", "5", 0).ok(), Some(d("0.5")));
        assert_eq!(build("1", "2345678", 3).ok(), Some(d("1234.5678")));
        assert_eq!(build("0", "", 9).ok(), Some(d("0")));
        assert_eq!(build("", "", 0).ok(), Some(d("0")));
        assert!(matches!(
            build(&"9".repeat(60), "", 0),
            Err(Fail {
                kind: K::TooLarge,
                ..
            })
        ));
        assert!(matches!(
            build("1", &"1".repeat(60), 0),
            Err(Fail {
                kind: K::TooPrecise,
                ..
            })
        ));
        assert_eq!(accumulate(0, "12x"), None);
    }

    #[test]
    fn words_match_whole_words_only() {
        assert_eq!(starts_with_word("kroner", "kr"), None);
        assert_eq!(starts_with_word("kr.", "kr"), Some("."));
        assert_eq!(starts_with_word("DKK1", "dkk"), Some("1"));
        assert_eq!(starts_with_word("m", "million"), None);
        assert_eq!(starts_with_word("æ", "kr"), None);
        assert_eq!(
            match_word("mio.kr.", &["mio", "mio."]),
            Some(("mio.", "kr."))
        );
    }

    fn digits_and_separators() -> impl Strategy<Value = String> {
        proptest::string::string_regex("[-−+ 0-9.,\u{a0}%a-z]{0,24}").expect("valid regex")
    }

    proptest! {
        #[test]
        fn never_panics_on_any_string(text in any::<String>()) {
            for lang in [Lang::Da, Lang::En] {
                let _ = parse_amount(&text, lang).map_err(|e| e.message(lang));
                let _ = parse_signed(&text, lang).map_err(|e| e.message(lang));
                let _ = parse_rate(&text, lang).map_err(|e| e.message(lang));
                let _ = parse_count(&text, lang).map_err(|e| e.message(lang));
            }
        }

        #[test]
        fn never_panics_on_number_like_strings(text in digits_and_separators()) {
            for lang in [Lang::Da, Lang::En] {
                for parser in [AMOUNT, SIGNED, RATE, COUNT] {
                    match parser(&text, lang) {
                        Ok(_) => {}
                        Err(e) => {
                            prop_assert!(!e.message(Lang::Da).is_empty());
                            prop_assert!(!e.to_string().is_empty());
                        }
                    }
                }
            }
        }

        #[test]
        fn accepted_values_respect_the_field(text in digits_and_separators()) {
            for lang in [Lang::Da, Lang::En] {
                if let Ok(v) = parse_amount(&text, lang) {
                    prop_assert!(!v.is_sign_negative());
                }
                if let Ok(v) = parse_count(&text, lang) {
                    prop_assert!(!v.is_sign_negative());
                }
                if let Ok(v) = parse_rate(&text, lang) {
                    prop_assert!(v >= Decimal::ZERO && v <= Decimal::ONE_HUNDRED);
                }
            }
        }
    }

    #[test]
    fn bad_groupings_get_no_suggestion_and_are_not_called_ambiguous() {
        // A suggestion is offered only for a reading that can be meant; these have none.
        for (text, lang) in [
            ("1.23.", Lang::Da),
            ("1234 5,67", Lang::En),
            ("1.5,25", Lang::Da),
        ] {
            let e = parse_amount(text, lang).expect_err(text);
            assert_eq!(e.suggestion(), None, "{text}");
            if text != "1.23." {
                assert_eq!(
                    e.kind,
                    crate::numbers::NumberErrorKind::BadGrouping,
                    "{text}"
                );
            }
        }
    }
}
