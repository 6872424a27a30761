//! A fake Discord on 127.0.0.1: the REST routes skillbot uses and the
//! gateway websocket, started by the tests themselves, stopping with them.
//! Every request body is recorded (and appended to $FAKE_DISCORD_LOG as a
//! JSON line, when set) and checked against Discord's OpenAPI description.

pub mod openapi;
pub mod payloads;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::io::Write;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::{Notify, mpsc};

pub const APP_ID: &str = "900000000000000001";
pub const BOT_ID: &str = "900000000000000002";
pub const GUILD_ID: &str = "900000000000000003";
pub const CHANNEL_ID: &str = "900000000000000004";

#[derive(Clone, Debug)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub body: Value,
}

/// An answer the fake gives instead of the normal one, once.
#[derive(Clone, Debug)]
pub struct Fault {
    pub method: &'static str,
    /// The path must contain this.
    pub path_contains: &'static str,
    pub status: u16,
    pub body: Value,
    /// Only a message to the DM channel of this user id.
    pub recipient: Option<&'static str>,
    /// Headers to answer with besides the body.
    pub headers: Vec<(&'static str, String)>,
}

impl Fault {
    /// What Discord answers a DM to a member who does not accept DMs.
    pub fn cannot_dm() -> Fault {
        Fault {
            method: "POST",
            path_contains: "/channels/",
            status: 403,
            body: json!({"code": 50007, "message": "Cannot send messages to this user"}),
            recipient: None,
            headers: Vec::new(),
        }
    }

    /// Rate limited, with the fields serenity needs to read the body.
    pub fn rate_limited() -> Fault {
        Fault {
            method: "POST",
            path_contains: "/channels/",
            status: 429,
            body: json!({"code": 0, "message": "You are being rate limited.", "retry_after": 0.01, "global": false}),
            recipient: None,
            headers: Vec::new(),
        }
    }

