//! Annual check-ins over three years of the injected clock, on both backends: they fall due on each
//! anniversary, the questionnaire goes out once, the answers drive consent and the partner page, and an
//! unanswered check-in is escalated once.

use opo_app::checkins::{self, CheckIn};
use opo_app::{Actor, App, AppError, showcase};
use opo_domain::checkins::{QuestionnaireInput, Status};
use opo_domain::clock::{Clock, ManualClock};
use opo_domain::posts::PostInput;
use opo_store::accounts::User;
use std::collections::BTreeMap;
use time::Duration;

/// An active partner with a day it joined, no consent given yet, and a contact account.
async fn partner(app: &App) -> (String, i64, time::Date, User) {
    let mut conn = app.db.read().await.expect("conn");
    let (slug, id, joined): (String, i64, String) = sqlx::query_as(
        "select slug, id, joined_on from organizations o where status = 'active' and joined_on is not null \
         and not exists (select 1 from consents c where c.organization_id = o.id) \
         and exists (select 1 from contacts c where c.organization_id = o.id and c.is_mail_poc = 1) \
         order by slug limit 1",
    )
    .fetch_one(&mut *conn)
    .await
    .expect("a partner without consent");
    drop(conn);
    let input = opo_app::accounts::AddUser {
        email: format!("contact@{slug}.example"),
        display_name: "Cato Contact".into(),
        role: "partner".into(),
        organization: Some(slug.clone()),
    };
    let user_id = opo_app::accounts::add_user(app, &input, &Actor::cli()).await.expect("contact");
    let user = opo_app::accounts::find(app, user_id).await.expect("user");
    (slug, id, opo_store::parse_date(&joined).expect("date"), user)
}

async fn count(app: &App, sql: &str, bind: &str) -> i64 {
    let mut conn = app.db.read().await.expect("conn");
    sqlx::query_scalar(sql).bind(bind.to_owned()).fetch_one(&mut *conn).await.expect("count")
}

/// Plans (twice, as two instances would) and runs every due job.
async fn tick(app: &App) {
    opo_app::planning::plan(app).await.expect("plan");
    opo_app::planning::plan(app).await.expect("plan again");
    while opo_app::jobs::run_due(app, "test-worker", 100).await.expect("run").done > 0 {}
}

fn answers(consent: &str, page_changes: &str) -> QuestionnaireInput {
    QuestionnaireInput {
        experience_rating: "5".into(),
        experience: "A good year of working together.".into(),
        commitment: "Two implementer workshops.".into(),
        page_changes: page_changes.into(),
        consent: consent.into(),
        consent_notes: "Only projects we lead".into(),
    }
}

fn post(kind: &str, title: &str) -> PostInput {
    PostInput {
        kind: kind.into(),
        title: title.into(),
        summary: "What changed in the districts.".into(),
        body: "It began with **one clinic**.".into(),
        ..PostInput::default()
    }
}

async fn staff_user(app: &App, id: i64) -> User {
    opo_app::accounts::find(app, id).await.expect("assignee")
}

