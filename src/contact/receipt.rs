//! The acknowledgement a shopper reads after sending a message (seed 003; seed 002 l.898–904):
//! when a reply can be expected, the reference number to quote, whether a copy went by e-mail
//! (only when one did), and the store's help pages meanwhile.

use super::widget::response_time_words;
use crate::api::Api;
use crate::i18n::use_i18n;
use crate::ui::StoreInfo;
use crate::ui::intl::{format_date, format_date_time};
use leptos::prelude::*;
use vitrina_core::api::{MessageReceipt, default_help_url, help_link};

/// Where the help link goes: the backend's help pages when it names them (and they are a web
/// address), else the store's.
fn help_href(receipt: &MessageReceipt) -> String {
    let from_backend = receipt.help_url.as_deref().and_then(|url| use_context::<Api>()?.web_page(url));
    from_backend.unwrap_or_else(store_help_href)
}

/// The store's help pages, as `config.json` names them, else the app's own lookup pages.
pub fn store_help_href() -> String {
    use_context::<StoreInfo>().and_then(|store| help_link(&store.help_url)).unwrap_or_else(default_help_url)
}

/// The answer to a message that arrived.
#[component]
pub fn Acknowledgement(
    /// What the backend answered.
    receipt: MessageReceipt,
    /// Whose reply is awaited.
    #[prop(into)]
    seller_name: String,
    /// Writing another message.
    #[prop(into)]
    on_another: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let help = help_href(&receipt);
    // Everything is worded again when the shopper switches language.
    move || {
        let locale = i18n.get();
        let receipt = receipt.clone();
        let seller = seller_name.as_str();
        let expected = format_date_time(&receipt.reply_expected_by, locale, None);
        let within = response_time_words(&i18n, receipt.response_time_hours);
        view! {
            <p><strong>{i18n.t("contact.receipt.title")}</strong></p>
            <p>{i18n.tf("contact.receipt.expect", &[("seller", seller), ("within", &within), ("when", &expected)])}</p>
            {receipt.away.map(|a| view! {
                <p>{i18n.tf("contact.receipt.away", &[("seller", seller), ("date", &format_date(&a.until, locale, "long"))])}</p>
            })}
            <p>
                {i18n.t("contact.receipt.reference")} " "
                <strong class="contact-receipt__reference" data-testid="contact-reference">{receipt.id}</strong>
                ". " {i18n.t("contact.receipt.quote")}
            </p>
            // Said only when an e-mail really went: the backend mails only a signed-in, verified sender.
            {receipt.acknowledgement_sent_to.map(|email| view! { <p>{i18n.tf("contact.receipt.copy", &[("email", &email)])}</p> })}
            <p>{i18n.t("contact.receipt.help")} " " <a href=help.clone() data-testid="contact-help">{i18n.t("contact.receipt.help_link")}</a></p>
            <button type="button" class="button button--secondary" on:click=move |_| on_another.run(())>{i18n.t("contact.receipt.another")}</button>
        }
    }
}
