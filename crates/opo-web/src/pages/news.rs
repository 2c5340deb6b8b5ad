//! Showcase posts: a post's own page, and how lists show a post.

use super::layout::Layout;
use crate::error::WebError;
use crate::session::MaybeSession;
use crate::{AppState, format, markdown};
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use opo_app::posts::PostCard;
use opo_domain::posts::PostKind;

/// A post in a list.
pub(crate) struct PostItem {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub kind: &'static str,
    pub date_text: String,
    pub date_iso: String,
}

impl PostItem {
    pub(crate) fn from_card(card: &PostCard) -> Self {
        // A webinar is dated by when it takes place, anything else by when it was published.
        let (date_text, date_iso) = match (card.kind, card.event_starts_at) {
            (PostKind::Webinar, Some(at)) => (format::date_time_utc(at), format::iso_date(at.date())),
            _ => (format::long_date(card.published_at.date()), format::iso_date(card.published_at.date())),
        };
        Self {
            url: format!("/news/{}", card.slug),
            title: card.title.clone(),
            summary: card.summary.clone(),
            kind: card.kind.label(),
            date_text,
            date_iso,
        }
    }
}

#[derive(Template)]
#[template(path = "news/post.html")]
struct PostPage {
    layout: Layout,
    item: PostItem,
    body_html: String,
    is_event: bool,
    join_url: Option<String>,
    partners: Vec<(String, String)>,
}

pub(crate) async fn post_page(
    State(state): State<AppState>,
    visitor: MaybeSession,
    Path(slug): Path<String>,
) -> Result<Html<String>, WebError> {
    let post = opo_app::posts::published(&state.app, &slug).await?;
    let item = PostItem::from_card(&post.card);
    let layout =
        Layout::new(&state, post.card.title.clone(), post.card.summary.clone(), &item.url).for_visitor(&visitor);
    let page = PostPage {
        layout,
        body_html: markdown::render(&post.body),
        is_event: post.card.event_starts_at.is_some(),
        join_url: post.join_url,
        partners: post.partners.into_iter().map(|(slug, name)| (format!("/partners/{slug}"), name)).collect(),
        item,
    };
    Ok(Html(page.render()?))
}
