//! Goal seek for the board meeting: the questions a board asks about a scenario, answered
//! exactly.
//!
//! * [`max_driver_within`]: how many units (pilots, SMEs, …) can we run before a source's
//!   bill exceeds a limit? Answered on the driver's grid (`from`, `from + step`, …), so an
//!   integer driver stays an integer.
//! * [`close_gap`]: what rate or amount would one source need for the gap to disappear?
//! * [`driver_where_cap_binds`]: from how many units on does a source hit its cap?
//!
//! # Why a binary search is safe here
//!
//! Scanning every point of the grid would always be correct, but a search needs only a few
//! dozen evaluations. It is used because the shape of a source's amount as a function of one
//! driver value `v` is known exactly for a *valid* scenario (all amounts ≥ 0, rates 0–100,
//! years ≥ 1; every function here validates the scenario first):
//!
//! * every cost line is `a + b·v` with `b ≥ 0`, so total and eligible cost are non-decreasing
//!   linear functions of `v`;
//! * a `share` source is `min(rate · base, cap)`: non-decreasing; `per_unit`, `fixed` and
//!   `per_year` sources are linear with a slope ≥ 0 or constant: non-decreasing;
//! * the residual is `clamp(uncovered, 0, cap)` where `uncovered = total − Σ others`. Each
//!   other source is linear or `min(linear, cap)` (concave), so `uncovered` is linear minus
//!   concave: **convex**, and it may well fall as `v` grows (a per-unit contribution larger
//!   than the per-unit cost). For `0 ≤ limit < cap`, `clamp(u, 0, cap) ≤ limit` holds exactly
//!   when `u ≤ limit`, so the values that satisfy the condition form one contiguous block of
//!   the grid: the search first finds the minimum of `uncovered` (where its forward
//!   difference turns non-negative), then searches the non-decreasing part to its right.
//!
//! A property test in this module checks every search against a full scan of the grid.
//! Evaluation is exact (`Decimal`, no rounding short of its 28 significant digits), so the
//! shape holds for the evaluated numbers too.

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::{Decimal, RoundingStrategy};

use super::error::{quote, Problem, ScenarioError};
use super::eval::{evaluate, Evaluation, Trace};
use super::scenario::{Base, Driver, Scenario, SourceKind};
use super::sweep::MAX_SWEEP_POINTS;
use super::tornado::Input;
use crate::numbers::{format_exact_amount, format_percent, format_plain, Lang};

/// Decimals of an amount that [`close_gap`] has to round: 0,01 kr.
pub const AMOUNT_DECIMALS: u32 = 2;
/// Decimals of a rate (in per cent) that [`close_gap`] has to round: 0,0001 %.
pub const RATE_DECIMALS: u32 = 4;

/// The grid of driver values a goal seek explores: `from`, `from + step`, … up to and
/// including `to` when `to` falls on a step (otherwise the last step below it).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Range {
    pub from: Decimal,
    pub to: Decimal,
    pub step: Decimal,
}

impl Range {
    /// A range from `from` to `to` in steps of `step` (checked when it is used).
    pub const fn new(from: Decimal, to: Decimal, step: Decimal) -> Range {
        Range { from, to, step }
    }

    /// The driver's own range: `min` (default 0) to `max` in steps of `step` (default 1).
    /// `None` when the driver has no `max`.
    pub fn of(driver: &Driver) -> Option<Range> {
        Some(Range {
            from: driver.min.unwrap_or(Decimal::ZERO),
            to: driver.max?,
            step: driver.step.unwrap_or(Decimal::ONE),
        })
    }

    /// How many grid points the range has, or why it is not a usable range (a step that is
    /// not positive, a negative start, `from > to`, more than [`MAX_SWEEP_POINTS`] points).
    pub fn points(&self) -> Result<usize, ScenarioError> {
        self.points_at(&RangePaths::explicit())
    }

    /// [`Range::points`], with errors at `paths`.
    pub(crate) fn points_at(&self, paths: &RangePaths) -> Result<usize, ScenarioError> {
        Grid::new(*self, paths).map(|g| g.n)
    }

    /// The `k`-th value of the grid (`from + k · step`), if it lies within the range.
    pub fn value_at(&self, k: usize) -> Option<Decimal> {
        let v = self
            .step
            .checked_mul(Decimal::from(k))?
            .checked_add(self.from)?;
        (v <= self.to).then_some(v)
    }
}

/// The answer of [`max_driver_within`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GoalOutcome {
    /// `value` is the largest grid value at which the source stays within the limit, and
    /// the next grid value (which lies within the range) exceeds it.
    Found {
        value: Decimal,
        evaluation: Evaluation,
    },
    /// Even the last value of the range keeps the source within the limit: the range, not
    /// the money, is what limits the driver. `value` is that last value.
    RangeEnd {
        value: Decimal,
        evaluation: Evaluation,
    },
    /// No value in the range keeps the source within the limit.
    NoSolution { reason: NoSolution },
}

/// Why [`max_driver_within`] found no value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoSolution {
    /// Even where the source is smallest in the range it exceeds the limit: it pays
    /// `amount` at driver value `value`. For every source but the residual that is the
    /// range's first (smallest) value.
    ExceedsEverywhere {
        value: Decimal,
        amount: Decimal,
        limit: Decimal,
    },
}

impl NoSolution {
    /// The reason in words, its amounts with every digit: rounded, a limit of 20.000,40 kr.
    /// and an amount of 20.000,45 kr. read "within 20.000 kr.: the amount is 20.000 kr."
    /// (a review).
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            NoSolution::ExceedsEverywhere { value, amount, limit } => match lang {
                Lang::Da => format!(
                    "ingen værdi i intervallet holder sig inden for grænsen på {}: selv ved {} er beløbet {}",
                    format_exact_amount(*limit, lang),
                    format_plain(*value, lang),
                    format_exact_amount(*amount, lang),
                ),
                Lang::En => format!(
                    "no value in the range stays within the limit of {}: even at {} the amount is {}",
                    format_exact_amount(*limit, lang),
                    format_plain(*value, lang),
                    format_exact_amount(*amount, lang),
                ),
            },
        }
    }
}

