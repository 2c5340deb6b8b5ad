//! The demo data set: about thirty fictional partner organizations from every continent, with logos,
//! capabilities, countries, signed agreements, posts, applications at several stages and one account per
//! role. Loaded by `opo demo`, and on the first start of an empty embedded database.

mod catalog;
mod logos;
pub mod scale;

use crate::secrets::sha256_hex;
use crate::{Actor, App, AppError};
use catalog::{APPLICATIONS, DemoOrg, ORGANIZATIONS, POSTS};
use opo_domain::accounts::Role;
use opo_domain::agreements;
use opo_domain::applications::Stage;
use opo_domain::partners::{OrganizationInput, PartnerStatus};
use opo_domain::posts::{ConsentScope, PostKind, PostStatus};
use opo_domain::problems::Clash;
use opo_domain::taxonomy::Vocabulary;
use opo_domain::text::EmailAddress;
use opo_store::agreements::NewSignature;
use opo_store::applications::NewApplication;
use opo_store::partners::{Link, Logo, NewContact};
use opo_store::posts::NewPost;
use opo_store::{StoreError, Tx, accounts, applications, audit, partners, posts};
use std::collections::HashMap;
use time::{Duration, OffsetDateTime, Time};

use crate::setup::AGREEMENT_TEXT;

/// The accounts the demo creates for the staff roles, one per role.
pub const STAFF: &[(&str, &str, Role)] = &[
    ("admin@portal.example", "Ada Admin", Role::Admin),
    ("secretariat@portal.example", "Sami Secretariat", Role::Secretariat),
    ("chair@portal.example", "Chidi Committee-Chair", Role::Committee),
    ("member@portal.example", "Mei Committee-Member", Role::Committee),
];

/// What was loaded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoSummary {
    pub organizations: usize,
    pub posts: usize,
    pub applications: usize,
    pub users: usize,
}

