//! The reference store's back office in miniature: it moves placed orders along over time
//! (seller sees it, confirms, hands it to the carrier, courier delivers), so a demo order's page
//! changes as a real one would. Turned off with `--no-auto-progress` (the end-to-end suite moves
//! orders itself through `/api/test/orders/{number}/status`).

use crate::error::ApiResult;
use crate::policy::Profile;
use crate::state::AppState;
use crate::store::orders;
use rusqlite::Transaction;
use std::time::Duration;
use vitrina_core::civil::UnixSeconds;

/// Runs [`advance_all`] every 15 seconds for the life of the server.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(15));
        loop {
            tick.tick().await;
            let now = state.clock.now();
            let store = crate::policy::profile(state.options.store);
            if let Err(e) = state.db.run(move |tx| advance_all(tx, store, now)).await {
                tracing::warn!("moving orders along failed: {}", e.0.title);
            }
        }
    });
}

/// Moves every order that has rested long enough one step along; returns how many moved.
pub fn advance_all(tx: &Transaction<'_>, store: &Profile, now: UnixSeconds) -> ApiResult<usize> {
    let due: Vec<_> = orders::in_progress(tx)?
        .into_iter()
        .filter_map(|(number, status, since)| {
            vitrina_core::order::auto_progress(status, now - since.unwrap_or(now)).map(|next| (number, next))
        })
        .collect();
    for (number, next) in &due {
        orders::set_status(tx, store, *number, *next, now)?;
    }
    Ok(due.len())
}
