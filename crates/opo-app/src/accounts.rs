//! Accounts: adding people with a role, listing them.

use crate::{Actor, App, AppError, notifications};
use opo_domain::accounts::{AccountStatus, Role};
use opo_domain::partners::FieldError;
use opo_domain::text::{self, EmailAddress};
use opo_store::accounts as store;
pub use opo_store::accounts::User;
use opo_store::{StoreError, Tx, audit, notifications as outbox, partners, sessions};

/// What is needed to add an account, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddUser {
    pub email: String,
    pub display_name: String,
    pub role: String,
    /// The slug of the organization a partner contact belongs to.
    pub organization: Option<String>,
}

/// Adds an account, records who added it, and sends the person an invitation with a first sign-in
/// link. Returns the new account's id.
pub async fn add_user(app: &App, input: &AddUser, actor: &Actor) -> Result<i64, AppError> {
    let mut errors = Vec::new();
    let email = EmailAddress::parse_new(&input.email).map_err(|e| errors.push(FieldError::of("email", &e))).ok();
    let name =
        text::line("Name", &input.display_name, 200).map_err(|e| errors.push(FieldError::of("display_name", &e))).ok();
    let role = Role::parse(&input.role).map_err(|e| errors.push(FieldError::of("role", &e))).ok();
    let organization = input.organization.as_deref().map(str::trim).filter(|s| !s.is_empty());
    match (role, organization) {
        (Some(role), None) if role.belongs_to_organization() => errors.push(FieldError::new(
            "organization",
            "organization-needed",
            "a partner contact belongs to an organization: name it",
        )),
        (Some(role), Some(_)) if !role.belongs_to_organization() => errors.push(
            FieldError::new(
                "organization",
                "no-organization-for-role",
                format!("a {} account does not belong to an organization", role.label().to_lowercase()),
            )
            .with("role", role.key()),
        ),
        _ => {}
    }
    let (Some(email), Some(name), Some(role)) = (email, name, role) else {
        return Err(AppError::Invalid(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let organization_id = match organization {
        Some(slug) => Some(
            partners::id_by_slug(&mut tx, slug)
                .await?
                .ok_or_else(|| AppError::invalid("organization", format!("there is no organization \"{slug}\"")))?,
        ),
        None => None,
    };
    let id = store::insert(&mut tx, &email, &name, role, organization_id, now).await.map_err(|e| match e {
        StoreError::Duplicate(_) => AppError::invalid("email", format!("an account for {email} already exists")),
        other => other.into(),
    })?;
    if let Some(organization_id) = organization_id {
        join(&mut tx, organization_id, email.as_str(), &name, now).await?;
    }
    let token = crate::sessions::invitation_token(app, &mut tx, id, now).await?;
    let inviter = if actor.user_id.is_some() { actor.label.as_str() } else { "The secretariat" };
    let message =
        notifications::invitation(app, "en", email.as_str(), &name, inviter, &role.label().to_lowercase(), &token)?;
    outbox::enqueue(&mut tx, &message, now).await?;
    let mut entry = actor.entry("account.added", "user", id);
    entry.after_json = Some(serde_json::json!({ "role": role.key(), "organization": organization }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(id)
}

/// Makes the account a contact of the organization (its primary contact when it has none).
async fn join(
    tx: &mut Tx,
    organization_id: i64,
    email: &str,
    name: &str,
    now: time::OffsetDateTime,
) -> Result<(), AppError> {
    let contact = partners::NewContact {
        name: name.to_owned(),
        email: email.to_owned(),
        title: String::new(),
        is_mail_poc: false,
    };
    partners::add_contact(tx, organization_id, &contact, now).await?;
    Ok(())
}

async fn existing(tx: &mut Tx, id: i64) -> Result<User, AppError> {
    store::find_by_id(tx, id).await?.ok_or(AppError::NotFound("account"))
}

/// Gives an account another role (and, for a partner contact, its organization). Its sessions end, so
/// the new role applies at once.
pub async fn change_role(
    app: &App,
    id: i64,
    role: &str,
    organization: Option<&str>,
    actor: &Actor,
) -> Result<(), AppError> {
    let role = Role::parse(role).map_err(|e| AppError::refused("role", &e))?;
    let organization = organization.map(str::trim).filter(|s| !s.is_empty());
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = existing(&mut tx, id).await?;
    if actor.user_id == Some(id) && role != before.role {
        return Err(AppError::Forbidden("you cannot change your own role; ask another administrator".to_owned()));
    }
    let organization_id = match (role.belongs_to_organization(), organization) {
        (true, Some(slug)) => Some(
            partners::id_by_slug(&mut tx, slug)
                .await?
                .ok_or_else(|| AppError::invalid("organization", format!("there is no organization \"{slug}\"")))?,
        ),
        (true, None) => {
            return Err(AppError::invalid("organization", "a partner contact belongs to an organization: name it"));
        }
        (false, _) => None,
    };
    store::set_role(&mut tx, id, role, organization_id, now).await?;
    if let Some(organization_id) = organization_id {
        join(&mut tx, organization_id, &before.email, &before.display_name, now).await?;
    }
    sessions::delete_for_user(&mut tx, id).await?;
    let mut entry = actor.entry("account.role-changed", "user", id);
    entry.before_json =
        Some(serde_json::json!({ "role": before.role.key(), "organization": before.organization_slug }).to_string());
    entry.after_json = Some(serde_json::json!({ "role": role.key(), "organization": organization }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Deactivates an account (ending its sessions and revoking its API tokens for good) or activates it
/// again, with new sessions and tokens to come.
pub async fn set_active(app: &App, id: i64, active: bool, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = existing(&mut tx, id).await?;
    if actor.user_id == Some(id) && !active {
        return Err(AppError::Forbidden("you cannot deactivate your own account".to_owned()));
    }
    let status = if active { AccountStatus::Active } else { AccountStatus::Deactivated };
    store::set_status(&mut tx, id, status, now).await?;
    let mut revoked = 0;
    if !active {
        sessions::delete_for_user(&mut tx, id).await?;
        revoked = opo_store::api_tokens::revoke_all(&mut tx, id, now).await?;
    }
    let mut entry = actor.entry(if active { "account.activated" } else { "account.deactivated" }, "user", id);
    entry.before_json = Some(serde_json::json!({ "status": before.status.key() }).to_string());
    entry.after_json = Some(if revoked > 0 {
        serde_json::json!({ "status": status.key(), "api_tokens_revoked": revoked }).to_string()
    } else {
        serde_json::json!({ "status": status.key() }).to_string()
    });
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Remembers the language a person chose on the site: their e-mails are written in it from now on.
/// A language the e-mails are not written in is refused.
pub async fn set_locale(app: &App, user_id: i64, locale: &str) -> Result<(), AppError> {
    let locale = crate::mail_text::LOCALES
        .into_iter()
        .find(|l| *l == locale)
        .ok_or_else(|| AppError::invalid("locale", "not a language of this site"))?;
    let mut tx = app.db.begin().await?;
    store::set_locale(&mut tx, user_id, locale, app.clock.now()).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

pub async fn find(app: &App, id: i64) -> Result<User, AppError> {
    let mut conn = app.db.read().await?;
    store::find_by_id(&mut conn, id).await?.ok_or(AppError::NotFound("account"))
}

pub async fn list(app: &App) -> Result<Vec<User>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::list(&mut conn).await?)
}
