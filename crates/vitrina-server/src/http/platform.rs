//! The platform: whether the server answers, and the app's runtime configuration.

use crate::addresses;
use crate::error::{ApiError, ApiResult};
use crate::outbox::escape_html;
use crate::policy;
use crate::state::AppState;
use crate::store;
use axum::Json;
use axum::extract::{Path, State};
use axum::response::Html;

use vitrina_core::api::{AppConfig, ContactLimits, DocumentKind, Health, OrderNumberCharacters, OrderNumberFormat, StoreDocument};
use vitrina_core::contact::limits;

/// Whether the server and its database answer.
#[utoipa::path(get, path = "/api/health", tag = "platform",
    responses((status = 200, description = "The server is up", body = Health)))]
pub async fn health(State(state): State<AppState>) -> ApiResult<Json<Health>> {
    state.db.run(store::ping).await?;
    Ok(Json(Health { status: "ok".into(), version: env!("CARGO_PKG_VERSION").into() }))
}

/// The app's runtime configuration. Another deployment serves its own static `config.json`.
#[utoipa::path(get, path = "/config.json", tag = "platform",
    responses((status = 200, description = "Where the API is and how the store presents itself", body = AppConfig)))]
pub async fn app_config(State(state): State<AppState>) -> Json<AppConfig> {
    Json(config_of(&state))
}

/// The configuration this server gives the app: at `/config.json`, and written into each page.
pub fn config_of(state: &AppState) -> AppConfig {
    let profile = policy::profile(state.options.store);
    let strings = |list: &[&str]| list.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    AppConfig {
        api_base_url: "/api".into(),
        store_name: state.options.store_name().to_owned(),
        default_locale: profile.default_locale.into(),
        currency: profile.currency.into(),
        request_timeout_ms: vitrina_core::api::DEFAULT_REQUEST_TIMEOUT_MS,
        locales: strings(profile.locales),
        countries: strings(profile.countries),
        default_country: profile.countries[0].into(),
        address_formats: profile.countries.iter().filter_map(|c| addresses::format(c).cloned()).collect(),
        documents: vec![StoreDocument {
            kind: DocumentKind::Terms,
            title: profile.terms_title.into(),
            version: profile.terms_version.into(),
            url: "/api/documents/terms/{version}".into(),
        }],
        order_number: OrderNumberFormat { example: "1042".into(), characters: OrderNumberCharacters::Digits, max_length: 18 },
        contact_limits: ContactLimits { per_sender: limits::PER_SENDER, window_minutes: (limits::PER_SENDER_WINDOW_SECONDS / 60) as u32 },
        demo: state.options.demo,
        help_url: state.options.help_link(),
    }
}

/// One version of one of the store's documents, as a page a shopper reads (the address
/// `config.json` gives for it, with `{version}` filled in).
#[utoipa::path(get, path = "/api/documents/{kind}/{version}", tag = "platform",
    params(("kind" = String, Path, description = "`terms`"), ("version" = String, Path, description = "A version, as an order records it")),
    responses(
        (status = 200, description = "The document at that version", content_type = "text/html", body = String),
        (status = 404, description = "No such document or version", body = vitrina_core::Problem, content_type = "application/problem+json"),
    ))]
pub async fn document(State(state): State<AppState>, Path((kind, version)): Path<(String, String)>) -> ApiResult<Html<String>> {
    let profile = policy::profile(state.options.store);
    let body = (kind == "terms")
        .then(|| profile.terms_text(&version))
        .flatten()
        .ok_or_else(|| ApiError::not_found("No such document or version."))?;
    let title = escape_html(profile.terms_title);
    let paragraphs: String = body.split("\n\n").map(|p| format!("<p>{}</p>", escape_html(p))).collect();
    Ok(Html(format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\">\
<title>{title}</title></head><body><main><h1>{title}</h1><p>{store} · {version}</p>{paragraphs}</main></body></html>",
        lang = profile.default_locale,
        store = escape_html(state.options.store_name()),
        version = escape_html(&version),
    )))
}
