//! Importer for the skill pages of the public skill-matrix site.
//!
//! The page header is positional and the same in every interface language,
//! so it is read by position, not by label: labels are only a hint for the
//! date format. The tables follow, one per level, lowest level first.

use super::level::Level;
use super::model::{Expectation, Skill, SkillParts, is_valid_slug, name_from_slug};
use super::toml_file::FileError;
use crate::i18n::Msg;
use crate::msg;
use chrono::NaiveDate;
use std::collections::BTreeSet;
use std::fmt;
use std::path::Path;

/// Why a page was refused, and where.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub struct PageError {
    /// 1-based line of the page, when the fault is on one line.
    pub line: Option<usize>,
    pub message: Msg,
}

impl PageError {
    /// What to tell the reader, with the line.
    pub fn msg(&self) -> Msg {
        match self.line {
            Some(line) => msg!("page-error-line", line = line, fault = &self.message),
            None => self.message.clone(),
        }
    }
}

/// In English, for the command line and the log.
impl fmt::Display for PageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.msg().render(crate::i18n::Locale::EnUs))
    }
}

fn err(line: usize, message: Msg) -> PageError {
    PageError {
        line: Some(line),
        message,
    }
}

fn err_page(message: Msg) -> PageError {
    PageError {
        line: None,
        message,
    }
}

/// What the page does not say about itself.
#[derive(Clone, Debug)]
pub struct ImportOptions {
    pub slug: String,
    /// Defaults to the slug in title case.
    pub name: Option<String>,
}

impl ImportOptions {
    /// Options for a page file: the slug is the file name up to its first dot.
    pub fn for_file(path: &Path, slug: Option<String>, name: Option<String>) -> Self {
        let slug = slug.unwrap_or_else(|| default_slug(path));
        ImportOptions { slug, name }
    }
}

/// The file name up to its first dot, lowercased.
pub fn default_slug(path: &Path) -> String {
    let file = path
        .file_name()
        .and_then(|f| f.to_str())
        .unwrap_or_default();
    file.split('.').next().unwrap_or_default().to_lowercase()
}

/// Header lines before the tables, by position (0-based among non-empty lines).
const DOMAIN: usize = 1;
const TAGS: usize = 3;
const ROLES: usize = 5;
const LEVELS: usize = 8;
const REQUIRED: usize = 11;
const OPTIONAL: usize = 12;
const DOMAIN_AGAIN: usize = 13;
const GROUP: usize = 14;
const DATE: usize = 15;
const HEADER_LINES: usize = 16;

pub fn import_page(text: &str, options: &ImportOptions) -> Result<Skill, PageError> {
    if !is_valid_slug(&options.slug) {
        return Err(err_page(msg!("page-bad-slug", slug = &options.slug)));
    }
    let text = &*crate::text::without_reserved(text);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<(usize, &str)> = text
        .lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim()))
        .filter(|(_, l)| !l.is_empty())
        .collect();
    let first_row = lines
        .iter()
        .position(|(_, l)| l.starts_with('|'))
        .ok_or_else(|| err_page(msg!("page-no-tables")))?;
    let header = &lines[..first_row];
    if header.len() < HEADER_LINES {
        return Err(err_page(msg!(
            "page-header-short",
            least = HEADER_LINES,
            count = header.len()
        )));
    }
    let promised = Counts {
        roles: count_at(header, ROLES, "roles")?,
        levels: count_at(header, LEVELS, "levels")?,
        required: count_at(header, REQUIRED, "required")?,
        optional: optional_count(header[OPTIONAL])?,
    };
    let (domain_line, domain) = header[DOMAIN];
    let (again_line, again) = header[DOMAIN_AGAIN];
    if domain != again {
        return Err(err(
            again_line,
            msg!(
                "page-domain-again",
                domain = domain,
                first = domain_line,
                found = again
            ),
        ));
    }
    let order = DateOrder::for_label(header[0].1);
    let updated = parse_date(header[DATE].1, order).map_err(|m| err(header[DATE].0, m))?;

    let tables = parse_tables(&lines[first_row..])?;
    let levels = Level::top(tables.len())
        .ok_or_else(|| err_page(msg!("page-tables-count", count = tables.len())))?;

    let mut expectations = Vec::new();
    let mut rows_at = Vec::new();
    for (table, level) in tables.iter().zip(levels) {
        for row in table {
            expectations.push(Expectation {
                level: *level,
                role: row.role.clone(),
                required: row.required,
                description: row.description.clone(),
            });
            rows_at.push(row.line);
        }
    }
    let found = Counts {
        roles: expectations
            .iter()
            .map(|e| e.role.as_str())
            .collect::<BTreeSet<_>>()
            .len(),
        levels: tables.len(),
        required: expectations.iter().filter(|e| e.required).count(),
        optional: expectations.iter().filter(|e| !e.required).count(),
    };
    if found != promised {
        return Err(err_page(msg!(
            "page-counts-differ",
            promised = promised.msg(),
            found = found.msg()
        )));
    }

    let name = options
        .name
        .clone()
        .unwrap_or_else(|| name_from_slug(&options.slug));
    Skill::new(SkillParts {
        slug: options.slug.clone(),
        name,
        domain: domain.to_string(),
        group: header[GROUP].1.to_string(),
        tags: header[TAGS]
            .1
            .split([',', '，', '、'])
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        updated: Some(updated),
        levels: levels.to_vec(),
        expectations,
    })
    .map_err(|e| PageError {
        line: e.expectation.and_then(|i| rows_at.get(i).copied()),
        message: e.message,
    })
}

