//! All the skills the bot knows, with the keys people find them by.

use super::lookup::{Fit, LookupError, SearchIndex, find_role, pick_fit, role_index};
use super::model::Skill;
use super::toml_file::{FileError, read_skill_file};
use crate::i18n::Msg;
use crate::msg;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    /// Sorted by slug.
    skills: Vec<Skill>,
    /// Slug, name, group and tags of each skill.
    index: SearchIndex,
    /// Every role of every skill, sorted, and their index.
    roles: Vec<String>,
    role_index: SearchIndex,
    /// Slugs of the skills a workspace imported (the rest are shared).
    local: BTreeSet<String>,
}

/// Every broken file of a matrix directory.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct LoadError(pub Vec<FileError>);

impl LoadError {
    /// Every fault, a line each.
    pub fn msg(&self) -> Msg {
        msg!(
            "as-is-lines",
            lines = crate::i18n::lines(self.0.iter().map(FileError::msg))
        )
    }
}

/// In English, for the command line and the log.
impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg().render(crate::i18n::Locale::EnUs))
    }
}

impl Catalog {
    /// A catalog of skills whose slugs are distinct.
    pub fn new(mut skills: Vec<Skill>) -> Result<Catalog, Msg> {
        skills.sort_by(|a, b| a.slug().cmp(b.slug()));
        if let Some(pair) = skills.windows(2).find(|w| w[0].slug() == w[1].slug()) {
            return Err(msg!("catalog-slug-twice", slug = pair[0].slug()));
        }
        let index = SearchIndex::build(skills.len(), |i| {
            let s = &skills[i];
            let texts = [s.name(), s.slug(), s.group()]
                .into_iter()
                .chain(s.tags().iter().map(String::as_str));
            (texts, Vec::new())
        });
        let roles: Vec<String> = skills
            .iter()
            .flat_map(|s| s.roles().iter().cloned())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect();
        let role_index = role_index(&roles);
        Ok(Catalog {
            skills,
            index,
            roles,
            role_index,
            local: BTreeSet::new(),
        })
    }

    /// This catalog with a workspace's own skills added; an own skill
    /// replaces a shared one with the same slug.
    pub fn with_local(&self, own: Vec<Skill>) -> Catalog {
        let mut skills: Vec<Skill> = self
            .skills
            .iter()
            .filter(|s| !own.iter().any(|o| o.slug() == s.slug()))
            .cloned()
            .collect();
        let local = own.iter().map(|s| s.slug().to_string()).collect();
        skills.extend(own);
        let mut seen = std::collections::HashSet::new();
        skills.retain(|s| seen.insert(s.slug().to_string()));
        // Slugs are distinct now, so this cannot fail.
        let mut catalog = Catalog::new(skills).unwrap_or_default();
        catalog.local = local;
        catalog
    }

    /// Whether a workspace imported this skill (rather than it being one of
    /// the shared matrix directory).
    pub fn is_local(&self, slug: &str) -> bool {
        self.local.contains(slug)
    }

    /// "Serverless Functions (serverless-functions)", marked as the
    /// workspace's own, or as shared where the workspace has a skill of the
    /// same name: wherever both can appear, they are told apart.
    pub fn label(&self, skill: &Skill) -> Msg {
        msg!(
            "skill-label",
            skill = skill.name(),
            slug = skill.slug(),
            mark = self.mark(skill)
        )
    }

