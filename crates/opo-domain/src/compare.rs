//! Two versions of a text side by side, as a secretariat officer and a partner see them when they
//! compare revisions of a partner page: which lines stayed, which were added or removed, which were
//! rewritten (with the differing words marked on both sides) and which only changed their Markdown
//! formatting.
//!
//! Pure and independent of any surface: the rows serve the HTML page and the JSON API alike.

use serde::Serialize;
use similar::{Algorithm, ChangeTag, DiffTag, TextDiff, capture_diff_slices};

/// One row of a side-by-side comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Row {
    /// The line in the old version; none for an added line.
    pub left: Option<Side>,
    /// The line in the new version; none for a removed line.
    pub right: Option<Side>,
    pub change: Change,
}

/// A line of one version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Side {
    /// 1-based line number in that version.
    pub number: usize,
    /// The line's text in order; empty for an empty line.
    pub segments: Vec<Segment>,
}

/// A run of text in a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    pub text: String,
    /// The words that differ from the paired line on the other side. Only set in `Changed` and
    /// `Formatting` rows: in an added or removed row the whole line is new or gone, and the row says so.
    pub marked: bool,
}

/// What happened to a line between the two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Change {
    Same,
    Added,
    Removed,
    /// The line was rewritten: some of its words differ.
    Changed,
    /// Only Markdown markers (emphasis, heading, list, quote, code) or whitespace differ.
    Formatting,
}

impl Change {
    pub fn key(self) -> &'static str {
        match self {
            Change::Same => "same",
            Change::Added => "added",
            Change::Removed => "removed",
            Change::Changed => "changed",
            Change::Formatting => "formatting",
        }
    }
}

/// How many rows of each kind a comparison has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub formatting: usize,
}

pub fn summary(rows: &[Row]) -> Summary {
    let mut s = Summary::default();
    for row in rows {
        match row.change {
            Change::Same => {}
            Change::Added => s.added += 1,
            Change::Removed => s.removed += 1,
            Change::Changed => s.changed += 1,
            Change::Formatting => s.formatting += 1,
        }
    }
    s
}

/// Compares `old` with `new` line by line.
pub fn compare(old: &str, new: &str) -> Vec<Row> {
    let old_lines: Vec<&str> = old.lines().collect();
    let new_lines: Vec<&str> = new.lines().collect();
    // Patience anchors on lines that occur once, so the many blank lines of Markdown do not pull
    // unrelated paragraphs into line with each other.
    let ops = capture_diff_slices(Algorithm::Patience, &old_lines, &new_lines);
    let mut rows = Vec::with_capacity(old_lines.len().max(new_lines.len()));
    // Consecutive deletions and insertions form one hunk, so that a removed line can be paired with
    // the added line that replaced it, whichever order the algorithm reported them in.
    let (mut old_at, mut new_at) = (0, 0);
    for op in &ops {
        let (tag, old_range, new_range) = op.as_tag_tuple();
        if tag != DiffTag::Equal {
            continue;
        }
        hunk(&mut rows, &old_lines, old_at..old_range.start, &new_lines, new_at..new_range.start);
        for (i, j) in old_range.clone().zip(new_range.clone()) {
            let text = old_lines.get(i).copied().unwrap_or_default();
            rows.push(Row { left: Some(plain(i, text)), right: Some(plain(j, text)), change: Change::Same });
        }
        (old_at, new_at) = (old_range.end, new_range.end);
    }
    hunk(&mut rows, &old_lines, old_at..old_lines.len(), &new_lines, new_at..new_lines.len());
    rows
}

/// Beyond this many candidate pairs in one hunk, lines are paired in order instead of by likeness, so
/// that a wholesale rewrite of a long page stays quick.
const MAX_ALIGNED_PAIRS: usize = 10_000;

