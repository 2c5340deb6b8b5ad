//! The steps of the partnership workflow: applications, the intro call, the form and logo,
//! submission, the committee's review, the partner page and the announcement.

use super::schema::{
    AnswerBody, ApplicationDetail, ApplicationFormBody, ApplicationList, ApplicationSummary, Binary, CallBody,
    CallNotesBody, CommentBody, Comparison, ContactBody, DecisionBody, InfoRequestInfo, InterestBody, InterestReceived,
    LogoInfo, Outcome, PageComment, PageInfo, PageVersion, PageVersionBody, QuestionBody, ReasonBody, ReviewInfo,
    SignatureInfo, StageCount, TimelineEvent, VoteBody, ts,
};
use super::{ApiJson, OptionalJson, application_for};
use crate::AppState;
use crate::error::WebError;
use crate::session::{ClientInfo, Session};
use axum::Json;
use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use opo_app::Actor as AuditActor;
use opo_domain::accounts::Role;
use opo_domain::applications::Stage;
use opo_domain::applications::interest::InterestInput;
use opo_domain::partners::FieldError;
use opo_domain::policy::{self, Action, Actor};
use serde::Deserialize;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use utoipa::IntoParams;

const TAG: &str = "applications";

/// The application as it stands now, as the answer to a step.
async fn outcome(state: &AppState, id: i64) -> Result<Outcome, WebError> {
    let application = opo_app::applications::find(&state.app, id).await?;
    Ok(Outcome {
        application: ApplicationSummary::new(&application, &state.app.settings, state.app.clock.now()),
        signature_code: None,
        version: None,
        info_request_id: None,
        news: None,
        profile: None,
    })
}

async fn done(state: &AppState, id: i64) -> Result<Json<Outcome>, WebError> {
    outcome(state, id).await.map(Json)
}

fn is_staff(session: &Session) -> bool {
    session.user.role != Role::PartnerContact
}

/// An organization expresses interest, as on the public form. The applicant's account is created and
/// a first sign-in link e-mailed; it can be exchanged for an API token at `POST /api/v1/auth/link`.
#[utoipa::path(
    post,
    path = "/api/v1/interest",
    operation_id = "express_interest",
    tag = TAG,
    request_body = InterestBody,
    responses((status = 201, description = "Interest received", body = InterestReceived))
)]
pub(crate) async fn interest(
    State(state): State<AppState>,
    ClientInfo(client): ClientInfo,
    headers: HeaderMap,
    ApiJson(body): ApiJson<InterestBody>,
) -> Result<(StatusCode, Json<InterestReceived>), WebError> {
    opo_app::rate_limits::check(&state.app, &[(opo_app::rate_limits::INTEREST_PER_IP, client.ip.as_str())]).await?;
    let input = InterestInput {
        organization: body.organization,
        website: body.website,
        contact_name: body.contact_name,
        contact_email: body.contact_email.trim().to_owned(),
        country: body.country,
        desired_role: body.desired_role,
        message: body.message,
    };
    let actor = AuditActor { user_id: None, label: input.contact_email.clone(), ip: client.ip.clone() };
    // The applicant's e-mails are written in the best match of `Accept-Language`, else English.
    let mut accept = HeaderMap::new();
    if let Some(value) = headers.get(header::ACCEPT_LANGUAGE) {
        accept.insert(header::ACCEPT_LANGUAGE, value.clone());
    }
    let locale = crate::i18n::negotiate(&accept).code();
    let received = opo_app::applications::express_interest_in(&state.app, &input, locale, &actor).await?;
    let answer = InterestReceived {
        application_id: received.application_id,
        organization: received.organization,
        stage: Stage::Interest.into(),
    };
    Ok((StatusCode::CREATED, Json(answer)))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct ListQuery {
    /// Stages to list, separated by commas (e.g. `under_review,info_requested`); by default every
    /// application under way (staff) or every one (partner contact).
    stage: Option<String>,
    /// Only the applications late in their stage (staff).
    late: Option<bool>,
}

fn stages_of(raw: Option<&str>) -> Result<Vec<Stage>, WebError> {
    let mut stages = Vec::new();
    for key in raw.unwrap_or_default().split(',').map(str::trim).filter(|k| !k.is_empty()) {
        let stage = Stage::parse(key).ok_or_else(|| {
            let known = Stage::ALL.iter().map(|s| s.key()).collect::<Vec<_>>().join(", ");
            WebError::BadRequest(format!("\"{key}\" is not a stage; the stages are {known}"))
        })?;
        stages.push(stage);
    }
    Ok(stages)
}

/// The applications the caller may follow: for the staff, the board (by stage, with counts); for a
/// partner contact, those of their organization.
#[utoipa::path(
    get,
    path = "/api/v1/applications",
    operation_id = "list_applications",
    tag = TAG,
    params(ListQuery),
    responses((status = 200, description = "Applications", body = ApplicationList))
)]
pub(crate) async fn list(
    State(state): State<AppState>,
    session: Session,
    Query(query): Query<ListQuery>,
) -> Result<Json<ApplicationList>, WebError> {
    let stages = stages_of(query.stage.as_deref())?;
    let now = state.app.clock.now();
    let settings = &state.app.settings;
    if !is_staff(&session) {
        let mine = opo_app::applications::mine(&state.app, &session.user).await?;
        let applications = mine
            .iter()
            .filter(|a| stages.is_empty() || stages.contains(&a.stage))
            .map(|a| ApplicationSummary::new(a, settings, now))
            .filter(|a| !query.late.unwrap_or(false) || a.late)
            .collect();
        return Ok(Json(ApplicationList { applications, counts: Vec::new() }));
    }
    let board = opo_app::applications::board(&state.app, &stages, query.late.unwrap_or(false), None).await?;
    Ok(Json(ApplicationList {
        applications: board.rows.iter().map(|row| ApplicationSummary::new(&row.application, settings, now)).collect(),
        counts: board
            .counts
            .iter()
            .map(|(stage, count, late)| StageCount { stage: (*stage).into(), count: *count, late: *late })
            .collect(),
    }))
}

