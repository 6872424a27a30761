//! Dialogs kept between two button presses (as JSON in the dialogs table):
//! every kind of dialog, the checks every press goes through, and the one
//! place that routes a press to its kind's handler.
//!
//! A new kind of dialog: a state type implementing `DialogKind` in the
//! module of its topic (what it shows, what a press does, what Cancel says,
//! whether its messages carry steps, whose rights it needs), a variant of
//! `DialogState` and a line in `each_kind!`. Leaving any of them out does
//! not compile.

use super::component_id::{ComponentId, DialogAction};
use super::reply::Style;
use super::{Action, assess, checkin, matrix, pick, privacy};
use super::{Actor, AppError, AppResult, Ctx, DIALOG_LIFETIME_HOURS, IdSource, Reply};
use super::{targets, team};
use crate::matrix::Catalog;
use crate::store::{DialogRow, Store};
use crate::team::{MemberId, WorkspaceId};
use crate::{msg, tr};
use chrono::{DateTime, Duration, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[allow(
    clippy::large_enum_variant,
    reason = "one lives for one press at a time; boxing buys nothing"
)]
pub enum DialogState {
    /// A self-assessment, or a lead rating a member.
    Assess(assess::AssessState),
    /// A skill imported from chat, waiting for "Confirm".
    MatrixImport(matrix::ImportState),
    /// "Delete my data", waiting for confirmation.
    PrivacyDelete(privacy::DeleteState),
    /// An ambiguous name, waiting for the candidate meant.
    Pick(pick::PickState),
    /// A workspace's own skill, waiting for "Remove".
    MatrixRemove(matrix::RemoveState),
    /// A weekly check-in, waiting for one of its buttons.
    Checkin(checkin::CheckinState),
    /// Members never assessed, waiting for a lead's "Nudge".
    Nudge(team::summary::NudgeState),
    /// Targets read from a CSV, waiting for "Confirm".
    TargetsImport(targets::ImportState),
}

/// What a kind of dialog is: each part is required, so that a kind that
/// leaves one out does not compile.
pub trait DialogKind {
    /// The command whose lead-only rights going on needs (every press but
    /// Cancel asks again); `None` for a kind anyone may go on with.
    fn lead_only(&self) -> Option<&'static str>;
    /// Whether each of its messages carries its step, so that a press on
    /// an older one is answered with the current one instead.
    fn has_steps(&self) -> bool;
    /// What Cancel says (the dialog is ended before).
    fn cancelled(&self, press: &Press<'_>) -> String;
    /// Its current message, to show again (a message a step behind, the
    /// console after a restart); `None` when it cannot go on, or when its
    /// command offers it again.
    fn current(&self, at: &Showing<'_>) -> Result<Option<Reply>, AppError>;
    /// A press of one of its buttons, a choice or a submitted form.
    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult;
}

/// What showing a dialog's current message may use.
pub struct Showing<'a> {
    pub locale: crate::i18n::Locale,
    pub catalog: &'a Catalog,
    pub store: &'a Store,
    /// The dialog's owner.
    pub me: MemberId,
    pub row: &'a DialogRow,
}

/// `$body` with `$kind` bound to the state of whichever kind `$state` is:
/// the one list of kinds the routing goes through.
macro_rules! each_kind {
    ($state:expr, $kind:ident => $body:expr) => {
        match $state {
            DialogState::Assess($kind) => $body,
            DialogState::MatrixImport($kind) => $body,
            DialogState::PrivacyDelete($kind) => $body,
            DialogState::Pick($kind) => $body,
            DialogState::MatrixRemove($kind) => $body,
            DialogState::Checkin($kind) => $body,
            DialogState::Nudge($kind) => $body,
            DialogState::TargetsImport($kind) => $body,
        }
    };
}

impl DialogState {
    fn lead_only(&self) -> Option<&'static str> {
        each_kind!(self, k => k.lead_only())
    }

    fn has_steps(&self) -> bool {
        each_kind!(self, k => k.has_steps())
    }

    fn cancelled(&self, press: &Press<'_>) -> String {
        each_kind!(self, k => k.cancelled(press))
    }

    /// Its current message: see `DialogKind::current`.
    pub fn current(&self, at: &Showing<'_>) -> Result<Option<Reply>, AppError> {
        each_kind!(self, k => k.current(at))
    }

    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
        each_kind!(self, k => k.on_press(press, stored, input))
    }
}

/// The buttons of a question a dialog asks before it acts: `confirm`,
/// which says what it does, and Cancel. Cancel is the red one unless the
/// action itself is (a deletion).
pub fn confirm_or_cancel(
    r: crate::i18n::Locale,
    reply: Reply,
    dialog: &str,
    confirm: String,
    style: Style,
) -> Reply {
    let cancel_style = if style == Style::Danger {
        Style::Secondary
    } else {
        Style::Danger
    };
    reply
        .button(
            ComponentId::dialog(dialog, DialogAction::Confirm),
            confirm,
            style,
        )
        .button(
            ComponentId::dialog(dialog, DialogAction::Cancel),
            tr!(r, "button-cancel"),
            cancel_style,
        )
}

