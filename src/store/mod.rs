//! The Oxigraph store: opening it on disk or in memory, replacing one article's graph
//! atomically, loading the reference graph; checkpoints while a build writes (`checkpoint`), and
//! readers that follow a store another process writes (`snapshot`).
//!
//! Owns: every write to the store. Must not: know Indonesian or the pipeline.

mod bulk;
mod checkpoint;
mod snapshot;
mod summary;

use std::path::{Path, PathBuf};
use std::time::Duration;

use oxigraph::model::{GraphNameRef, NamedOrBlankNodeRef, Quad};
use oxigraph::sparql::PreparedSparqlUpdate;
use oxigraph::store::{StorageError, Store as OxStore};

use crate::rdf::ArticleQuads;
use crate::summary::Tally;
pub use bulk::{BULK_COMMIT_QUADS, BulkWrite};
pub use checkpoint::{CHECKPOINT_INTERVAL, Checkpoints};
pub use snapshot::{Snapshot, SnapshotInfo};
pub use summary::Reach;

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum StoreError {
    #[error("cannot open the store at {path}")]
    Open { path: String, source: StorageError },
    #[error(
        "the store at {path} is in use by another warta process (a build, or a serve with a write token): wait for it to end or stop it, or give another --store"
    )]
    Locked { path: String },
    #[error("the store at {path} is damaged ({detail}): build it again into a new --store")]
    Damaged { path: String, detail: String },
    #[error("no store at {path}: run `warta build <articles> --store {path}` first")]
    Missing { path: String },
    #[error("cannot create the directory {path}: {source}")]
    Create { path: String, source: std::io::Error },
    #[error("the thread that flushes the store during a build stopped unexpectedly; please report it")]
    Checkpoint,
    #[error("the store refused an update: {0}")]
    Update(String),
    #[error("cannot keep the summary graph: {0}")]
    Summary(String),
    #[error(transparent)]
    Storage(#[from] StorageError),
}

/// A warta store.
#[derive(Clone)]
pub struct Store {
    inner: OxStore,
    /// Its directory; `None` in memory.
    path: Option<PathBuf>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Store")
    }
}

/// Why opening the store at `path` failed, in terms of what to do: another process holds it,
/// it is damaged, or something else (RocksDB's own words).
fn open_error(path: &Path, source: StorageError) -> StoreError {
    let text = source.to_string();
    let path = path.display().to_string();
    if text.contains("LOCK") && (text.contains("lock") || text.contains("Resource temporarily unavailable")) {
        StoreError::Locked { path }
    } else if text.contains("Corruption") || text.contains("corrupt") {
        // RocksDB repeats its cause inside its message; its first line is the one to show.
        let detail = text.lines().next().unwrap_or(&text).chars().take(300).collect();
        StoreError::Damaged { path, detail }
    } else {
        StoreError::Open { path, source }
    }
}

/// How often, and how far apart, a reader tries to open a store that a writer may be compacting:
/// RocksDB lists the table files, then opens them, and a compaction in between deletes one.
const OPEN_ATTEMPTS: u32 = 5;
const OPEN_PAUSE: Duration = Duration::from_millis(200);

/// Runs `attempt` until it succeeds, at most `attempts` times, `pause` apart; the last error if
/// none does. Written here because it is a loop of a few lines, where a retry crate would bring
/// its own policy and timer types.
fn retry<T, E>(attempts: u32, pause: Duration, mut attempt: impl FnMut() -> Result<T, E>) -> Result<T, E> {
    let mut tried = 1;
    loop {
        match attempt() {
            Ok(value) => return Ok(value),
            Err(error) if tried >= attempts => return Err(error),
            Err(_) => {
                tried += 1;
                std::thread::sleep(pause);
            }
        }
    }
}

/// A RocksDB directory always holds `CURRENT`; without it there is no store to open.
fn require_existing(path: &Path) -> Result<(), StoreError> {
    if path.join("CURRENT").exists() {
        Ok(())
    } else {
        Err(StoreError::Missing {
            path: path.display().to_string(),
        })
    }
}

