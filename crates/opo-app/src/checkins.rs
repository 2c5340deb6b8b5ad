//! Annual check-ins. Each year, `checkin_lead_days` before a partnership's anniversary, the planner opens
//! its check-in, assigns it to the member of staff with the fewest open ones and sends the partner's mail
//! point of contact the questionnaire. The partner's answers update its consent to be featured and, when
//! it asks for changes to its page, open a new version of the page for review; the assignee records the
//! conversation and its outcome. A check-in still open `checkin_overdue_days` after its day is escalated
//! to the secretariat, once.

use crate::mail_text::{Text, t};
use crate::notifications::Notice;
use crate::{Actor, App, AppError, jobs};
use opo_domain::accounts::Role;
use opo_domain::checkins::{self as rules, FeatureConsent, Questionnaire, QuestionnaireInput, Status};
use opo_domain::contacts::Concern;
use opo_domain::pages::PageContent;
use opo_domain::partners::FieldError;
use opo_domain::problems::Clash;
use opo_store::accounts::{self, User};
pub use opo_store::checkins::CheckIn;
use opo_store::pages::{self, Revision};
use opo_store::{StoreError, Tx, audit, checkins as store, consents, directory, partners};
use std::collections::HashMap;
use time::{Duration, OffsetDateTime};

/// The partner's answers, once given.
pub fn answers(checkin: &CheckIn) -> Option<Questionnaire> {
    checkin.answers_json.as_deref().and_then(|json| serde_json::from_str(json).ok())
}

/// Whether a check-in is past its day by more than the grace the settings allow, and not completed.
pub fn is_overdue(app: &App, checkin: &CheckIn) -> bool {
    checkin.status == Status::Escalated
        || (checkin.status.is_open()
            && rules::is_overdue(checkin.due_on, app.clock.now().date(), app.settings.checkin_overdue_days))
}

/// A day as the e-mails write it: 4 May 2027.
fn portal_path(checkin: &CheckIn) -> String {
    format!("/portal/organizations/{}/check-in", checkin.organization_slug)
}

fn staff_path(checkin: &CheckIn) -> String {
    format!("/secretariat/check-ins/{}", checkin.organization_slug)
}

fn mail(
    to: &str,
    name: &str,
    kind: &'static str,
    subject: Text,
    paragraphs: Vec<Text>,
    action: (Text, String),
) -> Notice {
    Notice {
        kind,
        to: to.to_owned(),
        name: name.to_owned(),
        subject,
        paragraphs,
        quote: None,
        action: Some(action),
        attachment: None,
    }
}

/// Plans an e-mail into the outbox now, once per key.
async fn send(app: &App, tx: &mut Tx, notice: Notice, key: String, now: OffsetDateTime) -> Result<usize, AppError> {
    if notice.to.trim().is_empty() {
        return Ok(0);
    }
    Ok(usize::from(jobs::schedule_email(app, tx, notice, key, now, now).await?.is_some()))
}

async fn load(tx: &mut Tx, id: i64) -> Result<CheckIn, AppError> {
    store::get(tx, id).await?.ok_or(AppError::NotFound("check-in"))
}

fn step(checkin: &CheckIn, to: Status) -> Result<(), AppError> {
    rules::transition(checkin.status, to).map(|_| ()).map_err(|e| {
        AppError::Conflict(
            Clash::new("checkin-illegal-move", e.to_string()).with("from", e.from.key()).with("to", e.to.key()),
        )
    })
}

fn json(value: &impl serde::Serialize) -> Result<String, AppError> {
    serde_json::to_string(value).map_err(|e| AppError::Internal(format!("check-in: {e}")))
}

fn is_secretariat(user: &User) -> bool {
    matches!(user.role, Role::Secretariat | Role::Admin)
}

/// The members of staff check-ins go to: active secretariat officers and committee members.
async fn assignable(conn: &mut opo_store::Conn) -> Result<Vec<User>, AppError> {
    Ok(accounts::active_with_roles(conn, &[Role::Secretariat, Role::Committee]).await?)
}

