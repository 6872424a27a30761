//! A fake Slack on 127.0.0.1: the Web API methods skillbot calls (under
//! `/api/{method}`), the Socket Mode websocket, response URLs and file
//! uploads, started by the tests themselves, stopping with them. Every
//! request is recorded with the kind of token it carried, and every body
//! is checked against Slack's rules (`checks`).

pub mod checks;

use axum::Router;
use axum::body::Bytes;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{any, get, post};
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::{Notify, mpsc, oneshot};

pub const TEAM: &str = "T0SKILL";
pub const BOT_TOKEN: &str = "xoxb-1-fake-bot-token-never-in-logs";
pub const APP_TOKEN: &str = "xapp-1-fake-app-token-never-in-logs";
/// A member, and a workspace admin (a lead).
pub const ANN: &str = "U0ANN";
pub const LEAD: &str = "U0LEAD";
/// How long a test waits for the bot before it fails.
const PATIENCE: Duration = Duration::from_secs(20);

#[derive(Clone, Debug)]
pub struct Recorded {
    /// A Web API method (`chat.postMessage`), `response` or `upload`.
    pub method: String,
    /// "bot", "app", or "none".
    pub token: String,
    pub body: Value,
    /// The response URL's id, for a post to one.
    pub target: Option<String>,
}

/// An answer given instead of the normal one, once, to the next call of
/// `method`.
#[derive(Clone, Debug)]
pub struct Fault {
    pub method: &'static str,
    pub status: u16,
    pub body: Value,
    pub retry_after: Option<u64>,
}

impl Fault {
    pub fn error(method: &'static str, error: &str) -> Fault {
        Fault {
            method,
            status: 200,
            body: json!({"ok": false, "error": error}),
            retry_after: None,
        }
    }

    pub fn rate_limited(method: &'static str, secs: u64) -> Fault {
        Fault {
            method,
            status: 429,
            body: json!({"ok": false, "error": "ratelimited"}),
            retry_after: Some(secs),
        }
    }
}

#[derive(Default)]
struct Shared {
    base: Mutex<String>,
    requests: Mutex<Vec<Recorded>>,
    invalid: Mutex<Vec<String>>,
    changed: Notify,
    ids: AtomicU64,
    faults: Mutex<VecDeque<Fault>>,
    /// The open socket's sender, and the acks awaited by envelope id.
    socket: Mutex<Option<mpsc::UnboundedSender<Message>>>,
    acks: Mutex<HashMap<String, oneshot::Sender<Value>>>,
    hellos: AtomicU64,
    /// users.info answers by user id.
    users: Mutex<HashMap<String, Value>>,
    usergroups: Mutex<Vec<Value>>,
    uploads: Mutex<HashMap<String, Vec<u8>>>,
    /// Files members shared, served at `/files/{id}` to the bot token.
    files: Mutex<HashMap<String, Vec<u8>>>,
    /// Benchmarks: record nothing, so a long run neither grows nor slows.
    quiet: std::sync::atomic::AtomicBool,
    /// Posts to a response URL awaited by its id.
    answers: Mutex<HashMap<String, oneshot::Sender<(Instant, Value)>>>,
}