/// What a press or a submitted form brought.
pub struct Input {
    pub action: DialogAction,
    /// The step the pressed message showed (`None` for buttons of older
    /// versions).
    pub step: Option<u32>,
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
    let row = DialogRow::new(
        id.clone(),
        owner,
        key,
        to_json(state)?,
        matrix_hash,
        cx.now + Duration::hours(DIALOG_LIFETIME_HOURS),
        subject_user,
    );
    let now = cx.now;
    cx.write(move |s| s.start_dialog(&row, now)).await?;
    Ok(id)
}

/// Saves a new dialog owned by the member who pressed (ending their other
/// dialog with the same key) and returns its id.
pub fn start_in(
    press: &mut Press<'_>,
    key: &str,
    matrix_hash: &str,
    state: &DialogState,
    lifetime: Duration,
) -> Result<String, AppError> {
    let id = press.ids.new_id();
    let subject_user = match state {
        DialogState::Assess(a) => Some(a.subject_user.clone()),
        _ => None,
    };
    let row = DialogRow::new(
        id.clone(),
        press.me,
        key,
        to_json(state)?,
        matrix_hash,
        press.now + lifetime,
        subject_user,
    );
    press.store.start_dialog(&row, press.now)?;
    Ok(id)
}

/// A press being handled: everything one dialog step needs, on the writer
/// connection. A press is one trip to the database, whatever it does:
/// load the dialog, check who pressed, take the step, save it.
pub struct Press<'a> {
    pub store: &'a mut Store,
    pub catalog: &'a Catalog,
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
    /// Makes the ids of dialogs a step starts.
    pub ids: &'a dyn IdSource,
    pub workspace: WorkspaceId,
    /// The member who pressed: the dialog's owner.
    pub me: MemberId,
    /// Set by a step that changed the workspace's own skills.
    pub skills_changed: bool,
    /// Set by a step that deleted personal data: the WAL is then emptied,
    /// on the blocking pool since it may wait for readers.
    pub deleted_data: bool,
    /// A command to run once the step is saved (a picked candidate): its
    /// reply replaces the dialog's.
    pub rerun: Option<Action>,
}

impl crate::i18n::Reader for Press<'_> {
    fn locale(&self) -> crate::i18n::Locale {
        self.actor.locale
    }
}

impl Press<'_> {
    /// Platform administrators, and holders of the configured lead role.
    pub fn is_lead(&self) -> Result<bool, AppError> {
        if self.actor.admin {
            return Ok(true);
        }
        let settings = self.store.workspace_settings(self.workspace)?;
        Ok(settings
            .lead_role
            .is_some_and(|lead| self.actor.roles.contains(&lead)))
    }
}

/// The dialog behind a button, if the one who pressed it may go on with it,
/// and who pressed it.
fn load(
    store: &Store,
    actor: &Actor,
    workspace: Option<WorkspaceId>,
    id: &str,
    now: DateTime<Utc>,
) -> Result<(Stored, DialogState, WorkspaceId, MemberId), AppError> {
    let gone = || AppError::User(msg!("dialog-ended"));
    let row = store.dialog(id)?.ok_or_else(gone)?;
    let state = from_json(&row)?;
    if row.expires_at < now {
        return Err(AppError::User(match state {
            DialogState::Checkin(_) => msg!("checkin-closed"),
            _ => msg!("dialog-expired", hours = DIALOG_LIFETIME_HOURS),
        }));
    }
    // Members are per workspace, so this also turns away anyone from
    // another server.
    let me = match workspace {
        Some(w) => store.find_member(w, &actor.user_id)?,
        None => None,
    };
    let Some(me) = me.filter(|m| m.id == row.owner) else {
        return Err(AppError::User(msg!("dialog-not-yours")));
    };
    let json = row.state.clone();
    Ok((Stored { row, json }, state, me.workspace, me.id))
}

/// Saves the dialog's next state and gives it a fresh lifetime, unless a
/// press that came first (in another process) changed it since it was
/// loaded: then the press is refused and nothing changes.
pub fn save(press: &mut Press<'_>, stored: &Stored, state: &DialogState) -> Result<(), AppError> {
    let expires = press.now + Duration::hours(DIALOG_LIFETIME_HOURS);
    let saved = press.store.update_dialog(
        &stored.row.id,
        &stored.json,
        &to_json(state)?,
        expires,
        press.now,
    )?;
    if saved {
        Ok(())
    } else {
        Err(changed_meanwhile())
    }
}

pub fn changed_meanwhile() -> AppError {
    AppError::User(msg!("dialog-moved-on"))
}

