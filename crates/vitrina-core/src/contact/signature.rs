//! The signature under the seller's emails. Seed 003: at most 70 characters a line, at most six
//! lines, framed by horizontal lines above and below; it must give the name, the company, the
//! site and the email address.

use crate::FieldCode;
use crate::api::{ContactSettings, Identity};

pub const MAX_LINES: usize = 6;
pub const MAX_LINE_CHARS: usize = 70;
/// The horizontal line above and below (not counted among the six).
pub const RULE: &str = "----------------------------------------";

/// The signature's lines, without blank ones around it, nor a frame of horizontal lines the
/// seller typed (the emails frame it themselves).
pub fn lines(signature: &str) -> Vec<&str> {
    let mut lines: Vec<&str> = signature.lines().map(str::trim_end).collect();
    let edge = |l: &str| l.trim().is_empty() || is_rule(l);
    while lines.last().is_some_and(|l| edge(l)) {
        lines.pop();
    }
    while lines.first().is_some_and(|l| edge(l)) {
        lines.remove(0);
    }
    lines
}

/// A line that is only a horizontal rule (`---`, `___`, `===` and the like).
fn is_rule(line: &str) -> bool {
    let line = line.trim();
    line.chars().count() >= 3 && line.chars().all(|c| matches!(c, '-' | '_' | '=' | '—' | '–' | '─'))
}

fn contains(haystack: &str, needle: &str) -> bool {
    let needle = needle.trim();
    needle.is_empty() || crate::text::lowercase(haystack).contains(&crate::text::lowercase(needle))
}

/// What is wrong with a signature the seller wrote (stable codes, first the form, then what is
/// missing). An empty signature is fine: [`effective`] makes one.
pub fn check(signature: &str, identity: &Identity, email: &str) -> Vec<FieldCode> {
    let lines = lines(signature);
    if lines.is_empty() {
        return Vec::new();
    }
    let mut problems = Vec::new();
    if lines.len() > MAX_LINES {
        problems.push(FieldCode::SignatureTooManyLines);
    }
    if lines.iter().any(|l| l.chars().count() > MAX_LINE_CHARS) {
        problems.push(FieldCode::SignatureLineTooLong);
    }
    let text = lines.join("\n");
    if !contains(&text, &identity.full_name) {
        problems.push(FieldCode::SignatureMissingName);
    }
    if !contains(&text, &identity.legal_entity) {
        problems.push(FieldCode::SignatureMissingCompany);
    }
    let site = identity.website.trim().trim_start_matches("https://").trim_start_matches("http://").trim_end_matches('/');
    if !contains(&text, site) {
        problems.push(FieldCode::SignatureMissingWebsite);
    }
    if !contains(&text, email) {
        problems.push(FieldCode::SignatureMissingEmail);
    }
    problems
}

fn clip(line: String) -> String {
    if line.chars().count() <= MAX_LINE_CHARS {
        line
    } else {
        let mut clipped: String = line.chars().take(MAX_LINE_CHARS - 1).collect();
        clipped.push('…');
        clipped
    }
}

/// A signature made from the seller's details that keeps the rules: name, company (or the store
/// name), site, email and phone.
pub fn suggest(identity: &Identity, store_name: &str, email: &str, phone: &str) -> String {
    let mut lines = Vec::new();
    let name = identity.full_name.trim();
    let nickname = identity.nickname.trim();
    match (name.is_empty(), nickname.is_empty()) {
        (false, false) => lines.push(format!("{name} ({nickname})")),
        (false, true) => lines.push(name.to_owned()),
        (true, false) => lines.push(nickname.to_owned()),
        (true, true) => {}
    }
    let company = identity.legal_entity.trim();
    match (company.is_empty(), store_name.trim().is_empty()) {
        (false, _) if company != store_name.trim() => lines.push(format!("{company} · {}", store_name.trim())),
        (false, _) => lines.push(company.to_owned()),
        (true, false) => lines.push(store_name.trim().to_owned()),
        (true, true) => {}
    }
    if !identity.website.trim().is_empty() {
        lines.push(identity.website.trim().to_owned());
    }
    let reach: Vec<&str> = [email.trim(), phone.trim()].into_iter().filter(|s| !s.is_empty()).collect();
    if !reach.is_empty() {
        let joined = reach.join(" · ");
        if joined.chars().count() <= MAX_LINE_CHARS {
            lines.push(joined);
        } else {
            lines.extend(reach.iter().map(|s| s.to_string()));
        }
    }
    lines.into_iter().map(clip).collect::<Vec<_>>().join("\n")
}

/// The signature the seller's emails carry: theirs, or one made from their details.
pub fn effective(settings: &ContactSettings, store_name: &str) -> String {
    if lines(&settings.signature).is_empty() {
        let phone = if settings.phone.enabled { settings.phone.number.as_str() } else { "" };
        suggest(&settings.identity, store_name, &settings.email.address, phone)
    } else {
        lines(&settings.signature).join("\n")
    }
}

