//! Members of a workspace and their profile.

use super::{MemberId, Result, Store, StoreError, WorkspaceId, from_ms, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Member {
    pub id: MemberId,
    pub workspace: WorkspaceId,
    pub external_id: String,
    pub display_name: String,
    /// A role of the matrix.
    pub role: Option<String>,
    /// IANA name; `None` means the workspace's.
    pub time_zone: Option<String>,
    pub weekly_opt_in: bool,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub next_prompt_at: Option<DateTime<Utc>>,
}

/// A member whose weekly prompt is due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueMember {
    pub member: MemberId,
    pub workspace: WorkspaceId,
    pub external_id: String,
    pub due_at: DateTime<Utc>,
}

const MEMBER_COLUMNS: &str = "id, workspace_id, external_id, display_name, role, time_zone, \
                              weekly_opt_in, snoozed_until, next_prompt_at";

fn member_row(r: &Row<'_>) -> rusqlite::Result<Member> {
    Ok(Member {
        id: MemberId(r.get(0)?),
        workspace: WorkspaceId(r.get(1)?),
        external_id: r.get(2)?,
        display_name: r.get(3)?,
        role: r.get(4)?,
        time_zone: r.get(5)?,
        weekly_opt_in: r.get(6)?,
        snoozed_until: r.get::<_, Option<i64>>(7)?.map(from_ms),
        next_prompt_at: r.get::<_, Option<i64>>(8)?.map(from_ms),
    })
}

impl Store {
    /// The member with this platform user id, created on first sight; the
    /// display name follows the platform's.
    pub fn member(
        &mut self,
        workspace: WorkspaceId,
        external_id: &str,
        display_name: &str,
        now: DateTime<Utc>,
    ) -> Result<MemberId> {
        let tx = self.conn.transaction()?;
        tx.execute(
            "INSERT INTO members (workspace_id, external_id, display_name, created_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (workspace_id, external_id) DO UPDATE SET display_name = excluded.display_name \
             WHERE display_name != excluded.display_name",
            params![workspace.0, external_id, display_name, to_ms(now)],
        )?;
        let id = tx.query_row(
            "SELECT id FROM members WHERE workspace_id = ?1 AND external_id = ?2",
            params![workspace.0, external_id],
            |r| r.get(0),
        )?;
        tx.commit()?;
        Ok(MemberId(id))
    }

    pub fn member_profile(&self, id: MemberId) -> Result<Member> {
        self.find_member_by_id(id)?
            .ok_or(StoreError::NotFound("member"))
    }

    /// The IANA time zone a member reads times in: their own, else their
    /// workspace's.
    pub fn member_zone(&self, id: MemberId) -> Result<String> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT coalesce(m.time_zone, w.time_zone) FROM members m \
                 JOIN workspaces w ON w.id = m.workspace_id WHERE m.id = ?1",
            )?
            .query_row([id.0], |r| r.get(0))
            .optional()?
            .unwrap_or_else(|| "UTC".into()))
    }

    /// A member by id, if they (still) exist.
    pub fn find_member_by_id(&self, id: MemberId) -> Result<Option<Member>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {MEMBER_COLUMNS} FROM members WHERE id = ?1"
            ))?
            .query_row([id.0], member_row)
            .optional()?)
    }

    /// A member of `workspace` by platform user id, if known.
    pub fn find_member(&self, workspace: WorkspaceId, external_id: &str) -> Result<Option<Member>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {MEMBER_COLUMNS} FROM members WHERE workspace_id = ?1 AND external_id = ?2"
            ))?
            .query_row(params![workspace.0, external_id], member_row)
            .optional()?)
    }

    pub fn members(&self, workspace: WorkspaceId) -> Result<Vec<Member>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {MEMBER_COLUMNS} FROM members WHERE workspace_id = ?1 ORDER BY display_name, id"
        ))?;
        let rows = stmt.query_map([workspace.0], member_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Saves the profile fields a member can change: role, time zone,
    /// weekly opt-in, snooze and the next prompt time.
    pub fn update_member(&mut self, m: &Member) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE members SET role = ?2, time_zone = ?3, weekly_opt_in = ?4, snoozed_until = ?5, \
             next_prompt_at = ?6 WHERE id = ?1",
            params![
                m.id.0,
                m.role,
                m.time_zone,
                m.weekly_opt_in,
                m.snoozed_until.map(to_ms),
                m.next_prompt_at.map(to_ms)
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound("member"));
        }
        Ok(())
    }

    /// Members who opted in, are not snoozed, and whose next prompt time
    /// has come, oldest first.
    pub fn due_members(&self, now: DateTime<Utc>, limit: usize) -> Result<Vec<DueMember>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, workspace_id, external_id, next_prompt_at FROM members \
             WHERE weekly_opt_in = 1 AND next_prompt_at <= ?1 \
               AND (snoozed_until IS NULL OR snoozed_until <= ?1) \
             ORDER BY next_prompt_at, id LIMIT ?2",
        )?;
        let rows = stmt.query_map(params![to_ms(now), limit as i64], |r| {
            Ok(DueMember {
                member: MemberId(r.get(0)?),
                workspace: WorkspaceId(r.get(1)?),
                external_id: r.get(2)?,
                due_at: from_ms(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
