//! The Discord front end on poise: slash commands, autocomplete, buttons,
//! selects and the note form, translated to and from the app.

mod commands;
mod interactions;
mod notify;
pub mod render;

use crate::app::{Actor, App, Outcome, RandomIds, RetryPolicy, Settings};
use crate::clock::SystemClock;
use crate::config::DiscordConfig;
use crate::matrix::Catalog;
use crate::store::Db;
use crate::team::Platform;
use poise::serenity_prelude as serenity;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub use notify::{DiscordNotifier, http};

pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// What every command and event handler shares: the app, which owns the
/// rest.
#[derive(Debug)]
pub struct Data {
    pub app: Arc<App>,
}

/// The app's view of whoever used a command or a component.
pub fn actor(
    guild: Option<serenity::GuildId>,
    guild_name: Option<String>,
    user: &serenity::User,
    member: Option<&serenity::Member>,
) -> Actor {
    let guild_id = guild.map_or_else(|| format!("dm-{}", user.id), |g| g.to_string());
    Actor {
        platform: Platform::Discord,
        workspace_name: guild_name.unwrap_or_else(|| guild_id.clone()),
        workspace_id: guild_id,
        user_id: user.id.to_string(),
        display_name: member
            .and_then(|m| m.nick.clone())
            .or_else(|| user.global_name.clone())
            .unwrap_or_else(|| user.name.clone()),
        admin: member
            .and_then(|m| m.permissions)
            .is_some_and(|p| p.administrator()),
        roles: member
            .map(|m| m.roles.iter().map(ToString::to_string).collect())
            .unwrap_or_default(),
        direct: guild.is_none(),
    }
}

/// One line per interaction: what, how long, how it went. Never the
/// user's text, never the token.
pub fn log_interaction(what: &str, started: Instant, outcome: Outcome) {
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    match outcome {
        Outcome::Failed => {
            tracing::warn!(interaction = what, latency_ms, outcome = ?outcome, "interaction");
        }
        _ => tracing::info!(interaction = what, latency_ms, outcome = ?outcome, "interaction"),
    }
}

/// The serenity client, pointed at `config.api_base` when set. With
/// `checkins`, it runs the weekly check-in pass every minute (tests leave
/// it off and run passes at the times they pin).
pub async fn client(
    config: &DiscordConfig,
    app: Arc<App>,
    checkins: bool,
) -> Result<serenity::Client, Error> {
    let guild = config.guild_id.map(serenity::GuildId::new);
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands: commands::all(),
            on_error: |error| Box::pin(commands::on_error(error)),
            event_handler: |framework, event| Box::pin(interactions::on_event(framework, event)),
            ..Default::default()
        })
        // The owners are not used; asking Discord for them only slows the start.
        .initialize_owners(false)
        // Runs once (unlike `ready`, which repeats on every reconnect).
        .setup(move |ctx, _ready, framework| {
            Box::pin(async move {
                let commands = &framework.options().commands;
                match guild {
                    Some(g) => poise::builtins::register_in_guild(ctx, commands, g).await?,
                    None => poise::builtins::register_globally(ctx, commands).await?,
                }
                tracing::info!(
                    commands = commands.len(),
                    scope = if guild.is_some() { "guild" } else { "global" },
                    "commands registered"
                );
                background(Arc::clone(&app));
                if checkins {
                    checkin_loop(Arc::clone(&app));
                }
                Ok(Data { app })
            })
        })
        .build();
    let intents = serenity::GatewayIntents::GUILDS;
    Ok(
        serenity::ClientBuilder::new_with_http(http(config), intents)
            .framework(framework)
            .await?,
    )
}

/// Idle work, every minute: fold new ratings into the current levels (so
/// reads find little to merge) and forget expired dialogs.
fn background(app: Arc<App>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            match app.tidy().await {
                Ok((folded, purged)) if folded + purged > 0 => {
                    tracing::debug!(folded, purged, "background tidy-up");
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %crate::app::chain(&e), "background tidy-up failed");
                }
            }
        }
    });
}

/// The weekly check-ins: a pass at start (a check-in that fell due while
/// the bot was down goes out now) and every minute after; a pass that
/// takes longer delays the next rather than bunching them.
fn checkin_loop(app: Arc<App>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tick.tick().await;
            match app
                .run_due(app.now(), &[Platform::Discord, Platform::Console])
                .await
            {
                Ok(events) if !events.is_empty() => {
                    let failed = events.iter().filter(|e| e.result == "failed").count();
                    tracing::info!(messages = events.len(), failed, "weekly check-in pass");
                }
                Ok(_) => {}
                Err(e) => {
                    tracing::warn!(error = %crate::app::chain(&e), "weekly check-in pass failed");
                }
            }
        }
    });
}

/// The app as the bot runs it: the matrix directory, the database, the
/// system clock, random dialog ids, and direct messages through Discord.
pub fn open_app(config: &DiscordConfig) -> Result<App, Error> {
    let catalog = Catalog::load_dir(&config.matrix_dir)?;
    let db = Db::open(&config.database)?;
    tracing::info!(skills = catalog.len(), database = %config.database.display(), "starting");
    let notifier = DiscordNotifier::new(Arc::new(http(config)));
    Ok(App::new(
        db,
        catalog,
        Settings {
            matrix_dir: config.matrix_dir.clone(),
            clock: Arc::new(SystemClock),
            ids: Arc::new(RandomIds),
            notifier: Arc::new(notifier),
            retry: RetryPolicy::default(),
        },
    ))
}

/// `skillbot discord`: loads the matrix, opens the database and runs the
/// bot until it is stopped.
pub async fn run(config: DiscordConfig) -> Result<(), Error> {
    let app = Arc::new(open_app(&config)?);
    let mut client = client(&config, app, true).await?;
    client.start().await?;
    Ok(())
}
