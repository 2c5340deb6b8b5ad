//! Turning the bytes of an import file into raw rows: CSV (a header row naming the columns, lists
//! separated by `;`) or JSON (an array of objects, lists as arrays). Problems of the file itself are
//! reported by row and column like those of its cells.

use opo_domain::import::{Cell, Column, RawRow, RowError};
use std::path::Path;

/// The format of an import file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    /// The format a file's extension names.
    pub fn from_path(path: &Path) -> Option<Self> {
        Self::parse(path.extension()?.to_str()?)
    }

    pub fn parse(name: &str) -> Option<Self> {
        match name.to_ascii_lowercase().as_str() {
            "csv" => Some(Self::Csv),
            "json" => Some(Self::Json),
            _ => None,
        }
    }
}

/// Decodes a file into its rows and the problems found on the way.
pub fn decode(bytes: &[u8], format: Format) -> (Vec<RawRow>, Vec<RowError>) {
    // Spreadsheet programs often start a UTF-8 export with a byte order mark.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match format {
        Format::Csv => csv_rows(bytes),
        Format::Json => json_rows(bytes),
    }
}

fn known_columns() -> String {
    Column::ALL.iter().map(|c| c.name()).collect::<Vec<_>>().join(", ")
}

fn csv_rows(bytes: &[u8]) -> (Vec<RawRow>, Vec<RowError>) {
    let mut errors = Vec::new();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = match reader.headers() {
        Ok(headers) => headers.clone(),
        Err(e) => return (Vec::new(), vec![RowError::new(1, "", format!("cannot read the header row: {e}"))]),
    };
    // Per position: the column it holds; `None` for a column without a header.
    let mut columns: Vec<Option<Column>> = Vec::with_capacity(headers.len());
    for header in &headers {
        let column = match (header.trim(), Column::parse(header)) {
            ("", _) => None,
            (_, Some(column)) if columns.contains(&Some(column)) => {
                errors.push(RowError::new(1, column.name(), "the column appears twice in the header"));
                None
            }
            (_, Some(column)) => Some(column),
            (name, None) => {
                errors.push(RowError::new(1, name, format!("unknown column; the columns are {}", known_columns())));
                None
            }
        };
        columns.push(column);
    }
    for column in Column::ALL.into_iter().filter(|c| c.is_required()) {
        if !columns.contains(&Some(column)) {
            errors.push(RowError::new(1, column.name(), "the header must name this required column"));
        }
    }
    let mut rows = Vec::new();
    for (index, record) in reader.records().enumerate() {
        // As a spreadsheet numbers it: the header is row 1.
        let row = index + 2;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                errors.push(RowError::new(row, "", format!("cannot read the row: {e}")));
                continue;
            }
        };
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        if record.len() > columns.len() {
            errors.push(RowError::new(
                row,
                "",
                format!("the row has {} cells, the header names {}", record.len(), columns.len()),
            ));
            continue;
        }
        let mut cells = Vec::new();
        for (position, value) in record.iter().enumerate() {
            match columns[position] {
                Some(column) => cells.push((column, Cell::Text(value.to_owned()))),
                None if !value.trim().is_empty() && headers.get(position).is_some_and(|h| h.trim().is_empty()) => {
                    errors.push(RowError::new(
                        row,
                        "",
                        format!("cell {} has a value but its column has no header", position + 1),
                    ));
                }
                None => {}
            }
        }
        rows.push(RawRow { row, cells });
    }
    (rows, errors)
}

fn json_rows(bytes: &[u8]) -> (Vec<RawRow>, Vec<RowError>) {
    use serde_json::Value;
    let entries = match serde_json::from_slice::<Value>(bytes) {
        Ok(Value::Array(entries)) => entries,
        Ok(_) => return (Vec::new(), vec![RowError::new(0, "", "the file must hold an array of partner objects")]),
        Err(e) => return (Vec::new(), vec![RowError::new(0, "", format!("not valid JSON: {e}"))]),
    };
    let mut rows = Vec::new();
    let mut errors = Vec::new();
    for (index, entry) in entries.into_iter().enumerate() {
        let row = index + 1;
        let Value::Object(object) = entry else {
            errors.push(RowError::new(row, "", "each entry must be an object of columns"));
            continue;
        };
        let mut cells = Vec::new();
        for (key, value) in object {
            let Some(column) = Column::parse(&key) else {
                errors.push(RowError::new(row, key, format!("unknown column; the columns are {}", known_columns())));
                continue;
            };
            let cell = match value {
                Value::Null => Cell::Text(String::new()),
                Value::String(text) => Cell::Text(text),
                Value::Array(values) if column.is_list() => {
                    let texts: Option<Vec<String>> =
                        values.into_iter().map(|v| if let Value::String(s) = v { Some(s) } else { None }).collect();
                    match texts {
                        Some(texts) => Cell::List(texts),
                        None => {
                            errors.push(RowError::new(row, column.name(), "expected an array of strings"));
                            continue;
                        }
                    }
                }
                _ if column.is_list() => {
                    errors.push(RowError::new(row, column.name(), "expected an array of strings"));
                    continue;
                }
                _ => {
                    errors.push(RowError::new(row, column.name(), "expected a string"));
                    continue;
                }
            };
            cells.push((column, cell));
        }
        rows.push(RawRow { row, cells });
    }
    (rows, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_rows_are_numbered_as_a_spreadsheet_shows_them() {
        let file = "\u{feff}Name,short_description,organization_type,roles,colour\n\
                    A,Short,ngo,research;funding,blue\n,,,,\n\"B\",\"Two\nlines\",company,,\n";
        let (rows, errors) = decode(file.as_bytes(), Format::Csv);
        assert_eq!(
            errors,
            [RowError::new(1, "colour", format!("unknown column; the columns are {}", known_columns()))]
        );
        assert_eq!(rows.iter().map(|r| r.row).collect::<Vec<_>>(), [2, 4], "the empty row is skipped");
        assert!(rows[0].cells.contains(&(Column::Capabilities, Cell::Text("research;funding".into()))));
    }

    #[test]
    fn json_cells_of_the_wrong_type_are_reported_by_column() {
        let file = r#"[{"name": "A", "countries": ["KE", 3], "joined": 2024}, 7, {"slug": null, "size": "L"}]"#;
        let (rows, errors) = decode(file.as_bytes(), Format::Json);
        assert_eq!(rows.len(), 2);
        let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.row, e.column.as_str())).collect();
        assert_eq!(found, [(1, "countries"), (1, "joined"), (2, ""), (3, "size")]);
    }
}
