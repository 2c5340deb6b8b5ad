//! Personal calendar feeds on both backends: the secretariat sees the program's dates, a committee
//! member the check-ins assigned to them, and a wrong or replaced secret sees nothing.

use opo_app::{Actor, AppError, accounts, calendar_feed};
use opo_domain::clock::Clock;

async fn staff(app: &opo_app::App, email: &str, role: &str) -> opo_store::accounts::User {
    let input =
        accounts::AddUser { email: email.into(), display_name: email.into(), role: role.into(), organization: None };
    accounts::find(app, accounts::add_user(app, &input, &Actor::cli()).await.expect("added")).await.expect("user")
}

#[tokio::test]
async fn each_staff_member_subscribes_to_their_own_dates() {
    for demo in opo_app::testing::demo_apps().await {
        let app = &demo.app;
        let officer = staff(app, "officer@secretariat.example", "secretariat").await;
        let member = staff(app, "ana@committee.example", "committee").await;
        let interest = opo_domain::applications::interest::InterestInput {
            organization: "Sahel Data Lab".into(),
            contact_name: "Awa".into(),
            contact_email: "awa@sahel-data.example".into(),
            ..Default::default()
        };
        let id = opo_app::applications::express_interest(app, &interest, &Actor::system())
            .await
            .expect("interest")
            .application_id;
        let call = demo.clock.now() + time::Duration::days(2);
        opo_app::applications::schedule_call(app, id, call, 30, &Actor::cli()).await.expect("call");
        {
            let mut conn = app.db.read().await.expect("conn");
            let org: i64 =
                sqlx::query_scalar("select id from organizations where status = 'active' order by id limit 1")
                    .fetch_one(&mut *conn)
                    .await
                    .expect("a partner");
            sqlx::query("insert into checkins (organization_id, due_on, assignee_user_id, status, created_at, updated_at) values ($1, '2027-01-15', $2, 'scheduled', '2026-11-25T09:00:00.000000Z', '2026-11-25T09:00:00.000000Z')")
                .bind(org)
                .bind(member.id)
                .execute(&mut *conn)
                .await
                .expect("a check-in");
        }

        let officer_feed = calendar_feed::create(app, &officer, &Actor::cli()).await.expect("feed");
        let ics = calendar_feed::feed(app, &officer_feed).await.expect("ics");
        assert!(ics.contains(&format!("UID:application-{id}-intro-call@")), "the call, with the invitation's UID");
        assert!(ics.contains("SUMMARY:Intro call: Sahel Data Lab"));
        assert!(ics.contains("SUMMARY:Agreement expires:"), "the partners' agreements");
        assert!(ics.contains("DTSTART;VALUE=DATE:20270115"), "and every open check-in");

        let member_feed = calendar_feed::create(app, &member, &Actor::cli()).await.expect("feed");
        let ics = calendar_feed::feed(app, &member_feed).await.expect("ics");
        assert!(ics.contains("DTSTART;VALUE=DATE:20270115"), "the member's own check-in");
        assert!(!ics.contains("Intro call"), "not the secretariat's calls");

        let replaced = calendar_feed::create(app, &officer, &Actor::cli()).await.expect("new address");
        assert!(
            matches!(calendar_feed::feed(app, &officer_feed).await, Err(AppError::NotFound(_))),
            "the old address stops"
        );
        assert!(calendar_feed::feed(app, &replaced).await.is_ok());
        assert!(matches!(calendar_feed::feed(app, "cal_guess").await, Err(AppError::NotFound(_))));

        let partner = accounts::AddUser {
            email: "contact@kijiji.example".into(),
            display_name: "Contact".into(),
            role: "partner".into(),
            organization: Some("kijiji-health".into()),
        };
        let partner = accounts::find(app, accounts::add_user(app, &partner, &Actor::cli()).await.expect("added"))
            .await
            .expect("user");
        assert!(matches!(calendar_feed::create(app, &partner, &Actor::cli()).await, Err(AppError::Forbidden(_))));
    }
}
