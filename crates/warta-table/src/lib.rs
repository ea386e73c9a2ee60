//! Statements as a table: Parquet files of one row per statement (the rows of
//! `warta_text::rows`), for SQL engines and dataframes (DuckDB, Spark, pandas, Polars), as GDELT's
//! event tables are used. The schema is documented in the README ("Statements as a table") and
//! is stable: a column is never renamed or retyped; new columns come at the end, with a new
//! `warta.schema` version in the file's metadata.
//!
//! Owns: the schema and the writing of Parquet. Must not: know RDF, read articles, or extract.

use std::io::Write;
use std::sync::Arc;

use arrow_array::{ArrayRef, Float64Array, Int64Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use parquet::arrow::ArrowWriter;
use parquet::basic::Compression;
use parquet::file::metadata::KeyValue;
use parquet::file::properties::WriterProperties;
use warta_text::rows::StatementRow;

/// The version of the schema below, written in each file's metadata as `warta.schema`.
pub const SCHEMA_VERSION: &str = "1";

/// Rows are handed to the Parquet writer this many at a time: big enough for good column
/// chunks, small enough that memory stays flat on any corpus.
const BATCH_ROWS: usize = 8192;

/// Why a table could not be written.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    #[error("cannot write Parquet: {0}")]
    Parquet(#[from] parquet::errors::ParquetError),
    #[error("cannot build the statements' columns: {0}")]
    Arrow(#[from] arrow_schema::ArrowError),
}

/// The columns, in order: the article, the subject, the relation, the object, the provenance.
pub fn schema() -> SchemaRef {
    let text = |name: &str, nullable: bool| Field::new(name, DataType::Utf8, nullable);
    let integer = |name: &str| Field::new(name, DataType::Int64, false);
    let mut fields = vec![
        text("article_id", false),
        text("title", true),
        text("source", true),
        text("article_date", true),
    ];
    for role in ["subject", "relation", "object"] {
        if role == "relation" {
            fields.push(text("relation", false));
            continue;
        }
        fields.extend([
            text(&format!("{role}_key"), false),
            text(&format!("{role}_label"), false),
            text(&format!("{role}_label_en"), true),
            text(&format!("{role}_kind"), false),
            text(&format!("{role}_wikidata"), true),
        ]);
    }
    fields.extend([
        text("sentence", false),
        integer("sentence_index"),
        integer("char_start"),
        integer("char_end"),
        text("trigger", false),
        text("date", true),
        text("modality", false),
        Field::new("confidence", DataType::Float64, false),
        text("rule", false),
    ]);
    Arc::new(Schema::new(fields))
}

/// A Parquet file being written, one article's rows at a time.
pub struct StatementTable<W: Write + Send> {
    writer: ArrowWriter<W>,
    pending: Vec<StatementRow>,
    written: usize,
}

impl<W: Write + Send> std::fmt::Debug for StatementTable<W> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StatementTable")
            .field("written", &self.written)
            .finish_non_exhaustive()
    }
}

impl<W: Write + Send> StatementTable<W> {
    pub fn new(out: W) -> Result<StatementTable<W>, TableError> {
        let properties = WriterProperties::builder()
            .set_compression(Compression::SNAPPY)
            .set_key_value_metadata(Some(vec![KeyValue::new("warta.schema".to_owned(), SCHEMA_VERSION.to_owned())]))
            .build();
        Ok(StatementTable {
            writer: ArrowWriter::try_new(out, schema(), Some(properties))?,
            pending: Vec::with_capacity(BATCH_ROWS),
            written: 0,
        })
    }

    /// Adds rows (in the order given).
    pub fn add(&mut self, rows: impl IntoIterator<Item = StatementRow>) -> Result<(), TableError> {
        for row in rows {
            self.pending.push(row);
            if self.pending.len() >= BATCH_ROWS {
                self.flush()?;
            }
        }
        Ok(())
    }

    /// Writes what is pending and the file's footer; returns how many rows the file holds.
    pub fn finish(mut self) -> Result<usize, TableError> {
        self.flush()?;
        self.writer.close()?;
        Ok(self.written)
    }

