//! The app's decoder (`vitrina_core::json`, derived from the contract types' serde attributes)
//! takes exactly what serde_json takes, into the same value, and refuses what it refuses: on
//! the reference server's real answers (`tests/samples/`), on those answers written again from
//! the decoded values, and on the odd corners of JSON and of serde's rules that a backend gone
//! wrong might send. (`decode_fuzz.rs` compares the two on every fuzzed input as well.)

use serde::de::DeserializeOwned;
use std::collections::HashMap;
use vitrina_core::checkout::Entries;
use vitrina_core::civil::Date;
use vitrina_core::json::{self, Decode};
use vitrina_core::{Currency, FieldCode, Money, Problem, api::*};

/// Both decoders on `body`: the same value (compared by `Debug`, which shows every field), or
/// an error from both. Returns whether it decoded.
fn same<T: Decode + DeserializeOwned + std::fmt::Debug>(body: &str) -> bool {
    let ours = json::from_str::<T>(body);
    let serde = serde_json::from_str::<T>(body);
    match (&ours, &serde) {
        (Ok(a), Ok(b)) => {
            assert_eq!(format!("{a:?}"), format!("{b:?}"), "{} read differently from {body}", std::any::type_name::<T>());
            true
        }
        (Err(_), Err(_)) => false,
        _ => panic!("{} from {body}: Decode {ours:?}, serde {serde:?}", std::any::type_name::<T>()),
    }
}

/// Any JSON, not kept: `json::Ignored` takes what serde's `IgnoredAny` takes.
fn ignored(body: &str) {
    let ours = json::from_str::<json::Ignored>(body);
    let serde = serde_json::from_str::<serde::de::IgnoredAny>(body);
    assert_eq!(ours.is_ok(), serde.is_ok(), "{body}: Decode {ours:?}, serde {serde:?}");
}

/// A real answer, as the server wrote it and as written again from the decoded value.
fn sample<T: Decode + DeserializeOwned + serde::Serialize + std::fmt::Debug>(body: &str) {
    assert!(same::<T>(body), "the sample decodes");
    let value: T = serde_json::from_str(body).unwrap();
    assert!(same::<T>(&serde_json::to_string(&value).unwrap()));
    assert!(same::<T>(&serde_json::to_string_pretty(&value).unwrap()));
}

#[macro_use]
mod common;

macro_rules! samples {
    ($( $ty:ty => $file:literal ),+ $(,)?) => {{
        let mut n = 0;
        $( sample::<$ty>(include_str!(concat!("samples/", $file))); n += 1; )+
        n
    }};
}

#[test]
fn real_answers_decode_alike() {
    let n = every_sample!(samples);
    assert_eq!(n, 33);
}

/// The app's language tables, as shipped.
#[test]
fn the_language_tables_decode_alike() {
    let mut tables = 0;
    for lang in ["en", "ru", "uk", "sk"] {
        let dir = format!("{}/../../locales/{lang}", env!("CARGO_MANIFEST_DIR"));
        let files: Vec<_> = match std::fs::read_dir(&dir) {
            Ok(entries) => entries.map(|e| e.unwrap().path()).collect(),
            Err(_) => vec![format!("{dir}.json").into()],
        };
        for file in files.iter().filter(|f| f.extension().is_some_and(|e| e == "json")) {
            let text = std::fs::read_to_string(file).unwrap();
            let ours = json::from_str::<HashMap<String, String>>(&text).unwrap();
            assert_eq!(ours, serde_json::from_str::<HashMap<String, String>>(&text).unwrap(), "{}", file.display());
            assert!(!ours.is_empty());
            tables += 1;
        }
    }
    assert!(tables >= 4, "the language tables are found");
}

