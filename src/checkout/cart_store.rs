//! The shopper's cart. It lives on the backend; the browser keeps only its id, in
//! `localStorage`, so it survives reloads and is shared by every tab of the store.

use crate::api::{Api, ApiError};
use crate::storage::{self, Store};
use leptos::prelude::*;
use leptos::task::spawn_local;
use vitrina_core::ProblemKind;
use vitrina_core::api::{AddCartLine, Cart};
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

const CART_ID_KEY: &str = "vitrina.cart_id";

/// Something the shopper should know about their cart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CartNotice {
    /// The remembered cart no longer exists (expired, or unknown to this backend): a new one was started.
    Replaced,
}

/// The cart as the whole app sees it.
#[derive(Clone, Copy)]
pub struct CartStore {
    /// The cart; `None` until loaded, or when the shopper has none yet.
    pub cart: RwSignal<Option<Cart>>,
    /// Whether the first load has finished (so "empty" can be told from "not loaded yet").
    pub loaded: RwSignal<bool>,
    /// The last failure to load the cart.
    pub error: RwSignal<Option<ApiError>>,
    pub notice: RwSignal<Option<CartNotice>>,
    api: StoredValue<Api>,
}

impl CartStore {
    pub fn new(api: Api) -> Self {
        let store = CartStore {
            api: StoredValue::new(api),
            cart: RwSignal::new(None),
            loaded: RwSignal::new(false),
            error: RwSignal::new(None),
            notice: RwSignal::new(None),
        };
        follow_other_tabs(move || store.load());
        store
    }

    /// The number of items, for the header's badge (0 without a cart); tracked.
    pub fn item_count(self) -> u32 {
        self.cart.with(|c| c.as_ref().map(|c| c.item_count).unwrap_or(0))
    }

    fn api(self) -> Api {
        self.api.get_value()
    }

    /// The remembered cart id.
    pub fn cart_id() -> Option<String> {
        storage::get_string(Store::Local, CART_ID_KEY).filter(|id| !id.is_empty())
    }

    /// Remembers the cart's id, where it is not the one remembered already (every answer about
    /// the cart names it; writing storage is not free).
    fn remember(cart: &Cart) {
        if Self::cart_id().as_deref() != Some(cart.id.as_str()) {
            storage::set_string(Store::Local, CART_ID_KEY, &cart.id);
        }
    }

    // Signals notify on every set; these two change once, so the views that hang on them (the
    // whole list of lines) are not rebuilt on every answer from the backend.
    fn mark_loaded(self) {
        if !self.loaded.get_untracked() {
            self.loaded.set(true);
        }
    }

    fn clear_error(self) {
        if self.error.with_untracked(Option::is_some) {
            self.error.set(None);
        }
    }

    /// Loads the remembered cart (if any) from the backend.
    pub fn load(self) {
        let api = self.api();
        spawn_local(async move {
            self.refresh(&api).await;
        });
    }

    async fn refresh(self, api: &Api) {
        let Some(id) = Self::cart_id() else {
            self.cart.set(None);
            self.mark_loaded();
            return;
        };
        match api.cart(&id).await {
            Ok(cart) => {
                self.clear_error();
                self.cart.set(Some(cart));
            }
            Err(e) if e.problem_kind() == Some(ProblemKind::CartNotFound) => self.forget_lost_cart(),
            Err(e) => self.error.set(Some(e)),
        }
        self.mark_loaded();
    }

    /// The remembered cart is gone: forget it and say so; a fresh one starts with the next item.
    fn forget_lost_cart(self) {
        storage::remove(Store::Local, CART_ID_KEY);
        self.cart.set(None);
        self.clear_error();
        self.notice.set(Some(CartNotice::Replaced));
    }

    /// The cart became an order: forget it (the next "add to cart" starts a new one).
    pub fn finished(self) {
        storage::remove(Store::Local, CART_ID_KEY);
        self.cart.set(None);
        self.notice.set(None);
    }

