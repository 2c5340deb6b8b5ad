//! The authorization policy: which role may take which action, and on whose objects. Every route of
//! the web layer names the action it performs, and this table alone decides who may perform it.

use crate::accounts::Role;
use crate::partners::PartnerStatus;

/// Who is asking: a visitor who has not signed in, or a person with a role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Actor {
    Anonymous,
    Signed(Role),
}

impl Actor {
    /// Every kind of actor, for tests that walk the whole matrix.
    pub const ALL: [Actor; 5] = [
        Self::Anonymous,
        Self::Signed(Role::PartnerContact),
        Self::Signed(Role::Committee),
        Self::Signed(Role::Secretariat),
        Self::Signed(Role::Admin),
    ];
}

/// What a route does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Action {
    /// Read the public site: landing page, directory, profiles, logos, news.
    ViewPublicSite,
    /// Read static assets (styles, scripts, icons).
    ViewAssets,
    /// Ask whether the service is alive.
    CheckHealth,
    /// Read the service's metrics. The credential is where the request comes from (this machine) or
    /// the operator's scrape token, both checked by the handler, so the route is open to every role.
    ReadMetrics,
    /// Ask for a sign-in link, use one, or sign in with a password.
    SignIn,
    SignOut,
    /// See one's own account and set its password.
    ManageOwnAccount,
    /// The home page of a partner contact.
    ViewPortal,
    /// The record of an organization: contacts, agreement, application.
    ViewOrganizationRecord,
    /// The home page of a committee member.
    ViewCommitteeHome,
    /// The home page of the secretariat.
    ViewSecretariatHome,
    ViewAuditLog,
    /// List, invite, change the role of, deactivate and reactivate accounts.
    ManageAccounts,
    /// See the e-mail outbox and retry failed messages.
    ManageOutbox,
    /// Write a draft post about an organization, and see that organization's posts.
    SubmitPost,
    /// Give or withdraw an organization's consent to be featured in posts.
    ManageConsent,
    /// Write, edit, publish and take back any post.
    EditPosts,
    /// Add and remove an organization's country implementation activities.
    EditCountryActivities,
    /// Translate an organization's short description and description into the site's other languages.
    TranslatePartnerProfile,
    /// Send an expression of interest (the public form, or the forum's signed webhook).
    ExpressInterest,
    /// Fill in, sign, submit, answer for, withdraw, and review the page of one's own organization's
    /// application.
    ApplyForOrganization,
    /// See the committee's queue and every application with its history; ask the applicant for more.
    ReviewApplications,
    /// Vote on an application, or declare a conflict of interest.
    VoteOnApplications,
    /// Run the workflow: intro calls, invitations, decisions, partner pages, announcements.
    ManageApplications,
    /// Sign the partner agreement again for one's own organization.
    RenewAgreement,
    /// Publish a new version of the partner agreement, optionally to be signed again by a date.
    PublishAgreement,
    /// Set a partnership's status by hand, until a date, with a reason.
    OverridePartnershipStatus,
    /// Answer the yearly check-in questionnaire of one's own organization and approve the page version
    /// it opened.
    AnswerCheckIn,
    /// See, assign and record the annual check-ins.
    ManageCheckIns,
    /// Read a personal calendar feed: the secret in its address is the credential, so the route is open.
    ReadCalendarFeed,
    /// Register and remove outgoing webhooks, read their delivery log and send a delivery again.
    ManageWebhooks,
    /// Download every row of every table (personal data and the hashes of secrets included).
    ExportAllData,
    /// Invite, change the roles of and remove an organization's contacts (a partner contact may only
    /// when it is the organization's primary contact, which the use case checks).
    ManageContacts,
    /// The roster of every organization by status, with its agreement, check-in and contacts.
    ViewRoster,
    /// Merge an organization created by an expression of interest into the one it may be.
    MergeOrganizations,
}

