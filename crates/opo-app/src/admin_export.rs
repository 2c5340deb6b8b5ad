//! The admin's full export: every row of every table as one JSON document, read in one transaction so
//! the tables agree with each other. It holds personal data (names, e-mail addresses, addresses that
//! signed in), the hashes of secrets (sessions, links, API tokens, passwords) and the keys the
//! installation keeps in its database, so taking it is written to the audit log.

use crate::{Actor, App, AppError};
use opo_store::{StoreError, admin_export as store, audit};
use serde_json::{Map, Value};

/// The whole database as an indented JSON document: `{"exported_at", "database", "tables": {name:
/// [row, …]}}`, each row an object of its columns; binary columns are `\x` followed by lower-case hex.
pub async fn admin_export(app: &App, actor: &Actor) -> Result<Vec<u8>, AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let mut tables = Map::new();
    for table in store::tables(&mut tx).await? {
        let rows = store::rows(&mut tx, &table)
            .await?
            .iter()
            .map(|row| serde_json::from_str::<Value>(row))
            .collect::<Result<Vec<Value>, _>>()
            .map_err(|e| AppError::Internal(format!("a row of {table} is not JSON: {e}")))?;
        tables.insert(table, Value::Array(rows));
    }
    let mut entry = actor.entry("data.exported", "database", app.db.backend().name());
    entry.after_json = Some(serde_json::json!({ "tables": tables.len() }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    let document = serde_json::json!({
        "exported_at": opo_store::format_ts(now),
        "database": app.db.backend().name(),
        "tables": tables,
    });
    serde_json::to_vec_pretty(&document).map_err(|e| AppError::Internal(format!("the export: {e}")))
}
