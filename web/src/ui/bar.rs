//! The split of the total cost among the funding sources as one horizontal stacked bar:
//! an inline SVG (no chart library, no inline styles, so it works under a strict CSP),
//! a hatched segment for the part no source covers, or a marker where the total cost ends
//! when the sources pay more than that. A visible legend gives every number as text.
//!
//! Geometry is computed from exact decimal amounts ([`segments`]); only the final integer
//! coordinates go into the SVG. The `viewBox` is stretched to the width of the container
//! (`preserveAspectRatio="none"`, strokes that do not scale), so the same bar serves a
//! 320 px phone and a 1920 px projector.

use std::rc::Rc;

use cofund::model::exact::{rounded_add, rounded_mul};
use cofund::model::{Evaluation, Scenario};
use cofund::numbers::{format_amount, format_percent, Lang};
use cofund::shown::{sum, Shown};
use cofund::text::{full_stop, shown_label};
use cofund::{Decimal, RoundingStrategy};
use yew::prelude::*;

use crate::editor::draft::legend_name;
use crate::i18n::texts;
use crate::ui::balance::{balance_amount, displayed_or_exact};

/// Width of the bar in SVG user units.
pub const VIEW_WIDTH: u32 = 1000;
const VIEW_HEIGHT: u32 = 48;
const BAR_Y: u32 = 8;
const BAR_HEIGHT: u32 = 32;
/// Fallback fills when the stylesheet is missing; the CSS classes `cofund-bar-c0` …
/// `cofund-bar-c9` set the same colours through themable custom properties.
const GAP_COLOUR: &str = "#9b1c1c";
const MARKER_COLOUR: &str = "#1b1f23";

/// Segment colours, in order. Each has at least 4.5:1 contrast against white (3:1 is
/// required for graphics); neighbours alternate in hue and lightness and are separated
/// by a white stroke.
pub const PALETTE: [&str; 10] = [
    "#0b4f6c", // deep blue    8.9:1
    "#c2570c", // orange       4.5:1
    "#2e7d32", // green        5.1:1
    "#7b3fa0", // purple       6.9:1
    "#00758a", // teal         5.4:1
    "#b3134b", // crimson      6.8:1
    "#6b6b00", // olive        5.6:1
    "#4b5563", // slate        7.6:1
    "#1f6feb", // bright blue  4.6:1
    "#8a5a00", // brown        5.9:1
];

/// One part of the split: a source (or the gap) with its displayed amount and share.
#[derive(Clone, Debug, PartialEq)]
pub struct BarItem {
    pub label: AttrValue,
    /// The amount as displayed (already apportioned to whole kroner).
    pub amount: Decimal,
    /// The share as displayed, in per cent (already apportioned to add up to 100).
    pub share: Decimal,
}

/// A scenario's split for its stacked bar: each source and, when the sources leave some of
/// the cost uncovered, the gap, with the figures as displayed.
pub struct BarParts {
    pub items: Rc<Vec<BarItem>>,
    pub gap: Option<BarItem>,
    pub total: Decimal,
    pub surplus: Decimal,
}

impl BarParts {
    /// The parts of `scenario`'s evaluation `e` as `shown`; the gap is named `gap_label`,
    /// and a source without a name as the editor's legend names it (`unnamed`).
    pub fn of(
        scenario: &Scenario,
        e: &Evaluation,
        shown: &Shown,
        gap_label: &'static str,
        unnamed: &str,
    ) -> Self {
        let items = scenario
            .sources
            .iter()
            .zip(shown.sources.iter().zip(&shown.shares))
            .map(|(src, (amount, share))| BarItem {
                // As a legend shows a label: cut at 200 characters.
                label: shown_label(legend_name(&src.label, unnamed))
                    .into_owned()
                    .into(),
                amount: *amount,
                share: *share,
            })
            .collect();
        // The exact gap decides, not the displayed one: a gap under half a krone is still
        // a gap, and the bar shows it as the results do (0 kr.).
        let gap = (e.gap > Decimal::ZERO).then(|| BarItem {
            label: AttrValue::from(gap_label),
            amount: shown.gap,
            share: shown.gap_share,
        });
        BarParts {
            items: Rc::new(items),
            gap,
            total: shown.total,
            // As the balance says it (`Balance::of`): a surplus the tables round away
            // (under 1 kr.) is one.
            surplus: displayed_or_exact(shown.surplus, e.surplus),
        }
    }
}

