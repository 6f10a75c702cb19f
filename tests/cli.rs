//! The `cofund` command line, run as a user would: files, stdin, exit codes, stderr.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

fn cofund(args: &[&str], stdin: Option<&str>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cofund"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("cofund runs");
    if let Some(text) = stdin {
        child
            .stdin
            .take()
            .unwrap()
            .write_all(text.as_bytes())
            .unwrap();
    }
    drop(child.stdin.take());
    child.wait_with_output().unwrap()
}

fn stdout_json(out: &Output) -> Value {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("stdout is JSON")
}

#[test]
fn evaluate_reproduces_the_published_tables() {
    for (file, total, deb, companies, local) in [
        (
            "tests/fixtures/vaekstpilot-150.json",
            "21900000",
            "10950000",
            "7500000",
            "3450000",
        ),
        (
            "tests/fixtures/vaekstpilot-225.json",
            "32850000",
            "16425000",
            "11250000",
            "5175000",
        ),
    ] {
        let json = stdout_json(&cofund(&["evaluate", file], None));
        assert_eq!(json["total_cost"], total, "{file}");
        assert_eq!(json["sources"][0]["id"], "deb");
        assert_eq!(json["sources"][0]["amount"], deb, "{file}");
        assert_eq!(json["sources"][1]["amount"], companies, "{file}");
        assert_eq!(json["sources"][2]["amount"], local, "{file}");
        assert_eq!(json["gap"], "0");
        assert_eq!(json["surplus"], "0");
        assert_eq!(json["per_unit"]["pilots"], "146000");
    }
    let json = stdout_json(&cofund(
        &["evaluate", "tests/fixtures/design-sprint.json"],
        None,
    ));
    assert_eq!(json["total_cost"], "30000000");
    assert_eq!(json["funded"], "30000000");
    assert_eq!(json["per_unit"]["smes"], "300000");
}

#[test]
fn evaluate_reads_stdin() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/vaekstpilot-150.json"
    ))
    .unwrap();
    let json = stdout_json(&cofund(&["evaluate", "-"], Some(&text)));
    assert_eq!(json["total_cost"], "21900000");
}

#[test]
fn amounts_are_printed_as_strings_and_warnings_as_codes() {
    let doc = r#"{ "format": 1, "years": 1,
        "costs": [ { "id": "c", "kind": "fixed", "amount": 1000 } ],
        "sources": [ { "id": "deb", "kind": "share", "rate": 50, "cap": "300" } ] }"#;
    let json = stdout_json(&cofund(&["evaluate", "-"], Some(doc)));
    assert_eq!(json["sources"][0]["amount"], "300");
    assert_eq!(json["sources"][0]["share"], "30");
    assert_eq!(json["gap"], "700");
    let codes: Vec<&str> = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["capped", "gap"]);
}

#[test]
fn invalid_documents_exit_non_zero_with_the_path_on_stderr() {
    let cases = [
        (
            r#"{"format": 2, "years": 1}"#,
            "format: unknown format version",
        ),
        (
            r#"{"format": 1, "years": 0}"#,
            "years: must be at least 1, got 0",
        ),
        (
            r#"{"format": 1, "years": 1, "sources": [{"id": "deb", "kind": "share", "rate": "150"}]}"#,
            r#"sources[0].rate: must be between 0 and 100, got "150""#,
        ),
        (
            r#"{"format": 1, "years": 1, "costs": [{"id": "a", "kind": "fixed", "amount": "-1"}]}"#,
            r#"costs[0].amount: must not be negative, got "-1""#,
        ),
        (
            r#"{"format": 1, "years": 1, "costs": [{"id": "a", "kind": "per_unit", "driver": "x", "amount": "1"}]}"#,
            r#"costs[0].driver: refers to a driver that does not exist, got "x""#,
        ),
        (
            r#"{"format": 1, "years": 1, "costs": [{"id": "a", "kind": "fixed", "amount": "1"}, {"id": "a", "kind": "fixed", "amount": "1"}]}"#,
            r#"costs[1].id: duplicate id, already used by costs[0], got "a""#,
        ),
        (
            r#"{"format": 1, "years": 1, "sources": [{"id": "a", "kind": "residual"}, {"id": "b", "kind": "residual"}]}"#,
            "sources[1].kind: at most one residual source is allowed",
        ),
        (
            r#"{"format": 1, "years": 1, "costs": [{"id": "a", "kind": "fixed", "amount": "32.850.0000"}]}"#,
            r#"costs[0].amount: must be a decimal number"#,
        ),
        ("not json", "not valid JSON (line 1, column 2)"),
        (
            r#"{"format": 1, "years": 1, "drivers": [{"id": "p", "value": "100000000000000000000"}], "costs": [{"id": "a", "kind": "per_unit", "driver": "p", "amount": "1000000000000000"}]}"#,
            "costs[0].amount: the numbers are too large",
        ),
    ];
    for (doc, message) in cases {
        let out = cofund(&["evaluate", "-"], Some(doc));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{doc}: {stderr}");
        assert!(
            stderr.contains(message),
            "{doc}\nwanted: {message}\ngot:    {stderr}"
        );
        assert!(out.stdout.is_empty(), "nothing on stdout for {doc}");
    }
}

