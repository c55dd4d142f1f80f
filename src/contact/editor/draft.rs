//! The settings being edited and the messages at their fields. The draft is one store of
//! [`ContactSettings`]: every control reads and writes its own field of it, the preview and the
//! rules read all of it, and loading saved settings patches it (only changed fields re-render).

use crate::i18n::I18n;
use crate::ui::{Model, SummaryEntry, Touched, field_code_words};
use leptos::prelude::*;
use reactive_stores::{Field, Store};
use vitrina_core::FieldError;
use vitrina_core::api::{ContactSettings, ContactSettingsStoreFields, TimeRange, WeeklyHoursStoreFields};
use vitrina_core::civil::Weekday;

/// The settings as edited: the single source of truth for every field of the editor.
pub type Draft = Store<ContactSettings>;

/// The element id of a settings field path (`hours.mon.1` → `cs-hours-mon-1`), which the error
/// summary links to.
pub fn field_id(path: &str) -> String {
    format!("cs-{}", path.replace(['.', '_'], "-"))
}

/// One day's ranges in the draft.
pub fn day_ranges(draft: Draft, day: Weekday) -> Field<Vec<TimeRange>> {
    let hours = draft.hours();
    match day {
        Weekday::Mon => hours.mon().into(),
        Weekday::Tue => hours.tue().into(),
        Weekday::Wed => hours.wed().into(),
        Weekday::Thu => hours.thu().into(),
        Weekday::Fri => hours.fri().into(),
        Weekday::Sat => hours.sat().into(),
        Weekday::Sun => hours.sun().into(),
    }
}

/// A part of the `i`-th item of a list in the draft (a messenger's handle, a date's note). A row
/// that is being removed reads as empty and writes nothing.
pub fn item<T, V>(list: Field<Vec<T>>, i: usize, get: fn(&T) -> V, set: fn(&mut T, V)) -> Model<V>
where
    T: Send + Sync + 'static,
    V: Clone + Default + Send + Sync + 'static,
{
    Model::new(
        move || list.with(|all| all.get(i).map(get).unwrap_or_default()),
        move |value| {
            list.update(|all| {
                if let Some(item) = all.get_mut(i) {
                    set(item, value);
                }
            })
        },
    )
}

/// The message each field shows: the editor's own check (once the field was left or a save
/// tried), else what the backend said at the last save.
#[derive(Clone, Copy)]
pub struct Issues {
    /// The rules' errors for the draft as it is now.
    pub local: Memo<Vec<FieldError>>,
    /// What the backend refused at the last save.
    pub server: RwSignal<Vec<FieldError>>,
    pub touched: Touched,
    pub i18n: I18n,
}

impl Issues {
    /// The message at `field`, if it shows now (tracked).
    pub fn at(self, field: &str) -> Option<String> {
        let find = |errors: &Vec<FieldError>| errors.iter().find(|e| e.field == field).map(|e| e.code);
        let local = self.touched.shows(field).then(|| self.local.with(find)).flatten();
        let code = local.or_else(|| self.server.with(find))?;
        Some(field_code_words(&self.i18n, code))
    }

    /// [`Issues::at`] as a signal, for a field's `error`.
    pub fn signal(self, field: impl Into<String>) -> Signal<Option<String>> {
        let field = field.into();
        Signal::derive(move || self.at(&field))
    }

    /// The error summary: the backend's refusals, and after a save attempt every local error
    /// too (each message once per field).
    pub fn summary(self) -> Vec<SummaryEntry> {
        let local = if self.touched.submitted() { self.local.get() } else { Vec::new() };
        local.into_iter().chain(self.server.get()).fold(Vec::<SummaryEntry>::new(), |mut entries, e| {
            let entry = SummaryEntry { field_id: field_id(&e.field), message: field_code_words(&self.i18n, e.code) };
            if !entries.contains(&entry) {
                entries.push(entry);
            }
            entries
        })
    }
}
