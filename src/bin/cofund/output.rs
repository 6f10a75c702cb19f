//! How a run ends: what is written to standard output, and the message and exit code of
//! each way of failing.

use std::io::{self, BufWriter, ErrorKind, Write};
use std::process::ExitCode;

use cofund::numbers::Lang;

use crate::args;

/// What went wrong, and so which exit code to use.
#[derive(Debug)]
pub enum Failure {
    /// Wrong usage: the message and the synopsis on stderr, exit code 2.
    Usage(String),
    /// Invalid input (a file, a scenario, an option's value): exit code 1.
    Input(String),
    /// Standard output could not be written.
    Write(io::Error),
}

impl From<io::Error> for Failure {
    /// Commands write their output with `?`; reading maps its own errors to messages
    /// (see `input`), so an `io::Error` that gets here is one of writing.
    fn from(e: io::Error) -> Self {
        Failure::Write(e)
    }
}

/// Runs `command` with a buffered standard output and flushes it: every command writes
/// through this, so that a full disk or a closed pipe is handled alike for all of them.
pub fn to_stdout(
    command: impl FnOnce(&mut dyn Write) -> Result<(), Failure>,
) -> Result<(), Failure> {
    let mut out = BufWriter::new(io::stdout().lock());
    command(&mut out)?;
    out.flush()?;
    Ok(())
}

/// Reports the failure, if any, and gives the exit code.
pub fn exit(result: Result<(), Failure>, lang: Lang) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader stopped early (`cofund presets | head -1`): it has what it wanted,
        // so stop quietly, as command-line tools do.
        Err(Failure::Write(e)) if e.kind() == ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Write(e)) => {
            let cannot = pick(lang, "kan ikke skrive output", "cannot write output");
            report(&format!("{cannot}: {}", describe_io(&e, lang)));
            ExitCode::from(1)
        }
        Err(Failure::Input(message)) => {
            report(&message);
            ExitCode::from(1)
        }
        Err(Failure::Usage(message)) => {
            let more = pick(
                lang,
                "cofund --help forklarer hver kommando.",
                "cofund --help explains each command.",
            );
            report(&format!("{message}\n\n{}{more}", args::usage_text(lang)));
            ExitCode::from(2)
        }
    }
}

fn report(message: &str) {
    // If stderr is closed as well there is nobody left to tell; that is no reason to panic.
    let _ = writeln!(io::stderr(), "cofund: {message}");
}

/// An input/output error in words, without the operating system's error number.
pub fn describe_io(e: &io::Error, lang: Lang) -> String {
    let (danish, english) = match e.kind() {
        ErrorKind::NotFound => ("filen findes ikke", "no such file"),
        ErrorKind::PermissionDenied => ("adgang nægtet", "permission denied"),
        ErrorKind::IsADirectory => ("det er en mappe", "is a directory"),
        ErrorKind::NotADirectory => (
            "en del af stien er ikke en mappe",
            "a part of the path is not a directory",
        ),
        ErrorKind::StorageFull => ("disken er fuld", "no space left on device"),
        ErrorKind::BrokenPipe => ("modtageren er lukket", "the receiving end is closed"),
        ErrorKind::InvalidFilename => ("ugyldigt filnavn", "invalid file name"),
        // The system's own words (in English) for the rarer causes, minus the number.
        _ => return system_words(e),
    };
    pick(lang, danish, english)
}

/// `Input/output error (os error 5)` → `input/output error`.
fn system_words(e: &io::Error) -> String {
    let text = e.to_string();
    let text = match text.rfind(" (os error ") {
        Some(at) => &text[..at],
        None => &text,
    };
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_ascii_lowercase().to_string() + chars.as_str(),
        None => String::new(),
    }
}

/// The Danish or the English text.
pub fn pick(lang: Lang, danish: &str, english: &str) -> String {
    match lang {
        Lang::Da => danish,
        Lang::En => english,
    }
    .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn io_errors_in_words_without_numbers() {
        let not_found = io::Error::from_raw_os_error(2);
        assert_eq!(describe_io(&not_found, Lang::En), "no such file");
        assert_eq!(describe_io(&not_found, Lang::Da), "filen findes ikke");
        let eio = io::Error::from_raw_os_error(5);
        let words = describe_io(&eio, Lang::En);
        assert!(!words.contains("os error") && !words.is_empty(), "{words}");
        assert_eq!(
            describe_io(&io::Error::other("Something odd"), Lang::En),
            "something odd"
        );
    }
}
