//! Who the seller is and when they can be reached, as the contact page and the editor's preview
//! show it (the compact card leaves this to the page).

use super::widget::{Layout, response_time_words};
use crate::i18n::I18n;
use crate::ui::intl::{format_date, viewer_time_zone, weekday_name};
use leptos::prelude::*;
use vitrina_core::api::{SellerContact, TimeRange};
use vitrina_core::civil::Weekday;
use vitrina_core::contact::schedule::{Span, format_time, weekday_key};

/// A day's ranges in words ("09:00–13:00, 14:00–18:00", "closed").
fn ranges_text(i18n: &I18n, ranges: &[TimeRange]) -> String {
    let parts: Vec<String> = ranges
        .iter()
        .filter_map(|r| Span::of(r).ok())
        .map(|s| {
            let text = format!("{}–{}", format_time(s.start), format_time(s.end % (24 * 60)));
            if s.end > 24 * 60 { i18n.tf("contact.hours.overnight", &[("range", &text)]) } else { text }
        })
        .collect();
    if parts.is_empty() { i18n.t("contact.hours.closed") } else { parts.join(", ") }
}

/// The seller's name, company, tax ID, site, messengers and reply time; the weekly hours and
/// special dates in the seller's zone; and the viewer's own zone.
pub(super) fn identity_view(i18n: &I18n, c: &SellerContact, layout: Layout) -> impl IntoView + use<> {
    let i18n = *i18n;
    let id = c.identity.clone();
    let name = match (id.full_name.trim(), id.nickname.trim()) {
        ("", "") => None,
        (full, "") => Some(full.to_owned()),
        ("", nick) => Some(nick.to_owned()),
        (full, nick) => Some(format!("{full} ({nick})")),
    };
    let row = |key: &'static str, value: Option<String>| {
        value.filter(|v| !v.trim().is_empty()).map(|v| {
            view! { <div class="contact-facts__row"><dt>{move || i18n.t(key)}</dt><dd>{v}</dd></div> }
        })
    };
    let messengers: Vec<&str> = c.messengers_used.iter().map(|k| k.name()).filter(|n| !n.is_empty()).collect();
    let website = (!id.website.trim().is_empty()).then(|| {
        let site = id.website.trim().to_owned();
        let href = if site.starts_with("https://") || site.starts_with("http://") { site.clone() } else { String::new() };
        view! {
            <div class="contact-facts__row"><dt>{i18n.text("contact.identity.website")}</dt>
                <dd>{if href.is_empty() || layout == Layout::Preview { view! { <span>{site}</span> }.into_any() } else { view! { <a href=href rel="noopener">{site}</a> }.into_any() }}</dd>
            </div>
        }
    });
    let response = response_time_words(&i18n, c.response_time_hours);
    let hours = c.hours.clone();
    let hours_rows = Weekday::ALL
        .into_iter()
        .map(|day| {
            let ranges = hours.day(day).clone();
            view! {
                <div class="contact-facts__row" data-day=weekday_key(day)>
                    <dt>{move || weekday_name(day, i18n.get())}</dt>
                    <dd>{move || ranges_text(&i18n, &ranges)}</dd>
                </div>
            }
        })
        .collect_view();
    let overrides = c.overrides.clone();
    let has_hours = !c.hours.is_empty();
    let zone = c.time_zone.clone();
    let heading = move |key: &'static str| match layout {
        Layout::Preview => view! { <h3>{move || i18n.t(key)}</h3> }.into_any(),
        _ => view! { <h2>{move || i18n.t(key)}</h2> }.into_any(),
    };
    view! {
        {heading("contact.identity.title")}
        <dl class="contact-facts" data-testid="contact-identity">
            {row("contact.identity.name", name)}
            {row("contact.identity.company", Some(id.legal_entity.clone()))}
            {row("contact.identity.tax_id", Some(id.tax_id.clone()))}
            {website}
            {row("contact.identity.messengers", Some(messengers.join(", ")))}
            <div class="contact-facts__row"><dt>{i18n.text("contact.identity.response_time")}</dt>
                <dd>{move || i18n.tf("contact.identity.replies", &[("within", &response)])}</dd></div>
        </dl>
        {has_hours.then(|| view! {
            {heading("contact.hours.title")}
            <p class="muted">{move || i18n.tf("contact.hours.zone", &[("zone", &zone)])}</p>
            <dl class="contact-facts contact-hours" data-testid="contact-hours">{hours_rows}</dl>
        })}
        {(!overrides.is_empty()).then(|| view! {
            <p class="contact-hours__special"><strong>{i18n.text("contact.hours.special")}</strong></p>
            <ul class="contact-hours__overrides">
                {overrides.into_iter().map(|o| {
                    let date = o.date.clone();
                    let note = o.note.clone();
                    let ranges = o.ranges.clone();
                    view! { <li>{move || format_date(&date, i18n.get(), "medium")} {(!note.is_empty()).then(|| format!(" ({note})"))} ": " {move || ranges_text(&i18n, &ranges)}</li> }
                }).collect_view()}
            </ul>
        })}
        <p class="muted contact-card__viewer-zone">{move || i18n.tf("contact.your_zone", &[("zone", &viewer_time_zone())])}</p>
    }
}
