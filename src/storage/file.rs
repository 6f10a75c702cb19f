//! Scenario files: importing what a user picks or drops, exporting what they download.
//!
//! A file is the format 1 document (or a workspace document, see [`super::workspace`]) as
//! UTF-8 text. Import is defensive, since the bytes can be anything a user has lying
//! around: it refuses files over [`MAX_FILE_BYTES`] before looking at them, refuses text
//! that is not UTF-8 (saying where, and recognising UTF-16, which some Windows editors
//! write), accepts and skips a UTF-8 byte order mark, and then leaves every rule of the
//! format to the model's reader, whose errors name the field path.

use serde_json::Value;

use crate::model::{self, parse_json, Scenario, ScenarioError};
use crate::numbers::Lang;
use crate::text;

use super::link::count;
use super::workspace::{Workspace, WorkspaceError, WORKSPACE_KEY};

/// The largest file import accepts: 16 MiB. A scenario file is far smaller (the largest real
/// one is about 10 KB), but "Export all scenarios" writes the whole workspace, indented: what
/// the browser can keep (its storage holds about 5 MB) and what a share link refused as too
/// large (over 1 MiB of compact JSON, [`super::link::MAX_JSON_BYTES`]) sends the user to
/// export must both come back in. The limit still stops `/dev/zero` and a wrong file early.
pub const MAX_FILE_BYTES: usize = 16 << 20;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// What an imported file held.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Imported {
    /// A format 1 scenario file.
    Scenario(Scenario),
    /// A workspace file (several scenarios).
    Workspace(Workspace),
}

/// Reads a scenario file. A workspace file is refused with
/// [`ImportError::WorkspaceFile`]; [`import_any`] takes both.
pub fn import_file(bytes: &[u8]) -> Result<Scenario, ImportError> {
    match import_any(bytes)? {
        Imported::Scenario(s) => Ok(s),
        Imported::Workspace(w) => Err(ImportError::WorkspaceFile {
            scenarios: w.scenarios.len(),
        }),
    }
}

/// Reads a scenario file or a workspace file; which one it is, is decided by the
/// `cofund_workspace` key.
pub fn import_any(bytes: &[u8]) -> Result<Imported, ImportError> {
    let text = text_of(bytes)?;
    let value: Value = parse_json(text).map_err(ImportError::Invalid)?;
    // What cannot be calculated is refused as the command line refuses it (see
    // `Workspace::check_evaluates`).
    if value.get(WORKSPACE_KEY).is_some() {
        let workspace =
            Workspace::from_json_value(&value).map_err(ImportError::InvalidWorkspace)?;
        workspace
            .check_evaluates()
            .map_err(ImportError::InvalidWorkspace)?;
        Ok(Imported::Workspace(workspace))
    } else if value.get("format").is_none() {
        Err(ImportError::NotCofund)
    } else {
        let scenario = model::from_json_value(&value).map_err(ImportError::Invalid)?;
        model::evaluate(&scenario).map_err(ImportError::Invalid)?;
        Ok(Imported::Scenario(scenario))
    }
}

/// The size, BOM and encoding checks: the file's text without BOM.
fn text_of(bytes: &[u8]) -> Result<&str, ImportError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(ImportError::TooLarge { bytes: bytes.len() });
    }
    // With its byte order mark, or without one: JSON in UTF-8 has no NUL byte (not even
    // in a string, where it is written \u0000), UTF-32 text in ASCII has three in every
    // four bytes (`{` as `{\0\0\0` or `\0\0\0{`) and UTF-16 one in every other byte,
    // `{\n` as `{\0\n\0` or `\0{\0\n`. UTF-32 first: its little-endian mark begins with
    // UTF-16's. (Other binary files, a zip or a gzip, have their NULs elsewhere and are
    // refused as not UTF-8.)
    let bom32 = bytes.starts_with(b"\xFF\xFE\0\0") || bytes.starts_with(b"\0\0\xFE\xFF");
    let bare32 = bytes.len() >= 4
        && match bytes[..4] {
            [a, 0, 0, 0] | [0, 0, 0, a] => a != 0,
            _ => false,
        };
    if bom32 || bare32 {
        return Err(ImportError::Utf32);
    }
    let bom16 = bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF");
    let ascii16 = |b: &[u8]| b[0] != 0 && b[1] == 0 && b[2] != 0 && b[3] == 0;
    let bare16 = bytes.len() >= 4 && {
        let mirrored = [bytes[1], bytes[0], bytes[3], bytes[2]];
        ascii16(bytes) || ascii16(&mirrored)
    };
    if bom16 || bare16 {
        return Err(ImportError::Utf16);
    }
    let (skipped, body) = match bytes.strip_prefix(BOM) {
        Some(rest) => (BOM.len(), rest),
        None => (0, bytes),
    };
    let text = std::str::from_utf8(body).map_err(|e| {
        // `valid_up_to` is always a char boundary within `body`.
        let valid = std::str::from_utf8(&body[..e.valid_up_to()]).unwrap_or_default();
        let line = valid.matches('\n').count() + 1;
        let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        ImportError::NotUtf8 {
            offset: skipped + e.valid_up_to(),
            line,
            column,
        }
    })?;
    // Said as such, rather than as JSON that ends at "line 1, column 0".
    if text.trim().is_empty() {
        return Err(ImportError::Empty);
    }
    Ok(text)
}

