//! A command typed as one line of text, as the console reads it and a
//! chat platform hands a slash command's text: `skill serverless senior
//! role:"Cloud Engineer"`. Options by position or as `name:value`, values
//! with spaces in quotes, a flag by its name alone. Any text front end uses
//! it, so a line means the same everywhere and is refused the same way.

use crate::app::spec::{self, CommandSpec, Kind};
use crate::app::{Action, Upload, UserRef, Value};
use crate::i18n::Msg;
use crate::msg;
use std::path::Path;

/// The line with a `#` that starts a word (`#team-leads`, as a channel is
/// typed in chat) escaped, so that the shell-like splitting does not take
/// it for a comment.
fn keep_hashes(line: &str) -> std::borrow::Cow<'_, str> {
    if !line.contains('#') {
        return std::borrow::Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len() + 4);
    let (mut quote, mut previous) = (None, ' ');
    for c in line.chars() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '#') if previous.is_whitespace() => out.push('\\'),
            _ => {}
        }
        out.push(c);
        previous = c;
    }
    std::borrow::Cow::Owned(out)
}

/// `skill serverless senior role:"Cloud Engineer"` -> the /skill command.
pub fn parse_command(line: &str) -> Result<Action, Msg> {
    let words = shlex::split(&keep_hashes(line)).ok_or_else(|| msg!("line-unbalanced-quotes"))?;
    let (spec, rest) = match words.as_slice() {
        [first, second, rest @ ..] if spec::find(&format!("{first} {second}")).is_some() => {
            (spec::find(&format!("{first} {second}")), rest)
        }
        [first, rest @ ..] => (spec::find(first), rest),
        [] => return Err(msg!("line-no-command")),
    };
    let Some(spec) = spec else {
        let word = words.first().map(String::as_str).unwrap_or_default();
        let word = crate::text::shorten(word, crate::text::QUOTED_CHARS);
        let group: Vec<String> = spec::COMMANDS
            .iter()
            .filter(|c| c.name.starts_with(&format!("{word} ")))
            .map(|c| format!("/{}", c.name))
            .collect();
        return Err(if group.is_empty() {
            msg!("line-unknown-command", name = word)
        } else {
            msg!(
                "line-needs-subcommand",
                name = word,
                commands = crate::i18n::list(group)
            )
        });
    };
    let mut options: Vec<(String, Value)> = Vec::new();
    let given = |options: &[(String, Value)], name: &str| options.iter().any(|(n, _)| n == name);
    // The skill option that words without a place of their own join, as
    // one types a name of several words; the app reads a role off its end.
    let mut open_skill: Option<usize> = None;
    for word in rest {
        let named = word.split_once(':').and_then(|(name, value)| {
            spec.options
                .iter()
                .find(|o| o.name == name)
                .map(|o| (o, value))
        });
        if let Some((option, value)) = named {
            options.push((option.name.to_string(), value_of(spec, option.kind, value)?));
            open_skill = None;
            continue;
        }
        if looks_like_option(word) {
            let known: Vec<&str> = spec.options.iter().map(|o| o.name).collect();
            return Err(msg!(
                "option-unknown",
                command = spec.name,
                name = crate::text::shorten(
                    word.split(':').next().unwrap_or_default(),
                    crate::text::QUOTED_CHARS
                ),
                options = crate::i18n::list(known),
                usage = spec.usage()
            ));
        }
        // A flag by its name alone: `/skill serverless senior next`.
        if let Some(flag) = spec.options.iter().find(|o| {
            o.kind == Kind::Bool && o.name == word.to_lowercase() && !given(&options, o.name)
        }) {
            options.push((flag.name.to_string(), Value::Bool(true)));
            open_skill = None;
            continue;
        }
        // An on/off switch by its value alone: `/checkin me off` (not
        // where "on" may be part of a skill's name).
        let names_skills = spec
            .options
            .iter()
            .any(|o| matches!(o.kind, Kind::Skill | Kind::Skills));
        if let Some(switch) = spec
            .options
            .iter()
            .find(|o| o.kind == Kind::Bool && !given(&options, o.name))
            .filter(|_| !names_skills && matches!(word.to_lowercase().as_str(), "on" | "off"))
        {
            options.push((switch.name.to_string(), Value::Text(word.clone())));
            open_skill = None;
            continue;
        }
        // A number where a number is asked: `/team trend serverless 12`.
        if let Some(number) = spec
            .options
            .iter()
            .find(|o| o.kind == Kind::Number && !given(&options, o.name))
            .filter(|_| word.parse::<u32>().is_ok())
        {
            options.push((number.name.to_string(), Value::Text(word.clone())));
            open_skill = None;
            continue;
        }
        // A level wherever it stands: `/skill serverless cloud senior`. A
        // number that is no level (`-3`, `.5`) is taken as one too, to be
        // refused as a level rather than read as part of a skill's name.
        let number_like = word.chars().any(|c| c.is_ascii_digit())
            && word
                .chars()
                .all(|c| c.is_ascii_digit() || "+-.,".contains(c));
        if let Some(level) = spec
            .options
            .iter()
            .find(|o| o.kind == Kind::Level && !given(&options, o.name))
            .filter(|_| number_like || crate::matrix::Level::parse(word).is_some())
        {
            options.push((level.name.to_string(), Value::Text(word.clone())));
            open_skill = None;
            continue;
        }
        if let Some(at) = open_skill
            && let (_, Value::Text(text)) = &mut options[at]
        {
            text.push(' ');
            text.push_str(word);
            continue;
        }
        let Some(option) = spec
            .options
            .iter()
            .find(|o| !given(&options, o.name) && !matches!(o.kind, Kind::Level | Kind::Bool))
        else {
            return Err(msg!(
                "line-too-many-words",
                command = spec.name,
                usage = spec.usage()
            ));
        };
        if matches!(option.kind, Kind::Skill | Kind::Skills) {
            open_skill = Some(options.len());
        }
        options.push((option.name.to_string(), value_of(spec, option.kind, word)?));
    }
    Ok(Action::Command {
        name: spec.name.to_string(),
        options,
    })
}

