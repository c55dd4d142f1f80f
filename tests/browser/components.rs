//! Shared components as a shopper meets them.

use crate::mount;
use leptos::prelude::*;
use vitrina::api::ApiError;
use vitrina::ui::{ErrorNotice, MoneyText, QuantityStepper};
use vitrina_core::locale::Locale;
use vitrina_core::{Money, Problem, ProblemKind};
use wasm_bindgen_test::wasm_bindgen_test;

#[wasm_bindgen_test]
async fn an_offline_error_says_so_and_offers_a_retry_that_works() {
    let retried = RwSignal::new(0);
    let m = mount(Locale::En, move || view! { <ErrorNotice error=ApiError::Offline on_retry=move || retried.update(|n| *n += 1)/> });
    leptos::task::tick().await;
    assert!(m.text().contains("You are offline. Nothing you entered is lost"), "{}", m.text());
    assert_eq!(m.query("[role=alert]").map(|_| ()), Some(()));
    m.query("button").expect("a retry button").click();
    assert_eq!(retried.get_untracked(), 1);
}

#[wasm_bindgen_test]
async fn a_rate_limit_says_when_to_try_again_in_the_shoppers_language() {
    let error = ApiError::Status { status: 429, problem: Some(Problem::new(ProblemKind::RateLimited)), retry_after_seconds: Some(30) };
    let m = mount(Locale::Ru, move || view! { <ErrorNotice error=error/> });
    leptos::task::tick().await;
    assert!(m.text().contains("Попробуйте снова через 30 с."), "{}", m.text());
    assert!(m.query("button").is_none(), "no retry offered without a handler");
}

#[wasm_bindgen_test]
async fn a_rejected_request_offers_no_pointless_retry() {
    let error = ApiError::Status { status: 409, problem: Some(Problem::new(ProblemKind::OutOfStock)), retry_after_seconds: None };
    let m = mount(Locale::En, move || view! { <ErrorNotice error=error on_retry=|| ()/> });
    leptos::task::tick().await;
    assert!(m.text().contains("There is not enough of this in stock."));
    assert!(m.query("button").is_none());
}

#[wasm_bindgen_test]
async fn too_few_in_stock_says_how_many_are_left_in_the_shoppers_language() {
    let error = ApiError::Status { status: 409, problem: Some(Problem::out_of_stock("canvas-sneakers-2", 3)), retry_after_seconds: None };
    let m = mount(Locale::Uk, move || view! { <ErrorNotice error=error/> });
    leptos::task::tick().await;
    assert!(m.text().contains("На складі залишилося лише 3 шт."), "{}", m.text());
    // None left: the general words (the item is sold out).
    let error = ApiError::Status { status: 409, problem: Some(Problem::out_of_stock("canvas-sneakers-2", 0)), retry_after_seconds: None };
    let m = mount(Locale::En, move || view! { <ErrorNotice error=error/> });
    leptos::task::tick().await;
    assert!(m.text().contains("There is not enough of this in stock."), "{}", m.text());
}

#[wasm_bindgen_test]
async fn money_follows_the_language() {
    let m = mount(Locale::En, || view! { <p><MoneyText money=Money::new(349000, "RUB")/></p> });
    leptos::task::tick().await;
    assert_eq!(m.text(), "RUB 3,490.00");
    m.i18n.locale.set(Locale::Ru);
    leptos::task::tick().await;
    assert_eq!(m.text(), "3 490,00 ₽");
}

#[wasm_bindgen_test]
async fn plurals_follow_each_languages_rules() {
    let m = mount(Locale::Ru, || ());
    let i18n = m.i18n;
    assert_eq!(i18n.tp("nav.cart_items", 1), "В корзине 1 товар");
    assert_eq!(i18n.tp("nav.cart_items", 3), "В корзине 3 товара");
    assert_eq!(i18n.tp("nav.cart_items", 11), "В корзине 11 товаров");
    i18n.locale.set(Locale::En);
    assert_eq!(i18n.tp("nav.cart_items", 1), "1 item in your cart");
    assert_eq!(i18n.tp("nav.cart_items", 1000).replace(',', ""), "1000 items in your cart");
}

#[wasm_bindgen_test]
async fn the_stepper_asks_for_one_more_and_one_fewer_within_bounds() {
    let value = RwSignal::new(1u32);
    let asked = RwSignal::new(Vec::<u32>::new());
    let m = mount(Locale::En, move || {
        view! {
            <QuantityStepper value=value max=3u32 item="Ceramic mug".to_string()
                on_change=Callback::new(move |q| { asked.update(|a| a.push(q)); value.set(q); })/>
        }
    });
    leptos::task::tick().await;
    let buttons = m.query_all("button");
    let (minus, plus) = (&buttons[0], &buttons[1]);
    assert_eq!(minus.get_attribute("aria-label").as_deref(), Some("One fewer Ceramic mug"));
    assert!(minus.has_attribute("disabled"), "cannot go below one");
    plus.click();
    plus.click();
    leptos::task::tick().await;
    assert!(plus.has_attribute("disabled"), "cannot go above the stock");
    plus.click();
    assert_eq!(asked.get_untracked(), vec![2, 3]);
    minus.click();
    assert_eq!(asked.get_untracked(), vec![2, 3, 2]);
}
