//! The e-mails the program sends, each a template with a subject, a plain-text part and an HTML part,
//! put in the outbox by the use case that causes them.

use crate::{App, AppError};
use askama::Template;
use opo_store::notifications::NewEmail;

#[derive(Template)]
#[template(path = "email/sign_in_link/subject.txt", escape = "none")]
struct SignInLinkSubject<'a> {
    community: &'a str,
}

#[derive(Template)]
#[template(path = "email/sign_in_link/body.txt", escape = "none")]
struct SignInLinkText<'a> {
    name: &'a str,
    community: &'a str,
    link: &'a str,
    minutes: i64,
    secretariat: &'a str,
}

#[derive(Template)]
#[template(path = "email/sign_in_link/body.html")]
struct SignInLinkHtml<'a> {
    name: &'a str,
    community: &'a str,
    link: &'a str,
    minutes: i64,
    secretariat: &'a str,
}

#[derive(Template)]
#[template(path = "email/invitation/subject.txt", escape = "none")]
struct InvitationSubject<'a> {
    community: &'a str,
}

#[derive(Template)]
#[template(path = "email/invitation/body.txt", escape = "none")]
struct InvitationText<'a> {
    name: &'a str,
    inviter: &'a str,
    role: &'a str,
    community: &'a str,
    link: &'a str,
    days: i64,
    sign_in_url: &'a str,
    secretariat: &'a str,
}

#[derive(Template)]
#[template(path = "email/invitation/body.html")]
struct InvitationHtml<'a> {
    name: &'a str,
    inviter: &'a str,
    role: &'a str,
    community: &'a str,
    link: &'a str,
    days: i64,
    sign_in_url: &'a str,
    secretariat: &'a str,
}

fn rendered(kind: &str, to: &str, subject: String, text: String, html: String) -> NewEmail {
    NewEmail {
        kind: kind.to_owned(),
        to: to.to_owned(),
        subject: subject.trim().to_owned(),
        body_text: text,
        body_html: Some(html),
        attachment: None,
    }
}

fn template_error(err: askama::Error) -> AppError {
    AppError::Internal(format!("e-mail template: {err}"))
}

/// The address a sign-in link opens.
pub(crate) fn link_url(app: &App, token: &str) -> String {
    format!("{}/sign-in/link?token={token}", app.settings.base_url)
}

pub(crate) fn sign_in_link(app: &App, to: &str, name: &str, token: &str) -> Result<NewEmail, AppError> {
    let s = &app.settings;
    let link = link_url(app, token);
    let minutes = s.link_lifetime.whole_minutes();
    let (community, secretariat) = (s.community_name.as_str(), s.secretariat_email.as_str());
    Ok(rendered(
        "sign-in-link",
        to,
        SignInLinkSubject { community }.render().map_err(template_error)?,
        SignInLinkText { name, community, link: &link, minutes, secretariat }.render().map_err(template_error)?,
        SignInLinkHtml { name, community, link: &link, minutes, secretariat }.render().map_err(template_error)?,
    ))
}

pub(crate) fn invitation(
    app: &App,
    to: &str,
    name: &str,
    inviter: &str,
    role: &str,
    token: &str,
) -> Result<NewEmail, AppError> {
    let s = &app.settings;
    let link = link_url(app, token);
    let sign_in_url = format!("{}/sign-in", s.base_url);
    let days = s.invitation_lifetime.whole_days();
    let (community, secretariat) = (s.community_name.as_str(), s.secretariat_email.as_str());
    Ok(rendered(
        "invitation",
        to,
        InvitationSubject { community }.render().map_err(template_error)?,
        InvitationText { name, inviter, role, community, link: &link, days, sign_in_url: &sign_in_url, secretariat }
            .render()
            .map_err(template_error)?,
        InvitationHtml { name, inviter, role, community, link: &link, days, sign_in_url: &sign_in_url, secretariat }
            .render()
            .map_err(template_error)?,
    ))
}

