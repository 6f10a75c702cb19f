//! The messages an iframe widget and its host page exchange through `postMessage`. Reading
//! and writing them is pure, so every case is tested natively; `bridge.rs` only moves them.
//!
//! Host → widget (from an origin in the widget's `origins` list, else ignored):
//!   `{"type": "cofund:set-driver", "id": "pilots", "value": "225"}` (a number works too)
//!   `{"type": "cofund:set-scenario", "scenario": { …a scenario file… }}`
//!   `{"type": "cofund:get-result"}`
//! Widget → host:
//!   `{"type": "cofund:height", "height": 812}` after every change of its height
//!   `{"type": "cofund:result", "current": true, "result": { …as `cofund evaluate` prints… }}`
//!   `{"type": "cofund:error", "message": "…"}` when a command could not be carried out
//! Amounts in results are exact decimal strings, never floating point.

use cofund::model::error::Problem;
use cofund::model::read::parse_decimal;
use cofund::model::{evaluation_to_json, from_json_value, Evaluation, Scenario};
use cofund::numbers::Lang;
use cofund::Decimal;
use serde_json::{json, Value};

use crate::i18n::quoted;

pub const SET_DRIVER: &str = "cofund:set-driver";
pub const SET_SCENARIO: &str = "cofund:set-scenario";
pub const GET_RESULT: &str = "cofund:get-result";

/// A command from the host page.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    SetDriver { id: String, value: Decimal },
    SetScenario(Box<Scenario>),
    GetResult,
}

/// Reads a host message (already turned into JSON text). `Ok(None)` for messages that are
/// not Cofund commands at all (other scripts on the page post messages too): those are
/// ignored without an answer. `Err` carries the message for a `cofund:error` reply.
pub fn read_command(text: &str, lang: Lang) -> Result<Option<Command>, String> {
    let Ok(value) = serde_json::from_str::<Value>(text) else {
        return Ok(None);
    };
    let Some(kind) = value.get("type").and_then(Value::as_str) else {
        return Ok(None);
    };
    let da = lang == Lang::Da;
    match kind {
        SET_DRIVER => {
            let id = value.get("id").and_then(Value::as_str).ok_or_else(|| {
                if da {
                    "cofund:set-driver mangler »id« (enhedens id, fx \"pilots\").".to_string()
                } else {
                    "cofund:set-driver needs “id” (the unit's id, e.g. \"pilots\").".to_string()
                }
            })?;
            // Read as a scenario file's values are (`parse_decimal`): a JSON number arrives
            // as its text (serde_json's arbitrary_precision), so `225.5` is exact like the
            // string "225.5", and digits beyond what a Decimal holds are refused, never
            // rounded away.
            // No value (or NaN and ±Infinity, which JSON turns into null) is said as missing,
            // not as an empty text that is no number.
            let (given, text) = match value.get("value") {
                None | Some(Value::Null) => return Err(match lang {
                    Lang::Da => {
                        "cofund:set-driver mangler »value«, et endeligt tal ≥ 0 (fx 225 eller \"225.5\"); den var udeladt, null, NaN eller uendelig."
                            .to_string()
                    }
                    Lang::En => {
                        "cofund:set-driver needs “value”, a finite number ≥ 0 (e.g. 225 or \"225.5\"); it was missing, null, NaN or infinite."
                            .to_string()
                    }
                }),
                Some(Value::String(s)) => (Value::String(s.trim().into()), s.trim().to_string()),
                Some(number @ Value::Number(n)) => (number.clone(), n.to_string()),
                // true, a list, an object: said as what they are (not serialised, which would
                // bring serde_json's serialiser into the widget).
                Some(Value::Bool(b)) => (Value::Null, b.to_string()),
                Some(Value::Array(_)) => (Value::Null, "[…]".to_string()),
                Some(_) => (Value::Null, "{…}".to_string()),
            };
            let read = parse_decimal(&given, "value");
            // Digits that do not fit are a number all the same: say so, not that there is
            // no number.
            let unfit = read
                .as_ref()
                .err()
                .map(|e| e.problem().clone())
                .filter(|p| matches!(p, Problem::Overflow | Problem::TooPrecise));
            let number = read.ok().filter(|v| !v.is_sign_negative());
            let quoted = quoted(&text, lang);
            match (number, unfit) {
                (Some(value), _) => Ok(Some(Command::SetDriver {
                    id: id.to_string(),
                    value,
                })),
                (None, Some(problem)) => Err(format!(
                    "cofund:set-driver: {quoted}: {}.",
                    problem.describe(lang)
                )),
                (None, None) => Err(match lang {
                    Lang::Da => format!(
                        "cofund:set-driver: {quoted} er ikke et tal ≥ 0; skriv fx 225 eller \"225.5\"."
                    ),
                    Lang::En => format!(
                        "cofund:set-driver: {quoted} is not a number ≥ 0; send e.g. 225 or \"225.5\"."
                    ),
                }),
            }
        }
        SET_SCENARIO => {
            let scenario = value.get("scenario").unwrap_or(&Value::Null);
            from_json_value(scenario)
                .map(|s| Some(Command::SetScenario(Box::new(s))))
                .map_err(|e| format!("cofund:set-scenario: {}", e.message(lang)))
        }
        GET_RESULT => Ok(Some(Command::GetResult)),
        // A newer host may send commands this widget does not know: say so.
        other if other.starts_with("cofund:") => Err(if da {
            format!("Ukendt kommando »{other}«.")
        } else {
            format!("Unknown command “{other}”.")
        }),
        _ => Ok(None),
    }
}