pub struct FakeSlack {
    pub base: String,
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeSlack {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn user(id: &str, name: &str, admin: bool) -> Value {
    json!({
        "id": id, "team_id": TEAM, "name": name.to_lowercase(), "real_name": name,
        "is_admin": admin, "is_owner": false, "deleted": false,
        "tz": "Europe/Berlin", "tz_offset": 3600,
        "profile": {"display_name": name, "real_name": name}
    })
}

impl FakeSlack {
    /// A fake that records nothing, for benchmarks.
    #[allow(dead_code)] // the benchmark's
    pub async fn start_quiet() -> FakeSlack {
        let fake = FakeSlack::start().await;
        fake.shared.quiet.store(true, Ordering::SeqCst);
        fake
    }

    pub async fn start() -> FakeSlack {
        let shared = Arc::new(Shared::default());
        shared.users.lock().unwrap().extend([
            (ANN.to_string(), user(ANN, "Ann", false)),
            (LEAD.to_string(), user(LEAD, "Lee", true)),
        ]);
        let app = Router::new()
            .route("/api/{method}", any(api))
            .route("/response/{id}", post(response))
            .route("/upload/{id}", post(upload))
            .route("/files/{id}", get(file))
            .route("/link/", get(link))
            .with_state(Arc::clone(&shared));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        *shared.base.lock().unwrap() = base.clone();
        let listener = axum::serve::ListenerExt::tap_io(listener, |tcp| {
            let _ = tcp.set_nodelay(true);
        });
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, app).await;
        });
        FakeSlack {
            base,
            shared,
            server,
        }
    }

    /// The Web API base URL to give the bot.
    pub fn api_url(&self) -> String {
        format!("{}/api", self.base)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.requests.lock().unwrap().clone()
    }

    /// What the bot sent that Slack would refuse.
    pub fn invalid(&self) -> Vec<String> {
        self.shared.invalid.lock().unwrap().clone()
    }

    pub fn fail_next(&self, fault: Fault) {
        self.shared.faults.lock().unwrap().push_back(fault);
    }

    pub fn hellos(&self) -> u64 {
        self.shared.hellos.load(Ordering::SeqCst)
    }

    /// A member (or, with `admin`, a workspace admin) users.info knows.
    #[allow(dead_code)] // the benchmark's
    pub fn add_user(&self, id: &str, name: &str, admin: bool) {
        self.shared
            .users
            .lock()
            .unwrap()
            .insert(id.to_string(), user(id, name, admin));
    }

    /// When the next post to response URL `id` arrived (before the fake
    /// read its JSON), and its body.
    #[allow(dead_code)] // the benchmark's
    pub fn answer_to(&self, id: &str) -> oneshot::Receiver<(Instant, Value)> {
        let (tx, rx) = oneshot::channel();
        self.shared
            .answers
            .lock()
            .unwrap()
            .insert(id.to_string(), tx);
        rx
    }

    /// Puts `user` in a user group.
    pub fn add_usergroup(&self, id: &str, handle: &str, users: &[&str]) {
        self.shared.usergroups.lock().unwrap().push(json!({
            "id": id, "team_id": TEAM, "handle": handle, "name": handle, "users": users
        }));
    }

    pub fn uploaded(&self) -> Vec<Vec<u8>> {
        self.shared
            .uploads
            .lock()
            .unwrap()
            .values()
            .cloned()
            .collect()
    }

    /// The first request from index `after` on that `matches`.
    pub async fn wait_for(&self, after: usize, matches: impl Fn(&Recorded) -> bool) -> Recorded {
        let wait = async {
            loop {
                let changed = self.shared.changed.notified();
                if let Some(r) = self.requests().into_iter().skip(after).find(&matches) {
                    return r;
                }
                changed.await;
            }
        };
        tokio::time::timeout(PATIENCE, wait)
            .await
            .unwrap_or_else(|_| panic!("the bot never sent it; it sent: {:#?}", self.requests()))
    }

    /// Waits until a socket said hello `n` times in all.
    pub async fn wait_hello(&self, n: u64) {
        let wait = async {
            loop {
                let changed = self.shared.changed.notified();
                if self.hellos() >= n {
                    return;
                }
                changed.await;
            }
        };
        tokio::time::timeout(PATIENCE, wait)
            .await
            .expect("the bot never connected to Socket Mode");
    }

    fn next_id(&self) -> u64 {
        self.shared.ids.fetch_add(1, Ordering::SeqCst) + 1
    }

    /// A new response URL, and its id.
    pub fn response_url(&self) -> (String, String) {
        let id = format!("r{}", self.next_id());
        (format!("{}/response/{id}", self.base), id)
    }

    /// Sends an envelope over the socket; its acknowledgement.
    pub async fn envelope(&self, kind: &str, payload: Value) -> Value {
        self.envelope_timed(kind, payload).await.1
    }

    /// Sends an envelope over the socket; when it was handed to the
    /// socket, and its acknowledgement.
    pub async fn envelope_timed(&self, kind: &str, payload: Value) -> (Instant, Value) {
        let id = format!("env-{}", self.next_id());
        let (tx, rx) = oneshot::channel();
        self.shared.acks.lock().unwrap().insert(id.clone(), tx);
        let frame = json!({
            "envelope_id": id, "type": kind, "accepts_response_payload": kind != "events_api",
            "payload": payload, "retry_attempt": 0, "retry_reason": ""
        });
        let socket = self
            .shared
            .socket
            .lock()
            .unwrap()
            .clone()
            .expect("no socket open");
        let frame = Message::Text(frame.to_string().into());
        let sent = Instant::now();
        socket.send(frame).unwrap();
        let ack = tokio::time::timeout(PATIENCE, rx)
            .await
            .expect("the bot never acknowledged the envelope")
            .unwrap();
        (sent, ack)
    }

    /// A file a member shared: Slack's file object, its `url_private`
    /// served by the fake to the bot token.
    pub fn share_file(&self, name: &str, bytes: &[u8]) -> Value {
        let id = format!("F{}", self.next_id());
        self.shared
            .files
            .lock()
            .unwrap()
            .insert(id.clone(), bytes.to_vec());
        json!({
            "id": id, "name": name, "title": name, "mimetype": "text/plain", "filetype": "text",
            "user": ANN, "url_private": format!("{}/files/{id}", self.base),
            "url_private_download": format!("{}/files/{id}?download=1", self.base)
        })
    }

    /// Closes the socket from Slack's side, with a `disconnect` frame.
    pub fn disconnect(&self) {
        if let Some(socket) = self.shared.socket.lock().unwrap().take() {
            let frame = json!({"type": "disconnect", "reason": "refresh_requested", "debug_info": {"host": "fake"}});
            let _ = socket.send(Message::Text(frame.to_string().into()));
            let _ = socket.send(Message::Close(None));
        }
    }
}