/// The scenario as a file: pretty format 1 JSON with a trailing newline, no BOM.
pub fn export_file(s: &Scenario) -> String {
    let mut text = model::to_json_string(s);
    text.push('\n');
    text
}

/// The workspace as a file: pretty workspace JSON with a trailing newline, no BOM.
pub fn export_workspace_file(w: &Workspace) -> String {
    let mut text = w.to_json_pretty();
    text.push('\n');
    text
}

/// A file name for downloading `s`, made from its name: lower case ASCII letters, digits
/// and hyphens (`æ ø å` become `ae oe aa`), ending in `.json`; `scenarie.json` when
/// the name has nothing usable. At most 60 characters before the extension.
pub fn suggested_file_name(s: &Scenario) -> String {
    let mut stem = String::new();
    for c in s.name.chars().map(text::lower_char) {
        let piece = match c {
            'a'..='z' | '0'..='9' => c.encode_utf8(&mut [0; 4]).to_string(),
            'æ' => "ae".into(),
            'ø' => "oe".into(),
            'å' => "aa".into(),
            'é' | 'è' | 'ê' => "e".into(),
            'ä' => "ae".into(),
            'ö' => "oe".into(),
            'ü' => "ue".into(),
            _ => "-".into(),
        };
        if piece == "-" && (stem.is_empty() || stem.ends_with('-')) {
            continue;
        }
        if stem.len() + piece.len() > 60 {
            break;
        }
        stem.push_str(&piece);
    }
    let stem = stem.trim_end_matches('-');
    if stem.is_empty() {
        "scenarie.json".to_string()
    } else {
        format!("{stem}.json")
    }
}

/// Why a file could not be imported.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ImportError {
    /// The file is larger than [`MAX_FILE_BYTES`].
    TooLarge { bytes: usize },
    /// The file is UTF-16 text (with or without a UTF-16 byte order mark).
    Utf16,
    /// The file is UTF-32 text (with or without a UTF-32 byte order mark).
    Utf32,
    /// The file is empty, or holds nothing but spaces and line breaks.
    Empty,
    /// The file is not UTF-8 text: the first bad byte is at `offset` (from 0), on `line`
    /// and `column` (from 1, counted in characters).
    NotUtf8 {
        offset: usize,
        line: usize,
        column: usize,
    },
    /// [`import_file`] was given a workspace file.
    WorkspaceFile { scenarios: usize },
    /// The file is JSON, but neither a scenario (no `format`) nor a workspace: most likely
    /// some other program's file, for which "format: missing" would say nothing useful.
    NotCofund,
    /// The scenario breaks a rule of the format (the error names the path).
    Invalid(ScenarioError),
    /// The workspace breaks a rule of the format (the error names the path).
    InvalidWorkspace(WorkspaceError),
}

