//! Serving the built app: its files with the right cache lifetimes, and its page for every route
//! the app knows (so shared links and reloads work), with 404 for paths it does not.
//!
//! `make build` writes `.br` and `.gz` beside each file; tower-http sends whichever the browser
//! accepts (`precompressed_br().precompressed_gzip()`), for the files and the pages alike.
//!
//! A page built with an empty `<script type="application/json" id="vitrina-config">` in its head
//! is sent with this server's `config.json` written into it, its `lang` the shopper's language
//! (`page_language`: the language the app will show, else the store's), its static header showing
//! the store's name and its words in that language, and the page's outline
//! (`Page::outline`: its frame and heading) where the shell keeps a place for it (each page
//! rendered and compressed once per outline, on first use): the app starts without asking for
//! its configuration first, and the first paint is already the page the address names, which the
//! app then takes over without moving anything.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use sha2::Digest;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use tower::{ServiceBuilder, ServiceExt};
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use vitrina_core::api::Account;

use vitrina_core::checkout::Step;
use vitrina_core::locale::{LANGUAGE_COOKIE, Locale};
use vitrina_core::routes::{
    Area, CHECKOUT_STEP_NAMES, CHECKOUT_STEPS_LABEL, CHECKOUT_SUMMARY, FALLBACK_HTML, Frame, Outline, Page, SIGN_IN_DEMO, SIGN_IN_FORM,
};

/// Files the app loads that never change under their name: kept for a year.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";
/// Everything else is asked for again before each use.
const REVALIDATE: &str = "no-cache";

/// The built app in `dist`, as this server sends it.
#[derive(Clone)]
pub struct Site {
    dist: PathBuf,
    facts: Arc<StoreFacts>,
    /// Each page file with the store's facts written in, by language (`None`: a page without
    /// the config element, sent as built).
    templates: Arc<Mutex<Templates>>,
    /// Pages as sent, by page file, language, outline and first requests (bounded: see
    /// [`RENDERED_KEPT`]).
    rendered: Arc<Mutex<HashMap<PageKey, Arc<RenderedPage>>>>,
    /// Each page file's Content-Security-Policy: its own inline code only (read once, at start).
    policies: Arc<HashMap<String, HeaderValue>>,
}