fn record(shared: &Shared, recorded: Recorded) {
    if shared.quiet.load(Ordering::Relaxed) {
        return;
    }
    for problem in checks::problems(&recorded) {
        shared
            .invalid
            .lock()
            .unwrap()
            .push(format!("{}: {problem}", recorded.method));
    }
    shared.requests.lock().unwrap().push(recorded);
    shared.changed.notify_waiters();
}

fn token_kind(headers: &HeaderMap) -> String {
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    match auth.strip_prefix("Bearer ") {
        Some(t) if t == BOT_TOKEN => "bot",
        Some(t) if t == APP_TOKEN => "app",
        Some(_) => "unknown",
        None => "none",
    }
    .to_string()
}

fn body_of(headers: &HeaderMap, uri: &Uri, bytes: &[u8]) -> Value {
    let form = |b: &[u8]| -> Value {
        Value::Object(
            url::form_urlencoded::parse(b)
                .map(|(k, v)| (k.into_owned(), Value::String(v.into_owned())))
                .collect(),
        )
    };
    let json_body = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|c| c.starts_with("application/json"));
    if json_body {
        return serde_json::from_slice(bytes).unwrap_or(Value::Null);
    }
    let mut body = form(uri.query().unwrap_or_default().as_bytes());
    if let (Value::Object(into), Value::Object(more)) = (&mut body, form(bytes)) {
        into.extend(more);
    }
    body
}

fn json_answer(status: u16, body: Value, retry_after: Option<u64>) -> Response {
    let mut response = (StatusCode::from_u16(status).unwrap(), axum::Json(body)).into_response();
    if let Some(secs) = retry_after {
        response
            .headers_mut()
            .insert("retry-after", secs.to_string().parse().unwrap());
    }
    response
}

async fn api(
    State(shared): State<Arc<Shared>>,
    Path(method): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    bytes: Bytes,
) -> Response {
    let body = body_of(&headers, &uri, &bytes);
    let token = token_kind(&headers);
    record(
        &shared,
        Recorded {
            method: method.clone(),
            token: token.clone(),
            body: body.clone(),
            target: None,
        },
    );
    let fault = {
        let mut faults = shared.faults.lock().unwrap();
        let at = faults.iter().position(|f| f.method == method);
        at.and_then(|i| faults.remove(i))
    };
    if let Some(f) = fault {
        return json_answer(f.status, f.body, f.retry_after);
    }
    let base = shared.base.lock().unwrap().clone();
    let n = shared.ids.fetch_add(1, Ordering::SeqCst) + 1;
    let ts = format!("1764237600.{n:06}");
    let view = |v: &Value| {
        let mut view = v.clone();
        view["id"] = json!(format!("V{n}"));
        view["team_id"] = json!(TEAM);
        view["hash"] = json!(format!("h{n}"));
        if view.get("title").is_none() {
            view["title"] = json!({"type": "plain_text", "text": "Home"});
        }
        view
    };
    let answer = match method.as_str() {
        "apps.connections.open" => {
            json!({"ok": true, "url": format!("{}/link/?ticket={n}", base.replace("http://", "ws://"))})
        }
        "auth.test" => {
            json!({"ok": true, "user_id": "U0BOT", "team_id": TEAM, "team": "Skill Team", "url": "http://fake/"})
        }
        "users.info" => {
            let id = body["user"].as_str().unwrap_or_default();
            match shared.users.lock().unwrap().get(id) {
                Some(u) => json!({"ok": true, "user": u}),
                None => json!({"ok": false, "error": "user_not_found"}),
            }
        }
        "usergroups.list" => json!({"ok": true, "usergroups": *shared.usergroups.lock().unwrap()}),
        "conversations.open" => {
            let user = body["users"].as_str().unwrap_or_default();
            json!({"ok": true, "channel": {"id": format!("D{user}")}})
        }
        "chat.postMessage" | "chat.update" => json!({
            "ok": true, "channel": body["channel"], "ts": ts,
            "message": {"ts": ts, "text": body["text"], "blocks": body["blocks"]}
        }),
        "chat.postEphemeral" => json!({"ok": true, "message_ts": ts}),
        "views.open" | "views.publish" | "views.update" => {
            json!({"ok": true, "view": view(&body["view"])})
        }
        "files.getUploadURLExternal" => json!({
            "ok": true, "upload_url": format!("{base}/upload/F{n}"), "file_id": format!("F{n}")
        }),
        "files.completeUploadExternal" => json!({"ok": true, "files": body["files"]}),
        _ => json!({"ok": false, "error": "unknown_method"}),
    };
    json_answer(200, answer, None)
}