/// The planner: opens the check-ins whose anniversary is near and escalates the overdue ones. Safe to run
/// as often and from as many instances as wanted: one check-in per organization and day, one e-mail per key.
pub async fn plan(app: &App) -> Result<usize, AppError> {
    let now = app.clock.now();
    let today = now.date();
    let actor = Actor::system();
    let mut queued = 0;
    let mut tx = app.db.begin().await?;
    let open: HashMap<i64, i64> = store::open_counts(&mut tx).await?.into_iter().collect();
    let staff = assignable(&mut tx).await?;
    let mut load_of: Vec<(i64, usize)> =
        staff.iter().map(|u| (u.id, usize::try_from(open.get(&u.id).copied().unwrap_or(0)).unwrap_or(0))).collect();
    for (org, joined) in store::partners_with_anniversaries(&mut tx).await? {
        let Some(due) = rules::to_schedule(joined, today, app.settings.checkin_lead_days) else { continue };
        let contacts = crate::contacts::addressed(&mut tx, org, Concern::CheckIn).await?;
        let status = if contacts.is_empty() { Status::Scheduled } else { Status::QuestionnaireSent };
        let assignee = rules::round_robin(&load_of);
        let Some(id) = store::insert(&mut tx, org, due, assignee, status, now).await? else { continue };
        if let Some(slot) = load_of.iter_mut().find(|(user, _)| Some(*user) == assignee) {
            slot.1 += 1;
        }
        let checkin = load(&mut tx, id).await?;
        let mut entry = actor.entry("checkin.scheduled", "checkin", id);
        entry.after_json = Some(
            serde_json::json!({ "organization": org, "due_on": due.to_string(), "assignee": assignee }).to_string(),
        );
        audit::record(&mut tx, &entry, now).await?;
        let year = due.year();
        for contact in contacts {
            let notice = mail(
                &contact.email,
                &contact.name,
                "checkin-questionnaire",
                t!("ci-questionnaire-subject", year = year, community = &app.settings.community_name),
                vec![
                    t!(
                        "ci-questionnaire-year",
                        organization = &checkin.organization_name,
                        community = &app.settings.community_name,
                        date = due
                    ),
                    t!("ci-questionnaire-questions"),
                    t!("ci-questionnaire-conversation"),
                ],
                (t!("ci-answer-questionnaire"), portal_path(&checkin)),
            );
            let key = format!("checkin:{id}:questionnaire:{}", contact.user_id);
            queued += send(app, &mut tx, notice, key, now).await?;
        }
        if let Some(user) = staff.iter().find(|u| Some(u.id) == assignee) {
            queued +=
                send(app, &mut tx, assigned_notice(&checkin, user), format!("checkin:{id}:assigned:{}", user.id), now)
                    .await?;
        }
    }
    let due_before = today - Duration::days(app.settings.checkin_overdue_days.max(0));
    for id in store::overdue_unescalated(&mut tx, due_before).await? {
        let checkin = load(&mut tx, id).await?;
        if step(&checkin, Status::Escalated).is_err() || !store::mark_escalated(&mut tx, id, now).await? {
            continue;
        }
        let mut entry = actor.entry("checkin.escalated", "checkin", id);
        entry.before_json = Some(serde_json::json!({ "status": checkin.status.key() }).to_string());
        audit::record(&mut tx, &entry, now).await?;
        let who = checkin.assignee_name.clone().unwrap_or_else(|| "nobody".to_owned());
        let notice = mail(
            &app.settings.secretariat_email,
            "secretariat",
            "checkin-overdue",
            t!("ci-overdue-subject", organization = &checkin.organization_name),
            vec![t!(
                "ci-overdue",
                year = checkin.due_on.year(),
                organization = &checkin.organization_name,
                date = checkin.due_on,
                status = checkin.status.label().to_lowercase(),
                who = who,
            )],
            (t!("ci-open-checkin"), staff_path(&checkin)),
        );
        queued += send(app, &mut tx, notice, format!("checkin:{id}:escalated"), now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(queued)
}

fn assigned_notice(checkin: &CheckIn, user: &User) -> Notice {
    mail(
        &user.email,
        &user.display_name,
        "checkin-assigned",
        t!("ci-assigned-subject", organization = &checkin.organization_name),
        vec![t!(
            "ci-assigned",
            year = checkin.due_on.year(),
            organization = &checkin.organization_name,
            date = checkin.due_on
        )],
        (t!("ci-open-checkin"), staff_path(checkin)),
    )
}

/// Assigns a check-in by hand to a secretariat officer or committee member.
pub async fn assign(app: &App, id: i64, user_id: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let checkin = load(&mut tx, id).await?;
    if !checkin.status.is_open() {
        return Err(AppError::Conflict(Clash::new("checkin-completed", "a completed check-in is not assigned again")));
    }
    let staff = assignable(&mut tx).await?;
    let user = staff
        .iter()
        .find(|u| u.id == user_id)
        .ok_or_else(|| AppError::invalid("assignee", "choose an active secretariat officer or committee member"))?;
    store::assign(&mut tx, id, user.id, now).await?;
    let mut entry = actor.entry("checkin.assigned", "checkin", id);
    entry.before_json = Some(serde_json::json!({ "assignee": checkin.assignee_user_id }).to_string());
    entry.after_json = Some(serde_json::json!({ "assignee": user.id }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    if checkin.assignee_user_id != Some(user.id) {
        let key = format!("checkin:{id}:assigned:{}:{}", user.id, now.unix_timestamp());
        send(app, &mut tx, assigned_notice(&checkin, user), key, now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The current public profile of an organization as a page version.
async fn current_page(tx: &mut Tx, slug: &str) -> Result<PageContent, AppError> {
    let profile = partners::find_profile(tx, slug).await?.ok_or(AppError::NotFound("organization"))?;
    Ok(PageContent {
        name: profile.card.name,
        website: profile.website.unwrap_or_default(),
        short_description: profile.card.short_description,
        description: profile.long_description,
        capabilities: profile.card.capabilities,
        components: profile.components,
        countries: profile.countries,
        links: profile.links.into_iter().map(|l| l.url).collect(),
    })
}

/// Makes the consent record say what the partner answered: consents in force that differ are withdrawn,
/// and the one answered for is given unless it is in force already.
async fn follow_consent(
    tx: &mut Tx,
    org: i64,
    answer: FeatureConsent,
    by: &str,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let wanted = answer.scope();
    let mut kept = false;
    for recorded in consents::for_organization(tx, org).await? {
        if !recorded.consent.in_force(now) {
            continue;
        }
        if Some(recorded.consent.scope) == wanted && !kept {
            kept = true;
            continue;
        }
        if consents::withdraw(tx, recorded.id, org, by, now).await? {
            audit::record(tx, &actor.entry("consent.withdrawn", "consent", recorded.id), now).await?;
        }
    }
    if let (Some(scope), false) = (wanted, kept) {
        let id = consents::insert(tx, org, scope, by, now).await?;
        let mut entry = actor.entry("consent.given", "consent", id);
        entry.after_json = Some(serde_json::json!({ "organization": org, "scope": scope.key() }).to_string());
        audit::record(tx, &entry, now).await?;
    }
    Ok(())
}

/// The partner contact answers the questionnaire (again, to correct it, until the check-in is completed).
pub async fn answer(
    app: &App,
    id: i64,
    user: &User,
    input: &QuestionnaireInput,
    actor: &Actor,
) -> Result<(), AppError> {
    let answers = input.validate().map_err(AppError::Invalid)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let checkin = load(&mut tx, id).await?;
    if user.role != Role::PartnerContact || !user.organizations.contains(&checkin.organization_id) {
        return Err(AppError::Forbidden("this check-in belongs to another organization".to_owned()));
    }
    step(&checkin, Status::Answered)?;
    let before = self::answers(&checkin);
    store::save_answers(&mut tx, id, &json(&answers)?, &user.email, Status::Answered, now).await?;
    let mut entry = actor.entry("checkin.answered", "checkin", id);
    entry.before_json = checkin.answers_json.clone();
    entry.after_json = Some(json(&answers)?);
    audit::record(&mut tx, &entry, now).await?;
    let given_by = format!("{} (annual check-in)", user.email);
    follow_consent(&mut tx, checkin.organization_id, answers.consent, &given_by, actor, now).await?;
    let changes_are_new = before.is_none_or(|b| b.page_changes != answers.page_changes);
    if !answers.page_changes.is_empty() && changes_are_new {
        let page = current_page(&mut tx, &checkin.organization_slug).await?;
        let note = format!("Changes asked for in the {} check-in: {}", checkin.due_on.year(), answers.page_changes);
        let number = pages::insert_revision(
            &mut tx,
            checkin.organization_id,
            None,
            &crate::pages::to_json(&page)?,
            &note,
            &actor.label,
            now,
        )
        .await?;
        store::set_page_revision(&mut tx, id, number).await?;
        audit::record(&mut tx, &actor.entry("checkin.page_opened", "checkin", id), now).await?;
        let mut notice = mail(
            &app.settings.secretariat_email,
            "secretariat",
            "checkin-page-changes",
            t!("ci-page-changes-subject", organization = &checkin.organization_name),
            vec![t!("ci-page-changes", organization = &checkin.organization_name, number = number)],
            (t!("ci-open-checkin"), staff_path(&checkin)),
        );
        notice.quote = Some(answers.page_changes.clone());
        send(app, &mut tx, notice, format!("checkin:{id}:page:{number}"), now).await?;
    }
    if let Some(assignee) = checkin.assignee_user_id
        && let Some(to) = accounts::find_by_id(&mut tx, assignee).await?
    {
        let notice = mail(
            &to.email,
            &to.display_name,
            "checkin-answered",
            t!("ci-answered-subject", organization = &checkin.organization_name),
            vec![t!("ci-answered", organization = &checkin.organization_name, year = checkin.due_on.year())],
            (t!("ci-open-checkin"), staff_path(&checkin)),
        );
        send(app, &mut tx, notice, format!("checkin:{id}:answered:{}", now.unix_timestamp()), now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The assignee (or the secretariat) records the conversation and its outcome, which completes the check-in.
pub async fn record(
    app: &App,
    id: i64,
    user: &User,
    notes: &str,
    outcome: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    let mut errors = Vec::new();
    let notes = opo_domain::text::required("Notes of the conversation", notes, 20_000)
        .map_err(|e| errors.push(FieldError::of("notes", &e)))
        .unwrap_or_default();
    let outcome = opo_domain::text::required("Outcome", outcome, 2_000)
        .map_err(|e| errors.push(FieldError::of("outcome", &e)))
        .unwrap_or_default();
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let checkin = load(&mut tx, id).await?;
    if !is_secretariat(user) && checkin.assignee_user_id != Some(user.id) {
        return Err(AppError::Forbidden("only its assignee or the secretariat records this check-in".to_owned()));
    }
    step(&checkin, Status::Completed)?;
    if !store::complete(&mut tx, id, &notes, &outcome, now).await? {
        return Err(AppError::Conflict(Clash::new("checkin-completed", "this check-in is completed already")));
    }
    let mut entry = actor.entry("checkin.completed", "checkin", id);
    entry.before_json = Some(serde_json::json!({ "status": checkin.status.key() }).to_string());
    entry.after_json = Some(serde_json::json!({ "notes": notes, "outcome": outcome }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The versions of the partner page a check-in opened, newest first.
pub async fn page_versions(app: &App, checkin: &CheckIn) -> Result<Vec<Revision>, AppError> {
    let Some(first) = checkin.page_revision else { return Ok(Vec::new()) };
    let mut conn = app.db.read().await?;
    Ok(pages::revisions(&mut conn, checkin.organization_id)
        .await?
        .into_iter()
        .filter(|r| r.application_id.is_none() && r.number >= first)
        .collect())
}

async fn check_in_version(tx: &mut Tx, checkin: &CheckIn, number: i64) -> Result<Revision, AppError> {
    let first = checkin.page_revision.ok_or_else(|| {
        AppError::Conflict(Clash::new("checkin-no-page-changes", "this check-in asked for no page changes"))
    })?;
    pages::revision(tx, checkin.organization_id, number)
        .await?
        .filter(|r| r.application_id.is_none() && r.number >= first)
        .ok_or(AppError::NotFound("version"))
}

fn partner_notice(checkin: &CheckIn, kind: &'static str, subject: Text, text: Text) -> Notice {
    mail("", "", kind, subject, vec![text], (t!("ci-open-your-checkin"), portal_path(checkin)))
}

/// The contacts told about the partner page a check-in opened.
async fn page_contacts(tx: &mut Tx, org: i64) -> Result<Vec<opo_store::contacts::Contact>, AppError> {
    crate::contacts::addressed(tx, org, Concern::PartnerPage).await
}

/// The secretariat proposes a new version of the page the check-in opened, for the partner to approve.
pub async fn revise_page(
    app: &App,
    id: i64,
    user: &User,
    content: &PageContent,
    note: &str,
    actor: &Actor,
) -> Result<i64, AppError> {
    revise_page_from(app, id, user, content, note, None, actor).await
}

/// As `revise_page`, on top of `based_on`, the version the officer started editing: refused with what
/// changed when someone saved a version since (see `pages::revise_from`).
pub async fn revise_page_from(
    app: &App,
    id: i64,
    user: &User,
    content: &PageContent,
    note: &str,
    based_on: Option<i64>,
    actor: &Actor,
) -> Result<i64, AppError> {
    if !is_secretariat(user) {
        return Err(AppError::Forbidden("only the secretariat edits partner pages".to_owned()));
    }
    content.validate().map_err(AppError::Invalid)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let checkin = load(&mut tx, id).await?;
    if checkin.page_revision.is_none() {
        return Err(AppError::Conflict(Clash::new(
            "checkin-no-page-changes",
            "this check-in asked for no page changes",
        )));
    }
    if let Some(based_on) = based_on {
        crate::pages::ensure_newest(&mut tx, checkin.organization_id, based_on).await?;
    }
    let content = crate::pages::checked(&mut tx, content).await?;
    let json = crate::pages::to_json(&content)?;
    let inserted =
        pages::insert_revision(&mut tx, checkin.organization_id, None, &json, note.trim(), &actor.label, now).await;
    let number = match (inserted, based_on) {
        (Err(StoreError::Duplicate(_)), Some(based_on)) => return Err(crate::page_edits::raced(based_on)),
        (result, _) => result?,
    };
    let mut entry = actor.entry("checkin.page_revised", "checkin", id);
    entry.after_json = Some(serde_json::json!({ "version": number }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    for contact in page_contacts(&mut tx, checkin.organization_id).await? {
        let mut notice = partner_notice(
            &checkin,
            "checkin-page-ready",
            t!("ci-page-ready-subject", number = number),
            t!("ci-page-ready"),
        );
        notice.to = contact.email;
        notice.name = contact.name;
        send(app, &mut tx, notice, format!("checkin:{id}:page-ready:{number}:{}", contact.user_id), now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(number)
}

/// The partner approves a version of its page opened by the check-in.
pub async fn approve_page(app: &App, id: i64, user: &User, number: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let checkin = load(&mut tx, id).await?;
    if user.role != Role::PartnerContact || !user.organizations.contains(&checkin.organization_id) {
        return Err(AppError::Forbidden("this check-in belongs to another organization".to_owned()));
    }
    check_in_version(&mut tx, &checkin, number).await?;
    if !pages::approve(&mut tx, checkin.organization_id, number, &user.display_name, now).await? {
        return Err(AppError::Conflict(
            Clash::new("version-approved", format!("version {number} is approved already")).with("version", number),
        ));
    }
    let mut entry = actor.entry("checkin.page_approved", "checkin", id);
    entry.after_json = Some(serde_json::json!({ "version": number }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    let notice = mail(
        &app.settings.secretariat_email,
        "secretariat",
        "checkin-page-approved",
        t!("ci-page-approved-subject", organization = &checkin.organization_name, number = number),
        vec![t!("ci-page-approved")],
        (t!("ci-open-checkin"), staff_path(&checkin)),
    );
    send(app, &mut tx, notice, format!("checkin:{id}:page-approved:{number}"), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The secretariat publishes the newest version the partner approved as the public profile.
pub async fn apply_page(app: &App, id: i64, user: &User, actor: &Actor) -> Result<i64, AppError> {
    if !is_secretariat(user) {
        return Err(AppError::Forbidden("only the secretariat publishes partner pages".to_owned()));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let checkin = load(&mut tx, id).await?;
    let first = checkin.page_revision.ok_or_else(|| {
        AppError::Conflict(Clash::new("checkin-no-page-changes", "this check-in asked for no page changes"))
    })?;
    let approved = pages::revisions(&mut tx, checkin.organization_id)
        .await?
        .into_iter()
        .find(|r| r.application_id.is_none() && r.number >= first && r.approved_at.is_some())
        .ok_or_else(|| {
            AppError::Conflict(Clash::new(
                "page-not-approved",
                "the partner has not approved a version of its page yet",
            ))
        })?;
    let page = crate::pages::content_of(&approved);
    crate::pages::publish_profile(&mut tx, checkin.organization_id, &page, None, now).await?;
    directory::reindex(&mut tx, checkin.organization_id).await?;
    let mut entry = actor.entry("checkin.page_published", "checkin", id);
    entry.after_json = Some(serde_json::json!({ "version": approved.number }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    for contact in page_contacts(&mut tx, checkin.organization_id).await? {
        let mut notice = partner_notice(
            &checkin,
            "checkin-page-published",
            t!("ci-page-published-subject"),
            t!("ci-page-published", number = approved.number),
        );
        notice.to = contact.email;
        notice.name = contact.name;
        notice.action = Some((t!("ci-see-your-page"), format!("/partners/{}", checkin.organization_slug)));
        let key = format!("checkin:{id}:page-published:{}:{}", approved.number, contact.user_id);
        send(app, &mut tx, notice, key, now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(approved.number)
}

pub async fn get(app: &App, id: i64) -> Result<CheckIn, AppError> {
    let mut conn = app.db.read().await?;
    store::get(&mut conn, id).await?.ok_or(AppError::NotFound("check-in"))
}

/// Every check-in of an organization, the latest first (for the portal and the check-in's page).
pub async fn of_organization(app: &App, organization_id: i64) -> Result<Vec<CheckIn>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::of_organization(&mut conn, organization_id).await?)
}

/// "My check-ins": those assigned to a person, open ones first.
pub async fn assigned_to(app: &App, user_id: i64) -> Result<Vec<CheckIn>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::assigned_to(&mut conn, user_id).await?)
}

/// The open check-ins, split into those due and those overdue.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Board {
    pub due: Vec<CheckIn>,
    pub overdue: Vec<CheckIn>,
}

pub async fn board(app: &App) -> Result<Board, AppError> {
    let open = {
        let mut conn = app.db.read().await?;
        store::open(&mut conn).await?
    };
    let (overdue, due) = open.into_iter().partition(|c| is_overdue(app, c));
    Ok(Board { due, overdue })
}

/// The people a check-in may be assigned to.
pub async fn staff(app: &App) -> Result<Vec<User>, AppError> {
    let mut conn = app.db.read().await?;
    assignable(&mut conn).await
}
