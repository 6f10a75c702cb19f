//! Text typed but not yet valid, kept across a reload.
//!
//! Autosave stores each scenario's last valid state: a scenario document, exactly as files
//! hold them. A field the user is still fixing (`32.850.0000`, an amount emptied to be typed
//! again) is not in it, and a reload, or a browser that discards a background tab,
//! would silently put the last valid value back. So beside the workspace, as browser state
//! like the scenario being edited, the app keeps the drafts of the scenarios that are not
//! current: every field's text as typed, with the saved scenario it was typed over. On
//! start, a draft whose saved scenario is still the one stored at its place opens with its
//! text, its marks and the last valid result, marked not current. Any other draft is
//! dropped: another tab or an import has changed that scenario since.
//!
//! ```json
//! { "cofund_pending": 1, "lang": "da",
//!   "drafts": [ { "index": 0, "saved": <format 1 scenario>,
//!                 "draft": { "name": "…", "years": "3", "drivers": [["pilots", "Vækstpiloter",
//!                            "150", "150", "225", ""]], "costs": [[…]], "sources": [[…]] } } ] }
//! ```
//!
//! Reading is forgiving in one way only: a document it does not understand is no draft at
//! all (it is the browser's scratch state, not the user's document, which is the workspace).

use std::rc::Rc;

use cofund::model::parse_json;
use cofund::model::write::to_json_value;
use cofund::model::{Base, Scenario};
use cofund::numbers::Lang;
use serde_json::{json, Value};

use super::draft::{CostDraft, CostKindTag, Draft, DriverDraft, SourceDraft, SourceKindTag};
use crate::i18n::{lang_of_tag, lang_tag};

/// The version of the document below, under this key.
const VERSION_KEY: &str = "cofund_pending";
const VERSION: u64 = 1;

/// One scenario's draft, with the place and the saved state it belongs to.
#[derive(Clone, Debug, PartialEq)]
pub struct PendingDraft {
    /// The scenario's index in the saved workspace.
    pub index: usize,
    /// The saved scenario, as its document: the draft is only opened over this one.
    pub saved: Value,
    pub draft: Draft,
}

/// The drafts of a workspace, typed in `lang` (their numbers are written its way).
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub lang: Lang,
    pub drafts: Vec<PendingDraft>,
}

impl PendingDraft {
    /// Whether the draft was typed over `scenario`.
    pub fn belongs_to(&self, scenario: &Scenario) -> bool {
        to_json_value(scenario) == self.saved
    }
}

/// The document for the drafts `(saved index, saved scenario, draft)` typed in `lang`.
pub fn to_json(lang: Lang, drafts: &[(usize, &Scenario, &Draft)]) -> String {
    let drafts: Vec<Value> = drafts
        .iter()
        .map(|(index, saved, draft)| {
            json!({ "index": index, "saved": to_json_value(saved), "draft": draft_to_json(draft) })
        })
        .collect();
    json!({ VERSION_KEY: VERSION, "lang": lang_tag(lang), "drafts": drafts }).to_string()
}

