//! Sending the outbox's messages: over SMTP, or, where no SMTP server is configured (the embedded
//! default), by writing each message as an `.eml` file that the admin outbox page points to.

use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use opo_store::notifications::Email;
use std::path::PathBuf;
use std::time::Duration;

#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("bad address: {0}")]
    Address(String),
    #[error("building the message: {0}")]
    Build(String),
    #[error("SMTP: {0}")]
    Smtp(String),
    #[error("writing the message file: {0}")]
    File(#[from] std::io::Error),
}

/// How to secure the connection to the SMTP server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmtpSecurity {
    None,
    StartTls,
    Tls,
}

#[derive(Clone)]
pub struct SmtpSettings {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    pub security: SmtpSecurity,
}

/// Where messages go.
#[derive(Clone)]
pub enum Mailer {
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
    Files { dir: PathBuf, from: Mailbox },
}

impl std::fmt::Debug for Mailer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Smtp { from, .. } => write!(f, "Mailer::Smtp(from {from})"),
            Self::Files { dir, .. } => write!(f, "Mailer::Files({})", dir.display()),
        }
    }
}

fn mailbox(address: &str) -> Result<Mailbox, MailError> {
    address.parse().map_err(|e| MailError::Address(format!("{address}: {e}")))
}

impl Mailer {
    pub fn smtp(settings: &SmtpSettings, from: &str) -> Result<Self, MailError> {
        let builder = match settings.security {
            SmtpSecurity::None => AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(&settings.host),
            SmtpSecurity::StartTls => AsyncSmtpTransport::<Tokio1Executor>::starttls_relay(&settings.host)
                .map_err(|e| MailError::Smtp(e.to_string()))?,
            SmtpSecurity::Tls => AsyncSmtpTransport::<Tokio1Executor>::relay(&settings.host)
                .map_err(|e| MailError::Smtp(e.to_string()))?,
        };
        let mut builder = builder.port(settings.port).timeout(Some(Duration::from_secs(20)));
        if let (Some(user), Some(password)) = (&settings.username, &settings.password) {
            builder = builder.credentials(Credentials::new(user.clone(), password.clone()));
        }
        Ok(Self::Smtp { transport: builder.build(), from: mailbox(from)? })
    }

    pub fn files(dir: PathBuf, from: &str) -> Result<Self, MailError> {
        Ok(Self::Files { dir, from: mailbox(from)? })
    }

    fn message(from: &Mailbox, email: &Email) -> Result<Message, MailError> {
        let builder = Message::builder().from(from.clone()).to(mailbox(&email.to)?).subject(&email.subject);
        let text = SinglePart::builder().header(ContentType::TEXT_PLAIN).body(email.body_text.clone());
        let body = match &email.body_html {
            Some(html) => MultiPart::alternative()
                .singlepart(text)
                .singlepart(SinglePart::builder().header(ContentType::TEXT_HTML).body(html.clone())),
            None => MultiPart::alternative().singlepart(text),
        };
        let built = match &email.attachment {
            Some(file) => {
                let content_type = ContentType::parse(&file.content_type)
                    .map_err(|e| MailError::Build(format!("attachment type {}: {e}", file.content_type)))?;
                builder.multipart(
                    MultiPart::mixed()
                        .multipart(body)
                        .singlepart(Attachment::new(file.name.clone()).body(file.body.clone(), content_type)),
                )
            }
            None => builder.multipart(body),
        };
        built.map_err(|e| MailError::Build(e.to_string()))
    }

    /// Delivers one message; for the file mailer, returns the file written.
    pub async fn deliver(&self, email: &Email) -> Result<Option<String>, MailError> {
        match self {
            Self::Smtp { transport, from } => {
                let message = Self::message(from, email)?;
                transport.send(message).await.map_err(|e| MailError::Smtp(e.to_string()))?;
                Ok(None)
            }
            Self::Files { dir, from } => {
                let message = Self::message(from, email)?;
                tokio::fs::create_dir_all(dir).await?;
                let kind: String = email.kind.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
                let path = dir.join(format!("{:06}-{kind}.eml", email.id));
                tokio::fs::write(&path, message.formatted()).await?;
                Ok(Some(path.display().to_string()))
            }
        }
    }
}
