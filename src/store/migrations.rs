//! Numbered SQL files from migrations/, embedded at compile time and
//! tracked by SQLite's user_version.

use super::{Result, StoreError};
use rusqlite::Connection;
use rusqlite_migration::{M, Migrations, SchemaVersion};
use std::path::Path;

const STEPS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_init.sql")),
    M::up(include_str!("../../migrations/0002_workspace_skills.sql")),
];

const MIGRATIONS: Migrations<'static> = Migrations::from_slice(STEPS);

/// The schema version this binary writes.
pub const LATEST_VERSION: usize = STEPS.len();

pub(super) fn apply(conn: &mut Connection, path: &Path) -> Result<()> {
    let found = current(conn)?;
    if found > LATEST_VERSION {
        return Err(StoreError::TooNew {
            path: path.display().to_string(),
            found,
            known: LATEST_VERSION,
        });
    }
    MIGRATIONS
        .to_latest(conn)
        .map_err(|e| StoreError::Migration(e.to_string()))
}

/// The schema version of an open database.
pub(super) fn current(conn: &Connection) -> Result<usize> {
    match MIGRATIONS.current_version(conn) {
        Ok(SchemaVersion::NoneSet) => Ok(0),
        Ok(SchemaVersion::Inside(v) | SchemaVersion::Outside(v)) => Ok(v.get()),
        Err(e) => Err(StoreError::Migration(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_migration_applies_to_an_empty_database() {
        assert!(MIGRATIONS.validate().is_ok());
        let mut conn = Connection::open_in_memory().unwrap();
        apply(&mut conn, Path::new(":memory:")).unwrap();
        assert_eq!(current(&conn).unwrap(), LATEST_VERSION);
        let tables: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN \
                 ('workspaces','members','assessments','current_levels','targets','dialogs','prompt_log','audit_log','workspace_skills')",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(tables, 9);
    }

    #[test]
    fn a_newer_schema_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        conn.pragma_update(None, "user_version", LATEST_VERSION as i64 + 1)
            .unwrap();
        let err = apply(&mut conn, Path::new("team.db"))
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with(&format!(
                "the database team.db has schema version {}, newer than this skillbot knows ({LATEST_VERSION})",
                LATEST_VERSION + 1
            )),
            "{err}"
        );
    }
}
