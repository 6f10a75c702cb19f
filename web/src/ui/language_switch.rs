//! The Danish/English switch of the app's header and of an embedded widget.

use cofund::numbers::Lang;
use yew::prelude::*;

use crate::editor::workspace::{WorkspaceAction, WorkspaceState};
use crate::i18n::{lang_tag, texts};

#[derive(Properties, PartialEq)]
pub struct LanguageSwitchProps {
    pub lang: Lang,
    pub dispatch: UseReducerDispatcher<WorkspaceState>,
    #[prop_or_default]
    pub class: Classes,
}

/// A button named in the language it switches to (`lang` set, so a screen reader says
/// "English" in English).
#[function_component(LanguageSwitch)]
pub fn language_switch(props: &LanguageSwitchProps) -> Html {
    let t = texts(props.lang);
    let other = match props.lang {
        Lang::Da => Lang::En,
        Lang::En => Lang::Da,
    };
    let onclick = {
        let dispatch = props.dispatch.clone();
        Callback::from(move |_| dispatch.dispatch(WorkspaceAction::SetLang(other)))
    };
    html! {
        <button type="button" class={classes!("cofund-button", props.class.clone())} {onclick}
                lang={lang_tag(other)} aria-label={t.language_switch_label}>
            { t.language_switch }
        </button>
    }
}
