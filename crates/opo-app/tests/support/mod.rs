//! The walk of a new application through the use cases, shared by the tests that need one: an
//! expression of interest taken to committee review.

use opo_app::agreements::{Evidence, SignInput};
use opo_app::applications::{self, Application};
use opo_app::{Actor, App, accounts, agreements};
use opo_domain::applications::form::ApplicationForm;
use opo_domain::applications::interest::InterestInput;
use opo_domain::clock::{Clock, ManualClock};
use opo_store::accounts::User;
use time::Duration;

pub const LOGO: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120"><rect width="240" height="120" fill="#0b6e69"/><circle cx="60" cy="60" r="40" fill="#fff"/></svg>"##;

pub struct People {
    pub secretariat: User,
    pub members: [User; 2],
}

pub async fn user(app: &App, email: &str, name: &str, role: &str) -> User {
    let input =
        accounts::AddUser { email: email.into(), display_name: name.into(), role: role.into(), organization: None };
    let id = accounts::add_user(app, &input, &Actor::cli()).await.expect("account");
    accounts::find(app, id).await.expect("user")
}

pub async fn people(app: &App) -> People {
    People {
        secretariat: user(app, "officer@secretariat.example", "Olu Officer", "secretariat").await,
        members: [
            user(app, "ana@committee.example", "Ana Member", "committee").await,
            user(app, "ben@committee.example", "Ben Member", "committee").await,
        ],
    }
}

pub fn interest() -> InterestInput {
    InterestInput {
        organization: "Sahel Data Lab".into(),
        website: "https://sahel-data.example".into(),
        contact_name: "Awa Traoré".into(),
        contact_email: "awa@sahel-data.example".into(),
        country: "ML".into(),
        desired_role: "implementation-support".into(),
        message: "We run district health information systems in Mali.".into(),
    }
}

pub fn form() -> ApplicationForm {
    ApplicationForm {
        org_type: "ngo".into(),
        short_description: "District health information systems for the Sahel.".into(),
        description: "We **build** and run registries with ministries of health.".into(),
        statement: "We support open standards and will share our registry work with the community.".into(),
        poc_name: "Awa Traoré".into(),
        poc_email: "awa@sahel-data.example".into(),
        poc_title: "Director".into(),
        capabilities: vec!["implementation-support".into()],
        components: vec!["client-registry".into()],
        countries: vec!["ML".into(), "SN".into()],
        links: "https://github.com/sahel-data".into(),
    }
}

pub async fn applicant(app: &App, application: &Application) -> User {
    accounts::find(app, application.applicant_user_id.expect("an account")).await.expect("applicant")
}

/// Takes a new application to committee review: returns it with its applicant.
pub async fn to_review(app: &App, clock: &ManualClock, p: &People) -> (i64, User) {
    let staff = Actor::user(&p.secretariat, "192.0.2.1");
    let received = applications::express_interest(app, &interest(), &Actor::system()).await.expect("interest");
    let id = received.application_id;
    applications::schedule_call(app, id, clock.now() + Duration::days(3), 30, &staff).await.expect("call");
    applications::invite(app, id, &staff).await.expect("invite");
    let application = applications::find(app, id).await.expect("application");
    let awa = applicant(app, &application).await;
    let me = Actor::user(&awa, "198.51.100.9");
    applications::save_draft(app, id, &awa, &form(), &me).await.expect("draft");
    applications::upload_logo(app, id, &awa, LOGO.as_bytes(), "logo.svg", &me).await.expect("logo");
    let template = agreements::current(app).await.expect("template");
    let sign = SignInput {
        template_id: template.id,
        signer_name: "Awa Traoré".into(),
        signer_title: "Director".into(),
        accept: true,
    };
    let evidence = Evidence { ip: "198.51.100.9".into(), user_agent: "test".into(), auth_method: "session".into() };
    agreements::sign(app, id, &awa, &sign, &evidence, &me).await.expect("signed");
    applications::submit(app, id, &awa, &me).await.expect("submitted");
    applications::send_to_committee(app, id, &staff).await.expect("to committee");
    (id, awa)
}
