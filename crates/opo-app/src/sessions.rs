//! Signing in and out: sign-in links sent by e-mail, optional passwords, and server-side sessions.

use crate::rate_limits::{self, LINKS_PER_EMAIL, LINKS_PER_IP, SIGN_IN_PER_ACCOUNT, SIGN_IN_PER_IP};
use crate::secrets::{self, WeakPassword};
use crate::{Actor, App, AppError, notifications};
use opo_domain::accounts::AccountStatus;
use opo_domain::partners::FieldError;
use opo_domain::text::EmailAddress;
use opo_store::accounts::{self, User};
use opo_store::sessions::{self as store, NewSession};
use opo_store::{StoreError, Tx, audit, notifications as outbox};
use time::Duration;

/// Where a request comes from, for the audit log and rate limits.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Client {
    pub ip: String,
    pub user_agent: String,
}

/// A new session: the secret for the cookie, and who it belongs to.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub token: String,
    pub user: User,
}

fn random_token() -> Result<String, AppError> {
    secrets::new_token().map_err(|e| AppError::Internal(format!("random numbers: {e}")))
}

/// A new invitation link's token for `user_id`, stored (as its hash) in the caller's transaction; it
/// lives as long as invitations do.
pub(crate) async fn invitation_token(
    app: &App,
    tx: &mut Tx,
    user_id: i64,
    now: time::OffsetDateTime,
) -> Result<String, AppError> {
    let token = random_token()?;
    let expires = now + app.settings.invitation_lifetime;
    store::insert_login_token(tx, &secrets::token_hash(&token), user_id, "invitation", expires, now).await?;
    Ok(token)
}

/// Sends a sign-in link to `email` if it belongs to an active account. Answers the same either way,
/// so the form tells no one which addresses have accounts.
pub async fn request_link(app: &App, email: &str, client: &Client) -> Result<(), AppError> {
    request_link_to(app, email, client, None).await
}

