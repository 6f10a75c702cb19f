//! Where the keyboard focus goes after a row's ↑, ↓ or Fjern (remove) button was pressed.
//!
//! Moving a row re-orders the DOM and removing one deletes the focused button, and either
//! leaves the focus on `<body>`: a keyboard user would have to start again from the top of
//! the page (WCAG 2.4.3). The editor remembers which tool was pressed ([`Pressed`]) and,
//! once the changed list has rendered, focuses the button [`focus_after`] names. The rule
//! is pure (the draft in, a DOM id out), so it is tested here without a browser.

use super::draft::{Draft, FieldId, Row};
use super::state::{Action, Direction};
use cofund::numbers::Lang;

/// A row's tools, in the order they sit in the row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    Up,
    Down,
    Remove,
}

impl Tool {
    /// The button's DOM id within its row (`cofund-cost-3-down`).
    pub fn dom_id(self, row: Row) -> String {
        let name = match self {
            Tool::Up => "up",
            Tool::Down => "down",
            Tool::Remove => "remove",
        };
        FieldId::new(row, name).dom_id()
    }
}

/// A row tool that was pressed: which row, where that row was, and which tool.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Pressed {
    pub row: Row,
    /// The row's index in its list when the tool was pressed.
    pub position: usize,
    pub tool: Tool,
}

impl Pressed {
    /// The edit the tool makes.
    pub fn action(self) -> Action {
        match self.tool {
            Tool::Up => Action::Move(self.row, Direction::Up),
            Tool::Down => Action::Move(self.row, Direction::Down),
            Tool::Remove => Action::Remove(self.row),
        }
    }
}

/// The DOM ids of the "Tilføj …" (add) buttons under the three lists.
pub const ADD_DRIVER_ID: &str = "cofund-add-driver";
pub const ADD_COST_ID: &str = "cofund-add-cost";
pub const ADD_SOURCE_ID: &str = "cofund-add-source";

/// The DOM id of the add button under the list `row` belongs to.
fn add_button_id(row: Row) -> &'static str {
    match row {
        Row::Driver(_) => ADD_DRIVER_ID,
        Row::Cost(_) => ADD_COST_ID,
        Row::Source(_) | Row::Scenario => ADD_SOURCE_ID,
    }
}

/// Where the focus goes, in order, when an edit made away from the focused element (Ctrl+Z,
/// Ctrl+Y) took that element away or disabled it; `was_on` is its DOM id. The element
/// itself when the edit left it; for a row's ↑ or ↓, the row's other tools (undoing a move
/// to the top disables the ↑ that made it, and a disabled button cannot hold the focus);
/// for anything in a row, the add button under its list (an undone "Tilføj udgiftspost"
/// takes away the row being typed in). DOM ids, best first.
pub fn refocus_ids(was_on: &str) -> Vec<String> {
    let mut ids = vec![was_on.to_string()];
    let Some(add) = [
        (Row::Driver(0), ADD_DRIVER_ID),
        (Row::Cost(0), ADD_COST_ID),
        (Row::Source(0), ADD_SOURCE_ID),
    ]
    .into_iter()
    .find(|(list, _)| was_on.starts_with(list.dom_prefix()))
    .map(|(_, add)| add) else {
        return ids;
    };
    let arrow = ["-up", "-down"]
        .into_iter()
        .find_map(|tool| was_on.strip_suffix(tool));
    if let Some(row) = arrow {
        for tool in ["-up", "-down", "-remove"] {
            let id = format!("{row}{tool}");
            if id != was_on {
                ids.push(id);
            }
        }
    }
    ids.push(add.to_string());
    ids
}

/// The rows of the list `row` belongs to, in order.
fn list_of(draft: &Draft, row: Row) -> Vec<Row> {
    match row {
        Row::Driver(_) => draft.drivers.iter().map(|d| Row::Driver(d.key)).collect(),
        Row::Cost(_) => draft.costs.iter().map(|c| Row::Cost(c.key)).collect(),
        Row::Source(_) => draft.sources.iter().map(|s| Row::Source(s.key)).collect(),
        Row::Scenario => Vec::new(),
    }
}

