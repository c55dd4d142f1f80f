//! The app holds no store facts of its own: countries, currencies and carrier rules come from the
//! store's description (`config.json`) or the answer being shown. This guards the app's sources
//! (`src/`) against a constant coming back.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A quoted ISO code of `len` capital letters (`"RUB"`, `"RU"`) somewhere in `line`.
fn quoted_code(line: &str, len: usize) -> Option<String> {
    let bytes = line.as_bytes();
    (0..bytes.len().saturating_sub(len + 1)).find_map(|i| {
        let inner = &bytes[i + 1..i + 1 + len];
        (bytes[i] == b'"' && bytes[i + 1 + len] == b'"' && inner.iter().all(u8::is_ascii_uppercase))
            .then(|| String::from_utf8_lossy(inner).into_owned())
    })
}

#[test]
fn the_app_has_no_country_currency_or_carrier_rule_of_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "found the app's sources");
    let currencies = ["RUB", "EUR", "UAH", "USD", "KZT", "BYN", "CZK", "PLN", "HUF"];
    let rules = ["REDELIVERY_ATTEMPTS", "COURIER_WAIT", "OFFER_CONFIRMATION_DAYS", "OFFER_WRONG_TRIES", "PER_SENDER", "nalog.ru"];
    let mut found = Vec::new();
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a source file");
        // Tests may name whatever they like.
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let line = line.split("//").next().unwrap_or_default();
            let hit = quoted_code(line, 3)
                .filter(|c| currencies.contains(&c.as_str()))
                .or_else(|| quoted_code(line, 2).filter(|c| c != "OK"))
                .or_else(|| rules.iter().find(|r| line.contains(*r)).map(|r| r.to_string()));
            if let Some(hit) = hit {
                found.push(format!("{}:{}: {hit}", file.display(), n + 1));
            }
        }
    }
    assert!(found.is_empty(), "store facts in the app (they belong in config.json or the answers):\n{}", found.join("\n"));
}

#[test]
fn the_guard_sees_what_it_guards_against() {
    assert_eq!(quoted_code(r#"const COUNTRIES: [&str; 2] = ["RU", "BY"];"#, 2).as_deref(), Some("RU"));
    assert_eq!(quoted_code(r#"Money::new(0, "RUB")"#, 3).as_deref(), Some("RUB"));
    assert_eq!(quoted_code(r#"i18n.t("nav.cart")"#, 2), None);
}
