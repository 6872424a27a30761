//! skillbot's Slack front end on Socket Mode against the local fake Slack,
//! always beside a bare slack-morphism bot answering /ping on the same fake
//! in the same run (issue 20). Both bots run as their own processes, the
//! release binary for skillbot; the fake runs here.
//!
//! A latency is from the envelope handed to the socket to the answer's
//! arrival at its response URL (before the fake reads its JSON, which is
//! Slack's work and grows with the answer): what a member waits for. Both
//! bots acknowledge first and answer from a task.
//!
//! Targets: /skill median within 1.3x of the bare /ping, p99 < 2 ms; an
//! /assess button press that writes within 1.5x, p99 < 3 ms; start to the
//! first `hello` < 50 ms; resident memory after start < 25 MB.
//!
//! Run: `cargo bench --bench slack` (prints a table for BENCHMARKS.md).

#[path = "../tests/integration/fake_slack/mod.rs"]
#[allow(dead_code)]
mod fake_slack;
#[path = "support/side_by_side.rs"]
mod side_by_side;
#[path = "support/slack_ping_bot.rs"]
mod slack_ping_bot;

use fake_slack::{ANN, APP_TOKEN, BOT_TOKEN, FakeSlack, TEAM};
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const PING_MODE: &str = "SKILLBOT_BENCH_SLACK_PING_BOT";
const WARM_UP: usize = 200;
const SEQUENTIAL: usize = 2000;
/// Dialogs of seven presses each, every press a write.
const DIALOGS: usize = 200;
const CHANNEL: &str = "C0TEAM";

fn main() {
    if std::env::var_os(PING_MODE).is_some() {
        let api_url = std::env::var("SLACK_API_URL").unwrap();
        slack_ping_bot::run(&api_url, APP_TOKEN);
        return;
    }
    let rows = side_by_side::alternately(Bot::BarePing, Bot::Skillbot, measure);
    report(&rows);
}

#[derive(Clone, Copy, Debug, PartialEq)]
enum Bot {
    BarePing,
    Skillbot,
}

struct Figures {
    bot: Bot,
    hello_ms: f64,
    rss_start_mb: f64,
    rss_end_mb: f64,
    p50_us: f64,
    p90_us: f64,
    p99_us: f64,
    /// skillbot only: an /assess button press that writes.
    press_p50_us: f64,
    press_p99_us: f64,
}

fn spawn(bot: Bot, fake: &FakeSlack, dir: &std::path::Path) -> Child {
    let mut cmd = match bot {
        Bot::BarePing => {
            let mut c = Command::new(std::env::current_exe().unwrap());
            c.env(PING_MODE, "1");
            c
        }
        Bot::Skillbot => {
            let mut c = Command::new(env!("CARGO_BIN_EXE_skillbot"));
            c.arg("--database").arg(dir.join("bench.db"));
            c.arg("--matrix-dir")
                .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/data/matrix"));
            c.arg("slack");
            c
        }
    };
    cmd.env("SLACK_BOT_TOKEN", BOT_TOKEN)
        .env("SLACK_APP_TOKEN", APP_TOKEN)
        .env("SLACK_API_URL", fake.api_url())
        .env_remove("SLACK_SIGNING_SECRET")
        .env_remove("SLACK_LISTEN")
        .env("SKILLBOT_LOG", "warn")
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn command_payload(user: &str, command: &str, text: &str, response_url: &str) -> Value {
    json!({
        "token": "unused", "team_id": TEAM, "team_domain": "skillteam",
        "channel_id": CHANNEL, "channel_name": "team", "user_id": user, "user_name": user,
        "command": command, "text": text, "api_app_id": "A0SKILL", "is_enterprise_install": "false",
        "response_url": response_url, "trigger_id": "trigger-bench"
    })
}

fn press_payload(user: &str, action_id: &str, response_url: &str) -> Value {
    json!({
        "type": "block_actions", "team": {"id": TEAM, "domain": "skillteam"},
        "user": {"id": user, "team_id": TEAM, "username": user},
        "api_app_id": "A0SKILL",
        "container": {"type": "message", "message_ts": "1764237600.000001", "channel_id": CHANNEL, "is_ephemeral": true},
        "trigger_id": "trigger-bench",
        "channel": {"id": CHANNEL, "name": "team"},
        "response_url": response_url,
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b",
            "text": {"type": "plain_text", "text": "x"}, "action_ts": "1764237601.1"}]
    })
}

/// Sends one envelope; the answer posted to its response URL, and the
/// time from sending to that answer.
async fn round_trip(
    fake: &FakeSlack,
    kind: &str,
    payload: impl FnOnce(&str) -> Value,
) -> (Value, Duration) {
    let (url, id) = fake.response_url();
    let answer = fake.answer_to(&id);
    let (sent, _ack) = fake.envelope_timed(kind, payload(&url)).await;
    let (arrived, body) = tokio::time::timeout(Duration::from_secs(20), answer)
        .await
        .expect("the bot never answered")
        .unwrap();
    (body, arrived.duration_since(sent))
}

async fn ask(bot: Bot, fake: &FakeSlack) -> Duration {
    let (command, text) = match bot {
        Bot::BarePing => ("/ping", ""),
        Bot::Skillbot => ("/skill", "serverless senior"),
    };
    let (body, took) = round_trip(fake, "slash_commands", |url| {
        command_payload(ANN, command, text, url)
    })
    .await;
    assert!(
        body["text"].as_str().is_some_and(|t| !t.is_empty()),
        "{body}"
    );
    took
}

