//! From what the carrier reported to what the shopper is shown: each event read through the
//! carrier's table, the current state, the customs offer, stalls and delivery attempts.

use super::STALL_AFTER_DAYS;
use super::carriers::{self, Milestone, StatusMeaning};
use crate::api::{
    CarrierInfo, CurrentState, CustomsOffer, DateRange, DeliveryAttempts, EventTime, OfferState, Phase, Severity, Shipment, Stall,
    TrackingEvent,
};
use crate::civil::{Date, UnixSeconds, format_rfc3339_utc, format_rfc3339_with_offset};

const DAY: i64 = 86_400;

/// One event as the carrier reported it.
#[derive(Debug, Clone, PartialEq)]
pub struct CarrierEvent {
    /// The carrier's order of events (ascending).
    pub seq: i64,
    pub time: EventTime,
    pub location: String,
    pub raw_status: String,
}

/// A shipment as a backend stores it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ShipmentRecord {
    pub tracking_number: String,
    /// The id of the carrier's table (`pony-express`).
    pub carrier_id: String,
    pub seller_id: Option<String>,
    pub order_number: Option<String>,
    pub planned_date: Option<Date>,
    pub estimate: Option<(Date, Date)>,
    pub attempts_left: Option<u32>,
    pub events: Vec<CarrierEvent>,
}

/// The shipment as the contract sends it, seen at `now`.
pub fn shipment_view(record: &ShipmentRecord, now: UnixSeconds) -> Shipment {
    let table = carriers::carrier(&record.carrier_id);
    let carrier = table.map(|t| t.info.clone()).unwrap_or_else(|| CarrierInfo {
        id: record.carrier_id.clone(),
        name: record.carrier_id.clone(),
        ..CarrierInfo::default()
    });
    let mut events: Vec<&CarrierEvent> = record.events.iter().collect();
    events.sort_by_key(|e| e.seq);
    let meanings: Vec<StatusMeaning> = events
        .iter()
        .map(|e| match table {
            Some(t) => t.meaning_or_unknown(&e.raw_status),
            None => StatusMeaning::UNKNOWN,
        })
        .collect();

    // "Delivered" wins: a scan recorded after the delivery never hides it.
    let delivered = meanings.iter().position(|m| m.phase == Phase::Delivered);
    // The journey that counts: up to the delivery, or all of it.
    let journey = delivered.map_or(events.len(), |d| d + 1);
    let current_index = journey.checked_sub(1);

    let event_view = |i: usize| TrackingEvent {
        time: events[i].time.clone(),
        location: events[i].location.clone(),
        raw_status: events[i].raw_status.clone(),
        phase: meanings[i].phase,
        severity: meanings[i].severity,
        action: meanings[i].action,
        after_delivery: delivered.is_some_and(|d| i > d),
    };

    let current = match current_index {
        Some(i) => CurrentState {
            phase: meanings[i].phase,
            severity: meanings[i].severity,
            action: meanings[i].action,
            raw_status: events[i].raw_status.clone(),
            location: events[i].location.clone(),
            time: Some(events[i].time.clone()),
            progress: progress(&meanings[..journey]),
            is_final: meanings[i].severity == Severity::Final,
        },
        None => CurrentState::default(),
    };

    let last_event = events.last().map(|e| e.time.clone());
    let stall = (!current.is_final).then(|| stall(record, &events, current.phase, now)).flatten();
    let customs_offer = customs_offer(&events[..journey], &meanings[..journey], carrier.rules.offer_confirmation_days, now);
    let delivery_attempts = (!current.is_final)
        .then(|| {
            let failures: Vec<usize> = (0..journey).filter(|&i| meanings[i].milestone == Some(Milestone::AttemptFailed)).collect();
            let &last = failures.last()?;
            Some(DeliveryAttempts {
                failed: failures.len() as u32,
                last_failed: Some(event_view(last)),
                rescheduled: meanings[last..journey].iter().any(|m| m.milestone == Some(Milestone::Rescheduled)),
                attempts_left: record.attempts_left,
            })
        })
        .flatten();

    Shipment {
        tracking_number: record.tracking_number.clone(),
        carrier,
        seller_id: record.seller_id.clone(),
        order_number: record.order_number.clone(),
        as_of: Some(format_rfc3339_utc(now)),
        current,
        estimated_delivery: record
            .estimate
            .map(|(earliest, latest)| DateRange { earliest: earliest.to_string(), latest: latest.to_string() }),
        planned_date: record.planned_date.map(|d| d.to_string()),
        last_event,
        stall,
        customs_offer,
        delivery_attempts,
        // What the carrier's record does not say; the store adds it for its own orders.
        collection: None,
        event_count: events.len() as u32,
        events: (0..events.len()).rev().map(event_view).collect(),
    }
}

