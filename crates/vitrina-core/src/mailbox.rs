//! Email addresses as mail systems read them: an address typed as a bare `anna@example.com` or
//! pasted with a name (`Anna <anna@example.com>`) is one mailbox, whatever the name or the case.
//!
//! The local part is held to RFC 5321's dot-atom (letters, digits and ``!#$%&'*+-/=?^_`{|}~``,
//! dots between them; any non-ASCII letter or digit too, for addresses in other scripts), so
//! that nothing typed as an address can carry `<`, `>`, `,`, `;`, `"` or `\` into a header and
//! send the mail somewhere else.

/// Why a text is not one mailbox.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MailboxError {
    Empty,
    TooLong,
    Invalid,
}

/// One mailbox: the address alone, trimmed, the name it was pasted with dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mailbox {
    address: String,
}

impl Mailbox {
    /// Reads `anna@example.com` or `Anna <anna@example.com>` (the name may be quoted).
    pub fn parse(text: &str) -> Result<Mailbox, MailboxError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(MailboxError::Empty);
        }
        let address = match text.strip_suffix('>') {
            Some(rest) => {
                let (name, address) = rest.rsplit_once('<').ok_or(MailboxError::Invalid)?;
                if !display_name_ok(name.trim()) {
                    return Err(MailboxError::Invalid);
                }
                address.trim()
            }
            None => text,
        };
        check_address(address)?;
        Ok(Mailbox { address: address.to_owned() })
    }

    /// The address (`anna@example.com`), as written.
    pub fn address(&self) -> &str {
        &self.address
    }

    /// The form two addresses are compared in, e.g. for a limit per sender: case-folded over
    /// all of Unicode (see [`crate::validate::email_key`]).
    pub fn key(&self) -> String {
        crate::validate::email_key(&self.address)
    }
}

/// A name before `<…>`: anything printable but the characters that would end or open another
/// address (a quoted name may hold `,` and `;`).
fn display_name_ok(name: &str) -> bool {
    let quoted = name.len() >= 2 && name.starts_with('"') && name.ends_with('"');
    let inner = if quoted { &name[1..name.len() - 1] } else { name };
    inner.chars().all(|c| !c.is_control() && !matches!(c, '<' | '>' | '"' | '\\' | '@'))
        && (quoted || inner.chars().all(|c| !matches!(c, ',' | ';' | ':')))
}

fn atext(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-/=?^_`{|}~".contains(c) || (!c.is_ascii() && c.is_alphanumeric())
}

/// A bare address: a dot-atom local part, `@`, a dotted domain of letters, digits and hyphens.
pub fn check_address(address: &str) -> Result<(), MailboxError> {
    if address.is_empty() {
        return Err(MailboxError::Empty);
    }
    if address.len() > 254 {
        return Err(MailboxError::TooLong);
    }
    let (local, domain) = address.rsplit_once('@').ok_or(MailboxError::Invalid)?;
    let dot_atom =
        |s: &str, allowed: &dyn Fn(char) -> bool| !s.is_empty() && s.split('.').all(|part| !part.is_empty() && part.chars().all(allowed));
    let label = |c: char| crate::text::is_alphanumeric(c) || c == '-';
    let local_ok = local.len() <= 64 && dot_atom(local, &atext);
    let domain_ok = domain.contains('.') && dot_atom(domain, &label) && domain.split('.').all(|l| !l.starts_with('-') && !l.ends_with('-'));
    if local_ok && domain_ok { Ok(()) } else { Err(MailboxError::Invalid) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_and_case_do_not_make_another_mailbox() {
        let key = |t: &str| Mailbox::parse(t).map(|m| m.key());
        let victim = Ok("victim@example.com".to_owned());
        for variant in [
            "victim@example.com",
            " Victim@Example.COM ",
            "a <victim@example.com>",
            "b<victim@example.com>",
            "\"Someone, else\" <VICTIM@example.com>",
            "Анна <victim@example.com>",
        ] {
            assert_eq!(key(variant), victim, "{variant}");
        }
    }

    #[test]
    fn what_could_break_a_header_or_route_elsewhere_is_refused() {
        for bad in [
            "a<victim@example.com",
            "foo<attacker@evil.example",
            "a\"b@example.com",
            "a\\b@example.com",
            "a,b@example.com",
            "a;b@example.com",
            "a>b@example.com",
            "Anna\\ <anna@example.com>",
            "x, y <anna@example.com>",
            "a b@example.com",
            ".anna@example.com",
            "an..na@example.com",
            "anna@example",
            "anna@-example.com",
            "anna@exa_mple.com",
            "@example.com",
            "anna@",
        ] {
            assert_eq!(Mailbox::parse(bad), Err(MailboxError::Invalid), "{bad}");
        }
        assert_eq!(Mailbox::parse("  "), Err(MailboxError::Empty));
    }

    #[test]
    fn real_addresses_pass() {
        for good in ["anna@example.com", "o'brien+shop@mail.example.ie", "почта@пример.рф", "a.b-c_d@sub.example.co.uk"] {
            assert_eq!(Mailbox::parse(good).map(|m| m.address().to_owned()), Ok(good.to_owned()));
        }
    }
}
