//! The partner directory, partner profiles, and partner logos.

use super::layout::Layout;
use super::news::PostItem;
use super::partner_translations::{Shown, for_visitor};
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use crate::session::MaybeSession;
use crate::{AppState, format, markdown};
use askama::Template;
use axum::extract::{Path, Query, RawQuery, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use opo_app::partner_translations::StoredTranslation;
use opo_app::partners::{Card, Search};
use opo_domain::countries::Region;
use opo_domain::directory::{DirectoryQuery, View};
use opo_domain::partners::OrgType;
use opo_domain::taxonomy::Term;
use serde::Deserialize;

/// The address of a logo, versioned by its hash so it can be cached for ever.
pub(crate) fn logo_url(slug: &str, version: &str) -> String {
    format!("/partners/{slug}/logo?v={version}")
}

pub(crate) struct CardItem {
    pub url: String,
    pub name: String,
    pub logo_url: Option<String>,
    pub initials: String,
    pub summary: String,
    /// The language of `summary` when it is not the page's (the original, untranslated).
    pub summary_lang: Option<&'static str>,
    pub place: String,
    pub capabilities: Vec<String>,
}

impl CardItem {
    fn from_card(card: Card, t: Tr) -> Self {
        let place = [
            card.hq_country.map(|c| t.country(c.code, c.name)),
            card.org_type.map(|o| t.label(&format!("org-type-{}", o.key()), o.label())),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
        Self {
            url: format!("/partners/{}", card.slug),
            logo_url: card.logo_version.as_deref().map(|v| logo_url(&card.slug, v)),
            initials: card.name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect(),
            name: card.name,
            summary: card.short_description,
            summary_lang: None,
            place,
            capabilities: card
                .capabilities
                .into_iter()
                .map(|term| t.label(&format!("capability-{}", term.key), &term.label))
                .collect(),
        }
    }

    /// Shows the short description in the visitor's language when the partner translated it.
    fn translated(mut self, translation: Option<&StoredTranslation>, t: Tr) -> Self {
        let shown = Shown::of(&self.summary, translation.map(|x| x.short_description.as_str()), t);
        self.summary = shown.text;
        self.summary_lang = shown.lang;
        self
    }
}

pub(crate) struct PageLink {
    pub number: u32,
    pub url: String,
    pub current: bool,
    /// Whether some page numbers are left out just before this one.
    pub gap: bool,
}

/// How many page numbers either side of the current one the pagination links to.
const PAGE_WINDOW: u32 = 2;

/// The page numbers the pagination links to: the first, the last and those near `current`, so that
/// a directory of any size has a pagination of a few links (every page stays reachable step by step).
fn page_numbers(current: u32, pages: u32) -> Vec<u32> {
    (1..=pages).filter(|&n| n == 1 || n == pages || n.abs_diff(current) <= PAGE_WINDOW).collect()
}

/// One value of a facet as the filter form shows it.
pub(crate) struct FacetValue {
    pub key: String,
    pub label: String,
    pub count: i64,
    pub selected: bool,
}

pub(crate) struct FacetGroup {
    /// The query key the checkboxes submit.
    pub key: &'static str,
    pub title: String,
    pub values: Vec<FacetValue>,
    pub open: bool,
}

#[derive(Template)]
#[template(path = "partners/list.html")]
struct ListPage {
    layout: Layout,
    cards: Vec<CardItem>,
    total_text: String,
    page_of: String,
    text: String,
    filtered: bool,
    list_view: bool,
    sort: &'static str,
    groups: Vec<FacetGroup>,
    pages: u32,
    prev: Option<String>,
    next: Option<String>,
    page_links: Vec<PageLink>,
    grid_url: String,
    list_url: String,
    htmx: String,
}

/// `/partners?…` for the given query pairs.
fn url_of(query: &DirectoryQuery) -> String {
    let pairs = query.pairs();
    if pairs.is_empty() {
        "/partners".to_owned()
    } else {
        format!("/partners?{}", serde_urlencoded::to_string(&pairs).unwrap_or_default())
    }
}

fn group(
    key: &'static str,
    title: String,
    counts: &[(String, i64)],
    selected: &[String],
    labelled: impl Fn(&str) -> Option<String>,
) -> FacetGroup {
    let mut values: Vec<FacetValue> = counts
        .iter()
        .filter_map(|(k, n)| {
            Some(FacetValue { label: labelled(k)?, key: k.clone(), count: *n, selected: selected.contains(k) })
        })
        .collect();
    // A chosen value stays in the form even when nothing matches it any more, so it can be unchosen.
    for chosen in selected {
        if !values.iter().any(|v| &v.key == chosen) {
            values.push(FacetValue {
                label: labelled(chosen).unwrap_or_else(|| chosen.clone()),
                key: chosen.clone(),
                count: 0,
                selected: true,
            });
        }
    }
    FacetGroup { key, title, open: !selected.is_empty(), values }
}

fn by_position(values: &mut [FacetValue], order: &[Term]) {
    values.sort_by_key(|v| order.iter().position(|t| t.key == v.key).unwrap_or(usize::MAX));
}

fn facet_groups(query: &DirectoryQuery, search: &Search, t: Tr) -> Vec<FacetGroup> {
    let term_label = |terms: &[Term], vocabulary: &'static str| {
        let terms = terms.to_vec();
        move |k: &str| {
            terms
                .iter()
                .find(|term| term.key == k)
                .map(|term| t.label(&format!("{vocabulary}-{}", term.key), &term.label))
        }
    };
    let mut capabilities = group(
        "capability",
        t.get("directory-facet-capability"),
        &search.facets.capabilities,
        &query.capabilities,
        term_label(&search.capabilities, "capability"),
    );
    by_position(&mut capabilities.values, &search.capabilities);
    let mut components = group(
        "component",
        t.get("directory-facet-component"),
        &search.facets.components,
        &query.components,
        term_label(&search.components, "component"),
    );
    by_position(&mut components.values, &search.components);
    let regions_selected: Vec<String> = query.regions.iter().map(|r| r.key().to_owned()).collect();
    let mut regions =
        group("region", t.get("directory-facet-region"), &search.facets.regions, &regions_selected, |k| {
            Region::parse(k).map(|r| t.label(&format!("region-{}", r.key()), r.label()))
        });
    regions.values.sort_by_key(|v| Region::parse(&v.key));
    let countries_selected: Vec<String> = query.countries.iter().map(|c| c.as_str().to_owned()).collect();
    let mut countries =
        group("country", t.get("directory-facet-country"), &search.facets.countries, &countries_selected, |k| {
            opo_domain::countries::country(k).map(|c| t.country(c.code, c.name))
        });
    countries.values.sort_by(|a, b| a.label.cmp(&b.label));
    let types_selected: Vec<String> = query.org_types.iter().map(|o| o.key().to_owned()).collect();
    let mut types = group("type", t.get("directory-facet-type"), &search.facets.org_types, &types_selected, |k| {
        OrgType::parse(k).map(|o| t.label(&format!("org-type-{}", o.key()), o.label()))
    });
    types.values.sort_by_key(|v| OrgType::parse(&v.key).and_then(|o| OrgType::ALL.iter().position(|x| *x == o)));
    let years_selected: Vec<String> = query.joined_years.iter().map(|y| format!("{y:04}")).collect();
    let mut years =
        group("joined", t.get("directory-facet-joined"), &search.facets.joined_years, &years_selected, |k| {
            Some(k.to_owned())
        });
    years.values.sort_by(|a, b| b.key.cmp(&a.key));
    vec![capabilities, components, regions, countries, types, years]
}

pub(crate) async fn list_page(
    State(state): State<AppState>,
    visitor: MaybeSession,
    Lang(t): Lang,
    RawQuery(raw): RawQuery,
) -> Result<Html<String>, WebError> {
    let pairs: Vec<(String, String)> = serde_urlencoded::from_str(raw.as_deref().unwrap_or_default())
        .map_err(|_| WebError::BadRequest("the address of this search cannot be read".to_owned()))?;
    let query = DirectoryQuery::parse(pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .map_err(|e| WebError::BadRequest(e.to_string()))?;
    let search = opo_app::partners::search(&state.app, &query).await?;
    let slugs: Vec<&str> = search.cards.iter().map(|c| c.slug.as_str()).collect();
    let translations = for_visitor(&state, t, &slugs).await?;
    let community = &state.app.settings.community_name;
    let page = query.page;
    let site = t.community("site-name", community);
    let title = match (query.is_filtered(), page) {
        (false, 1) => format!("{} — {site}", t.get("directory-title")),
        (false, n) => format!("{} — {site}", t.args("directory-title-page", &[("page", i64::from(n).into())])),
        (true, _) => format!("{} — {site}", t.get("directory-title-search")),
    };
    let at_page = |n: u32| url_of(&DirectoryQuery { page: n, ..query.clone() });
    let layout = Layout::new(&state, title, t.community("directory-description", community), &at_page(page))
        .in_section("partners")
        .for_visitor(&visitor)
        .in_language(t);
    let list = ListPage {
        layout,
        total_text: t.count("count-partners", search.total),
        page_of: t
            .args("directory-page-of", &[("page", i64::from(page).into()), ("pages", i64::from(search.pages).into())]),
        text: query.text.clone(),
        filtered: query.is_filtered(),
        list_view: query.view == View::List,
        sort: query.sort.key(),
        groups: facet_groups(&query, &search, t),
        pages: search.pages,
        prev: (page > 1).then(|| at_page(page - 1)),
        next: (page < search.pages).then(|| at_page(page + 1)),
        page_links: {
            let numbers = page_numbers(page, search.pages);
            let mut before = 0;
            numbers
                .into_iter()
                .map(|n| {
                    let gap = n > before + 1;
                    before = n;
                    PageLink { number: n, url: at_page(n), current: n == page, gap }
                })
                .collect()
        },
        grid_url: url_of(&DirectoryQuery { view: View::Grid, page: 1, ..query.clone() }),
        list_url: url_of(&DirectoryQuery { view: View::List, page: 1, ..query.clone() }),
        cards: search
            .cards
            .into_iter()
            .map(|c| {
                let translation = translations.get(&c.slug);
                CardItem::from_card(c, t).translated(translation, t)
            })
            .collect(),
        htmx: crate::assets::url("htmx.min.js"),
    };
    Ok(Html(list.render()?))
}

pub(crate) struct TermItem {
    pub label: String,
    pub description: String,
}

pub(crate) struct ActivityItem {
    pub country: String,
    pub title: String,
    pub description_html: String,
    pub url: Option<String>,
}

pub(crate) struct RegionItem {
    pub label: String,
    pub countries: Vec<String>,
}

#[derive(Template)]
#[template(path = "partners/profile.html")]
struct ProfilePage {
    layout: Layout,
    slug: String,
    name: String,
    logo_url: Option<String>,
    initials: String,
    summary: String,
    summary_lang: Option<&'static str>,
    description_html: String,
    description_lang: Option<&'static str>,
    place: String,
    listed: bool,
    status_label: String,
    status_reason: String,
    partner_since: Option<String>,
    partner_since_iso: String,
    website: Option<(String, String)>,
    capabilities: Vec<TermItem>,
    components: Vec<TermItem>,
    regions: Vec<RegionItem>,
    country_count_text: String,
    links: Vec<(String, String)>,
    agreement_text: Option<String>,
    posts: Vec<PostItem>,
    activities: Vec<ActivityItem>,
    /// On a preview of a page under review: the review's controls, drawn above the page.
    review_panel: Option<String>,
}

/// A version of a partner page drawn exactly as its public profile will be, below `review_panel`.
pub(crate) struct Preview<'a> {
    pub layout: Layout,
    pub slug: &'a str,
    pub content: &'a opo_domain::pages::PageContent,
    pub logo_url: Option<String>,
    pub hq_country: Option<&'a str>,
    pub capabilities: &'a [opo_domain::taxonomy::Term],
    pub components: &'a [opo_domain::taxonomy::Term],
    pub review_panel: String,
}

pub(crate) fn preview(preview: Preview<'_>) -> Result<String, WebError> {
    let t = preview.layout.t;
    let content = preview.content;
    let terms = |keys: &[String], vocabulary: &[opo_domain::taxonomy::Term], prefix: &str| -> Vec<TermItem> {
        vocabulary
            .iter()
            .filter(|term| keys.contains(&term.key))
            .map(|term| TermItem {
                label: t.label(&format!("{prefix}-{}", term.key), &term.label),
                description: term.description.clone(),
            })
            .collect()
    };
    let countries: Vec<&opo_domain::countries::Country> =
        content.countries.iter().filter_map(|c| opo_domain::countries::country(c)).collect();
    let mut regions: Vec<RegionItem> = Region::ALL
        .iter()
        .map(|region| RegionItem {
            label: t.label(&format!("region-{}", region.key()), region.label()),
            countries: countries.iter().filter(|c| c.region == *region).map(|c| t.country(c.code, c.name)).collect(),
        })
        .filter(|r| !r.countries.is_empty())
        .collect();
    for region in &mut regions {
        region.countries.sort_unstable();
    }
    let page = ProfilePage {
        slug: preview.slug.to_owned(),
        name: content.name.clone(),
        logo_url: preview.logo_url,
        initials: content.name.split_whitespace().filter_map(|w| w.chars().next()).take(2).collect(),
        summary: content.short_description.clone(),
        summary_lang: None,
        description_html: markdown::render(&content.description),
        description_lang: None,
        place: preview
            .hq_country
            .and_then(opo_domain::countries::country)
            .map(|c| t.country(c.code, c.name))
            .unwrap_or_default(),
        listed: true,
        status_label: t.label("status-active", "Active partner"),
        status_reason: String::new(),
        partner_since: None,
        partner_since_iso: String::new(),
        website: opo_domain::text::WebUrl::parse(&content.website)
            .ok()
            .map(|w| (w.as_str().to_owned(), w.host().to_owned())),
        capabilities: terms(&content.capabilities, preview.capabilities, "capability"),
        components: terms(&content.components, preview.components, "component"),
        country_count_text: t
            .args("profile-works-in", &[("countries", t.count("count-countries", countries.len() as i64).into())]),
        regions,
        links: content
            .links
            .iter()
            .filter_map(|url| Some((link_label(&opo_domain::pages::link_kind(url)), markdown::safe_link(url)?)))
            .collect(),
        agreement_text: None,
        posts: Vec::new(),
        activities: Vec::new(),
        review_panel: Some(preview.review_panel),
        layout: preview.layout,
    };
    Ok(page.render()?)
}

fn link_label(kind: &str) -> String {
    match kind {
        "github" => "GitHub".to_owned(),
        "linkedin" => "LinkedIn".to_owned(),
        "mastodon" => "Mastodon".to_owned(),
        "youtube" => "YouTube".to_owned(),
        other => {
            let mut chars = other.chars();
            chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
        }
    }
}

pub(crate) async fn profile_page(
    State(state): State<AppState>,
    visitor: MaybeSession,
    Lang(t): Lang,
    Path(slug): Path<String>,
) -> Result<Html<String>, WebError> {
    let profile = opo_app::partners::profile(&state.app, &slug).await?;
    let today = state.app.clock.now().date();
    let card = profile.card;
    let listed = card.status.is_listed();
    let mut regions: Vec<RegionItem> = Region::ALL
        .iter()
        .map(|region| RegionItem {
            label: t.label(&format!("region-{}", region.key()), region.label()),
            countries: profile
                .countries
                .iter()
                .filter(|c| c.region == *region)
                .map(|c| t.country(c.code, c.name))
                .collect(),
        })
        .filter(|r| !r.countries.is_empty())
        .collect();
    for region in &mut regions {
        region.countries.sort_unstable();
    }
    let agreement_text = profile.agreement_expires_on.map(|expires| {
        if expires > today {
            t.args("profile-agreement-in-force", &[("date", t.date(expires).into())])
        } else {
            t.args("profile-agreement-expired", &[("date", t.date(expires).into())])
        }
    });
    let partner_since = card.joined_on.map(|joined| {
        let years = opo_domain::checkins::years_since(joined, today);
        let span = if years >= 1 { format!(" ({})", t.count("count-years", years.into())) } else { String::new() };
        format!("{}{span}", t.month_year(joined))
    });
    let translation = for_visitor(&state, t, &[slug.as_str()]).await?.remove(&slug);
    let item = CardItem::from_card(card.clone(), t).translated(translation.as_ref(), t);
    let description = Shown::of(&profile.long_description, translation.as_ref().map(|x| x.description.as_str()), t);
    let layout = Layout::new(
        &state,
        format!("{} — {}", item.name, t.community("site-name", &state.app.settings.community_name)),
        item.summary.clone(),
        &item.url,
    )
    .in_section("partners")
    .for_visitor(&visitor)
    .in_language(t);
    let page = ProfilePage {
        layout,
        slug: slug.clone(),
        description_html: markdown::render(&description.text),
        description_lang: description.lang,
        listed,
        status_label: t.label(&format!("status-{}", card.status.key()), card.status.label()),
        status_reason: profile.status_reason,
        partner_since,
        partner_since_iso: card.joined_on.map(format::iso_date).unwrap_or_default(),
        website: profile.website.and_then(|w| {
            let host = opo_domain::text::WebUrl::parse(&w).ok()?.host().to_owned();
            Some((w, host))
        }),
        capabilities: card
            .capabilities
            .into_iter()
            .map(|term| TermItem {
                label: t.label(&format!("capability-{}", term.key), &term.label),
                description: term.description,
            })
            .collect(),
        components: profile
            .components
            .into_iter()
            .map(|term| TermItem {
                label: t.label(&format!("component-{}", term.key), &term.label),
                description: term.description,
            })
            .collect(),
        country_count_text: t.args(
            "profile-works-in",
            &[("countries", t.count("count-countries", profile.countries.len() as i64).into())],
        ),
        regions,
        links: profile
            .links
            .into_iter()
            .filter_map(|l| Some((link_label(&l.kind), markdown::safe_link(&l.url)?)))
            .collect(),
        agreement_text,
        review_panel: None,
        posts: profile.posts.iter().map(|c| PostItem::from_card(c, t)).collect(),
        activities: profile
            .activities
            .iter()
            .map(|a| ActivityItem {
                country: opo_domain::countries::country(&a.country)
                    .map_or_else(String::new, |c| t.country(c.code, c.name)),
                title: a.title.clone(),
                description_html: markdown::render(&a.description),
                url: a.url.as_deref().and_then(markdown::safe_link),
            })
            .collect(),
        name: item.name,
        logo_url: item.logo_url,
        initials: item.initials,
        summary: item.summary,
        summary_lang: item.summary_lang,
        place: item.place,
    };
    Ok(Html(page.render()?))
}

#[derive(Deserialize)]
pub(crate) struct LogoQuery {
    v: Option<String>,
}

pub(crate) async fn logo(
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(query): Query<LogoQuery>,
    headers: HeaderMap,
) -> Result<Response, WebError> {
    let logo = opo_app::partners::logo(&state.app, &slug).await?;
    let etag = format!("\"{}\"", logo.sha256);
    let current = query.v.as_deref().is_some_and(|v| !v.is_empty() && logo.sha256.starts_with(v));
    let cache = if current { "public, max-age=31536000, immutable" } else { "public, max-age=300" };
    let mut response = if headers.get(header::IF_NONE_MATCH).is_some_and(|v| v.as_bytes() == etag.as_bytes()) {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        logo.data.into_response()
    };
    let out = response.headers_mut();
    out.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(value) = HeaderValue::from_str(&etag) {
        out.insert(header::ETAG, value);
    }
    if let Ok(value) = HeaderValue::from_str(&logo.content_type) {
        out.insert(header::CONTENT_TYPE, value);
    }
    // Opened on its own, an image must never act as a document: no scripts, no outside requests.
    out.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'; sandbox"),
    );
    out.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("inline; filename=\"logo\""));
    // The embeddable logo wall and its JSON list show logos on other sites.
    out.insert(HeaderName::from_static("cross-origin-resource-policy"), HeaderValue::from_static("cross-origin"));
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::page_numbers;

    #[test]
    fn the_pagination_links_to_the_ends_and_the_pages_near_the_current_one() {
        assert_eq!(page_numbers(1, 1), vec![1]);
        assert_eq!(page_numbers(1, 5), vec![1, 2, 3, 5]);
        assert_eq!(page_numbers(3, 5), vec![1, 2, 3, 4, 5]);
        assert_eq!(page_numbers(1, 290), vec![1, 2, 3, 290]);
        assert_eq!(page_numbers(200, 290), vec![1, 198, 199, 200, 201, 202, 290]);
        assert_eq!(page_numbers(290, 290), vec![1, 288, 289, 290]);
    }
}
