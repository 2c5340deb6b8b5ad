//! E-mails in the recipient's language: an applicant who wrote from the French form gets the
//! confirmation and the intro call in French while the secretariat's copy stays English; a partner
//! contact who chose Spanish gets the renewal reminder in Spanish.

// The shared walk of an application; these tests use only its first steps.
#[allow(dead_code)]
mod support;

use opo_app::{Actor, App, accounts, applications, jobs, planning};
use opo_domain::clock::Clock;
use time::Duration;

const STAFF: &str = "secretariat@portal.example";

/// Subject, plain text and HTML of every e-mail to `to`, oldest first.
async fn mail_to(app: &App, to: &str) -> Vec<(String, String, String)> {
    let mut conn = app.db.read().await.expect("conn");
    sqlx::query_as::<_, (String, String, Option<String>)>(
        "select subject, body_text, body_html from outbox_emails where to_address = $1 order by id",
    )
    .bind(to)
    .fetch_all(&mut *conn)
    .await
    .expect("outbox")
    .into_iter()
    .map(|(subject, text, html)| (subject, text, html.unwrap_or_default()))
    .collect()
}

#[tokio::test]
async fn an_applicant_from_the_french_form_is_written_to_in_french() {
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        let interest = support::interest();
        let received =
            applications::express_interest_in(app, &interest, "fr", &Actor::system()).await.expect("interest");
        let application = applications::find(app, received.application_id).await.expect("application");
        assert_eq!(support::applicant(app, &application).await.locale, "fr");

        let mail = mail_to(app, &interest.contact_email).await;
        assert_eq!(mail.len(), 1, "{mail:?}");
        let (subject, text, html) = &mail[0];
        assert_eq!(subject, "Merci de votre intérêt pour le programme de partenariat OpenHIE");
        assert!(text.starts_with("Bonjour Awa Traoré,"), "{text}");
        assert!(text.contains("Merci de nous avoir fait savoir que Sahel Data Lab souhaite devenir"), "{text}");
        assert!(text.contains("Ouvrir votre compte:"), "{text}");
        assert!(text.contains("Des questions ? Écrivez à secretariat@portal.example"), "{text}");
        assert!(html.contains(r#"<html lang="fr">"#) && html.contains("Ou ouvrez cette adresse"), "{html}");
        assert!(!text.contains("Thank you"), "{text}");

        let staff = mail_to(app, STAFF).await;
        let copy = staff.iter().find(|(s, _, _)| s.contains("Sahel Data Lab")).expect("the secretariat's copy");
        assert_eq!(copy.0, "New expression of interest: Sahel Data Lab");
        assert!(copy.1.starts_with("Hello secretariat,") && copy.1.contains("Set up an intro call"), "{}", copy.1);

        let officer = support::user(app, "officer@secretariat.example", "Olu Officer", "secretariat").await;
        let staff = Actor::user(&officer, "192.0.2.1");
        applications::schedule_call(app, received.application_id, clock.now() + Duration::days(3), 30, &staff)
            .await
            .expect("call");
        let mail = mail_to(app, &interest.contact_email).await;
        let (subject, text, _) = mail.last().expect("the intro call");
        assert!(subject.starts_with("Appel de présentation le "), "{subject}");
        assert!(
            text.contains("Nous avons fixé l’appel de présentation sur le partenariat de Sahel Data Lab"),
            "{text}"
        );
        assert!(text.contains("L’invitation de calendrier est jointe"), "{text}");
        assert!(text.contains("Ouvrir votre candidature:"), "{text}");
    }
}

#[tokio::test]
async fn a_partner_contact_who_chose_spanish_gets_the_renewal_reminder_in_spanish() {
    const POC: &str = "neema@mwanga-data.example";
    for demo in opo_app::testing::demo_apps().await {
        let (app, clock) = (&demo.app, &demo.clock);
        let contact = {
            let mut conn = app.db.read().await.expect("conn");
            opo_store::accounts::find_by_address(&mut conn, POC).await.expect("query").expect("an account")
        };
        accounts::set_locale(app, contact.id, "es").await.expect("Spanish");
        assert!(accounts::set_locale(app, contact.id, "de").await.is_err(), "only a language of the site");
        assert_eq!(accounts::find(app, contact.id).await.expect("account").locale, "es");

        let id = opo_app::partners::record(app, "mwanga-data").await.expect("record").id;
        let expires = opo_app::renewals::renewal(app, id).await.expect("renewal").expires_on.expect("signed");
        let target = expires - Duration::days(90);
        while clock.now().date() < target {
            clock.advance(Duration::days(1));
            planning::plan(app).await.expect("plan");
            while jobs::run_due(app, "test", 100).await.expect("run").done > 0 {}
        }
        let mail = mail_to(app, POC).await;
        let (subject, text, html) = mail.iter().find(|(s, _, _)| s.contains("90")).expect("the 90-day reminder");
        assert_eq!(subject, "Mwanga Data Collaborative: el acuerdo de asociación vence en 90 días");
        assert!(text.starts_with("Hola, Neema Mushi:"), "{text}");
        let date = opo_app::mail_text::date("es", expires);
        assert!(date.contains(" de ") && text.contains(&date), "{date} in {text}");
        assert!(text.contains("Firmar de nuevo el acuerdo:"), "{text}");
        assert!(html.contains(r#"<html lang="es">"#), "{html}");
        let staff = mail_to(app, STAFF).await;
        assert!(staff.iter().any(|(s, _, _)| s == "Renewal in 90 days: Mwanga Data Collaborative"), "{staff:?}");
    }
}

#[tokio::test]
async fn a_sign_in_link_is_written_in_the_account_language() {
    const POC: &str = "neema@mwanga-data.example";
    for demo in opo_app::testing::demo_apps().await {
        let app = &demo.app;
        let client = opo_app::sessions::Client { ip: "192.0.2.3".into(), user_agent: "test".into() };
        opo_app::sessions::request_link(app, POC, &client).await.expect("English link");
        let contact = {
            let mut conn = app.db.read().await.expect("conn");
            opo_store::accounts::find_by_address(&mut conn, POC).await.expect("query").expect("an account")
        };
        accounts::set_locale(app, contact.id, "pt").await.expect("Portuguese");
        opo_app::sessions::request_link(app, POC, &client).await.expect("Portuguese link");
        let mail = mail_to(app, POC).await;
        let [english, portuguese] = &mail[..] else { panic!("two links: {mail:?}") };
        assert_eq!(english.0, "Your sign-in link for OpenHIE Partner Organizations");
        assert!(english.1.starts_with("Hello Neema Mushi,\n\nSomeone (we hope you) asked to sign in"), "{}", english.1);
        assert!(
            english.1.ends_with("-- \nOpenHIE Partner Organizations · secretariat@portal.example"),
            "{:?}",
            english.1
        );
        assert_eq!(portuguese.0, "O seu link de acesso às Organizações parceiras da OpenHIE");
        assert!(portuguese.1.starts_with("Olá, Neema Mushi,"), "{}", portuguese.1);
        assert!(portuguese.1.contains("Ele funciona uma só vez"), "{}", portuguese.1);
        assert!(
            portuguese.2.contains(r#"<html lang="pt">"#) && portuguese.2.contains(">Entrar</a>"),
            "{}",
            portuguese.2
        );
    }
}