/// One application with its timeline, questions, agreement and partner page; the staff also see the
/// committee's votes and the notes of the intro call.
#[utoipa::path(
    get,
    path = "/api/v1/applications/{id}",
    operation_id = "get_application",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    responses((status = 200, description = "The application", body = ApplicationDetail))
)]
pub(crate) async fn detail(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
) -> Result<Json<ApplicationDetail>, WebError> {
    let app = &state.app;
    let application = application_for(&state, &session, id, Action::ViewOrganizationRecord).await?;
    let staff = is_staff(&session);
    let now = app.clock.now();
    let timeline = opo_app::applications::timeline(app, id, !staff).await?;
    let (review, requests) = if staff {
        let review = opo_app::reviews::review_of(app, id).await?;
        let info = ReviewInfo::new(&review, application.review_round);
        (Some(info), review.requests)
    } else {
        (None, opo_app::reviews::requests_of(app, id).await?)
    };
    let page = opo_app::pages::review_of(app, &application).await?;
    let agreement = match application.agreement_id {
        Some(signature) => {
            opo_app::agreements::signature(app, signature).await?.map(|s| SignatureInfo::new(&s, now, None))
        }
        None => None,
    };
    let logo = opo_app::applications::logo_of(app, id)
        .await?
        .map(|logo| LogoInfo { content_type: logo.content_type, sha256: logo.sha256 });
    Ok(Json(ApplicationDetail {
        application: ApplicationSummary::new(&application, &app.settings, now),
        interest_message: application.interest_message.clone(),
        agreed_role: application.agreed_role.clone(),
        call_notes: staff.then(|| application.call_notes.clone()),
        form: opo_app::applications::form_of(&application).into(),
        form_saved_at: application.form_saved_at.map(ts),
        logo,
        agreement,
        timeline: timeline.iter().map(|e| TimelineEvent::new(e, staff)).collect(),
        review,
        info_requests: requests.iter().map(|r| InfoRequestInfo::new(r, staff)).collect(),
        page: PageInfo {
            approved_version: page.approved().map(|r| r.number),
            versions: page.revisions.iter().map(PageVersion::from).collect(),
            comments: page
                .comments
                .iter()
                .map(|c| PageComment {
                    version: c.revision_number,
                    author: c.author.clone(),
                    body: c.body.clone(),
                    at: ts(c.at),
                })
                .collect(),
        },
    }))
}

/// The secretariat names the applicant's contact (for an interest from the forum), which creates their
/// account and e-mails a first sign-in link.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/contact",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body = ContactBody,
    responses((status = 200, description = "Contact set", body = Outcome))
)]
pub(crate) async fn set_contact(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<ContactBody>,
) -> Result<Json<Outcome>, WebError> {
    opo_app::applications::set_contact(&state.app, id, &body.name, &body.email, &session.audit_actor(&client)).await?;
    done(&state, id).await
}

