//! Configuration, in layers: built-in defaults, then a TOML file, then environment variables, then
//! command-line flags; each layer overrides the one before. `validate` runs last.

use anyhow::{Context, bail};
use serde::Deserialize;
use std::fmt;
use std::net::SocketAddr;
use std::path::Path;

/// When the demo data set is loaded by `opo serve`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum DemoMode {
    /// Into an empty embedded (SQLite) database only.
    Auto,
    /// Into any empty database, PostgreSQL too.
    Empty,
    /// Never.
    Off,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum SmtpTls {
    None,
    Starttls,
    Tls,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum LogFormat {
    Text,
    Json,
}

/// The settings as any one layer gives them: everything optional.
#[derive(Debug, Clone, Default, Deserialize, clap::Args)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// Address and port to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "OPO_LISTEN", global = true)]
    pub listen: Option<String>,
    /// Database: sqlite://FILE or postgres://USER@HOST:PORT/DB [default: sqlite://data/opo.db]
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database_url: Option<String>,
    /// Folder for files the service writes, such as e-mails when no SMTP server is set [default: data]
    #[arg(long, env = "OPO_DATA_DIR", global = true)]
    pub data_dir: Option<String>,
    /// Public address of the site, used in links and e-mails [default: http://LISTEN]
    #[arg(long, env = "OPO_BASE_URL", global = true)]
    pub base_url: Option<String>,
    /// Name of the community that runs the program [default: OpenHIE]
    #[arg(long, env = "OPO_COMMUNITY_NAME", global = true)]
    pub community_name: Option<String>,
    /// E-mail address of the secretariat, shown to visitors [default: secretariat@portal.example]
    #[arg(long, env = "OPO_SECRETARIAT_EMAIL", global = true)]
    pub secretariat_email: Option<String>,
    /// When `serve` loads the demo data set [default: auto]
    #[arg(long, env = "OPO_DEMO_DATA", global = true, value_enum)]
    pub demo_data: Option<DemoMode>,
    /// SMTP server host; without it, mail is written as files under the data folder
    #[arg(long, env = "OPO_SMTP_HOST", global = true)]
    pub smtp_host: Option<String>,
    /// SMTP server port [default: 587]
    #[arg(long, env = "OPO_SMTP_PORT", global = true)]
    pub smtp_port: Option<u16>,
    /// SMTP user name
    #[arg(long, env = "OPO_SMTP_USERNAME", global = true)]
    pub smtp_username: Option<String>,
    /// SMTP password (prefer the environment variable to the flag)
    #[arg(long, env = "OPO_SMTP_PASSWORD", global = true, hide_env_values = true)]
    pub smtp_password: Option<String>,
    /// Sender address of outgoing mail [default: the secretariat's address]
    #[arg(long, env = "OPO_SMTP_FROM", global = true)]
    pub smtp_from: Option<String>,
    /// How to secure the SMTP connection [default: starttls]
    #[arg(long, env = "OPO_SMTP_TLS", global = true, value_enum)]
    pub smtp_tls: Option<SmtpTls>,
    /// Log format [default: text]
    #[arg(long, env = "OPO_LOG_FORMAT", global = true, value_enum)]
    pub log_format: Option<LogFormat>,
    /// A bearer token that lets scrapers on other machines read /metrics; without it only this machine may
    #[arg(long, env = "OPO_METRICS_TOKEN", global = true, hide_env_values = true)]
    pub metrics_token: Option<String>,
    /// Seconds between a stop signal and closing the listener, while /readyz already answers 503 [default: 0]
    #[arg(long, env = "OPO_SHUTDOWN_DELAY", global = true)]
    pub shutdown_delay: Option<u64>,
    /// Seconds in-flight requests and the running job get to finish after a stop signal [default: 30]
    #[arg(long, env = "OPO_SHUTDOWN_TIMEOUT", global = true)]
    pub shutdown_timeout: Option<u64>,
    /// Committee votes (approve, decline or abstain) a decision needs [default: 2]
    #[arg(long, env = "OPO_REVIEW_QUORUM", global = true)]
    pub review_quorum: Option<u32>,
    /// Share of approvals among approve and decline votes, in percent, that must be exceeded [default: 50]
    #[arg(long, env = "OPO_REVIEW_MAJORITY_PERCENT", global = true)]
    pub review_majority_percent: Option<u32>,
    /// Days an applicant has to answer the committee's question [default: 14]
    #[arg(long, env = "OPO_INFO_REQUEST_DAYS", global = true)]
    pub info_request_days: Option<i64>,
    /// Days an invited applicant's untouched draft waits before a reminder [default: 7]
    #[arg(long, env = "OPO_DRAFT_REMINDER_DAYS", global = true)]
    pub draft_reminder_days: Option<i64>,
    /// Days after a partner agreement expires before the partnership lapses [default: 60]
    #[arg(long, env = "OPO_RENEWAL_GRACE_DAYS", global = true)]
    pub renewal_grace_days: Option<i64>,
    /// Days before a partnership's anniversary its annual check-in opens and the questionnaire goes out [default: 30]
    #[arg(long, env = "OPO_CHECKIN_LEAD_DAYS", global = true)]
    pub checkin_lead_days: Option<i64>,
    /// Where announcements of new partners are e-mailed (the community's mailing list) [default: none]
    #[arg(long, env = "OPO_ANNOUNCEMENT_EMAIL", global = true)]
    pub announcement_email: Option<String>,
    /// Let webhooks go over plain HTTP and to private, loopback and link-local addresses (a receiver on
    /// the same private network) [default: false]
    #[arg(long, env = "OPO_WEBHOOKS_ALLOW_PRIVATE", global = true)]
    pub webhooks_allow_private: Option<bool>,
    /// Seconds browsers keep to HTTPS once told (Strict-Transport-Security, sent when the base URL is
    /// https; 0 sends none) [default: 31536000]
    #[arg(long, env = "OPO_HSTS_MAX_AGE", global = true)]
    pub hsts_max_age: Option<u64>,
    /// Reverse proxies whose X-Forwarded-For or Forwarded names the client, as addresses or CIDR ranges
    /// separated by commas (10.0.0.0/8, 127.0.0.1) [default: none]
    #[arg(long, env = "OPO_TRUSTED_PROXIES", global = true)]
    pub trusted_proxies: Option<String>,
    /// Raised or lowered maxima of rate limits, as scope=max separated by commas (link-ip=50) [default: none]
    #[arg(long, env = "OPO_RATE_LIMITS", global = true)]
    pub rate_limits: Option<String>,
    /// The community forum (Discourse) whose webhook sends expressions of interest
    #[arg(long, env = "OPO_DISCOURSE_URL", global = true)]
    pub discourse_url: Option<String>,
    /// The secret the forum signs its webhook deliveries with
    #[arg(long, env = "OPO_DISCOURSE_WEBHOOK_SECRET", global = true, hide_env_values = true)]
    pub discourse_webhook_secret: Option<String>,
    /// The forum category whose new topics are expressions of interest
    #[arg(long, env = "OPO_DISCOURSE_INTEREST_CATEGORY", global = true)]
    pub discourse_interest_category: Option<i64>,
    /// An API key of the forum, to post announcements of new partners (prefer the environment variable)
    #[arg(long, env = "OPO_DISCOURSE_API_KEY", global = true, hide_env_values = true)]
    pub discourse_api_key: Option<String>,
    /// The forum user the API key posts as [default: system]
    #[arg(long, env = "OPO_DISCOURSE_API_USERNAME", global = true)]
    pub discourse_api_username: Option<String>,
    /// The forum category announcements of new partners are posted in
    #[arg(long, env = "OPO_DISCOURSE_ANNOUNCEMENT_CATEGORY", global = true)]
    pub discourse_announcement_category: Option<i64>,
    /// The secret shared with the forum for signing in through it (DiscourseConnect); offered only when set
    #[arg(long, env = "OPO_DISCOURSE_CONNECT_SECRET", global = true, hide_env_values = true)]
    pub discourse_connect_secret: Option<String>,
}

