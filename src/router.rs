//! The app's own router: the address being shown as a signal, in-app navigation through the
//! browser's history, and the links that use it.
//!
//! Each area has a handful of pages, all in `vitrina_core::routes`, so this is all a page needs:
//! which [`Page`] the address is (the table's own `Page::parse`), a way to go to another
//! ([`use_navigate`]), and links ([`A`], or any plain `<a>`) followed without reloading the app.
//! The pages of the build are chosen in `crate::areas`; an address of another area's page is
//! loaded in full, since another build serves it.

use crate::areas;
use leptos::ev;
use leptos::prelude::*;
use vitrina_core::routes::{Area, Page};
use wasm_bindgen::{JsCast, JsValue};

/// The address being shown: path and query as the browser writes them (still percent-encoded).
/// A fragment is no part of it: it names a place in the page, not a page.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Location {
    /// The path, `/track/PX1000000001`.
    pub path: String,
    /// The query without its `?`, empty when there is none.
    pub query: String,
}

impl Location {
    /// The browser's address now.
    pub fn current() -> Location {
        let location = web_sys::window().map(|w| w.location());
        let read =
            |part: fn(&web_sys::Location) -> Result<String, JsValue>| location.as_ref().and_then(|l| part(l).ok()).unwrap_or_default();
        Location { path: read(web_sys::Location::pathname), query: read(web_sys::Location::search).trim_start_matches('?').to_owned() }
    }

    /// `path?query`, as a link to this address writes it.
    pub fn href(&self) -> String {
        if self.query.is_empty() { self.path.clone() } else { format!("{}?{}", self.path, self.query) }
    }

    /// The page this address is, by the route table; `None` for no page of the app.
    pub fn page(&self) -> Option<Page> {
        Page::parse(&self.href())
    }
}

/// What [`Router`] provides to everything inside it.
#[derive(Clone, Copy)]
struct RouterContext {
    location: RwSignal<Location>,
    page: Memo<Option<Page>>,
}

fn router() -> RouterContext {
    expect_context::<RouterContext>()
}

/// Keeps the address being shown for everything inside it: follows the browser's back and
/// forward buttons, and turns a click on a link to a page of this build into an in-app
/// navigation (the browser keeps the rest: another area's page, another site, a new tab, a
/// download, a place in the same page).
#[component]
pub fn Router(children: Children) -> impl IntoView {
    let location = RwSignal::new(Location::current());
    let page = Memo::new(move |_| location.with(Location::page));
    provide_context(RouterContext { location, page });
    let popstate = window_event_listener(ev::popstate, move |_| show(location, Location::current()));
    // On the window: the document's listeners (the unsaved-changes guard) have had their say.
    let click = window_event_listener(ev::click, move |event| follow_link(&event, Navigate { location }));
    let focus = window_event_listener(ev::focusin, |_| FOCUSED.store(true, std::sync::atomic::Ordering::Relaxed));
    on_cleanup(move || {
        popstate.remove();
        click.remove();
        focus.remove();
    });
    children()
}

/// Whether the app has shown another address since the document loaded (a link followed in the
/// app, Back or Forward): a page opened so is announced by its heading taking focus, where a page
/// the browser loaded is announced by the browser.
static MOVED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether anything in the document has had the focus since it loaded (a field, a pressed button).
static FOCUSED: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

/// Whether a page's heading that has just appeared takes the focus: the page was opened within the
/// app (see [`MOVED`]), or what had the focus went with what the page replaced (a "Try again" that
/// brought the page back) and left it nowhere. On a page the browser loaded, before anything has
/// had the focus, it stays at the top of the document.
pub fn heading_takes_focus() -> bool {
    use std::sync::atomic::Ordering::Relaxed;
    MOVED.load(Relaxed) || (FOCUSED.load(Relaxed) && focus_is_nowhere())
}

/// Whether no element has the focus (the document's body has it, as after the focused element was
/// taken out).
fn focus_is_nowhere() -> bool {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    document.active_element().is_none_or(|active| active.tag_name().eq_ignore_ascii_case("body"))
}

/// Sets the address being shown, when it changed (so nothing reads a new, equal one).
fn show(location: RwSignal<Location>, new: Location) {
    if location.with_untracked(|now| *now != new) {
        MOVED.store(true, std::sync::atomic::Ordering::Relaxed);
        location.set(new);
    }
}

/// The address being shown (tracked).
pub fn use_location() -> Signal<Location> {
    router().location.into()
}

/// The page the address is, by the route table (tracked); `None` for no page of the app.
pub fn use_page() -> Memo<Option<Page>> {
    router().page
}

