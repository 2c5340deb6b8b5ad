//! The applicant's side of the workflow in the portal: where the application stands and what comes
//! next, the application form (saved as a draft as often as needed), the logo with its preview on light
//! and dark backgrounds, the agreement to read and sign, answers to the committee, and the review of
//! the partner page.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::form::Fields;
use crate::format;
use crate::markdown;
use crate::session::{ClientInfo, Session};
use askama::Template;
use axum::body::Bytes;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use opo_app::AppError;
use opo_app::agreements::{Evidence, SignInput};
use opo_app::applications::Application;
use opo_app::sessions::Client;
use opo_domain::applications::Stage;
use opo_domain::applications::form::ApplicationForm;
use opo_domain::pages::PageContent;
use opo_domain::partners::FieldError;
use opo_domain::policy::{self, Action, Actor};
use serde::Deserialize;

/// The application, if the signed-in person speaks for its organization.
async fn owned(state: &AppState, session: &Session, id: i64) -> Result<Application, WebError> {
    let application = opo_app::applications::find(&state.app, id).await?;
    let actor = Actor::Signed(session.user.role);
    if policy::allows_on(actor, &session.user.organizations, Action::ApplyForOrganization, application.organization_id)
    {
        Ok(application)
    } else {
        Err(WebError::Forbidden("this is another organization's application".to_owned()))
    }
}

fn back(id: i64, anchor: &str) -> Response {
    Redirect::to(&format!("/portal/applications/{id}{anchor}")).into_response()
}

/// The application form as typed.
fn application_form(fields: &Fields) -> ApplicationForm {
    ApplicationForm {
        org_type: fields.one("org_type"),
        short_description: fields.one("short_description"),
        description: fields.one("description"),
        statement: fields.one("statement"),
        poc_name: fields.one("poc_name"),
        poc_email: fields.one("poc_email"),
        poc_title: fields.one("poc_title"),
        capabilities: fields.all("capabilities"),
        components: fields.all("components"),
        countries: fields.all("countries"),
        links: fields.one("links"),
    }
}

/// The partner page as typed.
fn page_content(fields: &Fields) -> PageContent {
    PageContent {
        name: fields.one("name"),
        website: fields.one("website"),
        short_description: fields.one("short_description"),
        description: fields.one("description"),
        capabilities: fields.all("capabilities"),
        components: fields.all("components"),
        countries: fields.all("countries"),
        links: fields.one("links").lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
    }
}

pub(crate) struct Choice {
    pub key: String,
    pub label: String,
    pub checked: bool,
}

fn choices(terms: &[opo_domain::taxonomy::Term], picked: &[String]) -> Vec<Choice> {
    terms
        .iter()
        .map(|t| Choice { key: t.key.clone(), label: t.label.clone(), checked: picked.contains(&t.key) })
        .collect()
}

fn country_choices(picked: &[String]) -> Vec<Choice> {
    opo_domain::countries::COUNTRIES
        .iter()
        .map(|c| Choice {
            key: c.code.to_owned(),
            label: c.name.to_owned(),
            checked: picked.iter().any(|p| p.eq_ignore_ascii_case(c.code)),
        })
        .collect()
}

pub(crate) struct TimelineItem {
    pub when: String,
    pub what: String,
    pub note: String,
}

pub(crate) fn timeline_items(events: &[opo_app::applications::Event]) -> Vec<TimelineItem> {
    events
        .iter()
        .map(|e| TimelineItem {
            when: format::date_time_utc(e.at),
            what: crate::i18n::Tr::current().event(&e.kind),
            note: e.note.clone(),
        })
        .collect()
}

#[derive(Template)]
#[template(path = "applying/application.html")]
struct ApplicationPage {
    layout: Layout,
    id: i64,
    organization: String,
    stage: Stage,
    stage_label: String,
    next_step: String,
    call: Option<String>,
    timeline: Vec<TimelineItem>,
    form: ApplicationForm,
    errors: Vec<FieldError>,
    notice: Option<String>,
    org_types: Vec<(&'static str, String)>,
    capabilities: Vec<Choice>,
    components: Vec<Choice>,
    countries: Vec<Choice>,
    logo_url: Option<String>,
    signature: Option<(String, String, String)>,
    question: Option<(String, String)>,
    can_withdraw: bool,
    saved: Option<String>,
}

impl ApplicationPage {
    fn error_for(&self, field: &str) -> Option<&str> {
        self.errors.iter().find(|e| e.field == field).map(|e| e.message.as_str())
    }

