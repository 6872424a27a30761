//! Stopping cleanly: on SIGTERM or Ctrl-C the bot stops taking new
//! interactions, lets those in flight finish (for a bounded time), stops
//! its background loops between two passes, and leaves the database with
//! its write-ahead log emptied.

use crate::app::{App, Outcome};
use crate::team::Platform;
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, watch};
use tokio::task::JoinHandle;

/// How long the interactions in flight, then the background loops, are
/// given to finish.
pub const GRACE: Duration = Duration::from_secs(5);

/// The interactions being handled.
#[derive(Debug, Default)]
pub struct InFlight {
    count: AtomicUsize,
    idle: Notify,
}

/// One interaction in flight, until dropped.
#[derive(Debug)]
pub struct Entered(Arc<InFlight>);

impl Drop for Entered {
    fn drop(&mut self) {
        if self.0.count.fetch_sub(1, Ordering::AcqRel) == 1 {
            self.0.idle.notify_waiters();
        }
    }
}

impl InFlight {
    pub fn enter(self: &Arc<Self>) -> Entered {
        self.count.fetch_add(1, Ordering::AcqRel);
        Entered(Arc::clone(self))
    }

    /// Waits until none is in flight, for `within` at most; false when
    /// some were still running.
    pub async fn drained(&self, within: Duration) -> bool {
        let deadline = tokio::time::Instant::now() + within;
        loop {
            let idle = self.idle.notified();
            if self.count.load(Ordering::Acquire) == 0 {
                return true;
            }
            if tokio::time::timeout_at(deadline, idle).await.is_err() {
                return self.count.load(Ordering::Acquire) == 0;
            }
        }
    }
}

/// The bot's background loops: told to stop, they finish the pass they
/// are in and end.
#[derive(Debug)]
pub struct Background {
    stop: watch::Sender<bool>,
    tasks: Mutex<Vec<JoinHandle<()>>>,
}

impl Default for Background {
    fn default() -> Self {
        Background {
            stop: watch::channel(false).0,
            tasks: Mutex::new(Vec::new()),
        }
    }
}

impl Background {
    /// Runs `work` every `every` (the first time at once) until stopped.
    pub fn every<F, Fut>(&self, every: Duration, mut work: F)
    where
        F: FnMut() -> Fut + Send + 'static,
        Fut: Future<Output = ()> + Send,
    {
        let mut stopped = self.stop.subscribe();
        let task = tokio::spawn(async move {
            let mut tick = tokio::time::interval(every);
            // A pass that takes longer delays the next rather than bunching them.
            tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            loop {
                tokio::select! {
                    _ = tick.tick() => work().await,
                    _ = stopped.changed() => return,
                }
            }
        });
        self.tasks
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(task);
    }

    /// Stops every loop after its current pass; waits `within` at most,
    /// then abandons what is still running.
    pub async fn stop(&self, within: Duration) {
        let _ = self.stop.send(true);
        let tasks = std::mem::take(&mut *self.tasks.lock().unwrap_or_else(PoisonError::into_inner));
        for task in tasks {
            let abort = task.abort_handle();
            if tokio::time::timeout(within, task).await.is_err() {
                tracing::warn!("a background pass did not finish in time; stopped");
                abort.abort();
            }
        }
    }
}

/// Idle work, every minute: fold new ratings into the current levels (so
/// reads find little to merge) and forget expired dialogs.
pub fn tidy_loop(background: &Background, app: Arc<App>) {
    background.every(Duration::from_secs(60), move || {
        let app = Arc::clone(&app);
        async move {
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

/// The weekly check-ins of `platforms` (and the console's): a pass at start (a check-in that fell due while
/// the bot was down goes out now) and every minute after.
pub fn checkin_loop(background: &Background, app: Arc<App>, platforms: &[Platform]) {
    // The console's members find theirs in the inbox, which any process fills.
    let platforms: Vec<Platform> = platforms
        .iter()
        .copied()
        .chain([Platform::Console])
        .collect();
    background.every(Duration::from_secs(60), move || {
        let (app, platforms) = (Arc::clone(&app), platforms.clone());
        async move {
            match app.run_due(app.now(), &platforms).await {
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
