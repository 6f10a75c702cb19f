//! Which assumption matters most: a tornado chart of one figure's sensitivity.
//!
//! Every input of the scenario (each driver value, each cost line's amount, each source's
//! rate, amount or cap) is moved down and up by the same percentage, one at a time, and the
//! target figure re-evaluated. The bars are ranked by their swing, the distance between the
//! target at the low and at the high value, largest first, so the assumption the result
//! depends on most comes out on top.
//!
//! Values are moved exactly (`value × (100 ∓ percent) / 100`), never below 0, rates never
//! above 100. Driver values are moved like any other number, so a driver may become
//! fractional (150 pilots − 15 % = 127,5): the chart compares relative sensitivities; for
//! answers on the driver's own grid, see [`super::goal`].

use rust_decimal::Decimal;

use super::error::{Problem, ScenarioError};
use super::eval::{evaluate, Evaluation};
use super::goal::{set, source_index};
use super::scenario::{Scenario, SourceKind};

/// One input of a scenario: the field a tornado bar (or a goal seek answer) is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Input {
    /// `drivers[i].value`.
    Driver(usize),
    /// `costs[i].amount`.
    CostAmount(usize),
    /// `sources[i].rate` (a share source).
    SourceRate(usize),
    /// `sources[i].amount` (a per-unit, fixed or per-year source).
    SourceAmount(usize),
    /// `sources[i].cap` (a share or residual source that has a cap).
    SourceCap(usize),
}

impl Input {
    /// The field path in the scenario document, e.g. `sources[0].rate`.
    pub fn path(&self) -> String {
        match self {
            Input::Driver(i) => format!("drivers[{i}].value"),
            Input::CostAmount(i) => format!("costs[{i}].amount"),
            Input::SourceRate(i) => format!("sources[{i}].rate"),
            Input::SourceAmount(i) => format!("sources[{i}].amount"),
            Input::SourceCap(i) => format!("sources[{i}].cap"),
        }
    }

    /// The input's current value in `s`, if the scenario has that field.
    pub fn value(&self, s: &Scenario) -> Option<Decimal> {
        match *self {
            Input::Driver(i) => s.drivers.get(i).map(|d| d.value),
            Input::CostAmount(i) => s.costs.get(i).map(|c| c.amount),
            Input::SourceRate(i) => match s.sources.get(i)?.kind {
                SourceKind::Share { rate, .. } => Some(rate),
                _ => None,
            },
            Input::SourceAmount(i) => match s.sources.get(i)?.kind {
                SourceKind::PerUnit { amount, .. }
                | SourceKind::Fixed { amount }
                | SourceKind::PerYear { amount } => Some(amount),
                _ => None,
            },
            Input::SourceCap(i) => s.sources.get(i)?.kind.cap(),
        }
    }

    /// Every input of `s`, in document order: drivers, cost lines, then each source's rate,
    /// amount and cap (those it has).
    pub fn all(s: &Scenario) -> Vec<Input> {
        let mut inputs: Vec<Input> = (0..s.drivers.len()).map(Input::Driver).collect();
        inputs.extend((0..s.costs.len()).map(Input::CostAmount));
        for (i, src) in s.sources.iter().enumerate() {
            match src.kind {
                SourceKind::Share { .. } => inputs.push(Input::SourceRate(i)),
                SourceKind::PerUnit { .. }
                | SourceKind::Fixed { .. }
                | SourceKind::PerYear { .. } => inputs.push(Input::SourceAmount(i)),
                SourceKind::Residual { .. } => {}
            }
            if src.kind.cap().is_some() {
                inputs.push(Input::SourceCap(i));
            }
        }
        inputs
    }
}

/// The figure whose sensitivity a tornado chart shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Target {
    /// The uncovered cost.
    Gap,
    /// The amount the source with this id pays.
    Source(String),
    /// The total cost.
    TotalCost,
}

/// One bar of a tornado chart.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TornadoBar {
    pub input: Input,
    /// The input's value in the scenario as given.
    pub value: Decimal,
    /// The input moved down (never below 0) and up (rates never above 100).
    pub low_value: Decimal,
    pub high_value: Decimal,
    /// Whether the move was held at that bound: the low value at 0 (a move of more than
    /// 100 %), the high value of a rate at 100 %. The value is then not `value ∓ percent`,
    /// so a chart that labels the bar "+10 %" must name the value it reached.
    pub low_held: bool,
    pub high_held: bool,
    /// The target with the input at `low_value` and at `high_value`.
    pub target_at_low: Decimal,
    pub target_at_high: Decimal,
    /// `|target_at_high − target_at_low|`.
    pub swing: Decimal,
}

