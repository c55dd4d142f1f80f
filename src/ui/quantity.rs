//! The quantity stepper: − [n] +, usable by keyboard, bounded by what may be ordered.

use crate::i18n::use_i18n;
use leptos::prelude::*;

/// A quantity control. Calls `on_change` with the new quantity; the caller saves it.
#[component]
pub fn QuantityStepper(
    /// Current quantity.
    #[prop(into)]
    value: Signal<u32>,
    /// Highest allowed quantity.
    #[prop(into)]
    max: Signal<u32>,
    /// What the quantity is of, for the controls' labels ("Linen shirt").
    #[prop(into)]
    item: String,
    /// Receives the quantity the shopper asked for.
    on_change: Callback<u32>,
    /// Disables the controls (while a change is saved).
    #[prop(optional, into)]
    disabled: Signal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let item_for_label = item.clone();
    let label = Signal::derive(move || i18n.tf("cart.quantity_of", &[("item", &item_for_label)]));
    let item_dec = item.clone();
    let item_inc = item;
    view! {
        <div class="stepper" role="group" aria-label=label>
            <button type="button" class="stepper__button"
                aria-label=move || i18n.tf("cart.decrease", &[("item", &item_dec)])
                disabled=move || { disabled.get() || value.get() <= 1 }
                on:click=move |_| on_change.run(value.get_untracked().saturating_sub(1).max(1))>"−"</button>
            <input class="stepper__input" type="number" inputmode="numeric" min="1" max=move || max.get().to_string()
                aria-label=label
                prop:value=move || value.get().to_string()
                disabled=move || disabled.get()
                on:change=move |ev| {
                    let typed = event_target_value(&ev).trim().parse::<u32>().ok();
                    match typed {
                        Some(q) if q >= 1 => on_change.run(q.min(max.get_untracked().max(1))),
                        // Not a number: put the saved quantity back.
                        _ => on_change.run(value.get_untracked()),
                    }
                } />
            <button type="button" class="stepper__button"
                aria-label=move || i18n.tf("cart.increase", &[("item", &item_inc)])
                disabled=move || { disabled.get() || value.get() >= max.get() }
                on:click=move |_| on_change.run((value.get_untracked() + 1).min(max.get_untracked()))>"+"</button>
        </div>
    }
}
