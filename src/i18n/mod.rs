//! Words in the shopper's language: English, Russian, Ukrainian and Slovak.
//!
//! Each language is a folder of flat JSON tables in `locales/{lang}/`, one per feature (key →
//! text). One area's build (the app as shipped) compiles no words in: it fetches its area's
//! words in the shopper's language (`/locales/{area}/{lang}.json`, only the keys that area's code
//! asks for; `scripts/merge-locales.mjs`), English like any other, keeping built in only what it
//! needs to say that they could not be loaded (`build.rs`). A build of every area (the tests)
//! has English built in and fetches the others whole (`/locales/{lang}.json`). A host test fails
//! when a table lacks a key another has, or when the code asks for a key that no table has.
//! Plurals use the browser's `Intl.PluralRules` with keys suffixed `.one`, `.few`, `.many`,
//! `.other`.

use leptos::prelude::*;
use std::cell::RefCell;
use std::collections::HashMap;
use vitrina_core::api::ApiError;
use vitrina_core::json;
use vitrina_core::locale::Locale;

use crate::storage::{self, Store};

const STORAGE_KEY: &str = "vitrina.locale";

/// The English words built in (`build.rs`): all of them in a build of every area; in one area's
/// build, those of the page that says its words could not be loaded.
const BUILT_IN: &str = include_str!(concat!(env!("OUT_DIR"), "/en.json"));

/// Whether [`BUILT_IN`] is the whole of English (a build of every area).
const ENGLISH_BUILT_IN: bool = cfg!(feature = "bundle-all");

/// Where this build's words are fetched from: `{WORDS}/{lang}.json`.
const WORDS: &str = env!("VITRINA_WORDS");

type Table = HashMap<String, String>;

thread_local! {
    static TABLES: RefCell<HashMap<Locale, &'static Table>> = RefCell::new(HashMap::new());
    static RESCUE: &'static Table = Box::leak(Box::new(json::from_str::<Table>(BUILT_IN).unwrap_or_default()));
}

/// Makes `sources` (JSON tables) the words of `locale`, replacing any it had.
pub fn install(locale: Locale, sources: &[&str]) {
    let mut merged = Table::new();
    for source in sources {
        merged.extend(json::from_str::<Table>(source).unwrap_or_default());
    }
    // Installed once per language for the life of the page.
    let table: &'static Table = Box::leak(Box::new(merged));
    TABLES.with(|tables| tables.borrow_mut().insert(locale, table));
}

fn installed(locale: Locale) -> Option<&'static Table> {
    TABLES.with(|tables| tables.borrow().get(&locale).copied())
}

/// The word for `key` in `locale`, else in English (fetched or built in).
fn find(locale: Locale, key: &str) -> Option<&'static String> {
    let english = || {
        if ENGLISH_BUILT_IN && installed(Locale::En).is_none() {
            install(Locale::En, &[BUILT_IN]);
        }
        installed(Locale::En)
    };
    installed(locale)
        .and_then(|t| t.get(key))
        .or_else(|| english().and_then(|t| t.get(key)))
        .or_else(|| RESCUE.with(|rescue| rescue.get(key)))
}

/// Fetches a language's words (`{WORDS}/{lang}.json`, beside the app) unless it has them, within
/// the store's time limit for a request: words that never come are said like any answer that
/// never comes, with a way to try again.
pub async fn load(locale: Locale, timeout_ms: u32) -> Result<(), ApiError> {
    if installed(locale).is_some() {
        return Ok(());
    }
    if locale == Locale::En && ENGLISH_BUILT_IN {
        install(Locale::En, &[BUILT_IN]);
        return Ok(());
    }
    let text = crate::api::fetch_own_json(&format!("{WORDS}/{}.json", locale.tag()), timeout_ms).await?;
    json::from_str::<Table>(&text).map_err(|e| ApiError::Undecodable(e.to_string()))?;
    install(locale, &[&text]);
    Ok(())
}

/// The words the app starts with: `locale`'s, else English's; the error when it has neither.
pub async fn load_first(locale: Locale, timeout_ms: u32) -> Result<(), ApiError> {
    match load(locale, timeout_ms).await {
        Err(_) if locale != Locale::En => load(Locale::En, timeout_ms).await,
        loaded => loaded,
    }
}

/// Looks a key up in `locale`, then in English; a key nobody has is shown as itself.
pub fn lookup(locale: Locale, key: &str) -> String {
    find(locale, key).cloned().unwrap_or_else(|| key.to_owned())
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
    /// The language the shopper last chose whose words could not be loaded (the page stays in
    /// the one it is in, and says so), until a switch succeeds.
    pub unavailable: RwSignal<Option<Locale>>,
    /// The store's time limit for a request (`request_timeout_ms`), which fetching words keeps.
    pub time_limit: StoredValue<u32>,
}

