//! A product card: picture, name, price, variant choice, "add to cart".

use crate::api::{Api, ApiError, RequestKey};
use crate::checkout::CartStore;
use crate::i18n::use_i18n;
use crate::router::A;
use crate::ui::{ErrorNotice, FormField, Model, MoneyText, Select};
use leptos::prelude::*;
use leptos::task::spawn_local;
use vitrina_core::api::Product;
use vitrina_core::routes::Page;

#[derive(Clone, PartialEq)]
enum AddState {
    Idle,
    Adding,
    Added,
    Failed(ApiError),
}

#[component]
pub fn ProductCard(
    /// The product to show.
    product: Product,
    /// Load the picture at once (cards in the first screen) rather than when scrolled to.
    #[prop(optional)]
    eager: bool,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let store = expect_context::<CartStore>();
    let variants = product.variants.clone();
    let selected = RwSignal::new(variants.iter().find(|v| v.available > 0).or(variants.first()).map(|v| v.id.clone()).unwrap_or_default());
    let state = RwSignal::new(AddState::Idle);
    let select_id = format!("variant-{}", product.id);
    let has_choice = variants.len() > 1;
    let several_prices = variants.iter().any(|v| v.price != product.price_from);
    let price_variants = variants.clone();
    let price = Signal::derive(move || {
        let id = selected.get();
        price_variants.iter().find(|v| v.id == id).map(|v| v.price.clone()).unwrap_or_else(|| product.price_from.clone())
    });
    let stock_variants = variants.clone();
    let in_stock = Signal::derive(move || {
        let id = selected.get();
        stock_variants.iter().any(|v| v.id == id && v.available > 0)
    });
    // Adding again after a failure repeats that addition's key: one whose answer was lost on the
    // way (the item already in the cart) is not added twice.
    let request = RequestKey::default();
    let add = move |_| {
        let variant = selected.get_untracked();
        state.set(AddState::Adding);
        spawn_local(async move {
            let key = request.for_request(variant.clone());
            let added = store.add(variant, 1, &key).await;
            request.settle(&added);
            match added {
                Ok(_) => state.set(AddState::Added),
                Err(e) => state.set(AddState::Failed(e)),
            }
        });
    };
    let name = product.name.clone();
    view! {
        <article class="product-card" data-testid="product-card">
            <img class="product-card__image" src=api.web_page(&product.image_url) alt="" width="400" height="400"
                loading=if eager { "eager" } else { "lazy" }/>
            <h2 class="product-card__name">{product.name.clone()}</h2>
            <p class="product-card__price">
                {(several_prices && !has_choice).then(|| view! { <span>{i18n.text("catalog.from")} " "</span> })}
                <MoneyText money=price/>
            </p>
            {product.bulky.then(|| view! { <p class="tag">{i18n.text("catalog.bulky")}</p> })}
            {has_choice.then(|| {
                // Another variant: what was said about adding the last one no longer applies.
                let variant = Model::new(move || selected.get(), move |id| {
                    selected.set(id);
                    state.set(AddState::Idle);
                });
                let ids: Vec<String> = variants.iter().map(|v| v.id.clone()).collect();
                let variants = variants.clone();
                let label = move |id: String| {
                    let v = variants.iter().find(|v| v.id == id);
                    let name = v.map(|v| v.label.clone()).unwrap_or_default();
                    if v.is_some_and(|v| v.available == 0) { format!("{name} — {}", i18n.t("catalog.sold_out")) } else { name }
                };
                view! {
                    <FormField id=select_id.clone() label="catalog.option" class="product-card__option">
                        <Select value=variant options=ids label=label/>
                    </FormField>
                }
            })}
            <button type="button" class="button button--primary" on:click=add
                disabled=move || state.get() == AddState::Adding || !in_stock.get()
                aria-label=move || i18n.tf("catalog.add_named", &[("item", &name)])>
                {move || if in_stock.get() { i18n.t("catalog.add") } else { i18n.t("catalog.sold_out") }}
            </button>
            <div class="product-card__status" aria-live="polite">
                {move || match state.get() {
                    AddState::Added => view! { <p>{i18n.t("catalog.added")} " " <A href=Page::Cart.href()>{i18n.t("catalog.view_cart")}</A></p> }.into_any(),
                    AddState::Failed(e) => view! { <ErrorNotice error=e/> }.into_any(),
                    _ => ().into_any(),
                }}
            </div>
        </article>
    }
}
