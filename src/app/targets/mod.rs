//! /targets: the level each role is expected to hold in a skill, set one
//! at a time or imported from a CSV (previewed before Confirm); and
//! /config stale-after, the age at which reports call a rating stale.

use super::commands::CommandArgs;
use super::component_id::DialogAction;
use super::dialogs::{self, DialogState, Input, Press, Stored};
use super::reply::Style;
use super::request::Upload;
use super::spec::{CommandSpec, Document, Opt, OptionSpec, Options, RoleName, SkillName};
use super::{AppError, AppResult, Ctx, Reply};
use crate::i18n::Locale;
use crate::matrix::{Catalog, Level, find_level};
use crate::store::Target;
use crate::{msg, tr};
use serde::{Deserialize, Serialize};

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

const FILE: Opt<Upload> = Opt::optional("file");
const TEXT: Opt<Document> = Opt::optional("text");
const IMPORT_OPTIONS: &[OptionSpec] = &[FILE.spec(), TEXT.spec()];

pub struct Import {
    file: Option<Upload>,
    text: Option<String>,
}

/// Targets read from a CSV, waiting for "Confirm".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportState {
    /// Role, skill slug and level rank.
    pub targets: Vec<(String, String, u8)>,
}

/// The most lines a targets CSV may have.
const MOST_LINES: usize = 2_000;

impl CommandArgs for Import {
    const SPEC: CommandSpec = CommandSpec::new("targets import")
        .options(IMPORT_OPTIONS)
        .for_leads()
        .slow();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Import {
            file: o.get(&FILE)?,
            text: o.get(&TEXT)?.map(|d| d.0),
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let text = match (self.file, self.text) {
            (Some(file), None) => String::from_utf8(file.bytes)
                .map_err(|_| AppError::User(msg!("targets-not-text", file = &file.name)))?,
            (None, Some(text)) => text,
            _ => {
                return Err(AppError::User(msg!("targets-csv-none")));
            }
        };
        let targets = parse_csv(&cx.catalog, &text)?;
        let preview = preview(cx.actor.locale, &cx.catalog, &targets);
        let state = ImportState {
            targets: targets
                .iter()
                .map(|(r, s, l)| (r.clone(), s.clone(), l.rank()))
                .collect(),
        };
        let id = dialogs::start(cx, "@targets", "", &DialogState::TargetsImport(state)).await?;
        let question = Reply::titled(tr!(cx, "targets-import-title"), preview);
        Ok(dialogs::confirm_or_cancel(
            cx.actor.locale,
            question,
            &id,
            tr!(cx, "button-confirm"),
            Style::Success,
        )
        .private())
    }
}

/// The separator of a CSV as spreadsheets write it: a comma, or the
/// semicolon of German and French ones, or a tab, whichever its first line
/// has (and the comma when it has none).
fn separator_of(text: &str) -> u8 {
    let first = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or_default();
    let count = |c: char| first.matches(c).count();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|&b| (count(char::from(b)), b == b','))
        .unwrap_or(b',')
}

