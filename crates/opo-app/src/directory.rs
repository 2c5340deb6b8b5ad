//! The partner directory's in-memory index (`opo_domain::directory_index`), kept for one generation of
//! the public site: every change the public can see bumps the generation in its own transaction, so
//! the next search after it, on any instance, rebuilds the index before answering.

use crate::{App, AppError};
use opo_domain::directory_index::DirectoryIndex;
use std::sync::{Arc, RwLock};

/// The index of the current generation, shared by the clones of an [`App`].
#[derive(Debug, Default)]
pub struct IndexCache {
    current: RwLock<Option<(i64, Arc<DirectoryIndex>)>>,
    /// One rebuild at a time: the searches that arrive meanwhile wait for it instead of each reading
    /// every listed partner again.
    rebuilding: tokio::sync::Mutex<()>,
}

impl IndexCache {
    fn get(&self, generation: i64) -> Option<Arc<DirectoryIndex>> {
        let current = self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        current.as_ref().filter(|(g, _)| *g == generation).map(|(_, index)| index.clone())
    }

    fn set(&self, generation: i64, index: Arc<DirectoryIndex>) {
        *self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some((generation, index));
    }
}

/// The index of the listed partners as the database holds them now.
pub async fn index(app: &App, conn: &mut opo_store::Conn) -> Result<Arc<DirectoryIndex>, AppError> {
    // The generation is read before the partners: a change committed in between makes the index newer
    // than its generation says, never older, and the next search rebuilds it.
    let generation = opo_store::site_generation::current(conn).await?.value;
    if let Some(index) = app.directory.get(generation) {
        return Ok(index);
    }
    let _turn = app.directory.rebuilding.lock().await;
    if let Some(index) = app.directory.get(generation) {
        return Ok(index);
    }
    let index = Arc::new(DirectoryIndex::new(opo_store::directory::listed(conn).await?));
    app.directory.set(generation, index.clone());
    Ok(index)
}
