//! News feeds, calendars and the news list, read back with real feed parsers.

use axum::Router;
use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode, header};
use http_body_util::BodyExt;
use opo_store::testing::TestDb;
use opo_web::build_app;
use std::str::FromStr;
use tower::ServiceExt;

const BASE: &str = "http://127.0.0.1:8080";

struct TestApp {
    router: Router,
    db: TestDb,
}

impl TestApp {
    async fn get(&self, uri: &str) -> (StatusCode, HeaderMap, String) {
        let request = Request::builder().uri(uri).body(Body::empty()).expect("request");
        let response = self.router.clone().oneshot(request).await.expect("answer");
        let (status, headers) = (response.status(), response.headers().clone());
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        (status, headers, String::from_utf8_lossy(&bytes).into_owned())
    }

    async fn slugs(&self, sql: &str) -> Vec<String> {
        let mut conn = self.db.db.read().await.expect("conn");
        sqlx::query_scalar(sql).fetch_all(&mut *conn).await.expect("query")
    }
}

async fn each_app() -> Vec<TestApp> {
    opo_app::testing::demo_apps().await.into_iter().map(|d| TestApp { router: build_app(d.app), db: d.db }).collect()
}

const PUBLISHED: &str = "select slug from posts where status = 'published' and published_at <= '2026-11-25T09:00:00.000000Z' \
     order by published_at desc, id desc";

#[tokio::test]
async fn the_atom_feed_holds_every_published_post_newest_first() {
    for t in each_app().await {
        let (status, headers, body) = t.get("/feeds/news.atom").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/atom+xml; charset=utf-8");
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=300");
        let feed = atom_syndication::Feed::from_str(&body).expect("valid Atom");
        let expected: Vec<String> = t.slugs(PUBLISHED).await.iter().map(|s| format!("{BASE}/news/{s}")).collect();
        let ids: Vec<String> = feed.entries().iter().map(|e| e.id().to_owned()).collect();
        assert_eq!(ids, expected);
        assert!(feed.links().iter().any(|l| l.rel() == "self" && l.href() == format!("{BASE}/feeds/news.atom")));
        let first = &feed.entries()[0];
        assert_eq!(first.content().and_then(|c| c.content_type()), Some("html"));
        assert!(first.content().and_then(|c| c.value()).is_some_and(|html| html.contains("<p>")));
    }
}

