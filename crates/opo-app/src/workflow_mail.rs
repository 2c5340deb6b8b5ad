//! The words of every message the partnership workflow sends, as message ids of `locales/*.ftl`. Each
//! function returns a [`Notice`]; the use case that causes it puts it in the outbox in its own
//! transaction, written in the recipient's language.

use crate::mail_text::{Text, t};
use crate::notifications::Notice;
use opo_store::applications::Application;

fn application_path(app: &Application) -> String {
    format!("/portal/applications/{}", app.id)
}

fn staff_path(app: &Application) -> String {
    format!("/secretariat/applications/{}", app.id)
}

fn applicant(app: &Application, kind: &'static str, subject: Text, paragraphs: Vec<Text>) -> Notice {
    Notice {
        kind,
        to: app.contact_email.clone(),
        name: app.contact_name.clone(),
        subject,
        paragraphs,
        quote: None,
        action: Some((t!("wf-open-your-application"), application_path(app))),
        attachment: None,
    }
}

fn staff(to: &str, name: &str, kind: &'static str, subject: Text, paragraphs: Vec<Text>, path: String) -> Notice {
    Notice {
        kind,
        to: to.to_owned(),
        name: name.to_owned(),
        subject,
        paragraphs,
        quote: None,
        action: Some((t!("wf-open-the-application"), path)),
        attachment: None,
    }
}

/// To the person who expressed interest: thanks, what happens next, and a first sign-in link.
pub(crate) fn interest_received(app: &Application, community: &str, link_path: String, days: i64) -> Notice {
    let org = &app.organization_name;
    Notice {
        action: Some((t!("wf-open-your-account"), link_path)),
        ..applicant(
            app,
            "interest-received",
            t!("wf-interest-subject", community = community),
            vec![
                t!("wf-interest-thanks", organization = org, community = community),
                t!("wf-interest-next"),
                t!("wf-interest-link", days = days),
            ],
        )
    }
}

/// To the secretariat: who expressed interest, and what is special about it (an address that has an
/// account already, an organization that may be one the program knows).
pub(crate) fn interest_to_secretariat(app: &Application, to: &str, known_address: bool) -> Notice {
    let mut paragraphs = vec![t!(
        "wf-interest-staff",
        contact = &app.contact_name,
        email = &app.contact_email,
        organization = &app.organization_name
    )];
    if known_address {
        paragraphs.push(t!("wf-interest-staff-known-address", email = &app.contact_email));
    }
    if let Some((_, name)) = &app.resembles {
        paragraphs.push(t!("wf-interest-staff-resembles", organization = &app.organization_name, existing = name));
    }
    let mut notice = staff(
        to,
        "secretariat",
        "interest-new",
        t!("wf-interest-staff-subject", organization = &app.organization_name),
        paragraphs,
        staff_path(app),
    );
    notice.quote = Some(app.interest_message.clone()).filter(|m| !m.is_empty());
    notice
}

pub(crate) fn call_scheduled(app: &Application, when: &str, moved: bool, ics: String) -> Notice {
    let org = &app.organization_name;
    let mut notice = applicant(
        app,
        "intro-call",
        if moved { t!("wf-call-moved-subject", when = when) } else { t!("wf-call-subject", when = when) },
        vec![
            if moved {
                t!("wf-call-moved", organization = org, when = when)
            } else {
                t!("wf-call-set", organization = org, when = when)
            },
            t!("wf-call-attached"),
        ],
    );
    notice.attachment = Some(opo_store::notifications::Attachment {
        name: "intro-call.ics".to_owned(),
        content_type: "text/calendar; method=REQUEST; charset=utf-8".to_owned(),
        body: ics,
    });
    notice
}

pub(crate) fn invited(app: &Application, community: &str) -> Notice {
    applicant(
        app,
        "application-invited",
        t!("wf-invited-subject", community = community),
        vec![t!("wf-invited-thanks"), t!("wf-invited-steps")],
    )
}

pub(crate) fn draft_reminder(app: &Application) -> Notice {
    applicant(
        app,
        "application-reminder",
        t!("wf-draft-reminder-subject", organization = &app.organization_name),
        vec![t!("wf-draft-reminder")],
    )
}

pub(crate) fn agreement_signed(app: &Application, signer: &str, code: &str) -> Notice {
    let org = &app.organization_name;
    Notice {
        action: Some((t!("wf-see-certificate"), format!("/agreements/{code}"))),
        ..applicant(
            app,
            "agreement-signed",
            t!("wf-signed-subject", organization = org),
            vec![t!("wf-signed", signer = signer, organization = org), t!("wf-signed-certificate", code = code)],
        )
    }
}

pub(crate) fn submitted(app: &Application) -> Notice {
    applicant(
        app,
        "application-submitted",
        t!("wf-submitted-subject", organization = &app.organization_name),
        vec![t!("wf-submitted")],
    )
}

