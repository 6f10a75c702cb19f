//! What the app tells the lazily loaded board program (see [`super::lazy`]): which view,
//! in which language, and the scenarios it shows.
//!
//! The two programs share no memory, so the scenarios cross as text, in the workspace
//! document format the app already saves and reads (`cofund::storage::workspace`): exact
//! decimal strings, nothing rounded on the way. The board evaluates them again, which is
//! microseconds per scenario, and only happens when a board view is open.

use std::rc::Rc;

use cofund::model::{evaluate, Scenario};
use cofund::numbers::Lang;
use cofund::storage::workspace::Workspace;
use cofund::storage::xlsx;
use serde_json::{Map, Value};
use yew::AttrValue;

use super::Column;
use crate::i18n::{lang_of_tag, lang_tag};

/// What the board program shows: one of the workspace's board views, or the embed dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BoardView {
    Compare,
    Analyse,
    Present,
    /// The embed dialog for the active column's scenario.
    EmbedDialog,
}

impl BoardView {
    const ALL: [BoardView; 4] = [
        BoardView::Compare,
        BoardView::Analyse,
        BoardView::Present,
        BoardView::EmbedDialog,
    ];

    fn key(self) -> &'static str {
        match self {
            BoardView::Compare => "compare",
            BoardView::Analyse => "analyse",
            BoardView::Present => "present",
            BoardView::EmbedDialog => "embed",
        }
    }
}

/// What the board program is asked to show, of the workspace's scenarios that have a valid
/// result.
#[derive(Clone, Debug, PartialEq)]
pub struct BoardRequest {
    pub view: BoardView,
    pub lang: Lang,
    pub columns: Rc<Vec<Column>>,
    /// The column of the active scenario (the one analysed or presented).
    pub active: usize,
    /// The column of the baseline; out of range when there is none.
    pub baseline: usize,
}

impl BoardRequest {
    /// The request as JSON text:
    /// `{"view":…,"lang":…,"active":…,"current":[…],"workspace":{…}}`. Each column's name
    /// travels as its scenario's name; whether it is current goes beside the workspace, in
    /// `current` (one per scenario), as the document format has no place for it: a saved
    /// workspace holds the last valid scenarios and nothing about the editor's fields.
    pub fn to_json(&self) -> String {
        let scenarios = self
            .columns
            .iter()
            .map(|c| Scenario {
                name: c.name.to_string(),
                ..(*c.scenario).clone()
            })
            .collect::<Vec<_>>();
        let baseline = (self.baseline < scenarios.len()).then_some(self.baseline);
        let mut o = Map::new();
        o.insert("view".into(), self.view.key().into());
        o.insert("lang".into(), lang_tag(self.lang).into());
        o.insert("active".into(), self.active.into());
        o.insert(
            "current".into(),
            self.columns
                .iter()
                .map(|c| c.current)
                .collect::<Vec<_>>()
                .into(),
        );
        o.insert(
            "workspace".into(),
            Workspace::new(scenarios, baseline).to_json_value(),
        );
        Value::Object(o).to_string()
    }

    /// Reads what [`BoardRequest::to_json`] wrote. The text only ever comes from the app,
    /// so a refusal means the two programs disagree (a stale cached file, say): the message
    /// says what was wrong, for the board to show.
    pub fn from_json(text: &str) -> Result<BoardRequest, String> {
        let value: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
        let key = value.get("view").and_then(Value::as_str);
        let Some(view) = BoardView::ALL.into_iter().find(|v| Some(v.key()) == key) else {
            return Err(format!("view: {key:?}"));
        };
        let lang = value
            .get("lang")
            .and_then(Value::as_str)
            .and_then(lang_of_tag)
            .unwrap_or_default();
        let active = value
            .get("active")
            .and_then(Value::as_u64)
            .and_then(|a| usize::try_from(a).ok())
            .unwrap_or(0);
        let workspace = Workspace::from_json_value(value.get("workspace").unwrap_or(&Value::Null))
            .map_err(|e| e.message(lang))?;
        // Required, one per scenario: taking a missing one as "current" would show stale
        // figures as current, the very thing the flag is there to prevent.
        let current: Vec<bool> = value
            .get("current")
            .and_then(Value::as_array)
            .and_then(|list| list.iter().map(Value::as_bool).collect::<Option<_>>())
            .filter(|list: &Vec<bool>| list.len() == workspace.scenarios.len())
            .ok_or_else(|| format!("current: {:?}", value.get("current")))?;
        let mut columns = Vec::with_capacity(workspace.scenarios.len());
        for (i, (scenario, current)) in workspace.scenarios.into_iter().zip(current).enumerate() {
            let evaluation =
                evaluate(&scenario).map_err(|e| format!("scenarios[{i}]: {}", e.message(lang)))?;
            columns.push(Column {
                name: AttrValue::from(scenario.name.clone()),
                scenario: Rc::new(scenario),
                evaluation: Rc::new(evaluation),
                current,
            });
        }
        Ok(BoardRequest {
            view,
            lang,
            columns: Rc::new(columns),
            active,
            baseline: workspace.baseline.unwrap_or(usize::MAX),
        })
    }
}