/// Rows for a run of removed lines `old[olds]` and added lines `new[news]` between two unchanged runs.
fn hunk(rows: &mut Vec<Row>, old: &[&str], olds: std::ops::Range<usize>, new: &[&str], news: std::ops::Range<usize>) {
    let (old_start, new_start) = (olds.start, news.start);
    let removed = old.get(olds).unwrap_or_default();
    let added = new.get(news).unwrap_or_default();
    if removed.is_empty() && added.is_empty() {
        return;
    }
    let removed_words: Vec<String> = removed.iter().map(|l| words_only(l)).collect();
    let added_words: Vec<String> = added.iter().map(|l| words_only(l)).collect();
    let pairs = if removed.len().saturating_mul(added.len()) <= MAX_ALIGNED_PAIRS {
        align(&removed_words, &added_words)
    } else {
        (0..removed.len().min(added.len())).map(|k| (k, k)).collect()
    };

    let (mut i, mut j) = (0, 0);
    let end = (removed.len(), added.len());
    for (pi, pj) in pairs.into_iter().chain(std::iter::once(end)) {
        for (k, text) in removed.iter().enumerate().take(pi).skip(i) {
            rows.push(Row { left: Some(plain(old_start + k, text)), right: None, change: Change::Removed });
        }
        for (k, text) in added.iter().enumerate().take(pj).skip(j) {
            rows.push(Row { left: None, right: Some(plain(new_start + k, text)), change: Change::Added });
        }
        if let (Some(before), Some(after)) = (removed.get(pi), added.get(pj)) {
            let same_words = removed_words.get(pi) == added_words.get(pj);
            rows.push(paired(old_start + pi, before, new_start + pj, after, same_words));
        }
        (i, j) = (pi + 1, pj + 1);
    }
}

/// Which removed line was replaced by which added line: the order-preserving pairing with the greatest
/// total likeness, so an edited line is set beside its new wording even when lines were inserted around
/// it. Every pair counts for something, because a removed and an added line in the same place are a
/// replacement even when they share no word.
fn align(old_words: &[String], new_words: &[String]) -> Vec<(usize, usize)> {
    let old_bags: Vec<Vec<&str>> = old_words.iter().map(|w| bag(w)).collect();
    let new_bags: Vec<Vec<&str>> = new_words.iter().map(|w| bag(w)).collect();
    let width = new_words.len() + 1;
    let mut best = vec![0u32; (old_words.len() + 1) * width];
    let at = |i: usize, j: usize| i * width + j;
    for (i, (before, before_bag)) in old_words.iter().zip(&old_bags).enumerate() {
        for (j, (after, after_bag)) in new_words.iter().zip(&new_bags).enumerate() {
            // Higher than any rewrite can score: a line whose words are all kept is surely the same line.
            let likeness = if before == after { 2001 } else { 1 + shared_per_mille(before_bag, after_bag) };
            let diagonal = best.get(at(i, j)).copied().unwrap_or(0) + likeness;
            let up = best.get(at(i, j + 1)).copied().unwrap_or(0);
            let left = best.get(at(i + 1, j)).copied().unwrap_or(0);
            if let Some(cell) = best.get_mut(at(i + 1, j + 1)) {
                *cell = diagonal.max(up).max(left);
            }
        }
    }
    let mut pairs = Vec::new();
    let (mut i, mut j) = (old_words.len(), new_words.len());
    while i > 0 && j > 0 {
        let here = best.get(at(i, j)).copied().unwrap_or(0);
        if here == best.get(at(i - 1, j)).copied().unwrap_or(0) {
            i -= 1;
        } else if here == best.get(at(i, j - 1)).copied().unwrap_or(0) {
            j -= 1;
        } else {
            pairs.push((i - 1, j - 1));
            i -= 1;
            j -= 1;
        }
    }
    pairs.reverse();
    pairs
}

/// A line's words, sorted, for a likeness that costs no diff: pairing tries every removed line against
/// every added one, and a word diff of each pair of long paragraphs would be too slow.
fn bag(words: &str) -> Vec<&str> {
    let mut bag: Vec<&str> = words.split(' ').filter(|w| !w.is_empty()).collect();
    bag.sort_unstable();
    bag
}

/// The share of words two lines have in common, from 0 to 1000.
fn shared_per_mille(a: &[&str], b: &[&str]) -> u32 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.cmp(y) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    (2000 * shared).checked_div(a.len() + b.len()).map_or(0, |share| u32::try_from(share).unwrap_or(1000))
}

/// A removed line beside the added line that replaced it, with the differing words marked.
fn paired(old_index: usize, before: &str, new_index: usize, after: &str, same_words: bool) -> Row {
    let change = if before == after {
        Change::Same
    } else if same_words {
        Change::Formatting
    } else {
        Change::Changed
    };
    let (left, right) = word_diff(before, after);
    Row {
        left: Some(Side { number: old_index + 1, segments: left }),
        right: Some(Side { number: new_index + 1, segments: right }),
        change,
    }
}

fn plain(index: usize, text: &str) -> Side {
    let mut segments = Vec::new();
    push(&mut segments, text, false);
    Side { number: index + 1, segments }
}

