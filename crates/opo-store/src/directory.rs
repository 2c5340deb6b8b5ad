//! The partner directory's data: a full-text index (SQLite FTS5, PostgreSQL `tsvector`) with its
//! ranked matches, and the listed organizations with what the directory filters them by. Filtering,
//! sorting and counting happen in memory (`opo_domain::directory_index`).

use crate::partners::listed_statuses;
use crate::{Conn, StoreError, parse_date};
use opo_domain::countries::country;
use opo_domain::directory_index::{Listed, Matches};
use opo_domain::taxonomy::Vocabulary;
use sqlx::Row;
use std::collections::HashMap;

/// How many matches a search scores at most: a word found everywhere costs no more than this.
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
    // Accents folded here, as the words searched for are (`DirectoryQuery::terms`): PostgreSQL's `simple`
    // configuration keeps them, and `dáta` would find nothing that says `data`.
    let body = opo_domain::text::fold_diacritics(&body.join("\n"));
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
    fill_blank_regions(conn).await?;
    let ids: Vec<i64> = sqlx::query_scalar("select id from organizations").fetch_all(&mut *conn).await?;
    for id in &ids {
        reindex(conn, *id).await?;
    }
    Ok(ids.len())
}

/// What a start does to the index: fills in regions left empty by older versions and indexes the listed
/// organizations missing from it (a database made before the index existed). Organizations still
/// applying are indexed when their page is published; reading them all again at every start would make
/// a start take longer the more applicants there are. Returns how many were indexed.
pub async fn index_missing(conn: &mut Conn) -> Result<usize, StoreError> {
    fill_blank_regions(conn).await?;
    let indexed = if is_postgres(conn) { "s.organization_id" } else { "s.rowid" };
    let ids: Vec<i64> = sqlx::query_scalar(&format!(
        "select o.id from organizations o where o.status in ({}) \
         and not exists (select 1 from partner_search s where {indexed} = o.id)",
        listed_statuses()
    ))
    .fetch_all(&mut *conn)
    .await?;
    for id in &ids {
        reindex(conn, *id).await?;
    }
    Ok(ids.len())
}

async fn fill_blank_regions(conn: &mut Conn) -> Result<(), StoreError> {
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
    Ok(())
}

/// The listed organizations with what the directory filters them by, for
/// [`opo_domain::directory_index::DirectoryIndex`]: three queries however many there are.
pub async fn listed(conn: &mut Conn) -> Result<Vec<Listed>, StoreError> {
    let statuses = listed_statuses();
    let rows =
        sqlx::query(&format!("select id, name, org_type, joined_on from organizations where status in ({statuses})"))
            .fetch_all(&mut *conn)
            .await?;
    let mut by_id: HashMap<i64, Listed> = HashMap::with_capacity(rows.len());
    for row in &rows {
        let joined: Option<String> = row.try_get("joined_on")?;
        let listed = Listed {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            org_type: row.try_get("org_type")?,
            joined_on: joined.as_deref().map(parse_date).transpose()?,
            capabilities: Vec::new(),
            components: Vec::new(),
            countries: Vec::new(),
            regions: Vec::new(),
        };
        by_id.insert(listed.id, listed);
    }
    let terms = sqlx::query(&format!(
        "select t.organization_id, t.vocabulary, t.term_key from organization_terms t \
         join organizations o on o.id = t.organization_id where o.status in ({statuses})"
    ))
    .fetch_all(&mut *conn)
    .await?;
    for row in &terms {
        let Some(listed) = by_id.get_mut(&row.try_get::<i64, _>("organization_id")?) else { continue };
        let vocabulary: String = row.try_get("vocabulary")?;
        match Vocabulary::parse(&vocabulary) {
            Some(Vocabulary::Capability) => listed.capabilities.push(row.try_get("term_key")?),
            Some(Vocabulary::Component) => listed.components.push(row.try_get("term_key")?),
            None => return Err(StoreError::Corrupt(format!("vocabulary {vocabulary:?}"))),
        }
    }
    let countries = sqlx::query(&format!(
        "select c.organization_id, c.country, c.region from organization_countries c \
         join organizations o on o.id = c.organization_id where o.status in ({statuses})"
    ))
    .fetch_all(&mut *conn)
    .await?;
    for row in &countries {
        let Some(listed) = by_id.get_mut(&row.try_get::<i64, _>("organization_id")?) else { continue };
        listed.countries.push(row.try_get("country")?);
        let region: String = row.try_get("region")?;
        if !listed.regions.contains(&region) {
            listed.regions.push(region);
        }
    }
    Ok(by_id.into_values().collect())
}

