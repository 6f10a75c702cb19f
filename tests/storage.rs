//! Tests of `cofund::storage`: lossless round trips over generated scenarios, refusal (never
//! a panic) of every kind of malformed link, file and stored document, and the exact CSV
//! output for the Vækstpilot preset.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use cofund::model::{
    evaluate, sweep, Base, CostKind, CostLine, Driver, Scenario, Source, SourceKind,
};
use cofund::numbers::Lang;
use cofund::presets::{Preset, PRESETS};
use cofund::storage::file::{
    export_file, export_workspace_file, import_any, import_file, ImportError, Imported,
    MAX_FILE_BYTES,
};
use cofund::storage::link::{
    decode_link, decode_scenario, decode_workspace, encode_scenario, encode_workspace, LinkError,
    Oversize, Unpacked, MAX_JSON_BYTES, MAX_LINK_CHARS,
};
use cofund::storage::workspace::{Workspace, WorkspaceError};
use cofund::storage::{results_csv, sweep_csv};
use cofund::Decimal;
use proptest::prelude::*;

// ---------------------------------------------------------------------------------------
// A generator of valid scenarios: every field the format has, decimals over the whole
// range and scale of `Decimal`, and labels of any characters (quotes, separators, control
// characters, æøå, emoji).

fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        // Everyday amounts: whole kroner and øre.
        (0i64..=100_000_000_000, 0u32..=2).prop_map(|(m, s)| Decimal::new(m, s)),
        // Anything `Decimal` can hold that is not negative.
        (any::<u32>(), any::<u32>(), any::<u32>(), 0u32..=28)
            .prop_map(|(lo, mid, hi, scale)| Decimal::from_parts(lo, mid, hi, false, scale)),
    ]
}

fn rate() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (0i64..=10_000).prop_map(|h| Decimal::new(h, 2)),
        (0i64..=100_000_000, 0u32..=6)
            .prop_map(|(m, s)| Decimal::new(m, s))
            .prop_filter("0-100", |r| *r <= Decimal::ONE_HUNDRED),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        proptest::collection::vec(any::<char>(), 0..16).prop_map(String::from_iter),
        "[a-zæøåA-ZÆØÅ ;,\"'=\\-]{0,20}",
    ]
}

fn driver(i: usize) -> impl Strategy<Value = Driver> {
    (
        text(),
        decimal(),
        proptest::option::of(decimal()),
        proptest::option::of(decimal()),
        proptest::option::of(decimal().prop_filter("step > 0", |d| !d.is_zero())),
    )
        .prop_map(move |(label, value, a, b, step)| {
            let (min, max) = match (a, b) {
                (Some(a), Some(b)) => (Some(a.min(b)), Some(a.max(b))),
                other => other,
            };
            Driver {
                id: format!("d{i}"),
                label,
                value,
                min,
                max,
                step,
            }
        })
}

fn cost_kind(drivers: usize) -> BoxedStrategy<CostKind> {
    if drivers == 0 {
        return prop_oneof![Just(CostKind::Fixed), Just(CostKind::PerYear)].boxed();
    }
    let id = (0..drivers).prop_map(|i| format!("d{i}"));
    prop_oneof![
        Just(CostKind::Fixed),
        Just(CostKind::PerYear),
        id.clone().prop_map(|driver| CostKind::PerUnit { driver }),
        id.prop_map(|driver| CostKind::PerUnitPerYear { driver }),
    ]
    .boxed()
}

