//! The slash commands: each turns its options into an app request and
//! renders the reply. Names, options and descriptions follow
//! `app::spec::COMMANDS` (a test keeps them in step).

use super::{Context, Data, Error, actor, log_interaction, render};
use crate::app::spec::Kind;
use crate::app::{Action, Actor, Reply, Upload, UserRef, Value};
use poise::serenity_prelude as serenity;
use std::time::Instant;

/// The five levels, for Discord's fixed choices.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum LevelChoice {
    Junior,
    Middle,
    Senior,
    Lead,
    Principal,
}

impl LevelChoice {
    fn text(self) -> String {
        format!("{self:?}")
    }
}

/// Uploads bigger than this are refused before they are read.
const MAX_UPLOAD_BYTES: u32 = 1 << 20;

pub fn all() -> Vec<poise::Command<Data, Error>> {
    vec![
        skill(),
        profile(),
        assess(),
        history(),
        matrix(),
        config(),
        privacy(),
    ]
}

pub fn actor_of(ctx: Context<'_>) -> Actor {
    let member = match ctx {
        poise::Context::Application(a) => a.interaction.member.as_deref(),
        poise::Context::Prefix(_) => None,
    };
    let guild_name = ctx.guild().map(|g| g.name.clone());
    actor(ctx.guild_id(), guild_name, ctx.author(), member)
}

#[derive(Default)]
struct Opts(Vec<(String, Value)>);

impl Opts {
    fn text(mut self, name: &str, value: Option<String>) -> Self {
        if let Some(v) = value {
            self.0.push((name.into(), Value::Text(v)));
        }
        self
    }
    fn flag(mut self, name: &str, value: Option<bool>) -> Self {
        if let Some(v) = value {
            self.0.push((name.into(), Value::Bool(v)));
        }
        self
    }
    fn user(mut self, name: &str, value: Option<serenity::User>) -> Self {
        if let Some(u) = value {
            let display_name = u.global_name.clone().unwrap_or_else(|| u.name.clone());
            self.0.push((
                name.into(),
                Value::User(UserRef {
                    id: u.id.to_string(),
                    display_name,
                }),
            ));
        }
        self
    }
}

