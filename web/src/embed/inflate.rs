//! Reads a share link in the browser, inflating with the browser's own
//! `DecompressionStream("deflate-raw")` instead of a Rust inflater: the widget is what
//! every visitor downloads, and this keeps miniz_oxide's inflater out of it (−2,9 KB of wasm
//! with zlib -9, measured; the glue grew by 0,5 KB for the stream bindings).
//! The core still checks everything else: length, marker, base64, checksum, the document
//! (`cofund::storage::link::Packed`).

use cofund::model::Scenario;
use cofund::storage::link::{InflateError, Link, LinkError, Packed, MAX_JSON_BYTES};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

// web-sys has `DecompressionStream` only behind `--cfg=web_sys_unstable_apis`, which
// would change the flags of the whole build; the three members used are declared here.
#[wasm_bindgen]
extern "C" {
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch)]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> web_sys::WritableStream;
}

/// The first scenario of a share link (`s1.…` or `w1.…`).
pub async fn read_shared_scenario(fragment: &str) -> Result<Scenario, LinkError> {
    let packed = Packed::from_fragment(fragment)?;
    let inflated = inflate(&packed.deflated).await;
    match packed.open(inflated)? {
        Link::Scenario(s) => Ok(s),
        Link::Workspace(w) => w.scenarios.into_iter().next().ok_or(LinkError::Empty),
    }
}

/// Raw inflate, read chunk by chunk and stopped past [`MAX_JSON_BYTES`] (a link of 64 KiB
/// could otherwise unpack to tens of megabytes).
async fn inflate(deflated: &[u8]) -> Result<Vec<u8>, InflateError> {
    let reader = start(deflated).map_err(|_| InflateError::Corrupt)?;
    let mut out = Vec::new();
    loop {
        // The stream rejects a read when the data is not valid deflate or ends early;
        // the browser does not say which, so both count as damaged.
        let chunk = JsFuture::from(reader.read())
            .await
            .map_err(|_| InflateError::Corrupt)?;
        let done = Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())
            .map_err(|_| InflateError::Corrupt)?
            .unchecked_into();
        let at = out.len();
        let len = value.length() as usize;
        if at + len > MAX_JSON_BYTES {
            let _ = reader.cancel();
            return Err(InflateError::TooLarge);
        }
        out.resize(at + len, 0);
        value.copy_to(&mut out[at..]);
    }
}

fn start(deflated: &[u8]) -> Result<web_sys::ReadableStreamDefaultReader, JsValue> {
    let parts = js_sys::Array::of1(&Uint8Array::from(deflated));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    let inflater = DecompressionStream::new("deflate-raw")?;
    let pair = web_sys::ReadableWritablePair::new(&inflater.readable(), &inflater.writable());
    let readable = blob.stream().pipe_through(&pair);
    Ok(readable.get_reader().unchecked_into())
}
