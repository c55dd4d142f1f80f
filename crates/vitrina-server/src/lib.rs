//! Vitrina's reference backend: the whole JSON contract on one SQLite file, plus the built app.
//!
//! The code is in layers; each uses the layers below it and never one above (`tests/layers.rs`
//! reads the source and fails on an import upwards or on any cycle between modules):
//!
//! - `http`: the router, handlers, extractors, problem answers, cache headers, the OpenAPI
//!   document, the built app;
//! - `domain` (what the store decides) and `seed` (the demo store);
//! - `store`: the SQL, as plain functions over a transaction;
//! - the foundation: `db`, `error`, `state`, `clock`, `ids`, `auth`, `policy`, `ratelimit`,
//!   `outbox`, `tz`, `options`, `connections`.
//!
//! This file only starts the server: it opens the state and serves [`app`].

pub mod addresses;
pub mod auth;
pub mod clock;
pub mod connections;
pub mod db;
pub mod domain;
pub mod error;
pub mod http;
pub mod ids;
pub mod intl;
pub mod options;
pub mod outbox;
pub mod phone;
pub mod policy;
pub mod ratelimit;
pub mod seed;
pub mod state;
pub mod store;
pub mod tz;

pub use http::app;

use crate::options::ServerOptions;
use crate::state::AppState;
use std::path::PathBuf;
use std::sync::Arc;

/// Why the server could not start, or stopped.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot open {}: {source}", path.display())]
    OpenDatabase { path: PathBuf, source: rusqlite::Error },
    #[error("cannot seed {}: {source}", path.display())]
    Seed { path: PathBuf, source: rusqlite::Error },
    #[error("cannot listen on {address}: {source}")]
    Listen { address: String, source: std::io::Error },
    #[error("serving failed: {0}")]
    Serve(std::io::Error),
}

/// Opens (and on first start seeds) the database and builds the shared state.
pub fn open_state(options: ServerOptions) -> Result<AppState, ServeError> {
    let path = options.db_path.clone();
    let db = db::Db::open(&path).map_err(|source| ServeError::OpenDatabase { path: path.clone(), source })?;
    let clock = clock::Clock::default();
    let now = clock.now();
    let seeded = db
        .with_conn(|conn| seed::seed_if_empty(conn, policy::profile(options.store), now))
        .map_err(|source| ServeError::Seed { path: path.clone(), source })?;
    if seeded {
        tracing::info!("created the demo store in {}", path.display());
    }
    let mut gateway_key = [0u8; 32];
    getrandom::fill(&mut gateway_key).expect("operating system random source");
    let limits = ratelimit::Limits::new(options.order_limit);
    Ok(AppState {
        db,
        clock,
        options: Arc::new(options),
        limits,
        passwords: auth::Passwords::default(),
        gateway_key: Arc::new(gateway_key),
        mail: state::Mail::default(),
    })
}

/// Listens and serves until interrupted (SIGINT or SIGTERM; see `connections`). What it prints on stdout is for the person who started
/// it (where the server is, the demo sign-ins); everything else goes to the log.
pub async fn serve(options: ServerOptions) -> Result<(), ServeError> {
    let address = format!("{}:{}", options.host, options.port);
    let state = open_state(options)?;
    domain::progress::spawn(state.clone());
    domain::purge::spawn(state.clone());
    // What was committed but not delivered when the server last stopped goes out before it
    // listens again.
    if !state.options.hold_mail {
        domain::mailer::flush(&state).await;
    }
    state.mail.hold(state.options.hold_mail);
    domain::mailer::spawn(state.clone());
    let listener =
        tokio::net::TcpListener::bind(&address).await.map_err(|source| ServeError::Listen { address: address.clone(), source })?;
    let local = listener.local_addr().map_err(|source| ServeError::Listen { address, source })?;
    println!("Vitrina is at http://{local}/");
    let what = |email: &str| {
        seed::DEMO_ACCOUNTS.iter().find(|(e, ..)| *e == email).map_or("", |(_, _, verified, seller)| match (seller, verified) {
            (Some(_), _) => "seller",
            (None, true) => "shopper, verified email",
            (None, false) => "shopper, email not verified",
        })
    };
    if state.options.demo {
        println!("Demo sign-ins (password \"{}\"):", seed::DEMO_PASSWORD);
        for (email, ..) in seed::DEMO_ACCOUNTS {
            println!("  {email:<22} {}", what(email));
        }
        println!("Demo promo codes: WELCOME10, FREESHIP, EXPIRED2020. Parcels: PX1000000001 … PX1000000010.");
    } else {
        // A store that is no demo keeps no account anybody can open with the published password.
        let seed = |conn: &mut rusqlite::Connection| {
            let tx = conn.transaction()?;
            let renewed = seed::renew_demo_passwords(&tx)?;
            tx.commit().map(|()| renewed)
        };
        let renewed = state.db.with_conn(seed).map_err(|source| ServeError::Seed { path: state.options.db_path.clone(), source })?;
        if !renewed.is_empty() {
            println!("The accounts had the demo password; their new passwords (shown this once):");
            for (email, password) in &renewed {
                println!("  {email:<22} {password}  {}", what(email));
            }
        }
    }
    if state.options.dist_dir.is_none() {
        println!("(API only: pass --dist dist to serve the app too)");
    }
    // The peer's address feeds the per-network rate limits.
    let served = connections::serve(listener, app(state)).await;
    served.map_err(ServeError::Serve)
}