fn source_kind(drivers: usize) -> BoxedStrategy<SourceKind> {
    let base = prop_oneof![Just(Base::Eligible), Just(Base::Total)];
    let share = (rate(), base, proptest::option::of(decimal()))
        .prop_map(|(rate, of, cap)| SourceKind::Share { rate, of, cap });
    let fixed = decimal().prop_map(|amount| SourceKind::Fixed { amount });
    let per_year = decimal().prop_map(|amount| SourceKind::PerYear { amount });
    if drivers == 0 {
        return prop_oneof![share, fixed, per_year].boxed();
    }
    let per_unit = ((0..drivers).prop_map(|i| format!("d{i}")), decimal())
        .prop_map(|(driver, amount)| SourceKind::PerUnit { driver, amount });
    prop_oneof![share, fixed, per_year, per_unit].boxed()
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (0usize..=3).prop_flat_map(|n_drivers| {
        let drivers: Vec<_> = (0..n_drivers).map(driver).collect();
        (
            text(),
            prop_oneof![1u32..=10, 1u32..=u32::MAX],
            drivers,
            proptest::collection::vec(
                (cost_kind(n_drivers), decimal(), any::<bool>(), text()),
                0..6,
            ),
            proptest::collection::vec((source_kind(n_drivers), text()), 0..5),
            proptest::option::of((
                proptest::option::of(decimal()),
                any::<prop::sample::Index>(),
            )),
        )
            .prop_map(|(name, years, drivers, costs, sources, residual)| {
                let costs = costs
                    .into_iter()
                    .enumerate()
                    .map(|(i, (kind, amount, eligible, label))| CostLine {
                        id: format!("c{i}"),
                        label,
                        kind,
                        amount,
                        eligible,
                    })
                    .collect();
                let mut sources: Vec<Source> = sources
                    .into_iter()
                    .enumerate()
                    .map(|(i, (kind, label))| Source {
                        id: format!("s{i}"),
                        label,
                        kind,
                    })
                    .collect();
                if let Some((cap, at)) = residual {
                    let at = at.index(sources.len() + 1);
                    sources.insert(
                        at,
                        Source {
                            id: "rest".into(),
                            label: "Rest; \"øvrige\"".into(),
                            kind: SourceKind::Residual { cap },
                        },
                    );
                }
                Scenario {
                    name,
                    currency: "DKK".into(),
                    years,
                    drivers,
                    costs,
                    sources,
                }
            })
    })
}

fn workspace() -> impl Strategy<Value = Workspace> {
    proptest::collection::vec(scenario(), 0..4).prop_flat_map(|scenarios| {
        let n = scenarios.len();
        let baseline = if n == 0 {
            Just(None).boxed()
        } else {
            proptest::option::of(0..n).boxed()
        };
        baseline.prop_map(move |baseline| Workspace::new(scenarios.clone(), baseline))
    })
}

// ---------------------------------------------------------------------------------------
// The link format, rebuilt here from its documentation, to reach the decoder's later
// stages with payloads of our choosing.

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

fn pack(marker: &str, json: &[u8]) -> String {
    pack_at(marker, json, 9)
}

/// `pack` at another deflate level: the decoder reads any level, and level 1 is much
/// faster in the unoptimised test build.
fn pack_at(marker: &str, json: &[u8], level: u8) -> String {
    let mut payload = crc32(json).to_le_bytes().to_vec();
    payload.extend(miniz_oxide::deflate::compress_to_vec(json, level));
    format!("{marker}{}", URL_SAFE_NO_PAD.encode(payload))
}

fn preset(key: &str) -> Scenario {
    Preset::find(key)
        .and_then(|p| p.scenario().ok())
        .expect("preset")
}

