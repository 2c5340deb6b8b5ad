//! Signing in through the community forum with DiscourseConnect, the forum acting as the identity
//! provider. The portal sends the forum a payload (a nonce and where to come back), Base64-encoded and
//! signed with HMAC-SHA256 under a secret both share; the forum signs the person in, and sends back a
//! signed payload with the same nonce and the person's verified e-mail address.
//!
//! A nonce is stored (as a hash) when the sign-in starts, works once, and expires after
//! [`NONCE_LIFETIME`], so an answer of the forum cannot be replayed. The answer signs in the active
//! account with that e-mail address. Accounts here are for partner contacts (who belong to an
//! organization) and program staff; there is no role for a member of the community at large, so a
//! forum member without an account here is refused with an explanation, never given one.

use crate::rate_limits::{self, SIGN_IN_PER_IP};
use crate::sessions::{Client, SignedIn};
use crate::{App, AppError, secrets};
use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use hmac::{Hmac, Mac};
use opo_domain::accounts::AccountStatus;
use opo_store::{StoreError, accounts, discourse_connect as store};
use sha2::Sha256;
use time::Duration;

/// How long a sign-in through the forum may take, from leaving the portal to coming back.
pub const NONCE_LIFETIME: Duration = Duration::minutes(10);

/// The forum as identity provider; the secret is never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct DiscourseConnectSettings {
    /// The forum's address, without a trailing slash.
    pub forum_url: String,
    /// The secret shared with the forum (its `discourse connect provider secrets` setting).
    pub secret: String,
}

impl std::fmt::Debug for DiscourseConnectSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscourseConnectSettings")
            .field("forum_url", &self.forum_url)
            .field("secret", &"[redacted]")
            .finish()
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PayloadError {
    #[error("the forum's answer is not signed with the secret this portal shares with it")]
    BadSignature,
    #[error("the forum's answer cannot be read: {0}")]
    Malformed(String),
}

/// The person the forum vouches for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForumIdentity {
    pub nonce: String,
    pub email: String,
    pub username: String,
    pub name: String,
    pub external_id: String,
}

/// The hex HMAC-SHA256 of `payload` under `secret`, as DiscourseConnect signs.
pub fn sign(secret: &str, payload: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("HMAC takes keys of any length");
    mac.update(payload.as_bytes());
    mac.finalize().into_bytes().iter().map(|b| format!("{b:02x}")).collect()
}

/// A payload: the fields URL-encoded, then Base64.
pub fn encode_payload(fields: &[(&str, &str)]) -> String {
    let query = form_urlencoded::Serializer::new(String::new()).extend_pairs(fields).finish();
    STANDARD.encode(query)
}

/// Checks the signature of a payload (in constant time) and reads the person from it.
pub fn verify(secret: &str, payload: &str, signature: &str) -> Result<ForumIdentity, PayloadError> {
    let signature = decode_hex(signature.trim()).ok_or(PayloadError::BadSignature)?;
    if secret.is_empty() {
        return Err(PayloadError::BadSignature);
    }
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).map_err(|_| PayloadError::BadSignature)?;
    mac.update(payload.as_bytes());
    mac.verify_slice(&signature).map_err(|_| PayloadError::BadSignature)?;
    // The forum may wrap its Base64 over several lines.
    let compact: String = payload.chars().filter(|c| !c.is_whitespace()).collect();
    let decoded = STANDARD.decode(compact).map_err(|e| PayloadError::Malformed(format!("not Base64: {e}")))?;
    let field =
        |name: &str| form_urlencoded::parse(&decoded).find(|(key, _)| key == name).map(|(_, value)| value.into_owned());
    let required = |name: &str| {
        field(name).filter(|v| !v.trim().is_empty()).ok_or_else(|| PayloadError::Malformed(format!("no {name}")))
    };
    Ok(ForumIdentity {
        nonce: required("nonce")?,
        email: required("email")?,
        external_id: field("external_id").unwrap_or_default(),
        username: field("username").unwrap_or_default(),
        name: field("name").unwrap_or_default(),
    })
}

fn decode_hex(hex: &str) -> Option<Vec<u8>> {
    if hex.is_empty() || !hex.len().is_multiple_of(2) || !hex.is_ascii() {
        return None;
    }
    (0..hex.len()).step_by(2).map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok()).collect()
}