    /// The same fault, only for a message to this user's DM channel.
    pub fn to(self, user_id: &'static str) -> Fault {
        Fault {
            recipient: Some(user_id),
            ..self
        }
    }
}

#[derive(Default)]
struct Shared {
    base: Mutex<String>,
    log: Option<std::path::PathBuf>,
    /// Benchmarks turn off recording and schema checks, which would
    /// otherwise dominate what they measure.
    quiet: bool,
    /// Callbacks someone waits for, by interaction id.
    waiting: Mutex<std::collections::HashMap<String, tokio::sync::oneshot::Sender<()>>>,
    /// Callbacks whose body someone waits for, by interaction id (quiet
    /// mode reads no other body).
    capturing: Mutex<std::collections::HashMap<String, tokio::sync::oneshot::Sender<Value>>>,
    requests: Mutex<Vec<Recorded>>,
    changed: Notify,
    gateway: Mutex<Option<mpsc::UnboundedSender<Value>>>,
    seq: AtomicU64,
    ids: AtomicU64,
    faults: Mutex<VecDeque<Fault>>,
    /// A fault answered to every n-th request it matches, and how many
    /// matched so far.
    every: Mutex<Option<(u64, Fault)>>,
    matched: AtomicU64,
    /// Direct-message channels by id, with their recipient; and the
    /// messages delivered to each recipient through them.
    dm_channels: Mutex<std::collections::HashMap<String, String>>,
    dms_delivered: Mutex<std::collections::HashMap<String, usize>>,
    invalid: Mutex<Vec<String>>,
    attachments: Mutex<Vec<(String, Vec<u8>)>>,
}

pub struct FakeDiscord {
    pub base: String,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeDiscord {
    /// Starts the fake on a random port of 127.0.0.1.
    pub async fn start() -> FakeDiscord {
        Self::start_logging(std::env::var_os("FAKE_DISCORD_LOG").map(Into::into)).await
    }

    /// Starts the fake, appending every request to `log` as a JSON line.
    pub async fn start_logging(log: Option<std::path::PathBuf>) -> FakeDiscord {
        Self::start_with(Shared {
            log,
            ..Shared::default()
        })
        .await
    }

    /// For benchmarks: nothing recorded or checked but the commands PUT.
    #[allow(dead_code)]
    pub async fn start_quiet() -> FakeDiscord {
        Self::start_with(Shared {
            quiet: true,
            ..Shared::default()
        })
        .await
    }

    async fn start_with(shared: Shared) -> FakeDiscord {
        let shared = Arc::new(shared);
        shared.ids.store(1_000_000_000_000_000, Ordering::SeqCst);
        let app = Router::new()
            .route("/ws", get(gateway))
            .fallback(rest)
            .with_state(Arc::clone(&shared));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        *shared.base.lock().unwrap() = base.clone();
        // Without TCP_NODELAY back-to-back frames wait for delayed ACKs (~40 ms).
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeDiscord {
            base,
            shared,
            server,
        }
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// Bodies the bot sent that Discord's OpenAPI description refuses.
    pub fn invalid_bodies(&self) -> Vec<String> {
        self.shared.invalid.lock().unwrap().clone()
    }

    pub fn fail_next(&self, fault: Fault) {
        self.shared.faults.lock().unwrap().push_back(fault);
    }

    /// Answers `fault` to every `n`-th request it matches, from now on.
    #[allow(dead_code)]
    pub fn fail_every(&self, n: u64, fault: Fault) {
        *self.shared.every.lock().unwrap() = Some((n, fault));
    }

    /// How many direct messages each user received, by user id.
    #[allow(dead_code)]
    pub fn dms_delivered(&self) -> std::collections::HashMap<String, usize> {
        self.shared.dms_delivered.lock().unwrap().clone()
    }

    /// Serves a file at /attachments/<name>, for attachment options.
    pub fn host_attachment(&self, name: &str, bytes: Vec<u8>) -> String {
        self.shared
            .attachments
            .lock()
            .unwrap()
            .push((name.to_string(), bytes));
        format!("{}/attachments/{name}", self.base)
    }

    /// Waits (up to 10 s) for a request that `matches`, counting from the
    /// `after`-th request; returns it.
    pub async fn wait_for(&self, after: usize, matches: impl Fn(&Recorded) -> bool) -> Recorded {
        let deadline = tokio::time::Instant::now() + Duration::from_secs(10);
        loop {
            let notified = self.shared.changed.notified();
            if let Some(r) = self.requests().into_iter().skip(after).find(|r| matches(r)) {
                return r;
            }
            if tokio::time::timeout_at(deadline, notified).await.is_err() {
                let seen: Vec<String> = self
                    .requests()
                    .iter()
                    .map(|r| format!("{} {}", r.method, r.path))
                    .collect();
                panic!("the bot did not send the expected request within 10 s; it sent: {seen:#?}");
            }
        }
    }

    /// Waits until the bot has registered its commands: from then on it
    /// handles interactions.
    pub async fn wait_ready(&self) -> Recorded {
        self.wait_for(0, |r| r.method == "PUT" && r.path.ends_with("/commands"))
            .await
    }

    pub fn next_id(&self) -> String {
        self.shared.ids.fetch_add(1, Ordering::SeqCst).to_string()
    }

    /// Sends an INTERACTION_CREATE to the connected bot and waits for its
    /// callback; returns the callback body.
    pub async fn interact(&self, interaction: Value) -> Value {
        let id = interaction["id"].as_str().unwrap().to_string();
        let token = interaction["token"].as_str().unwrap().to_string();
        let before = self.requests().len();
        self.dispatch("INTERACTION_CREATE", interaction);
        let path = format!("/api/v10/interactions/{id}/{token}/callback");
        self.wait_for(before, |r| r.path == path).await.body
    }

    /// Sends an interaction and waits for its callback without recording:
    /// for benchmarks.
    #[allow(dead_code)]
    pub async fn interact_quietly(&self, interaction: Value) {
        let id = interaction["id"].as_str().unwrap().to_string();
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.shared.waiting.lock().unwrap().insert(id, tx);
        self.dispatch("INTERACTION_CREATE", interaction);
        tokio::time::timeout(Duration::from_secs(10), rx)
            .await
            .expect("the bot did not answer within 10 s")
            .unwrap();
    }

    /// Sends an interaction and returns its callback's body, without
    /// recording anything: for benchmarks that need an answer's buttons.
    #[allow(dead_code)]
    pub async fn interact_capturing(&self, interaction: Value) -> Value {
        let id = interaction["id"].as_str().unwrap().to_string();
        let (tx, rx) = tokio::sync::oneshot::channel();
        self.shared.capturing.lock().unwrap().insert(id, tx);
        self.dispatch("INTERACTION_CREATE", interaction);
        tokio::time::timeout(Duration::from_secs(10), rx)
            .await
            .expect("the bot did not answer within 10 s")
            .unwrap()
    }

    pub fn dispatch(&self, event: &str, data: Value) {
        let seq = self.shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let frame = json!({"op": 0, "t": event, "s": seq, "d": data});
        let sender = self.shared.gateway.lock().unwrap().clone();
        sender
            .expect("no bot is connected to the gateway")
            .send(frame)
            .unwrap();
    }
}

/// Every fake of the process appends to the log under this lock, so that
/// concurrent tests never interleave their lines.
static LOG_LOCK: Mutex<()> = Mutex::new(());

/// Appends one JSON line to `file` with a single write, under `LOG_LOCK`.
pub fn append_line(file: &std::path::Path, value: &Value) {
    let mut line = value.to_string();
    line.push('\n');
    let _held = LOG_LOCK
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    if let Ok(mut f) = std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(file)
    {
        let _ = f.write_all(line.as_bytes());
    }
}

fn record(shared: &Shared, method: &str, path: &str, body: Value) {
    if let Some(file) = &shared.log {
        append_line(file, &json!({"method": method, "path": path, "body": body}));
    }
    shared.requests.lock().unwrap().push(Recorded {
        method: method.to_string(),
        path: path.to_string(),
        body,
    });
    shared.changed.notify_waiters();
}

/// The JSON of a request: the body itself, or the `payload_json` part of a
/// multipart body (requests with files).
fn body_json(headers: &HeaderMap, bytes: &[u8]) -> Value {
    let kind = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    if kind.starts_with("multipart/form-data") {
        let text = String::from_utf8_lossy(bytes);
        let Some(at) = text.find("name=\"payload_json\"") else {
            return Value::Null;
        };
        let rest = &text[at..];
        let start = rest.find("\r\n\r\n").map(|i| i + 4).unwrap_or(0);
        let end = rest[start..]
            .find("\r\n--")
            .map(|i| start + i)
            .unwrap_or(rest.len());
        let mut json: Value = serde_json::from_str(&rest[start..end]).unwrap_or(Value::Null);
        // serenity writes attachment ids as numbers where Discord's spec has strings.
        if let Some(list) = json.get_mut("attachments").and_then(Value::as_array_mut) {
            for a in list {
                if let Some(id) = a.get("id").filter(|i| i.is_number()).cloned() {
                    a["id"] = Value::String(id.to_string());
                }
            }
        }
        return json;
    }
    let mut json: Value = serde_json::from_slice(bytes).unwrap_or(Value::Null);
    // serenity writes default_member_permissions as a string of digits, as
    // Discord's documentation has it; the OpenAPI description types it as an
    // integer. Same value, so compare it as one.
    if let Some(list) = json.as_array_mut() {
        for command in list {
            if let Some(p) = command
                .get("default_member_permissions")
                .and_then(Value::as_str)
                && let Ok(n) = p.parse::<u64>()
            {
                command["default_member_permissions"] = json!(n);
            }
        }
    }
    json
}

fn message(shared: &Shared, body: &Value, channel: &str) -> Value {
    let id = shared.ids.fetch_add(1, Ordering::SeqCst).to_string();
    json!({
        "id": id, "channel_id": channel, "type": 0,
        "author": {"id": BOT_ID, "username": "skillbot", "discriminator": "0", "avatar": null, "bot": true},
        "content": body.get("content").cloned().unwrap_or(json!("")),
        "timestamp": "2026-11-27T10:00:00.000000+00:00", "edited_timestamp": null,
        "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [], "attachments": [],
        "embeds": body.get("embeds").cloned().unwrap_or(json!([])),
        "components": body.get("components").cloned().unwrap_or(json!([])),
        "pinned": false, "flags": 0
    })
}

async fn rest(
    State(shared): State<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    let path = uri.path().to_string();
    let m = method.as_str();
    if let Some(name) = path.strip_prefix("/attachments/") {
        let found = shared
            .attachments
            .lock()
            .unwrap()
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.clone());
        return match found {
            Some(b) => b.into_response(),
            None => StatusCode::NOT_FOUND.into_response(),
        };
    }
    // Quiet (benchmarks): read only what the fake needs, so its own work
    // weighs the same for every bot measured.
    let needs_body = !shared.quiet || path.ends_with("/commands") || path.ends_with("/channels");
    let body = if needs_body {
        body_json(&headers, &bytes)
    } else {
        Value::Null
    };
    if !shared.quiet || path.ends_with("/commands") {
        if !shared.quiet
            && let Some(problem) = openapi::check(m, &path, &body)
        {
            shared.invalid.lock().unwrap().push(problem);
        }
        record(&shared, m, &path, body.clone());
    }
    if let ["interactions", id, _, "callback"] = path
        .trim_start_matches("/api/v10/")
        .split('/')
        .collect::<Vec<_>>()
        .as_slice()
    {
        if let Some(tx) = shared.waiting.lock().unwrap().remove(*id) {
            let _ = tx.send(());
        }
        if let Some(tx) = shared.capturing.lock().unwrap().remove(*id) {
            let _ = tx.send(body_json(&headers, &bytes));
        }
    }

    let fault = {
        let recipient = path
            .trim_start_matches("/api/v10/")
            .strip_prefix("channels/")
            .and_then(|rest| rest.split('/').next())
            .and_then(|channel| shared.dm_channels.lock().unwrap().get(channel).cloned());
        let mut faults = shared.faults.lock().unwrap();
        let at = faults.iter().position(|f| {
            f.method == m
                && path.contains(f.path_contains)
                && f.recipient.is_none_or(|r| recipient.as_deref() == Some(r))
        });
        at.and_then(|i| faults.remove(i))
    };
    let fault = fault.or_else(|| {
        let every = shared.every.lock().unwrap();
        let (n, f) = every.as_ref()?;
        if f.method != m || !path.contains(f.path_contains) {
            return None;
        }
        let k = shared.matched.fetch_add(1, Ordering::SeqCst) + 1;
        (k % n == 0).then(|| f.clone())
    });
    if let Some(f) = fault {
        let mut response =
            (StatusCode::from_u16(f.status).unwrap(), axum::Json(f.body)).into_response();
        for (name, value) in f.headers {
            response
                .headers_mut()
                .insert(name, axum::http::HeaderValue::from_str(&value).unwrap());
        }
        return response;
    }
    let base = shared.base.lock().unwrap().clone();
    let ws = format!("{}/ws", base.replace("http://", "ws://"));
    let segments: Vec<&str> = path.trim_start_matches("/api/v10/").split('/').collect();
    let answer = match (m, segments.as_slice()) {
        ("GET", ["gateway"]) => json!({"url": ws}),
        ("GET", ["gateway", "bot"]) => json!({"url": ws, "shards": 1,
            "session_start_limit": {"total": 1000, "remaining": 1000, "reset_after": 0, "max_concurrency": 1}}),
        ("PUT", ["applications", _, "commands"])
        | ("PUT", ["applications", _, "guilds", _, "commands"]) => {
            let list = body.as_array().cloned().unwrap_or_default();
            Value::Array(
                list.into_iter()
                    .map(|mut c| {
                        c["id"] = json!(shared.ids.fetch_add(1, Ordering::SeqCst).to_string());
                        c["application_id"] = json!(APP_ID);
                        c["version"] = json!("1");
                        if c.get("type").is_none() {
                            c["type"] = json!(1);
                        }
                        c
                    })
                    .collect(),
            )
        }
        ("POST", ["interactions", _, _, "callback"]) => {
            return StatusCode::NO_CONTENT.into_response();
        }
        ("POST", ["webhooks", _, _]) | ("PATCH", ["webhooks", _, _, "messages", _]) => {
            message(&shared, &body, CHANNEL_ID)
        }
        ("POST", ["users", "@me", "channels"]) => {
            let id = shared.ids.fetch_add(1, Ordering::SeqCst).to_string();
            let recipient = body["recipient_id"]
                .as_str()
                .unwrap_or_default()
                .to_string();
            shared
                .dm_channels
                .lock()
                .unwrap()
                .insert(id.clone(), recipient);
            json!({
                "id": id, "type": 1, "last_message_id": null,
                "recipients": [{"id": body["recipient_id"], "username": "member", "discriminator": "0", "avatar": null}]
            })
        }
        ("POST", ["channels", channel, "messages"]) => {
            let recipient = shared.dm_channels.lock().unwrap().get(*channel).cloned();
            if let Some(user) = recipient {
                *shared
                    .dms_delivered
                    .lock()
                    .unwrap()
                    .entry(user)
                    .or_default() += 1;
            }
            message(&shared, &body, channel)
        }
        _ => {
            return (
                StatusCode::NOT_FOUND,
                axum::Json(json!({"code": 0, "message": format!("fake: no route {m} {path}")})),
            )
                .into_response();
        }
    };
    axum::Json(answer).into_response()
}

async fn gateway(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| session(shared, socket))
}

/// HELLO, wait for IDENTIFY, READY, then heartbeats answered and
/// dispatches forwarded until the bot goes away.
async fn session(shared: Arc<Shared>, mut socket: WebSocket) {
    let hello = json!({"op": 10, "s": null, "t": null, "d": {"heartbeat_interval": 41250}});
    if socket
        .send(Message::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    loop {
        match socket.recv().await {
            Some(Ok(Message::Text(t))) => {
                let frame: Value = serde_json::from_str(&t).unwrap_or(Value::Null);
                if frame["op"] == 2 {
                    break;
                }
            }
            Some(Ok(_)) => {}
            _ => return,
        }
    }
    let (tx, mut rx) = mpsc::unbounded_channel::<Value>();
    *shared.gateway.lock().unwrap() = Some(tx);
    let seq = shared.seq.fetch_add(1, Ordering::SeqCst) + 1;
    let base = shared.base.lock().unwrap().replace("http://", "ws://");
    let ready = json!({"op": 0, "t": "READY", "s": seq, "d": {
        "v": 10,
        "user": {"id": BOT_ID, "username": "skillbot", "discriminator": "0", "avatar": null, "bot": true},
        "guilds": [], "session_id": "fake-session", "resume_gateway_url": format!("{base}/ws"),
        "application": {"id": APP_ID, "flags": 0}
    }});
    if socket
        .send(Message::Text(ready.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    loop {
        tokio::select! {
            incoming = socket.recv() => match incoming {
                Some(Ok(Message::Text(t))) => {
                    let frame: Value = serde_json::from_str(&t).unwrap_or(Value::Null);
                    if frame["op"] == 1 {
                        let ack = json!({"op": 11, "s": null, "t": null, "d": null});
                        if socket.send(Message::Text(ack.to_string().into())).await.is_err() { return; }
                    }
                }
                Some(Ok(_)) => {}
                _ => return,
            },
            outgoing = rx.recv() => match outgoing {
                Some(frame) => if socket.send(Message::Text(frame.to_string().into())).await.is_err() { return; },
                None => return,
            },
        }
    }
}
