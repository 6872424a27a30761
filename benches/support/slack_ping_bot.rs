//! The floor the Slack benchmark compares skillbot with: a bare
//! slack-morphism bot on Socket Mode that answers /ping the way skillbot
//! answers every command: an empty acknowledgement at once, then "pong"
//! posted to the command's response URL from a task.

use slack_morphism::prelude::*;
use std::sync::Arc;

type Connector = SlackClientHyperHttpsConnector;

async fn on_command(
    event: SlackCommandEvent,
    client: Arc<SlackClient<Connector>>,
    _states: SlackClientEventsUserState,
) -> UserCallbackResult<SlackCommandEventResponse> {
    tokio::spawn(async move {
        let pong = SlackApiPostWebhookMessageRequest::new(
            SlackMessageContent::new().with_text("pong".into()),
        );
        let _ = client.respond_to_event(&event.response_url, &pong).await;
    });
    Ok(SlackCommandEventResponse::new(SlackMessageContent::new()))
}

/// Runs the bot until its process is stopped.
pub fn run(api_url: &str, app_token: &str) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        // Plain http to the fake, as skillbot's own client allows.
        let https = hyper_rustls::HttpsConnectorBuilder::new()
            .with_webpki_roots()
            .https_or_http()
            .enable_http1()
            .build();
        let client = Arc::new(SlackClient::new(
            SlackClientHyperConnector::from(https).with_slack_api_url(api_url),
        ));
        let callbacks =
            SlackSocketModeListenerCallbacks::<Connector>::new().with_command_events(on_command);
        let environment = Arc::new(SlackClientEventsListenerEnvironment::new(client));
        let listener = SlackClientSocketModeListener::new(
            &SlackClientSocketModeConfig::new().with_max_connections_count(1),
            environment,
            callbacks,
        );
        let token = SlackApiToken::new(app_token.to_string().into());
        listener.listen_for(&token).await.unwrap();
        listener.serve().await;
    });
}
