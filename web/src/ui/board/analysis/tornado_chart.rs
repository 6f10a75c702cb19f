//! Which assumption matters most: every input moved down and up by the same percentage,
//! one at a time, and the bars ranked by how far the chosen figure (the gap, the total
//! cost or one source's amount) swings. A table gives the same figures in full.

use std::rc::Rc;

use cofund::model::{tornado, Evaluation, Input, Scenario, SourceKind, Target, TornadoBar};
use cofund::numbers::{format_amount, Lang};
use cofund::Decimal;
use yew::prelude::*;

use super::chart::{
    anchor, c, d, extra_lines, fit_name, short_amount, spaced_width, tick_labels, title_view,
    use_width, wrap, Axis, Scale, FONT, TITLE_LINE,
};
use super::words::{input_key, input_label, rate, Unit};
use crate::i18n::board_texts;
use crate::ui::fields::{SelectField, TextField};

const HATCH_ID: &str = "cofund-tornado-hatch";
const CAPTION_ID: &str = "cofund-tornado-caption";
/// Height of one bar's row: its label, the bar, and the two values side by side (or one
/// above the other when the chart is too narrow for both on one line).
const ROW: u32 = 66;
const ROW_STACKED: u32 = 84;
const TOP: u32 = 30;

/// `gap`, `total` or `s:<source id>`.
fn target_key(target: &Target) -> String {
    match target {
        Target::Gap => "gap".into(),
        Target::TotalCost => "total".into(),
        Target::Source(id) => format!("s:{id}"),
    }
}

fn parse_target(key: &str) -> Target {
    match key {
        "total" => Target::TotalCost,
        _ => key
            .strip_prefix("s:")
            .map_or(Target::Gap, |id| Target::Source(id.to_string())),
    }
}

/// The gap, unless an uncapped residual absorbs every change (then the gap never moves):
/// then the residual's amount.
fn default_target(s: &Scenario) -> Target {
    s.sources
        .iter()
        .find(|src| matches!(src.kind, SourceKind::Residual { cap: None }))
        .map_or(Target::Gap, |src| Target::Source(src.id.clone()))
}

fn target_label(s: &Scenario, target: &Target, lang: Lang) -> String {
    let t = board_texts(lang);
    match target {
        Target::Gap => t.gap.into(),
        Target::TotalCost => t.total_cost.into(),
        Target::Source(id) => s
            .sources
            .iter()
            .find(|src| &src.id == id)
            .map_or_else(|| id.clone(), |src| src.label.clone()),
    }
}

fn target_value(s: &Scenario, e: &Evaluation, target: &Target) -> Decimal {
    match target {
        Target::Gap => e.gap,
        Target::TotalCost => e.total_cost,
        Target::Source(id) => s
            .sources
            .iter()
            .position(|src| &src.id == id)
            .and_then(|i| e.sources.get(i))
            .map_or(Decimal::ZERO, |r| r.amount),
    }
}

#[derive(Properties, PartialEq)]
pub struct TornadoPanelProps {
    pub scenario: Rc<Scenario>,
    pub evaluation: Rc<Evaluation>,
    pub lang: Lang,
}

/// The change typed in "Ændring (± %)": a rate above 0. At 0 % nothing moves, and the
/// chart's "Ingen af forudsætningerne flytter …" read as a finding about the scenario.
fn read_percent(text: &str, lang: Lang) -> Result<Decimal, String> {
    match Unit::Rate.parse(text, lang) {
        Ok(value) if value.is_zero() => Err(match lang {
            Lang::Da => "Angiv en ændring over 0 % – ved 0 % flytter intet sig.".to_string(),
            Lang::En => "Give a change above 0% – at 0% nothing moves.".to_string(),
        }),
        Ok(value) => Ok(value),
        Err(e) => Err(e.message(lang)),
    }
}

