//! The store's contract, run against SQLite and PostgreSQL alike: every test makes a fresh database on
//! each backend and expects the same answers from both.

use opo_domain::countries::CountryCode;
use opo_domain::partners::{NewOrganization, OrgType, PartnerStatus};
use opo_domain::taxonomy::{self, Vocabulary};
use opo_domain::text::Slug;
use opo_store::partners::{self, Link, Logo, NewContact};
use opo_store::testing::{self, TestDb};
use opo_store::{Db, StoreError, audit, taxonomy as terms};
use time::OffsetDateTime;
use time::macros::{date, datetime};

const NOW: OffsetDateTime = datetime!(2026-11-25 10:00 UTC);

fn org(name: &str, status: PartnerStatus, featured: bool) -> NewOrganization {
    NewOrganization {
        name: name.to_owned(),
        slug: Slug::from_name(name).expect("slug"),
        website: None,
        short_description: format!("{name} does digital health."),
        long_description: String::new(),
        org_type: OrgType::Ngo,
        hq_country: Some(CountryCode::parse("KE").expect("KE")),
        countries: vec![CountryCode::parse("KE").expect("KE"), CountryCode::parse("TZ").expect("TZ")],
        status,
        featured,
    }
}

async fn seed_vocabularies(db: &Db) {
    let mut tx = db.begin().await.expect("begin");
    for vocabulary in [Vocabulary::Capability, Vocabulary::Component] {
        for term in taxonomy::defaults(vocabulary) {
            terms::insert(&mut tx, &term, NOW).await.expect("insert term");
        }
    }
    tx.commit().await.expect("commit");
}

async fn add(db: &Db, org: &NewOrganization, with_logo: bool) -> i64 {
    let mut tx = db.begin().await.expect("begin");
    let id = partners::insert(&mut tx, org, Some(date!(2023 - 04 - 01)), NOW).await.expect("insert");
    partners::set_terms(&mut tx, id, Vocabulary::Capability, &["research", "standards-development"], NOW)
        .await
        .expect("terms");
    partners::set_terms(&mut tx, id, Vocabulary::Component, &["client-registry"], NOW).await.expect("terms");
    if with_logo {
        let logo = Logo {
            content_type: "image/png".into(),
            data: vec![0x89, b'P', b'N', b'G', 0, 1, 2, 255],
            sha256: format!("{id:064}"),
            fallback_png: None,
        };
        partners::set_logo(&mut tx, id, &logo, NOW).await.expect("logo");
    }
    tx.commit().await.expect("commit");
    id
}

#[tokio::test]
async fn migrations_can_run_again_without_change() {
    for t in testing::each_backend().await {
        t.db.migrate().await.expect("second run is a no-op");
        let mut conn = t.db.read().await.expect("conn");
        assert_eq!(partners::count_all(&mut conn).await.expect("count"), 0, "{:?}", t.backend());
    }
}

#[tokio::test]
async fn instances_starting_together_do_not_race_each_others_migrations() {
    let Some(admin) = testing::postgres_admin_url() else { return };
    let url = testing::postgres_url(&admin).await;
    let mut starts = Vec::new();
    for _ in 0..4 {
        let url = url.clone();
        starts.push(tokio::spawn(async move {
            let db = Db::connect(&url).await.expect("connect");
            db.migrate().await
        }));
    }
    for start in starts {
        start.await.expect("join").expect("every instance migrates without error");
    }
    let db = Db::connect(&url).await.expect("connect");
    let mut conn = db.read().await.expect("conn");
    let applied: i64 =
        sqlx::query_scalar("select count(*) from _sqlx_migrations").fetch_one(&mut *conn).await.expect("count");
    let files = std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres")).expect("dir").count();
    assert_eq!(applied, i64::try_from(files).expect("small"), "each migration applied exactly once");
}

