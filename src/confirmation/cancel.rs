//! Cancelling an order from its page: at once before handover (refund by the original method),
//! as a return request after receipt until the end of the 7th day, or why not.

use super::order_page::OrderContext;
use super::sections::{ctx, with_order};
use crate::api::{Api, ApiError};
use crate::i18n::use_i18n;
use crate::ui::ErrorNotice;
use crate::ui::intl::format_date_time;
use leptos::prelude::*;
use vitrina_core::api::CancellationBlock;

/// Request cancellation, or why not.
#[component]
pub(crate) fn CancelOrder() -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let OrderContext { order, token } = ctx();
    let confirming = RwSignal::new(false);
    let request = Action::new_local(move |number: &String| {
        let (api, number, token) = (api.clone(), number.clone(), token.get_untracked());
        async move {
            let updated = api.request_cancellation(&number, &token).await?;
            order.try_set(Some(updated));
            confirming.try_set(false);
            Ok::<(), ApiError>(())
        }
    });
    let cancel = Callback::new(move |()| {
        if let Some(number) = order.with_untracked(|o| o.as_ref().map(|o| o.number.clone())) {
            request.clear();
            request.dispatch_local(number);
        }
    });
    let busy = move || request.pending().get();
    let failure = move || request.value().get().and_then(Result::err);
    view! {
        <section class="order-section no-print" aria-labelledby="cancel-heading">
            <h2 id="cancel-heading">{move || i18n.t("order.cancel_title")}</h2>
            {with_order(move |o| {
                let c = o.cancellation.clone();
                if c.allowed {
                    let until = c.until.map(|u| i18n.tf("order.cancel_until", &[("date", &format_date_time(&u, i18n.get(), None))]));
                    view! {
                        <p>{i18n.t("order.refund_note")} {until.map(|u| format!(" {u}"))}</p>
                        {move || if confirming.get() {
                            view! {
                                <div class="notice notice--warning" role="alert">
                                    <p>{i18n.t("order.cancel_confirm")}</p>
                                    <button type="button" class="button button--primary" disabled=busy on:click=move |_| cancel.run(())>{i18n.t("order.cancel_yes")}</button>
                                    " "
                                    <button type="button" class="button button--secondary" on:click=move |_| confirming.set(false)>{i18n.t("order.cancel_no")}</button>
                                </div>
                            }.into_any()
                        } else {
                            view! { <button type="button" class="button button--secondary" on:click=move |_| confirming.set(true)>{i18n.t("order.cancel")}</button> }.into_any()
                        }}
                    }.into_any()
                } else {
                    let reason = match c.blocked_by {
                        Some(CancellationBlock::HandedOver) => i18n.t("order.cancel_blocked.handed_over"),
                        Some(CancellationBlock::WindowClosed) => i18n.t("order.cancel_blocked.window_closed"),
                        Some(CancellationBlock::AlreadyRequested) => i18n.t("order.cancel_blocked.requested"),
                        Some(CancellationBlock::Cancelled) => i18n.t("order.cancel_blocked.cancelled"),
                        _ => i18n.t("order.cancel_blocked.unknown"),
                    };
                    view! {
                        <button type="button" class="button button--secondary" disabled=true aria-describedby="cancel-reason">{i18n.t("order.cancel")}</button>
                        <p id="cancel-reason" data-testid="cancel-reason">{reason}</p>
                    }.into_any()
                }
            })}
            {move || failure().map(|e| view! { <ErrorNotice error=e on_retry=move || cancel.run(())/> })}
        </section>
    }
}
