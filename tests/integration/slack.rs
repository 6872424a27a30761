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
    assert!(
        ack["payload"].is_null() || ack["payload"] == json!({}) || ack["payload"].is_object(),
        "{ack}"
    );
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
    assert!(
        ack["payload"].is_null() || ack["payload"] == json!({}),
        "{ack}"
    );
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
pub async fn submit(
    fake: &FakeSlack,
    user: &str,
    opened: &Recorded,
    fields: &[(&str, &str)],
) -> Value {
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
        assert_eq!(
            r.body["response_type"], "in_channel",
            "the matrix is public"
        );
        let text = shown(&r.body);
        assert!(text.starts_with("Serverless Functions: Senior\n"), "{text}");
        assert!(text.contains("Cloud Engineer · Required"), "{text}");
        assert!(
            r.body["text"]
                .as_str()
                .unwrap()
                .starts_with("Serverless Functions: Senior"),
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
        assert_eq!(
            r.body["response_type"], "ephemeral",
            "self-assessment is private"
        );
        let (role_menu, platform) = menu(&r.body, "Platform Engineer");
        let r = choose(fake, ANN, &role_menu, &platform).await;
        assert_eq!(
            r.body["replace_original"], true,
            "a step updates the dialog's message"
        );
        assert!(
            shown(&r.body).starts_with("Serverless Functions: Junior (1 of 5)"),
            "{:#}",
            r.body
        );
        let r = press(fake, ANN, &button(&r.body, "I do this")).await;
        let r = press(fake, ANN, &button(&r.body, "Partly")).await;
        let r = press(fake, ANN, &button(&r.body, "Not yet")).await;
        let opened = press(fake, ANN, &button(&r.body, "Add a note")).await;
        assert_eq!(
            opened.method, "views.open",
            "the note form opens: {opened:#?}"
        );
        assert_eq!(opened.body["view"]["type"], "modal");
        let answer_at = form_response_id(&opened);
        let before = fake.requests().len();
        let ack = submit(
            fake,
            ANN,
            &opened,
            &[("note", "Built the webhook handlers 🎣")],
        )
        .await;
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
        assert_eq!(
            history[0].note.as_deref(),
            Some("Built the webhook handlers 🎣")
        );
        let r = command(fake, ANN, "/history", "").await;
        assert_eq!(
            r.body["response_type"], "ephemeral",
            "a member's history is theirs"
        );
        let text = shown(&r.body);
        assert!(text.starts_with("Your level history"), "{text}");
        assert!(text.contains("Junior"), "{text}");
    });
}

