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

/// `n` random decimal digits, each equally likely.
pub fn random_digits(n: usize) -> String {
    let mut digits = String::with_capacity(n);
    while digits.len() < n {
        let mut byte = [0u8; 1];
        getrandom::fill(&mut byte).expect("operating system random source");
        // 250 is the largest multiple of 10 a byte holds: above it, a digit would be likelier.
        if byte[0] < 250 {
            digits.push(char::from(b'0' + byte[0] % 10));
        }
    }
    digits
}

/// A 128-bit identifier for things whose id is their key (carts, sessions, access tokens).
pub fn token() -> String {
    random_hex(16)
}

/// The SHA-256 of `text`, as lowercase hex: how tokens are kept (a stolen table opens nothing).
pub fn digest(text: &str) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// A [`token`] sealed under `key` (or, the same operation, a sealed token opened with it): XOR
/// with the SHA-256 of the key. What is kept sealed opens only for whoever presents the key
/// again, which the database does not hold. `None` if `token` is not 32 hex digits.
pub fn seal(token: &str, key: &str) -> Option<String> {
    use sha2::{Digest, Sha256};
    let pad = Sha256::new().chain_update(b"vitrina sealed token\0").chain_update(key.as_bytes()).finalize();
    if token.len() != 32 {
        return None;
    }
    (0..16).map(|i| u8::from_str_radix(token.get(2 * i..2 * i + 2)?, 16).ok().map(|b| format!("{:02x}", b ^ pad[i]))).collect()
}

/// A reference number a person can read out and type: `K7Q4-M2PX` (8 characters of an alphabet
/// without 0/O, 1/I/L, so none is mistaken for another).
pub fn reference() -> String {
    const ALPHABET: &[u8] = b"23456789ABCDEFGHJKMNPQRSTUVWXYZ";
    let mut bytes = [0u8; 8];
    getrandom::fill(&mut bytes).expect("operating system random source");
    let chars: String = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    format!("{}-{}", &chars[..4], &chars[4..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sealed_token_opens_with_its_key_only() {
        let t = token();
        let sealed = seal(&t, "key-1").unwrap();
        assert_ne!(sealed, t);
        assert_eq!(seal(&sealed, "key-1"), Some(t.clone()));
        assert_ne!(seal(&sealed, "key-2"), Some(t));
        assert_eq!(seal("not hex", "k"), None);
        assert_eq!(digest("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }
}
