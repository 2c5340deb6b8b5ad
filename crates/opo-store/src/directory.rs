//! The partner directory's search: a full-text index (SQLite FTS5, PostgreSQL `tsvector`), facet
//! filters that combine, and the count of partners behind each facet value.

use crate::partners::{CARD_COLUMNS, PartnerCard, attach_capabilities, card_from_row, listed_statuses};
use crate::{Conn, StoreError};
use opo_domain::countries::country;
use opo_domain::directory::{DirectoryQuery, Sort};
use sqlx::Row;

/// How many best matches a search ranks at most: a word found everywhere costs no more than this.
const MAX_MATCHES: i64 = 1000;

fn is_postgres(conn: &Conn) -> bool {
    conn.backend_name() == "PostgreSQL"
}

/// Rebuilds the search text of one organization from everything the public sees of it.
pub async fn reindex(conn: &mut Conn, organization_id: i64) -> Result<(), StoreError> {
    let Some(row) = sqlx::query("select name, short_description, long_description from organizations where id = $1")
        .bind(organization_id)
        .fetch_optional(&mut *conn)
        .await?
    else {
        return Ok(());
    };
    let mut body: Vec<String> =
        vec![row.try_get("name")?, row.try_get("short_description")?, row.try_get("long_description")?];
    let labels: Vec<String> = sqlx::query_scalar(
        "select tt.label from organization_terms t join taxonomy_terms tt on tt.vocabulary = t.vocabulary \
         and tt.key = t.term_key where t.organization_id = $1",
    )
    .bind(organization_id)
    .fetch_all(&mut *conn)
    .await?;
    body.extend(labels);
    let countries: Vec<String> =
        sqlx::query_scalar("select country from organization_countries where organization_id = $1")
            .bind(organization_id)
            .fetch_all(&mut *conn)
            .await?;
    body.extend(countries.iter().filter_map(|c| country(c)).map(|c| c.name.to_owned()));
    let activities = sqlx::query("select title, description from country_activities where organization_id = $1")
        .bind(organization_id)
        .fetch_all(&mut *conn)
        .await?;
    for activity in activities {
        body.push(activity.try_get("title")?);
        body.push(activity.try_get("description")?);
    }
    let posts = sqlx::query(
        "select p.title, p.summary from posts p join post_partners pp on pp.post_id = p.id \
         where pp.organization_id = $1 and p.status = 'published'",
    )
    .bind(organization_id)
    .fetch_all(&mut *conn)
    .await?;
    for post in posts {
        body.push(post.try_get("title")?);
        body.push(post.try_get("summary")?);
    }
    let body = body.join("\n");
    if is_postgres(conn) {
        sqlx::query(
            "insert into partner_search (organization_id, body) values ($1, $2) \
             on conflict (organization_id) do update set body = excluded.body",
        )
        .bind(organization_id)
        .bind(&body)
        .execute(&mut *conn)
        .await?;
    } else {
        sqlx::query("delete from partner_search where rowid = $1").bind(organization_id).execute(&mut *conn).await?;
        sqlx::query("insert into partner_search (rowid, body) values ($1, $2)")
            .bind(organization_id)
            .bind(&body)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Rebuilds the search text of every organization, and fills in regions left empty by older versions.
pub async fn reindex_all(conn: &mut Conn) -> Result<usize, StoreError> {
    let blank: Vec<String> =
        sqlx::query_scalar("select distinct country from organization_countries where region = ''")
            .fetch_all(&mut *conn)
            .await?;
    for code in blank {
        if let Some(found) = country(&code) {
            sqlx::query("update organization_countries set region = $1 where country = $2 and region = ''")
                .bind(found.region.key())
                .bind(&code)
                .execute(&mut *conn)
                .await?;
        }
    }
    let ids: Vec<i64> = sqlx::query_scalar("select id from organizations").fetch_all(&mut *conn).await?;
    for id in &ids {
        reindex(conn, *id).await?;
    }
    Ok(ids.len())
}

enum Value {
    Text(String),
    Int(i64),
}

/// A query's text with its values, numbered as they are added.
struct Sql {
    text: String,
    values: Vec<Value>,
}

impl Sql {
    fn new() -> Self {
        Self { text: String::new(), values: Vec::new() }
    }

    fn value(&mut self, value: Value) -> String {
        self.values.push(value);
        format!("${}", self.values.len())
    }

    fn list(&mut self, values: impl IntoIterator<Item = String>) -> String {
        values.into_iter().map(|v| self.value(Value::Text(v))).collect::<Vec<_>>().join(", ")
    }

    fn query(&self) -> sqlx::query::Query<'_, sqlx::Any, sqlx::any::AnyArguments<'_>> {
        let mut query = sqlx::query(&self.text);
        for value in &self.values {
            query = match value {
                Value::Text(text) => query.bind(text.as_str()),
                Value::Int(n) => query.bind(*n),
            };
        }
        query
    }
}

/// A filter left out of a facet's own counts, so each facet shows what choosing one more value gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Facet {
    Capability,
    Component,
    Country,
    Region,
    OrgType,
    Joined,
}

/// `from … join … where …` for the listed organizations that match `q`, leaving out `skip`.
fn from_where(sql: &mut Sql, q: &DirectoryQuery, postgres: bool, skip: Option<Facet>, from: &str) {
    let mut text = from.to_owned();
    let terms = q.terms();
    if !terms.is_empty() {
        if postgres {
            let tsquery = terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" & ");
            let p = sql.value(Value::Text(tsquery));
            text.push_str(&format!(
                " join (select organization_id as id, ts_rank(document, to_tsquery('simple', {p})) as rank \
                 from partner_search where document @@ to_tsquery('simple', {p}) order by rank desc limit {MAX_MATCHES}) s \
                 on s.id = o.id"
            ));
        } else {
            let matcher = terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ");
            let p = sql.value(Value::Text(matcher));
            text.push_str(&format!(
                " join (select rowid as id, bm25(partner_search) as rank from partner_search \
                 where partner_search match {p} order by rank limit {MAX_MATCHES}) s on s.id = o.id"
            ));
        }
    }
    text.push_str(&format!(" where o.status in ({})", listed_statuses()));
    let keep = |facet: Facet| skip != Some(facet);
    if keep(Facet::Capability) && !q.capabilities.is_empty() {
        let list = sql.list(q.capabilities.iter().cloned());
        text.push_str(&format!(
            " and exists (select 1 from organization_terms ft where ft.organization_id = o.id \
             and ft.vocabulary = 'capability' and ft.term_key in ({list}))"
        ));
    }
    if keep(Facet::Component) && !q.components.is_empty() {
        let list = sql.list(q.components.iter().cloned());
        text.push_str(&format!(
            " and exists (select 1 from organization_terms ft where ft.organization_id = o.id \
             and ft.vocabulary = 'component' and ft.term_key in ({list}))"
        ));
    }
    if keep(Facet::Country) && !q.countries.is_empty() {
        let list = sql.list(q.countries.iter().map(|c| c.as_str().to_owned()));
        text.push_str(&format!(
            " and exists (select 1 from organization_countries fc where fc.organization_id = o.id and fc.country in ({list}))"
        ));
    }
    if keep(Facet::Region) && !q.regions.is_empty() {
        let list = sql.list(q.regions.iter().map(|r| r.key().to_owned()));
        text.push_str(&format!(
            " and exists (select 1 from organization_countries fr where fr.organization_id = o.id and fr.region in ({list}))"
        ));
    }
    if keep(Facet::OrgType) && !q.org_types.is_empty() {
        let list = sql.list(q.org_types.iter().map(|t| t.key().to_owned()));
        text.push_str(&format!(" and o.org_type in ({list})"));
    }
    if keep(Facet::Joined) && !q.joined_years.is_empty() {
        let list = sql.list(q.joined_years.iter().map(|y| format!("{y:04}")));
        text.push_str(&format!(" and substr(o.joined_on, 1, 4) in ({list})"));
    }
    sql.text.push_str(&text);
}

