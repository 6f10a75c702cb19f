//! The browser side of keeping work: autosave in localStorage ([`local`]), share links in
//! the address ([`address`]) and deflated by the browser ([`compression`]), and downloads
//! ([`download`]). The formats themselves (links, workspace documents, files, CSV) live in
//! the core, `cofund::storage`, where they are tested natively and fuzzed.

pub mod address;
pub mod compression;
pub mod download;
pub mod local;