#[tokio::test]
async fn rss_and_json_feeds_hold_the_same_posts() {
    for t in each_app().await {
        let expected: Vec<String> = t.slugs(PUBLISHED).await.iter().map(|s| format!("{BASE}/news/{s}")).collect();
        let (_, headers, rss) = t.get("/feeds/news.rss").await;
        assert_eq!(headers[header::CONTENT_TYPE], "application/rss+xml; charset=utf-8");
        let channel = rss::Channel::from_str(&rss).expect("valid RSS");
        let links: Vec<String> = channel.items().iter().filter_map(|i| i.link().map(str::to_owned)).collect();
        assert_eq!(links, expected);
        let (_, headers, json) = t.get("/feeds/news.json").await;
        assert_eq!(headers[header::CONTENT_TYPE], "application/feed+json; charset=utf-8");
        let feed: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(feed["version"], "https://jsonfeed.org/version/1.1");
        let urls: Vec<String> = feed["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| i["url"].as_str().unwrap_or_default().to_owned())
            .collect();
        assert_eq!(urls, expected);
    }
}

#[tokio::test]
async fn a_feed_per_kind_holds_only_that_kind() {
    for t in each_app().await {
        let blogs = t
            .slugs("select slug from posts where kind = 'blog' and published_at <= '2026-11-25T09:00:00.000000Z' order by slug")
            .await;
        let (status, _, body) = t.get("/feeds/blog.atom").await;
        assert_eq!(status, StatusCode::OK);
        let feed = atom_syndication::Feed::from_str(&body).expect("valid Atom");
        let mut ids: Vec<String> =
            feed.entries().iter().map(|e| e.id().rsplit('/').next().unwrap_or_default().to_owned()).collect();
        ids.sort();
        assert_eq!(ids, blogs);
        for missing in ["/feeds/recipes.atom", "/feeds/news.xml", "/feeds/news"] {
            assert_eq!(t.get(missing).await.0, StatusCode::NOT_FOUND, "{missing}");
        }
    }
}

#[tokio::test]
async fn a_partner_feed_holds_only_the_posts_about_that_partner() {
    for t in each_app().await {
        let partner = t
            .slugs("select o.slug from organizations o join post_partners pp on pp.organization_id = o.id order by o.slug limit 1")
            .await
            .remove(0);
        let expected = t
            .slugs(&format!(
                "select p.slug from posts p join post_partners pp on pp.post_id = p.id join organizations o on o.id = pp.organization_id \
                 where o.slug = '{partner}' and p.published_at <= '2026-11-25T09:00:00.000000Z' order by p.slug"
            ))
            .await;
        let (status, _, body) = t.get(&format!("/partners/{partner}/feed.atom")).await;
        assert_eq!(status, StatusCode::OK);
        let feed = atom_syndication::Feed::from_str(&body).expect("valid Atom");
        let mut ids: Vec<String> =
            feed.entries().iter().map(|e| e.id().rsplit('/').next().unwrap_or_default().to_owned()).collect();
        ids.sort();
        assert_eq!(ids, expected);
        let prospect = t.slugs("select slug from organizations where status = 'prospect' limit 1").await.remove(0);
        assert_eq!(t.get(&format!("/partners/{prospect}/feed.atom")).await.0, StatusCode::NOT_FOUND);
        assert_eq!(t.get(&format!("/partners/{partner}/other.atom")).await.0, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_webinar_calendar_has_one_event_per_webinar_with_a_stable_uid() {
    for t in each_app().await {
        let webinars = t.slugs("select slug from posts where kind = 'webinar' order by slug").await;
        let (status, headers, body) = t.get("/events.ics").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "text/calendar; charset=utf-8");
        assert_eq!(body.matches("BEGIN:VEVENT").count(), webinars.len());
        for slug in &webinars {
            assert!(body.contains(&format!("UID:{slug}@127.0.0.1")), "{slug}");
        }
        assert!(body.lines().filter(|l| l.starts_with("DTSTART")).all(|l| l.ends_with('Z')), "times in UTC");
        let (_, _, again) = t.get("/events.ics").await;
        assert_eq!(body, again, "the same calendar twice: nothing depends on the moment it is asked");
        let one = t.get(&format!("/news/{}/event.ics", webinars[0])).await;
        assert_eq!(one.2.matches("BEGIN:VEVENT").count(), 1);
        let blog = t.slugs("select slug from posts where kind = 'blog' limit 1").await.remove(0);
        assert_eq!(t.get(&format!("/news/{blog}/event.ics")).await.0, StatusCode::NOT_FOUND, "a blog is no event");
    }
}

#[tokio::test]
async fn the_news_list_filters_by_kind_and_refuses_nonsense() {
    for t in each_app().await {
        let (status, _, all) = t.get("/news").await;
        assert_eq!(status, StatusCode::OK);
        for slug in t.slugs(PUBLISHED).await {
            assert!(all.contains(&format!("href=\"/news/{slug}\"")), "{slug}");
        }
        let (_, _, stories) = t.get("/news?kind=impact-story").await;
        let impact = t.slugs("select slug from posts where kind = 'impact-story'").await;
        let blogs = t.slugs("select slug from posts where kind = 'blog'").await;
        assert!(impact.iter().all(|s| stories.contains(&format!("/news/{s}\""))));
        assert!(blogs.iter().all(|s| !stories.contains(&format!("/news/{s}\""))));
        assert_eq!(t.get("/news?kind=gossip").await.0, StatusCode::BAD_REQUEST);
        assert_eq!(t.get("/news?page=0").await.0, StatusCode::BAD_REQUEST);
        assert_eq!(t.get("/news?page=99").await.0, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn the_logo_wall_widget_may_be_framed_by_other_sites_and_nothing_else_may() {
    for t in each_app().await {
        let listed =
            t.slugs("select o.slug from organizations o where o.status in ('active', 'renewal-due', 'in-grace')").await;
        let (status, headers, body) = t.get("/widget/logos").await;
        assert_eq!(status, StatusCode::OK);
        let csp = headers[header::CONTENT_SECURITY_POLICY].to_str().expect("ascii");
        assert!(csp.contains("frame-ancestors *"), "{csp}");
        assert!(csp.contains("script-src 'none'"), "{csp}");
        assert!(!headers.contains_key(header::X_FRAME_OPTIONS));
        assert_eq!(headers[header::CACHE_CONTROL], "public, max-age=600");
        for slug in &listed {
            assert!(body.contains(&format!("href=\"{BASE}/partners/{slug}\" target=\"_top\"")), "{slug}");
        }
        let (_, headers, json) = t.get("/widget/logos.json").await;
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let json: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(json["partners"].as_array().map(Vec::len), Some(listed.len()));
        let logo = json["partners"][0]["logo"].as_str().expect("a logo url").trim_start_matches(BASE).to_owned();
        let (status, headers, _) = t.get(&logo).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers["cross-origin-resource-policy"], "cross-origin", "other sites may show the logos");
        let (_, landing_headers, _) = t.get("/").await;
        assert_eq!(landing_headers[header::X_FRAME_OPTIONS], "DENY", "the rest of the site may not be framed");
    }
}

#[tokio::test]
async fn the_sitemap_lists_every_public_page_and_no_applicant() {
    for t in each_app().await {
        let (status, headers, body) = t.get("/sitemap.xml").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "application/xml; charset=utf-8");
        for slug in
            t.slugs("select slug from organizations where status in ('active', 'renewal-due', 'in-grace')").await
        {
            assert!(body.contains(&format!("<loc>{BASE}/partners/{slug}</loc>")), "{slug}");
        }
        for slug in t.slugs(PUBLISHED).await {
            assert!(body.contains(&format!("<loc>{BASE}/news/{slug}</loc>")), "{slug}");
        }
        for slug in t.slugs("select slug from organizations where status = 'prospect'").await {
            assert!(!body.contains(&format!("/partners/{slug}<")), "{slug}");
        }
        let (_, _, robots) = t.get("/robots.txt").await;
        assert!(robots.contains(&format!("Sitemap: {BASE}/sitemap.xml")));
    }
}

/// Splits RFC 4180 text into rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field, mut quoted) = (Vec::new(), Vec::new(), String::new(), false);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (c, _) => field.push(c),
        }
    }
    rows
}

#[tokio::test]
async fn the_open_data_set_holds_every_public_partner_in_csv_and_json_with_its_license() {
    for t in each_app().await {
        let public =
            t.slugs("select slug from organizations where status not in ('prospect', 'withdrawn') order by slug").await;
        let (status, headers, csv) = t.get("/open-data/partners.csv").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(headers[header::CONTENT_TYPE], "text/csv; charset=utf-8");
        let rows = parse_csv(&csv);
        assert_eq!(rows[0][0], "slug");
        assert!(rows.iter().all(|r| r.len() == rows[0].len()), "every row has every column");
        let mut slugs: Vec<String> = rows[1..].iter().map(|r| r[0].clone()).collect();
        slugs.sort();
        assert_eq!(slugs, public);

        let (_, headers, json) = t.get("/open-data/partners.json").await;
        assert_eq!(headers[header::ACCESS_CONTROL_ALLOW_ORIGIN], "*");
        let json: serde_json::Value = serde_json::from_str(&json).expect("json");
        assert_eq!(json["license"]["name"], "CC BY 4.0");
        let partners = json["partners"].as_array().expect("partners");
        assert_eq!(partners.len(), public.len());
        let kenyan =
            partners.iter().filter(|p| p["countries_of_work"].as_array().is_some_and(|c| c.iter().any(|x| x == "KE")));
        assert!(kenyan.count() > 0, "lists stay lists in JSON");
        let (_, _, page) = t.get("/open-data").await;
        assert!(
            page.contains("countries_of_work") && page.contains("CC BY 4.0"),
            "the schema and license are published"
        );
    }
}
