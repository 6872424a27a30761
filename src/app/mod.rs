//! The use cases, for every chat front end. A front end hands `App::handle`
//! a request (who asks, what they did) and renders the platform-neutral
//! `Reply` it gets back. The app owns its database, its clock and the
//! notifier of each platform for the messages it starts itself;
//! permissions are decided here, not in the front ends.
//!
//! Three layers (ARCHITECTURE.md draws them):
//! - `protocol`: what front ends and features say to each other (request,
//!   reply, markup, component ids, notices, the command spec);
//! - `core`: the `App`, one request in progress (`Ctx`), errors, ids,
//!   dialogs as stored, the matrix's shared views; no feature in it;
//! - one folder per feature (`assess`, `checkin`, `skill`, ...), which
//!   imports `core` and `protocol` and no other feature (check-in opens
//!   assessments and the profile shows the next check-in: the two
//!   dependencies a test allows);
//! - and this router, which lists them: `commands.rs` every command,
//!   `dialogs.rs` every dialog kind, and `handle` below.

mod assess;
mod checkin;
mod commands;
pub(crate) mod core;
mod dialogs;
mod history;
mod matrix;
mod opening;
mod pick;
mod privacy;
mod profile;
pub mod protocol;
pub mod reports;
mod skill;
mod targets;
mod team;

#[cfg(test)]
mod layers_check;

pub use self::core::views as render;
pub use self::core::{
    App, AppError, CountingIds, DIALOG_LIFETIME_HOURS, IdSource, MAX_NAME_CHARS, RandomIds,
    Settings, chain,
};
pub use checkin::pass::{PassEnd, PassOptions, PassSummary};
pub use checkin::scheduler::{EventKind, PassEvent};
pub use protocol::{
    Action, Actor, Attachment, Button, ChannelRef, Choice, Delivery, Field, Modal, ModalField,
    NoNotifier, Notice, Notifier, Notifiers, Outcome, Recipient, Reply, Request, RetryPolicy,
    RoleRef, Said, SaidButton, Select, Style, Upload, UserRef, Value,
};
pub use protocol::{component_id, markup, notify, reply, request, said, why};

/// The command spec, with the app's list of commands.
pub mod spec {
    pub use super::commands::{COMMANDS, GROUPS, find};
    pub use super::protocol::spec::*;
}

use self::core::dialog::Input;
use self::core::{AppResult, Ctx, lead_only, sanitize::sanitized};
use crate::{msg, tr};
use commands::Command;

impl App {
    /// Answers one request. Never fails: faults become replies.
    pub async fn handle(&self, request: &Request) -> Reply {
        if let Some(reply) = self.answer_without_store(request) {
            return reply;
        }
        let request = sanitized(request);
        let request = match self.in_dialogs_workspace(&request).await {
            Ok(Some(r)) => std::borrow::Cow::Owned(r),
            Ok(None) => request,
            Err(e) => return finish(&request, Err(e)),
        };
        let result = match Ctx::new(self, &request.actor).await {
            Ok(mut cx) => dispatch(&mut cx, &request.action).await,
            Err(e) => Err(e),
        };
        finish(&request, result)
    }

    /// A press in a direct message on a dialog the bot started in the
    /// presser's own workspace (a weekly check-in) is answered as if made
    /// there, with a member's rights only: a direct message carries no
    /// roles. `None` for anything else, which goes on as it came.
    async fn in_dialogs_workspace(&self, request: &Request) -> Result<Option<Request>, AppError> {
        let actor = &request.actor;
        let id = match &request.action {
            Action::Button { id } | Action::Select { id, .. } | Action::Modal { id, .. } => id,
            Action::Command { .. } => return Ok(None),
        };
        let Some(component_id::ComponentId::Dialog { id: dialog, .. }) =
            component_id::ComponentId::parse(id)
        else {
            return Ok(None);
        };
        if !actor.direct {
            return Ok(None);
        }
        let user = actor.user_id.clone();
        let platform = actor.platform.as_str();
        let home = self
            .db()
            .read(move |s| {
                let Some(row) = s.dialog(&dialog)? else {
                    return Ok(None);
                };
                let Some(owner) = s.find_member_by_id(row.owner)? else {
                    return Ok(None);
                };
                if owner.external_id != user {
                    return Ok(None);
                }
                Ok(s.workspace_identity(owner.workspace)?
                    .filter(|(p, _, _)| p == platform)
                    .map(|(_, external, name)| (external, name)))
            })
            .await?;
        Ok(home.map(|(workspace_id, workspace_name)| Request {
            actor: Actor {
                workspace_id,
                workspace_name,
                admin: false,
                roles: Vec::new(),
                ..actor.clone()
            },
            action: request.action.clone(),
        }))
    }

