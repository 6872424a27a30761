//! `skillbot matrix list | import | check`.

use super::Failure;
use crate::matrix::{
    Catalog, FileError, ImportOptions, Skill, import_page_file, is_valid_slug, read_skill_file,
    to_checked_toml,
};
use serde_json::json;
use std::io::Write;
use std::path::Path;

pub fn list(matrix_dir: &Path, out: &mut dyn Write) -> Result<bool, Failure> {
    let catalog = Catalog::load_dir(matrix_dir)?;
    if catalog.is_empty() {
        writeln!(
            out,
            "No skills in {}. Add one with `skillbot matrix import <page>`.",
            matrix_dir.display()
        )?;
        return Ok(true);
    }
    let width = catalog
        .skills()
        .iter()
        .map(|s| s.slug().len())
        .max()
        .unwrap_or(0);
    for skill in catalog.skills() {
        writeln!(
            out,
            "{:width$}  {} ({} › {}): {}, {}",
            skill.slug(),
            skill.name(),
            skill.domain(),
            skill.group(),
            level_span(skill),
            counts(skill),
        )?;
    }
    Ok(true)
}

/// Import options for a page; a slug made from the file name that cannot be
/// one says which option to pass.
fn page_options(
    page: &Path,
    slug: Option<String>,
    name: Option<String>,
) -> Result<ImportOptions, FileError> {
    let given = slug.is_some();
    let options = ImportOptions::for_file(page, slug, name);
    if !given && !is_valid_slug(&options.slug) {
        return Err(FileError {
            file: page.to_path_buf(),
            line: None,
            message: crate::msg!("cli-file-name-no-slug", slug = &options.slug),
        });
    }
    Ok(options)
}

pub fn import(
    page: &Path,
    slug: Option<String>,
    name: Option<String>,
    out_dir: &Path,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    let skill = import_page_file(page, &page_options(page, slug, name)?)?;
    // Nothing is written that would not load back as this very skill.
    let text = to_checked_toml(&skill).map_err(|e| {
        let e = e.render(crate::i18n::Locale::default());
        Failure::Usage(format!("{}: {e}; nothing was written", page.display()))
    })?;
    std::fs::create_dir_all(out_dir)
        .map_err(Failure::io(format!("cannot create {}", out_dir.display())))?;
    let target = out_dir.join(format!("{}.toml", skill.slug()));
    let verb = match std::fs::read_to_string(&target) {
        Ok(old) if old == text => "unchanged",
        Ok(_) => "updated",
        Err(_) => "wrote",
    };
    std::fs::write(&target, text)
        .map_err(Failure::io(format!("cannot write {}", target.display())))?;
    writeln!(
        out,
        "{verb} {}: {} ({}), {}, {}",
        target.display(),
        skill.name(),
        skill.slug(),
        level_span(&skill),
        counts(&skill)
    )?;
    Ok(true)
}

pub fn check(
    files: &[std::path::PathBuf],
    slug: Option<&str>,
    name: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    if (slug.is_some() || name.is_some()) && files.len() > 1 {
        return Err(Failure::Usage(
            "--slug and --name describe one page: check the pages one at a time with them".into(),
        ));
    }
    let mut all_ok = true;
    for file in files {
        let result = check_one(file, slug.map(str::to_string), name.map(str::to_string));
        all_ok &= result.is_ok();
        let name = file.display().to_string();
        if json {
            let line = match &result {
                Ok(skill) => json!({
                    "file": name,
                    "ok": true,
                    "slug": skill.slug(),
                    "levels": skill.levels().iter().map(|l| l.name()).collect::<Vec<_>>(),
                    "roles": skill.roles().len(),
                    "required": skill.required_count(),
                    "optional": skill.optional_count(),
                }),
                Err(e) => json!({"file": name, "ok": false, "error": without_file(e)}),
            };
            writeln!(out, "{line}")?;
        } else {
            match &result {
                Ok(skill) => writeln!(
                    out,
                    "ok    {name}: {} ({}), {}, {}",
                    skill.name(),
                    skill.slug(),
                    level_span(skill),
                    counts(skill)
                )?,
                Err(e) => writeln!(out, "FAIL  {e}")?,
            }
        }
    }
    Ok(all_ok)
}

fn check_one(file: &Path, slug: Option<String>, name: Option<String>) -> Result<Skill, FileError> {
    if file.extension().is_some_and(|e| e == "toml") {
        read_skill_file(file)
    } else {
        import_page_file(file, &page_options(file, slug, name)?)
    }
}

