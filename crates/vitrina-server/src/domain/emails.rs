//! The emails the store writes, each in the language of the person it goes to.
//!
//! Every email is a template in `emails/` (minijinja), rendered twice from one source, as plain
//! text and as HTML (readable on a phone), with its words from `emails/locales/{lang}.json` and
//! its money, dates and countries formatted by `intl` (ICU4X). `outbox` builds the MIME message.
//!
//! The order emails follow seed 002 (l.691–807): the order number in the subject and at the top,
//! the items, totals, payment, delivery with the expected dispatch and delivery dates, the
//! addresses, how to change or cancel, and how to reach the seller; then one email for each step
//! of the order a shopper waits for (payment, the seller's confirmation, shipping with the
//! tracking link, pickup with the code, delivery, cancellation, refund). Which event sends which
//! email is [`OrderEmail::for_event`]: a new event is one variant there and one template.
//!
//! A message through the contact form makes the message to the seller (in the seller's
//! language), and an acknowledgement only to a sender who is signed in with a verified address
//! and gave that address: the form is never a way to mail anyone else (`domain::contact`).

use crate::error::{ApiError, ApiResult};
use crate::intl::Intl;
use crate::outbox::{Email, Party};
use crate::policy;
use crate::store::orders;
use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, State, Value};
use rusqlite::Transaction;
use serde_json::json;
use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;
use vitrina_core::api::{DeliveryKind, Order, OrderEventKind, OrderStatus, PaymentKind, PaymentStatus};
use vitrina_core::civil::{Date, UnixSeconds};
use vitrina_core::locale::Locale;
use vitrina_core::order::OrderRules;
use vitrina_core::routes::Page;

/// Where the store is, for the links and the sender of its emails.
#[derive(Debug, Clone)]
pub struct Site {
    pub store_name: String,
    /// The address shoppers reach the store at, without a trailing `/`.
    pub public_url: String,
    /// Where the emails link for help, as an absolute address (`ServerOptions::help_link`: the
    /// store's help pages, else the app's default help page, as `config.json` says).
    pub help_url: String,
    /// The help pages the store named itself, if it did (a message's receipt says so; the app
    /// otherwise links what `config.json` says).
    pub named_help_url: Option<String>,
    /// The store's rules after placing (the time to pay, to answer a substitution), which an
    /// order's page and e-mails state alike.
    pub order_rules: OrderRules,
    /// What the store decides about itself: its time zone, carrier and payment methods' names.
    pub store: &'static policy::Profile,
}

impl Site {
    fn link(&self, page: &Page) -> String {
        format!("{}{}", self.public_url, page.href())
    }

    fn context(&self) -> serde_json::Value {
        json!({ "store_name": self.store_name, "help_url": self.help_url })
    }

    fn orders_address(&self) -> Party {
        Party::new(&self.store_name, "orders@vitrina.localhost")
    }
}

/// An email about an order, one per step of the order the shopper waits for or has to know of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OrderEmail {
    /// The order was placed (awaiting payment said plainly for an unpaid card order).
    Confirmation,
    PaymentReceived,
    PaymentDeclined,
    SellerConfirmed,
    /// Handed to the carrier, with the tracking link.
    Shipped,
    /// At the pickup point or in the locker, with the pickup code and the last day.
    ReadyForPickup,
    Delivered,
    Cancelled,
    /// A refund the shopper has not been told of in another email of the same step (a
    /// cheaper substitute, a declined one).
    Refunded,
    /// The seller proposes a substitute (or removing a line): what, how to answer, by when.
    SubstitutionProposed,
    /// Some lines cancelled at the shopper's request: which, and the refund if paid.
    LinesCancelled,
    /// Nobody answered a proposal in time and the store removed its line (the rest goes ahead):
    /// which, and the refund if paid.
    SubstitutionLapsed,
    /// The shopper's return request is recorded: which lines, and what happens next.
    ReturnRequested,
    /// An unpaid card order expired: cancelled, its items back on sale, nothing charged.
    PaymentExpired,
    /// A parcel nobody collected by its last day: refused, back to the seller, refunded if paid.
    NotCollected,
}

