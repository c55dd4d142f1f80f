//! How the parcel is handed over: the shopper's note for the courier, the identity documents the
//! courier or the point accepts (seed 002 l.246–247), and for a parcel waiting at a point the
//! last day to collect it and what happens if nobody does (seed 002, Yanina 7.2).

use crate::i18n::use_i18n;
use crate::ui::intl::format_date;
use crate::ui::words::id_document_label;
use leptos::prelude::*;
use vitrina_core::api::{OrderDelivery, OrderStatus};

/// The facts of handing the parcel over, as far as the order has them.
#[component]
pub(crate) fn HandoverFacts(
    /// The order's delivery.
    delivery: OrderDelivery,
    /// Where the order stands (the last day to collect matters while it waits at the point).
    status: OrderStatus,
) -> impl IntoView {
    let i18n = use_i18n();
    let documents: Vec<String> = delivery.id_documents.iter().map(|d| id_document_label(&i18n, *d)).collect();
    let collect_by = delivery.collect_by.filter(|_| status == OrderStatus::ReadyForPickup);
    view! {
        {delivery.note.clone().map(|note| view! {
            <dl class="facts" data-testid="courier-note">
                <dt>{i18n.t("order.courier_note")}</dt><dd>{note}</dd>
            </dl>
        })}
        {collect_by.map(|day| view! {
            <div class="notice notice--warning" data-testid="collect-by">
                <p><strong>{i18n.tf("order.collect_by", &[("date", &format_date(&day.to_string(), i18n.get(), "long"))])}</strong></p>
                <p>{i18n.t("order.collect_by.consequence")}</p>
            </div>
        })}
        {(!documents.is_empty()).then(|| view! {
            <p data-testid="id-documents">{i18n.tf("order.id_documents", &[("documents", &documents.join(", "))])}</p>
        })}
    }
}
