//! The secretariat's board and the committee's review pages through the real router, over the demo data
//! on both backends: counts that match the database, the moves each stage offers, a vote cast once,
//! forms that come back with what was typed, and who may not use them.

mod support;

use axum::http::{StatusCode, header};
use opo_domain::accounts::Role;
use opo_domain::applications::Stage;
use opo_domain::clock::Clock;
use support::{TestApp, each_app, html, scaled_apps};

impl TestApp {
    /// The first application at `stage`, with its organization's name.
    async fn application_at(&self, stage: Stage) -> (i64, String) {
        let mut conn = self.app.db.read().await.expect("conn");
        sqlx::query_as(
            "select a.id, o.name from applications a join organizations o on o.id = a.organization_id \
             where a.stage = $1 order by a.id limit 1",
        )
        .bind(stage.key())
        .fetch_one(&mut *conn)
        .await
        .expect("an application at this stage")
    }

    async fn stage_of(&self, id: i64) -> String {
        let mut conn = self.app.db.read().await.expect("conn");
        sqlx::query_scalar("select stage from applications where id = $1")
            .bind(id)
            .fetch_one(&mut *conn)
            .await
            .expect("stage")
    }

    async fn votes_of(&self, id: i64, user: i64) -> i64 {
        let mut conn = self.app.db.read().await.expect("conn");
        sqlx::query_scalar("select count(*) from votes where application_id = $1 and user_id = $2")
            .bind(id)
            .bind(user)
            .fetch_one(&mut *conn)
            .await
            .expect("votes")
    }
}

/// The row of the counts table for `stage`.
fn count_row(body: &str, stage: Stage) -> &str {
    let start = body.find(&format!("?stage={}\">", stage.key())).unwrap_or_else(|| panic!("a row for {stage:?}"));
    let rest = &body[start..];
    &rest[..rest.find("</tr>").expect("end of row")]
}

/// The row of the committee's queue for application `id`.
fn row_of(body: &str, id: i64) -> &str {
    let start = body.find(&format!("href=\"/committee/applications/{id}\"")).expect("a row for the application");
    let rest = &body[start..];
    &rest[..rest.find("</tr>").expect("end of row")]
}

#[tokio::test]
async fn the_board_counts_every_stage_and_what_is_late_as_the_database_does() {
    for t in each_app().await {
        // A week and a day later, some applications have overstayed their stage.
        t.clock.advance(time::Duration::days(8));
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        let page = t.get("/secretariat/applications", Some(&secretariat)).await;
        assert_eq!(page.status, StatusCode::OK);

        let counts: Vec<(String, i64)> = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_as("select stage, count(*) from applications group by stage")
                .fetch_all(&mut *conn)
                .await
                .expect("counts")
        };
        let all = {
            let mut conn = t.app.db.read().await.expect("conn");
            opo_store::applications::list(&mut conn, &Default::default()).await.expect("applications")
        };
        let now = t.clock.now();
        let late = |stage: Stage| {
            let limits = &t.app.settings.stage_limits;
            all.iter().filter(|a| a.stage == stage && limits.is_late(a.stage, a.stage_entered_at, now)).count()
        };
        let total_late: usize = Stage::ALL.iter().map(|s| late(*s)).sum();
        assert!(total_late > 0, "the demo has late applications a week later");
        for stage in Stage::ALL {
            let expected = counts.iter().find(|(key, _)| key == stage.key()).map_or(0, |(_, n)| *n);
            let row = count_row(&page.body, stage);
            assert!(row.contains(&format!("<td>{expected}</td>")), "{stage:?}: {row}");
            match late(stage) {
                0 => assert!(row.ends_with("<td>0</td>"), "{stage:?} has none late: {row}"),
                n => assert!(row.contains(&format!("{n} late</span>")), "{stage:?} has {n} late: {row}"),
            }
        }

        // Every application under way is listed, each linked to its page.
        let under_way: Vec<_> = all.iter().filter(|a| !a.stage.is_final()).collect();
        for application in &under_way {
            assert!(page.body.contains(&format!("href=\"/secretariat/applications/{}\"", application.id)));
            assert!(page.body.contains(&html(&application.organization_name)));
        }

        // Filters: one stage, and only what is late.
        let (intro, intro_name) = t.application_at(Stage::IntroCall).await;
        let filtered = t.get("/secretariat/applications?stage=intro_call", Some(&secretariat)).await;
        assert_eq!(filtered.status, StatusCode::OK);
        assert!(filtered.body.contains(&format!("href=\"/secretariat/applications/{intro}\"")));
        for other in under_way.iter().filter(|a| a.stage != Stage::IntroCall) {
            assert!(!filtered.body.contains(&format!("href=\"/secretariat/applications/{}\"", other.id)));
        }
        assert!(filtered.body.contains(&html(&intro_name)));
        let late_only = t.get("/secretariat/applications?late=1", Some(&secretariat)).await;
        assert_eq!(late_only.body.matches("<tr class=\"is-late\">").count(), total_late);
        assert_eq!(late_only.body.matches("href=\"/secretariat/applications/").count(), total_late);
    }
}