fn all_presets() -> Vec<Scenario> {
    PRESETS
        .iter()
        .map(|p| p.scenario().expect("preset"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Round trips.

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn generated_scenarios_are_valid(s in scenario()) {
        prop_assert_eq!(s.validate(), Ok(()));
    }

    // A link or file from outside opens only what can be calculated (the generated
    // figures can overflow exact arithmetic); what cannot is refused with the evaluation's
    // error, the field it names and all.

    #[test]
    fn scenario_link_round_trip(s in scenario()) {
        let link = encode_scenario(&s);
        prop_assert!(link.len() <= MAX_LINK_CHARS);
        match evaluate(&s) {
            Ok(_) => {
                prop_assert_eq!(decode_scenario(&link), Ok(s.clone()));
                prop_assert_eq!(decode_scenario(&format!("#{link}")), Ok(s.clone()));
                prop_assert_eq!(decode_workspace(&link), Ok(Workspace::single(s)));
            }
            Err(e) => prop_assert_eq!(decode_scenario(&link), Err(LinkError::Invalid(e))),
        }
    }

    #[test]
    fn scenario_file_round_trip(s in scenario()) {
        let text = export_file(&s);
        prop_assert!(text.ends_with('\n'));
        let Err(e) = evaluate(&s) else {
            prop_assert_eq!(import_file(text.as_bytes()), Ok(s.clone()));
            let mut with_bom = b"\xEF\xBB\xBF".to_vec();
            with_bom.extend_from_slice(text.as_bytes());
            prop_assert_eq!(import_any(&with_bom), Ok(Imported::Scenario(s)));
            return Ok(());
        };
        prop_assert_eq!(import_file(text.as_bytes()), Err(ImportError::Invalid(e)));
    }

    #[test]
    fn workspace_json_round_trip(w in workspace()) {
        prop_assert_eq!(w.validate(), Ok(()));
        // Autosave keeps whatever the user had, calculable or not.
        prop_assert_eq!(Workspace::from_json_str(&w.to_json_string()), Ok(w.clone()));
        prop_assert_eq!(Workspace::from_json_str(&w.to_json_pretty()), Ok(w.clone()));
        let link = encode_workspace(&w);
        let file = cofund::storage::export_workspace_file(&w);
        let failed = w.scenarios.iter().enumerate().find_map(|(i, s)| {
            evaluate(s).err().map(|e| WorkspaceError::Invalid(e.with_prefix(&format!("scenarios[{i}]"))))
        });
        match failed {
            None => {
                prop_assert_eq!(decode_workspace(&link), Ok(w.clone()));
                prop_assert_eq!(import_any(file.as_bytes()), Ok(Imported::Workspace(w)));
            }
            Some(e) => {
                prop_assert_eq!(decode_workspace(&link), Err(LinkError::InvalidWorkspace(e.clone())));
                prop_assert_eq!(import_any(file.as_bytes()), Err(ImportError::InvalidWorkspace(e)));
            }
        }
    }

    // Malformed input of every shape: an error or a value, never a panic.

    #[test]
    fn random_strings_never_panic(text in "\\PC{0,200}", marker in prop_oneof![Just(""), Just("s1."), Just("w1."), Just("#s1."), Just("#workspace=w1.")]) {
        let input = format!("{marker}{text}");
        let _ = decode_link(&input);
        let _ = decode_scenario(&input);
        let _ = decode_workspace(&input);
        let _ = import_any(input.as_bytes());
        let _ = Workspace::from_json_str(&input);
    }

    #[test]
    fn random_base64_is_refused(bytes in proptest::collection::vec(any::<u8>(), 0..400), marker in prop_oneof![Just("s1."), Just("w1.")]) {
        let link = format!("{marker}{}", URL_SAFE_NO_PAD.encode(&bytes));
        prop_assert!(decode_link(&link).is_err());
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let _ = import_any(&bytes);
        prop_assert!(import_file(&bytes).is_err() || std::str::from_utf8(&bytes).is_ok());
        // Packed correctly, the bytes reach the JSON reader, which refuses them.
        let _ = decode_link(&pack("s1.", &bytes));
        let _ = decode_link(&pack("w1.", &bytes));
    }

    #[test]
    fn random_json_values_are_refused_not_panicked(json in json_value()) {
        let text = json.to_string();
        let _ = decode_link(&pack("s1.", text.as_bytes()));
        let _ = decode_link(&pack("w1.", text.as_bytes()));
        let _ = import_any(text.as_bytes());
        let _ = Workspace::from_json_str(&text);
    }
}

fn json_value() -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        "[0-9.e-]{1,12}".prop_map(Value::String),
        prop_oneof![
            Just("format"),
            Just("cofund_workspace"),
            Just("scenarios"),
            Just("baseline"),
            Just("years"),
            Just("drivers"),
            Just("share"),
            Just("residual"),
            Just("per_unit"),
            Just("d0"),
            Just("1"),
            Just("2")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 40, 6, |inner| {
        let key = prop_oneof![
            Just("format"),
            Just("cofund_workspace"),
            Just("scenarios"),
            Just("baseline"),
            Just("years"),
            Just("drivers"),
            Just("costs"),
            Just("sources"),
            Just("id"),
            Just("kind"),
            Just("driver"),
            Just("amount"),
            Just("rate"),
            Just("value"),
            Just("cap"),
            Just("of"),
            Just("min"),
            Just("max"),
            Just("step"),
            Just("eligible"),
        ]
        .prop_map(String::from);
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((key, inner), 0..6)
                .prop_map(|kv| Value::Object(kv.into_iter().collect())),
        ]
    })
}

