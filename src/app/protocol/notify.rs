//! Messages the bot starts itself (a direct message after a lead's rating;
//! later check-ins, reminders and digests) go through a `Notifier`, which
//! each front end implements and which says what became of each attempt.
//! The app decides what to do about it: wait and retry, or give up and say
//! so.

use super::said::Said;
use super::why::Why;
use crate::i18n::Locale;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Duration;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Who a message is for.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Recipient {
    /// A member, by platform user id, and their name (for front ends that
    /// show whom it went to).
    Member { user_id: String, name: String },
    /// A channel of the workspace, by platform id.
    Channel { id: String },
}

/// A message for someone other than the asker.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Notice {
    pub to: Recipient,
    /// The platform and the workspace (its id there) it comes from, which
    /// pick the notifier; `App::handle` fills it in for a reply's notices.
    #[serde(skip)]
    pub origin: Option<(crate::team::Platform, String)>,
    /// The language its reader reads (the member's; the workspace's for a
    /// channel).
    pub locale: Locale,
    /// What it says, rendered in `locale` when it is sent or shown.
    pub message: Said,
}

impl Notice {
    pub fn new(to: Recipient, message: Said) -> Notice {
        Notice {
            to,
            origin: None,
            // One language so far: every member reads it.
            locale: Locale::default(),
            message,
        }
    }

    /// The notice, from `workspace` (its id) on `platform`.
    pub fn from(mut self, platform: crate::team::Platform, workspace: impl Into<String>) -> Notice {
        self.origin = Some((platform, workspace.into()));
        self
    }

    /// The message as its reader sees it.
    pub fn rendered(&self) -> super::Reply {
        self.message.render(self.locale)
    }
}

/// What became of one attempt to deliver a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    Delivered,
    /// Kept for the recipient, who sees it when they next open a front end
    /// whose messages do not outlive the process (the console).
    Queued,
    /// The member does not take direct messages (Discord: 50007), or the
    /// channel is gone: trying again will not help.
    Refused(Why),
    /// Too many messages: try again after the wait the platform named, or
    /// (when it named none) after the policy's backoff.
    RateLimited(Option<Duration>),
    /// Anything else; worth another try or two.
    Failed(Why),
}

/// Sends messages on one platform. One attempt per call: the app retries.
pub trait Notifier: Send + Sync {
    fn send<'a>(&'a self, notice: &'a Notice) -> BoxFuture<'a, Delivery>;
}

/// The notifier of each chat platform: a message goes through the one of
/// its recipient's platform. The console's is the app's own inbox, which
/// `App::new` adds when none is given.
#[derive(Clone, Default)]
pub struct Notifiers(Vec<(crate::team::Platform, Arc<dyn Notifier>)>);

impl std::fmt::Debug for Notifiers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list()
            .entries(self.0.iter().map(|(p, _)| p))
            .finish()
    }
}

impl Notifiers {
    pub fn new() -> Notifiers {
        Notifiers::default()
    }

    /// With `notifier` for `platform`'s messages.
    pub fn with(
        mut self,
        platform: crate::team::Platform,
        notifier: Arc<dyn Notifier>,
    ) -> Notifiers {
        self.0.retain(|(p, _)| *p != platform);
        self.0.push((platform, notifier));
        self
    }

    pub fn has(&self, platform: crate::team::Platform) -> bool {
        self.0.iter().any(|(p, _)| *p == platform)
    }

    /// The notifier of `platform`; one that reaches no one when there is
    /// none (a platform this process does not serve).
    pub fn of(&self, platform: crate::team::Platform) -> &dyn Notifier {
        self.0
            .iter()
            .find(|(p, _)| *p == platform)
            .map_or(&Unserved as &dyn Notifier, |(_, n)| &**n)
    }
}

/// The notifier of a platform this process does not serve: every message
/// fails, so that it is said and nothing is claimed delivered.
#[derive(Debug)]
struct Unserved;

impl Notifier for Unserved {
    fn send<'a>(&'a self, _: &'a Notice) -> BoxFuture<'a, Delivery> {
        Box::pin(async { Delivery::Failed(Why::Unreachable) })
    }
}

/// Sends nothing and says it was delivered: for tools that start no
/// messages (the command line's matrix and database commands).
#[derive(Debug)]
pub struct NoNotifier;

