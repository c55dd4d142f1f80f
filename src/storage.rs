//! The browser's storage: `localStorage` for what outlives the tab (cart id, language) and
//! `sessionStorage` for what the shopper typed (never card data). Storage may be unavailable
//! (private mode, disabled): then nothing is remembered, and nothing fails.

use serde::Serialize;
use vitrina_core::json::{self, Decode};

/// Which of the browser's stores.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Store {
    /// Kept across tabs and restarts.
    Local,
    /// Kept for this tab, across reloads.
    Session,
}

fn storage(store: Store) -> Option<web_sys::Storage> {
    let window = web_sys::window()?;
    match store {
        Store::Local => window.local_storage().ok().flatten(),
        Store::Session => window.session_storage().ok().flatten(),
    }
}

pub fn get_string(store: Store, key: &str) -> Option<String> {
    storage(store)?.get_item(key).ok().flatten()
}

pub fn set_string(store: Store, key: &str, value: &str) {
    if let Some(s) = storage(store) {
        let _ = s.set_item(key, value);
    }
}

pub fn remove(store: Store, key: &str) {
    if let Some(s) = storage(store) {
        let _ = s.remove_item(key);
    }
}

/// A stored JSON value; anything unreadable counts as absent.
pub fn get_json<T: Decode>(store: Store, key: &str) -> Option<T> {
    json::from_str(&get_string(store, key)?).ok()
}

pub fn set_json<T: Serialize>(store: Store, key: &str, value: &T) {
    if let Ok(json) = serde_json::to_string(value) {
        set_string(store, key, &json);
    }
}
