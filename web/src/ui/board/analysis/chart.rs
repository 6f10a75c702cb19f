//! What the analysis charts share: "nice" axis ticks, the mapping of exact values to SVG
//! coordinates, short tick labels in the chosen language, and the chart's width.
//!
//! Every coordinate is computed from exact decimals and rounded to a tenth of a unit only
//! when it is written into the SVG; no `f64` is involved. Each chart draws its `viewBox`
//! as wide as its container is in CSS pixels ([`use_width`]), so text in the SVG is as
//! large on a 320 px phone as in the rest of the page (on a projector-wide page it zooms
//! with the page's larger type), and between measurements (while a window is being resized)
//! the `viewBox` simply scales.

use cofund::numbers::{format_amount, format_millions, format_number, format_plain, Lang};
use cofund::Decimal;
use gloo::events::EventListener;
use yew::prelude::*;

use super::words::{rate, Unit};
use crate::ui::printing::Printing;

/// Font size of chart text in SVG units (= CSS pixels at the measured width); the
/// stylesheet sets the same size on `.cofund-chart`.
pub const FONT: u32 = 14;
/// Narrowest and widest `viewBox` drawn; outside this the chart scales.
pub const MIN_WIDTH: u32 = 280;
pub const MAX_WIDTH: u32 = 1600;
/// Width assumed before the container has been measured.
pub const DEFAULT_WIDTH: u32 = 720;

/// The rough width of `text` in SVG units at [`FONT`] (about 0,62 em a character: digits
/// and average letters of the sans-serif fonts the page uses).
pub fn text_width(text: &str) -> u32 {
    let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    chars.saturating_mul(FONT * 62) / 100
}

/// The width of `text` as [`text_width`] reckons it, plus the letter and word spacing a
/// user may set for reading (WCAG 1.4.12: 0,12 em between letters, 0,16 em between words).
/// For decisions that must hold either way, such as whether two labels fit side by side.
pub fn spaced_width(text: &str) -> u32 {
    let chars = u32::try_from(text.chars().count()).unwrap_or(u32::MAX);
    let gaps = u32::try_from(text.matches(' ').count()).unwrap_or(u32::MAX);
    text_width(text)
        .saturating_add(chars.saturating_mul(FONT * 12) / 100)
        .saturating_add(gaps.saturating_mul(FONT * 16) / 100)
}

/// The distance between the lines of a wrapped chart title ([`wrap`]), in SVG units.
pub const TITLE_LINE: u32 = 18;

/// `text` broken at its spaces into lines no wider than `max` as [`spaced_width`] reckons
/// it: an SVG title does not wrap by itself, and a long one (`Lokal/regional
/// medfinansiering (kr.)`) ran off a 320 px chart with the letter spacing a reader may set
/// (WCAG 1.4.12). A word wider than `max` keeps a line of its own, whole.
pub fn wrap(text: &str, max: u32) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        match lines.last_mut() {
            Some(line) if spaced_width(&format!("{line} {word}")) <= max => {
                line.push(' ');
                line.push_str(word);
            }
            _ => lines.push(word.to_string()),
        }
    }
    lines
}

/// How many lines [`wrap`] added beyond the first, for the room they take.
pub fn extra_lines(lines: &[String]) -> u32 {
    u32::try_from(lines.len().saturating_sub(1)).unwrap_or(0)
}

/// A chart title of one or more lines ([`wrap`]), the first on `y`, each a `tspan` at `x`.
pub fn title_view(lines: &[String], x: String, y: String, anchor: &'static str) -> Html {
    html! {
        <text class="cofund-chart-title" x={x.clone()} {y} text-anchor={anchor}>
            { for lines.iter().enumerate().map(|(i, line)| html! {
                <tspan x={x.clone()} dy={if i == 0 { 0 } else { TITLE_LINE }.to_string()}>{ line }</tspan>
            }) }
        </text>
    }
}

/// How wide [`fit`] reckons a character, in hundredths of an em: 0,7 em, so that bold
/// labels fit, plus the 0,12 em of letter spacing a reader may set (WCAG 1.4.12; a QA round
/// found labels cut for the plain width running 40 px past the chart with it).
const FIT_CHAR: u32 = 70 + 12;

