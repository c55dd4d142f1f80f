//! The checkout: cart → contact & recipient → delivery → payment → review → placed order.

mod address_form;
mod cart_page;
mod cart_store;
mod layout;
mod place;
mod quote;
mod state;
mod steps;

pub use address_form::{PlaceFields, StreetFields, postcode_fits};
pub use cart_page::CartPage;
pub use cart_store::{CartCount, CartNotice, CartStore};
pub use layout::{Step, first_incomplete_step};
pub use state::{CheckoutState, Entries};
pub use steps::{ContactStep, DeliveryStep, PaymentChoice, PaymentStep, ReviewStep};

/// What the header's badge reads: the whole cart where this build has the cart's or the
/// checkout's pages, only the count elsewhere.
#[cfg(any(feature = "bundle-all", feature = "bundle-shop", feature = "bundle-checkout"))]
pub type CartBadge = CartStore;
#[cfg(not(any(feature = "bundle-all", feature = "bundle-shop", feature = "bundle-checkout")))]
pub type CartBadge = CartCount;

use crate::areas::Route;
use leptos::prelude::*;
use vitrina_core::routes::{CheckoutStep, Pattern};

/// The cart (the shop's area).
pub const CART_ROUTES: &[Route] = &[(Pattern::Cart, || view! { <CartPage/> }.into_any())];

/// The checkout's steps (an area of their own).
pub const ROUTES: &[Route] = &[
    (Pattern::Checkout(CheckoutStep::Contact), || view! { <ContactStep/> }.into_any()),
    (Pattern::Checkout(CheckoutStep::Delivery), || view! { <DeliveryStep/> }.into_any()),
    (Pattern::Checkout(CheckoutStep::Payment), || view! { <PaymentStep/> }.into_any()),
    (Pattern::Checkout(CheckoutStep::Review), || view! { <ReviewStep/> }.into_any()),
];
