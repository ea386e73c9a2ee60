//! The Oxigraph store: opening it on disk or in memory, replacing one article's graph
//! atomically, loading the reference graph; checkpoints while a build writes (`checkpoint`), and
//! readers that follow a store another process writes (`snapshot`).
//!
//! Owns: every write to the store. Must not: know Indonesian or the pipeline.

mod bulk;
mod checkpoint;
mod snapshot;

use std::path::{Path, PathBuf};

use oxigraph::model::{GraphNameRef, NamedOrBlankNodeRef, Quad};
use oxigraph::store::{StorageError, Store as OxStore};

use crate::rdf::ArticleQuads;
pub use checkpoint::{CHECKPOINT_INTERVAL, Checkpoints};
pub use snapshot::{Snapshot, SnapshotInfo};

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
        Ok(Store {
            inner,
            path: Some(path.to_owned()),
        })
    }

    /// Opens an existing store for reading only, so that several readers may share it.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        require_existing(path)?;
        let inner = OxStore::open_read_only(path).map_err(|source| open_error(path, source))?;
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
    /// the default graph. Actor descriptions are added (they are the same for every article).
    pub fn replace_article(&self, quads: &ArticleQuads) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction()?;
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
        transaction.commit()?;
        Ok(())
    }

    /// Replaces the graph `graph` (named or the default one) with `quads`, all or nothing.
    pub fn replace_graph<'a>(&self, graph: impl Into<GraphNameRef<'a>>, quads: &[Quad]) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction()?;
        transaction.clear_graph(graph)?;
        for quad in quads {
            transaction.insert(quad);
        }
        transaction.commit()?;
        Ok(())
    }

    /// Removes a graph: a named graph entirely, the default graph's content.
    pub fn remove_graph(&self, graph: GraphNameRef<'_>) -> Result<(), StoreError> {
        match graph {
            GraphNameRef::NamedNode(node) => self.inner.remove_named_graph(NamedOrBlankNodeRef::NamedNode(node))?,
            GraphNameRef::BlankNode(node) => self.inner.remove_named_graph(NamedOrBlankNodeRef::BlankNode(node))?,
            GraphNameRef::DefaultGraph => self.inner.clear_graph(GraphNameRef::DefaultGraph)?,
        }
        Ok(())
    }

    /// Adds quads, all or none.
    pub fn insert_all(&self, quads: &[Quad]) -> Result<(), StoreError> {
        let mut transaction = self.inner.start_transaction()?;
        for quad in quads {
            transaction.insert(quad);
        }
        transaction.commit()?;
        Ok(())
    }

    /// Makes the writes durable on disk.
    pub fn flush(&self) -> Result<(), StoreError> {
        Ok(self.inner.flush()?)
    }
}
