//! What every handler can reach.

use crate::clock::Clock;
use crate::db::Db;
use crate::options::ServerOptions;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub options: Arc<ServerOptions>,
}