    /// Adds a variant under `idempotency_key` (the same for a retry of the same addition, so a
    /// first attempt whose answer was lost is not added twice), creating a cart first if there is
    /// none (or the old one is gone).
    pub async fn add(self, variant_id: String, quantity: u32, idempotency_key: &str) -> Result<Cart, ApiError> {
        let api = self.api();
        let line = AddCartLine { variant_id, quantity };
        if let Some(id) = Self::cart_id() {
            match api.add_to_cart(&id, &line, idempotency_key).await {
                Err(e) if e.problem_kind() == Some(ProblemKind::CartNotFound) => self.forget_lost_cart(),
                other => return self.apply(other),
            }
        }
        let cart = api.create_cart().await?;
        Self::remember(&cart);
        let result = api.add_to_cart(&cart.id, &line, idempotency_key).await;
        self.apply(result)
    }

    /// Sets a line's quantity.
    pub async fn set_quantity(self, line_id: String, quantity: u32) -> Result<Cart, ApiError> {
        let id = Self::cart_id().unwrap_or_default();
        let result = self.api().set_quantity(&id, &line_id, quantity).await;
        self.apply(result)
    }

    /// Removes a line.
    pub async fn remove(self, line_id: String) -> Result<Cart, ApiError> {
        let id = Self::cart_id().unwrap_or_default();
        let result = self.api().remove_line(&id, &line_id).await;
        self.apply(result)
    }

    fn apply(self, result: Result<Cart, ApiError>) -> Result<Cart, ApiError> {
        match &result {
            Ok(cart) => {
                Self::remember(cart);
                self.clear_error();
                self.cart.set(Some(cart.clone()));
                self.mark_loaded();
            }
            Err(e) if e.problem_kind() == Some(ProblemKind::CartNotFound) => self.forget_lost_cart(),
            Err(_) => {}
        }
        result
    }
}

/// Another tab changed the cart id, or this tab comes back into view: `reload` shows the backend's
/// cart again.
fn follow_other_tabs(reload: impl Fn() + Copy + 'static) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let on_storage = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
        if ev.key().as_deref() == Some(CART_ID_KEY) {
            reload();
        }
    });
    let _ = window.add_event_listener_with_callback("storage", on_storage.as_ref().unchecked_ref());
    on_storage.forget();
    let on_visible = Closure::<dyn Fn()>::new(move || {
        let visible = web_sys::window().and_then(|w| w.document()).map(|d| d.visibility_state() == web_sys::VisibilityState::Visible);
        if visible == Some(true) {
            reload();
        }
    });
    if let Some(document) = window.document() {
        let _ = document.add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    }
    on_visible.forget();
}

/// The cart as the header's badge of a page without the shop sees it: only its number of items,
/// read from the backend's cart, so such a page carries none of the cart's or the checkout's code.
/// The shop's pages keep the whole [`CartStore`] (which updates the badge as the cart changes).
#[derive(Clone, Copy)]
pub struct CartCount {
    count: RwSignal<u32>,
    api: StoredValue<Api>,
}

impl CartCount {
    pub fn new(api: Api) -> Self {
        let counter = CartCount { count: RwSignal::new(0), api: StoredValue::new(api) };
        follow_other_tabs(move || counter.load());
        counter
    }

    /// Reads the remembered cart's count (if any) from the backend. A cart the backend no longer
    /// has counts 0; after any other failure the badge keeps what it showed.
    pub fn load(self) {
        let api = self.api.get_value();
        spawn_local(async move {
            let count = match CartStore::cart_id() {
                None => 0,
                Some(id) => match api.cart_count(&id).await {
                    Ok(cart) => cart.item_count,
                    Err(e) if e.problem_kind() == Some(ProblemKind::CartNotFound) => 0,
                    Err(_) => return,
                },
            };
            self.count.set(count);
        });
    }

    /// The number of items, for the header's badge; tracked.
    pub fn item_count(self) -> u32 {
        self.count.get()
    }
}
