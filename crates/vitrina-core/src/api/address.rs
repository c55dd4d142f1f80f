//! A country's address format, as the store describes it for each country it ships to: which
//! fields, in which order, which are required, what the region and postcode are called, and the
//! postcode's pattern with examples. The reference backend takes it from Google's address
//! metadata (the data set libaddressinput uses); [`AddressFormat::from_google`] reads one record.

use crate::FieldCode;
use serde::{Deserialize, Serialize};

/// A field of an address form.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AddressFieldKind {
    /// Street, house and flat.
    Street,
    /// A district within the city, where the country writes one.
    Sublocality,
    City,
    /// The region, state, oblast or province.
    Region,
    Postcode,
    #[serde(other)]
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressField {
    pub field: AddressFieldKind,
    pub required: bool,
}

/// One country's address format.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AddressFormat {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// The fields in the order the country writes them (recipient and organisation are asked elsewhere).
    pub fields: Vec<AddressField>,
    /// What the region is called there (`oblast`, `state`, `province`, `county`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region_name: Option<String>,
    /// What the postcode is called there (`postal`, `zip`, `pin`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode_name: Option<String>,
    /// The postcode's pattern, a regular expression matched against the whole postcode.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postcode_pattern: Option<String>,
    /// Real postcodes of the country, the first shown as the example.
    #[serde(default)]
    pub postcode_examples: Vec<String>,
}

/// One country's record in Google's address metadata (the fields this contract uses).
#[derive(Debug, Clone, Default, Deserialize, crate::json::Decode)]
pub struct GoogleAddressRecord {
    #[serde(default)]
    pub fmt: Option<String>,
    #[serde(default)]
    pub require: Option<String>,
    #[serde(default)]
    pub zip: Option<String>,
    #[serde(default)]
    pub zipex: Option<String>,
    #[serde(default)]
    pub zip_name_type: Option<String>,
    #[serde(default)]
    pub state_name_type: Option<String>,
}

impl AddressFormat {
    /// Reads a record of Google's address metadata, with the data set's own defaults where the
    /// record is silent (format `%N%n%O%n%A%n%C`, required `AC`, postcode `postal`, region `province`).
    pub fn from_google(country: &str, record: &GoogleAddressRecord) -> AddressFormat {
        let fmt = record.fmt.as_deref().unwrap_or("%N%n%O%n%A%n%C");
        let require = record.require.as_deref().unwrap_or("AC");
        let mut fields: Vec<AddressField> = Vec::new();
        let mut chars = fmt.chars();
        while let Some(c) = chars.next() {
            if c != '%' {
                continue;
            }
            let (code, field) = match chars.next() {
                Some('A') => ('A', AddressFieldKind::Street),
                Some('D') => ('D', AddressFieldKind::Sublocality),
                Some('C') => ('C', AddressFieldKind::City),
                Some('S') => ('S', AddressFieldKind::Region),
                Some('Z') => ('Z', AddressFieldKind::Postcode),
                _ => continue,
            };
            if fields.iter().all(|f| f.field != field) {
                fields.push(AddressField { field, required: require.contains(code) });
            }
        }
        let has = |kind| fields.iter().any(|f: &AddressField| f.field == kind);
        AddressFormat {
            country: country.to_owned(),
            region_name: has(AddressFieldKind::Region).then(|| record.state_name_type.clone().unwrap_or_else(|| "province".into())),
            postcode_name: has(AddressFieldKind::Postcode).then(|| record.zip_name_type.clone().unwrap_or_else(|| "postal".into())),
            postcode_pattern: record.zip.as_ref().map(|z| format!("^(?:{z})$")),
            postcode_examples: record.zipex.as_deref().map(|z| z.split(',').map(|s| s.trim().to_owned()).collect()).unwrap_or_default(),
            fields,
        }
    }

    /// The format the data set gives a country it has no record for (street and city, both
    /// required): what a form shows for a country the store describes no format for.
    pub fn fallback(country: &str) -> AddressFormat {
        AddressFormat::from_google(country, &GoogleAddressRecord::default())
    }

    /// Whether the country's format has `field`, and requires it.
    pub fn requires(&self, field: AddressFieldKind) -> bool {
        self.fields.iter().any(|f| f.field == field && f.required)
    }

    /// Whether the country's postcodes are digits only (every example is), so a form may offer
    /// a numeric keyboard; not for `811 01` or `SW1A 1AA`.
    pub fn numeric_postcode(&self) -> bool {
        !self.postcode_examples.is_empty() && self.postcode_examples.iter().all(|z| z.bytes().all(|b| b.is_ascii_digit()))
    }

