//! The cost and funding split of one evaluated scenario, as tables a screen reader can
//! navigate. Displayed kroner are apportioned so every column adds up to its displayed
//! total, and displayed shares add up to exactly 100,0 %.

use std::rc::Rc;

use cofund::model::{Evaluation, Scenario};
use cofund::numbers::{apportion, format_amount, format_percent, percentages, Lang};
use cofund::Decimal;
use yew::prelude::*;

use crate::i18n::texts;

#[derive(Properties, PartialEq)]
pub struct SplitProps {
    pub scenario: Rc<Scenario>,
    pub evaluation: Rc<Evaluation>,
    pub lang: Lang,
}

#[function_component(Split)]
pub fn split(props: &SplitProps) -> Html {
    let SplitProps { scenario, evaluation: e, lang } = props;
    let lang = *lang;
    let t = texts(lang);

    let line_amounts: Vec<Decimal> = e.lines.iter().map(|l| l.amount).collect();
    let shown_lines = apportion(&line_amounts, 0);
    let shown_total: Decimal = shown_lines.iter().copied().sum();

    let source_amounts: Vec<Decimal> = e.sources.iter().map(|s| s.amount).collect();
    let shown_sources = apportion(&source_amounts, 0);
    let shown_funded: Decimal = shown_sources.iter().copied().sum();
    let shown_shares = percentages(&source_amounts, 1);

    let balance = if e.gap > Decimal::ZERO {
        html! { <p class="cofund-balance cofund-balance--gap" data-testid="balance">
            <strong>{ t.gap }{ ": " }</strong>{ format_amount(e.gap, lang) }</p> }
    } else if e.surplus > Decimal::ZERO {
        html! { <p class="cofund-balance cofund-balance--surplus" data-testid="balance">
            <strong>{ t.surplus }{ ": " }</strong>{ format_amount(e.surplus, lang) }</p> }
    } else {
        html! { <p class="cofund-balance cofund-balance--ok" data-testid="balance">{ t.balanced }</p> }
    };

    html! {
        <section class="cofund-split" aria-labelledby="cofund-scenario-name">
            <h2 id="cofund-scenario-name">{ &scenario.name }</h2>
            <dl class="cofund-summary" aria-label={t.summary_heading}>
                <div><dt>{ t.total_cost }</dt><dd data-testid="total-cost">{ format_amount(shown_total, lang) }</dd></div>
                <div><dt>{ t.eligible_cost }</dt><dd data-testid="eligible-cost">{ format_amount(e.eligible_cost, lang) }</dd></div>
                { for scenario.drivers.iter().zip(&e.per_unit).filter_map(|(d, v)| v.map(|v| html! {
                    <div><dt>{ format!("{} {}", t.per_unit, d.label.to_lowercase()) }</dt><dd>{ format_amount(v, lang) }</dd></div>
                })) }
            </dl>
            { balance }
            <table class="cofund-table">
                <caption>{ t.costs_caption }</caption>
                <thead><tr><th scope="col">{ t.col_item }</th><th scope="col" class="num">{ t.col_amount }</th></tr></thead>
                <tbody>
                    { for scenario.costs.iter().zip(&shown_lines).map(|(line, amount)| html! {
                        <tr>
                            <th scope="row">
                                { &line.label }
                                if !line.eligible { <span class="cofund-note">{ format!(" ({})", t.not_eligible) }</span> }
                            </th>
                            <td class="num">{ format_amount(*amount, lang) }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot><tr><th scope="row">{ t.total_cost }</th><td class="num">{ format_amount(shown_total, lang) }</td></tr></tfoot>
            </table>
            <table class="cofund-table">
                <caption>{ t.sources_caption }</caption>
                <thead><tr>
                    <th scope="col">{ t.col_item }</th>
                    <th scope="col" class="num">{ t.col_amount }</th>
                    <th scope="col" class="num">{ t.col_share }</th>
                </tr></thead>
                <tbody>
                    { for scenario.sources.iter().zip(shown_sources.iter().zip(&shown_shares)).map(|(src, (amount, share))| html! {
                        <tr data-source={src.id.clone()}>
                            <th scope="row">{ &src.label }</th>
                            <td class="num">{ format_amount(*amount, lang) }</td>
                            <td class="num">{ format_percent(*share, 1, lang) }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot><tr>
                    <th scope="row">{ t.funded }</th>
                    <td class="num" data-testid="funded">{ format_amount(shown_funded, lang) }</td>
                    <td class="num"></td>
                </tr></tfoot>
            </table>
        </section>
    }
}
