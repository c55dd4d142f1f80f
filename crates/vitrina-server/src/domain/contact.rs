//! Seller contact: what a shopper is shown (decided here, for that shopper and this moment), the
//! seller's editable settings (only for the seller who owns the store, saved with a version so a
//! stale tab cannot overwrite a newer save), and the messages sent through the contact form.

use crate::domain::emails;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::outbox;
use crate::state::AppState;
use crate::store::contact::{self, SellerSettings};
use crate::store::sessions::account_for_token;
use crate::tz::TzDatabase;
use rusqlite::Transaction;
use vitrina_core::api::{Access, Account, ContactSettingsDocument, MessageReceipt, NewContactMessage, SaveContactSettings, SellerContact};
use vitrina_core::civil::{UnixSeconds, format_rfc3339_utc};
use vitrina_core::contact::Viewer;
use vitrina_core::contact::rules::{CheckedMessage, check_message, check_settings};
use vitrina_core::contact::view::{away_notice, public_view, reply_expected_by};
use vitrina_core::{Problem, ProblemKind};

/// How the shopper signed in with `token` (or nobody) can reach the seller now.
pub fn seller_contact(tx: &Transaction<'_>, seller_id: &str, token: Option<&str>, now: UnixSeconds) -> ApiResult<SellerContact> {
    let stored = contact::load(tx, seller_id)?;
    let account = account_for_token(tx, token, now)?;
    Ok(public_view(seller_id, &stored.seller_name, &stored.settings, Viewer::of(account.as_ref()), now, &TzDatabase))
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

fn document(seller_id: &str, stored: SellerSettings, now: UnixSeconds) -> ContactSettingsDocument {
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

/// The seller's settings as last saved, for the seller signed in with `token`.
pub fn settings(tx: &Transaction<'_>, seller_id: &str, token: Option<&str>, now: UnixSeconds) -> ApiResult<ContactSettingsDocument> {
    owner(tx, token, seller_id, now)?;
    Ok(document(seller_id, contact::load(tx, seller_id)?, now))
}

/// Saves the settings for the seller signed in with `token`, if they are still at the version the
/// edit started from and keep the rules.
pub fn save_settings(
    tx: &Transaction<'_>,
    seller_id: &str,
    token: Option<&str>,
    body: &SaveContactSettings,
    now: UnixSeconds,
) -> ApiResult<ContactSettingsDocument> {
    let account = owner(tx, token, seller_id, now)?;
    let current = contact::load(tx, seller_id)?;
    if current.version != body.version {
        return Err(ApiError(Problem::new(ProblemKind::VersionConflict).with_detail(format!(
            "These settings were saved elsewhere (version {}) after this edit began from version {}. Reload them and make the change again.",
            current.version, body.version
        ))));
    }
    let report = check_settings(&body.settings, now, &TzDatabase);
    if !report.is_ok() {
        return Err(ApiError::validation(report.errors));
    }
    contact::save(tx, seller_id, &body.settings, now, Some(&account.email))?;
    Ok(document(seller_id, contact::load(tx, seller_id)?, now))
}

/// The seller and who is writing (the account signed in with `token`, if any).
pub fn seller_and_sender(
    tx: &Transaction<'_>,
    seller_id: &str,
    token: Option<&str>,
    now: UnixSeconds,
) -> ApiResult<(SellerSettings, Option<Account>)> {
    Ok((contact::load(tx, seller_id)?, account_for_token(tx, token, now)?))
}

/// The message, checked, if this seller takes it from this sender through the form.
pub fn admit(seller: &SellerSettings, sender: Option<&Account>, body: &NewContactMessage) -> ApiResult<CheckedMessage> {
    let settings = &seller.settings;
    if !(settings.accepts_contact && settings.email.enabled && settings.email.contact_form) {
        return Err(ApiError::detail(ProblemKind::ContactUnavailable, "This seller does not take messages through the contact form."));
    }
    match settings.email.audience.access_for(Viewer::of(sender)) {
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
    check_message(body).map_err(ApiError::validation)
}

/// The acknowledgement a message gets: its id, and when a reply can be expected.
pub fn receipt(seller: &SellerSettings, now: UnixSeconds) -> MessageReceipt {
    let settings = &seller.settings;
    MessageReceipt {
        id: ids::random_hex(8),
        received_at: format_rfc3339_utc(now),
        response_time_hours: settings.response_time_hours,
        reply_expected_by: format_rfc3339_utc(reply_expected_by(settings, now, &TzDatabase)),
        away: away_notice(settings, now, &TzDatabase),
    }
}

/// Keeps the message and writes both emails, to the seller and the acknowledgement to the sender.
pub async fn deliver(
    state: &AppState,
    seller_id: String,
    seller: &SellerSettings,
    sender: Option<&Account>,
    message: &CheckedMessage,
    receipt: &MessageReceipt,
    now: UnixSeconds,
) -> ApiResult<()> {
    let (id, email, kept) = (receipt.id.clone(), sender.map(|a| a.email.clone()), message.clone());
    state.db.run(move |tx| contact::insert_message(tx, &id, &seller_id, email.as_deref(), &kept, now)).await?;
    let (to_seller, ack) = emails::contact_message(&seller.seller_name, &seller.settings, message, sender, state.options.store_name(), now);
    let dir = state.options.outbox_dir.clone();
    let stem = format!("contact-{}", receipt.id);
    tokio::task::spawn_blocking(move || {
        outbox::write(&dir, &format!("{stem}-to-seller"), &to_seller, now)?;
        outbox::write(&dir, &format!("{stem}-acknowledgement"), &ack, now)
    })
    .await
    .map_err(ApiError::internal)?
    .map_err(|e| ApiError::internal(format!("outbox: {e}")))?;
    Ok(())
}
