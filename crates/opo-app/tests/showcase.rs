//! Showcase posts from draft to publication, with the consent rule, on both backends.

use opo_app::{Actor, App, AppError, Settings, partners, posts, showcase};
use opo_domain::clock::ManualClock;
use opo_domain::directory::DirectoryQuery;
use opo_domain::posts::{PostInput, PostStatus};
use opo_store::accounts::User;
use opo_store::testing::TestDb;
use std::sync::Arc;

async fn each_app() -> Vec<(App, Arc<ManualClock>, TestDb)> {
    opo_app::testing::demo_apps().await.into_iter().map(|d| (d.app, d.clock, d.db)).collect()
}

/// An active partner that no demo post features, so it has given no consent, and one of its contacts.
async fn quiet_partner(app: &App) -> (String, i64, User) {
    let mut conn = app.db.read().await.expect("conn");
    let (slug, id): (String, i64) = sqlx::query_as(
        "select slug, id from organizations o where status = 'active' \
         and not exists (select 1 from consents c where c.organization_id = o.id) order by slug limit 1",
    )
    .fetch_one(&mut *conn)
    .await
    .expect("a partner without consent");
    drop(conn);
    let input = opo_app::accounts::AddUser {
        email: format!("writer@{slug}.example"),
        display_name: "Wanda Writer".into(),
        role: "partner".into(),
        organization: Some(slug.clone()),
    };
    let user_id = opo_app::accounts::add_user(app, &input, &Actor::cli()).await.expect("contact");
    (slug, id, opo_app::accounts::find(app, user_id).await.expect("user"))
}

fn story(title: &str) -> PostInput {
    PostInput {
        kind: "impact-story".into(),
        title: title.into(),
        summary: "How a district changed its reporting.".into(),
        body: "It began with **one clinic**.".into(),
        ..PostInput::default()
    }
}

#[tokio::test]
async fn a_partners_story_waits_for_consent_then_is_published_and_found() {
    for (app, _clock, _db) in each_app().await {
        let (slug, org, writer) = quiet_partner(&app).await;
        let actor = Actor::user(&writer, "198.51.100.7");
        let id = showcase::submit(&app, &writer, &slug, &story("Zanzibar reporting story"), false, &actor)
            .await
            .expect("submitted");
        let draft = showcase::find(&app, id).await.expect("draft");
        assert_eq!(draft.status, PostStatus::Draft);
        assert_eq!(draft.partners.iter().map(|p| p.1.as_str()).collect::<Vec<_>>(), [slug.as_str()]);
        let waiting = opo_app::worker::recent(&app, 5).await.expect("outbox");
        assert!(waiting.iter().any(|e| e.kind == "post-submitted" && e.to == Settings::default().secretariat_email));

        let staff = Actor::cli();
        let refused = showcase::publish(&app, id, &staff).await.expect_err("no consent yet");
        assert!(
            matches!(&refused, AppError::Conflict(c) if c.code == "no-consent" && c.message.contains("has not consented")),
            "{refused:?}"
        );
        assert!(posts::published(&app, &draft.slug).await.is_err(), "a draft is not public");

        showcase::give_consent(&app, org, "impact-story", &writer.email, &actor).await.expect("consent");
        showcase::publish(&app, id, &staff).await.expect("published");
        assert_eq!(posts::published(&app, &draft.slug).await.expect("public").card.title, "Zanzibar reporting story");
        let found =
            partners::search(&app, &DirectoryQuery::parse([("q", "Zanzibar")]).expect("query")).await.expect("search");
        assert_eq!(
            found.cards.iter().map(|c| c.slug.as_str()).collect::<Vec<_>>(),
            [slug.as_str()],
            "the story is searchable"
        );
        assert!(matches!(showcase::publish(&app, id, &staff).await, Err(AppError::Conflict(_))), "not twice");
    }
}

#[tokio::test]
async fn consent_given_with_the_draft_counts_and_withdrawn_consent_stops_new_posts() {
    for (app, clock, _db) in each_app().await {
        let (slug, org, writer) = quiet_partner(&app).await;
        let actor = Actor::user(&writer, "");
        let first =
            showcase::submit(&app, &writer, &slug, &story("First story"), true, &actor).await.expect("submitted");
        showcase::publish(&app, first, &Actor::cli()).await.expect("consent came with the draft");

        clock.advance(time::Duration::days(1));
        let consent = showcase::consents_of(&app, org).await.expect("consents").remove(0);
        showcase::withdraw_consent(&app, org, consent.id, &actor).await.expect("withdrawn");
        assert!(showcase::withdraw_consent(&app, org, consent.id, &actor).await.is_err(), "only once");
        clock.advance(time::Duration::days(1));
        let second =
            showcase::submit(&app, &writer, &slug, &story("Second story"), false, &actor).await.expect("submitted");
        assert!(matches!(showcase::publish(&app, second, &Actor::cli()).await, Err(AppError::Conflict(_))));
        let first_slug = showcase::find(&app, first).await.expect("first").slug;
        assert!(posts::published(&app, &first_slug).await.is_ok(), "what was published stays published");
    }
}

#[tokio::test]
async fn an_announcement_needs_no_separate_consent_and_can_be_taken_back() {
    for (app, _clock, _db) in each_app().await {
        let (slug, _org, _writer) = quiet_partner(&app).await;
        let input = PostInput { kind: "announcement".into(), ..story("Welcome to a new partner") };
        let id = showcase::create(&app, &input, Some(&slug), &Actor::cli()).await.expect("created");
        showcase::publish(&app, id, &Actor::cli()).await.expect("published");
        let slug_of_post = showcase::find(&app, id).await.expect("post").slug;
        assert!(posts::published(&app, &slug_of_post).await.is_ok());
        showcase::unpublish(&app, id, &Actor::cli()).await.expect("taken back");
        assert!(posts::published(&app, &slug_of_post).await.is_err());
    }
}

#[tokio::test]
async fn a_bad_draft_is_refused_with_every_problem_and_titles_get_their_own_address() {
    for (app, _clock, _db) in each_app().await {
        let (slug, _org, writer) = quiet_partner(&app).await;
        let actor = Actor::user(&writer, "");
        let bad = PostInput { kind: "webinar".into(), title: " ".into(), ..PostInput::default() };
        match showcase::submit(&app, &writer, &slug, &bad, false, &actor).await {
            Err(AppError::Invalid(problems)) => {
                let fields: Vec<_> = problems.iter().map(|p| p.field).collect();
                assert_eq!(fields, ["title", "summary", "body", "event_date"]);
            }
            other => panic!("expected invalid input, got {other:?}"),
        }
        let a = showcase::submit(&app, &writer, &slug, &story("Same title"), false, &actor).await.expect("a");
        let b = showcase::submit(&app, &writer, &slug, &story("Same title"), false, &actor).await.expect("b");
        let (a, b) = (showcase::find(&app, a).await.expect("a").slug, showcase::find(&app, b).await.expect("b").slug);
        assert_eq!((a.as_str(), b.as_str()), ("same-title", "same-title-2"));
    }
}
