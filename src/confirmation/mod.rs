//! Order confirmation: the order page (`/orders/{number}?token=…`) a shopper trusts after paying
//! and finds again later, and the guest lookup (`/orders/lookup`).

mod cancel;
mod lookup;
mod order_page;
mod sections;

pub use lookup::LookupPage;
pub use order_page::OrderPage;

/// The app's address of an order's page, with the token that opens it.
pub fn order_url(number: &str, access_token: &str) -> String {
    format!(
        "/orders/{}?token={}",
        String::from(js_sys::encode_uri_component(number)),
        String::from(js_sys::encode_uri_component(access_token))
    )
}