impl Layer {
    /// Fills what this layer leaves open from `lower`.
    fn over(self, lower: Layer) -> Layer {
        Layer {
            listen: self.listen.or(lower.listen),
            database_url: self.database_url.or(lower.database_url),
            data_dir: self.data_dir.or(lower.data_dir),
            base_url: self.base_url.or(lower.base_url),
            community_name: self.community_name.or(lower.community_name),
            secretariat_email: self.secretariat_email.or(lower.secretariat_email),
            demo_data: self.demo_data.or(lower.demo_data),
            smtp_host: self.smtp_host.or(lower.smtp_host),
            smtp_port: self.smtp_port.or(lower.smtp_port),
            smtp_username: self.smtp_username.or(lower.smtp_username),
            smtp_password: self.smtp_password.or(lower.smtp_password),
            smtp_from: self.smtp_from.or(lower.smtp_from),
            smtp_tls: self.smtp_tls.or(lower.smtp_tls),
            log_format: self.log_format.or(lower.log_format),
            metrics_token: self.metrics_token.or(lower.metrics_token),
            shutdown_delay: self.shutdown_delay.or(lower.shutdown_delay),
            shutdown_timeout: self.shutdown_timeout.or(lower.shutdown_timeout),
            review_quorum: self.review_quorum.or(lower.review_quorum),
            review_majority_percent: self.review_majority_percent.or(lower.review_majority_percent),
            info_request_days: self.info_request_days.or(lower.info_request_days),
            draft_reminder_days: self.draft_reminder_days.or(lower.draft_reminder_days),
            renewal_grace_days: self.renewal_grace_days.or(lower.renewal_grace_days),
            checkin_lead_days: self.checkin_lead_days.or(lower.checkin_lead_days),
            announcement_email: self.announcement_email.or(lower.announcement_email),
            webhooks_allow_private: self.webhooks_allow_private.or(lower.webhooks_allow_private),
            hsts_max_age: self.hsts_max_age.or(lower.hsts_max_age),
            trusted_proxies: self.trusted_proxies.or(lower.trusted_proxies),
            rate_limits: self.rate_limits.or(lower.rate_limits),
            discourse_url: self.discourse_url.or(lower.discourse_url),
            discourse_webhook_secret: self.discourse_webhook_secret.or(lower.discourse_webhook_secret),
            discourse_interest_category: self.discourse_interest_category.or(lower.discourse_interest_category),
            discourse_api_key: self.discourse_api_key.or(lower.discourse_api_key),
            discourse_api_username: self.discourse_api_username.or(lower.discourse_api_username),
            discourse_announcement_category: self
                .discourse_announcement_category
                .or(lower.discourse_announcement_category),
            discourse_connect_secret: self.discourse_connect_secret.or(lower.discourse_connect_secret),
        }
    }
}

