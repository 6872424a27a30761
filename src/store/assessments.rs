//! The level history (append-only) and the current level it implies.

use super::tx;
use super::{MemberId, Result, Store, StoreError, WorkspaceId, from_ms, to_ms};
use crate::assess::{CurrentLevel, HistoryEntry, Rating, Source};
use crate::matrix::Level;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Row, params};

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

pub(super) fn history_row(r: &Row<'_>) -> rusqlite::Result<HistoryEntry> {
    let answers: String = r.get(7)?;
    let member = MemberId(r.get(1)?);
    let rated_by = r.get::<_, Option<i64>>(6)?.map(MemberId);
    Ok(HistoryEntry {
        id: r.get(0)?,
        member,
        skill: r.get(2)?,
        role: r.get(3)?,
        level: level_of(r.get(4)?),
        source: source_of(r, 5)?,
        rated_by,
        rated_by_name: if rated_by == Some(member) {
            None
        } else {
            r.get(11)?
        },
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

/// A history row with its rater's name: `history_row` reads it.
pub(super) const HISTORY_SELECT: &str = "SELECT a.id, a.member_id, a.skill, a.role, a.level, a.source, \
     a.rated_by, a.answers, a.note, a.matrix_hash, a.created_at, r.display_name \
     FROM assessments a LEFT JOIN members r ON r.id = a.rated_by";

impl Store {
    /// Appends a rating to the member's history, in its own transaction.
    /// Returns the history row id. The current level follows at the next
    /// read or `fold`.
    pub fn record(
        &mut self,
        member: MemberId,
        rated_by: Option<MemberId>,
        rating: &Rating,
        at: DateTime<Utc>,
    ) -> Result<i64> {
        let tx = tx::begin(&mut self.conn)?;
        let id = insert_rating(&tx, member, rated_by, rating, at)?;
        tx.commit()?;
        Ok(id)
    }

    /// Many ratings in one transaction (an import): all or none.
    pub fn record_batch(
        &mut self,
        ratings: &[(MemberId, Option<MemberId>, Rating, DateTime<Utc>)],
    ) -> Result<()> {
        let tx = tx::begin(&mut self.conn)?;
        for (member, rated_by, rating, at) in ratings {
            insert_rating(&tx, *member, *rated_by, rating, *at)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Brings current_levels up to date with the history, in one
    /// transaction; returns how many history rows it folded in. Reads call
    /// it; the bot also calls it when idle so that reads find little to do.
    ///
    /// It folds the rows above a watermark (the highest id folded), so it
    /// relies on ids becoming visible in id order: a row with a lower id
    /// never commits after one with a higher id. That holds for SQLite,
    /// which has one writer at a time and hands out ids in commit order; it
    /// does not hold for a server database, where two transactions may take
    /// ids 7 and 8 and commit 8 first. A store on one would need another
    /// mark (a commit sequence, or folding at write time).
    pub fn fold(&mut self) -> Result<usize> {
        let tx = tx::begin(&mut self.conn)?;
        let (through, newest): (i64, i64) = tx.query_row(
            "SELECT folded_through, (SELECT coalesce(max(id), 0) FROM assessments) FROM current_levels_state",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if newest <= through {
            return Ok(0);
        }
        // Newest wins; among equal times the later row wins.
        let folded = tx.prepare_cached(
            "INSERT INTO current_levels (workspace_id, skill, member_id, lead, level, source, assessment_id, updated_at) \
             SELECT m.workspace_id, a.skill, a.member_id, a.source = 'lead', a.level, a.source, a.id, a.created_at \
             FROM assessments a JOIN members m ON m.id = a.member_id \
             WHERE a.id > ?1 AND a.id <= ?2 ORDER BY a.id \
             ON CONFLICT (workspace_id, skill, member_id, lead) DO UPDATE SET \
             level = excluded.level, source = excluded.source, \
             assessment_id = excluded.assessment_id, updated_at = excluded.updated_at \
             WHERE excluded.updated_at >= current_levels.updated_at",
        )?
        .execute(params![through, newest])?;
        tx.execute(
            "UPDATE current_levels_state SET folded_through = ?1",
            [newest],
        )?;
        tx.commit()?;
        Ok(folded)
    }

    /// A member's latest level in every skill they were rated in, by
    /// skill.
    pub fn latest_levels(&self, member: MemberId) -> Result<Vec<CurrentLevel>> {
        Ok(newest_per_skill(self.current_levels(
            "member_id = ?1 ORDER BY skill",
            "a.member_id = ?1",
            [member.0],
        )?))
    }

    /// Current levels per track: the folded rows of `current_levels` that
    /// match `folded`, brought up to date with the history rows recorded
    /// since the last fold that match `tail` (over `assessments a` joined
    /// with `members m`), by skill, member and track, each with its
    /// history row id. A read, never a write: the writer folds.
    fn current_levels(
        &self,
        folded: &str,
        tail: &str,
        params: impl rusqlite::Params + Copy,
    ) -> Result<Vec<(CurrentLevel, i64)>> {
        let mut levels: Vec<(CurrentLevel, i64)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT member_id, skill, level, source, updated_at, assessment_id \
                 FROM current_levels WHERE {folded}"
            ))?
            .query_map(params, |r| Ok((current_row(r)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // CROSS JOIN keeps assessments the outer loop: the new rows are a
        // short range of ids, where starting from the members would probe
        // the history of every one of them.
        let tail: Vec<(CurrentLevel, i64)> = self
            .conn
            .prepare_cached(&format!(
                "SELECT a.member_id, a.skill, a.level, a.source, a.created_at, a.id \
                 FROM assessments a CROSS JOIN members m ON m.id = a.member_id \
                 WHERE a.id > (SELECT folded_through FROM current_levels_state) AND {tail}"
            ))?
            .query_map(params, |r| Ok((current_row(r)?, r.get(5)?)))?
            .collect::<rusqlite::Result<_>>()?;
        if tail.is_empty() {
            return Ok(levels);
        }
        let key = |c: &CurrentLevel| (c.skill.clone(), c.member, c.source.is_lead());
        let mut at: std::collections::HashMap<(String, MemberId, bool), usize> = levels
            .iter()
            .enumerate()
            .map(|(i, (c, _))| (key(c), i))
            .collect();
        for row in tail {
            match at.get(&key(&row.0)) {
                Some(&i) if newer(&row, &levels[i]) => levels[i] = row,
                Some(_) => {}
                None => {
                    at.insert(key(&row.0), levels.len());
                    levels.push(row);
                }
            }
        }
        levels.sort_by(|a, b| {
            (&a.0.skill, a.0.member, a.0.source.is_lead()).cmp(&(
                &b.0.skill,
                b.0.member,
                b.0.source.is_lead(),
            ))
        });
        Ok(levels)
    }

    /// A member's history, oldest first, for one skill or all.
    pub fn history(&self, member: MemberId, skill: Option<&str>) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{HISTORY_SELECT} WHERE a.member_id = ?1 AND (?2 IS NULL OR a.skill = ?2) \
             ORDER BY a.created_at, a.id"
        ))?;
        let rows = stmt.query_map(params![member.0, skill], history_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One history row by id, if it (still) exists.
    pub fn assessment(&self, id: i64) -> Result<Option<HistoryEntry>> {
        Ok(self
            .conn
            .prepare_cached(&format!("{HISTORY_SELECT} WHERE a.id = ?1"))?
            .query_row([id], history_row)
            .optional()?)
    }

    /// A member's ratings from `since` on, oldest first (index
    /// `assessments_member_time`).
    pub fn ratings_since(
        &self,
        member: MemberId,
        since: DateTime<Utc>,
    ) -> Result<Vec<HistoryEntry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{HISTORY_SELECT} WHERE a.member_id = ?1 AND a.created_at >= ?2 ORDER BY a.created_at, a.id"
        ))?;
        let rows = stmt.query_map(params![member.0, to_ms(since)], history_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Up to `limit` entries of a member's history, newest first, for one
    /// skill or all, older than `before` (a time and an id: the last entry
    /// of the page before) when given. Served by an index from `before` on:
    /// as cheap for a member of a thousand ratings as of one, on any page.
    pub fn history_page(
        &self,
        member: MemberId,
        skill: Option<&str>,
        before: Option<(DateTime<Utc>, i64)>,
        limit: usize,
    ) -> Result<Vec<HistoryEntry>> {
        let (at, id) = before.map_or((i64::MAX, i64::MAX), |(t, id)| (to_ms(t), id));
        let mut stmt = self
            .conn
            .prepare_cached(&history_page_sql(skill.is_some()))?;
        let rows = match skill {
            None => stmt.query_map(params![member.0, at, id, limit as i64], history_row)?,
            Some(skill) => {
                stmt.query_map(params![member.0, at, id, limit as i64, skill], history_row)?
            }
        };
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest rating of one track (a lead's, or the member's own) in one
    /// skill, older than `before` when given. One seek in
    /// `assessments_track`, however long the history.
    pub fn latest_in_track(
        &self,
        member: MemberId,
        skill: &str,
        lead: bool,
        before: Option<(DateTime<Utc>, i64)>,
    ) -> Result<Option<HistoryEntry>> {
        let (at, id) = before.map_or((i64::MAX, i64::MAX), |(t, id)| (to_ms(t), id));
        let mut stmt = self.conn.prepare_cached(&latest_in_track_sql())?;
        Ok(stmt
            .query_row(params![member.0, skill, at, id, lead], history_row)
            .optional()?)
    }

    /// Since when a track has held its latest level: the first of the
    /// ratings at that level since the last one at another (a weekly "no
    /// change" confirms a level, it does not start it anew). `None` when
    /// the track has no rating.
    pub fn held_since(
        &self,
        member: MemberId,
        skill: &str,
        lead: bool,
    ) -> Result<Option<DateTime<Utc>>> {
        let Some(latest) = self.latest_in_track(member, skill, lead, None)? else {
            return Ok(None);
        };
        let level = latest.level.map(|l| i64::from(l.rank())).unwrap_or(0);
        let since: Option<i64> = self
            .conn
            .prepare_cached(
                "SELECT min(created_at) FROM assessments INDEXED BY assessments_track \
                 WHERE member_id = ?1 AND skill = ?2 AND (source = 'lead') = ?3 \
                 AND created_at > coalesce((SELECT max(created_at) FROM assessments \
                     INDEXED BY assessments_track WHERE member_id = ?1 AND skill = ?2 \
                     AND (source = 'lead') = ?3 AND level != ?4), -1)",
            )?
            .query_row(params![member.0, skill, lead, level], |r| r.get(0))?;
        Ok(Some(since.map_or(latest.at, from_ms)))
    }

    /// The ratings `rater` gave other members, oldest first, each with the
    /// rated member's name: part of the rater's own data.
    pub fn ratings_given(&self, rater: MemberId) -> Result<Vec<(HistoryEntry, String)>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "SELECT x.*, m.display_name FROM ({HISTORY_SELECT} WHERE a.rated_by = ?1 AND a.member_id != ?1) x \
             JOIN members m ON m.id = x.member_id ORDER BY x.created_at, x.id"
        ))?;
        let rows = stmt.query_map([rater.0], |r| Ok((history_row(r)?, r.get(12)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The latest level of every rated member of a workspace in one skill,
    /// by member.
    pub fn team_levels(&self, workspace: WorkspaceId, skill: &str) -> Result<Vec<CurrentLevel>> {
        Ok(newest_per_skill(self.current_levels(
            "workspace_id = ?1 AND skill = ?2 ORDER BY skill, member_id, lead",
            "m.workspace_id = ?1 AND a.skill = ?2",
            params![workspace.0, skill],
        )?))
    }

    /// The latest level of every rated member of a workspace in every skill,
    /// by skill and member.
    pub fn team_levels_all(&self, workspace: WorkspaceId) -> Result<Vec<CurrentLevel>> {
        Ok(newest_per_skill(self.team_tracks(workspace)?))
    }

    /// Both latest levels of every rated member of a workspace in every
    /// skill (their own and a lead's, where there is one), by skill, member
    /// and track (own first), each with its history row id.
    pub fn team_tracks(&self, workspace: WorkspaceId) -> Result<Vec<(CurrentLevel, i64)>> {
        self.current_levels(
            "workspace_id = ?1 ORDER BY skill, member_id, lead",
            "m.workspace_id = ?1",
            [workspace.0],
        )
    }
}

/// A page of history from a time and id on, newest first: two statements
/// rather than `?5 IS NULL OR …`, which would keep SQLite from seeking on
/// the skill.
fn history_page_sql(one_skill: bool) -> String {
    let skill = if one_skill { "AND a.skill = ?5" } else { "" };
    format!(
        "{HISTORY_SELECT} WHERE a.member_id = ?1 {skill} AND (a.created_at, a.id) < (?2, ?3) \
         ORDER BY a.created_at DESC, a.id DESC LIMIT ?4"
    )
}

/// A track's latest rating before a time and id. Without statistics SQLite
/// prefers `assessments_member_skill`, which reads the member's whole
/// history of the skill when the track has no rating: hence `INDEXED BY`
/// (and `a.source = 'lead'` written as the index has it).
fn latest_in_track_sql() -> String {
    let select = HISTORY_SELECT.replace(
        "FROM assessments a",
        "FROM assessments a INDEXED BY assessments_track",
    );
    format!(
        "{select} WHERE a.member_id = ?1 AND a.skill = ?2 AND (a.source = 'lead') = ?5 \
         AND (a.created_at, a.id) < (?3, ?4) ORDER BY a.created_at DESC, a.id DESC LIMIT 1"
    )
}

/// As the fold decides: the newest wins, and among equal times the later
/// row.
fn newer(a: &(CurrentLevel, i64), b: &(CurrentLevel, i64)) -> bool {
    (a.0.at, a.1) > (b.0.at, b.1)
}

/// The newest of the two tracks of each member and skill, from rows sorted
/// by skill, member and track.
fn newest_per_skill(rows: Vec<(CurrentLevel, i64)>) -> Vec<CurrentLevel> {
    let mut out: Vec<(CurrentLevel, i64)> = Vec::with_capacity(rows.len());
    for row in rows {
        match out.last_mut() {
            Some(last) if last.0.member == row.0.member && last.0.skill == row.0.skill => {
                if newer(&row, last) {
                    *last = row;
                }
            }
            _ => out.push(row),
        }
    }
    out.into_iter().map(|(c, _)| c).collect()
}

pub(super) fn insert_rating(
    conn: &rusqlite::Connection,
    member: MemberId,
    rated_by: Option<MemberId>,
    rating: &Rating,
    at: DateTime<Utc>,
) -> Result<i64> {
    let answers = serde_json::to_string(rating.answers()).unwrap_or_else(|_| "[]".into());
    // The foreign keys refuse a member (or rater) that does not exist.
    let unknown_member = |e: rusqlite::Error| match e.sqlite_error_code() {
        Some(rusqlite::ErrorCode::ConstraintViolation) => StoreError::NotFound("member"),
        _ => StoreError::Sqlite(e),
    };
    conn.prepare_cached(
        "INSERT INTO assessments (member_id, skill, role, level, source, rated_by, answers, note, matrix_hash, created_at) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
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
    ])
    .map_err(unknown_member)?;
    Ok(conn.last_insert_rowid())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::synthetic;
    use crate::store::Platform;
    use chrono::{Duration, TimeZone};
    use rusqlite::StatementStatus;

    /// Work SQLite did for the last run of a statement, in VM steps.
    fn steps(store: &Store, sql: &str) -> i32 {
        let stmt = store.conn.prepare_cached(sql).unwrap();
        stmt.reset_status(StatementStatus::VmStep)
    }

    /// A member with `own` ratings of their own in one skill, and the
    /// time of the newest.
    fn member_with(store: &mut Store, name: &str, own: usize) -> (MemberId, DateTime<Utc>) {
        let t0 = Utc.with_ymd_and_hms(2026, 1, 5, 9, 0, 0).unwrap();
        let ws = store.workspace(Platform::Discord, "g", "Team", t0).unwrap();
        let member = store.member(ws, name, name, t0).unwrap();
        let skill = synthetic::skill(1, 3);
        let rating = Rating::new(
            &skill,
            "Role 001",
            Level::from_rank(2),
            Source::SelfRated,
            vec![],
            None,
        )
        .unwrap();
        let batch: Vec<_> = (0..own)
            .map(|i| (member, None, rating.clone(), t0 + Duration::hours(i as i64)))
            .collect();
        store.record_batch(&batch).unwrap();
        (member, t0 + Duration::hours(own as i64 - 1))
    }

    // The reads a /history page makes cost the same for a member of two
    // thousand ratings as for a member of one (the soak found /history
    // slowing down as histories grew).
    #[test]
    fn history_reads_do_not_grow_with_the_history() {
        let mut store = Store::open_in_memory().unwrap();
        let (short, short_at) = member_with(&mut store, "short", 1);
        let (long, long_at) = member_with(&mut store, "long", 2000);
        let skill = synthetic::skill(1, 3).slug().to_string();
        let track = latest_in_track_sql();
        let page = history_page_sql(true);
        let cost = |member: MemberId, at: DateTime<Utc>| {
            // No lead rating at all: the costliest case before the index.
            assert!(
                store
                    .latest_in_track(member, &skill, true, None)
                    .unwrap()
                    .is_none()
            );
            let lead = steps(&store, &track);
            let own = store
                .latest_in_track(member, &skill, false, Some((at, i64::MAX)))
                .unwrap();
            assert!(own.is_some());
            let own = steps(&store, &track);
            let rows = store.history_page(member, Some(&skill), None, 11).unwrap();
            assert_eq!(rows.len(), if member == short { 1 } else { 11 });
            (lead, own, steps(&store, &page))
        };
        let (lead_1, own_1, page_1) = cost(short, short_at);
        let (lead_n, own_n, page_n) = cost(long, long_at);
        assert!(
            lead_n <= lead_1 + 20,
            "lead track: {lead_n} steps vs {lead_1}"
        );
        assert!(own_n <= own_1 + 20, "own track: {own_n} steps vs {own_1}");
        // A page of 11 rows against one row: bounded by the page.
        assert!(
            page_n <= page_1 * 11 + 50,
            "page: {page_n} steps vs {page_1}"
        );
    }
}
