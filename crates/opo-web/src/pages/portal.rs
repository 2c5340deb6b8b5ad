//! The partner portal: a partner contact's home, and an organization's record.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::session::Session;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Html;
use opo_app::organizations::DueKind;
use opo_domain::policy::{self, Action, Actor};

#[derive(Template)]
#[template(path = "portal/home.html")]
struct HomePage {
    layout: Layout,
    name: String,
    organizations: Vec<HomeItem>,
    applications: Vec<ApplicationItem>,
}

/// One of the person's organizations on their home page, with what it has due.
pub(crate) struct HomeItem {
    pub name: String,
    pub url: String,
    pub status: String,
    pub roles: Vec<String>,
    /// What is due: the words, by when (or empty), and the page where it is done.
    pub dues: Vec<(String, String, String)>,
}

pub(crate) struct ApplicationItem {
    pub url: String,
    pub stage: String,
    pub next_step: String,
    pub since: String,
}

pub(crate) async fn home(State(state): State<AppState>, session: Session) -> Result<Html<String>, WebError> {
    let t = crate::i18n::Tr::current();
    let organizations = opo_app::organizations::homes(&state.app, &session.user)
        .await?
        .into_iter()
        .map(|home| HomeItem {
            url: format!("/portal/organizations/{}", home.slug),
            status: t.partner_status(home.status),
            roles: home.roles.list().into_iter().map(|r| t.get(&format!("contact-role-{}", r.key()))).collect(),
            dues: home
                .dues
                .iter()
                .map(|d| {
                    let what = match d.kind {
                        DueKind::ApplicationStep(stage) => t.next_step(stage),
                        DueKind::CheckIn => t.get("home-due-checkin"),
                        DueKind::Agreement => t.get("home-due-agreement"),
                        DueKind::PageVersion => t.get("home-due-page"),
                        DueKind::Consent => t.get("home-due-consent"),
                    };
                    (what, d.by.map(format::long_date).unwrap_or_default(), d.path.clone())
                })
                .collect(),
            name: home.name,
        })
        .collect();
    let applications = opo_app::applications::mine(&state.app, &session.user)
        .await?
        .into_iter()
        .rev()
        .map(|a| ApplicationItem {
            url: format!("/portal/applications/{}", a.id),
            stage: t.stage(a.stage),
            next_step: t.next_step(a.stage),
            since: format::date_time_utc(a.stage_entered_at),
        })
        .collect();
    let page = HomePage {
        layout: Layout::new(&state, "Your portal", "", "/portal").in_section("home-signed").for_session(Some(&session)),
        name: session.user.display_name.clone(),
        organizations,
        applications,
    };
    Ok(Html(page.render()?))
}

pub(crate) struct ContactItem {
    pub user_id: i64,
    pub name: String,
    pub email: String,
    pub title: String,
    /// Every contact role: its key, its label, and whether this contact holds it.
    pub roles: Vec<(&'static str, String, bool)>,
    pub is_you: bool,
}

/// What the invitation form shows: the values typed and what to fix, after a refused invitation.
#[derive(Default)]
pub(crate) struct InviteState {
    pub name: String,
    pub email: String,
    pub title: String,
    pub roles: Vec<String>,
    pub problems: Vec<(String, String)>,
}

impl InviteState {
    pub fn error(&self, field: &str) -> Option<&str> {
        self.problems.iter().find(|(f, _)| f == field).map(|(_, m)| m.as_str())
    }

