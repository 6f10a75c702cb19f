//! Writing scenarios and results as JSON. Every amount is written as a decimal string, so
//! no value ever passes through a binary float on its way to another program.

use rust_decimal::Decimal;
use serde_json::{json, Map, Value};

use super::eval::{Evaluation, Warning};
use super::scenario::{CostKind, Scenario, SourceKind, FORMAT_VERSION};

fn dec(value: Decimal) -> Value {
    Value::String(value.to_string())
}

fn opt_dec(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, dec)
}

/// A computed figure in its shortest exact form: `21900075`, not `21900075.0` (the scale
/// arithmetic leaves behind); values the user gave are written as given, by [`dec`].
fn figure(value: Decimal) -> Value {
    dec(value.normalize())
}

fn opt_figure(value: Option<Decimal>) -> Value {
    value.map_or(Value::Null, figure)
}

/// The scenario as a format 1 document, fields in the contract's order.
pub fn to_json_value(s: &Scenario) -> Value {
    let drivers: Vec<Value> = s
        .drivers
        .iter()
        .map(|d| {
            let mut o = Map::new();
            o.insert("id".into(), d.id.clone().into());
            o.insert("label".into(), d.label.clone().into());
            o.insert("value".into(), dec(d.value));
            for (field, v) in [("min", d.min), ("max", d.max), ("step", d.step)] {
                if let Some(v) = v {
                    o.insert(field.into(), dec(v));
                }
            }
            Value::Object(o)
        })
        .collect();
    let costs: Vec<Value> = s
        .costs
        .iter()
        .map(|c| {
            let mut o = Map::new();
            o.insert("id".into(), c.id.clone().into());
            o.insert("label".into(), c.label.clone().into());
            o.insert("kind".into(), c.kind.tag().into());
            if let CostKind::PerUnit { driver } | CostKind::PerUnitPerYear { driver } = &c.kind {
                o.insert("driver".into(), driver.clone().into());
            }
            o.insert("amount".into(), dec(c.amount));
            if !c.eligible {
                o.insert("eligible".into(), false.into());
            }
            Value::Object(o)
        })
        .collect();
    let sources: Vec<Value> = s
        .sources
        .iter()
        .map(|src| {
            let mut o = Map::new();
            o.insert("id".into(), src.id.clone().into());
            o.insert("label".into(), src.label.clone().into());
            o.insert("kind".into(), src.kind.tag().into());
            match &src.kind {
                SourceKind::Share { rate, of, cap } => {
                    o.insert("rate".into(), dec(*rate));
                    o.insert("of".into(), of.tag().into());
                    if let Some(cap) = cap {
                        o.insert("cap".into(), dec(*cap));
                    }
                }
                SourceKind::PerUnit { driver, amount } => {
                    o.insert("driver".into(), driver.clone().into());
                    o.insert("amount".into(), dec(*amount));
                }
                SourceKind::Fixed { amount } | SourceKind::PerYear { amount } => {
                    o.insert("amount".into(), dec(*amount));
                }
                SourceKind::Residual { cap } => {
                    if let Some(cap) = cap {
                        o.insert("cap".into(), dec(*cap));
                    }
                }
            }
            Value::Object(o)
        })
        .collect();
    json!({
        "format": FORMAT_VERSION,
        "name": s.name,
        "currency": s.currency,
        "years": s.years,
        "drivers": drivers,
        "costs": costs,
        "sources": sources,
    })
}

/// The scenario as pretty-printed format 1 JSON text.
pub fn to_json_string(s: &Scenario) -> String {
    // Serialising a `Value` of strings, numbers and maps cannot fail.
    serde_json::to_string_pretty(&to_json_value(s)).unwrap_or_default()
}

/// The results of an evaluation, as the command line prints them.
pub fn evaluation_to_json(s: &Scenario, e: &Evaluation) -> Value {
    let sources: Vec<Value> = s
        .sources
        .iter()
        .zip(&e.sources)
        .map(|(src, r)| {
            json!({
                "id": src.id,
                "label": src.label,
                "amount": figure(r.amount),
                "share": opt_figure(r.share),
            })
        })
        .collect();
    let per_unit: Map<String, Value> = s
        .drivers
        .iter()
        .zip(&e.per_unit)
        .map(|(d, v)| (d.id.clone(), opt_figure(*v)))
        .collect();
    let warnings: Vec<Value> = e
        .warnings
        .iter()
        .map(|w| {
            let mut o = Map::new();
            o.insert("code".into(), w.code().into());
            match w {
                Warning::Capped {
                    source,
                    uncapped,
                    cap,
                } => {
                    o.insert("source".into(), s.sources[*source].id.clone().into());
                    o.insert("uncapped".into(), figure(*uncapped));
                    o.insert("cap".into(), dec(*cap));
                }
                Warning::Gap { amount } | Warning::Surplus { amount } => {
                    o.insert("amount".into(), figure(*amount));
                }
                Warning::DebRateAboveLimit { source, rate } => {
                    o.insert("source".into(), s.sources[*source].id.clone().into());
                    o.insert("rate".into(), dec(*rate));
                    o.insert("max_rate".into(), dec(super::eval::DEB_MAX_RATE));
                }
                Warning::DebAboveLimit { amount, limit } => {
                    o.insert("amount".into(), figure(*amount));
                    o.insert("limit".into(), figure(*limit));
                    o.insert("max_rate".into(), dec(super::eval::DEB_MAX_RATE));
                }
                Warning::DriverOutOfRange { driver } => {
                    let d = &s.drivers[*driver];
                    o.insert("driver".into(), d.id.clone().into());
                    o.insert("value".into(), dec(d.value));
                    o.insert("min".into(), opt_dec(d.min));
                    o.insert("max".into(), opt_dec(d.max));
                }
            }
            Value::Object(o)
        })
        .collect();
    json!({
        "total_cost": figure(e.total_cost),
        "eligible_cost": figure(e.eligible_cost),
        "sources": sources,
        "funded": figure(e.funded),
        "gap": figure(e.gap),
        "surplus": figure(e.surplus),
        "per_unit": per_unit,
        "warnings": warnings,
    })
}
