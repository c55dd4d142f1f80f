//! The seller's substitution proposals, one row each; the newest of a line is its current one.

use crate::error::ApiResult;
use crate::store::catalog::{self, image_url};
use crate::store::enums::{from_text, to_text};
use rusqlite::{OptionalExtension, Transaction, params};
use std::collections::HashMap;
use vitrina_core::Money;
use vitrina_core::api::{SubstituteItem, Substitution, SubstitutionKind, SubstitutionStatus, UnansweredSubstitution};
use vitrina_core::civil::{UnixSeconds, format_rfc3339_utc};
use vitrina_core::order::substitution::{charged_unit_price, price_difference};

/// A proposal as stored.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub position: i64,
    pub seq: i64,
    pub kind: SubstitutionKind,
    pub status: SubstitutionStatus,
    /// The substitute; `None` for a removal.
    pub variant_id: Option<String>,
    pub quantity: u32,
    pub original_unit: Money,
    pub answer_by: UnixSeconds,
    pub if_unanswered: UnansweredSubstitution,
}

/// A new proposal for a line.
pub struct NewProposal<'a> {
    pub position: i64,
    pub kind: SubstitutionKind,
    pub variant_id: Option<&'a str>,
    pub quantity: u32,
    pub original_unit: &'a Money,
    pub proposed_at: UnixSeconds,
    pub answer_by: UnixSeconds,
    pub if_unanswered: UnansweredSubstitution,
}

/// Records a proposal, awaiting the shopper's answer.
pub fn insert(tx: &Transaction<'_>, number: i64, proposal: &NewProposal<'_>) -> ApiResult<()> {
    tx.execute(
        "INSERT INTO substitutions (order_number, position, seq, kind, status, variant_id, quantity, original_unit_minor, proposed_at,
                answer_by, if_unanswered)
         VALUES (?1, ?2, (SELECT COALESCE(MAX(seq) + 1, 0) FROM substitutions WHERE order_number = ?1 AND position = ?2), ?3, 'proposed',
                 ?4, ?5, ?6, ?7, ?8, ?9)",
        params![
            number,
            proposal.position,
            to_text(&proposal.kind),
            proposal.variant_id,
            proposal.quantity,
            proposal.original_unit.amount_minor,
            proposal.proposed_at,
            proposal.answer_by,
            to_text(&proposal.if_unanswered)
        ],
    )?;
    Ok(())
}

const COLUMNS: &str = "s.position, s.seq, s.kind, s.status, s.variant_id, s.quantity, s.original_unit_minor, o.currency, s.answer_by,
                       s.if_unanswered";

fn proposal(r: &rusqlite::Row<'_>) -> rusqlite::Result<Proposal> {
    Ok(Proposal {
        position: r.get(0)?,
        seq: r.get(1)?,
        kind: from_text(&r.get::<_, String>(2)?).unwrap_or(SubstitutionKind::Unknown),
        status: from_text(&r.get::<_, String>(3)?).unwrap_or(SubstitutionStatus::Unknown),
        variant_id: r.get(4)?,
        quantity: r.get(5)?,
        original_unit: Money::new(r.get(6)?, &r.get::<_, String>(7)?),
        answer_by: r.get(8)?,
        if_unanswered: from_text(&r.get::<_, String>(9)?).unwrap_or(UnansweredSubstitution::Unknown),
    })
}

/// The proposal on a line that awaits an answer, if there is one.
pub fn awaiting(tx: &Transaction<'_>, number: i64, position: i64) -> ApiResult<Option<Proposal>> {
    Ok(tx
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM substitutions s JOIN orders o ON o.number = s.order_number
                 WHERE s.order_number = ?1 AND s.position = ?2 AND s.status = 'proposed'"
            ),
            params![number, position],
            proposal,
        )
        .optional()?)
}

