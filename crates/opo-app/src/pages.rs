//! Partner pages under review and the announcement. On approval the secretariat drafts the page from
//! the application; the partner sees it as the public will, comments, proposes changes and approves one
//! version; the secretariat announces the partnership, which publishes that version.

use crate::applications::{advance, expect_stage, form_of, load, own, record, send};
use crate::{Actor, App, AppError, workflow_mail as mail};
use opo_domain::accounts::Role;
use opo_domain::applications::Stage;
use opo_domain::compare::{self, Row};
use opo_domain::countries::CountryCode;
use opo_domain::pages::PageContent;
use opo_domain::partners::PartnerStatus;
use opo_domain::posts::{PostKind, PostStatus};
use opo_domain::problems::Clash;
use opo_domain::taxonomy::Vocabulary;
use opo_store::accounts::User;
use opo_store::applications::Application;
pub use opo_store::pages::{Comment, Revision};
use opo_store::partners::{Link, ProfileUpdate};
use opo_store::posts::NewPost;
use opo_store::{StoreError, Tx, directory, pages as store, partners, posts, taxonomy};

/// Who may act on the page of `application`: its own contact, or the secretariat.
fn may_edit(user: &User, application: &Application) -> Result<bool, AppError> {
    match user.role {
        Role::Secretariat | Role::Admin => Ok(false),
        _ => own(user, application).map(|()| true),
    }
}

/// The stored page of a version.
pub fn content_of(revision: &Revision) -> PageContent {
    serde_json::from_str(&revision.content_json).unwrap_or_default()
}

pub(crate) fn to_json(content: &PageContent) -> Result<String, AppError> {
    serde_json::to_string(content).map_err(|e| AppError::Internal(format!("page: {e}")))
}

/// The secretariat drafts the page from the application: version 1, which the partner then reviews.
pub async fn draft(app: &App, id: i64, actor: &Actor) -> Result<i64, AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    advance(&mut tx, &application, Stage::PageReview, now).await?;
    let form = form_of(&application);
    let content = PageContent {
        name: application.organization_name.clone(),
        website: application.website.clone().unwrap_or_default(),
        short_description: form.short_description.trim().to_owned(),
        description: form.description.trim().to_owned(),
        capabilities: form.capabilities.clone(),
        components: form.components.clone(),
        countries: form
            .countries
            .iter()
            .filter_map(|c| CountryCode::parse(c).ok())
            .map(|c| c.as_str().to_owned())
            .collect(),
        links: form.links.lines().map(str::trim).filter(|l| !l.is_empty()).map(str::to_owned).collect(),
    };
    let number = store::insert_revision(
        &mut tx,
        application.organization_id,
        Some(id),
        &to_json(&content)?,
        "First draft from the application",
        &actor.label,
        now,
    )
    .await?;
    record(&mut tx, &application, actor, "page_drafted", &format!("version {number}"), true, now).await?;
    send(app, &mut tx, mail::page_ready(&application, number), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(number)
}

/// A new version, proposed by the partner or the secretariat. Every version is kept.
pub async fn revise(
    app: &App,
    id: i64,
    user: &User,
    content: &PageContent,
    note: &str,
    actor: &Actor,
) -> Result<i64, AppError> {
    revise_from(app, id, user, content, note, None, actor).await
}