pub(crate) fn submitted_to_secretariat(app: &Application, to: &str) -> Notice {
    staff(
        to,
        "secretariat",
        "application-submitted-staff",
        t!("wf-submitted-staff-subject", organization = &app.organization_name),
        vec![t!("wf-submitted-staff")],
        staff_path(app),
    )
}

pub(crate) fn review_requested(app: &Application, to: &str, name: &str) -> Notice {
    staff(
        to,
        name,
        "review-requested",
        t!("wf-review-subject", organization = &app.organization_name),
        vec![t!("wf-review", organization = &app.organization_name)],
        format!("/committee/applications/{}", app.id),
    )
}

pub(crate) fn info_requested(app: &Application, question: &str, deadline: &str) -> Notice {
    let mut notice = applicant(
        app,
        "info-requested",
        t!("wf-info-subject", organization = &app.organization_name),
        vec![t!("wf-info-intro"), t!("wf-info-answer-by", deadline = deadline)],
    );
    notice.quote = Some(question.to_owned());
    notice
}

pub(crate) fn info_reminder(app: &Application, question: &str, deadline: &str) -> Notice {
    let mut notice = applicant(
        app,
        "info-reminder",
        t!("wf-info-reminder-subject", organization = &app.organization_name),
        vec![t!("wf-info-reminder-intro"), t!("wf-info-reminder-deadline", deadline = deadline)],
    );
    notice.quote = Some(question.to_owned());
    notice
}

pub(crate) fn info_answered(app: &Application, to: &str, name: &str, answer: &str) -> Notice {
    let mut notice = staff(
        to,
        name,
        "info-answered",
        t!("wf-info-answered-subject", organization = &app.organization_name),
        vec![t!("wf-info-answered")],
        format!("/committee/applications/{}", app.id),
    );
    notice.quote = Some(answer.to_owned());
    notice
}

pub(crate) fn info_expired(app: &Application, to: &str) -> Notice {
    staff(
        to,
        "secretariat",
        "info-expired",
        t!("wf-info-expired-subject", organization = &app.organization_name),
        vec![t!("wf-info-expired")],
        staff_path(app),
    )
}

pub(crate) fn decided(app: &Application, approved: bool, reason: &str, community: &str) -> Notice {
    let org = &app.organization_name;
    let mut notice = if approved {
        applicant(
            app,
            "application-approved",
            t!("wf-approved-subject", organization = org, community = community),
            vec![t!("wf-approved"), t!("wf-approved-next")],
        )
    } else {
        applicant(
            app,
            "application-declined",
            t!("wf-declined-subject", organization = org),
            vec![t!("wf-declined"), t!("wf-declined-again")],
        )
    };
    notice.quote = Some(reason.to_owned()).filter(|r| !r.is_empty());
    notice
}

pub(crate) fn page_ready(app: &Application, number: i64) -> Notice {
    applicant(
        app,
        "page-review",
        t!("wf-page-ready-subject", organization = &app.organization_name),
        vec![t!("wf-page-ready", number = number)],
    )
}

/// `what` says what the partner did; this goes to the secretariat's shared address, in English.
pub(crate) fn page_changed_by_partner(app: &Application, to: &str, what: &str) -> Notice {
    let org = &app.organization_name;
    staff(
        to,
        "secretariat",
        "page-partner-change",
        t!("wf-page-partner-subject", organization = org, what = what),
        vec![t!("wf-page-partner", organization = org, what = what)],
        staff_path(app),
    )
}

pub(crate) fn announced(app: &Application, community: &str, profile_path: String) -> Notice {
    Notice {
        action: Some((t!("wf-see-partner-page"), profile_path)),
        ..applicant(
            app,
            "partnership-announced",
            t!("wf-announced-subject", organization = &app.organization_name, community = community),
            vec![t!("wf-announced")],
        )
    }
}

pub(crate) fn announcement_to_list(to: &str, community: &str, title: &str, summary: &str, path: String) -> Notice {
    Notice {
        kind: "announcement",
        to: to.to_owned(),
        name: crate::mail_text::text("en", "wf-community-name", &[("community", community.into())]),
        subject: Text::Plain(title.to_owned()),
        paragraphs: vec![Text::Plain(summary.to_owned())],
        quote: None,
        action: Some((t!("wf-read-announcement"), path)),
        attachment: None,
    }
}

pub(crate) fn withdrawn(app: &Application, to: &str) -> Notice {
    staff(
        to,
        "secretariat",
        "application-withdrawn",
        t!("wf-withdrawn-subject", organization = &app.organization_name),
        vec![t!("wf-withdrawn")],
        staff_path(app),
    )
}

pub(crate) fn late(app: &Application, to: &str, days: i64) -> Notice {
    staff(
        to,
        "secretariat",
        "application-late",
        t!("wf-late-subject", organization = &app.organization_name, stage = app.stage.label()),
        vec![t!("wf-late", stage = app.stage.label(), days = days, next = app.stage.next_step())],
        staff_path(app),
    )
}
