//! Sensitivity sweeps over any input: a driver's value, a cost line's amount, a source's
//! rate, amount or cap (the inputs a tornado chart names, see [`Input`]).
//!
//! The values swept are the grid of a goal seek ([`Range`]): `from`, `from + step`, … up to
//! and including `to` when `to` falls on a step (otherwise the last step below it), so a
//! sweep and a goal seek over the same range see exactly the same points.

use rust_decimal::Decimal;

use super::error::{Problem, ScenarioError};
use super::eval::evaluate;
use super::goal::{set, Range, RangePaths};
use super::scenario::Scenario;
use super::sweep::SweepRow;
use super::tornado::Input;

/// Evaluates `s` with `input` set to each value of the grid `from`, `from + step`, … `to`,
/// everything else unchanged.
///
/// Refused: an input the scenario does not have (a rate of a source that is not a share, a
/// cap of a source without one: [`Problem::Missing`] at the input's path), a step that is
/// not positive, a negative start, `from > to`, more than
/// [`super::sweep::MAX_SWEEP_POINTS`] points (errors at `range.step`, `range.from`, …), and
/// for a rate, an end above 100 ([`Problem::RateOutOfRange`] at `range.to`).
pub fn sweep_input(
    s: &Scenario,
    input: Input,
    from: Decimal,
    to: Decimal,
    step: Decimal,
) -> Result<Vec<SweepRow>, ScenarioError> {
    sweep_over(
        s,
        input,
        Range::new(from, to, step),
        &RangePaths::explicit(),
    )
}

/// [`sweep_input`] with the range's errors at `paths` (the command line names its options).
pub(crate) fn sweep_over(
    s: &Scenario,
    input: Input,
    range: Range,
    paths: &RangePaths,
) -> Result<Vec<SweepRow>, ScenarioError> {
    if input.value(s).is_none() {
        return Err(ScenarioError::new(input.path(), Problem::Missing));
    }
    let n = range.points_at(paths)?;
    let to = range.to;
    if matches!(input, Input::SourceRate(_)) && to > Decimal::ONE_HUNDRED {
        return Err(ScenarioError::new("range.to", Problem::RateOutOfRange).got(to.to_string()));
    }
    let mut working = s.clone();
    let mut rows = Vec::with_capacity(n);
    for k in 0..n {
        let Some(value) = range.value_at(k) else {
            break;
        };
        set(&mut working, input, value);
        rows.push(SweepRow::at(value, &evaluate(&working)?));
    }
    Ok(rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sweep;
    use crate::presets::Preset;

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    fn vaekstpilot() -> Scenario {
        Preset::find("vaekstpilot-150")
            .and_then(|p| p.scenario().ok())
            .expect("preset")
    }

    #[test]
    fn a_driver_sweep_matches_the_driver_sweep() {
        let s = vaekstpilot();
        let by_input = sweep_input(&s, Input::Driver(0), d(150), d(225), d(1)).expect("sweep");
        let by_driver = sweep(&s, "pilots", d(150), d(225), d(1)).expect("sweep");
        assert_eq!(by_input, by_driver);
        assert_eq!(by_input.len(), 76);
        // The published table, to the krone.
        let last = by_input.last().expect("rows");
        assert_eq!(last.value, d(225));
        assert_eq!(last.total_cost, d(32_850_000));
        assert_eq!(
            last.sources,
            vec![d(16_425_000), d(11_250_000), d(5_175_000)]
        );
    }

    #[test]
    fn sweeps_a_rate_an_amount_and_a_cap() {
        let s = vaekstpilot();
        // DEB's rate from 40 % to 60 %: the residual absorbs the change.
        let rows = sweep_input(&s, Input::SourceRate(0), d(40), d(60), d(10)).expect("sweep");
        let deb: Vec<Decimal> = rows.iter().map(|r| r.sources[0]).collect();
        let local: Vec<Decimal> = rows.iter().map(|r| r.sources[2]).collect();
        assert_eq!(deb, vec![d(8_760_000), d(10_950_000), d(13_140_000)]);
        assert_eq!(local, vec![d(5_640_000), d(3_450_000), d(1_260_000)]);
        assert!(rows.iter().all(|r| r.total_cost == d(21_900_000)));

        // The administration cost per pilot from 0 to 46.000 in steps of 23.000.
        let rows =
            sweep_input(&s, Input::CostAmount(1), d(0), d(46_000), d(23_000)).expect("sweep");
        let totals: Vec<Decimal> = rows.iter().map(|r| r.total_cost).collect();
        assert_eq!(totals, vec![d(15_000_000), d(18_450_000), d(21_900_000)]);

        // A cap on the residual: a gap opens once the cap is below the remaining need.
        let mut capped = s.clone();
        if let Some(src) = capped.sources.get_mut(2) {
            src.kind = crate::model::SourceKind::Residual { cap: Some(d(1)) };
        }
        let rows = sweep_input(
            &capped,
            Input::SourceCap(2),
            d(3_000_000),
            d(4_000_000),
            d(250_000),
        )
        .expect("sweep");
        let gaps: Vec<Decimal> = rows.iter().map(|r| r.gap).collect();
        assert_eq!(gaps, vec![d(450_000), d(200_000), d(0), d(0), d(0)]);
    }

    #[test]
    fn the_grid_stops_at_the_last_step_within_the_range() {
        let s = vaekstpilot();
        let rows = sweep_input(&s, Input::Driver(0), d(150), d(160), d(3)).expect("sweep");
        let values: Vec<Decimal> = rows.iter().map(|r| r.value).collect();
        assert_eq!(values, vec![d(150), d(153), d(156), d(159)]);
        // The scenario itself is left alone.
        assert_eq!(s.drivers[0].value, d(150));
    }

    #[test]
    fn refusals_name_the_field() {
        let s = vaekstpilot();
        let err = |r: Result<Vec<SweepRow>, ScenarioError>| {
            let e = r.expect_err("refused");
            (e.path().to_string(), e.problem().clone())
        };
        // The companies pay per unit: they have no rate, and no source here has a cap.
        assert_eq!(
            err(sweep_input(&s, Input::SourceRate(1), d(0), d(10), d(1))),
            ("sources[1].rate".into(), Problem::Missing)
        );
        assert_eq!(
            err(sweep_input(&s, Input::SourceCap(2), d(0), d(10), d(1))),
            ("sources[2].cap".into(), Problem::Missing)
        );
        assert_eq!(
            err(sweep_input(&s, Input::Driver(7), d(0), d(10), d(1))),
            ("drivers[7].value".into(), Problem::Missing)
        );
        assert_eq!(
            err(sweep_input(&s, Input::SourceRate(0), d(50), d(120), d(10))),
            ("range.to".into(), Problem::RateOutOfRange)
        );
        assert_eq!(
            err(sweep_input(&s, Input::Driver(0), d(0), d(10), d(0))),
            ("range.step".into(), Problem::StepNotPositive)
        );
        assert_eq!(
            err(sweep_input(&s, Input::Driver(0), d(10), d(0), d(1))),
            ("range.from".into(), Problem::EmptyRange)
        );
        assert_eq!(
            err(sweep_input(&s, Input::Driver(0), d(-1), d(10), d(1))),
            ("range.from".into(), Problem::Negative)
        );
        assert!(matches!(
            err(sweep_input(&s, Input::Driver(0), d(0), d(10_000_000), d(1))).1,
            Problem::TooManyPoints { .. }
        ));
    }
}
