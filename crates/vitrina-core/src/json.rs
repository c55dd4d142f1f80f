//! Decoding JSON without serde's generic code: a small reader that parses the text once into a
//! [`Value`], and a [`Decode`] trait that the contract types derive (`#[derive(Decode)]`, from
//! their own `#[serde(...)]` attributes).
//!
//! serde's derived visitors are generic over the format, so every type costs a visitor per
//! format in the app's WebAssembly; here each type costs one plain function over one `Value`,
//! and everything else is shared. The server keeps serde. Both decoders take and refuse the same
//! documents (`tests/decode_equivalence.rs` holds them to it): unknown fields are ignored,
//! missing optional and defaulted fields take their defaults, an unknown enum value becomes the
//! `#[serde(other)]` variant, duplicate known fields and integers out of range are refused, a
//! struct may also come as an array of its fields in order, and strings with unpaired surrogate
//! escapes are refused only where they are read (as serde_json does).

use std::collections::HashMap;
use std::fmt;
use std::hash::{BuildHasher, Hash};

pub use vitrina_decode_derive::Decode;

/// Containers deeper than this are checked but not kept: nothing in the contract nests that
/// deep, so such a value only ever decodes as an error, as it does with serde_json.
const MAX_DEPTH: u32 = 128;

/// A parsed JSON document.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Null,
    Bool(bool),
    /// An integer: `-magnitude` when `negative` (then `1 ..= 2^63`), else `magnitude`.
    Int {
        negative: bool,
        magnitude: u64,
    },
    /// Any other number (a fraction, an exponent, `-0`, or out of the 64-bit range): valid JSON,
    /// but no contract field takes one, so its value is not kept.
    Float,
    Str(String),
    /// A string with an unpaired surrogate escape (`"\ud800"`): valid to skip, refused as text.
    BadStr,
    Array(Vec<Value>),
    /// Members in order; `bad_key` when a key has an unpaired surrogate escape.
    Object {
        members: Vec<(String, Value)>,
        bad_key: bool,
    },
    /// A container nested deeper than [`MAX_DEPTH`]: syntax checked, contents dropped.
    Deep,
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "a boolean",
            Value::Int { .. } => "an integer",
            Value::Float => "a number",
            Value::Str(_) | Value::BadStr => "a string",
            Value::Array(_) | Value::Deep => "an array",
            Value::Object { .. } => "an object",
        }
    }
}

/// Why a document did not decode: what was wrong, and where (`lines[2].quantity`).
///
/// Boxed: every field's result carries it, and a pointer is cheaper to pass on than two strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(Box<ErrorInner>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct ErrorInner {
    message: String,
    path: String,
}

// The error paths are kept out of line: each type's decoder only calls them.
impl DecodeError {
    #[inline(never)]
    fn new(message: String) -> DecodeError {
        DecodeError(Box::new(ErrorInner { message, path: String::new() }))
    }

    #[inline(never)]
    fn missing_field(name: &str) -> DecodeError {
        DecodeError::new(format!("missing field `{name}`"))
    }

    #[inline(never)]
    fn invalid_type(found: &Value, expected: &str) -> DecodeError {
        DecodeError::new(format!("invalid type: {}, expected {expected}", found.kind()))
    }

    /// A value of the right JSON type that the type refuses (a hand-written [`Decode`]).
    pub fn custom(message: String) -> DecodeError {
        DecodeError::new(message)
    }

    /// An enum value the type does not know (for enums without a `#[serde(other)]` variant).
    #[inline(never)]
    pub fn unknown_variant(found: &str, expected: &str) -> DecodeError {
        DecodeError::new(format!("unknown variant `{found}`, expected one of {expected}"))
    }

    /// The error, as found inside the field `name`.
    #[inline(never)]
    fn in_field(mut self, name: &str) -> DecodeError {
        let path = &mut self.0.path;
        let sep = if path.is_empty() || path.starts_with('[') { "" } else { "." };
        *path = format!("{name}{sep}{path}");
        self
    }

