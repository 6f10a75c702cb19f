//! Evaluating a scenario: who pays what, exactly.
//!
//! Evaluation is a pure function of the scenario. It never rounds: every amount is an exact
//! [`Decimal`] (shares and per-unit costs are quotients, exact to 28 significant digits).
//! Every arithmetic step is checked, so numbers too large for `Decimal` give
//! [`Problem::Overflow`] naming the field that is too large (a cost line's amount, a unit
//! count, …) and its value, never a panic or a wrapped value.
//!
//! Alongside each amount the evaluation keeps a [`Trace`]: the figures that produced it.
//! The UI explains any number from the trace, so explanation and calculation cannot
//! drift apart. Results are parallel to the scenario: `lines[i]` belongs to `costs[i]`,
//! `sources[i]` to `sources[i]`, `per_unit[i]` to `drivers[i]`; traces refer to drivers
//! by index. That keeps evaluation free of allocations beyond the three result vectors.

use rust_decimal::Decimal;

use super::error::{quote, Problem, ScenarioError};
// Evaluation's sums and products are exact or refused (see the module).
use super::exact::{
    add as checked_add, hundredth, mul as checked_mul, sub as checked_sub, Inexact,
};
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

impl Evaluation {
    /// No cost and no funding (a blank scenario): there is no balance to state yet, and
    /// "fully funded" would claim one.
    pub fn has_nothing_to_fund(&self) -> bool {
        self.total_cost.is_zero() && self.funded.is_zero()
    }

    /// The rate of `sources[source]` when it is DEB above its highest rate
    /// ([`Warning::DebRateAboveLimit`]), for whatever shows that source.
    pub fn deb_rate_above_limit(&self, source: usize) -> Option<Decimal> {
        self.warnings.iter().find_map(|w| match w {
            Warning::DebRateAboveLimit { source: s, rate } if *s == source => Some(*rate),
            _ => None,
        })
    }

    /// What the DEB sources pay together and the most DEB pays, when the first is above
    /// the second ([`Warning::DebAboveLimit`]).
    pub fn deb_above_limit(&self) -> Option<(Decimal, Decimal)> {
        self.warnings.iter().find_map(|w| match w {
            Warning::DebAboveLimit { amount, limit } => Some((*amount, *limit)),
            _ => None,
        })
    }
}

/// Total cost ÷ units, as the results' cost per unit and a sweep's have it: exact where
/// the division ends, else rounded at `Decimal`'s last digit; `None` at zero units (or if
/// the division overflows).
pub fn cost_per_unit(total_cost: Decimal, units: Decimal) -> Option<Decimal> {
    if units.is_zero() {
        None
    } else {
        total_cost.checked_div(units)
    }
}

/// `amount` as per cent of `total_cost`, as a source's share is: exact where the division
/// ends, else rounded at `Decimal`'s last digit (66,666…667); `None` when there is no cost
/// to share. An amount too large to multiply by 100 first (above some 7,9 · 10^26) is
/// divided first, as the shown shares are: its share was `None` beside a shown 50,0 %.
pub fn share_of_total(amount: Decimal, total_cost: Decimal) -> Option<Decimal> {
    super::exact::percent_of(amount, total_cost)
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
    /// `sources[source]` is DEB ([`is_deb`]) and its rate is above the most DEB pays,
    /// [`DEB_MAX_RATE`] per cent ("støtteprocent på max. 50%"). Not refused: the format
    /// allows any rate up to 100, and a scenario may explore one; but said, so that
    /// nobody takes the figure for one DEB would pay.
    DebRateAboveLimit { source: usize, rate: Decimal },
    /// The DEB sources ([`is_deb`]) pay `amount` together, more than `limit`: [`DEB_MAX_RATE`]
    /// per cent of the eligible cost: two DEB lines at 30 % each, a fixed DEB pledge, or a
    /// rate of the total cost where only part of it is eligible. Not raised when the one DEB
    /// source's rate ([`Warning::DebRateAboveLimit`]) says it already.
    DebAboveLimit { amount: Decimal, limit: Decimal },
}

/// The highest aid rate of DEB (Danmarks Erhvervsfremmebestyrelse), in per cent.
pub const DEB_MAX_RATE: Decimal = Decimal::from_parts(50, 0, 0, false, 0);

