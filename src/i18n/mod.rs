//! Words in the shopper's language: English, Russian, Ukrainian and Slovak.
//!
//! Each language is a folder of flat JSON tables in `locales/{lang}/`, one per feature (key →
//! text), compiled in and merged on first use. A host test fails when a table lacks a key another has, or when the code asks for a key
//! that no table has. Plurals use the browser's `Intl.PluralRules` with keys suffixed `.one`,
//! `.few`, `.many`, `.other`.

use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use vitrina_core::locale::Locale;

use crate::storage::{self, Store};

const STORAGE_KEY: &str = "vitrina.locale";

/// The tables of one language, one per feature (`locales/{lang}/{feature}.json`).
macro_rules! tables {
    ($lang:literal) => {
        [
            include_str!(concat!("../../locales/", $lang, "/common.json")),
            include_str!(concat!("../../locales/", $lang, "/catalog.json")),
            include_str!(concat!("../../locales/", $lang, "/checkout.json")),
            include_str!(concat!("../../locales/", $lang, "/order.json")),
            include_str!(concat!("../../locales/", $lang, "/tracking.json")),
            include_str!(concat!("../../locales/", $lang, "/contact.json")),
        ]
    };
}

fn sources(locale: Locale) -> [&'static str; 6] {
    match locale {
        Locale::En => tables!("en"),
        Locale::Ru => tables!("ru"),
        Locale::Uk => tables!("uk"),
        Locale::Sk => tables!("sk"),
    }
}

type Table = HashMap<String, String>;

thread_local! {
    static TABLES: RefCell<HashMap<Locale, &'static Table>> = RefCell::new(HashMap::new());
}

fn table(locale: Locale) -> &'static Table {
    TABLES.with(|tables| {
        *tables.borrow_mut().entry(locale).or_insert_with(|| {
            // Parsed once per language for the life of the page.
            let mut merged = Table::new();
            for source in sources(locale) {
                merged.extend(serde_json::from_str::<Table>(source).unwrap_or_default());
            }
            Box::leak(Box::new(merged))
        })
    })
}

/// Looks a key up in `locale`, then in English; a key nobody has is shown as itself.
pub fn lookup(locale: Locale, key: &str) -> String {
    table(locale).get(key).or_else(|| table(Locale::En).get(key)).cloned().unwrap_or_else(|| key.to_owned())
}

/// Replaces `{name}` placeholders.
pub fn interpolate(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = text.to_owned();
    for (name, value) in args {
        out = out.replace(&format!("{{{name}}}"), value);
    }
    out
}

/// The interface language, shared by the whole app.
#[derive(Clone, Copy)]
pub struct I18n {
    pub locale: RwSignal<Locale>,
}

impl I18n {
    /// The shopper's own preference: an earlier choice, else the first of the browser's languages
    /// that Vitrina speaks. `None` leaves the choice to the store's default.
    pub fn preferred() -> Option<Locale> {
        storage::get_string(Store::Local, STORAGE_KEY)
            .and_then(|t| Locale::from_tag(&t))
            .or_else(|| browser_languages().iter().find_map(|l| Locale::from_tag(l)))
    }

    pub fn new(locale: Locale) -> Self {
        set_document_lang(locale);
        let signal = RwSignal::new(locale);
        Effect::new(move |_| set_document_lang(signal.get()));
        I18n { locale: signal }
    }

    /// Switches language and remembers the choice.
    pub fn set(&self, locale: Locale) {
        storage::set_string(Store::Local, STORAGE_KEY, locale.tag());
        self.locale.set(locale);
    }

    /// The current language (tracked: a view that calls this follows language changes).
    pub fn get(&self) -> Locale {
        self.locale.get()
    }

    /// The text for `key` in the current language.
    pub fn t(&self, key: &str) -> String {
        lookup(self.locale.get(), key)
    }

    /// The text for `key` with `{name}` placeholders filled in.
    pub fn tf(&self, key: &str, args: &[(&str, &str)]) -> String {
        interpolate(&self.t(key), args)
    }

    /// The plural form of `key` for `n` (`{n}` is filled in), chosen by `Intl.PluralRules`.
    pub fn tp(&self, key: &str, n: i64) -> String {
        let locale = self.locale.get();
        let category = plural_category(locale, n);
        let form = format!("{key}.{category}");
        let text = if table(locale).contains_key(&form) { lookup(locale, &form) } else { lookup(locale, &format!("{key}.other")) };
        interpolate(&text, &[("n", &crate::ui::intl::format_integer(n, locale))])
    }
}

/// The app's [`I18n`].
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

fn plural_category(locale: Locale, n: i64) -> String {
    let locales = js_sys::Array::of1(&locale.tag().into());
    let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    rules.select(n as f64).as_string().unwrap_or_else(|| "other".into())
}

fn browser_languages() -> Vec<String> {
    let Some(navigator) = web_sys::window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let mut languages: Vec<String> = navigator.languages().iter().filter_map(|v| v.as_string()).collect();
    if languages.is_empty() {
        languages.extend(navigator.language());
    }
    languages
}

fn set_document_lang(locale: Locale) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", locale.tag());
    }
}
