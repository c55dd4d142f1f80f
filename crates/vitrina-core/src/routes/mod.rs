//! The app's pages, in one table: every page's path pattern, the area (the build of the app)
//! that serves it, and how its address is written and read.
//!
//! Everything that knows a path derives it from here: the app's links ([`Page::href`]) and
//! route components (through [`Pattern`]), the server's choice of HTML page per path
//! ([`Area::of`]), the build's list of areas and the static host's map ([`areas_json`]).

mod encoding;
mod links;
mod outline;
#[cfg(test)]
mod tests;

pub use encoding::{decode_component, encode_component};
pub use links::{MAX_EXTERNAL_URL, safe_external_url, safe_return_path};
pub use outline::{
    CHECKOUT_STEP_NAMES, CHECKOUT_STEPS_LABEL, CHECKOUT_SUMMARY, Frame, Intro, Lead, ORDER_LEADS, Outline, SENT_LEADS, SIGN_IN_DEMO,
    SIGN_IN_FORM, TRACKING_LEADS,
};

use crate::api::MessageContext;

/// A part of the app that is built, downloaded and served on its own: a page of one area
/// carries only that area's code, and a link to another area is a full page load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Area {
    /// The catalog and the cart.
    Shop,
    /// The checkout's steps: kept apart from the catalog and the cart, so that a shopper
    /// browsing does not download the checkout's forms and rules (each area's first load stays
    /// within its budget).
    Checkout,
    /// Order pages and the order lookup.
    Orders,
    /// Shipment tracking.
    Track,
    /// A seller's contact page (the widget shoppers use).
    Contact,
    /// The seller's editor: kept apart from the widget, so that a shopper opening a seller's
    /// contact does not download the editor.
    Seller,
    /// Signing in: kept apart from the editor, so that a shopper who signs in does not download
    /// it (and the editor, asked for by a seller signed in, carries no sign-in page).
    Account,
}

impl Area {
    pub const ALL: [Area; 7] = [Area::Shop, Area::Checkout, Area::Orders, Area::Track, Area::Contact, Area::Seller, Area::Account];

    /// The area's name: its build's Cargo feature is `bundle-{name}`.
    pub const fn name(self) -> &'static str {
        match self {
            Area::Shop => "shop",
            Area::Checkout => "checkout",
            Area::Orders => "orders",
            Area::Track => "track",
            Area::Contact => "contact",
            Area::Seller => "seller",
            Area::Account => "account",
        }
    }

    /// The HTML page of the area's build, which a host sends for the area's paths.
    pub const fn html(self) -> &'static str {
        match self {
            Area::Shop => "shop.html",
            Area::Checkout => "checkout.html",
            Area::Orders => "orders.html",
            Area::Track => "track.html",
            Area::Contact => "contact.html",
            Area::Seller => "seller.html",
            Area::Account => "account.html",
        }
    }

    /// The area whose page `path` is (no query), or `None` when it is no page of the app.
    pub fn of(path: &str) -> Option<Area> {
        Pattern::of(path).map(Pattern::area)
    }

    /// The patterns of the area's pages.
    pub fn patterns(self) -> impl Iterator<Item = Pattern> {
        Pattern::ALL.into_iter().filter(move |p| p.area() == self)
    }
}

/// The page a host sends for paths of no area (and every path, for a build of one app).
pub const FALLBACK_HTML: &str = "index.html";

/// A step of the checkout after the cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CheckoutStep {
    Contact,
    Delivery,
    Payment,
    Review,
}

impl CheckoutStep {
    pub const ALL: [CheckoutStep; 4] = [CheckoutStep::Contact, CheckoutStep::Delivery, CheckoutStep::Payment, CheckoutStep::Review];
}

/// The path pattern of a kind of page: static segments and `:named` parameters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pattern {
    Catalog,
    Cart,
    Checkout(CheckoutStep),
    OrderLookup,
    Order,
    TrackLookup,
    Tracking,
    SellerContact,
    SellerEditor,
    SignIn,
}

