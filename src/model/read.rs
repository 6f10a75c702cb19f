//! Reading a scenario file (format 1) and checking every rule of the contract.
//!
//! The reader walks a `serde_json::Value` by hand instead of deriving `Deserialize`: that
//! is what lets every refusal name the exact field path and the value as written, accept
//! amounts both as decimal strings and as plain JSON numbers (read from their text thanks
//! to serde_json's `arbitrary_precision`, so never through an `f64`), and refuse unknown
//! fields, which in practice are typos such as `"eligable"`.

use std::collections::HashMap;

use rust_decimal::prelude::{Decimal, ToPrimitive};
use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::error::{Problem, ScenarioError};
use super::scenario::*;

const TOP_FIELDS: &[&str] = &[
    "format", "name", "currency", "years", "drivers", "costs", "sources",
];
const DRIVER_FIELDS: &[&str] = &["id", "label", "value", "min", "max", "step"];
const COST_FIELDS: &[&str] = &["id", "label", "kind", "driver", "amount", "eligible"];
const SOURCE_FIELDS: &[&str] = &[
    "id", "label", "kind", "rate", "of", "cap", "driver", "amount",
];
// The fields each kind uses: a field of another kind (a `rate` left on a `per_year`
// source after its kind was changed) would otherwise be silently ignored.
const COST_FIELDS_PLAIN: &[&str] = &["id", "label", "kind", "amount", "eligible"];
const SOURCE_FIELDS_SHARE: &[&str] = &["id", "label", "kind", "rate", "of", "cap"];
const SOURCE_FIELDS_PER_UNIT: &[&str] = &["id", "label", "kind", "driver", "amount"];
const SOURCE_FIELDS_AMOUNT: &[&str] = &["id", "label", "kind", "amount"];
const SOURCE_FIELDS_RESIDUAL: &[&str] = &["id", "label", "kind", "cap"];
pub(crate) const COST_KINDS: &[&str] = &["fixed", "per_unit", "per_year", "per_unit_per_year"];
pub(crate) const SOURCE_KINDS: &[&str] = &["share", "per_unit", "fixed", "per_year", "residual"];

/// Reads and validates a scenario document from JSON text.
pub fn from_json_str(text: &str) -> Result<Scenario, ScenarioError> {
    from_json_value(&parse_json(text)?)
}

/// serde_json's message ends in " at line L column C"; the position is reported separately.
fn without_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(at) => message[..at].to_string(),
        None => message.to_string(),
    }
}

/// Parses JSON text, reporting a syntax error with its line and column, and a field given
/// twice in one object. Shared by every reader of Cofund documents (scenarios, workspaces,
/// files, links).
pub fn parse_json(text: &str) -> Result<Value, ScenarioError> {
    match serde_json::from_str::<Unrepeated>(text) {
        Ok(Unrepeated(value)) => Ok(value),
        Err(e) => {
            let (line, column) = position(text, &e);
            let detail = without_position(&e.to_string());
            let problem = match detail.strip_prefix(REPEATED_KEY) {
                Some(key) => Problem::RepeatedField {
                    field: key.to_string(),
                    line,
                    column,
                },
                None => Problem::Syntax {
                    line,
                    column,
                    detail,
                },
            };
            Err(ScenarioError::new("", problem))
        }
    }
}

/// Where in `text` serde_json's error `e` is: line and column from 1, the column counted
/// in characters, as a text editor shows them.
///
/// serde_json gives the last byte it read, which is not always the place to show: a text
/// that ends too early ends *after* its last character (`{` ends at column 2, not 1, and a
/// text whose last line is empty ends on that line), serde_json's column counts bytes (`æ`
/// is two), and a line break it read (one inside a text) it gives as column 0 of the next
/// line, where the break ends the line before.
fn position(text: &str, e: &serde_json::Error) -> (usize, usize) {
    let at = if e.classify() == serde_json::error::Category::Eof {
        text.len()
    } else {
        // The start of line `e.line()`, then the byte at column `e.column()` on it (column
        // 0: the line break before it).
        let start = match e.line() {
            0 | 1 => 0,
            n => text
                .match_indices('\n')
                .nth(n - 2)
                .map_or(text.len(), |(i, _)| i + 1),
        };
        match e.column() {
            0 => start.saturating_sub(1),
            c => start.saturating_add(c - 1).min(text.len()),
        }
    };
    let mut at = at;
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// How [`Unrepeated`] marks its own error among serde_json's (followed by the field name).
const REPEATED_KEY: &str = "repeated key: ";

/// A JSON value whose objects have each key once. serde_json keeps the last of two equal
/// keys, so a hand-edited `{"rate": "50", "rate": "150"}` would silently become 150 %;
/// like an unknown field, a repeated one is refused instead.
struct Unrepeated(Value);

impl<'de> Deserialize<'de> for Unrepeated {
    fn deserialize<D: Deserializer<'de>>(input: D) -> Result<Self, D::Error> {
        input.deserialize_any(UnrepeatedVisitor).map(Unrepeated)
    }
}

