//! What every handler and background job can reach: the database, the clock, the options, the
//! rate limits, the password checker and the payment gateway's signing key.
//!
//! Foundation: used by every layer that needs the running server; uses the other foundation modules.

use crate::auth::Passwords;
use crate::clock::Clock;
use crate::db::Db;
use crate::options::ServerOptions;
use crate::ratelimit::Limits;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub options: Arc<ServerOptions>,
    pub limits: Limits,
    pub passwords: Passwords,
    /// The key the payment gateway signs its decisions with and the store checks them by. Made
    /// afresh at each start: only the demo gateway, in this process, shares it.
    pub gateway_key: Arc<[u8; 32]>,
    pub mail: Mail,
}

/// The outbox's sender: one flush at a time, and (for the tests' crash test) a hold.
#[derive(Clone, Default)]
pub struct Mail {
    pub lock: Arc<tokio::sync::Mutex<()>>,
    held: Arc<AtomicBool>,
}

impl Mail {
    /// While held, nothing is delivered: emails stay committed in the outbox table only.
    pub fn hold(&self, held: bool) {
        self.held.store(held, Ordering::SeqCst);
    }

    pub fn is_held(&self) -> bool {
        self.held.load(Ordering::SeqCst)
    }
}
