//! Renewal of the partner agreement: where a partnership stands given its latest signature, the grace
//! period, a requirement to re-sign a new version of the agreement by a date, and an admin's override;
//! and which reminder is due on a given day.

use crate::partners::PartnerStatus;
use time::{Date, Duration};

/// Reminders go out this many days before the agreement expires (or must be re-signed).
pub const REMINDER_DAYS: [i64; 3] = [90, 30, 7];

/// How many days before the deadline a partnership shows as "renewal due".
pub const RENEWAL_WINDOW_DAYS: i64 = 90;

/// A new version of the agreement that everyone who has not signed it must sign by a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Requirement {
    pub version: String,
    pub by: Date,
}

/// A status set by an admin that holds until a date (exclusive); `None` holds until changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Override {
    pub status: PartnerStatus,
    pub until: Option<Date>,
    pub reason: String,
}

impl Override {
    /// Whether the override still holds on `today`: it ends on its `until` date.
    pub fn holds(&self, today: Date) -> bool {
        self.until.is_none_or(|until| today < until)
    }
}

/// What the status of one partnership is computed from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Standing {
    /// The status stored now.
    pub current: PartnerStatus,
    /// When the latest signature expires; `None` without any signature.
    pub expires_on: Option<Date>,
    /// A re-signing requirement the organization has not met yet.
    pub requirement: Option<Requirement>,
    pub override_status: Option<Override>,
    pub grace: Duration,
}

/// The computed status and the reason shown with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Computed {
    pub status: PartnerStatus,
    pub reason: String,
}

/// Whether the status of a partnership in `status` follows its agreement (and is recomputed each day);
/// applicants, withdrawn and ended partnerships change only by hand.
pub fn follows_agreement(status: PartnerStatus) -> bool {
    matches!(status, PartnerStatus::Active | PartnerStatus::RenewalDue | PartnerStatus::InGrace | PartnerStatus::Lapsed)
}

/// The day by which the agreement must be signed again: its expiry, or an earlier re-sign-by date.
pub fn deadline(expires_on: Option<Date>, requirement: Option<&Requirement>) -> Option<Date> {
    match (expires_on, requirement.map(|r| r.by)) {
        (Some(e), Some(r)) => Some(e.min(r)),
        (e, r) => e.or(r),
    }
}

fn long(date: Date) -> String {
    format!("{} {} {}", date.day(), date.month(), date.year())
}

/// Where the partnership stands on `today`; `None` when it does not follow its agreement.
pub fn status_on(standing: &Standing, today: Date) -> Option<Computed> {
    if let Some(o) = standing.override_status.as_ref().filter(|o| o.holds(today)) {
        let reason = match o.until {
            Some(until) if o.reason.is_empty() => format!("Set by the secretariat until {}.", long(until)),
            _ => o.reason.clone(),
        };
        return Some(Computed { status: o.status, reason });
    }
    if !follows_agreement(standing.current) {
        return None;
    }
    let requirement = standing.requirement.as_ref();
    let Some(deadline) = deadline(standing.expires_on, requirement) else {
        return Some(Computed { status: PartnerStatus::Lapsed, reason: "No partner agreement is on file.".to_owned() });
    };
    let by_requirement = requirement.filter(|r| r.by == deadline && standing.expires_on.is_none_or(|e| r.by < e));
    let grace_end = deadline + standing.grace;
    let computed = if today >= grace_end {
        let reason = match by_requirement {
            Some(r) => format!(
                "Version {} of the partner agreement was not signed by {}, nor within the grace period that followed.",
                r.version,
                long(r.by)
            ),
            None => format!(
                "The partner agreement expired on {} and was not signed again within the grace period.",
                long(deadline)
            ),
        };
        Computed { status: PartnerStatus::Lapsed, reason }
    } else if today >= deadline {
        let what = match by_requirement {
            Some(r) => format!("Version {} of the partner agreement was due to be signed by {}", r.version, long(r.by)),
            None => format!("The partner agreement expired on {}", long(deadline)),
        };
        Computed {
            status: PartnerStatus::InGrace,
            reason: format!("{what}; it can be signed again until {}.", long(grace_end - Duration::days(1))),
        }
    } else if today >= deadline - Duration::days(RENEWAL_WINDOW_DAYS) || requirement.is_some() {
        let reason = match by_requirement.or(requirement) {
            Some(r) => format!("Version {} of the partner agreement is to be signed by {}.", r.version, long(r.by)),
            None => format!("The partner agreement expires on {}.", long(deadline)),
        };
        Computed { status: PartnerStatus::RenewalDue, reason }
    } else {
        Computed { status: PartnerStatus::Active, reason: String::new() }
    };
    Some(computed)
}

/// The reminder due on `today` for a deadline: 90, 30 or 7 (days before), the latest one whose day has
/// come while the deadline has not; a reminder whose day passed while a later one is due is not sent.
pub fn reminder_due(deadline: Date, today: Date) -> Option<i64> {
    if today >= deadline {
        return None;
    }
    REMINDER_DAYS.into_iter().filter(|days| today >= deadline - Duration::days(*days)).min()
}

