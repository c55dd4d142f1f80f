//! The runtime configuration the app reads from `config.json` at start-up: where the API is, and
//! the store's description — every fact a store decides, so the app holds none of its own.

use serde::{Deserialize, Serialize};

/// `GET /config.json`: where the API is and how the store describes itself (its countries,
/// currency, languages, documents, limits, whether it is a demo). One build of the app serves any
/// deployment; only this file differs. The app reads it once at start-up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AppConfig {
    /// Base URL of the API, absolute (`https://shop.example/api`) or relative to the page (`/api`).
    pub api_base_url: String,
    /// The store's name, shown in the header and the title.
    pub store_name: String,
    /// The language used when none of the browser's languages is available (`en`, `ru`, `uk`, `sk`).
    #[serde(default = "default_locale")]
    pub default_locale: String,
    /// The store's currency (ISO 4217), used before any answer carries an amount (an empty cart).
    pub currency: String,
    /// How long the app waits for one answer from the API before it says so, in milliseconds
    /// (1 000 – 120 000; 15 000 when absent).
    #[serde(default = "default_request_timeout_ms")]
    pub request_timeout_ms: u32,
    /// The languages the store offers (tags as `default_locale`); empty means every language the
    /// app has.
    #[serde(default)]
    pub locales: Vec<String>,
    /// The countries the store ships to (ISO 3166-1 alpha-2), in the order offered.
    pub countries: Vec<String>,
    /// The country the delivery form starts with; one of `countries`.
    pub default_country: String,
    /// The address format of each country in `countries` (fields, order, names, postcode pattern).
    #[serde(default)]
    pub address_formats: Vec<super::AddressFormat>,
    /// The documents a shopper accepts by ordering (the offer and terms), each at its current version.
    #[serde(default)]
    pub documents: Vec<StoreDocument>,
    /// The store's help pages, linked from the contact form's acknowledgement: a path of the app
    /// or an `http(s)://` address (the app's own tracking and order help at `/track` when absent).
    #[serde(default = "default_help_url")]
    pub help_url: String,
    /// What the store's order numbers look like, so a lookup refuses only what cannot be one.
    pub order_number: OrderNumberFormat,
    /// How many messages one sender may send a seller through the contact form, and in how long.
    pub contact_limits: ContactLimits,
    /// A demo store: the sign-in page may show its demo accounts, and pages their demo hints.
    #[serde(default)]
    pub demo: bool,
}

/// What a document is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum DocumentKind {
    /// The offer and terms of sale and delivery the shopper accepts by placing an order.
    Terms,
    /// How the store handles personal data.
    Privacy,
    #[serde(other)]
    Unknown,
}

/// A document of the store, at one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StoreDocument {
    pub kind: DocumentKind,
    /// Its title, in the store's language.
    pub title: String,
    /// The version a shopper accepts today (recorded on the order as `terms_version`).
    pub version: String,
    /// Where this version can be read; `{version}` in it stands for a version, so an order's
    /// page can open the version that order recorded.
    pub url: String,
}

impl StoreDocument {
    /// The address of `version` of this document.
    pub fn url_of(&self, version: &str) -> String {
        self.url.replace("{version}", version)
    }
}

/// Which characters an order number is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum OrderNumberCharacters {
    /// Digits only (`1042`).
    Digits,
    /// Latin letters, digits and dashes (`DEMO-1001`).
    Alphanumeric,
    #[serde(other)]
    Unknown,
}

/// What an order number looks like.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrderNumberFormat {
    /// One order number, shown as the example in the lookup form.
    pub example: String,
    pub characters: OrderNumberCharacters,
    /// Longest number, in characters.
    pub max_length: u32,
}

impl OrderNumberFormat {
    /// Whether `value` (trimmed) could be one of the store's order numbers. Anything a lookup
    /// sends the backend answers itself; this only saves a shopper a pointless round trip.
    pub fn accepts(&self, value: &str) -> bool {
        let value = value.trim();
        let ok_char = |c: char| match self.characters {
            OrderNumberCharacters::Digits => c.is_ascii_digit(),
            OrderNumberCharacters::Alphanumeric | OrderNumberCharacters::Unknown => c.is_ascii_alphanumeric() || c == '-',
        };
        !value.is_empty() && value.chars().count() <= self.max_length as usize && value.chars().all(ok_char)
    }
}

