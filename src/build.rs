//! A build: articles read from the inputs as a stream, extracted in parallel chunks while the
//! chunk before is written, new articles bulk-loaded, changed ones replaced transactionally,
//! unchanged ones skipped; then the summary graph brought up to date, the reference and
//! vocabulary graphs refreshed, actors no article names any more removed, and the store compacted.
//!
//! Why two write paths: Oxigraph's bulk loader builds sorted tables that RocksDB ingests whole,
//! several times faster than a transaction per article, but it only adds; an article the store
//! already holds must first lose its old graph, which only a transaction does atomically. What
//! the bulk loader holds is ingested all at once, every `store::BULK_COMMIT_QUADS` and at the
//! end, so a killed build leaves every article whole or absent, and the next build finds the
//! absent ones by their missing content hash.
//!
//! The summary graph is not kept article by article through the bulk loader: the articles it
//! loads are counted as they pass (`summary::Tally`), and the count goes in with the last
//! ingestion (a fresh store) or is added in one transaction (a store that kept its summary).
//!
//! Owns: the order of input → pipeline → rdf → store and progress reporting. Must not: parse
//! language, print, or decide what a bad input means for the exit code (the caller does).

use std::collections::HashSet;
use std::path::Path;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use crate::rdf::{ArticleQuads, article_quads, reference_quads};
use crate::store::{BULK_COMMIT_QUADS, BulkWrite, CHECKPOINT_INTERVAL, Checkpoints, Store, StoreError};
use crate::summary::{Contribution, Tally};
use crate::vocab::id;
use warta_text::input::{Article, ArticleId, InputProblem, InputSource, ReadOptions, read_source};
use warta_text::lexicon::Lexicon;

/// Articles are extracted this many at a time by default: enough to keep every core busy, few
/// enough that memory stays bounded whatever the corpus (four chunks at most are in memory: one
/// read, two extracted, one written).
///
/// 250 rather than 500: a 20,000-article build peaked at 760 MB instead of 930 MB, and took no
/// longer (the chunks waiting for the writer were the largest thing it held after the bulk
/// loader's batches).
pub const DEFAULT_CHUNK_ARTICLES: usize = 250;

/// How a build treats the articles it reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BuildOptions {
    /// Extract and write every article, even one the store holds unchanged.
    pub force: bool,
    /// Articles per chunk (see [`DEFAULT_CHUNK_ARTICLES`]).
    pub chunk_articles: usize,
}

impl Default for BuildOptions {
    fn default() -> BuildOptions {
        BuildOptions {
            force: false,
            chunk_articles: DEFAULT_CHUNK_ARTICLES,
        }
    }
}

