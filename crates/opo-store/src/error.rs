//! What can go wrong in the store.

/// An error from the database, with unique-constraint violations told apart so callers can turn
/// them into a clear message.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("the database address is not usable: {0}")]
    BadUrl(String),
    #[error("could not prepare the data folder {path}: {source}")]
    DataDir { path: String, source: std::io::Error },
    #[error("a record with the same {0} already exists")]
    Duplicate(String),
    #[error("a stored value could not be read: {0}")]
    Corrupt(String),
    #[error("database migration failed: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Database(sqlx::Error),
}

impl From<sqlx::Error> for StoreError {
    fn from(err: sqlx::Error) -> Self {
        if let sqlx::Error::Database(db) = &err
            && db.is_unique_violation()
        {
            let what = db.constraint().map(str::to_owned).unwrap_or_else(|| unique_target(db.message()));
            return Self::Duplicate(what);
        }
        Self::Database(err)
    }
}

/// SQLite names the columns rather than the constraint: "UNIQUE constraint failed: organizations.slug".
fn unique_target(message: &str) -> String {
    message.rsplit(": ").next().unwrap_or(message).to_owned()
}

impl StoreError {
    /// Whether the error says the database could not be reached (as opposed to a bad query).
    pub fn is_unavailable(&self) -> bool {
        matches!(
            self,
            Self::Database(
                sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Tls(_)
            )
        )
    }
}
