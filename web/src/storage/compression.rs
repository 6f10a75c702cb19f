//! Raw deflate (RFC 1951) by the browser's own `CompressionStream` and
//! `DecompressionStream`, for share links: the app and the widget then ship no Rust
//! deflater or inflater (what each saves is in BENCHMARKS.md). The link format itself is the
//! core's (`cofund::storage::link`: [`Unpacked`] to write, `Packed` to read), which also
//! checks what comes out.

use cofund::numbers::Lang;
use cofund::storage::link::{InflateError, LinkError, Unpacked, MAX_JSON_BYTES};
use js_sys::{Reflect, Uint8Array};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::i18n::app_texts;

// web-sys has these streams only behind `--cfg=web_sys_unstable_apis`, which would change
// the flags of the whole build; the members used are declared here. Both classes are
// transform streams, so one type with two constructors serves.
#[wasm_bindgen]
extern "C" {
    type CodecStream;
    #[wasm_bindgen(constructor, js_class = "CompressionStream", catch)]
    fn compression(format: &str) -> Result<CodecStream, JsValue>;
    #[wasm_bindgen(constructor, js_class = "DecompressionStream", catch)]
    fn decompression(format: &str) -> Result<CodecStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &CodecStream) -> web_sys::ReadableStream;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &CodecStream) -> web_sys::WritableStream;
}

/// Why a stream gave up.
enum PipeError {
    /// The browser refused the data or the stream (it does not say which).
    Failed,
    /// More than the limit came out; reading stopped there.
    TooLarge,
}

/// Whatever the browser throws means it refused.
impl From<JsValue> for PipeError {
    fn from(_: JsValue) -> Self {
        PipeError::Failed
    }
}

/// `bytes` through `codec`, read chunk by chunk and stopped past `limit` bytes.
async fn pipe(
    bytes: &[u8],
    codec: Result<CodecStream, JsValue>,
    limit: usize,
) -> Result<Vec<u8>, PipeError> {
    let reader = start(bytes, codec?)?;
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        let done = Reflect::get(&chunk, &"done".into())
            .ok()
            .and_then(|d| d.as_bool())
            .unwrap_or(true);
        if done {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into())?.unchecked_into();
        let at = out.len();
        let len = value.length() as usize;
        if at + len > limit {
            let _ = reader.cancel();
            return Err(PipeError::TooLarge);
        }
        out.resize(at + len, 0);
        value.copy_to(&mut out[at..]);
    }
}

fn start(
    bytes: &[u8],
    codec: CodecStream,
) -> Result<web_sys::ReadableStreamDefaultReader, JsValue> {
    let parts = js_sys::Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    let pair = web_sys::ReadableWritablePair::new(&codec.readable(), &codec.writable());
    let readable = blob.stream().pipe_through(&pair);
    Ok(readable.get_reader().unchecked_into())
}

/// Raw inflate, stopped past [`MAX_JSON_BYTES`] (a link of 64 KiB could otherwise unpack to
/// tens of megabytes). Data that is not valid deflate and data that ends early are both
/// reported as damaged: the browser does not tell them apart.
pub async fn inflate_raw(deflated: &[u8]) -> Result<Vec<u8>, InflateError> {
    pipe(
        deflated,
        CodecStream::decompression("deflate-raw"),
        MAX_JSON_BYTES,
    )
    .await
    .map_err(|e| match e {
        PipeError::Failed => InflateError::Corrupt,
        PipeError::TooLarge => InflateError::TooLarge,
    })
}

/// Why [`seal`] made no link.
#[derive(Debug, PartialEq)]
pub enum SealError {
    /// The browser has no `CompressionStream` (every current one has).
    NoCompression,
    /// The link would be refused when opened: too long, or too much to unpack.
    TooLarge(LinkError),
}

impl SealError {
    /// What to tell the user, with what to do instead.
    pub fn message(&self, lang: Lang) -> String {
        let t = app_texts(lang);
        match self {
            SealError::NoCompression => t.link_failed.to_string(),
            SealError::TooLarge(e) => {
                format!(
                    "{} {}",
                    cofund::text::sentence(&e.message(lang)),
                    t.link_too_large
                )
            }
        }
    }
}

/// The share link's fragment (`s1.…`, `w1.…`) for `unpacked`, deflated by the browser,
/// and only if it can be opened again (the decoder's limits, checked on the way out).
pub async fn seal(unpacked: &Unpacked) -> Result<String, SealError> {
    let deflated = pipe(
        unpacked.json.as_bytes(),
        CodecStream::compression("deflate-raw"),
        usize::MAX,
    )
    .await
    .map_err(|_| SealError::NoCompression)?;
    unpacked
        .seal_within_limits(&deflated)
        .map_err(SealError::TooLarge)
}
