//! Loading many new articles at once, and the upkeep after a large write: Oxigraph's bulk loader
//! writes sorted table files and RocksDB ingests them whole, several times faster than one
//! transaction per article; compaction afterwards keeps the store near the size of its quads.
//!
//! Owns: the bulk path into the store and what a build leaves tidy. Must not: decide which
//! articles go which way (the build does).

use oxigraph::model::{GraphNameRef, Literal, LiteralRef, Quad, QuadRef};

use crate::store::{Store, StoreError};
use crate::vocab::{id, rdf, warta};

/// Enough quads per table file that one chunk of articles makes one set of files, so that the
/// bulk loader never splits a chunk (it holds about this many thousand quads in memory).
const BULK_MEMORY_MEGABYTES: usize = 256;

impl Store {
    /// Adds quads through the bulk loader, all or none: a process killed before this returns
    /// leaves none of them visible. Only for articles the store does not hold yet, whose quads
    /// cannot clash with anything there.
    pub fn bulk_insert(&self, quads: Vec<Quad>) -> Result<(), StoreError> {
        if quads.is_empty() {
            return Ok(());
        }
        // One thread: the build extracts on every core meanwhile, and one table-building thread
        // keeps up with it; more would only add memory.
        let mut loader = self
            .oxigraph()
            .bulk_loader()
            .with_num_threads(1)
            .with_max_memory_size_in_megabytes(BULK_MEMORY_MEGABYTES);
        loader.load_quads(quads)?;
        loader.commit()?;
        Ok(())
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

    /// Compacts the store: after a bulk load it holds each quad in several table files and the
    /// write-ahead log of every transaction; compaction merges them (it can take minutes on
    /// millions of articles, and is what keeps the store near the size of its quads).
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
