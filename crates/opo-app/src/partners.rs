//! Reading the partner directory: its pages, profiles and logos.

use crate::{App, AppError};
use opo_domain::countries::{Country, country};
use opo_domain::partners::{OrgType, PartnerStatus};
use opo_domain::taxonomy::{Term, Vocabulary};
pub use opo_store::partners::Logo;
use opo_store::partners::{self as store, Link, PartnerCard};
use opo_store::posts::{self as post_store, PostCard};
use opo_store::{Conn, taxonomy};
use time::Date;

/// How many partners one directory page shows.
pub const PER_PAGE: u32 = 24;

/// A partner as a directory card or a logo on the wall.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    pub slug: String,
    pub name: String,
    pub short_description: String,
    pub org_type: Option<OrgType>,
    pub hq_country: Option<&'static Country>,
    pub status: PartnerStatus,
    pub featured: bool,
    pub joined_on: Option<Date>,
    pub logo_version: Option<String>,
    pub capabilities: Vec<Term>,
}

/// One page of the directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DirectoryPage {
    pub cards: Vec<Card>,
    pub page: u32,
    pub pages: u32,
    pub total: i64,
}

/// A partner's public profile.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Profile {
    pub card: Card,
    pub website: Option<String>,
    pub long_description: String,
    pub status_reason: String,
    pub countries: Vec<&'static Country>,
    pub components: Vec<Term>,
    pub links: Vec<Link>,
    pub agreement_expires_on: Option<Date>,
    pub posts: Vec<PostCard>,
    pub activities: Vec<opo_store::activities::Activity>,
}

/// Resolves vocabulary keys to the terms as configured; unknown keys keep their key as label.
#[derive(Debug)]
pub(crate) struct Vocabularies {
    capabilities: Vec<Term>,
    components: Vec<Term>,
}

impl Vocabularies {
    pub(crate) async fn load(conn: &mut Conn) -> Result<Self, AppError> {
        Ok(Self {
            capabilities: taxonomy::list(conn, Vocabulary::Capability).await?,
            components: taxonomy::list(conn, Vocabulary::Component).await?,
        })
    }

    fn resolve(&self, vocabulary: Vocabulary, keys: &[String]) -> Vec<Term> {
        let terms = match vocabulary {
            Vocabulary::Capability => &self.capabilities,
            Vocabulary::Component => &self.components,
        };
        keys.iter()
            .map(|key| {
                terms.iter().find(|t| &t.key == key).cloned().unwrap_or_else(|| Term {
                    vocabulary,
                    key: key.clone(),
                    label: key.clone(),
                    description: String::new(),
                })
            })
            .collect()
    }

    pub(crate) fn card(&self, card: PartnerCard) -> Card {
        Card {
            capabilities: self.resolve(Vocabulary::Capability, &card.capabilities),
            org_type: OrgType::parse(&card.org_type),
            hq_country: card.hq_country.as_deref().and_then(country),
            slug: card.slug,
            name: card.name,
            short_description: card.short_description,
            status: card.status,
            featured: card.featured,
            joined_on: card.joined_on,
            logo_version: card.logo_version,
        }
    }
}

/// Page `page` (counted from 1) of the directory of listed partners.
pub async fn directory(app: &App, page: u32) -> Result<DirectoryPage, AppError> {
    if page == 0 {
        return Err(AppError::invalid("page", "pages are counted from 1"));
    }
    let mut conn = app.db.read().await?;
    let total = store::count_listed(&mut conn).await?;
    let pages = u32::try_from(total.div_euclid(i64::from(PER_PAGE)) + i64::from(total % i64::from(PER_PAGE) != 0))
        .unwrap_or(u32::MAX)
        .max(1);
    if page > pages {
        return Err(AppError::NotFound("directory page"));
    }
    let offset = i64::from(page - 1) * i64::from(PER_PAGE);
    let cards = store::list_listed(&mut conn, offset, i64::from(PER_PAGE)).await?;
    let vocabularies = Vocabularies::load(&mut conn).await?;
    Ok(DirectoryPage { cards: cards.into_iter().map(|c| vocabularies.card(c)).collect(), page, pages, total })
}

/// The public profile of a partner. Organizations still applying, or that withdrew, have none.
pub async fn profile(app: &App, slug: &str) -> Result<Profile, AppError> {
    let mut conn = app.db.read().await?;
    let found = store::find_profile(&mut conn, slug).await?;
    let Some(found) = found.filter(|p| p.card.status.has_public_profile()) else {
        return Err(AppError::NotFound("partner"));
    };
    let vocabularies = Vocabularies::load(&mut conn).await?;
    let posts = post_store::for_partner(&mut conn, found.card.id, app.clock.now(), 10).await?;
    let activities = opo_store::activities::for_organization(&mut conn, found.card.id).await?;
    Ok(Profile {
        components: vocabularies.resolve(Vocabulary::Component, &found.components),
        card: vocabularies.card(found.card),
        website: found.website,
        long_description: found.long_description,
        status_reason: found.status_reason,
        countries: found.countries.iter().filter_map(|c| country(c)).collect(),
        links: found.links,
        agreement_expires_on: found.agreement_expires_on,
        posts,
        activities,
    })
}