impl Pattern {
    /// Every pattern. A path is the page of the first pattern here that matches it, so
    /// `/orders/lookup` is the lookup, not an order numbered "lookup".
    pub const ALL: [Pattern; 13] = [
        Pattern::Catalog,
        Pattern::Cart,
        Pattern::Checkout(CheckoutStep::Contact),
        Pattern::Checkout(CheckoutStep::Delivery),
        Pattern::Checkout(CheckoutStep::Payment),
        Pattern::Checkout(CheckoutStep::Review),
        Pattern::OrderLookup,
        Pattern::Order,
        Pattern::TrackLookup,
        Pattern::Tracking,
        Pattern::SellerContact,
        Pattern::SellerEditor,
        Pattern::SignIn,
    ];

    /// The path pattern (`:name` is a parameter, one non-empty segment).
    pub const fn path(self) -> &'static str {
        match self {
            Pattern::Catalog => "/",
            Pattern::Cart => "/cart",
            Pattern::Checkout(CheckoutStep::Contact) => "/checkout/contact",
            Pattern::Checkout(CheckoutStep::Delivery) => "/checkout/delivery",
            Pattern::Checkout(CheckoutStep::Payment) => "/checkout/payment",
            Pattern::Checkout(CheckoutStep::Review) => "/checkout/review",
            Pattern::OrderLookup => "/orders/lookup",
            Pattern::Order => "/orders/:number",
            Pattern::TrackLookup => "/track",
            Pattern::Tracking => "/track/:number",
            Pattern::SellerContact => "/sellers/:seller_id/contact",
            Pattern::SellerEditor => "/seller/contact",
            Pattern::SignIn => "/sign-in",
        }
    }

    /// The area whose build serves these pages.
    pub const fn area(self) -> Area {
        match self {
            Pattern::Catalog | Pattern::Cart => Area::Shop,
            Pattern::Checkout(_) => Area::Checkout,
            Pattern::OrderLookup | Pattern::Order => Area::Orders,
            Pattern::TrackLookup | Pattern::Tracking => Area::Track,
            Pattern::SellerContact => Area::Contact,
            Pattern::SellerEditor => Area::Seller,
            Pattern::SignIn => Area::Account,
        }
    }

    /// The pattern whose page `path` is (no query): the one decision, shared by the app's router
    /// and the server.
    pub fn of(path: &str) -> Option<Pattern> {
        Pattern::first_match(path).map(|(pattern, _)| pattern)
    }

    /// The parameters of `path` when it is a page of this pattern, as written in the path
    /// (still percent-encoded): `("number", "PX%201")`.
    pub fn params(self, path: &str) -> Option<Pairs<'_>> {
        Pattern::first_match(path).filter(|(pattern, _)| *pattern == self).map(|(_, params)| params)
    }

    /// The first pattern in [`Pattern::ALL`] that `path` matches, with its parameters.
    fn first_match(path: &str) -> Option<(Pattern, Pairs<'_>)> {
        let segments = segments(path)?;
        Pattern::ALL.into_iter().find_map(|pattern| pattern.bind(&segments).map(|params| (pattern, params)))
    }

    /// The pattern's segments against a path's, binding its parameters.
    fn bind<'a>(self, segments: &[&'a str]) -> Option<Pairs<'a>> {
        let pattern: &'static str = self.path();
        let own: Vec<&'static str> = pattern.split('/').filter(|s| !s.is_empty()).collect();
        if own.len() != segments.len() {
            return None;
        }
        let mut params = Vec::new();
        for (own, theirs) in own.into_iter().zip(segments) {
            match own.strip_prefix(':') {
                Some(name) => params.push((name, *theirs)),
                None if own == *theirs => {}
                None => return None,
            }
        }
        Some(params)
    }
}

/// A path's segments: `/` has none, one trailing `/` is allowed, an empty segment is no page.
fn segments(path: &str) -> Option<Vec<&str>> {
    if path.is_empty() || path == "/" {
        return Some(Vec::new());
    }
    let rest = path.strip_prefix('/')?;
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let segments: Vec<&str> = rest.split('/').collect();
    segments.iter().all(|s| !s.is_empty()).then_some(segments)
}

