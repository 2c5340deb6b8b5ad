//! Bringing a database up to date: migrations, then the defaults a new site starts with.

use crate::{Actor, App, AppError};
use opo_domain::taxonomy::{self, Vocabulary};
use opo_store::{audit, taxonomy as terms};

/// Migrates the database and seeds each empty vocabulary with its default terms.
pub async fn prepare(app: &App) -> Result<(), AppError> {
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
    // A database made before the search index existed gets its index once.
    if opo_store::directory::needs_reindex(&mut tx).await? {
        opo_store::directory::reindex_all(&mut tx).await?;
    }
    tx.commit().await.map_err(opo_store::StoreError::from)?;
    Ok(())
}

/// Whether the database holds no organizations and no accounts yet.
pub async fn is_empty(app: &App) -> Result<bool, AppError> {
    let mut conn = app.db.read().await?;
    Ok(opo_store::partners::count_all(&mut conn).await? == 0 && opo_store::accounts::count(&mut conn).await? == 0)
}
