//! The Cofund browser widget. The calculation lives in the `cofund` crate; this crate only
//! holds the editor's state (`editor`), words (`i18n`), browser storage (`storage`), the
//! components (`ui`) and the embeddable widget (`embed`).
//!
//! Two programs are built from it: `cofund-web`, the full app (src/main.rs, built by Trunk),
//! and `cofund-embed`, the smaller widget that host pages embed (src/bin/cofund-embed.rs,
//! built by scripts/build-embed.sh). Each links only what it uses.

#[cfg(all(test, target_arch = "wasm32"))]
mod browser_tests;
pub mod editor;
pub mod embed;
pub mod i18n;
pub mod storage;
pub mod ui;

// The allocator of every wasm program: Talc instead of the standard library's dlmalloc,
// which is larger. The same widget code measured 239.379 B of wasm (zlib -9) with
// dlmalloc and 237.460 B with Talc (BENCHMARKS.md); keystrokes measured as before. Single
// threaded, as the programs are.
#[cfg(all(target_arch = "wasm32", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