impl Notifier for NoNotifier {
    fn send<'a>(&'a self, _: &'a Notice) -> BoxFuture<'a, Delivery> {
        Box::pin(async { Delivery::Delivered })
    }
}

/// How long and how often to keep trying.
#[derive(Clone, Copy, Debug)]
pub struct RetryPolicy {
    /// Attempts that may fail before giving up.
    pub attempts: u32,
    /// The first wait after a failure; it grows with each failure.
    pub backoff: Duration,
    /// How many times a rate limit is waited out before giving up.
    pub rate_limited: u32,
    /// The longest rate-limit wait accepted; a longer one gives up at once.
    pub longest_wait: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 3,
            backoff: Duration::from_secs(2),
            rate_limited: 10,
            longest_wait: Duration::from_secs(60),
        }
    }
}

/// What bounds the sending of one message besides the policy: a moment
/// after which no wait may end (a pass's deadline), and a signal to stop.
#[derive(Clone, Debug, Default)]
pub struct Limits {
    pub until: Option<tokio::time::Instant>,
    pub stop: Option<tokio::sync::watch::Receiver<bool>>,
    /// The longest rate-limit wait taken, if shorter than the policy's.
    pub longest_wait: Option<Duration>,
}

impl Limits {
    fn stopped(&self) -> bool {
        self.stop.as_ref().is_some_and(|s| *s.borrow())
    }
}

/// Why a message was left unsent before the policy gave up: it may be
/// sent by a later try (the next pass), unlike a message that failed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CutShort {
    /// The stop signal came.
    Stopped,
    /// The next try would come after the limit.
    Deadline,
    /// The platform asked to wait longer than the policy accepts.
    LongWait(Duration),
}

/// What became of a message: the last outcome, how many attempts it
/// took, and whether sending was cut short (it was then not delivered).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempted {
    pub outcome: Delivery,
    pub attempts: u32,
    pub cut: Option<CutShort>,
}

/// The last outcome after retrying as the policy allows, and the number of
/// attempts made. A rate limit waits for the time the platform names and
/// does not count as a failed attempt.
pub async fn send_with_retries(
    notifier: &dyn Notifier,
    notice: &Notice,
    policy: RetryPolicy,
) -> (Delivery, u32) {
    let attempted = send_within(notifier, notice, policy, &Limits::default()).await;
    (attempted.outcome, attempted.attempts)
}

