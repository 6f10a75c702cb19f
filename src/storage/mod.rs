//! Keeping and moving scenarios: share links, files, workspaces and CSV.
//!
//! Everything here is a pure function from values to text or bytes and back, so it runs
//! natively under the tests and fuzzers and in the browser alike; the widget does the
//! browser's part (location hash, `localStorage`, downloads, file pickers) and calls in
//! here for the content.
//!
//! * [`link`] — share links `#s1.<data>` (one scenario) and `#w1.<data>` (a workspace):
//!   compressed, checksummed, size-limited on the way in.
//! * [`workspace`] — several scenarios saved together, with a baseline; the autosave
//!   document, with migration from the older one-scenario autosave.
//! * [`file`](mod@file) — importing (size, encoding and format checks) and exporting files.
//! * [`csv`] — results and sweeps for spreadsheets, Danish or English conventions.
//! * [`xlsx`] — a workbook whose results are live formulas over the assumptions.
//!
//! Nothing in here panics on any input, and input from outside (links, files, stored
//! documents) is bounded before it is expanded or parsed.

mod crc32;
pub mod csv;
pub mod file;
pub mod link;
pub mod workspace;
pub mod xlsx;

pub use csv::{results_csv, sweep_csv, sweep_csv_plain};
pub use file::{
    export_file, export_workspace_file, import_any, import_file, suggested_file_name, ImportError,
    Imported, MAX_FILE_BYTES,
};
pub use link::{
    decode_link, decode_scenario, decode_workspace, encode_scenario, encode_scenario_within_limits,
    encode_workspace, Link, LinkError, Oversize, MAX_JSON_BYTES, MAX_LINK_CHARS,
};
pub use workspace::{Workspace, WorkspaceError, WORKSPACE_VERSION};
pub use xlsx::{workbook, XLSX_MIME};
