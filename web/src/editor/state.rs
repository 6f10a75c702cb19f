//! The editor's state and every action that changes it (a reducer, as in Yew's
//! function_todomvc example). After each action the draft is read and evaluated again;
//! if that fails, the errors are tied to their fields and the last good result stays,
//! marked as not current.

use std::rc::Rc;

use cofund::model::{evaluate, Base, Evaluation, Scenario};
use cofund::numbers::Lang;
use cofund::presets::{synthetic, Preset, DEFAULT_PRESET};
use yew::Reducible;

use super::draft::{CostKindTag, Draft, FieldError, FieldId, Key, ReadCache, Row, SourceKindTag};
use crate::i18n::texts;

/// A checked scenario and its evaluation: what the results panel shows.
#[derive(Clone, Debug, PartialEq)]
pub struct Computed {
    pub scenario: Rc<Scenario>,
    pub evaluation: Rc<Evaluation>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct EditorState {
    pub lang: Lang,
    /// The preset the draft started from; `None` for a blank scenario.
    pub preset: Option<&'static str>,
    pub draft: Draft,
    /// One entry per field whose text cannot be used right now.
    pub errors: Vec<FieldError>,
    /// The last scenario that read and evaluated without error; in the workspace, while a
    /// field's text cannot be read, the one from before its typing began (see `preview`).
    pub good: Option<Computed>,
    /// While the text being typed is only the beginning of a number (`21,` on the way to
    /// `21,9`), the result of the last text on the way that read: the results panel shows it
    /// until typing pauses, so that its figures follow the keystrokes; `good`, what is saved,
    /// shared and shown everywhere else, is the result from before the typing began
    /// (`WorkspaceState::keep_result_of_before_typing`).
    pub preview: Option<Computed>,
    /// The last scenario that read without error, evaluated or not. Autosave keeps it for a
    /// scenario that has never evaluated (an imported file whose amounts overflow exact
    /// arithmetic), which would otherwise be lost on the next visit.
    last_read: Option<Rc<Scenario>>,
    /// Whether `good` reflects the draft as it is now.
    pub current: bool,
    /// Kept from reading the draft last time, for the next keystroke.
    cache: ReadCache,
}

/// `synthetic-N`, a key the template option also takes: a generated scenario with N cost
/// lines, for performance tests.
pub fn synthetic_lines(key: &str) -> Option<usize> {
    key.strip_prefix("synthetic-")?.parse().ok()
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SetLang(Lang),
    LoadPreset(String),
    /// A whole scenario from outside (an embedding page's `cofund:set-scenario`).
    Replace(Box<Scenario>),
    Blank,
    /// Any text input: the scenario's name or years, or a row's label, number or driver.
    Text(FieldId, String),
    CostKind(Key, CostKindTag),
    SourceKind(Key, SourceKindTag),
    SourceBase(Key, Base),
    Eligible(Key, bool),
    AddDriver,
    AddCost,
    AddSource,
    Remove(Row),
    Move(Row, Direction),
}

impl EditorState {
    pub fn new(lang: Lang, preset_key: &str) -> Self {
        if let Some(lines) = synthetic_lines(preset_key) {
            let scenario = synthetic(lines.min(5000), 10);
            return Self::from_draft(lang, None, Draft::from_scenario(&scenario, lang));
        }
        let preset = Preset::find(preset_key).or_else(|| Preset::find(DEFAULT_PRESET));
        let (preset, draft) = match preset.map(|p| (p.key, p.scenario())) {
            Some((key, Ok(s))) => (Some(key), Draft::from_scenario(&s, lang)),
            _ => (
                None,
                Draft::blank(texts(lang).blank_name, texts(lang).new_driver),
            ),
        };
        Self::from_draft(lang, preset, draft)
    }

    /// A scenario from a file, a link or storage; an unedited preset is that preset again.
    pub fn from_scenario(lang: Lang, scenario: &Scenario) -> Self {
        let preset = Preset::matching(scenario).map(|p| p.key);
        Self::from_draft(lang, preset, Draft::from_scenario(scenario, lang))
    }