impl Action {
    pub const ALL: [Action; 35] = [
        Self::ViewPublicSite,
        Self::ViewAssets,
        Self::CheckHealth,
        Self::ReadMetrics,
        Self::SignIn,
        Self::SignOut,
        Self::ManageOwnAccount,
        Self::ViewPortal,
        Self::ViewOrganizationRecord,
        Self::ViewCommitteeHome,
        Self::ViewSecretariatHome,
        Self::ViewAuditLog,
        Self::ManageAccounts,
        Self::ManageOutbox,
        Self::SubmitPost,
        Self::ManageConsent,
        Self::EditPosts,
        Self::EditCountryActivities,
        Self::TranslatePartnerProfile,
        Self::ExpressInterest,
        Self::ApplyForOrganization,
        Self::ReviewApplications,
        Self::VoteOnApplications,
        Self::ManageApplications,
        Self::RenewAgreement,
        Self::PublishAgreement,
        Self::OverridePartnershipStatus,
        Self::AnswerCheckIn,
        Self::ManageCheckIns,
        Self::ReadCalendarFeed,
        Self::ManageWebhooks,
        Self::ExportAllData,
        Self::ManageContacts,
        Self::ViewRoster,
        Self::MergeOrganizations,
    ];

    /// Whether a contact may take this action only once its organization is a partner: an applicant
    /// applies, and nothing more, until the partnership is announced.
    pub fn needs_partnership(self) -> bool {
        matches!(
            self,
            Self::SubmitPost
                | Self::ManageConsent
                | Self::EditCountryActivities
                | Self::TranslatePartnerProfile
                | Self::RenewAgreement
                | Self::AnswerCheckIn
        )
    }
}

/// How far a permission reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reach {
    /// Not at all.
    None,
    /// Only objects of the actor's own organization.
    Own,
    /// Every object.
    All,
}

/// The policy table: how far `actor` may take `action`.
pub fn reach(actor: Actor, action: Action) -> Reach {
    use Action::*;
    use Reach::{All, None, Own};
    use Role::*;
    let role = match actor {
        Actor::Anonymous => {
            return match action {
                ViewPublicSite | ViewAssets | CheckHealth | SignIn | ExpressInterest | ReadCalendarFeed
                | ReadMetrics => All,
                _ => None,
            };
        }
        Actor::Signed(role) => role,
    };
    match (action, role) {
        (ViewPublicSite | ViewAssets | CheckHealth | SignIn | SignOut | ManageOwnAccount | ExpressInterest, _) => All,
        (ReadCalendarFeed | ReadMetrics, _) => All,
        (ApplyForOrganization, PartnerContact) => Own,
        (ReviewApplications, Committee | Secretariat | Admin) => All,
        (VoteOnApplications, Committee) => All,
        (ManageApplications, Secretariat | Admin) => All,
        (RenewAgreement, PartnerContact) => Own,
        (PublishAgreement, Secretariat | Admin) => All,
        (OverridePartnershipStatus, Admin) => All,
        (AnswerCheckIn, PartnerContact) => Own,
        (ManageCheckIns, Committee | Secretariat | Admin) => All,
        (ViewPortal, PartnerContact) => All,
        (ManageContacts, PartnerContact) => Own,
        (ManageContacts | MergeOrganizations, Secretariat | Admin) => All,
        (ViewRoster, Committee | Secretariat | Admin) => All,
        (ViewOrganizationRecord, PartnerContact) => Own,
        (ViewOrganizationRecord, Committee | Secretariat | Admin) => All,
        (SubmitPost | ManageConsent | EditCountryActivities, PartnerContact) => Own,
        (EditCountryActivities, Secretariat | Admin) => All,
        (TranslatePartnerProfile, PartnerContact) => Own,
        (TranslatePartnerProfile, Secretariat | Admin) => All,
        (SubmitPost | ManageConsent | EditPosts, Secretariat | Admin) => All,
        (ViewCommitteeHome, Committee | Admin) => All,
        (ViewSecretariatHome | ViewAuditLog, Secretariat | Admin) => All,
        (ManageAccounts | ManageOutbox | ManageWebhooks | ExportAllData, Admin) => All,
        _ => None,
    }
}

/// Whether `actor` may take `action` at all (on some object).
pub fn allows(actor: Actor, action: Action) -> bool {
    reach(actor, action) != Reach::None
}

/// Whether `actor`, a contact of the organizations `member_of`, may take `action` on an object of
/// `object_org`.
pub fn allows_on(actor: Actor, member_of: &[i64], action: Action, object_org: i64) -> bool {
    match reach(actor, action) {
        Reach::All => true,
        Reach::Own => member_of.contains(&object_org),
        Reach::None => false,
    }
}

