//! Seller contact: what a shopper is shown (decided here, for that shopper and this moment),
//! the seller's editable settings (only for the seller who owns the store, saved with a version
//! so a stale tab cannot overwrite a newer save), and the contact form.

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiJson, ApiPath};
use crate::ids;
use crate::outbox::{self, Email};
use crate::ratelimit::RateLimiter;
use crate::routes::session::{account_for_token, session_token};
use crate::state::AppState;
use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::{Offset, TimeZone};
use rusqlite::{OptionalExtension, Transaction, params};
use std::net::SocketAddr;
use vitrina_core::api::{
    Access, Account, ContactSettings, ContactSettingsDocument, MessageReceipt, NewContactMessage, SaveContactSettings, SellerContact,
};
use vitrina_core::civil::{UnixSeconds, format_rfc3339_utc, format_rfc3339_with_offset};
use vitrina_core::contact::rules::{check_message, check_settings};
use vitrina_core::contact::view::{away_notice, public_view, reply_expected_by};
use vitrina_core::contact::{TimeZones, Viewer, limits, signature};
use vitrina_core::{Problem, ProblemKind};

/// Time zones from the tz database compiled into the server.
pub struct TzDatabase;

impl TimeZones for TzDatabase {
    fn offset_minutes(&self, zone: &str, at: UnixSeconds) -> Option<i32> {
        let tz: chrono_tz::Tz = zone.trim().parse().ok()?;
        let utc = chrono::DateTime::from_timestamp(at, 0)?.naive_utc();
        Some(tz.offset_from_utc_datetime(&utc).fix().local_minus_utc() / 60)
    }
}

/// The contact form's limits: per sender address and per network address.
#[derive(Clone)]
pub struct ContactLimits {
    pub per_sender: RateLimiter,
    pub per_ip: RateLimiter,
}

impl Default for ContactLimits {
    fn default() -> Self {
        ContactLimits {
            per_sender: RateLimiter::new(limits::PER_SENDER, limits::PER_SENDER_WINDOW_SECONDS),
            per_ip: RateLimiter::new(limits::PER_IP, limits::PER_IP_WINDOW_SECONDS),
        }
    }
}

/// The network address the request came from (when the server knows it).
pub struct ClientIp(pub Option<String>);

impl<S: Send + Sync> FromRequestParts<S> for ClientIp {
    type Rejection = std::convert::Infallible;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        Ok(ClientIp(parts.extensions.get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip().to_string())))
    }
}

/// A seller's row: name, settings, version and when they were saved.
struct Stored {
    seller_name: String,
    version: u64,
    settings: ContactSettings,
    updated_at: Option<UnixSeconds>,
}

fn load(tx: &Transaction<'_>, seller_id: &str) -> ApiResult<Stored> {
    let seller_name: String = tx
        .query_row("SELECT display_name FROM sellers WHERE id = ?1", [seller_id], |r| r.get(0))
        .optional()?
        .ok_or_else(|| ApiError::not_found("No such seller."))?;
    let row: Option<(i64, String, i64)> = tx
        .query_row("SELECT version, settings_json, updated_at FROM contact_settings WHERE seller_id = ?1", [seller_id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })
        .optional()?;
    Ok(match row {
        Some((version, json, updated_at)) => Stored {
            seller_name,
            version: version.max(0) as u64,
            settings: serde_json::from_str(&json).map_err(|e| ApiError::internal(format!("contact settings of {seller_id}: {e}")))?,
            updated_at: Some(updated_at),
        },
        // A seller who never saved takes no contact.
        None => Stored {
            seller_name,
            version: 0,
            settings: ContactSettings { time_zone: "UTC".into(), ..ContactSettings::default() },
            updated_at: None,
        },
    })
}

/// Writes a seller's settings as the next version (used by the editor and by the demo seed).
pub fn store(tx: &Transaction<'_>, seller_id: &str, settings: &ContactSettings, now: UnixSeconds, by: Option<&str>) -> ApiResult<u64> {
    let json = serde_json::to_string(settings).map_err(ApiError::internal)?;
    let version: i64 = tx.query_row(
        "INSERT INTO contact_settings (seller_id, version, settings_json, updated_at, updated_by)
         VALUES (?1, 1, ?2, ?3, ?4)
         ON CONFLICT (seller_id) DO UPDATE SET version = version + 1, settings_json = excluded.settings_json,
             updated_at = excluded.updated_at, updated_by = excluded.updated_by
         RETURNING version",
        params![seller_id, json, now, by],
        |r| r.get(0),
    )?;
    Ok(version.max(0) as u64)
}

fn no_store(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    response
}

