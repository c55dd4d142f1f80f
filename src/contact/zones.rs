//! Time zones from the browser: `Intl.DateTimeFormat` with a `timeZone` tells the wall-clock
//! time of any IANA zone at an instant, which is all the contact rules ask. So the app ships no
//! tz database, and the editor's preview follows each change at once, without a round-trip.

use js_sys::{Array, Date, Function, Object, Reflect};
use std::cell::RefCell;
use std::collections::HashMap;
use vitrina_core::civil::{Date as CivilDate, UnixSeconds};
use vitrina_core::contact::TimeZones;
use wasm_bindgen::{JsCast, JsValue};

thread_local! {
    /// `formatToParts` bound to a formatter, per zone; `None` for a zone the browser refused.
    static FORMATTERS: RefCell<HashMap<String, Option<(JsValue, Function)>>> = RefCell::new(HashMap::new());
}

fn intl(name: &str) -> Option<JsValue> {
    let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
    Reflect::get(&intl, &name.into()).ok()
}

fn build(zone: &str) -> Option<(JsValue, Function)> {
    let ctor: Function = intl("DateTimeFormat")?.dyn_into().ok()?;
    let options = Object::new();
    for (key, value) in [
        ("timeZone", zone),
        ("hourCycle", "h23"),
        ("year", "numeric"),
        ("month", "numeric"),
        ("day", "numeric"),
        ("hour", "numeric"),
        ("minute", "numeric"),
        ("second", "numeric"),
    ] {
        Reflect::set(&options, &key.into(), &value.into()).ok()?;
    }
    // `Reflect.construct` turns the RangeError of an unknown zone into an `Err`.
    let formatter = Reflect::construct(&ctor, &Array::of2(&"en-US".into(), &options)).ok()?;
    let parts: Function = Reflect::get(&formatter, &"formatToParts".into()).ok()?.dyn_into().ok()?;
    Some((formatter, parts))
}

/// The wall-clock time in `zone` at `at`, as seconds since 1970-01-01 of that wall clock.
fn wall_clock(zone: &str, at: UnixSeconds) -> Option<i64> {
    let (formatter, parts) = FORMATTERS.with(|cache| cache.borrow_mut().entry(zone.to_owned()).or_insert_with(|| build(zone)).clone())?;
    let date = Date::new(&JsValue::from_f64(at as f64 * 1000.0));
    let list: Array = parts.call1(&formatter, &date).ok()?.dyn_into().ok()?;
    let mut fields = [0i64; 6];
    for part in list.iter() {
        let kind = Reflect::get(&part, &"type".into()).ok()?.as_string()?;
        let slot = match kind.as_str() {
            "year" => 0,
            "month" => 1,
            "day" => 2,
            "hour" => 3,
            "minute" => 4,
            "second" => 5,
            _ => continue,
        };
        let value = Reflect::get(&part, &"value".into()).ok()?.as_string()?;
        fields[slot] = value.trim().parse().ok()?;
    }
    let [year, month, day, hour, minute, second] = fields;
    let date = CivilDate::new(i32::try_from(year).ok()?, u8::try_from(month).ok()?, u8::try_from(day).ok()?)?;
    // Some engines write midnight as 24 even with h23.
    Some(date.days_since_epoch() * 86_400 + (hour % 24) * 3600 + minute * 60 + second)
}

/// The browser's time zones.
#[derive(Debug, Clone, Copy, Default)]
pub struct BrowserZones;

impl TimeZones for BrowserZones {
    fn offset_minutes(&self, zone: &str, at: UnixSeconds) -> Option<i32> {
        let zone = zone.trim();
        if zone.is_empty() {
            return None;
        }
        let local = wall_clock(zone, at)?;
        i32::try_from((local - at).div_euclid(60)).ok()
    }
}

/// The IANA zones the browser knows (for the editor's list), or a short list if it cannot say.
pub fn known_zones() -> Vec<String> {
    let listed = || -> Option<Vec<String>> {
        let intl = Reflect::get(&js_sys::global(), &"Intl".into()).ok()?;
        let f: Function = Reflect::get(&intl, &"supportedValuesOf".into()).ok()?.dyn_into().ok()?;
        let values: Array = f.call1(&intl, &"timeZone".into()).ok()?.dyn_into().ok()?;
        Some(values.iter().filter_map(|v| v.as_string()).collect())
    };
    listed().unwrap_or_else(|| {
        ["Europe/Bratislava", "Europe/Kyiv", "Europe/Moscow", "Europe/Prague", "Europe/London", "UTC"]
            .into_iter()
            .map(String::from)
            .collect()
    })
}
