//! The app: reads `config.json` (from the page, or fetched), then the shell (header, language switcher, footer) around the
//! routes of the areas this build serves (`areas`).

use crate::api::{Api, ConfigError, load_config};
use crate::areas::{self, AreaRoutes};
use crate::i18n::{I18n, use_i18n};
use crate::router::{A, Router};
use crate::ui::{ErrorNotice, StoreInfo};
use crate::{account, checkout};
use leptos::prelude::*;
use vitrina_core::api::AppConfig;
use vitrina_core::locale::Locale;
use vitrina_core::routes::Page;

/// The whole app.
///
/// Nothing here waits on anything it need not: with the configuration written into the page
/// by the server, the session check starts at once (beside the page's own data, which starts as
/// soon as the page is shown), and the header is on screen from the first frame. No Suspense
/// wraps the shell, so a page's data loading, failing or being retried never takes the header
/// away.
#[component]
pub fn App() -> impl IntoView {
    areas::settle_hop();
    let preferred = I18n::preferred();
    let inlined = crate::api::inlined_config().and_then(Result::ok);
    // The shopper's language, else the store's (as the page's early requests chose it, so the
    // app's first requests are the ones the page already made).
    let first_locale = preferred.or_else(|| inlined.as_ref().and_then(|c| Locale::from_tag(&c.default_locale))).unwrap_or(Locale::En);
    // The store's time limit for a request, which the words keep too (the default until the
    // store's settings are here).
    let time_limit = inlined.as_ref().map_or(crate::api::REQUEST_TIMEOUT_MS, |c| c.request_timeout_ms);
    let i18n = I18n::new(first_locale, time_limit);
    provide_context(i18n);
    let started = inlined.as_ref().map(Services::start);
    // The frame shows the store's name while the words load, as the page did before the app.
    if let Some(config) = &inlined {
        provide_context(StoreInfo::new(config));
    }
    // The store's settings (unless the page brought them) and the shopper's words are fetched
    // together; without words in any language the store cannot start, and says so.
    let config = LocalResource::new(move || {
        let inlined = inlined.clone();
        async move {
            let (config, words) = match inlined {
                Some(config) => (Ok(config), crate::i18n::load_first(first_locale, time_limit).await),
                None => futures_util::future::join(load_config(), crate::i18n::load_first(first_locale, time_limit)).await,
            };
            let config = config.and_then(|config| words.map(|()| config).map_err(ConfigError::Words))?;
            i18n.time_limit.set_value(config.request_timeout_ms);
            if preferred.is_none()
                && let Some(locale) = Locale::from_tag(&config.default_locale)
            {
                // Without them, the words already here stand in.
                let _ = crate::i18n::load(locale, config.request_timeout_ms).await;
            }
            Ok(config)
        }
    });
    // Until the store and its words are known the page's static shell stays as it is (its header
    // and the page's outline, as the server wrote them); it goes in the same task as the app's
    // shell comes, so no frame shows neither or both.
    move || match config.get() {
        None => ().into_any(),
        Some(Ok(config)) => {
            provide_context(account::SentAccount::read());
            // Only the order and tracking pages have leads (a build without them reads none).
            #[cfg(any(feature = "bundle-all", feature = "bundle-orders", feature = "bundle-track"))]
            provide_context(crate::ui::SentLeads::read(&vitrina_core::routes::SENT_LEADS));
            remove_static_shell();
            if preferred.is_none()
                && let Some(locale) = Locale::from_tag(&config.default_locale)
            {
                i18n.locale.set(locale);
            }
            provide_context(StoreInfo::new(&config));
            started.clone().unwrap_or_else(|| Services::start(&config)).provide();
            view! { <Shell/> }.into_any()
        }
        Some(Err(error)) => {
            remove_static_shell();
            view! { <ConfigErrorPage error=error on_retry=move || config.refetch()/> }.into_any()
        }
    }
}

/// Takes the page's static shell (`#app > [data-shell]`) away: the app shows its own now.
fn remove_static_shell() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    while let Ok(Some(node)) = document.query_selector("#app > [data-shell]") {
        node.remove();
    }
}

/// What every page shares once the store is known: the API client, the session (asked for as
/// soon as this is made), the cart as the header's badge reads it, and, where this build has the
/// checkout's steps, the checkout's entries.
#[derive(Clone)]
struct Services {
    api: Api,
    session: account::Session,
    cart: checkout::CartBadge,
    #[cfg(any(feature = "bundle-all", feature = "bundle-checkout"))]
    checkout: checkout::CheckoutState,
}

impl Services {
    fn start(config: &AppConfig) -> Self {
        let api = Api::new(config);
        let session = account::Session::new(api.clone());
        session.load();
        Services {
            session,
            cart: checkout::CartBadge::new(api.clone()),
            #[cfg(any(feature = "bundle-all", feature = "bundle-checkout"))]
            checkout: checkout::CheckoutState::new(&config.default_country),
            api,
        }
    }