/// The drafts in `text`; `None` for anything that is not such a document of this version.
pub fn from_json(text: &str) -> Option<Pending> {
    // The core's JSON reader: the app has it anyway (one parser in the bundle, not two).
    let Value::Object(mut doc) = parse_json(text).ok()? else {
        return None;
    };
    if doc.get(VERSION_KEY)?.as_u64()? != VERSION {
        return None;
    }
    let lang = lang_of_tag(doc.get("lang")?.as_str()?)?;
    // Taken out of the document rather than copied (`take` leaves a null behind).
    let Value::Array(drafts) = doc.get_mut("drafts")?.take() else {
        return None;
    };
    let drafts = drafts
        .into_iter()
        .map(|d| {
            let Value::Object(mut d) = d else {
                return None;
            };
            Some(PendingDraft {
                index: usize::try_from(d.get("index")?.as_u64()?).ok()?,
                draft: draft_from_json(d.get("draft")?)?,
                saved: d.get_mut("saved")?.take(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Pending { lang, drafts })
}

/// Each row of a draft is kept as an array of its texts, in the order `draft_to_json`
/// gives them and `draft_from_json` takes them apart: a small document, and little code to
/// write and read it.
fn texts(fields: &[&str]) -> Value {
    Value::Array(
        fields
            .iter()
            .map(|f| Value::String(f.to_string()))
            .collect(),
    )
}

fn draft_to_json(d: &Draft) -> Value {
    let flag = |on: bool| if on { "1" } else { "" };
    let drivers = d
        .drivers
        .iter()
        .map(|x| texts(&[&x.id, &x.label, &x.value, &x.min, &x.max, &x.step]));
    let costs = d.costs.iter().map(|c| {
        texts(&[
            &c.id,
            &c.label,
            c.kind.tag(),
            &c.driver,
            &c.amount,
            flag(c.eligible),
        ])
    });
    let sources = d.sources.iter().map(|s| {
        texts(&[
            &s.id,
            &s.label,
            s.kind.tag(),
            &s.rate,
            s.of.tag(),
            &s.cap,
            &s.driver,
            &s.amount,
        ])
    });
    json!({ "name": d.name, "years": d.years, "drivers": drivers.collect::<Vec<_>>(),
            "costs": costs.collect::<Vec<_>>(), "sources": sources.collect::<Vec<_>>() })
}

/// The rows of the list `field` of `draft`, each an array of exactly `N` texts.
fn rows<const N: usize>(draft: &Value, field: &str) -> Option<Vec<[String; N]>> {
    draft
        .get(field)?
        .as_array()?
        .iter()
        .map(|row| {
            let texts: Vec<String> = row
                .as_array()?
                .iter()
                .map(|t| t.as_str().map(str::to_string))
                .collect::<Option<_>>()?;
            texts.try_into().ok()
        })
        .collect()
}

fn draft_from_json(d: &Value) -> Option<Draft> {
    let text = |field: &str| Some(d.get(field)?.as_str()?.to_string());
    // Each row's texts in the order `draft_to_json` writes them; the pattern says how many
    // a row has, and `rows` refuses any other number. Row keys are the editor's own; they
    // are given afresh, in order.
    let drivers = rows(d, "drivers")?
        .into_iter()
        .map(|[id, label, value, min, max, step]| DriverDraft {
            key: 0,
            id,
            label,
            value,
            min,
            max,
            step,
            slider: None,
        })
        .collect();
    let costs = rows(d, "costs")?
        .into_iter()
        .map(|[id, label, kind, driver, amount, eligible]| {
            Some(CostDraft {
                key: 0,
                id,
                label,
                kind: CostKindTag::from_tag(&kind)?,
                driver,
                amount,
                eligible: match eligible.as_str() {
                    "1" => true,
                    "" => false,
                    _ => return None,
                },
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let sources = rows(d, "sources")?
        .into_iter()
        .map(|[id, label, kind, rate, of, cap, driver, amount]| {
            Some(SourceDraft {
                key: 0,
                id,
                label,
                kind: SourceKindTag::from_tag(&kind)?,
                rate,
                of: Base::from_tag(&of)?,
                cap,
                driver,
                amount,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Draft::with_rows(
        text("name")?,
        text("years")?,
        drivers,
        Rc::new(costs),
        Rc::new(sources),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::draft::{FieldId, Row};
    use crate::editor::state::{Action, EditorState};
    use cofund::presets::Preset;

    fn vaekstpilot() -> Scenario {
        Preset::find("vaekstpilot-150").unwrap().scenario().unwrap()
    }

    #[test]
    fn a_draft_with_refused_text_and_a_new_line_comes_back_as_typed() {
        let mut state = EditorState::new(Lang::Da, "vaekstpilot-150");
        let cost = state.draft.costs[1].key;
        state.apply(Action::Text(
            FieldId::new(Row::Cost(cost), "amount"),
            "32.850.0000".into(),
        ));
        state.apply(Action::AddCost);
        let new_line = state.draft.costs.last().unwrap().key;
        state.apply(Action::Text(
            FieldId::new(Row::Cost(new_line), "label"),
            "Husleje, »kontor« \"A\"\t2".into(),
        ));
        state.apply(Action::AddSource);
        let source = state.draft.sources.last().unwrap().key;
        state.apply(Action::SourceKind(source, SourceKindTag::Share));
        state.apply(Action::SourceBase(source, Base::Total));
        assert!(!state.current);
        let saved = state.saved_scenario().unwrap().clone();

        let text = to_json(Lang::Da, &[(3, &saved, &state.draft)]);
        let back = from_json(&text).expect("its own document reads");
        assert_eq!(back.lang, Lang::Da);
        assert_eq!(back.drafts.len(), 1);
        let pending = &back.drafts[0];
        assert_eq!(pending.index, 3);
        assert!(pending.belongs_to(&saved));
        assert!(!pending.belongs_to(&vaekstpilot()) || saved == vaekstpilot());
        // Every text and choice as it was; keys are the editor's and given afresh.
        let strip = |d: &Draft| {
            let mut d = d.clone();
            d.drivers.iter_mut().for_each(|x| {
                x.key = 0;
                x.slider = None;
            });
            Rc::make_mut(&mut d.costs)
                .iter_mut()
                .for_each(|c| c.key = 0);
            Rc::make_mut(&mut d.sources)
                .iter_mut()
                .for_each(|s| s.key = 0);
            d
        };
        assert_eq!(
            strip(&pending.draft).costs,
            strip(&state.draft).costs,
            "cost lines"
        );
        assert_eq!(strip(&pending.draft).sources, strip(&state.draft).sources);
        assert_eq!(strip(&pending.draft).drivers, strip(&state.draft).drivers);
        assert_eq!(pending.draft.name, state.draft.name);
        assert_eq!(pending.draft.years, state.draft.years);
    }

    #[test]
    fn a_draft_belongs_only_to_the_scenario_it_was_typed_over() {
        let saved = vaekstpilot();
        let mut other = saved.clone();
        other.years = 5;
        let draft = Draft::from_scenario(&saved, Lang::Da);
        let back = from_json(&to_json(Lang::En, &[(0, &saved, &draft)])).unwrap();
        assert_eq!(back.lang, Lang::En);
        assert!(back.drafts[0].belongs_to(&saved));
        assert!(!back.drafts[0].belongs_to(&other));
    }

    #[test]
    fn anything_else_is_no_draft() {
        let saved = vaekstpilot();
        let draft = Draft::from_scenario(&saved, Lang::Da);
        let good = to_json(Lang::Da, &[(0, &saved, &draft)]);
        assert!(from_json(&good).is_some());
        for bad in [
            "",
            "null",
            "{}",
            &good.replace("\"cofund_pending\":1", "\"cofund_pending\":2"),
            &good.replace("\"lang\":\"da\"", "\"lang\":\"de\""),
            &good.replace("\"per_unit\",\"pilots\"", "\"per_month\",\"pilots\""),
            &good.replace(
                "\"deb\",\"DEB\",\"share\",\"50\",\"eligible\"",
                "\"deb\",\"DEB\",\"share\",\"50\",\"all\"",
            ),
            &good.replace(
                "\"pilots\",\"Vækstpiloter\",\"150\"",
                "\"pilots\",\"Vækstpiloter\"",
            ),
            &good.replace("\"index\":0", "\"index\":-1"),
        ] {
            assert_ne!(
                bad,
                good.as_str(),
                "each bad document differs from the good one"
            );
            assert_eq!(from_json(bad), None, "{bad}");
        }
    }
}
