//! Finding skills, levels and roles from what people type: a slug, a name,
//! a word of a tag, an unambiguous prefix, initials. A miss names the
//! closest matches so the user can type one of them instead.

use super::level::Level;
use super::model::{Skill, join_levels};
use crate::i18n::Msg;
use crate::msg;

#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum LookupError {
    #[error("no {what} given")]
    Empty {
        what: &'static str,
        /// A few of the names there are.
        examples: Vec<Msg>,
    },
    #[error("no {what} matches \"{input}\"")]
    Unknown {
        what: &'static str,
        input: String,
        /// Names close to the input.
        closest: Vec<Msg>,
        /// Every name there is, when there are few and none is close.
        choices: Vec<Msg>,
    },
    #[error("\"{input}\" matches several {what}s")]
    Ambiguous {
        what: &'static str,
        input: String,
        /// How each candidate is named to the reader.
        candidates: Vec<Msg>,
        /// What names each candidate exactly (a skill's slug, a role's
        /// name), in the order of `candidates`.
        keys: Vec<String>,
    },
    #[error("{skill} has no {level} level; its levels are {}", join_levels(.levels))]
    LevelNotInSkill {
        skill: String,
        level: Level,
        levels: Vec<Level>,
    },
}

impl LookupError {
    /// What to tell the user, from the message catalog.
    pub fn message(&self) -> Msg {
        match self {
            LookupError::Empty { what, examples } => msg!(
                "lookup-empty",
                what = *what,
                examples = crate::i18n::list(examples)
            ),
            LookupError::Unknown {
                what,
                input,
                closest,
                choices,
            } => match (closest.as_slice(), choices.as_slice()) {
                ([], []) => msg!("lookup-unknown", what = *what, input = input),
                ([], [one]) => msg!(
                    "lookup-unknown-only",
                    what = *what,
                    input = input,
                    name = one
                ),
                ([], many) => msg!(
                    "lookup-unknown-choices",
                    what = *what,
                    input = input,
                    names = crate::i18n::and_list(many)
                ),
                (close, _) => msg!(
                    "lookup-unknown-close",
                    what = *what,
                    input = input,
                    names = crate::i18n::or_list(close)
                ),
            },
            LookupError::Ambiguous {
                what,
                input,
                candidates,
                ..
            } => msg!(
                "lookup-ambiguous",
                what = *what,
                input = input,
                names = crate::i18n::list(candidates)
            ),
            LookupError::LevelNotInSkill {
                skill,
                level,
                levels,
            } => msg!(
                "lookup-level-not-in-skill",
                skill = skill,
                level = level.msg(),
                levels = crate::i18n::list(levels.iter().map(|l| l.msg()))
            ),
        }
    }
}

/// Up to this many names are listed when none is close to what was typed.
const LISTED: usize = 10;

/// Lowercase words of letters and digits: "Serverless-Functions" and
/// "serverless functions" are the same key.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out
}

/// How well a name answers a query; lower is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// The whole key: "serverless functions", "lambda" for tag "Lambda".
    Exact,
    /// The start of a key: "serv", "aws lam".
    Prefix,
    /// Each query word starts some word: "cloud func", "lam".
    Words,
}

/// Sorted normalized keys of numbered items, so that a lookup is a binary
/// search rather than a scan of every name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SearchIndex {
    keys: Vec<(String, usize)>,
    words: Vec<(String, usize)>,
    /// Each item's first text, normalized: what a miss is compared with.
    names: Vec<String>,
    /// A 64-bit sketch of each name's letter pairs, to shortlist the names
    /// worth comparing in full when nothing matched.
    sketches: Vec<u64>,
}

/// Which letter pairs a text has, hashed into 64 bits.
fn sketch(text: &str) -> u64 {
    let mut bits = 0u64;
    let mut previous = ' ';
    for c in text.chars() {
        let pair = (u64::from(u32::from(previous)) * 31 + u64::from(u32::from(c))) % 64;
        bits |= 1 << pair;
        previous = c;
    }
    bits
}

/// How many names are compared in full after the sketch shortlist.
const SHORTLIST: usize = 24;