#[tokio::test]
async fn both_backends_have_the_same_migration_versions() {
    let names = |backend: &str| {
        let mut names: Vec<String> = std::fs::read_dir(format!("{}/migrations/{backend}", env!("CARGO_MANIFEST_DIR")))
            .expect("dir")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    assert_eq!(names("sqlite"), names("postgres"));
}

#[tokio::test]
async fn a_profile_holds_what_was_stored() {
    for TestDb { db, .. } in testing::each_backend().await {
        seed_vocabularies(&db).await;
        let id = add(&db, &org("Kijiji Health", PartnerStatus::Active, false), true).await;
        let mut tx = db.begin().await.expect("begin");
        partners::add_link(
            &mut tx,
            id,
            &Link { kind: "github".into(), url: "https://github.example/kijiji".into() },
            NOW,
        )
        .await
        .expect("link");
        partners::add_link(
            &mut tx,
            id,
            &Link { kind: "mastodon".into(), url: "https://social.example/@kijiji".into() },
            NOW,
        )
        .await
        .expect("link");
        tx.commit().await.expect("commit");

        let mut conn = db.read().await.expect("conn");
        let profile = partners::find_profile(&mut conn, "kijiji-health").await.expect("query").expect("found");
        assert_eq!(profile.card.name, "Kijiji Health");
        assert_eq!(profile.card.joined_on, Some(date!(2023 - 04 - 01)));
        assert_eq!(profile.card.capabilities, ["standards-development", "research"], "in vocabulary order");
        assert_eq!(profile.components, ["client-registry"]);
        assert_eq!(profile.countries, ["KE", "TZ"]);
        assert_eq!(profile.links.iter().map(|l| l.kind.as_str()).collect::<Vec<_>>(), ["github", "mastodon"]);
        assert_eq!(profile.card.logo_version.as_deref().map(str::len), Some(12));
        let logo = partners::find_logo(&mut conn, "kijiji-health").await.expect("query").expect("logo");
        assert_eq!(logo.data, [0x89, b'P', b'N', b'G', 0, 1, 2, 255], "bytes come back exactly");
        assert!(partners::find_profile(&mut conn, "nobody").await.expect("query").is_none());
    }
}

#[tokio::test]
async fn profiles_asked_together_come_back_in_the_order_asked_each_with_its_own_details() {
    for TestDb { db, .. } in testing::each_backend().await {
        seed_vocabularies(&db).await;
        let first = add(&db, &org("Amani Data", PartnerStatus::Active, false), true).await;
        add(&db, &org("Baobab Labs", PartnerStatus::Active, false), false).await;
        let mut tx = db.begin().await.expect("begin");
        partners::set_terms(&mut tx, first, Vocabulary::Component, &[], NOW).await.expect("terms");
        partners::add_link(
            &mut tx,
            first,
            &Link { kind: "github".into(), url: "https://github.example/a".into() },
            NOW,
        )
        .await
        .expect("link");
        tx.commit().await.expect("commit");

        let mut conn = db.read().await.expect("conn");
        let found = partners::find_profiles(&mut conn, &["baobab-labs", "nobody", "amani-data"]).await.expect("query");
        let slugs: Vec<&str> = found.iter().map(|p| p.card.slug.as_str()).collect();
        assert_eq!(slugs, ["baobab-labs", "amani-data"], "{:?}: asked order, unknown left out", db.backend());
        let (baobab, amani) = (&found[0], &found[1]);
        assert_eq!(baobab.components, ["client-registry"]);
        assert!(amani.components.is_empty(), "the components of one do not leak into another");
        assert_eq!(amani.links.len(), 1);
        assert!(baobab.links.is_empty());
        assert_eq!(baobab.card.capabilities, ["standards-development", "research"]);
        assert_eq!((amani.card.logo_version.is_some(), baobab.card.logo_version.is_some()), (true, false));
        assert_eq!(partners::find_profiles(&mut conn, &[]).await.expect("query"), Vec::new());
    }
}

#[tokio::test]
async fn a_start_indexes_only_the_listed_partners_missing_from_the_search_index() {
    for TestDb { db, .. } in testing::each_backend().await {
        seed_vocabularies(&db).await;
        add(&db, &org("Listed Unindexed", PartnerStatus::Active, false), false).await;
        add(&db, &org("Still Applying", PartnerStatus::Prospect, false), false).await;
        let mut tx = db.begin().await.expect("begin");
        assert_eq!(opo_store::directory::index_missing(&mut tx).await.expect("index"), 1, "{:?}", db.backend());
        assert_eq!(opo_store::directory::index_missing(&mut tx).await.expect("index"), 0, "once is enough");
        let found = opo_store::directory::matches(&mut tx, &["unindexed".to_owned()]).await.expect("search");
        assert_eq!(found.len(), 1, "the listed partner is searchable");
        let applying = opo_store::directory::matches(&mut tx, &["applying".to_owned()]).await.expect("search");
        assert!(applying.is_empty(), "an applicant waits for its page to be published");
        tx.commit().await.expect("commit");
    }
}

#[tokio::test]
async fn sqlite_gathers_planner_statistics_when_optimized() {
    let t = testing::sqlite().await;
    seed_vocabularies(&t.db).await;
    for n in 0..50 {
        add(&t.db, &org(&format!("Partner {n}"), PartnerStatus::Active, false), false).await;
    }
    let mut conn = t.db.read().await.expect("conn");
    let stat_tables: i64 = sqlx::query_scalar("select count(*) from sqlite_master where name = 'sqlite_stat1'")
        .fetch_one(&mut *conn)
        .await
        .expect("count");
    assert_eq!(stat_tables, 0, "a new database has no statistics");
    drop(conn);
    t.db.optimize().await.expect("optimize");
    let mut conn = t.db.read().await.expect("conn");
    let tables: Vec<String> =
        sqlx::query_scalar("select distinct tbl from sqlite_stat1").fetch_all(&mut *conn).await.expect("statistics");
    assert!(tables.iter().any(|t| t == "organizations"), "organizations analyzed: {tables:?}");
}

#[tokio::test]
async fn the_directory_lists_only_active_partners_in_name_order_a_page_at_a_time() {
    for TestDb { db, .. } in testing::each_backend().await {
        seed_vocabularies(&db).await;
        for (name, status) in [
            ("Zebra Data", PartnerStatus::Active),
            ("alpha informatics", PartnerStatus::Active),
            ("Mango Health", PartnerStatus::RenewalDue),
            ("Applicant Org", PartnerStatus::Prospect),
            ("Lapsed Org", PartnerStatus::Lapsed),
            ("Beta Labs", PartnerStatus::InGrace),
        ] {
            add(&db, &org(name, status, false), false).await;
        }
        let mut conn = db.read().await.expect("conn");
        assert_eq!(partners::count_listed(&mut conn).await.expect("count"), 4);
        assert_eq!(partners::count_listed_countries(&mut conn).await.expect("count"), 2);
        let first = partners::list_listed(&mut conn, 0, 3).await.expect("page 1");
        let second = partners::list_listed(&mut conn, 3, 3).await.expect("page 2");
        let names = |cards: &[partners::PartnerCard]| cards.iter().map(|c| c.name.clone()).collect::<Vec<_>>();
        assert_eq!(names(&first), ["alpha informatics", "Beta Labs", "Mango Health"]);
        assert_eq!(names(&second), ["Zebra Data"]);
        assert!(first.iter().all(|c| c.capabilities == ["standards-development", "research"]), "capabilities attached");
    }
}

#[tokio::test]
async fn the_logo_wall_shows_featured_partners_first_and_only_those_with_a_logo() {
    for TestDb { db, .. } in testing::each_backend().await {
        seed_vocabularies(&db).await;
        add(&db, &org("Aardvark", PartnerStatus::Active, false), true).await;
        add(&db, &org("Zulu", PartnerStatus::Active, true), true).await;
        add(&db, &org("No Logo", PartnerStatus::Active, true), false).await;
        add(&db, &org("Prospect", PartnerStatus::Prospect, true), true).await;
        let mut conn = db.read().await.expect("conn");
        let wall = partners::logo_wall(&mut conn).await.expect("wall");
        assert_eq!(wall.iter().map(|c| c.name.as_str()).collect::<Vec<_>>(), ["Zulu", "Aardvark"]);
    }
}

#[tokio::test]
async fn an_applicants_logo_is_not_public() {
    for TestDb { db, .. } in testing::each_backend().await {
        seed_vocabularies(&db).await;
        add(&db, &org("Still Applying", PartnerStatus::Prospect, false), true).await;
        let mut conn = db.read().await.expect("conn");
        assert!(partners::find_logo(&mut conn, "still-applying").await.expect("query").is_none());
    }
}

#[tokio::test]
async fn a_second_organization_with_the_same_slug_is_refused_as_a_duplicate() {
    for TestDb { db, .. } in testing::each_backend().await {
        seed_vocabularies(&db).await;
        add(&db, &org("Kijiji Health", PartnerStatus::Active, false), false).await;
        let mut tx = db.begin().await.expect("begin");
        let err = partners::insert(&mut tx, &org("Kijiji Health", PartnerStatus::Prospect, false), None, NOW)
            .await
            .expect_err("duplicate");
        assert!(matches!(&err, StoreError::Duplicate(what) if what.contains("slug")), "{err:?}");
    }
}

#[tokio::test]
async fn an_organization_has_at_most_one_mail_point_of_contact() {
    for TestDb { db, .. } in testing::each_backend().await {
        seed_vocabularies(&db).await;
        let id = add(&db, &org("Kijiji Health", PartnerStatus::Active, false), false).await;
        let contact = |email: &str, poc: bool| NewContact {
            name: "A".into(),
            email: email.into(),
            title: String::new(),
            is_mail_poc: poc,
        };
        let mut tx = db.begin().await.expect("begin");
        partners::add_contact(&mut tx, id, &contact("a@kijiji.example", true), NOW).await.expect("first");
        partners::add_contact(&mut tx, id, &contact("b@kijiji.example", false), NOW)
            .await
            .expect("not a point of contact");
        // A new mail point of contact takes the role: there is never a second one.
        let c = partners::add_contact(&mut tx, id, &contact("c@kijiji.example", true), NOW).await.expect("moved");
        let pocs: Vec<i64> = opo_store::contacts::of_organization(&mut tx, id)
            .await
            .expect("contacts")
            .iter()
            .filter(|x| x.roles.mail_poc)
            .map(|x| x.user_id)
            .collect();
        assert_eq!(pocs, vec![c]);
    }
}

#[tokio::test]
async fn a_term_outside_the_vocabulary_is_refused() {
    for TestDb { db, .. } in testing::each_backend().await {
        seed_vocabularies(&db).await;
        let id = add(&db, &org("Kijiji Health", PartnerStatus::Active, false), false).await;
        let mut tx = db.begin().await.expect("begin");
        let result = partners::set_terms(&mut tx, id, Vocabulary::Capability, &["astrology"], NOW).await;
        assert!(result.is_err(), "the foreign key to the vocabulary holds");
    }
}

#[tokio::test]
async fn a_transaction_that_is_not_committed_leaves_nothing_behind() {
    for TestDb { db, .. } in testing::each_backend().await {
        seed_vocabularies(&db).await;
        {
            let mut tx = db.begin().await.expect("begin");
            partners::insert(&mut tx, &org("Ghost", PartnerStatus::Active, false), None, NOW).await.expect("insert");
            let entry = audit::AuditEntry {
                actor_user_id: None,
                actor_label: "test".into(),
                action: "organization.created".into(),
                subject_type: "organization".into(),
                subject_id: "ghost".into(),
                ip: String::new(),
                before_json: None,
                after_json: None,
            };
            audit::record(&mut tx, &entry, NOW).await.expect("audit");
        }
        let mut conn = db.read().await.expect("conn");
        assert_eq!(partners::count_all(&mut conn).await.expect("count"), 0);
        assert!(audit::recent(&mut conn, 10).await.expect("audit").is_empty());
    }
}

#[tokio::test]
async fn audit_entries_come_back_newest_first_with_their_time() {
    for TestDb { db, .. } in testing::each_backend().await {
        let mut tx = db.begin().await.expect("begin");
        for (i, action) in ["first", "second"].into_iter().enumerate() {
            let entry = audit::AuditEntry {
                actor_user_id: None,
                actor_label: "cli".into(),
                action: action.into(),
                subject_type: "test".into(),
                subject_id: i.to_string(),
                ip: "127.0.0.1".into(),
                before_json: Some("{}".into()),
                after_json: Some("{\"a\":1}".into()),
            };
            audit::record(&mut tx, &entry, NOW + time::Duration::seconds(i as i64)).await.expect("record");
        }
        tx.commit().await.expect("commit");
        let mut conn = db.read().await.expect("conn");
        let recent = audit::recent(&mut conn, 10).await.expect("recent");
        assert_eq!(recent.iter().map(|r| r.entry.action.as_str()).collect::<Vec<_>>(), ["second", "first"]);
        assert_eq!(recent[0].at, NOW + time::Duration::seconds(1));
        assert_eq!(recent[0].entry.after_json.as_deref(), Some("{\"a\":1}"));
    }
}

#[tokio::test]
async fn sqlite_runs_with_write_ahead_logging_and_foreign_keys() {
    let t = testing::sqlite().await;
    let mut conn = t.db.read().await.expect("conn");
    let mode: String = sqlx::query_scalar("pragma journal_mode").fetch_one(&mut *conn).await.expect("pragma");
    let fk: i64 = sqlx::query_scalar("pragma foreign_keys").fetch_one(&mut *conn).await.expect("pragma");
    let busy: i64 = sqlx::query_scalar("pragma busy_timeout").fetch_one(&mut *conn).await.expect("pragma");
    assert_eq!((mode.as_str(), fk, busy), ("wal", 1, 5000));
}

#[tokio::test]
async fn concurrent_writers_on_sqlite_wait_for_each_other_instead_of_failing() {
    let t = testing::sqlite().await;
    seed_vocabularies(&t.db).await;
    let mut writers = Vec::new();
    for i in 0..8 {
        let db = t.db.clone();
        writers.push(tokio::spawn(async move {
            let mut tx = db.begin().await?;
            // Read, then write: the pattern that fails under a deferred transaction.
            let before = partners::count_all(&mut tx).await?;
            partners::insert(&mut tx, &org(&format!("Writer {i}"), PartnerStatus::Active, false), None, NOW).await?;
            tx.commit().await?;
            Ok::<i64, StoreError>(before)
        }));
    }
    let mut seen = Vec::new();
    for writer in writers {
        seen.push(writer.await.expect("join").expect("every writer succeeds"));
    }
    seen.sort_unstable();
    assert_eq!(seen, (0..8).collect::<Vec<i64>>(), "each writer saw the others' committed rows, one at a time");
}
