//! A member's own data: the audit trail of reports, export and erasure.

use super::tx;
use super::{MemberId, Result, Store, WorkspaceId, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

/// What a member has in one workspace, to tell them what a deletion takes
/// and what it keeps.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Holdings {
    pub levels: usize,
    pub dialogs: usize,
    pub check_ins: usize,
    pub ratings_given: usize,
    /// Reports on others they pulled (as a lead).
    pub audit_entries: usize,
    /// Exports of their own data.
    pub own_exports: usize,
}

impl Store {
    pub fn holdings(&self, member: MemberId) -> Result<Holdings> {
        let count = |sql: &str| -> Result<usize> {
            let n: i64 = self
                .conn
                .prepare_cached(sql)?
                .query_row([member.0], |r| r.get(0))?;
            Ok(n as usize)
        };
        Ok(Holdings {
            levels: count("SELECT count(*) FROM assessments WHERE member_id = ?1")?,
            dialogs: count(
                "SELECT count(*) FROM dialogs WHERE member_id = ?1 AND saved_at IS NULL",
            )?,
            check_ins: count("SELECT count(*) FROM checkins WHERE member_id = ?1")?,
            ratings_given: count(
                "SELECT count(*) FROM assessments WHERE rated_by = ?1 AND member_id != ?1",
            )?,
            audit_entries: count(
                "SELECT count(*) FROM audit_log WHERE actor_id = ?1 AND action != 'privacy export'",
            )?,
            own_exports: count(
                "SELECT count(*) FROM audit_log WHERE actor_id = ?1 AND action = 'privacy export'",
            )?,
        })
    }

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
    /// current levels, their dialogs and weekly prompt log (all by ON DELETE
    /// CASCADE), and every dialog about them (a lead's unfinished rating).
    /// Ratings they gave others as a lead and audit entries of reports they
    /// pulled stay, without their name (ON DELETE SET NULL): those belong
    /// to the other members' history and the team's audit.
    ///
    /// secure_delete overwrites what the rows held; the WAL still holds the
    /// pages as they were until `empty_wal`, which every deletion is to be
    /// followed by (it may wait for readers, so it is a step of its own).
    pub fn delete_member(&mut self, member: MemberId) -> Result<()> {
        let tx = tx::begin(&mut self.conn)?;
        let found: Option<(i64, String)> = tx
            .query_row(
                "SELECT workspace_id, external_id FROM members WHERE id = ?1",
                [member.0],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((workspace, external_id)) = found else {
            return Ok(());
        };
        tx.execute(
            "DELETE FROM dialogs WHERE subject_user = ?1 \
             AND member_id IN (SELECT id FROM members WHERE workspace_id = ?2)",
            params![external_id, workspace],
        )?;
        tx.execute("DELETE FROM members WHERE id = ?1", [member.0])?;
        tx.commit()?;
        Ok(())
    }

    /// Copies the WAL into the database and empties it, waiting (up to the
    /// busy timeout) for readers of older pages to finish: after a deletion,
    /// so that the deleted bytes leave the WAL file too.
    pub fn empty_wal(&mut self) -> Result<()> {
        let busy: i64 = self
            .conn
            .query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| r.get(0))?;
        if busy != 0 {
            tracing::warn!(
                database = %self.path.display(),
                "the WAL could not be emptied after a deletion: a reader held it; the next checkpoint will"
            );
        }
        Ok(())
    }
}
