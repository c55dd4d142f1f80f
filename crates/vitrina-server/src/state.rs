//! What every handler and background job can reach: the database, the clock, the options and the
//! rate limits.
//!
//! Foundation: used by every layer that needs the running server; uses the other foundation modules.

use crate::clock::Clock;
use crate::db::Db;
use crate::options::ServerOptions;
use crate::ratelimit::Limits;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub options: Arc<ServerOptions>,
    pub limits: Limits,
}
