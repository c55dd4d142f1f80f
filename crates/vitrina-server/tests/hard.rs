//! The slow robustness suites, run by `make test-hard` (plain `cargo test` lists them as ignored).
//! Each starts the real server binary on a temporary SQLite file and talks to it over loopback:
//!
//! - contract fuzzing: schemathesis against the committed `openapi.json`;
//! - load: catalog reads, cart updates and order placements at once, then counted in SQLite;
//! - crash safety: SIGKILL during a stream of order placements, restart, count again;
//! - a flood of 200,000 distinct rate-limit keys, with health checks answered all along;
//! - slow clients (slowloris) cut off by the timeouts while others are served;
//! - SIGTERM with orders in flight: every one finishes and is answered, none is lost.
//!
//! The binary is `$VITRINA_SERVER_BIN` (the Makefile passes the optimised `server` build), else
//! the debug build cargo made for this test. Every loop here is bounded in count and in time.

use reqwest::Client;
use serde_json::{Value, json};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// The server as a process

fn server_binary() -> PathBuf {
    match std::env::var_os("VITRINA_SERVER_BIN") {
        // Relative to the repository root (cargo runs tests in the package's directory).
        Some(path) => repository_root().join(path),
        None => PathBuf::from(env!("CARGO_BIN_EXE_vitrina-server")),
    }
}

fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// The real `vitrina-server` on a free loopback port, its database in `dir`, its log in
/// `dir/server.log` (kept across restarts, so a panic or an internal error in any run is seen).
struct ServerProcess {
    child: Child,
    base: String,
}

impl ServerProcess {
    fn start(dir: &Path, flags: &[&str]) -> ServerProcess {
        let log = std::fs::OpenOptions::new().create(true).append(true).open(dir.join("server.log")).expect("server log");
        let mut child = Command::new(server_binary())
            .args(["--host", "127.0.0.1", "--port", "0"])
            .arg("--db")
            .arg(dir.join("store.sqlite"))
            .arg("--outbox")
            .arg(dir.join("outbox"))
            .args(flags)
            .stdout(Stdio::piped())
            .stderr(log)
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", server_binary().display()));
        let stdout = child.stdout.take().expect("server stdout");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("Vitrina is at ") {
                    let _ = tx.send(url.trim_end_matches('/').to_owned());
                }
            }
        });
        let base = rx.recv_timeout(Duration::from_secs(120)).expect("the server printed its address");
        ServerProcess { child, base }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The server's resident memory, in KiB (Linux).
    fn resident_kib(&self) -> Option<u64> {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status.lines().find_map(|l| l.strip_prefix("VmRSS:")).and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
    }

    /// SIGTERM, as `docker stop` or systemd sends it; waits for the process to end (at most 30 s)
    /// and returns how it ended.
    fn terminate(&mut self) -> Option<std::process::ExitStatus> {
        let _ = Command::new("kill").args(["-TERM", &self.child.id().to_string()]).status();
        let deadline = Instant::now() + Duration::from_secs(30);
        while Instant::now() < deadline {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }

    /// SIGKILL: no shutdown, no flush, exactly what a power cut or the OOM killer does.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for ServerProcess {
    fn drop(&mut self) {
        self.kill();
    }
}

/// Lines of the server's log that tell of a panic or an internal error.
fn troubles_in_log(dir: &Path) -> Vec<String> {
    let log = std::fs::read_to_string(dir.join("server.log")).unwrap_or_default();
    log.lines().filter(|l| l.contains("panic") || l.contains("internal error")).map(str::to_owned).collect()
}

fn client() -> Client {
    Client::builder().timeout(Duration::from_secs(60)).build().expect("HTTP client")
}

fn key() -> String {
    vitrina_server::ids::token()
}

// ---------------------------------------------------------------------------------------------
// Placing orders the way the app does

/// One attempt to place an order: the request, ready to send (and to send again).
#[derive(Clone)]
struct Attempt {
    key: String,
    cart: String,
    body: Value,
}

/// A placed order as the server confirmed it.
#[derive(Clone, Debug)]
struct Placed {
    number: i64,
    token: String,
    cart: String,
}

async fn send(request: reqwest::RequestBuilder) -> Result<(u16, Value), String> {
    let response = request.send().await.map_err(|e| format!("no answer: {e}"))?;
    let status = response.status().as_u16();
    let text = response.text().await.map_err(|e| format!("answer cut off: {e}"))?;
    Ok((status, serde_json::from_str(&text).unwrap_or(Value::String(text))))
}

async fn expect(request: reqwest::RequestBuilder, status: u16, what: &str) -> Result<Value, String> {
    let (actual, body) = send(request).await?;
    if actual == status { Ok(body) } else { Err(format!("{what}: {actual} instead of {status}: {body}")) }
}

/// Sends `request` expecting `status`; with `timings`, records how long it took under `kind`.
async fn step(
    timings: Option<&Mutex<Timings>>,
    kind: &'static str,
    status: u16,
    request: reqwest::RequestBuilder,
) -> Result<Value, String> {
    let started = Instant::now();
    let result = expect(request, status, kind).await;
    if let Some(timings) = timings {
        timings.lock().unwrap().record(kind, started.elapsed());
    }
    result
}

