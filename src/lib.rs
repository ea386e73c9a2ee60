//! warta builds a knowledge graph of international stances from Indonesian news: who urged,
//! supported, condemned, criticised, accused, warned, mediated between, talked with or allied
//! with whom, with provenance back to the sentence, in an embedded Oxigraph store.
//!
//! This file is the facade: the few items other crates (and the `warta` binary) use. Every
//! module behind it may change freely; the RDF data model (`vocab`) may not.
//!
//! ```no_run
//! let lexicon = warta::Lexicon::embedded()?;
//! let article = warta::Article::from_text(warta::ArticleId::new("a1").unwrap(), "Rusia mendesak Ukraina untuk berunding.".to_owned());
//! for statement in warta::extract(&article, &lexicon).statements {
//!     println!("{} {} {}", statement.subject, statement.relation, statement.object);
//! }
//! # Ok::<(), warta::DataError>(())
//! ```

mod build;
mod eval;
mod export;
mod federation;
mod link;
mod push;
mod query;
pub mod serve;
mod stock;
mod store;

// The data model lives in its own crate (no RocksDB, for the Python package); these names keep
// `crate::rdf` and `crate::vocab` where every module expects them.
use warta_rdf::{rdf, vocab};

pub use build::{
    BuildEvent, BuildOptions, BuildReport, DEFAULT_CHUNK_ARTICLES, article_to_quads, background_graphs, build, count_articles,
};
pub use eval::{EvalError, Report as EvalReport, SCORED_TRIPLES_QUERY, Scores, evaluate, evaluate_articles, score};
pub use export::{ExportError, ExportFilter, ExportFormat, ExportSummary, SvgPicture, SvgRenderer, export, export_svg, write_quads};
pub use federation::ServicePolicy;
pub use link::{Candidate, UnlinkedActor, apply_links, merge_links, unlinked_actors};
pub use push::{Credentials, PushConfig, PushError, PushReport, Pusher};
pub use query::{QueryConfig, QueryError, QueryOutcome, ResultFormat, display_term, run as run_query, write_table};
pub use stock::{STOCK_QUERIES, stock_query, stock_query_question};
pub use store::{Snapshot, SnapshotInfo, Store, StoreError};
pub use warta_rdf::{ArticleQuads, write_nquads};
pub use warta_table::{StatementTable, TableError};
pub use warta_text::input::{
    Article, ArticleId, DEFAULT_MAX_ARTICLE_BYTES, InputProblem, InputSource, ReadOptions, article_from_bytes, expand_inputs, read_source,
};
pub use warta_text::lexicon::morph::{AffixPattern, Analysis, Stemmer};
pub use warta_text::lexicon::{
    ActorInfo, CuratedLink, DATA_FILES, DataError, LINKS_FILE, Lexicon, is_wikidata_item, parse_links, render_links,
};
pub use warta_text::model::{ActorKey, ActorKind, Family, Modality, Relation};
pub use warta_text::pipeline::{Extraction, SentenceRecord, Statement, extract};
pub use warta_text::rows::{ActorColumns, StatementRow, statement_rows};
pub use warta_text::shard::Shard;
