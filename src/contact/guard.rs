//! The unsaved-changes guard: while a page has changes that are not saved, leaving asks first —
//! closing or reloading the tab (the browser's own `beforeunload` question) and following a
//! link to another place in the app (a confirmation in words).
//!
//! One pair of listeners is installed for the life of the page; a page turns the guard on with
//! [`guard_unsaved_changes`] and it is turned off when that page goes away.

use crate::i18n::I18n;
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;

struct Active {
    /// Which call turned the guard on (a page replaced by a new one of its kind may end after
    /// the new one began).
    id: u64,
    dirty: Signal<bool>,
    i18n: I18n,
}

thread_local! {
    static ACTIVE: RefCell<Option<Active>> = const { RefCell::new(None) };
    static INSTALLED: Cell<bool> = const { Cell::new(false) };
    static NEXT_ID: Cell<u64> = const { Cell::new(0) };
}

fn is_dirty() -> bool {
    ACTIVE.with(|a| a.borrow().as_ref().is_some_and(|a| a.dirty.get_untracked()))
}

fn question() -> String {
    ACTIVE.with(|a| a.borrow().as_ref().map(|a| a.i18n.t("editor.leave_question")).unwrap_or_default())
}

/// Whether a click on `event` follows a link to another page of this app.
fn leaves_the_page(event: &web_sys::MouseEvent) -> bool {
    if event.default_prevented() || event.button() != 0 || event.meta_key() || event.ctrl_key() || event.shift_key() || event.alt_key() {
        return false;
    }
    let Some(anchor) = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()).and_then(|e| e.closest("a[href]").ok().flatten())
    else {
        return false;
    };
    if anchor.has_attribute("download") || anchor.get_attribute("target").is_some_and(|t| !t.is_empty() && t != "_self") {
        return false;
    }
    let href = anchor.get_attribute("href").unwrap_or_default();
    let Some(location) = web_sys::window().map(|w| w.location()) else {
        return false;
    };
    let base = location.href().unwrap_or_default();
    let Ok(target) = web_sys::Url::new_with_base(&href, &base) else {
        return false;
    };
    let here = (location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    // A link within the page (`#section`) does not leave it.
    (target.pathname(), target.search()) != here
}

fn install() {
    if INSTALLED.with(|i| i.replace(true)) {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let before_unload = Closure::<dyn FnMut(web_sys::Event)>::new(|event: web_sys::Event| {
        if is_dirty() {
            // The browser shows its own question; the text is not ours to choose.
            event.prevent_default();
            let _ = js_sys::Reflect::set(&event, &"returnValue".into(), &"".into());
        }
    });
    let _ = window.add_event_listener_with_callback("beforeunload", before_unload.as_ref().unchecked_ref());
    before_unload.forget();

    // On the document, so it runs before the router's listener on the window sees the click.
    let click = Closure::<dyn FnMut(web_sys::MouseEvent)>::new(|event: web_sys::MouseEvent| {
        if !is_dirty() || !leaves_the_page(&event) {
            return;
        }
        let stay = web_sys::window().and_then(|w| w.confirm_with_message(&question()).ok()).is_some_and(|leave| !leave);
        if stay {
            event.prevent_default();
            event.stop_propagation();
        } else {
            // Leaving is agreed: a link to another area's page unloads this one, and the
            // browser's own question would ask a second time.
            ACTIVE.with(|a| *a.borrow_mut() = None);
        }
    });
    if let Some(document) = window.document() {
        let _ = document.add_event_listener_with_callback("click", click.as_ref().unchecked_ref());
    }
    click.forget();
}

/// While `dirty` is true, leaving the page asks first. Ends when the calling page goes away.
pub fn guard_unsaved_changes(dirty: Signal<bool>, i18n: I18n) {
    install();
    let id = NEXT_ID.with(|n| n.replace(n.get() + 1));
    ACTIVE.with(|a| *a.borrow_mut() = Some(Active { id, dirty, i18n }));
    on_cleanup(move || {
        ACTIVE.with(|a| {
            let mut active = a.borrow_mut();
            if active.as_ref().is_some_and(|a| a.id == id) {
                *active = None;
            }
        })
    });
}