/// Moves every input of `s` down and up by `percent` per cent, one at a time, and returns
/// one bar per input, largest swing first (inputs with equal swings in document order, see
/// [`Input::all`]).
///
/// `percent` must not be negative; above 100 the low value is simply 0.
pub fn tornado(
    s: &Scenario,
    target: Target,
    percent: Decimal,
) -> Result<Vec<TornadoBar>, ScenarioError> {
    s.validate()?;
    if percent < Decimal::ZERO {
        return Err(ScenarioError::new("percent", Problem::Negative).got(percent.to_string()));
    }
    let pick = TargetPick::new(s, &target)?;
    let overflow = || ScenarioError::new("percent", Problem::Overflow).got(percent.to_string());
    let down = Decimal::ONE_HUNDRED
        .checked_sub(percent)
        .ok_or_else(overflow)?;
    let up = Decimal::ONE_HUNDRED
        .checked_add(percent)
        .ok_or_else(overflow)?;
    // `value × factor / 100` keeps every digit; only when that product is too large (an
    // amount near Decimal's limit) is the factor made a fraction first, as evaluation does
    // for a share.
    let scale = |value: Decimal, factor: Decimal, input: Input| {
        value
            .checked_mul(factor)
            .and_then(|x| x.checked_div(Decimal::ONE_HUNDRED))
            .or_else(|| value.checked_mul(factor.checked_div(Decimal::ONE_HUNDRED)?))
            .ok_or_else(|| {
                ScenarioError::new(input.path(), Problem::Overflow).got(value.to_string())
            })
    };

    let mut working = s.clone();
    let mut bars = Vec::new();
    for input in Input::all(s) {
        let Some(value) = input.value(s) else {
            continue;
        };
        let (moved_low, moved_high) = (scale(value, down, input)?, scale(value, up, input)?);
        let mut low_value = moved_low.max(Decimal::ZERO);
        let mut high_value = moved_high;
        if matches!(input, Input::SourceRate(_)) {
            low_value = low_value.min(Decimal::ONE_HUNDRED);
            high_value = high_value.min(Decimal::ONE_HUNDRED);
        }
        let (low_held, high_held) = (low_value != moved_low, high_value != moved_high);
        set(&mut working, input, low_value);
        let target_at_low = pick.of(&evaluate(&working)?);
        set(&mut working, input, high_value);
        let target_at_high = pick.of(&evaluate(&working)?);
        set(&mut working, input, value);
        let swing = target_at_high
            .checked_sub(target_at_low)
            .ok_or_else(|| ScenarioError::new(input.path(), Problem::Overflow))?
            .abs();
        bars.push(TornadoBar {
            input,
            value,
            low_value,
            high_value,
            low_held,
            high_held,
            target_at_low,
            target_at_high,
            swing,
        });
    }
    // A stable sort keeps document order among equal swings.
    bars.sort_by_key(|bar| std::cmp::Reverse(bar.swing));
    Ok(bars)
}

/// A [`Target`] resolved against a scenario (a source id becomes its index).
enum TargetPick {
    Gap,
    Source(usize),
    TotalCost,
}

impl TargetPick {
    fn new(s: &Scenario, target: &Target) -> Result<TargetPick, ScenarioError> {
        Ok(match target {
            Target::Gap => TargetPick::Gap,
            Target::Source(id) => TargetPick::Source(source_index(s, id)?),
            Target::TotalCost => TargetPick::TotalCost,
        })
    }