/// The answer of [`close_gap`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GapOutcome {
    /// There is no gap to close; `surplus` is the funding beyond the total cost (≥ 0).
    NoGap { surplus: Decimal },
    /// Setting `input` (the source's rate, or its amount: once, per unit or per year as its
    /// kind says) from `previous` to `value` closes the gap. `rounded_up` says that the exact
    /// answer does not terminate and `value` is rounded up to [`RATE_DECIMALS`] or
    /// [`AMOUNT_DECIMALS`]; the source then pays a little more, so `evaluation` (the
    /// scenario re-evaluated with `value`, gap 0) may show a tiny surplus.
    Solved {
        input: Input,
        previous: Decimal,
        value: Decimal,
        rounded_up: bool,
        evaluation: Evaluation,
    },
    /// The source cannot close the gap by its rate or amount alone.
    Impossible { reason: GapImpossible },
}

/// Why [`close_gap`] cannot close the gap with the chosen source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum GapImpossible {
    /// A share would need a rate above 100 %: `needed_rate` (rounded up to
    /// [`RATE_DECIMALS`]).
    RateAbove100 { needed_rate: Decimal },
    /// The source's cap (at `path`, e.g. `sources[0].cap`) is below the `needed` amount.
    CapBinds {
        path: String,
        cap: Decimal,
        needed: Decimal,
    },
    /// A share of a base that is zero pays nothing at any rate.
    BaseZero { of: Base },
    /// A per-unit source whose driver (`driver`, an id) is zero pays nothing at any amount.
    NoUnits { driver: String },
    /// The source is the residual: it already pays whatever is uncovered, up to its cap. The
    /// gap closes when the cap is raised to `cap_needed` (the uncovered amount).
    Residual {
        cap: Option<Decimal>,
        cap_needed: Decimal,
    },
}

impl GapImpossible {
    /// The reason in words.
    pub fn describe(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        match self {
            GapImpossible::RateAbove100 { needed_rate } => {
                let rate = format_percent(*needed_rate, RATE_DECIMALS, lang);
                if da {
                    format!("kræver en støtteprocent på {rate}, over 100 %")
                } else {
                    format!("would need a rate of {rate}, above 100%")
                }
            }
            GapImpossible::CapBinds { path, cap, needed } => {
                let (cap, needed) = (
                    format_exact_amount(*cap, lang),
                    format_exact_amount(*needed, lang),
                );
                if da {
                    format!(
                        "loftet i {path} på {cap} forhindrer det: kilden skulle betale {needed}"
                    )
                } else {
                    format!("the cap in {path} of {cap} prevents it: the source would have to pay {needed}")
                }
            }
            GapImpossible::BaseZero { of } => match (da, of) {
                (true, Base::Eligible) => {
                    "de støtteberettigede udgifter er 0, så ingen procentsats hjælper".into()
                }
                (true, Base::Total) => {
                    "de samlede udgifter er 0, så ingen procentsats hjælper".into()
                }
                (false, Base::Eligible) => "the eligible cost is 0, so no rate helps".into(),
                (false, Base::Total) => "the total cost is 0, so no rate helps".into(),
            },
            GapImpossible::NoUnits { driver } => {
                if da {
                    format!(
                        "enheden {} er 0, så intet beløb pr. enhed hjælper",
                        quote(driver)
                    )
                } else {
                    format!(
                        "the driver {} is 0, so no amount per unit helps",
                        quote(driver)
                    )
                }
            }
            GapImpossible::Residual { cap, cap_needed } => {
                let needed = format_exact_amount(*cap_needed, lang);
                match (da, cap) {
                    (true, Some(cap)) => format!(
                        "kilden er restfinansieringen og betaler allerede op til sit loft på {}; loftet skal hæves til {needed}",
                        format_exact_amount(*cap, lang)
                    ),
                    (true, None) => format!("kilden er restfinansieringen; den skal kunne betale {needed}"),
                    (false, Some(cap)) => format!(
                        "the source is the residual funding and already pays up to its cap of {}; the cap must be raised to {needed}",
                        format_exact_amount(*cap, lang)
                    ),
                    (false, None) => format!("the source is the residual funding; it would have to pay {needed}"),
                }
            }
        }
    }
}

/// The answer of [`driver_where_cap_binds`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CapOutcome {
    /// `value` is the smallest grid value at which the source's uncapped amount reaches its
    /// `cap` (uncapped ≥ cap); `evaluation` is the scenario at that value.
    BindsFrom {
        value: Decimal,
        cap: Decimal,
        evaluation: Evaluation,
    },
    /// The cap is already reached at `value`, the first value of the range ("from 150"
    /// would read as the point where it starts to bind). `evaluation` is the scenario at
    /// that value. `rising`: the uncapped amount does not fall after the start, so where
    /// the cap starts to bind lies below the range, if anywhere; a residual's can fall
    /// first (its curve is convex), and then the cap may stop binding inside the range.
    BindsAtStart {
        value: Decimal,
        cap: Decimal,
        evaluation: Evaluation,
        rising: bool,
    },
    /// The cap is not reached anywhere in the range; the uncapped amount is at most
    /// `highest`, at driver value `value`.
    NeverBinds {
        cap: Decimal,
        value: Decimal,
        highest: Decimal,
    },
    /// The source has no cap (only `share` and `residual` sources can have one).
    NoCap,
}

