//! A simulated payment gateway, the way a bank's page works (seed 002, the Sberbank flow): the
//! store sends the shopper here, the shopper approves or declines, and is sent back to the
//! store, which shows the result. The store never sees a card number. Not part of the JSON
//! contract: a real deployment has a real gateway.

use crate::domain::gateway;
use crate::error::{ApiError, ApiResult};
use crate::http::extract::ApiPath;
use crate::http::headers::no_store;
use crate::outbox::escape_html;
use crate::state::AppState;
use crate::store::payments::{self, Payment};
use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::handler::Handler;
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;

/// The gateway's page (never stored: it is about one payment) and the form it posts to.
pub fn router() -> Router<AppState> {
    Router::new().route("/gateway/{payment_id}", get(page.layer(no_store())).post(decide))
}

async fn load(state: &AppState, payment_id: String) -> ApiResult<Payment> {
    state.db.run(move |tx| payments::load(tx, &payment_id)).await?.ok_or_else(|| ApiError::not_found("No such payment."))
}

fn return_url(payment: &Payment) -> String {
    format!("/orders/{}?token={}", payment.order_number, payment.order_token)
}

async fn page(State(state): State<AppState>, ApiPath(payment_id): ApiPath<String>) -> ApiResult<Response> {
    let payment = load(&state, payment_id.clone()).await?;
    let store = escape_html(&state.options.store_name);
    let amount = escape_html(&payment.amount.to_string());
    let body = if payment.status == "pending" {
        format!(
            r#"<p class="amount">Amount: <strong>{amount}</strong></p>
<p>Merchant: <strong>{store}</strong>, order {order}</p>
<p class="note">This is the reference backend's simulated gateway: no card is needed.</p>
<form method="post"><input type="hidden" name="decision" value="approve"><button class="approve" type="submit">Approve</button></form>
<form method="post"><input type="hidden" name="decision" value="decline"><button class="decline" type="submit">Decline</button></form>"#,
            order = payment.order_number
        )
    } else {
        format!(
            r#"<p>This payment was already {status}.</p><p><a href="{url}">Return to {store}</a></p>"#,
            status = escape_html(&payment.status),
            url = escape_html(&return_url(&payment))
        )
    };
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Payment · Demo Bank</title><style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}}
h1{{font-size:1.5rem}}.amount{{font-size:1.25rem}}button{{font:inherit;padding:.6rem 1.2rem;margin:.25rem 0;border-radius:.4rem;border:1px solid #1f4e79;cursor:pointer;min-width:10rem}}
.approve{{background:#1f4e79;color:#fff}}.decline{{background:#fff;color:#1f4e79}}.note{{color:#555b66;font-size:.9rem}}:focus-visible{{outline:3px solid #c25400;outline-offset:2px}}</style></head>
<body><main><h1>Demo Bank · card payment</h1>{body}</main></body></html>"#
    );
    Ok(Html(html).into_response())
}

#[derive(Deserialize)]
struct Decision {
    decision: String,
}

async fn decide(State(state): State<AppState>, ApiPath(payment_id): ApiPath<String>, Form(form): Form<Decision>) -> ApiResult<Response> {
    let approve = match form.decision.as_str() {
        "approve" => true,
        "decline" => false,
        _ => return Err(ApiError::bad_request("decision must be approve or decline")),
    };
    let now = state.clock.now();
    let id = payment_id.clone();
    state.db.run(move |tx| gateway::decide(tx, &id, approve, now)).await?;
    let payment = load(&state, payment_id).await?;
    Ok(Redirect::to(&return_url(&payment)).into_response())
}