/// The events recorded with the one at `seq` in one step (one transaction writes its events at
/// one moment, one after another): the indices of the history around `seq` with its time.
fn step_of(order: &Order, seq: usize) -> std::ops::Range<usize> {
    let Some(at) = order.history.get(seq).map(|e| e.at.as_str()) else { return seq..seq };
    let start = order.history[..seq].iter().rposition(|e| e.at != at).map_or(0, |i| i + 1);
    let end = order.history[seq..].iter().position(|e| e.at != at).map_or(order.history.len(), |i| seq + i);
    start..end
}

/// The money refunded with the event at `seq`: the refund its step recorded after it.
fn refund_with(order: &Order, seq: usize) -> Option<&vitrina_core::Money> {
    let step = step_of(order, seq);
    order.history[seq.max(step.start)..step.end].iter().find(|e| e.kind == OrderEventKind::Refunded).and_then(|e| e.amount.as_ref())
}

impl OrderEmail {
    /// The email the event at `seq` of the order's history sends, if any. An event whose step
    /// has an email of its own that tells the same (the refund of a cancellation, the
    /// cancellation of an expired or uncollected order) sends none.
    pub fn for_event(order: &Order, seq: usize) -> Option<OrderEmail> {
        let kind = order.history.get(seq)?.kind;
        let pickup = matches!(order.delivery.kind, DeliveryKind::PickupPoint | DeliveryKind::ParcelLocker | DeliveryKind::SellerShop);
        let step = &order.history[step_of(order, seq)];
        let in_step = |kinds: &[OrderEventKind]| step.iter().any(|e| kinds.contains(&e.kind));
        Some(match kind {
            OrderEventKind::Created => OrderEmail::Confirmation,
            OrderEventKind::PaymentApproved => OrderEmail::PaymentReceived,
            OrderEventKind::PaymentDeclined => OrderEmail::PaymentDeclined,
            OrderEventKind::ConfirmedBySeller => OrderEmail::SellerConfirmed,
            OrderEventKind::HandedToCarrier => OrderEmail::Shipped,
            OrderEventKind::ReadyForPickup => OrderEmail::ReadyForPickup,
            // From a backend whose pickup parcels go "with courier" before they wait at the point.
            OrderEventKind::WithCourier if pickup => OrderEmail::ReadyForPickup,
            OrderEventKind::Received => OrderEmail::Delivered,
            OrderEventKind::Cancelled if in_step(&[OrderEventKind::PaymentExpired, OrderEventKind::NotCollected]) => return None,
            OrderEventKind::Cancelled => OrderEmail::Cancelled,
            OrderEventKind::Refunded
                if in_step(&[
                    OrderEventKind::Cancelled,
                    OrderEventKind::LinesCancelled,
                    OrderEventKind::NotCollected,
                    OrderEventKind::SubstitutionExpired,
                ]) =>
            {
                return None;
            }
            OrderEventKind::Refunded => OrderEmail::Refunded,
            OrderEventKind::SubstitutionProposed => OrderEmail::SubstitutionProposed,
            OrderEventKind::LinesCancelled => OrderEmail::LinesCancelled,
            // A lapse that cancelled the whole order is told by the cancellation's email.
            OrderEventKind::SubstitutionExpired if in_step(&[OrderEventKind::Cancelled]) => return None,
            OrderEventKind::SubstitutionExpired => OrderEmail::SubstitutionLapsed,
            OrderEventKind::ReturnRequested => OrderEmail::ReturnRequested,
            OrderEventKind::PaymentExpired => OrderEmail::PaymentExpired,
            OrderEventKind::NotCollected => OrderEmail::NotCollected,
            _ => return None,
        })
    }

