//! Organizations as the staff and their own contacts see them: the roster of every organization by
//! status, what each of a person's organizations has due and by when, and merging an organization an
//! expression of interest created into the one it turned out to be.

use crate::{Actor, App, AppError};
use opo_domain::applications::Stage;
use opo_domain::checkins::Status as CheckInStatus;
use opo_domain::organizations::RosterQuery;
use opo_domain::partners::PartnerStatus;
use opo_domain::policy::{self, Action};
use opo_domain::problems::Clash;
use opo_store::accounts::User;
use opo_store::contacts::Contact;
pub use opo_store::organizations::RosterRow;
use opo_store::{StoreError, applications, audit, checkins, contacts, organizations as store, pages, partners};
use std::collections::HashMap;
use time::Date;

/// One organization of the roster, with its contacts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RosterEntry {
    pub row: RosterRow,
    /// The next check-in: the open one's day, else (for a partner) the next anniversary.
    pub next_checkin: Option<Date>,
    pub contacts: Vec<Contact>,
}

/// One page of the roster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Roster {
    pub entries: Vec<RosterEntry>,
    pub total: i64,
    pub query: RosterQuery,
}

fn staff_only(caller: &User, action: Action) -> Result<(), AppError> {
    if policy::allows(policy::Actor::Signed(caller.role), action) {
        Ok(())
    } else {
        Err(AppError::Forbidden("only the program's staff see this".to_owned()))
    }
}

/// The roster: one page of it, or (with `all`) every matching organization, for a download.
pub async fn roster(app: &App, caller: &User, query: &RosterQuery, all: bool) -> Result<Roster, AppError> {
    staff_only(caller, Action::ViewRoster)?;
    let today = app.clock.now().date();
    let mut conn = app.db.read().await?;
    let limit = (!all).then_some(i64::from(query.per_page));
    let (rows, total) = store::roster(&mut conn, query, limit).await?;
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let mut people: HashMap<i64, Vec<Contact>> = HashMap::new();
    for contact in contacts::of_organizations(&mut conn, &ids).await? {
        people.entry(contact.organization_id).or_default().push(contact);
    }
    let entries = rows
        .into_iter()
        .map(|row| {
            let mine = people.remove(&row.id).unwrap_or_default();
            let next_checkin = row.checkin_due.or_else(|| {
                row.joined_on.filter(|_| row.status.is_listed()).map(|j| opo_domain::checkins::next_due(j, today))
            });
            RosterEntry { row, next_checkin, contacts: mine }
        })
        .collect();
    Ok(Roster { entries, total, query: query.clone() })
}

/// The slug and name of every organization the person is a contact of.
pub async fn names_of(app: &App, caller: &User) -> Result<Vec<(String, String)>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(contacts::organizations_named(&mut conn, caller.id).await?)
}

/// Something one of a person's organizations has to do, by when, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub kind: DueKind,
    pub by: Option<Date>,
    pub path: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DueKind {
    /// The application waits for the applicant (the form, an answer to the committee).
    ApplicationStep(Stage),
    /// The annual check-in questionnaire is open.
    CheckIn,
    /// The agreement is to be signed again.
    Agreement,
    /// A version of the partner page waits for the partner's approval.
    PageVersion,
    /// The organization has not said whether it may be featured in posts.
    Consent,
}

/// One of a person's organizations, with what it has due.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Home {
    pub slug: String,
    pub name: String,
    pub status: PartnerStatus,
    pub roles: opo_domain::contacts::ContactRoles,
    pub dues: Vec<Due>,
}

