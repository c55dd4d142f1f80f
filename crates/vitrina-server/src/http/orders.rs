//! Orders: placing one exactly once, its page, guest lookup, paying again and cancelling.
//!
//! Access: an order opens only with its access token (or, for lookup, its number with the email
//! it was placed with). Anything else is answered exactly as for an order that does not exist,
//! so the answers reveal nothing about which orders exist.

use crate::domain::orders::Placed;
use crate::error::{ApiError, ApiResult};
use crate::http::extract::{ApiJson, ApiPath, ApiQuery, ClientIp, accept_language, action_key, idempotency_key};
use crate::http::session::SessionToken;
use crate::state::AppState;
use crate::{domain, intl, store};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use serde::Deserialize;
use vitrina_core::ProblemKind;
use vitrina_core::api::{
    CancellationRequest, Order, OrderAccess, OrderLookup, PaymentStep, PlaceOrder, PlacedOrder, StartPayment, Substitution,
    SubstitutionAnswer, SubstitutionOffer,
};
use vitrina_core::locale::Locale;

/// Places the order.
#[utoipa::path(post, path = "/api/orders", tag = "checkout",
    params(("Idempotency-Key" = String, Header, min_length = 1, max_length = 200, pattern = "^[!-~]([ -~]*[!-~])?$",
        description = "A fresh random key per attempt to place (e.g. a UUID); repeat it to retry the same attempt safely. \
At most 200 printable ASCII characters, without spaces at either end")),
    request_body = PlaceOrder,
    responses(
        (status = 201, description = "The order was placed", body = PlacedOrder),
        (status = 200, description = "The same order again: a repeated request (the same answer), or this cart was already ordered (with a new access token of its own)", body = PlacedOrder),
        (status = 400, description = "No Idempotency-Key (`idempotency-key-missing`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 404, description = "Unknown or expired cart (`cart-not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "The total changed (`price-changed`) or stock ran out (`out-of-stock`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Fields need attention (`validation`), limits not met (`order-limit`), or the key was used for another request (`idempotency-key-reused`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 429, description = "Too many new orders from this network, or for this email, in 10 minutes (`rate-limited`, with `Retry-After`); a repeated request with a key already used is still answered", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn place_order(
    State(state): State<AppState>,
    client: ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<PlaceOrder>,
) -> ApiResult<(StatusCode, Json<PlacedOrder>)> {
    let key = idempotency_key(&headers).ok_or_else(|| ApiError::new(ProblemKind::IdempotencyKeyMissing))?;
    let hash = domain::orders::request_hash(&body);
    let now = state.clock.now();
    let limits = state.limits.clone();
    // Counted per network first, then per email: a client cannot spend someone else's count by
    // writing their address until its own network's count allows it.
    let admit = move |body: &PlaceOrder| {
        limits.orders_per_client.admit(&client.key(), now)?;
        let email = body.draft.contact.as_ref().map(|c| vitrina_core::validate::email_key(&c.email)).unwrap_or_default();
        limits.orders_per_email.admit(&email, now)
    };
    // The shopper's language, kept with the order for every email about it.
    let locale = intl::negotiate(body.locale.as_deref(), accept_language(&headers), Locale::En);
    let rules = state.options.order_rules.clone();
    let store = crate::policy::profile(state.options.store);
    let Placed { order, new } = state
        .db
        .run(move |tx| {
            let placed = domain::orders::place(tx, &key, &hash, &body, store, now, &rules, admit)?;
            if placed.new {
                let number = placed.order.number.parse().map_err(ApiError::internal)?;
                store::orders::set_locale(tx, number, locale.tag())?;
            }
            Ok(placed)
        })
        .await?;
    // The confirmation was committed with the order; it goes out now (or, failing that, later).
    domain::mailer::flush(&state).await;
    Ok((if new { StatusCode::CREATED } else { StatusCode::OK }, Json(order)))
}

/// The `Idempotency-Key` header of a request that changes an order after it was placed.
const ACTION_KEY_DOC: &str = "Optional: a fresh random key per request the shopper makes; repeat it to retry that request safely. A \
repeat whose first attempt was carried out (its answer lost on the way) is answered with the order as it is now, instead of being \
carried out twice or refused as already done";

/// Starts another online card payment for an order whose payment is still due or was declined,
/// while the order may be paid (`Order::payment::payable`).
#[utoipa::path(post, path = "/api/orders/{number}/payments", tag = "orders",
    params(("number" = String, Path, description = "The order number")),
    request_body = StartPayment,
    responses(
        (status = 201, description = "Go to the gateway", body = PaymentStep),
        (status = 404, description = "No such order, or a wrong token (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "Nothing to pay online (`payment-not-needed`), or the order can no longer be paid: cancelled, or the time to pay ran out (`payment-closed`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn start_payment(
    State(state): State<AppState>,
    ApiPath(number): ApiPath<String>,
    ApiJson(body): ApiJson<StartPayment>,
) -> ApiResult<(StatusCode, Json<PaymentStep>)> {
    let now = state.clock.now();
    let rules = state.options.order_rules.clone();
    let store = crate::policy::profile(state.options.store);
    let step = state.db.run(move |tx| domain::orders::start_payment(tx, store, &number, &body.access_token, now, &rules)).await;
    // A deadline applied on the way (the order expired unpaid) wrote its email.
    domain::mailer::flush(&state).await;
    Ok((StatusCode::CREATED, Json(step?)))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct TokenQuery {
    /// The order's access token, from its URL.
    #[serde(default)]
    #[param(required = false)]
    token: String,
}

/// An order, for its page (deadlines that have passed are applied first: an order unpaid in
/// time is answered expired).
#[utoipa::path(get, path = "/api/orders/{number}", tag = "orders",
    params(
        ("number" = String, Path, description = "The order number"),
        TokenQuery,
        ("Accept-Language" = Option<String>, Header, description = "The language to name the payment method in; the order's own when it names none"),
    ),
    responses(
        (status = 200, description = "The order", body = Order),
        (status = 404, description = "No such order, or a missing or wrong token (the same answer) (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn get_order(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(number): ApiPath<String>,
    ApiQuery(query): ApiQuery<TokenQuery>,
) -> ApiResult<Json<Order>> {
    let now = state.clock.now();
    let rules = state.options.order_rules.clone();
    let store = crate::policy::profile(state.options.store);
    let order = state.db.run(move |tx| domain::orders::view(tx, store, &number, &query.token, now, &rules)).await?;
    // Deadlines applied on the way (an order expired unpaid, a substitution lapsed) wrote emails.
    domain::mailer::flush(&state).await;
    Ok(Json(worded(order, store, &headers)))
}

/// What the page of the order at `address` names under its heading (`ORDER_LEADS`: the
/// customer's name and the e-mail the confirmation went to), where the address's token opens it;
/// read only, so the page as sent is the order as the app will ask for it a moment later.
pub async fn page_leads(state: &AppState, address: &str) -> Option<crate::http::spa::LeadValues> {
    let Some(vitrina_core::routes::Page::Order { number, token }) = vitrina_core::routes::Page::parse(address) else {
        return None;
    };
    if token.is_empty() {
        return None;
    }
    let (name, email) = state
        .db
        .run(move |tx| {
            let number = store::orders::authorised_order(tx, &number, &token)?;
            store::orders::addressee(tx, number)
        })
        .await
        .ok()?;
    let [thanks, sent_to] = vitrina_core::routes::ORDER_LEADS;
    Some(crate::http::spa::LeadValues::Named(vec![(thanks.placeholder, name), (sent_to.placeholder, email)]))
}

/// The order with its payment method named in the language the request asks for, as the store
/// words it (in the order's own language when the request names none).
fn worded(mut order: Order, store: &crate::policy::Profile, headers: &HeaderMap) -> Order {
    if let Some(asked) = accept_language(headers) {
        let name = crate::policy::payment_words(order.payment.kind, store.language(Some(asked))).0;
        order.payment.name = Some(name.to_owned());
    }
    order
}

/// Finds an order by number and email (guests have no account; the email in any case, over all
/// of Unicode). Rate-limited per client network and per order number.
#[utoipa::path(post, path = "/api/orders/lookup", tag = "orders",
    request_body = OrderLookup,
    responses(
        (status = 200, description = "The order's number and a new access token for it (the store keeps tokens only as hashes; earlier tokens keep working)", body = OrderAccess),
        (status = 404, description = "No order with this number and email (whichever is wrong) (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 429, description = "Too many tries; `retry_after_seconds` says when to try again (`rate-limited`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn lookup(State(state): State<AppState>, client: ClientIp, ApiJson(body): ApiJson<OrderLookup>) -> ApiResult<Json<OrderAccess>> {
    let now = state.clock.now();
    let not_found = || ApiError::not_found("No order with this number and email.");
    state.limits.lookup_by_ip.admit(&client.key(), now)?;
    // Counted per order, however its number is written: "01042" and "+1042" are order 1042 too.
    // What is not a number is no order; it costs the client's address a try, and nothing else.
    let number = body.number.trim().trim_start_matches('#').parse::<i64>().map_err(|_| not_found())?;
    let order_key = number.to_string();
    state.limits.lookup_by_order.admit(&order_key, now)?;
    let access = state
        .db
        .run(move |tx| {
            if !store::orders::placed_with_email(tx, number, &body.email)? {
                return Ok(None);
            }
            let access_token = store::orders::issue_token(tx, number, now)?;
            Ok(Some(OrderAccess { number: number.to_string(), access_token }))
        })
        .await?
        .ok_or_else(not_found)?;
    // Only wrong guesses count against the order: its shopper is never locked out by finding it.
    state.limits.lookup_by_order.forgive(&order_key, now);
    Ok(Json(access))
}

/// Cancels the whole order or chosen lines (until the shopper has it, in transit included: the
/// carrier is told to bring it back), or asks to return them within 7 days after receipt.
#[utoipa::path(post, path = "/api/orders/{number}/cancellation", tag = "orders",
    params(("number" = String, Path, description = "The order number"),
        ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 200, pattern = "^[!-~]([ -~]*[!-~])?$", description = ACTION_KEY_DOC)),
    request_body = CancellationRequest,
    responses(
        (status = 200, description = "The order, with the cancellation (its totals, refunds and history) or the return request", body = Order),
        (status = 400, description = "An Idempotency-Key that is not 1 to 200 printable characters (`idempotency-key-missing`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 404, description = "No such order, or a wrong token (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "Not possible now; `detail` says why (`cancellation-not-allowed`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "A line that is not the order's, or more than is left of it (`validation`), or the key was used for another request (`idempotency-key-reused`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn request_cancellation(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath(number): ApiPath<String>,
    ApiJson(body): ApiJson<CancellationRequest>,
) -> ApiResult<Json<Order>> {
    let key = action_key(&headers)?;
    let hash = domain::orders::request_hash(&(&number, &body.lines));
    let now = state.clock.now();
    let rules = state.options.order_rules.clone();
    let store = crate::policy::profile(state.options.store);
    let order = state
        .db
        .run(move |tx| {
            let key = key.as_deref().map(|key| (key, hash.as_str()));
            domain::orders::request_cancellation(tx, store, &number, &body.access_token, &body.lines, key, now, &rules)
        })
        .await?;
    domain::mailer::flush(&state).await;
    Ok(Json(worded(order, store, &headers)))
}

/// The shopper accepts or declines the seller's proposal for a line.
#[utoipa::path(post, path = "/api/orders/{number}/lines/{line_id}/substitution", tag = "orders",
    params(("number" = String, Path, description = "The order number"), ("line_id" = String, Path, description = "The line (`OrderLine::id`)"),
        ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 200, pattern = "^[!-~]([ -~]*[!-~])?$", description = ACTION_KEY_DOC)),
    request_body = SubstitutionAnswer,
    responses(
        (status = 200, description = "The order with the answer applied: the substitute in the line's place, or the line cancelled; totals, refunds and history follow", body = Order),
        (status = 400, description = "An Idempotency-Key that is not 1 to 200 printable characters (`idempotency-key-missing`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 404, description = "No such order, or a wrong token (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "No proposal on this line awaits an answer, e.g. it lapsed (`substitution-closed`), or the substitute sold out meanwhile (`out-of-stock`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "The key was used for another request (`idempotency-key-reused`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn answer_substitution(
    State(state): State<AppState>,
    headers: HeaderMap,
    ApiPath((number, line_id)): ApiPath<(String, String)>,
    ApiJson(body): ApiJson<SubstitutionAnswer>,
) -> ApiResult<Json<Order>> {
    let key = action_key(&headers)?;
    let hash = domain::orders::request_hash(&(&number, &line_id, body.accept));
    let now = state.clock.now();
    let rules = state.options.order_rules.clone();
    let store = crate::policy::profile(state.options.store);
    let order = state
        .db
        .run(move |tx| {
            let key = key.as_deref().map(|key| (key, hash.as_str()));
            domain::substitutions::answer(tx, store, &number, &body.access_token, &line_id, body.accept, key, now, &rules)
        })
        .await?;
    domain::mailer::flush(&state).await;
    Ok(Json(worded(order, store, &headers)))
}

/// The seller cannot send a line and proposes a substitute (another size or colour first,
/// another item, the same item from another seller) or removing it; the shopper answers on the
/// order's page within the store's time.
#[utoipa::path(post, path = "/api/sellers/{seller_id}/orders/{number}/lines/{line_id}/substitution", tag = "orders",
    security(("session" = [])),
    params(
        ("seller_id" = String, Path, description = "The seller's id"),
        ("number" = String, Path, description = "The order number"),
        ("line_id" = String, Path, description = "The line (`OrderLine::id`)"),
    ),
    request_body = SubstitutionOffer,
    responses(
        (status = 201, description = "Proposed; the shopper's answer is awaited until `answer_by`", body = Substitution),
        (status = 401, description = "Not signed in (`unauthorized`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 403, description = "Signed in, but not as this seller (`forbidden`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 404, description = "No such line among this seller's orders (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "Too late (the order has left the seller, or is cancelled), a proposal already awaits an answer, or the offer is the line's own item (`substitution-not-allowed`); the substitute is not in stock (`out-of-stock`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "No such item to offer (`validation`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn propose_substitution(
    State(state): State<AppState>,
    ApiPath((seller_id, number, line_id)): ApiPath<(String, String, String)>,
    SessionToken(token): SessionToken,
    ApiJson(body): ApiJson<SubstitutionOffer>,
) -> ApiResult<(StatusCode, Json<Substitution>)> {
    let now = state.clock.now();
    let rules = state.options.order_rules.clone();
    let store = crate::policy::profile(state.options.store);
    let proposal = state
        .db
        .run(move |tx| {
            let seller = domain::substitutions::SellerSession { seller_id: &seller_id, token: token.as_deref() };
            domain::substitutions::propose_as_seller(tx, store, seller, &number, &line_id, &body, now, &rules)
        })
        .await?;
    domain::mailer::flush(&state).await;
    Ok((StatusCode::CREATED, Json(proposal)))
}
