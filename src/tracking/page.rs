//! `/track/{number}`: the shipment, kept up to date while the page is open.
//!
//! The page asks again by itself — soon after news, less and less often while nothing changes
//! or the backend fails (`vitrina_core::tracking::next_refresh_seconds`), never while the tab is
//! hidden, and not at all once the journey is over — and says when it last heard.

use super::lookup::LookupForm;
use super::view::ShipmentView;
use crate::api::{Api, ApiError};
use crate::i18n::use_i18n;
use crate::router::use_address;
use crate::ui::intl::format_date_time;
use crate::ui::{ErrorNotice, Loading, PageHeading, SentLeads, error_text};
use leptos::prelude::*;
use leptos::task::spawn_local;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use vitrina_core::ProblemKind;
use vitrina_core::api::Shipment;
use vitrina_core::civil::format_rfc3339_utc;
use vitrina_core::routes::{Page, TRACKING_LEADS};
use vitrina_core::tracking::{next_refresh_seconds, tracking_number};
use wasm_bindgen::JsValue;

#[component]
pub fn TrackingPage() -> impl IntoView {
    let i18n = use_i18n();
    // The tracking number as the address has it (checked before it is looked up).
    let raw = use_address(|page| match page {
        Page::Tracking { number } => Some(number.clone()),
        _ => None,
    });
    view! {
        <section class="page tracking">
            <PageHeading key="track.shipment_title"/>
            {move || {
                let raw = raw.get();
                match tracking_number(&raw) {
                    Ok(number) => view! { <LiveShipment number=number/> }.into_any(),
                    Err(_) => view! {
                        <div class="notice notice--error" role="alert">
                            <p>{i18n.text("track.malformed")}</p>
                        </div>
                        <LookupForm initial=super::clip(&raw, 60)/>
                    }.into_any(),
                }
            }}
        </section>
    }
}

/// What the page knows, shared between the view and the task that keeps it fresh.
#[derive(Clone)]
struct Watcher {
    api: Api,
    number: String,
    shipment: RwSignal<Option<Arc<Shipment>>>,
    error: RwSignal<Option<ApiError>>,
    /// When the backend last answered (RFC 3339, the browser's clock).
    updated_at: RwSignal<Option<String>>,
    /// Whether the page is still looking for news by itself.
    watching: RwSignal<bool>,
    /// Bumped by "check now".
    poke: RwSignal<u32>,
    /// Ends the task's current wait (its promise's `resolve`), so "check now" is answered at once
    /// and nothing wakes the page while it waits.
    wake: StoredValue<Option<js_sys::Function>, LocalStorage>,
    /// Whether the page is still shown (the task stops when it is not).
    alive: Arc<AtomicBool>,
    /// Whether the task is running.
    running: Arc<AtomicBool>,
}

impl Watcher {
    /// Starts the task unless it is already running; if it is, asks it to look now.
    fn check_now(&self) {
        let _ = self.poke.try_update(|p| *p += 1);
        if !self.running.swap(true, Ordering::SeqCst) {
            spawn_local(self.clone().run());
        } else {
            end_wait(self.wake);
        }
    }

    async fn run(self) {
        let mut wait = None;
        loop {
            let result = self.api.shipment(&self.number).await;
            if !self.alive.load(Ordering::SeqCst) {
                break;
            }
            let (changed, is_final, keep_going) = match result {
                Ok(fresh) => {
                    let changed =
                        self.shipment.try_with_untracked(|old| old.as_ref().is_none_or(|old| journey_changed(old, &fresh))).unwrap_or(true);
                    let is_final = fresh.current.is_final;
                    let _ = self.shipment.try_set(Some(Arc::new(fresh)));
                    let _ = self.error.try_set(None);
                    let _ = self.updated_at.try_set(Some(format_rfc3339_utc((js_sys::Date::now() / 1000.0) as i64)));
                    (changed, is_final, true)
                }
                Err(e) => {
                    // A number the carrier has not reported yet may appear: keep looking, slowly.
                    let keep = e.is_transient() || e.problem_kind() == Some(ProblemKind::ShipmentNotFound);
                    let _ = self.error.try_set(Some(e));
                    (false, false, keep)
                }
            };
            wait = if keep_going { next_refresh_seconds(wait, changed, is_final) } else { None };
            let _ = self.watching.try_set(wait.is_some());
            let Some(seconds) = wait else {
                break;
            };
            if !self.sleep(seconds).await {
                break;
            }
        }
        self.running.store(false, Ordering::SeqCst);
    }

    /// Waits `seconds` of visible time, or until "check now"; false once the page is gone.
    async fn sleep(&self, seconds: u32) -> bool {
        let due = js_sys::Date::now() + f64::from(seconds) * 1000.0;
        let seen = self.poke.try_get_untracked();
        loop {
            // Until the moment comes or, past it with the page hidden, until it is shown again.
            let left = due - js_sys::Date::now();
            if !self.until_woken((left > 0.0).then_some(left)).await || !self.alive.load(Ordering::SeqCst) {
                return false;
            }
            if self.poke.try_get_untracked() != seen {
                return true;
            }
            if js_sys::Date::now() >= due && page_is_visible() {
                return true;
            }
        }
    }

