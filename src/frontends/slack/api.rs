//! Slack's Web API as the bot calls it: slack-morphism's client (its
//! session, auth header and error reading), with the bodies as the JSON
//! Slack documents, since the blocks are rendered as JSON (`blocks`).
//!
//! The connector takes https and plain http, so the same code talks to
//! Slack and to the tests' fake on 127.0.0.1.

use crate::app::Attachment;
use crate::config::Secret;
use serde_json::{Value, json};
use slack_morphism::errors::SlackClientError;
use slack_morphism::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

pub type Connector = SlackClientHyperHttpsConnector;
pub type Client = SlackClient<Connector>;

/// What went wrong with one call, as the bot acts on it.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CallError {
    /// Slack answered `ok: false` with this code (`cannot_dm_bot`,
    /// `user_not_found`, …).
    #[error("Slack refused the call: {0}")]
    Api(String),
    /// A 429, with the wait its Retry-After named.
    #[error("rate limited by Slack")]
    RateLimited(Option<Duration>),
    /// Another HTTP status.
    #[error("Slack answered HTTP {0}")]
    Status(u16),
    /// Slack could not be reached or its answer not read.
    #[error("Slack could not be reached: {0}")]
    Unreachable(String),
}

impl From<SlackClientError> for CallError {
    fn from(e: SlackClientError) -> CallError {
        match e {
            SlackClientError::ApiError(e) => CallError::Api(e.code),
            SlackClientError::RateLimitError(e) => CallError::RateLimited(e.retry_after),
            SlackClientError::HttpError(e) => CallError::Status(e.status_code.as_u16()),
            // Only the kind: the message may quote a URL with a secret in it.
            other => CallError::Unreachable(kind(&other).into()),
        }
    }
}

fn kind(e: &SlackClientError) -> &'static str {
    match e {
        SlackClientError::HttpProtocolError(_) => "HTTP protocol error",
        SlackClientError::EndOfStream(_) => "connection closed",
        SlackClientError::ProtocolError(_) => "unexpected answer",
        SlackClientError::SocketModeProtocolError(_) => "socket mode protocol error",
        _ => "client error",
    }
}

/// How long fetching a shared file may take: a form's submission is
/// answered within Slack's 3 seconds.
const DOWNLOAD_WITHIN: Duration = Duration::from_secs(2);

/// Where Slack serves the files members share (`url_private`).
const FILES_HOST: &str = "files.slack.com";

/// The Web API with the bot token.
#[derive(Clone)]
pub struct WebApi {
    client: Arc<Client>,
    token: SlackApiToken,
    /// For files members share with the bot: slack-morphism reads only
    /// JSON answers.
    files: reqwest::Client,
    bot_token: Secret,
    api_url: url::Url,
    /// Direct-message channels opened, by user id.
    dm_channels: Arc<Mutex<HashMap<String, String>>>,
}

impl std::fmt::Debug for WebApi {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WebApi").finish_non_exhaustive()
    }
}

/// A client for `api_url` (`https://slack.com/api`, or a fake's).
pub fn client(api_url: &str) -> Client {
    let https = hyper_rustls::HttpsConnectorBuilder::new()
        .with_webpki_roots()
        .https_or_http()
        .enable_http1()
        .enable_http2()
        .build();
    SlackClient::new(SlackClientHyperConnector::from(https).with_slack_api_url(api_url))
}

impl WebApi {
    pub fn new(api_url: &str, bot_token: &Secret) -> WebApi {
        WebApi {
            client: Arc::new(client(api_url)),
            token: SlackApiToken::new(bot_token.expose().to_string().into()),
            files: reqwest::Client::builder()
                .timeout(DOWNLOAD_WITHIN)
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .unwrap_or_default(),
            bot_token: bot_token.clone(),
            api_url: url::Url::parse(api_url)
                .unwrap_or_else(|_| url::Url::parse("https://slack.com/api").expect("a URL")),
            dm_channels: Arc::default(),
        }
    }

    pub fn client(&self) -> Arc<Client> {
        Arc::clone(&self.client)
    }

