//! A member's own data: the audit trail of reports, export and erasure.

use super::{MemberId, Result, Store, WorkspaceId, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::params;

impl Store {
    /// Notes who pulled which report or export, and when.
    pub fn audit(
        &mut self,
        workspace: WorkspaceId,
        actor: Option<MemberId>,
        action: &str,
        detail: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn.execute(
            "INSERT INTO audit_log (workspace_id, actor_id, action, detail, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![workspace.0, actor.map(|m| m.0), action, detail, to_ms(now)],
        )?;
        Ok(())
    }

    /// Removes the member and everything about them: profile, level history,
    /// current levels, dialogs and weekly prompt log (all by ON DELETE
    /// CASCADE). Ratings they gave others as a lead and audit entries of
    /// reports they pulled stay, without their name (ON DELETE SET NULL):
    /// those belong to the other members' history and the team's audit.
    pub fn delete_member(&mut self, member: MemberId) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM members WHERE id = ?1", [member.0])?;
        tx.commit()?;
        Ok(())
    }
}
