//! Members of a workspace and their profile.

use super::tx;
use super::{MemberId, Platform, Result, Store, StoreError, WorkspaceId, from_ms, to_ms};
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
    /// IANA name; `None` means the platform's, else the workspace's.
    pub time_zone: Option<String>,
    /// The zone the chat platform gives them (Slack's profile tz), kept
    /// by `Store::member`.
    pub platform_zone: Option<String>,
    pub weekly_opt_in: bool,
    pub snoozed_until: Option<DateTime<Utc>>,
    pub next_prompt_at: Option<DateTime<Utc>>,
    /// When the member first used the bot.
    pub joined: DateTime<Utc>,
}

/// A member whose weekly check-in may be due, with what deciding and
/// sending it takes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DueMember {
    pub member: MemberId,
    pub workspace: WorkspaceId,
    /// The workspace's platform id.
    pub workspace_external: String,
    pub external_id: String,
    pub display_name: String,
    /// When the member was last planned to be looked at.
    pub due_at: DateTime<Utc>,
    /// The member's own time zone (or the platform's), and the workspace's.
    pub time_zone: Option<String>,
    pub workspace_zone: String,
    /// The workspace's schedule: ISO weekday (1 = Monday) and local minute.
    pub weekday: u8,
    pub minute: u16,
    /// The workspace's grace for a late check-in, in minutes.
    pub grace_minutes: u16,
    pub platform: String,
    pub snoozed_until: Option<DateTime<Utc>>,
    /// When the member first used the bot.
    pub joined: DateTime<Utc>,
    /// The latest ISO week whose check-in they had (was claimed).
    pub last_week: Option<String>,
}

fn due_row(r: &Row<'_>) -> rusqlite::Result<DueMember> {
    Ok(DueMember {
        member: MemberId(r.get(0)?),
        workspace: WorkspaceId(r.get(1)?),
        external_id: r.get(2)?,
        display_name: r.get(3)?,
        due_at: r
            .get::<_, Option<i64>>(4)?
            .map_or(DateTime::<Utc>::MIN_UTC, from_ms),
        time_zone: r.get(5)?,
        workspace_zone: r.get(6)?,
        weekday: r.get(7)?,
        minute: r.get(8)?,
        platform: r.get(9)?,
        snoozed_until: r.get::<_, Option<i64>>(10)?.map(from_ms),
        joined: from_ms(r.get(11)?),
        workspace_external: r.get(12)?,
        last_week: r.get(13)?,
        grace_minutes: r.get(14)?,
    })
}

// CROSS JOIN keeps members the outer table: SQLite would otherwise start
// from the workspace and read every one of its members, where the partial
// index `members_due` finds the few that are due.
const DUE_SELECT: &str = "SELECT m.id, m.workspace_id, m.external_id, m.display_name, m.next_prompt_at, \
     coalesce(m.time_zone, m.platform_zone), w.time_zone, w.prompt_weekday, w.prompt_minute, w.platform, m.snoozed_until, \
     m.created_at, w.external_id, \
     (SELECT max(c.week) FROM checkins c WHERE c.member_id = m.id), w.checkin_grace_minutes \
     FROM members m CROSS JOIN workspaces w ON w.id = m.workspace_id";

/// Who gets check-ins, leads as everyone: a member with a role set or a
/// rating. Someone who only ran a command (read a report) is not asked.
const IN_THE_TEAM: &str =
    "(m.role IS NOT NULL OR EXISTS (SELECT 1 FROM assessments a WHERE a.member_id = m.id))";