/// One page of the partners that match, in the order asked for, and how many match in all.
pub async fn search(
    conn: &mut Conn,
    q: &DirectoryQuery,
    offset: i64,
    limit: i64,
) -> Result<(Vec<PartnerCard>, i64), StoreError> {
    let postgres = is_postgres(conn);
    let mut count = Sql::new();
    count.text.push_str("select count(*)");
    from_where(&mut count, q, postgres, None, " from organizations o");
    let total: i64 = count.query().fetch_one(&mut *conn).await?.try_get(0)?;

    let searching = !q.terms().is_empty();
    let order = match q.sort {
        Sort::Default if searching && postgres => "s.rank desc, lower(o.name), o.id",
        Sort::Default if searching => "s.rank, lower(o.name), o.id",
        Sort::Default | Sort::Name => "lower(o.name), o.id",
        Sort::Newest => "o.joined_on desc nulls last, lower(o.name), o.id",
    };
    let mut page = Sql::new();
    page.text.push_str(&format!("select {CARD_COLUMNS}"));
    from_where(
        &mut page,
        q,
        postgres,
        None,
        " from organizations o left join organization_logos l on l.organization_id = o.id",
    );
    let limit_p = page.value(Value::Int(limit));
    let offset_p = page.value(Value::Int(offset));
    page.text.push_str(&format!(" order by {order} limit {limit_p} offset {offset_p}"));
    let rows = page.query().fetch_all(&mut *conn).await?;
    let mut cards = rows.iter().map(card_from_row).collect::<Result<Vec<_>, _>>()?;
    attach_capabilities(conn, &mut cards).await?;
    Ok((cards, total))
}

