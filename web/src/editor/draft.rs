//! A scenario as the user is typing it.
//!
//! Every number is kept as the text the user typed, so a half-typed or mistyped value is
//! never lost or rewritten behind their back. [`Draft::to_scenario`] reads the whole
//! draft with the number rules of the chosen language and either yields a checked
//! [`Scenario`] or the list of fields that are wrong, each with its own message;
//! [`Draft::read`] does the same with a [`ReadCache`] of the previous read.
//!
//! Rows carry a stable [`Key`] (for Yew's keyed lists and for tying an error to its
//! input); the scenario file's ids are kept for rows that came from a file and made up for
//! new rows, since users think in labels, not ids.

use std::fmt;
use std::rc::Rc;

use cofund::model::error::Problem;
use cofund::model::{
    Base, CostKind, CostLine, Driver, Scenario, ScenarioError, Source, SourceKind,
};
use cofund::numbers::{
    format_amount_input, format_input, format_plain, parse_amount, parse_count, parse_rate, Lang,
    NumberError,
};
use cofund::text::label_or_id;
use cofund::Decimal;

use crate::i18n::texts;

/// A row's identity within the editor, stable across edits and reorders.
pub type Key = u32;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub name: String,
    pub years: String,
    pub drivers: Vec<DriverDraft>,
    /// Shared, so that cloning a draft for an edit that does not touch these lists copies
    /// nothing, and the editor can tell in O(1) that they did not change (a 200-line
    /// scenario clones and compares 200 rows otherwise, on every keystroke).
    pub costs: Rc<Vec<CostDraft>>,
    pub sources: Rc<Vec<SourceDraft>>,
    next_key: Key,
    /// Text refused in the language it was typed in that would read in the language shown
    /// now (`1,500`, ambiguous in Danish, is 1.500 in English), with that language: a
    /// language switch must not settle what the user was asked to settle. Each stays
    /// refused while its field holds it, until the field is edited ([`Draft::release`]).
    held: Vec<(FieldId, String, Lang)>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DriverDraft {
    pub key: Key,
    pub id: String,
    pub label: String,
    pub value: String,
    pub min: String,
    pub max: String,
    pub step: String,
    /// What the unit's slider shows; `None` while the unit has never had a range.
    pub slider: Option<Slider>,
}

/// A unit's slider: its range and position. Renewed from the unit's fields whenever they
/// read ([`DriverDraft::renew_slider`]); while Antal, Min. or Maks. is empty or cannot be
/// read, the slider keeps the last range and position that could, so it stays where it was
/// (rather than vanishing, and the layout jumping) and moving it still sets Antal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Slider {
    pub min: Decimal,
    pub max: Decimal,
    pub step: Decimal,
    /// Antal as last read; the slider shows it within `min..=max`.
    pub value: Decimal,
    /// Whether the range or the position is a kept one, not what the fields say now.
    pub stale: bool,
    /// Antal is being typed into, and its hint was not shown before the keystroke: the hint
    /// that it lies outside waits until the typing ends ([`DriverDraft::hold_outside_hint`]).
    pub quiet: bool,
}

impl Slider {
    /// Antal lies outside Min.–Maks. (valid: the slider stands at the range's end).
    pub fn is_outside(&self) -> bool {
        !self.stale && (self.value < self.min || self.value > self.max)
    }

    /// The field and the slider say that Antal lies outside: it does, and no typing holds
    /// the hint back.
    pub fn shows_outside_hint(&self) -> bool {
        self.is_outside() && !self.quiet
    }
}

impl DriverDraft {
    /// What the unit is called where a field or slider needs a name: its label, or, when
    /// the label is blank (a scenario from outside may have one), its id, so that no input
    /// is left without an accessible name.
    pub fn name(&self) -> &str {
        label_or_id(&self.label, &self.id)
    }

    /// Renews [`DriverDraft::slider`] from the fields as they read in `lang`. While Min. or
    /// Maks. gives no range (text that cannot be read, or an empty one: no bound, which is
    /// valid), the last range is kept, widened to take Antal if it lies outside, so the
    /// slider neither jumps nor moves Antal back into an old range. It is `stale` (and says
    /// so) only while a field is marked wrong. The step is not kept: an unreadable or empty
    /// one is 1.
    pub fn renew_slider(&mut self, lang: Lang) {
        let number = |text: &str| parse_count(text, lang).ok();
        let unreadable = |text: &str| !text.trim().is_empty() && number(text).is_none();
        let (min, max) = (number(&self.min), number(&self.max));
        let range = match (min, max) {
            (Some(min), Some(max)) if min < max => Some((min, max)),
            _ => None,
        };
        // What the editor marks as wrong: text that does not read, or Min. above Maks.
        let marked = unreadable(&self.min)
            || unreadable(&self.max)
            || matches!((min, max), (Some(min), Some(max)) if min > max);
        let value = number(&self.value);
        let last = self.slider;
        self.slider = range
            .or(last.map(|s| {
                let value = value.unwrap_or(s.value);
                (s.min.min(value), s.max.max(value))
            }))
            .map(|(min, max)| {
                let position = value.or(last.map(|s| s.value)).unwrap_or(min);
                let step = number(&self.step)
                    .filter(|s| *s > Decimal::ZERO)
                    .unwrap_or(Decimal::ONE);
                Slider {
                    min,
                    max,
                    step: finer_step(step, position, min),
                    value: position,
                    stale: marked || value.is_none(),
                    quiet: false,
                }
            });
    }
}

/// The slider's step: Trin, or a finer one when Antal or Min. has more decimals than Trin.
/// A browser's slider can only stand on a step, so 150,5 pilots with Trin 1 stood at 151;
/// with a step of 0,1 it stands at 150,5, and once Antal is whole again the step is Trin.
/// (Found from the numbers' decimals alone: a common divisor, 0,5 here, was measured at
/// 1 KB more of the widget's wasm, where this is 0,1 KB.)
fn finer_step(step: Decimal, position: Decimal, min: Decimal) -> Decimal {
    let decimals = |number: Decimal| number.normalize().scale();
    let finest = decimals(position).max(decimals(min));
    if finest > decimals(step) {
        Decimal::new(1, finest)
    } else {
        step
    }
}

impl DriverDraft {
    /// While Antal is being typed into, the hint that it lies outside the range does not
    /// come: 2 and 22 on the way to 225 are no counts anyone meant, and a hint of three
    /// lines that came and went with each keystroke moved the form below it up and down (a
    /// QA round at 1920 px). It comes when the typing ends (the focus leaves the field,
    /// where the slider it explains is). One that was shown before this keystroke
    /// (`before`) stays while Antal stays outside, so typing never moves the form.
    pub fn hold_outside_hint(&mut self, before: &DriverDraft) {
        if let Some(now) = self.slider.as_mut() {
            now.quiet = !before.slider.is_some_and(|s| s.shows_outside_hint());
        }
    }

