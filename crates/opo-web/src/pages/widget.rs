//! The embeddable logo wall: a small page the community's own website can put in an iframe, and the
//! same list as JSON for sites that draw it themselves.

use super::partner_translations::{Shown, for_visitor};
use super::partners::logo_url;
use crate::AppState;
use crate::error::WebError;
use crate::headers::Embeddable;
use crate::i18n::{Lang, Tr};
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

struct Logo {
    name: String,
    profile: String,
    logo: String,
    /// The short description in the visitor's language when translated, else the original.
    summary: Shown,
}

#[derive(Template)]
#[template(path = "widget.html")]
struct WidgetPage {
    css: String,
    lang: &'static str,
    site: String,
    home: String,
    logos: Vec<Logo>,
}

/// `?limit=N`: how many logos to list, featured partners first (default
/// [`opo_app::landing::LANDING_WALL_SIZE`], at most [`opo_app::landing::WIDGET_WALL_MAX`]).
#[derive(serde::Deserialize)]
pub(crate) struct WallQuery {
    limit: Option<String>,
}

impl WallQuery {
    fn limit(&self) -> Result<i64, WebError> {
        match self.limit.as_deref().map(str::trim) {
            None | Some("") => Ok(opo_app::landing::LANDING_WALL_SIZE),
            Some(text) => text.parse::<i64>().ok().filter(|n| *n > 0).ok_or_else(|| {
                WebError::BadRequest(format!(
                    "limit must be a whole number from 1 to {}",
                    opo_app::landing::WIDGET_WALL_MAX
                ))
            }),
        }
    }
}

async fn logos(state: &AppState, t: Tr, query: &WallQuery) -> Result<Vec<Logo>, WebError> {
    let base = &state.app.settings.base_url;
    let wall = opo_app::landing::logo_wall(&state.app, query.limit()?).await?;
    let slugs: Vec<&str> = wall.iter().map(|c| c.slug.as_str()).collect();
    let translations = for_visitor(state, t, &slugs).await?;
    Ok(wall
        .into_iter()
        .filter_map(|card| {
            let logo = format!("{base}{}", logo_url(&card.slug, card.logo_version.as_deref()?));
            let translated = translations.get(&card.slug).map(|x| x.short_description.as_str());
            let summary = Shown::of(&card.short_description, translated, t);
            Some(Logo { profile: format!("{base}/partners/{}", card.slug), name: card.name, logo, summary })
        })
        .collect())
}

fn cached(mut response: Response) -> Response {
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=600"));
    // The descriptions follow the visitor's language, so caches keep one copy per language.
    response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-language, cookie"));
    response.extensions_mut().insert(Embeddable);
    response
}

/// `/widget/logos`: a page meant to be framed by other sites; links open in the top window.
pub(crate) async fn page(
    State(state): State<AppState>,
    Lang(t): Lang,
    Query(query): Query<WallQuery>,
) -> Result<Response, WebError> {
    let page = WidgetPage {
        css: crate::assets::url("site.css"),
        lang: t.code(),
        site: t.community("site-name", &state.app.settings.community_name),
        home: format!("{}/partners", state.app.settings.base_url),
        logos: logos(&state, t, &query).await?,
    };
    Ok(cached(Html(page.render()?).into_response()))
}

/// `/widget/logos.json`: the same list, readable from any origin.
pub(crate) async fn json(
    State(state): State<AppState>,
    Lang(t): Lang,
    Query(query): Query<WallQuery>,
) -> Result<Response, WebError> {
    let partners: Vec<serde_json::Value> = logos(&state, t, &query)
        .await?
        .into_iter()
        .map(|l| {
            serde_json::json!({
                "name": l.name,
                "url": l.profile,
                "logo": l.logo,
                "description": l.summary.text,
                "lang": l.summary.lang.unwrap_or(t.code()),
            })
        })
        .collect();
    let body = serde_json::json!({ "partners": partners }).to_string();
    let mut response = ([(header::CONTENT_TYPE, "application/json")], body).into_response();
    response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    Ok(cached(response))
}
