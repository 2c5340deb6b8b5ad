//! Showcase posts and the partners and countries they are tagged with.

use crate::{Conn, StoreError, format_ts, parse_ts};
use opo_domain::posts::{PostKind, PostStatus};
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;
use time::OffsetDateTime;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPost {
    pub slug: String,
    pub kind: PostKind,
    pub status: PostStatus,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub event_starts_at: Option<OffsetDateTime>,
    pub event_timezone: Option<String>,
    pub join_url: Option<String>,
    pub published_at: Option<OffsetDateTime>,
}

/// What a list of posts shows of each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PostCard {
    pub id: i64,
    pub slug: String,
    pub kind: PostKind,
    pub title: String,
    pub summary: String,
    pub published_at: OffsetDateTime,
    pub event_starts_at: Option<OffsetDateTime>,
}

pub async fn insert(conn: &mut Conn, post: &NewPost, now: OffsetDateTime) -> Result<i64, StoreError> {
    let now = format_ts(now);
    Ok(sqlx::query_scalar(
        "insert into posts (slug, kind, status, title, summary, body, event_starts_at, event_timezone, join_url, \
         published_at, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) returning id",
    )
    .bind(&post.slug)
    .bind(post.kind.key())
    .bind(post.status.key())
    .bind(&post.title)
    .bind(&post.summary)
    .bind(&post.body)
    .bind(post.event_starts_at.map(format_ts))
    .bind(post.event_timezone.clone())
    .bind(post.join_url.clone())
    .bind(post.published_at.map(format_ts))
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?)
}

pub async fn tag_partner(
    conn: &mut Conn,
    post_id: i64,
    organization_id: i64,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("insert into post_partners (post_id, organization_id, created_at) values ($1, $2, $3)")
        .bind(post_id)
        .bind(organization_id)
        .bind(format_ts(now))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn tag_country(conn: &mut Conn, post_id: i64, country: &str, now: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query("insert into post_countries (post_id, country, created_at) values ($1, $2, $3)")
        .bind(post_id)
        .bind(country)
        .bind(format_ts(now))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

const CARD_COLUMNS: &str = "p.id, p.slug, p.kind, p.title, p.summary, p.published_at, p.event_starts_at";

fn card_from_row(row: &AnyRow) -> Result<PostCard, StoreError> {
    let kind: String = row.try_get("kind")?;
    let published: String = row.try_get("published_at")?;
    let event: Option<String> = row.try_get("event_starts_at")?;
    Ok(PostCard {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        kind: PostKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("post kind {kind:?}")))?,
        title: row.try_get("title")?,
        summary: row.try_get("summary")?,
        published_at: parse_ts(&published)?,
        event_starts_at: event.as_deref().map(parse_ts).transpose()?,
    })
}

/// The newest published posts (not webinars), up to `now`.
pub async fn latest_published(conn: &mut Conn, now: OffsetDateTime, limit: i64) -> Result<Vec<PostCard>, StoreError> {
    let sql = format!(
        "select {CARD_COLUMNS} from posts p where p.status = $1 and p.published_at <= $2 and p.kind <> $3 \
         order by p.published_at desc, p.id desc limit $4"
    );
    sqlx::query(&sql)
        .bind(PostStatus::Published.key())
        .bind(format_ts(now))
        .bind(PostKind::Webinar.key())
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(card_from_row)
        .collect()
}

/// Published webinars that have not started yet, soonest first.
pub async fn upcoming_webinars(conn: &mut Conn, now: OffsetDateTime, limit: i64) -> Result<Vec<PostCard>, StoreError> {
    let sql = format!(
        "select {CARD_COLUMNS} from posts p where p.status = $1 and p.kind = $2 and p.event_starts_at >= $3 \
         order by p.event_starts_at, p.id limit $4"
    );
    sqlx::query(&sql)
        .bind(PostStatus::Published.key())
        .bind(PostKind::Webinar.key())
        .bind(format_ts(now))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(card_from_row)
        .collect()
}

/// The newest published posts tagged with one partner.
pub async fn for_partner(
    conn: &mut Conn,
    organization_id: i64,
    now: OffsetDateTime,
    limit: i64,
) -> Result<Vec<PostCard>, StoreError> {
    let sql = format!(
        "select {CARD_COLUMNS} from posts p join post_partners pp on pp.post_id = p.id \
         where pp.organization_id = $1 and p.status = $2 and p.published_at <= $3 \
         order by p.published_at desc, p.id desc limit $4"
    );
    sqlx::query(&sql)
        .bind(organization_id)
        .bind(PostStatus::Published.key())
        .bind(format_ts(now))
        .bind(limit)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(card_from_row)
        .collect()
}

/// A whole post, as its own page shows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub card: PostCard,
    pub body: String,
    pub event_timezone: Option<String>,
    pub join_url: Option<String>,
    /// (slug, name) of each partner the post is about.
    pub partners: Vec<(String, String)>,
}