// ---------------------------------------------------------------------------------------
// Links: each kind of damage.

#[test]
fn every_prefix_of_a_link_is_refused() {
    let s = preset("vaekstpilot-150");
    let w = Workspace::new(all_presets(), Some(0));
    for link in [encode_scenario(&s), encode_workspace(&w)] {
        for end in 0..link.len() {
            let prefix = &link[..end];
            assert!(
                decode_link(prefix).is_err(),
                "prefix of {end} characters decoded"
            );
            assert!(decode_link(&format!("#{prefix}")).is_err());
        }
        assert!(decode_link(&link).is_ok());
    }
}

#[test]
fn every_changed_character_is_refused_or_harmless() {
    let s = preset("vaekstpilot-150");
    let link = encode_scenario(&s);
    let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut refused = 0;
    let mut same = 0;
    for at in 0..link.len() {
        let original = link.as_bytes()[at];
        // Every replacement at the first positions and the last; a stride elsewhere.
        let replacements: Vec<u8> = if at < 8 || at + 8 > link.len() {
            alphabet.to_vec()
        } else {
            alphabet.iter().copied().skip(at % 7).step_by(7).collect()
        };
        for &c in &replacements {
            if c == original {
                continue;
            }
            let mut bytes = link.as_bytes().to_vec();
            bytes[at] = c;
            let changed = String::from_utf8(bytes).expect("ASCII");
            match decode_scenario(&changed) {
                Err(_) => refused += 1,
                // Only bits that deflate ignores (after the end of the stream) were changed:
                // the scenario is exactly the original one.
                Ok(back) => {
                    assert_eq!(
                        back, s,
                        "a changed link decoded to another scenario: {changed}"
                    );
                    same += 1;
                }
            }
        }
    }
    assert!(
        refused > 1000 && same < 64,
        "refused {refused}, unchanged {same}"
    );
}

#[test]
fn wrong_version_markers_are_refused() {
    let link = encode_scenario(&preset("design-sprint"));
    let data = &link[3..];
    for marker in [
        "s2.", "s0.", "S1.", "w2.", "x1.", "s1", "s1-", "s10.", ".", "",
    ] {
        let err = decode_link(&format!("{marker}{data}")).unwrap_err();
        assert!(
            matches!(err, LinkError::UnknownVersion { .. }),
            "{marker}: {err:?}"
        );
        assert!(err.to_string().contains("newer version"), "{err}");
        assert!(err.message(Lang::Da).contains("nyere version"), "{err}");
    }
    // A workspace marker on scenario data: a bare scenario is not a workspace.
    let err = decode_link(&format!("w1.{data}")).unwrap_err();
    assert!(matches!(err, LinkError::InvalidWorkspace(_)), "{err:?}");
}

#[test]
fn decompression_bomb_is_stopped() {
    // 2 MiB of spaces deflate to about 2 KB: under 3 KB of link.
    let json = vec![b' '; 2 * MAX_JSON_BYTES];
    let link = pack("s1.", &json);
    assert!(link.len() < 3 * 1024, "{}", link.len());
    assert_eq!(
        decode_scenario(&link),
        Err(LinkError::TooLarge(Oversize::Content))
    );
    assert_eq!(
        decode_workspace(&pack("w1.", &json)),
        Err(LinkError::TooLarge(Oversize::Content))
    );
    // A bigger one (8 MiB from 11 KB of link) is stopped at the same point.
    let json = vec![b'0'; 8 * MAX_JSON_BYTES];
    let link = pack("s1.", &json);
    assert!(link.len() < 16 * 1024, "{}", link.len());
    assert_eq!(
        decode_scenario(&link),
        Err(LinkError::TooLarge(Oversize::Content))
    );
    let err = decode_scenario(&link).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the link unpacks to more than 1 MiB (1,048,576 bytes) and is refused"
    );
    assert_eq!(
        err.message(Lang::Da),
        "linket pakker ud til mere end 1 MiB (1.048.576 byte) og afvises"
    );
}

