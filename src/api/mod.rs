//! The one HTTP client: every request to the backend goes through here.
//!
//! Transport only — timeouts, offline detection, retries — over gloo-net; decoding and the error
//! types come from `vitrina_core::api`, where they are tested on the host. Nothing a backend sends
//! can make this panic: every outcome is a value or an [`ApiError`].

mod endpoints;

pub use vitrina_core::api::ApiError;

use gloo_net::http::{Method, RequestBuilder};
use serde::Serialize;
use std::sync::Arc;
use vitrina_core::api::{AppConfig, decode_response};
use vitrina_core::json::{self, Decode};

/// Time limit for one request until `config.json` says otherwise (it is read under this one).
pub const REQUEST_TIMEOUT_MS: u32 = vitrina_core::api::DEFAULT_REQUEST_TIMEOUT_MS;
/// How many times an idempotent request is repeated after a transient failure.
const GET_RETRIES: u32 = 2;

/// A client for the backend named in `config.json`.
#[derive(Clone, Debug)]
pub struct Api {
    base_url: Arc<str>,
    /// Time limit for one request (`request_timeout_ms` in `config.json`).
    timeout_ms: u32,
}

impl Api {
    pub fn new(config: &AppConfig) -> Self {
        Api { base_url: Arc::from(resolve_against_page(&config.api_base_url)), timeout_ms: config.request_timeout_ms }
    }

    /// The absolute URL of an API path.
    pub fn url(&self, path: &str) -> String {
        format!("{}/{}", self.base_url.trim_end_matches('/'), path.trim_start_matches('/'))
    }

    /// A web address of the backend's choosing (a picture, a payment gateway's page), resolved
    /// against the API's location so a backend on another origin may send relative URLs; `None`
    /// unless it is a web address ([`safe_external_url`](vitrina_core::routes::safe_external_url)),
    /// so a backend gone wrong can neither run a `javascript:` link in the store's page nor make
    /// the browser fetch one as a picture.
    pub fn web_page(&self, url: &str) -> Option<String> {
        let resolved = web_sys::Url::new_with_base(url.trim(), &self.base_url).ok()?;
        vitrina_core::routes::safe_external_url(&resolved.href())
    }

    /// `GET`, retried with backoff after transient failures (a `Retry-After` is honoured up to 5 s).
    pub async fn get<T: Decode>(&self, path: &str) -> Result<T, ApiError> {
        let url = self.url(path);
        let mut attempt = 0;
        loop {
            let result = send(RequestBuilder::new(&url).method(Method::GET), None, self.timeout_ms).await;
            match result {
                Err(e) if e.is_transient() && attempt < GET_RETRIES => {
                    attempt += 1;
                    let backoff = 400 * 3u32.pow(attempt - 1);
                    let asked = e.retry_after_seconds().map(|s| (s.min(5) * 1000) as u32).unwrap_or(0);
                    sleep_ms(backoff.max(asked)).await;
                }
                other => return other,
            }
        }
    }

    /// A request with a JSON body (or none). Never retried here: the caller decides, and makes
    /// retries safe with an idempotency key where it matters.
    pub async fn send<B: Serialize, T: Decode>(
        &self,
        method: Method,
        path: &str,
        body: Option<&B>,
        headers: &[(&str, &str)],
    ) -> Result<T, ApiError> {
        let mut builder = RequestBuilder::new(&self.url(path)).method(method);
        for (name, value) in headers {
            builder = builder.header(name, value);
        }
        let body = match body {
            Some(b) => Some(serde_json::to_string(b).map_err(|_| ApiError::Network(UNWRITABLE.to_owned()))?),
            None => None,
        };
        send(builder, body, self.timeout_ms).await
    }
}

async fn send<T: Decode>(builder: RequestBuilder, body: Option<String>, timeout_ms: u32) -> Result<T, ApiError> {
    let reply = fetch(builder, body, timeout_ms).await?;
    decode_response(reply.status, reply.content_type.as_deref(), reply.retry_after.as_deref(), &reply.text)
}

