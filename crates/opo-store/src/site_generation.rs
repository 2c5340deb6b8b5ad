//! The generation of the public site: a counter bumped inside every transaction that changes what the
//! public pages show, read by the cache of rendered pages to know whether an entry is still current.

use crate::{Conn, StoreError, format_ts, parse_ts};
use sqlx::Row;
use time::OffsetDateTime;

/// The audit actions whose changes the public site shows. Every use case records one audit entry in
/// its transaction, so bumping there covers every writer (web, API, command line, jobs); an action not
/// listed here (a vote, a sign-in, a token) leaves the cache alone.
const PUBLIC_ACTIONS: &[&str] = &[
    "activity.added",
    "activity.removed",
    "agreement.renewed",
    "application.announced",
    "application.page_approved",
    "checkin.page_approved",
    "checkin.page_published",
    "consent.given",
    "consent.withdrawn",
    "demo.loaded",
    "demo.scaled",
    "organization.logo_changed",
    "organization.updated",
    "partner.import_updated",
    "partner.imported",
    "partner.translations_saved",
    "partnership.status_changed",
    "partnership.status_overridden",
    "post.edited",
    "post.published",
    "post.unpublished",
    "taxonomy.seeded",
];

/// Whether a change recorded under this audit action can change a public page.
pub fn is_public(action: &str) -> bool {
    PUBLIC_ACTIONS.contains(&action)
}

/// The current generation and when it last changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Generation {
    pub value: i64,
    pub changed_at: OffsetDateTime,
}

/// Moves the site to a new generation; run inside the transaction that makes the change.
pub async fn bump(conn: &mut Conn, at: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query("update site_generation set generation = generation + 1, changed_at = $1 where id = 1")
        .bind(format_ts(at))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn current(conn: &mut Conn) -> Result<Generation, StoreError> {
    let row =
        sqlx::query("select generation, changed_at from site_generation where id = 1").fetch_one(&mut *conn).await?;
    let changed_at: String = row.try_get("changed_at")?;
    Ok(Generation { value: row.try_get("generation")?, changed_at: parse_ts(&changed_at)? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_changes_the_public_sees_are_public() {
        for action in ["post.published", "partnership.status_changed", "consent.withdrawn", "partner.imported"] {
            assert!(is_public(action), "{action}");
        }
        for action in ["application.vote", "session.signed-in", "api_token.created", "post.created", "data.exported"] {
            assert!(!is_public(action), "{action}");
        }
    }
}
