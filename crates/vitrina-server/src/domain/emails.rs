//! The emails the store sends, written to the outbox.
//!
//! The order confirmation follows seed 002 (l.691–807, what a confirmation must contain): the
//! order number in the subject and at the top, thanks by name, the items with quantities and
//! prices, the totals, delivery and payment, the addresses, and how to reach the seller.
//!
//! A message through the contact form makes two: the message to the seller, ready for the answer,
//! and the automatic acknowledgement to the sender (seeds 001 and 003).

use crate::outbox::{self, Email, escape_html};
use crate::tz::TzDatabase;
use vitrina_core::api::{Account, ContactSettings, DeliveryKind, Order, PaymentKind, PaymentStatus};
use vitrina_core::civil::{UnixSeconds, format_rfc3339_with_offset};
use vitrina_core::contact::rules::CheckedMessage;
use vitrina_core::contact::view::{away_notice, reply_expected_by};
use vitrina_core::contact::{TimeZones, signature};

fn payment_words(order: &Order) -> &'static str {
    match (order.payment.kind, order.payment.status) {
        (_, PaymentStatus::Paid) => "Paid by card",
        (PaymentKind::CardOnline, PaymentStatus::Declined) => "Card payment declined: you can pay again from the order page",
        (PaymentKind::CardOnline, _) => "Card payment awaited",
        (PaymentKind::CashOnDelivery, _) => "Cash on delivery",
        (PaymentKind::CardOnDelivery, _) => "Card on delivery (courier's terminal)",
        _ => "As agreed",
    }
}

fn delivery_words(order: &Order) -> String {
    let d = &order.delivery;
    let mut text = format!("{} ({}), expected {} – {}", d.service_level, d.carrier, d.earliest, d.latest);
    if let (Some(date), Some(window)) = (d.date, &d.time_window) {
        text.push_str(&format!("; chosen day {date}, {window}"));
    }
    if let Some(p) = &d.pickup_point {
        text.push_str(&format!("\nCollect at: {}, {} ({}); kept for {} days", p.name, p.address, p.opening_hours, p.storage_days));
        if matches!(d.kind, DeliveryKind::PickupPoint | DeliveryKind::ParcelLocker) {
            text.push_str("\nYour pickup code arrives by SMS and email when the parcel is ready. It is your signature: do not share it.");
        }
    }
    text
}