/// [`DEB_MAX_RATE`] as a factor, 0,5: a constant, since dividing by 100 as the program runs
/// brought `Decimal`'s division into the widget (3 KB before compression).
const DEB_MAX_SHARE: Decimal = Decimal::from_parts(5, 0, 0, false, 1);

/// [`Warning::DebAboveLimit`] when the DEB sources together pay more than DEB's highest
/// rate of the eligible cost, unless the one DEB source's rate says it already
/// (`rates_said` rate warnings were raised): beside a DEB source whose rate is flagged (and
/// perhaps capped to almost nothing), another one may still take DEB over its limit.
/// Half of a `Decimal` never overflows (the rate is applied as one factor, 0,5, for that
/// reason), and neither does a sum of some of the amounts that make up `funded`, which the
/// evaluation has already added up. Kept out of line: `evaluate` is in every program.
#[inline(never)]
fn deb_above_limit(
    s: &Scenario,
    results: &[SourceResult],
    eligible_cost: Decimal,
    rates_said: usize,
) -> Option<Warning> {
    let (mut amount, mut count) = (Decimal::ZERO, 0);
    for (src, result) in s.sources.iter().zip(results) {
        if is_deb(src) {
            amount = checked_add(amount, result.amount).ok()?;
            count += 1;
        }
    }
    if count == 1 && rates_said == 1 {
        return None;
    }
    let limit = eligible_cost * DEB_MAX_SHARE;
    (amount > limit).then_some(Warning::DebAboveLimit { amount, limit })
}

/// Whether a source is DEB: its id is `deb` (as in the format's example and the presets),
/// or its label begins with the word `DEB` or names Danmarks Erhvervsfremmebestyrelse.
pub fn is_deb(source: &super::Source) -> bool {
    let label = source.label.trim_start();
    let starts_with_deb = label
        .get(..3)
        .is_some_and(|head| head.eq_ignore_ascii_case("deb"))
        && !label[3..].starts_with(|c: char| c.is_alphanumeric());
    source.id.eq_ignore_ascii_case("deb")
        || starts_with_deb
        || crate::text::lowercase(label).contains("erhvervsfremmebestyrelse")
}

impl Warning {
    /// A stable machine-readable code (used in the command line's JSON output).
    pub fn code(&self) -> &'static str {
        match self {
            Warning::Capped { .. } => "capped",
            Warning::Gap { .. } => "gap",
            Warning::Surplus { .. } => "surplus",
            Warning::DriverOutOfRange { .. } => "driver_out_of_range",
            Warning::DebRateAboveLimit { .. } => "deb_rate_above_limit",
            Warning::DebAboveLimit { .. } => "deb_above_limit",
        }
    }
}

/// A field of the scenario that an amount is computed from: what an overflow is blamed on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    /// `costs[i].amount`.
    Cost(usize),
    /// `sources[i].amount`.
    Source(usize),
    /// `sources[i].rate`.
    Rate(usize),
    /// `drivers[i].value`.
    Driver(usize),
    /// `years`.
    Years,
}

impl Field {
    fn path(self) -> String {
        match self {
            Field::Cost(i) => format!("costs[{i}].amount"),
            Field::Source(i) => format!("sources[{i}].amount"),
            Field::Rate(i) => format!("sources[{i}].rate"),
            Field::Driver(i) => format!("drivers[{i}].value"),
            Field::Years => "years".into(),
        }
    }
}

/// The figures one amount is the product of, each with the field it comes from; the
/// line's (or source's) own field first: what `product` multiplies, and what an overflow
/// is blamed on.
type Factors = [(Field, Decimal)];

/// ⌊√(2^96 − 1)⌋ = 2^48 − 1, about 2.8 · 10^14: two numbers of at most this multiply to
/// one that fits `Decimal`.
const ROOT_OF_MAX: Decimal = Decimal::from_parts(u32::MAX, 0xFFFF, 0, false, 0);