#[derive(Properties, PartialEq)]
pub struct StackedBarProps {
    /// The sources in the scenario's order.
    pub items: Rc<Vec<BarItem>>,
    /// The part of the cost no source covers, drawn hatched after the sources.
    #[prop_or_default]
    pub gap: Option<BarItem>,
    /// The total cost as displayed.
    pub total: Decimal,
    /// Funding beyond the total cost as displayed; above zero, a marker shows where the
    /// total cost ends inside the (then longer) bar of the sources.
    #[prop_or_default]
    pub surplus: Decimal,
    pub lang: Lang,
    /// Makes the SVG's internal ids unique when a page shows several bars (the handout).
    #[prop_or(AttrValue::Static("cofund-bar"))]
    pub id: AttrValue,
}

/// Where `value` lies on a bar of `width` units that represents `scale`, rounded half
/// away from zero and clamped to the bar. Exact decimal arithmetic; no `f64`.
pub fn position(value: Decimal, scale: Decimal, width: u32) -> u32 {
    if scale <= Decimal::ZERO || value <= Decimal::ZERO {
        return 0;
    }
    if value >= scale {
        return width;
    }
    // 0 < ratio < 1, so the product cannot overflow whatever the magnitudes.
    value
        .checked_div(scale)
        .and_then(|ratio| rounded_mul(ratio, Decimal::from(width)))
        .and_then(|x| {
            u32::try_from(x.round_dp_with_strategy(0, RoundingStrategy::MidpointAwayFromZero)).ok()
        })
        .map_or(0, |x| x.min(width))
}

/// The `(x, width)` of each amount laid end to end on a bar of `width` units that
/// represents `total`. Positions are rounded from the exact running sum, so the segments
/// tile without gaps or overlaps and end exactly at `position(sum, total, width)`; an
/// amount that is too small for one unit gets width 0. Negative amounts count as zero;
/// amounts beyond `total` are cut off at the end of the bar.
pub fn segments(amounts: &[Decimal], total: Decimal, width: u32) -> Vec<(u32, u32)> {
    let mut out = Vec::with_capacity(amounts.len());
    let mut running = Decimal::ZERO;
    let mut x = 0;
    for amount in amounts {
        running = rounded_add(running, (*amount).max(Decimal::ZERO)).unwrap_or(Decimal::MAX);
        let end = position(running, total, width);
        out.push((x, end - x));
        x = end;
    }
    out
}

/// Each item's amount and share as displayed, formatted once per render for the [`summary`],
/// the segments' titles and the legend (the items, then the gap).
struct ItemFigures(Vec<(String, String)>);

impl ItemFigures {
    fn of(items: &[BarItem], gap: Option<&BarItem>, lang: Lang) -> Self {
        ItemFigures(
            items
                .iter()
                .chain(gap)
                .map(|item| {
                    (
                        format_amount(item.amount, lang),
                        format_percent(item.share, 1, lang),
                    )
                })
                .collect(),
        )
    }

    /// The amount and share of item `i` (the gap is the item after the sources).
    fn get(&self, i: usize) -> (&str, &str) {
        self.0.get(i).map_or(("", ""), |(amount, share)| {
            (amount.as_str(), share.as_str())
        })
    }
}

/// What the sources of the bar pay together, as displayed.
fn funded_by(items: &[BarItem]) -> Decimal {
    sum(&items.iter().map(|i| i.amount).collect::<Vec<_>>())
}

/// The bar described in words, for the SVG's `aria-label`:
/// "Fordeling af samlede udgifter på 21.900.000 kr.: DEB 10.950.000 kr. (50,0 %); …".
/// With a surplus the shares are of the funding, so the sentence says so and then names
/// the total cost and the surplus. `figures` are the items' own (see [`ItemFigures`]);
/// `funded` is what they pay ([`funded_by`]).
fn summary(
    items: &[BarItem],
    gap: Option<&BarItem>,
    figures: &ItemFigures,
    total: Decimal,
    funded: Decimal,
    surplus: Decimal,
    lang: Lang,
) -> String {
    let t = texts(lang);
    let parts: Vec<String> = items
        .iter()
        .chain(gap)
        .enumerate()
        .map(|(i, item)| {
            let (amount, share) = figures.get(i);
            format!("{} {amount} ({share})", item.label)
        })
        .collect();
    if surplus > Decimal::ZERO {
        format!(
            "{} {}: {} {} {}",
            t.bar_summary_funding,
            format_amount(funded, lang),
            full_stop(parts.join("; ")),
            full_stop(format!("{}: {}", t.total_cost, format_amount(total, lang))),
            full_stop(format!("{}: {}", t.surplus, balance_amount(surplus, lang))),
        )
    } else {
        format!(
            "{} {}: {}",
            t.bar_summary,
            format_amount(total, lang),
            full_stop(parts.join("; "))
        )
    }
}