/// How many of the matching partners each facet value would give.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FacetCounts {
    pub capabilities: Vec<(String, i64)>,
    pub components: Vec<(String, i64)>,
    pub countries: Vec<(String, i64)>,
    pub regions: Vec<(String, i64)>,
    pub org_types: Vec<(String, i64)>,
    pub joined_years: Vec<(String, i64)>,
}

async fn counts(conn: &mut Conn, q: &DirectoryQuery, facet: Facet) -> Result<Vec<(String, i64)>, StoreError> {
    let postgres = is_postgres(conn);
    let (select, from, extra, group) = match facet {
        Facet::Capability | Facet::Component => (
            "select t.term_key as k, count(*) as n",
            " from organization_terms t join organizations o on o.id = t.organization_id",
            if facet == Facet::Capability {
                " and t.vocabulary = 'capability'"
            } else {
                " and t.vocabulary = 'component'"
            },
            " group by t.term_key",
        ),
        Facet::Country => (
            "select c.country as k, count(*) as n",
            " from organization_countries c join organizations o on o.id = c.organization_id",
            "",
            " group by c.country",
        ),
        Facet::Region => (
            "select c.region as k, count(distinct o.id) as n",
            " from organization_countries c join organizations o on o.id = c.organization_id",
            "",
            " group by c.region",
        ),
        Facet::OrgType => {
            ("select o.org_type as k, count(*) as n", " from organizations o", "", " group by o.org_type")
        }
        Facet::Joined => (
            "select substr(o.joined_on, 1, 4) as k, count(*) as n",
            " from organizations o",
            " and o.joined_on is not null",
            " group by substr(o.joined_on, 1, 4)",
        ),
    };
    let mut sql = Sql::new();
    sql.text.push_str(select);
    from_where(&mut sql, q, postgres, Some(facet), from);
    sql.text.push_str(extra);
    sql.text.push_str(group);
    let rows = sql.query().fetch_all(&mut *conn).await?;
    rows.iter().map(|r| Ok((r.try_get("k")?, r.try_get("n")?))).collect()
}

pub async fn facets(conn: &mut Conn, q: &DirectoryQuery) -> Result<FacetCounts, StoreError> {
    Ok(FacetCounts {
        capabilities: counts(conn, q, Facet::Capability).await?,
        components: counts(conn, q, Facet::Component).await?,
        countries: counts(conn, q, Facet::Country).await?,
        regions: counts(conn, q, Facet::Region).await?,
        org_types: counts(conn, q, Facet::OrgType).await?,
        joined_years: counts(conn, q, Facet::Joined).await?,
    })
}

/// Whether some organization is missing from the search index.
pub async fn needs_reindex(conn: &mut Conn) -> Result<bool, StoreError> {
    let indexed: i64 = sqlx::query_scalar("select count(*) from partner_search").fetch_one(&mut *conn).await?;
    let organizations: i64 = sqlx::query_scalar("select count(*) from organizations").fetch_one(&mut *conn).await?;
    Ok(indexed < organizations)
}
