//! Decoder fuzzing: whatever a backend sends, `decode_response` returns the value or a typed
//! error, and never panics; and the app's decoder (`vitrina_core::json`) takes exactly what
//! serde_json takes, into the same value, and refuses what it refuses. Every contract type is fed arbitrary JSON, arbitrary text, and
//! mutations of a real answer of the reference server (`tests/samples/`): fields dropped, types
//! changed, enum values from the future, huge and negative numbers, deep nesting, odd Unicode,
//! truncation and stray bytes. Bounded and seeded, so it is quick and repeatable in `make test`.
//!
//! A sample is the reference server's answer (or the app's request) as JSON. When a contract
//! type changes, the test says its sample no longer decodes: replace it with the new answer; a
//! new contract type gets a sample and a line in the list below.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use serde::de::DeserializeOwned;
use serde_json::{Value, json};
use std::sync::atomic::{AtomicUsize, Ordering};
use vitrina_core::Problem;
use vitrina_core::api::*;
use vitrina_core::json::{self, Decode};

/// Writes a suite's summary where `cargo test` shows it even for a passing test (its capture
/// takes only `print!`), so `make test` says what was tried and what held.
macro_rules! report {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), "\n{}", format!($($arg)*));
    }};
}

/// Cases per type and generator.
const CASES: u32 = 100;

static DECODED: AtomicUsize = AtomicUsize::new(0);
static TYPED_ERRORS: AtomicUsize = AtomicUsize::new(0);
static COMPARED: AtomicUsize = AtomicUsize::new(0);

/// The contract's types as the fuzzed ones must be: both decoders, serialisable, printable.
trait Contract: Decode + DeserializeOwned + serde::Serialize + std::fmt::Debug {}
impl<T: Decode + DeserializeOwned + serde::Serialize + std::fmt::Debug> Contract for T {}

/// `body` decodes with `Decode` exactly as with serde: the same value, or an error from both.
fn same_as_serde<T: Contract>(body: &str) {
    let ours = json::from_str::<T>(body);
    let serde = serde_json::from_str::<T>(body);
    match (&ours, &serde) {
        (Ok(a), Ok(b)) => assert_eq!(format!("{a:?}"), format!("{b:?}"), "the decoders read {body} differently"),
        (Err(_), Err(_)) => {}
        _ => panic!(
            "the decoders disagree on {}: Decode {:?}, serde {:?}",
            body.chars().take(2000).collect::<String>(),
            ours.as_ref().err(),
            serde.as_ref().err()
        ),
    }
    COMPARED.fetch_add(1, Ordering::Relaxed);
}

/// What a backend's answer must come to: the value, or a typed error with something to say.
fn check<T: Contract>(status: u16, content_type: Option<&str>, retry_after: Option<&str>, body: &str) {
    same_as_serde::<T>(body);
    same_as_serde::<Problem>(body);
    match decode_response::<T>(status, content_type, retry_after, body) {
        Ok(value) => {
            assert!((200..300).contains(&status), "a {status} answer decoded as a value");
            // What decoded can be written again (the app keeps some answers in storage).
            serde_json::to_string(&value).expect("a decoded value serialises");
            DECODED.fetch_add(1, Ordering::Relaxed);
        }
        Err(ApiError::Undecodable(why)) => {
            assert!((200..300).contains(&status) && !why.is_empty());
            TYPED_ERRORS.fetch_add(1, Ordering::Relaxed);
        }
        Err(ApiError::Status { status: s, problem, .. }) => {
            assert_eq!(s, status);
            assert!(!(200..300).contains(&status));
            if let Some(problem) = problem {
                let _ = problem.kind();
            }
            TYPED_ERRORS.fetch_add(1, Ordering::Relaxed);
        }
        Err(other) => panic!("a transport error from a decoded body: {other:?}"),
    }
}

fn runner(salt: u8) -> TestRunner {
    let mut seed = [7u8; 32];
    seed[0] = salt;
    TestRunner::new_with_rng(
        Config { cases: CASES, failure_persistence: None, ..Config::default() },
        TestRng::from_seed(RngAlgorithm::ChaCha, &seed),
    )
}

/// Strings a backend might send: ordinary, empty, right-to-left, emoji, control characters,
/// markup, and what looks like a date, a number or an enum value.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        Just(String::new()),
        Just("\u{202e}مرحبا\u{200f}".to_owned()),
        Just("👩‍👩‍👧‍👦🇺🇦".to_owned()),
        Just("\u{0}\u{1}\u{7f}\u{feff}".to_owned()),
        Just("<script>alert(1)</script>".to_owned()),
        Just("2026-02-30".to_owned()),
        Just("9999-99-99T99:99:99Z".to_owned()),
        Just("12345678901234567890".to_owned()),
        Just("something_from_the_future".to_owned()),
        Just("x".repeat(10_000)),
    ]
}