impl BoardRequest {
    /// The workbook of the columns: one sheet each plus a comparison with the baseline.
    pub fn workbook(&self) -> Vec<u8> {
        let pairs: Vec<_> = self
            .columns
            .iter()
            .map(|c| (&*c.scenario, &*c.evaluation))
            .collect();
        xlsx::workbook(
            &pairs,
            (self.baseline < pairs.len()).then_some(self.baseline),
            self.lang,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cofund::presets::PRESETS;

    fn columns() -> Rc<Vec<Column>> {
        Rc::new(
            PRESETS
                .iter()
                .take(3)
                .enumerate()
                .map(|(i, p)| {
                    let mut scenario = p.scenario().expect("preset reads");
                    scenario.name = format!("{} (kopi)", scenario.name);
                    Column {
                        name: AttrValue::from(scenario.name.clone()),
                        evaluation: Rc::new(evaluate(&scenario).expect("preset evaluates")),
                        scenario: Rc::new(scenario),
                        // One stale column among current ones: each flag crosses on its own.
                        current: i != 1,
                    }
                })
                .collect(),
        )
    }

    #[test]
    fn a_request_crosses_as_text_unchanged() {
        for (view, lang, baseline) in [
            (BoardView::Compare, Lang::Da, 1),
            (BoardView::Analyse, Lang::En, usize::MAX),
            (BoardView::Present, Lang::Da, 0),
            (BoardView::EmbedDialog, Lang::En, usize::MAX),
        ] {
            let request = BoardRequest {
                view,
                lang,
                columns: columns(),
                active: 2,
                baseline,
            };
            let back = BoardRequest::from_json(&request.to_json()).expect("reads back");
            assert_eq!(back, request);
        }
    }

    #[test]
    fn the_columns_names_replace_the_scenarios_own() {
        // A column is named as the editor's name field says, which may be newer than
        // the last valid scenario's name.
        let mut renamed = (*columns()).clone();
        renamed[0].name = AttrValue::from("Nyt navn");
        let request = BoardRequest {
            view: BoardView::Compare,
            lang: Lang::Da,
            columns: Rc::new(renamed),
            active: 0,
            baseline: 0,
        };
        let back = BoardRequest::from_json(&request.to_json()).expect("reads back");
        assert_eq!(back.columns[0].name, "Nyt navn");
        assert_eq!(back.columns[0].scenario.name, "Nyt navn");
    }

    #[test]
    fn whether_each_column_is_current_crosses_and_is_required() {
        let request = BoardRequest {
            view: BoardView::Compare,
            lang: Lang::Da,
            columns: columns(),
            active: 0,
            baseline: 0,
        };
        let text = request.to_json();
        let back = BoardRequest::from_json(&text).expect("reads back");
        let flags: Vec<bool> = back.columns.iter().map(|c| c.current).collect();
        assert_eq!(flags, [true, false, true]);
        // Missing, of the wrong length or not a flag: refused, never taken as current.
        let mut value: Value = serde_json::from_str(&text).expect("JSON");
        for wrong in [
            Value::Null,
            serde_json::json!([true, false]),
            serde_json::json!([true, "no", true]),
        ] {
            value["current"] = wrong.clone();
            let refused = BoardRequest::from_json(&value.to_string());
            assert!(
                refused.as_ref().is_err_and(|e| e.starts_with("current")),
                "{wrong}: {refused:?}"
            );
        }
        value.as_object_mut().expect("object").remove("current");
        assert!(BoardRequest::from_json(&value.to_string()).is_err());
    }

    #[test]
    fn a_request_it_cannot_read_is_refused_with_a_reason() {
        assert!(BoardRequest::from_json("{").is_err());
        let no_view =
            r#"{"lang":"da","active":0,"workspace":{"cofund_workspace":1,"scenarios":[]}}"#;
        assert!(BoardRequest::from_json(no_view)
            .unwrap_err()
            .starts_with("view"));
        let edit = no_view.replace(r#""lang""#, r#""view":"edit","lang""#);
        assert!(BoardRequest::from_json(&edit).is_err());
    }
}
