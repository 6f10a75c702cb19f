//! Property tests of the evaluation's invariants over generated scenarios.

use cofund::model::{
    evaluate, from_json_str, to_json_string, Base, CostKind, CostLine, Driver, Scenario, Source,
    SourceKind,
};
use cofund::Decimal;
use proptest::prelude::*;

/// An amount with up to two decimals and up to 10^10 kroner: large enough to be realistic,
/// small enough that 10 lines × drivers × years never overflow.
fn amount() -> impl Strategy<Value = Decimal> {
    (0i64..=1_000_000_000_000, 0u32..=2).prop_map(|(units, scale)| Decimal::new(units, scale))
}

fn rate() -> impl Strategy<Value = Decimal> {
    (0i64..=10_000).prop_map(|hundredths| Decimal::new(hundredths, 2))
}

fn driver_value() -> impl Strategy<Value = Decimal> {
    (0i64..=100_000, 0u32..=1).prop_map(|(v, scale)| Decimal::new(v, scale))
}

fn cost_kind(drivers: usize) -> impl Strategy<Value = CostKind> {
    let driver = (0..drivers).prop_map(|i| format!("d{i}"));
    prop_oneof![
        Just(CostKind::Fixed),
        Just(CostKind::PerYear),
        driver
            .clone()
            .prop_map(|driver| CostKind::PerUnit { driver }),
        driver.prop_map(|driver| CostKind::PerUnitPerYear { driver }),
    ]
}

fn source_kind(drivers: usize) -> impl Strategy<Value = SourceKind> {
    let base = prop_oneof![Just(Base::Eligible), Just(Base::Total)];
    prop_oneof![
        (rate(), base, proptest::option::of(amount()))
            .prop_map(|(rate, of, cap)| SourceKind::Share { rate, of, cap }),
        ((0..drivers).prop_map(|i| format!("d{i}")), amount()).prop_map(|(driver, amount)| {
            SourceKind::PerUnit {
                driver,
                amount: amount / Decimal::from(1000),
            }
        }),
        amount().prop_map(|amount| SourceKind::Fixed { amount }),
        amount().prop_map(|amount| SourceKind::PerYear { amount }),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (1usize..=3, 1u32..=10).prop_flat_map(|(drivers, years)| {
        (
            proptest::collection::vec(driver_value(), drivers),
            proptest::collection::vec(
                (cost_kind(drivers), amount(), any::<bool>(), ".{0,12}"),
                0..10,
            ),
            proptest::collection::vec((source_kind(drivers), ".{0,12}"), 0..6),
            proptest::option::of(proptest::option::of(amount())),
            "\\PC{0,20}",
        )
            .prop_map(move |(values, costs, sources, residual, name)| {
                let mut sources: Vec<Source> = sources
                    .into_iter()
                    .enumerate()
                    .map(|(i, (kind, label))| Source {
                        id: format!("s{i}"),
                        label,
                        kind,
                    })
                    .collect();
                if let Some(cap) = residual {
                    sources.push(Source {
                        id: "rest".into(),
                        label: "Rest".into(),
                        kind: SourceKind::Residual { cap },
                    });
                }
                Scenario {
                    name,
                    currency: "DKK".into(),
                    years,
                    drivers: values
                        .into_iter()
                        .enumerate()
                        .map(|(i, value)| Driver {
                            id: format!("d{i}"),
                            label: format!("Driver {i}"),
                            value,
                            min: None,
                            max: None,
                            step: None,
                        })
                        .collect(),
                    costs: costs
                        .into_iter()
                        .enumerate()
                        .map(|(i, (kind, amount, eligible, label))| CostLine {
                            id: format!("c{i}"),
                            label,
                            kind,
                            amount,
                            eligible,
                        })
                        .collect(),
                    sources,
                }
            })
    })
}

proptest! {
    #[test]
    fn generated_scenarios_are_valid(s in scenario()) {
        prop_assert!(s.validate().is_ok(), "{:?}", s.validate());
    }

    #[test]
    fn funded_plus_gap_minus_surplus_is_total_cost(s in scenario()) {
        let e = evaluate(&s).unwrap();
        prop_assert_eq!(e.funded + e.gap - e.surplus, e.total_cost);
        prop_assert_eq!(e.sources.iter().map(|r| r.amount).sum::<Decimal>(), e.funded);
        prop_assert_eq!(e.lines.iter().map(|r| r.amount).sum::<Decimal>(), e.total_cost);
    }

    #[test]
    fn gap_and_surplus_are_never_both_positive(s in scenario()) {
        let e = evaluate(&s).unwrap();
        prop_assert!(e.gap >= Decimal::ZERO && e.surplus >= Decimal::ZERO);
        prop_assert!(e.gap.is_zero() || e.surplus.is_zero());
    }

    #[test]
    fn no_source_is_negative_and_no_cap_is_exceeded(s in scenario()) {
        let e = evaluate(&s).unwrap();
        for (src, r) in s.sources.iter().zip(&e.sources) {
            prop_assert!(r.amount >= Decimal::ZERO, "{} = {}", src.id, r.amount);
            if let Some(cap) = src.kind.cap() {
                prop_assert!(r.amount <= cap, "{} = {} > cap {}", src.id, r.amount, cap);
            }
        }
        prop_assert!(e.eligible_cost <= e.total_cost);
    }

    #[test]
    fn total_cost_never_decreases_when_a_driver_grows(s in scenario(), which in 0usize..3, more in driver_value()) {
        let before = evaluate(&s).unwrap().total_cost;
        let mut grown = s.clone();
        let i = which % grown.drivers.len();
        grown.drivers[i].value += more;
        let after = evaluate(&grown).unwrap().total_cost;
        prop_assert!(after >= before, "{} < {}", after, before);
    }

    #[test]
    fn json_round_trip_is_lossless(s in scenario()) {
        let text = to_json_string(&s);
        let back = from_json_str(&text).unwrap();
        prop_assert_eq!(&back, &s);
        // And the scale of every amount survives too (12500.50 stays 12500.50).
        prop_assert_eq!(to_json_string(&back), text);
    }

    #[test]
    fn reading_arbitrary_text_never_panics(text in "\\PC{0,200}") {
        let _ = from_json_str(&text);
    }
}
