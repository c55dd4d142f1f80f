//! Shipments: the journey as the carrier reported it, read through the carrier's table by
//! `vitrina_core::tracking` and sent as the normalised view, so a client only has to show it.

use crate::error::{ApiError, ApiResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::state::AppState;
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use rusqlite::{OptionalExtension, Transaction};
use serde::Deserialize;
use vitrina_core::api::{EventTime, Shipment, ShipmentList};
use vitrina_core::civil::Date;
use vitrina_core::tracking::{self, CarrierEvent, ShipmentRecord};
use vitrina_core::{FieldError, ProblemKind};

/// A shipment with its events (newest first), its current state and what the shopper can do.
#[utoipa::path(get, path = "/api/shipments/{tracking_number}", tag = "tracking",
    params(("tracking_number" = String, Path, description = "The carrier's tracking number; spaces are ignored and letters may be in either case")),
    responses(
        (status = 200, description = "The shipment, seen now", body = Shipment),
        (status = 404, description = "The carrier has not reported this number (yet) (`shipment-not-found`)", content_type = "application/problem+json", body = vitrina_core::Problem),
        (status = 422, description = "Not a tracking number (`validation`, field `tracking_number`, code `invalid_tracking_number`)", content_type = "application/problem+json", body = vitrina_core::Problem),
    ))]
pub async fn get_shipment(State(state): State<AppState>, ApiPath(tracking_number): ApiPath<String>) -> ApiResult<Response> {
    let number = tracking::tracking_number(&tracking_number).map_err(|code| {
        ApiError::validation(vec![FieldError::new(
            "tracking_number",
            code,
            "Not a tracking number: 8 to 35 letters and digits, at least four of them digits.",
        )])
    })?;
    let now = state.clock.now();
    let record = state
        .db
        .run(move |tx| load_shipment(tx, &number))
        .await?
        .ok_or_else(|| {
            ApiError::detail(
                ProblemKind::ShipmentNotFound,
                "The carrier has not reported a shipment with this number. New numbers usually appear a day or two after the parcel is handed over.",
            )
        })?;
    Ok(fresh(Json(tracking::shipment_view(&record, now))))
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
pub async fn list_shipments(State(state): State<AppState>, ApiQuery(query): ApiQuery<ShipmentQuery>) -> ApiResult<Response> {
    let order = query.order.trim().to_owned();
    if order.is_empty() || order.chars().count() > 64 {
        return Err(ApiError::validation(vec![FieldError::new(
            "order",
            if order.is_empty() { vitrina_core::validate::code::REQUIRED } else { vitrina_core::validate::code::TOO_LONG },
            "Give the order number (at most 64 characters).",
        )]));
    }
    let now = state.clock.now();
    let records = state
        .db
        .run(move |tx| {
            let known: bool =
                tx.query_row("SELECT EXISTS (SELECT 1 FROM orders WHERE CAST(number AS TEXT) = ?1)", [&order], |r| r.get(0))?;
            if known {
                crate::routes::orders::authorised_order(tx, &order, &query.token)?;
            }
            let numbers: Vec<String> = tx
                .prepare(
                    "SELECT tracking_number FROM shipments WHERE order_number = ?1
                     ORDER BY created_at, tracking_number",
                )?
                .query_map([&order], |r| r.get(0))?
                .collect::<Result<_, _>>()?;
            let mut records = Vec::new();
            for number in numbers {
                records.extend(load_shipment(tx, &number)?);
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
    Ok(fresh(Json(ShipmentList { shipments })))
}

/// Tracking changes as the carrier reports: never serve a stored copy.
fn fresh(body: impl IntoResponse) -> Response {
    let mut response = body.into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    response
}

/// Reads a shipment and its events as stored (the current state needs every event).
fn load_shipment(tx: &Transaction<'_>, number: &str) -> ApiResult<Option<ShipmentRecord>> {
    let row = tx
        .query_row(
            "SELECT carrier, seller_id, order_number, planned_date, estimate_earliest, estimate_latest, attempts_left
             FROM shipments WHERE tracking_number = ?1",
            [number],
            |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, Option<String>>(1)?,
                    r.get::<_, Option<String>>(2)?,
                    r.get::<_, Option<String>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                    r.get::<_, Option<i64>>(6)?,
                ))
            },
        )
        .optional()?;
    let Some((carrier_id, seller_id, order_number, planned, earliest, latest, attempts_left)) = row else {
        return Ok(None);
    };
    let date = |d: Option<String>| d.as_deref().and_then(Date::parse);
    let mut events = Vec::new();
    let mut stmt = tx.prepare(
        "SELECT seq, local_time, utc_offset_minutes, time_zone, location, raw_status
         FROM shipment_events WHERE tracking_number = ?1 ORDER BY seq",
    )?;
    let mut rows = stmt.query([number])?;
    while let Some(r) = rows.next()? {
        events.push(CarrierEvent {
            seq: r.get(0)?,
            time: EventTime { local: r.get(1)?, utc_offset_minutes: r.get(2)?, time_zone: r.get(3)? },
            location: r.get(4)?,
            raw_status: r.get(5)?,
        });
    }
    Ok(Some(ShipmentRecord {
        tracking_number: number.to_owned(),
        carrier_id,
        seller_id,
        order_number,
        planned_date: date(planned),
        estimate: date(earliest).zip(date(latest)),
        attempts_left: attempts_left.and_then(|n| u32::try_from(n).ok()),
        events,
    }))
}
