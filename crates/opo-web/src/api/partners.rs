//! The public partner directory as JSON: the search of `/partners` with the same filters, read by the
//! same parser, and one partner's public profile, each with the partner's translations.
//!
//! Bad query values are refused with 400, as the HTML directory refuses them, never clamped: a page
//! counted from 0, a page size outside 1 to [`MAX_PER_PAGE`], or a capability or component the
//! vocabularies do not have. A page past the last is 404, as on `/partners`.

use crate::AppState;
use crate::error::WebError;
use axum::Json;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use opo_app::partner_translations::StoredTranslation;
use opo_app::partners::{Card, MAX_PER_PAGE, PER_PAGE, Profile};
use opo_domain::directory::DirectoryQuery;
use opo_domain::partner_translations::LOCALES;
use opo_domain::taxonomy::Term;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use utoipa::{IntoParams, ToSchema};

const TAG: &str = "partners";

/// A term of a vocabulary (a capability or a component), with its label as configured.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct TermRef {
    #[schema(example = "implementation")]
    pub key: String,
    #[schema(example = "Implementation")]
    pub label: String,
}

impl From<Term> for TermRef {
    fn from(term: Term) -> Self {
        Self { key: term.key, label: term.label }
    }
}

/// A partner's texts in one of the site's other languages.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PartnerTranslation {
    pub short_description: String,
    /// Markdown, like the original.
    pub description: String,
}

/// A country a partner works in.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CountryRef {
    /// ISO 3166-1 alpha-2.
    #[schema(example = "KE")]
    pub code: String,
    #[schema(example = "Kenya")]
    pub name: String,
    /// `africa`, `americas`, `asia`, `europe`, `oceania` or `antarctica`.
    #[schema(example = "africa")]
    pub region: String,
}

/// A partner as the public directory shows it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Partner {
    #[schema(example = "savanna-health")]
    pub slug: String,
    pub name: String,
    pub website: Option<String>,
    pub short_description: String,
    /// Markdown.
    pub description: String,
    /// `ngo`, `company`, `government`, … (absent when not given).
    pub organization_type: Option<String>,
    /// The country of the headquarters (ISO 3166-1 alpha-2).
    pub headquarters_country: Option<String>,
    pub capabilities: Vec<TermRef>,
    pub components: Vec<TermRef>,
    pub countries: Vec<CountryRef>,
    /// The day the organization became a partner.
    #[schema(example = "2024-03-18")]
    pub joined_on: Option<String>,
    /// Whole years since `joined_on`.
    pub partner_years: Option<i64>,
    /// The partnership's status: `active`, `lapsed`, ….
    #[schema(example = "active")]
    pub status: String,
    pub status_label: String,
    /// Whether the directory lists the partner (a lapsed partner keeps its profile but is not listed).
    pub listed: bool,
    pub featured: bool,
    /// The day the latest signed agreement ends.
    pub agreement_expires_on: Option<String>,
    /// Whether that agreement is still in force today.
    pub agreement_in_force: bool,
    pub logo_url: Option<String>,
    pub profile_url: String,
    /// By locale (`fr`, `es`, `pt`): the texts the partner translated. The originals are English.
    pub translations: BTreeMap<String, PartnerTranslation>,
}

/// A link on a partner's profile.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PartnerLink {
    /// `github`, `linkedin`, `mastodon`, `youtube`, `website`, ….
    pub kind: String,
    pub url: String,
}

/// What a partner does in one country.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct CountryActivity {
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub title: String,
    /// Markdown.
    pub description: String,
    pub url: Option<String>,
}

/// One partner's public profile.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PartnerDetail {
    #[serde(flatten)]
    pub partner: Partner,
    /// Why the partnership has its status, when the secretariat said.
    pub status_reason: String,
    pub links: Vec<PartnerLink>,
    pub activities: Vec<CountryActivity>,
}

/// How many partners match a facet value, with the other filters applied.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct FacetCount {
    pub value: String,
    pub count: i64,
}

/// The counts behind every filter value, named by the query parameter that selects it.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct Facets {
    pub capability: Vec<FacetCount>,
    pub component: Vec<FacetCount>,
    pub country: Vec<FacetCount>,
    pub region: Vec<FacetCount>,
    #[serde(rename = "type")]
    pub organization_type: Vec<FacetCount>,
    pub joined: Vec<FacetCount>,
}

/// One page of the directory's answer.
#[derive(Debug, Serialize, ToSchema)]
pub(crate) struct PartnerPage {
    pub items: Vec<Partner>,
    pub page: u32,
    pub per_page: u32,
    /// How many partners match, on all pages.
    pub total: i64,
    pub pages: u32,
    pub facets: Facets,
}

