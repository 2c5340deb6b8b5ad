//! Partner import: whatever the file holds, decoding and checking it gives rows numbered as the file
//! numbers them, every problem pinned to a row and a known column, and valid records whose fields pass
//! the same checks the forms use, with no slug imported twice.

#![no_main]

use libfuzzer_sys::fuzz_target;
use opo_app::import::{Format, decode};
use opo_domain::import::{Column, Vocabularies, check_rows};
use opo_domain::taxonomy::{DEFAULT_CAPABILITIES, DEFAULT_COMPONENTS, Term, Vocabulary};
use opo_domain::text::Slug;
use std::collections::HashSet;
use time::macros::date;

fn terms(vocabulary: Vocabulary, defaults: &[(&str, &str, &str)]) -> Vec<Term> {
    defaults
        .iter()
        .map(|(key, label, description)| Term {
            vocabulary,
            key: (*key).to_owned(),
            label: (*label).to_owned(),
            description: (*description).to_owned(),
        })
        .collect()
}

fuzz_target!(|data: &[u8]| {
    // The first byte chooses the format, so that one corpus covers both.
    let Some((&choice, file)) = data.split_first() else { return };
    let format = if choice % 2 == 0 { Format::Csv } else { Format::Json };
    let (rows, decode_errors) = decode(file, format);
    let lines = file.iter().filter(|b| **b == b'\n' || **b == b'\r').count() + 2;
    assert!(rows.windows(2).all(|w| w[0].row < w[1].row), "rows out of order");
    if format == Format::Csv {
        assert!(rows.iter().all(|r| r.row >= 2 && r.row <= lines + rows.len()), "row number past the file");
    }
    for error in &decode_errors {
        // Problems of the file itself are on row 0 (JSON) or the header row; others name a known column.
        let known = error.column.is_empty() || Column::parse(&error.column).is_some();
        assert!(known || error.row <= 1 || format == Format::Json, "problem in an unknown column: {error}");
    }
    let capabilities = terms(Vocabulary::Capability, DEFAULT_CAPABILITIES);
    let components = terms(Vocabulary::Component, DEFAULT_COMPONENTS);
    let today = date!(2026 - 01 - 15);
    let (records, errors) =
        check_rows(&rows, Vocabularies { capabilities: &capabilities, components: &components }, today);
    let numbers: HashSet<usize> = rows.iter().map(|r| r.row).collect();
    let mut slugs = HashSet::new();
    for record in &records {
        assert!(numbers.contains(&record.row), "record for row {} that the file does not have", record.row);
        let slug = record.organization.slug.as_str();
        assert_eq!(Slug::parse(slug).map(|s| s.as_str().to_owned()).ok().as_deref(), Some(slug), "bad slug {slug:?}");
        assert!(slugs.insert(slug.to_owned()), "slug {slug} imported twice");
        for capability in &record.capabilities {
            assert!(capabilities.iter().any(|t| &t.key == capability), "{capability} is not in the vocabulary");
        }
        for component in &record.components {
            assert!(components.iter().any(|t| &t.key == component), "{component} is not in the vocabulary");
        }
    }
    for error in &errors {
        assert!(numbers.contains(&error.row), "problem on row {} that the file does not have: {error}", error.row);
        assert!(!error.message.is_empty());
    }
    // A row is either imported or explained.
    for row in &rows {
        let imported = records.iter().any(|r| r.row == row.row);
        let explained = errors.iter().any(|e| e.row == row.row);
        assert!(imported != explained, "row {}: imported {imported}, explained {explained}", row.row);
    }
});
