//! The people of an organization: who its contacts are, inviting a colleague, changing a contact's roles,
//! removing one, and the contacts an obligation is addressed to. Belonging is granted by the secretariat
//! or by the organization's primary contact; nothing here infers it from a name someone typed.

use crate::{Actor, App, AppError, notifications};
use opo_domain::accounts::{AccountStatus, Role};
use opo_domain::contacts::{self as rules, Concern, ContactRoles};
use opo_domain::partners::{FieldError, PartnerStatus};
use opo_domain::policy::{self, Action, Reach};
use opo_domain::problems::Clash;
use opo_domain::text::{self, EmailAddress};
use opo_store::accounts::{self, User};
pub use opo_store::contacts::Contact;
use opo_store::{StoreError, Tx, audit, contacts as store, notifications as outbox};
use time::OffsetDateTime;

/// The organization a list of contacts belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    pub id: i64,
    pub slug: String,
    pub name: String,
    pub status: PartnerStatus,
}

/// An organization's contacts, and whether the caller may change them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContactList {
    pub organization: Organization,
    pub contacts: Vec<Contact>,
    pub can_manage: bool,
}

/// A colleague to invite, as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Invitation {
    pub name: String,
    pub email: String,
    pub title: String,
    pub roles: Vec<String>,
}

pub(crate) async fn organization(tx: &mut Tx, slug: &str) -> Result<Organization, AppError> {
    let found = opo_store::partners::identity(tx, slug).await?.ok_or(AppError::NotFound("organization"))?;
    Ok(Organization { id: found.0, slug: found.1, name: found.2, status: found.3 })
}

/// Whether `caller` may change the contacts of `organization`: the secretariat, or its primary contact.
async fn may_manage(tx: &mut Tx, caller: &User, organization: &Organization) -> Result<bool, AppError> {
    Ok(match policy::reach(policy::Actor::Signed(caller.role), Action::ManageContacts) {
        Reach::All => true,
        Reach::Own => store::find(tx, organization.id, caller.id).await?.is_some_and(|c| c.roles.primary),
        Reach::None => false,
    })
}

async fn managed(tx: &mut Tx, caller: &User, slug: &str) -> Result<Organization, AppError> {
    let organization = visible(tx, caller, slug).await?;
    if may_manage(tx, caller, &organization).await? {
        Ok(organization)
    } else {
        Err(AppError::Forbidden(format!(
            "only {}'s primary contact and the secretariat invite, change and remove its contacts",
            organization.name
        )))
    }
}

/// The organization, when the caller may see its record; another organization's is refused as not found
/// would reveal nothing more than the refusal does, so it says why.
async fn visible(tx: &mut Tx, caller: &User, slug: &str) -> Result<Organization, AppError> {
    let organization = organization(tx, slug).await?;
    let actor = policy::Actor::Signed(caller.role);
    if policy::allows_on(actor, &caller.organizations, Action::ViewOrganizationRecord, organization.id) {
        Ok(organization)
    } else {
        Err(AppError::Forbidden(format!("{} is another organization", organization.name)))
    }
}

/// The contacts of an organization, for those who may see its record.
pub async fn list(app: &App, caller: &User, slug: &str) -> Result<ContactList, AppError> {
    let mut tx = app.db.begin().await?;
    let organization = visible(&mut tx, caller, slug).await?;
    let contacts = store::of_organization(&mut tx, organization.id).await?;
    let can_manage = may_manage(&mut tx, caller, &organization).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(ContactList { organization, contacts, can_manage })
}

/// A contact's title: optional, one line of 200 characters at most.
fn one_line_title(raw: &str) -> Result<String, FieldError> {
    let title = raw.trim();
    if title.chars().count() > 200 || title.contains(['\r', '\n']) {
        Err(FieldError::new("title", "invalid", "a title is one line of 200 characters at most"))
    } else {
        Ok(title.to_owned())
    }
}

fn parse_roles(keys: &[String]) -> Result<ContactRoles, AppError> {
    ContactRoles::parse_keys(keys.iter().map(String::as_str)).map_err(|e| AppError::invalid("roles", e))
}

/// The account with this address, or a new partner contact's account; a new one comes with a first
/// sign-in link (the token), for the invitation that follows. A new account's address must be
/// unambiguous to the eye (no look-alike letters), else `field` is refused.
pub(crate) async fn account_for(
    app: &App,
    tx: &mut Tx,
    name: &str,
    email: &EmailAddress,
    field: &'static str,
    current_organization: i64,
    now: OffsetDateTime,
) -> Result<(User, Option<String>), AppError> {
    if let Some(user) = accounts::find_by_email(tx, email).await? {
        return Ok((user, None));
    }
    EmailAddress::parse_new(email.as_str()).map_err(|e| AppError::refused(field, &e))?;
    let id = accounts::insert(tx, email, name, Role::PartnerContact, Some(current_organization), now).await?;
    let token = crate::sessions::invitation_token(app, tx, id, now).await?;
    let user = accounts::find_by_id(tx, id).await?.ok_or(AppError::NotFound("account"))?;
    Ok((user, Some(token)))
}

