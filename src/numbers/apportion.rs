//! Rounding a set of figures so that they still add up.
//!
//! Rounded separately, 33⅓ % + 33⅓ % + 33⅓ % shows as 33,3 + 33,3 + 33,3 = 99,9 %, and
//! four shares of 0,50 kr. show as 1 + 1 + 1 + 1 = 4 kr. against a total of 2 kr. Readers
//! take that for an error in the calculation. The largest remainder method (Hamilton's
//! method) rounds each figure down or up by less than one unit so that the shown parts
//! add up exactly to the shown total.
//!
//! **Rule, including negative parts.** Every part starts from its *floor* at the
//! requested precision (rounded toward −∞, so −0,6 starts at −1 and 1,6 at 1); its
//! remainder (part − floor, always in [0, 1 unit)) is how far it is from the next unit
//! up. The target is the sum of the unrounded parts, rounded half away from zero (as
//! everything shown is). The units still missing between the sum of floors and the
//! target (between 0 and the number of parts) go one each to the parts with the largest
//! remainders; ties go to the earlier part, so the result is deterministic and does not
//! depend on sorting details. Each part thus ends on its floor or its floor plus one
//! unit: it moves by less than one unit, and a part that is already a whole number of
//! units never moves.
//!
//! The arithmetic is exact `Decimal` arithmetic. Only if a sum overflows `Decimal`
//! (parts near ±7.9 · 10^28) is the guarantee given up: each part is then rounded on
//! its own, half away from zero, rather than failing.

use rust_decimal::prelude::*;

use crate::model::exact::{percent_of, rounded_add, rounded_sub};

/// `Decimal` holds at most 28 decimals.
const MAX_DECIMALS: u32 = 28;

/// Rounds every part to `decimals` places (at most 28) so that the rounded parts sum
/// exactly to the rounded (half away from zero) sum of the unrounded parts, using the
/// largest remainder method described in the module documentation.
///
/// ```
/// # use rust_decimal::Decimal;
/// # use cofund::numbers::apportion;
/// let half = Decimal::new(5, 1); // 0.5
/// let shown = apportion(&[half, half, half, half], 0);
/// assert_eq!(shown, vec![Decimal::ONE, Decimal::ONE, Decimal::ZERO, Decimal::ZERO]);
/// ```
pub fn apportion(parts: &[Decimal], decimals: u32) -> Vec<Decimal> {
    match sum(parts) {
        Some(total) => apportion_to(parts, total, decimals),
        None => round_each(parts, decimals.min(MAX_DECIMALS)),
    }
}

/// Like [`apportion`], but the rounded parts add up to `whole` rounded (half away from
/// zero) instead of to their own sum rounded. For parts that were each divided out of a
/// known whole, such as per-year figures: `Decimal` holds each quotient to 28 digits, so
/// their sum can lie a hair beside the whole divided once, and at a tie (x,5) the two
/// would round to different units. `whole` must lie within rounding of the parts' sum.
pub fn apportion_to(parts: &[Decimal], whole: Decimal, decimals: u32) -> Vec<Decimal> {
    let decimals = decimals.min(MAX_DECIMALS);
    let target = whole.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
    distribute(parts, target, decimals).unwrap_or_else(|| round_each(parts, decimals))
}

/// Each part's share of the sum in per cent, rounded to `decimals` places (at most 28)
/// so that the shares add up to exactly 100 when the sum is not zero. When the sum is
/// zero there are no shares to speak of and all are zero.
///
/// Shares are apportioned toward exactly 100 rather than toward the rounded sum of the
/// shares, because the shares are quotients that `Decimal` can only hold to 28 digits
/// (1/3 · 100 = 33,333…3), and their sum might be a hair below 100. Parts may be
/// negative; then some shares are negative or above 100, and they still add up to 100.
pub fn percentages(parts: &[Decimal], decimals: u32) -> Vec<Decimal> {
    let decimals = decimals.min(MAX_DECIMALS);
    let zeros = || vec![Decimal::ZERO; parts.len()];
    let Some(total) = sum(parts) else {
        return zeros();
    };
    if total.is_zero() {
        return zeros();
    }
    let shares: Option<Vec<Decimal>> = parts.iter().map(|part| percent_of(*part, total)).collect();
    let Some(shares) = shares else {
        return zeros();
    };
    distribute(&shares, Decimal::ONE_HUNDRED, decimals)
        .unwrap_or_else(|| round_each(&shares, decimals))
}