/// `text` cut to at most `max` units wide, with an ellipsis when it was cut (see
/// [`FIT_CHAR`]).
pub fn fit(text: &str, max: u32) -> String {
    let room = usize::try_from(max.saturating_mul(100) / (FONT * FIT_CHAR))
        .unwrap_or(usize::MAX)
        .max(2);
    if text.chars().count() <= room {
        text.to_string()
    } else {
        let cut: String = text.chars().take(room - 1).collect();
        // Never a number cut short: "mellem 100 og 100…" of "mellem 100 og 100,5" reads as
        // a wrong figure; the whole number goes instead.
        let whole_number_cut = text
            .chars()
            .nth(cut.chars().count())
            .is_some_and(|next| next.is_ascii_digit() || matches!(next, ',' | '.'))
            // (A cut after a group's separator, `2.500.` of `2.500.000`, is one too.)
            && cut
                .trim_end_matches([',', '.'])
                .ends_with(|c: char| c.is_ascii_digit());
        let cut = if whole_number_cut {
            cut.trim_end_matches(|c: char| c.is_ascii_digit() || matches!(c, ',' | '.'))
        } else {
            &cut
        };
        let mut cut = cut.trim_end_matches([' ', ',', '.', ';', ':']).to_string();
        cut.push('…');
        cut
    }
}

/// Like [`fit`], for a label `name – what` (`Budgetpost pr. vækstpilot – beløb`): what
/// of the item it is stays whole and the name is cut, since two rows may differ only there
/// (an amount and a cap of one source).
pub fn fit_name(text: &str, max: u32) -> String {
    let whole = fit(text, max);
    match text.rsplit_once(" – ") {
        Some((name, what)) if whole != text => {
            let tail = format!(" – {what}");
            let tail_width = u32::try_from(tail.chars().count())
                .unwrap_or(u32::MAX)
                .saturating_mul(FONT * FIT_CHAR)
                / 100;
            format!("{}{tail}", fit(name, max.saturating_sub(tail_width)))
        }
        _ => whole,
    }
}

/// The `text-anchor` that keeps a label centred on `x` inside `0`–`width`: `start` or `end`
/// near the edges.
pub fn anchor(x: Decimal, text: &str, width: u32) -> &'static str {
    let half = Decimal::from(text_width(text) / 2 + 2);
    if x < half {
        "start"
    } else if x + half > Decimal::from(width) {
        "end"
    } else {
        "middle"
    }
}

/// The smallest 1, 2 or 5 × 10^k that is at least `raw` (`raw` > 0); 1 for anything else.
pub fn nice_step(raw: Decimal) -> Decimal {
    if raw <= Decimal::ZERO {
        return Decimal::ONE;
    }
    let ten = Decimal::TEN;
    let mut p = Decimal::ONE;
    // p ≤ raw < 10·p, within Decimal's range (at most 28 steps either way).
    for _ in 0..28 {
        if p <= raw {
            break;
        }
        p /= ten;
    }
    for _ in 0..28 {
        match p.checked_mul(ten) {
            Some(next) if next <= raw => p = next,
            _ => break,
        }
    }
    for m in [1, 2, 5, 10] {
        if let Some(step) = p.checked_mul(Decimal::from(m)) {
            if step >= raw {
                return step;
            }
        }
    }
    p
}

/// `value` rounded down (`up` false) or up to a multiple of `step`.
pub fn snap(value: Decimal, step: Decimal, up: bool) -> Decimal {
    if step <= Decimal::ZERO {
        return value;
    }
    let q = value.checked_div(step).unwrap_or_default();
    let q = if up { q.ceil() } else { q.floor() };
    q.checked_mul(step).unwrap_or(value)
}

/// An axis: its domain, nice ticks and step.
#[derive(Clone, Debug, PartialEq)]
pub struct Axis {
    pub lo: Decimal,
    pub hi: Decimal,
    pub step: Decimal,
    pub ticks: Vec<Decimal>,
}

impl Axis {
    /// An axis from `lo` to `hi` with about `count` ticks on round values. With `extend`,
    /// the ends move out to the nearest ticks (an amount axis ending at a round figure);
    /// otherwise the domain is exactly `lo`–`hi` (the swept range).
    pub fn new(lo: Decimal, hi: Decimal, count: u32, extend: bool) -> Axis {
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else if lo.is_zero() {
            (Decimal::ZERO, Decimal::ONE)
        } else {
            // A single value: a band around it. Near `Decimal`'s limit (a value typed as
            // 79.228.162.514.264.337.593.543.950.335) the band can only reach out on one
            // side; `+` would panic there, and a panic stops the program.
            let half = (lo.abs() / Decimal::TEN).max(Decimal::ONE);
            let below = lo.checked_sub(half).unwrap_or(lo);
            let above = lo.checked_add(half).unwrap_or(lo);
            (below.max(Decimal::ZERO.min(lo)), above)
        };
        let span = hi.checked_sub(lo).unwrap_or(Decimal::MAX);
        let step = nice_step(span / Decimal::from(count.max(1)));
        let (lo, hi) = if extend {
            (snap(lo, step, false), snap(hi, step, true))
        } else {
            (lo, hi)
        };
        let mut ticks = Vec::new();
        let mut t = snap(lo, step, true);
        while t <= hi && ticks.len() < 60 {
            ticks.push(t);
            t = match t.checked_add(step) {
                Some(next) => next,
                None => break,
            };
        }
        Axis {
            lo,
            hi,
            step,
            ticks,
        }
    }
}

