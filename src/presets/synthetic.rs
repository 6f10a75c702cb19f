//! Generated scenarios of a chosen size, for benchmarks and for performance tests of the
//! widget (the seed scenarios are too small to show how evaluation scales).

use rust_decimal::Decimal;

use crate::model::{Base, CostKind, CostLine, Driver, Scenario, Source, SourceKind};

/// A valid scenario with `lines` cost lines of every kind over three drivers, and
/// `source_count` funding sources of every kind (the last one residual, one share capped).
/// The same arguments always give the same scenario.
pub fn synthetic(lines: usize, source_count: usize) -> Scenario {
    let drivers: Vec<Driver> = (0..3)
        .map(|i| Driver {
            id: format!("d{i}"),
            label: format!("Enhed {i}"),
            value: Decimal::from(50 + 25 * i),
            min: Some(Decimal::ZERO),
            max: Some(Decimal::from(500)),
            step: Some(Decimal::ONE),
        })
        .collect();
    let costs = (0..lines)
        .map(|i| {
            let driver = format!("d{}", i % 3);
            CostLine {
                id: format!("c{i}"),
                label: format!("Udgiftspost {i}"),
                kind: match i % 4 {
                    0 => CostKind::Fixed,
                    1 => CostKind::PerUnit { driver },
                    2 => CostKind::PerYear,
                    _ => CostKind::PerUnitPerYear { driver },
                },
                // Kroner and øre, so the arithmetic is not all whole numbers.
                amount: Decimal::new(100_000 + (i as i64 * 3_713) % 50_000_000, 2),
                eligible: i % 7 != 0,
            }
        })
        .collect();
    let sources = (0..source_count)
        .map(|i| Source {
            id: format!("s{i}"),
            label: format!("Finansieringskilde {i}"),
            kind: if i + 1 == source_count {
                SourceKind::Residual { cap: None }
            } else {
                match i % 4 {
                    0 => SourceKind::Share {
                        rate: Decimal::new(125 + i as i64 % 10, 2),
                        of: if i % 8 == 0 {
                            Base::Eligible
                        } else {
                            Base::Total
                        },
                        cap: (i == 4).then(|| Decimal::from(10_000)),
                    },
                    1 => SourceKind::PerUnit {
                        driver: format!("d{}", i % 3),
                        amount: Decimal::from(100 + i as i64),
                    },
                    2 => SourceKind::Fixed {
                        amount: Decimal::from(25_000 + i as i64),
                    },
                    _ => SourceKind::PerYear {
                        amount: Decimal::from(5_000 + i as i64),
                    },
                }
            },
        })
        .collect();
    Scenario {
        name: format!("Syntetisk: {lines} udgiftsposter, {source_count} kilder"),
        currency: "DKK".into(),
        years: 3,
        drivers,
        costs,
        sources,
    }
}

/// A scenario of `lines` fixed cost lines labelled with 40 pseudo-random letters each,
/// which deflate cannot pack much: its file is small, its share link long. For the tests
/// of the links' size limits. The same `lines` always give the same scenario.
pub fn incompressible(lines: usize) -> Scenario {
    let mut state: u32 = 2_463_534_242;
    let mut letter = || {
        // xorshift32: deterministic noise without a dependency.
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        char::from(b'a' + (state % 26) as u8)
    };
    let costs = (0..lines)
        .map(|i| CostLine {
            id: format!("c{i}"),
            label: (0..40).map(|_| letter()).collect(),
            kind: CostKind::Fixed,
            amount: Decimal::ONE,
            eligible: true,
        })
        .collect();
    Scenario {
        name: String::new(),
        currency: "DKK".into(),
        years: 1,
        drivers: Vec::new(),
        costs,
        sources: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evaluate;

    #[test]
    fn synthetic_scenarios_are_valid_and_sized() {
        for (lines, sources) in [(0, 0), (1, 1), (200, 10), (1000, 50)] {
            let s = synthetic(lines, sources);
            s.validate().unwrap();
            assert_eq!((s.costs.len(), s.sources.len()), (lines, sources));
            evaluate(&s).unwrap();
        }
    }
}
