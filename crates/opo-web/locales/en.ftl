# OPO Portal, English. Every other language file has the same message ids (a test checks it).
# Variables: $community is the community's name (OpenHIE), $count a number.

## The frame of every page
site-name = { $community } Partner Organizations
skip-to-content = Skip to content
nav-main = Main
nav-partners = Partners
nav-map = Map
nav-news = News
nav-statistics = Statistics
nav-become = Become a partner
nav-my-home = My home
nav-your-account = Your account
nav-sign-in = Sign in
nav-sign-out = Sign out
footer-questions = Questions? Write to the secretariat at
footer-directory = Partner directory
footer-open-data = Open data
language-label = Language
language-button = Change

## Counts
count-partners = { $count ->
    [one] 1 partner organization
   *[other] { $count } partner organizations
}
count-countries = { $count ->
    [one] 1 country
   *[other] { $count } countries
}
count-years = { $count ->
    [one] 1 year
   *[other] { $count } years
}

## Landing page
landing-title = { $community } Partner Organizations
landing-description = Organizations that help the { $community } community strengthen health information systems: who they are, what they do, and how to become a partner.
landing-eyebrow = { $community } Partner Organization program
landing-heading = Organizations working together for better health information systems
landing-lead = Partner organizations invest their time in the { $community } community: they develop standards, support implementations, build software and strengthen capacity, in solidarity with the countries they serve. In return the community connects them with collaborators, knowledge and a platform for their work.
landing-explore = Explore the partners
landing-stats = The program in numbers
landing-stat-partners = Partners
landing-stat-countries = Countries of work
landing-our-partners = Our partners
landing-see-all = See all { $count } partner organizations →
landing-no-partners = No partners are listed yet.
landing-news = Latest news and stories
landing-no-news = No news yet.
landing-webinars = Upcoming webinars
landing-no-webinars = No webinars are scheduled right now.
landing-why = Why partner with { $community }?
landing-why-collaborators = Find collaborators
landing-why-collaborators-text = Meet organizations and country teams who share your goals, and team up on implementations.
landing-why-direction = Shape the direction
landing-why-direction-text = Help iterate the community's strategic plan and address issues in the architecture.
landing-why-showcase = Show your work
landing-why-showcase-text = Be listed with a profile of your capabilities, and feature your work in blogs, impact stories and webinars.
landing-why-learn = Learn and support
landing-why-learn-text = Learn about emerging country initiatives and support them through the community.
landing-how = How to become a partner
landing-step-interest = Express interest
landing-step-interest-text = Tell the secretariat about your organization and the role you would like to play.
landing-step-call = Intro call
landing-step-call-text = The secretariat or a member of the Operational Committee sets up a call to discuss your desired role.
landing-step-apply = Apply
landing-step-apply-text = Send a statement of support, your logo and a mail point of contact, and sign the partner agreement.
landing-step-review = Committee review
landing-step-review-text = The Operational Committee reviews your application and may ask for more information.
landing-step-page = Your partner page
landing-step-page-text = The secretariat drafts your partner page and asks for your review.
landing-step-welcome = Welcome!
landing-step-welcome-text = Your partnership is announced to the community. The secretariat checks in once a year, and the agreement is renewed every three years.
landing-express-interest = Express interest

## Partner directory
directory-title = Partner directory
directory-title-page = Partner directory, page { $page }
directory-title-search = Partner search
directory-description = The organizations partnering with the { $community } community, and what each one does.
directory-heading = Partner directory
directory-page-of = page { $page } of { $pages }
directory-search-form = Search and filter the partners
directory-search = Search
directory-search-placeholder = Name, capability, country, topic…
directory-facet-capability = Capability
directory-facet-component = Architecture component
directory-facet-region = Region
directory-facet-country = Country of work
directory-facet-type = Kind of organization
directory-facet-joined = Joined in
directory-order = Order
directory-order-name = Name
directory-order-best = Best match
directory-order-newest = Newest partners
directory-apply = Apply
directory-clear = Clear all
directory-view = View
directory-grid = Grid
directory-list = List
directory-no-match = No partner matches. Try fewer filters or other words.
directory-empty = No partners are listed yet.
directory-capabilities = Capabilities
pages = Pages
page-previous = ← Previous
page-next = Next →
page-newer = ← Newer
page-older = Older →

## Partner profile
profile-breadcrumb = Breadcrumb
profile-logo = { $name } logo
profile-since = Partner since
profile-visit = Visit { $host }
profile-about = About
profile-capabilities = Capabilities
profile-activities = Country implementation activities
profile-news = News and stories
profile-subscribe = Subscribe to { $name }'s news (Atom)
profile-components = Architecture components
profile-works-in = Works in { $countries }
profile-elsewhere = Elsewhere
profile-partnership = Partnership
profile-agreement-in-force = Partner agreement in force until { $date }.
profile-agreement-expired = Partner agreement expired on { $date }.

