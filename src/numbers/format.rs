//! Writing numbers for people to read.
//!
//! This is the only place where Cofund rounds. The model computes exactly; a figure is
//! rounded at the moment it is shown, always **half away from zero** (2,5 → 3,
//! −2,5 → −3), because that is how the published tables and people with a pencil round.
//! (`Decimal`'s default, banker's rounding, would print 0,5 kr. as 0 kr. and 1,5 kr. as
//! 2 kr., which looks like a bug to anyone checking the sums.)
//!
//! Output uses U+2212 (−) as the minus sign and ordinary spaces between the number and
//! its unit, so the strings compare predictably in tests and documents; a widget that
//! needs non-breaking spaces can substitute them.

use rust_decimal::prelude::*;

use super::Lang;

/// [`super::MINUS`] as a string, for building output.
const MINUS_STR: &str = "\u{2212}";

/// `Decimal` cannot hold more than 28 decimals, so asking for more only pads zeros.
const MAX_DECIMALS: u32 = 28;

/// The digits of an exact value, split at the decimal mark, without sign.
struct Digits {
    negative: bool,
    int: String,
    frac: String,
}

impl Digits {
    /// Takes the value's own digits (mantissa and scale) so that nothing is rounded and
    /// no scientific notation can sneak in.
    fn of(value: Decimal) -> Digits {
        let scale = value.scale() as usize;
        let mut all = value.mantissa().unsigned_abs().to_string();
        if all.len() <= scale {
            // Pad so that there is at least one digit before the decimal mark.
            let pad = scale + 1 - all.len();
            all.insert_str(0, &"0".repeat(pad));
        }
        let split = all.len() - scale;
        let frac = all.split_off(split);
        Digits {
            // A negative zero (e.g. −0,4 rounded to whole kroner) is shown as 0.
            negative: value.is_sign_negative() && !value.is_zero(),
            int: all,
            frac,
        }
    }

    /// Writes the digits without sign, with or without thousands grouping.
    fn write(&self, lang: Lang, grouped: bool) -> String {
        let mut out = if grouped {
            group(&self.int, lang.group_mark())
        } else {
            self.int.clone()
        };
        if !self.frac.is_empty() {
            out.push(lang.decimal_mark());
            out.push_str(&self.frac);
        }
        out
    }
}

/// Inserts `mark` between groups of three digits, counted from the right.
fn group(int: &str, mark: char) -> String {
    let len = int.len();
    let mut out = String::with_capacity(len + len / 3);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(mark);
        }
        out.push(c);
    }
    out
}

/// Rounds half away from zero to `decimals` places (capped at 28).
fn round(value: Decimal, decimals: u32) -> Decimal {
    value.round_dp_with_strategy(
        decimals.min(MAX_DECIMALS),
        RoundingStrategy::MidpointAwayFromZero,
    )
}

/// The rounded value's digits with exactly `decimals` decimals.
fn fixed_digits(value: Decimal, decimals: u32) -> Digits {
    let decimals = decimals.min(MAX_DECIMALS) as usize;
    let mut digits = Digits::of(round(value, decimals as u32));
    while digits.frac.len() < decimals {
        digits.frac.push('0');
    }
    // A value that rounded to zero is zero, whatever its sign was.
    if digits.int.bytes().all(|b| b == b'0') && digits.frac.bytes().all(|b| b == b'0') {
        digits.negative = false;
    }
    digits
}

fn sign(negative: bool) -> &'static str {
    if negative {
        MINUS_STR
    } else {
        ""
    }
}

/// Puts the currency around an already formatted magnitude: `1.000 kr.` in Danish,
/// `DKK 1,000` in English, with the sign in front of the whole (`−DKK 1,000`).
fn with_currency(sign: &str, magnitude: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{sign}{magnitude} kr."),
        Lang::En => format!("{sign}DKK {magnitude}"),
    }
}

