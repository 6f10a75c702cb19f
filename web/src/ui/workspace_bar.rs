//! The scenarios of the workspace as a row of buttons, with the tools that act on them:
//! new, duplicate, use as baseline, delete, undo and redo. In the editor, a polite live
//! region says what they did to the list (a scenario added or deleted, and which one is
//! open then; a new baseline): the results' own region says a new total, and the board
//! views say these changes themselves (ui::board::changes).

use cofund::numbers::Lang;
use yew::prelude::*;

use crate::editor::workspace::{WorkspaceAction, WorkspaceState};
use crate::i18n::{app_texts, AppTexts};
use crate::ui::announce::{live_region, unmatched, use_settled_change};
use crate::ui::refocus_if_lost;
use cofund::text::full_stop;

/// One scenario's button.
#[derive(Clone, Debug, PartialEq)]
pub struct Tab {
    pub name: AttrValue,
    /// False while one of its fields cannot be read: its figures everywhere are the last
    /// valid ones, and its button says so too (the board views and the editor already do).
    pub current: bool,
}

#[derive(Properties, PartialEq)]
pub struct WorkspaceBarProps {
    pub tabs: Vec<Tab>,
    pub active: usize,
    pub baseline: usize,
    pub can_undo: bool,
    pub can_redo: bool,
    pub lang: Lang,
    pub dispatch: yew::UseReducerDispatcher<WorkspaceState>,
    /// Whether the bar says its changes itself (in the editor; a board view says them).
    #[prop_or_default]
    pub announce: bool,
}

/// The list as the live region last said it: the names as the buttons show them.
#[derive(Clone, PartialEq)]
struct Listed {
    names: Vec<String>,
    active: usize,
    baseline: usize,
}

impl Listed {
    fn of(props: &WorkspaceBarProps, t: &AppTexts) -> Listed {
        Listed {
            names: props
                .tabs
                .iter()
                .map(|tab| shown_name(tab, t).to_string())
                .collect(),
            active: props.active,
            baseline: props.baseline,
        }
    }

    fn name(&self, i: usize) -> Option<&str> {
        self.names.get(i).map(String::as_str)
    }

    /// The baseline's name; none while there is only one scenario (no baseline is shown).
    fn baseline_name(&self) -> Option<&str> {
        (self.names.len() > 1)
            .then(|| self.name(self.baseline))
            .flatten()
    }
}

/// The name a scenario's button shows: as the comparison and the share tools show it, so a
/// name of nothing but spaces is "Nyt scenarie" there too, not an empty-looking button.
fn shown_name<'a>(tab: &'a Tab, t: &'a AppTexts) -> &'a str {
    crate::i18n::scenario_name(tab.name.as_str(), t)
}

/// What the tools did to the list, in words: "Tilføjet: Nyt scenarie. Åbent scenarie: Nyt
/// scenarie."; `None` when the list kept its scenarios and baseline (a rename is typed in
/// the editor's own field, and a switch moves the focus to the scenario's button).
fn change_message(before: &Listed, after: &Listed, t: &AppTexts) -> Option<String> {
    let mut said = Vec::new();
    if after.names.len() != before.names.len() {
        let (lead, names) = if after.names.len() > before.names.len() {
            (t.change_added, unmatched(&after.names, &before.names))
        } else {
            (t.change_deleted, unmatched(&before.names, &after.names))
        };
        said.extend(names.iter().map(|name| format!("{lead} {name}")));
        if let Some(open) = after.name(after.active) {
            said.push(format!("{} {open}", t.change_open));
        }
    }
    if let Some(base) = after.baseline_name() {
        if before.baseline_name() != Some(base) && before.names.len() > 1 {
            said.push(format!("{} {base}", t.change_baseline));
        }
    }
    (!said.is_empty()).then(|| {
        said.into_iter()
            .map(full_stop)
            .collect::<Vec<_>>()
            .join(" ")
    })
}

