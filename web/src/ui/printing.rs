//! Whether the page is printing, as state: a printout is laid out when printing begins
//! (the analysis's charts at A4 width, the printed date read again), so the components that
//! depend on it render from one `beforeprint` listener rather than each from its own.
//!
//! One listener for all, not one each: Yew renders after the event, in a run that yields
//! to the browser once it has taken 16 ms, and a chart whose own `beforeprint` listener
//! came after that yield was printed at its screen width (4 prints of some 30 on a slow
//! machine, tests/e2e/analysis.test.mjs). Set at once, all render in that run's first batch.

use gloo::events::EventListener;
use yew::prelude::*;

/// Whether the page is printing, for the components of one view: provided by the view
/// ([`use_printing`]) as a context, or read directly by a component that stands alone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Printing(pub bool);

/// [`Printing`], kept by the window's `beforeprint` and `afterprint`.
#[hook]
pub fn use_printing() -> Printing {
    let printing = use_state_eq(|| false);
    {
        let printing = printing.clone();
        use_effect_with((), move |_| {
            let window = gloo::utils::window();
            let before = EventListener::new(&window, "beforeprint", {
                let printing = printing.clone();
                move |_| printing.set(true)
            });
            let after = EventListener::new(&window, "afterprint", move |_| printing.set(false));
            move || drop((before, after))
        });
    }
    Printing(*printing)
}