/// Lines of role, skill, level (a header line is skipped), each checked;
/// every bad line is named, with its number, and nothing is taken.
fn parse_csv(catalog: &Catalog, text: &str) -> Result<Vec<(String, String, Level)>, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator_of(text))
        .has_headers(false)
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let mut targets: Vec<(String, String, Level)> = Vec::new();
    let mut problems = Vec::new();
    for (i, record) in reader.records().enumerate() {
        if i >= MOST_LINES {
            return Err(AppError::User(msg!(
                "targets-csv-too-long",
                most = MOST_LINES
            )));
        }
        // The line of the file where the record starts: a quoted cell may
        // hold line breaks, so records and lines need not agree.
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(i as u64 + 1, csv::Position::line);
                problems.push(msg!(
                    "targets-csv-line",
                    line = line,
                    problem = e.to_string()
                ));
                continue;
            }
        };
        let line = record.position().map_or(i as u64 + 1, csv::Position::line);
        let cells: Vec<&str> = record.iter().collect();
        if cells.iter().all(|c| c.is_empty()) {
            continue;
        }
        if line == 1
            && cells
                .first()
                .is_some_and(|c| c.eq_ignore_ascii_case("role"))
        {
            continue;
        }
        let [role, skill, level] = cells.as_slice() else {
            problems.push(msg!(
                "targets-csv-line",
                line = line,
                problem = msg!("targets-csv-cells", count = cells.len())
            ));
            continue;
        };
        let result = find_level(level)
            .map_err(AppError::from)
            .and_then(|l| checked(catalog, role, skill, Some(l)));
        match result {
            Ok((role, slug, Some(level))) => {
                targets.retain(|(r, s, _)| !(r == &role && s == &slug));
                targets.push((role, slug, level));
            }
            Ok(_) => {}
            Err(e) => problems.push(msg!("targets-csv-line", line = line, problem = e.message())),
        }
    }
    if !problems.is_empty() {
        let count = problems.len();
        problems.truncate(10);
        return Err(AppError::User(msg!(
            "targets-csv-faults",
            count = count,
            lines = crate::i18n::lines(problems)
        )));
    }
    if targets.is_empty() {
        return Err(AppError::User(msg!("targets-csv-empty")));
    }
    Ok(targets)
}

fn preview(r: Locale, catalog: &Catalog, targets: &[(String, String, Level)]) -> String {
    let lines: Vec<String> = targets
        .iter()
        .take(30)
        .map(|(role, slug, level)| {
            let name = catalog.get(slug).map_or(slug.as_str(), |s| s.name());
            tr!(
                r,
                "targets-preview-line",
                role = role,
                skill = name,
                level = level.msg()
            )
        })
        .collect();
    let more = targets.len().saturating_sub(30);
    let mut text = tr!(r, "targets-preview", count = targets.len());
    text.push('\n');
    text.push_str(&lines.join("\n"));
    if more > 0 {
        text.push('\n');
        text.push_str(&tr!(r, "targets-preview-more", count = more));
    }
    text
}

/// "Confirm" on an import preview.
pub fn on_import(
    press: &mut Press<'_>,
    stored: Stored,
    state: ImportState,
    input: Input,
) -> AppResult {
    if input.action != DialogAction::Confirm {
        return Err(AppError::User(msg!("import-confirm-or-cancel")));
    }
    // The matrix may have changed since the preview (a skill removed, a
    // role gone from it): every target is checked again, and one that no
    // longer fits stops the whole import.
    let mut targets = Vec::new();
    let mut gone = Vec::new();
    for (role, skill, rank) in &state.targets {
        let level = Level::from_rank(*rank);
        match checked(press.catalog, role, skill, level) {
            Ok((role, skill, Some(level))) => targets.push(Target { role, skill, level }),
            Ok(_) => gone.push(msg!(
                "targets-gone-line",
                role = role,
                skill = skill,
                problem = msg!("targets-no-such-level")
            )),
            Err(e) => gone.push(msg!(
                "targets-gone-line",
                role = role,
                skill = skill,
                problem = e.message()
            )),
        }
    }
    if !gone.is_empty() {
        press.store.end_dialog(&stored.row.id)?;
        return Err(AppError::User(msg!(
            "targets-matrix-changed",
            lines = crate::i18n::lines(gone)
        )));
    }
    press
        .store
        .set_targets(press.workspace, &targets, Some(press.me), press.now)?;
    press.store.end_dialog(&stored.row.id)?;
    Ok(
        Reply::text(tr!(press, "targets-imported", count = targets.len()))
            .private()
            .updating(),
    )
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

impl dialogs::DialogKind for ImportState {
    fn lead_only(&self) -> Option<&'static str> {
        Some("targets import")
    }

    fn has_steps(&self) -> bool {
        false
    }

    fn cancelled(&self, press: &Press<'_>) -> String {
        tr!(press, "cancelled-targets")
    }

    /// Offered again by running the command again.
    fn current(&self, _: &dialogs::Showing<'_>) -> Result<Option<Reply>, AppError> {
        Ok(None)
    }

    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
        on_import(press, stored, self, input)
    }
}