const MEMBER_COLUMNS: &str = "id, workspace_id, external_id, display_name, role, time_zone, \
                              weekly_opt_in, snoozed_until, next_prompt_at, created_at, platform_zone";

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
        joined: from_ms(r.get(9)?),
        platform_zone: r.get(10)?,
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
        self.member_in_zone(workspace, external_id, display_name, None, now)
    }

    /// `member`, with the time zone the platform gives them (Slack's
    /// profile tz) kept too. When it changes and they set none of their
    /// own, their next check-in is planned again in it.
    pub fn member_in_zone(
        &mut self,
        workspace: WorkspaceId,
        external_id: &str,
        display_name: &str,
        platform_zone: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<MemberId> {
        let tx = tx::begin(&mut self.conn)?;
        tx.prepare_cached(
            "INSERT INTO members (workspace_id, external_id, display_name, platform_zone, created_at) \
             VALUES (?1, ?2, ?3, ?4, ?5) \
             ON CONFLICT (workspace_id, external_id) DO UPDATE SET display_name = excluded.display_name, \
               platform_zone = excluded.platform_zone, \
               next_prompt_at = CASE WHEN time_zone IS NULL AND platform_zone IS NOT excluded.platform_zone \
                                THEN NULL ELSE next_prompt_at END \
             WHERE display_name != excluded.display_name OR platform_zone IS NOT excluded.platform_zone",
        )?
        .execute(params![workspace.0, external_id, display_name, platform_zone, to_ms(now)])?;
        let id = tx
            .prepare_cached("SELECT id FROM members WHERE workspace_id = ?1 AND external_id = ?2")?
            .query_row(params![workspace.0, external_id], |r| r.get(0))?;
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
                "SELECT coalesce(m.time_zone, m.platform_zone, w.time_zone) FROM members m \
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

    /// Members of `platform` who opted in, are not snoozed, whose
    /// workspace has not paused check-ins, and whose next check-in time
    /// has come, oldest first: one range of an index.
    pub fn due_members(
        &self,
        now: DateTime<Utc>,
        platform: Platform,
        limit: usize,
    ) -> Result<Vec<DueMember>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{DUE_SELECT} WHERE m.weekly_opt_in = 1 AND m.next_prompt_at <= ?1 AND {IN_THE_TEAM} \
               AND (m.snoozed_until IS NULL OR m.snoozed_until <= ?1) AND w.checkins_paused = 0 \
               AND w.platform = ?2 \
             ORDER BY m.next_prompt_at, m.id LIMIT ?3"
        ))?;
        let rows = stmt.query_map(
            params![to_ms(now), platform.as_str(), limit as i64],
            due_row,
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Opted-in members whose next check-in time was never worked out (new
    /// members, or their time zone or schedule changed), up to `limit`.
    pub fn unplanned_members(&self, limit: usize) -> Result<Vec<DueMember>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{DUE_SELECT} WHERE m.weekly_opt_in = 1 AND m.next_prompt_at IS NULL AND {IN_THE_TEAM} \
             ORDER BY m.id LIMIT ?1"
        ))?;
        let rows = stmt.query_map([limit as i64], due_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The next check-in times of many members, in one transaction.
    pub fn plan_members(&mut self, plans: &[(MemberId, DateTime<Utc>)]) -> Result<()> {
        let tx = tx::begin(&mut self.conn)?;
        {
            let mut stmt =
                tx.prepare_cached("UPDATE members SET next_prompt_at = ?2 WHERE id = ?1")?;
            for (member, at) in plans {
                stmt.execute(params![member.0, to_ms(*at)])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    /// When to look at a member next for their check-in.
    pub fn plan_member(&mut self, member: MemberId, next: Option<DateTime<Utc>>) -> Result<()> {
        self.conn
            .prepare_cached("UPDATE members SET next_prompt_at = ?2 WHERE id = ?1")?
            .execute(params![member.0, next.map(to_ms)])?;
        Ok(())
    }

    /// Forgets the planned check-in times later than `horizon`, so that
    /// the next pass works them out again; how many.
    pub fn unplan_beyond(&mut self, horizon: DateTime<Utc>) -> Result<usize> {
        Ok(self
            .conn
            .prepare_cached(
                "UPDATE members SET next_prompt_at = NULL \
                 WHERE weekly_opt_in = 1 AND next_prompt_at > ?1",
            )?
            .execute([to_ms(horizon)])?)
    }

    /// Forgets every member's planned check-in time in a workspace (its
    /// schedule changed): the next pass works them out again.
    pub fn replan_workspace(&mut self, workspace: WorkspaceId) -> Result<usize> {
        Ok(self.conn.execute(
            "UPDATE members SET next_prompt_at = NULL WHERE workspace_id = ?1",
            [workspace.0],
        )?)
    }
}