/// The signature between its two horizontal lines, ready for a plain-text email.
pub fn framed(signature: &str) -> String {
    format!("{RULE}\n{}\n{RULE}", lines(signature).join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_frame_the_seller_typed_is_not_framed_again() {
        let typed = format!("{RULE}\nMarek Horváth\nSeverny Veter s.r.o.\n{RULE}\n");
        assert_eq!(lines(&typed), ["Marek Horváth", "Severny Veter s.r.o."]);
        assert_eq!(framed(&typed), format!("{RULE}\nMarek Horváth\nSeverny Veter s.r.o.\n{RULE}"));
        assert_eq!(lines("Marek\n-- \nnot a rule: Marek - owner"), ["Marek", "--", "not a rule: Marek - owner"]);
    }

    fn marek() -> Identity {
        Identity {
            full_name: "Marek Horváth".into(),
            nickname: String::new(),
            legal_entity: "Severny Veter s.r.o.".into(),
            tax_id: "SK2120123456".into(),
            website: "https://severny-veter.example".into(),
        }
    }

    const EMAIL: &str = "marek@severny-veter.example";

    #[test]
    fn a_signature_with_name_company_site_and_email_passes() {
        let sig = "Marek Horváth, owner\nSevérny Veter s.r.o.\nseverny-veter.example\nmarek@severny-veter.example";
        // The company is misspelt on purpose: the rule wants the company as registered.
        assert_eq!(check(sig, &marek(), EMAIL), vec![FieldCode::SignatureMissingCompany]);
        let sig = "Marek Horváth, owner\nSeverny Veter s.r.o.\nhttps://severny-veter.example\nmarek@severny-veter.example";
        assert!(check(sig, &marek(), EMAIL).is_empty());
    }

    #[test]
    fn seven_lines_are_too_many_and_seventy_one_characters_too_long() {
        let mut sig = String::from("Marek Horváth\nSeverny Veter s.r.o.\nseverny-veter.example\nmarek@severny-veter.example");
        sig.push_str("\na\nb\nc");
        assert_eq!(check(&sig, &marek(), EMAIL), vec![FieldCode::SignatureTooManyLines]);
        let long = format!("Marek Horváth {}\nSeverny Veter s.r.o.\nseverny-veter.example\n{EMAIL}", "x".repeat(57));
        assert_eq!(long.lines().next().unwrap().chars().count(), 71);
        assert_eq!(check(&long, &marek(), EMAIL), vec![FieldCode::SignatureLineTooLong]);
        let exactly = format!("Marek Horváth {}\nSeverny Veter s.r.o.\nseverny-veter.example\n{EMAIL}", "x".repeat(56));
        assert!(check(&exactly, &marek(), EMAIL).is_empty(), "70 characters (not bytes) is allowed");
    }

    #[test]
    fn blank_lines_around_the_signature_do_not_count() {
        let sig = "\n\nMarek Horváth\nSeverny Veter s.r.o.\nseverny-veter.example\nmarek@severny-veter.example\n\n\n";
        assert!(check(sig, &marek(), EMAIL).is_empty());
    }

    #[test]
    fn what_is_missing_is_named() {
        assert_eq!(
            check("Best wishes", &marek(), EMAIL),
            vec![
                FieldCode::SignatureMissingName,
                FieldCode::SignatureMissingCompany,
                FieldCode::SignatureMissingWebsite,
                FieldCode::SignatureMissingEmail
            ]
        );
        // A private seller with no company or site needs only name and email.
        let private = Identity { full_name: "Irina Sokolova".into(), ..Default::default() };
        assert!(check("Irina Sokolova\nirina@lavka.example", &private, "irina@lavka.example").is_empty());
        assert!(check("", &marek(), EMAIL).is_empty(), "empty: one is made");
    }

    #[test]
    fn a_suggested_signature_keeps_the_rules() {
        let sig = suggest(&marek(), "Severny Veter Home & Apparel", EMAIL, "+421 905 123 456");
        assert_eq!(
            sig,
            "Marek Horváth\nSeverny Veter s.r.o. · Severny Veter Home & Apparel\nhttps://severny-veter.example\nmarek@severny-veter.example · +421 905 123 456"
        );
        assert!(check(&sig, &marek(), EMAIL).is_empty());
        let mut long = marek();
        long.legal_entity = "A".repeat(90);
        let sig = suggest(&long, "", EMAIL, "");
        assert!(sig.lines().all(|l| l.chars().count() <= MAX_LINE_CHARS));
        assert!(lines(&sig).len() <= MAX_LINES);
    }

    #[test]
    fn the_framed_signature_has_a_line_above_and_below() {
        let framed = framed("Marek\nmarek@x.example\n");
        assert_eq!(framed, format!("{RULE}\nMarek\nmarek@x.example\n{RULE}"));
        assert!(RULE.chars().count() <= MAX_LINE_CHARS);
    }
}