#[tokio::test]
async fn the_page_of_an_application_shows_its_organization_and_the_moves_of_its_stage() {
    for t in each_app().await {
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        let (intro, intro_name) = t.application_at(Stage::IntroCall).await;
        let page = t.get(&format!("/secretariat/applications/{intro}"), Some(&secretariat)).await;
        assert_eq!(page.status, StatusCode::OK);
        assert!(page.body.contains(&format!("<h1>{}</h1>", html(&intro_name))), "the organization is named");
        for form in ["call", "call-notes", "invite", "decline"] {
            assert!(page.body.contains(&format!("action=\"/secretariat/applications/{intro}/{form}\"")), "{form}");
        }
        for form in ["send-to-committee", "decision", "page/draft", "announce"] {
            assert!(!page.body.contains(&format!("action=\"/secretariat/applications/{intro}/{form}\"")), "{form}");
        }
        assert!(page.body.contains(&format!("src=\"/secretariat/applications/{intro}/logo?v=")), "the logo is shown");

        let (submitted, _) = t.application_at(Stage::Submitted).await;
        let page = t.get(&format!("/secretariat/applications/{submitted}"), Some(&secretariat)).await;
        assert!(page.body.contains(&format!("action=\"/secretariat/applications/{submitted}/send-to-committee\"")));
        assert!(!page.body.contains(&format!("action=\"/secretariat/applications/{submitted}/invite\"")));

        // The logo is served as an image that can never act as a page.
        let logo = t.get(&format!("/secretariat/applications/{intro}/logo"), Some(&secretariat)).await;
        assert_eq!(logo.status, StatusCode::OK);
        assert!(logo.header(header::CONTENT_TYPE).starts_with("image/"), "{}", logo.header(header::CONTENT_TYPE));
        assert_eq!(logo.header(header::CONTENT_SECURITY_POLICY), "default-src 'none'; style-src 'unsafe-inline'");
        assert_eq!(logo.header(header::X_CONTENT_TYPE_OPTIONS), "nosniff");
    }
}

