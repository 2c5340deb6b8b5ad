//! The partner directory's in-memory index (`opo_domain::directory_index`) and the vocabularies that
//! label its facets, kept for one generation of the public site: every change the public can see
//! (the vocabularies' seeding included) bumps the generation in its own transaction, so the next search
//! after it, on any instance, rebuilds them before answering.

use crate::partners::Vocabularies;
use crate::{App, AppError};
use opo_domain::directory_index::DirectoryIndex;
use std::sync::{Arc, RwLock};

/// What a search reads besides the page of cards it shows.
#[derive(Debug)]
pub struct Directory {
    pub index: DirectoryIndex,
    pub(crate) vocabularies: Vocabularies,
}

/// The directory of the current generation, shared by the clones of an [`App`].
#[derive(Debug, Default)]
pub struct IndexCache {
    current: RwLock<Option<(i64, Arc<Directory>)>>,
    /// One rebuild at a time: the searches that arrive meanwhile wait for it instead of each reading
    /// every listed partner again.
    rebuilding: tokio::sync::Mutex<()>,
}

impl IndexCache {
    fn get(&self, generation: i64) -> Option<Arc<Directory>> {
        let current = self.current.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        current.as_ref().filter(|(g, _)| *g == generation).map(|(_, index)| index.clone())
    }

    fn set(&self, generation: i64, index: Arc<Directory>) {
        *self.current.write().unwrap_or_else(std::sync::PoisonError::into_inner) = Some((generation, index));
    }
}

/// The index of the listed partners, and the vocabularies, as the database holds them now.
pub async fn current(app: &App, conn: &mut opo_store::Conn) -> Result<Arc<Directory>, AppError> {
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
    let directory = Arc::new(Directory {
        index: DirectoryIndex::new(opo_store::directory::listed(conn).await?),
        vocabularies: Vocabularies::load(conn).await?,
    });
    app.directory.set(generation, directory.clone());
    Ok(directory)
}