    fn flush(&mut self) -> Result<(), TableError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let batch = record_batch(&self.pending)?;
        self.writer.write(&batch)?;
        self.written += self.pending.len();
        self.pending.clear();
        Ok(())
    }
}

/// The rows as columns, in the order of `schema()`.
fn record_batch(rows: &[StatementRow]) -> Result<RecordBatch, TableError> {
    fn text<'a>(rows: &'a [StatementRow], value: impl Fn(&'a StatementRow) -> &'a str) -> ArrayRef {
        Arc::new(rows.iter().map(|row| Some(value(row))).collect::<StringArray>())
    }
    fn optional<'a>(rows: &'a [StatementRow], value: impl Fn(&'a StatementRow) -> Option<&'a str>) -> ArrayRef {
        Arc::new(rows.iter().map(value).collect::<StringArray>())
    }
    fn integer(rows: &[StatementRow], value: impl Fn(&StatementRow) -> usize) -> ArrayRef {
        Arc::new(
            rows.iter()
                .map(|row| i64::try_from(value(row)).unwrap_or(i64::MAX))
                .collect::<Int64Array>(),
        )
    }
    let columns: Vec<ArrayRef> = vec![
        text(rows, |row| &row.article_id),
        optional(rows, |row| row.title.as_deref()),
        optional(rows, |row| row.source.as_deref()),
        optional(rows, |row| row.article_date.as_deref()),
        text(rows, |row| &row.subject.key),
        text(rows, |row| &row.subject.label),
        optional(rows, |row| row.subject.label_en.as_deref()),
        text(rows, |row| row.subject.kind),
        optional(rows, |row| row.subject.wikidata.as_deref()),
        text(rows, |row| row.relation),
        text(rows, |row| &row.object.key),
        text(rows, |row| &row.object.label),
        optional(rows, |row| row.object.label_en.as_deref()),
        text(rows, |row| row.object.kind),
        optional(rows, |row| row.object.wikidata.as_deref()),
        text(rows, |row| &row.sentence),
        integer(rows, |row| row.sentence_index),
        integer(rows, |row| row.char_start),
        integer(rows, |row| row.char_end),
        text(rows, |row| &row.trigger),
        optional(rows, |row| row.date.as_deref()),
        text(rows, |row| row.modality),
        Arc::new(rows.iter().map(|row| row.confidence).collect::<Float64Array>()),
        text(rows, |row| row.rule),
    ];
    Ok(RecordBatch::try_new(schema(), columns)?)
}

#[cfg(test)]
mod tests {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    use warta_text::input::{Article, ArticleId};
    use warta_text::lexicon::Lexicon;

    #[test]
    fn a_file_holds_every_row_and_says_its_schema_version() {
        let lexicon = Lexicon::embedded().unwrap();
        let article = Article::from_text(
            ArticleId::new("a1").unwrap(),
            "Kanada mengecam Rusia. Turki mendukung Azerbaijan.".to_owned(),
        );
        let rows = warta_text::rows::statement_rows(&article, &warta_text::pipeline::extract(&article, &lexicon));
        assert!(rows.len() >= 2);
        let mut bytes = Vec::new();
        let mut table = super::StatementTable::new(&mut bytes).unwrap();
        table.add(rows.clone()).unwrap();
        assert_eq!(table.finish().unwrap(), rows.len());

        let reader = SerializedFileReader::new(bytes::Bytes::from(bytes)).unwrap();
        let metadata = reader.metadata().file_metadata();
        assert_eq!(usize::try_from(metadata.num_rows()).unwrap(), rows.len());
        assert_eq!(metadata.schema_descr().num_columns(), super::schema().fields().len());
        let version = metadata.key_value_metadata().unwrap().iter().find(|kv| kv.key == "warta.schema");
        assert_eq!(version.and_then(|kv| kv.value.as_deref()), Some(super::SCHEMA_VERSION));
    }
}
