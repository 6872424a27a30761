//! What the app keeps of a dialog between two button presses (as JSON in
//! the dialogs table), and the checks every press goes through.

use super::{AppError, Ctx, DIALOG_LIFETIME_HOURS};
use crate::assess::{Dialog, Source};
use crate::store::DialogRow;
use chrono::Duration;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DialogState {
    /// A self-assessment, or a lead rating a member.
    Assess {
        /// The member rated, if they were one when the dialog started.
        subject: Option<i64>,
        /// Their platform user id: a lead may rate someone who has no
        /// member row yet, which is then made at Save, not before.
        #[serde(default)]
        subject_user: String,
        subject_name: String,
        source: Source,
        dialog: Dialog,
    },
    /// A skill imported from chat, waiting for "Confirm".
    MatrixImport {
        slug: String,
        toml: String,
        /// What the preview said, to show it again.
        #[serde(default)]
        preview: String,
    },
    /// "Delete my data", waiting for confirmation.
    PrivacyDelete,
}

/// Saves a new dialog (ending the owner's other dialog with the same key)
/// and returns its id.
pub fn start(
    cx: &mut Ctx<'_>,
    key: &str,
    matrix_hash: &str,
    state: &DialogState,
) -> Result<String, AppError> {
    let subject_user = match state {
        DialogState::Assess { subject_user, .. } => Some(subject_user.clone()),
        _ => None,
    };
    let owner = cx.member()?;
    let id = cx.new_id();
    let row = DialogRow {
        id: id.clone(),
        owner,
        key: key.to_string(),
        state: to_json(state)?,
        matrix_hash: matrix_hash.to_string(),
        expires_at: cx.now + Duration::hours(DIALOG_LIFETIME_HOURS),
        subject_user,
    };
    cx.store.start_dialog(&row, cx.now)?;
    Ok(id)
}

/// The dialog behind a button, if the one who pressed it may go on with it.
pub fn load(cx: &mut Ctx<'_>, id: &str) -> Result<(DialogRow, DialogState), AppError> {
    let gone = || {
        AppError::User("This dialog has ended (saved, cancelled or replaced by a newer one). Run the command again to start over.".into())
    };
    let row = cx.store.dialog(id)?.ok_or_else(gone)?;
    if row.expires_at < cx.now {
        return Err(AppError::User(format!(
            "This dialog expired after {DIALOG_LIFETIME_HOURS} hours without an answer. Run the command again to start over."
        )));
    }
    // Members are per workspace, so this also turns away anyone from
    // another server.
    let me = cx.member()?;
    if row.owner != me {
        return Err(AppError::User(
            "This dialog belongs to someone else; start your own with the command.".into(),
        ));
    }
    let state: DialogState = serde_json::from_str(&row.state)
        .map_err(|e| AppError::Internal(format!("dialog {id} has unreadable state: {e}")))?;
    Ok((row, state))
}

/// Saves the dialog's next state and gives it a fresh lifetime.
pub fn save(cx: &mut Ctx<'_>, id: &str, state: &DialogState) -> Result<(), AppError> {
    let expires = cx.now + Duration::hours(DIALOG_LIFETIME_HOURS);
    cx.store
        .update_dialog(id, &to_json(state)?, expires, cx.now)?;
    Ok(())
}

fn to_json(state: &DialogState) -> Result<String, AppError> {
    serde_json::to_string(state)
        .map_err(|e| AppError::Internal(format!("cannot save a dialog: {e}")))
}

/// A stored dialog's current message, with its buttons, as it was last
/// shown: to show it again (the console after a restart). `None` when it
/// cannot go on (its skill changed or left the matrix).
pub fn view(cx: &Ctx<'_>, row: &DialogRow, state: &DialogState) -> Option<super::Reply> {
    match state {
        DialogState::Assess { dialog, .. } => {
            let skill = cx.catalog.get(&dialog.skill)?;
            (skill.fingerprint() == row.matrix_hash)
                .then(|| super::assess_cmd::view(&row.id, state, skill, 0).private())
        }
        DialogState::MatrixImport { .. } => Some(super::matrix_cmd::preview_view(&row.id, state)),
        DialogState::PrivacyDelete => Some(super::privacy_cmd::delete_view(&row.id)),
    }
}

/// The member's latest unfinished dialog, to show again.
pub fn resume(cx: &mut Ctx<'_>) -> Result<Option<super::Reply>, AppError> {
    let Some(me) = cx
        .store
        .find_member(cx.workspace, &cx.actor.user_id)?
        .map(|m| m.id)
    else {
        return Ok(None);
    };
    cx.member = Some(me);
    let Some(row) = cx.store.latest_dialog(me, cx.now)? else {
        return Ok(None);
    };
    let state: DialogState = serde_json::from_str(&row.state)
        .map_err(|e| AppError::Internal(format!("dialog {} has unreadable state: {e}", row.id)))?;
    Ok(view(cx, &row, &state))
}
