//! The `cofund` command line, run as a user would: files, stdin, exit codes, stderr.

use std::ffi::OsStr;
use std::io::Write;
use std::process::{Command, Output, Stdio};

use serde_json::Value;

/// The program with an English locale, whatever the machine running the tests has; tests
/// of the language set it themselves.
fn program() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cofund"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    command
}

/// Runs `command`, writing `stdin` (if any) from a thread: a program that stops reading
/// early (a size limit) must not leave the test blocked or failing on the write.
fn run(command: &mut Command, stdin: Option<&[u8]>) -> Output {
    let mut child = command.spawn().expect("cofund runs");
    let input = child.stdin.take().unwrap();
    let bytes = stdin.unwrap_or_default().to_vec();
    let writer = std::thread::spawn(move || {
        let mut input = input;
        let _ = input.write_all(&bytes);
    });
    let out = child.wait_with_output().unwrap();
    writer.join().unwrap();
    out
}

fn cofund(args: &[&str], stdin: Option<&str>) -> Output {
    run(program().args(args), stdin.map(str::as_bytes))
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A usage error: exit code 2, the message and the synopsis on stderr, nothing on stdout.
fn assert_usage_error(out: &Output, message: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains(message), "wanted: {message}\ngot:    {err}");
    assert!(err.contains("usage: cofund"), "{err}");
    assert!(out.stdout.is_empty());
}

/// Invalid input: exit code 1 and the message on stderr, nothing on stdout.
fn assert_refused(out: &Output, message: &str) {
    let err = stderr(out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains(message), "wanted: {message}\ngot:    {err}");
    assert!(out.stdout.is_empty());
}

/// The codes of the evaluation's warnings, in order.
fn warning_codes(json: &Value) -> Vec<&str> {
    json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap())
        .collect()
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
    assert_eq!(warning_codes(&json), ["capped", "gap"]);

    // DEB above its highest rate: calculated as written, and said.
    let doc = doc.replace("\"rate\": 50", "\"rate\": \"65.75\"");
    let json = stdout_json(&cofund(&["evaluate", "-"], Some(&doc)));
    let deb = json["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "deb_rate_above_limit")
        .expect("the DEB warning");
    assert_eq!(deb["source"], "deb");
    assert_eq!(deb["rate"], "65.75");
    assert_eq!(deb["max_rate"], "50");

    // Two DEB sources at 30 % each: no rate above 50 %, but 60 % in all, said once.
    let doc = r#"{ "format": 1, "years": 1,
        "costs": [ { "id": "c", "kind": "fixed", "amount": "1000" } ],
        "sources": [ { "id": "deb", "kind": "share", "rate": 30 },
                     { "id": "deb2", "label": "DEB, ekstra", "kind": "share", "rate": 30 } ] }"#;
    let json = stdout_json(&cofund(&["evaluate", "-"], Some(doc)));
    assert_eq!(warning_codes(&json), ["deb_above_limit", "gap"]);
    let deb = &json["warnings"][0];
    assert_eq!(deb["amount"], "600");
    assert_eq!(deb["limit"], "500");
    assert_eq!(deb["max_rate"], "50");
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
            "costs[0].amount: cannot be computed exactly",
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