impl ImportError {
    /// The message for the user, in the chosen language.
    pub fn message(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        match self {
            ImportError::TooLarge { bytes } => {
                let (n, max) = (count(*bytes, lang), count(MAX_FILE_BYTES, lang));
                if da {
                    format!("filen er for stor: {n} byte; højst {max} byte (16 MiB) kan importeres")
                } else {
                    format!("the file is too large: {n} bytes; at most {max} bytes (16 MiB) can be imported")
                }
            }
            ImportError::Empty => {
                if da {
                    "filen er tom; en scenariefil er JSON, som Cofund eksporterer den".to_string()
                } else {
                    "the file is empty; a scenario file is JSON as Cofund exports it".to_string()
                }
            }
            ImportError::Utf16 | ImportError::Utf32 => {
                let encoding = if *self == ImportError::Utf16 {
                    "UTF-16"
                } else {
                    "UTF-32"
                };
                if da {
                    format!("filen er gemt som {encoding}; gem den som UTF-8 og prøv igen")
                } else {
                    format!("the file is saved as {encoding}; save it as UTF-8 and try again")
                }
            }
            ImportError::NotUtf8 {
                offset,
                line,
                column,
            } => {
                if da {
                    format!(
                        "filen er ikke UTF-8-tekst (ugyldig byte ved position {offset}, linje \
                         {line}, kolonne {column}); er det en scenariefil? Gem den som UTF-8"
                    )
                } else {
                    format!(
                        "the file is not UTF-8 text (invalid byte at offset {offset}, line \
                         {line}, column {column}); is it a scenario file? Save it as UTF-8"
                    )
                }
            }
            ImportError::WorkspaceFile { scenarios } => {
                let n = count(*scenarios, lang);
                match (da, *scenarios == 1) {
                    (true, true) => "filen er et arbejdsområde med 1 scenarie, ikke en scenariefil; eksportér scenariet for sig".to_string(),
                    (true, false) => format!("filen er et arbejdsområde med {n} scenarier, ikke én scenariefil; eksportér det ønskede scenarie for sig"),
                    (false, true) => "the file is a workspace of 1 scenario, not a scenario file; export the scenario on its own".to_string(),
                    (false, false) => format!("the file is a workspace of {n} scenarios, not a single scenario; export the one you want on its own"),
                }
            }
            ImportError::NotCofund => {
                if da {
                    "filen er ikke fra Cofund (den har intet »format«-felt); vælg en fil, som Cofund har eksporteret".to_string()
                } else {
                    "the file is not from Cofund (it has no “format” field); choose a file that Cofund exported".to_string()
                }
            }
            ImportError::Invalid(e) => e.message(lang),
            ImportError::InvalidWorkspace(e) => e.message(lang),
        }
    }
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for ImportError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ImportError::Invalid(e) => Some(e),
            ImportError::InvalidWorkspace(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PRESETS;

    #[test]
    fn json_that_is_not_cofund_says_so() {
        for text in [r#"{"nope": 1}"#, "[1, 2]", "42", r#""format""#] {
            let err = import_any(text.as_bytes()).unwrap_err();
            assert_eq!(err, ImportError::NotCofund, "{text}");
        }
        assert!(ImportError::NotCofund
            .message(Lang::Da)
            .starts_with("filen er ikke fra Cofund"));
        // A scenario that names its format but breaks a rule is told the rule, as before.
        let err = import_any(br#"{"format": 1, "years": 0}"#).unwrap_err();
        assert!(matches!(err, ImportError::Invalid(_)), "{err:?}");
    }

    #[test]
    fn presets_import_and_export() {
        for p in PRESETS {
            let s = import_file(p.json.as_bytes()).expect(p.key);
            let out = export_file(&s);
            assert!(out.ends_with("}\n") && !out.ends_with("\n\n"), "{}", p.key);
            assert_eq!(import_file(out.as_bytes()), Ok(s));
        }
    }

    #[test]
    fn a_file_that_cannot_be_calculated_is_refused_with_the_field() {
        let huge = PRESETS[0]
            .json
            .replacen("\"100000\"", "\"7922816251426433759354395033\"", 1);
        assert_ne!(huge, PRESETS[0].json);
        let e = import_any(huge.as_bytes()).expect_err("overflows");
        assert!(
            e.message(Lang::Da)
                .starts_with("costs[0].amount: kan ikke regnes præcist"),
            "{}",
            e.message(Lang::Da)
        );
        let workspace = format!(
            "{{\"cofund_workspace\": 1, \"scenarios\": [{}, {huge}]}}",
            PRESETS[0].json
        );
        let e = import_any(workspace.as_bytes()).expect_err("overflows");
        assert!(
            e.message(Lang::En).contains("scenarios[1].costs[0].amount"),
            "{}",
            e.message(Lang::En)
        );
    }

    #[test]
    fn bom_is_skipped_utf16_and_bad_bytes_are_refused() {
        let mut with_bom = BOM.to_vec();
        with_bom.extend_from_slice(PRESETS[0].json.as_bytes());
        assert!(import_file(&with_bom).is_ok());

        assert_eq!(import_file(b"\xFF\xFE{\0}\0"), Err(ImportError::Utf16));
        // Without the byte order mark, little- and big-endian.
        assert_eq!(import_file(b"{\0\n\0}\0"), Err(ImportError::Utf16));
        assert_eq!(import_file(b"\0{\0\n\0}"), Err(ImportError::Utf16));
        // UTF-32, with its mark (whose little-endian form begins as UTF-16's) and without.
        assert_eq!(import_file(b"\xFF\xFE\0\0{\0\0\0"), Err(ImportError::Utf32));
        assert_eq!(import_file(b"\0\0\xFE\xFF\0\0\0{"), Err(ImportError::Utf32));
        assert_eq!(import_file(b"{\0\0\0\n\0\0\0"), Err(ImportError::Utf32));
        assert_eq!(import_file(b"\0\0\0{\0\0\0\n"), Err(ImportError::Utf32));
        assert_eq!(
            ImportError::Utf32.message(Lang::En),
            "the file is saved as UTF-32; save it as UTF-8 and try again"
        );
        // A gzip file has a NUL early too, but is no UTF-16.
        assert!(matches!(
            import_file(b"\x1F\x8B\x08\x00\x00\x00"),
            Err(ImportError::NotUtf8 { .. })
        ));

        // "æ" in Latin-1 on the second line, third character.
        let err = import_file(b"{\n  \xE6").unwrap_err();
        assert_eq!(
            err,
            ImportError::NotUtf8 {
                offset: 4,
                line: 2,
                column: 3
            }
        );
        let mut bom_then_bad = BOM.to_vec();
        bom_then_bad.extend_from_slice(b"\xC3");
        assert_eq!(
            import_file(&bom_then_bad),
            Err(ImportError::NotUtf8 {
                offset: 3,
                line: 1,
                column: 1
            })
        );
    }

    #[test]
    fn oversize_is_refused_with_the_limit() {
        let big = vec![b' '; MAX_FILE_BYTES + 1];
        let err = import_file(&big).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file is too large: 16,777,217 bytes; at most 16,777,216 bytes (16 MiB) can be imported"
        );
        assert_eq!(
            err.message(Lang::Da),
            "filen er for stor: 16.777.217 byte; højst 16.777.216 byte (16 MiB) kan importeres"
        );
        // Exactly the limit is still read (and then refused as having no content).
        let at_limit = vec![b' '; MAX_FILE_BYTES];
        assert!(matches!(import_file(&at_limit), Err(ImportError::Empty)));
    }

    #[test]
    fn workspace_files() {
        let w = Workspace::new(
            PRESETS
                .iter()
                .map(|p| p.scenario().expect("preset"))
                .collect(),
            Some(0),
        );
        let text = export_workspace_file(&w);
        assert!(text.ends_with("}\n"));
        assert_eq!(
            import_any(text.as_bytes()),
            Ok(Imported::Workspace(w.clone()))
        );
        assert_eq!(
            import_file(text.as_bytes()),
            Err(ImportError::WorkspaceFile { scenarios: 5 })
        );
        let s = w.scenarios[0].clone();
        assert_eq!(
            import_any(export_file(&s).as_bytes()),
            Ok(Imported::Scenario(s))
        );
    }

    #[test]
    fn invalid_content_keeps_the_path() {
        let text = PRESETS[0]
            .json
            .replace("\"rate\": \"50\"", "\"rate\": \"150\"");
        let err = import_file(text.as_bytes()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "sources[0].rate: must be between 0 and 100, got \"150\""
        );
        for empty in [&b""[..], b" \n\r\n", b"\xEF\xBB\xBF\n"] {
            let err = import_file(empty).unwrap_err();
            assert!(matches!(err, ImportError::Empty), "{err}");
        }
        let err = import_file(b"{").unwrap_err();
        assert!(err.to_string().starts_with("not valid JSON"), "{err}");
        let err = import_any(br#"{"cofund_workspace": 9}"#).unwrap_err();
        assert!(matches!(
            err,
            ImportError::InvalidWorkspace(WorkspaceError::FutureVersion { .. })
        ));
    }

    #[test]
    fn the_readers_errors_are_the_source() {
        use std::error::Error;
        let invalid = import_file(br#"{"format": 2}"#).unwrap_err();
        assert!(matches!(invalid, ImportError::Invalid(_)), "{invalid:?}");
        assert_eq!(
            invalid.source().map(ToString::to_string),
            Some(invalid.to_string())
        );
        let workspace = import_any(br#"{"cofund_workspace": 9}"#).unwrap_err();
        assert!(
            matches!(workspace, ImportError::InvalidWorkspace(_)),
            "{workspace:?}"
        );
        assert_eq!(
            workspace.source().map(ToString::to_string),
            Some(workspace.to_string())
        );
        assert!(ImportError::Empty.source().is_none());
    }

    #[test]
    fn file_names() {
        let mut s = PRESETS[0].scenario().expect("preset");
        assert_eq!(
            suggested_file_name(&s),
            "nordjysk-vaekstpilotordning-2020-2023-150-vaekstpiloter.json"
        );
        s.name = " ½ ".into();
        assert_eq!(suggested_file_name(&s), "scenarie.json");
        s.name = "Å".repeat(100);
        assert_eq!(suggested_file_name(&s), format!("{}.json", "aa".repeat(30)));
    }

    #[test]
    fn file_names_spell_out_every_accented_letter() {
        let mut s = PRESETS[0].scenario().expect("preset");
        s.name = "Æble Søren Åen Émile Père Fête Bär Öl Über".into();
        assert_eq!(
            suggested_file_name(&s),
            "aeble-soeren-aaen-emile-pere-fete-baer-oel-ueber.json"
        );
    }
}
