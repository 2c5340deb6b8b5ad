//! The administrator's webhook pages: the endpoints with a form to add one (its secret shown once),
//! each endpoint's delivery log with the receiver's answers, and buttons to switch an endpoint off or on,
//! delete it, or send a delivery again.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::form::Fields;
use crate::format;
use crate::i18n::Tr;
use crate::routes::Routes;
use crate::session::{ClientInfo, Session};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use opo_app::AppError;
use opo_app::webhooks::{self, EndpointInfo};
use opo_domain::partners::FieldError;
use opo_domain::policy::Action;
use opo_domain::webhooks::{EndpointInput, EventKind};
use serde::Deserialize;

/// The pages' routes, all for admins only.
pub(crate) fn routes(routes: Routes) -> Routes {
    routes
        .get("/admin/webhooks", Action::ManageWebhooks, list)
        .post("/admin/webhooks", Action::ManageWebhooks, register)
        .get("/admin/webhooks/{id}", Action::ManageWebhooks, endpoint)
        .post("/admin/webhooks/{id}/active", Action::ManageWebhooks, set_active)
        .post("/admin/webhooks/{id}/delete", Action::ManageWebhooks, delete)
        .post("/admin/webhooks/deliveries/{id}/replay", Action::ManageWebhooks, replay)
}

/// How many deliveries an endpoint's page lists.
const LOG_LENGTH: i64 = 100;

pub(crate) struct EndpointRow {
    pub id: i64,
    pub url: String,
    pub description: String,
    pub events: String,
    pub active: bool,
    pub created: String,
}

impl From<EndpointInfo> for EndpointRow {
    fn from(e: EndpointInfo) -> Self {
        Self {
            id: e.id,
            url: e.url,
            description: e.description,
            events: e.events.join(", "),
            active: e.active,
            created: format!("{} · {}", format::date_time_utc(e.created_at), e.created_by),
        }
    }
}

#[derive(Template)]
#[template(path = "admin/webhooks.html")]
struct ListPage {
    layout: Layout,
    endpoints: Vec<EndpointRow>,
    events: Vec<&'static str>,
    form: EndpointInput,
    errors: Vec<FieldError>,
    notice: Option<String>,
}

impl ListPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    fn chosen(&self, event: &str) -> bool {
        self.form.events.iter().any(|e| e == event)
    }
}

async fn list_page(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    form: EndpointInput,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> Result<Response, WebError> {
    let t = Tr::current();
    let page = ListPage {
        layout: Layout::new(state, t.get("webhooks-title"), "", "/admin/webhooks").for_session(Some(session)),
        endpoints: webhooks::endpoints(&state.app).await?.into_iter().map(EndpointRow::from).collect(),
        events: EventKind::ALL.iter().map(|e| e.key()).collect(),
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

pub(crate) async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let notice = (q.done.as_deref() == Some("deleted")).then(|| Tr::current().get("webhooks-deleted"));
    list_page(&state, &session, StatusCode::OK, EndpointInput::default(), Vec::new(), notice).await
}

pub(crate) async fn register(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    body: Bytes,
) -> Result<Response, WebError> {
    let fields = Fields::parse(&body);
    let input =
        EndpointInput { url: fields.one("url"), description: fields.one("description"), events: fields.all("events") };
    match webhooks::register(&state.app, &input, &session.audit_actor(&client)).await {
        // The secret is never shown again, so it is drawn here rather than after a redirect.
        Ok(registered) => {
            endpoint_page(&state, &session, StatusCode::CREATED, registered.id, Some(registered.secret), None).await
        }
        Err(AppError::Invalid(errors)) => {
            let errors = crate::i18n::Tr::current().worded(errors);
            list_page(&state, &session, StatusCode::UNPROCESSABLE_ENTITY, input, errors, None).await
        }
        Err(other) => Err(other.into()),
    }
}

/// One attempt to send a delivery, as the log shows it.
pub(crate) struct AttemptRow {
    pub at: String,
    /// The HTTP status, or `—` when the receiver did not answer.
    pub status: String,
    pub ok: bool,
    pub error: String,
    pub duration_ms: i64,
}

pub(crate) struct DeliveryRow {
    pub id: i64,
    pub event: String,
    pub created: String,
    pub attempts: i64,
    pub delivered: String,
    pub attempt_rows: Vec<AttemptRow>,
}

#[derive(Template)]
#[template(path = "admin/webhook.html")]
struct EndpointPage {
    layout: Layout,
    endpoint: EndpointRow,
    secret: Option<String>,
    deliveries: Vec<DeliveryRow>,
    notice: Option<String>,
}

async fn endpoint_page(
    state: &AppState,
    session: &Session,
    status: StatusCode,
    id: i64,
    secret: Option<String>,
    notice: Option<String>,
) -> Result<Response, WebError> {
    let t = Tr::current();
    let endpoint = webhooks::endpoint(&state.app, id).await?;
    let deliveries = webhooks::deliveries(&state.app, id, LOG_LENGTH)
        .await?
        .into_iter()
        .map(|log| DeliveryRow {
            id: log.delivery.id,
            event: log.delivery.event,
            created: format::date_time_utc(log.delivery.created_at),
            attempts: log.delivery.attempts,
            delivered: log.delivery.delivered_at.map(format::date_time_utc).unwrap_or_default(),
            attempt_rows: log
                .attempts
                .into_iter()
                .map(|a| AttemptRow {
                    at: format::date_time_utc(a.at),
                    status: a.status.map_or_else(|| "—".to_owned(), |s| s.to_string()),
                    ok: a.status.is_some_and(|s| (200..300).contains(&s)),
                    error: a.error.unwrap_or_default(),
                    duration_ms: a.duration_ms,
                })
                .collect(),
        })
        .collect();
    let path = format!("/admin/webhooks/{id}");
    let page = EndpointPage {
        layout: Layout::new(state, t.get("webhooks-endpoint"), "", &path).for_session(Some(session)),
        endpoint: endpoint.into(),
        secret,
        deliveries,
        notice,
    };
    Ok((status, Html(page.render()?)).into_response())
}

pub(crate) async fn endpoint(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(q): Query<NoticeQuery>,
) -> Result<Response, WebError> {
    let t = Tr::current();
    let notice = match q.done.as_deref() {
        Some("replayed") => Some(t.get("webhooks-replayed")),
        Some("active") => Some(t.get("webhooks-updated")),
        _ => None,
    };
    endpoint_page(&state, &session, StatusCode::OK, id, None, notice).await
}

#[derive(Deserialize)]
pub(crate) struct ActiveForm {
    #[serde(default)]
    active: String,
}

pub(crate) async fn set_active(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<ActiveForm>,
) -> Result<Response, WebError> {
    let active = match form.active.as_str() {
        "true" => true,
        "false" => false,
        other => return Err(WebError::BadRequest(format!("\"{other}\" is neither true nor false"))),
    };
    webhooks::set_active(&state.app, id, active, &session.audit_actor(&client)).await?;
    Ok(Redirect::to(&format!("/admin/webhooks/{id}?done=active")).into_response())
}

pub(crate) async fn delete(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    webhooks::delete(&state.app, id, &session.audit_actor(&client)).await?;
    Ok(Redirect::to("/admin/webhooks?done=deleted").into_response())
}

pub(crate) async fn replay(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let endpoint = webhooks::replay(&state.app, id, &session.audit_actor(&client)).await?;
    Ok(Redirect::to(&format!("/admin/webhooks/{endpoint}?done=replayed")).into_response())
}