/// An overflow names the field that is too large and quotes its value, as every other
/// refusal does; a text that ends too early is placed where it ends.
#[test]
fn overflows_and_truncated_files_are_placed_on_the_field_and_position() {
    let drivers = |value: &str, amount: &str| {
        format!(
            r#"{{"format": 1, "years": 1, "drivers": [{{"id": "p", "value": {value}}}], "costs": [{{"id": "a", "kind": "per_unit", "driver": "p", "amount": "{amount}"}}]}}"#
        )
    };
    for (doc, message) in [
        // The report: the huge count was blamed on the cost line, with no value.
        (
            drivers("1e28", "100000"),
            r#"cofund: <stdin>: drivers[0].value: cannot be computed exactly: the value, or a product or sum computed from it, is above about 7.9 · 10^28 or needs more than 28 digits, got "10000000000000000000000000000""#,
        ),
        // A legal amount that overflows times 150 is said with its value.
        (
            drivers("150", "7922816251426433759354395033"),
            r#"cofund: <stdin>: costs[0].amount: cannot be computed exactly: the value, or a product or sum computed from it, is above about 7.9 · 10^28 or needs more than 28 digits, got "7922816251426433759354395033""#,
        ),
        (
            "{".to_string(),
            "cofund: <stdin>: not valid JSON (line 1, column 2): the text ends too early",
        ),
        (
            "{\n  \"format\": 1,\n  \"years\": 1\n".to_string(),
            "cofund: <stdin>: not valid JSON (line 4, column 1): the text ends too early",
        ),
    ] {
        assert_refused(&cofund(&["evaluate", "-"], Some(&doc)), message);
    }
    let out = cofund(
        &["evaluate", "-", "--lang", "da"],
        Some(&drivers("1e28", "100000")),
    );
    assert_refused(
        &out,
        r#"drivers[0].value: kan ikke regnes præcist: værdien, eller et produkt eller en sum beregnet af den, er over ca. 7,9 · 10^28 eller kræver flere end 28 cifre, fik "10000000000000000000000000000""#,
    );

    // A sweep names the value of the sweep that overflowed, as the sweep's.
    let huge = "79228162514264337593543950335";
    let out = cofund(
        &[
            "sweep",
            "tests/fixtures/vaekstpilot-150.json",
            "--driver",
            "pilots",
            "--from",
            "0",
            "--to",
            huge,
            "--step",
            huge,
        ],
        None,
    );
    assert_refused(
        &out,
        &format!("cofund: --driver pilots: cannot be computed exactly: the value, or a product or sum computed from it, is above about 7.9 · 10^28 or needs more than 28 digits, got \"{huge}\""),
    );
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
        "pilots,total_cost,deb,companies,local,gap,surplus,cost_per_unit\n\
         150,21900000,10950000,7500000,3450000,0,0,146000\n\
         225,32850000,16425000,11250000,5175000,0,0,146000\n"
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
            "--step: too many points; at most 1,000,000, got 100000001\n",
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
fn a_sweep_too_large_for_a_field_of_the_file_names_the_file_and_the_sweep() {
    // 10^23 kr. per pilot evaluates on its own; a million pilots does not.
    let text = std::fs::read_to_string(VAEKSTPILOT)
        .unwrap()
        .replace("\"100000\"", "\"100000000000000000000000\"");
    let dir = std::env::temp_dir().join(format!("cofund-cli-sweep-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("big.json");
    std::fs::write(&file, text).unwrap();
    let path = file.to_str().unwrap();
    assert!(cofund(&["evaluate", path], None).status.success());
    let sweep = |lang: &str| {
        cofund(
            &[
                "--lang", lang, "sweep", path, "--driver", "pilots", "--from", "150", "--to",
                "1000000", "--step", "1000",
            ],
            None,
        )
    };
    let out = sweep("en");
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        format!(
            "cofund: {path}: costs[0].amount: cannot be computed exactly: the value, or a \
             product or sum computed from it, is above about 7.9 · 10^28 or needs more than 28 \
             digits, got \"100000000000000000000000\" (while sweeping --driver pilots)\n"
        )
    );
    assert!(stderr(&sweep("da")).ends_with("(i sweepet over --driver pilots)\n"));
    std::fs::remove_dir_all(&dir).unwrap();
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

const VAEKSTPILOT: &str = "tests/fixtures/vaekstpilot-150.json";

#[cfg(unix)]
#[test]
fn an_argument_that_is_not_utf8_is_a_usage_error() {
    use std::os::unix::ffi::OsStrExt;
    let name = OsStr::from_bytes(b"\xff.json");
    let out = run(program().arg("evaluate").arg(name), None);
    assert_usage_error(&out, "the argument \"\u{FFFD}.json\" is not UTF-8 text");
    assert!(!stderr(&out).contains("panicked"));
}

#[cfg(target_os = "linux")]
#[test]
fn every_command_reports_output_it_cannot_write() {
    let sweep = [
        "sweep",
        VAEKSTPILOT,
        "--driver",
        "pilots",
        "--from",
        "150",
        "--to",
        "151",
        "--step",
        "1",
    ];
    for args in [
        &["evaluate", VAEKSTPILOT][..],
        &sweep,
        &["presets"],
        &["preset", "design-sprint"],
        &["link", VAEKSTPILOT],
        &["--help"],
        &["--version"],
        &["evaluate", "--help"],
    ] {
        let full = std::fs::File::options()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let out = run(program().args(args).stdout(full), None);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert_eq!(
            stderr(&out),
            "cofund: cannot write output: no space left on device\n",
            "{args:?}"
        );
    }
    let full = std::fs::File::options()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = run(
        program().args(["--lang", "da", "presets"]).stdout(full),
        None,
    );
    assert_eq!(
        stderr(&out),
        "cofund: kan ikke skrive output: disken er fuld\n"
    );
}

#[test]
fn a_reader_that_stops_early_ends_the_run_quietly() {
    // The reader is gone before anything is written: the program waits for its input
    // until the pipe is closed.
    let mut child = program().args(["evaluate", "-"]).spawn().unwrap();
    drop(child.stdout.take());
    let text = std::fs::read(VAEKSTPILOT).unwrap();
    child.stdin.take().unwrap().write_all(&text).unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");

    // More output than a pipe holds (about 1 MB), so the write fails whenever the reader goes.
    let mut child = program()
        .args([
            "sweep",
            VAEKSTPILOT,
            "--driver",
            "pilots",
            "--from",
            "0",
            "--to",
            "20000",
            "--step",
            "1",
        ])
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "");
}

#[test]
fn link_refuses_a_link_the_app_could_not_open() {
    use cofund::storage::link::{encode_scenario, MAX_LINK_CHARS};
    let doc = cofund::model::to_json_string(&cofund::presets::incompressible(3000));
    assert!(doc.len() < cofund::storage::MAX_FILE_BYTES);
    let scenario = cofund::model::from_json_str(&doc).unwrap();
    let too_long = encode_scenario(&scenario).len();
    assert!(too_long > MAX_LINK_CHARS);

    let out = cofund(&["link", "-"], Some(&doc));
    let group = |n: usize| cofund::numbers::format_number(n.into(), 0, cofund::numbers::Lang::En);
    assert_refused(
        &out,
        &format!(
            "cofund: <stdin>: the link is too long: {} characters; at most {} can be read; \
             share the scenario file instead; the app can import it\n",
            group(too_long),
            group(MAX_LINK_CHARS)
        ),
    );
    let out = cofund(&["--lang", "da", "link", "-"], Some(&doc));
    assert_refused(&out, "del scenariefilen i stedet");
}

#[test]
fn files_are_read_as_the_app_imports_them() {
    use cofund::presets::{Preset, PRESETS};
    use cofund::storage::workspace::Workspace;
    let preset = Preset::find("design-sprint").unwrap().json;

    let mut with_bom = b"\xEF\xBB\xBF".to_vec();
    with_bom.extend_from_slice(preset.as_bytes());
    let json = stdout_json(&run(program().args(["evaluate", "-"]), Some(&with_bom)));
    assert_eq!(json["total_cost"], "30000000");

    let workspace = Workspace::new(
        PRESETS.iter().map(|p| p.scenario().unwrap()).collect(),
        Some(0),
    );
    let file = cofund::storage::export_workspace_file(&workspace);
    assert_refused(
        &cofund(&["evaluate", "-"], Some(&file)),
        "cofund: <stdin>: the file is a workspace of 5 scenarios, not a single scenario; export the one you want on its own\n",
    );

    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(preset.encode_utf16().flat_map(u16::to_le_bytes));
    let out = run(program().args(["evaluate", "-"]), Some(&utf16));
    assert_refused(&out, "the file is saved as UTF-16; save it as UTF-8");

    let latin1 = b"{\"format\": 1, \"years\": 1, \"name\": \"K\xF8ge\"}";
    let out = run(program().args(["evaluate", "-"]), Some(latin1));
    assert_refused(
        &out,
        "the file is not UTF-8 text (invalid byte at offset 36, line 1, column 37)",
    );
}

#[test]
fn input_is_read_up_to_the_apps_size_limit() {
    let big = vec![b' '; cofund::storage::MAX_FILE_BYTES + 10];
    let path = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-big.json");
    std::fs::write(&path, &big).unwrap();
    let out = cofund(&["evaluate", path.to_str().unwrap()], None);
    assert_refused(
        &out,
        "the file is too large: 16,777,226 bytes; at most 16,777,216 bytes (16 MiB) can be imported",
    );
    let out = run(program().args(["evaluate", "-"]), Some(&big));
    assert_refused(
        &out,
        "cofund: <stdin>: too large: more than 16,777,216 bytes; \
         a scenario file has at most 16,777,216 bytes (16 MiB)\n",
    );
}

/// A stream without end is refused once past the limit, not read forever.
#[cfg(unix)]
#[test]
fn an_endless_stream_is_refused() {
    let mut child = program().args(["evaluate", "/dev/zero"]).spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() {
        if std::time::Instant::now() > deadline {
            child.kill().unwrap();
            panic!("cofund evaluate /dev/zero still reading after a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_refused(
        &child.wait_with_output().unwrap(),
        "/dev/zero: too large: more than 16,777,216 bytes",
    );
}

#[test]
fn messages_quote_values_as_the_library_does_and_io_errors_in_words() {
    let out = cofund(&["x\u{200b}y"], None);
    assert_usage_error(
        &out,
        "unknown command \"x\u{200b}y\"; the commands are evaluate",
    );
    let out = cofund(
        &[
            "sweep",
            VAEKSTPILOT,
            "--driver",
            "p\u{200b}",
            "--from",
            "1",
            "--to",
            "2",
            "--step",
            "1",
        ],
        None,
    );
    assert_refused(&out, "does not exist, got \"p\u{200b}\";");
    let out = cofund(&["preset", "x\"y"], None);
    assert_refused(
        &out,
        "no preset named \"x\\\"y\"; the presets: vaekstpilot-150",
    );

    let out = cofund(&["evaluate", "no-such-file.json"], None);
    assert_refused(
        &out,
        "cofund: cannot read no-such-file.json: no such file\n",
    );
    #[cfg(unix)]
    assert_refused(
        &cofund(&["evaluate", "src"], None),
        "cofund: cannot read src: is a directory\n",
    );
    let out = cofund(&["--lang", "da", "evaluate", "no-such-file.json"], None);
    assert_refused(
        &out,
        "cofund: kan ikke læse no-such-file.json: filen findes ikke\n",
    );
}

#[test]
fn an_unknown_driver_is_answered_with_the_drivers_there_are() {
    let sweep = |file: &str, stdin| {
        cofund(
            &[
                "sweep", file, "--driver", "nope", "--from", "1", "--to", "2", "--step", "1",
            ],
            stdin,
        )
    };
    assert_refused(
        &sweep(VAEKSTPILOT, None),
        "cofund: --driver: refers to a driver that does not exist, got \"nope\"; \
         the scenario's drivers: pilots\n",
    );
    assert_refused(
        &sweep("-", Some(r#"{"format": 1, "years": 1}"#)),
        "got \"nope\"; the scenario has no drivers\n",
    );
}

#[test]
fn extra_and_misplaced_arguments_are_usage_errors() {
    for (args, message) in [
        (
            &["presets", "extra"][..],
            "presets takes no arguments, got \"extra\"",
        ),
        (
            &["--version", "extra"],
            "--version takes no arguments, got \"extra\"",
        ),
        (
            &["evaluate", ""],
            "the file name is empty; give a file name, or - for standard input",
        ),
        (
            &["link", "a.json", "b.json"],
            "link takes one FILE; \"b.json\" is one too many",
        ),
        (
            &["evaluate", "--verbose", "a.json"],
            "evaluate has no option \"--verbose\"",
        ),
        (&["preset"], "preset needs a KEY"),
        (&["help", "frobnicate"], "unknown command \"frobnicate\""),
        (
            &[
                "sweep",
                VAEKSTPILOT,
                "--driver",
                "pilots",
                "--from",
                "1",
                "--to",
                "2",
                "--step",
                "1",
                "--step",
                "2",
            ],
            "--step is given twice; give it once",
        ),
        (
            &["sweep", VAEKSTPILOT, "--driver"],
            "--driver needs a value",
        ),
        (&["sweep", "", "--driver", "x"], "the file name is empty"),
        (
            &["--lang", "fr", "presets"],
            "--lang must be da or en, got \"fr\"",
        ),
        (
            &["--lang", "en", "--lang", "da", "presets"],
            "--lang is given twice",
        ),
    ] {
        assert_usage_error(&cofund(args, None), message);
    }
    for args in [
        &["evaluate", "--help"][..],
        &["sweep", "-h"],
        &["help", "sweep"],
    ] {
        let out = cofund(args, None);
        assert!(out.status.success(), "{args:?}");
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("usage: cofund evaluate"));
    }
    // Options in either form and order; `-` is standard input, not an option.
    let text = std::fs::read_to_string(VAEKSTPILOT).unwrap();
    let out = cofund(
        &[
            "sweep", "--to=151", "--from", "150", "-", "--step=1", "--driver", "pilots",
        ],
        Some(&text),
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout).lines().count(),
        3,
        "{}",
        stderr(&out)
    );
}

#[test]
fn messages_and_help_in_danish() {
    let doc =
        r#"{"format": 1, "years": 1, "sources": [{"id": "deb", "kind": "share", "rate": "150"}]}"#;
    let danish = "<stdin>: sources[0].rate: skal være mellem 0 og 100, fik \"150\"";
    let english = "<stdin>: sources[0].rate: must be between 0 and 100, got \"150\"";
    let with_env = |vars: &[(&str, &str)], args: &[&str]| {
        let mut command = program();
        command.args(args);
        for (name, value) in vars {
            command.env(name, value);
        }
        run(&mut command, Some(doc.as_bytes()))
    };
    let evaluate = ["evaluate", "-"];
    assert_refused(&with_env(&[], &["--lang", "da", "evaluate", "-"]), danish);
    assert_refused(&with_env(&[], &["evaluate", "-", "--lang=da"]), danish);
    assert_refused(&with_env(&[("LANG", "da_DK.UTF-8")], &evaluate), danish);
    assert_refused(
        &with_env(&[("LC_MESSAGES", "da_DK.UTF-8")], &evaluate),
        danish,
    );
    assert_refused(
        &with_env(
            &[("LC_ALL", "en_GB.UTF-8"), ("LANG", "da_DK.UTF-8")],
            &evaluate,
        ),
        english,
    );
    assert_refused(
        &with_env(
            &[("LANG", "da_DK.UTF-8")],
            &["--lang", "en", "evaluate", "-"],
        ),
        english,
    );

    let out = with_env(&[("LANG", "da_DK.UTF-8")], &["frobnicate"]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        err.starts_with("cofund: ukendt kommando \"frobnicate\""),
        "{err}"
    );
    assert!(err.contains("brug: cofund evaluate FIL|-"), "{err}");

    let out = cofund(&["--lang", "da", "--help"], None);
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.starts_with("brug: cofund evaluate FIL|-"), "{help}");
    assert!(
        help.contains("--lang da|en    sprog for meddelelser og hjælp"),
        "{help}"
    );
    let help = String::from_utf8(cofund(&["--help"], None).stdout).unwrap();
    assert!(help.contains("LC_ALL"), "{help}");
}

#[test]
fn sweep_prints_each_column_with_one_number_of_decimals() {
    let out = cofund(
        &[
            "sweep",
            VAEKSTPILOT,
            "--driver",
            "pilots",
            "--from",
            "150",
            "--to",
            "151",
            "--step",
            "0.25",
        ],
        None,
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "pilots,total_cost,deb,companies,local,gap,surplus,cost_per_unit\n\
         150.00,21900000,10950000,7500000,3450000,0,0,146000\n\
         150.25,21936500,10968250,7512500,3455750,0,0,146000\n\
         150.50,21973000,10986500,7525000,3461500,0,0,146000\n\
         150.75,22009500,11004750,7537500,3467250,0,0,146000\n\
         151.00,22046000,11023000,7550000,3473000,0,0,146000\n"
    );
}

/// `--help` anywhere after a command asks for help, even with the command half written.
#[test]
fn help_after_a_command_and_its_arguments() {
    for args in [
        &["sweep", "--help"][..],
        &["sweep", VAEKSTPILOT, "--driver", "pilots", "--help"],
        &["evaluate", "--help", "x"],
        &["--help", "evaluate"],
    ] {
        let out = cofund(args, None);
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("cofund sweep"),
            "{args:?}"
        );
    }
}
