//! The partnership workflow, step by step: an expression of interest, the intro call, the invitation,
//! the application form with its logo, submission, withdrawal, and the views of where each one stands.
//! The committee's part is in [`crate::reviews`], the agreement in [`crate::agreements`], the partner
//! page and the announcement in [`crate::pages`].
//!
//! Every change runs in one transaction that checks the move against the domain's state machine,
//! updates the stage only if no one moved it meanwhile, writes the timeline and the audit log, and puts
//! its e-mails in the outbox.

use crate::mail_text::t;
use crate::notifications::{self, Notice};
use crate::{Actor, App, AppError, workflow_mail as mail};
use opo_domain::accounts::{AccountStatus, Role};
use opo_domain::applications::Stage;
use opo_domain::applications::form::{ApplicationForm, Choices};
use opo_domain::applications::interest::InterestInput;
use opo_domain::contacts::{ContactRole, ContactRoles};
use opo_domain::partners::{FieldError, NewOrganization, OrgType, PartnerStatus};
use opo_domain::problems::Clash;
use opo_domain::taxonomy::Vocabulary;
use opo_domain::text::Slug;
use opo_store::accounts::{self, User};
use opo_store::applications::{self as store, NewInterest};
pub use opo_store::applications::{Application, ApplicationFilter, Event};
use opo_store::{StoreError, Tx, audit, notifications as outbox, partners, taxonomy};
use time::OffsetDateTime;

pub(crate) async fn load(tx: &mut Tx, id: i64) -> Result<Application, AppError> {
    store::find(tx, id).await?.ok_or(AppError::NotFound("application"))
}

/// Checks that `user` speaks for the organization of `application`.
pub(crate) fn own(user: &User, application: &Application) -> Result<(), AppError> {
    if user.role == Role::PartnerContact && user.organizations.contains(&application.organization_id) {
        Ok(())
    } else {
        Err(AppError::Forbidden(format!(
            "only a contact of {} can do this for its application",
            application.organization_name
        )))
    }
}

/// Moves an application to `to`: refused with a clear message when the program does not allow the
/// move, or when someone else moved the application first.
pub(crate) async fn advance(
    tx: &mut Tx,
    application: &Application,
    to: Stage,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    application.stage.move_to(to).map_err(|e| {
        AppError::Conflict(
            Clash::new("illegal-move", capitalized(&e.to_string())).with("from", e.from.key()).with("to", e.to.key()),
        )
    })?;
    if !store::move_stage(tx, application.id, application.stage, to, now).await? {
        return Err(AppError::Conflict(Clash::new(
            "application-changed",
            "someone else changed this application a moment ago; reload the page to see where it stands",
        )));
    }
    Ok(())
}

/// Refuses when the application is not at `stage`, saying what stage it is at.
pub(crate) fn expect_stage(application: &Application, stages: &[Stage], doing: &str) -> Result<(), AppError> {
    if stages.contains(&application.stage) {
        Ok(())
    } else {
        let message = format!("{doing} is not possible while the application is at \"{}\"", application.stage.label());
        Err(AppError::Conflict(
            Clash::new("wrong-stage", message).with("doing", doing).with("stage", application.stage.key()),
        ))
    }
}

pub fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Writes the timeline entry and the audit entry of one step.
pub(crate) async fn record(
    tx: &mut Tx,
    application: &Application,
    actor: &Actor,
    kind: &str,
    note: &str,
    for_applicant: bool,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    store::add_event(tx, application.id, &actor.label, kind, note, for_applicant, now).await?;
    let mut entry = actor.entry(&format!("application.{kind}"), "application", application.id);
    entry.after_json =
        Some(serde_json::json!({ "organization": application.organization_slug, "note": note }).to_string());
    audit::record(tx, &entry, now).await?;
    Ok(())
}

pub(crate) async fn send(app: &App, tx: &mut Tx, notice: Notice, now: OffsetDateTime) -> Result<(), AppError> {
    if notice.to.trim().is_empty() {
        return Ok(());
    }
    let email = notifications::notice_for(app, tx, notice).await?;
    outbox::enqueue(tx, &email, now).await?;
    Ok(())
}

