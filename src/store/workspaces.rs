//! Workspaces: one chat server (a Discord guild, later a Slack team).

use super::tx;
use super::{Platform, Result, Store, StoreError, WorkspaceId, to_ms};
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkspaceSettings {
    pub name: String,
    /// The id of the platform role whose holders count as leads.
    pub lead_role: Option<String>,
    /// Its name when it was set, to show the setting back.
    pub lead_role_name: Option<String>,
    /// ISO weekday of the weekly prompt, 1 = Monday.
    pub prompt_weekday: u8,
    /// Local time of day of the weekly prompt, in minutes after midnight.
    pub prompt_minute: u16,
    /// IANA time zone for members who set none.
    pub time_zone: String,
    /// The platform id of the channel the leads' digest goes to.
    pub digest_channel: Option<String>,
    /// Its name when it was set.
    pub digest_channel_name: Option<String>,
    pub checkins_paused: bool,
    /// Hours without an answer before the one reminder.
    pub reminder_hours: u16,
    /// The skills the check-in asks about (slugs); `None`: each member's
    /// rated skills, else their role's.
    pub checkin_skills: Option<Vec<String>>,
    /// Days after which a member's latest rating counts as stale.
    pub stale_days: u16,
    /// How long after its time a check-in no pass sent is still sent.
    pub grace_minutes: u16,
}

/// A workspace that has no row yet has the schema's defaults.
impl Default for WorkspaceSettings {
    fn default() -> Self {
        WorkspaceSettings {
            name: String::new(),
            lead_role: None,
            lead_role_name: None,
            prompt_weekday: 1,
            prompt_minute: 600,
            time_zone: "UTC".into(),
            digest_channel: None,
            digest_channel_name: None,
            checkins_paused: false,
            reminder_hours: 24,
            checkin_skills: None,
            stale_days: 90,
            grace_minutes: 360,
        }
    }
}

impl Store {
    /// The workspace with this platform id, created on first sight.
    pub fn workspace(
        &mut self,
        platform: Platform,
        external_id: &str,
        name: &str,
        now: DateTime<Utc>,
    ) -> Result<WorkspaceId> {
        let tx = tx::begin(&mut self.conn)?;
        let found: Option<(i64, String)> = tx
            .prepare_cached(
                "SELECT id, name FROM workspaces WHERE platform = ?1 AND external_id = ?2",
            )?
            .query_row(params![platform.as_str(), external_id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .optional()?;
        let id = match found {
            Some((id, old)) => {
                if old != name && !name.is_empty() {
                    tx.execute(
                        "UPDATE workspaces SET name = ?2 WHERE id = ?1",
                        params![id, name],
                    )?;
                }
                id
            }
            None => {
                tx.execute(
                    "INSERT INTO workspaces (platform, external_id, name, created_at) VALUES (?1, ?2, ?3, ?4)",
                    params![platform.as_str(), external_id, name, to_ms(now)],
                )?;
                tx.last_insert_rowid()
            }
        };
        tx.commit()?;
        Ok(WorkspaceId(id))
    }

    /// The workspaces with this platform id, on any platform, with their
    /// platform ("console", "discord").
    pub fn workspaces_with_id(&self, external_id: &str) -> Result<Vec<(WorkspaceId, String)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, platform FROM workspaces WHERE external_id = ?1 ORDER BY platform",
        )?;
        let rows = stmt.query_map([external_id], |r| Ok((WorkspaceId(r.get(0)?), r.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Whether any workspace of `platform` has a row.
    pub fn has_workspaces(&self, platform: Platform) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT EXISTS (SELECT 1 FROM workspaces WHERE platform = ?1)")?
            .query_row([platform.as_str()], |r| r.get(0))?)
    }

    /// A workspace's platform (as stored: "discord"), platform id and name.
    pub fn workspace_identity(&self, id: WorkspaceId) -> Result<Option<(String, String, String)>> {
        Ok(self
            .conn
            .prepare_cached("SELECT platform, external_id, name FROM workspaces WHERE id = ?1")?
            .query_row([id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?)
    }

    /// The workspace with this platform id, if it has a row.
    pub fn find_workspace(
        &self,
        platform: Platform,
        external_id: &str,
    ) -> Result<Option<WorkspaceId>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM workspaces WHERE platform = ?1 AND external_id = ?2")?
            .query_row(params![platform.as_str(), external_id], |r| r.get(0))
            .optional()?
            .map(WorkspaceId))
    }

    pub fn workspace_settings(&self, id: WorkspaceId) -> Result<WorkspaceSettings> {
        self.conn
            .prepare_cached(
                "SELECT name, lead_role, prompt_weekday, prompt_minute, time_zone, digest_channel, \
                 lead_role_name, checkins_paused, reminder_hours, checkin_skills, digest_channel_name, stale_days, \
                 checkin_grace_minutes FROM workspaces WHERE id = ?1",
            )?
            .query_row([id.0], |r| {
                Ok(WorkspaceSettings {
                    name: r.get(0)?,
                    lead_role: r.get(1)?,
                    prompt_weekday: r.get(2)?,
                    prompt_minute: r.get(3)?,
                    time_zone: r.get(4)?,
                    digest_channel: r.get(5)?,
                    lead_role_name: r.get(6)?,
                    checkins_paused: r.get(7)?,
                    reminder_hours: r.get(8)?,
                    checkin_skills: r
                        .get::<_, Option<String>>(9)?
                        .and_then(|json| serde_json::from_str(&json).ok()),
                    digest_channel_name: r.get(10)?,
                    stale_days: r.get(11)?,
                    grace_minutes: r.get(12)?,
                })
            })
            .optional()?
            .ok_or(StoreError::NotFound("workspace"))
    }

    pub fn set_workspace_settings(&mut self, id: WorkspaceId, s: &WorkspaceSettings) -> Result<()> {
        let changed = self.conn.execute(
            "UPDATE workspaces SET name = ?2, lead_role = ?3, prompt_weekday = ?4, prompt_minute = ?5, \
             time_zone = ?6, digest_channel = ?7, lead_role_name = ?8, checkins_paused = ?9, \
             reminder_hours = ?10, checkin_skills = ?11, digest_channel_name = ?12, stale_days = ?13, \
             checkin_grace_minutes = ?14 WHERE id = ?1",
            params![
                id.0,
                s.name,
                s.lead_role,
                s.prompt_weekday,
                s.prompt_minute,
                s.time_zone,
                s.digest_channel,
                s.lead_role_name,
                s.checkins_paused,
                s.reminder_hours,
                s.checkin_skills
                    .as_ref()
                    .map(|skills| serde_json::to_string(skills).unwrap_or_default()),
                s.digest_channel_name,
                s.stale_days,
                s.grace_minutes,
            ],
        )?;
        if changed == 0 {
            return Err(StoreError::NotFound("workspace"));
        }
        Ok(())
    }
}
