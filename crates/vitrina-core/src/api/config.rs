//! The runtime configuration the app reads from `config.json` at start-up.

use serde::{Deserialize, Serialize};

/// `GET /config.json`: where the API is and how the store presents itself. One build of the app
/// serves any deployment; only this file differs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppConfig {
    /// Base URL of the API, absolute (`https://shop.example/api`) or relative to the page (`/api`).
    pub api_base_url: String,
    /// The store's name, shown in the header and the title.
    pub store_name: String,
    /// The language used when none of the browser's languages is available (`en`, `ru`, `uk`, `sk`).
    #[serde(default = "default_locale")]
    pub default_locale: String,
    /// The store's currency (ISO 4217).
    #[serde(default = "default_currency")]
    pub currency: String,
    /// How long the app waits for one answer from the API before it says so, in milliseconds
    /// (1 000 – 120 000; 15 000 when absent).
    #[serde(default = "default_request_timeout_ms")]
    pub request_timeout_ms: u32,
    /// The store's help pages, linked from the contact form's acknowledgement: a path of the app
    /// or an `http(s)://` address (the app's own tracking and order help at `/track` when absent).
    #[serde(default = "default_help_url")]
    pub help_url: String,
}

/// The app's time limit for one request when `config.json` does not set one.
pub const DEFAULT_REQUEST_TIMEOUT_MS: u32 = 15_000;

/// The range of time limits a deployment may choose.
pub const REQUEST_TIMEOUT_RANGE_MS: std::ops::RangeInclusive<u32> = 1_000..=120_000;

fn default_locale() -> String {
    "en".to_owned()
}

fn default_currency() -> String {
    "RUB".to_owned()
}

fn default_request_timeout_ms() -> u32 {
    DEFAULT_REQUEST_TIMEOUT_MS
}

/// Where shoppers find help when a store names no help pages of its own: the tracking page,
/// which answers the questions most messages ask (where is my parcel, what do I do now).
pub fn default_help_url() -> String {
    crate::routes::Page::TrackLookup.href()
}

/// A help address a page may link to: one of the app's own paths, or a web address.
pub fn help_link(url: &str) -> Option<String> {
    let url = url.trim();
    if url.starts_with('/') {
        (crate::routes::safe_return_path(Some(url)) == url).then(|| url.to_owned())
    } else {
        crate::routes::safe_external_url(url)
    }
}

impl AppConfig {
    /// Joins the API base URL and an API path (`/carts/abc`) without doubling slashes.
    pub fn api_url(&self, path: &str) -> String {
        format!("{}/{}", self.api_base_url.trim_end_matches('/'), path.trim_start_matches('/'))
    }

    /// Checks the values a person would otherwise meet as a confusing failure later.
    pub fn validate(&self) -> Result<(), String> {
        if self.api_base_url.trim().is_empty() {
            return Err("api_base_url is empty".into());
        }
        if self.store_name.trim().is_empty() {
            return Err("store_name is empty".into());
        }
        if !crate::Currency::new(&self.currency).is_well_formed() {
            return Err(format!("currency \"{}\" is not an ISO 4217 code", self.currency));
        }
        if help_link(&self.help_url).is_none() {
            return Err(format!("help_url \"{}\" is neither a path of the app nor an http(s) address", self.help_url));
        }
        if !REQUEST_TIMEOUT_RANGE_MS.contains(&self.request_timeout_ms) {
            return Err(format!(
                "request_timeout_ms {} is outside {}–{}",
                self.request_timeout_ms,
                REQUEST_TIMEOUT_RANGE_MS.start(),
                REQUEST_TIMEOUT_RANGE_MS.end()
            ));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(base: &str) -> AppConfig {
        AppConfig {
            api_base_url: base.into(),
            store_name: "Shop".into(),
            default_locale: "en".into(),
            currency: "RUB".into(),
            request_timeout_ms: DEFAULT_REQUEST_TIMEOUT_MS,
            help_url: default_help_url(),
        }
    }

    #[test]
    fn api_urls_join_with_one_slash() {
        assert_eq!(config("/api").api_url("/carts/1"), "/api/carts/1");
        assert_eq!(config("https://x.example/api/").api_url("carts"), "https://x.example/api/carts");
    }

    #[test]
    fn a_config_without_locale_and_currency_takes_defaults() {
        let c: AppConfig = serde_json::from_str(r#"{"api_base_url":"/api","store_name":"S"}"#).unwrap();
        assert_eq!((c.default_locale.as_str(), c.currency.as_str()), ("en", "RUB"));
        assert_eq!(c.request_timeout_ms, DEFAULT_REQUEST_TIMEOUT_MS);
        assert_eq!(c.help_url, "/track");
        assert!(c.validate().is_ok());
    }

    #[test]
    fn help_pages_are_the_apps_own_path_or_a_web_address() {
        let mut c = config("/api");
        for good in ["/track", "https://help.example/shop", "http://help.example"] {
            c.help_url = good.into();
            assert!(c.validate().is_ok(), "{good}");
        }
        for bad in ["javascript:alert(1)", "//evil.example", "/\\evil.example", "help", ""] {
            c.help_url = bad.into();
            assert!(c.validate().is_err(), "{bad}");
        }
    }

    #[test]
    fn an_empty_base_url_or_bad_currency_is_refused() {
        assert!(config(" ").validate().is_err());
        let mut c = config("/api");
        c.currency = "rubles".into();
        assert!(c.validate().is_err());
    }

    #[test]
    fn a_time_limit_outside_the_sensible_range_is_refused() {
        let mut c = config("/api");
        c.request_timeout_ms = 2_000;
        assert!(c.validate().is_ok());
        for silly in [0, 999, 120_001] {
            c.request_timeout_ms = silly;
            assert!(c.validate().is_err(), "{silly}");
        }
    }
}