/// The organizations whose search text holds every word (each as a prefix), with their scores (a
/// lower score ranks first). At most the first [`MAX_MATCHES`] matches in the index's own order are
/// scored: a word found in nearly every partner costs no more than that, and a word found in fewer
/// partners than that (nearly every real search) has all its matches ranked.
pub async fn matches(conn: &mut Conn, terms: &[String]) -> Result<Matches, StoreError> {
    if terms.is_empty() {
        return Ok(Matches::new());
    }
    if !is_postgres(conn) {
        return sqlite_matches(conn, terms).await;
    }
    let tsquery = terms.iter().map(|t| format!("{t}:*")).collect::<Vec<_>>().join(" & ");
    let rows = sqlx::query(&format!(
        "select id, cast(-ts_rank(document, to_tsquery('simple', $1)) as double precision) as score \
         from (select organization_id as id, document from partner_search \
         where document @@ to_tsquery('simple', $1) limit {MAX_MATCHES}) first_matches"
    ))
    .bind(tsquery)
    .fetch_all(&mut *conn)
    .await?;
    rows.iter().map(|row| Ok((row.try_get("id")?, row.try_get("score")?))).collect()
}

/// [`matches`] on SQLite. FTS5 computes `bm25` for every row it returns: without `order by`, for the
/// first rows only. The matches come back as one text of `id score` pairs: sqlx's SQLite driver hands
/// every row from its worker thread to the caller on its own, and for a thousand rows those hand-overs
/// cost more than SQLite spends finding and scoring them.
async fn sqlite_matches(conn: &mut Conn, terms: &[String]) -> Result<Matches, StoreError> {
    let matcher = terms.iter().map(|t| format!("\"{t}\"*")).collect::<Vec<_>>().join(" ");
    let packed: Option<String> = sqlx::query_scalar(&format!(
        "select group_concat(id || ' ' || score, ',') from (select rowid as id, bm25(partner_search) as score \
         from partner_search where partner_search match $1 limit {MAX_MATCHES})"
    ))
    .bind(matcher)
    .fetch_one(&mut *conn)
    .await?;
    unpack_matches(packed.as_deref().unwrap_or_default())
}

/// Reads the `id score` pairs, separated by commas, that [`matches`] packs on SQLite.
fn unpack_matches(packed: &str) -> Result<Matches, StoreError> {
    let corrupt = |pair: &str| StoreError::Corrupt(format!("search match {pair:?}"));
    packed
        .split(',')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (id, score) = pair.split_once(' ').ok_or_else(|| corrupt(pair))?;
            Ok((id.parse().map_err(|_| corrupt(pair))?, score.parse().map_err(|_| corrupt(pair))?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::unpack_matches;

    #[test]
    fn packed_matches_read_back_as_ids_and_scores() {
        let found = unpack_matches("12 -1.52587890625e-05,7 -0.25,3 0.0").expect("well formed");
        assert_eq!(found.len(), 3);
        assert_eq!(found[&12], -1.52587890625e-05);
        assert_eq!(found[&7], -0.25);
        assert_eq!(found[&3], 0.0);
        assert!(unpack_matches("").expect("no match").is_empty());
        for broken in ["12", "x -1.0", "12 minus-one", "12 -1.0,7"] {
            assert!(unpack_matches(broken).is_err(), "{broken:?}");
        }
    }
}
