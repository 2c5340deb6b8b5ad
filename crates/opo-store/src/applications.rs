//! Applications to the program and the stage each one is at.

use crate::{Conn, StoreError, format_ts};
use opo_domain::applications::Stage;
use sqlx::Row;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewApplication {
    pub organization_id: i64,
    pub stage: Stage,
    pub desired_role: String,
    pub statement: String,
    pub stage_entered_at: OffsetDateTime,
    pub submitted_at: Option<OffsetDateTime>,
}

pub async fn insert(conn: &mut Conn, app: &NewApplication, now: OffsetDateTime) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into applications (organization_id, stage, desired_role, statement, stage_entered_at, submitted_at, \
         created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $7) returning id",
    )
    .bind(app.organization_id)
    .bind(app.stage.key())
    .bind(&app.desired_role)
    .bind(&app.statement)
    .bind(format_ts(app.stage_entered_at))
    .bind(app.submitted_at.map(format_ts))
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?)
}

/// How many applications sit at each stage (stages with none are left out).
pub async fn count_by_stage(conn: &mut Conn) -> Result<Vec<(Stage, i64)>, StoreError> {
    let rows =
        sqlx::query("select stage, count(*) as n from applications group by stage").fetch_all(&mut *conn).await?;
    let mut counts = Vec::with_capacity(rows.len());
    for row in rows {
        let key: String = row.try_get("stage")?;
        let stage = Stage::parse(&key).ok_or_else(|| StoreError::Corrupt(format!("stage {key:?}")))?;
        counts.push((stage, row.try_get("n")?));
    }
    counts.sort_by_key(|(stage, _)| Stage::ALL.iter().position(|s| s == stage));
    Ok(counts)
}

/// The newest application of an organization: its stage and since when.
pub async fn latest_for(conn: &mut Conn, organization_id: i64) -> Result<Option<(Stage, OffsetDateTime)>, StoreError> {
    let row = sqlx::query(
        "select stage, stage_entered_at from applications where organization_id = $1 order by created_at desc, id desc limit 1",
    )
    .bind(organization_id)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let key: String = row.try_get("stage")?;
    let entered: String = row.try_get("stage_entered_at")?;
    let stage = Stage::parse(&key).ok_or_else(|| StoreError::Corrupt(format!("stage {key:?}")))?;
    Ok(Some((stage, crate::parse_ts(&entered)?)))
}
