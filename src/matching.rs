//! Sources and drivers of several scenarios matched into rows, for every comparison of
//! scenarios side by side: the board's comparison (web) and the workbook's comparison sheet
//! (`storage::xlsx`). Both must line up the same items, or a sheet says a source is missing
//! from a scenario where the screen shows its difference.
//!
//! An item is matched by id, then by label (ignoring case and surrounding spaces,
//! [`same_label`]), so a renamed id or a relabelled source still lines up.

use crate::model::Scenario;
use crate::text::same_label;

/// Items (sources or drivers) of several scenarios matched into one row.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Matched {
    /// The ids the row's items have, in the order they were met.
    pub ids: Vec<String>,
    /// Their labels, likewise.
    pub labels: Vec<String>,
    /// Per column (scenario), the index of the matched item in that scenario.
    pub at: Vec<Option<usize>>,
}

/// Matches each column's `(id, label)` items into rows, visiting columns in `order`: an
/// item joins the first row (without an item from its column yet) that has its id, else
/// one that has its label, else it starts a new row. Rows follow the order in which they
/// were first met.
pub fn match_items(items: &[Vec<(&str, &str)>], order: &[usize]) -> Vec<Matched> {
    let mut rows: Vec<Matched> = Vec::new();
    for &c in order {
        let Some(list) = items.get(c) else { continue };
        for (i, (id, label)) in list.iter().enumerate() {
            let free = |r: &Matched| r.at[c].is_none();
            let row = rows
                .iter()
                .position(|r| free(r) && r.ids.iter().any(|x| x == id))
                .or_else(|| {
                    rows.iter()
                        .position(|r| free(r) && r.labels.iter().any(|x| same_label(x, label)))
                });
            match row {
                Some(k) => {
                    let r = &mut rows[k];
                    r.at[c] = Some(i);
                    if !r.ids.iter().any(|x| x == id) {
                        r.ids.push((*id).to_string());
                    }
                    if !r.labels.iter().any(|x| x == label) {
                        r.labels.push((*label).to_string());
                    }
                }
                None => {
                    let mut at = vec![None; items.len()];
                    at[c] = Some(i);
                    rows.push(Matched {
                        ids: vec![(*id).to_string()],
                        labels: vec![(*label).to_string()],
                        at,
                    });
                }
            }
        }
    }
    rows
}

/// The sources of `scenarios` (one column each) matched into rows, visiting them in
/// `order`.
pub fn match_sources<'a>(
    scenarios: impl IntoIterator<Item = &'a Scenario>,
    order: &[usize],
) -> Vec<Matched> {
    match_by(scenarios, order, |s| {
        s.sources
            .iter()
            .map(|x| (x.id.as_str(), x.label.as_str()))
            .collect()
    })
}

/// The drivers (units) of `scenarios` matched into rows, visiting them in `order`.
pub fn match_drivers<'a>(
    scenarios: impl IntoIterator<Item = &'a Scenario>,
    order: &[usize],
) -> Vec<Matched> {
    match_by(scenarios, order, |s| {
        s.drivers
            .iter()
            .map(|d| (d.id.as_str(), d.label.as_str()))
            .collect()
    })
}

fn match_by<'a>(
    scenarios: impl IntoIterator<Item = &'a Scenario>,
    order: &[usize],
    items: fn(&'a Scenario) -> Vec<(&'a str, &'a str)>,
) -> Vec<Matched> {
    let lists: Vec<Vec<(&str, &str)>> = scenarios.into_iter().map(items).collect();
    match_items(&lists, order)
}

/// The baseline's column first, then the others in order: the order comparisons visit
/// (and so list) the scenarios' items in.
pub fn visiting_order(count: usize, baseline: Option<usize>) -> Vec<usize> {
    baseline
        .into_iter()
        .chain((0..count).filter(|&c| Some(c) != baseline))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_baseline_is_visited_first() {
        assert_eq!(visiting_order(3, None), vec![0, 1, 2]);
        assert_eq!(visiting_order(3, Some(2)), vec![2, 0, 1]);
    }

    #[test]
    fn items_match_by_id_then_by_label_each_once_per_column() {
        let items = vec![
            vec![("deb", "DEB"), ("local", "Kommune")],
            // A renamed id with the same label, a relabelled source with the same id, and
            // a second "DEB" that has no row left to join in this column.
            vec![("dd", "deb "), ("local", "Region"), ("x", "DEB")],
        ];
        let rows = match_items(&items, &[0, 1]);
        let at: Vec<_> = rows.iter().map(|r| r.at.clone()).collect();
        assert_eq!(
            at,
            [
                vec![Some(0), Some(0)],
                vec![Some(1), Some(1)],
                vec![None, Some(2)]
            ]
        );
        assert_eq!(rows[0].ids, ["deb", "dd"]);
        assert_eq!(rows[1].labels, ["Kommune", "Region"]);
        // Visited from the second column, its items come first.
        let from_second = match_items(&items, &[1, 0]);
        assert_eq!(from_second[0].ids, ["dd", "deb"]);
        assert_eq!(from_second[2].at, [None, Some(2)]);
    }
}
