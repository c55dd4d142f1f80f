//! The app's four languages, and the reference backend's e-mails in them, have the same keys,
//! the plural forms each language needs, the same placeholders, and every key the code (or an
//! e-mail template) asks for; nothing is left in English and nothing claims a report was sent.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use vitrina_core::locale::Locale;

const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The tables of every language (English is compiled in from them by `build.rs`).
const FEATURE_TABLES: [&str; 6] = ["common", "catalog", "checkout", "order", "tracking", "contact"];

/// All of a language's tables merged; a key defined in two tables is an error.
fn table(locale: Locale) -> BTreeMap<String, String> {
    let dir = repo().join("locales").join(locale.tag());
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().file_name().to_string_lossy().trim_end_matches(".json").to_owned())
        .collect();
    on_disk.sort();
    let mut expected: Vec<String> = FEATURE_TABLES.iter().map(|s| s.to_string()).collect();
    expected.sort();
    assert_eq!(on_disk, expected, "{}: the tables on disk differ from those the app compiles in", dir.display());
    let mut merged = BTreeMap::new();
    for feature in FEATURE_TABLES {
        let path = dir.join(format!("{feature}.json"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let part: BTreeMap<String, String> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        for (key, value) in part {
            assert!(merged.insert(key.clone(), value).is_none(), "{}: {key} is defined twice", locale.tag());
        }
    }
    merged
}

/// The words of the reference backend's e-mails in one language (`emails/locales/{lang}.json`).
fn email_table(locale: Locale) -> BTreeMap<String, String> {
    let path = repo().join("crates/vitrina-server/emails/locales").join(format!("{}.json", locale.tag()));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// Each set of tables (the app's, the e-mails'), by its name, for one language.
fn every_table(locale: Locale) -> [(&'static str, BTreeMap<String, String>); 2] {
    [("app", table(locale)), ("emails", email_table(locale))]
}

/// `nav.cart_items.few` → (`nav.cart_items`, Some(`few`)).
fn split_plural(key: &str) -> (&str, Option<&str>) {
    match key.rsplit_once('.') {
        Some((base, cat)) if PLURAL_CATEGORIES.contains(&cat) => (base, Some(cat)),
        _ => (key, None),
    }
}

fn base_keys(t: &BTreeMap<String, String>) -> BTreeSet<String> {
    t.keys().map(|k| split_plural(k).0.to_owned()).collect()
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(start) = rest.find('{') {
        let Some(len) = rest[start..].find('}') else {
            break;
        };
        out.insert(rest[start + 1..start + len].to_owned());
        rest = &rest[start + len..];
    }
    out
}

#[test]
fn every_language_has_every_key_another_has() {
    for (set, en) in every_table(Locale::En) {
        let en = base_keys(&en);
        for locale in Locale::ALL {
            let keys = base_keys(&every_table(locale).into_iter().find(|(s, _)| *s == set).expect("the same sets").1);
            let missing: Vec<_> = en.difference(&keys).collect();
            let extra: Vec<_> = keys.difference(&en).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{set} {}: missing {missing:?}, not in English {extra:?}", locale.tag());
        }
    }
}

#[test]
fn plural_keys_have_each_form_the_language_uses() {
    let needed = |locale: Locale| -> &'static [&'static str] {
        match locale {
            Locale::En => &["one", "other"],
            Locale::Ru | Locale::Uk | Locale::Sk => &["one", "few", "many", "other"],
        }
    };
    for (i, (set, en)) in every_table(Locale::En).into_iter().enumerate() {
        let plural_bases: BTreeSet<String> =
            // A key with a `one` form is plural (`payment.other` alone is the other way to pay).
            en.keys().filter(|k| split_plural(k).1.is_some_and(|c| c != "other")).map(|k| split_plural(k).0.to_owned()).collect();
        assert!(!plural_bases.is_empty());
        for locale in Locale::ALL {
            let [app, emails] = every_table(locale);
            let t = if i == 0 { app.1 } else { emails.1 };
            for base in &plural_bases {
                for cat in needed(locale) {
                    assert!(t.contains_key(&format!("{base}.{cat}")), "{set} {}: {base}.{cat} is missing", locale.tag());
                }
            }
        }
    }
}

#[test]
fn translations_keep_the_placeholders_of_the_english_text() {
    for (i, (set, en)) in every_table(Locale::En).into_iter().enumerate() {
        let en_by_base: BTreeMap<&str, BTreeSet<String>> = en.iter().map(|(k, v)| (split_plural(k).0, placeholders(v))).collect();
        for locale in Locale::ALL {
            let table = every_table(locale).into_iter().nth(i).expect("the same sets").1;
            for (key, text) in table {
                let base = split_plural(&key).0;
                let mut expected = en_by_base[base].clone();
                let mut found = placeholders(&text);
                // A plural form may spell out the number ("one item") instead of using {n}.
                expected.remove("n");
                found.remove("n");
                assert_eq!(found, expected, "{set} {}: {key}", locale.tag());
            }
        }
    }
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// String literals in the app's code that have the shape of a translation key (`cart.title`,
/// `delivery.kind.courier`) and start with one of the tables' prefixes: keys passed to `t`, `tf`,
/// `tp`, or to components (`label="…"`, `key="…"`).
fn keys_used_in(source: &str, prefixes: &BTreeSet<String>) -> Vec<String> {
    let mut keys = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find('"') {
        rest = &rest[start + 1..];
        let Some(end) = rest.find('"') else { break };
        let literal = &rest[..end];
        rest = &rest[end + 1..];
        let shaped = literal.contains('.')
            && literal
                .split('.')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_'));
        if shaped && prefixes.contains(literal.split('.').next().unwrap_or("")) {
            keys.push(literal.to_owned());
        }
    }
    keys
}

#[test]
fn every_key_the_app_asks_for_exists() {
    let en = base_keys(&table(Locale::En));
    let prefixes: BTreeSet<String> = en.iter().map(|k| k.split('.').next().unwrap_or("").to_owned()).collect();
    let mut files = Vec::new();
    rust_files(&repo().join("src"), &mut files);
    let mut missing = Vec::new();
    let mut used = 0;
    for file in files {
        let source = std::fs::read_to_string(&file).unwrap();
        for key in keys_used_in(&source, &prefixes) {
            used += 1;
            if !en.contains(&key) && !en.contains(split_plural(&key).0) {
                missing.push(format!("{}: {key}", file.strip_prefix(repo()).unwrap_or(&file).display()));
            }
        }
    }
    assert!(used > 50, "the scan found only {used} keys: has the app's way of asking for words changed?");
    assert!(missing.is_empty(), "keys the app asks for but no language has:\n{}", missing.join("\n"));
}

#[test]
fn every_key_the_emails_ask_for_exists() {
    let en = base_keys(&email_table(Locale::En));
    let prefixes: BTreeSet<String> = en.iter().map(|k| k.split('.').next().unwrap_or("").to_owned()).collect();
    let dir = repo().join("crates/vitrina-server/emails");
    let mut missing = Vec::new();
    let mut used = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            continue;
        }
        let source = std::fs::read_to_string(&path).unwrap();
        // Keys put together in the template (`"payment." ~ o.payment`, `"totals.total_" ~ …`)
        // are not seen here; rendering every email in every language checks them (tests/emails.rs).
        for key in keys_used_in(&source, &prefixes).into_iter().filter(|k| !k.ends_with('_')) {
            used += 1;
            if !en.contains(&key) && !en.contains(split_plural(&key).0) {
                missing.push(format!("{}: {key}", path.file_name().unwrap_or_default().to_string_lossy()));
            }
        }
    }
    assert!(used > 50, "the scan found only {used} keys: has the templates' way of asking for words changed?");
    assert!(missing.is_empty(), "keys the e-mails ask for but no language has:\n{}", missing.join("\n"));
}

/// Texts that may read the same in a language as in English, and why.
const SAME_AS_ENGLISH: &[(&str, &str)] = &[];

/// Each text as a translation of its English one: the English `other` form for a plural key.
fn english_of<'a>(en: &'a BTreeMap<String, String>, key: &str) -> Option<&'a String> {
    en.get(key).or_else(|| en.get(&format!("{}.other", split_plural(key).0)))
}

