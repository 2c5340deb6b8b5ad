//! Country implementation activities: what a partner does in each country it works in, shown on its
//! profile and kept up to date by its contacts or the secretariat.

use crate::{Actor, App, AppError};
use opo_domain::countries::CountryCode;
use opo_domain::partners::FieldError;
use opo_domain::text::{self, WebUrl};
use opo_store::activities::{self as store, NewActivity};
use opo_store::{StoreError, audit, directory};

pub use opo_store::activities::Activity;

/// An activity as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActivityInput {
    pub country: String,
    pub title: String,
    pub description: String,
    pub url: String,
}

fn validate(input: &ActivityInput) -> Result<NewActivity, AppError> {
    let mut errors = Vec::new();
    let mut note = |error: FieldError| errors.push(error);
    let country = CountryCode::parse(&input.country).map_err(|e| note(FieldError::of("country", &e))).ok();
    let title = text::line("Title", &input.title, 200).map_err(|e| note(FieldError::text("title", &e))).ok();
    if input.description.chars().count() > 2000 {
        note(FieldError::text("description", &text::TextError::TooLong { field: "Description", max: 2000 }));
    }
    let url = match input.url.trim() {
        "" => Some(None),
        raw => WebUrl::parse(raw).map(|u| Some(String::from(u))).map_err(|e| note(FieldError::text("url", &e))).ok(),
    };
    match (country, title, url) {
        (Some(country), Some(title), Some(url)) if errors.is_empty() => Ok(NewActivity {
            country: country.as_str().to_owned(),
            title,
            description: input.description.trim().to_owned(),
            url,
        }),
        _ => Err(AppError::Invalid(errors)),
    }
}

pub async fn add(app: &App, organization_id: i64, input: &ActivityInput, actor: &Actor) -> Result<i64, AppError> {
    let activity = validate(input)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let id = store::insert(&mut tx, organization_id, &activity, now).await?;
    directory::reindex(&mut tx, organization_id).await?;
    let mut entry = actor.entry("activity.added", "organization", organization_id);
    entry.after_json =
        Some(serde_json::json!({ "id": id, "country": activity.country, "title": activity.title }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(id)
}

pub async fn remove(app: &App, organization_id: i64, id: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !store::delete(&mut tx, organization_id, id).await? {
        return Err(AppError::NotFound("activity"));
    }
    directory::reindex(&mut tx, organization_id).await?;
    let mut entry = actor.entry("activity.removed", "organization", organization_id);
    entry.before_json = Some(serde_json::json!({ "id": id }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

pub async fn of_organization(app: &App, organization_id: i64) -> Result<Vec<Activity>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::for_organization(&mut conn, organization_id).await?)
}
