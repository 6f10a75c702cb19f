//! The banner above the editor while fields cannot be used: what that means for the
//! results, and which fields they are, each a button that takes the focus to its field.
//! Without the list, a user of a long scenario (or of a screen reader) had to go through
//! the whole form to find the marked fields (WCAG 3.3.1).

use cofund::numbers::Lang;
use yew::prelude::*;

use crate::editor::draft::{Draft, FieldError, Row};
use crate::i18n::texts;
use crate::ui::focus_first;

/// The most fields the banner lists by name; the rest are counted. The banner is an alert,
/// read out whole, and a language switch can make a 200-line scenario's every field wrong.
const LISTED: usize = 8;

/// (DOM id, name) of each field marked wrong, once each, in the editor's order.
pub fn marked_fields(
    draft: &Draft,
    errors: &[FieldError],
    lang: Lang,
) -> Vec<(AttrValue, AttrValue)> {
    // The scenario's own fields first, then each row's where the editor has it.
    let place = |row: Row| draft.rows().position(|r| r == row).map_or(0, |i| i + 1);
    let mut fields: Vec<_> = errors.iter().map(|e| e.field).collect();
    // Stable: fields of one row keep the order the reader found them in.
    fields.sort_by_key(|f| place(f.row));
    fields.dedup();
    fields
        .into_iter()
        .map(|f| {
            (
                AttrValue::from(f.dom_id()),
                AttrValue::from(draft.field_name(f, lang)),
            )
        })
        .collect()
}

/// The banner for `fields` ([`marked_fields`]). A plain function, not a component: it has
/// no state, and a component of its own cost the widget some 3 KB of Yew's lifecycle code.
pub fn error_summary(
    fields: &[(AttrValue, AttrValue)],
    lang: Lang,
    id: Option<&'static str>,
) -> Html {
    let t = texts(lang);
    // Looked up from the widget's root, not the document: an embedded widget's fields are
    // in its shadow root.
    let go_to = |id: &AttrValue| {
        let selector = format!("[id='{id}']");
        Callback::from(move |e: MouseEvent| {
            let root = e
                .target_dyn_into::<web_sys::Element>()
                .and_then(|b| b.closest(".cofund").ok().flatten());
            if let Some(root) = root {
                focus_first(&root, &selector);
            }
        })
    };
    let more = fields.len().saturating_sub(LISTED);
    html! {
        <div class="cofund-error cofund-error-summary" role="alert" {id}>
            <p>{ t.errors_summary }</p>
            <ul class="cofund-error-fields" aria-label={t.errors_fields}>
                { for fields.iter().take(LISTED).map(|(id, name)| html! {
                    <li key={id.as_str()}>
                        <button type="button" class="cofund-link-button" onclick={go_to(id)}>{ name }</button>
                    </li>
                }) }
                if more > 0 {
                    <li>{ match (lang, more) {
                        (Lang::Da, 1) => "og 1 felt mere".to_string(),
                        (Lang::En, 1) => "and 1 more field".to_string(),
                        (Lang::Da, _) => format!("og {more} felter mere"),
                        (Lang::En, _) => format!("and {more} more fields"),
                    } }</li>
                }
            </ul>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::draft::FieldId;
    use cofund::presets::Preset;

    #[test]
    fn fields_are_listed_once_each_in_the_editors_order() {
        let s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
        let mut d = Draft::from_scenario(&s, Lang::Da);
        d.drivers.clear();
        d.years = "0".into();
        let errors = d.to_scenario(Lang::Da).unwrap_err();
        let listed = marked_fields(&d, &errors, Lang::Da);
        let names: Vec<&str> = listed.iter().map(|(_, name)| name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Periode (år)",
                "Budgetpost pr. vækstpilot: Enhed",
                "Projektledelse, administration, evaluering, revision: Enhed",
                "Virksomhedernes egenbetaling: Enhed",
            ]
        );
        assert_eq!(
            listed[0].0.as_str(),
            FieldId::new(Row::Scenario, "years").dom_id()
        );
        // The same field twice is listed once.
        let twice: Vec<FieldError> = errors.iter().chain(errors.iter()).cloned().collect();
        assert_eq!(marked_fields(&d, &twice, Lang::Da), listed);
    }
}