/// The largest value of `driver` on the grid of `range` at which source `source` pays at
/// most `limit`, everything else unchanged.
///
/// `range` `None` means the driver's own range ([`Range::of`]); a driver without `max` then
/// gives [`Problem::Missing`] at `drivers[i].max`. See the module documentation for why the
/// answer is exact although only a few grid points are evaluated.
pub fn max_driver_within(
    s: &Scenario,
    driver: &str,
    source: &str,
    limit: Decimal,
    range: Option<Range>,
) -> Result<GoalOutcome, ScenarioError> {
    let mut probe = Probe::new(s, driver, source, range)?;
    let last = probe.grid.n - 1;
    let src = probe.source;
    let found = match s.sources[src].kind {
        SourceKind::Residual { cap } => {
            if limit < Decimal::ZERO {
                None
            } else if cap.is_some_and(|cap| limit >= cap) {
                Some(last)
            } else {
                // 0 ≤ limit < cap: amount ≤ limit exactly when uncovered ≤ limit.
                let low = convex_min(last, |k| probe.uncapped(k))?;
                last_at_most(low, last, limit, |k| probe.uncapped(k))?
            }
        }
        _ => last_at_most(0, last, limit, |k| probe.amount(k))?,
    };
    match found {
        Some(k) => {
            let value = probe.grid.value(k)?;
            let evaluation = probe.eval(k)?;
            Ok(if k == last {
                GoalOutcome::RangeEnd { value, evaluation }
            } else {
                GoalOutcome::Found { value, evaluation }
            })
        }
        None => {
            let least = match s.sources[src].kind {
                SourceKind::Residual { .. } => convex_min(last, |k| probe.uncapped(k))?,
                _ => 0,
            };
            Ok(GoalOutcome::NoSolution {
                reason: NoSolution::ExceedsEverywhere {
                    value: probe.grid.value(least)?,
                    amount: probe.amount(least)?,
                    limit,
                },
            })
        }
    }
}

/// The smallest value of `driver` on the grid of `range` at which the capped source
/// `source` reaches its cap (its uncapped amount ≥ the cap). `range` as in
/// [`max_driver_within`].
pub fn driver_where_cap_binds(
    s: &Scenario,
    driver: &str,
    source: &str,
    range: Option<Range>,
) -> Result<CapOutcome, ScenarioError> {
    let mut probe = Probe::new(s, driver, source, range)?;
    let Some(cap) = s.sources[probe.source].kind.cap() else {
        return Ok(CapOutcome::NoCap);
    };
    let last = probe.grid.n - 1;
    let found = match s.sources[probe.source].kind {
        SourceKind::Residual { .. } => {
            if probe.uncapped(0)? >= cap {
                Some(0)
            } else {
                // Convex: left of its minimum it stays below its value at the start.
                let low = convex_min(last, |k| probe.uncapped(k))?;
                first_at_least(low, last, cap, |k| probe.uncapped(k))?
            }
        }
        _ => first_at_least(0, last, cap, |k| probe.uncapped(k))?,
    };
    match found {
        Some(0) => Ok(CapOutcome::BindsAtStart {
            value: probe.grid.value(0)?,
            cap,
            evaluation: probe.eval(0)?,
            rising: match s.sources[probe.source].kind {
                SourceKind::Residual { .. } => convex_min(last, |k| probe.uncapped(k))? == 0,
                _ => true,
            },
        }),
        Some(k) => Ok(CapOutcome::BindsFrom {
            value: probe.grid.value(k)?,
            cap,
            evaluation: probe.eval(k)?,
        }),
        None => {
            // Non-decreasing or convex: the largest value is at one of the ends.
            let (first, end) = (probe.uncapped(0)?, probe.uncapped(last)?);
            let k = if first > end { 0 } else { last };
            Ok(CapOutcome::NeverBinds {
                cap,
                value: probe.grid.value(k)?,
                highest: first.max(end),
            })
        }
    }
}

/// The rate (for a `share`) or amount (for `per_unit`: per unit; `fixed`; `per_year`: per
/// year) that source `source` needs for the gap to become 0, everything else unchanged.
///
/// The answer is exact when the quotient terminates; otherwise it is rounded up to
/// [`RATE_DECIMALS`] (rates, in per cent) or [`AMOUNT_DECIMALS`] (amounts). Either way the
/// scenario is re-evaluated with the answer and the gap checked to be 0; should that ever
/// fail (numbers beyond `Decimal`'s precision) the error is [`Problem::Overflow`].
pub fn close_gap(s: &Scenario, source: &str) -> Result<GapOutcome, ScenarioError> {
    s.validate()?;
    let i = source_index(s, source)?;
    let e = evaluate(s)?;
    let gap = e.gap;
    if gap.is_zero() {
        return Ok(GapOutcome::NoGap { surplus: e.surplus });
    }
    let overflow =
        |field: &str| ScenarioError::new(format!("sources[{i}].{field}"), Problem::Overflow);
    let current = e.sources[i].amount;
    let needed = current.checked_add(gap).ok_or_else(|| overflow("amount"))?;
    let impossible = |reason| Ok(GapOutcome::Impossible { reason });

    // (input, previous value, exact numerator and denominator of the new value's increase,
    // decimals to round to)
    let (input, previous, increase, divisor, decimals) = match &s.sources[i].kind {
        SourceKind::Residual { cap } => {
            let cap_needed = match e.sources[i].trace {
                Trace::Residual { uncovered, .. } => uncovered,
                _ => needed,
            };
            return impossible(GapImpossible::Residual {
                cap: *cap,
                cap_needed,
            });
        }
        SourceKind::Share { rate, of, cap } => {
            let base = match of {
                Base::Eligible => e.eligible_cost,
                Base::Total => e.total_cost,
            };
            if let Some(cap) = *cap {
                if needed > cap {
                    return impossible(GapImpossible::CapBinds {
                        path: format!("sources[{i}].cap"),
                        cap,
                        needed,
                    });
                }
            }
            if base.is_zero() {
                return impossible(GapImpossible::BaseZero { of: *of });
            }
            let (numerator, denominator) =
                percent_of(needed, base).ok_or_else(|| overflow("rate"))?;
            if needed > base {
                let (needed_rate, _) = quotient(numerator, denominator, RATE_DECIMALS)
                    .ok_or_else(|| overflow("rate"))?;
                return impossible(GapImpossible::RateAbove100 { needed_rate });
            }
            // new rate = needed · 100 / base; solved as a whole rather than as an increase,
            // so a cap that was binding before (and is not now) does not skew it.
            (
                Input::SourceRate(i),
                *rate,
                numerator,
                denominator,
                RATE_DECIMALS,
            )
        }
        SourceKind::PerUnit { driver, amount } => {
            let units = s.driver(driver).map_or(Decimal::ZERO, |d| d.value);
            if units.is_zero() {
                return impossible(GapImpossible::NoUnits {
                    driver: driver.clone(),
                });
            }
            (Input::SourceAmount(i), *amount, gap, units, AMOUNT_DECIMALS)
        }
        SourceKind::Fixed { amount } => (
            Input::SourceAmount(i),
            *amount,
            gap,
            Decimal::ONE,
            AMOUNT_DECIMALS,
        ),
        SourceKind::PerYear { amount } => (
            Input::SourceAmount(i),
            *amount,
            gap,
            Decimal::from(s.years),
            AMOUNT_DECIMALS,
        ),
    };
    let field = if matches!(input, Input::SourceRate(_)) {
        "rate"
    } else {
        "amount"
    };
    // A rate is the quotient itself, rounded up once. An amount is the previous amount plus
    // the quotient, and only that sum is rounded up: rounding the increase first as well
    // could give one øre more than needed when the previous amount has more decimals.
    let (candidate, exact) = if matches!(input, Input::SourceRate(_)) {
        let (rate, inexact) =
            quotient(increase, divisor, decimals).ok_or_else(|| overflow(field))?;
        (rate, !inexact)
    } else {
        let (step, exact) = match exact_quotient(increase, divisor) {
            Some(q) => (q, true),
            None => (
                increase
                    .checked_div(divisor)
                    .ok_or_else(|| overflow(field))?,
                false,
            ),
        };
        let sum = previous.checked_add(step).ok_or_else(|| overflow(field))?;
        if exact {
            (sum, true)
        } else {
            let up = sum.round_dp_with_strategy(decimals, RoundingStrategy::ToPositiveInfinity);
            (up, false)
        }
    };

    // Verify. A rounded-up answer starts from `Decimal`'s quotient, itself rounded at 28
    // digits; should that ever leave it a hair short, fall back to one unit of its last
    // decimal above it (and for an exact answer, to rounded-up values).
    let rounded = candidate.round_dp_with_strategy(decimals, RoundingStrategy::ToPositiveInfinity);
    let above = rounded
        .checked_add(Decimal::new(1, decimals))
        .ok_or_else(|| overflow(field))?;
    let mut working = s.clone();
    let mut last_tried = None;
    for value in [candidate, rounded, above] {
        if last_tried == Some(value) {
            continue;
        }
        last_tried = Some(value);
        if matches!(input, Input::SourceRate(_)) && value > Decimal::ONE_HUNDRED {
            break;
        }
        set(&mut working, input, value);
        let evaluation = evaluate(&working)?;
        if evaluation.gap.is_zero() {
            let rounded_up = !exact || value != candidate;
            return Ok(GapOutcome::Solved {
                input,
                previous,
                value,
                rounded_up,
                evaluation,
            });
        }
    }
    Err(overflow(field))
}

