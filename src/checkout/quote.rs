//! Asking the backend for a quote whenever the shopper's entries settle.

use super::cart_store::CartStore;
use super::state::{CheckoutState, Entries};
use crate::api::{Api, ApiError, sleep_ms};
use leptos::prelude::*;
use vitrina_core::api::{CheckoutDraft, Quote};

/// How long entries must stay unchanged before a new quote is asked for.
const SETTLE_MS: u32 = 350;

/// The quote for the current entries: refreshed when they settle, keeping the last good one on
/// screen meanwhile so totals never flicker away.
#[derive(Clone, Copy)]
pub struct QuoteView {
    /// The last quote received (for the entries at that time).
    pub quote: RwSignal<Option<Quote>>,
    /// The last failure, cleared by the next success.
    pub error: RwSignal<Option<ApiError>>,
    /// A request is in flight, or entries have changed since the last answer.
    pub pending: RwSignal<bool>,
    /// Bumped to ask again with the same entries (the "Try again" button).
    retry: RwSignal<u32>,
    cart: CartStore,
}

impl QuoteView {
    /// Starts following the entries; `with_draft` may adjust the draft (e.g. leave out choices a
    /// step has not reached yet).
    pub fn new(with_draft: fn(&Entries, &str) -> CheckoutDraft) -> Self {
        let api = expect_context::<Api>();
        let state = expect_context::<CheckoutState>();
        let cart = expect_context::<CartStore>();
        let view = QuoteView {
            quote: RwSignal::new(None),
            error: RwSignal::new(None),
            pending: RwSignal::new(true),
            retry: RwSignal::new(0),
            cart,
        };
        let draft = Memo::new(move |_| {
            let cart_id = cart.cart.with(|c| c.as_ref().map(|c| c.id.clone()))?;
            Some(state.entries.with(|e| with_draft(e, &cart_id)))
        });
        let generation = StoredValue::new(0u64);
        let i18n = use_context::<crate::i18n::I18n>();
        Effect::new(move |_| {
            view.retry.track();
            // Another language: the backend's words (payment methods' names) are asked for again.
            if let Some(i18n) = i18n {
                i18n.get();
            }
            let Some(draft) = draft.get() else { return };
            view.pending.set(true);
            let this = generation.get_value() + 1;
            generation.set_value(this);
            // After an await the step may be gone (the shopper moved on): then nothing is left to do.
            let current = move || generation.try_get_value() == Some(this);
            let api = api.clone();
            leptos::task::spawn_local(async move {
                sleep_ms(SETTLE_MS).await;
                if !current() {
                    return;
                }
                let result = api.quote(&draft).await;
                if !current() {
                    return;
                }
                match result {
                    Ok(quote) => {
                        // What kind the chosen option is (a courier needs the street) is the
                        // backend's word; entries kept from before it was recorded learn it here.
                        let kind = state.entries.with_untracked(|e| {
                            let chosen = e.delivery_option.as_ref()?;
                            quote.delivery_options.iter().find(|o| &o.id == chosen).map(|o| o.kind).filter(|k| e.delivery_kind != Some(*k))
                        });
                        if let Some(kind) = kind {
                            state.entries.update(|e| e.delivery_kind = Some(kind));
                        }
                        view.quote.set(Some(quote));
                        // Only a change notifies: what hangs on the error (the delivery step's
                        // whole list of options) is not rebuilt by every answer.
                        if view.error.with_untracked(Option::is_some) {
                            view.error.set(None);
                        }
                    }
                    Err(e) => view.error.set(Some(e)),
                }
                view.pending.set(false);
            });
        });
        view
    }

    /// Whether a quote is still on its way (tracked): none yet, and nothing has failed — neither
    /// the quote nor the cart it needs, whose failure the checkout's frame explains.
    pub fn loading(&self) -> bool {
        self.quote.with(Option::is_none) && self.error.with(Option::is_none) && self.cart.error.with(Option::is_none)
    }

    pub fn retry(&self) {
        self.retry.update(|n| *n += 1);
    }

    /// Runs `then` once the quote for the current entries has arrived (at once if it already
    /// has): a "Continue" pressed while the backend is still answering is not lost.
    pub fn when_settled(&self, then: impl Fn() + 'static) -> Callback<()> {
        let waiting = RwSignal::new(false);
        let view = *self;
        let then = std::rc::Rc::new(then);
        Effect::new(move |_| {
            if waiting.get() && !view.pending.get() {
                waiting.set(false);
                then();
            }
        });
        Callback::new(move |()| waiting.set(true))
    }
}
