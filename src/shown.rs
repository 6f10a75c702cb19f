//! The figures of an evaluation as they are displayed: whole kroner and shares to 0,1 %,
//! rounded together so that parts add up to the displayed totals.
//!
//! The widget's tables, the board views and the explanations all show these figures, so an
//! explanation's formula repeats exactly the kroner of the table row it explains, ties and
//! all (a krone that rounding has to give to one of two equal halves goes to the same line
//! everywhere).

use rust_decimal::Decimal;

use crate::model::exact::{percent_of, rounded_add, rounded_sub};
use crate::model::{Evaluation, Scenario};
use crate::numbers::{apportion, apportion_to, percentages};

/// The figures of one evaluation as displayed: whole kroner and shares to 0,1 %, rounded
/// so that parts add up to the displayed totals.
#[derive(Clone, Debug, PartialEq)]
pub struct Shown {
    /// One per cost line.
    pub lines: Vec<Decimal>,
    /// The sum of `lines`.
    pub total: Decimal,
    /// The sum of the eligible lines' displayed amounts.
    pub eligible: Decimal,
    /// One per source.
    pub sources: Vec<Decimal>,
    /// The sum of `sources`.
    pub funded: Decimal,
    /// The uncovered cost: `total − funded` when there is a gap, else 0.
    pub gap: Decimal,
    /// Funding beyond the cost: `funded − total` when there is a surplus, else 0.
    pub surplus: Decimal,
    /// Each source's share in per cent. With a gap, of the total cost (the gap takes the
    /// rest); otherwise of the funding. `shares` and `gap_share` add up to 100 exactly.
    pub shares: Vec<Decimal>,
    pub gap_share: Decimal,
    /// The sum of `shares`.
    pub funded_share: Decimal,
    /// The same per year, when the period is longer than one year.
    pub per_year: Option<PerYear>,
}

/// The period's amounts divided by its years, apportioned like the period's amounts.
#[derive(Clone, Debug, PartialEq)]
pub struct PerYear {
    pub lines: Vec<Decimal>,
    pub total: Decimal,
    pub sources: Vec<Decimal>,
    pub funded: Decimal,
    pub gap: Decimal,
}

impl Shown {
    /// The funding column's total: the sources and the gap, which is the total cost with a
    /// gap and the funding without one.
    pub fn funding_column(&self) -> Decimal {
        sum(&[self.funded, self.gap])
    }

    /// The share column's total: 100 % (see `shares`).
    pub fn share_column(&self) -> Decimal {
        sum(&[self.funded_share, self.gap_share])
    }
}

impl PerYear {
    /// The funding column's total per year, as [`Shown::funding_column`].
    pub fn funding_column(&self) -> Decimal {
        sum(&[self.funded, self.gap])
    }
}

/// The sum of displayed figures (whole kroner, shares to 0,1 %: it never rounds), through
/// the one out-of-line addition.
pub fn sum(values: &[Decimal]) -> Decimal {
    values
        .iter()
        .fold(Decimal::ZERO, |acc, v| rounded_add(acc, *v).unwrap_or(acc))
}

/// Source amounts followed by the gap (when there is one), apportioned together so that
/// with a gap, displayed sources + displayed gap = displayed total cost. `whole`: what
/// they must add up to before rounding (see [`apportion_to`]); by default their sum.
fn split_parts(
    sources: &[Decimal],
    gap: Decimal,
    whole: Option<Decimal>,
) -> (Vec<Decimal>, Decimal) {
    let mut parts = sources.to_vec();
    let has_gap = gap > Decimal::ZERO;
    if has_gap {
        parts.push(gap);
    }
    let mut shown = match whole {
        Some(whole) => apportion_to(&parts, whole, 0),
        None => apportion(&parts, 0),
    };
    let shown_gap = if has_gap {
        shown.pop().unwrap_or_default()
    } else {
        Decimal::ZERO
    };
    (shown, shown_gap)
}

