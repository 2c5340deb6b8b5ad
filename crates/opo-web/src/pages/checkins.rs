//! Annual check-ins: the partner's questionnaire in the portal, and the staff's list of check-ins and the
//! page of one organization's check-in, where the conversation and its outcome are recorded.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::i18n::Tr;
use crate::routes::Routes;
use crate::session::{ClientInfo, Session};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use opo_app::AppError;
use opo_app::checkins::CheckIn;
use opo_app::partners::Record;
use opo_domain::checkins::{FeatureConsent, QuestionnaireInput};
use opo_domain::pages::PageContent;
use opo_domain::partners::FieldError;
use opo_domain::policy::{self, Action, Actor};
use serde::Deserialize;

/// The routes of check-ins, each with the action that guards it.
pub(crate) fn routes(routes: Routes) -> Routes {
    routes
        .get("/portal/organizations/{slug}/check-in", Action::AnswerCheckIn, questionnaire)
        .post("/portal/organizations/{slug}/check-in", Action::AnswerCheckIn, answer)
        .post("/portal/organizations/{slug}/check-in/page/approve", Action::AnswerCheckIn, approve_page)
        .get("/secretariat/check-ins", Action::ManageCheckIns, list)
        .get("/secretariat/check-ins/{slug}", Action::ManageCheckIns, detail)
        .post("/secretariat/check-ins/{slug}/assign", Action::ManageCheckIns, assign)
        .post("/secretariat/check-ins/{slug}/record", Action::ManageCheckIns, record)
        .post("/secretariat/check-ins/{slug}/page", Action::ManageCheckIns, revise_page)
        .post("/secretariat/check-ins/{slug}/page/publish", Action::ManageCheckIns, publish_page)
}

fn error_for<'a>(errors: &'a [FieldError], field: &str) -> Option<&'a str> {
    errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
}

/// The check-in `id` of the organization with `slug`; another organization's is not found here.
async fn checkin_of(state: &AppState, slug: &str, id: i64) -> Result<CheckIn, WebError> {
    let checkin = opo_app::checkins::get(&state.app, id).await?;
    if checkin.organization_slug == slug { Ok(checkin) } else { Err(WebError::NotFound("check-in")) }
}

/// A version of the page a check-in opened, as a row.
pub(crate) struct VersionRow {
    pub number: i64,
    pub note: String,
    pub when: String,
    pub approved: Option<String>,
    pub page: PageContent,
}

async fn versions(state: &AppState, checkin: Option<&CheckIn>) -> Result<Vec<VersionRow>, WebError> {
    let Some(checkin) = checkin else { return Ok(Vec::new()) };
    Ok(opo_app::checkins::page_versions(&state.app, checkin)
        .await?
        .iter()
        .map(|r| VersionRow {
            number: r.number,
            note: r.note.clone(),
            when: format::date_time_utc(r.created_at),
            approved: r.approved_at.map(|at| {
                format!("approved by {} on {}", r.approved_by.clone().unwrap_or_default(), format::long_date(at.date()))
            }),
            page: opo_app::pages::content_of(r),
        })
        .collect())
}

/// A check-in as lists show it.
pub(crate) struct Row {
    pub id: i64,
    pub organization: String,
    pub slug: String,
    pub year: i32,
    pub due: String,
    pub status: String,
    pub assignee: String,
    pub assignee_id: i64,
    pub overdue: bool,
    pub open: bool,
}

fn row(state: &AppState, c: &CheckIn) -> Row {
    Row {
        id: c.id,
        organization: c.organization_name.clone(),
        slug: c.organization_slug.clone(),
        year: c.due_on.year(),
        due: format::long_date(c.due_on),
        status: Tr::current().checkin_status(c.status),
        assignee: c.assignee_name.clone().unwrap_or_else(|| Tr::current().get("checkin-nobody-yet")),
        assignee_id: c.assignee_user_id.unwrap_or_default(),
        overdue: opo_app::checkins::is_overdue(&state.app, c),
        open: c.status.is_open(),
    }
}

fn consents() -> Vec<(&'static str, String)> {
    FeatureConsent::ALL.iter().map(|c| (c.key(), Tr::current().feature_consent(*c))).collect()
}

// ---- The partner's questionnaire ----

