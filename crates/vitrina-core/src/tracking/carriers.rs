//! Carrier tables: what each carrier's status texts mean for a shopper.
//!
//! A table is a text file in `carriers/` (one row per status: the carrier's words, phase,
//! severity, action, milestone); adding a carrier is adding a file and naming it in [`SOURCES`].
//! The code below only reads tables, so it never needs to know a carrier's words.

use crate::api::{Action, CarrierInfo, Phase, Severity};
use serde::Deserialize;
use serde::de::IntoDeserializer;
use std::collections::HashMap;
use std::sync::OnceLock;

/// Every carrier table the reference backend knows.
const SOURCES: &[&str] = &[include_str!("carriers/pony-express.txt"), include_str!("carriers/lynx-courier.txt")];

/// Moments of the journey that rules hang on (the customs-offer deadline, delivery attempts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Milestone {
    /// The parcel arrived at customs: the 14 days to confirm the offer start here.
    CustomsArrival,
    OfferSent,
    OfferConfirmed,
    OfferExpired,
    /// The courier came and could not deliver.
    AttemptFailed,
    /// A new delivery date was agreed.
    Rescheduled,
}

impl Milestone {
    fn parse(s: &str) -> Option<Milestone> {
        Some(match s {
            "customs_arrival" => Milestone::CustomsArrival,
            "offer_sent" => Milestone::OfferSent,
            "offer_confirmed" => Milestone::OfferConfirmed,
            "offer_expired" => Milestone::OfferExpired,
            "attempt_failed" => Milestone::AttemptFailed,
            "rescheduled" => Milestone::Rescheduled,
            _ => return None,
        })
    }
}

/// What one carrier status means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StatusMeaning {
    pub phase: Phase,
    pub severity: Severity,
    pub action: Action,
    pub milestone: Option<Milestone>,
}

impl StatusMeaning {
    /// A status no table maps: shown with its raw words as "unknown status", and not called
    /// normal either, since nobody knows what it means.
    pub const UNKNOWN: StatusMeaning =
        StatusMeaning { phase: Phase::Unknown, severity: Severity::Unknown, action: Action::None, milestone: None };
}

/// One carrier's table.
#[derive(Debug, Clone)]
pub struct CarrierTable {
    pub info: CarrierInfo,
    exact: HashMap<String, StatusMeaning>,
    /// (normalised prefix, meaning), longest first.
    prefixes: Vec<(String, StatusMeaning)>,
}

/// Why a table could not be read (a mistake in a file, caught by the host tests).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct TableError {
    pub line: usize,
    pub message: String,
}

impl CarrierTable {
    /// Reads a table file.
    pub fn parse(source: &str) -> Result<CarrierTable, TableError> {
        let mut info = CarrierInfo::default();
        let mut exact = HashMap::new();
        let mut prefixes = Vec::new();
        for (i, line) in source.lines().enumerate() {
            let err = |message: String| TableError { line: i + 1, message };
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if !line.contains('|') {
                let (key, value) = line.split_once(':').ok_or_else(|| err(format!("neither a setting nor a row: {line}")))?;
                let value = value.trim().to_owned();
                match key.trim() {
                    "carrier" => info.id = value,
                    "name" => info.name = value,
                    "website" => info.website = Some(value),
                    "language" => info.language = Some(value),
                    "offer_confirmation_days" => info.rules.offer_confirmation_days = Some(number(&value).map_err(err)?),
                    "offer_wrong_tries_allowed" => info.rules.offer_wrong_tries_allowed = Some(number(&value).map_err(err)?),
                    "tax_number_lookup_url" => info.rules.tax_number_lookup_url = Some(value),
                    "redelivery_attempts" => info.rules.redelivery_attempts = Some(number(&value).map_err(err)?),
                    "courier_wait_minutes" => info.rules.courier_wait_minutes = Some(number(&value).map_err(err)?),
                    other => return Err(err(format!("unknown setting {other}"))),
                }
                continue;
            }
            let cells: Vec<&str> = line.split('|').map(str::trim).collect();
            let [words, phase, severity, action, milestone] = cells[..] else {
                return Err(err(format!("expected 5 columns, found {}", cells.len())));
            };
            let meaning = StatusMeaning {
                phase: known(phase).ok_or_else(|| err(format!("unknown phase {phase}")))?,
                severity: known(severity).ok_or_else(|| err(format!("unknown severity {severity}")))?,
                action: known(action).ok_or_else(|| err(format!("unknown action {action}")))?,
                milestone: match milestone {
                    "" => None,
                    m => Some(Milestone::parse(m).ok_or_else(|| err(format!("unknown milestone {m}")))?),
                },
            };
            let duplicate = if let Some(prefix) = words.strip_suffix('*') {
                let key = normalise(prefix);
                let seen = prefixes.iter().any(|(p, _)| *p == key);
                prefixes.push((key, meaning));
                seen
            } else {
                exact.insert(normalise(words), meaning).is_some()
            };
            if duplicate || words.is_empty() {
                return Err(err(format!("empty or repeated status: {words}")));
            }
        }
        if info.id.is_empty() || info.name.is_empty() {
            return Err(TableError { line: 0, message: "a table needs `carrier:` and `name:`".into() });
        }
        prefixes.sort_by_key(|(p, _)| std::cmp::Reverse(p.len()));
        Ok(CarrierTable { info, exact, prefixes })
    }