/// A number with a fixed number of decimals and thousands grouping:
/// `1.234,50` (Danish) or `1,234.50` (English). Rounds half away from zero;
/// `decimals` above 28 (`Decimal`'s limit) are treated as 28.
pub fn format_number(value: Decimal, decimals: u32, lang: Lang) -> String {
    let digits = fixed_digits(value, decimals);
    format!("{}{}", sign(digits.negative), digits.write(lang, true))
}

/// An amount in whole kroner: `21.900.000 kr.` / `DKK 21,900,000`, negative
/// `−1.000 kr.` / `−DKK 1,000`.
///
/// Whole kroner because the source tables are in whole kroner and øre would only be
/// noise at programme scale; the exact value stays in the model.
pub fn format_amount(value: Decimal, lang: Lang) -> String {
    let digits = fixed_digits(value, 0);
    with_currency(sign(digits.negative), &digits.write(lang, true), lang)
}

/// An amount with every digit it has, never rounded: whole kroner without decimals
/// (`21.900.000 kr.`), øre as two decimals (`12.500,50 kr.` / `DKK 12,500.50`), and more
/// when it has more (`500,005 kr.`, half of 1.000,01 kr.).
///
/// For an amount as it was entered or solved for, and for a calculation written out in
/// words, where a rounded amount would not give the result written after it (`666,66 kr.`
/// is less than the `666,663 kr.` a goal seek found, and would leave a gap).
pub fn format_exact_amount(value: Decimal, lang: Lang) -> String {
    let mut digits = Digits::of(value.normalize());
    if !digits.frac.is_empty() && digits.frac.len() < 2 {
        digits.frac.push('0');
    }
    with_currency(sign(digits.negative), &digits.write(lang, true), lang)
}

/// A difference in whole kroner, always with its sign so that a change reads as a
/// change: `+5.475.000 kr.`, `−1.000 kr.`, and `0 kr.` (no sign) when it rounds to zero.
pub fn format_signed_amount(value: Decimal, lang: Lang) -> String {
    let digits = fixed_digits(value, 0);
    let is_zero = digits.int.bytes().all(|b| b == b'0');
    let sign = if digits.negative {
        MINUS_STR
    } else if is_zero {
        ""
    } else {
        "+"
    };
    with_currency(sign, &digits.write(lang, true), lang)
}

/// A change in a count with its sign, every digit kept, as [`format_signed_amount`]
/// writes one in kroner: `+75`, `−0,5`, and `0` (no sign).
pub fn format_signed_plain(value: Decimal, lang: Lang) -> String {
    let sign = if value.is_zero() {
        ""
    } else if value < Decimal::ZERO {
        MINUS_STR
    } else {
        "+"
    };
    format!("{sign}{}", format_plain(value.abs(), lang))
}

/// The exact value, grouped, without trailing zeros and without rounding:
/// `12500.5` → `12.500,5` / `12,500.5`.
///
/// For reading: a count or a rate in a sentence. To put a value into an input field, use
/// [`format_input`]: `1,234` shown here would be refused there as possibly the other
/// language's thousands.
pub fn format_plain(value: Decimal, lang: Lang) -> String {
    grouped(value.normalize(), lang)
}

/// [`format_plain`] for an input field: parsing it again (with [`super::parse_signed`])
/// gives exactly the same value. A value with exactly three decimals and one to three
/// digits before them gets a fourth decimal, `1,2340`: the parser refuses `1,234` in an
/// amount or a count as possibly the other language's thousands.
pub fn format_input(value: Decimal, lang: Lang) -> String {
    let mut value = value.normalize();
    let whole = value.abs().trunc();
    if value.scale() == 3 && whole >= Decimal::ONE && whole < Decimal::from(1000) {
        value.rescale(4);
    }
    grouped(value, lang)
}

