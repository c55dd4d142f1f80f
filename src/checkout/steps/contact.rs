//! `/checkout/contact`: who orders and who receives. Three typed fields for the shopper, two more
//! only when someone else receives the parcel.

use super::Shown;
use crate::checkout::layout::{CheckoutLayout, Step};
use crate::checkout::state::CheckoutState;
use crate::i18n::use_i18n;
use crate::ui::{CheckboxField, ErrorSummary, PageHeading, TextField};
use leptos::prelude::*;
use leptos_router::hooks::use_navigate;

#[component]
pub fn ContactStep() -> impl IntoView {
    let i18n = use_i18n();
    let state = expect_context::<CheckoutState>();
    let navigate = use_navigate();
    let shown = Shown::new();
    let email = state.field(|e| &e.email, |e| &mut e.email);
    let phone = state.field(|e| &e.phone, |e| &mut e.phone);
    let name = state.field(|e| &e.name, |e| &mut e.name);
    let recipient_name = state.field(|e| &e.recipient_name, |e| &mut e.recipient_name);
    let recipient_phone = state.field(|e| &e.recipient_phone, |e| &mut e.recipient_phone);
    let someone_else = Signal::derive(move || state.entries.with(|e| e.someone_else));
    let errors = Memo::new(move |_| state.entries.with(|e| e.contact_errors()));
    let error_for = move |field: &'static str| Signal::derive(move || shown.message(&i18n, &errors.get(), field));
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        shown.attempts.update(|n| *n += 1);
        if errors.get_untracked().is_empty() {
            navigate(&Step::Delivery.page().href(), Default::default());
        }
    };
    view! {
        <CheckoutLayout step=Step::Contact>
            <PageHeading key="checkout.contact.title"/>
            <form class="form" novalidate on:submit=on_submit>
                <ErrorSummary entries=Signal::derive(move || shown.summary(&i18n, &errors.get())) attempt=shown.attempts/>
                <TextField id="email" label="checkout.contact.email" hint="checkout.contact.email_hint" value=email error=error_for("email")
                    input_type="email" autocomplete="email" inputmode="email" required=true maxlength=254u32
                    on_blur=move || shown.touch("email")/>
                <TextField id="phone" label="checkout.contact.phone" hint="checkout.contact.phone_hint" value=phone error=error_for("phone")
                    input_type="tel" autocomplete="tel" inputmode="tel" required=true maxlength=30u32
                    on_blur=move || shown.touch("phone")/>
                <TextField id="name" label="checkout.contact.name" hint="checkout.contact.name_hint" value=name error=error_for("name")
                    autocomplete="name" required=true maxlength=100u32
                    on_blur=move || shown.touch("name")/>
                <CheckboxField id="someone-else" label="checkout.contact.someone_else" checked=someone_else
                    on_change=Callback::new(move |on| state.entries.update(|e| e.someone_else = on))/>
                <Show when=move || someone_else.get()>
                    <fieldset class="fieldset">
                        <legend>{move || i18n.t("checkout.contact.recipient")}</legend>
                        <TextField id="recipient-name" label="checkout.contact.recipient_name" hint="checkout.contact.name_hint" value=recipient_name
                            error=error_for("recipient-name") autocomplete="section-recipient name" required=true maxlength=100u32
                            on_blur=move || shown.touch("recipient-name")/>
                        <TextField id="recipient-phone" label="checkout.contact.recipient_phone" hint="checkout.contact.phone_hint" value=recipient_phone
                            error=error_for("recipient-phone") input_type="tel" autocomplete="section-recipient tel" inputmode="tel" required=true maxlength=30u32
                            on_blur=move || shown.touch("recipient-phone")/>
                    </fieldset>
                </Show>
                <div class="form__actions">
                    <button type="submit" class="button button--primary">{move || i18n.t("checkout.contact.continue")}</button>
                </div>
            </form>
        </CheckoutLayout>
    }
}
