//! Signing the partner agreement: the exact text shown is fingerprinted (SHA-256) and kept with the
//! signer's identity, how they signed in, the time, the address and the browser; a public page checks
//! any signature by its code.

use crate::applications::{expect_stage, load, own, record, send};
use crate::{Actor, App, AppError, secrets, workflow_mail as mail};
use opo_domain::applications::Stage;
use opo_domain::partners::FieldError;
use opo_domain::problems::Clash;
use opo_store::accounts::User;
use opo_store::agreements::{self as store, NewSignature};
pub use opo_store::agreements::{Signature, Template};
use opo_store::{StoreError, applications as applications_store};

/// What the signer typed, and which version of the agreement they read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignInput {
    pub template_id: i64,
    pub signer_name: String,
    pub signer_title: String,
    pub accept: bool,
}

/// Where and how the signer was when signing.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Evidence {
    pub ip: String,
    pub user_agent: String,
    /// How the signer proved who they are: `session` (signed in with a link or password) or `api-token`.
    pub auth_method: String,
}

/// The agreement a signer reads now.
pub async fn current(app: &App) -> Result<Template, AppError> {
    let mut conn = app.db.read().await?;
    store::current_template(&mut conn, app.clock.now()).await?.ok_or(AppError::NotFound("agreement"))
}

/// Signs the current agreement for the application's organization.
pub async fn sign(
    app: &App,
    id: i64,
    user: &User,
    input: &SignInput,
    evidence: &Evidence,
    actor: &Actor,
) -> Result<String, AppError> {
    let mut problems = Vec::new();
    let name = opo_domain::text::line("Your full name", &input.signer_name, 200)
        .map_err(|e| problems.push(FieldError::of("signer_name", &e)))
        .ok();
    let title = opo_domain::text::line("Your title", &input.signer_title, 200)
        .map_err(|e| problems.push(FieldError::of("signer_title", &e)))
        .ok();
    if !input.accept {
        problems.push(FieldError::new("accept", "accept-agreement", "tick the box to accept the agreement"));
    }
    let (Some(name), Some(title)) = (name, title) else { return Err(AppError::Invalid(problems)) };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    own(user, &application)?;
    expect_stage(&application, &[Stage::Invited], "Signing the agreement")?;
    if application.agreement_id.is_some() {
        return Err(AppError::Conflict(Clash::new(
            "agreement-signed-already",
            "the agreement is signed already for this application",
        )));
    }
    let template = store::current_template(&mut tx, now).await?.ok_or(AppError::NotFound("agreement"))?;
    if template.id != input.template_id {
        return Err(AppError::Conflict(Clash::new(
            "agreement-new-version",
            "a new version of the agreement was published since you opened it; please read it and sign again",
        )));
    }
    let code = secrets::new_code().map_err(|e| AppError::Internal(format!("random numbers: {e}")))?;
    let signature = NewSignature {
        organization_id: application.organization_id,
        template_id: template.id,
        text_sha256: secrets::sha256_hex(template.body.as_bytes()),
        signer_name: name.clone(),
        signer_title: title,
        signer_email: user.email.clone(),
        auth_method: evidence.auth_method.clone(),
        ip: evidence.ip.clone(),
        user_agent: evidence.user_agent.chars().take(500).collect(),
        signed_at: now,
        expires_on: opo_domain::agreements::expires_on(now),
        code: code.clone(),
        application_id: Some(id),
    };
    let signature_id = store::insert_signature(&mut tx, &signature, now).await?;
    applications_store::set_agreement(&mut tx, id, signature_id, now).await?;
    let signer = opo_domain::contacts::ContactRoles::default().with(opo_domain::contacts::ContactRole::Signer);
    crate::contacts::grant(&mut tx, application.organization_id, user.id, signer, now).await?;
    record(
        &mut tx,
        &application,
        actor,
        "agreement_signed",
        &format!("{name}, version {}", template.version),
        true,
        now,
    )
    .await?;
    send(app, &mut tx, mail::agreement_signed(&application, &name, &code), now).await?;
    let about =
        (application.organization_id, application.organization_slug.as_str(), application.organization_name.as_str());
    let fields = serde_json::json!({
        "renewal": false,
        "version": template.version,
        "signed_at": crate::webhooks::timestamp(now),
        "expires_on": signature.expires_on.to_string(),
        "certificate_url": format!("{}/agreements/{code}", app.settings.base_url),
    });
    crate::webhooks::emit_for_organization(
        app,
        &mut tx,
        crate::webhooks::EventKind::AgreementSigned,
        about,
        fields,
        now,
    )
    .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(code)
}

/// A signature by its public code.
pub async fn by_code(app: &App, code: &str) -> Result<Signature, AppError> {
    let mut conn = app.db.read().await?;
    store::find_by_code(&mut conn, code.trim().to_uppercase().as_str()).await?.ok_or(AppError::NotFound("signature"))
}

pub async fn signature(app: &App, id: i64) -> Result<Option<Signature>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::find_signature(&mut conn, id).await?)
}

pub async fn template(app: &App, id: i64) -> Result<Template, AppError> {
    let mut conn = app.db.read().await?;
    store::find_template(&mut conn, id).await?.ok_or(AppError::NotFound("agreement"))
}

/// Whether a document's SHA-256 (as given, or of a text) matches what was signed.
pub fn matches(signature: &Signature, sha256_or_text: &str) -> bool {
    let given = sha256_or_text.trim();
    let hash = if given.len() == 64 && given.chars().all(|c| c.is_ascii_hexdigit()) {
        given.to_ascii_lowercase()
    } else {
        secrets::sha256_hex(sha256_or_text.as_bytes())
    };
    hash == signature.text_sha256
}
