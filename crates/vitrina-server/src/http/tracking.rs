//! Shipments: the journey as the carrier reported it, read through the carrier's table by
//! `vitrina_core::tracking` and sent as the normalised view, so a client only has to show it.
//! Tracking changes as the carrier reports: answers are never served from a stored copy (`api.rs`).

use crate::error::{ApiError, ApiResult};
use crate::http::extract::{ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::{orders, shipments};
use axum::Json;
use axum::extract::State;
use serde::Deserialize;
use vitrina_core::api::{Collection, Shipment, ShipmentList};
use vitrina_core::tracking;
use vitrina_core::{FieldError, ProblemKind};

/// A shipment with its events (newest first), its current state and what the shopper can do.
///
/// Anyone may ask about a tracking number, so the answer holds nothing about a person: no name,
/// address or phone, and, for a parcel of the store's own orders, no order number unless the
/// order's token comes with the request (the store's parcels have random numbers, so they cannot
/// be counted through either).
#[utoipa::path(get, path = "/api/shipments/{tracking_number}", tag = "tracking",
    params(("tracking_number" = String, Path, description = "The carrier's tracking number; spaces are ignored and letters may be in either case"), ShipmentTokenQuery),
    responses(
        (status = 200, description = "The shipment, seen now", body = Shipment),
        (status = 404, description = "The carrier has not reported this number (yet) (`shipment-not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Not a tracking number (`validation`, field `tracking_number`, code `invalid_tracking_number`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn get_shipment(
    State(state): State<AppState>,
    ApiPath(tracking_number): ApiPath<String>,
    ApiQuery(query): ApiQuery<ShipmentTokenQuery>,
) -> ApiResult<Json<Shipment>> {
    let number = tracking::tracking_number(&tracking_number).map_err(|code| {
        ApiError::validation(vec![FieldError::new(
            "tracking_number",
            code,
            "Not a tracking number: 8 to 35 letters and digits, at least four of them digits.",
        )])
    })?;
    let now = state.clock.now();
    let store = crate::policy::profile(state.options.store);
    let found = state
        .db
        .run(move |tx| {
            let Some(mut record) = shipments::load(tx, &number)? else { return Ok(None) };
            let collection = match record.order_number.as_deref() {
                Some(order) if orders::is_store_order(tx, order)? => collection(tx, store, order)?,
                _ => None,
            };
            // The store's own order is named only to whoever holds its token.
            if let Some(order) = record.order_number.as_deref()
                && orders::is_store_order(tx, order)?
                && orders::authorised_order(tx, order, &query.token).is_err()
            {
                record.order_number = None;
            }
            Ok(Some((record, collection)))
        })
        .await?;
    let (record, collection) = found.ok_or_else(|| {
            ApiError::detail(
                ProblemKind::ShipmentNotFound,
            "The carrier has not reported a shipment with this number. New numbers usually appear a day or two after the parcel is handed over.",
        )
    })?;
    Ok(Json(Shipment { collection, ..tracking::shipment_view(&record, now) }))
}

/// What the tracking page at `address` names under its heading (`TRACKING_LEADS`: the carrier's
/// latest news), where the carrier has reported its number; read as the page's own request for
/// the shipment will read it a moment later. Nothing of it is about a person.
pub async fn page_leads(state: &AppState, address: &str) -> Option<crate::http::spa::LeadValues> {
    let Some(vitrina_core::routes::Page::Tracking { number }) = vitrina_core::routes::Page::parse(address) else {
        return None;
    };
    let number = tracking::tracking_number(&number).ok()?;
    let now = state.clock.now();
    let record = state.db.run(move |tx| shipments::load(tx, &number)).await.ok()??;
    let shipment = tracking::shipment_view(&record, now);
    let time = shipment.current.time.clone()?;
    Some(crate::http::spa::LeadValues::CarrierNews(crate::http::spa::CarrierNews {
        language: tracking::carrier_language(&shipment),
        status: shipment.current.raw_status,
        location: shipment.current.location,
        time,
    }))
}

/// How the parcel of the store's order `order` is collected, if the shopper collects it.
fn collection(tx: &rusqlite::Transaction<'_>, store: &crate::policy::Profile, order: &str) -> ApiResult<Option<Collection>> {
    let Some(state) = order.parse().ok().map(|number| orders::state(tx, number)).transpose()?.flatten() else { return Ok(None) };
    let Some(point) = state.pickup_point.as_ref().filter(|_| state.delivery_kind.is_collected()) else { return Ok(None) };
    Ok(Some(Collection {
        kind: state.delivery_kind,
        storage_days: point.storage_days,
        collect_by: state.collect_by(store).map(|d| d.to_string()),
        report_problems_within_hours: point.report_problems_within_hours,
    }))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShipmentTokenQuery {
    /// The access token of the store's order the parcel belongs to: with it, the answer names
    /// the order (`order_number`); without it, not.
    #[serde(default)]
    #[param(required = false)]
    token: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ShipmentQuery {
    /// The order whose shipments to list.
    order: String,
    /// The order's access token: required for the store's own orders, whose shipments are as
    /// private as the order (a reference the store does not know is listed by itself).
    #[serde(default)]
    #[param(required = false)]
    token: String,
}

/// The shipments of one order, oldest first, each with its current state but without events
/// (open one for its journey). An order with no shipments yet has an empty list.
#[utoipa::path(get, path = "/api/shipments", tag = "tracking",
    params(ShipmentQuery),
    responses(
        (status = 200, description = "The order's shipments", body = ShipmentList),
        (status = 400, description = "No `order` given (`bad-request`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 404, description = "The store's own order without its token, or with a wrong one (`not-found`, the answer for an order that does not exist)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "An empty order number (`validation`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn list_shipments(State(state): State<AppState>, ApiQuery(query): ApiQuery<ShipmentQuery>) -> ApiResult<Json<ShipmentList>> {
    let order = query.order.trim().to_owned();
    if order.is_empty() || order.chars().count() > 64 {
        return Err(ApiError::validation(vec![FieldError::new(
            "order",
            if order.is_empty() { vitrina_core::FieldCode::Required } else { vitrina_core::FieldCode::TooLong },
            "Give the order number (at most 64 characters).",
        )]));
    }
    let now = state.clock.now();
    let records = state
        .db
        .run(move |tx| {
            if orders::is_store_order(tx, &order)? {
                orders::authorised_order(tx, &order, &query.token)?;
            }
            let mut records = Vec::new();
            for number in shipments::numbers_of_order(tx, &order)? {
                records.extend(shipments::load(tx, &number)?);
            }
            Ok(records)
        })
        .await?;
    let shipments = records
        .iter()
        .map(|record| {
            let mut view = tracking::shipment_view(record, now);
            view.events.clear();
            view
        })
        .collect();
    Ok(Json(ShipmentList { shipments }))
}
