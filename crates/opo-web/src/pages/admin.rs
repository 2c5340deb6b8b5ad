//! The administrator's pages: accounts, the audit log, the e-mail outbox.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::session::{ClientInfo, Session};
use askama::Template;
use axum::Form;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use opo_app::AppError;
use opo_app::accounts::AddUser;
use opo_app::audit::AuditFilter;
use opo_domain::accounts::{AccountStatus, Role};
use opo_domain::partners::FieldError;
use serde::Deserialize;
use time::{Date, OffsetDateTime, Time};

#[derive(Template)]
#[template(path = "admin/home.html")]
struct AdminHome {
    layout: Layout,
    accounts: i64,
    emails_waiting: i64,
    emails_failed: i64,
}

pub(crate) async fn home(State(state): State<AppState>, session: Session) -> Result<Html<String>, WebError> {
    let overview = opo_app::dashboard::overview(&state.app).await?;
    let accounts = i64::try_from(opo_app::accounts::list(&state.app).await?.len()).unwrap_or(i64::MAX);
    let page = AdminHome {
        layout: Layout::new(&state, crate::i18n::Tr::current().get("admin-title"), "", "/admin")
            .in_section("home-signed")
            .for_session(Some(&session)),
        accounts,
        emails_waiting: overview.emails_waiting,
        emails_failed: overview.emails_failed,
    };
    Ok(Html(page.render()?))
}

pub(crate) struct UserRow {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: String,
    pub role_key: &'static str,
    pub organization: String,
    pub active: bool,
    pub last_sign_in: String,
    pub is_self: bool,
}

#[derive(Template)]
#[template(path = "admin/users.html")]
struct UsersPage {
    layout: Layout,
    users: Vec<UserRow>,
    roles: Vec<(&'static str, String)>,
    form: AddUser,
    errors: Vec<FieldError>,
    notice: Option<String>,
}

impl UsersPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }
}

