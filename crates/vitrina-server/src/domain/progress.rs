//! The reference store's back office in miniature: every 15 seconds it applies the orders'
//! deadlines (unpaid orders expire and release their stock, unanswered substitutions lapse,
//! uncollected parcels are refused) and, unless turned off with `--no-auto-progress`, moves
//! placed orders along over time (seller sees it, confirms, hands it to the carrier once it may,
//! courier delivers or the shopper collects), so a demo order's page changes as a real one would.
//! The end-to-end suite moves orders itself through `/api/test/orders/{number}/status`.

use crate::domain::lifecycle;
use crate::error::ApiResult;
use crate::policy::Profile;
use crate::state::AppState;
use crate::store::orders;
use rusqlite::Transaction;
use std::time::Duration;
use vitrina_core::civil::UnixSeconds;
use vitrina_core::order::OrderRules;

/// Runs [`settle_and_advance`] every 15 seconds for the life of the server.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(15));
        loop {
            tick.tick().await;
            let now = state.clock.now();
            let rules = state.options.order_rules.clone();
            let advance = state.options.auto_progress;
            let store = crate::policy::profile(state.options.store);
            // What moved wrote its e-mails to the outbox in the same transaction: send them.
            match state.db.run(move |tx| settle_and_advance(tx, store, now, &rules, advance)).await {
                Ok(()) => crate::domain::mailer::flush(&state).await,
                Err(e) => tracing::warn!("moving orders along failed: {}", e.0.title),
            }
        }
    });
}

/// Applies every deadline that has passed and, if `advance`, moves orders along.
pub fn settle_and_advance(tx: &Transaction<'_>, store: &Profile, now: UnixSeconds, rules: &OrderRules, advance: bool) -> ApiResult<()> {
    lifecycle::settle_all(tx, store, now, rules)?;
    if advance {
        advance_all(tx, store, now)?;
    }
    Ok(())
}

/// Moves every order that has rested long enough one step along (none to the carrier before it
/// may go); returns how many moved.
pub fn advance_all(tx: &Transaction<'_>, store: &Profile, now: UnixSeconds) -> ApiResult<usize> {
    let mut moved = 0;
    for (number, status, since) in orders::in_progress(tx)? {
        let Some(state) = orders::state(tx, number)? else { continue };
        let may_ship = lifecycle::may_ship(tx, &state)?;
        if let Some(next) = vitrina_core::order::auto_progress(status, state.delivery_kind, now - since.unwrap_or(now), may_ship) {
            orders::set_status(tx, store, number, next, now)?;
            moved += 1;
        }
    }
    Ok(moved)
}