/// A cart with `items`, a courier delivery paid on delivery, and the total the quote gave.
async fn prepare_order(client: &Client, base: &str, items: &[(&str, u32)], timings: Option<&Mutex<Timings>>) -> Result<Attempt, String> {
    let cart = step(timings, "POST /api/carts", 201, client.post(format!("{base}/api/carts"))).await?;
    let cart = cart["id"].as_str().ok_or("cart without id")?.to_owned();
    for (variant, quantity) in items {
        let line = json!({ "variant_id": variant, "quantity": quantity });
        step(timings, "POST /api/carts/{id}/lines", 200, client.post(format!("{base}/api/carts/{cart}/lines")).json(&line)).await?;
    }
    let mut draft = json!({
        "cart_id": cart,
        "contact": { "email": "load@example.com", "phone": "+7 912 345-67-89", "name": "Анна Петрова" },
        "address": { "country": "RU", "city": "Москва", "line": "ул. Ленина, д. 5, кв. 12", "postcode": "101000", "region": "Москва" },
        "payment_method": "cash-on-delivery",
    });
    let quote = step(timings, "POST /api/checkout/quote", 200, client.post(format!("{base}/api/checkout/quote")).json(&draft)).await?;
    let courier = &quote["delivery_options"][0];
    draft["delivery"] = json!({ "option_id": "courier", "date": courier["dates"][0], "time_window_id": "evening" });
    let quote = step(timings, "POST /api/checkout/quote", 200, client.post(format!("{base}/api/checkout/quote")).json(&draft)).await?;
    let body = json!({
        "draft": draft,
        "consents": { "terms_version": quote["terms_version"], "personal_data": true },
        "expected_total": quote["totals"]["total"],
    });
    Ok(Attempt { key: key(), cart, body })
}

async fn place(client: &Client, base: &str, attempt: &Attempt) -> Result<(u16, Value), String> {
    send(client.post(format!("{base}/api/orders")).header("Idempotency-Key", &attempt.key).json(&attempt.body)).await
}

fn placed(attempt: &Attempt, body: &Value) -> Result<Placed, String> {
    let number = body["number"].as_str().and_then(|n| n.parse().ok()).ok_or_else(|| format!("no order number in {body}"))?;
    let token = body["access_token"].as_str().ok_or_else(|| format!("no token in {body}"))?.to_owned();
    Ok(Placed { number, token, cart: attempt.cart.clone() })
}

/// The variants the suites buy, restocked so that a long run does not sell the demo store out.
const STOCKED: &[(&str, i64)] = &[("ceramic-mug-1", 100_000), ("field-notebook-1", 100_000), ("wool-socks-1", 100_000)];
const BASKETS: &[&[(&str, u32)]] = &[&[("ceramic-mug-1", 2)], &[("field-notebook-1", 3)], &[("wool-socks-1", 1), ("ceramic-mug-1", 1)]];

async fn restock(client: &Client, base: &str) {
    for (variant, stock) in STOCKED {
        let r = client.post(format!("{base}/api/test/stock")).json(&json!({ "variant_id": variant, "stock": stock })).send().await;
        assert_eq!(r.map(|r| r.status().as_u16()).ok(), Some(204), "restocking {variant}");
    }
}

// ---------------------------------------------------------------------------------------------
// Counting in SQLite

struct Ledger {
    orders: usize,
    numbers: HashSet<i64>,
    /// Order number → (cart, hash of the access token it was placed with).
    by_number: HashMap<i64, (String, String)>,
    carts_ordered_twice: usize,
    /// Variant → (stock now, units in order lines).
    stock: BTreeMap<String, (i64, i64)>,
    integrity: String,
}

fn ledger(db: &Path) -> Ledger {
    let conn = rusqlite::Connection::open_with_flags(db, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).expect("open the database");
    // The first token of each order, as kept: its hash.
    let mut stmt = conn
        .prepare(
            "SELECT number, cart_id, (SELECT token_hash FROM order_tokens t WHERE t.order_number = o.number ORDER BY rowid LIMIT 1)
             FROM orders o",
        )
        .unwrap();
    let rows: Vec<(i64, String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().collect::<Result<_, _>>().unwrap();
    let carts_ordered_twice: i64 =
        conn.query_row("SELECT COUNT(*) FROM (SELECT cart_id FROM orders GROUP BY cart_id HAVING COUNT(*) > 1)", [], |r| r.get(0)).unwrap();
    let mut stock = BTreeMap::new();
    for (variant, _) in STOCKED {
        let now: i64 = conn.query_row("SELECT stock FROM variants WHERE id = ?1", [variant], |r| r.get(0)).unwrap();
        let sold: i64 =
            conn.query_row("SELECT COALESCE(SUM(quantity), 0) FROM order_lines WHERE variant_id = ?1", [variant], |r| r.get(0)).unwrap();
        stock.insert((*variant).to_owned(), (now, sold));
    }
    let integrity: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    Ledger {
        orders: rows.len(),
        numbers: rows.iter().map(|r| r.0).collect(),
        by_number: rows.into_iter().map(|(n, c, t)| (n, (c, t))).collect(),
        carts_ordered_twice: carts_ordered_twice as usize,
        stock,
        integrity,
    }
}

/// Every confirmed order is in the ledger with its cart and token; returns the ones missing.
fn missing<'a>(ledger: &Ledger, confirmed: &'a [Placed]) -> Vec<&'a Placed> {
    confirmed.iter().filter(|p| ledger.by_number.get(&p.number) != Some(&(p.cart.clone(), vitrina_server::ids::digest(&p.token)))).collect()
}

