//! `/cart`: the lines, their quantities, the subtotal, and the way on to checkout.
//!
//! A quantity change shows at once; the prices that follow from it are the backend's, shown as
//! "updating" until it answers, so the page never states a total the backend disagrees with.

use super::cart_store::{CartNotice, CartStore};
use crate::api::{Api, ApiError};
use crate::i18n::use_i18n;
use crate::router::A;
use crate::ui::{ErrorNotice, Loading, MoneyText, PageHeading, QuantityStepper};
use leptos::prelude::*;
use leptos::task::spawn_local;
use vitrina_core::api::CartLine;
use vitrina_core::routes::{CheckoutStep, Page};

#[component]
pub fn CartPage() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<CartStore>();
    let line_ids = Memo::new(move |_| {
        store.cart.with(|c| c.as_ref().map(|c| c.lines.iter().map(|l| l.id.clone()).collect::<Vec<_>>()).unwrap_or_default())
    });
    // A memo, so the list is rebuilt only when the cart becomes empty or not, not on each change.
    let has_cart = Memo::new(move |_| store.cart.with(|c| c.as_ref().is_some_and(|c| !c.lines.is_empty())));
    let loaded = Memo::new(move |_| store.loaded.get());
    view! {
        <section class="page cart">
            <PageHeading key="cart.title"/>
            {move || store.notice.get().map(|notice| match notice {
                CartNotice::Replaced => view! {
                    <div class="notice notice--info" role="status">
                        <p>{i18n.text("cart.replaced")}</p>
                        <button type="button" class="button button--link" on:click=move |_| store.notice.set(None)>{i18n.text("action.dismiss")}</button>
                    </div>
                },
            })}
            {move || store.error.get().map(|e| view! { <ErrorNotice error=e on_retry=move || store.load()/> })}
            {move || {
                if !loaded.get() {
                    view! { <Loading/> }.into_any()
                } else if !has_cart.get() {
                    view! {
                        <div class="empty-state">
                            <p>{i18n.text("cart.empty")}</p>
                            <A href=Page::Catalog.href() attr:class="button">{i18n.text("cart.browse")}</A>
                        </div>
                    }.into_any()
                } else {
                    view! {
                        <ul class="cart__lines" aria-label=i18n.text("cart.lines")>
                            <For each=move || line_ids.get() key=|id| id.clone() let:id>
                                <CartLineRow line_id=id/>
                            </For>
                        </ul>
                        <CartSummary/>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// The subtotal and the way on.
#[component]
fn CartSummary() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<CartStore>();
    let zero = expect_context::<crate::ui::StoreInfo>().zero();
    let subtotal = Signal::derive(move || store.cart.with(|c| c.as_ref().map(|c| c.subtotal.clone())).unwrap_or_else(|| zero.clone()));
    view! {
        <div class="cart__summary">
            <dl class="totals">
                <div class="totals__row totals__row--total">
                    <dt>{i18n.text("cart.subtotal")}</dt>
                    <dd data-testid="cart-subtotal"><MoneyText money=subtotal/></dd>
                </div>
            </dl>
            <p class="muted">{i18n.text("cart.subtotal_note")}</p>
            <A href=Page::Checkout(CheckoutStep::Contact).href() attr:class="button button--primary">{i18n.text("cart.checkout")}</A>
        </div>
    }
}

/// One line: picture, name, variant, SKU, unit price, quantity, line total, remove.
#[component]
fn CartLineRow(line_id: String) -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<CartStore>();
    let api = expect_context::<Api>();
    let id = line_id.clone();
    // Each row reads only its own line (a clone of one line, not of the cart).
    let line = Memo::new(move |_| store.cart.with(|c| c.as_ref().and_then(|c| c.lines.iter().find(|l| l.id == id).cloned())));
    // The quantity the shopper asked for, shown until the backend has confirmed it.
    let wanted = RwSignal::new(None::<u32>);
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let removing = RwSignal::new(false);

    let quantity = Signal::derive(move || wanted.get().or_else(|| line.get().map(|l| l.quantity)).unwrap_or(1));
    let max = Signal::derive(move || line.get().map(|l| l.max_quantity.max(1)).unwrap_or(1));
    let pending = move || wanted.get().is_some_and(|w| Some(w) != line.get().map(|l| l.quantity));

    // Sends the latest wanted quantity; clicks made meanwhile are folded into one follow-up request.
    let save = {
        let line_id = line_id.clone();
        move || {
            if saving.get_untracked() {
                return;
            }
            saving.set(true);
            let line_id = line_id.clone();
            spawn_local(async move {
                // The row may have gone (the line was removed) while a request was out.
                while let Some(target) = wanted.try_get_untracked().flatten() {
                    let result = store.set_quantity(line_id.clone(), target).await;
                    match result {
                        Ok(_) if wanted.try_get_untracked().flatten() == Some(target) => {
                            wanted.try_set(None);
                            error.try_set(None);
                            break;
                        }
                        Ok(_) => continue,
                        Err(e) => {
                            wanted.try_set(None);
                            error.try_set(Some(e));
                            break;
                        }
                    }
                }
                saving.try_set(false);
            });
        }
    };
    let on_change = Callback::new(move |q: u32| {
        wanted.set(Some(q));
        save();
    });
    let remove = {
        let line_id = line_id.clone();
        move |_| {
            removing.try_set(true);
            let line_id = line_id.clone();
            spawn_local(async move {
                if let Err(e) = store.remove(line_id).await {
                    error.try_set(Some(e));
                }
                removing.try_set(false);
            });
        }
    };

    move || {
        line.get().map(|l: CartLine| {
            let name = l.name.clone();
            let image = api.web_page(&l.image_url);
            let unit = l.unit_price.clone();
            let remove = remove.clone();
            view! {
                <li class="cart-line" data-testid="cart-line">
                    <img class="cart-line__image" src=image alt="" width="96" height="96" loading="lazy"/>
                    <div class="cart-line__info">
                        <p class="cart-line__name">{l.name.clone()}</p>
                        {(!l.variant_label.is_empty()).then(|| view! { <p class="cart-line__variant">{l.variant_label.clone()}</p> })}
                        <p class="cart-line__sku muted">{i18n.text("cart.sku")} " " <span>{l.sku.clone()}</span></p>
                        <p class="cart-line__unit">{i18n.text("cart.unit_price")} " " <MoneyText money=unit.clone()/></p>
                    </div>
                    <QuantityStepper value=quantity max=max item=name.clone() on_change=on_change disabled=removing/>
                    <p class="cart-line__total" aria-live="polite">
                        {move || if pending() {
                            view! { <span class="muted">{i18n.t("cart.updating")}</span> }.into_any()
                        } else {
                            let total = line.get().map(|l| l.line_total);
                            total.map(|t| view! { <MoneyText money=t/> }).into_any()
                        }}
                    </p>
                    <button type="button" class="button button--link cart-line__remove" on:click=remove disabled=move || removing.get()
                        aria-label=move || i18n.tf("cart.remove_item", &[("item", &name)])>{i18n.text("cart.remove")}</button>
                    {move || error.get().map(|e| view! { <div class="cart-line__error"><ErrorNotice error=e/></div> })}
                </li>
            }
        })
    }
}