    /// `saved` with the text the user had typed over it (`draft`, in `typed_in`'s
    /// notation) back in its fields: the result is the saved one, not current while a field
    /// is still wrong, as it was before the reload. Each unit's slider starts from the
    /// saved unit's range, as if the text had just been typed.
    pub fn with_typed_draft(
        lang: Lang,
        saved: &Scenario,
        typed_in: Lang,
        mut draft: Draft,
    ) -> Self {
        let mut state = Self::from_scenario(lang, saved);
        if typed_in != lang {
            draft.relang(typed_in, lang);
        }
        for unit in &mut draft.drivers {
            unit.slider = state
                .draft
                .drivers
                .iter()
                .find(|s| s.id == unit.id)
                .and_then(|s| s.slider);
            unit.renew_slider(lang);
        }
        state.draft = draft;
        state.recompute();
        state
    }

    fn from_draft(lang: Lang, preset: Option<&'static str>, draft: Draft) -> Self {
        let mut state = EditorState {
            lang,
            preset,
            draft,
            errors: Vec::new(),
            good: None,
            preview: None,
            last_read: None,
            current: false,
            cache: ReadCache::default(),
        };
        state.recompute();
        state
    }

    /// Reads and evaluates the draft; keeps the last good result when that fails.
    fn recompute(&mut self) {
        match self.draft.read(self.lang, &mut self.cache) {
            Ok(scenario) => match evaluate(&scenario) {
                Ok(evaluation) => {
                    let scenario = Rc::new(scenario);
                    self.last_read = Some(scenario.clone());
                    self.good = Some(Computed {
                        scenario,
                        evaluation: Rc::new(evaluation),
                    });
                    self.errors.clear();
                    self.current = true;
                    self.preview = None;
                }
                Err(e) => {
                    self.errors = self.draft.locate_error(&e, &scenario, self.lang);
                    self.current = false;
                    self.last_read = Some(Rc::new(scenario));
                }
            },
            Err(errors) => {
                self.errors = errors;
                self.current = false;
            }
        }
    }

    /// Takes `before`'s result, and the scenario kept for saving with it (the last one read,
    /// for a scenario that never evaluated); gives back the result it had.
    pub fn back_to_result_of(&mut self, before: &EditorState) -> Option<Computed> {
        self.last_read.clone_from(&before.last_read);
        std::mem::replace(&mut self.good, before.good.clone())
    }

    /// The result the results panel shows: the one on the way while an unfinished number is
    /// `holding` back its error in the field being typed in, else `good`.
    pub fn shown_result(&self, holding: bool) -> Option<&Computed> {
        self.preview
            .as_ref()
            .filter(|_| holding)
            .or(self.good.as_ref())
    }

    /// Why there is no result, for a scenario that has never evaluated: "Scenariet kunne
    /// ikke beregnes" and the first field's message (which an embedded widget in compact
    /// mode, without the tables, would otherwise not show at all).
    pub fn no_result_message(&self) -> String {
        let t = texts(self.lang);
        match self.errors.first() {
            Some(e) => format!("{}: {}", t.load_error, e.message),
            None => t.load_error.to_string(),
        }
    }

    /// The scenario autosave keeps: the last one computed without error (a field the user is
    /// still fixing is saved with its last valid value), or, when there never was one, the
    /// last one read.
    pub fn saved_scenario(&self) -> Option<&Scenario> {
        match &self.good {
            Some(good) => Some(&good.scenario),
            None => self.last_read.as_deref(),
        }
    }