/// The error without the file name, which the JSON line carries already.
fn without_file(e: &FileError) -> String {
    let fault = match e.line {
        Some(line) => crate::msg!("page-error-line", line = line, fault = &e.message),
        None => e.message.clone(),
    };
    fault.render(crate::i18n::Locale::default())
}

fn level_span(skill: &Skill) -> String {
    match skill.levels() {
        [only] => format!("1 level ({only})"),
        [first, .., last] => format!("{} levels ({first}–{last})", skill.levels().len()),
        [] => "no levels".into(),
    }
}

fn counts(skill: &Skill) -> String {
    format!(
        "{}, {} required and {} optional expectations",
        crate::text::count(skill.roles().len(), "role"),
        skill.required_count(),
        skill.optional_count()
    )
}

/// `skillbot matrix new <slug>`: a commented skeleton of a skill file, a
/// level by role grid of empty descriptions to fill in. `matrix check`
/// refuses it until every description says something.
pub fn new_skill(
    matrix_dir: &Path,
    slug: &str,
    name: Option<&str>,
    roles: &[String],
    out_dir: &Path,
    today: chrono::NaiveDate,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    if !is_valid_slug(slug) {
        return Err(Failure::Usage(format!(
            "{slug:?} cannot be a slug: use 1 to 64 lowercase letters, digits, '-' or '_', e.g. \
             message-queues"
        )));
    }
    let roles: Vec<String> = if roles.is_empty() {
        // The roles the matrix has: a new skill for the same team.
        Catalog::load_dir(matrix_dir)
            .map(|c| c.roles().to_vec())
            .unwrap_or_default()
    } else {
        roles.iter().map(|r| r.trim().to_string()).collect()
    };
    if roles.is_empty() {
        return Err(Failure::Usage(
            "name the roles the skill matters to: --role \"Cloud Engineer\" --role \"Platform Engineer\""
                .into(),
        ));
    }
    let name = name.map_or_else(|| crate::matrix::name_from_slug(slug), str::to_string);
    let path = out_dir.join(format!("{slug}.toml"));
    let text = skeleton(slug, &name, &roles, today);
    std::fs::create_dir_all(out_dir)
        .map_err(Failure::io(format!("cannot make {}", out_dir.display())))?;
    let mut file = std::fs::File::create_new(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            Failure::Usage(format!(
                "{} exists already: edit it, or choose another slug",
                path.display()
            ))
        } else {
            Failure::Io {
                what: format!("cannot write {}", path.display()),
                source: e,
            }
        }
    })?;
    file.write_all(text.as_bytes())
        .map_err(Failure::io(format!("cannot write {}", path.display())))?;
    writeln!(
        out,
        "wrote {}: {} × {} to describe. Fill in every description, then \
         `skillbot matrix check {}`.",
        path.display(),
        crate::text::count(crate::matrix::Level::ALL.len(), "level"),
        crate::text::count(roles.len(), "role"),
        path.display()
    )?;
    Ok(true)
}

/// The skeleton's text: TOML with a comment on every part.
fn skeleton(slug: &str, name: &str, roles: &[String], today: chrono::NaiveDate) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut text = format!(
        "# A skill of the matrix: fill in every description below, then run\n\
         # `skillbot matrix check {slug}.toml`. Keep the file in the matrix directory\n\
         # (data/matrix) for every workspace, or upload it with /matrix import.\n\
         slug = {}\n\
         name = {}\n\
         # Where the skill sits on the site's map, and words it is found by.\n\
         domain = \"\"\n\
         group = \"\"\n\
         tags = []\n\
         updated = {today}\n\
         # The levels the skill has, lowest first: drop the lowest ones if it\n\
         # starts higher (Senior, Lead, Principal).\n\
         levels = [{}]\n",
        quoted(slug),
        quoted(name),
        crate::matrix::Level::ALL
            .iter()
            .map(|l| quoted(l.name()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for level in crate::matrix::Level::ALL {
        text.push_str(&format!(
            "\n# {level}: what each role is expected to do at this level. `required`\n\
             # says whether it blocks the level (true) or is a stretch (false).\n"
        ));
        for role in roles {
            text.push_str(&format!(
                "[[expectations]]\nlevel = {}\nrole = {}\nrequired = true\ndescription = \"\"\n\n",
                quoted(level.name()),
                quoted(role)
            ));
        }
    }
    text
}