/// Reads and imports a page file; errors name the file.
pub fn import_page_file(path: &Path, options: &ImportOptions) -> Result<Skill, FileError> {
    let fail = |line, message| FileError {
        file: path.to_path_buf(),
        line,
        message,
    };
    let bytes = std::fs::read(path)
        .map_err(|e| fail(None, msg!("file-unreadable", error = e.to_string())))?;
    let text = String::from_utf8(bytes).map_err(|_| fail(None, msg!("page-not-utf8")))?;
    import_page(&text, options).map_err(|e| fail(e.line, e.message))
}

#[derive(Debug, PartialEq, Eq)]
struct Counts {
    roles: usize,
    levels: usize,
    required: usize,
    optional: usize,
}

impl Counts {
    fn msg(&self) -> Msg {
        msg!(
            "page-counts",
            roles = self.roles,
            levels = self.levels,
            required = self.required,
            optional = self.optional
        )
    }
}

/// A count of the header; `what` is a key of the catalog's `page-count`.
fn count_at(header: &[(usize, &str)], at: usize, what: &'static str) -> Result<usize, PageError> {
    let (line, text) = header[at];
    text.parse()
        .map_err(|_| err(line, msg!("page-count-expected", what = what, found = text)))
}

/// "the other 4 optional", "其余 4 个可选": the one number on the line.
fn optional_count((line, text): (usize, &str)) -> Result<usize, PageError> {
    let numbers: Vec<&str> = text
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .collect();
    match numbers.as_slice() {
        [n] => n
            .parse()
            .map_err(|_| err(line, msg!("page-optional-too-large", count = *n))),
        _ => Err(err(line, msg!("page-optional-expected", found = text))),
    }
}

/// How an interface language writes a date with slashes. Only the order of
/// day and month needs a hint; a four-digit first part is always a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum DateOrder {
    MonthFirst,
    DayFirst,
    Unknown,
}

impl DateOrder {
    /// The label of the page's first line (the word for "Domain").
    fn for_label(label: &str) -> DateOrder {
        match label {
            "Domain" => DateOrder::MonthFirst, // not prose: the site's label
            // not prose: the site's labels, read, never written
            "Domäne" | "Dominio" | "Domaine" | "Domínio" | "Домен" | "Dziedzina" | "Alan" => {
                DateOrder::DayFirst
            }
            _ => DateOrder::Unknown,
        }
    }
}

fn parse_date(text: &str, order: DateOrder) -> Result<NaiveDate, Msg> {
    let bad = || msg!("page-date-expected", found = text);
    let parts: Vec<&str> = text
        .trim_end_matches(['.', '日'])
        .split(['/', '.', '-', '年', '月'])
        .map(str::trim)
        .collect();
    let [a, b, c] = parts.as_slice() else {
        return Err(bad());
    };
    let num = |s: &str| -> Result<u32, Msg> {
        if s.is_empty() || s.len() > 4 || !s.bytes().all(|b| b.is_ascii_digit()) {
            Err(bad())
        } else {
            s.parse().map_err(|_| bad())
        }
    };
    let (x, y, z) = (num(a)?, num(b)?, num(c)?);
    let (year, month, day) = if a.len() == 4 {
        (x, y, z)
    } else if c.len() == 4 {
        let day_first = match order {
            _ if text.contains('.') => true,
            DateOrder::MonthFirst => false,
            DateOrder::DayFirst => true,
            DateOrder::Unknown if x > 12 => true,
            DateOrder::Unknown if y > 12 => false,
            DateOrder::Unknown => {
                return Err(msg!("page-date-ambiguous", date = text));
            }
        };
        if day_first { (z, y, x) } else { (z, x, y) }
    } else {
        return Err(bad());
    };
    i32::try_from(year)
        .ok()
        .and_then(|y| NaiveDate::from_ymd_opt(y, month, day))
        .ok_or_else(|| msg!("page-date-unreal", date = text))
}

struct Row {
    line: usize,
    role: String,
    required: bool,
    description: String,
}

