# The words of e-mails, in English. Every message here exists in fr.ftl, es.ftl and pt.ftl too.

## Shared by every message

mail-hello = Hello { $name },
mail-program = { $community } Partner Organizations
mail-questions = Questions? Write to
mail-or-open = Or open this address:
mail-copy-address = Or copy this address into your browser:

## Sign-in link and invitation

signin-subject = Your sign-in link for { $community } Partner Organizations
signin-asked = Someone (we hope you) asked to sign in to { $community } Partner Organizations with this address.
signin-open = Open this link to sign in. It works once, for the next { $minutes } minutes:
signin-button = Sign in
signin-ignore = If you did not ask for it, ignore this message: nothing happens without the link.
invitation-subject = You are invited to { $community } Partner Organizations
invitation-invited = { $inviter } invited you to { $community } Partner Organizations as { $role }.
invitation-open = Open this link to sign in for the first time. It works once, for the next { $days } days:
invitation-button = Accept the invitation
invitation-later = Later you can ask for a new sign-in link at any time at
contact-invited-subject = You are a contact of { $organization }
contact-invited = { $inviter } made you a contact of { $organization } in { $community } Partner Organizations ({ $roles }). You can follow the partnership, its check-ins and its agreement in the portal.
contact-role-primary = primary contact
contact-role-mail-poc = mail point of contact
contact-role-signer = agreement signer
contact-role-communications = communications
contact-role-none = no particular role yet

## The partnership workflow

wf-open-your-application = Open your application
wf-open-the-application = Open the application
wf-open-your-account = Open your account
wf-see-certificate = See the certificate
wf-see-partner-page = See your partner page
wf-read-announcement = Read the announcement
wf-community-name = { $community } community
wf-interest-subject = Thank you for your interest in the { $community } partner program
wf-interest-thanks = Thank you for telling us that { $organization } would like to become a { $community } partner organization.
wf-interest-next = The secretariat will contact you soon to set up a short intro call about the role you would like to take. You can follow every step of your application in the portal.
wf-interest-link = The button below signs you in to your new account; it works once, within { $days } days.
wf-interest-staff-subject = New expression of interest: { $organization }
wf-interest-staff = { $contact } ({ $email }) expressed interest for { $organization }. Set up an intro call from the board.
wf-interest-known-address = This address already has an account: sign in with it to follow the application (ask for a sign-in link on the sign-in page).
wf-interest-staff-address = This address belongs to an account of the program's staff; the secretariat will contact you about the organization's own contact.
wf-interest-resembles = The program may already know your organization; the secretariat will check and tell you how your application continues.
wf-interest-staff-known-address = The address { $email } already had an account; the sender was told to sign in with it.
wf-interest-staff-resembles = { $organization } may be the same organization as { $existing }. Merge it from the application's page if it is; the sender becomes a contact only then.
wf-call-subject = Intro call on { $when }
wf-call-moved-subject = Intro call moved to { $when }
wf-call-set = We have set the intro call about { $organization }'s partnership for { $when } (UTC).
wf-call-moved = We moved the intro call about { $organization }'s partnership for { $when } (UTC).
wf-call-attached = The calendar invitation is attached; the call's details are also in the portal.
wf-invited-subject = Your invitation to apply as a { $community } partner organization
wf-invited-thanks = Thank you for the intro call. We are glad to invite your application.
wf-invited-steps = In the portal, fill in the application (a statement of support, a description of your organization, your mail point of contact, your roles and countries of work), upload your logo and sign the partner agreement. Your draft is saved each time, so you can come back to it.
wf-draft-reminder-subject = Your application for { $organization } is waiting for you
wf-draft-reminder = Your application draft has not changed for a while. It is saved: pick up where you left off whenever you are ready.
wf-signed-subject = Partner agreement signed for { $organization }
wf-signed = { $signer } signed the partner agreement for { $organization }.
wf-signed-certificate = The certificate of completion, with the fingerprint of the exact text signed, has the code { $code }; anyone can check it on the verification page.
wf-submitted-subject = We received the application of { $organization }
wf-submitted = Thank you! The secretariat checks it and passes it on to the Operational Committee.
wf-submitted-staff-subject = Application submitted: { $organization }
wf-submitted-staff = The application is complete, with its logo and signed agreement. Send it to the committee.
wf-review-subject = Please review the application of { $organization }
wf-review = The application of { $organization } is ready for the Operational Committee. Read it and vote, or declare a conflict of interest.
wf-info-subject = A question about the application of { $organization }
wf-info-intro = The Operational Committee would like to know more before it decides:
wf-info-answer-by = Please answer in the portal by { $deadline }; the review goes on as soon as you do.
wf-info-reminder-subject = Reminder: the committee's question is waiting for { $organization }
wf-info-reminder-intro = The Operational Committee's question still needs your answer:
wf-info-reminder-deadline = Without an answer by { $deadline }, the committee will decide without it.
wf-info-answered-subject = { $organization } answered the committee's question
wf-info-answered = The application is back in review.
wf-info-expired-subject = No answer from { $organization }: back in review
wf-info-expired = The committee's question was not answered by its deadline; the application is back in review.
wf-approved-subject = Welcome: { $organization } is approved as a { $community } partner
wf-approved = The Operational Committee approved your application. Congratulations!
wf-approved-next = Next, the secretariat drafts your partner page; you will review it before it is announced.
wf-declined-subject = The application of { $organization }
wf-declined = The Operational Committee has decided not to approve the application at this time.
wf-declined-again = You are welcome to apply again later; the secretariat is happy to talk it through.
wf-page-ready-subject = Please review the partner page of { $organization }
wf-page-ready = Version { $number } of your partner page is ready. See it exactly as the public will, comment, propose changes, or approve it.
wf-page-partner-subject = { $organization }: { $what }
wf-page-partner = { $organization } { $what } on its partner page.
wf-announced-subject = { $organization } is now a { $community } partner organization
wf-announced = Your partnership has been announced to the community. Welcome!
wf-withdrawn-subject = { $organization } withdrew its application
wf-withdrawn = The applicant withdrew the application.
wf-late-subject = Late: { $organization } at "{ $stage }"
wf-late = The application has been at "{ $stage }" for more than { $days } days. { $next }

