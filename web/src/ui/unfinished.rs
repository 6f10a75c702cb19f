//! Numbers still being typed. `21,` on the way to `21,9` cannot be read, but it is no
//! mistake yet. Judging each keystroke at once made typing a valid number flash an error
//! under the field, insert and remove the page's error alert (which a screen reader reads
//! out at once, every time) and mark the results as not current, then current again.
//!
//! So an error whose text is only the beginning of a number the field takes
//! ([`FieldError::unfinished`], from the core's `NumberError::is_unfinished`) is held back
//! until typing pauses or the focus leaves the field. Mistakes that no further typing
//! mends (`32.850.0000`) are shown at once. While every field that cannot be read is held
//! back, the results are not marked as not current either: for that moment nothing is
//! wrong yet.

use std::rc::Rc;

use gloo::events::EventListener;
use gloo::timers::callback::Timeout;
use yew::prelude::*;

use crate::editor::draft::FieldError;

/// How long typing must pause before an unfinished number is called a mistake: longer
/// than the gap between keystrokes of someone typing slowly, short enough that a field
/// left unfinished is marked before the user has looked away from it.
pub const PAUSE_MS: u32 = 1000;

/// What the page shows of a scenario's reading: the errors to mark, and whether the
/// results are shown as current.
#[derive(Clone, Debug, PartialEq)]
pub struct Judged {
    pub errors: Rc<Vec<FieldError>>,
    pub current: bool,
    /// An unfinished number is being held back. The results' live region says nothing
    /// meanwhile: the last valid total is no answer to `21,`, and what the region says
    /// once the pause is over (the total, or that the result is not current) is.
    pub holding: bool,
}

/// `errors` and `current` of the scenario `scope` (the workspace's active one) as they are
/// to be shown now: see the module documentation.
#[hook]
pub fn use_judged(errors: &[FieldError], current: bool, scope: usize) -> Judged {
    // The errors that have stood for a pause; at first those there are, so that a field
    // restored unfinished (a reload) is marked from the start, and so on going to another
    // scenario: what it holds was typed before, not now.
    let stood = use_mut_ref(|| (scope, errors.to_vec()));
    if stood.borrow().0 != scope {
        *stood.borrow_mut() = (scope, errors.to_vec());
    }
    let rerender = use_force_update();
    {
        let stood = stood.clone();
        use_effect_with(errors.to_vec(), move |errors| {
            let waiting = holding(errors, &stood.borrow().1);
            let settle = {
                let (errors, stood) = (errors.clone(), stood.clone());
                move || {
                    stood.borrow_mut().1 = errors.clone();
                    rerender.force_update();
                }
            };
            // A pause, or the focus leaving the field: whoever tabs away from "500" in Min.
            // has finished typing, and is told at once that it is above Maks.
            let waits = waiting.then(|| {
                let on_leave = settle.clone();
                (
                    Timeout::new(PAUSE_MS, settle),
                    EventListener::new(&gloo::utils::document(), "focusout", move |_| on_leave()),
                )
            });
            if !waiting {
                stood.borrow_mut().1 = errors.clone();
            }
            move || drop(waits)
        });
    }
    let stood_now = stood.borrow().1.clone();
    let waiting = holding(errors, &stood_now);
    let shown = use_memo((errors.to_vec(), stood_now), |(errors, stood)| {
        shown_errors(errors, stood)
    });
    Judged {
        current: shown_current(errors, &shown, current),
        errors: shown,
        holding: waiting,
    }
}

/// Whether an unfinished number among `errors` is held back: one that has not stood for a
/// pause yet (is not among `stood`), nor has the focus left its field.
fn holding(errors: &[FieldError], stood: &[FieldError]) -> bool {
    errors.iter().any(|e| e.unfinished && !stood.contains(e))
}

/// The errors to mark: those that no further typing mends, and the unfinished ones that
/// have stood for a pause. Each by itself: a keystroke in another field took Min. above
/// Maks.'s marks away for a second, and the error summary (an alert) was read out without
/// them, then again with them (a QA round).
fn shown_errors(errors: &[FieldError], stood: &[FieldError]) -> Vec<FieldError> {
    errors
        .iter()
        .filter(|e| !e.unfinished || stood.contains(e))
        .cloned()
        .collect()
}

/// Whether the results are shown as current: when they are, and while every field that
/// cannot be read is held back as unfinished.
fn shown_current(errors: &[FieldError], shown: &[FieldError], current: bool) -> bool {
    current || (shown.is_empty() && !errors.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::editor::draft::{FieldId, Row};

    fn error(name: &'static str, unfinished: bool) -> FieldError {
        FieldError {
            field: FieldId::new(Row::Scenario, name),
            message: "x".into(),
            unfinished,
        }
    }

    #[test]
    fn unfinished_numbers_wait_for_a_pause_and_mistakes_do_not() {
        let typing = [error("years", true)];
        assert!(shown_errors(&typing, &[]).is_empty());
        assert!(shown_current(&typing, &[], false), "nothing wrong yet");
        assert!(holding(&typing, &[]) && !holding(&typing, &typing));
        assert_eq!(shown_errors(&typing, &typing), typing);
        assert!(!shown_current(&typing, &typing, false));

        // A mistake elsewhere is shown at once, and the results are not current.
        let both = [error("years", true), error("name", false)];
        let shown = shown_errors(&both, &[]);
        assert_eq!(shown, [error("name", false)]);
        assert!(!shown_current(&both, &shown, false));
        assert!(holding(&both, &[]), "the unfinished one is still held");
        assert!(!holding(&[error("name", false)], &[]));

        // Nothing to read wrongly: as the document says.
        assert!(shown_current(&[], &[], true));
        assert!(!shown_current(&[], &[], false));
    }

    #[test]
    fn an_unfinished_error_that_has_stood_stays_while_another_field_is_typed_in() {
        // Min. above Maks. has stood for a pause; then `x` is typed in Periode.
        let stood = [error("min", true), error("max", true)];
        let now = [error("min", true), error("max", true), error("years", true)];
        assert_eq!(shown_errors(&now, &stood), stood, "min and max stay marked");
        assert!(holding(&now, &stood), "the new one waits for its pause");
        assert_eq!(shown_errors(&now, &now), now);
    }
}
