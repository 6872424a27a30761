//! Socket Mode: the bot opens a websocket to Slack with the app-level
//! token (`apps.connections.open`) and reads envelopes from it. slack-morphism
//! reads one envelope at a time and awaits its callback before the next,
//! so each callback hands its payload to `Slack::take`, which answers at
//! once. It reconnects on Slack's `disconnect` frames and on closed sockets.

use super::Slack;
use super::api::{Client, Connector};
use super::incoming;
use crate::config::Secret;
use slack_morphism::prelude::*;
use std::future::Future;
use std::sync::Arc;

/// How the listener connects.
#[derive(Clone, Copy, Debug)]
pub struct Tuning {
    /// Sockets kept open (Slack allows up to 10; one is enough for a team,
    /// and the listener opens a second only seconds later).
    pub connections: u32,
    /// Seconds between failed connects.
    pub reconnect_secs: u64,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            connections: 1,
            reconnect_secs: 10,
        }
    }
}

/// The front end, for the callbacks (which are plain functions).
struct State(Arc<Slack>);

async fn slack_of(states: &SlackClientEventsUserState) -> Option<Arc<Slack>> {
    states
        .read()
        .await
        .get_user_state::<State>()
        .map(|s| Arc::clone(&s.0))
}

async fn on_command(
    event: SlackCommandEvent,
    _client: Arc<Client>,
    states: SlackClientEventsUserState,
) -> UserCallbackResult<SlackCommandEventResponse> {
    let payload = serde_json::to_value(&event)?;
    if let (Some(slack), Some(incoming)) = (slack_of(&states).await, incoming::command(&payload)) {
        slack.take(incoming).await;
    }
    // An empty acknowledgement: the answer comes through the response URL.
    Ok(SlackCommandEventResponse::new(SlackMessageContent::new()))
}

async fn on_interaction(
    event: SlackInteractionEvent,
    _client: Arc<Client>,
    states: SlackClientEventsUserState,
) -> UserCallbackResult<SlackInteractionResponse> {
    let payload = serde_json::to_value(&event)?;
    let (Some(slack), Some(incoming)) = (slack_of(&states).await, incoming::interaction(&payload))
    else {
        return Ok(SlackInteractionResponse::Empty);
    };
    Ok(match slack.take(incoming).await {
        super::Ack::Empty => SlackInteractionResponse::Empty,
        super::Ack::Clear => {
            SlackViewSubmissionResponse::Clear(SlackViewSubmissionClearResponse::new()).into()
        }
        super::Ack::Errors { field, why } => SlackViewSubmissionResponse::Errors(
            SlackViewSubmissionErrorsResponse::new([(field, why)].into()),
        )
        .into(),
    })
}

async fn on_push(
    event: SlackPushEventCallback,
    _client: Arc<Client>,
    states: SlackClientEventsUserState,
) -> UserCallbackResult<()> {
    let payload = serde_json::to_value(&event)?;
    if let (Some(slack), Some(incoming)) = (slack_of(&states).await, incoming::event(&payload)) {
        slack.take(incoming).await;
    }
    Ok(())
}

async fn on_hello<E: std::fmt::Debug>(_: E, _: Arc<Client>, _: SlackClientEventsUserState) {
    tracing::info!("connected to Slack (Socket Mode)");
}

/// A callback's error is logged and acknowledged all the same: an envelope
/// left unacknowledged is sent again by Slack, and would be done twice.
fn on_error(
    error: Box<dyn std::error::Error + Send + Sync>,
    _client: Arc<Client>,
    _states: SlackClientEventsUserState,
) -> HttpStatusCode {
    tracing::warn!(error = %error, "a Slack envelope could not be handled");
    HttpStatusCode::OK
}

/// Serves Socket Mode until `stop` completes, then closes the sockets.
pub async fn serve(
    slack: &Arc<Slack>,
    app_token: &Secret,
    tuning: Tuning,
    stop: impl Future<Output = ()>,
) -> anyhow::Result<()> {
    let callbacks = SlackSocketModeListenerCallbacks::<Connector>::new()
        .with_hello_events(on_hello)
        .with_command_events(on_command)
        .with_interaction_events(on_interaction)
        .with_push_events(on_push);
    let environment = Arc::new(
        SlackClientEventsListenerEnvironment::new(slack.api.client())
            .with_error_handler(on_error)
            .with_user_state(State(Arc::clone(slack))),
    );
    let config = SlackClientSocketModeConfig::new()
        .with_max_connections_count(tuning.connections)
        .with_reconnect_timeout_in_seconds(tuning.reconnect_secs);
    let listener = SlackClientSocketModeListener::new(&config, environment, callbacks);
    let token = SlackApiToken::new(app_token.expose().to_string().into());
    listener.listen_for(&token).await.map_err(|e| {
        anyhow::anyhow!(
            "Socket Mode could not connect: {}",
            super::api::CallError::from(e)
        )
    })?;
    listener.start().await;
    stop.await;
    listener.shutdown().await;
    Ok(())
}
