//! Money and dates come from the browser's `Intl`, in the currency's own minor unit.

use crate::normalise_spaces;
use vitrina::ui::intl::{format_date, format_money};
use vitrina_core::Money;
use vitrina_core::locale::Locale;
use wasm_bindgen_test::wasm_bindgen_test;

fn money(amount: i64, currency: &str, locale: Locale) -> String {
    normalise_spaces(&format_money(&Money::new(amount, currency), locale))
}

#[wasm_bindgen_test]
fn roubles_in_russian_have_kopecks_and_the_rouble_sign() {
    assert_eq!(money(349000, "RUB", Locale::Ru), "3 490,00 ₽");
}

#[wasm_bindgen_test]
fn hryvnias_in_ukrainian() {
    assert_eq!(money(123450, "UAH", Locale::Uk), "1 234,50 грн");
}

#[wasm_bindgen_test]
fn euros_in_slovak() {
    assert_eq!(money(123405, "EUR", Locale::Sk), "1 234,05 €");
}

#[wasm_bindgen_test]
fn yen_have_no_decimals() {
    assert_eq!(money(1500, "JPY", Locale::En), "¥1,500");
}

#[wasm_bindgen_test]
fn kuwaiti_dinars_have_three_decimals() {
    assert_eq!(money(1234, "KWD", Locale::En), "KWD 1.234");
}

#[wasm_bindgen_test]
fn huge_amounts_are_exact_not_rounded_through_a_float() {
    // 2^53 + 1 kopecks: a float would lose the last kopeck.
    assert_eq!(money(9_007_199_254_740_993, "RUB", Locale::En), "RUB 90,071,992,547,409.93");
    assert_eq!(money(-5, "EUR", Locale::En), "-€0.05");
}

#[wasm_bindgen_test]
fn an_invalid_currency_code_is_shown_plainly_not_thrown() {
    assert_eq!(money(100, "R$", Locale::En), "1.00 R$");
}

#[wasm_bindgen_test]
fn dates_are_the_same_day_in_every_language() {
    assert_eq!(format_date("2026-11-22", Locale::En, "long"), "November 22, 2026");
    assert_eq!(format_date("2026-11-22", Locale::Ru, "long"), "22 ноября 2026 г.");
    assert_eq!(format_date("2026-11-22", Locale::Sk, "long"), "22. novembra 2026");
    assert_eq!(format_date("not a date", Locale::Uk, "long"), "not a date");
}

#[wasm_bindgen_test]
fn date_times_follow_the_zone_asked_for() {
    use vitrina::ui::intl::format_date_time;
    let instant = "2026-11-22T21:30:00Z";
    let moscow = normalise_spaces(&format_date_time(instant, Locale::En, Some("Europe/Moscow")));
    let tokyo = normalise_spaces(&format_date_time(instant, Locale::En, Some("Asia/Tokyo")));
    assert!(moscow.contains("Nov 23, 2026") && moscow.contains("12:30"), "{moscow}");
    assert!(tokyo.contains("Nov 23, 2026") && tokyo.contains("6:30"), "{tokyo}");
    // A zone the browser does not know falls back to the viewer's zone instead of throwing.
    assert!(!format_date_time(instant, Locale::En, Some("Mars/Olympus")).is_empty());
}

#[wasm_bindgen_test]
fn whole_numbers_read_as_intl_writes_them_in_every_language() {
    // Small numbers are written without asking `Intl` (nothing to group): the same text.
    for locale in Locale::ALL {
        let intl = js_sys::Intl::NumberFormat::new(&js_sys::Array::of1(&locale.tag().into()), &js_sys::Object::new());
        for n in [0, 1, 7, 42, 100, 999, 1000, 12_345, -3] {
            let expected = intl.format().call1(&wasm_bindgen::JsValue::NULL, &(n as f64).into()).unwrap().as_string().unwrap();
            assert_eq!(vitrina::ui::intl::format_integer(n, locale), expected, "{n} in {locale:?}");
        }
    }
}

/// Case and letters come from the browser here (`vitrina_core::text`), as the standard library's
/// do on the server: the rules that use them (a P.O. box in a street, a free mailbox's domain,
/// an e-mail's domain, a pickup point's filter) answer alike on both.
#[wasm_bindgen_test]
fn case_and_letters_of_every_script_come_from_the_browser_as_the_server_has_them() {
    use vitrina_core::text::{is_alphabetic, is_alphanumeric, lowercase, uppercase};
    assert_eq!(lowercase("ПОЧТОВЫЙ Ящик"), "почтовый ящик");
    assert_eq!(lowercase("ΟΔΟΣ"), "οδος");
    assert_eq!(uppercase("promo-šťastie"), "PROMO-ŠŤASTIE");
    for c in ['a', 'Z', 'ж', 'Ї', 'ľ', 'ß', '中'] {
        assert!(is_alphabetic(c) && is_alphanumeric(c), "{c}");
    }
    for c in ['7', '٣', '½'] {
        assert!(!is_alphabetic(c) && is_alphanumeric(c), "{c}");
    }
    for c in [' ', '-', '.', '№', '\u{a0}', '—'] {
        assert!(!is_alphabetic(c) && !is_alphanumeric(c), "{c}");
    }
    use vitrina_core::FieldCode;
    use vitrina_core::checkout::address_refusal;
    assert_eq!(address_refusal("А/Я 15, ФКУ ИК-5"), Some(FieldCode::PoBoxRefused));
    assert_eq!(address_refusal("ФКУ ИК-5, ул. Лесная"), Some(FieldCode::CorrectionalInstitutionRefused));
    assert_eq!(address_refusal("Москва/Ярославль, ул. Сизова, 3"), None);
}
