//! `/seller/contact`: the seller's editor. Every setting, checked at the field by the same rules
//! the backend enforces, with a live preview of the widget as a shopper would see it — now, or at
//! a chosen moment — computed in the browser. Leaving with unsaved changes asks first, and a save
//! carries the version it started from: a save from a stale tab is refused and the editor offers
//! to reload, never overwriting silently.

use super::guard::guard_unsaved_changes;
use super::validation_text;
use super::widget::{ContactCard, Layout, response_time_words};
use super::zones::{BrowserZones, known_zones};
use crate::account::use_session;
use crate::api::{Api, ApiError};
use crate::i18n::{I18n, use_i18n};
use crate::ui::{ErrorNotice, ErrorSummary, Loading, PageHeading, SummaryEntry, TextField, error_text, focus_element};
use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::NavigateOptions;
use leptos_router::hooks::use_navigate;
use std::collections::HashSet;
use vitrina_core::api::{
    Audience, Away, ContactSettings, ContactSettingsDocument, DateOverride, EmailChannel, Identity, MessagesChannel, Messenger,
    MessengerKind, PhoneAction, PhoneChannel, PostalChannel, SaveContactSettings, TimeRange, WeeklyHours,
};
use vitrina_core::civil::{Date, UnixSeconds, Weekday, format_rfc3339_utc};
use vitrina_core::contact::rules::check_settings;
use vitrina_core::contact::schedule::{parse_time, weekday_key};
use vitrina_core::contact::signature;
use vitrina_core::contact::view::public_view;
use vitrina_core::contact::zone::from_local;
use vitrina_core::contact::{Viewer, code};
use vitrina_core::routes::Page;
use vitrina_core::{FieldError, ProblemKind};

/// The element id of a settings field path (`hours.mon.1` → `cs-hours-mon-1`).
pub fn field_id(path: &str) -> String {
    format!("cs-{}", path.replace(['.', '_'], "-"))
}

fn now_seconds() -> UnixSeconds {
    (js_sys::Date::now() / 1000.0) as UnixSeconds
}

fn next_key() -> u64 {
    thread_local!(static NEXT: std::cell::Cell<u64> = const { std::cell::Cell::new(1) });
    NEXT.with(|n| n.replace(n.get() + 1))
}

#[derive(Clone, Copy)]
struct MessengerRow {
    key: u64,
    kind: RwSignal<MessengerKind>,
    handle: RwSignal<String>,
}

#[derive(Clone, Copy)]
struct OverrideRow {
    key: u64,
    date: RwSignal<String>,
    ranges: RwSignal<Vec<TimeRange>>,
    note: RwSignal<String>,
}

/// Every setting as a signal of its own, so that typing in one field re-renders nothing else.
#[derive(Clone, Copy)]
struct Fields {
    accepts: RwSignal<bool>,
    time_zone: RwSignal<String>,
    messages_enabled: RwSignal<bool>,
    messages_audience: RwSignal<Audience>,
    messengers: RwSignal<Vec<MessengerRow>>,
    email_enabled: RwSignal<bool>,
    email_audience: RwSignal<Audience>,
    email_address: RwSignal<String>,
    email_show: RwSignal<bool>,
    email_form: RwSignal<bool>,
    phone_enabled: RwSignal<bool>,
    phone_audience: RwSignal<Audience>,
    phone_number: RwSignal<String>,
    phone_action: RwSignal<PhoneAction>,
    postal_enabled: RwSignal<bool>,
    postal_audience: RwSignal<Audience>,
    postal_address: RwSignal<String>,
    hours: [RwSignal<Vec<TimeRange>>; 7],
    overrides: RwSignal<Vec<OverrideRow>>,
    full_name: RwSignal<String>,
    nickname: RwSignal<String>,
    legal_entity: RwSignal<String>,
    tax_id: RwSignal<String>,
    website: RwSignal<String>,
    response_time: RwSignal<u32>,
    away_enabled: RwSignal<bool>,
    away_until: RwSignal<String>,
    away_note: RwSignal<String>,
    signature: RwSignal<String>,
}

impl Fields {
    fn new() -> Fields {
        let s = ContactSettings::default();
        let f = Fields {
            accepts: RwSignal::new(false),
            time_zone: RwSignal::new(String::new()),
            messages_enabled: RwSignal::new(false),
            messages_audience: RwSignal::new(Audience::Everyone),
            messengers: RwSignal::new(Vec::new()),
            email_enabled: RwSignal::new(false),
            email_audience: RwSignal::new(Audience::Everyone),
            email_address: RwSignal::new(String::new()),
            email_show: RwSignal::new(false),
            email_form: RwSignal::new(false),
            phone_enabled: RwSignal::new(false),
            phone_audience: RwSignal::new(Audience::Everyone),
            phone_number: RwSignal::new(String::new()),
            phone_action: RwSignal::new(PhoneAction::Call),
            postal_enabled: RwSignal::new(false),
            postal_audience: RwSignal::new(Audience::Everyone),
            postal_address: RwSignal::new(String::new()),
            hours: std::array::from_fn(|_| RwSignal::new(Vec::new())),
            overrides: RwSignal::new(Vec::new()),
            full_name: RwSignal::new(String::new()),
            nickname: RwSignal::new(String::new()),
            legal_entity: RwSignal::new(String::new()),
            tax_id: RwSignal::new(String::new()),
            website: RwSignal::new(String::new()),
            response_time: RwSignal::new(24),
            away_enabled: RwSignal::new(false),
            away_until: RwSignal::new(String::new()),
            away_note: RwSignal::new(String::new()),
            signature: RwSignal::new(String::new()),
        };
        f.load(&s);
        f
    }

