//! Page furniture: the store's name, the document title, the page heading that takes focus,
//! loading states, and the pages for no page at all.

use crate::i18n::use_i18n;
use crate::router::A;
use leptos::html;
use leptos::prelude::*;
use vitrina_core::routes::Page;

/// The store as `config.json` describes it (provided by the app once it has started): every fact
/// a store decides — countries, currency, documents, limits, whether it is a demo — is read from
/// here or from the answer being shown, never from a constant of the app.
#[derive(Clone, Debug, PartialEq)]
pub struct StoreInfo {
    pub name: String,
    pub currency: String,
    /// The store's help pages (`help_url` in `config.json`, already checked).
    pub help_url: String,
    pub config: std::sync::Arc<vitrina_core::api::AppConfig>,
}

impl StoreInfo {
    pub fn new(config: &vitrina_core::api::AppConfig) -> Self {
        StoreInfo {
            name: config.store_name.clone(),
            currency: config.currency.clone(),
            help_url: config.help_url.clone(),
            config: std::sync::Arc::new(config.clone()),
        }
    }

    /// Nothing yet, in the store's currency (an empty or not yet loaded cart).
    pub fn zero(&self) -> vitrina_core::Money {
        vitrina_core::Money::new(0, &self.currency)
    }

    /// The offer and terms the shopper accepts, if the store names them.
    pub fn terms(&self) -> Option<&vitrina_core::api::StoreDocument> {
        self.config.documents.iter().find(|d| d.kind == vitrina_core::api::DocumentKind::Terms)
    }
}

/// "Terms version …", as a link that opens that version when the store names its terms document.
#[component]
pub fn TermsLink(
    /// The version accepted (or about to be).
    version: String,
) -> impl IntoView {
    let i18n = use_i18n();
    let text = {
        let version = version.clone();
        move || i18n.tf("review.terms_version", &[("version", &version)])
    };
    match use_context::<StoreInfo>().and_then(|s| s.terms().map(|t| (t.url_of(&version), t.title.clone()))) {
        Some((href, title)) => view! {
            <a href=href target="_blank" rel="noopener" class="terms-link" data-testid="terms-link">{title}</a> " · " {text}
        }
        .into_any(),
        None => text.into_any(),
    }
}

/// Sets the document's title to "`page` · store name".
pub fn set_title(page: &str) {
    let store = use_context::<StoreInfo>().map(|s| s.name).unwrap_or_default();
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let title = if store.is_empty() { page.to_owned() } else { format!("{page} · {store}") };
        document.set_title(&title);
    }
}

/// The page's `<h1>`: it names the page in the title and, when the page was opened within the
/// app (or came back in place of what had the focus), takes focus, so a screen reader announces
/// where the shopper has arrived (`router::heading_takes_focus`). A page the browser loaded leaves
/// the focus at the top of the document, where the browser announces it and the first Tab reaches
/// the skip link (and nothing waits on a layout forced in the first render).
#[component]
pub fn PageHeading(
    /// Key of the heading's text.
    #[prop(optional)]
    key: &'static str,
    /// The heading's text, when it is not a fixed key ("Order 1042").
    #[prop(optional, into)]
    text: Option<Signal<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let heading = NodeRef::<html::H1>::new();
    let words = move || text.map(|t| t.get()).unwrap_or_else(|| i18n.t(key));
    Effect::new(move |_| set_title(&words()));
    Effect::new(move |_| {
        if let Some(h) = heading.get()
            && crate::router::heading_takes_focus()
        {
            let _ = h.focus();
        }
    });
    view! { <h1 node_ref=heading tabindex="-1">{words}</h1> }
}

/// A loading placeholder that screen readers announce politely.
#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! { <p class="loading" role="status" aria-live="polite">{i18n.text("state.loading")}</p> }
}

/// A helpful not-found page: what happened and where to go.
#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    set_title(&i18n.t("not_found.title"));
    view! {
        <section class="page page--narrow">
            <h1>{i18n.text("not_found.title")}</h1>
            <p>{i18n.text("not_found.body")}</p>
            <ul class="link-list">
                <li><A href=Page::Catalog.href()>{i18n.text("not_found.catalog")}</A></li>
                <li><A href=Page::OrderLookup.href()>{i18n.text("nav.orders")}</A></li>
                <li><A href=Page::TrackLookup.href()>{i18n.text("nav.track")}</A></li>
            </ul>
        </section>
    }
}

/// The leads of the page as the server sent it (`vitrina_core::routes::Lead`: an order's thanks
/// and e-mail), each key's text and language, and the page they belong to, read before the app
/// takes the page's place. That page shows them until its own data has come, where they are in
/// its language, so the largest words of the first paint stay as they are.
#[derive(Clone, Default)]
pub struct SentLeads {
    page: Option<Page>,
    texts: Vec<(&'static str, String, String)>,
}

impl SentLeads {
    /// Read from the page's static shell.
    pub fn read(leads: &[vitrina_core::routes::Lead]) -> Self {
        let Some(window) = web_sys::window() else {
            return SentLeads::default();
        };
        let location = window.location();
        let address = format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
        let Some(document) = window.document() else {
            return SentLeads::default();
        };
        let texts = leads.iter().filter_map(|lead| {
            let element = document.query_selector(&format!("#app > [data-shell] [data-lead=\"{}\"]", lead.key)).ok().flatten()?;
            Some((lead.key, element.get_attribute("lang")?, element.text_content()?))
        });
        SentLeads { page: Page::parse(&address), texts: texts.collect() }
    }

    /// The text `page` was sent with for `key`, where it is in `locale`.
    pub fn text(&self, page: &Page, key: &str, locale: vitrina_core::locale::Locale) -> Option<String> {
        if self.page.as_ref() != Some(page) {
            return None;
        }
        self.texts.iter().find(|(k, lang, _)| *k == key && lang == locale.tag()).map(|(_, _, text)| text.clone())
    }
}