/// Each page file in each language, once read (`None`: it has no place for the store's facts).
type Templates = HashMap<(&'static str, Locale), Option<Arc<Template>>>;

/// A page as sent differs by its file, its language, its outline and the requests it starts.
type PageKey = (&'static str, Locale, Option<Outline>, Vec<String>);

/// A page differs by the browser's languages and the shopper's choice, besides its encoding.
const PAGE_VARY: &str = "accept-encoding, accept-language, cookie";

/// How many pages, as sent for an address, are kept rendered and compressed; past that a page is
/// rendered for each request (each order's page differs by its number).
const RENDERED_KEPT: usize = 256;

/// What the server writes into a page.
struct StoreFacts {
    /// `config.json`, safe inside a `<script>` element.
    config_json: String,
    /// The store's name, escaped for HTML text.
    name_html: String,
    /// The store's default language (the page's, where the shopper's is not known).
    locale: Locale,
    /// Where the app finds the API (`api_base_url`).
    api_base: String,
    /// A demo store: the sign-in page shows its demo accounts.
    demo: bool,
}

/// The element a page leaves empty for the configuration.
const CONFIG_ELEMENT: &str = r#"<script type="application/json" id="vitrina-config"></script>"#;
/// The static header's placeholder for the store's name (in whichever element holds it).
const BRAND_PLACEHOLDER: &str = r#"class="site-header__brand">&nbsp;<"#;
/// The end of the element a page leaves empty for the backend's answers it asks for first (its
/// start may name where the build's words are).
const EARLY_ELEMENT: &str = r#"id="vitrina-early"></script>"#;
/// The static shell's place for the page's outline: this element, up to its `</section>`.
const OUTLINE_ELEMENT: &str = r#"<section class="page" data-outline>"#;
/// The static header as built.
const STATIC_HEADER: &str = r#"<header class="site-header" data-shell>"#;

/// A page file with the store's facts and words written in, before the page's own outline.
struct Template {
    html: String,
    /// The page's language's words (the app's `locales/{lang}.json`), for the outlines.
    words: HashMap<String, String>,
    /// A demo store (its sign-in page shows the demo accounts).
    demo: bool,
    /// The language of its words.
    lang: &'static str,
}

/// A page as sent, and its brotli.
struct RenderedPage {
    html: Vec<u8>,
    brotli: Vec<u8>,
    etag: HeaderValue,
}

impl Site {
    pub fn new(dist: PathBuf, config: &vitrina_core::api::AppConfig) -> Self {
        let config_json = script_json(config);
        let locale = Locale::from_tag(&config.default_locale).unwrap_or(Locale::En);
        let facts = StoreFacts {
            config_json,
            name_html: escape_html(&config.store_name),
            locale,
            api_base: config.api_base_url.clone(),
            demo: config.demo,
        };
        let policies = super::headers::page_policies(&dist);
        Site { dist, facts: Arc::new(facts), templates: Arc::default(), rendered: Arc::default(), policies: Arc::new(policies) }
    }

    /// The folder of the built app.
    pub fn dir(&self) -> &Path {
        &self.dist
    }

    /// Serves a request for the app; `account` says who the request's session signs in, and
    /// `leads` what the page's leads name (`Outline::leads`: an order's customer and e-mail, by
    /// placeholder), both awaited only for a page the server writes.
    pub async fn serve(
        &self,
        request: Request,
        account: impl Future<Output = Option<Account>>,
        leads: impl Future<Output = Option<LeadValues>>,
    ) -> Response {
        serve(self, request, account, leads).await
    }

    /// The language a page is sent in for `request`: the one the app will show, so nothing
    /// changes language when it takes over. That is the shopper's earlier choice (the app keeps
    /// it in [`LANGUAGE_COOKIE`]), else the first of the browser's languages (`Accept-Language`,
    /// which the browser sends in the order the app reads them) that Vitrina speaks, else the
    /// store's.
    fn page_language(&self, request: &HeaderMap) -> Locale {
        let chosen = axum_extra::extract::cookie::CookieJar::from_headers(request).get(LANGUAGE_COOKIE).map(|c| c.value().to_owned());
        let accepted = request.get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok());
        crate::intl::negotiate(chosen.as_deref(), accepted, self.facts.locale)
    }

    /// `page` in `locale`; where the build has no words in it, in the store's language.
    async fn template(&self, page: &'static str, locale: Locale) -> Option<Arc<Template>> {
        if let Some(known) = self.templates.lock().ok()?.get(&(page, locale)) {
            return known.clone();
        }
        let html = tokio::fs::read_to_string(self.dist.join(page)).await.ok()?;
        let read = |locale: Locale| {
            let path = self.dist.join("locales").join(format!("{}.json", locale.tag()));
            async move { serde_json::from_slice::<HashMap<String, String>>(&tokio::fs::read(path).await.ok()?).ok() }
        };
        // The words of the language, as the app fetches them; without them the store's; without
        // those the page keeps the English it was built with.
        let (locale_used, words) = match read(locale).await {
            Some(words) => (locale, words),
            None => (self.facts.locale, read(self.facts.locale).await.unwrap_or_default()),
        };
        let template = Template::of(&html, &self.facts, locale_used, words).map(Arc::new);
        self.templates.lock().ok()?.insert((page, locale), template.clone());
        template
    }

    /// `page` as sent in `locale` for `address` (path and query), or `None` when it has no place
    /// for the store's facts.
    async fn rendered(&self, page: &'static str, locale: Locale, address: &str, seller_id: Option<&str>) -> Option<Arc<RenderedPage>> {
        let shown = Page::parse(address);
        let requests = self.first_requests(shown.as_ref(), seller_id);
        let key = (page, locale, shown.map(|p| p.outline()), requests);
        if let Some(known) = self.rendered.lock().ok()?.get(&key) {
            return Some(known.clone());
        }
        let template = self.template(page, locale).await?;
        let (outline, requests) = (key.2.clone(), key.3.clone());
        let rendered = tokio::task::spawn_blocking(move || RenderedPage::of(template.page(outline.as_ref(), &requests, None), 11))
            .await
            .ok()?
            .map(Arc::new)?;
        let mut kept = self.rendered.lock().ok()?;
        if kept.len() < RENDERED_KEPT {
            kept.insert(key, rendered.clone());
        }
        Some(rendered)
    }

    /// The backend's answers the page at `shown` asks for at once (for a browser signed in as
    /// the seller `seller_id`, where one is), as addresses on this server.
    fn first_requests(&self, shown: Option<&Page>, seller_id: Option<&str>) -> Vec<String> {
        let requests = shown.map(|page| page.first_requests(seller_id)).unwrap_or_default();
        requests.into_iter().map(|path| format!("{}{path}", self.facts.api_base.trim_end_matches('/'))).collect()
    }

    /// The page of `template` for `address` with its leads naming `values`, written for this
    /// answer alone; `None` unless the leads are written (no page there, or a word missing).
    fn with_leads(&self, template: &Template, address: &str, values: &LeadValues) -> Option<String> {
        let shown = Page::parse(address)?;
        let outline = shown.outline();
        let leads = template.leads_html(&outline, values)?;
        Some(template.page(Some(&outline), &self.first_requests(Some(&shown), None), Some(&leads)))
    }
}

/// What a page's leads name.
pub enum LeadValues {
    /// By placeholder (`Lead::placeholder`): an order's customer's name and e-mail.
    Named(Vec<(&'static str, String)>),
    /// A shipment's latest news as its carrier worded it (`TRACKING_LEADS`).
    CarrierNews(CarrierNews),
}

impl LeadValues {
    /// Whether they name a person (an order's customer), so the page is never kept.
    fn name_a_person(&self) -> bool {
        matches!(self, LeadValues::Named(_))
    }
}

/// A shipment's latest event as the tracking page's summary shows it.
pub struct CarrierNews {
    /// The carrier's status, in its words.
    pub status: String,
    /// The carrier's language (a checked tag), which marks its words.
    pub language: Option<String>,
    pub location: String,
    pub time: vitrina_core::api::EventTime,
}

impl Template {
    /// `html` with the store's facts and `locale`'s words written in; `None` when it has no place
    /// for them.
    fn of(html: &str, facts: &StoreFacts, locale: Locale, words: HashMap<String, String>) -> Option<Self> {
        if !html.contains(CONFIG_ELEMENT) {
            return None;
        }
        let lang = locale.tag();
        let mut html = html
            .replacen(CONFIG_ELEMENT, &format!(r#"<script type="application/json" id="vitrina-config">{}</script>"#, facts.config_json), 1)
            .replacen(BRAND_PLACEHOLDER, &format!(r#"class="site-header__brand">{}<"#, facts.name_html), 1)
            .replacen(r#"<html lang="en">"#, &format!(r#"<html lang="{lang}">"#), 1);
        // The language switcher shows the page's language.
        if lang != "en" {
            html = html.replacen(r#"<option value="en" lang="en" selected>"#, r#"<option value="en" lang="en">"#, 1).replacen(
                &format!(r#"<option value="{lang}" lang="{lang}">"#),
                &format!(r#"<option value="{lang}" lang="{lang}" selected>"#),
                1,
            );
        }
        let html = write_words(&html, &words);
        Some(Template { html, words, demo: facts.demo, lang })
    }

    /// The page's word for `key`, escaped for HTML, with `value` for its placeholder; `None`
    /// when its language has no such word.
    fn word(&self, key: &str, value: Option<&(&str, String)>) -> Option<String> {
        let mut text = self.words.get(key)?.clone();
        if let Some((name, value)) = value {
            text = text.replace(&format!("{{{name}}}"), value);
        }
        Some(escape_html(&text))
    }

    /// The page with `outline` (the page's frame, heading and the words under it, and `leads`,
    /// its leads as written, where there are any) in the place the shell keeps for it (as built
    /// when the address is no page or a word is missing), and `requests` (addresses on this
    /// server) named to be asked for at once.
    fn page(&self, outline: Option<&Outline>, requests: &[String], leads: Option<&str>) -> String {
        let section = outline.and_then(|o| self.outline_html(o, leads.unwrap_or_default()));
        let (mut html, written) = match (section, self.html.find(OUTLINE_ELEMENT)) {
            (Some(section), Some(start)) => match self.html[start..].find("</section>") {
                Some(end) => (format!("{}{section}{}", &self.html[..start], &self.html[start + end + "</section>".len()..]), true),
                None => (self.html.clone(), false),
            },
            _ => (self.html.clone(), false),
        };
        // A checkout step's header is the checkout's from the first byte (the store's name, the
        // cart and the language): the stylesheet otherwise knows a checkout by its steps' list,
        // further down, and a page painted before the parser reaches it would show the whole
        // navigation, then move everything under it up.
        if written && outline.is_some_and(|o| matches!(o.frame, Frame::Checkout(_))) {
            html = html.replacen(STATIC_HEADER, r#"<header class="site-header" data-shell data-checkout>"#, 1);
        }
        // A page whose outline is what it is for is painted before its code is asked for
        // (`Outline::paint_first`; the page's loader reads the mark); so is a page whose leads
        // are written, its largest words.
        if written && (outline.is_some_and(|o| o.paint_first) || leads.is_some()) {
            html = html.replacen("<html ", "<html data-paint-first ", 1);
        } else if let Some(wasm) = app_code(&html) {
            // Any other page asks for its code at once: the wasm, its largest download, is named
            // in the head, so the browser starts it while it parses the page.
            let link = format!(r#"<link rel="preload" href="{wasm}" as="fetch" type="application/wasm" crossorigin></head>"#);
            html = html.replacen("</head>", &link, 1);
        }
        // Only paths of this server: a backend elsewhere is left for the app to ask.
        let requests: Vec<&String> = requests.iter().filter(|r| r.starts_with('/') && !r.starts_with("//")).collect();
        if requests.is_empty() {
            return html;
        }
        html.replacen(EARLY_ELEMENT, &format!(r#"id="vitrina-early">{}</script>"#, script_json(&requests)), 1)
    }

    /// The outline's leads with `values`, in the words' language; `None` unless there is every
    /// one.
    fn leads_html(&self, outline: &Outline, values: &LeadValues) -> Option<String> {
        if outline.leads.is_empty() {
            return None;
        }
        let mut html = String::new();
        for lead in outline.leads {
            let text = match values {
                LeadValues::Named(values) => {
                    let value = values.iter().find(|(name, _)| *name == lead.placeholder)?;
                    self.word(lead.key, Some(&(lead.placeholder, value.1.clone())))?
                }
                LeadValues::CarrierNews(news) => self.carrier_news(lead.key, news)?,
            };
            html.push_str(&format!(r#"<p class="{}" data-lead="{}" lang="{}">{text}</p>"#, lead.class, lead.key, self.lang));
        }
        Some(html)
    }

    /// The tracking page's line of the carrier's latest news, as its summary writes it (in the
    /// place's time and zone, the app's default): `None` for a news without status or a time
    /// that does not read as one, which the app words in ways of its own.
    fn carrier_news(&self, key: &str, news: &CarrierNews) -> Option<String> {
        use vitrina_core::tracking::{PlaceZone, clip};
        if news.status.trim().is_empty() {
            return None;
        }
        let locale = Locale::from_tag(self.lang)?;
        let time = crate::intl::Intl::new(locale).date_time_medium(news.time.local_date()?, news.time.minutes_of_day()?)?;
        let zone = match news.time.place_zone() {
            PlaceZone::Known(zone) => escape_html(&zone),
            PlaceZone::WithoutOffset(zone) => self.word("track.time.zone_without_offset", Some(&("zone", zone.to_owned())))?,
            PlaceZone::Unknown => self.word("track.time.no_zone", None)?,
        };
        let datetime = news.time.datetime_attribute()?;
        let lang = news.language.as_deref().map(|tag| format!(r#" lang="{}""#, escape_html(tag))).unwrap_or_default();
        let mut html =
            format!(r#"<span class="muted">{} </span><q{lang}>{}</q>"#, self.word(key, None)?, escape_html(&clip(&news.status, 500)));
        if !news.location.trim().is_empty() {
            html.push_str(&format!(" · <span>{}</span>", escape_html(&clip(&news.location, 200))));
        }
        html.push_str(&format!(
            r#" · <time datetime="{}">{}</time> <span class="event-time__zone">({zone})</span>"#,
            escape_html(&datetime),
            escape_html(&time)
        ));
        Some(html)
    }

    /// The outline as the app's page shows it before its data has come (with `leads` written
    /// under its heading where there are any).
    fn outline_html(&self, outline: &Outline, leads: &str) -> Option<String> {
        const SKELETON: &str = r#"<div class="skeleton skeleton--line"></div><div class="skeleton skeleton--block"></div>"#;
        let heading = format!(r#"<h1 tabindex="-1">{}</h1>"#, self.word(outline.heading, outline.heading_value.as_ref())?);
        let intro = match outline.intro {
            Some(intro) => {
                let text = self.word(intro.key, None)?;
                if intro.muted { format!(r#"<p class="muted">{text}</p>"#) } else { format!("<p>{text}</p>") }
            }
            None => String::new(),
        };
        Some(match outline.frame {
            Frame::Plain => format!(r#"<section class="{}" data-outline>{heading}{leads}{intro}{SKELETON}</section>"#, outline.class),
            Frame::OrderHead => {
                format!(
                    r#"<section class="{}" data-outline><div class="order-page__head">{heading}</div>{leads}{intro}{SKELETON}</section>"#,
                    outline.class
                )
            }
            Frame::SignIn => {
                let [email, password, button] = SIGN_IN_FORM.map(|key| self.word(key, None));
                let field = |label: String, kind| {
                    format!(
                        r#"<div class="field"><label class="field__label" for="shell-sign-in-{kind}">{label}</label><input class="field__input" id="shell-sign-in-{kind}" type="{kind}" disabled></div>"#
                    )
                };
                let demo = match self.demo {
                    true => format!(r#"<p class="muted sign-in__demo">{}</p>"#, self.word(SIGN_IN_DEMO, None)?),
                    false => String::new(),
                };
                format!(
                    r#"<section class="{}" data-outline>{heading}<form class="form">{}{}<button class="button button--primary" type="submit" disabled>{}</button></form>{demo}</section>"#,
                    outline.class,
                    field(email?, "email"),
                    field(password?, "password"),
                    button?,
                )
            }
            Frame::Checkout(step) => {
                let current = Step::ALL.into_iter().position(|s| s.page() == Page::Checkout(step))?;
                let mut items = String::new();
                for (i, (step, key)) in Step::ALL.into_iter().zip(CHECKOUT_STEP_NAMES).enumerate() {
                    let label = self.word(key, None)?;
                    items.push_str(&match i.cmp(&current) {
                        std::cmp::Ordering::Less => {
                            format!(r#"<li class="steps__item steps__item--done"><a href="{}">{label}</a></li>"#, step.page().href())
                        }
                        std::cmp::Ordering::Equal => {
                            format!(r#"<li class="steps__item steps__item--current" aria-current="step">{label}</li>"#)
                        }
                        std::cmp::Ordering::Greater => format!(r#"<li class="steps__item">{label}</li>"#),
                    });
                }
                format!(
                    r#"<div data-outline><nav class="steps" aria-label="{}"><ol class="steps__list">{items}</ol></nav><div class="checkout"><div class="checkout__main">{heading}{intro}{SKELETON}</div><aside class="checkout__summary" aria-labelledby="summary-heading"><h2 id="summary-heading">{}</h2></aside></div></div>"#,
                    self.word(CHECKOUT_STEPS_LABEL, None)?,
                    self.word(CHECKOUT_SUMMARY, None)?,
                )
            }
        })
    }
}

/// The address of the wasm the page's loader fetches (`fetch('/vitrina-app-…_bg.wasm'`).
fn app_code(html: &str) -> Option<&str> {
    let end = html.find("_bg.wasm'")? + "_bg.wasm".len();
    let start = html[..end].rfind('\'')? + 1;
    Some(&html[start..end]).filter(|path| path.starts_with('/') && !path.contains(['"', '<', ' ']))
}

/// `html` with the text of each `data-i18n="key"` element and the `aria-label` before each
/// `data-i18n-label="key"` written in `words` (left as built where a key has no word).
fn write_words(html: &str, words: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("data-i18n") {
        let (before, from) = rest.split_at(at);
        let label = from.starts_with("data-i18n-label=\"");
        let attribute = if label { "data-i18n-label=\"" } else { "data-i18n=\"" };
        let Some(key) = from.strip_prefix(attribute).and_then(|k| k.split('"').next()) else {
            out.push_str(before);
            out.push_str("data-i18n");
            rest = &from["data-i18n".len()..];
            continue;
        };
        let word = words.get(key).map(|w| escape_html(w));
        let after = &from[attribute.len() + key.len() + 1..];
        if label {
            // `aria-label="…" data-i18n-label="key"`: the label just before.
            match (word, before.rfind("aria-label=\"")) {
                (Some(word), Some(label_at)) if before.ends_with("\" ") => {
                    out.push_str(&before[..label_at]);
                    out.push_str(&format!("aria-label=\"{word}\" "));
                }
                _ => out.push_str(before),
            }
            out.push_str(&from[..attribute.len() + key.len() + 1]);
            rest = after;
        } else {
            out.push_str(before);
            out.push_str(&from[..attribute.len() + key.len() + 1]);
            // `data-i18n="key">text<`: the element's text.
            match (word, after.strip_prefix('>').and_then(|a| a.find('<').map(|end| (a, end)))) {
                (Some(word), Some((text, end))) => {
                    out.push('>');
                    out.push_str(&word);
                    rest = &text[end..];
                }
                _ => rest = after,
            }
        }
    }
    out.push_str(rest);
    out
}

impl RenderedPage {
    /// The page as sent, compressed at `quality` (11 for a page kept for every address; less for
    /// one written for an answer).
    fn of(html: String, quality: i32) -> Option<Self> {
        let html = html.into_bytes();
        let brotli = compress_brotli(&html, quality)?;
        let digest = sha2::Sha256::digest(&html);
        let etag = HeaderValue::from_str(&format!("\"{}\"", digest[..12].iter().map(|b| format!("{b:02x}")).collect::<String>())).ok()?;
        Some(RenderedPage { html, brotli, etag })
    }

    /// The page with `status`: brotli when the browser takes it, "not modified" when it has it.
    fn answer(&self, status: StatusCode, request: &Request) -> Response {
        let headers = request.headers();
        let has_it = headers
            .get(header::IF_NONE_MATCH)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|tags| tags.split(',').any(|t| t.trim() == "*" || t.trim().as_bytes() == self.etag.as_bytes()));
        let mut response = if has_it && status == StatusCode::OK {
            StatusCode::NOT_MODIFIED.into_response()
        } else if takes_brotli(headers) {
            brotli_answer(status, self.brotli.clone())
        } else {
            (status, self.html.clone()).into_response()
        };
        let headers = response.headers_mut();
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(REVALIDATE));
        headers.insert(header::VARY, HeaderValue::from_static(PAGE_VARY));
        headers.insert(header::ETAG, self.etag.clone());
        response
    }
}

/// `bytes` in brotli at `quality` (11 for a page compressed once; less for one made per answer).
fn compress_brotli(bytes: &[u8], quality: i32) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let params = brotli::enc::BrotliEncoderParams { quality, lgwin: 22, ..Default::default() };
    brotli::BrotliCompress(&mut &bytes[..], &mut out, &params).ok()?;
    Some(out)
}

/// An answer of brotli bytes, so marked.
fn brotli_answer(status: StatusCode, bytes: Vec<u8>) -> Response {
    let mut response = (status, bytes).into_response();
    response.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("br"));
    response
}

/// Whether the request's `Accept-Encoding` takes brotli (`br`, without `q=0`).
fn takes_brotli(headers: &HeaderMap) -> bool {
    headers.get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).is_some_and(|accepted| {
        accepted.split(',').any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            parts.next() == Some("br")
                && parts.find_map(|p| p.strip_prefix("q=")).is_none_or(|q| q.trim().parse::<f32>().is_ok_and(|q| q > 0.0))
        })
    })
}

/// `value` as JSON that cannot end the `<script>` element it is written into.
fn script_json(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default().replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Serves a request for the app from `dist`.
async fn serve(
    site: &Site,
    request: Request,
    account: impl Future<Output = Option<Account>>,
    leads: impl Future<Output = Option<LeadValues>>,
) -> Response {
    let dist = site.dist.clone();
    let path = request.uri().path().to_owned();
    let looks_like_file = path.rsplit('/').next().is_some_and(|last| last.contains('.'));
    // `//evil.example` (or `/.//evil.example`) is no file and no page: the app's not-found page,
    // never a redirect (a "directory" there would be answered with `Location: //evil.example/`,
    // another site).
    let off_site = path.contains("//") || path.contains('\\') || path.split('/').any(|s| s == "." || s == "..");
    if looks_like_file && path != "/index.html" && !off_site {
        return file(&dist, &path, request).await;
    }
    let area = Area::of(&path);
    let status = if area.is_some() { StatusCode::OK } else { StatusCode::NOT_FOUND };
    // A build split by area has one page per area; a single build has only index.html.
    let page = match area.map(Area::html) {
        Some(page) if tokio::fs::try_exists(dist.join(page)).await.unwrap_or(false) => page,
        _ => FALLBACK_HTML,
    };
    let readable = matches!(*request.method(), axum::http::Method::GET | axum::http::Method::HEAD);
    // The seller's editor, asked for without a session: the sign-in page at once (which the app
    // would otherwise show only once it has started and asked who is signed in).
    if readable && Page::parse(&path) == Some(Page::SellerEditor) && !crate::http::session::carries_session(request.headers()) {
        let sign_in = Page::SignIn { return_to: Page::SellerEditor.href() }.href();
        return (StatusCode::SEE_OTHER, [(header::LOCATION, sign_in), (header::CACHE_CONTROL, REVALIDATE.to_owned())]).into_response();
    }
    let mut response = serve_page(site, page, status, request, account, leads).await;
    // The page's own policy (the layer gives a page it does not know every page's).
    let html = response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|t| t.starts_with("text/html"));
    if let Some(policy) = site.policies.get(page).filter(|_| html || response.status() == StatusCode::NOT_MODIFIED) {
        response.headers_mut().insert(header::CONTENT_SECURITY_POLICY, policy.clone());
    }
    response
}

/// The answer of `page` (a page file of the build) for `request`: as written for it (its leads,
/// its account), as kept for its address, or as built.
async fn serve_page(
    site: &Site,
    page: &'static str,
    status: StatusCode,
    request: Request,
    account: impl Future<Output = Option<Account>>,
    leads: impl Future<Output = Option<LeadValues>>,
) -> Response {
    let readable = matches!(*request.method(), axum::http::Method::GET | axum::http::Method::HEAD);
    let address = request.uri().path_and_query().map_or_else(|| request.uri().path().to_owned(), |a| a.as_str().to_owned());
    let locale = site.page_language(request.headers());
    if readable && let Some(template) = site.template(page, locale).await {
        let (leads, account) = tokio::join!(leads, account);
        // A page with its leads written (an order's customer and e-mail where the address's
        // token opens it, a shipment's latest news) is written for this answer alone; the page
        // kept for every address is not made.
        let shared = account.is_none() && leads.as_ref().is_some_and(|values| !values.name_a_person());
        let sent = match leads {
            Some(values) => site.with_leads(&template, &address, &values),
            None => None,
        };
        if let Some(html) = sent {
            // One that names nobody may be kept, and is "not modified" while it says the same
            // (a shipment without news); one that names a person never is.
            if shared && let Some(page) = RenderedPage::of(html.clone(), 5) {
                return page.answer(status, &request);
            }
            return personal(html, &template, account.as_ref(), status, request.headers());
        }
        let seller_id = account.as_ref().and_then(|a| a.seller_id.as_deref());
        if let Some(rendered) = site.rendered(page, locale, &address, seller_id).await {
            if account.is_some() {
                let html = String::from_utf8_lossy(&rendered.html).into_owned();
                return personal(html, &template, account.as_ref(), status, request.headers());
            }
            return rendered.answer(status, &request);
        }
    }
    page_answer(&site.dist.join(page), status, request).await
}

/// The header's account part of the page as built: "Sign in".
const ACCOUNT_NAV: &str = r#"<div class="account-nav">"#;

/// A personal page (`html`: an order's, naming its customer; or any for a signed-in browser).
/// For a signed-in browser its header names the account and offers to sign out, as the app's
/// header will once it has asked who is signed in, so the header neither says "Sign in" to
/// someone signed in nor moves when the app takes over. Never stored and never "not modified"
/// (the browser may hold the page as sent to nobody); compressed for this answer where the
/// browser takes brotli, at a quality that costs a fraction of a millisecond (about 7 KB instead
/// of 30), since a seller's editor is only ever asked for signed in.
fn personal(html: String, template: &Template, account: Option<&Account>, status: StatusCode, request: &HeaderMap) -> Response {
    let sign_out = template.word("account.sign_out", None).unwrap_or_else(|| "Sign out".to_owned());
    let found = account.and_then(|account| Some((account, html.find(ACCOUNT_NAV)?)));
    let html = match found.and_then(|(account, start)| Some((account, start, html[start..].find("</div>")?))) {
        Some((account, start, end)) => format!(
            r#"{}<div class="account-nav" data-account><span class="account-nav__name">{}</span><button type="button" class="button button--link account-nav__out" disabled data-i18n="account.sign_out">{sign_out}</button></div>{}"#,
            &html[..start],
            escape_html(account.shown_name()),
            &html[start + end + "</div>".len()..],
        ),
        None => html,
    };
    // A middling quality: quick enough to spend on every answer.
    let mut response = match takes_brotli(request).then(|| compress_brotli(html.as_bytes(), 5)).flatten() {
        Some(bytes) => brotli_answer(status, bytes),
        None => (status, html).into_response(),
    };
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::VARY, HeaderValue::from_static(PAGE_VARY));
    response
}

/// A page of the app, with `status` (the app shows its own not-found page under a 404). The
/// page's headers go on the page and on "not modified", not on a refused method.
async fn page_answer(page: &Path, status: StatusCode, request: Request) -> Response {
    let page_header = |name, value| {
        let value = HeaderValue::from_static(value);
        SetResponseHeaderLayer::overriding(name, move |response: &Response<_>| {
            matches!(response.status(), StatusCode::OK | StatusCode::PARTIAL_CONTENT | StatusCode::NOT_MODIFIED).then(|| value.clone())
        })
    };
    let html = ServiceBuilder::new()
        .layer(page_header(header::CONTENT_TYPE, "text/html; charset=utf-8"))
        .layer(page_header(header::CACHE_CONTROL, REVALIDATE))
        .layer(page_header(header::VARY, "accept-encoding"))
        .service(ServeFile::new(page).precompressed_br().precompressed_gzip());
    let mut response = match html.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    };
    if response.status() == StatusCode::NOT_FOUND {
        return (StatusCode::SERVICE_UNAVAILABLE, "The app has not been built: run `make run`.").into_response();
    }
    if response.status() == StatusCode::OK {
        *response.status_mut() = status;
    }
    response
}

/// A file of the built app. Trunk names built files with a content hash
/// (`vitrina-1a2b3c4d_bg.wasm`): they never change, so browsers may keep them for a year.
async fn file(dist: &Path, path: &str, request: Request) -> Response {
    let cache = HeaderValue::from_static(if is_hashed_name(path) { IMMUTABLE } else { REVALIDATE });
    let files = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(header::CACHE_CONTROL, move |response: &Response<_>| {
            response.status().is_success().then(|| cache.clone())
        }))
        .service(ServeDir::new(dist).precompressed_br().precompressed_gzip());
    match files.oneshot(request).await {
        Ok(response) => response.map(Body::new),
        Err(never) => match never {},
    }
}

fn is_hashed_name(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or("");
    let stem = name.split('.').next().unwrap_or("");
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    // Trunk writes the content's 64-bit hash in hex without leading zeros: 16 digits in fifteen
    // builds of sixteen, fewer in the rest (a name of 15 went out as "no-cache" and was asked
    // again on every page). Eight or more hex digits after the last dash is a hash.
    stem.rsplit('-').next().is_some_and(|h| (8..=16).contains(&h.len()) && h.bytes().all(|b| b.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrina_core::api::EventTime;

    fn template(lang: &'static str, words: &[(&str, &str)]) -> Template {
        let words = words.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Template { html: String::new(), words, demo: false, lang }
    }

    #[test]
    fn a_carriers_news_is_written_as_the_tracking_summary_writes_it_its_words_as_text() {
        let words = [
            ("track.carriers_words", "Slovami <prepravcu>:"),
            ("track.time.zone_without_offset", "{zone}, posun neznámy"),
            ("track.time.no_zone", "pásmo neuvedené"),
        ];
        let sk = template("sk", &words);
        let news = |status: &str, location: &str, time: EventTime| CarrierNews {
            status: status.to_owned(),
            language: Some("ru".to_owned()),
            location: location.to_owned(),
            time,
        };
        let key = "track.carriers_words";
        let samara = EventTime::new("2026-11-25T20:59:15", Some(240), Some("Europe/Samara"));
        assert_eq!(
            sk.carrier_news(key, &news("<b>Доставлено</b> & \"вручено\"", "Самара", samara.clone())).as_deref(),
            Some(concat!(
                r#"<span class="muted">Slovami &lt;prepravcu&gt;: </span><q lang="ru">&lt;b&gt;Доставлено&lt;/b&gt; &amp; &quot;вручено&quot;</q>"#,
                r#" · <span>Самара</span> · <time datetime="2026-11-25T20:59:15+04:00">25. 11. 2026, 20:59</time>"#,
                r#" <span class="event-time__zone">(Europe/Samara, UTC+4)</span>"#
            ))
        );
        // No place; a zone without its offset, or none, in the page's words.
        let unzoned = news("Prijaté", " ", EventTime::new("2026-01-05T09:03:00", None, Some("Europe/Bratislava")));
        assert_eq!(
            sk.carrier_news(key, &unzoned).as_deref(),
            Some(concat!(
                r#"<span class="muted">Slovami &lt;prepravcu&gt;: </span><q lang="ru">Prijaté</q>"#,
                r#" · <time datetime="2026-01-05T09:03:00">5. 1. 2026, 9:03</time> <span class="event-time__zone">(Europe/Bratislava, posun neznámy)</span>"#
            ))
        );
        let offset_only = news("Prijaté", "", EventTime::new("2026-01-05T09:03:00", Some(-270), None));
        assert!(sk.carrier_news(key, &offset_only).unwrap().ends_with(r#"<span class="event-time__zone">(UTC−4:30)</span>"#));
        let nowhere = news("Prijaté", "", EventTime::new("2026-01-05T09:03:00", None, None));
        assert!(sk.carrier_news(key, &nowhere).unwrap().ends_with(r#"<span class="event-time__zone">(pásmo neuvedené)</span>"#));
        // The app words these in ways of its own: nothing is written.
        assert_eq!(sk.carrier_news(key, &news("  ", "Самара", samara.clone())), None);
        assert_eq!(sk.carrier_news(key, &news("Prijaté", "", EventTime::new("včera", Some(60), None))), None);
        assert_eq!(template("sk", &[]).carrier_news(key, &news("Prijaté", "", samara)), None);
    }

    #[test]
    fn hashed_build_files_are_recognised() {
        assert!(is_hashed_name("/vitrina-5f3a9c0d1e2b4a67_bg.wasm"));
        assert!(is_hashed_name("/style-9f86d081884c7d65.css"));
        // A hash with leading zeros is written shorter.
        assert!(is_hashed_name("/vitrina-app-6a1085bcbddabb8_bg.wasm"));
        assert!(is_hashed_name("/vitrina-app-6a1085bcbddabb8.js"));
        assert!(is_hashed_name("/vitrina-app-a1085bcbddabb8.js"));
        assert!(!is_hashed_name("/robots.txt"));
        assert!(!is_hashed_name("/areas.json"));
        assert!(!is_hashed_name("/vitrina-app-cafe.js"));
        assert!(!is_hashed_name("/favicon.svg"));
        assert!(!is_hashed_name("/config.json"));
    }
}
