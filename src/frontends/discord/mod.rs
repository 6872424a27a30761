//! The Discord front end on poise: slash commands, autocomplete, buttons,
//! selects and the note form, translated to and from the app.

mod commands;
mod interactions;
mod notify;
pub mod render;

use crate::app::{Action, Actor, App, Outcome, RandomIds, Reply, Request};
use crate::clock::{Clock, SystemClock};
use crate::config::DiscordConfig;
use crate::matrix::Catalog;
use crate::store::{Platform, Store, StoreHandle};
use poise::serenity_prelude as serenity;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub type Error = anyhow::Error;
pub type Context<'a> = poise::Context<'a, Data, Error>;

/// What every command and event handler shares.
pub struct Data {
    pub app: Arc<App>,
    pub store: StoreHandle,
    pub clock: Arc<dyn Clock>,
    /// How long to wait before retrying a DM that Discord answered with 429.
    pub dm_retry_delay: Duration,
}

impl Data {
    /// Runs one request through the app, off the async runtime.
    pub async fn ask(&self, actor: Actor, action: Action) -> Result<Reply, Error> {
        let request = Request { actor, action };
        if let Some(reply) = self.app.answer_without_store(&request) {
            return Ok(reply);
        }
        let app = Arc::clone(&self.app);
        let now = self.clock.now();
        Ok(self
            .store
            .call(move |store| Ok(app.handle(store, &request, now)))
            .await?)
    }
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
            .map(|m| m.roles.iter().map(|r| role_mention(*r)).collect())
            .unwrap_or_default(),
    }
}

/// A role as the app sees it: in mention form, so that the same text
/// matches the member's roles and shows as the role's name in replies.
pub fn role_mention(role: serenity::RoleId) -> String {
    format!("<@&{role}>")
}

/// One line per interaction: what, how long, how it went. Never the
/// user's text, never the token.
pub fn log_interaction(what: &str, started: Instant, outcome: Outcome) {
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    match outcome {
        Outcome::Failed => {
            tracing::warn!(interaction = what, latency_ms, outcome = ?outcome, "interaction")
        }
        _ => tracing::info!(interaction = what, latency_ms, outcome = ?outcome, "interaction"),
    }
}

/// The serenity client, pointed at `config.api_base` when set.
pub async fn client(config: &DiscordConfig, data: Data) -> Result<serenity::Client, Error> {
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
                background(data.store.clone(), Arc::clone(&data.clock));
                Ok(data)
            })
        })
        .build();
    let mut http = serenity::HttpBuilder::new(config.token.expose());
    if let Some(base) = &config.api_base {
        // serenity honours the proxy only with its rate limiter off; that is
        // for tests against a local fake, never for the real Discord.
        http = http.proxy(base).ratelimiter_disabled(true);
    }
    let intents = serenity::GatewayIntents::GUILDS;
    Ok(
        serenity::ClientBuilder::new_with_http(http.build(), intents)
            .framework(framework)
            .await?,
    )
}

/// Idle work, every minute: fold new ratings into the current levels (so
/// reads find little to do) and forget expired dialogs.
fn background(store: StoreHandle, clock: Arc<dyn Clock>) {
    tokio::spawn(async move {
        let mut tick = tokio::time::interval(Duration::from_secs(60));
        loop {
            tick.tick().await;
            let now = clock.now();
            let result = store
                .call(move |s| {
                    let folded = s.fold()?;
                    let purged = s.purge_expired_dialogs(now)?;
                    Ok((folded, purged))
                })
                .await;
            match result {
                Ok((folded, purged)) if folded + purged > 0 => {
                    tracing::debug!(folded, purged, "background tidy-up");
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "background tidy-up failed"),
            }
        }
    });
}

/// `skillbot discord`: loads the matrix, opens the database and runs the
/// bot until it is stopped.
pub async fn run(config: DiscordConfig) -> Result<(), Error> {
    let catalog = Catalog::load_dir(&config.matrix_dir)?;
    let store = Store::open(&config.database)?;
    tracing::info!(skills = catalog.len(), database = %config.database.display(), "starting");
    let data = Data {
        app: Arc::new(App::new(&config.matrix_dir, catalog, Box::new(RandomIds))),
        store: StoreHandle::new(store),
        clock: Arc::new(SystemClock),
        dm_retry_delay: Duration::from_secs(2),
    };
    let mut client = client(&config, data).await?;
    client.start().await?;
    Ok(())
}