/// A linear map from an axis's domain to SVG coordinates `p0`–`p1` (`p1` < `p0` for a
/// vertical axis, whose values grow upwards).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    d0: Decimal,
    p0: Decimal,
    factor: Decimal,
}

impl Scale {
    pub fn new(d0: Decimal, d1: Decimal, p0: Decimal, p1: Decimal) -> Scale {
        let factor = if d1 > d0 {
            d1.checked_sub(d0)
                .and_then(|span| (p1 - p0).checked_div(span))
                .unwrap_or_default()
        } else {
            Decimal::ZERO
        };
        Scale { d0, p0, factor }
    }

    /// The coordinate of `value`, to a tenth of a unit.
    pub fn at(&self, value: Decimal) -> Decimal {
        value
            .checked_sub(self.d0)
            .and_then(|v| v.checked_mul(self.factor))
            .and_then(|v| v.checked_add(self.p0))
            .unwrap_or(self.p0)
            .round_dp(1)
    }
}

/// A coordinate as SVG attribute text: `12.5`, `300`.
pub fn c(value: Decimal) -> String {
    value.round_dp(1).normalize().to_string()
}

/// A whole number of SVG units as a `Decimal`.
pub fn d(units: u32) -> Decimal {
    Decimal::from(units)
}

/// How many decimals `value` needs (at most 3).
fn decimals(value: Decimal) -> u32 {
    value.normalize().scale().min(3)
}

/// Short tick labels for one axis: amounts in millions (`21,5 mio.`, `DKK 21.5m` is
/// shortened to `21.5m`) or milliards once the axis reaches a thousand millions, smaller
/// amounts grouped (`150.000`), rates with their per cent sign, counts as they are. The
/// axis title says the unit (kr.), so the labels leave the currency out.
pub fn tick_labels(axis: &Axis, unit: Unit, lang: Lang) -> Vec<String> {
    let largest = axis.ticks.iter().map(|t| t.abs()).max().unwrap_or_default();
    let (divisor, suffix) = match unit {
        Unit::Amount if largest >= Decimal::from(1_000_000_000) => (
            Decimal::from(1_000_000_000),
            if lang == Lang::Da { " mia." } else { "bn" },
        ),
        Unit::Amount if largest >= Decimal::from(1_000_000) => (
            Decimal::from(1_000_000),
            if lang == Lang::Da { " mio." } else { "m" },
        ),
        _ => (Decimal::ONE, ""),
    };
    let places = decimals(axis.step / divisor);
    axis.ticks
        .iter()
        .map(|t| {
            if t.is_zero() {
                return "0".to_string();
            }
            match unit {
                Unit::Rate => rate(*t, lang),
                Unit::Count => format_plain(*t, lang),
                Unit::Amount => format!("{}{suffix}", format_number(*t / divisor, places, lang)),
            }
        })
        .collect()
}

/// An amount for a label inside a chart: `4,1 mio. kr.` from a million on, otherwise
/// whole kroner (`690.000 kr.`).
pub fn short_amount(value: Decimal, lang: Lang) -> String {
    if value.abs() >= Decimal::from(1_000_000) {
        format_millions(value, lang)
    } else {
        format_amount(value, lang)
    }
}

/// The page width from which the stylesheets set larger type (100rem): the charts zoom
/// by the same 1,25 there (a narrower `viewBox` in the same space).
const PROJECTOR_WIDTH: i32 = 1600;

/// The `viewBox` width while printing. A4's width inside the print margins is about 700 CSS
/// px, so the chart's text prints at 14 × 700 / 880 ≈ 11 px, 8,4 pt (measured in the PDF):
/// the results' own print size (8,5 pt).
pub const PRINT_WIDTH: u32 = 880;

