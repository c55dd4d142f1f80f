//! The app is built once per area (`vitrina_core::routes::Area`: shop, orders, track, contact),
//! so that a page downloads only its own area's code. This module says which features make up
//! each area, which areas this build serves (the Cargo feature `bundle-{area}`, or `bundle-all`
//! for one app with every page), and what happens on a path of another area: the browser loads
//! that area's page from the server, once.
//!
//! Paths come from the route table only: a feature's route component names its pages by
//! [`Pattern`], and [`RoutePath`] lets the router match them with the table's own rules.

use crate::storage::{self, Store};
use crate::ui::{Loading, NotFound};
use leptos::prelude::*;
use leptos_router::any_nested_route::IntoAnyNestedRoute;
use leptos_router::{PartialPathMatch, PathSegment, PossibleRouteMatch};
use std::borrow::Cow;
use vitrina_core::routes::{Area, Pattern};

/// A route's path, as the route table matches it: `<Route path=RoutePath(Pattern::Cart) …/>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoutePath(pub Pattern);

impl PossibleRouteMatch for RoutePath {
    fn optional(&self) -> bool {
        false
    }

    fn test<'a>(&self, path: &'a str) -> Option<PartialPathMatch<'a>> {
        // The router decodes the parameters (as it does its own segments').
        let params = self.0.params(path)?.into_iter().map(|(name, value)| (Cow::Borrowed(name), value.to_owned())).collect();
        Some(PartialPathMatch::new("", params, path))
    }

    fn generate_path(&self, path: &mut Vec<PathSegment>) {
        for segment in self.0.path().split('/').filter(|s| !s.is_empty()) {
            path.push(match segment.strip_prefix(':') {
                Some(name) => PathSegment::Param(name.into()),
                None => PathSegment::Static(segment.into()),
            });
        }
    }
}

/// Declares the features of each area, once: [`serves`] and [`AreaRoutes`] follow from it.
macro_rules! areas {
    ($($area:ident, $feature:literal => $routes:expr;)+) => {
        // Each area's Cargo feature is `bundle-{name}` (a host test checks Cargo.toml has them).
        const _: () = { $(assert!(is_feature_of($feature, Area::$area));)+ };

        /// Whether this build serves `area`'s pages (another area's are another build's).
        pub fn serves(area: Area) -> bool {
            match area {
                $(Area::$area => cfg!(any(feature = "bundle-all", feature = $feature)),)+
            }
        }

        /// The routes of every area this build serves.
        #[component(transparent)]
        pub fn AreaRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
            ($(#[cfg(any(feature = "bundle-all", feature = $feature))] $routes,)+).into_any_nested_route()
        }

        /// Whether `area`'s own routes match `path` (a build of every area only; for tests).
        #[cfg(feature = "bundle-all")]
        pub fn area_matches(area: Area, path: &str) -> bool {
            match area {
                $(Area::$area => leptos_router::RouteDefs::new($routes).match_route(path).is_some(),)+
            }
        }
    };
}

areas! {
    Shop, "bundle-shop" => (crate::catalog::CatalogRoutes(), crate::checkout::CheckoutRoutes());
    Orders, "bundle-orders" => crate::confirmation::OrderRoutes();
    Track, "bundle-track" => crate::tracking::TrackRoutes();
    Contact, "bundle-contact" => crate::contact::ContactRoutes();
    Seller, "bundle-seller" => (crate::contact::SellerEditorRoutes(), crate::account::AccountRoutes());
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