/// Numbers at and beyond every edge the contract's integer types have.
fn number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_filter("JSON has no NaN or infinity", |f| f.is_finite()).prop_map(Value::from),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(1.5)),
        Just(json!(i64::MIN)),
        Just(json!(u64::MAX)),
        Just(json!(1e308)),
        Just(json!(-1e308)),
        Just(json!(4294967296u64)),
    ]
}

/// Any JSON value, a few levels deep, with keys that are sometimes the contract's own.
fn value() -> impl Strategy<Value = Value> {
    let key = prop_oneof![
        text(),
        prop::sample::select(vec!["id", "status", "type", "number", "lines", "amount_minor", "currency", "events", "settings", "account"])
            .prop_map(str::to_owned),
    ];
    let leaf = prop_oneof![Just(Value::Null), any::<bool>().prop_map(Value::from), number(), text().prop_map(Value::from)];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::from),
            prop::collection::btree_map(key.clone(), inner, 0..6).prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// Every location in a JSON document, as JSON pointers.
fn pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{at}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let p = format!("{at}/{i}");
                out.push(p.clone());
                pointers(v, p, out);
            }
        }
        _ => {}
    }
}

#[derive(Debug, Clone)]
enum Mutation {
    Drop,
    Replace(Value),
    FromTheFuture,
    Nest(usize),
    AddField(String, Value),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        3 => Just(Mutation::Drop),
        4 => value().prop_map(Mutation::Replace),
        2 => Just(Mutation::FromTheFuture),
        1 => (1usize..400).prop_map(Mutation::Nest),
        1 => (text(), value()).prop_map(|(k, v)| Mutation::AddField(k, v)),
    ]
}

fn apply(doc: &mut Value, pointer: &str, mutation: &Mutation) {
    let Some(target) = doc.pointer_mut(pointer) else { return };
    match mutation {
        Mutation::Drop => {
            let (parent, last) = pointer.rsplit_once('/').unwrap_or(("", pointer));
            let last = last.replace("~1", "/").replace("~0", "~");
            match doc.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.remove(&last);
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = last.parse::<usize>()
                        && i < items.len()
                    {
                        items.remove(i);
                    }
                }
                _ => {}
            }
        }
        Mutation::Replace(v) => *target = v.clone(),
        Mutation::FromTheFuture => {
            if target.is_string() {
                *target = json!("teleported_by_drone");
            }
        }
        Mutation::Nest(depth) => {
            for _ in 0..*depth {
                *target = json!([target.take()]);
            }
        }
        Mutation::AddField(k, v) => {
            if let Value::Object(map) = target {
                map.insert(k.clone(), v.clone());
            }
        }
    }
}

#[derive(Debug, Clone)]
enum TextMutation {
    Truncate(prop::sample::Index),
    Insert(prop::sample::Index, char),
    Remove(prop::sample::Index),
}

fn text_mutation() -> impl Strategy<Value = TextMutation> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(TextMutation::Truncate),
        (any::<prop::sample::Index>(), prop_oneof![Just('"'), Just('{'), Just(']'), Just(','), Just('\\'), Just('\u{0}'), any::<char>()])
            .prop_map(|(i, c)| TextMutation::Insert(i, c)),
        any::<prop::sample::Index>().prop_map(TextMutation::Remove),
    ]
}

fn apply_text(text: &str, mutation: &TextMutation) -> String {
    let chars: Vec<char> = text.chars().collect();
    let at = |i: &prop::sample::Index| if chars.is_empty() { 0 } else { i.index(chars.len()) };
    let mut out = chars.clone();
    match mutation {
        TextMutation::Truncate(i) => out.truncate(at(i)),
        TextMutation::Insert(i, c) => out.insert(at(i), *c),
        TextMutation::Remove(i) => {
            if !out.is_empty() {
                out.remove(at(i));
            }
        }
    }
    out.into_iter().collect()
}

