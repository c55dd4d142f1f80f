//! The widget as a shopper would see it with the settings being edited — computed here, with
//! the browser's time zones, so it follows every keystroke — now, or at a chosen moment, for a
//! chosen kind of shopper.

use crate::contact::widget::{ContactCard, Layout, when_text};
use crate::contact::zones::BrowserZones;
use crate::i18n::use_i18n;
use crate::ui::field::Choice;
use crate::ui::{DateInput, FormField, Select};
use leptos::prelude::*;
use vitrina_core::api::{ContactSettings, ContactSettingsDocument};
use vitrina_core::civil::{Date, UnixSeconds, format_rfc3339_utc};
use vitrina_core::contact::Viewer;
use vitrina_core::contact::schedule::parse_time;
use vitrina_core::contact::view::public_view;
use vitrina_core::contact::zone::from_local;

impl Choice for Viewer {
    fn key(&self) -> String {
        match self {
            Viewer::Anonymous => "anonymous",
            Viewer::Customer { verified: false } => "customer",
            Viewer::Customer { verified: true } => "verified",
        }
        .to_owned()
    }
}

/// Reads a `datetime-local` value (`2026-11-23T10:00`) as wall-clock seconds.
fn local_seconds(value: &str) -> Option<i64> {
    let date = Date::parse(value.get(..10)?)?;
    let minutes = parse_time(value.get(11..16)?)?;
    Some(date.days_since_epoch() * 86_400 + i64::from(minutes) * 60)
}

/// The preview beside the form.
#[component]
pub(super) fn Preview(
    /// The settings as edited.
    settings: Signal<ContactSettings>,
    /// The saved document (for the seller's id and name).
    base: RwSignal<ContactSettingsDocument>,
    /// "Now", refreshed while the page is open.
    now: RwSignal<UnixSeconds>,
) -> impl IntoView {
    let i18n = use_i18n();
    let viewer = RwSignal::new(Viewer::Anonymous);
    let at_text = RwSignal::new(String::new());
    let at = Memo::new(move |_| {
        let text = at_text.get();
        let zone = settings.with(|s| s.time_zone.clone());
        local_seconds(&text).and_then(|local| from_local(&BrowserZones, &zone, local)).unwrap_or_else(|| now.get())
    });
    let contact = Memo::new(move |_| {
        let (id, name) = base.with(|b| (b.seller_id.clone(), b.seller_name.clone()));
        settings.with(|s| public_view(&id, &name, s, viewer.get(), at.get(), &BrowserZones))
    });
    let caption = move || {
        let instant = format_rfc3339_utc(at.get());
        let zone = settings.with(|s| s.time_zone.clone());
        let when = when_text(&i18n, &instant, &zone);
        if at_text.with(String::is_empty) {
            i18n.tf("editor.preview.now", &[("when", &when)])
        } else {
            i18n.tf("editor.preview.at", &[("when", &when)])
        }
    };
    let viewer_words = move |v: Viewer| match v {
        Viewer::Anonymous => i18n.t("editor.preview.anonymous"),
        Viewer::Customer { verified: false } => i18n.t("editor.preview.customer"),
        Viewer::Customer { verified: true } => i18n.t("editor.preview.verified"),
    };
    let viewers = vec![Viewer::Anonymous, Viewer::Customer { verified: false }, Viewer::Customer { verified: true }];
    view! {
        <section class="editor__preview" aria-labelledby="editor-preview-title" data-testid="editor-preview">
            <h2 id="editor-preview-title">{i18n.text("editor.preview.title")}</h2>
            <FormField id="preview-viewer" label="editor.preview.viewer">
                <Select value=viewer options=viewers label=viewer_words/>
            </FormField>
            <FormField id="preview-at" label="editor.preview.time" hint="editor.preview.time_hint">
                <DateInput input_type="datetime-local" value=at_text/>
                <button type="button" class="button button--link" on:click=move |_| at_text.set(String::new())>{i18n.text("editor.preview.reset")}</button>
            </FormField>
            <p class="muted" data-testid="preview-caption">{caption}</p>
            <div class="editor__preview-card">
                {move || view! { <ContactCard contact=contact.get() layout=Layout::Preview/> }}
            </div>
        </section>
    }
}