/// SMTP settings; the password is never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: String,
    pub tls: SmtpTls,
}

impl fmt::Debug for Smtp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Smtp")
            .field("host", &self.host)
            .field("port", &self.port)
            .field("username", &self.username)
            .field("password", &self.password.as_ref().map(|_| "[redacted]"))
            .field("from", &self.from)
            .field("tls", &self.tls)
            .finish()
    }
}

/// A secret setting: printed as `[redacted]`.
#[derive(Clone, PartialEq, Eq)]
pub struct Redacted(pub String);

impl fmt::Debug for Redacted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// The settings in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Config {
    pub listen: SocketAddr,
    pub database_url: String,
    pub data_dir: std::path::PathBuf,
    pub base_url: String,
    pub community_name: String,
    pub secretariat_email: String,
    pub demo_data: DemoMode,
    pub smtp: Option<Smtp>,
    pub log_format: LogFormat,
    pub metrics_token: Option<Redacted>,
    pub shutdown_delay: std::time::Duration,
    pub shutdown_timeout: std::time::Duration,
    pub review_quorum: u32,
    pub review_majority_percent: u32,
    pub info_request_days: i64,
    pub draft_reminder_days: i64,
    pub renewal_grace_days: i64,
    pub checkin_lead_days: i64,
    pub announcement_email: String,
    pub webhooks_allow_private: bool,
    /// The `max-age` of `Strict-Transport-Security` over HTTPS; zero sends none.
    pub hsts_max_age: u64,
    /// The reverse proxies whose forwarding headers are believed.
    pub trusted_proxies: Vec<opo_web::IpNet>,
    pub rate_limits: Vec<(String, i64)>,
    pub discourse: Option<Discourse>,
    pub discourse_connect: Option<DiscourseConnect>,
}

