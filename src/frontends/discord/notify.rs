//! Messages the app starts, sent through Discord's REST API alone: no
//! gateway connection is needed, so a one-shot command run from cron sends
//! the same way as the bot.
//!
//! The requests are serenity's own (its routes, headers and message
//! builder), sent with the same HTTP client serenity uses, so that the
//! answer is read here: the wait a 429 names (`retry_after` in the body,
//! or its headers), which serenity keeps to itself when its rate limiter
//! is off, as it must be for another API host. A member's direct-message
//! channel is opened once and reused.

use super::render;
use crate::app::notify::BoxFuture;
use crate::app::why::Why;
use crate::app::{Delivery, Notice, Notifier, Recipient};
use crate::config::DiscordConfig;
use poise::serenity_prelude as serenity;
use serenity::{ChannelId, CreateMessage, LightMethod, Request, Route};
use std::collections::HashMap;
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

/// Discord's code for "Cannot send messages to this user".
const CANNOT_DM: i64 = 50007;

/// How long one request may take before it counts as failed.
const REQUEST_TIMEOUT: Duration = Duration::from_secs(15);

pub struct DiscordNotifier {
    client: reqwest::Client,
    /// "Bot <token>", as the Authorization header wants it.
    authorization: String,
    /// Another API host (a local fake), in place of Discord's.
    api_base: Option<String>,
    /// Direct-message channels opened, by user id.
    dm_channels: Mutex<HashMap<u64, ChannelId>>,
}

impl std::fmt::Debug for DiscordNotifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("DiscordNotifier")
            .field("api_base", &self.api_base)
            .finish_non_exhaustive()
    }
}

impl DiscordNotifier {
    pub fn new(config: &DiscordConfig) -> DiscordNotifier {
        let token = config.token.expose();
        let authorization = if token.starts_with("Bot ") {
            token.to_string()
        } else {
            format!("Bot {token}")
        };
        let client = reqwest::Client::builder()
            .timeout(REQUEST_TIMEOUT)
            .build()
            .unwrap_or_default();
        DiscordNotifier {
            client,
            authorization,
            api_base: config.api_base.clone(),
            dm_channels: Mutex::new(HashMap::new()),
        }
    }

    /// Sends one request; the body of a success, or what became of it.
    async fn call(&self, request: Request<'_>) -> Result<serde_json::Value, Delivery> {
        let built = request
            .build(&self.client, &self.authorization, self.api_base.as_deref())
            .map_err(|e| unreachable("the request could not be made", &e))?;
        let response = built
            .send()
            .await
            .map_err(|e| unreachable("Discord could not be reached", &e))?;
        let status = response.status();
        let retry_header = wait_in_headers(response.headers());
        let bytes = response.bytes().await.unwrap_or_default();
        let body: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        if status.is_success() {
            return Ok(body);
        }
        Err(classify(status.as_u16(), &body, retry_header))
    }

    /// The member's direct-message channel, opened on first use.
    async fn dm_channel(&self, user: u64) -> Result<ChannelId, Delivery> {
        if let Some(channel) = self.known_channel(user) {
            return Ok(channel);
        }
        let body = serde_json::to_vec(&serde_json::json!({ "recipient_id": user.to_string() }))
            .map_err(|e| unreachable("the request could not be written", &e))?;
        let opened = self
            .call(Request::new(Route::UserMeDmChannels, LightMethod::Post).body(Some(body)))
            .await?;
        let channel = opened["id"]
            .as_str()
            .and_then(|id| id.parse::<u64>().ok())
            .filter(|id| *id != 0)
            .map(ChannelId::new)
            .ok_or_else(|| {
                tracing::warn!("Discord opened no DM channel");
                Delivery::Failed(Why::Unreachable)
            })?;
        self.dm_channels
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(user, channel);
        Ok(channel)
    }

    fn known_channel(&self, user: u64) -> Option<ChannelId> {
        self.dm_channels
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&user)
            .copied()
    }
}

/// How long a 429's headers say to wait: `X-RateLimit-Reset-After`
/// (seconds, with a fraction) or `Retry-After` (whole seconds).
fn wait_in_headers(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    ["x-ratelimit-reset-after", "retry-after"]
        .iter()
        .find_map(|name| {
            headers
                .get(*name)?
                .to_str()
                .ok()?
                .trim()
                .parse::<f64>()
                .ok()
        })
        .and_then(seconds)
}