    /// While a field is marked wrong (the slider is `stale`), the slider keeps the range of
    /// `before`, the unit as it was when the field being typed into was begun, rather than
    /// the last keystroke's: "30" on the way to "300" above Maks. is no range anyone meant,
    /// and the slider should stay where it was.
    pub fn keep_range_of(&mut self, before: &DriverDraft) {
        if let (Some(now), Some(old)) = (self.slider.as_mut(), before.slider) {
            if now.stale {
                now.min = old.min.min(now.value);
                now.max = old.max.max(now.value);
            }
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CostKindTag {
    Fixed,
    PerUnit,
    PerYear,
    PerUnitPerYear,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostDraft {
    pub key: Key,
    pub id: String,
    pub label: String,
    pub kind: CostKindTag,
    /// The driver id, for per-unit kinds (kept when switching kinds, so nothing is lost).
    pub driver: String,
    pub amount: String,
    pub eligible: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKindTag {
    Share,
    PerUnit,
    Fixed,
    PerYear,
    Residual,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SourceDraft {
    pub key: Key,
    pub id: String,
    pub label: String,
    pub kind: SourceKindTag,
    pub rate: String,
    pub of: Base,
    pub cap: String,
    pub driver: String,
    pub amount: String,
}

/// Which row of the draft a field belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Row {
    Scenario,
    Driver(Key),
    Cost(Key),
    Source(Key),
}

impl Row {
    /// How the DOM ids of the fields of this row's list begin (`cofund-cost-`; the row's
    /// key and the field's name follow): the one place that spells them.
    pub fn dom_prefix(self) -> &'static str {
        match self {
            Row::Scenario => "cofund-",
            Row::Driver(_) => "cofund-driver-",
            Row::Cost(_) => "cofund-cost-",
            Row::Source(_) => "cofund-source-",
        }
    }
}

/// One input of the editor: a row and the field's name in the scenario format
/// (`amount`, `rate`, `cap`, `value`, `years`, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FieldId {
    pub row: Row,
    pub field: &'static str,
}

impl FieldId {
    pub const fn new(row: Row, field: &'static str) -> Self {
        FieldId { row, field }
    }

    /// The DOM id of the input, unique within the page.
    pub fn dom_id(&self) -> String {
        let list = self.row.dom_prefix();
        match self.row {
            Row::Scenario => format!("{list}{}", self.field),
            Row::Driver(k) | Row::Cost(k) | Row::Source(k) => format!("{list}{k}-{}", self.field),
        }
    }
}

/// A row's name as its legend shows it: its label, or, for a label of nothing but spaces,
/// what an unnamed row of its list is called ("Ny finansieringskilde"). The legend, the
/// row's tools, what they announce and the error banner all name a row so.
pub fn legend_name<'a>(label: &'a str, unnamed: &'a str) -> &'a str {
    cofund::text::label_or_id(label, unnamed)
}

impl Draft {
    /// Every row of the three lists (units, cost lines, sources), in the editor's order.
    pub fn rows(&self) -> impl Iterator<Item = Row> + '_ {
        let drivers = self.drivers.iter().map(|d| Row::Driver(d.key));
        let costs = self.costs.iter().map(|c| Row::Cost(c.key));
        let sources = self.sources.iter().map(|s| Row::Source(s.key));
        drivers.chain(costs).chain(sources)
    }

    /// `row`'s name as its legend shows it ([`legend_name`]; a unit without a label by its
    /// id, as [`DriverDraft::name`]); `None` for the scenario's own fields, or a row the
    /// draft does not have.
    pub fn row_name(&self, row: Row, lang: Lang) -> Option<&str> {
        let t = texts(lang);
        match row {
            Row::Scenario => None,
            Row::Driver(k) => self
                .drivers
                .iter()
                .find(|d| d.key == k)
                .map(|d| legend_name(d.name(), t.new_driver)),
            Row::Cost(k) => self
                .costs
                .iter()
                .find(|c| c.key == k)
                .map(|c| legend_name(&c.label, t.new_cost)),
            Row::Source(k) => self
                .sources
                .iter()
                .find(|s| s.key == k)
                .map(|s| legend_name(&s.label, t.new_source)),
        }
    }

    /// A field as the error summary names it: its row's name ([`Draft::row_name`]) and the
    /// field's label (`Budgetpost pr. vækstpilot: Enhed`); the scenario's own fields by
    /// their label alone.
    pub fn field_name(&self, field: FieldId, lang: Lang) -> String {
        let t = texts(lang);
        let label = match field.field {
            "name" => t.name_label,
            "years" => t.years_label,
            "value" => t.value_label,
            "min" => t.min_label,
            "max" => t.max_label,
            "step" => t.step_label,
            "amount" => t.amount_label,
            "rate" => t.rate_label,
            "cap" => t.cap_label,
            "driver" => t.driver_label,
            "kind" => t.kind_label,
            _ => t.label_label,
        };
        match self.row_name(field.row, lang) {
            Some(name) => format!("{name}: {label}"),
            None => label.to_string(),
        }
    }
}

impl fmt::Display for FieldId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.dom_id())
    }
}

/// A field whose text cannot be used, and why (in the chosen language).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: FieldId,
    pub message: String,
    /// The text is the beginning of a number the field takes (`21,` on the way to `21,9`):
    /// shown once the user stops typing, not at every keystroke of a valid number.
    pub unfinished: bool,
}

impl From<&CostKind> for CostKindTag {
    fn from(kind: &CostKind) -> Self {
        match kind {
            CostKind::Fixed => CostKindTag::Fixed,
            CostKind::PerUnit { .. } => CostKindTag::PerUnit,
            CostKind::PerYear => CostKindTag::PerYear,
            CostKind::PerUnitPerYear { .. } => CostKindTag::PerUnitPerYear,
        }
    }
}

impl CostKindTag {
    pub const ALL: [CostKindTag; 4] = [
        CostKindTag::Fixed,
        CostKindTag::PerUnit,
        CostKindTag::PerYear,
        CostKindTag::PerUnitPerYear,
    ];

    /// The name in the scenario format, also used as the `<option>` value.
    pub fn tag(self) -> &'static str {
        match self {
            CostKindTag::Fixed => "fixed",
            CostKindTag::PerUnit => "per_unit",
            CostKindTag::PerYear => "per_year",
            CostKindTag::PerUnitPerYear => "per_unit_per_year",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.tag() == tag)
    }

    pub fn uses_driver(self) -> bool {
        matches!(self, CostKindTag::PerUnit | CostKindTag::PerUnitPerYear)
    }
}

impl From<&SourceKind> for SourceKindTag {
    fn from(kind: &SourceKind) -> Self {
        match kind {
            SourceKind::Share { .. } => SourceKindTag::Share,
            SourceKind::PerUnit { .. } => SourceKindTag::PerUnit,
            SourceKind::Fixed { .. } => SourceKindTag::Fixed,
            SourceKind::PerYear { .. } => SourceKindTag::PerYear,
            SourceKind::Residual { .. } => SourceKindTag::Residual,
        }
    }
}

impl SourceKindTag {
    pub const ALL: [SourceKindTag; 5] = [
        SourceKindTag::Share,
        SourceKindTag::PerUnit,
        SourceKindTag::Fixed,
        SourceKindTag::PerYear,
        SourceKindTag::Residual,
    ];

    pub fn tag(self) -> &'static str {
        match self {
            SourceKindTag::Share => "share",
            SourceKindTag::PerUnit => "per_unit",
            SourceKindTag::Fixed => "fixed",
            SourceKindTag::PerYear => "per_year",
            SourceKindTag::Residual => "residual",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.tag() == tag)
    }
}

fn plain(value: Option<Decimal>, lang: Lang) -> String {
    value.map(|v| format_input(v, lang)).unwrap_or_default()
}

