//! The table of routes. A route can only be added together with the policy action that guards it, so
//! no route escapes the authorization policy; tests walk the same table.

use crate::authz::guard;
use crate::pages::{
    account, admin, auth, contacts, feeds, fhir, health, landing, language, map, news, open_data, partners, portal,
    renewals, roster, showcase, sitemap, staff, statistics, widget,
};
use crate::{AppState, assets, error};
use axum::Router;
use axum::handler::Handler;
use axum::routing::{MethodFilter, on};
use opo_domain::policy::Action;

/// One route as declared: method, path pattern and the action it performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RouteEntry {
    pub method: &'static str,
    pub path: &'static str,
    pub action: Action,
}

pub(crate) struct Routes {
    router: Router<AppState>,
    table: Vec<RouteEntry>,
}

impl Routes {
    pub(crate) fn get<H, T>(mut self, path: &'static str, action: Action, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.table.push(RouteEntry { method: "GET", path, action });
        // `on(GET)` answers HEAD too, as HTTP asks of every GET route.
        self.router = self.router.route(path, guard(on(MethodFilter::GET, handler), action));
        self
    }

    pub(crate) fn post<H, T>(mut self, path: &'static str, action: Action, handler: H) -> Self
    where
        H: Handler<T, AppState>,
        T: 'static,
    {
        self.table.push(RouteEntry { method: "POST", path, action });
        self.router = self.router.route(path, guard(on(MethodFilter::POST, handler), action));
        self
    }
}

fn routes() -> Routes {
    Routes { router: Router::new(), table: Vec::new() }
        .get("/", Action::ViewPublicSite, landing::page)
        .get("/partners", Action::ViewPublicSite, partners::list_page)
        .get("/partners/{slug}", Action::ViewPublicSite, partners::profile_page)
        .get("/partners/{slug}/logo", Action::ViewPublicSite, partners::logo)
        .get("/news", Action::ViewPublicSite, news::list_page)
        .get("/news/{slug}", Action::ViewPublicSite, news::post_page)
        .get("/news/{slug}/event.ics", Action::ViewPublicSite, feeds::post_event)
        .get("/feeds/{file}", Action::ViewPublicSite, feeds::news_feed)
        .get("/partners/{slug}/{file}", Action::ViewPublicSite, feeds::partner_feed)
        .get("/events.ics", Action::ViewPublicSite, feeds::events)
        .get("/statistics", Action::ViewPublicSite, statistics::page)
        .get("/map", Action::ViewPublicSite, map::page)
        .get("/widget/logos", Action::ViewPublicSite, widget::page)
        .get("/widget/logos.json", Action::ViewPublicSite, widget::json)
        .get("/open-data", Action::ViewPublicSite, open_data::page)
        .get("/open-data/partners.csv", Action::ViewPublicSite, open_data::csv)
        .get("/open-data/partners.json", Action::ViewPublicSite, open_data::json)
        .get("/fhir/metadata", Action::ViewPublicSite, fhir::metadata)
        .get("/fhir/Organization", Action::ViewPublicSite, fhir::search)
        .get("/fhir/Organization/{id}", Action::ViewPublicSite, fhir::read)
        .get("/sitemap.xml", Action::ViewPublicSite, sitemap::sitemap)
        .get("/robots.txt", Action::ViewPublicSite, sitemap::robots)
        .get("/assets/{file}", Action::ViewAssets, assets::serve)
        .get("/healthz", Action::CheckHealth, health::check)
        .get("/readyz", Action::CheckHealth, health::ready)
        .get("/metrics", Action::ReadMetrics, crate::metrics::page)
        .post("/language", Action::ViewPublicSite, language::choose)
        .get("/sign-in", Action::SignIn, auth::page)
        .post("/sign-in", Action::SignIn, auth::request_link)
        .get("/sign-in/link", Action::SignIn, auth::link_page)
        .post("/sign-in/link", Action::SignIn, auth::use_link)
        .post("/sign-in/password", Action::SignIn, auth::password)
        .post("/sign-out", Action::SignOut, auth::sign_out)
        .get("/auth/discourse", Action::SignIn, crate::pages::auth_discourse::start)
        .get("/auth/discourse/callback", Action::SignIn, crate::pages::auth_discourse::callback)
        .get("/account", Action::ManageOwnAccount, account::page)
        .post("/account/password", Action::ManageOwnAccount, account::set_password)
        .post("/account/calendar", Action::ManageOwnAccount, account::create_calendar)
        .get("/calendar/{token}", Action::ReadCalendarFeed, account::calendar_feed)
        .post("/account/tokens", Action::ManageOwnAccount, account::create_token)
        .post("/account/tokens/{id}/revoke", Action::ManageOwnAccount, account::revoke_token)
        .get("/portal", Action::ViewPortal, portal::home)
        .get("/portal/organizations/{slug}", Action::ViewOrganizationRecord, portal::organization)
        .post("/portal/organizations/{slug}/contacts", Action::ManageContacts, contacts::invite)
        .post("/portal/organizations/{slug}/contacts/{user_id}", Action::ManageContacts, contacts::change)
        .post("/portal/organizations/{slug}/contacts/{user_id}/remove", Action::ManageContacts, contacts::remove)
        .get("/secretariat/partners", Action::ViewRoster, roster::page)
        .get("/secretariat/partners.csv", Action::ViewRoster, roster::csv)
        .get("/portal/organizations/{slug}/posts", Action::SubmitPost, showcase::portal_list)
        .get("/portal/organizations/{slug}/posts/new", Action::SubmitPost, showcase::portal_new)
        .post("/portal/organizations/{slug}/posts", Action::SubmitPost, showcase::portal_submit)
        .post("/portal/organizations/{slug}/consents", Action::ManageConsent, showcase::give_consent)
        .post("/portal/organizations/{slug}/consents/{id}/withdraw", Action::ManageConsent, showcase::withdraw_consent)
        .get("/portal/organizations/{slug}/agreement", Action::RenewAgreement, renewals::resign_form)
        .post("/portal/organizations/{slug}/agreement", Action::RenewAgreement, renewals::resign)
        .post("/portal/organizations/{slug}/status", Action::OverridePartnershipStatus, renewals::override_status)
        .get("/secretariat/agreements", Action::PublishAgreement, renewals::publish_form)
        .post("/secretariat/agreements", Action::PublishAgreement, renewals::publish)
        .post("/portal/organizations/{slug}/activities", Action::EditCountryActivities, portal::add_activity)
        .post(
            "/portal/organizations/{slug}/activities/{id}/remove",
            Action::EditCountryActivities,
            portal::remove_activity,
        )
        .pipe(crate::pages::partner_translations::routes)
        .get("/secretariat/posts", Action::EditPosts, showcase::staff_list)
        .get("/secretariat/posts/new", Action::EditPosts, showcase::staff_new)
        .post("/secretariat/posts", Action::EditPosts, showcase::staff_create)
        .get("/secretariat/posts/{id}", Action::EditPosts, showcase::staff_edit)
        .post("/secretariat/posts/{id}", Action::EditPosts, showcase::staff_update)
        .post("/secretariat/posts/{id}/publish", Action::EditPosts, showcase::publish)
        .post("/secretariat/posts/{id}/unpublish", Action::EditPosts, showcase::unpublish)
        .get("/committee", Action::ViewCommitteeHome, staff::committee)
        .get("/secretariat", Action::ViewSecretariatHome, staff::secretariat)
        .get("/admin", Action::ManageAccounts, admin::home)
        .get("/admin/users", Action::ManageAccounts, admin::users)
        .post("/admin/users", Action::ManageAccounts, admin::invite)
        .post("/admin/users/{id}/role", Action::ManageAccounts, admin::change_role)
        .post("/admin/users/{id}/status", Action::ManageAccounts, admin::change_status)
        .get("/admin/audit", Action::ViewAuditLog, admin::audit)
        .get("/admin/outbox", Action::ManageOutbox, admin::outbox)
        .post("/admin/outbox/{id}/retry", Action::ManageOutbox, admin::retry_email)
        .post("/admin/jobs/{id}/retry", Action::ManageOutbox, admin::retry_job)
        .pipe(crate::pages::webhooks::routes)
        .post("/admin/export", Action::ExportAllData, crate::pages::admin_export::download)
        .pipe(workflow_routes)
        .pipe(crate::pages::checkins::routes)
        .pipe(crate::api::routes)
}

impl Routes {
    /// Lets a module add its own group of routes to the chain.
    fn pipe(self, add: impl FnOnce(Routes) -> Routes) -> Routes {
        add(self)
    }
}

/// The pages of the partnership workflow, for applicants, the committee and the secretariat.
fn workflow_routes(routes: Routes) -> Routes {
    use crate::pages::{applying, board, certificates, interest};
    routes
        .get("/interest", Action::ExpressInterest, interest::page)
        .post("/interest", Action::ExpressInterest, interest::submit)
        .get("/agreements/{code}", Action::ViewPublicSite, certificates::page)
        .get("/portal/applications/{id}", Action::ApplyForOrganization, applying::page)
        .post("/portal/applications/{id}/form", Action::ApplyForOrganization, applying::save_form)
        .post("/portal/applications/{id}/logo", Action::ApplyForOrganization, applying::upload_logo)
        .get("/portal/applications/{id}/logo", Action::ApplyForOrganization, applying::logo)
        .get("/portal/applications/{id}/agreement", Action::ApplyForOrganization, applying::agreement)
        .post("/portal/applications/{id}/agreement", Action::ApplyForOrganization, applying::sign)
        .post("/portal/applications/{id}/submit", Action::ApplyForOrganization, applying::submit)
        .post("/portal/applications/{id}/answer", Action::ApplyForOrganization, applying::answer)
        .post("/portal/applications/{id}/withdraw", Action::ApplyForOrganization, applying::withdraw)
        .get("/portal/applications/{id}/page", Action::ApplyForOrganization, applying::page_review)
        .post("/portal/applications/{id}/page/versions", Action::ApplyForOrganization, applying::propose)
        .post("/portal/applications/{id}/page/comments", Action::ApplyForOrganization, applying::comment)
        .post("/portal/applications/{id}/page/approve", Action::ApplyForOrganization, applying::approve)
        .get("/portal/applications/{id}/page/compare", Action::ApplyForOrganization, applying::compare)
        .get("/secretariat/applications", Action::ManageApplications, board::board)
        .get("/secretariat/applications/{id}", Action::ManageApplications, board::detail)
        .get("/secretariat/applications/{id}/logo", Action::ReviewApplications, board::logo)
        .get("/secretariat/applications/{id}/page/compare", Action::ReviewApplications, board::compare)
        .post("/secretariat/applications/{id}/contact", Action::ManageApplications, board::set_contact)
        .post("/secretariat/applications/{id}/merge", Action::MergeOrganizations, board::merge)
        .post("/secretariat/applications/{id}/not-the-same", Action::MergeOrganizations, board::not_the_same)
        .post("/secretariat/applications/{id}/call", Action::ManageApplications, board::schedule_call)
        .post("/secretariat/applications/{id}/call-notes", Action::ManageApplications, board::record_call)
        .post("/secretariat/applications/{id}/invite", Action::ManageApplications, board::invite)
        .post("/secretariat/applications/{id}/decline", Action::ManageApplications, board::decline)
        .post("/secretariat/applications/{id}/send-to-committee", Action::ManageApplications, board::send_to_committee)
        .post("/secretariat/applications/{id}/decision", Action::ManageApplications, board::decide)
        .post("/secretariat/applications/{id}/page/draft", Action::ManageApplications, board::draft_page)
        .post("/secretariat/applications/{id}/page/versions", Action::ManageApplications, board::propose)
        .post("/secretariat/applications/{id}/page/comments", Action::ManageApplications, board::comment)
        .post("/secretariat/applications/{id}/announce", Action::ManageApplications, board::announce)
        .get("/committee/applications", Action::ReviewApplications, board::queue)
        .get("/committee/applications/{id}", Action::ReviewApplications, board::review)
        .post("/committee/applications/{id}/votes", Action::VoteOnApplications, board::vote)
        .post("/committee/applications/{id}/info-requests", Action::ReviewApplications, board::request_info)
}

pub(crate) fn router() -> Router<AppState> {
    routes().router.fallback(error::not_found)
}

/// Every declared route with its action.
pub fn route_table() -> Vec<RouteEntry> {
    routes().table
}
