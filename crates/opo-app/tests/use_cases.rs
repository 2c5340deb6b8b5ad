//! The use cases against real databases, SQLite and PostgreSQL.

use opo_app::accounts::{self, AddUser};
use opo_app::{Actor, App, AppError, Settings, demo, partners, setup};
use opo_domain::clock::ManualClock;
use opo_domain::taxonomy::Vocabulary;
use opo_store::testing::{self, TestDb};
use std::sync::Arc;
use time::macros::datetime;

async fn each_app() -> Vec<(App, TestDb)> {
    let mut apps = Vec::new();
    for t in testing::each_backend().await {
        let app =
            App::new(t.db.clone(), Arc::new(ManualClock::new(datetime!(2026-11-25 09:00 UTC))), Settings::default());
        setup::prepare(&app).await.expect("prepare");
        apps.push((app, t));
    }
    apps
}

#[tokio::test]
async fn preparing_twice_seeds_the_vocabularies_once() {
    for (app, t) in each_app().await {
        setup::prepare(&app).await.expect("again");
        let mut conn = t.db.read().await.expect("conn");
        let capabilities = opo_store::taxonomy::list(&mut conn, Vocabulary::Capability).await.expect("list");
        assert_eq!(capabilities, opo_domain::taxonomy::defaults(Vocabulary::Capability), "{:?}", t.backend());
    }
}

#[tokio::test]
async fn the_demo_loads_once_into_an_empty_database_and_is_audited() {
    for (app, t) in each_app().await {
        assert!(setup::is_empty(&app).await.expect("empty"));
        let summary = demo::load(&app, &Actor::cli()).await.expect("load");
        assert!(summary.organizations >= 30, "{summary:?}");
        assert!(!setup::is_empty(&app).await.expect("not empty"));

        let mut conn = t.db.read().await.expect("conn");
        let stored = opo_store::partners::count_all(&mut conn).await.expect("count");
        assert_eq!(stored, i64::try_from(summary.organizations).expect("small"));
        let users = opo_store::accounts::list(&mut conn).await.expect("users");
        assert_eq!(users.len(), summary.users);
        for (email, _, role) in demo::STAFF {
            assert!(users.iter().any(|u| u.email == *email && u.role == *role), "{email}");
        }
        let stages = opo_store::applications::count_by_stage(&mut conn).await.expect("stages");
        assert!(stages.len() >= 3, "applications in several stages: {stages:?}");
        let audit = opo_store::audit::recent(&mut conn, 5).await.expect("audit");
        assert_eq!(audit[0].entry.action, "demo.loaded");
        assert_eq!(audit[0].entry.actor_label, "cli");
        drop(conn);

        let again = demo::load(&app, &Actor::cli()).await.expect_err("second load refused");
        assert!(matches!(again, AppError::Conflict(_)), "{again:?}");
    }
}

#[tokio::test]
async fn the_demo_directory_lists_active_partners_with_signed_agreements_and_hides_applicants() {
    for (app, t) in each_app().await {
        demo::load(&app, &Actor::cli()).await.expect("load");
        let first = partners::directory(&app, 1).await.expect("page 1");
        let mut cards = first.cards.clone();
        for page in 2..=first.pages {
            cards.extend(partners::directory(&app, page).await.expect("page").cards);
        }
        assert_eq!(i64::try_from(cards.len()).expect("small"), first.total, "{:?}", t.backend());
        assert!(cards.iter().all(|c| c.status.is_listed()));
        assert!(first.cards.len() <= partners::PER_PAGE as usize);
        let today = app.clock.now().date();
        for card in &cards {
            let profile = partners::profile(&app, &card.slug).await.expect("profile");
            let expires = profile.agreement_expires_on.expect("every active partner has signed");
            assert!(expires > today, "{} agreement in force", card.slug);
            assert!(!profile.card.capabilities.is_empty(), "{} has capabilities", card.slug);
            assert!(profile.card.capabilities.iter().all(|t| t.label != t.key), "labels resolved");
        }
        let mut conn = t.db.read().await.expect("conn");
        let all = opo_store::partners::count_all(&mut conn).await.expect("count");
        assert!(all > first.total, "applicants and lapsed partners are stored but not listed");
    }
}

