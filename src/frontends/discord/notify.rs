//! Direct messages to members. Discord may refuse one (the member does not
//! accept DMs: 403, code 50007) or ask to slow down (429); a DM retries a
//! few times by itself, since serenity does not when its rate limiter is
//! off.

use poise::serenity_prelude as serenity;
use serenity::{CreateMessage, UserId};
use std::time::Duration;

use crate::app::Notice;

const ATTEMPTS: u32 = 3;
const CANNOT_DM: isize = 50007;

enum Failure {
    /// Will not go through however often it is tried.
    Refused(String),
    /// Worth another try.
    Busy,
}

fn classify(e: &serenity::Error) -> Failure {
    if let serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(r)) = e {
        if r.status_code.as_u16() == 429 || r.status_code.is_server_error() {
            return Failure::Busy;
        }
        if r.error.code == CANNOT_DM {
            return Failure::Refused("they do not accept direct messages from this server".into());
        }
        return Failure::Refused(format!("Discord answered {}", r.status_code.as_u16()));
    }
    Failure::Busy
}

async fn send_one(ctx: &serenity::Context, notice: &Notice) -> Result<(), Failure> {
    let user: u64 = notice
        .user_id
        .parse()
        .map_err(|_| Failure::Refused("that is not a Discord user".into()))?;
    let channel = UserId::new(user)
        .create_dm_channel(ctx)
        .await
        .map_err(|e| classify(&e))?;
    channel
        .send_message(ctx, CreateMessage::new().content(&notice.text))
        .await
        .map_err(|e| classify(&e))?;
    Ok(())
}

/// Sends every notice; returns a line for the asker about each that could
/// not be delivered.
pub async fn send_all(
    ctx: &serenity::Context,
    notices: &[Notice],
    retry_delay: Duration,
) -> Vec<String> {
    let mut undelivered = Vec::new();
    for notice in notices {
        let mut attempt = 1;
        loop {
            match send_one(ctx, notice).await {
                Ok(()) => {
                    tracing::info!(attempt, "direct message sent");
                    break;
                }
                Err(Failure::Busy) if attempt < ATTEMPTS => {
                    tracing::info!(attempt, "direct message delayed by Discord; retrying");
                    tokio::time::sleep(retry_delay * attempt).await;
                    attempt += 1;
                }
                Err(Failure::Busy) => {
                    tracing::warn!(
                        attempts = attempt,
                        "direct message failed: Discord stayed busy"
                    );
                    undelivered.push(
                        "I could not send the member a direct message about this (Discord was busy); please tell them yourself."
                            .to_string(),
                    );
                    break;
                }
                Err(Failure::Refused(why)) => {
                    tracing::info!(reason = %why, "direct message refused");
                    undelivered.push(format!(
                        "I could not send the member a direct message about this: {why}. Please tell them yourself."
                    ));
                    break;
                }
            }
        }
    }
    undelivered
}
