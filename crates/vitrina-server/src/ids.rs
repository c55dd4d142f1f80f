//! Unguessable identifiers and tokens.
//!
//! Foundation: used by every layer; uses no other module.

/// `bytes` random bytes from the operating system, as lowercase hex.
pub fn random_hex(bytes: usize) -> String {
    let mut buf = vec![0u8; bytes];
    // The OS random source failing is not something a request can recover from.
    getrandom::fill(&mut buf).expect("operating system random source");
    buf.iter().map(|b| format!("{b:02x}")).collect()
}

/// A 128-bit identifier for things whose id is their key (carts, sessions, access tokens).
pub fn token() -> String {
    random_hex(16)
}
