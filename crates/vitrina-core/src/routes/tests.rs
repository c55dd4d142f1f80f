use super::*;
use std::collections::BTreeSet;

fn context(order: Option<&str>, shipment: Option<&str>) -> MessageContext {
    MessageContext { order: order.map(str::to_owned), shipment: shipment.map(str::to_owned) }
}

#[test]
fn every_page_reads_back_from_its_own_address() {
    for page in examples() {
        let href = page.href();
        assert_eq!(Page::parse(&href), Some(page.clone()), "{href}");
        assert_eq!(Area::of(href.split('?').next().unwrap()), Some(page.area()), "{href}");
    }
}

#[test]
fn the_examples_cover_every_kind_of_page() {
    let mut seen = BTreeSet::new();
    for page in examples() {
        // Naming every variant here makes a new kind of page fail to compile until it has an example.
        seen.insert(match page {
            Page::Catalog => "catalog",
            Page::Cart => "cart",
            Page::Checkout(_) => "checkout",
            Page::OrderLookup => "order lookup",
            Page::Order { .. } => "order",
            Page::TrackLookup => "track lookup",
            Page::OrderTracking { .. } => "order tracking",
            Page::Tracking { .. } => "tracking",
            Page::SellerContact { .. } => "seller contact",
            Page::SellerEditor => "seller editor",
            Page::SignIn { .. } => "sign in",
        });
    }
    assert_eq!(seen.len(), 11);
    let patterns: BTreeSet<&str> = examples().iter().map(|p| p.pattern().path()).collect();
    assert_eq!(patterns, Pattern::ALL.iter().map(|p| p.path()).collect::<BTreeSet<_>>());
}

#[test]
fn addresses_are_written_as_the_app_always_wrote_them() {
    for (page, href) in [
        (Page::Catalog, "/"),
        (Page::Cart, "/cart"),
        (Page::Checkout(CheckoutStep::Delivery), "/checkout/delivery"),
        (Page::OrderLookup, "/orders/lookup"),
        (Page::Order { number: "1042".into(), token: "t0k".into() }, "/orders/1042?token=t0k"),
        (Page::TrackLookup, "/track"),
        (Page::OrderTracking { order: "DEMO-1001".into(), token: None }, "/track?order=DEMO-1001"),
        (Page::Tracking { number: "PX1000000001".into() }, "/track/PX1000000001"),
        (Page::Tracking { number: "PX 1/2".into() }, "/track/PX%201%2F2"),
        (Page::SellerContact { seller_id: "demo-seller".into(), context: MessageContext::default() }, "/sellers/demo-seller/contact"),
        (
            Page::SellerContact { seller_id: "demo-seller".into(), context: context(None, Some("PX1000000003")) },
            "/sellers/demo-seller/contact?shipment=PX1000000003",
        ),
        (
            Page::SellerContact { seller_id: "demo-seller".into(), context: context(Some("1042"), Some("PX1")) },
            "/sellers/demo-seller/contact?order=1042&shipment=PX1",
        ),
        (Page::SellerEditor, "/seller/contact"),
        (Page::SignIn { return_to: "/seller/contact".into() }, "/sign-in?return=%2Fseller%2Fcontact"),
        (Page::SignIn { return_to: String::new() }, "/sign-in"),
    ] {
        assert_eq!(page.href(), href);
    }
}

#[test]
fn values_are_encoded_as_encode_uri_component_does() {
    assert_eq!(encode_component("Az09-_.!~*'()"), "Az09-_.!~*'()");
    assert_eq!(encode_component("a b/c?d#e&f=g+h%i"), "a%20b%2Fc%3Fd%23e%26f%3Dg%2Bh%25i");
    assert_eq!(encode_component("ä€😀"), "%C3%A4%E2%82%AC%F0%9F%98%80");
    assert_eq!(encode_component("\\\"<>`{}|^[]:@$,;"), "%5C%22%3C%3E%60%7B%7D%7C%5E%5B%5D%3A%40%24%2C%3B");
    assert_eq!(decode_component("%C3%a4%20x"), Some("ä x".into()));
    assert_eq!(decode_component("50%"), None);
    assert_eq!(decode_component("%zz"), None);
    assert_eq!(decode_component("%C3"), None);
}

