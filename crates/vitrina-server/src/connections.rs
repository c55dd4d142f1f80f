//! Serving connections: HTTP/1.1 through hyper, with what `axum::serve` leaves out.
//!
//! - A client must send a request's headers within [`HEADER_TIMEOUT`], also between requests on
//!   a kept-alive connection (hyper's timer must be set for that, and axum's server sets none),
//!   so slow clients that trickle bytes (slowloris) are cut off; bodies and whole requests have
//!   their own limits (`http::BODY_TIMEOUT`, `http::REQUEST_TIMEOUT`).
//! - At most [`MAX_CONNECTIONS`] at once: past that, new ones wait in the listen queue instead of
//!   taking the last file descriptors.
//! - SIGTERM (`docker stop`, systemd, Kubernetes) stops the server as gracefully as SIGINT
//!   (Ctrl-C): it stops accepting, lets requests in flight finish (an order being placed is
//!   placed and answered), closes idle connections, and gives up on the rest after
//!   [`DRAIN_DEADLINE`].
//!
//! Foundation: used by the crate root; uses no other module.

use axum::Router;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// How long a client may take to send a request's headers.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);
/// Connections served at once.
pub const MAX_CONNECTIONS: usize = 512;
/// How long a stopping server waits for requests in flight.
pub const DRAIN_DEADLINE: Duration = Duration::from_secs(10);

/// Serves `router` on `listener` until SIGINT or SIGTERM, then drains.
pub async fn serve(listener: TcpListener, router: Router) -> std::io::Result<()> {
    let graceful = GracefulShutdown::new();
    let permits = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new()).header_read_timeout(HEADER_TIMEOUT);
    let stop = stop_signal();
    tokio::pin!(stop);
    loop {
        let permit = tokio::select! {
            permit = permits.clone().acquire_owned() => permit.map_err(std::io::Error::other)?,
            _ = &mut stop => break,
        };
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                // Out of file descriptors, or a connection reset before it was accepted: the
                // server goes on (a short pause lets descriptors come free).
                Err(e) => {
                    tracing::warn!("accepting a connection failed: {e}");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            _ = &mut stop => break,
        };
        let router = router.clone();
        // The peer's address, as `into_make_service_with_connect_info` would give it.
        let service = hyper::service::service_fn(move |mut request: hyper::Request<Incoming>| {
            request.extensions_mut().insert(ConnectInfo(peer));
            router.clone().oneshot(request.map(axum::body::Body::new))
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // A client gone or too slow is its own business; nothing to log.
            let _ = connection.await;
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!(connections = graceful.count(), "stopping: finishing the requests in flight");
    if tokio::time::timeout(DRAIN_DEADLINE, graceful.shutdown()).await.is_err() {
        tracing::warn!("stopping: requests still running after {} s were dropped", DRAIN_DEADLINE.as_secs());
    }
    Ok(())
}

/// Resolves at the first SIGINT or SIGTERM.
async fn stop_signal() {
    let interrupt = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        _ = interrupt => {},
        _ = terminate => {},
    }
}
