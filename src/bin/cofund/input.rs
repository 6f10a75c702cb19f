//! Reading a scenario file the way the app imports one: the same size limit, byte order
//! mark, encoding checks and workspace-file refusal ([`import_file`]).

use std::fs::File;
use std::io::{self, Read};

use cofund::numbers::{format_number, Lang};
use cofund::storage::{import_file, ImportError, MAX_FILE_BYTES};
use cofund::{Decimal, Scenario};

use crate::output::{describe_io, Failure};

/// How messages name `file`: `<stdin>` for `-`.
pub fn display_name(file: &str) -> &str {
    if file == "-" {
        "<stdin>"
    } else {
        file
    }
}

/// The scenario in `file`, or in standard input for `-`.
pub fn read_scenario(file: &str, lang: Lang) -> Result<Scenario, Failure> {
    let name = display_name(file);
    let bytes = read_bounded(file, name, lang)?;
    import_file(&bytes).map_err(|e| Failure::Input(format!("{name}: {}", e.message(lang))))
}

/// The file's bytes, at most [`MAX_FILE_BYTES`] of them.
fn read_bounded(file: &str, name: &str, lang: Lang) -> Result<Vec<u8>, Failure> {
    let cannot_read = |e: io::Error| {
        let words = describe_io(&e, lang);
        Failure::Input(match lang {
            Lang::Da => format!("kan ikke læse {name}: {words}"),
            Lang::En => format!("cannot read {name}: {words}"),
        })
    };
    let reader: Box<dyn Read> = if file == "-" {
        Box::new(io::stdin().lock())
    } else {
        let opened = File::open(file).map_err(cannot_read)?;
        // A regular file's size is known before reading: refuse it with the app's message.
        if let Ok(meta) = opened.metadata() {
            if meta.is_file() && meta.len() > MAX_FILE_BYTES as u64 {
                let bytes = usize::try_from(meta.len()).unwrap_or(usize::MAX);
                let e = ImportError::TooLarge { bytes };
                return Err(Failure::Input(format!("{name}: {}", e.message(lang))));
            }
        }
        Box::new(opened)
    };
    // One byte past the limit tells a stream of unknown length (a pipe, `/dev/zero`) that
    // is too large from one that fits, without reading the rest of it.
    let mut bytes = Vec::new();
    reader
        .take(MAX_FILE_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() > MAX_FILE_BYTES {
        let max = format_number(Decimal::from(MAX_FILE_BYTES), 0, lang);
        return Err(Failure::Input(match lang {
            Lang::Da => format!(
                "{name}: for stor: mere end {max} byte; en scenariefil har højst {max} byte (16 MiB)"
            ),
            Lang::En => format!(
                "{name}: too large: more than {max} bytes; a scenario file has at most {max} bytes (16 MiB)"
            ),
        }));
    }
    Ok(bytes)
}