/// The `viewBox` width for the element behind `node`: its width in CSS pixels (4/5 of it
/// on a projector-wide page, so that the chart's text grows with the page's), rounded down
/// to a multiple of 8 and kept within [`MIN_WIDTH`]–[`MAX_WIDTH`]; measured after the first
/// render, whenever the window is resized and after printing; while the page prints (the
/// [`Printing`] the view provides, [`crate::ui::printing`]), [`PRINT_WIDTH`].
#[hook]
pub fn use_width(node: NodeRef) -> u32 {
    let width = use_state_eq(|| DEFAULT_WIDTH);
    let printing = use_context::<Printing>().unwrap_or_default().0;
    // The resize listener reads it: Chromium resizes the window while it prints, and that
    // measurement is of the screen's layout, so it waits until the page has printed.
    let printing_now = use_mut_ref(|| printing);
    *printing_now.borrow_mut() = printing;
    let measure = {
        let width = width.clone();
        move || {
            if let Some(el) = node.cast::<web_sys::Element>() {
                let w = u32::try_from(el.client_width()).unwrap_or(0);
                let page = gloo::utils::document()
                    .document_element()
                    .map_or(0, |root| root.client_width());
                let w = if page >= PROJECTOR_WIDTH {
                    w * 4 / 5
                } else {
                    w
                };
                if w > 0 {
                    width.set((w / 8 * 8).clamp(MIN_WIDTH, MAX_WIDTH));
                }
            }
        }
    };
    {
        let measure = measure.clone();
        use_effect_with((), move |_| {
            let resized = EventListener::new(&gloo::utils::window(), "resize", move |_| {
                if !*printing_now.borrow() {
                    measure();
                }
            });
            move || drop(resized)
        });
    }
    // Measured on the first render and again once printing is over.
    use_effect_with(printing, move |printing| {
        if !*printing {
            measure();
        }
    });
    if printing {
        PRINT_WIDTH
    } else {
        *width
    }
}