/// Signing in through the forum (DiscourseConnect); the secret is never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct DiscourseConnect {
    pub url: String,
    pub secret: String,
}

impl fmt::Debug for DiscourseConnect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("DiscourseConnect").field("url", &self.url).finish_non_exhaustive()
    }
}

/// Sign-in through the forum, when its shared secret is set; the forum's address is then required.
fn discourse_connect(url: Option<&str>, secret: Option<String>) -> anyhow::Result<Option<DiscourseConnect>> {
    let Some(secret) = secret.filter(|s| !s.trim().is_empty()) else { return Ok(None) };
    let url = url.map(|u| u.trim().trim_end_matches('/').to_owned()).filter(|u| !u.is_empty());
    let Some(url) = url else {
        bail!("signing in through the forum (--discourse-connect-secret) needs the forum's address (--discourse-url)")
    };
    if !(url.starts_with("http://") || url.starts_with("https://")) {
        bail!("the forum's address {url:?} must start with http:// or https://");
    }
    if secret.trim().len() < 10 {
        bail!("the secret shared with the forum (--discourse-connect-secret) must be at least 10 characters long");
    }
    Ok(Some(DiscourseConnect { url, secret: secret.trim().to_owned() }))
}

/// The community forum; the webhook secret and the API key are never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct Discourse {
    pub url: String,
    /// Empty when the webhook is not used: then every delivery is refused.
    pub webhook_secret: String,
    pub interest_category: Option<i64>,
    pub api_key: Option<String>,
    pub api_username: String,
    pub announcement_category: Option<i64>,
}

impl fmt::Debug for Discourse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Discourse")
            .field("url", &self.url)
            .field("interest_category", &self.interest_category)
            .field("api_username", &self.api_username)
            .field("announcement_category", &self.announcement_category)
            .finish_non_exhaustive()
    }
}

/// The forum, when its address is set and either the webhook secret (expressions of interest come in) or
/// an API key (announcements go out) is.
fn discourse(
    url: Option<String>,
    webhook_secret: Option<String>,
    interest_category: Option<i64>,
    api_key: Option<String>,
    api_username: Option<String>,
    announcement_category: Option<i64>,
) -> Option<Discourse> {
    let url = url.map(|u| u.trim().trim_end_matches('/').to_owned()).filter(|u| !u.is_empty())?;
    let webhook_secret = webhook_secret.filter(|s| !s.trim().is_empty()).unwrap_or_default();
    let api_key = api_key.map(|k| k.trim().to_owned()).filter(|k| !k.is_empty());
    if webhook_secret.is_empty() && api_key.is_none() {
        return None;
    }
    Some(Discourse {
        url,
        webhook_secret,
        interest_category,
        api_key,
        api_username: api_username.map(|u| u.trim().to_owned()).unwrap_or_else(|| "system".to_owned()),
        announcement_category,
    })
}

impl Config {
    /// Combines the layers: `flags_and_env` (as clap parsed them) over the file (if any) over defaults.
    pub fn load(flags_and_env: Layer, file: Option<&Path>) -> anyhow::Result<Config> {
        let from_file = match file {
            Some(path) => {
                let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
                toml::from_str::<Layer>(&text).with_context(|| format!("in {}", path.display()))?
            }
            None => Layer::default(),
        };
        Self::from_layer(flags_and_env.over(from_file))
    }