fn colour_class(i: usize) -> String {
    format!("cofund-bar-c{}", i % PALETTE.len())
}

#[derive(Properties, PartialEq)]
struct SwatchProps {
    index: usize,
}

/// A source's colour in the legend. A component, so that a render of the bar (on every
/// keystroke) compares an index instead of making the swatch's SVG again.
#[function_component(Swatch)]
fn swatch(props: &SwatchProps) -> Html {
    let i = props.index;
    html! {
        <svg class="cofund-swatch" viewBox="0 0 10 10" width="16" height="16" aria-hidden="true" focusable="false">
            <rect class={colour_class(i)} width="10" height="10" fill={PALETTE[i % PALETTE.len()]} />
        </svg>
    }
}

fn gap_swatch() -> Html {
    html! {
        <svg class="cofund-swatch" viewBox="0 0 10 10" width="16" height="16" aria-hidden="true" focusable="false">
            <rect width="10" height="10" fill="#ffffff" class="cofund-swatch-gap-bg" />
            <path class="cofund-bar-hatch-stroke" d="M-1 3 L3 -1 M-1 8 L8 -1 M2 11 L11 2 M7 11 L11 7"
                  stroke={GAP_COLOUR} stroke-width="1.6" fill="none" />
            <rect class="cofund-bar-gap-outline" x="0.5" y="0.5" width="9" height="9" fill="none"
                  stroke={GAP_COLOUR} stroke-width="1" />
        </svg>
    }
}

fn marker_swatch() -> Html {
    html! {
        <svg class="cofund-swatch" viewBox="0 0 10 10" width="16" height="16" aria-hidden="true" focusable="false">
            <line class="cofund-bar-marker" x1="5" x2="5" y1="0" y2="10" stroke={MARKER_COLOUR} stroke-width="3" />
        </svg>
    }
}

fn legend_item(
    swatch: Html,
    item: &BarItem,
    (amount, share): (&str, &str),
    extra_class: Option<&'static str>,
) -> Html {
    html! {
        <li class={classes!("cofund-legend-item", extra_class)}>
            { swatch }
            <span class="cofund-legend-label">{ &item.label }</span>
            <span class="cofund-legend-amount">{ amount }</span>
            <span class="cofund-legend-share">{ share }</span>
        </li>
    }
}

