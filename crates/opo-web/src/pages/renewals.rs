//! Renewal of the partner agreement: a partner contact signs the current version again for their own
//! organization; an admin sets a partnership's status until a date; the secretariat publishes a new
//! version of the agreement, optionally to be signed again by everyone by a date.

use super::applying::{self, SignForm};
use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::markdown;
use crate::session::{ClientInfo, Session};
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use opo_app::AppError;
use opo_app::partners::Record;
use opo_domain::partners::{FieldError, PartnerStatus};
use opo_domain::policy::{self, Action, Actor};
use serde::Deserialize;
use time::Date;

/// The organization's record, if the signed-in person may take `action` on it.
async fn allowed(state: &AppState, session: &Session, slug: &str, action: Action) -> Result<Record, WebError> {
    let record = opo_app::partners::record(&state.app, slug).await?;
    if policy::allows_on_organization(
        Actor::Signed(session.user.role),
        &session.user.organizations,
        action,
        record.id,
        record.card.status,
    ) {
        Ok(record)
    } else {
        Err(WebError::Forbidden("this is another organization's agreement".to_owned()))
    }
}

#[derive(Template)]
#[template(path = "portal/resign.html")]
struct ResignPage {
    layout: Layout,
    slug: String,
    organization: String,
    status: String,
    reason: String,
    expires_on: Option<String>,
    deadline: Option<String>,
    can_resign: bool,
    template_id: i64,
    title: String,
    version: String,
    sha256: String,
    body_html: String,
    signer_name: String,
    signer_title: String,
    errors: Vec<FieldError>,
    notice: Option<String>,
}