/// What happened during a build, reported as it goes.
#[derive(Debug)]
pub enum BuildEvent<'a> {
    /// One article is in the store (new, or replacing its earlier version).
    Loaded { id: &'a str, statements: usize },
    /// One article was skipped: the store holds it, built from the same text and lexicon.
    Unchanged { id: &'a str },
    /// One input was skipped.
    Skipped(&'a InputProblem),
    /// One input was read with a change it should know of (bad bytes replaced, a duplicate id).
    Warned(&'a InputProblem),
}

/// What a build did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildReport {
    /// Articles written (new or replaced).
    pub articles: usize,
    /// Of those, articles the store held before, replaced.
    pub replaced: usize,
    /// Articles skipped because the store holds them unchanged.
    pub unchanged: usize,
    pub statements: usize,
    pub problems: Vec<InputProblem>,
    pub warnings: Vec<InputProblem>,
    /// Articles whose id came again later in the build; they are not counted in `articles`.
    pub duplicates: usize,
}

/// Extracts an article into the quads it adds to a store.
pub fn article_to_quads(article: &Article, lexicon: &Lexicon) -> ArticleQuads {
    article_quads(article, &warta_text::pipeline::extract(article, lexicon))
}

/// What the reader thread sends to the writer, in input order.
enum Item {
    Skipped(InputProblem),
    Warned(InputProblem),
    Unchanged(ArticleId),
    Extracted {
        id: ArticleId,
        /// See [`ReadArticle::may_be_stored`].
        may_be_stored: bool,
        quads: ArticleQuads,
        statements: usize,
        /// What it adds to the summary graph, should it be bulk-loaded.
        contribution: Option<Contribution>,
    },
    /// Looking up the store failed; the build stops with this error.
    Failed(StoreError),
}

/// Reads every source and writes each good article into `store`: new articles through the bulk
/// loader, articles it holds with other content replaced, articles it holds unchanged skipped
/// (unless `build_options.force`).
pub fn build(
    store: &Store,
    lexicon: &Lexicon,
    sources: &[InputSource],
    options: &ReadOptions,
    build_options: BuildOptions,
    on_event: &mut dyn FnMut(BuildEvent<'_>),
) -> Result<BuildReport, StoreError> {
    store.remove_bulk_leftovers()?;
    load_background_graphs(store, lexicon)?;
    let mut summary = SummaryUpkeep::start(store)?;
    let started_empty = summary.started_empty;
    // So that a crash leaves readers seconds of log to replay, not the whole build.
    let checkpoints = Checkpoints::start(store, CHECKPOINT_INTERVAL);
    let fingerprint = extraction_fingerprint(lexicon);
    let mut report = BuildReport::default();
    let written = std::thread::scope(|scope| {
        // Two chunks wait while the writer writes the one before: extraction goes on while the
        // bulk loader sorts a batch (one wait measured 20 % slower at 20,000 articles), and
        // nothing holds more than four chunks.
        let (sender, receiver) = sync_channel::<Vec<Item>>(2);
        let reader = scope.spawn(|| {
            let mut reader = ChunkReader::new(store, started_empty, lexicon, &fingerprint, build_options, sender);
            for source in sources {
                read_source(source, options, &mut |item| reader.push(item));
            }
            reader.send_chunk();
            (reader.duplicates, reader.duplicates_across_chunks)
        });
        let written = write_chunks(store, receiver, &mut report, &mut summary, on_event);
        // The reader ends on its own once the writer has stopped: its sends fail.
        let (duplicates, duplicates_across_chunks) = reader.join().unwrap_or_default();
        report.duplicates = duplicates;
        report.articles = report.articles.saturating_sub(duplicates_across_chunks);
        written
    });
    let mut pending = written?;
    if report.replaced > 0 {
        // Actors are looked for in the article graphs: the pending ones must be there.
        pending.commit()?;
        store.remove_unnamed_actors()?;
    }
    summary.finish(store, pending)?;
    checkpoints.finish()?;
    if report.articles > 0 {
        store.compact()?;
    }
    store.flush()?;
    Ok(report)
}

/// The writer's side: each chunk's new articles into the bulk loader, its known ones replaced
/// one transaction each, and the events in input order. What the bulk loader holds is made
/// visible every [`BULK_COMMIT_QUADS`]; the rest is returned, for the summary to join it.
fn write_chunks<'a>(
    store: &'a Store,
    chunks: Receiver<Vec<Item>>,
    report: &mut BuildReport,
    summary: &mut SummaryUpkeep,
    on_event: &mut dyn FnMut(BuildEvent<'_>),
) -> Result<PendingBulk<'a>, StoreError> {
    // Actor descriptions are the same in every article: each is written once per build.
    let mut described: HashSet<Quad> = HashSet::new();
    let mut bulk = PendingBulk::default();
    for item in chunks.into_iter().flatten() {
        match item {
            Item::Skipped(problem) => {
                on_event(BuildEvent::Skipped(&problem));
                report.problems.push(problem);
            }
            Item::Warned(problem) => {
                on_event(BuildEvent::Warned(&problem));
                report.warnings.push(problem);
            }
            Item::Unchanged(id) => {
                report.unchanged += 1;
                on_event(BuildEvent::Unchanged { id: id.as_str() });
            }
            Item::Failed(error) => return Err(error),
            Item::Extracted {
                id,
                may_be_stored,
                quads,
                statements,
                contribution,
            } => {
                // An id met again while its first article waits in the bulk loader: that one
                // goes in first, for this one to replace it.
                if bulk.articles.contains(&id) {
                    bulk.commit()?;
                }
                if may_be_stored && store.holds_article(id.as_str())? {
                    summary.replaced_while_unkept |= summary.bulk_loaded;
                    store.replace_article(&quads)?;
                    report.replaced += 1;
                } else {
                    if !summary.bulk_loaded {
                        store.stop_keeping_summary()?;
                        summary.bulk_loaded = true;
                    }
                    if let Some(contribution) = &contribution {
                        summary.tally.add(contribution);
                    }
                    let writing = bulk.writing.get_or_insert_with(|| store.start_bulk());
                    writing.add(quads.into_not_described(&mut described))?;
                    let full = writing.quads() >= BULK_COMMIT_QUADS;
                    bulk.articles.insert(id.clone());
                    if full {
                        bulk.commit()?;
                    }
                }
                report.articles += 1;
                report.statements += statements;
                on_event(BuildEvent::Loaded {
                    id: id.as_str(),
                    statements,
                });
            }
        }
    }
    Ok(bulk)
}

/// The articles written to the bulk loader and not yet visible in the store.
#[derive(Default)]
struct PendingBulk<'a> {
    writing: Option<BulkWrite<'a>>,
    articles: HashSet<ArticleId>,
}

impl PendingBulk<'_> {
    fn commit(&mut self) -> Result<(), StoreError> {
        self.articles.clear();
        self.writing.take().map_or(Ok(()), BulkWrite::commit)
    }
}