#[tokio::test]
async fn three_years_of_check_ins_fall_due_are_answered_recorded_and_escalated() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock): (&App, &ManualClock) = (&demo.app, &demo.clock);
        let (slug, org, joined, contact) = partner(app).await;
        let contact_actor = Actor::user(&contact, "198.51.100.9");
        let poc: String = {
            let mut conn = app.db.read().await.expect("conn");
            sqlx::query_scalar("select email from contacts where organization_id = $1 and is_mail_poc = 1")
                .bind(org)
                .fetch_one(&mut *conn)
                .await
                .expect("mail point of contact")
        };
        // The partnership stays in force throughout (its agreement re-signed), so it stays listed.
        {
            let mut conn = app.db.read().await.expect("conn");
            sqlx::query("update agreements set expires_on = '2099-12-31' where organization_id = $1")
                .bind(org)
                .execute(&mut *conn)
                .await
                .expect("agreement in force");
        }
        let start = clock.now();
        let anniversaries: Vec<time::Date> = (1..=3)
            .scan(start.date(), |today, _| {
                let due = opo_domain::checkins::next_due(joined, *today);
                *today = due + Duration::days(1);
                Some(due)
            })
            .collect();
        let end = anniversaries[2] + Duration::days(7);
        let mut seen: BTreeMap<time::Date, Status> = BTreeMap::new();
        let mut first_tick = true;
        while clock.now().date() <= end {
            tick(app).await;
            for checkin in checkins::of_organization(app, org).await.expect("check-ins") {
                let first_time = !seen.contains_key(&checkin.due_on);
                seen.insert(checkin.due_on, checkin.status);
                let year = anniversaries.iter().position(|d| *d == checkin.due_on).expect("an anniversary");
                if first_time {
                    let today = clock.now().date();
                    assert!(checkin.due_on - today <= Duration::days(30), "opened at most 30 days ahead");
                    assert!(
                        first_tick || checkin.due_on - today > Duration::days(22),
                        "opened within the week it came into range"
                    );
                    assert_eq!(checkin.status, Status::QuestionnaireSent);
                    assert!(checkin.assignee_user_id.is_some(), "assigned round-robin");
                }
                match (year, checkin.status) {
                    (0, Status::QuestionnaireSent) => first_year(app, &checkin, &slug, &contact, &contact_actor).await,
                    (0, Status::Answered) => {
                        let assignee = staff_user(app, checkin.assignee_user_id.expect("assignee")).await;
                        let by = Actor::user(&assignee, "203.0.113.4");
                        // Another organization's contact (none here) and an empty record are refused.
                        let err = checkins::record(app, checkin.id, &assignee, " ", "", &by).await.expect_err("empty");
                        assert!(matches!(err, AppError::Invalid(ref e) if e.len() == 2), "{err:?}");
                        checkins::record(app, checkin.id, &assignee, "Talked for an hour.", "Renewed commitment", &by)
                            .await
                            .expect("recorded");
                    }
                    (2, Status::QuestionnaireSent) => {
                        checkins::answer(app, checkin.id, &contact, &answers("none", ""), &contact_actor)
                            .await
                            .expect("third year's answers");
                    }
                    _ => {}
                }
            }
            clock.advance(Duration::days(7));
            first_tick = false;
        }
        assert_eq!(seen.keys().copied().collect::<Vec<_>>(), anniversaries, "one check-in per anniversary");
        let all = checkins::of_organization(app, org).await.expect("check-ins");
        assert_eq!(all.len(), 3);
        let by_year: Vec<Status> = all.iter().rev().map(|c| c.status).collect();
        assert_eq!(by_year, [Status::Completed, Status::Escalated, Status::Answered]);
        assert!(all[1].escalated_at.is_some() && all[0].escalated_at.is_none() && all[2].escalated_at.is_none());

        let questionnaires = count(
            app,
            "select count(*) from outbox_emails where kind = 'checkin-questionnaire' and to_address = $1",
            &poc,
        )
        .await;
        assert_eq!(questionnaires, 3, "each questionnaire reaches the outbox once");
        let name = all[0].organization_name.clone();
        let escalations = count(
            app,
            "select count(*) from outbox_emails where kind = 'checkin-overdue' and subject = $1",
            &format!("Overdue check-in: {name}"),
        )
        .await;
        assert_eq!(escalations, 1, "the unanswered check-in is escalated once");

        // Answering "none" in the third year withdrew the consent: a new impact story needs it again.
        let story = showcase::create(app, &post("impact-story", "A later story"), Some(&slug), &Actor::cli())
            .await
            .expect("story");
        assert!(matches!(showcase::publish(app, story, &Actor::cli()).await, Err(AppError::Conflict(_))));

        // Round-robin spread the check-ins of every partner over the secretariat and the committee.
        let mut conn = app.db.read().await.expect("conn");
        let assignees: Vec<(i64, i64)> = sqlx::query_as(
            "select assignee_user_id, count(*) from checkins where assignee_user_id is not null group by assignee_user_id",
        )
        .fetch_all(&mut *conn)
        .await
        .expect("assignees");
        let staff: i64 = sqlx::query_scalar(
            "select count(*) from users where role in ('secretariat', 'committee') and status = 'active'",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("staff");
        assert_eq!(assignees.len() as i64, staff, "everyone got check-ins: {assignees:?}");
        let (most, least) = (assignees.iter().map(|a| a.1).max(), assignees.iter().map(|a| a.1).min());
        assert!(most.zip(least).is_some_and(|(m, l)| m - l <= 3), "spread evenly: {assignees:?}");
        let audited: i64 = sqlx::query_scalar(
            "select count(*) from audit_log where action in ('checkin.scheduled', 'checkin.answered', \
             'checkin.completed', 'checkin.escalated')",
        )
        .fetch_one(&mut *conn)
        .await
        .expect("audit");
        assert!(audited >= 7, "scheduled, answered, completed and escalated are audited: {audited}");
    }
}

