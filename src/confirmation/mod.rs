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
pub use order_page::{OrderPage, OrderParams, OrderQuery};

use crate::areas::RoutePath;
use leptos::prelude::*;
use leptos_router::any_nested_route::IntoAnyNestedRoute;
use leptos_router::components::Route;
use vitrina_core::routes::Pattern;

/// The order lookup and the order page.
#[component(transparent)]
pub fn OrderRoutes() -> impl leptos_router::MatchNestedRoutes + Clone {
    view! {
        <Route path=RoutePath(Pattern::OrderLookup) view=LookupPage/>
        <Route path=RoutePath(Pattern::Order) view=OrderPage/>
    }
    .into_inner()
    .into_any_nested_route()
}
