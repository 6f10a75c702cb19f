//! Sums and products that are exact or refused. `Decimal` keeps 28 to 29 significant
//! digits (a whole number below 2^96 and a scale of at most 28); its checked sum or
//! product of numbers that need more digits is not refused but rounded, to fewer decimals
//! than the exact result has. A rounded figure shown as exact is what Cofund exists to
//! avoid, so evaluation uses these instead: an [`Inexact`] error for a result that is too
//! large or that `Decimal` would have rounded, which evaluation reports as an overflow
//! (blamed on the largest number for the one, on the finest for the other).
//!
//! Kept out of line so that each of evaluation's many call sites costs a call, not a copy of
//! Decimal's large checked operations (this keeps the wasm bundle small, at no measurable
//! cost natively). The checks cost a comparison of scales unless `Decimal` dropped digits.

use rust_decimal::Decimal;

/// Why a sum or product has no exact `Decimal`. Told apart here, where `Decimal`'s own
/// operation says it, rather than by calling that operation again (each call site of
/// `Decimal`'s checked arithmetic is a copy of it in the wasm programs, 2 KB or more).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Inexact {
    /// Beyond `Decimal`'s range (about ±7.9 · 10^28).
    TooLarge,
    /// In range, but with more digits than `Decimal` keeps: it would have been rounded.
    TooManyDigits,
}

/// `a + b` as `Decimal::checked_add` gives it: rounded to the digits `Decimal` keeps, `None`
/// beyond its range. For figures made for display (shares, sums of shares, positions on a
/// bar), where a quotient's 28th digit may round. Out of line, and [`add`] is built on it,
/// so that the wasm programs hold one copy of `Decimal`'s addition rather than one per call
/// site: the display code had a dozen (`shown::sum` alone was 1.763 B of the widget's
/// wasm; BENCHMARKS.md).
#[inline(never)]
pub fn rounded_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

/// `a − b`, as [`rounded_add`].
pub fn rounded_sub(a: Decimal, b: Decimal) -> Option<Decimal> {
    rounded_add(a, -b)
}

/// `a × b` as `Decimal::checked_mul` gives it, out of line as [`rounded_add`] is ([`mul`]
/// is built on it).
#[inline(never)]
pub fn rounded_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

/// `part / whole · 100`: multiplied first, for precision, and divided first where that
/// product would be beyond `Decimal`'s range. `None` for a `whole` of 0.
#[inline(never)]
pub fn percent_of(part: Decimal, whole: Decimal) -> Option<Decimal> {
    rounded_mul(part, Decimal::ONE_HUNDRED)
        .and_then(|p| p.checked_div(whole))
        .or_else(|| rounded_mul(part.checked_div(whole)?, Decimal::ONE_HUNDRED))
}

/// `a + b` exactly.
#[inline(never)]
pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Inexact> {
    let sum = rounded_add(a, b).ok_or(Inexact::TooLarge)?;
    // An exact sum has the decimals of its more precise term; Decimal gives back the other
    // term as it is when one is zero.
    if a.is_zero() || b.is_zero() || sum.scale() >= a.scale().max(b.scale()) {
        return Ok(sum);
    }
    // Digits were dropped; they were zeros if the terms only looked more precise (`…,00`):
    // the sum again without their trailing zeros. (Called again rather than added here: a
    // second copy of Decimal's addition would be 2 KB more of every wasm program.)
    let (trimmed_a, trimmed_b) = (a.normalize(), b.normalize());
    if trimmed_a.scale() == a.scale() && trimmed_b.scale() == b.scale() {
        return Err(Inexact::TooManyDigits);
    }
    add(trimmed_a, trimmed_b)
}

/// `a − b` exactly.
#[inline(never)]
pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Inexact> {
    add(a, -b)
}

/// `a × b` exactly.
#[inline(never)]
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Inexact> {
    let product = rounded_mul(a, b).ok_or(Inexact::TooLarge)?;
    // An exact product has the decimals of both factors together. When Decimal dropped
    // some (`dropped` of them), the product is still exact if those digits were zeros:
    // 6 · 10^28 × 0,5 = 3 · 10^28. That is, if the factors' whole numbers (mantissas)
    // multiplied are divisible by 10^dropped, that is by 2^dropped and by 5^dropped.
    let dropped = (a.scale() + b.scale()).saturating_sub(product.scale());
    if dropped == 0 {
        return Ok(product);
    }
    let (x, y) = (a.mantissa().unsigned_abs(), b.mantissa().unsigned_abs());
    let twos = x.trailing_zeros().saturating_add(y.trailing_zeros());
    let fives = fives(x).saturating_add(fives(y));
    (twos >= dropped && fives >= dropped)
        .then_some(product)
        .ok_or(Inexact::TooManyDigits)
}

