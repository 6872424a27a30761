//! The console's notifier: messages kept for members who are not there.

use crate::app::core::{AppError, chain};
use crate::app::protocol::notify::BoxFuture;
use crate::app::protocol::why::Why;
use crate::app::protocol::{Delivery, Notice, Notifier, Recipient};

/// The console's notifier: a message for a member is kept in the database
/// and shown when they next open the console, in order, once. It answers
/// "queued"; a member who never used the console here has no one to keep it
/// for. A message to a channel (the digest) is queued with nothing to keep:
/// leads see the latest digest, made again, when they open the console.
pub(crate) struct Inbox {
    db: crate::store::Db,
    clock: std::sync::Arc<dyn crate::clock::Clock>,
}

impl std::fmt::Debug for Inbox {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Inbox").finish_non_exhaustive()
    }
}

impl Inbox {
    pub(crate) fn new(
        db: crate::store::Db,
        clock: std::sync::Arc<dyn crate::clock::Clock>,
    ) -> Inbox {
        Inbox { db, clock }
    }

    async fn keep(&self, notice: &Notice) -> Result<bool, AppError> {
        let Recipient::Member { user_id, .. } = &notice.to else {
            return Ok(true);
        };
        let Some((platform, workspace)) = notice.origin.clone() else {
            return Ok(false);
        };
        let json = serde_json::to_string(&notice.message)
            .map_err(|e| AppError::caused("cannot keep a message", e))?;
        let user = user_id.clone();
        let now = self.clock.now();
        Ok(self
            .db
            .write(move |s| {
                let Some(w) = s.find_workspace(platform, &workspace)? else {
                    return Ok(false);
                };
                let Some(member) = s.find_member(w, &user)? else {
                    return Ok(false);
                };
                s.queue_message(member.id, &json, now)?;
                Ok(true)
            })
            .await?)
    }
}

impl Notifier for Inbox {
    fn send<'a>(&'a self, notice: &'a Notice) -> BoxFuture<'a, Delivery> {
        Box::pin(async move {
            match self.keep(notice).await {
                Ok(true) => Delivery::Queued,
                Ok(false) => Delivery::Refused(Why::NotHere),
                Err(e) => {
                    tracing::warn!(error = %chain(&e), "a message could not be kept");
                    Delivery::Failed(Why::Unreachable)
                }
            }
        })
    }
}