/// Bringing the summary graph up to date after bulk loads, which write around it: the articles
/// they load are counted as they pass, and added to the summary at the end, unless the store had
/// no summary to add to, or an article was replaced meanwhile (its old contribution is gone
/// uncounted); then the summary is recounted from every article graph, which is much slower.
struct SummaryUpkeep {
    /// The store held no article when the build began.
    started_empty: bool,
    /// The store kept its summary when the build began.
    started_kept: bool,
    /// The summary stopped being kept before the first bulk load.
    bulk_loaded: bool,
    /// An article was replaced after that.
    replaced_while_unkept: bool,
    tally: Tally,
}

impl SummaryUpkeep {
    fn start(store: &Store) -> Result<SummaryUpkeep, StoreError> {
        Ok(SummaryUpkeep {
            started_empty: !store.holds_any_article()?,
            started_kept: store.has_summary()?,
            bulk_loaded: false,
            replaced_while_unkept: false,
            tally: Tally::default(),
        })
    }

    /// Brings the summary up to date and makes the `pending` articles visible.
    fn finish<'a>(self, store: &'a Store, mut pending: PendingBulk<'a>) -> Result<(), StoreError> {
        if self.bulk_loaded && !self.replaced_while_unkept && self.started_empty {
            // The summary goes in with the last articles: one ingestion, all or nothing.
            let bulk = pending.writing.get_or_insert_with(|| store.start_bulk());
            store.write_summary(&self.tally, bulk)?;
            return pending.commit();
        }
        pending.commit()?;
        if self.bulk_loaded && !self.replaced_while_unkept && self.started_kept {
            store.add_to_summary(&self.tally)
        } else if !store.has_summary()? {
            // Nothing could be added to, or the tally misses what replaced articles took away
            // (a store an older warta built has no summary at all).
            store.recount_summary()
        } else {
            Ok(())
        }
    }
}

/// What [`ChunkReader`] keeps of an id to find it given again.
fn id_digest(id: &ArticleId) -> [u8; 16] {
    let digest = Sha256::digest(id.as_str().as_bytes());
    let mut prefix = [0; 16];
    for (kept, byte) in prefix.iter_mut().zip(digest) {
        *kept = byte;
    }
    prefix
}