/// How many times 5 divides `n`, a mantissa (below 2^96); `u32::MAX` for 0. Divided in
/// 32-bit pieces: wasm has no 128-bit division, and a library one would add to every
/// program.
fn fives(n: u128) -> u32 {
    if n == 0 {
        return u32::MAX;
    }
    // Truncating casts: the three 32-bit pieces of a number below 2^96.
    let mut pieces = [(n >> 64) as u32, (n >> 32) as u32, n as u32];
    let mut count = 0;
    loop {
        let mut rest = 0_u64;
        let mut quotient = [0_u32; 3];
        for (q, piece) in quotient.iter_mut().zip(pieces) {
            let current = (rest << 32) | u64::from(piece);
            *q = (current / 5) as u32;
            rest = current % 5;
        }
        if rest != 0 {
            return count;
        }
        pieces = quotient;
        count += 1;
    }
}

/// `a / 100` exactly, or `None` when it needs more than 28 decimals.
pub fn hundredth(a: Decimal) -> Option<Decimal> {
    // A quotient can come with trailing zeros up to 28 decimals; without them, its product
    // with 100 gives `a` back exactly when the quotient is exact.
    a.checked_div(Decimal::ONE_HUNDRED)
        .map(|q| q.normalize())
        .filter(|q| mul(*q, Decimal::ONE_HUNDRED) == Ok(a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    const TOO_MANY: Inexact = Inexact::TooManyDigits;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).unwrap()
    }

    #[test]
    fn exact_results_are_given_and_rounded_ones_refused() {
        assert_eq!(add(d("21900000"), d("0.50")), Ok(d("21900000.50")));
        assert_eq!(mul(d("21900000"), d("0.5")), Ok(d("10950000")));
        // 10^28 + 0,5 needs 30 digits; 10^27 + 0,5 fits (below 2^96 as a whole number).
        assert_eq!(
            add(d("10000000000000000000000000000"), d("0.5")),
            Err(TOO_MANY)
        );
        assert_eq!(
            add(d("1000000000000000000000000000"), d("0.5")),
            Ok(d("1000000000000000000000000000.5"))
        );
        assert_eq!(
            sub(d("10000000000000000000000000000"), d("0.5")),
            Err(TOO_MANY)
        );
        // 987.654.321.098.765.432,198 × 98.765,432 = 97.546.105.689.986.282.577.702,179536.
        assert_eq!(
            mul(d("987654321098765432.198"), d("98765.432")),
            Err(TOO_MANY)
        );
        assert_eq!(
            mul(d("0.0000000000000000000000000001"), d("0.5")),
            Err(TOO_MANY)
        );
        // Overflow is still overflow.
        assert_eq!(mul(Decimal::MAX, d("2")), Err(Inexact::TooLarge));
        assert_eq!(add(Decimal::MAX, d("1")), Err(Inexact::TooLarge));
    }

    /// Digits Decimal drops are no rounding when they are zeros: trailing zeros of a term,
    /// or of the product of its factors' whole numbers.
    #[test]
    fn dropped_zeros_are_no_rounding() {
        assert_eq!(
            mul(d("60000000000000000000000000000"), d("0.5")),
            Ok(d("30000000000000000000000000000"))
        );
        assert_eq!(
            mul(d("40000000000000000000000000000"), d("0.25")),
            Ok(d("10000000000000000000000000000"))
        );
        assert_eq!(
            add(d("60000000000000000000000000000"), d("0.00")),
            Ok(d("60000000000000000000000000000"))
        );
        assert_eq!(
            mul(d("0"), d("0.0000000000000000000000000001")),
            Ok(Decimal::ZERO)
        );
        // 3 is no factor of 10: 6 · 10^28 × 0,3 would need a decimal (18 · 10^27 fits; 7 ·
        // 10^28 × 0,3 = 2,1 · 10^28 fits too). A 29th digit that is not zero is refused.
        assert_eq!(
            mul(d("70000000000000000000000000001"), d("0.3")),
            Err(TOO_MANY)
        );
    }

    #[test]
    fn fives_are_counted_across_the_pieces() {
        assert_eq!(fives(1), 0);
        assert_eq!(fives(5), 1);
        assert_eq!(fives(250), 3);
        assert_eq!(fives(5_u128.pow(41)), 41);
        assert_eq!(fives(5_u128.pow(40) * 2), 40);
        assert_eq!(fives(0), u32::MAX);
    }

    #[test]
    fn a_hundredth_is_exact_or_refused() {
        assert_eq!(hundredth(d("1095000000")), Some(d("10950000")));
        assert_eq!(hundredth(d("50")), Some(d("0.5")));
        assert_eq!(hundredth(d("0.000000000000000000000000005")), None);
        assert_eq!(
            hundredth(d("0.00000000000000000000000005")),
            Some(d("0.0000000000000000000000000005"))
        );
    }
}
