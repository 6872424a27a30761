//! A check-in pass under strain (issue 17): the database's log during a
//! pass of 10,000 members, and how long a pass takes when Discord fails
//! every message or asks to wait on every one.
//!
//! Targets: peak WAL during `checkin run-due` over 10,000 members < 32 MB,
//! and no WAL left after it; a pass through an outage or a repeated
//! retry_after ends in seconds, not hours.
//!
//! Run: `cargo bench --bench checkin_pass` (prints the figures for
//! BENCHMARKS.md).

#[path = "../tests/integration/fake_discord/mod.rs"]
#[allow(dead_code)]
mod fake_discord;

use chrono::{DateTime, Duration as Days, TimeZone, Utc};
use clap::Parser;
use fake_discord::{FakeDiscord, Fault, GUILD_ID};
use serde_json::json;
use skillbot::app::{App, PassOptions, RandomIds, RetryPolicy, Settings};
use skillbot::clock::FixedClock;
use skillbot::config::{DiscordConfig, Secret};
use skillbot::frontends::discord::DiscordNotifier;
use skillbot::matrix::Catalog;
use skillbot::store::{Db, Store};
use skillbot::team::Platform;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::{Duration, Instant};

/// Monday 30 March 2026, 10:00 UTC: the default schedule's time.
fn monday() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 3, 30, 10, 0, 0).unwrap()
}

fn matrix_dir() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/matrix"))
}

fn main() {
    wal_during_a_pass(10_000);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(a_pass_through_trouble());
}

/// Members of one workspace with a role, all due at `monday()`.
fn team(db: &Path, platform: Platform, external: &str, members: usize) {
    let mut store = Store::open(db).unwrap();
    let joined = monday() - Days::days(30);
    let ws = store
        .workspace(platform, external, "Bench", joined)
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
            insert
                .execute(rusqlite::params![
                    ws.0,
                    format!("{}", 200_000_000_000_000_000u64 + i as u64),
                    format!("member {i}"),
                    joined.timestamp_millis(),
                    monday().timestamp_millis()
                ])
                .unwrap();
        }
    }
    tx.commit().unwrap();
}

/// `skillbot checkin run-due` as cron runs it (the command line's own
/// code, in this process), with the WAL's size read every millisecond.
fn wal_during_a_pass(members: usize) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pass.db");
    team(&db, Platform::Console, "bench", members);
    let wal = dir.path().join("pass.db-wal");
    let (done, peak) = (
        Arc::new(AtomicBool::new(false)),
        Arc::new(AtomicU64::new(0)),
    );
    let sampler = {
        let (done, peak, wal) = (Arc::clone(&done), Arc::clone(&peak), wal.clone());
        std::thread::spawn(move || {
            while !done.load(Ordering::Relaxed) {
                let size = std::fs::metadata(&wal).map_or(0, |m| m.len());
                peak.fetch_max(size, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(1));
            }
        })
    };
    let cli = skillbot::cli::Cli::parse_from([
        "skillbot".into(),
        "--database".into(),
        db.display().to_string(),
        "--matrix-dir".into(),
        matrix_dir().display().to_string(),
        "--now".into(),
        monday().to_rfc3339(),
        "checkin".into(),
        "run-due".into(),
        "--json".into(),
        "--force".into(),
    ]);
    let started = Instant::now();
    let mut out = Vec::new();
    skillbot::cli::run(cli, &mut out).unwrap();
    let took = started.elapsed();
    done.store(true, Ordering::Relaxed);
    sampler.join().unwrap();
    let lines = out.iter().filter(|b| **b == b'\n').count();
    assert_eq!(lines, members, "one check-in each");
    let left = std::fs::metadata(&wal).map_or(0, |m| m.len());
    let db_size = std::fs::metadata(&db).unwrap().len();
    println!(
        "checkin run-due over {members} console members: {:.1} s; peak WAL {:.1} MB (database {:.1} MB); WAL after the pass {left} bytes",
        took.as_secs_f64(),
        peak.load(Ordering::Relaxed) as f64 / 1e6,
        db_size as f64 / 1e6
    );
}

fn discord_app(fake: &FakeDiscord, db: &Path) -> App {
    let config = DiscordConfig {
        token: Secret::new("bench.token.secret".into()),
        guild_id: Some(GUILD_ID.parse().unwrap()),
        api_base: Some(fake.base.clone()),
        matrix_dir: matrix_dir().to_path_buf(),
        database: db.to_path_buf(),
    };
    App::new(
        Db::open(db).unwrap(),
        Catalog::load_dir(matrix_dir()).unwrap(),
        Settings {
            matrix_dir: matrix_dir().to_path_buf(),
            clock: Arc::new(FixedClock::new(monday())),
            ids: Arc::new(RandomIds),
            notifiers: skillbot::app::Notifiers::new()
                .with(Platform::Discord, Arc::new(DiscordNotifier::new(&config))),
            // The bot's own policy: 3 attempts, 2 s and 4 s between them.
            retry: RetryPolicy::default(),
        },
    )
}

/// A pass of `members` Discord members while the fake answers every
/// direct message with `fault`: how long it took and how it ended.
async fn pass_with_every_dm(members: usize, fault: Fault, what: &str) {
    let fake = FakeDiscord::start_quiet().await;
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("trouble.db");
    team(&db, Platform::Discord, GUILD_ID, members);
    let app = discord_app(&fake, &db);
    fake.fail_every(1, fault);
    let started = Instant::now();
    let handled = std::sync::atomic::AtomicUsize::new(0);
    let report = |_: &skillbot::app::PassEvent| {
        handled.fetch_add(1, Ordering::Relaxed);
    };
    let summary = app
        .run_pass(
            monday(),
            &[Platform::Discord],
            &PassOptions::default(),
            &report,
        )
        .await
        .unwrap();
    println!(
        "a pass of {members} members, {what}: {:.1} s, {} handled, ended {:?}",
        started.elapsed().as_secs_f64(),
        summary.handled,
        summary.end
    );
}

async fn a_pass_through_trouble() {
    pass_with_every_dm(
        1_000,
        Fault {
            status: 500,
            body: json!({"message": "500: Internal Server Error", "code": 0}),
            ..Fault::rate_limited()
        },
        "every DM answered 500",
    )
    .await;
    pass_with_every_dm(
        6,
        Fault {
            body: json!({"message": "You are being rate limited.", "retry_after": 30.0, "global": false}),
            ..Fault::rate_limited()
        },
        "every DM answered 429 with retry_after 30",
    )
    .await;
}