/// What a backend answered, before it is decoded.
struct Reply {
    status: u16,
    content_type: Option<String>,
    retry_after: Option<String>,
    text: String,
}

async fn fetch(builder: RequestBuilder, body: Option<String>, timeout_ms: u32) -> Result<Reply, ApiError> {
    if !is_online() {
        return Err(ApiError::Offline);
    }
    let signal = web_sys::AbortSignal::timeout_with_u32(timeout_ms);
    let builder =
        builder.abort_signal(Some(&signal)).header("Accept", "application/json").credentials(web_sys::RequestCredentials::SameOrigin);
    // The page's language (the one the shopper reads), so the backend words what it sends in it.
    let language = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()).and_then(|e| e.get_attribute("lang"));
    let builder = match language.filter(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')) {
        Some(language) => builder.header("Accept-Language", &language),
        None => builder,
    };
    let request = match body {
        Some(json) => builder.header("Content-Type", "application/json").body(json),
        None => builder.build(),
    }
    .map_err(network_error)?;
    let response = match request.send().await {
        Ok(r) => r,
        Err(e) => return Err(transport_error(&signal, e)),
    };
    let status = response.status();
    let content_type = response.headers().get("content-type");
    let retry_after = response.headers().get("retry-after");
    // An answer announced as too large is not read at all (`decode_response` refuses the others).
    if let Some(refused) = vitrina_core::api::announced_too_large(response.headers().get("content-length").as_deref()) {
        return Err(refused);
    }
    let text = match response.text().await {
        Ok(t) => t,
        Err(e) => return Err(transport_error(&signal, e)),
    };
    Ok(Reply { status, content_type, retry_after, text })
}

fn transport_error(signal: &web_sys::AbortSignal, error: gloo_net::Error) -> ApiError {
    if signal.aborted() {
        ApiError::Timeout
    } else if !is_online() {
        ApiError::Offline
    } else {
        network_error(error)
    }
}

/// What a request's body that could not be written as JSON is called in an error (a number
/// that JSON has no way to say); not `serde_json`'s own words, whose table of every parsing
/// error (and `std::io`'s) would ship for a failure the app never parses.
const UNWRITABLE: &str = "the request could not be written as JSON";

/// The browser's words for a failed request (`TypeError: Failed to fetch`).
fn network_error(error: gloo_net::Error) -> ApiError {
    ApiError::Network(match error {
        gloo_net::Error::JsError(e) => e.to_string(),
        gloo_net::Error::GlooError(words) => words,
        gloo_net::Error::SerdeError(_) => UNWRITABLE.to_owned(),
    })
}

/// Whether the browser believes it has a network.
pub fn is_online() -> bool {
    web_sys::window().map(|w| w.navigator().on_line()).unwrap_or(true)
}

/// Resolves `url` against the page's address (so `/api` becomes `http://host/api`).
fn resolve_against_page(url: &str) -> String {
    let base = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    web_sys::Url::new_with_base(url, &base).map(|u| u.href()).unwrap_or_else(|_| url.to_owned())
}

/// Waits `ms` milliseconds without blocking the page.
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(window) = web_sys::window() {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms as i32);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// The `id` of the element in which a server may have written `config.json` into the page.
const CONFIG_ELEMENT: &str = "vitrina-config";

/// The configuration the server wrote into the page (a `<script type="application/json"
/// id="vitrina-config">` in its head), so the app need not ask for it before anything else;
/// `None` from a host that serves the page as built.
pub fn inlined_config() -> Option<Result<AppConfig, ConfigError>> {
    let element = web_sys::window()?.document()?.get_element_by_id(CONFIG_ELEMENT)?;
    let text = element.text_content()?;
    if text.trim().is_empty() {
        return None;
    }
    Some(parse_config(&text))
}

/// Fetches and checks `config.json` from the page's own origin.
pub async fn load_config() -> Result<AppConfig, ConfigError> {
    let text = fetch_own_json(&resolve_against_page("/config.json"), REQUEST_TIMEOUT_MS).await.map_err(ConfigError::Fetch)?;
    parse_config(&text)
}