    fn of(&self, e: &Evaluation) -> Decimal {
        match *self {
            TargetPick::Gap => e.gap,
            TargetPick::Source(i) => e.sources.get(i).map_or(Decimal::ZERO, |r| r.amount),
            TargetPick::TotalCost => e.total_cost,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Base, CostKind, CostLine, Driver, Source};

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    /// 10 units at 1.000 + 500 fixed; a 95 % share of total capped at 20.000; 100 per unit;
    /// a residual capped at 1.000.
    fn small() -> Scenario {
        Scenario {
            name: String::new(),
            currency: "DKK".into(),
            years: 1,
            drivers: vec![Driver {
                id: "u".into(),
                label: String::new(),
                value: d(10),
                min: None,
                max: None,
                step: None,
            }],
            costs: vec![
                CostLine {
                    id: "unit".into(),
                    label: String::new(),
                    kind: CostKind::PerUnit { driver: "u".into() },
                    amount: d(1000),
                    eligible: true,
                },
                CostLine {
                    id: "fixed".into(),
                    label: String::new(),
                    kind: CostKind::Fixed,
                    amount: d(500),
                    eligible: true,
                },
            ],
            sources: vec![
                Source {
                    id: "share".into(),
                    label: String::new(),
                    kind: SourceKind::Share {
                        rate: d(95),
                        of: Base::Total,
                        cap: Some(d(20_000)),
                    },
                },
                Source {
                    id: "fee".into(),
                    label: String::new(),
                    kind: SourceKind::PerUnit {
                        driver: "u".into(),
                        amount: d(100),
                    },
                },
                Source {
                    id: "rest".into(),
                    label: String::new(),
                    kind: SourceKind::Residual { cap: Some(d(1000)) },
                },
            ],
        }
    }

    #[test]
    fn inputs_in_document_order_with_paths() {
        let inputs = Input::all(&small());
        assert_eq!(
            inputs,
            vec![
                Input::Driver(0),
                Input::CostAmount(0),
                Input::CostAmount(1),
                Input::SourceRate(0),
                Input::SourceCap(0),
                Input::SourceAmount(1),
                Input::SourceCap(2),
            ]
        );
        let paths: Vec<String> = inputs.iter().map(Input::path).collect();
        assert_eq!(
            paths,
            [
                "drivers[0].value",
                "costs[0].amount",
                "costs[1].amount",
                "sources[0].rate",
                "sources[0].cap",
                "sources[1].amount",
                "sources[2].cap"
            ]
        );
        assert_eq!(Input::SourceRate(1).value(&small()), None);
        assert_eq!(Input::SourceCap(2).value(&small()), Some(d(1000)));
    }

    #[test]
    fn rates_stop_at_one_hundred_and_nothing_goes_below_zero() {
        let s = small();
        let bars = tornado(&s, Target::Gap, d(150)).expect("tornado");
        let rate = bars
            .iter()
            .find(|b| b.input == Input::SourceRate(0))
            .expect("rate bar");
        assert_eq!((rate.low_value, rate.high_value), (d(0), d(100)));
        assert!(bars.iter().all(|b| b.low_value == d(0)));
        // Held at both ends: 95 × 2,5 is past 100 and 95 × −0,5 below 0.
        assert!(rate.low_held && rate.high_held);
        assert!(bars.iter().all(|b| b.low_held), "−150 % is held at 0");
        assert!(
            bars.iter()
                .filter(|b| b.input != Input::SourceRate(0))
                .all(|b| !b.high_held),
            "only a rate has a ceiling"
        );
        let bars = tornado(&s, Target::Gap, d(10)).expect("tornado");
        let rate = bars
            .iter()
            .find(|b| b.input == Input::SourceRate(0))
            .expect("rate bar");
        // 95 × 0,9 = 85,5 and 95 × 1,1 = 104,5 → 100.
        assert_eq!(
            (rate.low_value, rate.high_value),
            (Decimal::new(855, 1), d(100))
        );
        assert_eq!((rate.low_held, rate.high_held), (false, true));
        assert!(bars
            .iter()
            .filter(|b| b.input != Input::SourceRate(0))
            .all(|b| !b.low_held && !b.high_held));
        // A move to exactly 0 is the move asked for, not one held there.
        let bars = tornado(&s, Target::Gap, d(100)).expect("tornado");
        assert!(bars.iter().all(|b| b.low_value == d(0) && !b.low_held));
    }

    #[test]
    fn gap_depends_on_the_residual_cap() {
        // Total 10.500; share 9.975; fee 1.000 → uncovered −475: no gap, whatever the
        // residual's cap. At −10 % of the share's rate (85,5 %: 8.977,50) the uncovered 522,50
        // is within the cap of 1.000, so still no gap; at −100 % (0 %) the uncovered 9.500
        // exceeds the cap by 8.500.
        let s = small();
        let bars = tornado(&s, Target::Gap, d(100)).expect("tornado");
        assert_eq!(bars[0].input, Input::SourceRate(0));
        assert_eq!(
            (bars[0].target_at_low, bars[0].target_at_high, bars[0].swing),
            (d(8500), d(0), d(8500))
        );
        let zero = tornado(&s, Target::Source("share".into()), d(0)).expect("tornado");
        assert!(zero
            .iter()
            .all(|b| b.swing.is_zero() && b.low_value == b.value && b.high_value == b.value));
    }

    #[test]
    fn unknown_target_and_negative_percent_are_errors() {
        let s = small();
        let err = tornado(&s, Target::Source("nobody".into()), d(10)).expect_err("unknown source");
        assert_eq!(err.problem(), &Problem::UnknownSource);
        let err = tornado(&s, Target::TotalCost, d(-5)).expect_err("negative percent");
        assert_eq!(err.path(), "percent");
    }
}
