//! The partnership workflow through its use cases, from an expression of interest to the
//! announcement, on both backends; and the moves the program refuses.

mod support;

use opo_app::applications;
use opo_app::{Actor, App, AppError, accounts, agreements, pages, reviews};
use opo_domain::applications::Stage;
use opo_domain::clock::Clock;
use opo_domain::reviews::{Decision, Vote};
use opo_store::notifications::Email;
use support::{interest, people, to_review};
use time::Duration;

async fn outbox(app: &App) -> Vec<Email> {
    opo_app::worker::recent(app, 500).await.expect("outbox")
}

async fn mail_to(app: &App, to: &str, kind: &str) -> Vec<Email> {
    outbox(app).await.into_iter().filter(|e| e.to == to && e.kind == kind).collect()
}

fn conflict(result: Result<impl std::fmt::Debug, AppError>) -> String {
    match result {
        Err(AppError::Conflict(clash)) => clash.message,
        Err(AppError::Forbidden(message)) => message,
        other => panic!("expected a refusal, got {other:?}"),
    }
}

#[tokio::test]
async fn an_organization_goes_from_interest_to_announcement() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        let p = people(app).await;
        let staff = Actor::user(&p.secretariat, "192.0.2.1");
        let (id, awa) = to_review(app, clock, &p).await;
        let me = Actor::user(&awa, "198.51.100.9");

        let thanks = mail_to(app, "awa@sahel-data.example", "interest-received").await;
        assert_eq!(thanks.len(), 1, "one confirmation with a sign-in link");
        assert!(thanks[0].body_text.contains("/sign-in/link?token="), "{}", thanks[0].body_text);
        let call = mail_to(app, "awa@sahel-data.example", "intro-call").await;
        let ics = &call[0].attachment.as_ref().expect("an invitation").body;
        assert!(ics.contains("SEQUENCE:0") && ics.contains("METHOD:REQUEST"), "{ics}");
        for member in &p.members {
            assert_eq!(mail_to(app, &member.email, "review-requested").await.len(), 1, "{}", member.email);
        }

        let question = "Which ministries do you work with today?";
        reviews::request_info(app, id, question, &Actor::user(&p.members[0], "")).await.expect("asked");
        let asked = mail_to(app, "awa@sahel-data.example", "info-requested").await;
        assert!(asked[0].body_text.contains(question));
        reviews::answer_info(app, id, &awa, "The Ministry of Health of Mali.", &me).await.expect("answered");
        assert_eq!(applications::find(app, id).await.expect("app").stage, Stage::UnderReview);

        for member in &p.members {
            reviews::vote(app, id, member, Vote::Approve, "A good fit.", &Actor::user(member, "")).await.expect("vote");
        }
        reviews::decide(app, id, Decision::Approve, "Strong registry experience.", &staff).await.expect("approved");
        assert_eq!(mail_to(app, "awa@sahel-data.example", "application-approved").await.len(), 1);

        assert_eq!(pages::draft(app, id, &staff).await.expect("drafted"), 1);
        let application = applications::find(app, id).await.expect("app");
        let review = pages::review_of(app, &application).await.expect("review");
        let mut proposed = pages::content_of(&review.revisions[0]);
        proposed.short_description = "Registries and district health data across the Sahel.".into();
        let second = pages::revise(app, id, &awa, &proposed, "A clearer summary", &me).await.expect("revised");
        let rows = pages::compare(app, &application, 1, second).await.expect("compared");
        assert!(rows.iter().any(|r| r.change != opo_domain::compare::Change::Same), "the versions differ");
        pages::comment(app, id, &p.secretariat, second, "Looks good to us.", &staff).await.expect("comment");
        pages::approve(app, id, &awa, second, &me).await.expect("approved page");
        let slug = pages::announce(app, id, &staff).await.expect("announced");

        let profile = opo_app::partners::profile(app, "sahel-data-lab").await.expect("a public profile");
        assert_eq!(profile.card.short_description, proposed.short_description);
        let news = opo_app::posts::published(app, &slug).await.expect("the announcement");
        assert!(news.card.title.contains("Sahel Data Lab"));
        let timeline = applications::timeline(app, id, true).await.expect("timeline");
        let kinds: Vec<_> = timeline.iter().map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds.first(), Some(&"interest"));
        assert_eq!(kinds.last(), Some(&"announced"));
        assert!(!kinds.contains(&"vote"), "votes are not shown to the applicant: {kinds:?}");
        let signature =
            agreements::signature(app, applications::find(app, id).await.expect("app").agreement_id.expect("signed"))
                .await
                .expect("read")
                .expect("a signature");
        let template = agreements::current(app).await.expect("template");
        assert!(agreements::matches(&signature, &template.body), "the signed text verifies");
        assert!(!agreements::matches(&signature, &format!("{} ", template.body)), "a changed text does not");
        assert_eq!(signature.expires_on, opo_domain::agreements::expires_on(signature.signed_at));
    }
}

