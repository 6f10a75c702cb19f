//! Share links: a whole scenario, or a workspace of several, packed into the fragment of
//! a URL, so that sharing needs no server (browsers do not send the fragment to the web
//! server at all).
//!
//! # URL form
//!
//! ```text
//! https://<page>#s1.<data>      one scenario          (encode_scenario)
//! https://<page>#w1.<data>      a workspace           (encode_workspace)
//! ```
//!
//! The encoders return the fragment without `#` (`s1.<data>`); the widget appends it to
//! the page address after a `#`.
//!
//! `<data>` is URL-safe base64 without padding (RFC 4648 §5: `A–Z a–z 0–9 - _`, so the
//! link survives mail clients and chat programs without escaping) of:
//!
//! ```text
//! CRC-32 of the JSON (4 bytes, little-endian) ++ raw deflate (RFC 1951, level 9) of the JSON
//! ```
//!
//! where the JSON is the compact document: format 1 (`model::to_json_value`) for `s1.`, the
//! workspace document ([`Workspace::to_json_value`]) for `w1.`. The checksum is there
//! because raw deflate has none: a character changed in transit could otherwise turn,
//! say, `100000` into `100001` and still decode. With it, a damaged link is refused as
//! [`LinkError::Corrupt`] unless the damage happens to leave a JSON text with the same
//! CRC-32 (one chance in 2³²), or leaves the JSON unchanged (a changed bit after the end
//! of the deflate stream) and so does no harm.
//!
//! The marker (`s1.`, `w1.`) tells future formats apart: a link with another marker is
//! refused as [`LinkError::UnknownVersion`], never guessed at.
//!
//! The decoders accept the fragment as `location.hash` gives it (`#s1.…`), without the
//! `#`, a whole pasted URL (everything up to the first `#` is ignored), and with an
//! optional key in front: `#scenario=s1.…`, `#workspace=w1.…` (either key works with
//! either marker; the marker decides). Surrounding whitespace is ignored, and so are the
//! escapes `%23` and `%3D` that mail clients sometimes put on the separators `#` and `=`.
//!
//! # Length
//!
//! Measured with miniz_oxide 0.8.9 (the test `preset_link_lengths` in this module prints
//! them and keeps them within bounds):
//!
//! | preset               | compact JSON, bytes | link after `#`, characters |
//! |----------------------|--------------------:|---------------------------:|
//! | `vaekstpilot-150`    |                 723 |                        482 |
//! | `vaekstpilot-225`    |                 723 |                        483 |
//! | `design-sprint`      |                 455 |                        343 |
//! | `marketing-platform` |                 537 |                        437 |
//! | `design-society`     |                 466 |                        351 |
//! | all five, `w1.`      |                2961 |                       1079 |
//!
//! So the Vækstpilot preset shares as `https://<page>#s1.` plus 479 characters of data,
//! about 510 characters with a typical page address. The checksum costs 6 of those
//! characters (5 or 6, depending on where base64's 4-character groups fall).
//!
//! A link longer than [`MAX_LINK_CHARS`] is refused by the decoder, so an encoder should
//! offer a file instead of such a link: [`encode_scenario_within_limits`] and
//! [`Unpacked::seal_within_limits`] apply the decoders' limits on the way out (the command
//! line's `link` uses them). At about 500 characters a scenario, only a workspace of a
//! hundred or more, or scenarios with very long labels, come near the limit.
//!
//! # Limits
//!
//! Links come from strangers, so decoding is bounded: a link over [`MAX_LINK_CHARS`]
//! characters is refused before it is decoded, and decompression stops at
//! [`MAX_JSON_BYTES`] (deflate packs up to about 1000:1, so a link at the length limit
//! could otherwise unpack to some 50 MB).

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::{DecodeError, Engine};
use miniz_oxide::inflate::TINFLStatus;
use rust_decimal::Decimal;

use crate::model::error::Problem;
use crate::model::{self, parse_json, Scenario, ScenarioError};
use crate::numbers::{format_number, Lang};

use super::crc32::crc32;
use super::workspace::{Workspace, WorkspaceError, WORKSPACE_KEY};

