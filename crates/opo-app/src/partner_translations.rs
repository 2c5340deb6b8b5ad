//! Translations of a partner's short description and description into the site's other languages:
//! reading them for the profile editor and the public pages, and saving them with an audit entry.

use crate::{Actor, App, AppError};
use opo_domain::partner_translations::{self as domain, TranslationError, TranslationInput};
use opo_domain::partners::FieldError;
use opo_domain::problems::Refusal;
use opo_store::partner_translations as store;
use opo_store::{StoreError, audit};
use std::collections::HashMap;

pub use opo_store::partner_translations::StoredTranslation;

/// Every translation of one organization.
pub async fn of_organization(app: &App, organization_id: i64) -> Result<Vec<StoredTranslation>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::for_organization(&mut conn, organization_id).await?)
}

/// The translations into `locale` of the organizations with these slugs, by slug (none for the
/// original language).
pub async fn in_locale(
    app: &App,
    locale: &str,
    slugs: &[&str],
) -> Result<HashMap<String, StoredTranslation>, AppError> {
    if !domain::LOCALES.contains(&locale) || slugs.is_empty() {
        return Ok(HashMap::new());
    }
    let mut conn = app.db.read().await?;
    Ok(store::in_locale(&mut conn, locale, slugs).await?)
}

/// Saves the translations as typed, in one transaction: a language left empty loses its translation.
/// Nothing is written, audit entry included, when nothing changed.
pub async fn save(app: &App, organization_id: i64, inputs: &[TranslationInput], actor: &Actor) -> Result<(), AppError> {
    let checked = domain::validate(inputs).map_err(|problems| {
        AppError::Invalid(
            problems
                .iter()
                .map(|p| {
                    let field = if p.field == "description" { "description" } else { "short_description" };
                    let (code, args) = match &p.error {
                        TranslationError::Text(e) => (e.code(), e.args()),
                        TranslationError::UnknownLocale(_) => ("unknown-locale", Vec::new()),
                    };
                    let message = format!("{} ({})", p.error, p.locale);
                    FieldError { field, code, args, message }.with("locale", &p.locale)
                })
                .collect(),
        )
    })?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before: HashMap<String, StoredTranslation> =
        store::for_organization(&mut tx, organization_id).await?.into_iter().map(|t| (t.locale.clone(), t)).collect();
    let mut changed_before = serde_json::Map::new();
    let mut changed_after = serde_json::Map::new();
    for translation in &checked {
        let old = before.get(translation.locale);
        let same = old.map_or(translation.is_empty(), |o| {
            o.short_description == translation.short_description && o.description == translation.description
        });
        if same {
            continue;
        }
        if translation.is_empty() {
            store::delete(&mut tx, organization_id, translation.locale).await?;
        } else {
            store::upsert(
                &mut tx,
                organization_id,
                translation.locale,
                &translation.short_description,
                &translation.description,
                &actor.label,
                now,
            )
            .await?;
        }
        let json = |short: &str, description: &str| serde_json::json!({ "short_description": short, "description": description });
        changed_before.insert(
            translation.locale.to_owned(),
            old.map_or(serde_json::Value::Null, |o| json(&o.short_description, &o.description)),
        );
        changed_after.insert(
            translation.locale.to_owned(),
            if translation.is_empty() {
                serde_json::Value::Null
            } else {
                json(&translation.short_description, &translation.description)
            },
        );
    }
    if changed_after.is_empty() {
        return Ok(());
    }
    let mut entry = actor.entry("partner.translations_saved", "organization", organization_id);
    entry.before_json = Some(serde_json::Value::Object(changed_before).to_string());
    entry.after_json = Some(serde_json::Value::Object(changed_after).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}
