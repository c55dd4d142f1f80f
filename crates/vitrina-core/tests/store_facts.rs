//! The app holds no store facts of its own: countries, currencies, carriers and their rules come
//! from the store's description (`config.json`) or the answer being shown. This guards the app's
//! sources (`src/`) against a constant coming back.

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

/// A Rust source read as the compiler reads it: `code` is the text with every comment blanked
/// (newlines kept, so lines keep their numbers) and string literals kept; `strings` holds each
/// literal's text with the line it starts on. `https://` inside a string is no comment, and
/// `// "RUB"` is no string.
struct Source {
    code: String,
    strings: Vec<(usize, String)>,
}

fn blank(c: char) -> char {
    if c == '\n' { '\n' } else { ' ' }
}

fn lex(text: &str) -> Source {
    let chars: Vec<char> = text.chars().collect();
    let mut code = String::with_capacity(text.len());
    let mut strings = Vec::new();
    let mut line = 1;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                code.push(' ');
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            let mut depth = 0;
            while i < chars.len() {
                if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    code.push_str("  ");
                    i += 2;
                } else if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    code.push_str("  ");
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    line += usize::from(chars[i] == '\n');
                    code.push(blank(chars[i]));
                    i += 1;
                }
            }
        } else if c == '"' || (c == 'r' && matches!(next, Some('"' | '#')) && raw_string_at(&chars, i)) {
            // A string, plain (with escapes) or raw (`r#"…"#`, no escapes).
            let start_line = line;
            let raw = c == 'r';
            let mut hashes = 0;
            code.push(c);
            i += 1;
            if raw {
                while chars[i] == '#' {
                    hashes += 1;
                    code.push('#');
                    i += 1;
                }
                code.push('"');
                i += 1;
            }
            let mut literal = String::new();
            while i < chars.len() {
                let ch = chars[i];
                if !raw && ch == '\\' {
                    literal.push(ch);
                    code.push(ch);
                    if let Some(&escaped) = chars.get(i + 1) {
                        literal.push(escaped);
                        code.push(escaped);
                        line += usize::from(escaped == '\n');
                    }
                    i += 2;
                    continue;
                }
                if ch == '"' && (0..hashes).all(|h| chars.get(i + 1 + h) == Some(&'#')) {
                    code.push('"');
                    code.extend(std::iter::repeat_n('#', hashes));
                    i += 1 + hashes;
                    break;
                }
                line += usize::from(ch == '\n');
                literal.push(ch);
                code.push(ch);
                i += 1;
            }
            strings.push((start_line, literal));
        } else if c == '\'' && char_literal_len(&chars, i).is_some() {
            // A char literal (`'"'` is no string); a lifetime (`'a`) is left as code.
            let len = char_literal_len(&chars, i).unwrap_or(1);
            code.extend(std::iter::repeat_n(' ', len));
            i += len;
        } else {
            line += usize::from(c == '\n');
            code.push(c);
            i += 1;
        }
    }
    Source { code, strings }
}

/// Whether a raw string (`r"…"`, `r#"…"#`) starts at `i`, rather than a name ending in `r`.
fn raw_string_at(chars: &[char], i: usize) -> bool {
    let after_name = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    !after_name && chars.get(j) == Some(&'"')
}

/// The length of the char literal at `i` (`'x'`, `'\n'`, `'\u{a0}'`), if there is one.
fn char_literal_len(chars: &[char], i: usize) -> Option<usize> {
    match (chars.get(i + 1), chars.get(i + 2)) {
        (Some('\\'), _) => (i + 2..chars.len().min(i + 12)).find(|&j| chars[j] == '\'').map(|j| j - i + 1),
        (Some(_), Some('\'')) => Some(3),
        _ => None,
    }
}

/// The lines (1-based, inclusive) of the items marked `#[cfg(test)]`: tests may name whatever
/// they like. Braces are counted in the code with the strings' text left out.
fn test_items(source: &Source) -> Vec<(usize, usize)> {
    let mut masked: Vec<char> = Vec::with_capacity(source.code.len());
    let mut in_string = false;
    let mut previous = ' ';
    for c in source.code.chars() {
        if c == '"' && previous != '\\' {
            in_string = !in_string;
            masked.push('"');
        } else {
            masked.push(if in_string && c != '\n' { ' ' } else { c });
        }
        previous = if previous == '\\' { ' ' } else { c };
    }
    let text: String = masked.iter().collect();
    let line_of = |at: usize| text[..at].matches('\n').count() + 1;
    let mut items = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("#[cfg(test)]") {
        let start = from + found;
        let mut depth = 0;
        let mut end = text.len();
        for (offset, c) in text[start..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = start + offset;
                        break;
                    }
                }
                ';' if depth == 0 => {
                    end = start + offset;
                    break;
                }
                _ => {}
            }
        }
        items.push((line_of(start), line_of(end)));
        from = end.max(start + 1);
    }
    items
}