/// How a shopper can reach a seller right now.
#[utoipa::path(get, path = "/api/sellers/{seller_id}/contact", tag = "contact",
    security((), ("session" = [])),
    params(("seller_id" = String, Path, description = "The seller's id")),
    responses(
        (status = 200, description = "The channels for this shopper at this moment: a channel the shopper may not use says what would open it and carries no details; outside the hours the phone number is left out", body = SellerContact),
        (status = 404, description = "No such seller (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn seller_contact(State(state): State<AppState>, ApiPath(seller_id): ApiPath<String>, headers: HeaderMap) -> ApiResult<Response> {
    let now = state.clock.now();
    let token = session_token(&headers);
    let contact = state
        .db
        .run(move |tx| {
            let stored = load(tx, &seller_id)?;
            let account = account_for_token(tx, token.as_deref(), now)?;
            Ok(public_view(&seller_id, &stored.seller_name, &stored.settings, Viewer::of(account.as_ref()), now, &TzDatabase))
        })
        .await?;
    // The answer depends on who asks and when: never cache it.
    Ok(no_store(Json(contact).into_response()))
}

/// The signed-in account that owns `seller_id`: 401 without a session, 403 for anyone else.
fn owner(tx: &Transaction<'_>, token: Option<&str>, seller_id: &str, now: UnixSeconds) -> ApiResult<Account> {
    let account = account_for_token(tx, token, now)?
        .ok_or_else(|| ApiError::detail(ProblemKind::Unauthorized, "Sign in as the seller to edit the contact page."))?;
    if account.seller_id.as_deref() != Some(seller_id) {
        return Err(ApiError::detail(
            ProblemKind::Forbidden,
            "Only the seller who owns this store can see or change its contact settings.",
        ));
    }
    Ok(account)
}

fn document(seller_id: &str, stored: Stored, now: UnixSeconds) -> ContactSettingsDocument {
    let warnings = check_settings(&stored.settings, now, &TzDatabase).warnings;
    ContactSettingsDocument {
        seller_id: seller_id.to_owned(),
        seller_name: stored.seller_name,
        version: stored.version,
        settings: stored.settings,
        warnings,
        updated_at: stored.updated_at.map(format_rfc3339_utc),
    }
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
pub async fn get_settings(State(state): State<AppState>, ApiPath(seller_id): ApiPath<String>, headers: HeaderMap) -> ApiResult<Response> {
    let now = state.clock.now();
    let token = session_token(&headers);
    let doc = state
        .db
        .run(move |tx| {
            owner(tx, token.as_deref(), &seller_id, now)?;
            let stored = load(tx, &seller_id)?;
            Ok(document(&seller_id, stored, now))
        })
        .await?;
    Ok(no_store(Json(doc).into_response()))
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
    headers: HeaderMap,
    ApiJson(body): ApiJson<SaveContactSettings>,
) -> ApiResult<Response> {
    let now = state.clock.now();
    let token = session_token(&headers);
    let doc = state
        .db
        .run(move |tx| {
            let account = owner(tx, token.as_deref(), &seller_id, now)?;
            let current = load(tx, &seller_id)?;
            if current.version != body.version {
                return Err(ApiError(
                    Problem::new(ProblemKind::VersionConflict).with_detail(format!(
                        "These settings were saved elsewhere (version {}) after this edit began from version {}. Reload them and make the change again.",
                        current.version, body.version
                    )),
                ));
            }
            let report = check_settings(&body.settings, now, &TzDatabase);
            if !report.is_ok() {
                return Err(ApiError::validation(report.errors));
            }
            store(tx, &seller_id, &body.settings, now, Some(&account.email))?;
            let stored = load(tx, &seller_id)?;
            Ok(document(&seller_id, stored, now))
        })
        .await?;
    Ok(no_store(Json(doc).into_response()))
}

/// A time a person reads in an email: the seller's wall clock with its offset.
fn human_time(at: UnixSeconds, zone: &str) -> String {
    let offset = TzDatabase.offset_minutes(zone, at).unwrap_or(0);
    let text = format_rfc3339_with_offset(at, offset);
    // `2026-11-24T10:00:00+01:00` → `2026-11-24 10:00 (UTC+01:00, Europe/Bratislava)`.
    let (date, rest) = text.split_once('T').unwrap_or((&text, ""));
    let time = rest.get(..5).unwrap_or(rest);
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.unsigned_abs();
    format!("{date} {time} (UTC{sign}{:02}:{:02}, {zone})", abs / 60, abs % 60)
}

fn within(hours: u32) -> String {
    match hours {
        1 => "within an hour".to_owned(),
        h if h % 24 == 0 && h > 24 => format!("within {} days", h / 24),
        24 => "within a day".to_owned(),
        h => format!("within {h} hours"),
    }
}

fn quote(text: &str) -> String {
    text.lines().map(|l| format!("> {l}\n")).collect()
}

fn html_paragraphs(text: &str) -> String {
    text.split("\n\n").map(|p| format!("<p>{}</p>", outbox::escape_html(p).replace('\n', "<br>"))).collect()
}

/// Sends a message to the seller through the contact form.
#[utoipa::path(post, path = "/api/sellers/{seller_id}/messages", tag = "contact",
    security((), ("session" = [])),
    params(("seller_id" = String, Path, description = "The seller's id")),
    request_body = NewContactMessage,
    responses(
        (status = 201, description = "Received: the acknowledgement with the time a reply can be expected", body = MessageReceipt),
        (status = 401, description = "This seller takes messages from signed-in customers only (`unauthorized`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 403, description = "This seller takes messages from customers with a verified email only (`forbidden`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 404, description = "No such seller (`not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 409, description = "The seller does not take messages through the form (`contact-unavailable`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Subject, message or reply address missing or wrong (`validation`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 429, description = "Too many messages from this address or network for now (`rate-limited`, with `Retry-After`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn send_message(
    State(state): State<AppState>,
    ApiPath(seller_id): ApiPath<String>,
    ClientIp(ip): ClientIp,
    headers: HeaderMap,
    ApiJson(body): ApiJson<NewContactMessage>,
) -> ApiResult<Response> {
    let now = state.clock.now();
    let token = session_token(&headers);
    let lookup_id = seller_id.clone();
    let (stored, account) = state.db.run(move |tx| Ok((load(tx, &lookup_id)?, account_for_token(tx, token.as_deref(), now)?))).await?;
    let settings = &stored.settings;
    if !(settings.accepts_contact && settings.email.enabled && settings.email.contact_form) {
        return Err(ApiError::detail(ProblemKind::ContactUnavailable, "This seller does not take messages through the contact form."));
    }
    match settings.email.audience.access_for(Viewer::of(account.as_ref())) {
        Access::Open => {}
        Access::SignIn | Access::Unknown => {
            return Err(ApiError::detail(ProblemKind::Unauthorized, "This seller takes messages from signed-in customers only."));
        }
        Access::VerifyEmail => {
            return Err(ApiError::detail(
                ProblemKind::Forbidden,
                "This seller takes messages from customers whose email address is verified.",
            ));
        }
    }
    let message = check_message(&body).map_err(ApiError::validation)?;
    let limits = &state.contact_limits;
    limits.per_sender.check(&message.reply_to.to_lowercase(), now).map_err(ApiError::rate_limited)?;
    limits.per_ip.check(ip.as_deref().unwrap_or("unknown"), now).map_err(ApiError::rate_limited)?;

    let id = ids::random_hex(8);
    let expected = reply_expected_by(settings, now, &TzDatabase);
    let away = away_notice(settings, now, &TzDatabase);
    let receipt = MessageReceipt {
        id: id.clone(),
        received_at: format_rfc3339_utc(now),
        response_time_hours: settings.response_time_hours,
        reply_expected_by: format_rfc3339_utc(expected),
        away: away.clone(),
    };
    // The honeypot: people never see the field; a robot that filled it gets the same answer
    // and its message goes nowhere.
    if !body.website.trim().is_empty() {
        eprintln!("vitrina-server: contact form: honeypot filled, message to {seller_id} dropped");
        return Ok((StatusCode::CREATED, Json(receipt)).into_response());
    }

    let (seller, sender) = (seller_id.clone(), account.as_ref().map(|a| a.email.clone()));
    let m = message.clone();
    let message_id = id.clone();
    state
        .db
        .run(move |tx| {
            tx.execute(
                "INSERT INTO contact_messages (id, seller_id, account_email, reply_to, subject, body, order_number, tracking_number, received_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                params![message_id, seller, sender, m.reply_to, m.subject, m.message, m.context.order, m.context.shipment, now],
            )?;
            Ok(())
        })
        .await?;

    let store_name = &state.options.store_name;
    let signature = signature::effective(settings, &stored.seller_name);
    let framed = signature::framed(&signature);
    let zone = settings.time_zone.as_str();
    let mut about = String::new();
    if let Some(order) = &message.context.order {
        about.push_str(&format!("About order: {order}\n"));
    }
    if let Some(shipment) = &message.context.shipment {
        about.push_str(&format!("About shipment: {shipment}\n"));
    }
    let sender_line = match &account {
        Some(a) if a.email_verified => format!("{} (signed in, email verified)", message.reply_to),
        Some(_) => format!("{} (signed in, email not verified)", message.reply_to),
        None => format!("{} (not signed in)", message.reply_to),
    };

    // To the seller: the message, with the reply address and the seller's own signature, ready
    // for the answer (seeds 001 and 003: "RE:" subject, quote the question, full signature).
    let to_seller_text = format!(
        "A customer wrote to {seller} through the contact form of {store_name}.\n\n\
         From: {sender_line}\nSubject: {subject}\n{about}Received: {received}\n\n{body}\n\n\
         Reply to this email to answer: the reply goes to {reply_to}. Keep \"RE: {subject}\" as the subject,\n\
         quote the question, and sign with your signature:\n\n{framed}\n\n\
         The customer was told to expect a reply {within}, by {expected}.\n",
        seller = stored.seller_name,
        subject = message.subject,
        received = human_time(now, zone),
        body = message.message,
        reply_to = message.reply_to,
        within = within(settings.response_time_hours),
        expected = human_time(expected, zone),
    );
    let to_seller = Email {
        from: format!("{store_name} contact form <contact@vitrina.localhost>"),
        to: format!("{} <{}>", stored.seller_name, settings.email.address.trim()),
        reply_to: Some(message.reply_to.clone()),
        subject: message.subject.clone(),
        html: html_paragraphs(&to_seller_text),
        text: to_seller_text,
    };

    // To the shopper: the automatic acknowledgement (seed 003), signed by the seller.
    let away_text = away
        .as_ref()
        .map(|a| {
            let note = if a.note.is_empty() { String::new() } else { format!(" {}", a.note) };
            format!("{} is away until {}.{note} The reply will come after the return.\n\n", stored.seller_name, a.until)
        })
        .unwrap_or_default();
    let ack_text = format!(
        "Hello,\n\nyour message \"{subject}\" to {seller} has arrived.\n\n{away_text}\
         {seller} usually replies {within}: expect an answer by {expected}.\n\nYour message:\n{quoted}\n{framed}\n",
        subject = message.subject,
        seller = stored.seller_name,
        within = within(settings.response_time_hours),
        expected = human_time(expected, zone),
        quoted = quote(&message.message),
    );
    let ack = Email {
        from: format!("{} via {store_name} <contact@vitrina.localhost>", stored.seller_name),
        to: message.reply_to.clone(),
        reply_to: None,
        subject: format!("RE: {}", message.subject),
        html: html_paragraphs(&ack_text),
        text: ack_text,
    };
    let dir = state.options.outbox_dir.clone();
    let stem = format!("contact-{id}");
    tokio::task::spawn_blocking(move || {
        outbox::write(&dir, &format!("{stem}-to-seller"), &to_seller, now)?;
        outbox::write(&dir, &format!("{stem}-acknowledgement"), &ack, now)
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(|e| ApiError::internal(format!("outbox: {e}")))?;

    Ok((StatusCode::CREATED, Json(receipt)).into_response())
}

/// `/api/test/contact/{seller_id}/reset`: puts a demo seller's settings back as seeded.
pub fn test_hooks() -> axum::Router<AppState> {
    axum::Router::new().route("/api/test/contact/{seller_id}/reset", axum::routing::post(reset_demo_settings))
}

async fn reset_demo_settings(State(state): State<AppState>, ApiPath(seller_id): ApiPath<String>) -> ApiResult<StatusCode> {
    let now = state.clock.now();
    state
        .db
        .run(move |tx| {
            let settings = crate::seed::contact::demo_settings(&seller_id, now).ok_or_else(|| ApiError::not_found("Not a demo seller."))?;
            store(tx, &seller_id, &settings, now, None)?;
            Ok(())
        })
        .await?;
    Ok(StatusCode::NO_CONTENT)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tz_database_knows_summer_time() {
        let winter = vitrina_core::civil::parse_rfc3339("2026-01-15T12:00:00Z").unwrap().0;
        let summer = vitrina_core::civil::parse_rfc3339("2026-07-15T12:00:00Z").unwrap().0;
        assert_eq!(TzDatabase.offset_minutes("Europe/Bratislava", winter), Some(60));
        assert_eq!(TzDatabase.offset_minutes("Europe/Bratislava", summer), Some(120));
        assert_eq!(TzDatabase.offset_minutes("Europe/Moscow", summer), Some(180));
        assert_eq!(TzDatabase.offset_minutes("Mars/Base", summer), None);
    }

    #[test]
    fn times_in_emails_name_their_zone() {
        let t = vitrina_core::civil::parse_rfc3339("2026-11-24T09:00:00Z").unwrap().0;
        assert_eq!(human_time(t, "Europe/Bratislava"), "2026-11-24 10:00 (UTC+01:00, Europe/Bratislava)");
        assert_eq!(within(24), "within a day");
        assert_eq!(within(48), "within 2 days");
        assert_eq!(within(4), "within 4 hours");
    }
}
