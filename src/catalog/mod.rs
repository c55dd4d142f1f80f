//! `/`: the catalog, the entry to the checkout (product cards with "add to cart").

mod product_card;

use crate::api::Api;
use crate::areas::Route;
use crate::i18n::use_i18n;
use crate::ui::{ErrorNotice, Loading, PageHeading};
use leptos::prelude::*;
use product_card::ProductCard;
use vitrina_core::routes::Pattern;

/// The catalog's page.
pub const ROUTES: &[Route] = &[(Pattern::Catalog, || view! { <CatalogPage/> }.into_any())];

#[component]
pub fn CatalogPage() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let products = LocalResource::new(move || {
        // Another language: the products' names are asked for again, in it.
        i18n.get();
        let api = api.clone();
        async move { api.products().await }
    });
    view! {
        <section class="page catalog">
            <PageHeading key="catalog.title"/>
            <p class="muted">{i18n.text("catalog.intro")}</p>
            // The grid stays while the names in another language come.
            <Transition fallback=|| view! { <Loading/> }>
                {move || products.get().map(|result| match result {
                    Ok(list) if list.products.is_empty() => view! { <p>{i18n.text("catalog.empty")}</p> }.into_any(),
                    Ok(list) => view! {
                        <ul class="catalog__grid">
                            {list.products.into_iter().enumerate().map(|(i, p)| view! { <li><ProductCard product=p eager=i < 4/></li> }).collect_view()}
                        </ul>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e on_retry=move || products.refetch()/> }.into_any(),
                })}
            </Transition>
        </section>
    }
}