/// The secretariat sets the intro call, or moves it: the applicant gets an e-mail with a calendar
/// invitation whose SEQUENCE rises with each move.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/call",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body = CallBody,
    responses((status = 200, description = "Call set; the application is at `intro_call`", body = Outcome))
)]
pub(crate) async fn schedule_call(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<CallBody>,
) -> Result<Json<Outcome>, WebError> {
    let starts_at = OffsetDateTime::parse(body.starts_at.trim(), &Rfc3339).map_err(|_| {
        WebError::Invalid(vec![FieldError::new(
            "starts_at",
            "bad-time",
            format!("\"{}\" is not a time in RFC 3339, like 2026-12-01T14:00:00Z", body.starts_at),
        )])
    })?;
    let starts_at = starts_at.to_offset(time::UtcOffset::UTC);
    opo_app::applications::schedule_call(&state.app, id, starts_at, body.minutes, &session.audit_actor(&client))
        .await?;
    done(&state, id).await
}

/// The secretariat records the notes of the intro call and the role agreed.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/call-notes",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body = CallNotesBody,
    responses((status = 200, description = "Notes recorded", body = Outcome))
)]
pub(crate) async fn record_call(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<CallNotesBody>,
) -> Result<Json<Outcome>, WebError> {
    let actor = session.audit_actor(&client);
    opo_app::applications::record_call(&state.app, id, &body.notes, &body.agreed_role, &actor).await?;
    done(&state, id).await
}

/// After the call, the secretariat invites the application; the form starts filled with what is known.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/invite",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    responses((status = 200, description = "Invited; the application is at `invited`", body = Outcome))
)]
pub(crate) async fn invite(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Json<Outcome>, WebError> {
    opo_app::applications::invite(&state.app, id, &session.audit_actor(&client)).await?;
    done(&state, id).await
}

/// The applicant saves the form as a draft, as often as needed; it is checked in full on submission.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/form",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body = ApplicationFormBody,
    responses((status = 200, description = "Draft saved", body = Outcome))
)]
pub(crate) async fn save_form(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<ApplicationFormBody>,
) -> Result<Json<Outcome>, WebError> {
    application_for(&state, &session, id, Action::ApplyForOrganization).await?;
    let form = body.into();
    opo_app::applications::save_draft(&state.app, id, &session.user, &form, &session.audit_actor(&client)).await?;
    done(&state, id).await
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct LogoQuery {
    /// The file's name, whose extension tells its kind when the Content-Type does not.
    filename: Option<String>,
}

/// The applicant uploads the logo as the raw body (PNG, JPEG, WebP or SVG; 2 MiB at most). It is
/// decoded and re-encoded, or sanitized, before it is stored.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/logo",
    tag = TAG,
    params(("id" = i64, Path, description = "The application"), LogoQuery),
    request_body(
        content((Binary = "image/png"), (Binary = "image/jpeg"), (Binary = "image/webp"), (Binary = "image/svg+xml")),
        description = "The logo's bytes"
    ),
    responses((status = 200, description = "Logo stored", body = Outcome))
)]
pub(crate) async fn upload_logo(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    Query(query): Query<LogoQuery>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<Outcome>, WebError> {
    application_for(&state, &session, id, Action::ApplyForOrganization).await?;
    let invalid = |message: &str| WebError::Invalid(vec![FieldError::new("logo", "bad-logo", message.to_owned())]);
    let bytes = body.map_err(|e| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            invalid("the logo is larger than 2 MiB")
        } else {
            WebError::BadRequest(e.body_text())
        }
    })?;
    if bytes.is_empty() {
        return Err(invalid("send the logo's bytes as the body of the request"));
    }
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or_default();
    let name = query.filename.filter(|n| !n.trim().is_empty()).unwrap_or_else(|| {
        match content_type.split(';').next().unwrap_or_default().trim() {
            "image/svg+xml" => "logo.svg",
            "image/png" => "logo.png",
            "image/jpeg" => "logo.jpg",
            "image/webp" => "logo.webp",
            _ => "logo",
        }
        .to_owned()
    });
    let actor = session.audit_actor(&client);
    opo_app::applications::upload_logo(&state.app, id, &session.user, &bytes, &name, &actor).await?;
    done(&state, id).await
}

