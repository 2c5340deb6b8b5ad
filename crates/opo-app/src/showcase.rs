//! Showcase posts written by partners and the secretariat: drafts, edits, publication, and the
//! partners' consent to be featured, which publication checks.

use crate::{Actor, App, AppError, notifications};
use opo_domain::posts::{self, ConsentScope, PostContent, PostInput, PostStatus};
use opo_domain::problems::Clash;
use opo_domain::text::Slug;
use opo_store::accounts::User;
use opo_store::posts::NewPost;
use opo_store::{StoreError, Tx, audit, consents, directory, notifications as outbox, partners, posts as store};

pub use opo_store::consents::RecordedConsent;
pub use opo_store::posts::Draft;

fn content(input: &PostInput) -> Result<PostContent, AppError> {
    input.validate().map_err(AppError::Invalid)
}

fn new_post(slug: String, content: &PostContent) -> NewPost {
    NewPost {
        slug,
        kind: content.kind,
        status: PostStatus::Draft,
        title: content.title.clone(),
        summary: content.summary.clone(),
        body: content.body.clone(),
        event_starts_at: content.event_starts_at,
        event_timezone: content.event_starts_at.map(|_| "UTC".to_owned()),
        join_url: content.join_url.as_ref().map(|u| u.as_str().to_owned()),
        published_at: None,
    }
}

/// A slug made from the title, with a number added when another post has it.
pub(crate) async fn free_slug(tx: &mut Tx, title: &str) -> Result<String, AppError> {
    let base = Slug::from_name(title).map(String::from).unwrap_or_else(|_| "post".to_owned());
    let mut candidate = base.clone();
    let mut n = 2;
    while store::slug_taken(tx, &candidate).await? {
        candidate = format!("{base}-{n}");
        n += 1;
    }
    Ok(candidate)
}

fn snapshot(content: &PostContent) -> String {
    serde_json::json!({
        "kind": content.kind.key(),
        "title": content.title,
        "summary": content.summary,
        "event_starts_at": content.event_starts_at.map(opo_store::format_ts),
    })
    .to_string()
}

/// A partner contact submits a draft about their organization; the secretariat is told. With `consent`,
/// the organization's consent to be featured in this kind of post is recorded at the same time.
pub async fn submit(
    app: &App,
    author: &User,
    organization_slug: &str,
    input: &PostInput,
    consent: bool,
    actor: &Actor,
) -> Result<i64, AppError> {
    let content = content(input)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let organization =
        partners::find_profile(&mut tx, organization_slug).await?.ok_or(AppError::NotFound("organization"))?;
    let slug = free_slug(&mut tx, &content.title).await?;
    let id = store::insert(&mut tx, &new_post(slug, &content), now).await?;
    store::tag_partner(&mut tx, id, organization.card.id, now).await?;
    store::set_author_organization(&mut tx, id, organization.card.id).await?;
    if consent {
        let scope = ConsentScope::Kind(content.kind);
        let consent_id = consents::insert(&mut tx, organization.card.id, scope, &author.email, now).await?;
        audit::record(&mut tx, &actor.entry("consent.given", "consent", consent_id), now).await?;
    }
    let message = notifications::post_submitted(
        app,
        &author.display_name,
        &organization.card.name,
        &content.kind.label().to_lowercase(),
        &content.title,
        id,
    )?;
    outbox::enqueue(&mut tx, &message, now).await?;
    let mut entry = actor.entry("post.submitted", "post", id);
    entry.after_json = Some(snapshot(&content));
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(id)
}

/// The secretariat writes a post itself, optionally about one partner.
pub async fn create(app: &App, input: &PostInput, partner_slug: Option<&str>, actor: &Actor) -> Result<i64, AppError> {
    let content = content(input)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let slug = free_slug(&mut tx, &content.title).await?;
    let id = store::insert(&mut tx, &new_post(slug, &content), now).await?;
    if let Some(partner) = partner_slug.map(str::trim).filter(|s| !s.is_empty()) {
        let org = partners::id_by_slug(&mut tx, partner)
            .await?
            .ok_or_else(|| AppError::invalid("partner", format!("there is no organization \"{partner}\"")))?;
        store::tag_partner(&mut tx, id, org, now).await?;
    }
    let mut entry = actor.entry("post.created", "post", id);
    entry.after_json = Some(snapshot(&content));
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(id)
}

async fn existing(tx: &mut Tx, id: i64) -> Result<Draft, AppError> {
    store::find_draft(tx, id).await?.ok_or(AppError::NotFound("post"))
}

