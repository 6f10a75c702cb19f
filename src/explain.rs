//! Every number of an evaluation, explained in words and figures, in Danish or English.
//!
//! An [`Explanation`] is built only from the [`Evaluation`] (its amounts and each amount's
//! [`Trace`]) and the [`Scenario`] (labels, drivers, eligibility): nothing is recomputed
//! another way, so an explanation cannot disagree with the figure it explains. The only
//! arithmetic done here is for display:
//!
//! * every figure that a table also shows (a line, a source, a total, a share, the gap) is
//!   taken from [`Shown`], the figures as displayed, so an explanation repeats the very
//!   kroner of the row it explains, and the terms of a sum or difference ("total −
//!   others") add up to its result;
//! * other figures (an amount before its cap, a base times a rate) are rounded with the
//!   functions of [`crate::numbers`] (half away from zero);
//! * cost per year is total cost ÷ years, which is the definition of that figure (the
//!   evaluation does not carry it).
//!
//! Rates are shown with as many decimals as they have (`50 %`, `12,5 %`); computed
//! amounts in whole kroner ([`format_amount`]); amounts typed by the user (an amount per
//! unit, a cap) and quotients (cost per unit, per year) in whole kroner when they are
//! whole and with øre otherwise, so that `150 × 12.500,50 kr.` is not shown as
//! `150 × 12.501 kr.`.

use std::borrow::Cow;

use rust_decimal::prelude::*;

use crate::model::exact::{percent_of, rounded_add, rounded_sub};
use crate::model::{is_deb, Base, Evaluation, Scenario, SourceKind, Trace, Warning, DEB_MAX_RATE};
use crate::numbers::{
    format_amount, format_exact_amount, format_number, format_percent, format_plain, Lang,
};
use crate::shown::Shown;
use crate::text;

/// What to explain.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Subject {
    /// The sum of all cost lines.
    TotalCost,
    /// The sum of the eligible cost lines (the base of shares of eligible cost).
    EligibleCost,
    /// `costs[i]`.
    Line(usize),
    /// `sources[i]`.
    Source(usize),
    /// The sum of all sources.
    Funded,
    /// The gap, the surplus, or that the scenario is fully funded.
    Balance,
    /// Total cost ÷ the value of `drivers[i]`.
    PerUnit(usize),
    /// Total cost per year of the programme period.
    PerYear,
    /// `costs[i]` per year (its cell in the per-year column).
    LinePerYear(usize),
    /// `sources[i]` per year.
    SourcePerYear(usize),
    /// The sum of all sources per year.
    FundedPerYear,
    /// The gap per year.
    GapPerYear,
    /// `sources[i]`'s share of the funding (its cell in the share column).
    SourceShare(usize),
    /// The sources' shares together.
    FundedShare,
    /// The gap's share.
    GapShare,
    /// The sources' and the gap's shares together, when there is a gap: the total row of
    /// the share column (100 % of the total cost).
    TotalShare,
}

/// A number explained: a title, the calculation with its figures, and remarks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Explanation {
    /// What the number is (`Samlede udgifter`, a line's or source's label).
    pub title: String,
    /// The calculation in one line: `DEB = 50 % × støtteberettigede udgifter
    /// 21.900.000 kr. = 10.950.000 kr.`
    pub formula: String,
    /// Further remarks: the terms of a sum, a binding cap, an excluded line.
    pub notes: Vec<String>,
}

/// Explains one number of `e`, the evaluation of `s`, in `lang`; `shown` is
/// [`crate::shown::shown`]`(s, e)`, the figures as the tables display them. `None` when
/// the subject's index is out of range (no such line, source or driver).
pub fn explain(
    s: &Scenario,
    e: &Evaluation,
    shown: &Shown,
    subject: Subject,
    lang: Lang,
) -> Option<Explanation> {
    // A line or source without a name is explained under the name the editor's legend gives
    // it, not as " = 50 % × …" under an empty heading.
    let named = named(s, lang);
    let s = &*named;
    let x = Ctx { s, e, shown, lang };
    let mut explanation = match subject {
        Subject::TotalCost => x.total_cost(),
        Subject::EligibleCost => x.eligible_cost(),
        Subject::Line(i) => x.line(i)?,
        Subject::Source(i) => x.source(i)?,
        Subject::Funded => x.funded(),
        Subject::Balance => x.balance(),
        Subject::PerUnit(d) => x.per_unit(d)?,
        Subject::PerYear => x.per_year(),
        Subject::LinePerYear(i) => {
            let line = s.costs.get(i)?;
            let py = shown.per_year.as_ref()?;
            x.per_year_of(
                &line.label,
                e.lines.get(i)?.amount,
                *py.lines.get(i)?,
                py.total,
            )
        }
        Subject::SourcePerYear(i) => {
            let py = shown.per_year.as_ref()?;
            x.per_year_of(
                &s.sources.get(i)?.label,
                e.sources.get(i)?.amount,
                *py.sources.get(i)?,
                py.funding_column(),
            )
        }
        Subject::FundedPerYear => {
            let py = shown.per_year.as_ref()?;
            let label = x.funded_label();
            x.per_year_of(label, e.funded, py.funded, py.funding_column())
        }
        Subject::GapPerYear => {
            let py = shown.per_year.as_ref()?;
            let label = x.gap_label();
            x.per_year_of(label, e.gap, py.gap, py.funding_column())
        }
        Subject::SourceShare(i) => x.share_of(
            &s.sources.get(i)?.label,
            e.sources.get(i)?.amount,
            *shown.shares.get(i)?,
        )?,
        Subject::FundedShare => x.share_of(x.funded_label(), e.funded, shown.funded_share)?,
        Subject::GapShare => x.share_of(x.gap_label(), e.gap, shown.gap_share)?,
        Subject::TotalShare => x.total_share()?,
    };
    // A sentence that ends in an amount ("kr.") or an abbreviated label already has its
    // full stop.
    for note in &mut explanation.notes {
        if note.ends_with("..") {
            note.pop();
        }
    }
    Some(explanation)
}

/// What a cost line and a source without a label are called: the editor's names for a new
/// row (its legend, the results and the explanations say the same; the editor's texts take
/// them from here).
pub const fn unnamed_row_names(lang: Lang) -> (&'static str, &'static str) {
    match lang {
        Lang::Da => ("Ny udgiftspost", "Ny finansieringskilde"),
        Lang::En => ("New cost line", "New funding source"),
    }
}

/// `s` with each blank label of a line or source replaced by the editor's name for an
/// unnamed one ("Ny udgiftspost", "Ny finansieringskilde"); `s` itself when all have names,
/// as they nearly always do (the results explain again on every edit while a panel is open).
/// The analysis names its inputs by it too.
pub fn named(s: &Scenario, lang: Lang) -> Cow<'_, Scenario> {
    let mut labels = s
        .costs
        .iter()
        .map(|c| &c.label)
        .chain(s.sources.iter().map(|x| &x.label));
    if !labels.any(|label| text::is_blank(label)) {
        return Cow::Borrowed(s);
    }
    let (cost, source) = unnamed_row_names(lang);
    let mut copy = s.clone();
    for line in &mut copy.costs {
        line.label = text::label_or_id(&line.label, cost).to_string();
    }
    for src in &mut copy.sources {
        src.label = text::label_or_id(&src.label, source).to_string();
    }
    Cow::Owned(copy)
}

/// Sums, differences and lists with more terms than this give a count instead.
const MAX_TERMS: usize = 6;

/// U+2212 between spaces, for differences.
const MINUS: &str = " \u{2212} ";

/// The rate with exactly as many decimals as it has: `50 %`, `12,5 %` (`50%`, `12.5%`).
fn rate_text(rate: Decimal, lang: Lang) -> String {
    let rate = rate.normalize();
    format_percent(rate, rate.scale(), lang)
}

struct Ctx<'a> {
    s: &'a Scenario,
    e: &'a Evaluation,
    shown: &'a Shown,
    lang: Lang,
}

/// `exact`'s own rounding to whole kroner, when the table shows another (`shown`): a column
/// is rounded as a whole, so one of its amounts may carry a krone another lost.
fn off_own_rounding(exact: Decimal, shown: Decimal) -> Option<Decimal> {
    let plain = exact.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
    (plain != shown).then_some(plain)
}

