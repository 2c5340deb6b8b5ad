//! The static export of the public site: each exported file is the page the router serves, and every
//! link of an exported page leads to a file of the export.

mod support;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use opo_web::static_site::{self, NEEDS_SERVICE};
use std::path::Path;
use support::{TestApp, each_app};
use tower::ServiceExt;

/// The bytes the router answers an anonymous GET with.
async fn served(t: &TestApp, path: &str) -> (StatusCode, Vec<u8>) {
    let request = Request::get(path).body(Body::empty()).expect("request");
    let response = t.router.clone().oneshot(request).await.expect("answer");
    let status = response.status();
    let body = axum::body::to_bytes(response.into_body(), usize::MAX).await.expect("body");
    (status, body.to_vec())
}

/// The slugs of the organizations with this status.
async fn slugs_with_status(t: &TestApp, status: &str) -> Vec<String> {
    let mut conn = t.app.db.read().await.expect("conn");
    sqlx::query_scalar("select slug from organizations where status = $1 order by slug")
        .bind(status)
        .fetch_all(&mut *conn)
        .await
        .expect("slugs")
}

#[tokio::test]
async fn the_exported_site_is_the_served_site_and_its_links_resolve() {
    for t in each_app().await {
        let dir = tempfile::tempdir().expect("temp dir");
        let exported = static_site::export_site(&t.app, dir.path()).await.expect("export");
        let files = &exported.files;
        assert!(exported.skipped.is_empty(), "every linked page answers: {:?}", exported.skipped);

        // Pages of every kind, served again through the real router, equal their files byte for byte.
        let profile = files.keys().find(|p| p.starts_with("/partners/") && p.matches('/').count() == 2).cloned();
        let post = files.keys().find(|p| p.starts_with("/news/") && p.matches('/').count() == 2).cloned();
        let logo = files.keys().find(|p| p.ends_with("/logo")).cloned();
        let mut compared = vec!["/".to_owned(), "/partners".to_owned(), "/feeds/news.atom".to_owned()];
        compared.extend([profile, post, logo].into_iter().map(|p| p.expect("the demo has one of each")));
        compared.extend(["/map", "/open-data/partners.csv", "/sitemap.xml", "/assets/site.css"].map(str::to_owned));
        for path in &compared {
            let file = files.get(path).unwrap_or_else(|| panic!("{path} is exported"));
            let on_disk = std::fs::read(dir.path().join(file)).expect("exported file");
            let served = served(&t, path).await;
            assert_eq!(served.0, StatusCode::OK, "{path}");
            assert!(on_disk == served.1, "{path}: the exported file differs from the served page");
        }
        assert_eq!(files["/"], Path::new("index.html"));
        assert_eq!(files["/partners"], Path::new("partners/index.html"));

        // Every listed partner and every published post is in the export.
        for slug in slugs_with_status(&t, "active").await {
            assert!(files.contains_key(&format!("/partners/{slug}")), "{slug} is exported");
        }

        // The link checker: every link of every exported HTML page, but those needing the service, is a file.
        let base = t.app.settings.base_url.clone();
        let mut checked = 0;
        for file in files.values().filter(|f| f.ends_with("index.html")) {
            let text = std::fs::read_to_string(dir.path().join(file)).expect("page");
            for link in static_site::links_in(&text) {
                let Some(path) = static_site::internal_path(&link, &base) else {
                    let needs_service = NEEDS_SERVICE.iter().any(|p| link == *p || link.starts_with(&format!("{p}?")));
                    let elsewhere = !link.starts_with('/') || link.starts_with("//");
                    assert!(needs_service || elsewhere, "{}: {link} is neither exported nor elsewhere", file.display());
                    continue;
                };
                checked += 1;
                let page = dir.path().join(static_site::file_for(&path, true));
                let other = dir.path().join(static_site::file_for(&path, false));
                assert!(page.is_file() || other.is_file(), "{}: the link {link} leads nowhere", file.display());
            }
        }
        assert!(checked > 500, "the pages have links to check ({checked})");

        // A second export of the same data writes the same bytes: nothing in a page varies per request.
        let again = tempfile::tempdir().expect("temp dir");
        let second = static_site::export_site(&t.app, again.path()).await.expect("export");
        assert_eq!(second.files, exported.files);
        for file in files.values() {
            let first = std::fs::read(dir.path().join(file)).expect("file");
            let other = std::fs::read(again.path().join(file)).expect("file");
            assert!(first == other, "{} is the same in both exports", file.display());
        }
    }
}