/// Splits the table part of the page into one list of rows per table.
fn parse_tables(lines: &[(usize, &str)]) -> Result<Vec<Vec<Row>>, PageError> {
    let mut tables: Vec<Vec<Row>> = Vec::new();
    let mut required_word: Option<(String, usize)> = None;
    let mut i = 0;
    while i < lines.len() {
        let (line, text) = lines[i];
        let cells = split_row(line, text)?;
        let next_is_rule = lines.get(i + 1).is_some_and(|(_, t)| is_rule(t));
        if next_is_rule {
            if cells.len() != 3 {
                return Err(err(line, msg!("page-header-columns", count = cells.len())));
            }
            tables.push(Vec::new());
            i += 2;
            continue;
        }
        let Some(table) = tables.last_mut() else {
            return Err(err(line, msg!("page-table-header-expected")));
        };
        if is_rule(text) {
            return Err(err(line, msg!("page-rule-without-header")));
        }
        let row = parse_row(line, cells, &mut required_word)?;
        if table.iter().any(|r| r.role == row.role) {
            return Err(err(line, msg!("page-role-twice", role = &row.role)));
        }
        table.push(row);
        i += 1;
    }
    Ok(tables)
}

fn parse_row(
    line: usize,
    cells: Vec<String>,
    required_word: &mut Option<(String, usize)>,
) -> Result<Row, PageError> {
    let mut cells = cells.into_iter();
    let (role, second, third) = match (cells.next(), cells.next(), cells.next(), cells.next()) {
        (Some(r), Some(s), third, None) => (r, s, third.unwrap_or_default()),
        _ => return Err(err(line, msg!("page-row-columns"))),
    };
    if role.is_empty() {
        return Err(err(line, msg!("page-role-empty")));
    }
    let (required, description) = match (second.is_empty(), third.is_empty()) {
        (false, true) => (false, second),
        (false, false) => {
            match required_word {
                Some((word, first)) if *word != second => {
                    return Err(err(
                        line,
                        msg!(
                            "page-required-marker",
                            word = word.as_str(),
                            first = *first,
                            found = second.as_str()
                        ),
                    ));
                }
                Some(_) => {}
                None => *required_word = Some((second, line)),
            }
            (true, third)
        }
        _ => return Err(err(line, msg!("page-no-description", role = &role))),
    };
    Ok(Row {
        line,
        role,
        required,
        description,
    })
}

/// The cells of a `| a | b | c |` row, trimmed, with `\|` unescaped.
fn split_row(line: usize, text: &str) -> Result<Vec<String>, PageError> {
    let Some(inner) = text.strip_prefix('|') else {
        return Err(err(line, msg!("page-row-expected", found = shorten(text))));
    };
    if !inner.ends_with('|') || inner.ends_with("\\|") {
        return Err(err(line, msg!("page-row-unended")));
    }
    let inner = &inner[..inner.len() - 1];
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell).trim().to_string()),
            _ => cell.push(c),
        }
    }
    cells.push(cell.trim().to_string());
    Ok(cells)
}

fn is_rule(text: &str) -> bool {
    text.starts_with('|')
        && text.contains('-')
        && text.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

fn shorten(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_interface_language() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            parse_date("3/17/2026", DateOrder::MonthFirst),
            Ok(d(2026, 3, 17))
        );
        assert_eq!(
            parse_date("3/4/2026", DateOrder::MonthFirst),
            Ok(d(2026, 3, 4))
        );
        assert_eq!(
            parse_date("3/4/2026", DateOrder::DayFirst),
            Ok(d(2026, 4, 3))
        );
        assert_eq!(
            parse_date("17.3.2026", DateOrder::Unknown),
            Ok(d(2026, 3, 17))
        );
        assert_eq!(
            parse_date("2026/3/17", DateOrder::Unknown),
            Ok(d(2026, 3, 17))
        );
        assert_eq!(
            parse_date("17/3/2026", DateOrder::Unknown),
            Ok(d(2026, 3, 17))
        );
        assert_eq!(
            parse_date("2026年3月17日", DateOrder::Unknown),
            Ok(d(2026, 3, 17))
        );
        assert!(
            parse_date("3/4/2026", DateOrder::Unknown)
                .unwrap_err()
                .render(crate::i18n::Locale::EnUs)
                .contains("day first or month first")
        );
        assert!(
            parse_date("2026/13/1", DateOrder::Unknown)
                .unwrap_err()
                .render(crate::i18n::Locale::EnUs)
                .contains("not a real date")
        );
        assert!(parse_date("yesterday", DateOrder::Unknown).is_err());
        assert!(parse_date("1/2/3/4", DateOrder::Unknown).is_err());
    }

    #[test]
    fn rows_split_on_unescaped_bars_only() {
        let cells = split_row(1, r"| A | x \| y | |").unwrap();
        assert_eq!(cells, vec!["A", "x | y", ""]);
        assert!(
            split_row(1, "| A | cut off")
                .unwrap_err()
                .message
                .render(crate::i18n::Locale::EnUs)
                .contains("cut off")
        );
    }
}
