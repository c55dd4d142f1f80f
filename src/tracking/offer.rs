//! The customs offer (seed 002 l.105–144): to clear a parcel from abroad, customs needs the
//! recipient's passport details and tax number, entered on the carrier's own page through a link
//! the carrier sends. The store never asks for them; this panel explains the deadline, the rules
//! of the carrier's form and what to do when it goes wrong, and links to the carrier.

use super::ContactSellerLink;
use super::view::LiveShipment;
use super::words::carrier_name;
use crate::i18n::{interpolate, use_i18n};
use crate::ui::intl::format_date;
use leptos::prelude::*;
use std::sync::Arc;
use vitrina_core::api::{CustomsOffer, OfferState, Shipment};
use vitrina_core::routes::safe_external_url;

/// Shown while the offer waits for the shopper, and after it expired; nothing otherwise.
#[component]
pub fn CustomsOfferPanel(shipment: Arc<Shipment>) -> impl IntoView {
    let offer = shipment.customs_offer.clone();
    match offer {
        Some(o) if o.state == OfferState::Awaiting && !shipment.current.is_final => {
            view! { <AwaitingOffer shipment=shipment.clone() offer=o/> }.into_any()
        }
        Some(o) if o.state == OfferState::Expired => view! { <ExpiredOffer shipment=shipment.clone() offer=o/> }.into_any(),
        _ => ().into_any(),
    }
}

/// Time left, as the shopper counts it: days while there is more than one, then hours; both
/// rounded up (with 10 days and 23 hours to go there are still "11 days").
fn countdown(i18n: &crate::i18n::I18n, seconds_left: i64) -> String {
    const DAY: i64 = 86_400;
    const HOUR: i64 = 3_600;
    if seconds_left > DAY {
        i18n.tp("track.offer.days_left", (seconds_left + DAY - 1) / DAY)
    } else {
        i18n.tp("track.offer.hours_left", (seconds_left + HOUR - 1) / HOUR)
    }
}

#[component]
fn AwaitingOffer(shipment: Arc<Shipment>, offer: CustomsOffer) -> impl IntoView {
    let i18n = use_i18n();
    let carrier = carrier_name(&i18n, &shipment);
    let website = shipment.carrier.website.as_deref().and_then(safe_external_url);
    let deadline = offer.deadline_date.clone().filter(|d| !d.is_empty());
    // The carrier's own rules, as the shipment carries them; each is explained only when given.
    let rules = shipment.carrier.rules.clone();
    let days = rules.offer_confirmation_days;
    let tax_lookup = rules.tax_number_lookup_url.as_deref().and_then(safe_external_url);
    // The seconds left follow every refresh; the rest of the panel stays as it is.
    let live = use_context::<LiveShipment>();
    let fixed = offer.seconds_left;
    let left = move || match live {
        Some(LiveShipment(s)) => s.with(|s| s.customs_offer.as_ref().and_then(|o| o.seconds_left)),
        None => fixed,
    };
    let c = carrier.clone();
    let deadline_line = move || {
        let locale = i18n.get();
        match (&deadline, left()) {
            (Some(date), Some(s)) if s > 0 => view! {
                <p class="offer__deadline" data-testid="offer-deadline">
                    <strong>{i18n.tf("track.offer.deadline", &[("date", &format_date(date, locale, "long"))])}</strong>
                    " — " <span data-testid="offer-countdown">{countdown(&i18n, s)}</span>
                </p>
            }
            .into_any(),
            (Some(date), _) => view! {
                <p class="offer__deadline offer__deadline--passed" data-testid="offer-deadline">
                    <strong>{i18n.tf("track.offer.deadline_passed", &[("date", &format_date(date, locale, "long")), ("carrier", &c)])}</strong>
                </p>
            }
            .into_any(),
            (None, _) => days
                .map(|days| {
                    view! {
                        <p class="offer__deadline" data-testid="offer-deadline">
                            {i18n.tf("track.offer.deadline_not_started", &[("days", &days.to_string())])}
                        </p>
                    }
                })
                .into_any(),
        }
    };
    let c = carrier.clone();
    let c2 = carrier.clone();
    let tries = rules.offer_wrong_tries_allowed.map(|n| n.to_string());
    view! {
        <section class="panel panel--action offer" aria-labelledby="offer-heading" data-testid="offer-panel">
            <h2 id="offer-heading">{i18n.text("track.offer.title")}</h2>
            <p>{move || i18n.tf("track.offer.why", &[("carrier", &c)])}</p>
            {deadline_line}
            <ul class="offer__rules">
                <li>{i18n.text("track.offer.rule_exact")}</li>
                {tries.map(|tries| view! { <li>{move || i18n.tf("track.offer.rule_tries", &[("tries", &tries)])}</li> })}
                <li>{move || i18n.tf("track.offer.rule_never_here", &[("carrier", &c2)])}</li>
            </ul>
            {website.clone().map(|url| {
                let c = carrier.clone();
                view! {
                    <p><a class="button button--primary" href=url rel="noopener noreferrer" target="_blank">{move || i18n.tf("track.open_carrier_site", &[("carrier", &c)])}</a></p>
                }
            })}
            <OfferHelp carrier=carrier.clone() website=website tax_lookup=tax_lookup/>
        </section>
    }
}

