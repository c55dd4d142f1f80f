//! What each page shows before its data has come: its frame, its heading and the words under it
//! that need no data. A server writes this into the page it sends (in the store's language), so
//! the first paint is already the page and nothing moves when the app takes over; the app's page
//! components show the same before their data arrives (the end-to-end tests compare the two).

use super::{CheckoutStep, Page, encode_component};

/// A page's outline, by the keys of its words.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Outline {
    /// The classes of the page's `<section>`.
    pub class: &'static str,
    /// Key of the `<h1>`'s text.
    pub heading: &'static str,
    /// The heading's `{name}` placeholder and its value (from the address): "Order {number}".
    pub heading_value: Option<(&'static str, String)>,
    /// Key of the paragraph under the heading, where the page has one that needs no data.
    pub intro: Option<Intro>,
    /// What the page's frame puts around the heading.
    pub frame: Frame,
    /// The paragraphs under the heading that name something of the page's data (an order's
    /// customer and e-mail, a shipment's latest news), for a server that has that data as it
    /// sends the page.
    pub leads: &'static [Lead],
    /// The page as sent already holds what the page is for (its heading and words, a form), so
    /// its code is asked for only once it has been painted; `false` where what the page is for
    /// is its data (an order, a shipment, a seller's contact), which the app shows, so its code
    /// is asked for at once.
    pub paint_first: bool,
}

/// The paragraph under a heading and how it is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Intro {
    pub key: &'static str,
    /// Set in the muted colour (`<p class="muted">`).
    pub muted: bool,
}

/// A paragraph under a page's heading that names something of its data: its words' key, the
/// placeholder the data fills, and its classes. A server that has the data writes it into the
/// page it sends, in the page's language (`data-lead="{key}" lang="{lang}"`); the app shows the
/// same text there until its own copy of the data has come, so nothing changes when it does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lead {
    pub key: &'static str,
    pub placeholder: &'static str,
    pub class: &'static str,
}

/// The order page's leads: the thanks to the customer by name, and where the confirmation went.
pub const ORDER_LEADS: [Lead; 2] = [
    Lead { key: "order.thanks", placeholder: "name", class: "order-page__thanks" },
    Lead { key: "order.email_sent", placeholder: "email", class: "order-page__email" },
];

/// The tracking page's lead: the carrier's latest news in its own words, with its place and time
/// (`shipment__raw`: "In the carrier's words: “Доставлено получателю” · Самара · Nov 25, 2026,
/// 8:59 PM (Europe/Samara, UTC+4)"), the page's largest words. Its key is the words before the
/// carrier's; what follows is the shipment's.
pub const TRACKING_LEADS: [Lead; 1] = [Lead { key: "track.carriers_words", placeholder: "", class: "shipment__raw" }];

/// Every page's leads, for an app that reads what the page as sent wrote.
pub const SENT_LEADS: [Lead; 3] = [ORDER_LEADS[0], ORDER_LEADS[1], TRACKING_LEADS[0]];

/// What a page's heading stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Frame {
    /// The heading first in the page's section.
    Plain,
    /// The order page: the heading in the head row that later holds the print button.
    OrderHead,
    /// A checkout step: the steps' list above, the heading in the step's column, and the order's
    /// summary beside it.
    Checkout(CheckoutStep),
    /// The sign-in page: its form, which needs no data, under the heading (its fields not yet
    /// usable, so nothing typed is lost when the app takes over), and the demo accounts' note
    /// where the store says it is a demo.
    SignIn,
}

