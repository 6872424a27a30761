//! /privacy export | delete: a member's own data.

use crate::app::core::dialog::{Input, Press, Stored};
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx, dialog};
use crate::app::protocol::Reply;
use crate::app::protocol::component_id::DialogAction;
use crate::app::protocol::reply::{Attachment, Style};
use crate::app::protocol::spec::{CommandSpec, Options};
use crate::i18n::Locale;
use crate::store::Holdings;
use crate::{msg, tr};
use serde_json::json;

pub struct Export;

impl CommandArgs for Export {
    const SPEC: CommandSpec = CommandSpec::new("privacy export").slow();

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
                "platform_zone": profile.platform_zone,
                "weekly_check_in": profile.weekly_opt_in,
                "snoozed_until": profile.snoozed_until.map(|t| t.to_rfc3339()),
            },
            "assessments": history.iter().map(|e| json!({
                "at": e.at.to_rfc3339(),
                "skill": e.skill,
                "role": e.role,
                "level": e.level.map_or(0, |l| l.rank()),
                "level_name": e.level.map_or("below the first level", |l| l.name()), // not prose: the export's data, in English like the CSV
                "source": e.source.as_str(),
                "rated_by_you": e.rated_by == Some(me),
                "answers": e.answers,
                "note": e.note,
                "matrix_hash": e.matrix_hash,
            })).collect::<Vec<_>>(),
            "check_ins": checkins.iter().map(|c| json!({
                "week": c.week,
                "due_at": c.due_at.to_rfc3339(),
                "delivery": c.status.as_str(),
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
                "level_name": e.level.map_or("below the first level", |l| l.name()), // not prose: the export's data, in English like the CSV
                "answers": e.answers,
                "note": e.note,
            })).collect::<Vec<_>>(),
        });
        let bytes = serde_json::to_vec_pretty(&data)
            .map_err(|e| AppError::caused("cannot write the export", e))?;
        let mut reply = Reply::text(tr!(cx, "export-own", levels = history.len())).private();
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
fn kept(r: Locale, h: &Holdings) -> String {
    let mut parts = Vec::new();
    if h.ratings_given > 0 {
        parts.push(msg!("kept-ratings-given", count = h.ratings_given));
    }
    if h.audit_entries > 0 {
        parts.push(msg!("kept-audit", count = h.audit_entries));
    }
    if h.own_exports > 0 {
        parts.push(msg!("kept-own-exports", count = h.own_exports));
    }
    if parts.is_empty() {
        String::new()
    } else {
        tr!(r, "kept-without-name", parts = crate::i18n::and_list(parts))
    }
}

pub struct Delete;

impl CommandArgs for Delete {
    const SPEC: CommandSpec = CommandSpec::new("privacy delete");

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(Delete)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let holdings = match cx.known_me().await? {
            Some(me) => cx.read(move |s| s.holdings(me)).await?,
            None => Holdings::default(),
        };
        let id = dialog::start(cx, "@privacy-delete", "", &DeleteState {}).await?;
        Ok(delete_view(cx.actor.locale, &id, Some(&holdings)))
    }
}

/// The question, with its buttons; it names what the member has when that
/// is known.
pub fn delete_view(r: Locale, id: &str, holdings: Option<&Holdings>) -> Reply {
    let text = match holdings {
        None => tr!(r, "delete-question-plain"),
        Some(h) => {
            let mut what = vec![msg!("delete-what-profile")];
            if h.levels > 0 {
                what.push(msg!("delete-what-levels", count = h.levels));
            }
            if h.dialogs > 0 {
                what.push(msg!("delete-what-dialogs"));
            }
            if h.check_ins > 0 {
                what.push(msg!("delete-what-checkins"));
            }
            let mut text = tr!(r, "delete-question", what = crate::i18n::and_list(what));
            text.push_str(&kept(r, h));
            text
        }
    };
    let question = Reply::titled(tr!(r, "delete-title"), text);
    dialog::confirm_or_cancel(r, question, id, tr!(r, "delete-button"), Style::Danger).private()
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
        "{}{}",
        tr!(press, "delete-done"),
        kept(press.actor.locale, &holdings)
    ))
    .private()
    .updating())
}

/// "Delete my data" asked, waiting for the answer: nothing to keep but the
/// question.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct DeleteState {}

impl dialog::DialogKind for DeleteState {
    const KIND: &'static str = "privacy_delete";

    fn lead_only(&self) -> Option<&'static str> {
        None
    }

    fn has_steps(&self) -> bool {
        false
    }

    fn cancelled(&self, press: &Press<'_>) -> String {
        tr!(press, "cancelled-delete")
    }

    fn current(&self, at: &dialog::Showing<'_>) -> Result<Option<Reply>, AppError> {
        Ok(Some(delete_view(at.locale, &at.row.id, None)))
    }

    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
        on_action(press, stored, input)
    }
}
