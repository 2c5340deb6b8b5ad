//! The secretariat's moves on one application, one small form each: the contact, the intro call and its
//! notes, the invitation, an early decline, the committee, the decision, the partner page and the
//! announcement.

use super::secretariat::answer;
use crate::AppState;
use crate::error::WebError;
use crate::form::Fields;
use crate::format;
use crate::session::{ClientInfo, Session};
use axum::Form;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::response::Response;
use opo_app::AppError;
use opo_domain::countries::CountryCode;
use opo_domain::pages::PageContent;
use opo_domain::partners::FieldError;
use opo_domain::reviews::Decision;
use serde::Deserialize;
use time::{OffsetDateTime, Time};

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ContactForm {
    contact_name: String,
    contact_email: String,
}

pub(crate) async fn set_contact(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Form(form): Form<ContactForm>,
) -> Result<Response, WebError> {
    let actor = session.audit_actor(&client);
    let result =
        opo_app::applications::set_contact(&state.app, id, &form.contact_name, &form.contact_email, &actor).await;
    answer(&state, &session, id, "contact", result, |t| {
        t.contact_name = form.contact_name;
        t.contact_email = form.contact_email;
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CallForm {
    date: String,
    time: String,
    minutes: String,
}

fn parse_time(text: &str) -> Option<Time> {
    let short = time::macros::format_description!("[hour]:[minute]");
    let long = time::macros::format_description!("[hour]:[minute]:[second]");
    Time::parse(text, short).or_else(|_| Time::parse(text, long)).ok()
}

impl CallForm {
    /// The start (in UTC) and length of the call, or what is wrong with them.
    fn parse(&self) -> Result<(OffsetDateTime, i64), AppError> {
        let mut errors = Vec::new();
        let date = format::parse_iso_date(self.date.trim()).ok();
        if date.is_none() {
            errors.push(FieldError::new("starts_at", "call-date", crate::i18n::Tr::current().get("form-call-date")));
        }
        let start = parse_time(self.time.trim());
        if start.is_none() {
            errors.push(FieldError::new(
                "starts_at_time",
                "call-time",
                crate::i18n::Tr::current().get("form-call-time"),
            ));
        }
        let minutes = self.minutes.trim().parse::<i64>().ok();
        if minutes.is_none() {
            errors.push(FieldError::new(
                "minutes",
                "call-minutes",
                crate::i18n::Tr::current().get("form-call-minutes"),
            ));
        }
        match (date, start, minutes) {
            (Some(date), Some(start), Some(minutes)) => Ok((date.with_time(start).assume_utc(), minutes)),
            _ => Err(AppError::Invalid(errors)),
        }
    }
}

pub(crate) async fn schedule_call(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Form(form): Form<CallForm>,
) -> Result<Response, WebError> {
    let result = match form.parse() {
        Ok((starts_at, minutes)) => {
            opo_app::applications::schedule_call(&state.app, id, starts_at, minutes, &session.audit_actor(&client))
                .await
        }
        Err(err) => Err(err),
    };
    answer(&state, &session, id, "call", result, |t| {
        t.call_date = form.date;
        t.call_time = form.time;
        t.call_minutes = form.minutes;
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CallNotesForm {
    notes: String,
    agreed_role: String,
}

pub(crate) async fn record_call(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Form(form): Form<CallNotesForm>,
) -> Result<Response, WebError> {
    let actor = session.audit_actor(&client);
    let result = opo_app::applications::record_call(&state.app, id, &form.notes, &form.agreed_role, &actor).await;
    answer(&state, &session, id, "call_notes", result, |t| {
        t.call_notes = form.notes;
        t.agreed_role = form.agreed_role;
    })
    .await
}

pub(crate) async fn invite(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let result = opo_app::applications::invite(&state.app, id, &session.audit_actor(&client)).await;
    answer(&state, &session, id, "invite", result, |_| {}).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ReasonForm {
    reason: String,
}

pub(crate) async fn decline(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Form(form): Form<ReasonForm>,
) -> Result<Response, WebError> {
    let result =
        opo_app::applications::decline_early(&state.app, id, &form.reason, &session.audit_actor(&client)).await;
    answer(&state, &session, id, "decline", result, |t| t.decline_reason = form.reason).await
}

pub(crate) async fn send_to_committee(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let result = opo_app::applications::send_to_committee(&state.app, id, &session.audit_actor(&client)).await;
    answer(&state, &session, id, "send", result, |_| {}).await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct DecisionForm {
    decision: String,
    reason: String,
}

pub(crate) async fn decide(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Form(form): Form<DecisionForm>,
) -> Result<Response, WebError> {
    let result = match Decision::parse(form.decision.trim()) {
        Some(decision) => {
            opo_app::reviews::decide(&state.app, id, decision, &form.reason, &session.audit_actor(&client)).await
        }
        None => Err(AppError::Invalid(vec![FieldError::new(
            "decision",
            "decision-choose",
            crate::i18n::Tr::current().get("form-decision-choose"),
        )])),
    };
    answer(&state, &session, id, "decision", result, |t| {
        t.decision = form.decision;
        t.decision_reason = form.reason;
    })
    .await
}

pub(crate) async fn draft_page(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let result = opo_app::pages::draft(&state.app, id, &session.audit_actor(&client)).await;
    answer(&state, &session, id, "draft", result, |_| {}).await
}

/// Country codes as typed: separated by commas, spaces or new lines.
fn country_codes(text: &str) -> Vec<String> {
    text.split([',', ';', ' ', '\n', '\r', '\t']).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned).collect()
}

/// The version as typed, with every problem named, including country codes that are not countries
/// (the use case would drop those without a word).
fn proposed(fields: &Fields) -> Result<PageContent, AppError> {
    let content = PageContent {
        name: fields.one("name"),
        website: fields.one("website").trim().to_owned(),
        short_description: fields.one("short_description"),
        description: fields.one("description"),
        capabilities: fields.all("capabilities"),
        components: fields.all("components"),
        countries: country_codes(&fields.one("countries")).iter().map(|c| c.to_ascii_uppercase()).collect(),
        links: fields.one("links").lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
    };
    let mut errors = content.validate().err().unwrap_or_default();
    let unknown: Vec<&str> =
        content.countries.iter().map(String::as_str).filter(|c| CountryCode::parse(c).is_err()).collect();
    if !unknown.is_empty() {
        errors.push(FieldError::new(
            "countries",
            "not-countries",
            crate::i18n::Tr::current().args("form-not-countries", &[("countries", unknown.join(", ").into())]),
        ));
    }
    if errors.is_empty() { Ok(content) } else { Err(AppError::Invalid(errors)) }
}

pub(crate) async fn propose(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, WebError> {
    let fields = Fields::parse(&body);
    let note = fields.one("note");
    let based_on = fields.one("based_on").trim().parse::<i64>().ok();
    let result = match proposed(&fields) {
        Ok(content) => {
            let actor = session.audit_actor(&client);
            opo_app::pages::revise_from(&state.app, id, &session.user, &content, &note, based_on, &actor).await
        }
        Err(err) => Err(err),
    };
    // Refused as stale, the form keeps what was typed but now builds on the newest version.
    let stale = matches!(result, Err(AppError::Conflict(_)));
    answer(&state, &session, id, "page", result, |t| {
        if !stale {
            t.page_based_on = fields.one("based_on");
        }
        t.page_name = fields.one("name");
        t.page_website = fields.one("website");
        t.page_short_description = fields.one("short_description");
        t.page_description = fields.one("description");
        t.page_capabilities = fields.all("capabilities");
        t.page_components = fields.all("components");
        t.page_countries = fields.one("countries");
        t.page_links = fields.one("links");
        t.page_note = note;
    })
    .await
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct CommentForm {
    version: String,
    comment: String,
}

pub(crate) async fn comment(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Form(form): Form<CommentForm>,
) -> Result<Response, WebError> {
    let result = match form.version.trim().parse::<i64>() {
        Ok(version) => {
            let actor = session.audit_actor(&client);
            opo_app::pages::comment(&state.app, id, &session.user, version, &form.comment, &actor).await
        }
        Err(_) => Err(AppError::Invalid(vec![FieldError::new(
            "version",
            "version-choose",
            crate::i18n::Tr::current().get("form-version-choose"),
        )])),
    };
    answer(&state, &session, id, "comment", result, |t| {
        t.comment_version = form.version;
        t.comment = form.comment;
    })
    .await
}

pub(crate) async fn announce(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let result = opo_app::pages::announce(&state.app, id, &session.audit_actor(&client)).await;
    answer(&state, &session, id, "announce", result, |_| {}).await
}

/// The secretariat merges the organization an expression of interest created into the one it resembles.
pub(crate) async fn merge(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let result = opo_app::organizations::merge(&state.app, &session.user, id, &session.audit_actor(&client)).await;
    answer(&state, &session, id, "merge", result, |_| {}).await
}

/// The secretariat says the organization is not the one it resembles.
pub(crate) async fn not_the_same(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let result =
        opo_app::organizations::not_the_same(&state.app, &session.user, id, &session.audit_actor(&client)).await;
    answer(&state, &session, id, "merge", result, |_| {}).await
}
