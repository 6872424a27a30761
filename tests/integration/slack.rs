//! The real Slack front end, driven end to end through a fake Slack on
//! 127.0.0.1: slash commands, buttons, menus and forms over Socket Mode,
//! answers through response URLs and the Web API.

use crate::fake_slack::{ANN, APP_TOKEN, BOT_TOKEN, FakeSlack, LEAD, Recorded, TEAM};
use serde_json::{Value, json};
use skillbot::app::{App, Notifiers, RandomIds, RetryPolicy, Settings};
use skillbot::clock::FixedClock;
use skillbot::config::Secret;
use skillbot::frontends::slack::api::WebApi;
use skillbot::frontends::slack::{Slack, SlackNotifier, socket};
use skillbot::matrix::Catalog;
use skillbot::store::Db;
use skillbot::team::Platform;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

pub const CHANNEL: &str = "C0TEAM";

pub struct Bot {
    pub app: Arc<App>,
    pub clock: Arc<FixedClock>,
    pub slack: Arc<Slack>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<()>,
}

/// The app as the Slack front end runs it, on the fake's Web API, with a
/// clock the test pins.
pub fn app_on(fake: &FakeSlack, db: &Path) -> (Arc<App>, Arc<FixedClock>, WebApi) {
    let _ = tracing_subscriber::fmt()
        .with_env_filter("skillbot=debug,slack_morphism=warn")
        .with_test_writer()
        .try_init();
    let matrix_dir = crate::support::repo_path("data/matrix");
    let api = WebApi::new(&fake.api_url(), &Secret::new(BOT_TOKEN.into()));
    let clock = Arc::new(FixedClock::new(crate::app_support::t0()));
    let app = App::new(
        Db::open(db).unwrap(),
        Catalog::load_dir(&matrix_dir).unwrap(),
        Settings {
            matrix_dir,
            clock: clock.clone(),
            ids: Arc::new(RandomIds),
            notifiers: Notifiers::new()
                .with(Platform::Slack, Arc::new(SlackNotifier::new(api.clone()))),
            retry: RetryPolicy {
                backoff: Duration::from_millis(1),
                ..RetryPolicy::default()
            },
        },
    );
    (Arc::new(app), clock, api)
}

impl Bot {
    /// The bot on Socket Mode, connected (its first hello received).
    pub async fn start(fake: &FakeSlack, db: &Path) -> Bot {
        let (app, clock, api) = app_on(fake, db);
        let slack = Slack::new(Arc::clone(&app), api);
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let hellos = fake.hellos();
        let serving = Arc::clone(&slack);
        let task = tokio::spawn(async move {
            let tuning = socket::Tuning {
                connections: 1,
                reconnect_secs: 1,
            };
            let stop = async {
                let _ = stopped.await;
            };
            socket::serve(&serving, &Secret::new(APP_TOKEN.into()), tuning, stop)
                .await
                .unwrap();
        });
        fake.wait_hello(hellos + 1).await;
        Bot {
            app,
            clock,
            slack,
            stop: Some(stop),
            task,
        }
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        let _ = tokio::time::timeout(Duration::from_secs(10), &mut self.task).await;
        self.slack.in_flight().drained(Duration::from_secs(5)).await;
    }
}

pub fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap()
}

pub fn db_in(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("skillbot.db")
}

/// Runs `test` against a fresh fake and bot, then checks that Slack would
/// have taken everything the bot sent.
pub fn with_bot(test: impl AsyncFnOnce(&FakeSlack, &Path)) {
    runtime().block_on(async {
        let fake = FakeSlack::start().await;
        let dir = tempfile::tempdir().unwrap();
        let db = db_in(&dir);
        let bot = Bot::start(&fake, &db).await;
        test(&fake, &db).await;
        assert_all_valid(&fake);
        bot.stop().await;
    });
}

pub fn assert_all_valid(fake: &FakeSlack) {
    let invalid = fake.invalid();
    assert!(invalid.is_empty(), "Slack would refuse: {invalid:#?}");
}

