//! The editor's model: the scenario exactly as the user typed it ([`draft`]), how
//! edits turn into a checked scenario and a result ([`state`]), and several scenarios with
//! undo and redo ([`workspace`]); the text not valid yet that autosave keeps across a
//! reload ([`pending`]); and where the focus goes after a row is moved or removed
//! ([`focus`]).

pub mod draft;
pub mod focus;
pub mod pending;
pub mod state;
pub mod workspace;
