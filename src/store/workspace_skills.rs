//! Skills a workspace imported from chat, kept as canonical TOML.

use super::tx;
use super::{MemberId, Result, Store, WorkspaceId, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::params;

impl Store {
    /// A number that changes whenever any workspace's own skills change,
    /// in this process or another. Cheap when nothing changed: it reads
    /// the table only when another connection has committed since.
    pub fn skills_revision(&self) -> Result<i64> {
        let data_version: i64 = self
            .conn
            .prepare_cached("PRAGMA data_version")?
            .query_row([], |r| r.get(0))?;
        if let Some((seen, revision)) = self.revision_seen.get()
            && seen == data_version
        {
            return Ok(revision);
        }
        let revision: i64 = self
            .conn
            .prepare_cached("SELECT n FROM skills_revision")?
            .query_row([], |r| r.get(0))?;
        self.revision_seen.set(Some((data_version, revision)));
        Ok(revision)
    }

    /// (slug, TOML text) of every skill the workspace imported.
    pub fn workspace_skills(&self, workspace: WorkspaceId) -> Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT slug, toml FROM workspace_skills WHERE workspace_id = ?1 ORDER BY slug",
        )?;
        let rows = stmt.query_map([workspace.0], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Adds or replaces a workspace skill and ends the import dialog, together.
    pub fn save_workspace_skill(
        &mut self,
        workspace: WorkspaceId,
        slug: &str,
        toml: &str,
        by: MemberId,
        dialog_id: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = tx::begin(&mut self.conn)?;
        tx.execute(
            "INSERT INTO workspace_skills (workspace_id, slug, toml, imported_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (workspace_id, slug) DO UPDATE SET toml = excluded.toml, \
             imported_by = excluded.imported_by, updated_at = excluded.updated_at",
            params![workspace.0, slug, toml, by.0, to_ms(now)],
        )?;
        tx.execute("DELETE FROM dialogs WHERE id = ?1", [dialog_id])?;
        tx.commit()?;
        Ok(())
    }

    /// Removes a skill the workspace imported, the targets set in it, and
    /// the dialog that asked for it, together; `None` when there was no
    /// such skill, else how many targets went with it. The ratings of the
    /// skill stay in the members' history.
    pub fn remove_workspace_skill(
        &mut self,
        workspace: WorkspaceId,
        slug: &str,
        dialog_id: &str,
    ) -> Result<Option<usize>> {
        let tx = tx::begin(&mut self.conn)?;
        let removed = tx.execute(
            "DELETE FROM workspace_skills WHERE workspace_id = ?1 AND slug = ?2",
            params![workspace.0, slug],
        )?;
        let targets = if removed == 1 {
            tx.execute(
                "DELETE FROM targets WHERE workspace_id = ?1 AND skill = ?2",
                params![workspace.0, slug],
            )?
        } else {
            0
        };
        tx.execute("DELETE FROM dialogs WHERE id = ?1", [dialog_id])?;
        tx.commit()?;
        Ok((removed == 1).then_some(targets))
    }
}