/// The furthest step of the progress bar reached. A failed attempt means the courier came, so
/// it stands on the delivery step; a pickup point stands there too, and names it.
fn progress(meanings: &[StatusMeaning]) -> Phase {
    let step = |m: &StatusMeaning| match m.phase {
        Phase::AttemptFailed => Some(3),
        p => p.progress_step(),
    };
    let furthest = meanings.iter().filter_map(step).max();
    let Some(furthest) = furthest else {
        return Phase::Unknown;
    };
    let picked_up_at_point = meanings.iter().any(|m| m.phase == Phase::ReadyForPickup);
    match furthest {
        3 if picked_up_at_point => Phase::ReadyForPickup,
        s => Phase::PROGRESS[s],
    }
}

/// "No update for N days" and "planned date passed" for a shipment that is not finished.
fn stall(record: &ShipmentRecord, events: &[&CarrierEvent], phase: Phase, now: UnixSeconds) -> Option<Stall> {
    let last = events.last()?;
    let quiet_days = last.time.approximate_instant().map(|t| (now - t).div_euclid(DAY)).filter(|&d| d >= STALL_AFTER_DAYS);
    // "Today" where the parcel is: at the offset of the latest event that had one.
    let offset = events.iter().rev().find_map(|e| e.time.utc_offset_minutes).unwrap_or(0);
    let today = Date::from_days_since_epoch((now + i64::from(offset) * 60).div_euclid(DAY));
    // A parcel on its way back will not be delivered: its planned date no longer matters.
    let heading_home = matches!(phase, Phase::Returning | Phase::Expired);
    let overdue_days =
        record.planned_date.map(|planned| today.days_since_epoch() - planned.days_since_epoch()).filter(|&d| d > 0 && !heading_home);
    (quiet_days.is_some() || overdue_days.is_some())
        .then(|| Stall { no_update_days: quiet_days.map(|d| d as u32), planned_date_passed_days: overdue_days.map(|d| d as u32) })
}

