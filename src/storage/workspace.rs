//! A workspace: several scenarios kept together (the widget's autosave, a workspace file,
//! a `w1.` share link), optionally with one of them marked as the baseline that the
//! others are compared with.
//!
//! # Document format, version 1
//!
//! ```json
//! { "cofund_workspace": 1, "scenarios": [ <format 1 scenario>, … ], "baseline": 0 }
//! ```
//!
//! * `cofund_workspace` — the version of this format, `1`. A higher number is refused with
//!   [`WorkspaceError::FutureVersion`] (the document comes from a newer Cofund), never read
//!   in part or dropped.
//! * `scenarios` — format 1 scenario documents, exactly as files hold them. A problem
//!   inside one is reported with its full path, e.g. `scenarios[2].sources[0].rate: …`.
//! * `baseline` — optional index into `scenarios` (`null` or absent: no baseline).
//! * Any other field is refused as unknown, like in scenario files.
//!
//! # Migration
//!
//! Before workspaces, the widget's autosave held one bare format 1 scenario. A document
//! without `cofund_workspace` but with `format` is therefore read as a scenario and
//! returned as a one-scenario workspace without baseline. Writing always produces the
//! current workspace format.

use serde_json::{Map, Value};

use crate::model::error::Problem;
use crate::model::read::show;
use crate::model::{self, parse_json, Scenario, ScenarioError};
use crate::numbers::Lang;

/// The version of the workspace document format this crate reads and writes.
pub const WORKSPACE_VERSION: u32 = 1;

/// The key that marks a JSON document as a workspace.
pub const WORKSPACE_KEY: &str = "cofund_workspace";

const FIELDS: &[&str] = &[WORKSPACE_KEY, "scenarios", "baseline"];

/// Several scenarios saved together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Workspace {
    /// The workspace format version the document was read as; [`WORKSPACE_VERSION`] for
    /// every workspace this crate reads or builds (migrated documents are upgraded). The
    /// writer always writes [`WORKSPACE_VERSION`], the only layout it knows.
    pub version: u32,
    pub scenarios: Vec<Scenario>,
    /// The index in `scenarios` of the scenario the others are compared with.
    pub baseline: Option<usize>,
}

impl Default for Workspace {
    fn default() -> Self {
        Workspace::new(Vec::new(), None)
    }
}

impl Workspace {
    /// Checks that every scenario can be calculated, as the command line's `evaluate`
    /// does: a document that reads but whose figures overflow exact arithmetic is refused
    /// when it comes from outside (a file, a link) with the path of the field, rather than
    /// opened as a scenario with no result. (Autosave does not ask this: what the user had
    /// is kept, whatever it is.)
    pub fn check_evaluates(&self) -> Result<(), WorkspaceError> {
        for (i, s) in self.scenarios.iter().enumerate() {
            model::evaluate(s)
                .map_err(|e| WorkspaceError::Invalid(e.with_prefix(&format!("scenarios[{i}]"))))?;
        }
        Ok(())
    }

    /// A workspace of the current version.
    pub fn new(scenarios: Vec<Scenario>, baseline: Option<usize>) -> Self {
        Workspace {
            version: WORKSPACE_VERSION,
            scenarios,
            baseline,
        }
    }

    /// A workspace holding one scenario and no baseline (what an old autosave becomes).
    pub fn single(scenario: Scenario) -> Self {
        Workspace::new(vec![scenario], None)
    }

    /// Checks every scenario (errors carry the `scenarios[i]` prefix), the version and
    /// the baseline index.
    pub fn validate(&self) -> Result<(), WorkspaceError> {
        if self.version != WORKSPACE_VERSION {
            if self.version > WORKSPACE_VERSION {
                return Err(WorkspaceError::FutureVersion {
                    found: self.version.to_string(),
                });
            }
            return Err(WorkspaceError::Invalid(
                ScenarioError::new(WORKSPACE_KEY, Problem::UnsupportedFormat)
                    .got(self.version.to_string()),
            ));
        }
        for (i, s) in self.scenarios.iter().enumerate() {
            s.validate()
                .map_err(|e| WorkspaceError::Invalid(e.with_prefix(&format!("scenarios[{i}]"))))?;
        }
        if let Some(b) = self.baseline {
            if b >= self.scenarios.len() {
                return Err(WorkspaceError::BaselineOutOfRange {
                    baseline: b.to_string(),
                    scenarios: self.scenarios.len(),
                });
            }
        }
        Ok(())
    }