    fn editing(&self) -> bool {
        self.stage == Stage::Invited
    }
}

async fn render(
    state: &AppState,
    session: &Session,
    application: &Application,
    form: Option<ApplicationForm>,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> Result<Html<String>, WebError> {
    let id = application.id;
    let t = crate::i18n::Tr::current();
    let form = form.unwrap_or_else(|| opo_app::applications::form_of(application));
    let (capability_terms, component_terms) = opo_app::applications::choices(&state.app).await?;
    let events = opo_app::applications::timeline(&state.app, id, true).await?;
    let logo = opo_app::applications::logo_of(&state.app, id).await?;
    let signature = match application.agreement_id {
        Some(signature_id) => opo_app::agreements::signature(&state.app, signature_id).await?,
        None => None,
    };
    let question = if application.stage == Stage::InfoRequested {
        opo_app::reviews::requests_of(&state.app, id)
            .await?
            .into_iter()
            .rfind(|r| r.is_open())
            .map(|r| (r.question, format::date_time_utc(r.deadline_at)))
    } else {
        None
    };
    let page = ApplicationPage {
        layout: Layout::new(
            state,
            format!("{} — {}", t.get("application-eyebrow"), application.organization_name),
            "",
            &format!("/portal/applications/{id}"),
        )
        .in_section("home-signed")
        .for_session(Some(session)),
        id,
        organization: application.organization_name.clone(),
        stage: application.stage,
        stage_label: t.stage(application.stage),
        next_step: t.next_step(application.stage),
        call: application.call_starts_at.map(|at| {
            t.args(
                "application-call-when",
                &[("date", format::date_time_utc(at).into()), ("minutes", application.call_minutes.into())],
            )
        }),
        timeline: timeline_items(&events),
        capabilities: choices(&capability_terms, &form.capabilities),
        components: choices(&component_terms, &form.components),
        countries: country_choices(&form.countries),
        org_types: opo_domain::partners::OrgType::ALL.iter().map(|o| (o.key(), t.org_type(*o))).collect(),
        form,
        errors,
        notice,
        logo_url: logo
            .map(|l| format!("/portal/applications/{id}/logo?v={}", l.sha256.chars().take(12).collect::<String>())),
        signature: signature.map(|s| (s.signer_name, format::date_time_utc(s.signed_at), s.code)),
        question,
        can_withdraw: application.stage.move_to(Stage::Withdrawn).is_ok(),
        saved: application.form_saved_at.map(format::date_time_utc),
    };
    Ok(Html(page.render()?))
}

/// Answers a use case's refusal on the application page, keeping what was typed.
async fn refused(
    state: &AppState,
    session: &Session,
    application: &Application,
    form: Option<ApplicationForm>,
    err: AppError,
) -> Result<Response, WebError> {
    super::redrawn(err, |errors, notice| render(state, session, application, form, errors, notice)).await
}

pub(crate) async fn page(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    let application = owned(&state, &session, id).await?;
    render(&state, &session, &application, None, Vec::new(), None).await
}

pub(crate) async fn save_form(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, WebError> {
    let application = owned(&state, &session, id).await?;
    let form = application_form(&Fields::parse(&body));
    let actor = session.audit_actor(&client);
    match opo_app::applications::save_draft(&state.app, id, &session.user, &form, &actor).await {
        Ok(()) => Ok(back(id, "#form")),
        Err(err) => refused(&state, &session, &application, Some(form), err).await,
    }
}

pub(crate) async fn upload_logo(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    mut multipart: Multipart,
) -> Result<Response, WebError> {
    let application = owned(&state, &session, id).await?;
    let mut upload = None;
    let mut problem = None;
    loop {
        match multipart.next_field().await {
            Ok(Some(field)) if field.name() == Some("logo") => {
                let name = field.file_name().unwrap_or("logo").to_owned();
                match field.bytes().await {
                    Ok(bytes) => upload = Some((name, bytes)),
                    Err(e) => {
                        problem =
                            Some(format!("the file could not be read ({}); logos may be up to 2 MB", e.body_text()))
                    }
                }
            }
            Ok(Some(_)) => {}
            Ok(None) => break,
            Err(e) => {
                problem = Some(format!("the upload could not be read ({}); logos may be up to 2 MB", e.body_text()));
                break;
            }
        }
    }
    let result = match (upload, problem) {
        (_, Some(problem)) => Err(AppError::Invalid(vec![FieldError::new("logo", "bad-logo", problem)])),
        (None, None) => Err(AppError::Invalid(vec![FieldError::new(
            "logo",
            "logo-choose",
            crate::i18n::Tr::current().get("form-logo-choose"),
        )])),
        (Some((name, bytes)), None) => {
            opo_app::applications::upload_logo(
                &state.app,
                id,
                &session.user,
                &bytes,
                &name,
                &session.audit_actor(&client),
            )
            .await
        }
    };
    match result {
        Ok(()) => Ok(back(id, "#logo")),
        Err(err) => refused(&state, &session, &application, None, err).await,
    }
}

pub(crate) async fn logo(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    owned(&state, &session, id).await?;
    let logo = opo_app::applications::logo_of(&state.app, id).await?.ok_or(WebError::NotFound("logo"))?;
    Ok(logo_response(logo))
}

/// A stored logo as a response that can never run as active content.
pub(crate) fn logo_response(logo: opo_app::partners::Logo) -> Response {
    let mut response = logo.data.into_response();
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&logo.content_type) {
        headers.insert(header::CONTENT_TYPE, value);
    }
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static("default-src 'none'; style-src 'unsafe-inline'"),
    );
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("private, max-age=60"));
    response
}