impl SearchIndex {
    /// `keys_of(i)` gives item i's searchable texts and, apart, texts that
    /// match only as a whole or by prefix (initials, say).
    pub fn build<'a, K, W>(len: usize, keys_of: impl Fn(usize) -> (K, W)) -> SearchIndex
    where
        K: IntoIterator<Item = &'a str>,
        W: IntoIterator<Item = String>,
    {
        let mut index = SearchIndex::default();
        for item in 0..len {
            let (texts, whole_only) = keys_of(item);
            for (n, text) in texts.into_iter().enumerate() {
                let key = normalize(text);
                if n == 0 {
                    index.sketches.push(sketch(&key));
                    index.names.push(key.clone());
                }
                index.words.extend(
                    key.split(' ')
                        .filter(|w| !w.is_empty())
                        .map(|w| (w.to_string(), item)),
                );
                index.keys.push((key, item));
            }
            index.keys.extend(whole_only.into_iter().map(|k| (k, item)));
        }
        for list in [&mut index.keys, &mut index.words] {
            list.sort();
            list.dedup();
        }
        index
    }

    /// The items that fit a normalized query best, in item order.
    pub fn best(&self, query: &str) -> Vec<usize> {
        self.best_fit(query).1
    }

    /// The items that fit a normalized query best, in item order, and how
    /// well they fit.
    pub fn best_fit(&self, query: &str) -> (Fit, Vec<usize>) {
        let mut best = Fit::Words;
        let mut found: Vec<usize> = Vec::new();
        for (key, item) in prefixed(&self.keys, query) {
            let fit = if key == query {
                Fit::Exact
            } else {
                Fit::Prefix
            };
            if fit < best || found.is_empty() {
                best = fit;
                found.clear();
            }
            if fit == best {
                found.push(*item);
            }
        }
        if found.is_empty() {
            best = Fit::Words;
            found = self.by_words(query);
        }
        found.sort_unstable();
        found.dedup();
        (best, found)
    }

    /// Up to `limit` items for a menu as the user types, best fit first:
    /// every item when nothing is typed, the closest names when nothing
    /// fits.
    pub fn ranked(&self, input: &str, limit: usize) -> Vec<usize> {
        let query = normalize(input);
        if query.is_empty() {
            return (0..self.names.len()).take(limit).collect();
        }
        let mut fits: Vec<(Fit, usize)> = Vec::new();
        for (key, item) in prefixed(&self.keys, &query) {
            let fit = if *key == query {
                Fit::Exact
            } else {
                Fit::Prefix
            };
            fits.push((fit, *item));
        }
        fits.extend(self.by_words(&query).into_iter().map(|i| (Fit::Words, i)));
        fits.sort();
        let mut seen = std::collections::HashSet::new();
        let mut items: Vec<usize> = fits
            .into_iter()
            .map(|(_, i)| i)
            .filter(|i| seen.insert(*i))
            .collect();
        if items.is_empty() {
            items = self.closest(&query);
        }
        items.truncate(limit);
        items
    }

    /// Up to five items whose names are most like the query, best first.
    fn closest(&self, query: &str) -> Vec<usize> {
        self.closest_scored(query)
            .into_iter()
            .map(|(_, i)| i)
            .collect()
    }

