//! Annual check-ins: the secretariat talks with every partner once a year, on the anniversary of
//! the partnership.

use crate::agreements::same_day_in_year;
use time::Date;

/// The first anniversary of `joined` that falls on or after `today` (never the joining day itself).
pub fn next_due(joined: Date, today: Date) -> Date {
    let mut year = today.year().max(joined.year() + 1);
    loop {
        let candidate = same_day_in_year(joined, year);
        if candidate >= today {
            return candidate;
        }
        year += 1;
    }
}

/// How many whole years a partnership that started on `joined` has lasted on `today`.
pub fn years_since(joined: Date, today: Date) -> i32 {
    let mut years = today.year() - joined.year();
    if same_day_in_year(joined, today.year()) > today {
        years -= 1;
    }
    years.max(0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn the_first_check_in_falls_a_year_after_joining() {
        assert_eq!(next_due(date!(2026 - 05 - 04), date!(2026 - 05 - 04)), date!(2027 - 05 - 04));
    }

    #[test]
    fn a_check_in_due_today_is_still_due_today() {
        assert_eq!(next_due(date!(2024 - 05 - 04), date!(2026 - 05 - 04)), date!(2026 - 05 - 04));
    }

    #[test]
    fn a_check_in_passed_this_year_falls_next_year() {
        assert_eq!(next_due(date!(2024 - 05 - 04), date!(2026 - 05 - 05)), date!(2027 - 05 - 04));
    }

    #[test]
    fn a_leap_day_partnership_is_checked_on_the_last_day_of_february() {
        assert_eq!(next_due(date!(2024 - 02 - 29), date!(2025 - 01 - 01)), date!(2025 - 02 - 28));
    }

    #[test]
    fn years_since_counts_whole_years_only() {
        assert_eq!(years_since(date!(2020 - 06 - 01), date!(2026 - 05 - 31)), 5);
        assert_eq!(years_since(date!(2020 - 06 - 01), date!(2026 - 06 - 01)), 6);
        assert_eq!(years_since(date!(2026 - 06 - 01), date!(2026 - 01 - 01)), 0);
    }
}