/// The marker in front of a scenario link's data.
pub const SCENARIO_MARKER: &str = "s1.";
/// The marker in front of a workspace link's data.
pub const WORKSPACE_MARKER: &str = "w1.";
/// The longest link text the decoders accept (64 KiB), counted after the `#` and key.
pub const MAX_LINK_CHARS: usize = 64 * 1024;
/// The most JSON a link may unpack to (1 MiB): the decompression-bomb guard.
pub const MAX_JSON_BYTES: usize = 1 << 20;

/// Deflate level: 9 is the best miniz_oxide offers without the slow "uber" level 10.
const LEVEL: u8 = 9;
const CHECKSUM_BYTES: usize = 4;

/// What a link holds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Link {
    Scenario(Scenario),
    Workspace(Workspace),
}

/// The fragment (without `#`) that shares `s`: `s1.<data>`.
pub fn encode_scenario(s: &Scenario) -> String {
    Unpacked::scenario(s).seal_with_miniz()
}

/// [`encode_scenario`], refusing a link that the decoders would refuse as too large
/// ([`LinkError::TooLarge`]): a link nobody can open is better not handed out, and the
/// caller can offer a file instead.
pub fn encode_scenario_within_limits(s: &Scenario) -> Result<String, LinkError> {
    let unpacked = Unpacked::scenario(s);
    // Checked before deflating too: no point compressing what will be refused.
    check_json_size(unpacked.json.len())?;
    unpacked.seal_within_limits(&miniz_oxide::deflate::compress_to_vec(
        unpacked.json.as_bytes(),
        LEVEL,
    ))
}

/// The fragment (without `#`) that shares the workspace `w`: `w1.<data>`.
pub fn encode_workspace(w: &Workspace) -> String {
    Unpacked::workspace(w).seal_with_miniz()
}

/// What a link will hold, before it is deflated: which document and its JSON. Encoding is
/// split in two, like decoding ([`Packed`]), so that a caller can deflate by other means
/// (the app uses the browser's `CompressionStream` and so ships no deflater):
/// [`Unpacked::scenario`] or [`Unpacked::workspace`], raw-deflate `json`, then
/// [`Unpacked::seal`]. Any valid raw deflate of the JSON makes a link every reader opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unpacked {
    marker: &'static str,
    /// The JSON document, compact.
    pub json: String,
}

impl Unpacked {
    /// A scenario link's content (`s1.`).
    pub fn scenario(s: &Scenario) -> Unpacked {
        Unpacked {
            marker: SCENARIO_MARKER,
            json: compact(&model::to_json_value(s)),
        }
    }

    /// A workspace link's content (`w1.`).
    pub fn workspace(w: &Workspace) -> Unpacked {
        Unpacked {
            marker: WORKSPACE_MARKER,
            json: w.to_json_string(),
        }
    }

    /// The fragment, given `deflated`, a raw deflate (RFC 1951) of [`Unpacked::json`]: the
    /// marker, then base64 of the JSON's checksum and the deflate data.
    pub fn seal(&self, deflated: &[u8]) -> String {
        let mut payload = Vec::with_capacity(CHECKSUM_BYTES + deflated.len());
        payload.extend_from_slice(&crc32(self.json.as_bytes()).to_le_bytes());
        payload.extend_from_slice(deflated);
        let mut out = String::with_capacity(self.marker.len() + payload.len() * 4 / 3 + 4);
        out.push_str(self.marker);
        URL_SAFE_NO_PAD.encode_string(&payload, &mut out);
        out
    }

    /// [`Unpacked::seal`], refusing a link that the decoders would refuse as too large
    /// ([`LinkError::TooLarge`]): JSON over [`MAX_JSON_BYTES`], or a link over
    /// [`MAX_LINK_CHARS`] characters. The same checks as decoding, on the way out.
    pub fn seal_within_limits(&self, deflated: &[u8]) -> Result<String, LinkError> {
        check_json_size(self.json.len())?;
        let fragment = self.seal(deflated);
        check_link_length(&fragment)?;
        Ok(fragment)
    }

    /// The fragment, deflated by miniz_oxide.
    pub fn seal_with_miniz(&self) -> String {
        self.seal(&miniz_oxide::deflate::compress_to_vec(
            self.json.as_bytes(),
            LEVEL,
        ))
    }
}

/// Reads a scenario link (`s1.`). A workspace link is refused with
/// [`LinkError::WorkspaceLink`]; use [`decode_link`] to take either.
pub fn decode_scenario(fragment: &str) -> Result<Scenario, LinkError> {
    match decode_link(fragment)? {
        Link::Scenario(s) => Ok(s),
        Link::Workspace(_) => Err(LinkError::WorkspaceLink),
    }
}

