//! Demo accounts appear only where the store says it is a demo.

use crate::{api, mount, provide_store, store_config};
use leptos::prelude::*;
use vitrina::account::{Session, SignInPage};
use vitrina::router::Router;
use vitrina_core::locale::Locale;
use wasm_bindgen_test::wasm_bindgen_test;

/// The sign-in page of a store whose description says `demo`.
async fn sign_in_page(demo: bool) -> crate::Mounted {
    let m = mount(Locale::En, move || {
        let mut config = store_config();
        config.demo = demo;
        provide_store(&config);
        let api = api();
        provide_context(api.clone());
        provide_context(Session::new(api));
        view! { <Router><SignInPage/></Router> }
    });
    leptos::task::tick().await;
    m
}

#[wasm_bindgen_test]
async fn a_store_that_is_no_demo_shows_no_demo_accounts() {
    let real = sign_in_page(false).await;
    assert!(real.query("#sign-in-email").is_some(), "the form is there");
    assert!(real.query(".sign-in__demo").is_none(), "no demo accounts: {}", real.text());
    assert!(!real.text().contains("@example.com"), "{}", real.text());

    let demo = sign_in_page(true).await;
    assert!(demo.query(".sign-in__demo").is_some(), "a demo store lists its accounts");
}