fn sum(parts: &[Decimal]) -> Option<Decimal> {
    parts
        .iter()
        .try_fold(Decimal::ZERO, |acc, part| rounded_add(acc, *part))
}

/// Rounds each part on its own: the fallback when the exact method cannot be used.
fn round_each(parts: &[Decimal], decimals: u32) -> Vec<Decimal> {
    parts
        .iter()
        .map(|p| {
            tidy(
                p.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero),
                decimals,
            )
        })
        .collect()
}

/// Shows every result with the same number of decimals (33,30 rather than 33,3 next
/// to 33,35) and without a negative zero.
fn tidy(mut value: Decimal, decimals: u32) -> Decimal {
    if value.is_zero() {
        value.set_sign_negative(false);
    }
    // Raising the scale never changes the value; if the mantissa cannot grow that far,
    // rust_decimal stops at the largest scale that fits.
    value.rescale(decimals.max(value.scale()));
    value
}

/// Floors every part and hands out the missing units toward `target` by largest
/// remainder. `None` if an intermediate result overflows.
fn distribute(parts: &[Decimal], target: Decimal, decimals: u32) -> Option<Vec<Decimal>> {
    let unit = Decimal::try_from_i128_with_scale(1, decimals).ok()?;
    let mut rounded: Vec<Decimal> = parts
        .iter()
        .map(|p| p.round_dp_with_strategy(decimals, RoundingStrategy::ToNegativeInfinity))
        .collect();
    let remainders: Vec<Decimal> = parts
        .iter()
        .zip(&rounded)
        .map(|(part, floor)| rounded_sub(*part, *floor))
        .collect::<Option<_>>()?;
    let missing = rounded_sub(target, sum(&rounded)?)?;
    // Both are whole numbers of units, so this quotient is a whole number; it lies in
    // 0..=parts.len() by construction, and is clamped in case the inputs' own rounding
    // (quotients held to 28 digits) pushes it out by one.
    let units = missing.checked_div(unit)?.round().to_i128()?;
    let units = usize::try_from(units.max(0)).ok()?.min(parts.len());

    if units > 0 {
        // The `units` largest remainders, equal ones by their original order (earlier index
        // first). Only those are picked out, not the whole list sorted: the results panel
        // apportions its 200 lines on every keystroke.
        let mut order: Vec<usize> = (0..parts.len()).collect();
        let largest_first =
            |a: &usize, b: &usize| remainders[*b].cmp(&remainders[*a]).then(a.cmp(b));
        // `units` is 1..=parts.len() here, so its last place is in the list.
        order.select_nth_unstable_by(units - 1, largest_first);
        for &index in &order[..units] {
            let slot = rounded.get_mut(index)?;
            *slot = rounded_add(*slot, unit)?;
        }
    }
    Some(rounded.into_iter().map(|r| tidy(r, decimals)).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn ds(texts: &[&str]) -> Vec<Decimal> {
        texts.iter().map(|t| d(t)).collect()
    }

    fn total(values: &[Decimal]) -> Decimal {
        values.iter().copied().sum()
    }

    #[test]
    fn thirds_add_up_to_a_hundred() {
        let third = Decimal::ONE_HUNDRED / Decimal::from(3);
        let shown = apportion(&[third, third, third], 1);
        assert_eq!(shown, ds(&["33.4", "33.3", "33.3"]));
        assert_eq!(total(&shown), d("100.0"));
        assert_eq!(shown[0].to_string(), "33.4");
    }

    #[test]
    fn halves_add_up_to_the_rounded_total() {
        let half = d("0.5");
        let shown = apportion(&[half, half, half, half], 0);
        assert_eq!(shown, ds(&["1", "1", "0", "0"]));
        assert_eq!(total(&shown), d("2"));
    }

    #[test]
    fn largest_remainder_wins_and_ties_go_to_the_earlier_part() {
        assert_eq!(
            apportion(&ds(&["1.2", "1.7", "1.6"]), 0),
            ds(&["1", "2", "2"]),
            "4.5 rounds to 5; remainders .7 and .6 get the units"
        );
        assert_eq!(
            apportion(&ds(&["0.25", "0.25", "0.25", "0.25"]), 1),
            ds(&["0.3", "0.3", "0.2", "0.2"])
        );
        assert_eq!(
            apportion(&ds(&["0.4", "0.4", "0.4"]), 0),
            ds(&["1", "0", "0"])
        );
    }

    #[test]
    fn exact_parts_are_left_alone() {
        // The published Vækstpilot table: total 21.900.000.
        let parts = ds(&["10950000", "7500000", "3450000"]);
        assert_eq!(apportion(&parts, 0), parts);
        let parts = ds(&["1.25", "2.50"]);
        assert_eq!(apportion(&parts, 2), parts);
        assert_eq!(apportion(&parts, 2)[1].to_string(), "2.50");
    }

    #[test]
    fn negative_parts_follow_the_floor_rule() {
        // −0,5 and −0,5: sum −1; floors −1 and −1 (sum −2); one unit to the earlier.
        assert_eq!(apportion(&ds(&["-0.5", "-0.5"]), 0), ds(&["0", "-1"]));
        // −0,6 starts at −1 (remainder 0,4), 1,6 at 1 (remainder 0,6); sum 1,0 → 1.
        assert_eq!(apportion(&ds(&["-0.6", "1.6"]), 0), ds(&["-1", "2"]));
        // Negative total rounds half away from zero: −2,5 → −3.
        let shown = apportion(&ds(&["-1.25", "-1.25"]), 0);
        assert_eq!(total(&shown), d("-3"));
        assert_eq!(shown, ds(&["-1", "-2"]));
        let shown = apportion(&ds(&["-0.4"]), 0);
        assert_eq!(shown, ds(&["0"]));
        assert!(!shown[0].is_sign_negative(), "no negative zero");
    }

    #[test]
    fn edge_cases() {
        assert!(apportion(&[], 2).is_empty());
        assert_eq!(apportion(&ds(&["1.5"]), 0), ds(&["2"]));
        assert_eq!(apportion(&ds(&["-1.5"]), 0), ds(&["-2"]));
        assert_eq!(apportion(&ds(&["0"]), 3)[0].to_string(), "0.000");
        // Decimals beyond Decimal's 28 are capped, not a panic.
        let tiny = ds(&[
            "0.0000000000000000000000000001",
            "0.0000000000000000000000000001",
        ]);
        assert_eq!(apportion(&tiny, u32::MAX), tiny);
        // Overflowing sums fall back to rounding each part.
        let huge = [Decimal::MAX, Decimal::MAX, d("0.5")];
        assert_eq!(
            apportion(&huge, 0),
            vec![Decimal::MAX, Decimal::MAX, d("1")]
        );
        let mixed = [Decimal::MAX, Decimal::MIN, d("0.5")];
        assert_eq!(total(&apportion(&mixed, 0)), d("1"));
    }

    #[test]
    fn percentages_of_the_source_table() {
        // DEB, companies' own payment and the remaining need of 21.900.000 kr.
        let shares = percentages(&ds(&["10950000", "7500000", "3450000"]), 1);
        assert_eq!(shares, ds(&["50.0", "34.2", "15.8"]));
        assert_eq!(total(&shares), d("100"));
    }

    #[test]
    fn percentages_edge_cases() {
        assert_eq!(
            percentages(&ds(&["1", "1", "1"]), 1),
            ds(&["33.4", "33.3", "33.3"])
        );
        assert_eq!(
            percentages(&ds(&["1", "1", "1"]), 0),
            ds(&["34", "33", "33"])
        );
        assert_eq!(percentages(&ds(&["1", "0"]), 2), ds(&["100", "0"]));
        assert_eq!(percentages(&ds(&["0", "0"]), 1), ds(&["0", "0"]));
        assert_eq!(percentages(&ds(&["5", "-5"]), 1), ds(&["0", "0"]));
        assert!(percentages(&[], 1).is_empty());
        let shares = percentages(&ds(&["150", "-50"]), 0);
        assert_eq!(shares, ds(&["150", "-50"]));
        let shares = percentages(&[d("79228162514264337593543950334"), d("1")], 2);
        assert_eq!(shares, ds(&["100", "0"]));
        assert_eq!(total(&shares), d("100"));
        assert_eq!(
            percentages(&[Decimal::MAX, Decimal::MAX], 1),
            ds(&["0", "0"]),
            "sum overflows"
        );
        let shares = percentages(&ds(&["1", "1", "1", "1", "1", "1", "1"]), 20);
        assert_eq!(total(&shares), d("100"));
    }

    /// Amounts with up to 6 decimals, as the model produces them.
    fn part() -> impl Strategy<Value = Decimal> {
        (-1_000_000_000_000i64..1_000_000_000_000, 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s))
    }

    fn non_negative_part() -> impl Strategy<Value = Decimal> {
        (0i64..1_000_000_000_000, 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s))
    }

    /// Largest remainder as the rule states it: floor every part, sort all remainders
    /// (stably, so equal ones keep their order), give one unit to each of the first ones.
    fn distribute_by_full_sort(parts: &[Decimal], target: Decimal, decimals: u32) -> Vec<Decimal> {
        let unit = Decimal::new(1, decimals);
        let floor =
            |p: &Decimal| p.round_dp_with_strategy(decimals, RoundingStrategy::ToNegativeInfinity);
        let mut rounded: Vec<Decimal> = parts.iter().map(floor).collect();
        let units = ((target - total(&rounded)) / unit)
            .round()
            .to_usize()
            .unwrap()
            .min(parts.len());
        let mut order: Vec<usize> = (0..parts.len()).collect();
        order.sort_by(|a, b| (parts[*b] - floor(&parts[*b])).cmp(&(parts[*a] - floor(&parts[*a]))));
        for &i in order.iter().take(units) {
            rounded[i] += unit;
        }
        rounded.into_iter().map(|r| tidy(r, decimals)).collect()
    }

    /// Parts with few distinct remainders, so that ties are common.
    fn tied_part() -> impl Strategy<Value = Decimal> {
        (0i64..40, prop::sample::select(vec![0i64, 25, 50, 75]))
            .prop_map(|(whole, hundredths)| Decimal::new(whole * 100 + hundredths, 2))
    }

    proptest! {
        /// Picking out the largest remainders gives what sorting all of them gives,
        /// ties included.
        #[test]
        fn distribute_picks_what_a_full_sort_picks(
            parts in proptest::collection::vec(prop_oneof![tied_part(), non_negative_part()], 0..40),
            decimals in 0u32..=1,
        ) {
            let target = total(&parts).round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(
                distribute(&parts, target, decimals).unwrap(),
                distribute_by_full_sort(&parts, target, decimals)
            );
        }

        #[test]
        fn apportion_adds_up_and_moves_less_than_a_unit(
            parts in proptest::collection::vec(part(), 0..12),
            decimals in 0u32..=4,
        ) {
            let shown = apportion(&parts, decimals);
            prop_assert_eq!(shown.len(), parts.len());
            let expected = total(&parts)
                .round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
            prop_assert_eq!(total(&shown), expected);
            let unit = Decimal::new(1, decimals);
            for (s, p) in shown.iter().zip(&parts) {
                prop_assert!((*s - *p).abs() < unit, "{} from {}", s, p);
                prop_assert_eq!(s.round_dp(decimals), *s, "{} has more than {} decimals", s, decimals);
            }
        }

        #[test]
        fn percentages_add_up_to_a_hundred(
            parts in proptest::collection::vec(non_negative_part(), 1..12),
            decimals in 0u32..=4,
        ) {
            let shares = percentages(&parts, decimals);
            prop_assert_eq!(shares.len(), parts.len());
            if total(&parts) > Decimal::ZERO {
                prop_assert_eq!(total(&shares), Decimal::ONE_HUNDRED);
                for s in &shares {
                    prop_assert!(*s >= Decimal::ZERO && *s <= Decimal::ONE_HUNDRED);
                }
            } else {
                prop_assert!(shares.iter().all(|s| s.is_zero()));
            }
        }

        #[test]
        fn percentages_add_up_with_mixed_signs(
            parts in proptest::collection::vec(part(), 1..8),
            decimals in 0u32..=2,
        ) {
            let shares = percentages(&parts, decimals);
            if !total(&parts).is_zero() {
                prop_assert_eq!(total(&shares), Decimal::ONE_HUNDRED);
            }
        }
    }
}