    /// The workspace as a JSON value in the document format above.
    pub fn to_json_value(&self) -> Value {
        let mut o = Map::new();
        o.insert(WORKSPACE_KEY.into(), WORKSPACE_VERSION.into());
        o.insert(
            "scenarios".into(),
            Value::Array(self.scenarios.iter().map(model::to_json_value).collect()),
        );
        o.insert(
            "baseline".into(),
            self.baseline.map_or(Value::Null, |b| b.into()),
        );
        Value::Object(o)
    }

    /// Compact JSON text (for autosave and links).
    pub fn to_json_string(&self) -> String {
        // Serialising a `Value` of strings, numbers and maps cannot fail.
        serde_json::to_string(&self.to_json_value()).unwrap_or_default()
    }

    /// Pretty-printed JSON text (for files people may open in an editor).
    pub fn to_json_pretty(&self) -> String {
        serde_json::to_string_pretty(&self.to_json_value()).unwrap_or_default()
    }

    /// Reads and validates a workspace document, migrating a bare format 1 scenario.
    pub fn from_json_str(text: &str) -> Result<Workspace, WorkspaceError> {
        let value: Value = parse_json(text).map_err(WorkspaceError::Invalid)?;
        Workspace::from_json_value(&value)
    }

    /// Like [`Workspace::from_json_str`], from an already parsed value.
    pub fn from_json_value(value: &Value) -> Result<Workspace, WorkspaceError> {
        let invalid = |path: &str, problem: Problem, got: &Value| {
            WorkspaceError::Invalid(ScenarioError::new(path, problem).got(show(got)))
        };
        let Value::Object(map) = value else {
            return Err(invalid(
                "",
                Problem::WrongType {
                    expected: "an object",
                },
                value,
            ));
        };

        let Some(version) = map.get(WORKSPACE_KEY) else {
            if map.contains_key("format") {
                // An autosave from before workspaces: one bare scenario.
                return model::from_json_value(value)
                    .map(Workspace::single)
                    .map_err(WorkspaceError::Invalid);
            }
            return Err(WorkspaceError::Invalid(ScenarioError::new(
                WORKSPACE_KEY,
                Problem::Missing,
            )));
        };
        // The version is checked first, so that a newer document with fields this
        // version does not know is reported as newer, not as misspelt.
        check_version(version)?;

        if let Some(field) = map.keys().find(|k| !FIELDS.contains(&k.as_str())) {
            return Err(invalid(
                field,
                Problem::UnknownField { allowed: FIELDS },
                &map[field],
            ));
        }

        let items = match map.get("scenarios") {
            None | Some(Value::Null) => {
                return Err(WorkspaceError::Invalid(ScenarioError::new(
                    "scenarios",
                    Problem::Missing,
                )))
            }
            Some(Value::Array(items)) => items,
            Some(other) => {
                return Err(invalid(
                    "scenarios",
                    Problem::WrongType {
                        expected: "an array",
                    },
                    other,
                ))
            }
        };
        let scenarios = items
            .iter()
            .enumerate()
            .map(|(i, v)| {
                model::from_json_value(v)
                    .map_err(|e| WorkspaceError::Invalid(e.with_prefix(&format!("scenarios[{i}]"))))
            })
            .collect::<Result<Vec<_>, _>>()?;

        let baseline = match map.get("baseline") {
            None | Some(Value::Null) => None,
            Some(v @ Value::Number(n)) => {
                let Some(index) = n.as_u64() else {
                    let problem = if n.as_str().starts_with('-') {
                        Problem::Negative
                    } else {
                        Problem::NotWhole
                    };
                    return Err(invalid("baseline", problem, v));
                };
                match usize::try_from(index) {
                    Ok(i) if i < scenarios.len() => Some(i),
                    _ => {
                        return Err(WorkspaceError::BaselineOutOfRange {
                            baseline: show(v),
                            scenarios: scenarios.len(),
                        })
                    }
                }
            }
            Some(other) => {
                return Err(invalid(
                    "baseline",
                    Problem::WrongType {
                        expected: "a whole number",
                    },
                    other,
                ))
            }
        };

        Ok(Workspace {
            version: WORKSPACE_VERSION,
            scenarios,
            baseline,
        })
    }
}

