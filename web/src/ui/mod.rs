//! The widget's components. Each takes small `PartialEq` props, so Yew re-renders only
//! what changed.

pub mod app;
pub mod assumptions;
pub mod bar;
pub mod board;
pub mod editor;
pub mod explain_panel;
pub mod fields;
pub mod language_switch;
pub mod notices;
pub mod results;
pub mod share_tools;
pub mod workspace_bar;