## News
news-title = News and stories
news-description = Announcements, blogs, impact stories, thought pieces and webinars from the partners.
news-subscribe = Subscribe (Atom)
news-calendar = Webinar calendar
news-kinds = Kinds of post
news-all = All
news-nothing = Nothing here yet.
news-join = Join the webinar
news-add-to-calendar = Add to your calendar
news-partners = Partners in this story

## Map
map-title = Where partners work
map-description = A world map of the countries the partner organizations work in.
map-lead = Each country is shaded by how many partner organizations work there. Choose a country to see its partners.
map-label = World map of the countries partners work in
map-legend = Legend
map-none = none
map-many = 7 or more
map-countries = Countries
map-no-countries = No partner lists a country of work yet.
map-country-partners = { $country }: { $count ->
    [one] 1 partner
   *[other] { $count } partners
}

## Statistics
stats-title = Statistics
stats-description = How many partners the program has, where they work and what they do.
stats-heading = The program in numbers
stats-lead = Counts of the partners listed today. Each chart's numbers are in the table below it.
stats-growth = Partners over time (listed partners by the end of each year)
stats-regions = Partners working in each region
stats-capabilities = Partners by capability
stats-types = Partners by kind of organization
stats-numbers = The numbers
stats-what = What

## Open data
open-data-title = Open data
open-data-description = The partner directory as open data: CSV and JSON, with its schema and license.
open-data-lead = The public fields of every partner, free to reuse under { $license }: credit the community as the source.
open-data-fhir = FHIR Organization resources
open-data-fields = Fields
open-data-fields-note = The CSV has one row per organization and these columns, in this order; in the JSON, lists are arrays.
open-data-field = Field
open-data-meaning = What it holds

## Sign-in
sign-in-title = Sign in
sign-in-description = Sign in to the partner portal.
sign-in-lead = Partners, committee members and the secretariat sign in here. We e-mail you a link that signs you in; no password needed.
sign-in-email = E-mail address
sign-in-send-link = E-mail me a sign-in link
sign-in-password-instead = Sign in with a password instead
sign-in-password = Password
sign-in-button = Sign in
sign-in-password-note = You can set a password on your account page once you are signed in.
sign-in-signed-out = You are signed out.
sign-in-check-mail = Check your e-mail
sign-in-check-mail-lead = If { $email } belongs to an account, a sign-in link is on its way. It works once, for { $minutes } minutes.
sign-in-nothing-arrived = Nothing arrived? Check your spam folder, or ask for another link.
sign-in-ask-again = ask for another link
sign-in-press = Press the button to finish signing in.

## Errors
error-label = Error { $status }
error-home = Go to the home page
error-browse = Browse the partners

## Vocabularies the code knows
org-type-ngo = Non-profit organization
org-type-company = Company
org-type-academic = Academic or research institution
org-type-government = Government agency
org-type-multilateral = Multilateral organization
org-type-foundation = Foundation
org-type-open-source-community = Open-source community
status-prospect = Applying
status-active = Active partner
status-renewal-due = Active partner, renewal due
status-in-grace = Agreement expired, in grace period
status-lapsed = Partnership lapsed
status-withdrawn = Withdrawn
status-ended = Partnership ended
region-africa = Africa
region-americas = Americas
region-asia = Asia
region-europe = Europe
region-oceania = Oceania
region-antarctica = Antarctica
post-kind-announcement = Announcement
post-kind-blog = Blog
post-kind-impact-story = Impact story
post-kind-thought-piece = Thought piece
post-kind-webinar = Webinar
capability-standards-development = Standards development
capability-implementation-support = Implementation support
capability-software-application-support = Software application support
capability-capacity-strengthening = Capacity strengthening
capability-research = Research
capability-funding = Funding
component-interoperability-layer = Interoperability layer
component-client-registry = Client registry
component-facility-registry = Facility registry
component-health-worker-registry = Health worker registry
component-terminology-service = Terminology service
component-shared-health-record = Shared health record
component-product-catalogue = Product catalogue
component-hmis = Health management information system
component-lmis = Logistics management information system
component-finance-insurance = Finance and insurance service
component-point-of-service = Point-of-service applications
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
date-long = { $day } { $month } { $year }
date-month-year = { $month } { $year }