/// A new version on top of `based_on`, the version its author started editing: refused, with what the
/// other person changed, when someone saved a version since (see `page_edits`). `None` adds the version
/// whatever came before, for callers that do not know what the author saw.
pub async fn revise_from(
    app: &App,
    id: i64,
    user: &User,
    content: &PageContent,
    note: &str,
    based_on: Option<i64>,
    actor: &Actor,
) -> Result<i64, AppError> {
    content.validate().map_err(AppError::Invalid)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    let by_partner = may_edit(user, &application)?;
    expect_stage(&application, &[Stage::PageReview], "Changing the partner page")?;
    if let Some(based_on) = based_on {
        ensure_newest(&mut tx, application.organization_id, based_on).await?;
    }
    let content = checked(&mut tx, content).await?;
    let inserted = store::insert_revision(
        &mut tx,
        application.organization_id,
        Some(id),
        &to_json(&content)?,
        note.trim(),
        &actor.label,
        now,
    )
    .await;
    let number = match (inserted, based_on) {
        // Two saves on top of the same version at the same instant: the unique version number lets only
        // the first one in.
        (Err(StoreError::Duplicate(_)), Some(based_on)) => return Err(crate::page_edits::raced(based_on)),
        (result, _) => result?,
    };
    record(&mut tx, &application, actor, "page_revised", &format!("version {number}"), true, now).await?;
    if by_partner {
        let what = format!("proposed version {number}");
        send(app, &mut tx, mail::page_changed_by_partner(&application, &app.settings.secretariat_email, &what), now)
            .await?;
    } else {
        send(app, &mut tx, mail::page_ready(&application, number), now).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(number)
}

/// Drops choices that are not in the vocabularies or not countries, so a proposed version holds only
/// what a profile can show.
pub(crate) async fn checked(tx: &mut Tx, content: &PageContent) -> Result<PageContent, AppError> {
    let capabilities: Vec<String> =
        taxonomy::list(tx, Vocabulary::Capability).await?.into_iter().map(|t| t.key).collect();
    let components: Vec<String> = taxonomy::list(tx, Vocabulary::Component).await?.into_iter().map(|t| t.key).collect();
    let mut content = content.clone();
    content.capabilities.retain(|k| capabilities.contains(k));
    content.components.retain(|k| components.contains(k));
    content.countries =
        content.countries.iter().filter_map(|c| CountryCode::parse(c).ok()).map(|c| c.as_str().to_owned()).collect();
    content.countries.dedup();
    Ok(content)
}

/// A comment on a version of the page.
pub async fn comment(
    app: &App,
    id: i64,
    user: &User,
    revision: i64,
    body: &str,
    actor: &Actor,
) -> Result<(), AppError> {
    let body = opo_domain::text::required("Comment", body, 5_000).map_err(|e| AppError::refused("comment", &e))?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    let by_partner = may_edit(user, &application)?;
    expect_stage(&application, &[Stage::PageReview], "Commenting")?;
    store::revision(&mut tx, application.organization_id, revision).await?.ok_or(AppError::NotFound("version"))?;
    store::add_comment(&mut tx, application.organization_id, revision, &user.display_name, &body, now).await?;
    record(&mut tx, &application, actor, "page_comment", &body, true, now).await?;
    if by_partner {
        let what = format!("commented on version {revision}");
        send(app, &mut tx, mail::page_changed_by_partner(&application, &app.settings.secretariat_email, &what), now)
            .await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The partner approves one version; the secretariat announces the partnership with it.
pub async fn approve(app: &App, id: i64, user: &User, revision: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    own(user, &application)?;
    expect_stage(&application, &[Stage::PageReview], "Approving the page")?;
    store::revision(&mut tx, application.organization_id, revision).await?.ok_or(AppError::NotFound("version"))?;
    if !store::approve(&mut tx, application.organization_id, revision, &user.display_name, now).await? {
        return Err(AppError::Conflict(
            Clash::new("version-approved", format!("version {revision} is approved already")).with("version", revision),
        ));
    }
    record(&mut tx, &application, actor, "page_approved", &format!("version {revision}"), true, now).await?;
    let what = format!("approved version {revision}");
    send(app, &mut tx, mail::page_changed_by_partner(&application, &app.settings.secretariat_email, &what), now)
        .await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// The versions and comments of the application's page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageReview {
    pub revisions: Vec<Revision>,
    pub comments: Vec<Comment>,
}

impl PageReview {
    /// The newest version the partner approved.
    pub fn approved(&self) -> Option<&Revision> {
        self.revisions.iter().find(|r| r.approved_at.is_some())
    }
}

pub async fn review_of(app: &App, application: &Application) -> Result<PageReview, AppError> {
    let mut conn = app.db.read().await?;
    let revisions = store::revisions(&mut conn, application.organization_id).await?;
    let revisions = revisions.into_iter().filter(|r| r.application_id == Some(application.id)).collect();
    Ok(PageReview { revisions, comments: store::comments(&mut conn, application.organization_id).await? })
}

/// Two versions side by side, with vocabulary keys and country codes shown by name.
pub async fn compare(app: &App, application: &Application, old: i64, new: i64) -> Result<Vec<Row>, AppError> {
    let mut conn = app.db.read().await?;
    let org = application.organization_id;
    let a = store::revision(&mut conn, org, old).await?.ok_or(AppError::NotFound("version"))?;
    let b = store::revision(&mut conn, org, new).await?.ok_or(AppError::NotFound("version"))?;
    compare_revisions(&mut conn, Some(&a), &b).await
}

/// Two versions as text, vocabulary keys and country codes by name; no old version compares with nothing.
async fn compare_revisions(
    conn: &mut opo_store::Conn,
    old: Option<&Revision>,
    new: &Revision,
) -> Result<Vec<Row>, AppError> {
    let mut labels = taxonomy::list(conn, Vocabulary::Capability).await?;
    labels.extend(taxonomy::list(conn, Vocabulary::Component).await?);
    let label = |key: &str| {
        labels.iter().find(|t| t.key == key).map(|t| t.label.clone()).unwrap_or_else(|| {
            opo_domain::countries::country(key).map(|c| c.name.to_owned()).unwrap_or_else(|| key.to_owned())
        })
    };
    let old_text = old.map(|a| content_of(a).as_text(label)).unwrap_or_default();
    Ok(compare::compare(&old_text, &content_of(new).as_text(label)))
}

/// Refuses a save built on `based_on` when a newer version exists, listing what it changed.
pub(crate) async fn ensure_newest(tx: &mut Tx, org: i64, based_on: i64) -> Result<(), AppError> {
    let latest = store::revisions(tx, org).await?.into_iter().next();
    match latest {
        Some(latest) if latest.number != based_on => {
            let base = store::revision(tx, org, based_on).await?;
            let rows = compare_revisions(tx, base.as_ref(), &latest).await?;
            Err(crate::page_edits::stale(based_on, &latest, &rows))
        }
        _ => Ok(()),
    }
}

/// Makes `page` the public profile of organization `org`: its texts, roles, components, countries and links.
pub(crate) async fn publish_profile(
    tx: &mut Tx,
    org: i64,
    page: &PageContent,
    org_type: Option<String>,
    now: time::OffsetDateTime,
) -> Result<ProfileUpdate, AppError> {
    let update = ProfileUpdate {
        name: page.name.trim().to_owned(),
        website: Some(page.website.trim().to_owned()).filter(|w| !w.is_empty()),
        short_description: page.short_description.trim().to_owned(),
        long_description: page.description.trim().to_owned(),
        org_type,
    };
    partners::update_profile(tx, org, &update, now).await?;
    fn keys(list: &[String]) -> Vec<&str> {
        list.iter().map(String::as_str).collect()
    }
    partners::set_terms(tx, org, Vocabulary::Capability, &keys(&page.capabilities), now).await?;
    partners::set_terms(tx, org, Vocabulary::Component, &keys(&page.components), now).await?;
    let countries: Vec<CountryCode> = page.countries.iter().filter_map(|c| CountryCode::parse(c).ok()).collect();
    partners::set_countries(tx, org, &countries, now).await?;
    partners::clear_links(tx, org).await?;
    for url in &page.links {
        let kind = opo_domain::pages::link_kind(url);
        partners::add_link(tx, org, &Link { kind, url: url.clone() }, now).await?;
    }
    Ok(update)
}

/// The secretariat announces the partnership: the approved version becomes the public profile, the
/// organization is listed as active, and the announcement goes to the news, its feeds, the
/// community's mailing address and, when it is connected with an API key, the forum.
pub async fn announce(app: &App, id: i64, actor: &Actor) -> Result<String, AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let application = load(&mut tx, id).await?;
    expect_stage(&application, &[Stage::PageReview], "Announcing")?;
    let revisions = store::revisions(&mut tx, application.organization_id).await?;
    let approved =
        revisions.iter().find(|r| r.application_id == Some(id) && r.approved_at.is_some()).ok_or_else(|| {
            AppError::Conflict(Clash::new(
                "page-not-approved",
                "the partner has not approved a version of its page yet",
            ))
        })?;
    let page = content_of(approved);
    let form = form_of(&application);
    let org = application.organization_id;
    let org_type = Some(form.org_type.clone()).filter(|t| opo_domain::partners::OrgType::parse(t).is_some());
    let update = publish_profile(&mut tx, org, &page, org_type, now).await?;
    partners::set_status(&mut tx, org, PartnerStatus::Active, "", now).await?;
    partners::set_joined_on(&mut tx, org, now.date()).await?;
    let organization = crate::contacts::Organization {
        id: org,
        slug: application.organization_slug.clone(),
        name: update.name.clone(),
        status: PartnerStatus::Active,
    };
    crate::contacts::take_on_mail_poc(app, &mut tx, &organization, &form.poc_name, &form.poc_email, now).await?;
    let community = app.settings.community_name.clone();
    let title = format!("Welcome to {}, our newest partner organization", update.name);
    let summary = format!(
        "{} joins the {community} community as a partner organization. {}",
        update.name, update.short_description
    );
    let body = format!(
        "{summary}\n\n{}\n\n[Read more about {}](/partners/{})",
        update.long_description, update.name, application.organization_slug
    );
    let slug = crate::showcase::free_slug(&mut tx, &title).await?;
    let post = NewPost {
        slug: slug.clone(),
        kind: PostKind::Announcement,
        status: PostStatus::Draft,
        title: title.clone(),
        summary: summary.clone(),
        body,
        event_starts_at: None,
        event_timezone: None,
        join_url: None,
        published_at: None,
    };
    let post_id = posts::insert(&mut tx, &post, now).await?;
    posts::tag_partner(&mut tx, post_id, org, now).await?;
    posts::set_status(&mut tx, post_id, PostStatus::Published, Some(now), now).await?;
    directory::reindex(&mut tx, org).await?;
    advance(&mut tx, &application, Stage::Announced, now).await?;
    record(&mut tx, &application, actor, "announced", &title, true, now).await?;
    let profile = format!("/partners/{}", application.organization_slug);
    send(app, &mut tx, mail::announced(&application, &community, profile), now).await?;
    let list = app.settings.announcement_email.clone();
    send(app, &mut tx, mail::announcement_to_list(&list, &community, &title, &summary, format!("/news/{slug}")), now)
        .await?;
    let base = &app.settings.base_url;
    let (news_url, profile_url) =
        (format!("{base}/news/{slug}"), format!("{base}/partners/{}", application.organization_slug));
    let raw = crate::forum::announcement_raw(&summary, &update.name, &news_url, &profile_url);
    crate::forum::enqueue_announcement(app, &mut tx, &title, &raw, now).await?;
    let about = (org, application.organization_slug.as_str(), update.name.as_str());
    let fields = serde_json::json!({
        "application_id": id,
        "news_url": news_url,
        "announced_at": crate::webhooks::timestamp(now),
    });
    crate::webhooks::emit_for_organization(
        app,
        &mut tx,
        crate::webhooks::EventKind::PartnerAnnounced,
        about,
        fields,
        now,
    )
    .await?;
    crate::webhooks::emit_post(app, &mut tx, (post_id, &slug, &title), PostKind::Announcement.key(), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(slug)
}
