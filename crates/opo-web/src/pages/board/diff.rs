//! Two versions of a partner page side by side: the rows of the comparison made ready to draw, and the
//! table with its legend (`templates/board/compare.html`), which any page comparing versions (the
//! applicant's too) draws, or includes, the same way.

use crate::error::WebError;
use askama::Template;
use opo_domain::compare::{Change, Row, Side};

/// A run of words on one side; `marked` when it differs from the other side.
pub(crate) struct SegmentView {
    pub text: String,
    pub marked: bool,
}

pub(crate) struct SideView {
    pub number: usize,
    pub segments: Vec<SegmentView>,
}

/// One line of the comparison, ready to draw.
pub(crate) struct RowView {
    /// `same`, `added`, `removed`, `changed` or `formatting`: the row's class.
    pub change: &'static str,
    /// The change in words, so that it never rests on colour alone.
    pub marker: String,
    pub left: Option<SideView>,
    pub right: Option<SideView>,
}

fn side(side: Option<&Side>) -> Option<SideView> {
    side.map(|s| SideView {
        number: s.number,
        segments: s.segments.iter().map(|g| SegmentView { text: g.text.clone(), marked: g.marked }).collect(),
    })
}

pub(crate) fn views(rows: &[Row]) -> Vec<RowView> {
    let t = crate::i18n::Tr::current();
    rows.iter()
        .map(|row| {
            let change = match row.change {
                Change::Same => "same",
                Change::Added => "added",
                Change::Removed => "removed",
                Change::Changed => "changed",
                Change::Formatting => "formatting",
            };
            // The marker reads in the visitor's language; an unchanged row has none.
            let marker = if change == "same" { String::new() } else { t.get(&format!("board-diff-{change}")) };
            RowView { change, marker, left: side(row.left.as_ref()), right: side(row.right.as_ref()) }
        })
        .collect()
}

/// The table with its legend.
#[derive(Template)]
#[template(path = "board/compare.html")]
struct CompareTable<'a> {
    rows: &'a [RowView],
    from: i64,
    to: i64,
    changes: usize,
}

/// The comparison of versions `from` and `to` as an HTML table with its legend, for a page of its own
/// or inside another.
pub(crate) fn table(rows: &[Row], from: i64, to: i64) -> Result<String, WebError> {
    let rows = views(rows);
    let changes = rows.iter().filter(|r| r.change != "same").count();
    Ok(CompareTable { rows: &rows, from, to, changes }.render()?)
}
