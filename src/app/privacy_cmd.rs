//! /privacy export | delete: a member's own data.

use super::commands::CommandArgs;
use super::component_id::DialogAction;
use super::dialogs::{self, DialogState, Input, Press, Stored};
use super::reply::{Attachment, Style};
use super::spec::{CommandSpec, Options};
use super::{AppError, AppResult, Ctx, Reply};
use crate::msg;
use crate::store::Holdings;
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
        let (profile, history, given, checkins) = cx
            .write_long(move |s| {
                let found = (
                    s.member_profile(me)?,
                    s.history(me, None)?,
                    s.ratings_given(me)?,
                    s.member_checkins(me)?,
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
            "check_ins": checkins.iter().map(|c| json!({
                "week": c.week,
                "due_at": c.due_at.to_rfc3339(),
                "delivery": c.status,
                "reason": c.reason,
                "sent_at": c.sent_at.map(|t| t.to_rfc3339()),
                "reminder": c.reminder,
                "answer": c.answer,
                "answered_at": c.answered_at.map(|t| t.to_rfc3339()),
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

/// What a deletion keeps of this member's, without their name; empty when
/// it keeps nothing.
fn kept(h: &Holdings) -> String {
    let mut parts = Vec::new();
    if h.ratings_given > 0 {
        parts.push(format!(
            "the {} you gave others as a lead (they are part of their history)",
            super::count(h.ratings_given, "rating")
        ));
    }
    if h.audit_entries > 0 {
        parts.push(format!(
            "the record of the {} you pulled as a lead (the team's audit trail)",
            super::count(h.audit_entries, "report")
        ));
    }
    if h.own_exports > 0 {
        parts.push(format!(
            "the record that you exported your own data ({}), without your name",
            if h.own_exports == 1 {
                "once".to_string()
            } else {
                format!("{} times", h.own_exports)
            }
        ));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("\nKept, without your name: {}.", parts.join(", and "))
    }
}

pub struct Delete;

impl CommandArgs for Delete {
    const SPEC: CommandSpec =
        CommandSpec::new("privacy delete", "Delete all your data (asks to confirm)");

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(Delete)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let holdings = match cx.known_me().await? {
            Some(me) => cx.read(move |s| s.holdings(me)).await?,
            None => Holdings::default(),
        };
        let id = dialogs::start(cx, "@privacy-delete", "", &DialogState::PrivacyDelete).await?;
        Ok(delete_view(&id, Some(&holdings)))
    }
}

/// The question, with its buttons; it names what the member has when that
/// is known.
pub fn delete_view(id: &str, holdings: Option<&Holdings>) -> Reply {
    let text = match holdings {
        None => "This deletes your profile and everything recorded for you in this server. It cannot be undone.".to_string(),
        Some(h) => {
            let mut what = vec!["your profile".to_string()];
            if h.levels > 0 {
                what.push(format!("your {}", super::count(h.levels, "recorded level")));
            }
            if h.dialogs > 0 {
                what.push("your unfinished dialogs".into());
            }
            if h.check_ins > 0 {
                what.push("your weekly check-in log".into());
            }
            let list = match what.as_slice() {
                [one] => one.clone(),
                [init @ .., last] => format!("{} and {last}", init.join(", ")),
                [] => String::new(),
            };
            format!(
                "This deletes {list} in this server. It cannot be undone.{}",
                kept(h)
            )
        }
    };
    let question = Reply::titled("Delete all your data?", text);
    dialogs::confirm_or_cancel(question, id, "Delete my data", Style::Danger).private()
}

/// "Delete my data" on the question.
pub fn on_action(press: &mut Press<'_>, _stored: Stored, input: Input) -> AppResult {
    if input.action != DialogAction::Confirm {
        return Err(AppError::User(msg!("delete-confirm-or-cancel")));
    }
    let holdings = press.store.holdings(press.me)?;
    press.store.delete_member(press.me)?;
    press.deleted_data = true;
    Ok(Reply::text(format!(
        "Deleted all your skillbot data in this server.{}",
        kept(&holdings)
    ))
    .private()
    .updating())
}