/// Units taken from stock equal units in order lines, per restocked variant.
fn stock_mismatches(ledger: &Ledger) -> Vec<String> {
    let initial: HashMap<&str, i64> = STOCKED.iter().copied().collect();
    ledger
        .stock
        .iter()
        .filter(|(variant, (now, sold))| initial[variant.as_str()] - now != *sold)
        .map(|(variant, (now, sold))| format!("{variant}: stock fell by {} but {sold} were ordered", initial[variant.as_str()] - now))
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Latency

#[derive(Default)]
struct Timings {
    by_kind: BTreeMap<&'static str, Vec<Duration>>,
    errors: Vec<String>,
}

impl Timings {
    fn record(&mut self, kind: &'static str, took: Duration) {
        self.by_kind.entry(kind).or_default().push(took);
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

/// Sends `request`, times it, and records an error unless the status is `status`.
async fn timed(timings: &Mutex<Timings>, kind: &'static str, status: u16, request: reqwest::RequestBuilder) -> Option<Value> {
    let started = Instant::now();
    let result = send(request).await;
    let took = started.elapsed();
    let mut t = timings.lock().unwrap();
    t.record(kind, took);
    match result {
        Ok((actual, body)) if actual == status => Some(body),
        Ok((actual, body)) => {
            t.errors.push(format!("{kind}: {actual} instead of {status}: {}", body.to_string().chars().take(300).collect::<String>()));
            None
        }
        Err(e) => {
            t.errors.push(format!("{kind}: {e}"));
            None
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Load

const READERS: usize = 8;
const READS_EACH: usize = 500;
const CART_USERS: usize = 4;
const CARTS_EACH: usize = 150;
const BUYERS: usize = 6;
const ORDERS_EACH: usize = 150;
const STORMS: usize = 5;
const STORM_REQUESTS: usize = 16;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "slow: run by `make test-hard`"]
async fn load_of_reads_cart_updates_and_orders_at_once_loses_and_doubles_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &["--test-hooks", "--no-auto-progress", "--order-limit", "100000"]);
    let base = server.base.clone();
    let client = client();
    restock(&client, &base).await;
    let timings = Arc::new(Mutex::new(Timings::default()));
    let confirmed = Arc::new(Mutex::new(Vec::<Placed>::new()));
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();

    for reader in 0..READERS {
        let (client, base, timings) = (client.clone(), base.clone(), timings.clone());
        tasks.spawn(async move {
            for i in 0..READS_EACH {
                timed(&timings, "GET /api/products", 200, client.get(format!("{base}/api/products"))).await;
                timed(&timings, "GET /api/products/{id}", 200, client.get(format!("{base}/api/products/linen-shirt"))).await;
                // The parcel with a thousand events is the heaviest read there is.
                let parcel = if (reader + i) % 10 == 0 { "PX1000000009" } else { "PX1000000002" };
                timed(&timings, "GET /api/shipments/{number}", 200, client.get(format!("{base}/api/shipments/{parcel}"))).await;
            }
        });
    }

    for _ in 0..CART_USERS {
        let (client, base, timings) = (client.clone(), base.clone(), timings.clone());
        tasks.spawn(async move {
            for _ in 0..CARTS_EACH {
                let Some(cart) = timed(&timings, "POST /api/carts", 201, client.post(format!("{base}/api/carts"))).await else { continue };
                let id = cart["id"].as_str().unwrap_or_default().to_owned();
                let lines = format!("{base}/api/carts/{id}/lines");
                timed(&timings, "POST /api/carts/{id}/lines", 200, client.post(&lines).json(&json!({ "variant_id": "linen-shirt-2" })))
                    .await;
                let add = json!({ "variant_id": "field-notebook-1", "quantity": 2 });
                let Some(cart) = timed(&timings, "POST /api/carts/{id}/lines", 200, client.post(&lines).json(&add)).await else { continue };
                let line = cart["lines"][1]["id"].as_str().unwrap_or_default().to_owned();
                let patch = client.patch(format!("{lines}/{line}")).json(&json!({ "quantity": 5 }));
                timed(&timings, "PATCH /api/carts/{id}/lines/{line}", 200, patch).await;
                timed(&timings, "DELETE /api/carts/{id}/lines/{line}", 200, client.delete(format!("{lines}/{line}"))).await;
                timed(&timings, "GET /api/carts/{id}", 200, client.get(format!("{base}/api/carts/{id}"))).await;
            }
        });
    }

    for buyer in 0..BUYERS {
        let (client, base, timings, confirmed) = (client.clone(), base.clone(), timings.clone(), confirmed.clone());
        tasks.spawn(async move {
            for i in 0..ORDERS_EACH {
                let attempt = match prepare_order(&client, &base, BASKETS[(buyer + i) % BASKETS.len()], Some(&timings)).await {
                    Ok(attempt) => attempt,
                    Err(e) => {
                        timings.lock().unwrap().errors.push(format!("preparing an order: {e}"));
                        continue;
                    }
                };
                let request = || client.post(format!("{base}/api/orders")).header("Idempotency-Key", &attempt.key).json(&attempt.body);
                let Some(first) = timed(&timings, "POST /api/orders", 201, request()).await else { continue };
                match placed(&attempt, &first) {
                    Ok(p) => confirmed.lock().unwrap().push(p),
                    Err(e) => timings.lock().unwrap().errors.push(e),
                }
                // Every other order is sent twice, as a client does when an answer is lost.
                if i % 2 == 0
                    && let Some(again) = timed(&timings, "POST /api/orders (repeated)", 200, request()).await
                    && again["number"] != first["number"]
                {
                    timings
                        .lock()
                        .unwrap()
                        .errors
                        .push(format!("a repeated request got order {} instead of {}", again["number"], first["number"]));
                }
            }
        });
    }

    // Meanwhile, storms: one attempt sent by many at once with one key, and one cart ordered
    // from many tabs at once, each tab with its own key. Each storm makes exactly one order.
    // (kind of storm) → one (status, order number) list per storm.
    let mut storms: BTreeMap<&str, Vec<Vec<(u16, String)>>> = BTreeMap::new();
    for _ in 0..STORMS {
        let one_key = prepare_order(&client, &base, BASKETS[0], None).await.expect("an order to storm");
        let one_cart = prepare_order(&client, &base, BASKETS[1], None).await.expect("an order from many tabs");
        let mut storm = tokio::task::JoinSet::new();
        for i in 0..2 * STORM_REQUESTS {
            let (client, base) = (client.clone(), base.clone());
            let mut attempt = if i % 2 == 0 { one_key.clone() } else { one_cart.clone() };
            if i % 2 == 1 {
                attempt.key = key();
            }
            storm.spawn(async move { (attempt.clone(), place(&client, &base, &attempt).await) });
        }
        let mut results: BTreeMap<&str, Vec<(u16, String)>> = BTreeMap::new();
        while let Some(joined) = storm.join_next().await {
            let (attempt, result) = joined.expect("storm task");
            let which = if attempt.cart == one_key.cart { "one key" } else { "one cart, a key per tab" };
            let (status, body) = result.unwrap_or_else(|e| panic!("storm request ({which}): {e}"));
            if status == 201 {
                confirmed.lock().unwrap().push(placed(&attempt, &body).expect("a placed order"));
            }
            results.entry(which).or_default().push((status, body["number"].as_str().unwrap_or("?").to_owned()));
        }
        for (which, list) in results {
            storms.entry(which).or_default().push(list);
        }
    }

    let all_done = tokio::time::timeout(Duration::from_secs(600), async {
        while let Some(joined) = tasks.join_next().await {
            joined.expect("a load task panicked");
        }
    })
    .await;
    assert!(all_done.is_ok(), "the load run did not finish within 10 minutes");
    let elapsed = started.elapsed();

    let confirmed = confirmed.lock().unwrap().clone();
    let ledger = ledger(&dir.path().join("store.sqlite"));
    let lost = missing(&ledger, &confirmed);
    let stock = stock_mismatches(&ledger);
    let timings = timings.lock().unwrap();
    let total: usize = timings.by_kind.values().map(Vec::len).sum();

    println!(
        "\nload: {total} requests in {:.1} s on loopback ({:.0} per second), {} readers, {} cart users, {} buyers",
        elapsed.as_secs_f64(),
        total as f64 / elapsed.as_secs_f64(),
        READERS,
        CART_USERS,
        BUYERS
    );
    println!("  {:<38} {:>6} {:>10} {:>10} {:>10}", "request", "count", "p50", "p99", "max");
    let mut all = Vec::new();
    for (kind, list) in &timings.by_kind {
        let mut sorted = list.clone();
        sorted.sort();
        println!(
            "  {kind:<38} {:>6} {:>10} {:>10} {:>10}",
            sorted.len(),
            ms(percentile(&sorted, 50.0)),
            ms(percentile(&sorted, 99.0)),
            ms(*sorted.last().unwrap())
        );
        all.extend(sorted);
    }
    all.sort();
    println!(
        "  {:<38} {:>6} {:>10} {:>10} {:>10}",
        "all",
        all.len(),
        ms(percentile(&all, 50.0)),
        ms(percentile(&all, 99.0)),
        ms(*all.last().unwrap_or(&Duration::ZERO))
    );
    for (which, list) in &storms {
        for results in list {
            let created = results.iter().filter(|(s, _)| *s == 201).count();
            let numbers: HashSet<&String> = results.iter().map(|(_, n)| n).collect();
            assert_eq!(created, 1, "{which}: exactly one request creates the order: {results:?}");
            assert_eq!(numbers.len(), 1, "{which}: every answer names the same order: {results:?}");
            assert!(results.iter().all(|(s, _)| *s == 201 || *s == 200), "{which}: {results:?}");
        }
        println!(
            "  {} storms of {STORM_REQUESTS} concurrent order requests ({which}): each made exactly one order ({} created, {} answered with that order)",
            list.len(),
            list.len(),
            list.len() * (STORM_REQUESTS - 1)
        );
    }
    println!(
        "  in SQLite: {} orders for {} confirmed, {} missing, {} carts ordered twice, stock {}, integrity {}",
        ledger.orders,
        confirmed.len(),
        lost.len(),
        ledger.carts_ordered_twice,
        if stock.is_empty() { "matches the order lines" } else { "does NOT match" },
        ledger.integrity
    );
    println!("  errors: {}; panics or internal errors in the server log: {}", timings.errors.len(), troubles_in_log(dir.path()).len());
    for e in timings.errors.iter().take(20) {
        println!("    {e}");
    }
    assert!(timings.errors.is_empty(), "{} requests failed", timings.errors.len());
    assert!(lost.is_empty(), "confirmed orders missing from the database: {lost:?}");
    assert_eq!(ledger.orders, confirmed.len(), "an order the clients were not told about, or one told twice");
    assert_eq!(ledger.numbers.len(), ledger.orders);
    assert_eq!(ledger.carts_ordered_twice, 0);
    assert!(stock.is_empty(), "{stock:?}");
    assert_eq!(ledger.integrity, "ok");
    assert_eq!(troubles_in_log(dir.path()), Vec::<String>::new());
    assert_eq!(confirmed.len(), BUYERS * ORDERS_EACH + 2 * STORMS);
}

// ---------------------------------------------------------------------------------------------
// Crash safety

const CRASH_ROUNDS: usize = 5;
const CRASH_BUYERS: usize = 8;
/// Orders confirmed in a round before the server is killed (with an order request in flight).
const CONFIRMED_BEFORE_KILL: usize = 20;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "slow: run by `make test-hard`"]
async fn orders_confirmed_before_a_sigkill_are_there_after_restart_and_none_twice() {
    let dir = tempfile::tempdir().unwrap();
    let flags = ["--test-hooks", "--no-auto-progress", "--order-limit", "100000"];
    let mut server = ServerProcess::start(dir.path(), &flags);
    let client = client();
    restock(&client, &server.base).await;
    let mut confirmed: Vec<Placed> = Vec::new();
    let (mut unanswered_total, mut retried_found, mut retried_placed) = (0, 0, 0);

    for round in 1..=CRASH_ROUNDS {
        let round_confirmed = Arc::new(Mutex::new(Vec::<Placed>::new()));
        let unanswered = Arc::new(Mutex::new(Vec::<Attempt>::new()));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let mut buyers = tokio::task::JoinSet::new();
        for buyer in 0..CRASH_BUYERS {
            let (client, base) = (client.clone(), server.base.clone());
            let (round_confirmed, unanswered, in_flight) = (round_confirmed.clone(), unanswered.clone(), in_flight.clone());
            buyers.spawn(async move {
                // Bounded: a buyer stops at the kill, or after 500 orders at the latest.
                for i in 0..500 {
                    let Ok(attempt) = prepare_order(&client, &base, BASKETS[(buyer + i) % BASKETS.len()], None).await else { return };
                    in_flight.fetch_add(1, Ordering::SeqCst);
                    let result = place(&client, &base, &attempt).await;
                    in_flight.fetch_sub(1, Ordering::SeqCst);
                    match result {
                        Ok((201, body)) => round_confirmed.lock().unwrap().push(placed(&attempt, &body).expect("placed")),
                        Ok((status, body)) => panic!("placing an order: {status}: {body}"),
                        Err(_) => {
                            // The server died with this request in flight: the outcome is unknown.
                            unanswered.lock().unwrap().push(attempt);
                            return;
                        }
                    }
                }
            });
        }
        // Kill once enough orders are confirmed, at a moment several order requests are in flight.
        let deadline = Instant::now() + Duration::from_secs(120);
        while (round_confirmed.lock().unwrap().len() < CONFIRMED_BEFORE_KILL || in_flight.load(Ordering::SeqCst) < CRASH_BUYERS / 2)
            && Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let in_flight_at_kill = in_flight.load(Ordering::SeqCst);
        server.kill();
        while let Some(joined) = buyers.join_next().await {
            joined.expect("a buyer failed");
        }
        let round_confirmed = round_confirmed.lock().unwrap().clone();
        let unanswered = unanswered.lock().unwrap().clone();

        server = ServerProcess::start(dir.path(), &flags);
        let ledger = ledger(&dir.path().join("store.sqlite"));
        let lost = missing(&ledger, &round_confirmed);
        // The app retries an unanswered attempt with the same key: it gets the order that was
        // committed before the kill, or a new one if none was; never a second one.
        let (mut found, mut placed_now) = (0, 0);
        for attempt in &unanswered {
            let (status, body) = place(&client, &server.base, attempt).await.expect("the restarted server answers");
            match status {
                200 => found += 1,
                201 => placed_now += 1,
                _ => panic!("retrying an unanswered order after the restart: {status}: {body}"),
            }
            confirmed.push(placed(attempt, &body).expect("placed"));
        }
        for p in &round_confirmed {
            let (status, _) = send(client.get(server.url(&format!("/api/orders/{}?token={}", p.number, p.token)))).await.unwrap();
            assert_eq!(status, 200, "order {} opens with its token after the restart", p.number);
        }
        println!(
            "crash round {round}: {} orders confirmed, SIGKILL with {in_flight_at_kill} order request(s) in flight; after restart: {} of {} confirmed found, {} unanswered retried ({found} had been placed, {placed_now} placed now)",
            round_confirmed.len(),
            round_confirmed.len() - lost.len(),
            round_confirmed.len(),
            unanswered.len(),
        );
        assert!(lost.is_empty(), "round {round}: confirmed orders lost by the crash: {lost:?}");
        assert!(round_confirmed.len() >= CONFIRMED_BEFORE_KILL, "round {round}: too few orders before the kill");
        confirmed.extend(round_confirmed);
        unanswered_total += unanswered.len();
        retried_found += found;
        retried_placed += placed_now;
    }

    let ledger = ledger(&dir.path().join("store.sqlite"));
    let lost = missing(&ledger, &confirmed);
    let stock = stock_mismatches(&ledger);
    println!(
        "crash safety: {CRASH_ROUNDS} SIGKILLs; {} orders confirmed to clients, {} in SQLite, {} missing, {} carts ordered twice, {unanswered_total} unanswered requests retried ({retried_found} had been placed, {retried_placed} placed on retry), stock {}, integrity {}",
        confirmed.len(),
        ledger.orders,
        lost.len(),
        ledger.carts_ordered_twice,
        if stock.is_empty() { "matches the order lines" } else { "does NOT match" },
        ledger.integrity
    );
    assert!(lost.is_empty(), "{lost:?}");
    assert_eq!(ledger.orders, confirmed.len(), "every order in the database was confirmed to exactly one attempt");
    assert_eq!(ledger.carts_ordered_twice, 0);
    assert!(stock.is_empty(), "{stock:?}");
    assert_eq!(ledger.integrity, "ok");
    assert_eq!(troubles_in_log(dir.path()), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// A flood of rate-limit keys

const FLOOD_KEYS: usize = 200_000;
const FLOOD_SENDERS: usize = 8;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "slow: run by `make test-hard`"]
async fn a_flood_of_distinct_rate_limit_keys_leaves_health_checks_answered_in_time() {
    let dir = tempfile::tempdir().unwrap();
    // Behind a proxy, every request may name another client: each one a new key for the
    // per-network limit, and each lookup a new order number for the per-order limit.
    let server = ServerProcess::start(dir.path(), &["--trust-proxy", "--test-hooks"]);
    let base = server.base.clone();
    let client = Client::builder().timeout(Duration::from_secs(60)).pool_max_idle_per_host(FLOOD_SENDERS * 2).build().unwrap();
    // How long a health check takes on the idle server.
    let mut idle = Vec::new();
    for _ in 0..50 {
        let started = Instant::now();
        assert_eq!(send(client.get(format!("{base}/api/health"))).await.map(|r| r.0), Ok(200));
        idle.push(started.elapsed());
    }
    idle.sort();
    let memory_before = server.resident_kib();

    let sent = Arc::new(AtomicUsize::new(0));
    let failures = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut senders = tokio::task::JoinSet::new();
    for sender in 0..FLOOD_SENDERS {
        let (client, base, sent, failures) = (client.clone(), base.clone(), sent.clone(), failures.clone());
        senders.spawn(async move {
            for i in (sender..FLOOD_KEYS).step_by(FLOOD_SENDERS) {
                let from = format!("10.{}.{}.{}", i >> 16 & 255, i >> 8 & 255, i & 255);
                let body = json!({ "number": format!("{}", 100_000 + i), "email": format!("flood{i}@example.com") });
                let request = client.post(format!("{base}/api/orders/lookup")).header("X-Forwarded-For", from).json(&body);
                match send(request).await {
                    Ok((404, _)) => {}
                    Ok((status, body)) => failures.lock().unwrap().push(format!("{status}: {body}")),
                    Err(e) => failures.lock().unwrap().push(e),
                }
                sent.fetch_add(1, Ordering::Relaxed);
            }
        });
    }
    // Health checks all along, one at a time.
    let mut during = Vec::new();
    while sent.load(Ordering::Relaxed) < FLOOD_KEYS && !senders.is_empty() {
        let started = Instant::now();
        let answer = send(client.get(format!("{base}/api/health"))).await.map(|r| r.0);
        during.push(started.elapsed());
        assert_eq!(answer, Ok(200), "a health check during the flood");
        tokio::time::sleep(Duration::from_millis(20)).await;
        if sent.load(Ordering::Relaxed) >= FLOOD_KEYS {
            break;
        }
    }
    while let Some(joined) = senders.join_next().await {
        joined.expect("a flood sender panicked");
    }
    during.sort();
    let memory_after = server.resident_kib();
    let failures = failures.lock().unwrap().clone();
    let keys = expect(client.get(format!("{base}/api/test/limits")), 200, "limit keys").await.unwrap();
    println!(
        "rate-limit flood: {FLOOD_KEYS} lookups, each from a new client address and for a new order number; {} health checks meanwhile: p50 {}, p99 {}, max {} (idle: p50 {}, max {}); resident memory {} KiB before, {} KiB after; keys held {keys}; {} failures",
        during.len(),
        ms(percentile(&during, 50.0)),
        ms(percentile(&during, 99.0)),
        ms(*during.last().unwrap_or(&Duration::ZERO)),
        ms(percentile(&idle, 50.0)),
        ms(*idle.last().unwrap()),
        memory_before.unwrap_or(0),
        memory_after.unwrap_or(0),
        failures.len()
    );
    assert!(failures.is_empty(), "{:?}", &failures[..failures.len().min(10)]);
    assert!(during.len() >= 10, "health was checked during the flood");
    // In time: the server shares two cores with the flood itself, so "its normal time" is
    // generous, but an O(n) sweep under a lock at 200,000 keys would stall every request.
    assert!(percentile(&during, 99.0) < Duration::from_millis(500), "health checks slowed down by the flood");
    // Bounded: each limiter holds at most two generations of 16 × 4096 keys, whatever arrives.
    for limiter in ["lookup_by_ip", "lookup_by_order"] {
        let held = keys[limiter].as_u64().unwrap_or(u64::MAX);
        assert!(held <= 2 * 16 * 4096, "{limiter} holds {held} keys after {FLOOD_KEYS} distinct ones");
    }
    if let (Some(before), Some(after)) = (memory_before, memory_after) {
        assert!(after < before + 64 * 1024, "memory grew from {before} KiB to {after} KiB");
    }
    assert_eq!(troubles_in_log(dir.path()), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// Slow clients

const SLOW_CLIENTS: usize = 200;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "slow: run by `make test-hard`"]
async fn slow_clients_are_cut_off_while_others_are_served() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let dir = tempfile::tempdir().unwrap();
    let server = ServerProcess::start(dir.path(), &[]);
    let address = server.base.trim_start_matches("http://").to_owned();
    // Headers a byte every 2 seconds, and a body a byte every 2 seconds after complete headers:
    // each keeps sending, so only a time limit on the whole of the headers (or body) stops it.
    let mut slow = tokio::task::JoinSet::new();
    for i in 0..SLOW_CLIENTS {
        let address = address.clone();
        slow.spawn(async move {
            let started = Instant::now();
            let mut stream = tokio::net::TcpStream::connect(&address).await.map_err(|e| format!("connect: {e}"))?;
            let head = if i % 2 == 0 {
                format!("GET /api/health HTTP/1.1\r\nHost: {address}\r\nX-Slow: ")
            } else {
                format!("POST /api/orders/lookup HTTP/1.1\r\nHost: {address}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{{")
            };
            stream.write_all(head.as_bytes()).await.map_err(|e| format!("write: {e}"))?;
            // Bounded: two minutes at most, whatever the server does.
            while started.elapsed() < Duration::from_secs(120) {
                tokio::time::sleep(Duration::from_secs(2)).await;
                if stream.write_all(b"a").await.is_err() {
                    return Ok(started.elapsed());
                }
                let mut buf = [0u8; 512];
                match tokio::time::timeout(Duration::from_millis(10), stream.read(&mut buf)).await {
                    Ok(Ok(0)) | Ok(Err(_)) => return Ok(started.elapsed()),
                    // The server answered (a 408 for the body) and closes: cut off too.
                    Ok(Ok(_)) => {
                        let _ = stream.read_to_end(&mut Vec::new()).await;
                        return Ok(started.elapsed());
                    }
                    Err(_) => {}
                }
            }
            Err("still connected after 120 s".to_owned())
        });
    }
    // Meanwhile, ordinary clients are served.
    let client = client();
    let mut served = Vec::new();
    let started = Instant::now();
    while started.elapsed() < Duration::from_secs(12) {
        let t = Instant::now();
        let answer = send(client.get(server.url("/api/products"))).await.map(|r| r.0);
        assert_eq!(answer, Ok(200), "an ordinary request while {SLOW_CLIENTS} slow clients are connected");
        served.push(t.elapsed());
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut cut_after = Vec::new();
    while let Some(joined) = slow.join_next().await {
        cut_after.push(joined.expect("a slow client panicked").expect("the slow client was cut off"));
    }
    cut_after.sort();
    served.sort();
    println!(
        "slow clients: {SLOW_CLIENTS} trickling headers or bodies a byte every 2 s were cut off after {:.1}–{:.1} s; {} ordinary requests meanwhile all answered (p99 {})",
        cut_after[0].as_secs_f64(),
        cut_after.last().unwrap().as_secs_f64(),
        served.len(),
        ms(percentile(&served, 99.0))
    );
    // Headers are cut at 10 s, a trickled body by the 30 s limit on a whole request; the
    // trickle's 2-second steps and a busy machine add some.
    assert!(cut_after.last().unwrap() < &Duration::from_secs(40), "{:?}", cut_after.last());
    assert_eq!(troubles_in_log(dir.path()), Vec::<String>::new());
}

// ---------------------------------------------------------------------------------------------
// Stopping

const TERM_BUYERS: usize = 8;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
#[ignore = "slow: run by `make test-hard`"]
async fn sigterm_with_orders_in_flight_loses_none() {
    let dir = tempfile::tempdir().unwrap();
    let flags = ["--test-hooks", "--no-auto-progress", "--order-limit", "100000"];
    let mut server = ServerProcess::start(dir.path(), &flags);
    // A new connection for each request: none rides on a kept-alive connection the stopping
    // server closes as idle.
    let client = Client::builder().timeout(Duration::from_secs(60)).pool_max_idle_per_host(0).build().unwrap();
    restock(&client, &server.base).await;
    let confirmed = Arc::new(Mutex::new(Vec::<Placed>::new()));
    let in_flight = Arc::new(AtomicUsize::new(0));
    let stopping = Arc::new(std::sync::atomic::AtomicBool::new(false));
    let answered_after_signal = Arc::new(AtomicUsize::new(0));
    let mut buyers = tokio::task::JoinSet::new();
    for buyer in 0..TERM_BUYERS {
        let (client, base) = (client.clone(), server.base.clone());
        let (confirmed, in_flight, stopping, after) =
            (confirmed.clone(), in_flight.clone(), stopping.clone(), answered_after_signal.clone());
        buyers.spawn(async move {
            for i in 0..500 {
                let Ok(attempt) = prepare_order(&client, &base, BASKETS[(buyer + i) % BASKETS.len()], None).await else { return };
                in_flight.fetch_add(1, Ordering::SeqCst);
                let result = place(&client, &base, &attempt).await;
                in_flight.fetch_sub(1, Ordering::SeqCst);
                match result {
                    Ok((201, body)) => {
                        if stopping.load(Ordering::SeqCst) {
                            after.fetch_add(1, Ordering::SeqCst);
                        }
                        confirmed.lock().unwrap().push(placed(&attempt, &body).expect("placed"));
                    }
                    Ok((status, body)) => panic!("placing an order: {status}: {body}"),
                    // The server stopped accepting: this attempt never reached it.
                    Err(_) => return,
                }
            }
        });
    }
    let deadline = Instant::now() + Duration::from_secs(120);
    while (confirmed.lock().unwrap().len() < 20 || in_flight.load(Ordering::SeqCst) < TERM_BUYERS / 2) && Instant::now() < deadline {
        tokio::time::sleep(Duration::from_millis(1)).await;
    }
    let in_flight_at_signal = in_flight.load(Ordering::SeqCst);
    stopping.store(true, Ordering::SeqCst);
    let signalled = Instant::now();
    let exit = tokio::task::block_in_place(|| server.terminate());
    let stopped_in = signalled.elapsed();
    while let Some(joined) = buyers.join_next().await {
        joined.expect("a buyer failed");
    }
    let confirmed = confirmed.lock().unwrap().clone();
    let ledger = ledger(&dir.path().join("store.sqlite"));
    let lost = missing(&ledger, &confirmed);
    println!(
        "SIGTERM: {in_flight_at_signal} order request(s) in flight; the server stopped in {:.2} s ({exit:?}); {} orders answered after the signal; {} confirmed, {} in SQLite, {} missing, integrity {}",
        stopped_in.as_secs_f64(),
        answered_after_signal.load(Ordering::SeqCst),
        confirmed.len(),
        ledger.orders,
        lost.len(),
        ledger.integrity
    );
    assert!(exit.is_some_and(|s| s.success()), "the server ends by itself, successfully, on SIGTERM: {exit:?}");
    assert!(lost.is_empty(), "{lost:?}");
    // Nothing placed without its answer reaching the client: what SQLite holds was all confirmed.
    assert_eq!(ledger.orders, confirmed.len(), "an order placed but never answered");
    assert_eq!(ledger.carts_ordered_twice, 0);
    assert_eq!(ledger.integrity, "ok");
    assert_eq!(troubles_in_log(dir.path()), Vec::<String>::new());
    // Started again on the same file, it has them all.
    let server = ServerProcess::start(dir.path(), &flags);
    for p in &confirmed {
        let (status, _) = send(client.get(server.url(&format!("/api/orders/{}?token={}", p.number, p.token)))).await.unwrap();
        assert_eq!(status, 200, "order {} after the restart", p.number);
    }
}

// ---------------------------------------------------------------------------------------------
// Contract fuzzing

fn schemathesis() -> PathBuf {
    let st = std::env::var_os("SCHEMATHESIS").map(PathBuf::from).unwrap_or_else(|| repository_root().join(".venv/bin/st"));
    assert!(st.exists(), "{} is missing: run `scripts/tools.sh hard` (make test-hard does)", st.display());
    st
}

fn dictionary(name: &str, values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("{v:?}")).collect();
    format!("\n[dictionaries.{name}]\nvalues = [{}]\n", quoted.join(", "))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore = "slow: run by `make test-hard`"]
async fn schemathesis_finds_no_server_error_and_no_answer_outside_the_contract() {
    let st = schemathesis();
    let dir = tempfile::tempdir().unwrap();
    // As in production: no test hooks, orders moving along by themselves.
    let server = ServerProcess::start(dir.path(), &[]);
    let base = server.base.clone();
    let client = client();

    // Real identifiers, so that the fuzzer gets past "not found": an order, carts, the seller's session.
    let attempt = prepare_order(&client, &base, BASKETS[0], None).await.expect("an order");
    let (status, body) = place(&client, &base, &attempt).await.expect("placing");
    assert_eq!(status, 201, "{body}");
    let order = placed(&attempt, &body).unwrap();
    let cart = prepare_order(&client, &base, BASKETS[2], None).await.expect("a cart");
    let cart_body = expect(client.get(format!("{base}/api/carts/{}", cart.cart)), 200, "cart").await.unwrap();
    let line = cart_body["lines"][0]["id"].as_str().unwrap().to_owned();
    let signed_in = client
        .post(format!("{base}/api/session"))
        .json(&json!({ "email": "seller@example.com", "password": "demo" }))
        .send()
        .await
        .expect("sign in");
    let cookie = signed_in.headers().get("set-cookie").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let session = cookie.split(';').next().and_then(|c| c.strip_prefix("vitrina_session=")).expect("a session cookie").to_owned();

    let template = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hard/schemathesis.toml")).unwrap();
    let number = order.number.to_string();
    let config = [
        template,
        dictionary("orders", &[&number, "DEMO-1001"]),
        dictionary("tokens", &[&order.token]),
        dictionary("carts", &[&order.cart, &cart.cart]),
        dictionary("lines", &[&line]),
    ]
    .concat();
    let config_path = dir.path().join("schemathesis.toml");
    std::fs::write(&config_path, config).unwrap();

    let started = Instant::now();
    let output = tokio::task::spawn_blocking({
        let config_path = config_path.clone();
        move || {
            Command::new(st)
                .arg("--config-file")
                .arg(&config_path)
                .arg("run")
                .arg(repository_root().join("openapi.json"))
                // Every check runs unless schemathesis.toml says otherwise (`--checks all` would override it).
                .args(["--url", &base])
                .env("VITRINA_SESSION", session)
                .env("NO_COLOR", "1")
                .current_dir(config_path.parent().unwrap())
                .stderr(Stdio::inherit())
                .output()
                .expect("running schemathesis")
        }
    })
    .await
    .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    println!("{report}");
    let cases = report.lines().find(|l| l.contains(" generated,")).map(str::trim).unwrap_or("no test cases reported");

    // How far the fuzzer got: what it created and changed through the API.
    let conn = rusqlite::Connection::open_with_flags(dir.path().join("store.sqlite"), rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY).unwrap();
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |r| r.get(0)).unwrap() };
    let troubles = troubles_in_log(dir.path());
    println!(
        "contract fuzzing: {cases} in {:.0} s; the server now holds {} carts, {} orders, {} contact messages, {} sessions, demo-seller's settings at version {}; {} panics or internal errors in its log",
        started.elapsed().as_secs_f64(),
        count("SELECT COUNT(*) FROM carts"),
        count("SELECT COUNT(*) FROM orders"),
        count("SELECT COUNT(*) FROM contact_messages"),
        count("SELECT COUNT(*) FROM sessions"),
        count("SELECT version FROM contact_settings WHERE seller_id = 'demo-seller'"),
        troubles.len()
    );
    assert_eq!(troubles, Vec::<String>::new(), "the server logged panics or internal errors");
    assert!(output.status.success(), "schemathesis found answers outside the contract (above)");
}