/// An article read, and whether the store may hold its id already.
struct ReadArticle {
    article: Article,
    /// `false` when the store held no article as the build began and the id is new to the
    /// build: nothing then needs looking up in the store (two lookups an article, each through
    /// every table file a bulk load's ingestions left in RocksDB's first level).
    may_be_stored: bool,
}

/// The reader's side: articles gathered into chunks, the unchanged ones found, the rest
/// extracted in parallel, and each chunk sent to the writer.
struct ChunkReader<'a> {
    store: &'a Store,
    /// The store held no article when the build began.
    store_started_empty: bool,
    lexicon: &'a Lexicon,
    fingerprint: &'a str,
    options: BuildOptions,
    sender: SyncSender<Vec<Item>>,
    /// The articles of the chunk being gathered, and what was met between them.
    articles: Vec<ReadArticle>,
    notes: Vec<Item>,
    /// The ids read so far, each as the first 16 bytes of its SHA-256: a build holds every id
    /// it has read, and a million take about 85 MB as strings (the table's slots and each
    /// string's bytes) against 36 MB this way. Two of a billion ids share those bytes with a
    /// chance below 10^-20.
    seen: HashSet<[u8; 16]>,
    /// Articles whose id came before in this build.
    duplicates: usize,
    /// Ids met again after their first article had left in an earlier chunk: both get written
    /// (the later replaces the earlier), but the article is counted once.
    duplicates_across_chunks: usize,
    /// The writer has stopped (an error): read nothing more.
    stopped: bool,
}

impl<'a> ChunkReader<'a> {
    fn new(
        store: &'a Store,
        store_started_empty: bool,
        lexicon: &'a Lexicon,
        fingerprint: &'a str,
        options: BuildOptions,
        sender: SyncSender<Vec<Item>>,
    ) -> ChunkReader<'a> {
        ChunkReader {
            store,
            store_started_empty,
            lexicon,
            fingerprint,
            options,
            sender,
            articles: Vec::with_capacity(options.chunk_articles),
            notes: Vec::new(),
            seen: HashSet::new(),
            duplicates: 0,
            duplicates_across_chunks: 0,
            stopped: false,
        }
    }

    fn push(&mut self, item: Result<Article, InputProblem>) {
        if self.stopped {
            return;
        }
        match item {
            Ok(mut article) => {
                let first_of_its_id = self.seen.insert(id_digest(&article.id));
                if !first_of_its_id {
                    self.duplicates += 1;
                    article.warnings.push(InputProblem {
                        name: format!("article '{}'", article.id),
                        reason: "its id came before in this build: this one replaces that one (the last wins)".to_owned(),
                    });
                    // Within one chunk the earlier article is dropped: two new articles of one id
                    // would be bulk-loaded into one graph.
                    let before = self.articles.len();
                    self.articles.retain(|earlier| earlier.article.id != article.id);
                    if self.articles.len() == before {
                        self.duplicates_across_chunks += 1;
                    }
                }
                for warning in article.warnings.drain(..) {
                    self.notes.push(Item::Warned(warning));
                }
                self.articles.push(ReadArticle {
                    article,
                    may_be_stored: !(self.store_started_empty && first_of_its_id),
                });
                if self.articles.len() >= self.options.chunk_articles.max(1) {
                    self.send_chunk();
                }
            }
            Err(problem) => self.notes.push(Item::Skipped(problem)),
        }
    }

    fn send_chunk(&mut self) {
        let articles = std::mem::take(&mut self.articles);
        let mut chunk = std::mem::take(&mut self.notes);
        chunk.extend(articles.par_iter().map(|article| self.extract(article)).collect::<Vec<_>>());
        if !chunk.is_empty() && self.sender.send(chunk).is_err() {
            self.stopped = true;
        }
    }

    fn extract(&self, read: &ReadArticle) -> Item {
        let ReadArticle { article, may_be_stored } = read;
        let hash = content_hash(self.fingerprint, article);
        if *may_be_stored && !self.options.force {
            match self.store.holds_article_hashed(article.id.as_str(), &hash) {
                Ok(true) => return Item::Unchanged(article.id.clone()),
                Ok(false) => {}
                Err(error) => return Item::Failed(error),
            }
        }
        let extraction = warta_text::pipeline::extract(article, self.lexicon);
        let mut quads = article_quads(article, &extraction);
        quads.default.push(Store::content_hash_quad(article.id.as_str(), &hash));
        Item::Extracted {
            id: article.id.clone(),
            may_be_stored: *may_be_stored,
            contribution: Contribution::of_article(&quads),
            quads,
            statements: extraction.statements.len(),
        }
    }
}