    /// The template's name in `emails/`.
    pub fn template(self) -> &'static str {
        match self {
            OrderEmail::Confirmation => "confirmation",
            OrderEmail::PaymentReceived => "payment_received",
            OrderEmail::PaymentDeclined => "payment_declined",
            OrderEmail::SellerConfirmed => "seller_confirmed",
            OrderEmail::Shipped => "shipped",
            OrderEmail::ReadyForPickup => "ready_for_pickup",
            OrderEmail::Delivered => "delivered",
            OrderEmail::Cancelled => "cancelled",
            OrderEmail::Refunded => "refunded",
            OrderEmail::SubstitutionProposed => "substitution_proposed",
            OrderEmail::LinesCancelled => "lines_cancelled",
            // The same facts as a cancellation of lines, worded for the cause (`o.event.kind`).
            OrderEmail::SubstitutionLapsed => "lines_cancelled",
            OrderEmail::ReturnRequested => "return_requested",
            OrderEmail::PaymentExpired => "payment_expired",
            OrderEmail::NotCollected => "not_collected",
        }
    }
}

/// The templates a kind of email is rendered from; each is registered as `{name}.html` and
/// `{name}.txt` (except the layouts and macros, which differ per format).
const TEMPLATES: &[(&str, &str)] = &[
    ("summary", include_str!("../../emails/summary.j2")),
    ("sellers", include_str!("../../emails/sellers.j2")),
    ("confirmation", include_str!("../../emails/confirmation.j2")),
    ("payment_received", include_str!("../../emails/payment_received.j2")),
    ("payment_declined", include_str!("../../emails/payment_declined.j2")),
    ("seller_confirmed", include_str!("../../emails/seller_confirmed.j2")),
    ("shipped", include_str!("../../emails/shipped.j2")),
    ("ready_for_pickup", include_str!("../../emails/ready_for_pickup.j2")),
    ("delivered", include_str!("../../emails/delivered.j2")),
    ("cancelled", include_str!("../../emails/cancelled.j2")),
    ("refunded", include_str!("../../emails/refunded.j2")),
    ("substitution_proposed", include_str!("../../emails/substitution_proposed.j2")),
    ("event_lines", include_str!("../../emails/event_lines.j2")),
    ("lines_cancelled", include_str!("../../emails/lines_cancelled.j2")),
    ("return_requested", include_str!("../../emails/return_requested.j2")),
    ("payment_expired", include_str!("../../emails/payment_expired.j2")),
    ("not_collected", include_str!("../../emails/not_collected.j2")),
    ("contact_to_seller", include_str!("../../emails/contact_to_seller.j2")),
    ("contact_acknowledgement", include_str!("../../emails/contact_acknowledgement.j2")),
    ("verification", include_str!("../../emails/verification.j2")),
];

/// Each language's words (`emails/locales/{lang}.json`).
pub const STRINGS: &[(Locale, &str)] = &[
    (Locale::En, include_str!("../../emails/locales/en.json")),
    (Locale::Ru, include_str!("../../emails/locales/ru.json")),
    (Locale::Uk, include_str!("../../emails/locales/uk.json")),
    (Locale::Sk, include_str!("../../emails/locales/sk.json")),
];

static WORDS: LazyLock<HashMap<Locale, BTreeMap<String, String>>> = LazyLock::new(|| {
    STRINGS
        .iter()
        .map(|(locale, json)| (*locale, serde_json::from_str(json).unwrap_or_else(|e| panic!("emails/locales/{}.json: {e}", locale.tag()))))
        .collect()
});

static TEMPLATE_ENV: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    let fixed = [
        ("layout.html", include_str!("../../emails/layout.html")),
        ("layout.txt", include_str!("../../emails/layout.txt")),
        ("macros.html", include_str!("../../emails/macros.html")),
        ("macros.txt", include_str!("../../emails/macros.txt")),
    ];
    for (name, source) in fixed {
        env.add_template(name, source).unwrap_or_else(|e| panic!("emails/{name}: {e}"));
    }
    for (name, source) in TEMPLATES {
        for format in ["html", "txt"] {
            env.add_template_owned(format!("{name}.{format}"), *source).unwrap_or_else(|e| panic!("emails/{name}.j2: {e}"));
        }
    }
    // `.html` templates escape everything they insert; `.txt` ones insert text as it is.
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    env.add_function("t", translate);
    env.add_function("tp", translate_plural);
    env
});

