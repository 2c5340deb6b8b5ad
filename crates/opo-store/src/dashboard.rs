//! Figures for the secretariat's dashboard that span capabilities: partnerships by status, check-ins
//! by year, signatures by year.

use crate::{Conn, StoreError};
use sqlx::Row;

/// How many organizations are in each partnership status.
pub async fn partners_by_status(conn: &mut Conn) -> Result<Vec<(String, i64)>, StoreError> {
    let rows = sqlx::query("select status, count(*) as n from organizations group by status order by status")
        .fetch_all(&mut *conn)
        .await?;
    rows.iter().map(|r| Ok((r.try_get("status")?, r.try_get("n")?))).collect()
}

/// Per year of their due date: check-ins in all, and those completed.
pub async fn checkins_by_year(conn: &mut Conn) -> Result<Vec<(String, i64, i64)>, StoreError> {
    let rows = sqlx::query(
        "select substr(due_on, 1, 4) as year, count(*) as total, \
         sum(case when completed_at is not null then 1 else 0 end) as completed \
         from checkins group by substr(due_on, 1, 4) order by year",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("year")?, r.try_get("total")?, r.try_get("completed")?))).collect()
}

/// Per year: agreements signed for the first time by an organization, and signed again (renewals).
pub async fn signatures_by_year(conn: &mut Conn) -> Result<Vec<(String, i64, i64)>, StoreError> {
    let rows = sqlx::query(
        "select substr(a.signed_at, 1, 4) as year, \
         sum(case when exists (select 1 from agreements b where b.organization_id = a.organization_id \
           and (b.signed_at < a.signed_at or (b.signed_at = a.signed_at and b.id < a.id))) then 0 else 1 end) as first, \
         sum(case when exists (select 1 from agreements b where b.organization_id = a.organization_id \
           and (b.signed_at < a.signed_at or (b.signed_at = a.signed_at and b.id < a.id))) then 1 else 0 end) as renewed \
         from agreements a group by substr(a.signed_at, 1, 4) order by year",
    )
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|r| Ok((r.try_get("year")?, r.try_get("first")?, r.try_get("renewed")?))).collect()
}
