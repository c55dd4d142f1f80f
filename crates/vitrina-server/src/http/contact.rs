//! Seller contact: what a shopper is shown, the seller's editable settings, and the contact form
//! (decided in `domain::contact`). The view and the settings depend on who asks: never stored
//! (`api.rs`).

use crate::domain::{self, contact, keys};
use crate::error::ApiResult;
use crate::http::extract::accept_language;
use crate::http::extract::{ApiJson, ApiPath, ClientIp, action_key};
use crate::http::session::SessionToken;
use crate::intl;
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::HeaderMap;
use axum::http::StatusCode;
use vitrina_core::api::{ContactSettingsDocument, MessageReceipt, NewContactMessage, SaveContactSettings, SellerContact};
use vitrina_core::locale::Locale;

/// How a shopper can reach a seller right now.
#[utoipa::path(get, path = "/api/sellers/{seller_id}/contact", tag = "contact",
    security((), ("session" = [])),
    params(("seller_id" = String, Path, description = "The seller's id")),
    responses(
        (status = 200, description = "The channels for this shopper at this moment: a channel the shopper may not use says what would open it and carries no details; outside the hours the phone number is left out", body = SellerContact),
        (status = 404, description = "No such seller (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn seller_contact(
    State(state): State<AppState>,
    ApiPath(seller_id): ApiPath<String>,
    SessionToken(token): SessionToken,
) -> ApiResult<Json<SellerContact>> {
    let now = state.clock.now();
    Ok(Json(state.db.run(move |tx| contact::seller_contact(tx, &seller_id, token.as_deref(), now)).await?))
}

/// The seller's editable contact settings and their version.
#[utoipa::path(get, path = "/api/sellers/{seller_id}/contact-settings", tag = "contact",
    security(("session" = [])),
    params(("seller_id" = String, Path, description = "The seller's id")),
    responses(
        (status = 200, description = "The settings as last saved", body = ContactSettingsDocument),
        (status = 401, description = "Not signed in (`unauthorized`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 403, description = "Signed in, but not as this seller (`forbidden`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 404, description = "No such seller (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn get_settings(
    State(state): State<AppState>,
    ApiPath(seller_id): ApiPath<String>,
    SessionToken(token): SessionToken,
) -> ApiResult<Json<ContactSettingsDocument>> {
    let now = state.clock.now();
    Ok(Json(state.db.run(move |tx| contact::settings(tx, &seller_id, token.as_deref(), now)).await?))
}

/// Saves the settings, if they are still at the version the edit started from.
#[utoipa::path(put, path = "/api/sellers/{seller_id}/contact-settings", tag = "contact",
    security(("session" = [])),
    params(("seller_id" = String, Path, description = "The seller's id")),
    request_body = SaveContactSettings,
    responses(
        (status = 200, description = "Saved; the new version, and any warnings", body = ContactSettingsDocument),
        (status = 401, description = "Not signed in (`unauthorized`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 403, description = "Signed in, but not as this seller (`forbidden`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 412, description = "Saved by someone else since this edit began (`version-conflict`); nothing was changed", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Some settings break a rule (`validation`), listed per field", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn save_settings(
    State(state): State<AppState>,
    ApiPath(seller_id): ApiPath<String>,
    SessionToken(token): SessionToken,
    ApiJson(body): ApiJson<SaveContactSettings>,
) -> ApiResult<Json<ContactSettingsDocument>> {
    let now = state.clock.now();
    Ok(Json(state.db.run(move |tx| contact::save_settings(tx, &seller_id, token.as_deref(), &body, now)).await?))
}

/// The `Idempotency-Key` header of a message.
const MESSAGE_KEY_DOC: &str = "Optional: a fresh random key per message; repeat it to retry sending that message safely. A repeat \
whose first attempt was received (its answer lost on the way) is answered with that attempt's receipt, the same reference number, \
instead of sending the message twice or counting it against the limits again";

/// Sends a message to the seller through the contact form.
#[utoipa::path(post, path = "/api/sellers/{seller_id}/messages", tag = "contact",
    security((), ("session" = [])),
    params(("seller_id" = String, Path, description = "The seller's id"),
        ("Idempotency-Key" = Option<String>, Header, min_length = 1, max_length = 200, pattern = "^[!-~]([ -~]*[!-~])?$", description = MESSAGE_KEY_DOC)),
    request_body = NewContactMessage,
    responses(
        (status = 201, description = "Received: the acknowledgement with the time a reply can be expected", body = MessageReceipt),
        (status = 400, description = "An Idempotency-Key that is not 1 to 200 printable characters (`idempotency-key-missing`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 401, description = "This seller takes messages from signed-in customers only (`unauthorized`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 403, description = "This seller takes messages from customers with a verified email only (`forbidden`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 404, description = "No such seller (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "The seller does not take messages through the form (`contact-unavailable`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Subject, message or reply address missing or wrong (`validation`), or the key was used for another request (`idempotency-key-reused`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 429, description = "Too many messages from this address or network for now (`rate-limited`, with `Retry-After`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn send_message(
    State(state): State<AppState>,
    ApiPath(seller_id): ApiPath<String>,
    ClientIp(ip): ClientIp,
    SessionToken(token): SessionToken,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewContactMessage>,
) -> ApiResult<(StatusCode, Json<MessageReceipt>)> {
    let key = action_key(&headers)?;
    let hash = keys::request_hash("message", &(&seller_id, &body));
    let now = state.clock.now();
    let locale = intl::negotiate(body.locale.as_deref(), accept_language(&headers), Locale::En);
    let lookup_id = seller_id.clone();
    let lookup_key = key.clone();
    let lookup_hash = hash.clone();
    let (earlier, seller, sender) = state
        .db
        .run(move |tx| {
            let earlier = contact::sent_before(tx, lookup_key.as_deref().map(|k| (k, lookup_hash.as_str())))?;
            let (seller, sender) = contact::seller_and_sender(tx, &lookup_id, token.as_deref(), now)?;
            Ok((earlier, seller, sender))
        })
        .await?;
    // A repeat of a message that was received: its answer again, not a second message (nor one
    // more against the limits).
    if let Some(earlier) = earlier {
        return Ok((StatusCode::CREATED, Json(earlier)));
    }
    let message = contact::admit(&seller, sender.as_ref(), &body)?;
    // The network first, then the sender: one mailbox however its address is written (the
    // checked message holds the bare address; the key folds its case).
    state.limits.contact_per_ip.admit(&ip.map_or_else(|| "unknown".to_owned(), |ip| ip.to_string()), now)?;
    state.limits.contact_per_sender.admit(&vitrina_core::validate::email_key(&message.reply_to), now)?;
    let site = domain::mailer::site(&state);
    let receipt = contact::receipt(&seller, sender.as_ref(), &message, &site, now);
    // The honeypot: people never see the field; a robot that filled it gets the same answer
    // and its message goes nowhere. Its repeat is answered as a person's is, with the same receipt.
    if !body.website.trim().is_empty() {
        tracing::info!(seller = %seller_id, "contact form: the honeypot was filled; the message is dropped");
        let receipt = state.db.run(move |tx| contact::answer_once(tx, key.as_deref().map(|k| (k, hash.as_str())), &receipt, now)).await?;
        return Ok((StatusCode::CREATED, Json(receipt)));
    }
    let receipt = state
        .db
        .run(move |tx| {
            let key = key.as_deref().map(|k| (k, hash.as_str()));
            contact::record_message(tx, &site, &seller_id, &seller, sender.as_ref(), &message, &receipt, locale, key, now)
        })
        .await?;
    domain::mailer::flush(&state).await;
    Ok((StatusCode::CREATED, Json(receipt)))
}
