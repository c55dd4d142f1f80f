//! The money breakdown of a quote or an order: items, delivery, promo saving, total, VAT.

use super::MoneyText;
use crate::i18n::use_i18n;
use leptos::prelude::*;
use vitrina_core::api::Totals;

#[component]
pub fn TotalsTable(
    /// The backend's totals.
    #[prop(into)]
    totals: Signal<Totals>,
    /// The promo code behind the saving, shown beside it.
    #[prop(optional, into)]
    promo_code: Signal<Option<String>>,
    /// Label of the last line ("Total" before paying, "Total charged" after).
    #[prop(default = "totals.total")]
    total_label: &'static str,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <dl class="totals" data-testid="totals">
            <div class="totals__row">
                <dt>{i18n.text("totals.items")}</dt>
                <dd data-testid="totals-items"><MoneyText money=Signal::derive(move || totals.get().items)/></dd>
            </div>
            <div class="totals__row">
                <dt>{i18n.text("totals.delivery")}</dt>
                <dd data-testid="totals-delivery">{move || match totals.get().delivery {
                    Some(d) if d.is_zero() => i18n.t("totals.free").into_any(),
                    Some(d) => view! { <MoneyText money=d/> }.into_any(),
                    None => view! { <span class="muted">{i18n.t("totals.delivery_not_chosen")}</span> }.into_any(),
                }}</dd>
            </div>
            {move || (!totals.get().discount.is_zero()).then(|| {
                let discount = totals.get().discount;
                let negative = vitrina_core::Money { amount_minor: -discount.amount_minor, currency: discount.currency };
                view! {
                    <div class="totals__row totals__row--saving">
                        <dt>{move || match promo_code.get() {
                            Some(code) => i18n.tf("totals.promo_saving", &[("code", &code)]),
                            None => i18n.t("totals.saving"),
                        }}</dt>
                        <dd data-testid="totals-discount"><MoneyText money=negative/></dd>
                    </div>
                }
            })}
            <div class="totals__row totals__row--total">
                <dt>{move || i18n.t(total_label)}</dt>
                <dd data-testid="totals-total"><MoneyText money=Signal::derive(move || totals.get().total)/></dd>
            </div>
            <div class="totals__row totals__row--vat">
                <dt>{move || i18n.tf("totals.vat", &[("rate", &totals.get().vat_rate_percent.to_string())])}</dt>
                <dd><MoneyText money=Signal::derive(move || totals.get().vat_included)/></dd>
            </div>
        </dl>
    }
}