/// Runs a command through the app and sends its reply. `slow` commands are
/// deferred first, so Discord's 3-second limit never runs out.
async fn respond(ctx: Context<'_>, name: &str, options: Opts, slow: bool) -> Result<(), Error> {
    let started = Instant::now();
    if slow {
        ctx.defer_ephemeral().await?;
    }
    let action = Action::Command {
        name: name.to_string(),
        options: options.0,
    };
    let reply = ctx.data().ask(actor_of(ctx), action).await?;
    send(ctx, &reply).await?;
    log_interaction(&format!("/{name}"), started, reply.outcome);
    Ok(())
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

async fn suggest(
    ctx: Context<'_>,
    kind: Kind,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let data = ctx.data();
    let app = std::sync::Arc::clone(&data.app);
    let who = actor_of(ctx);
    let now = data.clock.now();
    let partial = partial.to_string();
    let choices = data
        .store
        .call(move |store| Ok(app.suggest(store, &who, kind, &partial, now)))
        .await
        .unwrap_or_default();
    serenity::CreateAutocompleteResponse::new().set_choices(
        choices
            .into_iter()
            .map(|c| {
                serenity::AutocompleteChoice::new(
                    c.label.chars().take(100).collect::<String>(),
                    c.value,
                )
            })
            .collect(),
    )
}

async fn skills(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    suggest(ctx, Kind::Skill, partial).await
}
async fn roles(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    suggest(ctx, Kind::Role, partial).await
}
async fn time_zones(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    suggest(ctx, Kind::TimeZone, partial).await
}

/// What a skill expects at a level, role by role
#[poise::command(slash_command, guild_only)]
pub async fn skill(
    ctx: Context<'_>,
    #[description = "Skill name, slug or tag, e.g. serverless"]
    #[autocomplete = "skills"]
    skill: String,
    #[description = "Level: junior, middle, senior, lead or principal"] level: LevelChoice,
    #[description = "Only this role"]
    #[autocomplete = "roles"]
    role: Option<String>,
    #[description = "Show what the next level adds instead"] next: Option<bool>,
) -> Result<(), Error> {
    let o = Opts::default()
        .text("skill", Some(skill))
        .text("level", Some(level.text()))
        .text("role", role)
        .flag("next", next);
    respond(ctx, "skill", o, false).await
}

/// Show or set your role and time zone
#[poise::command(slash_command, guild_only)]
pub async fn profile(
    ctx: Context<'_>,
    #[description = "Your role in the skill matrix"]
    #[autocomplete = "roles"]
    role: Option<String>,
    #[description = "Your time zone, e.g. Europe/Berlin"]
    #[autocomplete = "time_zones"]
    timezone: Option<String>,
) -> Result<(), Error> {
    respond(
        ctx,
        "profile",
        Opts::default()
            .text("role", role)
            .text("timezone", timezone),
        false,
    )
    .await
}

/// Assess your level in a skill, step by step (leads: rate a member)
#[poise::command(slash_command, guild_only)]
pub async fn assess(
    ctx: Context<'_>,
    #[description = "The skill to assess"]
    #[autocomplete = "skills"]
    skill: String,
    #[description = "The role to assess against (default: your profile's)"]
    #[autocomplete = "roles"]
    role: Option<String>,
    #[description = "Record this level directly"] level: Option<LevelChoice>,
    #[description = "Leads: rate this member instead of yourself"] member: Option<serenity::User>,
) -> Result<(), Error> {
    let o = Opts::default()
        .text("skill", Some(skill))
        .text("role", role)
        .text("level", level.map(LevelChoice::text))
        .user("member", member);
    respond(ctx, "assess", o, false).await
}

/// Your level history (leads: a member's, self and lead side by side)
#[poise::command(slash_command, guild_only)]
pub async fn history(
    ctx: Context<'_>,
    #[description = "Only this skill"]
    #[autocomplete = "skills"]
    skill: Option<String>,
    #[description = "Leads: this member's history"] member: Option<serenity::User>,
) -> Result<(), Error> {
    respond(
        ctx,
        "history",
        Opts::default().text("skill", skill).user("member", member),
        false,
    )
    .await
}

/// List, import and reload the skill matrix
#[poise::command(
    slash_command,
    guild_only,
    subcommands("matrix_list", "matrix_import", "matrix_reload"),
    subcommand_required,
    default_member_permissions = "MANAGE_GUILD"
)]
pub async fn matrix(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// List the skills of the matrix
#[poise::command(slash_command, guild_only, rename = "list")]
pub async fn matrix_list(ctx: Context<'_>) -> Result<(), Error> {
    respond(ctx, "matrix list", Opts::default(), false).await
}

/// Import a skill page or TOML file for this server (preview first)
#[poise::command(slash_command, guild_only, rename = "import")]
pub async fn matrix_import(
    ctx: Context<'_>,
    #[description = "The skill page or TOML file"] file: Option<serenity::Attachment>,
    #[description = "Or the page or TOML pasted as text"] text: Option<String>,
    #[description = "Slug for an imported page (default: from the file name)"] slug: Option<String>,
    #[description = "Name for an imported page (default: from the slug)"] name: Option<String>,
) -> Result<(), Error> {
    // Downloading the file can take a while: answer Discord first.
    ctx.defer_ephemeral().await?;
    let mut o = Opts::default()
        .text("text", text)
        .text("slug", slug)
        .text("name", name);
    if let Some(file) = file {
        if file.size > MAX_UPLOAD_BYTES {
            let reply = Reply::refused(format!(
                "{} is {} KB; a skill page or TOML file is at most 1 MB. Attach the page itself.",
                file.filename,
                file.size / 1024
            ));
            return send(ctx, &reply).await;
        }
        let bytes = file.download().await?;
        o.0.push((
            "file".into(),
            Value::File(Upload {
                name: file.filename.clone(),
                bytes,
            }),
        ));
    }
    respond(ctx, "matrix import", o, false).await
}

/// Re-read the shared matrix directory and say what changed
#[poise::command(slash_command, guild_only, rename = "reload")]
pub async fn matrix_reload(ctx: Context<'_>) -> Result<(), Error> {
    respond(ctx, "matrix reload", Opts::default(), true).await
}

/// Configure skillbot for this server
#[poise::command(
    slash_command,
    guild_only,
    subcommands("config_lead_role"),
    subcommand_required,
    default_member_permissions = "MANAGE_GUILD"
)]
pub async fn config(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Set which server role counts as team lead
#[poise::command(slash_command, guild_only, rename = "lead-role")]
pub async fn config_lead_role(
    ctx: Context<'_>,
    #[description = "The role whose members are leads"] role: serenity::Role,
) -> Result<(), Error> {
    respond(
        ctx,
        "config lead-role",
        Opts::default().text("role", Some(super::role_mention(role.id))),
        false,
    )
    .await
}

/// Your data: export or delete it
#[poise::command(
    slash_command,
    guild_only,
    subcommands("privacy_export", "privacy_delete"),
    subcommand_required
)]
pub async fn privacy(_: Context<'_>) -> Result<(), Error> {
    Ok(())
}

/// Download all your data as JSON
#[poise::command(slash_command, guild_only, rename = "export")]
pub async fn privacy_export(ctx: Context<'_>) -> Result<(), Error> {
    respond(ctx, "privacy export", Opts::default(), true).await
}

/// Delete all your data (asks to confirm)
#[poise::command(slash_command, guild_only, rename = "delete")]
pub async fn privacy_delete(ctx: Context<'_>) -> Result<(), Error> {
    respond(ctx, "privacy delete", Opts::default(), false).await
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