impl Store {
    /// Opens the store at `path` for writing, creating it when missing.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        std::fs::create_dir_all(path).map_err(|source| StoreError::Create {
            path: path.display().to_string(),
            source,
        })?;
        let inner = OxStore::open(path).map_err(|source| open_error(path, source))?;
        summary::add_missing_pairs(&inner)?;
        Ok(Store {
            inner,
            path: Some(path.to_owned()),
        })
    }

    /// Opens an existing store for reading only, so that several readers may share it. A store
    /// that a build is compacting is tried again a few times before its error is told.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        require_existing(path)?;
        let inner = retry(OPEN_ATTEMPTS, OPEN_PAUSE, || OxStore::open_read_only(path)).map_err(|source| open_error(path, source))?;
        Ok(Store {
            inner,
            path: Some(path.to_owned()),
        })
    }

    /// Opens an existing store for writing; a missing store is an error rather than created.
    pub fn open_existing(path: &Path) -> Result<Store, StoreError> {
        require_existing(path)?;
        Store::open(path)
    }

    /// A throw-away store in memory.
    pub fn memory() -> Result<Store, StoreError> {
        Ok(Store {
            inner: OxStore::new()?,
            path: None,
        })
    }

    pub fn oxigraph(&self) -> &OxStore {
        &self.inner
    }

    /// The store's directory, or `None` for a store in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Replaces everything the store says of one article: its named graph and its description in
    /// the default graph. Actor descriptions are added (they are the same for every article). The
    /// summary graph follows in the same transaction.
    pub fn replace_article(&self, quads: &ArticleQuads) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction()?;
        let reach = match &quads.graph {
            Some(graph) => Reach::Graphs([graph.clone()].into()),
            None => Reach::of_quads(quads.all().map(Quad::as_ref)),
        };
        let before = summary::before(&mut transaction, &reach)?;
        if let Some(graph) = &quads.graph {
            transaction.clear_graph(GraphNameRef::NamedNode(graph.as_ref()))?;
            let old: Vec<Quad> = transaction
                .quads_for_pattern(
                    Some(NamedOrBlankNodeRef::NamedNode(graph.as_ref())),
                    None,
                    None,
                    Some(GraphNameRef::DefaultGraph),
                )
                .collect::<Result<_, _>>()?;
            for quad in &old {
                transaction.remove(quad);
            }
        }
        for quad in quads.all() {
            transaction.insert(quad);
        }
        summary::finish(&mut transaction, before)?;
        transaction.commit()?;
        Ok(())
    }

    /// Replaces the graph `graph` (named or the default one) with `quads`, all or nothing.
    pub fn replace_graph<'a>(&self, graph: impl Into<GraphNameRef<'a>>, quads: &[Quad]) -> Result<(), StoreError> {
        let graph = graph.into();
        let mut transaction = self.inner.start_transaction()?;
        let reach = reach_of_graph(graph, quads);
        let before = summary::before(&mut transaction, &reach)?;
        transaction.clear_graph(graph)?;
        for quad in quads {
            transaction.insert(quad);
        }
        summary::finish(&mut transaction, before)?;
        transaction.commit()?;
        Ok(())
    }

    /// Removes a graph: a named graph entirely, the default graph's content.
    pub fn remove_graph(&self, graph: GraphNameRef<'_>) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction()?;
        let before = summary::before(&mut transaction, &reach_of_graph(graph, &[]))?;
        match graph {
            GraphNameRef::NamedNode(node) => transaction.remove_named_graph(NamedOrBlankNodeRef::NamedNode(node))?,
            GraphNameRef::BlankNode(node) => transaction.remove_named_graph(NamedOrBlankNodeRef::BlankNode(node))?,
            GraphNameRef::DefaultGraph => transaction.clear_graph(GraphNameRef::DefaultGraph)?,
        }
        summary::finish(&mut transaction, before)?;
        transaction.commit()?;
        Ok(())
    }

    /// Adds quads, all or none.
    pub fn insert_all(&self, quads: &[Quad]) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction()?;
        let before = summary::before(&mut transaction, &Reach::of_quads(quads.iter().map(Quad::as_ref)))?;
        for quad in quads {
            transaction.insert(quad);
        }
        summary::finish(&mut transaction, before)?;
        transaction.commit()?;
        Ok(())
    }

    /// Runs a SPARQL Update that may change the graphs of `reach` (`crate::summary::update_reach`
    /// tells them), and brings the summary up to date, in one transaction.
    pub fn update(&self, update: PreparedSparqlUpdate, reach: &Reach) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction()?;
        let before = summary::before(&mut transaction, reach)?;
        update
            .on_transaction(&mut transaction)
            .execute()
            .map_err(|e| StoreError::Update(e.to_string()))?;
        summary::finish(&mut transaction, before)?;
        transaction.commit()?;
        Ok(())
    }

    /// Whether the summary was counted by an earlier warta, without the pair nodes that the
    /// questions about pairs read: a writer's open adds them, a reader's cannot.
    pub fn summary_lacks_pairs(&self) -> Result<bool, StoreError> {
        Ok(summary::lacks_pairs(&self.inner)?)
    }

    /// Rebuilds the summary graph from the article graphs, in one transaction (the update of
    /// [`crate::summary::recount_update`]); from then on every write keeps it.
    pub fn recount_summary(&self) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction()?;
        summary::recount(&mut transaction)?;
        transaction.commit()?;
        Ok(())
    }

    /// Writes, into `bulk`, the summary graph of a store whose articles will be exactly those of
    /// `tally` once `bulk` is committed: cheaper than a recount, which reads them all again.
    pub fn write_summary(&self, tally: &Tally, bulk: &mut BulkWrite<'_>) -> Result<(), StoreError> {
        // Straight to Oxigraph: the store's own writes would try to keep the summary they clear.
        self.inner
            .clear_graph(GraphNameRef::NamedNode(crate::vocab::id::summary_graph().as_ref()))?;
        bulk.add(tally.summary_quads())
    }

    /// Adds the articles of `tally`, loaded around the summary into a store that kept one before,
    /// to that summary, in one transaction; from then on it is kept again.
    pub fn add_to_summary(&self, tally: &Tally) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction()?;
        summary::add_tally(&mut transaction, tally)?;
        transaction.commit()?;
        Ok(())
    }

    /// Whether the store describes any article.
    pub fn holds_any_article(&self) -> Result<bool, StoreError> {
        Ok(self
            .inner
            .quads_for_pattern(
                None,
                Some(crate::vocab::rdf::TYPE),
                Some(crate::vocab::warta::ARTICLE.into()),
                Some(GraphNameRef::DefaultGraph),
            )
            .next()
            .transpose()?
            .is_some())
    }

    /// Whether the store keeps a summary graph (a store built by an older warta does not, until
    /// [`Store::recount_summary`]).
    pub fn has_summary(&self) -> Result<bool, StoreError> {
        Ok(self.inner.contains(summary_marker().as_ref())?)
    }

    /// Stops keeping the summary graph, before writes that bypass transactions (the bulk loader):
    /// until [`Store::recount_summary`], the store says it has no summary rather than a wrong one,
    /// also when the process is killed in between.
    pub fn stop_keeping_summary(&self) -> Result<(), StoreError> {
        self.inner.remove(summary_marker().as_ref())?;
        Ok(())
    }

    /// Makes the writes durable on disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        Ok(self.inner.flush()?)
    }
}