/// The contact form's limit for one sender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactLimits {
    /// Messages one reply-to address may send…
    pub per_sender: u32,
    /// …in this many minutes.
    pub window_minutes: u32,
}

/// The app's time limit for one request when `config.json` does not set one.
pub const DEFAULT_REQUEST_TIMEOUT_MS: u32 = 15_000;

/// The range of time limits a deployment may choose.
pub const REQUEST_TIMEOUT_RANGE_MS: std::ops::RangeInclusive<u32> = 1_000..=120_000;

fn default_locale() -> String {
    "en".to_owned()
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
    /// The address format the store describes for `country`, or the data set's default (street
    /// and city) when it describes none.
    pub fn address_format(&self, country: &str) -> super::AddressFormat {
        self.address_formats.iter().find(|f| f.country == country).cloned().unwrap_or_else(|| super::AddressFormat::fallback(country))
    }

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
        if self.countries.is_empty() {
            return Err("countries is empty".into());
        }
        if !self.countries.contains(&self.default_country) {
            return Err(format!("default_country {:?} is not one of countries", self.default_country));
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
            locales: vec![],
            countries: vec!["RU".into()],
            default_country: "RU".into(),
            address_formats: vec![],
            documents: vec![],
            order_number: OrderNumberFormat { example: "1042".into(), characters: OrderNumberCharacters::Digits, max_length: 20 },
            contact_limits: ContactLimits { per_sender: 3, window_minutes: 15 },
            demo: false,
            help_url: default_help_url(),
        }
    }

    #[test]
    fn api_urls_join_with_one_slash() {
        assert_eq!(config("/api").api_url("/carts/1"), "/api/carts/1");
        assert_eq!(config("https://x.example/api/").api_url("carts"), "https://x.example/api/carts");
    }

    const MINIMAL: &str = r#"{"api_base_url":"/api","store_name":"S","currency":"EUR","countries":["SK","CZ"],
        "default_country":"SK","order_number":{"example":"DEMO-1001","characters":"alphanumeric","max_length":12},
        "contact_limits":{"per_sender":5,"window_minutes":60}}"#;

    #[test]
    fn a_config_without_locale_and_time_limit_takes_defaults() {
        let c: AppConfig = serde_json::from_str(MINIMAL).unwrap();
        assert_eq!(c.default_locale, "en");
        assert_eq!(c.request_timeout_ms, DEFAULT_REQUEST_TIMEOUT_MS);
        assert!(!c.demo, "a store is a demo only when it says so");
        assert_eq!(c.help_url, "/track");
        assert!(c.validate().is_ok());
    }

    #[test]
    fn the_currency_and_countries_are_the_stores_never_the_apps() {
        for field in ["currency", "countries", "default_country", "order_number", "contact_limits"] {
            let mut value: serde_json::Value = serde_json::from_str(MINIMAL).unwrap();
            value.as_object_mut().unwrap().remove(field);
            assert!(serde_json::from_value::<AppConfig>(value).is_err(), "{field} has no default");
        }
        let mut c: AppConfig = serde_json::from_str(MINIMAL).unwrap();
        c.default_country = "RU".into();
        assert!(c.validate().is_err(), "the default country is one the store ships to");
    }

    #[test]
    fn order_numbers_are_checked_as_the_store_describes_them() {
        let c: AppConfig = serde_json::from_str(MINIMAL).unwrap();
        assert!(c.order_number.accepts(" DEMO-1001 "));
        assert!(!c.order_number.accepts("DEMO 1001"));
        assert!(!c.order_number.accepts("DEMO-10010000"), "longer than 12");
        let digits = config("/api").order_number;
        assert!(digits.accepts("1042") && !digits.accepts("DEMO-1001") && !digits.accepts(""));
    }

    #[test]
    fn a_document_opens_at_the_version_an_order_recorded() {
        let terms = StoreDocument {
            kind: DocumentKind::Terms,
            title: "Terms".into(),
            version: "2026-10-01".into(),
            url: "/terms/{version}".into(),
        };
        assert_eq!(terms.url_of("2025-01-01"), "/terms/2025-01-01");
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