    /// Up to five items whose names are most like the query, best first,
    /// with how alike (Jaro-Winkler, 1.0 the same).
    fn closest_scored(&self, query: &str) -> Vec<(f64, usize)> {
        // Shortlist by shared letter pairs (cheap), then rank the shortlist
        // by Jaro-Winkler similarity (dearer).
        let q = sketch(query);
        let mut shortlist: Vec<(u32, usize)> = self
            .sketches
            .iter()
            .enumerate()
            .map(|(i, s)| ((q & s).count_ones(), i))
            .collect();
        if shortlist.len() > SHORTLIST {
            shortlist
                .select_nth_unstable_by(SHORTLIST - 1, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            shortlist.truncate(SHORTLIST);
        }
        let mut scored: Vec<(f64, usize)> = shortlist
            .into_iter()
            .map(|(_, i)| (strsim::jaro_winkler(query, &self.names[i]), i))
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        scored.truncate(5);
        scored
    }

    fn by_words(&self, query: &str) -> Vec<usize> {
        let mut found: Option<Vec<usize>> = None;
        for q in query.split(' ') {
            let mut items: Vec<usize> = prefixed(&self.words, q).map(|(_, i)| *i).collect();
            items.sort_unstable();
            items.dedup();
            found = Some(match found {
                None => items,
                Some(before) => before
                    .into_iter()
                    .filter(|i| items.binary_search(i).is_ok())
                    .collect(),
            });
        }
        found.unwrap_or_default()
    }
}

/// The entries of a sorted list whose key starts with `prefix`.
fn prefixed<'a>(
    list: &'a [(String, usize)],
    prefix: &'a str,
) -> impl Iterator<Item = &'a (String, usize)> {
    let start = list.partition_point(|(k, _)| k.as_str() < prefix);
    list[start..]
        .iter()
        .take_while(move |(k, _)| k.starts_with(prefix))
}

/// The input as an error message quotes it: trimmed, and cut if long.
fn quoted(input: &str) -> String {
    crate::text::shorten(input.trim(), crate::text::QUOTED_CHARS).into_owned()
}

/// The one item that fits the input best, or an error naming the tied
/// items or the closest labels.
/// How alike a miss and a name must be for the name to be offered as what
/// was meant: "servrless" is Serverless Functions, "kubernetes" is nothing.
const CLOSE_ENOUGH: f64 = 0.8;

pub fn pick(
    what: &'static str,
    input: &str,
    index: &SearchIndex,
    label: impl Fn(usize) -> Msg,
    key: impl Fn(usize) -> String,
) -> Result<usize, LookupError> {
    pick_fit(what, input, index, label, key).map(|(_, i)| i)
}

/// The one item that fits the input best and how well, or an error naming
/// the tied items or the closest labels.
pub fn pick_fit(
    what: &'static str,
    input: &str,
    index: &SearchIndex,
    label: impl Fn(usize) -> Msg,
    key: impl Fn(usize) -> String,
) -> Result<(Fit, usize), LookupError> {
    let query = normalize(input);
    if query.is_empty() {
        let some: Vec<Msg> = (0..index.names.len()).take(5).map(&label).collect();
        return Err(LookupError::Empty {
            what,
            examples: some,
        });
    }
    let (fit, found) = index.best_fit(&query);
    match found.as_slice() {
        [one] => Ok((fit, *one)),
        [] => {
            let closest: Vec<Msg> = index
                .closest_scored(&query)
                .into_iter()
                .filter(|(score, _)| *score >= CLOSE_ENOUGH)
                .map(|(_, i)| label(i))
                .collect();
            let count = index.names.len();
            let choices = if closest.is_empty() && count <= LISTED {
                (0..count).map(&label).collect()
            } else {
                Vec::new()
            };
            Err(LookupError::Unknown {
                what,
                input: quoted(input),
                closest,
                choices,
            })
        }
        many => Err(LookupError::Ambiguous {
            what,
            input: quoted(input),
            candidates: many.iter().map(|i| label(*i)).collect(),
            keys: many.iter().map(|i| key(*i)).collect(),
        }),
    }
}

/// A level as typed: a name, alias or number (see `Level::parse`).
pub fn find_level(input: &str) -> Result<Level, LookupError> {
    if input.trim().is_empty() {
        return Err(LookupError::Empty {
            what: "level",
            examples: Level::ALL.iter().map(|l| l.msg()).collect(),
        });
    }
    Level::parse(input).ok_or_else(|| LookupError::Unknown {
        what: "level",
        input: quoted(input),
        closest: Level::ALL.iter().map(|l| l.msg()).collect(),
        choices: Vec::new(),
    })
}

/// A level as typed, which must be one of `skill`'s levels.
pub fn find_skill_level(skill: &Skill, input: &str) -> Result<Level, LookupError> {
    let level = find_level(input)?;
    if skill.has_level(level) {
        Ok(level)
    } else {
        Err(LookupError::LevelNotInSkill {
            skill: skill.name().to_string(),
            level,
            levels: skill.levels().to_vec(),
        })
    }
}

