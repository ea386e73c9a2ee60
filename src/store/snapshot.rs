//! A reader's view of a store that another process may be writing: the store opened read-only,
//! and opened again when its files change, so that a reader started during a build catches up
//! with it instead of answering from the moment it opened.
//!
//! A RocksDB opened read-only sees the files as they were when it opened, and nothing after. So
//! the view is replaced whole: `refresh` opens the store anew and swaps it in; a query that
//! started on the old view holds its own handle and finishes there, and the old view closes when
//! the last such handle goes.
//!
//! Owns: when a reader reopens and what it says it serves. Must not: write to the store.

use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

use oxigraph::model::{GraphNameRef, NamedOrBlankNodeRef};

use crate::store::{Store, StoreError};
use crate::vocab::{rdf, warta};

/// What a view serves, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SnapshotInfo {
    /// The articles the view holds.
    pub articles: usize,
    /// When the view was opened.
    pub opened_at: SystemTime,
}

/// The store a server answers from: fixed (a writable store, which sees its own writes), or a
/// read-only view of a path that [`Snapshot::refresh`] reopens when the files change.
#[derive(Debug, Clone)]
pub struct Snapshot {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    /// `None` for a fixed store.
    path: Option<PathBuf>,
    current: RwLock<View>,
}

#[derive(Debug, Clone)]
struct View {
    store: Store,
    files: Files,
    info: SnapshotInfo,
}

/// The files that say what a RocksDB directory holds: the current manifest, the manifests, the
/// tables and the write-ahead logs, by name and size. A write grows a log, a flush adds tables, a
/// compaction replaces them. RocksDB's own `LOG` and `LOCK` are left out: a read-only open may
/// write its `LOG`, and must not count as a change.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct Files(Vec<(String, u64)>);

impl Files {
    fn of(path: &Path) -> Files {
        let mut files: Vec<(String, u64)> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let telling = name == "CURRENT" || name.starts_with("MANIFEST-") || name.ends_with(".sst") || name.ends_with(".log");
                let size = entry.metadata().ok()?.len();
                telling.then_some((name, size))
            })
            .collect();
        files.sort();
        Files(files)
    }
}

impl From<Store> for Snapshot {
    /// A store that is never reopened: a writable store, or one in memory.
    fn from(store: Store) -> Snapshot {
        let info = SnapshotInfo {
            articles: count_articles(&store).unwrap_or(0),
            opened_at: SystemTime::now(),
        };
        Snapshot {
            inner: Arc::new(Inner {
                path: None,
                current: RwLock::new(View {
                    store,
                    files: Files::default(),
                    info,
                }),
            }),
        }
    }
}

impl Snapshot {
    /// Opens the store at `path` read-only, to be refreshed as it changes.
    pub fn open_read_only(path: &Path) -> Result<Snapshot, StoreError> {
        let view = open_view(path)?;
        Ok(Snapshot {
            inner: Arc::new(Inner {
                path: Some(path.to_owned()),
                current: RwLock::new(view),
            }),
        })
    }

    /// The current view. Hold it for the whole of one request, so that the request sees one
    /// state of the store even if the view is replaced meanwhile.
    pub fn store(&self) -> Store {
        self.read().store
    }

    /// What the current view serves.
    pub fn info(&self) -> SnapshotInfo {
        self.read().info
    }

    /// Opens the store again when its files changed since the current view was opened, and swaps
    /// the new view in; `None` when nothing changed (or the store is fixed). On an error the
    /// current view stays: a writer may have replaced a file between the listing and the open,
    /// and the next refresh tries again.
    pub fn refresh(&self) -> Result<Option<SnapshotInfo>, StoreError> {
        let Some(path) = &self.inner.path else {
            return Ok(None);
        };
        if Files::of(path) == self.read().files {
            return Ok(None);
        }
        let view = open_view(path)?;
        let info = view.info;
        // The old view is dropped here or, if a request still holds it, when that request ends.
        if let Ok(mut current) = self.inner.current.write() {
            *current = view;
        }
        Ok(Some(info))
    }

    /// Refreshes every `interval` on a thread of its own, for as long as the process runs,
    /// telling `on_refresh` each new view and each failed attempt.
    pub fn follow(
        &self,
        interval: Duration,
        mut on_refresh: impl FnMut(Result<SnapshotInfo, StoreError>) + Send + 'static,
    ) -> std::io::Result<JoinHandle<()>> {
        let snapshot = self.clone();
        std::thread::Builder::new().name("warta-follow".to_owned()).spawn(move || {
            loop {
                std::thread::sleep(interval);
                match snapshot.refresh() {
                    Ok(None) => {}
                    Ok(Some(info)) => on_refresh(Ok(info)),
                    Err(error) => on_refresh(Err(error)),
                }
            }
        })
    }

    fn read(&self) -> View {
        // A writer that panicked mid-swap left a whole view (the swap is one assignment).
        match self.inner.current.read() {
            Ok(view) => view.clone(),
            Err(poisoned) => poisoned.into_inner().clone(),
        }
    }
}

/// Lists the files first, then opens: a change in between makes the next refresh open again,
/// never miss it.
fn open_view(path: &Path) -> Result<View, StoreError> {
    let files = Files::of(path);
    let store = Store::open_read_only(path)?;
    let info = SnapshotInfo {
        articles: count_articles(&store)?,
        opened_at: SystemTime::now(),
    };
    Ok(View { store, files, info })
}

/// The articles a store describes in its default graph.
fn count_articles(store: &Store) -> Result<usize, StoreError> {
    let mut count = 0;
    for quad in store.oxigraph().quads_for_pattern(
        None::<NamedOrBlankNodeRef<'_>>,
        Some(rdf::TYPE),
        Some(warta::ARTICLE.into()),
        Some(GraphNameRef::DefaultGraph),
    ) {
        quad?;
        count += 1;
    }
    Ok(count)
}