#[test]
fn no_translation_is_left_in_english() {
    let mut same = Vec::new();
    for (i, (set, en)) in every_table(Locale::En).into_iter().enumerate() {
        for locale in [Locale::Ru, Locale::Uk, Locale::Sk] {
            for (key, text) in every_table(locale).into_iter().nth(i).expect("the same sets").1 {
                // Texts of placeholders, digits and signs only (`{n} ×`, `{from} – {to}`) have no words.
                let words = text.split(|c: char| !c.is_alphabetic()).filter(|w| !w.is_empty()).count();
                let only_placeholders = placeholders(&text).iter().map(String::len).sum::<usize>() + 2 * placeholders(&text).len()
                    >= text.chars().filter(|c| c.is_alphabetic() || *c == '{' || *c == '}' || *c == '_').count();
                if words == 0 || only_placeholders || SAME_AS_ENGLISH.iter().any(|(k, _)| *k == key) {
                    continue;
                }
                if english_of(&en, &key).is_some_and(|english| *english == text) {
                    same.push(format!("{set} {}: {key} = {text:?}", locale.tag()));
                }
            }
        }
    }
    assert!(same.is_empty(), "left in English (translate, or add to SAME_AS_ENGLISH with the reason):\n{}", same.join("\n"));
}

/// Words that say the store was told about a problem: nothing reports errors anywhere, so no
/// page may say it did.
const CLAIMS_OF_A_REPORT: &[&str] = &[
    "been given the details",
    "has been notified",
    "have been notified",
    "been reported",
    "we have been told",
    "report was sent",
    "получила подробности",
    "получил подробности",
    "уведомлен",
    "отчёт отправлен",
    "отримала подробиці",
    "отримав подробиці",
    "сповіщено",
    "звіт надіслано",
    "dostal podrobnosti",
    "dostali podrobnosti",
    "bol upozornený",
    "hlásenie bolo odoslané",
];