/// Reads a workspace link (`w1.`); a scenario link (`s1.`) is accepted too and becomes a
/// one-scenario workspace without baseline.
pub fn decode_workspace(fragment: &str) -> Result<Workspace, LinkError> {
    Ok(match decode_link(fragment)? {
        Link::Scenario(s) => Workspace::single(s),
        Link::Workspace(w) => w,
    })
}

/// Reads any link this version knows.
pub fn decode_link(fragment: &str) -> Result<Link, LinkError> {
    let packed = Packed::from_fragment(fragment)?;
    let inflated = inflate(&packed.deflated);
    packed.open(inflated)
}

/// What a link holds before it is inflated: which document, its checksum, and the raw
/// deflate data. Decoding is split in two so that a caller can inflate by other means (the
/// embedded widget uses the browser's `DecompressionStream` and so ships no inflater):
/// [`Packed::from_fragment`], inflate `deflated`, then [`Packed::open`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Packed {
    pub workspace: bool,
    checksum: u32,
    /// Raw deflate (RFC 1951) of the JSON document.
    pub deflated: Vec<u8>,
}

/// Why inflating failed, as far as the inflater can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InflateError {
    /// The deflate data ends early.
    Truncated,
    /// The deflate data is not valid.
    Corrupt,
    /// More than [`MAX_JSON_BYTES`] came out; the inflater stopped.
    TooLarge,
}

impl Packed {
    /// Checks the link's length and marker and decodes its base64; does not inflate.
    pub fn from_fragment(fragment: &str) -> Result<Packed, LinkError> {
        // The fragment first, so that an escaped `#` in a pasted address's query is left
        // alone; then the escapes, so that an escaped `#` with no literal one counts.
        let fragment = fragment
            .split_once('#')
            .map_or(fragment, |(_, after)| after);
        let unescaped = unescape_separators(fragment);
        let body = strip_prefixes(&unescaped);
        if body.is_empty() {
            return Err(LinkError::Empty);
        }
        check_link_length(body)?;
        let (workspace, data) = if let Some(data) = body.strip_prefix(SCENARIO_MARKER) {
            (false, data)
        } else if let Some(data) = body.strip_prefix(WORKSPACE_MARKER) {
            (true, data)
        } else {
            let start: String = body.chars().take(8).collect();
            return Err(LinkError::UnknownVersion { start });
        };
        // A marker and nothing after it: the link was cut off right behind it.
        if data.is_empty() {
            return Err(LinkError::Truncated);
        }
        let payload = URL_SAFE_NO_PAD.decode(data).map_err(|e| match e {
            DecodeError::InvalidByte(..) | DecodeError::InvalidPadding => LinkError::NotBase64,
            // A length no encoder produces, or stray bits in the last character: what a
            // link cut off in the middle of a character looks like.
            DecodeError::InvalidLength(_) | DecodeError::InvalidLastSymbol(..) => {
                LinkError::Truncated
            }
        })?;
        let Some((checksum, deflated)) = payload.split_first_chunk::<CHECKSUM_BYTES>() else {
            return Err(LinkError::Truncated);
        };
        Ok(Packed {
            workspace,
            checksum: u32::from_le_bytes(*checksum),
            deflated: deflated.to_vec(),
        })
    }

    /// Checks what came out of inflating [`Packed::deflated`] against the checksum and
    /// reads the document.
    pub fn open(&self, inflated: Result<Vec<u8>, InflateError>) -> Result<Link, LinkError> {
        let json = inflated.map_err(|e| match e {
            InflateError::Truncated => LinkError::Truncated,
            InflateError::Corrupt => LinkError::Corrupt,
            InflateError::TooLarge => LinkError::TooLarge(Oversize::Content),
        })?;
        check_json_size(json.len())?;
        if crc32(&json) != self.checksum {
            return Err(LinkError::Corrupt);
        }
        let json = String::from_utf8(json).map_err(|_| LinkError::Corrupt)?;
        // What cannot be calculated is refused, as a file is (`Workspace::check_evaluates`).
        if self.workspace {
            let workspace = read_workspace(&json).map_err(LinkError::InvalidWorkspace)?;
            workspace
                .check_evaluates()
                .map_err(LinkError::InvalidWorkspace)?;
            Ok(Link::Workspace(workspace))
        } else {
            let scenario = model::from_json_str(&json).map_err(LinkError::Invalid)?;
            model::evaluate(&scenario).map_err(LinkError::Invalid)?;
            Ok(Link::Scenario(scenario))
        }
    }
}

