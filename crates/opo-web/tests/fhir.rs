//! The FHIR R4 interface: resources in the shape R4 asks for, searches, reads and errors.

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use http_body_util::BodyExt;
use opo_store::testing::TestDb;
use opo_web::build_app;
use serde_json::Value;
use std::collections::BTreeSet;
use tower::ServiceExt;

struct TestApp {
    router: Router,
    db: TestDb,
}

impl TestApp {
    async fn get(&self, uri: &str) -> (StatusCode, String, Value) {
        let request = Request::builder().uri(uri).body(Body::empty()).expect("request");
        let response = self.router.clone().oneshot(request).await.expect("answer");
        let status = response.status();
        let content_type = response.headers()[header::CONTENT_TYPE].to_str().expect("ascii").to_owned();
        let bytes = response.into_body().collect().await.expect("body").to_bytes();
        (status, content_type, serde_json::from_slice(&bytes).expect("JSON"))
    }

    async fn names(&self, sql: &str) -> BTreeSet<String> {
        let mut conn = self.db.db.read().await.expect("conn");
        sqlx::query_scalar::<_, String>(sql).fetch_all(&mut *conn).await.expect("query").into_iter().collect()
    }
}

async fn each_app() -> Vec<TestApp> {
    opo_app::testing::demo_apps().await.into_iter().map(|d| TestApp { router: build_app(d.app), db: d.db }).collect()
}

/// The parts of R4's Organization that this interface fills, checked for type and shape.
fn assert_r4_organization(resource: &Value) {
    assert_eq!(resource["resourceType"], "Organization");
    let id = resource["id"].as_str().expect("id");
    assert!(
        !id.is_empty() && id.len() <= 64 && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.'),
        "{id}"
    );
    assert!(resource["name"].as_str().is_some_and(|n| !n.is_empty()));
    assert!(resource["active"].is_boolean());
    for address in resource["address"].as_array().expect("address is a list") {
        assert!(address["country"].as_str().is_some_and(|c| c.len() == 2));
    }
    for kind in resource["type"].as_array().expect("type is a list") {
        let coding = &kind["coding"][0];
        assert_eq!(coding["system"], "http://terminology.hl7.org/CodeSystem/organization-type");
        assert!(
            ["prov", "dept", "team", "govt", "ins", "pay", "edu", "reli", "crs", "cg", "bus", "other"]
                .contains(&coding["code"].as_str().expect("code"))
        );
    }
    for telecom in resource["telecom"].as_array().expect("telecom is a list") {
        assert!(
            ["phone", "fax", "email", "pager", "url", "sms", "other"]
                .contains(&telecom["system"].as_str().expect("system"))
        );
        assert!(telecom["value"].is_string());
    }
    assert!(resource["meta"]["lastUpdated"].as_str().is_some_and(|t| t.ends_with('Z')));
}

#[tokio::test]
async fn every_public_organization_is_an_r4_organization_in_a_searchset() {
    for t in each_app().await {
        let (status, content_type, bundle) = t.get("/fhir/Organization").await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(content_type, "application/fhir+json; charset=utf-8");
        assert_eq!(bundle["resourceType"], "Bundle");
        assert_eq!(bundle["type"], "searchset");
        let entries = bundle["entry"].as_array().expect("entries");
        assert_eq!(bundle["total"].as_u64(), Some(entries.len() as u64));
        let names: BTreeSet<String> =
            entries.iter().map(|e| e["resource"]["name"].as_str().unwrap_or_default().to_owned()).collect();
        let public = t.names("select name from organizations where status not in ('prospect', 'withdrawn')").await;
        assert_eq!(names, public, "listed and lapsed partners, no applicant");
        for entry in entries {
            assert_r4_organization(&entry["resource"]);
            let id = entry["resource"]["id"].as_str().expect("id");
            assert!(entry["fullUrl"].as_str().is_some_and(|u| u.ends_with(&format!("/fhir/Organization/{id}"))));
            let (status, _, read) = t.get(&format!("/fhir/Organization/{id}")).await;
            assert_eq!(status, StatusCode::OK);
            assert_eq!(read, entry["resource"], "a read gives the same resource as the search");
        }
    }
}

#[tokio::test]
async fn searches_by_name_country_and_type_find_exactly_their_matches() {
    for t in each_app().await {
        let found = |bundle: &Value| -> BTreeSet<String> {
            bundle["entry"]
                .as_array()
                .expect("entries")
                .iter()
                .map(|e| e["resource"]["name"].as_str().unwrap_or_default().to_owned())
                .collect()
        };
        let public = "status not in ('prospect', 'withdrawn')";
        let (_, _, by_country) = t.get("/fhir/Organization?address-country=KE").await;
        assert_eq!(
            found(&by_country),
            t.names(&format!("select name from organizations where hq_country = 'KE' and {public}")).await
        );
        let (_, _, by_type) = t.get("/fhir/Organization?type=edu").await;
        assert_eq!(
            found(&by_type),
            t.names(&format!("select name from organizations where org_type = 'academic' and {public}")).await
        );
        let (_, _, with_system) =
            t.get("/fhir/Organization?type=http://terminology.hl7.org/CodeSystem/organization-type|edu").await;
        assert_eq!(found(&with_system), found(&by_type));
        let (_, _, by_name) = t.get("/fhir/Organization?name=kiji").await;
        assert_eq!(found(&by_name).into_iter().collect::<Vec<_>>(), ["Kijiji Health Systems"]);
        let (_, _, both) = t.get("/fhir/Organization?address-country=KE&type=bus").await;
        assert!(found(&both).is_subset(&found(&by_country)));
        let (_, _, inactive) = t.get("/fhir/Organization?active=false").await;
        assert_eq!(found(&inactive), t.names("select name from organizations where status = 'lapsed'").await);
    }
}

#[tokio::test]
async fn errors_are_operation_outcomes() {
    let t = each_app().await.remove(0);
    let (status, content_type, missing) = t.get("/fhir/Organization/999999").await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(content_type, "application/fhir+json; charset=utf-8");
    assert_eq!(missing["resourceType"], "OperationOutcome");
    assert_eq!(missing["issue"][0]["code"], "not-found");
    let (status, _, unsupported) = t.get("/fhir/Organization?colour=blue").await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert!(unsupported["issue"][0]["diagnostics"].as_str().is_some_and(|d| d.contains("colour")));
    let prospect = t.names("select cast(id as text) from organizations where status = 'prospect'").await;
    for id in prospect {
        assert_eq!(
            t.get(&format!("/fhir/Organization/{id}")).await.0,
            StatusCode::NOT_FOUND,
            "an applicant is not published"
        );
    }
}

#[tokio::test]
async fn the_capability_statement_describes_what_is_offered() {
    let t = each_app().await.remove(0);
    let (status, _, capability) = t.get("/fhir/metadata").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(capability["resourceType"], "CapabilityStatement");
    assert_eq!(capability["fhirVersion"], "4.0.1");
    let resource = &capability["rest"][0]["resource"][0];
    assert_eq!(resource["type"], "Organization");
    let params: Vec<&str> =
        resource["searchParam"].as_array().expect("params").iter().filter_map(|p| p["name"].as_str()).collect();
    for name in ["name", "address-country", "type"] {
        assert!(params.contains(&name), "{name}");
    }
}