#[function_component(TornadoPanel)]
pub fn tornado_panel(props: &TornadoPanelProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let s = props.scenario.clone();
    let percent_text = use_state(|| "10".to_string());
    let percent = use_state(|| Decimal::TEN);
    let chosen = use_state(|| None::<Target>);

    // A chosen source that the scenario no longer has falls back to the default.
    let target = match &*chosen {
        Some(Target::Source(id)) if !s.sources.iter().any(|src| &src.id == id) => {
            default_target(&s)
        }
        Some(target) => target.clone(),
        None => default_target(&s),
    };
    let percent_error = read_percent(&percent_text, lang).err().map(AttrValue::from);
    let bars = use_memo(
        (s.clone(), target.clone(), *percent),
        |(s, target, percent)| tornado(s, target.clone(), *percent).map(Rc::new),
    );

    let mut options = vec![
        (AttrValue::from("gap"), AttrValue::from(t.gap)),
        (AttrValue::from("total"), AttrValue::from(t.total_cost)),
    ];
    options.extend(s.sources.iter().map(|src| {
        (
            AttrValue::from(format!("s:{}", src.id)),
            AttrValue::from(src.label.clone()),
        )
    }));
    let on_target = {
        let chosen = chosen.clone();
        Callback::from(move |key: String| chosen.set(Some(parse_target(&key))))
    };
    let on_percent = {
        let (percent_text, percent) = (percent_text.clone(), percent.clone());
        Callback::from(move |text: String| {
            if let Ok(value) = read_percent(&text, lang) {
                percent.set(value);
            }
            percent_text.set(text);
        })
    };

    let label = target_label(&s, &target, lang);
    html! {
        <section class="cofund-analysis-panel" aria-labelledby="cofund-tornado-heading">
            <h3 id="cofund-tornado-heading">{ t.tornado_heading }</h3>
            <p class="cofund-hint">{ t.tornado_intro }</p>
            <div class="cofund-analysis-controls">
                <TextField id="cofund-tornado-percent" label={t.tornado_percent} value={AttrValue::from((*percent_text).clone())}
                    error={percent_error.clone()} numeric=true on_input={on_percent} hint={t.rate_hint} />
                <SelectField id="cofund-tornado-target" label={t.tornado_target} options={options}
                    selected={AttrValue::from(target_key(&target))} on_change={on_target} class="cofund-analysis-wide" />
            </div>
            if percent_error.is_some() {
                <p class="cofund-analysis-stale">{ t.tornado_stale }</p>
            }
            {
                match &*bars {
                    Ok(bars) => html! {
                        <TornadoChart bars={bars.clone()} scenario={s.clone()} target={AttrValue::from(label)}
                            today={target_value(&s, &props.evaluation, &target)} percent={*percent} lang={lang} />
                    },
                    Err(e) => html! { <p class="cofund-error">{ e.message(lang) }</p> },
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct TornadoChartProps {
    bars: Rc<Vec<TornadoBar>>,
    scenario: Rc<Scenario>,
    /// The target in words.
    target: AttrValue,
    /// The target's value in the scenario as it is.
    today: Decimal,
    percent: Decimal,
    lang: Lang,
}

/// Whether a row's two values, `low` at the left and `high` at the right of a chart
/// `width` wide, must go one under the other: when they would collide, also with the text
/// spacing a user may set (WCAG 1.4.12), which widened "−10%: DKK 4.5m" and "+10%: DKK
/// 2.4m" into each other at 320 px.
fn values_stack(low: &str, high: &str, width: u32) -> bool {
    spaced_width(low) + spaced_width(high) + 24 > width.saturating_sub(16)
}

/// An input's value in its unit.
fn input_value(input: Input, value: Decimal, lang: Lang) -> String {
    Unit::of(input).format(value, lang)
}

#[function_component(TornadoChart)]
fn tornado_chart(props: &TornadoChartProps) -> Html {
    let lang = props.lang;
    let t = board_texts(lang);
    let s = &props.scenario;
    let figure = use_node_ref();
    let width = use_width(figure.clone());
    let pct = rate(props.percent, lang);
    let (down, up) = (format!("−{pct}"), format!("+{pct}"));
    let moving: Vec<&TornadoBar> = props
        .bars
        .iter()
        .filter(|b| b.swing > Decimal::ZERO)
        .collect();
    let still: Vec<String> = props
        .bars
        .iter()
        .filter(|b| b.swing.is_zero())
        .map(|b| input_label(s, b.input, lang))
        .collect();
    let caption = format!(
        "{}: {} {}",
        t.tornado_caption,
        props.target,
        format_args!("±{pct}")
    );

    let chart = if moving.is_empty() {
        html! { <p class="cofund-note" data-testid="tornado-none">{ format!("{} {}", t.tornado_none, props.target) }</p> }
    } else {
        let n = u32::try_from(moving.len()).unwrap_or(u32::MAX);
        let values = moving
            .iter()
            .flat_map(|b| [b.target_at_low, b.target_at_high])
            .chain([props.today]);
        let lo = values.clone().min().unwrap_or_default();
        let hi = values.max().unwrap_or_default();
        let axis = Axis::new(lo, hi, (width / 120).clamp(2, 8), true);
        let labels = tick_labels(&axis, Unit::Amount, lang);
        let (left, right) = (d(8), d(width.saturating_sub(8)));
        let scale = Scale::new(axis.lo, axis.hi, left, right);
        // The two values of a row side by side, or stacked when they would collide.
        // A move held at a bound names the value it stopped at: a rate of 95 % moved up by
        // 10 % is 100 %, not 104,5 %, and "+10 %" alone would claim the latter.
        let moved = |step: &str, held: bool, bound: &str, value: Decimal, input: Input| {
            if held {
                format!("{step} ({bound} {})", input_value(input, value, lang))
            } else {
                step.to_string()
            }
        };
        let value_texts: Vec<(String, String)> = moving
            .iter()
            .map(|b| {
                let low = moved(&down, b.low_held, t.tornado_held_low, b.low_value, b.input);
                let high = moved(&up, b.high_held, t.tornado_held_high, b.high_value, b.input);
                (
                    format!("{low}: {}", short_amount(b.target_at_low, lang)),
                    format!("{high}: {}", short_amount(b.target_at_high, lang)),
                )
            })
            .collect();
        let stacked = value_texts
            .iter()
            .any(|(low, high)| values_stack(low, high, width));
        let row_height = if stacked { ROW_STACKED } else { ROW };
        let bottom = TOP + n * row_height;
        let axis_title = wrap(
            &format!("{}{}", props.target, t.unit_kr),
            width.saturating_sub(16),
        );
        let height = bottom + 50 + extra_lines(&axis_title) * TITLE_LINE;
        let base_x = scale.at(props.today);
        // Today's figure to the krone, as the tables give it: rounded to 3,5 mio. it stood
        // over a line drawn at 3,45 mio., left of the tick it named (a QA round). On the
        // side of its line with more room, or the other if only that one holds it; rounded
        // only where neither does (320 px with a reader's letter spacing).
        let (today_label, base_anchor, today_x) = {
            let label = |amount: String| format!("{}: {amount}", t.tornado_today);
            let preferred = if base_x * Decimal::TWO > d(width) {
                "end"
            } else {
                "start"
            };
            let side = |text: &str| {
                let w = d(spaced_width(text));
                let fits = |anchor: &str| match anchor {
                    "end" => w <= base_x,
                    _ => base_x + w <= d(width),
                };
                let other = if preferred == "end" { "start" } else { "end" };
                [preferred, other].into_iter().find(|a| fits(a))
            };
            let exact = label(format_amount(props.today, lang));
            match side(&exact) {
                Some(anchor) => (exact, anchor, base_x),
                None => {
                    let short = label(short_amount(props.today, lang));
                    match side(&short) {
                        Some(anchor) => (short, anchor, base_x),
                        // Neither side of the line holds it (a line near the middle of a
                        // 320 px chart): centred over the line, moved in from the edge it
                        // would have crossed ("I dag: 500,0 mia. kr." was cut, a QA round).
                        None => {
                            let half = d(spaced_width(&short)) / Decimal::TWO;
                            let x = base_x
                                .min(d(width) - half)
                                .max(half.min(d(width) / Decimal::TWO));
                            (short, "middle", x)
                        }
                    }
                }
            }
        };
        let summary = moving
            .iter()
            .take(3)
            .map(|b| {
                format!(
                    "{} ({} {})",
                    input_label(s, b.input, lang),
                    cofund::text::lowercase(t.tornado_col_swing),
                    format_amount(b.swing, lang)
                )
            })
            .collect::<Vec<_>>()
            .join("; ");
        let aria = format!("{caption}. {}: {summary}.", t.tornado_most);

        let row = |(rank, bar): (usize, &&TornadoBar)| {
            let y = TOP + u32::try_from(rank).unwrap_or(0) * row_height;
            let (low_text, high_text) = value_texts.get(rank).cloned().unwrap_or_default();
            let label = input_label(s, bar.input, lang);
            let part = |to: Decimal, class: &'static str, fill: Option<String>| {
                let end = scale.at(to);
                let (x0, x1) = if end < base_x {
                    (end, base_x)
                } else {
                    (base_x, end)
                };
                html! {
                    <rect class={class} x={c(x0)} y={(y + 24).to_string()} width={c(x1 - x0)} height="18" fill={fill} />
                }
            };
            html! {
                <g class="cofund-tornado-row" data-input={input_key(bar.input)} data-rank={rank.to_string()}>
                    <text class="cofund-chart-label cofund-chart-halo" x="8" y={(y + 16).to_string()}>
                        { fit_name(&label, width.saturating_sub(16)) }
                        <title>{ &label }</title>
                    </text>
                    { part(bar.target_at_low, "cofund-tornado-low", None) }
                    { part(bar.target_at_high, "cofund-tornado-high", Some(format!("url(#{HATCH_ID})"))) }
                    <text class="cofund-chart-tick cofund-chart-halo" x="8" y={(y + 58).to_string()}>{ low_text }</text>
                    <text class="cofund-chart-tick cofund-chart-halo" x={c(if stacked { left } else { right })}
                          y={(y + if stacked { 76 } else { 58 }).to_string()}
                          text-anchor={if stacked { "start" } else { "end" }}>{ high_text }</text>
                </g>
            }
        };
        html! { <>
            <svg class="cofund-chart cofund-tornado-svg" viewBox={format!("0 0 {width} {height}")} role="img"
                 aria-label={aria} data-testid="tornado-chart" focusable="false">
                <defs>
                    <pattern id={HATCH_ID} patternUnits="userSpaceOnUse" width="8" height="8" patternTransform="rotate(45)">
                        <rect class="cofund-tornado-hatch-bg" width="8" height="8" fill="#ffffff" />
                        <rect class="cofund-tornado-hatch-line" width="4" height="8" fill="#c2570c" />
                    </pattern>
                </defs>
                { for axis.ticks.iter().zip(&labels).map(|(v, label)| {
                    let at = scale.at(*v);
                    let x = c(at);
                    html! { <>
                        <line class="cofund-chart-grid" x1={x.clone()} x2={x.clone()} y1={TOP.to_string()} y2={bottom.to_string()} />
                        <text class="cofund-chart-tick" x={x} y={(bottom + FONT + 6).to_string()} text-anchor={anchor(at, label, width)}>{ label }</text>
                    </> }
                }) }
                { title_view(&axis_title, c((left + right) / Decimal::TWO), (bottom + 2 * FONT + 16).to_string(), "middle") }
                // Today's line: from its label down to the first bar, then beside each bar only.
                // Drawn whole, it crossed the rows' names and values on a narrow chart (320 px,
                // or a long name); they still sit on a halo, for the grid lines.
                <path class="cofund-tornado-base" d={base_line(base_x, row_height, n)} />
                { for moving.iter().enumerate().map(row) }
                <text class="cofund-chart-title" x={c(today_x)} y="16" text-anchor={base_anchor}>
                    { today_label }
                </text>
            </svg>
            <ul class="cofund-tornado-legend" aria-label={t.bar_legend}>
                <li>
                    <svg class="cofund-sweep-swatch" viewBox="0 0 20 12" aria-hidden="true" focusable="false">
                        <rect class="cofund-tornado-low" width="20" height="12" />
                    </svg>
                    <span>{ t.tornado_lowered }{ " " }<span class="cofund-nowrap">{ &pct }</span></span>
                </li>
                <li>
                    <svg class="cofund-sweep-swatch" viewBox="0 0 20 12" aria-hidden="true" focusable="false">
                        <rect class="cofund-tornado-high" width="20" height="12" fill={format!("url(#{HATCH_ID})")} />
                    </svg>
                    <span>{ t.tornado_raised }{ " " }<span class="cofund-nowrap">{ &pct }</span></span>
                </li>
            </ul>
        </> }
    };

    html! {
        <figure class="cofund-tornado" ref={figure}>
            <figcaption id={CAPTION_ID} class="cofund-chart-caption">{ &caption }</figcaption>
            { chart }
            if !still.is_empty() && !moving.is_empty() {
                <p class="cofund-note">{ format!("{} {}", t.tornado_still, still.join(", ")) }</p>
            }
            <details class="cofund-analysis-details" data-testid="tornado-table">
                <summary>{ t.show_as_table }</summary>
                <div class="cofund-analysis-scroll" role="region" aria-labelledby="cofund-tornado-table-caption" tabindex="0">
                    <table class="cofund-table cofund-analysis-table">
                        <caption id="cofund-tornado-table-caption"><span class="cofund-board-caption">{ &caption }</span></caption>
                        <thead>
                            <tr>
                                <th scope="col">{ t.tornado_col_input }</th>
                                <th scope="col" class="num">{ t.tornado_today }</th>
                                <th scope="col" class="num">{ &down }</th>
                                <th scope="col" class="num">{ format!("{} {down}", props.target) }</th>
                                <th scope="col" class="num">{ &up }</th>
                                <th scope="col" class="num">{ format!("{} {up}", props.target) }</th>
                                <th scope="col" class="num">{ t.tornado_col_swing }</th>
                            </tr>
                        </thead>
                        <tbody>
                            { for props.bars.iter().enumerate().map(|(rank, b)| html! {
                                <tr data-input={input_key(b.input)} data-rank={rank.to_string()}>
                                    <th scope="row">{ input_label(s, b.input, lang) }</th>
                                    <td class="num">{ input_value(b.input, b.value, lang) }</td>
                                    <td class="num">{ input_value(b.input, b.low_value, lang) }</td>
                                    <td class="num">{ format_amount(b.target_at_low, lang) }</td>
                                    <td class="num">{ input_value(b.input, b.high_value, lang) }</td>
                                    <td class="num">{ format_amount(b.target_at_high, lang) }</td>
                                    <td class="num">{ format_amount(b.swing, lang) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                </div>
            </details>
        </figure>
    }
}

/// Today's line at `x` as path segments: from under its label to the first bar, and across
/// each of the `rows` bars (drawn from `y + 24` to `y + 42`), a pixel or two beyond them, leaving
/// the gaps where the rows' names and values are written.
fn base_line(x: Decimal, row_height: u32, rows: u32) -> String {
    let x = c(x);
    let mut d = format!("M{x} {}V{TOP}", TOP - 8);
    for row in 0..rows {
        let y = TOP + row * row_height;
        d.push_str(&format!("M{x} {}V{}", y + 22, y + 43));
    }
    d
}

#[cfg(test)]
mod tests {
    #[test]
    fn values_go_one_under_the_other_where_spaced_text_would_collide() {
        // At 320 px the chart is 304 units wide; these fit side by side as the font draws
        // them, but not with 0,12 em between letters.
        assert!(values_stack("−10%: DKK 4.5m", "+10%: DKK 2.4m", 304));
        assert!(!values_stack("−10%: DKK 4.5m", "+10%: DKK 2.4m", 640));
    }

    use super::*;
    use cofund::presets::Preset;

    #[test]
    fn a_change_of_zero_is_refused_at_its_field() {
        assert_eq!(read_percent("12,5", Lang::Da), Ok(Decimal::new(125, 1)));
        assert_eq!(
            read_percent("0", Lang::Da),
            Err("Angiv en ændring over 0 % – ved 0 % flytter intet sig.".to_string())
        );
        assert!(read_percent("0,0 %", Lang::En).is_err());
        assert!(read_percent("abc", Lang::Da).is_err());
    }

    #[test]
    fn todays_line_leaves_the_rows_names_and_values_free() {
        assert_eq!(
            base_line(Decimal::new(1505, 1), ROW, 2),
            "M150.5 22V30M150.5 52V73M150.5 118V139"
        );
    }

    #[test]
    fn targets_round_trip_and_default_to_the_residual() {
        for target in [
            Target::Gap,
            Target::TotalCost,
            Target::Source("local".into()),
        ] {
            assert_eq!(parse_target(&target_key(&target)), target);
        }
        let s = Preset::find("vaekstpilot-150")
            .and_then(|p| p.scenario().ok())
            .expect("preset");
        assert_eq!(default_target(&s), Target::Source("local".into()));
        assert_eq!(
            target_label(&s, &default_target(&s), Lang::Da),
            "Lokal/regional medfinansiering"
        );
        let sprint = Preset::find("design-sprint")
            .and_then(|p| p.scenario().ok())
            .expect("preset");
        assert_eq!(default_target(&sprint), Target::Gap);
    }
}
