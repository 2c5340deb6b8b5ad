//! Renewal of the partner agreement: the daily planner that reminds partners 90, 30 and 7 days before
//! their agreement expires (or must be signed again) and moves each partnership through renewal due, in
//! grace and lapsed; re-signing in the portal; a new agreement version that everyone must sign by a date;
//! an admin's status until a date; and the history of every change of status.

use crate::agreements::{Evidence, SignInput};
use crate::mail_text::{Text, t};
use crate::notifications::Notice;
use crate::{Actor, App, AppError, jobs, notifications, secrets};
use opo_domain::contacts::Concern;
use opo_domain::partners::{FieldError, PartnerStatus};
use opo_domain::problems::Clash;
use opo_domain::renewals::{self as rules, Override, Requirement, Standing};
use opo_store::accounts::User;
use opo_store::agreements::{self as agreement_store, NewSignature, NewTemplate};
use opo_store::contacts::Contact;
use opo_store::renewals::{self as store, Partnership};
pub use opo_store::renewals::{Change, StoredOverride};
use opo_store::{StoreError, Tx, audit, directory};
use serde_json::json;
use time::{Date, Duration, OffsetDateTime};

fn long(date: Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

fn standing(app: &App, p: &Partnership, requirement: Option<&store::Requirement>) -> Standing {
    Standing {
        current: p.status,
        expires_on: p.expires_on,
        requirement: requirement
            .filter(|_| !p.signed_since_requirement)
            .map(|r| Requirement { version: r.version.clone(), by: r.resign_by }),
        override_status: p.override_status.as_ref().map(|o| Override {
            status: o.status,
            until: o.until,
            reason: o.reason.clone(),
        }),
        grace: app.settings.renewal_grace,
    }
}

/// Moves a partnership to `to` with its reason, writing the history row, the audit entry and the search
/// index; `false` when another instance changed it first. A change of reason alone is only stored.
async fn change_status(
    tx: &mut Tx,
    p: &Partnership,
    to: PartnerStatus,
    reason: &str,
    actor: &Actor,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    if !store::transition(tx, p.id, p.status, to, reason, now).await? {
        return Ok(false);
    }
    if to == p.status {
        return Ok(false);
    }
    let change = Change { from: p.status, to, reason: reason.to_owned(), actor_label: actor.label.clone(), at: now };
    store::record_change(tx, p.id, &change).await?;
    let mut entry = actor.entry("partnership.status_changed", "organization", p.id);
    entry.before_json = Some(json!({ "status": p.status.key(), "reason": p.status_reason }).to_string());
    entry.after_json = Some(json!({ "status": to.key(), "reason": reason }).to_string());
    audit::record(tx, &entry, now).await?;
    directory::reindex(tx, p.id).await?;
    Ok(true)
}

/// The contacts the agreement concerns: its signers, the mail point of contact and the primary contact.
async fn addressed(tx: &mut Tx, organization_id: i64) -> Result<Vec<Contact>, AppError> {
    crate::contacts::addressed(tx, organization_id, Concern::Agreement).await
}

fn resign_path(slug: &str) -> String {
    format!("/portal/organizations/{slug}/agreement")
}

fn reminder_notices(
    app: &App,
    p: &Partnership,
    contacts: &[Contact],
    requirement: Option<&Requirement>,
    deadline: Date,
    days: i64,
) -> Vec<(String, Notice)> {
    let community = &app.settings.community_name;
    let name = &p.name;
    let version = requirement.filter(|r| r.by == deadline).map(|r| r.version.clone());
    let mut notices = Vec::new();
    for poc in contacts {
        let first = match &version {
            Some(v) => t!("rn-reminder-version", organization = name, version = v, date = deadline, days = days),
            None => t!("rn-reminder-expires", organization = name, date = deadline, days = days),
        };
        notices.push((
            format!("contact-{}", poc.user_id),
            Notice {
                kind: "renewal-reminder",
                to: poc.email.clone(),
                name: poc.name.clone(),
                subject: t!("rn-reminder-subject", organization = name, days = days),
                paragraphs: vec![
                    first,
                    t!("rn-reminder-sign", organization = name, community = community),
                    t!("rn-reminder-grace", grace = app.settings.renewal_grace.whole_days()),
                ],
                quote: None,
                action: Some((t!("rn-sign-again"), resign_path(&p.slug))),
                attachment: None,
            },
        ));
    }
    let reminded: Vec<String> = contacts.iter().map(|c| format!("{} ({})", c.name, c.email)).collect();
    notices.push((
        "secretariat".to_owned(),
        Notice {
            kind: "renewal-reminder-staff",
            to: app.settings.secretariat_email.clone(),
            name: "secretariat".to_owned(),
            subject: t!("rn-staff-subject", organization = name, days = days),
            paragraphs: vec![
                match &version {
                    Some(v) => t!("rn-staff-version", organization = name, version = v, date = deadline),
                    None => t!("rn-staff-expires", organization = name, date = deadline),
                },
                if reminded.is_empty() {
                    t!("rn-staff-no-poc")
                } else {
                    t!("rn-staff-reminded-contacts", contacts = reminded.join(", "))
                },
            ],
            quote: None,
            action: Some((t!("rn-open-record"), format!("/portal/organizations/{}", p.slug))),
            attachment: None,
        },
    ));
    notices
}

fn lapse_notice(app: &App, p: &Partnership, poc: &Contact, reason: &str) -> Notice {
    Notice {
        kind: "partnership-lapsed",
        to: poc.email.clone(),
        name: poc.name.clone(),
        subject: t!("rn-lapsed-subject", community = &app.settings.community_name, organization = &p.name),
        paragraphs: vec![
            Text::Plain(reason.to_owned()),
            t!("rn-lapsed-unlisted", organization = &p.name),
            t!("rn-lapsed-restore"),
        ],
        quote: None,
        action: Some((t!("rn-sign-again"), resign_path(&p.slug))),
        attachment: None,
    }
}

async fn send(app: &App, tx: &mut Tx, notice: Notice, now: OffsetDateTime) -> Result<(), AppError> {
    let email = notifications::notice_for(app, tx, notice).await?;
    opo_store::notifications::enqueue(tx, &email, now).await?;
    Ok(())
}

/// The daily work of renewals, run by the planner: every partnership's status as of today (each change
/// with its reason, history, audit entry and search index; the partner told when it lapses), ended
/// overrides cleared, and the reminder due today put in the outbox once per deadline and day count.
pub async fn plan(app: &App) -> Result<usize, AppError> {
    let now = app.clock.now();
    let today = now.date();
    let (requirement, partnerships) = {
        let mut conn = app.db.read().await?;
        let requirement = store::requirement(&mut conn, now).await?;
        let partnerships = store::partnerships(&mut conn, requirement.as_ref().map(|r| r.published_at)).await?;
        (requirement, partnerships)
    };
    let mut queued = 0;
    for p in partnerships {
        let mut standing = standing(app, &p, requirement.as_ref());
        let override_ended = standing.override_status.as_ref().is_some_and(|o| !o.holds(today));
        let held = standing.override_status.as_ref().is_some_and(|o| o.holds(today));
        if override_ended {
            // Once an override ends, the status follows the agreement again.
            standing.override_status = None;
            standing.current = PartnerStatus::Active;
        }
        let computed = rules::status_on(&standing, today);
        let change = computed.filter(|c| c.status != p.status || c.reason != p.status_reason);
        let deadline = rules::deadline(standing.expires_on, standing.requirement.as_ref());
        let reminder = deadline
            .filter(|_| !held && rules::follows_agreement(p.status))
            .and_then(|d| rules::reminder_due(d, today).map(|days| (d, days)));
        if change.is_none() && reminder.is_none() && !override_ended {
            continue;
        }
        let mut tx = app.db.begin().await?;
        if override_ended {
            store::set_override(&mut tx, p.id, None, now).await?;
        }
        if let Some(c) = &change {
            let changed = change_status(&mut tx, &p, c.status, &c.reason, &Actor::system(), now).await?;
            if changed && c.status == PartnerStatus::Lapsed {
                for poc in addressed(&mut tx, p.id).await? {
                    send(app, &mut tx, lapse_notice(app, &p, &poc, &c.reason), now).await?;
                    queued += 1;
                }
            }
            if changed && c.status == PartnerStatus::Lapsed {
                let fields = json!({
                    "reason": c.reason,
                    "lapsed_on": today.to_string(),
                    "expires_on": p.expires_on.map(|d| d.to_string()),
                });
                let about = (p.id, p.slug.as_str(), p.name.as_str());
                crate::webhooks::emit_for_organization(
                    app,
                    &mut tx,
                    crate::webhooks::EventKind::AgreementLapsed,
                    about,
                    fields,
                    now,
                )
                .await?;
            }
        }
        if let Some((deadline, days)) = reminder {
            let contacts = addressed(&mut tx, p.id).await?;
            for (to, notice) in reminder_notices(app, &p, &contacts, standing.requirement.as_ref(), deadline, days) {
                let key = format!("renewal:{}:{deadline}:{days}:{to}", p.id);
                if jobs::schedule_email(app, &mut tx, notice, key, now, now).await?.is_some() {
                    queued += 1;
                }
            }
        }
        tx.commit().await.map_err(StoreError::from)?;
    }
    Ok(queued)
}

/// Where one partnership stands with its agreement, for its record page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renewal {
    pub status: PartnerStatus,
    pub reason: String,
    pub expires_on: Option<Date>,
    /// The day the agreement must be signed again by.
    pub deadline: Option<Date>,
    /// The version everyone must sign, and by when, if this partnership has not signed it yet.
    pub requirement: Option<(String, Date)>,
    pub override_status: Option<StoredOverride>,
    /// Whether signing again is open now.
    pub can_resign: bool,
}

