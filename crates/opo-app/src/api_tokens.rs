//! API tokens: a person creates one to let another system act as them through the REST API. The token
//! is shown once; only its hash is kept.

use crate::rate_limits::{self, SIGN_IN_PER_IP};
use crate::sessions::Client;
use crate::{Actor, App, AppError, secrets};
use opo_domain::accounts::AccountStatus;
use opo_store::accounts::{self, User};
pub use opo_store::api_tokens::ApiToken;
use opo_store::{StoreError, api_tokens as store, audit, sessions};

/// Tokens start with this prefix, so a leaked one is easy to recognize in logs and secret scanners.
pub const PREFIX: &str = "opo_";

/// Creates a token for `user` and returns it; it cannot be shown again.
pub async fn create(app: &App, user: &User, name: &str, actor: &Actor) -> Result<String, AppError> {
    let name = opo_domain::text::line("Name", name, 100).map_err(|e| AppError::refused("name", &e))?;
    let token =
        format!("{PREFIX}{}", secrets::new_token().map_err(|e| AppError::Internal(format!("random numbers: {e}")))?);
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let id = store::insert(&mut tx, user.id, &name, &secrets::token_hash(&token), now).await?;
    audit::record(&mut tx, &actor.entry("api_token.created", "api_token", id), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(token)
}

/// Exchanges a one-time sign-in link (as e-mailed) for an API token, so a person can use the REST API
/// without a browser. The link is used up as if it had opened a session; attempts count towards the
/// same limit as signing in.
pub async fn create_from_link(
    app: &App,
    link_token: &str,
    name: &str,
    client: &Client,
) -> Result<(String, User), AppError> {
    let name = opo_domain::text::line("Name", name, 100).map_err(|e| AppError::refused("name", &e))?;
    rate_limits::check(app, &[(SIGN_IN_PER_IP, client.ip.as_str())]).await?;
    let token =
        format!("{PREFIX}{}", secrets::new_token().map_err(|e| AppError::Internal(format!("random numbers: {e}")))?);
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let used = sessions::consume_login_token(&mut tx, &secrets::token_hash(link_token.trim()), now).await?;
    let user = match used {
        Some(id) => accounts::find_by_id(&mut tx, id).await?.filter(|u| u.status == AccountStatus::Active),
        None => None,
    };
    let Some(user) = user else {
        return Err(AppError::Unauthenticated(
            "this sign-in link has been used already or has expired; ask for a new one".to_owned(),
        ));
    };
    let id = store::insert(&mut tx, user.id, &name, &secrets::token_hash(&token), now).await?;
    let mut entry = Actor::user(&user, &client.ip).entry("api_token.created", "api_token", id);
    entry.after_json = Some(serde_json::json!({ "method": "link" }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    accounts::record_sign_in(&mut tx, user.id, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok((token, user))
}

pub async fn list(app: &App, user: &User) -> Result<Vec<ApiToken>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::of_user(&mut conn, user.id).await?)
}

pub async fn revoke(app: &App, user: &User, id: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !store::revoke(&mut tx, user.id, id, now).await? {
        return Err(AppError::NotFound("token"));
    }
    audit::record(&mut tx, &actor.entry("api_token.revoked", "api_token", id), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The active account a bearer token belongs to.
pub async fn authenticate(app: &App, token: &str) -> Result<Option<User>, AppError> {
    if !token.starts_with(PREFIX) {
        return Ok(None);
    }
    let now = app.clock.now();
    let mut conn = app.db.read().await?;
    let Some(user_id) = store::use_token(&mut conn, &secrets::token_hash(token), now).await? else { return Ok(None) };
    Ok(accounts::find_by_id(&mut conn, user_id).await?.filter(|u| u.status == AccountStatus::Active))
}

/// A secret of this installation, shared by every instance on the database (e.g. to sign form times).
pub async fn instance_secret(app: &App, name: &str) -> Result<String, AppError> {
    let fresh = secrets::new_token().map_err(|e| AppError::Internal(format!("random numbers: {e}")))?;
    let mut tx = app.db.begin().await?;
    let value = store::instance_secret(&mut tx, name, &fresh, app.clock.now()).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(value)
}