    fn load(&self, s: &ContactSettings) {
        self.accepts.set(s.accepts_contact);
        self.time_zone.set(s.time_zone.clone());
        self.messages_enabled.set(s.messages.enabled);
        self.messages_audience.set(s.messages.audience);
        self.messengers.set(
            s.messages
                .messengers
                .iter()
                .map(|m| MessengerRow { key: next_key(), kind: RwSignal::new(m.kind), handle: RwSignal::new(m.handle.clone()) })
                .collect(),
        );
        self.email_enabled.set(s.email.enabled);
        self.email_audience.set(s.email.audience);
        self.email_address.set(s.email.address.clone());
        self.email_show.set(s.email.show_address);
        self.email_form.set(s.email.contact_form);
        self.phone_enabled.set(s.phone.enabled);
        self.phone_audience.set(s.phone.audience);
        self.phone_number.set(s.phone.number.clone());
        self.phone_action.set(s.phone.action);
        self.postal_enabled.set(s.postal.enabled);
        self.postal_audience.set(s.postal.audience);
        self.postal_address.set(s.postal.address.clone());
        for day in Weekday::ALL {
            self.hours[day.index()].set(s.hours.day(day).clone());
        }
        self.overrides.set(
            s.overrides
                .iter()
                .map(|o| OverrideRow {
                    key: next_key(),
                    date: RwSignal::new(o.date.clone()),
                    ranges: RwSignal::new(o.ranges.clone()),
                    note: RwSignal::new(o.note.clone()),
                })
                .collect(),
        );
        self.full_name.set(s.identity.full_name.clone());
        self.nickname.set(s.identity.nickname.clone());
        self.legal_entity.set(s.identity.legal_entity.clone());
        self.tax_id.set(s.identity.tax_id.clone());
        self.website.set(s.identity.website.clone());
        self.response_time.set(s.response_time_hours);
        self.away_enabled.set(s.away.enabled);
        self.away_until.set(s.away.until.clone());
        self.away_note.set(s.away.note.clone());
        self.signature.set(s.signature.clone());
    }

    /// The settings as edited (tracked: a memo over this follows every field).
    fn settings(&self) -> ContactSettings {
        let mut hours = WeeklyHours::default();
        for day in Weekday::ALL {
            *hours.day_mut(day) = self.hours[day.index()].get();
        }
        ContactSettings {
            accepts_contact: self.accepts.get(),
            time_zone: self.time_zone.get(),
            messages: MessagesChannel {
                enabled: self.messages_enabled.get(),
                audience: self.messages_audience.get(),
                messengers: self.messengers.get().iter().map(|m| Messenger { kind: m.kind.get(), handle: m.handle.get() }).collect(),
            },
            email: EmailChannel {
                enabled: self.email_enabled.get(),
                audience: self.email_audience.get(),
                address: self.email_address.get(),
                show_address: self.email_show.get(),
                contact_form: self.email_form.get(),
            },
            phone: PhoneChannel {
                enabled: self.phone_enabled.get(),
                audience: self.phone_audience.get(),
                number: self.phone_number.get(),
                action: self.phone_action.get(),
            },
            postal: PostalChannel {
                enabled: self.postal_enabled.get(),
                audience: self.postal_audience.get(),
                address: self.postal_address.get(),
            },
            hours,
            overrides: self
                .overrides
                .get()
                .iter()
                .map(|o| DateOverride { date: o.date.get(), ranges: o.ranges.get(), note: o.note.get() })
                .collect(),
            identity: Identity {
                full_name: self.full_name.get(),
                nickname: self.nickname.get(),
                legal_entity: self.legal_entity.get(),
                tax_id: self.tax_id.get(),
                website: self.website.get(),
            },
            response_time_hours: self.response_time.get(),
            away: Away { enabled: self.away_enabled.get(), until: self.away_until.get(), note: self.away_note.get() },
            presence: Default::default(),
            signature: self.signature.get(),
        }
    }
}

/// Finds the message to show at a field: the editor's own check (once the field was left or a
/// save attempted), else what the backend said at the last save.
#[derive(Clone, Copy)]
struct Errors {
    local: Memo<Vec<FieldError>>,
    server: RwSignal<Vec<FieldError>>,
    touched: RwSignal<HashSet<String>>,
    show_all: RwSignal<bool>,
    i18n: I18n,
}

impl Errors {
    fn at(self, field: &str) -> Option<String> {
        let visible = self.show_all.get() || self.touched.with(|t| t.contains(field));
        let local = visible.then(|| self.local.with(|errs| errs.iter().find(|e| e.field == field).map(|e| e.code.clone()))).flatten();
        let code = local.or_else(|| self.server.with(|errs| errs.iter().find(|e| e.field == field).map(|e| e.code.clone())))?;
        Some(validation_text(&self.i18n, &code))
    }

    fn signal(self, field: impl Into<String>) -> Signal<Option<String>> {
        let field = field.into();
        Signal::derive(move || self.at(&field))
    }

    fn touch(self, field: impl Into<String>) {
        let field = field.into();
        self.touched.update(|t| {
            t.insert(field);
        });
    }

    fn touch_callback(self, field: &'static str) -> Callback<()> {
        Callback::new(move |_| self.touch(field))
    }
}

/// A labelled checkbox.
#[component]
fn Toggle(
    #[prop(into)] id: String,
    label: &'static str,
    checked: RwSignal<bool>,
    #[prop(optional, into)] error: Option<Signal<Option<String>>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let error = error.unwrap_or_else(|| Signal::derive(|| None));
    let error_id = format!("{id}-error");
    let described = {
        let error_id = error_id.clone();
        move || error.get().map(|_| error_id.clone())
    };
    view! {
        <div class="field field--check" class:field--invalid=move || error.get().is_some()>
            <input type="checkbox" class="field__check" id=id.clone() prop:checked=move || checked.get()
                aria-invalid=move || if error.get().is_some() { "true" } else { "false" } aria-describedby=described
                on:change=move |ev| checked.set(event_target_checked(&ev))/>
            <label for=id.clone()>{move || i18n.t(label)}</label>
            {move || error.get().map(|m| view! { <p class="field__error" id=error_id.clone()>{m}</p> })}
        </div>
    }
}

