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
