//! Messages the app starts, sent through Discord's REST API with an HTTP
//! handle alone: no gateway connection is needed, so a one-shot command run
//! from cron sends the same way as the bot.

use super::render;
use crate::app::notify::BoxFuture;
use crate::app::{Delivery, Notice, Notifier, Recipient};
use crate::config::DiscordConfig;
use poise::serenity_prelude as serenity;
use serenity::{ChannelId, CreateMessage, UserId};
use std::sync::Arc;

/// Discord's code for "Cannot send messages to this user".
const CANNOT_DM: isize = 50007;

#[derive(Debug)]
pub struct DiscordNotifier {
    http: Arc<serenity::Http>,
}

impl DiscordNotifier {
    pub fn new(http: Arc<serenity::Http>) -> DiscordNotifier {
        DiscordNotifier { http }
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

fn classify(e: &serenity::Error) -> Delivery {
    if let serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(r)) = e {
        let status = r.status_code.as_u16();
        return match status {
            // Only seen with the rate limiter off; serenity keeps
            // retry_after to itself, so the app's backoff applies.
            429 => Delivery::RateLimited(None),
            _ if r.error.code == CANNOT_DM => {
                Delivery::Refused("they do not accept direct messages from this server".into())
            }
            _ if r.status_code.is_server_error() => {
                Delivery::Failed(format!("Discord answered {status}"))
            }
            _ => Delivery::Refused(format!("Discord answered {status}")),
        };
    }
    Delivery::Failed(e.to_string())
}

impl Notifier for DiscordNotifier {
    fn send<'a>(&'a self, notice: &'a Notice) -> BoxFuture<'a, Delivery> {
        Box::pin(async move {
            let reply = &notice.message;
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
                        return Delivery::Refused("that is not a Discord user".into());
                    };
                    match UserId::new(user).create_dm_channel(&*self.http).await {
                        Ok(dm) => dm.id,
                        Err(e) => return classify(&e),
                    }
                }
                Recipient::Channel { id } => match id.parse::<u64>() {
                    Ok(c) => ChannelId::new(c),
                    Err(_) => return Delivery::Refused("that is not a Discord channel".into()),
                },
            };
            match channel.send_message(&*self.http, message).await {
                Ok(_) => Delivery::Delivered,
                Err(e) => classify(&e),
            }
        })
    }
}