#[test]
fn odd_addresses_are_read_as_the_router_reads_them() {
    for (address, page) in [
        ("/track/PX1000000001/", Some(Page::Tracking { number: "PX1000000001".into() })),
        ("/track/PX%201", Some(Page::Tracking { number: "PX 1".into() })),
        ("/track/PX+1", Some(Page::Tracking { number: "PX+1".into() })),
        ("/track/%E4", Some(Page::Tracking { number: "%E4".into() })),
        ("/track/50%", Some(Page::Tracking { number: "50%".into() })),
        ("/track/%D1%82%D0%B5%D1%81%D1%82", Some(Page::Tracking { number: "тест".into() })),
        ("/orders/1042?token=a+b%2Bc", Some(Page::Order { number: "1042".into(), token: "a b+c".into() })),
        ("/orders/1042?token=x&token=y", Some(Page::Order { number: "1042".into(), token: "y".into() })),
        ("/orders/1042", Some(Page::Order { number: "1042".into(), token: String::new() })),
        ("/orders/1042?token=%zz", Some(Page::Order { number: "1042".into(), token: "%zz".into() })),
        ("/orders/1042#top", Some(Page::Order { number: "1042".into(), token: String::new() })),
        ("/orders/lookup?token=t", Some(Page::OrderLookup)),
        ("/track?order=", Some(Page::OrderTracking { order: String::new(), token: None })),
        ("/track?token=t", Some(Page::TrackLookup)),
        (
            "/sellers/demo-seller/contact?utm=x&order=1",
            Some(Page::SellerContact { seller_id: "demo-seller".into(), context: context(Some("1"), None) }),
        ),
        ("/sign-in?return", Some(Page::SignIn { return_to: String::new() })),
        ("/sign-in?&&return=%2F", Some(Page::SignIn { return_to: "/".into() })),
        ("", Some(Page::Catalog)),
        ("/?x=1", Some(Page::Catalog)),
        ("//", None),
        ("//cart", None),
        ("/cart//", None),
        ("/Cart", None),
        ("/c%61rt", None),
        ("cart", None),
        ("/checkout", None),
        ("/checkout/other", None),
        ("/orders", None),
        ("/orders/", None),
        ("/orders/1/2", None),
        ("/track//x", None),
        ("/sellers/x", None),
        ("/sellers//contact", None),
        ("/seller", None),
        ("/sign-in/x", None),
        ("/nope", None),
        ("/index.html", None),
    ] {
        assert_eq!(Page::parse(address), page, "{address:?}");
    }
}

#[test]
fn each_path_belongs_to_one_area() {
    for (path, area) in [
        ("/", Some(Area::Shop)),
        ("/cart", Some(Area::Shop)),
        ("/checkout/review", Some(Area::Checkout)),
        ("/orders/lookup", Some(Area::Orders)),
        ("/orders/1042", Some(Area::Orders)),
        ("/track", Some(Area::Track)),
        ("/track/PX1/", Some(Area::Track)),
        ("/sellers/demo-seller/contact", Some(Area::Contact)),
        ("/seller/contact", Some(Area::Seller)),
        ("/sign-in", Some(Area::Account)),
        ("/orders/1/2", None),
        ("/sellers/x", None),
        ("/api/health", None),
    ] {
        assert_eq!(Area::of(path), area, "{path}");
    }
    let html: BTreeSet<&str> = Area::ALL.iter().map(|a| a.html()).collect();
    assert_eq!(html.len(), Area::ALL.len());
    assert!(!html.contains(FALLBACK_HTML), "the fallback page is a copy of one area's, never an area's own name");
    for area in Area::ALL {
        assert!(area.patterns().next().is_some(), "{area:?} serves no page");
    }
}

#[test]
fn a_path_names_at_most_one_pattern_and_its_parameters() {
    assert_eq!(Pattern::Order.params("/orders/A%2FB/"), Some(vec![("number", "A%2FB")]));
    assert_eq!(Pattern::Order.params("/orders/lookup"), None, "the lookup comes first");
    assert_eq!(Pattern::SellerContact.params("/sellers/x/contact"), Some(vec![("seller_id", "x")]));
    assert_eq!(Pattern::Cart.params("/cart"), Some(vec![]));
    for pattern in Pattern::ALL {
        let path = pattern.path().replace(":number", "n1").replace(":seller_id", "s1");
        assert_eq!(Pattern::of(&path), Some(pattern), "{path}");
        for param in pattern.path().split('/').filter_map(|s| s.strip_prefix(':')) {
            assert!(param.chars().all(|c| c.is_ascii_lowercase() || c == '_'), "{param} is a Rust field name too");
        }
    }
}

/// The app's Cargo features: one build per area, `bundle-{name}`, and `bundle-all`.
#[test]
fn the_builds_cargo_features_are_the_areas() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../Cargo.toml")).expect("the app's Cargo.toml");
    let features: BTreeSet<String> = manifest
        .split("\n[")
        .find(|section| section.starts_with("features]"))
        .expect("a [features] section")
        .lines()
        .filter_map(|line| line.split('=').next().map(str::trim))
        .filter(|name| name.starts_with("bundle-"))
        .map(str::to_owned)
        .collect();
    let mut expected: BTreeSet<String> = Area::ALL.iter().map(|a| format!("bundle-{}", a.name())).collect();
    expected.insert("bundle-all".into());
    assert_eq!(features, expected);
}

#[test]
fn the_static_hosts_map_lists_every_pattern_once() {
    let json = areas_json();
    assert_eq!(json["fallback"], FALLBACK_HTML);
    let areas = json["areas"].as_array().unwrap();
    assert_eq!(
        areas.iter().map(|a| a["name"].as_str().unwrap()).collect::<Vec<_>>(),
        ["shop", "checkout", "orders", "track", "contact", "seller", "account"]
    );
    let listed: Vec<&str> = areas.iter().flat_map(|a| a["patterns"].as_array().unwrap()).map(|p| p.as_str().unwrap()).collect();
    assert_eq!(listed, Pattern::ALL.iter().map(|p| p.path()).collect::<Vec<_>>(), "in the table's order, which decides");
}