/// A JSON file of the app's own (its configuration, its words), fetched within `timeout_ms` as
/// any request is: its text, or why it could not be had (a wrong status or no JSON at all is a
/// failure to fetch; what the JSON says is the caller's to check).
pub async fn fetch_own_json(url: &str, timeout_ms: u32) -> Result<String, ApiError> {
    let reply = fetch(RequestBuilder::new(url).method(Method::GET), None, timeout_ms).await?;
    decode_response::<json::Ignored>(reply.status, reply.content_type.as_deref(), reply.retry_after.as_deref(), &reply.text)?;
    Ok(reply.text)
}

fn parse_config(text: &str) -> Result<AppConfig, ConfigError> {
    let config: AppConfig = json::from_str(text).map_err(|e| ConfigError::Invalid(e.to_string()))?;
    config.validate().map_err(ConfigError::Invalid)?;
    Ok(config)
}

/// Why the app could not start.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ConfigError {
    #[error("config.json could not be loaded: {0}")]
    Fetch(ApiError),
    #[error("config.json is not valid: {0}")]
    Invalid(String),
    /// The app's words could not be loaded, in the shopper's language nor in English.
    #[error("the app's words could not be loaded: {0}")]
    Words(ApiError),
}

/// A fresh random key (for idempotency keys): a version-4 UUID from `crypto.getRandomValues`.
///
/// Not `crypto.randomUUID()`: it exists only in secure contexts (HTTPS or localhost; a store on a
/// LAN address over plain HTTP has none) and from Safari 15.4, and calling it where it is missing
/// throws through the app. `getRandomValues` is everywhere. Never `Math.random()`: two shoppers
/// must not share a key.
pub fn random_key() -> String {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window().and_then(|w| w.crypto().ok()).is_some_and(|c| c.get_random_values_with_u8_array(&mut bytes).is_ok());
    if !filled {
        // No Web Crypto at all (no browser this app runs in): the moment and a count, so at least
        // this page never repeats a key.
        static COUNT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
        bytes[..8].copy_from_slice(&js_sys::Date::now().to_bits().to_le_bytes());
        bytes[8..].copy_from_slice(&COUNT.fetch_add(1, std::sync::atomic::Ordering::Relaxed).to_le_bytes());
    }
    uuid_v4(bytes)
}

/// The `Idempotency-Key` of a request the shopper makes that changes something (cancelling,
/// answering a proposal): the same key while the shopper repeats the same request (after a
/// failure, or an answer lost on the way, so what was carried out is not carried out twice), a
/// fresh one for another request or once the last one succeeded.
#[derive(Clone, Copy)]
pub struct RequestKey(leptos::prelude::StoredValue<Option<(String, String)>>);

impl Default for RequestKey {
    fn default() -> Self {
        RequestKey(leptos::prelude::StoredValue::new(None))
    }
}

impl RequestKey {
    /// The key for the request described by `what` (the same text for the same request).
    pub fn for_request(&self, what: String) -> String {
        use leptos::prelude::{GetValue, SetValue};
        let (key, _) = vitrina_core::checkout::review::attempt_key(self.0.get_value().as_ref(), &what, random_key);
        self.0.set_value(Some((key.clone(), what)));
        key
    }

    /// The request's outcome is known: it succeeded, or the backend refused it (a 4xx answer:
    /// nothing was carried out, and the key itself may be what it refused), so the next request is
    /// a new one. After no answer, or a failure on the backend's side, the request may have been
    /// carried out: pressing again repeats it under the same key.
    pub fn settle<T>(&self, result: &Result<T, ApiError>) {
        use leptos::prelude::SetValue;
        let known = match result {
            Ok(_) => true,
            Err(e) => e.status().is_some_and(|s| (400..500).contains(&s)),
        };
        if known {
            self.0.try_set_value(None);
        }
    }
}

/// A version-4 UUID (RFC 9562) of 16 random bytes: the version and variant bits set.
pub fn uuid_v4(mut bytes: [u8; 16]) -> String {
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("{}-{}-{}-{}-{}", &hex[..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..])
}