/// Runs every generator against `T`, with `sample` a real answer (or request) of that type.
fn fuzz<T: Contract>(name: &str, sample: &str) -> usize {
    let original: Value = serde_json::from_str(sample).unwrap_or_else(|e| panic!("{name}: the sample is not JSON: {e}"));
    serde_json::from_value::<T>(original.clone()).unwrap_or_else(|e| panic!("{name}: the sample no longer decodes: {e}"));
    let mut every = Vec::new();
    pointers(&original, String::new(), &mut every);
    let json_ct = Some("application/json");
    let salt = name.bytes().fold(0u8, |h, b| h.wrapping_mul(31).wrapping_add(b));
    let mut cases = 0;

    // Arbitrary JSON and arbitrary text, as a success and as an error answer.
    runner(salt)
        .run(
            &(value(), any::<String>(), prop::sample::select(vec![200u16, 201, 204, 400, 404, 409, 422, 429, 500, 503])),
            |(v, s, status)| {
                check::<T>(200, json_ct, None, &v.to_string());
                check::<T>(status, Some("application/problem+json"), Some("30"), &v.to_string());
                check::<T>(200, json_ct, None, &s);
                check::<T>(status, json_ct, Some(&s), &s);
                Ok(())
            },
        )
        .unwrap_or_else(|e| panic!("{name}: arbitrary JSON: {e}"));
    cases += 4 * CASES as usize;

    // The real answer, mutated at 1 to 3 places.
    let places = prop::collection::vec((prop::sample::select(every.clone()), mutation()), 1..4);
    runner(salt.wrapping_add(1))
        .run(&places, |changes| {
            let mut doc = original.clone();
            for (pointer, m) in &changes {
                apply(&mut doc, pointer, m);
            }
            check::<T>(200, json_ct, None, &doc.to_string());
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{name}: mutated sample: {e}"));
    cases += CASES as usize;

    // The real answer's text, cut short or with stray characters.
    let compact = original.to_string();
    runner(salt.wrapping_add(2))
        .run(&prop::collection::vec(text_mutation(), 1..4), |changes| {
            let body = changes.iter().fold(compact.clone(), |t, m| apply_text(&t, m));
            check::<T>(200, json_ct, None, &body);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{name}: damaged text: {e}"));
    cases += CASES as usize;

    // Fixed hostile inputs: nesting far past any parser's limit, a huge array, a wrong media type.
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_object = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let many = format!("[{}0]", "0,".repeat(200_000));
    for body in [deep.as_str(), deep_object.as_str(), many.as_str(), "", " ", "null", "\u{feff}{}", "{\"a\":1,\"a\":2}", "[]", "{}"] {
        check::<T>(200, json_ct, None, body);
        check::<T>(503, Some("application/problem+json"), Some("soon"), body);
    }
    check::<T>(200, Some("text/html"), None, sample);
    check::<T>(200, None, None, sample);
    check::<T>(200, Some("application/json; charset=utf-8"), None, sample);
    cases + 21
}

#[macro_use]
mod common;

macro_rules! samples {
    ($( $ty:ty => $file:literal ),+ $(,)?) => {
        vec![ $( (stringify!($ty), $file, fuzz::<$ty> as fn(&str, &str) -> usize, include_str!(concat!("samples/", $file))) ),+ ]
    };
}

#[test]
fn no_answer_a_backend_can_send_panics_the_decoder() {
    let all = every_sample!(samples);
    // One thread per sample: the machine's cores share the work.
    let cases: usize = std::thread::scope(|scope| {
        let runs: Vec<_> = all.iter().map(|(name, _, run, sample)| scope.spawn(move || run(name, sample))).collect();
        runs.into_iter().map(|r| r.join().expect("a fuzzing thread panicked")).sum()
    });
    let types: std::collections::BTreeSet<&str> = all.iter().map(|(name, ..)| *name).collect();
    report!(
        "decoder fuzzing: {} contract types from {} samples, {cases} inputs (arbitrary JSON and text, mutated and damaged samples, hostile bodies): 0 panics; {} decoded, {} typed errors; {} decodings compared with serde_json, 0 differences",
        types.len(),
        all.len(),
        DECODED.load(Ordering::Relaxed),
        TYPED_ERRORS.load(Ordering::Relaxed),
        COMPARED.load(Ordering::Relaxed),
    );
}

/// Replaces each value at `pointers` in `sample` by one no version of the contract has, and
/// decodes the result as `T`; returns how many were tried.
fn future_values<T: Contract>(sample: &str, pointers: &[&str]) -> usize {
    for pointer in pointers {
        let mut doc: Value = serde_json::from_str(sample).unwrap();
        let slot = doc.pointer_mut(pointer).unwrap_or_else(|| panic!("{pointer} is in the sample"));
        assert!(slot.is_string(), "{pointer} is an enum value");
        *slot = json!("teleported_by_drone");
        same_as_serde::<T>(&doc.to_string());
        let decoded = decode_response::<T>(200, Some("application/json"), None, &doc.to_string());
        assert!(decoded.is_ok(), "{pointer}: {decoded:?}");
    }
    pointers.len()
}

/// A newer backend may add enum values: the app reads them as "unknown", not as a broken answer.
#[test]
fn enum_values_from_a_newer_backend_decode_as_unknown() {
    let tried = future_values::<Order>(
        include_str!("samples/order.json"),
        &[
            "/status",
            "/payment/kind",
            "/payment/status",
            "/delivery/kind",
            "/delivery/id_documents/0",
            "/history/0/kind",
            "/lines/1/substitution/kind",
            "/lines/1/substitution/status",
            "/lines/1/substitution/if_unanswered",
            "/cancellation/kind",
            "/cancellation/delivery_fee",
            "/refunds/0/reason",
        ],
    ) + future_values::<PlacedOrder>(include_str!("samples/placed_order.json"), &["/payment/status"])
        + future_values::<Shipment>(
            include_str!("samples/shipment_customs.json"),
            &["/current/phase", "/current/severity", "/current/action", "/events/0/phase", "/events/0/action"],
        )
        + future_values::<Quote>(
            include_str!("samples/quote.json"),
            &["/delivery_options/0/kind", "/payment_methods/0/kind", "/limits/status"],
        );
    report!("unknown enum values: {tried} tried, {tried} decoded as unknown");
}
