//! The one text form of timestamps and dates used in both databases: fixed width, UTC, so that text
//! order is time order.

use crate::StoreError;
use time::format_description::FormatItem;
use time::macros::format_description;
use time::{Date, OffsetDateTime, PrimitiveDateTime, UtcOffset};

const TS: &[FormatItem<'static>] =
    format_description!("[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:6]Z");
const DATE: &[FormatItem<'static>] = format_description!("[year]-[month]-[day]");

pub fn format_ts(at: OffsetDateTime) -> String {
    at.to_offset(UtcOffset::UTC).format(TS).unwrap_or_default()
}

pub fn parse_ts(text: &str) -> Result<OffsetDateTime, StoreError> {
    PrimitiveDateTime::parse(text, TS)
        .map(PrimitiveDateTime::assume_utc)
        .map_err(|e| StoreError::Corrupt(format!("timestamp {text:?}: {e}")))
}

pub fn format_date(date: Date) -> String {
    date.format(DATE).unwrap_or_default()
}

pub fn parse_date(text: &str) -> Result<Date, StoreError> {
    Date::parse(text, DATE).map_err(|e| StoreError::Corrupt(format!("date {text:?}: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime};

    #[test]
    fn a_timestamp_round_trips_in_utc_with_fixed_width() {
        let at = datetime!(2026-11-25 09:08:07.123456 +02:00);
        let text = format_ts(at);
        assert_eq!(text, "2026-11-25T07:08:07.123456Z");
        assert_eq!(parse_ts(&text).ok(), Some(at));
    }

    #[test]
    fn text_order_is_time_order() {
        let early = format_ts(datetime!(2026-01-09 23:59:59.9 UTC));
        let late = format_ts(datetime!(2026-01-10 00:00:00 UTC));
        assert!(early < late);
    }

    #[test]
    fn a_date_round_trips() {
        assert_eq!(parse_date(&format_date(date!(2029 - 02 - 28))).ok(), Some(date!(2029 - 02 - 28)));
        assert!(parse_date("28/02/2029").is_err());
    }
}
