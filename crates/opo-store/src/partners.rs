//! Partner organizations: their rows, countries, vocabulary terms, links and logos.

use crate::{Conn, StoreError, bind_all, format_date, format_ts, parse_date, placeholders};
use opo_domain::partners::{NewOrganization, PartnerStatus};
use opo_domain::taxonomy::Vocabulary;
use sqlx::Row;
use sqlx::any::AnyRow;
use std::collections::HashMap;
use time::{Date, OffsetDateTime};

/// What the directory and the logo wall show of an organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerCard {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub short_description: String,
    pub org_type: String,
    pub hq_country: Option<String>,
    pub status: PartnerStatus,
    pub featured: bool,
    pub joined_on: Option<Date>,
    /// The first characters of the logo's hash, for cache-busting URLs; `None` without a logo.
    pub logo_version: Option<String>,
    pub capabilities: Vec<String>,
}

/// Everything a public profile shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartnerProfile {
    pub card: PartnerCard,
    pub website: Option<String>,
    pub long_description: String,
    pub status_reason: String,
    pub countries: Vec<String>,
    pub components: Vec<String>,
    pub links: Vec<Link>,
    pub agreement_expires_on: Option<Date>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Link {
    pub kind: String,
    pub url: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Logo {
    pub content_type: String,
    pub data: Vec<u8>,
    pub sha256: String,
    /// A PNG rendering of a vector logo, for places that cannot show SVG (e-mail, some feeds).
    pub fallback_png: Option<Vec<u8>>,
}

pub(crate) const CARD_COLUMNS: &str = "o.id, o.slug, o.name, o.short_description, o.org_type, o.hq_country, o.status, \
     o.featured, o.joined_on, l.sha256 as logo_sha256";

pub(crate) fn listed_statuses() -> String {
    PartnerStatus::listed().map(|s| format!("'{}'", s.key())).collect::<Vec<_>>().join(", ")
}

pub(crate) fn card_from_row(row: &AnyRow) -> Result<PartnerCard, StoreError> {
    let status: String = row.try_get("status")?;
    let joined_on: Option<String> = row.try_get("joined_on")?;
    let logo: Option<String> = row.try_get("logo_sha256")?;
    Ok(PartnerCard {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        short_description: row.try_get("short_description")?,
        org_type: row.try_get("org_type")?,
        hq_country: row.try_get("hq_country")?,
        status: PartnerStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("status {status:?}")))?,
        featured: row.try_get::<i64, _>("featured")? == 1,
        joined_on: joined_on.as_deref().map(parse_date).transpose()?,
        logo_version: logo.map(|sha| sha.chars().take(12).collect()),
        capabilities: Vec::new(),
    })
}