/// Currency codes a store might use, found as words inside the app's strings (`"{} RUB"`); a
/// string that is any three capitals is taken for a currency code too, unless it is one of
/// [`NOT_CURRENCIES`].
const CURRENCIES: &[&str] = &["RUB", "EUR", "UAH", "USD", "KZT", "BYN", "CZK", "PLN", "HUF", "GBP", "CHF"];
const NOT_CURRENCIES: &[&str] = &["UTC"];
/// Two capitals that are no country.
const NOT_COUNTRIES: &[&str] = &["OK"];
/// Currency signs: the app writes money with `Intl`, never with a sign of its own.
const CURRENCY_SIGNS: &[char] = &['₽', '€', '£', '¥', '₴', '₸'];
/// Names of carrier and store rules, carriers and their sites, in the app's code: the rules
/// travel with the shipment, the order and `config.json`.
const RULES: &[&str] = &[
    "REDELIVERY_ATTEMPTS",
    "COURIER_WAIT",
    "OFFER_CONFIRMATION_DAYS",
    "OFFER_WRONG_TRIES",
    "PER_SENDER",
    "RETURN_DAYS",
    "MIN_ORDER",
    "CUTOFF",
    "tracking::carriers",
    "nalog.ru",
    "Pony Express",
    "ponyexpress",
    "Lynx Courier",
    "lynx-courier",
];

/// Every store fact in one source: `line: what`.
fn store_facts(text: &str) -> Vec<String> {
    let source = lex(text);
    let tests = test_items(&source);
    let in_tests = |line: usize| tests.iter().any(|&(from, to)| (from..=to).contains(&line));
    let mut found = Vec::new();
    for (line, literal) in &source.strings {
        if in_tests(*line) {
            continue;
        }
        let capitals = |len: usize| literal.len() == len && literal.bytes().all(|b| b.is_ascii_uppercase());
        if capitals(2) && !NOT_COUNTRIES.contains(&literal.as_str()) {
            found.push(format!("{line}: country code \"{literal}\""));
        } else if capitals(3) && !NOT_CURRENCIES.contains(&literal.as_str()) {
            found.push(format!("{line}: currency code \"{literal}\""));
        } else if let Some(code) = literal.split(|c: char| !c.is_ascii_alphabetic()).find(|w| CURRENCIES.contains(w)) {
            found.push(format!("{line}: currency code {code} in \"{literal}\""));
        } else if let Some(sign) = literal.chars().find(|c| CURRENCY_SIGNS.contains(c)) {
            found.push(format!("{line}: currency sign {sign} in \"{literal}\""));
        }
    }
    for (n, line) in source.code.lines().enumerate() {
        if in_tests(n + 1) {
            continue;
        }
        if let Some(rule) = RULES.iter().find(|r| line.contains(*r)) {
            found.push(format!("{}: {rule}", n + 1));
        }
    }
    found
}

#[test]
fn the_app_has_no_country_currency_or_carrier_rule_of_its_own() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    assert!(files.len() > 20, "found the app's sources");
    let mut found = Vec::new();
    let mut strings = 0;
    for file in files {
        let text = std::fs::read_to_string(&file).expect("a source file");
        strings += lex(&text).strings.len();
        found.extend(store_facts(&text).into_iter().map(|hit| format!("{}:{hit}", file.display())));
    }
    assert!(strings > 500, "read the app's strings ({strings})");
    assert!(found.is_empty(), "store facts in the app (they belong in config.json or the answers):\n{}", found.join("\n"));
}

