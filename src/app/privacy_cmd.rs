//! /privacy export | delete: a member's own data.

use super::commands::CommandArgs;
use super::component_id::{ComponentId, DialogAction};
use super::dialogs::{self, DialogState, Input, Press, Stored};
use super::reply::{Attachment, Style};
use super::spec::{CommandSpec, Options};
use super::{AppError, AppResult, Ctx, Reply};
use serde_json::json;

pub struct Export;

impl CommandArgs for Export {
    const SPEC: CommandSpec =
        CommandSpec::new("privacy export", "Download all your data as JSON").slow();

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(Export)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let me = cx.me().await?;
        let workspace = cx.workspace().await?;
        let now = cx.now;
        // All of a member's history: long enough to keep off the workers.
        let (profile, history, given) = cx
            .write_long(move |s| {
                let found = (
                    s.member_profile(me)?,
                    s.history(me, None)?,
                    s.ratings_given(me)?,
                );
                s.audit(workspace, Some(me), "privacy export", "own data", now)?;
                Ok(found)
            })
            .await?;
        let data = json!({
            "exported_at": now.to_rfc3339(),
            "workspace": cx.actor.workspace_name,
            "member": {
                "user_id": profile.external_id,
                "display_name": profile.display_name,
                "role": profile.role,
                "time_zone": profile.time_zone,
                "weekly_check_in": profile.weekly_opt_in,
                "snoozed_until": profile.snoozed_until.map(|t| t.to_rfc3339()),
            },
            "assessments": history.iter().map(|e| json!({
                "at": e.at.to_rfc3339(),
                "skill": e.skill,
                "role": e.role,
                "level": e.level.map_or(0, |l| l.rank()),
                "level_name": e.level.map_or("below the first level", |l| l.name()),
                "source": e.source.as_str(),
                "rated_by_you": e.rated_by == Some(me),
                "answers": e.answers,
                "note": e.note,
                "matrix_hash": e.matrix_hash,
            })).collect::<Vec<_>>(),
            // A lead's ratings of others: theirs as much as the rated member's.
            "ratings_given": given.iter().map(|(e, member)| json!({
                "at": e.at.to_rfc3339(),
                "member": member,
                "skill": e.skill,
                "role": e.role,
                "level": e.level.map_or(0, |l| l.rank()),
                "level_name": e.level.map_or("below the first level", |l| l.name()),
                "answers": e.answers,
                "note": e.note,
            })).collect::<Vec<_>>(),
        });
        let bytes = serde_json::to_vec_pretty(&data)
            .map_err(|e| AppError::caused("cannot write the export", e))?;
        let mut reply = Reply::text(format!(
            "All your skillbot data in this server: your profile and {}.",
            super::count(history.len(), "recorded level")
        ))
        .private();
        reply.attachments.push(Attachment {
            name: format!("skillbot-data-{}.json", file_safe(&profile.display_name)),
            content_type: "application/json".into(),
            bytes,
        });
        Ok(reply)
    }
}

/// A name as a part of a file name: letters, digits, '-' and '_' only.
fn file_safe(name: &str) -> String {
    let safe: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    if safe.is_empty() {
        "member".into()
    } else {
        safe
    }
}

pub const KEPT_ON_DELETE: &str = "Kept, without your name: ratings you gave others as a lead (they are part of \
    their history) and the record that you pulled a report (the team's audit trail).";

pub struct Delete;

impl CommandArgs for Delete {
    const SPEC: CommandSpec =
        CommandSpec::new("privacy delete", "Delete all your data (asks to confirm)");

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(Delete)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let id = dialogs::start(cx, "@privacy-delete", "", &DialogState::PrivacyDelete).await?;
        Ok(delete_view(&id))
    }
}

/// The question, with its buttons.
pub fn delete_view(id: &str) -> Reply {
    Reply::titled(
        "Delete all your data?",
        format!(
            "This deletes your profile, every level recorded for you, your unfinished dialogs and your weekly \
             check-in log in this server. It cannot be undone.\n{KEPT_ON_DELETE}"
        ),
    )
    .button(
        ComponentId::dialog(id, DialogAction::Confirm),
        "Delete my data",
        Style::Danger,
    )
    .button(
        ComponentId::dialog(id, DialogAction::Cancel),
        "Cancel",
        Style::Secondary,
    )
    .private()
}

/// "Delete my data" on the question.
pub fn on_action(press: &mut Press<'_>, _stored: Stored, input: Input) -> AppResult {
    if input.action != DialogAction::Confirm {
        return Err(AppError::User("Use the Delete or Cancel button.".into()));
    }
    press.store.delete_member(press.me)?;
    press.deleted_data = true;
    Ok(Reply::text(format!(
        "Deleted all your skillbot data in this server. {KEPT_ON_DELETE}"
    ))
    .private()
    .updating())
}
