//! The store for async code. One connection writes; a few others read at
//! the same time (WAL lets readers go on while the writer writes), so a
//! read never waits behind a write.
//!
//! Where the work runs: a use case is a few indexed statements and at most
//! a commit, tens of microseconds; handing it to another thread and back
//! costs more than that (a button press took 270 µs that way against 185 µs
//! run in place, measured against the fake Discord). So a call runs right
//! on the async worker when its connection is free, and on the blocking
//! pool when it would have to wait for one. Nothing run in place waits for
//! the disk: the writer never checkpoints inside a commit (WAL with
//! synchronous=NORMAL does not sync on commit), and checkpoints run on the
//! blocking pool. Work known to be long (a report, a deletion that empties
//! the WAL) goes to the pool always: `read_long`, `write_long`.

use super::{Result, Store, StoreError};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError, TryLockError};

/// How many connections read at once: the blocking pool runs more threads,
/// but two cores gain nothing from more.
const READERS: usize = 4;

/// Threads for blocking work that a runtime needs: one per connection, and
/// one for work that uses none (a chart).
pub const BLOCKING_THREADS: usize = READERS + 2;

/// After this many writes the writer folds new history rows into the
/// current levels and copies the WAL into the database, on the blocking
/// pool (the idle tick does both too). Folding this often keeps the rows a
/// read of current levels must merge to a few hundred under any load.
const WRITES_PER_UPKEEP: usize = 256;

#[derive(Clone, Debug)]
pub struct Db {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    writer: Mutex<Store>,
    /// Empty for a database in memory, which one connection alone sees:
    /// reads then use the writer's.
    readers: Vec<Mutex<Store>>,
    next: AtomicUsize,
    writes: AtomicUsize,
}

/// A panic in an earlier call rolled its transaction back when it
/// unwound, so a poisoned connection is still sound.
fn lock(m: &Mutex<Store>) -> MutexGuard<'_, Store> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

/// The connection if no one holds it now.
fn try_lock(m: &Mutex<Store>) -> Option<MutexGuard<'_, Store>> {
    match m.try_lock() {
        Ok(guard) => Some(guard),
        Err(TryLockError::Poisoned(p)) => Some(p.into_inner()),
        Err(TryLockError::WouldBlock) => None,
    }
}

async fn on_the_pool<T, F>(work: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T> + Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
}

/// Each connection's page cache, in KiB. SQLite's default (2 MiB each)
/// made the bot's memory grow with the database up to 10 MiB more; the hot
/// pages are few (indexes of recent rows), and the operating system caches
/// the file anyway.
const WRITER_CACHE_KIB: i64 = 1024;
const READER_CACHE_KIB: i64 = 512;

impl Db {
    /// Opens (creating and migrating) the database file, and its readers.
    pub fn open(path: &Path) -> Result<Db> {
        let writer = Store::open(path)?;
        // Checkpoints run on the blocking pool (`checkpoint`), never inside
        // a commit made on an async worker.
        writer.conn.pragma_update(None, "wal_autocheckpoint", 0)?;
        writer
            .conn
            .pragma_update(None, "cache_size", -WRITER_CACHE_KIB)?;
        let readers = (0..READERS)
            .map(|_| {
                let reader = Store::open_reader(path)?;
                reader
                    .conn
                    .pragma_update(None, "cache_size", -READER_CACHE_KIB)?;
                Ok(Mutex::new(reader))
            })
            .collect::<Result<_>>()?;
        Ok(Db::with(writer, readers))
    }

    /// A private database in memory (tests and benchmarks).
    pub fn open_in_memory() -> Result<Db> {
        Ok(Db::with(Store::open_in_memory()?, Vec::new()))
    }

    fn with(writer: Store, readers: Vec<Mutex<Store>>) -> Db {
        Db {
            inner: Arc::new(Inner {
                writer: Mutex::new(writer),
                readers,
                next: AtomicUsize::new(0),
                writes: AtomicUsize::new(0),
            }),
        }
    }

