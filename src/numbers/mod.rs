//! Numbers the way Danish and English users type and read them.
//!
//! Cofund's figures come from Danish public documents (`21.900.000 kr.`,
//! `14,3 mio. kr.`, `5 mio.kr. årligt`) and are read by people who write either Danish
//! (`.` groups thousands, `,` is the decimal mark) or English (the other way round).
//! The two conventions use the same two characters for opposite purposes, so a parser
//! that "guesses" can turn a typo into a number ten times too large without anyone
//! noticing. The source document itself prints `Kr. 32.850.0000`, one zero too many;
//! read naively that becomes 328.500.000. This module therefore:
//!
//! * parses **strictly per language** ([`Lang`]): the decimal mark and the thousands
//!   separator are fixed by the language, and thousands groups must have exactly three
//!   digits. Anything that could mean two different numbers is refused with an error
//!   ([`NumberError`]) whose message says what was wrong and what would be accepted;
//! * computes **exactly** with [`Decimal`]: no `f64`, no rounding while parsing (input
//!   that has more digits than `Decimal` can hold exactly is refused, not rounded);
//! * **rounds only for display** ([`format_amount`] and friends), always half away from
//!   zero, the way people round by hand and the way the published tables are rounded;
//! * offers [`apportion()`] and [`percentages`] so that rounded figures shown side by side
//!   still add up to the rounded total (a table whose rows do not add up to its total
//!   row looks like a calculation error, even when it is only rounding).
//!
//! # Decisions on ambiguous input
//!
//! * A single separator that is the language's **decimal mark** is always read as the
//!   decimal mark, even when three digits follow: Danish `1,000` is the decimal 1,000 = 1,
//!   and English `1.000` is 1. That is legal notation in the language in question, and
//!   the alternative (guessing thousands) would make the same text mean two things.
//! * A single **thousands separator** followed by anything other than three digits
//!   (Danish `1.5`, `1.50`, `1234.5`; English `1,5`) is refused as
//!   [`NumberErrorKind::AmbiguousSeparator`]: it is not a thousands group, and it is most
//!   likely the other language's decimal mark, but we do not guess.
//! * A leading decimal mark is accepted: Danish `,5` and English `.5` are 0.5. Danish
//!   `.5` and English `,5` are ambiguous as above (the message suggests `0,5` / `0.5`).
//! * A trailing decimal mark (`1,` in Danish) is refused: it is usually a number still
//!   being typed, and accepting it would hide a missing decimal.
//! * `-0` is accepted everywhere and returned as plain zero.
//! * Rates are percentages as people write them: `12,5 %`, `12,5%`, `12,5 pct.` and `12,5`
//!   all mean 12.5 per cent (returned as `12.5`, not `0.125`).
//! * In Danish, `billion` means a million millions (10^12), not 10^9, so it is refused
//!   with a hint to write `mia.`; in English `billion`/`bn` is 10^9.
//!
//! Suggestions inside error messages ("Write e.g. 32.850.000 or 32850000") are written
//! in the notation of the language the text was *parsed* in, because they describe what
//! to type into that field; the surrounding sentence is in the language asked for.

mod apportion;
mod error;
mod format;
mod parse;

pub use apportion::{apportion, apportion_to, percentages};
pub use error::{NumberError, NumberErrorKind};
pub use format::{
    format_amount, format_amount_input, format_exact_amount, format_input, format_millions,
    format_number, format_percent, format_plain, format_signed_amount, format_signed_plain,
};
pub use parse::{parse_amount, parse_count, parse_rate, parse_signed};

#[cfg(doc)]
use rust_decimal::Decimal;

/// The language whose number conventions are used for reading and writing.
///
/// Danish is the default because the source documents and most users are Danish.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Danish: `21.900.000,50`, `21,9 mio. kr.`, `12,5 %`.
    #[default]
    Da,
    /// English: `21,900,000.50`, `DKK 21.9m`, `12.5%`.
    En,
}

impl Lang {
    /// The decimal mark of the language (`,` in Danish, `.` in English).
    pub const fn decimal_mark(self) -> char {
        match self {
            Lang::Da => ',',
            Lang::En => '.',
        }
    }

    /// The punctuation mark that groups thousands (`.` in Danish, `,` in English).
    /// Spaces also group thousands in both languages when parsing.
    pub const fn group_mark(self) -> char {
        match self {
            Lang::Da => '.',
            Lang::En => ',',
        }
    }
}

/// The minus sign used in output: U+2212, which typesetting uses for negative numbers
/// (a hyphen is shorter and breaks lines). Parsing accepts both.
pub const MINUS: char = '\u{2212}';

#[cfg(test)]
mod tests {
    //! Properties that tie parsing and formatting together.

    use super::*;
    use proptest::prelude::*;
    use rust_decimal::prelude::*;

