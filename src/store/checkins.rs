//! Weekly check-ins: each one claimed before it is sent, so that no week's
//! is ever sent twice; reminders likewise; the leads' digests; and the
//! queue of messages for members of the console.

use super::tx;
use super::{MemberId, Platform, Result, Store, WorkspaceId, from_ms, to_ms};
use chrono::{DateTime, Duration, Utc};
use rusqlite::{OptionalExtension, params};

/// How long after it fell due a reminder is still sent.
const STALE_AFTER_HOURS: i64 = 24;

/// What became of a message the bot started.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sent {
    Sent,
    /// Kept for a console member, to see at their next session.
    Queued,
    /// Refused by the member's settings (they take no direct messages).
    Refused,
    /// Failed after the retries.
    Failed,
}

impl Sent {
    pub fn as_str(self) -> &'static str {
        match self {
            Sent::Sent => "sent",
            Sent::Queued => "queued",
            Sent::Refused => "refused",
            Sent::Failed => "failed",
        }
    }
}

/// Where a week's check-in message stands, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckinStatus {
    /// Claimed by a pass that is sending it.
    Sending,
    Sent,
    /// Kept for a console member's next session.
    Queued,
    Refused,
    Failed,
}

impl CheckinStatus {
    /// The stored word; anything unknown reads as failed.
    pub fn parse(text: &str) -> CheckinStatus {
        match text {
            "sending" => CheckinStatus::Sending,
            "sent" => CheckinStatus::Sent,
            "queued" => CheckinStatus::Queued,
            "refused" => CheckinStatus::Refused,
            _ => CheckinStatus::Failed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            CheckinStatus::Sending => "sending",
            CheckinStatus::Sent => "sent",
            CheckinStatus::Queued => "queued",
            CheckinStatus::Refused => "refused",
            CheckinStatus::Failed => "failed",
        }
    }

    /// The message reached the member (sent, or kept for them).
    pub fn reached(self) -> bool {
        matches!(self, CheckinStatus::Sent | CheckinStatus::Queued)
    }
}

/// One member's check-in of one week.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checkin {
    pub member: MemberId,
    pub display_name: String,
    pub week: String,
    pub due_at: DateTime<Utc>,
    pub status: CheckinStatus,
    pub reason: Option<String>,
    pub sent_at: Option<DateTime<Utc>>,
    pub reminder: Option<String>,
    pub answer: Option<String>,
    pub answered_at: Option<DateTime<Utc>>,
}

/// A check-in waiting for its reminder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unanswered {
    pub member: MemberId,
    pub workspace: WorkspaceId,
    /// The workspace's platform id.
    pub workspace_external: String,
    pub external_id: String,
    pub display_name: String,
    pub week: String,
    /// The member's time zone (else the workspace's).
    pub zone: String,
}

impl Store {
    /// Claims a member's check-in of `week` for sending: false when it was
    /// claimed before (by this process or another), whatever became of it.
    /// The first check-in of a week makes its workspace's digest pending.
    pub fn claim_checkin(
        &mut self,
        member: MemberId,
        week: &str,
        due_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let tx = tx::begin(&mut self.conn)?;
        let claimed = tx
            .prepare_cached(
                "INSERT INTO checkins (member_id, week, due_at, status, created_at, updated_at) \
                 VALUES (?1, ?2, ?3, 'sending', ?4, ?4) ON CONFLICT (member_id, week) DO NOTHING",
            )?
            .execute(params![member.0, week, to_ms(due_at), to_ms(now)])?;
        tx.prepare_cached(
            "INSERT INTO digests (workspace_id, week, status, created_at) \
             SELECT workspace_id, ?2, 'pending', ?3 FROM members WHERE id = ?1 \
             ON CONFLICT (workspace_id, week) DO NOTHING",
        )?
        .execute(params![member.0, week, to_ms(now)])?;
        tx.commit()?;
        Ok(claimed == 1)
    }

