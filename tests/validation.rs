//! One test per rule of "Invalid documents" in the scenario contract: each is refused with
//! a message that names the field path and the offending value, and nothing panics.

use cofund::model::error::Problem;
use cofund::model::{evaluate, from_json_str, from_json_value};
use serde_json::{json, Value};

fn base() -> Value {
    json!({
        "format": 1, "name": "Test", "currency": "DKK", "years": 3,
        "drivers": [ { "id": "pilots", "label": "Piloter", "value": "150", "min": "150", "max": "225", "step": "1" } ],
        "costs": [ { "id": "budget", "label": "Budget", "kind": "per_unit", "driver": "pilots", "amount": "146000" } ],
        "sources": [
            { "id": "deb", "label": "DEB", "kind": "share", "rate": "50", "of": "eligible" },
            { "id": "local", "label": "Lokal", "kind": "residual" }
        ]
    })
}

/// Applies `edit` to the valid base document and returns the refusal's message.
fn refused(edit: impl FnOnce(&mut Value)) -> String {
    let mut doc = base();
    edit(&mut doc);
    match from_json_value(&doc) {
        Ok(_) => panic!("accepted an invalid document: {doc}"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn the_base_document_is_valid() {
    let s = from_json_value(&base()).unwrap();
    evaluate(&s).unwrap();
}

#[test]
fn unknown_format_is_refused() {
    assert_eq!(
        refused(|d| d["format"] = json!(2)),
        "format: unknown format version; this version of Cofund reads format 1 (the file may come from a newer version), got 2"
    );
    assert!(refused(|d| d["format"] = json!("one"))
        .starts_with("format: must be a whole number, got \"one\""));
    // A version too large for exact arithmetic is still a newer version, not an amount that
    // is too large (a QA finding: it was said as "too large for exact calculation").
    let huge = base().to_string().replacen(
        "\"format\":1",
        &format!("\"format\":1{}", "0".repeat(40)),
        1,
    );
    let err = from_json_str(&huge)
        .expect_err("a format of 41 digits")
        .to_string();
    assert!(err.starts_with("format: unknown format version;"), "{err}");
    assert_eq!(
        refused(|d| d
            .as_object_mut()
            .unwrap()
            .remove("format")
            .map(drop)
            .unwrap()),
        "format: is missing (the format version, 1)"
    );
}

/// A missing field says what it takes (a QA round of the command line: "years: is missing"
/// left the reader to look the form up).
#[test]
fn a_missing_field_says_what_it_takes() {
    let remove = |field: &'static str| {
        move |d: &mut Value| {
            d.as_object_mut().unwrap().remove(field);
        }
    };
    assert_eq!(
        refused(remove("years")),
        "years: is missing (a whole number of years, at least 1, e.g. 3)"
    );
    assert_eq!(
        refused(|d| {
            d["costs"][0].as_object_mut().unwrap().remove("amount");
        }),
        "costs[0].amount: is missing (an amount as text, e.g. \"100000\")"
    );
}

#[test]
fn negative_amount_is_refused() {
    assert_eq!(
        refused(|d| d["costs"][0]["amount"] = json!("-5")),
        "costs[0].amount: must not be negative, got \"-5\""
    );
    assert_eq!(
        refused(|d| d["sources"][1]["cap"] = json!(-1)),
        "sources[1].cap: must not be negative, got \"-1\""
    );
    assert_eq!(
        refused(|d| d["drivers"][0]["value"] = json!("-1")),
        "drivers[0].value: must not be negative, got \"-1\""
    );
}

#[test]
fn rate_outside_0_to_100_is_refused() {
    assert_eq!(
        refused(|d| d["sources"][0]["rate"] = json!("150")),
        "sources[0].rate: must be between 0 and 100, got \"150\""
    );
    assert_eq!(
        refused(|d| d["sources"][0]["rate"] = json!("-0.5")),
        "sources[0].rate: must be between 0 and 100, got \"-0.5\""
    );
    // The bounds themselves are allowed.
    for rate in ["0", "100"] {
        let mut doc = base();
        doc["sources"][0]["rate"] = json!(rate);
        assert!(from_json_value(&doc).is_ok(), "{rate}");
    }
}

#[test]
fn reference_to_missing_driver_is_refused() {
    assert_eq!(
        refused(|d| d["costs"][0]["driver"] = json!("smes")),
        "costs[0].driver: refers to a driver that does not exist, got \"smes\""
    );
    assert_eq!(
        refused(|d| d["sources"][0] =
            json!({ "id": "co", "kind": "per_unit", "driver": "nope", "amount": "1" })),
        "sources[0].driver: refers to a driver that does not exist, got \"nope\""
    );
}

#[test]
fn duplicate_ids_are_refused() {
    assert_eq!(
        refused(|d| d["sources"][1]["id"] = json!("deb")),
        "sources[1].id: duplicate id, already used by sources[0], got \"deb\""
    );
    assert_eq!(
        refused(|d| {
            let line = d["costs"][0].clone();
            d["costs"].as_array_mut().unwrap().push(line);
        }),
        "costs[1].id: duplicate id, already used by costs[0], got \"budget\""
    );
}

#[test]
fn more_than_one_residual_is_refused() {
    assert_eq!(
        refused(|d| d["sources"].as_array_mut().unwrap().push(json!({ "id": "brn", "kind": "residual" }))),
        "sources[2].kind: at most one residual source is allowed; sources[1] is one already, got \"residual\""
    );
}

#[test]
fn years_below_one_is_refused() {
    assert_eq!(
        refused(|d| d["years"] = json!(0)),
        "years: must be at least 1, got 0"
    );
    assert_eq!(
        refused(|d| d["years"] = json!("-2")),
        "years: must be at least 1, got \"-2\""
    );
    assert_eq!(
        refused(|d| d["years"] = json!(2.5)),
        "years: must be a whole number, got 2.5"
    );
}

#[test]
fn value_that_is_not_a_decimal_is_refused() {
    for (bad, shown) in [
        (json!("21.900.000"), "\"21.900.000\""),
        (json!("1,5"), "\"1,5\""),
        (json!("abc"), "\"abc\""),
        (json!(""), "\"\""),
        (json!("1e5"), "\"1e5\""),
    ] {
        assert_eq!(
            refused(|d| d["costs"][0]["amount"] = bad.clone()),
            format!("costs[0].amount: must be a decimal number such as \"21900000\" or \"12500.50\" (no thousands separators, '.' as decimal mark), got {shown}")
        );
    }
    assert_eq!(
        refused(|d| d["costs"][0]["amount"] = json!(true)),
        "costs[0].amount: must be a number or a decimal string, got true"
    );
}

#[test]
fn plain_json_numbers_are_read_exactly() {
    let mut doc = base();
    doc["costs"][0]["amount"] = serde_json::from_str("146000.10").unwrap();
    let s = from_json_value(&doc).unwrap();
    assert_eq!(s.costs[0].amount.to_string(), "146000.10");
}

#[test]
fn unknown_kinds_and_fields_are_refused() {
    assert_eq!(
        refused(|d| d["costs"][0]["kind"] = json!("monthly")),
        "costs[0].kind: unknown value; allowed values: fixed, per_unit, per_year, per_unit_per_year, got \"monthly\""
    );
    assert!(refused(|d| d["costs"][0]["eligable"] = json!(false))
        .starts_with("costs[0].eligable: unknown field; allowed fields: id, label, kind, driver, amount, eligible"));
    assert!(refused(|d| d["sources"][0]["of"] = json!("all"))
        .starts_with("sources[0].of: unknown value"));
}

#[test]
fn fields_of_another_kind_are_refused() {
    assert_eq!(
        refused(|d| d["sources"][1]["rate"] = json!("50")),
        "sources[1].rate: unknown field; allowed fields: id, label, kind, cap, got \"50\""
    );
    assert_eq!(
        refused(|d| d["sources"][0]["amount"] = json!("5")),
        "sources[0].amount: unknown field; allowed fields: id, label, kind, rate, of, cap, got \"5\""
    );
    assert!(refused(|d| {
        d["costs"][0]["kind"] = json!("fixed");
    })
    .starts_with(
        "costs[0].driver: unknown field; allowed fields: id, label, kind, amount, eligible"
    ));
}

#[test]
fn structural_errors_name_their_place() {
    assert_eq!(
        refused(|d| d["costs"] = json!({})),
        "costs: must be an array, got {}"
    );
    assert_eq!(
        refused(|d| d["costs"][0] = json!(5)),
        "costs[0]: must be an object, got 5"
    );
    assert_eq!(
        refused(|d| d["currency"] = json!("EUR")),
        "currency: only \"DKK\" is supported, got \"EUR\""
    );
    assert_eq!(
        refused(|d| d["drivers"][0]["min"] = json!("300")),
        "drivers[0].min: min is greater than max, got min 300, max 225"
    );
    assert!(from_json_str("{ not json")
        .unwrap_err()
        .to_string()
        .starts_with("not valid JSON (line 1, column 3)"));
    assert!(from_json_str("[]")
        .unwrap_err()
        .to_string()
        .starts_with("must be an object"));
}

#[test]
fn overflow_is_refused_not_wrapped() {
    let mut doc = base();
    doc["drivers"][0] = json!({ "id": "pilots", "value": "100000000000000000000" });
    doc["costs"][0]["amount"] = json!("1000000000000000");
    let s = from_json_value(&doc).unwrap();
    let err = evaluate(&s).unwrap_err();
    assert_eq!(err.problem(), &Problem::Overflow);
    assert!(
        err.to_string()
            .starts_with("costs[0].amount: cannot be computed exactly"),
        "{err}"
    );

    // A value with more digits than Decimal can hold is refused when read.
    let mut doc = base();
    doc["costs"][0]["amount"] = json!("123456789012345678901234567890123");
    assert!(from_json_value(&doc).is_err());
}

/// The version is checked before the fields, so a newer file's new field is explained by
/// its version rather than refused as unknown.
#[test]
fn a_newer_format_is_named_before_its_new_fields() {
    let err = refused(|d| {
        d["format"] = json!(2);
        d["assumptions"] = json!("new in format 2");
    });
    assert!(err.starts_with("format: unknown format version"), "{err}");
}

/// serde_json keeps the last of two equal keys; the reader refuses them instead, with the
/// position, at any depth.
#[test]
fn a_field_given_twice_is_refused_with_its_position() {
    let text = base()
        .to_string()
        .replacen(r#""rate":"50""#, r#""rate":"50","rate":"150""#, 1);
    let err = from_json_str(&text).unwrap_err();
    match err.problem() {
        Problem::RepeatedField { field, line, .. } => {
            assert_eq!((field.as_str(), *line), ("rate", 1));
        }
        other => panic!("expected a repeated field, got {other:?}"),
    }
    assert!(
        err.to_string()
            .contains("the field \"rate\" is given twice"),
        "{err}"
    );

    let top = "{\"format\": 1,\n\"years\": 3,\n\"years\": 5}";
    let err = from_json_str(top).unwrap_err();
    assert!(
        matches!(err.problem(), Problem::RepeatedField { field, line: 3, .. } if field == "years"),
        "{err}"
    );
    // Equal keys in different objects are fine, and numbers stay exact.
    let doc = from_json_str(&base().to_string()).unwrap();
    assert_eq!(doc.sources.len(), 2);
}

/// Too many digits is a different refusal from too large a value.
#[test]
fn too_precise_and_too_large_are_told_apart() {
    let problem = |v: Value| {
        let mut doc = base();
        doc["costs"][0]["amount"] = v;
        from_json_value(&doc).unwrap_err().problem().clone()
    };
    assert_eq!(
        problem(json!("0.00000000000000000000000000001")),
        Problem::TooPrecise
    );
    let tiny: Value = serde_json::from_str("1e-40").unwrap();
    assert_eq!(problem(tiny), Problem::TooPrecise);
    assert_eq!(
        problem(json!("123456789012345678901234567890123")),
        Problem::Overflow
    );
    let huge: Value = serde_json::from_str("1e400").unwrap();
    assert_eq!(problem(huge), Problem::Overflow);
    // An exponent too long for rust_decimal to read is still told by its sign.
    let far: Value = serde_json::from_str("1e-99999999999").unwrap();
    assert_eq!(problem(far), Problem::TooPrecise);
    // A mantissa too large on its own is too large, whatever the exponent's sign.
    let big: Value = serde_json::from_str("100000000000000000000000000000000e-1").unwrap();
    assert_eq!(problem(big), Problem::Overflow);
    // Zero is zero, whatever its exponent.
    for zero in ["0e29", "0.0E-99999999999", "-0e400"] {
        let mut doc = base();
        doc["costs"][0]["amount"] = serde_json::from_str(zero).unwrap();
        let s = from_json_value(&doc).unwrap_or_else(|e| panic!("{zero}: {e}"));
        assert!(s.costs[0].amount.is_zero(), "{zero}");
    }

    let err = refused(|d| d["years"] = json!(4_294_967_296u64));
    assert_eq!(err, "years: must be at most 4,294,967,295, got 4294967296");
    // Beyond exact arithmetic too: the same limit, not a word about 7,9 · 10^28.
    let err =
        refused(|d| d["years"] = serde_json::from_str("1000000000000000000000000000000").unwrap());
    assert_eq!(
        err,
        "years: must be at most 4,294,967,295, got 1000000000000000000000000000000"
    );
}

/// A share of a very large base is computed without overflowing on the way (`base × 50`
/// would), and a sum too large is blamed on the line that took it over, where the editor
/// can show it.
#[test]
fn overflow_is_blamed_on_a_field_the_user_typed() {
    let mut doc = base();
    doc["costs"][0] = json!({ "id": "big", "label": "Stor", "kind": "fixed", "amount": "60000000000000000000000000000" });
    let s = from_json_value(&doc).unwrap();
    let e = evaluate(&s).expect("half of a representable cost is representable");
    assert_eq!(
        e.sources[0].amount.to_string(),
        "30000000000000000000000000000"
    );

    let mut doc = base();
    doc["costs"] = json!([
        { "id": "a", "label": "A", "kind": "fixed", "amount": "60000000000000000000000000000" },
        { "id": "b", "label": "B", "kind": "fixed", "amount": "60000000000000000000000000000" }
    ]);
    let s = from_json_value(&doc).unwrap();
    let err = evaluate(&s).unwrap_err();
    assert_eq!(
        (err.path(), err.problem()),
        ("costs[1].amount", &Problem::Overflow)
    );
}

/// A rate with many decimals keeps its digits in the share (it is not rounded to a
/// fraction first), and a sum of sources too large is blamed on a field the source has.
#[test]
fn shares_keep_their_digits_and_overflow_names_a_real_field() {
    let mut doc = base();
    doc["costs"][0] = json!({ "id": "c", "label": "C", "kind": "fixed", "amount": "21900000" });
    doc["sources"][0]["rate"] = json!("0.123456789012345678");
    let e = evaluate(&from_json_value(&doc).unwrap()).unwrap();
    assert_eq!(e.sources[0].amount.to_string(), "27037.036793703703482");
    // With 28 decimals the share would need 30 digits, more than `Decimal` holds: it is
    // refused, naming the rate, rather than rounded and shown as exact.
    doc["sources"][0]["rate"] = json!("0.1234567890123456789012345678");
    let err = evaluate(&from_json_value(&doc).unwrap()).unwrap_err();
    assert_eq!(
        (err.path(), err.problem()),
        ("sources[0].rate", &Problem::Overflow)
    );

    let mut doc = base();
    doc["costs"][0] = json!({ "id": "big", "label": "Stor", "kind": "fixed", "amount": "60000000000000000000000000000" });
    doc["sources"] = json!([
        { "id": "a", "label": "A", "kind": "share", "rate": "100" },
        { "id": "b", "label": "B", "kind": "share", "rate": "100" }
    ]);
    let err = evaluate(&from_json_value(&doc).unwrap()).unwrap_err();
    assert_eq!(
        (err.path(), err.problem()),
        ("sources[1].rate", &Problem::Overflow)
    );
}
