//! Checkpoints during a long write: what the store holds in memory is flushed to its files every
//! few seconds, so that the write-ahead log a crash leaves behind holds seconds of writes rather
//! than the whole build.
//!
//! Why it matters: a read-only open (every `warta query`, a read-only `warta serve`) may not
//! write, so RocksDB replays the unflushed log into memory at every such open. After a `kill -9`
//! of a build that had not flushed, that was gigabytes and 30-46 s per open, until the next
//! writable open. RocksDB flushes on its own only when its write buffers fill (hundreds of MB).
//!
//! Owns: when a writer flushes. Must not: write anything itself.

use std::sync::mpsc::{self, RecvTimeoutError};
use std::thread::JoinHandle;
use std::time::Duration;

use crate::store::{Store, StoreError};

/// How often a build flushes: the most a crash leaves for readers to replay, in writing time.
pub const CHECKPOINT_INTERVAL: Duration = Duration::from_secs(5);

/// Flushes a store every `interval` on a thread of its own, until finished or dropped.
#[derive(Debug)]
pub struct Checkpoints {
    /// Dropping the sender wakes the thread and ends it.
    stop: Option<mpsc::Sender<()>>,
    thread: Option<JoinHandle<Result<(), StoreError>>>,
}

impl Checkpoints {
    /// Starts flushing `store` every `interval`. A flush that fails ends the checkpoints; its
    /// error comes back from [`Checkpoints::finish`].
    pub fn start(store: &Store, interval: Duration) -> Checkpoints {
        let (stop, stopped) = mpsc::channel::<()>();
        let store = store.clone();
        let thread = std::thread::Builder::new()
            .name("warta-checkpoint".to_owned())
            .spawn(move || {
                loop {
                    match stopped.recv_timeout(interval) {
                        Err(RecvTimeoutError::Timeout) => store.flush()?,
                        Ok(()) | Err(RecvTimeoutError::Disconnected) => return Ok(()),
                    }
                }
            })
            // Without the thread the build is only slower to read after a crash, not wrong.
            .ok();
        Checkpoints { stop: Some(stop), thread }
    }

    /// Stops the checkpoints, with the error of a flush that failed.
    pub fn finish(mut self) -> Result<(), StoreError> {
        self.stop.take();
        match self.thread.take().map(JoinHandle::join) {
            None | Some(Ok(Ok(()))) => Ok(()),
            Some(Ok(Err(error))) => Err(error),
            Some(Err(_)) => Err(StoreError::Checkpoint),
        }
    }
}

impl Drop for Checkpoints {
    fn drop(&mut self) {
        // A build that returns early stops its checkpoints too; the thread ends on its own.
        self.stop.take();
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, reason = "test code")]

    use super::*;
    use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, Quad};

    /// The bytes of the files of `path` whose names end with `extension`. RocksDB deletes
    /// obsolete files in the background: one listed and gone before it is measured holds none.
    fn bytes_in(path: &std::path::Path, extension: &str) -> u64 {
        std::fs::read_dir(path)
            .unwrap()
            .flatten()
            .filter(|entry| entry.file_name().to_string_lossy().ends_with(extension))
            .filter_map(|entry| entry.metadata().ok())
            .map(|metadata| metadata.len())
            .sum()
    }

    /// What a reader replays is what is in the log and not yet in tables: a checkpoint moves
    /// the writes into tables (`.sst`), which a reader opens without replaying anything.
    #[test]
    fn checkpoints_move_the_writes_from_the_log_into_tables() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        let subject = NamedNode::new("http://example.com/s").unwrap();
        let quads: Vec<Quad> = (0..2000)
            .map(|n| Quad::new(subject.clone(), subject.clone(), Literal::from(n), GraphName::DefaultGraph))
            .collect();
        let tables_before = bytes_in(dir.path(), ".sst");
        store.insert_all(&quads).unwrap();
        assert!(bytes_in(dir.path(), ".log") > 50_000, "the writes are in the log first");
        // RocksDB may flush its own small bookkeeping meanwhile; the 2,000 quads are not there.
        assert!(bytes_in(dir.path(), ".sst") < tables_before + 5_000, "and only there");

        let checkpoints = Checkpoints::start(&store, Duration::from_millis(20));
        // A minute is only how long to wait for a busy machine before calling it a failure.
        let started = std::time::Instant::now();
        while bytes_in(dir.path(), ".sst") < tables_before + 5_000 {
            assert!(started.elapsed() < Duration::from_secs(60), "the writes never reached the tables");
            std::thread::sleep(Duration::from_millis(20));
        }
        checkpoints.finish().unwrap();
        // The writer compacts in the background and may delete a table a reader is opening:
        // the reader tries again, as a following server does.
        let reader = loop {
            match Store::open_read_only(dir.path()) {
                Ok(reader) => break reader,
                Err(e) => assert!(started.elapsed() < Duration::from_secs(60), "{e}"),
            }
        };
        // In the default graph: the first write also starts the summary graph.
        let written = reader
            .oxigraph()
            .quads_for_pattern(None, None, None, Some(GraphNameRef::DefaultGraph))
            .count();
        assert_eq!(written, 2000, "and a reader sees every write");
    }
}