async fn users_page(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    form: AddUser,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> Result<Response, WebError> {
    let users = opo_app::accounts::list(&state.app)
        .await?
        .into_iter()
        .map(|u| UserRow {
            is_self: u.id == session.user.id,
            id: u.id,
            name: u.display_name,
            email: u.email,
            role: crate::i18n::Tr::current().role(u.role),
            role_key: u.role.key(),
            organization: u.organization_slug.unwrap_or_default(),
            active: u.status == AccountStatus::Active,
            last_sign_in: u.last_sign_in_at.map(format::date_time_utc).unwrap_or_else(|| "never".to_owned()),
        })
        .collect();
    let page = UsersPage {
        layout: Layout::new(state, crate::i18n::Tr::current().get("admin-accounts"), "", "/admin/users")
            .for_session(Some(session)),
        users,
        roles: Role::ALL.iter().map(|r| (r.key(), crate::i18n::Tr::current().role(*r))).collect(),
        form,
        errors,
        notice,
    };
    Ok((status, Html(page.render()?)).into_response())
}

#[derive(Deserialize)]
pub(crate) struct NoticeQuery {
    done: Option<String>,
}

pub(crate) async fn users(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let notice = match q.done.as_deref() {
        Some("invited") => Some(crate::i18n::Tr::current().get("admin-notice-invited")),
        Some("role") => Some(crate::i18n::Tr::current().get("admin-notice-role")),
        Some("status") => Some(crate::i18n::Tr::current().get("admin-notice-status")),
        _ => None,
    };
    users_page(&state, &session, StatusCode::OK, AddUser::default(), Vec::new(), notice).await
}

#[derive(Deserialize)]
pub(crate) struct InviteForm {
    #[serde(default)]
    email: String,
    #[serde(default)]
    name: String,
    #[serde(default)]
    role: String,
    #[serde(default)]
    organization: String,
}

pub(crate) async fn invite(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Form(form): Form<InviteForm>,
) -> Result<Response, WebError> {
    let input = AddUser {
        email: form.email,
        display_name: form.name,
        role: form.role,
        organization: Some(form.organization).filter(|o| !o.trim().is_empty()),
    };
    match opo_app::accounts::add_user(&state.app, &input, &session.audit_actor(&client)).await {
        Ok(_) => Ok(Redirect::to("/admin/users?done=invited").into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = crate::i18n::Tr::current().worded(errors);
            users_page(&state, &session, StatusCode::UNPROCESSABLE_ENTITY, input, errors, None).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct RoleForm {
    #[serde(default)]
    role: String,
    #[serde(default)]
    organization: String,
}

pub(crate) async fn change_role(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Form(form): Form<RoleForm>,
) -> Result<Response, WebError> {
    let organization = Some(form.organization.as_str()).filter(|o| !o.trim().is_empty());
    match opo_app::accounts::change_role(&state.app, id, &form.role, organization, &session.audit_actor(&client)).await
    {
        Ok(()) => Ok(Redirect::to("/admin/users?done=role").into_response()),
        Err(AppError::Invalid(errors)) => {
            let errors = crate::i18n::Tr::current().worded(errors);
            users_page(&state, &session, StatusCode::UNPROCESSABLE_ENTITY, AddUser::default(), errors, None).await
        }
        Err(other) => Err(other.into()),
    }
}

#[derive(Deserialize)]
pub(crate) struct StatusForm {
    #[serde(default)]
    active: String,
}

pub(crate) async fn change_status(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Form(form): Form<StatusForm>,
) -> Result<Response, WebError> {
    let active = match form.active.as_str() {
        "true" => true,
        "false" => false,
        other => return Err(WebError::BadRequest(format!("\"{other}\" is neither true nor false"))),
    };
    opo_app::accounts::set_active(&state.app, id, active, &session.audit_actor(&client)).await?;
    Ok(Redirect::to("/admin/users?done=status").into_response())
}

pub(crate) struct AuditRow {
    pub when: String,
    pub who: String,
    pub ip: String,
    pub action: String,
    pub subject: String,
    pub before: String,
    pub after: String,
}

#[derive(Template)]
#[template(path = "admin/audit.html")]
struct AuditPage {
    layout: Layout,
    rows: Vec<AuditRow>,
    query: AuditQuery,
    next: Option<String>,
    prev: Option<String>,
}

#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct AuditQuery {
    #[serde(default)]
    pub actor: String,
    #[serde(default)]
    pub action: String,
    #[serde(default)]
    pub subject: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub until: String,
    #[serde(default)]
    pub page: Option<i64>,
}

fn parse_day(field: &str, text: &str) -> Result<Option<Date>, WebError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    format::parse_iso_date(text)
        .map(Some)
        .map_err(|_| WebError::BadRequest(format!("{field} must be a date like 2026-11-25, not \"{text}\"")))
}

const AUDIT_PAGE: i64 = 50;

fn audit_url(query: &AuditQuery, page: i64) -> String {
    let pairs = [
        ("actor", &query.actor),
        ("action", &query.action),
        ("subject", &query.subject),
        ("from", &query.from),
        ("until", &query.until),
    ];
    let mut parts: Vec<String> = pairs
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| {
            format!("{k}={}", v.replace('%', "%25").replace('&', "%26").replace('=', "%3D").replace(' ', "+"))
        })
        .collect();
    parts.push(format!("page={page}"));
    format!("/admin/audit?{}", parts.join("&"))
}

pub(crate) async fn audit(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<AuditQuery>,
) -> Result<Html<String>, WebError> {
    let page = query.page.unwrap_or(1).max(1);
    let from = parse_day("“From”", &query.from)?;
    let until = parse_day("“Until”", &query.until)?;
    let filter = AuditFilter {
        actor: query.actor.trim().to_owned(),
        action: query.action.trim().to_owned(),
        subject_type: query.subject.trim().to_owned(),
        from: from.map(|d| OffsetDateTime::new_utc(d, Time::MIDNIGHT)),
        until: until.map(|d| OffsetDateTime::new_utc(d, Time::MIDNIGHT) + time::Duration::days(1)),
        limit: AUDIT_PAGE + 1,
        offset: (page - 1) * AUDIT_PAGE,
    };
    let mut entries = opo_app::audit::search(&state.app, &filter).await?;
    let more = entries.len() as i64 > AUDIT_PAGE;
    entries.truncate(AUDIT_PAGE as usize);
    let rows = entries
        .into_iter()
        .map(|r| AuditRow {
            when: format::date_time_utc(r.at),
            who: r.entry.actor_label,
            ip: r.entry.ip,
            action: r.entry.action,
            subject: format!("{} {}", r.entry.subject_type, r.entry.subject_id),
            before: r.entry.before_json.unwrap_or_default(),
            after: r.entry.after_json.unwrap_or_default(),
        })
        .collect();
    let page_view = AuditPage {
        layout: Layout::new(&state, crate::i18n::Tr::current().get("admin-audit"), "", "/admin/audit")
            .for_session(Some(&session)),
        rows,
        next: more.then(|| audit_url(&query, page + 1)),
        prev: (page > 1).then(|| audit_url(&query, page - 1)),
        query,
    };
    Ok(Html(page_view.render()?))
}

pub(crate) struct EmailRow {
    pub id: i64,
    pub created: String,
    pub to: String,
    pub subject: String,
    pub kind: String,
    pub status: &'static str,
    pub failed: bool,
    pub attempts: i64,
    pub detail: String,
}

/// A topic posted (or to be posted) to the community forum.
pub(crate) struct ForumRow {
    pub created: String,
    pub title: String,
    pub kind: String,
    pub status: &'static str,
    pub attempts: i64,
    pub topic_url: Option<String>,
    pub detail: String,
}

/// A background job that failed for good, or the count of those waiting.
pub(crate) struct JobRow {
    pub id: i64,
    pub kind: String,
    pub attempts: i64,
    pub when: String,
    pub error: String,
}

#[derive(Template)]
#[template(path = "admin/outbox.html")]
struct OutboxPage {
    layout: Layout,
    rows: Vec<EmailRow>,
    forum: Vec<ForumRow>,
    jobs_pending: i64,
    dead_jobs: Vec<JobRow>,
    notice: Option<String>,
}

pub(crate) async fn outbox(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<NoticeQuery>,
) -> Result<Html<String>, WebError> {
    let rows = opo_app::worker::recent(&state.app, 200)
        .await?
        .into_iter()
        .map(|e| EmailRow {
            id: e.id,
            created: format::date_time_utc(e.created_at),
            failed: e.status == opo_app::worker::EmailStatus::Failed,
            status: e.status.key(),
            to: e.to,
            subject: e.subject,
            kind: e.kind,
            attempts: e.attempts,
            detail: match (e.sent_at, e.file_path, e.last_error) {
                (Some(_), Some(path), _) => format!("written to {path}"),
                (Some(at), None, _) => format!("sent {}", format::date_time_utc(at)),
                (None, _, Some(error)) => error,
                _ => String::new(),
            },
        })
        .collect();
    let forum = opo_app::forum::recent(&state.app, 50)
        .await?
        .into_iter()
        .map(|p| ForumRow {
            created: format::date_time_utc(p.created_at),
            title: p.title,
            kind: p.kind,
            status: p.status.key(),
            attempts: p.attempts,
            detail: match (p.sent_at, p.last_error) {
                (Some(at), _) => format!("posted {}", format::date_time_utc(at)),
                (None, Some(error)) => error,
                _ => String::new(),
            },
            topic_url: p.topic_url,
        })
        .collect();
    let (jobs_pending, _) = opo_app::jobs::counts(&state.app).await?;
    let dead_jobs = opo_app::jobs::dead(&state.app, 100)
        .await?
        .into_iter()
        .map(|j| JobRow {
            id: j.id,
            kind: j.kind,
            attempts: j.attempts,
            when: j.finished_at.map(format::date_time_utc).unwrap_or_default(),
            error: j.last_error.unwrap_or_default(),
        })
        .collect();
    let page = OutboxPage {
        layout: Layout::new(&state, crate::i18n::Tr::current().get("admin-outbox"), "", "/admin/outbox")
            .for_session(Some(&session)),
        rows,
        forum,
        jobs_pending,
        dead_jobs,
        notice: match q.done.as_deref() {
            Some("job") => Some(crate::i18n::Tr::current().get("admin-notice-job-queued")),
            Some(_) => Some(crate::i18n::Tr::current().get("admin-notice-mail-queued")),
            None => None,
        },
    };
    Ok(Html(page.render()?))
}

pub(crate) async fn retry_job(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    opo_app::jobs::retry(&state.app, id, &session.audit_actor(&client)).await?;
    Ok(Redirect::to("/admin/outbox?done=job").into_response())
}

pub(crate) async fn retry_email(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    opo_app::worker::retry(&state.app, id, &session.audit_actor(&client)).await?;
    Ok(Redirect::to("/admin/outbox?done=retried").into_response())
}
