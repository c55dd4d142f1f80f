//! Checkout rules: addresses the carrier refuses, delivery dates from business days and a daily
//! cut-off, promo codes, totals and order limits. The reference backend enforces these; any
//! backend may use them. What the shopper has entered, and what the app decides from it before
//! asking, is in [`entries`]; the review step's decisions in [`review`].

pub mod entries;
pub mod review;

pub use entries::{Entries, EntryErrors, EntryField, Step};

use crate::api::{LimitStatus, PromoStatus, PromoTarget, Totals};
use crate::civil::{Date, UnixSeconds};
use crate::money::MoneyError;
use crate::{FieldCode, Money};

/// Why the carrier would refuse to deliver to this address line, if it would: couriers deliver
/// to a door, not to a P.O. box ("а/я"), "poste restante" ("до востребования"), a military
/// unit ("в/ч") or a correctional institution ("исправительные учреждения") (seed 002 l.237,
/// the marketplace terms 3.6).
pub fn address_refusal(line: &str) -> Option<FieldCode> {
    let text = crate::text::lowercase(line).replace(['\u{a0}', '\t'], " ");
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let patterns: [(FieldCode, &[&str]); 3] = [
        (FieldCode::PoBoxRefused, &["а/я", "абонентскийящик", "абонящик", "абон.ящик", "p.o.box", "pobox", "postbox"]),
        (FieldCode::PosteRestanteRefused, &["довостребования", "posterestante"]),
        (FieldCode::MilitaryUnitRefused, &["в/ч", "войсковаячасть", "воинскаячасть", "militaryunit"]),
    ];
    patterns
        .into_iter()
        .find(|(_, needles)| needles.iter().any(|n| contains_word(&squeezed, n)))
        .map(|(code, _)| code)
        .or_else(|| is_correctional_institution(&text).then_some(FieldCode::CorrectionalInstitutionRefused))
}

/// Whether the address names a correctional institution: a word beginning «исправительн»
/// (colony, institution), a colony-settlement or an educational colony, or the abbreviations as
/// they are written («ФКУ ИК-5», «СИЗО-1»). Read word by word, so «Сизова» or «Пик» pass.
fn is_correctional_institution(text: &str) -> bool {
    let words: Vec<&str> = text.split(|c: char| !crate::text::is_alphanumeric(c)).filter(|w| !w.is_empty()).collect();
    let prefixes = ["исправительн", "correctional", "penitentiar"];
    let whole = ["ик", "сизо", "prison"];
    let pairs = [("колония", "поселение"), ("воспитательная", "колония")];
    words.iter().any(|w| prefixes.iter().any(|p| w.starts_with(p)) || whole.contains(w))
        || words.windows(2).any(|pair| pairs.contains(&(pair[0], pair[1])))
}

/// Whether `needle` occurs in `haystack` not preceded by a letter ("москва/ярославль" has no "а/я").
fn contains_word(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(i, _)| haystack[..i].chars().next_back().is_none_or(|c| !crate::text::is_alphabetic(c)))
}

/// The store's working days: Monday to Friday.
pub fn is_business_day(date: Date) -> bool {
    !date.weekday().is_weekend()
}

/// The `n`-th business day after `date` (`n = 0`: `date` itself if it is one, else the next).
pub fn add_business_days(date: Date, n: u32) -> Date {
    let mut day = date;
    while !is_business_day(day) {
        day = day.add_days(1);
    }
    for _ in 0..n {
        day = day.add_days(1);
        while !is_business_day(day) {
            day = day.add_days(1);
        }
    }
    day
}

/// When an order placed at `now` leaves the warehouse: the same day if it is a business day and
/// before the cut-off (local time, minutes after midnight), else the next business day.
pub fn dispatch_date(now: UnixSeconds, utc_offset_minutes: i32, cutoff_minutes: u32) -> Date {
    let local = now + i64::from(utc_offset_minutes) * 60;
    let today = Date::from_days_since_epoch(local.div_euclid(86_400));
    let minute_of_day = (local.rem_euclid(86_400) / 60) as u32;
    if is_business_day(today) && minute_of_day < cutoff_minutes { today } else { add_business_days(today.add_days(1), 0) }
}

/// The delivery range: `min`..=`max` business days after dispatch.
pub fn delivery_range(dispatch: Date, min_days: u32, max_days: u32) -> (Date, Date) {
    (add_business_days(dispatch, min_days), add_business_days(dispatch, max_days))
}

/// The business days from `earliest` to `latest`, inclusive (a courier's choosable days).
pub fn business_days_between(earliest: Date, latest: Date) -> Vec<Date> {
    let mut days = Vec::new();
    let mut day = earliest;
    while day <= latest {
        if is_business_day(day) {
            days.push(day);
        }
        day = day.add_days(1);
    }
    days
}