async fn measure(bot: Bot) -> Figures {
    let fake = FakeSlack::start_quiet().await;
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut child = spawn(bot, &fake, dir.path());
    fake.wait_hello(1).await;
    let hello_ms = started.elapsed().as_secs_f64() * 1000.0;
    let rss_start_mb = side_by_side::rss_mb(child.id());

    for _ in 0..WARM_UP {
        ask(bot, &fake).await;
    }
    let mut latencies = Vec::with_capacity(SEQUENTIAL);
    for _ in 0..SEQUENTIAL {
        latencies.push(ask(bot, &fake).await);
    }
    let (p50_us, p90_us, p99_us) = {
        let pct = percentiles(&mut latencies);
        (pct(0.50), pct(0.90), pct(0.99))
    };
    let (press_p50_us, press_p99_us) = match bot {
        Bot::BarePing => (f64::NAN, f64::NAN),
        Bot::Skillbot => presses(&fake).await,
    };
    let rss_end_mb = side_by_side::rss_mb(child.id());
    let _ = child.kill();
    let _ = child.wait();
    Figures {
        bot,
        hello_ms,
        rss_start_mb,
        rss_end_mb,
        p50_us,
        p90_us,
        p99_us,
        press_p50_us,
        press_p99_us,
    }
}

fn percentiles(times: &mut [Duration]) -> impl Fn(f64) -> f64 + '_ {
    times.sort();
    move |p: f64| {
        times[((times.len() as f64 * p) as usize).min(times.len() - 1)].as_secs_f64() * 1e6
    }
}

/// The action id of the button whose action ends with `code` (`|yes`):
/// the step is in the id, so each press takes the button of the answer
/// before, as a member does.
fn button(body: &Value, code: &str) -> String {
    body["blocks"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|b| b["elements"].as_array().cloned().unwrap_or_default())
        .filter_map(|e| e["action_id"].as_str().map(str::to_string))
        .find(|id| id.ends_with(code))
        .unwrap_or_else(|| panic!("no button {code:?} in {body:#}"))
}

/// Median and p99 of /assess button presses that write: each dialog is
/// started by a command (not timed), then pressed through five levels, the
/// note's Skip and Save. A new member each time, so every dialog asks all
/// five levels.
async fn presses(fake: &FakeSlack) -> (f64, f64) {
    let mut times = Vec::with_capacity(DIALOGS * 7);
    for n in 0..DIALOGS {
        let user = format!("U1{n:06}");
        fake.add_user(&user, &format!("m{n}"), false);
        let (mut body, _) = round_trip(fake, "slash_commands", |url| {
            command_payload(&user, "/assess", "serverless role:\"Cloud Engineer\"", url)
        })
        .await;
        let codes = ["|yes", "|yes", "|yes", "|yes", "|yes", "|skipnote", "|save"];
        for code in codes {
            let id = button(&body, code);
            let (answer, took) =
                round_trip(fake, "interactive", |url| press_payload(&user, &id, url)).await;
            times.push(took);
            body = answer;
        }
        let text = body.to_string();
        assert!(text.contains("You are Principal"), "not saved: {text}");
    }
    let pct = percentiles(&mut times);
    (pct(0.50), pct(0.99))
}

fn report(rows: &[Figures]) {
    println!(
        "| bot | start → first hello | RSS after start | RSS after {} | median | p90 | p99 | press median | press p99 |",
        WARM_UP + SEQUENTIAL
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {:.1} ms | {:.1} MB | {:.1} MB | {:.0} µs | {:.0} µs | {:.0} µs | {:.0} µs | {:.0} µs |",
            match r.bot {
                Bot::BarePing => "bare slack-morphism /ping",
                Bot::Skillbot => "skillbot /skill",
            },
            r.hello_ms,
            r.rss_start_mb,
            r.rss_end_mb,
            r.p50_us,
            r.p90_us,
            r.p99_us,
            r.press_p50_us,
            r.press_p99_us,
        );
    }
    let mean = |bot: Bot, f: fn(&Figures) -> f64| {
        let v: Vec<f64> = rows.iter().filter(|r| r.bot == bot).map(f).collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    let ping = mean(Bot::BarePing, |r| r.p50_us);
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!();
    let ratio = mean(Bot::Skillbot, |r| r.p50_us) / ping;
    println!(
        "/skill median / bare /ping median: {ratio:.2}x (target <= 1.3x: {})",
        verdict(ratio <= 1.3)
    );
    let p99 = mean(Bot::Skillbot, |r| r.p99_us);
    println!(
        "/skill p99: {p99:.0} µs (target < 2000 µs: {})",
        verdict(p99 < 2000.0)
    );
    let press = mean(Bot::Skillbot, |r| r.press_p50_us);
    let press_ratio = press / ping;
    println!(
        "/assess button press (writes) median: {press:.0} µs, {press_ratio:.2}x the bare /ping (target <= 1.5x: {})",
        verdict(press_ratio <= 1.5)
    );
    let press_p99 = mean(Bot::Skillbot, |r| r.press_p99_us);
    println!(
        "/assess button press p99: {press_p99:.0} µs (target < 3000 µs: {})",
        verdict(press_p99 < 3000.0)
    );
    let hello = mean(Bot::Skillbot, |r| r.hello_ms);
    println!(
        "skillbot start → first hello: {hello:.1} ms (target < 50 ms: {})",
        verdict(hello < 50.0)
    );
    let rss = mean(Bot::Skillbot, |r| r.rss_start_mb);
    println!(
        "skillbot resident memory after start: {rss:.1} MB (target < 25 MB: {})",
        verdict(rss < 25.0)
    );
}
