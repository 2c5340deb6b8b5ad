//! The staff's roster of organizations: every organization in any status, with where its agreement and
//! its check-in stand, filtered, ordered and paged in the database so a roster of thousands reads only
//! the rows shown.

use crate::{Conn, StoreError, parse_date};
use opo_domain::organizations::{RosterQuery, RosterSort};
use opo_domain::partners::PartnerStatus;
use sqlx::Row;
use std::collections::HashMap;
use time::Date;

/// One organization as the roster lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterRow {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: PartnerStatus,
    pub hq_country: Option<String>,
    pub joined_on: Option<Date>,
    /// The day the latest agreement expires.
    pub expires_on: Option<Date>,
    /// The day of the open check-in, and the staff member it is assigned to (id, name).
    pub checkin_due: Option<Date>,
    pub assignee: Option<(i64, String)>,
}

const OPEN: &str = "c.status <> 'completed'";
/// The day an organization's latest agreement expires, and the day of its open check-in.
const EXPIRES: &str = "(select max(g.expires_on) from agreements g where g.organization_id = o.id)";
const CHECKIN_DUE: &str =
    "(select min(c.due_on) from checkins c where c.organization_id = o.id and c.status <> 'completed')";

fn conditions(query: &RosterQuery) -> (String, Vec<String>) {
    let mut sql = String::from(" where 1 = 1");
    let mut values = Vec::new();
    let mut next = |sql: &mut String, clause: &str, value: String| {
        values.push(value);
        sql.push_str(&clause.replace("$?", &format!("${}", values.len())));
    };
    if let Some(status) = query.status {
        next(&mut sql, " and o.status = $?", status.key().to_owned());
    }
    if let Some(region) = query.region {
        next(
            &mut sql,
            " and exists (select 1 from organization_countries r where r.organization_id = o.id and r.region = $?)",
            region.key().to_owned(),
        );
    }
    if let Some(assignee) = query.assignee {
        next(
            &mut sql,
            &format!(
                " and exists (select 1 from checkins c where c.organization_id = o.id and {OPEN} \
                 and c.assignee_user_id = cast($? as integer))"
            ),
            assignee.to_string(),
        );
    }
    if !query.search.is_empty() {
        let escaped = query.search.to_lowercase().replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        next(
            &mut sql,
            " and (lower(o.name) like $? escape '\\' or o.slug like $? escape '\\')",
            format!("%{escaped}%"),
        );
    }
    (sql, values)
}

/// One page of the roster and how many organizations match in all.
pub async fn roster(
    conn: &mut Conn,
    query: &RosterQuery,
    limit: Option<i64>,
) -> Result<(Vec<RosterRow>, i64), StoreError> {
    let (clause, values) = conditions(query);
    let count_sql = format!("select count(*) from organizations o{clause}");
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for value in &values {
        count = count.bind(value.clone());
    }
    let total = count.fetch_one(&mut *conn).await?;
    let direction = if query.descending { "desc" } else { "asc" };
    let (key, order) = match query.sort {
        RosterSort::Name => (None, format!("lower(o.name) {direction}, o.id")),
        RosterSort::Status => (None, format!("o.status {direction}, lower(o.name), o.id")),
        RosterSort::Expiry => (Some(EXPIRES), format!("sort_key {direction} nulls last, lower(o.name), o.id")),
        RosterSort::CheckIn => (Some(CHECKIN_DUE), format!("sort_key {direction} nulls last, lower(o.name), o.id")),
    };
    let window = match limit {
        Some(limit) => format!(" limit {limit} offset {}", query.offset()),
        None => String::new(),
    };
    // First the ids of the rows shown, in order, reading only what the order needs; then their columns.
    // SQLite computes every result column of every row it sorts, so the expiry and the check-in of
    // 10,000 organizations would be looked up for a page of 50.
    let key = key.map(|k| format!(", {k} as sort_key")).unwrap_or_default();
    let sql = format!("select o.id{key} from organizations o{clause} order by {order}{window}");
    let mut ordered = sqlx::query(&sql);
    for value in &values {
        ordered = ordered.bind(value.clone());
    }
    let ids: Vec<i64> =
        ordered.fetch_all(&mut *conn).await?.iter().map(|r| r.try_get("id")).collect::<Result<_, _>>()?;
    let mut by_id = HashMap::with_capacity(ids.len());
    let date = |raw: Option<String>| raw.as_deref().map(parse_date).transpose();
    for chunk in ids.chunks(crate::MAX_IN_LIST) {
        let sql = format!(
            "select o.id, o.slug, o.name, o.status, o.hq_country, o.joined_on, {EXPIRES} as expires_on, \
             {CHECKIN_DUE} as checkin_due from organizations o where o.id in ({})",
            crate::placeholders(1, chunk.len())
        );
        for row in crate::bind_all(sqlx::query(&sql), chunk.iter()).fetch_all(&mut *conn).await? {
            let status: String = row.try_get("status")?;
            let id: i64 = row.try_get("id")?;
            by_id.insert(
                id,
                RosterRow {
                    id,
                    slug: row.try_get("slug")?,
                    name: row.try_get("name")?,
                    status: PartnerStatus::parse(&status)
                        .ok_or_else(|| StoreError::Corrupt(format!("status {status:?}")))?,
                    hq_country: row.try_get("hq_country")?,
                    joined_on: date(row.try_get("joined_on")?)?,
                    expires_on: date(row.try_get("expires_on")?)?,
                    checkin_due: date(row.try_get("checkin_due")?)?,
                    assignee: None,
                },
            );
        }
    }
    let mut out: Vec<RosterRow> = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    let ids: Vec<i64> = out.iter().map(|r| r.id).collect();
    let assignees = assignees(conn, &ids).await?;
    for row in &mut out {
        row.assignee = assignees.get(&row.id).cloned();
    }
    Ok((out, total))
}

/// The staff member each organization's open check-in (the earliest, when several are open) is assigned to.
async fn assignees(conn: &mut Conn, ids: &[i64]) -> Result<HashMap<i64, (i64, String)>, StoreError> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(crate::MAX_IN_LIST) {
        let sql = format!(
            "select c.organization_id, c.assignee_user_id, u.display_name from checkins c \
             join users u on u.id = c.assignee_user_id \
             where {OPEN} and c.organization_id in ({}) order by c.organization_id, c.due_on desc",
            crate::placeholders(1, chunk.len())
        );
        for row in crate::bind_all(sqlx::query(&sql), chunk.iter()).fetch_all(&mut *conn).await? {
            // Ordered latest first, so the earliest open check-in's assignee is written last.
            found.insert(
                row.try_get("organization_id")?,
                (row.try_get("assignee_user_id")?, row.try_get("display_name")?),
            );
        }
    }
    Ok(found)
}