#[function_component(StackedBar)]
pub fn stacked_bar(props: &StackedBarProps) -> Html {
    let lang = props.lang;
    let t = texts(lang);
    let funded = funded_by(&props.items);
    let gap_amount = props.gap.as_ref().map_or(Decimal::ZERO, |g| g.amount);
    // The bar represents the larger of the total cost and what the sources pay.
    let scale = props.total.max(funded);

    let mut amounts: Vec<Decimal> = props.items.iter().map(|i| i.amount).collect();
    amounts.push(gap_amount);
    let geometry = segments(&amounts, scale, VIEW_WIDTH);
    let (gap_x, gap_w) = geometry.last().copied().unwrap_or((0, 0));
    let outline_w = position(props.total, scale, VIEW_WIDTH);
    let marker_x = (props.surplus > Decimal::ZERO).then_some(outline_w);

    let figures = ItemFigures::of(&props.items, props.gap.as_ref(), lang);
    let label = summary(
        &props.items,
        props.gap.as_ref(),
        &figures,
        props.total,
        funded,
        props.surplus,
        lang,
    );
    let view_box = format!("0 0 {VIEW_WIDTH} {VIEW_HEIGHT}");

    let rects = props.items.iter().zip(&geometry).enumerate().filter(|(_, (_, (_, w)))| *w > 0).map(|(i, (item, (x, w)))| {
        html! {
            <rect class={classes!("cofund-bar-seg", colour_class(i))} x={x.to_string()} y={BAR_Y.to_string()}
                  width={w.to_string()} height={BAR_HEIGHT.to_string()} fill={PALETTE[i % PALETTE.len()]}
                  stroke="#ffffff" stroke-width="2" vector-effect="non-scaling-stroke">
                <title>{ { let (amount, share) = figures.get(i); format!("{}: {amount} ({share})", item.label) } }</title>
            </rect>
        }
    });

    let hatch_id = format!("{}-hatch", props.id);
    // With a surplus the bar and the shares are of the funding, which exceeds the cost.
    let heading = if props.surplus > Decimal::ZERO {
        t.bar_heading_funding
    } else {
        t.bar_heading
    };
    if scale.is_zero() {
        // An empty outline and an empty legend would say nothing, to eyes or to ears.
        return html! {
            <figure class="cofund-bar">
                <figcaption class="cofund-bar-caption">{ heading }</figcaption>
                <p class="cofund-bar-empty">{ t.bar_empty }</p>
            </figure>
        };
    }
    html! {
        <figure class="cofund-bar">
            <figcaption class="cofund-bar-caption">{ heading }</figcaption>
            <svg class="cofund-bar-svg" role="img" aria-label={label} viewBox={view_box} width="100%"
                 preserveAspectRatio="none" focusable="false">
                <defs>
                    <pattern id={hatch_id.clone()} patternUnits="userSpaceOnUse" width="10" height="10"
                             patternTransform="rotate(45)">
                        <rect class="cofund-swatch-gap-bg" width="10" height="10" fill="#ffffff" />
                        <rect class="cofund-bar-hatch-line" width="4" height="10" fill={GAP_COLOUR} />
                    </pattern>
                </defs>
                // The extent of the total cost, so an empty or hatched end is still visible.
                <rect class="cofund-bar-outline" x="0" y={BAR_Y.to_string()} width={outline_w.to_string()}
                      height={BAR_HEIGHT.to_string()} fill="none" stroke={MARKER_COLOUR} stroke-width="1"
                      vector-effect="non-scaling-stroke" />
                { for rects }
                if props.gap.is_some() && gap_w > 0 {
                    <rect class="cofund-bar-gap" x={gap_x.to_string()} y={BAR_Y.to_string()} width={gap_w.to_string()}
                          height={BAR_HEIGHT.to_string()} fill={format!("url(#{hatch_id})")} stroke={GAP_COLOUR}
                          stroke-width="2" vector-effect="non-scaling-stroke">
                        <title>{ format!("{}: {}", t.gap, format_amount(gap_amount, lang)) }</title>
                    </rect>
                }
                if let Some(x) = marker_x {
                    <line class="cofund-bar-marker" x1={x.to_string()} x2={x.to_string()} y1="0" y2={VIEW_HEIGHT.to_string()}
                          stroke={MARKER_COLOUR} stroke-width="4" vector-effect="non-scaling-stroke" />
                }
            </svg>
            <ul class="cofund-legend" aria-label={t.bar_legend}>
                { for props.items.iter().enumerate().map(|(i, item)| legend_item(html! { <Swatch index={i} /> }, item, figures.get(i), None)) }
                if let Some(gap) = &props.gap {
                    { legend_item(gap_swatch(), gap, figures.get(props.items.len()), Some("cofund-legend-item--gap")) }
                }
                if props.surplus > Decimal::ZERO {
                    <li class="cofund-legend-item cofund-legend-item--surplus">
                        { marker_swatch() }
                        <span class="cofund-legend-label">{ t.surplus }</span>
                        <span class="cofund-legend-amount">{ balance_amount(props.surplus, lang) }</span>
                        <span class="cofund-legend-note">{ t.surplus_marker }</span>
                    </li>
                }
            </ul>
        </figure>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    fn ends_at(segs: &[(u32, u32)]) -> u32 {
        segs.last().map_or(0, |(x, w)| x + w)
    }

    #[test]
    fn the_published_split_tiles_the_bar() {
        let segs = segments(
            &[d("10950000"), d("7500000"), d("3450000")],
            d("21900000"),
            1000,
        );
        assert_eq!(segs, vec![(0, 500), (500, 342), (842, 158)]);
    }

    #[test]
    fn segments_are_contiguous_and_end_at_the_sum() {
        let third = Decimal::ONE / Decimal::from(3);
        let segs = segments(&[third, third, third], Decimal::ONE, 1000);
        assert_eq!(segs, vec![(0, 333), (333, 334), (667, 333)]);
        for pair in segs.windows(2) {
            assert_eq!(pair[0].0 + pair[0].1, pair[1].0);
        }
        assert_eq!(ends_at(&segs), 1000);
    }

    #[test]
    fn a_gap_leaves_the_rest_of_the_bar() {
        // Sources cover 18.450.000 of 21.900.000: the gap segment is the rest.
        let segs = segments(
            &[d("10950000"), d("7500000"), d("3450000")],
            d("21900000"),
            1000,
        );
        let sources_only = segments(&[d("10950000"), d("7500000")], d("21900000"), 1000);
        assert_eq!(ends_at(&sources_only), 842);
        assert_eq!(segs[2], (842, 158));
    }

    #[test]
    fn tiny_negative_and_excess_amounts() {
        assert_eq!(
            segments(&[d("0.0001"), d("1")], d("1000"), 1000),
            vec![(0, 0), (0, 1)]
        );
        assert_eq!(
            segments(&[d("-5"), d("10")], d("10"), 100),
            vec![(0, 0), (0, 100)]
        );
        assert_eq!(
            segments(&[d("8"), d("8")], d("10"), 100),
            vec![(0, 80), (80, 20)]
        );
        assert_eq!(
            segments(&[d("1"), d("1")], Decimal::ZERO, 100),
            vec![(0, 0), (0, 0)]
        );
        assert!(segments(&[], d("1"), 100).is_empty());
    }

    #[test]
    fn huge_amounts_do_not_overflow() {
        let segs = segments(&[Decimal::MAX, Decimal::MAX], Decimal::MAX, 1000);
        assert_eq!(segs, vec![(0, 1000), (1000, 0)]);
        let half = Decimal::MAX / Decimal::TWO;
        assert_eq!(position(half, Decimal::MAX, 1000), 500);
    }

    #[test]
    fn position_rounds_half_away_from_zero() {
        assert_eq!(position(d("1"), d("8"), 100), 13); // 12.5
        assert_eq!(position(d("1"), d("3"), 100), 33);
        assert_eq!(position(d("2"), d("3"), 100), 67);
        assert_eq!(position(d("21900000"), d("22000000"), 1000), 995);
    }

    /// The summary of `items` and `gap` with their figures formatted in `lang`.
    fn said(
        items: &[BarItem],
        gap: Option<&BarItem>,
        total: Decimal,
        surplus: Decimal,
        lang: Lang,
    ) -> String {
        let figures = ItemFigures::of(items, gap, lang);
        let funded = funded_by(items);
        summary(items, gap, &figures, total, funded, surplus, lang)
    }

    #[test]
    fn summary_names_every_part_in_words() {
        let items = vec![
            BarItem {
                label: "DEB".into(),
                amount: d("10950000"),
                share: d("50.0"),
            },
            BarItem {
                label: "Virksomheder".into(),
                amount: d("7500000"),
                share: d("34.2"),
            },
        ];
        let gap = BarItem {
            label: "Manglende finansiering".into(),
            amount: d("3450000"),
            share: d("15.8"),
        };
        assert_eq!(
            said(&items, Some(&gap), d("21900000"), Decimal::ZERO, Lang::Da),
            "Fordeling af samlede udgifter på 21.900.000 kr.: DEB 10.950.000 kr. (50,0 %); \
             Virksomheder 7.500.000 kr. (34,2 %); Manglende finansiering 3.450.000 kr. (15,8 %)."
        );
        assert_eq!(
            said(&items, None, d("18000000"), d("450000"), Lang::En),
            "Split of the funding of DKK 18,450,000: DEB DKK 10,950,000 (50.0%); \
             Virksomheder DKK 7,500,000 (34.2%). Total cost: DKK 18,000,000. \
             Surplus funding: DKK 450,000."
        );
        assert_eq!(
            said(&items, None, d("18000000"), d("450000"), Lang::Da),
            "Fordeling af finansieringen på 18.450.000 kr.: DEB 10.950.000 kr. (50,0 %); \
             Virksomheder 7.500.000 kr. (34,2 %). Samlede udgifter: 18.000.000 kr. \
             Overfinansiering: 450.000 kr."
        );
    }

    #[test]
    fn palette_has_distinct_colours() {
        let mut seen = PALETTE.to_vec();
        seen.sort_unstable();
        seen.dedup();
        assert_eq!(seen.len(), PALETTE.len());
        assert!(PALETTE.len() >= 8);
    }
}
