//! `/seller/contact`: the seller's editor. Every setting, checked at the field by the same rules
//! the backend enforces, with a live preview of the widget as a shopper would see it — now, or at
//! a chosen moment — computed in the browser. Leaving with unsaved changes asks first, and a save
//! carries the version it started from: a save from a stale tab is refused and the editor offers
//! to reload, never overwriting silently.
//!
//! The page and its stages are here; the draft and its messages in [`draft`], one file per
//! settings section in [`sections`], the preview in [`preview`].

mod draft;
mod preview;
mod sections;

use super::guard::guard_unsaved_changes;
use super::zones::BrowserZones;
use crate::account::use_session;
use crate::api::{Api, ApiError};
use crate::i18n::use_i18n;
use crate::router::use_navigate;
use crate::ui::{ErrorNotice, ErrorSummary, Loading, PageHeading, Touched, error_text, focus_element};
use draft::{Draft, Issues};
use leptos::prelude::*;
use leptos::task::spawn_local;
use preview::Preview;
use sections::*;
use vitrina_core::ProblemKind;
use vitrina_core::api::{ContactSettingsDocument, SaveContactSettings};
use vitrina_core::civil::UnixSeconds;
use vitrina_core::contact::rules::check_settings;
use vitrina_core::routes::Page;

fn now_seconds() -> UnixSeconds {
    (js_sys::Date::now() / 1000.0) as UnixSeconds
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
    /// The settings as saved, being edited.
    Ready(Box<ContactSettingsDocument>),
}

/// A save refused because the settings changed since they were loaded.
fn is_conflict(e: &ApiError) -> bool {
    e.problem_kind() == Some(ProblemKind::VersionConflict) || e.status() == Some(412)
}

/// The sign-in page, coming back here.
fn sign_in_here() -> String {
    Page::SignIn { return_to: Page::SellerEditor.href() }.href()
}

/// `/seller/contact`: for the signed-in seller, their settings in the editor.
#[component]
pub fn SellerEditorPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let api = expect_context::<Api>();
    let navigate = use_navigate();
    let stage = RwSignal::new(Stage::Loading);
    let seller_id = Memo::new(move |_| session.account.with(|a| a.as_ref().and_then(|a| a.seller_id.clone())));

    // Loads (or reloads) the saved settings; the editor starts afresh with them.
    let load = Callback::new(move |()| {
        let Some(id) = seller_id.get_untracked() else {
            return;
        };
        let api = api.clone();
        spawn_local(async move {
            match api.contact_settings(&id).await {
                Ok(doc) => stage.set(Stage::Ready(Box::new(doc))),
                Err(e) if e.problem_kind() == Some(ProblemKind::Unauthorized) || e.status() == Some(401) => {
                    navigate.replace(&sign_in_here());
                }
                Err(e) if e.status() == Some(403) => stage.set(Stage::Forbidden),
                Err(e) => stage.set(Stage::Failed(e)),
            }
        });
    });
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
            None => navigate.replace(&sign_in_here()),
            Some(a) if a.seller_id.is_none() => stage.set(Stage::Forbidden),
            Some(_) => {
                if stage.with_untracked(|s| matches!(s, Stage::Loading)) {
                    load.run(());
                }
            }
        }
    });

    view! {
        <section class="page editor">
            <PageHeading key="editor.title"/>
            <p class="muted">{i18n.text("editor.intro")}</p>
            {move || match stage.get() {
                Stage::Loading => view! { <Loading/> }.into_any(),
                Stage::Forbidden => view! {
                    <div class="notice notice--error" role="alert" data-testid="editor-forbidden">
                        <p>{i18n.t("editor.forbidden")}</p>
                        <a href=sign_in_here()>{i18n.t("editor.sign_in_other")}</a>
                    </div>
                }.into_any(),
                Stage::Failed(e) => view! { <ErrorNotice error=e on_retry=move || load.run(())/> }.into_any(),
                Stage::SessionFailed(e) => view! {
                    <ErrorNotice error=e on_retry=move || { stage.set(Stage::Loading); session.load(); }/>
                }.into_any(),
                Stage::Ready(doc) => view! { <SettingsEditor document=*doc reload=load/> }.into_any(),
            }}
        </section>
    }
}