/// Every organization the person is a contact of, each with what is due and by when, soonest first.
pub async fn homes(app: &App, caller: &User) -> Result<Vec<Home>, AppError> {
    let mut homes = Vec::new();
    for organization_id in &caller.organizations {
        let mut conn = app.db.read().await?;
        let Some(contact) = contacts::find(&mut conn, *organization_id, caller.id).await? else { continue };
        let Some((id, slug, name, status)) = partners::identity_of(&mut conn, *organization_id).await? else {
            continue;
        };
        let revisions = pages::revisions(&mut conn, id).await?;
        let mut dues = Vec::new();
        let filter = applications::ApplicationFilter { organization_id: Some(id), ..Default::default() };
        for a in applications::list(&mut conn, &filter).await? {
            let waiting = match a.stage {
                Stage::Invited | Stage::InfoRequested => true,
                Stage::PageReview => {
                    revisions.iter().any(|r| r.application_id == Some(a.id) && r.approved_at.is_none())
                }
                _ => false,
            };
            if waiting {
                let path = if a.stage == Stage::PageReview {
                    format!("/portal/applications/{}/page", a.id)
                } else {
                    format!("/portal/applications/{}", a.id)
                };
                dues.push(Due { kind: DueKind::ApplicationStep(a.stage), by: None, path });
            }
        }
        let record = format!("/portal/organizations/{slug}");
        if status.has_public_profile() {
            for c in checkins::of_organization(&mut conn, id).await? {
                if matches!(
                    c.status,
                    CheckInStatus::QuestionnaireSent | CheckInStatus::Scheduled | CheckInStatus::Escalated
                ) && c.answered_at.is_none()
                {
                    dues.push(Due { kind: DueKind::CheckIn, by: Some(c.due_on), path: format!("{record}/check-in") });
                }
                if let Some(first) = c.page_revision
                    && c.status.is_open()
                    && revisions.iter().any(|r| r.number >= first && r.approved_at.is_none())
                {
                    dues.push(Due { kind: DueKind::PageVersion, by: None, path: format!("{record}/check-in") });
                }
            }
            if opo_store::consents::for_organization(&mut conn, id).await?.iter().all(|c| c.withdrawn_by.is_some()) {
                dues.push(Due { kind: DueKind::Consent, by: None, path: record.clone() });
            }
        }
        drop(conn);
        if status.has_public_profile() {
            let renewal = crate::renewals::renewal(app, id).await?;
            let pressing = matches!(renewal.status, PartnerStatus::RenewalDue | PartnerStatus::InGrace)
                || renewal.requirement.is_some();
            if renewal.can_resign && pressing {
                dues.push(Due { kind: DueKind::Agreement, by: renewal.deadline, path: format!("{record}/agreement") });
            }
        }
        dues.sort_by_key(|d| (d.by.is_none(), d.by));
        homes.push(Home { slug, name, status, roles: contact.roles, dues });
    }
    Ok(homes)
}

/// The secretariat merges the organization an expression of interest created into the existing one it
/// resembles. The application moves to the existing organization (and ends, when that one already has
/// an application under way); the sender becomes the existing organization's contact and is told so
/// by e-mail; the duplicate organization is deleted. Only while the application is at its first steps.
pub async fn merge(app: &App, caller: &User, application_id: i64, actor: &Actor) -> Result<String, AppError> {
    staff_only(caller, Action::MergeOrganizations)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = applications::find(&mut tx, application_id).await?.ok_or(AppError::NotFound("application"))?;
    let Some((target_slug, _)) = application.resembles.clone() else {
        return Err(AppError::Conflict(Clash::new(
            "nothing-to-merge",
            "this organization resembles no other; there is nothing to merge",
        )));
    };
    if !matches!(application.stage, Stage::Interest | Stage::IntroCall) {
        return Err(AppError::Conflict(Clash::new(
            "merge-too-late",
            "organizations are merged before the application is invited; past that, decline or withdraw it",
        )));
    }
    let target = crate::contacts::organization(&mut tx, &target_slug).await?;
    let from = application.organization_id;
    let newcomers: Vec<Contact> = contacts::of_organization(&mut tx, from).await?;
    let under_way = applications::open_for(&mut tx, target.id).await?;
    applications::move_to_organization(&mut tx, application_id, target.id, now).await?;
    contacts::move_all(&mut tx, from, target.id, now).await?;
    partners::delete(&mut tx, from).await?;
    let moved = crate::applications::load(&mut tx, application_id).await?;
    if under_way.is_some() {
        crate::applications::advance(&mut tx, &moved, Stage::Withdrawn, now).await?;
        applications::record_decision(
            &mut tx,
            application_id,
            "withdrawn",
            "Merged into the application under way",
            now,
        )
        .await?;
    }
    let note = format!("Merged into {}", target.name);
    crate::applications::record(&mut tx, &moved, actor, "merged", &note, false, now).await?;
    let mut entry = actor.entry("organization.merged", "organization", target.id);
    entry.after_json = Some(
        serde_json::json!({ "merged": application.organization_slug, "into": target.slug, "application": application_id })
            .to_string(),
    );
    audit::record(&mut tx, &entry, now).await?;
    for contact in newcomers {
        let Some(user) = opo_store::accounts::find_by_id(&mut tx, contact.user_id).await? else { continue };
        let next = format!("/portal/organizations/{}", target.slug);
        let link = crate::contacts::link_to(app, &mut tx, &user, None, &next, now).await?;
        let roles = contacts::find(&mut tx, target.id, user.id).await?.map(|c| c.roles).unwrap_or_default();
        let message =
            crate::notifications::contact_invitation(app, &user, &target.name, "The secretariat", &roles, &link)?;
        opo_store::notifications::enqueue(&mut tx, &message, now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(target.slug)
}

/// The secretariat says the organization is not the one it resembles: the mark goes.
pub async fn not_the_same(app: &App, caller: &User, application_id: i64, actor: &Actor) -> Result<(), AppError> {
    staff_only(caller, Action::MergeOrganizations)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = applications::find(&mut tx, application_id).await?.ok_or(AppError::NotFound("application"))?;
    partners::set_resembles(&mut tx, application.organization_id, None, now).await?;
    let mut entry = actor.entry("organization.not_the_same", "organization", application.organization_id);
    entry.before_json = Some(serde_json::json!({ "resembles": application.resembles.map(|r| r.0) }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}
