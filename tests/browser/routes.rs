//! The route table as the app's router reads it: every page of the table is routed by its own
//! area's features and by no other area's, and its page reads back the values its address
//! carries, through the feature's own typed parameters.

use leptos_router::PossibleRouteMatch;
use leptos_router::location::{BrowserUrl, LocationProvider};
use leptos_router::params::{Params, ParamsMap};
use vitrina::account::SignInQuery;
use vitrina::areas::{RoutePath, area_matches};
use vitrina::confirmation::{OrderParams, OrderQuery};
use vitrina::contact::{ContextQuery, SellerParams};
use vitrina::tracking::{OrderTrackingQuery, TrackingParams};
use vitrina_core::routes::{Area, Page, decode_component, examples};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
fn every_page_is_routed_by_its_own_areas_features_and_no_others() {
    for page in examples() {
        let href = page.href();
        let url = BrowserUrl::parse_with_base(&href, "http://shop.example").expect("an address");
        for area in Area::ALL {
            assert_eq!(area_matches(area, url.path()), area == page.area(), "{href} in {area:?}");
        }
    }
}

/// A query value as the router hands it over: `URLSearchParams` decodes it, and the router's
/// `ParamsMap` decodes it once more (so `%2F` written in a value arrives as `/`).
fn as_the_router_reads(value: &str) -> String {
    decode_component(value).unwrap_or_else(|| value.to_owned())
}

fn read<T: Params>(map: &ParamsMap) -> T {
    T::from_map(map).unwrap_or_else(|e| panic!("{e}"))
}

#[wasm_bindgen_test]
fn every_page_reads_back_what_its_address_carries() {
    for page in examples() {
        let href = page.href();
        let url = BrowserUrl::parse_with_base(&href, "http://shop.example").expect("an address");
        let matched = RoutePath(page.pattern()).test(url.path()).unwrap_or_else(|| panic!("{href} is not routed"));
        let params: ParamsMap = matched.params().into_iter().collect();
        let query = url.search_params();
        let context = |order: &Option<String>| order.as_deref().map(as_the_router_reads);
        match &page {
            Page::Catalog | Page::Cart | Page::Checkout(_) | Page::OrderLookup | Page::TrackLookup | Page::SellerEditor => {
                assert_eq!(params, ParamsMap::new(), "{href}");
            }
            Page::Order { number, token } => {
                assert_eq!(read::<OrderParams>(&params).number.as_ref(), Some(number), "{href}");
                assert_eq!(read::<OrderQuery>(query).token.unwrap_or_default(), as_the_router_reads(token), "{href}");
            }
            Page::OrderTracking { order, token } => {
                let read = read::<OrderTrackingQuery>(query);
                assert_eq!(read.order, Some(as_the_router_reads(order)), "{href}");
                assert_eq!(read.token, context(token), "{href}");
            }
            Page::Tracking { number } => assert_eq!(read::<TrackingParams>(&params).number.as_ref(), Some(number), "{href}"),
            Page::SellerContact { seller_id, context: about } => {
                assert_eq!(read::<SellerParams>(&params).seller_id.as_ref(), Some(seller_id), "{href}");
                let read = read::<ContextQuery>(query);
                assert_eq!((read.order, read.shipment), (context(&about.order), context(&about.shipment)), "{href}");
            }
            Page::SignIn { return_to } => {
                let read = read::<SignInQuery>(query).r#return.unwrap_or_default();
                assert_eq!(read, as_the_router_reads(return_to), "{href}");
            }
        }
    }
}