/// `amount` as a per cent of `base`, as the fraction `numerator / denominator`: normally
/// `amount · 100 / base`. When `amount · 100` is too large (an amount above 7,9 · 10^26) the
/// 100 divides the base instead. `None` only when neither fits.
fn percent_of(amount: Decimal, base: Decimal) -> Option<(Decimal, Decimal)> {
    match amount.checked_mul(Decimal::ONE_HUNDRED) {
        Some(scaled) => Some((scaled, base)),
        // base / 100 only moves the decimal point. A base at least as large as the amount
        // has at most two decimals, so it stays exact; a smaller one means a per cent far
        // above 100, which is only reported.
        None => Some((amount, base.checked_div(Decimal::ONE_HUNDRED)?)),
    }
}

/// `n / d`, exact (`false`) when the quotient terminates and fits in a `Decimal`,
/// otherwise rounded up to `decimals` (`true`). `None` on overflow or division by zero.
fn quotient(n: Decimal, d: Decimal, decimals: u32) -> Option<(Decimal, bool)> {
    if let Some(q) = exact_quotient(n, d) {
        return Some((q, false));
    }
    let q = n.checked_div(d)?;
    Some((
        q.round_dp_with_strategy(decimals, RoundingStrategy::ToPositiveInfinity),
        true,
    ))
}

/// `n / d` if its decimal expansion terminates and fits in a `Decimal`, computed in integers.
///
/// `Decimal` division rounds at 28 digits, and a product of the rounded quotient with `d`
/// can round back to exactly `n`, so "q · d = n" does not prove a quotient exact. Instead:
/// with `n = N · 10^-a` and `d = D · 10^-b`, `n / d = (N / D) · 10^(b - a)`, which
/// terminates exactly when `D / gcd(N, D)` has no prime factors but 2 and 5.
fn exact_quotient(n: Decimal, d: Decimal) -> Option<Decimal> {
    if d.is_zero() {
        return None;
    }
    if n.is_zero() {
        return Some(Decimal::ZERO);
    }
    let (big_n, big_d) = (n.mantissa().unsigned_abs(), d.mantissa().unsigned_abs());
    let g = gcd(big_n, big_d);
    let (num, mut den) = (big_n / g, big_d / g);
    let (mut twos, mut fives) = (0u32, 0u32);
    while den % 2 == 0 {
        den /= 2;
        twos += 1;
    }
    while den % 5 == 0 {
        den /= 5;
        fives += 1;
    }
    if den != 1 {
        return None;
    }
    // num / (2^twos · 5^fives) = num · 2^(m - twos) · 5^(m - fives) / 10^m.
    let m = twos.max(fives);
    let mut mantissa = num
        .checked_mul(2u128.checked_pow(m - twos)?)?
        .checked_mul(5u128.checked_pow(m - fives)?)?;
    let mut scale = i64::from(m) + i64::from(n.scale()) - i64::from(d.scale());
    if scale < 0 {
        mantissa = mantissa.checked_mul(10u128.checked_pow(u32::try_from(-scale).ok()?)?)?;
        scale = 0;
    }
    // No trailing zero to trim when the scale is over Decimal's 28: that takes m > 0, a
    // divisor with a 2 or a 5, which the numerator (coprime to it) then lacks, and the
    // multiplier adds only the other prime. Such a quotient is not representable: `None`.
    let mut q = Decimal::try_from_i128_with_scale(
        i128::try_from(mantissa).ok()?,
        u32::try_from(scale).ok()?,
    )
    .ok()?;
    q.set_sign_negative(n.is_sign_negative() != d.is_sign_negative());
    Some(q)
}

