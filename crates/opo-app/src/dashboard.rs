//! What the staff home pages show: the state of the program at a glance.

use crate::{App, AppError};
use opo_domain::applications::Stage;
use opo_store::audit::RecordedEntry;
use opo_store::{applications, audit, notifications, partners};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overview {
    pub listed_partners: i64,
    pub applications: Vec<(Stage, i64)>,
    pub emails_waiting: i64,
    pub emails_failed: i64,
    pub recent_activity: Vec<RecordedEntry>,
}

pub async fn overview(app: &App) -> Result<Overview, AppError> {
    let mut conn = app.db.read().await?;
    let (emails_waiting, emails_failed) = notifications::counts(&mut conn).await?;
    Ok(Overview {
        listed_partners: partners::count_listed(&mut conn).await?,
        applications: applications::count_by_stage(&mut conn).await?,
        emails_waiting,
        emails_failed,
        recent_activity: audit::recent(&mut conn, 8).await?,
    })
}
