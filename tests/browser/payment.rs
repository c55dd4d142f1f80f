//! Ways to pay as the backend offers them: its names and lines, and kinds the app does not know.

use crate::mount;
use leptos::prelude::*;
use vitrina::checkout::PaymentChoice;
use vitrina::ui::{FieldLayout, FormField};
use vitrina_core::api::{PaymentKind, PaymentMethod};
use vitrina_core::locale::Locale;
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn a_method_of_a_kind_the_app_does_not_know_is_shown_by_its_name_and_can_be_chosen() {
    let methods: Vec<PaymentMethod> = serde_json::from_str(
        r#"[{"id":"card-online","kind":"card_online"},
            {"id":"bank-transfer","kind":"bank_transfer","name":"Bankový prevod","description":"Zaplatíte do 7 dní na účet obchodu."}]"#,
    )
    .expect("methods");
    assert_eq!(methods[1].kind, PaymentKind::Unknown);
    let chosen = RwSignal::new(None::<String>);
    let m = mount(Locale::Sk, move || {
        view! {
            <FormField id="payment-methods" name="payment-method" label="payment.method" layout=FieldLayout::Group>
                {methods.into_iter().map(|method| {
                    let id = method.id.clone();
                    let checked = { let id = id.clone(); Signal::derive(move || chosen.with(|c| c.as_deref() == Some(id.as_str()))) };
                    view! { <PaymentChoice method=method checked=checked on_select=Callback::new(move |()| chosen.set(Some(id.clone())))/> }
                }).collect_view()}
            </FormField>
        }
    });
    leptos::task::tick().await;
    let text = m.text();
    assert!(text.contains("Bankový prevod") && text.contains("Zaplatíte do 7 dní"), "{text}");
    assert!(text.contains("Kartou online"), "a method without a name is worded by its kind: {text}");
    m.query("#payment-bank-transfer").expect("its radio").click();
    leptos::task::tick().await;
    assert_eq!(chosen.get_untracked().as_deref(), Some("bank-transfer"));
}
