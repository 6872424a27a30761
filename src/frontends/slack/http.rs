//! The HTTP Events API: Slack posts slash commands (form fields),
//! interactions (a form field `payload` holding JSON) and events (JSON) to
//! the bot's public URL. Every request is checked before anything is read
//! from it: Slack's v0 signature (HMAC-SHA256 of `v0:{timestamp}:{body}`
//! with the signing secret, compared in constant time), a timestamp within
//! five minutes of the clock, and a signature not seen before (a replay
//! within the window). A request that fails is answered 401 and does
//! nothing.

use super::{Ack, Slack, incoming};
use crate::config::Secret;
use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::post;
use hmac::{Hmac, KeyInit, Mac};
use serde_json::{Value, json};
use sha2::Sha256;
use std::collections::{HashSet, VecDeque};
use std::future::Future;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, PoisonError};

/// How far a request's timestamp may be from the clock, in seconds.
pub const WINDOW_SECS: i64 = 300;

/// Why a request was refused (for the log; Slack is told 401 alone).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    Unsigned,
    Stale,
    Forged,
    Replayed,
}

/// The signatures seen within the window, and when each was made.
#[derive(Default)]
struct Seen {
    signatures: HashSet<String>,
    order: VecDeque<(i64, String)>,
}

/// Checks Slack's signatures, remembering those seen within the window.
pub struct Verifier {
    secret: Secret,
    seen: Mutex<Seen>,
}

impl std::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Verifier").finish_non_exhaustive()
    }
}

/// The v0 signature of `body` sent at `timestamp`.
pub fn sign(secret: &str, timestamp: &str, body: &[u8]) -> String {
    let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(secret.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(b"v0:");
    mac.update(timestamp.as_bytes());
    mac.update(b":");
    mac.update(body);
    let digest = mac.finalize().into_bytes();
    let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    format!("v0={hex}")
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(s.get(i..i + 2)?, 16).ok())
        .collect()
}

impl Verifier {
    pub fn new(secret: Secret) -> Verifier {
        Verifier {
            secret,
            seen: Mutex::default(),
        }
    }

    /// Whether `body` with these headers came from Slack, at `now` (Unix
    /// seconds).
    pub fn check(&self, headers: &HeaderMap, body: &[u8], now: i64) -> Result<(), Refusal> {
        let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
        let (Some(timestamp), Some(signature)) = (
            header("x-slack-request-timestamp"),
            header("x-slack-signature"),
        ) else {
            return Err(Refusal::Unsigned);
        };
        let at: i64 = timestamp.trim().parse().map_err(|_| Refusal::Unsigned)?;
        if (now - at).abs() > WINDOW_SECS {
            return Err(Refusal::Stale);
        }
        let given = signature
            .strip_prefix("v0=")
            .and_then(unhex)
            .ok_or(Refusal::Forged)?;
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(self.secret.expose().as_bytes())
            .map_err(|_| Refusal::Forged)?;
        mac.update(b"v0:");
        mac.update(timestamp.as_bytes());
        mac.update(b":");
        mac.update(body);
        // `verify_slice` compares in constant time.
        mac.verify_slice(&given).map_err(|_| Refusal::Forged)?;
        let mut seen = self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        let Seen { signatures, order } = &mut *seen;
        while order.front().is_some_and(|(t, _)| now - *t > WINDOW_SECS) {
            if let Some((_, old)) = order.pop_front() {
                signatures.remove(&old);
            }
        }
        if !signatures.insert(signature.to_string()) {
            return Err(Refusal::Replayed);
        }
        order.push_back((at, signature.to_string()));
        Ok(())
    }
}

#[derive(Clone)]
struct Served {
    slack: Arc<Slack>,
    verifier: Arc<Verifier>,
}

/// The routes, for `serve` and for tests that drive them directly.
pub fn routes(slack: &Arc<Slack>, signing_secret: &Secret) -> Router {
    let served = Served {
        slack: Arc::clone(slack),
        verifier: Arc::new(Verifier::new(signing_secret.clone())),
    };
    Router::new()
        .route("/slack/commands", post(commands))
        .route("/slack/interactions", post(interactions))
        .route("/slack/events", post(events))
        .with_state(served)
}