#[function_component(WorkspaceBar)]
pub fn workspace_bar(props: &WorkspaceBarProps) -> Html {
    let t = app_texts(props.lang);
    let act = |action: WorkspaceAction| {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(action.clone());
            keep_focus_in_bar();
        })
    };
    let count = props.tabs.len();
    // Watched only where the bar speaks; elsewhere nothing changes, so nothing is said.
    let listed = props.announce.then(|| Listed::of(props, t));
    let lang = props.lang;
    let spoken = use_settled_change(listed, move |before, after| match (before, after) {
        (Some(before), Some(after)) => change_message(before, after, app_texts(lang)),
        _ => None,
    });
    html! {
        <nav class="cofund-workspace" aria-label={t.workspace_label}>
            <ul class="cofund-tabs">
                { for props.tabs.iter().enumerate().map(|(i, tab)| {
                    let is_active = i == props.active;
                    let shown = shown_name(tab, t);
                    html! {
                        <li>
                            <button type="button" class={classes!("cofund-tab", is_active.then_some("cofund-tab--active"))}
                                aria-current={is_active.then_some("true")} onclick={act(WorkspaceAction::Select(i))}>
                                { shown }
                                // The spaces keep the button's accessible name in words
                                // ("… basis ikke opdateret"), not run together.
                                if i == props.baseline && count > 1 {
                                    { " " }<span class="cofund-tab-badge">{ t.baseline_badge }</span>
                                }
                                if !tab.current {
                                    { " " }<span class="cofund-tab-badge cofund-tab-badge--stale">{ t.stale_badge }</span>
                                }
                            </button>
                        </li>
                    }
                }) }
            </ul>
            <div class="cofund-workspace-tools">
                <button type="button" class="cofund-icon-button" onclick={act(WorkspaceAction::Add(None))}>{ "+ " }{ t.new_scenario }</button>
                <button type="button" class="cofund-icon-button" onclick={act(WorkspaceAction::Duplicate(props.active))}>{ t.duplicate }</button>
                <button type="button" class="cofund-icon-button" disabled={props.baseline == props.active}
                    onclick={act(WorkspaceAction::SetBaseline(props.active))}>{ t.use_as_baseline }</button>
                <button type="button" class="cofund-icon-button cofund-icon-button--remove" disabled={count < 2}
                    onclick={act(WorkspaceAction::Delete(props.active))}>{ t.delete_scenario }</button>
                <button type="button" class="cofund-icon-button" disabled={!props.can_undo} aria-keyshortcuts="Control+Z"
                    onclick={act(WorkspaceAction::Undo)}>{ t.undo }</button>
                <button type="button" class="cofund-icon-button" disabled={!props.can_redo} aria-keyshortcuts="Control+Shift+Z"
                    onclick={act(WorkspaceAction::Redo)}>{ t.redo }</button>
            </div>
            { live_region("cofund-workspace-changes", &spoken) }
        </nav>
    }
}

/// A tool can take the focus away with it: "Brug som basis", "Fortryd" and "Gentag"
/// disable themselves when there is nothing more to do, and "Slet scenarie" removes the
/// focused scenario's button. Once the change has rendered, a focus that was lost goes to
/// the active scenario's button rather than staying on `<body>` (WCAG 2.4.3).
fn keep_focus_in_bar() {
    if let Some(page) = gloo::utils::document().document_element() {
        refocus_if_lost(page, None, Some(ACTIVE_TAB));
    }
}

/// The active scenario's button: where the focus goes when nothing nearer is left.
pub const ACTIVE_TAB: &str = ".cofund-tab[aria-current='true']";

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(names: &[&str], active: usize, baseline: usize) -> Listed {
        Listed {
            names: names.iter().map(|n| n.to_string()).collect(),
            active,
            baseline,
        }
    }

    fn say(before: &Listed, after: &Listed, lang: Lang) -> Option<String> {
        change_message(before, after, app_texts(lang))
    }

    #[test]
    fn a_name_of_only_spaces_shows_as_the_blank_scenarios_name() {
        let tab = |name: &str| Tab {
            name: AttrValue::from(name.to_string()),
            current: true,
        };
        let (da, en) = (app_texts(Lang::Da), app_texts(Lang::En));
        assert_eq!(shown_name(&tab("   "), da), "Nyt scenarie");
        assert_eq!(shown_name(&tab(""), en), "New scenario");
        assert_eq!(shown_name(&tab(" Plan B "), da), " Plan B ");
    }

    #[test]
    fn an_added_scenario_is_said_with_the_one_now_open() {
        let one = listed(&["A"], 0, 0);
        let two = listed(&["A", "A (kopi)"], 1, 0);
        assert_eq!(
            say(&one, &two, Lang::Da).as_deref(),
            Some("Tilføjet: A (kopi). Åbent scenarie: A (kopi).")
        );
        assert_eq!(
            say(&one, &two, Lang::En).as_deref(),
            Some("Added: A (kopi). Open scenario: A (kopi).")
        );
    }

    #[test]
    fn a_deleted_scenario_is_said_even_beside_a_namesake() {
        let before = listed(&["A", "A", "B"], 1, 0);
        let after = listed(&["A", "B"], 1, 0);
        assert_eq!(
            say(&before, &after, Lang::Da).as_deref(),
            Some("Slettet: A. Åbent scenarie: B.")
        );
    }

    #[test]
    fn a_new_baseline_is_said_and_nothing_else_is() {
        let before = listed(&["A", "B"], 1, 0);
        assert_eq!(
            say(&before, &listed(&["A", "B"], 1, 1), Lang::Da).as_deref(),
            Some("Basis er nu B.")
        );
        // A switch, a rename, nothing at all: no words.
        assert_eq!(say(&before, &listed(&["A", "B"], 0, 0), Lang::Da), None);
        assert_eq!(say(&before, &listed(&["A", "Bee"], 1, 0), Lang::Da), None);
        assert_eq!(say(&before, &before, Lang::Da), None);
        // Deleting the one before the baseline moves its index, not the baseline.
        let three = listed(&["A", "B", "C"], 0, 1);
        assert_eq!(
            say(&three, &listed(&["B", "C"], 0, 0), Lang::Da).as_deref(),
            Some("Slettet: A. Åbent scenarie: B.")
        );
    }

    #[test]
    fn the_first_baseline_is_not_news_but_a_scenario_added_to_one_is() {
        // With one scenario no baseline is shown; the second scenario makes the first the
        // baseline, which the addition's words need not repeat.
        assert_eq!(
            say(&listed(&["A"], 0, 0), &listed(&["A", "B"], 1, 0), Lang::Da).as_deref(),
            Some("Tilføjet: B. Åbent scenarie: B.")
        );
    }
}