    /// What a status means, if this table maps it.
    pub fn meaning(&self, raw_status: &str) -> Option<StatusMeaning> {
        let key = normalise(raw_status);
        self.exact.get(&key).copied().or_else(|| self.prefixes.iter().find(|(prefix, _)| key.starts_with(prefix.as_str())).map(|(_, m)| *m))
    }

    /// Like [`CarrierTable::meaning`], with an unmapped status read as [`StatusMeaning::UNKNOWN`].
    pub fn meaning_or_unknown(&self, raw_status: &str) -> StatusMeaning {
        self.meaning(raw_status).unwrap_or(StatusMeaning::UNKNOWN)
    }
}

/// Reads a wire name of a contract enum (`in_transit`). The catch-all `unknown` that a misspelt
/// name would decode to is refused: a value counts only if it writes back as the same name.
fn known<T: for<'de> Deserialize<'de> + serde::Serialize>(s: &str) -> Option<T> {
    let value = T::deserialize(IntoDeserializer::<serde::de::value::Error>::into_deserializer(s)).ok()?;
    (serde_json::to_value(&value).ok()? == s).then_some(value)
}

/// The form statuses are compared in: lower case, single spaces, every dash a hyphen, no
/// trailing full stop. Carriers are not consistent about any of these.
pub fn normalise(words: &str) -> String {
    let mut out = String::with_capacity(words.len());
    let mut space = false;
    for c in crate::text::lowercase(words.trim()).chars() {
        let c = match c {
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if c == '-' {
            // "Задержано- запрещенный груз" and "Задержано — запрещенный груз" are one status.
            space = false;
            while out.ends_with(' ') {
                out.pop();
            }
            out.push_str(" - ");
            continue;
        }
        if space && !out.is_empty() && !out.ends_with(' ') {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    let trimmed = out.trim_end_matches(['.', ' ']).trim_start();
    trimmed.to_owned()
}

/// All carrier tables, read once.
pub fn tables() -> &'static [CarrierTable] {
    static TABLES: OnceLock<Vec<CarrierTable>> = OnceLock::new();
    TABLES.get_or_init(|| {
        SOURCES
            .iter()
            // The tables are part of the build and tested; a broken one is left out, not fatal.
            .filter_map(|source| CarrierTable::parse(source).ok())
            .collect()
    })
}

/// The table of the carrier with this id.
pub fn carrier(id: &str) -> Option<&'static CarrierTable> {
    tables().iter().find(|t| t.info.id == id)
}

/// A rule's number in a table's settings.
fn number(value: &str) -> Result<u32, String> {
    value.parse().map_err(|_| format!("{value:?} is not a number"))
}

#[cfg(test)]
mod tests {
    use super::carrier;

    #[test]
    fn carrier_rules_come_from_each_carriers_table() {
        let pony = &carrier("pony-express").expect("pony express").info.rules;
        assert_eq!(pony.offer_confirmation_days, Some(14));
        assert_eq!(pony.offer_wrong_tries_allowed, Some(4));
        assert_eq!(pony.redelivery_attempts, Some(3));
        assert_eq!(pony.courier_wait_minutes, Some(15));
        assert_eq!(pony.tax_number_lookup_url.as_deref(), Some("https://service.nalog.ru/"));
        let lynx = &carrier("lynx-courier").expect("lynx courier").info.rules;
        assert_eq!(*lynx, crate::api::CarrierRules::default(), "Lynx Courier states no such rules");
    }

    use super::*;

    fn pony() -> &'static CarrierTable {
        carrier("pony-express").expect("the Pony Express table")
    }

    #[test]
    fn every_table_in_the_build_reads_without_error() {
        for source in SOURCES {
            CarrierTable::parse(source).unwrap_or_else(|e| panic!("{e}"));
        }
        assert_eq!(tables().len(), SOURCES.len());
    }

    /// The carrier's own list (seed 002 l.145–184): every line must mean something.
    #[test]
    fn every_pony_express_status_in_the_carriers_list_is_mapped() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../data/pony-express-statuses.txt");
        let list = std::fs::read_to_string(path).expect("data/pony-express-statuses.txt");
        let statuses: Vec<&str> = list.lines().filter(|l| !l.trim().is_empty()).collect();
        assert!(statuses.len() >= 40, "the list has {} lines", statuses.len());
        let unmapped: Vec<&&str> = statuses.iter().filter(|s| pony().meaning(s).is_none()).collect();
        assert!(unmapped.is_empty(), "unmapped statuses: {unmapped:#?}");
    }

    #[test]
    fn a_status_nobody_mapped_is_unknown_and_keeps_nothing_from_a_neighbour() {
        let meaning = pony().meaning_or_unknown("Передано партнёрской службе доставки (код 77)");
        assert_eq!(meaning, StatusMeaning::UNKNOWN);
        assert_eq!(meaning.phase, Phase::Unknown);
        assert!(pony().meaning("").is_none());
        assert!(pony().meaning("Доставлено").is_none(), "no partial matches");
    }

    #[test]
    fn the_same_status_written_a_little_differently_is_still_recognised() {
        let expected = pony().meaning("Задержано- запрещенный груз").unwrap();
        assert_eq!(expected.phase, Phase::Exception);
        for variant in ["задержано — запрещенный груз", "Задержано -  запрещенный груз.", "  ЗАДЕРЖАНО–запрещенный груз "]
        {
            assert_eq!(pony().meaning(variant), Some(expected), "{variant}");
        }
    }

    #[test]
    fn a_terminal_with_its_name_in_brackets_is_a_terminal() {
        for s in [
            "Отправление поступило на терминал (Октябрьский",
            "Отправление поступило на терминал (Октябрьский)",
            "Отправление поступило на терминал (Самара-2)",
        ] {
            assert_eq!(pony().meaning(s).map(|m| m.phase), Some(Phase::InTransit));
        }
    }

    #[test]
    fn the_customs_statuses_ask_for_what_customs_needs() {
        let m = |s| pony().meaning(s).unwrap();
        assert_eq!(m("Оферта отправлена").action, Action::ConfirmOffer);
        assert_eq!(m("Оферта отправлена").milestone, Some(Milestone::OfferSent));
        assert_eq!(m("Задержано таможней — требуется оплата таможенных платежей").action, Action::PayDuties);
        assert_eq!(m("Задержано таможней — требуются дополнительные документы").action, Action::SendDocuments);
        assert_eq!(m("Прибыл на СВХ").milestone, Some(Milestone::CustomsArrival));
        let delivered = m("Доставлено получателю");
        assert_eq!((delivered.phase, delivered.severity), (Phase::Delivered, Severity::Final));
    }

    #[test]
    fn the_second_carrier_works_from_its_table_alone() {
        let lynx = carrier("lynx-courier").expect("the Lynx Courier table");
        assert_eq!(lynx.info.name, "Lynx Courier");
        assert_eq!(lynx.info.language.as_deref(), Some("en"));
        let m = |s| lynx.meaning(s).unwrap();
        assert_eq!(m("Out for delivery").phase, Phase::OutForDelivery);
        assert_eq!(m("Arrived at sorting centre Bratislava").phase, Phase::InTransit);
        assert_eq!(m("Delivery attempted – recipient not at home").milestone, Some(Milestone::AttemptFailed));
        assert_eq!(m("delivered").severity, Severity::Final);
        assert!(lynx.meaning("Доставлено получателю").is_none());
    }

    #[test]
    fn mistakes_in_a_table_are_reported_with_their_line() {
        let base = "carrier: x\nname: X\n";
        for (row, needle) in [
            ("A | in_transit | normal | none", "5 columns"),
            ("A | teleported | normal | none |", "unknown phase"),
            ("A | in_transit | calm | none |", "unknown severity"),
            ("A | in_transit | normal | dance |", "unknown action"),
            ("A | in_transit | normal | none | lunch", "unknown milestone"),
            ("A | in_transit | normal | none |\na | in_transit | normal | none |", "repeated"),
        ] {
            let e = CarrierTable::parse(&format!("{base}{row}\n")).unwrap_err();
            assert!(e.message.contains(needle), "{row}: {e}");
            assert_eq!(e.line, 2 + row.lines().count(), "{row}");
        }
        assert!(CarrierTable::parse("A | in_transit | normal | none |").is_err());
    }
}
