//! `cofund`: the calculation core on the command line, for analysts and benchmarks.
//!
//! ```text
//! cofund evaluate FILE|-                                       results as JSON on stdout
//! cofund sweep FILE|- --driver ID --from A --to B --step S     one CSV row per driver value
//! cofund presets                                               list the built-in scenarios
//! cofund preset KEY                                            print a built-in scenario file
//! cofund link FILE|-                                           the scenario's share link data (s1.…)
//! ```
//! Invalid input: the message (naming the field path and value) on stderr, exit code 1.
//! Wrong usage: exit code 2.

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use cofund::model::{evaluation_to_json, from_json_str, read::parse_decimal, sweep, Scenario};
use cofund::presets::{Preset, PRESETS};
use cofund::Decimal;

const USAGE: &str = "\
usage: cofund evaluate FILE|-
       cofund sweep FILE|- --driver ID --from A --to B --step S
       cofund presets
       cofund preset KEY
       cofund link FILE|-

`link` prints the share-link data of a scenario (s1.…), for an embed's `scenario` option
or after `#` in the app's address.

FILE is a scenario file (format 1 JSON); '-' reads it from standard input.
Numbers on the command line use '.' as decimal mark and no thousands separators.";

/// What went wrong, and so which exit code to use.
enum Failure {
    Usage(String),
    Input(String),
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::Input(message)) => {
            eprintln!("cofund: {message}");
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            eprintln!("cofund: {message}\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), Failure> {
    let Some((command, rest)) = args.split_first() else {
        return Err(Failure::Usage("missing command".into()));
    };
    match command.as_str() {
        "evaluate" => {
            let [file] = rest else {
                return Err(Failure::Usage(
                    "evaluate takes exactly one FILE (or -)".into(),
                ));
            };
            let scenario = load(file)?;
            let evaluation =
                cofund::evaluate(&scenario).map_err(|e| Failure::Input(e.to_string()))?;
            let json = evaluation_to_json(&scenario, &evaluation);
            let text =
                serde_json::to_string_pretty(&json).map_err(|e| Failure::Input(e.to_string()))?;
            println!("{text}");
            Ok(())
        }
        "sweep" => run_sweep(rest),
        "presets" => {
            for p in PRESETS {
                let name = p.scenario().map(|s| s.name).unwrap_or_default();
                println!("{}\t{name}", p.key);
            }
            Ok(())
        }
        "preset" => {
            let [key] = rest else {
                return Err(Failure::Usage("preset takes exactly one KEY".into()));
            };
            let preset = Preset::find(key).ok_or_else(|| {
                Failure::Input(format!("no preset named {key:?}; see `cofund presets`"))
            })?;
            print!("{}", preset.json);
            Ok(())
        }
        "link" => {
            let [file] = rest else {
                return Err(Failure::Usage("link takes exactly one FILE (or -)".into()));
            };
            println!("{}", cofund::storage::link::encode_scenario(&load(file)?));
            Ok(())
        }
        "-h" | "--help" | "help" => {
            println!("{USAGE}");
            Ok(())
        }
        "-V" | "--version" => {
            println!("cofund {}", env!("CARGO_PKG_VERSION"));
            Ok(())
        }
        other => Err(Failure::Usage(format!("unknown command {other:?}"))),
    }
}

fn run_sweep(args: &[String]) -> Result<(), Failure> {
    let mut file = None;
    let (mut driver, mut from, mut to, mut step) = (None, None, None, None);
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        let slot = match arg.as_str() {
            "--driver" => &mut driver,
            "--from" => &mut from,
            "--to" => &mut to,
            "--step" => &mut step,
            flag if flag.starts_with("--") => {
                return Err(Failure::Usage(format!("unknown option {flag:?}")))
            }
            _ if file.is_none() => {
                file = Some(arg.clone());
                continue;
            }
            extra => return Err(Failure::Usage(format!("unexpected argument {extra:?}"))),
        };
        let value = it
            .next()
            .ok_or_else(|| Failure::Usage(format!("{arg} needs a value")))?;
        *slot = Some(value.clone());
    }
    let file = file.ok_or_else(|| Failure::Usage("sweep needs a FILE (or -)".into()))?;
    let need = |v: Option<String>, name: &str| {
        v.ok_or_else(|| Failure::Usage(format!("sweep needs {name}")))
    };
    let driver = need(driver, "--driver ID")?;
    let number = |v: Option<String>, name: &str| -> Result<Decimal, Failure> {
        let text = need(v, &format!("{name} NUMBER"))?;
        parse_decimal(&serde_json::Value::String(text), name)
            .map_err(|e| Failure::Input(e.to_string()))
    };
    let (from, to, step) = (
        number(from, "--from")?,
        number(to, "--to")?,
        number(step, "--step")?,
    );

    let scenario = load(&file)?;
    let rows =
        sweep(&scenario, &driver, from, to, step).map_err(|e| Failure::Input(e.to_string()))?;

    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let write_err = |e: io::Error| Failure::Input(format!("cannot write output: {e}"));
    let mut header = vec![csv_field(&driver), "total_cost".to_string()];
    header.extend(scenario.sources.iter().map(|s| csv_field(&s.id)));
    header.extend(["gap".to_string(), "surplus".to_string()]);
    writeln!(out, "{}", header.join(",")).map_err(write_err)?;
    for row in rows {
        write!(out, "{},{}", row.value, row.total_cost).map_err(write_err)?;
        for amount in &row.sources {
            write!(out, ",{amount}").map_err(write_err)?;
        }
        writeln!(out, ",{},{}", row.gap, row.surplus).map_err(write_err)?;
    }
    out.flush().map_err(write_err)
}

/// Quotes a CSV header field when it contains a separator, quote or line break (RFC 4180).
fn csv_field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

/// Reads and validates a scenario from a file, or from stdin for `-`.
fn load(file: &str) -> Result<Scenario, Failure> {
    let text = if file == "-" {
        let mut text = String::new();
        io::stdin()
            .read_to_string(&mut text)
            .map_err(|e| Failure::Input(format!("cannot read standard input: {e}")))?;
        text
    } else {
        std::fs::read_to_string(file)
            .map_err(|e| Failure::Input(format!("cannot read {file}: {e}")))?
    };
    from_json_str(&text).map_err(|e| {
        let name = if file == "-" { "<stdin>" } else { file };
        Failure::Input(format!("{name}: {e}"))
    })
}
