//! The e-mails the program sends, each a template with a subject, a plain-text part and an HTML part,
//! put in the outbox by the use case that causes them.

use crate::mail_text::{self, Text};
use crate::{App, AppError};
use askama::Template;
use opo_store::Tx;
use opo_store::accounts::User;
use opo_store::notifications::NewEmail;

/// The words of a message with a one-time link, already in the recipient's language.
struct LinkWords {
    lang: &'static str,
    hello: String,
    first: String,
    second: String,
    button: String,
    copy: String,
    after: String,
    program: String,
}

#[derive(Template)]
#[template(path = "email/sign_in_link/body.txt", escape = "none")]
struct SignInLinkText<'a> {
    w: &'a LinkWords,
    link: &'a str,
    secretariat: &'a str,
}

#[derive(Template)]
#[template(path = "email/sign_in_link/body.html")]
struct SignInLinkHtml<'a> {
    w: &'a LinkWords,
    link: &'a str,
    secretariat: &'a str,
}

#[derive(Template)]
#[template(path = "email/invitation/body.txt", escape = "none")]
struct InvitationText<'a> {
    w: &'a LinkWords,
    link: &'a str,
    sign_in_url: &'a str,
    secretariat: &'a str,
}

#[derive(Template)]
#[template(path = "email/invitation/body.html")]
struct InvitationHtml<'a> {
    w: &'a LinkWords,
    link: &'a str,
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

/// A sign-in link, in the account's language.
pub(crate) fn sign_in_link(app: &App, user: &User, token: &str, next: Option<&str>) -> Result<NewEmail, AppError> {
    let s = &app.settings;
    let locale = mail_text::supported(&user.locale);
    let mut link = link_url(app, token);
    if let Some(next) = next {
        link.push_str("&next=");
        link.extend(form_urlencoded::byte_serialize(next.as_bytes()));
    }
    let community = || ("community", mail_text::Arg::from(s.community_name.as_str()));
    let minutes = s.link_lifetime.whole_minutes();
    let w = LinkWords {
        lang: locale,
        hello: mail_text::text(locale, "mail-hello", &[("name", user.display_name.as_str().into())]),
        first: mail_text::text(locale, "signin-asked", &[community()]),
        second: mail_text::text(locale, "signin-open", &[("minutes", minutes.into())]),
        button: mail_text::text(locale, "signin-button", &[]),
        copy: mail_text::text(locale, "mail-copy-address", &[]),
        after: mail_text::text(locale, "signin-ignore", &[]),
        program: mail_text::text(locale, "mail-program", &[community()]),
    };
    let secretariat = s.secretariat_email.as_str();
    Ok(rendered(
        "sign-in-link",
        &user.email,
        mail_text::text(locale, "signin-subject", &[community()]),
        SignInLinkText { w: &w, link: &link, secretariat }.render().map_err(template_error)?,
        SignInLinkHtml { w: &w, link: &link, secretariat }.render().map_err(template_error)?,
    ))
}

/// An invitation to a new account, in `locale` (a new account has not chosen a language yet, so
/// English unless told otherwise).
pub(crate) fn invitation(
    app: &App,
    locale: &str,
    to: &str,
    name: &str,
    inviter: &str,
    role: &str,
    token: &str,
) -> Result<NewEmail, AppError> {
    let locale = mail_text::supported(locale);
    let community = app.settings.community_name.as_str();
    let first = mail_text::text(
        locale,
        "invitation-invited",
        &[("inviter", inviter.into()), ("community", community.into()), ("role", role.into())],
    );
    let subject = mail_text::text(locale, "invitation-subject", &[("community", community.into())]);
    invitation_mail(app, locale, to, name, first, subject, &link_url(app, token))
}

/// The message that tells a person they were made a contact of an organization, with a link that signs
/// them in and opens the organization's record (`link` is a path on this site).
pub(crate) fn contact_invitation(
    app: &App,
    user: &User,
    organization: &str,
    inviter: &str,
    roles: &opo_domain::contacts::ContactRoles,
    link: &str,
) -> Result<NewEmail, AppError> {
    let locale = mail_text::supported(&user.locale);
    let community = app.settings.community_name.as_str();
    let labels: Vec<String> =
        roles.list().into_iter().map(|r| mail_text::text(locale, &format!("contact-role-{}", r.key()), &[])).collect();
    let roles = if labels.is_empty() { mail_text::text(locale, "contact-role-none", &[]) } else { labels.join(", ") };
    let first = mail_text::text(
        locale,
        "contact-invited",
        &[
            ("inviter", inviter.into()),
            ("organization", organization.into()),
            ("community", community.into()),
            ("roles", roles.as_str().into()),
        ],
    );
    let subject = mail_text::text(locale, "contact-invited-subject", &[("organization", organization.into())]);
    let url = format!("{}{link}", app.settings.base_url);
    invitation_mail(app, locale, &user.email, &user.display_name, first, subject, &url)
}

