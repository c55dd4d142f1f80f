//! The app: loads `config.json`, then the shell (header, language switcher, footer) and the routes.

use crate::api::{Api, ConfigError, load_config};
use crate::i18n::{I18n, use_i18n};
use crate::storage::{self, Store};
use crate::ui::{ErrorNotice, Loading};
#[allow(unused_imports)] // a build split by area routes only some of them
use crate::{account, catalog, checkout, confirmation, contact, tracking};
use leptos::prelude::*;
use leptos_router::components::{A, Route, Router, Routes};
use leptos_router::path;
use vitrina_core::locale::Locale;

/// The store as `config.json` describes it.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreInfo {
    pub name: String,
    pub currency: String,
}

/// The whole app.
#[component]
pub fn App() -> impl IntoView {
    settle_hop();
    let preferred = I18n::preferred();
    let i18n = I18n::new(preferred.unwrap_or(Locale::En));
    provide_context(i18n);
    // The store's settings and the shopper's language are fetched together.
    let first_locale = preferred.unwrap_or(Locale::En);
    let config = LocalResource::new(move || async move {
        let (config, _) = futures_util::future::join(load_config(), crate::i18n::load(first_locale)).await;
        if let Ok(config) = &config
            && preferred.is_none()
            && let Some(locale) = Locale::from_tag(&config.default_locale)
        {
            crate::i18n::load(locale).await;
        }
        config
    });
    view! {
        <Suspense fallback=|| view! { <ShellFrame><Loading/></ShellFrame> }>
            {move || config.get().map(|result| match result {
                Ok(config) => {
                    if preferred.is_none()
                        && let Some(locale) = Locale::from_tag(&config.default_locale)
                    {
                        i18n.locale.set(locale);
                    }
                    provide_context(StoreInfo { name: config.store_name.clone(), currency: config.currency.clone() });
                    let api = Api::new(&config);
                    provide_context(api.clone());
                    let session = account::Session::new(api.clone());
                    session.load();
                    provide_context(session);
                    provide_context(checkout::CartStore::new(api));
                    provide_context(checkout::CheckoutState::new());
                    view! { <Shell/> }.into_any()
                }
                Err(error) => view! { <ConfigErrorPage error=error on_retry=move || config.refetch()/> }.into_any(),
            })}
        </Suspense>
    }
}

/// Header and footer around whatever the current route shows.
#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<StoreInfo>();
    let cart = expect_context::<checkout::CartStore>();
    cart.load();
    let count = move || cart.cart.with(|c| c.as_ref().map(|c| c.item_count).unwrap_or(0));
    let brand = store.name.clone();
    view! {
        <Router>
            <a class="skip-link" href="#main">{move || i18n.t("nav.skip")}</a>
            <header class="site-header">
                <div class="site-header__inner">
                    <A href="/" attr:class="site-header__brand">{brand}</A>
                    <nav class="site-header__nav" aria-label=move || i18n.t("nav.label")>
                        <A href="/track">{move || i18n.t("nav.track")}</A>
                        <A href="/orders/lookup">{move || i18n.t("nav.orders")}</A>
                        <A href="/cart" attr:class="site-header__cart">
                            {move || i18n.t("nav.cart")}
                            <span class="badge" aria-label=move || i18n.tp("nav.cart_items", count() as i64)>{count}</span>
                        </A>
                    </nav>
                    <account::AccountNav/>
                    <LanguageSwitcher/>
                </div>
            </header>
            <main id="main" class="site-main" tabindex="-1">
                <AppRoutes/>
            </main>
            <footer class="site-footer">
                <p>{store.name} " · " <A href="/track">{move || i18n.t("nav.track")}</A> " · "
                   <A href="/orders/lookup">{move || i18n.t("nav.orders")}</A></p>
            </footer>
        </Router>
    }
}

/// The language switcher: a labelled select, applied at once.
#[component]
fn LanguageSwitcher() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <label class="language">
            <span class="visually-hidden">{move || i18n.t("nav.language")}</span>
            <select class="language__select" on:focus=move |_| i18n.prefetch_all() on:pointerenter=move |_| i18n.prefetch_all() on:change=move |ev| {
                if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
                    i18n.set(locale);
                }
            }>
                {Locale::ALL.into_iter().map(|locale| view! {
                    <option value=locale.tag() lang=locale.tag() selected=move || i18n.get() == locale>{locale.endonym()}</option>
                }).collect_view()}
            </select>
        </label>
    }
}

/// A bare frame for the moments before the store is known.
#[component]
fn ShellFrame(children: Children) -> impl IntoView {
    view! {
        <header class="site-header"><div class="site-header__inner"><span class="site-header__brand">"\u{a0}"</span></div></header>
        <main id="main" class="site-main">{children()}</main>
    }
}

/// Shown when `config.json` is missing or broken: the store cannot start, and says so in words.
#[component]
fn ConfigErrorPage(error: ConfigError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let detail = match &error {
        ConfigError::Fetch(e) => Some(e.clone()),
        ConfigError::Invalid(_) => None,
    };
    let technical = error.to_string();
    view! {
        <ShellFrame>
            <section class="page page--narrow config-error">
                <h1>{move || i18n.t("config_error.title")}</h1>
                <p>{move || i18n.t("config_error.body")}</p>
                {detail.map(|e| view! { <ErrorNotice error=e/> })}
                <p class="muted"><code>{technical}</code></p>
                <button type="button" class="button" on:click=move |_| on_retry.run(())>{move || i18n.t("action.retry")}</button>
            </section>
        </ShellFrame>
    }
}