    /// The error, as found inside the element `index` of an array.
    #[inline(never)]
    fn in_element(mut self, index: usize) -> DecodeError {
        let path = &mut self.0.path;
        let sep = if path.is_empty() || path.starts_with('[') { "" } else { "." };
        *path = format!("[{index}]{sep}{path}");
        self
    }

    /// Where in the document (empty for the document itself).
    pub fn path(&self) -> &str {
        &self.0.path
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ErrorInner { message, path } = &*self.0;
        if path.is_empty() { f.write_str(message) } else { write!(f, "{message} at {path}") }
    }
}

impl std::error::Error for DecodeError {}

/// A type read from a [`Value`].
pub trait Decode: Sized {
    fn decode(value: &Value) -> Result<Self, DecodeError>;

    /// The value of a field that is absent from its object, if the type has one without
    /// `#[serde(default)]` (only `Option`: `None`, as serde gives it).
    fn missing() -> Option<Self> {
        None
    }
}

/// Parses `text` and decodes it as `T`.
pub fn from_str<T: Decode>(text: &str) -> Result<T, DecodeError> {
    T::decode(&parse(text)?)
}

/// Parses a whole JSON document (whitespace around it, nothing else).
pub fn parse(text: &str) -> Result<Value, DecodeError> {
    let mut parser = Parser { text, at: 0 };
    let value = parser.value(0)?;
    parser.whitespace();
    if parser.at < text.len() {
        return Err(parser.error("trailing characters"));
    }
    Ok(value)
}

struct Parser<'a> {
    text: &'a str,
    at: usize,
}

