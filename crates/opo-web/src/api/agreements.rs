//! The partner agreement: the text to read, signing it for an application, and the public check of a
//! signature by its code.

use super::schema::{AgreementText, ApplicationSummary, Outcome, SignBody, SignatureInfo, ts};
use super::{ApiJson, application_for};
use crate::AppState;
use crate::error::WebError;
use crate::session::{ClientInfo, Credential, Session};
use axum::Json;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use opo_domain::policy::Action;
use serde::Deserialize;
use utoipa::IntoParams;

const TAG: &str = "agreement";

/// The agreement signers read now, with the SHA-256 of its exact text.
#[utoipa::path(
    get,
    path = "/api/v1/agreement",
    operation_id = "get_agreement",
    tag = TAG,
    responses((status = 200, description = "The current agreement", body = AgreementText))
)]
pub(crate) async fn current(State(state): State<AppState>) -> Result<Json<AgreementText>, WebError> {
    let template = opo_app::agreements::current(&state.app).await?;
    Ok(Json(AgreementText {
        id: template.id,
        version: template.version,
        title: template.title,
        sha256: opo_app::secrets::sha256_hex(template.body.as_bytes()),
        body: template.body,
        published_at: ts(template.published_at),
    }))
}

/// The applicant signs the current agreement for its organization. Kept with the signature: the
/// version and SHA-256 of the text, the signer, that they signed with an API token, the time, the
/// address and the client's name.
#[utoipa::path(
    post,
    path = "/api/v1/applications/{id}/agreement",
    operation_id = "sign_agreement",
    tag = TAG,
    params(("id" = i64, Path, description = "The application")),
    request_body = SignBody,
    responses((status = 201, description = "Signed; `signature_code` names the certificate", body = Outcome))
)]
pub(crate) async fn sign(
    State(state): State<AppState>,
    session: Session,
    ClientInfo(client): ClientInfo,
    Path(id): Path<i64>,
    ApiJson(body): ApiJson<SignBody>,
) -> Result<(StatusCode, Json<Outcome>), WebError> {
    application_for(&state, &session, id, Action::ApplyForOrganization).await?;
    let input = opo_app::agreements::SignInput {
        template_id: body.template_id,
        signer_name: body.signer_name,
        signer_title: body.signer_title,
        accept: body.accept,
    };
    let evidence = opo_app::agreements::Evidence {
        ip: client.ip.clone(),
        user_agent: client.user_agent.clone(),
        auth_method: match session.credential {
            Credential::ApiToken => "API token (REST API)".to_owned(),
            Credential::Cookie => "portal session (signed in by e-mailed link or password)".to_owned(),
        },
    };
    let actor = session.audit_actor(&client);
    let code = opo_app::agreements::sign(&state.app, id, &session.user, &input, &evidence, &actor).await?;
    let application = opo_app::applications::find(&state.app, id).await?;
    Ok((
        StatusCode::CREATED,
        Json(Outcome {
            application: ApplicationSummary::new(&application, &state.app.settings, state.app.clock.now()),
            signature_code: Some(code),
            version: None,
            info_request_id: None,
            news: None,
            profile: None,
        }),
    ))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub(crate) struct VerifyQuery {
    /// A SHA-256 (hexadecimal) or a text, to check against what was signed.
    sha256: Option<String>,
}

/// A signature by its public code, as its certificate shows it; with `?sha256=`, whether a document
/// is the one signed.
#[utoipa::path(
    get,
    path = "/api/v1/signatures/{code}",
    operation_id = "verify_signature",
    tag = TAG,
    params(("code" = String, Path, description = "The signature's public code"), VerifyQuery),
    responses((status = 200, description = "The signature", body = SignatureInfo))
)]
pub(crate) async fn verify(
    State(state): State<AppState>,
    Path(code): Path<String>,
    Query(query): Query<VerifyQuery>,
) -> Result<Json<SignatureInfo>, WebError> {
    let signature = opo_app::agreements::by_code(&state.app, &code).await?;
    let matches = query.sha256.filter(|s| !s.trim().is_empty()).map(|s| opo_app::agreements::matches(&signature, &s));
    Ok(Json(SignatureInfo::new(&signature, state.app.clock.now(), matches)))
}
