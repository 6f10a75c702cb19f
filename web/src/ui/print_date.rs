//! The date a printout was made, on every printout (editor, analysis, comparison,
//! presentation): a board pack is read days later, and figures without their date cannot be
//! told from an older version of themselves. Hidden on screen, where it would only be noise.

use cofund::numbers::Lang;
use yew::prelude::*;

use crate::i18n::app_texts;
use crate::ui::printing::use_printing;

#[derive(Properties, PartialEq)]
pub struct PrintDateProps {
    pub lang: Lang,
    /// Extra classes: where the date sits decides how it is laid out on paper.
    #[prop_or_default]
    pub class: Classes,
}

/// "Dato: 05-03-2025", shown only in print.
#[function_component(PrintDate)]
pub fn print_date(props: &PrintDateProps) -> Html {
    // Read on every render, and so again as printing begins: a page left open overnight
    // prints today's date, not the one of its last render (a review found it would).
    use_printing();
    let (year, month, day) = today();
    html! {
        <p class={classes!("cofund-print-date", props.class.clone())}>
            { format!("{}: ", app_texts(props.lang).date_label) }
            <time datetime={format_date(year, month, day, Lang::En)}>{ format_date(year, month, day, props.lang) }</time>
        </p>
    }
}

/// A date as a printout gives it: `05-03-2025` in Danish, `2025-03-05` in English (the form
/// `<time datetime>` also wants).
pub fn format_date(year: u32, month: u32, day: u32, lang: Lang) -> String {
    match lang {
        Lang::Da => format!("{day:02}-{month:02}-{year:04}"),
        Lang::En => format!("{year:04}-{month:02}-{day:02}"),
    }
}

/// Today in the browser's time zone: (year, month 1–12, day).
fn today() -> (u32, u32, u32) {
    let now = js_sys::Date::new_0();
    (now.get_full_year(), now.get_month() + 1, now.get_date())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_written_the_danish_way_or_the_iso_way() {
        assert_eq!(format_date(2025, 3, 5, Lang::Da), "05-03-2025");
        assert_eq!(format_date(2025, 3, 5, Lang::En), "2025-03-05");
        assert_eq!(format_date(987, 12, 31, Lang::Da), "31-12-0987");
    }
}