/// The first year: the partner answers with consent to impact stories and page changes.
async fn first_year(app: &App, checkin: &CheckIn, slug: &str, contact: &User, actor: &Actor) {
    let bad = QuestionnaireInput { experience_rating: "7".into(), ..answers("impact_stories", "") };
    assert!(matches!(checkins::answer(app, checkin.id, contact, &bad, actor).await, Err(AppError::Invalid(_))));
    // Before the answers, no story about the partner may be published.
    let early =
        showcase::create(app, &post("impact-story", "An early story"), Some(slug), &Actor::cli()).await.expect("story");
    assert!(matches!(showcase::publish(app, early, &Actor::cli()).await, Err(AppError::Conflict(_))));

    let changes = "Please add our new office in Nairobi.";
    checkins::answer(app, checkin.id, contact, &answers("impact_stories", changes), actor).await.expect("answered");
    let answered = checkins::get(app, checkin.id).await.expect("check-in");
    assert_eq!(answered.status, Status::Answered);
    assert_eq!(checkins::answers(&answered).map(|a| a.experience_rating), Some(5));

    // Consent to impact stories: the story may now be published, a blog still may not.
    showcase::publish(app, early, &Actor::cli()).await.expect("the impact story is published");
    let blog = showcase::create(app, &post("blog", "A blog post"), Some(slug), &Actor::cli()).await.expect("blog");
    assert!(matches!(showcase::publish(app, blog, &Actor::cli()).await, Err(AppError::Conflict(_))));

    // The page changes opened a version of the partner page, from the public profile, for review.
    let versions = checkins::page_versions(app, &answered).await.expect("versions");
    assert_eq!(versions.len(), 1);
    assert!(versions[0].application_id.is_none() && versions[0].note.contains(changes));
    let mut page = opo_app::pages::content_of(&versions[0]);
    let profile = opo_app::partners::record(app, slug).await.expect("record");
    assert_eq!(page.name, profile.card.name);
    page.short_description = "Health information systems, now also from Nairobi.".into();
    let secretariat = opo_app::accounts::find(app, secretariat_id(app).await).await.expect("secretariat");
    let staff = Actor::user(&secretariat, "203.0.113.5");
    let apply_early = checkins::apply_page(app, checkin.id, &secretariat, &staff).await;
    assert!(matches!(apply_early, Err(AppError::Conflict(_))), "not before the partner approves");
    let number =
        checkins::revise_page(app, checkin.id, &secretariat, &page, "Nairobi office", &staff).await.expect("v2");
    assert!(matches!(
        checkins::revise_page(app, checkin.id, contact, &page, "", actor).await,
        Err(AppError::Forbidden(_))
    ));
    checkins::approve_page(app, checkin.id, contact, number, actor).await.expect("approved");
    checkins::apply_page(app, checkin.id, &secretariat, &staff).await.expect("published");
    let updated = opo_app::partners::record(app, slug).await.expect("record");
    assert_eq!(updated.card.short_description, "Health information systems, now also from Nairobi.");
}

async fn secretariat_id(app: &App) -> i64 {
    let mut conn = app.db.read().await.expect("conn");
    sqlx::query_scalar("select id from users where role = 'secretariat' order by id limit 1")
        .fetch_one(&mut *conn)
        .await
        .expect("secretariat")
}

#[tokio::test]
async fn a_check_in_is_assigned_by_hand_and_answered_only_by_its_own_organization() {
    for demo in opo_app::testing::demo_apps().await {
        let app = &demo.app;
        let (_, org, joined, contact) = partner(app).await;
        // Move the clock to 10 days before the next anniversary.
        let due = opo_domain::checkins::next_due(joined, demo.clock.now().date() + Duration::days(31));
        let target = due - Duration::days(10);
        demo.clock.advance(Duration::days((target - demo.clock.now().date()).whole_days()));
        tick(app).await;
        let checkin = checkins::of_organization(app, org).await.expect("list").remove(0);
        assert_eq!(checkin.due_on, due);
        let other = {
            let mut conn = app.db.read().await.expect("conn");
            let id: i64 = sqlx::query_scalar(
                "select u.id from users u where u.role = 'partner' and u.organization_id <> $1 order by u.id limit 1",
            )
            .bind(org)
            .fetch_one(&mut *conn)
            .await
            .expect("another contact");
            id
        };
        let other = opo_app::accounts::find(app, other).await.expect("user");
        let refused = checkins::answer(app, checkin.id, &other, &answers("all", ""), &Actor::cli()).await;
        assert!(matches!(refused, Err(AppError::Forbidden(_))), "{refused:?}");

        let committee: i64 = {
            let mut conn = app.db.read().await.expect("conn");
            sqlx::query_scalar("select id from users where role = 'committee' order by id desc limit 1")
                .fetch_one(&mut *conn)
                .await
                .expect("member")
        };
        checkins::assign(app, checkin.id, committee, &Actor::cli()).await.expect("assigned");
        assert!(matches!(
            checkins::assign(app, checkin.id, contact.id, &Actor::cli()).await,
            Err(AppError::Invalid(_))
        ));
        let mine = checkins::assigned_to(app, committee).await.expect("mine");
        assert!(mine.iter().any(|c| c.id == checkin.id));
        let board = checkins::board(app).await.expect("board");
        assert!(board.due.iter().any(|c| c.id == checkin.id) && board.overdue.is_empty());
        // Only the assignee or the secretariat records it.
        let member = opo_app::accounts::find(app, committee).await.expect("member");
        let contact_record = checkins::record(app, checkin.id, &contact, "notes", "outcome", &Actor::cli()).await;
        assert!(matches!(contact_record, Err(AppError::Forbidden(_))));
        checkins::record(app, checkin.id, &member, "notes", "outcome", &Actor::cli()).await.expect("recorded");
        let again = checkins::record(app, checkin.id, &member, "notes", "outcome", &Actor::cli()).await;
        assert!(matches!(again, Err(AppError::Conflict(_))), "completed is final");
    }
}
