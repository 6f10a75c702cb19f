//! Sensitivity sweeps: evaluate a scenario across a range of one driver's values.

use rust_decimal::Decimal;

use super::error::{quote, Problem, ScenarioError};
use super::eval::{evaluate, Evaluation};
use super::scenario::Scenario;

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
/// including `to` (when `to` falls on a step).
pub fn sweep(
    scenario: &Scenario,
    driver: &str,
    from: Decimal,
    to: Decimal,
    step: Decimal,
) -> Result<Vec<SweepRow>, ScenarioError> {
    if scenario.driver(driver).is_none() {
        return Err(ScenarioError::new("--driver", Problem::UnknownDriver).got(quote(driver)));
    }
    if step <= Decimal::ZERO {
        return Err(ScenarioError::new("--step", Problem::StepNotPositive).got(step.to_string()));
    }
    if from.is_sign_negative() && !from.is_zero() {
        return Err(ScenarioError::new("--from", Problem::Negative).got(from.to_string()));
    }
    if from > to {
        return Err(ScenarioError::new("--from", Problem::EmptyRange).got(format!("{from} > {to}")));
    }
    let too_many = || {
        ScenarioError::new(
            "--step",
            Problem::TooManyPoints {
                limit: MAX_SWEEP_POINTS,
            },
        )
        .got(step.to_string())
    };
    let count = (to - from)
        .checked_div(step)
        .ok_or_else(too_many)?
        .floor()
        .checked_add(Decimal::ONE)
        .ok_or_else(too_many)?;
    if count > Decimal::from(MAX_SWEEP_POINTS) {
        return Err(too_many());
    }

    let mut working = scenario.clone();
    let mut rows = Vec::new();
    let mut value = from;
    while value <= to {
        if let Some(d) = working.driver_mut(driver) {
            d.value = value;
        }
        rows.push(SweepRow::at(value, &evaluate(&working)?));
        value = match value.checked_add(step) {
            Some(next) => next,
            None => break,
        };
    }
    Ok(rows)
}
