//! Outgoing email, written as `.eml` files (RFC 5322, MIME multipart text + HTML) to the outbox
//! folder instead of being sent: the reference backend has no mail server, and tests read them.

use std::path::{Path, PathBuf};

/// One message.
#[derive(Debug, Clone)]
pub struct Email {
    /// `Name <address>` or a bare address.
    pub from: String,
    pub to: String,
    pub reply_to: Option<String>,
    pub subject: String,
    /// The plain-text body.
    pub text: String,
    /// The HTML body; whoever builds it escapes what came from users with [`escape_html`].
    pub html: String,
}

/// Writes `email` into `dir` as `{stem}.eml` (the folder is created if needed); returns the path.
pub fn write(dir: &Path, stem: &str, email: &Email, date_unix: i64) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let path = dir.join(format!("{}.eml", sanitise_stem(stem)));
    let tmp = path.with_extension("eml.tmp");
    std::fs::write(&tmp, render(email, date_unix))?;
    // Written whole or not at all: a reader never sees half a message.
    std::fs::rename(&tmp, &path)?;
    Ok(path)
}

fn sanitise_stem(stem: &str) -> String {
    stem.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect()
}

/// The message as RFC 5322 text with CRLF line endings.
pub fn render(email: &Email, date_unix: i64) -> String {
    let boundary = format!("=_vitrina_{}", crate::ids::random_hex(12));
    let mut out = String::new();
    let mut header = |name: &str, value: &str| {
        out.push_str(name);
        out.push_str(": ");
        out.push_str(value);
        out.push_str("\r\n");
    };
    header("Date", &rfc5322_date(date_unix));
    header("From", &encode_address(&email.from));
    header("To", &encode_address(&email.to));
    if let Some(reply_to) = &email.reply_to {
        header("Reply-To", &encode_address(reply_to));
    }
    header("Subject", &encode_word(&email.subject));
    header("Message-ID", &format!("<{}@vitrina.localhost>", crate::ids::token()));
    header("MIME-Version", "1.0");
    header("Content-Type", &format!("multipart/alternative; boundary=\"{boundary}\""));
    out.push_str("\r\n");
    for (media_type, body) in [("text/plain", &email.text), ("text/html", &email.html)] {
        out.push_str(&format!("--{boundary}\r\n"));
        out.push_str(&format!("Content-Type: {media_type}; charset=utf-8\r\n"));
        out.push_str("Content-Transfer-Encoding: base64\r\n\r\n");
        out.push_str(&base64_lines(body.as_bytes()));
    }
    out.push_str(&format!("--{boundary}--\r\n"));
    out
}

/// Escapes text for an HTML email body.
pub fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

/// `Name <addr>` with a non-ASCII name as an RFC 2047 encoded word; header injection is refused
/// by dropping line breaks.
fn encode_address(value: &str) -> String {
    let value = value.replace(['\r', '\n'], " ");
    match value.rsplit_once('<') {
        Some((name, addr)) if !name.trim().is_empty() => {
            let name = name.trim().trim_matches('"');
            let name = if name.is_ascii() { format!("\"{}\"", name.replace('"', "")) } else { encode_word(name) };
            format!("{name} <{addr}")
        }
        _ => value,
    }
}

/// RFC 2047 `=?utf-8?B?…?=` for non-ASCII header text (split so no encoded word exceeds 75 chars).
pub fn encode_word(text: &str) -> String {
    let text = text.replace(['\r', '\n'], " ");
    if text.is_ascii() {
        return text;
    }
    let mut words = Vec::new();
    let mut chunk = String::new();
    for c in text.chars() {
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?utf-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    if !chunk.is_empty() {
        words.push(format!("=?utf-8?B?{}?=", base64(chunk.as_bytes())));
    }
    words.join("\r\n ")
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

fn base64(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Base64 in lines of 76 characters, as MIME requires.
fn base64_lines(bytes: &[u8]) -> String {
    let encoded = base64(bytes);
    let mut out = String::new();
    for line in encoded.as_bytes().chunks(76) {
        out.push_str(std::str::from_utf8(line).unwrap_or_default());
        out.push_str("\r\n");
    }
    out
}

fn rfc5322_date(t: i64) -> String {
    use vitrina_core::civil::Date;
    const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let date = Date::from_days_since_epoch(t.div_euclid(86_400));
    let secs = t.rem_euclid(86_400);
    format!(
        "{}, {:02} {} {} {:02}:{:02}:{:02} +0000",
        DAYS[date.weekday().index()],
        date.day,
        MONTHS[usize::from(date.month) - 1],
        date.year,
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Email {
        Email {
            from: "Vitrina Demo Store <orders@vitrina.localhost>".into(),
            to: "Анна Петрова <anna@example.com>".into(),
            reply_to: None,
            subject: "Заказ 1042 подтверждён — Vitrina Demo Store".into(),
            text: "Спасибо!\nЗаказ 1042".into(),
            html: "<p>Спасибо!</p>".into(),
        }
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64("ё".as_bytes()), "0ZE=");
    }

    #[test]
    fn a_message_has_the_headers_and_both_parts() {
        let eml = render(&sample(), 1_795_000_000);
        assert!(eml.contains("\r\nMIME-Version: 1.0\r\n"));
        assert!(eml.contains("Content-Type: multipart/alternative; boundary="));
        assert!(eml.contains("Content-Type: text/plain; charset=utf-8"));
        assert!(eml.contains("Content-Type: text/html; charset=utf-8"));
        assert!(eml.contains("Subject: =?utf-8?B?"));
        assert!(eml.contains("To: =?utf-8?B?"));
        assert!(eml.lines().all(|l| l.len() <= 998));
    }

    #[test]
    fn line_breaks_in_headers_cannot_inject_new_ones() {
        let mut email = sample();
        email.subject = "Hello\r\nBcc: victim@example.com".into();
        let eml = render(&email, 0);
        assert!(!eml.contains("\r\nBcc:"));
    }

    #[test]
    fn writing_creates_the_folder_and_a_whole_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(&dir.path().join("outbox"), "order 1042/../x", &sample(), 0).unwrap();
        assert_eq!(path.file_name().unwrap(), "order-1042----x.eml");
        assert!(std::fs::read_to_string(path).unwrap().starts_with("Date: Thu, 01 Jan 1970"));
    }
}