    fn from_layer(layer: Layer) -> anyhow::Result<Config> {
        let listen_text = layer.listen.unwrap_or_else(|| "127.0.0.1:8080".to_owned());
        let listen: SocketAddr = listen_text
            .parse()
            .with_context(|| format!("listen address {listen_text:?} must look like 127.0.0.1:8080"))?;
        let base_url = layer.base_url.unwrap_or_else(|| format!("http://{listen}")).trim_end_matches('/').to_owned();
        let secretariat_email = layer.secretariat_email.unwrap_or_else(|| "secretariat@portal.example".to_owned());
        let smtp = layer.smtp_host.filter(|h| !h.trim().is_empty()).map(|host| Smtp {
            host,
            port: layer.smtp_port.unwrap_or(587),
            username: layer.smtp_username,
            password: layer.smtp_password,
            from: layer.smtp_from.unwrap_or_else(|| secretariat_email.clone()),
            tls: layer.smtp_tls.unwrap_or(SmtpTls::Starttls),
        });
        let config = Config {
            listen,
            database_url: layer.database_url.unwrap_or_else(|| "sqlite://data/opo.db".to_owned()),
            data_dir: layer.data_dir.unwrap_or_else(|| "data".to_owned()).into(),
            base_url,
            community_name: layer.community_name.unwrap_or_else(|| "OpenHIE".to_owned()),
            secretariat_email,
            demo_data: layer.demo_data.unwrap_or(DemoMode::Auto),
            smtp,
            log_format: layer.log_format.unwrap_or(LogFormat::Text),
            metrics_token: layer.metrics_token.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).map(Redacted),
            shutdown_delay: std::time::Duration::from_secs(layer.shutdown_delay.unwrap_or(0)),
            shutdown_timeout: std::time::Duration::from_secs(layer.shutdown_timeout.unwrap_or(30)),
            review_quorum: layer.review_quorum.unwrap_or(2),
            review_majority_percent: layer.review_majority_percent.unwrap_or(50),
            info_request_days: layer.info_request_days.unwrap_or(14),
            draft_reminder_days: layer.draft_reminder_days.unwrap_or(7),
            renewal_grace_days: layer.renewal_grace_days.unwrap_or(60),
            checkin_lead_days: layer.checkin_lead_days.unwrap_or(30),
            announcement_email: layer.announcement_email.unwrap_or_default().trim().to_owned(),
            webhooks_allow_private: layer.webhooks_allow_private.unwrap_or(false),
            hsts_max_age: layer.hsts_max_age.unwrap_or(opo_web::DEFAULT_HSTS_MAX_AGE),
            trusted_proxies: opo_web::parse_trusted_proxies(layer.trusted_proxies.as_deref().unwrap_or_default())
                .map_err(|e| anyhow::anyhow!("trusted proxies: {e}"))?,
            rate_limits: opo_app::rate_limits::parse_overrides(layer.rate_limits.as_deref().unwrap_or_default())
                .map_err(|e| anyhow::anyhow!("rate limits: {e}"))?,
            discourse_connect: discourse_connect(layer.discourse_url.as_deref(), layer.discourse_connect_secret)?,
            discourse: discourse(
                layer.discourse_url,
                layer.discourse_webhook_secret,
                layer.discourse_interest_category,
                layer.discourse_api_key,
                layer.discourse_api_username,
                layer.discourse_announcement_category,
            ),
        };
        config.validate()?;
        Ok(config)
    }

    /// Checks the settings that can be wrong in ways the types do not catch.
    pub fn validate(&self) -> anyhow::Result<()> {
        if !(self.base_url.starts_with("http://") || self.base_url.starts_with("https://")) {
            bail!("base URL {:?} must start with http:// or https://", self.base_url);
        }
        if !(self.database_url.starts_with("sqlite:") || self.database_url.starts_with("postgres")) {
            bail!("DATABASE_URL must start with sqlite:// or postgres://");
        }
        opo_domain::text::EmailAddress::parse(&self.secretariat_email)
            .with_context(|| "the secretariat's e-mail address".to_owned())?;
        if self.review_quorum == 0 || self.review_majority_percent >= 100 {
            bail!("the review quorum must be at least 1 and the majority below 100 percent");
        }
        if !(0..=3650).contains(&self.renewal_grace_days) {
            bail!("the renewal grace period must be between 0 and 3650 days");
        }
        if self.info_request_days < 1 || self.draft_reminder_days < 1 {
            bail!("the answer deadline and the draft reminder must be at least one day");
        }
        if self.shutdown_delay.as_secs() > 300 || self.shutdown_timeout.as_secs() > 3600 {
            bail!("the shutdown delay may be at most 300 seconds and the shutdown timeout at most 3600");
        }
        if !(0..=365).contains(&self.checkin_lead_days) {
            bail!("the check-in lead time must be between 0 and 365 days");
        }
        if !self.announcement_email.is_empty() {
            opo_domain::text::EmailAddress::parse(&self.announcement_email)
                .with_context(|| "the announcement e-mail address".to_owned())?;
        }
        if let Some(smtp) = &self.smtp {
            opo_domain::text::EmailAddress::parse(&smtp.from).with_context(|| "the SMTP sender address".to_owned())?;
        }
        if let Some(forum) = &self.discourse {
            if !(forum.url.starts_with("http://") || forum.url.starts_with("https://")) {
                bail!("the forum's address {:?} must start with http:// or https://", forum.url);
            }
            if forum.api_key.is_some() && forum.announcement_category.is_none() {
                bail!("the forum's API key needs the category announcements go to (--discourse-announcement-category)");
            }
            if forum.api_key.is_some() && forum.api_username.is_empty() {
                bail!("the forum's API key needs the user it acts as (--discourse-api-username)");
            }
        }
        Ok(())
    }

    /// The database address with any password hidden, for logs.
    pub fn database_url_redacted(&self) -> String {
        match (self.database_url.find("://"), self.database_url.find('@')) {
            (Some(scheme), Some(at)) if at > scheme => {
                let userinfo = &self.database_url[scheme + 3..at];
                let user = userinfo.split(':').next().unwrap_or_default();
                let hidden = if userinfo.contains(':') { format!("{user}:[redacted]") } else { user.to_owned() };
                format!("{}{hidden}{}", &self.database_url[..scheme + 3], &self.database_url[at..])
            }
            _ => self.database_url.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_need_no_configuration() {
        let config = Config::from_layer(Layer::default()).expect("defaults are valid");
        assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(config.database_url, "sqlite://data/opo.db");
        assert_eq!(config.base_url, "http://127.0.0.1:8080");
        assert_eq!(config.demo_data, DemoMode::Auto);
        assert!(config.smtp.is_none());
    }

    #[test]
    fn a_higher_layer_overrides_a_lower_one_field_by_field() {
        let file =
            Layer { listen: Some("0.0.0.0:9000".into()), community_name: Some("File".into()), ..Layer::default() };
        let env = Layer { community_name: Some("Env".into()), ..Layer::default() };
        let config = Config::from_layer(env.over(file)).expect("valid");
        assert_eq!(config.listen.to_string(), "0.0.0.0:9000");
        assert_eq!(config.community_name, "Env");
    }

    #[test]
    fn a_file_is_read_and_unknown_keys_are_refused() {
        let dir = tempfile::tempdir().expect("tempdir");
        let good = dir.path().join("good.toml");
        std::fs::write(
            &good,
            "listen = \"127.0.0.1:9100\"\nsmtp_host = \"mail.example.org\"\nsmtp_password = \"s3cret\"\n",
        )
        .expect("write");
        let config = Config::load(Layer::default(), Some(&good)).expect("valid");
        assert_eq!(config.listen.port(), 9100);
        let smtp = config.smtp.expect("smtp set");
        assert_eq!(smtp.port, 587);
        assert!(!format!("{smtp:?}").contains("s3cret"), "the password is never printed");
        let bad = dir.path().join("bad.toml");
        std::fs::write(&bad, "lissen = \"127.0.0.1:9100\"\n").expect("write");
        let err = Config::load(Layer::default(), Some(&bad)).expect_err("typo refused");
        assert!(format!("{err:#}").contains("lissen"), "{err:#}");
    }

    #[test]
    fn rate_limits_can_be_raised_by_name_and_a_wrong_name_is_refused() {
        let raised = Layer { rate_limits: Some("link-ip=50".into()), ..Layer::default() };
        assert_eq!(Config::from_layer(raised).expect("valid").rate_limits, [("link-ip".to_owned(), 50)]);
        let wrong = Layer { rate_limits: Some("links=50".into()), ..Layer::default() };
        let err = Config::from_layer(wrong).expect_err("unknown limit");
        assert!(format!("{err:#}").contains("not a rate limit"), "{err:#}");
    }

    #[test]
    fn bad_values_are_refused_with_a_reason() {
        let err = Config::from_layer(Layer { listen: Some("localhost".into()), ..Layer::default() }).expect_err("bad");
        assert!(err.to_string().contains("127.0.0.1:8080"));
        let err =
            Config::from_layer(Layer { base_url: Some("portal.example".into()), ..Layer::default() }).expect_err("bad");
        assert!(err.to_string().contains("http://"));
        let err =
            Config::from_layer(Layer { database_url: Some("mysql://x".into()), ..Layer::default() }).expect_err("bad");
        assert!(err.to_string().contains("sqlite://"));
    }

    #[test]
    fn signing_in_through_the_forum_needs_its_address_and_its_secret_is_not_printed() {
        let secret = Some("sso-s3cret-shared".to_owned());
        let without_url = Config::from_layer(Layer { discourse_connect_secret: secret.clone(), ..Layer::default() });
        assert!(without_url.expect_err("refused").to_string().contains("--discourse-url"));
        let short = Layer {
            discourse_url: Some("https://forum.example.org".into()),
            discourse_connect_secret: Some("short".into()),
            ..Layer::default()
        };
        assert!(Config::from_layer(short).expect_err("refused").to_string().contains("at least 10"));
        let layer = Layer {
            discourse_url: Some("https://forum.example.org/".into()),
            discourse_connect_secret: secret,
            ..Layer::default()
        };
        let config = Config::from_layer(layer).expect("valid");
        let connect = config.discourse_connect.clone().expect("offered");
        assert_eq!((connect.url.as_str(), connect.secret.as_str()), ("https://forum.example.org", "sso-s3cret-shared"));
        assert!(config.discourse.is_none(), "no webhook or API key: the forum's other uses stay off");
        assert!(!format!("{config:?}").contains("s3cret"));
        let off = Config::from_layer(Layer::default()).expect("valid");
        assert!(off.discourse_connect.is_none(), "not offered without the secret");
    }

    #[test]
    fn the_forum_is_connected_by_a_webhook_secret_or_an_api_key_and_neither_is_printed() {
        let url = Some("https://forum.example.org/".to_owned());
        let only_url = Config::from_layer(Layer { discourse_url: url.clone(), ..Layer::default() }).expect("valid");
        assert!(only_url.discourse.is_none(), "an address alone connects nothing");

        let webhook = Layer {
            discourse_url: url.clone(),
            discourse_webhook_secret: Some("hook-s3cret".into()),
            ..Layer::default()
        };
        let forum = Config::from_layer(webhook).expect("valid").discourse.expect("the webhook");
        assert_eq!(forum.url, "https://forum.example.org");
        assert_eq!((forum.api_key, forum.announcement_category), (None, None));

        let dir = tempfile::tempdir().expect("tempdir");
        let file = dir.path().join("forum.toml");
        std::fs::write(
            &file,
            "discourse_url = \"https://forum.example.org\"\ndiscourse_api_key = \"k3y-from-file\"\n\
             discourse_announcement_category = 7\n",
        )
        .expect("write");
        let flags = Layer { discourse_api_key: Some("k3y-from-flag".into()), ..Layer::default() };
        let config = Config::load(flags, Some(&file)).expect("valid");
        let forum = config.discourse.clone().expect("posting without a webhook");
        assert_eq!(forum.api_key.as_deref(), Some("k3y-from-flag"), "the flag overrides the file");
        assert_eq!(forum.webhook_secret, "", "no webhook secret: deliveries are refused");
        assert_eq!(forum.api_username, "system");
        assert_eq!(forum.announcement_category, Some(7));
        let printed = format!("{config:?}");
        assert!(!printed.contains("k3y") && printed.contains("announcement_category: Some(7)"), "{printed}");
        let printed = format!(
            "{:?}",
            Config::from_layer(Layer {
                discourse_url: url.clone(),
                discourse_webhook_secret: Some("hook-s3cret".into()),
                ..Layer::default()
            })
            .expect("valid")
        );
        assert!(!printed.contains("hook-s3cret"), "{printed}");

        let no_category =
            Layer { discourse_url: url.clone(), discourse_api_key: Some("k3y".into()), ..Layer::default() };
        let err = Config::from_layer(no_category).expect_err("an API key needs its category");
        assert!(err.to_string().contains("--discourse-announcement-category"), "{err}");
        let bad_url = Layer {
            discourse_url: Some("forum.example.org".into()),
            discourse_webhook_secret: Some("hook-s3cret".into()),
            ..Layer::default()
        };
        assert!(Config::from_layer(bad_url).expect_err("no scheme").to_string().contains("http://"));
    }

    #[test]
    fn every_setting_has_its_row_in_the_operators_guide() {
        use clap::Args;
        let guide = include_str!("../../../docs/OPERATIONS.md");
        let rows: Vec<&str> = guide.lines().filter(|l| l.starts_with("| `")).collect();
        let command = Layer::augment_args(clap::Command::new("opo"));
        let mut checked = 0;
        for arg in command.get_arguments() {
            let Some(flag) = arg.get_long() else { continue };
            let env = arg.get_env().and_then(|e| e.to_str()).expect("every setting has an environment variable");
            let row = format!("| `{}` | `--{flag}` | `{env}` |", flag.replace('-', "_"));
            assert!(rows.iter().any(|r| r.starts_with(&row)), "docs/OPERATIONS.md has no row starting {row}");
            checked += 1;
        }
        assert!(checked >= 30, "{checked} settings");
        // And each file key is one the TOML reader takes (a value of the wrong type is another error).
        for flag in command.get_arguments().filter_map(|a| a.get_long()) {
            if let Err(err) = toml::from_str::<Layer>(&format!("{} = 1", flag.replace('-', "_"))) {
                assert!(!err.to_string().contains("unknown field"), "{flag}: {err}");
            }
        }
    }

    #[test]
    fn trusted_proxies_are_read_as_ranges_and_a_wrong_one_is_refused() {
        let set = Layer { trusted_proxies: Some("10.0.0.0/8, 127.0.0.1".into()), ..Layer::default() };
        assert_eq!(Config::from_layer(set).expect("valid").trusted_proxies.len(), 2);
        assert!(Config::from_layer(Layer::default()).expect("valid").trusted_proxies.is_empty(), "none by default");
        let wrong = Layer { trusted_proxies: Some("proxy.example".into()), ..Layer::default() };
        assert!(Config::from_layer(wrong).is_err_and(|e| format!("{e:#}").contains("proxy.example")));
    }

    #[test]
    fn a_database_password_is_hidden_in_logs() {
        let config = Config::from_layer(Layer {
            database_url: Some("postgres://opo:pa55@db.internal:5432/opo".into()),
            ..Layer::default()
        })
        .expect("valid");
        assert_eq!(config.database_url_redacted(), "postgres://opo:[redacted]@db.internal:5432/opo");
    }
}