/// [`format_input`] for an amount in kroner: øre as two decimals (`1.234,50`, not
/// `1.234,5`), as kroner are written; an amount with more decimals keeps them all. A
/// field filled from a file, a template or a reload showed `1.234,5` where `1.234,50` had
/// been typed (a QA round).
pub fn format_amount_input(value: Decimal, lang: Lang) -> String {
    let mut value = value.normalize();
    if value.scale() == 1 {
        value.rescale(2);
        return grouped(value, lang);
    }
    format_input(value, lang)
}

/// All of `value`'s digits, as its scale has them, grouped.
fn grouped(value: Decimal, lang: Lang) -> String {
    let digits = Digits::of(value);
    format!("{}{}", sign(digits.negative), digits.write(lang, true))
}

/// The exact value without grouping, digits as they are (`32850000`, `1234,50`).
/// Used in error messages to show the form that needs no separators at all.
pub(crate) fn format_ungrouped(value: Decimal, lang: Lang) -> String {
    let digits = Digits::of(value);
    format!("{}{}", sign(digits.negative), digits.write(lang, false))
}

/// Divides a mantissa by 10^`exp`, rounding half away from zero, in exact integers.
///
/// Used for millions so that no intermediate `Decimal` division (which rounds at 28
/// digits) can shift a value that lies just below a half onto it.
fn div_pow10_round(mantissa: i128, exp: u32) -> i128 {
    // |mantissa| < 2^96 and exp ≤ 36, so 10^exp fits in an i128 (< 1.7·10^38).
    let Some(divisor) = 10i128.checked_pow(exp) else {
        return 0;
    };
    let quotient = mantissa / divisor;
    let rest = (mantissa % divisor).unsigned_abs();
    // rest < divisor < 2^127, so doubling it fits in a u128.
    if rest * 2 >= divisor.unsigned_abs() {
        quotient + mantissa.signum()
    } else {
        quotient
    }
}

/// An amount in millions with exactly one decimal: `21,9 mio. kr.`, `5,0 mio. kr.`;
/// from a thousand millions on, in milliards: `1,2 mia. kr.`. English: `DKK 21.9m`,
/// `DKK 1.2bn`. Negative: `−21,9 mio. kr.` / `−DKK 21.9m`.
///
/// One decimal is always shown (`5,0`, not `5`) so that a column of such figures lines
/// up and a reader can see the precision. The switch to milliards is decided on the
/// rounded figure, so 999.960.000 kr. becomes `1,0 mia. kr.` rather than
/// `1.000,0 mio. kr.`.
pub fn format_millions(value: Decimal, lang: Lang) -> String {
    let mantissa = value.mantissa();
    let scale = value.scale();
    // Tenths of a million = units of 100.000 = 10^5.
    let mut tenths = div_pow10_round(mantissa, scale + 5);
    let mut billions = false;
    if tenths.unsigned_abs() >= 10_000 {
        tenths = div_pow10_round(mantissa, scale + 8);
        billions = true;
    }
    // |tenths| ≤ 2^96 / 10^5, always representable.
    let shown = Decimal::try_from_i128_with_scale(tenths, 1).unwrap_or_default();
    let digits = fixed_digits(shown, 1);
    let sign = sign(digits.negative);
    let number = digits.write(lang, true);
    match (lang, billions) {
        (Lang::Da, false) => format!("{sign}{number} mio. kr."),
        (Lang::Da, true) => format!("{sign}{number} mia. kr."),
        (Lang::En, false) => format!("{sign}DKK {number}m"),
        (Lang::En, true) => format!("{sign}DKK {number}bn"),
    }
}