/// The applicant submits: the form must be complete, the logo uploaded and the agreement signed.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/submit",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    responses((status = 200, description = "Submitted; the application is at `submitted`", body = Outcome))
)]
pub(crate) async fn submit(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Json<Outcome>, WebError> {
    application_for(&state, &session, id, Action::ApplyForOrganization).await?;
    opo_app::applications::submit(&state.app, id, &session.user, &session.audit_actor(&client)).await?;
    done(&state, id).await
}

/// The secretariat passes a submitted application to the committee, whose members are told.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/send-to-committee",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    responses((status = 200, description = "Under review", body = Outcome))
)]
pub(crate) async fn send_to_committee(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Json<Outcome>, WebError> {
    opo_app::applications::send_to_committee(&state.app, id, &session.audit_actor(&client)).await?;
    done(&state, id).await
}

/// A committee member votes, or declares a conflict of interest, once per round of review.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/votes",
    operation_id = "vote",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body = VoteBody,
    responses((status = 201, description = "Vote recorded", body = Outcome))
)]
pub(crate) async fn vote(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<VoteBody>,
) -> Result<(StatusCode, Json<Outcome>), WebError> {
    let actor = session.audit_actor(&client);
    opo_app::reviews::vote(&state.app, id, &session.user, body.vote.into(), &body.comment, &actor).await?;
    Ok((StatusCode::CREATED, done(&state, id).await?))
}

/// A committee member or the secretariat asks the applicant a question; the review waits for the answer.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/info-requests",
    operation_id = "request_info",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body = QuestionBody,
    responses((status = 201, description = "Question asked; the application is at `info_requested`", body = Outcome))
)]
pub(crate) async fn request_info(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<QuestionBody>,
) -> Result<(StatusCode, Json<Outcome>), WebError> {
    let request = opo_app::reviews::request_info(&state.app, id, &body.question, &session.audit_actor(&client)).await?;
    let mut answer = outcome(&state, id).await?;
    answer.info_request_id = Some(request);
    Ok((StatusCode::CREATED, Json(answer)))
}

/// The applicant answers the open question; the application returns to review for a new round of votes.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/info-requests/answer",
    operation_id = "answer_info_request",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body = AnswerBody,
    responses((status = 200, description = "Answered; the application is back `under_review`", body = Outcome))
)]
pub(crate) async fn answer(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<AnswerBody>,
) -> Result<Json<Outcome>, WebError> {
    application_for(&state, &session, id, Action::ApplyForOrganization).await?;
    let actor = session.audit_actor(&client);
    opo_app::reviews::answer_info(&state.app, id, &session.user, &body.answer, &actor).await?;
    done(&state, id).await
}

/// The secretariat records the committee's decision, which the votes of the round must support
/// (quorum and majority); the applicant is told, with the reason.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/decision",
    operation_id = "decide",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body = DecisionBody,
    responses((status = 200, description = "Decided; the application is `approved` or `declined`", body = Outcome))
)]
pub(crate) async fn decide(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<DecisionBody>,
) -> Result<Json<Outcome>, WebError> {
    let actor = session.audit_actor(&client);
    opo_app::reviews::decide(&state.app, id, body.decision.into(), &body.reason, &actor).await?;
    done(&state, id).await
}

/// The secretariat drafts the partner page from the approved application: version 1, for the partner
/// to review.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/page/draft",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    responses((status = 201, description = "Drafted; the application is at `page_review`", body = Outcome))
)]
pub(crate) async fn draft_page(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<(StatusCode, Json<Outcome>), WebError> {
    let number = opo_app::pages::draft(&state.app, id, &session.audit_actor(&client)).await?;
    let mut answer = outcome(&state, id).await?;
    answer.version = Some(number);
    Ok((StatusCode::CREATED, Json(answer)))
}

/// Refuses, unless the caller is the organization's contact or the secretariat: the two who shape the
/// partner page.
async fn page_editor(state: &AppState, session: &Session, id: i64) -> Result<(), WebError> {
    let application = opo_app::applications::find(&state.app, id).await?;
    let actor = Actor::Signed(session.user.role);
    if policy::allows_on(actor, &session.user.organizations, Action::ApplyForOrganization, application.organization_id)
        || policy::allows(actor, Action::ManageApplications)
    {
        Ok(())
    } else if session.user.role == Role::PartnerContact {
        Err(WebError::Forbidden(format!("application {id} is another organization's application")))
    } else {
        Err(WebError::Forbidden(
            "only the organization's contact and the secretariat change or comment on the partner page".to_owned(),
        ))
    }
}

/// A new version of the partner page, proposed by the partner or the secretariat. Every version is kept.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/page/versions",
    operation_id = "propose_page_version",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body = PageVersionBody,
    responses((status = 201, description = "Version added", body = Outcome))
)]
pub(crate) async fn propose_version(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<PageVersionBody>,
) -> Result<(StatusCode, Json<Outcome>), WebError> {
    page_editor(&state, &session, id).await?;
    let content = body.content.into();
    let actor = session.audit_actor(&client);
    let number =
        opo_app::pages::revise_from(&state.app, id, &session.user, &content, &body.note, body.based_on, &actor).await?;
    let mut answer = outcome(&state, id).await?;
    answer.version = Some(number);
    Ok((StatusCode::CREATED, Json(answer)))
}

