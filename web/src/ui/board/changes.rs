//! A polite live region for the comparison and the analysis that says what the workspace
//! bar's undo, redo, delete, duplicate, new scenario and baseline did (WCAG 4.1.3): those
//! buttons stay on screen in these views, where the editor's announcement is not.
//!
//! The board program only sees the scenarios before and after, so it says the difference:
//! a scenario added or deleted, a scenario whose figures changed, a new baseline, once a
//! burst of actions has settled ([`use_settled_change`]).

use std::rc::Rc;

use cofund::numbers::{format_amount, Lang};
use cofund::shown::shown;
use cofund::text::full_stop;
use yew::prelude::*;

use super::super::announce::{live_region, unmatched, use_settled_change};
use super::compare::{baseline_index, display_name};
use super::Column;
use crate::i18n::{board_texts, BoardTexts};
use crate::ui::balance::Balance;

/// The scenarios as last announced (or first shown).
#[derive(Clone, PartialEq)]
pub struct Workspace {
    pub columns: Rc<Vec<Column>>,
    pub baseline: usize,
}

/// "Navn (ikke opdateret)": the name as the views show it, marked when not current.
fn spoken_name(column: &Column, t: &BoardTexts) -> String {
    let name = display_name(column, t);
    if column.current {
        name
    } else {
        format!("{name} {}", t.stale_mark)
    }
}

/// "Navn. Samlede udgifter: 21.900.000 kr. Fuldt finansieret."
fn figures(column: &Column, lang: Lang) -> String {
    let t = board_texts(lang);
    let s = shown(&column.scenario, &column.evaluation);
    [
        spoken_name(column, t),
        format!("{}: {}", t.total_cost, format_amount(s.total, lang)),
        Balance::of(&column.evaluation, &s).words(lang),
    ]
    .map(full_stop)
    .join(" ")
}

/// What changed from `before` to `after`, in words; `None` when nothing a listener would
/// notice did.
pub fn change_message(before: &Workspace, after: &Workspace, lang: Lang) -> Option<String> {
    let t = board_texts(lang);
    let gone = unmatched(&before.columns, &after.columns);
    let new = unmatched(&after.columns, &before.columns);
    let mut said: Vec<String> = if before.columns.len() == after.columns.len() {
        // Undo or redo of an edit: the same scenarios, one of them with other figures.
        new.iter().map(|c| figures(c, lang)).collect()
    } else if after.columns.len() > before.columns.len() {
        new.iter()
            .map(|c| full_stop(format!("{} {}", t.change_added, spoken_name(c, t))))
            .collect()
    } else {
        gone.iter()
            .map(|c| full_stop(format!("{} {}", t.change_deleted, spoken_name(c, t))))
            .collect()
    };
    let base_name = |w: &Workspace| {
        baseline_index(&w.columns, w.baseline).map(|b| display_name(&w.columns[b], t))
    };
    if let Some(base) = base_name(after).filter(|b| Some(b) != base_name(before).as_ref()) {
        said.push(full_stop(format!("{} {base}", t.change_baseline)));
    }
    (!said.is_empty()).then(|| said.join(" "))
}

#[derive(Properties, PartialEq)]
pub struct ChangesProps {
    pub columns: Rc<Vec<Column>>,
    pub baseline: usize,
    pub lang: Lang,
}

/// The live region, empty until the first change.
#[function_component(Changes)]
pub fn changes(props: &ChangesProps) -> Html {
    let lang = props.lang;
    let now = Workspace {
        columns: props.columns.clone(),
        baseline: props.baseline,
    };
    let spoken = use_settled_change(now, move |before, after| {
        change_message(before, after, lang)
    });
    live_region("cofund-board-changes", &spoken)
}

#[cfg(test)]
mod tests {
    use super::*;
    use cofund::model::evaluate;
    use cofund::presets::Preset;

    fn column(key: &str, name: &str) -> Column {
        let scenario = Preset::find(key)
            .expect("preset")
            .scenario()
            .expect("valid");
        Column {
            name: AttrValue::from(name.to_string()),
            evaluation: Rc::new(evaluate(&scenario).expect("evaluates")),
            scenario: Rc::new(scenario),
            current: true,
        }
    }

    fn workspace(columns: Vec<Column>, baseline: usize) -> Workspace {
        Workspace {
            columns: Rc::new(columns),
            baseline,
        }
    }

    #[test]
    fn nothing_changed_says_nothing() {
        let w = workspace(vec![column("vaekstpilot-150", "A")], 0);
        assert_eq!(change_message(&w, &w.clone(), Lang::Da), None);
    }

    #[test]
    fn a_duplicate_and_its_deletion_are_named() {
        let one = workspace(vec![column("vaekstpilot-150", "A")], 0);
        let two = workspace(
            vec![
                column("vaekstpilot-150", "A"),
                column("vaekstpilot-150", "A"),
            ],
            0,
        );
        assert_eq!(
            change_message(&one, &two, Lang::Da).as_deref(),
            Some("Tilføjet: A.")
        );
        assert_eq!(
            change_message(&two, &one, Lang::En).as_deref(),
            Some("Deleted: A.")
        );
    }

    #[test]
    fn an_undone_edit_says_the_scenarios_new_figures() {
        let before = workspace(
            vec![column("vaekstpilot-225", "A"), column("design-sprint", "B")],
            0,
        );
        let mut undone = column("vaekstpilot-150", "A");
        undone.current = false;
        let after = workspace(vec![undone, column("design-sprint", "B")], 0);
        assert_eq!(
            change_message(&before, &after, Lang::Da).as_deref(),
            Some("A (ikke opdateret). Samlede udgifter: 21.900.000 kr. Fuldt finansieret.")
        );
    }

    #[test]
    fn a_new_baseline_is_named_and_a_lost_one_is_not() {
        let columns = vec![column("vaekstpilot-150", "A"), column("design-sprint", "B")];
        let a = workspace(columns.clone(), 0);
        let b = workspace(columns.clone(), 1);
        assert_eq!(
            change_message(&a, &b, Lang::En).as_deref(),
            Some("The baseline is now B.")
        );
        // The baseline deleted: the deletion says it all.
        let rest = workspace(vec![column("design-sprint", "B")], usize::MAX);
        assert_eq!(
            change_message(&a, &rest, Lang::Da).as_deref(),
            Some("Slettet: A.")
        );
    }
}
