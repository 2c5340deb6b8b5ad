//! The generation of the public site, for the cache of rendered pages: it changes in the same
//! transaction as every change the public can see (see `opo_store::site_generation`).

use crate::{App, AppError};
pub use opo_store::site_generation::{Generation, is_public};

pub async fn current(app: &App) -> Result<Generation, AppError> {
    let mut conn = app.db.read().await?;
    Ok(opo_store::site_generation::current(&mut conn).await?)
}