/// A promo code as the store defines it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PromoRule {
    pub code: String,
    pub target: PromoTarget,
    /// For `Items`: the percentage off the items.
    pub percent: i64,
    pub valid_from: UnixSeconds,
    pub valid_until: UnixSeconds,
}

/// What a promo code does for these items and this delivery at `now`: its status and its saving.
/// `rule` is `None` when the store has no such code.
pub fn evaluate_promo(
    rule: Option<&PromoRule>,
    now: UnixSeconds,
    items: &Money,
    delivery: Option<&Money>,
) -> Result<(PromoStatus, Option<PromoTarget>, Money), MoneyError> {
    let zero = Money::zero(&items.currency);
    let Some(rule) = rule else {
        return Ok((PromoStatus::Invalid, None, zero));
    };
    if now > rule.valid_until || now < rule.valid_from {
        return Ok((PromoStatus::Expired, Some(rule.target), zero));
    }
    match rule.target {
        PromoTarget::Items => Ok((PromoStatus::Applied, Some(PromoTarget::Items), items.percent(rule.percent)?)),
        PromoTarget::Delivery => match delivery {
            Some(price) => Ok((PromoStatus::Applied, Some(PromoTarget::Delivery), price.clone())),
            None => Ok((PromoStatus::NotApplicable, Some(PromoTarget::Delivery), zero)),
        },
        PromoTarget::Unknown => Ok((PromoStatus::NotApplicable, None, zero)),
    }
}

/// Items plus delivery minus the saving; VAT is contained in the prices.
pub fn totals(items: &Money, delivery: Option<&Money>, discount: &Money, vat_rate_percent: u32) -> Result<Totals, MoneyError> {
    let zero = Money::zero(&items.currency);
    let total = items.checked_add(delivery.unwrap_or(&zero))?.checked_sub(discount)?;
    let total = if total.amount_minor < 0 { zero } else { total };
    Ok(Totals {
        items: items.clone(),
        delivery: delivery.cloned(),
        discount: discount.clone(),
        vat_included: total.included_vat(i64::from(vat_rate_percent))?,
        total,
        vat_rate_percent,
    })
}

