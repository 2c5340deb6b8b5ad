//! Calendar invitations (iCalendar, RFC 5545 with the iTIP method) sent with the intro-call e-mails.
//! The UID stays the same for one application's call and SEQUENCE goes up each time it moves, so a
//! calendar program updates the event it already has instead of adding a second one.

use icalendar::{Calendar, Component, Event, EventLike, Property};
use time::OffsetDateTime;

/// One intro call as a calendar sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallInvitation<'a> {
    pub uid: String,
    pub sequence: u32,
    pub starts_at: OffsetDateTime,
    pub minutes: i64,
    pub summary: &'a str,
    pub description: &'a str,
    pub organizer: &'a str,
    pub attendee: &'a str,
    pub url: &'a str,
    pub stamped_at: OffsetDateTime,
}

fn utc(at: OffsetDateTime) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp(at.unix_timestamp(), 0).unwrap_or_default()
}

/// The `.ics` text of an invitation (METHOD:REQUEST), in UTC.
pub fn invitation(call: &CallInvitation<'_>) -> String {
    let event = Event::new()
        .uid(&call.uid)
        .sequence(call.sequence)
        .timestamp(utc(call.stamped_at))
        .starts(utc(call.starts_at))
        .ends(utc(call.starts_at + time::Duration::minutes(call.minutes)))
        .summary(call.summary)
        .description(call.description)
        .url(call.url)
        .add_property("ORGANIZER", format!("mailto:{}", call.organizer))
        .add_property("ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=TRUE", format!("mailto:{}", call.attendee))
        .done();
    let mut calendar = Calendar::new();
    calendar.append_property(Property::new("METHOD", "REQUEST"));
    calendar.push(event);
    calendar.done().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::datetime;

    fn call(sequence: u32, starts_at: OffsetDateTime) -> CallInvitation<'static> {
        CallInvitation {
            uid: "application-7-intro-call@portal.example".into(),
            sequence,
            starts_at,
            minutes: 45,
            summary: "Intro call: Sahel Data Lab",
            description: "Getting to know each other.",
            organizer: "secretariat@portal.example",
            attendee: "awa@sahel-data.example",
            url: "https://portal.example/portal/applications/7",
            stamped_at: datetime!(2026-11-20 08:00 UTC),
        }
    }

    #[test]
    fn the_invitation_is_a_request_in_utc_with_its_uid_and_sequence() {
        let ics = invitation(&call(0, datetime!(2026-12-01 14:30 UTC)));
        for line in [
            "METHOD:REQUEST",
            "UID:application-7-intro-call@portal.example",
            "SEQUENCE:0",
            "DTSTART:20261201T143000Z",
            "DTEND:20261201T151500Z",
            "ORGANIZER:mailto:secretariat@portal.example",
        ] {
            assert!(ics.lines().any(|l| l == line), "{line} missing in\n{ics}");
        }
    }

    #[test]
    fn moving_the_call_keeps_the_uid_and_raises_the_sequence() {
        let moved = invitation(&call(1, datetime!(2026-12-02 09:00 UTC)));
        assert!(moved.lines().any(|l| l == "UID:application-7-intro-call@portal.example"));
        assert!(moved.lines().any(|l| l == "SEQUENCE:1"));
        assert!(moved.lines().any(|l| l == "DTSTART:20261202T090000Z"));
    }
}
