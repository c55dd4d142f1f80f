//! Vitrina: checkout, order confirmation, shipment tracking and seller contact for any online
//! store, as a Leptos single-page app talking to a backend over a documented JSON contract.
//!
//! One folder per feature (`catalog`, `checkout`, `confirmation`, `tracking`, `contact`,
//! `account`); the HTTP client in `api`; shared UI pieces in `ui`; words in `i18n`; the contract
//! types and pure rules in the `vitrina-core` crate.

pub mod account;
pub mod api;
pub mod app;
pub mod areas;
pub mod catalog;
pub mod checkout;
pub mod confirmation;
pub mod contact;
pub mod i18n;
pub mod router;
pub mod storage;
pub mod tracking;
pub mod ui;

pub use app::App;

/// Mounts the running app in `#app`, after the static shell, which stays on screen until the app
/// shows the same in its place (`app::App`).
pub fn start() {
    // A panic aborts the app; at least say why, where developers and tests look.
    std::panic::set_hook(Box::new(|info| web_sys::console::error_1(&info.to_string().into())));
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(root) = document.get_element_by_id("app") else {
        return;
    };
    let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) else {
        return;
    };
    let handle = leptos::mount::mount_to(root, App);
    // The app lives as long as the page.
    handle.forget();
}
