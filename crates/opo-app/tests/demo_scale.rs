//! The scaled demo data set on both backends: the same seed gives the same rows, another seed other rows,
//! every application stage is there, and the counts follow the scale.

use opo_app::demo::scale::{self, Phase, ScaleOptions};
use opo_app::{Actor, App, Settings, setup};
use opo_domain::applications::Stage;
use opo_domain::clock::ManualClock;
use opo_store::Backend;
use opo_store::scale::{TableFingerprint, applications_by_stage, fingerprint};
use opo_store::testing::TestDb;
use std::sync::Arc;

async fn fresh(backend: Backend) -> Option<TestDb> {
    match backend {
        Backend::Sqlite => Some(opo_store::testing::sqlite().await),
        Backend::Postgres => match opo_store::testing::postgres_admin_url() {
            Some(admin) => Some(opo_store::testing::postgres(&admin).await),
            None => None,
        },
    }
}

/// Loads `--scale organizations --seed seed` into a new database; returns its fingerprint.
async fn load(db: &TestDb, organizations: usize, seed: u64) -> (Vec<TableFingerprint>, Vec<Phase>) {
    let clock = Arc::new(ManualClock::new(time::macros::datetime!(2026-11-25 09:00 UTC)));
    let app = App::new(db.db.clone(), clock, Settings::default());
    setup::prepare(&app).await.expect("prepare the database");
    let mut phases = Vec::new();
    let mut progress = |phase: Phase, _done: u64, _total: u64| {
        if phases.last() != Some(&phase) {
            phases.push(phase);
        }
    };
    let summary =
        scale::load(&app, &Actor::cli(), ScaleOptions { organizations, seed }, &mut progress).await.expect("load");
    assert_eq!(summary.organizations, organizations);
    let mut conn = app.db.read().await.expect("connection");
    (fingerprint(&mut conn).await.expect("fingerprint"), phases)
}

fn rows(print: &[TableFingerprint], table: &str) -> u64 {
    print.iter().find(|t| t.table == table).map(|t| t.rows).unwrap_or_else(|| panic!("no table {table}"))
}

#[tokio::test]
async fn the_same_seed_gives_the_same_rows_on_each_backend() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let (Some(first), Some(second), Some(third)) =
            (fresh(backend).await, fresh(backend).await, fresh(backend).await)
        else {
            continue;
        };
        let (a, phases) = load(&first, 200, 7).await;
        let (b, _) = load(&second, 200, 7).await;
        assert_eq!(a, b, "{backend:?}: two loads with seed 7 differ");
        let (c, _) = load(&third, 200, 8).await;
        assert_ne!(
            a.iter().find(|t| t.table == "organizations"),
            c.iter().find(|t| t.table == "organizations"),
            "{backend:?}: seeds 7 and 8 gave the same organizations"
        );
        assert_eq!(
            phases,
            [Phase::Organizations, Phase::Users, Phase::Posts, Phase::Applications, Phase::History, Phase::SearchIndex]
        );
        assert_eq!(rows(&a, "organizations"), 200);
        assert_eq!(rows(&a, "organization_logos"), 200);
        assert_eq!(rows(&a, "contacts"), 200);
        assert_eq!(rows(&a, "posts"), 2_000);
        assert_eq!(rows(&a, "users"), 20);
        assert_eq!(rows(&a, "applications"), 100);
        // 200 generated, plus the reminders the planner sends for what the generated history made due.
        assert!(rows(&a, "outbox_emails") > 200, "{backend:?}: the planner ran over the generated data");
        assert_eq!(rows(&a, "partner_search"), 200, "{backend:?}: every organization is in the search index");
        assert!(rows(&a, "organization_countries") >= 200);
        assert!(rows(&a, "organization_terms") >= 200);
        // Setting up and loading write a few entries of their own beside the generated history.
        assert!(rows(&a, "audit_log") >= 800);

        let mut conn = first.db.read().await.expect("connection");
        let stages = applications_by_stage(&mut conn).await.expect("stages");
        for stage in Stage::ALL {
            assert!(
                stages.iter().any(|(key, n)| key == stage.key() && *n > 0),
                "{backend:?}: no application in {stage:?}: {stages:?}"
            );
        }
    }
}

#[tokio::test]
async fn a_database_with_data_is_refused_and_left_alone() {
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let Some(db) = fresh(backend).await else { continue };
        let (before, _) = load(&db, 30, 1).await;
        let clock = Arc::new(ManualClock::new(time::macros::datetime!(2026-11-25 09:00 UTC)));
        let app = App::new(db.db.clone(), clock, Settings::default());
        let mut ignore = |_: Phase, _: u64, _: u64| {};
        let err = scale::load(&app, &Actor::cli(), ScaleOptions { organizations: 30, seed: 2 }, &mut ignore)
            .await
            .expect_err("a second load is refused");
        assert!(err.to_string().contains("empty database"), "{backend:?}: {err}");
        let mut conn = app.db.read().await.expect("connection");
        assert_eq!(fingerprint(&mut conn).await.expect("fingerprint"), before);
    }
}

#[tokio::test]
async fn the_planted_search_terms_find_many_some_and_few_partners() {
    let Some(db) = fresh(Backend::Sqlite).await else { return };
    load(&db, 1_000, 3).await;
    let clock = Arc::new(ManualClock::new(time::macros::datetime!(2026-11-25 09:00 UTC)));
    let app = App::new(db.db.clone(), clock, Settings::default());
    let mut found = Vec::new();
    for term in [scale::COMMON_TERM, scale::MEDIUM_TERM, scale::RARE_TERM] {
        let q = opo_domain::directory::DirectoryQuery::parse([("q", term)]).expect("query");
        found.push(opo_app::partners::search(&app, &q).await.expect("search").total);
    }
    assert!(found[0] > found[1] && found[1] > found[2] && found[2] > 0, "common, medium, rare: {found:?}");
}
