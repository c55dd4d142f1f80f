//! Comparing what people typed. The rules for single field values, and the codes they refuse
//! with, are in [`crate::field`].

/// The form an email address is compared in: trimmed and case-folded over all of Unicode, so
/// `ÉVA@example.com` and `éva@example.com` are one address (SQL's `lower()` folds ASCII only).
/// Final sigma folds as sigma does, as Unicode case folding has it.
pub fn email_key(value: &str) -> String {
    crate::text::lowercase(value.trim()).replace('ς', "σ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_keys_fold_case_across_unicode() {
        assert_eq!(email_key(" ÉVA@Example.com "), email_key("éva@example.com"));
        assert_eq!(email_key("Почта@Пример.РФ"), "почта@пример.рф");
        assert_eq!(email_key("ΟΔΟΣ@x.gr"), email_key("οδοσ@x.gr"));
    }
}