/// Every active committee member, to tell them of an application waiting for their vote.
pub(crate) async fn committee(tx: &mut Tx) -> Result<Vec<User>, AppError> {
    Ok(accounts::active_with_roles(tx, &[Role::Committee]).await?)
}

/// Where an expression of interest came from: the public form, with what the spam checks need.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormOrigin {
    pub ip: String,
}

/// What the public form answers after an expression of interest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterestReceived {
    pub application_id: i64,
    pub organization: String,
}

/// The capability keys a desired role may name.
async fn capability_keys(tx: &mut Tx) -> Result<Vec<String>, AppError> {
    Ok(taxonomy::list(tx, Vocabulary::Capability).await?.into_iter().map(|t| t.key).collect())
}

/// Creates the organization an expression of interest is about, as a prospect of its own. An
/// expression of interest never attaches anyone to an organization that exists: when it resembles one
/// (same name, slug or website host), the new organization is marked as perhaps the same, for the
/// secretariat to merge or not. Returns the new organization and the one it resembles.
async fn prospect(
    tx: &mut Tx,
    name: &str,
    website: Option<opo_domain::text::WebUrl>,
    country: Option<&str>,
    now: OffsetDateTime,
) -> Result<(i64, Option<i64>), AppError> {
    let slug = Slug::from_name(name).map_err(|e| AppError::refused("organization", &e))?;
    let resembles = partners::resembling(tx, name, slug.as_str(), website.as_ref().map(|w| w.host())).await?;
    let free = partners::free_slug(tx, slug.as_str()).await?;
    let org = NewOrganization {
        name: name.to_owned(),
        slug: Slug::parse(&free).map_err(|e| AppError::refused("organization", &e))?,
        website,
        short_description: String::new(),
        long_description: String::new(),
        // The kind of organization is asked in the application form; until then it is a placeholder
        // that no public page shows, since prospects are not listed.
        org_type: OrgType::Ngo,
        hq_country: country.and_then(|c| opo_domain::countries::CountryCode::parse(c).ok()),
        countries: Vec::new(),
        status: PartnerStatus::Prospect,
        featured: false,
    };
    let id = partners::insert(tx, &org, None, now).await?;
    if resembles.is_some() {
        partners::set_resembles(tx, id, resembles, now).await?;
    }
    Ok((id, resembles))
}

/// What became of the sender's address: a new account (with its first sign-in link), or one that
/// existed already, which the sender is told of by e-mail only.
struct Applicant {
    user: Option<User>,
    token: Option<String>,
}

/// The applicant's account: a new partner contact's account for a new address, made the new
/// organization's primary contact and mail point of contact. An address with an account already is
/// only told, by e-mail, to sign in with it; a partner contact's account also becomes a contact of the
/// new organization (it applies for it), a staff account does not.
async fn applicant(
    app: &App,
    tx: &mut Tx,
    organization_id: i64,
    name: &str,
    email: &opo_domain::text::EmailAddress,
    now: OffsetDateTime,
) -> Result<Applicant, AppError> {
    let (user, token) =
        crate::contacts::account_for(app, tx, name, email, "contact_email", organization_id, now).await?;
    if user.role != Role::PartnerContact || user.status != AccountStatus::Active {
        return Ok(Applicant { user: None, token: None });
    }
    let roles = ContactRoles::default().with(ContactRole::Primary).with(ContactRole::MailPoc);
    crate::contacts::grant(tx, organization_id, user.id, roles, now).await?;
    Ok(Applicant { user: Some(user), token })
}

/// An organization expresses interest through the public form. Creates the prospect organization, the
/// applicant's account and the application; thanks the applicant with a first sign-in link and tells
/// the secretariat. The answer is the same whoever sends it: what is special about the address or the
/// organization is told by e-mail, to the address and to the secretariat.
pub async fn express_interest(app: &App, input: &InterestInput, actor: &Actor) -> Result<InterestReceived, AppError> {
    express_interest_in(app, input, "en", actor).await
}

