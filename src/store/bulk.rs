//! Loading many new articles at once, and the upkeep after a large write: Oxigraph's bulk loader
//! writes sorted table files and RocksDB ingests them whole, several times faster than one
//! transaction per article.
//!
//! A build compacts the store at its end: a store left with the many overlapping files of its
//! ingestions answers the stock queries three to seven times slower, and readers (which open it
//! read-only) never compact it. Compacted data lands in RocksDB levels that stock Oxigraph leaves
//! uncompressed, which doubled a 20,000-article store; the vendored Oxigraph compresses every
//! level (`vendor/README.md`).
//!
//! Owns: the bulk path into the store and what a build leaves tidy. Must not: decide which
//! articles go which way (the build does).

use oxigraph::model::{GraphNameRef, Literal, LiteralRef, Quad, QuadRef};

use crate::store::{Store, StoreError};
use crate::vocab::{id, rdf, warta};

/// Threads the bulk loader builds table files on: with one, the table building was what a build
/// waited for (the extraction threads idled half the time, then the loader ran alone for a third
/// of the build).
const TABLE_THREADS: usize = 2;

/// Quads the bulk loader sorts into one set of table files. It holds about this many in memory
/// [`TABLE_THREADS`] + 1 times over (a set written on each thread, the next gathered), with a few
/// hundred bytes of tables for each: 250,000 took a 20,000-article build past 1.2 GB. The loader
/// keeps a set's distinct quads in a hash table sized for the set, whose slots double at each
/// power of two past 7/8 full: 114,000 fill 131,072 slots of 192 bytes (25 MB), where 150,000
/// took 262,144 (50 MB) on each thread.
const BULK_BATCH_QUADS: usize = 114_000;
// The loader's memory size counts thousands of quads: any other batch would be cut in two.
const _: () = assert!(BULK_BATCH_QUADS % 1000 == 0);

/// Quads the bulk loader writes to table files before RocksDB ingests them at once: sixteen sets.
/// The keys of each set overlap those of every other, so RocksDB puts them in its first level,
/// which the vendored Oxigraph merges into the store once it holds 64 files (four ingestions)
/// and where writes slow down past 128 (`vendor/README.md`): with stock Oxigraph's limits (2 and
/// 20), one ingestion of a whole 20,000-article build waited half a minute for a merge. What a
/// killed build loses is at most this much work (about 5,000 articles).
pub const BULK_COMMIT_QUADS: usize = 16 * BULK_BATCH_QUADS;

/// New quads on their way into the store through Oxigraph's bulk loader: gathered into batches,
/// written to table files, visible all at once on [`BulkWrite::commit`] (a process killed before
/// leaves none of them visible, and its files for [`Store::remove_bulk_leftovers`]).
#[expect(missing_debug_implementations, reason = "Oxigraph's bulk loader has no Debug")]
pub struct BulkWrite<'a> {
    /// `None` for a store in memory: Oxigraph's loader there is one transaction that blocks
    /// every other write until it commits (the build replaces articles meanwhile), and a store
    /// in memory has nothing to keep whole across a crash, so each batch is inserted at once.
    loader: Option<oxigraph::store::BulkLoader<'a>>,
    store: &'a oxigraph::store::Store,
    batch: Vec<Quad>,
    quads: usize,
}

impl BulkWrite<'_> {
    /// Adds quads: only those of articles the store does not hold, which cannot clash with
    /// anything there.
    pub fn add(&mut self, quads: impl IntoIterator<Item = Quad>) -> Result<(), StoreError> {
        for quad in quads {
            self.batch.push(quad);
            if self.batch.len() >= BULK_BATCH_QUADS {
                self.write_batch()?;
            }
        }
        Ok(())
    }

    fn write_batch(&mut self) -> Result<(), StoreError> {
        self.quads += self.batch.len();
        let batch = std::mem::replace(&mut self.batch, Vec::with_capacity(BULK_BATCH_QUADS));
        match &mut self.loader {
            // The loader writes a batch in a thread of its own while the next one is gathered.
            Some(loader) => loader.load_quads(batch)?,
            None => self.store.extend(batch)?,
        }
        Ok(())
    }

    /// Quads added so far.
    pub fn quads(&self) -> usize {
        self.quads + self.batch.len()
    }

    /// Makes every quad added visible, at once.
    pub fn commit(mut self) -> Result<(), StoreError> {
        if !self.batch.is_empty() {
            self.write_batch()?;
        }
        match self.loader {
            Some(loader) => Ok(loader.commit()?),
            None => Ok(()),
        }
    }
}

