//! The operator's endpoints: `/metrics` counts requests by matched route and status, and shows the
//! queues; `/readyz` says whether to send traffic, and stops saying so once the instance drains.

mod support;

use axum::http::StatusCode;
use opo_web::{Lifecycle, ServeOptions, build_app_with};
use support::each_app;

/// The value of the series whose line starts with `series` (name and labels).
fn value(metrics: &str, series: &str) -> Option<f64> {
    metrics.lines().find_map(|line| line.strip_prefix(series)?.trim().parse().ok())
}

#[tokio::test]
async fn metrics_count_requests_by_matched_route_and_status() {
    for t in each_app().await {
        let slug = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar::<_, String>("select slug from organizations where status = 'active' order by slug")
                .fetch_one(&mut *conn)
                .await
                .expect("a partner")
        };
        for _ in 0..3 {
            assert_eq!(t.get(&format!("/partners/{slug}"), None).await.status, StatusCode::OK);
        }
        assert_eq!(t.get("/partners/no-such-partner", None).await.status, StatusCode::NOT_FOUND);
        assert_eq!(t.get("/no/such/page", None).await.status, StatusCode::NOT_FOUND);

        let answer = t.get("/metrics", None).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(answer.header(axum::http::header::CONTENT_TYPE).starts_with("text/plain; version=0.0.4"));
        let m = &answer.body;
        let route = r#"route="/partners/{slug}",method="GET""#;
        assert_eq!(value(m, &format!(r#"http_requests_total{{{route},status="200"}}"#)), Some(3.0), "{m}");
        assert_eq!(value(m, &format!(r#"http_requests_total{{{route},status="404"}}"#)), Some(1.0), "{m}");
        assert!(!m.contains("no-such-partner") && !m.contains("/no/such/page"), "raw addresses never become labels");
        assert_eq!(value(m, r#"http_requests_total{route="unmatched",method="GET",status="404"}"#), Some(1.0));
        assert_eq!(value(m, r#"http_request_duration_seconds_count{route="/partners/{slug}"}"#), Some(4.0), "{m}");
        assert_eq!(value(m, r#"http_request_duration_seconds_bucket{route="/partners/{slug}",le="+Inf"}"#), Some(4.0));
        assert!(m.contains(&format!("opo_build_info{{version=\"{}\"", env!("CARGO_PKG_VERSION"))), "{m}");

        // The queues as the database holds them: the demo data's e-mails wait in the outbox.
        let pending_emails = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar::<_, i64>("select count(*) from outbox_emails where status = 'pending'")
                .fetch_one(&mut *conn)
                .await
                .expect("count")
        };
        assert_eq!(value(m, r#"opo_emails{status="pending"}"#), Some(pending_emails as f64), "{m}");
        assert_eq!(value(m, r#"opo_emails{status="failed"}"#), Some(0.0), "{m}");
        assert!(value(m, r#"opo_jobs{status="pending"}"#).is_some(), "{m}");
        assert!(value(m, r#"opo_jobs{status="dead"}"#).is_some(), "{m}");

        // The scrape itself is counted on the next one.
        let again = t.get("/metrics", None).await.body;
        assert_eq!(value(&again, r#"http_requests_total{route="/metrics",method="GET",status="200"}"#), Some(1.0));
    }
}

#[tokio::test]
async fn with_a_token_the_metrics_need_it() {
    for t in each_app().await {
        let options = ServeOptions { metrics_token: Some("scrape-s3cret".into()), ..ServeOptions::default() };
        let mut guarded = t;
        guarded.router = build_app_with(guarded.app.clone(), options);
        let refused = guarded.get("/metrics", None).await;
        assert_eq!(refused.status, StatusCode::UNAUTHORIZED);
        assert_eq!(refused.header(axum::http::header::WWW_AUTHENTICATE), "Bearer");
        let wrong =
            guarded.send(axum::http::Method::GET, "/metrics", None, &[("authorization", "Bearer nope")], "").await;
        assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
        let right = guarded
            .send(axum::http::Method::GET, "/metrics", None, &[("authorization", "Bearer scrape-s3cret")], "")
            .await;
        assert_eq!(right.status, StatusCode::OK);
        assert!(right.body.contains("http_requests_total"));
    }
}

#[tokio::test]
async fn readiness_follows_the_database_and_the_shutdown() {
    for t in each_app().await {
        let lifecycle = Lifecycle::default();
        let options = ServeOptions { lifecycle: lifecycle.clone(), ..ServeOptions::default() };
        let mut t = t;
        t.router = build_app_with(t.app.clone(), options);
        let ready = t.get("/readyz", None).await;
        assert_eq!(ready.status, StatusCode::OK, "{}", ready.body);
        assert!(ready.body.contains(r#""status":"ready""#), "{}", ready.body);

        lifecycle.begin_drain();
        let draining = t.get("/readyz", None).await;
        assert_eq!(draining.status, StatusCode::SERVICE_UNAVAILABLE);
        let body: serde_json::Value = serde_json::from_str(&draining.body).expect("a JSON body");
        assert_eq!(body["status"], "draining");
        assert_eq!(t.get("/healthz", None).await.status, StatusCode::OK, "still alive while draining");

        // A database that is gone: neither alive nor ready.
        t.router = build_app_with(t.app.clone(), ServeOptions::default());
        t.app.db.close().await;
        let gone = t;
        let answer = gone.get("/readyz", None).await;
        assert_eq!(answer.status, StatusCode::SERVICE_UNAVAILABLE);
        assert!(answer.body.contains("database unreachable"), "{}", answer.body);
        assert_eq!(gone.get("/healthz", None).await.status, StatusCode::SERVICE_UNAVAILABLE);
    }
}