fn invitation_mail(
    app: &App,
    locale: &'static str,
    to: &str,
    name: &str,
    first: String,
    subject: String,
    link: &str,
) -> Result<NewEmail, AppError> {
    let s = &app.settings;
    let sign_in_url = format!("{}/sign-in", s.base_url);
    let community = || ("community", mail_text::Arg::from(s.community_name.as_str()));
    let days = s.invitation_lifetime.whole_days();
    let w = LinkWords {
        lang: locale,
        hello: mail_text::text(locale, "mail-hello", &[("name", name.into())]),
        first,
        second: mail_text::text(locale, "invitation-open", &[("days", days.into())]),
        button: mail_text::text(locale, "invitation-button", &[]),
        copy: mail_text::text(locale, "mail-copy-address", &[]),
        after: mail_text::text(locale, "invitation-later", &[]),
        program: mail_text::text(locale, "mail-program", &[community()]),
    };
    let secretariat = s.secretariat_email.as_str();
    Ok(rendered(
        "invitation",
        to,
        subject,
        InvitationText { w: &w, link, sign_in_url: &sign_in_url, secretariat }.render().map_err(template_error)?,
        InvitationHtml { w: &w, link, sign_in_url: &sign_in_url, secretariat }.render().map_err(template_error)?,
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
    hello: &'a str,
    paragraphs: &'a [String],
    quote: Option<&'a str>,
    action: Option<(&'a str, &'a str)>,
    program: &'a str,
    questions: &'a str,
    secretariat: &'a str,
}

#[derive(Template)]
#[template(path = "email/notice/body.html")]
struct NoticeHtml<'a> {
    lang: &'a str,
    hello: &'a str,
    paragraphs: &'a [String],
    quote: Option<&'a str>,
    action: Option<(&'a str, &'a str)>,
    or_open: &'a str,
    program: &'a str,
    questions: &'a str,
    secretariat: &'a str,
}

/// A message of the partnership workflow: a greeting, a few paragraphs, perhaps a quoted text (a
/// question, a decision's reason) and one button. Every workflow message shares this shape, so each
/// differs only in its words, which are written in [`crate::workflow_mail`] as message ids, put in the
/// recipient's language when the message goes into the outbox.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub kind: &'static str,
    pub to: String,
    pub name: String,
    pub subject: Text,
    pub paragraphs: Vec<Text>,
    pub quote: Option<String>,
    /// The button's label and the path it opens on this site.
    pub action: Option<(Text, String)>,
    pub attachment: Option<opo_store::notifications::Attachment>,
}

/// The language of mail to `to`: English for the secretariat's shared address and the announcement
/// list, else the language of the account with that address, else English.
pub(crate) async fn locale_for(app: &App, tx: &mut Tx, to: &str) -> Result<&'static str, AppError> {
    let s = &app.settings;
    let shared = [s.secretariat_email.as_str(), s.announcement_email.as_str()];
    if to.trim().is_empty() || shared.into_iter().any(|a| !a.is_empty() && a.eq_ignore_ascii_case(to.trim())) {
        return Ok("en");
    }
    let user = opo_store::accounts::find_by_address(tx, to).await?;
    Ok(user.map_or("en", |u| mail_text::supported(&u.locale)))
}

/// The notice written in its recipient's language, ready for the outbox.
pub(crate) async fn notice_for(app: &App, tx: &mut Tx, notice: Notice) -> Result<NewEmail, AppError> {
    let locale = locale_for(app, tx, &notice.to).await?;
    notice_in(app, notice, locale)
}

pub(crate) fn notice_in(app: &App, notice: Notice, locale: &str) -> Result<NewEmail, AppError> {
    let s = &app.settings;
    let (community, secretariat) = (s.community_name.as_str(), s.secretariat_email.as_str());
    let label = notice.action.as_ref().map(|(label, path)| (label.render(locale), format!("{}{path}", s.base_url)));
    let action = label.as_ref().map(|(label, url)| (label.as_str(), url.as_str()));
    let paragraphs: Vec<String> = notice.paragraphs.iter().map(|p| p.render(locale)).collect();
    let hello = mail_text::text(locale, "mail-hello", &[("name", notice.name.as_str().into())]);
    let program = mail_text::text(locale, "mail-program", &[("community", community.into())]);
    let questions = mail_text::text(locale, "mail-questions", &[]);
    let or_open = mail_text::text(locale, "mail-or-open", &[]);
    let quote = notice.quote.as_deref();
    // Plain text quotes the way mail programs do, line by line.
    let quoted = quote.map(|q| q.lines().map(|l| format!("  > {l}")).collect::<Vec<_>>().join("\n"));
    let (hello, program, questions) = (hello.as_str(), program.as_str(), questions.as_str());
    let mut email = rendered(
        notice.kind,
        &notice.to,
        notice.subject.render(locale),
        NoticeText {
            hello,
            paragraphs: &paragraphs,
            quote: quoted.as_deref(),
            action,
            program,
            questions,
            secretariat,
        }
        .render()
        .map_err(template_error)?,
        NoticeHtml {
            lang: locale,
            hello,
            paragraphs: &paragraphs,
            quote,
            action,
            or_open: &or_open,
            program,
            questions,
            secretariat,
        }
        .render()
        .map_err(template_error)?,
    );
    email.attachment = notice.attachment;
    Ok(email)
}
