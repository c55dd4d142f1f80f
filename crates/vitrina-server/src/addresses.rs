//! The countries' address formats, from Google's address metadata (the data set libaddressinput
//! uses), kept in `data/address-formats.json` by `scripts/address-data.sh` — never typed by hand.
//! The store describes each country it ships to with them, and checks addresses by them.
//!
//! Foundation: used by the http and domain layers; uses only `vitrina_core`.

use regex::Regex;
use std::collections::HashMap;
use std::sync::OnceLock;
use vitrina_core::api::{AddressFormat, GoogleAddressRecord};

const DATA: &str = include_str!("../data/address-formats.json");

#[derive(serde::Deserialize)]
struct Data {
    countries: HashMap<String, GoogleAddressRecord>,
}

struct Known {
    format: AddressFormat,
    postcode: Option<Regex>,
}

fn known() -> &'static HashMap<String, Known> {
    static KNOWN: OnceLock<HashMap<String, Known>> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let data: Data = serde_json::from_str(DATA).expect("data/address-formats.json is the data set's JSON");
        data.countries
            .into_iter()
            .map(|(code, record)| {
                let format = AddressFormat::from_google(&code, &record);
                let postcode = format.postcode_pattern.as_deref().map(|p| Regex::new(p).expect("the data set's postcode pattern"));
                (code, Known { format, postcode })
            })
            .collect()
    })
}

/// The format of `country`, if the data set has it.
pub fn format(country: &str) -> Option<&'static AddressFormat> {
    known().get(country).map(|k| &k.format)
}

/// Whether `postcode` matches `pattern`, a country's [`AddressFormat::postcode_pattern`]
/// (compiled once: the data set's patterns are few).
pub fn postcode_matches(pattern: &str, postcode: &str) -> bool {
    match known().values().find(|k| k.format.postcode_pattern.as_deref() == Some(pattern)) {
        Some(Known { postcode: Some(re), .. }) => re.is_match(postcode.trim()),
        _ => Regex::new(pattern).is_ok_and(|re| re.is_match(postcode.trim())),
    }
}

/// Whether `postcode` (trimmed) has the form `country` writes postcodes in; `None` when the
/// country is not in the data set.
#[cfg(test)]
fn postcode_fits(country: &str, postcode: &str) -> Option<bool> {
    let known = known().get(country)?;
    Some(known.postcode.as_ref().is_none_or(|re| re.is_match(postcode.trim())))
}

#[cfg(test)]
mod tests {
    use super::*;
    use vitrina_core::api::AddressFieldKind;

    #[test]
    fn every_country_a_demo_store_ships_to_is_in_the_data() {
        for store in [&crate::policy::RU, &crate::policy::SK] {
            for country in store.countries {
                assert!(format(country).is_some(), "{country}");
            }
        }
    }

    #[test]
    fn postcodes_are_checked_against_each_countrys_pattern() {
        assert_eq!(postcode_fits("CZ", "110 00"), Some(true));
        assert_eq!(postcode_fits("CZ", "11000"), Some(true));
        assert_eq!(postcode_fits("CZ", "1100"), Some(false));
        assert_eq!(postcode_fits("SK", "811 01"), Some(true));
        assert_eq!(postcode_fits("AT", "1010"), Some(true));
        assert_eq!(postcode_fits("AT", "10100"), Some(false));
        assert_eq!(postcode_fits("PL", "00-950"), Some(true));
        assert_eq!(postcode_fits("PL", "00950"), Some(false));
        assert_eq!(postcode_fits("RU", "101000"), Some(true));
        assert_eq!(postcode_fits("RU", "10100"), Some(false));
        assert_eq!(postcode_fits("ZZ", "1"), None);
        assert!(format("SK").unwrap().requires(AddressFieldKind::Postcode));
        let cz = format("CZ").unwrap().postcode_pattern.as_deref().unwrap();
        assert!(postcode_matches(cz, " 110 00 ") && !postcode_matches(cz, "1100"));
        assert!(postcode_matches(r"^(?:[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2})$", "SW1A 1AA"), "a pattern outside the data set");
    }

    #[test]
    fn the_czech_and_hungarian_forms_differ_as_the_data_says() {
        let hu = format("HU").unwrap();
        let sk = format("SK").unwrap();
        assert_eq!(hu.fields[0].field, AddressFieldKind::City);
        assert_eq!(sk.fields[0].field, AddressFieldKind::Street);
        assert_eq!(format("RU").unwrap().region_name.as_deref(), Some("oblast"));
        assert_eq!(format("CZ").unwrap().postcode_examples[3], "110 00");
    }
}