fn gcd(mut a: u128, mut b: u128) -> u128 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Sets the scenario field that `input` names; a field the scenario does not have is left
/// alone (used by [`close_gap`] and the tornado chart).
pub(crate) fn set(s: &mut Scenario, input: Input, value: Decimal) {
    match input {
        Input::Driver(i) => {
            if let Some(d) = s.drivers.get_mut(i) {
                d.value = value;
            }
        }
        Input::CostAmount(i) => {
            if let Some(c) = s.costs.get_mut(i) {
                c.amount = value;
            }
        }
        Input::SourceRate(i) => {
            if let Some(SourceKind::Share { rate, .. }) =
                s.sources.get_mut(i).map(|src| &mut src.kind)
            {
                *rate = value;
            }
        }
        Input::SourceAmount(i) => {
            if let Some(
                SourceKind::PerUnit { amount, .. }
                | SourceKind::Fixed { amount }
                | SourceKind::PerYear { amount },
            ) = s.sources.get_mut(i).map(|src| &mut src.kind)
            {
                *amount = value;
            }
        }
        Input::SourceCap(i) => {
            if let Some(SourceKind::Share { cap, .. } | SourceKind::Residual { cap }) =
                s.sources.get_mut(i).map(|src| &mut src.kind)
            {
                *cap = Some(value);
            }
        }
    }
}

/// The index of the source with this id, or an error naming it.
pub(crate) fn source_index(s: &Scenario, id: &str) -> Result<usize, ScenarioError> {
    s.sources
        .iter()
        .position(|src| src.id == id)
        .ok_or_else(|| ScenarioError::new("source", Problem::UnknownSource).got(quote(id)))
}

/// Field paths used in range errors: the explicit range's, the driver's own fields, or the
/// command line's options.
pub(crate) struct RangePaths {
    from: String,
    to: String,
    step: String,
}

impl RangePaths {
    pub(crate) fn explicit() -> RangePaths {
        RangePaths {
            from: "range.from".into(),
            to: "range.to".into(),
            step: "range.step".into(),
        }
    }

    fn driver(i: usize) -> RangePaths {
        RangePaths {
            from: format!("drivers[{i}].min"),
            to: format!("drivers[{i}].max"),
            step: format!("drivers[{i}].step"),
        }
    }

    /// `cofund sweep --from … --to … --step …`.
    pub(crate) fn options() -> RangePaths {
        RangePaths {
            from: "--from".into(),
            to: "--to".into(),
            step: "--step".into(),
        }
    }
}

/// A checked range: `n ≥ 1` points `from + k · step`, `k < n`.
#[derive(Clone, Copy, Debug)]
struct Grid {
    from: Decimal,
    step: Decimal,
    n: usize,
}

impl Grid {
    fn new(range: Range, paths: &RangePaths) -> Result<Grid, ScenarioError> {
        let Range { from, to, step } = range;
        if step <= Decimal::ZERO {
            return Err(
                ScenarioError::new(paths.step.clone(), Problem::StepNotPositive)
                    .got(step.to_string()),
            );
        }
        if from < Decimal::ZERO {
            return Err(
                ScenarioError::new(paths.from.clone(), Problem::Negative).got(from.to_string())
            );
        }
        if from > to {
            return Err(ScenarioError::new(paths.from.clone(), Problem::EmptyRange)
                .got(format!("{from} > {to}")));
        }
        // "got" is the number of points the range would give (the step alone says little
        // about why it is refused); a count beyond Decimal is left out.
        let too_many = |points: Option<Decimal>| {
            let error = ScenarioError::new(
                paths.step.clone(),
                Problem::TooManyPoints {
                    limit: MAX_SWEEP_POINTS,
                },
            );
            match points {
                Some(points) => error.got(points.to_string()),
                None => error,
            }
        };
        let span = to.checked_sub(from).ok_or_else(|| {
            ScenarioError::new(paths.to.clone(), Problem::Overflow).got(to.to_string())
        })?;
        let intervals = span
            .checked_div(step)
            .ok_or_else(|| too_many(None))?
            .floor();
        if intervals >= Decimal::from(MAX_SWEEP_POINTS) {
            return Err(too_many(intervals.checked_add(Decimal::ONE)));
        }
        // intervals < MAX_SWEEP_POINTS, a usize, so the conversion cannot fail.
        let n = intervals.to_usize().ok_or_else(|| too_many(None))? + 1;
        // Division rounds at 28 digits; make sure the last point really lies within `to`.
        let mut grid = Grid { from, step, n };
        while grid.n > 1 && grid.value(grid.n - 1).ok().is_none_or(|v| v > to) {
            grid.n -= 1;
        }
        Ok(grid)
    }

    fn value(&self, k: usize) -> Result<Decimal, ScenarioError> {
        self.step
            .checked_mul(Decimal::from(k))
            .and_then(|x| x.checked_add(self.from))
            .ok_or_else(|| ScenarioError::new("range", Problem::Overflow))
    }
}

/// A scenario being evaluated at grid values of one driver, for one source.
struct Probe {
    working: Scenario,
    driver: usize,
    source: usize,
    grid: Grid,
}

impl Probe {
    fn new(
        s: &Scenario,
        driver: &str,
        source: &str,
        range: Option<Range>,
    ) -> Result<Probe, ScenarioError> {
        s.validate()?;
        let d = s
            .drivers
            .iter()
            .position(|d| d.id == driver)
            .ok_or_else(|| {
                ScenarioError::new("driver", Problem::UnknownDriver).got(quote(driver))
            })?;
        let src = source_index(s, source)?;
        let grid = match range {
            Some(range) => Grid::new(range, &RangePaths::explicit())?,
            None => {
                let range = Range::of(&s.drivers[d]).ok_or_else(|| {
                    ScenarioError::new(format!("drivers[{d}].max"), Problem::Missing)
                })?;
                Grid::new(range, &RangePaths::driver(d))?
            }
        };
        Ok(Probe {
            working: s.clone(),
            driver: d,
            source: src,
            grid,
        })
    }