/// A sign-in through the forum, started: the nonce (for the browser to keep) and where to send it.
#[derive(Debug, Clone)]
pub struct Started {
    pub nonce: String,
    pub forum_url: String,
}

fn settings(app: &App) -> Result<&DiscourseConnectSettings, AppError> {
    app.settings.discourse_connect.as_ref().ok_or(AppError::NotFound("sign-in through the forum"))
}

/// Starts a sign-in: stores a new nonce and gives the forum's address with the signed payload.
pub async fn start(app: &App) -> Result<Started, AppError> {
    let forum = settings(app)?;
    let nonce = secrets::new_token().map_err(|e| AppError::Internal(format!("random numbers: {e}")))?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    store::insert(&mut tx, &secrets::token_hash(&nonce), now, now + NONCE_LIFETIME).await?;
    tx.commit().await.map_err(StoreError::from)?;
    let back = format!("{}/auth/discourse/callback", app.settings.base_url.trim_end_matches('/'));
    let payload = encode_payload(&[("nonce", &nonce), ("return_sso_url", &back)]);
    let query = form_urlencoded::Serializer::new(String::new())
        .append_pair("sso", &payload)
        .append_pair("sig", &sign(&forum.secret, &payload))
        .finish();
    Ok(Started { forum_url: format!("{}/session/sso_provider?{query}", forum.forum_url), nonce })
}

/// Finishes a sign-in with the forum's answer (`sso`, `sig`) and the nonce the browser kept: opens a
/// session for the active account with the e-mail address the forum vouches for.
pub async fn finish(
    app: &App,
    payload: &str,
    signature: &str,
    browser_nonce: Option<&str>,
    client: &Client,
) -> Result<SignedIn, AppError> {
    let forum = settings(app)?;
    rate_limits::check(app, &[(SIGN_IN_PER_IP, client.ip.as_str())]).await?;
    let identity = verify(&forum.secret, payload, signature).map_err(|e| AppError::Unauthenticated(e.to_string()))?;
    // The nonce must be the one this browser was given: an answer meant for someone else signs no one in.
    if browser_nonce != Some(identity.nonce.as_str()) {
        return Err(AppError::Unauthenticated(
            "this sign-in through the forum was not started in this browser; start it again from the sign-in page"
                .to_owned(),
        ));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !store::consume(&mut tx, &secrets::token_hash(&identity.nonce), now).await? {
        return Err(AppError::Unauthenticated(
            "this sign-in through the forum has been used already or has expired; start it again from the sign-in page"
                .to_owned(),
        ));
    }
    let user = accounts::find_by_address(&mut tx, &identity.email).await?;
    let Some(user) = user.filter(|u| u.status == AccountStatus::Active) else {
        // The nonce stays used: the same answer cannot be tried again once an account is added.
        tx.commit().await.map_err(StoreError::from)?;
        return Err(AppError::Forbidden(format!(
            "the forum signed you in as {}, and no active account here has that address. Accounts here are for \
             partner contacts and the program's staff; members of the community take part on the forum itself. \
             If you should have an account, write to {}.",
            identity.email, app.settings.secretariat_email
        )));
    };
    let signed_in = crate::sessions::open_session(app, &mut tx, user, client, "forum").await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(signed_in)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signed_payload_is_read_and_a_tampered_one_refused() {
        let payload = encode_payload(&[("nonce", "n1"), ("email", "a@b.example"), ("username", "ab")]);
        let sig = sign("secret", &payload);
        let identity = verify("secret", &payload, &sig).expect("valid");
        assert_eq!((identity.nonce.as_str(), identity.email.as_str()), ("n1", "a@b.example"));
        assert_eq!(verify("other", &payload, &sig), Err(PayloadError::BadSignature));
        assert_eq!(verify("", &payload, &sign("", &payload)), Err(PayloadError::BadSignature));
        assert_eq!(verify("secret", &payload, "zz"), Err(PayloadError::BadSignature));
        let no_email = encode_payload(&[("nonce", "n1")]);
        assert!(matches!(verify("secret", &no_email, &sign("secret", &no_email)), Err(PayloadError::Malformed(_))));
    }
}
