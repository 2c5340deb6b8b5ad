//! The words of every message the partnership workflow sends. Each function returns a [`Notice`]; the
//! use case that causes it puts it in the outbox in its own transaction.

use crate::notifications::Notice;
use opo_store::applications::Application;

fn application_path(app: &Application) -> String {
    format!("/portal/applications/{}", app.id)
}

fn staff_path(app: &Application) -> String {
    format!("/secretariat/applications/{}", app.id)
}

fn applicant(app: &Application, kind: &'static str, subject: String, paragraphs: Vec<String>) -> Notice {
    Notice {
        kind,
        to: app.contact_email.clone(),
        name: app.contact_name.clone(),
        subject,
        paragraphs,
        quote: None,
        action: Some(("Open your application".to_owned(), application_path(app))),
        attachment: None,
    }
}

fn staff(to: &str, name: &str, kind: &'static str, subject: String, paragraphs: Vec<String>, path: String) -> Notice {
    Notice {
        kind,
        to: to.to_owned(),
        name: name.to_owned(),
        subject,
        paragraphs,
        quote: None,
        action: Some(("Open the application".to_owned(), path)),
        attachment: None,
    }
}

/// To the person who expressed interest: thanks, what happens next, and a first sign-in link.
pub(crate) fn interest_received(app: &Application, community: &str, link_path: String, days: i64) -> Notice {
    Notice {
        action: Some(("Open your account".to_owned(), link_path)),
        ..applicant(
            app,
            "interest-received",
            format!("Thank you for your interest in the {community} partner program"),
            vec![
                format!(
                    "Thank you for telling us that {} would like to become a {community} partner organization.",
                    app.organization_name
                ),
                "The secretariat will contact you soon to set up a short intro call about the role you would like \
                 to take. You can follow every step of your application in the portal."
                    .to_owned(),
                format!("The button below signs you in to your new account; it works once, within {days} days."),
            ],
        )
    }
}

pub(crate) fn interest_to_secretariat(app: &Application, to: &str) -> Notice {
    let mut notice = staff(
        to,
        "secretariat",
        "interest-new",
        format!("New expression of interest: {}", app.organization_name),
        vec![format!(
            "{} ({}) expressed interest for {}. Set up an intro call from the board.",
            app.contact_name, app.contact_email, app.organization_name
        )],
        staff_path(app),
    );
    notice.quote = Some(app.interest_message.clone()).filter(|m| !m.is_empty());
    notice
}

