//! Promo codes and their rules.

use crate::error::ApiResult;
use rusqlite::{OptionalExtension, Transaction};
use vitrina_core::api::PromoTarget;
use vitrina_core::checkout::PromoRule;

/// The rule of a promo code (already normalised), if the store has one.
pub fn rule(tx: &Transaction<'_>, code: &str) -> ApiResult<Option<PromoRule>> {
    Ok(tx
        .query_row("SELECT code, kind, percent, valid_from, valid_until FROM promo_codes WHERE code = ?1", [code], |r| {
            let kind: String = r.get(1)?;
            Ok(PromoRule {
                code: r.get(0)?,
                target: if kind == "free_delivery" { PromoTarget::Delivery } else { PromoTarget::Items },
                percent: r.get(2)?,
                valid_from: r.get(3)?,
                valid_until: r.get(4)?,
            })
        })
        .optional()?)
}
