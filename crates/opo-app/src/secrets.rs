//! Secrets: random tokens (sign-in links, sessions) stored only as hashes, and passwords stored as
//! argon2id hashes after a check against common and guessable passwords.

use argon2::Argon2;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use sha2::{Digest, Sha256};

/// A fresh 256-bit random token, as 64 hex digits.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0_u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(hex(&bytes))
}

/// A short public code (80 random bits in Crockford base 32, grouped `XXXX-XXXX-XXXX-XXXX`), easy to read
/// out or type from a printed certificate.
pub fn new_code() -> Result<String, getrandom::Error> {
    const ALPHABET: &[u8; 32] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bytes = [0_u8; 16];
    getrandom::fill(&mut bytes)?;
    let chars: Vec<char> = bytes.iter().map(|b| char::from(ALPHABET[usize::from(b % 32)])).collect();
    Ok(chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-"))
}

/// SHA-256 of `bytes`, as 64 lowercase hex digits.
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// What the database keeps of a token.
pub fn token_hash(token: &str) -> String {
    hex(&Sha256::digest(token.as_bytes()))
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Why a password was refused; shown to the person choosing it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WeakPassword {
    #[error("use at least {0} characters")]
    TooShort(usize),
    #[error("use at most 200 characters")]
    TooLong,
    #[error("this password is too common or too easy to guess; try a few unrelated words together")]
    Guessable,
    #[error("the password must not hold your name or your e-mail address")]
    Personal,
}

impl opo_domain::problems::Refusal for WeakPassword {
    fn code(&self) -> &'static str {
        match self {
            Self::TooShort(_) => "password-too-short",
            Self::TooLong => "password-too-long",
            Self::Guessable => "password-guessable",
            Self::Personal => "password-personal",
        }
    }

    fn args(&self) -> opo_domain::problems::Args {
        match self {
            Self::TooShort(min) => vec![("min", min.to_string())],
            _ => Vec::new(),
        }
    }
}

pub const MIN_PASSWORD_LEN: usize = 10;

/// Refuses short passwords and those found in lists of common passwords or built from the person's
/// own name or address (zxcvbn's score under 3 of 4).
pub fn check_password(password: &str, user_inputs: &[&str]) -> Result<(), WeakPassword> {
    let len = password.chars().count();
    // zxcvbn only lowers the score of a password built on them; one that holds them is refused outright.
    let folded = password.to_lowercase();
    if user_inputs.iter().map(|i| i.trim().to_lowercase()).any(|i| i.chars().count() >= 3 && folded.contains(&i)) {
        return Err(WeakPassword::Personal);
    }
    if len < MIN_PASSWORD_LEN {
        return Err(WeakPassword::TooShort(MIN_PASSWORD_LEN));
    }
    if len > 200 {
        return Err(WeakPassword::TooLong);
    }
    if (zxcvbn::zxcvbn(password, user_inputs).score() as u8) < 3 {
        return Err(WeakPassword::Guessable);
    }
    Ok(())
}

/// An argon2id hash (PHC string) of the password with a random salt.
pub fn hash_password(password: &str) -> Result<String, String> {
    let mut salt = [0_u8; 16];
    getrandom::fill(&mut salt).map_err(|e| e.to_string())?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| e.to_string())?;
    Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string()).map_err(|e| e.to_string())
}

/// Whether `password` matches the stored hash. A malformed hash never matches.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A hash to verify against when the account does not exist, so that a wrong address takes as long
/// as a wrong password.
pub(crate) fn decoy_hash() -> &'static str {
    static DECOY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password for timing").unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_random_and_only_their_hash_is_kept() {
        let a = new_token().expect("token");
        let b = new_token().expect("token");
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), token_hash(&a));
        assert_ne!(token_hash(&a), a);
    }

    #[test]
    fn a_password_verifies_against_its_hash_only() {
        let hash = hash_password("correct horse battery staple").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery staple", &hash));
        assert!(!verify_password("correct horse battery stapler", &hash));
        assert!(!verify_password("anything", "not a hash"));
    }

    #[test]
    fn common_and_short_passwords_are_refused() {
        assert_eq!(check_password("short", &[]), Err(WeakPassword::TooShort(MIN_PASSWORD_LEN)));
        assert_eq!(check_password("password123", &[]), Err(WeakPassword::Guessable));
        assert_eq!(check_password("qwertyuiop", &[]), Err(WeakPassword::Guessable));
        let own = ["Ada", "Lovelace", "ada.lovelace@example.org", "ada.lovelace"];
        assert_eq!(check_password("ada.lovelace1", &own), Err(WeakPassword::Personal), "built from one's own address");
        assert_eq!(check_password("Lovelace2026", &own), Err(WeakPassword::Personal), "built from one's own name");
        assert_eq!(
            check_password("violet-LOVELACE-tangent-42", &own),
            Err(WeakPassword::Personal),
            "however strong the rest"
        );
        assert_eq!(check_password("ada.lovelace@example.org", &own), Err(WeakPassword::Personal));
        assert_eq!(check_password("violet-harbor-tangent-42", &[]), Ok(()));
    }
}