fn check_version(version: &Value) -> Result<(), WorkspaceError> {
    let unsupported = || {
        WorkspaceError::Invalid(
            ScenarioError::new(WORKSPACE_KEY, Problem::UnsupportedFormat).got(show(version)),
        )
    };
    match version {
        Value::Number(n) => match n.as_u64() {
            Some(v) if v == u64::from(WORKSPACE_VERSION) => Ok(()),
            Some(v) if v > u64::from(WORKSPACE_VERSION) => Err(WorkspaceError::FutureVersion {
                found: show(version),
            }),
            // A whole number too large for u64 is still a (far) future version.
            None if n.as_str().bytes().all(|b| b.is_ascii_digit()) => {
                Err(WorkspaceError::FutureVersion {
                    found: show(version),
                })
            }
            _ => Err(unsupported()),
        },
        other => Err(WorkspaceError::Invalid(
            ScenarioError::new(
                WORKSPACE_KEY,
                Problem::WrongType {
                    expected: "a whole number",
                },
            )
            .got(show(other)),
        )),
    }
}

/// Why a workspace document was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum WorkspaceError {
    /// A rule of the workspace or scenario format was broken; the path names the field,
    /// e.g. `scenarios[2].sources[0].rate`.
    Invalid(ScenarioError),
    /// `cofund_workspace` is higher than [`WORKSPACE_VERSION`]: the document was written
    /// by a newer Cofund. `found` is the version as written.
    FutureVersion { found: String },
    /// `baseline` is not the index of one of the `scenarios`.
    BaselineOutOfRange { baseline: String, scenarios: usize },
}

impl WorkspaceError {
    /// The path of the offending field (empty for the document as a whole).
    pub fn path(&self) -> &str {
        match self {
            WorkspaceError::Invalid(e) => e.path(),
            WorkspaceError::FutureVersion { .. } => WORKSPACE_KEY,
            WorkspaceError::BaselineOutOfRange { .. } => "baseline",
        }
    }

    /// The whole message in the chosen language, starting with the path.
    pub fn message(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        match self {
            WorkspaceError::Invalid(e) => e.message(lang),
            WorkspaceError::FutureVersion { found } => {
                if da {
                    format!(
                        "{WORKSPACE_KEY}: arbejdsområdet er gemt af en nyere version af Cofund \
                         (arbejdsområdeformat {found}); denne version læser format \
                         {WORKSPACE_VERSION}. Åbn det i den nyere version"
                    )
                } else {
                    format!(
                        "{WORKSPACE_KEY}: the workspace was saved by a newer version of Cofund \
                         (workspace format {found}); this version reads format \
                         {WORKSPACE_VERSION}. Open it in the newer version"
                    )
                }
            }
            WorkspaceError::BaselineOutOfRange {
                baseline,
                scenarios,
            } => match (da, *scenarios) {
                (true, 0) => {
                    format!("baseline: der er ingen scenarier at sammenligne med, fik {baseline}")
                }
                (false, 0) => {
                    format!("baseline: there are no scenarios to compare with, got {baseline}")
                }
                (true, n) => format!(
                    "baseline: skal være nummeret på et af de {n} scenarier, fra 0 til {}, fik {baseline}",
                    n - 1
                ),
                (false, n) => format!(
                    "baseline: must be the index of one of the {n} scenarios, 0 to {}, got {baseline}",
                    n - 1
                ),
            },
        }
    }
}

impl From<ScenarioError> for WorkspaceError {
    fn from(e: ScenarioError) -> Self {
        WorkspaceError::Invalid(e)
    }
}

