//! Substitutions: a seller who cannot send a line proposes another size or colour, another item,
//! the same item from another seller, or removing the line; the shopper accepts or declines on
//! the order's page before the store's deadline (`OrderRules::substitution_minutes`), and without
//! an answer the store does what it set (`OrderRules::if_unanswered`; `lifecycle::settle`).
//!
//! Accepted: the substitute takes the line's place (taken from stock), the totals follow, and a
//! cheaper substitute's difference is refunded if the order was paid. Declined, or a removal
//! accepted: the line is cancelled and refunded; the rest of the order goes ahead.

use crate::domain::lifecycle::{self, Cause};
use crate::domain::session::seller_account;
use crate::error::{ApiError, ApiResult};
use crate::policy::Profile;
use crate::store::orders::{self, Replacement};
use crate::store::{catalog, payments, refunds, substitutions};
use rusqlite::Transaction;
use std::collections::BTreeMap;
use vitrina_core::api::{LineQuantity, Order, OrderEventKind, RefundReason, Substitution, SubstitutionOffer, SubstitutionStatus};
use vitrina_core::civil::UnixSeconds;
use vitrina_core::order::OrderRules;
use vitrina_core::order::lines;
use vitrina_core::order::substitution::{self as rules, Offered, ProposalError};
use vitrina_core::{FieldCode, FieldError, ProblemKind};

/// Who proposes: a seller, and the session they are signed in with (if any).
pub struct SellerSession<'a> {
    pub seller_id: &'a str,
    pub token: Option<&'a str>,
}

/// The seller signed in proposes `offer` for a line of theirs. A line of another seller, or of an
/// order that does not exist, is answered alike: not found.
// The store and its order rules travel beside the order's own facts.
#[allow(clippy::too_many_arguments)]
pub fn propose_as_seller(
    tx: &Transaction<'_>,
    store: &Profile,
    seller: SellerSession<'_>,
    number: &str,
    line_id: &str,
    offer: &SubstitutionOffer,
    now: UnixSeconds,
    rules: &OrderRules,
) -> ApiResult<Substitution> {
    let SellerSession { seller_id, token } = seller;
    seller_account(
        tx,
        token,
        seller_id,
        now,
        "Sign in as the seller to propose a substitution.",
        "Only the seller of this line can propose a substitution for it.",
    )?;
    let not_found = || ApiError::not_found("No such line among this seller's orders.");
    let number: i64 = number.trim().parse().map_err(|_| not_found())?;
    let position = orders::line_position(line_id).ok_or_else(not_found)?;
    let state = orders::state(tx, number)?.ok_or_else(not_found)?;
    if !state.lines.iter().any(|l| l.position == position && l.seller_id == seller_id) {
        return Err(not_found());
    }
    propose(tx, store, number, position, offer, now, rules)
}

/// Proposes `offer` for the line at `position` of order `number` (the seller's part, once it is
/// known to be theirs; the demo's test hook calls it directly).
pub fn propose(
    tx: &Transaction<'_>,
    store: &Profile,
    number: i64,
    position: i64,
    offer: &SubstitutionOffer,
    now: UnixSeconds,
    rules: &OrderRules,
) -> ApiResult<Substitution> {
    lifecycle::settle(tx, store, number, now, rules)?;
    let state = lifecycle::state(tx, number)?;
    let line = state.lines.iter().find(|l| l.position == position).ok_or_else(|| ApiError::not_found("No such line."))?;
    let awaiting = substitutions::awaiting(tx, number, position)?.is_some();
    rules::may_propose(state.status, line.quantity, awaiting).map_err(refused)?;
    let substitute = match &offer.variant_id {
        Some(variant_id) => Some(catalog::variant_item(tx, variant_id, &orders::locale(tx, number)?)?.ok_or_else(|| {
            ApiError::validation(vec![FieldError::new("variant_id", FieldCode::UnknownOption, "There is no such item to offer.")])
        })?),
        None => None,
    };
    let original = Offered { product_id: &line.product_id, variant_id: &line.variant_id, seller_id: &line.seller_id };
    let kind = rules::kind_of(
        original,
        substitute.as_ref().map(|s| Offered { product_id: &s.product_id, variant_id: &s.variant_id, seller_id: &s.seller_id }),
    )
    .map_err(refused)?;
    if let Some(item) = &substitute {
        if item.price.currency != state.currency {
            return Err(ApiError::validation(vec![FieldError::new(
                "variant_id",
                FieldCode::UnknownOption,
                "That item is sold in another currency.",
            )]));
        }
        if item.stock < i64::from(line.quantity) {
            return Err(ApiError::detail(ProblemKind::OutOfStock, "The substitute is not in stock in the line's quantity."));
        }
    }
    substitutions::insert(
        tx,
        number,
        &substitutions::NewProposal {
            position,
            kind,
            variant_id: substitute.as_ref().map(|s| s.variant_id.as_str()),
            quantity: line.quantity,
            original_unit: &line.unit_price,
            proposed_at: now,
            answer_by: rules::answer_by(now, rules),
            if_unanswered: rules.if_unanswered,
        },
    )?;
    let about = [LineQuantity { line_id: line.id(), quantity: line.quantity }];
    orders::add_event_about(tx, number, now, OrderEventKind::SubstitutionProposed, &about, None)?;
    substitutions::of_order(tx, number, state.paid())?.remove(&position).ok_or_else(|| ApiError::internal("a proposal just made is gone"))
}

