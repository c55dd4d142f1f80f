//! Money, numbers and dates, formatted by the browser's `Intl` for the current language.
//! Formatters are built once per language and option set, then reused. A formatter the browser
//! refuses to build (an unknown time zone from a backend) falls back to plain text, never throws.

use js_sys::{Array, Date, Function, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use vitrina_core::Money;
use vitrina_core::civil::Weekday;
use vitrina_core::contact::schedule::weekday_key;
use vitrina_core::locale::Locale;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    static FORMATTERS: RefCell<HashMap<String, Option<Function>>> = RefCell::new(HashMap::new());
}

/// `new Intl[constructor](locale, options).format`, or `None` if the browser refuses.
fn build(constructor: &str, locale: Locale, opts: &[(&str, &str)]) -> Option<Function> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    let ctor: Function = Reflect::get(&intl, &constructor.into()).ok()?.dyn_into().ok()?;
    let options = Object::new();
    for (key, value) in opts {
        Reflect::set(&options, &(*key).into(), &(*value).into()).ok()?;
    }
    let args = Array::of2(&locale.tag().into(), &options);
    let instance = Reflect::construct(&ctor, &args).ok()?;
    Reflect::get(&instance, &"format".into()).ok()?.dyn_into().ok()
}

fn format_with(constructor: &str, locale: Locale, opts: &[(&str, &str)], value: &JsValue) -> Option<String> {
    // Written out rather than through `Debug`, which the release build compiles to nothing.
    let mut key = format!("{constructor}|{}", locale.tag());
    for (name, value) in opts {
        key.extend(["|", name, "=", value]);
    }
    let format = FORMATTERS.with(|cache| cache.borrow_mut().entry(key).or_insert_with(|| build(constructor, locale, opts)).clone())?;
    format.call1(&JsValue::NULL, value).ok()?.as_string()
}

/// Formats money with its currency's own minor unit ("3 490,00 ₽", "¥1,500", "KWD 1.234").
/// The exact decimal is handed to `Intl` as a string, so no float ever rounds it.
pub fn format_money(money: &Money, locale: Locale) -> String {
    let code = money.currency.code();
    let decimal = money.to_decimal_string();
    let digits = money.currency.minor_digits().to_string();
    let opts = [("style", "currency"), ("currency", code), ("minimumFractionDigits", &digits), ("maximumFractionDigits", &digits)];
    let formatted =
        if money.currency.is_well_formed() { format_with("NumberFormat", locale, &opts, &decimal.as_str().into()) } else { None };
    formatted.unwrap_or_else(|| format!("{decimal} {code}"))
}

/// Formats a whole number with the language's grouping ("1 000").
pub fn format_integer(n: i64, locale: Locale) -> String {
    // Below a thousand there is nothing to group, and every language here writes Latin digits:
    // `Intl` would write the same. The cart's badge and most counts are such numbers, and the
    // page's first number formatter costs a phone tens of milliseconds while the app starts.
    if (0..1000).contains(&n) {
        return n.to_string();
    }
    format_with("NumberFormat", locale, &[], &JsValue::from_f64(n as f64)).unwrap_or_else(|| n.to_string())
}

/// Formats a calendar date (`YYYY-MM-DD`) in words ("22 Nov 2026"), the same in every time zone.
/// `style` is an `Intl` date style: `full`, `long`, `medium` or `short`.
pub fn format_date(date: &str, locale: Locale, style: &str) -> String {
    let Some(d) = vitrina_core::civil::Date::parse(date) else {
        return date.to_owned();
    };
    let utc = Date::new(&JsValue::from_f64(d.days_since_epoch() as f64 * 86_400_000.0));
    format_with("DateTimeFormat", locale, &[("dateStyle", style), ("timeZone", "UTC")], &utc).unwrap_or_else(|| date.to_owned())
}

/// A day of the week in the shopper's language, as a heading ("Monday", "Понедельник").
pub fn weekday_name(day: Weekday, locale: Locale) -> String {
    // 1970-01-05 was a Monday; the day's date in that week, at noon UTC.
    let days = 4 + day.index() as i64;
    let noon = Date::new(&JsValue::from_f64((days * 86_400 + 12 * 3600) as f64 * 1000.0));
    let name = format_with("DateTimeFormat", locale, &[("weekday", "long"), ("timeZone", "UTC")], &noon)
        .unwrap_or_else(|| weekday_key(day).to_owned());
    // Russian, Ukrainian and Slovak write weekdays in lower case; as a heading it starts with a capital.
    let rest = name.chars().next().map_or(0, char::len_utf8);
    vitrina_core::text::uppercase(&name[..rest]) + &name[rest..]
}

/// Formats an instant (RFC 3339) as date and time in `time_zone` (an IANA name, or `UTC`), or in
/// the viewer's own zone when `None`.
pub fn format_date_time(instant: &str, locale: Locale, time_zone: Option<&str>) -> String {
    let Some((seconds, _)) = vitrina_core::civil::parse_rfc3339(instant) else {
        return instant.to_owned();
    };
    let date = Date::new(&JsValue::from_f64(seconds as f64 * 1000.0));
    let mut opts = vec![("dateStyle", "medium"), ("timeStyle", "short")];
    if let Some(zone) = time_zone {
        opts.push(("timeZone", zone));
    }
    format_with("DateTimeFormat", locale, &opts, &date)
        .or_else(|| format_with("DateTimeFormat", locale, &opts[..2], &date))
        .unwrap_or_else(|| instant.to_owned())
}

/// The viewer's own IANA time zone (`Europe/Bratislava`), as the browser reports it. Asked once
/// per page: asking builds a formatter, which a thousand tracking rows shown in the viewer's zone
/// would otherwise build a thousand times.
pub fn viewer_time_zone() -> String {
    thread_local! {
        static ZONE: std::cell::OnceCell<String> = const { std::cell::OnceCell::new() };
    }
    ZONE.with(|zone| zone.get_or_init(browser_time_zone).clone())
}

fn browser_time_zone() -> String {
    let zone = || -> Option<String> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let ctor: Function = Reflect::get(&intl, &"DateTimeFormat".into()).ok()?.dyn_into().ok()?;
        let instance = Reflect::construct(&ctor, &Array::new()).ok()?;
        let resolved: Function = Reflect::get(&instance, &"resolvedOptions".into()).ok()?.dyn_into().ok()?;
        Reflect::get(&resolved.call0(&instance).ok()?, &"timeZone".into()).ok()?.as_string()
    };
    zone().unwrap_or_else(|| "UTC".into())
}

/// A country's name in the shopper's language (`RU` → "Russia", "Россия"), by `Intl.DisplayNames`.
pub fn region_name(code: &str, locale: Locale) -> String {
    let name = || -> Option<String> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let ctor: Function = Reflect::get(&intl, &"DisplayNames".into()).ok()?.dyn_into().ok()?;
        let options = Object::new();
        Reflect::set(&options, &"type".into(), &"region".into()).ok()?;
        let instance = Reflect::construct(&ctor, &Array::of2(&locale.tag().into(), &options)).ok()?;
        let of: Function = Reflect::get(&instance, &"of".into()).ok()?.dyn_into().ok()?;
        of.call1(&instance, &code.into()).ok()?.as_string()
    };
    name().unwrap_or_else(|| code.to_owned())
}