impl Draft {
    /// A draft holding `scenario`, numbers written the way `lang` writes them.
    pub fn from_scenario(s: &Scenario, lang: Lang) -> Self {
        let mut draft = Draft {
            name: s.name.clone(),
            years: s.years.to_string(),
            drivers: Vec::new(),
            costs: Rc::new(Vec::new()),
            sources: Rc::new(Vec::new()),
            next_key: 1,
            held: Vec::new(),
        };
        for d in &s.drivers {
            let key = draft.new_key();
            draft.drivers.push(DriverDraft {
                key,
                id: d.id.clone(),
                label: d.label.clone(),
                value: format_input(d.value, lang),
                min: plain(d.min, lang),
                max: plain(d.max, lang),
                step: plain(d.step, lang),
                slider: None,
            });
            if let Some(d) = draft.drivers.last_mut() {
                d.renew_slider(lang);
            }
        }
        for c in &s.costs {
            let key = draft.new_key();
            Rc::make_mut(&mut draft.costs).push(CostDraft {
                key,
                id: c.id.clone(),
                label: c.label.clone(),
                kind: CostKindTag::from(&c.kind),
                driver: c.kind.driver().unwrap_or_default().to_string(),
                amount: format_amount_input(c.amount, lang),
                eligible: c.eligible,
            });
        }
        for src in &s.sources {
            let key = draft.new_key();
            let (rate, of, amount) = match &src.kind {
                SourceKind::Share { rate, of, .. } => {
                    (format_plain(*rate, lang), *of, String::new())
                }
                SourceKind::PerUnit { amount, .. }
                | SourceKind::Fixed { amount }
                | SourceKind::PerYear { amount } => (
                    String::new(),
                    Base::Eligible,
                    format_amount_input(*amount, lang),
                ),
                SourceKind::Residual { .. } => (String::new(), Base::Eligible, String::new()),
            };
            Rc::make_mut(&mut draft.sources).push(SourceDraft {
                key,
                id: src.id.clone(),
                label: src.label.clone(),
                kind: SourceKindTag::from(&src.kind),
                rate,
                of,
                cap: src
                    .kind
                    .cap()
                    .map(|cap| format_amount_input(cap, lang))
                    .unwrap_or_default(),
                driver: src.kind.driver().unwrap_or_default().to_string(),
                amount,
            });
        }
        draft
    }

    /// An empty scenario to start from: one driver, nothing else.
    pub fn blank(name: &str, driver_label: &str) -> Self {
        let mut draft = Draft {
            name: name.to_string(),
            years: "1".into(),
            drivers: Vec::new(),
            costs: Rc::new(Vec::new()),
            sources: Rc::new(Vec::new()),
            next_key: 1,
            held: Vec::new(),
        };
        draft.add_driver(driver_label);
        draft
    }

    /// A draft of these rows, each given a fresh key in order (what a draft kept across a
    /// reload is read back as, see `pending`).
    pub fn with_rows(
        name: String,
        years: String,
        mut drivers: Vec<DriverDraft>,
        mut costs: Rc<Vec<CostDraft>>,
        mut sources: Rc<Vec<SourceDraft>>,
    ) -> Self {
        let mut next_key: Key = 1;
        let mut fresh = || {
            next_key += 1;
            next_key - 1
        };
        drivers.iter_mut().for_each(|x| x.key = fresh());
        Rc::make_mut(&mut costs)
            .iter_mut()
            .for_each(|c| c.key = fresh());
        Rc::make_mut(&mut sources)
            .iter_mut()
            .for_each(|s| s.key = fresh());
        Draft {
            name,
            years,
            drivers,
            costs,
            sources,
            next_key,
            held: Vec::new(),
        }
    }

    fn new_key(&mut self) -> Key {
        let key = self.next_key;
        self.next_key += 1;
        key
    }

    /// An id not used by any row of the same list, derived from the row's key.
    fn fresh_id(prefix: &str, key: Key, taken: impl Fn(&str) -> bool) -> String {
        let mut id = format!("{prefix}{key}");
        let mut n = 1;
        while taken(&id) {
            id = format!("{prefix}{key}-{n}");
            n += 1;
        }
        id
    }

    pub fn add_driver(&mut self, label: &str) -> Key {
        let key = self.new_key();
        let id = Self::fresh_id("driver-", key, |id| self.drivers.iter().any(|d| d.id == id));
        // A second new unit is "Deltagere 2": two of one name gave two alike "Udgift pr.
        // deltager" figures and unit lists whose entries could not be told apart (a QA round).
        let taken = |name: &str| {
            self.drivers
                .iter()
                .any(|d| cofund::text::same_label(&d.label, name))
        };
        let label = if taken(label) {
            cofund::text::first_free_numbered(|n| format!("{label} {n}"), taken)
        } else {
            label.to_string()
        };
        self.drivers.push(DriverDraft {
            key,
            id,
            label,
            value: "1".into(),
            min: "0".into(),
            max: "100".into(),
            step: "1".into(),
            slider: None,
        });
        if let Some(d) = self.drivers.last_mut() {
            // Plain digits, which read the same in either language.
            d.renew_slider(Lang::Da);
        }
        key
    }

    pub fn add_cost(&mut self, label: &str) -> Key {
        let key = self.new_key();
        let id = Self::fresh_id("cost-", key, |id| self.costs.iter().any(|c| c.id == id));
        let driver = self
            .drivers
            .first()
            .map(|d| d.id.clone())
            .unwrap_or_default();
        Rc::make_mut(&mut self.costs).push(CostDraft {
            key,
            id,
            label: label.to_string(),
            kind: if driver.is_empty() {
                CostKindTag::Fixed
            } else {
                CostKindTag::PerUnit
            },
            driver,
            amount: "0".into(),
            eligible: true,
        });
        key
    }

    pub fn add_source(&mut self, label: &str) -> Key {
        let key = self.new_key();
        let id = Self::fresh_id("source-", key, |id| self.sources.iter().any(|s| s.id == id));
        let driver = self
            .drivers
            .first()
            .map(|d| d.id.clone())
            .unwrap_or_default();
        Rc::make_mut(&mut self.sources).push(SourceDraft {
            key,
            id,
            label: label.to_string(),
            kind: SourceKindTag::Fixed,
            rate: "50".into(),
            of: Base::Eligible,
            cap: String::new(),
            driver,
            amount: "0".into(),
        });
        key
    }

    /// Rewrites every number that reads correctly in `from` in the notation of `to`, so
    /// switching language never turns `1.500` (Danish 1500) into English 1.5. Text that
    /// does not read correctly is left exactly as typed.
    pub fn relang(&mut self, from: Lang, to: Lang) {
        if from == to {
            return;
        }
        let mut held = std::mem::take(&mut self.held);
        let mut convert = |field: FieldId, text: &mut String, parse: Parser| {
            // A held text stays as typed both ways: read in the language it was refused in,
            // it is refused again; rewritten, it would be settled after all.
            let is_held = |h: &(FieldId, String, Lang)| h.0 == field && h.1 == *text;
            if text.trim().is_empty() || held.iter().any(is_held) {
                return;
            }
            match parse(text, from) {
                Ok(v) => *text = in_other_notation(v, decimals_typed(text, from), to),
                // Kept as typed; held if it would now read (`1,500`, `21.9m`).
                Err(_) if parse(text, to).is_ok() => {
                    held.retain(|h| h.0 != field);
                    held.push((field, text.clone(), from));
                }
                Err(_) => {}
            }
        };
        convert(
            FieldId::new(Row::Scenario, "years"),
            &mut self.years,
            parse_count,
        );
        for d in &mut self.drivers {
            let row = Row::Driver(d.key);
            convert(FieldId::new(row, "value"), &mut d.value, parse_count);
            convert(FieldId::new(row, "min"), &mut d.min, parse_count);
            convert(FieldId::new(row, "max"), &mut d.max, parse_count);
            convert(FieldId::new(row, "step"), &mut d.step, parse_count);
        }
        for c in Rc::make_mut(&mut self.costs).iter_mut() {
            convert(
                FieldId::new(Row::Cost(c.key), "amount"),
                &mut c.amount,
                parse_amount,
            );
        }
        for s in Rc::make_mut(&mut self.sources).iter_mut() {
            let row = Row::Source(s.key);
            convert(FieldId::new(row, "rate"), &mut s.rate, parse_rate);
            convert(FieldId::new(row, "cap"), &mut s.cap, parse_amount);
            convert(FieldId::new(row, "amount"), &mut s.amount, parse_amount);
        }
        self.held = held;
        // Text left as typed may read in `to` where it did not in `from`; a held text does
        // not move the slider either.
        for i in 0..self.drivers.len() {
            let value = FieldId::new(Row::Driver(self.drivers[i].key), "value");
            if !self.holds(value, to) {
                self.drivers[i].renew_slider(to);
            }
        }
    }

