//! The certificate of completion of a signed agreement, by its public code: anyone can check that a
//! document is the one signed (its SHA-256 matches); the signer's evidence is shown only to the staff
//! and the organization's own contacts.

use super::layout::Layout;
use crate::AppState;
use crate::error::WebError;
use crate::format;
use crate::session::MaybeSession;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Html;
use opo_domain::accounts::Role;
use serde::Deserialize;

#[derive(Debug, Default, Deserialize)]
pub(crate) struct VerifyQuery {
    /// A SHA-256 in hex, or the text itself.
    #[serde(default)]
    document: String,
}

pub(crate) struct Evidence {
    pub email: String,
    pub auth_method: String,
    pub ip: String,
    pub user_agent: String,
}

#[derive(Template)]
#[template(path = "applying/certificate.html")]
struct CertificatePage {
    layout: Layout,
    code: String,
    organization: String,
    signer_name: String,
    signer_title: String,
    template_title: String,
    template_version: String,
    sha256: String,
    signed_at: String,
    expires_on: String,
    in_force: bool,
    evidence: Option<Evidence>,
    document: String,
    verdict: Option<bool>,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    visitor: MaybeSession,
    Path(code): Path<String>,
    Query(query): Query<VerifyQuery>,
) -> Result<Html<String>, WebError> {
    let signature = opo_app::agreements::by_code(&state.app, &code).await?;
    let may_see_evidence = visitor.0.as_ref().is_some_and(|s| match s.user.role {
        Role::Secretariat | Role::Admin | Role::Committee => true,
        Role::PartnerContact => s.user.organizations.contains(&signature.organization_id),
    });
    let document = query.document.trim().to_owned();
    let verdict = (!document.is_empty()).then(|| opo_app::agreements::matches(&signature, &query.document));
    let now = state.app.clock.now();
    let page = CertificatePage {
        layout: Layout::new(
            &state,
            format!("Certificate {}", signature.code),
            "",
            &format!("/agreements/{}", signature.code),
        )
        .for_visitor(&visitor),
        code: signature.code.clone(),
        organization: signature.organization_name.clone(),
        signer_name: signature.signer_name.clone(),
        signer_title: signature.signer_title.clone(),
        template_title: signature.template_title.clone(),
        template_version: signature.template_version.clone(),
        sha256: signature.text_sha256.clone(),
        signed_at: format::date_time_utc(signature.signed_at),
        expires_on: format::iso_date(signature.expires_on),
        in_force: opo_domain::agreements::is_in_force(signature.signed_at, now),
        evidence: may_see_evidence.then(|| Evidence {
            email: signature.signer_email.clone(),
            auth_method: signature.auth_method.clone(),
            ip: signature.ip.clone(),
            user_agent: signature.user_agent.clone(),
        }),
        document,
        verdict,
    };
    Ok(Html(page.render()?))
}
