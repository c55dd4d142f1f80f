//! Every documented route, one area per module, with the cache headers of each group. Each handler
//! carries its OpenAPI description, so the document (`openapi.rs`) is generated from the same code
//! that answers; the order here is the order of the document's paths.

use crate::http::headers::{for_a_day, no_cache, no_store};
use crate::http::{carts, catalog, checkout, contact, orders, platform, session, tracking};
use crate::state::AppState;
use axum::http::HeaderValue;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};
use utoipa_axum::routes;

/// The API's routes and their part of the OpenAPI document.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(platform::health))
        .merge(group(no_cache(), [routes!(platform::app_config)]))
        .merge(group(for_a_day(), [routes!(platform::document)]))
        .routes(routes!(catalog::list_products))
        .routes(routes!(catalog::get_product))
        .merge(group(for_a_day(), [routes!(catalog::product_image)]))
        .merge(group(
            no_store(),
            [
                routes!(carts::create_cart),
                routes!(carts::get_cart),
                routes!(carts::add_line),
                routes!(carts::update_line, carts::remove_line),
            ],
        ))
        .routes(routes!(checkout::quote))
        .merge(group(
            no_store(),
            [
                routes!(orders::place_order),
                routes!(orders::start_payment),
                routes!(orders::get_order),
                routes!(orders::lookup),
                routes!(orders::request_cancellation),
                routes!(orders::answer_substitution),
                routes!(orders::propose_substitution),
            ],
        ))
        .merge(group(no_cache(), [routes!(tracking::list_shipments), routes!(tracking::get_shipment)]))
        .merge(group(
            no_store(),
            [
                routes!(session::current_session, session::sign_in, session::sign_out),
                routes!(session::sign_out_everywhere),
                routes!(contact::seller_contact),
                routes!(contact::get_settings, contact::save_settings),
            ],
        ))
        .routes(routes!(contact::send_message))
}

/// Routes that answer with the same cache header.
fn group<const N: usize>(cache: SetResponseHeaderLayer<HeaderValue>, routes: [UtoipaMethodRouter<AppState>; N]) -> OpenApiRouter<AppState> {
    routes.into_iter().fold(OpenApiRouter::new(), OpenApiRouter::routes).layer(cache)
}