    /// Whether `field`, read in `lang`, holds text refused in the language it was typed in
    /// (see `held`); in that language it is refused as any text is.
    fn holds(&self, field: FieldId, lang: Lang) -> bool {
        self.held.iter().any(|(f, text, typed_in)| {
            *f == field && *typed_in != lang && self.text(*f) == Some(text.as_str())
        })
    }

    /// `field` was edited: what it holds now is read in the language shown.
    pub fn release(&mut self, field: FieldId) {
        self.held.retain(|(f, ..)| *f != field);
    }

    /// The text of a numeric field, if the draft has that field.
    fn text(&self, field: FieldId) -> Option<&str> {
        let text = match field.row {
            Row::Scenario => (field.field == "years").then_some(&self.years),
            Row::Driver(k) => {
                let x = self.drivers.iter().find(|x| x.key == k)?;
                match field.field {
                    "value" => Some(&x.value),
                    "min" => Some(&x.min),
                    "max" => Some(&x.max),
                    "step" => Some(&x.step),
                    _ => None,
                }
            }
            Row::Cost(k) => {
                let x = self.costs.iter().find(|x| x.key == k)?;
                (field.field == "amount").then_some(&x.amount)
            }
            Row::Source(k) => {
                let x = self.sources.iter().find(|x| x.key == k)?;
                match field.field {
                    "rate" => Some(&x.rate),
                    "cap" => Some(&x.cap),
                    "amount" => Some(&x.amount),
                    _ => None,
                }
            }
        };
        text.map(String::as_str)
    }

    /// Reads the draft. Either a checked scenario, or every field that is wrong.
    pub fn to_scenario(&self, lang: Lang) -> Result<Scenario, Vec<FieldError>> {
        self.read(lang, &mut ReadCache::default())
    }

    /// [`Draft::to_scenario`], reusing what `cache` holds from reading an earlier state of
    /// this draft (the editor reads it on every keystroke).
    pub fn read(&self, lang: Lang, cache: &mut ReadCache) -> Result<Scenario, Vec<FieldError>> {
        let read = self.read_texts(lang, cache);
        let held: Vec<FieldError> = self
            .held
            .iter()
            .filter(|(field, ..)| self.holds(*field, lang))
            .map(|(field, text, _)| FieldError {
                field: *field,
                message: held_message(text, lang),
                unfinished: false,
            })
            .collect();
        if held.is_empty() {
            return read;
        }
        let mut errors = read.err().unwrap_or_default();
        errors.retain(|e| !held.iter().any(|h| h.field == e.field));
        errors.extend(held);
        Err(errors)
    }

    /// [`Draft::read`] of the texts alone, each in `lang`.
    fn read_texts(&self, lang: Lang, cache: &mut ReadCache) -> Result<Scenario, Vec<FieldError>> {
        let mut r = FieldReader {
            lang,
            errors: Vec::new(),
        };
        // The period has one message for every way of getting it wrong: it is a small
        // whole number, and the count parser's hints (`1.500`, `0 or more`) do not fit it.
        let years = parse_count(without_year_unit(&self.years), lang)
            .ok()
            .and_then(whole_years);
        let drivers: Vec<Option<Driver>> = self
            .drivers
            .iter()
            .map(|d| {
                let row = Row::Driver(d.key);
                let value = r.required(row, "value", &d.value, parse_count);
                let min = r.optional(row, "min", &d.min, parse_count);
                let max = r.optional(row, "max", &d.max, parse_count);
                let step = r.optional_step(row, &d.step);
                // Checked here, not left to the scenario's validation, which stops at its
                // first error (a step of 0 went unmarked beside it; see `optional_step`).
                // Both fields are marked: the one just typed in may be either. Unfinished:
                // Maks. `3` may be on its way to `300` (under Min. 150).
                if let (Some(Some(min)), Some(Some(max))) = (min, max) {
                    if min > max {
                        for field in ["min", "max"] {
                            r.errors.push(FieldError {
                                field: FieldId::new(row, field),
                                message: friendly_problem(&Problem::MinAboveMax, lang),
                                unfinished: true,
                            });
                        }
                        return None;
                    }
                }
                Some(Driver {
                    id: d.id.clone(),
                    label: d.label.clone(),
                    value: value?,
                    min: min?,
                    max: max?,
                    step: step?,
                })
            })
            .collect();
        let amounts = cache.cost_amounts(&self.costs, lang);
        let costs: Vec<Option<CostLine>> = self
            .costs
            .iter()
            .zip(amounts.iter())
            .map(|(c, amount)| {
                let amount = match amount {
                    Ok(amount) => *amount,
                    Err(e) => {
                        r.errors.push(e.clone());
                        return None;
                    }
                };
                let driver = c.driver.clone();
                let kind = match c.kind {
                    CostKindTag::Fixed => CostKind::Fixed,
                    CostKindTag::PerUnit => CostKind::PerUnit { driver },
                    CostKindTag::PerYear => CostKind::PerYear,
                    CostKindTag::PerUnitPerYear => CostKind::PerUnitPerYear { driver },
                };
                Some(CostLine {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    kind,
                    amount,
                    eligible: c.eligible,
                })
            })
            .collect();
        let sources: Vec<Option<Source>> = self
            .sources
            .iter()
            .map(|s| {
                let row = Row::Source(s.key);
                let kind = match s.kind {
                    SourceKindTag::Share => {
                        let rate = r.required(row, "rate", &s.rate, parse_rate);
                        let cap = r.optional(row, "cap", &s.cap, parse_amount);
                        SourceKind::Share {
                            rate: rate?,
                            of: s.of,
                            cap: cap?,
                        }
                    }
                    SourceKindTag::PerUnit => SourceKind::PerUnit {
                        driver: s.driver.clone(),
                        amount: r.required(row, "amount", &s.amount, parse_amount)?,
                    },
                    SourceKindTag::Fixed => SourceKind::Fixed {
                        amount: r.required(row, "amount", &s.amount, parse_amount)?,
                    },
                    SourceKindTag::PerYear => SourceKind::PerYear {
                        amount: r.required(row, "amount", &s.amount, parse_amount)?,
                    },
                    SourceKindTag::Residual => SourceKind::Residual {
                        cap: r.optional(row, "cap", &s.cap, parse_amount)?,
                    },
                };
                Some(Source {
                    id: s.id.clone(),
                    label: s.label.clone(),
                    kind,
                })
            })
            .collect();

        let mut errors = r.errors;
        // Every line and source whose unit is gone is marked, not only the first the
        // scenario's validation would stop at: removing a unit leaves them all pointing
        // nowhere, and the user must be able to find each of them.
        let unit_rows = self
            .costs
            .iter()
            .filter(|c| c.kind.uses_driver())
            .map(|c| (Row::Cost(c.key), &c.driver))
            .chain(
                self.sources
                    .iter()
                    .filter(|s| s.kind == SourceKindTag::PerUnit)
                    .map(|s| (Row::Source(s.key), &s.driver)),
            );
        for (row, driver) in unit_rows {
            if !self.drivers.iter().any(|d| d.id == *driver) {
                errors.push(FieldError {
                    field: FieldId::new(row, "driver"),
                    message: friendly_problem(&Problem::UnknownDriver, lang),
                    unfinished: false,
                });
            }
        }
        if years.is_none() {
            errors.push(FieldError {
                field: FieldId::new(Row::Scenario, "years"),
                unfinished: year_unit_begun(&self.years)
                    || parse_count(without_year_unit(&self.years), lang)
                        .is_err_and(|e| e.is_unfinished()),
                message: period_message(&self.years, lang),
            });
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let scenario = Scenario {
            name: self.name.clone(),
            currency: "DKK".into(),
            years: years.unwrap_or(1),
            drivers: drivers.into_iter().flatten().collect(),
            costs: costs.into_iter().flatten().collect(),
            sources: sources.into_iter().flatten().collect(),
        };
        scenario
            .validate()
            .map_err(|e| self.locate_error(&e, &scenario, lang))?;
        Ok(scenario)
    }

    /// The fields a validation or evaluation error of `scenario` (read from this draft) is
    /// about: the one its path names and another that shares the cause, which is often the
    /// field the user has just typed in and must not be left looking valid (and saying
    /// nothing to a screen reader) while an untouched one is marked:
    /// - a line's amount that overflowed multiplied by a unit count: the count's field;
    /// - a second residual source: the first one's type (the user may have just made either
    ///   of them residual).
    pub fn locate_error(
        &self,
        error: &ScenarioError,
        scenario: &Scenario,
        lang: Lang,
    ) -> Vec<FieldError> {
        // (A unit's Min. above its Maks. and a step of 0 are the fields' own checks, in
        // `read_texts` and `FieldReader::optional_step`: the validation never sees them.)
        let located = self.locate(error, lang);
        let also = |field: FieldId| FieldError {
            field,
            message: located.message.clone(),
            unfinished: located.unfinished,
        };
        let shared_cause = match error.problem() {
            Problem::Overflow => {
                let multiplied_by = match indexed(error.path(), "costs") {
                    Some((i, "amount")) => scenario.costs.get(i).and_then(|c| c.kind.driver()),
                    _ => match indexed(error.path(), "sources") {
                        Some((i, "amount")) => {
                            scenario.sources.get(i).and_then(|s| s.kind.driver())
                        }
                        _ => None,
                    },
                };
                multiplied_by
                    .and_then(|id| scenario.drivers.iter().position(|d| d.id == id))
                    .and_then(|i| self.drivers.get(i))
                    .map(|d| also(FieldId::new(Row::Driver(d.key), "value")))
            }
            Problem::SecondResidual { first } => indexed(first, "sources")
                .and_then(|(i, _)| self.sources.get(i))
                .map(|s| also(FieldId::new(Row::Source(s.key), "kind"))),
            _ => None,
        };
        std::iter::once(located).chain(shared_cause).collect()
    }

    /// Ties a model error (with a path like `costs[3].driver`) to the editor field it is about.
    pub fn locate(&self, error: &ScenarioError, lang: Lang) -> FieldError {
        let index_of = |prefix: &str| indexed(error.path(), prefix);
        let field_name = |name: &str| -> &'static str {
            [
                "value", "min", "max", "step", "amount", "driver", "rate", "cap", "kind", "label",
            ]
            .into_iter()
            .find(|f| *f == name)
            .unwrap_or("label")
        };
        let field = if let Some((i, f)) = index_of("drivers") {
            self.drivers
                .get(i)
                .map(|d| FieldId::new(Row::Driver(d.key), field_name(f)))
        } else if let Some((i, f)) = index_of("costs") {
            self.costs
                .get(i)
                .map(|c| FieldId::new(Row::Cost(c.key), field_name(f)))
        } else if let Some((i, f)) = index_of("sources") {
            self.sources
                .get(i)
                .map(|s| FieldId::new(Row::Source(s.key), field_name(f)))
        } else {
            None
        };
        FieldError {
            field: field.unwrap_or(FieldId::new(Row::Scenario, "years")),
            message: friendly(error, lang),
            unfinished: false,
        }
    }
}

