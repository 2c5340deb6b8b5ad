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

pub async fn landing(app: &App) -> Result<Landing, AppError> {
    let now = app.clock.now();
    let mut conn = app.db.read().await?;
    let wall = store::logo_wall(&mut conn).await?;
    let vocabularies = Vocabularies::load(&mut conn).await?;
    Ok(Landing {
        wall: wall.into_iter().map(|c| vocabularies.card(c)).collect(),
        partner_count: store::count_listed(&mut conn).await?,
        country_count: store::count_listed_countries(&mut conn).await?,
        news: post_store::latest_published(&mut conn, now, 4).await?,
        webinars: post_store::upcoming_webinars(&mut conn, now, 3).await?,
    })
}
