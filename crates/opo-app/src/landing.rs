//! What the landing page shows: the logo wall, the numbers, the news and the coming webinars.

use crate::partners::{Card, Vocabularies};
use crate::{App, AppError};
use opo_store::partners as store;
use opo_store::posts::{self as post_store, PostCard};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landing {
    pub wall: Vec<Card>,
    pub partner_count: i64,
    pub country_count: i64,
    pub news: Vec<PostCard>,
    pub webinars: Vec<PostCard>,
}

/// How many logos the landing page shows: the featured partners first, then the others by name; the
/// rest are one click away in the directory, so the page weighs the same at any number of partners.
pub const LANDING_WALL_SIZE: i64 = 48;

/// The most logos the embeddable wall lists whatever `limit` it is asked for.
pub const WIDGET_WALL_MAX: i64 = 200;

pub async fn landing(app: &App) -> Result<Landing, AppError> {
    let now = app.clock.now();
    let mut conn = app.db.read().await?;
    let wall = store::logo_wall_first(&mut conn, LANDING_WALL_SIZE).await?;
    let vocabularies = Vocabularies::load(&mut conn).await?;
    Ok(Landing {
        wall: wall.into_iter().map(|c| vocabularies.card(c)).collect(),
        partner_count: store::count_listed(&mut conn).await?,
        country_count: store::count_listed_countries(&mut conn).await?,
        news: post_store::latest_published(&mut conn, now, 4).await?,
        webinars: post_store::upcoming_webinars(&mut conn, now, 3).await?,
    })
}

/// The first logos of the wall for the embeddable widget: `limit` of them, at least one and at most
/// [`WIDGET_WALL_MAX`].
pub async fn logo_wall(app: &App, limit: i64) -> Result<Vec<Card>, AppError> {
    let mut conn = app.db.read().await?;
    let wall = store::logo_wall_first(&mut conn, limit.clamp(1, WIDGET_WALL_MAX)).await?;
    let vocabularies = Vocabularies::load(&mut conn).await?;
    Ok(wall.into_iter().map(|c| vocabularies.card(c)).collect())
}