    fn provide(self) {
        provide_context(self.api);
        provide_context(self.session);
        provide_context(self.cart);
        #[cfg(any(feature = "bundle-all", feature = "bundle-checkout"))]
        provide_context(self.checkout);
    }
}

/// Header and footer around whatever the current route shows.
#[component]
fn Shell() -> impl IntoView {
    let i18n = use_i18n();
    let store = expect_context::<StoreInfo>();
    let cart = expect_context::<checkout::CartBadge>();
    // The cart's lines are named in the page's language: asked again when it changes (where the
    // badge has only the count, that is asked again, as cheaply).
    Effect::new(move |_| {
        i18n.get();
        cart.load();
    });
    let count = move || cart.item_count();
    let brand = store.name.clone();
    view! {
        <Router>
            <a class="skip-link" href="#main">{i18n.text("nav.skip")}</a>
            <header class="site-header">
                <div class="site-header__inner">
                    <A href=Page::Catalog.href() attr:class="site-header__brand">{brand}</A>
                    <nav class="site-header__nav" aria-label=i18n.text("nav.label")>
                        <A href=Page::TrackLookup.href()>{i18n.text("nav.track")}</A>
                        <A href=Page::OrderLookup.href()>{i18n.text("nav.orders")}</A>
                        <A href=Page::Cart.href() attr:class="site-header__cart">
                            {i18n.text("nav.cart")}
                            <span class="badge" aria-label=move || i18n.tp("nav.cart_items", count() as i64)>{count}</span>
                        </A>
                    </nav>
                    <account::AccountNav/>
                    <LanguageSwitcher/>
                </div>
            </header>
            <main id="main" class="site-main" tabindex="-1">
                <AreaRoutes/>
            </main>
            <footer class="site-footer">
                <p>{store.name} " · " <A href=Page::TrackLookup.href()>{i18n.text("nav.track")}</A> " · "
                   <A href=Page::OrderLookup.href()>{i18n.text("nav.orders")}</A></p>
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
            <span class="visually-hidden">{i18n.text("nav.language")}</span>
            <select class="language__select" prop:value=move || { i18n.unavailable.track(); i18n.get().tag() } on:focus=move |_| i18n.prefetch_all() on:pointerenter=move |_| i18n.prefetch_all() on:change=move |ev| {
                if let Some(locale) = Locale::from_tag(&event_target_value(&ev)) {
                    i18n.set(locale);
                }
            }>
                {Locale::ALL.into_iter().map(|locale| view! {
                    <option value=locale.tag() lang=locale.tag() selected=move || i18n.get() == locale>{locale.endonym()}</option>
                }).collect_view()}
            </select>
        </label>
        // A language whose words could not be loaded: said in the page's language, the switcher
        // back on it, and a way to try again.
        {move || i18n.unavailable.get().map(|locale| view! {
            <p class="notice notice--error language__error" role="alert">
                {i18n.tf("error.language_unavailable", &[("language", locale.endonym())])} " "
                <button type="button" class="button button--link" on:click=move |_| i18n.set(locale)>{i18n.t("action.retry")}</button>
            </p>
        })}
    }
}

/// A bare frame for a store that cannot start: the store's name when it is known.
#[component]
fn ShellFrame(children: Children) -> impl IntoView {
    let name = use_context::<StoreInfo>().map(|s| s.name).unwrap_or_else(|| "\u{a0}".to_owned());
    view! {
        <header class="site-header"><div class="site-header__inner"><span class="site-header__brand">{name}</span></div></header>
        <main id="main" class="site-main">{children()}</main>
    }
}

/// Shown when `config.json` is missing or broken: the store cannot start, and says so in words.
#[component]
fn ConfigErrorPage(error: ConfigError, #[prop(into)] on_retry: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let detail = match &error {
        ConfigError::Fetch(e) | ConfigError::Words(e) => Some(e.clone()),
        ConfigError::Invalid(_) => None,
    };
    let body = match &error {
        ConfigError::Words(_) => "config_error.words",
        ConfigError::Fetch(_) | ConfigError::Invalid(_) => "config_error.body",
    };
    let technical = error.to_string();
    view! {
        <ShellFrame>
            <section class="page page--narrow config-error">
                <h1>{i18n.text("config_error.title")}</h1>
                <p>{move || i18n.t(body)}</p>
                {detail.map(|e| view! { <ErrorNotice error=e/> })}
                <p class="muted"><code>{technical}</code></p>
                <button type="button" class="button" on:click=move |_| on_retry.run(())>{i18n.text("action.retry")}</button>
            </section>
        </ShellFrame>
    }
}
