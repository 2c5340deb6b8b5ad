//! The landing page: the program in a few lines, the logo wall, news, webinars and how to join.

use super::layout::Layout;
use super::news::PostItem;
use crate::AppState;
use crate::error::WebError;
use crate::i18n::Lang;
use crate::session::MaybeSession;
use askama::Template;
use axum::extract::State;
use axum::response::Html;

pub(crate) struct WallItem {
    pub url: String,
    pub name: String,
    pub logo_url: String,
}

#[derive(Template)]
#[template(path = "landing.html")]
struct LandingPage {
    layout: Layout,
    wall: Vec<WallItem>,
    partners_text: String,
    countries_text: String,
    see_all: String,
    /// Whether some listed partners are not on the wall, which then ends with a link to all of them.
    wall_truncated: bool,
    news: Vec<PostItem>,
    webinars: Vec<PostItem>,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    visitor: MaybeSession,
    Lang(t): Lang,
) -> Result<Html<String>, WebError> {
    let landing = opo_app::landing::landing(&state.app).await?;
    let community = &state.app.settings.community_name;
    let layout = Layout::new(
        &state,
        t.community("landing-title", community),
        t.community("landing-description", community),
        "/",
    )
    .in_section("home")
    .for_visitor(&visitor)
    .in_language(t);
    let wall: Vec<WallItem> = landing
        .wall
        .into_iter()
        .filter_map(|card| {
            let logo_url = super::partners::logo_url(&card.slug, card.logo_version.as_deref()?);
            Some(WallItem { url: format!("/partners/{}", card.slug), name: card.name, logo_url })
        })
        .collect();
    let page = LandingPage {
        layout,
        wall_truncated: i64::try_from(wall.len()).unwrap_or(i64::MAX) < landing.partner_count,
        wall,
        partners_text: t.count("count-partners", landing.partner_count),
        countries_text: t.count("count-countries", landing.country_count),
        see_all: t.count("landing-see-all", landing.partner_count),
        news: landing.news.iter().map(|c| PostItem::from_card(c, t)).collect(),
        webinars: landing.webinars.iter().map(|c| PostItem::from_card(c, t)).collect(),
    };
    Ok(Html(page.render()?))
}