fn resign_open(
    p: &Partnership,
    standing: &Standing,
    current_version: &str,
    latest_version: Option<&str>,
    today: Date,
) -> bool {
    if !rules::follows_agreement(p.status) {
        return false;
    }
    let deadline = rules::deadline(standing.expires_on, standing.requirement.as_ref());
    p.status != PartnerStatus::Active
        || latest_version != Some(current_version)
        || standing.requirement.is_some()
        || deadline.is_none_or(|d| today >= d - Duration::days(rules::RENEWAL_WINDOW_DAYS))
}

pub async fn renewal(app: &App, organization_id: i64) -> Result<Renewal, AppError> {
    let now = app.clock.now();
    let mut conn = app.db.read().await?;
    let requirement = store::requirement(&mut conn, now).await?;
    let p = store::partnership(&mut conn, organization_id, requirement.as_ref().map(|r| r.published_at))
        .await?
        .ok_or(AppError::NotFound("organization"))?;
    let standing = standing(app, &p, requirement.as_ref());
    let current = agreement_store::current_template(&mut conn, now).await?;
    let latest = agreement_store::latest_for(&mut conn, organization_id).await?;
    let can_resign = current.as_ref().is_some_and(|t| {
        resign_open(&p, &standing, &t.version, latest.as_ref().map(|l| l.template_version.as_str()), now.date())
    });
    Ok(Renewal {
        status: p.status,
        reason: p.status_reason.clone(),
        expires_on: p.expires_on,
        deadline: rules::deadline(standing.expires_on, standing.requirement.as_ref()),
        requirement: standing.requirement.as_ref().map(|r| (r.version.clone(), r.by)),
        override_status: p.override_status,
        can_resign,
    })
}

