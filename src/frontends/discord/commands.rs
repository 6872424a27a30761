//! The slash commands, made from the app's command specs: names,
//! descriptions and options are written once, in the app. One action serves
//! every command: it turns Discord's options into the app's values, asks
//! the app, and sends the reply.

use super::{Context, Data, Error, actor, log_interaction, render};
use crate::app::spec::{COMMANDS, CommandSpec, Kind, OptionSpec};
use crate::app::{Action, Actor, ChannelRef, Reply, Request, RoleRef, Upload, UserRef, Value};
use crate::i18n::Locale;
use crate::matrix::Level;
use poise::serenity_prelude as serenity;
use serenity::{CommandOptionType, CreateCommandOption, ResolvedValue};
use std::time::Instant;

/// Uploads bigger than this are refused before they are read.
const MAX_UPLOAD_BYTES: u32 = 1 << 20;
/// Discord shows at most 25 autocomplete choices.
const MAX_CHOICES: usize = 25;
/// Discord's longest string option.
const MAX_STRING_OPTION: u16 = 6000;

type Command = poise::Command<Data, Error>;
type AppContext<'a> = poise::ApplicationContext<'a, Data, Error>;

/// Every command of the app, grouped as Discord wants subcommands: "matrix
/// list" is the subcommand "list" of the command "matrix".
pub fn all() -> Vec<Command> {
    let mut top: Vec<Command> = Vec::new();
    for spec in COMMANDS {
        match spec.name.split_once(' ') {
            None => top.push(leaf(spec, spec.name)),
            Some((group, sub)) => {
                let at = match top.iter().position(|c| c.name == group) {
                    Some(at) => at,
                    None => {
                        top.push(group_command(group));
                        top.len() - 1
                    }
                };
                top[at].subcommands.push(leaf(spec, sub));
            }
        }
    }
    // A group is hidden from members by default only when all of it is for
    // leads: Discord sets permissions per top-level command.
    for command in &mut top {
        let lead_only = |c: &Command| c.default_member_permissions == lead_permissions();
        if !command.subcommands.is_empty() && command.subcommands.iter().all(lead_only) {
            command.default_member_permissions = lead_permissions();
        }
    }
    top
}

fn lead_permissions() -> serenity::Permissions {
    serenity::Permissions::MANAGE_GUILD
}

fn group_command(name: &str) -> Command {
    let description = crate::i18n::by_id(&format!("cmd-{name}")).render(Locale::default());
    Command {
        name: name.to_string().into(),
        qualified_name: name.to_string().into(),
        identifying_name: name.to_string().into(),
        description: Some(description.to_string().into()),
        slash_action: Some(slash_action),
        subcommand_required: true,
        guild_only: true,
        ..Default::default()
    }
}

fn leaf(spec: &'static CommandSpec, name: &str) -> Command {
    Command {
        name: name.to_string().into(),
        qualified_name: spec.name.to_string().into(),
        identifying_name: spec.name.to_string().into(),
        description: Some(spec.description(Locale::default()).into()),
        parameters: spec.options.iter().map(|o| parameter(spec, o)).collect(),
        slash_action: Some(slash_action),
        guild_only: true,
        default_member_permissions: if spec.lead_only {
            lead_permissions()
        } else {
            serenity::Permissions::empty()
        },
        ..Default::default()
    }
}

fn parameter(spec: &CommandSpec, o: &OptionSpec) -> poise::CommandParameter<Data, Error> {
    let choices = match o.kind {
        Kind::Level => Level::ALL
            .iter()
            .map(|l| poise::CommandParameterChoice {
                name: l.name().into(),
                localizations: Default::default(),
                __non_exhaustive: (),
            })
            .collect(),
        Kind::Weekday => WEEKDAYS
            .iter()
            .map(|day| poise::CommandParameterChoice {
                name: (*day).into(),
                localizations: Default::default(),
                __non_exhaustive: (),
            })
            .collect(),
        _ => Vec::new(),
    };
    let (type_setter, autocomplete): (fn(CreateCommandOption) -> CreateCommandOption, _) =
        match o.kind {
            Kind::Skill => (string, Some(skills as AutocompleteFn)),
            Kind::Role => (string, Some(roles as AutocompleteFn)),
            Kind::TimeZone => (string, Some(time_zones as AutocompleteFn)),
            Kind::Text => (string, None),
            Kind::Skills => (skill_list, None),
            Kind::Document => (document, None),
            // poise sends the choices' positions, which `value_of` reads back.
            Kind::Level | Kind::Weekday => (integer, None),
            Kind::Bool => (boolean, None),
            Kind::User => (user, None),
            Kind::PlatformRole => (role, None),
            Kind::Channel => (channel, None),
            Kind::Number => (integer, None),
            Kind::TimeOfDay => (short_text, None),
            Kind::File => (attachment, None),
        };
    poise::CommandParameter {
        name: o.name.into(),
        name_localizations: Default::default(),
        description: Some(spec.option_description(o, Locale::default()).into()),
        description_localizations: Default::default(),
        required: o.required,
        channel_types: None,
        choices: choices.into(),
        type_setter: Some(type_setter),
        autocomplete_callback: autocomplete,
        __non_exhaustive: (),
    }
}

