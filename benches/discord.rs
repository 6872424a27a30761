//! skillbot's Discord front end against the local fake Discord, always
//! beside a bare poise bot answering /ping on the same fake in the same run
//! (issue 5). Both bots run as their own processes; the fake runs here.
//!
//! Targets: /skill median within 1.3x of the bare /ping and p99 < 2 ms;
//! throughput with 8 in flight >= 0.8x the bare bot's; start to commands
//! registered < 50 ms; resident memory after start < 20 MB.
//!
//! Run: `cargo bench --bench discord` (prints a table for BENCHMARKS.md).

#[path = "../tests/integration/fake_discord/mod.rs"]
#[allow(dead_code)]
mod fake_discord;
#[path = "support/ping_bot.rs"]
mod ping_bot;
#[path = "support/side_by_side.rs"]
mod side_by_side;

use fake_discord::payloads::{self, Who, button_id, level, text};
use fake_discord::{FakeDiscord, GUILD_ID};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Instant;

const PING_MODE: &str = "SKILLBOT_BENCH_PING_BOT";
const TOKEN: &str = "bench.token.secret";
const SEQUENTIAL: usize = 2000;
const CONCURRENT: usize = 4000;
const IN_FLIGHT: usize = 8;
/// Dialogs of seven presses each, every press a write.
const DIALOGS: usize = 300;

fn main() {
    if std::env::var_os(PING_MODE).is_some() {
        ping_bot::run(TOKEN);
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
    start_ms: f64,
    rss_start_mb: f64,
    rss_end_mb: f64,
    p50_us: f64,
    p90_us: f64,
    p99_us: f64,
    per_second: f64,
    /// skillbot only: an /assess button press that writes.
    press_p50_us: f64,
    press_p99_us: f64,
}

fn spawn(bot: Bot, fake: &FakeDiscord, dir: &std::path::Path) -> Child {
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
            c.arg("discord");
            c
        }
    };
    cmd.env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_API_BASE", &fake.base)
        .env("DISCORD_GUILD_ID", GUILD_ID)
        .env("SKILLBOT_LOG", "warn")
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

fn interaction(bot: Bot, fake: &FakeDiscord, who: &Who) -> serde_json::Value {
    match bot {
        Bot::BarePing => payloads::command(fake, who, "ping", vec![]),
        Bot::Skillbot => payloads::command(
            fake,
            who,
            "skill",
            vec![text("skill", "serverless"), level("level", "Senior")],
        ),
    }
}

async fn measure(bot: Bot) -> Figures {
    let fake = Arc::new(FakeDiscord::start_quiet().await);
    let dir = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let mut child = spawn(bot, &fake, dir.path());
    fake.wait_ready().await;
    let start_ms = started.elapsed().as_secs_f64() * 1000.0;
    let rss_start_mb = side_by_side::rss_mb(child.id());
    let who = Who::member("100000000000000001", "ann");

    for _ in 0..200 {
        fake.interact_quietly(interaction(bot, &fake, &who)).await;
    }
    let mut latencies = Vec::with_capacity(SEQUENTIAL);
    for _ in 0..SEQUENTIAL {
        let i = interaction(bot, &fake, &who);
        let t = Instant::now();
        fake.interact_quietly(i).await;
        latencies.push(t.elapsed());
    }
    latencies.sort();
    let pct = |p: f64| {
        latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)].as_secs_f64()
            * 1e6
    };

    let t = Instant::now();
    let mut tasks = Vec::new();
    for _ in 0..IN_FLIGHT {
        let fake = Arc::clone(&fake);
        let who = who.clone();
        tasks.push(tokio::spawn(async move {
            for _ in 0..CONCURRENT / IN_FLIGHT {
                let i = interaction(bot, &fake, &who);
                fake.interact_quietly(i).await;
            }
        }));
    }
    for task in tasks {
        task.await.unwrap();
    }
    let per_second = CONCURRENT as f64 / t.elapsed().as_secs_f64();
    let (press_p50_us, press_p99_us) = match bot {
        Bot::BarePing => (f64::NAN, f64::NAN),
        Bot::Skillbot => presses(&fake).await,
    };
    let rss_end_mb = side_by_side::rss_mb(child.id());
    let _ = child.kill();
    let _ = child.wait();
    Figures {
        bot,
        start_ms,
        rss_start_mb,
        rss_end_mb,
        p50_us: pct(0.50),
        p90_us: pct(0.90),
        p99_us: pct(0.99),
        per_second,
        press_p50_us,
        press_p99_us,
    }
}

