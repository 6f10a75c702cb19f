//! Board-meeting mode: the workspace's scenarios side by side ([`compare`]), how one
//! scenario reacts to its assumptions ([`analysis`]), and a projector view ([`present`]).

use std::rc::Rc;

use cofund::model::{Evaluation, Scenario};
use yew::AttrValue;

pub mod analysis;
pub mod compare;
pub mod present;

/// One scenario of the workspace as the board views show it: its last valid result.
#[derive(Clone, Debug, PartialEq)]
pub struct Column {
    pub name: AttrValue,
    pub scenario: Rc<Scenario>,
    pub evaluation: Rc<Evaluation>,
}