/// Where a total stands against the store's limits.
pub fn limit_status(total: &Money, min: &Money, max: &Money) -> LimitStatus {
    if total.amount_minor < min.amount_minor {
        LimitStatus::BelowMinimum
    } else if total.amount_minor > max.amount_minor {
        LimitStatus::AboveMaximum
    } else {
        LimitStatus::Ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    /// 10:00 Moscow time (UTC+3) on `day`.
    fn moscow(day: &str, hour: i64) -> UnixSeconds {
        date(day).days_since_epoch() * 86_400 + (hour - 3) * 3600
    }

    #[test]
    fn addresses_the_carrier_refuses_are_named() {
        let table = [
            ("а/я 15", FieldCode::PoBoxRefused),
            ("Абонентский ящик 22", FieldCode::PoBoxRefused),
            ("PO Box 100", FieldCode::PoBoxRefused),
            ("Почтамт, до востребования", FieldCode::PosteRestanteRefused),
            ("в/ч 12345", FieldCode::MilitaryUnitRefused),
            ("Войсковая часть 54321", FieldCode::MilitaryUnitRefused),
            ("Исправительная колония № 2", FieldCode::CorrectionalInstitutionRefused),
            ("ФКУ ИК-5 УФСИН России", FieldCode::CorrectionalInstitutionRefused),
            ("ИК-14, ул. Лагерная, 1", FieldCode::CorrectionalInstitutionRefused),
            ("СИЗО-1, ул. Матросская Тишина, 18", FieldCode::CorrectionalInstitutionRefused),
            ("Лечебное исправительное учреждение № 3", FieldCode::CorrectionalInstitutionRefused),
            ("Колония-поселение № 8", FieldCode::CorrectionalInstitutionRefused),
            ("HM Prison Brixton", FieldCode::CorrectionalInstitutionRefused),
        ];
        for (line, code) in table {
            assert_eq!(address_refusal(line), Some(code), "{line}");
        }
    }

    #[test]
    fn ordinary_addresses_pass_even_when_they_contain_the_letters() {
        for line in [
            "ул. Ленина, д. 5, кв. 12",
            "трасса Москва/Ярославль, 12 км",
            "Hlavná 1, Bratislava",
            "ул. Пик-Ахун, 3",
            "ул. Сизова, 7",
            "Колонийская ул., 4",
        ] {
            assert_eq!(address_refusal(line), None, "{line}");
        }
    }

    #[test]
    fn before_the_cut_off_on_a_weekday_dispatch_is_today() {
        // 2026-11-20 is a Friday.
        assert_eq!(dispatch_date(moscow("2026-11-20", 13), 180, 14 * 60), date("2026-11-20"));
    }

    #[test]
    fn after_the_cut_off_on_friday_dispatch_is_monday() {
        assert_eq!(dispatch_date(moscow("2026-11-20", 14), 180, 14 * 60), date("2026-11-23"));
    }

    #[test]
    fn at_the_weekend_dispatch_is_monday() {
        assert_eq!(dispatch_date(moscow("2026-11-22", 9), 180, 14 * 60), date("2026-11-23"));
    }

    #[test]
    fn the_cut_off_is_in_store_time_not_utc() {
        // 13:30 UTC on Thursday is 16:30 in Moscow: after the cut-off.
        let t = date("2026-11-19").days_since_epoch() * 86_400 + 13 * 3600 + 1800;
        assert_eq!(dispatch_date(t, 180, 14 * 60), date("2026-11-20"));
        assert_eq!(dispatch_date(t, 0, 14 * 60), date("2026-11-19"));
    }

    #[test]
    fn delivery_ranges_skip_the_weekend() {
        // Dispatched Thursday: 1–3 business days is Friday to Tuesday.
        assert_eq!(delivery_range(date("2026-11-19"), 1, 3), (date("2026-11-20"), date("2026-11-24")));
        assert_eq!(
            business_days_between(date("2026-11-20"), date("2026-11-24")),
            vec![date("2026-11-20"), date("2026-11-23"), date("2026-11-24")]
        );
    }

    fn rule(code: &str, target: PromoTarget, percent: i64, until: UnixSeconds) -> PromoRule {
        PromoRule { code: code.into(), target, percent, valid_from: 0, valid_until: until }
    }

    #[test]
    fn welcome10_takes_ten_percent_off_the_items_to_the_kopeck() {
        let items = Money::new(698_050, "RUB");
        let r = rule("WELCOME10", PromoTarget::Items, 10, i64::MAX);
        let (status, target, saving) = evaluate_promo(Some(&r), 1, &items, Some(&Money::new(39_000, "RUB"))).unwrap();
        assert_eq!((status, target), (PromoStatus::Applied, Some(PromoTarget::Items)));
        assert_eq!(saving, Money::new(69_805, "RUB"));
    }

    #[test]
    fn freeship_takes_off_the_delivery_once_there_is_one() {
        let items = Money::new(100_000, "RUB");
        let r = rule("FREESHIP", PromoTarget::Delivery, 0, i64::MAX);
        assert_eq!(evaluate_promo(Some(&r), 1, &items, None).unwrap().0, PromoStatus::NotApplicable);
        let (status, _, saving) = evaluate_promo(Some(&r), 1, &items, Some(&Money::new(39_000, "RUB"))).unwrap();
        assert_eq!((status, saving.amount_minor), (PromoStatus::Applied, 39_000));
    }

    #[test]
    fn expired_and_unknown_codes_save_nothing() {
        let items = Money::new(100_000, "RUB");
        let r = rule("EXPIRED2020", PromoTarget::Items, 20, 1_609_459_199);
        let (status, _, saving) = evaluate_promo(Some(&r), 1_700_000_000, &items, None).unwrap();
        assert_eq!((status, saving.amount_minor), (PromoStatus::Expired, 0));
        assert_eq!(evaluate_promo(None, 1, &items, None).unwrap().0, PromoStatus::Invalid);
    }

    #[test]
    fn totals_add_delivery_take_off_the_saving_and_contain_vat() {
        let t = totals(&Money::new(349_000, "RUB"), Some(&Money::new(39_000, "RUB")), &Money::new(34_900, "RUB"), 20).unwrap();
        assert_eq!(t.total.amount_minor, 353_100);
        assert_eq!(t.vat_included.amount_minor, 58_850);
        let free = totals(&Money::new(100, "RUB"), None, &Money::new(500, "RUB"), 20).unwrap();
        assert_eq!(free.total.amount_minor, 0, "never below zero");
    }

    #[test]
    fn limits() {
        let (min, max) = (Money::new(100_000, "RUB"), Money::new(15_000_000, "RUB"));
        assert_eq!(limit_status(&Money::new(99_999, "RUB"), &min, &max), LimitStatus::BelowMinimum);
        assert_eq!(limit_status(&Money::new(100_000, "RUB"), &min, &max), LimitStatus::Ok);
        assert_eq!(limit_status(&Money::new(15_000_001, "RUB"), &min, &max), LimitStatus::AboveMaximum);
    }
}
