//! A simulated payment gateway, the way a bank's page works (seed 002, the Sberbank flow): the
//! store sends the shopper here, the shopper approves or declines, and is sent back to the
//! store with the bank's signed decision, which the store checks before it records anything
//! (`domain::gateway`). The store never sees a card number.
//!
//! Demo only: mounted with `--demo-gateway` (which `make run` passes, and which the server refuses
//! on an address other than loopback unless told otherwise), and it says so on its page. Not part
//! of the JSON contract: a real deployment has a real gateway, whose signed callback or return
//! takes the place of [`decide`], checked the same way.
//!
//! - `GET /gateway/{payment_id}?return=…` the bank's page;
//! - `POST /gateway/{payment_id}?return=…` the shopper's decision, at the bank: it signs the
//!   decision and sends the shopper back to the store with it;
//! - `GET /gateway/{payment_id}/return?amount_minor=…&currency=…&outcome=…&signature=…&return=…`
//!   the store: checks and records the decision, then shows the order's page.

use crate::domain::gateway::{self, Decision};
use crate::error::{ApiError, ApiResult};
use crate::http::extract::{ApiPath, ApiQuery};
use crate::http::headers::no_store;
use crate::outbox::escape_html;
use crate::state::AppState;
use crate::store::payments::{self, Payment};
use axum::Form;
use axum::Router;
use axum::extract::State;
use axum::handler::Handler;
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use serde::Deserialize;
use vitrina_core::ProblemKind;
use vitrina_core::routes::{Page, encode_component};

/// The bank's page and the form it posts to (never stored: they are about one payment), and the
/// store's return address.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/gateway/{payment_id}", get(page.layer(no_store())).post(decide.layer(no_store())))
        .route("/gateway/{payment_id}/return", get(come_back.layer(no_store())))
}

/// The bank's page runs no script and takes its style inline; it posts only to itself and is
/// never framed (an Approve button under someone else's page).
const PAGE_POLICY: &str = "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/// Where the shopper goes back to: the order's page the store named when it sent the shopper
/// here. Anything else (another site, another page) is not followed.
#[derive(Deserialize, Default)]
struct Back {
    #[serde(default, rename = "return")]
    back: String,
}

impl Back {
    fn page(&self) -> Option<String> {
        match Page::parse(&self.back) {
            Some(page @ Page::Order { .. }) => Some(page.href()),
            _ => None,
        }
    }
}

async fn load(state: &AppState, payment_id: String) -> ApiResult<Payment> {
    state.db.run(move |tx| payments::load(tx, &payment_id)).await?.ok_or_else(|| ApiError::not_found("No such payment."))
}

/// Whether the payment may be paid now (pending, and its order still payable).
async fn may_pay(state: &AppState, payment_id: String) -> ApiResult<bool> {
    let now = state.clock.now();
    let rules = state.options.order_rules.clone();
    let store = crate::policy::profile(state.options.store);
    state.db.run(move |tx| gateway::may_pay(tx, store, &payment_id, now, &rules)).await
}