impl std::fmt::Display for WorkspaceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for WorkspaceError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            WorkspaceError::Invalid(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PRESETS;

    fn presets() -> Vec<Scenario> {
        PRESETS
            .iter()
            .map(|p| p.scenario().expect("preset"))
            .collect()
    }

    #[test]
    fn round_trips_all_presets() {
        let w = Workspace::new(presets(), Some(1));
        assert_eq!(w.validate(), Ok(()));
        assert_eq!(Workspace::from_json_str(&w.to_json_string()), Ok(w.clone()));
        assert_eq!(Workspace::from_json_str(&w.to_json_pretty()), Ok(w));
    }

    #[test]
    fn document_shape() {
        let w = Workspace::new(presets()[..1].to_vec(), Some(0));
        let text = w.to_json_string();
        assert!(
            text.starts_with(r#"{"cofund_workspace":1,"scenarios":[{"format":1,"#),
            "{text}"
        );
        assert!(text.ends_with(r#"}],"baseline":0}"#), "{text}");
        let none = Workspace::new(Vec::new(), None).to_json_string();
        assert_eq!(
            none,
            r#"{"cofund_workspace":1,"scenarios":[],"baseline":null}"#
        );
        assert_eq!(
            Workspace::from_json_str(r#"{"cofund_workspace":1,"scenarios":[]}"#),
            Ok(Workspace::default())
        );
    }

    #[test]
    fn single_holds_the_scenario_without_baseline() {
        let s = presets()[0].clone();
        let w = Workspace::single(s.clone());
        assert_eq!(w.scenarios, vec![s]);
        assert_eq!(w.baseline, None);
        assert_eq!(w.version, WORKSPACE_VERSION);
    }

    #[test]
    fn only_a_higher_whole_version_is_from_the_future() {
        // Below the current version, fractional or negative: not a version at all, and
        // not a reason to tell the user to open a newer Cofund.
        for version in ["0", "1.5", "-1", "-12345678901234567890123"] {
            let text = format!(r#"{{"cofund_workspace":{version},"scenarios":[]}}"#);
            match Workspace::from_json_str(&text) {
                Err(WorkspaceError::Invalid(e)) => {
                    assert_eq!(e.problem(), &Problem::UnsupportedFormat, "{version}")
                }
                other => panic!("{version}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_scenario_error_is_the_source() {
        use std::error::Error;
        let err =
            Workspace::from_json_str(r#"{"cofund_workspace":1,"scenarios":[7]}"#).unwrap_err();
        assert!(matches!(err, WorkspaceError::Invalid(_)), "{err:?}");
        assert_eq!(
            err.source().map(ToString::to_string),
            Some("scenarios[0]: must be an object, got 7".to_string())
        );
        let future = WorkspaceError::FutureVersion { found: "2".into() };
        assert!(future.source().is_none());
    }

    #[test]
    fn bare_scenario_is_migrated() {
        let text = PRESETS[0].json;
        let w = Workspace::from_json_str(text).expect("migrates");
        assert_eq!(w, Workspace::single(presets()[0].clone()));
        assert_eq!(w.version, WORKSPACE_VERSION);
        // An invalid old autosave is reported with the scenario's own paths.
        let bad = text.replace("\"rate\": \"50\"", "\"rate\": \"150\"");
        let err = Workspace::from_json_str(&bad).unwrap_err();
        assert_eq!(err.path(), "sources[0].rate");
    }

    #[test]
    fn inner_errors_carry_the_scenario_path() {
        let p = presets();
        let list = vec![p[2].clone(), p[3].clone(), p[0].clone()];
        let mut v = Workspace::new(list, None).to_json_value();
        v["scenarios"][2]["sources"][0]["rate"] = "150".into();
        let err = Workspace::from_json_value(&v).unwrap_err();
        assert_eq!(
            err.to_string(),
            "scenarios[2].sources[0].rate: must be between 0 and 100, got \"150\""
        );
        assert_eq!(
            err.message(Lang::Da),
            "scenarios[2].sources[0].rate: skal være mellem 0 og 100, fik \"150\""
        );
    }

    #[test]
    fn prefix_reaches_paths_inside_problems() {
        let mut v = Workspace::new(presets(), None).to_json_value();
        v["scenarios"][1]["costs"][1]["id"] = "budget".into();
        let err = Workspace::from_json_value(&v).unwrap_err();
        assert_eq!(
            err.to_string(),
            "scenarios[1].costs[1].id: duplicate id, already used by scenarios[1].costs[0], got \"budget\""
        );
        v["scenarios"][1] = "x".into();
        assert_eq!(
            Workspace::from_json_value(&v).unwrap_err().to_string(),
            "scenarios[1]: must be an object, got \"x\""
        );
    }

    #[test]
    fn future_version_is_refused_with_a_message() {
        let err = Workspace::from_json_str(r#"{"cofund_workspace":2,"scenarios":[],"tabs":[]}"#)
            .unwrap_err();
        assert_eq!(err, WorkspaceError::FutureVersion { found: "2".into() });
        assert!(err.to_string().contains("newer version"), "{err}");
        assert!(err.message(Lang::Da).contains("nyere version"), "{err}");
        let huge = Workspace::from_json_str(
            r#"{"cofund_workspace":123456789012345678901234567890,"scenarios":[]}"#,
        );
        assert!(matches!(huge, Err(WorkspaceError::FutureVersion { .. })));
    }

    #[test]
    fn wrong_shapes_name_the_field() {
        let cases = [
            ("[]", ""),
            ("{}", "cofund_workspace"),
            (
                r#"{"cofund_workspace":0,"scenarios":[]}"#,
                "cofund_workspace",
            ),
            (
                r#"{"cofund_workspace":1.5,"scenarios":[]}"#,
                "cofund_workspace",
            ),
            (
                r#"{"cofund_workspace":"1","scenarios":[]}"#,
                "cofund_workspace",
            ),
            (r#"{"cofund_workspace":1}"#, "scenarios"),
            (r#"{"cofund_workspace":1,"scenarios":{}}"#, "scenarios"),
            (
                r#"{"cofund_workspace":1,"scenarios":[],"extra":1}"#,
                "extra",
            ),
            (
                r#"{"cofund_workspace":1,"scenarios":[],"baseline":0}"#,
                "baseline",
            ),
            (
                r#"{"cofund_workspace":1,"scenarios":[],"baseline":-1}"#,
                "baseline",
            ),
            (
                r#"{"cofund_workspace":1,"scenarios":[],"baseline":0.5}"#,
                "baseline",
            ),
            (
                r#"{"cofund_workspace":1,"scenarios":[],"baseline":"0"}"#,
                "baseline",
            ),
            (
                r#"{"cofund_workspace":1,"scenarios":[],"baseline":1e400}"#,
                "baseline",
            ),
            ("{", ""),
        ];
        for (text, path) in cases {
            let err = Workspace::from_json_str(text).expect_err(text);
            assert_eq!(err.path(), path, "{text}: {err}");
            assert!(!err.message(Lang::Da).is_empty());
        }
    }

    #[test]
    fn baseline_out_of_range_messages() {
        let w = Workspace::new(presets()[..2].to_vec(), Some(2));
        let err = w.validate().unwrap_err();
        assert_eq!(
            err.to_string(),
            "baseline: must be the index of one of the 2 scenarios, 0 to 1, got 2"
        );
        assert_eq!(
            err.message(Lang::Da),
            "baseline: skal være nummeret på et af de 2 scenarier, fra 0 til 1, fik 2"
        );
        let mut text = w.to_json_string();
        text = text.replace("\"baseline\":2", "\"baseline\":7");
        assert_eq!(
            Workspace::from_json_str(&text).unwrap_err().path(),
            "baseline"
        );
    }

    #[test]
    fn validate_checks_version_and_scenarios() {
        let mut w = Workspace::new(presets(), None);
        w.version = 2;
        assert!(matches!(
            w.validate(),
            Err(WorkspaceError::FutureVersion { .. })
        ));
        w.version = 0;
        assert_eq!(w.validate().unwrap_err().path(), "cofund_workspace");
        w.version = 1;
        w.scenarios[3].years = 0;
        assert_eq!(w.validate().unwrap_err().path(), "scenarios[3].years");
    }

    #[test]
    fn with_prefix_joins_paths() {
        let e = ScenarioError::new("", Problem::Missing).with_prefix("scenarios[0]");
        assert_eq!(e.path(), "scenarios[0]");
        let e = ScenarioError::new("[3]", Problem::Missing).with_prefix("list");
        assert_eq!(e.path(), "list[3]");
        let e = ScenarioError::new("x", Problem::Missing).with_prefix("");
        assert_eq!(e.path(), "x");
    }
}
