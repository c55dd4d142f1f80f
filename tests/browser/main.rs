//! Browser tests: components and the browser's `Intl`, in headless Chromium.
//! Run with `make test-browser` (wasm-pack) or
//! `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown`.

#![cfg(target_arch = "wasm32")]

mod address;
mod components;
mod contact;
mod demo;
mod forms;
mod intl;
mod payment;
mod routes;
mod tracking;

use leptos::prelude::*;
use vitrina::account::Session;
use vitrina::api::Api;
use vitrina::i18n::I18n;
use vitrina_core::api::{Account, AppConfig, SessionState};
use vitrina_core::locale::Locale;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test_configure;

wasm_bindgen_test_configure!(run_in_browser);

/// A mounted view and the language it is shown in.
pub struct Mounted {
    pub root: web_sys::HtmlElement,
    pub i18n: I18n,
    _handle: leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>,
}

impl Mounted {
    /// The visible text, with the kinds of space `Intl` uses made plain.
    pub fn text(&self) -> String {
        normalise_spaces(&self.root.inner_text())
    }

    pub fn query(&self, selector: &str) -> Option<web_sys::HtmlElement> {
        self.root.query_selector(selector).ok().flatten().and_then(|e| e.dyn_into().ok())
    }

    pub fn query_all(&self, selector: &str) -> Vec<web_sys::HtmlElement> {
        let list = self.root.query_selector_all(selector).expect("selector");
        (0..list.length()).filter_map(|i| list.item(i)).filter_map(|n| n.dyn_into().ok()).collect()
    }
}

/// Mounts `view` into a fresh element, with the app's language context in `locale`.
pub fn mount<V: IntoView + 'static>(locale: Locale, view: impl FnOnce() -> V + 'static) -> Mounted {
    let document = web_sys::window().unwrap().document().unwrap();
    let root: web_sys::HtmlElement = document.create_element("div").unwrap().dyn_into().unwrap();
    document.body().unwrap().append_child(&root).unwrap();
    let i18n_slot = std::rc::Rc::new(std::cell::Cell::new(None));
    let slot = i18n_slot.clone();
    install_languages();
    let handle = leptos::mount::mount_to(root.clone(), move || {
        let i18n = I18n::new(locale, vitrina_core::api::DEFAULT_REQUEST_TIMEOUT_MS);
        provide_context(i18n);
        slot.set(Some(i18n));
        view().into_any()
    });
    Mounted { root, i18n: i18n_slot.get().expect("mounted"), _handle: handle }
}

/// A store's description as the contract's sample has it (the Russian demo store).
pub fn store_config() -> AppConfig {
    serde_json::from_str(include_str!("../../crates/vitrina-core/tests/samples/app_config.json")).expect("the sample config")
}

/// The HTTP client, pointed at a backend the tests never reach.
pub fn api() -> Api {
    Api::new(&store_config())
}

/// Provides the store's description, as the app does from `config.json`.
pub fn provide_store(config: &AppConfig) {
    provide_context(vitrina::ui::StoreInfo::new(config));
}

/// Provides what pages ask for: the store's description, the HTTP client and a session.
pub fn provide_session(account: Option<Account>) {
    provide_store(&store_config());
    let api = api();
    provide_context(api.clone());
    let session = Session::new(api);
    session.set(SessionState { account });
    provide_context(session);
}

pub fn normalise_spaces(s: &str) -> String {
    s.replace(['\u{a0}', '\u{202f}'], " ")
}

/// The app fetches the languages other than English; the tests have them compiled in.
fn install_languages() {
    macro_rules! tables {
        ($lang:literal) => {
            [
                include_str!(concat!("../../locales/", $lang, "/common.json")),
                include_str!(concat!("../../locales/", $lang, "/catalog.json")),
                include_str!(concat!("../../locales/", $lang, "/checkout.json")),
                include_str!(concat!("../../locales/", $lang, "/order.json")),
                include_str!(concat!("../../locales/", $lang, "/tracking.json")),
                include_str!(concat!("../../locales/", $lang, "/contact.json")),
            ]
        };
    }
    vitrina::i18n::install(Locale::Ru, &tables!("ru"));
    vitrina::i18n::install(Locale::Uk, &tables!("uk"));
    vitrina::i18n::install(Locale::Sk, &tables!("sk"));
}

/// Waits for the next animation frame.
pub async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().request_animation_frame(&resolve);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
