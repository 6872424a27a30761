//! The catalog against the code: every id the code names exists, with the
//! arguments the code passes; every message is used; each one formats.

use super::*;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every message of a locale's files with the variables it uses.
fn messages(locale: Locale) -> BTreeMap<String, BTreeSet<String>> {
    let mut out = BTreeMap::new();
    for (name, text) in files::for_locale(locale) {
        let resource = fluent_syntax::parser::parse(*text)
            .unwrap_or_else(|(_, errors)| panic!("{name} does not parse: {errors:?}"));
        for entry in resource.body {
            if let ast::Entry::Message(m) = entry {
                let mut vars = BTreeSet::new();
                if let Some(p) = &m.value {
                    pattern_vars(p, &mut vars);
                }
                out.insert(m.id.name.to_string(), vars);
            }
        }
    }
    out
}

/// The ids of the messages a message refers to.
fn references(locale: Locale) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (_, text) in files::for_locale(locale) {
        // A reference is `{ id }` or `{ id.attr }`; the files are small,
        // so a look at every placeable is enough.
        for piece in text.split('{').skip(1) {
            let inner = piece.split('}').next().unwrap_or_default().trim();
            if inner
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c.is_ascii_digit())
                && !inner.is_empty()
            {
                out.insert(inner.to_string());
            }
        }
    }
    out
}

fn pattern_vars(p: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
    for element in &p.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_vars(expression, vars);
        }
    }
}

fn expression_vars(e: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Select { selector, variants } => {
            inline_vars(selector, vars);
            for v in variants {
                pattern_vars(&v.value, vars);
            }
        }
        ast::Expression::Inline(i) => inline_vars(i, vars),
    }
}

fn inline_vars(i: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            vars.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_vars(a, vars);
            }
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        ast::InlineExpression::TermReference {
            arguments: Some(arguments),
            ..
        } => {
            for a in &arguments.named {
                inline_vars(&a.value, vars);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
        _ => {}
    }
}

/// One use of a message in the code: where, its id, the argument names.
#[derive(Debug)]
struct Use {
    at: String,
    id: String,
    args: BTreeSet<String>,
}

/// Every `msg!(...)` and `tr!(...)` in src/, outside these tests.
fn uses() -> Vec<Use> {
    let mut out = Vec::new();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs")
                && !path.ends_with("i18n/tests.rs")
            {
                let text = std::fs::read_to_string(&path).unwrap();
                // Comments name messages as examples.
                let text: String = text
                    .lines()
                    .map(|l| match l.find("//") {
                        Some(at) if !l[..at].contains('"') => &l[..at],
                        _ => l,
                    })
                    .collect::<Vec<_>>()
                    .join("\n");
                scan(&path.display().to_string(), &text, &mut out);
            }
        }
    }
    out
}

fn scan(file: &str, text: &str, out: &mut Vec<Use>) {
    for (macro_name, skip_reader) in [("msg!(", false), ("tr!(", true)] {
        let mut rest = text;
        while let Some(at) = rest.find(macro_name) {
            let line = text[..text.len() - rest.len() + at].lines().count();
            rest = &rest[at + macro_name.len()..];
            let parts = top_level_parts(rest);
            let parts = if skip_reader {
                &parts[1.min(parts.len())..]
            } else {
                &parts[..]
            };
            let Some(id) = parts.first().and_then(|p| p.trim().strip_prefix('"')) else {
                continue;
            };
            let id = id.trim_end_matches('"').to_string();
            let args = parts[1..]
                .iter()
                .filter_map(|p| {
                    let (name, _) = p.split_once('=')?;
                    let name = name.trim();
                    name.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '_')
                        .then(|| name.to_string())
                })
                .filter(|n| !n.is_empty())
                .collect();
            out.push(Use {
                at: format!("{file}:{line}"),
                id,
                args,
            });
        }
    }
}

/// The comma-separated parts of a macro call up to its closing parenthesis,
/// skipping nested brackets and string literals.
fn top_level_parts(text: &str) -> Vec<String> {
    let mut parts = vec![String::new()];
    let mut depth = 0usize;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => {
                let current = parts.last_mut().unwrap();
                current.push(c);
                while let Some(s) = chars.next() {
                    current.push(s);
                    if s == '\\' {
                        if let Some(escaped) = chars.next() {
                            current.push(escaped);
                        }
                    } else if s == '"' {
                        break;
                    }
                }
                continue;
            }
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => break,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(String::new());
                continue;
            }
            _ => {}
        }
        parts.last_mut().unwrap().push(c);
    }
    parts.retain(|p| !p.trim().is_empty());
    parts
}

/// The ids of every message of the locale: for the test of commands'.
pub(crate) fn all_ids(locale: Locale) -> Vec<String> {
    messages(locale).into_keys().collect()
}

