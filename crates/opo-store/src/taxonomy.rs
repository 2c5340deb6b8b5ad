//! The configured vocabularies (capability roles, architecture components).

use crate::{Conn, StoreError, format_ts};
use opo_domain::taxonomy::{Term, Vocabulary};
use sqlx::Row;
use time::OffsetDateTime;

/// The terms of one vocabulary in display order.
pub async fn list(conn: &mut Conn, vocabulary: Vocabulary) -> Result<Vec<Term>, StoreError> {
    sqlx::query("select key, label, description from taxonomy_terms where vocabulary = $1 order by position, key")
        .bind(vocabulary.key())
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| {
            Ok(Term {
                vocabulary,
                key: row.try_get("key")?,
                label: row.try_get("label")?,
                description: row.try_get("description")?,
            })
        })
        .collect()
}

/// How many terms a vocabulary holds.
pub async fn count(conn: &mut Conn, vocabulary: Vocabulary) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("select count(*) from taxonomy_terms where vocabulary = $1")
        .bind(vocabulary.key())
        .fetch_one(&mut *conn)
        .await?)
}

/// Appends a term at the end of its vocabulary.
pub async fn insert(conn: &mut Conn, term: &Term, now: OffsetDateTime) -> Result<(), StoreError> {
    let now = format_ts(now);
    sqlx::query(
        "insert into taxonomy_terms (vocabulary, key, label, description, position, created_at, updated_at) \
         values ($1, $2, $3, $4, (select count(*) from taxonomy_terms where vocabulary = $1), $5, $5)",
    )
    .bind(term.vocabulary.key())
    .bind(&term.key)
    .bind(&term.label)
    .bind(&term.description)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}