#[tokio::test]
async fn a_committee_member_votes_once_and_a_second_vote_is_refused_on_the_page() {
    for t in each_app().await {
        let (member, committee) = t.signed_in(Role::Committee, None).await;
        let (id, name) = t.application_at(Stage::UnderReview).await;

        let queue = t.get("/committee/applications", Some(&committee)).await;
        assert_eq!(queue.status, StatusCode::OK);
        assert!(queue.body.contains(&format!("href=\"/committee/applications/{id}\"")));
        assert!(queue.body.contains(&html(&name)));
        assert!(row_of(&queue.body, id).contains("Not voted yet"));

        let review = t.get(&format!("/committee/applications/{id}"), Some(&committee)).await;
        assert_eq!(review.status, StatusCode::OK);
        assert!(review.body.contains(&format!("action=\"/committee/applications/{id}/votes\"")));
        assert!(review.body.contains(&format!("action=\"/committee/applications/{id}/info-requests\"")));
        assert!(!review.body.contains("method=\"post\" action=\"/secretariat/"), "no move of the secretariat's");

        let vote = [("vote", "approve"), ("comment", "A strong fit for the supply chain work.")];
        let first = t.post(&format!("/committee/applications/{id}/votes"), Some(&committee), &vote).await;
        assert_eq!(first.status, StatusCode::SEE_OTHER);
        assert_eq!(first.header(header::LOCATION), format!("/committee/applications/{id}"));
        assert_eq!(t.votes_of(id, member).await, 1);

        let after = t.get(&format!("/committee/applications/{id}"), Some(&committee)).await;
        assert!(after.body.contains("You voted: <strong>Approve</strong>"), "the vote is shown");
        assert!(!after.body.contains("name=\"vote\" value=\"approve\""), "no second vote form");
        let queue = t.get("/committee/applications", Some(&committee)).await;
        assert!(row_of(&queue.body, id).contains("<td>Approve</td>"), "the queue shows the member's vote");

        let second =
            t.post(&format!("/committee/applications/{id}/votes"), Some(&committee), &[("vote", "decline")]).await;
        assert_eq!(second.status, StatusCode::CONFLICT);
        assert!(second.body.contains("role=\"alert\""), "the refusal is announced");
        assert!(second.body.contains("already voted"), "the page says why");
        assert!(second.body.contains(&format!("<h1>{}</h1>", html(&name))), "the page is drawn again");
        assert_eq!(t.votes_of(id, member).await, 1);

        // A vote that is no choice at all comes back too.
        let (_, other) = t.signed_in(Role::Committee, None).await;
        let blank = t.post(&format!("/committee/applications/{id}/votes"), Some(&other), &[("comment", "Hmm")]).await;
        assert_eq!(blank.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(blank.body.contains(">Hmm</textarea>"), "the comment is kept");
    }
}

#[tokio::test]
async fn the_secretariat_moves_belong_to_the_secretariat_and_the_board_to_the_staff() {
    for t in each_app().await {
        let (_, committee) = t.signed_in(Role::Committee, None).await;
        let (intro, _) = t.application_at(Stage::IntroCall).await;
        let refused = t.post(&format!("/secretariat/applications/{intro}/invite"), Some(&committee), &[]).await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN);
        assert_eq!(t.stage_of(intro).await, "intro_call", "nothing moved");
        let page = t.get(&format!("/secretariat/applications/{intro}"), Some(&committee)).await;
        assert_eq!(page.status, StatusCode::FORBIDDEN);

        let organization = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar::<_, i64>("select organization_id from applications where id = $1")
                .bind(intro)
                .fetch_one(&mut *conn)
                .await
                .expect("organization")
        };
        let (_, partner) = t.signed_in(Role::PartnerContact, Some(organization)).await;
        assert_eq!(t.get("/secretariat/applications", Some(&partner)).await.status, StatusCode::FORBIDDEN);
        assert_eq!(t.get("/committee/applications", Some(&partner)).await.status, StatusCode::FORBIDDEN);
        let (under_review, _) = t.application_at(Stage::UnderReview).await;
        let votes = format!("/committee/applications/{under_review}/votes");
        assert_eq!(t.post(&votes, Some(&partner), &[("vote", "approve")]).await.status, StatusCode::FORBIDDEN);

        // The secretariat reads the committee's pages but does not vote.
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        assert_eq!(t.get("/committee/applications", Some(&secretariat)).await.status, StatusCode::OK);
        assert_eq!(t.post(&votes, Some(&secretariat), &[("vote", "approve")]).await.status, StatusCode::FORBIDDEN);
    }
}

#[tokio::test]
async fn a_bad_call_date_comes_back_with_what_was_typed() {
    for t in each_app().await {
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        let (intro, _) = t.application_at(Stage::IntroCall).await;
        let typed = [("date", "2026-13-45"), ("time", "10:30"), ("minutes", "45")];
        let answer = t.post(&format!("/secretariat/applications/{intro}/call"), Some(&secretariat), &typed).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("value=\"2026-13-45\""), "the date as typed");
        assert!(answer.body.contains("value=\"10:30\""), "the time as typed");
        assert!(answer.body.contains("value=\"45\""), "the length as typed");
        assert!(answer.body.contains("enter the date of the call as YYYY-MM-DD"));
        assert!(answer.body.contains(
            "id=\"call-date\" name=\"date\" type=\"date\" required value=\"2026-13-45\" aria-invalid=\"true\""
        ));

        // A call in the past is refused by the use case, with the form kept just the same.
        let past = [("date", "2020-01-01"), ("time", "09:00"), ("minutes", "30")];
        let answer = t.post(&format!("/secretariat/applications/{intro}/call"), Some(&secretariat), &past).await;
        assert_eq!(answer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(answer.body.contains("value=\"2020-01-01\""));
        assert!(answer.body.contains("choose a time in the future"));

        let good = [("date", "2026-12-03"), ("time", "14:30"), ("minutes", "45")];
        let answer = t.post(&format!("/secretariat/applications/{intro}/call"), Some(&secretariat), &good).await;
        assert_eq!(answer.status, StatusCode::SEE_OTHER);
        let page = t.get(&format!("/secretariat/applications/{intro}"), Some(&secretariat)).await;
        assert!(page.body.contains("2026-12-03 14:30 UTC, 45 minutes"), "the call is shown in UTC");
    }
}