/// The published post with this slug, if it is public at `now`.
pub async fn find_published(conn: &mut Conn, slug: &str, now: OffsetDateTime) -> Result<Option<Post>, StoreError> {
    let sql = format!(
        "select {CARD_COLUMNS}, p.body, p.event_timezone, p.join_url from posts p \
         where p.slug = $1 and p.status = $2 and p.published_at <= $3"
    );
    let row = sqlx::query(&sql)
        .bind(slug)
        .bind(PostStatus::Published.key())
        .bind(format_ts(now))
        .fetch_optional(&mut *conn)
        .await?;
    let Some(row) = row else { return Ok(None) };
    let card = card_from_row(&row)?;
    let partners = sqlx::query(
        "select o.slug, o.name from post_partners pp join organizations o on o.id = pp.organization_id \
         where pp.post_id = $1 order by lower(o.name)",
    )
    .bind(card.id)
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok((r.try_get("slug")?, r.try_get("name")?)))
    .collect::<Result<Vec<_>, StoreError>>()?;
    Ok(Some(Post {
        card,
        body: row.try_get("body")?,
        event_timezone: row.try_get("event_timezone")?,
        join_url: row.try_get("join_url")?,
        partners,
    }))
}

/// Which published posts a list or a feed holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PostFilter {
    pub kind: Option<PostKind>,
    pub organization_id: Option<i64>,
}

/// Published posts, newest first, whole, for feeds and the news list.
pub async fn published(
    conn: &mut Conn,
    filter: &PostFilter,
    now: OffsetDateTime,
    offset: i64,
    limit: i64,
) -> Result<Vec<Post>, StoreError> {
    let sql = format!(
        "select {CARD_COLUMNS}, p.body, p.event_timezone, p.join_url from posts p \
         where p.status = $1 and p.published_at <= $2 and ($3 = '' or p.kind = $3) \
         and ($4 = 0 or exists (select 1 from post_partners pp where pp.post_id = p.id and pp.organization_id = $4)) \
         order by p.published_at desc, p.id desc limit $5 offset $6"
    );
    let rows = sqlx::query(&sql)
        .bind(PostStatus::Published.key())
        .bind(format_ts(now))
        .bind(filter.kind.map_or("", PostKind::key))
        .bind(filter.organization_id.unwrap_or(0))
        .bind(limit)
        .bind(offset)
        .fetch_all(&mut *conn)
        .await?;
    let mut posts = Vec::with_capacity(rows.len());
    for row in &rows {
        posts.push(Post {
            card: card_from_row(row)?,
            body: row.try_get("body")?,
            event_timezone: row.try_get("event_timezone")?,
            join_url: row.try_get("join_url")?,
            partners: Vec::new(),
        });
    }
    attach_partners(conn, &mut posts).await?;
    Ok(posts)
}

/// How many published posts match.
pub async fn count_published(conn: &mut Conn, filter: &PostFilter, now: OffsetDateTime) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar(
        "select count(*) from posts p where p.status = $1 and p.published_at <= $2 and ($3 = '' or p.kind = $3) \
         and ($4 = 0 or exists (select 1 from post_partners pp where pp.post_id = p.id and pp.organization_id = $4))",
    )
    .bind(PostStatus::Published.key())
    .bind(format_ts(now))
    .bind(filter.kind.map_or("", PostKind::key))
    .bind(filter.organization_id.unwrap_or(0))
    .fetch_one(&mut *conn)
    .await?)
}

/// Fills each post's partners with one query per chunk of [`crate::MAX_IN_LIST`] posts (a single query
/// for a page), so that listing every post at once stays within the database's limit on variables.
async fn attach_partners(conn: &mut Conn, posts: &mut [Post]) -> Result<(), StoreError> {
    for chunk in posts.chunks_mut(crate::MAX_IN_LIST) {
        let sql = format!(
            "select pp.post_id, o.slug, o.name from post_partners pp join organizations o on o.id = pp.organization_id \
             where pp.post_id in ({}) order by lower(o.name)",
            crate::placeholders(1, chunk.len())
        );
        let mut query = sqlx::query(&sql);
        for post in chunk.iter() {
            query = query.bind(post.card.id);
        }
        let rows = query.fetch_all(&mut *conn).await?;
        let index: HashMap<i64, usize> = chunk.iter().enumerate().map(|(i, p)| (p.card.id, i)).collect();
        for row in rows {
            let post_id: i64 = row.try_get("post_id")?;
            if let Some(&i) = index.get(&post_id) {
                chunk[i].partners.push((row.try_get("slug")?, row.try_get("name")?));
            }
        }
    }
    Ok(())
}

/// Every published webinar, by start time, for the events calendar.
pub async fn webinars(conn: &mut Conn, now: OffsetDateTime) -> Result<Vec<Post>, StoreError> {
    let filter = PostFilter { kind: Some(PostKind::Webinar), organization_id: None };
    let mut all = published(conn, &filter, now, 0, 500).await?;
    all.sort_by_key(|p| p.card.event_starts_at);
    Ok(all)
}

