//! The level history (append-only) and the current level it implies.

use super::{MemberId, Result, Store, StoreError, WorkspaceId, from_ms, to_ms};
use crate::assess::{LevelAnswer, Rating, Source};
use crate::matrix::Level;
use chrono::{DateTime, Utc};
use rusqlite::{Row, params};

/// A member's latest rating in one skill.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CurrentLevel {
    pub member: MemberId,
    pub skill: String,
    /// `None`: below the skill's first level.
    pub level: Option<Level>,
    pub source: Source,
    pub at: DateTime<Utc>,
}

/// One row of the level history.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryEntry {
    pub id: i64,
    pub member: MemberId,
    pub skill: String,
    pub role: String,
    pub level: Option<Level>,
    pub source: Source,
    pub rated_by: Option<MemberId>,
    pub answers: Vec<LevelAnswer>,
    pub note: Option<String>,
    pub matrix_hash: String,
    pub at: DateTime<Utc>,
}

fn level_of(rank: u8) -> Option<Level> {
    Level::from_rank(rank)
}

fn source_of(r: &Row<'_>, i: usize) -> rusqlite::Result<Source> {
    let text: String = r.get(i)?;
    Source::parse(&text).ok_or_else(|| {
        rusqlite::Error::FromSqlConversionFailure(
            i,
            rusqlite::types::Type::Text,
            format!("unknown source {text:?}").into(),
        )
    })
}

fn current_row(r: &Row<'_>) -> rusqlite::Result<CurrentLevel> {
    Ok(CurrentLevel {
        member: MemberId(r.get(0)?),
        skill: r.get(1)?,
        level: level_of(r.get(2)?),
        source: source_of(r, 3)?,
        at: from_ms(r.get(4)?),
    })
}

fn history_row(r: &Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let answers: String = r.get(7)?;
    Ok(HistoryEntry {
        id: r.get(0)?,
        member: MemberId(r.get(1)?),
        skill: r.get(2)?,
        role: r.get(3)?,
        level: level_of(r.get(4)?),
        source: source_of(r, 5)?,
        rated_by: r.get::<_, Option<i64>>(6)?.map(MemberId),
        // Rows are written by `record` only; a row it cannot read back is
        // reported as such rather than hidden.
        answers: serde_json::from_str(&answers).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(7, rusqlite::types::Type::Text, Box::new(e))
        })?,
        note: r.get(8)?,
        matrix_hash: r.get(9)?,
        at: from_ms(r.get(10)?),
    })
}

const HISTORY_COLUMNS: &str =
    "id, member_id, skill, role, level, source, rated_by, answers, note, matrix_hash, created_at";

impl Store {
    /// Appends a rating to the member's history and makes it their current
    /// level in that skill, in one transaction. Returns the history row id.
    pub fn record(
        &mut self,
        member: MemberId,
        rated_by: Option<MemberId>,
        rating: &Rating,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        let answers = serde_json::to_string(rating.answers()).unwrap_or_else(|_| "[]".into());
        let tx = self.conn.transaction()?;
        let id = {
            let mut insert = tx.prepare_cached(
                "INSERT INTO assessments (member_id, skill, role, level, source, rated_by, answers, note, matrix_hash, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            insert.execute(params![
                member.0,
                rating.skill(),
                rating.role(),
                rating.level_rank(),
                rating.source().as_str(),
                rated_by.map(|m| m.0),
                answers,
                rating.note().map(|n| n.as_str()),
                rating.matrix_hash(),
                to_ms(at)
            ])?;
            let id = tx.last_insert_rowid();
            let mut current = tx.prepare_cached(
                "INSERT INTO current_levels (workspace_id, skill, member_id, level, source, assessment_id, updated_at) \
                 SELECT workspace_id, ?2, id, ?3, ?4, ?5, ?6 FROM members WHERE id = ?1 \
                 ON CONFLICT (workspace_id, skill, member_id) DO UPDATE SET \
                 level = excluded.level, source = excluded.source, \
                 assessment_id = excluded.assessment_id, updated_at = excluded.updated_at",
            )?;
            if current.execute(params![
                member.0,
                rating.skill(),
                rating.level_rank(),
                rating.source().as_str(),
                id,
                to_ms(at)
            ])? == 0
            {
                return Err(StoreError::NotFound("member"));
            }
            id
        };
        tx.commit()?;
        Ok(id)
    }

    /// A member's latest level in every skill they were rated in.
    pub fn latest_levels(&self, member: MemberId) -> Result<Vec<CurrentLevel>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT member_id, skill, level, source, updated_at FROM current_levels \
             WHERE member_id = ?1 ORDER BY skill",
        )?;
        let rows = stmt.query_map([member.0], current_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// A member's history, oldest first, for one skill or all.
    pub fn history(&self, member: MemberId, skill: Option<&str>) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT {HISTORY_COLUMNS} FROM assessments \
             WHERE member_id = ?1 AND (?2 IS NULL OR skill = ?2) ORDER BY created_at, id"
        ))?;
        let rows = stmt.query_map(params![member.0, skill], history_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest level of every rated member of a workspace in one skill.
    pub fn team_levels(&self, workspace: WorkspaceId, skill: &str) -> Result<Vec<CurrentLevel>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT member_id, skill, level, source, updated_at FROM current_levels \
             WHERE workspace_id = ?1 AND skill = ?2 ORDER BY member_id",
        )?;
        let rows = stmt.query_map(params![workspace.0, skill], current_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest level of every rated member of a workspace in every skill.
    pub fn team_levels_all(&self, workspace: WorkspaceId) -> Result<Vec<CurrentLevel>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT member_id, skill, level, source, updated_at FROM current_levels \
             WHERE workspace_id = ?1 ORDER BY skill, member_id",
        )?;
        let rows = stmt.query_map([workspace.0], current_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
