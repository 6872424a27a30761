//! /profile and /config lead-role.

use super::spec::Options;
use super::{AppError, AppResult, Ctx, Reply};
use crate::schedule::parse_time_zone;

pub fn profile(cx: &mut Ctx<'_>, o: &Options<'_>) -> AppResult {
    let member = cx.member()?;
    let mut profile = cx.store.member_profile(member)?;
    let mut changed = Vec::new();
    if let Some(input) = o.text("role") {
        let role = cx.catalog.find_role(input)?;
        profile.role = Some(role.to_string());
        changed.push(format!("role: {role}"));
    }
    if let Some(input) = o.text("timezone") {
        let tz = parse_time_zone(input).map_err(AppError::User)?;
        profile.time_zone = Some(tz.name().to_string());
        changed.push(format!("time zone: {}", tz.name()));
    }
    if !changed.is_empty() {
        cx.store.update_member(&profile)?;
    }
    let settings = cx.store.workspace_settings(cx.workspace)?;
    let title = if changed.is_empty() {
        "Your profile"
    } else {
        "Profile saved"
    };
    let reply = Reply::titled(title, "")
        .field(
            "Role",
            profile
                .role
                .clone()
                .unwrap_or_else(|| "not set: /profile role:<your role>".into()),
        )
        .field(
            "Time zone",
            profile.time_zone.clone().unwrap_or_else(|| {
                format!(
                    "the server's ({}); set yours with /profile timezone:<zone>",
                    settings.time_zone
                )
            }),
        )
        .field(
            "Weekly check-in",
            if profile.weekly_opt_in { "on" } else { "off" },
        );
    Ok(reply.private())
}

pub fn lead_role(cx: &mut Ctx<'_>, o: &Options<'_>) -> AppResult {
    let role = o.text("role").unwrap_or_default().trim();
    if role.is_empty() {
        return Err(AppError::User(
            "Name the role whose members are leads: /config lead-role <role>.".into(),
        ));
    }
    let mut settings = cx.store.workspace_settings(cx.workspace)?;
    settings.lead_role = Some(role.to_string());
    cx.store.set_workspace_settings(cx.workspace, &settings)?;
    Ok(Reply::text(format!(
        "Members with the role {role} now count as team leads here (administrators always do)."
    ))
    .private())
}
