//! The bodies and feet of the results tables (a row per cost line, a row per source, and
//! their totals), kept in the DOM by hand instead of by Yew.
//!
//! Why: on the 200-line scenario a keystroke in a unit field changes a few dozen of the
//! tables' figures. As components, every row whose figures changed was rendered again (a
//! component render, a virtual DOM and a reconcile each), and every other row's props were
//! compared: about 1 ms of the ~4,3 ms from keystroke to updated total on the test
//! machine, three times the DOM writes themselves (BENCHMARKS.md). Here each row remembers
//! what its cells show, and an update writes only the texts and attributes that changed.
//!
//! It calls only DOM methods that Yew's own rendering imports already (`createElement`,
//! `setAttribute`, `nodeValue`, …): each other one would add an import to the glue and the
//! program.
//!
//! The buttons are the same as [`super::figure_button`] makes elsewhere in the results (id,
//! `data-place`, `data-subject`, `aria-expanded`): the panel's one click handler and the
//! focus that returns to a figure when its explanation closes find them alike.

use cofund::explain::Subject;
use cofund::numbers::{format_amount, format_percent, Lang};
use cofund::text::shown_label;
use cofund::Decimal;
use web_sys::{Document, Element, Node};

use super::{column_head_id, figure_id, subject_key, Selected};
use crate::ui::explain_panel::PANEL_ID;

/// A figure in a cell, as computed (it is formatted only when it changes).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Figure {
    /// Kroner, whole.
    Amount(Decimal),
    /// A share in per cent, with one decimal.
    Percent(Decimal),
}

impl Figure {
    fn text(self, lang: Lang) -> String {
        match self {
            Figure::Amount(v) => format_amount(v, lang),
            Figure::Percent(v) => format_percent(v, 1, lang),
        }
    }
}

/// One figure cell: what it explains, where it sits, and its figure.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Cell {
    pub subject: Subject,
    pub place: &'static str,
    pub figure: Figure,
}

impl Cell {
    fn selected(&self) -> Selected {
        Selected {
            subject: self.subject,
            place: self.place,
        }
    }
}

/// What one row shows: its heading cell and up to three figure cells.
pub struct RowView<'a> {
    pub label: &'a str,
    /// A note after the label, e.g. "ikke støtteberettiget" (shown in brackets).
    pub note: Option<&'static str>,
    /// The row's `data-source` attribute (the source's id), for source rows.
    pub data_source: Option<&'a str>,
    /// The row's class, e.g. for the gap row of the funding table's foot.
    pub class: Option<&'static str>,
    pub cells: [Option<Cell>; 3],
}

/// The rows of one table body as they are in the DOM now.
#[derive(Default)]
pub struct KeptRows {
    /// The `<tbody>` they were put in; another one (the table was made again) starts afresh.
    body: Option<Element>,
    lang: Option<Lang>,
    rows: Vec<KeptRow>,
}

struct KeptRow {
    tr: Element,
    th: Element,
    label: Node,
    label_text: String,
    /// The space before the note and the note's span. The space stands outside the span,
    /// which is an inline block (the note wraps whole): inside, it was dropped at the start
    /// of the block ("DEB(loftet er nået)").
    note: Option<(Node, Element, &'static str)>,
    data_source: Option<String>,
    class: Option<&'static str>,
    cells: Vec<KeptCell>,
}

struct KeptCell {
    td: Element,
    button: Element,
    text: Node,
    cell: Cell,
    expanded: bool,
}

fn element(doc: &Document, tag: &str) -> Option<Element> {
    doc.create_element(tag).ok()
}

fn expanded_text(expanded: bool) -> &'static str {
    if expanded {
        "true"
    } else {
        "false"
    }
}

impl KeptRows {
    /// Makes `body`'s rows show `rows`, with the figure `open` expanded, in `lang`: rows are
    /// added or removed at the end, and in the others only what changed is written.
    ///
    /// The rows come as a `dyn Iterator`: one copy of this code serves the four tables'
    /// parts (a generic one was compiled four times: 161 B more of the app's download and
    /// 282 B of the widget's, measured).
    pub fn sync<'a>(
        &mut self,
        body: &Element,
        rows: &mut dyn Iterator<Item = RowView<'a>>,
        open: Option<Selected>,
        lang: Lang,
    ) {
        // Another body is one Yew has just made, empty: its rows start afresh.
        if self.body.as_ref() != Some(body) {
            *self = KeptRows {
                body: Some(body.clone()),
                ..KeptRows::default()
            };
        }
        let relang = self.lang != Some(lang);
        self.lang = Some(lang);
        let doc = gloo::utils::document();
        let mut count = 0;
        for view in rows {
            match self.rows.get_mut(count) {
                Some(row) => row.update(&doc, &view, open, lang, relang),
                None => {
                    let Some(row) = KeptRow::new(&doc, &view, open, lang) else {
                        break;
                    };
                    let _ = body.append_child(&row.tr);
                    self.rows.push(row);
                }
            }
            count += 1;
        }
        for gone in self.rows.drain(count.min(self.rows.len())..) {
            let _ = body.remove_child(&gone.tr);
        }
    }
}

