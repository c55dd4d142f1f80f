//! The frame of every checkout step: where the shopper is in the checkout, what the order
//! holds and costs so far, and the rule that a deep link to a later step goes to the first
//! step that still needs something.

use super::cart_store::CartStore;
use super::quote::QuoteView;
use super::state::{CheckoutState, Entries};
use crate::i18n::use_i18n;
use crate::router::{A, use_navigate};
use crate::ui::{ErrorNotice, MoneyText, TotalsTable};
use leptos::prelude::*;
use vitrina_core::api::Cart;
pub use vitrina_core::checkout::Step;

/// The step's name in the progress list.
fn step_label(i18n: &crate::i18n::I18n, step: Step) -> String {
    match step {
        Step::Cart => i18n.t("checkout.step.cart"),
        Step::Contact => i18n.t("checkout.step.contact"),
        Step::Delivery => i18n.t("checkout.step.delivery"),
        Step::Payment => i18n.t("checkout.step.payment"),
        Step::Review => i18n.t("checkout.step.review"),
    }
}

/// The first step that still needs something, given the cart and the entries.
pub fn first_incomplete_step(cart: Option<&Cart>, entries: &Entries) -> Step {
    entries.first_incomplete_step(cart.is_some_and(|c| !c.lines.is_empty()))
}

/// Sends a deep link (or a reload) to a step the shopper cannot be on yet back to the first
/// incomplete one. Checked once, when the cart is known: what happens on the page afterwards
/// (placing the order empties the cart) is the page's own business.
fn guard(step: Step) {
    let cart = expect_context::<CartStore>();
    let state = expect_context::<CheckoutState>();
    let navigate = use_navigate();
    let checked = StoredValue::new(false);
    Effect::new(move |_| {
        // A cart that could not be read is not an empty one: wait for it (the layout says why).
        if checked.get_value() || !cart.loaded.get() || cart.error.with(Option::is_some) {
            return;
        }
        checked.set_value(true);
        let first = cart.cart.with(|c| state.entries.with_untracked(|e| first_incomplete_step(c.as_ref(), e)));
        if first < step {
            navigate.replace(&first.page().href());
        }
    });
}

/// A checkout step: the progress list, the step's content, and the order summary.
#[component]
pub fn CheckoutLayout(
    step: Step,
    /// The step's quote, when it has one, for the summary's totals.
    #[prop(optional)]
    quote: Option<QuoteView>,
    children: Children,
) -> impl IntoView {
    guard(step);
    let i18n = use_i18n();
    let cart = expect_context::<CartStore>();
    view! {
        <nav class="steps" aria-label=i18n.text("checkout.steps")>
            <ol class="steps__list">
                {Step::ALL.into_iter().map(|s| {
                    let label = move || step_label(&i18n, s);
                    if s == step {
                        view! { <li class="steps__item steps__item--current" aria-current="step">{label}</li> }.into_any()
                    } else if s < step {
                        view! { <li class="steps__item steps__item--done"><A href=s.page().href()>{label}</A></li> }.into_any()
                    } else {
                        view! { <li class="steps__item">{label}</li> }.into_any()
                    }
                }).collect_view()}
            </ol>
        </nav>
        <div class="checkout">
            <div class="checkout__main">
                {move || cart.error.get().map(|e| view! { <ErrorNotice error=e on_retry=move || cart.load()/> })}
                {children()}
            </div>
            <aside class="checkout__summary" aria-labelledby="summary-heading">
                <h2 id="summary-heading">{i18n.text("checkout.summary")}</h2>
                // The lines and the totals come with the cart. Until then the summary is its
                // heading, as the page was sent, so nothing in it moves when they come (the
                // checkout is a page of its own, loaded in full: the cart is asked for as it starts).
                {move || cart.cart.get().map(|c| {
                    let subtotal = c.subtotal.clone();
                    view! {
                        <ul class="summary-lines">
                            {c.lines.into_iter().map(|l| view! {
                                <li class="summary-lines__item">
                                    <span>{l.name} {(!l.variant_label.is_empty()).then(|| format!(" · {}", l.variant_label))} " × " {l.quantity}</span>
                                    <MoneyText money=l.line_total/>
                                </li>
                            }).collect_view()}
                        </ul>
                        {move || match quote.and_then(|q| q.quote.get()) {
                            Some(q) => {
                                let code = q.promo.as_ref().filter(|p| p.status == vitrina_core::api::PromoStatus::Applied).map(|p| p.code.clone());
                                view! { <TotalsTable totals=q.totals promo_code=code/> }.into_any()
                            }
                            None => view! {
                                <dl class="totals"><div class="totals__row totals__row--total">
                                    <dt>{i18n.text("cart.subtotal")}</dt><dd><MoneyText money=subtotal.clone()/></dd>
                                </div></dl>
                            }.into_any(),
                        }}
                    }
                })}
            </aside>
        </div>
    }
}
