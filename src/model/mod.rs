//! The scenario model: what a funding scenario is ([`scenario`]), how a scenario file is read
//! and checked ([`read`]) and written ([`write`]), and how it is evaluated ([`eval`]).

pub mod error;
pub mod eval;
pub mod exact;
pub mod goal;
pub mod read;
pub mod scenario;
pub mod sweep;
pub mod sweep_input;
pub mod tornado;
pub mod write;

pub use error::ScenarioError;
pub use eval::{
    cost_per_unit, evaluate, is_deb, share_of_total, Evaluation, LineResult, SourceResult, Trace,
    Warning, DEB_MAX_RATE,
};
pub use goal::{
    close_gap, driver_where_cap_binds, max_driver_within, CapOutcome, GapImpossible, GapOutcome,
    GoalOutcome, NoSolution, Range,
};
pub use read::{from_json_str, from_json_value, parse_json};
pub use scenario::{
    Base, CostKind, CostLine, Driver, Scenario, Source, SourceKind, FORMAT_VERSION,
};
pub use sweep::{sweep, SweepRow};
pub use sweep_input::sweep_input;
pub use tornado::{tornado, Input, Target, TornadoBar};
pub use write::{evaluation_to_json, to_json_string, to_json_value};
