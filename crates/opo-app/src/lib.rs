//! The use cases of OPO Portal. Each one that changes data runs in one transaction that also writes its
//! audit entry (and, as the program grows, enqueues its e-mail), so a change and its record never part.
//! Reads return view models with vocabulary labels already resolved, ready for any surface.

pub mod accounts;
pub mod activities;
pub mod admin_export;
pub mod agreements;
pub mod api_tokens;
pub mod applications;
pub mod audit;
pub mod calendar;
pub mod calendar_feed;
pub mod checkins;
pub mod contacts;
pub mod dashboard;
pub mod demo;
pub mod directory;
pub mod discourse;
pub mod discourse_connect;
mod error;
pub mod form_stamps;
pub mod forum;
pub mod import;
pub mod jobs;
pub mod landing;
pub mod logos;
pub mod mail_text;
pub mod mailer;
pub mod notifications;
pub mod operations;
pub mod organizations;
mod page_edits;
pub mod pages;
pub mod partner_translations;
pub mod partners;
pub mod planning;
pub mod posts;
pub mod rate_limits;
pub mod renewals;
pub mod reviews;
pub mod secrets;
pub mod sessions;
mod settings;
pub mod setup;
pub mod showcase;
pub mod site_generation;
pub mod statistics;
pub mod webhooks;
pub mod worker;
mod workflow_mail;

pub use error::AppError;
pub use settings::{DiscourseSettings, Settings, StageLimits};

use opo_domain::clock::Clock;
use opo_store::Db;
use opo_store::audit::AuditEntry;
use std::sync::Arc;

/// Everything a use case needs: the database, the clock and the settings.
#[derive(Debug, Clone)]
pub struct App {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    /// The directory's index of the current site generation, shared by every clone.
    pub directory: Arc<directory::IndexCache>,
}

impl App {
    pub fn new(db: Db, clock: Arc<dyn Clock>, settings: Settings) -> Self {
        Self { db, clock, settings: Arc::new(settings), directory: Arc::default() }
    }
}

/// Who a change is made by, for the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    pub user_id: Option<i64>,
    pub label: String,
    pub ip: String,
}

impl Actor {
    /// A change made from the command line by the operator of the machine.
    pub fn cli() -> Self {
        Self { user_id: None, label: "cli".to_owned(), ip: String::new() }
    }

    /// A signed-in person, seen from `ip`.
    pub fn user(user: &opo_store::accounts::User, ip: &str) -> Self {
        Self { user_id: Some(user.id), label: user.email.clone(), ip: ip.to_owned() }
    }

    /// A change the service makes by itself (start-up, scheduled work).
    pub fn system() -> Self {
        Self { user_id: None, label: "system".to_owned(), ip: String::new() }
    }

    pub(crate) fn entry(&self, action: &str, subject_type: &str, subject_id: impl ToString) -> AuditEntry {
        AuditEntry {
            actor_user_id: self.user_id,
            actor_label: self.label.clone(),
            action: action.to_owned(),
            subject_type: subject_type.to_owned(),
            subject_id: subject_id.to_string(),
            ip: self.ip.clone(),
            before_json: None,
            after_json: None,
        }
    }
}

#[cfg(feature = "testing")]
pub mod testing;