## Agreement renewals

rn-reminder-subject = { $organization }: the partner agreement is due in { $days } days
rn-reminder-version = For { $organization }, version { $version } of the partner agreement is to be signed by { $date }: in { $days } days.
rn-reminder-expires = For { $organization }, the partner agreement expires on { $date }: in { $days } days.
rn-reminder-sign = Please read the current agreement and sign it again in the portal, as when { $organization } became a { $community } partner. Once signed, the partnership runs for three more years.
rn-reminder-grace = If it is not signed, a grace period of { $grace } days follows; then the partnership lapses and leaves the partner directory until the agreement is signed again.
rn-sign-again = Sign the agreement again
rn-staff-subject = Renewal in { $days } days: { $organization }
rn-staff-version = For { $organization }, version { $version } of the partner agreement is to be signed by { $date }.
rn-staff-expires = For { $organization }, the partner agreement expires on { $date }.
rn-staff-reminded-contacts = Its contacts have been reminded: { $contacts }.
rn-staff-no-poc = It has no mail point of contact to remind: please reach out.
rn-open-record = Open the organization's record
rn-lapsed-subject = The { $community } partnership of { $organization } has lapsed
rn-lapsed-unlisted = { $organization } is no longer listed among the active partners; its profile says the partnership lapsed.
rn-lapsed-restore = Signing the current agreement in the portal restores the partnership at once.
rn-renewed-subject = { $organization }: the partner agreement is signed again
rn-renewed = { $name } signed version { $version } of the partner agreement for { $organization } on { $date }. It is in force until { $until }.
rn-renewed-certificate = The certificate of the signature, with its code { $code }, is on the page below.
rn-open-certificate = Open the certificate

## Annual check-ins

ci-open-checkin = Open the check-in
ci-open-your-checkin = Open your check-in
ci-answer-questionnaire = Answer the questionnaire
ci-see-your-page = See your page
ci-questionnaire-subject = Your { $year } partnership check-in with { $community }
ci-questionnaire-year = { $organization } has been a partner organization of { $community } for another year on { $date }. Thank you!
ci-questionnaire-questions = Once a year we check in with every partner. Please answer five short questions: how the partnership went, what you plan for the coming year, changes you want on your partner page, and whether we may feature your work in an impact story or a blog post.
ci-questionnaire-conversation = A member of the secretariat or the committee will then get in touch for a short conversation.
ci-overdue-subject = Overdue check-in: { $organization }
ci-overdue = The { $year } check-in of { $organization } was due on { $date } and is still open ({ $status }; assigned to { $who }). Please follow up or assign it to someone else.
ci-assigned-subject = Check-in with { $organization } assigned to you
ci-assigned = You are to hold the { $year } check-in with { $organization } (due on { $date }). Its questionnaire answers show on the check-in's page; record the conversation and its outcome there.
ci-page-changes-subject = Page changes asked for by { $organization }
ci-page-changes = In its check-in, { $organization } asked for changes to its partner page. Version { $number } of the page is open for review: edit it, let the partner approve it, then publish it.
ci-answered-subject = { $organization } answered its check-in questionnaire
ci-answered = { $organization } answered the questionnaire of its { $year } check-in. Read the answers before your conversation.
ci-page-ready-subject = Your partner page, version { $number }, is ready for review
ci-page-ready = The secretariat made the changes you asked for in your check-in. Please look at the new version and approve it; it is published once you do.
ci-page-approved-subject = { $organization } approved version { $number } of its page
ci-page-approved = The partner approved the new version of its page. Publish it from the check-in's page.
ci-page-published-subject = Your partner page is updated
ci-page-published = Version { $number } of your partner page is now public.