#[derive(Template)]
#[template(path = "email/post_submitted/subject.txt", escape = "none")]
struct PostSubmittedSubject<'a> {
    organization: &'a str,
    title: &'a str,
}

#[derive(Template)]
#[template(path = "email/post_submitted/body.txt", escape = "none")]
struct PostSubmittedText<'a> {
    author: &'a str,
    organization: &'a str,
    kind: &'a str,
    title: &'a str,
    link: &'a str,
    community: &'a str,
}

#[derive(Template)]
#[template(path = "email/post_submitted/body.html")]
struct PostSubmittedHtml<'a> {
    author: &'a str,
    organization: &'a str,
    kind: &'a str,
    title: &'a str,
    link: &'a str,
    community: &'a str,
}

pub(crate) fn post_submitted(
    app: &App,
    author: &str,
    organization: &str,
    kind: &str,
    title: &str,
    post_id: i64,
) -> Result<NewEmail, AppError> {
    let s = &app.settings;
    let link = format!("{}/secretariat/posts/{post_id}", s.base_url);
    let community = s.community_name.as_str();
    Ok(rendered(
        "post-submitted",
        &s.secretariat_email,
        PostSubmittedSubject { organization, title }.render().map_err(template_error)?,
        PostSubmittedText { author, organization, kind, title, link: &link, community }
            .render()
            .map_err(template_error)?,
        PostSubmittedHtml { author, organization, kind, title, link: &link, community }
            .render()
            .map_err(template_error)?,
    ))
}

#[derive(Template)]
#[template(path = "email/notice/body.txt", escape = "none")]
struct NoticeText<'a> {
    name: &'a str,
    paragraphs: &'a [String],
    quote: Option<&'a str>,
    action: Option<(&'a str, &'a str)>,
    community: &'a str,
    secretariat: &'a str,
}

#[derive(Template)]
#[template(path = "email/notice/body.html")]
struct NoticeHtml<'a> {
    name: &'a str,
    paragraphs: &'a [String],
    quote: Option<&'a str>,
    action: Option<(&'a str, &'a str)>,
    community: &'a str,
    secretariat: &'a str,
}

/// A message of the partnership workflow: a greeting, a few paragraphs, perhaps a quoted text (a
/// question, a decision's reason) and one button. Every workflow message shares this shape, so each
/// differs only in its words, which are written in [`crate::workflow_mail`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: &'static str,
    pub to: String,
    pub name: String,
    pub subject: String,
    pub paragraphs: Vec<String>,
    pub quote: Option<String>,
    /// The button's label and the path it opens on this site.
    pub action: Option<(String, String)>,
    pub attachment: Option<opo_store::notifications::Attachment>,
}

pub(crate) fn notice(app: &App, notice: Notice) -> Result<NewEmail, AppError> {
    let s = &app.settings;
    let url = notice.action.as_ref().map(|(label, path)| (label.as_str(), format!("{}{path}", s.base_url)));
    let action = url.as_ref().map(|(label, url)| (*label, url.as_str()));
    let (community, secretariat) = (s.community_name.as_str(), s.secretariat_email.as_str());
    let (name, paragraphs, quote) = (notice.name.as_str(), notice.paragraphs.as_slice(), notice.quote.as_deref());
    // Plain text quotes the way mail programs do, line by line.
    let quoted = quote.map(|q| q.lines().map(|l| format!("  > {l}")).collect::<Vec<_>>().join("\n"));
    let mut email = rendered(
        notice.kind,
        &notice.to,
        notice.subject.clone(),
        NoticeText { name, paragraphs, quote: quoted.as_deref(), action, community, secretariat }
            .render()
            .map_err(template_error)?,
        NoticeHtml { name, paragraphs, quote, action, community, secretariat }.render().map_err(template_error)?,
    );
    email.attachment = notice.attachment;
    Ok(email)
}
