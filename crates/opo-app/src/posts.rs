//! Reading showcase posts.

use crate::{App, AppError};
use opo_store::posts as store;
pub use opo_store::posts::{Post, PostCard};

/// A published post by its slug.
pub async fn published(app: &App, slug: &str) -> Result<Post, AppError> {
    let mut conn = app.db.read().await?;
    store::find_published(&mut conn, slug, app.clock.now()).await?.ok_or(AppError::NotFound("post"))
}

pub use opo_store::posts::PostFilter;

/// Published posts for a feed or a page of the news list.
pub async fn published_list(
    app: &App,
    filter: &PostFilter,
    offset: i64,
    limit: i64,
) -> Result<(Vec<Post>, i64), AppError> {
    let now = app.clock.now();
    let mut conn = app.db.read().await?;
    let posts = store::published(&mut conn, filter, now, offset, limit).await?;
    let total = store::count_published(&mut conn, filter, now).await?;
    Ok((posts, total))
}

/// The filter for one partner's posts; a partner without a public profile has no feed.
pub async fn partner_filter(app: &App, slug: &str) -> Result<(PostFilter, String), AppError> {
    let profile = crate::partners::profile(app, slug).await?;
    let mut conn = app.db.read().await?;
    let id = opo_store::partners::id_by_slug(&mut conn, slug).await?.ok_or(AppError::NotFound("partner"))?;
    Ok((PostFilter { kind: None, organization_id: Some(id) }, profile.card.name))
}

/// Every published webinar, for the events calendar.
pub async fn webinars(app: &App) -> Result<Vec<Post>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::webinars(&mut conn, app.clock.now()).await?)
}
