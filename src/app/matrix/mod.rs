//! /matrix list | import | reload, for leads.

mod reload;
mod remove;

pub use reload::Reload;
pub use remove::{Remove, RemoveState};

use crate::app::core::dialog::{Input, Press, Stored};
use crate::app::core::{AppError, AppResult, CommandArgs, Ctx, dialog};
use crate::app::protocol::component_id::DialogAction;
use crate::app::protocol::reply::Style;
use crate::app::protocol::spec::{CommandSpec, Document, Opt, OptionSpec, Options};
use crate::app::protocol::{Reply, Upload};
use crate::i18n::{Locale, Msg};
use crate::matrix::{
    ImportOptions, Skill, default_slug, import_page, is_valid_slug, parse_skill_toml,
    to_checked_toml,
};
use crate::{msg, tr};
use serde::{Deserialize, Serialize};
use std::path::Path;

pub struct List;

impl CommandArgs for List {
    const SPEC: CommandSpec = CommandSpec::new("matrix list").for_leads();

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(List)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        list(cx)
    }
}

fn list(cx: &Ctx<'_>) -> AppResult {
    let shared = cx.app.shared_catalog();
    if cx.catalog.is_empty() {
        return Ok(Reply::text(tr!(cx, "matrix-empty")).private());
    }
    let lines: Vec<String> = cx
        .catalog
        .skills()
        .iter()
        .map(|s| {
            let (skill, slug, levels, roles) =
                (s.name(), s.slug(), s.levels().len(), s.roles().len());
            if shared.get(s.slug()) == Some(s) {
                tr!(
                    cx,
                    "matrix-list-line",
                    skill = skill,
                    slug = slug,
                    levels = levels,
                    roles = roles
                )
            } else {
                tr!(
                    cx,
                    "matrix-list-line-own",
                    skill = skill,
                    slug = slug,
                    levels = levels,
                    roles = roles
                )
            }
        })
        .collect();
    Ok(Reply::titled(
        tr!(cx, "matrix-list-title", count = lines.len()),
        lines.join("\n"),
    )
    .field(tr!(cx, "matrix-more-skills"), tr!(cx, "matrix-how-to-add"))
    .private())
}

const FILE: Opt<Upload> = Opt::optional("file");
const TEXT: Opt<Document> = Opt::optional("text");
const SLUG: Opt<String> = Opt::optional("slug");
const NAME: Opt<String> = Opt::optional("name");
const IMPORT_OPTIONS: &[OptionSpec] = &[FILE.spec(), TEXT.spec(), SLUG.spec(), NAME.spec()];

pub struct Import {
    file: Option<Upload>,
    text: Option<String>,
    slug: Option<String>,
    name: Option<String>,
}

/// A skill imported from chat, waiting for "Confirm".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportState {
    pub slug: String,
    pub toml: String,
    /// What the preview said, rendered, as versions before the catalog
    /// kept it: shown as it is for a dialog they started.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub preview: String,
    /// What the preview says, to show it again in the reader's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub said: Option<Msg>,
}

impl CommandArgs for Import {
    const SPEC: CommandSpec = CommandSpec::new("matrix import")
        .options(IMPORT_OPTIONS)
        .for_leads()
        .slow();

    fn parse(o: &Options<'_>) -> Result<Self, AppError> {
        Ok(Import {
            file: o.get(&FILE)?,
            text: o.get(&TEXT)?.map(|d| d.0),
            slug: o.get(&SLUG)?,
            name: o.get(&NAME)?,
        })
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        let (file_name, text) = match (&self.file, self.text) {
            (Some(f), _) => {
                let text = String::from_utf8(f.bytes.clone())
                    .map_err(|_| AppError::User(msg!("import-not-utf8", file = &f.name)))?;
                (Some(f.name.as_str()), text)
            }
            (None, Some(t)) if !t.trim().is_empty() => (None, t),
            _ => {
                return Err(AppError::User(msg!("import-nothing")));
            }
        };
        let pasted = tr!(cx, "import-pasted-toml");
        let skill = parse_upload(
            file_name.unwrap_or(&pasted),
            file_name.is_some(),
            &text,
            self.slug.as_deref(),
            self.name.as_deref(),
        )?;
        let shared = cx.app.shared_catalog();
        let own_before = cx
            .catalog
            .get(skill.slug())
            .filter(|s| shared.get(s.slug()) != Some(*s));
        if shared.get(skill.slug()).is_some() && own_before.is_none() {
            return Err(AppError::User(msg!(
                "import-shared-slug",
                slug = skill.slug()
            )));
        }
        let preview = match own_before {
            None => msg!(
                "import-would-add",
                skill = skill.name(),
                slug = skill.slug(),
                levels = skill.levels().len(),
                roles = skill.roles().len(),
                required = skill.required_count(),
                optional = skill.optional_count()
            ),
            Some(old) => match changes(old, &skill) {
                Some(what) => msg!(
                    "import-would-update",
                    skill = skill.name(),
                    slug = skill.slug(),
                    changes = what
                ),
                None => {
                    return Ok(Reply::text(tr!(
                        cx,
                        "import-same",
                        skill = skill.name(),
                        slug = skill.slug()
                    ))
                    .private());
                }
            },
        };
        // Checked now, so that Confirm stores only what loads back identically.
        let toml = to_checked_toml(&skill)
            .map_err(|e| AppError::User(msg!("import-unstorable", fault = e)))?;
        let state = ImportState {
            slug: skill.slug().to_string(),
            toml,
            preview: String::new(),
            said: Some(preview),
        };
        let id = dialog::start(cx, "@matrix-import", skill.fingerprint(), &state).await?;
        Ok(preview_view(cx.actor.locale, &id, &state))
    }
}

