//! Partner agreements: one is signed when applying and re-signed every three years.

use time::{Date, Month, OffsetDateTime};

/// How many years a signed agreement stays in force.
pub const TERM_YEARS: i32 = 3;

/// The day an agreement signed at `signed_at` expires: the same calendar day three years later
/// (an agreement signed on 29 February expires on 28 February).
pub fn expires_on(signed_at: OffsetDateTime) -> Date {
    same_day_in_year(signed_at.date(), signed_at.year() + TERM_YEARS)
}

/// Whether an agreement signed at `signed_at` is still in force at `now`.
pub fn is_in_force(signed_at: OffsetDateTime, now: OffsetDateTime) -> bool {
    now >= signed_at && now.date() < expires_on(signed_at)
}

/// The date with the same month and day in another year, clamped to the month's last day.
pub(crate) fn same_day_in_year(date: Date, year: i32) -> Date {
    let month: Month = date.month();
    let last = month.length(year);
    Date::from_calendar_date(year, month, date.day().min(last)).unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn an_agreement_expires_three_years_after_signing() {
        assert_eq!(expires_on(datetime!(2026-03-10 14:00 UTC)), date!(2029 - 03 - 10));
    }

    #[test]
    fn an_agreement_signed_on_a_leap_day_expires_on_the_last_day_of_february() {
        assert_eq!(expires_on(datetime!(2028-02-29 09:00 UTC)), date!(2031 - 02 - 28));
    }

    #[test]
    fn an_agreement_is_in_force_until_the_day_it_expires() {
        let signed = datetime!(2026-03-10 14:00 UTC);
        assert!(is_in_force(signed, datetime!(2029-03-09 23:59 UTC)));
        assert!(!is_in_force(signed, datetime!(2029-03-10 00:00 UTC)));
        assert!(!is_in_force(signed, datetime!(2026-03-10 13:00 UTC)), "not before it is signed");
    }
}
