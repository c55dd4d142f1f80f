//! `/checkout/contact`: who orders and who receives. Three typed fields for the shopper, two more
//! only when someone else receives the parcel.

use super::{field_id, message, summary};
use crate::checkout::layout::{CheckoutLayout, Step};
use crate::checkout::state::CheckoutState;
use crate::i18n::use_i18n;
use crate::router::use_navigate;
use crate::ui::{Check, ErrorSummary, FieldLayout, FormField, PageHeading, TextInput, Touched};
use leptos::prelude::*;
use vitrina_core::checkout::EntryField;
use vitrina_core::checkout::entries::EntriesStoreFields;

/// The contact step's form.
#[component]
pub fn ContactStep() -> impl IntoView {
    let i18n = use_i18n();
    let entries = expect_context::<CheckoutState>().entries;
    let navigate = use_navigate();
    let touched = Touched::new();
    let errors = Memo::new(move |_| entries.with(|e| e.contact_errors()));
    let error = move |field: EntryField| Signal::derive(move || errors.with(|errs| message(&i18n, touched, errs, field)));
    let left = move |field: EntryField| touched.on_blur(field_id(field));
    let someone_else = entries.someone_else();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        touched.attempt();
        if errors.with_untracked(Vec::is_empty) {
            navigate.push(&Step::Delivery.page().href());
        }
    };
    view! {
        <CheckoutLayout step=Step::Contact>
            <PageHeading key="checkout.contact.title"/>
            <form class="form" novalidate on:submit=on_submit>
                <ErrorSummary entries=Signal::derive(move || errors.with(|errs| summary(&i18n, touched, errs))) attempt=touched.attempts()/>
                <FormField id="email" label="checkout.contact.email" hint="checkout.contact.email_hint" error=error(EntryField::Email)
                    required=true on_blur=left(EntryField::Email)>
                    <TextInput value=entries.email() input_type="email" autocomplete="email" inputmode="email" maxlength=254/>
                </FormField>
                <FormField id="phone" label="checkout.contact.phone" hint="checkout.contact.phone_hint" error=error(EntryField::Phone)
                    required=true on_blur=left(EntryField::Phone)>
                    <TextInput value=entries.phone() input_type="tel" autocomplete="tel" inputmode="tel" maxlength=30/>
                </FormField>
                <FormField id="name" label="checkout.contact.name" hint="checkout.contact.name_hint" error=error(EntryField::Name)
                    required=true on_blur=left(EntryField::Name)>
                    <TextInput value=entries.name() autocomplete="name" maxlength=100/>
                </FormField>
                <FormField id="someone-else" label="checkout.contact.someone_else" layout=FieldLayout::Check>
                    <Check checked=someone_else/>
                </FormField>
                <Show when=move || someone_else.get()>
                    <fieldset class="fieldset">
                        <legend>{i18n.text("checkout.contact.recipient")}</legend>
                        <FormField id="recipient-name" label="checkout.contact.recipient_name" hint="checkout.contact.name_hint"
                            error=error(EntryField::RecipientName) required=true on_blur=left(EntryField::RecipientName)>
                            <TextInput value=entries.recipient_name() autocomplete="section-recipient name" maxlength=100/>
                        </FormField>
                        <FormField id="recipient-phone" label="checkout.contact.recipient_phone" hint="checkout.contact.phone_hint"
                            error=error(EntryField::RecipientPhone) required=true on_blur=left(EntryField::RecipientPhone)>
                            <TextInput value=entries.recipient_phone() input_type="tel" autocomplete="section-recipient tel" inputmode="tel"
                                maxlength=30/>
                        </FormField>
                    </fieldset>
                </Show>
                <div class="form__actions">
                    <button type="submit" class="button button--primary">{i18n.text("checkout.contact.continue")}</button>
                </div>
            </form>
        </CheckoutLayout>
    }
}
