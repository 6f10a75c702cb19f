//! Imported files can be any bytes at all: the reader must refuse what is not a valid
//! scenario or workspace file with an error, never panic; whatever it accepts must survive
//! export and import, and a share link, unchanged, and must evaluate (or refuse) and export
//! as CSV without panicking.

#![no_main]

use cofund::model::evaluate;
use cofund::numbers::Lang;
use cofund::storage::file::{
    export_file, export_workspace_file, import_any, import_file, Imported,
};
use cofund::storage::link::{decode_scenario, encode_scenario};
use cofund::storage::results_csv;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = import_file(data);
    match import_any(data) {
        Ok(Imported::Scenario(s)) => {
            assert_eq!(import_file(export_file(&s).as_bytes()).as_ref(), Ok(&s));
            assert_eq!(decode_scenario(&encode_scenario(&s)).as_ref(), Ok(&s));
            if let Ok(e) = evaluate(&s) {
                let _ = results_csv(&s, &e, Lang::Da);
                let _ = results_csv(&s, &e, Lang::En);
            }
        }
        Ok(Imported::Workspace(w)) => {
            let back = import_any(export_workspace_file(&w).as_bytes());
            assert_eq!(back, Ok(Imported::Workspace(w)));
        }
        Err(e) => {
            let _ = e.message(Lang::Da);
            let _ = e.message(Lang::En);
        }
    }
});
