//! `skillbot run`: every configured front end in one process, on one app
//! and one database: a member's dialog, check-in and history are the same
//! whichever front end they came through. One tidy-up loop and one weekly
//! check-in pass serve them all.

use crate::app::{App, Notifiers, RandomIds, RetryPolicy, Settings};
use crate::clock::SystemClock;
use crate::config::{DiscordConfig, SlackConfig};
use crate::frontends::lifecycle::{self, Background, checkin_loop};
use crate::frontends::{discord, slack};
use crate::matrix::Catalog;
use crate::store::Db;
use crate::team::Platform;
use std::future::Future;
use std::path::Path;
use std::sync::Arc;

/// The app with the notifier of every front end given.
pub fn open_app(
    matrix_dir: &Path,
    database: &Path,
    discord: Option<&DiscordConfig>,
    slack: Option<&slack::api::WebApi>,
) -> anyhow::Result<App> {
    let catalog = Catalog::load_dir(matrix_dir)?;
    let db = Db::open(database)?;
    tracing::info!(skills = catalog.len(), database = %database.display(), "starting");
    let mut notifiers = Notifiers::new();
    if let Some(config) = discord {
        notifiers = notifiers.with(
            Platform::Discord,
            Arc::new(discord::DiscordNotifier::new(config)),
        );
    }
    if let Some(api) = slack {
        notifiers = notifiers.with(
            Platform::Slack,
            Arc::new(slack::SlackNotifier::new(api.clone())),
        );
    }
    Ok(App::new(
        db,
        catalog,
        Settings {
            matrix_dir: matrix_dir.to_path_buf(),
            clock: Arc::new(SystemClock),
            ids: Arc::new(RandomIds),
            notifiers,
            retry: RetryPolicy::default(),
        },
    ))
}

/// Runs the front ends given until `stop` completes; then each stops
/// taking work, what is in flight finishes, and the WAL is emptied.
pub async fn run(
    app: Arc<App>,
    discord: Option<DiscordConfig>,
    slack: Option<SlackConfig>,
    stop: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let background = Background::default();
    let mut platforms = Vec::new();
    let gateway = match &discord {
        Some(config) => {
            // Its own loop tidies up; the check-in pass is this one's.
            let (mut client, running) = discord::client(config, Arc::clone(&app), false).await?;
            let shards = client.shard_manager.clone();
            let task = tokio::spawn(async move {
                if let Err(e) = client.start().await {
                    tracing::error!(error = %e, "the Discord gateway stopped");
                }
            });
            platforms.push(Platform::Discord);
            Some((shards, running, task))
        }
        None => None,
    };
    let (stop_slack, slack_stopped) = tokio::sync::oneshot::channel::<()>();
    let slack_side = match &slack {
        Some(config) => {
            let api = slack::api::WebApi::new(&config.api_url, &config.bot_token);
            let front = slack::Slack::new(Arc::clone(&app), api);
            let (reach, serving) = (config.reach.clone(), Arc::clone(&front));
            let task = tokio::spawn(async move {
                let stopped = async {
                    let _ = slack_stopped.await;
                };
                if let Err(e) = slack::serve(&reach, &serving, stopped).await {
                    tracing::error!(error = %e, "the Slack front end stopped");
                }
            });
            if gateway.is_none() {
                lifecycle::tidy_loop(&background, Arc::clone(&app));
            }
            platforms.push(Platform::Slack);
            Some((front, task))
        }
        None => None,
    };
    checkin_loop(&background, Arc::clone(&app), &platforms);
    stop.await;
    tracing::info!("stopping: no new interactions; finishing those in flight");
    let _ = stop_slack.send(());
    if let Some((front, task)) = slack_side {
        let _ = tokio::time::timeout(lifecycle::GRACE, task).await;
        slack::drain(&front).await;
    }
    if let Some((shards, running, task)) = gateway {
        shards.shutdown_all().await;
        if !running.in_flight.drained(lifecycle::GRACE).await {
            tracing::warn!(
                "some Discord interactions were still running when the grace period ended"
            );
        }
        running.background.stop(lifecycle::GRACE).await;
        task.abort();
    }
    background.stop(lifecycle::GRACE).await;
    app.db().settle().await?;
    tracing::info!("stopped");
    Ok(())
}