/// The link text (after the `#` and key) must have at most [`MAX_LINK_CHARS`] characters.
fn check_link_length(body: &str) -> Result<(), LinkError> {
    if body.len() > MAX_LINK_CHARS {
        let chars = body.chars().count();
        if chars > MAX_LINK_CHARS {
            return Err(LinkError::TooLarge(Oversize::Link { chars }));
        }
        // Under the limit in characters, over it in bytes: not ASCII, so not base64.
        return Err(LinkError::NotBase64);
    }
    Ok(())
}

/// A link's JSON must have at most [`MAX_JSON_BYTES`] bytes.
fn check_json_size(bytes: usize) -> Result<(), LinkError> {
    if bytes > MAX_JSON_BYTES {
        Err(LinkError::TooLarge(Oversize::Content))
    } else {
        Ok(())
    }
}

/// Raw inflate with miniz_oxide, bounded by [`MAX_JSON_BYTES`].
fn inflate(deflated: &[u8]) -> Result<Vec<u8>, InflateError> {
    miniz_oxide::inflate::decompress_to_vec_with_limit(deflated, MAX_JSON_BYTES).map_err(
        |e| match e.status {
            TINFLStatus::HasMoreOutput => InflateError::TooLarge,
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                InflateError::Truncated
            }
            _ => InflateError::Corrupt,
        },
    )
}

/// The document inside a `w1.` link must be a workspace: a bare scenario there is not an
/// old format to migrate (links of one scenario have their own marker) but a wrong link.
fn read_workspace(json: &str) -> Result<Workspace, WorkspaceError> {
    let value: serde_json::Value = parse_json(json).map_err(WorkspaceError::Invalid)?;
    if value.get(WORKSPACE_KEY).is_none() {
        return Err(WorkspaceError::Invalid(ScenarioError::new(
            WORKSPACE_KEY,
            Problem::Missing,
        )));
    }
    Workspace::from_json_value(&value)
}

/// Undoes, once, the percent-escapes a mail client or a chat program may put on the link's
/// separators (`%23` for `#`, `%3D` for `=`). The data itself is URL-safe base64 and never
/// escaped, and a `%` is not part of any link, so nothing else is touched.
fn unescape_separators(fragment: &str) -> std::borrow::Cow<'_, str> {
    if !fragment.contains('%') {
        return std::borrow::Cow::Borrowed(fragment);
    }
    let mut out = String::with_capacity(fragment.len());
    let mut rest = fragment;
    while let Some(at) = rest.find('%') {
        out.push_str(&rest[..at]);
        let escape = rest.get(at..at + 3).unwrap_or("");
        match escape.to_ascii_uppercase().as_str() {
            "%23" => out.push('#'),
            "%3D" => out.push('='),
            _ => {
                out.push('%');
                rest = &rest[at + 1..];
                continue;
            }
        }
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    std::borrow::Cow::Owned(out)
}

/// Removes whitespace, everything up to the first `#`, and a `scenario=`/`workspace=` key.
fn strip_prefixes(fragment: &str) -> &str {
    let mut text = fragment.trim();
    if let Some((_, after)) = text.split_once('#') {
        text = after.trim();
    }
    for key in ["scenario=", "workspace="] {
        if let Some(rest) = text.strip_prefix(key) {
            return rest;
        }
    }
    text
}

fn compact(value: &serde_json::Value) -> String {
    // Serialising a `Value` of strings, numbers and maps cannot fail.
    serde_json::to_string(value).unwrap_or_default()
}

/// What was too large in [`LinkError::TooLarge`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Oversize {
    /// The link text itself is longer than [`MAX_LINK_CHARS`].
    Link { chars: usize },
    /// The link unpacks to more than [`MAX_JSON_BYTES`].
    Content,
}