/// The filters of `/partners`; a key may repeat (`capability=a&capability=b`: either), different keys
/// all apply.
#[derive(Debug, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // Describes the query for the document; the handler reads it with the directory's parser.
pub(crate) struct PartnerQuery {
    /// Words to search for in names and descriptions.
    q: Option<String>,
    /// A capability's key (see `facets.capability`).
    capability: Option<Vec<String>>,
    /// A component's key.
    component: Option<Vec<String>>,
    /// A country the partner works in (ISO 3166-1 alpha-2).
    country: Option<Vec<String>>,
    /// `africa`, `americas`, `asia`, `europe`, `oceania` or `antarctica`.
    region: Option<Vec<String>>,
    /// A kind of organization (`ngo`, `company`, …).
    #[param(rename = "type")]
    organization_type: Option<Vec<String>>,
    /// The year the partner joined.
    joined: Option<Vec<i32>>,
    /// `relevance` (the default: best match first when searching, else by name), `name` or `newest`.
    sort: Option<String>,
    /// Counted from 1; a page past the last is 404.
    #[param(minimum = 1)]
    page: Option<u32>,
    /// 1 to 100 partners a page; 24 by default.
    #[param(minimum = 1, maximum = 100)]
    per_page: Option<u32>,
}

/// A 400 naming the parameter and what is wrong with its value.
fn bad_parameter(key: &str, message: &str) -> WebError {
    WebError::BadRequest(format!("the parameter `{key}` is wrong: {message}"))
}

/// Reads the query with the directory's parser, and the page size, which only the API lets choose.
fn read_query(raw: Option<&str>) -> Result<(DirectoryQuery, u32), WebError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.unwrap_or_default())
        .map_err(|_| WebError::BadRequest("the query string cannot be read".to_owned()))?;
    let mut per_page = PER_PAGE;
    for (key, value) in &pairs {
        if key == "per_page" && !value.trim().is_empty() {
            per_page =
                value.trim().parse::<u32>().ok().filter(|n| (1..=MAX_PER_PAGE).contains(n)).ok_or_else(|| {
                    bad_parameter(key, &format!("\"{value}\" is not a number of partners from 1 to {MAX_PER_PAGE}"))
                })?;
        }
    }
    let query = DirectoryQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))).map_err(|e| {
        // The parser says what is wrong with a value; the pair it stumbled on names the parameter.
        let key = pairs.iter().find(|(k, v)| DirectoryQuery::parse([(k.as_str(), v.as_str())]).is_err());
        match key {
            Some((key, _)) => bad_parameter(key, &e.0),
            None => WebError::BadRequest(e.0),
        }
    })?;
    Ok((query, per_page))
}

/// Refuses a capability or component key the vocabulary does not have: on `/partners` it would just
/// match nothing, but a program asking for it has most likely misspelt it.
fn check_terms(key: &str, asked: &[String], vocabulary: &[Term]) -> Result<(), WebError> {
    match asked.iter().find(|k| !vocabulary.iter().any(|t| &t.key == *k)) {
        Some(unknown) => {
            let known: Vec<&str> = vocabulary.iter().map(|t| t.key.as_str()).collect();
            Err(bad_parameter(key, &format!("\"{unknown}\" is not a {key}; the {key} keys are {}", known.join(", "))))
        }
        None => Ok(()),
    }
}

