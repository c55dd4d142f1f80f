//! Placing the order exactly once. The total is checked with the backend once more right
//! before; the attempt carries an idempotency key, the same one for a retry of the same order
//! (`vitrina_core::checkout::review::attempt_key`), so a lost answer or a second press never
//! makes a second order; and the outcome is the placed order or why not.

use super::quote::QuoteView;
use super::state::CheckoutState;
use crate::api::{Api, ApiError, random_key};
use leptos::prelude::*;
use vitrina_core::api::{PlaceOrder, PlacedOrder};
use vitrina_core::checkout::entries::EntriesStoreFields;
use vitrina_core::checkout::review::attempt_key;
use vitrina_core::locale::Locale;
use vitrina_core::{FieldError, Money, ProblemKind};

/// Why the order was not placed.
#[derive(Debug, Clone)]
pub enum NotPlaced {
    /// The backend's total is not the one the shopper accepted; the new quote is on screen, to
    /// be confirmed.
    TotalChanged,
    /// Fields the backend refused (each names the step that can change it).
    Refused(Vec<FieldError>),
    /// The backend could not be asked, or said no for another reason.
    Failed(ApiError),
}

/// Places what the entries say for `cart_id`, at the `accepted` total; the order's e-mails are
/// written in `locale`, the language the shopper reads the store in.
pub async fn place_order(
    api: &Api,
    state: CheckoutState,
    quote: QuoteView,
    cart_id: &str,
    accepted: Money,
    locale: Locale,
) -> Result<PlacedOrder, NotPlaced> {
    let entries = state.entries.get_untracked();
    let draft = entries.draft(cart_id);
    let fresh = api.quote(&draft).await.map_err(NotPlaced::Failed)?;
    let changed = fresh.totals.total != accepted;
    let terms = fresh.terms_version.clone();
    quote.quote.try_set(Some(fresh));
    if changed {
        return Err(NotPlaced::TotalChanged);
    }
    let mut body = PlaceOrder { draft, consents: entries.consents(&terms), expected_total: accepted, locale: None };
    // The attempt is the order itself: switching language before a retry is still the same
    // order, so the language is left out of what the key is matched on.
    let sent = serde_json::to_string(&body).unwrap_or_default();
    body.locale = Some(locale.tag().to_owned());
    let (key, new) = attempt_key(entries.attempt.as_ref(), &sent, random_key);
    if new {
        state.entries.attempt().set(Some((key.clone(), sent)));
    }
    api.place_order(&body, &key).await.map_err(|e| match e.problem_kind() {
        Some(ProblemKind::Validation) => NotPlaced::Refused(e.problem().map(|p| p.errors.clone()).unwrap_or_default()),
        Some(ProblemKind::PriceChanged) => {
            // The total moved between the check and the placing: ask again, to confirm.
            quote.retry();
            NotPlaced::Failed(e)
        }
        _ => NotPlaced::Failed(e),
    })
}