fn seconds(s: f64) -> Option<Duration> {
    (s.is_finite() && s >= 0.0).then(|| Duration::from_secs_f64(s.min(86_400.0)))
}

/// What a failed request means for the message.
fn classify(status: u16, body: &serde_json::Value, header_wait: Option<Duration>) -> Delivery {
    if status == 429 {
        // The body's retry_after is the precise one; the headers say the
        // same in coarser units.
        let wait = body["retry_after"]
            .as_f64()
            .and_then(seconds)
            .or(header_wait);
        return Delivery::RateLimited(wait);
    }
    if body["code"].as_i64() == Some(CANNOT_DM) {
        return Delivery::Refused(Why::DmsClosed);
    }
    let why = Why::Status {
        platform: "discord".into(),
        status,
    };
    if (500..600).contains(&status) {
        return Delivery::Failed(why);
    }
    Delivery::Refused(why)
}

/// A request that did not reach Discord or whose answer could not be read:
/// the error goes to the log, the code to the app.
fn unreachable(what: &str, error: &dyn std::fmt::Display) -> Delivery {
    tracing::warn!(error = %error, "{what}");
    Delivery::Failed(Why::Unreachable)
}

impl Notifier for DiscordNotifier {
    fn send<'a>(&'a self, notice: &'a Notice) -> BoxFuture<'a, Delivery> {
        Box::pin(async move {
            let reply = &notice.rendered();
            let page = render::pages(reply).into_iter().next().unwrap_or_default();
            let mut message = CreateMessage::new().components(page.components);
            // Plain text reads best as the message itself; anything with a
            // title or fields as an embed.
            let text = render::markup(&reply.text);
            if reply.title.is_none() && reply.fields.is_empty() && text.chars().count() <= 2000 {
                message = message.content(text);
            } else {
                for embed in page.embeds {
                    message = message.embed(embed);
                }
            }
            let channel = match &notice.to {
                Recipient::Member { user_id, .. } => {
                    let Ok(user) = user_id.parse::<u64>() else {
                        return Delivery::Refused(Why::NoSuchRecipient);
                    };
                    match self.dm_channel(user).await {
                        Ok(channel) => channel,
                        Err(outcome) => return outcome,
                    }
                }
                Recipient::Channel { id } => match id.parse::<u64>() {
                    Ok(c) if c != 0 => ChannelId::new(c),
                    _ => return Delivery::Refused(Why::NoSuchRecipient),
                },
            };
            let body = match serde_json::to_vec(&message) {
                Ok(body) => body,
                Err(e) => return unreachable("the message could not be written", &e),
            };
            let request = Request::new(
                Route::ChannelMessages {
                    channel_id: channel,
                },
                LightMethod::Post,
            )
            .body(Some(body));
            match self.call(request).await {
                Ok(_) => Delivery::Delivered,
                Err(outcome) => outcome,
            }
        })
    }
}

/// An HTTP handle for the configured API host: with its rate limiter on
/// for Discord itself, which then waits out a 429 using Discord's
/// retry_after; off for another host (a local fake), which serenity
/// requires for a proxy.
pub fn http(config: &DiscordConfig) -> serenity::Http {
    let mut http = serenity::HttpBuilder::new(config.token.expose());
    if let Some(base) = &config.api_base {
        http = http.proxy(base).ratelimiter_disabled(true);
    }
    http.build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_rate_limit_waits_what_discord_says() {
        let body =
            json!({"message": "You are being rate limited.", "retry_after": 6.0, "global": false});
        assert_eq!(
            classify(429, &body, Some(Duration::from_secs(7))),
            Delivery::RateLimited(Some(Duration::from_secs(6)))
        );
        assert_eq!(
            classify(429, &json!({}), Some(Duration::from_millis(1500))),
            Delivery::RateLimited(Some(Duration::from_millis(1500)))
        );
        assert_eq!(classify(429, &json!({}), None), Delivery::RateLimited(None));
        assert_eq!(
            classify(429, &json!({"retry_after": -1}), None),
            Delivery::RateLimited(None)
        );
    }

    #[test]
    fn closed_dms_are_refused_and_server_errors_fail() {
        assert!(matches!(
            classify(403, &json!({"code": 50007, "message": "Cannot send"}), None),
            Delivery::Refused(_)
        ));
        assert_eq!(
            classify(503, &json!({}), None),
            Delivery::Failed(Why::Status {
                platform: "discord".into(),
                status: 503
            })
        );
    }
}