fn string(b: CreateCommandOption) -> CreateCommandOption {
    b.kind(CommandOptionType::String)
        .max_length(crate::app::MAX_NAME_CHARS as u16)
}
fn skill_list(b: CreateCommandOption) -> CreateCommandOption {
    b.kind(CommandOptionType::String).max_length(1000)
}
fn document(b: CreateCommandOption) -> CreateCommandOption {
    b.kind(CommandOptionType::String)
        .max_length(MAX_STRING_OPTION)
}
fn integer(b: CreateCommandOption) -> CreateCommandOption {
    b.kind(CommandOptionType::Integer)
}
fn boolean(b: CreateCommandOption) -> CreateCommandOption {
    b.kind(CommandOptionType::Boolean)
}
fn user(b: CreateCommandOption) -> CreateCommandOption {
    b.kind(CommandOptionType::User)
}
fn role(b: CreateCommandOption) -> CreateCommandOption {
    b.kind(CommandOptionType::Role)
}
fn channel(b: CreateCommandOption) -> CreateCommandOption {
    b.kind(CommandOptionType::Channel)
}
fn short_text(b: CreateCommandOption) -> CreateCommandOption {
    b.kind(CommandOptionType::String).max_length(10)
}
fn attachment(b: CreateCommandOption) -> CreateCommandOption {
    b.kind(CommandOptionType::Attachment)
}

/// The choices of a weekday option, Monday first; poise sends the
/// position of the one picked.
const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

type AutocompleteFn = for<'a> fn(
    AppContext<'a>,
    &'a str,
) -> poise::BoxFuture<'a, serenity::CreateAutocompleteResponse>;

fn skills<'a>(
    ctx: AppContext<'a>,
    partial: &'a str,
) -> poise::BoxFuture<'a, serenity::CreateAutocompleteResponse> {
    Box::pin(suggest(ctx, Kind::Skill, partial))
}
fn roles<'a>(
    ctx: AppContext<'a>,
    partial: &'a str,
) -> poise::BoxFuture<'a, serenity::CreateAutocompleteResponse> {
    Box::pin(suggest(ctx, Kind::Role, partial))
}
fn time_zones<'a>(
    ctx: AppContext<'a>,
    partial: &'a str,
) -> poise::BoxFuture<'a, serenity::CreateAutocompleteResponse> {
    Box::pin(suggest(ctx, Kind::TimeZone, partial))
}

async fn suggest(
    ctx: AppContext<'_>,
    kind: Kind,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let who = actor_of(ctx.into());
    let choices = ctx
        .data()
        .app
        .suggest(&who, kind, partial, MAX_CHOICES)
        .await;
    serenity::CreateAutocompleteResponse::new().set_choices(
        choices
            .into_iter()
            .filter(|c| c.value.chars().count() <= 100)
            .map(|c| {
                serenity::AutocompleteChoice::new(
                    c.label.chars().take(100).collect::<String>(),
                    c.value,
                )
            })
            .collect(),
    )
}

pub fn actor_of(ctx: Context<'_>) -> Actor {
    let member = match ctx {
        poise::Context::Application(a) => a.interaction.member.as_deref(),
        poise::Context::Prefix(_) => None,
    };
    let guild_name = ctx.guild().map(|g| g.name.clone());
    actor(ctx.guild_id(), guild_name, ctx.author(), member)
}

fn slash_action(
    ctx: AppContext<'_>,
) -> poise::BoxFuture<'_, Result<(), poise::FrameworkError<'_, Data, Error>>> {
    Box::pin(async move {
        run(ctx)
            .await
            .map_err(|error| poise::FrameworkError::new_command(ctx.into(), error))
    })
}