/// A press on any stored dialog, handed to its kind: one trip to the
/// database.
pub async fn on_action(cx: &mut Ctx<'_>, id: &str, input: Input) -> AppResult {
    let (catalog, actor, now, id, workspace, ids) = (
        cx.catalog.clone(),
        cx.actor.clone(),
        cx.now,
        id.to_string(),
        cx.known_workspace(),
        std::sync::Arc::clone(&cx.app.settings.ids),
    );
    let (result, effects) = cx
        .write(move |store| {
            let (stored, state, workspace, me) = match load(store, &actor, workspace, &id, now) {
                Ok(loaded) => loaded,
                Err(e) => return Ok((Err(e), Effects::default())),
            };
            let mut press = Press {
                store,
                catalog: &catalog,
                actor: &actor,
                now,
                ids: &*ids,
                workspace,
                me,
                skills_changed: false,
                deleted_data: false,
                rerun: None,
            };
            let result = route(&mut press, stored, state, input);
            let effects = Effects {
                skills_changed: press.skills_changed,
                deleted_data: press.deleted_data,
                rerun: press.rerun,
            };
            Ok((result, effects))
        })
        .await?;
    if effects.skills_changed {
        cx.forget_catalog();
    }
    if effects.deleted_data {
        cx.app.db().settle().await?;
    }
    if let (Ok(_), Some(action)) = (&result, effects.rerun) {
        // Boxed: a command may start a dialog, whose presses come here.
        let mut reply = Box::pin(super::dispatch(cx, &action)).await?;
        reply.update = true;
        return Ok(reply);
    }
    result
}

/// What a step asks for once it is saved.
#[derive(Default)]
struct Effects {
    skills_changed: bool,
    deleted_data: bool,
    rerun: Option<Action>,
}

fn route(press: &mut Press<'_>, stored: Stored, state: DialogState, input: Input) -> AppResult {
    // A message a step behind (the answer to the last press was lost): it
    // is brought up to date, and the press acts on nothing. Every message
    // of a kind with steps carries its step, so one without (drawn by the
    // version before) is current only while the dialog has taken no step
    // since; other kinds draw no steps.
    let step = if state.has_steps() {
        Some(input.step.unwrap_or(0))
    } else {
        input.step
    };
    if stored.row.saved.is_none() && step.is_some_and(|step| step != stored.row.step) {
        return behind(press, &stored, &state);
    }
    // A lead may have lost the role since the dialog started (the role
    // taken away, a console reopened without --lead): every press but
    // Cancel asks again, so nothing is written on rights no longer held.
    if input.action != DialogAction::Cancel
        && stored.row.saved.is_none()
        && let Some(command) = state.lead_only()
        && !press.is_lead()?
    {
        return Err(AppError::User(msg!("dialog-lead-only", command = command)));
    }
    if input.action == DialogAction::Cancel && stored.row.saved.is_none() {
        press.store.end_dialog(&stored.row.id)?;
        return Ok(Reply::text(state.cancelled(press)).private().updating());
    }
    state.on_press(press, stored, input)
}

/// The dialog's current step in place of a message that was behind.
fn behind(press: &Press<'_>, stored: &Stored, state: &DialogState) -> AppResult {
    let current = state.current(&Showing {
        locale: press.actor.locale,
        catalog: press.catalog,
        store: press.store,
        me: press.me,
        row: &stored.row,
    })?;
    let Some(mut reply) = current else {
        return Err(AppError::User(msg!("dialog-skill-changed")));
    };
    reply.text = format!("{}\n\n{}", tr!(press, "dialog-behind"), reply.text);
    Ok(reply.private().updating())
}

/// The member's latest unfinished dialog, to show again (the console
/// after a restart).
pub async fn resume(cx: &mut Ctx<'_>) -> Result<Option<Reply>, AppError> {
    let Some(me) = cx.known_me().await? else {
        return Ok(None);
    };
    let now = cx.now;
    let Some(row) = cx.read(move |s| s.latest_dialog(me, now)).await? else {
        return Ok(None);
    };
    let state = from_json(&row)?;
    let (catalog, locale) = (cx.catalog.clone(), cx.actor.locale);
    let shown = cx
        .read(move |store| {
            let at = Showing {
                locale,
                catalog: &catalog,
                store,
                me,
                row: &row,
            };
            Ok(state.current(&at))
        })
        .await??;
    Ok(shown.map(Reply::private))
}

pub fn from_json(row: &DialogRow) -> Result<DialogState, AppError> {
    serde_json::from_str(&row.state)
        .map_err(|e| AppError::caused(format!("dialog {} has unreadable state", row.id), e))
}

pub fn to_json(state: &DialogState) -> Result<String, AppError> {
    serde_json::to_string(state).map_err(|e| AppError::caused("cannot save a dialog", e))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The released version stored "delete my data" as a kind with no
    /// fields; it reads back, and is written the same way.
    #[test]
    fn a_stored_delete_question_reads_back_in_its_released_form() {
        let released = r#"{"kind":"privacy_delete"}"#;
        let state: DialogState = serde_json::from_str(released).unwrap();
        assert_eq!(state, DialogState::PrivacyDelete(privacy::DeleteState {}));
        assert_eq!(serde_json::to_string(&state).unwrap(), released);
    }
}