/// Creates an organization and returns its id.
pub async fn insert(
    conn: &mut Conn,
    org: &NewOrganization,
    joined_on: Option<Date>,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    let now = format_ts(now);
    let id: i64 = sqlx::query_scalar(
        "insert into organizations (slug, name, website, short_description, long_description, org_type, \
         hq_country, status, featured, joined_on, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11) returning id",
    )
    .bind(org.slug.as_str())
    .bind(&org.name)
    .bind(org.website.as_ref().map(|w| w.as_str().to_owned()))
    .bind(&org.short_description)
    .bind(&org.long_description)
    .bind(org.org_type.key())
    .bind(org.hq_country.as_ref().map(|c| c.as_str().to_owned()))
    .bind(org.status.key())
    .bind(i64::from(org.featured))
    .bind(joined_on.map(format_date))
    .bind(&now)
    .fetch_one(&mut *conn)
    .await?;
    for country in &org.countries {
        sqlx::query(
            "insert into organization_countries (organization_id, country, region, created_at) values ($1, $2, $3, $4)",
        )
        .bind(id)
        .bind(country.as_str())
        .bind(country.region().key())
        .bind(&now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(id)
}

/// Replaces the organization's terms of one vocabulary.
pub async fn set_terms(
    conn: &mut Conn,
    organization_id: i64,
    vocabulary: Vocabulary,
    keys: &[&str],
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("delete from organization_terms where organization_id = $1 and vocabulary = $2")
        .bind(organization_id)
        .bind(vocabulary.key())
        .execute(&mut *conn)
        .await?;
    let now = format_ts(now);
    for key in keys {
        sqlx::query(
            "insert into organization_terms (organization_id, vocabulary, term_key, created_at) values ($1, $2, $3, $4)",
        )
        .bind(organization_id)
        .bind(vocabulary.key())
        .bind(*key)
        .bind(&now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Appends a link (website of a social network, code host, …) to the organization's profile.
pub async fn add_link(
    conn: &mut Conn,
    organization_id: i64,
    link: &Link,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = format_ts(now);
    sqlx::query(
        "insert into organization_links (organization_id, kind, url, position, created_at, updated_at) \
         values ($1, $2, $3, (select count(*) from organization_links where organization_id = $1), $4, $4)",
    )
    .bind(organization_id)
    .bind(&link.kind)
    .bind(&link.url)
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Stores (or replaces) the organization's logo. The bytes must already be sanitized.
pub async fn set_logo(
    conn: &mut Conn,
    organization_id: i64,
    logo: &Logo,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    let now = format_ts(now);
    sqlx::query("delete from organization_logos where organization_id = $1")
        .bind(organization_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "insert into organization_logos (organization_id, content_type, data, sha256, fallback_png, created_at, \
         updated_at) values ($1, $2, $3, $4, $5, $6, $6)",
    )
    .bind(organization_id)
    .bind(&logo.content_type)
    .bind(&logo.data)
    .bind(&logo.sha256)
    .bind(logo.fallback_png.clone())
    .bind(&now)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// How many organizations there are in any status.
pub async fn count_all(conn: &mut Conn) -> Result<i64, StoreError> {
    Ok(sqlx::query_scalar("select count(*) from organizations").fetch_one(&mut *conn).await?)
}

/// How many organizations the directory lists.
pub async fn count_listed(conn: &mut Conn) -> Result<i64, StoreError> {
    let sql = format!("select count(*) from organizations where status in ({})", listed_statuses());
    Ok(sqlx::query_scalar(&sql).fetch_one(&mut *conn).await?)
}

/// How many distinct countries the listed organizations work in.
pub async fn count_listed_countries(conn: &mut Conn) -> Result<i64, StoreError> {
    let sql = format!(
        "select count(distinct c.country) from organization_countries c \
         join organizations o on o.id = c.organization_id where o.status in ({})",
        listed_statuses()
    );
    Ok(sqlx::query_scalar(&sql).fetch_one(&mut *conn).await?)
}

/// One page of the directory, in name order, each card with its capabilities.
pub async fn list_listed(conn: &mut Conn, offset: i64, limit: i64) -> Result<Vec<PartnerCard>, StoreError> {
    let sql = format!(
        "select {CARD_COLUMNS} from organizations o \
         left join organization_logos l on l.organization_id = o.id \
         where o.status in ({}) order by lower(o.name), o.id limit $1 offset $2",
        listed_statuses()
    );
    let rows = sqlx::query(&sql).bind(limit).bind(offset).fetch_all(&mut *conn).await?;
    let mut cards = rows.iter().map(card_from_row).collect::<Result<Vec<_>, _>>()?;
    attach_capabilities(conn, &mut cards).await?;
    Ok(cards)
}

/// The cards of the organizations with these ids, in the order of `ids` (an unknown id is left out):
/// a page of the directory once its order is known.
pub async fn cards_by_id(conn: &mut Conn, ids: &[i64]) -> Result<Vec<PartnerCard>, StoreError> {
    let mut by_id: HashMap<i64, PartnerCard> = HashMap::with_capacity(ids.len());
    for chunk in ids.chunks(crate::MAX_IN_LIST) {
        let sql = format!(
            "select {CARD_COLUMNS} from organizations o left join organization_logos l on l.organization_id = o.id \
             where o.id in ({})",
            placeholders(1, chunk.len())
        );
        for row in bind_all(sqlx::query(&sql), chunk.iter()).fetch_all(&mut *conn).await? {
            let card = card_from_row(&row)?;
            by_id.insert(card.id, card);
        }
    }
    let mut cards: Vec<PartnerCard> = ids.iter().filter_map(|id| by_id.remove(id)).collect();
    attach_capabilities(conn, &mut cards).await?;
    Ok(cards)
}

/// The logo wall: every listed organization with a logo, featured ones first.
pub async fn logo_wall(conn: &mut Conn) -> Result<Vec<PartnerCard>, StoreError> {
    logo_wall_first(conn, i64::MAX).await
}

/// The first `limit` organizations of the logo wall, in its order (featured ones first), so that a page
/// showing the wall stays the same size however many partners there are.
pub async fn logo_wall_first(conn: &mut Conn, limit: i64) -> Result<Vec<PartnerCard>, StoreError> {
    let sql = format!(
        "select {CARD_COLUMNS} from organizations o \
         join organization_logos l on l.organization_id = o.id \
         where o.status in ({}) order by o.featured desc, lower(o.name), o.id limit $1",
        listed_statuses()
    );
    let rows = sqlx::query(&sql).bind(limit).fetch_all(&mut *conn).await?;
    rows.iter().map(card_from_row).collect()
}

/// Fills each card's capabilities with one query for the whole page (one per chunk of
/// [`crate::MAX_IN_LIST`] cards when every partner is listed at once).
pub(crate) async fn attach_capabilities(conn: &mut Conn, cards: &mut [PartnerCard]) -> Result<(), StoreError> {
    for chunk in cards.chunks_mut(crate::MAX_IN_LIST) {
        let sql = format!(
            "select t.organization_id, t.term_key from organization_terms t \
             join taxonomy_terms tt on tt.vocabulary = t.vocabulary and tt.key = t.term_key \
             where t.vocabulary = $1 and t.organization_id in ({}) order by tt.position",
            placeholders(2, chunk.len())
        );
        let mut query = sqlx::query(&sql).bind(Vocabulary::Capability.key());
        for card in chunk.iter() {
            query = query.bind(card.id);
        }
        let mut by_org: HashMap<i64, Vec<String>> = HashMap::new();
        for row in query.fetch_all(&mut *conn).await? {
            by_org.entry(row.try_get("organization_id")?).or_default().push(row.try_get("term_key")?);
        }
        for card in chunk {
            card.capabilities = by_org.remove(&card.id).unwrap_or_default();
        }
    }
    Ok(())
}

/// The public profile of the organization with this slug, whatever its status.
pub async fn find_profile(conn: &mut Conn, slug: &str) -> Result<Option<PartnerProfile>, StoreError> {
    Ok(find_profiles(conn, &[slug]).await?.pop())
}

/// The profiles of the organizations with these slugs, whatever their status, in the order of `slugs`
/// (an unknown slug is left out): four queries for a whole page of search results, not four per result.
pub async fn find_profiles(conn: &mut Conn, slugs: &[&str]) -> Result<Vec<PartnerProfile>, StoreError> {
    let mut found = Vec::with_capacity(slugs.len());
    for chunk in slugs.chunks(crate::MAX_IN_LIST) {
        found.extend(find_profiles_chunk(conn, chunk).await?);
    }
    Ok(found)
}

async fn find_profiles_chunk(conn: &mut Conn, slugs: &[&str]) -> Result<Vec<PartnerProfile>, StoreError> {
    let sql = format!(
        "select {CARD_COLUMNS}, o.website, o.long_description, o.status_reason, \
         (select max(a.expires_on) from agreements a where a.organization_id = o.id) as agreement_expires_on \
         from organizations o left join organization_logos l on l.organization_id = o.id where o.slug in ({})",
        placeholders(1, slugs.len())
    );
    let mut query = sqlx::query(&sql);
    for slug in slugs {
        query = query.bind(*slug);
    }
    let mut by_slug: HashMap<String, PartnerProfile> = HashMap::new();
    for row in query.fetch_all(&mut *conn).await? {
        let card = card_from_row(&row)?;
        let expires: Option<String> = row.try_get("agreement_expires_on")?;
        let profile = PartnerProfile {
            website: row.try_get("website")?,
            long_description: row.try_get("long_description")?,
            status_reason: row.try_get("status_reason")?,
            countries: Vec::new(),
            components: Vec::new(),
            links: Vec::new(),
            agreement_expires_on: expires.as_deref().map(parse_date).transpose()?,
            card,
        };
        by_slug.insert(profile.card.slug.clone(), profile);
    }
    if by_slug.is_empty() {
        return Ok(Vec::new());
    }
    let slug_of: HashMap<i64, String> = by_slug.values().map(|p| (p.card.id, p.card.slug.clone())).collect();
    let ids = placeholders(1, slug_of.len());
    let bind_ids = |sql: &'static str| -> String { sql.replace("{ids}", &ids) };
    let sql = bind_ids(
        "select t.organization_id, t.vocabulary, t.term_key from organization_terms t \
         join taxonomy_terms tt on tt.vocabulary = t.vocabulary and tt.key = t.term_key \
         where t.organization_id in ({ids}) order by tt.position",
    );
    let rows = bind_all(sqlx::query(&sql), slug_of.keys()).fetch_all(&mut *conn).await?;
    for term in &rows {
        let profile = profile_of(&mut by_slug, &slug_of, term.try_get("organization_id")?)?;
        let vocabulary: String = term.try_get("vocabulary")?;
        let key: String = term.try_get("term_key")?;
        match Vocabulary::parse(&vocabulary) {
            Some(Vocabulary::Capability) => profile.card.capabilities.push(key),
            Some(Vocabulary::Component) => profile.components.push(key),
            None => return Err(StoreError::Corrupt(format!("vocabulary {vocabulary:?}"))),
        }
    }
    let sql = bind_ids(
        "select organization_id, country from organization_countries where organization_id in ({ids}) order by country",
    );
    for row in &bind_all(sqlx::query(&sql), slug_of.keys()).fetch_all(&mut *conn).await? {
        profile_of(&mut by_slug, &slug_of, row.try_get("organization_id")?)?.countries.push(row.try_get("country")?);
    }
    let sql = bind_ids(
        "select organization_id, kind, url from organization_links where organization_id in ({ids}) order by position",
    );
    for row in &bind_all(sqlx::query(&sql), slug_of.keys()).fetch_all(&mut *conn).await? {
        let link = Link { kind: row.try_get("kind")?, url: row.try_get("url")? };
        profile_of(&mut by_slug, &slug_of, row.try_get("organization_id")?)?.links.push(link);
    }
    Ok(slugs.iter().filter_map(|slug| by_slug.remove(*slug)).collect())
}

/// The profile being filled for the organization of a detail row.
fn profile_of<'a>(
    by_slug: &'a mut HashMap<String, PartnerProfile>,
    slug_of: &HashMap<i64, String>,
    id: i64,
) -> Result<&'a mut PartnerProfile, StoreError> {
    slug_of
        .get(&id)
        .and_then(|slug| by_slug.get_mut(slug))
        .ok_or_else(|| StoreError::Corrupt(format!("row for organization {id} not asked for")))
}

/// The logo of the organization with this slug, if it has one and a public profile.
pub async fn find_logo(conn: &mut Conn, slug: &str) -> Result<Option<Logo>, StoreError> {
    let row = sqlx::query(
        "select l.content_type, l.data, l.sha256, l.fallback_png, o.status from organization_logos l \
         join organizations o on o.id = l.organization_id where o.slug = $1",
    )
    .bind(slug)
    .fetch_optional(&mut *conn)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let status: String = row.try_get("status")?;
    if !PartnerStatus::parse(&status).is_some_and(PartnerStatus::has_public_profile) {
        return Ok(None);
    }
    logo_from_row(&row).map(Some)
}

fn logo_from_row(row: &AnyRow) -> Result<Logo, StoreError> {
    Ok(Logo {
        content_type: row.try_get("content_type")?,
        data: row.try_get("data")?,
        sha256: row.try_get("sha256")?,
        fallback_png: row.try_get("fallback_png")?,
    })
}

/// The logo of an organization in any status, for its own portal and the staff.
pub async fn logo_of(conn: &mut Conn, organization_id: i64) -> Result<Option<Logo>, StoreError> {
    sqlx::query("select content_type, data, sha256, fallback_png from organization_logos where organization_id = $1")
        .bind(organization_id)
        .fetch_optional(&mut *conn)
        .await?
        .as_ref()
        .map(logo_from_row)
        .transpose()
}

/// The fields of a profile a partner page sets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileUpdate {
    pub name: String,
    pub website: Option<String>,
    pub short_description: String,
    pub long_description: String,
    pub org_type: Option<String>,
}

pub async fn update_profile(
    conn: &mut Conn,
    organization_id: i64,
    update: &ProfileUpdate,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "update organizations set name = $1, website = $2, short_description = $3, long_description = $4, \
         org_type = coalesce($5, org_type), version = version + 1, updated_at = $6 where id = $7",
    )
    .bind(&update.name)
    .bind(update.website.clone())
    .bind(&update.short_description)
    .bind(&update.long_description)
    .bind(update.org_type.clone())
    .bind(format_ts(now))
    .bind(organization_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Replaces the countries of work.
pub async fn set_countries(
    conn: &mut Conn,
    organization_id: i64,
    countries: &[opo_domain::countries::CountryCode],
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("delete from organization_countries where organization_id = $1")
        .bind(organization_id)
        .execute(&mut *conn)
        .await?;
    let now = format_ts(now);
    for country in countries {
        sqlx::query(
            "insert into organization_countries (organization_id, country, region, created_at) values ($1, $2, $3, $4)",
        )
        .bind(organization_id)
        .bind(country.as_str())
        .bind(country.region().key())
        .bind(&now)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Removes every link, before a new list is added.
pub async fn clear_links(conn: &mut Conn, organization_id: i64) -> Result<(), StoreError> {
    sqlx::query("delete from organization_links where organization_id = $1")
        .bind(organization_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Sets the day the organization joined (when its partnership was announced).
pub async fn set_joined_on(conn: &mut Conn, organization_id: i64, joined_on: Date) -> Result<(), StoreError> {
    sqlx::query("update organizations set joined_on = $1 where id = $2")
        .bind(format_date(joined_on))
        .bind(organization_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The id, slug, name and status of an organization, in any status.
pub type Identity = (i64, String, String, PartnerStatus);

const IDENTITY: &str = "select id, slug, name, status from organizations";

fn identity_from(row: Option<AnyRow>) -> Result<Option<Identity>, StoreError> {
    let Some(row) = row else { return Ok(None) };
    let status: String = row.try_get("status")?;
    let status = PartnerStatus::parse(&status).ok_or_else(|| StoreError::Corrupt(format!("status {status:?}")))?;
    Ok(Some((row.try_get("id")?, row.try_get("slug")?, row.try_get("name")?, status)))
}

/// The identity of the organization with this slug.
pub async fn identity(conn: &mut Conn, slug: &str) -> Result<Option<Identity>, StoreError> {
    identity_from(sqlx::query(&format!("{IDENTITY} where slug = $1")).bind(slug).fetch_optional(&mut *conn).await?)
}

/// The identity of the organization with this id.
pub async fn identity_of(conn: &mut Conn, id: i64) -> Result<Option<Identity>, StoreError> {
    identity_from(sqlx::query(&format!("{IDENTITY} where id = $1")).bind(id).fetch_optional(&mut *conn).await?)
}

/// The id of the organization with this slug, in any status.
pub async fn id_by_slug(conn: &mut Conn, slug: &str) -> Result<Option<i64>, StoreError> {
    Ok(sqlx::query_scalar("select id from organizations where slug = $1").bind(slug).fetch_optional(&mut *conn).await?)
}

/// A person at an organization, as an import or the demo data names them. At most one per organization
/// is its mail point of contact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewContact {
    pub name: String,
    pub email: String,
    pub title: String,
    pub is_mail_poc: bool,
}

/// Makes the person with this address a contact of the organization, with an account of their own (a
/// new partner contact's account, without any message, when the address has none). The first contact
/// of an organization is its primary contact. Returns the account's id.
pub async fn add_contact(
    conn: &mut Conn,
    organization_id: i64,
    contact: &NewContact,
    now: OffsetDateTime,
) -> Result<i64, StoreError> {
    let user_id = match crate::accounts::find_by_address(conn, &contact.email).await? {
        Some(user) => user.id,
        None => {
            let email = opo_domain::text::EmailAddress::parse(&contact.email)
                .map_err(|e| StoreError::Corrupt(format!("contact address {:?}: {e}", contact.email)))?;
            let role = opo_domain::accounts::Role::PartnerContact;
            crate::accounts::insert(conn, &email, &contact.name, role, Some(organization_id), now).await?
        }
    };
    let existing = crate::contacts::of_organization(conn, organization_id).await?;
    let mut roles = existing.iter().find(|c| c.user_id == user_id).map(|c| c.roles).unwrap_or_default();
    roles.primary |= existing.iter().all(|c| !c.roles.primary);
    roles.mail_poc |= contact.is_mail_poc;
    let title = if contact.title.is_empty() {
        existing.iter().find(|c| c.user_id == user_id).map(|c| c.title.clone()).unwrap_or_default()
    } else {
        contact.title.clone()
    };
    crate::contacts::put(conn, organization_id, user_id, &title, roles, now).await?;
    Ok(user_id)
}

/// Changes where a partnership stands, with the reason shown on its profile.
pub async fn set_status(
    conn: &mut Conn,
    organization_id: i64,
    status: PartnerStatus,
    reason: &str,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query(
        "update organizations set status = $1, status_reason = $2, version = version + 1, updated_at = $3 where id = $4",
    )
    .bind(status.key())
    .bind(reason)
    .bind(format_ts(now))
    .bind(organization_id)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// What the public registry interfaces (FHIR, open data) publish of an organization.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicRecord {
    pub card: PartnerCard,
    pub website: Option<String>,
    pub countries: Vec<String>,
    pub components: Vec<String>,
    pub updated_at: OffsetDateTime,
}

/// Every organization with a public profile (listed or lapsed), in name order, with one query for
/// the organizations, one for their countries and one for their capabilities.
pub async fn public_records(conn: &mut Conn) -> Result<Vec<PublicRecord>, StoreError> {
    let visible: Vec<String> =
        PartnerStatus::ALL.iter().filter(|s| s.has_public_profile()).map(|s| format!("'{}'", s.key())).collect();
    let sql = format!(
        "select {CARD_COLUMNS}, o.website, o.updated_at from organizations o \
         left join organization_logos l on l.organization_id = o.id \
         where o.status in ({}) order by lower(o.name), o.id",
        visible.join(", ")
    );
    let rows = sqlx::query(&sql).fetch_all(&mut *conn).await?;
    let mut records = Vec::with_capacity(rows.len());
    for row in &rows {
        let updated: String = row.try_get("updated_at")?;
        records.push(PublicRecord {
            card: card_from_row(row)?,
            website: row.try_get("website")?,
            countries: Vec::new(),
            components: Vec::new(),
            updated_at: crate::parse_ts(&updated)?,
        });
    }
    let mut cards: Vec<PartnerCard> = records.iter().map(|r| r.card.clone()).collect();
    attach_capabilities(conn, &mut cards).await?;
    let countries = sqlx::query("select organization_id, country from organization_countries order by country")
        .fetch_all(&mut *conn)
        .await?;
    let mut by_org: HashMap<i64, Vec<String>> = HashMap::new();
    for row in countries {
        by_org.entry(row.try_get("organization_id")?).or_default().push(row.try_get("country")?);
    }
    let components = sqlx::query(
        "select t.organization_id, t.term_key from organization_terms t join taxonomy_terms tt \
         on tt.vocabulary = t.vocabulary and tt.key = t.term_key where t.vocabulary = 'component' order by tt.position",
    )
    .fetch_all(&mut *conn)
    .await?;
    let mut components_by_org: HashMap<i64, Vec<String>> = HashMap::new();
    for row in components {
        components_by_org.entry(row.try_get("organization_id")?).or_default().push(row.try_get("term_key")?);
    }
    for (record, card) in records.iter_mut().zip(cards) {
        record.countries = by_org.remove(&card.id).unwrap_or_default();
        record.components = components_by_org.remove(&card.id).unwrap_or_default();
        record.card = card;
    }
    Ok(records)
}

/// Another organization that an organization named `name` (slug `slug`, website host `host`) may be:
/// the same name whatever the letter case, the same slug, or a website on the same host. Partners come
/// before applicants.
pub async fn resembling(
    conn: &mut Conn,
    name: &str,
    slug: &str,
    host: Option<&str>,
) -> Result<Option<i64>, StoreError> {
    let host = host.map(|h| h.trim_start_matches("www.").to_ascii_lowercase()).unwrap_or_default();
    let rows = sqlx::query(
        "select id, name, slug, website from organizations \
         where lower(name) = lower($1) or slug = $2 or ($3 <> '' and lower(website) like '%' || $3 || '%') \
         order by case when status = 'prospect' then 1 else 0 end, id",
    )
    .bind(name.trim())
    .bind(slug)
    .bind(&host)
    .fetch_all(&mut *conn)
    .await?;
    for row in rows {
        let (found_name, found_slug): (String, String) = (row.try_get("name")?, row.try_get("slug")?);
        let website: Option<String> = row.try_get("website")?;
        // The `like` only narrows the search: a host must match whole, not as part of another.
        let same_host = !host.is_empty()
            && website
                .as_deref()
                .and_then(|w| opo_domain::text::WebUrl::parse(w).ok())
                .is_some_and(|url| url.host().trim_start_matches("www.").eq_ignore_ascii_case(&host));
        if same_host || found_slug == slug || found_name.trim().to_lowercase() == name.trim().to_lowercase() {
            return Ok(Some(row.try_get("id")?));
        }
    }
    Ok(None)
}

/// `slug` if no organization has it, else the first of `slug-2`, `slug-3`, … that is free.
pub async fn free_slug(conn: &mut Conn, slug: &str) -> Result<String, StoreError> {
    if id_by_slug(conn, slug).await?.is_none() {
        return Ok(slug.to_owned());
    }
    for n in 2.. {
        let suffix = format!("-{n}");
        let base: String = slug.chars().take(80 - suffix.len()).collect();
        let candidate = format!("{}{suffix}", base.trim_end_matches('-'));
        if id_by_slug(conn, &candidate).await?.is_none() {
            return Ok(candidate);
        }
    }
    unreachable!("the integers do not run out")
}

/// Marks (or clears) the existing organization this one may be the same as.
pub async fn set_resembles(
    conn: &mut Conn,
    organization_id: i64,
    resembles: Option<i64>,
    now: OffsetDateTime,
) -> Result<(), StoreError> {
    sqlx::query("update organizations set resembles_organization_id = $1, updated_at = $2 where id = $3")
        .bind(resembles)
        .bind(format_ts(now))
        .bind(organization_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Deletes an organization and what hangs on it (after a merge moved what was worth keeping).
pub async fn delete(conn: &mut Conn, organization_id: i64) -> Result<(), StoreError> {
    sqlx::query("update organizations set resembles_organization_id = null where resembles_organization_id = $1")
        .bind(organization_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query("delete from organizations where id = $1").bind(organization_id).execute(&mut *conn).await?;
    Ok(())
}
