//! Backup and health checks: `skillbot db backup` and `skillbot db check`.

use super::{LATEST_VERSION, Result, Store, StoreError, migrations};
use std::path::Path;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Health {
    /// What `PRAGMA integrity_check` said: "ok" when all is well.
    pub integrity: Vec<String>,
    pub schema_version: usize,
    pub latest_version: usize,
    /// Tables, indexes and triggers of the schema that the file lacks
    /// (checked when its version is this binary's).
    pub missing: Vec<String>,
}

impl Health {
    /// Sound, and a schema this binary can use (an older one it upgrades
    /// at its next start).
    pub fn ok(&self) -> bool {
        self.integrity == ["ok"]
            && self.schema_version <= self.latest_version
            && self.missing.is_empty()
    }
}

impl Store {
    /// A consistent copy of the live database at `target`, made with
    /// SQLite's online backup while the bot may go on writing.
    /// Refuses to overwrite an existing file.
    pub fn backup_to(&self, target: &Path) -> Result<()> {
        if target.exists() {
            return Err(StoreError::BackupExists(target.display().to_string()));
        }
        self.conn.backup(rusqlite::MAIN_DB, target, None)?;
        Ok(())
    }

    /// Copies the WAL into the database as far as readers allow, without
    /// waiting for anyone.
    pub fn checkpoint(&mut self) -> Result<()> {
        self.conn
            .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()))?;
        Ok(())
    }

    pub fn health(&self) -> Result<Health> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let integrity = stmt
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        let schema_version = migrations::current(&self.conn)?;
        let missing = if schema_version == LATEST_VERSION {
            migrations::missing_objects(&self.conn)?
        } else {
            Vec::new()
        };
        Ok(Health {
            integrity,
            schema_version,
            latest_version: LATEST_VERSION,
            missing,
        })
    }
}