## Signed-in pages
account-title = Your account
account-name = Name
account-email = E-mail
account-role = Role
account-organization = Organization
account-last-sign-in = Last signed in
account-password-note = Optional: you can always sign in with a link sent to your e-mail. Use at least 10 characters; common passwords are refused.
account-new-password = New password
account-confirm-password = The same password again
account-save-password = Save the password
portal-eyebrow = Partner portal
portal-record = Your organization's record
portal-no-organization = Your account is not linked to an organization yet. Please write to the secretariat.
portal-record-eyebrow = Organization record
portal-public-profile = Public profile
portal-application = Application
portal-agreement = Partner agreement
portal-none-shared = None shared yet.
portal-remove = Remove
portal-country = Country
portal-activity-title = What you do there
portal-activity-description = More about it (Markdown, optional)
portal-activity-link = A link (optional)
portal-share-activity = Share the activity
portal-consent-note = Blogs, impact stories, thought pieces and webinars that feature the organization are published only while its consent is in force.
portal-no-consent = No consent recorded.
portal-withdraw = Withdraw
portal-give-consent = Give consent for
portal-record-consent = Record consent
portal-contacts = Contacts
portal-no-contacts = No contacts are recorded.
portal-mail-poc = Mail point of contact
staff-emails-waiting = E-mails waiting
staff-emails-failed = E-mails failed
staff-applications = Applications by stage
staff-no-applications = No applications yet.
staff-recent = Recent activity
staff-audit-link = The whole audit log →
staff-posts-link = Posts →
admin-title = Administration
admin-audit-text = Who did what, when and from where, with the values before and after.
admin-overview-text = Partners and applications at a glance.
form-please-fix = Please fix:
admin-invite = Invite someone
admin-organization-slug = Organization (for partner contacts: its slug)
admin-send-invitation = Send the invitation
admin-everyone = Everyone
admin-deactivated = deactivated
admin-change-role = Change role
admin-deactivate = Deactivate
admin-reactivate = Reactivate
admin-you = you
admin-filter-who = Who (part of the name or address)
admin-filter-action = Action (start, such as account.)
admin-filter-subject = Subject type (user, organization, …)
admin-filter-from = From (date)
admin-filter-until = Until (date)
admin-filter = Filter
admin-clear = Clear
admin-no-entries = No entries match.
admin-outbox-note = Every e-mail the service sends, newest first. Messages are retried with growing delays; one that failed for good can be queued again.
admin-no-email = No e-mail yet.
admin-forum-topics = Forum topics
admin-forum-note = Topics posted to the community forum, newest first. A forum that is down is tried again with growing delays; a post the forum refuses (a wrong API key, for example) is not, and shows the forum’s answer.
admin-topic = Open the topic
admin-retry = Retry
posts-write = Write a post
posts-none = No posts yet.
posts-kind-of-post = Kind of post
posts-summary = Summary (one or two sentences)
posts-text = Text (Markdown)
posts-for-webinar = For a webinar
posts-day = Day
posts-starts = Starts at (UTC)
posts-join-link = Link to join
posts-consent = We consent to be featured in this kind of post.
posts-partner = Partner it is about (slug, optional)
posts-publish = Publish
posts-unpublish = Take back to draft
account-change-password = Change your password
account-set-password = Set a password
account-tokens-title = API tokens
account-tokens-note = A token lets another system act as you through the REST API (see /api/v1/openapi.json). It is shown once, when you create it; revoke it when it is no longer needed.
account-tokens-none = You have no API tokens.
account-token-name = Name of the token
account-token-created-at = Created
account-token-last-used = Last used
account-token-create = Create a token
account-token-revoke = Revoke
account-token-created = Your new token is below. Copy it now: it will not be shown again.
account-token-revoked = The token is revoked.
portal-welcome = Welcome, { $name }
portal-contact-of = You are a contact of { $organization }.
portal-posts-about = Posts about { $name }
portal-consent = Consent to be featured
portal-consent-given = given
portal-consent-withdrawn = withdrawn
staff-stage = Stage
staff-applications-count = Applications
admin-when = When
admin-who = Who
admin-from = From
admin-action = Action
admin-subject = Subject
admin-before = Before
admin-after = After
admin-accounts = Accounts
admin-audit = Audit log
admin-outbox = Outbox
admin-overview = Program overview
admin-change = Change
admin-queued = Queued
admin-to = To
admin-subject-line = Subject
admin-status = Status
admin-attempts = Attempts
admin-detail = Detail
posts-title = Title
posts-kind = Kind
posts-changed = Changed
posts-send = Send to the secretariat
posts-save = Save
admin-accounts-text = { $count ->
    [one] 1 account. Invite people, change roles, deactivate accounts.
   *[other] { $count } accounts. Invite people, change roles, deactivate accounts.
}
admin-outbox-text = { $waiting } e-mails waiting, { $failed } failed.
staff-committee = Committee
staff-committee-intro = Applications by stage, for the Operational Committee.
staff-secretariat = Secretariat
staff-secretariat-intro = The program at a glance: partners, applications, e-mail and recent activity.
stage-interest = Interest expressed
stage-intro_call = Intro call
stage-invited = Invited to apply
stage-submitted = Application submitted
stage-under_review = Committee review
stage-info_requested = More information requested
stage-approved = Approved
stage-page_review = Partner page review
stage-announced = Announced
stage-declined = Declined
stage-withdrawn = Withdrawn
error-not-found = Page not found
error-bad-request = This request cannot be answered
error-sign-in = Please sign in
error-unauthenticated = Sign-in did not work
error-forbidden = Not allowed
error-too-many = Too many attempts
error-conflict = This clashes with what is already there
error-unavailable = Back in a moment
error-internal = Something went wrong on our side
