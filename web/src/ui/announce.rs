//! Polite announcements of what an action changed (WCAG 4.1.3), spoken once a burst of
//! actions has settled (Ctrl+Z held down is one announcement, with the net change) and
//! never on the first render. The workspace bar (in the editor) and the board views'
//! live region (ui::board::changes) say their changes this way.

use gloo::timers::callback::Timeout;
use yew::prelude::*;

/// How long what is watched must stay unchanged before the region speaks: long enough to
/// take a held-down Ctrl+Z as one action, short enough to answer a click at once.
const SETTLE_MS: u32 = 500;

/// A message to speak, numbered: each new message gets a new element (see
/// [`live_region`]), so the same words twice are spoken twice.
pub type Spoken = (u32, String);

/// Watches `now`; once it has stayed unchanged for a moment after a change, `say(before,
/// after)` words the change (`None`: nothing worth saying), `before` being what was last
/// said or first shown.
#[hook]
pub fn use_settled_change<T, F>(now: T, say: F) -> Spoken
where
    T: Clone + PartialEq + 'static,
    F: Fn(&T, &T) -> Option<String> + 'static,
{
    let spoken = use_state(|| (0_u32, String::new()));
    let told = use_mut_ref(|| now.clone());
    {
        let spoken = spoken.clone();
        use_effect_with(now, move |now| {
            let now = now.clone();
            let changed = *told.borrow() != now;
            let timer = changed.then(|| {
                Timeout::new(SETTLE_MS, move || {
                    let message = say(&told.borrow(), &now);
                    *told.borrow_mut() = now;
                    if let Some(message) = message {
                        spoken.set((spoken.0.wrapping_add(1), message));
                    }
                })
            });
            move || drop(timer)
        });
    }
    (*spoken).clone()
}

/// The items of `from` that `to` does not have, each matched at most once, so that an item
/// and its equal copy count as two (a scenario and its duplicate): what an addition added,
/// or a deletion took away.
pub fn unmatched<'a, T: PartialEq>(from: &'a [T], to: &[T]) -> Vec<&'a T> {
    let mut taken = vec![false; to.len()];
    from.iter()
        .filter(|item| {
            let found = (0..to.len()).find(|&j| !taken[j] && to[j] == **item);
            if let Some(j) = found {
                taken[j] = true;
            }
            found.is_none()
        })
        .collect()
}

/// The polite live region saying `spoken`; empty until the first message. `class` names
/// the region for styles and tests (it is visually hidden either way).
pub fn live_region(class: &'static str, spoken: &Spoken) -> Html {
    let (key, message) = spoken;
    html! {
        <div class={classes!("cofund-visually-hidden", class)} role="status" aria-live="polite" aria-atomic="true">
            if !message.is_empty() {
                <p key={key.to_string()}>{ message }</p>
            }
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::unmatched;

    #[test]
    fn each_item_is_matched_once() {
        assert_eq!(unmatched(&["a", "a", "b"], &["a", "b"]), [&"a"]);
        assert_eq!(
            unmatched(&["a", "b"], &["a", "a", "b"]),
            Vec::<&&str>::new()
        );
        assert_eq!(unmatched(&["b", "c"], &["a"]), [&"b", &"c"]);
    }
}