#[test]
fn the_guard_sees_what_it_guards_against() {
    let hits = |source: &str| store_facts(source).len();
    // A list of countries, wherever on the line, and a default country.
    assert_eq!(hits(r#"const COUNTRIES: [&str; 2] = ["RU", "BY"];"#), 2);
    assert_eq!(hits(r#"let pair = ("OK", "SK");"#), 1);
    assert_eq!(hits(r#"let country = entries.country.unwrap_or_else(|| "RU".into());"#), 1);
    // A currency: a known one, any other code, inside a text, or as its sign.
    assert_eq!(hits(r#"Money::new(0, "RUB")"#), 1);
    assert_eq!(hits(r#"let c = "GBP";"#), 1);
    assert_eq!(hits(r#"format!("{} RUB", amount)"#), 1);
    assert_eq!(hits(r#"format!("{amount} ₽")"#), 1);
    assert_eq!(hits(r##"let c = r#"EUR"#;"##), 1);
    // A carrier's rule, link or name in the code.
    assert_eq!(hits("const REDELIVERY_ATTEMPTS: u32 = 3;"), 1);
    assert_eq!(hits(r#"const TAX_NUMBER: &str = "https://service.nalog.ru/";"#), 1);
    assert_eq!(hits(r#"let carrier = "Pony Express";"#), 1);
    assert_eq!(hits("let per = vitrina_core::contact::limits::PER_SENDER;"), 1);
    // Not facts: comments, keys, a time zone, quotes as chars, lifetimes.
    assert_eq!(hits(r#"i18n.t("nav.cart"); let zone = "UTC";"#), 0);
    assert_eq!(hits("// \"RUB\" and \"RU\" in a comment\n/// e.g. \"3 490,00 ₽\"\n/* \"EUR\" */ let x = 1;"), 0);
    assert_eq!(hits(r#"fn f<'a>(s: &'a str) -> bool { s.starts_with('"') && s.ends_with('\'') }"#), 0);
    assert_eq!(hits("let q = '\"'; let c = \"RU\";"), 1, "a quote as a char opens no string");
    // Tests may name anything; the code after them is read again.
    let after_tests = "#[cfg(test)]\nmod tests {\n    fn f() { let _ = (\"RUB\", \"RU\", \"}\"); }\n}\nconst C: &str = \"EUR\";\n";
    assert_eq!(store_facts(after_tests), vec!["5: currency code \"EUR\"".to_string()]);
}

/// What one of the demo stores decides, as it would appear in the app's words: its parcels'
/// numbers, its sellers and carriers by name, weights and day counts of its rules, its money.
fn demo_facts_in_words(text: &str) -> Vec<String> {
    const NAMES: &[&str] = &["Severny", "Tikhaya", "Dielň", "Pony Express", "Lynx", "Vitrina Demo"];
    let mut found = Vec::new();
    for (n, line) in text.lines().enumerate() {
        // The words only: `"key": "words"`.
        let Some((_, words)) = line.split_once("\": \"") else { continue };
        let what = |w: &str| format!("{}: {w} in {}", n + 1, words.trim_end_matches([',', '"']));
        if let Some(name) = NAMES.iter().find(|name| words.contains(*name)) {
            found.push(what(name));
        }
        let tokens: Vec<&str> = words.split(|c: char| !c.is_alphanumeric()).filter(|t| !t.is_empty()).collect();
        for pair in tokens.windows(2) {
            let number = pair[0].bytes().all(|b| b.is_ascii_digit()) && pair[0] != "1";
            if number && matches!(pair[1], "kg" | "кг" | "days" | "дней" | "дня" | "днів" | "дні" | "dní" | "dni") {
                found.push(what(&format!("{} {}", pair[0], pair[1])));
            }
        }
        // The demo carriers' parcels (Pony Express `PX…`, Lynx Courier `LX…`).
        if let Some(t) = tokens
            .iter()
            .find(|t| t.len() > 6 && (t.starts_with("PX") || t.starts_with("LX")) && t[2..].bytes().all(|b| b.is_ascii_digit()))
        {
            found.push(what(&format!("parcel number {t}")));
        }
        if let Some(code) = tokens.iter().find(|t| CURRENCIES.contains(t)) {
            found.push(what(code));
        }
        if let Some(sign) = words.chars().find(|c| CURRENCY_SIGNS.contains(c)) {
            found.push(what(&sign.to_string()));
        }
    }
    found
}

#[test]
fn the_apps_words_name_no_demo_store_fact() {
    let locales = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../locales");
    let mut found = Vec::new();
    let mut files = 0;
    for language in std::fs::read_dir(&locales).expect("locales/") {
        for file in std::fs::read_dir(language.expect("a language").path()).expect("a language's words") {
            let path = file.expect("a file").path();
            let text = std::fs::read_to_string(&path).expect("words");
            files += 1;
            found.extend(demo_facts_in_words(&text).into_iter().map(|hit| format!("{}:{hit}", path.display())));
        }
    }
    assert!(files >= 20, "read the words of every language ({files} files)");
    assert!(found.is_empty(), "a demo store's facts in the app's words (they belong in config.json or the answers):\n{}", found.join("\n"));
}

#[test]
fn the_words_guard_sees_what_it_guards_against() {
    let hits = |line: &str| demo_facts_in_words(line).len();
    assert_eq!(hits(r#"  "a": "for example PX1000000001","#), 1);
    assert_eq!(hits(r#"  "a": "the seller of Severny Veter","#), 1);
    assert_eq!(hits(r#"  "a": "bulky goods (over 25 kg, or large)","#), 1);
    assert_eq!(hits(r#"  "a": "More than 7 days have passed","#), 1);
    assert_eq!(hits(r#"  "a": "Прошло больше 7 дней","#), 1);
    assert_eq!(hits(r#"  "a": "from 500 ₽","#), 1);
    // Not facts: placeholders, one day, a count the shopper reads off an answer.
    assert_eq!(hits(r#"  "a": "Kept for {days} days, until {date}","#), 0);
    assert_eq!(hits(r#"  "a": "within 1 day","#), 0);
    assert_eq!(hits(r#"  "PX1000000001": "a key is not words","#), 0);
}