/// The path that signs a person in and then opens `next`: the sign-in link of `token`, or without one
/// the sign-in page (for an address that has an account already, whose owner asks for a link).
pub(crate) fn sign_in_path(token: Option<&str>, next: &str) -> String {
    let next = form_urlencoded::byte_serialize(next.as_bytes()).collect::<String>();
    match token {
        Some(token) => format!("/sign-in/link?token={token}&next={next}"),
        None => format!("/sign-in?next={next}"),
    }
}

/// A link that signs the person in (with a fresh single-use token when `token` is none) and opens `next`.
pub(crate) async fn link_to(
    app: &App,
    tx: &mut Tx,
    user: &User,
    token: Option<String>,
    next: &str,
    now: OffsetDateTime,
) -> Result<String, AppError> {
    let token = match token {
        Some(token) => token,
        None => crate::sessions::invitation_token(app, tx, user.id, now).await?,
    };
    Ok(sign_in_path(Some(&token), next))
}

/// Adds `user` to the organization with `roles` added to any they hold there, keeping one mail point of
/// contact; returns whether the person was not a contact before.
pub(crate) async fn grant(
    tx: &mut Tx,
    organization_id: i64,
    user_id: i64,
    roles: ContactRoles,
    now: OffsetDateTime,
) -> Result<bool, AppError> {
    let before = store::find(tx, organization_id, user_id).await?;
    let merged = before.as_ref().map_or(roles, |c| c.roles.union(roles));
    let title = before.as_ref().map(|c| c.title.clone()).unwrap_or_default();
    store::put(tx, organization_id, user_id, &title, merged, now).await?;
    Ok(before.is_none())
}

