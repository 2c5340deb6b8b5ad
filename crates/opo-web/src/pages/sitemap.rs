//! `sitemap.xml` and `robots.txt`, so search engines find every public page.

use crate::AppState;
use crate::error::WebError;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use opo_app::posts::PostFilter;

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

pub(crate) async fn sitemap(State(state): State<AppState>) -> Result<Response, WebError> {
    let base = &state.app.settings.base_url;
    let mut urls = vec![(format!("{base}/"), None), (format!("{base}/partners"), None), (format!("{base}/news"), None)];
    let first = opo_app::partners::directory(&state.app, 1).await?;
    let mut cards = first.cards;
    for page in 2..=first.pages {
        urls.push((format!("{base}/partners?page={page}"), None));
        cards.extend(opo_app::partners::directory(&state.app, page).await?.cards);
    }
    urls.extend(cards.into_iter().map(|c| (format!("{base}/partners/{}", c.slug), None)));
    let (posts, _) = opo_app::posts::published_list(&state.app, &PostFilter::default(), 0, 50_000).await?;
    urls.extend(
        posts.into_iter().map(|p| {
            (format!("{base}/news/{}", p.card.slug), Some(crate::format::iso_date(p.card.published_at.date())))
        }),
    );
    let mut body = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for (url, modified) in urls {
        body.push_str(&format!("  <url><loc>{}</loc>", escape(&url)));
        if let Some(modified) = modified {
            body.push_str(&format!("<lastmod>{modified}</lastmod>"));
        }
        body.push_str("</url>\n");
    }
    body.push_str("</urlset>\n");
    Ok((
        [(header::CONTENT_TYPE, "application/xml; charset=utf-8"), (header::CACHE_CONTROL, "public, max-age=3600")],
        body,
    )
        .into_response())
}

pub(crate) async fn robots(State(state): State<AppState>) -> Response {
    let body = format!(
        "User-agent: *\nDisallow: /admin\nDisallow: /portal\nDisallow: /account\nDisallow: /sign-in\nSitemap: {}/sitemap.xml\n",
        state.app.settings.base_url
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body).into_response()
}