    /// What became of a claimed check-in.
    pub fn finish_checkin(
        &mut self,
        member: MemberId,
        week: &str,
        status: Sent,
        reason: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let status = status.as_str();
        self.conn
            .prepare_cached(
                "UPDATE checkins SET status = ?3, reason = ?4, \
                 sent_at = CASE WHEN ?3 IN ('sent', 'queued') THEN ?5 ELSE sent_at END, updated_at = ?5 \
                 WHERE member_id = ?1 AND week = ?2",
            )?
            .execute(params![member.0, week, status, reason, to_ms(now)])?;
        Ok(())
    }

    /// Gives back a claimed check-in whose message was never handed over
    /// (the pass stopped or ran out of time first), with the dialog made
    /// for it: a later pass claims and sends it.
    pub fn release_checkin(&mut self, member: MemberId, week: &str, dialog: &str) -> Result<()> {
        let tx = tx::begin(&mut self.conn)?;
        tx.execute(
            "DELETE FROM checkins WHERE member_id = ?1 AND week = ?2 AND status = 'sending'",
            params![member.0, week],
        )?;
        tx.execute("DELETE FROM dialogs WHERE id = ?1", [dialog])?;
        tx.commit()?;
        Ok(())
    }

    /// Gives back a claimed reminder that was never handed over.
    pub fn release_reminder(&mut self, member: MemberId, week: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE checkins SET reminder = NULL \
                 WHERE member_id = ?1 AND week = ?2 AND reminder = 'sending'",
            )?
            .execute(params![member.0, week])?;
        Ok(())
    }

    /// Gives back a claimed digest that was never handed over.
    pub fn release_digest(&mut self, workspace: WorkspaceId, week: &str) -> Result<()> {
        self.conn
            .prepare_cached(
                "UPDATE digests SET status = 'pending' \
                 WHERE workspace_id = ?1 AND week = ?2 AND status = 'sending'",
            )?
            .execute(params![workspace.0, week])?;
        Ok(())
    }

    /// Check-ins, reminders and digests claimed but never finished (the
    /// process stopped while sending) before `before`: recorded as failed
    /// and never sent again, since the message may have gone out.
    pub fn give_up_interrupted(
        &mut self,
        before: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<usize> {
        // The code of `app::why::Why::Interrupted`.
        const WHY: &str = "interrupted";
        let tx = tx::begin(&mut self.conn)?;
        let mut n = tx.execute(
            "UPDATE checkins SET status = 'failed', reason = ?3, updated_at = ?2 \
             WHERE status = 'sending' AND updated_at < ?1",
            params![to_ms(before), to_ms(now), WHY],
        )?;
        n += tx.execute(
            "UPDATE checkins SET reminder = 'failed', reminded_at = ?2, updated_at = ?2 \
             WHERE reminder = 'sending' AND updated_at < ?1",
            params![to_ms(before), to_ms(now)],
        )?;
        n += tx.execute(
            "UPDATE digests SET status = 'failed', reason = ?2 WHERE status = 'sending' AND created_at < ?1",
            params![to_ms(before), WHY],
        )?;
        tx.commit()?;
        Ok(n)
    }

    /// The latest ISO week whose check-in a member had (was claimed).
    pub fn last_checkin_week(&self, member: MemberId) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT max(week) FROM checkins WHERE member_id = ?1")?
            .query_row([member.0], |r| r.get(0))?)
    }

    pub fn checkin(&self, member: MemberId, week: &str) -> Result<Option<Checkin>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "{CHECKIN_SELECT} WHERE c.member_id = ?1 AND c.week = ?2"
            ))?
            .query_row(params![member.0, week], checkin_row)
            .optional()?)
    }

    /// Every check-in of a workspace in one week, by member name.
    pub fn week_checkins(&self, workspace: WorkspaceId, week: &str) -> Result<Vec<Checkin>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{CHECKIN_SELECT} WHERE m.workspace_id = ?1 AND c.week = ?2 ORDER BY m.display_name, m.id"
        ))?;
        let rows = stmt.query_map(params![workspace.0, week], checkin_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sent, unanswered check-ins of `platform` with no reminder yet whose
    /// workspace's delay has passed at `now`, by less than a day (a
    /// reminder found later than that, after downtime, is stale and never
    /// sent), oldest first. Members who snooze or stopped get none.
    pub fn due_reminders(
        &self,
        now: DateTime<Utc>,
        platform: Platform,
        limit: usize,
    ) -> Result<Vec<Unanswered>> {
        // The longest delay a workspace may set, and the day a reminder
        // stays worth sending, bound the range scanned.
        let oldest = now - Duration::hours(168 + STALE_AFTER_HOURS);
        let mut stmt = self.conn.prepare_cached(
            "SELECT m.id, m.workspace_id, m.external_id, m.display_name, c.week, \
                    coalesce(m.time_zone, m.platform_zone, w.time_zone), w.external_id \
             FROM checkins c CROSS JOIN members m ON m.id = c.member_id \
             CROSS JOIN workspaces w ON w.id = m.workspace_id \
             WHERE c.answer IS NULL AND c.reminder IS NULL AND c.status IN ('sent', 'queued') \
               AND c.sent_at >= ?1 AND c.sent_at <= ?2 - w.reminder_hours * 3600000 \
               AND c.sent_at > ?2 - (w.reminder_hours + ?5) * 3600000 \
               AND w.checkins_paused = 0 AND m.weekly_opt_in = 1 AND w.platform = ?3 \
               AND (m.snoozed_until IS NULL OR m.snoozed_until <= ?2) \
             ORDER BY c.sent_at LIMIT ?4",
        )?;
        let rows = stmt.query_map(
            params![
                to_ms(oldest),
                to_ms(now),
                platform.as_str(),
                limit as i64,
                STALE_AFTER_HOURS
            ],
            |r| {
                Ok(Unanswered {
                    member: MemberId(r.get(0)?),
                    workspace: WorkspaceId(r.get(1)?),
                    external_id: r.get(2)?,
                    display_name: r.get(3)?,
                    week: r.get(4)?,
                    zone: r.get(5)?,
                    workspace_external: r.get(6)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Claims a check-in's one reminder: false when it has one already or
    /// was answered.
    pub fn claim_reminder(
        &mut self,
        member: MemberId,
        week: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let claimed = self
            .conn
            .prepare_cached(
                "UPDATE checkins SET reminder = 'sending', updated_at = ?3 \
                 WHERE member_id = ?1 AND week = ?2 AND reminder IS NULL AND answer IS NULL",
            )?
            .execute(params![member.0, week, to_ms(now)])?;
        Ok(claimed == 1)
    }

    pub fn finish_reminder(
        &mut self,
        member: MemberId,
        week: &str,
        status: Sent,
        now: DateTime<Utc>,
    ) -> Result<()> {
        let status = status.as_str();
        self.conn
            .prepare_cached(
                "UPDATE checkins SET reminder = ?3, reminded_at = ?4, updated_at = ?4 \
                 WHERE member_id = ?1 AND week = ?2",
            )?
            .execute(params![member.0, week, status, to_ms(now)])?;
        Ok(())
    }

    /// Records how a member answered a week's check-in (the first answer
    /// counts); false when there is no such check-in.
    pub fn answer_checkin(
        &mut self,
        member: MemberId,
        week: &str,
        answer: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE checkins SET answer = coalesce(answer, ?3), \
                 answered_at = coalesce(answered_at, ?4), updated_at = ?4 \
                 WHERE member_id = ?1 AND week = ?2",
            )?
            .execute(params![member.0, week, answer, to_ms(now)])?;
        Ok(changed == 1)
    }

    /// Claims a workspace's pending digest of `week`: false when it was
    /// claimed before.
    pub fn claim_digest(
        &mut self,
        workspace: WorkspaceId,
        week: &str,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let claimed = self
            .conn
            .prepare_cached(
                "UPDATE digests SET status = 'sending', created_at = ?3 \
                 WHERE workspace_id = ?1 AND week = ?2 AND status = 'pending'",
            )?
            .execute(params![workspace.0, week, to_ms(now)])?;
        Ok(claimed == 1)
    }

    pub fn finish_digest(
        &mut self,
        workspace: WorkspaceId,
        week: &str,
        status: Sent,
        reason: Option<&str>,
    ) -> Result<()> {
        let status = status.as_str();
        self.conn
            .prepare_cached(
                "UPDATE digests SET status = ?3, reason = ?4 WHERE workspace_id = ?1 AND week = ?2",
            )?
            .execute(params![workspace.0, week, status, reason])?;
        Ok(())
    }

    /// The latest digest of a workspace that went out or was kept: its
    /// week and when it was made.
    pub fn latest_digest(&self, workspace: WorkspaceId) -> Result<Option<(String, DateTime<Utc>)>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT week, created_at FROM digests WHERE workspace_id = ?1 \
                 AND status IN ('sent', 'queued', 'refused') ORDER BY week DESC LIMIT 1",
            )?
            .query_row([workspace.0], |r| Ok((r.get(0)?, from_ms(r.get(1)?))))
            .optional()?)
    }

    /// A member's check-ins, oldest first: part of their own data.
    pub fn member_checkins(&self, member: MemberId) -> Result<Vec<Checkin>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{CHECKIN_SELECT} WHERE c.member_id = ?1 ORDER BY c.week"
        ))?;
        let rows = stmt.query_map([member.0], checkin_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The pending digests of `platform`'s workspaces: their workspace and
    /// week.
    pub fn owed_digests(&self, platform: Platform) -> Result<Vec<(WorkspaceId, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.workspace_id, d.week FROM digests d CROSS JOIN workspaces w ON w.id = d.workspace_id \
             WHERE d.status = 'pending' AND w.platform = ?1 ORDER BY d.workspace_id, d.week",
        )?;
        let rows = stmt.query_map([platform.as_str()], |r| {
            Ok((WorkspaceId(r.get(0)?), r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Keeps a message for a console member, to show when they next open
    /// the console.
    pub fn queue_message(
        &mut self,
        member: MemberId,
        message: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        self.conn
            .prepare_cached(
                "INSERT INTO outbox (member_id, message, created_at) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![member.0, message, to_ms(now)])?;
        Ok(())
    }

    /// The messages kept for a member, oldest first, marked as shown.
    pub fn take_messages(&mut self, member: MemberId, now: DateTime<Utc>) -> Result<Vec<String>> {
        let tx = tx::begin(&mut self.conn)?;
        let messages = {
            let mut stmt = tx.prepare_cached(
                "SELECT message FROM outbox WHERE member_id = ?1 AND shown_at IS NULL ORDER BY id",
            )?;
            let rows = stmt.query_map([member.0], |r| r.get(0))?;
            rows.collect::<rusqlite::Result<Vec<String>>>()?
        };
        tx.execute(
            "UPDATE outbox SET shown_at = ?2 WHERE member_id = ?1 AND shown_at IS NULL",
            params![member.0, to_ms(now)],
        )?;
        tx.commit()?;
        Ok(messages)
    }
}

const CHECKIN_SELECT: &str = "SELECT c.member_id, m.display_name, c.week, c.status, c.reason, c.sent_at, \
     c.reminder, c.answer, c.answered_at, c.due_at FROM checkins c JOIN members m ON m.id = c.member_id";

fn checkin_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<Checkin> {
    Ok(Checkin {
        member: MemberId(r.get(0)?),
        display_name: r.get(1)?,
        week: r.get(2)?,
        status: CheckinStatus::parse(&r.get::<_, String>(3)?),
        reason: r.get(4)?,
        sent_at: r.get::<_, Option<i64>>(5)?.map(from_ms),
        reminder: r.get(6)?,
        answer: r.get(7)?,
        answered_at: r.get::<_, Option<i64>>(8)?.map(from_ms),
        due_at: from_ms(r.get(9)?),
    })
}
