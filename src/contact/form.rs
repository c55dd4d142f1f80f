//! The contact form: subject (prefilled from what the shopper was looking at), message, and the
//! address for the reply (prefilled when signed in); afterwards the automatic acknowledgement
//! ([`Acknowledgement`]). A field people never see catches robots;
//! the backend's limits are explained in words, before and after they apply.

use super::receipt::Acknowledgement;
use crate::account::Session;
use crate::api::{Api, ApiError, RequestKey};
use crate::i18n::{I18n, use_i18n};
use crate::ui::{ErrorSummary, FormField, SummaryEntry, TextArea, TextInput, error_text, field_code_words, focus_element};
use leptos::html;
use leptos::prelude::*;
use vitrina_core::api::{MessageContext, MessageReceipt, NewContactMessage};
use vitrina_core::contact::paths;
use vitrina_core::contact::rules::{MAX_MESSAGE_CHARS, MAX_SUBJECT_CHARS, check_message};
use vitrina_core::{FieldError, ProblemKind};

/// The subject a context suggests: "Order 1042", "Shipment PX1000000004".
pub fn subject_for(i18n: &I18n, context: &MessageContext) -> String {
    match (&context.order, &context.shipment) {
        (Some(order), _) => i18n.tf("contact.form.subject_order", &[("number", order)]),
        (None, Some(shipment)) => i18n.tf("contact.form.subject_shipment", &[("number", shipment)]),
        (None, None) => String::new(),
    }
}

