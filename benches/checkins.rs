//! The weekly check-ins at scale (issue 11).
//!
//! Targets: finding who is due among 100,000 members < 50 ms; one pass that
//! sends 1,000 check-ins through the fake Discord while it answers 429 to
//! every tenth direct message: every member gets exactly one, and
//! interactive commands handled meanwhile keep their p99 < 5 ms.
//!
//! Run: `cargo bench --bench checkins` (prints the figures for
//! BENCHMARKS.md).

#[path = "../tests/integration/fake_discord/mod.rs"]
#[allow(dead_code)]
mod fake_discord;

use chrono::{DateTime, Duration as Days, TimeZone, Utc};
use fake_discord::payloads::{self, Who, level, text};
use fake_discord::{FakeDiscord, Fault, GUILD_ID};
use skillbot::app::{App, RandomIds, RetryPolicy, Settings};
use skillbot::clock::FixedClock;
use skillbot::config::{DiscordConfig, Secret};
use skillbot::frontends::discord::{DiscordNotifier, client};
use skillbot::matrix::Catalog;
use skillbot::store::{Db, Store};
use skillbot::team::Platform;
use std::path::Path;
use std::sync::Arc;
use std::time::{Duration, Instant};

const MEMBERS: usize = 100_000;
const DUE: usize = 1_000;
const SENT: usize = 1_000;

/// Monday 30 March 2026, 10:00 UTC: the default schedule's time.
fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 30, 10, 0, 0).unwrap()
}

fn matrix_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/matrix"))
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    finding_who_is_due(&runtime);
    runtime.block_on(sending_through_the_fake());
}

