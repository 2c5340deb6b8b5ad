//! Showcase posts and the partners and countries they are tagged with.

use crate::{Conn, StoreError, format_ts, parse_ts};
use opo_domain::posts::{PostKind, PostStatus};
use sqlx::Row;
use sqlx::any::AnyRow;
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

/// Fills each post's partners with one query for all of them.
async fn attach_partners(conn: &mut Conn, posts: &mut [Post]) -> Result<(), StoreError> {
    if posts.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "select pp.post_id, o.slug, o.name from post_partners pp join organizations o on o.id = pp.organization_id \
         where pp.post_id in ({}) order by lower(o.name)",
        crate::placeholders(1, posts.len())
    );
    let mut query = sqlx::query(&sql);
    for post in posts.iter() {
        query = query.bind(post.card.id);
    }
    let rows = query.fetch_all(&mut *conn).await?;
    for row in rows {
        let post_id: i64 = row.try_get("post_id")?;
        if let Some(post) = posts.iter_mut().find(|p| p.card.id == post_id) {
            post.partners.push((row.try_get("slug")?, row.try_get("name")?));
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