/// A model error's path `costs[3].amount` read as `(3, "amount")` for the prefix `costs`.
fn indexed<'p>(path: &'p str, prefix: &str) -> Option<(usize, &'p str)> {
    let rest = path.strip_prefix(prefix)?.strip_prefix('[')?;
    let (index, rest) = rest.split_once(']')?;
    Some((index.parse().ok()?, rest.strip_prefix('.').unwrap_or(rest)))
}

type Parser = fn(&str, Lang) -> Result<Decimal, NumberError>;

/// Reads number fields, collecting an error for every field that does not read.
struct FieldReader {
    lang: Lang,
    errors: Vec<FieldError>,
}

/// What a held text's field says (see `Draft::held`), in `lang`: it was typed in the other
/// language (there are two), where it could not be read.
fn held_message(text: &str, lang: Lang) -> String {
    match lang {
        Lang::Da => format!(
            "»{text}« blev skrevet, mens Cofund var på engelsk, hvor det ikke kunne læses. Skriv tallet igen, så der ikke er tvivl om, hvad det er."
        ),
        Lang::En => format!(
            "“{text}” was typed while Cofund was in Danish, where it could not be read. Type the number again, so that there is no doubt what it is."
        ),
    }
}

/// `text` read by `parse`, or the error to show at the field.
fn read_field(
    row: Row,
    field: &'static str,
    text: &str,
    parse: Parser,
    lang: Lang,
) -> Result<Decimal, FieldError> {
    parse(text, lang).map_err(|e| FieldError {
        field: FieldId::new(row, field),
        message: e.message(lang),
        unfinished: e.is_unfinished(),
    })
}

impl FieldReader {
    fn required(
        &mut self,
        row: Row,
        field: &'static str,
        text: &str,
        parse: Parser,
    ) -> Option<Decimal> {
        read_field(row, field, text, parse, self.lang)
            .map_err(|e| self.errors.push(e))
            .ok()
    }

    /// `Some(None)` for an empty field, `None` for one that does not read.
    fn optional(
        &mut self,
        row: Row,
        field: &'static str,
        text: &str,
        parse: Parser,
    ) -> Option<Option<Decimal>> {
        if text.trim().is_empty() {
            Some(None)
        } else {
            self.required(row, field, text, parse).map(Some)
        }
    }

    /// A unit's step: like any count, except that 0 is refused too, so a negative step
    /// is told what the model tells 0 ("greater than 0"), not "0 or more".
    fn optional_step(&mut self, row: Row, text: &str) -> Option<Option<Decimal>> {
        if text.trim().is_empty() {
            return Some(None);
        }
        match parse_count(text, self.lang) {
            Ok(step) if step.is_zero() => {
                // Said here, beside the field's other checks, not by the scenario's
                // validation, which stops at its first error: a step of 0 went unmarked
                // while the same unit's Min. and Maks. were wrong (a QA round).
                // A step of 0 may be on its way to 0,5.
                self.errors.push(FieldError {
                    field: FieldId::new(row, "step"),
                    message: friendly_problem(&Problem::StepNotPositive, self.lang),
                    unfinished: true,
                });
                None
            }
            Ok(step) => Some(Some(step)),
            Err(e) => {
                // A negative step, or one whose message would suggest 0 (`0,`: "skriv fx
                // 0"), is told what 0 is told: the step must be greater than 0.
                let not_positive = e.kind == cofund::numbers::NumberErrorKind::Negative
                    || e.suggestion().is_some_and(|v| v <= Decimal::ZERO);
                let message = if not_positive {
                    friendly_problem(&Problem::StepNotPositive, self.lang)
                } else {
                    e.message(self.lang)
                };
                self.errors.push(FieldError {
                    field: FieldId::new(row, "step"),
                    message,
                    unfinished: e.is_unfinished(),
                });
                None
            }
        }
    }
}

/// What reading a draft can keep for the next read: the cost lines' amounts, with the list
/// and language they were read from. A keystroke anywhere but in a cost line leaves that
/// list (an `Rc`) as it was, so a 200-line scenario does not parse its 200 amounts again.
/// Holding the list keeps the pointer comparison sound: while it is shared it cannot change
/// in place (`Rc::make_mut` copies it first), nor can its memory be reused by another list.
#[derive(Clone, Debug, Default)]
pub struct ReadCache {
    costs: Option<CachedAmounts>,
}

type CachedAmounts = (
    Rc<Vec<CostDraft>>,
    Lang,
    Rc<Vec<Result<Decimal, FieldError>>>,
);

