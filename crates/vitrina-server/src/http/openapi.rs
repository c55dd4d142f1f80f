//! The OpenAPI 3.1 document, generated from the handlers (`api.rs`) and the contract types.
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
    components(schemas(vitrina_core::Problem, vitrina_core::FieldError, vitrina_core::StockShortfall, ProblemType)),
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
                crate::http::session::COOKIE,
                "The HttpOnly session cookie that `POST /api/session` sets",
            ))),
        );
    }
}

/// The complete document: its fixed parts, the routes' paths, the answers every operation may
/// give and the links between operations.
pub fn document() -> Document {
    let mut doc = ApiDoc::openapi();
    doc.merge(crate::http::api::api().split_for_parts().1);
    add_common_responses(&mut doc);
    add_links(&mut doc);
    doc
}

/// Where an answer's identifiers lead (OpenAPI links): a new cart to its lines, a placed order to
/// its page, payments, cancellation and shipments. Clients and tools such as schemathesis follow them.
fn add_links(doc: &mut Document) {
    use utoipa::openapi::RefOr;
    use utoipa::openapi::link::LinkBuilder;
    let cart = [("cart_id", "$response.body#/id")];
    let line = [("cart_id", "$response.body#/id"), ("line_id", "$response.body#/lines/0/id")];
    let order = [("number", "$response.body#/number")];
    let order_with_token = [("number", "$response.body#/number"), ("token", "$response.body#/access_token")];
    let shipments = [("order", "$response.body#/number"), ("token", "$response.body#/access_token")];
    /// (link name, target operation, its parameters as runtime expressions)
    type Target<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);
    let links: &[(&str, &str, &[&str], &[Target])] = &[
        ("/api/carts", "post", &["201"], &[("GetCart", "get_cart", &cart), ("AddLine", "add_line", &cart)]),
        (
            "/api/carts/{cart_id}/lines",
            "post",
            &["200"],
            &[("UpdateLine", "update_line", &line), ("RemoveLine", "remove_line", &line), ("GetCart", "get_cart", &cart)],
        ),
        (
            "/api/orders",
            "post",
            &["200", "201"],
            &[
                ("GetOrder", "get_order", &order_with_token),
                ("StartPayment", "start_payment", &order),
                ("RequestCancellation", "request_cancellation", &order),
                ("ListShipments", "list_shipments", &shipments),
            ],
        ),
        ("/api/orders/lookup", "post", &["200"], &[("GetOrder", "get_order", &order_with_token)]),
    ];
    for (path, method, statuses, targets) in links {
        let Some(item) = doc.paths.paths.get_mut(*path) else { continue };
        let operation = match *method {
            "post" => item.post.as_mut(),
            _ => item.get.as_mut(),
        };
        let Some(operation) = operation else { continue };
        for status in *statuses {
            let Some(RefOr::T(response)) = operation.responses.responses.get_mut(*status) else { continue };
            for (name, operation_id, parameters) in *targets {
                let mut link = LinkBuilder::new().operation_id(*operation_id);
                for (parameter, expression) in *parameters {
                    link = link.parameter(*parameter, *expression);
                }
                // Payment and cancellation carry the token in their bodies.
                if matches!(*operation_id, "start_payment" | "request_cancellation") {
                    link = link.request_body(Some(serde_json::json!({ "access_token": "$response.body#/access_token" })));
                }
                response.links.insert((*name).to_owned(), RefOr::T(link.build()));
            }
        }
    }
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
            // Where the operation gives its own answer with that status, the answer says that it
            // may also mean this.
            let mut add = |status: &str, name: &str| match responses.get_mut(status) {
                None => {
                    responses.insert(status.to_owned(), shared(name));
                }
                Some(RefOr::T(own)) => {
                    let also = COMMON.iter().find(|(n, _)| *n == name).map_or("", |(_, d)| d);
                    if !also.is_empty() && !own.description.contains(also) {
                        own.description = format!("{}; or {}{}", own.description, also[..1].to_lowercase(), &also[1..]);
                    }
                }
                Some(RefOr::Ref(_)) => {}
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
    let json = document().to_pretty_json().unwrap_or_default();
    // utoipa 5.5 writes a Link's two-word fields in snake case; OpenAPI spells them in camel case.
    // No other key of the document has these names (a test checks the result).
    json.replace("\"operation_id\": ", "\"operationId\": ").replace("\"request_body\": ", "\"requestBody\": ")
}
