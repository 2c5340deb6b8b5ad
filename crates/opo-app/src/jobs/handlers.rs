//! What each kind of job does. A handler runs inside the transaction that marks its job done, so its
//! writes (an e-mail in the outbox, a status change) happen exactly when the job completes.

use crate::{App, AppError};
use opo_store::Tx;
use opo_store::jobs::Job;
use opo_store::notifications::{Attachment, NewEmail};
use serde::{Deserialize, Serialize};

/// Puts a prepared e-mail in the outbox.
pub(crate) const EMAIL: &str = "email";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub(crate) struct EmailPayload {
    kind: String,
    to: String,
    subject: String,
    body_text: String,
    body_html: Option<String>,
    attachment: Option<(String, String, String)>,
}

impl From<&NewEmail> for EmailPayload {
    fn from(email: &NewEmail) -> Self {
        Self {
            kind: email.kind.clone(),
            to: email.to.clone(),
            subject: email.subject.clone(),
            body_text: email.body_text.clone(),
            body_html: email.body_html.clone(),
            attachment: email.attachment.as_ref().map(|a| (a.name.clone(), a.content_type.clone(), a.body.clone())),
        }
    }
}

impl From<EmailPayload> for NewEmail {
    fn from(p: EmailPayload) -> Self {
        Self {
            kind: p.kind,
            to: p.to,
            subject: p.subject,
            body_text: p.body_text,
            body_html: p.body_html,
            attachment: p.attachment.map(|(name, content_type, body)| Attachment { name, content_type, body }),
        }
    }
}

/// Sends a webhook delivery (see `crate::webhooks`).
pub(crate) const WEBHOOK: &str = "webhook";

/// The part of a job that talks to another service, run before the job's transaction opens; its
/// failure fails the job like any other.
pub(crate) async fn before(app: &App, job: &Job) -> Result<(), AppError> {
    match job.kind.as_str() {
        WEBHOOK => crate::webhooks::deliver(app, payload::<crate::webhooks::DeliveryJob>(job)?.delivery_id).await,
        _ => Ok(()),
    }
}

fn payload<T: for<'de> Deserialize<'de>>(job: &Job) -> Result<T, AppError> {
    serde_json::from_str(&job.payload).map_err(|e| AppError::Internal(format!("job {} payload: {e}", job.id)))
}

/// Runs one job.
pub(crate) async fn handle(app: &App, tx: &mut Tx, job: &Job) -> Result<(), AppError> {
    let now = app.clock.now();
    match job.kind.as_str() {
        EMAIL => {
            let email: NewEmail = payload::<EmailPayload>(job)?.into();
            opo_store::notifications::enqueue(tx, &email, now).await?;
            Ok(())
        }
        // Sent by `before`; nothing is left to do in the transaction but mark the job done.
        WEBHOOK => Ok(()),
        other => Err(AppError::Internal(format!("no handler for jobs of kind {other:?}"))),
    }
}
