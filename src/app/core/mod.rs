//! The core every feature stands on: the `App` (its database, clock,
//! catalogs and notifiers), one request in progress (`Ctx`), errors, ids,
//! dialogs as stored, the command trait, and the views of the matrix that
//! several features show. It knows no feature: the router (`app/mod.rs`,
//! `commands.rs`, `dialogs.rs`) is where features are listed.

mod catalogs;
pub mod command;
mod context;
mod delivery;
pub mod dialog;
mod error;
mod ids;
mod inbox;
pub mod lookup;
pub mod sanitize;
mod suggest;
pub mod views;

pub(crate) use command::CommandArgs;
pub(crate) use context::Ctx;
pub use error::{AppError, AppResult, chain, lead_only};
pub use ids::{CountingIds, IdSource, RandomIds};
pub use lookup::check_member_name;

use crate::app::protocol::{Notifiers, RetryPolicy};
use crate::clock::Clock;
use crate::matrix::Catalog;
use crate::store::{Db, StoreError};
use crate::team::{Platform, WorkspaceId};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicI64;
use std::sync::{Arc, Mutex, PoisonError, RwLock};

pub use crate::app::protocol::MAX_NAME_CHARS;

/// How long an unfinished dialog waits for its next step.
pub const DIALOG_LIFETIME_HOURS: i64 = 24;

/// What an app is made with besides its database and matrix.
pub struct Settings {
    /// The shared matrix directory, re-read by /matrix reload.
    pub matrix_dir: PathBuf,
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn IdSource>,
    /// The notifier of each platform the process serves; the console's
    /// inbox is added when it is not given.
    pub notifiers: Notifiers,
    pub retry: RetryPolicy,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("matrix_dir", &self.matrix_dir)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// How often the answers from memory alone look for skills changed by
/// another process (`App::notice_skill_changes_lately`).
const SKILLS_LOOK_EVERY_MS: i64 = 250;

pub struct App {
    db: Db,
    settings: Settings,
    shared: RwLock<Arc<Catalog>>,
    /// Per workspace: the shared skills plus the ones it imported.
    workspace_catalogs: Mutex<HashMap<WorkspaceId, Arc<Catalog>>>,
    /// Workspaces seen since start, by platform id; `None` for one without
    /// a row yet (no one there has written). A row is never deleted; a
    /// `None` is forgotten when the database changes under another process.
    known_workspaces: Mutex<HashMap<(Platform, String), Option<WorkspaceId>>>,
    /// The store's skills revision when the cached catalogs were made: a
    /// skill imported or removed by another process moves it.
    skills_revision: AtomicI64,
    /// When (app clock, ms) `skills_revision` was last read.
    skills_checked_at: AtomicI64,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("db", &self.db)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl App {
    pub fn new(db: Db, catalog: Catalog, mut settings: Settings) -> App {
        if !settings.notifiers.has(Platform::Console) {
            let inbox = Arc::new(inbox::Inbox::new(db.clone(), Arc::clone(&settings.clock)));
            settings.notifiers = settings.notifiers.with(Platform::Console, inbox);
        }
        App {
            db,
            settings,
            shared: RwLock::new(Arc::new(catalog)),
            workspace_catalogs: Mutex::new(HashMap::new()),
            known_workspaces: Mutex::new(HashMap::new()),
            skills_revision: AtomicI64::new(i64::MIN),
            skills_checked_at: AtomicI64::new(i64::MIN),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.settings.clock.now()
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    /// Makes the ids of new dialogs.
    pub(crate) fn ids(&self) -> &Arc<dyn IdSource> {
        &self.settings.ids
    }

    pub(crate) fn retry(&self) -> RetryPolicy {
        self.settings.retry
    }

    pub fn matrix_dir(&self) -> &Path {
        &self.settings.matrix_dir
    }

    pub fn shared_catalog(&self) -> Arc<Catalog> {
        Arc::clone(&self.shared.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Idle work: folds new ratings into the current levels (so that reads
    /// find little to merge) and forgets expired dialogs. Returns how many
    /// rows each touched.
    pub async fn tidy(&self) -> Result<(usize, usize), StoreError> {
        let now = self.now();
        let done = self
            .db
            .write_long(move |s| Ok((s.fold()?, s.purge_expired_dialogs(now)?)))
            .await?;
        self.db.upkeep().await?;
        Ok(done)
    }
}