async fn page(State(state): State<AppState>, ApiPath(payment_id): ApiPath<String>, ApiQuery(back): ApiQuery<Back>) -> ApiResult<Response> {
    let payable = may_pay(&state, payment_id.clone()).await?;
    let payment = load(&state, payment_id.clone()).await?;
    let store = escape_html(state.options.store_name());
    let amount = escape_html(&payment.amount.to_string());
    let link = back.page().map(|url| format!(r#"<p><a href="{}">Return to {store}</a></p>"#, escape_html(&url))).unwrap_or_default();
    let body = if payable {
        format!(
            r#"<p class="amount">Amount: <strong>{amount}</strong></p>
<p>Merchant: <strong>{store}</strong>, order {order}</p>
<p class="demo" role="note"><strong>Demo:</strong> this is the reference backend's simulated gateway. No card is needed, no money moves, and nothing here is a real bank.</p>
<form method="post"><input type="hidden" name="decision" value="approve"><button class="approve" type="submit">Approve</button></form>
<form method="post"><input type="hidden" name="decision" value="decline"><button class="decline" type="submit">Decline</button></form>"#,
            order = payment.order_number
        )
    } else if matches!(payment.status.as_str(), "approved" | "declined") {
        format!(r#"<p>This payment was already {status}.</p>{link}"#, status = escape_html(&payment.status))
    } else {
        // The bank refuses to take money for an order the store no longer sells.
        format!(
            r#"<p class="refused" role="alert"><strong>This order can no longer be paid.</strong> It was cancelled, or its time to pay ran out. Nothing was charged.</p>{link}"#
        )
    };
    let html = format!(
        r#"<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Payment · Demo Bank</title><style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}}
h1{{font-size:1.5rem}}.amount{{font-size:1.25rem}}button{{font:inherit;padding:.6rem 1.2rem;margin:.25rem 0;border-radius:.4rem;border:1px solid #1f4e79;cursor:pointer;min-width:10rem}}
.approve{{background:#1f4e79;color:#fff}}.decline{{background:#fff;color:#1f4e79}}.demo{{background:#fff4e5;border:1px solid #c25400;padding:.5rem .75rem;border-radius:.4rem}}:focus-visible{{outline:3px solid #c25400;outline-offset:2px}}</style></head>
<body><main><h1>Demo Bank · card payment</h1>{body}</main></body></html>"#
    );
    Ok(([(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(PAGE_POLICY))], Html(html)).into_response())
}

#[derive(Deserialize)]
struct Choice {
    decision: String,
}

/// The bank: the shopper's decision, signed, sent back to the store with the shopper.
async fn decide(
    State(state): State<AppState>,
    ApiPath(payment_id): ApiPath<String>,
    ApiQuery(back): ApiQuery<Back>,
    Form(choice): Form<Choice>,
) -> ApiResult<Response> {
    let outcome = match choice.decision.as_str() {
        "approve" => "approved",
        "decline" => "declined",
        _ => return Err(ApiError::bad_request("decision must be approve or decline")),
    };
    if !may_pay(&state, payment_id.clone()).await? {
        return Err(ApiError::detail(ProblemKind::PaymentClosed, "This payment can no longer be made."));
    }
    let payment = load(&state, payment_id.clone()).await?;
    let decision = Decision {
        payment_id: payment_id.clone(),
        amount_minor: payment.amount.amount_minor,
        currency: payment.amount.currency.code().to_owned(),
        outcome: outcome.to_owned(),
    };
    let signature = decision.sign(state.gateway_key.as_slice());
    let url = format!(
        "/gateway/{}/return?amount_minor={}&currency={}&outcome={}&signature={signature}&return={}",
        encode_component(&payment_id),
        decision.amount_minor,
        encode_component(&decision.currency),
        decision.outcome,
        encode_component(&back.back)
    );
    Ok(Redirect::to(&url).into_response())
}

#[derive(Deserialize)]
struct SignedReturn {
    amount_minor: i64,
    currency: String,
    outcome: String,
    signature: String,
    #[serde(default, rename = "return")]
    back: String,
}

/// The store: the shopper is back with the bank's decision; record it if it holds, and show the
/// order (its page fetches where the payment stands).
async fn come_back(
    State(state): State<AppState>,
    ApiPath(payment_id): ApiPath<String>,
    ApiQuery(signed): ApiQuery<SignedReturn>,
) -> ApiResult<Response> {
    let decision = Decision { payment_id, amount_minor: signed.amount_minor, currency: signed.currency, outcome: signed.outcome };
    let now = state.clock.now();
    let key = state.gateway_key.clone();
    let signature = signed.signature;
    let rules = state.options.order_rules.clone();
    let store = crate::policy::profile(state.options.store);
    let recorded = state.db.run(move |tx| gateway::record(tx, store, key.as_slice(), &decision, &signature, now, &rules)).await?;
    crate::domain::mailer::flush(&state).await;
    match recorded {
        gateway::Recorded::Recorded => tracing::debug!("a payment decision from the gateway was recorded"),
        gateway::Recorded::Unchanged => {
            tracing::info!("a payment decision from the gateway changed nothing (a replay, or the order is not payable)")
        }
    }
    let back = Back { back: signed.back }.page().unwrap_or_else(|| Page::OrderLookup.href());
    Ok(Redirect::to(&back).into_response())
}