impl Ctx<'_> {
    fn tr(&self, da: &'static str, en: &'static str) -> &'static str {
        match self.lang {
            Lang::Da => da,
            Lang::En => en,
        }
    }

    /// What the sources together are called: the title of their sum, its share and its
    /// amount per year.
    fn funded_label(&self) -> &'static str {
        self.tr("Finansieret i alt", "Total funding")
    }

    /// What the uncovered cost is called, wherever it is explained.
    fn gap_label(&self) -> &'static str {
        self.tr("Manglende finansiering", "Funding gap")
    }

    /// A computed amount, whole kroner: `21.900.000 kr.` / `DKK 21,900,000`.
    fn amount(&self, v: Decimal) -> String {
        format_amount(v, self.lang)
    }

    /// An entered amount, or one computed exactly: every digit it has, øre as two decimals
    /// (`1.234,50 kr.`), never rounded; half of 1.000,01 kr. is 500,005 kr., and "500,01
    /// kr." would be a limit that 500,01 kr. does not exceed.
    fn exact(&self, v: Decimal) -> String {
        format_exact_amount(v, self.lang)
    }

    /// A quotient in kroner: exact up to øre (`1.234,50 kr.`, whole kroner when whole);
    /// with more decimals (`14.285,7143`, or `46.167,2083…` that never ends), cut after the
    /// øre with an ellipsis for the rest, `14.285,71… kr.`, as the shares write theirs:
    /// "= 14.285,71 kr." would not be true.
    fn to_ore(&self, v: Decimal) -> String {
        let v = v.normalize();
        if v.scale() <= 2 {
            return self.exact(v);
        }
        let cut = format_number(
            v.abs().round_dp_with_strategy(2, RoundingStrategy::ToZero),
            2,
            self.lang,
        );
        let sign = if v.is_sign_negative() { "\u{2212}" } else { "" };
        match self.lang {
            Lang::Da => format!("{sign}{cut}… kr."),
            Lang::En => format!("{sign}DKK {cut}…"),
        }
    }

    /// A product as exact as it is (products of decimals end), and the figure the table
    /// shows for it when that differs (`699.999,93 kr. ≈ 700.000 kr.`).
    fn product(&self, v: Decimal, shown: String) -> String {
        approximately(self.exact(v), shown)
    }

    /// A note when the table shows `exact` as `shown` rather than as its own rounding: the
    /// amounts of a column are rounded together (largest remainder), so that they add up to
    /// the `total` under them, and one of them may take the krone another lost. Without the
    /// note, "50 % × 100.001 kr. ≈ 50.000 kr." beside a DEB of 50.001 kr. looks like an error.
    fn rounded_together(
        &self,
        exact: Decimal,
        shown: Decimal,
        total: Decimal,
        per_year: bool,
    ) -> Option<String> {
        let plain = off_own_rounding(exact, shown)?;
        let (shown, plain, total) = (self.amount(shown), self.amount(plain), self.amount(total));
        Some(match (self.lang, per_year) {
            (Lang::Da, false) => format!(
                "Vist som {shown} og ikke {plain}: beløbene afrundes samlet, så kolonnen i alt giver {total}."
            ),
            (Lang::Da, true) => format!(
                "Vist som {shown} og ikke {plain}: beløbene pr. år afrundes samlet, så kolonnen i alt giver {total}."
            ),
            (Lang::En, false) => format!(
                "Shown as {shown} rather than {plain}: the amounts are rounded together, so that the column adds up to {total}."
            ),
            (Lang::En, true) => format!(
                "Shown as {shown} rather than {plain}: the amounts per year are rounded together, so that the column adds up to {total}."
            ),
        })
    }

    /// A note when a sum of the table's amounts (`shown`, the eligible cost, the funding) is
    /// not the exact figure's own rounding: its parts were rounded together with the rest of
    /// their column, so one of them may carry a krone. Without it, 100.001 kr. beside an
    /// exact 100.000,45 kr. (in DEB's explanation) looks like an error.
    fn summed_as_shown(&self, exact: Decimal, shown: Decimal) -> Option<String> {
        let plain = off_own_rounding(exact, shown)?;
        let (exact, shown, plain) = (self.exact(exact), self.amount(shown), self.amount(plain));
        Some(match self.lang {
            Lang::Da => format!(
                "Uden afrunding {exact}; vist som {shown} og ikke {plain}: summen af beløbene, som tabellen viser dem."
            ),
            Lang::En => format!(
                "Unrounded {exact}; shown as {shown} rather than {plain}: the sum of the amounts as the table shows them."
            ),
        })
    }

    /// A quotient ([`Ctx::to_ore`]), and the figure the table shows for it when that
    /// differs (`666,97 kr. ≈ 667 kr.`, `14.285,71… kr. ≈ 14.286 kr.`).
    fn quotient(&self, v: Decimal, shown: String) -> String {
        approximately(self.to_ore(v), shown)
    }

    /// Total cost per year as the table shows it (its per-year column, apportioned; the
    /// total itself for a one-year period).
    fn shown_per_year(&self) -> Decimal {
        self.shown
            .per_year
            .as_ref()
            .map_or(self.shown.total, |py| py.total)
    }

    /// A term of a sum or difference, whole kroner without currency: `15.000.000`.
    fn fig(&self, v: Decimal) -> String {
        format_number(v, 0, self.lang)
    }

    /// `1 udgiftspost`, `1.000 udgiftsposter`.
    fn count(&self, n: usize, one: (&str, &str), many: (&str, &str)) -> String {
        let noun = match (self.lang, n == 1) {
            (Lang::Da, true) => one.0,
            (Lang::Da, false) => many.0,
            (Lang::En, true) => one.1,
            (Lang::En, false) => many.1,
        };
        format!("{} {noun}", format_number(Decimal::from(n), 0, self.lang))
    }

    fn lines_count(&self, n: usize) -> String {
        self.count(
            n,
            ("udgiftspost", "cost line"),
            ("udgiftsposter", "cost lines"),
        )
    }

    fn sources_count(&self, n: usize) -> String {
        self.count(n, ("kilde", "source"), ("kilder", "sources"))
    }

    /// `3 år` / `3 years`.
    fn years(&self, years: u32) -> String {
        match (self.lang, years) {
            (Lang::Da, _) => format!("{years} år"),
            (Lang::En, 1) => "1 year".to_string(),
            (Lang::En, _) => format!("{years} years"),
        }
    }

    /// The driver's label in running text (`vækstpiloter`).
    fn driver_label(&self, d: usize) -> String {
        match self.s.drivers.get(d) {
            Some(driver) => text::in_sentence(&driver.label),
            None => self.tr("enheder", "units").to_string(),
        }
    }

    /// `150 vækstpiloter` (`1 vækstpilot` when the singular is known).
    fn units(&self, d: usize, units: Decimal) -> String {
        let label = match self.singular(d) {
            Some(one) if units == Decimal::ONE => one,
            _ => self.driver_label(d),
        };
        format!("{} {label}", format_plain(units, self.lang))
    }

    fn singular(&self, d: usize) -> Option<String> {
        singular(self.s, d)
    }

    /// The right-hand side of a line's or source's own calculation:
    /// `150 vækstpiloter × 100.000 kr. = 15.000.000 kr.`, ending in the exact `result` and,
    /// when the table shows it rounded, in the table's figure `shown` too
    /// (`7 × 99.999,99 kr. = 699.999,93 kr. ≈ 700.000 kr.`): an `=` is never put before a
    /// figure the product is not. Shares and residuals are explained by [`Ctx::source`].
    fn simple_rhs(&self, trace: &Trace, result: Decimal, shown: Decimal) -> String {
        let end = self.product(result, self.amount(shown));
        match *trace {
            Trace::Fixed { .. } => end,
            Trace::PerUnit {
                amount,
                driver,
                units,
            } => format!(
                "{} × {} = {end}",
                self.units(driver, units),
                self.exact(amount),
            ),
            Trace::PerYear { amount, years } => {
                format!("{} × {} = {end}", self.exact(amount), self.years(years))
            }
            Trace::PerUnitPerYear {
                amount,
                driver,
                units,
                years,
            } => format!(
                "{} × {} × {} = {end}",
                self.units(driver, units),
                self.exact(amount),
                self.years(years),
            ),
            Trace::Share { .. } | Trace::Residual { .. } => self.amount(shown),
        }
    }

    /// What kind of calculation a simple trace is, in words.
    fn kind_note(&self, trace: &Trace) -> Option<String> {
        Some(match *trace {
            Trace::Fixed { .. } => self
                .tr(
                    "Et fast beløb for hele perioden.",
                    "A fixed amount for the whole period.",
                )
                .into(),
            Trace::PerUnit { driver, .. } => match self.lang {
                Lang::Da => format!(
                    "Beløbet pr. enhed gange antallet af {}.",
                    self.driver_label(driver)
                ),
                Lang::En => format!(
                    "The amount per unit times the number of {}.",
                    self.driver_label(driver)
                ),
            },
            Trace::PerYear { years, .. } => match self.lang {
                Lang::Da => format!("Beløbet pr. år gange periodens {}.", self.years(years)),
                Lang::En => format!(
                    "The amount per year times the period's {}.",
                    self.years(years)
                ),
            },
            Trace::PerUnitPerYear { driver, years, .. } => match self.lang {
                Lang::Da => format!(
                    "Beløbet pr. enhed pr. år gange antallet af {} og periodens {}.",
                    self.driver_label(driver),
                    self.years(years)
                ),
                Lang::En => format!(
                    "The amount per unit per year times the number of {} and the period's {}.",
                    self.driver_label(driver),
                    self.years(years)
                ),
            },
            Trace::Share { .. } | Trace::Residual { .. } => return None,
        })
    }

    /// `name = a + b = total`, with the terms and the total as the table shows them (so
    /// they add up); a count instead of the terms when there are more than [`MAX_TERMS`].
    fn sum_formula(
        &self,
        name: &str,
        parts: &[Decimal],
        total: Decimal,
        counted: String,
        empty: &str,
    ) -> String {
        match parts.len() {
            0 => format!("{name} = {} ({empty})", self.amount(total)),
            1 => format!("{name} = {}", self.amount(total)),
            n if n <= MAX_TERMS => {
                let terms: Vec<String> = parts.iter().map(|&v| self.fig(v)).collect();
                format!("{name} = {} = {}", terms.join(" + "), self.amount(total))
            }
            _ => {
                let sum_of = self.tr("sum af", "sum of");
                format!("{name} = {sum_of} {counted} = {}", self.amount(total))
            }
        }
    }

    /// Notes listing at most [`MAX_TERMS`] items, then how many more there are.
    fn listed(&self, items: Vec<String>, more: impl Fn(usize) -> String) -> Vec<String> {
        let total = items.len();
        let mut notes: Vec<String> = items.into_iter().take(MAX_TERMS).collect();
        if total > MAX_TERMS {
            let rest = more(total - MAX_TERMS);
            notes.push(match self.lang {
                Lang::Da => format!("… og {rest} mere."),
                // "and 3 more cost lines", not "and 3 cost lines more".
                Lang::En => match rest.split_once(' ') {
                    Some((count, noun)) => format!("… and {count} more {noun}."),
                    None => format!("… and {rest} more."),
                },
            });
        }
        notes
    }

    /// Labels of the sources that take a share of eligible cost.
    fn eligible_share_sources(&self) -> Vec<&str> {
        self.s
            .sources
            .iter()
            .filter(|src| {
                matches!(
                    src.kind,
                    SourceKind::Share {
                        of: Base::Eligible,
                        ..
                    }
                )
            })
            .map(|src| src.label.as_str())
            .collect()
    }

    /// `1 udgiftspost er ikke støtteberettiget og indgår ikke`, plural accordingly.
    fn excluded_phrase(&self, n: usize) -> String {
        let lines = self.lines_count(n);
        match (self.lang, n == 1) {
            (Lang::Da, true) => format!("{lines} er ikke støtteberettiget og indgår ikke"),
            (Lang::Da, false) => format!("{lines} er ikke støtteberettigede og indgår ikke"),
            (Lang::En, true) => format!("{lines} is not eligible and is left out"),
            (Lang::En, false) => format!("{lines} are not eligible and are left out"),
        }
    }

    fn total_cost(&self) -> Explanation {
        let title = self.tr("Samlede udgifter", "Total cost");
        let parts = &self.shown.lines;
        let formula = self.sum_formula(
            title,
            parts,
            self.shown.total,
            self.lines_count(parts.len()),
            self.tr("ingen udgiftsposter", "no cost lines"),
        );
        let items = self
            .s
            .costs
            .iter()
            .zip(self.e.lines.iter().zip(&self.shown.lines))
            .map(|(line, (result, &shown))| {
                let mut note = format!(
                    "{}: {}",
                    line.label,
                    self.simple_rhs(&result.trace, result.amount, shown)
                );
                if !line.eligible {
                    note.push_str(self.tr(" (ikke støtteberettiget)", " (not eligible)"));
                }
                note
            })
            .collect();
        let notes = self.listed(items, |n| self.lines_count(n));
        Explanation {
            title: title.into(),
            formula,
            notes,
        }
    }

    fn eligible_cost(&self) -> Explanation {
        let title = self.tr("Støtteberettigede udgifter", "Eligible cost");
        let eligible: Vec<usize> = (0..self.s.costs.len().min(self.shown.lines.len()))
            .filter(|&i| self.s.costs[i].eligible)
            .collect();
        let parts: Vec<Decimal> = eligible.iter().map(|&i| self.shown.lines[i]).collect();
        let counted = match self.lang {
            Lang::Da => format!(
                "{} støtteberettigede udgiftsposter",
                format_number(Decimal::from(parts.len()), 0, self.lang)
            ),
            Lang::En => format!(
                "{} eligible cost lines",
                format_number(Decimal::from(parts.len()), 0, self.lang)
            ),
        };
        let formula = self.sum_formula(
            title,
            &parts,
            self.shown.eligible,
            counted,
            self.tr(
                "ingen støtteberettigede udgiftsposter",
                "no eligible cost lines",
            ),
        );
        let items = eligible
            .iter()
            .map(|&i| {
                format!(
                    "{}: {}",
                    self.s.costs[i].label,
                    self.amount(self.shown.lines[i])
                )
            })
            .collect();
        let mut notes = self.listed(items, |n| self.lines_count(n));
        let excluded: Vec<&str> = self
            .s
            .costs
            .iter()
            .filter(|c| !c.eligible)
            .map(|c| c.label.as_str())
            .collect();
        if excluded.is_empty() {
            if !self.s.costs.is_empty() {
                notes.push(
                    self.tr(
                        "Alle udgiftsposter er støtteberettigede.",
                        "All cost lines are eligible.",
                    )
                    .into(),
                );
            }
        } else {
            let mut names = excluded
                .iter()
                .take(MAX_TERMS)
                .copied()
                .collect::<Vec<_>>()
                .join(", ");
            if excluded.len() > MAX_TERMS {
                names.push_str(", …");
            }
            notes.push(format!(
                "{}: {names}.",
                self.excluded_phrase(excluded.len())
            ));
        }
        notes.extend(self.summed_as_shown(self.e.eligible_cost, self.shown.eligible));
        let users = self.eligible_share_sources();
        if !users.is_empty() {
            let prefix = self.tr(
                "Grundlag for andelen, som betales af",
                "The base of the share paid by",
            );
            notes.push(format!("{prefix} {}.", users.join(", ")));
        }
        Explanation {
            title: title.into(),
            formula,
            notes,
        }
    }

    fn line(&self, i: usize) -> Option<Explanation> {
        let line = self.s.costs.get(i)?;
        let result = self.e.lines.get(i)?;
        let shown = *self.shown.lines.get(i)?;
        let title = self.total_title(&line.label);
        let formula = format!(
            "{title} = {}",
            self.simple_rhs(&result.trace, result.amount, shown)
        );
        let mut notes: Vec<String> = self.kind_note(&result.trace).into_iter().collect();
        notes.extend(self.rounded_together(result.amount, shown, self.shown.total, false));
        if !line.eligible {
            let text = self.tr(
                "Posten er ikke støtteberettiget: den indgår ikke i grundlaget for kilder, der betaler en andel af de støtteberettigede udgifter",
                "This line is not eligible: it is left out of the base of sources that pay a share of eligible cost",
            );
            let users = self.eligible_share_sources();
            notes.push(if users.is_empty() {
                format!("{text}.")
            } else {
                format!("{text} ({}).", users.join(", "))
            });
        }
        Some(Explanation {
            title,
            formula,
            notes,
        })
    }

    /// The title of a line's or a source's amount over the whole period: its label, and
    /// where the label says "per year" (it names the yearly amount) "…, i alt", or that
    /// explanation and the per-year cell's had one title for two figures (a QA round:
    /// "Teknisk vedligeholdelse pr. år" = 45.000 kr. and 15.000 kr.).
    fn total_title(&self, label: &str) -> String {
        if says_per_year(label) {
            match self.lang {
                Lang::Da => format!("{label}, i alt"),
                Lang::En => format!("{label}, in total"),
            }
        } else {
            label.to_string()
        }
    }

    fn source(&self, i: usize) -> Option<Explanation> {
        let src = self.s.sources.get(i)?;
        let result = self.e.sources.get(i)?;
        let shown = *self.shown.sources.get(i)?;
        let label = &src.label;
        let title = self.total_title(label);
        let mut notes = Vec::new();
        let formula = match result.trace {
            Trace::Share {
                rate,
                of,
                uncapped,
                cap,
                ..
            } => {
                let base_name = match of {
                    Base::Eligible => self.tr("støtteberettigede udgifter", "eligible cost"),
                    Base::Total => self.tr("samlede udgifter", "total cost"),
                };
                // The base as its key figure shows it, or exactly when that figure is
                // rounded: the product is of the exact base. The product ends in the table's
                // figure unless a cap cuts it (then the cap's part of the formula ends in it).
                let (base, shown_base) = match of {
                    Base::Eligible => (self.e.eligible_cost, self.shown.eligible),
                    Base::Total => (self.e.total_cost, self.shown.total),
                };
                let base_text = if base == shown_base {
                    self.amount(shown_base)
                } else {
                    self.exact(base)
                };
                let product = match result.trace.binding_cap() {
                    Some(_) => self.product(uncapped, self.amount(uncapped)),
                    None => self.product(result.amount, self.amount(shown)),
                };
                let mut formula = format!(
                    "{title} = {} × {base_name} {base_text} = {product}",
                    rate_text(rate, self.lang),
                );
                self.cap_parts(
                    label,
                    &result.trace,
                    uncapped,
                    cap,
                    shown,
                    &mut formula,
                    &mut notes,
                );
                if of == Base::Eligible {
                    let excluded = self.s.costs.iter().filter(|c| !c.eligible).count();
                    if excluded > 0 {
                        let lead = self.tr(
                            "Grundlaget er kun de støtteberettigede udgifter",
                            "The base is eligible cost only",
                        );
                        notes.push(format!("{lead}: {}.", self.excluded_phrase(excluded)));
                    }
                }
                formula
            }
            Trace::Residual {
                uncovered,
                cap,
                total_cost,
                others: exact_others,
            } => {
                let need = self.tr("resterende finansieringsbehov", "remaining need");
                // The table's figures: the others as shown, and what they leave of the
                // total as shown (so a rounding krone lands where the table puts it).
                let other: Vec<Decimal> = self
                    .shown
                    .sources
                    .iter()
                    .enumerate()
                    .filter(|&(j, _)| j != i)
                    .map(|(_, &amount)| amount)
                    .collect();
                let others = crate::shown::sum(&other);
                let shown_uncovered = rounded_sub(self.shown.total, others).unwrap_or_default();
                let mut formula = if other.is_empty() {
                    let total_name = self.tr("samlede udgifter", "total cost");
                    format!(
                        "{title} = {need} = {total_name} {}",
                        self.amount(self.shown.total)
                    )
                } else {
                    let terms = if other.len() <= MAX_TERMS {
                        other.clone()
                    } else {
                        vec![others]
                    };
                    let mut text = format!("{title} = {need} = {}", self.fig(self.shown.total));
                    for term in terms {
                        text.push_str(MINUS);
                        text.push_str(&self.fig(term));
                    }
                    if other.len() > MAX_TERMS {
                        let n = self.count(
                            other.len(),
                            ("anden kilde", "other source"),
                            ("andre kilder", "other sources"),
                        );
                        text.push_str(&format!(" ({} {n})", self.tr("sum af", "sum of")));
                    }
                    text.push_str(&format!(" = {}", self.amount(shown_uncovered)));
                    text
                };
                if uncovered < Decimal::ZERO {
                    formula.push_str(&format!(
                        "{} = {}",
                        self.tr(", men aldrig under 0", ", but never below 0"),
                        self.amount(shown)
                    ));
                    notes.push(match self.lang {
                        Lang::Da => format!(
                            "De andre kilder dækker allerede alle udgifter ({} mere end nødvendigt), så {label} er {}.",
                            self.amount(-shown_uncovered),
                            self.amount(result.amount)
                        ),
                        Lang::En => format!(
                            "The other sources already cover the total cost ({} more than needed), so {label} is {}.",
                            self.amount(-shown_uncovered),
                            self.amount(result.amount)
                        ),
                    });
                } else {
                    if uncovered.is_zero() && !other.is_empty() {
                        notes.push(match self.lang {
                            Lang::Da => format!(
                                "De andre kilder dækker præcis alle udgifter, så {label} er 0 kr."
                            ),
                            Lang::En => format!(
                                "The other sources cover exactly the total cost, so {label} is DKK 0."
                            ),
                        });
                    }
                    self.cap_parts(
                        label,
                        &result.trace,
                        uncovered,
                        cap,
                        shown,
                        &mut formula,
                        &mut notes,
                    );
                }
                // The formula is in the table's whole kroner; when the exact figures have
                // øre, they are given too, so that 50.000,50 kr. is not hidden as 50.000.
                if uncovered != shown_uncovered && !other.is_empty() {
                    let (total, others, rest) = (
                        self.exact(total_cost),
                        self.exact(exact_others),
                        self.exact(uncovered),
                    );
                    notes.push(match self.lang {
                        Lang::Da => format!(
                            "Uden afrunding: {total}{MINUS}{others} = {rest}; tabellen viser hele kroner."
                        ),
                        Lang::En => format!(
                            "Unrounded: {total}{MINUS}{others} = {rest}; the table shows whole kroner."
                        ),
                    });
                }
                notes.push(
                    self.tr(
                        "Restfinansieringen betaler det, de andre kilder ikke dækker, aldrig under 0.",
                        "The residual source pays what the other sources leave uncovered, never below 0.",
                    )
                    .into(),
                );
                formula
            }
            ref trace => {
                if let Some(note) = self.kind_note(trace) {
                    notes.push(note);
                }
                format!("{title} = {}", self.simple_rhs(trace, result.amount, shown))
            }
        };
        // A residual's formula is written in the table's own figures, so it needs no note,
        // unless its cap binds: then it ends in the cap, which the table may round.
        if !matches!(result.trace, Trace::Residual { .. }) || result.trace.binding_cap().is_some() {
            notes.extend(self.rounded_together(result.amount, shown, self.shown.funded, false));
        }
        if let Some(rate) = self.e.deb_rate_above_limit(i) {
            let (max, rate) = (
                rate_text(DEB_MAX_RATE, self.lang),
                rate_text(rate, self.lang),
            );
            notes.push(match self.lang {
                Lang::Da => format!(
                    "DEB betaler højst {max} af de støtteberettigede udgifter (DEB's højeste støtteprocent); med {rate} regner scenariet med mere, end DEB kan give."
                ),
                Lang::En => format!(
                    "DEB pays at most {max} of eligible cost (its highest aid rate); at {rate} the scenario counts on more than DEB can give."
                ),
            });
        }
        if let Some((amount, limit)) = self.e.deb_above_limit().filter(|_| is_deb(src)) {
            let (max, amount, limit) = (
                rate_text(DEB_MAX_RATE, self.lang),
                self.exact(amount),
                self.exact(limit),
            );
            notes.push(match self.lang {
                Lang::Da => format!(
                    "DEB betaler højst {max} af de støtteberettigede udgifter, {limit}; her betaler DEB i alt {amount}, mere end DEB kan give."
                ),
                Lang::En => format!(
                    "DEB pays at most {max} of eligible cost, {limit}; here DEB pays {amount} in total, more than DEB can give."
                ),
            });
        }
        if let Some(share) = self.shown_share(i) {
            notes.push(match (self.lang, self.shares_of_funding()) {
                (Lang::Da, false) => format!("{label} dækker {share} af de samlede udgifter."),
                (Lang::En, false) => format!("{label} covers {share} of total cost."),
                (Lang::Da, true) => format!("{label} står for {share} af finansieringen."),
                (Lang::En, true) => format!("{label} provides {share} of the funding."),
            });
        }
        Some(Explanation {
            title,
            formula,
            notes,
        })
    }

    /// The share of source `i` as the table shows it, when it has one (not when the
    /// total is 0).
    fn shown_share(&self, i: usize) -> Option<String> {
        self.e.sources.get(i)?.share?;
        // Written as the share column writes it (`50,0 %`, `0,0 %`), so the note quotes
        // the figure the reader sees there.
        Some(format_percent(*self.shown.shares.get(i)?, 1, self.lang))
    }

    /// Whether the displayed shares are of the funding rather than of the total cost:
    /// with a surplus, shares of the cost would add up to more than 100 %.
    fn shares_of_funding(&self) -> bool {
        self.e.surplus > Decimal::ZERO
    }

    /// Appends the cap to a share's or residual's formula when it binds, and a note on
    /// the cap either way. `before` is the amount before the cap.
    #[allow(clippy::too_many_arguments)]
    fn cap_parts(
        &self,
        label: &str,
        trace: &Trace,
        before: Decimal,
        cap: Option<Decimal>,
        result: Decimal,
        formula: &mut String,
        notes: &mut Vec<String>,
    ) {
        let Some(cap) = cap else { return };
        if let Some((uncapped, cap)) = trace.binding_cap() {
            // The cap as entered, then the table's figure when that is rounded ("loftet
            // 100.000,01 kr. ≈ 100.000 kr."): an "=" there would not be true.
            let (cap_text, shown_text) = (self.exact(cap), self.amount(result));
            let relation = if cap_text == shown_text { "=" } else { "≈" };
            formula.push_str(&format!(
                "{} {cap_text} {relation} {shown_text}",
                self.tr(", men højst loftet", ", but at most the cap"),
            ));
            notes.push(match self.lang {
                Lang::Da => format!(
                    "Loftet binder: {label} betaler {} i stedet for {}.",
                    self.exact(cap),
                    self.exact(uncapped)
                ),
                Lang::En => format!(
                    "The cap binds: {label} pays {} instead of {}.",
                    self.exact(cap),
                    self.exact(uncapped)
                ),
            });
        } else if before == cap {
            notes.push(match self.lang {
                Lang::Da => format!("Beløbet rammer præcis loftet på {}.", self.exact(cap)),
                Lang::En => format!("The amount is exactly the cap of {}.", self.exact(cap)),
            });
        } else {
            notes.push(match self.lang {
                Lang::Da => format!("Loftet på {} er ikke nået.", self.exact(cap)),
                Lang::En => format!("The cap of {} is not reached.", self.exact(cap)),
            });
        }
    }

    fn funded(&self) -> Explanation {
        let title = self.funded_label();
        let parts = &self.shown.sources;
        let formula = self.sum_formula(
            title,
            parts,
            self.shown.funded,
            self.sources_count(parts.len()),
            self.tr("ingen finansieringskilder", "no funding sources"),
        );
        let items = self
            .s
            .sources
            .iter()
            .zip(&self.shown.sources)
            .enumerate()
            .map(|(j, (src, &amount))| {
                let mut note = format!("{}: {}", src.label, self.amount(amount));
                if let Some(share) = self.shown_share(j) {
                    note.push_str(&match (self.lang, self.shares_of_funding()) {
                        (Lang::Da, false) => format!(" ({share} af de samlede udgifter)"),
                        (Lang::En, false) => format!(" ({share} of total cost)"),
                        (Lang::Da, true) => format!(" ({share} af finansieringen)"),
                        (Lang::En, true) => format!(" ({share} of the funding)"),
                    });
                }
                note
            })
            .collect();
        let mut notes = self.listed(items, |n| self.sources_count(n));
        notes.extend(self.summed_as_shown(self.e.funded, self.shown.funded));
        notes.push(self.balance_sentence());
        Explanation {
            title: title.into(),
            formula,
            notes,
        }
    }

    /// How funding compares with total cost, in one sentence.
    fn balance_sentence(&self) -> String {
        let total = self.amount(self.shown.total);
        if self.e.gap > Decimal::ZERO {
            match self.lang {
                Lang::Da => format!(
                    "Det er {} mindre end de samlede udgifter på {total}.",
                    self.amount(self.shown.gap)
                ),
                Lang::En => format!(
                    "That is {} less than the total cost of {total}.",
                    self.amount(self.shown.gap)
                ),
            }
        } else if self.e.surplus > Decimal::ZERO {
            match self.lang {
                Lang::Da => format!(
                    "Det er {} mere end de samlede udgifter på {total}.",
                    self.amount(self.shown.surplus)
                ),
                Lang::En => format!(
                    "That is {} more than the total cost of {total}.",
                    self.amount(self.shown.surplus)
                ),
            }
        } else {
            match self.lang {
                Lang::Da => format!("Det svarer præcis til de samlede udgifter på {total}."),
                Lang::En => format!("That is exactly the total cost of {total}."),
            }
        }
    }

    fn balance(&self) -> Explanation {
        let (e, shown) = (self.e, self.shown);
        let mut notes = Vec::new();
        // A surplus the tables round away (under 1 kr.) is said with its øre, as the results
        // say it ("Overfinansiering: 0,30 kr."), from the exact figures.
        let surplus_written_exactly = e.surplus > Decimal::ZERO && shown.surplus.is_zero();
        let (title, formula) = if e.gap > Decimal::ZERO {
            let title = self.gap_label();
            let formula = format!(
                "{title} = {}{MINUS}{} = {}",
                self.fig(shown.total),
                self.fig(shown.funded),
                self.amount(shown.gap)
            );
            notes.push(match self.lang {
                Lang::Da => format!(
                    "Kilderne betaler {} af de samlede udgifter på {}.",
                    self.amount(shown.funded),
                    self.amount(shown.total)
                ),
                Lang::En => format!(
                    "The sources pay {} of the total cost of {}.",
                    self.amount(shown.funded),
                    self.amount(shown.total)
                ),
            });
            if !self
                .s
                .sources
                .iter()
                .any(|s| matches!(s.kind, SourceKind::Residual { .. }))
            {
                notes.push(
                    self.tr(
                        "Ingen kilde af typen »Restfinansiering« dækker den manglende finansiering.",
                        "No “Residual funding” source covers the funding gap.",
                    )
                    .into(),
                );
            }
            (title, formula)
        } else if surplus_written_exactly {
            let title = self.tr("Overfinansiering", "Surplus funding");
            let formula = format!(
                "{title} = {}{MINUS}{} = {}",
                self.exact(e.funded),
                self.exact(e.total_cost),
                self.exact(e.surplus)
            );
            notes.push(match self.lang {
                Lang::Da => format!(
                    "Tabellerne viser begge som {}: forskellen er under 1 kr.",
                    self.amount(shown.total)
                ),
                Lang::En => format!(
                    "The tables show both as {}: the difference is below DKK 1.",
                    self.amount(shown.total)
                ),
            });
            (title, formula)
        } else if e.surplus > Decimal::ZERO {
            let title = self.tr("Overfinansiering", "Surplus funding");
            let formula = format!(
                "{title} = {}{MINUS}{} = {}",
                self.fig(shown.funded),
                self.fig(shown.total),
                self.amount(shown.surplus)
            );
            notes.push(match self.lang {
                Lang::Da => format!(
                    "Kilderne betaler {} mod de samlede udgifter på {}.",
                    self.amount(shown.funded),
                    self.amount(shown.total)
                ),
                Lang::En => format!(
                    "The sources pay {} against a total cost of {}.",
                    self.amount(shown.funded),
                    self.amount(shown.total)
                ),
            });
            (title, formula)
        } else {
            let title = self.tr("Finansieringsbalance", "Funding balance");
            let (da, en) = if e.has_nothing_to_fund() {
                ("Intet at finansiere endnu", "Nothing to fund yet")
            } else {
                ("Fuldt finansieret", "Fully funded")
            };
            let formula = match self.lang {
                Lang::Da => format!(
                    "{da}: finansiering {} = samlede udgifter {}",
                    self.amount(shown.funded),
                    self.amount(shown.total)
                ),
                Lang::En => format!(
                    "{en}: funding {} = total cost {}",
                    self.amount(shown.funded),
                    self.amount(shown.total)
                ),
            };
            (title, formula)
        };
        // The exact difference and the one shown (the tables' rounded totals apart) can
        // differ: under 50 øre shown as 0 kr., or a krone the rounding of the parts added.
        let difference = e.gap.max(e.surplus);
        let shown_difference = shown.gap.max(shown.surplus);
        let plain = difference.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero);
        if surplus_written_exactly {
            // Written exactly above: the tables' rounding of it needs no note.
        } else if shown_difference.is_zero() && difference > Decimal::ZERO && plain.is_zero() {
            notes.push(
                self.tr(
                    "Forskellen er under 50 øre og vises derfor som 0 kr.",
                    "The difference is below half a krone and is therefore shown as DKK 0.",
                )
                .into(),
            );
        } else if shown_difference != plain {
            notes.push(match self.lang {
                Lang::Da => format!(
                    "Den nøjagtige forskel er {}; den vises som {}, forskellen mellem tabellernes afrundede totaler.",
                    self.exact(difference),
                    self.amount(shown_difference)
                ),
                Lang::En => format!(
                    "The exact difference is {}; it is shown as {}, the difference between the tables' rounded totals.",
                    self.exact(difference),
                    self.amount(shown_difference)
                ),
            });
        }
        // The amount without the cap with every digit, as the capped source's own
        // explanation gives it ("i stedet for 17.009.998,50 kr."): rounded here, the two
        // explanations named two amounts for one (a QA round).
        for warning in &e.warnings {
            if let Warning::Capped {
                source,
                uncapped,
                cap,
            } = *warning
            {
                let Some(src) = self.s.sources.get(source) else {
                    continue;
                };
                notes.push(match self.lang {
                    Lang::Da => format!(
                        "{} er begrænset af sit loft på {} (uden loft: {}).",
                        src.label,
                        self.exact(cap),
                        self.exact(uncapped)
                    ),
                    Lang::En => format!(
                        "{} is held down by its cap of {} (without the cap: {}).",
                        src.label,
                        self.exact(cap),
                        self.exact(uncapped)
                    ),
                });
            }
        }
        Explanation {
            title: title.into(),
            formula,
            notes,
        }
    }

    fn per_unit(&self, d: usize) -> Option<Explanation> {
        let driver = self.s.drivers.get(d)?;
        let value = *self.e.per_unit.get(d)?;
        let title = per_unit_title(self.s, d, self.lang)?;
        // The exact total is divided, not the rounded one the table shows: with øre in the
        // total (3.703,50 kr., shown as 3.704 kr.) the shown figure ÷ 3 would not give the
        // quotient written after it. The note then names the figure the table shows.
        let total = self.e.total_cost;
        let rounded = total != self.shown.total;
        let total_text = if rounded {
            self.exact(total)
        } else {
            self.amount(total)
        };
        let division = format!(
            "{title} = {total_text} ÷ {}",
            format_plain(driver.value, self.lang)
        );
        let mut notes = Vec::new();
        if rounded {
            let shown = self.amount(self.shown.total);
            notes.push(match self.lang {
                Lang::Da => {
                    format!("De samlede udgifter er {total_text}, vist afrundet som {shown}.")
                }
                Lang::En => format!("The total cost is {total_text}, shown rounded as {shown}."),
            });
        }
        let formula = match value {
            Some(v) => {
                notes.push(match self.lang {
                    Lang::Da => format!(
                        "De samlede udgifter fordelt på {}.",
                        self.units(d, driver.value)
                    ),
                    Lang::En => format!(
                        "The total cost spread over {}.",
                        self.units(d, driver.value)
                    ),
                });
                let other = self
                    .s
                    .costs
                    .iter()
                    .filter(|c| c.kind.driver() != Some(driver.id.as_str()))
                    .count();
                // "Også" only when some line does depend on it: with none, the total is
                // all of lines that do not; with no cost line at all there is nothing to
                // say ("none of the 0 …").
                let all = other > 0 && other == self.s.costs.len();
                if all {
                    let unit = self.driver_label(d);
                    notes.push(match (self.lang, other) {
                        (Lang::Da, 1) => {
                            format!("Udgiftsposten afhænger ikke af antallet af {unit}.")
                        }
                        (Lang::Da, _) => format!(
                            "Ingen af de {other} udgiftsposter afhænger af antallet af {unit}."
                        ),
                        (Lang::En, 1) => {
                            format!("The cost line does not depend on the number of {unit}.")
                        }
                        (Lang::En, _) => format!(
                            "None of the {other} cost lines depends on the number of {unit}."
                        ),
                    });
                } else if other > 0 {
                    let lines = self.lines_count(other);
                    notes.push(match self.lang {
                        Lang::Da => format!(
                            "Det omfatter også {lines}, der ikke afhænger af antallet af {}.",
                            self.driver_label(d)
                        ),
                        Lang::En => format!(
                            "That includes {lines} that {} not depend on the number of {}.",
                            if other == 1 { "does" } else { "do" },
                            self.driver_label(d)
                        ),
                    });
                }
                format!("{division} = {}", self.quotient(v, self.amount(v)))
            }
            None if driver.value.is_zero() => {
                notes.push(match self.lang {
                    Lang::Da => format!(
                        "Antallet af {} er 0, og der kan ikke divideres med 0.",
                        self.driver_label(d)
                    ),
                    Lang::En => format!(
                        "The number of {} is 0, and one cannot divide by 0.",
                        self.driver_label(d)
                    ),
                });
                format!(
                    "{division}: {}",
                    self.tr("kan ikke beregnes", "cannot be computed")
                )
            }
            None => {
                notes.push(
                    self.tr(
                        "Resultatet er for stort til at kunne beregnes præcist.",
                        "The result is too large to be computed exactly.",
                    )
                    .into(),
                );
                format!(
                    "{division}: {}",
                    self.tr("kan ikke beregnes", "cannot be computed")
                )
            }
        };
        if self
            .e
            .warnings
            .contains(&Warning::DriverOutOfRange { driver: d })
        {
            let range = match (driver.min, driver.max) {
                (Some(min), Some(max)) => format!(
                    "{}–{}",
                    format_plain(min, self.lang),
                    format_plain(max, self.lang)
                ),
                (Some(min), None) => format!(
                    "{} {}",
                    self.tr("mindst", "at least"),
                    format_plain(min, self.lang)
                ),
                (None, Some(max)) => format!(
                    "{} {}",
                    self.tr("højst", "at most"),
                    format_plain(max, self.lang)
                ),
                (None, None) => String::new(),
            };
            notes.push(match self.lang {
                Lang::Da => format!(
                    "Bemærk: {} ligger uden for det forventede interval ({range}).",
                    self.units(d, driver.value)
                ),
                Lang::En => format!(
                    "Note: {} lies outside the expected range ({range}).",
                    self.units(d, driver.value)
                ),
            });
        }
        Some(Explanation {
            title,
            formula,
            notes,
        })
    }

    fn per_year(&self) -> Explanation {
        // The words of the key figure it explains.
        let title = self.tr("Samlede udgifter pr. år", "Total cost per year");
        let years = self.years(self.s.years);
        // The exact total: the quotient after `=` is of it, not of the rounded figure.
        let division = format!("{title} = {} ÷ {years}", self.exact(self.e.total_cost));
        let mut notes = Vec::new();
        let formula = match self.e.total_cost.checked_div(Decimal::from(self.s.years)) {
            Some(v) if self.s.years > 0 => {
                notes.push(match self.lang {
                    Lang::Da => format!(
                        "Et gennemsnit over programperiodens {years}; udgifterne behøver ikke at falde jævnt."
                    ),
                    Lang::En => format!(
                        "An average over the programme period of {years}; the costs need not fall evenly."
                    ),
                });
                format!(
                    "{division} = {}",
                    self.quotient(v, self.amount(self.shown_per_year()))
                )
            }
            _ => format!(
                "{division}: {}",
                self.tr("kan ikke beregnes", "cannot be computed")
            ),
        };
        Explanation {
            title: title.into(),
            formula,
            notes,
        }
    }

    /// A line's, a source's, the funding's or the gap's cell in the per-year column: the
    /// exact amount divided by the years, and the cell's figure. The column is rounded as a
    /// whole (it adds up to `column_total`), so a cell can differ by a krone from its own
    /// quotient rounded; the note says so where it does.
    fn per_year_of(
        &self,
        label: &str,
        exact: Decimal,
        shown: Decimal,
        column_total: Decimal,
    ) -> Explanation {
        let title = if says_per_year(label) {
            // "Teknisk vedligeholdelse pr. år" is per year already.
            label.to_string()
        } else {
            match self.lang {
                Lang::Da => format!("{label} pr. år"),
                Lang::En => format!("{label} per year"),
            }
        };
        let years = self.years(self.s.years);
        let division = format!("{title} = {} ÷ {years}", self.exact(exact));
        let mut notes = Vec::new();
        let formula = match exact.checked_div(Decimal::from(self.s.years)) {
            Some(q) if self.s.years > 0 => {
                notes.extend(self.rounded_together(q, shown, column_total, true));
                format!("{division} = {}", self.quotient(q, self.amount(shown)))
            }
            _ => format!(
                "{division}: {}",
                self.tr("kan ikke beregnes", "cannot be computed")
            ),
        };
        Explanation {
            title,
            formula,
            notes,
        }
    }

    /// A cell of the share column: the amount divided by what the shares are of (the
    /// sources and the gap together: the total cost when there is a gap, the funding
    /// otherwise), as a per cent, and the cell's figure. The shares are rounded as a whole
    /// (they add up to 100,0 %); the note says so where a cell differs from its own
    /// per cent rounded.
    /// The total row of the share column, with a gap: the funding's share and the gap's
    /// as the column shows them, added up (`88,8 % + 11,2 % = 100,0 %`).
    fn total_share(&self) -> Option<Explanation> {
        let title = match self.lang {
            Lang::Da => "Andel: Samlede udgifter",
            Lang::En => "Share: Total cost",
        };
        let (funded, gap) = (self.shown.funded_share, self.shown.gap_share);
        let percent = |v: Decimal| format_percent(v, 1, self.lang);
        Some(Explanation {
            formula: format!(
                "{title} = {} {} + {} {} = {}",
                text::in_sentence(self.funded_label()),
                percent(funded),
                text::in_sentence(self.gap_label()),
                percent(gap),
                percent(rounded_add(funded, gap)?)
            ),
            title: title.into(),
            notes: vec![self.shares_note(true).into()],
        })
    }

    /// What the share column's shares are of: with a gap, the total cost (the gap one of
    /// them); with a surplus, the funding; fully funded, both, and the cost is named first,
    /// as the results' heading and the sources' notes name it (a QA round read "of the total
    /// funding" there as a contradiction of them).
    fn shares_note(&self, gap: bool) -> &'static str {
        if gap {
            self.tr(
                "Andelene er af de samlede udgifter; den manglende finansiering er med som sin egen andel.",
                "The shares are of the total cost; the funding gap is one of them.",
            )
        } else if self.e.surplus > Decimal::ZERO {
            self.tr(
                "Andelene er af den samlede finansiering, da den er større end udgifterne.",
                "The shares are of the total funding, as it exceeds the cost.",
            )
        } else {
            self.tr(
                "Andelene er af de samlede udgifter, som finansieringen dækker præcis.",
                "The shares are of the total cost, which the funding covers exactly.",
            )
        }
    }

    fn share_of(&self, label: &str, exact: Decimal, shown: Decimal) -> Option<Explanation> {
        let gap = self.e.gap.max(Decimal::ZERO);
        let whole = rounded_add(self.e.funded, gap)?;
        let title = match self.lang {
            Lang::Da => format!("Andel: {label}"),
            Lang::En => format!("Share: {label}"),
        };
        let shown_text = format_percent(shown, 1, self.lang);
        let mut notes = vec![self.shares_note(gap > Decimal::ZERO).to_string()];
        if whole.is_zero() {
            return Some(Explanation {
                formula: format!(
                    "{title} = {shown_text}: {}",
                    self.tr("der er intet at dele", "there is nothing to split")
                ),
                title,
                notes,
            });
        }
        // exact × 100 / whole, or (near Decimal's limit) exact / whole × 100.
        let percent = percent_of(exact, whole)?.normalize();
        let exact_text = if percent.scale() <= 2 {
            format_percent(percent, percent.scale(), self.lang)
        } else {
            // More decimals than are worth reading: two, and an ellipsis for the rest.
            let cut = percent.round_dp_with_strategy(2, RoundingStrategy::ToZero);
            let cut = format_percent(cut, 2, self.lang);
            match self.lang {
                Lang::Da => cut.replacen(" %", "… %", 1),
                Lang::En => cut.replacen('%', "…%", 1),
            }
        };
        let rhs = if percent == shown {
            shown_text.clone()
        } else {
            format!("{exact_text} ≈ {shown_text}")
        };
        let plain = percent.round_dp_with_strategy(1, RoundingStrategy::MidpointAwayFromZero);
        if plain != shown {
            let plain = format_percent(plain, 1, self.lang);
            notes.push(match self.lang {
                Lang::Da => format!(
                    "Vist som {shown_text} og ikke {plain}: andelene afrundes samlet, så de giver 100,0 %."
                ),
                Lang::En => format!(
                    "Shown as {shown_text} rather than {plain}: the shares are rounded together, so that they add up to 100.0%."
                ),
            });
        }
        Some(Explanation {
            formula: format!(
                "{title} = {} ÷ {} = {rhs}",
                self.exact(exact),
                self.exact(whole)
            ),
            title,
            notes,
        })
    }
}