/// Runs a command through the app and sends its reply. Slow commands are
/// acknowledged first, so Discord's 3-second limit never runs out.
async fn run(ctx: AppContext<'_>) -> Result<(), Error> {
    let started = Instant::now();
    let _in_flight = ctx.data().in_flight.enter();
    let name = ctx.command().qualified_name.to_string();
    let Some(spec) = crate::app::spec::find(&name) else {
        return Err(anyhow::anyhow!("/{name} has no spec in the app"));
    };
    if spec.slow {
        ctx.defer_ephemeral().await?;
    }
    let mut options = Vec::new();
    for option in ctx.args {
        let kind = spec
            .options
            .iter()
            .find(|o| o.name == option.name)
            .map_or(Kind::Text, |o| o.kind);
        match value_of(kind, &option.value).await {
            Ok(Some(value)) => options.push((option.name.to_string(), value)),
            Ok(None) => {}
            Err(refusal) => return send(ctx.into(), &refusal).await,
        }
    }
    let request = Request {
        actor: actor_of(ctx.into()),
        action: Action::Command { name, options },
    };
    let mut reply = ctx.data().app.handle(&request).await;
    if reply.reports_delivery.is_some() {
        // The answer reports deliveries: they go first.
        if !spec.slow {
            ctx.defer_ephemeral().await?;
        }
        reply = ctx.data().app.conclude(reply).await;
    }
    send(ctx.into(), &reply).await?;
    log_interaction(&request.action.label(), started, reply.outcome);
    for text in ctx.data().app.deliver(&reply.notices, reply.locale).await {
        let tell = poise::CreateReply::default().content(text).ephemeral(true);
        ctx.send(tell).await?;
    }
    Ok(())
}

/// An option's value as the app takes it; a refusal to send instead when
/// the value cannot be taken (an attachment too big).
async fn value_of(kind: Kind, value: &ResolvedValue<'_>) -> Result<Option<Value>, Reply> {
    Ok(Some(match value {
        ResolvedValue::String(s) => Value::Text(s.to_string()),
        ResolvedValue::Integer(i) if kind == Kind::Level => {
            let level = usize::try_from(*i).ok().and_then(|i| Level::ALL.get(i));
            Value::Text(level.map_or_else(|| i.to_string(), |l| l.name().to_string()))
        }
        ResolvedValue::Integer(i) if kind == Kind::Weekday => {
            let day = usize::try_from(*i).ok().and_then(|i| WEEKDAYS.get(i));
            Value::Text(day.map_or_else(|| i.to_string(), |d| (*d).to_string()))
        }
        ResolvedValue::Integer(i) => Value::Text(i.to_string()),
        ResolvedValue::Boolean(b) => Value::Bool(*b),
        ResolvedValue::User(u, member) => Value::User(UserRef {
            id: u.id.to_string(),
            display_name: member
                .and_then(|m| m.nick.clone())
                .or_else(|| u.global_name.clone())
                .unwrap_or_else(|| u.name.clone()),
        }),
        ResolvedValue::Role(r) => Value::Role(RoleRef {
            id: r.id.to_string(),
            name: r.name.clone(),
        }),
        ResolvedValue::Channel(c) => Value::Channel(ChannelRef {
            id: c.id.to_string(),
            name: c.name.clone().unwrap_or_else(|| c.id.to_string()),
        }),
        ResolvedValue::Attachment(file) => {
            if file.size > MAX_UPLOAD_BYTES {
                return Err(Reply::refused(format!(
                    "{} is {} KB; an upload is at most 1 MB (a skill page, a TOML file or a CSV of targets \
                     is far smaller). Attach the file itself.",
                    file.filename,
                    file.size / 1024
                )));
            }
            let bytes = file.download().await.map_err(|e| {
                tracing::warn!(error = %e, "an attachment could not be downloaded");
                Reply::refused(format!(
                    "I could not download {} from Discord; attach it again.",
                    file.filename
                ))
            })?;
            Value::File(Upload {
                name: file.filename.clone(),
                bytes,
            })
        }
        _ => return Ok(None),
    }))
}

async fn send(ctx: Context<'_>, reply: &Reply) -> Result<(), Error> {
    for page in render::pages(reply) {
        let mut message = poise::CreateReply::default()
            .ephemeral(reply.private)
            .components(page.components);
        for embed in page.embeds {
            message = message.embed(embed);
        }
        for attachment in page.attachments {
            message = message.attachment(attachment);
        }
        ctx.send(message).await?;
    }
    Ok(())
}

/// Faults inside a command are logged with context; the user gets a short
/// apology, never the raw error.
pub async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            tracing::error!(command = %ctx.command().qualified_name, error = %format!("{error:#}"), "command failed");
            let sorry = poise::CreateReply::default()
                .content("Sorry, something went wrong on my side. It has been logged; please try again in a moment.")
                .ephemeral(true);
            if let Err(e) = ctx.send(sorry).await {
                tracing::warn!(error = %e, "could not tell the user about a failure");
            }
        }
        poise::FrameworkError::Setup { error, .. } => {
            tracing::error!(error = %format!("{error:#}"), "start-up failed");
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!(error = %e, "error while handling an error");
            }
        }
    }
}