impl ReadCache {
    fn cost_amounts(
        &mut self,
        costs: &Rc<Vec<CostDraft>>,
        lang: Lang,
    ) -> Rc<Vec<Result<Decimal, FieldError>>> {
        if let Some((list, read_in, amounts)) = &self.costs {
            if Rc::ptr_eq(list, costs) && *read_in == lang {
                return amounts.clone();
            }
        }
        let amounts: Rc<Vec<_>> = Rc::new(
            costs
                .iter()
                .map(|c| read_field(Row::Cost(c.key), "amount", &c.amount, parse_amount, lang))
                .collect(),
        );
        self.costs = Some((costs.clone(), lang, amounts.clone()));
        amounts
    }
}

/// A cache never makes two editor states differ: it only saves work.
impl PartialEq for ReadCache {
    fn eq(&self, _: &ReadCache) -> bool {
        true
    }
}

/// The model's message without its path (the field is already marked in the form).
/// Where the model's wording names things as the file format does (`driver`, `min`,
/// `residual`, `sources[1]`), the editor says it in the words of its own form.
fn friendly(error: &ScenarioError, lang: Lang) -> String {
    friendly_problem(error.problem(), lang)
}

fn friendly_problem(problem: &Problem, lang: Lang) -> String {
    let t = texts(lang);
    let da = lang == Lang::Da;
    match problem {
        Problem::UnknownDriver => if da {
            "Enheden findes ikke (længere). Vælg en af scenariets enheder, eller en type, der ikke bruger en enhed."
        } else {
            "That unit does not exist (any more). Choose one of the scenario's units, or a type that does not use a unit."
        }
        .into(),
        Problem::MinAboveMax => if da {
            "Min. må ikke være større end Maks."
        } else {
            "Min. must not be greater than Max."
        }
        .into(),
        Problem::StepNotPositive => if da {
            "Trinnet skal være større end 0 – fx 1."
        } else {
            "The step must be greater than 0 – e.g. 1."
        }
        .into(),
        Problem::SecondResidual { .. } => {
            if da {
                format!(
                    "Kun én kilde kan have typen »{}«, og en anden kilde har den allerede. Vælg en anden type.",
                    t.source_residual
                )
            } else {
                format!(
                    "Only one source can have the type “{}”, and another source already has it. Choose another type.",
                    t.source_residual
                )
            }
        }
        problem => cofund::text::sentence(&problem.describe(lang)),
    }
}

/// A typed value for its field in the other language's notation, keeping the decimals
/// as typed (`1,234.50` becomes `1.234,50`, not `1.234,5`); a whole value (also one typed
/// as `21,9 mio.`) is written without decimals.
fn in_other_notation(value: Decimal, typed: u32, lang: Lang) -> String {
    // Up to øre only: decimals typed before a multiplier (`1.23456789m`) are not the
    // value's own.
    // (`trunc() ==`, not `fract().is_zero()`: fract subtracts, a copy of Decimal's addition.)
    if value.trunc() == value || typed <= value.scale() || typed > 2 {
        format_input(value, lang)
    } else {
        cofund::numbers::format_number(value, typed, lang)
    }
}

/// How many digits follow the decimal mark in `text`, as written in `lang` (the parser
/// keeps the value, not how it was written).
fn decimals_typed(text: &str, lang: Lang) -> u32 {
    let mark = match lang {
        Lang::Da => ',',
        Lang::En => '.',
    };
    text.rsplit_once(mark).map_or(0, |(_, after)| {
        after.chars().take_while(char::is_ascii_digit).count() as u32
    })
}

/// The units a period may be written with, lower case.
const YEAR_UNITS: [&str; 5] = ["år", "years", "year", "yrs", "yr"];

/// The period as people write it: `3 år`, `3 År`, `3 years` are 3, as an amount's `kr.` is
/// taken (a QA round had `3 år` refused as not "a whole number of years").
fn without_year_unit(text: &str) -> &str {
    let trimmed = text.trim_end();
    // Latin letters lower-cased keep their length in bytes (`Å` and `å` are two each), so
    // the unit's length in the lower-cased text is its length in the typed one.
    let lower = cofund::text::lowercase(trimmed);
    for unit in YEAR_UNITS {
        if lower.len() == trimmed.len() && lower.ends_with(unit) {
            let rest = &trimmed[..trimmed.len() - unit.len()];
            // A word of its own: `3 år`, `3år`, not the end of another word.
            if rest.ends_with(|c: char| c.is_ascii_digit() || c.is_whitespace()) {
                return rest;
            }
        }
    }
    text
}

/// Whether `text` is a period on its way to one with its unit: `3 å`, `2 ye` (so that
/// typing `3 år` flashes no error at `3 å`, a review found).
fn year_unit_begun(text: &str) -> bool {
    let lower = cofund::text::lowercase(text.trim_end());
    // Split after the character found, by its length: a space of several bytes (a no-break
    // space from a pasted `3 år`, or Option+Space on a Mac) split at its second byte, and
    // the program stopped (a review).
    let Some((at, found)) = lower
        .char_indices()
        .rfind(|&(_, c)| c.is_ascii_digit() || c.is_whitespace())
    else {
        return false;
    };
    let (number, begun) = lower.split_at(at + found.len_utf8());
    let number = number.trim();
    !begun.is_empty()
        && !number.is_empty()
        && number.chars().all(|c| c.is_ascii_digit())
        && YEAR_UNITS.iter().any(|unit| unit.starts_with(begun))
}

/// What is wrong with a period [`whole_years`] refused. A whole number beyond the core's
/// limit is "too long", not "not a whole number" (a QA round found the latter misleading).
fn period_message(text: &str, lang: Lang) -> String {
    let too_long = match parse_count(without_year_unit(text), lang) {
        Ok(v) => v.trunc() == v && v > Decimal::from(u32::MAX),
        Err(e) => e.kind == cofund::numbers::NumberErrorKind::TooLarge,
    };
    let most = || cofund::numbers::format_number(Decimal::from(u32::MAX), 0, lang);
    match (lang, too_long) {
        (Lang::Da, true) => format!("Perioden er for lang – højst {} år.", most()),
        (Lang::En, true) => format!("The period is too long – at most {} years.", most()),
        (Lang::Da, false) => "Perioden skal være et helt antal år, mindst 1 – fx 3.".into(),
        (Lang::En, false) => {
            "The period must be a whole number of years, at least 1 – e.g. 3.".into()
        }
    }
}