    fn eval(&mut self, k: usize) -> Result<Evaluation, ScenarioError> {
        let v = self.grid.value(k)?;
        if let Some(d) = self.working.drivers.get_mut(self.driver) {
            d.value = v;
        }
        evaluate(&self.working)
    }

    /// The source's amount at grid point `k`.
    fn amount(&mut self, k: usize) -> Result<Decimal, ScenarioError> {
        let src = self.source;
        self.eval(k)
            .map(|e| e.sources.get(src).map_or(Decimal::ZERO, |r| r.amount))
    }

    /// What the source would pay without its cap (without the floor at 0 for the residual).
    fn uncapped(&mut self, k: usize) -> Result<Decimal, ScenarioError> {
        let src = self.source;
        let e = self.eval(k)?;
        Ok(match e.sources.get(src) {
            Some(r) => match r.trace {
                Trace::Share { uncapped, .. } => uncapped,
                Trace::Residual { uncovered, .. } => uncovered,
                _ => r.amount,
            },
            None => Decimal::ZERO,
        })
    }
}

/// The largest `k` in `lo..=hi` with `f(k) ≤ limit`, for `f` non-decreasing on `lo..=hi`.
fn last_at_most<E>(
    lo: usize,
    hi: usize,
    limit: Decimal,
    mut f: impl FnMut(usize) -> Result<Decimal, E>,
) -> Result<Option<usize>, E> {
    if f(lo)? > limit {
        return Ok(None);
    }
    // f(good) ≤ limit; bad is past the end or f(bad) > limit.
    let (mut good, mut bad) = (lo, hi + 1);
    while bad - good > 1 {
        let mid = good + (bad - good) / 2;
        if f(mid)? <= limit {
            good = mid;
        } else {
            bad = mid;
        }
    }
    Ok(Some(good))
}

/// The smallest `k` in `lo..=hi` with `f(k) ≥ target`, for `f` non-decreasing on `lo..=hi`.
fn first_at_least<E>(
    lo: usize,
    hi: usize,
    target: Decimal,
    mut f: impl FnMut(usize) -> Result<Decimal, E>,
) -> Result<Option<usize>, E> {
    if f(hi)? < target {
        return Ok(None);
    }
    // f(good) ≥ target; bad is before the start or f(bad) < target.
    let (mut bad, mut good) = (lo, hi);
    if f(lo)? >= target {
        return Ok(Some(lo));
    }
    while good - bad > 1 {
        let mid = bad + (good - bad) / 2;
        if f(mid)? >= target {
            good = mid;
        } else {
            bad = mid;
        }
    }
    Ok(Some(good))
}

