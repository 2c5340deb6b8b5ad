//! The admin's full export at `/admin/export`: every row of every table, for admins only, from a form
//! of the site.

mod support;

use axum::http::{Method, StatusCode, header};
use opo_domain::accounts::Role;
use support::each_app;

#[tokio::test]
async fn an_admin_downloads_every_row_of_every_table() {
    for t in each_app().await {
        let (_, admin) = t.signed_in(Role::Admin, None).await;
        let home = t.get("/admin", Some(&admin)).await;
        assert!(home.body.contains("action=\"/admin/export\""), "the admin's home offers the export");

        let answer = t.post("/admin/export", Some(&admin), &[]).await;
        assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
        assert_eq!(answer.header(header::CONTENT_TYPE), "application/json");
        assert!(answer.header(header::CONTENT_DISPOSITION).starts_with("attachment; filename=\"opo-export-"));
        assert_eq!(answer.header(header::CACHE_CONTROL), "no-store");
        let export: serde_json::Value = serde_json::from_str(&answer.body).expect("JSON");
        let tables = export["tables"].as_object().expect("tables");
        for table in ["organizations", "users", "sessions", "organization_logos", "audit_log", "posts"] {
            assert!(tables.contains_key(table), "{table} is exported");
        }
        assert!(!tables.keys().any(|k| k.starts_with("_sqlx")), "no migration bookkeeping");

        // Every table, row for row.
        let mut conn = t.app.db.read().await.expect("conn");
        for (table, rows) in tables {
            let count: i64 = sqlx::query_scalar(&format!("select count(*) from \"{table}\""))
                .fetch_one(&mut *conn)
                .await
                .expect("count");
            // The export's own audit entry is written once the tables are read.
            let expected = if table == "audit_log" { count - 1 } else { count };
            assert_eq!(rows.as_array().expect("rows").len() as i64, expected, "{table}");
        }
        // Personal data and the hashes of secrets are in it; binary columns are hex on both databases.
        let users = tables["users"].as_array().expect("users");
        assert!(users.iter().any(|u| u["email"] == "admin@portal.example"));
        let session_hashes: Vec<String> =
            sqlx::query_scalar("select token_hash from sessions").fetch_all(&mut *conn).await.expect("hashes");
        for hash in &session_hashes {
            assert!(tables["sessions"].as_array().expect("rows").iter().any(|s| s["token_hash"] == *hash));
        }
        let (slug, logo): (String, Vec<u8>) = {
            let logo = opo_app::partners::logo(&t.app, "kijiji-health").await.expect("a demo logo");
            ("kijiji-health".to_owned(), logo.data)
        };
        let hex: String = logo.iter().map(|b| format!("{b:02x}")).collect();
        let exported_logos = tables["organization_logos"].as_array().expect("logos");
        assert!(
            exported_logos.iter().any(|row| row.as_object().expect("row").values().any(|v| *v == format!("\\x{hex}"))),
            "the logo of {slug} is exported as hex"
        );
        drop(conn);

        // Taking the export is in the audit log.
        let audit = opo_app::audit::search(
            &t.app,
            &opo_store::audit::AuditFilter { action: "data.exported".to_owned(), limit: 10, ..Default::default() },
        )
        .await
        .expect("audit");
        assert_eq!(audit.len(), 1);
    }
}

#[tokio::test]
async fn no_one_else_takes_the_export_and_no_other_site_starts_it() {
    for t in each_app().await {
        for role in [Role::Secretariat, Role::Committee] {
            let (_, token) = t.signed_in(role, None).await;
            assert_eq!(t.post("/admin/export", Some(&token), &[]).await.status, StatusCode::FORBIDDEN, "{role:?}");
        }
        assert_eq!(t.post("/admin/export", None, &[]).await.status, StatusCode::UNAUTHORIZED);
        let (_, admin) = t.signed_in(Role::Admin, None).await;
        let forged =
            t.send(Method::POST, "/admin/export", Some(&admin), &[("origin", "https://elsewhere.example")], "").await;
        assert_eq!(forged.status, StatusCode::FORBIDDEN, "a page of another site cannot start it");
        assert_eq!(t.get("/admin/export", Some(&admin)).await.status, StatusCode::METHOD_NOT_ALLOWED);
    }
}