/// [`express_interest`] from a page in `locale` (`en`, `fr`, `es` or `pt`; others count as English): a
/// new applicant's account keeps that language, and every e-mail to the applicant is written in it.
pub async fn express_interest_in(
    app: &App,
    input: &InterestInput,
    locale: &str,
    actor: &Actor,
) -> Result<InterestReceived, AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let keys = capability_keys(&mut tx).await?;
    let roles: Vec<&str> = keys.iter().map(String::as_str).collect();
    let interest = input.validate(&roles).map_err(AppError::Invalid)?;
    let (organization_id, resembles) =
        prospect(&mut tx, &interest.organization, interest.website.clone(), interest.country.map(|c| c.as_str()), now)
            .await?;
    let email = interest.contact_email.as_str();
    let found = applicant(app, &mut tx, organization_id, &interest.contact_name, &interest.contact_email, now).await?;
    if found.token.is_some()
        && let Some(user) = &found.user
    {
        accounts::set_locale(&mut tx, user.id, crate::mail_text::supported(locale), now).await?;
    }
    let new = NewInterest {
        organization_id,
        applicant_user_id: found.user.as_ref().map(|u| u.id),
        source: "form".to_owned(),
        discourse_topic_id: None,
        contact_name: interest.contact_name.clone(),
        contact_email: email.to_owned(),
        desired_role: interest.desired_role.clone(),
        message: interest.message.clone(),
    };
    let id = store::insert_interest(&mut tx, &new, now).await?;
    let application = load(&mut tx, id).await?;
    record(&mut tx, &application, actor, "interest", &interest.message, true, now).await?;
    let s = &app.settings;
    let known_address = found.token.is_none();
    let link = crate::contacts::sign_in_path(found.token.as_deref(), &format!("/portal/applications/{id}"));
    let mut notice = mail::interest_received(&application, &s.community_name, link, s.invitation_lifetime.whole_days());
    if known_address {
        notice.paragraphs.pop();
        notice.paragraphs.push(if found.user.is_some() {
            t!("wf-interest-known-address")
        } else {
            t!("wf-interest-staff-address")
        });
    }
    if resembles.is_some() {
        notice.paragraphs.push(t!("wf-interest-resembles"));
    }
    send(app, &mut tx, notice, now).await?;
    send(app, &mut tx, mail::interest_to_secretariat(&application, &s.secretariat_email, known_address), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(InterestReceived { application_id: id, organization: interest.organization })
}

/// A topic in the forum's partnership-interest category. The forum does not share the author's e-mail
/// address, so the secretariat adds the contact when it reaches out; a topic sent twice (the forum
/// retries) creates one application. Like the form, it never attaches anyone to an existing organization.
pub async fn interest_from_forum(
    app: &App,
    topic_id: i64,
    title: &str,
    author: &str,
    message: &str,
    actor: &Actor,
) -> Result<Option<i64>, AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if store::by_discourse_topic(&mut tx, topic_id).await?.is_some() {
        return Ok(None);
    }
    let name = opo_domain::text::line("Organization", title, 200).map_err(|e| AppError::refused("title", &e))?;
    let (organization_id, _) = prospect(&mut tx, &name, None, None, now).await?;
    let new = NewInterest {
        organization_id,
        applicant_user_id: None,
        source: "discourse".to_owned(),
        discourse_topic_id: Some(topic_id),
        contact_name: author.to_owned(),
        contact_email: String::new(),
        desired_role: String::new(),
        message: message.chars().take(5_000).collect(),
    };
    let id = store::insert_interest(&mut tx, &new, now).await?;
    let application = load(&mut tx, id).await?;
    record(&mut tx, &application, actor, "interest", &format!("Forum topic {topic_id} by {author}"), true, now).await?;
    send(app, &mut tx, mail::interest_to_secretariat(&application, &app.settings.secretariat_email, false), now)
        .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(Some(id))
}

