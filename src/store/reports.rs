//! What the team reports read beyond the current levels: a skill's ratings
//! over time, and a workspace's whole history for export.

use super::{Result, Store, WorkspaceId, from_ms, to_ms};
use crate::assess::HistoryEntry;
use crate::team::MemberId;
use chrono::{DateTime, Utc};
use rusqlite::params;

/// One rating of a skill: who, whose track, the level's rank (0 below the
/// first level) and when.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SkillRating {
    pub member: MemberId,
    pub by_lead: bool,
    pub rank: u8,
    pub at: DateTime<Utc>,
}

/// A workspace's latest ratings per member, skill and track, compact: each
/// skill named once.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tracks {
    /// The skills' slugs; rows refer to them by position.
    pub skills: Vec<String>,
    /// Folded rows first, then the history rows recorded since the last
    /// fold in the order they were written: a later row of the same member,
    /// skill and track supersedes an earlier one when it is no older.
    pub rows: Vec<TrackRow>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TrackRow {
    pub member: MemberId,
    pub skill: usize,
    pub by_lead: bool,
    /// 0: below the skill's first level.
    pub rank: u8,
    pub at: DateTime<Utc>,
}

impl Store {
    /// Every member's latest rating per skill and track in a workspace:
    /// what the team reports are made from, read without a string per row.
    pub fn team_track_rows(&self, workspace: WorkspaceId) -> Result<Tracks> {
        let mut tracks = Tracks::default();
        let mut index: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        let queries = [
            "SELECT member_id, skill, lead, level, updated_at FROM current_levels WHERE workspace_id = ?1",
            // CROSS JOIN: the few rows since the last fold are the outer loop.
            "SELECT a.member_id, a.skill, a.source = 'lead', a.level, a.created_at \
             FROM assessments a CROSS JOIN members m ON m.id = a.member_id \
             WHERE a.id > (SELECT folded_through FROM current_levels_state) AND m.workspace_id = ?1 \
             ORDER BY a.id",
        ];
        for sql in queries {
            let mut stmt = self.conn.prepare_cached(sql)?;
            let mut rows = stmt.query([workspace.0])?;
            while let Some(r) = rows.next()? {
                let slug = r.get_ref(1)?.as_str().map_err(rusqlite::Error::from)?;
                let skill = match index.get(slug) {
                    Some(&i) => i,
                    None => {
                        tracks.skills.push(slug.to_string());
                        index.insert(slug.to_string(), tracks.skills.len() - 1);
                        tracks.skills.len() - 1
                    }
                };
                tracks.rows.push(TrackRow {
                    member: MemberId(r.get(0)?),
                    skill,
                    by_lead: r.get(2)?,
                    rank: r.get(3)?,
                    at: from_ms(r.get(4)?),
                });
            }
        }
        Ok(tracks)
    }

    /// Every rating of one skill by members of a workspace up to `until`,
    /// oldest first (index `assessments_skill_time`).
    pub fn skill_ratings(
        &self,
        workspace: WorkspaceId,
        skill: &str,
        until: DateTime<Utc>,
    ) -> Result<Vec<SkillRating>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT a.member_id, a.source = 'lead', a.level, a.created_at \
             FROM assessments a CROSS JOIN members m ON m.id = a.member_id \
             WHERE a.skill = ?2 AND a.created_at <= ?3 AND m.workspace_id = ?1 \
             ORDER BY a.created_at, a.id",
        )?;
        let rows = stmt.query_map(params![workspace.0, skill, to_ms(until)], |r| {
            Ok(SkillRating {
                member: MemberId(r.get(0)?),
                by_lead: r.get(1)?,
                rank: r.get(2)?,
                at: from_ms(r.get(3)?),
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A workspace's whole history (one skill's, or all), oldest first,
    /// each rating with the rated member's name.
    pub fn team_history(
        &self,
        workspace: WorkspaceId,
        skill: Option<&str>,
    ) -> Result<Vec<(HistoryEntry, String)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT x.*, m.display_name FROM ({}) x JOIN members m ON m.id = x.member_id \
             WHERE m.workspace_id = ?1 AND (?2 IS NULL OR x.skill = ?2) ORDER BY x.created_at, x.id",
            super::assessments::HISTORY_SELECT
        ))?;
        let rows = stmt.query_map(params![workspace.0, skill], |r| {
            Ok((super::assessments::history_row(r)?, r.get(12)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