impl KeptRow {
    fn new(doc: &Document, view: &RowView, open: Option<Selected>, lang: Lang) -> Option<Self> {
        let tr = element(doc, "tr")?;
        let th = element(doc, "th")?;
        let _ = th.set_attribute("scope", "row");
        // Cut at 200 characters, as a cell shows a label (see `shown_label`).
        let label = doc.create_text_node(&shown_label(view.label)).into();
        let _ = th.append_child(&label);
        let _ = tr.append_child(&th);
        let mut row = KeptRow {
            tr,
            th,
            label,
            label_text: view.label.to_owned(),
            note: None,
            data_source: None,
            class: None,
            cells: Vec::new(),
        };
        row.set_note(doc, view.note);
        row.set_data_source(view.data_source);
        row.set_class(view.class);
        row.set_cells(doc, view, open, lang);
        Some(row)
    }

    fn update(
        &mut self,
        doc: &Document,
        view: &RowView,
        open: Option<Selected>,
        lang: Lang,
        relang: bool,
    ) {
        if self.label_text != view.label {
            self.label.set_node_value(Some(&shown_label(view.label)));
            self.label_text = view.label.to_owned();
        }
        if self.note.as_ref().map(|(_, _, note)| *note) != view.note {
            self.set_note(doc, view.note);
        }
        if self.data_source.as_deref() != view.data_source {
            self.set_data_source(view.data_source);
        }
        if self.class != view.class {
            self.set_class(view.class);
        }
        let same_cells = self.cells.len() == view.cells.iter().flatten().count()
            && self
                .cells
                .iter()
                .zip(view.cells.iter().flatten())
                .all(|(kept, cell)| kept.cell.selected() == cell.selected());
        if !same_cells {
            self.set_cells(doc, view, open, lang);
            return;
        }
        for (kept, cell) in self.cells.iter_mut().zip(view.cells.iter().flatten()) {
            if relang || kept.cell.figure != cell.figure {
                kept.text.set_node_value(Some(&cell.figure.text(lang)));
                kept.cell = *cell;
            }
            let expanded = open == Some(cell.selected());
            if kept.expanded != expanded {
                let _ = kept
                    .button
                    .set_attribute("aria-expanded", expanded_text(expanded));
                kept.expanded = expanded;
            }
        }
    }

    fn set_note(&mut self, doc: &Document, note: Option<&'static str>) {
        if let Some((space, span, _)) = self.note.take() {
            let _ = self.th.remove_child(&space);
            let _ = self.th.remove_child(&span);
        }
        if let Some(note) = note {
            if let Some(span) = element(doc, "span") {
                let space: Node = doc.create_text_node(" ").into();
                let _ = span.set_attribute("class", "cofund-results-note");
                let _ = span.append_child(&doc.create_text_node(&format!("({note})")));
                let _ = self.th.append_child(&space);
                let _ = self.th.append_child(&span);
                self.note = Some((space, span, note));
            }
        }
    }

    fn set_data_source(&mut self, id: Option<&str>) {
        let _ = match id {
            Some(id) => self.tr.set_attribute("data-source", id),
            None => self.tr.remove_attribute("data-source"),
        };
        self.data_source = id.map(str::to_owned);
    }

    fn set_class(&mut self, class: Option<&'static str>) {
        let _ = match class {
            Some(class) => self.tr.set_attribute("class", class),
            None => self.tr.remove_attribute("class"),
        };
        self.class = class;
    }

    /// The row's figure cells made anew (a row that gained or lost a column, or whose cells
    /// now explain other subjects).
    ///
    /// The row's heading gets an id after its first figure's, and every figure button is
    /// described by it and by its column's heading: a button is named by its figure
    /// ("15.000.000 kr."), which a list of the page's buttons would show many times over, and
    /// the description says whose, and which figure of the row it is.
    fn set_cells(&mut self, doc: &Document, view: &RowView, open: Option<Selected>, lang: Lang) {
        for gone in self.cells.drain(..) {
            let _ = self.tr.remove_child(&gone.td);
        }
        let heading_id = view
            .cells
            .iter()
            .flatten()
            .next()
            .map(|c| format!("{}-row", figure_id(c.place, &subject_key(c.subject))));
        let _ = match &heading_id {
            Some(id) => self.th.set_attribute("id", id),
            None => self.th.remove_attribute("id"),
        };
        for cell in view.cells.iter().flatten() {
            let expanded = open == Some(cell.selected());
            if let Some(kept) = KeptCell::new(doc, *cell, expanded, heading_id.as_deref(), lang) {
                let _ = self.tr.append_child(&kept.td);
                self.cells.push(kept);
            }
        }
    }
}

