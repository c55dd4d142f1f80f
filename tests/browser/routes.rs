//! The route table as the app's router reads it: every page of the table is routed by its own
//! area's features and by no other area's, its page reads back the values its address carries,
//! and links to the build's pages are followed in the app.

use crate::mount;
use leptos::prelude::*;
use std::sync::{Arc, Mutex};
use vitrina::areas::area_matches;
use vitrina::router::{A, Location, Router, use_page};
use vitrina_core::locale::Locale;
use vitrina_core::routes::{Area, Page, examples};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::wasm_bindgen_test;

/// `href` as the browser's URL parser writes it, which is what the router reads.
fn as_the_browser_writes(href: &str) -> Location {
    let url = web_sys::Url::new_with_base(href, "http://shop.example").expect("an address");
    Location { path: url.pathname(), query: url.search().trim_start_matches('?').to_owned() }
}

#[wasm_bindgen_test]
fn every_page_is_routed_by_its_own_areas_features_and_no_others() {
    for page in examples() {
        let href = page.href();
        let location = as_the_browser_writes(&href);
        for area in Area::ALL {
            assert_eq!(area_matches(area, &location.path), area == page.area(), "{href} in {area:?}");
        }
    }
}

/// Records the page the router reads from the browser's address.
#[component]
fn ReadPage(seen: Arc<Mutex<Option<Option<Page>>>>) -> impl IntoView {
    *seen.lock().unwrap() = Some(use_page().get_untracked());
}

/// Shows `href` in the address bar for the rest of the test (the test page's own address is put
/// back by [`Restore`]).
fn show_address(href: &str) {
    let history = web_sys::window().unwrap().history().unwrap();
    history.replace_state_with_url(&JsValue::UNDEFINED, "", Some(href)).unwrap();
}

struct Restore(String);

impl Restore {
    fn here() -> Restore {
        Restore(web_sys::window().unwrap().location().href().unwrap())
    }
}

impl Drop for Restore {
    fn drop(&mut self) {
        show_address(&self.0);
    }
}

#[wasm_bindgen_test]
fn every_page_reads_back_what_its_address_carries() {
    let _restore = Restore::here();
    for page in examples() {
        let href = page.href();
        // Exactly the values the link was written with: each is decoded once, so a `%2F` or a
        // `&` inside a value (a return path's own query) arrives as it was.
        assert_eq!(as_the_browser_writes(&href).page(), Some(page.clone()), "{href}");
        show_address(&href);
        let seen = Arc::new(Mutex::new(None));
        let slot = seen.clone();
        let _m = mount(Locale::En, move || view! { <Router><ReadPage seen=slot/></Router> });
        assert_eq!(seen.lock().unwrap().clone(), Some(Some(page.clone())), "{href} read from the address bar");
    }
}

fn link(m: &crate::Mounted, text: &str) -> web_sys::HtmlElement {
    m.query_all("a").into_iter().find(|a| a.inner_text() == text).unwrap_or_else(|| panic!("the link {text:?}"))
}

#[wasm_bindgen_test]
async fn a_link_to_a_page_of_the_build_is_followed_in_the_app_and_marks_the_current_page() {
    let _restore = Restore::here();
    show_address(&Page::Tracking { number: "PX1000000001".into() }.href());
    let window = web_sys::window().unwrap();
    let entries = window.history().unwrap().length().unwrap();
    let shown = Arc::new(Mutex::new(None));
    let slot = shown.clone();
    let m = mount(Locale::En, move || {
        view! {
            <Router>
                <A href=Page::TrackLookup.href()>"Track"</A>
                <A href=Page::Cart.href()>"Cart"</A>
                <A href=Page::Catalog.href()>"Catalog"</A>
                <Current shown=slot/>
            </Router>
        }
    });
    leptos::task::tick().await;
    // A link is current on its page and below it; `/` only on itself.
    assert_eq!(link(&m, "Track").get_attribute("aria-current").as_deref(), Some("page"));
    assert_eq!(link(&m, "Cart").get_attribute("aria-current"), None);
    assert_eq!(link(&m, "Catalog").get_attribute("aria-current"), None);

    link(&m, "Cart").click();
    leptos::task::tick().await;
    assert_eq!(window.location().pathname().unwrap(), "/cart", "the address bar shows the page");
    assert_eq!(window.history().unwrap().length().unwrap(), entries + 1, "one new entry in the history");
    assert_eq!(shown.lock().unwrap().clone(), Some(Page::Cart), "the app shows it, without loading anew");
    assert_eq!(link(&m, "Cart").get_attribute("aria-current").as_deref(), Some("page"));
    assert_eq!(link(&m, "Track").get_attribute("aria-current"), None);
}

/// Keeps the page the router shows, as it changes.
#[component]
fn Current(shown: Arc<Mutex<Option<Page>>>) -> impl IntoView {
    let page = use_page();
    Effect::new(move |_| *shown.lock().unwrap() = page.get());
}

/// A page that shows a link only on one address: following it takes the link away with the page.
#[component]
fn LinkAway() -> impl IntoView {
    let page = use_page();
    move || {
        (page.get() == Some(Page::Cart))
            .then(|| view! { <A href=Page::Checkout(vitrina_core::routes::CheckoutStep::Contact).href()>"Checkout"</A> })
    }
}

#[wasm_bindgen_test]
async fn a_link_that_takes_its_own_page_away_is_followed_without_a_panic() {
    let _restore = Restore::here();
    show_address(&Page::Cart.href());
    let m = mount(Locale::En, || view! { <Router><LinkAway/></Router> });
    leptos::task::tick().await;
    link(&m, "Checkout").click();
    leptos::task::tick().await;
    crate::next_frame().await;
    assert_eq!(web_sys::window().unwrap().location().pathname().unwrap(), "/checkout/contact");
    assert!(m.query("a").is_none(), "the link went with its page");
}
