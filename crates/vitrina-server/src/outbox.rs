//! Outgoing email: each message built as RFC 5322 MIME (multipart text + HTML) by a maintained
//! mail builder, and delivered by writing it as an `.eml` file into the outbox folder: the
//! reference backend has no mail server, and tests read the folder.
//!
//! Which emails exist, and when they are due, is `domain::emails` and `domain::mailer`; here is
//! only how one message is put together and put down. Addresses are checked mailboxes (see
//! `vitrina_core::mailbox`), and names are encoded by the builder (quoted, escaped, or RFC 2047
//! encoded words), so no name or address can break a header.
//!
//! Foundation: used by `domain`; uses `ids`.

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;
use mail_builder::headers::raw::Raw;
use std::io::Write;
use std::path::{Path, PathBuf};

/// A person or role that mail is from or to: a display name (possibly empty) and the address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub address: String,
}

impl Party {
    pub fn new(name: impl Into<String>, address: impl Into<String>) -> Party {
        Party { name: name.into(), address: address.into() }
    }

    fn header(&self) -> Address<'_> {
        // Line breaks never reach a header, whatever a name holds.
        let name = self.name.replace(['\r', '\n'], " ");
        let name = name.trim();
        Address::new_address((!name.is_empty()).then(|| name.to_owned()), self.address.trim().to_owned())
    }
}

/// One message, ready to build.
#[derive(Debug, Clone)]
pub struct Email {
    pub from: Party,
    pub to: Party,
    pub reply_to: Option<Party>,
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body (escaped by whoever wrote it: the templates escape everything they insert).
    pub html: String,
    /// The language of the message (`Content-Language`).
    pub language: String,
}

/// The message as RFC 5322 bytes (CRLF line endings, headers folded, bodies encoded by the
/// builder), dated `date_unix`, with a Message-ID made from `id`.
pub fn build(email: &Email, date_unix: i64, id: &str) -> std::io::Result<Vec<u8>> {
    let mut message = MessageBuilder::new()
        .from(email.from.header())
        .to(email.to.header())
        .subject(email.subject.replace(['\r', '\n'], " "))
        .date(date_unix)
        .message_id(format!("{}@vitrina.localhost", sanitise_name(id)))
        .header("Content-Language", Raw::new(sanitise_name(&email.language)))
        .header("Auto-Submitted", Raw::new("auto-generated"))
        .text_body(email.text.clone())
        .html_body(email.html.clone());
    if let Some(reply_to) = &email.reply_to {
        message = message.reply_to(reply_to.header());
    }
    message.write_to_vec()
}

/// Writes `message` into `dir` as `{name}.eml`, readable by the server's user only, whole or not
/// at all (a temporary file, synced, then renamed). Writing the same name again replaces the file
/// with the same bytes, so a message delivered twice (a crash before it was marked delivered)
/// is still one file.
pub fn deliver(dir: &Path, name: &str, message: &[u8]) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{}.eml", sanitise_name(name)));
    let tmp = path.with_extension("eml.tmp");
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        // Names, phones, addresses and order links are in there.
        options.mode(0o600);
    }
    let mut file = options.open(&tmp)?;
    file.write_all(message)?;
    file.sync_all()?;
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

/// Escapes text for HTML the server writes itself (the gateway's page).
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// A file name or header token from server-made names only: `[A-Za-z0-9_-]`, anything else `-`.
pub fn sanitise_name(name: &str) -> String {
    name.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use mail_parser::MessageParser;

    fn sample() -> Email {
        Email {
            from: Party::new("Vitrina Demo Store", "orders@vitrina.localhost"),
            to: Party::new("Анна Петрова", "anna@example.com"),
            reply_to: None,
            subject: "Заказ 1042 подтверждён — Vitrina Demo Store".into(),
            text: "Спасибо!\nЗаказ 1042".into(),
            html: "<p>Спасибо!</p>".into(),
            language: "ru".into(),
        }
    }

    #[test]
    fn a_message_has_both_parts_and_reads_back() {
        let bytes = build(&sample(), 1_795_000_000, "order-1042-0-created").unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(text.contains("multipart/alternative"));
        assert!(text.lines().all(|l| l.len() <= 998));
        let parsed = MessageParser::default().parse(&bytes).unwrap();
        assert_eq!(parsed.subject(), Some("Заказ 1042 подтверждён — Vitrina Demo Store"));
        let to = parsed.to().unwrap().first().unwrap();
        assert_eq!(to.name(), Some("Анна Петрова"));
        assert_eq!(to.address(), Some("anna@example.com"));
        assert_eq!(parsed.body_text(0).unwrap().trim(), "Спасибо!\nЗаказ 1042");
        assert_eq!(parsed.body_html(0).unwrap().trim(), "<p>Спасибо!</p>");
        assert_eq!(parsed.header_raw("Content-Language").map(str::trim), Some("ru"));
    }

    #[test]
    fn names_with_quotes_backslashes_or_line_breaks_stay_names() {
        let mut email = sample();
        email.to = Party::new("Anna\\ \"the\" <boss>, x@evil.example", "anna@example.com");
        email.subject = "Hello\r\nBcc: victim@example.com".into();
        let bytes = build(&email, 0, "x").unwrap();
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("\r\nBcc:"), "{text}");
        let parsed = MessageParser::default().parse(&bytes).unwrap();
        let to: Vec<_> = parsed.to().unwrap().iter().collect();
        assert_eq!(to.len(), 1, "{text}");
        assert_eq!(to[0].address(), Some("anna@example.com"));
        assert_eq!(to[0].name(), Some("Anna\\ \"the\" <boss>, x@evil.example"));
    }

    #[test]
    fn delivering_twice_leaves_one_private_file() {
        let dir = tempfile::tempdir().unwrap();
        let outbox = dir.path().join("outbox");
        let first = deliver(&outbox, "order 1042/../x", b"one").unwrap();
        let again = deliver(&outbox, "order 1042/../x", b"one").unwrap();
        assert_eq!(first, again);
        assert_eq!(first.file_name().unwrap(), "order-1042----x.eml");
        assert_eq!(std::fs::read_dir(&outbox).unwrap().count(), 1);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&first).unwrap().permissions().mode() & 0o777, 0o600);
        }
    }
}
