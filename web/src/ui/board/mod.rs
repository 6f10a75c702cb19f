//! Board-meeting mode: the workspace's scenarios side by side ([`compare`]), how one
//! scenario reacts to its assumptions ([`analysis`]), and a projector view ([`present`]);
//! and the intranet editor's [`embed_dialog`].
//!
//! These views are a program of their own (`cofund-board`, rooted in [`root`]), which the
//! app fetches when one is first opened ([`lazy`]) and tells what to show ([`request`]):
//! most visits use only the editor and never download them.

use std::rc::Rc;

use cofund::model::{Evaluation, Scenario};
use yew::AttrValue;

pub mod analysis;
pub mod changes;
pub mod compare;
pub mod embed_dialog;
pub mod lazy;
pub mod present;
pub mod request;
pub mod root;
pub mod stale;

/// One scenario of the workspace as the board views show it: its last valid result.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: AttrValue,
    pub scenario: Rc<Scenario>,
    pub evaluation: Rc<Evaluation>,
    /// Whether that result is the scenario as the editor has it now. False while one of
    /// its fields cannot be read: the figures are then the last valid ones, and every view
    /// that shows them says so, as the editor's results panel does.
    pub current: bool,
}