/// Marks the words of `before` and `after` that differ. Words are Unicode word boundaries (UAX #29),
/// so an accented letter or a combining mark stays with its word, and Chinese or Japanese text, which
/// has no spaces, is compared character by character rather than a whole sentence at once.
fn word_diff(before: &str, after: &str) -> (Vec<Segment>, Vec<Segment>) {
    let diff = TextDiff::from_unicode_words(before, after);
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for change in diff.iter_all_changes() {
        let text = change.value();
        match change.tag() {
            ChangeTag::Equal => {
                push(&mut left, text, false);
                push(&mut right, text, false);
            }
            ChangeTag::Delete => push(&mut left, text, true),
            ChangeTag::Insert => push(&mut right, text, true),
        }
    }
    (join_marked_runs(left), join_marked_runs(right))
}

fn push(segments: &mut Vec<Segment>, text: &str, marked: bool) {
    if text.is_empty() {
        return;
    }
    match segments.last_mut() {
        Some(last) if last.marked == marked => last.text.push_str(text),
        _ => segments.push(Segment { text: text.to_owned(), marked }),
    }
}

/// "brown fox" replaced by "red cat" reads as one marked phrase, not two marked words around an
/// unmarked space.
fn join_marked_runs(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    let mut rest = segments.into_iter().peekable();
    while let Some(segment) = rest.next() {
        let between_marked = !segment.marked
            && segment.text.chars().all(char::is_whitespace)
            && out.last().is_some_and(|s| s.marked)
            && rest.peek().is_some_and(|s| s.marked);
        push(&mut out, &segment.text, segment.marked || between_marked);
    }
    out
}

