//! Banners about the workspace as a whole: a saved workspace that cannot be read, storage
//! that is switched off, a save the browser refused, and a shared link that was opened.

use cofund::numbers::{format_amount, Lang};
use cofund::storage::workspace::Workspace;
use yew::prelude::*;

use crate::i18n::{app_texts, Said};

/// Something the user must know about their stored or shared work.
#[derive(Clone, Debug, PartialEq)]
pub enum Notice {
    /// The stored workspace cannot be read; autosave is paused so it is not overwritten.
    StoredUnreadable { raw: String, message: Said },
    /// localStorage is disabled: nothing is saved automatically.
    StorageUnavailable,
    /// The browser refused to save (quota).
    SaveRefused,
    /// A shared link holds these scenarios (and a comparison's baseline); the user decides
    /// whether to add them.
    SharedLink(Workspace),
    /// The link in the address could not be read.
    LinkError(Said),
    /// An option in the address (`?preset=`) could not be used.
    AddressOption(Said),
    /// Another tab saved its workspace; autosave is paused until the user chooses whose
    /// work to keep.
    OtherTab,
}

#[derive(Properties, PartialEq)]
pub struct NoticeBannerProps {
    pub notice: Notice,
    pub lang: Lang,
    /// The user's answer: `true` accepts (add the shared scenarios, or start afresh after an
    /// unreadable save), `false` dismisses.
    pub on_answer: Callback<bool>,
    /// Downloads the unreadable stored text.
    pub on_download_raw: Callback<()>,
    /// Totals of the shared scenarios, computed by the caller.
    #[prop_or_default]
    pub totals: Vec<Option<cofund::Decimal>>,
}

#[function_component(NoticeBanner)]
pub fn notice_banner(props: &NoticeBannerProps) -> Html {
    let t = app_texts(props.lang);
    let answer = |yes: bool| {
        let cb = props.on_answer.clone();
        Callback::from(move |_: MouseEvent| cb.emit(yes))
    };
    let download = {
        let cb = props.on_download_raw.clone();
        Callback::from(move |_: MouseEvent| cb.emit(()))
    };
    let (class, body) = match &props.notice {
        Notice::StoredUnreadable { message, .. } => (
            "cofund-notice--error",
            html! { <>
                <p><strong>{ t.stored_unreadable }</strong>{ " " }{ message.get(props.lang) }</p>
                <p>{ t.stored_unreadable_help }</p>
                <div class="cofund-notice-actions">
                    <button type="button" class="cofund-button" onclick={download}>{ t.download_raw }</button>
                    <button type="button" class="cofund-icon-button" onclick={answer(true)}>{ t.start_afresh }</button>
                </div>
            </> },
        ),
        Notice::StorageUnavailable => (
            "cofund-notice--warn",
            html! { <>
                <p>{ t.storage_unavailable }</p>
                <div class="cofund-notice-actions">
                    <button type="button" class="cofund-icon-button" onclick={answer(false)}>{ t.dismiss }</button>
                </div>
            </> },
        ),
        Notice::SaveRefused => (
            "cofund-notice--warn",
            html! { <>
                <p>{ t.save_refused }</p>
                <div class="cofund-notice-actions">
                    <button type="button" class="cofund-icon-button" onclick={answer(false)}>{ t.dismiss }</button>
                </div>
            </> },
        ),
        Notice::SharedLink(Workspace { scenarios, .. }) => (
            "cofund-notice--info",
            html! { <>
                <p><strong>{ if scenarios.len() > 1 { t.shared_link_many } else { t.shared_link } }</strong></p>
                <ul>
                    { for scenarios.iter().zip(props.totals.iter().chain(std::iter::repeat(&None))).map(|(s, total)| html! {
                        <li>{ &s.name }{ total.map(|v| format!(": {} {}", cofund::text::lowercase(t.total_cost), format_amount(v, props.lang))).unwrap_or_default() }</li>
                    }) }
                </ul>
                <div class="cofund-notice-actions">
                    <button type="button" class="cofund-button" onclick={answer(true)}>{ t.add_shared }</button>
                    <button type="button" class="cofund-icon-button" onclick={answer(false)}>{ t.dismiss }</button>
                </div>
            </> },
        ),
        Notice::OtherTab => (
            "cofund-notice--warn",
            html! { <>
                // An alert: it appears while the user works, without a change of focus.
                <p role="alert"><strong>{ t.other_tab }</strong>{ " " }{ t.other_tab_help }</p>
                <div class="cofund-notice-actions">
                    <button type="button" class="cofund-button" onclick={answer(true)}>{ t.other_tab_load }</button>
                    <button type="button" class="cofund-icon-button" onclick={answer(false)}>{ t.other_tab_keep }</button>
                </div>
            </> },
        ),
        Notice::AddressOption(message) => (
            "cofund-notice--warn",
            headed_message(
                t.address_option,
                message.get(props.lang),
                answer(false),
                t.dismiss,
            ),
        ),
        Notice::LinkError(message) => (
            "cofund-notice--error",
            headed_message(
                t.link_unreadable,
                message.get(props.lang),
                answer(false),
                t.dismiss,
            ),
        ),
    };
    html! {
        <div class={classes!("cofund-notice", class)} role="region" aria-label={t.notice_label}>
            { body }
        </div>
    }
}

/// A notice that is a heading, a message and a button to close it.
fn headed_message(heading: &str, message: &str, close: Callback<MouseEvent>, label: &str) -> Html {
    html! { <>
        <p><strong>{ heading }</strong>{ " " }{ message }</p>
        <div class="cofund-notice-actions">
            <button type="button" class="cofund-icon-button" onclick={close}>{ label }</button>
        </div>
    </> }
}