/// The contact form of one seller.
#[component]
pub fn ContactForm(
    #[prop(into)] seller_id: String,
    #[prop(into)] seller_name: String,
    /// What the shopper was looking at; it fills the subject and travels with the message.
    context: MessageContext,
) -> impl IntoView {
    let i18n = use_i18n();
    let api = expect_context::<Api>();
    let session = use_context::<Session>();
    let limits = use_context::<crate::ui::StoreInfo>().map(|s| s.config.contact_limits);

    let subject = RwSignal::new(subject_for(&i18n, &context));
    let message = RwSignal::new(String::new());
    let reply_to = RwSignal::new(String::new());
    let trap = RwSignal::new(String::new());
    // The signed-in shopper's address, once known, unless they typed another.
    Effect::new(move |_| {
        if let Some(account) = session.and_then(|s| s.account.get())
            && reply_to.get_untracked().is_empty()
        {
            reply_to.set(account.email);
        }
    });

    let errors = RwSignal::new(Vec::<FieldError>::new());
    let attempt = RwSignal::new(0u32);
    let receipt = RwSignal::new(None::<MessageReceipt>);
    let receipt_node = NodeRef::<html::Div>::new();

    let error_of = move |field: &'static str| {
        Signal::derive(move || errors.with(|all| all.iter().find(|e| e.field == field).map(|e| field_code_words(&i18n, e.code))))
    };
    let summary = Signal::derive(move || {
        errors
            .get()
            .into_iter()
            .map(|e| SummaryEntry {
                field_id: format!("contact-{}", e.field.replace(['_', '.'], "-")),
                message: field_code_words(&i18n, e.code),
            })
            .collect::<Vec<_>>()
    });

    // Sends a checked message; a refusal naming fields goes to the fields, anything else is the
    // failure shown under the form.
    // A message sent again after a failure (its answer may have been lost on the way, the message
    // received) goes under the same key, so the seller gets it once.
    let request = RequestKey::default();
    let send = Action::new_local(move |draft: &NewContactMessage| {
        let api = api.clone();
        let seller_id = seller_id.clone();
        let draft = draft.clone();
        async move {
            let key = request.for_request(serde_json::to_string(&(&seller_id, &draft)).unwrap_or_default());
            let sent = api.send_contact_message(&seller_id, &draft, &key).await;
            request.settle(&sent);
            match sent {
                Ok(r) => {
                    receipt.set(Some(r));
                    message.set(String::new());
                    if let Some(node) = receipt_node.try_get_untracked().flatten() {
                        let _ = node.focus();
                    }
                    None
                }
                Err(e) => {
                    let fields = e.problem().map(|p| p.errors.clone()).unwrap_or_default();
                    if e.problem_kind() == Some(ProblemKind::Validation) && !fields.is_empty() {
                        errors.set(fields);
                        attempt.update(|n| *n += 1);
                        None
                    } else {
                        focus_element("contact-form-failure");
                        Some(e)
                    }
                }
            }
        }
    });
    let busy = move || send.pending().get();
    let failure = move || send.value().get().flatten();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if send.pending().get_untracked() {
            return;
        }
        send.clear();
        let draft = NewContactMessage {
            subject: subject.get_untracked(),
            message: message.get_untracked(),
            reply_to: reply_to.get_untracked(),
            context: context.clone(),
            website: trap.get_untracked(),
            // The acknowledgement and the seller's answer are written in the language read here.
            locale: Some(i18n.locale.get_untracked().tag().to_owned()),
        };
        if let Err(found) = check_message(&draft) {
            errors.set(found);
            attempt.update(|n| *n += 1);
            return;
        }
        errors.set(Vec::new());
        send.dispatch_local(draft);
    };

    let failure_text = move || {
        failure().map(|e: ApiError| {
            if e.status() == Some(429) {
                let minutes = e.retry_after_seconds().unwrap_or(60).div_ceil(60).max(1);
                i18n.tp("contact.form.rate_limited", minutes as i64)
            } else {
                match e.problem_kind() {
                    Some(ProblemKind::Unauthorized) => i18n.t("contact.form.sign_in_needed"),
                    Some(ProblemKind::Forbidden) => i18n.t("contact.form.verify_needed"),
                    Some(ProblemKind::ContactUnavailable) => i18n.t("contact.form.unavailable"),
                    _ => error_text(&i18n, &e),
                }
            }
        })
    };

    let seller_for_receipt = seller_name.clone();
    view! {
        <section class="contact-form" id="contact-form" aria-labelledby="contact-form-title">
            <h2 id="contact-form-title">{move || i18n.tf("contact.form.title", &[("seller", &seller_name)])}</h2>
            <div class="notice notice--success contact-receipt" role="status" tabindex="-1" node_ref=receipt_node
                hidden=move || receipt.with(Option::is_none) data-testid="contact-receipt">
                {move || receipt.get().map(|r| view! {
                    <Acknowledgement receipt=r seller_name=seller_for_receipt.clone() on_another=move || {
                        receipt.set(None);
                        focus_element("contact-subject");
                    }/>
                })}
            </div>
            <form class="form" novalidate on:submit=submit hidden=move || receipt.with(Option::is_some)>
                <ErrorSummary entries=summary attempt=attempt/>
                <FormField id="contact-subject" label="contact.form.subject" error=error_of(paths::SUBJECT) required=true>
                    <TextInput value=subject maxlength=MAX_SUBJECT_CHARS as u32/>
                </FormField>
                <FormField id="contact-message" label="contact.form.message" hint="contact.form.message_hint" error=error_of(paths::MESSAGE)
                    required=true>
                    <TextArea value=message maxlength=MAX_MESSAGE_CHARS as u32/>
                </FormField>
                <FormField id="contact-reply-to" label="contact.form.reply_to" hint="contact.form.reply_to_hint" error=error_of(paths::REPLY_TO)
                    required=true>
                    <TextInput value=reply_to input_type="email" autocomplete="email" inputmode="email" maxlength=254/>
                </FormField>
                // Robots fill every field; people never see this one.
                <div class="contact-form__trap" aria-hidden="true">
                    <label for="contact-website">{i18n.text("contact.form.trap")}</label>
                    <input id="contact-website" name="website" type="text" tabindex="-1" autocomplete="off"
                        prop:value=move || trap.get() on:input=move |ev| trap.set(event_target_value(&ev))/>
                </div>
                <div id="contact-form-failure" tabindex="-1">
                    {move || failure_text().map(|text| view! { <div class="notice notice--error" role="alert"><p>{text}</p></div> })}
                </div>
                {limits.map(|limits| view! {
                    <p class="muted contact-form__limits">{move || i18n.tf("contact.form.limits", &[
                        ("count", &limits.per_sender.to_string()),
                        ("minutes", &limits.window_minutes.to_string()),
                    ])}</p>
                })}
                <button type="submit" class="button button--primary" disabled=busy>
                    {move || if busy() { i18n.t("contact.form.sending") } else { i18n.t("contact.form.send") }}
                </button>
            </form>
        </section>
    }
}
