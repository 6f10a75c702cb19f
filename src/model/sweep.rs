//! Sensitivity sweeps: evaluate a scenario across a range of one driver's values.

use rust_decimal::Decimal;

use super::error::{quote, Problem, ScenarioError};
use super::eval::Evaluation;
use super::goal::{Range, RangePaths};
use super::scenario::Scenario;
use super::sweep_input::sweep_over;
use super::tornado::Input;

/// The most points one sweep may produce; beyond this a typo in `step` would exhaust memory.
pub const MAX_SWEEP_POINTS: usize = 1_000_000;

/// One point of a sweep: the driver value and the headline figures at that value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SweepRow {
    pub value: Decimal,
    pub total_cost: Decimal,
    /// Each source's amount, in the scenario's order.
    pub sources: Vec<Decimal>,
    pub gap: Decimal,
    pub surplus: Decimal,
}

impl SweepRow {
    /// The row for `value`, from the scenario's evaluation with that value.
    pub(crate) fn at(value: Decimal, e: &Evaluation) -> SweepRow {
        SweepRow {
            value,
            total_cost: e.total_cost,
            sources: e.sources.iter().map(|s| s.amount).collect(),
            gap: e.gap,
            surplus: e.surplus,
        }
    }
}

/// Evaluates `scenario` with driver `driver` set to `from`, `from + step`, … up to and
/// including `to` (when `to` falls on a step): the grid of [`sweep_input`], so the command
/// line, the CSV export and the sweep chart see the same points. Errors name the command
/// line's options (`--step`, …).
pub fn sweep(
    scenario: &Scenario,
    driver: &str,
    from: Decimal,
    to: Decimal,
    step: Decimal,
) -> Result<Vec<SweepRow>, ScenarioError> {
    let Some(index) = scenario.drivers.iter().position(|d| d.id == driver) else {
        return Err(ScenarioError::new("--driver", Problem::UnknownDriver).got(quote(driver)));
    };
    // Each value is `from + k · step`, not the previous value plus `step`: adding the step
    // over and over drifts by rounding, and where `value + step` rounds back to `value` (a
    // large `from`, a small step) it never reaches `to`. The range is checked where every
    // range is (a positive step, a start of 0 or more, `from ≤ to`, at most
    // [`MAX_SWEEP_POINTS`] points), its errors named by the options.
    sweep_over(
        scenario,
        Input::Driver(index),
        Range::new(from, to, step),
        &RangePaths::options(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::read::from_json_str;

    fn d(text: &str) -> Decimal {
        text.parse().expect("test literal")
    }

    /// One unit `u` at 1 kr. each, covered by a residual.
    fn units() -> Scenario {
        from_json_str(
            r#"{"format": 1, "name": "u", "currency": "DKK", "years": 1,
                "drivers": [{"id": "u", "label": "U", "value": 1}],
                "costs": [{"id": "c", "label": "C", "kind": "per_unit", "driver": "u", "amount": 1}],
                "sources": [{"id": "r", "label": "R", "kind": "residual"}]}"#,
        )
        .expect("valid scenario")
    }

    #[test]
    fn a_step_too_small_to_change_a_large_value_ends() {
        // 10^28 + 0,1 rounds back to 10^28 (28 digits): adding the step over and over never
        // got past it, and the rows filled memory.
        let big = d("10000000000000000000000000000");
        let rows = sweep(&units(), "u", big, big, d("0.1")).expect("sweep");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].total_cost, big);
    }

    #[test]
    fn the_values_are_the_grid_of_sweep_input_without_drift() {
        let s = units();
        let third = d("0.3333333333333333333333333333");
        let rows = sweep(&s, "u", d("10"), d("12"), third).expect("sweep");
        let values: Vec<Decimal> = rows.iter().map(|r| r.value).collect();
        // Each value is from + k · step: from + 3 · step rounds to exactly 11 at 28 digits,
        // where repeated adding gave 10,999…9 (and 11,999…8 for the last).
        let expected: Vec<Decimal> = (0..7u32)
            .map(|k| d("10") + third * Decimal::from(k))
            .collect();
        assert_eq!(values, expected);
        assert_eq!(values[3], d("11"));
    }

    #[test]
    fn refusals_name_the_options() {
        let s = units();
        let path =
            |r: Result<Vec<SweepRow>, ScenarioError>| r.expect_err("refused").path().to_string();
        assert_eq!(path(sweep(&s, "x", d("0"), d("1"), d("1"))), "--driver");
        assert_eq!(path(sweep(&s, "u", d("0"), d("1"), d("0"))), "--step");
        assert_eq!(path(sweep(&s, "u", d("-1"), d("1"), d("1"))), "--from");
        assert_eq!(path(sweep(&s, "u", d("2"), d("1"), d("1"))), "--from");
        assert_eq!(
            path(sweep(&s, "u", d("0"), d("10000000"), d("1"))),
            "--step"
        );
    }
}