/// Who may use a channel.
#[component]
fn AudienceSelect(#[prop(into)] id: String, value: RwSignal<Audience>) -> impl IntoView {
    let i18n = use_i18n();
    let options = [(Audience::Everyone, "everyone"), (Audience::Registered, "registered"), (Audience::Verified, "verified")];
    view! {
        <div class="field">
            <label class="field__label" for=id.clone()>{move || i18n.t("editor.audience")}</label>
            <select class="field__input" id=id.clone() on:change=move |ev| {
                value.set(match event_target_value(&ev).as_str() {
                    "registered" => Audience::Registered,
                    "verified" => Audience::Verified,
                    _ => Audience::Everyone,
                });
            }>
                {options.into_iter().map(|(audience, slug)| view! {
                    <option value=slug selected=move || value.get() == audience>{move || match audience {
                        Audience::Registered => i18n.t("editor.audience.registered"),
                        Audience::Verified => i18n.t("editor.audience.verified"),
                        _ => i18n.t("editor.audience.everyone"),
                    }}</option>
                }).collect_view()}
            </select>
        </div>
    }
}

/// The ranges of one day (or one special date): from–to pairs, added and removed.
#[component]
fn RangesEditor(
    /// The field path (`hours.mon`, `overrides.0.ranges`); ranges are `{path}.{i}`.
    #[prop(into)]
    path: String,
    /// The day's name, for the labels.
    #[prop(into)]
    day: Signal<String>,
    ranges: RwSignal<Vec<TimeRange>>,
    errors: Errors,
) -> impl IntoView {
    let i18n = use_i18n();
    let count = Memo::new(move |_| ranges.with(Vec::len));
    let add_id = field_id(&path);
    let list_path = path.clone();
    view! {
        <div class="ranges">
            <ul class="ranges__list">
                <For each=move || 0..count.get() key=|i| *i let:i>
                    {
                        let field = format!("{list_path}.{i}");
                        let start_id = field_id(&field);
                        let end_id = format!("{start_id}-end");
                        let error_id = format!("{start_id}-error");
                        let error = errors.signal(field.clone());
                        let described = { let error_id = error_id.clone(); move || error.get().map(|_| error_id.clone()) };
                        let described_end = described.clone();
                        let invalid = move || if error.get().is_some() { "true" } else { "false" };
                        let touch = { let field = field.clone(); move || errors.touch(field.clone()) };
                        let touch_end = touch.clone();
                        let set = move |i: usize, start: bool, value: String| ranges.update(|r| {
                            if let Some(range) = r.get_mut(i) {
                                if start { range.start = value } else { range.end = value }
                            }
                        });
                        view! {
                            <li class="ranges__row">
                                <label class="ranges__label">
                                    <span class="visually-hidden">{move || i18n.tf("editor.range.from", &[("day", &day.get()), ("n", &(i + 1).to_string())])}</span>
                                    <input type="time" class="field__input ranges__time" id=start_id.clone()
                                        prop:value=move || ranges.with(|r| r.get(i).map(|x| x.start.clone()).unwrap_or_default())
                                        aria-invalid=invalid aria-describedby=described
                                        on:input=move |ev| set(i, true, event_target_value(&ev))
                                        on:blur=move |_| touch()/>
                                </label>
                                <span aria-hidden="true">"–"</span>
                                <label class="ranges__label">
                                    <span class="visually-hidden">{move || i18n.tf("editor.range.to", &[("day", &day.get()), ("n", &(i + 1).to_string())])}</span>
                                    <input type="time" class="field__input ranges__time" id=end_id
                                        prop:value=move || ranges.with(|r| r.get(i).map(|x| x.end.clone()).unwrap_or_default())
                                        aria-invalid=invalid aria-describedby=described_end
                                        on:input=move |ev| set(i, false, event_target_value(&ev))
                                        on:blur=move |_| touch_end()/>
                                </label>
                                {move || {
                                    let overnight = ranges.with(|r| r.get(i).and_then(|x| Some(parse_time(&x.end)? <= parse_time(&x.start)? && parse_time(&x.end)? != 0)).unwrap_or(false));
                                    overnight.then(|| view! { <span class="muted ranges__overnight">{i18n.t("editor.range.overnight")}</span> })
                                }}
                                <button type="button" class="button button--link" on:click=move |_| ranges.update(|r| { if i < r.len() { r.remove(i); } })
                                    aria-label=move || i18n.tf("editor.range.remove_label", &[("day", &day.get()), ("n", &(i + 1).to_string())])>
                                    {move || i18n.t("editor.range.remove")}
                                </button>
                                {move || error.get().map(|m| view! { <p class="field__error ranges__error" id=error_id.clone()>{m}</p> })}
                            </li>
                        }
                    }
                </For>
            </ul>
            {move || (count.get() == 0).then(|| view! { <span class="muted">{i18n.t("editor.range.none")}</span> })}
            <button type="button" class="button button--link" id=add_id
                aria-label=move || i18n.tf("editor.range.add_label", &[("day", &day.get())])
                on:click=move |_| ranges.update(|r| r.push(TimeRange::new("09:00", "18:00")))>
                {move || i18n.t("editor.range.add")}
            </button>
            {move || errors.at(&path).map(|m| view! { <p class="field__error">{m}</p> })}
        </div>
    }
}

fn weekday_name(i18n: &I18n, day: Weekday) -> String {
    match day {
        Weekday::Mon => i18n.t("contact.day.mon"),
        Weekday::Tue => i18n.t("contact.day.tue"),
        Weekday::Wed => i18n.t("contact.day.wed"),
        Weekday::Thu => i18n.t("contact.day.thu"),
        Weekday::Fri => i18n.t("contact.day.fri"),
        Weekday::Sat => i18n.t("contact.day.sat"),
        Weekday::Sun => i18n.t("contact.day.sun"),
    }
}

/// What the editor page is showing.
#[derive(Clone)]
enum Stage {
    Loading,
    /// Signed in, but not as a seller (or not as this store's).
    Forbidden,
    Failed(ApiError),
    /// The backend could not say who is signed in.
    SessionFailed(ApiError),
    Ready,
}