/// A slash command's payload, answered at `response_url`.
pub fn command_payload(user: &str, command: &str, text: &str, response_url: &str) -> Value {
    json!({
        "token": "verification-token-unused", "team_id": TEAM, "team_domain": "skillteam",
        "channel_id": CHANNEL, "channel_name": "team", "user_id": user, "user_name": user,
        "command": command, "text": text, "api_app_id": "A0SKILL", "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": format!("trigger-{response_url}")
    })
}

/// Runs a slash command over the socket; the first answer at its
/// response URL (or any answer `also` accepts: a form opening).
pub async fn command(fake: &FakeSlack, user: &str, command: &str, text: &str) -> Recorded {
    let (url, id) = fake.response_url();
    let before = fake.requests().len();
    let ack = fake
        .envelope("slash_commands", command_payload(user, command, text, &url))
        .await;
    assert!(ack["payload"].is_null() || ack["payload"] == json!({}) || ack["payload"].is_object(), "{ack}");
    answered(fake, before, &id).await
}

/// The bot's first answer after `before`: a post to response URL `id`, or
/// a form opened.
pub async fn answered(fake: &FakeSlack, before: usize, id: &str) -> Recorded {
    fake.wait_for(before, |r| {
        r.target.as_deref() == Some(id) || r.method == "views.open"
    })
    .await
}

/// Everything a message or view shows, as text: headers, sections,
/// fields, contexts.
pub fn shown(body: &Value) -> String {
    let blocks = body["blocks"]
        .as_array()
        .or(body["view"]["blocks"].as_array())
        .cloned()
        .unwrap_or_default();
    let mut out = Vec::new();
    for b in &blocks {
        if let Some(t) = b["text"]["text"].as_str() {
            out.push(t.to_string());
        }
        for f in b["fields"].as_array().into_iter().flatten() {
            out.push(f["text"].as_str().unwrap_or_default().to_string());
        }
        for e in b["elements"].as_array().into_iter().flatten() {
            if b["type"] == "context"
                && let Some(t) = e["text"].as_str()
            {
                out.push(t.to_string());
            }
        }
    }
    out.join("\n")
}

/// The action id of the button labelled `label`.
pub fn button(body: &Value, label: &str) -> String {
    let blocks = body["blocks"]
        .as_array()
        .or(body["view"]["blocks"].as_array())
        .cloned()
        .unwrap_or_default();
    blocks
        .iter()
        .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
        .find(|e| e["type"] == "button" && e["text"]["text"] == label)
        .and_then(|e| e["action_id"].as_str().map(str::to_string))
        .unwrap_or_else(|| panic!("no button {label:?} in {body:#}"))
}

/// The action id of the menu offering `label`, and that option's value.
pub fn menu(body: &Value, label: &str) -> (String, String) {
    let blocks = body["blocks"].as_array().cloned().unwrap_or_default();
    for e in blocks
        .iter()
        .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
    {
        for o in e["options"].as_array().into_iter().flatten() {
            if o["text"]["text"] == label {
                return (
                    e["action_id"].as_str().unwrap().to_string(),
                    o["value"].as_str().unwrap().to_string(),
                );
            }
        }
    }
    panic!("no menu offers {label:?}: {body:#}")
}

fn action_payload(user: &str, action: Value, response_url: &str, channel: &str) -> Value {
    json!({
        "type": "block_actions", "team": {"id": TEAM, "domain": "skillteam"},
        "user": {"id": user, "team_id": TEAM, "username": user},
        "api_app_id": "A0SKILL",
        "container": {"type": "message", "message_ts": "1764237600.000001", "channel_id": channel, "is_ephemeral": true},
        "trigger_id": format!("trigger-{response_url}"),
        "channel": {"id": channel, "name": "team"},
        "response_url": response_url,
        "actions": [action]
    })
}

/// Presses a button; the answer.
pub async fn press(fake: &FakeSlack, user: &str, action_id: &str) -> Recorded {
    press_in(fake, user, action_id, CHANNEL).await
}