/// `colour:red`, but not `https://...` or `Europe/Berlin`.
fn looks_like_option(word: &str) -> bool {
    word.split_once(':').is_some_and(|(name, value)| {
        !name.is_empty()
            && name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-' || c == '_')
            && !value.starts_with('/')
    })
}

fn value_of(spec: &CommandSpec, kind: Kind, text: &str) -> Result<Value, Msg> {
    Ok(match kind {
        Kind::File => {
            let path = Path::new(text);
            let bytes = std::fs::read(path).map_err(|e| {
                msg!(
                    "line-file-unreadable",
                    file = text,
                    error = e.to_string(),
                    usage = spec.usage()
                )
            })?;
            let name = path
                .file_name()
                .and_then(|n| n.to_str())
                .unwrap_or(text)
                .to_string();
            Value::File(Upload { name, bytes })
        }
        Kind::User => {
            let name = text.trim_start_matches('@').to_string();
            Value::User(UserRef {
                id: name.to_lowercase(),
                display_name: name,
            })
        }
        _ => Value::Text(text.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn said(m: Msg) -> String {
        m.render(crate::i18n::Locale::EnUs)
    }

    fn options(action: Action) -> Vec<(String, Value)> {
        match action {
            Action::Command { options, .. } => options,
            _ => panic!("not a command"),
        }
    }

    #[test]
    fn positional_and_named_options() {
        let o = options(
            parse_command(r#"skill skill:serverless level:senior role:"Cloud Engineer""#).unwrap(),
        );
        assert_eq!(o[2], ("role".into(), Value::Text("Cloud Engineer".into())));
        let o = options(parse_command("skill serverless senior").unwrap());
        assert_eq!(o[0], ("skill".into(), Value::Text("serverless".into())));
        assert_eq!(o[1], ("level".into(), Value::Text("senior".into())));
        let o = options(parse_command("skill level:lead serverless").unwrap());
        assert_eq!(o[1], ("skill".into(), Value::Text("serverless".into())));
        let o = options(parse_command("profile timezone:Europe/Berlin").unwrap());
        assert_eq!(o[0].0, "timezone");
    }

    #[test]
    fn subcommands_and_mistakes() {
        assert!(
            matches!(parse_command("matrix list"), Ok(Action::Command { name, .. }) if name == "matrix list")
        );
        assert_eq!(
            said(parse_command("matrix").unwrap_err()),
            "/matrix needs one of: /matrix list, /matrix import, /matrix reload, /matrix remove."
        );
        assert!(said(parse_command("skil x").unwrap_err()).contains("There is no /skil command"));
        assert!(said(parse_command("skill \"open").unwrap_err()).contains("quotes"));
        // Words without a place join a skill's name (the app reads a role
        // off its end); other commands have no room for them.
        assert!(
            matches!(parse_command("skill cold starts principal next"), Ok(Action::Command { options, .. })
            if options == [
                ("skill".to_string(), Value::Text("cold starts".into())),
                ("level".to_string(), Value::Text("principal".into())),
                ("next".to_string(), Value::Bool(true)),
            ])
        );
        assert!(
            said(parse_command("profile ce Europe/Berlin extra").unwrap_err())
                .contains("Too many words")
        );
        assert!(
            crate::markup::plain(&said(parse_command("skill a b colour:red").unwrap_err()))
                .contains("has no option `colour`")
        );
        assert!(parse_command("matrix import text:https://example.test/x slug:x").is_ok());
    }
}