/// Why a link could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum LinkError {
    /// Nothing after the `#` (or after the marker).
    Empty,
    /// The link does not start with a marker this version knows; `start` is its beginning.
    UnknownVersion { start: String },
    /// A workspace link was given where one scenario was expected.
    WorkspaceLink,
    /// The data holds characters outside URL-safe base64.
    NotBase64,
    /// The data ends too early: the link was cut off.
    Truncated,
    /// The data does not unpack, or does not match its checksum: the link was changed.
    Corrupt,
    /// The link, or what it unpacks to, is over the limit.
    TooLarge(Oversize),
    /// The scenario in the link breaks a rule of the format (the error names the path).
    Invalid(ScenarioError),
    /// The workspace in the link breaks a rule of the format (the error names the path).
    InvalidWorkspace(WorkspaceError),
}

impl LinkError {
    /// The message for the user, in the chosen language.
    pub fn message(&self, lang: Lang) -> String {
        let da = lang == Lang::Da;
        let again_da = "kopiér hele linket igen";
        let again_en = "copy the whole link again";
        match self {
            LinkError::Empty => pick(
                da,
                "linket indeholder intet scenarie (der står intet efter #)",
                "the link holds no scenario (there is nothing after the #)",
            ),
            LinkError::UnknownVersion { start } => {
                if da {
                    format!(
                        "linket er ikke et Cofund-link, eller det er lavet af en nyere version af \
                         Cofund (det begynder med »{start}«; denne version læser links, der \
                         begynder med {SCENARIO_MARKER} eller {WORKSPACE_MARKER})"
                    )
                } else {
                    format!(
                        "the link is not a Cofund link, or it was made by a newer version of \
                         Cofund (it starts with “{start}”; this version reads links that start \
                         with {SCENARIO_MARKER} or {WORKSPACE_MARKER})"
                    )
                }
            }
            LinkError::WorkspaceLink => pick(
                da,
                "linket indeholder et arbejdsområde med flere scenarier, ikke ét scenarie",
                "the link holds a workspace of several scenarios, not a single scenario",
            ),
            LinkError::NotBase64 => {
                if da {
                    format!("linket indeholder tegn, der ikke hører til (det er måske blevet ændret undervejs); {again_da}")
                } else {
                    format!("the link contains characters that do not belong in it (it may have been changed on the way); {again_en}")
                }
            }
            LinkError::Truncated => {
                if da {
                    // An ending that comes too soon is what a cut link gives, but a changed
                    // character in the middle can give it too.
                    format!("linket er ufuldstændigt eller beskadiget (det er måske blevet afkortet); {again_da}")
                } else {
                    format!(
                        "the link is incomplete or damaged (it may have been cut off); {again_en}"
                    )
                }
            }
            LinkError::Corrupt => {
                if da {
                    format!("linket er beskadiget (indholdet stemmer ikke med kontrolsummen); {again_da}")
                } else {
                    format!("the link is damaged (its contents do not match their checksum); {again_en}")
                }
            }
            LinkError::TooLarge(Oversize::Link { chars }) => {
                let n = count(*chars, lang);
                let max = count(MAX_LINK_CHARS, lang);
                if da {
                    format!("linket er for langt: {n} tegn; højst {max} tegn kan læses")
                } else {
                    format!("the link is too long: {n} characters; at most {max} can be read")
                }
            }
            LinkError::TooLarge(Oversize::Content) => {
                let max = count(MAX_JSON_BYTES, lang);
                if da {
                    format!("linket pakker ud til mere end 1 MiB ({max} byte) og afvises")
                } else {
                    format!("the link unpacks to more than 1 MiB ({max} bytes) and is refused")
                }
            }
            LinkError::Invalid(e) => {
                if da {
                    format!("scenariet i linket er ikke gyldigt: {}", e.message(lang))
                } else {
                    format!("the scenario in the link is not valid: {}", e.message(lang))
                }
            }
            LinkError::InvalidWorkspace(e) => {
                if da {
                    format!(
                        "arbejdsområdet i linket er ikke gyldigt: {}",
                        e.message(lang)
                    )
                } else {
                    format!(
                        "the workspace in the link is not valid: {}",
                        e.message(lang)
                    )
                }
            }
        }
    }
}

fn pick(da: bool, danish: &str, english: &str) -> String {
    if da { danish } else { english }.to_string()
}

/// A count with the language's thousands separator (`65.536` / `65,536`).
pub(crate) fn count(n: usize, lang: Lang) -> String {
    format_number(Decimal::from(n), 0, lang)
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message(Lang::En))
    }
}