#[tokio::test]
async fn a_directory_page_out_of_range_is_refused() {
    for (app, _t) in each_app().await {
        demo::load(&app, &Actor::cli()).await.expect("load");
        let pages = partners::directory(&app, 1).await.expect("page 1").pages;
        assert!(matches!(partners::directory(&app, 0).await, Err(AppError::Invalid(_))));
        assert!(matches!(partners::directory(&app, pages + 1).await, Err(AppError::NotFound(_))));
    }
}

#[tokio::test]
async fn an_empty_directory_has_one_empty_page() {
    for (app, _t) in each_app().await {
        let page = partners::directory(&app, 1).await.expect("page 1");
        assert_eq!((page.total, page.pages, page.cards.len()), (0, 1, 0));
    }
}

fn user(email: &str, role: &str, organization: Option<&str>) -> AddUser {
    AddUser {
        email: email.into(),
        display_name: "Pat Example".into(),
        role: role.into(),
        organization: organization.map(Into::into),
    }
}

#[tokio::test]
async fn adding_a_user_checks_every_field_and_records_who_added_it() {
    for (app, t) in each_app().await {
        demo::load(&app, &Actor::cli()).await.expect("load");
        let slug = partners::directory(&app, 1).await.expect("page").cards[0].slug.clone();

        let id = accounts::add_user(&app, &user("pat@partner.example", "partner", Some(&slug)), &Actor::cli())
            .await
            .expect("added");
        let users = accounts::list(&app).await.expect("list");
        let pat = users.iter().find(|u| u.id == id).expect("listed");
        assert_eq!(pat.organization_slug.as_deref(), Some(slug.as_str()));
        let mut conn = t.db.read().await.expect("conn");
        let audit = opo_store::audit::recent(&mut conn, 1).await.expect("audit");
        assert_eq!(
            (audit[0].entry.action.as_str(), audit[0].entry.subject_id.clone()),
            ("account.added", id.to_string())
        );
        drop(conn);

        let fields = |err: AppError| match err {
            AppError::Invalid(problems) => problems.into_iter().map(|p| p.field).collect::<Vec<_>>(),
            other => panic!("expected invalid input, got {other:?}"),
        };
        let err = accounts::add_user(&app, &user("PAT@Partner.example", "partner", Some(&slug)), &Actor::cli()).await;
        assert_eq!(fields(err.expect_err("same address, other case")), ["email"]);
        let err = accounts::add_user(&app, &user("x@y.example", "partner", None), &Actor::cli()).await;
        assert_eq!(fields(err.expect_err("partner without org")), ["organization"]);
        let err = accounts::add_user(&app, &user("x@y.example", "secretariat", Some(&slug)), &Actor::cli()).await;
        assert_eq!(fields(err.expect_err("staff with org")), ["organization"]);
        let err = accounts::add_user(&app, &user("x@y.example", "partner", Some("no-such-org")), &Actor::cli()).await;
        assert_eq!(fields(err.expect_err("unknown org")), ["organization"]);
        let err = accounts::add_user(
            &app,
            &AddUser { display_name: " ".into(), ..user("nope", "owner", None) },
            &Actor::cli(),
        )
        .await;
        assert_eq!(fields(err.expect_err("everything wrong")), ["email", "display_name", "role"]);
    }
}

