//! Reads a share link in the widget, inflating with the browser's own
//! `DecompressionStream("deflate-raw")` (`crate::storage::compression`) instead of a Rust
//! inflater: the widget is what every visitor downloads, and this keeps miniz_oxide's
//! inflater out of it (−2,9 KB of wasm with zlib -9, measured; the glue grew by 0,5 KB for
//! the stream bindings). The core still checks everything else: length, marker, base64,
//! checksum, the document (`cofund::storage::link::Packed`).

use cofund::model::Scenario;
use cofund::storage::link::{Link, LinkError, Packed};

use crate::storage::compression::inflate_raw;

/// The first scenario of a share link (`s1.…` or `w1.…`).
pub async fn read_shared_scenario(fragment: &str) -> Result<Scenario, LinkError> {
    let packed = Packed::from_fragment(fragment)?;
    let inflated = inflate_raw(&packed.deflated).await;
    match packed.open(inflated)? {
        Link::Scenario(s) => Ok(s),
        Link::Workspace(w) => w.scenarios.into_iter().next().ok_or(LinkError::Empty),
    }
}
