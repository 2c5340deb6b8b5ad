//! The secretariat's page of one application: its whole record, then the moves its stage allows, each
//! a small form. A form that fails comes back with what was typed and the reason, at the top of the
//! page and beside the field.

use super::dossier::{self, Dossier};
use crate::AppState;
use crate::error::WebError;
use crate::pages::layout::Layout;
use crate::session::Session;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use opo_app::AppError;
use opo_app::applications::Application;
use opo_domain::applications::Stage;
use opo_domain::partners::FieldError;

/// Why a form came back: a clash with where the application stands, or fields to fix.
pub(crate) struct Problem {
    /// The form that was sent (`contact`, `call`, `decision`, …).
    pub form: &'static str,
    pub message: Option<String>,
    pub errors: Vec<FieldError>,
}

impl Problem {
    pub(crate) fn from_error(form: &'static str, err: AppError) -> Result<(StatusCode, Self), WebError> {
        match err {
            AppError::Invalid(errors) => {
                let errors = crate::i18n::Tr::current().worded(errors);
                Ok((StatusCode::UNPROCESSABLE_ENTITY, Self { form, message: None, errors }))
            }
            AppError::Conflict(clash) => {
                let message = crate::i18n::Tr::current().clash(&clash);
                Ok((StatusCode::CONFLICT, Self { form, message: Some(capitalized(&message)), errors: Vec::new() }))
            }
            other => Err(other.into()),
        }
    }

    pub(crate) fn error(&self, form: &str, field: &str) -> Option<&str> {
        if self.form != form {
            return None;
        }
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }
}

/// A message as a sentence: capital first letter, full stop at the end.
fn capitalized(text: &str) -> String {
    let text = text.trim().trim_end_matches('.');
    let mut chars = text.chars();
    let mut out: String = chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default();
    out.push('.');
    out
}

/// What the forms of the page hold: what is known, or what was just typed.
#[derive(Debug, Clone, Default)]
pub(crate) struct Typed {
    pub contact_name: String,
    pub contact_email: String,
    pub call_date: String,
    pub call_time: String,
    pub call_minutes: String,
    pub call_notes: String,
    pub agreed_role: String,
    pub decline_reason: String,
    pub decision: String,
    pub decision_reason: String,
    pub question: String,
    pub page_name: String,
    pub page_website: String,
    pub page_short_description: String,
    pub page_description: String,
    pub page_capabilities: Vec<String>,
    pub page_components: Vec<String>,
    pub page_countries: String,
    pub page_links: String,
    pub page_note: String,
    /// The version the page form was opened on: a save on top of an older one is refused.
    pub page_based_on: String,
    pub comment_version: String,
    pub comment: String,
}

impl Typed {
    fn prefilled(dossier: &Dossier) -> Self {
        let a = &dossier.application;
        let page = dossier.latest_page.clone().unwrap_or_default();
        Self {
            contact_name: a.contact_name.clone(),
            contact_email: a.contact_email.clone(),
            call_date: a.call_starts_at.map(|at| crate::format::iso_date(at.date())).unwrap_or_default(),
            call_time: a.call_starts_at.map(|at| format!("{:02}:{:02}", at.hour(), at.minute())).unwrap_or_default(),
            call_minutes: if a.call_minutes > 0 { a.call_minutes.to_string() } else { "30".to_owned() },
            call_notes: a.call_notes.clone(),
            agreed_role: if a.agreed_role.is_empty() { a.desired_role.clone() } else { a.agreed_role.clone() },
            page_name: page.name,
            page_website: page.website,
            page_short_description: page.short_description,
            page_description: page.description,
            page_capabilities: page.capabilities,
            page_components: page.components,
            page_countries: page.countries.join(", "),
            page_links: page.links.join("\n"),
            comment_version: dossier.versions.first().map(|v| v.number.to_string()).unwrap_or_default(),
            page_based_on: dossier.versions.iter().map(|v| v.number).max().map(|n| n.to_string()).unwrap_or_default(),
            ..Self::default()
        }
    }
}