/// An overflow, blamed on the one field of `factors` that caused it, with its value.
///
/// A result `too_large` for `Decimal`: two numbers of at most √MAX (about 2.8 · 10^14)
/// always multiply to a number that fits, so a product that does not fit has a factor above
/// that. The line's own amount is named when it is one (the editor marks the unit count it
/// was multiplied by too); otherwise the largest factor is: a unit count typed far too large
/// is named as itself, not as the ordinary amount per unit it was multiplied by. A sum that
/// does not fit is blamed the same way on the factors of the amount that took it over the
/// limit.
///
/// A result that fits but needs more digits than `Decimal` keeps (1,000…01 × 150, or
/// 0,000…01 × 1,5) is blamed on the factor with the most decimals: the number typed far
/// finer than the rest, not the ordinary one it met.
fn overflow(factors: &Factors, why: Inexact) -> ScenarioError {
    let too_large = why == Inexact::TooLarge;
    let culprit = match factors {
        [] => return ScenarioError::new("", Problem::Overflow),
        [own, ..] if too_large && own.1.abs() > ROOT_OF_MAX => own,
        [own, rest @ ..] => rest.iter().fold(own, |big, f| {
            let bigger = match too_large {
                true => f.1.abs() > big.1.abs(),
                false => decimals(f.1) > decimals(big.1),
            };
            if bigger {
                f
            } else {
                big
            }
        }),
    };
    let (field, value) = *culprit;
    let got = match field {
        // Read as a whole number, and quoted as one (`got 4294967296`).
        Field::Years => value.to_string(),
        _ => quote(&value.to_string()),
    };
    ScenarioError::new(field.path(), Problem::Overflow).got(got)
}

/// Decimals a figure has, its trailing zeros not counted.
fn decimals(value: Decimal) -> u32 {
    value.normalize().scale()
}

/// Which amount of a sum its overflow is blamed on, and as what: of the `count` amounts
/// summed so far, in order (`amount(j)`, `None` for one that is not part of this sum), the
/// largest when the sum is too large (not the last, which blamed a line of 1 kr. placed
/// after one of 7,9 · 10^28: a QA round of the command line). When it needs more
/// digits than `Decimal` keeps, the largest if that is one no ordinary amount comes near
/// (above √MAX: 146.000 kr. × 10^23 units, then 12.345,50 kr. more, is the count's fault),
/// else the one with the most decimals (21.900.000 + 0,000…015), which may be an earlier
/// one. Not generic, so one copy serves every sum.
#[inline(never)]
fn blamed_term(
    why: Inexact,
    count: usize,
    amount: &dyn Fn(usize) -> Option<Decimal>,
) -> (usize, Inexact) {
    let last = count.saturating_sub(1);
    let first = amount(last).unwrap_or_default();
    let (mut finest, mut most) = (last, decimals(first));
    let (mut largest, mut size) = (last, first.abs());
    for j in (0..last).rev() {
        if let Some(a) = amount(j) {
            if decimals(a) > most {
                (finest, most) = (j, decimals(a));
            }
            if a.abs() > size {
                (largest, size) = (j, a.abs());
            }
        }
    }
    if why == Inexact::TooLarge || size > ROOT_OF_MAX {
        (largest, Inexact::TooLarge)
    } else {
        (finest, why)
    }
}

/// The fields and figures an amount computed as `trace` says is the product of, `own` (the
/// line's amount, or a share's rate) first.
///
/// `evaluate` lists each kind's factors again where it multiplies them. Taking the product
/// from this list instead (built inline, without allocating) was tried: the 1000-line
/// benchmark ran slower (two runs +18 % and +17 %; six interleaved pairs from −4 % to
/// +71 %, median +12 %), as every line then builds the list, so the list is built only
/// once a sum has overflowed.
fn factors_of(trace: &Trace, own: Field) -> Vec<(Field, Decimal)> {
    match *trace {
        Trace::Fixed { amount } => vec![(own, amount)],
        Trace::PerUnit {
            amount,
            driver,
            units,
        } => vec![(own, amount), (Field::Driver(driver), units)],
        Trace::PerYear { amount, years } => vec![(own, amount), (Field::Years, years.into())],
        Trace::PerUnitPerYear {
            amount,
            driver,
            units,
            years,
        } => vec![
            (own, amount),
            (Field::Driver(driver), units),
            (Field::Years, years.into()),
        ],
        Trace::Share { rate, .. } => vec![(own, rate)],
        Trace::Residual { .. } => Vec::new(),
    }
}