#[tokio::test]
async fn the_program_refuses_moves_it_does_not_allow() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        let p = people(app).await;
        let staff = Actor::user(&p.secretariat, "");
        let (id, awa) = to_review(app, clock, &p).await;
        let ana = &p.members[0];

        let message = conflict(reviews::decide(app, id, Decision::Approve, "Looks fine.", &staff).await);
        assert!(message.contains("no quorum"), "{message}");
        reviews::vote(app, id, ana, Vote::Approve, "", &Actor::user(ana, "")).await.expect("first vote");
        let message = conflict(reviews::vote(app, id, ana, Vote::Decline, "", &Actor::user(ana, "")).await);
        assert!(message.contains("already voted"), "{message}");
        let message = conflict(pages::announce(app, id, &staff).await);
        assert!(message.contains("not possible while the application is at \"Committee review\""), "{message}");

        // A contact of another organization cannot sign, answer or withdraw for this one.
        let other = accounts::AddUser {
            email: "mallory@elsewhere.example".into(),
            display_name: "Mallory".into(),
            role: "partner".into(),
            organization: Some("kijiji-health".into()),
        };
        let mallory = accounts::find(app, accounts::add_user(app, &other, &Actor::cli()).await.expect("added"))
            .await
            .expect("user");
        let message = conflict(applications::withdraw(app, id, &mallory, "", &Actor::user(&mallory, "")).await);
        assert!(message.contains("only a contact of Sahel Data Lab"), "{message}");

        // A second expression of interest naming the same organization gets an organization of its own,
        // flagged as perhaps the same for the secretariat: nobody joins an organization by naming it.
        let again = applications::express_interest(app, &interest(), &Actor::system()).await.expect("received");
        assert_ne!(again.application_id, id);
        let second = applications::find(app, again.application_id).await.expect("application");
        let first = applications::find(app, id).await.expect("application");
        assert_ne!(second.organization_id, first.organization_id);
        assert_eq!(second.resembles.as_ref().map(|r| r.0.as_str()), Some(first.organization_slug.as_str()));
        applications::withdraw(app, id, &awa, "Not now.", &Actor::user(&awa, "")).await.expect("withdrawn");
    }
}

#[tokio::test]
async fn unanswered_questions_are_reminded_then_expire_and_each_reminder_goes_once() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        let p = people(app).await;
        let (id, _) = to_review(app, clock, &p).await;
        reviews::request_info(app, id, "Who funds you?", &Actor::user(&p.secretariat, "")).await.expect("asked");

        clock.advance(Duration::days(12));
        applications::sweep(app).await.expect("sweep");
        applications::sweep(app).await.expect("second sweep");
        assert_eq!(mail_to(app, "awa@sahel-data.example", "info-reminder").await.len(), 1, "reminded once");
        assert_eq!(applications::find(app, id).await.expect("app").stage, Stage::InfoRequested);

        clock.advance(Duration::days(3));
        applications::sweep(app).await.expect("sweep");
        let application = applications::find(app, id).await.expect("app");
        assert_eq!(application.stage, Stage::UnderReview, "back in review without an answer");
        assert_eq!(application.review_round, 2);
        assert_eq!(mail_to(app, &app.settings.secretariat_email, "info-expired").await.len(), 1);
    }
}

#[tokio::test]
async fn an_idle_draft_is_reminded_once_and_a_moved_call_raises_the_sequence() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        let p = people(app).await;
        let staff = Actor::user(&p.secretariat, "");
        let id =
            applications::express_interest(app, &interest(), &Actor::system()).await.expect("interest").application_id;
        applications::schedule_call(app, id, clock.now() + Duration::days(2), 30, &staff).await.expect("call");
        applications::schedule_call(app, id, clock.now() + Duration::days(4), 45, &staff).await.expect("moved");
        let calls = mail_to(app, "awa@sahel-data.example", "intro-call").await;
        let sequences: Vec<bool> =
            calls.iter().map(|e| e.attachment.as_ref().is_some_and(|a| a.body.contains("SEQUENCE:1"))).collect();
        assert_eq!(sequences.iter().filter(|s| **s).count(), 1, "the moved call has SEQUENCE:1");
        let uids: std::collections::HashSet<_> = calls
            .iter()
            .filter_map(|e| e.attachment.as_ref()?.body.lines().find(|l| l.starts_with("UID:")).map(str::to_owned))
            .collect();
        assert_eq!(uids.len(), 1, "one UID for both versions");

        applications::invite(app, id, &staff).await.expect("invited");
        clock.advance(Duration::days(8));
        applications::sweep(app).await.expect("sweep");
        applications::sweep(app).await.expect("again");
        assert_eq!(mail_to(app, "awa@sahel-data.example", "application-reminder").await.len(), 1);
        let board = applications::board(app, &[], true, None).await.expect("board");
        assert!(board.rows.iter().all(|r| r.late), "only late ones when asked");
    }
}
