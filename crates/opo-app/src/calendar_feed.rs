//! Each staff member's personal calendar feed (iCalendar): intro calls, agreement expiries and
//! check-ins, at an address that carries a secret so calendar programs can subscribe without signing in.
//! The secretariat sees the whole program; a committee member sees the check-ins assigned to them.

use crate::{Actor, App, AppError, secrets};
use icalendar::{Calendar, Component, Event, EventLike};
use opo_domain::accounts::{AccountStatus, Role};
use opo_store::accounts::{self, User};
use opo_store::{StoreError, audit, calendar_feeds as store};
use time::OffsetDateTime;

const PREFIX: &str = "cal_";

/// Makes a new feed address secret for `user` (the old one stops working) and returns it.
pub async fn create(app: &App, user: &User, actor: &Actor) -> Result<String, AppError> {
    if user.role == Role::PartnerContact {
        return Err(AppError::Forbidden("calendar feeds are for the secretariat and the committee".to_owned()));
    }
    let token =
        format!("{PREFIX}{}", secrets::new_token().map_err(|e| AppError::Internal(format!("random numbers: {e}")))?);
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    store::set(&mut tx, user.id, &secrets::token_hash(&token), now).await?;
    audit::record(&mut tx, &actor.entry("calendar_feed.created", "user", user.id), now).await?;
    tx.commit().await.map_err(StoreError::from)?;
    Ok(token)
}

/// When the user's current feed address was made, if there is one.
pub async fn created_at(app: &App, user: &User) -> Result<Option<OffsetDateTime>, AppError> {
    let mut conn = app.db.read().await?;
    Ok(store::created_at(&mut conn, user.id).await?)
}

fn utc(at: OffsetDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(at.unix_timestamp(), 0).unwrap_or_default()
}

fn day(date: time::Date) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(date.year(), u32::from(u8::from(date.month())), u32::from(date.day()))
}

/// The feed behind a secret, as iCalendar text; `NotFound` for an unknown secret or an inactive account.
pub async fn feed(app: &App, token: &str) -> Result<String, AppError> {
    let mut conn = app.db.read().await?;
    let user_id = match token.starts_with(PREFIX) {
        true => store::user_of(&mut conn, &secrets::token_hash(token)).await?,
        false => None,
    };
    let user = match user_id {
        Some(id) => accounts::find_by_id(&mut conn, id).await?,
        None => None,
    };
    let Some(user) = user.filter(|u| u.status == AccountStatus::Active && u.role != Role::PartnerContact) else {
        return Err(AppError::NotFound("calendar"));
    };
    let s = &app.settings;
    let host = s
        .base_url
        .split_once("://")
        .map_or(s.base_url.as_str(), |(_, rest)| rest)
        .split(['/', ':'])
        .next()
        .unwrap_or("localhost");
    let stamp = utc(app.clock.now());
    let whole_program = matches!(user.role, Role::Secretariat | Role::Admin);
    let mut calendar = Calendar::new();
    calendar.name(&format!("{} partner program — {}", s.community_name, user.display_name));
    if whole_program {
        for (id, organization, starts, minutes) in store::intro_calls(&mut conn).await? {
            calendar.push(
                Event::new()
                    .uid(&format!("application-{id}-intro-call@{host}"))
                    .timestamp(stamp)
                    .summary(&format!("Intro call: {organization}"))
                    .starts(utc(starts))
                    .ends(utc(starts + time::Duration::minutes(minutes)))
                    .url(&format!("{}/secretariat/applications/{id}", s.base_url))
                    .done(),
            );
        }
        for (slug, organization, expires) in store::agreement_expiries(&mut conn).await? {
            let Some(date) = day(expires) else { continue };
            calendar.push(
                Event::new()
                    .uid(&format!("agreement-{slug}-{expires}@{host}"))
                    .timestamp(stamp)
                    .summary(&format!("Agreement expires: {organization}"))
                    .all_day(date)
                    .url(&format!("{}/portal/organizations/{slug}", s.base_url))
                    .done(),
            );
        }
    }
    let assignee = if whole_program { None } else { Some(user.id) };
    for (id, organization, due) in store::open_checkins(&mut conn, assignee).await? {
        let Some(date) = day(due) else { continue };
        calendar.push(
            Event::new()
                .uid(&format!("checkin-{id}@{host}"))
                .timestamp(stamp)
                .summary(&format!("Annual check-in due: {organization}"))
                .all_day(date)
                .done(),
        );
    }
    Ok(calendar.done().to_string())
}