#[test]
fn a_workspace_too_large_for_a_link_comes_back_from_its_file() {
    // The app tells the user whose link is too large to export all scenarios instead; that
    // file is indented, so it is larger than the link's JSON, and it must import again.
    let one = cofund::presets::synthetic(200, 10);
    let w = Workspace::new(vec![one; 64], Some(3));
    let json = Unpacked::workspace(&w).json;
    assert!(json.len() > MAX_JSON_BYTES, "{}", json.len());
    assert_eq!(
        Unpacked::workspace(&w).seal_within_limits(b""),
        Err(LinkError::TooLarge(Oversize::Content))
    );
    let file = export_workspace_file(&w);
    assert!(file.len() > json.len());
    assert!(file.len() <= MAX_FILE_BYTES, "{}", file.len());
    assert_eq!(import_any(file.as_bytes()), Ok(Imported::Workspace(w)));
}

#[test]
fn overlong_links_are_refused_before_decoding() {
    let link = format!("#s1.{}", "A".repeat(MAX_LINK_CHARS * 4));
    assert_eq!(
        decode_scenario(&link),
        Err(LinkError::TooLarge(Oversize::Link {
            chars: MAX_LINK_CHARS * 4 + 3
        }))
    );
}

#[test]
fn links_with_wrong_content_name_the_path() {
    let mut v = cofund::model::to_json_value(&preset("vaekstpilot-150"));
    v["years"] = serde_json::json!("three");
    let err = decode_scenario(&pack("s1.", v.to_string().as_bytes())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the scenario in the link is not valid: years: must be a whole number, got \"three\""
    );

    let mut w = Workspace::new(all_presets(), None).to_json_value();
    w["scenarios"][1]["drivers"][0]["value"] = serde_json::json!([]);
    let err = decode_workspace(&pack("w1.", w.to_string().as_bytes())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the workspace in the link is not valid: scenarios[1].drivers[0].value: must be a number or a decimal string, got []"
    );
    // Not UTF-8 inside a correct checksum: refused as damaged.
    assert_eq!(
        decode_scenario(&pack("s1.", b"{\"name\":\"\xE6\"}")),
        Err(LinkError::Corrupt)
    );
}

// ---------------------------------------------------------------------------------------
// Files and stored documents.

#[test]
fn oversized_and_non_utf8_files_are_refused() {
    let mut big = export_file(&preset("vaekstpilot-150")).into_bytes();
    big.resize(MAX_FILE_BYTES + 1, b' ');
    let err = import_file(&big).unwrap_err();
    assert_eq!(
        err,
        ImportError::TooLarge {
            bytes: MAX_FILE_BYTES + 1
        }
    );
    assert!(err.to_string().contains("16,777,216 bytes"), "{err}");
    // The same document padded to exactly the limit is read.
    big.truncate(MAX_FILE_BYTES);
    assert_eq!(import_file(&big), Ok(preset("vaekstpilot-150")));

    let latin1 = PRESETS[0].json.replace('æ', "\u{0}").into_bytes();
    let latin1: Vec<u8> = latin1
        .into_iter()
        .map(|b| if b == 0 { 0xE6 } else { b })
        .collect();
    let err = import_file(&latin1).unwrap_err();
    assert!(
        matches!(err, ImportError::NotUtf8 { line: 3, .. }),
        "{err:?}"
    );
    assert!(err.message(Lang::Da).contains("ikke UTF-8"), "{err}");
}

#[test]
fn future_workspace_version_is_refused_everywhere() {
    let mut w = Workspace::new(all_presets(), Some(0)).to_json_value();
    w["cofund_workspace"] = 2.into();
    let text = w.to_string();
    let expected = WorkspaceError::FutureVersion { found: "2".into() };
    assert_eq!(Workspace::from_json_str(&text), Err(expected.clone()));
    assert_eq!(
        import_any(text.as_bytes()),
        Err(ImportError::InvalidWorkspace(expected.clone()))
    );
    assert_eq!(
        decode_workspace(&pack("w1.", text.as_bytes())),
        Err(LinkError::InvalidWorkspace(expected.clone()))
    );
    assert_eq!(
        expected.to_string(),
        "cofund_workspace: the workspace was saved by a newer version of Cofund (workspace format 2); this version reads format 1. Open it in the newer version"
    );
}