#[derive(Template)]
#[template(path = "checkins/portal.html")]
struct PortalPage {
    layout: Layout,
    name: String,
    slug: String,
    current: Option<Row>,
    form: QuestionnaireInput,
    errors: Vec<FieldError>,
    consents: Vec<(&'static str, String)>,
    versions: Vec<VersionRow>,
    past: Vec<Row>,
    notice: Option<String>,
}

impl PortalPage {
    fn error(&self, field: &str) -> Option<&str> {
        error_for(&self.errors, field)
    }
}

async fn organization(state: &AppState, session: &Session, slug: &str) -> Result<Record, WebError> {
    let record = opo_app::partners::record(&state.app, slug).await?;
    let actor = Actor::Signed(session.user.role);
    if policy::allows_on_organization(
        actor,
        &session.user.organizations,
        Action::AnswerCheckIn,
        record.id,
        record.card.status,
    ) {
        Ok(record)
    } else {
        Err(WebError::Forbidden("this check-in belongs to another organization".to_owned()))
    }
}

async fn portal_page(
    state: &AppState,
    session: &Session,
    record: Record,
    slug: &str,
    typed: Option<QuestionnaireInput>,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> Result<PortalPage, WebError> {
    let all = opo_app::checkins::of_organization(&state.app, record.id).await?;
    let current = all.first();
    let form = typed.unwrap_or_else(|| {
        current
            .and_then(opo_app::checkins::answers)
            .map(|a| QuestionnaireInput::from_answers(&a))
            .unwrap_or_else(|| QuestionnaireInput { consent: String::new(), ..QuestionnaireInput::default() })
    });
    let path = format!("/portal/organizations/{slug}/check-in");
    Ok(PortalPage {
        layout: Layout::new(state, format!("Annual check-in — {}", record.card.name), "", &path)
            .for_session(Some(session)),
        versions: versions(state, current).await?,
        current: current.map(|c| row(state, c)),
        past: all.iter().skip(1).map(|c| row(state, c)).collect(),
        name: record.card.name,
        slug: slug.to_owned(),
        form,
        errors,
        consents: consents(),
        notice,
    })
}

#[derive(Deserialize)]
pub(crate) struct Done {
    #[serde(default)]
    done: Option<String>,
}

pub(crate) async fn questionnaire(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
    Query(done): Query<Done>,
) -> Result<Html<String>, WebError> {
    let record = organization(&state, &session, &slug).await?;
    let notice = match done.done.as_deref() {
        Some("answered") => Some(Tr::current().get("checkin-notice-answered")),
        Some("approved") => Some(Tr::current().get("checkin-notice-approved")),
        _ => None,
    };
    let page = portal_page(&state, &session, record, &slug, None, Vec::new(), notice).await?;
    Ok(Html(page.render()?))
}

#[derive(Deserialize)]
pub(crate) struct AnswerForm {
    #[serde(default)]
    checkin: i64,
    #[serde(default)]
    experience_rating: String,
    #[serde(default)]
    experience: String,
    #[serde(default)]
    commitment: String,
    #[serde(default)]
    page_changes: String,
    #[serde(default)]
    consent: String,
    #[serde(default)]
    consent_notes: String,
}

impl AnswerForm {
    fn input(self) -> QuestionnaireInput {
        QuestionnaireInput {
            experience_rating: self.experience_rating,
            experience: self.experience,
            commitment: self.commitment,
            page_changes: self.page_changes,
            consent: self.consent,
            consent_notes: self.consent_notes,
        }
    }
}

pub(crate) async fn answer(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    Form(form): Form<AnswerForm>,
) -> Result<Response, WebError> {
    let record = organization(&state, &session, &slug).await?;
    let checkin = checkin_of(&state, &slug, form.checkin).await?;
    let actor = session.audit_actor(&client);
    let input = form.input();
    match opo_app::checkins::answer(&state.app, checkin.id, &session.user, &input, &actor).await {
        Ok(()) => Ok(Redirect::to(&format!("/portal/organizations/{slug}/check-in?done=answered")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = crate::i18n::Tr::current().worded(errors);
            let page = portal_page(&state, &session, record, &slug, Some(input), errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct VersionForm {
    #[serde(default)]
    checkin: i64,
    #[serde(default)]
    version: i64,
}

pub(crate) async fn approve_page(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    Form(form): Form<VersionForm>,
) -> Result<Response, WebError> {
    organization(&state, &session, &slug).await?;
    let checkin = checkin_of(&state, &slug, form.checkin).await?;
    let actor = session.audit_actor(&client);
    opo_app::checkins::approve_page(&state.app, checkin.id, &session.user, form.version, &actor).await?;
    Ok(Redirect::to(&format!("/portal/organizations/{slug}/check-in?done=approved")).into_response())
}

// ---- The staff's pages ----

#[derive(Template)]
#[template(path = "checkins/list.html")]
struct ListPage {
    layout: Layout,
    /// Overdue, due, and the signed-in person's own: heading, anchor, rows.
    sections: Vec<(&'static str, &'static str, Vec<Row>)>,
    staff: Vec<(i64, String)>,
}

async fn staff_options(state: &AppState) -> Result<Vec<(i64, String)>, WebError> {
    Ok(opo_app::checkins::staff(&state.app)
        .await?
        .into_iter()
        .map(|u| (u.id, format!("{} ({})", u.display_name, Tr::current().role(u.role))))
        .collect())
}

pub(crate) async fn list(State(state): State<AppState>, session: Session) -> Result<Html<String>, WebError> {
    let board = opo_app::checkins::board(&state.app).await?;
    let mine = opo_app::checkins::assigned_to(&state.app, session.user.id).await?;
    let page = ListPage {
        layout: Layout::new(&state, crate::i18n::Tr::current().get("checkin-list-title"), "", "/secretariat/check-ins")
            .for_session(Some(&session)),
        sections: vec![
            ("Overdue", "overdue", board.overdue.iter().map(|c| row(&state, c)).collect()),
            ("Due", "due", board.due.iter().map(|c| row(&state, c)).collect()),
            ("My check-ins", "mine", mine.iter().map(|c| row(&state, c)).collect()),
        ],
        staff: staff_options(&state).await?,
    };
    Ok(Html(page.render()?))
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct RecordForm {
    #[serde(default)]
    checkin: i64,
    #[serde(default)]
    notes: String,
    #[serde(default)]
    outcome: String,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct PageForm {
    #[serde(default)]
    checkin: i64,
    #[serde(default)]
    name: String,
    #[serde(default)]
    website: String,
    #[serde(default)]
    short_description: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    links: String,
    #[serde(default)]
    note: String,
    /// The version the form was opened on; a save on top of an older one is refused.
    #[serde(default)]
    based_on: String,
}

pub(crate) struct AnswerView {
    pub rating: u8,
    pub experience: String,
    pub commitment: String,
    pub page_changes: String,
    pub consent: String,
    pub consent_notes: String,
    pub when: String,
    pub by: String,
}

#[derive(Template)]
#[template(path = "checkins/detail.html")]
struct DetailPage {
    layout: Layout,
    name: String,
    slug: String,
    current: Option<Row>,
    answers: Option<AnswerView>,
    notes: String,
    outcome: String,
    completed: Option<String>,
    escalated: Option<String>,
    record_form: RecordForm,
    page_form: PageForm,
    errors: Vec<FieldError>,
    versions: Vec<VersionRow>,
    has_approved: bool,
    may_edit_page: bool,
    staff: Vec<(i64, String)>,
    past: Vec<(Row, String, String)>,
    problem: Option<String>,
}

impl DetailPage {
    fn error(&self, field: &str) -> Option<&str> {
        error_for(&self.errors, field)
    }
}

fn page_form_from(checkin: i64, page: &PageContent) -> PageForm {
    PageForm {
        checkin,
        name: page.name.clone(),
        website: page.website.clone(),
        short_description: page.short_description.clone(),
        description: page.description.clone(),
        links: page.links.join("\n"),
        note: String::new(),
        based_on: String::new(),
    }
}

async fn detail_page(
    state: &AppState,
    session: &Session,
    slug: &str,
    record_form: Option<RecordForm>,
    page_form: Option<PageForm>,
    errors: Vec<FieldError>,
) -> Result<DetailPage, WebError> {
    let record = opo_app::partners::record(&state.app, slug).await?;
    let all = opo_app::checkins::of_organization(&state.app, record.id).await?;
    let current = all.first();
    let versions = versions(state, current).await?;
    let answers = current.and_then(|c| {
        opo_app::checkins::answers(c).map(|a| AnswerView {
            rating: a.experience_rating,
            experience: a.experience,
            commitment: a.commitment,
            page_changes: a.page_changes,
            consent: Tr::current().feature_consent(a.consent),
            consent_notes: a.consent_notes,
            when: c.answered_at.map(format::date_time_utc).unwrap_or_default(),
            by: c.answered_by.clone().unwrap_or_default(),
        })
    });
    let id = current.map(|c| c.id).unwrap_or_default();
    let page_form = page_form.unwrap_or_else(|| {
        versions
            .first()
            .map(|v| PageForm { based_on: v.number.to_string(), ..page_form_from(id, &v.page) })
            .unwrap_or_default()
    });
    let path = format!("/secretariat/check-ins/{slug}");
    Ok(DetailPage {
        layout: Layout::new(state, format!("Check-in — {}", record.card.name), "", &path).for_session(Some(session)),
        name: record.card.name,
        slug: slug.to_owned(),
        answers,
        notes: current.map(|c| c.notes.clone()).unwrap_or_default(),
        outcome: current.map(|c| c.outcome.clone()).unwrap_or_default(),
        completed: current.and_then(|c| c.completed_at).map(format::date_time_utc),
        escalated: current.and_then(|c| c.escalated_at).map(format::date_time_utc),
        record_form: record_form.unwrap_or(RecordForm { checkin: id, ..RecordForm::default() }),
        page_form,
        errors,
        has_approved: versions.iter().any(|v| v.approved.is_some()),
        may_edit_page: matches!(
            session.user.role,
            opo_domain::accounts::Role::Secretariat | opo_domain::accounts::Role::Admin
        ),
        versions,
        staff: staff_options(state).await?,
        past: all.iter().skip(1).map(|c| (row(state, c), c.notes.clone(), c.outcome.clone())).collect(),
        current: current.map(|c| row(state, c)),
        problem: None,
    })
}

pub(crate) async fn detail(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Html<String>, WebError> {
    Ok(Html(detail_page(&state, &session, &slug, None, None, Vec::new()).await?.render()?))
}

#[derive(Deserialize)]
pub(crate) struct AssignForm {
    #[serde(default)]
    checkin: i64,
    #[serde(default)]
    assignee: i64,
    #[serde(default)]
    back: String,
}

pub(crate) async fn assign(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    Form(form): Form<AssignForm>,
) -> Result<Response, WebError> {
    let checkin = checkin_of(&state, &slug, form.checkin).await?;
    opo_app::checkins::assign(&state.app, checkin.id, form.assignee, &session.audit_actor(&client)).await?;
    let back = if form.back == "list" {
        "/secretariat/check-ins".to_owned()
    } else {
        format!("/secretariat/check-ins/{slug}")
    };
    Ok(Redirect::to(&back).into_response())
}

pub(crate) async fn record(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    Form(form): Form<RecordForm>,
) -> Result<Response, WebError> {
    let checkin = checkin_of(&state, &slug, form.checkin).await?;
    let actor = session.audit_actor(&client);
    match opo_app::checkins::record(&state.app, checkin.id, &session.user, &form.notes, &form.outcome, &actor).await {
        Ok(()) => Ok(Redirect::to(&format!("/secretariat/check-ins/{slug}")).into_response()),
        Err(err) => {
            super::redrawn(err, |errors, problem| async {
                let mut page = detail_page(&state, &session, &slug, Some(form), None, errors).await?;
                page.problem = problem;
                Ok(Html(page.render()?))
            })
            .await
        }
    }
}

pub(crate) async fn revise_page(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    Form(form): Form<PageForm>,
) -> Result<Response, WebError> {
    let checkin = checkin_of(&state, &slug, form.checkin).await?;
    let base = opo_app::checkins::page_versions(&state.app, &checkin)
        .await?
        .first()
        .map(opo_app::pages::content_of)
        .unwrap_or_default();
    let content = PageContent {
        name: form.name.clone(),
        website: form.website.trim().to_owned(),
        short_description: form.short_description.clone(),
        description: form.description.clone(),
        links: form.links.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
        ..base
    };
    let actor = session.audit_actor(&client);
    let based_on = form.based_on.trim().parse::<i64>().ok();
    let user = &session.user;
    match opo_app::checkins::revise_page_from(&state.app, checkin.id, user, &content, &form.note, based_on, &actor)
        .await
    {
        Ok(_) => Ok(Redirect::to(&format!("/secretariat/check-ins/{slug}#page")).into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = crate::i18n::Tr::current().worded(errors);
            let page = detail_page(&state, &session, &slug, None, Some(form), errors).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Html(page.render()?)).into_response())
        }
        // Someone saved a version meanwhile: the form keeps what was typed, builds on the newest version
        // and says what the other person changed.
        Err(AppError::Conflict(clash)) => {
            let message = crate::i18n::Tr::current().clash(&clash);
            let newest = opo_app::checkins::page_versions(&state.app, &checkin).await?.first().map(|r| r.number);
            let form = PageForm { based_on: newest.map(|n| n.to_string()).unwrap_or_default(), ..form };
            let errors = vec![FieldError::new("page", "page-changed", message)];
            let page = detail_page(&state, &session, &slug, None, Some(form), errors).await?;
            Ok((StatusCode::CONFLICT, Html(page.render()?)).into_response())
        }
        Err(other) => Err(other.into()),
    }
}

pub(crate) async fn publish_page(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    Form(form): Form<VersionForm>,
) -> Result<Response, WebError> {
    let checkin = checkin_of(&state, &slug, form.checkin).await?;
    opo_app::checkins::apply_page(&state.app, checkin.id, &session.user, &session.audit_actor(&client)).await?;
    Ok(Redirect::to(&format!("/secretariat/check-ins/{slug}#page")).into_response())
}
