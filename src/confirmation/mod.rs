//! Order confirmation: the order page (`/orders/{number}?token=…`) a shopper trusts after paying
//! and finds again later, and the guest lookup (`/orders/lookup`).

mod lookup;
mod order_page;
mod sections;

pub use lookup::LookupPage;
pub use order_page::OrderPage;
