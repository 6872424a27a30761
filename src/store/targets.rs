//! Target levels: what a workspace expects of a role in a skill.

use super::tx;
use super::{MemberId, Result, Store, WorkspaceId, to_ms};
use crate::matrix::Level;
use chrono::{DateTime, Utc};
use rusqlite::params;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub role: String,
    pub skill: String,
    pub level: Level,
}

impl Store {
    pub fn set_target(
        &mut self,
        workspace: WorkspaceId,
        target: &Target,
        set_by: Option<MemberId>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.set_targets(workspace, std::slice::from_ref(target), set_by, now)
    }

    /// Removes a role's target in a skill; false when there was none.
    pub fn remove_target(
        &mut self,
        workspace: WorkspaceId,
        role: &str,
        skill: &str,
    ) -> Result<bool> {
        Ok(self.conn.execute(
            "DELETE FROM targets WHERE workspace_id = ?1 AND role = ?2 AND skill = ?3",
            params![workspace.0, role, skill],
        )? == 1)
    }

    /// Sets many targets in one transaction: all or none.
    pub fn set_targets(
        &mut self,
        workspace: WorkspaceId,
        targets: &[Target],
        set_by: Option<MemberId>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let tx = tx::begin(&mut self.conn)?;
        {
            let mut stmt = tx.prepare_cached(
                "INSERT INTO targets (workspace_id, role, skill, level, set_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT (workspace_id, role, skill) DO UPDATE SET \
                 level = excluded.level, set_by = excluded.set_by, updated_at = excluded.updated_at",
            )?;
            for t in targets {
                stmt.execute(params![
                    workspace.0,
                    t.role,
                    t.skill,
                    t.level.rank(),
                    set_by.map(|m| m.0),
                    to_ms(now)
                ])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    pub fn targets(&self, workspace: WorkspaceId) -> Result<Vec<Target>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT role, skill, level FROM targets WHERE workspace_id = ?1 ORDER BY role, skill",
        )?;
        let rows = stmt.query_map([workspace.0], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, u8>(2)?,
            ))
        })?;
        let mut targets = Vec::new();
        for row in rows {
            let (role, skill, rank) = row?;
            // The CHECK constraint keeps ranks within 1-5.
            if let Some(level) = Level::from_rank(rank) {
                targets.push(Target { role, skill, level });
            }
        }
        Ok(targets)
    }
}
