//! /privacy export | delete: a member's own data.

use super::component_id::ComponentId;
use super::dialog_state::{self, DialogState};
use super::reply::{Attachment, Style};
use super::{AppError, AppResult, Ctx, Reply};
use crate::store::DialogRow;
use serde_json::json;

pub fn export(cx: &mut Ctx<'_>) -> AppResult {
    let me = cx.member()?;
    let profile = cx.store.member_profile(me)?;
    let history = cx.store.history(me, None)?;
    let data = json!({
        "exported_at": cx.now.to_rfc3339(),
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
    });
    let bytes = serde_json::to_vec_pretty(&data).map_err(|e| AppError::Internal(e.to_string()))?;
    cx.store
        .audit(cx.workspace, Some(me), "privacy export", "own data", cx.now)?;
    let mut reply = Reply::text(format!(
        "All your skillbot data in this server: your profile and {}.",
        super::count(history.len(), "recorded level")
    ))
    .private();
    reply.attachments.push(Attachment {
        name: "skillbot-my-data.json".into(),
        content_type: "application/json".into(),
        bytes,
    });
    Ok(reply)
}

pub const KEPT_ON_DELETE: &str = "Kept, without your name: ratings you gave others as a lead (they are part of \
    their history) and the record that you pulled a report (the team's audit trail).";

pub fn ask_delete(cx: &mut Ctx<'_>) -> AppResult {
    let id = dialog_state::start(cx, "@privacy-delete", "", &DialogState::PrivacyDelete)?;
    Ok(Reply::titled(
        "Delete all your data?",
        format!(
            "This deletes your profile, every level recorded for you, your unfinished dialogs and your weekly \
             check-in log in this server. It cannot be undone.\n{KEPT_ON_DELETE}"
        ),
    )
    .button(ComponentId::dialog(&id, "confirm"), "Delete my data", Style::Danger)
    .button(ComponentId::dialog(&id, "cancel"), "Cancel", Style::Secondary)
    .private())
}

pub fn confirm_delete(cx: &mut Ctx<'_>, _row: &DialogRow, action: &str) -> AppResult {
    if action != "confirm" {
        return Err(AppError::User("Use the Delete or Cancel button.".into()));
    }
    let me = cx.member()?;
    cx.store.delete_member(me)?;
    Ok(Reply::text(format!(
        "Deleted all your skillbot data in this server. {KEPT_ON_DELETE}"
    ))
    .private()
    .updating())
}
