//! Passwords (Argon2id) for the demo accounts.
//!
//! Foundation: used by the layers above; uses no other module.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, OnceLock};

/// Argon2id's memory (KiB) and passes. A release build uses OWASP's minimum (19 MiB, 2 passes;
/// the Password Storage Cheat Sheet); a debug build, where the same costs seconds, a cheaper
/// setting so that the test suites stay quick. A stored hash names its own parameters, so hashes
/// made with either verify in both.
const PARAMS: (u32, u32) = if cfg!(debug_assertions) { (8 * 1024, 2) } else { (19 * 1024, 2) };

fn hasher() -> Argon2<'static> {
    let params = Params::new(PARAMS.0, PARAMS.1, 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC string (`$argon2id$…`) for `password` with a fresh salt.
pub fn hash_password(password: &str) -> String {
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).expect("operating system random source");
    let salt = SaltString::encode_b64(&salt).expect("16 bytes is a valid salt");
    hasher().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).unwrap_or_default()
}

/// Whether `password` matches the stored PHC string.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored).is_ok_and(|hash| hasher().verify_password(password.as_bytes(), &hash).is_ok())
}

/// Whether a stored hash was made with other parameters than today's (it is then made again at
/// the next sign-in, so that every account costs the same to try).
pub fn needs_rehash(stored: &str) -> bool {
    PasswordHash::new(stored).ok().and_then(|hash| Params::try_from(&hash).ok()).is_none_or(|p| (p.m_cost(), p.t_cost()) != PARAMS)
}

/// Checks passwords, doing the same work whether the account exists or not, and counts that work.
///
/// An unknown email address is checked against a hash of a random password made with today's
/// parameters, so how long a sign-in takes says nothing about which addresses have accounts.
#[derive(Clone, Default)]
pub struct Passwords {
    /// Argon2 work done so far: for each check, the memory (KiB) times the passes of the hash
    /// checked against. Tests read it to see that both kinds of sign-in cost the same.
    work: Arc<AtomicU64>,
}

impl Passwords {
    /// Whether `password` opens the account whose stored hash is `stored` (`None`: no account,
    /// never opened). Slow on purpose: run it on the blocking pool, outside the database lock.
    pub fn check(&self, password: &str, stored: Option<&str>) -> bool {
        static UNKNOWN: OnceLock<String> = OnceLock::new();
        let unknown = UNKNOWN.get_or_init(|| hash_password(&random_password()));
        let against = stored.unwrap_or(unknown);
        if let Some(params) = PasswordHash::new(against).ok().and_then(|h| Params::try_from(&h).ok()) {
            self.work.fetch_add(u64::from(params.m_cost()) * u64::from(params.t_cost()), Ordering::Relaxed);
        }
        let matches = verify_password(password, against);
        matches && stored.is_some()
    }

    /// The Argon2 work done so far (KiB × passes, summed over checks).
    pub fn work(&self) -> u64 {
        self.work.load(Ordering::Relaxed)
    }
}

fn random_password() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("operating system random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_verifies_its_password_only() {
        let stored = hash_password("demo");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify_password("demo", &stored));
        assert!(!verify_password("Demo", &stored));
        assert!(!verify_password("demo", "not a hash"));
        assert!(!needs_rehash(&stored));
    }

    #[test]
    fn an_unknown_account_costs_the_same_work_and_never_opens() {
        let passwords = Passwords::default();
        let stored = hash_password("demo");
        passwords.check("wrong", Some(&stored));
        let known = passwords.work();
        assert!(!passwords.check("demo", None));
        assert_eq!(passwords.work(), 2 * known);
        assert!(passwords.check("demo", Some(&stored)));
    }

    #[test]
    fn hashes_with_older_parameters_are_made_again() {
        let params = Params::new(4 * 1024, 1, 1, None).unwrap();
        let salt = SaltString::encode_b64(&[7u8; 16]).unwrap();
        let old = Argon2::new(Algorithm::Argon2id, Version::V0x13, params).hash_password(b"demo", &salt).unwrap().to_string();
        assert!(verify_password("demo", &old), "still verifies");
        assert!(needs_rehash(&old));
    }
}