pub(crate) fn call_scheduled(app: &Application, when: &str, moved: bool, ics: String) -> Notice {
    let mut notice = applicant(
        app,
        "intro-call",
        if moved { format!("Intro call moved to {when}") } else { format!("Intro call on {when}") },
        vec![
            format!(
                "{} the intro call about {}'s partnership for {when} (UTC).",
                if moved { "We moved" } else { "We have set" },
                app.organization_name
            ),
            "The calendar invitation is attached; the call's details are also in the portal.".to_owned(),
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
        format!("Your invitation to apply as a {community} partner organization"),
        vec![
            "Thank you for the intro call. We are glad to invite your application.".to_owned(),
            "In the portal, fill in the application (a statement of support, a description of your \
             organization, your mail point of contact, your roles and countries of work), upload your logo \
             and sign the partner agreement. Your draft is saved each time, so you can come back to it."
                .to_owned(),
        ],
    )
}

pub(crate) fn draft_reminder(app: &Application) -> Notice {
    applicant(
        app,
        "application-reminder",
        format!("Your application for {} is waiting for you", app.organization_name),
        vec![
            "Your application draft has not changed for a while. It is saved: pick up where you left off \
             whenever you are ready."
                .to_owned(),
        ],
    )
}

pub(crate) fn agreement_signed(app: &Application, signer: &str, code: &str) -> Notice {
    Notice {
        action: Some(("See the certificate".to_owned(), format!("/agreements/{code}"))),
        ..applicant(
            app,
            "agreement-signed",
            format!("Partner agreement signed for {}", app.organization_name),
            vec![
                format!("{signer} signed the partner agreement for {}.", app.organization_name),
                format!(
                    "The certificate of completion, with the fingerprint of the exact text signed, has the code \
                     {code}; anyone can check it on the verification page."
                ),
            ],
        )
    }
}

pub(crate) fn submitted(app: &Application) -> Notice {
    applicant(
        app,
        "application-submitted",
        format!("We received the application of {}", app.organization_name),
        vec!["Thank you! The secretariat checks it and passes it on to the Operational Committee.".to_owned()],
    )
}

pub(crate) fn submitted_to_secretariat(app: &Application, to: &str) -> Notice {
    staff(
        to,
        "secretariat",
        "application-submitted-staff",
        format!("Application submitted: {}", app.organization_name),
        vec!["The application is complete, with its logo and signed agreement. Send it to the committee.".to_owned()],
        staff_path(app),
    )
}

pub(crate) fn review_requested(app: &Application, to: &str, name: &str) -> Notice {
    staff(
        to,
        name,
        "review-requested",
        format!("Please review the application of {}", app.organization_name),
        vec![format!(
            "The application of {} is ready for the Operational Committee. Read it and vote, or declare a \
             conflict of interest.",
            app.organization_name
        )],
        format!("/committee/applications/{}", app.id),
    )
}

pub(crate) fn info_requested(app: &Application, question: &str, deadline: &str) -> Notice {
    let mut notice = applicant(
        app,
        "info-requested",
        format!("A question about the application of {}", app.organization_name),
        vec![
            "The Operational Committee would like to know more before it decides:".to_owned(),
            format!("Please answer in the portal by {deadline}; the review goes on as soon as you do."),
        ],
    );
    notice.quote = Some(question.to_owned());
    notice
}

pub(crate) fn info_reminder(app: &Application, question: &str, deadline: &str) -> Notice {
    let mut notice = applicant(
        app,
        "info-reminder",
        format!("Reminder: the committee's question is waiting for {}", app.organization_name),
        vec![
            "The Operational Committee's question still needs your answer:".to_owned(),
            format!("Without an answer by {deadline}, the committee will decide without it."),
        ],
    );
    notice.quote = Some(question.to_owned());
    notice
}

pub(crate) fn info_answered(app: &Application, to: &str, name: &str, answer: &str) -> Notice {
    let mut notice = staff(
        to,
        name,
        "info-answered",
        format!("{} answered the committee's question", app.organization_name),
        vec!["The application is back in review.".to_owned()],
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
        format!("No answer from {}: back in review", app.organization_name),
        vec![
            "The committee's question was not answered by its deadline; the application is back in review.".to_owned(),
        ],
        staff_path(app),
    )
}

pub(crate) fn decided(app: &Application, approved: bool, reason: &str, community: &str) -> Notice {
    let mut notice = if approved {
        applicant(
            app,
            "application-approved",
            format!("Welcome: {} is approved as a {community} partner", app.organization_name),
            vec![
                "The Operational Committee approved your application. Congratulations!".to_owned(),
                "Next, the secretariat drafts your partner page; you will review it before it is announced.".to_owned(),
            ],
        )
    } else {
        applicant(
            app,
            "application-declined",
            format!("The application of {}", app.organization_name),
            vec![
                "The Operational Committee has decided not to approve the application at this time.".to_owned(),
                "You are welcome to apply again later; the secretariat is happy to talk it through.".to_owned(),
            ],
        )
    };
    notice.quote = Some(reason.to_owned()).filter(|r| !r.is_empty());
    notice
}

pub(crate) fn page_ready(app: &Application, number: i64) -> Notice {
    applicant(
        app,
        "page-review",
        format!("Please review the partner page of {}", app.organization_name),
        vec![format!(
            "Version {number} of your partner page is ready. See it exactly as the public will, comment, propose \
             changes, or approve it."
        )],
    )
}

pub(crate) fn page_changed_by_partner(app: &Application, to: &str, what: &str) -> Notice {
    staff(
        to,
        "secretariat",
        "page-partner-change",
        format!("{}: {what}", app.organization_name),
        vec![format!("{} {what} on its partner page.", app.organization_name)],
        staff_path(app),
    )
}

pub(crate) fn announced(app: &Application, community: &str, profile_path: String) -> Notice {
    Notice {
        action: Some(("See your partner page".to_owned(), profile_path)),
        ..applicant(
            app,
            "partnership-announced",
            format!("{} is now a {community} partner organization", app.organization_name),
            vec!["Your partnership has been announced to the community. Welcome!".to_owned()],
        )
    }
}

pub(crate) fn announcement_to_list(to: &str, community: &str, title: &str, summary: &str, path: String) -> Notice {
    Notice {
        kind: "announcement",
        to: to.to_owned(),
        name: format!("{community} community"),
        subject: title.to_owned(),
        paragraphs: vec![summary.to_owned()],
        quote: None,
        action: Some(("Read the announcement".to_owned(), path)),
        attachment: None,
    }
}

pub(crate) fn withdrawn(app: &Application, to: &str) -> Notice {
    staff(
        to,
        "secretariat",
        "application-withdrawn",
        format!("{} withdrew its application", app.organization_name),
        vec!["The applicant withdrew the application.".to_owned()],
        staff_path(app),
    )
}

pub(crate) fn late(app: &Application, to: &str, days: i64) -> Notice {
    staff(
        to,
        "secretariat",
        "application-late",
        format!("Late: {} at \"{}\"", app.organization_name, app.stage.label()),
        vec![format!(
            "The application has been at \"{}\" for more than {days} days. {}",
            app.stage.label(),
            app.stage.next_step()
        )],
        staff_path(app),
    )
}
