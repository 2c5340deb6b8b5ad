//! Accounts: adding people with a role, listing them.

use crate::{Actor, App, AppError};
use opo_domain::accounts::Role;
use opo_domain::partners::FieldError;
use opo_domain::text::{self, EmailAddress};
use opo_store::accounts::{self as store, User};
use opo_store::{StoreError, audit, partners};

/// What is needed to add an account, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AddUser {
    pub email: String,
    pub display_name: String,
    pub role: String,
    /// The slug of the organization a partner contact belongs to.
    pub organization: Option<String>,
}

/// Adds an account and records who added it. Returns the new account's id.
pub async fn add_user(app: &App, input: &AddUser, actor: &Actor) -> Result<i64, AppError> {
    let mut errors = Vec::new();
    let email = EmailAddress::parse(&input.email)
        .map_err(|e| errors.push(FieldError { field: "email", message: e.to_string() }))
        .ok();
    let name = text::required("Name", &input.display_name, 200)
        .map_err(|e| errors.push(FieldError { field: "display_name", message: e.to_string() }))
        .ok();
    let role = Role::parse(&input.role).map_err(|e| errors.push(FieldError { field: "role", message: e.to_string() })).ok();
    let organization = input.organization.as_deref().map(str::trim).filter(|s| !s.is_empty());
    match (role, organization) {
        (Some(role), None) if role.belongs_to_organization() => errors.push(FieldError {
            field: "organization",
            message: "a partner contact belongs to an organization: name it".to_owned(),
        }),
        (Some(role), Some(_)) if !role.belongs_to_organization() => errors.push(FieldError {
            field: "organization",
            message: format!("a {} account does not belong to an organization", role.label().to_lowercase()),
        }),
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
    let mut entry = actor.entry("account.added", "user", id);
    entry.after_json = Some(serde_json::json!({ "role": role.key(), "organization": organization }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(id)
}

pub async fn list(app: &App) -> Result<Vec<User>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::list(&mut conn).await?)
}
