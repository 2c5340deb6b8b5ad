//! News feeds (Atom, RSS and JSON Feed) for all news, per kind and per partner, and calendars
//! (iCalendar) of webinars.

use crate::AppState;
use crate::error::WebError;
use crate::markdown;
use atom_syndication as atom;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, FixedOffset, TimeZone, Utc};
use icalendar::{Calendar, Component, Event, EventLike};
use opo_app::posts::{Post, PostFilter};
use opo_domain::posts::PostKind;
use time::OffsetDateTime;

/// How many posts a feed holds.
const FEED_SIZE: i64 = 50;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Atom,
    Rss,
    Json,
}

impl Format {
    fn parse(extension: &str) -> Option<Self> {
        match extension {
            "atom" => Some(Self::Atom),
            "rss" => Some(Self::Rss),
            "json" => Some(Self::Json),
            _ => None,
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            Self::Atom => "application/atom+xml; charset=utf-8",
            Self::Rss => "application/rss+xml; charset=utf-8",
            Self::Json => "application/feed+json; charset=utf-8",
        }
    }
}

fn utc(at: OffsetDateTime) -> DateTime<Utc> {
    Utc.timestamp_opt(at.unix_timestamp(), 0).single().unwrap_or_default()
}

fn fixed(at: OffsetDateTime) -> DateTime<FixedOffset> {
    utc(at).fixed_offset()
}

/// One feed: its title, its own address, the page it stands for, and its posts.
struct Feed {
    title: String,
    self_url: String,
    page_url: String,
    posts: Vec<Post>,
}

fn render(state: &AppState, feed: &Feed, format: Format) -> Response {
    let base = &state.app.settings.base_url;
    let body = match format {
        Format::Atom => atom_feed(base, feed),
        Format::Rss => rss_feed(base, feed),
        Format::Json => json_feed(base, feed),
    };
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    response
}

fn post_url(base: &str, post: &Post) -> String {
    format!("{base}/news/{}", post.card.slug)
}

fn atom_feed(base: &str, feed: &Feed) -> String {
    let mut out = atom::Feed::default();
    out.set_title(feed.title.clone());
    out.set_id(feed.self_url.clone());
    let updated = feed.posts.iter().map(|p| p.card.published_at).max().unwrap_or(OffsetDateTime::UNIX_EPOCH);
    out.set_updated(fixed(updated));
    let mut this = atom::Link::default();
    this.set_href(feed.self_url.clone());
    this.set_rel("self");
    let mut page = atom::Link::default();
    page.set_href(feed.page_url.clone());
    page.set_rel("alternate");
    out.set_links(vec![this, page]);
    out.set_entries(
        feed.posts
            .iter()
            .map(|post| {
                let mut entry = atom::Entry::default();
                let url = post_url(base, post);
                entry.set_title(post.card.title.clone());
                entry.set_id(url.clone());
                entry.set_updated(fixed(post.card.published_at));
                entry.set_published(Some(fixed(post.card.published_at)));
                entry.set_summary(Some(atom::Text::plain(post.card.summary.clone())));
                let mut content = atom::Content::default();
                content.set_content_type(Some("html".to_owned()));
                content.set_value(Some(markdown::render(&post.body)));
                entry.set_content(Some(content));
                let mut link = atom::Link::default();
                link.set_href(url);
                entry.set_links(vec![link]);
                let mut category = atom::Category::default();
                category.set_term(post.card.kind.key());
                category.set_label(Some(crate::i18n::Tr::current().post_kind(post.card.kind)));
                entry.set_categories(vec![category]);
                let mut author = atom::Person::default();
                author.set_name(post.partners.iter().map(|(_, name)| name.as_str()).collect::<Vec<_>>().join(", "));
                if !post.partners.is_empty() {
                    entry.set_authors(vec![author]);
                }
                entry
            })
            .collect::<Vec<_>>(),
    );
    if out.entries().iter().any(|e| e.authors().is_empty()) {
        // Atom asks for an author on the feed when an entry has none.
        let mut author = atom::Person::default();
        author.set_name(feed.title.split(" — ").last().unwrap_or("Partner Organizations").to_owned());
        out.set_authors(vec![author]);
    }
    out.to_string()
}

/// Plain text as HTML. RSS readers show a description as HTML, and the `rss` crate writes it in a CDATA
/// section, where XML escapes nothing: text written there as it is would be markup (an organization
/// named `<svg/onload=…>`). Escaped, it is shown as the text it is, and holds no `]]>` either.
fn html_text(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;").replace('\'', "&#39;")
}

fn rss_feed(base: &str, feed: &Feed) -> String {
    let mut channel = rss::Channel::default();
    channel.set_title(feed.title.clone());
    channel.set_link(feed.page_url.clone());
    channel.set_description(html_text(&feed.title));
    channel.set_items(
        feed.posts
            .iter()
            .map(|post| {
                let url = post_url(base, post);
                let mut item = rss::Item::default();
                item.set_title(Some(post.card.title.clone()));
                item.set_link(Some(url.clone()));
                let mut guid = rss::Guid::default();
                guid.set_value(url);
                guid.set_permalink(true);
                item.set_guid(Some(guid));
                item.set_pub_date(Some(utc(post.card.published_at).to_rfc2822()));
                item.set_description(Some(html_text(&post.card.summary)));
                // Sanitized HTML, the same as the Atom feed's content.
                item.set_content(Some(markdown::render(&post.body)));
                let mut category = rss::Category::default();
                category.set_name(crate::i18n::Tr::current().post_kind(post.card.kind));
                item.set_categories(vec![category]);
                item
            })
            .collect::<Vec<_>>(),
    );
    channel.to_string()
}