#[test]
fn no_text_claims_a_report_was_sent() {
    let mut claims = Vec::new();
    for locale in Locale::ALL {
        for (set, table) in every_table(locale) {
            for (key, text) in table {
                let lower = text.to_lowercase();
                if let Some(phrase) = CLAIMS_OF_A_REPORT.iter().find(|p| lower.contains(*p)) {
                    claims.push(format!("{set} {}: {key} says {phrase:?}", locale.tag()));
                }
            }
        }
    }
    assert!(claims.is_empty(), "texts that claim a report was sent:\n{}", claims.join("\n"));
}

/// Every English text of a page or an e-mail that promises the shopper an e-mail, with the
/// e-mail that keeps the promise (its template in `crates/vitrina-server/emails/`; the e-mail
/// tests show it sent when its step happens). A text promising an e-mail no template writes, or
/// a new promise nobody listed here, fails `every_email_promised_is_one_the_store_sends`.
const PROMISED_EMAILS: &[(&str, &[&str])] = &[
    ("checkout.contact.email_hint", &["confirmation"]),
    ("order.email_sent", &["confirmation"]),
    ("order.waiting.body", &["seller_confirmed"]),
    ("order.next.confirm", &["shipped"]),
    ("order.next.collect", &["ready_for_pickup"]),
    ("order.pickup_code", &["ready_for_pickup"]),
    ("contact.receipt.copy", &["contact_acknowledgement"]),
    ("confirmation.next", &["seller_confirmed", "shipped"]),
    ("seller_confirmed.next", &["shipped"]),
    ("shipped.pickup_next", &["ready_for_pickup"]),
    ("delivery.code_note", &["ready_for_pickup"]),
];

/// Words with which a text promises an e-mail.
const PROMISES_AN_EMAIL: &[&str] = &[
    "email you",
    "e-mail you",
    "by email",
    "by e-mail",
    "we send",
    "we will email",
    "we'll email",
    "we will write",
    "we'll write",
    "sent to {email}",
    "we have sent",
];

/// Words of a choice the shopper makes about e-mails, not a promise of one.
const NOT_A_PROMISE: &[&str] = &["review.marketing"];

#[test]
fn every_email_promised_is_one_the_store_sends() {
    let registered = std::fs::read_to_string(repo().join("crates/vitrina-server/src/domain/emails.rs")).unwrap();
    let mut found = BTreeSet::new();
    for (set, table) in every_table(Locale::En) {
        for (key, text) in table {
            let lower = text.to_lowercase();
            if NOT_A_PROMISE.contains(&key.as_str()) || !PROMISES_AN_EMAIL.iter().any(|p| lower.contains(p)) {
                continue;
            }
            let base = split_plural(&key).0.to_owned();
            assert!(
                PROMISED_EMAILS.iter().any(|(k, _)| *k == base),
                "{set} {key} promises an e-mail: name the e-mail that keeps it in PROMISED_EMAILS, or do not promise it: {text:?}"
            );
            found.insert(base);
        }
    }
    for (key, emails) in PROMISED_EMAILS {
        assert!(found.contains(*key), "{key} is listed as a promise but no longer makes one: drop it from PROMISED_EMAILS");
        for email in *emails {
            let template = repo().join(format!("crates/vitrina-server/emails/{email}.j2"));
            assert!(template.exists(), "{key} promises the {email} e-mail, which no template writes");
            assert!(
                registered.contains(&format!("(\"{email}\", include_str!")),
                "{key} promises the {email} e-mail, which the server never renders"
            );
        }
    }
}

/// The page's early requests choose the shopper's language as the app does (`index.html` has
/// its own copy of `Locale::from_tag`'s table, as it runs before the app): the same answer for
/// every tag either knows, and every language the app speaks.
#[test]
fn the_page_chooses_the_language_as_the_app_does() {
    let html = std::fs::read_to_string(repo().join("index.html")).unwrap();
    let start = html.find("return { ").expect("index.html's table of languages") + "return { ".len();
    let table = &html[start..start + html[start..].find(" }[primary]").expect("the table's end")];
    let mut spoken = BTreeSet::new();
    for pair in table.split(", ") {
        let (tag, lang) = pair.split_once(": ").unwrap_or_else(|| panic!("{pair:?}"));
        let lang = lang.trim_matches('\'');
        assert_eq!(Locale::from_tag(tag).map(Locale::tag), Some(lang), "index.html maps {tag} to {lang}");
        spoken.insert(lang);
    }
    let all: BTreeSet<&str> = Locale::ALL.iter().map(|l| l.tag()).collect();
    assert_eq!(spoken, all, "the languages index.html knows");
}