fn words_of(state: &State) -> Result<(Locale, &'static BTreeMap<String, String>), Error> {
    let tag = state.lookup("locale").and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default();
    let locale = Locale::from_tag(&tag).unwrap_or(Locale::En);
    let words = WORDS.get(&locale).ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "no words for the language"))?;
    Ok((locale, words))
}

/// Puts the named values into `{name}` placeholders.
fn fill(text: &str, kwargs: &Kwargs, n: Option<i64>) -> Result<String, Error> {
    let mut out = text.to_owned();
    for key in kwargs.args() {
        let value: Value = kwargs.get(key)?;
        let shown = if value.is_none() || value.is_undefined() { String::new() } else { value.to_string() };
        out = out.replace(&format!("{{{key}}}"), &shown);
    }
    if let Some(n) = n {
        out = out.replace("{n}", &n.to_string());
    }
    Ok(out)
}

/// `t("key", name=value, …)`: the language's words for `key`, placeholders filled.
fn translate(state: &State, key: &str, kwargs: Kwargs) -> Result<String, Error> {
    let (locale, words) = words_of(state)?;
    let text = words
        .get(key)
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("emails/locales/{}.json has no {key}", locale.tag())))?;
    fill(text, &kwargs, None)
}

/// `tp("key", n, …)`: the plural form of `key` the language uses for `n` (`key.one`, `key.few`,
/// `key.many`, `key.other`, chosen by the CLDR plural rules).
fn translate_plural(state: &State, key: &str, n: i64, kwargs: Kwargs) -> Result<String, Error> {
    let (locale, words) = words_of(state)?;
    let category = plural_category(locale, n);
    let text = words
        .get(&format!("{key}.{category}"))
        .or_else(|| words.get(&format!("{key}.other")))
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("emails/locales/{}.json has no {key}.other", locale.tag())))?;
    fill(text, &kwargs, Some(n))
}

/// The CLDR plural category of `n` in `locale` (`one`, `few`, `many` or `other`).
pub fn plural_category(locale: Locale, n: i64) -> &'static str {
    use icu::plurals::{PluralCategory, PluralRules};
    let Ok(tag) = icu::locale::Locale::try_from_str(locale.tag()) else { return "other" };
    let Ok(rules) = PluralRules::try_new_cardinal((&tag).into()) else { return "other" };
    match rules.category_for(n) {
        PluralCategory::Zero => "zero",
        PluralCategory::One => "one",
        PluralCategory::Two => "two",
        PluralCategory::Few => "few",
        PluralCategory::Many => "many",
        PluralCategory::Other => "other",
    }
}

/// An email's subject and both bodies.
#[derive(Debug, Clone)]
pub struct Rendered {
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// Renders `template` in `locale` with `data` under the name `var` (`o`, `c`, `v`).
pub fn render(template: &str, locale: Locale, site: &Site, var: &str, data: &serde_json::Value) -> Result<Rendered, Error> {
    let mut out = Vec::new();
    let mut subject = String::new();
    for format in ["txt", "html"] {
        let mut map: BTreeMap<String, Value> = BTreeMap::new();
        map.insert("format".to_owned(), Value::from(format));
        map.insert("locale".to_owned(), Value::from(locale.tag()));
        map.insert("site".to_owned(), Value::from(minijinja::value::Serde(site.context())));
        map.insert(var.to_owned(), Value::from(minijinja::value::Serde(data)));
        let captured = TEMPLATE_ENV.get_template(&format!("{template}.{format}"))?.render_captured(Value::from(map))?;
        if format == "txt" {
            subject = captured.state().lookup("subject").map(|v| v.to_string()).unwrap_or_default();
        }
        out.push(tidy(captured.output(), format == "txt"));
    }
    let html = out.pop().unwrap_or_default();
    let text = out.pop().unwrap_or_default();
    Ok(Rendered { subject: subject.trim().to_owned(), text, html })
}

/// Template whitespace aside: no trailing spaces, at most one empty line in a row.
fn tidy(body: &str, text: bool) -> String {
    let mut out = String::new();
    let mut empty = 0;
    for line in body.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            empty += 1;
            if empty > 1 || out.is_empty() {
                continue;
            }
        } else {
            empty = 0;
        }
        out.push_str(if text { line } else { line.trim_start() });
        out.push('\n');
    }
    out
}

