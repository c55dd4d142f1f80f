//! Failures in words: every [`ApiError`] becomes a sentence in the shopper's language, with a
//! way to try again where trying again can help.

use crate::api::ApiError;
use crate::i18n::{I18n, use_i18n};
use leptos::prelude::*;
use vitrina_core::ProblemKind;

/// What went wrong, in words (without the "try again" advice, which the notice adds).
pub fn error_text(i18n: &I18n, error: &ApiError) -> String {
    match error {
        ApiError::Offline => i18n.t("error.offline"),
        ApiError::Timeout => i18n.t("error.timeout"),
        ApiError::Network(_) => i18n.t("error.network"),
        ApiError::Undecodable(_) => i18n.t("error.undecodable"),
        ApiError::Status { status, .. } => match error.problem_kind() {
            Some(ProblemKind::RateLimited) | None if *status == 429 => match error.retry_after_seconds() {
                Some(s) => i18n.tf("error.rate_limited_wait", &[("seconds", &s.to_string())]),
                None => i18n.t("error.rate_limited"),
            },
            Some(ProblemKind::CartNotFound) => i18n.t("error.cart_not_found"),
            // How many are left, where the backend said and some are.
            Some(ProblemKind::OutOfStock) => match error.problem().and_then(|p| p.stock.as_ref()).filter(|s| s.available > 0) {
                Some(short) => i18n.tf("error.out_of_stock_left", &[("available", &short.available.to_string())]),
                None => i18n.t("error.out_of_stock"),
            },
            Some(ProblemKind::Validation) => i18n.t("error.validation"),
            Some(ProblemKind::Unauthorized) => i18n.t("error.unauthorized"),
            Some(ProblemKind::Forbidden) => i18n.t("error.forbidden"),
            Some(ProblemKind::NotFound | ProblemKind::ProductNotFound) => i18n.t("error.not_found"),
            Some(ProblemKind::PaymentClosed) => i18n.t("error.payment_closed"),
            Some(ProblemKind::CancellationNotAllowed) => i18n.t("error.cancellation_not_allowed"),
            Some(ProblemKind::SubstitutionClosed) => i18n.t("error.substitution_closed"),
            _ => match status {
                404 => i18n.t("error.not_found"),
                409 => i18n.t("error.conflict"),
                400..=499 => i18n.t("error.rejected"),
                503 => i18n.t("error.unavailable"),
                _ => i18n.t("error.server"),
            },
        },
    }
}

/// An error notice that screen readers announce, with a "Try again" button when `on_retry` is given
/// and the failure is one that may pass.
#[component]
pub fn ErrorNotice(
    /// The failure to explain.
    error: ApiError,
    /// What "Try again" does; without it, no button.
    #[prop(optional, into)]
    on_retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let retryable = error.is_transient() || matches!(error, ApiError::Undecodable(_));
    let text = {
        let error = error.clone();
        move || error_text(&i18n, &error)
    };
    view! {
        <div class="notice notice--error" role="alert">
            <p>{text}</p>
            {on_retry.filter(|_| retryable).map(|retry| view! {
                <button type="button" class="button button--secondary" on:click=move |_| retry.run(())>
                    {i18n.text("action.retry")}
                </button>
            })}
        </div>
    }
}