fn refused(e: ProposalError) -> ApiError {
    ApiError::detail(ProblemKind::SubstitutionNotAllowed, lifecycle::sentence(&e))
}

/// The shopper's answer to the proposal on line `line_id` of the order `token` opens.
// The store and its order rules travel beside the order's own facts.
#[allow(clippy::too_many_arguments)]
pub fn answer(
    tx: &Transaction<'_>,
    store: &Profile,
    number: &str,
    token: &str,
    line_id: &str,
    accept: bool,
    key: Option<(&str, &str)>,
    now: UnixSeconds,
    rules: &OrderRules,
) -> ApiResult<Order> {
    let number = super::orders::opened(tx, store, number, token, now, rules)?;
    if super::orders::carried_out(tx, key, number, now)? {
        return orders::load_order(tx, store, number, now, rules);
    }
    let state = lifecycle::state(tx, number)?;
    let closed = || ApiError::detail(ProblemKind::SubstitutionClosed, "No proposal on this line awaits an answer (it may have lapsed).");
    let position = orders::line_position(line_id).ok_or_else(closed)?;
    let proposal = substitutions::awaiting(tx, number, position)?.ok_or_else(closed)?;
    let line = state.lines.iter().find(|l| l.position == position).ok_or_else(closed)?;
    let about = [LineQuantity { line_id: line.id(), quantity: line.quantity }];
    let drop_line = || -> ApiResult<()> {
        let quantities: BTreeMap<i64, u32> = [(position, line.quantity)].into_iter().filter(|(_, q)| *q > 0).collect();
        lifecycle::cancel(tx, store, &state, &quantities, Cause::SubstitutionDeclined, &[position], now, rules)
    };
    match (accept, &proposal.variant_id) {
        (false, _) => {
            substitutions::answer(tx, number, &proposal, SubstitutionStatus::Declined, None, now)?;
            orders::add_event_about(tx, number, now, OrderEventKind::SubstitutionDeclined, &about, None)?;
            drop_line()?;
        }
        (true, None) => {
            substitutions::answer(tx, number, &proposal, SubstitutionStatus::Accepted, None, now)?;
            orders::add_event_about(tx, number, now, OrderEventKind::SubstitutionAccepted, &about, None)?;
            drop_line()?;
        }
        (true, Some(variant_id)) => {
            let item = catalog::variant_item(tx, variant_id, &orders::locale(tx, number)?)?.ok_or_else(closed)?;
            if !catalog::take_stock(tx, variant_id, line.quantity)? {
                return Err(ApiError::detail(
                    ProblemKind::OutOfStock,
                    "The substitute has sold out meanwhile; decline it, or ask the seller.",
                ));
            }
            let paid = state.paid();
            let charged = rules::charged_unit_price(&line.unit_price, &item.price, paid);
            substitutions::answer(tx, number, &proposal, SubstitutionStatus::Accepted, Some(&charged), now)?;
            orders::replace_line(
                tx,
                number,
                position,
                &Replacement {
                    product_id: &item.product_id,
                    variant_id: &item.variant_id,
                    seller_id: &item.seller_id,
                    sku: &item.sku,
                    name: &item.name,
                    variant_label: &item.label,
                    unit_price: &charged,
                    replaces: &line.title(),
                },
            )?;
            orders::add_event_about(tx, number, now, OrderEventKind::SubstitutionAccepted, &about, None)?;
            let mut priced = state.priced_lines();
            if let Some(changed) = priced.iter_mut().find(|l| l.id == line.id()) {
                changed.unit_price = charged;
            }
            let after = lines::totals_of(&state.currency, &priced, Some(&state.delivery), state.discount, state.totals.vat_rate_percent)?;
            orders::set_totals(tx, number, &after)?;
            if paid {
                let amount = lines::refund(&state.totals, &after)?;
                if amount.amount_minor > 0 {
                    refunds::record(tx, number, now, &amount, state.payment_kind, RefundReason::Substitution, None)?;
                    orders::add_event_about(tx, number, now, OrderEventKind::Refunded, &[], Some(&amount))?;
                }
            } else if after.total != state.totals.total {
                // A payment opened for the old total would take the wrong amount.
                payments::void_pending(tx, number, now)?;
            }
        }
    }
    orders::load_order(tx, store, number, now, rules)
}
