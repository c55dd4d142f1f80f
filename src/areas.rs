//! The app is built once per area (`vitrina_core::routes::Area`: shop, checkout, orders, …),
//! so that a page downloads only its own area's code. This module says which features make up
//! each area, which areas this build serves (the Cargo feature `bundle-{area}`, or `bundle-all`
//! for one app with every page), and what happens on a path of another area: the browser loads
//! that area's page from the server, once.
//!
//! Paths come from the route table only: each feature lists its pages as [`Route`]s, by
//! [`Pattern`], and an address is matched by the table's own rule (`Pattern::of`).

use crate::router::use_location;
use crate::storage::{self, Store};
use crate::ui::{Loading, NotFound};
use leptos::prelude::*;
use leptos::tachys::reactive_graph::OwnedView;
use vitrina_core::routes::{Area, Pattern};

/// One page of a feature: its pattern in the route table, and the view that shows it.
pub type Route = (Pattern, fn() -> AnyView);

/// `path`'s page among `routes`, when one of them is its page.
fn route_of(routes: &[&'static [Route]], path: &str) -> Option<&'static Route> {
    let pattern = Pattern::of(path)?;
    routes.iter().flat_map(|r| *r).find(|(p, _)| *p == pattern)
}

/// Declares the features of each area, once: [`serves`] and [`AreaRoutes`] follow from it.
macro_rules! areas {
    ($($area:ident, $feature:literal => [$($routes:expr),+];)+) => {
        // Each area's Cargo feature is `bundle-{name}` (a host test checks Cargo.toml has them).
        const _: () = { $(assert!(is_feature_of($feature, Area::$area));)+ };

        /// Whether this build serves `area`'s pages (another area's are another build's).
        pub fn serves(area: Area) -> bool {
            match area {
                $(Area::$area => cfg!(any(feature = "bundle-all", feature = $feature)),)+
            }
        }

        /// The routes of every area this build serves.
        const SERVED: &[&[Route]] = &[$($(#[cfg(any(feature = "bundle-all", feature = $feature))] $routes,)+)+];

        /// Whether `area`'s own routes match `path` (a build of every area only; for tests).
        #[cfg(feature = "bundle-all")]
        pub fn area_matches(area: Area, path: &str) -> bool {
            let routes: &[&'static [Route]] = match area {
                $(Area::$area => &[$($routes),+],)+
            };
            route_of(routes, path).is_some()
        }
    };
}

areas! {
    Shop, "bundle-shop" => [crate::catalog::ROUTES, crate::checkout::CART_ROUTES];
    Checkout, "bundle-checkout" => [crate::checkout::ROUTES];
    Orders, "bundle-orders" => [crate::confirmation::ROUTES];
    Track, "bundle-track" => [crate::tracking::ROUTES];
    Contact, "bundle-contact" => [crate::contact::CONTACT_ROUTES];
    Seller, "bundle-seller" => [crate::contact::EDITOR_ROUTES];
    Account, "bundle-account" => [crate::account::ROUTES];
}

/// The page of the address being shown, among the routes of the areas this build serves;
/// [`Elsewhere`] for any other path. A page stays while only its parameters or query change
/// (`/orders/1` to `/orders/2`): it reads them from the address itself.
#[component]
pub fn AreaRoutes() -> impl IntoView {
    let location = use_location();
    // The page's pattern, or the path that is none of this build's pages.
    let shown = Memo::new(move |_| location.with(|l| route_of(SERVED, &l.path).map(|(pattern, _)| *pattern).ok_or_else(|| l.path.clone())));
    // Each page has an owner of its own, ended only after the next page has taken its place in
    // the document: what the page does as it leaves (a focused field's blur, fired when the
    // field is taken out) still finds its state.
    let parent = Owner::current().unwrap_or_default();
    let on_screen = StoredValue::new(None::<Owner>);
    move || {
        let owner = parent.child();
        let page = owner.with(|| match shown.get().ok().and_then(|pattern| SERVED.iter().flat_map(|r| *r).find(|(p, _)| *p == pattern)) {
            Some((_, page)) => page(),
            None => view! { <Elsewhere/> }.into_any(),
        });
        // Built and updated under the page's owner too, not only made there: the effects of its
        // view (a section shown when an answer comes) find the contexts the page provided.
        let page = OwnedView::new_with_owner(page, owner.clone());
        if let Some(left) = on_screen.try_update_value(|current| current.replace(owner)).flatten() {
            queue_microtask(move || left.cleanup());
        }
        page
    }
}

/// Whether `feature` is `bundle-{area's name}`.
const fn is_feature_of(feature: &str, area: Area) -> bool {
    let (feature, prefix, name) = (feature.as_bytes(), b"bundle-", area.name().as_bytes());
    if feature.len() != prefix.len() + name.len() {
        return false;
    }
    let mut i = 0;
    while i < feature.len() {
        let expected = if i < prefix.len() { prefix[i] } else { name[i - prefix.len()] };
        if feature[i] != expected {
            return false;
        }
        i += 1;
    }
    true
}

/// A path this build does not serve: another area's page (loaded in full, once) or no page at all.
#[component]
pub fn Elsewhere() -> impl IntoView {
    let location = use_location().get_untracked();
    let path = location.path.clone();
    let hash = web_sys::window().and_then(|w| w.location().hash().ok()).unwrap_or_default();
    let target = format!("{}{hash}", location.href());
    // Another area's page: ask the server for it. Having been sent here for this very address
    // means the server sends this build for it, so the page is missing, not elsewhere.
    let hop = normalised(&target);
    let again = hop.is_some() && storage::get_string(Store::Session, HOP_KEY) == hop;
    if Area::of(&path).is_some_and(|area| !serves(area))
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
pub fn settle_hop() {
    let here = web_sys::window().and_then(|w| w.location().href().ok()).and_then(|href| normalised(&href));
    if here.is_none() || storage::get_string(Store::Session, HOP_KEY) != here {
        storage::remove(Store::Session, HOP_KEY);
    }
}
