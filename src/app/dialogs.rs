//! Dialogs kept between two button presses (as JSON in the dialogs table):
//! every kind of dialog, the checks every press goes through, and the one
//! place that routes a press to its kind's handler.
//!
//! A new kind of dialog: a variant of `DialogState`, a handler in the
//! module of its topic (a `Press` in, a reply out), and a line in `route`
//! and in `view`.

use super::component_id::{ComponentId, DialogAction};
use super::reply::Style;
use super::{Action, assess_cmd, checkin, matrix_cmd, pick_cmd, privacy_cmd};
use super::{Actor, AppError, AppResult, Ctx, DIALOG_LIFETIME_HOURS, IdSource, Reply};
use super::{targets_cmd, team_summary_cmd};
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
    Assess(assess_cmd::AssessState),
    /// A skill imported from chat, waiting for "Confirm".
    MatrixImport(matrix_cmd::ImportState),
    /// "Delete my data", waiting for confirmation.
    PrivacyDelete,
    /// An ambiguous name, waiting for the candidate meant.
    Pick(pick_cmd::PickState),
    /// A workspace's own skill, waiting for "Remove".
    MatrixRemove(matrix_cmd::RemoveState),
    /// A weekly check-in, waiting for one of its buttons.
    Checkin(checkin::CheckinState),
    /// Members never assessed, waiting for a lead's "Nudge".
    Nudge(team_summary_cmd::NudgeState),
    /// Targets read from a CSV, waiting for "Confirm".
    TargetsImport(targets_cmd::ImportState),
}

impl DialogState {
    /// The command a lead-only kind of dialog belongs to, for the refusal
    /// when whoever presses is no longer a lead; `None` for kinds anyone
    /// may go on with.
    fn lead_only(&self) -> Option<&'static str> {
        match self {
            DialogState::Assess(a) if a.by_lead() => Some("assess member:"),
            DialogState::MatrixImport(_) => Some("matrix import"),
            DialogState::MatrixRemove(_) => Some("matrix remove"),
            DialogState::Nudge(_) => Some("team summary"),
            DialogState::TargetsImport(_) => Some("targets import"),
            DialogState::Assess(_)
            | DialogState::PrivacyDelete
            | DialogState::Pick(_)
            | DialogState::Checkin(_) => None,
        }
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
    if let (Some(saved), DialogState::Assess(s)) = (stored.row.saved, &state) {
        return assess_cmd::already_saved(press, s, saved);
    }
    // A message a step behind (the answer to the last press was lost): it
    // is brought up to date, and the press acts on nothing. Every message
    // of an assessment carries its step, so one without (drawn by the
    // version before) is current only while the dialog has taken no step
    // since; other kinds draw no steps.
    let step = match state {
        DialogState::Assess(_) => Some(input.step.unwrap_or(0)),
        _ => input.step,
    };
    if step.is_some_and(|step| step != stored.row.step) {
        return behind(press, &stored, &state);
    }
    // A lead may have lost the role since the dialog started (the role
    // taken away, a console reopened without --lead): every press but
    // Cancel asks again, so nothing is written on rights no longer held.
    if input.action != DialogAction::Cancel
        && let Some(command) = state.lead_only()
        && !press.is_lead()?
    {
        return Err(AppError::User(msg!("dialog-lead-only", command = command)));
    }
    if input.action == DialogAction::Cancel {
        press.store.end_dialog(&stored.row.id)?;
        if let DialogState::Assess(a) = &state
            && let Some(chain) = &a.checkin
        {
            return Ok(Reply::text(assess_cmd::cancelled_in_checkin(
                press.actor.locale,
                press.catalog,
                a,
                chain,
            ))
            .private()
            .updating());
        }
        let said = match state {
            DialogState::Assess(_) => msg!("cancelled-assess"),
            DialogState::MatrixImport(_) => msg!("cancelled-import"),
            DialogState::PrivacyDelete => msg!("cancelled-delete"),
            DialogState::Pick(_) => msg!("cancelled"),
            DialogState::MatrixRemove(_) => msg!("cancelled-remove"),
            DialogState::Checkin(_) => msg!("closed"),
            DialogState::Nudge(_) => msg!("cancelled-nudge"),
            DialogState::TargetsImport(_) => msg!("cancelled-targets"),
        };
        return Ok(Reply::text(said.render(press)).private().updating());
    }
    match state {
        DialogState::Assess(s) => assess_cmd::on_action(press, stored, s, input),
        DialogState::MatrixImport(s) => matrix_cmd::on_action(press, stored, s, input),
        DialogState::PrivacyDelete => privacy_cmd::on_action(press, stored, input),
        DialogState::Pick(s) => pick_cmd::on_action(press, stored, s, input),
        DialogState::MatrixRemove(s) => matrix_cmd::on_remove(press, stored, s, input),
        DialogState::Checkin(s) => checkin::on_action(press, stored, s, input),
        DialogState::Nudge(s) => team_summary_cmd::on_nudge(press, stored, s, input),
        DialogState::TargetsImport(s) => targets_cmd::on_import(press, stored, s, input),
    }
}

