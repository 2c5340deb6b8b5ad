//! Bringing a database up to date: migrations, then the defaults a new site starts with.

use crate::{Actor, App, AppError};
use opo_domain::taxonomy::{self, Vocabulary};
use opo_store::{agreements, audit, taxonomy as terms};

/// The partner agreement a new site starts with; a community publishes its own as a new version.
pub const AGREEMENT_TEXT: &str = include_str!("agreement.md");

/// Migrates the database, seeds each empty vocabulary with its default terms, publishes the default
/// agreement when there is none, and indexes listed partners missing from the search index.
pub async fn prepare(app: &App) -> Result<(), AppError> {
    prepare_for_serving(app).await?;
    repair_search_index(app).await?;
    Ok(())
}

/// [`prepare`] without the search index's repair, which reads every listed partner (most of a second at
/// 100,000 partners): `opo serve` answers first and has its worker run the repair once it started.
pub async fn prepare_for_serving(app: &App) -> Result<(), AppError> {
    app.db.migrate().await?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    for vocabulary in [Vocabulary::Capability, Vocabulary::Component] {
        if terms::count(&mut tx, vocabulary).await? > 0 {
            continue;
        }
        for term in taxonomy::defaults(vocabulary) {
            terms::insert(&mut tx, &term, now).await?;
        }
        let entry = Actor::system().entry("taxonomy.seeded", "vocabulary", vocabulary.key());
        audit::record(&mut tx, &entry, now).await?;
    }
    if agreements::current_template(&mut tx, now).await?.is_none() {
        let template = agreements::NewTemplate {
            version: "2020-1".to_owned(),
            title: "Partner Organization Endorsement Agreement".to_owned(),
            body: AGREEMENT_TEXT.to_owned(),
            published_at: time::macros::datetime!(2020-01-01 00:00 UTC),
        };
        let id = agreements::insert_template(&mut tx, &template, now).await?;
        audit::record(&mut tx, &Actor::system().entry("agreement_template.published", "agreement_template", id), now)
            .await?;
    }
    canonicalize_emails(&mut tx).await?;
    tx.commit().await.map_err(opo_store::StoreError::from)?;
    app.db.optimize().await?;
    Ok(())
}

/// Indexes the listed partners missing from the search index (a database made before the index
/// existed, or restored from an older backup). Returns how many were missing.
pub async fn repair_search_index(app: &App) -> Result<usize, AppError> {
    let mut tx = app.db.begin().await?;
    let indexed = opo_store::directory::index_missing(&mut tx).await?;
    tx.commit().await.map_err(opo_store::StoreError::from)?;
    Ok(indexed)
}

/// Whether the database holds no organizations and no accounts yet.
pub async fn is_empty(app: &App) -> Result<bool, AppError> {
    let mut conn = app.db.read().await?;
    Ok(opo_store::partners::count_all(&mut conn).await? == 0 && opo_store::accounts::count(&mut conn).await? == 0)
}

/// Puts every stored address in its canonical form (`EmailAddress`), where the migration's ASCII folding
/// was not enough (`Ｊosé@…`). Two accounts whose addresses only now turn out to be one are left as they
/// are and logged, for an admin to merge: neither is taken from its owner silently.
async fn canonicalize_emails(tx: &mut opo_store::Tx) -> Result<(), AppError> {
    for (id, stored) in opo_store::accounts::all_emails(tx).await? {
        let Ok(email) = opo_domain::text::EmailAddress::parse(&stored) else { continue };
        if email.as_str() == stored {
            continue;
        }
        match opo_store::accounts::find_by_email(tx, &email).await? {
            None => opo_store::accounts::set_email(tx, id, &email).await?,
            Some(other) => tracing::warn!(
                account = id,
                other = other.id,
                "two accounts have the same address in canonical form; left as they are"
            ),
        }
    }
    Ok(())
}
