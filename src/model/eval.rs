//! Evaluating a scenario: who pays what, exactly.
//!
//! Evaluation is a pure function of the scenario. It never rounds: every amount is an exact
//! [`Decimal`] (shares and per-unit costs are quotients, exact to 28 significant digits).
//! Every arithmetic step is checked, so numbers too large for `Decimal` give
//! [`Problem::Overflow`] naming the line that overflowed, never a panic or a wrapped value.
//!
//! Alongside each amount the evaluation keeps a [`Trace`]: the figures that produced it.
//! The UI explains any number from the trace, so explanation and calculation cannot
//! drift apart. Results are parallel to the scenario: `lines[i]` belongs to `costs[i]`,
//! `sources[i]` to `sources[i]`, `per_unit[i]` to `drivers[i]`; traces refer to drivers
//! by index. That keeps evaluation free of allocations beyond the three result vectors.

use rust_decimal::Decimal;

use super::error::{quote, Problem, ScenarioError};
use super::scenario::{Base, CostKind, Scenario, SourceKind};

/// The outcome of evaluating a scenario.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Evaluation {
    pub total_cost: Decimal,
    pub eligible_cost: Decimal,
    /// One per cost line, in the scenario's order.
    pub lines: Vec<LineResult>,
    /// One per funding source, in the scenario's order.
    pub sources: Vec<SourceResult>,
    /// Sum of all sources.
    pub funded: Decimal,
    /// Cost no source covers (≥ 0).
    pub gap: Decimal,
    /// Funding beyond the total cost (≥ 0). Never positive together with `gap`.
    pub surplus: Decimal,
    /// Total cost ÷ driver value, one per driver; `None` when the driver is zero.
    pub per_unit: Vec<Option<Decimal>>,
    pub warnings: Vec<Warning>,
}

/// One cost line's contribution to the total.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineResult {
    pub amount: Decimal,
    pub trace: Trace,
}

/// One source's contribution.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceResult {
    pub amount: Decimal,
    /// Percent of total cost; `None` when the total cost is zero.
    pub share: Option<Decimal>,
    pub trace: Trace,
}

/// How an amount was computed: the inputs and intermediate figures, for explanations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Trace {
    /// `amount` once.
    Fixed { amount: Decimal },
    /// `amount` × `units` (the value of `drivers[driver]`).
    PerUnit {
        amount: Decimal,
        driver: usize,
        units: Decimal,
    },
    /// `amount` × `years`.
    PerYear { amount: Decimal, years: u32 },
    /// `amount` × `units` × `years`.
    PerUnitPerYear {
        amount: Decimal,
        driver: usize,
        units: Decimal,
        years: u32,
    },
    /// `rate` % × `base` = `uncapped`; the result is min(`uncapped`, `cap`).
    Share {
        rate: Decimal,
        of: Base,
        base: Decimal,
        uncapped: Decimal,
        cap: Option<Decimal>,
    },
    /// `total_cost` − `others` = `uncovered`; the result is max(0, min(`uncovered`, `cap`)).
    Residual {
        total_cost: Decimal,
        others: Decimal,
        uncovered: Decimal,
        cap: Option<Decimal>,
    },
}

impl Trace {
    /// If a cap reduced this amount: what it would have been without the cap, and the cap.
    pub fn binding_cap(&self) -> Option<(Decimal, Decimal)> {
        match *self {
            Trace::Share {
                uncapped,
                cap: Some(cap),
                ..
            } if uncapped > cap => Some((uncapped, cap)),
            Trace::Residual {
                uncovered,
                cap: Some(cap),
                ..
            } if uncovered > cap => Some((uncovered, cap)),
            _ => None,
        }
    }
}

/// Something the user should know about a result that is nonetheless valid.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// `sources[source]` is held down by its cap: it would have paid `uncapped`.
    Capped {
        source: usize,
        uncapped: Decimal,
        cap: Decimal,
    },
    /// The sources do not cover the total cost.
    Gap { amount: Decimal },
    /// The sources pay more than the total cost.
    Surplus { amount: Decimal },
    /// `drivers[driver]` lies outside its own min–max range.
    DriverOutOfRange { driver: usize },
}

impl Warning {
    /// A stable machine-readable code (used in the command line's JSON output).
    pub fn code(&self) -> &'static str {
        match self {
            Warning::Capped { .. } => "capped",
            Warning::Gap { .. } => "gap",
            Warning::Surplus { .. } => "surplus",
            Warning::DriverOutOfRange { .. } => "driver_out_of_range",
        }
    }
}

fn overflow(path: String) -> ScenarioError {
    ScenarioError::new(path, Problem::Overflow)
}

/// Decimal's checked operations are large; kept out of line so that each of evaluation's
/// many call sites costs a call, not a copy (this keeps the wasm bundle small, at no
/// measurable cost natively).
#[inline(never)]
fn checked_add(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_add(b)
}

