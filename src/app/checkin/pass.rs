//! One pass of the weekly rhythm as it goes: what bounds it (a deadline, a
//! stop signal), who hears of each message as it is handled, and why it
//! ended. A pass that ends early leaves the rest for the next one: nothing
//! it had not handed over is recorded as sent or failed.

use super::scheduler::PassEvent;
use crate::app::core::{App, AppError};
use crate::app::protocol::notify::{CutShort, Limits};
use crate::store::Sent;
use crate::team::Platform;
use chrono::{DateTime, Utc};
use serde::Serialize;
use std::sync::atomic::{AtomicU32, AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Messages sent at once: a few, so that one slow answer does not hold up
/// the others, and few enough to stay within the platform's rate limits.
pub(super) const SENDS_AT_ONCE: usize = 4;

/// Members whose messages failed one after another before the pass takes
/// it for an outage of the platform and stops, leaving the rest for later.
const OUTAGE_AFTER: u32 = 5;

/// Messages handled between two checkpoints of the database's log, so
/// that it stays small however long the pass.
pub(super) const UPKEEP_EVERY: usize = 50;

/// What a pass may take.
#[derive(Clone, Debug)]
pub struct PassOptions {
    /// How long it may run: no message is started after it.
    pub deadline: Duration,
    /// Set to true to stop: the messages in flight finish, no new one
    /// starts.
    pub stop: Option<tokio::sync::watch::Receiver<bool>>,
    /// A rate limit asking to wait longer than this ends the pass: the
    /// next one (a minute later) goes on, rather than this one waiting
    /// with every message behind it.
    pub longest_wait: Duration,
}

impl Default for PassOptions {
    fn default() -> Self {
        PassOptions {
            deadline: Duration::from_secs(4 * 60),
            stop: None,
            longest_wait: Duration::from_secs(10),
        }
    }
}

/// Why a pass ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "ended")]
pub enum PassEnd {
    /// Everything due was handled.
    Done,
    /// Its time was up.
    Deadline,
    /// It was told to stop (SIGTERM, Ctrl-C).
    Stopped,
    /// The platform asked to wait longer than a pass does.
    RateLimited { wait_secs: u64 },
    /// Message after message failed: the platform seems down.
    Outage { failed: u32 },
}

impl PassEnd {
    /// Why the pass left the rest, for the person reading its output.
    pub fn reason(self) -> Option<crate::i18n::Msg> {
        use crate::msg;
        match self {
            PassEnd::Done => None,
            PassEnd::Deadline => Some(msg!("pass-end-deadline")),
            PassEnd::Stopped => Some(msg!("pass-end-stopped")),
            PassEnd::RateLimited { wait_secs } => {
                Some(msg!("pass-end-rate-limited", seconds = wait_secs))
            }
            PassEnd::Outage { failed } => Some(msg!("pass-end-outage", failed = failed)),
        }
    }
}

/// What a pass did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PassSummary {
    pub handled: usize,
    pub end: PassEnd,
}

/// A pass under way, shared by the messages it sends at once.
pub(super) struct Pass<'a> {
    pub limits: Limits,
    report: &'a (dyn Fn(&PassEvent) + Sync),
    ended: Mutex<Option<PassEnd>>,
    failed_in_a_row: AtomicU32,
    handled: AtomicUsize,
}

impl Pass<'_> {
    /// Whether another message may be started; false once the pass must
    /// end (and why is kept).
    pub fn go_on(&self) -> bool {
        if self.ended().is_some() {
            return false;
        }
        if self.limits.stop.as_ref().is_some_and(|s| *s.borrow()) {
            self.end(PassEnd::Stopped);
        } else if self
            .limits
            .until
            .is_some_and(|until| tokio::time::Instant::now() >= until)
        {
            self.end(PassEnd::Deadline);
        }
        self.ended().is_none()
    }

    fn ended(&self) -> Option<PassEnd> {
        *self.ended.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Ends the pass for `why`, unless it has ended already.
    pub fn end(&self, why: PassEnd) {
        self.ended
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get_or_insert(why);
    }

    /// Ends the pass for a message that was cut short.
    pub fn cut(&self, cut: CutShort) {
        self.end(match cut {
            CutShort::Stopped => PassEnd::Stopped,
            CutShort::Deadline => PassEnd::Deadline,
            CutShort::LongWait(wait) => PassEnd::RateLimited {
                wait_secs: wait.as_secs_f64().ceil() as u64,
            },
        });
    }

    /// Reports a message handled, and keeps count of failures in a row.
    pub fn handled(&self, event: PassEvent) {
        if event.result == Sent::Failed.as_str() {
            let failed = self.failed_in_a_row.fetch_add(1, Ordering::Relaxed) + 1;
            if failed >= OUTAGE_AFTER {
                self.end(PassEnd::Outage { failed });
            }
        } else if event.result != DEFERRED {
            self.failed_in_a_row.store(0, Ordering::Relaxed);
        }
        self.handled.fetch_add(1, Ordering::Relaxed);
        (self.report)(&event);
    }

    /// Whether the log is due a checkpoint: every `UPKEEP_EVERY` messages.
    pub fn count(&self) -> usize {
        self.handled.load(Ordering::Relaxed)
    }
}

/// The result of a message left for the next pass.
pub const DEFERRED: &str = "deferred";

impl App {
    /// One pass over the workspaces of `platforms` at `now`, within
    /// `options`: sends what is due, telling `report` of each message as
    /// it is handled. Fails only when the database does.
    pub async fn run_pass(
        &self,
        now: DateTime<Utc>,
        platforms: &[Platform],
        options: &PassOptions,
        report: &(dyn Fn(&PassEvent) + Sync),
    ) -> Result<PassSummary, AppError> {
        let pass = Pass {
            limits: Limits {
                until: Some(tokio::time::Instant::now() + options.deadline),
                stop: options.stop.clone(),
                longest_wait: Some(options.longest_wait),
            },
            report,
            ended: Mutex::new(None),
            failed_in_a_row: AtomicU32::new(0),
            handled: AtomicUsize::new(0),
        };
        self.prepare_pass(now).await?;
        for &platform in platforms {
            self.send_checkins(now, platform, &pass).await?;
            self.send_reminders(now, platform, &pass).await?;
            self.send_digests(now, platform, &pass).await?;
        }
        self.db().upkeep().await?;
        Ok(PassSummary {
            handled: pass.count(),
            end: pass.ended().unwrap_or(PassEnd::Done),
        })
    }

    /// One pass with the default bounds; what it did.
    pub async fn run_due(
        &self,
        now: DateTime<Utc>,
        platforms: &[Platform],
    ) -> Result<Vec<PassEvent>, AppError> {
        let events = Mutex::new(Vec::new());
        let report = |e: &PassEvent| {
            events
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(e.clone());
        };
        self.run_pass(now, platforms, &PassOptions::default(), &report)
            .await?;
        Ok(events.into_inner().unwrap_or_else(PoisonError::into_inner))
    }
}
