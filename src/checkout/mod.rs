//! The checkout: cart → contact & recipient → delivery → payment → review → placed order.

mod cart_page;
mod cart_store;
mod layout;
mod place;
mod quote;
mod state;
mod steps;

pub use cart_page::CartPage;
pub use cart_store::{CartNotice, CartStore};
pub use layout::{Step, first_incomplete_step};
pub use state::{CheckoutState, Entries};
pub use steps::{ContactStep, DeliveryStep, PaymentStep, ReviewStep, delivery_kind_label, payment_label};
