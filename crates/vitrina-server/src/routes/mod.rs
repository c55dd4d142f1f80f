//! The API, one module per area. Each handler carries its OpenAPI description, so the document
//! is generated from the same code that answers.

pub mod carts;
pub mod catalog;
pub mod checkout;
pub mod config;
pub mod contact;
pub mod health;
pub mod images;
pub mod order_view;
pub mod orders;
pub mod session;
pub mod test_hooks;
pub mod tracking;

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

/// Every documented route.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(crate::openapi::base())
        .routes(routes!(health::health))
        .routes(routes!(config::app_config))
        .routes(routes!(catalog::list_products))
        .routes(routes!(catalog::get_product))
        .routes(routes!(images::product_image))
        .routes(routes!(carts::create_cart))
        .routes(routes!(carts::get_cart))
        .routes(routes!(carts::add_line))
        .routes(routes!(carts::update_line, carts::remove_line))
        .routes(routes!(checkout::quote))
        .routes(routes!(orders::place_order))
        .routes(routes!(orders::start_payment))
        .routes(routes!(order_view::get_order))
        .routes(routes!(order_view::lookup))
        .routes(routes!(order_view::request_cancellation))
        .routes(routes!(tracking::list_shipments))
        .routes(routes!(tracking::get_shipment))
        .routes(routes!(session::current_session, session::sign_in, session::sign_out))
        .routes(routes!(contact::seller_contact))
        .routes(routes!(contact::get_settings, contact::save_settings))
        .routes(routes!(contact::send_message))
}