/// One page of the app with what its address carries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    Catalog,
    Cart,
    Checkout(CheckoutStep),
    OrderLookup,
    /// An order's page; the token (from the confirmation email) opens it.
    Order {
        number: String,
        token: String,
    },
    TrackLookup,
    /// An order's shipments together (`/track?order=…`, the token when the link has one).
    OrderTracking {
        order: String,
        token: Option<String>,
    },
    /// A shipment's journey.
    Tracking {
        number: String,
    },
    /// A seller's contact page; the context fills in the form's subject.
    SellerContact {
        seller_id: String,
        context: MessageContext,
    },
    SellerEditor,
    /// Signing in, then back to `return_to` (checked by [`safe_return_path`]).
    SignIn {
        return_to: String,
    },
}

impl Page {
    /// The page's pattern.
    pub fn pattern(&self) -> Pattern {
        match self {
            Page::Catalog => Pattern::Catalog,
            Page::Cart => Pattern::Cart,
            Page::Checkout(step) => Pattern::Checkout(*step),
            Page::OrderLookup => Pattern::OrderLookup,
            Page::Order { .. } => Pattern::Order,
            Page::TrackLookup | Page::OrderTracking { .. } => Pattern::TrackLookup,
            Page::Tracking { .. } => Pattern::Tracking,
            Page::SellerContact { .. } => Pattern::SellerContact,
            Page::SellerEditor => Pattern::SellerEditor,
            Page::SignIn { .. } => Pattern::SignIn,
        }
    }

    /// The area whose build serves the page.
    pub fn area(&self) -> Area {
        self.pattern().area()
    }

    /// The page's address in the app: path and query, every value percent-encoded.
    pub fn href(&self) -> String {
        let (params, query) = self.parts();
        let mut href = String::new();
        for segment in self.pattern().path().split('/').filter(|s| !s.is_empty()) {
            href.push('/');
            match segment.strip_prefix(':') {
                Some(name) => {
                    let value = params.iter().find(|(n, _)| *n == name).map_or("", |(_, v)| *v);
                    href.push_str(&encode_component(value));
                }
                None => href.push_str(segment),
            }
        }
        if href.is_empty() {
            href.push('/');
        }
        for (i, (key, value)) in query.iter().enumerate() {
            href.push(if i == 0 { '?' } else { '&' });
            href.push_str(key);
            href.push('=');
            href.push_str(&encode_component(value));
        }
        href
    }

    /// The page an address of the app shows (a fragment is ignored), or `None` for no page.
    pub fn parse(path_and_query: &str) -> Option<Page> {
        let address = path_and_query.split('#').next().unwrap_or_default();
        let (path, query) = address.split_once('?').unwrap_or((address, ""));
        let (pattern, params) = Pattern::first_match(path)?;
        let params: Vec<(&str, String)> = params.into_iter().map(|(n, v)| (n, decode_segment(v))).collect();
        let param = |name: &str| params.iter().find(|(n, _)| *n == name).map(|(_, v)| v.clone()).unwrap_or_default();
        let query = encoding::parse_query(query);
        // The last value of a repeated key counts, as the router reads it.
        let get = |key: &str| query.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v.clone());
        Some(match pattern {
            Pattern::Catalog => Page::Catalog,
            Pattern::Cart => Page::Cart,
            Pattern::Checkout(step) => Page::Checkout(step),
            Pattern::OrderLookup => Page::OrderLookup,
            Pattern::Order => Page::Order { number: param("number"), token: get("token").unwrap_or_default() },
            Pattern::TrackLookup => match get("order") {
                Some(order) => Page::OrderTracking { order, token: get("token") },
                None => Page::TrackLookup,
            },
            Pattern::Tracking => Page::Tracking { number: param("number") },
            Pattern::SellerContact => Page::SellerContact {
                seller_id: param("seller_id"),
                context: MessageContext { order: get("order"), shipment: get("shipment") },
            },
            Pattern::SellerEditor => Page::SellerEditor,
            Pattern::SignIn => Page::SignIn { return_to: get("return").unwrap_or_default() },
        })
    }

    /// The page's path parameters by name, and its query in order (unencoded). An empty token
    /// or return path is left out of the address.
    fn parts(&self) -> (Pairs<'_>, Pairs<'_>) {
        match self {
            Page::Catalog | Page::Cart | Page::Checkout(_) | Page::OrderLookup | Page::TrackLookup | Page::SellerEditor => (vec![], vec![]),
            Page::Order { number, token } => {
                (vec![("number", number)], if token.is_empty() { vec![] } else { vec![("token", token.as_str())] })
            }
            Page::OrderTracking { order, token } => {
                let mut query = vec![("order", order.as_str())];
                query.extend(token.as_deref().map(|t| ("token", t)));
                (vec![], query)
            }
            Page::Tracking { number } => (vec![("number", number)], vec![]),
            Page::SellerContact { seller_id, context } => {
                let mut query = Vec::new();
                query.extend(context.order.as_deref().map(|o| ("order", o)));
                query.extend(context.shipment.as_deref().map(|s| ("shipment", s)));
                (vec![("seller_id", seller_id)], query)
            }
            Page::SignIn { return_to } => (vec![], if return_to.is_empty() { vec![] } else { vec![("return", return_to.as_str())] }),
        }
    }
}