fn json_feed(base: &str, feed: &Feed) -> String {
    let items: Vec<serde_json::Value> = feed
        .posts
        .iter()
        .map(|post| {
            let url = post_url(base, post);
            serde_json::json!({
                "id": url,
                "url": url,
                "title": post.card.title,
                "summary": post.card.summary,
                "content_html": markdown::render(&post.body),
                "date_published": utc(post.card.published_at).to_rfc3339(),
                "tags": [post.card.kind.key()],
                "authors": post.partners.iter().map(|(slug, name)| serde_json::json!({
                    "name": name, "url": format!("{base}/partners/{slug}")
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    serde_json::json!({
        "version": "https://jsonfeed.org/version/1.1",
        "title": feed.title,
        "home_page_url": feed.page_url,
        "feed_url": feed.self_url,
        "items": items,
    })
    .to_string()
}

fn split_file(file: &str) -> Option<(&str, Format)> {
    let (name, extension) = file.rsplit_once('.')?;
    Some((name, Format::parse(extension)?))
}

/// `/feeds/news.atom` and the like: all news, or one kind (`/feeds/blog.rss`).
pub(crate) async fn news_feed(State(state): State<AppState>, Path(file): Path<String>) -> Result<Response, WebError> {
    let (name, format) = split_file(&file).ok_or(WebError::NotFound("feed"))?;
    let kind = match name {
        "news" => None,
        other => Some(PostKind::parse(other).ok_or(WebError::NotFound("feed"))?),
    };
    let site = format!("{} Partner Organizations", state.app.settings.community_name);
    let base = &state.app.settings.base_url;
    let (posts, _) =
        opo_app::posts::published_list(&state.app, &PostFilter { kind, organization_id: None }, 0, FEED_SIZE).await?;
    let feed = Feed {
        title: match kind {
            None => format!("News — {site}"),
            Some(kind) => format!("{} — {site}", kind.label()),
        },
        self_url: format!("{base}/feeds/{file}"),
        page_url: match kind {
            None => format!("{base}/news"),
            Some(kind) => format!("{base}/news?kind={}", kind.key()),
        },
        posts,
    };
    Ok(render(&state, &feed, format))
}

/// `/partners/{slug}/feed.atom` and the like: the posts about one partner.
pub(crate) async fn partner_feed(
    State(state): State<AppState>,
    Path((slug, file)): Path<(String, String)>,
) -> Result<Response, WebError> {
    let (name, format) = split_file(&file).filter(|(name, _)| *name == "feed").ok_or(WebError::NotFound("feed"))?;
    let (filter, partner) = opo_app::posts::partner_filter(&state.app, &slug).await?;
    let (posts, _) = opo_app::posts::published_list(&state.app, &filter, 0, FEED_SIZE).await?;
    let base = &state.app.settings.base_url;
    let feed = Feed {
        title: format!("{partner} — {} Partner Organizations", state.app.settings.community_name),
        self_url: format!(
            "{base}/partners/{slug}/{name}.{file_ext}",
            file_ext = file.rsplit('.').next().unwrap_or("atom")
        ),
        page_url: format!("{base}/partners/{slug}"),
        posts,
    };
    Ok(render(&state, &feed, format))
}

fn event(base: &str, host: &str, post: &Post) -> Option<Event> {
    let starts = post.card.event_starts_at?;
    let mut description = post.card.summary.clone();
    if let Some(join) = &post.join_url {
        description.push_str(&format!("\n\nJoin: {join}"));
    }
    Some(
        Event::new()
            .uid(&format!("{}@{host}", post.card.slug))
            .timestamp(utc(post.card.published_at))
            .summary(&post.card.title)
            .description(&description)
            .starts(utc(starts))
            .ends(utc(starts + time::Duration::hours(1)))
            .url(&post_url(base, post))
            .done(),
    )
}

fn calendar_response(calendar: Calendar, file: &str) -> Response {
    let mut response = calendar.to_string().into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/calendar; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=300"));
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{file}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

fn host(base: &str) -> &str {
    base.split_once("://").map_or(base, |(_, rest)| rest).split(['/', ':']).next().unwrap_or("localhost")
}

/// `/events.ics`: every webinar, for a calendar subscription.
pub(crate) async fn events(State(state): State<AppState>) -> Result<Response, WebError> {
    let base = &state.app.settings.base_url;
    let mut calendar = Calendar::new();
    calendar.name(&format!("{} webinars", state.app.settings.community_name));
    for post in opo_app::posts::webinars(&state.app).await? {
        if let Some(event) = event(base, host(base), &post) {
            calendar.push(event);
        }
    }
    Ok(calendar_response(calendar.done(), "webinars.ics"))
}

/// `/news/{slug}/event.ics`: one webinar.
pub(crate) async fn post_event(State(state): State<AppState>, Path(slug): Path<String>) -> Result<Response, WebError> {
    let post = opo_app::posts::published(&state.app, &slug).await?;
    let base = &state.app.settings.base_url;
    let event = event(base, host(base), &post).ok_or(WebError::NotFound("event"))?;
    let mut calendar = Calendar::new();
    calendar.push(event);
    Ok(calendar_response(calendar.done(), &format!("{slug}.ics")))
}