/// A role index over `names`: whole names, words, and initials ("ce" for
/// Cloud Engineer, "aipe" as well as "ape" for AI Product Engineer).
pub fn role_index(names: &[String]) -> SearchIndex {
    SearchIndex::build(names.len(), |i| {
        let name = names[i].as_str();
        (std::iter::once(name), initials(name))
    })
}

fn initials(name: &str) -> Vec<String> {
    let words: Vec<&str> = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let first_letters = words.iter().filter_map(|w| w.chars().next());
    let plain: String = first_letters.flat_map(char::to_lowercase).collect();
    let acronyms: String = words
        .iter()
        .flat_map(|w| {
            let acronym = w.chars().all(|c| c.is_uppercase() || c.is_ascii_digit());
            w.chars().take(if acronym { w.len() } else { 1 })
        })
        .flat_map(char::to_lowercase)
        .collect();
    vec![plain, acronyms]
}

/// The role among `names` (indexed by `index`) that the input names.
pub fn find_role<'a>(
    names: &'a [String],
    index: &SearchIndex,
    input: &str,
) -> Result<&'a str, LookupError> {
    pick(
        "role",
        input,
        index,
        |i| msg!("as-is", text = &names[i]),
        |i| names[i].clone(),
    )
    .map(|i| names[i].as_str())
}

/// A role of one skill; a miss lists the skill's roles.
pub fn find_skill_role<'a>(skill: &'a Skill, input: &str) -> Result<&'a str, LookupError> {
    find_role(skill.roles(), skill.role_index(), input)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles() -> Vec<String> {
        [
            "AI Product Engineer",
            "Cloud Engineer",
            "Infrastructure Engineer",
            "Platform Engineer",
        ]
        .map(String::from)
        .to_vec()
    }

    fn s(text: &str) -> String {
        text.to_string()
    }

    fn find(roles: &[String], input: &str) -> Result<String, LookupError> {
        find_role(roles, &role_index(roles), input).map(str::to_string)
    }

    #[test]
    fn roles_by_name_prefix_initials_and_words() {
        let roles = roles();
        assert_eq!(find(&roles, "cloud engineer"), Ok(s("Cloud Engineer")));
        assert_eq!(find(&roles, "Platform"), Ok(s("Platform Engineer")));
        assert_eq!(find(&roles, "CE"), Ok(s("Cloud Engineer")));
        assert_eq!(find(&roles, "aipe"), Ok(s("AI Product Engineer")));
        assert_eq!(find(&roles, "infra eng"), Ok(s("Infrastructure Engineer")));
        assert_eq!(find(&roles, "ai-product"), Ok(s("AI Product Engineer")));
    }

    #[test]
    fn ambiguous_and_unknown_roles_name_the_candidates() {
        let roles = roles();
        let err = find(&roles, "engineer").unwrap_err();
        assert!(matches!(&err, LookupError::Ambiguous { candidates, .. } if candidates.len() == 4));
        let err = find(&roles, "clod engineer").unwrap_err();
        let LookupError::Unknown { closest, .. } = &err else {
            panic!("{err}")
        };
        assert_eq!(
            closest[0].render(crate::i18n::Locale::EnUs),
            "Cloud Engineer"
        );
        // Only names close to the input are offered.
        assert_eq!(
            err.message().render(crate::i18n::Locale::EnUs),
            "No role matches \"clod engineer\"; did you mean Cloud Engineer?"
        );
        assert!(matches!(find(&roles, "  "), Err(LookupError::Empty { .. })));
    }

    #[test]
    fn level_errors_say_what_to_type() {
        assert_eq!(find_level("Staff"), Ok(Level::Lead));
        let err = find_level("wizard").unwrap_err();
        assert_eq!(
            err.message().render(crate::i18n::Locale::EnUs),
            "No level matches \"wizard\"; did you mean Junior, Middle, Senior, Lead or Principal?"
        );
    }
}