#[test]
fn leads_are_admins_or_in_the_lead_user_group() {
    with_bot(async |fake, _db| {
        fake.add_usergroup("S0LEADS", "leads", &[ANN]);
        let r = command(fake, ANN, "/matrix", "list").await;
        assert_eq!(r.body["response_type"], "ephemeral");
        assert!(
            shown(&r.body).contains("/matrix list is for team leads"),
            "{:#}",
            r.body
        );
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

/// LEAD rates ANN as a Lead; the answer to Save.
async fn lead_rates_ann(fake: &FakeSlack) -> Recorded {
    let r = command(
        fake,
        LEAD,
        "/assess",
        "serverless role:\"Cloud Engineer\" level:Lead member:<@U0ANN|ann>",
    )
    .await;
    let r = press(fake, LEAD, &button(&r.body, "Skip")).await;
    let r = press(fake, LEAD, &button(&r.body, "Save")).await;
    assert!(
        shown(&r.body).contains("is Lead in Serverless Functions"),
        "{:#}",
        r.body
    );
    r
}

#[test]
fn a_leads_rating_reaches_the_member_by_direct_message() {
    with_bot(async |fake, _db| {
        let before = fake.requests().len();
        lead_rates_ann(fake).await;
        let opened = fake
            .wait_for(before, |r| r.method == "conversations.open")
            .await;
        assert_eq!(opened.body["users"], ANN);
        let dm = fake
            .wait_for(before, |r| {
                r.method == "chat.postMessage" && r.body["channel"] == "DU0ANN"
            })
            .await;
        assert!(
            dm.body["text"]
                .as_str()
                .unwrap()
                .contains("recorded your level in Serverless Functions: Lead"),
            "{:#}",
            dm.body
        );
    });
}

#[test]
fn a_refused_or_rate_limited_dm_is_said_or_retried() {
    with_bot(async |fake, _db| {
        fake.fail_next(crate::fake_slack::Fault::error(
            "chat.postMessage",
            "cannot_dm_bot",
        ));
        let before = fake.requests().len();
        lead_rates_ann(fake).await;
        let told = fake
            .wait_for(before, |r| {
                r.method == "response" && shown(&r.body).contains("do not accept direct messages")
            })
            .await;
        assert_eq!(told.body["response_type"], "ephemeral");

        fake.fail_next(crate::fake_slack::Fault::rate_limited(
            "chat.postMessage",
            0,
        ));
        let before = fake.requests().len();
        lead_rates_ann(fake).await;
        let is_dm = |r: &Recorded| r.method == "chat.postMessage" && r.body["channel"] == "DU0ANN";
        // The 429, then its retry.
        let first = fake.wait_for(before, is_dm).await;
        let at = fake.requests().iter().skip(before).position(is_dm).unwrap();
        let retry = fake.wait_for(before + at + 1, is_dm).await;
        assert_eq!(retry.body["text"], first.body["text"]);
    });
}

#[test]
fn the_team_summary_and_the_export_arrive_as_files() {
    with_bot(async |fake, _db| {
        command(fake, ANN, "/profile", "role:ce").await;
        let r = command(fake, ANN, "/assess", "serverless level:Senior").await;
        let r = press(fake, ANN, &button(&r.body, "Skip")).await;
        press(fake, ANN, &button(&r.body, "Save")).await;

        let before = fake.requests().len();
        let r = command(fake, LEAD, "/team", "summary skill:serverless").await;
        assert!(shown(&r.body).starts_with("Team summary\n"), "{:#}", r.body);
        assert_eq!(
            r.body["response_type"], "ephemeral",
            "team data is for the lead"
        );
        let done = fake
            .wait_for(before, |r| r.method == "files.completeUploadExternal")
            .await;
        assert_eq!(
            done.body["channel_id"], "DU0LEAD",
            "a private file goes to the lead's DM"
        );
        assert_eq!(done.body["files"][0]["title"], "team-heatmap.png");
        let png = fake.uploaded();
        assert!(
            png.iter().any(|f| f.starts_with(b"\x89PNG")),
            "no PNG uploaded"
        );

        let before = fake.requests().len();
        command(fake, LEAD, "/team", "export").await;
        let done = fake
            .wait_for(before, |r| r.method == "files.completeUploadExternal")
            .await;
        let name = done.body["files"][0]["title"].as_str().unwrap();
        assert!(name.ends_with(".csv"), "{name}");
        let csv = fake.uploaded();
        assert!(
            csv.iter()
                .any(|f| String::from_utf8_lossy(f).contains("Ann")),
            "the export holds the team"
        );
        let told = fake
            .wait_for(before, |r| {
                r.method == "response" && shown(&r.body).contains("direct messages with skillbot")
            })
            .await;
        assert_eq!(told.body["response_type"], "ephemeral");
    });
}

#[test]
fn the_home_tab_shows_the_profile_and_starts_an_assessment() {
    with_bot(async |fake, _db| {
        command(fake, ANN, "/profile", "role:ce").await;
        let before = fake.requests().len();
        let event = json!({
            "token": "unused", "team_id": TEAM, "api_app_id": "A0SKILL", "type": "event_callback",
            "event_id": "Ev1", "event_time": 1764237600,
            "event": {"type": "app_home_opened", "user": ANN, "channel": "DU0ANN", "tab": "home", "event_ts": "1764237600.1"}
        });
        fake.envelope("events_api", event).await;
        let home = fake.wait_for(before, |r| r.method == "views.publish").await;
        assert_eq!(home.body["user_id"], ANN);
        let text = shown(&home.body);
        assert!(text.contains("Cloud Engineer"), "{text}");
        let start = button(&home.body, "Start an assessment");
        // A Home tab button has no response URL: the answer comes as a
        // direct message.
        let before = fake.requests().len();
        let action = json!({
            "type": "block_actions", "team": {"id": TEAM}, "user": {"id": ANN, "team_id": TEAM},
            "api_app_id": "A0SKILL", "container": {"type": "view", "view_id": "V9"},
            "view": {"id": "V9", "team_id": TEAM, "type": "home", "hash": "h", "blocks": []},
            "trigger_id": "trigger-home",
            "actions": [{"type": "button", "action_id": start, "block_id": "slack-home", "action_ts": "1.1"}]
        });
        fake.envelope("interactive", action).await;
        let dm = fake
            .wait_for(before, |r| {
                r.method == "chat.postMessage" && r.body["channel"] == "DU0ANN"
            })
            .await;
        assert!(!shown(&dm.body).is_empty(), "{:#}", dm.body);
    });
}

fn at(text: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&chrono::Utc)
}

/// A pass of the weekly check-ins at `now`, as the bot's loop runs it.
async fn pass(bot: &Bot, now: &str) -> Vec<String> {
    bot.clock.set(at(now));
    let events = bot.app.run_due(at(now), &[Platform::Slack]).await.unwrap();
    events
        .iter()
        .map(|e| {
            let kind = serde_json::to_value(e.kind).unwrap();
            let who = e.member.as_deref().unwrap_or("-");
            format!("{} {who} {} {}", kind.as_str().unwrap(), e.result, e.week)
        })
        .collect()
}

#[test]
fn the_weekly_checkin_is_a_dm_whose_buttons_answer_it_and_the_digest_follows() {
    runtime().block_on(async {
        let fake = FakeSlack::start().await;
        let dir = tempfile::tempdir().unwrap();
        let bot = Bot::start(&fake, &db_in(&dir)).await;
        // Friday 27 November 2026: Mondays 09:00 in Berlin, the digest in
        // the leads' channel.
        let r = command(
            &fake,
            LEAD,
            "/checkin",
            "schedule weekday:Monday time:09:00 timezone:Europe/Berlin",
        )
        .await;
        assert!(shown(&r.body).contains("Mondays at 09:00"), "{:#}", r.body);
        let r = command(
            &fake,
            LEAD,
            "/checkin",
            "digest-channel channel:<#C0LEADS|leads>",
        )
        .await;
        assert!(
            shown(&r.body).contains("<#C0LEADS>"),
            "a channel the Slack way: {:#}",
            r.body
        );
        command(&fake, ANN, "/profile", "role:ce").await;
        let r = command(&fake, ANN, "/assess", "serverless level:Middle").await;
        let r = press(&fake, ANN, &button(&r.body, "Skip")).await;
        press(&fake, ANN, &button(&r.body, "Save")).await;

        assert_eq!(
            pass(&bot, "2026-11-30T07:59:00Z").await,
            Vec::<String>::new()
        );
        let before = fake.requests().len();
        assert_eq!(
            pass(&bot, "2026-11-30T08:00:00Z").await,
            ["checkin U0ANN sent 2026-W49"]
        );
        let dm = fake
            .wait_for(before, |r| {
                r.method == "chat.postMessage" && r.body["channel"] == "DU0ANN"
            })
            .await;
        let text = shown(&dm.body);
        assert!(
            text.starts_with("Your weekly check-in (2026-W49)"),
            "{text}"
        );
        assert!(text.contains("You: Middle"), "{text}");
        let r = press_in(&fake, ANN, &button(&dm.body, "No change"), "DU0ANN").await;
        assert_eq!(
            r.body["replace_original"], true,
            "the DM is updated in place"
        );
        assert!(
            shown(&r.body).contains("Noted: no change this week."),
            "{:#}",
            r.body
        );
        // A pass again sends nothing twice.
        assert_eq!(
            pass(&bot, "2026-11-30T09:00:00Z").await,
            Vec::<String>::new()
        );

        let before = fake.requests().len();
        let lines = pass(&bot, "2026-12-07T08:00:00Z").await;
        assert!(
            lines.contains(&"digest - sent 2026-W49".to_string()),
            "{lines:?}"
        );
        let digest = fake
            .wait_for(before, |r| {
                r.method == "chat.postMessage" && r.body["channel"] == "C0LEADS"
            })
            .await;
        assert!(shown(&digest.body).contains("Ann"), "{:#}", digest.body);
        assert_all_valid(&fake);
        bot.stop().await;
    });
}

#[test]
fn a_dropped_socket_reconnects_and_goes_on() {
    with_bot(async |fake, _db| {
        let hellos = fake.hellos();
        fake.disconnect();
        fake.wait_hello(hellos + 1).await;
        let r = command(fake, ANN, "/skill", "serverless senior").await;
        assert!(
            shown(&r.body).starts_with("Serverless Functions: Senior"),
            "{:#}",
            r.body
        );
    });
}

/// The HTTP Events API: Slack's signed posts, and what is refused.
#[test]
fn http_requests_are_verified_and_only_slacks_are_answered() {
    runtime().block_on(async {
        let fake = FakeSlack::start().await;
        let dir = tempfile::tempdir().unwrap();
        let (app, _clock, api) = app_on(&fake, &db_in(&dir));
        let slack = Slack::new(Arc::clone(&app), api);
        let secret = "8f742231b10e8888abcd99yyyzzz85a5";
        let routes = skillbot::frontends::slack::http::routes(&slack, &Secret::new(secret.into()));
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let server = tokio::spawn(async move {
            let _ = axum::serve(listener, routes).await;
        });
        let client = reqwest::Client::new();
        let now = crate::app_support::t0().timestamp();
        let (url, id) = fake.response_url();
        let form = |text: &str| {
            let p = command_payload(ANN, "/skill", text, &url);
            url::form_urlencoded::Serializer::new(String::new())
                .extend_pairs(p.as_object().unwrap().iter().map(|(k, v)| (k.clone(), v.as_str().unwrap().to_string())))
                .finish()
        };
        let post = |body: String, ts: i64, signature: Option<String>| {
            let mut request = client
                .post(format!("{base}/slack/commands"))
                .header("content-type", "application/x-www-form-urlencoded")
                .header("x-slack-request-timestamp", ts.to_string());
            if let Some(sig) = signature {
                request = request.header("x-slack-signature", sig);
            }
            async move { request.body(body).send().await.unwrap().status().as_u16() }
        };
        let sign = skillbot::frontends::slack::http::sign;
        let body = form("serverless senior");
        let before = fake.requests().len();
        // Forged, unsigned, stale, and changed after signing: 401, nothing done.
        assert_eq!(post(body.clone(), now, Some(sign("not the secret", &now.to_string(), body.as_bytes()))).await, 401);
        assert_eq!(post(body.clone(), now, None).await, 401);
        let old = now - 301;
        assert_eq!(post(body.clone(), old, Some(sign(secret, &old.to_string(), body.as_bytes()))).await, 401);
        let changed = form("serverless principal");
        assert_eq!(post(changed, now, Some(sign(secret, &now.to_string(), body.as_bytes()))).await, 401);
        // Signed by Slack: answered through the response URL.
        let good = sign(secret, &now.to_string(), body.as_bytes());
        assert_eq!(post(body.clone(), now, Some(good.clone())).await, 200);
        let r = answered(&fake, before, &id).await;
        assert!(shown(&r.body).starts_with("Serverless Functions: Senior"), "{:#}", r.body);
        // The same request again within the window is a replay.
        assert_eq!(post(body.clone(), now, Some(good)).await, 401);
        slack.in_flight().drained(Duration::from_secs(5)).await;
        let answers = fake
            .requests()
            .iter()
            .skip(before)
            .filter(|r| r.method == "response")
            .count();
        assert_eq!(answers, 1, "only the request from Slack was answered");
        // Slack's URL check is answered with its challenge.
        let challenge = r#"{"type":"url_verification","token":"t","challenge":"3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"}"#;
        let reply = client
            .post(format!("{base}/slack/events"))
            .header("content-type", "application/json")
            .header("x-slack-request-timestamp", now.to_string())
            .header("x-slack-signature", sign(secret, &now.to_string(), challenge.as_bytes()))
            .body(challenge)
            .send()
            .await
            .unwrap();
        let answer: Value = serde_json::from_slice(&reply.bytes().await.unwrap()).unwrap();
        assert_eq!(answer["challenge"], "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
        assert_all_valid(&fake);
        server.abort();
    });
}

/// A member who sets no time zone has their Slack profile's: the fake's
/// users are in Europe/Berlin, the workspace stays on UTC.
#[test]
fn a_members_zone_defaults_to_their_slack_profiles() {
    runtime().block_on(async {
        let fake = FakeSlack::start().await;
        let dir = tempfile::tempdir().unwrap();
        let bot = Bot::start(&fake, &db_in(&dir)).await;
        let r = command(
            &fake,
            LEAD,
            "/checkin",
            "schedule weekday:Monday time:09:00",
        )
        .await;
        assert!(shown(&r.body).contains("Mondays at 09:00"), "{:#}", r.body);
        let r = command(&fake, ANN, "/profile", "role:ce").await;
        assert!(
            shown(&r.body).contains("Europe/Berlin, from your chat profile"),
            "{:#}",
            r.body
        );
        // 09:00 in Berlin is 08:00 UTC: the check-in comes then, not at
        // the workspace's 09:00 UTC.
        assert_eq!(
            pass(&bot, "2026-11-30T07:59:00Z").await,
            Vec::<String>::new()
        );
        assert_eq!(
            pass(&bot, "2026-11-30T08:00:00Z").await,
            ["checkin U0ANN sent 2026-W49"]
        );
        // A zone of their own wins.
        let r = command(&fake, ANN, "/profile", "timezone:Asia/Tokyo").await;
        assert!(shown(&r.body).contains("Asia/Tokyo"), "{:#}", r.body);
        assert!(
            !shown(&r.body).contains("from your chat profile"),
            "{:#}",
            r.body
        );
        assert_all_valid(&fake);
        bot.stop().await;
    });
}

/// `skillbot run`: Discord and Slack in one process, on one database.
#[test]
fn discord_and_slack_run_in_one_process() {
    use crate::fake_discord::payloads::{self, level, text};
    runtime().block_on(async {
        let discord_fake = crate::fake_discord::FakeDiscord::start().await;
        let slack_fake = FakeSlack::start().await;
        let dir = tempfile::tempdir().unwrap();
        let (matrix_dir, db) = (crate::support::repo_path("data/matrix"), db_in(&dir));
        let discord = skillbot::config::DiscordConfig {
            token: Secret::new(crate::discord::TOKEN.into()),
            guild_id: Some(crate::fake_discord::GUILD_ID.parse().unwrap()),
            api_base: Some(discord_fake.base.clone()),
            matrix_dir: matrix_dir.clone(),
            database: db.clone(),
        };
        let slack = skillbot::config::SlackConfig {
            bot_token: Secret::new(BOT_TOKEN.into()),
            reach: skillbot::config::SlackReach::SocketMode {
                app_token: Secret::new(APP_TOKEN.into()),
            },
            api_url: slack_fake.api_url(),
            matrix_dir: matrix_dir.clone(),
            database: db.clone(),
        };
        let api = WebApi::new(&slack.api_url, &slack.bot_token);
        let app =
            skillbot::frontends::together::open_app(&matrix_dir, &db, Some(&discord), Some(&api))
                .unwrap();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let running = tokio::spawn(skillbot::frontends::together::run(
            Arc::new(app),
            Some(discord),
            Some(slack),
            async {
                let _ = stopped.await;
            },
        ));
        discord_fake
            .wait_for(0, |r| r.method == "PUT" && r.path.ends_with("/commands"))
            .await;
        slack_fake.wait_hello(1).await;

        let r = discord_fake
            .interact(payloads::command(
                &discord_fake,
                &crate::discord::ann(),
                "skill",
                vec![
                    text("skill", "serverless-functions"),
                    level("level", "Senior"),
                ],
            ))
            .await;
        assert_eq!(r["type"], 4, "{r:#}");
        let r = command(&slack_fake, ANN, "/skill", "serverless-functions senior").await;
        assert!(
            shown(&r.body).starts_with("Serverless Functions: Senior"),
            "{:#}",
            r.body
        );

        let _ = stop.send(());
        let finished = tokio::time::timeout(Duration::from_secs(20), running)
            .await
            .expect("both front ends stop");
        finished.unwrap().unwrap();
        assert_all_valid(&slack_fake);
    });
}

/// The real binary in its own process: `skillbot slack` on Socket Mode
/// answers, logs a line per interaction without either token (even at
/// trace level), and exits 0 on SIGTERM.
#[test]
fn the_binary_serves_slack_never_logs_its_tokens_and_stops_on_sigterm() {
    runtime().block_on(async {
        let fake = FakeSlack::start().await;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stderr.log");
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_skillbot"))
            .args(["--database", db_in(&dir).to_str().unwrap()])
            .args([
                "--matrix-dir",
                crate::support::repo_path("data/matrix").to_str().unwrap(),
            ])
            .arg("slack")
            .current_dir(dir.path())
            .env("SLACK_BOT_TOKEN", BOT_TOKEN)
            .env("SLACK_APP_TOKEN", APP_TOKEN)
            .env("SLACK_API_URL", fake.api_url())
            .env_remove("SLACK_SIGNING_SECRET")
            .env_remove("SLACK_LISTEN")
            .env("SKILLBOT_LOG", "trace")
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&path).unwrap())
            .spawn()
            .unwrap();
        fake.wait_hello(1).await;
        let r = command(&fake, ANN, "/skill", "lambda lead").await;
        assert!(
            shown(&r.body).starts_with("Serverless Functions: Lead"),
            "{:#}",
            r.body
        );
        // The log line follows the answer: wait for it.
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        while !std::fs::read_to_string(&path)
            .unwrap_or_default()
            .contains("interaction=\"/skill\"")
            && std::time::Instant::now() < deadline
        {
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        let term = std::process::Command::new("kill")
            .args(["-TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(term.success());
        let status = child.wait().unwrap();
        let logs = std::fs::read_to_string(&path).unwrap();
        assert!(
            status.success(),
            "exit {status:?}: {}",
            &logs[logs.len().saturating_sub(3000)..]
        );
        assert!(
            logs.contains("interaction=\"/skill\""),
            "{}",
            &logs[..logs.len().min(3000)]
        );
        assert!(logs.contains("stopped"), "no clean stop in the log");
        assert!(
            !logs.contains("never-in-logs"),
            "a token leaked into the logs"
        );
        assert_all_valid(&fake);
    });
}
