//! Errors on the wire: RFC 9457 problem details (`application/problem+json`).
//!
//! Every error the reference backend returns is a [`Problem`] whose `type` is one of the stable
//! URIs of [`ProblemKind`], so a client can react to the kind of failure without reading prose.

use crate::FieldCode;
use serde::{Deserialize, Serialize};

/// The media type of a problem document.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// A problem details document (RFC 9457) with Vitrina's extension members.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Problem {
    /// A stable URI naming the kind of problem, e.g. `urn:vitrina:problem:cart-not-found`.
    #[serde(rename = "type", default = "about_blank")]
    pub kind: String,
    /// A short summary in English, the same for every occurrence of this kind.
    #[serde(default)]
    pub title: String,
    /// The HTTP status code.
    #[serde(default)]
    pub status: u16,
    /// An explanation specific to this occurrence, in English.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Problems with individual fields of the request body.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// Seconds after which a retry may succeed (also sent as the `Retry-After` header).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_after_seconds: Option<u64>,
    /// With `out-of-stock`: which item ran short and how many are left, so a client can name it
    /// in the shopper's language and say what to change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stock: Option<StockShortfall>,
}

/// An item there is not enough of: its variant and how many are left in stock (0: sold out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StockShortfall {
    /// The variant, as the cart's line names it (`variant_id`).
    pub variant_id: String,
    /// How many are left in stock now.
    pub available: u32,
}

fn about_blank() -> String {
    "about:blank".to_owned()
}

/// One field's problem: which field (a JSON pointer-ish dotted path), a stable code, and English text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The field, as a dotted path into the request body (`recipient.phone`).
    pub field: String,
    /// A stable code the app turns into words in the shopper's language (`required`, `invalid_phone`).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub code: FieldCode,
    /// The same in English, for developers and clients without translations.
    #[serde(default)]
    pub message: String,
}

impl FieldError {
    /// A field error with its own English message.
    pub fn new(field: &str, code: impl Into<FieldCode>, message: &str) -> Self {
        FieldError { field: field.to_owned(), code: code.into(), message: message.to_owned() }
    }

    /// A field error explained by its code's English text.
    pub fn of(field: impl Into<String>, code: FieldCode) -> Self {
        FieldError { field: field.into(), code, message: code.english().to_owned() }
    }
}

macro_rules! problem_kinds {
    ($( $variant:ident => ($slug:literal, $status:literal, $title:literal) ),+ $(,)?) => {
        /// The kinds of problem the contract defines. Unknown kinds from another backend decode
        /// to [`ProblemKind::Other`] and are shown by their HTTP status.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum ProblemKind {
            $( $variant, )+
            Other,
        }

        impl ProblemKind {
            pub const ALL: &'static [ProblemKind] = &[$( ProblemKind::$variant, )+];

            /// The stable, machine-readable part of the type URI.
            pub fn slug(self) -> &'static str {
                match self { $( ProblemKind::$variant => $slug, )+ ProblemKind::Other => "other" }
            }

            /// The HTTP status this kind is sent with.
            pub fn status(self) -> u16 {
                match self { $( ProblemKind::$variant => $status, )+ ProblemKind::Other => 500 }
            }

            /// A short English summary.
            pub fn title(self) -> &'static str {
                match self { $( ProblemKind::$variant => $title, )+ ProblemKind::Other => "Error" }
            }

            fn from_slug(slug: &str) -> ProblemKind {
                match slug { $( $slug => ProblemKind::$variant, )+ _ => ProblemKind::Other }
            }
        }
    };
}