    pub fn checked(&self, key: &str) -> bool {
        self.roles.iter().any(|r| r == key)
    }
}

#[derive(Template)]
#[template(path = "portal/organization.html")]
struct OrganizationPage {
    layout: Layout,
    name: String,
    slug: String,
    status: String,
    public_profile: bool,
    contacts: Vec<ContactItem>,
    agreement: Option<String>,
    application: Option<String>,
    consents: Vec<super::showcase::ConsentRow>,
    activities: Vec<(i64, &'static str, String)>,
    countries: Vec<(&'static str, &'static str)>,
    can_edit_activities: bool,
    scopes: Vec<(&'static str, String)>,
    can_manage: bool,
    /// May open the editor of the profile's translations.
    can_translate: bool,
    renewal: Option<RenewalView>,
    can_manage_contacts: bool,
    /// Every contact role, to choose from when inviting.
    role_choices: Vec<(&'static str, String, bool)>,
    invite: InviteState,
    /// What the last change to the contacts did, shown once.
    notice: Option<String>,
    /// The person's other organizations (slug, name), to switch to.
    others: Vec<(String, String)>,
}

/// Where the partnership stands with its agreement, its history, and what the viewer may do about it.
pub(crate) struct RenewalView {
    pub status: String,
    pub reason: String,
    pub expires_on: Option<String>,
    pub requirement: Option<String>,
    pub held: Option<String>,
    pub can_resign: bool,
    pub can_override: bool,
    pub statuses: Vec<(&'static str, String)>,
    /// When, from, to, reason, by whom (shown to staff only).
    pub history: Vec<(String, String, String, String, String)>,
}

async fn renewal_view(
    state: &AppState,
    session: &Session,
    record: &opo_app::partners::Record,
) -> Result<Option<RenewalView>, WebError> {
    use opo_domain::partners::PartnerStatus;
    if record.card.status == PartnerStatus::Prospect {
        return Ok(None);
    }
    let actor = Actor::Signed(session.user.role);
    let t = crate::i18n::Tr::current();
    let renewal = opo_app::renewals::renewal(&state.app, record.id).await?;
    let staff = session.user.role != opo_domain::accounts::Role::PartnerContact;
    let history = opo_app::renewals::history(&state.app, record.id)
        .await?
        .into_iter()
        .map(|c| {
            let by = if staff { c.actor_label } else { String::new() };
            (format::date_time_utc(c.at), t.partner_status(c.from), t.partner_status(c.to), c.reason, by)
        })
        .collect();
    Ok(Some(RenewalView {
        status: t.partner_status(renewal.status),
        reason: renewal.reason,
        expires_on: renewal.expires_on.map(format::long_date),
        requirement: renewal.requirement.map(|(version, by)| {
            t.args("portal-requirement", &[("version", version.into()), ("date", format::long_date(by).into())])
        }),
        held: renewal.override_status.map(|o| match o.until {
            Some(until) => t.args(
                "status-set-by-hand-until",
                &[
                    ("status", t.partner_status(o.status).into()),
                    ("date", format::long_date(until).into()),
                    ("reason", o.reason.into()),
                ],
            ),
            None => t.args(
                "status-set-by-hand",
                &[("status", t.partner_status(o.status).into()), ("reason", o.reason.into())],
            ),
        }),
        can_resign: renewal.can_resign
            && policy::allows_on_organization(
                actor,
                &session.user.organizations,
                Action::RenewAgreement,
                record.id,
                record.card.status,
            ),
        can_override: policy::allows_on(
            actor,
            &session.user.organizations,
            Action::OverridePartnershipStatus,
            record.id,
        ),
        statuses: PartnerStatus::ALL
            .into_iter()
            .filter(|s| *s != PartnerStatus::Prospect)
            .map(|s| (s.key(), t.partner_status(s)))
            .collect(),
        history,
    }))
}

#[derive(serde::Deserialize, Default)]
pub(crate) struct RecordQuery {
    #[serde(default)]
    contacts: String,
}

pub(crate) async fn organization(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    axum::extract::Query(query): axum::extract::Query<RecordQuery>,
) -> Result<Html<String>, WebError> {
    let t = crate::i18n::Tr::current();
    let notice = match query.contacts.as_str() {
        "invited" => Some(t.get("contacts-invited")),
        "changed" => Some(t.get("contacts-changed")),
        "removed" => Some(t.get("contacts-removed")),
        _ => None,
    };
    render_organization(&state, &session, slug, InviteState::default(), notice).await
}

/// The record of an organization, with the invitation form as given (typed values and problems).
pub(crate) async fn render_organization(
    state: &AppState,
    session: &Session,
    slug: String,
    invite: InviteState,
    notice: Option<String>,
) -> Result<Html<String>, WebError> {
    let record = opo_app::partners::record(&state.app, &slug).await?;
    let actor = Actor::Signed(session.user.role);
    if !policy::allows_on_organization(
        actor,
        &session.user.organizations,
        Action::ViewOrganizationRecord,
        record.id,
        record.card.status,
    ) {
        return Err(WebError::Forbidden("this is another organization's record".to_owned()));
    }
    let t = crate::i18n::Tr::current();
    let agreement = record.agreement.as_ref().map(|a| {
        let signer = if a.signer_title.is_empty() {
            a.signer_name.clone()
        } else {
            format!("{} ({})", a.signer_name, a.signer_title)
        };
        t.args(
            "portal-agreement-signed",
            &[
                ("version", a.template_version.clone().into()),
                ("name", signer.into()),
                ("date", format::long_date(a.signed_at.date()).into()),
                ("until", format::long_date(a.expires_on).into()),
            ],
        )
    });
    let application = record.application.map(|(stage, since)| {
        t.args("stage-since", &[("status", t.stage(stage).into()), ("date", format::long_date(since.date()).into())])
    });
    let can_manage = policy::allows_on_organization(
        actor,
        &session.user.organizations,
        Action::ManageConsent,
        record.id,
        record.card.status,
    );
    let consents = opo_app::showcase::consents_of(&state.app, record.id).await?;
    let can_edit_activities = policy::allows_on_organization(
        actor,
        &session.user.organizations,
        Action::EditCountryActivities,
        record.id,
        record.card.status,
    );
    let activities = opo_app::activities::of_organization(&state.app, record.id)
        .await?
        .into_iter()
        .map(|a| (a.id, opo_domain::countries::country(&a.country).map_or("", |c| c.name), a.title))
        .collect();
    let renewal = renewal_view(state, session, &record).await?;
    let roster = opo_app::contacts::list(&state.app, &session.user, &slug).await?;
    let others: Vec<(String, String)> = opo_app::organizations::names_of(&state.app, &session.user)
        .await?
        .into_iter()
        .filter(|(other, _)| *other != slug)
        .collect();
    let can_translate = record.card.status.has_public_profile()
        && policy::allows_on_organization(
            actor,
            &session.user.organizations,
            Action::TranslatePartnerProfile,
            record.id,
            record.card.status,
        );
    let page = OrganizationPage {
        can_translate,
        renewal,
        consents: super::showcase::consent_rows(&consents),
        activities,
        countries: opo_domain::countries::COUNTRIES.iter().map(|c| (c.code, c.name)).collect(),
        can_edit_activities,
        scopes: super::showcase::scopes(),
        can_manage,
        layout: Layout::new(state, record.card.name.clone(), "", &format!("/portal/organizations/{slug}"))
            .for_session(Some(session)),
        can_manage_contacts: roster.can_manage,
        role_choices: opo_domain::contacts::ContactRole::ALL
            .into_iter()
            .map(|r| (r.key(), t.get(&format!("contact-role-{}", r.key())), false))
            .collect(),
        invite,
        notice,
        others,
        public_profile: record.card.status.has_public_profile(),
        status: t.partner_status(record.card.status),
        name: record.card.name,
        slug,
        contacts: roster
            .contacts
            .into_iter()
            .map(|c| ContactItem {
                is_you: c.user_id == session.user.id,
                user_id: c.user_id,
                name: c.name,
                email: c.email,
                title: c.title,
                roles: opo_domain::contacts::ContactRole::ALL
                    .into_iter()
                    .map(|r| (r.key(), t.get(&format!("contact-role-{}", r.key())), c.roles.has(r)))
                    .collect(),
            })
            .collect(),
        agreement,
        application,
    };
    Ok(Html(page.render()?))
}

#[derive(serde::Deserialize)]
pub(crate) struct ActivityForm {
    #[serde(default)]
    country: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    url: String,
}

async fn editable(state: &AppState, session: &Session, slug: &str) -> Result<i64, WebError> {
    let record = opo_app::partners::record(&state.app, slug).await?;
    let actor = Actor::Signed(session.user.role);
    if policy::allows_on_organization(
        actor,
        &session.user.organizations,
        Action::EditCountryActivities,
        record.id,
        record.card.status,
    ) {
        Ok(record.id)
    } else {
        Err(WebError::Forbidden("this is another organization's record".to_owned()))
    }
}

pub(crate) async fn add_activity(
    State(state): State<AppState>,
    session: Session,
    crate::session::ClientInfo(client): crate::session::ClientInfo,
    Path(slug): Path<String>,
    axum::Form(form): axum::Form<ActivityForm>,
) -> Result<axum::response::Response, WebError> {
    use axum::response::IntoResponse;
    let org = editable(&state, &session, &slug).await?;
    let input = opo_app::activities::ActivityInput {
        country: form.country,
        title: form.title,
        description: form.description,
        url: form.url,
    };
    match opo_app::activities::add(&state.app, org, &input, &session.audit_actor(&client)).await {
        Ok(_) => Ok(axum::response::Redirect::to(&format!("/portal/organizations/{slug}#activities")).into_response()),
        Err(opo_app::AppError::Invalid(problems)) => Err(WebError::BadRequest(
            problems.iter().map(|p| crate::i18n::Tr::current().field_error(p)).collect::<Vec<_>>().join("; "),
        )),
        Err(other) => Err(other.into()),
    }
}

pub(crate) async fn remove_activity(
    State(state): State<AppState>,
    session: Session,
    crate::session::ClientInfo(client): crate::session::ClientInfo,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<axum::response::Response, WebError> {
    use axum::response::IntoResponse;
    let org = editable(&state, &session, &slug).await?;
    opo_app::activities::remove(&state.app, org, id, &session.audit_actor(&client)).await?;
    Ok(axum::response::Redirect::to(&format!("/portal/organizations/{slug}#activities")).into_response())
}
