//! Two people editing the same partner page at once, through the use cases, on both backends: the
//! second save, built on a version that is no longer the newest, is refused with who saved what in
//! between; nothing is overwritten, and saving again on top of the newest version works. Two saves at
//! the very same moment let exactly one in.

mod support;

use opo_app::{Actor, App, AppError, pages, reviews};
use opo_domain::pages::PageContent;
use opo_domain::reviews::{Decision, Vote};
use support::{people, to_review};

async fn newest(app: &App, id: i64) -> (i64, PageContent) {
    let application = opo_app::applications::find(app, id).await.expect("application");
    let review = pages::review_of(app, &application).await.expect("review");
    let newest = review.revisions.iter().max_by_key(|r| r.number).expect("a version");
    (newest.number, pages::content_of(newest))
}

fn refusal(result: Result<i64, AppError>) -> String {
    match result {
        Err(AppError::Conflict(clash)) => {
            assert!(clash.code.starts_with("page-"), "a refusal about the page: {clash:?}");
            clash.message
        }
        other => panic!("expected the save to be refused as stale, got {other:?}"),
    }
}

#[tokio::test]
async fn a_stale_page_save_is_refused_with_the_other_changes_and_nothing_is_overwritten() {
    for demo in opo_app::testing::demo_apps().await {
        let app = &demo.app;
        let p = people(app).await;
        let olu = Actor::user(&p.secretariat, "192.0.2.1");
        let (id, awa) = to_review(app, &demo.clock, &p).await;
        for member in &p.members {
            reviews::vote(app, id, member, Vote::Approve, "Yes.", &Actor::user(member, "")).await.expect("vote");
        }
        reviews::decide(app, id, Decision::Approve, "Good fit.", &olu).await.expect("approved");
        assert_eq!(pages::draft(app, id, &olu).await.expect("drafted"), 1);
        let second_officer = support::user(app, "zoe@secretariat.example", "Zoe Officer", "secretariat").await;
        let zoe = Actor::user(&second_officer, "192.0.2.2");

        // Both open version 1.
        let (base, opened) = newest(app, id).await;
        assert_eq!(base, 1);
        let mut olus = opened.clone();
        olus.short_description = "Registries and district health data across the Sahel.".into();
        olus.description = format!("{}\n\nWe also train district data officers.", opened.description);
        let mut zoes = opened.clone();
        zoes.name = "Sahel Data Laboratory".into();

        let saved = pages::revise_from(app, id, &p.secretariat, &olus, "Clearer summary", Some(base), &olu).await;
        assert_eq!(saved.expect("the first save"), 2);
        let message = refusal(pages::revise_from(app, id, &second_officer, &zoes, "Full name", Some(base), &zoe).await);
        assert!(message.contains("Version 2 of this page was saved by officer@secretariat.example"), "{message}");
        assert!(message.contains("while you were editing version 1"), "{message}");
        assert!(message.contains("What you typed is kept"), "{message}");
        assert!(message.contains("− District health information systems for the Sahel."), "the old line: {message}");
        assert!(message.contains("+ Registries and district health data across the Sahel."), "their line: {message}");
        assert!(message.contains("+ We also train district data officers."), "their added line: {message}");
        assert!(message.contains("now builds on version 2"), "{message}");

        let (number, stored) = newest(app, id).await;
        assert_eq!(number, 2, "the refused save added no version");
        assert_eq!(stored.name, opened.name, "the first officer's version stands");
        assert_eq!(stored.short_description, olus.short_description);

        // Zoe merges and saves on top of version 2.
        let mut merged = stored.clone();
        merged.name = zoes.name.clone();
        let third = pages::revise_from(app, id, &second_officer, &merged, "Full name", Some(2), &zoe).await;
        assert_eq!(third.expect("saved on top of the newest"), 3);
        let (_, stored) = newest(app, id).await;
        assert_eq!(
            (stored.name.as_str(), stored.short_description.as_str()),
            (merged.name.as_str(), olus.short_description.as_str())
        );

        // The partner editing from an old version is refused the same way.
        let me = Actor::user(&awa, "198.51.100.9");
        let message = refusal(pages::revise_from(app, id, &awa, &opened, "Ours", Some(2), &me).await);
        assert!(message.contains("Version 3 of this page was saved by zoe@secretariat.example"), "{message}");
        assert!(message.contains("− # Sahel Data Lab") && message.contains("+ # Sahel Data Laboratory"), "{message}");

        // Two saves on top of version 3 at the same moment: one goes in, the other is refused.
        let mut a = merged.clone();
        a.website = "https://sahel-data.example/en".into();
        let mut b = merged.clone();
        b.website = "https://sahel-data.example/fr".into();
        let (first, second) = tokio::join!(
            pages::revise_from(app, id, &p.secretariat, &a, "English site", Some(3), &olu),
            pages::revise_from(app, id, &second_officer, &b, "French site", Some(3), &zoe),
        );
        let results = [first, second];
        let saved: Vec<i64> = results.iter().filter_map(|r| r.as_ref().ok().copied()).collect();
        assert_eq!(saved, vec![4], "exactly one of the simultaneous saves: {results:?}");
        let refused = results.iter().filter(|r| matches!(r, Err(AppError::Conflict(_)))).count();
        assert_eq!(refused, 1, "the other is refused as a conflict: {results:?}");
        assert_eq!(newest(app, id).await.0, 4);

        // Callers that do not say what they started from still add a version.
        assert_eq!(pages::revise(app, id, &awa, &a, "", &me).await.expect("unchecked"), 5);
    }
}