/// The period as the core reads it from a file (a whole number from 1 to `u32::MAX`), so
/// that every file the core opens, opens in the editor too.
fn whole_years(value: Decimal) -> Option<u32> {
    use cofund::Decimal as D;
    if value.trunc() != value || value < D::ONE {
        return None;
    }
    value.trunc().to_string().parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use cofund::presets::Preset;

    /// Antal with more decimals than Trin gives the slider a finer step that lands on it,
    /// so it shows 150,5, not 151; a whole Antal leaves the step at Trin.
    #[test]
    fn the_slider_steps_through_antal() {
        let d = |text: &str| <Decimal as std::str::FromStr>::from_str(text).unwrap();
        assert_eq!(finer_step(d("1"), d("150.5"), d("150")), d("0.1"));
        assert_eq!(finer_step(d("1"), d("150.25"), d("150")), d("0.01"));
        assert_eq!(finer_step(d("1"), d("151.0"), d("150")), d("1"));
        assert_eq!(finer_step(d("1"), d("151"), d("0.5")), d("0.1"));
        assert_eq!(finer_step(d("0.25"), d("0.5"), d("0")), d("0.25"));
        assert_eq!(finer_step(d("5"), d("150"), d("150")), d("5"));

        let mut unit = Draft::from_scenario(&vaekstpilot(), Lang::Da).drivers[0].clone();
        unit.value = "150,5".into();
        unit.renew_slider(Lang::Da);
        let slider = unit.slider.unwrap();
        assert_eq!((slider.value, slider.step), (d("150.5"), d("0.1")));
        unit.value = "151".into();
        unit.renew_slider(Lang::Da);
        assert_eq!(unit.slider.unwrap().step, d("1"));
    }

    fn vaekstpilot() -> Scenario {
        Preset::find("vaekstpilot-150").unwrap().scenario().unwrap()
    }

    #[test]
    fn a_preset_survives_the_draft_in_both_languages() {
        for lang in [Lang::Da, Lang::En] {
            for preset in cofund::presets::PRESETS {
                let s = preset.scenario().unwrap();
                assert_eq!(
                    Draft::from_scenario(&s, lang).to_scenario(lang),
                    Ok(s),
                    "{}",
                    preset.key
                );
            }
        }
    }

    #[test]
    fn a_unit_without_a_label_is_named_by_its_id() {
        let mut s = vaekstpilot();
        s.drivers[0].label = "   ".into();
        let d = Draft::from_scenario(&s, Lang::Da);
        assert_eq!(d.drivers[0].name(), "pilots");
        let d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        assert_eq!(d.drivers[0].name(), "Vækstpiloter");
    }

    #[test]
    fn a_field_is_named_by_its_row_and_its_label() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        let budget = FieldId::new(Row::Cost(d.costs[0].key), "driver");
        assert_eq!(
            d.field_name(budget, Lang::Da),
            "Budgetpost pr. vækstpilot: Enhed"
        );
        assert_eq!(
            d.field_name(
                FieldId::new(Row::Driver(d.drivers[0].key), "value"),
                Lang::En
            ),
            "Vækstpiloter: Number"
        );
        assert_eq!(
            d.field_name(FieldId::new(Row::Scenario, "years"), Lang::Da),
            "Periode (år)"
        );
        Rc::make_mut(&mut d.costs)[0].label = " ".into();
        assert_eq!(d.field_name(budget, Lang::Da), "Ny udgiftspost: Enhed");
    }

    #[test]
    fn every_line_and_source_of_a_removed_unit_is_marked() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        d.drivers.clear();
        let errors = d.to_scenario(Lang::Da).unwrap_err();
        let marked: Vec<FieldId> = errors.iter().map(|e| e.field).collect();
        // Both cost lines are per pilot, and so is the companies' own share.
        let expected: Vec<FieldId> = d
            .costs
            .iter()
            .map(|c| FieldId::new(Row::Cost(c.key), "driver"))
            .chain(
                d.sources
                    .iter()
                    .filter(|s| s.kind == SourceKindTag::PerUnit)
                    .map(|s| FieldId::new(Row::Source(s.key), "driver")),
            )
            .collect();
        assert_eq!(expected.len(), 3);
        assert_eq!(marked, expected);
        assert!(errors
            .iter()
            .all(|e| e.message.starts_with("Enheden findes ikke") && !e.unfinished));
    }

    #[test]
    fn typed_danish_numbers_are_read() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        d.drivers[0].value = "225".into();
        Rc::make_mut(&mut d.costs)[0].amount = "100.000".into();
        Rc::make_mut(&mut d.sources)[0].rate = "50 %".into();
        let s = d.to_scenario(Lang::Da).unwrap();
        assert_eq!(s.drivers[0].value, Decimal::from(225));
        assert_eq!(s.costs[0].amount, Decimal::from(100_000));
    }

    #[test]
    fn a_cached_read_in_another_language_reads_the_text_again() {
        // "1.500" is 1500 in Danish and refused in English (it could be 1,5 or 1.500); the
        // list is the same `Rc` both times, so a cache keyed on the list alone would give
        // the Danish reading in English too.
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        Rc::make_mut(&mut d.costs)[0].amount = "1.500".into();
        let mut cache = ReadCache::default();
        let amount = |lang, cache: &mut ReadCache| d.read(lang, cache).map(|s| s.costs[0].amount);
        assert_eq!(amount(Lang::Da, &mut cache), Ok(Decimal::from(1500)));
        assert!(amount(Lang::En, &mut cache).is_err());
        assert_eq!(amount(Lang::Da, &mut cache), Ok(Decimal::from(1500)));
    }

    #[test]
    fn the_source_documents_typo_is_refused_at_its_field_and_kept() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        Rc::make_mut(&mut d.costs)[1].amount = "32.850.0000".into();
        let errors = d.to_scenario(Lang::Da).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(
            errors[0].field,
            FieldId::new(Row::Cost(d.costs[1].key), "amount")
        );
        assert!(
            errors[0].message.contains("32.850.0000"),
            "{}",
            errors[0].message
        );
        assert_eq!(d.costs[1].amount, "32.850.0000");
    }

    #[test]
    fn every_bad_field_is_reported_not_just_the_first() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        Rc::make_mut(&mut d.costs)[0].amount = "abc".into();
        Rc::make_mut(&mut d.sources)[0].rate = "150".into();
        d.years = "0".into();
        let fields: Vec<FieldId> = d
            .to_scenario(Lang::Da)
            .unwrap_err()
            .into_iter()
            .map(|e| e.field)
            .collect();
        assert!(fields.contains(&FieldId::new(Row::Cost(d.costs[0].key), "amount")));
        assert!(fields.contains(&FieldId::new(Row::Source(d.sources[0].key), "rate")));
        assert!(fields.contains(&FieldId::new(Row::Scenario, "years")));
    }

    #[test]
    fn a_period_too_long_says_so_and_names_the_limit() {
        let message = |years: &str, lang| {
            let mut d = Draft::from_scenario(&vaekstpilot(), lang);
            d.years = years.into();
            let errors = d.to_scenario(lang).unwrap_err();
            errors[0].message.clone()
        };
        assert_eq!(
            message("5.000.000.000", Lang::Da),
            "Perioden er for lang – højst 4.294.967.295 år."
        );
        assert_eq!(
            message("99999999999 years", Lang::En),
            "The period is too long – at most 4,294,967,295 years."
        );
        assert_eq!(
            message(&"9".repeat(40), Lang::En),
            "The period is too long – at most 4,294,967,295 years."
        );
        for not_whole in ["0", "2,5", "-1", "x"] {
            assert!(
                message(not_whole, Lang::Da).starts_with("Perioden skal være et helt antal år"),
                "{not_whole}"
            );
        }
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        d.years = "4294967295".into();
        assert!(d.to_scenario(Lang::Da).is_ok());
    }

    #[test]
    fn a_removed_driver_is_reported_on_the_line_that_uses_it() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        d.drivers.clear();
        let errors = d.to_scenario(Lang::Da).unwrap_err();
        assert_eq!(
            errors[0].field,
            FieldId::new(Row::Cost(d.costs[0].key), "driver")
        );
    }

    #[test]
    fn a_second_residual_is_reported_on_its_kind() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::En);
        let key = d.add_source("BRN");
        Rc::make_mut(&mut d.sources).last_mut().unwrap().kind = SourceKindTag::Residual;
        let errors = d.to_scenario(Lang::En).unwrap_err();
        assert_eq!(errors[0].field, FieldId::new(Row::Source(key), "kind"));
        assert_eq!(
            errors[0].message,
            "Only one source can have the type “Residual funding”, and another source already has it. Choose another type."
        );
    }

    #[test]
    fn a_language_switch_keeps_the_decimals_as_typed() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::En);
        Rc::make_mut(&mut d.costs)[0].amount = "1,234.50".into();
        Rc::make_mut(&mut d.costs)[1].amount = "21.9m".into();
        d.relang(Lang::En, Lang::Da);
        assert_eq!(d.costs[0].amount, "1.234,50");
        assert_eq!(d.costs[1].amount, "21.900.000");
        // Decimals typed before a multiplier are not the value's own.
        Rc::make_mut(&mut d.costs)[0].amount = "1,23456789 mio.".into();
        d.relang(Lang::Da, Lang::En);
        assert_eq!(d.costs[0].amount, "1,234,567.89");
        // A period the core reads from a file is one the editor takes too.
        d.years = "2,000".into();
        assert!(d.to_scenario(Lang::En).is_ok());
    }

    /// The form's words, not the file format's: no `driver`, `min`, `sources[1]`.
    #[test]
    fn messages_speak_the_forms_language() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        d.drivers.clear();
        let errors = d.to_scenario(Lang::Da).unwrap_err();
        assert!(
            errors[0].message.starts_with("Enheden findes ikke"),
            "{}",
            errors[0].message
        );

        // Both ends of the range are marked: either may be the one just typed.
        for (min, max) in [("300", "225"), ("150", "100")] {
            let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
            d.drivers[0].min = min.into();
            d.drivers[0].max = max.into();
            let errors = d.to_scenario(Lang::Da).unwrap_err();
            let row = Row::Driver(d.drivers[0].key);
            assert_eq!(
                errors
                    .iter()
                    .map(|e| (e.field, e.message.as_str()))
                    .collect::<Vec<_>>(),
                [
                    (
                        FieldId::new(row, "min"),
                        "Min. må ikke være større end Maks."
                    ),
                    (
                        FieldId::new(row, "max"),
                        "Min. må ikke være større end Maks."
                    ),
                ],
                "{min}–{max}"
            );
            // Digits typed after it can mend it (Maks. 3 on the way to 300): it waits.
            assert!(errors.iter().all(|e| e.unfinished), "{min}–{max}");
        }

        // A second residual source marks both: either may be the one just changed (a QA
        // round made DEB residual and found only the untouched local source marked).
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        std::rc::Rc::make_mut(&mut d.sources)[0].kind = SourceKindTag::Residual;
        let errors = d.to_scenario(Lang::Da).unwrap_err();
        let kind_of = |i: usize| FieldId::new(Row::Source(d.sources[i].key), "kind");
        assert_eq!(
            errors.iter().map(|e| e.field).collect::<Vec<_>>(),
            [kind_of(2), kind_of(0)]
        );
        assert!(errors
            .iter()
            .all(|e| e.message.starts_with("Kun én kilde kan have typen") && !e.unfinished));

        // A step of 0 may be on its way to 0,5; a negative one is not; "0," is told what
        // 0 is told, not "skriv fx 0".
        for (step, unfinished) in [("-1", false), ("0", true), ("0,", true)] {
            let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
            d.drivers[0].step = step.into();
            let errors = d.to_scenario(Lang::Da).unwrap_err();
            assert_eq!(errors[0].field.field, "step");
            assert_eq!(
                errors[0].message, "Trinnet skal være større end 0 – fx 1.",
                "{step}"
            );
            assert_eq!(errors[0].unfinished, unfinished, "{step}");
        }

        for years in ["abc", "-5", "0", "2,5", "", "år", "0 år", "3 dage"] {
            let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
            d.years = years.into();
            let errors = d.to_scenario(Lang::Da).unwrap_err();
            assert_eq!(
                errors[0].message, "Perioden skal være et helt antal år, mindst 1 – fx 3.",
                "{years}"
            );
        }
        // Its unit begun is a period still being typed, no mistake yet; a unit of
        // another word is one.
        for (years, unfinished) in [
            ("3 å", true),
            ("2 ye", true),
            ("2 Y", true),
            ("3 d", false),
            ("å", false),
            ("3 årx", false),
            // Spaces of several bytes (a pasted `3 år`, a Mac's Option+Space): the unit
            // begun after them, not the program stopped (a review).
            ("3\u{a0}å", true),
            ("3\u{202f}år.", false),
            ("\u{a0}å", false),
            ("3\u{3000}y", true),
        ] {
            let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
            d.years = years.into();
            let errors = d.to_scenario(Lang::Da).unwrap_err();
            assert_eq!(errors[0].unfinished, unfinished, "{years}");
        }
        // With its unit, as people write it.
        for (years, lang) in [
            ("3 år", Lang::Da),
            ("4år", Lang::Da),
            ("3 År", Lang::Da),
            ("2 years", Lang::En),
            ("1 Year ", Lang::En),
            ("3\u{a0}år", Lang::Da),
        ] {
            let mut d = Draft::from_scenario(&vaekstpilot(), lang);
            d.years = years.into();
            let s = d
                .to_scenario(lang)
                .unwrap_or_else(|e| panic!("{years}: {e:?}"));
            assert_eq!(
                s.years.to_string(),
                years
                    .chars()
                    .take_while(char::is_ascii_digit)
                    .collect::<String>()
            );
        }
    }

    #[test]
    fn switching_language_rewrites_valid_numbers_and_keeps_bad_text() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        Rc::make_mut(&mut d.costs)[0].amount = "1.500".into();
        Rc::make_mut(&mut d.costs)[1].amount = "1.2.3".into();
        d.relang(Lang::Da, Lang::En);
        assert_eq!(d.costs[0].amount, "1,500");
        assert_eq!(d.costs[1].amount, "1.2.3");
        let mut s = d.clone();
        Rc::make_mut(&mut s.costs)[1].amount = "46,000".into();
        assert_eq!(
            s.to_scenario(Lang::En).unwrap().costs[0].amount,
            Decimal::from(1500)
        );
    }

    #[test]
    fn a_language_switch_does_not_settle_text_refused_where_it_was_typed() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        let key = d.costs[0].key;
        let field = FieldId::new(Row::Cost(key), "amount");
        // Ambiguous in Danish (1,5 or 1.500?), a plain 1.500 in English.
        Rc::make_mut(&mut d.costs)[0].amount = "1,500".into();
        assert!(d.to_scenario(Lang::Da).is_err());
        d.relang(Lang::Da, Lang::En);
        assert_eq!(d.costs[0].amount, "1,500", "kept as typed");
        let errors = d.to_scenario(Lang::En).unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, field);
        assert!(
            errors[0]
                .message
                .contains("typed while Cofund was in Danish"),
            "{}",
            errors[0].message
        );
        // Back in Danish: still as typed (not rewritten as 1.500), refused as before.
        d.relang(Lang::En, Lang::Da);
        assert_eq!(d.costs[0].amount, "1,500");
        let errors = d.to_scenario(Lang::Da).unwrap_err();
        assert!(
            errors[0].message.contains("tvetydigt"),
            "{}",
            errors[0].message
        );
        // Typed again in English, it is read in English.
        d.relang(Lang::Da, Lang::En);
        d.release(field);
        assert_eq!(
            d.to_scenario(Lang::En).unwrap().costs[0].amount,
            Decimal::from(1500)
        );
    }

    #[test]
    fn a_step_of_0_is_marked_beside_a_unit_whose_range_is_wrong() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        d.drivers[0].max = "100".into();
        d.drivers[0].step = "0".into();
        let errors = d.to_scenario(Lang::Da).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.field).collect();
        assert!(fields.contains(&"step"), "{fields:?}");
        assert!(
            fields.contains(&"max") || fields.contains(&"min"),
            "{fields:?}"
        );
    }

    #[test]
    fn new_rows_get_fresh_ids_and_keys() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        let a = d.add_cost("Ny post");
        let b = d.add_cost("Ny post");
        assert_ne!(a, b);
        let s = d.to_scenario(Lang::Da).unwrap();
        assert_eq!(s.costs.len(), 4);
        assert_eq!(
            s.costs[2].kind,
            CostKind::PerUnit {
                driver: "pilots".into()
            }
        );
        let blank = Draft::blank("Nyt scenarie", "Deltagere");
        assert!(blank.to_scenario(Lang::Da).is_ok());
    }

    #[test]
    fn empty_optional_fields_mean_none_and_empty_required_fields_are_errors() {
        let mut d = Draft::from_scenario(&vaekstpilot(), Lang::Da);
        d.drivers[0].min.clear();
        d.drivers[0].max.clear();
        assert_eq!(d.to_scenario(Lang::Da).unwrap().drivers[0].min, None);
        Rc::make_mut(&mut d.costs)[0].amount = " ".into();
        assert!(d.to_scenario(Lang::Da).is_err());
    }
}
