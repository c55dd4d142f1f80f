//! Seller contact: what a shopper is shown (decided here, for that shopper and this moment), the
//! seller's editable settings (only for the seller who owns the store, saved with a version so a
//! stale tab cannot overwrite a newer save), and the messages sent through the contact form.

use crate::domain::emails::{self, Site};
use crate::domain::keys::{self, Keyed};
use crate::domain::session::seller_account;
use crate::error::{ApiError, ApiResult};
use crate::ids;
use crate::intl::{self, Intl};
use crate::outbox::{self, Party};
use crate::store::contact::{self, SellerSettings};
use crate::store::outbox as rows;
use crate::store::sessions::{self, account_for_token};
use crate::tz::TzDatabase;
use rusqlite::Transaction;
use serde_json::json;
use vitrina_core::api::{
    Access, Account, ContactSettings, ContactSettingsDocument, MessageReceipt, NewContactMessage, Presence, PresenceState,
    SaveContactSettings, SellerContact,
};
use vitrina_core::civil::Date;
use vitrina_core::civil::{UnixSeconds, format_rfc3339_utc};
use vitrina_core::contact::Viewer;
use vitrina_core::contact::rules::{CheckedMessage, check_message, check_settings};
use vitrina_core::contact::signature;
use vitrina_core::contact::view::{away_notice, presence_at, public_view, reply_expected_by};
use vitrina_core::locale::Locale;
use vitrina_core::validate;
use vitrina_core::{Problem, ProblemKind};

/// How the shopper signed in with `token` (or nobody) can reach the seller now.
pub fn seller_contact(tx: &Transaction<'_>, seller_id: &str, token: Option<&str>, now: UnixSeconds) -> ApiResult<SellerContact> {
    let stored = contact::load(tx, seller_id)?;
    let account = account_for_token(tx, token, now)?;
    Ok(public_view(seller_id, &stored.seller_name, &stored.settings, Viewer::of(account.as_ref()), now, &TzDatabase))
}

/// The signed-in account that owns `seller_id`: 401 without a session, 403 for anyone else.
fn owner(tx: &Transaction<'_>, token: Option<&str>, seller_id: &str, now: UnixSeconds) -> ApiResult<Account> {
    seller_account(
        tx,
        token,
        seller_id,
        now,
        "Sign in as the seller to edit the contact page.",
        "Only the seller who owns this store can see or change its contact settings.",
    )
}

fn document(seller_id: &str, mut stored: SellerSettings, now: UnixSeconds) -> ContactSettingsDocument {
    // A switch that has run out is no switch: the editor shows the hours deciding again.
    if presence_at(&stored.settings, now, &TzDatabase).is_none() {
        stored.settings.presence = Presence::default();
    }
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
    let mut settings = body.settings.clone();
    settings.presence = stamped_presence(&current.settings, &body.settings.presence, now);
    contact::save(tx, seller_id, &settings, now, Some(&account.email))?;
    Ok(document(seller_id, contact::load(tx, seller_id)?, now))
}

/// The seller's "available now / away now" switch as it is kept. Its time is this server's clock
/// when the seller turns it on or changes it (what a browser says it is never counts); a switch
/// still in force keeps its time, so saving other settings does not stretch it past the day.
fn stamped_presence(saved: &ContactSettings, asked: &Presence, now: UnixSeconds) -> Presence {
    if !matches!(asked.state, PresenceState::Available | PresenceState::Away) {
        return Presence::default();
    }
    match presence_at(saved, now, &TzDatabase) {
        Some((state, _)) if state == asked.state => saved.presence.clone(),
        _ => Presence { state: asked.state, set_at: format_rfc3339_utc(now) },
    }
}

/// The answer a message sent before under `key` got, when this request is a repeat of it (its
/// first answer lost on the way): the message is not sent twice.
pub fn sent_before(tx: &Transaction<'_>, key: Keyed<'_>) -> ApiResult<Option<MessageReceipt>> {
    match keys::earlier_outcome(tx, key)? {
        Some(receipt) => serde_json::from_str(&receipt).map(Some).map_err(ApiError::internal),
        None => Ok(None),
    }
}

