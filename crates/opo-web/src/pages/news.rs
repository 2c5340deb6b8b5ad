//! Showcase posts: a post's own page, and how lists show a post.

use super::layout::Layout;
use crate::error::WebError;
use crate::i18n::{Lang, Tr};
use crate::session::MaybeSession;
use crate::{AppState, format, markdown};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use opo_app::posts::{PostCard, PostFilter};
use opo_domain::posts::PostKind;
use serde::Deserialize;

/// A post in a list.
pub(crate) struct PostItem {
    pub url: String,
    pub title: String,
    pub summary: String,
    pub kind: String,
    pub date_text: String,
    pub date_iso: String,
}

impl PostItem {
    pub(crate) fn from_card(card: &PostCard, t: Tr) -> Self {
        // A webinar is dated by when it takes place, anything else by when it was published.
        let (date_text, date_iso) = match (card.kind, card.event_starts_at) {
            (PostKind::Webinar, Some(at)) => (t.date_time(at), format::iso_date(at.date())),
            _ => (t.date(card.published_at.date()), format::iso_date(card.published_at.date())),
        };
        Self {
            url: format!("/news/{}", card.slug),
            title: card.title.clone(),
            summary: card.summary.clone(),
            kind: t.label(&format!("post-kind-{}", card.kind.key()), card.kind.label()),
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
    ics_url: String,
    partners: Vec<(String, String)>,
}

pub(crate) async fn post_page(
    State(state): State<AppState>,
    visitor: MaybeSession,
    Lang(t): Lang,
    Path(slug): Path<String>,
) -> Result<Html<String>, WebError> {
    let post = opo_app::posts::published(&state.app, &slug).await?;
    let item = PostItem::from_card(&post.card, t);
    let layout = Layout::new(&state, post.card.title.clone(), post.card.summary.clone(), &item.url)
        .for_visitor(&visitor)
        .in_language(t);
    let page = PostPage {
        layout,
        body_html: markdown::render(&post.body),
        is_event: post.card.event_starts_at.is_some(),
        ics_url: format!("/news/{}/event.ics", post.card.slug),
        join_url: post.join_url.as_deref().and_then(markdown::safe_link),
        partners: post.partners.into_iter().map(|(slug, name)| (format!("/partners/{slug}"), name)).collect(),
        item,
    };
    Ok(Html(page.render()?))
}

/// How many posts one page of the news list shows.
const NEWS_PAGE: i64 = 20;

#[derive(Template)]
#[template(path = "news/list.html")]
struct ListPage {
    layout: Layout,
    heading: String,
    items: Vec<PostItem>,
    kinds: Vec<(String, String, bool)>,
    feed: String,
    prev: Option<String>,
    next: Option<String>,
}

#[derive(Deserialize)]
pub(crate) struct ListQuery {
    #[serde(default)]
    kind: String,
    page: Option<String>,
}

fn list_url(kind: Option<PostKind>, page: i64) -> String {
    match (kind, page) {
        (None, 1) => "/news".to_owned(),
        (None, n) => format!("/news?page={n}"),
        (Some(k), 1) => format!("/news?kind={}", k.key()),
        (Some(k), n) => format!("/news?kind={}&page={n}", k.key()),
    }
}

pub(crate) async fn list_page(
    State(state): State<AppState>,
    visitor: MaybeSession,
    Lang(t): Lang,
    Query(query): Query<ListQuery>,
) -> Result<Html<String>, WebError> {
    let kind = match query.kind.trim() {
        "" => None,
        other => Some(
            PostKind::parse(other)
                .ok_or_else(|| WebError::BadRequest(format!("there is no kind of post called \"{other}\"")))?,
        ),
    };
    let page =
        match query.page.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
            None => 1,
            Some(raw) => raw.parse::<i64>().ok().filter(|p| *p >= 1).ok_or_else(|| {
                WebError::BadRequest(format!("\"{raw}\" is not a page number; pages are counted from 1"))
            })?,
        };
    let filter = PostFilter { kind, organization_id: None };
    let (posts, total) = opo_app::posts::published_list(&state.app, &filter, (page - 1) * NEWS_PAGE, NEWS_PAGE).await?;
    if posts.is_empty() && page > 1 {
        return Err(WebError::NotFound("page of news"));
    }
    let heading = kind.map_or_else(|| t.get("news-title"), |k| t.label(&format!("post-kind-{}", k.key()), k.label()));
    let layout = Layout::new(
        &state,
        format!("{heading} — {}", t.community("site-name", &state.app.settings.community_name)),
        t.get("news-description"),
        &list_url(kind, page),
    )
    .in_section("news")
    .for_visitor(&visitor)
    .in_language(t);
    let page_view = ListPage {
        layout,
        heading,
        items: posts.iter().map(|p| PostItem::from_card(&p.card, t)).collect(),
        kinds: PostKind::ALL
            .iter()
            .map(|k| (list_url(Some(*k), 1), t.label(&format!("post-kind-{}", k.key()), k.label()), kind == Some(*k)))
            .collect(),
        feed: format!("/feeds/{}.atom", kind.map_or("news", PostKind::key)),
        prev: (page > 1).then(|| list_url(kind, page - 1)),
        next: (page * NEWS_PAGE < total).then(|| list_url(kind, page + 1)),
    };
    Ok(Html(page_view.render()?))
}