/// The primary contact or the secretariat invites a colleague: an account is made when the address
/// has none, the person becomes a contact with the roles chosen, and is e-mailed a link that signs them
/// in and opens the organization's record.
pub async fn invite(
    app: &App,
    caller: &User,
    slug: &str,
    input: &Invitation,
    actor: &Actor,
) -> Result<Contact, AppError> {
    let mut problems = Vec::new();
    let name = text::required("Name", &input.name, 200)
        .map_err(|e| problems.push(FieldError::of("name", &e)))
        .ok()
        .filter(|n| {
            let one_line = !n.contains(['\r', '\n']);
            if !one_line {
                problems.push(FieldError::new("name", "invalid", "a name is one line"));
            }
            one_line
        });
    let email = EmailAddress::parse(&input.email).map_err(|e| problems.push(FieldError::of("email", &e))).ok();
    let title = one_line_title(&input.title).map_err(|e| problems.push(e)).unwrap_or_default();
    let roles = ContactRoles::parse_keys(input.roles.iter().map(String::as_str))
        .map_err(|e| problems.push(FieldError::new("roles", "invalid", e)))
        .ok();
    let (Some(name), Some(email), Some(roles)) = (name, email, roles) else {
        return Err(AppError::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let organization = managed(&mut tx, caller, slug).await?;
    let (user, token) = account_for(app, &mut tx, &name, &email, "email", organization.id, now).await?;
    if store::find(&mut tx, organization.id, user.id).await?.is_some() {
        return Err(AppError::Conflict(
            Clash::new("already-a-contact", format!("{} is already a contact of {}", email, organization.name))
                .with("email", email.as_str()),
        ));
    }
    if user.status != AccountStatus::Active {
        return Err(AppError::Conflict(Clash::new(
            "account-deactivated",
            "this person's account is deactivated; ask an administrator to reactivate it first",
        )));
    }
    let others: Vec<ContactRoles> =
        store::of_organization(&mut tx, organization.id).await?.into_iter().map(|c| c.roles).collect();
    // The first contact of an organization speaks for it.
    let roles = if others.is_empty() { roles.with(opo_domain::contacts::ContactRole::Primary) } else { roles };
    rules::check_change(&others, Some(roles)).map_err(no_primary)?;
    store::put(&mut tx, organization.id, user.id, &title, roles, now).await?;
    let next = format!("/portal/organizations/{}", organization.slug);
    let link = link_to(app, &mut tx, &user, token, &next, now).await?;
    let inviter = if caller.role == Role::PartnerContact { caller.display_name.as_str() } else { "The secretariat" };
    let message = notifications::contact_invitation(app, &user, &organization.name, inviter, &roles, &link)?;
    outbox::enqueue(&mut tx, &message, now).await?;
    let mut entry = actor.entry("contact.invited", "organization", organization.id);
    entry.after_json = Some(audit_roles(&organization, &user, roles, &title));
    audit::record(&mut tx, &entry, now).await?;
    let contact = store::find(&mut tx, organization.id, user.id).await?.ok_or(AppError::NotFound("contact"))?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(contact)
}

fn audit_roles(organization: &Organization, user: &User, roles: ContactRoles, title: &str) -> String {
    let keys: Vec<&str> = roles.list().into_iter().map(|r| r.key()).collect();
    serde_json::json!({ "organization": organization.slug, "email": user.email, "roles": keys, "title": title })
        .to_string()
}

/// Changes a contact's roles and title. An organization always keeps one primary contact.
pub async fn change(
    app: &App,
    caller: &User,
    slug: &str,
    user_id: i64,
    role_keys: &[String],
    title: &str,
    actor: &Actor,
) -> Result<Contact, AppError> {
    let roles = parse_roles(role_keys)?;
    let title = one_line_title(title).map_err(|e| AppError::Invalid(vec![e]))?;
    let title = title.as_str();
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let organization = managed(&mut tx, caller, slug).await?;
    let before = checked_change(&mut tx, organization.id, user_id, Some(roles)).await?;
    store::put(&mut tx, organization.id, user_id, title, roles, now).await?;
    let user = accounts::find_by_id(&mut tx, user_id).await?.ok_or(AppError::NotFound("account"))?;
    let mut entry = actor.entry("contact.changed", "organization", organization.id);
    entry.before_json = Some(audit_roles(&organization, &user, before.roles, &before.title));
    entry.after_json = Some(audit_roles(&organization, &user, roles, title));
    audit::record(&mut tx, &entry, now).await?;
    let contact = store::find(&mut tx, organization.id, user_id).await?.ok_or(AppError::NotFound("contact"))?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(contact)
}

/// The contact `user_id` as it is, once the change to `after` (`None`: removal) is checked against the
/// organization's other contacts.
async fn checked_change(
    tx: &mut Tx,
    organization_id: i64,
    user_id: i64,
    after: Option<ContactRoles>,
) -> Result<Contact, AppError> {
    let contacts = store::of_organization(tx, organization_id).await?;
    let before = contacts.iter().find(|c| c.user_id == user_id).cloned().ok_or(AppError::NotFound("contact"))?;
    let others: Vec<ContactRoles> = contacts.iter().filter(|c| c.user_id != user_id).map(|c| c.roles).collect();
    rules::check_change(&others, after).map_err(no_primary)?;
    Ok(before)
}

fn no_primary(err: rules::RosterError) -> AppError {
    AppError::Conflict(Clash::new("no-primary", err.to_string()))
}

/// Removes a contact from an organization (the account stays, for its other organizations). The last
/// primary contact cannot be removed.
pub async fn remove(app: &App, caller: &User, slug: &str, user_id: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let organization = managed(&mut tx, caller, slug).await?;
    let before = checked_change(&mut tx, organization.id, user_id, None).await?;
    store::remove(&mut tx, organization.id, user_id).await?;
    let user = accounts::find_by_id(&mut tx, user_id).await?.ok_or(AppError::NotFound("account"))?;
    let mut entry = actor.entry("contact.removed", "organization", organization.id);
    entry.before_json = Some(audit_roles(&organization, &user, before.roles, &before.title));
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The contacts an obligation of the partnership is addressed to: the active accounts whose role
/// concerns it, and the primary contact. Every one of them can open the portal page the message names.
pub(crate) async fn addressed(tx: &mut Tx, organization_id: i64, concern: Concern) -> Result<Vec<Contact>, AppError> {
    Ok(store::of_organization(tx, organization_id)
        .await?
        .into_iter()
        .filter(|c| c.account_status == AccountStatus::Active && concern.addresses(c.roles))
        .collect())
}

/// The person an application named as its mail point of contact, when the partnership is announced:
/// becomes the organization's contact with that role (an account is made for a new address) and, when
/// new to the organization, is e-mailed a link that signs them in and opens its record. An address that
/// belongs to a staff account is left as it is.
pub(crate) async fn take_on_mail_poc(
    app: &App,
    tx: &mut Tx,
    organization: &Organization,
    name: &str,
    email: &str,
    now: OffsetDateTime,
) -> Result<(), AppError> {
    let (Ok(email), Ok(name)) = (EmailAddress::parse(email), text::required("Name", name, 200)) else {
        return Ok(());
    };
    // An address that could not open an account (look-alike letters) does not hold up the announcement.
    let (user, token) = match account_for(app, tx, &name, &email, "poc_email", organization.id, now).await {
        Err(AppError::Invalid(_)) => return Ok(()),
        found => found?,
    };
    if user.role != Role::PartnerContact || user.status != AccountStatus::Active {
        return Ok(());
    }
    let roles = ContactRoles::default().with(opo_domain::contacts::ContactRole::MailPoc);
    if grant(tx, organization.id, user.id, roles, now).await? {
        let next = format!("/portal/organizations/{}", organization.slug);
        let link = link_to(app, tx, &user, token, &next, now).await?;
        let message =
            notifications::contact_invitation(app, &user, &organization.name, "The secretariat", &roles, &link)?;
        outbox::enqueue(tx, &message, now).await?;
    }
    Ok(())
}