impl Parser<'_> {
    fn error(&self, what: &str) -> DecodeError {
        let before = &self.text.as_bytes()[..self.at.min(self.text.len())];
        let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
        let column = before.iter().rev().take_while(|&&b| b != b'\n').count() + 1;
        DecodeError::new(format!("{what} at line {line} column {column}"))
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while let Some(b' ' | b'\n' | b'\t' | b'\r') = self.peek() {
            self.at += 1;
        }
    }

    /// Consumes `byte` after whitespace, or fails with `what`.
    fn expect(&mut self, byte: u8, what: &str) -> Result<(), DecodeError> {
        self.whitespace();
        if self.peek() != Some(byte) {
            return Err(self.error(what));
        }
        self.at += 1;
        Ok(())
    }

    fn value(&mut self, depth: u32) -> Result<Value, DecodeError> {
        self.whitespace();
        match self.peek() {
            Some(b'[' | b'{') if depth >= MAX_DEPTH => {
                self.skip()?;
                Ok(Value::Deep)
            }
            Some(b'[') => {
                self.at += 1;
                let mut items = Vec::new();
                self.whitespace();
                if self.peek() == Some(b']') {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                loop {
                    items.push(self.value(depth + 1)?);
                    if self.after_member(b']')? {
                        return Ok(Value::Array(items));
                    }
                }
            }
            Some(b'{') => {
                self.at += 1;
                let mut members = Vec::new();
                let mut bad_key = false;
                self.whitespace();
                if self.peek() == Some(b'}') {
                    self.at += 1;
                    return Ok(Value::Object { members, bad_key });
                }
                loop {
                    let key = self.key()?;
                    bad_key |= key.is_none();
                    let value = self.value(depth + 1)?;
                    members.push((key.unwrap_or_default(), value));
                    if self.after_member(b'}')? {
                        return Ok(Value::Object { members, bad_key });
                    }
                }
            }
            _ => self.scalar(true),
        }
    }

    /// After an array element or object member: `true` at the closing `end`, `false` after a comma.
    fn after_member(&mut self, end: u8) -> Result<bool, DecodeError> {
        self.whitespace();
        match self.peek() {
            Some(b',') => {
                self.at += 1;
                Ok(false)
            }
            Some(b) if b == end => {
                self.at += 1;
                Ok(true)
            }
            None => Err(self.error("EOF while parsing a list or an object")),
            _ => Err(self.error("expected `,` or the end of a list or an object")),
        }
    }

    /// An object's key and its colon; `None` for a key with an unpaired surrogate escape.
    fn key(&mut self) -> Result<Option<String>, DecodeError> {
        self.whitespace();
        if self.peek() != Some(b'"') {
            return Err(self.error("key must be a string"));
        }
        let key = self.string(true)?;
        self.expect(b':', "expected `:`")?;
        Ok(key)
    }

    /// A value that is not a container; strings kept only when `keep`.
    fn scalar(&mut self, keep: bool) -> Result<Value, DecodeError> {
        let rest = &self.text.as_bytes()[self.at..];
        for (word, value) in [(&b"null"[..], Value::Null), (b"true", Value::Bool(true)), (b"false", Value::Bool(false))] {
            if rest.first() == word.first() {
                if !rest.starts_with(word) {
                    return Err(self.error("expected ident"));
                }
                self.at += word.len();
                return Ok(value);
            }
        }
        match rest.first() {
            Some(b'"') => Ok(self.string(keep)?.map_or(Value::BadStr, Value::Str)),
            Some(b'-' | b'0'..=b'9') => self.number(),
            None => Err(self.error("EOF while parsing a value")),
            _ => Err(self.error("expected value")),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.at;
        while let Some(b'0'..=b'9') = self.peek() {
            self.at += 1;
        }
        self.at - start
    }

    fn number(&mut self) -> Result<Value, DecodeError> {
        let negative = self.peek() == Some(b'-');
        self.at += usize::from(negative);
        let start = self.at;
        let count = self.digits();
        let digits = &self.text.as_bytes()[start..self.at];
        if count == 0 || (digits[0] == b'0' && count > 1) {
            return Err(self.error("invalid number"));
        }
        let mut integer = true;
        if self.peek() == Some(b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
            integer = false;
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.at += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.at += 1;
            }
            if self.digits() == 0 {
                return Err(self.error("invalid number"));
            }
            integer = false;
        }
        let magnitude = digits.iter().try_fold(0u64, |n, d| n.checked_mul(10)?.checked_add(u64::from(d - b'0')));
        // As serde_json: `-0`, and negatives beyond `i64::MIN`, are not integers.
        Ok(match magnitude {
            Some(magnitude) if integer && (!negative || (1..=1 << 63).contains(&magnitude)) => Value::Int { negative, magnitude },
            _ => Value::Float,
        })
    }

    /// A string starting at its quote; `None` for one with an unpaired surrogate escape. When
    /// not `keep`, only checked.
    fn string(&mut self, keep: bool) -> Result<Option<String>, DecodeError> {
        self.at += 1;
        let bytes = self.text.as_bytes();
        let mut out = String::new();
        let mut paired = true;
        // A leading surrogate waiting for its trailing one, which must follow at once.
        let mut lead: Option<u32> = None;
        let mut run = self.at;
        loop {
            let Some(&b) = bytes.get(self.at) else { return Err(self.error("EOF while parsing a string")) };
            if b != b'\\' && lead.is_some() {
                paired = false;
                lead = None;
            }
            match b {
                b'"' => {
                    if keep && paired {
                        out.push_str(&self.text[run..self.at]);
                    }
                    self.at += 1;
                    return Ok(paired.then_some(out));
                }
                0..=0x1f => return Err(self.error("control character (\\u0000-\\u001F) found while parsing a string")),
                b'\\' => {
                    if keep && paired {
                        out.push_str(&self.text[run..self.at]);
                    }
                    self.at += 1;
                    let Some(&e) = bytes.get(self.at) else { return Err(self.error("EOF while parsing a string")) };
                    self.at += 1;
                    let c = match e {
                        b'u' => {
                            let hex = bytes.get(self.at..self.at + 4).unwrap_or_default();
                            let n = hex.iter().try_fold(0, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?));
                            let (Some(n), 4) = (n, hex.len()) else { return Err(self.error("invalid escape")) };
                            self.at += 4;
                            match (lead.take(), n) {
                                (Some(high), 0xDC00..=0xDFFF) => char::from_u32(0x10000 + ((high - 0xD800) << 10) + (n - 0xDC00)),
                                (None, 0xD800..=0xDBFF) => {
                                    lead = Some(n);
                                    None
                                }
                                (Some(_), _) | (None, 0xDC00..=0xDFFF) => {
                                    paired = false;
                                    // A new leading surrogate after an unpaired one still pairs (skipped
                                    // strings only need their syntax).
                                    None
                                }
                                (None, _) => char::from_u32(n),
                            }
                        }
                        _ if lead.is_some() => {
                            paired = false;
                            lead = None;
                            self.simple_escape(e)?
                        }
                        _ => self.simple_escape(e)?,
                    };
                    if let (Some(c), true, true) = (c, keep, paired) {
                        out.push(c);
                    }
                    run = self.at;
                }
                _ => self.at += 1,
            }
        }
    }

    fn simple_escape(&self, e: u8) -> Result<Option<char>, DecodeError> {
        Ok(Some(match e {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            _ => return Err(self.error("invalid escape")),
        }))
    }

    /// Checks one value of any depth without keeping it (no recursion: a stack of the open
    /// containers' closing bytes).
    fn skip(&mut self) -> Result<(), DecodeError> {
        let mut open: Vec<u8> = Vec::new();
        loop {
            // A value.
            self.whitespace();
            match self.peek() {
                Some(b'[') => {
                    self.at += 1;
                    self.whitespace();
                    if self.peek() != Some(b']') {
                        open.push(b']');
                        continue;
                    }
                    self.at += 1;
                }
                Some(b'{') => {
                    self.at += 1;
                    self.whitespace();
                    if self.peek() != Some(b'}') {
                        self.key()?;
                        open.push(b'}');
                        continue;
                    }
                    self.at += 1;
                }
                _ => {
                    self.scalar(false)?;
                }
            }
            // After it: close what ends here, then the next member.
            loop {
                let Some(&end) = open.last() else { return Ok(()) };
                if self.after_member(end)? {
                    open.pop();
                } else {
                    if end == b'}' {
                        self.key()?;
                    }
                    break;
                }
            }
        }
    }
}

