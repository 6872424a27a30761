//! The store for async code. One connection writes; a few others read at
//! the same time (WAL lets readers go on while the writer writes), so a
//! read never waits behind a write. Every call runs on tokio's blocking
//! pool: a slow disk never stalls the chat connection.

use super::{Result, Store, StoreError};
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

/// How many connections read at once: the blocking pool runs more threads,
/// but two cores gain nothing from more.
const READERS: usize = 4;

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
}

/// A panic in an earlier call rolled its transaction back when it
/// unwound, so a poisoned connection is still sound.
fn lock(m: &Mutex<Store>) -> MutexGuard<'_, Store> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Db {
    /// Opens (creating and migrating) the database file, and its readers.
    pub fn open(path: &Path) -> Result<Db> {
        let writer = Store::open(path)?;
        let readers = (0..READERS)
            .map(|_| Store::open_reader(path).map(Mutex::new))
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
            }),
        }
    }

    /// Runs a read on a reader connection: it never waits for the writer.
    pub async fn read<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        off_the_runtime(move || work(&inner.reader())).await
    }

    /// Runs one use case that writes, on the writer connection.
    pub async fn write<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let inner = Arc::clone(&self.inner);
        off_the_runtime(move || work(&mut lock(&inner.writer))).await
    }

    /// Runs a read of a few microseconds in place, without the trip to the
    /// blocking pool (a pragma, a cached row).
    pub fn read_now<T>(&self, work: impl FnOnce(&Store) -> Result<T>) -> Result<T> {
        work(&self.inner.reader())
    }
}

/// Runs blocking work without holding up the runtime's other tasks. On a
/// multi-threaded runtime it runs right here while the runtime hands this
/// worker's other tasks to another thread (no wait for a thread to wake);
/// elsewhere on the blocking pool.
async fn off_the_runtime<T, F>(work: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T> + Send + 'static,
{
    use tokio::runtime::{Handle, RuntimeFlavor};
    if Handle::current().runtime_flavor() == RuntimeFlavor::MultiThread {
        return tokio::task::block_in_place(work);
    }
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|e| StoreError::Task(e.to_string()))?
}

impl Inner {
    /// A free reader if there is one, else the next in turn.
    fn reader(&self) -> MutexGuard<'_, Store> {
        if self.readers.is_empty() {
            return lock(&self.writer);
        }
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let n = self.readers.len();
        for i in 0..n {
            if let Ok(guard) = self.readers[(start + i) % n].try_lock() {
                return guard;
            }
        }
        lock(&self.readers[start % n])
    }
}
