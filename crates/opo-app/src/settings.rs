//! Settings the use cases need: where links point, who the community is, how long secrets live.

use opo_domain::applications::Stage;
use opo_domain::reviews::Rules;
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
    /// How many committee votes a decision needs, and the share of approvals that must be exceeded.
    pub review_rules: Rules,
    /// How long an applicant has to answer the committee's question…
    pub info_request_deadline: Duration,
    /// …and how long before that deadline they are reminded.
    pub info_request_reminder: Duration,
    /// An invited applicant whose draft lies untouched this long is reminded.
    pub draft_idle_reminder: Duration,
    /// How long an application may stay in each stage before it is flagged as late.
    pub stage_limits: StageLimits,
    /// Where announcements of new partners are sent (the community's mailing list); none when empty.
    pub announcement_email: String,
    /// The shortest time a person takes to fill the expression-of-interest form; faster is a script.
    pub interest_min_fill: Duration,
    /// The forum: the webhook that brings expressions of interest, and the API key that posts announcements.
    pub discourse: Option<DiscourseSettings>,
    /// Sign-in through the forum (DiscourseConnect); offered only when its shared secret is set.
    pub discourse_connect: Option<crate::discourse_connect::DiscourseConnectSettings>,
    /// How long after its agreement expires (or had to be signed again) a partnership lapses.
    pub renewal_grace: Duration,
    /// How many days before a partnership's anniversary its check-in is planned and the questionnaire sent.
    pub checkin_lead_days: i64,
    /// How many days past its anniversary an unfinished check-in is escalated to the secretariat.
    pub checkin_overdue_days: i64,
    /// Whether webhooks may be sent over plain HTTP and to private, loopback and link-local addresses
    /// (a receiver on the same private network, a test); off, only public HTTPS receivers are called.
    pub webhooks_allow_private: bool,
    /// The operator's maxima for some rate limits, by scope (`crate::rate_limits::parse_overrides`).
    pub rate_limits: Vec<(String, i64)>,
}

/// The community forum, when one is connected. The secrets are never printed.
#[derive(Clone)]
pub struct DiscourseSettings {
    /// The forum's address, without a trailing slash.
    pub base_url: String,
    /// The secret the forum signs webhook deliveries with; empty when the webhook is not used, and then
    /// every delivery is refused.
    pub webhook_secret: String,
    /// The category whose new topics are expressions of interest.
    pub interest_category_id: Option<i64>,
    /// An API key of the forum, to open topics; announcements are posted only with one.
    pub api_key: Option<String>,
    /// The forum user the API key acts as.
    pub api_username: String,
    /// The category announcements of new partners are posted in.
    pub announcement_category_id: Option<i64>,
}

impl DiscourseSettings {
    /// The API key and the category, when announcements are to be posted to the forum.
    pub fn announcements(&self) -> Option<(&str, i64)> {
        let key = self.api_key.as_deref().map(str::trim).filter(|k| !k.is_empty())?;
        Some((key, self.announcement_category_id?))
    }
}

impl Default for DiscourseSettings {
    fn default() -> Self {
        Self {
            base_url: String::new(),
            webhook_secret: String::new(),
            interest_category_id: None,
            api_key: None,
            api_username: "system".to_owned(),
            announcement_category_id: None,
        }
    }
}

impl std::fmt::Debug for DiscourseSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscourseSettings")
            .field("base_url", &self.base_url)
            .field("webhook_secret", &if self.webhook_secret.is_empty() { "" } else { "[redacted]" })
            .field("interest_category_id", &self.interest_category_id)
            .field("api_key", &self.api_key.as_ref().map(|_| "[redacted]"))
            .field("api_username", &self.api_username)
            .field("announcement_category_id", &self.announcement_category_id)
            .finish()
    }
}

/// Time limits per stage, in days; a stage without a limit is never late.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageLimits(pub Vec<(Stage, i64)>);

impl Default for StageLimits {
    fn default() -> Self {
        use Stage::*;
        Self(vec![
            (Interest, 7),
            (IntroCall, 21),
            (Invited, 45),
            (Submitted, 7),
            (UnderReview, 30),
            (Approved, 7),
            (PageReview, 21),
        ])
    }
}

impl StageLimits {
    pub fn limit(&self, stage: Stage) -> Option<Duration> {
        self.0.iter().find(|(s, _)| *s == stage).map(|(_, days)| Duration::days(*days))
    }

    /// Whether an application that entered `stage` at `entered` is late at `now`.
    pub fn is_late(&self, stage: Stage, entered: time::OffsetDateTime, now: time::OffsetDateTime) -> bool {
        self.limit(stage).is_some_and(|limit| now - entered > limit)
    }
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
            review_rules: Rules::default(),
            info_request_deadline: Duration::days(14),
            info_request_reminder: Duration::days(3),
            draft_idle_reminder: Duration::days(7),
            stage_limits: StageLimits::default(),
            announcement_email: String::new(),
            interest_min_fill: Duration::seconds(3),
            discourse: None,
            discourse_connect: None,
            renewal_grace: Duration::days(60),
            checkin_lead_days: 30,
            checkin_overdue_days: 30,
            webhooks_allow_private: false,
            rate_limits: Vec::new(),
        }
    }
}
