//! The seller's proposals for lines it cannot send: what instead (another size or colour, another
//! item, another seller's, or removing it), what that changes in price, the time left to answer
//! and what happens without an answer; the shopper accepts or declines each (seed 002 l.419
//! 9.2.1, l.811–820).

use super::deadline::Countdown;
use super::order_page::OrderContext;
use super::sections::{ctx, with_order};
use crate::api::{Api, ApiError, RequestKey};
use crate::i18n::{I18n, use_i18n};
use crate::ui::intl::format_date_time;
use crate::ui::{ErrorNotice, MoneyText};
use leptos::prelude::*;
use vitrina_core::Money;
use vitrina_core::api::{OrderLine, Substitution, SubstitutionKind, SubstitutionStatus, UnansweredSubstitution};

fn title(name: &str, variant: &str) -> String {
    if variant.is_empty() { name.to_owned() } else { format!("{name}, {variant}") }
}

/// What the seller offers, in words.
fn offer_text(i18n: &I18n, s: &Substitution) -> String {
    let item = s.substitute.as_ref().map(|i| title(&i.name, &i.variant_label)).unwrap_or_default();
    match s.kind {
        SubstitutionKind::OtherVariant => i18n.tf("order.substitution.other_variant", &[("item", &item)]),
        SubstitutionKind::OtherItem => i18n.tf("order.substitution.other_item", &[("item", &item)]),
        SubstitutionKind::OtherSeller => i18n.tf("order.substitution.other_seller", &[("item", &item)]),
        SubstitutionKind::Removal => i18n.t("order.substitution.removal"),
        SubstitutionKind::Unknown => i18n.tf("order.substitution.other_item", &[("item", &item)]),
    }
}

/// The proposals awaiting the shopper's answer; nothing when there are none.
#[component]
pub(crate) fn SubstitutionProposals() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let OrderContext { order, token } = ctx();
    // Pressing again after a failure (or a lost answer) repeats the answer's key.
    let attempt = RequestKey::default();
    let answer = Action::new_local(move |(line_id, accept): &(String, bool)| {
        let (api, token, line_id, accept) = (api.clone(), token.get_untracked(), line_id.clone(), *accept);
        let number = order.with_untracked(|o| o.as_ref().map(|o| o.number.clone())).unwrap_or_default();
        let key = attempt.for_request(format!("{line_id}\u{1f}{accept}"));
        async move {
            let updated = api.answer_substitution(&number, &line_id, &token, accept, &key).await;
            attempt.settle(&updated);
            let updated = updated?;
            order.try_set(Some(updated));
            Ok::<bool, ApiError>(accept)
        }
    });
    let last = StoredValue::new(None::<(String, bool)>);
    let send = Callback::new(move |choice: (String, bool)| {
        last.set_value(Some(choice.clone()));
        answer.clear();
        answer.dispatch_local(choice);
    });
    let busy = move || answer.pending().get();
    view! {
        {with_order(move |o| {
            let awaiting: Vec<OrderLine> =
                o.lines.iter().filter(|l| l.substitution.as_ref().is_some_and(|s| s.status == SubstitutionStatus::Proposed)).cloned().collect();
            (!awaiting.is_empty()).then(|| view! {
                <section class="order-section substitutions" aria-labelledby="substitutions-heading" data-testid="substitutions">
                    <h2 id="substitutions-heading">{i18n.t("order.substitution.title")}</h2>
                    <p>{i18n.t("order.substitution.intro")}</p>
                    <ul class="substitutions__list">
                        {awaiting.into_iter().map(|line| view! { <Proposal line=line send=send busy=Signal::derive(busy)/> }).collect_view()}
                    </ul>
                </section>
            })
        })}
        <p role="status" data-testid="substitution-answered">
            {move || answer.value().get().and_then(Result::ok).map(|accepted| {
                i18n.t(if accepted { "order.substitution.accepted" } else { "order.substitution.declined" })
            })}
        </p>
        {move || answer.value().get().and_then(Result::err).map(|e| view! {
            <ErrorNotice error=e on_retry=move || { if let Some(choice) = last.get_value() { send.run(choice) } }/>
        })}
    }
}

/// One line's proposal with its answer buttons.
#[component]
fn Proposal(
    /// The line, with its proposal.
    line: OrderLine,
    /// Sends the answer: the line's id and whether it is accepted.
    send: Callback<(String, bool)>,
    /// Whether an answer is on its way.
    busy: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let Some(s) = line.substitution.clone() else { return ().into_any() };
    let original = title(&line.name, &line.variant_label);
    let heading_id = format!("substitution-{}", line.id);
    let difference = s.price_difference.clone();
    let price = match difference.amount_minor {
        0 => view! { <span>{i18n.t("order.substitution.same_price")}</span> }.into_any(),
        d if d > 0 => view! { <span>{i18n.t("order.substitution.costs_more")} " " <MoneyText money=difference.clone()/></span> }.into_any(),
        _ => {
            let less = Money { amount_minor: difference.amount_minor.saturating_neg(), currency: difference.currency.clone() };
            view! { <span>{i18n.t("order.substitution.costs_less")} " " <MoneyText money=less/></span> }.into_any()
        }
    };
    let lapse = match s.if_unanswered {
        UnansweredSubstitution::RemoveLine => i18n.t("order.substitution.unanswered.remove_line"),
        _ => i18n.t("order.substitution.unanswered.cancel_order"),
    };
    let by = format_date_time(&s.answer_by, i18n.get(), None);
    let (accept_id, decline_id) = (line.id.clone(), line.id.clone());
    view! {
        <li class="substitution" data-testid="substitution">
            <h3 id=heading_id.clone() class="substitution__title">{i18n.tf("order.substitution.instead_of", &[("item", &original), ("n", &s.quantity.to_string())])}</h3>
            <p class="substitution__offer"><strong>{offer_text(&i18n, &s)}</strong></p>
            <p data-testid="substitution-price">{price}</p>
            <p class="substitution__deadline">
                {i18n.tf("order.substitution.answer_by", &[("time", &by)])} " "
                <Countdown until=s.answer_by.clone() test_id="substitution-countdown"/>
                " " {lapse}
            </p>
            <div class="substitution__actions">
                <button type="button" class="button button--primary" aria-describedby=heading_id.clone() disabled=move || busy.get()
                    on:click=move |_| send.run((accept_id.clone(), true))>
                    {i18n.t("order.substitution.accept")}
                </button>
                " "
                <button type="button" class="button button--secondary" aria-describedby=heading_id disabled=move || busy.get()
                    on:click=move |_| send.run((decline_id.clone(), false))>
                    {i18n.t("order.substitution.decline")}
                </button>
            </div>
        </li>
    }
    .into_any()
}
