//! The Discord front end on poise: slash commands, autocomplete, buttons,
//! selects and the note form, translated to and from the app.

mod commands;
mod interactions;
mod notify;
pub mod render;

use crate::app::{Actor, App, Notifiers, RandomIds, RetryPolicy, Settings};
use crate::clock::SystemClock;
use crate::config::DiscordConfig;
pub use crate::frontends::lifecycle::log_interaction;
use crate::frontends::lifecycle::{self, checkin_loop, tidy_loop};
use crate::matrix::Catalog;
use crate::store::Db;
use crate::team::Platform;
use poise::serenity_prelude as serenity;
use std::sync::Arc;

pub use notify::{DiscordNotifier, http};

pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// What every command and event handler shares: the app, which owns the
/// rest.
#[derive(Debug)]
pub struct Data {
    pub app: Arc<App>,
    /// The interactions being handled, so that a shutdown waits for them.
    pub in_flight: Arc<lifecycle::InFlight>,
}

/// What a running bot needs to stop cleanly: its interactions in flight
/// and its background loops.
#[derive(Debug, Default)]
pub struct Running {
    pub in_flight: Arc<lifecycle::InFlight>,
    pub background: Arc<lifecycle::Background>,
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
        // Discord sends the user's locale with each interaction; with one
        // catalog locale there is nothing to choose yet.
        locale: crate::i18n::Locale::default(),
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
        zone: None,
    }
}

/// The serenity client, pointed at `config.api_base` when set. With
/// `checkins`, it runs the weekly check-in pass every minute (tests leave
/// it off and run passes at the times they pin).
pub async fn client(
    config: &DiscordConfig,
    app: Arc<App>,
    checkins: bool,
) -> Result<(serenity::Client, Running), Error> {
    let guild = config.guild_id.map(serenity::GuildId::new);
    let running = Running::default();
    let (in_flight, background) = (
        Arc::clone(&running.in_flight),
        Arc::clone(&running.background),
    );
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
                tidy_loop(&background, Arc::clone(&app));
                if checkins {
                    checkin_loop(&background, Arc::clone(&app), &[Platform::Discord]);
                }
                Ok(Data { app, in_flight })
            })
        })
        .build();
    let intents = serenity::GatewayIntents::GUILDS;
    let client = serenity::ClientBuilder::new_with_http(http(config), intents)
        .framework(framework)
        .await?;
    Ok((client, running))
}

/// The app as the bot runs it: the matrix directory, the database, the
/// system clock, random dialog ids, and direct messages through Discord.
pub fn open_app(config: &DiscordConfig) -> Result<App, Error> {
    let catalog = Catalog::load_dir(&config.matrix_dir)?;
    let db = Db::open(&config.database)?;
    tracing::info!(skills = catalog.len(), database = %config.database.display(), "starting");
    let notifier = DiscordNotifier::new(config);
    Ok(App::new(
        db,
        catalog,
        Settings {
            matrix_dir: config.matrix_dir.clone(),
            clock: Arc::new(SystemClock),
            ids: Arc::new(RandomIds),
            notifiers: Notifiers::new().with(Platform::Discord, Arc::new(notifier)),
            retry: RetryPolicy::default(),
        },
    ))
}

/// `skillbot discord`: loads the matrix, opens the database and runs the
/// bot until it is stopped (SIGTERM or Ctrl-C: see `stop`).
pub async fn run(config: DiscordConfig) -> Result<(), Error> {
    let app = Arc::new(open_app(&config)?);
    let (mut client, running) = client(&config, Arc::clone(&app), true).await?;
    let shards = client.shard_manager.clone();
    tokio::select! {
        started = client.start() => started?,
        () = crate::shutdown::shutdown_signal() => {
            stop(&app, &shards, &running).await?;
        }
    }
    Ok(())
}

/// Stops taking interactions, lets those in flight finish, stops the
/// background loops after their current pass, and empties the WAL.
pub async fn stop(
    app: &App,
    shards: &serenity::ShardManager,
    running: &Running,
) -> Result<(), Error> {
    tracing::info!("stopping: no new interactions; finishing those in flight");
    shards.shutdown_all().await;
    if !running.in_flight.drained(lifecycle::GRACE).await {
        tracing::warn!("some interactions were still running when the grace period ended");
    }
    running.background.stop(lifecycle::GRACE).await;
    app.db().settle().await?;
    tracing::info!("stopped");
    Ok(())
}
