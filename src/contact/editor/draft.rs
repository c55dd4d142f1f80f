//! The settings being edited and the messages at their fields. The draft is one signal of
//! [`ContactSettings`]: every control reads its own field of it through a memo (so it re-renders
//! only when that field changed) and writes that field back, the preview and the rules read all
//! of it, and loading saved settings replaces it (only changed fields re-render).

use crate::i18n::I18n;
use crate::ui::{Model, SummaryEntry, Touched, field_code_words};
use leptos::prelude::*;
use vitrina_core::FieldError;
use vitrina_core::api::{ContactSettings, TimeRange};
use vitrina_core::civil::Weekday;

/// A field of the draft as a [`Model`]: `lens!(draft, messages.enabled)`.
macro_rules! lens {
    ($draft:expr, $($field:ident).+) => {
        $draft.field(|s| &s.$($field).+, |s| &mut s.$($field).+)
    };
}
pub(crate) use lens;

/// The settings as edited: the single source of truth for every field of the editor.
#[derive(Clone, Copy)]
pub struct Draft(RwSignal<ContactSettings>);

impl Draft {
    pub fn new(settings: ContactSettings) -> Self {
        Draft(RwSignal::new(settings))
    }

    /// All of the settings, for what reads them as a whole (the rules, the preview).
    pub fn settings(self) -> Signal<ContactSettings> {
        self.0.into()
    }

    /// Replaces the settings (with those saved): every field whose value changed re-renders.
    pub fn set(self, settings: ContactSettings) {
        self.0.set(settings);
    }

    /// Whether the seller takes contact at all (without, the channels' sections are disabled).
    pub fn accepts_contact(self) -> Model<bool> {
        lens!(self, accepts_contact)
    }

    /// Reads the settings as they are now, without tracking them.
    pub fn with_untracked<R>(self, f: impl FnOnce(&ContactSettings) -> R) -> R {
        self.0.with_untracked(f)
    }

    /// One field of the settings as a control's value, the field named by where it is read and
    /// written (`lens!` spells both). Generic over the field's type only, so the code exists
    /// once per type, not once per field; a write that changes nothing notifies no one.
    pub fn field<T>(self, get: fn(&ContactSettings) -> &T, get_mut: fn(&mut ContactSettings) -> &mut T) -> Model<T>
    where
        T: Clone + PartialEq + Send + Sync + 'static,
    {
        let settings = self.0;
        let value = Memo::new(move |_| settings.with(|s| get(s).clone()));
        let write = Callback::new(move |new: T| {
            settings.maybe_update(|s| {
                let field = get_mut(s);
                let changed = *field != new;
                if changed {
                    *field = new;
                }
                changed
            })
        });
        Model::from_parts(value.into(), write)
    }
}

/// The element id of a settings field path (`hours.mon.1` → `cs-hours-mon-1`), which the error
/// summary links to.
pub fn field_id(path: &str) -> String {
    format!("cs-{}", path.replace(['.', '_'], "-"))
}

/// One day's ranges in the draft.
pub fn day_ranges(draft: Draft, day: Weekday) -> Model<Vec<TimeRange>> {
    match day {
        Weekday::Mon => lens!(draft, hours.mon),
        Weekday::Tue => lens!(draft, hours.tue),
        Weekday::Wed => lens!(draft, hours.wed),
        Weekday::Thu => lens!(draft, hours.thu),
        Weekday::Fri => lens!(draft, hours.fri),
        Weekday::Sat => lens!(draft, hours.sat),
        Weekday::Sun => lens!(draft, hours.sun),
    }
}

/// A part of the `i`-th item of a list in the draft (a messenger's handle, a date's note). A row
/// that is being removed reads as empty and writes nothing.
pub fn item<T, V>(list: Model<Vec<T>>, i: usize, get: fn(&T) -> V, set: fn(&mut T, V)) -> Model<V>
where
    T: Clone + Send + Sync + 'static,
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
