//! The emails the store sends, written to the outbox.
//!
//! The order confirmation follows seed 002 (l.691–807, what a confirmation must contain): the
//! order number in the subject and at the top, thanks by name, the items with quantities and
//! prices, the totals, delivery and payment, the addresses, and how to reach the seller.

use crate::outbox::{Email, escape_html};
use vitrina_core::api::{DeliveryKind, Order, PaymentKind, PaymentStatus};

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
    let address = format!("{}, {}, {} {}", a.line, a.city, a.postcode, a.country);
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
