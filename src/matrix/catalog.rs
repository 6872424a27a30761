//! All the skills the bot knows, with the keys people find them by.

use super::lookup::{Fit, LookupError, fit, find_role, normalize, pick};
use super::model::Skill;
use super::toml_file::{FileError, read_skill_file};
use std::collections::BTreeSet;
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug, Default)]
pub struct Catalog {
    entries: Vec<Entry>,
}

#[derive(Clone, Debug)]
struct Entry {
    skill: Skill,
    slug: String,
    name: String,
    /// Group and tags, normalized.
    others: Vec<String>,
}

impl Entry {
    fn new(skill: Skill) -> Entry {
        let others = std::iter::once(skill.group())
            .chain(skill.tags().iter().map(String::as_str))
            .map(normalize)
            .collect();
        Entry {
            slug: normalize(skill.slug()),
            name: normalize(skill.name()),
            others,
            skill,
        }
    }

    /// Slug and name beat group and tags: "serverless" is a group, but
    /// "serverless functions" names the skill.
    fn fit(&self, query: &str) -> Option<Fit> {
        let own = [&self.slug, &self.name]
            .into_iter()
            .filter_map(|k| fit(query, k))
            .min();
        if own == Some(Fit::Exact) {
            return own;
        }
        let other = self.others.iter().filter_map(|k| fit(query, k)).min();
        match (own, other) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }
}

/// Every broken file of a matrix directory.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct LoadError(pub Vec<FileError>);

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let lines: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&lines.join("\n"))
    }
}

impl Catalog {
    /// A catalog of skills whose slugs are distinct.
    pub fn new(skills: Vec<Skill>) -> Result<Catalog, String> {
        let mut catalog = Catalog::default();
        for skill in skills {
            catalog.insert(skill)?;
        }
        Ok(catalog)
    }

    fn insert(&mut self, skill: Skill) -> Result<(), String> {
        if self.get(skill.slug()).is_some() {
            return Err(format!("two skills have the slug {:?}", skill.slug()));
        }
        self.entries.push(Entry::new(skill));
        self.entries.sort_by(|a, b| a.skill.slug().cmp(b.skill.slug()));
        Ok(())
    }

    /// Loads every `*.toml` file of `dir`, in name order. Any broken file
    /// fails the whole load, naming each fault.
    pub fn load_dir(dir: &Path) -> Result<Catalog, LoadError> {
        let files = toml_files(dir).map_err(|e| {
            LoadError(vec![FileError {
                file: dir.to_path_buf(),
                line: None,
                message: format!("cannot read the matrix directory: {e}"),
            }])
        })?;
        let mut catalog = Catalog::default();
        let mut errors = Vec::new();
        for file in files {
            match read_skill_file(&file) {
                Ok(skill) => {
                    if let Err(message) = catalog.insert(skill) {
                        errors.push(FileError {
                            file,
                            line: None,
                            message,
                        });
                    }
                }
                Err(e) => errors.push(e),
            }
        }
        if errors.is_empty() {
            Ok(catalog)
        } else {
            Err(LoadError(errors))
        }
    }

    pub fn skills(&self) -> impl ExactSizeIterator<Item = &Skill> {
        self.entries.iter().map(|e| &e.skill)
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// By exact slug.
    pub fn get(&self, slug: &str) -> Option<&Skill> {
        self.entries
            .binary_search_by(|e| e.skill.slug().cmp(slug))
            .ok()
            .map(|i| &self.entries[i].skill)
    }

    /// The skill the input names: slug, name, group or tag words, or a
    /// prefix of them, if only one skill fits best.
    pub fn find_skill(&self, input: &str) -> Result<&Skill, LookupError> {
        pick("skill", input, &self.entries, Entry::fit, |e| {
            format!("{} ({})", e.skill.name(), e.skill.slug())
        })
        .map(|e| &e.skill)
    }

    /// Every role of every skill, sorted.
    pub fn roles(&self) -> Vec<&str> {
        let set: BTreeSet<&str> = self
            .entries
            .iter()
            .flat_map(|e| e.skill.expectations().iter().map(|x| x.role.as_str()))
            .collect();
        set.into_iter().collect()
    }

    /// A role of any skill.
    pub fn find_role(&self, input: &str) -> Result<&str, LookupError> {
        find_role(self.roles(), input)
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
