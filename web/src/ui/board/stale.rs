//! The words that mark a scenario's figures as not current in the board views.
//!
//! While one of a scenario's fields cannot be read, the editor keeps showing its last
//! valid result with a banner saying so (`ui::results`). The board views show the same
//! last valid figures, often to a room that cannot see the editor, so they say it too,
//! wherever those figures appear: in words (not colour alone), in the page's text, where
//! screen readers read it, and in print. The banner looks like the editor's
//! (`.cofund-results-stale-banner`, styles/results.css, which the app's page carries).

use cofund::numbers::Lang;
use yew::prelude::*;

use crate::i18n::board_texts;

/// "Ikke opdateret: viser sidste gyldige resultat – ret de markerede felter under
/// Rediger.", with the scenario's name before "viser" when the view shows several.
pub fn stale_text(lang: Lang, name: Option<&str>) -> String {
    let t = board_texts(lang);
    match name {
        Some(name) => format!("{} {name} {}", t.stale_lead, t.stale_shows),
        None => format!("{} {}", t.stale_lead, t.stale_shows),
    }
}

#[derive(Properties, PartialEq)]
pub struct StaleNoteProps {
    pub lang: Lang,
    /// The scenario's name, when the view shows more than one.
    #[prop_or_default]
    pub name: Option<AttrValue>,
    /// For `aria-describedby` on the region whose figures it qualifies.
    #[prop_or_default]
    pub id: Option<AttrValue>,
}

/// The banner above figures that are not current.
#[function_component(StaleNote)]
pub fn stale_note(props: &StaleNoteProps) -> Html {
    html! {
        <p id={props.id.clone()} class="cofund-results-stale-banner cofund-board-stale-note">
            { stale_text(props.lang, props.name.as_deref()) }
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_marker_says_what_is_shown_and_where_to_fix_it() {
        assert_eq!(
            stale_text(Lang::Da, None),
            "Ikke opdateret: viser sidste gyldige resultat – ret de markerede felter under Rediger."
        );
        assert_eq!(
            stale_text(Lang::En, Some("Kopi")),
            "Not up to date: Kopi shows the last valid result – correct the marked fields under Edit."
        );
    }
}
