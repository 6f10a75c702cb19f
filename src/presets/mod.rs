//! The built-in scenarios: the real cases from the source documents, with Danish labels.
//!
//! Each preset is a format 1 file in this folder, compiled into the binary with
//! `include_str!`, so presets are edited and reviewed in exactly the format users exchange,
//! and the reader checks them like any other file (a test makes sure they all pass).

mod synthetic;

pub use synthetic::{incompressible, synthetic};

use crate::model::{from_json_str, Scenario, ScenarioError};

/// A built-in scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Preset {
    /// Stable key, used in links and embed options.
    pub key: &'static str,
    /// The scenario file text.
    pub json: &'static str,
}

/// Every preset, the default first.
pub const PRESETS: &[Preset] = &[
    Preset {
        key: "vaekstpilot-150",
        json: include_str!("vaekstpilot-150.json"),
    },
    Preset {
        key: "vaekstpilot-225",
        json: include_str!("vaekstpilot-225.json"),
    },
    Preset {
        key: "design-sprint",
        json: include_str!("design-sprint.json"),
    },
    Preset {
        key: "marketing-platform",
        json: include_str!("marketing-platform.json"),
    },
    Preset {
        key: "design-society",
        json: include_str!("design-society.json"),
    },
];

/// The scenario shown when the app opens: the Vækstpilot scheme with 150 pilots.
pub const DEFAULT_PRESET: &str = "vaekstpilot-150";

impl Preset {
    /// The preset with this key.
    pub fn find(key: &str) -> Option<Preset> {
        PRESETS.iter().copied().find(|p| p.key == key)
    }

    /// The preset's scenario. Presets are checked by the tests, so this only fails if a
    /// preset file was broken without running them.
    pub fn scenario(&self) -> Result<Scenario, ScenarioError> {
        from_json_str(self.json)
    }

    /// The preset this scenario is, unedited. A scenario carries no record of the template
    /// it came from, so one reopened from storage, a file or a link is compared with each
    /// preset: unchanged, it is still that template to the user; edited, it is their own.
    pub fn matching(scenario: &Scenario) -> Option<Preset> {
        PRESETS
            .iter()
            .copied()
            .find(|p| p.scenario().is_ok_and(|s| s == *scenario))
    }
}

/// The default scenario.
pub fn default_scenario() -> Result<Scenario, ScenarioError> {
    Preset::find(DEFAULT_PRESET)
        .unwrap_or(PRESETS[0])
        .scenario()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::evaluate;
    use rust_decimal::Decimal;

    #[test]
    fn every_preset_is_valid_and_evaluates() {
        for preset in PRESETS {
            let scenario = preset
                .scenario()
                .unwrap_or_else(|e| panic!("{}: {e}", preset.key));
            evaluate(&scenario).unwrap_or_else(|e| panic!("{}: {e}", preset.key));
        }
    }

    #[test]
    fn keys_are_unique_and_default_exists() {
        for (i, a) in PRESETS.iter().enumerate() {
            assert!(PRESETS[i + 1..].iter().all(|b| b.key != a.key), "{}", a.key);
        }
        assert!(Preset::find(DEFAULT_PRESET).is_some());
    }

    #[test]
    fn a_preset_is_recognised_until_it_is_edited() {
        for preset in PRESETS {
            let mut scenario = preset.scenario().unwrap();
            assert_eq!(Preset::matching(&scenario), Some(*preset));
            scenario.name.push('!');
            assert_eq!(Preset::matching(&scenario), None, "{}", preset.key);
        }
        // The two Vækstpilot presets differ only in the number of pilots.
        let mut scenario = Preset::find("vaekstpilot-150").unwrap().scenario().unwrap();
        scenario.name = Preset::find("vaekstpilot-225")
            .unwrap()
            .scenario()
            .unwrap()
            .name;
        assert_eq!(Preset::matching(&scenario), None);
    }

    #[test]
    fn marketing_platform_is_not_eligible_for_deb() {
        let s = Preset::find("marketing-platform")
            .unwrap()
            .scenario()
            .unwrap();
        let e = evaluate(&s).unwrap();
        assert_eq!(e.total_cost, Decimal::from(145_000));
        assert_eq!(e.eligible_cost, Decimal::ZERO);
        assert_eq!(e.sources[0].amount, Decimal::ZERO);
        assert_eq!(e.sources[1].amount, Decimal::from(145_000));
    }

    #[test]
    fn design_society_is_five_million_a_year() {
        let s = Preset::find("design-society").unwrap().scenario().unwrap();
        let e = evaluate(&s).unwrap();
        assert_eq!(e.total_cost, Decimal::from(15_000_000));
        assert_eq!(e.gap, Decimal::ZERO);
    }
}