problem_kinds! {
    BadRequest => ("bad-request", 400, "The request could not be understood"),
    Validation => ("validation", 422, "Some fields need attention"),
    NotFound => ("not-found", 404, "Not found"),
    CartNotFound => ("cart-not-found", 404, "This cart does not exist or has expired"),
    ProductNotFound => ("product-not-found", 404, "No such product"),
    OutOfStock => ("out-of-stock", 409, "Not enough in stock"),
    ShipmentNotFound => ("shipment-not-found", 404, "No shipment with this tracking number yet"),
    Unauthorized => ("unauthorized", 401, "Sign-in required"),
    Forbidden => ("forbidden", 403, "Not allowed"),
    InvalidCredentials => ("invalid-credentials", 401, "Wrong email or password"),
    VersionConflict => ("version-conflict", 412, "Changed since it was loaded"),
    ContactUnavailable => ("contact-unavailable", 409, "The seller does not take messages this way"),
    Conflict => ("conflict", 409, "The request conflicts with the current state"),
    PayloadTooLarge => ("payload-too-large", 413, "The request body is too large"),
    UnsupportedMediaType => ("unsupported-media-type", 415, "The request body must be JSON"),
    MethodNotAllowed => ("method-not-allowed", 405, "This address does not take this method"),
    RateLimited => ("rate-limited", 429, "Too many requests"),
    PriceChanged => ("price-changed", 409, "The total has changed; confirm the new total"),
    OrderLimit => ("order-limit", 422, "The order is below the minimum or above the maximum"),
    IdempotencyKeyReused => ("idempotency-key-reused", 422, "This Idempotency-Key was used for a different request"),
    IdempotencyKeyMissing => ("idempotency-key-missing", 400, "An Idempotency-Key header of 1 to 200 printable characters is needed"),
    PaymentNotNeeded => ("payment-not-needed", 409, "This order needs no online payment now"),
    CancellationNotAllowed => ("cancellation-not-allowed", 409, "The order cannot be cancelled now"),
    PaymentClosed => ("payment-closed", 409, "This order can no longer be paid"),
    SubstitutionClosed => ("substitution-closed", 409, "No proposal on this line awaits an answer"),
    SubstitutionNotAllowed => ("substitution-not-allowed", 409, "A substitution cannot be proposed for this line now"),
    Internal => ("internal", 500, "Something went wrong on our side"),
}

const TYPE_PREFIX: &str = "urn:vitrina:problem:";

impl ProblemKind {
    /// The full `type` URI.
    pub fn uri(self) -> String {
        format!("{TYPE_PREFIX}{}", self.slug())
    }

    /// Reads a `type` URI; anything not defined by the contract is [`ProblemKind::Other`].
    pub fn from_uri(uri: &str) -> ProblemKind {
        uri.strip_prefix(TYPE_PREFIX).map(ProblemKind::from_slug).unwrap_or(ProblemKind::Other)
    }
}

impl Problem {
    pub fn new(kind: ProblemKind) -> Self {
        Problem {
            kind: kind.uri(),
            title: kind.title().to_owned(),
            status: kind.status(),
            detail: None,
            errors: Vec::new(),
            retry_after_seconds: None,
            stock: None,
        }
    }

    /// An `out-of-stock` problem naming the variant and how many are left.
    pub fn out_of_stock(variant_id: &str, available: i64) -> Self {
        let available = u32::try_from(available.max(0)).unwrap_or(u32::MAX);
        let detail = match available {
            0 => "This item has sold out.".to_owned(),
            n => format!("Only {n} left in stock."),
        };
        Problem { stock: Some(StockShortfall { variant_id: variant_id.to_owned(), available }), ..Problem::new(ProblemKind::OutOfStock) }
            .with_detail(detail)
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Self {
        self.detail = Some(detail.into());
        self
    }

    pub fn with_errors(mut self, errors: Vec<FieldError>) -> Self {
        self.errors = errors;
        self
    }

    pub fn with_retry_after(mut self, seconds: u64) -> Self {
        self.retry_after_seconds = Some(seconds);
        self
    }

    /// The kind of problem, as far as this contract knows it.
    pub fn kind(&self) -> ProblemKind {
        ProblemKind::from_uri(&self.kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_uri() {
        for kind in ProblemKind::ALL {
            assert_eq!(ProblemKind::from_uri(&kind.uri()), *kind, "{kind:?}");
        }
    }

    #[test]
    fn a_kind_from_another_backend_is_other() {
        assert_eq!(ProblemKind::from_uri("https://example.com/probs/out-of-credit"), ProblemKind::Other);
        assert_eq!(ProblemKind::from_uri("about:blank"), ProblemKind::Other);
    }

    #[test]
    fn a_minimal_problem_decodes() {
        let p: Problem = serde_json::from_str(r#"{"status": 503}"#).unwrap();
        assert_eq!(p.kind, "about:blank");
        assert_eq!(p.status, 503);
        assert!(p.errors.is_empty());
    }

    #[test]
    fn field_errors_and_retry_after_serialise_as_extension_members() {
        let p = Problem::new(ProblemKind::Validation)
            .with_errors(vec![FieldError::new("email", FieldCode::InvalidEmail, "Not an email address")])
            .with_retry_after(30);
        let json = serde_json::to_value(&p).unwrap();
        assert_eq!(json["type"], "urn:vitrina:problem:validation");
        assert_eq!(json["status"], 422);
        assert_eq!(json["errors"][0]["code"], "invalid_email");
        assert_eq!(json["retry_after_seconds"], 30);
    }
}