#[tokio::test]
async fn a_decision_the_votes_do_not_support_is_refused_on_the_page_and_a_supported_one_leads_to_the_page_review() {
    for t in each_app().await {
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        let (id, _) = t.application_at(Stage::UnderReview).await;
        let base = format!("/secretariat/applications/{id}");
        let decision = [("decision", "approve"), ("reason", "Welcome aboard.")];
        let early = t.post(&format!("{base}/decision"), Some(&secretariat), &decision).await;
        assert_eq!(early.status, StatusCode::CONFLICT);
        assert!(early.body.contains("no quorum"), "the page says why");
        assert!(early.body.contains(">Welcome aboard.</textarea>"), "the reason is kept");
        assert!(early.body.contains("value=\"approve\" checked"), "the choice is kept");

        for _ in 0..2 {
            let (_, member) = t.signed_in(Role::Committee, None).await;
            let vote =
                t.post(&format!("/committee/applications/{id}/votes"), Some(&member), &[("vote", "approve")]).await;
            assert_eq!(vote.status, StatusCode::SEE_OTHER);
        }
        let page = t.get(&base, Some(&secretariat)).await;
        assert!(page.body.contains("The votes support approving the application."));
        assert_eq!(
            t.post(&format!("{base}/decision"), Some(&secretariat), &decision).await.status,
            StatusCode::SEE_OTHER
        );
        assert_eq!(t.stage_of(id).await, "approved");

        assert_eq!(t.post(&format!("{base}/page/draft"), Some(&secretariat), &[]).await.status, StatusCode::SEE_OTHER);
        assert_eq!(t.stage_of(id).await, "page_review");
        let page = t.get(&base, Some(&secretariat)).await;
        assert!(page.body.contains(&format!("action=\"{base}/page/versions\"")));
        assert!(page.body.contains(&format!("action=\"{base}/announce\"")));

        let version = [
            ("name", "Sahel Supply Chain Initiative"),
            ("short_description", "Logistics information systems for the Sahel."),
            ("description", "We **build** national product catalogues."),
            ("capabilities", "implementation-support"),
            ("countries", "ML, NE, XX"),
            ("links", "https://sahel-supply.example/about"),
        ];
        let bad = t.post(&format!("{base}/page/versions"), Some(&secretariat), &version).await;
        assert_eq!(bad.status, StatusCode::UNPROCESSABLE_ENTITY, "XX is no country");
        assert!(bad.body.contains("value=\"ML, NE, XX\""));
        let mut good = version.to_vec();
        good.retain(|(k, _)| *k != "countries");
        good.push(("countries", "ML, NE"));
        assert_eq!(
            t.post(&format!("{base}/page/versions"), Some(&secretariat), &good).await.status,
            StatusCode::SEE_OTHER
        );

        let compare = t.get(&format!("{base}/page/compare?from=1&to=2"), Some(&secretariat)).await;
        assert_eq!(compare.status, StatusCode::OK);
        assert!(compare.body.contains("<table class=\"table compare\">"));
        assert!(compare.body.contains("Version 1 on the left, version 2 on the right"));
        let newest = t.get(&format!("{base}/page/compare"), Some(&secretariat)).await;
        assert_eq!(newest.status, StatusCode::OK, "without versions named, the newest two");

        let announce = t.post(&format!("{base}/announce"), Some(&secretariat), &[]).await;
        assert_eq!(announce.status, StatusCode::CONFLICT);
        assert!(announce.body.contains("has not approved a version"), "the page says why");
        assert_eq!(t.stage_of(id).await, "page_review");
    }
}

