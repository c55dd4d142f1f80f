//! What every handler can reach.

use crate::clock::Clock;
use crate::db::Db;
use crate::options::ServerOptions;
use crate::routes::contact::ContactLimits;
use crate::routes::session::SignInLimits;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub clock: Clock,
    pub options: Arc<ServerOptions>,
    /// The contact form's limits per sender and per network address.
    pub contact_limits: ContactLimits,
    /// Sign-in attempts per email address.
    pub sign_in_limits: SignInLimits,
}