/// The smallest minimiser of a convex `f` on `0..=last`: the first `k` whose forward
/// difference `f(k + 1) − f(k)` is not negative (differences of a convex sequence never
/// decrease), or `last`.
fn convex_min<E>(last: usize, mut f: impl FnMut(usize) -> Result<Decimal, E>) -> Result<usize, E> {
    let (mut lo, mut hi) = (0, last);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if f(mid + 1)? >= f(mid)? {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::convert::Infallible;

    /// Every digit of a limit and an amount, so that the reason never reads as if the
    /// amount were within the limit.
    #[test]
    fn reasons_give_amounts_with_every_digit() {
        let reason = NoSolution::ExceedsEverywhere {
            value: Decimal::from(10),
            amount: Decimal::new(2_000_045, 2),
            limit: Decimal::new(2_000_040, 2),
        };
        assert_eq!(
            reason.describe(Lang::Da),
            "ingen værdi i intervallet holder sig inden for grænsen på 20.000,40 kr.: selv ved 10 er beløbet 20.000,45 kr."
        );
        let residual = GapImpossible::Residual {
            cap: Some(Decimal::new(1_000_050, 2)),
            cap_needed: Decimal::new(1_200_000, 2),
        };
        assert_eq!(
            residual.describe(Lang::En),
            "the source is the residual funding and already pays up to its cap of DKK 10,000.50; the cap must be raised to DKK 12,000"
        );
    }

    fn d(n: i64) -> Decimal {
        Decimal::from(n)
    }

    /// A sequence as a function of its index.
    fn seq(values: &[Decimal]) -> impl FnMut(usize) -> Result<Decimal, Infallible> + '_ {
        move |k| Ok(values[k])
    }

    #[test]
    fn range_of_driver_uses_defaults() {
        let mut driver = Driver {
            id: "x".into(),
            label: String::new(),
            value: d(3),
            min: None,
            max: None,
            step: None,
        };
        assert_eq!(Range::of(&driver), None);
        driver.max = Some(d(10));
        assert_eq!(Range::of(&driver), Some(Range::new(d(0), d(10), d(1))));
        assert_eq!(Range::of(&driver).map(|r| r.points()), Some(Ok(11)));
    }

    #[test]
    fn grid_stops_at_the_last_step_within_the_range() {
        let range = Range::new(d(0), d(10), d(3));
        assert_eq!(range.points(), Ok(4));
        assert_eq!(range.value_at(3), Some(d(9)));
        assert_eq!(range.value_at(4), None);
        // A third rounded down to 28 digits: three steps stay just below 1, so 1 itself is
        // not on the grid but 0,999…9 is.
        let third = Decimal::ONE / d(3);
        assert_eq!(Range::new(d(0), d(1), third).points(), Ok(4));
        assert!(Range::new(d(0), d(1), third).value_at(3) < Some(d(1)));
        // Two thirds rounded up: three steps overshoot 2, so the grid has three points.
        let two_thirds = d(2) / d(3);
        assert_eq!(Range::new(d(0), d(2), two_thirds).points(), Ok(3));
        assert_eq!(Range::new(d(5), d(5), d(1)).points(), Ok(1));
    }

    #[test]
    fn bad_ranges_are_refused_with_their_field() {
        let err = |r: Range| {
            r.points()
                .map_err(|e| (e.path().to_string(), e.problem().clone()))
        };
        assert_eq!(
            err(Range::new(d(0), d(10), d(0))),
            Err(("range.step".into(), Problem::StepNotPositive))
        );
        assert_eq!(
            err(Range::new(d(-1), d(10), d(1))),
            Err(("range.from".into(), Problem::Negative))
        );
        assert_eq!(
            err(Range::new(d(11), d(10), d(1))),
            Err(("range.from".into(), Problem::EmptyRange))
        );
        assert_eq!(
            err(Range::new(d(0), d(10_000_000), d(1))),
            Err((
                "range.step".into(),
                Problem::TooManyPoints {
                    limit: MAX_SWEEP_POINTS
                }
            ))
        );
        assert_eq!(
            Range::new(d(0), d(999_999), d(1)).points(),
            Ok(MAX_SWEEP_POINTS)
        );
        // The refusal says how many points the range would have given.
        let got = |r: Range| r.points().err().and_then(|e| e.value().map(str::to_string));
        assert_eq!(
            got(Range::new(d(0), d(1_000_000), d(1))),
            Some("1000001".into())
        );
        let tiny = Decimal::new(1, 28);
        assert_eq!(got(Range::new(d(0), d(70), tiny)), None);
    }

    #[test]
    fn quotient_is_exact_when_it_terminates() {
        assert_eq!(quotient(d(1), d(8), 2), Some((Decimal::new(125, 3), false)));
        assert_eq!(quotient(d(1), d(3), 2), Some((Decimal::new(34, 2), true)));
        assert_eq!(
            quotient(d(1_440_000_000), d(21_900_000), 4),
            Some((Decimal::new(657_535, 4), true))
        );
        assert_eq!(quotient(d(1), d(0), 2), None);
        // The rounded quotient times the divisor rounds back to the dividend; still not exact.
        assert_eq!(
            quotient(d(1_440_000_000), d(21_900_000), 28).map(|(_, rounded)| rounded),
            Some(true)
        );
        assert_eq!(exact_quotient(d(3), Decimal::new(4, 2)), Some(d(75)));
        assert_eq!(exact_quotient(Decimal::new(1, 28), d(2)), None);
        assert_eq!(
            exact_quotient(d(1), d(1024)),
            Some(Decimal::new(9_765_625, 10))
        );
        assert_eq!(exact_quotient(d(100), d(4)), Some(d(25)));
        assert_eq!(exact_quotient(d(1), d(7)), None);
    }

    #[test]
    fn exact_quotient_with_fives_in_the_divisor_or_decimals_in_it() {
        // Factors of 5 terminate as well as factors of 2: 1 / 5 = 0,2; 3 / 40 = 0,075.
        assert_eq!(exact_quotient(d(1), d(5)), Some(Decimal::new(2, 1)));
        assert_eq!(exact_quotient(d(3), d(40)), Some(Decimal::new(75, 3)));
        assert_eq!(exact_quotient(d(7), d(125)), Some(Decimal::new(56, 3)));
        // A divisor with more decimals than the dividend: 100 / 0,5 = 200, a negative
        // scale before it is made an integer.
        assert_eq!(exact_quotient(d(100), Decimal::new(5, 1)), Some(d(200)));
        assert_eq!(exact_quotient(d(-3), Decimal::new(25, 2)), Some(d(-12)));
        // Exact, but with more than 28 decimals: not a Decimal.
        assert_eq!(exact_quotient(Decimal::new(1, 28), d(2)), None);
        assert_eq!(exact_quotient(d(1), d(1 << 30)), None);
        assert_eq!(
            exact_quotient(d(1), d(1 << 20)),
            Some(Decimal::new(95_367_431_640_625, 20))
        );
    }

    #[test]
    fn a_per_year_amount_over_five_years_is_exact() {
        // 1 kr. missing over 5 years is 0,20 kr. a year: exact, not rounded up.
        let s = scenario(
            r#"{"format": 1, "name": "y", "currency": "DKK", "years": 5, "drivers": [],
                "costs": [{"id": "c", "label": "C", "kind": "fixed", "amount": 1001}],
                "sources": [{"id": "kkr", "label": "K", "kind": "per_year", "amount": 200}]}"#,
        );
        assert!(matches!(
            close_gap(&s, "kkr"),
            Ok(GapOutcome::Solved { value, rounded_up: false, evaluation, .. })
                if value == Decimal::new(2002, 1) && evaluation.surplus.is_zero()
        ));
    }

    #[test]
    fn searches_on_small_sequences() {
        let v: Vec<Decimal> = [1, 2, 2, 5, 9].into_iter().map(d).collect();
        assert_eq!(last_at_most(0, 4, d(2), seq(&v)), Ok(Some(2)));
        assert_eq!(last_at_most(0, 4, d(0), seq(&v)), Ok(None));
        assert_eq!(last_at_most(0, 4, d(9), seq(&v)), Ok(Some(4)));
        assert_eq!(first_at_least(0, 4, d(2), seq(&v)), Ok(Some(1)));
        assert_eq!(first_at_least(0, 4, d(10), seq(&v)), Ok(None));
        assert_eq!(first_at_least(0, 4, d(0), seq(&v)), Ok(Some(0)));
        let convex: Vec<Decimal> = [9, 4, 1, 1, 3, 8].into_iter().map(d).collect();
        assert_eq!(convex_min(5, seq(&convex)), Ok(2));
        assert_eq!(convex_min(0, seq(&convex)), Ok(0));
    }

    #[test]
    fn convex_min_bisects_with_two_evaluations_per_halving() {
        // (k − 600)² on 0..=999: ten halvings of two evaluations each find 600. A search that
        // stops narrowing (or scans) would need hundreds of evaluations, or never end.
        let values: Vec<Decimal> = (0..1000i64).map(|k| d((k - 600) * (k - 600))).collect();
        let mut evaluations = 0;
        let found = convex_min(999, |k| {
            evaluations += 1;
            assert!(evaluations <= 20, "more than 20 evaluations");
            Ok::<_, Infallible>(values[k])
        });
        assert_eq!(found, Ok(600));
        // The smallest of equal minima, at either end of the range.
        let flat: Vec<Decimal> = [3, 1, 1, 1].into_iter().map(d).collect();
        assert_eq!(convex_min(3, seq(&flat)), Ok(1));
        let falling: Vec<Decimal> = [5, 4, 3, 2].into_iter().map(d).collect();
        assert_eq!(convex_min(3, seq(&falling)), Ok(3));
    }

    /// A scenario from its file text (the tests below need only a few lines of it).
    fn scenario(json: &str) -> Scenario {
        crate::model::read::from_json_str(json).expect("valid scenario")
    }

    /// A residual that the others outgrow: 1.000 fixed, 100 per unit `v` (0–20) paid in, the
    /// rest residual. Uncovered is 1.000 − 100·v: 0 at 10 units, negative beyond.
    fn outgrown_residual() -> Scenario {
        scenario(
            r#"{"format": 1, "name": "r", "currency": "DKK", "years": 1,
                "drivers": [{"id": "v", "label": "V", "value": 0, "min": 0, "max": 20}],
                "costs": [{"id": "c", "label": "C", "kind": "fixed", "amount": 1000}],
                "sources": [
                    {"id": "fee", "label": "F", "kind": "per_unit", "driver": "v", "amount": 100},
                    {"id": "rest", "label": "R", "kind": "residual"}]}"#,
        )
    }

    #[test]
    fn a_residual_limit_of_zero_is_met_where_the_others_cover_everything() {
        // From 10 units on the residual pays 0, so a limit of 0 is a limit like any other
        // (not "below zero, nothing fits"): the whole range up to 20 qualifies.
        let s = outgrown_residual();
        match max_driver_within(&s, "v", "rest", Decimal::ZERO, None) {
            Ok(GoalOutcome::RangeEnd { value, evaluation }) => {
                assert_eq!(value, d(20));
                assert_eq!(evaluation.sources[1].amount, Decimal::ZERO);
            }
            other => panic!("{other:?}"),
        }
        // A negative limit cannot be met, even where the others pay more than the whole
        // cost (uncovered −1.000 at 20 units): the residual pays 0 there, not −1.000.
        assert_eq!(
            max_driver_within(&s, "v", "rest", d(-1), None),
            Ok(GoalOutcome::NoSolution {
                reason: NoSolution::ExceedsEverywhere {
                    value: d(20),
                    amount: Decimal::ZERO,
                    limit: d(-1)
                }
            })
        );
    }

    #[test]
    fn a_cap_exactly_at_the_needed_amount_does_not_block_closing_the_gap() {
        // Cost 1.000, 200 fixed, a 50 % share capped at 800: the gap of 300 needs the share
        // to pay exactly 800, which its cap allows (only a cap below it binds): 80 %.
        let s = scenario(
            r#"{"format": 1, "name": "c", "currency": "DKK", "years": 1, "drivers": [],
                "costs": [{"id": "c", "label": "C", "kind": "fixed", "amount": 1000}],
                "sources": [
                    {"id": "own", "label": "O", "kind": "fixed", "amount": 200},
                    {"id": "deb", "label": "D", "kind": "share", "rate": 50, "of": "total",
                     "cap": 800}]}"#,
        );
        match close_gap(&s, "deb") {
            Ok(GapOutcome::Solved {
                input,
                previous,
                value,
                rounded_up,
                evaluation,
            }) => {
                assert_eq!(input, Input::SourceRate(1));
                assert_eq!((previous, value, rounded_up), (d(50), d(80), false));
                assert_eq!(evaluation.sources[1].amount, d(800));
                assert_eq!((evaluation.gap, evaluation.surplus), (d(0), d(0)));
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_cap_never_reached_by_a_flat_source_is_reported_at_the_range_end() {
        // The driver moves no cost, so the 50 % share is 500 all over 0..=10. With the first
        // and last value equally high the answer names the range's end, as it does for
        // every other non-decreasing source.
        let s = scenario(
            r#"{"format": 1, "name": "f", "currency": "DKK", "years": 1,
                "drivers": [{"id": "v", "label": "V", "value": 0, "min": 0, "max": 10}],
                "costs": [{"id": "c", "label": "C", "kind": "fixed", "amount": 1000}],
                "sources": [{"id": "deb", "label": "D", "kind": "share", "rate": 50,
                             "of": "total", "cap": 600}]}"#,
        );
        assert_eq!(
            driver_where_cap_binds(&s, "v", "deb", None),
            Ok(CapOutcome::NeverBinds {
                cap: d(600),
                value: d(10),
                highest: d(500)
            })
        );
    }

    /// A convex sequence: a start value, a first difference and non-negative changes of the
    /// difference.
    fn convex() -> impl Strategy<Value = Vec<Decimal>> {
        (
            -50i64..50,
            -30i64..30,
            proptest::collection::vec(0i64..10, 0..40),
        )
            .prop_map(|(start, slope, bends)| {
                let (mut value, mut slope) = (start, slope);
                let mut out = vec![d(value)];
                for bend in bends {
                    value += slope;
                    slope += bend;
                    out.push(d(value));
                }
                out
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn searches_agree_with_a_full_scan(values in convex(), limit in -60i64..200) {
            let limit = d(limit);
            let last = values.len() - 1;
            let low = convex_min(last, seq(&values)).unwrap_or(0);
            let least = values.iter().min().copied().unwrap_or_default();
            prop_assert_eq!(values[low], least);
            prop_assert!(values[..low].iter().all(|v| *v > least));

            // Largest k with f(k) ≤ limit, over the whole convex sequence.
            let scan = (0..=last).rev().find(|&k| values[k] <= limit);
            prop_assert_eq!(last_at_most(low, last, limit, seq(&values)), Ok(scan));

            // Smallest k with f(k) ≥ limit, the way the cap search does it.
            let scan = (0..=last).find(|&k| values[k] >= limit);
            let found = if values[0] >= limit { Some(0) } else { first_at_least(low, last, limit, seq(&values)).unwrap_or(None) };
            prop_assert_eq!(found, scan);

            // The non-decreasing searches on a sorted copy.
            let mut sorted = values.clone();
            sorted.sort();
            let scan = (0..=last).rev().find(|&k| sorted[k] <= limit);
            prop_assert_eq!(last_at_most(0, last, limit, seq(&sorted)), Ok(scan));
            let scan = (0..=last).find(|&k| sorted[k] >= limit);
            prop_assert_eq!(first_at_least(0, last, limit, seq(&sorted)), Ok(scan));
        }
    }
}