impl std::error::Error for LinkError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            LinkError::Invalid(e) => Some(e),
            LinkError::InvalidWorkspace(e) => Some(e),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::{Preset, PRESETS};

    fn preset(key: &str) -> Scenario {
        Preset::find(key)
            .and_then(|p| p.scenario().ok())
            .expect("preset")
    }

    #[test]
    fn scenario_round_trip_and_accepted_forms() {
        let s = preset("vaekstpilot-150");
        let link = encode_scenario(&s);
        assert!(link.starts_with("s1."), "{link}");
        assert!(link[3..]
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        for form in [
            link.clone(),
            format!("#{link}"),
            format!("#scenario={link}"),
            format!("scenario={link}"),
            format!("  https://example.org/cofund/?lang=da#{link}\n"),
            // Separators escaped once by a mail client or chat program.
            format!("https://example.org/cofund/%23scenario%3d{link}"),
            format!("%23{link}"),
            format!("https://example.org/cofund/?ref=a%23b#{link}"),
        ] {
            assert_eq!(decode_scenario(&form), Ok(s.clone()), "{form}");
        }
        assert_eq!(decode_workspace(&link), Ok(Workspace::single(s)));
        // No other escape is undone: `%2523` stays (not a `#` after two rounds), `%41` too.
        assert_eq!(unescape_separators("%2523s1.%41%"), "%2523s1.%41%");
    }

    #[test]
    fn two_phase_decoding_checks_what_another_inflater_returns() {
        let s = preset("design-sprint");
        let link = encode_scenario(&s);
        let packed = Packed::from_fragment(&link).unwrap();
        assert!(!packed.workspace);
        let json = inflate(&packed.deflated).unwrap();
        assert_eq!(packed.open(Ok(json.clone())), Ok(Link::Scenario(s)));
        // An inflater that got it wrong (one byte changed) is caught by the checksum.
        let mut wrong = json.clone();
        wrong[10] ^= 1;
        assert_eq!(packed.open(Ok(wrong)), Err(LinkError::Corrupt));
        // One that ignored the limit is refused after the fact.
        let huge = vec![b' '; MAX_JSON_BYTES + 1];
        assert_eq!(
            packed.open(Ok(huge)),
            Err(LinkError::TooLarge(Oversize::Content))
        );
        for (error, expected) in [
            (InflateError::Truncated, LinkError::Truncated),
            (InflateError::Corrupt, LinkError::Corrupt),
            (
                InflateError::TooLarge,
                LinkError::TooLarge(Oversize::Content),
            ),
        ] {
            assert_eq!(packed.open(Err(error)), Err(expected));
        }
        assert_eq!(Packed::from_fragment("#s1."), Err(LinkError::Truncated));
        assert!(
            Packed::from_fragment(&encode_workspace(&Workspace::single(preset(
                "design-sprint"
            ))))
            .unwrap()
            .workspace
        );
    }

    #[test]
    fn workspace_round_trip() {
        let w = Workspace::new(
            PRESETS
                .iter()
                .map(|p| p.scenario().expect("preset"))
                .collect(),
            Some(1),
        );
        let link = encode_workspace(&w);
        assert!(link.starts_with("w1."));
        assert_eq!(
            decode_workspace(&format!("#workspace={link}")),
            Ok(w.clone())
        );
        assert_eq!(decode_link(&link), Ok(Link::Workspace(w)));
        assert_eq!(decode_scenario(&link), Err(LinkError::WorkspaceLink));
    }

    /// Measures the lengths quoted in the module documentation (run with `--nocapture` to
    /// see them) and keeps them within bounds that leave room for edits to the presets.
    #[test]
    fn preset_link_lengths() {
        let scenarios: Vec<Scenario> = PRESETS
            .iter()
            .map(|p| p.scenario().expect("preset"))
            .collect();
        for (p, s) in PRESETS.iter().zip(&scenarios) {
            let json = compact(&model::to_json_value(s)).len();
            let link = encode_scenario(s).len();
            println!(
                "{:<20} JSON {json:>5} bytes, link {link:>5} characters",
                p.key
            );
            assert!(link < 600 && link < json, "{}: {link}", p.key);
        }
        let w = Workspace::new(scenarios, None);
        let (json, link) = (w.to_json_string().len(), encode_workspace(&w).len());
        println!(
            "{:<20} JSON {json:>5} bytes, link {link:>5} characters",
            "all five (w1.)"
        );
        assert!(link < 1500, "{link}");
    }

    #[test]
    fn errors_by_kind() {
        let link = encode_scenario(&preset("design-sprint"));
        assert_eq!(decode_scenario(""), Err(LinkError::Empty));
        assert_eq!(decode_scenario("  # "), Err(LinkError::Empty));
        assert_eq!(decode_scenario("#scenario="), Err(LinkError::Empty));
        assert_eq!(decode_scenario("s1."), Err(LinkError::Truncated));
        assert_eq!(
            decode_scenario(&link.replacen("s1.", "s2.", 1)),
            Err(LinkError::UnknownVersion {
                start: link.replacen("s1.", "s2.", 1).chars().take(8).collect()
            })
        );
        assert!(matches!(
            decode_scenario("#æøå"),
            Err(LinkError::UnknownVersion { .. })
        ));
        assert_eq!(decode_scenario("s1.abc+def"), Err(LinkError::NotBase64));
        assert_eq!(decode_scenario("s1.abc def"), Err(LinkError::NotBase64));
        assert_eq!(decode_scenario("s1.AAAAAA=="), Err(LinkError::NotBase64));
        assert_eq!(decode_scenario("s1.A"), Err(LinkError::Truncated));
        assert_eq!(decode_scenario("s1.AAA"), Err(LinkError::Truncated));
        assert_eq!(
            decode_scenario(&link[..link.len() - 5]),
            Err(LinkError::Truncated)
        );
        let long = format!("s1.{}", "A".repeat(MAX_LINK_CHARS));
        assert_eq!(
            decode_scenario(&long),
            Err(LinkError::TooLarge(Oversize::Link {
                chars: MAX_LINK_CHARS + 3
            }))
        );
    }

    #[test]
    fn encoding_within_limits_refuses_what_decoding_would() {
        let s = preset("vaekstpilot-150");
        assert_eq!(encode_scenario_within_limits(&s), Ok(encode_scenario(&s)));

        let long = crate::presets::incompressible(3000);
        let link = encode_scenario(&long);
        assert!(link.len() > MAX_LINK_CHARS, "{}", link.len());
        assert_eq!(
            encode_scenario_within_limits(&long),
            Err(LinkError::TooLarge(Oversize::Link { chars: link.len() }))
        );
        assert_eq!(
            decode_scenario(&link),
            Err(LinkError::TooLarge(Oversize::Link { chars: link.len() }))
        );

        let mut huge = preset("design-sprint");
        huge.name = "a".repeat(MAX_JSON_BYTES);
        assert_eq!(
            encode_scenario_within_limits(&huge),
            Err(LinkError::TooLarge(Oversize::Content))
        );
        let unpacked = Unpacked::scenario(&huge);
        assert_eq!(
            unpacked.seal_within_limits(b""),
            Err(LinkError::TooLarge(Oversize::Content))
        );
    }

    #[test]
    fn the_limits_themselves_are_allowed() {
        assert_eq!(check_link_length(&"A".repeat(MAX_LINK_CHARS)), Ok(()));
        assert_eq!(
            check_link_length(&"A".repeat(MAX_LINK_CHARS + 1)),
            Err(LinkError::TooLarge(Oversize::Link {
                chars: MAX_LINK_CHARS + 1
            }))
        );
        // Over the limit in bytes but exactly at it in characters: not base64, not too long.
        let accented = format!("æ{}", "A".repeat(MAX_LINK_CHARS - 1));
        assert_eq!(check_link_length(&accented), Err(LinkError::NotBase64));
        assert_eq!(check_json_size(MAX_JSON_BYTES), Ok(()));
        assert_eq!(
            check_json_size(MAX_JSON_BYTES + 1),
            Err(LinkError::TooLarge(Oversize::Content))
        );
    }

    #[test]
    fn the_readers_errors_are_the_source() {
        use std::error::Error;
        let mut v = model::to_json_value(&preset("design-sprint"));
        v["years"] = 0.into();
        let link = Unpacked {
            marker: SCENARIO_MARKER,
            json: compact(&v),
        }
        .seal_with_miniz();
        let invalid = decode_scenario(&link).unwrap_err();
        assert!(matches!(invalid, LinkError::Invalid(_)), "{invalid:?}");
        assert_eq!(
            invalid.source().map(ToString::to_string),
            Some("years: must be at least 1, got 0".to_string())
        );
        let link = Unpacked {
            marker: WORKSPACE_MARKER,
            json: r#"{"cofund_workspace":9}"#.into(),
        }
        .seal_with_miniz();
        let workspace = decode_workspace(&link).unwrap_err();
        assert!(
            matches!(workspace, LinkError::InvalidWorkspace(_)),
            "{workspace:?}"
        );
        assert!(workspace
            .source()
            .is_some_and(|e| e.to_string().contains("newer version")));
        assert!(LinkError::Corrupt.source().is_none());
    }

    #[test]
    fn any_raw_deflate_of_the_json_makes_a_link() {
        // The app seals with the browser's deflater, whose output differs from miniz's.
        let s = preset("vaekstpilot-150");
        let unpacked = Unpacked::scenario(&s);
        for level in [0, 1, 6] {
            let deflated = miniz_oxide::deflate::compress_to_vec(unpacked.json.as_bytes(), level);
            let link = unpacked.seal(&deflated);
            assert!(link.starts_with(SCENARIO_MARKER));
            assert_eq!(decode_scenario(&link), Ok(s.clone()), "level {level}");
        }
        let w = Workspace::new(vec![s.clone(), preset("design-sprint")], Some(1));
        let unpacked = Unpacked::workspace(&w);
        let link = unpacked.seal(&miniz_oxide::deflate::compress_to_vec(
            unpacked.json.as_bytes(),
            1,
        ));
        assert_eq!(decode_workspace(&link), Ok(w));
    }

    #[test]
    fn checksum_catches_a_changed_digit() {
        // Same deflate stream, other JSON: only the checksum can tell.
        let s = preset("vaekstpilot-150");
        let json = compact(&model::to_json_value(&s));
        let mut payload = crc32(b"something else").to_le_bytes().to_vec();
        payload.extend(miniz_oxide::deflate::compress_to_vec(
            json.as_bytes(),
            LEVEL,
        ));
        let link = format!("s1.{}", URL_SAFE_NO_PAD.encode(payload));
        assert_eq!(decode_scenario(&link), Err(LinkError::Corrupt));
    }

    #[test]
    fn invalid_content_names_the_path() {
        let mut v = model::to_json_value(&preset("vaekstpilot-150"));
        v["sources"][0]["rate"] = "150".into();
        let link = Unpacked {
            marker: SCENARIO_MARKER,
            json: compact(&v),
        }
        .seal_with_miniz();
        let err = decode_scenario(&link).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the scenario in the link is not valid: sources[0].rate: must be between 0 and 100, got \"150\""
        );
        assert_eq!(
            err.message(Lang::Da),
            "scenariet i linket er ikke gyldigt: sources[0].rate: skal være mellem 0 og 100, fik \"150\""
        );
        // A bare scenario inside a workspace link is refused, not migrated.
        let link = Unpacked {
            marker: WORKSPACE_MARKER,
            json: compact(&model::to_json_value(&preset("design-sprint"))),
        }
        .seal_with_miniz();
        let err = decode_workspace(&link).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the workspace in the link is not valid: cofund_workspace: is missing"
        );
    }

    #[test]
    fn every_error_has_both_messages() {
        let errors = [
            LinkError::Empty,
            LinkError::UnknownVersion {
                start: "x9.".into(),
            },
            LinkError::WorkspaceLink,
            LinkError::NotBase64,
            LinkError::Truncated,
            LinkError::Corrupt,
            LinkError::TooLarge(Oversize::Link { chars: 70_000 }),
            LinkError::TooLarge(Oversize::Content),
        ];
        for e in errors {
            let (da, en) = (e.message(Lang::Da), e.message(Lang::En));
            assert!(!da.is_empty() && !en.is_empty() && da != en, "{e:?}");
        }
        assert_eq!(
            LinkError::TooLarge(Oversize::Link { chars: 70_000 }).message(Lang::Da),
            "linket er for langt: 70.000 tegn; højst 65.536 tegn kan læses"
        );
        // The link's start in the language's quotation marks, as the number errors quote.
        let unknown = LinkError::UnknownVersion {
            start: "garbage".into(),
        };
        assert!(unknown
            .message(Lang::Da)
            .contains("(det begynder med »garbage«;"));
        assert!(unknown
            .message(Lang::En)
            .contains("(it starts with “garbage”;"));
    }
}