pub async fn press_in(fake: &FakeSlack, user: &str, action_id: &str, channel: &str) -> Recorded {
    let (url, id) = fake.response_url();
    let before = fake.requests().len();
    let action = json!({"type": "button", "action_id": action_id, "block_id": "b", "text": {"type": "plain_text", "text": "x"}, "action_ts": "1764237601.1"});
    let ack = fake
        .envelope("interactive", action_payload(user, action, &url, channel))
        .await;
    assert!(ack["payload"].is_null() || ack["payload"] == json!({}), "{ack}");
    answered(fake, before, &id).await
}

/// Chooses `value` in the menu `action_id`; the answer.
pub async fn choose(fake: &FakeSlack, user: &str, action_id: &str, value: &str) -> Recorded {
    let (url, id) = fake.response_url();
    let before = fake.requests().len();
    let action = json!({
        "type": "static_select", "action_id": action_id, "block_id": "b",
        "selected_option": {"text": {"type": "plain_text", "text": value}, "value": value},
        "action_ts": "1764237601.2"
    });
    fake.envelope("interactive", action_payload(user, action, &url, CHANNEL))
        .await;
    answered(fake, before, &id).await
}

/// Submits the form the bot opened (a `views.open` request) with `fields`;
/// the acknowledgement.
pub async fn submit(fake: &FakeSlack, user: &str, opened: &Recorded, fields: &[(&str, &str)]) -> Value {
    let view = &opened.body["view"];
    let mut values = serde_json::Map::new();
    for (block, text) in fields {
        values.insert(
            block.to_string(),
            json!({ *block: {"type": "plain_text_input", "value": text} }),
        );
    }
    let payload = json!({
        "type": "view_submission", "team": {"id": TEAM, "domain": "skillteam"},
        "user": {"id": user, "team_id": TEAM}, "api_app_id": "A0SKILL",
        "trigger_id": "trigger-view",
        "view": {
            "id": "V1", "team_id": TEAM, "hash": "h1", "type": "modal",
            "callback_id": view["callback_id"], "private_metadata": view["private_metadata"],
            "title": view["title"], "submit": view["submit"], "close": view["close"],
            "blocks": view["blocks"], "state": {"values": values}
        }
    });
    fake.envelope("interactive", payload).await
}