#[test]
fn wrong_json_types_are_refused_with_paths() {
    let base = cofund::model::to_json_value(&preset("vaekstpilot-150"));
    let cases: &[(&str, serde_json::Value, &str)] = &[
        ("years", serde_json::json!(true), "years"),
        ("drivers", serde_json::json!({}), "drivers"),
        ("costs", serde_json::json!("none"), "costs"),
        ("sources", serde_json::json!([1]), "sources[0]"),
        ("name", serde_json::json!(5), "name"),
    ];
    for (field, value, path) in cases {
        let mut v = base.clone();
        v[*field] = value.clone();
        let text = v.to_string();
        match import_file(text.as_bytes()) {
            Err(ImportError::Invalid(e)) => assert_eq!(e.path(), *path, "{field}"),
            other => panic!("{field}: {other:?}"),
        }
        match decode_scenario(&pack("s1.", text.as_bytes())) {
            Err(LinkError::Invalid(e)) => assert_eq!(e.path(), *path, "{field}"),
            other => panic!("{field}: {other:?}"),
        }
        let mut w = Workspace::new(all_presets(), None).to_json_value();
        w["scenarios"][3] = v;
        let err = Workspace::from_json_str(&w.to_string()).unwrap_err();
        assert_eq!(err.path(), format!("scenarios[3].{path}"));
    }
    for top in ["[]", "1", "\"x\"", "null"] {
        assert!(import_file(top.as_bytes()).is_err(), "{top}");
        assert!(Workspace::from_json_str(top).is_err(), "{top}");
    }
}

#[test]
fn old_autosave_is_migrated() {
    let s = preset("vaekstpilot-225");
    let old = cofund::model::to_json_string(&s);
    assert_eq!(Workspace::from_json_str(&old), Ok(Workspace::single(s)));
}

// ---------------------------------------------------------------------------------------
// CSV.

const VP_DA: &str = "\u{FEFF}Post;Beløb (kr.);Andel af samlede udgifter (%)\r\n\
Samlede udgifter;21900000;\r\n\
Støtteberettigede udgifter;21900000;\r\n\
DEB;10950000;50\r\n\
Virksomhedernes egenbetaling;7500000;34,246575342465753424657534247\r\n\
Lokal/regional medfinansiering;3450000;15,753424657534246575342465753\r\n\
Finansieret i alt;21900000;100\r\n\
Manglende finansiering;0;0\r\n\
Overfinansiering;0;0\r\n\
Udgift pr. enhed (Vækstpiloter);146000;\r\n";

const VP_EN: &str = "\u{FEFF}Item,Amount (DKK),Share of total cost (%)\r\n\
Total cost,21900000,\r\n\
Eligible cost,21900000,\r\n\
DEB,10950000,50\r\n\
Virksomhedernes egenbetaling,7500000,34.246575342465753424657534247\r\n\
Lokal/regional medfinansiering,3450000,15.753424657534246575342465753\r\n\
Funded,21900000,100\r\n\
Gap,0,0\r\n\
Surplus,0,0\r\n\
Cost per unit (Vækstpiloter),146000,\r\n";

#[test]
fn results_csv_for_vaekstpilot() {
    let s = preset("vaekstpilot-150");
    let e = evaluate(&s).expect("evaluates");
    assert_eq!(results_csv(&s, &e, Lang::Da), VP_DA);
    assert_eq!(results_csv(&s, &e, Lang::En), VP_EN);
}