#[inline(never)]
fn checked_mul(a: Decimal, b: Decimal) -> Option<Decimal> {
    a.checked_mul(b)
}

fn add(a: Decimal, b: Decimal, path: impl FnOnce() -> String) -> Result<Decimal, ScenarioError> {
    checked_add(a, b).ok_or_else(|| overflow(path()))
}

fn mul(a: Decimal, b: Decimal, path: impl FnOnce() -> String) -> Result<Decimal, ScenarioError> {
    checked_mul(a, b).ok_or_else(|| overflow(path()))
}

/// Evaluates a scenario. The scenario should have passed validation (the reader does
/// that); a reference to a missing driver is still refused here rather than trusted.
pub fn evaluate(s: &Scenario) -> Result<Evaluation, ScenarioError> {
    let driver_index = |id: &str, path: &dyn Fn() -> String| {
        s.drivers
            .iter()
            .position(|d| d.id == id)
            .ok_or_else(|| ScenarioError::new(path(), Problem::UnknownDriver).got(quote(id)))
    };
    let years = Decimal::from(s.years);

    let mut lines = Vec::with_capacity(s.costs.len());
    let mut total_cost = Decimal::ZERO;
    let mut eligible_cost = Decimal::ZERO;
    for (i, line) in s.costs.iter().enumerate() {
        let path = || format!("costs[{i}].amount");
        let (amount, trace) = match &line.kind {
            CostKind::Fixed => (
                line.amount,
                Trace::Fixed {
                    amount: line.amount,
                },
            ),
            CostKind::PerYear => (
                mul(line.amount, years, path)?,
                Trace::PerYear {
                    amount: line.amount,
                    years: s.years,
                },
            ),
            CostKind::PerUnit { driver } => {
                let d = driver_index(driver, &|| format!("costs[{i}].driver"))?;
                let units = s.drivers[d].value;
                (
                    mul(line.amount, units, path)?,
                    Trace::PerUnit {
                        amount: line.amount,
                        driver: d,
                        units,
                    },
                )
            }
            CostKind::PerUnitPerYear { driver } => {
                let d = driver_index(driver, &|| format!("costs[{i}].driver"))?;
                let units = s.drivers[d].value;
                (
                    mul(mul(line.amount, units, path)?, years, path)?,
                    Trace::PerUnitPerYear {
                        amount: line.amount,
                        driver: d,
                        units,
                        years: s.years,
                    },
                )
            }
        };
        // A sum too large is blamed on the line that took it over the limit: that is
        // where the editor can show it, next to a number the user typed.
        total_cost = add(total_cost, amount, path)?;
        if line.eligible {
            eligible_cost = add(eligible_cost, amount, path)?;
        }
        lines.push(LineResult { amount, trace });
    }

    // First every source that does not depend on the others; the residual (at most one)
    // afterwards, because it pays what they leave uncovered.
    let mut sources = Vec::with_capacity(s.sources.len());
    let mut others = Decimal::ZERO;
    let mut residual_at = None;
    for (i, src) in s.sources.iter().enumerate() {
        let path = || format!("sources[{i}].amount");
        let (amount, trace) = match &src.kind {
            SourceKind::Share { rate, of, cap } => {
                let base = match of {
                    Base::Eligible => eligible_cost,
                    Base::Total => total_cost,
                };
                // `base × rate / 100` keeps every digit the product has; only when that
                // product is too large (a base near Decimal's limit) is the rate made a
                // fraction first, which cannot overflow: a share of at most 100 % is at
                // most its base. `normalize`: 50 % of 21900000 is 10950000, not …000.00.
                let uncapped = checked_mul(base, *rate)
                    .and_then(|product| product.checked_div(Decimal::ONE_HUNDRED))
                    .or_else(|| {
                        let fraction = rate.checked_div(Decimal::ONE_HUNDRED)?;
                        checked_mul(base, fraction)
                    })
                    .ok_or_else(|| overflow(format!("sources[{i}].rate")))?
                    .normalize();
                let amount = cap.map_or(uncapped, |cap| uncapped.min(cap));
                (
                    amount,
                    Trace::Share {
                        rate: *rate,
                        of: *of,
                        base,
                        uncapped,
                        cap: *cap,
                    },
                )
            }
            SourceKind::PerUnit { driver, amount } => {
                let d = driver_index(driver, &|| format!("sources[{i}].driver"))?;
                let units = s.drivers[d].value;
                (
                    mul(*amount, units, path)?,
                    Trace::PerUnit {
                        amount: *amount,
                        driver: d,
                        units,
                    },
                )
            }
            SourceKind::Fixed { amount } => (*amount, Trace::Fixed { amount: *amount }),
            SourceKind::PerYear { amount } => (
                mul(*amount, years, path)?,
                Trace::PerYear {
                    amount: *amount,
                    years: s.years,
                },
            ),
            SourceKind::Residual { .. } => {
                residual_at = Some(i);
                // Filled in below, once the others are known.
                (
                    Decimal::ZERO,
                    Trace::Fixed {
                        amount: Decimal::ZERO,
                    },
                )
            }
        };
        if residual_at != Some(i) {
            // Blamed on the field that sets this source's amount (a share has no amount).
            let field = if matches!(src.kind, SourceKind::Share { .. }) {
                "rate"
            } else {
                "amount"
            };
            others = add(others, amount, || format!("sources[{i}].{field}"))?;
        }
        sources.push(SourceResult {
            amount,
            share: None,
            trace,
        });
    }
    let mut funded = others;
    if let Some(i) = residual_at {
        let cap = s.sources[i].kind.cap();
        let uncovered = total_cost
            .checked_sub(others)
            .ok_or_else(|| overflow("sources".into()))?;
        let amount = cap
            .map_or(uncovered, |cap| uncovered.min(cap))
            .max(Decimal::ZERO);
        sources[i].amount = amount;
        sources[i].trace = Trace::Residual {
            total_cost,
            others,
            uncovered,
            cap,
        };
        funded = add(funded, amount, || "sources".into())?;
    }

    let mut warnings = Vec::new();
    for (i, d) in s.drivers.iter().enumerate() {
        if d.min.is_some_and(|min| d.value < min) || d.max.is_some_and(|max| d.value > max) {
            warnings.push(Warning::DriverOutOfRange { driver: i });
        }
    }
    for (i, src) in sources.iter_mut().enumerate() {
        if !total_cost.is_zero() {
            src.share = src
                .amount
                .checked_mul(Decimal::ONE_HUNDRED)
                .and_then(|x| x.checked_div(total_cost));
        }
        if let Some((uncapped, cap)) = src.trace.binding_cap() {
            warnings.push(Warning::Capped {
                source: i,
                uncapped,
                cap,
            });
        }
    }

    let gap = (total_cost - funded).max(Decimal::ZERO);
    let surplus = (funded - total_cost).max(Decimal::ZERO);
    if gap > Decimal::ZERO {
        warnings.push(Warning::Gap { amount: gap });
    }
    if surplus > Decimal::ZERO {
        warnings.push(Warning::Surplus { amount: surplus });
    }

    let per_unit = s
        .drivers
        .iter()
        .map(|d| {
            if d.value.is_zero() {
                None
            } else {
                total_cost.checked_div(d.value)
            }
        })
        .collect();

    Ok(Evaluation {
        total_cost,
        eligible_cost,
        lines,
        sources,
        funded,
        gap,
        surplus,
        per_unit,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::from_json_str;
    use crate::presets::Preset;

    /// A one-year scenario from the JSON of its drivers, costs and sources.
    fn scenario(drivers: &str, costs: &str, sources: &str) -> Scenario {
        from_json_str(&format!(
            r#"{{"format":1,"name":"t","currency":"DKK","years":1,"drivers":[{drivers}],"costs":[{costs}],"sources":[{sources}]}}"#
        ))
        .expect("valid scenario")
    }

    fn warnings(s: &Scenario) -> Vec<Warning> {
        evaluate(s).expect("evaluates").warnings
    }

    const COST_1000: &str = r#"{"id":"c","label":"C","kind":"fixed","amount":"1000"}"#;

    #[test]
    fn balanced_presets_warn_of_nothing() {
        // Their drivers sit at the range's minimum, its maximum and inside it.
        for key in ["vaekstpilot-150", "vaekstpilot-225", "design-sprint"] {
            let s = Preset::find(key).unwrap().scenario().unwrap();
            assert_eq!(warnings(&s), [], "{key}");
        }
    }

    #[test]
    fn a_cap_that_does_not_hold_a_source_down_is_no_warning() {
        // 50 % of 1.000 is exactly the cap of 500; the residual's 500 is exactly its cap.
        let s = scenario(
            "",
            COST_1000,
            r#"{"id":"a","label":"A","kind":"share","rate":"50","of":"total","cap":"500"},
               {"id":"r","label":"R","kind":"residual","cap":"500"}"#,
        );
        assert_eq!(warnings(&s), []);
    }

    #[test]
    fn a_surplus_and_a_driver_out_of_range_are_warned_of() {
        let s = scenario(
            "",
            COST_1000,
            r#"{"id":"a","label":"A","kind":"fixed","amount":"1500"}"#,
        );
        assert_eq!(
            warnings(&s),
            [Warning::Surplus {
                amount: Decimal::from(500)
            }]
        );
        let s = scenario(
            r#"{"id":"n","label":"N","value":"11","min":"1","max":"10"}"#,
            r#"{"id":"c","label":"C","kind":"per_unit","driver":"n","amount":"100"}"#,
            r#"{"id":"a","label":"A","kind":"residual"}"#,
        );
        assert_eq!(warnings(&s), [Warning::DriverOutOfRange { driver: 0 }]);
    }
}