/// Loads the demo data set in one transaction. Refuses when the database already holds organizations.
pub async fn load(app: &App, actor: &Actor) -> Result<DemoSummary, AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if partners::count_all(&mut tx).await? > 0 {
        return Err(AppError::Conflict(Clash::new(
            "demo-not-empty",
            "the database already holds organizations; the demo data set only goes into an empty database",
        )));
    }
    // The agreement every demo partner signed is the one a new site starts with.
    let template_id = opo_store::agreements::current_template(&mut tx, now)
        .await?
        .map(|t| t.id)
        .ok_or(AppError::Internal("no agreement template; prepare the database first".to_owned()))?;
    let mut ids = HashMap::new();
    for org in ORGANIZATIONS {
        let id = insert_organization(&mut tx, org, template_id, now).await?;
        ids.insert(org.slug, id);
    }
    let id_of = |slug: &str| {
        ids.get(slug).copied().ok_or_else(|| {
            AppError::Conflict(Clash::new(
                "demo-unknown-organization",
                format!("the demo data names an unknown organization {slug}"),
            ))
        })
    };
    let mut consented = std::collections::HashSet::new();
    for post in POSTS {
        let kind = PostKind::parse(post.kind).ok_or_else(|| AppError::invalid("kind", post.kind))?;
        let (published_at, event_starts_at) = if kind == PostKind::Webinar {
            let event = (now - Duration::days(post.published_days_ago))
                .replace_time(Time::from_hms(14, 0, 0).unwrap_or(Time::MIDNIGHT));
            (event.min(now) - Duration::days(14), Some(event))
        } else {
            (now - Duration::days(post.published_days_ago), None)
        };
        let id = posts::insert(
            &mut tx,
            &NewPost {
                slug: post.slug.to_owned(),
                kind,
                status: PostStatus::Published,
                title: post.title.to_owned(),
                summary: post.summary.to_owned(),
                body: post.body.to_owned(),
                event_starts_at,
                event_timezone: event_starts_at.map(|_| "UTC".to_owned()),
                join_url: event_starts_at.map(|_| format!("https://meet.portal.example/{}", post.slug)),
                published_at: Some(published_at),
            },
            now,
        )
        .await?;
        for slug in post.partners {
            let org = id_of(slug)?;
            posts::tag_partner(&mut tx, id, org, now).await?;
            // A partner featured in a story agreed to it; the record says so.
            if kind != PostKind::Announcement && consented.insert(org) {
                let who = ORGANIZATIONS.iter().find(|o| o.slug == *slug).map_or("demo", |o| o.contact.email);
                opo_store::consents::insert(&mut tx, org, ConsentScope::All, who, now - Duration::days(400)).await?;
            }
        }
        for country in post.countries {
            posts::tag_country(&mut tx, id, country, now).await?;
        }
    }
    let mut demo_applications = Vec::new();
    for application in APPLICATIONS {
        let stage = Stage::parse(application.stage).ok_or_else(|| AppError::invalid("stage", application.stage))?;
        let entered = now - Duration::days(application.days_in_stage);
        let submitted =
            Stage::ALL.iter().position(|s| *s == stage) >= Stage::ALL.iter().position(|s| *s == Stage::Submitted);
        let application_id = applications::insert(
            &mut tx,
            &NewApplication {
                organization_id: id_of(application.org_slug)?,
                stage,
                desired_role: application.desired_role.to_owned(),
                statement: application.statement.to_owned(),
                stage_entered_at: entered,
                submitted_at: submitted.then_some(entered),
            },
            now,
        )
        .await?;
        // The timeline up to the current stage, a week per earlier step, so the figures have a history.
        let path = ["interest", "call_scheduled", "invited", "submitted", "sent_to_committee", "info_requested"];
        let reached =
            path.iter().position(|kind| opo_domain::applications::stage_entered_by(kind) == Some(stage)).unwrap_or(0);
        for (steps_back, kind) in path[..=reached].iter().rev().enumerate() {
            let at = entered - Duration::days(7 * steps_back as i64);
            applications::add_event(&mut tx, application_id, "demo", kind, "", true, at).await?;
        }
        demo_applications.push((application_id, application));
    }
    // Every organization's contact got an account with its organization; the staff get theirs here.
    for (email, name, role) in STAFF {
        add_account(&mut tx, email, name, *role, now).await?;
    }
    // Each demo application is followed by its organization's contact, with the form as far as it got.
    for (application_id, application) in demo_applications {
        let Some(org) = ORGANIZATIONS.iter().find(|o| o.slug == application.org_slug) else { continue };
        let user = accounts::find_by_address(&mut tx, org.contact.email)
            .await?
            .ok_or_else(|| AppError::Internal(format!("no account for {}", org.contact.email)))?;
        applications::set_contact(&mut tx, application_id, user.id, org.contact.name, org.contact.email, now).await?;
        let form = opo_domain::applications::form::ApplicationForm {
            short_description: org.short_description.to_owned(),
            statement: application.statement.to_owned(),
            poc_name: org.contact.name.to_owned(),
            poc_email: org.contact.email.to_owned(),
            poc_title: org.contact.title.to_owned(),
            capabilities: vec![application.desired_role.to_owned()],
            ..Default::default()
        };
        let json = serde_json::to_string(&form).map_err(|e| AppError::Internal(format!("demo form: {e}")))?;
        applications::save_form(&mut tx, application_id, &json, now).await?;
    }
    for (slug, country, title, description) in catalog::ACTIVITIES {
        let activity = opo_store::activities::NewActivity {
            country: (*country).to_owned(),
            title: (*title).to_owned(),
            description: (*description).to_owned(),
            url: None,
        };
        opo_store::activities::insert(&mut tx, id_of(slug)?, &activity, now).await?;
    }
    opo_store::directory::reindex_all(&mut tx).await?;
    let users = accounts::list(&mut tx).await?.len();
    let summary =
        DemoSummary { organizations: ORGANIZATIONS.len(), posts: POSTS.len(), applications: APPLICATIONS.len(), users };
    let mut entry = actor.entry("demo.loaded", "database", "demo");
    entry.after_json = Some(
        serde_json::json!({
            "organizations": summary.organizations,
            "posts": summary.posts,
            "applications": summary.applications,
            "users": summary.users,
        })
        .to_string(),
    );
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(summary)
}

