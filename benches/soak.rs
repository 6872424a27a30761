//! The soak (issue 13): the real skillbot binary under 30 minutes of mixed
//! load from the fake Discord, 8 flows at once: /skill 60%, autocomplete
//! 15%, whole /assess dialogs with the note form and Save 15%, /history
//! 10%, from 300 members in 3 servers. Every 30 s it samples the bot's
//! resident memory (anonymous and file-backed), its CPU time and the
//! latencies; at the end it checks that every confirmed save is stored,
//! then compares the bot's CPU time per /skill with a bare poise /ping bot
//! run in the same process tree.
//!
//! Targets: 0 errors; every confirmed save stored; resident memory < 25 MB
//! at the end, and < 0.5 MB of growth over the last 10 minutes; p99 at the
//! end within 1.2× of the first minutes; CPU per /skill within 1.3× of the
//! bare bot's CPU per /ping.
//!
//! Run: `SOAK_MINUTES=30 cargo bench --bench soak` (without SOAK_MINUTES
//! it does nothing, so a plain `cargo bench` stays short). It prints a
//! table for BENCHMARKS.md.

#[path = "../tests/integration/fake_discord/mod.rs"]
#[allow(dead_code)]
mod fake_discord;
#[path = "support/ping_bot.rs"]
mod ping_bot;

use fake_discord::payloads::{self, Who, button_id, level, text};
use fake_discord::{FakeDiscord, GUILD_ID};
use serde_json::{Value, json};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

const PING_MODE: &str = "SKILLBOT_SOAK_PING_BOT";
const TOKEN: &str = "soak.token.secret";
const FLOWS: usize = 8;
const MEMBERS: usize = 300;
const GUILDS: [&str; 3] = [GUILD_ID, "900000000000000103", "900000000000000203"];
const SAMPLE_EVERY: Duration = Duration::from_secs(30);
const CPU_RUNS: usize = 20_000;

fn main() {
    if std::env::var_os(PING_MODE).is_some() {
        ping_bot::run(TOKEN);
        return;
    }
    // Half an hour is too long for a plain `cargo bench`: the soak runs
    // when asked for by its length.
    let Some(minutes) = std::env::var("SOAK_MINUTES")
        .ok()
        .and_then(|m| m.parse::<u64>().ok())
        .filter(|m| *m > 0)
    else {
        println!("soak skipped: run it with SOAK_MINUTES=30 cargo bench --bench soak");
        return;
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(soak(Duration::from_secs(minutes * 60)));
}

fn member(n: usize) -> Who {
    Who::member(&format!("4000000000000{n:05}"), &format!("soak{n}"))
}

/// The interaction as it comes from the member's server.
fn in_guild(mut i: Value, n: usize) -> Value {
    i["guild_id"] = json!(GUILDS[n % GUILDS.len()]);
    i
}

/// What /proc says of a process: resident memory (all, anonymous,
/// file-backed) in MB, and CPU time in clock ticks.
struct Proc {
    rss: f64,
    anon: f64,
    file: f64,
    threads: f64,
    cpu_ticks: u64,
}

fn sample(pid: u32) -> Proc {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let kb = |key: &str| {
        status
            .lines()
            .find(|l| l.starts_with(key))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<f64>().ok())
            .map_or(f64::NAN, |kb| kb / 1024.0)
    };
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap_or_default();
    // Fields after the command name (which may hold spaces): utime is the
    // 14th field of the line, stime the 15th.
    let after = stat.rsplit_once(')').map_or("", |(_, rest)| rest);
    let fields: Vec<&str> = after.split_whitespace().collect();
    let tick = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    Proc {
        rss: kb("VmRSS:"),
        anon: kb("RssAnon:"),
        file: kb("RssFile:"),
        threads: status
            .lines()
            .find(|l| l.starts_with("Threads:"))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse().ok())
            .unwrap_or(f64::NAN),
        cpu_ticks: tick(11) + tick(12),
    }
}

