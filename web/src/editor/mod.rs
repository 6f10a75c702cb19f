//! The editor's model: the scenario exactly as the user typed it ([`draft`]), and how
//! edits turn into a checked scenario and a result ([`state`]).

pub mod draft;
pub mod state;