/// The customs offer: its state from the carrier's milestones, its deadline from the arrival at
/// customs (as many days later as the carrier gives; no deadline where it gives none).
fn customs_offer(events: &[&CarrierEvent], meanings: &[StatusMeaning], days: Option<u32>, now: UnixSeconds) -> Option<CustomsOffer> {
    let mut state = None;
    let mut sent_at = None;
    for (i, m) in meanings.iter().enumerate() {
        match m.milestone {
            Some(Milestone::OfferSent) => {
                state = Some(OfferState::Awaiting);
                sent_at = Some(i);
            }
            Some(Milestone::OfferConfirmed) => state = Some(OfferState::Confirmed),
            Some(Milestone::OfferExpired) => state = Some(OfferState::Expired),
            _ => {}
        }
    }
    let mut state = state?;
    // A parcel that went on from customs to the courier was cleared, whatever the carrier
    // forgot to report about the offer.
    if state == OfferState::Awaiting && sent_at.is_some_and(|s| meanings[s..].iter().any(|m| m.phase.progress_step() >= Some(3))) {
        state = OfferState::Confirmed;
    }
    let arrival = meanings.iter().position(|m| m.milestone == Some(Milestone::CustomsArrival)).map(|i| &events[i].time);
    let deadline = arrival.zip(days).and_then(|(a, days)| {
        let days = i64::from(days);
        let at = a.approximate_instant()? + days * DAY;
        let date = a.local_date()?.add_days(days);
        Some((at, date, a.utc_offset_minutes.unwrap_or(0)))
    });
    Some(CustomsOffer {
        state,
        arrived_at_customs: arrival.cloned(),
        deadline_date: deadline.map(|(_, date, _)| date.to_string()),
        deadline_at: deadline.map(|(at, _, offset)| format_rfc3339_with_offset(at, offset)),
        seconds_left: deadline.map(|(at, _, _)| at - now),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::api::Action;
    use crate::civil::parse_rfc3339;

    /// 2026-11-22 12:00 in Moscow.
    fn now() -> UnixSeconds {
        parse_rfc3339("2026-11-22T12:00:00+03:00").unwrap().0
    }

    /// An event `days_ago` before [`now`], in Moscow.
    fn at(days_ago: f64, status: &str) -> CarrierEvent {
        let t = now() - (days_ago * DAY as f64) as i64;
        let local = format_rfc3339_with_offset(t, 180);
        CarrierEvent {
            seq: 0,
            time: EventTime::new(&local[..19], Some(180), Some("Europe/Moscow")),
            location: "Москва".into(),
            raw_status: status.into(),
        }
    }

    fn shipment(carrier: &str, events: Vec<CarrierEvent>) -> ShipmentRecord {
        ShipmentRecord {
            tracking_number: "PX1".into(),
            carrier_id: carrier.into(),
            events: events.into_iter().enumerate().map(|(i, e)| CarrierEvent { seq: i as i64, ..e }).collect(),
            ..ShipmentRecord::default()
        }
    }

    fn pony(events: Vec<CarrierEvent>) -> ShipmentRecord {
        shipment("pony-express", events)
    }

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    #[test]
    fn events_come_newest_first_each_with_its_phase_and_the_carriers_own_words() {
        let view = shipment_view(
            &pony(vec![
                at(5.0, "Получен предварительный заказ"),
                at(4.0, "Начало международной транспортировки"),
                at(1.0, "Прибыл на СВХ"),
            ]),
            now(),
        );
        let phases: Vec<Phase> = view.events.iter().map(|e| e.phase).collect();
        assert_eq!(phases, [Phase::Customs, Phase::InTransit, Phase::InfoReceived]);
        assert_eq!(view.events[0].raw_status, "Прибыл на СВХ");
        assert_eq!(view.current.phase, Phase::Customs);
        assert_eq!(view.current.progress, Phase::Customs);
        assert_eq!(view.event_count, 3);
        assert_eq!(view.carrier.name, "Pony Express");
        assert!(!view.current.is_final);
    }

    #[test]
    fn a_delivery_wins_over_a_stray_later_out_for_delivery_scan() {
        let view = shipment_view(
            &pony(vec![
                at(3.0, "Отправление поступило на терминал"),
                at(1.0, "Отправление будет доставлено сегодня"),
                at(0.9, "Доставлено получателю"),
                at(0.8, "Отправление будет доставлено сегодня"),
            ]),
            now(),
        );
        assert_eq!(view.current.phase, Phase::Delivered);
        assert_eq!(view.current.severity, Severity::Final);
        assert_eq!(view.current.raw_status, "Доставлено получателю");
        assert_eq!(view.current.progress, Phase::Delivered);
        assert!(view.current.is_final);
        // The stray scan is still shown, newest first, and marked as coming after the delivery.
        assert_eq!(view.events[0].phase, Phase::OutForDelivery);
        assert!(view.events[0].after_delivery);
        assert!(!view.events[1].after_delivery);
    }

    #[test]
    fn an_unmapped_latest_status_is_unknown_with_its_raw_words_and_the_bar_keeps_its_place() {
        let view = shipment_view(
            &pony(vec![at(3.0, "Отправление поступило на терминал"), at(1.0, "Передано партнёрской службе доставки (код 77)")]),
            now(),
        );
        assert_eq!(view.current.phase, Phase::Unknown);
        assert_eq!(view.current.raw_status, "Передано партнёрской службе доставки (код 77)");
        assert_eq!(view.events[0].phase, Phase::Unknown);
        assert_eq!(view.current.progress, Phase::InTransit);
        assert_eq!(view.event_count, 2, "an unknown status is never dropped");
    }

    #[test]
    fn a_carrier_without_a_table_still_shows_every_event_as_unknown() {
        let view = shipment_view(&shipment("pigeon-post", vec![at(1.0, "Вылетел")]), now());
        assert_eq!(view.carrier.name, "pigeon-post");
        assert_eq!(view.events.len(), 1);
        assert_eq!(view.events[0].phase, Phase::Unknown);
    }

    #[test]
    fn the_second_carrier_is_read_from_its_own_table() {
        let view = shipment_view(
            &shipment(
                "lynx-courier",
                vec![
                    at(3.0, "Shipment information received"),
                    at(2.0, "Arrived at sorting centre Vienna"),
                    at(0.5, "Ready for collection at parcel point"),
                ],
            ),
            now(),
        );
        assert_eq!(view.carrier.language.as_deref(), Some("en"));
        assert_eq!(view.current.phase, Phase::ReadyForPickup);
        assert_eq!(view.current.action, Action::CollectAtPickupPoint);
        assert_eq!(view.current.progress, Phase::ReadyForPickup);
    }

    #[test]
    fn the_offer_deadline_is_fourteen_days_after_the_arrival_at_customs() {
        let mut record = pony(vec![at(9.0, "Получен предварительный заказ"), at(3.0, "Прибыл на СВХ"), at(2.9, "Оферта отправлена")]);
        // Arrival on 2026-11-19 at 12:00 Moscow time.
        let offer = shipment_view(&record, now()).customs_offer.unwrap();
        assert_eq!(offer.state, OfferState::Awaiting);
        assert_eq!(offer.deadline_date.as_deref(), Some("2026-12-03"));
        assert_eq!(offer.deadline_at.as_deref(), Some("2026-12-03T12:00:00+03:00"));
        assert_eq!(offer.seconds_left, Some(11 * DAY));
        assert_eq!(offer.arrived_at_customs.unwrap().local, "2026-11-19T12:00:00");

        // The carrier reports that the deadline passed.
        record
            .events
            .push(CarrierEvent { seq: 9, ..at(0.0, "Истек срок подтверждения оферты получателем") });
        let view = shipment_view(&record, now());
        assert_eq!(view.customs_offer.unwrap().state, OfferState::Expired);
        assert_eq!(view.current.phase, Phase::Expired);
    }

    #[test]
    fn an_offer_sent_before_arrival_has_no_deadline_yet() {
        let view = shipment_view(&pony(vec![at(9.0, "Получен предварительный заказ"), at(8.9, "Оферта отправлена")]), now());
        let offer = view.customs_offer.unwrap();
        assert_eq!(offer.state, OfferState::Awaiting);
        assert_eq!(offer.deadline_date, None);
        assert_eq!(offer.seconds_left, None);
    }

    #[test]
    fn a_confirmed_offer_and_a_parcel_that_left_customs_need_nothing_more() {
        let confirmed =
            shipment_view(&pony(vec![at(5.0, "Прибыл на СВХ"), at(4.9, "Оферта отправлена"), at(4.0, "Оферта подтверждена")]), now());
        assert_eq!(confirmed.customs_offer.unwrap().state, OfferState::Confirmed);
        let moved_on = shipment_view(
            &pony(vec![at(5.0, "Прибыл на СВХ"), at(4.9, "Оферта отправлена"), at(1.0, "Отправление будет доставлено сегодня")]),
            now(),
        );
        assert_eq!(moved_on.customs_offer.unwrap().state, OfferState::Confirmed);
        assert!(shipment_view(&pony(vec![at(1.0, "Прибыл на СВХ")]), now()).customs_offer.is_none());
    }

    #[test]
    fn a_shipment_is_stalled_after_a_week_without_news_and_not_a_day_sooner() {
        let quiet = |days: f64| shipment_view(&pony(vec![at(days, "Отправление поступило на терминал")]), now()).stall;
        assert_eq!(quiet(6.99), None);
        assert_eq!(quiet(7.0), Some(Stall { no_update_days: Some(7), planned_date_passed_days: None }));
        assert_eq!(quiet(20.5).unwrap().no_update_days, Some(20));
    }

    #[test]
    fn the_planned_date_passes_the_day_after_it() {
        let with_plan = |planned: &str| {
            let mut r = pony(vec![at(1.0, "Отправление поступило на терминал")]);
            r.planned_date = Some(date(planned));
            shipment_view(&r, now()).stall
        };
        assert_eq!(with_plan("2026-11-22"), None, "due today is not late");
        assert_eq!(with_plan("2026-11-21"), Some(Stall { no_update_days: None, planned_date_passed_days: Some(1) }));
        assert_eq!(with_plan("2026-11-08").unwrap().planned_date_passed_days, Some(14));
    }

    #[test]
    fn the_planned_date_is_judged_by_the_day_where_the_parcel_is() {
        // 22:30 UTC on the 21st is already the 22nd in Moscow.
        let late_evening = parse_rfc3339("2026-11-21T22:30:00Z").unwrap().0;
        let mut r = pony(vec![at(1.0, "Отправление поступило на терминал")]);
        r.planned_date = Some(date("2026-11-21"));
        assert_eq!(shipment_view(&r, late_evening).stall.unwrap().planned_date_passed_days, Some(1));
    }

    #[test]
    fn a_delivered_or_returning_shipment_is_never_late() {
        let mut delivered = pony(vec![at(30.0, "Отправление поступило на терминал"), at(20.0, "Доставлено получателю")]);
        delivered.planned_date = Some(date("2026-10-01"));
        assert_eq!(shipment_view(&delivered, now()).stall, None);

        let mut returning = pony(vec![at(1.0, "Осуществляется возврат отправления по инструкции клиента")]);
        returning.planned_date = Some(date("2026-10-01"));
        assert_eq!(shipment_view(&returning, now()).stall, None);
    }

    #[test]
    fn a_failed_attempt_says_how_many_tries_are_left_and_whether_a_new_date_is_set() {
        let mut r =
            pony(vec![at(2.0, "Отправление будет доставлено сегодня"), at(1.8, "Доставка не осуществлена — офис/квартира закрыты")]);
        r.attempts_left = Some(2);
        let view = shipment_view(&r, now());
        assert_eq!(view.current.phase, Phase::AttemptFailed);
        assert_eq!(view.current.progress, Phase::OutForDelivery);
        let attempts = view.delivery_attempts.unwrap();
        assert_eq!(attempts.failed, 1);
        assert_eq!(attempts.attempts_left, Some(2));
        assert!(!attempts.rescheduled);
        assert_eq!(attempts.last_failed.unwrap().raw_status, "Доставка не осуществлена — офис/квартира закрыты");

        r.events.push(CarrierEvent {
            seq: 5, ..at(1.0, "Дата доставки изменена по просьбе получателя")
        });
        let view = shipment_view(&r, now());
        assert!(view.delivery_attempts.unwrap().rescheduled);
        assert_eq!(view.current.progress, Phase::OutForDelivery, "never backwards");
    }

    #[test]
    fn a_shipment_without_events_is_shown_as_not_started() {
        let view = shipment_view(&pony(vec![]), now());
        assert_eq!(view.current.phase, Phase::Unknown);
        assert_eq!(view.current.progress, Phase::Unknown);
        assert!(view.events.is_empty());
        assert_eq!(view.stall, None);
        assert_eq!(view.as_of.as_deref(), Some("2026-11-22T09:00:00Z"));
    }
}