#[component]
pub fn SellerEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let api = expect_context::<Api>();
    let navigate = use_navigate();

    let fields = Fields::new();
    let base = RwSignal::new(None::<ContactSettingsDocument>);
    let stage = RwSignal::new(Stage::Loading);
    let draft = Memo::new(move |_| fields.settings());
    let dirty = Signal::derive(move || base.with(|b| b.as_ref().is_some_and(|b| b.settings != draft.get())));
    guard_unsaved_changes(dirty, i18n);

    // "Now" for the rules and the preview, refreshed every half minute.
    let now = RwSignal::new(now_seconds());
    if let Ok(handle) = set_interval_with_handle(move || now.set(now_seconds()), std::time::Duration::from_secs(30)) {
        on_cleanup(move || handle.clear());
    }
    let report = Memo::new(move |_| check_settings(&draft.get(), now.get(), &BrowserZones));
    let local_errors = Memo::new(move |_| report.with(|r| r.errors.clone()));
    let errors = Errors {
        local: local_errors,
        server: RwSignal::new(Vec::new()),
        touched: RwSignal::new(HashSet::new()),
        show_all: RwSignal::new(false),
        i18n,
    };
    let attempt = RwSignal::new(0u32);
    let saving = RwSignal::new(false);
    let saved = RwSignal::new(false);
    let conflict = RwSignal::new(false);
    let failure = RwSignal::new(None::<ApiError>);

    let seller_id = Memo::new(move |_| session.account.with(|a| a.as_ref().and_then(|a| a.seller_id.clone())));

    // Loads (or reloads) the saved settings into the editor.
    let load = {
        let api = api.clone();
        let navigate = navigate.clone();
        move || {
            let Some(id) = seller_id.get_untracked() else {
                return;
            };
            let api = api.clone();
            let navigate = navigate.clone();
            spawn_local(async move {
                match api.contact_settings(&id).await {
                    Ok(doc) => {
                        fields.load(&doc.settings);
                        base.set(Some(doc));
                        errors.server.set(Vec::new());
                        conflict.set(false);
                        stage.set(Stage::Ready);
                    }
                    Err(e) if e.problem_kind() == Some(ProblemKind::Unauthorized) || e.status() == Some(401) => {
                        navigate(
                            &Page::SignIn { return_to: Page::SellerEditor.href() }.href(),
                            NavigateOptions { replace: true, ..Default::default() },
                        );
                    }
                    Err(e) if e.status() == Some(403) => stage.set(Stage::Forbidden),
                    Err(e) => stage.set(Stage::Failed(e)),
                }
            });
        }
    };
    {
        let load = load.clone();
        let navigate = navigate.clone();
        Effect::new(move |_| {
            if !session.loaded.get() {
                return;
            }
            // Not knowing who is signed in is not being signed out: say so rather than ask again.
            if let Some(e) = session.error.get() {
                stage.set(Stage::SessionFailed(e));
                return;
            }
            match session.account.get() {
                None => navigate(
                    &Page::SignIn { return_to: Page::SellerEditor.href() }.href(),
                    NavigateOptions { replace: true, ..Default::default() },
                ),
                Some(a) if a.seller_id.is_none() => stage.set(Stage::Forbidden),
                Some(_) => {
                    if base.with_untracked(Option::is_none) {
                        load();
                    }
                }
            }
        });
    }

    let summary = Signal::derive(move || {
        if !errors.show_all.get() {
            return errors
                .server
                .get()
                .into_iter()
                .map(|e| SummaryEntry { field_id: field_id(&e.field), message: validation_text(&i18n, &e.code) })
                .collect();
        }
        local_errors
            .get()
            .into_iter()
            .chain(errors.server.get())
            .map(|e| SummaryEntry { field_id: field_id(&e.field), message: validation_text(&i18n, &e.code) })
            .fold(Vec::<SummaryEntry>::new(), |mut acc, entry| {
                if !acc.iter().any(|a| a.field_id == entry.field_id && a.message == entry.message) {
                    acc.push(entry);
                }
                acc
            })
    });

    let save = {
        let api = api.clone();
        let navigate = navigate.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if saving.get_untracked() {
                return;
            }
            saved.set(false);
            failure.set(None);
            errors.server.set(Vec::new());
            errors.show_all.set(true);
            attempt.update(|n| *n += 1);
            if !report.with_untracked(|r| r.is_ok()) {
                return;
            }
            let (Some(doc), Some(id)) = (base.get_untracked(), seller_id.get_untracked()) else {
                return;
            };
            let body = SaveContactSettings { version: doc.version, settings: draft.get_untracked() };
            saving.set(true);
            let api = api.clone();
            let navigate = navigate.clone();
            spawn_local(async move {
                match api.save_contact_settings(&id, &body).await {
                    Ok(doc) => {
                        fields.load(&doc.settings);
                        base.set(Some(doc));
                        errors.show_all.set(false);
                        saved.set(true);
                        focus_element("editor-status");
                    }
                    Err(e) if e.problem_kind() == Some(ProblemKind::VersionConflict) || e.status() == Some(412) => {
                        conflict.set(true);
                        focus_element("editor-status");
                    }
                    Err(e) if e.problem_kind() == Some(ProblemKind::Validation) => {
                        errors.server.set(e.problem().map(|p| p.errors.clone()).unwrap_or_default());
                        attempt.update(|n| *n += 1);
                    }
                    Err(e) if e.status() == Some(401) => {
                        navigate(&Page::SignIn { return_to: Page::SellerEditor.href() }.href(), NavigateOptions::default());
                    }
                    Err(e) => {
                        failure.set(Some(e));
                        focus_element("editor-status");
                    }
                }
                saving.set(false);
            });
        }
    };

    let reload = load.clone();
    let status = move || {
        if conflict.get() {
            let reload = reload.clone();
            view! {
                <div class="notice notice--error" role="alert" data-testid="editor-conflict">
                    <p><strong>{i18n.t("editor.conflict.title")}</strong></p>
                    <p>{i18n.t("editor.conflict.body")}</p>
                    <button type="button" class="button button--primary" on:click=move |_| reload()>{i18n.t("editor.conflict.reload")}</button>
                </div>
            }
            .into_any()
        } else if let Some(e) = failure.get() {
            view! { <div class="notice notice--error" role="alert"><p>{error_text(&i18n, &e)}</p></div> }.into_any()
        } else if saved.get() {
            view! { <div class="notice notice--success" role="status"><p>{i18n.t("editor.saved")}</p></div> }.into_any()
        } else {
            ().into_any()
        }
    };

    let form = move || {
        let save = save.clone();
        view! {
            <div class="editor__layout">
                <form class="form editor__form" novalidate on:submit=save>
                    <ErrorSummary entries=summary attempt=attempt/>
                    <div id="editor-status" tabindex="-1" class="editor__status">{status.clone()}</div>
                    <p class="muted" aria-live="polite">{move || if dirty.get() { i18n.t("editor.unsaved") } else { i18n.t("editor.all_saved") }}</p>
                    <ContactWaySection fields=fields errors=errors/>
                    <MessagesSection fields=fields errors=errors/>
                    <EmailSection fields=fields errors=errors report_warnings=Signal::derive(move || report.with(|r| r.warnings.clone()))/>
                    <PhoneSection fields=fields errors=errors/>
                    <PostalSection fields=fields errors=errors/>
                    <HoursSection fields=fields errors=errors/>
                    <OverridesSection fields=fields errors=errors/>
                    <IdentitySection fields=fields errors=errors/>
                    <AwaySection fields=fields errors=errors/>
                    <SignatureSection fields=fields errors=errors seller_name=Signal::derive(move || base.with(|b| b.as_ref().map(|b| b.seller_name.clone()).unwrap_or_default()))/>
                    <div class="editor__actions">
                        <button type="submit" class="button button--primary" disabled=move || saving.get()>
                            {move || if saving.get() { i18n.t("editor.saving") } else { i18n.t("editor.save") }}
                        </button>
                    </div>
                </form>
                <Preview draft=draft base=base now=now/>
            </div>
        }
    };

    view! {
        <section class="page editor">
            <PageHeading key="editor.title"/>
            <p class="muted">{move || i18n.t("editor.intro")}</p>
            {move || match stage.get() {
                Stage::Loading => view! { <Loading/> }.into_any(),
                Stage::Forbidden => view! {
                    <div class="notice notice--error" role="alert" data-testid="editor-forbidden">
                        <p>{i18n.t("editor.forbidden")}</p>
                        <a href=Page::SignIn { return_to: Page::SellerEditor.href() }.href()>{i18n.t("editor.sign_in_other")}</a>
                    </div>
                }.into_any(),
                Stage::Failed(e) => {
                    let load = load.clone();
                    view! { <ErrorNotice error=e on_retry=move || load()/> }.into_any()
                }
                Stage::SessionFailed(e) => view! {
                    <ErrorNotice error=e on_retry=move || { stage.set(Stage::Loading); session.load(); }/>
                }.into_any(),
                Stage::Ready => form().into_any(),
            }}
        </section>
    }
}

