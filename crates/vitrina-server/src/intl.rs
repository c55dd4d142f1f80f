//! The shopper's language, and money, dates and countries written as that language writes them
//! (ICU4X, from the Unicode CLDR data: `7 383,00 ₽` in Russian, `24. novembra 2026` in Slovak,
//! `Россия` for `RU`), for the emails the store writes.
//!
//! Foundation: used by `domain`; uses only `vitrina_core`.

use fixed_decimal::Decimal;
use icu::calendar::{Date as IcuDate, Iso};
use icu::datetime::DateTimeFormatter;
use icu::datetime::fieldsets;
use icu::locale::Locale as IcuLocale;
use icu::locale::subtags::Region;
use icu_experimental::dimension::currency::CurrencyType;
use icu_experimental::dimension::currency::formatter::CurrencyFormatter;
use icu_experimental::displaynames::{DisplayNamesOptions, multi::RegionDisplayNames};
use std::str::FromStr;
use vitrina_core::Money;
use vitrina_core::civil::Date;
use vitrina_core::locale::Locale;

/// The language to write in: the one the request names (`locale`), else the first of
/// `Accept-Language` Vitrina speaks (in the order of its `q` weights), else `fallback`.
pub fn negotiate(named: Option<&str>, accept_language: Option<&str>, fallback: Locale) -> Locale {
    if let Some(locale) = named.and_then(Locale::from_tag) {
        return locale;
    }
    let mut preferred: Vec<(f32, usize, &str)> = accept_language
        .unwrap_or_default()
        .split(',')
        .enumerate()
        .filter_map(|(i, item)| {
            let mut parts = item.split(';');
            let tag = parts.next()?.trim();
            let q = parts.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok())).unwrap_or(1.0);
            (q > 0.0 && !tag.is_empty()).then_some((q, i, tag))
        })
        .collect();
    preferred.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    Locale::negotiate(preferred.into_iter().map(|(_, _, tag)| tag), fallback)
}

/// Reads a language kept with an order, a message or an account.
pub fn stored(tag: Option<&str>) -> Locale {
    tag.and_then(Locale::from_tag).unwrap_or(Locale::En)
}

/// Formatting for one language.
pub struct Intl {
    locale: Locale,
    icu: IcuLocale,
}

impl Intl {
    pub fn new(locale: Locale) -> Intl {
        let icu = IcuLocale::from_str(locale.tag()).unwrap_or(IcuLocale::UNKNOWN);
        Intl { locale, icu }
    }

    pub fn locale(&self) -> Locale {
        self.locale
    }

    /// `7 383,00 ₽` (ru), `RUB 7,383.00` (en), `7 383,00 €` (sk): the currency's symbol in that
    /// language (CLDR's standard one, which the browser's `Intl` writes on the pages too, so an
    /// e-mail shows a sum as the page showed it), its decimals, grouping and sign placement as
    /// the language has them. A currency ICU does not know is written with its code.
    pub fn money(&self, money: &Money) -> String {
        let digits = money.currency.minor_digits();
        let mut amount = Decimal::from(money.amount_minor);
        amount.multiply_pow10(-(digits as i16));
        amount.pad_end(-(digits as i16));
        let code = money.currency.code();
        let formatted = CurrencyType::try_from_str(code).ok().and_then(|code| {
            let formatter = CurrencyFormatter::try_new_symbol((&self.icu).into(), code, Default::default()).ok()?;
            Some(formatter.format_fixed_decimal(&amount).to_string())
        });
        formatted.unwrap_or_else(|| format!("{} {code}", money.to_decimal_string()))
    }

    /// A calendar date in words: `24 ноября 2026 г.`, `24. novembra 2026`, `November 24, 2026`.
    pub fn date(&self, date: Date) -> String {
        let long = || -> Option<String> {
            let formatter = DateTimeFormatter::try_new((&self.icu).into(), fieldsets::YMD::long()).ok()?;
            let iso = IcuDate::<Iso>::try_new_iso(date.year, date.month, date.day).ok()?;
            Some(formatter.format(&iso).to_string())
        };
        long().unwrap_or_else(|| date.to_string())
    }

    /// A date with its weekday and a wall-clock time to the minute: `понедельник, 30 ноября 2026 г. в 18:00`.
    pub fn date_time(&self, date: Date, minutes: u32) -> String {
        let with_time = || -> Option<String> {
            let formatter = DateTimeFormatter::try_new(
                (&self.icu).into(),
                fieldsets::YMDET::long().with_time_precision(icu::datetime::options::TimePrecision::Minute),
            )
            .ok()?;
            Some(formatter.format(&wall_clock(date, minutes)?).to_string())
        };
        with_time().unwrap_or_else(|| format!("{date} {:02}:{:02}", minutes / 60, minutes % 60))
    }

    /// A wall-clock date and time as the browser's `Intl.DateTimeFormat` writes it with
    /// `dateStyle: "medium", timeStyle: "short"` (the app's times): `Nov 25, 2026, 8:59 PM`,
    /// `25 нояб. 2026 г., 20:59`, `25. 11. 2026, 20:59`. Both come from CLDR; the end-to-end
    /// tests hold this to Chromium's text.
    pub fn date_time_medium(&self, date: Date, minutes: u32) -> Option<String> {
        let formatter = DateTimeFormatter::try_new(
            (&self.icu).into(),
            fieldsets::YMDT::medium().with_time_precision(icu::datetime::options::TimePrecision::Minute),
        )
        .ok()?;
        // V8 writes plain spaces where CLDR has no-break ones (`8:59 PM`).
        Some(formatter.format(&wall_clock(date, minutes)?).to_string().replace(['\u{202f}', '\u{a0}'], " "))
    }