#[derive(Template)]
#[template(path = "applying/agreement.html")]
struct AgreementPage {
    layout: Layout,
    id: i64,
    organization: String,
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

/// The agreement signed on a page of the portal, by an applicant or, on renewal, by a partner contact.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct SignForm {
    #[serde(default)]
    template_id: i64,
    #[serde(default)]
    pub(crate) signer_name: String,
    #[serde(default)]
    pub(crate) signer_title: String,
    #[serde(default)]
    accept: Option<String>,
}

impl SignForm {
    /// What the signer typed.
    pub(crate) fn input(&self) -> SignInput {
        SignInput {
            template_id: self.template_id,
            signer_name: self.signer_name.clone(),
            signer_title: self.signer_title.clone(),
            accept: self.accept.is_some(),
        }
    }
}

/// Where and how a person signed in to the portal was when signing.
pub(crate) fn evidence(client: &Client) -> Evidence {
    Evidence {
        ip: client.ip.clone(),
        user_agent: client.user_agent.clone(),
        auth_method: "portal session (signed in by e-mailed link or password)".to_owned(),
    }
}

async fn agreement_page(
    state: &AppState,
    session: &Session,
    application: &Application,
    form: SignForm,
    errors: Vec<FieldError>,
    notice: Option<String>,
) -> Result<Html<String>, WebError> {
    let template = opo_app::agreements::current(&state.app).await?;
    let page = AgreementPage {
        layout: Layout::new(
            state,
            "Partner agreement",
            "",
            &format!("/portal/applications/{}/agreement", application.id),
        )
        .in_section("home-signed")
        .for_session(Some(session)),
        id: application.id,
        organization: application.organization_name.clone(),
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

pub(crate) async fn agreement(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Html<String>, WebError> {
    let application = owned(&state, &session, id).await?;
    agreement_page(&state, &session, &application, SignForm::default(), Vec::new(), None).await
}

pub(crate) async fn sign(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<SignForm>,
) -> Result<Response, WebError> {
    let application = owned(&state, &session, id).await?;
    let (input, evidence) = (form.input(), evidence(&client));
    match opo_app::agreements::sign(&state.app, id, &session.user, &input, &evidence, &session.audit_actor(&client))
        .await
    {
        Ok(_) => Ok(back(id, "#agreement")),
        Err(err) => {
            super::redrawn(err, |errors, notice| agreement_page(&state, &session, &application, form, errors, notice))
                .await
        }
    }
}

pub(crate) async fn submit(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Response, WebError> {
    let application = owned(&state, &session, id).await?;
    match opo_app::applications::submit(&state.app, id, &session.user, &session.audit_actor(&client)).await {
        Ok(()) => Ok(back(id, "")),
        Err(err) => refused(&state, &session, &application, None, err).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct TextForm {
    #[serde(default)]
    text: String,
}

pub(crate) async fn answer(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<TextForm>,
) -> Result<Response, WebError> {
    let application = owned(&state, &session, id).await?;
    match opo_app::reviews::answer_info(&state.app, id, &session.user, &form.text, &session.audit_actor(&client)).await
    {
        Ok(()) => Ok(back(id, "")),
        Err(err) => refused(&state, &session, &application, None, err).await,
    }
}

pub(crate) async fn withdraw(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<TextForm>,
) -> Result<Response, WebError> {
    let application = owned(&state, &session, id).await?;
    match opo_app::applications::withdraw(&state.app, id, &session.user, &form.text, &session.audit_actor(&client))
        .await
    {
        Ok(()) => Ok(back(id, "")),
        Err(err) => refused(&state, &session, &application, None, err).await,
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct VersionQuery {
    version: Option<i64>,
}

pub(crate) async fn page_review(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(query): Query<VersionQuery>,
) -> Result<Html<String>, WebError> {
    let application = owned(&state, &session, id).await?;
    super::page_review::render(&state, &session, &application, query.version, None, Vec::new(), None).await
}

pub(crate) async fn propose(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    body: Bytes,
) -> Result<Response, WebError> {
    let application = owned(&state, &session, id).await?;
    let fields = Fields::parse(&body);
    let content = page_content(&fields);
    let note = fields.one("note");
    let based_on = fields.one("based_on").trim().parse::<i64>().ok();
    let actor = session.audit_actor(&client);
    match opo_app::pages::revise_from(&state.app, id, &session.user, &content, &note, based_on, &actor).await {
        Ok(number) => Ok(Redirect::to(&format!("/portal/applications/{id}/page?version={number}")).into_response()),
        Err(err) => {
            super::redrawn(err, |errors, notice| {
                super::page_review::render(&state, &session, &application, None, Some(content), errors, notice)
            })
            .await
        }
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct VersionForm {
    #[serde(default)]
    version: i64,
    #[serde(default)]
    text: String,
}

/// The review of the partner page drawn again at `version` after a refusal.
async fn redrawn_review(
    state: &AppState,
    session: &Session,
    application: &Application,
    version: i64,
    err: AppError,
) -> Result<Response, WebError> {
    super::redrawn(err, |errors, notice| {
        super::page_review::render(state, session, application, Some(version), None, errors, notice)
    })
    .await
}

pub(crate) async fn comment(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<VersionForm>,
) -> Result<Response, WebError> {
    let application = owned(&state, &session, id).await?;
    let actor = session.audit_actor(&client);
    match opo_app::pages::comment(&state.app, id, &session.user, form.version, &form.text, &actor).await {
        Ok(()) => {
            Ok(Redirect::to(&format!("/portal/applications/{id}/page?version={}#comments", form.version))
                .into_response())
        }
        Err(err) => redrawn_review(&state, &session, &application, form.version, err).await,
    }
}

pub(crate) async fn approve(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    axum::Form(form): axum::Form<VersionForm>,
) -> Result<Response, WebError> {
    let application = owned(&state, &session, id).await?;
    match opo_app::pages::approve(&state.app, id, &session.user, form.version, &session.audit_actor(&client)).await {
        Ok(()) => Ok(back(id, "")),
        Err(err @ AppError::Conflict(_)) => redrawn_review(&state, &session, &application, form.version, err).await,
        Err(other) => Err(other.into()),
    }
}

#[derive(Debug, Default, Deserialize)]
pub(crate) struct CompareQuery {
    from: Option<i64>,
    to: Option<i64>,
}

pub(crate) async fn compare(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(query): Query<CompareQuery>,
) -> Result<Html<String>, WebError> {
    let application = owned(&state, &session, id).await?;
    let (Some(from), Some(to)) = (query.from, query.to) else {
        return Err(WebError::BadRequest("choose two versions to compare".to_owned()));
    };
    super::board::compare_page(&state, &session, &application, from, to, &format!("/portal/applications/{id}/page"))
        .await
}