/// The gap's share of total cost, as the results show it beside the gap (3.450.000 of
/// 21.900.000 with the local co-financing left out), and the surplus's, as the gap's.
#[test]
fn results_csv_gives_the_gaps_and_the_surplus_share() {
    let mut s = preset("vaekstpilot-150");
    s.sources.retain(|src| src.id != "local");
    let e = evaluate(&s).expect("evaluates");
    let da = results_csv(&s, &e, Lang::Da);
    assert!(
        da.contains("\r\nManglende finansiering;3450000;15,753424657534246575342465753\r\n"),
        "{da}"
    );
    // 1.095.000 too much: 5 % of the total cost, and 105 % funded.
    let mut s = preset("vaekstpilot-150");
    if let Some(local) = s.sources.iter_mut().find(|src| src.id == "local") {
        local.kind = cofund::model::SourceKind::Fixed {
            amount: Decimal::from(4_545_000),
        };
    }
    let e = evaluate(&s).expect("evaluates");
    let en = results_csv(&s, &e, Lang::En);
    assert!(en.contains("\r\nFunded,22995000,105\r\n"), "{en}");
    assert!(en.contains("\r\nSurplus,1095000,5\r\n"), "{en}");
}

#[test]
fn sweep_csv_for_vaekstpilot() {
    let s = preset("vaekstpilot-150");
    let rows = sweep(
        &s,
        "pilots",
        Decimal::from(150),
        Decimal::from(225),
        Decimal::from(75),
    )
    .expect("sweeps");
    assert_eq!(
        sweep_csv(&s, "pilots", &rows, Lang::Da),
        "\u{FEFF}Vækstpiloter;Samlede udgifter (kr.);DEB (kr.);Virksomhedernes egenbetaling (kr.);\
         Lokal/regional medfinansiering (kr.);Manglende finansiering (kr.);Overfinansiering (kr.);\
         Udgift pr. enhed (kr.)\r\n\
         150;21900000;10950000;7500000;3450000;0;0;146000\r\n\
         225;32850000;16425000;11250000;5175000;0;0;146000\r\n"
    );
    assert_eq!(
        sweep_csv(&s, "pilots", &rows, Lang::En),
        "\u{FEFF}Vækstpiloter,Total cost (DKK),DEB (DKK),Virksomhedernes egenbetaling (DKK),\
         Lokal/regional medfinansiering (DKK),Gap (DKK),Surplus (DKK),Cost per unit (DKK)\r\n\
         150,21900000,10950000,7500000,3450000,0,0,146000\r\n\
         225,32850000,16425000,11250000,5175000,0,0,146000\r\n"
    );
}

#[test]
fn csv_quotes_labels_and_keeps_decimals_exact() {
    let mut s = preset("vaekstpilot-150");
    s.sources[0].label = "DEB; \"50 %\", andel".into();
    s.sources[1].label = "=HYPERLINK(\"x\")".into();
    s.drivers[0].value = Decimal::new(1505, 1);
    let e = evaluate(&s).expect("evaluates");
    let da = results_csv(&s, &e, Lang::Da);
    assert!(
        da.contains("\r\n\"DEB; \"\"50 %\"\", andel\";10986500;50\r\n"),
        "{da}"
    );
    assert!(
        da.contains("\r\n\"'=HYPERLINK(\"\"x\"\")\";7525000;"),
        "{da}"
    );
    assert!(
        da.contains("Udgift pr. enhed (Vækstpiloter);146000;\r\n"),
        "{da}"
    );
    assert!(da.contains("Samlede udgifter;21973000;\r\n"), "{da}");
    let en = results_csv(&s, &e, Lang::En);
    assert!(
        en.contains("\r\n\"DEB; \"\"50 %\"\", andel\",10986500,50\r\n"),
        "{en}"
    );
    // Every line has the same number of fields once quoted fields are accounted for.
    for (text, sep) in [(&da, ';'), (&en, ',')] {
        for line in text.trim_start_matches('\u{FEFF}').split_terminator("\r\n") {
            let mut fields = 1;
            let mut quoted = false;
            for c in line.chars() {
                match c {
                    '"' => quoted = !quoted,
                    c if c == sep && !quoted => fields += 1,
                    _ => {}
                }
            }
            assert_eq!(fields, 3, "{line}");
        }
    }
    // Zero driver value: no cost per unit, an empty field.
    s.drivers[0].value = Decimal::ZERO;
    let e = evaluate(&s).expect("evaluates");
    assert!(results_csv(&s, &e, Lang::Da).ends_with("Udgift pr. enhed (Vækstpiloter);;\r\n"));
}