fn signer(input: &SignInput) -> Result<(String, String), AppError> {
    let mut problems = Vec::new();
    let name = opo_domain::text::line("Your full name", &input.signer_name, 200)
        .map_err(|e| problems.push(FieldError::of("signer_name", &e)))
        .ok();
    let title = opo_domain::text::line("Your title", &input.signer_title, 200)
        .map_err(|e| problems.push(FieldError::of("signer_title", &e)))
        .ok();
    if !input.accept {
        problems.push(FieldError::new("accept", "accept-agreement", "tick the box to accept the agreement"));
    }
    match (name, title) {
        (Some(name), Some(title)) if problems.is_empty() => Ok((name, title)),
        _ => Err(AppError::Invalid(problems)),
    }
}

/// Signs the current agreement again for the signer's own organization, with the same evidence as the
/// first signature; the partnership is active again at once. Returns the signature's public code.
pub async fn resign(
    app: &App,
    organization_id: i64,
    user: &User,
    input: &SignInput,
    evidence: &Evidence,
    actor: &Actor,
) -> Result<String, AppError> {
    if user.role != opo_domain::accounts::Role::PartnerContact || !user.organizations.contains(&organization_id) {
        return Err(AppError::Forbidden("only a contact of the organization signs its agreement".to_owned()));
    }
    let (name, title) = signer(input)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let requirement = store::requirement(&mut tx, now).await?;
    let p = store::partnership(&mut tx, organization_id, requirement.as_ref().map(|r| r.published_at))
        .await?
        .ok_or(AppError::NotFound("organization"))?;
    if !rules::follows_agreement(p.status) {
        let message =
            format!("the partnership is {}: please write to the secretariat", p.status.label().to_lowercase());
        return Err(AppError::Conflict(
            Clash::new("partnership-not-renewable", message).with("status", p.status.key()),
        ));
    }
    let template = agreement_store::current_template(&mut tx, now).await?.ok_or(AppError::NotFound("agreement"))?;
    if template.id != input.template_id {
        return Err(AppError::Conflict(Clash::new(
            "agreement-new-version",
            "a new version of the agreement was published since you opened it; please read it and sign again",
        )));
    }
    let before = standing(app, &p, requirement.as_ref());
    let latest = agreement_store::latest_for(&mut tx, organization_id).await?;
    if !resign_open(&p, &before, &template.version, latest.as_ref().map(|l| l.template_version.as_str()), now.date()) {
        let opens = before.expires_on.map(|d| d - Duration::days(rules::RENEWAL_WINDOW_DAYS));
        let message = format!(
            "the agreement in force is the current version{}",
            opens.map(|d| format!("; it can be signed again from {}", long(d))).unwrap_or_default()
        );
        let clash = match opens {
            Some(opens) => Clash::new("agreement-current-until", message).with("date", opens),
            None => Clash::new("agreement-current", message),
        };
        return Err(AppError::Conflict(clash));
    }
    let code = secrets::new_code().map_err(|e| AppError::Internal(format!("random numbers: {e}")))?;
    let expires_on = opo_domain::agreements::expires_on(now);
    let signature = NewSignature {
        organization_id,
        template_id: template.id,
        text_sha256: secrets::sha256_hex(template.body.as_bytes()),
        signer_name: name.clone(),
        signer_title: title,
        signer_email: user.email.clone(),
        auth_method: evidence.auth_method.clone(),
        ip: evidence.ip.clone(),
        user_agent: evidence.user_agent.chars().take(500).collect(),
        signed_at: now,
        expires_on,
        code: code.clone(),
        application_id: None,
    };
    agreement_store::insert_signature(&mut tx, &signature, now).await?;
    let signer = opo_domain::contacts::ContactRoles::default().with(opo_domain::contacts::ContactRole::Signer);
    crate::contacts::grant(&mut tx, organization_id, user.id, signer, now).await?;
    if p.override_status.is_some() {
        store::set_override(&mut tx, organization_id, None, now).await?;
    }
    let after = Standing { expires_on: Some(expires_on), requirement: None, override_status: None, ..before };
    let computed = rules::status_on(&after, now.date()).ok_or(AppError::Internal("renewal status".to_owned()))?;
    change_status(&mut tx, &p, computed.status, &computed.reason, actor, now).await?;
    let mut entry = actor.entry("agreement.renewed", "organization", organization_id);
    entry.after_json =
        Some(json!({ "version": template.version, "code": code, "expires_on": expires_on.to_string() }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    let certificate = format!("/agreements/{code}");
    let confirmation = |to: String, who: String, kind: &'static str| Notice {
        kind,
        to,
        name: who,
        subject: t!("rn-renewed-subject", organization = &p.name),
        paragraphs: vec![
            t!(
                "rn-renewed",
                name = name.as_str(),
                version = &template.version,
                organization = &p.name,
                date = now.date(),
                until = expires_on
            ),
            t!("rn-renewed-certificate", code = code.as_str()),
        ],
        quote: None,
        action: Some((t!("rn-open-certificate"), certificate.clone())),
        attachment: None,
    };
    send(app, &mut tx, confirmation(user.email.clone(), user.display_name.clone(), "agreement-renewed"), now).await?;
    send(
        app,
        &mut tx,
        confirmation(app.settings.secretariat_email.clone(), "secretariat".to_owned(), "agreement-renewed-staff"),
        now,
    )
    .await?;
    let fields = json!({
        "renewal": true,
        "version": template.version,
        "signed_at": crate::webhooks::timestamp(now),
        "expires_on": expires_on.to_string(),
        "certificate_url": format!("{}{certificate}", app.settings.base_url),
    });
    let about = (organization_id, p.slug.as_str(), p.name.as_str());
    crate::webhooks::emit_for_organization(
        app,
        &mut tx,
        crate::webhooks::EventKind::AgreementSigned,
        about,
        fields,
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(code)
}

/// What a new version of the agreement is published with.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewVersion {
    pub version: String,
    pub title: String,
    pub body: String,
    /// Everyone who has not signed this version must sign it by this date.
    pub resign_by: Option<Date>,
}

/// Publishes a new version of the agreement; new signatures are given on it from now on.
pub async fn publish_template(app: &App, input: &NewVersion, actor: &Actor) -> Result<i64, AppError> {
    let now = app.clock.now();
    let mut problems = Vec::new();
    let mut check = |field: &'static str, label: &'static str, value: &str, max: usize| {
        opo_domain::text::required(label, value, max).map_err(|e| problems.push(FieldError::of(field, &e))).ok()
    };
    let version = check("version", "Version", &input.version, 40);
    let title = check("title", "Title", &input.title, 200);
    let body = check("body", "Text", &input.body, 100_000);
    if input.resign_by.is_some_and(|by| by <= now.date()) {
        problems.push(FieldError::new("resign_by", "date-in-future", "the re-sign-by date must be in the future"));
    }
    let (Some(version), Some(title), Some(body)) = (version, title, body) else {
        return Err(AppError::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let mut tx = app.db.begin().await?;
    if store::version_exists(&mut tx, &version).await? {
        return Err(AppError::Invalid(vec![
            FieldError::new("version", "version-exists", format!("version {version} exists already"))
                .with("value", &version),
        ]));
    }
    let template = NewTemplate { version: version.clone(), title, body, published_at: now };
    let id = agreement_store::insert_template(&mut tx, &template, now).await?;
    if let Some(by) = input.resign_by {
        store::set_resign_by(&mut tx, id, by, now).await?;
    }
    let mut entry = actor.entry("agreement.published", "agreement_template", id);
    entry.after_json =
        Some(json!({ "version": version, "resign_by": input.resign_by.map(|d| d.to_string()) }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(id)
}

/// Sets a partnership's status by hand. A status that follows the agreement holds until `until` (required,
/// in the future); withdrawn and ended stay until changed again.
pub async fn override_status(
    app: &App,
    organization_id: i64,
    status: PartnerStatus,
    until: Option<Date>,
    reason: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut problems = Vec::new();
    let reason =
        opo_domain::text::required("Reason", reason, 500).map_err(|e| problems.push(FieldError::of("reason", &e))).ok();
    if status == PartnerStatus::Prospect {
        problems.push(FieldError::new("status", "choose-partnership-status", "choose a status of a partnership"));
    }
    match until {
        Some(until) if until <= now.date() => {
            problems.push(FieldError::new("until", "date-in-future", "the date must be in the future"))
        }
        None if rules::follows_agreement(status) => {
            problems.push(FieldError::new("until", "until-date-needed", "this status holds until a date: set one"))
        }
        _ => {}
    }
    let Some(reason) = reason.filter(|_| problems.is_empty()) else { return Err(AppError::Invalid(problems)) };
    let mut tx = app.db.begin().await?;
    let p = store::partnership(&mut tx, organization_id, None).await?.ok_or(AppError::NotFound("organization"))?;
    if p.status == PartnerStatus::Prospect {
        return Err(AppError::Conflict(Clash::new("not-partner-yet", "the organization is not a partner yet")));
    }
    let held = until.map(|until| StoredOverride { status, until: Some(until), reason: reason.clone() });
    store::set_override(&mut tx, organization_id, held.as_ref(), now).await?;
    change_status(&mut tx, &p, status, &reason, actor, now).await?;
    let mut entry = actor.entry("partnership.status_overridden", "organization", organization_id);
    entry.before_json = Some(json!({ "status": p.status.key(), "reason": p.status_reason }).to_string());
    entry.after_json =
        Some(json!({ "status": status.key(), "until": until.map(|d| d.to_string()), "reason": reason }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The changes of a partnership's status, latest first.
pub async fn history(app: &App, organization_id: i64) -> Result<Vec<Change>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::history(&mut conn, organization_id).await?)
}