/// The public profiles of the partners with these slugs, in that order, without their news and
/// activities (left empty): the details of a page of search results. A slug without a public profile
/// is left out.
pub async fn profiles(app: &App, slugs: &[&str]) -> Result<Vec<Profile>, AppError> {
    let mut conn = app.db.read().await?;
    let vocabularies = Vocabularies::load(&mut conn).await?;
    let found = store::find_profiles(&mut conn, slugs).await?;
    let mut profiles = Vec::with_capacity(found.len());
    for found in found.into_iter().filter(|p| p.card.status.has_public_profile()) {
        profiles.push(Profile {
            components: vocabularies.resolve(Vocabulary::Component, &found.components),
            card: vocabularies.card(found.card),
            website: found.website,
            long_description: found.long_description,
            status_reason: found.status_reason,
            countries: found.countries.iter().filter_map(|c| country(c)).collect(),
            links: found.links,
            agreement_expires_on: found.agreement_expires_on,
            posts: Vec::new(),
            activities: Vec::new(),
        });
    }
    Ok(profiles)
}

/// The stored (already sanitized) logo of a partner with a public profile.
pub async fn logo(app: &App, slug: &str) -> Result<Logo, AppError> {
    let mut conn = app.db.read().await?;
    store::find_logo(&mut conn, slug).await?.ok_or(AppError::NotFound("logo"))
}

/// An organization's record as its own contacts and the staff see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    pub id: i64,
    pub card: Card,
    pub contacts: Vec<opo_store::contacts::Contact>,
    pub agreement: Option<opo_store::agreements::SignatureSummary>,
    pub application: Option<(opo_domain::applications::Stage, time::OffsetDateTime)>,
}

/// The record of the organization with this slug, in any status. Who may see it is the caller's
/// question (the policy's `ViewOrganizationRecord`).
pub async fn record(app: &App, slug: &str) -> Result<Record, AppError> {
    let mut conn = app.db.read().await?;
    let found = store::find_profile(&mut conn, slug).await?.ok_or(AppError::NotFound("organization"))?;
    let id = found.card.id;
    let vocabularies = Vocabularies::load(&mut conn).await?;
    Ok(Record {
        id,
        card: vocabularies.card(found.card),
        contacts: opo_store::contacts::of_organization(&mut conn, id).await?,
        agreement: opo_store::agreements::latest_for(&mut conn, id).await?,
        application: opo_store::applications::latest_for(&mut conn, id).await?,
    })
}

/// The directory's answer to a query: one page of partners, the counts behind every facet value, and
/// the vocabularies to label them with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    pub cards: Vec<Card>,
    pub total: i64,
    pub pages: u32,
    pub facets: opo_domain::directory_index::FacetCounts,
    pub capabilities: Vec<Term>,
    pub components: Vec<Term>,
}

/// Searches and filters the directory, [`PER_PAGE`] partners a page.
pub async fn search(app: &App, query: &opo_domain::directory::DirectoryQuery) -> Result<Search, AppError> {
    search_paged(app, query, PER_PAGE).await
}

/// The most partners one page of a search may hold when the caller chooses the size (the REST API).
pub const MAX_PER_PAGE: u32 = 100;

/// Searches and filters the directory, `per_page` partners a page (1 to [`MAX_PER_PAGE`]).
pub async fn search_paged(
    app: &App,
    query: &opo_domain::directory::DirectoryQuery,
    per_page: u32,
) -> Result<Search, AppError> {
    if !(1..=MAX_PER_PAGE).contains(&per_page) {
        return Err(AppError::invalid("per_page", format!("a page holds 1 to {MAX_PER_PAGE} partners")));
    }
    let mut conn = app.db.read().await?;
    let directory = crate::directory::current(app, &mut conn).await?;
    let terms = query.terms();
    let matches = if terms.is_empty() { None } else { Some(opo_store::directory::matches(&mut conn, &terms).await?) };
    let found = directory.index.query(query, matches.as_ref());
    let total = i64::try_from(found.ids.len()).unwrap_or(i64::MAX);
    let pages = u32::try_from(found.ids.len().div_ceil(per_page as usize)).unwrap_or(u32::MAX).max(1);
    if query.page > pages {
        return Err(AppError::NotFound("directory page"));
    }
    let page_ids: Vec<i64> =
        found.ids.chunks(per_page as usize).nth(query.page.max(1) as usize - 1).unwrap_or_default().to_vec();
    let cards = store::cards_by_id(&mut conn, &page_ids).await?;
    let facets = found.facets;
    let vocabularies = &directory.vocabularies;
    Ok(Search {
        cards: cards.into_iter().map(|c| vocabularies.card(c)).collect(),
        total,
        pages,
        facets,
        capabilities: vocabularies.capabilities.clone(),
        components: vocabularies.components.clone(),
    })
}

/// An organization as the public registry interfaces publish it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicRecord {
    pub id: i64,
    pub card: Card,
    pub website: Option<String>,
    pub countries: Vec<&'static Country>,
    pub components: Vec<Term>,
    pub updated_at: time::OffsetDateTime,
}

/// Every organization with a public profile, listed or lapsed.
pub async fn public_records(app: &App) -> Result<Vec<PublicRecord>, AppError> {
    let mut conn = app.db.read().await?;
    let records = store::public_records(&mut conn).await?;
    let vocabularies = Vocabularies::load(&mut conn).await?;
    Ok(records
        .into_iter()
        .map(|r| PublicRecord {
            id: r.card.id,
            countries: r.countries.iter().filter_map(|c| country(c)).collect(),
            components: vocabularies.resolve(Vocabulary::Component, &r.components),
            website: r.website,
            updated_at: r.updated_at,
            card: vocabularies.card(r.card),
        })
        .collect())
}
