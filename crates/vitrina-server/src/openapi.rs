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
    modifiers(&SessionCookie),
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

/// The session cookie set by `POST /api/session`, as a security scheme named `session`.
struct SessionCookie;

impl utoipa::Modify for SessionCookie {
    fn modify(&self, doc: &mut Document) {
        use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
        let components = doc.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "session",
            SecurityScheme::ApiKey(ApiKey::Cookie(ApiKeyValue::with_description(
                crate::routes::session::COOKIE,
                "The HttpOnly session cookie that `POST /api/session` sets",
            ))),
        );
    }
}

/// The document's fixed parts; the routes add their paths.
pub fn base() -> Document {
    ApiDoc::openapi()
}

/// The complete document.
pub fn document() -> Document {
    let mut doc = crate::routes::api().split_for_parts().1;
    add_common_responses(&mut doc);
    doc
}

/// The answers every operation may give besides its own, written once as shared responses
/// (`components/responses`) rather than on each handler: a body that is not JSON, too large or of
/// the wrong shape; an address or query that cannot be read; and a failure on the server's side.
fn add_common_responses(doc: &mut Document) {
    use utoipa::openapi::path::ParameterIn;
    use utoipa::openapi::{ContentBuilder, Ref, RefOr, ResponseBuilder};
    const COMMON: &[(&str, &str)] = &[
        ("NotJson", "The body is not JSON (`bad-request`)"),
        ("TooLarge", "The body is larger than 64 KiB (`payload-too-large`)"),
        ("NotJsonMediaType", "The body is not sent as `application/json` (`unsupported-media-type`)"),
        ("WrongShape", "The body is JSON of the wrong shape (`validation`; `errors` names the field)"),
        ("BadParameter", "A path or query parameter is missing or cannot be read (`bad-request`)"),
        ("Internal", "A failure on the server's side (`internal`)"),
    ];
    let components = doc.components.get_or_insert_with(Default::default);
    for (name, description) in COMMON {
        let response = ResponseBuilder::new()
            .description(*description)
            .content(vitrina_core::problem::PROBLEM_JSON, ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build())
            .build();
        components.responses.insert((*name).to_owned(), RefOr::T(response));
    }
    let shared = |name: &str| RefOr::Ref(Ref::new(format!("#/components/responses/{name}")));
    for item in doc.paths.paths.values_mut() {
        let operations = [&mut item.get, &mut item.put, &mut item.post, &mut item.delete, &mut item.patch];
        for operation in operations.into_iter().flatten() {
            let has_body = operation.request_body.is_some();
            let reads_address =
                operation.parameters.iter().flatten().any(|p| matches!(p.parameter_in, ParameterIn::Path | ParameterIn::Query));
            let responses = &mut operation.responses.responses;
            let mut add = |status: &str, name: &str| {
                responses.entry(status.to_owned()).or_insert_with(|| shared(name));
            };
            if has_body {
                add("400", "NotJson");
                add("413", "TooLarge");
                add("415", "NotJsonMediaType");
                add("422", "WrongShape");
            }
            if reads_address {
                add("400", "BadParameter");
            }
            add("500", "Internal");
        }
    }
}

/// The complete document as pretty JSON, as committed in `openapi.json`.
pub fn document_json() -> String {
    document().to_pretty_json().unwrap_or_default()
}