/// The days the reminders for a deadline go out on, earliest first.
pub fn reminder_dates(deadline: Date) -> [Date; 3] {
    REMINDER_DAYS.map(|days| deadline - Duration::days(days))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::agreements::expires_on;
    use time::macros::{date, datetime};

    fn standing(expires: Date) -> Standing {
        Standing {
            current: PartnerStatus::Active,
            expires_on: Some(expires),
            requirement: None,
            override_status: None,
            grace: Duration::days(60),
        }
    }

    fn status(s: &Standing, today: Date) -> PartnerStatus {
        status_on(s, today).expect("follows the agreement").status
    }

    #[test]
    fn the_status_follows_the_expiry_and_the_grace_period() {
        let s = standing(date!(2029 - 03 - 10));
        assert_eq!(status(&s, date!(2028 - 12 - 09)), PartnerStatus::Active);
        assert_eq!(status(&s, date!(2028 - 12 - 10)), PartnerStatus::RenewalDue, "90 days before");
        assert_eq!(status(&s, date!(2029 - 03 - 09)), PartnerStatus::RenewalDue);
        assert_eq!(status(&s, date!(2029 - 03 - 10)), PartnerStatus::InGrace, "on the day it expires");
        assert_eq!(status(&s, date!(2029 - 05 - 08)), PartnerStatus::InGrace, "the last day of grace");
        let lapsed = status_on(&s, date!(2029 - 05 - 09)).expect("computed");
        assert_eq!(lapsed.status, PartnerStatus::Lapsed, "60 days after");
        assert!(lapsed.reason.contains("10 March 2029"), "{}", lapsed.reason);
    }

    #[test]
    fn a_leap_day_signature_expires_on_the_last_day_of_february_and_reminders_count_from_it() {
        let expires = expires_on(datetime!(2028-02-29 09:00 UTC));
        assert_eq!(expires, date!(2031 - 02 - 28));
        assert_eq!(reminder_dates(expires), [date!(2030 - 11 - 30), date!(2031 - 01 - 29), date!(2031 - 02 - 21)]);
        // A deadline just after a leap day: 90 days before crosses 29 February.
        assert_eq!(reminder_dates(date!(2028 - 03 - 01))[0], date!(2027 - 12 - 02));
        assert_eq!(reminder_dates(date!(2028 - 03 - 01))[2], date!(2028 - 02 - 23));
        let s = standing(date!(2028 - 03 - 01));
        assert_eq!(status(&s, date!(2028 - 02 - 29)), PartnerStatus::RenewalDue);
        assert_eq!(status(&s, date!(2028 - 03 - 01)), PartnerStatus::InGrace);
        assert_eq!(status(&s, date!(2028 - 04 - 29)), PartnerStatus::InGrace, "60 days counted across April");
        assert_eq!(status(&s, date!(2028 - 04 - 30)), PartnerStatus::Lapsed);
    }

    #[test]
    fn one_reminder_is_due_at_a_time() {
        let d = date!(2029 - 03 - 10);
        assert_eq!(reminder_due(d, date!(2028 - 12 - 09)), None);
        assert_eq!(reminder_due(d, date!(2028 - 12 - 10)), Some(90));
        assert_eq!(reminder_due(d, date!(2029 - 02 - 07)), Some(90));
        assert_eq!(reminder_due(d, date!(2029 - 02 - 08)), Some(30));
        assert_eq!(reminder_due(d, date!(2029 - 03 - 03)), Some(7));
        assert_eq!(reminder_due(d, date!(2029 - 03 - 09)), Some(7));
        assert_eq!(reminder_due(d, date!(2029 - 03 - 10)), None, "not once it has expired");
    }

    #[test]
    fn a_requirement_to_re_sign_makes_renewal_due_and_moves_the_deadline() {
        let mut s = standing(date!(2030 - 06 - 01));
        s.requirement = Some(Requirement { version: "2.0".into(), by: date!(2029 - 01 - 31) });
        let due = status_on(&s, date!(2028 - 06 - 01)).expect("computed");
        assert_eq!(due.status, PartnerStatus::RenewalDue, "due as soon as it is required");
        assert!(due.reason.contains("Version 2.0") && due.reason.contains("31 January 2029"), "{}", due.reason);
        assert_eq!(deadline(s.expires_on, s.requirement.as_ref()), Some(date!(2029 - 01 - 31)));
        assert_eq!(status(&s, date!(2029 - 01 - 31)), PartnerStatus::InGrace);
        assert_eq!(status(&s, date!(2029 - 04 - 01)), PartnerStatus::Lapsed);
        // A requirement later than the expiry: the expiry comes first.
        s.requirement = Some(Requirement { version: "2.0".into(), by: date!(2031 - 01 - 01) });
        assert_eq!(deadline(s.expires_on, s.requirement.as_ref()), Some(date!(2030 - 06 - 01)));
        assert_eq!(status(&s, date!(2030 - 06 - 01)), PartnerStatus::InGrace);
    }

    #[test]
    fn an_override_holds_until_its_date_and_ends_on_it() {
        let mut s = standing(date!(2026 - 01 - 01));
        s.current = PartnerStatus::Lapsed;
        s.override_status = Some(Override {
            status: PartnerStatus::Active,
            until: Some(date!(2027 - 03 - 01)),
            reason: "Paperwork".into(),
        });
        let held = status_on(&s, date!(2027 - 02 - 28)).expect("computed");
        assert_eq!((held.status, held.reason.as_str()), (PartnerStatus::Active, "Paperwork"));
        assert_eq!(status(&s, date!(2027 - 03 - 01)), PartnerStatus::Lapsed, "ends on the date");
        s.current = PartnerStatus::Ended;
        s.override_status = None;
        assert_eq!(status_on(&s, date!(2027 - 03 - 01)), None, "an ended partnership stays ended");
    }
}