/// The fields of a struct being decoded: from an object by name, or (as serde also takes)
/// from an array in declaration order.
pub struct Fields<'a> {
    members: &'a [(String, Value)],
    elements: Option<&'a [Value]>,
}

impl<'a> Fields<'a> {
    /// The fields of `value`, a struct named `name` with `count` fields.
    pub fn of(value: &'a Value, name: &str, count: usize) -> Result<Fields<'a>, DecodeError> {
        match value {
            Value::Object { members, bad_key: false } => Ok(Fields { members, elements: None }),
            Value::Object { .. } => Err(DecodeError::new("unpaired surrogate in a key".into())),
            Value::Array(items) if items.len() <= count => Ok(Fields { members: &[], elements: Some(items) }),
            Value::Array(_) => Err(DecodeError::new(format!("invalid length: more than {count} fields for struct {name}"))),
            other => Err(DecodeError::invalid_type(other, &format!("struct {name}"))),
        }
    }

    /// The field's value if it is there (a known field given twice is refused).
    fn get(&self, index: usize, name: &str) -> Result<Option<&'a Value>, DecodeError> {
        if let Some(items) = self.elements {
            return Ok(items.get(index));
        }
        let mut found = self.members.iter().filter(|(key, _)| key == name).map(|(_, v)| v);
        let first = found.next();
        if found.next().is_some() {
            return Err(DecodeError::new(format!("duplicate field `{name}`")));
        }
        Ok(first)
    }