/// The field a source's amount is blamed on: its own, or for a share (which has no amount of
/// its own) its rate.
fn source_field(s: &Scenario, j: usize) -> Field {
    match s.sources[j].kind {
        SourceKind::Share { .. } => Field::Rate(j),
        _ => Field::Source(j),
    }
}

/// A sum or difference of the totals (costs less funding, funding with the residual) that
/// cannot be exact, blamed as one sum's terms are: on the figure with the most decimals, or
/// the largest, among every cost line and source (it named only "sources" before).
fn blame_totals(
    s: &Scenario,
    lines: &[LineResult],
    sources: &[SourceResult],
    why: Inexact,
) -> ScenarioError {
    let mut terms = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        terms.extend(factors_of(&line.trace, Field::Cost(i)));
    }
    for (j, src) in sources.iter().enumerate() {
        terms.extend(factors_of(&src.trace, source_field(s, j)));
    }
    overflow(&terms, why)
}

/// The product of `factors`, or the overflow blamed on one of them.
fn product(factors: &Factors) -> Result<Decimal, ScenarioError> {
    let mut values = factors.iter().map(|f| f.1);
    let first = values.next().unwrap_or(Decimal::ONE);
    values.try_fold(first, |result, value| {
        checked_mul(result, value).map_err(|why| overflow(factors, why))
    })
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
        let own = (Field::Cost(i), line.amount);
        let per_year = (Field::Years, years);
        let (amount, trace) = match &line.kind {
            CostKind::Fixed => (
                line.amount,
                Trace::Fixed {
                    amount: line.amount,
                },
            ),
            CostKind::PerYear => (
                product(&[own, per_year])?,
                Trace::PerYear {
                    amount: line.amount,
                    years: s.years,
                },
            ),
            CostKind::PerUnit { driver } => {
                let d = driver_index(driver, &|| format!("costs[{i}].driver"))?;
                let units = s.drivers[d].value;
                (
                    product(&[own, (Field::Driver(d), units)])?,
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
                    product(&[own, (Field::Driver(d), units), per_year])?,
                    Trace::PerUnitPerYear {
                        amount: line.amount,
                        driver: d,
                        units,
                        years: s.years,
                    },
                )
            }
        };
        lines.push(LineResult { amount, trace });
        // A sum too large is blamed on its largest line (on the field of its product that
        // is too large), one with too many digits on the finest line:
        // that is where the editor can show it, next to a number the user typed.
        let blame = |why: Inexact, only_eligible: bool| {
            let counted =
                |j: usize| (!only_eligible || s.costs[j].eligible).then(|| lines[j].amount);
            let (j, why) = blamed_term(why, lines.len(), &counted);
            overflow(&factors_of(&lines[j].trace, Field::Cost(j)), why)
        };
        total_cost = checked_add(total_cost, amount).map_err(|why| blame(why, false))?;
        if line.eligible {
            eligible_cost = checked_add(eligible_cost, amount).map_err(|why| blame(why, true))?;
        }
    }

    // First every source that does not depend on the others; the residual (at most one)
    // afterwards, because it pays what they leave uncovered.
    let mut sources = Vec::with_capacity(s.sources.len());
    let mut others = Decimal::ZERO;
    let mut residual_at = None;
    for (i, src) in s.sources.iter().enumerate() {
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
                    .ok()
                    .and_then(hundredth)
                    .or_else(|| checked_mul(base, hundredth(*rate)?).ok())
                    .ok_or_else(|| overflow(&[(Field::Rate(i), *rate)], Inexact::TooLarge))?
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
                    product(&[(Field::Source(i), *amount), (Field::Driver(d), units)])?,
                    Trace::PerUnit {
                        amount: *amount,
                        driver: d,
                        units,
                    },
                )
            }
            SourceKind::Fixed { amount } => (*amount, Trace::Fixed { amount: *amount }),
            SourceKind::PerYear { amount } => (
                product(&[(Field::Source(i), *amount), (Field::Years, years)])?,
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
        sources.push(SourceResult {
            amount,
            share: None,
            trace,
        });
        if residual_at != Some(i) {
            let counted = |j: usize| (residual_at != Some(j)).then(|| sources[j].amount);
            others = checked_add(others, amount).map_err(|why| {
                let (j, why) = blamed_term(why, sources.len(), &counted);
                overflow(&factors_of(&sources[j].trace, source_field(s, j)), why)
            })?;
        }
    }
    let mut funded = others;
    if let Some(i) = residual_at {
        let cap = s.sources[i].kind.cap();
        let uncovered = checked_sub(total_cost, others)
            .map_err(|why| blame_totals(s, &lines, &sources, why))?;
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
        funded =
            checked_add(funded, amount).map_err(|why| blame_totals(s, &lines, &sources, why))?;
    }

    let mut warnings = Vec::new();
    for (i, d) in s.drivers.iter().enumerate() {
        if d.min.is_some_and(|min| d.value < min) || d.max.is_some_and(|max| d.value > max) {
            warnings.push(Warning::DriverOutOfRange { driver: i });
        }
    }
    for (i, src) in sources.iter_mut().enumerate() {
        src.share = share_of_total(src.amount, total_cost);
        if let Some((uncapped, cap)) = src.trace.binding_cap() {
            warnings.push(Warning::Capped {
                source: i,
                uncapped,
                cap,
            });
        }
    }
    let mut rates_said = 0;
    for (i, src) in s.sources.iter().enumerate() {
        if let SourceKind::Share { rate, .. } = src.kind {
            if rate > DEB_MAX_RATE && is_deb(src) {
                warnings.push(Warning::DebRateAboveLimit { source: i, rate });
                rates_said += 1;
            }
        }
    }
    warnings.extend(deb_above_limit(s, &sources, eligible_cost, rates_said));

    // Both are at most Decimal's limit and not negative, so only rounding can fail here:
    // 21.900.000 kr. less a source of 0,000…01 kr. needs more digits than Decimal has.
    let difference = |a, b| checked_sub(a, b).map_err(|why| blame_totals(s, &lines, &sources, why));
    let gap = difference(total_cost, funded)?.max(Decimal::ZERO);
    let surplus = difference(funded, total_cost)?.max(Decimal::ZERO);
    if gap > Decimal::ZERO {
        warnings.push(Warning::Gap { amount: gap });
    }
    if surplus > Decimal::ZERO {
        warnings.push(Warning::Surplus { amount: surplus });
    }

    let per_unit = s
        .drivers
        .iter()
        .map(|d| cost_per_unit(total_cost, d.value))
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

    #[test]
    fn a_share_of_amounts_too_large_to_multiply_by_100_first_is_still_given() {
        // 10^27 · 100 is beyond Decimal's range: divided first, it is exactly 50.
        let half: Decimal = "1000000000000000000000000000".parse().unwrap();
        let total = half * Decimal::TWO;
        assert_eq!(share_of_total(half, total), Some(Decimal::from(50)));
        assert_eq!(
            share_of_total(Decimal::ONE, Decimal::from(3)).map(|s| s.round_dp(2)),
            Some("33.33".parse().unwrap())
        );
        assert_eq!(share_of_total(half, Decimal::ZERO), None);
    }

    #[test]
    fn debs_highest_share_is_its_highest_rate() {
        assert_eq!(DEB_MAX_SHARE * Decimal::ONE_HUNDRED, DEB_MAX_RATE);
    }

    #[test]
    fn no_preset_counts_on_more_than_deb_gives() {
        for preset in crate::presets::PRESETS {
            let e = evaluate(&preset.scenario().unwrap()).unwrap();
            assert!(
                !e.warnings.iter().any(|w| matches!(
                    w,
                    Warning::DebAboveLimit { .. } | Warning::DebRateAboveLimit { .. }
                )),
                "{}: {:?}",
                preset.key,
                e.warnings
            );
        }
    }

    #[test]
    fn deb_is_known_by_its_id_its_abbreviation_or_its_name() {
        let source = |id: &str, label: &str| super::super::Source {
            id: id.into(),
            label: label.into(),
            kind: SourceKind::Residual { cap: None },
        };
        for (id, label, deb) in [
            ("deb", "Statslig medfinansiering", true),
            ("DEB", "", true),
            ("s1", "DEB", true),
            ("s1", "  deb – 50 %", true),
            ("s1", "DEB-midler", true),
            ("s1", "Danmarks Erhvervsfremmebestyrelse", true),
            ("s1", "Debitorer", false),
            ("debt", "Lån", false),
            ("s1", "Kommune", false),
        ] {
            assert_eq!(is_deb(&source(id, label)), deb, "{id} {label}");
        }
    }

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
    fn a_gap_that_needs_too_many_digits_names_the_finest_figure() {
        let tiny = "0.0000000000000000000000000001";
        let big = r#"{"id":"c","label":"C","kind":"fixed","amount":"21900000"}"#;
        let small = format!(r#"{{"id":"d","label":"D","kind":"fixed","amount":"{tiny}"}}"#);
        // Costs less funding: the source of 0,000…01 kr. is named, with its value.
        let e = evaluate(&scenario("", big, &small)).unwrap_err();
        assert_eq!(e.path(), "sources[0].amount");
        assert!(e.to_string().contains(tiny), "{e}");
        // Funding less costs (a surplus): the cost line is.
        let e = evaluate(&scenario("", &small, &big.replace("\"c\"", "\"s\""))).unwrap_err();
        assert_eq!(e.path(), "costs[0].amount");
        // With a residual, the uncovered rest is the sum that fails.
        let residual = r#"{"id":"r","label":"R","kind":"residual"}"#;
        let e = evaluate(&scenario("", big, &format!("{small},{residual}"))).unwrap_err();
        assert_eq!(e.path(), "sources[0].amount");
    }

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

    /// What an overflow is blamed on: (path, value quoted).
    fn blamed(s: &Scenario) -> (String, Option<String>) {
        let err = evaluate(s).expect_err("overflows");
        assert_eq!(err.problem(), &Problem::Overflow);
        (err.path().to_string(), err.value().map(str::to_string))
    }

    fn owned(path: &str, value: &str) -> (String, Option<String>) {
        (path.to_string(), Some(value.to_string()))
    }

    const RESIDUAL: &str = r#"{"id":"r","label":"R","kind":"residual"}"#;

    /// A product, sum or share that needs more than `Decimal`'s 28 digits was rounded to
    /// fewer decimals and shown as exact; it is refused as an overflow, like one above the
    /// limit. The same figures a digit shorter still evaluate, to the øre.
    #[test]
    fn a_result_with_more_digits_than_decimal_keeps_is_refused_not_rounded() {
        let per_unit = |amount: &str| {
            scenario(
                r#"{"id":"n","label":"N","value":"98765.432"}"#,
                &format!(
                    r#"{{"id":"c","label":"C","kind":"per_unit","driver":"n","amount":"{amount}"}}"#
                ),
                RESIDUAL,
            )
        };
        // 987.654.321.098.765.432,198 × 98.765,432 = 97.546.105.689.986.282.577.702,179536: 29
        // digits above 7,9 · 10^28 as one whole number, which `Decimal` cannot hold.
        assert_eq!(
            blamed(&per_unit("987654321098765432.198")).0,
            "costs[0].amount"
        );
        let total = evaluate(&per_unit("98765432109876543.219"))
            .unwrap()
            .total_cost;
        assert_eq!(total.to_string(), "9754610568998628257691.205608");

        let two_lines = |big: &str| {
            scenario(
                "",
                &format!(
                    r#"{{"id":"a","label":"A","kind":"fixed","amount":"{big}"}},
                       {{"id":"b","label":"B","kind":"fixed","amount":"0.5"}}"#
                ),
                RESIDUAL,
            )
        };
        // 10^28 + 0,5: 30 digits. (10^27 + 0,5 has 29, yet as one whole number it is below
        // 7,9 · 10^28, so `Decimal` holds it.)
        assert!(evaluate(&two_lines("10000000000000000000000000000")).is_err());
        let total = evaluate(&two_lines("1000000000000000000000000000"))
            .unwrap()
            .total_cost;
        assert_eq!(total.to_string(), "1000000000000000000000000000.5");

        // 50 % of 0,000…1 (28 decimals) has 29.
        let share = |cost: &str| {
            scenario(
                "",
                &format!(r#"{{"id":"c","label":"C","kind":"fixed","amount":"{cost}"}}"#),
                r#"{"id":"a","label":"A","kind":"share","rate":"50","of":"total"}"#,
            )
        };
        assert!(evaluate(&share("0.0000000000000000000000000001")).is_err());
        let deb = evaluate(&share("0.000000000000000000000000001"))
            .unwrap()
            .sources[0]
            .amount;
        assert_eq!(deb.to_string(), "0.0000000000000000000000000005");
    }

    #[test]
    fn an_overflow_names_a_unit_count_typed_too_large_and_its_value() {
        // The report: 10^28 units of an ordinary 100.000 was blamed on the cost line, with
        // no value.
        let s = scenario(
            r#"{"id":"n","label":"N","value":"10000000000000000000000000000"}"#,
            r#"{"id":"c","label":"C","kind":"per_unit","driver":"n","amount":"100000"}"#,
            RESIDUAL,
        );
        assert_eq!(
            blamed(&s),
            owned("drivers[0].value", r#""10000000000000000000000000000""#)
        );
        assert_eq!(
            evaluate(&s).unwrap_err().to_string(),
            "drivers[0].value: cannot be computed exactly: the value, or a product or sum \
             computed from it, is above about 7.9 · 10^28 or needs more than 28 digits, got \
             \"10000000000000000000000000000\""
        );
        // The same for a source paid per unit, and for a line paid per unit and year.
        let s = scenario(
            r#"{"id":"n","label":"N","value":"10000000000000000000000000000"}"#,
            "",
            r#"{"id":"s","label":"S","kind":"per_unit","driver":"n","amount":"10"}"#,
        );
        assert_eq!(
            blamed(&s),
            owned("drivers[0].value", r#""10000000000000000000000000000""#)
        );
        let s = scenario(
            r#"{"id":"a","label":"A","value":"2"},{"id":"n","label":"N","value":"1000000000000000000000000.5"}"#,
            r#"{"id":"c","label":"C","kind":"per_unit_per_year","driver":"n","amount":"100000"}"#,
            RESIDUAL,
        );
        assert_eq!(
            blamed(&s),
            owned("drivers[1].value", r#""1000000000000000000000000.5""#)
        );
    }

    #[test]
    fn an_overflow_names_an_amount_typed_too_large_and_its_value() {
        // A legal amount (7,9 · 10^27) that overflows only times its 150 units is the
        // amount's fault, and said with the amount.
        let s = scenario(
            r#"{"id":"n","label":"N","value":"150"}"#,
            r#"{"id":"c","label":"C","kind":"per_unit","driver":"n","amount":"7922816251426433759354395033"}"#,
            RESIDUAL,
        );
        assert_eq!(
            blamed(&s),
            owned("costs[0].amount", r#""7922816251426433759354395033""#)
        );
        // Both factors far too large: the line's own amount (the editor marks the count
        // it was multiplied by as well).
        let s = scenario(
            r#"{"id":"n","label":"N","value":"100000000000000000000"}"#,
            r#"{"id":"c","label":"C","kind":"per_unit","driver":"n","amount":"1000000000000000"}"#,
            RESIDUAL,
        );
        assert_eq!(
            blamed(&s),
            owned("costs[0].amount", r#""1000000000000000""#)
        );
        // A source's amount paid per year.
        let mut s = scenario(
            "",
            COST_1000,
            r#"{"id":"s","label":"S","kind":"per_year","amount":"79228162514264337593543950335"}"#,
        );
        s.years = 2;
        assert_eq!(
            blamed(&s),
            owned("sources[0].amount", r#""79228162514264337593543950335""#)
        );
    }

    /// A result that is not too large but has more digits than `Decimal` keeps is the
    /// fault of the number typed far finer than the rest, wherever it is in the sum; not of
    /// the unit count it was multiplied by, or of the ordinary line added after it. Unless
    /// the sum's whole part alone takes most of the digits: then that part is at fault.
    #[test]
    fn digits_beyond_exact_arithmetic_are_blamed_on_the_finest_number() {
        const TINY: &str = "0.0000000000000000000000000001";
        let unit = |value: &str| format!(r#"{{"id":"n","label":"N","value":"{value}"}}"#);
        let per_unit = |id: &str, amount: &str| {
            format!(
                r#"{{"id":"{id}","label":"L","kind":"per_unit","driver":"n","amount":"{amount}"}}"#
            )
        };
        let fixed = |id: &str, amount: &str| {
            format!(r#"{{"id":"{id}","label":"L","kind":"fixed","amount":"{amount}"}}"#)
        };
        let (tiny_line, ordinary) = (per_unit("t", TINY), fixed("c", "21900000"));
        let huge_count = unit("100000000000000000000000");
        let (big_line, small_line) = (per_unit("c", "146000"), fixed("o", "12345.50"));
        // (drivers, costs, sources, the field blamed, its value)
        let cases = [
            // 0,000…01 × 150 = 0,000…015 fits; 21.900.000 + it does not (36 digits),
            // whether the tiny line comes first or last.
            (
                unit("150"),
                format!("{tiny_line},{ordinary}"),
                RESIDUAL.to_string(),
                "costs[0].amount",
                TINY,
            ),
            (
                unit("150"),
                format!("{ordinary},{tiny_line}"),
                RESIDUAL.to_string(),
                "costs[1].amount",
                TINY,
            ),
            // A product: 1,000…01 (28 digits) × 9.999 needs 31; the amount is named, not
            // the 9.999 units; and a count typed finer than its amount is named itself.
            (
                unit("9999"),
                per_unit("c", "1.000000000000000000000000001"),
                RESIDUAL.to_string(),
                "costs[0].amount",
                "1.000000000000000000000000001",
            ),
            (
                unit("1.5000000000000000000000000001"),
                per_unit("c", "7"),
                RESIDUAL.to_string(),
                "drivers[0].value",
                "1.5000000000000000000000000001",
            ),
            // 146.000 kr. × 10^23 units fits, 12.345,50 kr. more does not: the count is
            // named, whichever line comes first.
            (
                huge_count.clone(),
                format!("{big_line},{small_line}"),
                RESIDUAL.to_string(),
                "drivers[0].value",
                "100000000000000000000000",
            ),
            (
                huge_count,
                format!("{small_line},{big_line}"),
                RESIDUAL.to_string(),
                "drivers[0].value",
                "100000000000000000000000",
            ),
            // Sources are summed the same way.
            (
                String::new(),
                COST_1000.to_string(),
                format!("{},{}", fixed("t", TINY), fixed("a", "21900000")),
                "sources[0].amount",
                TINY,
            ),
        ];
        for (drivers, costs, sources, path, value) in cases {
            let s = scenario(&drivers, &costs, &sources);
            assert_eq!(
                blamed(&s),
                owned(path, &format!("\"{value}\"")),
                "{costs} {sources}"
            );
        }
    }

    #[test]
    fn a_sum_too_large_names_the_field_that_made_its_largest_part_large() {
        // Each line fits; their sum does not. The second line is as large as the first
        // (the later of equals is blamed) because of its unit count, and that count is
        // named.
        let s = scenario(
            r#"{"id":"n","label":"N","value":"500000000000000000000000"}"#,
            r#"{"id":"a","label":"A","kind":"fixed","amount":"50000000000000000000000000000"},
               {"id":"c","label":"C","kind":"per_unit","driver":"n","amount":"100000"}"#,
            RESIDUAL,
        );
        assert_eq!(
            blamed(&s),
            owned("drivers[0].value", r#""500000000000000000000000""#)
        );
        // A fixed line is blamed with its amount: the largest, before or after the other.
        let s = scenario(
            "",
            r#"{"id":"a","label":"A","kind":"fixed","amount":"50000000000000000000000000000"},
               {"id":"b","label":"B","kind":"fixed","amount":"40000000000000000000000000000"}"#,
            RESIDUAL,
        );
        assert_eq!(
            blamed(&s),
            owned("costs[0].amount", r#""50000000000000000000000000000""#)
        );
        let s = scenario(
            "",
            r#"{"id":"a","label":"A","kind":"fixed","amount":"79228162514264337593543950335"},
               {"id":"b","label":"B","kind":"fixed","amount":"1"}"#,
            RESIDUAL,
        );
        assert_eq!(
            blamed(&s),
            owned("costs[0].amount", r#""79228162514264337593543950335""#)
        );
        // Sources: a share's part of the sum is its rate's.
        let s = scenario(
            "",
            r#"{"id":"a","label":"A","kind":"fixed","amount":"60000000000000000000000000000"}"#,
            r#"{"id":"x","label":"X","kind":"share","rate":"100","of":"total"},
               {"id":"y","label":"Y","kind":"share","rate":"50","of":"total"}"#,
        );
        assert_eq!(blamed(&s), owned("sources[0].rate", r#""100""#));
    }
}
