//! `skillbot console`: a REPL on the app, typed like a chat box. Buttons and
//! select options are numbered and picked by number; a form asks its
//! fields one per line. Reads a pipe as well as a terminal.

pub use super::typed_line::parse_command;
use crate::app::notify::BoxFuture;
use crate::app::render::to_text;
use crate::app::spec;
use crate::app::{
    Action, Actor, App, Delivery, Notice, Notifier, Outcome, Recipient, Reply, Request, UserRef,
    Value,
};
use crate::team::Platform;
use crate::tr;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

#[derive(Debug)]
pub struct Session<'a> {
    pub app: &'a App,
    /// Runs the app's async calls; the console itself is a plain loop.
    pub runtime: &'a tokio::runtime::Runtime,
    pub actor: Actor,
    /// Where attachments are written.
    pub out_dir: PathBuf,
    /// Print prompts (a terminal) or not (a pipe).
    pub prompts: bool,
}

/// A notifier that keeps each message in memory, for tests and tools that
/// look at what the app sent (the console's own messages go to the app's
/// inbox).
#[derive(Debug, Default)]
pub struct ConsoleNotifier {
    sent: Mutex<Vec<Notice>>,
}

impl ConsoleNotifier {
    /// The messages sent since the last call.
    pub fn take(&self) -> Vec<Notice> {
        std::mem::take(&mut *self.sent.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

impl Notifier for ConsoleNotifier {
    fn send<'a>(&'a self, notice: &'a Notice) -> BoxFuture<'a, Delivery> {
        self.sent
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(notice.clone());
        Box::pin(async { Delivery::Delivered })
    }
}

/// What a number picks in the last reply.
enum Pick {
    Button(String),
    Choice { select: String, value: String },
}

pub fn actor(workspace: &str, name: &str, lead: bool) -> Actor {
    Actor {
        platform: Platform::Console,
        locale: crate::i18n::Locale::default(),
        workspace_id: workspace.to_string(),
        workspace_name: workspace.to_string(),
        // Typed names: ALICE is alice.
        user_id: name.to_lowercase(),
        display_name: name.to_string(),
        admin: lead,
        roles: Vec::new(),
        direct: false,
        zone: None,
    }
}

impl Session<'_> {
    pub fn run(&mut self, input: &mut dyn BufRead, out: &mut dyn Write) -> io::Result<()> {
        let r = self.actor.locale;
        writeln!(out, "{}", tr!(r, "console-welcome"))?;
        let mut picks: Vec<Pick> = Vec::new();
        // Messages kept while away (a check-in), a lead's latest digest,
        // and a dialog left open (the last session was closed or killed in
        // the middle), shown with their buttons: nothing typed is lost.
        let waiting = self.runtime.block_on(self.app.opening(&self.actor));
        if !waiting.is_empty() {
            writeln!(out, "{}", tr!(r, "console-waiting"))?;
        }
        for reply in waiting {
            let shown = self.show(&reply, out)?;
            if !shown.is_empty() {
                picks = shown;
            }
        }
        loop {
            if self.prompts {
                write!(out, "> ")?;
                out.flush()?;
            }
            let Some(line) = read_line(input)? else { break };
            let Ok(line) = line else {
                refuse(r, out, &tr!(r, "console-not-text"))?;
                continue;
            };
            let line = line.trim();
            if line.is_empty() {
                continue;
            }
            let action = match line {
                "/quit" | "/exit" => break,
                "/help" => {
                    writeln!(out, "{}", help(r))?;
                    continue;
                }
                _ if line.starts_with('/') => match parse_command(&line[1..]) {
                    Ok(action) => action,
                    Err(message) => {
                        refuse(r, out, &crate::markup::plain_for(r, &message.render(r)))?;
                        continue;
                    }
                },
                _ => match line
                    .parse::<usize>()
                    .ok()
                    .and_then(|n| picks.get(n.wrapping_sub(1)))
                {
                    Some(Pick::Button(id)) => Action::Button { id: id.clone() },
                    Some(Pick::Choice { select, value }) => Action::Select {
                        id: select.clone(),
                        values: vec![value.clone()],
                    },
                    None if picks.is_empty() && line.parse::<usize>().is_ok() => {
                        refuse(r, out, &tr!(r, "console-number-for-nothing", number = line))?;
                        continue;
                    }
                    None if picks.is_empty() => {
                        refuse(r, out, &tr!(r, "console-type-a-command"))?;
                        continue;
                    }
                    None => {
                        refuse(r, out, &tr!(r, "console-pick-a-number", most = picks.len()))?;
                        continue;
                    }
                },
            };
            if let Some(why) = self.unknown_member(&action) {
                refuse(r, out, &why)?;
                continue;
            }
            let mut reply = self.ask(action);
            while let Some(modal) = reply.modal.take() {
                match self.fill(&modal, input, out)? {
                    Some(fields) => {
                        reply = self.ask(Action::Modal {
                            id: modal.id.clone(),
                            fields,
                        });
                        // A refused form is shown with why, and asked again.
                        if reply.outcome == Outcome::Refused {
                            self.show(&reply, out)?;
                            reply.modal = Some(modal);
                        }
                    }
                    None => {
                        writeln!(out, "{}", tr!(r, "console-form-closed"))?;
                        break;
                    }
                }
            }
            let shown = self.show(&reply, out)?;
            self.deliver(&reply, out)?;
            // A number answers the buttons of the message just above: a
            // step, Save or Cancel replaces them, and so does a plain
            // answer (the conversation moved on), which has none. Only a
            // refusal (a typo) leaves them usable, as the message they
            // were for is still the last one answered.
            if reply.update || !shown.is_empty() {
                picks = shown;
            } else if reply.outcome != Outcome::Refused {
                picks.clear();
            }
        }
        Ok(())
    }

    /// Asks a form's fields one per line; `None` when the user closes it
    /// with /cancel or the input ends.
    fn fill(
        &self,
        modal: &crate::app::Modal,
        input: &mut dyn BufRead,
        out: &mut dyn Write,
    ) -> io::Result<Option<Vec<(String, String)>>> {
        let r = self.actor.locale;
        let mut fields = Vec::new();
        writeln!(out, "{}", tr!(r, "console-form", title = &modal.title))?;
        for f in &modal.fields {
            let field = if f.required {
                tr!(r, "console-form-field", label = &f.label)
            } else {
                tr!(r, "console-form-field-optional", label = &f.label)
            };
            writeln!(out, "{field}")?;
            if self.prompts {
                write!(out, "» ")?;
                out.flush()?;
            }
            let text = loop {
                match read_line(input)? {
                    Some(Ok(text)) if text.trim() == "/cancel" => return Ok(None),
                    Some(Ok(text)) => break text,
                    Some(Err(NotText)) => refuse(r, out, &tr!(r, "console-not-text"))?,
                    None => return Ok(None),
                }
            };
            fields.push((f.id.clone(), text));
        }
        Ok(Some(fields))
    }

    /// In the console a person exists once they have used it: a member
    /// named who has not is a typo (on Discord, the platform names only
    /// real users). Why the command is refused, if it is.
    fn unknown_member(&self, action: &Action) -> Option<String> {
        let Action::Command { options, .. } = action else {
            return None;
        };
        let named: Vec<&UserRef> = options
            .iter()
            .filter_map(|(_, v)| match v {
                Value::User(u) if u.id != self.actor.user_id && !u.id.trim().is_empty() => Some(u),
                _ => None,
            })
            .collect();
        if named.is_empty() {
            return None;
        }
        let members = self
            .runtime
            .block_on(self.app.members_here(&self.actor))
            .unwrap_or_default();
        let user = named.into_iter().find(|u| !members.contains(&u.id))?;
        let mut close: Vec<&String> = members
            .iter()
            .filter(|m| strsim::jaro_winkler(m, &user.id) > 0.8)
            .collect();
        close.truncate(5);
        let r = self.actor.locale;
        let hint = if close.is_empty() {
            if (1..=10).contains(&members.len()) {
                tr!(
                    r,
                    "console-members-here",
                    members = crate::i18n::list(&members)
                )
            } else {
                String::new()
            }
        } else {
            tr!(
                r,
                "console-did-you-mean",
                members = crate::i18n::list(close)
            )
        };
        Some(format!(
            "{}{hint}",
            tr!(
                r,
                "console-no-member",
                name = crate::text::shorten(&user.display_name, crate::text::QUOTED_CHARS)
            )
        ))
    }

    fn ask(&mut self, action: Action) -> Reply {
        let request = Request {
            actor: self.actor.clone(),
            action,
        };
        self.runtime.block_on(self.app.handle(&request))
    }

    /// Delivers the reply's messages for others and prints each, with a
    /// line for any that did not arrive.
    /// The messages a reply starts for others (a lead's rating, a nudge)
    /// are kept for them and shown when they next open the console; one
    /// to the asker themselves is shown now.
    fn deliver(&self, reply: &Reply, out: &mut dyn Write) -> io::Result<()> {
        let (mine, others): (Vec<_>, Vec<_>) = reply.notices.iter().cloned().partition(|n| {
            matches!(&n.to, Recipient::Member { user_id, .. } if *user_id == self.actor.user_id)
        });
        for notice in &mine {
            write!(
                out,
                "{} {}",
                tr!(self.actor, "console-dm-to-you"),
                to_text(&notice.rendered())
            )?;
        }
        let said = self
            .runtime
            .block_on(self.app.deliver(&others, self.actor.locale));
        for line in said {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    fn show(&self, reply: &Reply, out: &mut dyn Write) -> io::Result<Vec<Pick>> {
        let r = self.actor.locale;
        let mut text = to_text(reply);
        if reply.private {
            text = format!("{}\n{text}", tr!(r, "console-private"));
        }
        write!(out, "{text}")?;
        for a in &reply.attachments {
            let line = match save_new_file(&self.out_dir, &a.name, &a.bytes) {
                Ok(path) => tr!(
                    r,
                    "console-attachment-saved",
                    path = path.display().to_string(),
                    bytes = a.bytes.len()
                ),
                Err(e) => tr!(
                    r,
                    "console-attachment-failed",
                    name = &a.name,
                    error = e.to_string()
                ),
            };
            writeln!(out, "{line}")?;
        }
        let mut picks = Vec::new();
        if let Some(select) = &reply.select {
            writeln!(out, "{}:", select.placeholder)?;
            for c in &select.options {
                picks.push(Pick::Choice {
                    select: select.id.clone(),
                    value: c.value.clone(),
                });
                writeln!(out, "  [{}] {}", picks.len(), c.label)?;
            }
        }
        let mut buttons = Vec::new();
        for b in &reply.buttons {
            picks.push(Pick::Button(b.id.clone()));
            buttons.push(format!("[{}] {}", picks.len(), b.label));
        }
        if !buttons.is_empty() {
            writeln!(out, "{}", buttons.join("  "))?;
        }
        Ok(picks)
    }
}

/// A line of input: `Ok(None)` at the end, `Err` for bytes that are not
/// UTF-8 (the line is consumed, the session goes on).
type Line = Result<String, NotText>;

/// A line that is not UTF-8 text.
struct NotText;

/// Writes `bytes` to a file named `name` in `dir`, or `name-2`, `name-3`
/// and so on when that exists: an export never replaces another.
fn save_new_file(dir: &Path, name: &str, bytes: &[u8]) -> io::Result<PathBuf> {
    let (stem, extension) = match name.rsplit_once('.') {
        Some((stem, ext)) => (stem, format!(".{ext}")),
        None => (name, String::new()),
    };
    for n in 1..=10_000u32 {
        let candidate = if n == 1 {
            dir.join(name)
        } else {
            dir.join(format!("{stem}-{n}{extension}"))
        };
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&candidate)
        {
            Ok(mut file) => {
                file.write_all(bytes)?;
                return Ok(candidate);
            }
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("no free file name"))
}

/// A refusal the console itself makes (a line it cannot read), marked as
/// private as the app's own refusals are.
fn refuse(r: crate::i18n::Locale, out: &mut dyn Write, text: &str) -> io::Result<()> {
    writeln!(out, "{}\n{text}", tr!(r, "console-private"))
}

fn read_line(input: &mut dyn BufRead) -> io::Result<Option<Line>> {
    let mut bytes = Vec::new();
    if input.read_until(b'\n', &mut bytes)? == 0 {
        return Ok(None);
    }
    Ok(Some(match String::from_utf8(bytes) {
        Ok(line) => Ok(line.trim_end_matches(['\n', '\r']).to_string()),
        Err(_) => Err(NotText),
    }))
}

fn help(r: crate::i18n::Locale) -> String {
    let mut text = tr!(r, "console-help");
    text.push('\n');
    for c in spec::COMMANDS {
        let line = if c.lead_only {
            tr!(
                r,
                "console-help-lead-line",
                usage = c.usage(),
                description = c.description(r)
            )
        } else {
            tr!(
                r,
                "console-help-line",
                usage = c.usage(),
                description = c.description(r)
            )
        };
        text.push_str(&line);
        text.push('\n');
    }
    text.push_str(&tr!(r, "console-help-quit"));
    text
}