    /// One Web API method with a JSON body; the answer's body.
    pub async fn call(&self, method: &str, body: &Value) -> Result<Value, CallError> {
        let session = self.client.open_session(&self.token);
        Ok(session
            .http_session_api
            .http_post(method, body, None)
            .await?)
    }

    /// A method that takes query parameters (`users.info`).
    pub async fn get(&self, method: &str, params: &[(&str, &str)]) -> Result<Value, CallError> {
        let session = self.client.open_session(&self.token);
        let params: Vec<(&str, Option<&str>)> =
            params.iter().map(|(k, v)| (*k, Some(*v))).collect();
        Ok(session
            .http_session_api
            .http_get(method, &params, None)
            .await?)
    }

    /// Posts to an interaction's `response_url` (which carries its own
    /// authority: it is not a Web API method).
    pub async fn respond(&self, response_url: &str, body: &Value) -> Result<(), CallError> {
        let url = url::Url::parse(response_url)
            .map_err(|_| CallError::Unreachable("the response_url is not a URL".into()))?;
        let session = self.client.open_session(&self.token);
        let _: Value = session
            .http_session_api
            .http_post_uri(url, body, None)
            .await?;
        Ok(())
    }

    /// The direct-message channel with `user`, opened once and reused.
    pub async fn dm_channel(&self, user: &str) -> Result<String, CallError> {
        if let Some(channel) = self
            .dm_channels
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(user)
        {
            return Ok(channel.clone());
        }
        let opened = self
            .call("conversations.open", &json!({ "users": user }))
            .await?;
        let channel = opened["channel"]["id"]
            .as_str()
            .filter(|c| !c.is_empty())
            .ok_or_else(|| CallError::Unreachable("conversations.open gave no channel".into()))?
            .to_string();
        self.dm_channels
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(user.to_string(), channel.clone());
        Ok(channel)
    }

    /// Shares a file in `channel` through Slack's upload flow: an upload
    /// URL, the bytes to it, then the share.
    pub async fn upload(&self, channel: &str, file: &Attachment) -> Result<(), CallError> {
        let length = file.bytes.len().to_string();
        let url = self
            .get(
                "files.getUploadURLExternal",
                &[("filename", &file.name), ("length", &length)],
            )
            .await?;
        let (Some(upload_url), Some(file_id)) =
            (url["upload_url"].as_str(), url["file_id"].as_str())
        else {
            return Err(CallError::Unreachable(
                "files.getUploadURLExternal gave no upload URL".into(),
            ));
        };
        let upload_url = url::Url::parse(upload_url)
            .map_err(|_| CallError::Unreachable("the upload URL is not a URL".into()))?;
        let session = self.client.open_session(&self.token);
        let _: Value = session
            .http_session_api
            .http_post_uri_binary(upload_url, file.content_type.clone(), &file.bytes, None)
            .await?;
        self.call(
            "files.completeUploadExternal",
            &json!({
                "files": [{"id": file_id, "title": file.name}],
                "channel_id": channel,
            }),
        )
        .await?;
        Ok(())
    }

    /// The bytes of a file a member shared (its `url_private`), at most
    /// `max` of them. The bot token goes only to Slack's file host or to
    /// the Web API's own (the tests' fake), never to another a payload
    /// might name.
    pub async fn download(&self, url_private: &str, max: usize) -> Result<Vec<u8>, Download> {
        let url = url::Url::parse(url_private).map_err(|_| Download::Failed)?;
        let trusted = url.origin() == self.api_url.origin()
            || (url.scheme() == "https" && url.host_str() == Some(FILES_HOST));
        if !trusted {
            return Err(Download::Failed);
        }
        let mut response = self
            .files
            .get(url)
            .bearer_auth(self.bot_token.expose())
            .send()
            .await
            .map_err(|_| Download::Failed)?;
        if !response.status().is_success() {
            return Err(Download::Failed);
        }
        if response.content_length().is_some_and(|n| n > max as u64) {
            return Err(Download::TooLarge);
        }
        let mut bytes = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|_| Download::Failed)? {
            if bytes.len() + chunk.len() > max {
                return Err(Download::TooLarge);
            }
            bytes.extend_from_slice(&chunk);
        }
        Ok(bytes)
    }
}

/// Why a shared file could not be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Download {
    TooLarge,
    Failed,
}