/// The response URL a form's answer goes to, from its private metadata.
pub fn form_response_id(opened: &Recorded) -> String {
    let meta: Value =
        serde_json::from_str(opened.body["view"]["private_metadata"].as_str().unwrap()).unwrap();
    meta["response_url"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

#[test]
fn skill_and_whats_next() {
    with_bot(async |fake, _db| {
        let r = command(fake, ANN, "/skill", "serverless-functions senior").await;
        assert_eq!(r.body["response_type"], "in_channel", "the matrix is public");
        let text = shown(&r.body);
        assert!(text.starts_with("Serverless Functions: Senior\n"), "{text}");
        assert!(text.contains("Cloud Engineer · Required"), "{text}");
        assert!(
            r.body["text"].as_str().unwrap().starts_with("Serverless Functions: Senior"),
            "a plain-text fallback for notifications: {:#}",
            r.body
        );
        let next = button(&r.body, "What's next");
        let r = press(fake, LEAD, &next).await;
        assert!(
            shown(&r.body).starts_with("Serverless Functions: from Senior to Lead"),
            "{:#}",
            r.body
        );
    });
}

#[test]
fn bad_input_is_refused_privately_with_what_to_type() {
    with_bot(async |fake, _db| {
        let r = command(fake, ANN, "/skill", "serverless \"senior").await;
        assert_eq!(r.body["response_type"], "ephemeral");
        assert!(shown(&r.body).contains("quote"), "{:#}", r.body);
        let r = command(fake, ANN, "/skill", "astrology").await;
        assert_eq!(r.body["response_type"], "ephemeral");
        assert!(shown(&r.body).contains("astrology"), "{:#}", r.body);
    });
}

/// /assess with the role menu, buttons, the note form and Save.
#[test]
fn a_whole_assessment_with_the_note_form() {
    with_bot(async |fake, db| {
        let r = command(fake, ANN, "/assess", "serverless").await;
        assert_eq!(r.body["response_type"], "ephemeral", "self-assessment is private");
        let (role_menu, platform) = menu(&r.body, "Platform Engineer");
        let r = choose(fake, ANN, &role_menu, &platform).await;
        assert_eq!(r.body["replace_original"], true, "a step updates the dialog's message");
        assert!(
            shown(&r.body).starts_with("Serverless Functions: Junior (1 of 5)"),
            "{:#}",
            r.body
        );
        let r = press(fake, ANN, &button(&r.body, "I do this")).await;
        let r = press(fake, ANN, &button(&r.body, "Partly")).await;
        let r = press(fake, ANN, &button(&r.body, "Not yet")).await;
        let opened = press(fake, ANN, &button(&r.body, "Add a note")).await;
        assert_eq!(opened.method, "views.open", "the note form opens: {opened:#?}");
        assert_eq!(opened.body["view"]["type"], "modal");
        let answer_at = form_response_id(&opened);
        let before = fake.requests().len();
        let ack = submit(fake, ANN, &opened, &[("note", "Built the webhook handlers 🎣")]).await;
        assert_eq!(ack["payload"]["response_action"], "clear", "{ack}");
        let r = fake
            .wait_for(before, |r| r.target.as_deref() == Some(answer_at.as_str()))
            .await;
        let summary = shown(&r.body);
        assert!(
            summary.contains("Level: *Junior* (as Platform Engineer), working towards Middle"),
            "emphasis in Slack's own syntax: {summary}"
        );
        let r = press(fake, ANN, &button(&r.body, "Save")).await;
        assert!(
            shown(&r.body).contains("You are Junior in Serverless Functions"),
            "{:#}",
            r.body
        );
        let mut store = skillbot::store::Store::open(db).unwrap();
        let ws = store
            .workspace(Platform::Slack, TEAM, "", crate::app_support::t0())
            .unwrap();
        let member = store.find_member(ws, ANN).unwrap().unwrap();
        let history = store.history(member.id, None).unwrap();
        assert_eq!(history[0].note.as_deref(), Some("Built the webhook handlers 🎣"));
    });
}

#[test]
fn leads_are_admins_or_in_the_lead_user_group() {
    with_bot(async |fake, _db| {
        fake.add_usergroup("S0LEADS", "leads", &[ANN]);
        let r = command(fake, ANN, "/matrix", "list").await;
        assert_eq!(r.body["response_type"], "ephemeral");
        assert!(shown(&r.body).contains("/matrix list is for team leads"), "{:#}", r.body);
        let r = command(fake, LEAD, "/matrix", "list").await;
        assert!(
            shown(&r.body).contains("(serverless-functions) · 5 levels · 4 roles"),
            "an admin leads: {:#}",
            r.body
        );
        let r = command(fake, LEAD, "/config", "lead-role <!subteam^S0LEADS|@leads>").await;
        assert!(shown(&r.body).contains("leads"), "{:#}", r.body);
        let r = command(fake, ANN, "/matrix", "list").await;
        assert!(
            shown(&r.body).contains("(serverless-functions) · 5 levels · 4 roles"),
            "a member of the lead group leads: {:#}",
            r.body
        );
    });
}

#[test]
fn a_dialog_goes_on_after_the_bot_restarts() {
    runtime().block_on(async {
        let fake = FakeSlack::start().await;
        let dir = tempfile::tempdir().unwrap();
        let bot = Bot::start(&fake, &db_in(&dir)).await;
        let r = command(&fake, ANN, "/assess", "serverless role:\"Cloud Engineer\"").await;
        let r = press(&fake, ANN, &button(&r.body, "I do this")).await;
        let pending = button(&r.body, "I do this");
        bot.stop().await;

        let bot = Bot::start(&fake, &db_in(&dir)).await;
        let r = press(&fake, ANN, &pending).await;
        assert!(
            shown(&r.body).starts_with("Serverless Functions: Senior (3 of 5)"),
            "{:#}",
            r.body
        );
        assert_all_valid(&fake);
        bot.stop().await;
    });
}