/// The summary graph's statement that it is kept up to date.
fn summary_marker() -> Quad {
    let graph = crate::vocab::id::summary_graph();
    Quad::new(graph.clone(), crate::vocab::rdf::TYPE, crate::vocab::warta::SUMMARY, graph)
}

/// What replacing `graph` with `quads` may change: that graph and what the quads name; the whole
/// default graph or the summary graph itself: anything.
fn reach_of_graph(graph: GraphNameRef<'_>, quads: &[Quad]) -> Reach {
    match graph {
        GraphNameRef::DefaultGraph => Reach::Everything,
        GraphNameRef::NamedNode(node) if node.as_str() == crate::vocab::id::SUMMARY_GRAPH => Reach::Everything,
        GraphNameRef::NamedNode(node) => match Reach::of_quads(quads.iter().map(Quad::as_ref)) {
            Reach::Graphs(mut graphs) => {
                graphs.insert(node.into_owned());
                Reach::Graphs(graphs)
            }
            Reach::Everything => Reach::Everything,
        },
        GraphNameRef::BlankNode(_) => Reach::of_quads(quads.iter().map(Quad::as_ref)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_open_that_fails_for_a_while_is_tried_again() {
        let mut calls = 0;
        let opened = retry(5, Duration::ZERO, || {
            calls += 1;
            if calls < 3 { Err("a table went missing") } else { Ok("the store") }
        });
        assert_eq!(opened, Ok("the store"));
        assert_eq!(calls, 3, "no attempt after the first success");
    }

    #[test]
    fn an_open_that_keeps_failing_tells_its_last_error() {
        let mut calls = 0;
        let opened: Result<(), String> = retry(4, Duration::ZERO, || {
            calls += 1;
            Err(format!("attempt {calls}"))
        });
        assert_eq!(opened, Err("attempt 4".to_owned()));
        assert_eq!(calls, 4);
    }
}
