//! Messages the app starts, on Slack: a direct message (`conversations.open`
//! then `chat.postMessage`) or a post in a channel, through the Web API
//! alone, so that `checkin run-due` from cron sends the same way as the
//! running app.

use super::api::{CallError, WebApi};
use super::blocks;
use crate::app::notify::BoxFuture;
use crate::app::why::Why;
use crate::app::{Delivery, Notice, Notifier, Recipient};
use serde_json::json;

#[derive(Debug)]
pub struct SlackNotifier {
    api: WebApi,
}

impl SlackNotifier {
    pub fn new(api: WebApi) -> SlackNotifier {
        SlackNotifier { api }
    }
}

/// What a failed call means for the message.
pub fn classify(e: &CallError) -> Delivery {
    match e {
        CallError::RateLimited(wait) => Delivery::RateLimited(*wait),
        CallError::Api(code) => Delivery::Refused(match code.as_str() {
            // A bot cannot be written to; a user who turned off the
            // messages tab takes no direct messages from apps.
            "cannot_dm_bot" | "messages_tab_disabled" => Why::DmsClosed,
            "user_not_found" | "users_not_found" | "channel_not_found" => Why::NoSuchRecipient,
            "account_inactive" | "user_disabled" | "user_is_inactive" => Why::Deactivated,
            other => Why::Said {
                platform: "slack".into(),
                error: other.into(),
            },
        }),
        CallError::Status(status) if (500..600).contains(status) => Delivery::Failed(Why::Status {
            platform: "slack".into(),
            status: *status,
        }),
        CallError::Status(status) => Delivery::Refused(Why::Status {
            platform: "slack".into(),
            status: *status,
        }),
        CallError::Unreachable(what) => {
            tracing::warn!(error = %what, "Slack could not be reached");
            Delivery::Failed(Why::Unreachable)
        }
    }
}

impl Notifier for SlackNotifier {
    fn send<'a>(&'a self, notice: &'a Notice) -> BoxFuture<'a, Delivery> {
        Box::pin(async move {
            let reply = notice.rendered();
            let channel = match &notice.to {
                Recipient::Member { user_id, .. } => match self.api.dm_channel(user_id).await {
                    Ok(channel) => channel,
                    Err(e) => return classify(&e),
                },
                Recipient::Channel { id } => id.clone(),
            };
            // A notice is one message: the first page, with the buttons
            // the app put on it.
            let first = blocks::messages(&reply)
                .into_iter()
                .next()
                .unwrap_or_default();
            let body = json!({
                "channel": channel,
                "text": blocks::fallback_text(&reply),
                "blocks": first,
            });
            match self.api.call("chat.postMessage", &body).await {
                Ok(_) => Delivery::Delivered,
                Err(e) => classify(&e),
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn slacks_refusals_are_named_and_its_waits_kept() {
        let refused = |code: &str| classify(&CallError::Api(code.into()));
        assert_eq!(refused("cannot_dm_bot"), Delivery::Refused(Why::DmsClosed));
        assert_eq!(
            refused("channel_not_found"),
            Delivery::Refused(Why::NoSuchRecipient)
        );
        assert_eq!(
            refused("account_inactive"),
            Delivery::Refused(Why::Deactivated)
        );
        assert_eq!(
            refused("not_in_channel"),
            Delivery::Refused(Why::Said {
                platform: "slack".into(),
                error: "not_in_channel".into()
            })
        );
        assert_eq!(
            classify(&CallError::RateLimited(Some(Duration::from_secs(3)))),
            Delivery::RateLimited(Some(Duration::from_secs(3)))
        );
        assert!(matches!(
            classify(&CallError::Status(503)),
            Delivery::Failed(_)
        ));
        assert!(matches!(
            classify(&CallError::Status(404)),
            Delivery::Refused(_)
        ));
    }
}
