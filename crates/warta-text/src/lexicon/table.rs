//! The TSV format of every file in `data/`: `#` comment lines (the first names the source and
//! licence), a header row, then rows sorted by their first column, with `-` for an empty cell.
//!
//! Owns: parsing and the checks that hold for every table (header, column count, sorted, unique
//! keys). Must not: know what any column means.

use crate::lexicon::DataError;

/// One parsed table, its rows in file order.
#[derive(Debug)]
pub(crate) struct Table {
    file: String,
    rows: Vec<Row>,
}

/// One data row with the 1-based line it came from, for error messages.
#[derive(Debug)]
pub(crate) struct Row {
    pub line: usize,
    cells: Vec<String>,
}

impl Table {
    /// Parses `text` and checks it has exactly the `header` columns, sorted unique keys, and a
    /// source line.
    pub fn parse(file: &str, text: &str, header: &[&str]) -> Result<Table, DataError> {
        Table::parse_keyed(file, text, header, &[0])
    }

    /// As `parse`, with the key made of several columns: rows are sorted and unique by them
    /// (`triggers.tsv` lists a word once per relation it carries with its own slots).
    pub fn parse_keyed(file: &str, text: &str, header: &[&str], key_columns: &[usize]) -> Result<Table, DataError> {
        let error = |line: usize, message: String| DataError {
            file: file.to_owned(),
            line,
            message,
        };
        let mut lines = text.lines().enumerate().map(|(i, l)| (i + 1, l));
        let first = lines.next().map(|(_, l)| l).unwrap_or("");
        if !(first.starts_with("# source:") && first.contains("licence:")) {
            return Err(error(1, "the first line must be '# source: ... licence: ...'".to_owned()));
        }
        let mut rows = Vec::new();
        let mut seen_header = false;
        let mut previous_key: Option<Vec<String>> = None;
        for (line, content) in lines {
            if content.starts_with('#') || content.trim().is_empty() {
                continue;
            }
            let cells: Vec<String> = content.split('\t').map(|c| c.trim().to_owned()).collect();
            if !seen_header {
                let found: Vec<&str> = cells.iter().map(String::as_str).collect();
                if found != header {
                    return Err(error(
                        line,
                        format!("expected the header '{}', found '{}'", header.join("\\t"), found.join("\\t")),
                    ));
                }
                seen_header = true;
                continue;
            }
            if cells.len() != header.len() {
                return Err(error(
                    line,
                    format!("expected {} tab-separated columns, found {}", header.len(), cells.len()),
                ));
            }
            if let Some(empty) = cells.iter().position(String::is_empty) {
                let column = header.get(empty).copied().unwrap_or("?");
                return Err(error(line, format!("column '{column}' is empty; write '-' for none")));
            }
            let key: Vec<String> = key_columns.iter().map(|&c| cells.get(c).cloned().unwrap_or_default()).collect();
            if let Some(previous) = &previous_key {
                let shown = key.join(" ");
                if key == *previous {
                    return Err(error(line, format!("duplicate key '{shown}'")));
                }
                if key < *previous {
                    let columns: Vec<&str> = key_columns.iter().map(|&c| header.get(c).copied().unwrap_or("?")).collect();
                    let by = if key_columns == [0] {
                        "their first column".to_owned()
                    } else {
                        columns.join(", then ")
                    };
                    return Err(error(
                        line,
                        format!("'{shown}' is out of order: rows are sorted by {by} (byte order)"),
                    ));
                }
            }
            previous_key = Some(key);
            rows.push(Row { line, cells });
        }
        if !seen_header {
            return Err(error(1, format!("no header row '{}'", header.join("\\t"))));
        }
        Ok(Table {
            file: file.to_owned(),
            rows,
        })
    }

    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// An error about one row of this table.
    pub fn error(&self, row: &Row, message: impl Into<String>) -> DataError {
        DataError {
            file: self.file.clone(),
            line: row.line,
            message: message.into(),
        }
    }
}

impl Row {
    /// The cell in column `index`; the table checked every row has all columns.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }

    /// The cell, or `None` for `-`.
    pub fn optional(&self, index: usize) -> Option<&str> {
        Some(self.cell(index)).filter(|c| *c != "-")
    }

    /// The `;`-separated items of a cell; empty for `-`.
    pub fn list(&self, index: usize) -> Vec<&str> {
        self.optional(index)
            .map(|c| c.split(';').map(str::trim).filter(|s| !s.is_empty()).collect())
            .unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str = "# source: test. licence: CC0\n";

    #[test]
    fn reads_rows_and_lists() {
        let text = format!("{SOURCE}a\tb\nx\t1;2\ny\t-\n");
        let table = Table::parse("t.tsv", &text, &["a", "b"]);
        let table = table.as_ref().map_err(ToString::to_string);
        let rows = table.map(|t| t.rows().iter().map(|r| (r.cell(0).to_owned(), r.list(1).len())).collect::<Vec<_>>());
        assert_eq!(rows, Ok(vec![("x".to_owned(), 2), ("y".to_owned(), 0)]));
    }

    #[test]
    fn refuses_unsorted_duplicate_and_ragged_rows() {
        let check = |body: &str| {
            Table::parse("t.tsv", &format!("{SOURCE}a\tb\n{body}"), &["a", "b"])
                .map(|_| ())
                .map_err(|e| e.to_string())
        };
        assert_eq!(
            check("y\t1\nx\t2\n"),
            Err("t.tsv:4: 'x' is out of order: rows are sorted by their first column (byte order)".to_owned())
        );
        assert_eq!(check("x\t1\nx\t2\n"), Err("t.tsv:4: duplicate key 'x'".to_owned()));
        assert_eq!(check("x\n"), Err("t.tsv:3: expected 2 tab-separated columns, found 1".to_owned()));
        assert_eq!(check("x\t\n"), Err("t.tsv:3: column 'b' is empty; write '-' for none".to_owned()));
        assert!(Table::parse("t.tsv", "a\tb\n", &["a", "b"]).is_err(), "no source line");
    }
}