async fn add_account(tx: &mut Tx, email: &str, name: &str, role: Role, now: OffsetDateTime) -> Result<(), AppError> {
    let email = EmailAddress::parse(email).map_err(|e| AppError::refused("email", &e))?;
    accounts::insert(tx, &email, name, role, None, now).await?;
    Ok(())
}

async fn insert_organization(
    tx: &mut Tx,
    org: &DemoOrg,
    template_id: i64,
    now: OffsetDateTime,
) -> Result<i64, AppError> {
    let status = PartnerStatus::parse(org.status).ok_or_else(|| AppError::invalid("status", org.status))?;
    let input = OrganizationInput {
        name: org.name.to_owned(),
        slug: org.slug.to_owned(),
        website: org.website.to_owned(),
        short_description: org.short_description.to_owned(),
        long_description: org.long_description.to_owned(),
        org_type: org.org_type.to_owned(),
        hq_country: org.hq_country.to_owned(),
        countries: org.countries.iter().map(|c| (*c).to_owned()).collect(),
    };
    let mut new = input.validate(status).map_err(AppError::Invalid)?;
    new.featured = org.featured;
    let joined_at = (org.joined_days_ago > 0).then(|| now - Duration::days(org.joined_days_ago));
    let id = partners::insert(tx, &new, joined_at.map(|at| at.date()), now).await?;
    partners::set_terms(tx, id, Vocabulary::Capability, org.capabilities, now).await?;
    partners::set_terms(tx, id, Vocabulary::Component, org.components, now).await?;
    for (kind, url) in org.social {
        partners::add_link(tx, id, &Link { kind: (*kind).to_owned(), url: (*url).to_owned() }, now).await?;
    }
    let svg = logos::svg_logo(&org.logo, org.name).into_bytes();
    let logo =
        Logo { content_type: "image/svg+xml".to_owned(), sha256: sha256_hex(&svg), data: svg, fallback_png: None };
    partners::set_logo(tx, id, &logo, now).await?;
    partners::add_contact(
        tx,
        id,
        &NewContact {
            name: org.contact.name.to_owned(),
            email: org.contact.email.to_owned(),
            title: org.contact.title.to_owned(),
            is_mail_poc: true,
        },
        now,
    )
    .await?;
    let signed_at = match (status, joined_at) {
        // A partner re-signs every three years: its latest signature is from its last renewal.
        (PartnerStatus::Active, Some(joined)) => {
            let years = opo_domain::checkins::years_since(joined.date(), now.date());
            Some(joined.replace_year(joined.year() + years - years % agreements::TERM_YEARS).unwrap_or(joined))
        }
        // A lapsed partner's agreement ran out two months ago.
        (PartnerStatus::Lapsed, _) => {
            let expired = now - Duration::days(60);
            Some(expired.replace_year(expired.year() - agreements::TERM_YEARS).unwrap_or(expired))
        }
        _ => None,
    };
    if let Some(signed_at) = signed_at {
        let signature = NewSignature {
            organization_id: id,
            template_id,
            text_sha256: sha256_hex(AGREEMENT_TEXT.as_bytes()),
            signer_name: org.contact.name.to_owned(),
            signer_title: org.contact.title.to_owned(),
            signer_email: org.contact.email.to_owned(),
            auth_method: "demo".to_owned(),
            ip: String::new(),
            user_agent: String::new(),
            signed_at,
            expires_on: agreements::expires_on(signed_at),
            code: crate::secrets::new_code().map_err(|e| StoreError::Corrupt(e.to_string()))?,
            application_id: None,
        };
        opo_store::agreements::insert_signature(tx, &signature, now).await?;
    }
    if status == PartnerStatus::Lapsed {
        partners::set_status(tx, id, status, "The partner agreement expired and has not been signed again.", now)
            .await?;
    }
    Ok(id)
}