/// The words of a Markdown line with its formatting taken away: leading quote, heading and list
/// markers, emphasis and code markers, and differences in whitespace. Two lines with the same words
/// differ only in formatting.
fn words_only(line: &str) -> String {
    let mut rest = line.trim_start();
    // Block markers nest ("> - item", "> ## Title"), so peel until none is left.
    loop {
        if let Some(after) = rest.strip_prefix('>') {
            rest = after.trim_start();
        } else if let Some(after) = heading_text(rest) {
            rest = after;
        } else if let Some(after) = list_item_text(rest) {
            rest = after;
        } else {
            break;
        }
    }
    let kept: String = rest.chars().filter(|c| !matches!(c, '*' | '_' | '`')).collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text of an ATX heading ("## Title" or "## Title ##"), if the line is one.
fn heading_text(line: &str) -> Option<&str> {
    let after = line.trim_start_matches('#');
    let level = line.len() - after.len();
    if !(1..=6).contains(&level) || !(after.is_empty() || after.starts_with(char::is_whitespace)) {
        return None;
    }
    let text = after.trim();
    // A closing run of # counts only when set off by a space: "C#" keeps its #.
    let unclosed = text.trim_end_matches('#');
    Some(if unclosed.is_empty() || unclosed.ends_with(char::is_whitespace) { unclosed.trim_end() } else { text })
}

/// The text of a list item ("- item", "+ item", "* item", "1. item", "1) item"), if the line is one.
fn list_item_text(line: &str) -> Option<&str> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let marker = if digits == 0 {
        usize::from(line.starts_with(['-', '+', '*']))
    } else if digits <= 9 && line.get(digits..).is_some_and(|rest| rest.starts_with(['.', ')'])) {
        digits + 1
    } else {
        0
    };
    if marker == 0 {
        return None;
    }
    let after = line.get(marker..)?;
    (after.is_empty() || after.starts_with(char::is_whitespace)).then(|| after.trim_start())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn changes(rows: &[Row]) -> Vec<Change> {
        rows.iter().map(|r| r.change).collect()
    }

    fn marked(side: &Option<Side>) -> Vec<String> {
        side.iter().flat_map(|s| &s.segments).filter(|s| s.marked).map(|s| s.text.clone()).collect()
    }

    fn text(side: &Option<Side>) -> String {
        side.iter().flat_map(|s| &s.segments).map(|s| s.text.as_str()).collect()
    }

    fn numbers(rows: &[Row]) -> Vec<(Option<usize>, Option<usize>)> {
        rows.iter().map(|r| (r.left.as_ref().map(|s| s.number), r.right.as_ref().map(|s| s.number))).collect()
    }

    fn only(rows: &[Row]) -> &Row {
        let differing: Vec<&Row> = rows.iter().filter(|r| r.change != Change::Same).collect();
        assert_eq!(differing.len(), 1, "exactly one differing row: {rows:#?}");
        differing[0]
    }

    #[test]
    fn identical_texts_give_only_same_rows() {
        let text = "# Sahel Data Lab\n\nRegistries and **district** health data.\n\n- One\n- Two\n";
        let rows = compare(text, text);
        assert_eq!(rows.len(), 6);
        assert!(rows.iter().all(|r| r.change == Change::Same), "{rows:#?}");
        assert!(rows.iter().all(|r| r.left == r.right));
        assert!(rows.iter().flat_map(|r| r.left.iter().chain(&r.right)).flat_map(|s| &s.segments).all(|s| !s.marked));
        assert_eq!(summary(&rows), Summary::default());
    }

    #[test]
    fn an_added_line_is_added_and_unmarked() {
        let rows = compare("one\nthree", "one\ntwo\nthree");
        assert_eq!(changes(&rows), [Change::Same, Change::Added, Change::Same]);
        assert_eq!(rows[1].left, None);
        assert_eq!(text(&rows[1].right), "two");
        assert!(marked(&rows[1].right).is_empty());
    }

    #[test]
    fn a_removed_line_is_removed() {
        let rows = compare("one\ntwo\nthree", "one\nthree");
        assert_eq!(changes(&rows), [Change::Same, Change::Removed, Change::Same]);
        assert_eq!(text(&rows[1].left), "two");
        assert_eq!(rows[1].right, None);
        assert_eq!(numbers(&rows), [(Some(1), Some(1)), (Some(2), None), (Some(3), Some(2))]);
    }

    #[test]
    fn a_replaced_line_marks_exactly_the_changed_word() {
        let rows =
            compare("Intro\nWe build the quick brown registry.\nEnd", "Intro\nWe build the quick red registry.\nEnd");
        let row = only(&rows);
        assert_eq!(row.change, Change::Changed);
        assert_eq!(marked(&row.left), ["brown"]);
        assert_eq!(marked(&row.right), ["red"]);
        assert_eq!(text(&row.left), "We build the quick brown registry.");
        assert_eq!(text(&row.right), "We build the quick red registry.");
        assert_eq!(numbers(&rows), [(Some(1), Some(1)), (Some(2), Some(2)), (Some(3), Some(3))]);
    }

    #[test]
    fn neighbouring_changed_words_are_marked_as_one_phrase() {
        let row = compare("a brown fox runs", "a red cat runs").remove(0);
        assert_eq!(row.change, Change::Changed);
        assert_eq!(marked(&row.left), ["brown fox"]);
        assert_eq!(marked(&row.right), ["red cat"]);
    }

    #[test]
    fn a_replaced_line_sits_beside_its_closest_new_wording() {
        let rows = compare(
            "Title\nWe run registries in Mali.\nEnd",
            "Title\nA brand new paragraph.\nWe run registries in Mali and Niger.\nEnd",
        );
        assert_eq!(changes(&rows), [Change::Same, Change::Added, Change::Changed, Change::Same]);
        assert_eq!(numbers(&rows)[2], (Some(2), Some(3)));
        assert_eq!(marked(&rows[2].right), [" and Niger"]);
    }

    #[test]
    fn bolding_a_word_is_formatting() {
        let row = compare("We serve district health teams.", "We serve **district** health teams.").remove(0);
        assert_eq!(row.change, Change::Formatting);
        assert!(marked(&row.left).is_empty());
        assert_eq!(marked(&row.right), ["**", "**"]);
    }

    #[test]
    fn changing_a_heading_level_is_formatting() {
        let rows = compare("# Our work\nText", "## Our work\nText");
        assert_eq!(changes(&rows), [Change::Formatting, Change::Same]);
    }

    #[test]
    fn a_list_quote_or_code_marker_is_formatting() {
        for (before, after) in [
            ("- Registries", "* Registries"),
            ("1. Registries", "- Registries"),
            ("Registries", "> Registries"),
            ("> - Registries", "Registries"),
            ("Use the `api`", "Use the api"),
            ("## Our work ##", "Our work"),
            ("_emphasis_ here", "*emphasis* here"),
        ] {
            assert_eq!(compare(before, after)[0].change, Change::Formatting, "{before:?} → {after:?}");
        }
    }

    #[test]
    fn markers_that_are_part_of_the_words_are_not_formatting() {
        for (before, after) in [("We use C#", "We use C"), ("-5 degrees", "5 degrees"), ("3.5 percent", "5 percent")] {
            assert_eq!(compare(before, after)[0].change, Change::Changed, "{before:?} → {after:?}");
        }
    }

    #[test]
    fn whitespace_reflow_within_a_line_is_formatting() {
        let rows = compare("Registries and  district\thealth data ", "  Registries and district health data");
        assert_eq!(changes(&rows), [Change::Formatting]);
    }

    #[test]
    fn line_numbers_follow_each_side_after_insertions() {
        let rows = compare("a\nb\nc\nd", "a\nx\ny\nb\nc changed\nd\ne");
        assert_eq!(
            changes(&rows),
            [Change::Same, Change::Added, Change::Added, Change::Same, Change::Changed, Change::Same, Change::Added]
        );
        assert_eq!(
            numbers(&rows),
            [
                (Some(1), Some(1)),
                (None, Some(2)),
                (None, Some(3)),
                (Some(2), Some(4)),
                (Some(3), Some(5)),
                (Some(4), Some(6)),
                (None, Some(7)),
            ]
        );
    }

    #[test]
    fn summary_counts_each_kind() {
        let rows = compare(
            "# Title\nKeep\nGone\nOld wording here\nplain",
            "## Title\nKeep\nOld wording there\n**plain**\nNew one\nNew two",
        );
        assert_eq!(summary(&rows), Summary { added: 2, removed: 1, changed: 1, formatting: 2 }, "{rows:#?}");
    }

    #[test]
    fn a_first_version_is_all_added() {
        let rows = compare("", "# Title\n\nText");
        assert_eq!(changes(&rows), [Change::Added; 3]);
        assert_eq!(numbers(&rows), [(None, Some(1)), (None, Some(2)), (None, Some(3))]);
        assert_eq!(rows[1].right.as_ref().map(|s| s.segments.len()), Some(0), "an empty line has no segments");
        assert_eq!(summary(&rows), Summary { added: 3, ..Summary::default() });
    }

    #[test]
    fn crlf_and_a_final_newline_do_not_count_as_changes() {
        let rows = compare("one\ntwo\n", "one\r\ntwo");
        assert!(rows.iter().all(|r| r.change == Change::Same), "{rows:#?}");
    }

    #[test]
    fn unicode_is_never_split_inside_a_character() {
        // A decomposed é (e + combining acute) must stay whole with its word.
        let row = compare("Cafe\u{301} à Bamako, déjà vu", "Cafe\u{301} à Niamey, déjà vu").remove(0);
        assert_eq!(row.change, Change::Changed);
        assert_eq!(marked(&row.left), ["Bamako"]);
        assert_eq!(marked(&row.right), ["Niamey"]);
        assert_eq!(text(&row.left), "Cafe\u{301} à Bamako, déjà vu");

        let row = compare("naïve résumé", "naive résumé").remove(0);
        assert_eq!(marked(&row.left), ["naïve"]);
        assert_eq!(marked(&row.right), ["naive"]);

        // Chinese and Japanese have no spaces: only the changed characters are marked.
        let row = compare("東京は晴れです。", "東京は雨です。").remove(0);
        assert_eq!(row.change, Change::Changed);
        assert_eq!(marked(&row.left), ["晴れ"]);
        assert_eq!(marked(&row.right), ["雨"]);
        assert_eq!(text(&row.right), "東京は雨です。");
        for segment in row.left.iter().chain(&row.right).flat_map(|s| &s.segments) {
            assert!(!segment.text.starts_with('\u{301}'));
        }
    }

    #[test]
    fn a_long_rewrite_still_pairs_lines_in_order() {
        let old: Vec<String> = (0..100).map(|i| format!("old line {i}")).collect();
        let new: Vec<String> = (0..100).map(|i| format!("new text {i}")).collect();
        let rows = compare(&old.join("\n"), &new.join("\n"));
        assert_eq!(rows.len(), 100);
        assert!(rows.iter().all(|r| r.change == Change::Changed));
        assert_eq!(numbers(&rows)[99], (Some(100), Some(100)));
    }

    #[test]
    fn rows_serialize_with_lowercase_change_keys() {
        let rows = compare("a", "b");
        let json = serde_json::to_value(&rows).expect("serializes");
        assert_eq!(json[0]["change"], "changed");
        assert_eq!(json[0]["left"]["number"], 1);
        assert_eq!(json[0]["right"]["segments"][0]["marked"], true);
        for change in [Change::Same, Change::Added, Change::Removed, Change::Changed, Change::Formatting] {
            assert_eq!(serde_json::to_value(change).expect("serializes"), change.key());
        }
    }
}