/// The receipt a message under `key` is answered with: the one its first attempt got when this is
/// a repeat, else `receipt`, remembered for the repeats to come (also for a message that goes
/// nowhere, so its repeats are answered as a person's are).
pub fn answer_once(tx: &Transaction<'_>, key: Keyed<'_>, receipt: &MessageReceipt, now: UnixSeconds) -> ApiResult<MessageReceipt> {
    if let Some(earlier) = sent_before(tx, key)? {
        return Ok(earlier);
    }
    keys::remember(tx, key, &serde_json::to_string(receipt).map_err(ApiError::internal)?, now)?;
    Ok(receipt.clone())
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

/// Whether the acknowledgement may go by email: only to a sender signed in with a verified
/// address who gave that very address to reply to. Anyone else gets the answer on the page
/// only, so the form can never mail the sender's words to an address that did not send them.
pub fn acknowledge_to(sender: Option<&Account>, message: &CheckedMessage) -> Option<String> {
    let account = sender.filter(|a| a.email_verified)?;
    (validate::email_key(&account.email) == validate::email_key(&message.reply_to)).then(|| account.email.clone())
}

/// The answer a message gets: its reference number, when a reply can be expected, and whether
/// an acknowledgement went by email.
pub fn receipt(
    seller: &SellerSettings,
    sender: Option<&Account>,
    message: &CheckedMessage,
    site: &Site,
    now: UnixSeconds,
) -> MessageReceipt {
    let settings = &seller.settings;
    MessageReceipt {
        id: ids::reference(),
        received_at: format_rfc3339_utc(now),
        response_time_hours: settings.response_time_hours,
        reply_expected_by: format_rfc3339_utc(reply_expected_by(settings, now, &TzDatabase)),
        away: away_notice(settings, now, &TzDatabase),
        acknowledgement_sent_to: acknowledge_to(sender, message),
        help_url: site.named_help_url.clone(),
    }
}

/// The signature under the acknowledgement: only what the contact page shows this sender at this
/// moment (a hidden address, or a phone outside its hours or not for this sender, never appears).
pub fn public_signature(view: &SellerContact) -> Vec<String> {
    let identity = &view.identity;
    let name = identity.full_name.trim();
    let mut lines: Vec<String> = Vec::new();
    if !name.is_empty() {
        lines.push(name.to_owned());
    }
    let company = identity.legal_entity.trim();
    lines.push(if company.is_empty() || company == view.seller_name {
        view.seller_name.clone()
    } else {
        format!("{company} · {}", view.seller_name)
    });
    if !identity.website.trim().is_empty() {
        lines.push(identity.website.trim().to_owned());
    }
    for channel in &view.channels {
        if let Some(address) = channel.email_encoded.as_deref().and_then(vitrina_core::contact::obfuscate::decode) {
            lines.push(address);
        }
        if let Some(phone) = &channel.phone {
            lines.push(phone.display.clone());
        }
    }
    let framed = signature::framed(&lines.join("\n"));
    framed.lines().map(str::to_owned).collect()
}

/// Keeps the message, and in the same transaction puts its emails in the outbox (and remembers
/// its `key`, answered with `receipt` when repeated; a repeat is answered as the first was): the message to
/// the seller (in the seller's language) and, when [`acknowledge_to`] allows, the
/// acknowledgement (in the sender's).
#[allow(clippy::too_many_arguments)]
pub fn record_message(
    tx: &Transaction<'_>,
    site: &Site,
    seller_id: &str,
    seller: &SellerSettings,
    sender: Option<&Account>,
    message: &CheckedMessage,
    receipt: &MessageReceipt,
    locale: Locale,
    key: Keyed<'_>,
    now: UnixSeconds,
) -> ApiResult<MessageReceipt> {
    // The same request, come twice at once: the first one's answer.
    let kept = answer_once(tx, key, receipt, now)?;
    if kept != *receipt {
        return Ok(kept);
    }
    contact::insert_message(tx, &receipt.id, seller_id, sender.map(|a| a.email.as_str()), message, locale.tag(), now)?;
    let settings = &seller.settings;
    let expected = reply_expected_by(settings, now, &TzDatabase);
    let zone = settings.time_zone.as_str();
    let message_lines: Vec<&str> = message.message.lines().collect();

    // The seller's own language once they have signed in; before that, the store's.
    let seller_locale = intl::stored(sessions::seller_locale(tx, seller_id)?.as_deref().or(Some(site.store.default_locale)));
    let (checked, account) = match sender {
        Some(a) if a.email_verified => ("verified", a.email.as_str()),
        Some(a) => ("unverified", a.email.as_str()),
        None => ("anonymous", ""),
    };
    let reply_to_unchecked = !(checked == "verified" && validate::email_key(account) == validate::email_key(&message.reply_to));
    let own_signature = signature::framed(&signature::effective(settings, &seller.seller_name));
    let to_seller = emails::simple_email(
        "contact_to_seller",
        seller_locale,
        site,
        "c",
        &json!({
            "seller": seller.seller_name, "checked": checked, "account": account, "reply_to": message.reply_to,
            "reply_to_unchecked": reply_to_unchecked, "subject": message.subject,
            "order": message.context.order, "shipment": message.context.shipment,
            "received": emails::time_in_zone(seller_locale, now, zone), "reference": receipt.id,
            "message": message_lines, "signature": own_signature.lines().collect::<Vec<_>>(),
            "expected": emails::time_in_zone(seller_locale, expected, zone),
        }),
        Party::new(format!("{} · {}", site.store_name, seller.seller_name), "contact@vitrina.localhost"),
        Party::new(&seller.seller_name, settings.email.address.trim()),
        Some(Party::new("", &message.reply_to)),
    )?;
    let name = format!("contact-{}-to-seller", receipt.id);
    rows::insert_ready(tx, &name, now, &outbox::build(&to_seller, now, &name).map_err(ApiError::internal)?)?;

    if let Some(to) = &receipt.acknowledgement_sent_to {
        let view = public_view(seller_id, &seller.seller_name, settings, Viewer::of(sender), now, &TzDatabase);
        let away = away_notice(settings, now, &TzDatabase)
            .map(|a| json!({ "until": Date::parse(&a.until).map(|d| Intl::new(locale).date(d)).unwrap_or(a.until), "note": a.note.lines().collect::<Vec<_>>() }));
        let ack = emails::simple_email(
            "contact_acknowledgement",
            locale,
            site,
            "c",
            &json!({
                "seller": seller.seller_name, "subject": message.subject, "reference": receipt.id, "away": away,
                "within": emails::within(locale, settings.response_time_hours),
                "expected": emails::time_in_zone(locale, expected, zone),
                "message": message_lines, "signature": public_signature(&view),
            }),
            Party::new(format!("{} · {}", seller.seller_name, site.store_name), "contact@vitrina.localhost"),
            Party::new(sender.map(|a| a.display_name.as_str()).unwrap_or_default(), to),
            None,
        )?;
        let name = format!("contact-{}-acknowledgement", receipt.id);
        rows::insert_ready(tx, &name, now, &outbox::build(&ack, now, &name).map_err(ApiError::internal)?)?;
    }
    Ok(receipt.clone())
}
