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
    /// Whether the error says the database could not be reached or cannot take the write right now (as
    /// opposed to a bad query): worth retrying later. A PostgreSQL server that is restarting answers
    /// with its own codes before its socket closes, and a full disk is a passing state too.
    pub fn is_unavailable(&self) -> bool {
        match self {
            Self::Database(
                sqlx::Error::Io(_)
                | sqlx::Error::PoolTimedOut
                | sqlx::Error::PoolClosed
                | sqlx::Error::Tls(_)
                | sqlx::Error::WorkerCrashed,
            ) => true,
            Self::Database(sqlx::Error::Database(db)) => db.code().is_some_and(|code| unavailable_code(&code)),
            _ => false,
        }
    }

    /// Whether the database refused the write because its disk is full (SQLite's `SQLITE_FULL`,
    /// PostgreSQL's `disk_full`); nothing of the transaction was stored.
    pub fn is_storage_full(&self) -> bool {
        matches!(self, Self::Database(sqlx::Error::Database(db)) if db.code().is_some_and(|c| c == "13" || c == "53100"))
    }
}

/// The codes of a database that is down, restarting, out of connections or out of space: PostgreSQL's
/// SQLSTATE class 08 (connection exception), 57P01–57P03 (shutting down, crashed, starting up), 53xxx
/// (insufficient resources: disk full, out of memory, too many connections); SQLite's `SQLITE_FULL`
/// (13) and its `SQLITE_IOERR` family (10, and extended codes whose low byte is 10).
fn unavailable_code(code: &str) -> bool {
    // A SQLSTATE is always five characters and may be all digits ("08006"); SQLite's extended result
    // codes stay below 10,000.
    if code.len() < 5
        && let Ok(sqlite) = code.parse::<u32>()
    {
        return sqlite == 13 || sqlite & 0xff == 10;
    }
    code.starts_with("08") || matches!(code, "57P01" | "57P02" | "57P03") || code.starts_with("53")
}

#[cfg(test)]
mod tests {
    use super::unavailable_code;

    #[test]
    fn outages_and_full_disks_are_told_from_bad_queries() {
        for code in ["08006", "08001", "57P01", "57P03", "53100", "53300", "13", "10", "778"] {
            assert!(unavailable_code(code), "{code}");
        }
        for code in ["23505", "42P01", "40001", "19", "2067", "1"] {
            assert!(!unavailable_code(code), "{code}");
        }
    }
}
