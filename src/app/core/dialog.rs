//! A dialog kept between two button presses, as the features see it: what
//! a kind is (`DialogKind`), what a press brings and may use, and how a
//! dialog is started, saved and read. The kinds are listed, and presses
//! routed to them, in `app/dialogs.rs`.

use crate::app::core::{AppError, AppResult, Ctx, DIALOG_LIFETIME_HOURS, IdSource};
use crate::app::protocol::component_id::{ComponentId, DialogAction};
use crate::app::protocol::{Action, Actor, Reply, Style};
use crate::i18n::Msg;
use crate::matrix::Catalog;
use crate::store::{DialogRow, Store};
use crate::team::{MemberId, WorkspaceId};
use crate::{msg, tr};
use chrono::{DateTime, Duration, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;

/// What a kind of dialog is: each part is required, so that a kind that
/// leaves one out does not compile.
pub trait DialogKind: Serialize + DeserializeOwned {
    /// Its name in the stored form, `{"kind": KIND, ...its fields}`: never
    /// changed once released, since dialogs in the database carry it.
    const KIND: &'static str;
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
    /// What a press after the dialog's lifetime is told.
    fn expired(&self) -> Msg {
        msg!("dialog-expired", hours = DIALOG_LIFETIME_HOURS)
    }
    /// The platform user the dialog is about, when it is not its owner (a
    /// lead rating a member): their data's deletion ends it.
    fn subject_user(&self) -> Option<String> {
        None
    }
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
    state: &impl DialogKind,
) -> Result<String, AppError> {
    let subject_user = state.subject_user();
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
    state: &impl DialogKind,
    lifetime: Duration,
) -> Result<String, AppError> {
    let id = press.ids.new_id();
    let subject_user = state.subject_user();
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
    /// Set by the last assessment of a check-in: the week whose check-in
    /// message is done with, ended in the same transaction.
    pub checkin_done: Option<String>,
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

/// Saves the dialog's next state and gives it a fresh lifetime, unless a
/// press that came first (in another process) changed it since it was
/// loaded: then the press is refused and nothing changes.
pub fn save(
    press: &mut Press<'_>,
    stored: &Stored,
    state: &impl DialogKind,
) -> Result<(), AppError> {
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

/// The kind a stored dialog is of. A press then reads the state itself,
/// and an assessment's state is large, so the kind is read where `encode`
/// writes it, first, without parsing the rest; a state written otherwise
/// is parsed in full, keeping only the tag.
pub fn kind_of(row: &DialogRow) -> Result<String, AppError> {
    if let Some(rest) = row.state.strip_prefix(r#"{"kind":""#)
        && let Some((kind, _)) = rest.split_once('"')
        && !kind.contains('\\')
    {
        return Ok(kind.to_string());
    }
    #[derive(serde::Deserialize)]
    struct Tag {
        kind: String,
    }
    serde_json::from_str::<Tag>(&row.state)
        .map(|t| t.kind)
        .map_err(|e| AppError::caused(format!("dialog {} has unreadable state", row.id), e))
}

/// A stored dialog as a state of kind `S`; `None` when it is of another.
pub fn read<S: DialogKind>(row: &DialogRow) -> Result<Option<S>, AppError> {
    if kind_of(row)? != S::KIND {
        return Ok(None);
    }
    read_as(row).map(Some)
}

/// A stored dialog's fields as a state of kind `S` (its tag is one more
/// field, which the state's type ignores).
pub fn read_as<S: DialogKind>(row: &DialogRow) -> Result<S, AppError> {
    serde_json::from_str(&row.state)
        .map_err(|e| AppError::caused(format!("dialog {} has unreadable state", row.id), e))
}

/// A state as stored: its kind, then its fields.
pub fn to_json<S: DialogKind>(state: &S) -> Result<String, AppError> {
    encode(state).map_err(|e| AppError::caused("cannot save a dialog", e))
}

/// As `to_json`, for work on the store alone.
pub fn encode<S: DialogKind>(state: &S) -> Result<String, serde_json::Error> {
    #[derive(Serialize)]
    struct Tagged<'a, S> {
        kind: &'static str,
        #[serde(flatten)]
        state: &'a S,
    }
    let tagged = Tagged {
        kind: S::KIND,
        state,
    };
    serde_json::to_string(&tagged)
}