/// Every setting with its messages, the save, and the preview, for one loaded document.
#[component]
pub fn SettingsEditor(
    /// The settings as saved, with their version and the seller's id and name.
    document: ContactSettingsDocument,
    /// Loads the saved settings again (offered when a save meets newer ones).
    #[prop(into)]
    reload: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let navigate = use_navigate();

    let draft = Draft::new(document.settings.clone());
    let base = RwSignal::new(document);
    let settings = draft.settings();
    let dirty = Signal::derive(move || base.with(|b| settings.with(|s| b.settings != *s)));
    guard_unsaved_changes(dirty, i18n);

    // "Now" for the rules and the preview, refreshed every half minute.
    let now = RwSignal::new(now_seconds());
    if let Ok(handle) = set_interval_with_handle(move || now.set(now_seconds()), std::time::Duration::from_secs(30)) {
        on_cleanup(move || handle.clear());
    }
    let report = Memo::new(move |_| settings.with(|s| check_settings(s, now.get(), &BrowserZones)));
    let touched = Touched::new();
    let issues = Issues { local: Memo::new(move |_| report.with(|r| r.errors.clone())), server: RwSignal::new(Vec::new()), touched, i18n };

    // Saves the draft; what happened is the action's value, which the status line tells.
    let save = Action::new_local(move |body: &SaveContactSettings| {
        let (api, body) = (api.clone(), body.clone());
        let seller_id = base.with_untracked(|b| b.seller_id.clone());
        async move {
            let result = api.save_contact_settings(&seller_id, &body).await;
            match &result {
                Ok(doc) => {
                    draft.set(doc.settings.clone());
                    base.set(doc.clone());
                    touched.settle();
                    focus_element("editor-status");
                }
                Err(e) if e.problem_kind() == Some(ProblemKind::Validation) => {
                    issues.server.set(e.problem().map(|p| p.errors.clone()).unwrap_or_default());
                    touched.attempt();
                }
                Err(e) if e.status() == Some(401) => navigate.push(&sign_in_here()),
                Err(_) => focus_element("editor-status"),
            }
            result.map(drop)
        }
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if save.pending().get_untracked() {
            return;
        }
        save.clear();
        issues.server.set(Vec::new());
        touched.attempt();
        if !report.with_untracked(|r| r.is_ok()) {
            return;
        }
        save.dispatch_local(SaveContactSettings { version: base.with_untracked(|b| b.version), settings: settings.get_untracked() });
    };

    let status = move || {
        match save.value().get() {
        Some(Err(e)) if is_conflict(&e) => view! {
            <div class="notice notice--error" role="alert" data-testid="editor-conflict">
                <p><strong>{i18n.t("editor.conflict.title")}</strong></p>
                <p>{i18n.t("editor.conflict.body")}</p>
                <button type="button" class="button button--primary" on:click=move |_| reload.run(())>{i18n.t("editor.conflict.reload")}</button>
            </div>
        }
        .into_any(),
        // Refused fields are shown at the fields; a lost session goes to the sign-in page.
        Some(Err(e)) if e.problem_kind() == Some(ProblemKind::Validation) || e.status() == Some(401) => ().into_any(),
        Some(Err(e)) => view! { <div class="notice notice--error" role="alert"><p>{error_text(&i18n, &e)}</p></div> }.into_any(),
        Some(Ok(())) => view! { <div class="notice notice--success" role="status"><p>{i18n.t("editor.saved")}</p></div> }.into_any(),
        None => ().into_any(),
    }
    };
    let seller_name = Signal::derive(move || base.with(|b| b.seller_name.clone()));
    let warnings = Signal::derive(move || report.with(|r| r.warnings.clone()));
    let saving = move || save.pending().get();

    view! {
        <div class="editor__layout">
            <form class="form editor__form" novalidate on:submit=submit>
                <ErrorSummary entries=Signal::derive(move || issues.summary()) attempt=touched.attempts()/>
                <div id="editor-status" tabindex="-1" class="editor__status">{status}</div>
                <p class="muted" aria-live="polite">{move || if dirty.get() { i18n.t("editor.unsaved") } else { i18n.t("editor.all_saved") }}</p>
                <ContactWaySection draft=draft issues=issues/>
                <PresenceSection draft=draft now=now/>
                <MessagesSection draft=draft issues=issues/>
                <EmailSection draft=draft issues=issues warnings=warnings/>
                <PhoneSection draft=draft issues=issues/>
                <PostalSection draft=draft issues=issues/>
                <HoursSection draft=draft issues=issues/>
                <OverridesSection draft=draft issues=issues/>
                <IdentitySection draft=draft issues=issues/>
                <AwaySection draft=draft issues=issues/>
                <SignatureSection draft=draft issues=issues seller_name=seller_name/>
                <div class="editor__actions">
                    <button type="submit" class="button button--primary" disabled=saving>
                        {move || if saving() { i18n.t("editor.saving") } else { i18n.t("editor.save") }}
                    </button>
                </div>
            </form>
            <Preview settings=settings base=base now=now/>
        </div>
    }
}