#[tokio::test]
async fn a_prospect_has_no_public_profile_and_a_lapsed_partner_keeps_one_that_says_so() {
    for (app, t) in each_app().await {
        demo::load(&app, &Actor::cli()).await.expect("load");
        let mut conn = t.db.read().await.expect("conn");
        let slug_with = |status: &'static str| {
            sqlx::query_scalar::<_, String>("select slug from organizations where status = $1 order by slug limit 1")
                .bind(status)
        };
        let prospect = slug_with("prospect").fetch_one(&mut *conn).await.expect("a prospect");
        let lapsed = slug_with("lapsed").fetch_one(&mut *conn).await.expect("a lapsed partner");
        drop(conn);
        assert!(matches!(partners::profile(&app, &prospect).await, Err(AppError::NotFound(_))));
        assert!(matches!(partners::logo(&app, &prospect).await, Err(AppError::NotFound(_))));
        let profile = partners::profile(&app, &lapsed).await.expect("lapsed profile");
        assert!(!profile.card.status.is_listed());
        assert!(!profile.status_reason.is_empty());
        assert!(profile.agreement_expires_on.expect("signed once") <= app.clock.now().date());
    }
}

#[tokio::test]
async fn a_partner_shares_country_activities_that_its_profile_shows_and_search_finds() {
    for (app, _t) in each_app().await {
        demo::load(&app, &Actor::cli()).await.expect("load");
        let slug = partners::directory(&app, 1).await.expect("page").cards[0].slug.clone();
        let record = partners::record(&app, &slug).await.expect("record");
        let input = opo_app::activities::ActivityInput {
            country: "gh".into(),
            title: "Quokka immunization registry".into(),
            description: "Supported **two regions**.".into(),
            url: "https://activities.example/quokka".into(),
        };
        let id = opo_app::activities::add(&app, record.id, &input, &Actor::cli()).await.expect("added");
        let profile = partners::profile(&app, &slug).await.expect("profile");
        let shared = profile.activities.iter().find(|a| a.id == id).expect("on the profile");
        assert_eq!((shared.country.as_str(), shared.title.as_str()), ("GH", "Quokka immunization registry"));
        let q = opo_domain::directory::DirectoryQuery::parse([("q", "quokka")]).expect("query");
        let found = partners::search(&app, &q).await.expect("search");
        assert_eq!(found.cards.iter().map(|c| c.slug.as_str()).collect::<Vec<_>>(), [slug.as_str()]);

        let bad =
            opo_app::activities::ActivityInput { country: "XX".into(), title: " ".into(), url: "nope".into(), ..input };
        match opo_app::activities::add(&app, record.id, &bad, &Actor::cli()).await {
            Err(AppError::Invalid(problems)) => {
                assert_eq!(problems.iter().map(|p| p.field).collect::<Vec<_>>(), ["country", "title", "url"]);
            }
            other => panic!("expected invalid input, got {other:?}"),
        }
        opo_app::activities::remove(&app, record.id, id, &Actor::cli()).await.expect("removed");
        assert!(matches!(
            opo_app::activities::remove(&app, record.id, id, &Actor::cli()).await,
            Err(AppError::NotFound(_))
        ));
        assert!(partners::search(&app, &q).await.expect("search").cards.is_empty(), "the index forgets it");
    }
}

#[tokio::test]
async fn an_operator_can_raise_a_rate_limit_by_its_scope() {
    for (app, _db) in each_app().await {
        let raised = App {
            settings: Arc::new(Settings {
                rate_limits: vec![(opo_app::rate_limits::LINKS_PER_IP.scope.to_owned(), 12)],
                ..(*app.settings).clone()
            }),
            ..app.clone()
        };
        let limit = opo_app::rate_limits::LINKS_PER_IP;
        let hit = |app: &App| {
            let app = app.clone();
            async move { opo_app::rate_limits::check(&app, &[(limit, "192.0.2.9")]).await }
        };
        for n in 1..=12 {
            assert!(hit(&raised).await.is_ok(), "hit {n} of 12 is let through with the raised limit");
        }
        assert!(matches!(hit(&raised).await, Err(AppError::RateLimited { .. })), "the 13th is refused");
        // The default maximum (10) applies where nothing is raised: the same window is over it already.
        assert!(limit.max < 12);
        assert!(matches!(hit(&app).await, Err(AppError::RateLimited { .. })));
    }
}