/// The secretariat edits a post (a draft, or a published post, which stays published).
pub async fn update(app: &App, id: i64, input: &PostInput, actor: &Actor) -> Result<(), AppError> {
    let content = content(input)?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let before = existing(&mut tx, id).await?;
    let slug = before.slug.clone();
    store::update_content(&mut tx, id, &new_post(slug, &content), now).await?;
    let mut entry = actor.entry("post.edited", "post", id);
    entry.before_json = Some(
        serde_json::json!({ "kind": before.kind.key(), "title": before.title, "summary": before.summary }).to_string(),
    );
    entry.after_json = Some(snapshot(&content));
    audit::record(&mut tx, &entry, now).await?;
    if before.status == PostStatus::Published {
        for (org, _, _) in &before.partners {
            directory::reindex(&mut tx, *org).await?;
        }
    }
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Publishes a post, if every partner it features has consented to be featured in this kind of post.
pub async fn publish(app: &App, id: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let post = existing(&mut tx, id).await?;
    if post.status == PostStatus::Published {
        return Err(AppError::Conflict(Clash::new("post-published", "this post is published already")));
    }
    let mut missing = Vec::new();
    for (org, _, name) in &post.partners {
        let given: Vec<_> = consents::for_organization(&mut tx, *org).await?.into_iter().map(|c| c.consent).collect();
        if !posts::may_feature(post.kind, &given, now) {
            missing.push(name.clone());
        }
    }
    if !missing.is_empty() {
        let message = format!(
            "{} has not consented to be featured in this kind of post ({}); record their consent first",
            missing.join(" and "),
            post.kind.label()
        );
        return Err(AppError::Conflict(
            Clash::new("no-consent", message).with("name", missing.join(", ")).with("kind", post.kind.key()),
        ));
    }
    store::set_status(&mut tx, id, PostStatus::Published, Some(now), now).await?;
    for (org, _, _) in &post.partners {
        directory::reindex(&mut tx, *org).await?;
    }
    audit::record(&mut tx, &actor.entry("post.published", "post", id), now).await?;
    crate::webhooks::emit_post(app, &mut tx, (id, &post.slug, &post.title), post.kind.key(), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

/// Takes a published post back to draft.
pub async fn unpublish(app: &App, id: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let post = existing(&mut tx, id).await?;
    if post.status != PostStatus::Published {
        return Err(AppError::Conflict(Clash::new("post-not-published", "only a published post can be taken back")));
    }
    store::set_status(&mut tx, id, PostStatus::Draft, None, now).await?;
    for (org, _, _) in &post.partners {
        directory::reindex(&mut tx, *org).await?;
    }
    audit::record(&mut tx, &actor.entry("post.unpublished", "post", id), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

pub async fn find(app: &App, id: i64) -> Result<Draft, AppError> {
    let mut conn = app.db.read().await?;
    store::find_draft(&mut conn, id).await?.ok_or(AppError::NotFound("post"))
}

pub async fn all(app: &App) -> Result<Vec<Draft>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::all_drafts(&mut conn).await?)
}

pub async fn of_organization(app: &App, organization_id: i64) -> Result<Vec<Draft>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::drafts_of(&mut conn, organization_id).await?)
}

/// Records that an organization consents to be featured (in every post, or one kind).
pub async fn give_consent(
    app: &App,
    organization_id: i64,
    scope: &str,
    given_by: &str,
    actor: &Actor,
) -> Result<i64, AppError> {
    let scope =
        ConsentScope::parse(scope).ok_or_else(|| AppError::invalid("scope", "choose what the consent covers"))?;
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let id = consents::insert(&mut tx, organization_id, scope, given_by, now).await?;
    let mut entry = actor.entry("consent.given", "consent", id);
    entry.after_json = Some(serde_json::json!({ "organization": organization_id, "scope": scope.key() }).to_string());
    audit::record(&mut tx, &entry, now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(id)
}

/// Withdraws a consent; posts published before stay, new ones need consent again.
pub async fn withdraw_consent(app: &App, organization_id: i64, consent_id: i64, actor: &Actor) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    if !consents::withdraw(&mut tx, consent_id, organization_id, &actor.label, now).await? {
        return Err(AppError::Conflict(Clash::new("consent-not-in-force", "this consent is not in force")));
    }
    audit::record(&mut tx, &actor.entry("consent.withdrawn", "consent", consent_id), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(())
}

pub async fn consents_of(app: &App, organization_id: i64) -> Result<Vec<RecordedConsent>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(consents::for_organization(&mut conn, organization_id).await?)
}