/// The moves the application's stage allows.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Moves {
    pub contact: bool,
    pub call: bool,
    pub call_notes: bool,
    pub invite: bool,
    pub decline: bool,
    pub send: bool,
    pub decide: bool,
    pub ask: bool,
    pub draft: bool,
    pub page: bool,
    pub announce: bool,
}

impl Moves {
    pub(crate) fn of(application: &Application) -> Self {
        let stage = application.stage;
        let early = matches!(stage, Stage::Interest | Stage::IntroCall);
        Self {
            contact: !stage.is_final() && application.contact_email.is_empty(),
            call: early,
            call_notes: stage == Stage::IntroCall,
            invite: stage == Stage::IntroCall,
            decline: early,
            send: stage == Stage::Submitted,
            decide: stage == Stage::UnderReview,
            ask: stage == Stage::UnderReview,
            draft: stage == Stage::Approved,
            page: stage == Stage::PageReview,
            announce: stage == Stage::PageReview,
        }
    }

    fn any(&self) -> bool {
        self.contact
            || self.call
            || self.call_notes
            || self.invite
            || self.decline
            || self.send
            || self.decide
            || self.ask
            || self.draft
            || self.page
            || self.announce
    }
}

/// A term offered in a select or a group of checkboxes.
pub(crate) struct Choice {
    pub key: String,
    pub label: String,
}

#[derive(Template)]
#[template(path = "board/detail.html")]
struct DetailPage {
    layout: Layout,
    dossier: Dossier,
    typed: Typed,
    moves: Moves,
    has_moves: bool,
    problem: Option<Problem>,
    roles: Vec<Choice>,
    components: Vec<Choice>,
}

impl DetailPage {
    fn error(&self, form: &str, field: &str) -> Option<&str> {
        self.problem.as_ref().and_then(|p| p.error(form, field))
    }

    fn role_picked(&self, key: &str) -> bool {
        self.typed.agreed_role == key
    }

    fn capability_picked(&self, key: &str) -> bool {
        self.typed.page_capabilities.iter().any(|k| k == key)
    }

    fn component_picked(&self, key: &str) -> bool {
        self.typed.page_components.iter().any(|k| k == key)
    }

    fn version_picked(&self, number: &i64) -> bool {
        self.typed.comment_version == number.to_string()
    }
}

/// Draws the page of application `id`, with the forms as `typed` leaves them and the `problem` of the
/// form just sent, if any.
pub(crate) async fn render(
    state: &AppState,
    session: &Session,
    id: i64,
    typed: impl FnOnce(&mut Typed),
    problem: Option<Problem>,
) -> Result<Html<String>, WebError> {
    let application = opo_app::applications::find(&state.app, id).await?;
    let dossier = dossier::gather(state, application).await?;
    let mut values = Typed::prefilled(&dossier);
    typed(&mut values);
    let moves = Moves::of(&dossier.application);
    let choice = |t: &opo_domain::taxonomy::Term| Choice { key: t.key.clone(), label: t.label.clone() };
    let page = DetailPage {
        layout: Layout::new(
            state,
            format!("Application: {}", dossier.organization),
            "",
            &format!("/secretariat/applications/{id}"),
        )
        .in_section("home-signed")
        .for_session(Some(session)),
        roles: dossier.capability_terms.iter().map(choice).collect(),
        components: dossier.component_terms.iter().map(choice).collect(),
        typed: values,
        has_moves: moves.any(),
        moves,
        problem,
        dossier,
    };
    Ok(Html(page.render()?))
}

pub(crate) async fn detail(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    render(&state, &session, id, |_| {}, None).await
}

/// The answer to a form of the page: back to the page when the move was made; the page again with what
/// was typed and why not, when it was refused.
pub(crate) async fn answer<T>(
    state: &AppState,
    session: &Session,
    id: i64,
    form: &'static str,
    result: Result<T, AppError>,
    typed: impl FnOnce(&mut Typed),
) -> Result<Response, WebError> {
    match result {
        Ok(_) => Ok(Redirect::to(&format!("/secretariat/applications/{id}")).into_response()),
        Err(err) => {
            let (status, problem) = Problem::from_error(form, err)?;
            Ok((status, render(state, session, id, typed, Some(problem)).await?).into_response())
        }
    }
}
