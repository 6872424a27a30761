//! /targets: the level each role is expected to hold in a skill, set one
//! at a time or imported from a CSV (previewed before Confirm); and
//! /config stale-after, the age at which reports call a rating stale.

mod import;

pub use import::{Import, ImportState};

use crate::app::core::{AppError, AppResult, CommandArgs, Ctx};
use crate::app::protocol::Reply;
use crate::app::protocol::spec::{CommandSpec, Opt, OptionSpec, Options, RoleName, SkillName};
use crate::matrix::{Catalog, Level};
use crate::store::Target;
use crate::{msg, tr};

const ROLE: Opt<RoleName> = Opt::required("role");
const SKILL: Opt<SkillName> = Opt::required("skill");
const LEVEL: Opt<Level> = Opt::required("level");
const SET_OPTIONS: &[OptionSpec] = &[ROLE.spec(), SKILL.spec(), LEVEL.spec()];
const REMOVE_OPTIONS: &[OptionSpec] = &[ROLE.spec(), SKILL.spec()];

/// A target as typed, checked against the matrix: the role has
/// expectations in the skill, and the skill has the level.
fn checked(
    catalog: &Catalog,
    role: &str,
    skill: &str,
    level: Option<Level>,
) -> Result<(String, String, Option<Level>), AppError> {
    let skill = catalog.find_skill(skill)?;
    let role = catalog.find_role(role)?.to_string();
    if !skill.roles().contains(&role) {
        return Err(AppError::User(msg!(
            "targets-role-not-in-skill",
            skill = skill.name(),
            role = role,
            roles = crate::i18n::list(skill.roles())
        )));
    }
    if let Some(l) = level.filter(|l| !skill.has_level(*l)) {
        return Err(AppError::User(msg!(
            "lookup-level-not-in-skill",
            skill = skill.name(),
            level = l.msg(),
            levels = crate::i18n::list(skill.levels().iter().map(|l| l.msg()))
        )));
    }
    Ok((role, skill.slug().to_string(), level))
}

pub struct Set {
    role: String,
    skill: String,
    level: Level,
}

impl CommandArgs for Set {
    const SPEC: CommandSpec = CommandSpec::new("targets set")
        .options(SET_OPTIONS)
        .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Set {
            role: o.need(&ROLE)?.0,
            skill: o.need(&SKILL)?.0,
            level: o.need(&LEVEL)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let (role, slug, _) = checked(&cx.catalog, &self.role, &self.skill, Some(self.level))?;
        let workspace = cx.workspace().await?;
        let me = cx.me().await?;
        let now = cx.now;
        let target = Target {
            role: role.clone(),
            skill: slug.clone(),
            level: self.level,
        };
        cx.write(move |s| s.set_target(workspace, &target, Some(me), now))
            .await?;
        let name = cx.catalog.get(&slug).map_or(slug.as_str(), |s| s.name());
        Ok(Reply::text(tr!(
            cx,
            "targets-set",
            role = role,
            level = self.level.msg(),
            skill = name
        ))
        .private())
    }
}

pub struct Remove {
    role: String,
    skill: String,
}

impl CommandArgs for Remove {
    const SPEC: CommandSpec = CommandSpec::new("targets remove")
        .options(REMOVE_OPTIONS)
        .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Remove {
            role: o.need(&ROLE)?.0,
            skill: o.need(&SKILL)?.0,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let role = cx.catalog.find_role(&self.role)?.to_string();
        // A target of a skill no longer in the matrix (kept by an older
        // version) is named by its slug, as /targets list shows it.
        let set = match cx.known_workspace() {
            Some(w) => cx.read(move |s| s.targets(w)).await?,
            None => Vec::new(),
        };
        let orphan = set.iter().find(|t| {
            t.role == role && t.skill == self.skill.trim() && cx.catalog.get(&t.skill).is_none()
        });
        let (slug, name) = match orphan {
            Some(t) => (
                t.skill.clone(),
                tr!(cx, "history-skill-gone", slug = &t.skill),
            ),
            None => {
                let skill = cx.find_skill(&self.skill)?;
                (skill.slug().to_string(), skill.name().to_string())
            }
        };
        let removed = match cx.known_workspace() {
            Some(w) => {
                let (role, slug) = (role.clone(), slug.clone());
                cx.write(move |s| s.remove_target(w, &role, &slug)).await?
            }
            None => false,
        };
        if !removed {
            return Err(AppError::User(msg!(
                "targets-none-to-remove",
                role = role,
                skill = name
            )));
        }
        Ok(Reply::text(tr!(cx, "targets-removed", role = role, skill = name)).private())
    }
}

pub struct List;

/// A role as typed in a command: its name, quoted when it has spaces.
fn typed_role(role: &str) -> String {
    if role.contains(' ') {
        format!("\"{role}\"")
    } else {
        role.to_string()
    }
}

impl CommandArgs for List {
    const SPEC: CommandSpec = CommandSpec::new("targets list").for_leads();

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(List)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let targets = match cx.known_workspace() {
            Some(w) => cx.read(move |s| s.targets(w)).await?,
            None => Vec::new(),
        };
        let mut reply = Reply::titled(tr!(cx, "targets-title"), "");
        if targets.is_empty() {
            reply.text = tr!(cx, "targets-none");
        }
        let mut roles: Vec<&str> = targets.iter().map(|t| t.role.as_str()).collect();
        roles.dedup();
        for role in roles {
            let lines: Vec<String> = targets
                .iter()
                .filter(|t| t.role == role)
                .map(|t| match cx.catalog.get(&t.skill) {
                    Some(skill) => tr!(
                        cx,
                        "targets-line",
                        skill = skill.name(),
                        level = t.level.msg()
                    ),
                    None => tr!(
                        cx,
                        "targets-line-gone",
                        slug = &t.skill,
                        level = t.level.msg(),
                        role = typed_role(role)
                    ),
                })
                .collect();
            reply = reply.field(role, lines.join("\n"));
        }
        Ok(reply.private())
    }
}

const DAYS: Opt<u32> = Opt::required("days");
const DAYS_OPTIONS: &[OptionSpec] = &[DAYS.spec()];

pub struct StaleAfter {
    days: u32,
}

impl CommandArgs for StaleAfter {
    const SPEC: CommandSpec = CommandSpec::new("config stale-after")
        .options(DAYS_OPTIONS)
        .for_leads();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(StaleAfter {
            days: o.need(&DAYS)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let Some(days) = u16::try_from(self.days)
            .ok()
            .filter(|d| (1..=3650).contains(d))
        else {
            return Err(AppError::User(msg!(
                "stale-days-out-of-range",
                days = self.days
            )));
        };
        let workspace = cx.workspace().await?;
        cx.write(move |s| {
            let mut settings = s.workspace_settings(workspace)?;
            settings.stale_days = days;
            s.set_workspace_settings(workspace, &settings)
        })
        .await?;
        Ok(Reply::text(tr!(cx, "stale-days-set", days = usize::from(days))).private())
    }
}
