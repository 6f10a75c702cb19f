//! Autosave of the workspace in the browser's localStorage.
//!
//! The stored document is a `cofund::storage::Workspace` (it carries its format version;
//! a bare scenario from an older version is migrated by the core's reader). Anything that
//! cannot be read is reported with the raw text kept, so the user can download it, and the
//! app does not save over it until the user decides: work is never silently replaced.

use cofund::storage::workspace::Workspace;
use wasm_bindgen::JsCast;

/// The localStorage key. Versioned by the document inside, not by the key.
pub const KEY: &str = "cofund.workspace";

/// What was found in storage when the app started.
#[derive(Clone, Debug, PartialEq)]
pub enum Stored {
    /// Nothing saved yet (first visit).
    Empty,
    Found(Workspace),
    /// Something is stored but cannot be read; `raw` is kept for download.
    Unreadable {
        raw: String,
        message_da: String,
        message_en: String,
    },
    /// Storage is disabled or blocked (private mode, locked-down intranet browsers).
    Unavailable,
}

fn storage() -> Option<web_sys::Storage> {
    // Accessing localStorage itself throws when it is disabled, hence the nested results.
    web_sys::window()?.local_storage().ok().flatten()
}

/// Reads the saved workspace.
pub fn load() -> Stored {
    let Some(storage) = storage() else {
        return Stored::Unavailable;
    };
    match storage.get_item(KEY) {
        Err(_) => Stored::Unavailable,
        Ok(None) => Stored::Empty,
        Ok(Some(raw)) => match Workspace::from_json_str(&raw) {
            Ok(workspace) => Stored::Found(workspace),
            Err(e) => Stored::Unreadable {
                raw,
                message_da: e.message(cofund::numbers::Lang::Da),
                message_en: e.message(cofund::numbers::Lang::En),
            },
        },
    }
}

/// Why a save did not happen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveError {
    /// Storage is disabled or blocked.
    Unavailable,
    /// The browser refused to store more (quota exceeded).
    Refused,
}

/// Saves the workspace, replacing what was stored.
pub fn save(workspace: &Workspace) -> Result<(), SaveError> {
    let storage = storage().ok_or(SaveError::Unavailable)?;
    storage
        .set_item(KEY, &workspace.to_json_string())
        .map_err(|e| {
            // Only a full store is "refused"; a store the browser forbids (a SecurityError
            // from a locked-down profile) is unavailable, which the user was told at start,
            // not full, which would send them to free space that is not the problem.
            let name = e
                .dyn_ref::<web_sys::DomException>()
                .map(web_sys::DomException::name);
            match name.as_deref() {
                Some("QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED") | None => {
                    SaveError::Refused
                }
                Some(_) => SaveError::Unavailable,
            }
        })
}

/// Which saved scenario was being edited, kept beside the workspace (not in it: it is the
/// browser's state, not part of the document that files and links share).
pub const ACTIVE_KEY: &str = "cofund.active";

/// The saved scenario to open on, if one was recorded.
pub fn load_active() -> Option<usize> {
    storage()?.get_item(ACTIVE_KEY).ok()??.parse().ok()
}

/// Records the scenario being edited (its index among the saved scenarios). A browser
/// that refuses only loses the choice of scenario, never work, so failure is ignored.
pub fn save_active(index: usize) {
    if let Some(storage) = storage() {
        let _ = storage.set_item(ACTIVE_KEY, &index.to_string());
    }
}

/// Text typed into the scenarios but not valid yet, kept beside the workspace
/// (`crate::editor::pending` says why and how).
pub const PENDING_KEY: &str = "cofund.pending";

/// The document of the drafts kept by the last save, as stored (`pending::from_json` reads
/// it; the app also keeps the text, to tell another tab's drafts from its own).
pub fn load_pending_text() -> Option<String> {
    storage()?.get_item(PENDING_KEY).ok()?
}

/// Keeps `document` (the drafts of `pending::to_json`) or, with `None`, removes what was
/// kept: every scenario is current. A browser that refuses loses only text that was not
/// valid yet, never the saved work, so failure is ignored like the active scenario's.
pub fn save_pending(document: Option<String>) {
    if let Some(storage) = storage() {
        let _ = match document {
            Some(text) => storage.set_item(PENDING_KEY, &text),
            None => storage.remove_item(PENDING_KEY),
        };
    }
}

/// Removes the stored workspace and the drafts typed over it (after the user chose to start
/// afresh).
pub fn clear() {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(KEY);
        let _ = storage.remove_item(PENDING_KEY);
    }
}