impl Store {
    /// Starts adding quads through the bulk loader.
    pub fn start_bulk(&self) -> BulkWrite<'_> {
        // The memory size makes the loader's batch ours: it counts a thousand quads a megabyte,
        // split between its threads.
        let loader = self.path().map(|_| {
            self.oxigraph()
                .bulk_loader()
                .with_num_threads(TABLE_THREADS)
                .with_max_memory_size_in_megabytes(TABLE_THREADS * BULK_BATCH_QUADS / 1000)
        });
        BulkWrite {
            loader,
            store: self.oxigraph(),
            batch: Vec::new(),
            quads: 0,
        }
    }

    /// Adds quads through the bulk loader, all or none (see [`BulkWrite`]).
    pub fn bulk_insert(&self, quads: impl IntoIterator<Item = Quad>) -> Result<(), StoreError> {
        let mut bulk = self.start_bulk();
        bulk.add(quads)?;
        bulk.commit()
    }

    /// Whether the store describes the article `article_id` in its default graph.
    pub fn holds_article(&self, article_id: &str) -> Result<bool, StoreError> {
        let node = id::article(article_id);
        Ok(self
            .oxigraph()
            .contains(QuadRef::new(&node, rdf::TYPE, warta::ARTICLE, GraphNameRef::DefaultGraph))?)
    }

    /// Whether the store holds the article `article_id` built from content hashed to `hash`.
    pub fn holds_article_hashed(&self, article_id: &str, hash: &str) -> Result<bool, StoreError> {
        let node = id::article(article_id);
        Ok(self.oxigraph().contains(QuadRef::new(
            &node,
            warta::CONTENT_HASH,
            LiteralRef::new_simple_literal(hash),
            GraphNameRef::DefaultGraph,
        ))?)
    }

    /// The quad that records the content hash of an article.
    pub fn content_hash_quad(article_id: &str, hash: &str) -> Quad {
        Quad::new(
            id::article(article_id),
            warta::CONTENT_HASH,
            Literal::new_simple_literal(hash),
            GraphNameRef::DefaultGraph,
        )
    }

    /// Removes the default graph's description of every actor that no article graph names any
    /// more, so that a store rebuilt with changed articles equals a clean build of them.
    pub fn remove_unnamed_actors(&self) -> Result<(), StoreError> {
        let (actor, article) = (warta::ACTOR.as_str(), warta::ARTICLE.as_str());
        let update = format!(
            "DELETE {{ ?actor ?p ?o }}
            WHERE {{
              ?actor a <{actor}> .
              FILTER NOT EXISTS {{
                GRAPH ?article {{ {{ ?actor ?x ?y }} UNION {{ ?y ?x ?actor }} }}
                ?article a <{article}> .
              }}
              ?actor ?p ?o .
            }}"
        );
        self.oxigraph().update(&update).map_err(|e| StoreError::Update(e.to_string()))
    }

    /// Compacts the store (see the module's documentation for why; about 9 s at 20,000 articles).
    pub fn compact(&self) -> Result<(), StoreError> {
        Ok(self.oxigraph().optimize()?)
    }

    /// Deletes the table files of a bulk load a killed build left behind (`bulk-*.sst` in the
    /// store's directory): RocksDB never ingested them, and nothing else removes them.
    pub fn remove_bulk_leftovers(&self) -> Result<usize, StoreError> {
        let Some(path) = self.path() else {
            return Ok(0);
        };
        let mut removed = 0;
        let entries = std::fs::read_dir(path).map_err(|source| StoreError::Create {
            path: path.display().to_string(),
            source,
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with("bulk-") && name.ends_with(".sst") && std::fs::remove_file(entry.path()).is_ok() {
                removed += 1;
            }
        }
        Ok(removed)
    }
}
