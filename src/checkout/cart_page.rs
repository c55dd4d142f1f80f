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
    // Each row reads only its own line, and copies it only when it changed: an answer about one
    // line of a long cart leaves the other rows' lines where they are.
    let line = Memo::new_owning(move |old: Option<Option<CartLine>>| {
        store.cart.with(|c| {
            let now = c.as_ref().and_then(|c| c.lines.iter().find(|l| l.id == id));
            match old {
                Some(old) if old.as_ref() == now => (old, false),
                _ => (now.cloned(), true),
            }
        })
    });
    // The quantity the shopper asked for, shown until the backend has confirmed it.
    let wanted = RwSignal::new(None::<u32>);
    let saving = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let removing = RwSignal::new(false);

    // Each reads only what it needs of the line (no clone of it).
    let line_quantity = move || line.with(|l| l.as_ref().map(|l| l.quantity));
    let quantity = Signal::derive(move || wanted.get().or_else(line_quantity).unwrap_or(1));
    let max = Signal::derive(move || line.with(|l| l.as_ref().map(|l| l.max_quantity.max(1))).unwrap_or(1));
    let pending = move || wanted.get().is_some_and(|w| Some(w) != line_quantity());

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

    // The row is drawn once per look of its line (name, variant, SKU, picture); the backend's
    // answer to a quantity change updates only the texts that follow from it (the unit price, the
    // quantity and the line's total), so the rest of the row, and the focus in it, stay as they are.
    let looks = Memo::new(move |_| {
        line.with(|l| l.as_ref().map(|l| (l.name.clone(), l.variant_label.clone(), l.sku.clone(), l.image_url.clone())))
    });
    let unit = Memo::new(move |_| line.with(|l| l.as_ref().map(|l| l.unit_price.clone())));
    move || {
        looks.get().map(|(name, variant, sku, image)| {
            let image = api.web_page(&image);
            let remove = remove.clone();
            view! {
                <li class="cart-line" data-testid="cart-line">
                    <img class="cart-line__image" src=image alt="" width="96" height="96" loading="lazy"/>
                    <div class="cart-line__info">
                        <p class="cart-line__name">{name.clone()}</p>
                        {(!variant.is_empty()).then(|| view! { <p class="cart-line__variant">{variant}</p> })}
                        <p class="cart-line__sku muted">{i18n.text("cart.sku")} " " <span>{sku}</span></p>
                        <p class="cart-line__unit">{i18n.text("cart.unit_price")} " " {move || unit.get().map(|m| view! { <MoneyText money=m/> })}</p>
                    </div>
                    <QuantityStepper value=quantity max=max item=name.clone() on_change=on_change disabled=removing/>
                    <p class="cart-line__total" aria-live="polite">
                        {move || if pending() {
                            view! { <span class="muted">{i18n.t("cart.updating")}</span> }.into_any()
                        } else {
                            let total = line.with(|l| l.as_ref().map(|l| l.line_total.clone()));
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