    /// A country's name from its ISO 3166 code (`RU` → `Россия` in Russian); the code itself
    /// when there is no name for it.
    pub fn country(&self, code: &str) -> String {
        let name = Region::try_from_str(code.trim()).ok().and_then(|region| {
            RegionDisplayNames::try_new((&self.icu).into(), DisplayNamesOptions::default())
                .ok()
                .and_then(|n| n.of(region).map(str::to_owned))
        });
        name.unwrap_or_else(|| code.to_owned())
    }
}

/// `date` at `minutes` past its midnight, for ICU.
fn wall_clock(date: Date, minutes: u32) -> Option<icu::datetime::input::DateTime<Iso>> {
    Some(icu::datetime::input::DateTime {
        date: IcuDate::<Iso>::try_new_iso(date.year, date.month, date.day).ok()?,
        time: icu::datetime::input::Time::try_new((minutes / 60) as u8, (minutes % 60) as u8, 0, 0).ok()?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CLDR separates groups and symbols with no-break spaces; compare with plain ones.
    fn plain(s: String) -> String {
        s.replace(['\u{a0}', '\u{202f}'], " ")
    }

    #[test]
    fn money_is_written_as_each_language_writes_it() {
        let rub = Money::new(738_300, "RUB");
        assert_eq!(plain(Intl::new(Locale::Ru).money(&rub)), "7 383,00 ₽");
        assert_eq!(plain(Intl::new(Locale::En).money(&rub)), "RUB 7,383.00");
        assert_eq!(plain(Intl::new(Locale::Uk).money(&rub)), "7 383,00 RUB");
        assert_eq!(plain(Intl::new(Locale::Sk).money(&rub)), "7 383,00 RUB");
        assert_eq!(plain(Intl::new(Locale::Uk).money(&Money::new(125_050, "UAH"))), "1 250,50 ₴");
        assert_eq!(plain(Intl::new(Locale::Sk).money(&Money::new(1_999, "EUR"))), "19,99 €");
    }

    #[test]
    fn dates_and_countries_are_words_of_the_language() {
        let date = Date::new(2026, 11, 24).unwrap();
        assert_eq!(Intl::new(Locale::En).date(date), "November 24, 2026");
        assert_eq!(plain(Intl::new(Locale::Ru).date(date)), "24 ноября 2026 г.");
        assert_eq!(plain(Intl::new(Locale::Sk).date(date)), "24. novembra 2026");
        assert_eq!(plain(Intl::new(Locale::En).date_time(date, 13 * 60)), "Tuesday, November 24, 2026 at 1:00 PM");
        assert_eq!(plain(Intl::new(Locale::Ru).date_time(date, 18 * 60 + 5)), "вторник, 24 ноября 2026 г. в 18:05");
        for (locale, date, minutes, expected) in [
            (Locale::En, (2026, 11, 25), 20 * 60 + 59, "Nov 25, 2026, 8:59 PM"),
            (Locale::En, (2026, 1, 5), 9 * 60 + 3, "Jan 5, 2026, 9:03 AM"),
            (Locale::En, (2026, 5, 31), 0, "May 31, 2026, 12:00 AM"),
            (Locale::Ru, (2026, 11, 25), 20 * 60 + 59, "25 нояб. 2026 г., 20:59"),
            (Locale::Ru, (2026, 1, 5), 9 * 60 + 3, "5 янв. 2026 г., 09:03"),
            (Locale::Ru, (2026, 5, 31), 0, "31 мая 2026 г., 00:00"),
            (Locale::Uk, (2026, 11, 25), 20 * 60 + 59, "25 лист. 2026 р., 20:59"),
            (Locale::Uk, (2026, 5, 31), 0, "31 трав. 2026 р., 00:00"),
            (Locale::Sk, (2026, 11, 25), 20 * 60 + 59, "25. 11. 2026, 20:59"),
            (Locale::Sk, (2026, 1, 5), 9 * 60 + 3, "5. 1. 2026, 9:03"),
            (Locale::Sk, (2026, 5, 31), 0, "31. 5. 2026, 0:00"),
        ] {
            let date = Date::new(date.0, date.1, date.2).unwrap();
            assert_eq!(
                Intl::new(locale).date_time_medium(date, minutes).map(|s| format!("{s:?}")),
                Some(format!("{expected:?}")),
                "{locale:?}"
            );
        }
        assert_eq!(Intl::new(Locale::Ru).country("RU"), "Россия");
        assert_eq!(Intl::new(Locale::Uk).country("SK"), "Словаччина");
        assert_eq!(Intl::new(Locale::En).country("ZZ9"), "ZZ9");
    }

    #[test]
    fn the_named_language_wins_then_accept_language_by_weight() {
        assert_eq!(negotiate(Some("uk"), Some("ru"), Locale::En), Locale::Uk);
        assert_eq!(negotiate(None, Some("de-DE, sk;q=0.5, ru;q=0.8"), Locale::En), Locale::Ru);
        assert_eq!(negotiate(Some("de"), Some("fr, *;q=0.1"), Locale::Sk), Locale::Sk);
        assert_eq!(negotiate(None, Some("ru;q=0"), Locale::En), Locale::En);
    }
}