/// Focuses `element` (an SVG or HTML element); does nothing if it cannot be focused.
pub fn focus(element: &web_sys::Element) {
    if let Ok(f) = js_sys::Reflect::get(element, &"focus".into()) {
        if let Some(f) = wasm_bindgen::JsCast::dyn_ref::<js_sys::Function>(&f) {
            let _ = f.call0(element);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    #[test]
    fn a_title_wraps_at_spaces_to_fit_with_a_readers_spacing() {
        let title = "Lokal/regional medfinansiering (kr.)";
        assert_eq!(wrap(title, 1000), vec![title.to_string()]);
        let lines = wrap(title, 264);
        assert_eq!(lines, ["Lokal/regional", "medfinansiering (kr.)"]);
        assert!(lines.iter().all(|l| spaced_width(l) <= 264), "{lines:?}");
        assert_eq!(extra_lines(&lines), 1);
        // A word wider than the room keeps a line of its own, whole; no empty lines.
        assert_eq!(wrap("Støtteberettigede  x", 40), ["Støtteberettigede", "x"]);
        assert!(wrap("", 100).is_empty());
    }

    fn dec(text: &str) -> Decimal {
        Decimal::from_str(text).expect("test literal")
    }

    #[test]
    fn nice_steps() {
        assert_eq!(nice_step(dec("0.7")), dec("1"));
        assert_eq!(nice_step(dec("1")), dec("1"));
        assert_eq!(nice_step(dec("1.2")), dec("2"));
        assert_eq!(nice_step(dec("3")), dec("5"));
        assert_eq!(nice_step(dec("6")), dec("10"));
        assert_eq!(nice_step(dec("2190000")), dec("5000000"));
        assert_eq!(nice_step(dec("0.012")), dec("0.02"));
        assert_eq!(nice_step(Decimal::ZERO), Decimal::ONE);
    }

    #[test]
    fn axes_extend_to_round_figures() {
        let axis = Axis::new(Decimal::ZERO, dec("32850000"), 5, true);
        assert_eq!(axis.step, dec("10000000"));
        assert_eq!(axis.hi, dec("40000000"));
        assert_eq!(axis.ticks.len(), 5);
        let axis = Axis::new(dec("150"), dec("225"), 5, false);
        assert_eq!(
            (axis.lo, axis.hi, axis.step),
            (dec("150"), dec("225"), dec("20"))
        );
        assert_eq!(
            axis.ticks,
            vec![dec("160"), dec("180"), dec("200"), dec("220")]
        );
        let flat = Axis::new(Decimal::ZERO, Decimal::ZERO, 5, true);
        assert!(flat.hi > flat.lo);
    }

    /// A value at `Decimal`'s limit (typed into a sweep's Fra and Til) gives an axis, not a
    /// panic: a review found `+` overflowing here, which stopped the board program.
    #[test]
    fn axes_and_scales_at_the_decimal_limit() {
        for (lo, hi) in [
            (Decimal::MAX, Decimal::MAX),
            (Decimal::MIN, Decimal::MIN),
            (Decimal::MIN, Decimal::MAX),
        ] {
            for extend in [false, true] {
                let axis = Axis::new(lo, hi, 5, extend);
                assert!(axis.hi > axis.lo, "{lo}–{hi}: {axis:?}");
                assert!(!axis.ticks.is_empty() || !extend, "{lo}–{hi}: {axis:?}");
                let scale = Scale::new(axis.lo, axis.hi, dec("50"), dec("650"));
                let at = scale.at(hi);
                assert!(at >= dec("50") && at <= dec("650"), "{lo}–{hi}: {at}");
            }
        }
    }

    #[test]
    fn labels_are_short_and_in_the_language() {
        let axis = Axis::new(Decimal::ZERO, dec("32850000"), 7, true);
        assert_eq!(
            tick_labels(&axis, Unit::Amount, Lang::Da),
            ["0", "5 mio.", "10 mio.", "15 mio.", "20 mio.", "25 mio.", "30 mio.", "35 mio."]
        );
        let axis = Axis::new(Decimal::ZERO, dec("3450000"), 8, true);
        assert_eq!(
            tick_labels(&axis, Unit::Amount, Lang::Da)[1..3],
            ["0,5 mio.".to_string(), "1,0 mio.".to_string()]
        );
        assert_eq!(tick_labels(&axis, Unit::Amount, Lang::En)[1], "0.5m");
        let axis = Axis::new(Decimal::ZERO, dec("146000"), 4, true);
        assert_eq!(tick_labels(&axis, Unit::Amount, Lang::Da)[1], "50.000");
        let axis = Axis::new(Decimal::ZERO, dec("100"), 5, false);
        assert_eq!(tick_labels(&axis, Unit::Rate, Lang::Da)[1], "20 %");
    }

    #[test]
    fn scales_map_exactly() {
        let s = Scale::new(dec("150"), dec("225"), dec("50"), dec("650"));
        assert_eq!(s.at(dec("150")), dec("50"));
        assert_eq!(s.at(dec("225")), dec("650"));
        assert_eq!(c(s.at(dec("173"))), "234");
        let y = Scale::new(Decimal::ZERO, dec("3"), dec("300"), dec("0"));
        assert_eq!(c(y.at(Decimal::ONE)), "200");
        assert_eq!(c(y.at(dec("2"))), "100");
        assert_eq!(
            c(Scale::new(Decimal::ZERO, dec("3"), Decimal::ZERO, dec("100")).at(Decimal::ONE)),
            "33.3"
        );
        // 140 units hold 12 characters at 0,82 em (bold, and a reader's letter spacing).
        assert_eq!(fit("Projektledelse, administration", 140), "Projektlede…");
        assert_eq!(fit("DEB", 140), "DEB");
        // A number is never cut short.
        let label = "Manglende finansiering opstår mellem 100 og 100,5";
        let cut = fit(
            label,
            label.chars().count() as u32 * FONT * FIT_CHAR / 100 - 1,
        );
        assert_eq!(cut, "Manglende finansiering opstår mellem 100 og…");
        // Nor one cut after a group's separator (a review: "… og 2.500…").
        let label = "Lokal: loftet nås mellem 2.000.000 og 2.500.000";
        let room = |chars: u32| (chars + 1) * FONT * FIT_CHAR / 100;
        for chars in 10..label.chars().count() as u32 {
            let cut = fit(label, room(chars));
            let shown = cut.trim_end_matches('…');
            let next = label.chars().nth(shown.chars().count());
            let number_goes_on = next.is_some_and(|c| c.is_ascii_digit() || matches!(c, ',' | '.'));
            assert!(
                label.starts_with(shown)
                    && !(shown.ends_with(|c: char| c.is_ascii_digit()) && number_goes_on),
                "{chars}: {cut}"
            );
        }
    }

    #[test]
    fn a_cut_name_keeps_what_of_it_the_row_is() {
        assert_eq!(fit_name("DEB – sats", 140), "DEB – sats");
        assert_eq!(
            fit_name("Projektledelse, administration, evaluering – beløb", 200),
            "Projektl… – beløb"
        );
        assert_eq!(
            fit_name("Projektledelse, administration, evaluering", 140),
            "Projektlede…"
        );
    }
}
