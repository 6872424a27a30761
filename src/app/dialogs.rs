//! Dialogs kept between two button presses (as JSON in the dialogs table):
//! every kind of dialog, the checks every press goes through, and the one
//! place that routes a press to its kind's handler.
//!
//! A new kind of dialog: a variant of `DialogState`, a handler in the
//! module of its topic, and a line in `on_action` and in `view`.

use super::component_id::DialogAction;
use super::{AppError, AppResult, Ctx, DIALOG_LIFETIME_HOURS, Reply};
use super::{assess_cmd, matrix_cmd, privacy_cmd};
use crate::store::DialogRow;
use chrono::Duration;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum DialogState {
    /// A self-assessment, or a lead rating a member.
    Assess(assess_cmd::AssessState),
    /// A skill imported from chat, waiting for "Confirm".
    MatrixImport(matrix_cmd::ImportState),
    /// "Delete my data", waiting for confirmation.
    PrivacyDelete,
}

/// What a press or a submitted form brought.
pub struct Input {
    pub action: DialogAction,
    /// The chosen values of a select.
    pub values: Vec<String>,
    /// The fields of a submitted form, even one left empty.
    pub form: Option<Vec<(String, String)>>,
}

/// A stored dialog as a handler gets it.
pub struct Stored {
    pub row: DialogRow,
    /// The state as stored, to check nobody changed it meanwhile.
    pub json: String,
}

/// Saves a new dialog (ending the owner's other dialog with the same key)
/// and returns its id.
pub async fn start(
    cx: &mut Ctx<'_>,
    key: &str,
    matrix_hash: &str,
    state: &DialogState,
) -> Result<String, AppError> {
    let subject_user = match state {
        DialogState::Assess(a) => Some(a.subject_user.clone()),
        _ => None,
    };
    let owner = cx.me().await?;
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
    let now = cx.now;
    cx.write(move |s| s.start_dialog(&row, now)).await?;
    Ok(id)
}

/// The dialog behind a button, if the one who pressed it may go on with it.
async fn load(cx: &mut Ctx<'_>, id: &str) -> Result<(Stored, DialogState), AppError> {
    let gone = || {
        AppError::User("This dialog has ended (saved, cancelled or replaced by a newer one). Run the command again to start over.".into())
    };
    let key = id.to_string();
    let row = cx.read(move |s| s.dialog(&key)).await?.ok_or_else(gone)?;
    if row.expires_at < cx.now {
        return Err(AppError::User(format!(
            "This dialog expired after {DIALOG_LIFETIME_HOURS} hours without an answer. Run the command again to start over."
        )));
    }
    // Members are per workspace, so this also turns away anyone from
    // another server.
    if cx.known_me().await? != Some(row.owner) {
        return Err(AppError::User(
            "This dialog belongs to someone else; start your own with the command.".into(),
        ));
    }
    let state = from_json(&row)?;
    let json = row.state.clone();
    Ok((Stored { row, json }, state))
}

/// Saves the dialog's next state and gives it a fresh lifetime, unless a
/// press that came first changed it since it was loaded: then the press is
/// refused and nothing changes.
pub async fn save(cx: &Ctx<'_>, stored: &Stored, state: &DialogState) -> Result<(), AppError> {
    let expires = cx.now + Duration::hours(DIALOG_LIFETIME_HOURS);
    let (id, before, after, now) = (
        stored.row.id.clone(),
        stored.json.clone(),
        to_json(state)?,
        cx.now,
    );
    let saved = cx
        .write(move |s| s.update_dialog(&id, &before, &after, expires, now))
        .await?;
    if saved {
        Ok(())
    } else {
        Err(changed_meanwhile())
    }
}

/// Ends a dialog without saving anything.
pub async fn end(cx: &Ctx<'_>, id: &str) -> Result<(), AppError> {
    let id = id.to_string();
    cx.write(move |s| s.end_dialog(&id)).await?;
    Ok(())
}

pub fn changed_meanwhile() -> AppError {
    AppError::User(
        "This dialog moved on since (a second press, or another window); use the buttons of its latest message."
            .into(),
    )
}

/// A press on any stored dialog, handed to its kind.
pub async fn on_action(cx: &mut Ctx<'_>, id: &str, input: Input) -> AppResult {
    let (stored, state) = load(cx, id).await?;
    if input.action == DialogAction::Cancel {
        end(cx, id).await?;
        return Ok(Reply::text("Cancelled. Nothing was saved.")
            .private()
            .updating());
    }
    match state {
        DialogState::Assess(s) => assess_cmd::on_action(cx, stored, s, input).await,
        DialogState::MatrixImport(s) => matrix_cmd::on_action(cx, stored, s, input).await,
        DialogState::PrivacyDelete => privacy_cmd::on_action(cx, stored, input).await,
    }
}

/// A stored dialog's current message, with its buttons: to show it again
/// (the console after a restart). `None` when it cannot go on (its skill
/// changed or left the matrix).
pub fn view(cx: &Ctx<'_>, row: &DialogRow, state: &DialogState) -> Option<Reply> {
    match state {
        DialogState::Assess(s) => assess_cmd::view_again(cx, row, s),
        DialogState::MatrixImport(s) => Some(matrix_cmd::preview_view(&row.id, s)),
        DialogState::PrivacyDelete => Some(privacy_cmd::delete_view(&row.id)),
    }
}

/// The member's latest unfinished dialog, to show again.
pub async fn resume(cx: &mut Ctx<'_>) -> Result<Option<Reply>, AppError> {
    let Some(me) = cx.known_me().await? else {
        return Ok(None);
    };
    let now = cx.now;
    let Some(row) = cx.read(move |s| s.latest_dialog(me, now)).await? else {
        return Ok(None);
    };
    let state = from_json(&row)?;
    Ok(view(cx, &row, &state))
}

pub fn from_json(row: &DialogRow) -> Result<DialogState, AppError> {
    serde_json::from_str(&row.state)
        .map_err(|e| AppError::caused(format!("dialog {} has unreadable state", row.id), e))
}

fn to_json(state: &DialogState) -> Result<String, AppError> {
    serde_json::to_string(state).map_err(|e| AppError::caused("cannot save a dialog", e))
}
