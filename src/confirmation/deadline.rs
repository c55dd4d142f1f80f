//! Time left until one of the backend's deadlines (the time to pay, to answer a substitution),
//! counted by the backend's clock: the order says when it was computed (`Order::as_of`) and the
//! page adds the time that has passed since it arrived, so a device whose clock is off (or a
//! backend whose clock a test has moved) still counts down right.

use super::order_page::OrderContext;
use crate::api::Api;
use leptos::prelude::*;
use leptos::task::spawn_local;
use vitrina_core::civil::{UnixSeconds, parse_rfc3339};

fn device_now() -> UnixSeconds {
    (js_sys::Date::now() / 1000.0) as UnixSeconds
}

/// The backend's "now", moving on every second while the component lives.
pub(crate) fn use_backend_clock(order: RwSignal<Option<vitrina_core::api::Order>>) -> Signal<UnixSeconds> {
    // How far the backend's clock is from the device's, taken when the order arrives.
    let skew = Memo::new(move |_| {
        order.with(|o| o.as_ref().and_then(|o| o.as_of.as_deref()).and_then(parse_rfc3339)).map(|(t, _)| t - device_now()).unwrap_or(0)
    });
    let tick = RwSignal::new(device_now());
    if let Ok(handle) = set_interval_with_handle(move || tick.set(device_now()), std::time::Duration::from_secs(1)) {
        on_cleanup(move || handle.clear());
    }
    Signal::derive(move || tick.get() + skew.get())
}

/// Seconds as a clock reads them: `29:59`, or `1:05:00` from an hour up.
pub(crate) fn clock_text(seconds: i64) -> String {
    let s = seconds.max(0);
    if s >= 3_600 { format!("{}:{:02}:{:02}", s / 3_600, s / 60 % 60, s % 60) } else { format!("{}:{:02}", s / 60, s % 60) }
}

/// Fetches the order again (its deadline has passed: the backend has applied what follows).
pub(crate) fn reload_order() {
    let OrderContext { order, token } = expect_context::<OrderContext>();
    let api = expect_context::<Api>();
    let Some(number) = order.with_untracked(|o| o.as_ref().map(|o| o.number.clone())) else { return };
    let token = token.get_untracked();
    spawn_local(async move {
        if let Ok(updated) = api.order(&number, &token).await {
            order.try_set(Some(updated));
        }
    });
}

/// The time left until `until` (RFC 3339) as a ticking clock; once it has run out the order is
/// fetched again, so the page shows what the backend did about it.
#[component]
pub(crate) fn Countdown(
    /// The deadline, RFC 3339.
    until: String,
    /// The element's test id.
    #[prop(default = "countdown")]
    test_id: &'static str,
) -> impl IntoView {
    let OrderContext { order, .. } = expect_context::<OrderContext>();
    let now = use_backend_clock(order);
    let deadline = parse_rfc3339(&until).map(|(t, _)| t);
    let left = move || deadline.map(|d| d - now.get()).unwrap_or(0);
    // Only a deadline that runs out while the page is open fetches the order again, once: one
    // already past when the order came (a backend that has not acted on it yet) must not make
    // the page ask again and again.
    let pending = StoredValue::new(deadline.is_some_and(|d| d - now.get_untracked() > 0));
    Effect::new(move |_| {
        // A second's grace: the backend has certainly passed the deadline too.
        if pending.get_value() && left() < -1 {
            pending.set_value(false);
            reload_order();
        }
    });
    // A timer, not a live region: a screen reader is not told every second.
    view! { <span class="countdown" role="timer" data-testid=test_id>{move || clock_text(left())}</span> }
}
