//! The English words compiled into a build. A build of every area (`bundle-all`: the tests, and
//! hosts that send one page for every address) has all of them, and fetches the other languages
//! whole (`locales/{lang}.json`). One area's build (`bundle-{area}`) has only the words it needs
//! to say that its words could not be loaded (`RESCUE`), and fetches its area's words in the
//! shopper's language, English too (`locales/{area}/{lang}.json`, which
//! `scripts/merge-locales.mjs` writes with the keys that area's code can ask for); the app's
//! `VITRINA_WORDS` is where they are.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The areas (as `src/areas.rs` declares them, each the Cargo feature `bundle-{area}`).
const AREAS: &[&str] = &["shop", "checkout", "orders", "track", "contact", "seller", "account"];

/// The English tables (`locales/en/{name}.json`), as `src/i18n/mod.rs` lists them.
const TABLES: &[&str] = &["common", "catalog", "checkout", "order", "tracking", "contact"];

/// The keys (or, ending in `.`, the keys under a prefix) of the page an area's build shows when
/// its words cannot be loaded: the store could not start, why, and "Try again".
const RESCUE: &[&str] = &["config_error.", "error.", "action.retry"];

fn main() {
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
        .find(|name| std::env::var_os(format!("CARGO_FEATURE_BUNDLE_{}", name.to_uppercase())).is_some())
        .filter(|_| std::env::var_os("CARGO_FEATURE_BUNDLE_ALL").is_none());
    let words = match area {
        Some(area) => {
            english.retain(|key, _| RESCUE.iter().any(|k| if k.ends_with('.') { key.starts_with(k) } else { key == k }));
            format!("/locales/{area}")
        }
        None => "/locales".to_owned(),
    };
    println!("cargo:rustc-env=VITRINA_WORDS={words}");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("en.json");
    std::fs::write(&out, serde_json::to_string(&english).expect("a map of strings")).unwrap_or_else(|e| panic!("{}: {e}", out.display()));
}