impl KeptCell {
    fn new(
        doc: &Document,
        cell: Cell,
        expanded: bool,
        described_by: Option<&str>,
        lang: Lang,
    ) -> Option<Self> {
        let td = element(doc, "td")?;
        let _ = td.set_attribute("class", "cofund-num");
        let button = element(doc, "button")?;
        let key = subject_key(cell.subject);
        for (name, value) in [
            ("type", "button"),
            ("id", &figure_id(cell.place, &key)),
            ("class", "cofund-figure"),
            ("aria-expanded", expanded_text(expanded)),
            ("aria-controls", PANEL_ID),
            ("data-place", cell.place),
            ("data-subject", &key),
        ] {
            let _ = button.set_attribute(name, value);
        }
        let column = column_head_id(cell.place);
        let described: Vec<&str> = described_by.into_iter().chain(column).collect();
        if !described.is_empty() {
            let _ = button.set_attribute("aria-describedby", &described.join(" "));
        }
        let text: Node = doc.create_text_node(&cell.figure.text(lang)).into();
        let _ = button.append_child(&text);
        let _ = td.append_child(&button);
        Some(KeptCell {
            td,
            button,
            text,
            cell,
            expanded,
        })
    }
}

#[cfg(all(test, target_arch = "wasm32"))]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn amount(subject: Subject, place: &'static str, kroner: i64) -> Option<Cell> {
        Some(Cell {
            subject,
            place,
            figure: Figure::Amount(Decimal::from(kroner)),
        })
    }

    fn line(i: usize, label: &str, kroner: i64) -> RowView<'_> {
        RowView {
            label,
            note: None,
            data_source: None,
            class: None,
            cells: [amount(Subject::Line(i), "cost", kroner), None, None],
        }
    }

    fn texts_of(body: &Element) -> Vec<String> {
        let rows = body.query_selector_all("tr").expect("selector");
        (0..rows.length())
            .filter_map(|i| rows.item(i))
            .map(|tr| tr.text_content().unwrap_or_default())
            .collect()
    }

    /// The text node of the first figure button in `body`.
    fn first_figure_text(body: &Element) -> Option<Node> {
        body.query_selector("button")
            .expect("selector")
            .expect("a figure button")
            .first_child()
    }

    #[wasm_bindgen_test]
    fn rows_are_added_changed_and_removed_writing_only_what_changed() {
        let body = gloo::utils::document()
            .create_element("tbody")
            .expect("tbody");
        let mut kept = KeptRows::default();
        kept.sync(
            &body,
            &mut [
                line(0, "Løn", 100),
                line(1, "Husleje", 2_000),
                line(2, "IT", 30),
            ]
            .into_iter(),
            None,
            Lang::Da,
        );
        assert_eq!(
            texts_of(&body),
            ["Løn100 kr.", "Husleje2.000 kr.", "IT30 kr."]
        );
        let button = body
            .query_selector("#cofund-fig-cost-line-1")
            .expect("selector")
            .expect("the second line's figure button");
        assert_eq!(
            button.get_attribute("data-subject").as_deref(),
            Some("line-1")
        );
        assert_eq!(
            button.get_attribute("aria-expanded").as_deref(),
            Some("false")
        );
        let first_text = first_figure_text(&body);

        // One figure changes, a note appears, one figure is opened: the other text nodes stay.
        let mut second = line(1, "Husleje", 2_500);
        second.note = Some("ikke støtteberettiget");
        let open = Some(Selected {
            subject: Subject::Line(1),
            place: "cost",
        });
        kept.sync(
            &body,
            &mut [line(0, "Løn", 100), second, line(2, "IT", 30)].into_iter(),
            open,
            Lang::Da,
        );
        assert_eq!(
            texts_of(&body),
            [
                "Løn100 kr.",
                "Husleje (ikke støtteberettiget)2.500 kr.",
                "IT30 kr."
            ]
        );
        assert_eq!(
            button.get_attribute("aria-expanded").as_deref(),
            Some("true")
        );
        let still_first = first_figure_text(&body);
        assert!(first_text.is_some() && first_text == still_first);

        // Fewer rows, another language, a per-year column.
        let mut only = line(0, "Løn", 100);
        only.cells[1] = amount(Subject::LinePerYear(0), "cost-year", 50);
        kept.sync(&body, &mut [only].into_iter(), None, Lang::En);
        assert_eq!(texts_of(&body), ["LønDKK 100DKK 50"]);

        // A table made again (a new <tbody>) is filled from scratch.
        let other = gloo::utils::document()
            .create_element("tbody")
            .expect("tbody");
        kept.sync(&other, &mut [line(0, "Løn", 7)].into_iter(), None, Lang::Da);
        assert_eq!(texts_of(&other), ["Løn7 kr."]);
    }
}
