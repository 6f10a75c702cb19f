//! Benchmarks of the calculation core (run: `cargo bench`). Results go in BENCHMARKS.md.

use cofund::model::{evaluate, from_json_str, sweep};
use cofund::numbers::{parse_amount, Lang};
use cofund::presets::{synthetic, Preset};
use cofund::Decimal;
use divan::{black_box, Bencher};

fn main() {
    divan::main();
}

/// One seed scenario, as the widget evaluates it on every keystroke. Target: < 5 µs.
#[divan::bench]
fn evaluate_vaekstpilot(bencher: Bencher) {
    let s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
    bencher.bench(|| evaluate(black_box(&s)).unwrap());
}

/// Reading (parsing and validating) the seed scenario file, for comparison.
#[divan::bench]
fn read_vaekstpilot(bencher: Bencher) {
    let text = Preset::find("vaekstpilot-150").unwrap().json;
    bencher.bench(|| from_json_str(black_box(text)).unwrap());
}

/// A large scenario: 1.000 cost lines and 50 sources. Target: < 1 ms.
#[divan::bench]
fn evaluate_1000_lines_50_sources(bencher: Bencher) {
    let s = synthetic(1000, 50);
    bencher.bench(|| evaluate(black_box(&s)).unwrap());
}

/// A 10.000-point sweep of the Vækstpilot driver. Target: < 100 ms.
#[divan::bench(sample_count = 20)]
fn sweep_10000_points(bencher: Bencher) {
    let s = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
    bencher.bench(|| {
        let rows = sweep(
            black_box(&s),
            "pilots",
            Decimal::ZERO,
            Decimal::from(9999),
            Decimal::ONE,
        )
        .unwrap();
        assert_eq!(rows.len(), 10_000);
        rows
    });
}

/// Telling a number still being typed from a mistake, which the editor asks of every field
/// that cannot be read at each keystroke (`NumberError::is_unfinished`). Target: far under
/// the 4 ms a whole keystroke may take.
#[divan::bench(args = ["1.234,", "abc", "32.850.0000", "21,9 m"])]
fn is_unfinished(bencher: Bencher, text: &str) {
    let e = parse_amount(text, Lang::Da).unwrap_err();
    bencher.bench(|| black_box(&e).is_unfinished());
}

/// The same for a pasted text of 1.000 letters.
#[divan::bench]
fn is_unfinished_1000_letters(bencher: Bencher) {
    let e = parse_amount(&"A".repeat(1000), Lang::Da).unwrap_err();
    bencher.bench(|| black_box(&e).is_unfinished());
}