/// Serves the routes on `listen` until `stop` completes.
pub async fn serve(
    slack: &Arc<Slack>,
    signing_secret: &Secret,
    listen: SocketAddr,
    stop: impl Future<Output = ()> + Send + 'static,
) -> anyhow::Result<()> {
    let listener = tokio::net::TcpListener::bind(listen)
        .await
        .map_err(|e| anyhow::anyhow!("cannot listen on {listen}: {e}"))?;
    tracing::info!(address = %listener.local_addr()?, "serving Slack's HTTP Events API");
    axum::serve(listener, routes(slack, signing_secret))
        .with_graceful_shutdown(stop)
        .await?;
    Ok(())
}

/// Whether the request came from Slack; a refusal is logged.
fn verified(served: &Served, headers: &HeaderMap, body: &[u8]) -> Result<(), StatusCode> {
    let now = served.slack.app.now().timestamp();
    served.verifier.check(headers, body, now).map_err(|why| {
        tracing::warn!(?why, "a request not from Slack was refused");
        StatusCode::UNAUTHORIZED
    })
}

/// Form fields as a JSON object of strings.
fn form(body: &[u8]) -> Value {
    let fields: serde_json::Map<String, Value> = url::form_urlencoded::parse(body)
        .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
        .collect();
    Value::Object(fields)
}

fn answer(ack: Ack) -> Response {
    match ack.payload() {
        Some(payload) => axum::Json(payload).into_response(),
        None => StatusCode::OK.into_response(),
    }
}

async fn commands(State(served): State<Served>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refused) = verified(&served, &headers, &body) {
        return refused.into_response();
    }
    match incoming::command(&form(&body)) {
        Some(incoming) => answer(served.slack.take(incoming).await),
        None => StatusCode::BAD_REQUEST.into_response(),
    }
}

async fn interactions(State(served): State<Served>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refused) = verified(&served, &headers, &body) {
        return refused.into_response();
    }
    let payload = form(&body)["payload"]
        .as_str()
        .and_then(|p| serde_json::from_str::<Value>(p).ok());
    match payload.as_ref().and_then(incoming::interaction) {
        Some(incoming) => answer(served.slack.take(incoming).await),
        // Something skillbot does not handle: acknowledged, so that Slack
        // does not send it again.
        None => StatusCode::OK.into_response(),
    }
}

async fn events(State(served): State<Served>, headers: HeaderMap, body: Bytes) -> Response {
    if let Err(refused) = verified(&served, &headers, &body) {
        return refused.into_response();
    }
    let Ok(event) = serde_json::from_slice::<Value>(&body) else {
        return StatusCode::BAD_REQUEST.into_response();
    };
    if event["type"] == "url_verification" {
        return axum::Json(json!({"challenge": event["challenge"]})).into_response();
    }
    if let Some(incoming) = incoming::event(&event) {
        served.slack.take(incoming).await;
    }
    StatusCode::OK.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(ts: &str, sig: &str) -> HeaderMap {
        let mut h = HeaderMap::new();
        h.insert("x-slack-request-timestamp", ts.parse().unwrap());
        h.insert("x-slack-signature", sig.parse().unwrap());
        h
    }

    #[test]
    fn only_a_fresh_request_signed_with_the_secret_passes_once() {
        let v = Verifier::new(Secret::new("8f742231b10e8888abcd99yyyzzz85a5".into()));
        let body = b"token=x&team_id=T1&command=%2Fskill&text=serverless";
        let now = 1_700_000_000;
        let ts = now.to_string();
        let good = sign("8f742231b10e8888abcd99yyyzzz85a5", &ts, body);
        assert_eq!(v.check(&headers(&ts, &good), body, now + 10), Ok(()));
        assert_eq!(
            v.check(&headers(&ts, &good), body, now + 20),
            Err(Refusal::Replayed)
        );
        let forged = sign("another secret", &ts, body);
        assert_eq!(
            v.check(&headers(&ts, &forged), body, now),
            Err(Refusal::Forged)
        );
        let changed = sign(
            "8f742231b10e8888abcd99yyyzzz85a5",
            &ts,
            b"token=x&text=other",
        );
        assert_eq!(
            v.check(&headers(&ts, &changed), body, now),
            Err(Refusal::Forged)
        );
        let old = (now - WINDOW_SECS - 1).to_string();
        let stale = sign("8f742231b10e8888abcd99yyyzzz85a5", &old, body);
        assert_eq!(
            v.check(&headers(&old, &stale), body, now),
            Err(Refusal::Stale)
        );
        assert_eq!(
            v.check(&HeaderMap::new(), body, now),
            Err(Refusal::Unsigned)
        );
        assert_eq!(
            v.check(&headers(&ts, "v0=zz"), body, now),
            Err(Refusal::Forged)
        );
    }
}