async fn resign_page(
    state: &AppState,
    session: &Session,
    record: &Record,
    form: SignForm,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> Result<Html<String>, WebError> {
    let template = opo_app::agreements::current(&state.app).await?;
    let renewal = opo_app::renewals::renewal(&state.app, record.id).await?;
    let slug = record.card.slug.clone();
    let page = ResignPage {
        layout: Layout::new(
            state,
            crate::i18n::Tr::current().get("renewal-title"),
            "",
            &format!("/portal/organizations/{slug}/agreement"),
        )
        .in_section("home-signed")
        .for_session(Some(session)),
        slug,
        organization: record.card.name.clone(),
        status: crate::i18n::Tr::current().partner_status(renewal.status),
        reason: renewal.reason,
        expires_on: renewal.expires_on.map(format::long_date),
        deadline: renewal.deadline.map(format::long_date),
        can_resign: renewal.can_resign,
        template_id: template.id,
        title: template.title.clone(),
        version: template.version.clone(),
        sha256: opo_app::secrets::sha256_hex(template.body.as_bytes()),
        body_html: markdown::render(&template.body),
        signer_name: if form.signer_name.is_empty() { session.user.display_name.clone() } else { form.signer_name },
        signer_title: form.signer_title,
        errors,
        notice,
    };
    Ok(Html(page.render()?))
}

pub(crate) async fn resign_form(
    State(state): State<AppState>,
    session: Session,
    Path(slug): Path<String>,
) -> Result<Html<String>, WebError> {
    let record = allowed(&state, &session, &slug, Action::RenewAgreement).await?;
    resign_page(&state, &session, &record, SignForm::default(), Vec::new(), None).await
}

pub(crate) async fn resign(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    axum::Form(form): axum::Form<SignForm>,
) -> Result<Response, WebError> {
    let record = allowed(&state, &session, &slug, Action::RenewAgreement).await?;
    let (input, evidence) = (form.input(), applying::evidence(&client));
    let actor = session.audit_actor(&client);
    match opo_app::renewals::resign(&state.app, record.id, &session.user, &input, &evidence, &actor).await {
        Ok(code) => Ok(Redirect::to(&format!("/agreements/{code}")).into_response()),
        Err(err) => {
            super::redrawn(err, |errors, notice| resign_page(&state, &session, &record, form, errors, notice)).await
        }
    }
}

/// A date typed in a form (`YYYY-MM-DD`); empty is none.
fn parse_date(field: &'static str, text: &str) -> Result<Option<Date>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let mut parts = text.splitn(3, '-').map(str::parse::<i32>);
    let date = match (parts.next(), parts.next(), parts.next()) {
        (Some(Ok(y)), Some(Ok(m)), Some(Ok(d))) => u8::try_from(m)
            .ok()
            .and_then(|m| time::Month::try_from(m).ok())
            .zip(u8::try_from(d).ok())
            .and_then(|(m, d)| Date::from_calendar_date(y, m, d).ok()),
        _ => None,
    };
    date.map(Some).ok_or_else(|| FieldError::new(field, "date", crate::i18n::Tr::current().get("form-date")))
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct OverrideForm {
    #[serde(default)]
    status: String,
    #[serde(default)]
    until: String,
    #[serde(default)]
    reason: String,
}

pub(crate) async fn override_status(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(slug): Path<String>,
    axum::Form(form): axum::Form<OverrideForm>,
) -> Result<Response, WebError> {
    let record = allowed(&state, &session, &slug, Action::OverridePartnershipStatus).await?;
    let status = PartnerStatus::parse(form.status.trim()).ok_or_else(|| {
        WebError::Invalid(vec![FieldError::new(
            "status",
            "status-choose",
            crate::i18n::Tr::current().get("form-status-choose"),
        )])
    })?;
    let until = parse_date("until", &form.until).map_err(|e| WebError::Invalid(vec![e]))?;
    let actor = session.audit_actor(&client);
    opo_app::renewals::override_status(&state.app, record.id, status, until, &form.reason, &actor).await?;
    Ok(Redirect::to(&format!("/portal/organizations/{slug}#partnership")).into_response())
}

#[derive(Template)]
#[template(path = "staff/agreement_version.html")]
struct PublishPage {
    layout: Layout,
    current_version: String,
    current_title: String,
    version: String,
    title: String,
    body: String,
    resign_by: String,
    errors: Vec<FieldError>,
    published: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct PublishForm {
    #[serde(default)]
    version: String,
    #[serde(default)]
    title: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    resign_by: String,
}

async fn publish_page(
    state: &AppState,
    session: &Session,
    form: PublishForm,
    errors: Vec<FieldError>,
    published: Option<String>,
) -> Result<Html<String>, WebError> {
    let current = opo_app::agreements::current(&state.app).await?;
    let page = PublishPage {
        layout: Layout::new(state, "Publish a new version of the agreement", "", "/secretariat/agreements")
            .in_section("home-signed")
            .for_session(Some(session)),
        current_version: current.version,
        current_title: current.title.clone(),
        title: if form.title.is_empty() && form.body.is_empty() { current.title } else { form.title },
        body: if form.body.is_empty() && form.version.is_empty() { current.body } else { form.body },
        version: form.version,
        resign_by: form.resign_by,
        errors,
        published,
    };
    Ok(Html(page.render()?))
}

pub(crate) async fn publish_form(State(state): State<AppState>, session: Session) -> Result<Html<String>, WebError> {
    publish_page(&state, &session, PublishForm::default(), Vec::new(), None).await
}

pub(crate) async fn publish(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    axum::Form(form): axum::Form<PublishForm>,
) -> Result<Response, WebError> {
    let resign_by = match parse_date("resign_by", &form.resign_by) {
        Ok(date) => date,
        Err(problem) => {
            let html = publish_page(&state, &session, form, vec![problem], None).await?;
            return Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response());
        }
    };
    let input = opo_app::renewals::NewVersion {
        version: form.version.clone(),
        title: form.title.clone(),
        body: form.body.clone(),
        resign_by,
    };
    match opo_app::renewals::publish_template(&state.app, &input, &session.audit_actor(&client)).await {
        Ok(_) => {
            let note = match resign_by {
                Some(by) => format!(
                    "Version {} is published; every partner that has not signed it must do so by {}.",
                    input.version.trim(),
                    format::long_date(by)
                ),
                None => format!("Version {} is published; new signatures are given on it.", input.version.trim()),
            };
            let html = publish_page(&state, &session, PublishForm::default(), Vec::new(), Some(note)).await?;
            Ok(html.into_response())
        }
        Err(AppError::Invalid(errors)) => {
            let errors = crate::i18n::Tr::current().worded(errors);
            let html = publish_page(&state, &session, form, errors, None).await?;
            Ok((StatusCode::UNPROCESSABLE_ENTITY, html).into_response())
        }
        Err(other) => Err(other.into()),
    }
}