#[test]
fn missing_file_and_bad_usage_are_reported() {
    let out = cofund(&["evaluate", "no-such-file.json"], None);
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cannot read no-such-file.json"));

    for args in [
        &[][..],
        &["frobnicate"],
        &["evaluate"],
        &["sweep", "tests/fixtures/vaekstpilot-150.json"],
    ] {
        let out = cofund(args, None);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("usage: cofund"),
            "{args:?}"
        );
    }
}

#[test]
fn sweep_prints_one_csv_row_per_value() {
    let out = cofund(
        &[
            "sweep",
            "tests/fixtures/vaekstpilot-150.json",
            "--driver",
            "pilots",
            "--from",
            "150",
            "--to",
            "225",
            "--step",
            "75",
        ],
        None,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(
        text,
        "pilots,total_cost,deb,companies,local,gap,surplus\n\
         150,21900000,10950000,7500000,3450000,0,0\n\
         225,32850000,16425000,11250000,5175000,0,0\n"
    );
}

#[test]
fn sweep_refuses_bad_ranges() {
    for (args, message) in [
        (
            [
                "--driver", "nope", "--from", "1", "--to", "2", "--step", "1",
            ],
            "--driver: refers to a driver that does not exist",
        ),
        (
            [
                "--driver", "pilots", "--from", "1", "--to", "2", "--step", "0",
            ],
            "--step: must be greater than 0",
        ),
        (
            [
                "--driver", "pilots", "--from", "3", "--to", "2", "--step", "1",
            ],
            "--from: the range is empty",
        ),
        (
            [
                "--driver", "pilots", "--from", "0", "--to", "1e9", "--step", "1",
            ],
            "--to: must be a decimal number",
        ),
        (
            [
                "--driver",
                "pilots",
                "--from",
                "0",
                "--to",
                "100000000",
                "--step",
                "1",
            ],
            "--step: too many points",
        ),
    ] {
        let mut all = vec!["sweep", "tests/fixtures/vaekstpilot-150.json"];
        all.extend(args);
        let out = cofund(&all, None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stderr).contains(message),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn presets_are_listed_and_printed() {
    let out = cofund(&["presets"], None);
    assert!(out.status.success());
    let list = String::from_utf8(out.stdout).unwrap();
    assert!(
        list.starts_with("vaekstpilot-150\tNordjysk Vækstpilotordning"),
        "{list}"
    );
    let out = cofund(&["preset", "design-sprint"], None);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["format"], 1);
}

#[test]
fn link_prints_share_link_data_that_reads_back_as_the_scenario() {
    let preset = cofund::presets::Preset::find("design-sprint").unwrap();
    let out = cofund(&["link", "-"], Some(preset.json));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let link = String::from_utf8(out.stdout).unwrap();
    assert!(link.starts_with("s1."), "{link}");
    let back = cofund::storage::link::decode_scenario(link.trim()).unwrap();
    assert_eq!(back, preset.scenario().unwrap());
    let out = cofund(&["link", "-"], Some("{\"format\": 1}"));
    assert_eq!(out.status.code(), Some(1));
    assert!(!String::from_utf8_lossy(&out.stderr).is_empty());
}
