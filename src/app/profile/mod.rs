//! /profile and /config lead-role.

use crate::app::checkin;
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx};
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options, RoleName};
use crate::app::protocol::{Reply, RoleRef, markup};
use crate::i18n::Locale;
use crate::store::{Member, WorkspaceSettings};
use crate::{msg, tr};
use chrono_tz::Tz;

const ROLE: Opt<RoleName> = Opt::optional("role");
const TIMEZONE: Opt<Tz> = Opt::optional("timezone");
const CHECKIN: Opt<bool> = Opt::optional("checkin");
const PROFILE_OPTIONS: &[OptionSpec] = &[ROLE.spec(), TIMEZONE.spec(), CHECKIN.spec()];

pub struct Profile {
    role: Option<String>,
    timezone: Option<Tz>,
    checkin: Option<bool>,
}

impl CommandArgs for Profile {
    const SPEC: CommandSpec = CommandSpec::new("profile").options(PROFILE_OPTIONS);

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Profile {
            role: o.get(&ROLE)?.map(|r| r.0),
            timezone: o.get(&TIMEZONE)?,
            checkin: o.get(&CHECKIN)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let role = self
            .role
            .as_deref()
            .map(|r| cx.catalog.find_role(r).map(str::to_string))
            .transpose()?;
        let changing = role.is_some() || self.timezone.is_some() || self.checkin.is_some();
        let now = cx.now;
        let (profile, settings, plan) = if changing {
            let me = cx.me().await?;
            let workspace = cx.workspace().await?;
            let zone = self.timezone.map(|tz| tz.name().to_string());
            let checkin = self.checkin;
            cx.write(move |s| {
                let mut profile = s.member_profile(me)?;
                if let Some(role) = role {
                    profile.role = Some(role);
                }
                if let Some(zone) = zone {
                    profile.time_zone = Some(zone);
                    // The next check-in follows the new zone.
                    profile.next_prompt_at = None;
                }
                if let Some(on) = checkin {
                    profile.weekly_opt_in = on;
                    profile.next_prompt_at = None;
                    if on {
                        profile.snoozed_until = None;
                    }
                }
                s.update_member(&profile)?;
                let settings = s.workspace_settings(workspace)?;
                let plan = checkin::commands::planned(s, now, &profile, &settings)?;
                Ok((Some(profile), settings, Some(plan)))
            })
            .await?
        } else {
            let me = cx.known_me().await?;
            let workspace = cx.known_workspace();
            cx.read(move |s| {
                let profile = me.map(|m| s.member_profile(m)).transpose()?;
                let settings = match workspace {
                    Some(w) => s.workspace_settings(w)?,
                    None => WorkspaceSettings::default(),
                };
                let plan = profile
                    .as_ref()
                    .map(|p| checkin::commands::planned(s, now, p, &settings))
                    .transpose()?;
                Ok((profile, settings, plan))
            })
            .await?
        };
        let title = if changing {
            tr!(cx, "profile-saved")
        } else {
            tr!(cx, "profile-yours")
        };
        let checkin = match &plan {
            Some(plan) => checkin::commands::planned_text(
                plan,
                now,
                profile.as_ref().and_then(|p| p.snoozed_until),
            ),
            None => msg!("profile-checkin-not-yet"),
        };
        Ok(
            profile_view(cx.actor.locale, title, profile.as_ref(), &settings)
                .field(
                    tr!(cx, "profile-field-checkin"),
                    checkin.render(cx.actor.locale),
                )
                .private(),
        )
    }
}

fn profile_view(
    r: Locale,
    title: String,
    profile: Option<&Member>,
    settings: &WorkspaceSettings,
) -> Reply {
    let role = profile.and_then(|p| p.role.clone());
    let zone = profile.and_then(|p| p.time_zone.clone()).or_else(|| {
        let from_platform = profile.and_then(|p| p.platform_zone.as_deref())?;
        Some(tr!(r, "profile-zone-from-platform", zone = from_platform))
    });
    Reply::titled(title, "")
        .field(
            tr!(r, "profile-field-role"),
            role.unwrap_or_else(|| tr!(r, "profile-role-not-set")),
        )
        .field(
            tr!(r, "profile-field-zone"),
            zone.unwrap_or_else(|| tr!(r, "profile-zone-not-set", zone = &settings.time_zone)),
        )
}

const LEAD_ROLE: Opt<RoleRef> = Opt::optional("role");
const LEAD_ROLE_OPTIONS: &[OptionSpec] = &[LEAD_ROLE.spec()];

pub struct LeadRole {
    role: Option<RoleRef>,
}

impl CommandArgs for LeadRole {
    const SPEC: CommandSpec = CommandSpec::new("config lead-role")
        .options(LEAD_ROLE_OPTIONS)
        .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(LeadRole {
            role: o.get(&LEAD_ROLE)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let Some(role) = self.role else {
            return current_lead_role(cx).await;
        };
        if role.id.trim().is_empty() {
            return Err(AppError::User(msg!("lead-role-none")));
        }
        let workspace = cx.workspace().await?;
        let (id, name) = (role.id.clone(), role.name.clone());
        cx.write(move |s| {
            let mut settings = s.workspace_settings(workspace)?;
            settings.lead_role = Some(id);
            settings.lead_role_name = Some(name);
            s.set_workspace_settings(workspace, &settings)
        })
        .await?;
        Ok(Reply::text(tr!(
            cx,
            "lead-role-set",
            role = markup::role(&role.id, &role.name)
        ))
        .private())
    }
}

/// The lead role as it is set, and how to change it.
async fn current_lead_role(cx: &Ctx<'_>) -> AppResult {
    let settings = match cx.known_workspace() {
        Some(w) => cx.read(move |s| s.workspace_settings(w)).await?,
        None => WorkspaceSettings::default(),
    };
    let text = match &settings.lead_role {
        Some(id) => tr!(
            cx,
            "lead-role-current",
            role = markup::role(id, settings.lead_role_name.as_deref().unwrap_or(id))
        ),
        None => tr!(cx, "lead-role-unset"),
    };
    Ok(Reply::text(text).private())
}
