//! Share links come from strangers: the decoders must refuse anything malformed with an
//! error, never panic, never allocate without bound; and whatever they accept must survive
//! a round trip unchanged.

#![no_main]

use cofund::storage::link::{
    decode_link, decode_scenario, decode_workspace, encode_scenario, encode_workspace, Link,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = decode_scenario(&text);
    let _ = decode_workspace(&text);
    match decode_link(&text) {
        Ok(Link::Scenario(s)) => {
            assert_eq!(decode_scenario(&encode_scenario(&s)).as_ref(), Ok(&s));
        }
        Ok(Link::Workspace(w)) => {
            assert_eq!(decode_workspace(&encode_workspace(&w)).as_ref(), Ok(&w));
        }
        Err(e) => {
            let _ = e.message(cofund::numbers::Lang::Da);
        }
    }
});