impl I18n {
    /// The shopper's own preference: an earlier choice, else the first of the browser's languages
    /// that Vitrina speaks. `None` leaves the choice to the store's default.
    pub fn preferred() -> Option<Locale> {
        let chosen = storage::get_string(Store::Local, STORAGE_KEY).and_then(|t| Locale::from_tag(&t));
        // A choice made before the server was told of choices is told now, for the next page.
        if let Some(locale) = chosen {
            tell_pages(locale);
        }
        chosen.or_else(|| browser_languages().iter().find_map(|l| Locale::from_tag(l)))
    }

    pub fn new(locale: Locale, time_limit_ms: u32) -> Self {
        set_document_lang(locale);
        let signal = RwSignal::new(locale);
        Effect::new(move |_| set_document_lang(signal.get()));
        I18n { locale: signal, unavailable: RwSignal::new(None), time_limit: StoredValue::new(time_limit_ms) }
    }

    /// Switches language (once its words are here) and remembers the choice. Without its words
    /// the page stays in the language it is in, and [`I18n::unavailable`] says which could not
    /// be loaded.
    pub fn set(&self, locale: Locale) {
        let (signal, unavailable, time_limit) = (self.locale, self.unavailable, self.time_limit.get_value());
        leptos::task::spawn_local(async move {
            if load(locale, time_limit).await.is_err() {
                unavailable.set(Some(locale));
                return;
            }
            storage::set_string(Store::Local, STORAGE_KEY, locale.tag());
            tell_pages(locale);
            unavailable.set(None);
            // The page's language first: what is asked again for the new language is asked
            // with it (`Accept-Language`), whichever effect runs first.
            set_document_lang(locale);
            signal.set(locale);
        });
    }

    /// Fetches the other languages ahead of a switch (when the switcher is reached).
    pub fn prefetch_all(&self) {
        let time_limit = self.time_limit.get_value();
        leptos::task::spawn_local(async move {
            for locale in Locale::ALL {
                let _ = load(locale, time_limit).await;
            }
        });
    }

    /// The current language (tracked: a view that calls this follows language changes).
    pub fn get(&self) -> Locale {
        self.locale.get()
    }

    /// The text for `key` in the current language.
    pub fn t(&self, key: &str) -> String {
        lookup(self.locale.get(), key)
    }

    /// The text for `key`, as a view's text or an attribute's value that follows the language:
    /// one function for every key, where a closure written at each place is compiled once per
    /// place.
    pub fn text(self, key: &'static str) -> impl Fn() -> String + Copy + Send + Sync + 'static {
        move || self.t(key)
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
        let text = if find(locale, &form).is_some() { lookup(locale, &form) } else { lookup(locale, &format!("{key}.other")) };
        interpolate(&text, &[("n", &crate::ui::intl::format_integer(n, locale))])
    }
}

/// The app's [`I18n`].
pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

fn plural_category(locale: Locale, n: i64) -> String {
    thread_local! {
        /// Each language's rules, made once (a plural is chosen for every count on the page).
        static RULES: std::cell::RefCell<Vec<(Locale, js_sys::Intl::PluralRules)>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let category = RULES.with_borrow_mut(|made| {
        let at = made.iter().position(|(l, _)| *l == locale).unwrap_or_else(|| {
            made.push((locale, js_sys::Intl::PluralRules::new(&js_sys::Array::of1(&locale.tag().into()), &js_sys::Object::new())));
            made.len() - 1
        });
        made[at].1.select(n as f64)
    });
    category.as_string().unwrap_or_else(|| "other".into())
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

/// Keeps the shopper's choice where the server reads it (`LANGUAGE_COOKIE`), so that the next
/// page arrives in it rather than changing language when the app takes over.
fn tell_pages(locale: Locale) {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok()) else {
        return;
    };
    let secure = if document.location().and_then(|l| l.protocol().ok()).as_deref() == Some("https:") { "; secure" } else { "" };
    let cookie = format!("{}={}; path=/; max-age=31536000; samesite=lax{secure}", vitrina_core::locale::LANGUAGE_COOKIE, locale.tag());
    let _ = document.set_cookie(&cookie);
}

fn set_document_lang(locale: Locale) {
    if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
        let _ = root.set_attribute("lang", locale.tag());
    }
}
