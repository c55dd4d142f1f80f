//! The text operations of the rules that need Unicode's tables: lower and upper case, and
//! whether a character is a letter or a digit of any script. In the browser they are the
//! browser's own (`String.prototype.toLowerCase`, a `RegExp` with `\p{…}`), so the standard
//! library's Unicode tables are not part of the app's code (about 4 KB brotli of every area);
//! elsewhere they are the standard library's. ASCII is answered here in both.

/// `text` in lower case (a final capital sigma becomes `ς`, as in both implementations).
pub fn lowercase(text: &str) -> String {
    if text.is_ascii() { text.to_ascii_lowercase() } else { imp::lowercase(text) }
}

/// `text` in upper case.
pub fn uppercase(text: &str) -> String {
    if text.is_ascii() { text.to_ascii_uppercase() } else { imp::uppercase(text) }
}

/// Whether `c` is a letter of any script (Unicode's `Alphabetic`).
pub fn is_alphabetic(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphabetic() } else { imp::is_alphabetic(c) }
}

/// Whether `c` is a letter or a number of any script (`Alphabetic` or `Number`).
pub fn is_alphanumeric(c: char) -> bool {
    if c.is_ascii() { c.is_ascii_alphanumeric() } else { imp::is_alphanumeric(c) }
}

#[cfg(not(target_arch = "wasm32"))]
mod imp {
    pub fn lowercase(text: &str) -> String {
        text.to_lowercase()
    }

    pub fn uppercase(text: &str) -> String {
        text.to_uppercase()
    }

    pub fn is_alphabetic(c: char) -> bool {
        c.is_alphabetic()
    }

    pub fn is_alphanumeric(c: char) -> bool {
        c.is_alphanumeric()
    }
}

#[cfg(target_arch = "wasm32")]
mod imp {
    use js_sys::{JsString, RegExp};

    pub fn lowercase(text: &str) -> String {
        JsString::from(text).to_lower_case().into()
    }

    pub fn uppercase(text: &str) -> String {
        JsString::from(text).to_upper_case().into()
    }

    thread_local! {
        static ALPHABETIC: RegExp = RegExp::new(r"^\p{Alphabetic}$", "u");
        static ALPHANUMERIC: RegExp = RegExp::new(r"^[\p{Alphabetic}\p{N}]$", "u");
    }

    fn matches(pattern: &'static std::thread::LocalKey<RegExp>, c: char) -> bool {
        pattern.with(|p| p.test(c.encode_utf8(&mut [0; 4])))
    }

    pub fn is_alphabetic(c: char) -> bool {
        matches(&ALPHABETIC, c)
    }

    pub fn is_alphanumeric(c: char) -> bool {
        matches(&ALPHANUMERIC, c)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The browser's side is checked in the browser (`tests/browser/intl.rs`), with every script.
    #[test]
    fn ascii_is_answered_here_and_the_rest_by_the_standard_library() {
        assert_eq!(lowercase("P.O. Box 15"), "p.o. box 15");
        assert_eq!(uppercase("promo10"), "PROMO10");
        assert_eq!(lowercase("ул. ЛЕСНАЯ"), "ул. лесная");
        assert!(is_alphabetic('q') && !is_alphabetic('5') && is_alphanumeric('5') && !is_alphanumeric('/'));
        assert!(is_alphabetic('ї') && is_alphanumeric('٣') && !is_alphanumeric('№'));
    }
}