/// [`allows_on`] for an action on the organization itself, whose partnership stands at `status`: a
/// contact of an organization that is not (or not yet) a partner may not act as a partner.
pub fn allows_on_organization(
    actor: Actor,
    member_of: &[i64],
    action: Action,
    organization: i64,
    status: PartnerStatus,
) -> bool {
    match reach(actor, action) {
        Reach::All => true,
        Reach::Own => {
            member_of.contains(&organization)
                && (!action.needs_partnership()
                    || !matches!(status, PartnerStatus::Prospect | PartnerStatus::Withdrawn))
        }
        Reach::None => false,
    }
}

/// The page a person lands on after signing in.
pub fn home(role: Role) -> &'static str {
    match role {
        Role::PartnerContact => "/portal",
        Role::Committee => "/committee",
        Role::Secretariat => "/secretariat",
        Role::Admin => "/admin",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn everyone_may_read_the_public_site_and_sign_in() {
        for actor in Actor::ALL {
            for action in [Action::ViewPublicSite, Action::ViewAssets, Action::CheckHealth, Action::SignIn] {
                assert!(allows(actor, action), "{actor:?} {action:?}");
            }
        }
    }

    #[test]
    fn an_anonymous_visitor_may_do_nothing_else() {
        for action in Action::ALL {
            let public = matches!(
                action,
                Action::ViewPublicSite
                    | Action::ViewAssets
                    | Action::CheckHealth
                    | Action::ReadMetrics
                    | Action::SignIn
                    | Action::ExpressInterest
                    | Action::ReadCalendarFeed
            );
            assert_eq!(allows(Actor::Anonymous, action), public, "{action:?}");
        }
    }

    #[test]
    fn a_partner_contact_sees_only_its_own_organization() {
        let partner = Actor::Signed(Role::PartnerContact);
        assert!(allows_on(partner, &[7], Action::ViewOrganizationRecord, 7));
        assert!(!allows_on(partner, &[7], Action::ViewOrganizationRecord, 8));
        assert!(!allows_on(partner, &[], Action::ViewOrganizationRecord, 8));
        assert!(allows_on(Actor::Signed(Role::Secretariat), &[], Action::ViewOrganizationRecord, 8));
    }

    #[test]
    fn a_partner_writes_and_consents_for_its_own_organization_only_and_the_secretariat_publishes() {
        let partner = Actor::Signed(Role::PartnerContact);
        for action in [Action::SubmitPost, Action::ManageConsent] {
            assert!(allows_on(partner, &[3], action, 3), "{action:?}");
            assert!(!allows_on(partner, &[3], action, 4), "{action:?}");
        }
        assert!(!allows(partner, Action::EditPosts));
        assert!(!allows(Actor::Signed(Role::Committee), Action::EditPosts));
        assert!(allows(Actor::Signed(Role::Secretariat), Action::EditPosts));
    }

    #[test]
    fn only_committee_members_vote_and_only_for_their_own_organization_does_anyone_apply() {
        for actor in Actor::ALL {
            assert_eq!(allows(actor, Action::VoteOnApplications), actor == Actor::Signed(Role::Committee), "{actor:?}");
        }
        let partner = Actor::Signed(Role::PartnerContact);
        assert!(allows_on(partner, &[5], Action::ApplyForOrganization, 5));
        assert!(!allows_on(partner, &[5], Action::ApplyForOrganization, 6));
        assert!(!allows(Actor::Signed(Role::Secretariat), Action::ApplyForOrganization), "no one signs for another");
        assert!(!allows(partner, Action::ReviewApplications));
        assert!(!allows(Actor::Signed(Role::Committee), Action::ManageApplications));
    }

    #[test]
    fn a_partner_answers_its_own_check_in_and_staff_manage_check_ins() {
        let partner = Actor::Signed(Role::PartnerContact);
        assert!(allows_on(partner, &[5], Action::AnswerCheckIn, 5));
        assert!(!allows_on(partner, &[5], Action::AnswerCheckIn, 6));
        assert!(!allows(partner, Action::ManageCheckIns));
        for role in [Role::Committee, Role::Secretariat, Role::Admin] {
            assert!(allows(Actor::Signed(role), Action::ManageCheckIns), "{role:?}");
            assert!(!allows(Actor::Signed(role), Action::AnswerCheckIn), "{role:?} answers for no partner");
        }
        assert!(!allows(Actor::Anonymous, Action::ManageCheckIns));
    }

    #[test]
    fn a_partner_re_signs_for_its_own_organization_and_only_admins_override_a_status() {
        let partner = Actor::Signed(Role::PartnerContact);
        assert!(allows_on(partner, &[4], Action::RenewAgreement, 4));
        assert!(!allows_on(partner, &[4], Action::RenewAgreement, 9));
        assert!(!allows(Actor::Signed(Role::Secretariat), Action::RenewAgreement), "no one signs for another");
        for actor in Actor::ALL {
            let admin = actor == Actor::Signed(Role::Admin);
            let staff = admin || actor == Actor::Signed(Role::Secretariat);
            assert_eq!(allows(actor, Action::OverridePartnershipStatus), admin, "{actor:?}");
            assert_eq!(allows(actor, Action::PublishAgreement), staff, "{actor:?}");
        }
    }

    #[test]
    fn a_contact_of_several_organizations_acts_for_each_of_them_and_no_other() {
        let partner = Actor::Signed(Role::PartnerContact);
        assert!(allows_on(partner, &[3, 9], Action::ViewOrganizationRecord, 9));
        assert!(allows_on(partner, &[3, 9], Action::ApplyForOrganization, 3));
        assert!(!allows_on(partner, &[3, 9], Action::ApplyForOrganization, 4));
    }

    #[test]
    fn an_applicant_applies_and_acts_as_a_partner_only_once_the_partnership_is_announced() {
        let partner = Actor::Signed(Role::PartnerContact);
        for action in Action::ALL.into_iter().filter(|a| a.needs_partnership()) {
            assert!(!allows_on_organization(partner, &[5], action, 5, PartnerStatus::Prospect), "{action:?}");
            assert!(!allows_on_organization(partner, &[5], action, 5, PartnerStatus::Withdrawn), "{action:?}");
            assert!(allows_on_organization(partner, &[5], action, 5, PartnerStatus::Active), "{action:?}");
            assert!(!allows_on_organization(partner, &[5], action, 6, PartnerStatus::Active), "{action:?}");
        }
        assert!(allows_on_organization(partner, &[5], Action::ApplyForOrganization, 5, PartnerStatus::Prospect));
        let staff = Actor::Signed(Role::Secretariat);
        assert!(allows_on_organization(staff, &[], Action::EditCountryActivities, 5, PartnerStatus::Prospect));
    }

    #[test]
    fn staff_see_the_roster_and_the_secretariat_manages_contacts_and_merges() {
        for actor in Actor::ALL {
            let staff = matches!(actor, Actor::Signed(Role::Secretariat | Role::Admin));
            assert_eq!(allows(actor, Action::MergeOrganizations), staff, "{actor:?}");
            assert_eq!(reach(actor, Action::ManageContacts) == Reach::All, staff, "{actor:?}");
            assert_eq!(allows(actor, Action::ViewRoster), staff || actor == Actor::Signed(Role::Committee));
        }
        assert_eq!(reach(Actor::Signed(Role::PartnerContact), Action::ManageContacts), Reach::Own);
    }

    #[test]
    fn only_admins_manage_accounts_and_the_outbox() {
        for actor in Actor::ALL {
            let admin = actor == Actor::Signed(Role::Admin);
            assert_eq!(allows(actor, Action::ManageAccounts), admin, "{actor:?}");
            assert_eq!(allows(actor, Action::ManageOutbox), admin, "{actor:?}");
        }
    }

    #[test]
    fn every_role_has_a_home_it_may_open() {
        let home_action = |role| match role {
            Role::PartnerContact => Action::ViewPortal,
            Role::Committee => Action::ViewCommitteeHome,
            Role::Secretariat => Action::ViewSecretariatHome,
            Role::Admin => Action::ManageAccounts,
        };
        for role in Role::ALL {
            assert!(allows(Actor::Signed(role), home_action(role)), "{role:?}");
            assert!(home(role).starts_with('/'));
        }
    }
}
