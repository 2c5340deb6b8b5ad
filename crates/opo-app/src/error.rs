//! What a use case can answer instead of a result.

use opo_domain::partners::FieldError;
use opo_domain::problems::{Clash, Refusal};
use opo_store::StoreError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The thing asked for does not exist (or is not public).
    #[error("{0} not found")]
    NotFound(&'static str),
    /// The input has problems; each names its field.
    #[error("the input has {} problem(s)", .0.len())]
    Invalid(Vec<FieldError>),
    /// The change clashes with what is stored.
    #[error("{0}")]
    Conflict(Clash),
    /// Too many attempts; the caller may try again after this many seconds.
    #[error("too many attempts; try again in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    /// The person could not be recognized: a used or expired link, a wrong password.
    #[error("{0}")]
    Unauthenticated(String),
    /// The person is known, and not allowed to do this.
    #[error("{0}")]
    Forbidden(String),
    /// Something that should not fail did (a template, the system's random numbers).
    #[error("internal error: {0}")]
    Internal(String),
    /// The database could not be reached; worth retrying later.
    #[error("the database is unavailable")]
    Unavailable(#[source] StoreError),
    #[error(transparent)]
    Store(StoreError),
}

impl From<StoreError> for AppError {
    fn from(err: StoreError) -> Self {
        match err {
            StoreError::Duplicate(what) => Self::Conflict(
                Clash::new("duplicate", format!("a record with the same {what} already exists")).with("what", what),
            ),
            err if err.is_unavailable() => Self::Unavailable(err),
            err => Self::Store(err),
        }
    }
}

impl AppError {
    /// A problem with a field that has no code of its own yet: the interface shows its English text.
    pub(crate) fn invalid(field: &'static str, message: impl ToString) -> Self {
        Self::Invalid(vec![FieldError::new(field, "invalid", message.to_string())])
    }

    /// A refused value, with the refusal's code so the interface can word it.
    pub(crate) fn refused(field: &'static str, refusal: &dyn Refusal) -> Self {
        Self::Invalid(vec![FieldError::of(field, refusal)])
    }
}