    /// Waits `ms`, or without it until the page's visibility changes; either way, no longer
    /// than until "check now". Nothing runs in between. False where the page has no window or
    /// document to wait with (the watch then stops, rather than look again at once).
    async fn until_woken(&self, ms: Option<f64>) -> bool {
        let window = web_sys::window();
        let document = window.as_ref().and_then(|w| w.document());
        let mut resolver = None;
        let promise = js_sys::Promise::new(&mut |resolve: js_sys::Function, _| {
            let waiting = match (ms, &window, &document) {
                (Some(ms), Some(window), _) => {
                    window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.ceil() as i32).is_ok()
                }
                (None, _, Some(document)) => document.add_event_listener_with_callback("visibilitychange", &resolve).is_ok(),
                _ => false,
            };
            if waiting {
                resolver = Some(resolve);
            }
        });
        if resolver.is_none() {
            return false;
        }
        self.wake.try_set_value(resolver.clone());
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
        self.wake.try_set_value(None);
        if let (None, Some(document), Some(resolve)) = (ms, document, resolver) {
            let _ = document.remove_event_listener_with_callback("visibilitychange", &resolve);
        }
        true
    }
}

/// Ends the watch task's current wait, if it is waiting.
fn end_wait(wake: StoredValue<Option<js_sys::Function>, LocalStorage>) {
    if let Some(Some(wake)) = wake.try_get_value() {
        let _ = wake.call0(&JsValue::NULL);
    }
}

/// Whether anything the shopper would notice changed (not just the moment of the view).
fn journey_changed(old: &Shipment, new: &Shipment) -> bool {
    old.event_count != new.event_count || old.events.first() != new.events.first() || old.current != new.current
}

fn page_is_visible() -> bool {
    web_sys::window().and_then(|w| w.document()).map(|d| d.visibility_state() != web_sys::VisibilityState::Hidden).unwrap_or(true)
}

/// The shipment with `number`, fetched now and kept fresh.
#[component]
fn LiveShipment(number: String) -> impl IntoView {
    let i18n = use_i18n();
    let watcher = Watcher {
        api: expect_context::<Api>(),
        number: number.clone(),
        shipment: RwSignal::new(None),
        error: RwSignal::new(None),
        updated_at: RwSignal::new(None),
        watching: RwSignal::new(true),
        poke: RwSignal::new(0),
        wake: StoredValue::new_local(None),
        alive: Arc::new(AtomicBool::new(true)),
        running: Arc::new(AtomicBool::new(false)),
    };
    let (alive, wake) = (watcher.alive.clone(), watcher.wake);
    on_cleanup(move || {
        alive.store(false, Ordering::SeqCst);
        // A wait for the page to be shown again would otherwise outlive the page.
        end_wait(wake);
    });
    watcher.check_now();

    let shipment = watcher.shipment;
    let error = watcher.error;
    let has_shipment = Memo::new(move |_| shipment.with(Option::is_some));
    let current = Signal::derive(move || shipment.get().unwrap_or_default());
    let retry = {
        let w = watcher.clone();
        Callback::new(move |_| w.check_now())
    };
    let shown_number = super::clip(&number, 60);
    let sent = use_context::<SentLeads>().unwrap_or_default();
    let here = Page::Tracking { number: number.clone() };
    view! {
        {move || {
            if has_shipment.get() {
                return ().into_any();
            }
            match error.get() {
                // What the page as sent said of the carrier's latest news, until the shipment
                // has come (`TRACKING_LEADS`).
                None => view! {
                    {TRACKING_LEADS.map(|lead| sent.text(&here, lead.key, i18n.get()).map(|text| view! { <p class=lead.class>{text}</p> }))}
                    <Loading/>
                }.into_any(),
                Some(e) if e.problem_kind() == Some(ProblemKind::ShipmentNotFound) => {
                    let n = shown_number.clone();
                    view! {
                        <div class="notice notice--info not-found-yet" role="status" data-testid="not-found-yet">
                            <h2>{move || i18n.tf("track.not_found.title", &[("number", &n)])}</h2>
                            <p>{i18n.text("track.not_found.meaning")}</p>
                            <p>{i18n.text("track.not_found.what_to_do")}</p>
                        </div>
                        <LookupForm/>
                    }
                    .into_any()
                }
                Some(e) => view! { <ErrorNotice error=e on_retry=retry/> }.into_any(),
            }
        }}
        {move || has_shipment.get().then(|| view! {
            <RefreshStatus watcher=watcher.clone() on_check=retry/>
            <ShipmentView shipment=current/>
        })}
    }
}

/// "Last updated …", whether the page keeps looking, and a way to look now.
#[component]
fn RefreshStatus(watcher: Watcher, on_check: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    let updated_at = watcher.updated_at;
    let watching = watcher.watching;
    let error = watcher.error;
    let shipment = watcher.shipment;
    let is_final = move || shipment.with(|s| s.as_ref().is_some_and(|s| s.current.is_final));
    view! {
        <div class="refresh-status" data-testid="refresh-status">
            <p>
                {move || updated_at.get().map(|at| i18n.tf("track.refresh.updated", &[("time", &format_date_time(&at, i18n.get(), None))]))}
                " "
                {move || if is_final() {
                    i18n.t("track.refresh.final")
                } else if watching.get() {
                    i18n.t("track.refresh.watching")
                } else {
                    String::new()
                }}
            </p>
            {move || error.get().map(|e| view! {
                <p class="refresh-status__error" role="status">{i18n.tf("track.refresh.failed", &[("reason", &error_text(&i18n, &e))])}</p>
            })}
            <button type="button" class="button button--link" on:click=move |_| on_check.run(())>{i18n.text("track.refresh.now")}</button>
        </div>
    }
}
