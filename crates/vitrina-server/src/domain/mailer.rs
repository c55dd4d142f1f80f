//! Sends what the outbox holds: writes each waiting email from its event (once: the message is
//! kept with the row from then on), delivers it to the outbox folder, and marks it delivered.
//!
//! The row was committed with its event, so an email is never lost: if the process dies before
//! delivering, the next flush (at the latest when the server starts again) delivers it; if it
//! dies after writing the file but before marking it, the same bytes are written to the same
//! file again, so the shopper still has one email. Handlers flush right after committing (so
//! an answer usually comes after its email is out), and a background task every two seconds
//! catches the rest (events from the back office, failures to retry).

use crate::domain::emails::{self, OrderEmail, Site};
use crate::error::{ApiError, ApiResult};
use crate::outbox;
use crate::state::AppState;
use crate::store::{orders, outbox as rows};
use rusqlite::Transaction;
use std::time::Duration;
use vitrina_core::civil::UnixSeconds;

/// The store's name and addresses for the links in its emails.
pub fn site(state: &AppState) -> Site {
    let o = &state.options;
    let public = o.public_url.clone().unwrap_or_else(|| format!("http://{}:{}", o.host, o.port));
    let public_url = public.trim_end_matches('/').to_owned();
    let help = o.help_link();
    Site {
        store_name: o.store_name().to_owned(),
        // A path of the app is linked on the store's own address.
        help_url: if help.starts_with('/') { format!("{public_url}{help}") } else { help },
        named_help_url: o.help_url.clone(),
        public_url,
        order_rules: o.order_rules.clone(),
        store: crate::policy::profile(o.store),
    }
}

/// Writes the email of a row waiting for it from its order event, or marks that the event
/// sends none; returns the message if there is one.
pub fn prepare(tx: &Transaction<'_>, site: &Site, row: &rows::Waiting, now: UnixSeconds) -> ApiResult<Option<Vec<u8>>> {
    let (Some(number), Some(seq)) = (row.order_number, row.event_seq.and_then(|seq| usize::try_from(seq).ok())) else {
        rows::set_none(tx, row.id)?;
        return Ok(None);
    };
    let order = orders::load_order(tx, site.store, number, now, &site.order_rules)?;
    let Some(email) = OrderEmail::for_event(&order, seq) else {
        rows::set_none(tx, row.id)?;
        return Ok(None);
    };
    let message =
        outbox::build(&emails::order_email(tx, site, &order, (email, seq), now)?, row.created_at, &row.name).map_err(ApiError::internal)?;
    rows::set_ready(tx, row.id, &message)?;
    Ok(Some(message))
}

/// Writes and delivers everything waiting. Failures are logged and left for the next flush.
pub async fn flush(state: &AppState) {
    if state.mail.is_held() {
        return;
    }
    let _one_at_a_time = state.mail.lock.lock().await;
    if let Err(e) = flush_all(state).await {
        tracing::warn!("the outbox could not be sent: {}", e.0.detail.as_deref().unwrap_or(&e.0.title));
    }
}

async fn flush_all(state: &AppState) -> ApiResult<()> {
    const BATCH: usize = 50;
    let site = site(state);
    loop {
        let waiting = state.db.run(|tx| rows::waiting(tx, BATCH)).await?;
        let count = waiting.len();
        for row in waiting {
            let message = match row.message.clone() {
                Some(message) => message,
                None => {
                    let (site, row, now) = (site.clone(), row.clone(), state.clock.now());
                    let id = row.id;
                    match state.db.run(move |tx| prepare(tx, &site, &row, now)).await {
                        Ok(Some(message)) => message,
                        Ok(None) => continue,
                        Err(e) => {
                            let error = e.0.detail.clone().unwrap_or(e.0.title.clone());
                            tracing::warn!(outbox = id, "an email could not be written: {error}");
                            state.db.run(move |tx| rows::note_failure(tx, id, &error)).await?;
                            continue;
                        }
                    }
                }
            };
            let (dir, name, id) = (state.options.outbox_dir.clone(), row.name.clone(), row.id);
            let delivered =
                tokio::task::spawn_blocking(move || outbox::deliver(&dir, &name, &message)).await.map_err(ApiError::internal)?;
            match delivered {
                Ok(_) => {
                    let now = state.clock.now();
                    state.db.run(move |tx| rows::set_delivered(tx, id, now)).await?;
                }
                Err(e) => {
                    let error = e.to_string();
                    tracing::warn!(outbox = id, "an email could not be delivered: {error}");
                    state.db.run(move |tx| rows::note_failure(tx, id, &error)).await?;
                    // The folder is not writable now: try again on the next round.
                    return Ok(());
                }
            }
        }
        if count < BATCH {
            return Ok(());
        }
    }
}

/// Flushes every two seconds for the life of the server.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(2));
        loop {
            tick.tick().await;
            flush(&state).await;
        }
    });
}