/// A comment on a version of the partner page.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/page/versions/{n}/comments",
    operation_id = "comment_on_page_version",
    tag = TAG,
    params(("id" = i64, Path, description = "The application"), ("n" = i64, Path, description = "The version")),
    request_body = CommentBody,
    responses((status = 201, description = "Comment added", body = Outcome))
)]
pub(crate) async fn comment(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path((id, n)): Path<(i64, i64)>,
    ApiJson(body): ApiJson<CommentBody>,
) -> Result<(StatusCode, Json<Outcome>), WebError> {
    page_editor(&state, &session, id).await?;
    let actor = session.audit_actor(&client);
    opo_app::pages::comment(&state.app, id, &session.user, n, &body.comment, &actor).await?;
    let mut answer = outcome(&state, id).await?;
    answer.version = Some(n);
    Ok((StatusCode::CREATED, Json(answer)))
}

/// The partner approves a version of its page; the secretariat announces the partnership with it.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/page/versions/{n}/approve",
    operation_id = "approve_page_version",
    tag = TAG,
    params(("id" = i64, Path, description = "The application"), ("n" = i64, Path, description = "The version")),
    responses((status = 200, description = "Version approved", body = Outcome))
)]
pub(crate) async fn approve_version(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path((id, n)): Path<(i64, i64)>,
) -> Result<Json<Outcome>, WebError> {
    application_for(&state, &session, id, Action::ApplyForOrganization).await?;
    opo_app::pages::approve(&state.app, id, &session.user, n, &session.audit_actor(&client)).await?;
    let mut answer = outcome(&state, id).await?;
    answer.version = Some(n);
    Ok(Json(answer))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct CompareQuery {
    /// The older version.
    from: Option<i64>,
    /// The newer version.
    to: Option<i64>,
}

/// Two versions of the partner page side by side, with additions, removals, rewritten lines (the
/// differing words marked) and formatting changes.
#[utoipa::path(
    get,
    path = "/api/v1/applications/{id}/page/compare",
    operation_id = "compare_page_versions",
    tag = TAG,
    params(("id" = i64, Path, description = "The application"), CompareQuery),
    responses((status = 200, description = "The comparison", body = Comparison))
)]
pub(crate) async fn compare(
    State(state): State<AppState>,
    session: Session,
    Path(id): Path<i64>,
    Query(query): Query<CompareQuery>,
) -> Result<Json<Comparison>, WebError> {
    let application = application_for(&state, &session, id, Action::ViewOrganizationRecord).await?;
    let (Some(from), Some(to)) = (query.from, query.to) else {
        return Err(WebError::BadRequest("name both versions to compare, as ?from=1&to=2".to_owned()));
    };
    let rows = opo_app::pages::compare(&state.app, &application, from, to).await?;
    Ok(Json(Comparison { from, to, rows: rows.iter().map(Into::into).collect() }))
}

/// The secretariat announces the partnership: the approved version becomes the public profile, the
/// organization is listed as active, and the announcement goes to the news and its feeds.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/announce",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    responses((status = 200, description = "Announced", body = Outcome))
)]
pub(crate) async fn announce(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
) -> Result<Json<Outcome>, WebError> {
    let slug = opo_app::pages::announce(&state.app, id, &session.audit_actor(&client)).await?;
    let mut answer = outcome(&state, id).await?;
    answer.news = Some(format!("/news/{slug}"));
    answer.profile = Some(format!("/partners/{}", answer.application.organization.slug));
    Ok(Json(answer))
}

/// The applicant withdraws; the organization may apply again later.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/withdraw",
    operation_id = "withdraw_application",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body(content = ReasonBody, description = "Optional"),
    responses((status = 200, description = "Withdrawn", body = Outcome))
)]
pub(crate) async fn withdraw(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    OptionalJson(body): OptionalJson<ReasonBody>,
) -> Result<Json<Outcome>, WebError> {
    application_for(&state, &session, id, Action::ApplyForOrganization).await?;
    let actor = session.audit_actor(&client);
    opo_app::applications::withdraw(&state.app, id, &session.user, &body.reason, &actor).await?;
    done(&state, id).await
}

/// The secretariat ends an application before it reaches the committee; the applicant is told why.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/decline",
    operation_id = "decline_application",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body = ReasonBody,
    responses((status = 200, description = "Declined", body = Outcome))
)]
pub(crate) async fn decline(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<ReasonBody>,
) -> Result<Json<Outcome>, WebError> {
    opo_app::applications::decline_early(&state.app, id, &body.reason, &session.audit_actor(&client)).await?;
    done(&state, id).await
}