/// A helpful not-found page: what happened and where to go.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    crate::ui::set_title(&i18n.t("not_found.title"));
    view! {
        <section class="page page--narrow">
            <h1>{move || i18n.t("not_found.title")}</h1>
            <p>{move || i18n.t("not_found.body")}</p>
            <ul class="link-list">
                <li><A href="/">{move || i18n.t("not_found.catalog")}</A></li>
                <li><A href="/orders/lookup">{move || i18n.t("nav.orders")}</A></li>
                <li><A href="/track">{move || i18n.t("nav.track")}</A></li>
            </ul>
        </section>
    }
}

// The routes this build of the app serves. A build may serve every route (`bundle-all`, the
// default) or one area's, so that a page downloads only its own area's code: `bundle-shop`
// (catalog, cart, checkout), `bundle-orders`, `bundle-track`, `bundle-contact` (seller contact,
// the editor, sign-in). The server sends each area's page (`{area}.html`) for its paths, and
// `vitrina_core::routes::is_app_route` knows every route of every area.
#[cfg(feature = "bundle-all")]
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=Elsewhere>
            <Route path=path!("/") view=catalog::CatalogPage/>
            <Route path=path!("/cart") view=checkout::CartPage/>
            <Route path=path!("/checkout/contact") view=checkout::ContactStep/>
            <Route path=path!("/checkout/delivery") view=checkout::DeliveryStep/>
            <Route path=path!("/checkout/payment") view=checkout::PaymentStep/>
            <Route path=path!("/checkout/review") view=checkout::ReviewStep/>
            <Route path=path!("/orders/lookup") view=confirmation::LookupPage/>
            <Route path=path!("/orders/:number") view=confirmation::OrderPage/>
            <Route path=path!("/track") view=tracking::TrackLookupPage/>
            <Route path=path!("/track/:tracking_number") view=tracking::TrackingPage/>
            <Route path=path!("/sellers/:seller_id/contact") view=contact::SellerContactPage/>
            <Route path=path!("/seller/contact") view=contact::SellerEditorPage/>
            <Route path=path!("/sign-in") view=account::SignInPage/>
        </Routes>
    }
}

#[cfg(all(feature = "bundle-shop", not(feature = "bundle-all")))]
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=Elsewhere>
            <Route path=path!("/") view=catalog::CatalogPage/>
            <Route path=path!("/cart") view=checkout::CartPage/>
            <Route path=path!("/checkout/contact") view=checkout::ContactStep/>
            <Route path=path!("/checkout/delivery") view=checkout::DeliveryStep/>
            <Route path=path!("/checkout/payment") view=checkout::PaymentStep/>
            <Route path=path!("/checkout/review") view=checkout::ReviewStep/>
        </Routes>
    }
}

#[cfg(all(feature = "bundle-orders", not(feature = "bundle-all")))]
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=Elsewhere>
            <Route path=path!("/orders/lookup") view=confirmation::LookupPage/>
            <Route path=path!("/orders/:number") view=confirmation::OrderPage/>
        </Routes>
    }
}

#[cfg(all(feature = "bundle-track", not(feature = "bundle-all")))]
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=Elsewhere>
            <Route path=path!("/track") view=tracking::TrackLookupPage/>
            <Route path=path!("/track/:tracking_number") view=tracking::TrackingPage/>
        </Routes>
    }
}

#[cfg(all(feature = "bundle-contact", not(feature = "bundle-all")))]
#[component]
fn AppRoutes() -> impl IntoView {
    view! {
        <Routes fallback=Elsewhere>
            <Route path=path!("/sellers/:seller_id/contact") view=contact::SellerContactPage/>
            <Route path=path!("/seller/contact") view=contact::SellerEditorPage/>
            <Route path=path!("/sign-in") view=account::SignInPage/>
        </Routes>
    }
}

/// A path this build does not serve: another area's page (loaded in full, once) or no page at all.
#[component]
fn Elsewhere() -> impl IntoView {
    let location = leptos_router::hooks::use_location();
    let path = location.pathname.get_untracked();
    let search = location.search.get_untracked();
    let hash = location.hash.get_untracked();
    let target = format!(
        "{path}{}{search}{}{hash}",
        if search.is_empty() || search.starts_with('?') { "" } else { "?" },
        if hash.is_empty() || hash.starts_with('#') { "" } else { "#" },
    );
    // Another area's page: ask the server for it. Having been sent here for this very address
    // means the server sends this build for it, so the page is missing, not elsewhere.
    let hop = normalised(&target);
    let again = hop.is_some() && storage::get_string(Store::Session, HOP_KEY) == hop;
    if vitrina_core::routes::is_app_route(&path)
        && !again
        && let (Some(window), Some(hop)) = (web_sys::window(), hop)
    {
        storage::set_string(Store::Session, HOP_KEY, &hop);
        let _ = window.location().assign(&target);
        return view! { <Loading/> }.into_any();
    }
    storage::remove(Store::Session, HOP_KEY);
    view! { <NotFound/> }.into_any()
}

/// Where the last full-page hop to another area went (session storage).
const HOP_KEY: &str = "vitrina.elsewhere";

/// `path?query` as the browser's URL parser writes it, so one address compares equal however it
/// was spelled.
fn normalised(address: &str) -> Option<String> {
    let base = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new_with_base(address, &base).ok()?;
    Some(format!("{}{}", url.pathname(), url.search()))
}

/// At start-up: a hop that led somewhere else than here is over, so forget it.
fn settle_hop() {
    let here = web_sys::window().and_then(|w| w.location().href().ok()).and_then(|href| normalised(&href));
    if here.is_none() || storage::get_string(Store::Session, HOP_KEY) != here {
        storage::remove(Store::Session, HOP_KEY);
    }
}
