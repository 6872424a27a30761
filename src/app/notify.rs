//! Messages the bot starts itself (a direct message after a lead's rating;
//! later check-ins, reminders and digests) go through a `Notifier`, which
//! each front end implements and which says what became of each attempt.
//! The app decides what to do about it: wait and retry, or give up and say
//! so.

use super::Reply;
use std::future::Future;
use std::pin::Pin;
use std::time::Duration;

pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Who a message is for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Recipient {
    /// A member, by platform user id, and their name (for front ends that
    /// show whom it went to).
    Member { user_id: String, name: String },
    /// A channel of the workspace, by platform id.
    Channel { id: String },
}

/// A message for someone other than the asker.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Notice {
    pub to: Recipient,
    /// Its text, fields and buttons; shown as a direct message.
    pub message: Reply,
}

/// What became of one attempt to deliver a message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Delivery {
    Delivered,
    /// The member does not take direct messages (Discord: 50007), or the
    /// channel is gone: trying again will not help.
    Refused(String),
    /// Too many messages: try again after the wait the platform named, or
    /// (when it named none) after the policy's backoff.
    RateLimited(Option<Duration>),
    /// Anything else; worth another try or two.
    Failed(String),
}

/// Sends messages on one platform. One attempt per call: the app retries.
pub trait Notifier: Send + Sync {
    fn send<'a>(&'a self, notice: &'a Notice) -> BoxFuture<'a, Delivery>;
}

/// Sends nothing and says it was delivered: for tools that start no
/// messages (the command line's matrix and database commands).
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

/// The last outcome after retrying as the policy allows, and the number of
/// attempts made. A rate limit waits for the time the platform names and
/// does not count as a failed attempt.
pub async fn send_with_retries(
    notifier: &dyn Notifier,
    notice: &Notice,
    policy: RetryPolicy,
) -> (Delivery, u32) {
    let (mut tries, mut failures, mut limited) = (0, 0, 0);
    loop {
        tries += 1;
        let outcome = notifier.send(notice).await;
        let wait = match &outcome {
            Delivery::Delivered | Delivery::Refused(_) => None,
            Delivery::RateLimited(after)
                if after.is_none_or(|a| a <= policy.longest_wait)
                    && limited < policy.rate_limited =>
            {
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
            return (outcome, tries);
        };
        tracing::info!(
            failures,
            limited,
            ?wait,
            "message not delivered yet; trying again"
        );
        tokio::time::sleep(wait).await;
    }
}