    /// The answer to a question about the matrix alone (/skill, "What's
    /// next") when the asker's workspace and its skills are known since
    /// start; `None` when the request needs the database. The most frequent
    /// question is so answered without a trip to the blocking pool.
    pub fn answer_without_store(&self, request: &Request) -> Option<Reply> {
        // Another process may have imported a skill since.
        self.notice_skill_changes_lately().ok()?;
        let catalog = self.cached_catalog(&request.actor)?;
        let result = match &request.action {
            Action::Command { name, options } if name == skill::SPEC_NAME => {
                match Command::parse(name, options) {
                    Ok(Some(Command::Skill(args))) => {
                        args.answer(request.actor.locale, &catalog)?
                    }
                    Ok(_) => return None,
                    Err(e) => Err(e),
                }
            }
            Action::Button { id } => match component_id::ComponentId::parse(id)? {
                component_id::ComponentId::Next { slug, level, role } => {
                    skill::next_in(request.actor.locale, &catalog, &slug, level, role.as_ref())
                }
                component_id::ComponentId::Dialog { .. }
                | component_id::ComponentId::History { .. } => return None,
            },
            _ => return None,
        };
        // Candidates are offered as buttons, which takes a dialog. Any other
        // refusal (no such skill) goes the full way too, which looks again
        // for skills another process imported this very moment.
        if result.is_err() {
            return None;
        }
        Some(finish(request, result))
    }

    /// The refusal `actor` gets for `command` on their rights alone (a
    /// lead-only command asked by a member); `None` when they may run it.
    /// For a front end that asks for a command's input in a form of its own
    /// before the command runs, so that a member is not handed a form only
    /// to be refused at the end.
    pub async fn refusal(&self, actor: &Actor, command: &str) -> Option<Reply> {
        let spec = commands::find(command)?;
        if !spec.lead_only {
            return None;
        }
        let request = Request {
            actor: actor.clone(),
            action: Action::command(command, &[]),
        };
        let refused = match Ctx::new(self, actor).await {
            Ok(cx) => match cx.is_lead().await {
                Ok(true) => return None,
                Ok(false) => lead_only(spec.name),
                Err(e) => e,
            },
            Err(e) => e,
        };
        Some(finish(&request, Err(refused)))
    }

    /// The asker's latest unfinished dialog as its current step, with its
    /// buttons; `None` when there is none. For front ends whose messages do
    /// not outlive the process (the console).
    pub async fn resume(&self, actor: &Actor) -> Option<Reply> {
        let result = match Ctx::new(self, actor).await {
            Ok(mut cx) => dialogs::resume(&mut cx).await,
            Err(e) => Err(e),
        };
        result.unwrap_or_else(|e| {
            tracing::warn!(error = %chain(&e), "an unfinished dialog could not be shown again");
            None
        })
    }
}

pub(crate) async fn dispatch(cx: &mut Ctx<'_>, action: &Action) -> AppResult {
    match action {
        Action::Command { name, options } => {
            let Some(command) = Command::parse(name, options)? else {
                let names: Vec<String> = spec::COMMANDS
                    .iter()
                    .map(|c| format!("/{}", c.name))
                    .collect();
                return Err(AppError::User(msg!(
                    "command-unknown",
                    name = crate::text::shorten(name, crate::text::QUOTED_CHARS),
                    commands = crate::i18n::list(names)
                )));
            };
            let spec = command.spec();
            if spec.lead_only && !cx.is_lead().await? {
                return Err(lead_only(spec.name));
            }
            match command.run(cx).await {
                Err(AppError::Choose {
                    what,
                    input,
                    labels,
                    keys,
                }) => pick::offer(cx, name, options, what, &input, labels, keys).await,
                other => other,
            }
        }
        Action::Button { id } => component(cx, id, Vec::new(), None).await,
        Action::Select { id, values } => component(cx, id, values.clone(), None).await,
        Action::Modal { id, fields } => component(cx, id, Vec::new(), Some(fields.clone())).await,
    }
}

async fn component(
    cx: &mut Ctx<'_>,
    id: &str,
    values: Vec<String>,
    form: Option<Vec<(String, String)>>,
) -> AppResult {
    use component_id::ComponentId;
    match ComponentId::parse(id) {
        Some(ComponentId::Next { slug, level, role }) => {
            skill::next_in(cx.actor.locale, &cx.catalog, &slug, level, role.as_ref())
        }
        Some(ComponentId::History {
            member,
            skill,
            before,
        }) => history::more(cx, crate::team::MemberId(member), skill, before).await,
        Some(ComponentId::Dialog { id, step, action }) => {
            let input = Input {
                action,
                step,
                values,
                form,
            };
            dialogs::on_action(cx, &id, input).await
        }
        None => Err(AppError::User(msg!("button-outdated"))),
    }
}

/// A use case's result as the reply the user sees, in their language.
fn finish(request: &Request, result: AppResult) -> Reply {
    let mut reply = answer(request, result);
    reply.locale = request.actor.locale;
    let actor = &request.actor;
    for notice in &mut reply.notices {
        notice.origin = Some((actor.platform, actor.workspace_id.clone()));
    }
    reply
}

fn answer(request: &Request, result: AppResult) -> Reply {
    match result {
        Ok(reply) => reply,
        Err(AppError::User(said)) => Reply::refused(said.render(&request.actor)),
        Err(AppError::Choose {
            what,
            input,
            labels,
            ..
        }) => Reply::refused(tr!(
            request.actor,
            "lookup-ambiguous",
            what = what,
            input = input,
            names = crate::i18n::list(labels)
        )),
        Err(e) => {
            tracing::error!(action = %request.action.label(), error = %chain(&e), "request failed");
            Reply {
                text: tr!(request.actor, "request-failed"),
                private: true,
                outcome: Outcome::Failed,
                ..Reply::default()
            }
        }
    }
}