/// The seed's problem cases, each a question the shopper can open.
#[component]
fn OfferHelp(carrier: String, website: Option<String>, tax_lookup: Option<String>) -> impl IntoView {
    let i18n = use_i18n();
    let carrier = StoredValue::new(carrier);
    // Every answer may name the carrier.
    let fill = move |text: String| carrier.with_value(|c| interpolate(&text, &[("carrier", c)]));
    view! {
        <h3>{i18n.text("track.offer.help_title")}</h3>
        <div class="offer__help">
            <details data-testid="offer-help">
                <summary>{i18n.text("track.offer.help.rejected.q")}</summary>
                <p>{move || fill(i18n.t("track.offer.help.rejected.a"))}</p>
            </details>
            <details data-testid="offer-help">
                <summary>{i18n.text("track.offer.help.new_passport.q")}</summary>
                <p>{move || fill(i18n.t("track.offer.help.new_passport.a"))}</p>
            </details>
            <details data-testid="offer-help">
                <summary>{i18n.text("track.offer.help.all_correct.q")}</summary>
                <p>{move || fill(i18n.t("track.offer.help.all_correct.a"))}</p>
            </details>
            <details data-testid="offer-help">
                <summary>{i18n.text("track.offer.help.no_tax_number.q")}</summary>
                <p>{i18n.text("track.offer.help.no_tax_number.a")} " "
                   {tax_lookup.map(|url| view! {
                       <a href=url rel="noopener noreferrer" target="_blank">{i18n.text("track.offer.help.no_tax_number.link")}</a>
                   })}</p>
            </details>
            <details data-testid="offer-help">
                <summary>{i18n.text("track.offer.help.foreign_passport.q")}</summary>
                <p>{move || fill(i18n.t("track.offer.help.foreign_passport.a"))}</p>
            </details>
            <details data-testid="offer-help">
                <summary>{i18n.text("track.offer.help.lost_passport.q")}</summary>
                <p>{move || fill(i18n.t("track.offer.help.lost_passport.a"))}</p>
            </details>
            <details data-testid="offer-help">
                <summary>{i18n.text("track.offer.help.blocked.q")}</summary>
                <p>{move || fill(i18n.t("track.offer.help.blocked.a"))}</p>
            </details>
            <details data-testid="offer-help">
                <summary>{i18n.text("track.offer.help.in_review.q")}</summary>
                <p>{move || fill(i18n.t("track.offer.help.in_review.a"))}</p>
            </details>
            <details data-testid="offer-help">
                <summary>{i18n.text("track.offer.help.no_link.q")}</summary>
                <p>{move || fill(i18n.t("track.offer.help.no_link.a"))}
                   {website.map(|url| view! { " " <a href=url.clone() rel="noopener noreferrer" target="_blank">{url.clone()}</a> })}</p>
            </details>
        </div>
    }
}

/// After the deadline (seed 002 l.136–138): nothing more can be done at customs; the store
/// decides between return and destruction, and the shopper asks it for a refund or reshipment.
#[component]
fn ExpiredOffer(shipment: Arc<Shipment>, offer: CustomsOffer) -> impl IntoView {
    let i18n = use_i18n();
    let carrier = carrier_name(&i18n, &shipment);
    let deadline = offer.deadline_date.clone().filter(|d| !d.is_empty());
    view! {
        <section class="panel panel--problem offer offer--expired" aria-labelledby="offer-expired-heading" data-testid="offer-expired">
            <h2 id="offer-expired-heading">{i18n.text("track.offer.expired_title")}</h2>
            {deadline.map(|date| view! {
                <p>{move || i18n.tf("track.offer.expired_on", &[("date", &format_date(&date, i18n.get(), "long"))])}</p>
            })}
            <p>{move || i18n.tf("track.offer.expired_what_happens", &[("carrier", &carrier)])}</p>
            <p><strong>{i18n.text("track.offer.expired_ask_store")}</strong></p>
            <ContactSellerLink shipment=shipment.clone() key="track.contact_seller_refund"/>
        </section>
    }
}
