//! Reading showcase posts.

use crate::{App, AppError};
use opo_store::posts as store;
pub use opo_store::posts::{Post, PostCard};

/// A published post by its slug.
pub async fn published(app: &App, slug: &str) -> Result<Post, AppError> {
    let mut conn = app.db.read().await?;
    store::find_published(&mut conn, slug, app.clock.now()).await?.ok_or(AppError::NotFound("post"))
}