/// The secretariat names the applicant's contact (for an interest that came without one), which
/// creates the contact's account and sends its first sign-in link.
pub async fn set_contact(app: &App, id: i64, name: &str, email: &str, actor: &Actor) -> Result<(), AppError> {
    let name = opo_domain::text::line("Name", name, 200).map_err(|e| AppError::refused("contact_name", &e))?;
    let address =
        opo_domain::text::EmailAddress::parse_new(email).map_err(|e| AppError::refused("contact_email", &e))?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    if application.stage.is_final() {
        return Err(AppError::Conflict(Clash::new("application-ended", "this application has ended")));
    }
    let found = applicant(app, &mut tx, application.organization_id, &name, &address, now).await?;
    let Some(user) = found.user else {
        return Err(AppError::invalid(
            "contact_email",
            "this address belongs to a staff or deactivated account; name the organization's own contact",
        ));
    };
    store::set_contact(&mut tx, id, user.id, &name, address.as_str(), now).await?;
    let application = load(&mut tx, id).await?;
    record(&mut tx, &application, actor, "contact_set", &format!("{name} <{}>", address.as_str()), false, now).await?;
    let s = &app.settings;
    let link = crate::contacts::sign_in_path(found.token.as_deref(), &format!("/portal/applications/{id}"));
    let notice = mail::interest_received(&application, &s.community_name, link, s.invitation_lifetime.whole_days());
    send(app, &mut tx, notice, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The date and time of a call as written in messages: `2026-12-01 14:30 UTC`.
pub fn format_when(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!("{} {:02}:{:02} UTC", at.date(), at.hour(), at.minute())
}

/// The secretariat sets (or moves) the intro call; the applicant gets an e-mail with a calendar
/// invitation whose SEQUENCE rises with each move.
pub async fn schedule_call(
    app: &App,
    id: i64,
    starts_at: OffsetDateTime,
    minutes: i64,
    actor: &Actor,
) -> Result<(), AppError> {
    if !(15..=240).contains(&minutes) {
        return Err(AppError::invalid("minutes", "a call lasts between 15 and 240 minutes"));
    }
    let now = app.clock.now();
    if starts_at < now {
        return Err(AppError::invalid("starts_at", "choose a time in the future"));
    }
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    expect_stage(&application, &[Stage::Interest, Stage::IntroCall], "Setting the intro call")?;
    if application.contact_email.is_empty() {
        return Err(AppError::Conflict(Clash::new(
            "contact-needed",
            "add the applicant's contact first, so the invitation has somewhere to go",
        )));
    }
    if application.stage == Stage::Interest {
        advance(&mut tx, &application, Stage::IntroCall, now).await?;
    }
    let sequence = store::schedule_call(&mut tx, id, starts_at, minutes, now).await?;
    let application = load(&mut tx, id).await?;
    let when = format_when(starts_at);
    record(&mut tx, &application, actor, if sequence > 0 { "call_moved" } else { "call_scheduled" }, &when, true, now)
        .await?;
    let s = &app.settings;
    let host = s
        .base_url
        .split_once("://")
        .map_or(s.base_url.as_str(), |(_, rest)| rest)
        .split(['/', ':'])
        .next()
        .unwrap_or("localhost");
    let summary = format!("{} intro call: {}", s.community_name, application.organization_name);
    let description = format!(
        "An intro call about {}'s partnership with the {} community.",
        application.organization_name, s.community_name
    );
    let url = format!("{}/portal/applications/{id}", s.base_url);
    let ics = crate::calendar::invitation(&crate::calendar::CallInvitation {
        uid: format!("application-{id}-intro-call@{host}"),
        sequence: u32::try_from(sequence).unwrap_or(0),
        starts_at,
        minutes,
        summary: &summary,
        description: &description,
        organizer: &s.secretariat_email,
        attendee: &application.contact_email,
        url: &url,
        stamped_at: now,
    });
    send(app, &mut tx, mail::call_scheduled(&application, &when, sequence > 0, ics), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The secretariat records the call's notes and the role agreed with the organization.
pub async fn record_call(app: &App, id: i64, notes: &str, agreed_role: &str, actor: &Actor) -> Result<(), AppError> {
    if notes.chars().count() > 20_000 {
        return Err(AppError::invalid("notes", "the notes are too long (20,000 characters at most)"));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    expect_stage(&application, &[Stage::IntroCall], "Recording the call")?;
    let role = agreed_role.trim();
    if !role.is_empty() && !capability_keys(&mut tx).await?.iter().any(|k| k == role) {
        return Err(AppError::invalid("agreed_role", "choose one of the roles listed"));
    }
    store::record_call(&mut tx, id, notes.trim(), role, now).await?;
    record(&mut tx, &application, actor, "call_recorded", role, false, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// After the call, the secretariat invites the application. The form starts filled with what is known.
pub async fn invite(app: &App, id: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    if application.contact_email.is_empty() {
        return Err(AppError::Conflict(Clash::new("contact-needed", "add the applicant's contact first")));
    }
    advance(&mut tx, &application, Stage::Invited, now).await?;
    let role = if application.agreed_role.is_empty() { &application.desired_role } else { &application.agreed_role };
    let form = ApplicationForm {
        poc_name: application.contact_name.clone(),
        poc_email: application.contact_email.clone(),
        capabilities: if role.is_empty() { Vec::new() } else { vec![role.clone()] },
        countries: application.hq_country.iter().cloned().collect(),
        ..ApplicationForm::default()
    };
    store::save_form(&mut tx, id, &to_json(&form)?, now).await?;
    record(&mut tx, &application, actor, "invited", "", true, now).await?;
    send(app, &mut tx, mail::invited(&application, &app.settings.community_name), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

fn to_json(form: &ApplicationForm) -> Result<String, AppError> {
    serde_json::to_string(form).map_err(|e| AppError::Internal(format!("form: {e}")))
}

/// The form of an application as last saved.
pub fn form_of(application: &Application) -> ApplicationForm {
    serde_json::from_str(&application.form_json).unwrap_or_default()
}

/// The applicant saves the form as it is; only sizes are checked, so nothing typed is lost.
pub async fn save_draft(
    app: &App,
    id: i64,
    user: &User,
    form: &ApplicationForm,
    actor: &Actor,
) -> Result<(), AppError> {
    form.check_draft().map_err(AppError::Invalid)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    own(user, &application)?;
    expect_stage(&application, &[Stage::Invited], "Editing the application")?;
    store::save_form(&mut tx, id, &to_json(form)?, now).await?;
    audit::record(&mut tx, &actor.entry("application.draft_saved", "application", id), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The applicant uploads the logo: decoded and re-encoded, or sanitized, before it is stored.
pub async fn upload_logo(
    app: &App,
    id: i64,
    user: &User,
    bytes: &[u8],
    file_name: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    // Decoding and rendering may take a second of CPU: off the threads that answer requests.
    let (data, name) = (bytes.to_vec(), file_name.to_owned());
    let logo = tokio::task::spawn_blocking(move || crate::logos::process(&data, &name))
        .await
        .map_err(|e| AppError::Internal(format!("logo processing: {e}")))?
        .map_err(|e| AppError::invalid("logo", e))?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    own(user, &application)?;
    expect_stage(&application, &[Stage::Invited, Stage::InfoRequested, Stage::PageReview], "Changing the logo")?;
    let stored = opo_store::partners::Logo {
        content_type: logo.content_type.to_owned(),
        sha256: logo.sha256.clone(),
        data: logo.data,
        fallback_png: logo.fallback_png,
    };
    partners::set_logo(&mut tx, application.organization_id, &stored, now).await?;
    record(&mut tx, &application, actor, "logo_uploaded", &format!("{} × {}", logo.width, logo.height), true, now)
        .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The logo of the application's organization, whatever its status, for its applicant and the staff.
pub async fn logo_of(app: &App, id: i64) -> Result<Option<opo_store::partners::Logo>, AppError> {
    let mut conn = app.db.read().await?;
    let application = store::find(&mut conn, id).await?.ok_or(AppError::NotFound("application"))?;
    Ok(partners::logo_of(&mut conn, application.organization_id).await?)
}

/// The choices the application form offers.
pub async fn choices(
    app: &App,
) -> Result<(Vec<opo_domain::taxonomy::Term>, Vec<opo_domain::taxonomy::Term>), AppError> {
    let mut conn = app.db.read().await?;
    Ok((
        taxonomy::list(&mut conn, Vocabulary::Capability).await?,
        taxonomy::list(&mut conn, Vocabulary::Component).await?,
    ))
}

/// The applicant submits: the form must be complete, the logo uploaded and the agreement signed.
pub async fn submit(app: &App, id: i64, user: &User, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    own(user, &application)?;
    expect_stage(&application, &[Stage::Invited], "Submitting")?;
    let capabilities: Vec<String> =
        taxonomy::list(&mut tx, Vocabulary::Capability).await?.into_iter().map(|t| t.key).collect();
    let components: Vec<String> =
        taxonomy::list(&mut tx, Vocabulary::Component).await?.into_iter().map(|t| t.key).collect();
    let choices = Choices {
        capabilities: &capabilities.iter().map(String::as_str).collect::<Vec<_>>(),
        components: &components.iter().map(String::as_str).collect::<Vec<_>>(),
    };
    let mut problems = match form_of(&application).validate(choices) {
        Ok(_) => Vec::new(),
        Err(problems) => problems,
    };
    if partners::logo_of(&mut tx, application.organization_id).await?.is_none() {
        problems.push(FieldError::new("logo", "upload-logo", "upload your organization's logo"));
    }
    if application.agreement_id.is_none() {
        problems.push(FieldError::new("agreement", "sign-agreement", "sign the partner agreement"));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    advance(&mut tx, &application, Stage::Submitted, now).await?;
    store::mark_submitted(&mut tx, id, now).await?;
    record(&mut tx, &application, actor, "submitted", "", true, now).await?;
    send(app, &mut tx, mail::submitted(&application), now).await?;
    send(app, &mut tx, mail::submitted_to_secretariat(&application, &app.settings.secretariat_email), now).await?;
    let about =
        (application.organization_id, application.organization_slug.as_str(), application.organization_name.as_str());
    let fields = serde_json::json!({ "application_id": id, "submitted_at": crate::webhooks::timestamp(now) });
    crate::webhooks::emit_for_organization(
        app,
        &mut tx,
        crate::webhooks::EventKind::ApplicationSubmitted,
        about,
        fields,
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The secretariat has checked a submitted application and passes it to the committee.
pub async fn send_to_committee(app: &App, id: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    advance(&mut tx, &application, Stage::UnderReview, now).await?;
    record(&mut tx, &application, actor, "sent_to_committee", "", true, now).await?;
    for member in committee(&mut tx).await? {
        send(app, &mut tx, mail::review_requested(&application, &member.email, &member.display_name), now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The applicant withdraws; the organization may apply again later.
pub async fn withdraw(app: &App, id: i64, user: &User, reason: &str, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    own(user, &application)?;
    advance(&mut tx, &application, Stage::Withdrawn, now).await?;
    store::record_decision(&mut tx, id, "withdrawn", reason.trim(), now).await?;
    record(&mut tx, &application, actor, "withdrawn", reason.trim(), true, now).await?;
    send(app, &mut tx, mail::withdrawn(&application, &app.settings.secretariat_email), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The secretariat ends an application before it reaches the committee (say, it is not a fit).
pub async fn decline_early(app: &App, id: i64, reason: &str, actor: &Actor) -> Result<(), AppError> {
    let reason = opo_domain::text::required("Reason", reason, 5_000).map_err(|e| AppError::refused("reason", &e))?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    expect_stage(&application, &[Stage::Interest, Stage::IntroCall], "Declining without the committee")?;
    advance(&mut tx, &application, Stage::Declined, now).await?;
    store::record_decision(&mut tx, id, "decline", &reason, now).await?;
    record(&mut tx, &application, actor, "declined", &reason, true, now).await?;
    send(app, &mut tx, mail::decided(&application, false, &reason, &app.settings.community_name), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

pub async fn find(app: &App, id: i64) -> Result<Application, AppError> {
    let mut conn = app.db.read().await?;
    store::find(&mut conn, id).await?.ok_or(AppError::NotFound("application"))
}

/// The applications a partner contact can follow: those of their organization.
pub async fn mine(app: &App, user: &User) -> Result<Vec<Application>, AppError> {
    let mut conn = app.db.read().await?;
    let mut found = Vec::new();
    for organization_id in &user.organizations {
        let filter = ApplicationFilter { organization_id: Some(*organization_id), ..ApplicationFilter::default() };
        found.extend(store::list(&mut conn, &filter).await?);
    }
    found.sort_by_key(|a| (a.stage_entered_at, a.id));
    Ok(found)
}

pub async fn timeline(app: &App, id: i64, applicant_view: bool) -> Result<Vec<Event>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::events(&mut conn, id, applicant_view).await?)
}

/// One row of the secretariat's board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoardRow {
    pub application: Application,
    pub late: bool,
    pub days_in_stage: i64,
}

/// The secretariat's board: the applications at the chosen stages (all under way when none), with
/// counts per stage and what is late. `rows` holds the window asked for; `matching` counts them all.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Board {
    pub rows: Vec<BoardRow>,
    pub matching: i64,
    pub counts: Vec<(Stage, i64, i64)>,
}

/// A slice of the board's rows: `limit` rows after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    pub offset: i64,
    pub limit: i64,
}

/// The board, counted and filtered in the database so that only the rows shown are read: with
/// thousands of applications, reading them all for every view cost seconds and hundreds of megabytes.
pub async fn board(app: &App, stages: &[Stage], late_only: bool, window: Option<Window>) -> Result<Board, AppError> {
    let now = app.clock.now();
    let limits = &app.settings.stage_limits;
    let cutoffs: Vec<(Stage, OffsetDateTime)> =
        Stage::ALL.iter().filter_map(|stage| Some((*stage, now - limits.limit(*stage)?))).collect();
    let shown: Vec<Stage> = if stages.is_empty() {
        Stage::ALL.iter().copied().filter(|stage| !stage.is_final()).collect()
    } else {
        stages.to_vec()
    };
    let waiting = store::Waiting { stages: &shown, late_before: late_only.then_some(cutoffs.as_slice()) };
    let mut conn = app.db.read().await?;
    let found = store::stage_counts(&mut conn, &cutoffs).await?;
    let counts = Stage::ALL
        .iter()
        .map(|stage| found.iter().find(|(s, _, _)| s == stage).copied().unwrap_or((*stage, 0, 0)))
        .collect();
    let (offset, limit) = window.map_or((0, None), |w| (w.offset, Some(w.limit)));
    let listed = store::list_waiting(&mut conn, &waiting, offset, limit).await?;
    let matching = match window {
        Some(_) => store::count_waiting(&mut conn, &waiting).await?,
        None => i64::try_from(listed.len()).unwrap_or(i64::MAX),
    };
    let rows = listed
        .into_iter()
        .map(|application| BoardRow {
            late: limits.is_late(application.stage, application.stage_entered_at, now),
            days_in_stage: (now - application.stage_entered_at).whole_days(),
            application,
        })
        .collect();
    Ok(Board { rows, matching, counts })
}

/// What the worker does for the workflow each round: reminders for idle drafts and open questions,
/// expiry of unanswered questions, and one note to the secretariat per application that turned late.
pub async fn sweep(app: &App) -> Result<usize, AppError> {
    let now = app.clock.now();
    let mut sent = 0;
    let actor = Actor::system();
    let mut tx = app.db.begin().await?;
    let idle_since = now - app.settings.draft_idle_reminder;
    for id in store::idle_drafts(&mut tx, idle_since).await? {
        if !store::mark_draft_reminded(&mut tx, id, idle_since, now).await? {
            continue;
        }
        let application = load(&mut tx, id).await?;
        send(app, &mut tx, mail::draft_reminder(&application), now).await?;
        record(&mut tx, &application, &actor, "draft_reminder", "", false, now).await?;
        sent += 1;
    }
    sent += crate::reviews::sweep_requests(app, &mut tx, now).await?;
    for (stage, _) in app.settings.stage_limits.0.clone() {
        let Some(limit) = app.settings.stage_limits.limit(stage) else { continue };
        for id in store::late_unnotified(&mut tx, stage, now - limit).await? {
            if !store::mark_overdue_notified(&mut tx, id, now).await? {
                continue;
            }
            let application = load(&mut tx, id).await?;
            send(app, &mut tx, mail::late(&application, &app.settings.secretariat_email, limit.whole_days()), now)
                .await?;
            sent += 1;
        }
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(sent)
}