/// Names and values, in order.
type Pairs<'a> = Vec<(&'static str, &'a str)>;

/// A path parameter as the router reads it: percent-decoded, or as written when that fails.
fn decode_segment(raw: &str) -> String {
    decode_component(raw).unwrap_or_else(|| raw.to_owned())
}

/// What a static host needs to send each path its area's page (`dist/areas.json`, written by
/// the build from `vitrina-server --areas`): the areas in build order, each with its HTML page
/// and its path patterns (`:name` matches one non-empty segment; one trailing `/` is allowed),
/// and the page for any other path.
pub fn areas_json() -> serde_json::Value {
    let areas: Vec<serde_json::Value> = Area::ALL
        .into_iter()
        .map(|area| {
            let patterns: Vec<&str> = area.patterns().map(Pattern::path).collect();
            serde_json::json!({ "name": area.name(), "html": area.html(), "patterns": patterns })
        })
        .collect();
    serde_json::json!({ "areas": areas, "fallback": FALLBACK_HTML })
}

/// One page of every kind, most with values that need encoding (spaces, `/`, `?`, `&`, `#`,
/// `+`, `%`, other scripts): what every consumer of the table tests itself against.
pub fn examples() -> Vec<Page> {
    let odd = "PX 1/2?#&=+ä😀";
    let context = |order: Option<&str>, shipment: Option<&str>| MessageContext {
        order: order.map(str::to_owned),
        shipment: shipment.map(str::to_owned),
    };
    let mut pages = vec![Page::Catalog, Page::Cart];
    pages.extend(CheckoutStep::ALL.map(Page::Checkout));
    pages.extend([
        Page::OrderLookup,
        Page::Order { number: "1042".into(), token: "3f9a-c0de".into() },
        Page::Order { number: odd.into(), token: "a+b/c=d e".into() },
        Page::Order { number: "1042".into(), token: String::new() },
        Page::TrackLookup,
        Page::OrderTracking { order: "DEMO-1001".into(), token: None },
        Page::OrderTracking { order: odd.into(), token: Some("t&k".into()) },
        Page::OrderTracking { order: String::new(), token: None },
        Page::Tracking { number: "PX1000000001".into() },
        Page::Tracking { number: odd.into() },
        Page::Tracking { number: "lookup".into() },
        Page::SellerContact { seller_id: "demo-seller".into(), context: MessageContext::default() },
        Page::SellerContact { seller_id: "demo-seller".into(), context: context(Some("1042"), None) },
        Page::SellerContact { seller_id: "seller/../x".into(), context: context(Some(odd), Some("PX1000000004")) },
        Page::SellerContact { seller_id: "demo-seller".into(), context: context(Some(""), Some("")) },
        Page::SellerEditor,
        Page::SignIn { return_to: "/seller/contact".into() },
        Page::SignIn { return_to: "/sellers/demo-seller/contact?order=1042&shipment=PX%2F1".into() },
        Page::SignIn { return_to: String::new() },
    ]);
    pages
}