#[test]
fn sweep_csv_tolerates_mismatched_rows() {
    let s = preset("design-sprint");
    let rows = sweep(
        &s,
        "smes",
        Decimal::from(50),
        Decimal::from(60),
        Decimal::from(5),
    )
    .expect("sweeps");
    let mut short = rows.clone();
    short[0].sources.clear();
    short[1].sources.push(Decimal::ONE);
    let csv = sweep_csv(&s, "nope", &short, Lang::En);
    let lines: Vec<&str> = csv.split_terminator("\r\n").collect();
    assert_eq!(lines[0], "\u{FEFF}nope,Total cost (DKK),Regeringen (DKK),Syddansk Vækstforum (DKK),Gap (DKK),Surplus (DKK),Cost per unit (DKK)");
    // 50 SMEs cost 15 million; the two 5-million-a-year sources pay 30 million.
    assert_eq!(lines[1], "50,15000000,,,0,15000000,300000");
    assert_eq!(lines.len(), 4);
    assert_eq!(
        sweep_csv(&s, "smes", &[], Lang::Da).matches("\r\n").count(),
        1
    );
}

// ---------------------------------------------------------------------------------------
// A bounded, deterministic mutation fuzzer: the same entry points as the cargo-fuzz
// targets in fuzz/, on inputs derived from valid links and files, so that it runs in every
// `cargo test` (cargo-fuzz needs nightly and is run by hand).

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        // xorshift64*
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn mutate(rng: &mut Rng, seed: &[u8], alphabet: &[u8]) -> Vec<u8> {
    let mut bytes = seed.to_vec();
    for _ in 0..=rng.below(4) {
        let at = rng.below(bytes.len() + 1);
        let pick = |rng: &mut Rng| {
            if rng.below(4) == 0 {
                rng.next() as u8
            } else {
                alphabet[rng.below(alphabet.len())]
            }
        };
        match rng.below(6) {
            0 if at < bytes.len() => bytes[at] = pick(rng),
            1 => bytes.insert(at, pick(rng)),
            2 if at < bytes.len() => {
                bytes.remove(at);
            }
            3 => bytes.truncate(at),
            4 if at < bytes.len() => bytes[at] ^= 1 << rng.below(8),
            _ => {
                let from = rng.below(bytes.len() + 1);
                let len = rng.below(16).min(bytes.len() - from);
                let chunk: Vec<u8> = bytes[from..from + len].to_vec();
                bytes.splice(at..at, chunk);
            }
        }
    }
    bytes
}

#[test]
fn mutation_fuzz_finds_no_panic() {
    const ROUNDS: usize = 8_000;
    let scenarios = all_presets();
    let w = Workspace::new(scenarios.clone(), Some(1));
    let links: Vec<String> = scenarios
        .iter()
        .map(encode_scenario)
        .chain([encode_workspace(&w)])
        .collect();
    let files: Vec<String> = scenarios
        .iter()
        .map(export_file)
        .chain([w.to_json_pretty()])
        .collect();
    let b64 = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.#=+/ s1w2";
    let json = b"{}[]\":,0123456789.-e truefalsnul\\\"\xC3\xA6";
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let mut accepted = 0usize;
    for round in 0..ROUNDS {
        // Links: mutated text, and mutated JSON packed with a valid checksum.
        let seed = links[round % links.len()].as_bytes();
        let text = String::from_utf8_lossy(&mutate(&mut rng, seed, b64)).into_owned();
        accepted += usize::from(decode_scenario(&text).is_ok());
        accepted += usize::from(decode_workspace(&text).is_ok());
        let file = files[round % files.len()].as_bytes();
        let doc = mutate(&mut rng, file, json);
        let marker = if round % files.len() == files.len() - 1 {
            "w1."
        } else {
            "s1."
        };
        accepted += usize::from(decode_link(&pack_at(marker, &doc, 1)).is_ok());
        // Files: the mutated document as bytes (not necessarily UTF-8).
        accepted += usize::from(import_any(&doc).is_ok());
        accepted += usize::from(import_file(&doc).is_ok());
    }
    // Some mutations are harmless (whitespace, a changed label), most are not.
    assert!(accepted > 0 && accepted < ROUNDS * 5, "{accepted}");
}
