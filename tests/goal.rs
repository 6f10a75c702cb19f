//! Goal seek and tornado chart: hand-computed answers on the seed figures, and properties
//! over generated scenarios checked against a full scan of the grid.

use std::str::FromStr;

use cofund::model::error::Problem;
use cofund::model::{
    close_gap, driver_where_cap_binds, evaluate, max_driver_within, tornado, Base, CapOutcome,
    CostKind, CostLine, Driver, Evaluation, GapImpossible, GapOutcome, GoalOutcome, Input,
    NoSolution, Range, Scenario, ScenarioError, Source, SourceKind, Target,
};
use cofund::numbers::Lang;
use cofund::presets::Preset;
use cofund::Decimal;
use proptest::prelude::*;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).expect("test literal")
}

/// What `close_gap` found when it closed the gap; any other outcome fails the test with it.
struct Solved {
    input: Input,
    previous: Decimal,
    value: Decimal,
    rounded_up: bool,
    evaluation: Evaluation,
}

fn solved(outcome: Result<GapOutcome, ScenarioError>) -> Solved {
    match outcome {
        Ok(GapOutcome::Solved {
            input,
            previous,
            value,
            rounded_up,
            evaluation,
        }) => Solved {
            input,
            previous,
            value,
            rounded_up,
            evaluation,
        },
        other => panic!("the gap was not closed: {other:?}"),
    }
}

fn preset(key: &str) -> Scenario {
    Preset::find(key)
        .expect("preset")
        .scenario()
        .expect("valid preset")
}

/// Vækstpilot with 150 pilots: DEB 50 % share, companies 50.000 per pilot, local residual.
fn vaekstpilot() -> Scenario {
    preset("vaekstpilot-150")
}

/// The same without the residual: a gap of 3.450.000.
fn without_residual() -> Scenario {
    let mut s = vaekstpilot();
    s.sources.retain(|src| src.id != "local");
    s
}

fn wide() -> Option<Range> {
    Some(Range::new(d("0"), d("1000"), d("1")))
}

fn source(s: &Scenario, e: &cofund::Evaluation, id: &str) -> Decimal {
    let i = s
        .sources
        .iter()
        .position(|src| src.id == id)
        .expect("source");
    e.sources[i].amount
}

fn set_cap(s: &mut Scenario, id: &str, value: Decimal) {
    let src = s
        .sources
        .iter_mut()
        .find(|src| src.id == id)
        .expect("source");
    match &mut src.kind {
        SourceKind::Share { cap, .. } | SourceKind::Residual { cap } => *cap = Some(value),
        other => panic!("no cap on {other:?}"),
    }
}

// ---------------------------------------------------------------- max_driver_within

