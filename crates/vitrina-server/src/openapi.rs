//! The OpenAPI 3.1 document, generated from the handlers and the contract types.
//! `openapi.json` at the repository root is this document; a test fails when they drift.

use utoipa::OpenApi;
use utoipa::openapi::OpenApi as Document;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Vitrina storefront API",
        description = "The JSON contract between the Vitrina app and any backend. Money is integer minor units \
plus an ISO 4217 code. Errors are `application/problem+json` (RFC 9457) whose `type` is one of the \
`urn:vitrina:problem:*` URIs listed under `ProblemType`.",
        license(name = "MIT OR Apache-2.0"),
    ),
    components(schemas(vitrina_core::Problem, vitrina_core::FieldError, ProblemType)),
    tags(
        (name = "platform", description = "Health and the app's runtime configuration"),
        (name = "catalog", description = "Products"),
        (name = "cart", description = "The shopping cart"),
        (name = "checkout", description = "Quotes (delivery, payment, promo, totals) and placing orders exactly once"),
        (name = "orders", description = "Placed orders: payment"),
        (name = "tracking", description = "Shipments: the journey as the carrier reported it, read into phases, with what the shopper can do"),
        (name = "account", description = "Signing in and out (a session cookie)"),
        (name = "contact", description = "Seller contact: the widget, the seller's settings and the contact form"),
    )
)]
struct ApiDoc;

/// The stable `type` URIs of problem documents.
#[allow(dead_code)]
struct ProblemType;

impl utoipa::PartialSchema for ProblemType {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ObjectBuilder, Type};
        let uris: Vec<String> = vitrina_core::ProblemKind::ALL.iter().map(|k| k.uri()).collect();
        ObjectBuilder::new()
            .schema_type(Type::String)
            .description(Some("A `type` URI of a problem document. Clients treat any other value by its HTTP status."))
            .enum_values(Some(uris))
            .into()
    }
}

impl utoipa::ToSchema for ProblemType {}

/// The document's fixed parts; the routes add their paths.
pub fn base() -> Document {
    ApiDoc::openapi()
}

/// The complete document.
pub fn document() -> Document {
    crate::routes::api().split_for_parts().1
}

/// The complete document as pretty JSON, as committed in `openapi.json`.
pub fn document_json() -> String {
    document().to_pretty_json().unwrap_or_default()
}