/// The import preview, with Confirm and Cancel.
pub fn preview_view(r: Locale, id: &str, state: &ImportState) -> Reply {
    let preview = match &state.said {
        Some(said) => said.render(r),
        // Kept by a version before the catalog.
        None if !state.preview.is_empty() => state.preview.clone(),
        None => tr!(r, "import-would-import", slug = &state.slug),
    };
    let question = Reply::titled(tr!(r, "import-preview"), preview);
    dialog::confirm_or_cancel(r, question, id, tr!(r, "button-confirm"), Style::Success).private()
}

/// The skill an upload holds; `file_name` names it in faults (the file's
/// name, or what a pasted text is called when `named` is false).
fn parse_upload(
    file_name: &str,
    named: bool,
    text: &str,
    slug: Option<&str>,
    name: Option<&str>,
) -> Result<Skill, AppError> {
    let looks_toml = (named && file_name.ends_with(".toml"))
        || (!named
            && text.trim_start().starts_with(['#', 's'])
            && text.contains("[[expectations]]"));
    if looks_toml {
        return parse_skill_toml(text, Path::new(file_name))
            .map_err(|e| AppError::User(msg!("import-file-fault", fault = e.msg())));
    }
    let file_name = named.then_some(file_name);
    let slug = match (slug, file_name) {
        (Some(s), _) => s.trim().to_lowercase(),
        (None, Some(f)) if !is_valid_slug(&default_slug(Path::new(f))) => {
            return Err(AppError::User(msg!("import-file-name-no-slug", file = f)));
        }
        (None, Some(f)) => default_slug(Path::new(f)),
        (None, None) => {
            return Err(AppError::User(msg!("import-pasted-needs-slug")));
        }
    };
    let options = ImportOptions {
        slug,
        name: name.map(str::to_string),
    };
    import_page(text, &options)
        .map_err(|e| AppError::User(msg!("import-page-fault", fault = e.msg())))
}

/// What an update changes: "1 expectation changed, 0 added, 0 removed"
/// and which; `None` when nothing does.
fn changes(old: &Skill, new: &Skill) -> Option<Msg> {
    if old == new {
        return None;
    }
    let key = |e: &crate::matrix::Expectation| (e.level, e.role.clone());
    let old_map: std::collections::BTreeMap<_, _> =
        old.expectations().iter().map(|e| (key(e), e)).collect();
    let new_map: std::collections::BTreeMap<_, _> =
        new.expectations().iter().map(|e| (key(e), e)).collect();
    let name = |(level, role): &(crate::matrix::Level, String)| {
        msg!("import-role-at-level", role = role, level = level.msg())
    };
    let added: Vec<Msg> = new_map
        .keys()
        .filter(|k| !old_map.contains_key(*k))
        .map(name)
        .collect();
    let removed: Vec<Msg> = old_map
        .keys()
        .filter(|k| !new_map.contains_key(*k))
        .map(name)
        .collect();
    let changed: Vec<Msg> = new_map
        .iter()
        .filter(|(k, e)| old_map.get(*k).is_some_and(|o| o != *e))
        .map(|(k, _)| name(k))
        .collect();
    if changed.is_empty() && added.is_empty() && removed.is_empty() {
        return Some(msg!("import-changes-none"));
    }
    let mut lines = vec![msg!(
        "import-changes",
        changed = changed.len(),
        added = added.len(),
        removed = removed.len()
    )];
    let long = crate::i18n::long_list;
    if !changed.is_empty() {
        lines.push(msg!("import-changed", expectations = long(changed)));
    }
    if !added.is_empty() {
        lines.push(msg!("import-added", expectations = long(added)));
    }
    if !removed.is_empty() {
        lines.push(msg!("import-removed", expectations = long(removed)));
    }
    Some(msg!("as-is-lines", lines = crate::i18n::lines(lines)))
}

/// "Confirm" on an import preview.
pub fn on_action(
    press: &mut Press<'_>,
    stored: Stored,
    state: ImportState,
    input: Input,
) -> AppResult {
    if input.action != DialogAction::Confirm {
        return Err(AppError::User(msg!("import-confirm-or-cancel")));
    }
    let skill = parse_skill_toml(&state.toml, Path::new(&state.slug))
        .map_err(|e| AppError::caused(format!("the import of {} is unreadable", state.slug), e))?;
    press.store.save_workspace_skill(
        press.workspace,
        &state.slug,
        &state.toml,
        press.me,
        &stored.row.id,
        press.now,
    )?;
    press.skills_changed = true;
    Ok(Reply::text(tr!(
        press,
        "import-done",
        skill = skill.name(),
        slug = skill.slug(),
        // What to type: the level's name as the command reads it.
        level = skill.levels()[0].name().to_lowercase()
    ))
    .private()
    .updating())
}

impl dialog::DialogKind for ImportState {
    const KIND: &'static str = "matrix_import";

    fn lead_only(&self) -> Option<&'static str> {
        Some("matrix import")
    }

    fn has_steps(&self) -> bool {
        false
    }

    fn cancelled(&self, press: &Press<'_>) -> String {
        tr!(press, "cancelled-import")
    }

    fn current(&self, at: &dialog::Showing<'_>) -> Result<Option<Reply>, AppError> {
        Ok(Some(preview_view(at.locale, &at.row.id, self)))
    }

    fn on_press(self, press: &mut Press<'_>, stored: Stored, input: Input) -> AppResult {
        on_action(press, stored, self, input)
    }
}