/// Public JSON, the same for everyone: cached like the widget's and the open data, readable from any
/// origin.
fn public(body: impl Serialize) -> Response {
    let mut response = Json(body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=600"));
    headers.insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}

/// Every translation of these partners, by slug and locale.
async fn translations(
    state: &AppState,
    slugs: &[&str],
) -> Result<HashMap<String, BTreeMap<String, PartnerTranslation>>, WebError> {
    let mut by_slug: HashMap<String, BTreeMap<String, PartnerTranslation>> = HashMap::new();
    for locale in LOCALES {
        let found = opo_app::partner_translations::in_locale(&state.app, locale, slugs).await?;
        for (slug, StoredTranslation { short_description, description, .. }) in found {
            by_slug
                .entry(slug)
                .or_default()
                .insert(locale.to_owned(), PartnerTranslation { short_description, description });
        }
    }
    Ok(by_slug)
}

fn partner(state: &AppState, profile: &Profile, translations: BTreeMap<String, PartnerTranslation>) -> Partner {
    let base = &state.app.settings.base_url;
    let today = state.app.clock.now().date();
    let card: &Card = &profile.card;
    Partner {
        slug: card.slug.clone(),
        name: card.name.clone(),
        website: profile.website.clone(),
        short_description: card.short_description.clone(),
        description: profile.long_description.clone(),
        organization_type: card.org_type.map(|o| o.key().to_owned()),
        headquarters_country: card.hq_country.map(|c| c.code.to_owned()),
        capabilities: card.capabilities.iter().cloned().map(TermRef::from).collect(),
        components: profile.components.iter().cloned().map(TermRef::from).collect(),
        countries: profile
            .countries
            .iter()
            .map(|c| CountryRef { code: c.code.to_owned(), name: c.name.to_owned(), region: c.region.key().to_owned() })
            .collect(),
        joined_on: card.joined_on.map(crate::format::iso_date),
        partner_years: card.joined_on.map(|joined| opo_domain::checkins::years_since(joined, today).into()),
        status: card.status.key().to_owned(),
        status_label: card.status.label().to_owned(),
        listed: card.status.is_listed(),
        featured: card.featured,
        agreement_expires_on: profile.agreement_expires_on.map(crate::format::iso_date),
        agreement_in_force: profile.agreement_expires_on.is_some_and(|expires| expires > today),
        logo_url: card
            .logo_version
            .as_deref()
            .map(|v| format!("{base}{}", crate::pages::partners::logo_url(&card.slug, v))),
        profile_url: format!("{base}/partners/{}", card.slug),
        translations,
    }
}

fn counts(values: Vec<(String, i64)>) -> Vec<FacetCount> {
    values.into_iter().map(|(value, count)| FacetCount { value, count }).collect()
}

/// The listed partners matching the filters of `/partners`, a page at a time, with the counts behind
/// every filter value.
#[utoipa::path(
    get,
    path = "/api/v1/partners",
    operation_id = "list_partners",
    tag = TAG,
    params(PartnerQuery),
    responses(
        (status = 200, description = "A page of partners", body = PartnerPage),
        (status = 400, description = "A parameter is wrong; the problem's detail names it"),
        (status = 404, description = "The page is past the last")
    )
)]
pub(crate) async fn list(State(state): State<AppState>, RawQuery(raw): RawQuery) -> Result<Response, WebError> {
    let (query, per_page) = read_query(raw.as_deref())?;
    let search = opo_app::partners::search_paged(&state.app, &query, per_page).await?;
    check_terms("capability", &query.capabilities, &search.capabilities)?;
    check_terms("component", &query.components, &search.components)?;
    let slugs: Vec<&str> = search.cards.iter().map(|c| c.slug.as_str()).collect();
    let profiles = opo_app::partners::profiles(&state.app, &slugs).await?;
    let mut translated = translations(&state, &slugs).await?;
    let items =
        profiles.iter().map(|p| partner(&state, p, translated.remove(&p.card.slug).unwrap_or_default())).collect();
    let facets = search.facets;
    Ok(public(PartnerPage {
        items,
        page: query.page,
        per_page,
        total: search.total,
        pages: search.pages,
        facets: Facets {
            capability: counts(facets.capabilities),
            component: counts(facets.components),
            country: counts(facets.countries),
            region: counts(facets.regions),
            organization_type: counts(facets.org_types),
            joined: counts(facets.joined_years),
        },
    }))
}

/// One partner's public profile, with its links and what it does in each country.
#[utoipa::path(
    get,
    path = "/api/v1/partners/{slug}",
    operation_id = "get_partner",
    tag = TAG,
    params(("slug" = String, Path, description = "The partner's slug, as in its profile's address")),
    responses(
        (status = 200, description = "The partner", body = PartnerDetail),
        (status = 404, description = "No partner has a public profile with this slug")
    )
)]
pub(crate) async fn detail(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, WebError> {
    let profile = opo_app::partners::profile(&state.app, &slug).await?;
    let translations = translations(&state, &[slug.as_str()]).await?.remove(&slug).unwrap_or_default();
    let links = profile.links.iter().map(|l| PartnerLink { kind: l.kind.clone(), url: l.url.clone() }).collect();
    let activities = profile
        .activities
        .iter()
        .map(|a| CountryActivity {
            country: a.country.clone(),
            title: a.title.clone(),
            description: a.description.clone(),
            url: a.url.clone(),
        })
        .collect();
    Ok(public(PartnerDetail {
        partner: partner(&state, &profile, translations),
        status_reason: profile.status_reason.clone(),
        links,
        activities,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(raw: &str) -> String {
        match read_query(Some(raw)) {
            Err(WebError::BadRequest(message)) => message,
            other => panic!("{raw}: {other:?}"),
        }
    }

    #[test]
    fn the_directory_parser_reads_the_filters_and_the_page_size_is_the_apis_own() {
        let (query, per_page) = read_query(Some("capability=research&country=ke&per_page=5&page=2")).expect("valid");
        assert_eq!(query.capabilities, ["research"]);
        assert_eq!(query.page, 2);
        assert_eq!(per_page, 5);
        assert_eq!(read_query(None).expect("valid").1, PER_PAGE);
    }

    #[test]
    fn a_wrong_value_is_refused_naming_its_parameter() {
        assert!(refused("page=0").contains("`page`"));
        assert!(refused("per_page=10000").contains("`per_page`"));
        assert!(refused("per_page=0").contains("`per_page`"));
        assert!(refused("q=x&region=atlantis").contains("`region`"));
        assert!(refused("type=club").contains("`type`"));
    }
}