#[component]
fn ContactWaySection(fields: Fields, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let error = errors.signal("accepts_contact");
    let set = move |v: bool| fields.accepts.set(v);
    view! {
        <fieldset class="editor__section">
            <legend><h2>{move || i18n.t("editor.section.contact")}</h2></legend>
            <div class="field field--check">
                <input type="radio" name="accepts" id=field_id("accepts_contact") prop:checked=move || fields.accepts.get()
                    on:change=move |_| set(true)/>
                <label for=field_id("accepts_contact")>{move || i18n.t("editor.accepts.yes")}</label>
            </div>
            <div class="field field--check">
                <input type="radio" name="accepts" id="cs-accepts-contact-no" prop:checked=move || !fields.accepts.get()
                    on:change=move |_| set(false)/>
                <label for="cs-accepts-contact-no">{move || i18n.t("editor.accepts.no")}</label>
            </div>
            {move || error.get().map(|m| view! { <p class="field__error">{m}</p> })}
        </fieldset>
    }
}

#[component]
fn MessagesSection(fields: Fields, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let rows = fields.messengers;
    view! {
        <fieldset class="editor__section" prop:disabled=move || !fields.accepts.get()>
            <legend><h2>{move || i18n.t("editor.section.messages")}</h2></legend>
            <Toggle id=field_id("messages.enabled") label="editor.messages.enabled" checked=fields.messages_enabled/>
            <p class="field__hint">{move || i18n.t("editor.messages.hint")}</p>
            <AudienceSelect id=field_id("messages.audience") value=fields.messages_audience/>
            <ul class="editor__rows">
                <For each=move || rows.get() key=|r| r.key let:row>
                    {
                        let index = Memo::new(move |_| rows.with(|all| all.iter().position(|r| r.key == row.key).unwrap_or(0)));
                        let field = Signal::derive(move || format!("messages.messengers.{}.handle", index.get()));
                        let error = Signal::derive(move || errors.at(&field.get()));
                        view! {
                            <li class="editor__row">
                                <label class="field__label" for=move || format!("cs-messenger-kind-{}", row.key)>{move || i18n.t("editor.messenger.kind")}</label>
                                <select class="field__input" id=move || format!("cs-messenger-kind-{}", row.key)
                                    on:change=move |ev| row.kind.set(MessengerKind::from_slug(&event_target_value(&ev)))>
                                    {MessengerKind::ALL.into_iter().map(|k| view! {
                                        <option value=k.slug() selected=move || row.kind.get() == k>{k.name()}</option>
                                    }).collect_view()}
                                </select>
                                <label class="field__label" for=move || field_id(&field.get())>{move || i18n.t("editor.messenger.handle")}</label>
                                <input class="field__input" type="text" id=move || field_id(&field.get()) autocomplete="off" inputmode="text" maxlength="100"
                                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                                    prop:value=move || row.handle.get()
                                    on:input=move |ev| row.handle.set(event_target_value(&ev))
                                    on:blur=move |_| errors.touch(field.get_untracked())/>
                                {move || error.get().map(|m| view! { <p class="field__error">{m}</p> })}
                                <button type="button" class="button button--link" on:click=move |_| rows.update(|all| all.retain(|r| r.key != row.key))>
                                    {move || i18n.t("editor.messenger.remove")}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <button type="button" class="button button--secondary" id=field_id("messages.messengers")
                on:click=move |_| rows.update(|all| all.push(MessengerRow { key: next_key(), kind: RwSignal::new(MessengerKind::Telegram), handle: RwSignal::new(String::new()) }))>
                {move || i18n.t("editor.messenger.add")}
            </button>
            {move || errors.at("messages.messengers").map(|m| view! { <p class="field__error">{m}</p> })}
        </fieldset>
    }
}

#[component]
fn EmailSection(fields: Fields, errors: Errors, report_warnings: Signal<Vec<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let warning = move || report_warnings.with(|w| w.iter().any(|w| w.field == "email.address" && w.code == code::FREE_MAILBOX));
    view! {
        <fieldset class="editor__section" prop:disabled=move || !fields.accepts.get()>
            <legend><h2>{move || i18n.t("editor.section.email")}</h2></legend>
            <Toggle id=field_id("email.enabled") label="editor.email.enabled" checked=fields.email_enabled/>
            <TextField id=field_id("email.address") label="editor.email.address" value=fields.email_address
                error=errors.signal("email.address") input_type="email" autocomplete="email" inputmode="email" maxlength=254
                hint="editor.email.address_hint" on_blur=errors.touch_callback("email.address")/>
            {move || warning().then(|| view! {
                <p class="field__warning" data-testid="free-mailbox-warning">{i18n.t("contact.validation.free_mailbox")}</p>
            })}
            <Toggle id=field_id("email.show_address") label="editor.email.show" checked=fields.email_show error=errors.signal("email.show_address")/>
            <Toggle id=field_id("email.contact_form") label="editor.email.form" checked=fields.email_form/>
            <AudienceSelect id=field_id("email.audience") value=fields.email_audience/>
        </fieldset>
    }
}

#[component]
fn PhoneSection(fields: Fields, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let action = fields.phone_action;
    view! {
        <fieldset class="editor__section" prop:disabled=move || !fields.accepts.get()>
            <legend><h2>{move || i18n.t("editor.section.phone")}</h2></legend>
            <Toggle id=field_id("phone.enabled") label="editor.phone.enabled" checked=fields.phone_enabled error=errors.signal("phone.enabled")/>
            <TextField id=field_id("phone.number") label="editor.phone.number" value=fields.phone_number
                error=errors.signal("phone.number") input_type="tel" autocomplete="tel" inputmode="tel" maxlength=30
                hint="editor.phone.number_hint" on_blur=errors.touch_callback("phone.number")/>
            <fieldset class="field">
                <legend class="field__label">{move || i18n.t("editor.phone.action")}</legend>
                <div class="field--check">
                    <input type="radio" name="phone-action" id="cs-phone-action-call" prop:checked=move || action.get() != PhoneAction::Sms
                        on:change=move |_| action.set(PhoneAction::Call)/>
                    <label for="cs-phone-action-call">{move || i18n.t("editor.phone.call")}</label>
                </div>
                <div class="field--check">
                    <input type="radio" name="phone-action" id="cs-phone-action-sms" prop:checked=move || action.get() == PhoneAction::Sms
                        on:change=move |_| action.set(PhoneAction::Sms)/>
                    <label for="cs-phone-action-sms">{move || i18n.t("editor.phone.sms")}</label>
                </div>
            </fieldset>
            <AudienceSelect id=field_id("phone.audience") value=fields.phone_audience/>
            <p class="field__hint">{move || i18n.t("editor.phone.hours_hint")}</p>
        </fieldset>
    }
}

#[component]
fn PostalSection(fields: Fields, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let error = errors.signal("postal.address");
    let id = field_id("postal.address");
    view! {
        <fieldset class="editor__section" prop:disabled=move || !fields.accepts.get()>
            <legend><h2>{move || i18n.t("editor.section.postal")}</h2></legend>
            <Toggle id=field_id("postal.enabled") label="editor.postal.enabled" checked=fields.postal_enabled/>
            <div class="field" class:field--invalid=move || error.get().is_some()>
                <label class="field__label" for=id.clone()>{move || i18n.t("editor.postal.address")}</label>
                <textarea class="field__input field__input--area" id=id.clone() rows="4" maxlength="500" autocomplete="street-address"
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    prop:value=move || fields.postal_address.get()
                    on:input=move |ev| fields.postal_address.set(event_target_value(&ev))
                    on:blur=move |_| errors.touch("postal.address")></textarea>
                {move || error.get().map(|m| view! { <p class="field__error">{m}</p> })}
            </div>
            <AudienceSelect id=field_id("postal.audience") value=fields.postal_audience/>
        </fieldset>
    }
}

#[component]
fn HoursSection(fields: Fields, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let zones = StoredValue::new(known_zones());
    let zone_error = errors.signal("time_zone");
    let zone_id = field_id("time_zone");
    view! {
        <fieldset class="editor__section">
            <legend><h2>{move || i18n.t("editor.section.hours")}</h2></legend>
            <p class="field__hint">{move || i18n.t("editor.hours.hint")}</p>
            <div class="field" class:field--invalid=move || zone_error.get().is_some()>
                <label class="field__label" for=zone_id.clone()>{move || i18n.t("editor.hours.zone")}</label>
                <select class="field__input" id=zone_id.clone()
                    aria-invalid=move || if zone_error.get().is_some() { "true" } else { "false" }
                    on:change=move |ev| fields.time_zone.set(event_target_value(&ev))>
                    {move || {
                        let current = fields.time_zone.get();
                        let mut list = zones.get_value();
                        if !current.is_empty() && !list.contains(&current) {
                            list.insert(0, current.clone());
                        }
                        list.into_iter().map(|z| {
                            let selected = z == current;
                            view! { <option value=z.clone() selected=selected>{z.clone()}</option> }
                        }).collect_view()
                    }}
                </select>
                {move || zone_error.get().map(|m| view! { <p class="field__error">{m}</p> })}
            </div>
            <div class="hours">
                {Weekday::ALL.into_iter().map(|day| {
                    let name = Signal::derive(move || weekday_name(&i18n, day));
                    view! {
                        <div class="hours__day" data-day=weekday_key(day)>
                            <p class="hours__name"><strong>{move || name.get()}</strong></p>
                            <RangesEditor path=format!("hours.{}", weekday_key(day)) day=name ranges=fields.hours[day.index()] errors=errors/>
                        </div>
                    }
                }).collect_view()}
            </div>
        </fieldset>
    }
}

#[component]
fn OverridesSection(fields: Fields, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let rows = fields.overrides;
    view! {
        <fieldset class="editor__section">
            <legend><h2>{move || i18n.t("editor.section.overrides")}</h2></legend>
            <p class="field__hint">{move || i18n.t("editor.overrides.hint")}</p>
            <ul class="editor__rows">
                <For each=move || rows.get() key=|r| r.key let:row>
                    {
                        let index = Memo::new(move |_| rows.with(|all| all.iter().position(|r| r.key == row.key).unwrap_or(0)));
                        let date_field = Signal::derive(move || format!("overrides.{}.date", index.get()));
                        let date_error = Signal::derive(move || errors.at(&date_field.get()));
                        let label = Signal::derive(move || { let d = row.date.get(); if d.is_empty() { i18n.t("editor.overrides.new") } else { d } });
                        view! {
                            <li class="editor__row editor__row--override">
                                <label class="field__label" for=move || field_id(&date_field.get())>{move || i18n.t("editor.overrides.date")}</label>
                                <input type="date" class="field__input" id=move || field_id(&date_field.get())
                                    aria-invalid=move || if date_error.get().is_some() { "true" } else { "false" }
                                    prop:value=move || row.date.get()
                                    on:input=move |ev| row.date.set(event_target_value(&ev))
                                    on:blur=move |_| errors.touch(date_field.get_untracked())/>
                                {move || date_error.get().map(|m| view! { <p class="field__error">{m}</p> })}
                                <label class="field__label" for=move || format!("cs-override-note-{}", row.key)>{move || i18n.t("editor.overrides.note")}</label>
                                <input type="text" class="field__input" id=move || format!("cs-override-note-{}", row.key) maxlength="100" autocomplete="off"
                                    prop:value=move || row.note.get() on:input=move |ev| row.note.set(event_target_value(&ev))/>
                                <p class="field__hint">{move || i18n.t("editor.overrides.closed_hint")}</p>
                                {move || { let i = index.get(); view! { <RangesEditor path=format!("overrides.{i}.ranges") day=label ranges=row.ranges errors=errors/> } }}
                                <button type="button" class="button button--link" on:click=move |_| rows.update(|all| all.retain(|r| r.key != row.key))>
                                    {move || i18n.t("editor.overrides.remove")}
                                </button>
                            </li>
                        }
                    }
                </For>
            </ul>
            <button type="button" class="button button--secondary" id=field_id("overrides")
                on:click=move |_| rows.update(|all| all.push(OverrideRow { key: next_key(), date: RwSignal::new(String::new()), ranges: RwSignal::new(Vec::new()), note: RwSignal::new(String::new()) }))>
                {move || i18n.t("editor.overrides.add")}
            </button>
        </fieldset>
    }
}

#[component]
fn IdentitySection(fields: Fields, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let response = fields.response_time;
    let choices = [1u32, 2, 4, 8, 12, 24, 48, 72];
    view! {
        <fieldset class="editor__section">
            <legend><h2>{move || i18n.t("editor.section.identity")}</h2></legend>
            <p class="field__hint">{move || i18n.t("editor.identity.hint")}</p>
            <TextField id=field_id("identity.full_name") label="editor.identity.full_name" value=fields.full_name
                error=errors.signal("identity.full_name") autocomplete="name" maxlength=100 on_blur=errors.touch_callback("identity.full_name")/>
            <TextField id=field_id("identity.nickname") label="editor.identity.nickname" value=fields.nickname
                error=errors.signal("identity.nickname") autocomplete="nickname" maxlength=60/>
            <TextField id=field_id("identity.legal_entity") label="editor.identity.legal_entity" value=fields.legal_entity
                error=errors.signal("identity.legal_entity") autocomplete="organization" maxlength=150 hint="editor.identity.legal_entity_hint"
                on_blur=errors.touch_callback("identity.legal_entity")/>
            <TextField id=field_id("identity.tax_id") label="editor.identity.tax_id" value=fields.tax_id
                error=errors.signal("identity.tax_id") maxlength=20 on_blur=errors.touch_callback("identity.tax_id")/>
            <TextField id=field_id("identity.website") label="editor.identity.website" value=fields.website
                error=errors.signal("identity.website") input_type="url" autocomplete="url" inputmode="url" maxlength=200
                on_blur=errors.touch_callback("identity.website")/>
            <div class="field">
                <label class="field__label" for=field_id("response_time_hours")>{move || i18n.t("editor.identity.response_time")}</label>
                <select class="field__input" id=field_id("response_time_hours")
                    on:change=move |ev| { if let Ok(h) = event_target_value(&ev).parse::<u32>() { response.set(h) } }>
                    {move || {
                        let current = response.get();
                        let mut list = choices.to_vec();
                        if !list.contains(&current) { list.push(current); list.sort_unstable(); }
                        list.into_iter().map(|h| view! {
                            <option value=h.to_string() selected=h == current>{response_time_words(&i18n, h)}</option>
                        }).collect_view()
                    }}
                </select>
                <p class="field__hint">{move || i18n.t("editor.identity.response_time_hint")}</p>
            </div>
        </fieldset>
    }
}

#[component]
fn AwaySection(fields: Fields, errors: Errors) -> impl IntoView {
    let i18n = use_i18n();
    let until_error = errors.signal("away.until");
    let until_id = field_id("away.until");
    view! {
        <fieldset class="editor__section">
            <legend><h2>{move || i18n.t("editor.section.away")}</h2></legend>
            <p class="field__hint">{move || i18n.t("editor.away.hint")}</p>
            <Toggle id=field_id("away.enabled") label="editor.away.enabled" checked=fields.away_enabled/>
            <div class="field" class:field--invalid=move || until_error.get().is_some()>
                <label class="field__label" for=until_id.clone()>{move || i18n.t("editor.away.until")}</label>
                <input type="date" class="field__input" id=until_id.clone()
                    aria-invalid=move || if until_error.get().is_some() { "true" } else { "false" }
                    prop:value=move || fields.away_until.get()
                    on:input=move |ev| fields.away_until.set(event_target_value(&ev))
                    on:blur=move |_| errors.touch("away.until")/>
                {move || until_error.get().map(|m| view! { <p class="field__error">{m}</p> })}
            </div>
            <TextField id=field_id("away.note") label="editor.away.note" value=fields.away_note error=errors.signal("away.note")
                hint="editor.away.note_hint" maxlength=500/>
        </fieldset>
    }
}

#[component]
fn SignatureSection(fields: Fields, errors: Errors, seller_name: Signal<String>) -> impl IntoView {
    let i18n = use_i18n();
    let error = errors.signal("signature");
    let id = field_id("signature");
    let counts = move || {
        let text = fields.signature.get();
        let lines = signature::lines(&text);
        let longest = lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
        i18n.tf(
            "editor.signature.count",
            &[
                ("lines", &lines.len().to_string()),
                ("max_lines", &signature::MAX_LINES.to_string()),
                ("longest", &longest.to_string()),
                ("max_chars", &signature::MAX_LINE_CHARS.to_string()),
            ],
        )
    };
    let suggest = move |_| {
        let phone = if fields.phone_enabled.get_untracked() { fields.phone_number.get_untracked() } else { String::new() };
        let identity = Identity {
            full_name: fields.full_name.get_untracked(),
            nickname: fields.nickname.get_untracked(),
            legal_entity: fields.legal_entity.get_untracked(),
            tax_id: fields.tax_id.get_untracked(),
            website: fields.website.get_untracked(),
        };
        fields.signature.set(signature::suggest(&identity, &seller_name.get_untracked(), &fields.email_address.get_untracked(), &phone));
    };
    view! {
        <fieldset class="editor__section">
            <legend><h2>{move || i18n.t("editor.section.signature")}</h2></legend>
            <div class="field" class:field--invalid=move || error.get().is_some()>
                <label class="field__label" for=id.clone()>{move || i18n.t("editor.signature.label")}</label>
                <span class="field__hint" id="cs-signature-hint">{move || i18n.t("editor.signature.hint")}</span>
                <textarea class="field__input field__input--area field__input--mono" id=id.clone() rows="6" autocomplete="off"
                    aria-describedby="cs-signature-hint cs-signature-count"
                    aria-invalid=move || if error.get().is_some() { "true" } else { "false" }
                    prop:value=move || fields.signature.get()
                    on:input=move |ev| fields.signature.set(event_target_value(&ev))
                    on:blur=move |_| errors.touch("signature")></textarea>
                <p class="muted" id="cs-signature-count" aria-live="polite">{counts}</p>
                {move || error.get().map(|m| view! { <p class="field__error">{m}</p> })}
            </div>
            <button type="button" class="button button--secondary" on:click=suggest>{move || i18n.t("editor.signature.suggest")}</button>
        </fieldset>
    }
}

/// Reads a `datetime-local` value (`2026-11-23T10:00`) as wall-clock seconds.
fn local_seconds(value: &str) -> Option<i64> {
    let date = Date::parse(value.get(..10)?)?;
    let minutes = parse_time(value.get(11..16)?)?;
    Some(date.days_since_epoch() * 86_400 + i64::from(minutes) * 60)
}

/// The widget as a shopper would see it with the settings being edited — computed here, with
/// the browser's time zones, so it follows every keystroke.
#[component]
fn Preview(draft: Memo<ContactSettings>, base: RwSignal<Option<ContactSettingsDocument>>, now: RwSignal<UnixSeconds>) -> impl IntoView {
    let i18n = use_i18n();
    let viewer = RwSignal::new(Viewer::Anonymous);
    let at_text = RwSignal::new(String::new());
    let at = Memo::new(move |_| {
        let text = at_text.get();
        let zone = draft.with(|d| d.time_zone.clone());
        local_seconds(&text).and_then(|local| from_local(&BrowserZones, &zone, local)).unwrap_or_else(|| now.get())
    });
    let contact = Memo::new(move |_| {
        let (id, name) = base.with(|b| b.as_ref().map(|b| (b.seller_id.clone(), b.seller_name.clone())).unwrap_or_default());
        draft.with(|d| public_view(&id, &name, d, viewer.get(), at.get(), &BrowserZones))
    });
    let caption = move || {
        let instant = format_rfc3339_utc(at.get());
        let zone = draft.with(|d| d.time_zone.clone());
        let when = super::widget::when_text(&i18n, &instant, &zone);
        if at_text.with(String::is_empty) {
            i18n.tf("editor.preview.now", &[("when", &when)])
        } else {
            i18n.tf("editor.preview.at", &[("when", &when)])
        }
    };
    view! {
        <section class="editor__preview" aria-labelledby="editor-preview-title" data-testid="editor-preview">
            <h2 id="editor-preview-title">{move || i18n.t("editor.preview.title")}</h2>
            <div class="field">
                <label class="field__label" for="preview-viewer">{move || i18n.t("editor.preview.viewer")}</label>
                <select class="field__input" id="preview-viewer" on:change=move |ev| viewer.set(match event_target_value(&ev).as_str() {
                    "customer" => Viewer::Customer { verified: false },
                    "verified" => Viewer::Customer { verified: true },
                    _ => Viewer::Anonymous,
                })>
                    <option value="anonymous">{move || i18n.t("editor.preview.anonymous")}</option>
                    <option value="customer">{move || i18n.t("editor.preview.customer")}</option>
                    <option value="verified">{move || i18n.t("editor.preview.verified")}</option>
                </select>
            </div>
            <div class="field">
                <label class="field__label" for="preview-at">{move || i18n.t("editor.preview.time")}</label>
                <span class="field__hint" id="preview-at-hint">{move || i18n.t("editor.preview.time_hint")}</span>
                <input type="datetime-local" class="field__input" id="preview-at" aria-describedby="preview-at-hint"
                    prop:value=move || at_text.get() on:input=move |ev| at_text.set(event_target_value(&ev))/>
                <button type="button" class="button button--link" on:click=move |_| at_text.set(String::new())>{move || i18n.t("editor.preview.reset")}</button>
            </div>
            <p class="muted" data-testid="preview-caption">{caption}</p>
            <div class="editor__preview-card">
                {move || view! { <ContactCard contact=contact.get() layout=Layout::Preview/> }}
            </div>
        </section>
    }
}