    /// Decimals with up to 6 decimals over the whole range the model uses and beyond.
    fn value() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s))
    }

    /// Values with the full 96-bit mantissa and any scale.
    fn wide_value() -> impl Strategy<Value = Decimal> {
        (
            any::<u32>(),
            any::<u32>(),
            any::<u32>(),
            any::<bool>(),
            0u32..=28,
        )
            .prop_map(|(lo, mid, hi, neg, scale)| Decimal::from_parts(lo, mid, hi, neg, scale))
    }

    fn lang() -> impl Strategy<Value = Lang> {
        prop_oneof![Just(Lang::Da), Just(Lang::En)]
    }

    fn round(value: Decimal, decimals: u32) -> Decimal {
        value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero)
    }

    #[test]
    fn lang_defaults_to_danish() {
        assert_eq!(Lang::default(), Lang::Da);
        assert_eq!((Lang::Da.decimal_mark(), Lang::Da.group_mark()), (',', '.'));
        assert_eq!((Lang::En.decimal_mark(), Lang::En.group_mark()), ('.', ','));
    }

    #[test]
    fn seed_figures_round_trip() {
        for text in [
            "21.900.000",
            "32.850.000",
            "10.950.000",
            "16.425.000",
            "2.336.567",
        ] {
            let value = parse_amount(text, Lang::Da).expect("seed figure");
            assert_eq!(format_plain(value, Lang::Da), text);
            assert_eq!(format_amount(value, Lang::Da), format!("{text} kr."));
        }
        let value = parse_amount("14,3 mio. kr.", Lang::Da).expect("seed figure");
        assert_eq!(format_millions(value, Lang::Da), "14,3 mio. kr.");
        assert_eq!(format_millions(value, Lang::En), "DKK 14.3m");
        let rate = parse_rate("50 %", Lang::Da).expect("aid rate");
        assert_eq!(format_percent(rate, 0, Lang::Da), "50 %");
    }

    proptest! {
        #[test]
        fn input_round_trips(v in value(), lang in lang()) {
            let text = format_input(v, lang);
            prop_assert_eq!(parse_signed(&text, lang).map_err(|e| e.to_string()), Ok(v), "{}", text);
        }

        /// The shape the parser refuses as possibly thousands (`1,234`) must never be what
        /// the formatter writes.
        #[test]
        fn input_round_trips_with_three_decimals(m in 1_000i64..1_000_000, negative in any::<bool>(), lang in lang()) {
            let v = if negative { -Decimal::new(m, 3) } else { Decimal::new(m, 3) };
            let text = format_input(v, lang);
            prop_assert_eq!(parse_signed(&text, lang).map_err(|e| e.to_string()), Ok(v), "{}", text);
        }

        #[test]
        fn input_round_trips_for_any_decimal(v in wide_value(), lang in lang()) {
            let text = format_input(v, lang);
            prop_assert_eq!(parse_signed(&text, lang).map_err(|e| e.to_string()), Ok(v), "{}", text);
        }

        #[test]
        fn number_round_trips_rounded(v in value(), lang in lang()) {
            let text = format_number(v, 2, lang);
            prop_assert_eq!(parse_signed(&text, lang).map_err(|e| e.to_string()), Ok(round(v, 2)), "{}", text);
        }

        #[test]
        fn amount_round_trips_rounded(v in value(), lang in lang()) {
            let text = format_amount(v, lang);
            prop_assert_eq!(parse_signed(&text, lang).map_err(|e| e.to_string()), Ok(round(v, 0)), "{}", text);
            let text = format_signed_amount(v, lang);
            prop_assert_eq!(parse_signed(&text, lang).map_err(|e| e.to_string()), Ok(round(v, 0)), "{}", text);
            if v >= Decimal::ZERO {
                let text = format_amount(v, lang);
                prop_assert_eq!(parse_amount(&text, lang).map_err(|e| e.to_string()), Ok(round(v, 0)), "{}", text);
            }
        }

        #[test]
        fn millions_read_back_within_half_a_tenth(v in value(), lang in lang()) {
            let text = format_millions(v, lang);
            let back = parse_signed(&text, lang).map_err(|e| e.to_string());
            prop_assert!(back.is_ok(), "{} {:?}", text, back);
            let back = back.unwrap_or_default();
            let tolerance = if v.abs() >= Decimal::new(999_950_000, 0) {
                Decimal::new(50_000_000, 0)
            } else {
                Decimal::new(50_000, 0)
            };
            prop_assert!((back - v).abs() <= tolerance, "{} read back as {}", text, back);
        }

        #[test]
        fn percent_round_trips(v in (0i64..=100_000, 0u32..=3).prop_map(|(m, s)| Decimal::new(m, s)).prop_filter("≤ 100", |v| *v <= Decimal::ONE_HUNDRED), lang in lang()) {
            let text = format_percent(v, 1, lang);
            prop_assert_eq!(parse_rate(&text, lang).map_err(|e| e.to_string()), Ok(round(v, 1)), "{}", text);
        }
    }
}
