//! Opening a database file: checked before anything is changed, and every
//! failure explained with the file, the cause and what to do about it.

use super::{LATEST_VERSION, Result, Store, StoreError, migrations};
use rusqlite::{Connection, ErrorCode, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a statement waits for another connection's write lock.
pub(super) const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Prepared statements each connection keeps (`prepare_cached`). The
/// store has some sixty; rusqlite keeps 16 by default, so a dialog's
/// statements were pushed out by the ones its start ran and parsed again.
const STATEMENTS_KEPT: usize = 96;

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its
    /// schema up to date. A file that is not a skillbot database, or one
    /// written by a newer skillbot, is refused before anything in it
    /// changes.
    pub fn open(path: &Path) -> Result<Store> {
        refuse_folder(path)?;
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::Folder {
                path: dir.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path).map_err(|e| explain(path, e))?;
        Store::setup(conn, path).map_err(|e| match e {
            StoreError::Sqlite(inner) => explain(path, inner),
            other => other,
        })
    }

    /// Opens an existing database to read it (checks and backups): no
    /// migration, no write. It opens read-write when it can, so that
    /// closing it tidies the -wal and -shm files away as any last
    /// connection does, and read-only otherwise.
    pub fn open_existing(path: &Path) -> Result<Store> {
        refuse_folder(path)?;
        if !path.exists() {
            return Err(StoreError::Missing(path.display().to_string()));
        }
        let store = Store::query_only(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
            .or_else(|_| Store::query_only(path, OpenFlags::SQLITE_OPEN_READ_ONLY))?;
        // Reading the header tells a database from any other file.
        store
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
            .map_err(|e| explain(path, e))?;
        Ok(store)
    }

    /// A second connection to a database `open` has opened (and migrated),
    /// for reads alone.
    pub(super) fn open_reader(path: &Path) -> Result<Store> {
        Store::query_only(path, OpenFlags::SQLITE_OPEN_READ_WRITE)
    }

    /// A connection to an existing file that refuses to change it.
    fn query_only(path: &Path, access: OpenFlags) -> Result<Store> {
        let conn = Connection::open_with_flags(path, access | OpenFlags::SQLITE_OPEN_NO_MUTEX)
            .map_err(|e| explain(path, e))?;
        conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
        let configure = || -> rusqlite::Result<()> {
            conn.busy_timeout(BUSY_TIMEOUT)?;
            conn.pragma_update(None, "query_only", true)
        };
        configure().map_err(|e| explain(path, e))?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            revision_seen: std::cell::Cell::new(None),
        })
    }

    /// A private database in memory, for tests and benchmarks.
    pub fn open_in_memory() -> Result<Store> {
        Store::setup(Connection::open_in_memory()?, Path::new(":memory:"))
    }

    fn setup(mut conn: Connection, path: &Path) -> Result<Store> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Every transaction takes the write lock when it begins: one that
        // read first could not take it later while another process writes,
        // and would fail at once instead of waiting.
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        // Before anything changes the file: is it ours, and a version we
        // know?
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < 0 {
            return Err(StoreError::BadVersion {
                path: path.display().to_string(),
                found: version,
            });
        }
        if version as usize > LATEST_VERSION {
            return Err(StoreError::TooNew {
                path: path.display().to_string(),
                found: version as usize,
                known: LATEST_VERSION,
            });
        }
        // WAL: readers never block the writer. synchronous=NORMAL: a
        // committed transaction survives the process being killed; only a
        // power cut can lose the last few. secure_delete: deleted personal
        // data is overwritten, not left in free pages.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
        conn.pragma_update(None, "secure_delete", true)?;
        // Whether this process can write here shows when it takes the write
        // lock (a folder where the -wal file cannot be made lets reads
        // through): find out now, not at the first save.
        conn.execute_batch("BEGIN IMMEDIATE; ROLLBACK;")?;
        // Migrations rebuild tables, which SQLite asks to do with foreign
        // keys off; the migration checks them itself before committing.
        conn.pragma_update(None, "foreign_keys", false)?;
        migrations::apply(&mut conn, path)?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let missing = migrations::missing_objects(&conn)?;
        if !missing.is_empty() {
            return Err(StoreError::SchemaDamaged {
                path: path.display().to_string(),
                missing,
            });
        }
        Ok(Store {
            conn,
            path: path.to_path_buf(),
            revision_seen: std::cell::Cell::new(None),
        })
    }
}

fn refuse_folder(path: &Path) -> Result<()> {
    // "postgres://host/db" is a URL, not a file to create: as a path it
    // would make a folder named "postgres:" and a database inside it.
    let text = path.to_string_lossy();
    if let Some((scheme, _)) = text.split_once("://")
        && !scheme.is_empty()
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return Err(StoreError::UnsupportedUrl {
            url: text.to_string(),
            scheme: scheme.to_string(),
        });
    }
    if path.is_dir() {
        return Err(StoreError::IsFolder(path.display().to_string()));
    }
    Ok(())
}

/// The -wal and -shm files SQLite keeps beside a database in WAL mode.
fn companions(path: &Path) -> [PathBuf; 2] {
    let with = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    [with("-wal"), with("-shm")]
}

/// Whether this process may create files in `folder` (tried, not guessed
/// from mode bits, which say nothing of root or of read-only mounts).
fn folder_writable(folder: &Path) -> bool {
    let probe = folder.join(format!(".skillbot-probe-{}", std::process::id()));
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&probe)
    {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

fn file_writable(file: &Path) -> bool {
    std::fs::OpenOptions::new().write(true).open(file).is_ok()
}

/// What SQLite's error means for this file, and what to do.
fn explain(path: &Path, error: rusqlite::Error) -> StoreError {
    let shown = path.display().to_string();
    if path.is_dir() {
        return StoreError::IsFolder(shown);
    }
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
            return StoreError::NotADatabase { path: shown };
        }
        Some(ErrorCode::ReadOnly | ErrorCode::CannotOpen | ErrorCode::PermissionDenied) => {
            let folder = match path.parent().filter(|d| !d.as_os_str().is_empty()) {
                Some(dir) => dir.to_path_buf(),
                None => PathBuf::from("."),
            };
            if !folder_writable(&folder) {
                return StoreError::FolderNotWritable {
                    path: shown,
                    folder: folder.display().to_string(),
                };
            }
            let [wal, shm] = companions(path);
            for file in [path, wal.as_path(), shm.as_path()] {
                if file.exists() && !file_writable(file) {
                    return StoreError::FileNotWritable {
                        path: shown,
                        file: file.display().to_string(),
                    };
                }
            }
        }
        _ => {}
    }
    StoreError::Open {
        path: shown,
        source: error,
    }
}