    /// A field without a default: absent, only an `Option` decodes (as `None`).
    pub fn required<T: Decode>(&self, index: usize, name: &str) -> Result<T, DecodeError> {
        match self.get(index, name)? {
            Some(value) => T::decode(value).map_err(|e| e.in_field(name)),
            None => match (self.elements, T::missing()) {
                (None, Some(value)) => Ok(value),
                _ => Err(DecodeError::missing_field(name)),
            },
        }
    }

    /// A field of a struct with a default of its own: absent, it keeps `default`'s (the struct's
    /// default, made once for all its fields).
    pub fn or_value<T: Decode>(&self, index: usize, name: &str, default: T) -> Result<T, DecodeError> {
        match self.get(index, name)? {
            Some(value) => T::decode(value).map_err(|e| e.in_field(name)),
            None => Ok(default),
        }
    }

    /// A field with a default, which it takes when absent.
    pub fn or_else<T: Decode>(&self, index: usize, name: &str, default: fn() -> T) -> Result<T, DecodeError> {
        match self.get(index, name)? {
            Some(value) => T::decode(value).map_err(|e| e.in_field(name)),
            None => Ok(default()),
        }
    }
}

/// The name of an enum's unit variant: a string, or (as serde also takes) an object with that
/// one key and `null`.
pub fn variant<'a>(value: &'a Value, name: &str) -> Result<&'a str, DecodeError> {
    match value {
        Value::Str(s) => Ok(s),
        Value::Object { members, bad_key: false } if members.len() == 1 => match &members[0] {
            (key, Value::Null) => Ok(key),
            (_, other) => Err(DecodeError::invalid_type(other, "unit variant")),
        },
        other => Err(DecodeError::invalid_type(other, &format!("enum {name}"))),
    }
}

impl Decode for String {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        match value {
            Value::Str(s) => Ok(s.clone()),
            Value::BadStr => Err(DecodeError::new("unpaired surrogate in a string".into())),
            other => Err(DecodeError::invalid_type(other, "a string")),
        }
    }
}

impl Decode for bool {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        match value {
            Value::Bool(b) => Ok(*b),
            other => Err(DecodeError::invalid_type(other, "a boolean")),
        }
    }
}

/// An integer's sign and magnitude (`-magnitude` when negative, then `1 ..= 2^63`).
fn integer(value: &Value, expected: &str) -> Result<(bool, u64), DecodeError> {
    match value {
        Value::Int { negative, magnitude } => Ok((*negative, *magnitude)),
        other => Err(DecodeError::invalid_type(other, expected)),
    }
}

#[inline(never)]
fn out_of_range(negative: bool, magnitude: u64, expected: &str) -> DecodeError {
    let sign = if negative { "-" } else { "" };
    DecodeError::new(format!("invalid value: integer `{sign}{magnitude}`, expected {expected}"))
}

// No `i128` on the way: its arithmetic and formatting would add code to the app for nothing.
macro_rules! decode_integers {
    ($($ty:ty),+) => {$(
        impl Decode for $ty {
            fn decode(value: &Value) -> Result<Self, DecodeError> {
                let (negative, magnitude) = integer(value, stringify!($ty))?;
                // `magnitude as i64` wraps 2^63 to `i64::MIN`, whose negation wraps back to it.
                let n = if negative { <$ty>::try_from((magnitude as i64).wrapping_neg()).ok() } else { <$ty>::try_from(magnitude).ok() };
                n.ok_or_else(|| out_of_range(negative, magnitude, stringify!($ty)))
            }
        }
    )+};
}

decode_integers!(u8, u16, u32, u64, usize, i32, i64);

impl<T: Decode> Decode for Option<T> {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        match value {
            Value::Null => Ok(None),
            other => T::decode(other).map(Some),
        }
    }

    fn missing() -> Option<Self> {
        Some(None)
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        T::decode(value).map(Box::new)
    }
}

