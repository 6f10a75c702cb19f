//! `cofund`: the calculation core on the command line, for analysts and benchmarks.
//!
//! ```text
//! cofund evaluate FILE|-                                       results as JSON on stdout
//! cofund sweep FILE|- --driver ID --from A --to B --step S     one CSV row per driver value
//! cofund presets                                               list the built-in scenarios
//! cofund preset KEY                                            print a built-in scenario file
//! cofund link FILE|-                                           the scenario's share link data (s1.…)
//! ```
//! `--lang da|en` anywhere chooses the language of messages and help; without it the
//! locale does (`LC_ALL`, `LC_MESSAGES`, `LANG`). Invalid input or failed output: the
//! message (naming the field path and value) on stderr, exit code 1. Wrong usage: exit
//! code 2. A reader that stops early (`| head`) ends the program quietly.
//!
//! Files are read as the app imports them ([`cofund::storage::import_file`]), and output
//! goes through one buffered writer whose errors are judged in one place
//! ([`output::to_stdout`]).

mod args;
mod input;
mod output;

use std::io::Write;
use std::process::ExitCode;

use cofund::model::error::{quote, Problem};
use cofund::model::{evaluation_to_json, sweep, Scenario, ScenarioError};
use cofund::numbers::Lang;
use cofund::presets::{Preset, PRESETS};
use cofund::storage::{encode_scenario_within_limits, sweep_csv_plain};

use args::{Command, SweepArgs};
use input::{display_name, read_scenario};
use output::{pick, Failure};

fn main() -> ExitCode {
    let (lang, command) = args::parse(std::env::args_os().skip(1).collect());
    let result = command.and_then(|command| output::to_stdout(|out| run(command, lang, out)));
    output::exit(result, lang)
}

fn run(command: Command, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    match command {
        Command::Evaluate { file } => evaluate(&file, lang, out),
        Command::Sweep(sweep) => run_sweep(&sweep, lang, out),
        Command::Presets => {
            for p in PRESETS {
                let name = p.scenario().map(|s| s.name).unwrap_or_default();
                writeln!(out, "{}\t{name}", p.key)?;
            }
            Ok(())
        }
        Command::Preset { key } => {
            let preset = Preset::find(&key).ok_or_else(|| no_preset(&key, lang))?;
            Ok(out.write_all(preset.json.as_bytes())?)
        }
        Command::Link { file } => link(&file, lang, out),
        Command::Help => Ok(out.write_all(args::help(lang).as_bytes())?),
        Command::Version => Ok(writeln!(out, "cofund {}", env!("CARGO_PKG_VERSION"))?),
    }
}

fn evaluate(file: &str, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let scenario = read_scenario(file, lang)?;
    let evaluation = cofund::evaluate(&scenario).map_err(|e| invalid(file, &e, lang))?;
    let json = evaluation_to_json(&scenario, &evaluation);
    let text = serde_json::to_string_pretty(&json).map_err(|e| Failure::Input(e.to_string()))?;
    Ok(writeln!(out, "{text}")?)
}

fn run_sweep(args: &SweepArgs, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let scenario = read_scenario(&args.file, lang)?;
    let rows = sweep(&scenario, &args.driver, args.from, args.to, args.step)
        .map_err(|e| sweep_failure(&e, &args.file, &scenario, &args.driver, lang))?;
    Ok(out.write_all(sweep_csv_plain(&scenario, &args.driver, &rows).as_bytes())?)
}

/// An unknown `--driver` also names the drivers there are: the id was typed on the
/// command line, away from the file that has them. A value of the sweep that is too large
/// to compute with is named as the sweep's (`--driver pilots: …, got "…"`), not as the
/// driver's value in the file, which is not what was computed with.
fn sweep_failure(
    e: &ScenarioError,
    file: &str,
    scenario: &Scenario,
    driver: &str,
    lang: Lang,
) -> Failure {
    let mut message = e.message(lang);
    let swept = scenario
        .drivers
        .iter()
        .position(|d| d.id == driver)
        .map(|i| format!("drivers[{i}].value"));
    if swept.as_deref() == Some(e.path()) {
        if let Some(rest) = message.strip_prefix(e.path()) {
            message = format!("--driver {driver}{rest}");
        }
    } else if !e.path().starts_with("--") {
        // A field of the file (a cost line's amount times a swept count too large to
        // compute with): named by its file, as `evaluate` names it, and by the sweep that
        // reached it, since the file alone evaluates.
        let during = pick(lang, "i sweepet over --driver", "while sweeping --driver");
        message = format!("{}: {message} ({during} {driver})", display_name(file));
    }
    if e.path() == "--driver" && matches!(e.problem(), Problem::UnknownDriver) {
        let ids: Vec<&str> = scenario.drivers.iter().map(|d| d.id.as_str()).collect();
        if ids.is_empty() {
            message += &pick(
                lang,
                "; scenariet har ingen enheder",
                "; the scenario has no drivers",
            );
        } else {
            let these = pick(lang, "scenariets enheder", "the scenario's drivers");
            message += &format!("; {these}: {}", ids.join(", "));
        }
    }
    Failure::Input(message)
}

/// Refuses a link the app could not open, pointing to the file instead.
fn link(file: &str, lang: Lang, out: &mut dyn Write) -> Result<(), Failure> {
    let scenario = read_scenario(file, lang)?;
    let link = encode_scenario_within_limits(&scenario).map_err(|e| {
        let instead = pick(
            lang,
            "del scenariefilen i stedet; appen kan importere den",
            "share the scenario file instead; the app can import it",
        );
        Failure::Input(format!(
            "{}: {}; {instead}",
            display_name(file),
            e.message(lang)
        ))
    })?;
    Ok(writeln!(out, "{link}")?)
}

fn no_preset(key: &str, lang: Lang) -> Failure {
    let keys: Vec<&str> = PRESETS.iter().map(|p| p.key).collect();
    let keys = keys.join(", ");
    Failure::Input(match lang {
        Lang::Da => format!(
            "der er ingen skabelon ved navn {}; skabelonerne: {keys}",
            quote(key)
        ),
        Lang::En => format!("no preset named {}; the presets: {keys}", quote(key)),
    })
}

/// A refusal found after reading, named by its file as reading errors are.
fn invalid(file: &str, e: &ScenarioError, lang: Lang) -> Failure {
    Failure::Input(format!("{}: {}", display_name(file), e.message(lang)))
}
