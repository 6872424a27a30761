//! Unfinished dialogs, so that a restart loses nothing.

use super::tx;
use super::{MemberId, Result, Store, from_ms, to_ms};
use crate::assess::Rating;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, params};

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DialogRow {
    pub id: String,
    pub owner: MemberId,
    /// What the dialog is about; one dialog per owner and key.
    pub key: String,
    /// JSON, owned by the app.
    pub state: String,
    pub matrix_hash: String,
    pub expires_at: DateTime<Utc>,
    /// The platform user id of the member the dialog is about, when that
    /// is someone (a lead's rating): deleting them ends the dialog.
    pub subject_user: Option<String>,
    /// How many steps the dialog has taken: each saved step counts one.
    pub step: u32,
    /// When it was saved, and the history row it saved: a saved dialog is
    /// kept a while as the record of its save.
    pub saved: Option<(DateTime<Utc>, i64)>,
}

impl DialogRow {
    /// A dialog as a fresh one starts: no step taken, not saved.
    pub fn new(
        id: String,
        owner: MemberId,
        key: &str,
        state: String,
        matrix_hash: &str,
        expires_at: DateTime<Utc>,
        subject_user: Option<String>,
    ) -> DialogRow {
        DialogRow {
            id,
            owner,
            key: key.to_string(),
            state,
            matrix_hash: matrix_hash.to_string(),
            expires_at,
            subject_user,
            step: 0,
            saved: None,
        }
    }
}

const DIALOG_COLUMNS: &str = "id, member_id, skill, state, matrix_hash, expires_at, subject_user, step, saved_at, saved_assessment";

fn dialog_row(r: &rusqlite::Row<'_>) -> rusqlite::Result<DialogRow> {
    Ok(DialogRow {
        id: r.get(0)?,
        owner: MemberId(r.get(1)?),
        key: r.get(2)?,
        state: r.get(3)?,
        matrix_hash: r.get(4)?,
        expires_at: from_ms(r.get(5)?),
        subject_user: r.get(6)?,
        step: r.get(7)?,
        saved: match (r.get::<_, Option<i64>>(8)?, r.get::<_, Option<i64>>(9)?) {
            (Some(at), Some(id)) => Some((from_ms(at), id)),
            _ => None,
        },
    })
}

impl Store {
    /// Saves a new dialog, ending any other dialog of the same owner and key.
    pub fn start_dialog(&mut self, row: &DialogRow, now: DateTime<Utc>) -> Result<()> {
        let tx = tx::begin(&mut self.conn)?;
        tx.prepare_cached("DELETE FROM dialogs WHERE member_id = ?1 AND skill = ?2")?
            .execute(params![row.owner.0, row.key])?;
        tx.prepare_cached(
            "INSERT INTO dialogs (id, member_id, skill, state, matrix_hash, created_at, updated_at, expires_at, subject_user) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6, ?7, ?8)",
        )?
        .execute(params![
                row.id,
                row.owner.0,
                row.key,
                row.state,
                row.matrix_hash,
                to_ms(now),
                to_ms(row.expires_at),
                row.subject_user
            ])?;
        tx.commit()?;
        Ok(())
    }

    pub fn dialog(&self, id: &str) -> Result<Option<DialogRow>> {
        self.dialog_where("id = ?1", [id])
    }

    /// The owner's unexpired, unsaved dialog with this key, if any.
    pub fn dialog_by_key(
        &self,
        owner: MemberId,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<DialogRow>> {
        self.dialog_where(
            "member_id = ?1 AND skill = ?2 AND expires_at >= ?3 AND saved_at IS NULL",
            params![owner.0, key, to_ms(now)],
        )
    }

    /// The owner's saved dialog with this key still kept as the record of
    /// its save, if any.
    pub fn saved_dialog(
        &self,
        owner: MemberId,
        key: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<DialogRow>> {
        self.dialog_where(
            "member_id = ?1 AND skill = ?2 AND expires_at >= ?3 AND saved_at IS NOT NULL",
            params![owner.0, key, to_ms(now)],
        )
    }

    /// The owner's most recently used unexpired, unsaved dialog, if any.
    pub fn latest_dialog(&self, owner: MemberId, now: DateTime<Utc>) -> Result<Option<DialogRow>> {
        self.dialog_where(
            "member_id = ?1 AND expires_at >= ?2 AND saved_at IS NULL",
            params![owner.0, to_ms(now)],
        )
    }

    fn dialog_where(
        &self,
        condition: &str,
        params: impl rusqlite::Params,
    ) -> Result<Option<DialogRow>> {
        Ok(self
            .conn
            .prepare_cached(&format!(
                "SELECT {DIALOG_COLUMNS} FROM dialogs WHERE {condition} ORDER BY updated_at DESC, rowid DESC LIMIT 1"
            ))?
            .query_row(params, dialog_row)
            .optional()?)
    }

    /// Replaces the dialog's state with `after` if it is still `before`;
    /// false (and nothing changed) when another press changed it first or
    /// the dialog has ended.
    pub fn update_dialog(
        &mut self,
        id: &str,
        before: &str,
        after: &str,
        expires_at: DateTime<Utc>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        let changed = self
            .conn
            .prepare_cached(
                "UPDATE dialogs SET state = ?3, expires_at = ?4, updated_at = ?5, step = step + 1 \
                 WHERE id = ?1 AND state = ?2 AND saved_at IS NULL",
            )?
            .execute(params![id, before, after, to_ms(expires_at), to_ms(now)])?;
        Ok(changed == 1)
    }

    pub fn end_dialog(&mut self, id: &str) -> Result<()> {
        self.conn
            .prepare_cached("DELETE FROM dialogs WHERE id = ?1")?
            .execute([id])?;
        Ok(())
    }

    /// Records the rating a dialog arrived at and marks the dialog saved,
    /// together, if the dialog is still in the state `expected`; `None`
    /// (and nothing written) when it has ended or moved on since. The saved
    /// dialog is kept until `keep_until`, as the record of the save.
    #[allow(clippy::too_many_arguments)]
    pub fn record_and_end_dialog(
        &mut self,
        dialog_id: &str,
        expected: &str,
        member: MemberId,
        rated_by: Option<MemberId>,
        rating: &Rating,
        at: DateTime<Utc>,
        keep_until: DateTime<Utc>,
    ) -> Result<Option<i64>> {
        let tx = tx::begin(&mut self.conn)?;
        let open: Option<i64> = tx
            .prepare_cached(
                "SELECT 1 FROM dialogs WHERE id = ?1 AND state = ?2 AND saved_at IS NULL",
            )?
            .query_row(params![dialog_id, expected], |r| r.get(0))
            .optional()?;
        if open.is_none() {
            return Ok(None);
        }
        let id = super::assessments::insert_rating(&tx, member, rated_by, rating, at)?;
        tx.prepare_cached(
            "UPDATE dialogs SET saved_at = ?2, saved_assessment = ?3, step = step + 1, \
             updated_at = ?2, expires_at = ?4 WHERE id = ?1",
        )?
        .execute(params![dialog_id, to_ms(at), id, to_ms(keep_until)])?;
        tx.commit()?;
        Ok(Some(id))
    }

    /// Forgets dialogs that expired before `now`; returns how many.
    pub fn purge_expired_dialogs(&mut self, now: DateTime<Utc>) -> Result<usize> {
        Ok(self
            .conn
            .execute("DELETE FROM dialogs WHERE expires_at < ?1", [to_ms(now)])?)
    }
}