/// A post in any status, for the people who write and publish it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Draft {
    pub id: i64,
    pub slug: String,
    pub kind: PostKind,
    pub status: PostStatus,
    pub title: String,
    pub summary: String,
    pub body: String,
    pub event_starts_at: Option<OffsetDateTime>,
    pub join_url: Option<String>,
    pub published_at: Option<OffsetDateTime>,
    /// The organization that wrote it, for a partner's own post.
    pub organization_id: Option<i64>,
    pub updated_at: OffsetDateTime,
    /// (id, slug, name) of each partner it features.
    pub partners: Vec<(i64, String, String)>,
}

const DRAFT_COLUMNS: &str = "p.id, p.slug, p.kind, p.status, p.title, p.summary, p.body, p.event_starts_at, p.join_url, \
     p.published_at, p.organization_id, p.updated_at";

fn draft_from_row(row: &AnyRow) -> Result<Draft, StoreError> {
    let kind: String = row.try_get("kind")?;
    let status: String = row.try_get("status")?;
    let event: Option<String> = row.try_get("event_starts_at")?;
    let published: Option<String> = row.try_get("published_at")?;
    let updated: String = row.try_get("updated_at")?;
    Ok(Draft {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        kind: PostKind::parse(&kind).ok_or_else(|| StoreError::Corrupt(format!("post kind {kind:?}")))?,
        status: PostStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("post status {status:?}")))?,
        title: row.try_get("title")?,
        summary: row.try_get("summary")?,
        body: row.try_get("body")?,
        event_starts_at: event.as_deref().map(parse_ts).transpose()?,
        join_url: row.try_get("join_url")?,
        published_at: published.as_deref().map(parse_ts).transpose()?,
        organization_id: row.try_get("organization_id")?,
        updated_at: parse_ts(&updated)?,
        partners: Vec::new(),
    })
}

async fn drafts_where(conn: &mut Conn, condition: &str, value: Option<i64>) -> Result<Vec<Draft>, StoreError> {
    let sql = format!("select {DRAFT_COLUMNS} from posts p where {condition} order by p.updated_at desc, p.id desc");
    let mut query = sqlx::query(&sql);
    if let Some(value) = value {
        query = query.bind(value);
    }
    let mut drafts = query.fetch_all(&mut *conn).await?.iter().map(draft_from_row).collect::<Result<Vec<_>, _>>()?;
    for draft in &mut drafts {
        draft.partners = sqlx::query(
            "select o.id, o.slug, o.name from post_partners pp join organizations o on o.id = pp.organization_id \
             where pp.post_id = $1 order by lower(o.name)",
        )
        .bind(draft.id)
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("slug")?, r.try_get("name")?)))
        .collect::<Result<Vec<_>, StoreError>>()?;
    }
    Ok(drafts)
}

/// One post in any status.
pub async fn find_draft(conn: &mut Conn, id: i64) -> Result<Option<Draft>, StoreError> {
    Ok(drafts_where(conn, "p.id = $1", Some(id)).await?.into_iter().next())
}

/// Every post, most recently changed first.
pub async fn all_drafts(conn: &mut Conn) -> Result<Vec<Draft>, StoreError> {
    drafts_where(conn, "1 = 1", None).await
}

/// The posts an organization wrote or is featured in.
pub async fn drafts_of(conn: &mut Conn, organization_id: i64) -> Result<Vec<Draft>, StoreError> {
    drafts_where(
        conn,
        "(p.organization_id = $1 or exists (select 1 from post_partners pp where pp.post_id = p.id and pp.organization_id = $1))",
        Some(organization_id),
    )
    .await
}

/// Records which organization wrote a post.
pub async fn set_author_organization(conn: &mut Conn, id: i64, organization_id: i64) -> Result<(), StoreError> {
    sqlx::query("update posts set organization_id = $1 where id = $2")
        .bind(organization_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Whether a slug is taken by another post.
pub async fn slug_taken(conn: &mut Conn, slug: &str) -> Result<bool, StoreError> {
    let n: i64 =
        sqlx::query_scalar("select count(*) from posts where slug = $1").bind(slug).fetch_one(&mut *conn).await?;
    Ok(n > 0)
}

/// Replaces a post's content.
pub async fn update_content(conn: &mut Conn, id: i64, post: &NewPost, now: OffsetDateTime) -> Result<(), StoreError> {
    sqlx::query(
        "update posts set kind = $1, title = $2, summary = $3, body = $4, event_starts_at = $5, event_timezone = $6, \
         join_url = $7, version = version + 1, updated_at = $8 where id = $9",
    )
    .bind(post.kind.key())
    .bind(&post.title)
    .bind(&post.summary)
    .bind(&post.body)
    .bind(post.event_starts_at.map(format_ts))
    .bind(post.event_timezone.clone())
    .bind(post.join_url.clone())
    .bind(format_ts(now))
    .bind(id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Publishes or withdraws a post.
pub async fn set_status(
    conn: &mut Conn,
    id: i64,
    status: PostStatus,
    published_at: Option<OffsetDateTime>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("update posts set status = $1, published_at = $2, updated_at = $3 where id = $4")
        .bind(status.key())
        .bind(published_at.map(format_ts))
        .bind(format_ts(now))
        .bind(id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