/// `exact`, and `≈ shown` after it when the table shows the figure otherwise.
fn approximately(exact: String, shown: String) -> String {
    if exact == shown {
        exact
    } else {
        format!("{exact} ≈ {shown}")
    }
}

/// The title of a driver's cost per unit, "Udgift pr. vækstpilot": what the results panel
/// names the figure on every keystroke, without building its whole explanation.
pub fn per_unit_title(s: &Scenario, d: usize, lang: Lang) -> Option<String> {
    let driver = s.drivers.get(d)?;
    Some(match (singular(s, d), lang) {
        (Some(one), Lang::Da) => format!("Udgift pr. {one}"),
        (Some(one), Lang::En) => format!("Cost per {one}"),
        // A unit with no label is named by its id, as the editor names it, not "()".
        (None, _) if driver.label.trim().is_empty() => match lang {
            Lang::Da => format!("Udgift pr. enhed ({})", driver.id),
            Lang::En => format!("Cost per unit ({})", driver.id),
        },
        (None, Lang::Da) => format!("Udgift pr. enhed ({})", text::in_sentence(&driver.label)),
        (None, Lang::En) => format!("Cost per unit ({})", text::in_sentence(&driver.label)),
    })
}

/// Unit words whose singular is known without the scenario telling it: the app's own
/// default unit ("Deltagere" / "Participants", a blank scenario's) and other common units
/// of business-support programmes, as (plural, singular), the plural lower-cased.
const KNOWN_SINGULARS: &[(&str, &str)] = &[
    ("deltagere", "deltager"),
    ("participants", "participant"),
    ("virksomheder", "virksomhed"),
    ("companies", "company"),
    ("medarbejdere", "medarbejder"),
    ("employees", "employee"),
    ("forløb", "forløb"),
    ("projekter", "projekt"),
    ("projects", "project"),
    ("timer", "time"),
    ("hours", "hour"),
    ("år", "år"),
    ("years", "year"),
];

