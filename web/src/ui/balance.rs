//! A scenario's balance as the results panel and the board views show it: a gap, a surplus,
//! fully funded, or nothing to fund yet (a blank scenario). One classification for all of
//! them, so that the words, the colour and the comparison's differences agree.

use cofund::model::Evaluation;
use cofund::numbers::{format_amount, format_exact_amount, Lang};
use cofund::shown::Shown;
use cofund::Decimal;

use crate::i18n::texts;

/// The balance of one scenario as displayed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Balance {
    /// Cost no source covers, in displayed kroner.
    Gap(Decimal),
    /// Funding beyond the cost, in displayed kroner.
    Surplus(Decimal),
    Funded,
    /// No cost and no funding yet (a blank scenario).
    Nothing,
}

impl Balance {
    /// The balance of `e`, with its amount as `shown` displays it, or a surplus the tables
    /// round away with its øre ([`displayed_or_exact`]).
    pub fn of(e: &Evaluation, shown: &Shown) -> Balance {
        if e.gap > Decimal::ZERO {
            // The gap as the funding column shows it (0 kr. under half a krone), as it is one
            // of the parts that add up to the total there; its explanation says why.
            Balance::Gap(shown.gap)
        } else if e.surplus > Decimal::ZERO {
            Balance::Surplus(displayed_or_exact(shown.surplus, e.surplus))
        } else if e.has_nothing_to_fund() {
            Balance::Nothing
        } else {
            Balance::Funded
        }
    }

    /// "Manglende finansiering: 3.450.000 kr.", "Fuldt finansieret".
    pub fn words(self, lang: Lang) -> String {
        self.words_with(lang, balance_amount(self.amount(), lang))
    }

    /// Its words for a narrow column: they may wrap, but the amount stays on one line
    /// ("Overfinansiering: 3.120.000 / kr." split the figure from its currency in a
    /// comparison at 1280 px, a QA round).
    pub fn words_amount_unbroken(self, lang: Lang) -> String {
        let amount = balance_amount(self.amount(), lang).replace(' ', "\u{a0}");
        self.words_with(lang, amount)
    }

    fn words_with(self, lang: Lang, amount: String) -> String {
        let t = texts(lang);
        match self {
            Balance::Gap(_) => format!("{}: {amount}", t.gap),
            Balance::Surplus(_) => format!("{}: {amount}", t.surplus),
            Balance::Funded => t.balanced.to_string(),
            Balance::Nothing => t.nothing_to_fund.to_string(),
        }
    }

    /// The gap or surplus; zero when there is neither.
    fn amount(self) -> Decimal {
        match self {
            Balance::Gap(v) | Balance::Surplus(v) => v,
            Balance::Funded | Balance::Nothing => Decimal::ZERO,
        }
    }

    /// Its class in `block`, which gives it its colour: `cofund-results-balance--gap`,
    /// `cofund-board-balance--ok`.
    pub fn class(self, block: &str) -> String {
        format!("{block}--{}", self.modifier())
    }

    /// The end of its class: `gap`, `surplus`, `ok` or `empty`.
    fn modifier(self) -> &'static str {
        match self {
            Balance::Gap(_) => "gap",
            Balance::Surplus(_) => "surplus",
            Balance::Funded => "ok",
            Balance::Nothing => "empty",
        }
    }
}

/// A surplus's amount as displayed, or, when that rounds to 0 kr., the exact one: a
/// surplus of 0,40 kr. read "Overfinansiering: 0 kr.", a balance that is no balance (a QA
/// round). Not the gap's, which is a part of the funding column's sum.
pub fn displayed_or_exact(displayed: Decimal, exact: Decimal) -> Decimal {
    if displayed.is_zero() {
        exact
    } else {
        displayed
    }
}

/// A balance's amount in words: whole kroner, or with its øre when under 1 kr.
/// (`0,40 kr.`), which whole kroner would write as 0.
pub fn balance_amount(value: Decimal, lang: Lang) -> String {
    if value > Decimal::ZERO && value < Decimal::ONE {
        format_exact_amount(value, lang)
    } else {
        format_amount(value, lang)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cofund::model::{evaluate, from_json_str};
    use cofund::presets::Preset;
    use cofund::shown::shown;

    fn balance_of(key: &str) -> Balance {
        let s = Preset::find(key).unwrap().scenario().unwrap();
        let e = evaluate(&s).unwrap();
        Balance::of(&e, &shown(&s, &e))
    }

    #[test]
    fn each_balance_in_words_and_colour() {
        let funded = balance_of("vaekstpilot-150");
        assert_eq!(funded, Balance::Funded);
        assert_eq!(
            (funded.words(Lang::Da).as_str(), funded.modifier()),
            ("Fuldt finansieret", "ok")
        );
        let blank = from_json_str(
            r#"{"format":1,"name":"b","currency":"DKK","years":1,"drivers":[],"costs":[],"sources":[]}"#,
        )
        .unwrap();
        let e = evaluate(&blank).unwrap();
        let nothing = Balance::of(&e, &shown(&blank, &e));
        assert_eq!(nothing, Balance::Nothing);
        assert_eq!(
            (nothing.words(Lang::En).as_str(), nothing.modifier()),
            ("Nothing to fund yet", "empty")
        );
        let gap = Balance::Gap(Decimal::from(3_450_000));
        assert_eq!(
            (gap.words(Lang::Da).as_str(), gap.modifier()),
            ("Manglende finansiering: 3.450.000 kr.", "gap")
        );
    }

    /// 100 kr. of cost, 100,40 kr. of funding: both show as 100 kr., and the surplus is
    /// said with its øre rather than as "0 kr." (a QA round).
    #[test]
    fn a_balance_under_one_krone_is_said_with_its_oere() {
        let s = from_json_str(
            r#"{"format":1,"name":"b","currency":"DKK","years":1,"drivers":[],
            "costs":[{"id":"c","label":"C","kind":"fixed","amount":"100"}],
            "sources":[{"id":"a","label":"A","kind":"fixed","amount":"100.40"}]}"#,
        )
        .unwrap();
        let e = evaluate(&s).unwrap();
        let balance = Balance::of(&e, &shown(&s, &e));
        assert_eq!(balance.words(Lang::Da), "Overfinansiering: 0,40 kr.");
        assert_eq!(balance.words(Lang::En), "Surplus funding: DKK 0.40");
        assert_eq!(
            Balance::Surplus(Decimal::from(3_120_000)).words_amount_unbroken(Lang::Da),
            "Overfinansiering: 3.120.000\u{a0}kr."
        );
        assert_eq!(
            Balance::Gap(Decimal::from(1_000)).words_amount_unbroken(Lang::En),
            "Funding gap: DKK\u{a0}1,000"
        );
        // From 1 kr. on, whole kroner as everywhere.
        assert_eq!(balance_amount(Decimal::ONE, Lang::Da), "1 kr.");
        assert_eq!(
            displayed_or_exact(Decimal::ONE, Decimal::ZERO),
            Decimal::ONE
        );
    }
}