/// Every proposal of the order that awaits an answer.
pub fn all_awaiting(tx: &Transaction<'_>, number: i64) -> ApiResult<Vec<Proposal>> {
    let mut stmt = tx.prepare(&format!(
        "SELECT {COLUMNS} FROM substitutions s JOIN orders o ON o.number = s.order_number
         WHERE s.order_number = ?1 AND s.status = 'proposed' ORDER BY s.position"
    ))?;
    let proposals = stmt.query_map([number], proposal)?.collect::<Result<Vec<_>, _>>()?;
    Ok(proposals)
}

/// Records the answer to a proposal (or its lapse); `charged` is what one accepted substitute costs.
pub fn answer(
    tx: &Transaction<'_>,
    number: i64,
    proposal: &Proposal,
    status: SubstitutionStatus,
    charged: Option<&Money>,
    at: UnixSeconds,
) -> ApiResult<()> {
    tx.execute(
        "UPDATE substitutions SET status = ?4, charged_unit_minor = ?5, answered_at = ?6
         WHERE order_number = ?1 AND position = ?2 AND seq = ?3",
        params![number, proposal.position, proposal.seq, to_text(&status), charged.map(|m| m.amount_minor), at],
    )?;
    Ok(())
}

/// The newest proposal of each line of the order, as the order's page shows it; `paid` says
/// whether a dearer substitute would now come at the price already paid.
pub fn of_order(tx: &Transaction<'_>, number: i64, paid: bool) -> ApiResult<HashMap<i64, Substitution>> {
    // The substitute is named in the order's language, as its lines are.
    let mut stmt = tx.prepare(&format!(
        "SELECT s.position, s.kind, s.status, s.quantity, s.original_unit_minor, o.currency, s.charged_unit_minor, s.proposed_at,
                s.answer_by, s.if_unanswered, p.id, {}, v.sku, {}, v.price_minor, p.seller_id
         FROM substitutions s JOIN orders o ON o.number = s.order_number
              LEFT JOIN variants v ON v.id = s.variant_id LEFT JOIN products p ON p.id = v.product_id
         WHERE s.order_number = ?1
           AND s.seq = (SELECT MAX(seq) FROM substitutions t WHERE t.order_number = s.order_number AND t.position = s.position)",
        catalog::product_name_in("o.locale"),
        catalog::variant_label_in("o.locale"),
    ))?;
    let rows = stmt.query_map([number], |r| {
        let currency: String = r.get(5)?;
        let original = Money::new(r.get(4)?, &currency);
        let status: SubstitutionStatus = from_text(&r.get::<_, String>(2)?).unwrap_or(SubstitutionStatus::Unknown);
        let substitute = match r.get::<_, Option<String>>(10)? {
            Some(product_id) => {
                let listed = Money::new(r.get(14)?, &currency);
                let unit_price = match r.get::<_, Option<i64>>(6)? {
                    Some(charged) => Money::new(charged, &currency),
                    None => charged_unit_price(&original, &listed, paid),
                };
                Some(SubstituteItem {
                    image_url: image_url(&product_id),
                    product_id,
                    name: r.get(11)?,
                    sku: r.get(12)?,
                    variant_label: r.get(13)?,
                    unit_price,
                    seller_id: r.get(15)?,
                })
            }
            None => None,
        };
        let quantity: u32 = r.get(3)?;
        let price_difference = price_difference(&original, substitute.as_ref().map(|s| &s.unit_price), quantity)
            .unwrap_or_else(|_| Money::zero(&original.currency));
        let substitution = Substitution {
            kind: from_text(&r.get::<_, String>(1)?).unwrap_or(SubstitutionKind::Unknown),
            status,
            substitute,
            quantity,
            price_difference,
            proposed_at: format_rfc3339_utc(r.get(7)?),
            answer_by: format_rfc3339_utc(r.get(8)?),
            if_unanswered: from_text(&r.get::<_, String>(9)?).unwrap_or(UnansweredSubstitution::Unknown),
        };
        Ok((r.get::<_, i64>(0)?, substitution))
    })?;
    Ok(rows.collect::<Result<HashMap<_, _>, _>>()?)
}
