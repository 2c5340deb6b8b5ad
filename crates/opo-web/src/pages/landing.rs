//! The landing page: the program in a few lines, the logo wall, news, webinars and how to join.

use super::layout::Layout;
use super::news::PostItem;
use crate::error::WebError;
use crate::session::MaybeSession;
use crate::{AppState, format};
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
    news: Vec<PostItem>,
    webinars: Vec<PostItem>,
}

pub(crate) async fn page(State(state): State<AppState>, visitor: MaybeSession) -> Result<Html<String>, WebError> {
    let landing = opo_app::landing::landing(&state.app).await?;
    let community = &state.app.settings.community_name;
    let layout = Layout::new(
        &state,
        format!("{community} Partner Organizations"),
        format!(
            "Organizations that help the {community} community strengthen health information systems: who they are, \
             what they do, and how to become a partner."
        ),
        "/",
    )
    .in_section("home")
    .for_visitor(&visitor);
    let page = LandingPage {
        layout,
        wall: landing
            .wall
            .into_iter()
            .filter_map(|card| {
                let logo_url = super::partners::logo_url(&card.slug, card.logo_version.as_deref()?);
                Some(WallItem { url: format!("/partners/{}", card.slug), name: card.name, logo_url })
            })
            .collect(),
        partners_text: format::count(landing.partner_count, "partner organization", "partner organizations"),
        countries_text: format::count(landing.country_count, "country", "countries"),
        news: landing.news.iter().map(PostItem::from_card).collect(),
        webinars: landing.webinars.iter().map(PostItem::from_card).collect(),
    };
    Ok(Html(page.render()?))
}