/// [`request_link`] whose link opens `next` (a path on this site) once it has signed the person in.
pub async fn request_link_to(app: &App, email: &str, client: &Client, next: Option<&str>) -> Result<(), AppError> {
    let Ok(email) = EmailAddress::parse(email) else {
        return Err(AppError::Invalid(vec![FieldError::new(
            "email",
            "enter-account-email",
            "enter the e-mail address of your account, like name@example.org",
        )]));
    };
    // Counted under the canonical address, the one the account is found by: however it is typed, one
    // address has one limit.
    rate_limits::check(app, &[(LINKS_PER_IP, client.ip.as_str()), (LINKS_PER_EMAIL, email.as_str())]).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let Some(user) = accounts::find_by_email(&mut tx, &email).await?.filter(|u| u.status == AccountStatus::Active)
    else {
        return Ok(());
    };
    let token = random_token()?;
    let expires = now + app.settings.link_lifetime;
    store::insert_login_token(&mut tx, &secrets::token_hash(&token), user.id, "sign-in", expires, now).await?;
    let message = notifications::sign_in_link(app, &user, &token, next)?;
    outbox::enqueue(&mut tx, &message, now).await?;
    let entry = Actor { user_id: None, label: user.email.clone(), ip: client.ip.clone() }.entry(
        "session.link-requested",
        "user",
        user.id,
    );
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Opens a session with a sign-in link's token. A link works once, and only until it expires.
pub async fn open_link(app: &App, token: &str, client: &Client) -> Result<SignedIn, AppError> {
    rate_limits::check(app, &[(SIGN_IN_PER_IP, client.ip.as_str())]).await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let used = store::consume_login_token(&mut tx, &secrets::token_hash(token.trim()), now).await?;
    let user = match used {
        Some(id) => accounts::find_by_id(&mut tx, id).await?.filter(|u| u.status == AccountStatus::Active),
        None => None,
    };
    let Some(user) = user else {
        return Err(AppError::Unauthenticated(
            "this sign-in link has been used already or has expired; ask for a new one below".to_owned(),
        ));
    };
    let signed_in = open_session(app, &mut tx, user, client, "link").await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(signed_in)
}

/// Opens a session with an e-mail address and password.
pub async fn sign_in_with_password(
    app: &App,
    email: &str,
    password: &str,
    client: &Client,
) -> Result<SignedIn, AppError> {
    // The account's limit is keyed on the canonical address, the one it is found by: a letter typed in
    // another case or form finds the same account and counts against the same limit. Text that is no
    // address has no account to protect, and only the limit per client counts it.
    let address = EmailAddress::parse(email).ok();
    let mut hits = vec![(SIGN_IN_PER_IP, client.ip.as_str())];
    if let Some(address) = &address {
        hits.push((SIGN_IN_PER_ACCOUNT, address.as_str()));
    }
    rate_limits::check(app, &hits).await?;
    let mut conn = app.db.read().await?;
    let user = match &address {
        Some(address) => accounts::find_by_email(&mut conn, address).await?,
        None => None,
    }
    .filter(|u| u.status == AccountStatus::Active);
    let hash = match &user {
        Some(user) => accounts::password_hash(&mut conn, user.id).await?,
        None => None,
    };
    drop(conn);
    // Verify against a decoy when there is no hash, so the answer takes as long either way.
    let matches = secrets::verify_password(password, hash.as_deref().unwrap_or(secrets::decoy_hash()));
    let (Some(user), true, true) = (user, hash.is_some(), matches) else {
        return Err(AppError::Unauthenticated("the e-mail address or the password is not right".to_owned()));
    };
    let mut tx = app.db.begin().await?;
    let signed_in = open_session(app, &mut tx, user, client, "password").await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(signed_in)
}

pub(crate) async fn open_session(
    app: &App,
    tx: &mut Tx,
    user: User,
    client: &Client,
    how: &str,
) -> Result<SignedIn, AppError> {
    let now = app.clock.now();
    let token = random_token()?;
    let session = NewSession {
        token_hash: secrets::token_hash(&token),
        user_id: user.id,
        ip: client.ip.clone(),
        user_agent: client.user_agent.chars().take(300).collect(),
        expires_at: now + app.settings.session_absolute,
    };
    store::insert(tx, &session, now).await?;
    accounts::record_sign_in(tx, user.id, now).await?;
    let mut entry = Actor::user(&user, &client.ip).entry("session.signed-in", "user", user.id);
    entry.after_json = Some(serde_json::json!({ "method": how }).to_string());
    audit::record(tx, &entry, now).await?;
    Ok(SignedIn { token, user })
}

/// The account behind a session cookie, if the session is still valid.
pub async fn resume(app: &App, token: &str) -> Result<Option<User>, AppError> {
    let now = app.clock.now();
    let mut conn = app.db.read().await?;
    Ok(store::resume(&mut conn, &secrets::token_hash(token), now, now - app.settings.session_idle).await?)
}

/// Ends a session on the server, so the cookie is worthless even if it was copied.
pub async fn sign_out(app: &App, token: &str, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if store::delete(&mut tx, &secrets::token_hash(token)).await? {
        let subject = actor.user_id.map_or_else(String::new, |id| id.to_string());
        audit::record(&mut tx, &actor.entry("session.signed-out", "user", subject), now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// How recent a sign-in must be to set a password without typing the current one: a person who signed
/// in with a link just now has proved they read the account's mail.
pub const RECENT_SIGN_IN: Duration = Duration::minutes(10);

/// A password change: the new password, and the current one (empty when the person signed in moments
/// ago, or has none yet).
#[derive(Debug, Clone, Default)]
pub struct PasswordChange<'a> {
    pub current: &'a str,
    pub new: &'a str,
}

/// Sets (or changes) the password of the signed-in person, on the session with secret
/// `session_token`. Someone who finds a browser left signed in must not take the account over: the
/// current password is asked, unless the session was opened within [`RECENT_SIGN_IN`]. Every other
/// session of the account ends.
pub async fn set_password(
    app: &App,
    user: &User,
    session_token: &str,
    change: &PasswordChange<'_>,
    actor: &Actor,
) -> Result<(), AppError> {
    let now = app.clock.now();
    let session_hash = secrets::token_hash(session_token);
    let mut conn = app.db.read().await?;
    let stored = accounts::password_hash(&mut conn, user.id).await?;
    let opened = store::opened_at(&mut conn, &session_hash).await?;
    drop(conn);
    let recent = opened.is_some_and(|at| now - at <= RECENT_SIGN_IN);
    let proved = match (&stored, change.current.is_empty()) {
        (Some(hash), false) => secrets::verify_password(change.current, hash),
        _ => recent,
    };
    if !proved {
        rate_limits::check(app, &[(SIGN_IN_PER_ACCOUNT, user.email.as_str())]).await?;
        return Err(AppError::Invalid(vec![FieldError::new(
            "current",
            "current-password",
            "enter your current password, or sign in again with a link and set the password within 10 minutes",
        )]));
    }
    let local = user.email.split('@').next().unwrap_or_default();
    let inputs: Vec<&str> =
        user.display_name.split_whitespace().chain([user.display_name.as_str(), user.email.as_str(), local]).collect();
    secrets::check_password(change.new, &inputs)
        .map_err(|e: WeakPassword| AppError::Invalid(vec![FieldError::of("password", &e)]))?;
    let hash = secrets::hash_password(change.new).map_err(AppError::Internal)?;
    let mut tx = app.db.begin().await?;
    accounts::set_password_hash(&mut tx, user.id, &hash, now).await?;
    let ended = store::delete_others(&mut tx, user.id, &session_hash).await?;
    let mut entry = actor.entry("account.password-set", "user", user.id);
    entry.after_json = Some(serde_json::json!({ "other_sessions_ended": ended }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// A sign-in link for an operator at the machine to hand over (`opo user link`): for a first admin
/// on a site that has no SMTP server yet. Recorded in the audit log like any other link.
pub async fn link_for_operator(app: &App, email: &str, actor: &Actor) -> Result<String, AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let user = accounts::find_by_address(&mut tx, email)
        .await?
        .filter(|u| u.status == AccountStatus::Active)
        .ok_or(AppError::NotFound("active account with that address"))?;
    let token = random_token()?;
    let expires = now + app.settings.link_lifetime;
    store::insert_login_token(&mut tx, &secrets::token_hash(&token), user.id, "operator", expires, now).await?;
    audit::record(&mut tx, &actor.entry("session.link-issued", "user", user.id), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(notifications::link_url(app, &token))
}
