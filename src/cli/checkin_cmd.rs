//! `skillbot checkin run-due`: one pass of the weekly check-ins, for cron
//! or a scheduled serverless trigger instead of a long-lived bot.

use super::Failure;
use crate::app::{
    App, Notifiers, PassEvent, PassOptions, PassSummary, RandomIds, RetryPolicy, Settings,
};
use crate::clock::Clock;
use crate::config::{DiscordConfig, SlackConfig};
use crate::matrix::Catalog;
use crate::store::Db;
use crate::team::Platform;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Says on stderr that `platform`'s workspaces are skipped, when there
/// are any.
fn skipped(db: &Db, platform: Platform, name: &str, why: &str) -> Result<(), Failure> {
    if db.read_now(move |s| s.has_workspaces(platform))? {
        let _ = writeln!(std::io::stderr(), "{name} workspaces skipped: {why}");
    }
    Ok(())
}

/// Runs one pass at the clock's time. Discord workspaces are served
/// through Discord's REST API when DISCORD_TOKEN is set (no gateway
/// connection), Slack workspaces through Slack's Web API when
/// SLACK_BOT_TOKEN is set, each skipped with a warning when not; console
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
    let var = |k: &str| std::env::var(k).ok();
    // The console's own notifier (its inbox) the app adds itself.
    let mut notifiers = Notifiers::new();
    let mut platforms = vec![Platform::Console];
    match DiscordConfig::from_vars(var, matrix_dir.to_path_buf(), database.to_path_buf()) {
        Ok(config) => {
            let notifier = crate::frontends::discord::DiscordNotifier::new(&config);
            notifiers = notifiers.with(Platform::Discord, Arc::new(notifier));
            platforms.push(Platform::Discord);
        }
        Err(why) => skipped(&db, Platform::Discord, "Discord", &why)?,
    }
    match SlackConfig::web_api(&var) {
        Ok((token, api_url)) => {
            let api = crate::frontends::slack::api::WebApi::new(&api_url, &token);
            let notifier = crate::frontends::slack::SlackNotifier::new(api);
            notifiers = notifiers.with(Platform::Slack, Arc::new(notifier));
            platforms.push(Platform::Slack);
        }
        Err(why) => skipped(&db, Platform::Slack, "Slack", &why)?,
    }
    let now = clock.now();
    let app = App::new(
        db,
        catalog,
        Settings {
            matrix_dir: matrix_dir.to_path_buf(),
            clock,
            ids: Arc::new(RandomIds),
            notifiers,
            retry: RetryPolicy::default(),
        },
    );
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(Failure::io("cannot start the async runtime"))?;
    // Each line goes out as it happens, so a pass that is killed has
    // printed what it did. Output that cannot be written (a closed pipe, a
    // full disk) stops the printing, not the pass: the database has the
    // record either way.
    let mut printer = Printer {
        out,
        json,
        broken: false,
        counts: Counts::default(),
    };
    let result = runtime.block_on(async {
        let (stop, stopped) = tokio::sync::watch::channel(false);
        // SIGTERM (what cron's or systemd's stop sends) and Ctrl-C end the
        // pass after the messages in flight.
        let signal = crate::shutdown::shutdown_signal();
        let signals = tokio::spawn(async move {
            signal.await;
            let _ = stop.send(true);
        });
        let options = PassOptions {
            stop: Some(stopped),
            ..PassOptions::default()
        };
        // The pass hands each event over; this task prints it meanwhile.
        let (events, mut received) = tokio::sync::mpsc::unbounded_channel::<PassEvent>();
        let pass = async {
            let report = move |event: &PassEvent| {
                let _ = events.send(event.clone());
            };
            app.run_pass(now, &platforms, &options, &report).await
        };
        let print = async {
            while let Some(event) = received.recv().await {
                printer.event(&event);
            }
        };
        let (summary, ()) = tokio::join!(pass, print);
        signals.abort();
        // Whatever became of the pass, the log goes into the database.
        if let Err(e) = app.db().settle().await {
            tracing::warn!(error = %e, "the database's log could not be emptied");
        }
        summary
    });
    let summary = result.map_err(|e| {
        Failure::Usage(format!("the pass could not run: {}", crate::app::chain(&e)))
    })?;
    printer.end(&summary);
    Ok(true)
}

/// Writes the pass's lines as they come, and stops at the first that
/// cannot be written. One task prints, beside the pass: no locks.
struct Printer<'a> {
    out: &'a mut dyn Write,
    json: bool,
    broken: bool,
    /// How many messages were refused, failed, or left for later.
    counts: Counts,
}

#[derive(Default)]
struct Counts {
    refused: usize,
    failed: usize,
    deferred: usize,
}

impl Printer<'_> {
    fn line(&mut self, text: &str) {
        if self.broken {
            return;
        }
        if let Err(e) = writeln!(self.out, "{text}").and_then(|()| self.out.flush()) {
            self.broken = true;
            if e.kind() != std::io::ErrorKind::BrokenPipe {
                let _ = writeln!(
                    std::io::stderr(),
                    "cannot write the output ({e}); the pass goes on, and the database has its record"
                );
            }
        }
    }

    fn event(&mut self, event: &PassEvent) {
        match event.result {
            "refused" => self.counts.refused += 1,
            "failed" => self.counts.failed += 1,
            "deferred" => self.counts.deferred += 1,
            _ => {}
        }
        let line = if self.json {
            serde_json::to_string(event).unwrap_or_default()
        } else {
            human(event)
        };
        self.line(&line);
    }

    /// The closing line: a sentence, or (as JSON) only when the pass ended
    /// early, on standard error, so that the lines stay one kind.
    fn end(&mut self, summary: &PassSummary) {
        let early = summary.end.reason().map(|why| {
            crate::tr!(
                crate::i18n::Locale::default(),
                "pass-stopped-early",
                why = why
            )
        });
        if self.json {
            if let Some(early) = early {
                let _ = writeln!(std::io::stderr(), "{early}");
            }
        } else {
            let mut text = summary_text(summary.handled, &self.counts);
            if let Some(early) = early {
                text.push(' ');
                text.push_str(&early);
            }
            self.line(&text);
        }
    }
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

fn summary_text(handled: usize, counts: &Counts) -> String {
    if handled == 0 {
        return "Nothing was due.".into();
    }
    let mut text = format!(
        "{} handled: {} delivered or queued, {} refused, {} failed",
        crate::text::count(handled, "message"),
        handled - counts.failed - counts.refused - counts.deferred,
        counts.refused,
        counts.failed
    );
    if counts.deferred > 0 {
        text.push_str(&format!(", {} left for the next pass", counts.deferred));
    }
    text.push('.');
    text
}
