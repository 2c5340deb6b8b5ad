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

/// How many applications reached a stage, and how long the ones that left it stayed (median, in days).
#[derive(Debug, Clone, PartialEq)]
pub struct StageFigures {
    pub stage: Stage,
    pub reached: i64,
    pub median_days: Option<f64>,
}

/// The application funnel and the time spent per stage, from every application's timeline.
pub async fn funnel(app: &App) -> Result<Vec<StageFigures>, AppError> {
    let mut conn = app.db.read().await?;
    let events = applications::all_events(&mut conn).await?;
    Ok(figures(&events))
}

fn figures(events: &[(i64, String, time::OffsetDateTime)]) -> Vec<StageFigures> {
    use std::collections::{HashMap, HashSet};
    let mut reached: HashMap<Stage, HashSet<i64>> = HashMap::new();
    let mut stays: HashMap<Stage, Vec<f64>> = HashMap::new();
    let mut current: Option<(i64, Stage, time::OffsetDateTime)> = None;
    for (application, kind, at) in events {
        let Some(stage) = opo_domain::applications::stage_entered_by(kind) else { continue };
        if let Some((id, previous, since)) = current
            && id == *application
            && previous != stage
        {
            stays.entry(previous).or_default().push((*at - since).as_seconds_f64() / 86_400.0);
        }
        if current.is_none_or(|(id, previous, _)| id != *application || previous != stage) {
            current = Some((*application, stage, *at));
        }
        reached.entry(stage).or_default().insert(*application);
    }
    Stage::ALL
        .iter()
        .map(|stage| {
            let mut days = stays.remove(stage).unwrap_or_default();
            days.sort_by(f64::total_cmp);
            let median = match days.len() {
                0 => None,
                n if n % 2 == 1 => Some(days[n / 2]),
                n => Some((days[n / 2 - 1] + days[n / 2]) / 2.0),
            };
            StageFigures {
                stage: *stage,
                reached: reached.get(stage).map_or(0, |s| s.len() as i64),
                median_days: median,
            }
        })
        .collect()
}

/// What needs the secretariat's attention today, in numbers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Attention {
    pub applications_late: i64,
    pub checkins_due: i64,
    pub checkins_overdue: i64,
    pub renewals_due: i64,
    pub in_grace: i64,
    pub lapsed: i64,
    pub emails_failed: i64,
    pub jobs_dead: i64,
}

pub async fn attention(app: &App) -> Result<Attention, AppError> {
    // Only the number of late applications is shown, so no row is read.
    let no_rows = crate::applications::Window { offset: 0, limit: 0 };
    let board = crate::applications::board(app, &[], true, Some(no_rows)).await?;
    let checkins = crate::checkins::board(app).await?;
    let mut conn = app.db.read().await?;
    let statuses = opo_store::dashboard::partners_by_status(&mut conn).await?;
    let status = |key: &str| statuses.iter().find(|(s, _)| s == key).map_or(0, |(_, n)| *n);
    let (_, emails_failed) = notifications::counts(&mut conn).await?;
    let (_, jobs_dead) = opo_store::jobs::counts(&mut conn).await?;
    Ok(Attention {
        applications_late: board.matching,
        checkins_due: checkins.due.len() as i64,
        checkins_overdue: checkins.overdue.len() as i64,
        renewals_due: status("renewal-due"),
        in_grace: status("in-grace"),
        lapsed: status("lapsed"),
        emails_failed,
        jobs_dead,
    })
}

/// Check-ins per year (all, completed) and agreements signed per year (first time, renewed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Years {
    pub checkins: Vec<(String, i64, i64)>,
    pub signatures: Vec<(String, i64, i64)>,
}

pub async fn years(app: &App) -> Result<Years, AppError> {
    let mut conn = app.db.read().await?;
    Ok(Years {
        checkins: opo_store::dashboard::checkins_by_year(&mut conn).await?,
        signatures: opo_store::dashboard::signatures_by_year(&mut conn).await?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn the_funnel_counts_each_application_once_per_stage_and_measures_finished_stays() {
        let day = |d: u8| datetime!(2026-01-01 00:00 UTC) + time::Duration::days(i64::from(d));
        let e = |id: i64, kind: &str, d: u8| (id, kind.to_owned(), day(d));
        let events = vec![
            e(1, "interest", 0),
            e(1, "call_scheduled", 4),
            e(1, "call_moved", 5),
            e(1, "invited", 10),
            e(2, "interest", 0),
            e(2, "call_scheduled", 2),
            e(3, "interest", 1),
            e(3, "withdrawn", 2),
        ];
        let figures = figures(&events);
        let of = |stage: Stage| figures.iter().find(|f| f.stage == stage).cloned().expect("a row per stage");
        assert_eq!(of(Stage::Interest).reached, 3);
        assert_eq!(of(Stage::Interest).median_days, Some(2.0), "stays of 4, 2 and 1 days");
        assert_eq!(of(Stage::IntroCall).reached, 2);
        assert_eq!(of(Stage::IntroCall).median_days, Some(6.0), "only the finished stay counts; a move is not a stage");
        assert_eq!(of(Stage::Invited).median_days, None, "still there");
        assert_eq!(of(Stage::Withdrawn).reached, 1);
    }
}