#[tokio::test]
async fn the_secretariat_home_shows_the_funnel_the_timelines_give() {
    for t in each_app().await {
        let (_, staff) = t.signed_in(Role::Secretariat, None).await;
        let interested: i64 = {
            let mut conn = t.app.db.read().await.expect("conn");
            sqlx::query_scalar("select count(distinct application_id) from application_events where kind = 'interest'")
                .fetch_one(&mut *conn)
                .await
                .expect("count")
        };
        assert!(interested > 0, "the demo applications have timelines");
        let home = t.get("/secretariat", Some(&staff)).await;
        assert_eq!(home.status, StatusCode::OK);
        assert!(home.body.contains("Applications that reached each stage"));
        assert!(
            home.body.contains(&format!("<tr><td>Interest expressed</td><td>{interested}</td>")),
            "the table row of the first stage counts every application with an interest entry"
        );
    }
}

/// The ids listed on every page of the board at `base` (`?` or `&` is added for later pages), checking
/// that each page but the last is full and links to the next, and that no id is listed twice.
async fn walk_board(t: &TestApp, secretariat: &str, base: &str, expected: usize) -> std::collections::BTreeSet<i64> {
    let pages = expected.div_ceil(100).max(1);
    let mut listed = std::collections::BTreeSet::new();
    for page in 1..=pages {
        let url = match (page, base.contains('?')) {
            (1, _) => base.to_owned(),
            (_, true) => format!("{base}&page={page}"),
            (_, false) => format!("{base}?page={page}"),
        };
        let answer = t.get(&url, Some(secretariat)).await;
        assert_eq!(answer.status, StatusCode::OK, "{url}");
        let ids: Vec<i64> = answer
            .body
            .split("href=\"/secretariat/applications/")
            .skip(1)
            .filter_map(|rest| rest.split('"').next()?.parse().ok())
            .collect();
        assert!(ids.len() <= 100, "{url}: {} rows", ids.len());
        if page < pages {
            assert_eq!(ids.len(), 100, "{url}: a full page");
            assert!(answer.body.contains("rel=\"next\""), "{url}: a link to the next page");
        } else {
            assert!(!answer.body.contains("rel=\"next\""), "{url}: the last page has no next");
        }
        for id in ids {
            assert!(listed.insert(id), "{url}: application {id} listed twice");
        }
    }
    let beyond = match base.contains('?') {
        true => format!("{base}&page={}", pages + 1),
        false => format!("{base}?page={}", pages + 1),
    };
    assert_eq!(t.get(&beyond, Some(secretariat)).await.status, StatusCode::NOT_FOUND, "{beyond}");
    listed
}

#[tokio::test]
async fn a_large_board_lists_a_hundred_applications_a_page_and_every_one_once() {
    for t in scaled_apps(600).await {
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        let all = {
            let mut conn = t.app.db.read().await.expect("conn");
            opo_store::applications::list(&mut conn, &Default::default()).await.expect("applications")
        };
        let under_way: std::collections::BTreeSet<i64> =
            all.iter().filter(|a| !a.stage.is_final()).map(|a| a.id).collect();
        assert!(under_way.len() > 100, "the data set needs more than a page: {}", under_way.len());
        let listed = walk_board(&t, &secretariat, "/secretariat/applications", under_way.len()).await;
        assert_eq!(listed, under_way, "every application under way is on one of the pages");
        let first = t.get("/secretariat/applications", Some(&secretariat)).await;
        assert!(first.body.contains("href=\"/secretariat/applications?page=2\" rel=\"next\""));

        // Two months later: late ones only, over more than one page, as the stage limits say.
        t.clock.advance(time::Duration::days(60));
        let (_, secretariat) = t.signed_in(Role::Secretariat, None).await;
        let now = t.clock.now();
        let limits = &t.app.settings.stage_limits;
        let late: std::collections::BTreeSet<i64> = all
            .iter()
            .filter(|a| !a.stage.is_final() && limits.is_late(a.stage, a.stage_entered_at, now))
            .map(|a| a.id)
            .collect();
        assert!(late.len() > 100, "the data set needs more than a page of late ones: {}", late.len());
        assert!(late.len() < under_way.len(), "some are not late");
        let listed_late = walk_board(&t, &secretariat, "/secretariat/applications?late=1", late.len()).await;
        assert_eq!(listed_late, late, "the late filter lists exactly the late applications");
        let home = t.get("/secretariat", Some(&secretariat)).await;
        let count = format!("<a href=\"/secretariat/applications?late=1\"><strong>{}</strong>", late.len());
        assert!(home.body.contains(&count), "the home page counts the late applications: {count}");
    }
}