/// `send_with_retries` within `limits`: a wait that would end after the
/// limit, a rate limit longer than the policy accepts, or the stop signal
/// ends the sending at once, cut short.
pub async fn send_within(
    notifier: &dyn Notifier,
    notice: &Notice,
    policy: RetryPolicy,
    limits: &Limits,
) -> Attempted {
    let (mut tries, mut failures, mut limited) = (0, 0, 0);
    let longest_wait = limits
        .longest_wait
        .map_or(policy.longest_wait, |l| l.min(policy.longest_wait));
    loop {
        tries += 1;
        let outcome = notifier.send(notice).await;
        let done = |cut| Attempted {
            outcome: outcome.clone(),
            attempts: tries,
            cut,
        };
        let wait = match &outcome {
            Delivery::Delivered | Delivery::Queued | Delivery::Refused(_) => None,
            Delivery::RateLimited(Some(after)) if *after > longest_wait => {
                return done(Some(CutShort::LongWait(*after)));
            }
            Delivery::RateLimited(after) if limited < policy.rate_limited => {
                limited += 1;
                Some(after.unwrap_or(policy.backoff))
            }
            Delivery::RateLimited(_) => None,
            Delivery::Failed(_) => {
                failures += 1;
                (failures < policy.attempts).then(|| policy.backoff * failures)
            }
        };
        let Some(wait) = wait else {
            return done(None);
        };
        if limits
            .until
            .is_some_and(|until| tokio::time::Instant::now() + wait > until)
        {
            return done(Some(CutShort::Deadline));
        }
        if limits.stopped() {
            return done(Some(CutShort::Stopped));
        }
        tracing::info!(
            failures,
            limited,
            ?wait,
            "message not delivered yet; trying again"
        );
        let mut stop = limits.stop.clone();
        tokio::select! {
            () = tokio::time::sleep(wait) => {}
            Some(()) = async {
                match stop.as_mut() {
                    Some(s) => s.wait_for(|stop| *stop).await.ok().map(|_| ()),
                    None => std::future::pending().await,
                }
            } => return done(Some(CutShort::Stopped)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::VecDeque;
    use std::sync::Mutex;

    /// Answers each attempt with the next outcome of a script.
    struct Scripted(Mutex<VecDeque<Delivery>>);

    impl Notifier for Scripted {
        fn send<'a>(&'a self, _: &'a Notice) -> BoxFuture<'a, Delivery> {
            let next = self
                .0
                .lock()
                .unwrap()
                .pop_front()
                .unwrap_or(Delivery::Delivered);
            Box::pin(async move { next })
        }
    }

    fn run(script: Vec<Delivery>) -> (Delivery, u32) {
        let policy = RetryPolicy {
            attempts: 3,
            backoff: Duration::from_millis(1),
            rate_limited: 2,
            longest_wait: Duration::from_millis(50),
        };
        let notice = Notice::new(
            Recipient::Member {
                user_id: "1".into(),
                name: "ann".into(),
            },
            Said::default(),
        );
        let notifier = Scripted(Mutex::new(script.into()));
        tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .build()
            .unwrap()
            .block_on(send_with_retries(&notifier, &notice, policy))
    }

    #[test]
    fn refusals_are_final_and_failures_are_retried_a_bounded_number_of_times() {
        let refused = Delivery::Refused(Why::DmsClosed);
        assert_eq!(run(vec![refused.clone()]), (refused, 1));
        let failed = Delivery::Failed(Why::Unreachable);
        assert_eq!(
            run(vec![failed.clone(), Delivery::Delivered]),
            (Delivery::Delivered, 2)
        );
        assert_eq!(run(vec![failed.clone(); 5]), (failed, 3));
    }

    #[test]
    fn rate_limits_are_waited_out_without_using_up_attempts() {
        let limited = Delivery::RateLimited(Some(Duration::from_millis(1)));
        let failed = Delivery::Failed(Why::Unreachable);
        // Two failures and two rate limits still end in a delivery.
        let script = vec![
            failed.clone(),
            limited.clone(),
            failed,
            limited.clone(),
            Delivery::Delivered,
        ];
        assert_eq!(run(script), (Delivery::Delivered, 5));
        // But only so many rate limits are waited out.
        assert_eq!(run(vec![limited.clone(); 5]), (limited, 3));
        // And a wait longer than accepted gives up at once.
        let long = Delivery::RateLimited(Some(Duration::from_secs(3600)));
        assert_eq!(run(vec![long.clone()]), (long, 1));
    }

    #[test]
    fn a_wait_past_the_limit_or_too_long_is_cut_short() {
        let policy = RetryPolicy::default();
        let notice = Notice::new(Recipient::Channel { id: "1".into() }, Said::default());
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_time()
            .start_paused(true)
            .build()
            .unwrap();
        let limited = |secs| Delivery::RateLimited(Some(Duration::from_secs(secs)));
        let attempt = |script: Vec<Delivery>, limits: Limits| {
            let notifier = Scripted(Mutex::new(script.into()));
            runtime.block_on(send_within(&notifier, &notice, policy, &limits))
        };
        let soon = Limits {
            until: Some(tokio::time::Instant::now() + Duration::from_secs(5)),
            ..Limits::default()
        };
        let cut = attempt(vec![limited(30)], soon.clone());
        assert_eq!(cut.cut, Some(CutShort::Deadline));
        let cut = attempt(vec![limited(3600)], Limits::default());
        assert_eq!(cut.cut, Some(CutShort::LongWait(Duration::from_secs(3600))));
        let (stop, stopped) = tokio::sync::watch::channel(true);
        let cut = attempt(
            vec![Delivery::Failed(Why::Unreachable)],
            Limits {
                stop: Some(stopped),
                ..Limits::default()
            },
        );
        assert_eq!(cut.cut, Some(CutShort::Stopped));
        drop(stop);
        let fine = attempt(vec![limited(1)], soon);
        assert_eq!((fine.outcome, fine.cut), (Delivery::Delivered, None));
    }
}