/// The DOM id of the button to focus in `draft`, the draft after `pressed` took effect:
///
/// - after a move, the same tool of the moved row, or its other arrow when the row reached
///   the end where the pressed one is disabled (a disabled button cannot hold the focus);
/// - after a removal, Fjern of the row that took the removed row's place, else of the row
///   before it, else the list's add button.
///
/// `None` when `draft` does not show the change (the row is where it was, or still there):
/// then the focus is not where it was lost, and is left alone.
pub fn focus_after(draft: &Draft, pressed: Pressed) -> Option<String> {
    let rows = list_of(draft, pressed.row);
    let now = rows.iter().position(|r| *r == pressed.row);
    match (pressed.tool, now) {
        (Tool::Remove, None) if pressed.row != Row::Scenario => {
            Some(match rows.get(pressed.position).or_else(|| rows.last()) {
                Some(next) => Tool::Remove.dom_id(*next),
                None => add_button_id(pressed.row).to_string(),
            })
        }
        (Tool::Up | Tool::Down, Some(i)) if i != pressed.position => {
            let (can_up, can_down) = (i > 0, i + 1 < rows.len());
            let tool = match pressed.tool {
                Tool::Up if can_up => Tool::Up,
                Tool::Down if can_down => Tool::Down,
                _ if can_up => Tool::Up,
                _ if can_down => Tool::Down,
                _ => Tool::Remove,
            };
            Some(tool.dom_id(pressed.row))
        }
        _ => None,
    }
}

/// What a screen reader hears after `pressed` took effect in `draft` (WCAG 4.1.3): the
/// focus stays on a button whose name has not changed, so without it a move or a removal
/// happens in silence. `name` is the row's name as its tools have it. `None` when `draft`
/// does not show the change, as for [`focus_after`].
pub fn tool_said(draft: &Draft, pressed: Pressed, name: &str, lang: Lang) -> Option<String> {
    focus_after(draft, pressed)?;
    let rows = list_of(draft, pressed.row);
    let now = rows.iter().position(|r| *r == pressed.row);
    Some(match (pressed.tool, now, lang) {
        (Tool::Remove, _, Lang::Da) => format!("Fjernet: {name}."),
        (Tool::Remove, _, Lang::En) => format!("Removed: {name}."),
        (tool, Some(i), _) => moved_said(tool == Tool::Up, name, i + 1, rows.len(), lang),
        (_, None, _) => return None,
    })
}

/// "Flyttet op: DEB, nu nr. 1 af 3."
fn moved_said(up: bool, name: &str, place: usize, of: usize, lang: Lang) -> String {
    match lang {
        Lang::Da => {
            let way = if up { "op" } else { "ned" };
            format!("Flyttet {way}: {name}, nu nr. {place} af {of}.")
        }
        Lang::En => {
            let way = if up { "up" } else { "down" };
            format!("Moved {way}: {name}, now {place} of {of}.")
        }
    }
}

/// What a screen reader hears when one row came or went without a row tool: Ctrl+Z
/// bringing back a removed row ("Tilbage: Virksomhedernes egenbetaling."), or taking away an
/// added one. `None` when no row or several changed (a template loaded, another scenario
/// opened: the results say what that did).
pub fn rows_said(before: &Draft, after: &Draft, lang: Lang) -> Option<String> {
    let count = |d: &Draft| d.drivers.len() + d.costs.len() + d.sources.len();
    if count(before) == count(after) {
        return swap_said(before, after, lang);
    }
    let names = |d: &Draft| -> Vec<(Row, String)> {
        d.rows()
            .map(|row| (row, d.row_name(row, lang).unwrap_or_default().to_string()))
            .collect()
    };
    let (was, is) = (names(before), names(after));
    // Compared by row and name: the other rows must be the very same, or this is another
    // scenario (whose rows may have the same keys) or a rename, not a row that came or went.
    let missing = |from: &[(Row, String)], to: &[(Row, String)]| -> Vec<String> {
        from.iter()
            .filter(|item| !to.contains(item))
            .map(|(_, name)| name.clone())
            .collect()
    };
    match (missing(&was, &is).as_slice(), missing(&is, &was).as_slice()) {
        ([gone], []) => Some(match lang {
            Lang::Da => format!("Fjernet: {gone}."),
            Lang::En => format!("Removed: {gone}."),
        }),
        ([], [back]) => Some(match lang {
            Lang::Da => format!("Tilbage: {back}."),
            Lang::En => format!("Back: {back}."),
        }),
        _ => None,
    }
}

