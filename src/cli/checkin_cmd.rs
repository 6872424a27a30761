//! `skillbot checkin run-due`: one pass of the weekly check-ins, for cron
//! or a scheduled serverless trigger instead of a long-lived bot.

use super::Failure;
use crate::app::{App, NoNotifier, Notifier, PassEvent, RandomIds, RetryPolicy, Settings};
use crate::clock::Clock;
use crate::config::DiscordConfig;
use crate::matrix::Catalog;
use crate::store::Db;
use crate::team::Platform;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Runs one pass at the clock's time. Discord workspaces are served
/// through Discord's REST API when DISCORD_TOKEN is set (no gateway
/// connection), and skipped with a warning when it is not; console
/// workspaces get their messages queued. Messages that failed are in the
/// output: the pass itself still ran.
pub fn run_due(
    matrix_dir: &Path,
    database: &Path,
    clock: Arc<dyn Clock>,
    json: bool,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    let catalog = Catalog::load_dir(matrix_dir)?;
    let db = Db::open(database)?;
    let any_discord = db.read_now(|s| s.has_workspaces(Platform::Discord))?;
    let discord = DiscordConfig::from_vars(
        |k| std::env::var(k).ok(),
        matrix_dir.to_path_buf(),
        database.to_path_buf(),
    );
    let (notifier, platforms): (Arc<dyn Notifier>, Vec<Platform>) = match &discord {
        Ok(config) => (
            Arc::new(crate::frontends::discord::DiscordNotifier::new(config)),
            vec![Platform::Discord, Platform::Console],
        ),
        Err(why) => {
            if any_discord {
                let _ = writeln!(std::io::stderr(), "Discord workspaces skipped: {why}");
            }
            (Arc::new(NoNotifier), vec![Platform::Console])
        }
    };
    let now = clock.now();
    let app = App::new(
        db,
        catalog,
        Settings {
            matrix_dir: matrix_dir.to_path_buf(),
            clock,
            ids: Arc::new(RandomIds),
            notifier,
            retry: RetryPolicy::default(),
        },
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Failure::io("cannot start the async runtime"))?;
    let events = runtime
        .block_on(app.run_due(now, &platforms))
        .map_err(|e| {
            Failure::Usage(format!("the pass could not run: {}", crate::app::chain(&e)))
        })?;
    for event in &events {
        let line = if json {
            serde_json::to_string(event).unwrap_or_default()
        } else {
            human(event)
        };
        writeln!(out, "{line}").map_err(Failure::io("cannot write the output"))?;
    }
    if !json {
        writeln!(out, "{}", summary(&events)).map_err(Failure::io("cannot write the output"))?;
    }
    Ok(true)
}

fn human(e: &PassEvent) -> String {
    let kind = serde_json::to_value(e.kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let whom = match &e.member {
        Some(m) => format!("{m} in {}", e.workspace),
        None => e.workspace.clone(),
    };
    let mut line = format!(
        "{kind} {} for {whom}, {} (due {})",
        e.result, e.week, e.local_time
    );
    if let Some(error) = &e.error {
        line.push_str(&format!(": {error}"));
    }
    line
}

fn summary(events: &[PassEvent]) -> String {
    if events.is_empty() {
        return "Nothing was due.".into();
    }
    let failed = events.iter().filter(|e| e.result == "failed").count();
    let refused = events.iter().filter(|e| e.result == "refused").count();
    format!(
        "{} handled: {} delivered or queued, {refused} refused, {failed} failed.",
        crate::app::count(events.len(), "message"),
        events.len() - failed - refused
    )
}