/// A percentage (the value is already in per cent: 50 → 50 %), fixed decimals:
/// Danish `50,0 %` with a space before the sign, as Danish typography has it;
/// English `50.0%`.
pub fn format_percent(value: Decimal, decimals: u32, lang: Lang) -> String {
    let number = format_number(value, decimals, lang);
    match lang {
        Lang::Da => format!("{number} %"),
        Lang::En => format!("{number}%"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    #[test]
    fn minus_constant_matches_output() {
        assert_eq!(
            MINUS_STR.chars().collect::<Vec<_>>(),
            vec![super::super::MINUS]
        );
    }

    #[test]
    fn amounts() {
        let table = [
            ("21900000", "21.900.000 kr.", "DKK 21,900,000"),
            ("0", "0 kr.", "DKK 0"),
            ("-1000", "−1.000 kr.", "−DKK 1,000"),
            ("0.5", "1 kr.", "DKK 1"),
            ("1.5", "2 kr.", "DKK 2"),
            ("2.5", "3 kr.", "DKK 3"),
            ("-2.5", "−3 kr.", "−DKK 3"),
            ("2.4999", "2 kr.", "DKK 2"),
            ("-0.4", "0 kr.", "DKK 0"),
            ("-0.5", "−1 kr.", "−DKK 1"),
            ("999.5", "1.000 kr.", "DKK 1,000"),
            ("100", "100 kr.", "DKK 100"),
            ("1000", "1.000 kr.", "DKK 1,000"),
            ("32850000", "32.850.000 kr.", "DKK 32,850,000"),
            (
                "79228162514264337593543950335",
                "79.228.162.514.264.337.593.543.950.335 kr.",
                "DKK 79,228,162,514,264,337,593,543,950,335",
            ),
            (
                "-79228162514264337593543950335",
                "−79.228.162.514.264.337.593.543.950.335 kr.",
                "−DKK 79,228,162,514,264,337,593,543,950,335",
            ),
            ("0.0000000000000000000000000001", "0 kr.", "DKK 0"),
        ];
        for (value, da, en) in table {
            assert_eq!(format_amount(d(value), Lang::Da), da, "{value}");
            assert_eq!(format_amount(d(value), Lang::En), en, "{value}");
        }
    }

    #[test]
    fn signed_amounts() {
        let table = [
            ("5475000", "+5.475.000 kr.", "+DKK 5,475,000"),
            ("-1000", "−1.000 kr.", "−DKK 1,000"),
            ("0", "0 kr.", "DKK 0"),
            ("-0.4", "0 kr.", "DKK 0"),
            ("0.4", "0 kr.", "DKK 0"),
            ("0.5", "+1 kr.", "+DKK 1"),
            ("-0.5", "−1 kr.", "−DKK 1"),
        ];
        for (value, da, en) in table {
            assert_eq!(format_signed_amount(d(value), Lang::Da), da, "{value}");
            assert_eq!(format_signed_amount(d(value), Lang::En), en, "{value}");
        }
    }

    #[test]
    fn numbers() {
        let table = [
            ("1234.5", 2, "1.234,50", "1,234.50"),
            ("1234.5", 0, "1.235", "1,235"),
            ("1234.4", 0, "1.234", "1,234"),
            ("0", 2, "0,00", "0.00"),
            ("0", 0, "0", "0"),
            ("-0.001", 2, "0,00", "0.00"),
            ("-0.005", 2, "−0,01", "−0.01"),
            ("0.005", 2, "0,01", "0.01"),
            ("0.125", 2, "0,13", "0.13"),
            ("-1234567.891", 1, "−1.234.567,9", "−1,234,567.9"),
            ("12", 3, "12,000", "12.000"),
            ("999999.995", 2, "1.000.000,00", "1,000,000.00"),
            ("123", 0, "123", "123"),
            ("1234", 0, "1.234", "1,234"),
            ("123456", 0, "123.456", "123,456"),
        ];
        for (value, decimals, da, en) in table {
            assert_eq!(format_number(d(value), decimals, Lang::Da), da, "{value}");
            assert_eq!(format_number(d(value), decimals, Lang::En), en, "{value}");
        }
    }

    #[test]
    fn number_decimals_are_capped() {
        let text = format_number(d("1"), u32::MAX, Lang::En);
        assert_eq!(text, format!("1.{}", "0".repeat(28)));
        let text = format_number(d("1"), 40, Lang::Da);
        assert_eq!(text, format!("1,{}", "0".repeat(28)));
    }

    #[test]
    fn exact_amounts_keep_every_digit_and_the_currency() {
        let table = [
            ("21900001.50", "21.900.001,50 kr.", "DKK 21,900,001.50"),
            ("21900000.00", "21.900.000 kr.", "DKK 21,900,000"),
            ("500.005", "500,005 kr.", "DKK 500.005"),
            ("666.663", "666,663 kr.", "DKK 666.663"),
            (
                "0.0000000000000000146",
                "0,0000000000000000146 kr.",
                "DKK 0.0000000000000000146",
            ),
            ("-1000.25", "−1.000,25 kr.", "−DKK 1,000.25"),
            ("-0", "0 kr.", "DKK 0"),
        ];
        for (value, da, en) in table {
            assert_eq!(format_exact_amount(d(value), Lang::Da), da, "{value}");
            assert_eq!(format_exact_amount(d(value), Lang::En), en, "{value}");
        }
    }

    #[test]
    fn plain() {
        let table = [
            ("12500.5", "12.500,5", "12,500.5"),
            ("12500.500", "12.500,5", "12,500.5"),
            ("0", "0", "0"),
            ("0.000", "0", "0"),
            ("-0", "0", "0"),
            ("-1000", "−1.000", "−1,000"),
            (
                "0.0000000000000000000000000001",
                "0,0000000000000000000000000001",
                "0.0000000000000000000000000001",
            ),
            ("1234567.000001", "1.234.567,000001", "1,234,567.000001"),
            ("100", "100", "100"),
        ];
        for (value, da, en) in table {
            assert_eq!(format_plain(d(value), Lang::Da), da, "{value}");
            assert_eq!(format_plain(d(value), Lang::En), en, "{value}");
            assert_eq!(format_input(d(value), Lang::Da), da, "{value}");
            assert_eq!(format_input(d(value), Lang::En), en, "{value}");
        }
        // For an input field, three decimals after one to three digits get a fourth: the
        // parser would take `1,234` for possibly the other language's thousands.
        let input = [
            ("1.234", "1,2340", "1.2340", "1,234"),
            ("-999.5", "−999,5", "−999.5", "−999,5"),
            ("0.125", "0,125", "0.125", "0,125"),
            ("1000.125", "1.000,125", "1,000.125", "1.000,125"),
        ];
        for (value, da, en, shown) in input {
            assert_eq!(format_input(d(value), Lang::Da), da, "{value}");
            assert_eq!(format_input(d(value), Lang::En), en, "{value}");
            assert_eq!(format_plain(d(value), Lang::Da), shown, "{value}");
        }
        for (value, da, en) in [
            ("1234.5", "1.234,50", "1,234.50"),
            ("1234.50", "1.234,50", "1,234.50"),
            ("21900000.00", "21.900.000", "21,900,000"),
            ("0.125", "0,125", "0.125"),
            ("1.234", "1,2340", "1.2340"),
        ] {
            assert_eq!(format_amount_input(d(value), Lang::Da), da, "{value}");
            assert_eq!(format_amount_input(d(value), Lang::En), en, "{value}");
            assert_eq!(
                crate::numbers::parse_amount(da, Lang::Da).ok(),
                Some(d(value))
            );
        }
        assert_eq!(format_ungrouped(d("32850000"), Lang::Da), "32850000");
        assert_eq!(format_ungrouped(d("-1234.50"), Lang::Da), "−1234,50");
        assert_eq!(format_ungrouped(d("1234.50"), Lang::En), "1234.50");
    }

    #[test]
    fn millions() {
        let table = [
            ("21900000", "21,9 mio. kr.", "DKK 21.9m"),
            ("5000000", "5,0 mio. kr.", "DKK 5.0m"),
            ("14300000", "14,3 mio. kr.", "DKK 14.3m"),
            ("32850000", "32,9 mio. kr.", "DKK 32.9m"),
            ("5475000", "5,5 mio. kr.", "DKK 5.5m"),
            ("-5450000", "−5,5 mio. kr.", "−DKK 5.5m"),
            ("-5449999.99", "−5,4 mio. kr.", "−DKK 5.4m"),
            ("0", "0,0 mio. kr.", "DKK 0.0m"),
            ("-40000", "0,0 mio. kr.", "DKK 0.0m"),
            ("150000", "0,2 mio. kr.", "DKK 0.2m"),
            ("149999.9999999999", "0,1 mio. kr.", "DKK 0.1m"),
            ("999949999", "999,9 mio. kr.", "DKK 999.9m"),
            ("999950000", "1,0 mia. kr.", "DKK 1.0bn"),
            ("1000000000", "1,0 mia. kr.", "DKK 1.0bn"),
            ("1200000000", "1,2 mia. kr.", "DKK 1.2bn"),
            ("-1250000000", "−1,3 mia. kr.", "−DKK 1.3bn"),
            ("5000000000000", "5.000,0 mia. kr.", "DKK 5,000.0bn"),
            (
                "79228162514264337593543950335",
                "79.228.162.514.264.337.593,5 mia. kr.",
                "DKK 79,228,162,514,264,337,593.5bn",
            ),
            ("0.0000000000000000000000000001", "0,0 mio. kr.", "DKK 0.0m"),
        ];
        for (value, da, en) in table {
            assert_eq!(format_millions(d(value), Lang::Da), da, "{value}");
            assert_eq!(format_millions(d(value), Lang::En), en, "{value}");
        }
    }

    #[test]
    fn percents() {
        let table = [
            ("50", 1, "50,0 %", "50.0%"),
            ("12.5", 0, "13 %", "13%"),
            ("12.45", 1, "12,5 %", "12.5%"),
            ("0", 0, "0 %", "0%"),
            ("-2.5", 0, "−3 %", "−3%"),
            ("1234.5", 1, "1.234,5 %", "1,234.5%"),
            ("33.3333333333", 2, "33,33 %", "33.33%"),
        ];
        for (value, decimals, da, en) in table {
            assert_eq!(format_percent(d(value), decimals, Lang::Da), da, "{value}");
            assert_eq!(format_percent(d(value), decimals, Lang::En), en, "{value}");
        }
    }

    #[test]
    fn grouping_helper() {
        assert_eq!(group("1", '.'), "1");
        assert_eq!(group("12", '.'), "12");
        assert_eq!(group("123", '.'), "123");
        assert_eq!(group("1234", '.'), "1.234");
        assert_eq!(group("123456", ','), "123,456");
        assert_eq!(group("1234567", ','), "1,234,567");
    }

    #[test]
    fn rounding_helper() {
        assert_eq!(div_pow10_round(15, 1), 2);
        assert_eq!(div_pow10_round(-15, 1), -2);
        assert_eq!(div_pow10_round(14, 1), 1);
        assert_eq!(div_pow10_round(-14, 1), -1);
        assert_eq!(div_pow10_round(0, 5), 0);
        assert_eq!(div_pow10_round(i128::MAX, 40), 0);
        assert_eq!(div_pow10_round(5, 36), 0);
    }

    #[test]
    fn a_small_negative_keeps_its_sign_when_every_shown_digit_is_non_zero() {
        // The sign is dropped only when the shown digits are all zero (−0,004 → 0,00); a
        // value between −1 and 0 with digits to show is still negative.
        assert_eq!(format_number(d("-0.4"), 1, Lang::Da), "−0,4");
        assert_eq!(format_millions(d("-150000"), Lang::Da), "−0,2 mio. kr.");
    }
}