/// The singular of a driver's label, when the scenario tells it: a line or source on
/// that driver labelled `… pr. vækstpilot` gives `vækstpilot` for `Vækstpiloter`
/// (the word must begin the driver's label). `SMV'er` gives `SMV`. Otherwise the label's
/// singular if it is one of [`KNOWN_SINGULARS`], or else `None`: guessing inflections of
/// arbitrary words would produce wrong Danish.
fn singular(s: &Scenario, d: usize) -> Option<String> {
    let driver = s.drivers.get(d)?;
    let plural = text::lowercase(&driver.label);
    let on_driver = s
        .costs
        .iter()
        .filter(|c| c.kind.driver() == Some(driver.id.as_str()))
        .map(|c| c.label.as_str())
        .chain(
            s.sources
                .iter()
                .filter(|src| src.kind.driver() == Some(driver.id.as_str()))
                .map(|src| src.label.as_str()),
        );
    for label in on_driver {
        let mut words = label.split_whitespace();
        let mut previous = words.next();
        for word in words {
            // Compared without lower-casing a copy of every word: no letter outside ASCII
            // lower-cases to p, r or e, so this is what `text::lowercase` would match.
            let after_marker = previous
                .is_some_and(|p| p.eq_ignore_ascii_case("pr.") || p.eq_ignore_ascii_case("per"));
            previous = Some(word);
            if !after_marker {
                continue;
            }
            let word = word.trim_end_matches(|c: char| ",;:.()".contains(c));
            if word.chars().count() >= 2 && plural.starts_with(&text::lowercase(word)) {
                return Some(text::in_sentence(word));
            }
        }
    }
    for suffix in ["'er", "’er"] {
        if let Some(stem) = driver.label.strip_suffix(suffix) {
            if !stem.is_empty() {
                return Some(text::in_sentence(stem));
            }
        }
    }
    let plural = plural.trim();
    KNOWN_SINGULARS
        .iter()
        .find(|(many, _)| *many == plural)
        .map(|(_, one)| one.to_string())
}