impl Page {
    /// What the page shows before its data has come.
    pub fn outline(&self) -> Outline {
        let plain = |class, heading, intro: Option<(&'static str, bool)>| Outline {
            class,
            heading,
            heading_value: None,
            intro: intro.map(|(key, muted)| Intro { key, muted }),
            frame: Frame::Plain,
            leads: &[],
            paint_first: true,
        };
        // What the page is for is its data.
        let data = |outline: Outline| Outline { paint_first: false, ..outline };
        match self {
            Page::Catalog => plain("page catalog", "catalog.title", Some(("catalog.intro", true))),
            Page::Cart => plain("page cart", "cart.title", None),
            Page::Checkout(step) => Outline {
                class: "",
                heading: match step {
                    CheckoutStep::Contact => "checkout.contact.title",
                    CheckoutStep::Delivery => "checkout.delivery.title",
                    CheckoutStep::Payment => "checkout.payment.title",
                    CheckoutStep::Review => "checkout.review.title",
                },
                heading_value: None,
                intro: None,
                frame: Frame::Checkout(*step),
                leads: &[],
                paint_first: true,
            },
            Page::OrderLookup => plain("page page--narrow", "lookup.title", Some(("lookup.intro", false))),
            Page::Order { number, .. } => Outline {
                class: "page order-page",
                heading: "order.heading",
                heading_value: Some(("number", number.clone())),
                intro: None,
                frame: Frame::OrderHead,
                leads: &ORDER_LEADS,
                paint_first: false,
            },
            Page::TrackLookup | Page::OrderTracking { .. } => {
                plain("page page--narrow track-lookup", "track.title", Some(("track.lookup.intro", true)))
            }
            Page::Tracking { .. } => Outline { leads: &TRACKING_LEADS, ..data(plain("page tracking", "track.shipment_title", None)) },
            Page::SellerContact { .. } => data(plain("page contact-page", "contact.title", None)),
            // The editor's data is the seller's settings, but its largest words are its intro.
            Page::SellerEditor => plain("page editor", "editor.title", Some(("editor.intro", true))),
            Page::SignIn { .. } => Outline { frame: Frame::SignIn, ..plain("page page--narrow sign-in", "sign_in.title", None) },
        }
    }
}

impl Page {
    /// The backend's answers the page asks for as soon as the app starts (paths under the API's
    /// base, as the app writes them): the session check, and the page's own data where the
    /// address names it. A server may start these from the page it sends, so they do not wait
    /// for the app's code. For a browser signed in as the seller `seller_id`, the seller's editor
    /// also asks for that seller's settings, which otherwise wait for the session's answer to
    /// name the seller.
    pub fn first_requests(&self, seller_id: Option<&str>) -> Vec<String> {
        let mut paths = vec!["/session".to_owned()];
        match self {
            Page::Catalog => paths.push("/products".to_owned()),
            // Without its token an order is not asked for.
            Page::Order { number, token } if !token.is_empty() => {
                paths.push(format!("/orders/{}?token={}", encode_component(number), encode_component(token)));
            }
            // A malformed number is not asked for.
            Page::Tracking { number } => {
                if let Ok(number) = crate::tracking::tracking_number(number) {
                    paths.push(format!("/shipments/{}", encode_component(&number)));
                }
            }
            Page::SellerContact { seller_id, .. } => paths.push(format!("/sellers/{}/contact", encode_component(seller_id))),
            Page::SellerEditor => {
                if let Some(id) = seller_id {
                    paths.push(format!("/sellers/{}/contact-settings", encode_component(id)));
                }
            }
            _ => {}
        }
        paths
    }
}

/// The keys of the sign-in form's words: the e-mail's and the password's labels, the button,
/// and the demo accounts' note.
pub const SIGN_IN_FORM: [&str; 3] = ["account.email", "account.password", "account.sign_in"];
pub const SIGN_IN_DEMO: &str = "account.demo_accounts";

/// The keys of the checkout's steps' list, in order: the list's label, then each step's name
/// (the cart first).
pub const CHECKOUT_STEPS_LABEL: &str = "checkout.steps";
pub const CHECKOUT_STEP_NAMES: [&str; 5] =
    ["checkout.step.cart", "checkout.step.contact", "checkout.step.delivery", "checkout.step.payment", "checkout.step.review"];
/// Key of the checkout summary's heading.
pub const CHECKOUT_SUMMARY: &str = "checkout.summary";
