//! Every kind of dialog, listed once, and the one place that routes a
//! press to its kind: the checks every press goes through (its owner, its
//! step, the rights it needs) come first.
//!
//! A new kind of dialog: a state type implementing `DialogKind` in the
//! folder of its feature (what it shows, what a press does, what Cancel
//! says, whether its messages carry steps, whose rights it needs) and a
//! line in `kinds!` below. Leaving any part out does not compile.

use super::core::dialog::{DialogKind, Input, Press, Showing, Stored, kind_of, read_as};
use super::core::{AppError, AppResult, Ctx};
use super::protocol::component_id::DialogAction;
use super::protocol::{Action, Actor, Reply};
use super::{assess, checkin, matrix, pick, privacy, targets, team};
use crate::i18n::Msg;
use crate::store::{DialogRow, Store};
use crate::team::{MemberId, WorkspaceId};
use crate::{msg, tr};
use chrono::{DateTime, Utc};

/// Makes `DialogState` of the kinds listed, and its routing to each.
macro_rules! kinds {
    ($($(#[$doc:meta])* $variant:ident($state:ty),)+) => {
        /// A stored dialog, of whichever kind it is.
        #[derive(Debug)]
        #[allow(
            clippy::large_enum_variant,
            reason = "one lives for one press at a time; boxing buys nothing"
        )]
        pub enum DialogState {
            $($(#[$doc])* $variant($state),)+
        }

        /// Every kind's stored name, in the order listed.
        #[cfg(test)]
        const KINDS: &[&str] = &[$(<$state as DialogKind>::KIND,)+];

        impl DialogState {
            /// A stored dialog as the state of its kind.
            pub fn from_row(row: &DialogRow) -> Result<DialogState, AppError> {
                let kind = kind_of(row)?;
                $(
                    if kind == <$state as DialogKind>::KIND {
                        return Ok(DialogState::$variant(read_as(row)?));
                    }
                )+
                Err(AppError::Internal {
                    what: format!("dialog {} is of no kind known: {kind:?}", row.id),
                    cause: None,
                })
            }

            fn lead_only(&self) -> Option<&'static str> {
                match self { $(DialogState::$variant(k) => k.lead_only(),)+ }
            }

            fn has_steps(&self) -> bool {
                match self { $(DialogState::$variant(k) => k.has_steps(),)+ }
            }

            fn expired(&self) -> Msg {
                match self { $(DialogState::$variant(k) => k.expired(),)+ }
            }

            fn cancelled(&self, press: &Press<'_>) -> String {
                match self { $(DialogState::$variant(k) => k.cancelled(press),)+ }
            }

            /// Its current message: see `DialogKind::current`.
            fn current(&self, at: &Showing<'_>) -> Result<Option<Reply>, AppError> {
                match self { $(DialogState::$variant(k) => k.current(at),)+ }
            }

            fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
                match self { $(DialogState::$variant(k) => k.on_press(press, stored, input),)+ }
            }
        }
    };
}

kinds! {
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
    let state = DialogState::from_row(&row)?;
    if row.expires_at < now {
        return Err(AppError::User(state.expired()));
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

/// A press on any stored dialog, handed to its kind: one trip to the
/// database.
pub async fn on_action(cx: &mut Ctx<'_>, id: &str, input: Input) -> AppResult {
    let (catalog, actor, now, id, workspace, ids) = (
        cx.catalog.clone(),
        cx.actor.clone(),
        cx.now,
        id.to_string(),
        cx.known_workspace(),
        std::sync::Arc::clone(cx.app.ids()),
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
                checkin_done: None,
            };
            let mut result = route(&mut press, stored, state, input);
            if result.is_ok()
                && let Some(week) = press.checkin_done.take()
                && let Err(e) = checkin::week_done(press.store, me, &week, now)
            {
                result = Err(e);
            }
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
    let state = DialogState::from_row(&row)?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::core::dialog::to_json;

    fn row(state: &str) -> DialogRow {
        let expires = DateTime::<Utc>::from_timestamp(0, 0).unwrap();
        DialogRow::new(
            "d1".into(),
            MemberId(1),
            "@privacy",
            state.into(),
            "",
            expires,
            None,
        )
    }

    /// The released version stored "delete my data" as a kind with no
    /// fields; it reads back, and is written the same way.
    #[test]
    fn a_stored_delete_question_reads_back_in_its_released_form() {
        let released = r#"{"kind":"privacy_delete"}"#;
        let state = DialogState::from_row(&row(released)).unwrap();
        assert!(matches!(state, DialogState::PrivacyDelete(_)));
        assert_eq!(to_json(&privacy::DeleteState {}).unwrap(), released);
    }

    #[test]
    fn every_kind_has_a_stored_name_of_its_own() {
        let mut names = KINDS.to_vec();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), KINDS.len(), "{KINDS:?}");
    }

    /// The kind is read where `encode` writes it, and in full anywhere
    /// else in the state, however it is spaced or escaped.
    #[test]
    fn a_stored_kind_is_read_first_or_in_full() {
        use crate::app::core::dialog::kind_of;
        for (state, kind) in [
            (r#"{"kind":"privacy_delete"}"#, "privacy_delete"),
            (r#"{ "kind" : "privacy_delete" }"#, "privacy_delete"),
            (r#"{"step":2,"kind":"assess"}"#, "assess"),
            (r#"{"kind":"a\u0073sess","step":2}"#, "assess"),
        ] {
            assert_eq!(kind_of(&row(state)).unwrap(), kind, "{state}");
        }
        assert!(kind_of(&row(r#"{"kind":"assess"#)).is_err(), "cut short");
        assert!(kind_of(&row(r#"{"step":2}"#)).is_err());
        assert!(matches!(
            DialogState::from_row(&row(r#"{"kind":"privacy_delete"}"#)),
            Ok(DialogState::PrivacyDelete(_))
        ));
    }

    #[test]
    fn a_dialog_of_no_known_kind_is_an_error_not_a_panic() {
        assert!(DialogState::from_row(&row(r#"{"kind":"gone"}"#)).is_err());
        assert!(DialogState::from_row(&row("not json")).is_err());
    }
}
