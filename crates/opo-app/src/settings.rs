//! Settings the use cases need: where links point, who the community is, how long secrets live.

use time::Duration;

#[derive(Debug, Clone)]
pub struct Settings {
    /// The public address of the site, without a trailing slash.
    pub base_url: String,
    pub community_name: String,
    pub secretariat_email: String,
    /// A session ends after this long without a request…
    pub session_idle: Duration,
    /// …and after this long in any case.
    pub session_absolute: Duration,
    /// How long a sign-in link works.
    pub link_lifetime: Duration,
    /// How long the link in an invitation works.
    pub invitation_lifetime: Duration,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            base_url: "http://127.0.0.1:8080".to_owned(),
            community_name: "OpenHIE".to_owned(),
            secretariat_email: "secretariat@portal.example".to_owned(),
            session_idle: Duration::hours(2),
            session_absolute: Duration::hours(12),
            link_lifetime: Duration::minutes(20),
            invitation_lifetime: Duration::days(7),
        }
    }
}
