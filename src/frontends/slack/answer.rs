//! The app's replies, shown on Slack: a form through `views.open`, messages
//! through the interaction's `response_url` (ephemeral when the reply is
//! private, replacing the pressed message when it updates), files through
//! the upload flow, and the lines about deliveries after.

use super::Slack;
use super::api::CallError;
use super::blocks;
use super::incoming::{From, ReplyTo};
use crate::app::Reply;
use serde_json::{Value, json};

/// Slack takes five posts to one `response_url`.
const RESPONSES_PER_URL: usize = 5;

impl Slack {
    /// Shows `reply` to the one who asked (`from`), where they asked.
    pub(super) async fn show(&self, reply: Reply, from: &From, reply_to: &ReplyTo, trigger: &str) {
        if let Some(modal) = &reply.modal {
            let view = blocks::modal_view(&reply, modal);
            self.open_view(view, reply.locale, from, reply_to, trigger)
                .await;
            return;
        }
        let reply = self.app.conclude(reply).await;
        self.post(&reply, from, reply_to).await;
        self.share_files(&reply, from, reply_to).await;
        let lines = self.app.deliver(&reply.notices, reply.locale).await;
        if !lines.is_empty() {
            let told = Reply::text(lines.join("\n")).private();
            self.post(&told, from, reply_to).await;
        }
    }

    /// Opens a modal `view` (`views.open`), which carries where its answer
    /// goes; says so to the one who asked when Slack would not open it.
    pub(super) async fn open_view(
        &self,
        mut view: Value,
        locale: crate::i18n::Locale,
        from: &From,
        reply_to: &ReplyTo,
        trigger: &str,
    ) {
        view["private_metadata"] = json!(serde_json::to_string(reply_to).unwrap_or_default());
        let opened = self
            .api
            .call("views.open", &json!({"trigger_id": trigger, "view": view}))
            .await;
        if let Err(e) = opened {
            tracing::warn!(error = %e, "views.open failed");
            let sorry = Reply::refused(crate::tr!(locale, "slack-form-failed"));
            self.post(&sorry, from, reply_to).await;
        }
    }

    /// The reply's messages: to the response URL while it takes them, else
    /// (the Home tab has none) in the member's direct messages.
    async fn post(&self, reply: &Reply, from: &From, reply_to: &ReplyTo) {
        for (i, page) in blocks::messages(reply).into_iter().enumerate() {
            let text = blocks::fallback_text(reply);
            let sent = match &reply_to.response_url {
                Some(url) if i < RESPONSES_PER_URL => {
                    let body = json!({
                        "response_type": if reply.private { "ephemeral" } else { "in_channel" },
                        "replace_original": i == 0 && reply.update,
                        "text": text,
                        "blocks": page,
                    });
                    self.api.respond(url, &body).await
                }
                _ => self.post_in_dm(&from.user, text, page).await,
            };
            if let Err(e) = sent {
                tracing::warn!(error = %e, "a reply could not be shown");
                return;
            }
        }
    }

    async fn post_in_dm(
        &self,
        user: &str,
        text: String,
        blocks: Vec<Value>,
    ) -> Result<(), CallError> {
        let channel = self.api.dm_channel(user).await?;
        let body = json!({"channel": channel, "text": text, "blocks": blocks});
        self.api.call("chat.postMessage", &body).await.map(|_| ())
    }

    /// Charts and exports: in the channel for a public reply, in the
    /// asker's direct messages for a private one (Slack has no ephemeral
    /// files).
    async fn share_files(&self, reply: &Reply, from: &From, reply_to: &ReplyTo) {
        if reply.attachments.is_empty() {
            return;
        }
        let channel = match (&reply_to.channel, reply.private) {
            (Some(channel), false) => Ok(channel.clone()),
            _ => self.api.dm_channel(&from.user).await,
        };
        let channel = match channel {
            Ok(c) => c,
            Err(e) => {
                tracing::warn!(error = %e, "no channel for the reply's files");
                return;
            }
        };
        let mut shared = 0;
        for file in &reply.attachments {
            match self.api.upload(&channel, file).await {
                Ok(()) => shared += 1,
                Err(e) => {
                    tracing::warn!(error = %e, file = %file.name, "a file could not be shared");
                    let r = reply.locale;
                    let sorry =
                        Reply::refused(crate::tr!(r, "slack-file-failed", file = &file.name));
                    self.post(&sorry, from, reply_to).await;
                }
            }
        }
        if shared > 0 && reply_to.channel.as_ref() != Some(&channel) {
            let r = reply.locale;
            let told = Reply::text(crate::tr!(r, "slack-files-in-dm", count = shared)).private();
            self.post(&told, from, reply_to).await;
        }
    }
}