fn spawn_skillbot(fake: &FakeDiscord, dir: &std::path::Path) -> Child {
    Command::new(env!("CARGO_BIN_EXE_skillbot"))
        .arg("--database")
        .arg(dir.join("soak.db"))
        .arg("--matrix-dir")
        .arg(concat!(env!("CARGO_MANIFEST_DIR"), "/data/matrix"))
        .arg("discord")
        .env("DISCORD_TOKEN", TOKEN)
        .env("DISCORD_API_BASE", &fake.base)
        .env("DISCORD_GUILD_ID", GUILD_ID)
        .env("SKILLBOT_LOG", "warn")
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

#[derive(Default)]
struct Tally {
    latencies: Mutex<Vec<Duration>>,
    interactions: AtomicUsize,
    errors: AtomicUsize,
    saves: AtomicUsize,
}

impl Tally {
    async fn ask(&self, fake: &FakeDiscord, i: Value) -> Value {
        let t = Instant::now();
        let r = fake.interact_capturing(i).await;
        self.latencies.lock().unwrap().push(t.elapsed());
        self.interactions.fetch_add(1, Ordering::Relaxed);
        if r.to_string().contains("something went wrong") {
            self.errors.fetch_add(1, Ordering::Relaxed);
        }
        r
    }
}

/// One whole /assess dialog: every "I do this", the note form, Save.
async fn dialog(fake: &FakeDiscord, tally: &Tally, n: usize) {
    let who = member(n);
    let mut r = tally
        .ask(
            fake,
            in_guild(
                payloads::command(
                    fake,
                    &who,
                    "assess",
                    vec![text("skill", "serverless"), text("role", "Cloud Engineer")],
                ),
                n,
            ),
        )
        .await;
    while has_button(&r, "I do this") {
        let id = button_id(&r, "I do this");
        r = tally
            .ask(fake, in_guild(payloads::button(fake, &who, &id), n))
            .await;
    }
    if !has_button(&r, "Add a note") {
        tally.errors.fetch_add(1, Ordering::Relaxed);
        return;
    }
    let form = tally
        .ask(
            fake,
            in_guild(
                payloads::button(fake, &who, &button_id(&r, "Add a note")),
                n,
            ),
        )
        .await;
    let modal = form["data"]["custom_id"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    let summary = tally
        .ask(
            fake,
            in_guild(
                payloads::modal_submit(
                    fake,
                    &who,
                    &modal,
                    &[("note", "Shipped the event pipeline on Lambda")],
                ),
                n,
            ),
        )
        .await;
    if !has_button(&summary, "Save") {
        tally.errors.fetch_add(1, Ordering::Relaxed);
        return;
    }
    let saved = tally
        .ask(
            fake,
            in_guild(
                payloads::button(fake, &who, &button_id(&summary, "Save")),
                n,
            ),
        )
        .await;
    if saved.to_string().contains("Saved") {
        tally.saves.fetch_add(1, Ordering::Relaxed);
    } else {
        tally.errors.fetch_add(1, Ordering::Relaxed);
    }
}

fn has_button(callback: &Value, label: &str) -> bool {
    callback["data"]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
        .any(|c| c["label"] == label)
}

async fn flow(fake: Arc<FakeDiscord>, tally: Arc<Tally>, stop: Arc<AtomicBool>, seed: u64) {
    let mut rng = fastrand::Rng::with_seed(seed);
    // Each flow is a few members of its own, as one person does one thing
    // at a time: two flows as the same member would step on each other's
    // dialogs, which the bot rightly refuses.
    let flow = seed as usize % FLOWS;
    while !stop.load(Ordering::Relaxed) {
        let n = rng.usize(0..MEMBERS / FLOWS) * FLOWS + flow;
        let who = member(n);
        match rng.u8(0..100) {
            0..60 => {
                tally
                    .ask(
                        &fake,
                        in_guild(
                            payloads::command(
                                &fake,
                                &who,
                                "skill",
                                vec![text("skill", "serverless"), level("level", "Senior")],
                            ),
                            n,
                        ),
                    )
                    .await;
            }
            60..75 => {
                tally
                    .ask(
                        &fake,
                        in_guild(
                            payloads::autocomplete(&fake, &who, "skill", "skill", "serv"),
                            n,
                        ),
                    )
                    .await;
            }
            75..90 => dialog(&fake, &tally, n).await,
            _ => {
                tally
                    .ask(
                        &fake,
                        in_guild(payloads::command(&fake, &who, "history", vec![]), n),
                    )
                    .await;
            }
        }
    }
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

/// CPU ticks the bot spends on `runs` interactions made by `make`, one at
/// a time, per interaction, in ms.
async fn cpu_per_interaction(fake: &FakeDiscord, pid: u32, make: impl Fn(usize) -> Value) -> f64 {
    for i in 0..200 {
        fake.interact_quietly(make(i)).await;
    }
    let before = sample(pid).cpu_ticks;
    for i in 0..CPU_RUNS {
        fake.interact_quietly(make(i)).await;
    }
    let ticks = sample(pid).cpu_ticks - before;
    // Clock ticks are 1/100 s on Linux.
    ticks as f64 * 10.0 / CPU_RUNS as f64
}

async fn soak(length: Duration) {
    let fake = Arc::new(FakeDiscord::start_quiet().await);
    let dir = tempfile::tempdir().unwrap();
    let mut bot = spawn_skillbot(&fake, dir.path());
    fake.wait_ready().await;
    let pid = bot.id();
    // Every member sets their role first.
    for n in 0..MEMBERS {
        fake.interact_quietly(in_guild(
            payloads::command(&fake, &member(n), "profile", vec![text("role", "ce")]),
            n,
        ))
        .await;
    }
    let tally = Arc::new(Tally::default());
    let stop = Arc::new(AtomicBool::new(false));
    let flows: Vec<_> = (0..FLOWS)
        .map(|i| {
            tokio::spawn(flow(
                Arc::clone(&fake),
                Arc::clone(&tally),
                Arc::clone(&stop),
                i as u64,
            ))
        })
        .collect();
    println!(
        "| minute | RSS MB | anon MB | file MB | threads | interactions | p50 ms | p99 ms | bot CPU ms / interaction |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let started = Instant::now();
    let mut rows: Vec<(f64, f64, f64, f64)> = Vec::new();
    let (mut last_ticks, mut last_count) = (sample(pid).cpu_ticks, 0);
    while started.elapsed() < length {
        tokio::time::sleep(SAMPLE_EVERY).await;
        let mut window: Vec<Duration> = std::mem::take(&mut *tally.latencies.lock().unwrap());
        window.sort();
        let p = sample(pid);
        let count = tally.interactions.load(Ordering::Relaxed);
        let cpu = (p.cpu_ticks - last_ticks) as f64 * 10.0 / (count - last_count).max(1) as f64;
        (last_ticks, last_count) = (p.cpu_ticks, count);
        let minute = started.elapsed().as_secs_f64() / 60.0;
        let (p50, p99) = (percentile(&window, 0.5), percentile(&window, 0.99));
        println!(
            "| {minute:.1} | {:.1} | {:.1} | {:.1} | {} | {count} | {p50:.2} | {p99:.2} | {cpu:.3} |",
            p.rss, p.anon, p.file, p.threads
        );
        rows.push((minute, p.rss, p99, cpu));
    }
    stop.store(true, Ordering::Relaxed);
    for f in flows {
        f.await.unwrap();
    }
    let errors = tally.errors.load(Ordering::Relaxed);
    let saves = tally.saves.load(Ordering::Relaxed);
    let stored: i64 = rusqlite::Connection::open(dir.path().join("soak.db"))
        .unwrap()
        .query_row("SELECT count(*) FROM assessments", [], |r| r.get(0))
        .unwrap();
    // The bare bot on a fake of its own, measured the same way, in turns
    // with skillbot so that drift on a shared machine hits both.
    let ping_fake = FakeDiscord::start_quiet().await;
    let mut ping = Command::new(std::env::current_exe().unwrap())
        .env(PING_MODE, "1")
        .env("DISCORD_API_BASE", &ping_fake.base)
        .env("DISCORD_GUILD_ID", GUILD_ID)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    ping_fake.wait_ready().await;
    let who = member(0);
    let (mut skill_runs, mut ping_runs) = (Vec::new(), Vec::new());
    for _ in 0..3 {
        skill_runs.push(
            cpu_per_interaction(&fake, pid, |i| {
                in_guild(
                    payloads::command(
                        &fake,
                        &member(i % MEMBERS),
                        "skill",
                        vec![text("skill", "serverless"), level("level", "Senior")],
                    ),
                    i,
                )
            })
            .await,
        );
        ping_runs.push(
            cpu_per_interaction(&ping_fake, ping.id(), |_| {
                payloads::command(&ping_fake, &who, "ping", vec![])
            })
            .await,
        );
    }
    let _ = ping.kill();
    let _ = ping.wait();
    let median = |mut v: Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (skill_cpu, ping_cpu) = (median(skill_runs), median(ping_runs));
    let term = Command::new("kill")
        .args(["-s", "TERM", &pid.to_string()])
        .status()
        .unwrap();
    assert!(term.success());
    let exit = bot.wait().unwrap();

    let end = rows
        .last()
        .copied()
        .unwrap_or((0.0, f64::NAN, f64::NAN, f64::NAN));
    let ten_before = rows
        .iter()
        .rev()
        .find(|r| r.0 <= end.0 - 10.0)
        .copied()
        .unwrap_or(rows[0]);
    let first: Vec<f64> = rows.iter().take(4).map(|r| r.2).collect();
    let first_p99 = first.iter().sum::<f64>() / first.len().max(1) as f64;
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    println!();
    println!(
        "{} interactions, {errors} errors ({}); {saves} saves confirmed, {stored} stored ({})",
        tally.interactions.load(Ordering::Relaxed),
        verdict(errors == 0),
        verdict(stored as usize >= saves)
    );
    println!(
        "resident memory at the end: {:.1} MB (target < 25 MB: {})",
        end.1,
        verdict(end.1 < 25.0)
    );
    println!(
        "growth over the last 10 minutes: {:.2} MB (from {:.1} min; target < 0.5 MB: {})",
        end.1 - ten_before.1,
        ten_before.0,
        verdict(end.1 - ten_before.1 < 0.5)
    );
    println!(
        "p99 at the end {:.2} ms vs the first two minutes {first_p99:.2} ms: {:.2}× (target <= 1.2×: {})",
        end.2,
        end.2 / first_p99,
        verdict(end.2 <= 1.2 * first_p99)
    );
    println!(
        "bot CPU per /skill {skill_cpu:.3} ms vs bare /ping {ping_cpu:.3} ms: {:.2}× (target <= 1.3×: {})",
        skill_cpu / ping_cpu,
        verdict(skill_cpu <= 1.3 * ping_cpu)
    );
    println!("SIGTERM at the end: exit status {:?}", exit.code());
}