/// Two rows of a list that changed places with no tool pressed (Ctrl+Z or Ctrl+Y of a
/// move), said as the move of the one that went up, in the words of its ↑ ("Flyttet op:
/// DEB, nu nr. 1 af 3."). Most renders are keystrokes, which leave the rows where they
/// were: `None`, as for anything but one swap.
fn swap_said(before: &Draft, after: &Draft, lang: Lang) -> Option<String> {
    let mut changed = before
        .rows()
        .zip(after.rows())
        .filter(|(was, is)| was != is);
    let (Some((x, up)), Some((y, down)), None) = (changed.next(), changed.next(), changed.next())
    else {
        return None;
    };
    let name = after.row_name(up, lang)?;
    let list = list_of(after, up);
    let place = list.iter().position(|r| *r == up)? + 1;
    let same_row = (x, y) == (down, up) && before.row_name(up, lang) == Some(name);
    same_row.then(|| moved_said(true, name, place, list.len(), lang))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::state::EditorState;

    /// The Vækstpilot preset: one unit, two cost lines, three sources.
    fn state() -> EditorState {
        EditorState::new(Lang::Da, "vaekstpilot-150")
    }

    /// Presses `tool` on the row at `position` of the list `of` picks, and says where the
    /// focus goes.
    fn press(
        state: &mut EditorState,
        of: fn(&Draft) -> Vec<Row>,
        position: usize,
        tool: Tool,
    ) -> Option<String> {
        let pressed = Pressed {
            row: of(&state.draft)[position],
            position,
            tool,
        };
        state.apply(pressed.action());
        focus_after(&state.draft, pressed)
    }

    fn sources(d: &Draft) -> Vec<Row> {
        d.sources.iter().map(|s| Row::Source(s.key)).collect()
    }

    fn costs(d: &Draft) -> Vec<Row> {
        d.costs.iter().map(|c| Row::Cost(c.key)).collect()
    }

    #[test]
    fn a_moved_row_keeps_the_focus_on_the_same_arrow_while_it_is_enabled() {
        let mut s = state();
        let deb = sources(&s.draft)[0];
        let id = press(&mut s, sources, 0, Tool::Down);
        assert_eq!(sources(&s.draft)[1], deb);
        assert_eq!(id, Some(Tool::Down.dom_id(deb)));
        let id = press(&mut s, sources, 1, Tool::Up);
        assert_eq!(sources(&s.draft)[0], deb);
        // At the top ↑ is disabled: ↓ of the same row.
        assert_eq!(id, Some(Tool::Down.dom_id(deb)));
    }

    #[test]
    fn a_move_or_a_removal_is_said_with_the_row_and_where_it_is_now() {
        let mut s = state();
        let deb = Pressed {
            row: sources(&s.draft)[0],
            position: 0,
            tool: Tool::Down,
        };
        // Not yet applied: the draft does not show it, and nothing is said.
        assert_eq!(tool_said(&s.draft, deb, "DEB", Lang::Da), None);
        s.apply(deb.action());
        assert_eq!(
            tool_said(&s.draft, deb, "DEB", Lang::Da).as_deref(),
            Some("Flyttet ned: DEB, nu nr. 2 af 3.")
        );
        let up = Pressed {
            position: 1,
            tool: Tool::Up,
            ..deb
        };
        s.apply(up.action());
        assert_eq!(
            tool_said(&s.draft, up, "DEB", Lang::En).as_deref(),
            Some("Moved up: DEB, now 1 of 3.")
        );
        let remove = Pressed {
            position: 0,
            tool: Tool::Remove,
            ..deb
        };
        s.apply(remove.action());
        assert_eq!(
            tool_said(&s.draft, remove, "DEB", Lang::Da).as_deref(),
            Some("Fjernet: DEB.")
        );
    }

    #[test]
    fn a_row_that_comes_back_or_goes_without_a_tool_is_said() {
        let before = state().draft;
        let mut s = state();
        s.apply(Action::Remove(sources(&s.draft)[1]));
        let after = s.draft.clone();
        assert_eq!(
            rows_said(&after, &before, Lang::Da).as_deref(),
            Some("Tilbage: Virksomhedernes egenbetaling.")
        );
        assert_eq!(
            rows_said(&before, &after, Lang::En).as_deref(),
            Some("Removed: Virksomhedernes egenbetaling.")
        );
        assert_eq!(rows_said(&before, &before, Lang::Da), None);
        // Several rows at once (another template): said by the results, not here.
        let other = EditorState::new(Lang::Da, "design-sprint").draft;
        assert_eq!(rows_said(&before, &other, Lang::Da), None);
        // Another scenario whose rows have the same keys, one fewer: not a removal.
        let mut renamed = after.clone();
        std::rc::Rc::make_mut(&mut renamed.costs)[0].label = "Andet".into();
        assert_eq!(rows_said(&before, &renamed, Lang::Da), None);
    }

    #[test]
    fn an_undone_move_is_said_as_the_move_up_it_makes() {
        let before = state().draft;
        let mut s = state();
        let deb = sources(&s.draft)[0];
        s.apply(Action::Move(deb, Direction::Down));
        let moved = s.draft.clone();
        // Ctrl+Z: DEB back to the top.
        assert_eq!(
            rows_said(&moved, &before, Lang::Da).as_deref(),
            Some("Flyttet op: DEB, nu nr. 1 af 3.")
        );
        // Ctrl+Y: the row that goes up is the other one.
        assert_eq!(
            rows_said(&before, &moved, Lang::En).as_deref(),
            Some("Moved up: Virksomhedernes egenbetaling, now 1 of 3.")
        );
        // A keystroke leaves the order alone; two moves at once are no single swap.
        let mut typed = before.clone();
        std::rc::Rc::make_mut(&mut typed.sources)[0].label = "DEB 2".into();
        assert_eq!(rows_said(&before, &typed, Lang::Da), None);
        s.apply(Action::Move(deb, Direction::Down));
        assert_eq!(rows_said(&before, &s.draft, Lang::Da), None);
    }

    #[test]
    fn a_row_moved_to_the_end_gets_the_focus_on_its_other_arrow() {
        let mut s = state();
        let budget = costs(&s.draft)[0];
        let id = press(&mut s, costs, 0, Tool::Down);
        assert_eq!(costs(&s.draft)[1], budget);
        assert_eq!(id, Some(Tool::Up.dom_id(budget)));
    }

    #[test]
    fn after_a_removal_the_next_row_then_the_previous_then_the_add_button() {
        let mut s = state();
        let [deb, _, local] = sources(&s.draft)[..] else {
            panic!("three sources")
        };
        assert_eq!(
            press(&mut s, sources, 1, Tool::Remove),
            Some(Tool::Remove.dom_id(local))
        );
        assert_eq!(
            press(&mut s, sources, 1, Tool::Remove),
            Some(Tool::Remove.dom_id(deb))
        );
        assert_eq!(
            press(&mut s, sources, 0, Tool::Remove),
            Some("cofund-add-source".to_string())
        );
        let only_unit = Pressed {
            row: Row::Driver(s.draft.drivers[0].key),
            position: 0,
            tool: Tool::Remove,
        };
        s.apply(only_unit.action());
        assert_eq!(
            focus_after(&s.draft, only_unit),
            Some("cofund-add-driver".to_string())
        );
    }

    #[test]
    fn a_lost_row_field_hands_the_focus_to_its_list_add_button() {
        let id = |row, field| FieldId::new(row, field).dom_id();
        let amount = id(Row::Cost(3), "amount");
        assert_eq!(refocus_ids(&amount), [amount.as_str(), ADD_COST_ID]);
        let rate = id(Row::Source(12), "rate");
        assert_eq!(refocus_ids(&rate), [rate.as_str(), ADD_SOURCE_ID]);
        let value = id(Row::Driver(1), "value");
        assert_eq!(refocus_ids(&value), [value.as_str(), ADD_DRIVER_ID]);
        let name = id(Row::Scenario, "name");
        assert_eq!(refocus_ids(&name), [name.as_str()]);
        assert_eq!(refocus_ids(ADD_COST_ID), [ADD_COST_ID]);
    }

    /// An undone move can disable the arrow that had the focus: the row's other arrow,
    /// then its Fjern, take it, as after the move itself (`focus_after`).
    #[test]
    fn a_disabled_arrow_hands_the_focus_to_its_rows_other_tools() {
        let tool = |t: Tool| t.dom_id(Row::Cost(3));
        let (up, down, remove) = (tool(Tool::Up), tool(Tool::Down), tool(Tool::Remove));
        assert_eq!(refocus_ids(&up), [&up, &down, &remove, ADD_COST_ID]);
        assert_eq!(refocus_ids(&down), [&down, &up, &remove, ADD_COST_ID]);
        assert_eq!(refocus_ids(&remove), [remove.as_str(), ADD_COST_ID]);
    }

    #[test]
    fn a_draft_that_does_not_show_the_change_leaves_the_focus_alone() {
        let s = state();
        let row = sources(&s.draft)[1];
        for tool in [Tool::Up, Tool::Down, Tool::Remove] {
            let pressed = Pressed {
                row,
                position: 1,
                tool,
            };
            assert_eq!(focus_after(&s.draft, pressed), None, "{tool:?}");
        }
    }
}