fn render_error(e: Error) -> ApiError {
    ApiError::internal(format!("email template: {e:#}"))
}

/// Money, dates and the rest of an order, written for the shopper's language.
fn order_data(
    tx: &Transaction<'_>,
    site: &Site,
    order: &Order,
    (email, seq): (OrderEmail, usize),
    intl: &Intl,
    now: UnixSeconds,
) -> ApiResult<serde_json::Value> {
    let number: i64 = order.number.parse().map_err(ApiError::internal)?;
    let token = orders::issue_token(tx, number, now)?;
    let url = site.link(&Page::Order { number: order.number.clone(), token });
    let money = |m: &vitrina_core::Money| intl.money(m);
    let t = &order.totals;
    let paid = order.payment.status;
    let payment = match (order.payment.kind, paid) {
        (_, PaymentStatus::Refunded) => "refunded",
        (_, PaymentStatus::Paid) => "paid",
        (PaymentKind::CardOnline, PaymentStatus::Declined) => "declined",
        (PaymentKind::CardOnline, _) => "awaiting",
        (PaymentKind::CashOnDelivery, _) => "cash",
        (PaymentKind::CardOnDelivery, _) => "card_on_delivery",
        _ => "other",
    };
    let basis = match paid {
        PaymentStatus::Paid => "paid",
        PaymentStatus::Refunded => "refunded",
        PaymentStatus::PayOnDelivery => "on_delivery",
        _ => "due",
    };
    let address = |a: &vitrina_core::api::Address| {
        [a.line.as_str(), a.city.as_str(), a.region.as_str(), a.postcode.as_str()]
            .into_iter()
            .filter(|s| !s.trim().is_empty())
            .map(str::to_owned)
            .chain([intl.country(&a.country)])
            .collect::<Vec<_>>()
            .join(", ")
    };
    let d = &order.delivery;
    let point =
        d.pickup_point.as_ref().map(|p| json!({ "name": p.name, "address": p.address, "hours": p.opening_hours, "days": p.storage_days }));
    let pickup_kind = matches!(d.kind, DeliveryKind::PickupPoint | DeliveryKind::ParcelLocker);
    let sellers: Vec<_> = order
        .sellers
        .iter()
        .map(|s| {
            let context = vitrina_core::api::MessageContext { order: Some(order.number.clone()), shipment: None };
            json!({ "name": s.name, "url": site.link(&Page::SellerContact { seller_id: s.id.clone(), context }) })
        })
        .collect();
    let tracking: Vec<_> = order
        .shipments
        .iter()
        .map(|s| json!({ "number": s.tracking_number, "url": site.link(&Page::Tracking { number: s.tracking_number.clone() }) }))
        .collect();
    // A day of the store's calendar, in its time zone at that moment.
    let store_date =
        |at: UnixSeconds| Date::from_days_since_epoch((at + i64::from(site.store.utc_offset_minutes(at)) * 60).div_euclid(86_400));
    let store_time = |at: UnixSeconds| time_in_zone(intl.locale(), at, site.store.time_zone);
    let stored = orders::state(tx, number)?.ok_or_else(|| ApiError::not_found("No such order."))?;
    // The last day to collect, counted from when the parcel reached the point.
    let last_day = || -> ApiResult<Option<String>> {
        let ready_at = match stored.ready_at {
            Some(at) => Some(at),
            None => orders::event_at(tx, number, "with_courier")?,
        };
        let days = d.pickup_point.as_ref().map_or(0, |p| p.storage_days);
        Ok(ready_at.map(|at| intl.date(vitrina_core::order::collect_by(at, days, site.store.utc_offset_minutes(at)))))
    };
    // The code is made when the parcel is ready, and only then sent.
    let pickup = if email == OrderEmail::ReadyForPickup {
        json!({ "code": orders::pickup_code(tx, number)?, "last_day": last_day()? })
    } else {
        serde_json::Value::Null
    };
    let delivered_on = orders::event_at(tx, number, "received")?.map(|at| intl.date(store_date(at)));
    let return_until = order
        .cancellation
        .until
        .as_deref()
        .filter(|_| order.cancellation.allowed && order.status == OrderStatus::Received)
        .and_then(vitrina_core::civil::parse_rfc3339)
        .map(|(at, _)| intl.date(store_date(at)));
    let event = event_data(order, seq, intl, &store_time, last_day()?, stored.pay_by.map(&store_time));
    Ok(json!({
        "number": order.number,
        "name": order.customer.name,
        "url": url,
        "items": order.lines.iter().map(|l| json!({
            "name": l.name, "variant": l.variant_label, "sku": l.sku, "quantity": l.quantity,
            "unit_price": money(&l.unit_price), "line_total": money(&l.line_total),
        })).collect::<Vec<_>>(),
        "totals": {
            "items": money(&t.items),
            "delivery": t.delivery.as_ref().map(money),
            "discount": (!t.discount.is_zero()).then(|| money(&t.discount)),
            "promo": order.promo_code,
            "total": money(&t.total),
            "basis": basis,
            "vat": money(&t.vat_included),
            "vat_rate": t.vat_rate_percent,
        },
        "payment": payment,
        "payment_name": policy::payment_words(order.payment.kind, intl.locale().tag()).0,
        "delivery": {
            "service": d.service_level, "carrier": d.carrier,
            "dispatch": intl.date(d.dispatch_date), "earliest": intl.date(d.earliest), "latest": intl.date(d.latest),
            "day": d.date.map(|day| intl.date(day)), "window": d.time_window,
            "point": point, "code_by_email": pickup_kind, "locker": d.kind == DeliveryKind::ParcelLocker,
        },
        "recipient": { "name": order.recipient.name, "phone": order.recipient.phone },
        "address": address(&order.delivery_address),
        "billing_address": address(&order.billing_address),
        "sellers": sellers,
        "seller_names": order.sellers.iter().map(|s| s.name.as_str()).collect::<Vec<_>>().join(", "),
        "tracking": tracking,
        "pickup": pickup,
        "delivered_on": delivered_on,
        "return_until": return_until,
        "confirm_hours": order.seller_confirms_within_hours,
        "event": event,
    }))
}