#[test]
fn local_money_of_four_million_covers_173_pilots() {
    // local = 146.000 − 73.000 − 50.000 = 23.000 per pilot: 173 × 23.000 = 3.979.000,
    // 174 × 23.000 = 4.002.000.
    let s = vaekstpilot();
    match max_driver_within(&s, "pilots", "local", d("4000000"), wide()) {
        Ok(GoalOutcome::Found { value, evaluation }) => {
            assert_eq!(value, d("173"));
            assert_eq!(source(&s, &evaluation, "local"), d("3979000"));
            assert_eq!(evaluation.total_cost, d("25258000"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn deb_limit_on_a_share_source() {
    // DEB = 73.000 per pilot: 136 × 73.000 = 9.928.000 ≤ 10.000.000 < 137 × 73.000.
    let s = vaekstpilot();
    match max_driver_within(&s, "pilots", "deb", d("10000000"), wide()) {
        Ok(GoalOutcome::Found { value, evaluation }) => {
            assert_eq!(value, d("136"));
            assert_eq!(source(&s, &evaluation, "deb"), d("9928000"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn limit_below_the_smallest_value_has_no_solution() {
    // The driver's own range is 150..=225; at 150 the local share is already 3.450.000.
    let s = vaekstpilot();
    match max_driver_within(&s, "pilots", "local", d("3000000"), None) {
        Ok(GoalOutcome::NoSolution { reason }) => {
            assert_eq!(
                reason,
                NoSolution::ExceedsEverywhere {
                    value: d("150"),
                    amount: d("3450000"),
                    limit: d("3000000")
                }
            );
            assert_eq!(
                reason.describe(Lang::Da),
                "ingen værdi i intervallet holder sig inden for grænsen på 3.000.000 kr.: selv ved 150 er beløbet 3.450.000 kr."
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn limit_above_the_range_end_says_the_range_is_the_limit() {
    // At 225 pilots the local share is 5.175.000 ≤ 6.000.000.
    let s = vaekstpilot();
    match max_driver_within(&s, "pilots", "local", d("6000000"), None) {
        Ok(GoalOutcome::RangeEnd { value, evaluation }) => {
            assert_eq!(value, d("225"));
            assert_eq!(source(&s, &evaluation, "local"), d("5175000"));
        }
        other => panic!("{other:?}"),
    }
    // Exactly at the limit counts as within it.
    assert!(matches!(
        max_driver_within(&s, "pilots", "local", d("5175000"), None),
        Ok(GoalOutcome::RangeEnd { .. })
    ));
    assert!(matches!(
        max_driver_within(&s, "pilots", "local", d("5174999.99"), None),
        Ok(GoalOutcome::Found { value, .. }) if value == d("224")
    ));
}

#[test]
fn grid_with_a_coarser_step_answers_on_the_grid() {
    // Steps of 10 from 0: 170 is the last multiple of 10 with 23.000 × v ≤ 4.000.000.
    let s = vaekstpilot();
    let range = Some(Range::new(d("0"), d("1000"), d("10")));
    assert!(matches!(
        max_driver_within(&s, "pilots", "local", d("4000000"), range),
        Ok(GoalOutcome::Found { value, .. }) if value == d("170")
    ));
    // From 5 in steps of 10: 165 (3.795.000); 175 gives 4.025.000.
    let range = Some(Range::new(d("5"), d("1000"), d("10")));
    assert!(matches!(
        max_driver_within(&s, "pilots", "local", d("4000000"), range),
        Ok(GoalOutcome::Found { value, .. }) if value == d("165")
    ));
}

/// A residual that first falls and then rises with the driver:
/// cost 2.000.000 fixed + 10.000 per unit; a 50 % share of total capped at 1.500.000
/// (binds from 100 units on); 6.000 per unit from participants; the rest residual.
/// uncovered = 1.000.000 − 1.000·v up to v = 100 (900.000), then 500.000 + 4.000·v.
fn dip() -> Scenario {
    Scenario {
        name: "dip".into(),
        currency: "DKK".into(),
        years: 1,
        drivers: vec![Driver {
            id: "v".into(),
            label: "Enheder".into(),
            value: d("50"),
            min: Some(d("0")),
            max: Some(d("300")),
            step: Some(d("1")),
        }],
        costs: vec![
            CostLine {
                id: "base".into(),
                label: String::new(),
                kind: CostKind::Fixed,
                amount: d("2000000"),
                eligible: true,
            },
            CostLine {
                id: "unit".into(),
                label: String::new(),
                kind: CostKind::PerUnit { driver: "v".into() },
                amount: d("10000"),
                eligible: true,
            },
        ],
        sources: vec![
            Source {
                id: "share".into(),
                label: String::new(),
                kind: SourceKind::Share {
                    rate: d("50"),
                    of: Base::Total,
                    cap: Some(d("1500000")),
                },
            },
            Source {
                id: "fee".into(),
                label: String::new(),
                kind: SourceKind::PerUnit {
                    driver: "v".into(),
                    amount: d("6000"),
                },
            },
            Source {
                id: "rest".into(),
                label: String::new(),
                kind: SourceKind::Residual { cap: None },
            },
        ],
    }
}

#[test]
fn residual_that_falls_then_rises() {
    let s = dip();
    let found = |limit: &str| match max_driver_within(&s, "v", "rest", d(limit), None) {
        Ok(GoalOutcome::Found { value, evaluation }) => (value, source(&s, &evaluation, "rest")),
        other => panic!("{other:?}"),
    };
    // 500.000 + 4.000 · 125 = 1.000.000; 126 → 1.004.000.
    assert_eq!(found("1000000"), (d("125"), d("1000000")));
    // 500.000 + 4.000 · 112 = 948.000; 113 → 952.000 (and below 50 it is above 950.000).
    assert_eq!(found("950000"), (d("112"), d("948000")));
    // The smallest amount is at 100 units, not at the range's start.
    assert_eq!(
        max_driver_within(&s, "v", "rest", d("899999"), None),
        Ok(GoalOutcome::NoSolution {
            reason: NoSolution::ExceedsEverywhere {
                value: d("100"),
                amount: d("900000"),
                limit: d("899999")
            }
        })
    );
    // A negative limit: nothing pays below 0.
    assert!(matches!(
        max_driver_within(&s, "v", "rest", d("-1"), None),
        Ok(GoalOutcome::NoSolution { reason: NoSolution::ExceedsEverywhere { value, .. } }) if value == d("100")
    ));
}

#[test]
fn residual_cap_at_or_below_the_limit_means_the_whole_range() {
    let mut s = dip();
    set_cap(&mut s, "rest", d("950000"));
    assert!(matches!(
        max_driver_within(&s, "v", "rest", d("950000"), None),
        Ok(GoalOutcome::RangeEnd { value, .. }) if value == d("300")
    ));
}

#[test]
fn bad_requests_are_errors() {
    let s = vaekstpilot();
    let err =
        max_driver_within(&s, "pilots", "nobody", d("1"), wide()).expect_err("unknown source");
    assert_eq!(err.problem(), &Problem::UnknownSource);
    assert_eq!(
        err.to_string(),
        "source: refers to a funding source that does not exist, got \"nobody\""
    );
    let err = max_driver_within(&s, "smes", "local", d("1"), wide()).expect_err("unknown driver");
    assert_eq!(err.problem(), &Problem::UnknownDriver);
    // Ids are quoted as the reader quotes values (JSON), not as Rust's Debug would.
    let err = max_driver_within(&s, "pilots", "n\u{200b}", d("1"), wide()).unwrap_err();
    assert!(err.to_string().ends_with("got \"n\u{200b}\""), "{err}");
    let err = max_driver_within(&s, "p\u{200b}", "local", d("1"), wide()).unwrap_err();
    assert_eq!(err.value(), Some("\"p\u{200b}\""));
    let mut missing = s.clone();
    missing.costs[0].kind = cofund::CostKind::PerUnit {
        driver: "x\u{200b}".into(),
    };
    let err = cofund::evaluate(&missing).unwrap_err();
    assert_eq!(err.value(), Some("\"x\u{200b}\""));
    assert_eq!(
        GapImpossible::NoUnits {
            driver: "x\u{200b}".into()
        }
        .describe(Lang::En),
        "the driver \"x\u{200b}\" is 0, so no amount per unit helps"
    );
    let mut open = s.clone();
    open.drivers[0].max = None;
    let err = max_driver_within(&open, "pilots", "local", d("1"), None).expect_err("no max");
    assert_eq!(
        (err.path(), err.problem()),
        ("drivers[0].max", &Problem::Missing)
    );
    let err = max_driver_within(
        &s,
        "pilots",
        "local",
        d("1"),
        Some(Range::new(d("0"), d("10"), d("0"))),
    )
    .expect_err("zero step");
    assert_eq!(
        (err.path(), err.problem()),
        ("range.step", &Problem::StepNotPositive)
    );
    let mut invalid = s.clone();
    invalid.costs[0].amount = d("-1");
    let err =
        max_driver_within(&invalid, "pilots", "local", d("1"), None).expect_err("invalid scenario");
    assert_eq!(err.problem(), &Problem::Negative);
}

// ---------------------------------------------------------------- close_gap

#[test]
fn no_gap_to_close() {
    assert_eq!(
        close_gap(&vaekstpilot(), "deb"),
        Ok(GapOutcome::NoGap { surplus: d("0") })
    );
}

#[test]
fn share_rate_that_closes_the_gap_is_rounded_up() {
    // (10.950.000 + 3.450.000) / 21.900.000 = 65,753424657…% → 65,7535 %, which pays
    // 21.900.000 × 0,657535 = 14.400.016,50: gap 0, surplus 16,50.
    let s = without_residual();
    assert_eq!(evaluate(&s).map(|e| e.gap), Ok(d("3450000")));
    let answer = solved(close_gap(&s, "deb"));
    assert_eq!(answer.input, Input::SourceRate(0));
    assert_eq!(answer.input.path(), "sources[0].rate");
    assert_eq!(
        (answer.previous, answer.value, answer.rounded_up),
        (d("50"), d("65.7535"), true)
    );
    assert_eq!(answer.evaluation.gap, d("0"));
    assert_eq!(answer.evaluation.surplus, d("16.5"));
    assert_eq!(source(&s, &answer.evaluation, "deb"), d("14400016.5"));
}

#[test]
fn exactly_one_hundred_percent_is_possible() {
    // Without companies' payment DEB must pay all of 21.900.000: 100 %, exact.
    let mut s = without_residual();
    s.sources.retain(|src| src.id != "companies");
    let answer = solved(close_gap(&s, "deb"));
    assert_eq!((answer.value, answer.rounded_up), (d("100"), false));
    assert_eq!(
        (answer.evaluation.gap, answer.evaluation.surplus),
        (d("0"), d("0"))
    );
}

#[test]
fn fixed_per_year_and_per_unit_amounts() {
    // A fixed 1.000.000 leaves a gap of 2.450.000: it must become 3.450.000.
    let mut s = without_residual();
    s.sources.push(Source {
        id: "brn".into(),
        label: "BRN".into(),
        kind: SourceKind::Fixed {
            amount: d("1000000"),
        },
    });
    let answer = solved(close_gap(&s, "brn"));
    assert_eq!(answer.input, Input::SourceAmount(2));
    assert_eq!(
        (answer.previous, answer.value, answer.rounded_up),
        (d("1000000"), d("3450000"), false)
    );
    assert_eq!(
        (answer.evaluation.gap, answer.evaluation.surplus),
        (d("0"), d("0"))
    );

    // 100.000 a year over 3 years leaves 3.150.000: + 1.050.000 a year = 1.150.000 a year.
    let mut s = without_residual();
    s.sources.push(Source {
        id: "kkr".into(),
        label: "KKR".into(),
        kind: SourceKind::PerYear {
            amount: d("100000"),
        },
    });
    assert!(matches!(
        close_gap(&s, "kkr"),
        Ok(GapOutcome::Solved { value, rounded_up: false, .. }) if value == d("1150000")
    ));

    // Companies: 50.000 + 3.450.000 / 150 = 73.000 per pilot, exact.
    let s = without_residual();
    let answer = solved(close_gap(&s, "companies"));
    assert_eq!(answer.input, Input::SourceAmount(1));
    assert_eq!((answer.value, answer.rounded_up), (d("73000"), false));
    assert_eq!(source(&s, &answer.evaluation, "companies"), d("10950000"));
}

#[test]
fn per_unit_amount_that_does_not_terminate() {
    // A fixed cost of 100 kr. more: gap 3.450.050, / 150 = 23.000,333… per pilot, so
    // 73.000,34 per pilot; 150 × 73.000,34 = 10.950.051: surplus 1.
    let mut s = without_residual();
    s.costs.push(CostLine {
        id: "extra".into(),
        label: String::new(),
        kind: CostKind::Fixed,
        amount: d("100"),
        eligible: true,
    });
    let answer = solved(close_gap(&s, "companies"));
    assert_eq!((answer.value, answer.rounded_up), (d("73000.34"), true));
    assert_eq!(
        (answer.evaluation.gap, answer.evaluation.surplus),
        (d("0"), d("1"))
    );
}

/// One fixed cost and one source, no driver: the smallest scenarios the regressions need.
fn one_cost_one_source(years: u32, cost: &str, kind: SourceKind) -> Scenario {
    Scenario {
        name: "one".into(),
        currency: "DKK".into(),
        years,
        drivers: Vec::new(),
        costs: vec![CostLine {
            id: "cost".into(),
            label: String::new(),
            kind: CostKind::Fixed,
            amount: d(cost),
            eligible: true,
        }],
        sources: vec![Source {
            id: "src".into(),
            label: String::new(),
            kind,
        }],
    }
}

#[test]
fn an_amount_with_more_decimals_is_rounded_up_once() {
    // 0,005 a year over 3 years against 1,015: the gap is 1,00, so 0,005 + 0,3333… =
    // 0,3383… a year, rounded up to 0,34 (3 × 0,34 = 1,02). Rounding the increase up to
    // 0,34 first and then the sum again gave 0,35.
    let s = one_cost_one_source(3, "1.015", SourceKind::PerYear { amount: d("0.005") });
    let answer = solved(close_gap(&s, "src"));
    assert_eq!((answer.value, answer.rounded_up), (d("0.34"), true));
    assert_eq!(answer.evaluation.gap, d("0"));
    let mut less = s.clone();
    less.sources[0].kind = SourceKind::PerYear { amount: d("0.33") };
    assert!(evaluate(&less).expect("evaluates").gap > d("0"));
}

#[test]
fn a_share_of_a_base_near_the_limit_is_solved() {
    // 10 % of 10^27: needed · 100 would overflow, needed / base does not.
    let share = SourceKind::Share {
        rate: d("10"),
        of: Base::Total,
        cap: None,
    };
    let s = one_cost_one_source(1, "1000000000000000000000000000", share);
    let answer = solved(close_gap(&s, "src"));
    assert_eq!(answer.input, Input::SourceRate(0));
    assert_eq!((answer.value, answer.rounded_up), (d("100"), false));

    // And a rate above 100 % is still reported as such.
    let mut s = s;
    s.costs.push(CostLine {
        id: "ineligible".into(),
        label: String::new(),
        kind: CostKind::Fixed,
        amount: d("1000000000000000000000000000"),
        eligible: false,
    });
    s.sources[0].kind = SourceKind::Share {
        rate: d("10"),
        of: Base::Eligible,
        cap: None,
    };
    assert!(matches!(
        close_gap(&s, "src"),
        Ok(GapOutcome::Impossible { reason: GapImpossible::RateAbove100 { needed_rate } })
            if needed_rate == d("200")
    ));
}

#[test]
fn tornado_of_an_amount_near_the_limit() {
    // 10^27 ± 10 %: value · 110 would overflow, value · 1,1 does not.
    let share = SourceKind::Share {
        rate: d("10"),
        of: Base::Total,
        cap: None,
    };
    let s = one_cost_one_source(1, "1000000000000000000000000000", share);
    let bars = tornado(&s, Target::Gap, d("10")).expect("tornado");
    let cost = bars
        .iter()
        .find(|b| b.input == Input::CostAmount(0))
        .expect("the cost's bar");
    assert_eq!(
        (cost.low_value, cost.high_value),
        (
            d("900000000000000000000000000"),
            d("1100000000000000000000000000")
        )
    );
    // The gap is 90 % of the cost: 8,1 · 10^26 to 9,9 · 10^26.
    assert_eq!(cost.swing, d("180000000000000000000000000"));
}

#[test]
fn rate_above_one_hundred_percent_is_impossible() {
    // Admin not eligible: eligible cost 15.000.000, and without companies DEB would have
    // to pay all of 21.900.000 = 146 % of it.
    let mut s = without_residual();
    s.sources.retain(|src| src.id != "companies");
    s.costs[1].eligible = false;
    let outcome = close_gap(&s, "deb");
    assert_eq!(
        outcome,
        Ok(GapOutcome::Impossible {
            reason: GapImpossible::RateAbove100 {
                needed_rate: d("146")
            }
        })
    );
    if let Ok(GapOutcome::Impossible { reason }) = outcome {
        assert_eq!(
            reason.describe(Lang::Da),
            "kræver en støtteprocent på 146,0000 %, over 100 %"
        );
    }
}

#[test]
fn a_binding_cap_is_named() {
    let mut s = without_residual();
    set_cap(&mut s, "deb", d("12000000"));
    let outcome = close_gap(&s, "deb");
    let reason = GapImpossible::CapBinds {
        path: "sources[0].cap".into(),
        cap: d("12000000"),
        needed: d("14400000"),
    };
    assert_eq!(
        outcome,
        Ok(GapOutcome::Impossible {
            reason: reason.clone()
        })
    );
    assert_eq!(
        reason.describe(Lang::En),
        "the cap in sources[0].cap of DKK 12,000,000 prevents it: the source would have to pay DKK 14,400,000"
    );
}

#[test]
fn residual_answers_with_the_cap_it_needs() {
    // Local capped at 3.000.000 leaves 450.000 uncovered; the cap must be 3.450.000.
    let mut s = vaekstpilot();
    set_cap(&mut s, "local", d("3000000"));
    assert_eq!(evaluate(&s).map(|e| e.gap), Ok(d("450000")));
    assert_eq!(
        close_gap(&s, "local"),
        Ok(GapOutcome::Impossible {
            reason: GapImpossible::Residual {
                cap: Some(d("3000000")),
                cap_needed: d("3450000")
            }
        })
    );
    // The others can still close it: DEB to (10.950.000 + 450.000) / 21.900.000
    // = 52,0547945…% → 52,0548 %, which pays 11.400.001,20; the residual, no longer at its
    // cap, absorbs the 1,20 kr.: 21.900.000 − 7.500.000 − 11.400.001,20 = 2.999.998,80.
    let answer = solved(close_gap(&s, "deb"));
    assert_eq!((answer.value, answer.rounded_up), (d("52.0548"), true));
    assert_eq!(
        (answer.evaluation.gap, answer.evaluation.surplus),
        (d("0"), d("0"))
    );
    assert_eq!(source(&s, &answer.evaluation, "deb"), d("11400001.2"));
    assert_eq!(source(&s, &answer.evaluation, "local"), d("2999998.8"));
}

#[test]
fn zero_base_and_zero_units_are_impossible() {
    // The marketing platform is not eligible: DEB's base is 0.
    let mut s = preset("marketing-platform");
    s.sources.retain(|src| src.id != "own");
    assert_eq!(
        close_gap(&s, "deb"),
        Ok(GapOutcome::Impossible {
            reason: GapImpossible::BaseZero { of: Base::Eligible }
        })
    );

    let mut s = without_residual();
    s.drivers.push(Driver {
        id: "smes".into(),
        label: String::new(),
        value: d("0"),
        min: None,
        max: None,
        step: None,
    });
    s.sources.push(Source {
        id: "sme".into(),
        label: String::new(),
        kind: SourceKind::PerUnit {
            driver: "smes".into(),
            amount: d("1000"),
        },
    });
    assert_eq!(
        close_gap(&s, "sme"),
        Ok(GapOutcome::Impossible {
            reason: GapImpossible::NoUnits {
                driver: "smes".into()
            }
        })
    );
}

// ---------------------------------------------------------------- driver_where_cap_binds

#[test]
fn deb_cap_of_five_million_binds_from_69_pilots() {
    // 50 % × 146.000 × 68 = 4.964.000 < 5.000.000 ≤ 50 % × 146.000 × 69 = 5.037.000.
    let mut s = vaekstpilot();
    set_cap(&mut s, "deb", d("5000000"));
    match driver_where_cap_binds(&s, "pilots", "deb", wide()) {
        Ok(CapOutcome::BindsFrom {
            value,
            cap,
            evaluation,
        }) => {
            assert_eq!((value, cap), (d("69"), d("5000000")));
            assert_eq!(source(&s, &evaluation, "deb"), d("5000000"));
        }
        other => panic!("{other:?}"),
    }
    // Exactly at the cap counts: a cap of 5.037.000 also binds from 69.
    set_cap(&mut s, "deb", d("5037000"));
    assert!(matches!(
        driver_where_cap_binds(&s, "pilots", "deb", wide()),
        Ok(CapOutcome::BindsFrom { value, .. }) if value == d("69")
    ));
    // Within 0..=50 it never binds: at most 50 × 73.000 = 3.650.000.
    assert_eq!(
        driver_where_cap_binds(
            &s,
            "pilots",
            "deb",
            Some(Range::new(d("0"), d("50"), d("1")))
        ),
        Ok(CapOutcome::NeverBinds {
            cap: d("5037000"),
            value: d("50"),
            highest: d("3650000")
        })
    );
    // In the driver's own range (150..=225) it binds from the start.
    assert!(matches!(
        driver_where_cap_binds(&s, "pilots", "deb", None),
        Ok(CapOutcome::BindsAtStart { value, rising: true, .. }) if value == d("150")
    ));
    assert_eq!(
        driver_where_cap_binds(&s, "pilots", "companies", None),
        Ok(CapOutcome::NoCap)
    );
    assert_eq!(
        driver_where_cap_binds(&vaekstpilot(), "pilots", "deb", None),
        Ok(CapOutcome::NoCap)
    );
}

#[test]
fn residual_cap_on_a_residual_that_falls_then_rises() {
    let mut s = dip();
    // 1.000.000 at 0 ≥ 950.000: binds from the start.
    set_cap(&mut s, "rest", d("950000"));
    assert!(matches!(
        driver_where_cap_binds(&s, "v", "rest", None),
        Ok(CapOutcome::BindsAtStart { value, rising: false, .. }) if value == d("0")
    ));
    // 500.000 + 4.000 · v ≥ 1.100.000 from 150 on.
    set_cap(&mut s, "rest", d("1100000"));
    assert!(matches!(
        driver_where_cap_binds(&s, "v", "rest", None),
        Ok(CapOutcome::BindsFrom { value, .. }) if value == d("150")
    ));
    // Never within 0..=120: the highest is 1.000.000 at 0 (980.000 at 120).
    assert_eq!(
        driver_where_cap_binds(&s, "v", "rest", Some(Range::new(d("0"), d("120"), d("1")))),
        Ok(CapOutcome::NeverBinds {
            cap: d("1100000"),
            value: d("0"),
            highest: d("1000000")
        })
    );
}

// ---------------------------------------------------------------- tornado

#[test]
fn deb_rate_matters_more_than_admin_for_the_local_share() {
    let s = vaekstpilot();
    let bars = tornado(&s, Target::Source("local".into()), d("10")).expect("tornado");
    let summary: Vec<_> = bars
        .iter()
        .map(|b| {
            (
                b.input,
                b.low_value,
                b.high_value,
                b.target_at_low,
                b.target_at_high,
                b.swing,
            )
        })
        .collect();
    assert_eq!(
        summary,
        vec![
            // DEB 45 % / 55 % of 21.900.000: local 4.545.000 / 2.355.000.
            (
                Input::SourceRate(0),
                d("45"),
                d("55"),
                d("4545000"),
                d("2355000"),
                d("2190000")
            ),
            // Budget 90.000 / 110.000: 150 × 10.000 × 50 % = ∓750.000.
            (
                Input::CostAmount(0),
                d("90000"),
                d("110000"),
                d("2700000"),
                d("4200000"),
                d("1500000")
            ),
            // Companies 45.000 / 55.000: ±750.000 (same swing, later in the document).
            (
                Input::SourceAmount(1),
                d("45000"),
                d("55000"),
                d("4200000"),
                d("2700000"),
                d("1500000")
            ),
            // Pilots 135 / 165 at 23.000 each.
            (
                Input::Driver(0),
                d("135"),
                d("165"),
                d("3105000"),
                d("3795000"),
                d("690000")
            ),
            // Admin 41.400 / 50.600: 150 × 4.600 × (1 − 0,5) = ∓345.000.
            (
                Input::CostAmount(1),
                d("41400"),
                d("50600"),
                d("3105000"),
                d("3795000"),
                d("690000")
            ),
        ]
    );
}

#[test]
fn tornado_of_gap_and_total_cost() {
    let s = vaekstpilot();
    // The residual closes every gap, so nothing moves the gap.
    let bars = tornado(&s, Target::Gap, d("20")).expect("tornado");
    assert!(bars.iter().all(|b| b.swing.is_zero()));
    let bars = tornado(&s, Target::TotalCost, d("10")).expect("tornado");
    assert_eq!(bars[0].input, Input::Driver(0));
    assert_eq!(bars[0].swing, d("4380000"));
    assert!(tornado(&s, Target::Source("x".into()), d("10")).is_err());
    let err = tornado(&s, Target::Gap, d("-1")).expect_err("negative percent");
    assert_eq!((err.path(), err.problem()), ("percent", &Problem::Negative));
}

// ---------------------------------------------------------------- properties

fn money() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        3 => (0i64..=200).prop_map(|n| Decimal::from(n * 500)),
        // Up to three decimals: an answer rounded to øre must still be the least when an
        // amount it starts from has more decimals than that.
        1 => (0i64..=10_000_000, 0u32..=3).prop_map(|(n, scale)| Decimal::new(n, scale)),
    ]
}

fn rate() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0i64..=100).prop_map(Decimal::from),
        (0i64..=10_000).prop_map(|n| Decimal::new(n, 2))
    ]
}

/// Small scenarios over two drivers (`d0`, the one the goal seek moves, and `d1`), with
/// shares (some capped), per-unit contributions that may outgrow the cost, and usually
/// a residual, some capped.
fn small_scenario() -> impl Strategy<Value = Scenario> {
    let driver = || prop_oneof![Just("d0".to_string()), Just("d1".to_string())];
    let cost = (
        prop_oneof![
            Just(CostKind::Fixed),
            Just(CostKind::PerYear),
            driver().prop_map(|driver| CostKind::PerUnit { driver }),
            driver().prop_map(|driver| CostKind::PerUnitPerYear { driver }),
        ],
        money(),
        any::<bool>(),
    );
    let source = prop_oneof![
        (rate(), any::<bool>(), proptest::option::of(money())).prop_map(|(rate, total, cap)| {
            SourceKind::Share {
                rate,
                of: if total { Base::Total } else { Base::Eligible },
                cap,
            }
        }),
        (driver(), money()).prop_map(|(driver, amount)| SourceKind::PerUnit { driver, amount }),
        money().prop_map(|amount| SourceKind::Fixed { amount }),
        money().prop_map(|amount| SourceKind::PerYear { amount }),
    ];
    (
        1u32..=3,
        (0i64..=20, 0i64..=20),
        proptest::collection::vec(cost, 0..5),
        proptest::collection::vec(source, 0..4),
        proptest::option::weighted(0.8, proptest::option::of(money())),
    )
        .prop_map(|(years, (v0, v1), costs, sources, residual)| {
            let mut sources: Vec<Source> = sources
                .into_iter()
                .enumerate()
                .map(|(i, kind)| Source {
                    id: format!("s{i}"),
                    label: String::new(),
                    kind,
                })
                .collect();
            if let Some(cap) = residual {
                sources.push(Source {
                    id: "rest".into(),
                    label: String::new(),
                    kind: SourceKind::Residual { cap },
                });
            }
            Scenario {
                name: "generated".into(),
                currency: "DKK".into(),
                years,
                drivers: [v0, v1]
                    .into_iter()
                    .enumerate()
                    .map(|(i, v)| Driver {
                        id: format!("d{i}"),
                        label: String::new(),
                        value: Decimal::from(v),
                        min: None,
                        max: None,
                        step: None,
                    })
                    .collect(),
                costs: costs
                    .into_iter()
                    .enumerate()
                    .map(|(i, (kind, amount, eligible))| CostLine {
                        id: format!("c{i}"),
                        label: String::new(),
                        kind,
                        amount,
                        eligible,
                    })
                    .collect(),
                sources,
            }
        })
        .prop_filter("has a source", |s| !s.sources.is_empty())
}

fn small_range() -> impl Strategy<Value = Range> {
    (
        0i64..=10,
        0i64..=40,
        prop_oneof![Just(d("1")), Just(d("2")), Just(d("0.5")), Just(d("3"))],
    )
        .prop_map(|(from, steps, step)| {
            Range::new(
                Decimal::from(from),
                Decimal::from(from) + step * Decimal::from(steps),
                step,
            )
        })
}

/// Every grid value of `range` with the evaluation of `s` there.
fn scan(s: &Scenario, range: Range) -> Vec<(Decimal, cofund::Evaluation)> {
    let mut out = Vec::new();
    let mut working = s.clone();
    let mut k = 0;
    while let Some(value) = range.value_at(k) {
        working.drivers[0].value = value;
        out.push((value, evaluate(&working).expect("small scenarios evaluate")));
        k += 1;
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn max_driver_within_agrees_with_a_full_scan(
        s in small_scenario(),
        range in small_range(),
        pick in any::<prop::sample::Index>(),
        limit in money(),
    ) {
        let src = pick.index(s.sources.len());
        let id = s.sources[src].id.clone();
        let points = scan(&s, range);
        let within: Vec<bool> = points.iter().map(|(_, e)| e.sources[src].amount <= limit).collect();
        let outcome = max_driver_within(&s, "d0", &id, limit, Some(range));
        match (outcome, within.iter().rposition(|ok| *ok)) {
            (Ok(GoalOutcome::Found { value, evaluation }), Some(k)) => {
                prop_assert!(k + 1 < points.len());
                prop_assert_eq!(value, points[k].0);
                prop_assert!(evaluation.sources[src].amount <= limit);
                // The next grid value exceeds the limit.
                prop_assert!(points[k + 1].1.sources[src].amount > limit);
            }
            (Ok(GoalOutcome::RangeEnd { value, evaluation }), Some(k)) => {
                prop_assert_eq!(k + 1, points.len());
                prop_assert_eq!(value, points[k].0);
                prop_assert!(evaluation.sources[src].amount <= limit);
            }
            (Ok(GoalOutcome::NoSolution { reason: NoSolution::ExceedsEverywhere { value, amount, .. } }), None) => {
                let least = points.iter().map(|(_, e)| e.sources[src].amount).min();
                prop_assert_eq!(Some(amount), least);
                prop_assert!(points.iter().any(|(v, e)| *v == value && e.sources[src].amount == amount));
            }
            (other, expected) => prop_assert!(false, "{:?}, scan says {:?}", other, expected),
        }
    }

    #[test]
    fn cap_binds_agrees_with_a_full_scan(
        s in small_scenario(),
        range in small_range(),
        pick in any::<prop::sample::Index>(),
    ) {
        let src = pick.index(s.sources.len());
        let id = s.sources[src].id.clone();
        let outcome = driver_where_cap_binds(&s, "d0", &id, Some(range));
        let Some(cap) = s.sources[src].kind.cap() else {
            prop_assert_eq!(outcome, Ok(CapOutcome::NoCap));
            return Ok(());
        };
        let points = scan(&s, range);
        let uncapped = |e: &cofund::Evaluation| match e.sources[src].trace {
            cofund::model::Trace::Share { uncapped, .. } => uncapped,
            cofund::model::Trace::Residual { uncovered, .. } => uncovered,
            _ => e.sources[src].amount,
        };
        match (outcome, points.iter().position(|(_, e)| uncapped(e) >= cap)) {
            (Ok(CapOutcome::BindsAtStart { value, evaluation, .. }), Some(0)) => {
                prop_assert_eq!(value, points[0].0);
                prop_assert_eq!(evaluation.sources[src].amount, cap);
            }
            (Ok(CapOutcome::BindsFrom { value, evaluation, .. }), Some(k)) if k > 0 => {
                prop_assert_eq!(value, points[k].0);
                prop_assert_eq!(evaluation.sources[src].amount, cap);
            }
            (Ok(CapOutcome::NeverBinds { highest, .. }), None) => {
                prop_assert_eq!(Some(highest), points.iter().map(|(_, e)| uncapped(e)).max());
            }
            (other, expected) => prop_assert!(false, "{:?}, scan says {:?}", other, expected),
        }
    }

    #[test]
    fn close_gap_answers_close_the_gap_and_are_least(
        s in small_scenario(),
        pick in any::<prop::sample::Index>(),
    ) {
        let src = pick.index(s.sources.len());
        let id = s.sources[src].id.clone();
        let before = evaluate(&s).expect("evaluates");
        match close_gap(&s, &id).expect("close_gap") {
            GapOutcome::NoGap { surplus } => {
                prop_assert!(before.gap.is_zero());
                prop_assert_eq!(surplus, before.surplus);
            }
            GapOutcome::Solved { input, value, rounded_up, evaluation, .. } => {
                prop_assert!(before.gap > Decimal::ZERO);
                prop_assert!(evaluation.gap.is_zero());
                let mut changed = s.clone();
                match (&mut changed.sources[src].kind, input) {
                    (SourceKind::Share { rate, .. }, Input::SourceRate(_)) => {
                        prop_assert!(value <= Decimal::ONE_HUNDRED);
                        *rate = value;
                    }
                    (SourceKind::PerUnit { amount, .. } | SourceKind::Fixed { amount } | SourceKind::PerYear { amount }, Input::SourceAmount(_)) => *amount = value,
                    other => prop_assert!(false, "{:?}", other),
                }
                prop_assert_eq!(evaluate(&changed).expect("evaluates"), evaluation.clone());
                if rounded_up {
                    // One unit of the last decimal less leaves a gap.
                    let unit = if matches!(input, Input::SourceRate(_)) { Decimal::new(1, 4) } else { Decimal::new(1, 2) };
                    let mut less = s.clone();
                    match &mut less.sources[src].kind {
                        SourceKind::Share { rate, .. } => *rate = value - unit,
                        SourceKind::PerUnit { amount, .. } | SourceKind::Fixed { amount } | SourceKind::PerYear { amount } => *amount = value - unit,
                        SourceKind::Residual { .. } => {}
                    }
                    prop_assert!(evaluate(&less).expect("evaluates").gap > Decimal::ZERO);
                } else {
                    prop_assert!(evaluation.surplus.is_zero());
                }
            }
            GapOutcome::Impossible { reason } => {
                prop_assert!(before.gap > Decimal::ZERO);
                prop_assert!(!reason.describe(Lang::Da).is_empty());
            }
        }
    }

    #[test]
    fn tornado_bars_are_sorted_and_swings_are_not_negative(
        s in small_scenario(),
        pick in any::<prop::sample::Index>(),
        which in 0u8..3,
        percent in (0i64..=150).prop_map(Decimal::from),
    ) {
        let target = match which {
            0 => Target::Gap,
            1 => Target::TotalCost,
            _ => Target::Source(s.sources[pick.index(s.sources.len())].id.clone()),
        };
        let bars = tornado(&s, target, percent).expect("tornado");
        prop_assert_eq!(bars.len(), Input::all(&s).len());
        for pair in bars.windows(2) {
            prop_assert!(pair[0].swing >= pair[1].swing);
            if pair[0].swing == pair[1].swing {
                let all = Input::all(&s);
                let at = |input| all.iter().position(|i| *i == input);
                prop_assert!(at(pair[0].input) < at(pair[1].input));
            }
        }
        for bar in &bars {
            prop_assert!(bar.swing >= Decimal::ZERO);
            prop_assert_eq!(bar.swing, (bar.target_at_high - bar.target_at_low).abs());
            prop_assert!(Decimal::ZERO <= bar.low_value && bar.low_value <= bar.value && bar.value <= bar.high_value);
            if matches!(bar.input, Input::SourceRate(_)) {
                prop_assert!(bar.high_value <= Decimal::ONE_HUNDRED);
            }
        }
    }
}
