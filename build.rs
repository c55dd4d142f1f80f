//! The English words compiled into a build: for one area's build (`bundle-{area}`), only the keys
//! its code can ask for, so a page does not carry every other area's texts; for a build of every
//! area (`bundle-all`, tests), all of them.
//!
//! An area's code is the app's shared modules plus its features' folders (`src/{feature}/`), and
//! every feature folder those name (`crate::contact` in the order page's code brings the contact
//! card's words), and the account's (the header's link). A key is kept when that code has it as
//! a string literal (`"cart.title"`, wherever it stands, inside a larger literal too), with every
//! plural form of each. The other languages are not compiled in: they are fetched whole.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// The feature folders each area's routes come from (as `src/areas.rs` declares them).
const AREAS: &[(&str, &[&str])] = &[
    ("shop", &["catalog", "checkout"]),
    ("orders", &["confirmation"]),
    ("track", &["tracking"]),
    ("contact", &["contact"]),
    // The editor's preview shows the contact card.
    ("seller", &["contact/editor", "contact", "account"]),
];

/// The feature folders under `src/`: everything else there is shared by every area. A folder
/// inside another is its own (the seller's editor is not part of the contact card that order and
/// tracking pages show).
const FEATURES: &[&str] = &["catalog", "checkout", "confirmation", "tracking", "contact", "contact/editor", "account"];

/// Feature folders every area's words include: the header's account link. (The shared code
/// names other features too, for the cart and the checkout's state, which have no words; and
/// `src/areas.rs` names them all.)
const SHARED_FEATURES: &[&str] = &["account"];

/// The English tables (`locales/en/{name}.json`), as `src/i18n/mod.rs` lists them.
const TABLES: &[&str] = &["common", "catalog", "checkout", "order", "tracking", "contact"];

const PLURAL_CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=locales/en");
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let mut english = BTreeMap::new();
    for table in TABLES {
        let path = root.join("locales/en").join(format!("{table}.json"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let part: BTreeMap<String, String> = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        english.extend(part);
    }
    let area = AREAS
        .iter()
        .find(|(name, _)| std::env::var_os(format!("CARGO_FEATURE_BUNDLE_{}", name.to_uppercase())).is_some())
        .filter(|_| std::env::var_os("CARGO_FEATURE_BUNDLE_ALL").is_none());
    if let Some((_, features)) = area {
        let code = code_of(&root.join("src"), features);
        // A key is asked for when the code has it as a string literal (of a plural key, its base).
        english.retain(|key, _| code.contains(&format!("\"{key}\"")) || code.contains(&format!("\"{}\"", plural_base(key))));
    }
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("en.json");
    std::fs::write(&out, serde_json::to_string(&english).expect("a map of strings")).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}

/// `nav.cart_items.few` → `nav.cart_items`.
fn plural_base(key: &str) -> &str {
    match key.rsplit_once('.') {
        Some((base, category)) if PLURAL_CATEGORIES.contains(&category) => base,
        _ => key,
    }
}

/// The source of the shared code and of `features` (and of every feature folder they name), as
/// one text.
fn code_of(src: &Path, features: &[&str]) -> String {
    let mut shared = Vec::new();
    for entry in std::fs::read_dir(src).expect("src/") {
        let path = entry.expect("an entry of src/").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !FEATURES.contains(&name) {
            rust_files(&path, &mut shared);
        }
    }
    let mut code: String = shared.iter().map(|f| std::fs::read_to_string(f).expect("a source file")).collect();
    let mut wanted: Vec<&str> = features.iter().chain(SHARED_FEATURES).copied().collect();
    let mut taken = BTreeSet::new();
    while let Some(feature) = wanted.pop() {
        if !taken.insert(feature) {
            continue;
        }
        let mut files = Vec::new();
        rust_files(&src.join(feature), &mut files);
        files.retain(|file| !FEATURES.iter().any(|inner| inner.len() > feature.len() && file.starts_with(src.join(inner))));
        for file in files {
            let source = std::fs::read_to_string(&file).expect("a source file");
            wanted.extend(FEATURES.iter().filter(|other| names_feature(&source, other)));
            code.push_str(&source);
        }
    }
    code
}

/// Whether `source` uses the feature module `feature` (`crate::contact::…`, `use crate::{contact, …}`).
fn names_feature(source: &str, feature: &str) -> bool {
    let path = format!("crate::{feature}");
    let direct = source
        .match_indices(&path)
        .any(|(at, _)| source[at + path.len()..].chars().next().is_none_or(|c| !(c.is_alphanumeric() || c == '_')));
    direct
        || source.match_indices("use crate::{").any(|(at, _)| {
            let list = &source[at..];
            let list = &list[..list.find('}').unwrap_or(list.len())];
            list.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|word| word == feature)
        })
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        for entry in std::fs::read_dir(path).expect("a folder of src/") {
            rust_files(&entry.expect("an entry").path(), out);
        }
    } else if path.extension().is_some_and(|e| e == "rs") {
        out.push(path.to_owned());
    }
}
