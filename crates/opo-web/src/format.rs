//! Showing dates and counts the way people read them.

use time::{Date, OffsetDateTime};

/// "10 March 2029"
pub(crate) fn long_date(date: Date) -> String {
    // In the language of the request being answered: English outside of one.
    crate::i18n::Tr::current().date(date)
}

/// "10 March 2029, 14:00 UTC"
pub(crate) fn date_time_utc(at: OffsetDateTime) -> String {
    format!("{}, {:02}:{:02} UTC", long_date(at.date()), at.hour(), at.minute())
}

/// "2029-03-10", for `datetime` attributes.
pub(crate) fn iso_date(date: Date) -> String {
    format!("{:04}-{:02}-{:02}", date.year(), u8::from(date.month()), date.day())
}

/// Reads "2029-03-10".
pub(crate) fn parse_iso_date(text: &str) -> Result<Date, time::error::Parse> {
    Date::parse(text, time::macros::format_description!("[year]-[month]-[day]"))
}

/// "1 partner", "3 partners"
pub(crate) fn count(n: i64, one: &str, many: &str) -> String {
    if n == 1 { format!("1 {one}") } else { format!("{n} {many}") }
}

/// "3 minutes", "45 seconds"
pub(crate) fn wait(seconds: u64) -> String {
    if seconds >= 90 {
        count(i64::try_from(seconds.div_ceil(60)).unwrap_or(i64::MAX), "minute", "minutes")
    } else {
        count(i64::try_from(seconds).unwrap_or(i64::MAX), "second", "seconds")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn dates_read_as_people_write_them() {
        assert_eq!(long_date(date!(2029 - 03 - 10)), "10 March 2029");
        assert_eq!(iso_date(date!(2029 - 03 - 01)), "2029-03-01");
        assert_eq!(date_time_utc(datetime!(2026-12-01 14:05 UTC)), "1 December 2026, 14:05 UTC");
    }

    #[test]
    fn counts_agree_with_their_noun() {
        assert_eq!(count(1, "partner", "partners"), "1 partner");
        assert_eq!(count(0, "partner", "partners"), "0 partners");
        assert_eq!(count(31, "partner", "partners"), "31 partners");
        assert_eq!(wait(45), "45 seconds");
        assert_eq!(wait(600), "10 minutes");
    }
}
