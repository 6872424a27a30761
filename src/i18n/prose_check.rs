//! No text a person reads is written in the code of the app, the reports
//! or the matrix: it comes from the catalog. This check reads those
//! folders and fails on a string literal that looks like prose, outside
//! tests, log lines, panics and internal error descriptions.
//!
//! Prose, for this check: a literal with two words in it, or a capitalised
//! word ("Cancel"). Identifiers, keys, formats ("{}: {}") and file names
//! are not. A line may say why a literal is not for people with a
//! `// not prose: <why>` comment, at its end or on the line before.

use std::collections::BTreeMap;
use std::path::Path;

/// Files whose literals are not the bot's words: the synthetic matrix
/// pages that tests and benchmarks import (content), and the CSV export,
/// whose column names and values stay English so that a sheet and the
/// scripts reading it work the same whoever exported it.
const EXEMPT: &[&str] = &[
    "src/matrix/synthetic.rs",
    "src/report/csv.rs",
    // A test, compiled for tests alone.
    "src/app/layers_check.rs",
];

const FOLDERS: &[&str] = &["src/app", "src/report", "src/matrix"];

/// What opens a stretch of code whose literals are for logs or for
/// programmers: the stretch ends where its parenthesis closes.
const NOT_FOR_PEOPLE: &[&str] = &[
    "tracing::",
    "panic!(",
    "unreachable!(",
    "expect(",
    "assert!(",
    "assert_eq!(",
    "debug_assert!(",
    "caused(",
    "Internal {",
    "#[error(",
    "include_str!(",
    "concat!(",
    "debug_struct(",
    "#[allow(",
    "#[expect(",
];

#[test]
fn no_prose_literals_outside_the_catalog() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for folder in FOLDERS {
        let mut stack = vec![root.join(folder)];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    let text = std::fs::read_to_string(&path).unwrap();
                    let name = path
                        .strip_prefix(root)
                        .unwrap()
                        .display()
                        .to_string()
                        .replace('\\', "/");
                    let hits = prose_literals(&text);
                    if !hits.is_empty() && !EXEMPT.contains(&name.as_str()) {
                        found.insert(name, hits);
                    }
                }
            }
        }
    }
    let problems: Vec<String> = found
        .iter()
        .map(|(file, hits)| {
            format!(
                "{file}: text for people belongs in the catalog (data/locales):\n  {}",
                hits.join("\n  ")
            )
        })
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// "line N: the literal" for each prose literal outside tests.
fn prose_literals(text: &str) -> Vec<String> {
    // Tests are at the end of a file, after `#[cfg(test)]`.
    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
    let mut hits = Vec::new();
    let mut skip_depth: Option<usize> = None;
    let mut depth = 0usize;
    let mut exempt_next = false;
    for (n, line) in code.lines().enumerate() {
        let trimmed = line.trim_start();
        // A `// not prose: <why>` comment exempts its line, or the line
        // after it when it stands alone.
        let exempt = std::mem::take(&mut exempt_next);
        if trimmed.starts_with("//") {
            exempt_next = trimmed.contains("not prose:");
            continue;
        }
        if exempt || line.contains("// not prose:") {
            continue;
        }
        if skip_depth.is_none() && NOT_FOR_PEOPLE.iter().any(|m| line.contains(m)) {
            skip_depth = Some(depth);
        }
        let mut chars = line.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            match c {
                '(' | '{' | '[' => depth += 1,
                ')' | '}' | ']' => depth = depth.saturating_sub(1),
                '\'' => {
                    // A char literal such as '"' or '\n'; a lifetime has no
                    // closing quote nearby.
                    let rest = &line[i + 1..];
                    if let Some(end) = rest
                        .char_indices()
                        .skip(1)
                        .take(3)
                        .find(|(_, c)| *c == '\'')
                    {
                        for _ in 0..end.0 + 1 {
                            chars.next();
                        }
                    }
                }
                '"' => {
                    let mut literal = String::new();
                    while let Some((_, s)) = chars.next() {
                        match s {
                            '\\' => {
                                chars.next();
                                literal.push(' ');
                            }
                            '"' => break,
                            other => literal.push(other),
                        }
                    }
                    if skip_depth.is_none() && is_prose(&literal) {
                        hits.push(format!("line {}: {literal:?}", n + 1));
                    }
                }
                _ => {}
            }
        }
        if skip_depth.is_some_and(|d| depth <= d) && !line.trim_end().ends_with(['(', '{', ',']) {
            skip_depth = None;
        }
    }
    hits
}

fn is_prose(literal: &str) -> bool {
    let words: Vec<&str> = literal
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .collect();
    // Two lowercase words alone are a name ("team gaps", a command's).
    let a_name = literal.split_whitespace().count() <= 2
        && literal
            .chars()
            .all(|c| c.is_lowercase() || matches!(c, ' ' | '-' | '_' | ':'));
    let spaced = literal.contains(' ') && words.len() >= 2 && !a_name;
    let capitalised = words.len() == 1
        && literal.trim() == words[0]
        && words[0].chars().next().is_some_and(char::is_uppercase)
        && words[0].chars().skip(1).all(char::is_lowercase);
    spaced || capitalised
}

#[test]
fn the_check_sees_prose_and_passes_code() {
    let code = r#"
fn f() {
    let a = "Pick one of the buttons";
    let b = "Cancel";
    let c = format!("{}: {}", x, y);
    let d = "serverless";
    tracing::info!(
        who = %x,
        "message delivered to someone"
    );
    let e = x.expect("the clock is monotonic here");
    let f = "UTC"; // not prose: a zone's name
}
"#;
    let hits = prose_literals(code);
    assert_eq!(hits.len(), 2, "{hits:?}");
    assert!(hits[0].contains("Pick one"));
    assert!(hits[1].contains("Cancel"));
}
