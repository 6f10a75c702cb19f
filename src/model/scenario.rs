//! The types of a funding scenario (format 1 of the interchange contract).
//!
//! These types hold *checked* data: a [`Scenario`] is only ever built by the reader in
//! [`super::read`] (which validates) or by code that calls [`Scenario::validate`]. All
//! amounts, rates and driver values are exact decimals.

use rust_decimal::Decimal;

/// The version of the scenario file format this crate reads and writes.
pub const FORMAT_VERSION: u32 = 1;

/// One funding scenario: what a programme costs and who pays.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Scenario {
    pub name: String,
    /// ISO currency code. Only used for display and round trips; all arithmetic is in it.
    pub currency: String,
    /// Length of the programme period in whole years (≥ 1).
    pub years: u32,
    pub drivers: Vec<Driver>,
    pub costs: Vec<CostLine>,
    pub sources: Vec<Source>,
}

/// A countable unit (pilots, SMEs, courses) that per-unit lines multiply by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Driver {
    pub id: String,
    pub label: String,
    pub value: Decimal,
    /// The range a user explores with a slider or a sweep; optional.
    pub min: Option<Decimal>,
    pub max: Option<Decimal>,
    pub step: Option<Decimal>,
}

/// One line of the cost budget.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CostLine {
    pub id: String,
    pub label: String,
    pub kind: CostKind,
    pub amount: Decimal,
    /// Whether the line counts towards the base of `share` sources of eligible cost.
    pub eligible: bool,
}

/// How a cost line's amount turns into cost over the whole period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CostKind {
    /// `amount` once.
    Fixed,
    /// `amount` × the driver's value.
    PerUnit { driver: String },
    /// `amount` × years.
    PerYear,
    /// `amount` × the driver's value × years.
    PerUnitPerYear { driver: String },
}

/// One funding source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Source {
    pub id: String,
    pub label: String,
    pub kind: SourceKind,
}

/// What a share source takes its percentage of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Base {
    /// Only cost lines marked eligible (the default: aid rates apply to eligible cost).
    #[default]
    Eligible,
    /// All cost lines.
    Total,
}

impl Base {
    /// Every base, in the order of [`Base::TAGS`].
    const ALL: [Base; 2] = [Base::Eligible, Base::Total];

    /// The names used in scenario files (a share source's `of`), as the reader lists them
    /// in its message for an unknown one.
    pub const TAGS: &'static [&'static str] = &["eligible", "total"];

    /// The name used in scenario files (a share source's `of`).
    pub fn tag(self) -> &'static str {
        Base::TAGS[self as usize]
    }

    /// The base a [`Base::tag`] names; `None` for any other text.
    pub fn from_tag(tag: &str) -> Option<Base> {
        Base::ALL.into_iter().find(|b| b.tag() == tag)
    }
}

/// How a funding source's contribution is determined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// `rate` percent (0–100) of the base, at most `cap` if given.
    Share {
        rate: Decimal,
        of: Base,
        cap: Option<Decimal>,
    },
    /// `amount` × the driver's value.
    PerUnit { driver: String, amount: Decimal },
    /// `amount` once.
    Fixed { amount: Decimal },
    /// `amount` × years.
    PerYear { amount: Decimal },
    /// Whatever the other sources leave uncovered, never below 0, at most `cap` if given.
    Residual { cap: Option<Decimal> },
}

impl CostKind {
    /// The name used in scenario files.
    pub fn tag(&self) -> &'static str {
        match self {
            CostKind::Fixed => "fixed",
            CostKind::PerUnit { .. } => "per_unit",
            CostKind::PerYear => "per_year",
            CostKind::PerUnitPerYear { .. } => "per_unit_per_year",
        }
    }

    /// The driver this line multiplies by, if any.
    pub fn driver(&self) -> Option<&str> {
        match self {
            CostKind::PerUnit { driver } | CostKind::PerUnitPerYear { driver } => Some(driver),
            CostKind::Fixed | CostKind::PerYear => None,
        }
    }
}

impl SourceKind {
    /// The name used in scenario files.
    pub fn tag(&self) -> &'static str {
        match self {
            SourceKind::Share { .. } => "share",
            SourceKind::PerUnit { .. } => "per_unit",
            SourceKind::Fixed { .. } => "fixed",
            SourceKind::PerYear { .. } => "per_year",
            SourceKind::Residual { .. } => "residual",
        }
    }

    /// The cap on this source's contribution, if it has one.
    pub fn cap(&self) -> Option<Decimal> {
        match self {
            SourceKind::Share { cap, .. } | SourceKind::Residual { cap } => *cap,
            _ => None,
        }
    }

    /// The driver this source multiplies by, if any.
    pub fn driver(&self) -> Option<&str> {
        match self {
            SourceKind::PerUnit { driver, .. } => Some(driver),
            _ => None,
        }
    }
}

impl Scenario {
    /// The driver with this id.
    pub fn driver(&self, id: &str) -> Option<&Driver> {
        self.drivers.iter().find(|d| d.id == id)
    }

    /// Mutable access to the driver with this id (used by sweeps and editors).
    pub fn driver_mut(&mut self, id: &str) -> Option<&mut Driver> {
        self.drivers.iter_mut().find(|d| d.id == id)
    }

    /// Checks every rule of the contract that the type system does not already enforce.
    /// The reader calls this; code that builds or edits a scenario by hand should too.
    pub fn validate(&self) -> Result<(), super::ScenarioError> {
        super::read::validate(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each base has its own file name, and reads back from it; the reader's list of the
    /// names allowed is exactly these.
    #[test]
    fn base_tags_read_back() {
        assert_eq!(Base::Eligible.tag(), "eligible");
        assert_eq!(Base::Total.tag(), "total");
        for base in Base::ALL {
            assert_eq!(Base::from_tag(base.tag()), Some(base));
        }
        let tags: Vec<&str> = Base::ALL.iter().map(|b| b.tag()).collect();
        assert_eq!(tags, Base::TAGS);
        assert_eq!(Base::from_tag("Eligible"), None);
    }
}