#[test]
fn every_locale_builds() {
    for locale in Locale::ALL {
        if let Err(problems) = bundle(locale) {
            panic!("{}: {problems:?}", locale.code());
        }
    }
}

#[test]
fn every_message_the_code_names_exists_with_the_arguments_it_is_given() {
    let catalog = messages(Locale::EnUs);
    let uses = uses();
    // The scan finds the code's messages (it would pass vacuously if not).
    assert!(uses.len() > 50, "only {} uses found", uses.len());
    let mut problems = Vec::new();
    for u in uses {
        match catalog.get(&u.id) {
            None => problems.push(format!("{}: no message {:?}", u.at, u.id)),
            Some(vars) if !u.args.is_subset(vars) || !vars.is_subset(&u.args) => {
                problems.push(format!(
                    "{}: {} takes {vars:?}, the code gives {:?}",
                    u.at, u.id, u.args
                ));
            }
            Some(_) => {}
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Messages are named by literal ids (`msg!`, `tr!`), so the checks above
/// see every one.
#[test]
fn no_message_id_is_made_at_run_time() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut stack = vec![root];
    let mut found = Vec::new();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if !path.ends_with("i18n") {
                    stack.push(path);
                }
            } else if std::fs::read_to_string(&path)
                .unwrap()
                .contains("Msg::new(")
            {
                found.push(path.display().to_string());
            }
        }
    }
    assert!(found.is_empty(), "use msg! with a literal id in {found:?}");
}

#[test]
fn every_message_is_used() {
    let used: BTreeSet<String> = uses().into_iter().map(|u| u.id).collect();
    let referenced = references(Locale::EnUs);
    let unused: Vec<_> = messages(Locale::EnUs)
        .into_keys()
        // Commands' descriptions are named by the command list, and
        // checked against it in `app::spec`.
        .filter(|id| !used.contains(id) && !referenced.contains(id) && !id.starts_with("cmd-"))
        .collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
}

#[test]
fn every_message_formats_with_numbers_and_with_text() {
    for locale in Locale::ALL {
        let bundle = bundle_for(locale);
        for (id, vars) in messages(locale) {
            for sample in [
                Arg::Number(0),
                Arg::Number(1),
                Arg::Number(5),
                Arg::Text("x".into()),
            ] {
                let mut args = FluentArgs::new();
                for v in &vars {
                    args.set(
                        v.clone(),
                        match &sample {
                            Arg::Number(n) => FluentValue::from(*n),
                            _ => FluentValue::from("x"),
                        },
                    );
                }
                let pattern = bundle.get_message(&id).and_then(|m| m.value()).unwrap();
                let mut errors = Vec::new();
                let text = bundle.format_pattern(pattern, Some(&args), &mut errors);
                assert!(errors.is_empty(), "{id} with {sample:?}: {errors:?}");
                assert!(!text.trim().is_empty(), "{id} is empty");
            }
        }
    }
}

#[test]
fn mentions_are_not_wrapped_in_isolation_marks_and_counts_agree() {
    let text = msg!("lead-only", command = "team summary").render(Locale::EnUs);
    assert!(!text.contains(['\u{2068}', '\u{2069}']), "{text:?}");
    assert!(
        text.starts_with("/team summary is for team leads."),
        "{text}"
    );
}

#[test]
fn a_message_can_be_an_argument_and_survives_storage() {
    let m = msg!("level-below-first");
    let stored = serde_json::to_string(&Msg::new("level-junior")).unwrap();
    let back: Msg = serde_json::from_str(&stored).unwrap();
    assert_eq!(back.render(Locale::EnUs), "Junior");
    assert!(!m.render(Locale::EnUs).is_empty());
}

#[test]
fn strong_and_code_are_references_each_front_end_renders() {
    let text = crate::markup::strong("Senior");
    assert_eq!(crate::markup::plain(&text), "Senior");
}

#[test]
fn nearest_locale_falls_back_to_english() {
    assert_eq!(Locale::nearest("en-GB"), Locale::EnUs);
    assert_eq!(Locale::nearest("xx"), Locale::EnUs);
    assert_eq!(Locale::nearest("EN-us"), Locale::EnUs);
}

#[test]
fn dates_are_written_with_the_catalogs_month_names() {
    let day = chrono::NaiveDate::from_ymd_opt(2026, 10, 5).unwrap();
    assert_eq!(date(Locale::EnUs, day), "5 Oct 2026");
    assert_eq!(day_month(Locale::EnUs, day), "5 Oct");
    let december = chrono::NaiveDate::from_ymd_opt(2026, 12, 31).unwrap();
    assert_eq!(date(Locale::EnUs, december), "31 Dec 2026");
}