    /// A short read on a reader connection: it never waits for the writer.
    pub async fn read<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T> + Send + 'static,
    {
        if let Some(reader) = self.inner.free_reader() {
            return work(&reader);
        }
        self.read_long(work).await
    }

    /// A read that may take long (a report): always on the blocking pool.
    pub async fn read_long<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        on_the_pool(move || work(&inner.reader())).await
    }

    /// One short use case that writes, on the writer connection.
    pub async fn write<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let Some(mut writer) = try_lock(&self.inner.writer) else {
            return self.write_long(work).await;
        };
        let result = work(&mut writer);
        drop(writer);
        self.wrote();
        result
    }

    /// A write that may take long: always on the blocking pool.
    pub async fn write_long<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        let result = on_the_pool(move || work(&mut lock(&inner.writer))).await;
        self.wrote();
        result
    }

    /// Runs a read of a few microseconds in place (a pragma, a cached row).
    pub fn read_now<T>(&self, work: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        work(&self.inner.reader())
    }

    /// Runs a read of a few microseconds on the writer connection, if it is
    /// free now; `None` when it is busy. For `PRAGMA data_version`, which on
    /// the writer moves only when another process committed.
    fn read_on_writer_now<T>(&self, work: impl FnOnce(&Store) -> Result<T>) -> Option<Result<T>> {
        try_lock(&self.inner.writer).map(|w| work(&w))
    }

    /// The revision of the workspaces' own skills (`Store::skills_revision`),
    /// read at once: "has anything changed since". Asked on the writer's
    /// connection when it is free, where SQLite's data_version moves only
    /// with other processes' commits; on a reader's when it is busy.
    pub fn skills_revision_now(&self) -> Result<i64> {
        match self.read_on_writer_now(|s| s.skills_revision()) {
            Some(revision) => revision,
            None => self.read_now(|s| s.skills_revision()),
        }
    }

    /// Keeps the database's files small: SQLite copies its write-ahead log
    /// into the database as far as readers allow, on the blocking pool. The
    /// idle tick and long passes call it (writes start their own upkeep).
    pub async fn upkeep(&self) -> Result<()> {
        let inner = Arc::clone(&self.inner);
        on_the_pool(move || lock(&inner.writer).checkpoint()).await
    }

    /// After personal data was deleted, or before the process stops: leaves
    /// no copy of deleted rows in the database's log (SQLite: empties the
    /// WAL, waiting for readers), on the blocking pool.
    pub async fn settle(&self) -> Result<()> {
        self.write_long(|s| s.empty_wal()).await
    }

    /// Counts a write, and starts the upkeep every so many.
    fn wrote(&self) {
        let n = self.inner.writes.fetch_add(1, Ordering::Relaxed) + 1;
        if n.is_multiple_of(WRITES_PER_UPKEEP) {
            let inner = Arc::clone(&self.inner);
            tokio::spawn(on_the_pool(move || {
                let mut writer = lock(&inner.writer);
                let folded = writer.fold();
                let checkpointed = writer.checkpoint();
                if let Err(e) = folded.and(checkpointed) {
                    tracing::warn!(error = %e, "upkeep after writes failed");
                }
                Ok(())
            }));
        }
    }
}

impl Inner {
    /// A reader no one holds now, if any.
    fn free_reader(&self) -> Option<MutexGuard<'_, Store>> {
        if self.readers.is_empty() {
            return try_lock(&self.writer);
        }
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let n = self.readers.len();
        (0..n).find_map(|i| try_lock(&self.readers[(start + i) % n]))
    }

    /// A free reader if there is one, else the next in turn.
    fn reader(&self) -> MutexGuard<'_, Store> {
        if let Some(free) = self.free_reader() {
            return free;
        }
        if self.readers.is_empty() {
            return lock(&self.writer);
        }
        let at = self.next.load(Ordering::Relaxed) % self.readers.len();
        lock(&self.readers[at])
    }
}