/// Computes every displayed figure of an evaluation of `s`.
pub fn shown(s: &Scenario, e: &Evaluation) -> Shown {
    let line_amounts: Vec<Decimal> = e.lines.iter().map(|l| l.amount).collect();
    let lines = apportion(&line_amounts, 0);
    let total = sum(&lines);
    let eligible_lines: Vec<Decimal> = s
        .costs
        .iter()
        .zip(&lines)
        .filter(|(line, _)| line.eligible)
        .map(|(_, amount)| *amount)
        .collect();
    let eligible = sum(&eligible_lines);

    let source_amounts: Vec<Decimal> = e.sources.iter().map(|s| s.amount).collect();
    let gap_exact = e.gap.max(Decimal::ZERO);
    let (sources, gap) = split_parts(&source_amounts, gap_exact, None);
    let funded = sum(&sources);
    let surplus = if e.surplus > Decimal::ZERO {
        rounded_sub(funded, total)
            .unwrap_or_default()
            .max(Decimal::ZERO)
    } else {
        Decimal::ZERO
    };

    // With a gap, the funding's share and the gap's are rounded as a pair first, then the
    // sources' shares to the funding's: each of the two headline shares is then its own
    // rounding (16,7 % for 6 of 36 mio. kr.), but at an exact tie between the two, which
    // one of them must lose. Rounded all together, three equal remainders gave the tie to
    // the sources and showed the gap as 16,6 % (a QA round).
    let (shares, gap_share) = if gap_exact > Decimal::ZERO {
        let funded_exact = sum(&source_amounts);
        let pair = percentages(&[funded_exact, gap_exact], 1);
        let (funded_share, gap_share) = (pair[0], pair[1]);
        // With a gap, funding and gap make up the total cost exactly.
        let exact_shares: Vec<Decimal> = source_amounts
            .iter()
            .map(|a| percent_of(*a, e.total_cost).unwrap_or_default())
            .collect();
        (apportion_to(&exact_shares, funded_share, 1), gap_share)
    } else {
        (percentages(&source_amounts, 1), Decimal::ZERO)
    };
    let funded_share = sum(&shares);

    let per_year = (s.years > 1).then(|| {
        let years = Decimal::from(s.years);
        let per = |v: &Decimal| v.checked_div(years).unwrap_or_default();
        // Each part divided by the years is held to 28 digits, so the divided parts can sum
        // a hair beside the divided whole, and at a tie on half a krone the lines and the
        // funding would round apart. Both are apportioned to their whole divided once.
        let lines = apportion_to(
            &line_amounts.iter().map(per).collect::<Vec<_>>(),
            per(&e.total_cost),
            0,
        );
        let total = sum(&lines);
        let funding = rounded_add(sum(&source_amounts), gap_exact).unwrap_or(e.total_cost);
        let (sources, gap) = split_parts(
            &source_amounts.iter().map(per).collect::<Vec<_>>(),
            per(&gap_exact),
            Some(per(&funding)),
        );
        let funded = sum(&sources);
        PerYear {
            lines,
            total,
            sources,
            funded,
            gap,
        }
    });

    Shown {
        lines,
        total,
        eligible,
        sources,
        funded,
        gap,
        surplus,
        shares,
        gap_share,
        funded_share,
        per_year,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{evaluate, Source, SourceKind};
    use crate::presets::Preset;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn preset(key: &str) -> Scenario {
        Preset::find(key)
            .expect("preset")
            .scenario()
            .expect("valid preset")
    }

    fn figures(s: &Scenario) -> (Evaluation, Shown) {
        let e = evaluate(s).expect("evaluates");
        let shown = shown(s, &e);
        (e, shown)
    }

    #[test]
    fn the_published_table_is_shown_to_the_krone() {
        let (_, f) = figures(&preset("vaekstpilot-150"));
        assert_eq!(f.total, d("21900000"));
        assert_eq!(f.sources, vec![d("10950000"), d("7500000"), d("3450000")]);
        assert_eq!(f.funded, f.total);
        assert_eq!((f.gap, f.surplus), (Decimal::ZERO, Decimal::ZERO));
        assert_eq!(f.shares, vec![d("50.0"), d("34.2"), d("15.8")]);
        assert_eq!(f.funded_share, d("100"));
        let py = f.per_year.clone().expect("three years");
        assert_eq!(py.total, d("7300000"));
        assert_eq!(py.sources, vec![d("3650000"), d("2500000"), d("1150000")]);
        assert_eq!(py.funded, py.total);
    }

    #[test]
    fn without_the_residual_the_gap_is_the_remaining_need() {
        let mut s = preset("vaekstpilot-150");
        s.sources.retain(|src| src.id != "local");
        let (_, f) = figures(&s);
        assert_eq!(f.gap, d("3450000"));
        assert_eq!(f.funded + f.gap, f.total);
        // Shares are of the total cost, the gap taking the rest: 50,0 + 34,2 + 15,8.
        assert_eq!(f.shares, vec![d("50.0"), d("34.2")]);
        assert_eq!(f.gap_share, d("15.8"));
        assert_eq!(f.funded_share + f.gap_share, d("100"));
        let py = f.per_year.clone().expect("three years");
        assert_eq!(py.gap, d("1150000"));
        assert_eq!(py.funded + py.gap, py.total);
    }

    /// 6 of 36 mio. kr. uncovered: the gap's share is 16,7 % (its own rounding) and the
    /// funding's 83,3 %, the two sources' 41,7 + 41,6 % adding up to it. Rounded all
    /// together, the tie of three equal remainders showed the gap as 16,6 % (a QA round).
    #[test]
    fn the_gap_and_the_funding_each_show_their_own_rounded_share() {
        let mut s = preset("design-sprint");
        s.drivers[0].value = d("120");
        let e = evaluate(&s).unwrap();
        let f = shown(&s, &e);
        assert_eq!((f.gap, f.funded), (d("6000000"), d("30000000")));
        assert_eq!((f.gap_share, f.funded_share), (d("16.7"), d("83.3")));
        assert_eq!(f.shares, [d("41.7"), d("41.6")]);
        assert_eq!(f.share_column(), d("100.0"));
    }

    #[test]
    fn a_surplus_is_the_displayed_difference() {
        let mut s = preset("vaekstpilot-150");
        s.sources.retain(|src| src.id != "local");
        s.sources.push(Source {
            id: "extra".into(),
            label: "Ekstra".into(),
            kind: SourceKind::Fixed {
                amount: d("4000000.4"),
            },
        });
        let (e, f) = figures(&s);
        assert!(e.surplus > Decimal::ZERO);
        assert_eq!(f.surplus, d("550000"));
        assert_eq!(f.funded - f.surplus, f.total);
        assert_eq!(f.funded_share, d("100"));
        assert_eq!(f.gap, Decimal::ZERO);
    }

    #[test]
    fn parts_add_up_to_the_displayed_totals() {
        // Amounts with øre over three years: nothing divides evenly, and rounding each
        // figure on its own would make the columns disagree with their totals.
        let mut s = preset("marketing-platform");
        for line in &mut s.costs {
            line.eligible = true;
        }
        s.costs[0].amount = d("1000.5");
        s.costs[1].amount = d("333.35");
        for with_residual in [true, false] {
            let mut s = s.clone();
            if !with_residual {
                s.sources.retain(|src| src.id != "own");
            }
            let (e, f) = figures(&s);
            assert_eq!(f.lines, vec![d("1001"), d("1000")]);
            assert_eq!(sum(&f.lines), f.total);
            assert_eq!(f.total, d("2001"));
            assert_eq!(f.funded + f.gap, f.total);
            assert_eq!(f.gap > Decimal::ZERO, !with_residual, "{e:?}");
            assert_eq!(sum(&f.shares) + f.gap_share, d("100"));
            let py = f.per_year.clone().expect("three years");
            assert_eq!(py.lines, vec![d("334"), d("333")]);
            assert_eq!(sum(&py.lines), py.total);
            assert_eq!(sum(&py.sources), py.funded);
            assert_eq!(py.funded + py.gap, py.total);
        }
    }

    #[test]
    fn per_year_columns_agree_at_a_tie_on_half_a_krone() {
        // 19.213.267,5 over 3 years is 6.404.422,5 a year, a tie: the lines' quotients
        // (held to 28 digits) summed to 6.404.422,4999…, the residual's to 6.404.422,5,
        // and the funding showed a krone more than the cost.
        let scenario = |amounts: &[&str], residual: bool| {
            let mut s = preset("marketing-platform");
            s.years = 3;
            s.costs = amounts
                .iter()
                .enumerate()
                .map(|(i, a)| crate::model::CostLine {
                    id: format!("c{i}"),
                    label: String::new(),
                    kind: crate::model::CostKind::Fixed,
                    amount: d(a),
                    eligible: true,
                })
                .collect();
            s.sources = if residual {
                vec![Source {
                    id: "rest".into(),
                    label: String::new(),
                    kind: SourceKind::Residual { cap: None },
                }]
            } else {
                Vec::new()
            };
            s
        };
        for s in [
            scenario(&["12150", "4244989", "14902", "14941226.5"], true),
            scenario(&["1", "1", "2.5"], false),
        ] {
            let (e, f) = figures(&s);
            let py = f.per_year.expect("three years");
            assert_eq!(sum(&py.lines), py.total);
            assert_eq!(py.funded + py.gap, py.total, "{e:?}");
        }
    }

    #[test]
    fn eligible_cost_is_the_sum_of_the_eligible_lines_shown() {
        let mut s = preset("marketing-platform");
        s.years = 1;
        s.costs[1].eligible = true;
        let (_, f) = figures(&s);
        assert!(f.per_year.is_none(), "one year needs no per-year column");
        assert_eq!(f.total, d("115000"));
        assert_eq!(f.eligible, d("15000"));
    }
}
