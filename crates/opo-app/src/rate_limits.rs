//! Rate limits on sign-in and on requests for sign-in links, counted in fixed windows in the database
//! so that every instance sees the same counts.

use crate::{App, AppError};
use opo_store::{StoreError, rate_limits};
use time::{Duration, OffsetDateTime};

/// At most `max` hits per `window` for one key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub scope: &'static str,
    pub max: i64,
    pub window: Duration,
}

/// Sign-in attempts (password or link) from one address.
pub const SIGN_IN_PER_IP: Limit = Limit { scope: "sign-in-ip", max: 20, window: Duration::minutes(15) };
/// Password attempts on one account.
pub const SIGN_IN_PER_ACCOUNT: Limit = Limit { scope: "sign-in-account", max: 5, window: Duration::minutes(15) };
/// Sign-in links asked from one address.
pub const LINKS_PER_IP: Limit = Limit { scope: "link-ip", max: 10, window: Duration::minutes(15) };
/// Sign-in links asked for one e-mail address.
pub const LINKS_PER_EMAIL: Limit = Limit { scope: "link-email", max: 3, window: Duration::minutes(15) };

/// Expressions of interest sent from one address: enough for a few colleagues behind one office
/// network, too few for a spam run.
pub const INTEREST_PER_IP: Limit = Limit { scope: "interest-ip", max: 5, window: Duration::hours(1) };

/// Every limit, for the operator's overrides.
pub const ALL: [Limit; 5] = [SIGN_IN_PER_IP, SIGN_IN_PER_ACCOUNT, LINKS_PER_IP, LINKS_PER_EMAIL, INTEREST_PER_IP];

/// Reads an operator's overrides of the limits' maxima, `scope=max` separated by commas
/// (`link-ip=50, sign-in-ip=100`): a whole organization behind one address may need more than the
/// defaults. An unknown scope or a maximum below one is refused with the reason.
pub fn parse_overrides(text: &str) -> Result<Vec<(String, i64)>, String> {
    let mut overrides = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (scope, max) = part.split_once('=').ok_or_else(|| format!("{part:?} must look like scope=number"))?;
        let scope = scope.trim();
        if !ALL.iter().any(|l| l.scope == scope) {
            let known = ALL.iter().map(|l| l.scope).collect::<Vec<_>>().join(", ");
            return Err(format!("{scope:?} is not a rate limit; the limits are {known}"));
        }
        let max = max.trim().parse::<i64>().ok().filter(|m| *m >= 1).ok_or_else(|| {
            format!("the maximum of {scope} must be a whole number of at least 1, not {:?}", max.trim())
        })?;
        overrides.push((scope.to_owned(), max));
    }
    Ok(overrides)
}

fn window_start(now: OffsetDateTime, window: Duration) -> OffsetDateTime {
    let seconds = window.whole_seconds().max(1);
    let start = now.unix_timestamp().div_euclid(seconds) * seconds;
    OffsetDateTime::from_unix_timestamp(start).unwrap_or(now)
}

/// Counts a hit for each (limit, key) and refuses when any goes over its maximum. The hits are
/// committed at once, apart from whatever the caller does next, so a failed attempt still counts.
pub async fn check(app: &App, hits: &[(Limit, &str)]) -> Result<(), AppError> {
    let now = app.clock.now();
    let mut tx = app.db.begin().await?;
    let mut retry_after = 0_i64;
    for (limit, key) in hits {
        let start = window_start(now, limit.window);
        let count = rate_limits::hit(&mut tx, limit.scope, &key.to_lowercase(), start, now).await?;
        let max = app.settings.rate_limits.iter().find(|(scope, _)| scope == limit.scope).map_or(limit.max, |o| o.1);
        if count > max {
            retry_after = retry_after.max((start + limit.window - now).whole_seconds().max(1));
        }
    }
    if now.minute() == 0 {
        // Once an hour or so, forget windows that ended long ago.
        rate_limits::prune(&mut tx, now - Duration::days(1)).await?;
    }
    tx.commit().await.map_err(StoreError::from)?;
    if retry_after > 0 {
        tracing::warn!(retry_after, "rate limit reached");
        return Err(AppError::RateLimited { retry_after: retry_after.unsigned_abs() });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    #[test]
    fn overrides_name_known_limits_with_a_positive_maximum() {
        assert_eq!(
            parse_overrides(" link-ip=50, sign-in-ip = 100 ,"),
            Ok(vec![("link-ip".to_owned(), 50), ("sign-in-ip".to_owned(), 100)])
        );
        assert_eq!(parse_overrides(""), Ok(Vec::new()));
        assert!(parse_overrides("links=5").is_err_and(|e| e.contains("link-email")), "names the known limits");
        assert!(parse_overrides("link-ip=0").is_err_and(|e| e.contains("at least 1")));
        assert!(parse_overrides("link-ip").is_err_and(|e| e.contains("scope=number")));
    }

    #[test]
    fn windows_are_aligned_so_every_instance_counts_in_the_same_one() {
        let w = Duration::minutes(15);
        assert_eq!(window_start(datetime!(2026-11-25 10:14:59 UTC), w), datetime!(2026-11-25 10:00 UTC));
        assert_eq!(window_start(datetime!(2026-11-25 10:15:00 UTC), w), datetime!(2026-11-25 10:15 UTC));
    }
}