/// What the event at `seq` is about, for the emails that tell of one step: its lines (name,
/// variant, quantity), the money refunded with it, whether the delivery fee was kept, a
/// substitution proposed for its line, the deadline it followed.
fn event_data(
    order: &Order,
    seq: usize,
    intl: &Intl,
    store_time: &dyn Fn(UnixSeconds) -> String,
    last_day: Option<String>,
    pay_by: Option<String>,
) -> serde_json::Value {
    let Some(event) = order.history.get(seq) else { return serde_json::Value::Null };
    let line_of = |id: &str| order.lines.iter().find(|l| l.id == id);
    let lines: Vec<_> = event
        .lines
        .iter()
        .map(|about| {
            let line = line_of(&about.line_id);
            json!({
                "name": line.map_or(about.line_id.as_str(), |l| l.name.as_str()),
                "variant": line.map_or("", |l| l.variant_label.as_str()),
                "quantity": about.quantity,
            })
        })
        .collect();
    let fee_retained =
        order.refunds.iter().any(|r| r.at == event.at && r.delivery_fee == Some(vitrina_core::api::DeliveryFeeOutcome::Retained));
    let proposal = (event.kind == OrderEventKind::SubstitutionProposed)
        .then(|| event.lines.first().and_then(|about| line_of(&about.line_id)))
        .flatten()
        .and_then(|line| Some((line, line.substitution.as_ref()?)))
        // Answered before this email was written: there is nothing left to ask.
        .filter(|(_, s)| s.status == vitrina_core::api::SubstitutionStatus::Proposed)
        .map(|(line, s)| {
            let difference = match s.price_difference.amount_minor.signum() {
                1 => "more",
                -1 => "less",
                _ => "same",
            };
            let magnitude = vitrina_core::Money { amount_minor: s.price_difference.amount_minor.abs(), ..s.price_difference.clone() };
            json!({
                "name": line.name, "variant": line.variant_label, "quantity": s.quantity,
                "kind": crate::store::enums::to_text(&s.kind),
                "substitute": s.substitute.as_ref().map(|i| json!({ "name": i.name, "variant": i.variant_label, "price": intl.money(&i.unit_price) })),
                "difference": difference, "amount": intl.money(&magnitude),
                "answer_by": vitrina_core::civil::parse_rfc3339(&s.answer_by).map(|(at, _)| store_time(at)),
                "if_unanswered": crate::store::enums::to_text(&s.if_unanswered),
            })
        });
    json!({
        "kind": crate::store::enums::to_text(&event.kind),
        "lines": lines,
        "refund": refund_with(order, seq).map(|m| intl.money(m)),
        "fee_retained": fee_retained,
        "carrier_returns": order.history[step_of(order, seq)].iter().any(|e| e.kind == OrderEventKind::ReturnToSender),
        "proposal": proposal,
        "last_day": last_day,
        "pay_by": pay_by,
    })
}

