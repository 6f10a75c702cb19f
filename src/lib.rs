//! Cofund's calculation core: the scenario model, its exact evaluation, Danish and English
//! number formats, and the built-in presets.
//!
//! Nothing in this crate touches the web: it runs natively (tests, benchmarks, the `cofund`
//! command line) and inside the browser widget in `web/` alike. Every amount and rate is a
//! [`rust_decimal::Decimal`]; rounding happens only in [`numbers`], for display.

pub mod explain;
pub mod matching;
pub mod model;
pub mod numbers;
pub mod presets;
pub mod shown;
pub mod storage;
pub mod text;

pub use model::{
    evaluate, sweep, CostKind, CostLine, Driver, Evaluation, Scenario, ScenarioError, Source,
    SourceKind, SweepRow,
};
pub use rust_decimal::{Decimal, RoundingStrategy};
