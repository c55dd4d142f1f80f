//! The checkout quote: what the cart and the shopper's entries allow, and what they cost
//! (computed in `domain::checkout`, which also validates the order when it is placed).

use crate::domain::checkout::build_quote;
use crate::error::ApiResult;
use crate::http::extract::ApiJson;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, header};
use vitrina_core::api::{CheckoutDraft, Quote};

/// What this cart and these entries allow, and what they cost.
#[utoipa::path(post, path = "/api/checkout/quote", tag = "checkout",
    request_body = CheckoutDraft,
    params(("Accept-Language" = Option<String>, Header, description = "The language to word payment methods, the ways to receive (service levels) and the pickup points (names, opening hours) in (`sk`, `en-GB,en;q=0.9`); the store's default when it has none of them")),
    responses(
        (status = 200, description = "Delivery options, payment methods, promo result, totals and limits", body = Quote),
        (status = 404, description = "Unknown or expired cart (`cart-not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "The body is not a checkout draft (`validation`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn quote(State(state): State<AppState>, headers: HeaderMap, ApiJson(draft): ApiJson<CheckoutDraft>) -> ApiResult<Json<Quote>> {
    let now = state.clock.now();
    let store = crate::policy::profile(state.options.store);
    let language = store.language(headers.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    Ok(Json(state.db.run(move |tx| build_quote(tx, store, language, &draft, now)).await?))
}
