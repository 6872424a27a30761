//! SQLite storage. One `Store` owns one connection; each public method is
//! one use case in one transaction. `Db` runs them off the async runtime,
//! writes on one connection and reads on others.
//!
//! The app sees no SQLite mechanics: `Db::upkeep` keeps the files small
//! (a WAL checkpoint), `Db::settle` leaves no copy of deleted rows behind
//! (the WAL emptied), `Db::skills_revision_now` says whether another
//! process changed the skills (data_version on the writer's connection).
//!
//! One assumption is SQLite's alone: current levels are folded from the
//! history above a watermark id (`Store::fold`), which needs ids to become
//! visible in id order. SQLite's single writer guarantees it; a server
//! database with concurrent writers does not, and a store on one needs
//! another mark.

mod assessments;
mod checkins;
mod db;
mod dialogs;
mod maintenance;
mod members;
mod migrations;
mod open;
mod privacy;
mod reports;
mod targets;
mod tx;
mod workspace_skills;
mod workspaces;

pub use crate::assess::{CurrentLevel, HistoryEntry};
pub use crate::team::{MemberId, Platform, WorkspaceId};
pub use checkins::{Checkin, CheckinStatus, Sent, Unanswered};
pub use db::{BLOCKING_THREADS, Db};
pub use dialogs::DialogRow;
pub use maintenance::Health;
pub use members::{DueMember, Member};
pub use migrations::LATEST_VERSION;
pub use privacy::Holdings;
pub use reports::{SkillRating, TrackRow, Tracks};
pub use targets::Target;
pub use workspaces::WorkspaceSettings;

use chrono::{DateTime, TimeZone, Utc};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error(
        "the database {path} has schema version {found}, newer than this skillbot knows ({known}): \
         run the newer skillbot that wrote it, or restore a backup"
    )]
    TooNew {
        path: String,
        found: usize,
        known: usize,
    },
    #[error(
        "the database {path} has schema version {found}, which no skillbot writes: the file was \
         changed by another program; restore a backup (skillbot db backup makes them)"
    )]
    BadVersion { path: String, found: i64 },
    #[error(
        "{path} is not a skillbot database, or it is damaged (SQLite reads no database in it): \
         restore a backup (skillbot db backup makes them), or move the file away to start afresh"
    )]
    NotADatabase { path: String },
    #[error(
        "the database {path} lacks {} that this skillbot's schema has: the file was changed by \
         another program or is damaged; restore a backup (skillbot db backup makes them)",
        .missing.join(", ")
    )]
    SchemaDamaged { path: String, missing: Vec<String> },
    #[error(
        "{0} is a folder, not a database file: give the path of a file, such as {0}/skillbot.db"
    )]
    IsFolder(String),
    #[error(
        "cannot write the database {path}: the folder {folder} is not writable, and SQLite keeps \
         its -wal and -shm files beside the database; make the folder writable, or move the \
         database to one that is"
    )]
    FolderNotWritable { path: String, folder: String },
    #[error(
        "cannot write the database {path}: {file} is read-only; if no skillbot is running, \
         make it writable (or, for a leftover -wal or -shm file, remove it)"
    )]
    FileNotWritable { path: String, file: String },
    #[error("cannot open the database {path}: {source}")]
    Open {
        path: String,
        source: rusqlite::Error,
    },
    #[error("{0} already exists: give a new file name for the backup")]
    BackupExists(String),
    #[error(
        "{url} is a {scheme}: URL, and this skillbot stores its data in a SQLite file only: give \
         the file's path (such as data/skillbot.db)"
    )]
    UnsupportedUrl { url: String, scheme: String },
    #[error("there is no database at {0}")]
    Missing(String),
    #[error("cannot create the folder {path} for the database: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot update the database schema: {0}")]
    Migration(String),
    #[error("{0} not found")]
    NotFound(&'static str),
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("the database task stopped: {0}")]
    Task(String),
    /// A value the app hands over to be stored could not be written as
    /// JSON.
    #[error("cannot encode {what}: {message}")]
    Encode { what: &'static str, message: String },
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

#[derive(Debug)]
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// What `skills_revision` last read, and the connection's data_version
    /// then: another connection's commit moves the data_version.
    revision_seen: std::cell::Cell<Option<(i64, i64)>>,
}

impl Store {
    pub fn path(&self) -> &Path {
        &self.path
    }
}

pub(crate) fn to_ms(t: DateTime<Utc>) -> i64 {
    t.timestamp_millis()
}

pub(crate) fn from_ms(ms: i64) -> DateTime<Utc> {
    Utc.timestamp_millis_opt(ms)
        .single()
        .unwrap_or(DateTime::<Utc>::MIN_UTC)
}