/// What an article's statements depend on besides the article: the lexicon and warta's
/// version. (A change to the rules' code within one version is not seen: build with `--force`.)
fn extraction_fingerprint(lexicon: &Lexicon) -> String {
    format!("{} {}", env!("CARGO_PKG_VERSION"), lexicon.fingerprint)
}

/// SHA-256 of everything an article's quads are made from, in hex.
fn content_hash(fingerprint: &str, article: &Article) -> String {
    let mut hasher = Sha256::new();
    hasher.update(fingerprint.as_bytes());
    for field in [
        Some(article.id.as_str()),
        Some(article.text.as_str()),
        article.title.as_deref(),
        article.date.as_deref(),
        article.source.as_deref(),
        article.url.as_deref(),
    ] {
        // A field's absence and its emptiness hash differently, and no field runs into the next.
        match field {
            Some(value) => {
                hasher.update([1]);
                hasher.update((value.len() as u64).to_le_bytes());
                hasher.update(value.as_bytes());
            }
            None => hasher.update([0]),
        }
    }
    hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
}

/// How many articles the sources hold, read cheaply (a file each; a line each in JSON Lines),
/// for a progress bar's length; `None` when a source is standard input.
pub fn count_articles(sources: &[InputSource]) -> Option<u64> {
    let mut total = 0;
    for source in sources {
        total += match source {
            InputSource::Text(_) => 1,
            InputSource::JsonLines(path) => count_lines(path),
            InputSource::Stdin => return None,
        };
    }
    Some(total)
}

/// Non-empty lines of a file (0 when it cannot be read: the build reports that itself).
fn count_lines(path: &Path) -> u64 {
    use std::io::BufRead;
    let Ok(file) = std::fs::File::open(path) else {
        return 0;
    };
    let mut reader = std::io::BufReader::with_capacity(1 << 20, file);
    let mut lines = 0;
    let mut line = Vec::new();
    while reader.read_until(b'\n', &mut line).is_ok_and(|n| n > 0) {
        if line.iter().any(|b| !b.is_ascii_whitespace()) {
            lines += 1;
        }
        line.clear();
    }
    lines
}

/// The gazetteer (reference graph) and the vocabulary (vocabulary graph), so that queries can
/// join on ISO codes and follow `rdfs:subPropertyOf`.
pub(crate) fn load_background_graphs(store: &Store, lexicon: &Lexicon) -> Result<(), StoreError> {
    for (graph, quads) in background_graphs(lexicon) {
        store.replace_graph(graph.as_ref(), &quads)?;
    }
    Ok(())
}

/// The graphs every store holds besides the articles' (the reference and the vocabulary graph),
/// with their quads: what `warta build` refreshes and `warta push` sends along.
pub fn background_graphs(lexicon: &Lexicon) -> [(NamedNode, Vec<Quad>); 2] {
    [
        (id::reference_graph(), reference_quads(&lexicon.gazetteer)),
        (id::vocabulary_graph(), vocabulary_quads(lexicon)),
    ]
}

/// The vocabulary of `data/ontology.ttl`, in the vocabulary graph.
pub fn vocabulary_quads(lexicon: &Lexicon) -> Vec<Quad> {
    let graph = GraphName::NamedNode(id::vocabulary_graph());
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(lexicon.ontology.as_bytes())
        .filter_map(Result::ok)
        .map(|q| Quad::new(q.subject, q.predicate, q.object, graph.clone()))
        .collect()
}
