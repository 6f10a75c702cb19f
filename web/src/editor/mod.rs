//! The editor's model: the scenario exactly as the user typed it ([`draft`]), how
//! edits turn into a checked scenario and a result ([`state`]), and several scenarios with
//! undo and redo ([`workspace`]).

pub mod draft;
pub mod state;
pub mod workspace;