    /// "own" for a workspace's own skill, "shared" for a shared one whose
    /// name the workspace also has, else "none": a key of the catalog's
    /// `skill-label` and `skill-mark`.
    pub fn mark(&self, skill: &Skill) -> &'static str {
        if self.is_local(skill.slug()) {
            "own"
        } else if self
            .skills
            .iter()
            .any(|o| self.is_local(o.slug()) && o.name() == skill.name())
        {
            "shared"
        } else {
            "none"
        }
    }

    /// Loads every `*.toml` file of `dir`, in name order. Any broken file
    /// fails the whole load, naming each fault.
    pub fn load_dir(dir: &Path) -> Result<Catalog, LoadError> {
        let files = toml_files(dir).map_err(|e| {
            LoadError(vec![FileError {
                file: dir.to_path_buf(),
                line: None,
                message: msg!("catalog-dir-unreadable", error = e.to_string()),
            }])
        })?;
        let mut skills = Vec::with_capacity(files.len());
        let mut errors = Vec::new();
        let mut first_file_of: HashMap<String, PathBuf> = HashMap::new();
        for file in files {
            // A reload runs beside a bot answering members: on a machine of
            // two cores, 20 ms of parsing without a pause would hold a core
            // their requests wait for (a button's p99 went from 0.6 to 4 ms).
            std::thread::yield_now();
            match read_skill_file(&file) {
                Ok(skill) => match first_file_of.get(skill.slug()) {
                    Some(first) => errors.push(FileError {
                        message: msg!(
                            "catalog-slug-twice-in",
                            slug = skill.slug(),
                            first = first.display().to_string()
                        ),
                        file,
                        line: None,
                    }),
                    None => {
                        first_file_of.insert(skill.slug().to_string(), file);
                        skills.push(skill);
                    }
                },
                Err(e) => errors.push(e),
            }
        }
        if !errors.is_empty() {
            return Err(LoadError(errors));
        }
        Catalog::new(skills).map_err(|message| {
            LoadError(vec![FileError {
                file: dir.to_path_buf(),
                line: None,
                message,
            }])
        })
    }

    pub fn skills(&self) -> &[Skill] {
        &self.skills
    }

    pub fn len(&self) -> usize {
        self.skills.len()
    }

    pub fn is_empty(&self) -> bool {
        self.skills.is_empty()
    }

    /// By exact slug.
    pub fn get(&self, slug: &str) -> Option<&Skill> {
        self.skills
            .binary_search_by(|s| s.slug().cmp(slug))
            .ok()
            .map(|i| &self.skills[i])
    }

    /// The skill the input names: slug, name, group or tag words, or a
    /// prefix of them, if only one skill fits best.
    pub fn find_skill(&self, input: &str) -> Result<&Skill, LookupError> {
        self.find_skill_fit(input).map(|(skill, _)| skill)
    }

    /// The skill the input names, and how well it fits (a whole name, a
    /// prefix, or words): to choose between readings of a line.
    pub fn find_skill_fit(&self, input: &str) -> Result<(&Skill, Fit), LookupError> {
        // A slug names one skill, whatever else shares its name.
        if let Some(skill) = self.get(input.trim()) {
            return Ok((skill, Fit::Exact));
        }
        let label = |i: usize| self.label(&self.skills[i]);
        let key = |i: usize| self.skills[i].slug().to_string();
        pick_fit("skill", input, &self.index, label, key)
            .map(|(fit, i)| (&self.skills[i], fit))
            // Skills are many: a miss names only close ones (the listing is
            // a command of its own), unlike the few roles of one skill.
            .map_err(|e| match e {
                LookupError::Unknown {
                    what,
                    input,
                    closest,
                    ..
                } => LookupError::Unknown {
                    what,
                    input,
                    closest,
                    choices: Vec::new(),
                },
                other => other,
            })
    }

    /// Skills for a menu as the user types, best first.
    pub fn suggest_skills(&self, input: &str, limit: usize) -> Vec<&Skill> {
        self.index
            .ranked(input, limit)
            .into_iter()
            .map(|i| &self.skills[i])
            .collect()
    }

    /// Roles for a menu as the user types, best first.
    pub fn suggest_roles(&self, input: &str, limit: usize) -> Vec<&str> {
        self.role_index
            .ranked(input, limit)
            .into_iter()
            .map(|i| self.roles[i].as_str())
            .collect()
    }

    /// Every role of every skill, sorted.
    pub fn roles(&self) -> &[String] {
        &self.roles
    }

    /// A role of any skill.
    pub fn find_role(&self, input: &str) -> Result<&str, LookupError> {
        find_role(&self.roles, &self.role_index, input)
    }
}

fn toml_files(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.extension().is_some_and(|e| e == "toml") && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