/// Whether a label already ends in "per year", in Danish or English (labels keep the
/// language they were written in, whatever the app's).
fn says_per_year(label: &str) -> bool {
    let label = text::lowercase(label.trim().trim_end_matches(['.', ')']));
    [
        "pr. år", "pr år", "per år", "om året", "årligt", "/år", "per year", "a year", "/year",
        "annually", "yearly",
    ]
    .iter()
    .any(|end| label.ends_with(end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{evaluate, CostKind, CostLine, Source};
    use crate::presets::{synthetic, Preset, PRESETS};
    use crate::shown::shown;

    fn preset(key: &str) -> Scenario {
        Preset::find(key)
            .expect("preset")
            .scenario()
            .expect("valid preset")
    }

    fn run(s: &Scenario, subject: Subject, lang: Lang) -> Explanation {
        let e = evaluate(s).expect("evaluates");
        explain(s, &e, &shown(s, &e), subject, lang).expect("in range")
    }

    fn formula(s: &Scenario, subject: Subject, lang: Lang) -> String {
        run(s, subject, lang).formula
    }

    /// The results panel names each cost per unit by `per_unit_title`; its explanation
    /// must carry the same title. The marker before the singular is matched in any case.
    #[test]
    fn a_unit_without_a_label_is_titled_by_its_id() {
        let mut s = preset("vaekstpilot-150");
        s.drivers[0].label = " ".into();
        assert_eq!(
            per_unit_title(&s, 0, Lang::Da).as_deref(),
            Some("Udgift pr. enhed (pilots)")
        );
    }

    #[test]
    fn per_unit_titles_are_the_explanations_titles() {
        for preset in crate::presets::PRESETS {
            let s = preset.scenario().expect("preset reads");
            for d in 0..s.drivers.len() {
                for lang in [Lang::Da, Lang::En] {
                    assert_eq!(
                        per_unit_title(&s, d, lang),
                        Some(run(&s, Subject::PerUnit(d), lang).title)
                    );
                }
            }
            assert_eq!(per_unit_title(&s, s.drivers.len(), Lang::Da), None);
        }
        let mut s = crate::presets::Preset::find("vaekstpilot-150")
            .unwrap()
            .scenario()
            .unwrap();
        let on_pilots: Vec<usize> = (0..s.costs.len())
            .filter(|&i| s.costs[i].kind.driver() == Some("pilots"))
            .collect();
        for (label, title) in [
            ("Honorar PR. vækstpilot", "Udgift pr. vækstpilot"),
            ("Honorar Per Vækstpilot", "Udgift pr. vækstpilot"),
            ("Honorar pr.vækstpilot", "Udgift pr. enhed (vækstpiloter)"),
        ] {
            for &i in &on_pilots {
                s.costs[i].label = label.into();
            }
            assert_eq!(
                per_unit_title(&s, 0, Lang::Da).as_deref(),
                Some(title),
                "{label}"
            );
        }
    }

    fn set_cap(s: &mut Scenario, i: usize, value: i64) {
        match &mut s.sources[i].kind {
            SourceKind::Share { cap, .. } | SourceKind::Residual { cap } => {
                *cap = Some(Decimal::from(value))
            }
            other => panic!("no cap on {other:?}"),
        }
    }

    #[test]
    fn vaekstpilot_sources() {
        let s = preset("vaekstpilot-150");
        assert_eq!(
            formula(&s, Subject::Source(0), Lang::Da),
            "DEB = 50 % × støtteberettigede udgifter 21.900.000 kr. = 10.950.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::Source(0), Lang::En),
            "DEB = 50% × eligible cost DKK 21,900,000 = DKK 10,950,000"
        );
        assert_eq!(
            formula(&s, Subject::Source(1), Lang::Da),
            "Virksomhedernes egenbetaling = 150 vækstpiloter × 50.000 kr. = 7.500.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::Source(1), Lang::En),
            "Virksomhedernes egenbetaling = 150 vækstpiloter × DKK 50,000 = DKK 7,500,000"
        );
        assert_eq!(
            formula(&s, Subject::Source(2), Lang::Da),
            "Lokal/regional medfinansiering = resterende finansieringsbehov = \
             21.900.000 − 10.950.000 − 7.500.000 = 3.450.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::Source(2), Lang::En),
            "Lokal/regional medfinansiering = remaining need = \
             21,900,000 − 10,950,000 − 7,500,000 = DKK 3,450,000"
        );
        assert!(formula(&s, Subject::Source(2), Lang::Da).contains('\u{2212}'));
        let deb = run(&s, Subject::Source(0), Lang::Da);
        assert_eq!(deb.title, "DEB");
        assert!(deb
            .notes
            .contains(&"DEB dækker 50,0 % af de samlede udgifter.".to_string()));
    }

    #[test]
    fn vaekstpilot_totals() {
        let s = preset("vaekstpilot-150");
        let total = run(&s, Subject::TotalCost, Lang::Da);
        assert_eq!(total.title, "Samlede udgifter");
        assert_eq!(
            total.formula,
            "Samlede udgifter = 15.000.000 + 6.900.000 = 21.900.000 kr."
        );
        assert_eq!(
            total.notes,
            vec![
                "Budgetpost pr. vækstpilot: 150 vækstpiloter × 100.000 kr. = 15.000.000 kr.",
                "Projektledelse, administration, evaluering, revision: 150 vækstpiloter × 46.000 kr. = 6.900.000 kr.",
            ]
        );
        assert_eq!(
            formula(&s, Subject::TotalCost, Lang::En),
            "Total cost = 15,000,000 + 6,900,000 = DKK 21,900,000"
        );
        assert_eq!(
            formula(&s, Subject::Line(0), Lang::Da),
            "Budgetpost pr. vækstpilot = 150 vækstpiloter × 100.000 kr. = 15.000.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::EligibleCost, Lang::Da),
            "Støtteberettigede udgifter = 15.000.000 + 6.900.000 = 21.900.000 kr."
        );
        assert!(run(&s, Subject::EligibleCost, Lang::Da)
            .notes
            .contains(&"Alle udgiftsposter er støtteberettigede.".to_string()));
        assert_eq!(
            formula(&s, Subject::Funded, Lang::Da),
            "Finansieret i alt = 10.950.000 + 7.500.000 + 3.450.000 = 21.900.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::Funded, Lang::En),
            "Total funding = 10,950,000 + 7,500,000 + 3,450,000 = DKK 21,900,000"
        );
        assert_eq!(
            formula(&s, Subject::Balance, Lang::Da),
            "Fuldt finansieret: finansiering 21.900.000 kr. = samlede udgifter 21.900.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::Balance, Lang::En),
            "Fully funded: funding DKK 21,900,000 = total cost DKK 21,900,000"
        );
        assert_eq!(
            formula(&s, Subject::PerUnit(0), Lang::Da),
            "Udgift pr. vækstpilot = 21.900.000 kr. ÷ 150 = 146.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::PerUnit(0), Lang::En),
            "Cost per vækstpilot = DKK 21,900,000 ÷ 150 = DKK 146,000"
        );
        assert_eq!(
            formula(&s, Subject::PerYear, Lang::Da),
            "Samlede udgifter pr. år = 21.900.000 kr. ÷ 3 år = 7.300.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::PerYear, Lang::En),
            "Total cost per year = DKK 21,900,000 ÷ 3 years = DKK 7,300,000"
        );
    }

    #[test]
    fn design_sprint_keeps_acronyms() {
        let s = preset("design-sprint");
        assert_eq!(
            formula(&s, Subject::PerUnit(0), Lang::Da),
            "Udgift pr. SMV = 30.000.000 kr. ÷ 100 = 300.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::Line(0), Lang::Da),
            "Designsprint pr. SMV = 100 SMV'er × 300.000 kr. = 30.000.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::Source(0), Lang::Da),
            "Regeringen = 5.000.000 kr. × 3 år = 15.000.000 kr."
        );
    }

    #[test]
    fn capped_share() {
        let mut s = preset("vaekstpilot-150");
        set_cap(&mut s, 0, 5_000_000);
        let x = run(&s, Subject::Source(0), Lang::Da);
        assert_eq!(
            x.formula,
            "DEB = 50 % × støtteberettigede udgifter 21.900.000 kr. = 10.950.000 kr., \
             men højst loftet 5.000.000 kr. = 5.000.000 kr."
        );
        assert!(x.notes.contains(
            &"Loftet binder: DEB betaler 5.000.000 kr. i stedet for 10.950.000 kr.".to_string()
        ));
        assert_eq!(
            formula(&s, Subject::Source(0), Lang::En),
            "DEB = 50% × eligible cost DKK 21,900,000 = DKK 10,950,000, \
             but at most the cap DKK 5,000,000 = DKK 5,000,000"
        );
        // A cap that does not bind is mentioned but not part of the formula.
        set_cap(&mut s, 0, 20_000_000);
        let x = run(&s, Subject::Source(0), Lang::Da);
        assert_eq!(
            x.formula,
            "DEB = 50 % × støtteberettigede udgifter 21.900.000 kr. = 10.950.000 kr."
        );
        assert!(x
            .notes
            .contains(&"Loftet på 20.000.000 kr. er ikke nået.".to_string()));
    }

    #[test]
    fn capped_residual_and_gap() {
        let mut s = preset("vaekstpilot-150");
        set_cap(&mut s, 2, 1_000_000);
        let x = run(&s, Subject::Source(2), Lang::Da);
        assert_eq!(
            x.formula,
            "Lokal/regional medfinansiering = resterende finansieringsbehov = \
             21.900.000 − 10.950.000 − 7.500.000 = 3.450.000 kr., \
             men højst loftet 1.000.000 kr. = 1.000.000 kr."
        );
        assert!(x.notes.iter().any(|n| n.starts_with("Loftet binder")));
        let balance = run(&s, Subject::Balance, Lang::Da);
        assert_eq!(balance.title, "Manglende finansiering");
        assert_eq!(
            balance.formula,
            "Manglende finansiering = 21.900.000 − 19.450.000 = 2.450.000 kr."
        );
        assert!(balance
            .notes
            .iter()
            .any(|n| n.starts_with("Lokal/regional medfinansiering er begrænset af sit loft")));
    }

    /// The gap's explanation and the capped residual's name one amount without the cap, with
    /// every digit: 30.000.000 − 9.990.000 − 3.000.001,50 = 17.009.998,50 kr. (a QA round
    /// found 17.009.999 kr. in one and 17.009.998,50 kr. in the other).
    #[test]
    fn an_amount_without_its_cap_is_named_alike_in_both_explanations() {
        let s = crate::model::from_json_str(
            r#"{"format":1,"name":"Underskud","currency":"DKK","years":3,
            "drivers":[{"id":"u","label":"SMV","value":"100"}],
            "costs":[{"id":"a","label":"Designsprint","kind":"per_unit","driver":"u","amount":"300000"}],
            "sources":[{"id":"deb","label":"DEB","kind":"share","rate":"33.3"},
            {"id":"s2","label":"Vækstforum","kind":"per_year","amount":"1000000.5"},
            {"id":"s5","label":"Kommune","kind":"residual","cap":"1000000"}]}"#,
        )
        .expect("valid");
        let exact = "17.009.998,50 kr.";
        let kommune = run(&s, Subject::Source(2), Lang::Da);
        assert!(
            kommune
                .notes
                .iter()
                .any(|n| n.ends_with(&format!("i stedet for {exact}"))),
            "{kommune:?}"
        );
        let gap = run(&s, Subject::Balance, Lang::Da);
        assert!(
            gap.notes
                .iter()
                .any(|n| n.ends_with(&format!("(uden loft: {exact})."))),
            "{gap:?}"
        );
    }

    #[test]
    fn gap_without_residual() {
        let mut s = preset("vaekstpilot-150");
        s.sources.pop();
        assert_eq!(
            formula(&s, Subject::Balance, Lang::Da),
            "Manglende finansiering = 21.900.000 − 18.450.000 = 3.450.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::Balance, Lang::En),
            "Funding gap = 21,900,000 − 18,450,000 = DKK 3,450,000"
        );
        let notes = run(&s, Subject::Balance, Lang::Da).notes;
        assert!(notes.contains(
            &"Ingen kilde af typen »Restfinansiering« dækker den manglende finansiering."
                .to_string()
        ));
    }

    #[test]
    fn residual_at_zero_and_surplus() {
        let mut s = preset("vaekstpilot-150");
        s.sources[1].kind = SourceKind::PerUnit {
            driver: "pilots".into(),
            amount: Decimal::from(100_000),
        };
        let x = run(&s, Subject::Source(2), Lang::Da);
        assert_eq!(
            x.formula,
            "Lokal/regional medfinansiering = resterende finansieringsbehov = \
             21.900.000 − 10.950.000 − 15.000.000 = −4.050.000 kr., men aldrig under 0 = 0 kr."
        );
        assert!(x.notes.contains(
            &"De andre kilder dækker allerede alle udgifter (4.050.000 kr. mere end nødvendigt), \
              så Lokal/regional medfinansiering er 0 kr."
                .to_string()
        ));
        assert_eq!(
            formula(&s, Subject::Source(2), Lang::En),
            "Lokal/regional medfinansiering = remaining need = \
             21,900,000 − 10,950,000 − 15,000,000 = −DKK 4,050,000, but never below 0 = DKK 0"
        );
        let balance = run(&s, Subject::Balance, Lang::Da);
        assert_eq!(balance.title, "Overfinansiering");
        assert_eq!(
            balance.formula,
            "Overfinansiering = 25.950.000 − 21.900.000 = 4.050.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::Balance, Lang::En),
            "Surplus funding = 25,950,000 − 21,900,000 = DKK 4,050,000"
        );
    }

    /// A line or source whose label was cleared is explained under its editor name.
    #[test]
    fn an_unnamed_row_is_explained_under_its_editor_name() {
        let mut s = preset("vaekstpilot-150");
        s.costs[0].label = " ".into();
        s.sources[0].label = String::new();
        let line = run(&s, Subject::Line(0), Lang::Da);
        assert_eq!(line.title, "Ny udgiftspost");
        assert!(
            line.formula.starts_with("Ny udgiftspost = "),
            "{}",
            line.formula
        );
        let deb = run(&s, Subject::Source(0), Lang::En);
        assert_eq!(deb.title, "New funding source");
        assert!(
            deb.formula.starts_with("New funding source = 50% × "),
            "{}",
            deb.formula
        );
        // A named one keeps its name.
        assert_eq!(
            run(&s, Subject::Source(1), Lang::Da).title,
            s.sources[1].label
        );
    }

    #[test]
    fn residual_exactly_zero() {
        let mut s = preset("vaekstpilot-150");
        s.sources[1].kind = SourceKind::Fixed {
            amount: Decimal::from(10_950_000),
        };
        let x = run(&s, Subject::Source(2), Lang::Da);
        assert_eq!(
            x.formula,
            "Lokal/regional medfinansiering = resterende finansieringsbehov = \
             21.900.000 − 10.950.000 − 10.950.000 = 0 kr."
        );
        assert!(x
            .notes
            .iter()
            .any(|n| n.starts_with("De andre kilder dækker præcis")));
    }

    #[test]
    fn ineligible_lines() {
        let s = preset("marketing-platform");
        let line = run(&s, Subject::Line(0), Lang::Da);
        assert_eq!(line.formula, "Udvikling (ca. 3 måneder) = 100.000 kr.");
        assert!(line.notes.contains(
            &"Posten er ikke støtteberettiget: den indgår ikke i grundlaget for kilder, \
              der betaler en andel af de støtteberettigede udgifter (DEB)."
                .to_string()
        ));
        let line = run(&s, Subject::Line(0), Lang::En);
        assert!(line.notes.contains(
            &"This line is not eligible: it is left out of the base of sources \
              that pay a share of eligible cost (DEB)."
                .to_string()
        ));
        assert_eq!(
            formula(&s, Subject::Line(1), Lang::Da),
            "Teknisk vedligeholdelse pr. år, i alt = 15.000 kr. × 3 år = 45.000 kr."
        );
        assert_eq!(
            formula(&s, Subject::Line(1), Lang::En),
            "Teknisk vedligeholdelse pr. år, in total = DKK 15,000 × 3 years = DKK 45,000"
        );
        // Its per-year cell keeps the label as it is.
        assert_eq!(
            run(&s, Subject::LinePerYear(1), Lang::Da).title,
            "Teknisk vedligeholdelse pr. år"
        );
        // A source alike.
        let mut sprint = Preset::find("design-sprint").unwrap().scenario().unwrap();
        sprint.sources[0].label = "Regeringen pr. år".into();
        let state = run(&sprint, Subject::Source(0), Lang::Da);
        assert_eq!(state.title, "Regeringen pr. år, i alt");
        assert_eq!(
            state.formula,
            "Regeringen pr. år, i alt = 5.000.000 kr. × 3 år = 15.000.000 kr."
        );
        assert_eq!(
            run(&sprint, Subject::SourcePerYear(0), Lang::Da).title,
            "Regeringen pr. år"
        );
        let eligible = run(&s, Subject::EligibleCost, Lang::Da);
        assert_eq!(
            eligible.formula,
            "Støtteberettigede udgifter = 0 kr. (ingen støtteberettigede udgiftsposter)"
        );
        assert!(eligible.notes.contains(
            &"2 udgiftsposter er ikke støtteberettigede og indgår ikke: \
              Udvikling (ca. 3 måneder), Teknisk vedligeholdelse pr. år."
                .to_string()
        ));
        let deb = run(&s, Subject::Source(0), Lang::Da);
        assert_eq!(
            deb.formula,
            "DEB = 50 % × støtteberettigede udgifter 0 kr. = 0 kr."
        );
        assert!(deb
            .notes
            .iter()
            .any(|n| n.starts_with("Grundlaget er kun de støtteberettigede")));
        assert_eq!(
            formula(&s, Subject::Source(1), Lang::Da),
            "Anden finansiering (ikke decentrale erhvervsfremmemidler eller EU-midler) = \
             resterende finansieringsbehov = 145.000 − 0 = 145.000 kr."
        );
        let total = run(&s, Subject::TotalCost, Lang::Da);
        assert_eq!(
            total.notes[0],
            "Udvikling (ca. 3 måneder): 100.000 kr. (ikke støtteberettiget)"
        );
    }

    #[test]
    fn per_unit_per_year_line_and_odd_rates() {
        let mut s = preset("vaekstpilot-150");
        s.costs.push(CostLine {
            id: "mentor".into(),
            label: "Mentor pr. vækstpilot pr. år".into(),
            kind: CostKind::PerUnitPerYear {
                driver: "pilots".into(),
            },
            amount: Decimal::new(1_250_050, 2),
            eligible: true,
        });
        s.sources[0].kind = SourceKind::Share {
            rate: Decimal::new(125, 1),
            of: Base::Total,
            cap: None,
        };
        assert_eq!(
            formula(&s, Subject::Line(2), Lang::Da),
            "Mentor pr. vækstpilot pr. år, i alt = 150 vækstpiloter × 12.500,50 kr. × 3 år = 5.625.225 kr."
        );
        assert_eq!(
            formula(&s, Subject::Source(0), Lang::En),
            "DEB = 12.5% × total cost DKK 27,525,225 = DKK 3,440,653.125 ≈ DKK 3,440,653"
        );
    }

    #[test]
    fn a_product_with_ore_ends_in_its_exact_value_then_the_tables_figure() {
        let mut s = preset("vaekstpilot-150");
        s.drivers[0].value = Decimal::from(7);
        s.costs[0].amount = Decimal::new(9_999_999, 2); // 99.999,99 kr.
        assert_eq!(
            formula(&s, Subject::Line(0), Lang::Da),
            "Budgetpost pr. vækstpilot = 7 vækstpiloter × 99.999,99 kr. = 699.999,93 kr. ≈ 700.000 kr."
        );
        let total = run(&s, Subject::TotalCost, Lang::Da);
        assert!(
            total.notes.iter().any(|n| n
                == "Budgetpost pr. vækstpilot: 7 vækstpiloter × 99.999,99 kr. = 699.999,93 kr. ≈ 700.000 kr."),
            "{:?}",
            total.notes
        );
        // Whole kroner: one figure, as before.
        s.costs[0].amount = Decimal::from(100_000);
        assert_eq!(
            formula(&s, Subject::Line(0), Lang::Da),
            "Budgetpost pr. vækstpilot = 7 vækstpiloter × 100.000 kr. = 700.000 kr."
        );
    }

    #[test]
    fn entered_amounts_are_written_with_every_digit() {
        // 100,125 kr. written "100,13 kr." would give 15.019.500 kr., not the result after
        // the "=": an operand is never rounded.
        let mut s = preset("vaekstpilot-150");
        s.costs[0].amount = Decimal::new(100_125, 3);
        assert_eq!(
            formula(&s, Subject::Line(0), Lang::Da),
            "Budgetpost pr. vækstpilot = 150 vækstpiloter × 100,125 kr. = 15.018,75 kr. ≈ 15.019 kr."
        );
        s.costs[0].amount = Decimal::new(100_125, 1);
        assert_eq!(
            formula(&s, Subject::Line(0), Lang::En),
            "Budgetpost pr. vækstpilot = 150 vækstpiloter × DKK 10,012.50 = DKK 1,501,875"
        );
    }

    #[test]
    fn per_unit_not_whole_and_zero_driver() {
        let mut s = preset("vaekstpilot-150");
        s.costs.push(CostLine {
            id: "one".into(),
            label: "En krone".into(),
            kind: CostKind::Fixed,
            amount: Decimal::ONE,
            eligible: true,
        });
        assert_eq!(
            formula(&s, Subject::PerUnit(0), Lang::Da),
            "Udgift pr. vækstpilot = 21.900.001 kr. ÷ 150 = 146.000,00… kr. ≈ 146.000 kr."
        );
        // With øre in the total, the exact total is divided (its rounding ÷ 150 would not
        // give the quotient), and a note names the figure the table shows.
        s.costs[2].amount = Decimal::new(150, 2);
        let x = run(&s, Subject::PerUnit(0), Lang::Da);
        assert_eq!(
            x.formula,
            "Udgift pr. vækstpilot = 21.900.001,50 kr. ÷ 150 = 146.000,01 kr. ≈ 146.000 kr."
        );
        assert!(x.notes.contains(
            &"De samlede udgifter er 21.900.001,50 kr., vist afrundet som 21.900.002 kr.".into()
        ));
        assert!(formula(&s, Subject::PerUnit(0), Lang::En)
            .starts_with("Cost per vækstpilot = DKK 21,900,001.50 ÷ 150 = "));
        s.costs[2].amount = Decimal::ONE;
        s.drivers[0].value = Decimal::ZERO;
        let x = run(&s, Subject::PerUnit(0), Lang::Da);
        assert_eq!(
            x.formula,
            "Udgift pr. vækstpilot = 1 kr. ÷ 0: kan ikke beregnes"
        );
        assert!(x
            .notes
            .iter()
            .any(|n| n.contains("kan ikke divideres med 0")));
        assert!(x
            .notes
            .iter()
            .any(|n| n.starts_with("Bemærk: 0 vækstpiloter ligger uden for")));
        assert_eq!(
            formula(&s, Subject::PerUnit(0), Lang::En),
            "Cost per vækstpilot = DKK 1 ÷ 0: cannot be computed"
        );
    }

    #[test]
    fn sums_add_up_after_rounding() {
        let mut s = preset("design-society");
        s.costs = (0..4)
            .map(|i| CostLine {
                id: format!("c{i}"),
                label: format!("Post {i}"),
                kind: CostKind::Fixed,
                amount: Decimal::new(5, 1),
                eligible: true,
            })
            .collect();
        assert_eq!(
            formula(&s, Subject::TotalCost, Lang::Da),
            "Samlede udgifter = 1 + 1 + 0 + 0 = 2 kr."
        );
    }

    #[test]
    fn many_terms_give_a_count() {
        let s = synthetic(1000, 50);
        let total = run(&s, Subject::TotalCost, Lang::Da);
        assert!(
            total
                .formula
                .starts_with("Samlede udgifter = sum af 1.000 udgiftsposter = "),
            "{}",
            total.formula
        );
        assert_eq!(total.notes.len(), MAX_TERMS + 1);
        assert_eq!(total.notes[MAX_TERMS], "… og 994 udgiftsposter mere.");
        let total = run(&s, Subject::TotalCost, Lang::En);
        assert_eq!(total.notes[MAX_TERMS], "… and 994 more cost lines.");
        let en = formula(&s, Subject::TotalCost, Lang::En);
        assert!(
            en.starts_with("Total cost = sum of 1,000 cost lines = DKK "),
            "{en}"
        );
        let funded = formula(&s, Subject::Funded, Lang::Da);
        assert!(
            funded.starts_with("Finansieret i alt = sum af 50 kilder = "),
            "{funded}"
        );
        let residual = formula(&s, Subject::Source(49), Lang::Da);
        assert!(
            residual.contains(" (sum af 49 andre kilder) = "),
            "{residual}"
        );
        let eligible = formula(&s, Subject::EligibleCost, Lang::Da);
        assert!(
            eligible.starts_with(
                "Støtteberettigede udgifter = sum af 857 støtteberettigede udgiftsposter = "
            ),
            "{eligible}"
        );
        let per_unit = formula(&s, Subject::PerUnit(0), Lang::Da);
        assert!(
            per_unit.starts_with("Udgift pr. enhed (enhed 0) = "),
            "{per_unit}"
        );
    }

    #[test]
    fn out_of_range_is_none() {
        let s = preset("vaekstpilot-150");
        let e = evaluate(&s).unwrap();
        for subject in [
            Subject::Line(2),
            Subject::Source(3),
            Subject::PerUnit(1),
            Subject::Line(usize::MAX),
        ] {
            for lang in [Lang::Da, Lang::En] {
                assert_eq!(
                    explain(&s, &e, &shown(&s, &e), subject, lang),
                    None,
                    "{subject:?}"
                );
            }
        }
        let s = preset("design-society");
        let e = evaluate(&s).unwrap();
        assert_eq!(
            explain(&s, &e, &shown(&s, &e), Subject::PerUnit(0), Lang::Da),
            None
        );
    }

    #[test]
    fn rates_show_their_own_decimals() {
        assert_eq!(rate_text(Decimal::new(500, 1), Lang::Da), "50 %");
        assert_eq!(rate_text(Decimal::new(125, 1), Lang::Da), "12,5 %");
        assert_eq!(rate_text(Decimal::new(12345, 3), Lang::En), "12.345%");
    }

    #[test]
    fn every_subject_of_every_preset_explains() {
        let mut scenarios: Vec<Scenario> = PRESETS.iter().map(|p| p.scenario().unwrap()).collect();
        scenarios.push(synthetic(0, 0));
        scenarios.push(synthetic(1, 1));
        scenarios.push(synthetic(30, 9));
        let mut no_sources = preset("vaekstpilot-225");
        no_sources.sources.clear();
        scenarios.push(no_sources);
        let mut only_residual = preset("vaekstpilot-150");
        only_residual
            .sources
            .retain(|s| matches!(s.kind, SourceKind::Residual { .. }));
        only_residual.sources.push(Source {
            id: "cap".into(),
            label: "Loftet".into(),
            kind: SourceKind::Share {
                rate: Decimal::ONE_HUNDRED,
                of: Base::Eligible,
                cap: Some(Decimal::ZERO),
            },
        });
        scenarios.push(only_residual);
        for s in &scenarios {
            let e = evaluate(s).unwrap_or_else(|err| panic!("{}: {err}", s.name));
            let f = shown(s, &e);
            let mut subjects = vec![
                Subject::TotalCost,
                Subject::EligibleCost,
                Subject::Funded,
                Subject::Balance,
                Subject::PerYear,
            ];
            subjects.extend((0..s.costs.len()).map(Subject::Line));
            subjects.extend((0..s.sources.len()).map(Subject::Source));
            subjects.extend((0..s.drivers.len()).map(Subject::PerUnit));
            for lang in [Lang::Da, Lang::En] {
                for &subject in &subjects {
                    let x = explain(s, &e, &f, subject, lang)
                        .unwrap_or_else(|| panic!("{}: {subject:?} is None", s.name));
                    assert!(
                        !x.title.is_empty() && !x.formula.is_empty(),
                        "{}: {subject:?}",
                        s.name
                    );
                }
                for subject in [
                    Subject::Line(s.costs.len()),
                    Subject::Source(s.sources.len()),
                    Subject::PerUnit(s.drivers.len()),
                ] {
                    assert_eq!(
                        explain(s, &e, &f, subject, lang),
                        None,
                        "{}: {subject:?}",
                        s.name
                    );
                }
            }
        }
    }

    /// Scenarios where rounding has to give a krone to one of two halves, or shares do
    /// not divide evenly: the cases where an explanation rounding on its own would
    /// contradict the table.
    fn rounding_cases() -> Vec<Scenario> {
        let fixed = |id: &str, amount: &str| CostLine {
            id: id.into(),
            label: id.into(),
            kind: CostKind::Fixed,
            amount: amount.parse().unwrap(),
            eligible: true,
        };
        let source = |id: &str, kind: SourceKind| Source {
            id: id.into(),
            label: id.into(),
            kind,
        };
        let share = |rate: i64| SourceKind::Share {
            rate: Decimal::from(rate),
            of: Base::Eligible,
            cap: None,
        };
        let amount = |a: i64| SourceKind::Fixed {
            amount: Decimal::from(a),
        };
        let mut base = preset("design-society");
        base.drivers.clear();
        base.costs = vec![fixed("Drift", "100001")];
        // The residual first: the tie of 50.000,50 goes to it in the table.
        let mut residual_first = base.clone();
        residual_first.sources = vec![
            source("Lokal", SourceKind::Residual { cap: None }),
            source("DEB", share(50)),
        ];
        // Three equal parts: 33,4 + 33,3 + 33,3 %.
        let mut thirds = base.clone();
        thirds.costs = vec![fixed("Drift", "300")];
        thirds.sources = vec![
            source("A", amount(100)),
            source("B", amount(100)),
            source("C", amount(100)),
        ];
        // Two lines of 37.501,50 each: 37.502 + 37.501 in the table.
        let mut halves = base.clone();
        halves.costs = vec![fixed("Første", "37501.5"), fixed("Anden", "37501.5")];
        halves.sources = vec![source("DEB", share(50))];
        // A surplus: shares are of the funding (54,5 + 45,5 %).
        let mut surplus = base.clone();
        surplus.costs = vec![fixed("Drift", "1000")];
        surplus.sources = vec![source("DEB", share(60)), source("Fast", amount(500))];
        vec![residual_first, thirds, halves, surplus]
    }

    /// Every figure an explanation ends in is the figure its table row shows, and the
    /// notes list the rows' figures and shares too.
    #[test]
    fn explanations_repeat_the_figures_the_tables_show() {
        let mut scenarios: Vec<Scenario> = PRESETS.iter().map(|p| p.scenario().unwrap()).collect();
        scenarios.push(synthetic(30, 9));
        scenarios.extend(rounding_cases());
        for s in &scenarios {
            let e = evaluate(s).unwrap();
            let f = shown(s, &e);
            for lang in [Lang::Da, Lang::En] {
                let ends = |subject: Subject, figure: Decimal| {
                    let x = explain(s, &e, &f, subject, lang).unwrap();
                    let expected = format_amount(figure, lang);
                    assert!(
                        x.formula.ends_with(&expected)
                            || x.formula.contains(&format!("= {expected} (")),
                        "{}: {subject:?} should end in {expected}: {}",
                        s.name,
                        x.formula
                    );
                    x
                };
                for (i, &line) in f.lines.iter().enumerate() {
                    ends(Subject::Line(i), line);
                }
                for (i, &amount) in f.sources.iter().enumerate() {
                    let x = ends(Subject::Source(i), amount);
                    if e.sources[i].share.is_some() {
                        let share = format_percent(f.shares[i], 1, lang);
                        assert!(
                            x.notes.iter().any(|n| n.contains(&share)),
                            "{}: source {i} should name {share}: {:?}",
                            s.name,
                            x.notes
                        );
                    }
                }
                ends(Subject::TotalCost, f.total);
                ends(Subject::EligibleCost, f.eligible);
                let funded = ends(Subject::Funded, f.funded);
                for (i, &amount) in f.sources.iter().enumerate().take(MAX_TERMS) {
                    let note = format!("{}: {}", s.sources[i].label, format_amount(amount, lang));
                    assert!(
                        funded.notes.iter().any(|n| n.starts_with(&note)),
                        "{}: {note} in {:?}",
                        s.name,
                        funded.notes
                    );
                }
                if e.gap > Decimal::ZERO {
                    ends(Subject::Balance, f.gap);
                } else if e.surplus > Decimal::ZERO {
                    ends(Subject::Balance, f.surplus);
                }
                ends(
                    Subject::PerYear,
                    f.per_year.as_ref().map_or(f.total, |py| py.total),
                );
                // The per-year column's cells, and the share column's.
                if let Some(py) = &f.per_year {
                    for (i, &v) in py.lines.iter().enumerate() {
                        ends(Subject::LinePerYear(i), v);
                    }
                    for (i, &v) in py.sources.iter().enumerate() {
                        ends(Subject::SourcePerYear(i), v);
                    }
                    ends(Subject::FundedPerYear, py.funded);
                    if e.gap > Decimal::ZERO {
                        ends(Subject::GapPerYear, py.gap);
                    }
                }
                let ends_in_share = |subject: Subject, share: Decimal| {
                    let x = explain(s, &e, &f, subject, lang).unwrap();
                    let expected = format_percent(share, 1, lang);
                    assert!(
                        x.formula.ends_with(&expected),
                        "{}: {subject:?} should end in {expected}: {}",
                        s.name,
                        x.formula
                    );
                };
                for (i, &share) in f.shares.iter().enumerate() {
                    ends_in_share(Subject::SourceShare(i), share);
                }
                ends_in_share(Subject::FundedShare, f.funded_share);
                if e.gap > Decimal::ZERO {
                    ends_in_share(Subject::GapShare, f.gap_share);
                    ends_in_share(Subject::TotalShare, f.funded_share + f.gap_share);
                }
                for (d, value) in e.per_unit.iter().enumerate() {
                    if let Some(value) = value {
                        ends(Subject::PerUnit(d), *value);
                    }
                }
            }
        }
    }

    #[test]
    fn deb_above_its_highest_rate_is_said_and_not_below() {
        let mut s = preset("vaekstpilot-150");
        if let SourceKind::Share { rate, .. } = &mut s.sources[0].kind {
            *rate = Decimal::new(6575, 2);
        }
        let x = run(&s, Subject::Source(0), Lang::Da);
        assert!(
            x.notes.contains(&"DEB betaler højst 50 % af de støtteberettigede udgifter (DEB's højeste støtteprocent); med 65,75 % regner scenariet med mere, end DEB kan give.".to_string()),
            "{:?}",
            x.notes
        );
        assert!(run(&s, Subject::Source(0), Lang::En)
            .notes
            .iter()
            .any(|n| n.starts_with("DEB pays at most 50%")));
        let e = evaluate(&s).unwrap();
        assert_eq!(
            e.warnings
                .iter()
                .filter(|w| matches!(w, Warning::DebRateAboveLimit { source: 0, .. }))
                .count(),
            1
        );
        // 50 % exactly is DEB's rate, and a source that is not DEB may pay any share.
        if let SourceKind::Share { rate, .. } = &mut s.sources[0].kind {
            *rate = Decimal::from(50);
        }
        assert!(!run(&s, Subject::Source(0), Lang::Da)
            .notes
            .iter()
            .any(|n| n.contains("max.")));
        let mut other = preset("vaekstpilot-150");
        other.sources[0].id = "kommune".into();
        other.sources[0].label = "Debitorforening".into();
        if let SourceKind::Share { rate, .. } = &mut other.sources[0].kind {
            *rate = Decimal::from(80);
        }
        assert!(evaluate(&other)
            .unwrap()
            .warnings
            .iter()
            .all(|w| !matches!(w, Warning::DebRateAboveLimit { .. })));
    }

    #[test]
    fn deb_sources_together_above_half_the_eligible_cost_are_said() {
        // Vækstpilot's DEB at 50 % of 21.900.000 plus a second DEB pledge of 1.000.000:
        // no rate is above 50 %, but DEB pays 11.950.000 against a limit of 10.950.000.
        let mut s = preset("vaekstpilot-150");
        let mut pledge = s.sources[0].clone();
        pledge.id = "deb-ekstra".into();
        pledge.label = "DEB, ekstra tilsagn".into();
        pledge.kind = SourceKind::Fixed {
            amount: Decimal::from(1_000_000),
        };
        s.sources.insert(1, pledge);
        let e = evaluate(&s).unwrap();
        assert_eq!(
            e.deb_above_limit(),
            Some((Decimal::from(11_950_000), Decimal::from(10_950_000)))
        );
        let said = "DEB betaler højst 50 % af de støtteberettigede udgifter, 10.950.000 kr.; her betaler DEB i alt 11.950.000 kr., mere end DEB kan give.".to_string();
        assert!(run(&s, Subject::Source(0), Lang::Da).notes.contains(&said));
        assert!(run(&s, Subject::Source(1), Lang::Da).notes.contains(&said));
        // The residual source is not DEB and is not told about DEB's limit.
        let residual = s.sources.len() - 1;
        assert!(!run(&s, Subject::Source(residual), Lang::Da)
            .notes
            .contains(&said));
        assert!(run(&s, Subject::Source(1), Lang::En)
            .notes
            .iter()
            .any(|n| n.contains("here DEB pays DKK 11,950,000 in total")));

        // A limit with half an øre is written with it: 500,01 kr. is over 500,005 kr.
        let mut odd = preset("vaekstpilot-150");
        odd.costs.truncate(1);
        odd.costs[0].kind = crate::model::CostKind::Fixed;
        odd.costs[0].amount = Decimal::new(100_001, 2);
        odd.sources[0].kind = SourceKind::Fixed {
            amount: Decimal::new(50_001, 2),
        };
        odd.sources.truncate(1);
        assert!(run(&odd, Subject::Source(0), Lang::Da).notes.contains(
            &"DEB betaler højst 50 % af de støtteberettigede udgifter, 500,005 kr.; her betaler DEB i alt 500,01 kr., mere end DEB kan give.".to_string()
        ));

        // 40 % and a pledge of 2.190.000 make exactly 50 % in all, which DEB may pay;
        // one øre more does not.
        if let SourceKind::Share { rate, .. } = &mut s.sources[0].kind {
            *rate = Decimal::from(40);
        }
        s.sources[1].kind = SourceKind::Fixed {
            amount: Decimal::from(2_190_000),
        };
        assert_eq!(evaluate(&s).unwrap().deb_above_limit(), None);
        s.sources[1].kind = SourceKind::Fixed {
            amount: Decimal::new(219_000_001, 2),
        };
        assert_eq!(
            evaluate(&s).unwrap().deb_above_limit(),
            Some((Decimal::new(1_095_000_001, 2), Decimal::from(10_950_000)))
        );
        // Beside a DEB rate above 50 %, another DEB source still takes DEB over in all
        // (QA: the flagged rate may be capped to almost nothing), and both are said.
        if let SourceKind::Share { rate, cap, .. } = &mut s.sources[0].kind {
            *rate = Decimal::from(60);
            *cap = Some(Decimal::from(10));
        }
        s.sources[1].kind = SourceKind::Fixed {
            amount: Decimal::from(11_000_000),
        };
        let e = evaluate(&s).unwrap();
        assert_eq!(e.deb_rate_above_limit(0), Some(Decimal::from(60)));
        assert_eq!(
            e.deb_above_limit(),
            Some((Decimal::from(11_000_010), Decimal::from(10_950_000)))
        );
        // One DEB source whose rate is above 50 %: its rate says it, the sum is not said twice.
        s.sources.remove(1);
        if let SourceKind::Share { cap, .. } = &mut s.sources[0].kind {
            *cap = None;
        }
        let e = evaluate(&s).unwrap();
        assert_eq!(e.deb_rate_above_limit(0), Some(Decimal::from(60)));
        assert_eq!(e.deb_above_limit(), None);
    }

    #[test]
    fn the_total_share_with_a_gap_explains_the_hundred_per_cent() {
        let mut s = preset("vaekstpilot-150");
        s.sources.pop(); // no residual: a gap of 3.450.000
        assert_eq!(
            formula(&s, Subject::TotalShare, Lang::Da),
            "Andel: Samlede udgifter = finansieret i alt 84,2 % + manglende finansiering 15,8 % = 100,0 %"
        );
        assert_eq!(
            formula(&s, Subject::TotalShare, Lang::En),
            "Share: Total cost = total funding 84.2% + funding gap 15.8% = 100.0%"
        );
    }

    /// A cell of the per-year or share column explains that cell, not the row's amount,
    /// and says so where rounding the column as a whole moved it.
    #[test]
    fn per_year_and_share_cells_explain_themselves() {
        let mut s = preset("design-society");
        s.years = 3;
        s.drivers.clear();
        s.costs = vec![
            CostLine {
                id: "udvikling".into(),
                label: "Udvikling".into(),
                kind: CostKind::Fixed,
                amount: Decimal::from(1_000_000),
                eligible: true,
            },
            CostLine {
                id: "drift".into(),
                label: "Drift".into(),
                kind: CostKind::PerYear,
                amount: Decimal::from(250_000),
                eligible: false,
            },
        ];
        let source = |id: &str, kind: SourceKind| Source {
            id: id.into(),
            label: id.into(),
            kind,
        };
        s.sources = vec![
            source(
                "DEB",
                SourceKind::Share {
                    rate: Decimal::from(50),
                    of: Base::Eligible,
                    cap: None,
                },
            ),
            source(
                "Kommune",
                SourceKind::Fixed {
                    amount: Decimal::from(300_000),
                },
            ),
            source("Region", SourceKind::Residual { cap: None }),
        ];
        // DEB 500.000 and Region 950.000 over 3 years are both x,67 a year: the column's
        // one spare krone goes to DEB, the first of the tie.
        let deb = run(&s, Subject::SourcePerYear(0), Lang::Da);
        assert_eq!(deb.title, "DEB pr. år");
        assert_eq!(
            deb.formula,
            "DEB pr. år = 500.000 kr. ÷ 3 år = 166.666,66… kr. ≈ 166.667 kr."
        );
        assert!(deb.notes.is_empty(), "{:?}", deb.notes);
        let region = run(&s, Subject::SourcePerYear(2), Lang::Da);
        assert_eq!(
            region.formula,
            "Region pr. år = 950.000 kr. ÷ 3 år = 316.666,66… kr. ≈ 316.666 kr."
        );
        assert_eq!(
            region.notes,
            ["Vist som 316.666 kr. og ikke 316.667 kr.: beløbene pr. år afrundes samlet, så kolonnen i alt giver 583.333 kr."]
        );
        assert_eq!(
            formula(&s, Subject::LinePerYear(1), Lang::En),
            "Drift per year = DKK 750,000 ÷ 3 years = DKK 250,000"
        );
        assert_eq!(
            formula(&s, Subject::SourceShare(1), Lang::Da),
            "Andel: Kommune = 300.000 kr. ÷ 1.750.000 kr. = 17,14… % ≈ 17,1 %"
        );
        assert_eq!(
            formula(&s, Subject::FundedShare, Lang::En),
            "Share: Total funding = DKK 1,750,000 ÷ DKK 1,750,000 = 100.0%"
        );

        // Three equal thirds: 33,4 + 33,3 + 33,3 %, the first told why.
        let thirds = &rounding_cases()[1];
        let first = run(thirds, Subject::SourceShare(0), Lang::Da);
        assert_eq!(
            first.formula,
            "Andel: A = 100 kr. ÷ 300 kr. = 33,33… % ≈ 33,4 %"
        );
        assert_eq!(
            first.notes,
            [
                "Andelene er af de samlede udgifter, som finansieringen dækker præcis.",
                "Vist som 33,4 % og ikke 33,3 %: andelene afrundes samlet, så de giver 100,0 %."
            ]
        );
        // With a surplus the shares are of the funding, and the note says why.
        let mut surplus = s.clone();
        surplus.sources[2].kind = SourceKind::Fixed {
            amount: Decimal::from(2_000_000),
        };
        assert_eq!(
            run(&surplus, Subject::SourceShare(1), Lang::En).notes[0],
            "The shares are of the total funding, as it exceeds the cost."
        );
        assert_eq!(
            formula(thirds, Subject::SourceShare(2), Lang::En),
            "Share: C = DKK 100 ÷ DKK 300 = 33.33…% ≈ 33.3%"
        );
    }

    #[test]
    fn a_sum_of_shown_amounts_off_its_own_rounding_says_why() {
        // 100.000,45 kr. eligible and 15.000,10 kr. not: the column's 115.001 kr. gives the
        // krone to the eligible line (the larger remainder), so the eligible cost is shown
        // as 100.001 kr., a krone from its own rounding (a QA round).
        let mut s = rounding_cases()[0].clone();
        s.costs = vec![s.costs[0].clone(), s.costs[0].clone()];
        s.costs[0].amount = "100000.45".parse().unwrap();
        (s.costs[1].id, s.costs[1].label) = ("Drift2".into(), "Drift2".into());
        s.costs[1].amount = "15000.10".parse().unwrap();
        s.costs[1].eligible = false;
        let eligible = run(&s, Subject::EligibleCost, Lang::Da);
        assert!(
            eligible.notes.contains(&"Uden afrunding 100.000,45 kr.; vist som 100.001 kr. og ikke 100.000 kr.: summen af beløbene, som tabellen viser dem.".to_string()),
            "{:?}",
            eligible.notes
        );
        let eligible = run(&s, Subject::EligibleCost, Lang::En);
        assert!(
            eligible.notes.contains(&"Unrounded DKK 100,000.45; shown as DKK 100,001 rather than DKK 100,000: the sum of the amounts as the table shows them.".to_string()),
            "{:?}",
            eligible.notes
        );
        // The funding of the first rounding case is shown as its own rounding: no note.
        let cases = rounding_cases();
        assert!(!run(&cases[0], Subject::Funded, Lang::Da)
            .notes
            .iter()
            .any(|n| n.starts_with("Uden afrunding")));
        assert!(!run(&s, Subject::TotalCost, Lang::Da)
            .notes
            .iter()
            .any(|n| n.starts_with("Uden afrunding")));
    }

    #[test]
    fn a_rounding_krone_is_where_the_table_puts_it() {
        let cases = rounding_cases();
        assert_eq!(
            formula(&cases[0], Subject::Source(0), Lang::Da),
            "Lokal = resterende finansieringsbehov = 100.001 − 50.000 = 50.001 kr."
        );
        // Lokal pays 50.000,50 kr. exactly, which the table's whole kroner do not show.
        let lokal = run(&cases[0], Subject::Source(0), Lang::Da);
        assert!(
            lokal.notes.contains(&"Uden afrunding: 100.001 kr. − 50.000,50 kr. = 50.000,50 kr.; tabellen viser hele kroner.".to_string()),
            "{:?}",
            lokal.notes
        );
        let lokal = run(&cases[0], Subject::Source(0), Lang::En);
        assert!(
            lokal.notes.contains(&"Unrounded: DKK 100,001 − DKK 50,000.50 = DKK 50,000.50; the table shows whole kroner.".to_string()),
            "{:?}",
            lokal.notes
        );
        // Whole kroner need no such note.
        assert!(
            !run(&preset("vaekstpilot-150"), Subject::Source(2), Lang::Da)
                .notes
                .iter()
                .any(|n| n.starts_with("Uden afrunding"))
        );
        // Half of 100.001 kr. is 50.000,50 kr.; the table shows 50.000 kr. (Lokal took the
        // krone), and the explanation says so rather than "= 50.000 kr.".
        let deb = run(&cases[0], Subject::Source(1), Lang::Da);
        assert_eq!(
            deb.formula,
            "DEB = 50 % × støtteberettigede udgifter 100.001 kr. = 50.000,50 kr. ≈ 50.000 kr."
        );
        assert!(
            deb.notes.contains(&"Vist som 50.000 kr. og ikke 50.001 kr.: beløbene afrundes samlet, så kolonnen i alt giver 100.001 kr.".to_string()),
            "{:?}",
            deb.notes
        );
        let deb = run(&cases[0], Subject::Source(1), Lang::En);
        assert!(
            deb.notes.contains(&"Shown as DKK 50,000 rather than DKK 50,001: the amounts are rounded together, so that the column adds up to DKK 100,001.".to_string()),
            "{:?}",
            deb.notes
        );
        let thirds: Vec<String> = (0..3)
            .map(|i| run(&cases[1], Subject::Source(i), Lang::Da).notes.join(" "))
            .collect();
        assert!(thirds[0].contains("33,4 %"), "{thirds:?}");
        assert!(
            thirds[1].contains("33,3 %") && thirds[2].contains("33,3 %"),
            "{thirds:?}"
        );
        assert_eq!(
            run(&cases[2], Subject::TotalCost, Lang::Da).notes,
            vec![
                "Første: 37.501,50 kr. ≈ 37.502 kr.",
                "Anden: 37.501,50 kr. ≈ 37.501 kr."
            ]
        );
        // The line the table rounds down says why, in its own explanation.
        assert!(run(&cases[2], Subject::Line(1), Lang::Da).notes.contains(
            &"Vist som 37.501 kr. og ikke 37.502 kr.: beløbene afrundes samlet, så kolonnen i alt giver 75.003 kr.".to_string()
        ));
        assert!(!run(&cases[2], Subject::Line(0), Lang::Da)
            .notes
            .iter()
            .any(|n| n.starts_with("Vist som")));
        let surplus = run(&cases[3], Subject::Source(0), Lang::En);
        assert!(
            surplus
                .notes
                .contains(&"DEB provides 54.5% of the funding.".to_string()),
            "{:?}",
            surplus.notes
        );
    }

    /// A scenario from the JSON of its drivers, costs and sources.
    fn from_parts(drivers: &str, costs: &str, sources: &str, years: u32) -> Scenario {
        crate::model::from_json_str(&format!(
            r#"{{"format":1,"name":"t","currency":"DKK","years":{years},"drivers":[{drivers}],"costs":[{costs}],"sources":[{sources}]}}"#
        ))
        .expect("valid scenario")
    }

    fn fixed(id: &str, label: &str, amount: &str) -> String {
        format!(r#"{{"id":"{id}","label":"{label}","kind":"fixed","amount":"{amount}"}}"#)
    }

    const RESIDUAL: &str = r#"{"id":"r","label":"R","kind":"residual"}"#;

    /// A cap with øre is written as entered, then "≈" the table's figure; the balance says
    /// its exact difference when the tables' rounded totals give another (a QA round found
    /// "loftet 100.000,01 kr. = 100.000 kr." and a surplus of 1 kr. "shown as 0 kr.").
    #[test]
    fn caps_and_balances_with_ore_are_written_truly() {
        let capped = r#"{"id":"deb","label":"DEB","kind":"share","rate":"50","cap":"100000.01"}"#;
        let s = from_parts("", &fixed("c", "C", "400000"), capped, 1);
        let x = run(&s, Subject::Source(0), Lang::Da);
        assert_eq!(
            x.formula,
            "DEB = 50 % × støtteberettigede udgifter 400.000 kr. = 200.000 kr., men højst loftet 100.000,01 kr. ≈ 100.000 kr."
        );
        assert!(x.notes.contains(
            &"Loftet binder: DEB betaler 100.000,01 kr. i stedet for 200.000 kr.".to_string()
        ));
        // Three sources of 0,50 kr. against 1,40 kr.: the tables show 2 kr. of funding and
        // 1 kr. of cost, a surplus of 1 kr.; the exact surplus is 0,10 kr.
        let halves: Vec<String> = ["a", "b", "c"]
            .iter()
            .map(|id| fixed(id, &id.to_uppercase(), "0.5"))
            .collect();
        let s = from_parts("", &fixed("k", "K", "1.4"), &halves.join(","), 1);
        let notes = run(&s, Subject::Balance, Lang::Da).notes;
        assert!(
            notes.contains(&"Den nøjagtige forskel er 0,10 kr.; den vises som 1 kr., forskellen mellem tabellernes afrundede totaler.".to_string()),
            "{notes:?}"
        );
        assert!(
            !notes.iter().any(|n| n.contains("under 50 øre")),
            "{notes:?}"
        );
        // A surplus of 0,30 kr. (100,30 against 100 kr., both shown as 100 kr.) is written
        // with its øre, as the results say it (a QA round found "100 − 100 = 0 kr.").
        let s = from_parts("", &fixed("k", "K", "100"), &fixed("a", "A", "100.30"), 1);
        let x = run(&s, Subject::Balance, Lang::Da);
        assert_eq!(
            x.formula,
            "Overfinansiering = 100,30 kr. − 100 kr. = 0,30 kr."
        );
        assert!(
            !x.notes
                .iter()
                .any(|n| n.contains("øre") || n.contains("nøjagtige")),
            "{x:?}"
        );
        // A gap of 0,60 kr. that the tables show as 1 − 1 = 0 kr. is not "under 50 øre".
        let s = from_parts("", &fixed("k", "K", "1.3"), &fixed("a", "A", "0.7"), 1);
        let notes = run(&s, Subject::Balance, Lang::Da).notes;
        assert!(
            notes.contains(&"Den nøjagtige forskel er 0,60 kr.; den vises som 0 kr., forskellen mellem tabellernes afrundede totaler.".to_string()),
            "{notes:?}"
        );
        assert!(
            !notes.iter().any(|n| n.contains("under 50 øre")),
            "{notes:?}"
        );
    }

    #[test]
    fn a_label_that_says_per_year_is_not_said_twice() {
        let s = preset("marketing-platform");
        let i = s
            .costs
            .iter()
            .position(|c| c.label.ends_with("pr. år"))
            .expect("a per-year line");
        let x = run(&s, Subject::LinePerYear(i), Lang::Da);
        assert_eq!(x.title, s.costs[i].label);
        assert!(!run(&s, Subject::LinePerYear(i), Lang::En)
            .title
            .ends_with("per year"));
        assert!(says_per_year("Drift per year"));
        assert!(says_per_year("Husleje (pr. år)"));
        assert!(!says_per_year("Årsværk"));
    }

    #[test]
    fn per_year_cells_name_the_total_their_column_adds_up_to() {
        let da = Lang::Da;
        let note = |shown: &str, exact: &str, column: &str| {
            vec![format!("Vist som {shown} kr. og ikke {exact} kr.: beløbene pr. år afrundes samlet, så kolonnen i alt giver {column} kr.")]
        };
        let cost = fixed("c", "C", "1000000");
        let s = from_parts(
            "",
            &cost,
            &[fixed("a", "A", "500000"), fixed("b", "B", "300000")].join(","),
            3,
        );
        assert_eq!(
            run(&s, Subject::GapPerYear, da).notes,
            note("66.666", "66.667", "333.333")
        );
        let s = from_parts(
            "",
            &cost,
            &[fixed("a", "A", "200002"), fixed("b", "B", "200002")].join(","),
            3,
        );
        assert_eq!(
            run(&s, Subject::FundedPerYear, da).notes,
            note("133.334", "133.335", "333.333")
        );
        let s = from_parts(
            "",
            &fixed("c", "C", "12008"),
            &[fixed("a", "A", "4002"), fixed("b", "B", "4003")].join(","),
            4,
        );
        assert_eq!(
            run(&s, Subject::SourcePerYear(0), da).notes,
            note("1.000", "1.001", "3.002")
        );
    }

    #[test]
    fn a_unit_is_named_in_the_singular_where_one_is_meant() {
        // The singular comes from a line or source on the driver labelled "pr. <a word the
        // driver's label begins with>", from an `'er` plural (SMV'er), or from the few
        // known unit words (Deltagere, the blank scenario's); otherwise the title says
        // "pr. enhed" ("pr. deltager" is no beginning of "sprints").
        // (driver value, driver, cost line, per-unit source, language, cost per unit's title)
        let cases = [
            (
                "1",
                "Virksomheder",
                "Forløb",
                "Egenbetaling pr. virksomhed",
                Lang::Da,
                "Udgift pr. virksomhed",
            ),
            (
                "5",
                "Pilots",
                "Cost per pilot",
                "Own payment",
                Lang::En,
                "Cost per pilot",
            ),
            (
                "5",
                "Sprints",
                "Pris pr. deltager",
                "Egenbetaling",
                Lang::Da,
                "Udgift pr. enhed (sprints)",
            ),
            (
                "5",
                "Deltagere",
                "Forløb",
                "Egenbetaling",
                Lang::Da,
                "Udgift pr. deltager",
            ),
            (
                "5",
                "Participants",
                "Course",
                "Own payment",
                Lang::En,
                "Cost per participant",
            ),
            (
                "5",
                "SMV'er",
                "Forløb",
                "Egenbetaling",
                Lang::Da,
                "Udgift pr. SMV",
            ),
        ];
        for (value, driver, line, source, lang, title) in cases {
            let s = from_parts(
                &format!(r#"{{"id":"n","label":"{driver}","value":"{value}"}}"#),
                &format!(
                    r#"{{"id":"c","label":"{line}","kind":"per_unit","driver":"n","amount":"100000"}}"#
                ),
                &format!(
                    r#"{{"id":"a","label":"{source}","kind":"per_unit","driver":"n","amount":"10000"}},{RESIDUAL}"#
                ),
                1,
            );
            assert_eq!(run(&s, Subject::PerUnit(0), lang).title, title, "{driver}");
            if value == "1" {
                assert_eq!(
                    formula(&s, Subject::Line(0), lang),
                    "Forløb = 1 virksomhed × 100.000 kr. = 100.000 kr."
                );
            }
        }
    }

    #[test]
    fn a_blank_scenario_has_nothing_to_fund_yet_rather_than_being_fully_funded() {
        let blank = from_parts(r#"{"id":"n","label":"Deltagere","value":"1"}"#, "", "", 1);
        let e = evaluate(&blank).unwrap();
        assert!(e.has_nothing_to_fund());
        assert_eq!(
            formula(&blank, Subject::Balance, Lang::Da),
            "Intet at finansiere endnu: finansiering 0 kr. = samlede udgifter 0 kr."
        );
        assert_eq!(
            formula(&blank, Subject::Balance, Lang::En),
            "Nothing to fund yet: funding DKK 0 = total cost DKK 0"
        );
        // Cost and funding that cancel out are fully funded, not empty.
        assert!(!evaluate(&preset("vaekstpilot-150"))
            .unwrap()
            .has_nothing_to_fund());
    }

    #[test]
    fn one_of_a_known_unit_is_said_in_the_singular() {
        // The blank scenario's unit, one of it, and nothing on the driver saying its
        // singular: "1 deltager", not "1 deltagere".
        for (label, lang, said) in [
            ("Deltagere", Lang::Da, "fordelt på 1 deltager."),
            ("Participants", Lang::En, "spread over 1 participant."),
            ("Sprints", Lang::Da, "fordelt på 1 sprints."),
        ] {
            let s = from_parts(
                &format!(r#"{{"id":"n","label":"{label}","value":"1"}}"#),
                &fixed("c", "C", "1000"),
                RESIDUAL,
                1,
            );
            let notes = run(&s, Subject::PerUnit(0), lang).notes;
            assert!(notes[0].ends_with(said), "{label}: {notes:?}");
        }
    }

    #[test]
    fn lines_sources_and_totals_carry_their_notes() {
        let vp = preset("vaekstpilot-150");
        let da = Lang::Da;
        assert_eq!(
            run(&vp, Subject::Line(0), da).notes,
            ["Beløbet pr. enhed gange antallet af vækstpiloter."]
        );
        assert_eq!(
            run(&vp, Subject::EligibleCost, da).notes.last().unwrap(),
            "Grundlag for andelen, som betales af DEB."
        );
        assert_eq!(
            run(&vp, Subject::Source(0), da).notes,
            ["DEB dækker 50,0 % af de samlede udgifter."]
        );
        // The residual source: its two notes, and no "covers exactly all costs".
        assert_eq!(run(&vp, Subject::Source(2), da).notes.len(), 2);
        assert_eq!(
            run(&vp, Subject::PerUnit(0), da).notes,
            ["De samlede udgifter fordelt på 150 vækstpiloter."]
        );
        // One term: the total is the line itself, not "= X = X".
        assert_eq!(
            formula(&preset("design-sprint"), Subject::TotalCost, Lang::En),
            "Total cost = DKK 30,000,000"
        );
        // Ten companies, a residual source and the cost lines given.
        let companies = |costs: &str| {
            from_parts(
                r#"{"id":"n","label":"Virksomheder","value":"10"}"#,
                costs,
                RESIDUAL,
                1,
            )
        };
        let s = companies(&format!(
            r#"{{"id":"c","label":"Forløb pr. virksomhed","kind":"per_unit","driver":"n","amount":"1000"}},{}"#,
            fixed("f", "Admin", "5000")
        ));
        assert_eq!(
            run(&s, Subject::PerUnit(0), da).notes[1],
            "Det omfatter også 1 udgiftspost, der ikke afhænger af antallet af virksomheder."
        );
        // No line depends on the count: no "også" (a QA round).
        let s = companies(&fixed("f", "Admin", "5000"));
        assert_eq!(
            run(&s, Subject::PerUnit(0), da).notes[1],
            "Udgiftsposten afhænger ikke af antallet af virksomheder."
        );
        assert_eq!(
            run(&s, Subject::PerUnit(0), Lang::En).notes[1],
            "The cost line does not depend on the number of virksomheder."
        );
        let s = companies(&format!(
            "{},{}",
            fixed("f", "Admin", "5000"),
            fixed("g", "Husleje", "100")
        ));
        assert_eq!(
            run(&s, Subject::PerUnit(0), da).notes[1],
            "Ingen af de 2 udgiftsposter afhænger af antallet af virksomheder."
        );
        // No cost line at all (a blank scenario): nothing about "none of the 0".
        let s = companies("");
        let notes = run(&s, Subject::PerUnit(0), da).notes;
        assert!(
            notes.iter().all(|n| !n.contains("0 udgiftsposter")),
            "{notes:?}"
        );
        // Too large to divide: said so, not called a division by 0.
        let s = from_parts(
            r#"{"id":"n","label":"N","value":"0.0001"}"#,
            &fixed("c", "C", "1000000000000000000000000000"),
            RESIDUAL,
            1,
        );
        assert_eq!(
            run(&s, Subject::PerUnit(0), da).notes,
            ["Resultatet er for stort til at kunne beregnes præcist."]
        );
    }

    #[test]
    fn six_items_are_listed_in_full_and_a_seventh_is_cut() {
        let da = Lang::Da;
        let lines = |n: usize, eligible: bool| -> Vec<String> {
            (1..=n)
                .map(|i| format!(r#"{{"id":"c{i}","label":"L{i}","kind":"fixed","amount":"{i}000","eligible":{eligible}}}"#))
                .collect()
        };
        let s = from_parts("", &lines(6, true).join(","), RESIDUAL, 1);
        assert_eq!(run(&s, Subject::TotalCost, da).notes.len(), 6);
        for (n, end) in [(6, "L6."), (7, "L6, ….")] {
            let mut costs = lines(n, false);
            costs.push(fixed("e", "E", "1000"));
            let s = from_parts("", &costs.join(","), RESIDUAL, 1);
            let notes = run(&s, Subject::EligibleCost, da).notes;
            assert!(notes[1].ends_with(end), "{n}: {notes:?}");
        }
        let sources: Vec<String> = (1..=6)
            .map(|i| fixed(&format!("s{i}"), &format!("S{i}"), &format!("{i}000")))
            .chain([RESIDUAL.to_string()])
            .collect();
        let s = from_parts("", &fixed("c", "C", "100000"), &sources.join(","), 1);
        assert_eq!(
            formula(&s, Subject::Source(6), da),
            "R = resterende finansieringsbehov = 100.000 − 1.000 − 2.000 − 3.000 − 4.000 − 5.000 − 6.000 = 79.000 kr."
        );
    }

    #[test]
    fn the_funding_is_compared_with_the_cost_in_words() {
        let da = Lang::Da;
        // (cost, funded by one fixed source, last note of the funding, "under 50 øre" said)
        let cases = [
            (
                "1000",
                "1000",
                "Det svarer præcis til de samlede udgifter på 1.000 kr.",
                false,
            ),
            (
                "1000.3",
                "1000",
                "Det er 0 kr. mindre end de samlede udgifter på 1.000 kr.",
                true,
            ),
            (
                "1000.5",
                "1000",
                "Det er 1 kr. mindre end de samlede udgifter på 1.001 kr.",
                false,
            ),
            (
                "1000",
                "1200",
                "Det er 200 kr. mere end de samlede udgifter på 1.000 kr.",
                false,
            ),
        ];
        for (cost, funded, sentence, under) in cases {
            let s = from_parts("", &fixed("c", "C", cost), &fixed("a", "A", funded), 1);
            assert_eq!(run(&s, Subject::Funded, da).notes.last().unwrap(), sentence);
            let said = run(&s, Subject::Balance, da)
                .notes
                .iter()
                .any(|n| n.contains("under 50 øre"));
            assert_eq!(said, under, "{cost}");
        }
    }
}