struct UnrepeatedVisitor;

impl<'de> Visitor<'de> for UnrepeatedVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    // With `arbitrary_precision` serde_json hands numbers over as text (in `visit_map`
    // below); these two are for completeness, and no `f64` is ever accepted.
    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        let mut list = Vec::new();
        while let Some(Unrepeated(item)) = items.next_element()? {
            list.push(item);
        }
        Ok(Value::Array(list))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut entries: A) -> Result<Value, A::Error> {
        let mut object = Map::new();
        while let Some(key) = entries.next_key::<String>()? {
            // serde_json's way of passing an `arbitrary_precision` number through a
            // visitor: a one-entry map under this key, holding the number's text.
            if object.is_empty() && key == "$serde_json::private::Number" {
                let text: String = entries.next_value()?;
                return text.parse().map(Value::Number).map_err(de::Error::custom);
            }
            if object.contains_key(&key) {
                return Err(de::Error::custom(format_args!("{REPEATED_KEY}{key}")));
            }
            let Unrepeated(value) = entries.next_value()?;
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// Reads and validates a scenario document from an already parsed JSON value.
pub fn from_json_value(value: &Value) -> Result<Scenario, ScenarioError> {
    let top = Obj::new(value, String::new())?;
    // The version first: a newer file's new fields are then explained by its version,
    // not refused one by one as unknown.
    let format = top.required("format")?;
    let format_path = top.path("format");
    let unsupported =
        || ScenarioError::new(&format_path, Problem::UnsupportedFormat).got(show(format));
    match whole_number(format, &format_path) {
        Ok(version) if version == Decimal::from(FORMAT_VERSION) => {}
        Ok(_) => return Err(unsupported()),
        // A version too large for a decimal is still a version number, one of a reader
        // newer than this one: said as such, not as an amount beyond exact arithmetic.
        Err(e) if e.problem() == &Problem::Overflow => return Err(unsupported()),
        Err(e) => return Err(e),
    }
    top.refuse_unknown(TOP_FIELDS)?;

    let name = top.optional_text("name")?.unwrap_or_default();
    let currency = top
        .optional_text("currency")?
        .unwrap_or_else(|| "DKK".to_string());
    if currency != "DKK" {
        return Err(
            ScenarioError::new("currency", Problem::UnsupportedCurrency).got(quote(&currency))
        );
    }

    let years_value = top.required("years")?;
    let too_many_years = || {
        ScenarioError::new(
            "years",
            Problem::AboveMax {
                max: u32::MAX.into(),
            },
        )
        .got(show(years_value))
    };
    // Beyond exact arithmetic is beyond the years' limit too: one message for every
    // whole number above it, not a word about 7,9 · 10^28 from 29 digits on (a review).
    let negative = match years_value {
        Value::String(text) => text.starts_with('-'),
        Value::Number(n) => n.as_str().starts_with('-'),
        _ => false,
    };
    let years = whole_number(years_value, "years").map_err(|e| match e.problem() {
        Problem::Overflow if negative => {
            ScenarioError::new("years", Problem::YearsBelowOne).got(show(years_value))
        }
        Problem::Overflow => too_many_years(),
        _ => e,
    })?;
    if years < Decimal::ONE {
        return Err(ScenarioError::new("years", Problem::YearsBelowOne).got(show(years_value)));
    }
    let years = years.to_u32().ok_or_else(too_many_years)?;

    let drivers = top
        .optional_array("drivers")?
        .iter()
        .enumerate()
        .map(|(i, v)| read_driver(v, format!("drivers[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    let costs = top
        .optional_array("costs")?
        .iter()
        .enumerate()
        .map(|(i, v)| read_cost(v, format!("costs[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;
    let sources = top
        .optional_array("sources")?
        .iter()
        .enumerate()
        .map(|(i, v)| read_source(v, format!("sources[{i}]")))
        .collect::<Result<Vec<_>, _>>()?;

    let scenario = Scenario {
        name,
        currency,
        years,
        drivers,
        costs,
        sources,
    };
    validate(&scenario)?;
    Ok(scenario)
}

fn read_driver(value: &Value, path: String) -> Result<Driver, ScenarioError> {
    let obj = Obj::new(value, path)?;
    obj.refuse_unknown(DRIVER_FIELDS)?;
    let id = obj.id()?;
    Ok(Driver {
        label: obj.optional_text("label")?.unwrap_or_else(|| id.clone()),
        id,
        value: obj.required_decimal("value")?,
        min: obj.optional_decimal("min")?,
        max: obj.optional_decimal("max")?,
        step: obj.optional_decimal("step")?,
    })
}

fn read_cost(value: &Value, path: String) -> Result<CostLine, ScenarioError> {
    let obj = Obj::new(value, path)?;
    obj.refuse_unknown(COST_FIELDS)?;
    let id = obj.id()?;
    let tag = obj.kind(COST_KINDS)?;
    obj.refuse_unknown(match tag {
        "fixed" | "per_year" => COST_FIELDS_PLAIN,
        _ => COST_FIELDS,
    })?;
    let kind = match tag {
        "fixed" => CostKind::Fixed,
        "per_unit" => CostKind::PerUnit {
            driver: obj.required_text("driver")?,
        },
        "per_year" => CostKind::PerYear,
        _ => CostKind::PerUnitPerYear {
            driver: obj.required_text("driver")?,
        },
    };
    Ok(CostLine {
        label: obj.optional_text("label")?.unwrap_or_else(|| id.clone()),
        id,
        kind,
        amount: obj.required_decimal("amount")?,
        eligible: obj.optional_bool("eligible")?.unwrap_or(true),
    })
}

fn read_source(value: &Value, path: String) -> Result<Source, ScenarioError> {
    let obj = Obj::new(value, path)?;
    obj.refuse_unknown(SOURCE_FIELDS)?;
    let id = obj.id()?;
    let tag = obj.kind(SOURCE_KINDS)?;
    obj.refuse_unknown(match tag {
        "share" => SOURCE_FIELDS_SHARE,
        "per_unit" => SOURCE_FIELDS_PER_UNIT,
        "fixed" | "per_year" => SOURCE_FIELDS_AMOUNT,
        _ => SOURCE_FIELDS_RESIDUAL,
    })?;
    let kind = match tag {
        "share" => SourceKind::Share {
            rate: obj.required_decimal("rate")?,
            of: match obj.optional_text("of")?.as_deref() {
                None => Base::Eligible,
                Some(tag) => Base::from_tag(tag).ok_or_else(|| {
                    ScenarioError::new(
                        obj.path("of"),
                        Problem::UnknownKind {
                            allowed: Base::TAGS,
                        },
                    )
                    .got(quote(tag))
                })?,
            },
            cap: obj.optional_decimal("cap")?,
        },
        "per_unit" => SourceKind::PerUnit {
            driver: obj.required_text("driver")?,
            amount: obj.required_decimal("amount")?,
        },
        "fixed" => SourceKind::Fixed {
            amount: obj.required_decimal("amount")?,
        },
        "per_year" => SourceKind::PerYear {
            amount: obj.required_decimal("amount")?,
        },
        _ => SourceKind::Residual {
            cap: obj.optional_decimal("cap")?,
        },
    };
    Ok(Source {
        label: obj.optional_text("label")?.unwrap_or_else(|| id.clone()),
        id,
        kind,
    })
}

/// Checks the rules that span fields: signs, ranges, references, uniqueness.
/// Called by the reader, and by editors after every change.
pub fn validate(s: &Scenario) -> Result<(), ScenarioError> {
    if s.years < 1 {
        return Err(ScenarioError::new("years", Problem::YearsBelowOne).got(s.years.to_string()));
    }
    if s.currency != "DKK" {
        return Err(
            ScenarioError::new("currency", Problem::UnsupportedCurrency).got(quote(&s.currency))
        );
    }

    let mut driver_ids: HashMap<&str, usize> = HashMap::new();
    for (i, d) in s.drivers.iter().enumerate() {
        let at = Item("drivers", i);
        unique_id(&mut driver_ids, &d.id, at)?;
        non_negative(d.value, at, "value")?;
        for (field, v) in [("min", d.min), ("max", d.max)] {
            if let Some(v) = v {
                non_negative(v, at, field)?;
            }
        }
        if let (Some(min), Some(max)) = (d.min, d.max) {
            if min > max {
                return Err(ScenarioError::new(at.field("min"), Problem::MinAboveMax)
                    .got(format!("min {min}, max {max}")));
            }
        }
        if let Some(step) = d.step {
            if step <= Decimal::ZERO {
                return Err(
                    ScenarioError::new(at.field("step"), Problem::StepNotPositive)
                        .got(quote(&step.to_string())),
                );
            }
        }
    }
    let mut cost_ids = HashMap::new();
    for (i, c) in s.costs.iter().enumerate() {
        let at = Item("costs", i);
        unique_id(&mut cost_ids, &c.id, at)?;
        non_negative(c.amount, at, "amount")?;
        if let Some(driver) = c.kind.driver() {
            known_driver(&driver_ids, driver, at)?;
        }
    }

    let mut source_ids = HashMap::new();
    let mut residual: Option<Item> = None;
    for (i, src) in s.sources.iter().enumerate() {
        let at = Item("sources", i);
        unique_id(&mut source_ids, &src.id, at)?;
        match &src.kind {
            SourceKind::Share { rate, .. } => {
                if *rate < Decimal::ZERO || *rate > Decimal::ONE_HUNDRED {
                    return Err(
                        ScenarioError::new(at.field("rate"), Problem::RateOutOfRange)
                            .got(quote(&rate.to_string())),
                    );
                }
            }
            SourceKind::PerUnit { driver, amount } => {
                known_driver(&driver_ids, driver, at)?;
                non_negative(*amount, at, "amount")?;
            }
            SourceKind::Fixed { amount } | SourceKind::PerYear { amount } => {
                non_negative(*amount, at, "amount")?;
            }
            SourceKind::Residual { .. } => {
                if let Some(first) = residual {
                    return Err(ScenarioError::new(
                        at.field("kind"),
                        Problem::SecondResidual {
                            first: first.path(),
                        },
                    )
                    .got("\"residual\""));
                }
                residual = Some(at);
            }
        }
        if let Some(cap) = src.kind.cap() {
            non_negative(cap, at, "cap")?;
        }
    }
    Ok(())
}

/// Where an item sits in the scenario, e.g. `costs[3]`. Validation runs on every keystroke
/// over every line, so the path is only spelt out when there is an error to report.
#[derive(Clone, Copy)]
struct Item(&'static str, usize);

impl Item {
    fn path(self) -> String {
        format!("{}[{}]", self.0, self.1)
    }

    fn field(self, name: &str) -> String {
        format!("{}[{}].{name}", self.0, self.1)
    }
}

/// Ids are unique within their list; `seen` maps each id to the index of its first use.
fn unique_id<'a>(
    seen: &mut HashMap<&'a str, usize>,
    id: &'a str,
    at: Item,
) -> Result<(), ScenarioError> {
    if id.trim().is_empty() {
        return Err(ScenarioError::new(at.field("id"), Problem::Empty).got(quote(id)));
    }
    if let Some(&first) = seen.get(id) {
        return Err(ScenarioError::new(
            at.field("id"),
            Problem::DuplicateId {
                first: Item(at.0, first).path(),
            },
        )
        .got(quote(id)));
    }
    seen.insert(id, at.1);
    Ok(())
}

fn known_driver(drivers: &HashMap<&str, usize>, id: &str, at: Item) -> Result<(), ScenarioError> {
    if drivers.contains_key(id) {
        Ok(())
    } else {
        Err(ScenarioError::new(at.field("driver"), Problem::UnknownDriver).got(quote(id)))
    }
}

fn non_negative(value: Decimal, at: Item, field: &str) -> Result<(), ScenarioError> {
    if value.is_sign_negative() && !value.is_zero() {
        Err(ScenarioError::new(at.field(field), Problem::Negative).got(quote(&value.to_string())))
    } else {
        Ok(())
    }
}

/// Parses a decimal in the contract's canonical form: optional `-`, digits, optionally a
/// `.` and more digits. Plain JSON numbers may also use an exponent (`1e6`).
pub fn parse_decimal(value: &Value, path: &str) -> Result<Decimal, ScenarioError> {
    let error = |problem| ScenarioError::new(path, problem).got(show(value));
    match value {
        Value::String(text) if is_canonical_decimal(text) => exact_decimal(text).map_err(error),
        Value::String(_) => Err(error(Problem::NotADecimal)),
        Value::Number(n) => exact_number(n.as_str()).map_err(error),
        _ => Err(error(Problem::WrongType {
            expected: "a number or a decimal string",
        })),
    }
}

/// The exact value of `-?digits(.digits)?`, judged by its digits, not by the zeros around
/// them: from 30 whole digits on it is too large; with a digit other than 0 beyond the
/// 28th decimal, too precise. Within 28 decimals it keeps its scale as written
/// (`12500.50`); trailing zeros that do not fit beside its digits are dropped (`100000.`
/// and 24 zeros is 100000, as are 23 and 29).
///
/// rust_decimal sees neither leading zeros nor more digits than a `Decimal` can hold: its
/// parser calls itself once per digit, and 50.000 leading zeros overflowed the stack.
/// (Slices of the text, not a new string: this is in the widget's download.)
fn exact_decimal(text: &str) -> Result<Decimal, Problem> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = whole.trim_start_matches('0');
    let significant = fraction.trim_end_matches('0');
    if digits.len() > 29 {
        return Err(Problem::Overflow);
    }
    if significant.len() > 28 {
        return Err(Problem::TooPrecise);
    }
    // From the first digit that is not a leading zero, or from the last zero (`0.5`).
    let from = whole.len() - digits.len() - usize::from(digits.is_empty());
    let trimmed = match significant.len() {
        0 => &unsigned[from..whole.len()],
        n => &unsigned[from..whole.len() + 1 + n],
    };
    let read = |text: &str| {
        Decimal::from_str_exact(text).map_err(|e| match e {
            rust_decimal::Error::Underflow
            | rust_decimal::Error::ScaleExceedsMaximumPrecision(_) => Problem::TooPrecise,
            _ => Problem::Overflow,
        })
    };
    let value = if fraction.len() > 28 {
        read(trimmed)
    } else {
        read(&unsigned[from..]).or_else(|e| {
            if significant.len() < fraction.len() {
                read(trimmed)
            } else {
                Err(e)
            }
        })
    }?;
    Ok(if text.starts_with('-') { -value } else { value })
}

/// The exact value of a number as JSON and JavaScript write it: `-?digits(.digits)?`,
/// optionally with an exponent (`1e6`, `1.5e-7`), as [`parse_decimal`] reads it; `None`
/// for any other text. For the editor's slider, whose value is JavaScript's number text.
pub fn read_number(text: &str) -> Option<Decimal> {
    let (mantissa, exponent) = text.split_once(['e', 'E']).unwrap_or((text, "0"));
    let exponent_digits = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
    let canonical = is_canonical_decimal(mantissa)
        && !exponent_digits.is_empty()
        && exponent_digits.bytes().all(|b| b.is_ascii_digit());
    canonical.then(|| exact_number(text).ok()).flatten()
}

/// A number with an exponent or without. With one, its value's size decides: the
/// mantissa's whole digits plus the exponent. From 29 whole digits on (`1e400`, `1000…0e-1`)
/// it is too large; below that (`1e-40`), it has digits too far after the point. The point
/// is moved here, not by rust_decimal's `from_scientific`, which brought a second copy of
/// its parser into the widget (2,9 KB) and reads a long mantissa by calling itself per digit.
fn exact_number(text: &str) -> Result<Decimal, Problem> {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return exact_decimal(text);
    };
    // Zero is zero whatever its exponent (`0e29`, `0.0E-99999999999`).
    if mantissa.bytes().all(|b| matches!(b, b'0' | b'.' | b'-')) {
        return Ok(Decimal::ZERO);
    }
    let shift = exponent.parse::<i64>().ok();
    let size = || {
        let whole = mantissa.trim_start_matches('-');
        let whole = whole.split('.').next().unwrap_or_default();
        let whole_digits = whole.trim_start_matches('0').len() as i64;
        match shift {
            Some(exp) if whole_digits.saturating_add(exp) >= 29 => Problem::Overflow,
            Some(_) => Problem::TooPrecise,
            // An exponent beyond i64 is judged by its sign.
            None if exponent.starts_with('-') => Problem::TooPrecise,
            None => Problem::Overflow,
        }
    };
    // A whole mantissa's trailing zeros go into the exponent: 1 and 29 zeros e-24 is 100000.
    let (mantissa, zeros) = match mantissa.contains('.') {
        true => (mantissa, 0),
        false => {
            let digits = mantissa.trim_end_matches('0');
            (digits, (mantissa.len() - digits.len()) as i64)
        }
    };
    let (Ok(mut value), Some(shift)) = (exact_decimal(mantissa), shift) else {
        return Err(size());
    };
    let shift = shift.saturating_add(zeros);
    if shift < 0 {
        // The point moves left: a larger scale, within 28 once trailing zeros are gone.
        value = value.normalize();
        let scale = i64::from(value.scale()).saturating_sub(shift);
        let scale = u32::try_from(scale)
            .ok()
            .filter(|s| *s <= 28)
            .ok_or_else(size)?;
        value.set_scale(scale).map_err(|_| size())?;
    } else {
        // The point moves right: first through the decimals, then by tens.
        let scale = i64::from(value.scale());
        let tens = shift.saturating_sub(scale);
        value
            .set_scale(u32::try_from(scale.saturating_sub(shift).max(0)).unwrap_or(0))
            .map_err(|_| size())?;
        for _ in 0..tens.clamp(0, 30) {
            value = value.checked_mul(Decimal::TEN).ok_or_else(size)?;
        }
        if tens >= 30 {
            return Err(size());
        }
    }
    Ok(value)
}

/// `-?[0-9]+(\.[0-9]+)?` without a regex engine.
fn is_canonical_decimal(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    let (int, frac) = match digits.split_once('.') {
        Some((int, frac)) => (int, Some(frac)),
        None => (digits, None),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    all_digits(int) && frac.is_none_or(all_digits)
}

fn whole_number(value: &Value, path: &str) -> Result<Decimal, ScenarioError> {
    let d = parse_decimal(value, path).map_err(|e| match e.problem() {
        Problem::NotADecimal | Problem::WrongType { .. } => ScenarioError::new(
            path,
            Problem::WrongType {
                expected: "a whole number",
            },
        )
        .got(show(value)),
        _ => e,
    })?;
    // (`trunc() !=`, not `fract()`: fract subtracts, and a wasm program would carry a
    // copy of Decimal's subtraction for it alone.)
    if d.trunc() != d {
        return Err(ScenarioError::new(path, Problem::NotWhole).got(show(value)));
    }
    Ok(d)
}

/// The value as the user wrote it, for messages: strings in quotes, the rest as JSON.
/// Also the workspace reader's (`storage::workspace`), so both documents quote alike.
pub(crate) fn show(value: &Value) -> String {
    let text = value.to_string();
    // Long values (a pasted document in the wrong field) would drown the message.
    if text.chars().count() > 60 {
        let cut: String = text.chars().take(57).collect();
        format!("{cut}...")
    } else {
        text
    }
}

fn quote(text: &str) -> String {
    show(&Value::String(text.to_string()))
}

/// A JSON object with its path, for reading fields with good messages.
struct Obj<'a> {
    map: &'a Map<String, Value>,
    path: String,
}

impl<'a> Obj<'a> {
    fn new(value: &'a Value, path: String) -> Result<Self, ScenarioError> {
        match value {
            Value::Object(map) => Ok(Obj { map, path }),
            other => Err(ScenarioError::new(
                path,
                Problem::WrongType {
                    expected: "an object",
                },
            )
            .got(show(other))),
        }
    }

    fn path(&self, field: &str) -> String {
        if self.path.is_empty() {
            field.to_string()
        } else {
            format!("{}.{field}", self.path)
        }
    }

    fn refuse_unknown(&self, allowed: &'static [&'static str]) -> Result<(), ScenarioError> {
        match self.map.keys().find(|k| !allowed.contains(&k.as_str())) {
            Some(field) => Err(ScenarioError::new(
                self.path(field),
                Problem::UnknownField { allowed },
            )
            .got(show(&self.map[field]))),
            None => Ok(()),
        }
    }

    fn required(&self, field: &str) -> Result<&'a Value, ScenarioError> {
        match self.map.get(field) {
            Some(Value::Null) | None => Err(ScenarioError::new(self.path(field), Problem::Missing)),
            Some(v) => Ok(v),
        }
    }

    fn optional(&self, field: &str) -> Option<&'a Value> {
        self.map.get(field).filter(|v| !v.is_null())
    }

    fn text_of(&self, field: &str, value: &Value) -> Result<String, ScenarioError> {
        match value {
            Value::String(s) => Ok(s.clone()),
            other => Err(ScenarioError::new(
                self.path(field),
                Problem::WrongType {
                    expected: "a string",
                },
            )
            .got(show(other))),
        }
    }

    fn required_text(&self, field: &str) -> Result<String, ScenarioError> {
        let text = self.text_of(field, self.required(field)?)?;
        if text.trim().is_empty() {
            return Err(ScenarioError::new(self.path(field), Problem::Empty).got(quote(&text)));
        }
        Ok(text)
    }

    fn optional_text(&self, field: &str) -> Result<Option<String>, ScenarioError> {
        self.optional(field)
            .map(|v| self.text_of(field, v))
            .transpose()
    }

    fn id(&self) -> Result<String, ScenarioError> {
        self.required_text("id")
    }

    fn kind(&self, allowed: &'static [&'static str]) -> Result<&'static str, ScenarioError> {
        let text = self.required_text("kind")?;
        allowed
            .iter()
            .find(|k| **k == text)
            .copied()
            .ok_or_else(|| {
                ScenarioError::new(self.path("kind"), Problem::UnknownKind { allowed })
                    .got(quote(&text))
            })
    }

    fn required_decimal(&self, field: &str) -> Result<Decimal, ScenarioError> {
        parse_decimal(self.required(field)?, &self.path(field))
    }

    fn optional_decimal(&self, field: &str) -> Result<Option<Decimal>, ScenarioError> {
        self.optional(field)
            .map(|v| parse_decimal(v, &self.path(field)))
            .transpose()
    }

    fn optional_bool(&self, field: &str) -> Result<Option<bool>, ScenarioError> {
        match self.optional(field) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(*b)),
            Some(other) => Err(ScenarioError::new(
                self.path(field),
                Problem::WrongType {
                    expected: "true or false",
                },
            )
            .got(show(other))),
        }
    }

    fn optional_array(&self, field: &str) -> Result<&'a [Value], ScenarioError> {
        match self.optional(field) {
            None => Ok(&[]),
            Some(Value::Array(items)) => Ok(items),
            Some(other) => Err(ScenarioError::new(
                self.path(field),
                Problem::WrongType {
                    expected: "an array",
                },
            )
            .got(show(other))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Line and column of the syntax error in `text`.
    fn syntax_at(text: &str) -> (usize, usize) {
        match parse_json(text).expect_err("not JSON").problem() {
            Problem::Syntax { line, column, .. } | Problem::RepeatedField { line, column, .. } => {
                (*line, *column)
            }
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn a_text_that_ends_too_early_is_placed_where_it_ends() {
        // The report: `{` was "line 1, column 1", the place of its last character.
        assert_eq!(syntax_at("{"), (1, 2));
        assert_eq!(syntax_at("{\"format\": 1"), (1, 13));
        assert_eq!(syntax_at("[1, 2"), (1, 6));
        // A text that ends with a line break ends at the start of the line after it (not
        // at serde_json's "column 0").
        assert_eq!(syntax_at("{\n  \"format\": 1,\n"), (3, 1));
        assert_eq!(syntax_at("{\"a\": 1\n\n"), (3, 1));
        // Columns count characters: `æ` is one, not its two bytes.
        assert_eq!(syntax_at("{\"næme\": \"æ"), (1, 12));
    }

    #[test]
    fn other_syntax_errors_are_placed_on_their_character() {
        assert_eq!(syntax_at("{\"a\": x}"), (1, 7));
        assert_eq!(syntax_at("{\"æø\": x}"), (1, 8));
        assert_eq!(syntax_at("{\n  \"a\": 1,\n  \"b\" 2\n}"), (3, 7));
        // A line break inside a text is the end of its own line, not column 0 of the next.
        assert_eq!(syntax_at("{\"name\": \"a\nb\"}"), (1, 12));
        assert_eq!(syntax_at("{\"a\": 1,\n\"a\": 2}"), (2, 3));
        // serde_json can place an error inside a character (after the first byte of `æ` in
        // a `\u` escape); it is then placed on that character.
        assert_eq!(syntax_at("\"\\u12æ\""), (1, 6));
    }

    #[test]
    fn canonical_decimal_shapes() {
        for ok in ["0", "21900000", "12500.50", "-3", "0.5"] {
            assert!(is_canonical_decimal(ok), "{ok}");
        }
        for bad in [
            "",
            "-",
            "1.",
            ".5",
            "1,5",
            "21.900.000",
            "1_000",
            "+5",
            "1e5",
            " 1",
            "abc",
        ] {
            assert!(!is_canonical_decimal(bad), "{bad}");
        }
    }

    #[test]
    fn json_numbers_keep_their_exact_digits() {
        let v: Value = serde_json::from_str("0.1").unwrap();
        assert_eq!(parse_decimal(&v, "x").unwrap(), Decimal::new(1, 1));
        let v: Value = serde_json::from_str("12345678901234567890.123").unwrap();
        assert_eq!(
            parse_decimal(&v, "x").unwrap().to_string(),
            "12345678901234567890.123"
        );
        let v: Value = serde_json::from_str("1e6").unwrap();
        assert_eq!(parse_decimal(&v, "x").unwrap(), Decimal::from(1_000_000));
    }

    #[test]
    fn zeros_beyond_28_decimals_are_read_as_the_apps_fields_read_them() {
        let read = |json: &str| {
            let v: Value = serde_json::from_str(json).unwrap();
            parse_decimal(&v, "x").map_err(|e| e.problem().clone())
        };
        let zeros = "0".repeat(32);
        assert_eq!(read(&format!("\"150.{zeros}\"")), Ok(Decimal::from(150)));
        assert_eq!(read(&format!("150.{zeros}")), Ok(Decimal::from(150)));
        assert_eq!(
            read(&format!("\"0.{}5{zeros}\"", "0".repeat(27))),
            Ok(Decimal::new(5, 28))
        );
        // A digit beyond the 28th decimal is still refused, zeros or not after it.
        assert_eq!(
            read(&format!("\"0.{}1{zeros}\"", "0".repeat(28))),
            Err(Problem::TooPrecise)
        );
        // Within 28 decimals the scale is kept as written.
        assert_eq!(read("\"12500.50\"").unwrap().scale(), 2);
    }

    #[test]
    fn a_value_is_judged_by_its_digits_not_by_how_many_zeros_surround_them() {
        let read = |json: &str| {
            let v: Value = serde_json::from_str(json).unwrap();
            parse_decimal(&v, "x").map_err(|e| e.problem().clone())
        };
        let hundred_thousand = Ok(Decimal::from(100_000));
        // 50.000 leading zeros overflowed rust_decimal's stack (a review); a file may hold them.
        let many = "0".repeat(50_000);
        assert_eq!(read(&format!("\"{many}100000\"")), hundred_thousand);
        assert_eq!(
            read(&format!("\"-{many}100000.5\"")),
            Ok(Decimal::new(-1_000_005, 1))
        );
        assert_eq!(read(&format!("\"0.{many}1\"")), Err(Problem::TooPrecise));
        assert_eq!(read(&format!("\"1{many}\"")), Err(Problem::Overflow));
        // Trailing zeros that do not fit beside the digits: 24 to 28 of them were refused
        // as too precise, while 23 and 29 were read (a review).
        for n in 20..=32 {
            let zeros = "0".repeat(n);
            assert_eq!(
                read(&format!("\"100000.{zeros}\"")),
                hundred_thousand,
                "{n} zeros"
            );
            assert_eq!(
                read(&format!("100000.{zeros}")),
                hundred_thousand,
                "{n} zeros, a number"
            );
        }
        // An exponent only moves the point.
        assert_eq!(read("100000000000000000000000000000e-24"), hundred_thousand);
        assert_eq!(read("1.5e5"), Ok(Decimal::from(150_000)));
        assert_eq!(read("15e-1"), Ok(Decimal::new(15, 1)));
        assert_eq!(read("-1.25e-30"), Err(Problem::TooPrecise));
        assert_eq!(read("1.25e-26"), Ok(Decimal::new(125, 28)));
        assert_eq!(
            read("7.9e28"),
            Ok(Decimal::from_i128_with_scale(79 * 10i128.pow(27), 0))
        );
        assert_eq!(read("8e28"), Err(Problem::Overflow));
        // A mantissa too long to read is judged by its size alone.
        assert_eq!(read(&format!("1.{many}1e5")), Err(Problem::TooPrecise));
        assert_eq!(read(&format!("1{many}e-5")), Err(Problem::Overflow));
        assert_eq!(
            read("1.50e1").map(|d| d.to_string()),
            Ok("15.0".to_string())
        );
        assert_eq!(read("79228162514264337593543950335"), Ok(Decimal::MAX));
        assert_eq!(
            read("79228162514264337593543950336"),
            Err(Problem::Overflow)
        );
        assert_eq!(
            read("\"0.00\"").map(|d| d.to_string()),
            Ok("0.00".to_string())
        );
        assert_eq!(
            read("\"007.50\"").map(|d| d.to_string()),
            Ok("7.50".to_string())
        );
    }

    #[test]
    fn a_sliders_number_text_is_read_exactly_and_anything_else_is_none() {
        assert_eq!(read_number("160"), Some(Decimal::from(160)));
        assert_eq!(read_number("0.1"), Some(Decimal::new(1, 1)));
        assert_eq!(read_number("1e-7"), Some(Decimal::new(1, 7)));
        assert_eq!(
            read_number("1.5e+21"),
            Some(Decimal::from_i128_with_scale(15 * 10i128.pow(20), 0))
        );
        for bad in [
            "", "abc", ".5", "1.", "1e", "1e+", "e5", "--1", "1,5", "\u{a0}1", "1e5.5",
        ] {
            assert_eq!(read_number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn an_exponent_beyond_i64_is_judged_by_its_sign() {
        // 20-digit exponents do not even parse as i64: a negative one leaves the digits too
        // far after the point, a positive one makes the value too large.
        let problem = |json: &str| {
            let v: Value = serde_json::from_str(json).unwrap();
            parse_decimal(&v, "x").unwrap_err().problem().clone()
        };
        assert_eq!(problem("1e-99999999999999999999"), Problem::TooPrecise);
        assert_eq!(problem("1e99999999999999999999"), Problem::Overflow);
        assert_eq!(problem("1E+99999999999999999999"), Problem::Overflow);
    }

    #[test]
    fn shown_values_are_cut_only_beyond_sixty_characters() {
        // A string of 58 letters is 60 characters with its quotes: shown whole.
        let sixty = Value::String("a".repeat(58));
        assert_eq!(show(&sixty), format!("\"{}\"", "a".repeat(58)));
        let sixty_one = Value::String("a".repeat(59));
        assert_eq!(show(&sixty_one), format!("\"{}...", "a".repeat(56)));
    }

    /// A document with one driver `u` whose range is `min`..`max`.
    fn driver_range(min: &str, max: &str) -> Result<Scenario, ScenarioError> {
        from_json_str(&format!(
            r#"{{"format": 1, "name": "r", "currency": "DKK", "years": 1,
                "drivers": [{{"id": "u", "label": "U", "value": 5, "min": {min}, "max": {max}}}]}}"#
        ))
    }

    #[test]
    fn a_driver_range_of_one_value_is_accepted_and_an_inverted_one_refused() {
        let s = driver_range("5", "5").expect("min equal to max is a range of one value");
        assert_eq!(
            (s.drivers[0].min, s.drivers[0].max),
            (Some(Decimal::from(5)), Some(Decimal::from(5)))
        );
        let err = driver_range("5.1", "5").expect_err("min above max");
        assert_eq!(err.path(), "drivers[0].min");
        assert_eq!(err.problem(), &Problem::MinAboveMax);
    }
}
