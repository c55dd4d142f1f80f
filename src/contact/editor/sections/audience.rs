//! Who may use a channel: the same select in every channel's section.

use crate::i18n::use_i18n;
use crate::ui::field::Choice;
use crate::ui::{FormField, Model, Select};
use leptos::prelude::*;
use vitrina_core::api::Audience;

impl Choice for Audience {
    fn key(&self) -> String {
        match self {
            Audience::Everyone => "everyone",
            Audience::Registered => "registered",
            Audience::Verified => "verified",
            Audience::Unknown => "unknown",
        }
        .to_owned()
    }
}

/// Who may use a channel: everyone, signed-in customers, or those with a verified address.
#[component]
pub(super) fn AudienceSelect(
    /// The select's id.
    #[prop(into)]
    id: String,
    /// The channel's audience in the draft.
    #[prop(into)]
    value: Model<Audience>,
) -> impl IntoView {
    let i18n = use_i18n();
    let label = move |audience: Audience| match audience {
        Audience::Registered => i18n.t("editor.audience.registered"),
        Audience::Verified => i18n.t("editor.audience.verified"),
        _ => i18n.t("editor.audience.everyone"),
    };
    view! {
        <FormField id=id label="editor.audience">
            <Select value=value options=vec![Audience::Everyone, Audience::Registered, Audience::Verified] label=label/>
        </FormField>
    }
}