/// Scalars: numbers at every edge, strings with every escape and surrogate case, literals.
#[test]
fn scalars_decode_alike() {
    let numbers = [
        "0",
        "-0",
        "1",
        "-1",
        "01",
        "-01",
        "1.0",
        "1e0",
        "1E+2",
        "1e-2",
        "1.",
        ".5",
        "-",
        "+1",
        "1e",
        "1e+",
        "255",
        "256",
        "-128",
        "65535",
        "65536",
        "2147483647",
        "2147483648",
        "-2147483648",
        "-2147483649",
        "4294967295",
        "4294967296",
        "9223372036854775807",
        "9223372036854775808",
        "-9223372036854775808",
        "-9223372036854775809",
        "18446744073709551615",
        "18446744073709551616",
        "1e400",
        "-1e400",
        "123456789012345678901234567890",
        " 7 ",
        "7 x",
        "\t\n\r7",
        "0x10",
        "NaN",
        "Infinity",
        "1_000",
    ];
    for n in numbers {
        same::<u8>(n);
        same::<u16>(n);
        same::<u32>(n);
        same::<u64>(n);
        same::<usize>(n);
        same::<i32>(n);
        same::<i64>(n);
        same::<Option<u32>>(n);
        ignored(n);
    }
    let strings = [
        r#""""#,
        r#""plain""#,
        r#""\"\\\/\b\f\n\r\t""#,
        r#""\u0000\u001f\u00e9\u20ac""#,
        r#""\ud83d\ude00""#,
        r#""\ud83d""#,
        r#""\ude00""#,
        r#""\ud83dx""#,
        r#""\ud83d\n""#,
        r#""\ud83d\u0041""#,
        r#""\ud83d\ud83d\ude00""#,
        r#""\ud83d\ude00\ude00""#,
        r#""\u00""#,
        r#""\u00zz""#,
        r#""\x""#,
        "\"tab\there\"",
        "\"new\nline\"",
        "\"\u{7f}\u{feff}\"",
        r#""unterminated"#,
        r#""\"#,
        "\"кириллица 👩‍👩‍👧‍👦\"",
        "true",
        "false",
        "null",
        "nul",
        "tru",
        "True",
        "",
        " ",
        "[]",
        "{}",
        "\u{feff}\"a\"",
    ];
    for s in strings {
        same::<String>(s);
        same::<Option<String>>(s);
        same::<bool>(s);
        same::<Date>(s);
        same::<Currency>(s);
        same::<FieldCode>(s);
        ignored(s);
        // Unpaired surrogates are refused where read, and skipped where ignored.
        same::<Health>(&format!(r#"{{"status":"ok","version":"1","unknown":{s}}}"#));
        same::<Health>(&format!(r#"{{"status":{s},"version":"1"}}"#));
        same::<HashMap<String, String>>(&format!(r#"{{"a":{s}}}"#));
    }
    for date in [r#""2026-02-28""#, r#""2024-02-29""#, r#""2026-02-29""#, r#""2026-13-01""#, r#""26-01-01""#, r#""2026-1-1""#] {
        assert_eq!(same::<Date>(date), serde_json::from_str::<Date>(date).is_ok());
    }
}

/// serde's rules: unknown fields skipped, defaults, `Option` fields that may be absent, duplicate
/// fields refused, structs from arrays, enum values as strings or one-key objects, `other`.
#[test]
fn serde_rules_hold_alike() {
    let bodies = [
        // Health: two required strings.
        r#"{"status":"ok","version":"1"}"#,
        r#"{"status":"ok"}"#,
        r#"{"status":"ok","version":"1","status":"ok"}"#,
        r#"{"status":"ok","version":"1","extra":[1,{"a":null}],"extra":2}"#,
        r#"{"status":"ok","version":null}"#,
        r#"["ok","1"]"#,
        r#"["ok"]"#,
        r#"["ok","1","2"]"#,
        r#"[]"#,
        r#"{"status":"ok","version":"1",}"#,
        r#"{"status":"ok" "version":"1"}"#,
        r#"{"status":"ok","version":"1"} x"#,
        r#"{"status":"ok","version":"1"}}"#,
        r#"{"status":"ok","version":"1","\ud800":1}"#,
        r#"{"status":"ok","version":"1","x":{"\ud800":1}}"#,
        r#"{status:"ok"}"#,
        r#"null"#,
        r#""ok""#,
    ];
    for body in bodies {
        same::<Health>(body);
        same::<Option<Health>>(body);
        same::<Vec<Health>>(&format!("[{body}]"));
        ignored(body);
    }
    let money = [
        r#"{"amount_minor":100,"currency":"RUB"}"#,
        r#"{"amount_minor":-100,"currency":"RUB"}"#,
        r#"{"amount_minor":1.5,"currency":"RUB"}"#,
        r#"{"amount_minor":"100","currency":"RUB"}"#,
        r#"{"amount_minor":9223372036854775808,"currency":"RUB"}"#,
        r#"[100,"RUB"]"#,
        r#"{"currency":"RUB"}"#,
    ];
    for body in money {
        same::<Money>(body);
    }
    let codes = [
        r#""required""#,
        r#""invalid_phone""#,
        r#""other""#,
        r#""must_be_purple""#,
        r#""Required""#,
        r#"{"required":null}"#,
        r#"{"must_be_purple":null}"#,
        r#"{"required":1}"#,
        r#"{"required":null,"invalid":null}"#,
        r#"{}"#,
        r#"["required"]"#,
        r#"1"#,
        r#"null"#,
    ];
    for body in codes {
        same::<FieldCode>(body);
        same::<Option<FieldCode>>(body);
        same::<Vec<FieldCode>>(&format!("[{body}]"));
    }
    // Every field defaulted by the container (`#[serde(default)]` on `Entries`), a tuple field.
    let entries = [
        r#"{}"#,
        r#"[]"#,
        r#"["a@example.com"]"#,
        r#"{"email":"a@example.com","attempt":["key","body"]}"#,
        r#"{"attempt":["key"]}"#,
        r#"{"attempt":["key","body","more"]}"#,
        r#"{"attempt":null,"delivery_kind":"drone"}"#,
        r#"{"email":null}"#,
        r#"{"someone_else":1}"#,
    ];
    for body in entries {
        same::<Entries>(body);
    }
    // Field defaults by function (`default = "…"`), renamed fields, `transparent`.
    let config = include_str!("samples/app_config.json");
    let mut value: serde_json::Value = serde_json::from_str(config).unwrap();
    let fields: Vec<String> = value.as_object().unwrap().keys().cloned().collect();
    for field in fields {
        let removed = value.as_object_mut().unwrap().remove(&field).unwrap();
        same::<AppConfig>(&value.to_string());
        value[&field] = serde_json::Value::Null;
        same::<AppConfig>(&value.to_string());
        value[&field] = removed;
    }
    let problems = [
        r#"{"title":"x","status":400}"#,
        r#"{"type":"urn:vitrina:problem:validation","title":"x","status":422,"errors":[{"field":"email","code":"invalid_email"}]}"#,
        r#"{"type":null,"title":"x","status":400}"#,
        r#"{"status":70000}"#,
    ];
    for body in problems {
        same::<Problem>(body);
    }
}

/// Nesting far past any parser's limit: refused where read, and (as serde_json does) skipped
/// where ignored.
#[test]
fn deep_nesting_decodes_alike() {
    for depth in [1, 100, 126, 127, 128, 129, 1000, 100_000] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", "{\"a\":".repeat(depth), "}".repeat(depth));
        for body in [&arrays, &objects] {
            ignored(body);
            same::<Health>(&format!(r#"{{"status":"ok","version":"1","x":{body}}}"#));
            same::<Health>(&format!(r#"{{"status":{body},"version":"1"}}"#));
            same::<Vec<Vec<Health>>>(body);
            same::<Order>(body);
        }
    }
}
