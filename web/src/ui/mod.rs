//! The widget's components. Each takes small `PartialEq` props, so Yew re-renders only
//! what changed.

pub mod app;
pub mod editor;
pub mod fields;
pub mod split;
