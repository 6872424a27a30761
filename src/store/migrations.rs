//! Numbered SQL files from migrations/, embedded at compile time and
//! tracked by SQLite's user_version.

use super::{Result, StoreError};
use rusqlite::Connection;
use rusqlite_migration::{M, Migrations, SchemaVersion};
use std::path::Path;

const STEPS: &[M<'static>] = &[
    M::up(include_str!("../../migrations/0001_init.sql")),
    M::up(include_str!("../../migrations/0002_workspace_skills.sql")),
    M::up(include_str!("../../migrations/0003_never_reuse_ids.sql")).foreign_key_check(),
    M::up(include_str!("../../migrations/0004_roles_by_id.sql")),
    M::up(include_str!(
        "../../migrations/0005_dialog_steps_write_less.sql"
    )),
    M::up(include_str!(
        "../../migrations/0006_history_pages_and_role_names.sql"
    )),
    M::up(include_str!("../../migrations/0007_weekly_checkins.sql")),
    M::up(include_str!("../../migrations/0008_team_reports.sql")),
    M::up(include_str!(
        "../../migrations/0009_dialog_steps_and_saves.sql"
    )),
    M::up(include_str!(
        "../../migrations/0010_indexes_for_steady_reads.sql"
    )),
    M::up(include_str!(
        "../../migrations/0011_text_without_markup_characters.sql"
    )),
    M::up(include_str!("../../migrations/0012_checkin_grace.sql")),
    M::up(include_str!("../../migrations/0013_platform_zone.sql")),
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
    match MIGRATIONS.to_latest(conn) {
        Ok(()) => Ok(()),
        // Two processes started at once both read the old version; the
        // second waited for the first's write lock and then found the
        // migration done. Its own attempt rolled back: nothing to do.
        Err(_) if current(conn)? == LATEST_VERSION => Ok(()),
        Err(e) => Err(StoreError::Migration(e.to_string())),
    }
}

/// Tables, indexes and triggers the latest schema has, as "table x":
/// worked out once by applying every migration to an empty database.
fn expected_objects() -> &'static [String] {
    static EXPECTED: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    EXPECTED.get_or_init(|| {
        let mut conn = Connection::open_in_memory().expect("SQLite opens a database in memory");
        MIGRATIONS
            .to_latest(&mut conn)
            .expect("the embedded migrations apply to an empty database");
        objects(&conn).expect("an in-memory schema can be listed")
    })
}

fn objects(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT type || ' ' || name FROM sqlite_master \
         WHERE type IN ('table', 'index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY 1",
    )?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    rows.collect()
}

/// What the latest schema has that this database lacks (a table someone
/// dropped, say); empty when all is there.
pub(super) fn missing_objects(conn: &Connection) -> Result<Vec<String>> {
    let present = objects(conn)?;
    Ok(expected_objects()
        .iter()
        .filter(|o| !present.contains(o))
        .cloned()
        .collect())
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
                 ('workspaces','members','assessments','current_levels','targets','dialogs','checkins','audit_log','workspace_skills')",
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