async fn response(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    uri: Uri,
    bytes: Bytes,
) -> Response {
    let arrived = Instant::now();
    let body = body_of(&headers, &uri, &bytes);
    if let Some(waiting) = shared.answers.lock().unwrap().remove(&id) {
        let _ = waiting.send((arrived, body.clone()));
    }
    record(
        &shared,
        Recorded {
            method: "response".into(),
            token: token_kind(&headers),
            body,
            target: Some(id),
        },
    );
    json_answer(200, json!({"ok": true}), None)
}

async fn upload(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
    bytes: Bytes,
) -> Response {
    shared
        .uploads
        .lock()
        .unwrap()
        .insert(id.clone(), bytes.to_vec());
    record(
        &shared,
        Recorded {
            method: "upload".into(),
            token: token_kind(&headers),
            body: json!({"length": bytes.len()}),
            target: Some(id),
        },
    );
    (StatusCode::OK, "OK").into_response()
}

async fn file(
    State(shared): State<Arc<Shared>>,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> Response {
    let token = token_kind(&headers);
    record(
        &shared,
        Recorded {
            method: "file".into(),
            token: token.clone(),
            body: json!({}),
            target: Some(id.clone()),
        },
    );
    // Slack answers a request without the bot token with its sign-in page.
    if token != "bot" {
        return (StatusCode::FOUND, "sign in").into_response();
    }
    match shared.files.lock().unwrap().get(&id) {
        Some(bytes) => (StatusCode::OK, bytes.clone()).into_response(),
        None => (StatusCode::NOT_FOUND, "no such file").into_response(),
    }
}

async fn link(State(shared): State<Arc<Shared>>, ws: WebSocketUpgrade) -> Response {
    ws.on_upgrade(move |socket| session(shared, socket))
}

async fn session(shared: Arc<Shared>, mut socket: WebSocket) {
    let hello = json!({
        "type": "hello", "num_connections": 1,
        "debug_info": {"host": "fake-slack", "approximate_connection_time": 18060},
        "connection_info": {"app_id": "A0SKILL"}
    });
    if socket
        .send(Message::Text(hello.to_string().into()))
        .await
        .is_err()
    {
        return;
    }
    let (tx, mut rx) = mpsc::unbounded_channel::<Message>();
    *shared.socket.lock().unwrap() = Some(tx);
    shared.hellos.fetch_add(1, Ordering::SeqCst);
    shared.changed.notify_waiters();
    loop {
        tokio::select! {
            out = rx.recv() => {
                let Some(out) = out else { return };
                let close = matches!(out, Message::Close(_));
                if socket.send(out).await.is_err() || close {
                    return;
                }
            }
            incoming = socket.recv() => {
                let Some(Ok(message)) = incoming else { return };
                if let Message::Text(text) = message
                    && let Ok(ack) = serde_json::from_str::<Value>(&text)
                    && let Some(id) = ack["envelope_id"].as_str()
                    && let Some(waiting) = shared.acks.lock().unwrap().remove(id)
                {
                    let _ = waiting.send(ack);
                }
            }
        }
    }
}
