//! Reads and button presses never wait for slow work (issue 9): while a
//! lead's `/matrix reload` of 200 skill files runs in a loop, `/skill` keeps
//! its p99 < 2 ms and an `/assess` button press (which writes) its p99
//! < 5 ms. Both are measured first without the reloads, for comparison.
//!
//! Run: `cargo bench --bench app_under_reload` (prints a table for
//! BENCHMARKS.md). A bench binary, not criterion: it measures percentiles
//! under concurrent load.

use chrono::{TimeZone, Utc};
use skillbot::app::{Action, App, NoNotifier, RandomIds, Reply, Request, RetryPolicy, Settings};
use skillbot::clock::FixedClock;
use skillbot::frontends::console::{actor, parse_command};
use skillbot::matrix::{Catalog, synthetic, to_toml};
use skillbot::store::Db;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

const SKILL_REQUESTS: usize = 5_000;
const DIALOGS: usize = 400;

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let matrix = dir.path().join("matrix");
    std::fs::create_dir(&matrix).unwrap();
    std::fs::copy(
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/matrix/serverless-functions.toml"
        ),
        matrix.join("serverless-functions.toml"),
    )
    .unwrap();
    for n in 0..200 {
        let skill = synthetic::skill(n, 10);
        std::fs::write(
            matrix.join(format!("{}.toml", skill.slug())),
            to_toml(&skill),
        )
        .unwrap();
    }
    let app = Arc::new(App::new(
        Db::open(&dir.path().join("bench.db")).unwrap(),
        Catalog::load_dir(&matrix).unwrap(),
        Settings {
            matrix_dir: matrix.clone(),
            clock: Arc::new(FixedClock::new(
                Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap(),
            )),
            ids: Arc::new(RandomIds),
            notifiers: skillbot::app::Notifiers::new()
                .with(skillbot::team::Platform::Discord, Arc::new(NoNotifier)),
            retry: RetryPolicy::default(),
        },
    ));
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        let quiet = measure(&app).await;
        let reloading = Arc::new(AtomicBool::new(true));
        let reloads = Arc::new(AtomicUsize::new(0));
        let looper = tokio::spawn({
            let (app, reloading, reloads) = (app.clone(), reloading.clone(), reloads.clone());
            async move {
                let lead = Request {
                    actor: actor("bench", "lee", true),
                    action: parse_command("matrix reload").unwrap(),
                };
                while reloading.load(Ordering::Relaxed) {
                    let reply = app.handle(&lead).await;
                    assert!(reply.text.starts_with("Reloaded"), "{}", reply.text);
                    reloads.fetch_add(1, Ordering::Relaxed);
                }
            }
        });
        let started = Instant::now();
        let busy = measure(&app).await;
        let elapsed = started.elapsed();
        reloading.store(false, Ordering::Relaxed);
        looper.await.unwrap();
        let reloads = reloads.load(Ordering::Relaxed);
        println!("| while | /skill median | /skill p99 | button median | button p99 |");
        println!("|---|---|---|---|---|");
        for (label, f) in [
            ("nothing else runs", &quiet),
            ("`/matrix reload` of 200 files loops", &busy),
        ] {
            println!(
                "| {label} | {} | {} | {} | {} |",
                us(f.skill[f.skill.len() / 2]),
                us(p99(&f.skill)),
                us(f.press[f.press.len() / 2]),
                us(p99(&f.press)),
            );
        }
        println!(
            "\n{reloads} reloads ran during the {:.1} s measured ({:.1} ms each).",
            elapsed.as_secs_f64(),
            elapsed.as_secs_f64() * 1000.0 / reloads.max(1) as f64
        );
    });
}

struct Figures {
    skill: Vec<Duration>,
    press: Vec<Duration>,
}

async fn measure(app: &App) -> Figures {
    let ann = actor("bench", "ann", false);
    let skill = Request {
        actor: ann.clone(),
        action: parse_command("skill serverless senior role:ce").unwrap(),
    };
    let mut skill_times = Vec::with_capacity(SKILL_REQUESTS);
    for _ in 0..SKILL_REQUESTS {
        let t = Instant::now();
        let reply = app.handle(&skill).await;
        skill_times.push(t.elapsed());
        assert!(reply.title.is_some(), "{}", reply.text);
    }
    let mut press_times = Vec::new();
    for n in 0..DIALOGS {
        let mut request = Request {
            actor: actor("bench", &format!("m{n}-{}", rand_suffix()), false),
            action: parse_command("assess serverless role:ce").unwrap(),
        };
        let mut reply = app.handle(&request).await;
        for label in ["I do this", "I do this", "Not yet", "Skip", "Save"] {
            let t = Instant::now();
            reply = press(app, &mut request, &reply, label).await;
            press_times.push(t.elapsed());
        }
        assert!(reply.text.starts_with("Saved"), "{}", reply.text);
    }
    skill_times.sort();
    press_times.sort();
    Figures {
        skill: skill_times,
        press: press_times,
    }
}

async fn press(app: &App, request: &mut Request, reply: &Reply, label: &str) -> Reply {
    let id = reply
        .buttons
        .iter()
        .find(|b| b.label == label)
        .unwrap_or_else(|| panic!("no {label} in {}", reply.text))
        .id
        .clone();
    request.action = Action::Button { id };
    app.handle(request).await
}

/// Distinct members in each run, so every dialog starts at the first level.
fn rand_suffix() -> u128 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos()
}

fn p99(sorted: &[Duration]) -> Duration {
    sorted[(sorted.len() * 99 / 100).min(sorted.len() - 1)]
}

fn us(d: Duration) -> String {
    if d >= Duration::from_millis(1) {
        format!("{:.2} ms", d.as_secs_f64() * 1000.0)
    } else {
        format!("{} µs", d.as_micros())
    }
}