// Outgoing messages are `Value`s, turned into JavaScript objects by `bridge.rs` without
// passing through JSON text: that keeps serde_json's serialiser out of the widget.

pub fn height_message(height: u32) -> Value {
    json!({ "type": "cofund:height", "height": height })
}

pub fn result_message(s: &Scenario, e: &Evaluation, current: bool) -> Value {
    json!({
        "type": "cofund:result",
        "current": current,
        "result": evaluation_to_json(s, e),
    })
}

pub fn error_message(message: &str) -> Value {
    json!({ "type": "cofund:error", "message": message })
}

#[cfg(test)]
mod tests {
    use super::*;
    use cofund::model::evaluate;
    use cofund::presets::Preset;

    #[test]
    fn set_driver_takes_numbers_and_strings_exactly() {
        let cmd = read_command(
            r#"{"type":"cofund:set-driver","id":"pilots","value":225}"#,
            Lang::Da,
        );
        assert_eq!(
            cmd,
            Ok(Some(Command::SetDriver {
                id: "pilots".into(),
                value: Decimal::from(225)
            }))
        );
        let cmd = read_command(
            r#"{"type":"cofund:set-driver","id":"pilots","value":"0.1"}"#,
            Lang::En,
        );
        assert_eq!(
            cmd,
            Ok(Some(Command::SetDriver {
                id: "pilots".into(),
                value: Decimal::new(1, 1)
            }))
        );
    }

    #[test]
    fn bad_commands_are_answered_in_words() {
        let err = read_command(
            r#"{"type":"cofund:set-driver","id":"pilots","value":"-3"}"#,
            Lang::Da,
        )
        .unwrap_err();
        assert!(err.contains("»-3« er ikke et tal ≥ 0"), "{err}");
        // 32 digits: a number, too large to compute with exactly; and 29 after the point.
        let err = read_command(
            r#"{"type":"cofund:set-driver","id":"pilots","value":99999999999999999999999999999999}"#,
            Lang::En,
        )
        .unwrap_err();
        assert!(err.contains("cannot be computed exactly"), "{err}");
        let err = read_command(
            r#"{"type":"cofund:set-driver","id":"pilots","value":"0.00000000000000000000000000001"}"#,
            Lang::Da,
        )
        .unwrap_err();
        assert!(
            err.contains("har flere cifre, end der kan regnes præcist med"),
            "{err}"
        );
        let err = read_command(r#"{"type":"cofund:set-driver","value":3}"#, Lang::En).unwrap_err();
        assert!(err.contains("needs “id”"), "{err}");
        // No value, or null (as JSON sends NaN): missing, not an empty text.
        for command in [
            r#"{"type":"cofund:set-driver","id":"pilots"}"#,
            r#"{"type":"cofund:set-driver","id":"pilots","value":null}"#,
        ] {
            let err = read_command(command, Lang::Da).unwrap_err();
            assert_eq!(
                err,
                "cofund:set-driver mangler »value«, et endeligt tal ≥ 0 (fx 225 eller \"225.5\"); \
                 den var udeladt, null, NaN eller uendelig."
            );
        }
        let err = read_command(
            r#"{"type":"cofund:set-driver","id":"pilots","value":true}"#,
            Lang::En,
        )
        .unwrap_err();
        assert!(err.contains("“true” is not a number ≥ 0"), "{err}");
        let err = read_command(
            r#"{"type":"cofund:set-scenario","scenario":{"name":"x"}}"#,
            Lang::En,
        )
        .unwrap_err();
        assert!(err.starts_with("cofund:set-scenario: "), "{err}");
        let err = read_command(r#"{"type":"cofund:explode"}"#, Lang::En).unwrap_err();
        assert_eq!(err, "Unknown command “cofund:explode”.");
    }

    #[test]
    fn other_scripts_messages_are_ignored_silently() {
        for text in [
            "not json",
            "42",
            r#"{"hello":1}"#,
            r#"{"type":"webpackOk"}"#,
            r#"{"type":7}"#,
        ] {
            assert_eq!(read_command(text, Lang::Da), Ok(None), "{text}");
        }
    }

    #[test]
    fn a_scenario_file_can_be_set_and_results_are_exact_strings() {
        let preset = Preset::find("vaekstpilot-150").expect("preset");
        let scenario = preset.scenario().expect("valid preset");
        let text = json!({
            "type": "cofund:set-scenario",
            "scenario": cofund::model::to_json_value(&scenario),
        })
        .to_string();
        let Ok(Some(Command::SetScenario(read))) = read_command(&text, Lang::Da) else {
            panic!("not read");
        };
        assert_eq!(*read, scenario);
        let e = evaluate(&scenario).expect("evaluates");
        let message = result_message(&scenario, &e, false);
        assert_eq!(message["type"], "cofund:result");
        assert_eq!(message["current"], false);
        assert_eq!(
            message["result"]["total_cost"].as_str(),
            Some(e.total_cost.to_string().as_str())
        );
        assert_eq!(
            height_message(812),
            json!({"type": "cofund:height", "height": 812})
        );
        assert_eq!(
            error_message("x"),
            json!({"type": "cofund:error", "message": "x"})
        );
    }
}