/// "Order 1042 confirmed — Store", to the shopper, with links to the order page and the seller.
pub fn order_confirmation(order: &Order, store: &str, order_url: &str, public_url: &str) -> Email {
    let a = &order.delivery_address;
    let region = if a.region.is_empty() { String::new() } else { format!("{}, ", a.region) };
    let address = format!("{}, {}, {region}{} {}", a.line, a.city, a.postcode, a.country);
    let items: Vec<String> = order
        .lines
        .iter()
        .map(|l| {
            let variant = if l.variant_label.is_empty() { String::new() } else { format!(" ({})", l.variant_label) };
            format!("{}{} — SKU {} — {} × {} = {}", l.name, variant, l.sku, l.quantity, l.unit_price, l.line_total)
        })
        .collect();
    let t = &order.totals;
    let mut totals = vec![format!("Items: {}", t.items)];
    if let Some(d) = &t.delivery {
        totals.push(format!("Delivery: {d}"));
    }
    if !t.discount.is_zero() {
        totals.push(format!("Discount{}: -{}", order.promo_code.as_ref().map(|c| format!(" ({c})")).unwrap_or_default(), t.discount));
    }
    totals.push(format!("Total: {} (including VAT {}%: {})", t.total, t.vat_rate_percent, t.vat_included));
    let sellers: Vec<(String, String)> = order
        .sellers
        .iter()
        .map(|s| (s.name.clone(), format!("{}/sellers/{}/contact?order={}", public_url.trim_end_matches('/'), s.id, order.number)))
        .collect();
    let payment = payment_words(order);
    let delivery = delivery_words(order);

    let mut text = format!(
        "Order {number}\n\nThank you, {name}! We have received your order {number}.\n\nSee it at any time: {order_url}\n\n\
         ITEMS\n{items}\n\nTOTALS\n{totals}\n\nPAYMENT\n{payment}\n\nDELIVERY\n{delivery}\nTo: {recipient}, {phone}\nAddress: {address}\nBilling address: {address}\n\n\
         WHAT HAPPENS NEXT\nThe seller confirms the order, usually within {hours} hours; we will write when it is on its way.\n\n\
         QUESTIONS ABOUT THIS ORDER\n",
        number = order.number,
        name = order.customer.name,
        items = items.join("\n"),
        totals = totals.join("\n"),
        recipient = order.recipient.name,
        phone = order.recipient.phone,
        hours = order.seller_confirms_within_hours,
    );
    for (name, url) in &sellers {
        text.push_str(&format!("Write to {name}: {url}\n"));
    }
    text.push_str(&format!("\n{store}\n"));

    let li = |rows: &[String]| rows.iter().map(|r| format!("<li>{}</li>", escape_html(r))).collect::<String>();
    let seller_links: String = sellers
        .iter()
        .map(|(name, url)| format!(r#"<li><a href="{}">Write to {}</a></li>"#, escape_html(url), escape_html(name)))
        .collect();
    let html = format!(
        r#"<!doctype html><html><body style="font-family:sans-serif;color:#1d1d1f">
<h1 style="font-size:22px">Order {number}</h1>
<p>Thank you, {name}! We have received your order <strong>{number}</strong>.</p>
<p><a href="{order_url}">See your order</a></p>
<h2 style="font-size:18px">Items</h2><ul>{items}</ul>
<h2 style="font-size:18px">Totals</h2><ul>{totals}</ul>
<h2 style="font-size:18px">Payment</h2><p>{payment}</p>
<h2 style="font-size:18px">Delivery</h2><p>{delivery}</p><p>To: {recipient}, {phone}<br>Address: {address}<br>Billing address: {address}</p>
<h2 style="font-size:18px">What happens next</h2><p>The seller confirms the order, usually within {hours} hours; we will write when it is on its way.</p>
<h2 style="font-size:18px">Questions about this order</h2><ul>{seller_links}</ul>
<p>{store}</p></body></html>"#,
        number = escape_html(&order.number),
        name = escape_html(&order.customer.name),
        order_url = escape_html(order_url),
        items = li(&items),
        totals = li(&totals),
        payment = escape_html(payment),
        delivery = escape_html(&delivery).replace('\n', "<br>"),
        recipient = escape_html(&order.recipient.name),
        phone = escape_html(&order.recipient.phone),
        address = escape_html(&address),
        hours = order.seller_confirms_within_hours,
        store = escape_html(store),
    );
    Email {
        from: format!("{store} <orders@vitrina.localhost>"),
        to: format!("{} <{}>", order.customer.name, order.email),
        reply_to: None,
        subject: format!("Order {} confirmed — {store}", order.number),
        text,
        html,
    }
}

/// The message to the seller and the acknowledgement to the sender, for a message through the
/// contact form received at `now`.
pub fn contact_message(
    seller_name: &str,
    settings: &ContactSettings,
    message: &CheckedMessage,
    account: Option<&Account>,
    store_name: &str,
    now: UnixSeconds,
) -> (Email, Email) {
    let expected = reply_expected_by(settings, now, &TzDatabase);
    let away = away_notice(settings, now, &TzDatabase);
    let signature = signature::effective(settings, seller_name);
    let framed = signature::framed(&signature);
    let zone = settings.time_zone.as_str();
    let mut about = String::new();
    if let Some(order) = &message.context.order {
        about.push_str(&format!("About order: {order}\n"));
    }
    if let Some(shipment) = &message.context.shipment {
        about.push_str(&format!("About shipment: {shipment}\n"));
    }
    let sender_line = match account {
        Some(a) if a.email_verified => format!("{} (signed in, email verified)", message.reply_to),
        Some(_) => format!("{} (signed in, email not verified)", message.reply_to),
        None => format!("{} (not signed in)", message.reply_to),
    };

    // To the seller: the message, with the reply address and the seller's own signature, ready
    // for the answer (seeds 001 and 003: "RE:" subject, quote the question, full signature).
    let to_seller_text = format!(
        "A customer wrote to {seller} through the contact form of {store_name}.\n\n\
         From: {sender_line}\nSubject: {subject}\n{about}Received: {received}\n\n{body}\n\n\
         Reply to this email to answer: the reply goes to {reply_to}. Keep \"RE: {subject}\" as the subject,\n\
         quote the question, and sign with your signature:\n\n{framed}\n\n\
         The customer was told to expect a reply {within}, by {expected}.\n",
        seller = seller_name,
        subject = message.subject,
        received = human_time(now, zone),
        body = message.message,
        reply_to = message.reply_to,
        within = within(settings.response_time_hours),
        expected = human_time(expected, zone),
    );
    let to_seller = Email {
        from: format!("{store_name} contact form <contact@vitrina.localhost>"),
        to: format!("{} <{}>", seller_name, settings.email.address.trim()),
        reply_to: Some(message.reply_to.clone()),
        subject: message.subject.clone(),
        html: html_paragraphs(&to_seller_text),
        text: to_seller_text,
    };

    // To the shopper: the automatic acknowledgement (seed 003), signed by the seller.
    let away_text = away
        .as_ref()
        .map(|a| {
            let note = if a.note.is_empty() { String::new() } else { format!(" {}", a.note) };
            format!("{} is away until {}.{note} The reply will come after the return.\n\n", seller_name, a.until)
        })
        .unwrap_or_default();
    let ack_text = format!(
        "Hello,\n\nyour message \"{subject}\" to {seller} has arrived.\n\n{away_text}\
         {seller} usually replies {within}: expect an answer by {expected}.\n\nYour message:\n{quoted}\n{framed}\n",
        subject = message.subject,
        seller = seller_name,
        within = within(settings.response_time_hours),
        expected = human_time(expected, zone),
        quoted = quote(&message.message),
    );
    let ack = Email {
        from: format!("{} via {store_name} <contact@vitrina.localhost>", seller_name),
        to: message.reply_to.clone(),
        reply_to: None,
        subject: format!("RE: {}", message.subject),
        html: html_paragraphs(&ack_text),
        text: ack_text,
    };
    (to_seller, ack)
}

/// A time a person reads in an email: the seller's wall clock with its offset.
fn human_time(at: UnixSeconds, zone: &str) -> String {
    let offset = TzDatabase.offset_minutes(zone, at).unwrap_or(0);
    let text = format_rfc3339_with_offset(at, offset);
    // `2026-11-24T10:00:00+01:00` → `2026-11-24 10:00 (UTC+01:00, Europe/Bratislava)`.
    let (date, rest) = text.split_once('T').unwrap_or((&text, ""));
    let time = rest.get(..5).unwrap_or(rest);
    let sign = if offset < 0 { '-' } else { '+' };
    let abs = offset.unsigned_abs();
    format!("{date} {time} (UTC{sign}{:02}:{:02}, {zone})", abs / 60, abs % 60)
}

fn within(hours: u32) -> String {
    match hours {
        1 => "within an hour".to_owned(),
        h if h % 24 == 0 && h > 24 => format!("within {} days", h / 24),
        24 => "within a day".to_owned(),
        h => format!("within {h} hours"),
    }
}

fn quote(text: &str) -> String {
    text.lines().map(|l| format!("> {l}\n")).collect()
}

fn html_paragraphs(text: &str) -> String {
    text.split("\n\n").map(|p| format!("<p>{}</p>", outbox::escape_html(p).replace('\n', "<br>"))).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_in_emails_name_their_zone() {
        let t = vitrina_core::civil::parse_rfc3339("2026-11-24T09:00:00Z").unwrap().0;
        assert_eq!(human_time(t, "Europe/Bratislava"), "2026-11-24 10:00 (UTC+01:00, Europe/Bratislava)");
        assert_eq!(within(24), "within a day");
        assert_eq!(within(48), "within 2 days");
        assert_eq!(within(4), "within 4 hours");
    }
}
