//! Golden tests: the published financing tables, reproduced to the krone, through the
//! library (here) and through the `cofund` command line (tests/cli.rs).

use std::str::FromStr;

use cofund::model::{evaluate, from_json_str};
use cofund::presets::Preset;
use cofund::Decimal;
use serde_json::Value;

fn d(text: &str) -> Decimal {
    Decimal::from_str(text).unwrap()
}

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// Checks every figure of a `*.expected.json` fixture against the library's evaluation.
fn check_fixture(name: &str) {
    let scenario = from_json_str(&fixture(&format!("{name}.json"))).unwrap();
    let e = evaluate(&scenario).unwrap();
    let expected: Value = serde_json::from_str(&fixture(&format!("{name}.expected.json"))).unwrap();
    let field = |key: &str| d(expected[key].as_str().unwrap());
    assert_eq!(e.total_cost, field("total_cost"), "{name} total_cost");
    assert_eq!(
        e.eligible_cost,
        field("eligible_cost"),
        "{name} eligible_cost"
    );
    assert_eq!(e.gap, field("gap"), "{name} gap");
    assert_eq!(e.surplus, field("surplus"), "{name} surplus");
    let sources = expected["sources"].as_object().unwrap();
    assert_eq!(
        sources.len(),
        scenario.sources.len(),
        "{name}: number of sources"
    );
    for (src, result) in scenario.sources.iter().zip(&e.sources) {
        assert_eq!(
            result.amount,
            d(sources[&src.id].as_str().unwrap()),
            "{name} source {}",
            src.id
        );
    }
    for (driver, per_unit) in scenario.drivers.iter().zip(&e.per_unit) {
        let want = d(expected["per_unit"][&driver.id].as_str().unwrap());
        assert_eq!(*per_unit, Some(want), "{name} per_unit {}", driver.id);
    }
}

#[test]
fn shared_fixtures_match_their_expected_results() {
    for name in ["vaekstpilot-150", "vaekstpilot-225", "design-sprint"] {
        check_fixture(name);
    }
}

/// The table of the 2019 project description, column by column.
#[test]
fn vaekstpilot_published_table() {
    for (key, total, deb, companies, remaining) in [
        (
            "vaekstpilot-150",
            "21900000",
            "10950000",
            "7500000",
            "3450000",
        ),
        (
            "vaekstpilot-225",
            "32850000",
            "16425000",
            "11250000",
            "5175000",
        ),
    ] {
        let s = Preset::find(key).unwrap().scenario().unwrap();
        let e = evaluate(&s).unwrap();
        assert_eq!(e.total_cost, d(total), "{key}");
        assert_eq!(e.sources[0].amount, d(deb), "{key} DEB");
        assert_eq!(e.sources[1].amount, d(companies), "{key} companies");
        assert_eq!(e.sources[2].amount, d(remaining), "{key} remaining need");
        assert_eq!(e.gap, Decimal::ZERO);
        assert_eq!(e.surplus, Decimal::ZERO);
        assert_eq!(e.per_unit[0], Some(d("146000")), "{key} cost per pilot");
        // DEB's aid rate is at most 50 %: exactly half here.
        assert_eq!(e.sources[0].share, Some(d("50")));
    }
}

/// Dragging the pilots from 150 to 225 in the same scenario gives the second column.
#[test]
fn moving_the_driver_reproduces_the_225_column() {
    let mut s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
    s.driver_mut("pilots").unwrap().value = d("225");
    let e = evaluate(&s).unwrap();
    assert_eq!(e.total_cost, d("32850000"));
    assert_eq!(e.sources[2].amount, d("5175000"));
}

/// Design sprints: 2 parties × 5.000.000 kr. × 3 years = 30.000.000 kr.; 300.000 kr. per SME.
#[test]
fn design_sprints_thirty_million_for_100_smes() {
    let s = Preset::find("design-sprint").unwrap().scenario().unwrap();
    let e = evaluate(&s).unwrap();
    assert_eq!(e.total_cost, d("30000000"));
    assert_eq!(e.funded, d("30000000"));
    assert_eq!(e.sources[0].amount, d("15000000"));
    assert_eq!(e.sources[1].amount, d("15000000"));
    assert_eq!(e.per_unit[0], Some(d("300000")));
}

/// The previous programme's remaining need was covered exactly by three named parties.
#[test]
fn previous_programme_remaining_need_is_covered_exactly() {
    let doc = r#"{ "format": 1, "years": 3,
        "costs": [ { "id": "need", "kind": "fixed", "amount": "2336567" } ],
        "sources": [
          { "id": "brn", "kind": "fixed", "amount": "1050000" },
          { "id": "stay", "kind": "fixed", "amount": "1006556" },
          { "id": "vhn", "kind": "fixed", "amount": "280011" } ] }"#;
    let e = evaluate(&from_json_str(doc).unwrap()).unwrap();
    assert_eq!(e.funded, d("2336567"));
    assert_eq!(e.gap, Decimal::ZERO);
    assert_eq!(e.surplus, Decimal::ZERO);
}