/// Median and p99 of /assess button presses that write: each dialog is
/// started by a command (not timed), then pressed through five levels, the
/// note's Skip and Save. A new member each time, so every dialog asks all
/// five levels.
async fn presses(fake: &FakeDiscord) -> (f64, f64) {
    let mut times = Vec::with_capacity(DIALOGS * 7);
    for n in 0..DIALOGS {
        let who = Who::member(&format!("3{n:017}"), &format!("m{n}"));
        let started = fake
            .interact_capturing(payloads::command(
                fake,
                &who,
                "assess",
                vec![text("skill", "serverless"), text("role", "Cloud Engineer")],
            ))
            .await;
        let yes = button_id(&started, "I do this");
        let dialog = yes.trim_end_matches("|yes").to_string();
        let mut ids = vec![yes; 5];
        ids.push(format!("{dialog}|skipnote"));
        ids.push(format!("{dialog}|save"));
        for id in ids {
            let press = payloads::button(fake, &who, &id);
            let t = Instant::now();
            fake.interact_quietly(press).await;
            times.push(t.elapsed());
        }
    }
    times.sort();
    let pct = |p: f64| {
        times[((times.len() as f64 * p) as usize).min(times.len() - 1)].as_secs_f64() * 1e6
    };
    (pct(0.50), pct(0.99))
}

fn report(rows: &[Figures]) {
    println!(
        "| bot | start → commands registered | RSS after start | RSS after {} | median | p90 | p99 | {IN_FLIGHT} in flight |",
        SEQUENTIAL + CONCURRENT + 200
    );
    println!("|---|---|---|---|---|---|---|---|");
    for r in rows {
        println!(
            "| {} | {:.1} ms | {:.1} MB | {:.1} MB | {:.0} µs | {:.0} µs | {:.0} µs | {:.0}/s |",
            match r.bot {
                Bot::BarePing => "bare poise /ping",
                Bot::Skillbot => "skillbot /skill",
            },
            r.start_ms,
            r.rss_start_mb,
            r.rss_end_mb,
            r.p50_us,
            r.p90_us,
            r.p99_us,
            r.per_second
        );
    }
    let mean = |bot: Bot, f: fn(&Figures) -> f64| {
        let v: Vec<f64> = rows.iter().filter(|r| r.bot == bot).map(f).collect();
        v.iter().sum::<f64>() / v.len() as f64
    };
    let median_ratio = mean(Bot::Skillbot, |r| r.p50_us) / mean(Bot::BarePing, |r| r.p50_us);
    let throughput_ratio =
        mean(Bot::Skillbot, |r| r.per_second) / mean(Bot::BarePing, |r| r.per_second);
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!();
    println!(
        "/skill median / bare /ping median: {median_ratio:.2}x (target <= 1.3x: {})",
        verdict(median_ratio <= 1.3)
    );
    let p99 = mean(Bot::Skillbot, |r| r.p99_us);
    println!(
        "/skill p99: {p99:.0} µs (target < 2000 µs: {})",
        verdict(p99 < 2000.0)
    );
    println!(
        "throughput, {IN_FLIGHT} in flight: {throughput_ratio:.2}x the bare bot's (target >= 0.8x: {})",
        verdict(throughput_ratio >= 0.8)
    );
    let press_ratio = mean(Bot::Skillbot, |r| r.press_p50_us) / mean(Bot::BarePing, |r| r.p50_us);
    println!(
        "/assess button press (writes) median: {:.0} µs, {press_ratio:.2}x the bare /ping (target <= 1.5x: {})",
        mean(Bot::Skillbot, |r| r.press_p50_us),
        verdict(press_ratio <= 1.5)
    );
    let press_p99 = mean(Bot::Skillbot, |r| r.press_p99_us);
    println!(
        "/assess button press p99: {press_p99:.0} µs (target < 3000 µs: {})",
        verdict(press_p99 < 3000.0)
    );
    let start = mean(Bot::Skillbot, |r| r.start_ms);
    println!(
        "skillbot start → commands registered: {start:.1} ms (target < 50 ms: {})",
        verdict(start < 50.0)
    );
    let rss = mean(Bot::Skillbot, |r| r.rss_start_mb);
    println!(
        "skillbot resident memory after start: {rss:.1} MB (target < 20 MB: {})",
        verdict(rss < 20.0)
    );
}