/// Members of one Discord workspace, made in one transaction: `planned`
/// of them with their next check-in at `due`, the rest a week later.
fn team(db: &Path, members: usize, planned: Option<(usize, DateTime<Utc>)>) {
    let mut store = Store::open(db).unwrap();
    let joined = monday() - Days::days(30);
    let ws = store
        .workspace(Platform::Discord, GUILD_ID, "Bench", joined)
        .unwrap();
    drop(store);
    let mut conn = rusqlite::Connection::open(db).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO members (workspace_id, external_id, display_name, role, created_at, next_prompt_at) \
                 VALUES (?1, ?2, ?3, 'Cloud Engineer', ?4, ?5)",
            )
            .unwrap();
        for i in 0..members {
            let next = planned
                .map(|(due, at)| if i < due { at } else { at + Days::days(7) }.timestamp_millis());
            insert
                .execute(rusqlite::params![
                    ws.0,
                    format!("{}", 200_000_000_000_000_000u64 + i as u64),
                    format!("member {i}"),
                    joined.timestamp_millis(),
                    next
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

fn app_on(db: &Path, notifier: Arc<dyn skillbot::app::Notifier>, backoff: Duration) -> App {
    App::new(
        Db::open(db).unwrap(),
        Catalog::load_dir(matrix_dir()).unwrap(),
        Settings {
            matrix_dir: matrix_dir().to_path_buf(),
            clock: Arc::new(FixedClock::new(monday())),
            ids: Arc::new(RandomIds),
            notifiers: skillbot::app::Notifiers::new().with(Platform::Discord, notifier),
            retry: RetryPolicy {
                backoff,
                ..RetryPolicy::default()
            },
        },
    )
}

fn percentile(sorted: &[Duration], p: f64) -> f64 {
    sorted[((sorted.len() as f64 * p) as usize).min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

fn finding_who_is_due(runtime: &tokio::runtime::Runtime) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("due.db");
    team(&db, MEMBERS, Some((DUE, monday())));
    let store = Store::open(&db).unwrap();
    let mut times = Vec::new();
    for _ in 0..200 {
        let t = Instant::now();
        let due = store.due_members(monday(), Platform::Discord, DUE).unwrap();
        times.push(t.elapsed());
        assert_eq!(due.len(), DUE);
    }
    times.sort();
    println!(
        "who is due among {MEMBERS} members ({DUE} due): median {:.2} ms, p99 {:.2} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );

    // A whole pass when nothing is due (the minute-by-minute case).
    let app = app_on(
        &db,
        Arc::new(skillbot::app::NoNotifier),
        Duration::from_millis(1),
    );
    let early = monday() - Days::hours(1);
    let mut times = Vec::new();
    for _ in 0..100 {
        let t = Instant::now();
        let events = runtime
            .block_on(app.run_due(early, &[Platform::Discord, Platform::Console]))
            .unwrap();
        times.push(t.elapsed());
        assert!(events.is_empty());
    }
    times.sort();
    println!(
        "a pass with nothing due among {MEMBERS} members: median {:.2} ms, p99 {:.2} ms",
        percentile(&times, 0.5),
        percentile(&times, 0.99)
    );

    // The first pass after 100,000 members joined: each one's next
    // check-in worked out.
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plan.db");
    team(&db, MEMBERS, None);
    let app = app_on(
        &db,
        Arc::new(skillbot::app::NoNotifier),
        Duration::from_millis(1),
    );
    let t = Instant::now();
    runtime
        .block_on(app.run_due(early, &[Platform::Discord]))
        .unwrap();
    println!(
        "planning {MEMBERS} new members' first check-in: {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
}

/// Interactive commands while nothing else runs, or while `busy` holds:
/// /skill (answered from memory) and /profile timezone: (a write),
/// alternately. Their latencies, sorted.
async fn interactive(fake: &FakeDiscord, until: impl Fn(usize) -> bool) -> Vec<Duration> {
    let mut times = Vec::new();
    let mut n = 0;
    while !until(n) {
        let who = Who::member(&format!("3{:017}", n % 50), &format!("u{}", n % 50));
        let interaction = if n % 2 == 0 {
            payloads::command(
                fake,
                &who,
                "skill",
                vec![text("skill", "serverless"), level("level", "Senior")],
            )
        } else {
            payloads::command(
                fake,
                &who,
                "profile",
                vec![text("timezone", "Europe/Berlin")],
            )
        };
        let t = Instant::now();
        fake.interact_quietly(interaction).await;
        times.push(t.elapsed());
        n += 1;
    }
    times.sort();
    times
}

async fn sending_through_the_fake() {
    let fake = Arc::new(FakeDiscord::start_quiet().await);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("send.db");
    team(&db, SENT, None);
    let config = DiscordConfig {
        token: Secret::new("bench.token.secret".into()),
        guild_id: Some(GUILD_ID.parse().unwrap()),
        api_base: Some(fake.base.clone()),
        matrix_dir: matrix_dir().to_path_buf(),
        database: db.clone(),
    };
    // Against a fake serenity's rate limiter is off; the notifier reads
    // the 429's retry_after itself.
    let notifier = Arc::new(DiscordNotifier::new(&config));
    let app = Arc::new(app_on(&db, notifier, Duration::from_millis(20)));
    let (mut bot, _running) = client(&config, Arc::clone(&app), false).await.unwrap();
    let shards = bot.shard_manager.clone();
    let task = tokio::spawn(async move {
        let _ = bot.start().await;
    });
    fake.wait_ready().await;
    // Warm up, then the interactive commands alone.
    interactive(&fake, |n| n >= 200).await;
    let quiet = interactive(&fake, |n| n >= 1000).await;

    fake.fail_every(10, Fault::rate_limited());
    let started = Instant::now();
    let pass = {
        let app = Arc::clone(&app);
        tokio::spawn(async move { app.run_due(monday(), &[Platform::Discord]).await })
    };
    let busy = interactive(&fake, |_| pass.is_finished()).await;
    let events = pass.await.unwrap().unwrap();
    let took = started.elapsed();

    let delivered = fake.dms_delivered();
    let sent = events.iter().filter(|e| e.result == "sent").count();
    assert_eq!(sent, SENT, "every check-in sent");
    assert_eq!(delivered.len(), SENT, "every member got one");
    assert!(delivered.values().all(|n| *n == 1), "and only one");
    println!(
        "one pass sending {SENT} check-ins, 429 to every tenth: {:.1} s, {} sent, each member exactly one",
        took.as_secs_f64(),
        sent
    );
    println!(
        "interactive commands alone: {} handled, median {:.2} ms, p99 {:.2} ms",
        quiet.len(),
        percentile(&quiet, 0.5),
        percentile(&quiet, 0.99)
    );
    println!(
        "interactive commands during the pass: {} handled, median {:.2} ms, p99 {:.2} ms",
        busy.len(),
        percentile(&busy, 0.5),
        percentile(&busy, 0.99)
    );
    shards.shutdown_all().await;
    task.abort();
}