/// The dialog's current step in place of a message that was behind.
fn behind(press: &Press<'_>, stored: &Stored, state: &DialogState) -> AppResult {
    let current = match state {
        DialogState::Assess(s) => {
            assess_cmd::current_view(press.actor.locale, press.catalog, &stored.row, s)
        }
        DialogState::Checkin(s) => Some(
            checkin::message(press.store, press.catalog, press.me, &stored.row.id, s)?
                .render(press.actor.locale),
        ),
        other => view_of(press.actor.locale, &stored.row, other),
    };
    let Some(mut reply) = current else {
        return Err(AppError::User(msg!("dialog-skill-changed")));
    };
    reply.text = format!("{}\n\n{}", tr!(press, "dialog-behind"), reply.text);
    Ok(reply.private().updating())
}

/// A stored dialog's current message, with its buttons: to show it again
/// (the console after a restart). `None` when it cannot go on (its skill
/// changed or left the matrix).
pub fn view(cx: &Ctx<'_>, row: &DialogRow, state: &DialogState) -> Option<Reply> {
    match state {
        DialogState::Assess(s) => {
            assess_cmd::current_view(cx.actor.locale, &cx.catalog, row, s).map(Reply::private)
        }
        other => view_of(cx.actor.locale, row, other),
    }
}

/// The message of a dialog kind that needs neither the matrix nor the
/// store to show.
fn view_of(r: crate::i18n::Locale, row: &DialogRow, state: &DialogState) -> Option<Reply> {
    match state {
        DialogState::Assess(_) => None,
        DialogState::MatrixImport(s) => Some(matrix_cmd::preview_view(r, &row.id, s)),
        DialogState::PrivacyDelete => Some(privacy_cmd::delete_view(r, &row.id, None)),
        // Offered again by running the command again.
        DialogState::Pick(_) => None,
        DialogState::MatrixRemove(s) => Some(matrix_cmd::remove_view(r, &row.id, s)),
        // Needs the store: shown by `resume`.
        DialogState::Checkin(_) => None,
        // Offered again by running the command again.
        DialogState::Nudge(_) | DialogState::TargetsImport(_) => None,
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
    if let DialogState::Checkin(checkin) = state {
        let catalog = cx.catalog.clone();
        return Ok(Some(
            cx.read(move |s| checkin::message(s, &catalog, me, &row.id, &checkin))
                .await?
                .render(cx.actor.locale)
                .private(),
        ));
    }
    Ok(view(cx, &row, &state))
}

pub fn from_json(row: &DialogRow) -> Result<DialogState, AppError> {
    serde_json::from_str(&row.state)
        .map_err(|e| AppError::caused(format!("dialog {} has unreadable state", row.id), e))
}

pub fn to_json(state: &DialogState) -> Result<String, AppError> {
    serde_json::to_string(state).map_err(|e| AppError::caused("cannot save a dialog", e))
}
