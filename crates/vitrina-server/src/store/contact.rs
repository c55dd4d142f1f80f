//! Sellers' contact settings (saved as numbered versions) and the messages shoppers send them.

use crate::error::{ApiError, ApiResult};
use rusqlite::{OptionalExtension, Transaction, params};
use vitrina_core::api::ContactSettings;
use vitrina_core::civil::UnixSeconds;
use vitrina_core::contact::rules::CheckedMessage;

/// A seller's name and contact settings, at the version last saved.
pub struct SellerSettings {
    pub seller_name: String,
    /// 0 for a seller who never saved.
    pub version: u64,
    pub settings: ContactSettings,
    pub updated_at: Option<UnixSeconds>,
}

/// A seller's settings; a seller who never saved takes no contact.
pub fn load(tx: &Transaction<'_>, seller_id: &str) -> ApiResult<SellerSettings> {
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
        Some((version, json, updated_at)) => SellerSettings {
            seller_name,
            version: version.max(0) as u64,
            // Where the stored JSON breaks, not what it says: it holds a seller's phone and address.
            settings: serde_json::from_str(&json).map_err(|e| {
                ApiError::internal(format!("contact settings of {seller_id} unreadable at line {}, column {}", e.line(), e.column()))
            })?,
            updated_at: Some(updated_at),
        },
        None => SellerSettings {
            seller_name,
            version: 0,
            settings: ContactSettings { time_zone: "UTC".into(), ..ContactSettings::default() },
            updated_at: None,
        },
    })
}

/// Writes a seller's settings as the next version; returns it. `by` is the account that saved.
pub fn save(tx: &Transaction<'_>, seller_id: &str, settings: &ContactSettings, now: UnixSeconds, by: Option<&str>) -> ApiResult<u64> {
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

/// Keeps a message sent through the contact form; `sender` is the signed-in account, if any.
pub fn insert_message(
    tx: &Transaction<'_>,
    id: &str,
    seller_id: &str,
    sender: Option<&str>,
    message: &CheckedMessage,
    locale: &str,
    now: UnixSeconds,
) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO contact_messages (id, seller_id, account_email, reply_to, subject, body, order_number, tracking_number, received_at, locale)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        params![
            id,
            seller_id,
            sender,
            message.reply_to,
            message.subject,
            message.message,
            message.context.order,
            message.context.shipment,
            now,
            locale
        ],
    )?;
    Ok(())
}