/// The elements of an array.
fn elements<'a>(value: &'a Value, expected: &str) -> Result<&'a [Value], DecodeError> {
    match value {
        Value::Array(items) => Ok(items),
        other => Err(DecodeError::invalid_type(other, expected)),
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        let items = elements(value, "a sequence")?;
        let mut out = Vec::with_capacity(items.len());
        for (i, v) in items.iter().enumerate() {
            out.push(T::decode(v).map_err(|e| e.in_element(i))?);
        }
        Ok(out)
    }
}

impl<A: Decode, B: Decode> Decode for (A, B) {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        match elements(value, "a tuple of 2")? {
            [a, b] => Ok((A::decode(a).map_err(|e| e.in_element(0))?, B::decode(b).map_err(|e| e.in_element(1))?)),
            _ => Err(DecodeError::new("invalid length, expected a tuple of 2".into())),
        }
    }
}

impl<K: Decode + Eq + Hash, V: Decode, S: BuildHasher + Default> Decode for HashMap<K, V, S> {
    fn decode(value: &Value) -> Result<Self, DecodeError> {
        match value {
            Value::Object { members, bad_key: false } => members
                .iter()
                .map(|(key, v)| {
                    let k = K::decode(&Value::Str(key.clone())).map_err(|e| e.in_field(key))?;
                    Ok((k, V::decode(v).map_err(|e| e.in_field(key))?))
                })
                .collect(),
            other => Err(DecodeError::invalid_type(other, "a map")),
        }
    }
}

/// Any JSON at all, not kept (serde's `IgnoredAny`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ignored;

impl Decode for Ignored {
    fn decode(_: &Value) -> Result<Self, DecodeError> {
        Ok(Ignored)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_unescaped_with_surrogate_pairs() {
        assert_eq!(from_str::<String>(r#""a\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00z""#).unwrap(), "a\"\\/\u{8}\u{c}\n\r\té😀z");
        assert!(from_str::<String>(r#""\ud83d""#).is_err());
        assert!(from_str::<String>(r#""\ude00""#).is_err());
        assert!(from_str::<String>(r#""\ud83dx""#).is_err());
        assert!(from_str::<Ignored>(r#"["\ud83d", "\ude00\n"]"#).is_ok());
        assert!(from_str::<Ignored>(r#""\x""#).is_err());
        assert!(from_str::<Ignored>("\"a\u{1}\"").is_err());
    }

    #[test]
    fn integers_are_exact_and_checked() {
        assert_eq!(from_str::<u64>("18446744073709551615").unwrap(), u64::MAX);
        assert_eq!(from_str::<i64>("-9223372036854775808").unwrap(), i64::MIN);
        assert!(from_str::<u64>("18446744073709551616").is_err());
        assert!(from_str::<u32>("4294967296").is_err());
        assert!(from_str::<u32>("-0").is_err());
        assert!(from_str::<u32>("1.0").is_err());
        assert!(from_str::<u32>("01").is_err());
        assert!(from_str::<Ignored>("[1e400, -0.5E-3, 0]").is_ok());
    }

    #[test]
    fn errors_say_where() {
        let e = from_str::<Vec<Option<(String, u8)>>>(r#"[null, ["a", 300]]"#).unwrap_err();
        assert_eq!(e.path(), "[1][1]");
        let e = parse("{\n  \"a\": tru }").unwrap_err();
        assert_eq!(e.to_string(), "expected ident at line 2 column 8");
    }

    #[test]
    fn deep_nesting_is_checked_without_recursion() {
        let deep = format!("{}1{}", "[{\"a\":".repeat(100_000), "}]".repeat(100_000));
        assert!(from_str::<Ignored>(&deep).is_ok());
        assert!(from_str::<Ignored>(&deep[..deep.len() - 1]).is_err());
    }
}
