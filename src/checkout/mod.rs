//! The checkout: cart → contact & recipient → delivery → payment → review.

mod cart_page;
mod cart_store;
mod steps;

pub use cart_page::CartPage;
pub use cart_store::{CartNotice, CartStore};
pub use steps::{ContactStep, DeliveryStep, PaymentStep, ReviewStep};
