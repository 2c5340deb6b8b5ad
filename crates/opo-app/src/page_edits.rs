//! Optimistic locking of partner pages. An officer (or the partner) edits the page starting from one
//! version; the new version is saved only if that is still the newest. Otherwise the save is refused with
//! who saved what in between, line by line, so nothing anyone typed is silently replaced.

use crate::AppError;
use opo_domain::compare::{Change, Row, Side};
use opo_domain::problems::Clash;
use opo_store::pages::Revision;

/// Changed lines listed in the refusal; the full comparison is one click away.
const MAX_LINES_SHOWN: usize = 12;

/// The refusal when `latest` was saved after the version the editor started from (`based_on`).
/// `rows` compare the version the editor started from with the newest one.
pub(crate) fn stale(based_on: i64, latest: &Revision, rows: &[Row]) -> AppError {
    let when = latest.created_at;
    let mut message = format!(
        "Version {} of this page was saved by {} at {:02}:{:02} UTC on {} while you were editing version \
         {based_on}, so your changes were not saved. What you typed is kept in the form. Their changes:",
        latest.number,
        if latest.author.trim().is_empty() { "someone else" } else { latest.author.trim() },
        when.hour(),
        when.minute(),
        when.date(),
    );
    let changed: Vec<&Row> = rows.iter().filter(|r| r.change != Change::Same).collect();
    let mut changes = String::new();
    for row in changed.iter().take(MAX_LINES_SHOWN) {
        if let Some(left) = &row.left {
            changes.push_str(&format!("\n− {}", text(left)));
        }
        if let Some(right) = &row.right {
            changes.push_str(&format!("\n+ {}", text(right)));
        }
    }
    let more = changed.len().saturating_sub(MAX_LINES_SHOWN);
    message.push_str(&changes);
    if changed.is_empty() {
        message.push_str("\n(no change to the text; only the note)");
    } else if more > 0 {
        message.push_str(&format!("\n… and {more} more changed lines."));
    }
    message.push_str(&format!(
        "\nPlease merge what you need into the form and save again: it now builds on version {}.",
        latest.number
    ));
    // The wording in other languages names the same facts; the changed lines are shown as typed.
    let code = if changed.is_empty() { "page-stale-note-only" } else { "page-stale" };
    AppError::Conflict(
        Clash::new(code, message)
            .with("version", latest.number)
            .with("author", latest.author.trim())
            .with("time", format!("{:02}:{:02}", when.hour(), when.minute()))
            .with("date", when.date())
            .with("based_on", based_on)
            .with("changes", changes.trim_start_matches('\n'))
            .with("more", more),
    )
}

/// The refusal when another version was saved at the very same moment (the database refused the
/// second of two identical version numbers).
pub(crate) fn raced(based_on: i64) -> AppError {
    AppError::Conflict(
        Clash::new(
            "page-raced",
            format!(
                "Someone saved a new version of this page at the same moment, on top of version {based_on}, so \
                 your changes were not saved. What you typed is kept in the form: reload the page to see their \
                 version, then save again."
            ),
        )
        .with("based_on", based_on),
    )
}

fn text(side: &Side) -> String {
    side.segments.iter().map(|s| s.text.as_str()).collect()
}
