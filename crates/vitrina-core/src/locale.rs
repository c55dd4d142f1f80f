//! The languages Vitrina speaks, and choosing one from what the browser prefers.

use serde::{Deserialize, Serialize};

/// The cookie that carries the shopper's choice of language to the server, which sends each page
/// in it (the app keeps the choice in its own storage too, and writes this beside it).
pub const LANGUAGE_COOKIE: &str = "vitrina_locale";

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, crate::json::Decode)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "lowercase")]
pub enum Locale {
    En,
    Ru,
    Uk,
    Sk,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Ru, Locale::Uk, Locale::Sk];

    /// The BCP 47 tag, as `Intl` and the `lang` attribute want it.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Ru => "ru",
            Locale::Uk => "uk",
            Locale::Sk => "sk",
        }
    }

    /// The language's own name for itself, for the switcher.
    pub fn endonym(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Ru => "Русский",
            Locale::Uk => "Українська",
            Locale::Sk => "Slovenčina",
        }
    }

    /// Reads a language tag such as `ru-RU`, `uk`, `sk_SK` or `EN-gb`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        match primary.as_str() {
            "en" => Some(Locale::En),
            "ru" => Some(Locale::Ru),
            "uk" | "ua" => Some(Locale::Uk),
            "sk" => Some(Locale::Sk),
            _ => None,
        }
    }

    /// The first of the browser's preferred languages that Vitrina speaks, else `fallback`.
    pub fn negotiate<'a>(preferred: impl IntoIterator<Item = &'a str>, fallback: Locale) -> Locale {
        preferred.into_iter().find_map(Locale::from_tag).unwrap_or(fallback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_spoken_preference_wins() {
        assert_eq!(Locale::negotiate(["de-DE", "uk-UA", "ru"], Locale::En), Locale::Uk);
        assert_eq!(Locale::negotiate(["sk_SK"], Locale::En), Locale::Sk);
    }

    #[test]
    fn nothing_spoken_falls_back() {
        assert_eq!(Locale::negotiate(["de", "fr-CA", ""], Locale::Ru), Locale::Ru);
        assert_eq!(Locale::negotiate([], Locale::En), Locale::En);
    }

    #[test]
    fn tags_round_trip() {
        for l in Locale::ALL {
            assert_eq!(Locale::from_tag(l.tag()), Some(l));
        }
    }
}