    /// What is wrong with an address by this format, field by field in the format's order: a
    /// required field left empty, a postcode not of the country's pattern. `value` reads a
    /// field of the address; `postcode_fits` matches a postcode against
    /// [`AddressFormat::postcode_pattern`] (the app with the browser's regular expressions, a
    /// backend with its own engine), so app and backend check by the same data.
    pub fn problems<'a>(
        &self,
        value: impl Fn(AddressFieldKind) -> &'a str,
        postcode_fits: impl Fn(&str, &str) -> bool,
    ) -> Vec<(AddressFieldKind, FieldCode)> {
        let mut problems = Vec::new();
        for field in &self.fields {
            let text = value(field.field).trim();
            if text.is_empty() {
                if field.required {
                    problems.push((field.field, FieldCode::Required));
                }
            } else if field.field == AddressFieldKind::Postcode
                && let Some(pattern) = &self.postcode_pattern
                && !postcode_fits(pattern, text)
            {
                problems.push((field.field, FieldCode::InvalidPostcode));
            }
        }
        problems
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(json: &str) -> GoogleAddressRecord {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn a_record_becomes_fields_in_the_countrys_order() {
        let ru = AddressFormat::from_google(
            "RU",
            &record(
                r#"{"fmt":"%N%n%O%n%A%n%C%n%S%n%Z","require":"ACSZ","state_name_type":"oblast","zip":"\\d{6}","zipex":"247112,103375"}"#,
            ),
        );
        let kinds: Vec<_> = ru.fields.iter().map(|f| f.field).collect();
        assert_eq!(kinds, [AddressFieldKind::Street, AddressFieldKind::City, AddressFieldKind::Region, AddressFieldKind::Postcode]);
        assert!(ru.requires(AddressFieldKind::Region));
        assert_eq!(ru.region_name.as_deref(), Some("oblast"));
        assert_eq!(ru.postcode_pattern.as_deref(), Some(r"^(?:\d{6})$"));
        assert_eq!(ru.postcode_examples, ["247112", "103375"]);

        let hu = AddressFormat::from_google("HU", &record(r#"{"fmt":"%N%n%O%n%C%n%A%n%Z","require":"ACZ"}"#));
        assert_eq!(hu.fields[0].field, AddressFieldKind::City, "Hungary writes the city first");
        assert_eq!(hu.region_name, None);
        assert_eq!(hu.postcode_name.as_deref(), Some("postal"));

        let silent = AddressFormat::fallback("XX");
        assert!(silent.requires(AddressFieldKind::Street) && silent.requires(AddressFieldKind::City));
        assert!(!silent.fields.iter().any(|f| f.field == AddressFieldKind::Postcode));
    }

    /// A pattern check good enough for the tests' patterns: `^(?:\d{3} ?\d{2})$` and the like.
    fn fits(pattern: &str, postcode: &str) -> bool {
        match pattern {
            r"^(?:\d{3} ?\d{2})$" => {
                let digits: String = postcode.chars().filter(|c| *c != ' ').collect();
                digits.len() == 5 && digits.bytes().all(|b| b.is_ascii_digit()) && postcode.len() <= 6
            }
            _ => panic!("no test matcher for {pattern}"),
        }
    }

    #[test]
    fn an_address_is_checked_by_its_countrys_format() {
        let sk = AddressFormat::from_google(
            "SK",
            &record(r#"{"fmt":"%N%n%O%n%A%n%Z %C","require":"ACZ","zip":"\\d{3} ?\\d{2}","zipex":"010 01,023 14"}"#),
        );
        let address = |street: &'static str, city: &'static str, postcode: &'static str| {
            move |field| match field {
                AddressFieldKind::Street => street,
                AddressFieldKind::City => city,
                AddressFieldKind::Postcode => postcode,
                _ => "",
            }
        };
        assert_eq!(sk.problems(address("Obchodná 5", "Bratislava", "811 01"), fits), []);
        assert_eq!(
            sk.problems(address("Obchodná 5", "Bratislava", "8110"), fits),
            [(AddressFieldKind::Postcode, FieldCode::InvalidPostcode)]
        );
        assert_eq!(
            sk.problems(address(" ", "Bratislava", "  "), fits),
            [(AddressFieldKind::Street, FieldCode::Required), (AddressFieldKind::Postcode, FieldCode::Required)],
            "in the format's order"
        );
        assert!(!sk.numeric_postcode(), "811 01 has a space");
        let ru = AddressFormat::from_google("RU", &record(r#"{"zipex":"101000,247112"}"#));
        assert!(ru.numeric_postcode());
        let gb = AddressFormat::from_google("GB", &record(r#"{"zipex":"EC1Y 8SY,GIR 0AA"}"#));
        assert!(!gb.numeric_postcode());
        assert_eq!(AddressFormat::fallback("XX").problems(|_| "", fits).len(), 2, "street and city");
    }
}