/// What a page reads from its own address: `read` picks it out of the [`Page`] being shown.
/// While the address is another page's (the moment before this page gives way to it), the last
/// value stays, so the page being left does not start over with nothing.
pub fn use_address<T>(read: impl Fn(&Page) -> Option<T> + Send + Sync + 'static) -> Memo<T>
where
    T: Clone + Default + PartialEq + Send + Sync + 'static,
{
    let page = use_page();
    Memo::new(move |last: Option<&T>| page.with(|p| p.as_ref().and_then(&read)).or_else(|| last.cloned()).unwrap_or_default())
}

/// Goes to another address of the app, as following a link does. From [`use_navigate`].
#[derive(Clone, Copy)]
pub struct Navigate {
    location: RwSignal<Location>,
}

/// A [`Navigate`] for this router: made while the page is built, used whenever (after an answer
/// from the backend, say).
pub fn use_navigate() -> Navigate {
    Navigate { location: router().location }
}

impl Navigate {
    /// Goes to `href` (a path of the app, with its query), as a new entry in the history.
    pub fn push(self, href: &str) {
        self.go(href, false);
    }

    /// Goes to `href` in place of the current entry of the history (Back skips the page left).
    pub fn replace(self, href: &str) {
        self.go(href, true);
    }

    fn go(self, href: &str, replace: bool) {
        let Some(window) = web_sys::window() else {
            return;
        };
        let location = window.location();
        let Some(url) = location.href().ok().and_then(|base| web_sys::Url::new_with_base(href, &base).ok()) else {
            return;
        };
        // Another area's page, or another site: that is another build's to show.
        if elsewhere(&url) {
            let _ = if replace { location.replace(&url.href()) } else { location.assign(&url.href()) };
            return;
        }
        let target = format!("{}{}{}", url.pathname(), url.search(), url.hash());
        let here =
            location.href().ok().and_then(|h| web_sys::Url::new(&h).ok()).map(|h| format!("{}{}{}", h.pathname(), h.search(), h.hash()));
        if let Ok(history) = window.history() {
            // Going to the address already shown adds nothing to the history, as in a browser.
            let _ = if replace || here.as_deref() == Some(target.as_str()) {
                history.replace_state_with_url(&JsValue::UNDEFINED, "", Some(&target))
            } else {
                history.push_state_with_url(&JsValue::UNDEFINED, "", Some(&target))
            };
        }
        show(self.location, Location { path: url.pathname(), query: url.search().trim_start_matches('?').to_owned() });
        scroll_into_place(&url.hash());
    }
}

/// Whether `url` is for the browser to load: another site's, or a page of an area that another
/// build serves.
fn elsewhere(url: &web_sys::Url) -> bool {
    let own_site = web_sys::window().and_then(|w| w.location().origin().ok()).is_some_and(|origin| origin == url.origin());
    !own_site || Area::of(&url.pathname()).is_some_and(|area| !areas::serves(area))
}

/// A new page starts at its top; an address with a fragment, at the element it names once the
/// page is shown.
fn scroll_into_place(hash: &str) {
    let Some(window) = web_sys::window() else {
        return;
    };
    window.scroll_to_with_x_and_y(0.0, 0.0);
    let Some(id) = hash.strip_prefix('#').filter(|id| !id.is_empty()) else {
        return;
    };
    let id = js_sys::decode_uri_component(id).ok().and_then(|d| d.as_string()).unwrap_or_else(|| id.to_owned());
    request_animation_frame(move || {
        if let Some(element) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(&id)) {
            element.scroll_into_view();
        }
    });
}

/// A click on a link to a page of this build: shown in the app instead of loaded anew. Any
/// other click on a link stays the browser's.
fn follow_link(event: &web_sys::MouseEvent, navigate: Navigate) {
    if event.default_prevented() || event.button() != 0 || event.meta_key() || event.alt_key() || event.ctrl_key() || event.shift_key() {
        return;
    }
    let Some(anchor) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("a[href]").ok().flatten())
    else {
        return;
    };
    let external = anchor.get_attribute("rel").is_some_and(|rel| rel.split_ascii_whitespace().any(|r| r == "external"));
    if external || anchor.has_attribute("download") || anchor.get_attribute("target").is_some_and(|t| !t.is_empty()) {
        return;
    }
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return;
    };
    let Some(url) =
        location.href().ok().and_then(|base| web_sys::Url::new_with_base(&anchor.get_attribute("href").unwrap_or_default(), &base).ok())
    else {
        return;
    };
    // A place in this page (`#main`): the browser scrolls there and moves the focus itself.
    let same_page = location.pathname().is_ok_and(|p| p == url.pathname()) && location.search().is_ok_and(|s| s == url.search());
    if elsewhere(&url) || (same_page && !url.hash().is_empty()) {
        return;
    }
    event.prevent_default();
    navigate.push(&format!("{}{}{}", url.pathname(), url.search(), url.hash()));
}

/// A link to a page of the app: an `<a>` that the [`Router`] follows in the app when the page is
/// this build's, marked `aria-current="page"` while the address is its page or below it (a
/// link to `/track` on `/track/PX1`; `/` only on itself). Attributes given with `attr:` go on
/// the `<a>`.
#[component]
pub fn A(
    /// The page's address (`Page::….href()`).
    #[prop(into)]
    href: Signal<String>,
    children: Children,
) -> impl IntoView {
    let location = use_context::<RouterContext>().map(|r| r.location);
    // `try_`: the link's page may be ending while the new address is read.
    let current = move || location?.try_with(|l| href.try_with(|h| is_current(h, &l.path))).flatten()?.then_some("page");
    view! { <a href=href aria-current=current>{children()}</a> }
}

/// Whether a link to `href` is the link of the page at `path`: its segments begin the path's.
fn is_current(href: &str, path: &str) -> bool {
    let mut link = href.split('/');
    let leading = path.split('/').zip(link.by_ref()).enumerate().all(|(i, (here, there))| here == there || (there.is_empty() && i > 1));
    leading && matches!(link.next(), None | Some(""))
}