    /// Applies one action to the draft (pure apart from `self`; used by the reducer and tests).
    pub fn apply(&mut self, action: Action) {
        let t = texts(self.lang);
        let d = &mut self.draft;
        match action {
            Action::SetLang(lang) => {
                d.relang(self.lang, lang);
                self.lang = lang;
            }
            Action::LoadPreset(key) => {
                *self = EditorState::new(self.lang, &key);
                return;
            }
            Action::Replace(scenario) => {
                *self = EditorState::from_scenario(self.lang, &scenario);
                return;
            }
            Action::Blank => {
                *self = EditorState::from_draft(
                    self.lang,
                    None,
                    Draft::blank(t.blank_name, t.new_driver),
                );
                return;
            }
            Action::Text(field, text) => {
                if let Some(slot) = text_slot(d, field) {
                    *slot = text;
                }
                d.release(field);
                if let Row::Driver(k) = field.row {
                    if let Some(x) = d.drivers.iter_mut().find(|x| x.key == k) {
                        x.renew_slider(self.lang);
                    }
                }
            }
            Action::CostKind(key, kind) => {
                if let Some(c) = Rc::make_mut(&mut d.costs).iter_mut().find(|c| c.key == key) {
                    c.kind = kind;
                    if kind.uses_driver() && c.driver.is_empty() {
                        c.driver = d.drivers.first().map(|x| x.id.clone()).unwrap_or_default();
                    }
                }
            }
            Action::SourceKind(key, kind) => {
                if let Some(s) = Rc::make_mut(&mut d.sources)
                    .iter_mut()
                    .find(|s| s.key == key)
                {
                    s.kind = kind;
                    if kind == SourceKindTag::PerUnit && s.driver.is_empty() {
                        s.driver = d.drivers.first().map(|x| x.id.clone()).unwrap_or_default();
                    }
                }
            }
            Action::SourceBase(key, base) => {
                if let Some(s) = Rc::make_mut(&mut d.sources)
                    .iter_mut()
                    .find(|s| s.key == key)
                {
                    s.of = base;
                }
            }
            Action::Eligible(key, eligible) => {
                if let Some(c) = Rc::make_mut(&mut d.costs).iter_mut().find(|c| c.key == key) {
                    c.eligible = eligible;
                }
            }
            Action::AddDriver => {
                d.add_driver(t.new_driver);
            }
            Action::AddCost => {
                d.add_cost(t.new_cost);
            }
            Action::AddSource => {
                d.add_source(t.new_source);
            }
            Action::Remove(row) => match row {
                Row::Driver(k) => d.drivers.retain(|x| x.key != k),
                Row::Cost(k) => Rc::make_mut(&mut d.costs).retain(|x| x.key != k),
                Row::Source(k) => Rc::make_mut(&mut d.sources).retain(|x| x.key != k),
                Row::Scenario => {}
            },
            Action::Move(row, direction) => match row {
                Row::Driver(k) => move_row(&mut d.drivers, |x| x.key == k, direction),
                Row::Cost(k) => move_row(
                    Rc::make_mut(&mut d.costs).as_mut_slice(),
                    |x| x.key == k,
                    direction,
                ),
                Row::Source(k) => move_row(
                    Rc::make_mut(&mut d.sources).as_mut_slice(),
                    |x| x.key == k,
                    direction,
                ),
                Row::Scenario => {}
            },
        }
        self.recompute();
    }
}

/// The text behind an input, if the field exists.
fn text_slot(d: &mut Draft, field: FieldId) -> Option<&mut String> {
    match field.row {
        Row::Scenario => match field.field {
            "name" => Some(&mut d.name),
            "years" => Some(&mut d.years),
            _ => None,
        },
        Row::Driver(k) => {
            let x = d.drivers.iter_mut().find(|x| x.key == k)?;
            match field.field {
                "label" => Some(&mut x.label),
                "value" => Some(&mut x.value),
                "min" => Some(&mut x.min),
                "max" => Some(&mut x.max),
                "step" => Some(&mut x.step),
                _ => None,
            }
        }
        Row::Cost(k) => {
            let x = Rc::make_mut(&mut d.costs).iter_mut().find(|x| x.key == k)?;
            match field.field {
                "label" => Some(&mut x.label),
                "amount" => Some(&mut x.amount),
                "driver" => Some(&mut x.driver),
                _ => None,
            }
        }
        Row::Source(k) => {
            let x = Rc::make_mut(&mut d.sources)
                .iter_mut()
                .find(|x| x.key == k)?;
            match field.field {
                "label" => Some(&mut x.label),
                "rate" => Some(&mut x.rate),
                "cap" => Some(&mut x.cap),
                "amount" => Some(&mut x.amount),
                "driver" => Some(&mut x.driver),
                _ => None,
            }
        }
    }
}

fn move_row<T>(rows: &mut [T], is_it: impl Fn(&T) -> bool, direction: Direction) {
    let Some(i) = rows.iter().position(is_it) else {
        return;
    };
    match direction {
        Direction::Up if i > 0 => rows.swap(i, i - 1),
        Direction::Down if i + 1 < rows.len() => rows.swap(i, i + 1),
        _ => {}
    }
}

impl Default for EditorState {
    fn default() -> Self {
        EditorState::new(Lang::Da, DEFAULT_PRESET)
    }
}

impl Reducible for EditorState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.apply(action);
        Rc::new(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::draft::Slider;
    use cofund::Decimal;

    fn total(state: &EditorState) -> Decimal {
        state.good.as_ref().unwrap().evaluation.total_cost
    }

    #[test]
    fn starts_with_the_default_preset_computed() {
        let state = EditorState::default();
        assert!(state.current);
        assert_eq!(total(&state), Decimal::from(21_900_000));
    }

    #[test]
    fn typing_225_pilots_updates_the_result() {
        let mut state = EditorState::default();
        let key = state.draft.drivers[0].key;
        state.apply(Action::Text(
            FieldId::new(Row::Driver(key), "value"),
            "225".into(),
        ));
        assert!(state.current);
        assert_eq!(total(&state), Decimal::from(32_850_000));
    }

    #[test]
    fn a_bad_value_keeps_the_text_and_the_last_good_result() {
        let mut state = EditorState::default();
        let key = state.draft.costs[0].key;
        let field = FieldId::new(Row::Cost(key), "amount");
        state.apply(Action::Text(field, "32.850.0000".into()));
        assert!(!state.current);
        assert_eq!(state.draft.costs[0].amount, "32.850.0000");
        assert!(state.errors.iter().any(|e| e.field == field));
        assert_eq!(total(&state), Decimal::from(21_900_000));
        // Fixing it makes the result current again.
        state.apply(Action::Text(field, "100.000".into()));
        assert!(state.current);
        assert!(state.errors.is_empty());
    }

    #[test]
    fn overflow_is_an_error_on_a_field_not_a_panic() {
        let mut state = EditorState::default();
        let key = state.draft.drivers[0].key;
        state.apply(Action::Text(
            FieldId::new(Row::Driver(key), "max"),
            "".into(),
        ));
        state.apply(Action::Text(
            FieldId::new(Row::Driver(key), "value"),
            "100000000000000000000".into(),
        ));
        let cost = state.draft.costs[0].key;
        state.apply(Action::Text(
            FieldId::new(Row::Cost(cost), "amount"),
            "1000000000000000".into(),
        ));
        assert!(!state.current);
        // The amount that overflowed and the unit count it was multiplied by, with one
        // message: either may be the number to change.
        let marked: Vec<FieldId> = state.errors.iter().map(|e| e.field).collect();
        assert_eq!(
            marked,
            [
                FieldId::new(Row::Cost(cost), "amount"),
                FieldId::new(Row::Driver(key), "value")
            ]
        );
        assert_eq!(state.errors[0].message, state.errors[1].message);
    }

    #[test]
    fn a_count_typed_too_large_is_marked_where_it_was_typed() {
        // The report: an untouched amount of 100.000 was marked, the count just typed was
        // not. Both are marked now; a fixed line's overflowing sum names only its amount.
        let mut state = EditorState::default();
        let key = state.draft.drivers[0].key;
        let value = FieldId::new(Row::Driver(key), "value");
        state.apply(Action::Text(value, "999999999999999999999999".into()));
        assert!(!state.current);
        assert!(
            state.errors.iter().any(|e| e.field == value),
            "{:?}",
            state.errors
        );

        let mut state = EditorState::default();
        state.apply(Action::AddCost);
        let fixed = state.draft.costs.last().unwrap().key;
        state.apply(Action::CostKind(fixed, CostKindTag::Fixed));
        state.apply(Action::Text(
            FieldId::new(Row::Cost(fixed), "amount"),
            "79.228.162.514.264.337.593.543.950.335".into(),
        ));
        let marked: Vec<FieldId> = state.errors.iter().map(|e| e.field).collect();
        assert_eq!(marked, [FieldId::new(Row::Cost(fixed), "amount")]);
    }

    #[test]
    fn rows_can_be_added_moved_and_removed() {
        let mut state = EditorState::default();
        state.apply(Action::AddSource);
        let key = state.draft.sources.last().unwrap().key;
        state.apply(Action::Move(Row::Source(key), Direction::Up));
        assert_eq!(state.draft.sources[2].key, key);
        state.apply(Action::Text(
            FieldId::new(Row::Source(key), "amount"),
            "1.000.000".into(),
        ));
        let e = &state.good.as_ref().unwrap().evaluation;
        assert_eq!(e.sources[2].amount, Decimal::from(1_000_000));
        assert_eq!(e.sources[3].amount, Decimal::from(2_450_000)); // the residual shrinks
        state.apply(Action::Remove(Row::Source(key)));
        assert_eq!(state.draft.sources.len(), 3);
    }

    #[test]
    fn the_slider_keeps_its_last_range_and_position_while_the_fields_give_none() {
        let mut state = EditorState::default();
        let key = state.draft.drivers[0].key;
        let field = |name| FieldId::new(Row::Driver(key), name);
        let slider = |s: &EditorState| s.draft.drivers[0].slider.unwrap();
        let d = Decimal::from;
        let at_start = slider(&state);
        assert_eq!(
            (at_start.min, at_start.max, at_start.value),
            (d(150), d(225), d(150))
        );
        assert!(!at_start.stale);

        // Maks. that does not read: the last range, marked stale.
        state.apply(Action::Text(field("max"), "22x".into()));
        assert_eq!(
            slider(&state),
            Slider {
                stale: true,
                ..at_start
            }
        );
        // An empty one is valid (no bound) but gives no range: the last one, not stale,
        // since nothing needs correcting.
        state.apply(Action::Text(field("max"), "".into()));
        assert_eq!(slider(&state), at_start);
        assert!(state.current, "an empty Maks. is no error");
        // The slider sets Antal; the range is still the kept one.
        state.apply(Action::Text(field("value"), "160".into()));
        assert_eq!(
            (slider(&state).value, slider(&state).stale),
            (d(160), false)
        );
        // An Antal beyond the kept range widens it, rather than being drawn at its end.
        state.apply(Action::Text(field("value"), "500".into()));
        assert_eq!((slider(&state).max, slider(&state).value), (d(500), d(500)));
        state.apply(Action::Text(field("value"), "160".into()));
        // Antal that does not read: the last position stays.
        state.apply(Action::Text(field("value"), "".into()));
        assert_eq!((slider(&state).value, slider(&state).max), (d(160), d(500)));
        assert!(!state.current);
        // A range that reads again is the slider's.
        state.apply(Action::Text(field("max"), "300".into()));
        state.apply(Action::Text(field("value"), "170".into()));
        let now = slider(&state);
        assert_eq!((now.max, now.value, now.stale), (d(300), d(170), false));
        // Min. equal to Maks. is no range either (but no error: nothing is stale).
        state.apply(Action::Text(field("min"), "300".into()));
        assert_eq!(slider(&state), now);
        // Min. above Maks., or one that cannot be read, is marked wrong: the slider says it
        // keeps the last range.
        for min in ["400", "30x"] {
            state.apply(Action::Text(field("min"), min.into()));
            assert_eq!(slider(&state), Slider { stale: true, ..now }, "min {min}");
        }
    }

    #[test]
    fn a_unit_that_never_had_a_range_has_no_slider() {
        let mut scenario = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
        scenario.drivers[0].max = None;
        let state = EditorState::from_scenario(Lang::Da, &scenario);
        assert!(state.current);
        assert_eq!(state.draft.drivers[0].slider, None);
        // A new unit starts with one (0 to 100), in either language.
        let mut state = EditorState::new(Lang::En, "vaekstpilot-150");
        state.apply(Action::AddDriver);
        let new = state.draft.drivers[1].slider.unwrap();
        assert_eq!(
            (new.min, new.max, new.value),
            (Decimal::ZERO, Decimal::from(100), Decimal::ONE)
        );
        // Each new unit has a name of its own.
        state.apply(Action::AddDriver);
        state.apply(Action::AddDriver);
        let labels: Vec<&str> = state.draft.drivers[1..]
            .iter()
            .map(|d| d.label.as_str())
            .collect();
        assert_eq!(labels, ["Participants", "Participants 2", "Participants 3"]);
    }

    #[test]
    fn switching_language_keeps_the_numbers() {
        let mut state = EditorState::default();
        state.apply(Action::SetLang(Lang::En));
        assert_eq!(state.draft.costs[0].amount, "100,000");
        assert!(state.current);
        assert_eq!(total(&state), Decimal::from(21_900_000));
    }

    #[test]
    fn blank_and_presets_load() {
        let mut state = EditorState::default();
        state.apply(Action::Blank);
        assert!(state.current);
        assert_eq!(state.preset, None);
        state.apply(Action::LoadPreset("design-sprint".into()));
        assert_eq!(total(&state), Decimal::from(30_000_000));
    }

    #[test]
    fn a_reopened_preset_names_its_template_until_edited() {
        let preset = Preset::find("design-sprint").unwrap();
        let state = EditorState::from_scenario(Lang::En, &preset.scenario().unwrap());
        assert_eq!(state.preset, Some("design-sprint"));
        let mut edited = preset.scenario().unwrap();
        edited.years += 1;
        assert_eq!(EditorState::from_scenario(Lang::En, &edited).preset, None);
    }
    /// The state as a reader without a cache sees it: what the editor must show.
    fn read_afresh(state: &EditorState) -> Result<Scenario, Vec<FieldError>> {
        state.draft.to_scenario(state.lang)
    }

    #[test]
    fn a_cached_read_sees_every_kind_of_edit_as_a_fresh_one_does() {
        let mut state = EditorState::new(Lang::Da, "synthetic-12");
        let cost =
            |s: &EditorState, i: usize| FieldId::new(Row::Cost(s.draft.costs[i].key), "amount");
        let driver = FieldId::new(Row::Driver(state.draft.drivers[0].key), "value");
        // Each step makes its action from the state as it is by then.
        type Step = Box<dyn Fn(&EditorState) -> Action>;
        let steps: Vec<Step> = vec![
            // A keystroke outside the cost lines: their amounts come from the cache.
            Box::new(move |_| Action::Text(driver, "51".into())),
            // A cost amount that does not read, then one that does.
            Box::new(move |s| Action::Text(cost(s, 3), "32.850.0000".into())),
            Box::new(move |_| Action::Text(driver, "52".into())),
            Box::new(move |s| Action::Text(cost(s, 3), "1.234,50".into())),
            // Reordered, removed and added lines.
            Box::new(move |s| Action::Move(Row::Cost(s.draft.costs[5].key), Direction::Up)),
            Box::new(move |s| Action::Remove(Row::Cost(s.draft.costs[0].key))),
            Box::new(|_| Action::AddCost),
            // "1.500" means 1500 in Danish and 1.5 in English. Switching converts the text
            // (a new list), so this checks the conversion; the language key of the cache is
            // checked in draft.rs, on one list read in both languages.
            Box::new(move |s| Action::Text(cost(s, 1), "1.500".into())),
            Box::new(|_| Action::SetLang(Lang::En)),
            Box::new(move |_| Action::Text(driver, "53".into())),
            Box::new(|_| Action::SetLang(Lang::Da)),
        ];
        for (i, step) in steps.iter().enumerate() {
            let action = step(&state);
            state.apply(action);
            let fresh = read_afresh(&state);
            match (&fresh, &state.good) {
                (Ok(scenario), Some(good)) if state.current => {
                    assert_eq!(*good.scenario, *scenario, "step {i}")
                }
                (Err(errors), _) => {
                    assert!(!state.current, "step {i}");
                    assert_eq!(&state.errors, errors, "step {i}");
                }
                _ => panic!("step {i}: the state and a fresh read disagree"),
            }
        }
        assert_eq!(state.draft.costs[1].amount, "1.500");
    }
}
