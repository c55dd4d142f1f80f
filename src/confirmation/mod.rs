//! Order confirmation: the order page (`/orders/{number}?token=…`) a shopper trusts after paying
//! and finds again later, and the guest lookup (`/orders/lookup`).

mod cancel;
mod deadline;
mod handover;
mod lookup;
mod order_page;
mod sections;
mod substitutions;

pub use lookup::LookupPage;
pub use order_page::OrderPage;

use crate::areas::Route;
use leptos::prelude::*;
use vitrina_core::routes::Pattern;

/// The order lookup and the order page.
pub const ROUTES: &[Route] =
    &[(Pattern::OrderLookup, || view! { <LookupPage/> }.into_any()), (Pattern::Order, || view! { <OrderPage/> }.into_any())];
