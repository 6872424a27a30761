//! A command typed as one line of text, as the console reads it and a
//! chat platform hands a slash command's text: `skill serverless senior
//! role:"Cloud Engineer"`. Options by position or as `name:value`, values
//! with spaces in quotes, a flag by its name alone. Any text front end uses
//! it, so a line means the same everywhere and is refused the same way.
//! Where it was typed (`Source`) decides only what a member, a channel, a
//! platform role and a file can be written as.

use crate::app::spec::{self, CommandSpec, Kind, OptionSpec};
use crate::app::{Action, ChannelRef, RoleRef, Upload, UserRef, Value};
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

/// Where a line was typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A terminal: members, channels and roles by name, a file by its path
    /// on this machine.
    Terminal,
    /// A chat's slash command (Slack's): members, channels and user groups
    /// as the platform escapes them (`<@U123|ann>`, `<#C123|general>`,
    /// `<!subteam^S123|@leads>`), `&lt;` `&gt;` `&amp;` for what the user
    /// typed as `<` `>` `&`, and no files: a path would name a file of the
    /// bot's own machine.
    Chat,
}

/// `skill serverless senior role:"Cloud Engineer"` -> the /skill command,
/// as typed at a terminal.
pub fn parse_command(line: &str) -> Result<Action, Msg> {
    parse_line(line, Source::Terminal)
}

/// A line typed at `source` as a command.
pub fn parse_line(line: &str, source: Source) -> Result<Action, Msg> {
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
            options.push((
                option.name.to_string(),
                value_of(spec, option, value, source)?,
            ));
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
        // A mention in a chat, by position: `/assess serverless @ann`.
        if source == Source::Chat
            && let Some(kind) = mention_kind(word)
            && let Some(option) = spec
                .options
                .iter()
                .find(|o| o.kind == kind && !given(&options, o.name))
        {
            options.push((option.name.to_string(), chat_value(spec, option, word)?));
            open_skill = None;
            continue;
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
        options.push((
            option.name.to_string(),
            value_of(spec, option, word, source)?,
        ));
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

fn value_of(
    spec: &CommandSpec,
    option: &OptionSpec,
    text: &str,
    source: Source,
) -> Result<Value, Msg> {
    if source == Source::Chat {
        return chat_value(spec, option, text);
    }
    Ok(match option.kind {
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

/// A value typed in a chat's slash command.
fn chat_value(spec: &CommandSpec, option: &OptionSpec, text: &str) -> Result<Value, Msg> {
    let input = crate::text::shorten(text, crate::text::QUOTED_CHARS);
    let (name, usage) = (option.name, spec.usage());
    Ok(match option.kind {
        Kind::File => return Err(msg!("line-file-in-chat", usage = usage)),
        Kind::User => {
            let (id, label) = escaped(text, "@").ok_or_else(|| {
                msg!(
                    "line-not-a-mention",
                    name = name,
                    input = input,
                    usage = usage
                )
            })?;
            Value::User(UserRef {
                display_name: label.unwrap_or(id).to_string(),
                id: id.to_string(),
            })
        }
        Kind::Channel => {
            let (id, label) = escaped(text, "#").ok_or_else(|| {
                msg!(
                    "line-not-a-channel",
                    name = name,
                    input = input,
                    usage = usage
                )
            })?;
            Value::Channel(ChannelRef {
                name: label.unwrap_or(id).to_string(),
                id: id.to_string(),
            })
        }
        Kind::PlatformRole => {
            let (id, label) = escaped(text, "!subteam^").ok_or_else(|| {
                msg!(
                    "line-not-a-group",
                    name = name,
                    input = input,
                    usage = usage
                )
            })?;
            Value::Role(RoleRef {
                name: label.unwrap_or(id).trim_start_matches('@').to_string(),
                id: id.to_string(),
            })
        }
        _ => Value::Text(unescape(text)),
    })
}

/// The kind of option a chat's escaped mention fills.
fn mention_kind(word: &str) -> Option<Kind> {
    if !word.ends_with('>') {
        return None;
    }
    [
        ("<@", Kind::User),
        ("<#", Kind::Channel),
        ("<!subteam^", Kind::PlatformRole),
    ]
    .into_iter()
    .find(|(sigil, _)| word.starts_with(sigil))
    .map(|(_, kind)| kind)
}

/// `<{sigil}ID|label>` or `<{sigil}ID>`: the id and the label.
fn escaped<'t>(text: &'t str, sigil: &str) -> Option<(&'t str, Option<&'t str>)> {
    let inner = text
        .strip_prefix('<')?
        .strip_suffix('>')?
        .strip_prefix(sigil)?;
    let (id, label) = match inner.split_once('|') {
        Some((id, label)) => (id, Some(label).filter(|l| !l.is_empty())),
        None => (inner, None),
    };
    let plain_id = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric());
    plain_id.then_some((id, label))
}

/// Text as the user typed it: Slack escapes `&`, `<` and `>`.
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
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

    fn chat(line: &str) -> Result<Vec<(String, Value)>, String> {
        parse_line(line, Source::Chat).map(options).map_err(said)
    }

    #[test]
    fn a_chat_line_takes_members_channels_and_groups_as_the_platform_escapes_them() {
        let o = chat("assess serverless member:<@U123ABC|ann>").unwrap();
        assert_eq!(
            o[1].1,
            Value::User(UserRef {
                id: "U123ABC".into(),
                display_name: "ann".into()
            })
        );
        let o = chat("assess serverless <@U9>").unwrap();
        assert!(matches!(&o[1].1, Value::User(u) if u.id == "U9" && u.display_name == "U9"));
        let o = chat("checkin digest-channel <#C42|team-leads>").unwrap();
        assert_eq!(
            o[0].1,
            Value::Channel(ChannelRef {
                id: "C42".into(),
                name: "team-leads".into()
            })
        );
        let o = chat("config lead-role <!subteam^S77|@leads>").unwrap();
        assert_eq!(
            o[0].1,
            Value::Role(RoleRef {
                id: "S77".into(),
                name: "leads".into()
            })
        );
        let o = chat("skill \"R&amp;D &lt;ops&gt;\"").unwrap();
        assert_eq!(o[0].1, Value::Text("R&D <ops>".into()));
    }

    #[test]
    fn a_chat_line_refuses_plain_names_and_files_and_says_what_to_type() {
        let e = chat("assess serverless member:ann").unwrap_err();
        assert!(e.contains("type @ and pick them"), "{e}");
        assert!(chat("assess serverless member:<@U1 x>").is_err());
        let e = chat("matrix import file:/etc/passwd").unwrap_err();
        assert!(e.contains("text:"), "{e}");
        assert!(!e.contains("root:"), "{e}");
        let e = chat("checkin digest-channel general").unwrap_err();
        assert!(e.contains("#"), "{e}");
        // The terminal still takes names and paths.
        assert!(parse_command("assess serverless member:ann").is_ok());
    }
}