/// Writes `email` about the event at `seq` of `order` (as it stands now), to the shopper, in the order's language.
pub fn order_email(
    tx: &Transaction<'_>,
    site: &Site,
    order: &Order,
    (email, seq): (OrderEmail, usize),
    now: UnixSeconds,
) -> ApiResult<Email> {
    let locale = crate::intl::stored(Some(&order.locale));
    let intl = Intl::new(locale);
    let data = order_data(tx, site, order, (email, seq), &intl, now)?;
    let rendered = render(email.template(), locale, site, "o", &data).map_err(render_error)?;
    Ok(Email {
        from: site.orders_address(),
        to: Party::new(&order.customer.name, &order.email),
        reply_to: None,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
        language: locale.tag().to_owned(),
    })
}

/// "within 4 hours", "within 2 working days", in `locale`.
pub fn within(locale: Locale, hours: u32) -> String {
    let (key, n) = if hours >= 24 && hours.is_multiple_of(24) { ("within.days", hours / 24) } else { ("within.hours", hours) };
    let words = &WORDS[&locale];
    let category = plural_category(locale, i64::from(n));
    words
        .get(&format!("{key}.{category}"))
        .or_else(|| words.get(&format!("{key}.other")))
        .map(|t| t.replace("{n}", &n.to_string()))
        .unwrap_or_default()
}

/// A moment in a seller's zone, in words of `locale`: "Monday, November 30, 2026, 18:00 (Europe/Bratislava time)".
pub fn time_in_zone(locale: Locale, at: UnixSeconds, zone: &str) -> String {
    let offset = crate::tz::TzDatabase.offset_minutes(zone, at).unwrap_or(0);
    let local = at + i64::from(offset) * 60;
    let date = Date::from_days_since_epoch(local.div_euclid(86_400));
    let minutes = (local.rem_euclid(86_400) / 60) as u32;
    let time = Intl::new(locale).date_time(date, minutes);
    WORDS[&locale].get("time.in_zone").map(|t| t.replace("{time}", &time).replace("{zone}", zone)).unwrap_or(time)
}

#[allow(clippy::too_many_arguments)]
/// Renders a contact or account email from `data` (under `var`) in `locale`, from `from` to `to`.
pub fn simple_email(
    template: &str,
    locale: Locale,
    site: &Site,
    var: &str,
    data: &serde_json::Value,
    from: Party,
    to: Party,
    reply_to: Option<Party>,
) -> ApiResult<Email> {
    let rendered = render(template, locale, site, var, data).map_err(render_error)?;
    Ok(Email { from, to, reply_to, subject: rendered.subject, text: rendered.text, html: rendered.html, language: locale.tag().to_owned() })
}

use vitrina_core::contact::TimeZones as _;
