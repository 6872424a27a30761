//! The team reports at scale (issue 12), on a file database filled by the
//! demo generator with a synthetic matrix of 20 skills.
//!
//! Targets: gap report for 5,000 members × 20 skills < 150 ms; summary
//! < 50 ms; heatmap PNG of 200 members × 20 skills < 300 ms; while
//! heatmaps render, /skill and button presses keep p99 < 5 ms. The trend
//! of one skill over a year and its chart are measured beside them.
//!
//! Run: `cargo bench --bench reports` (prints the figures for
//! BENCHMARKS.md).

use chrono::{TimeZone, Utc};
use skillbot::app::reports::{read_team, trend_of};
use skillbot::app::{Action, App, CountingIds, NoNotifier, Reply, Request, RetryPolicy, Settings};
use skillbot::clock::FixedClock;
use skillbot::frontends::console::{actor, parse_command};
use skillbot::matrix::{Catalog, synthetic};
use skillbot::report::{self, Filter, chart};
use skillbot::store::{Db, Store};
use skillbot::team::{Platform, WorkspaceId};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

const SKILLS: usize = 20;

fn now() -> chrono::DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
}

fn catalog() -> Catalog {
    Catalog::new((1..=SKILLS).map(|n| synthetic::skill(n, 4)).collect()).unwrap()
}

/// Median and p99 of `runs` timings of `f`, in milliseconds.
fn time(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut t: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    t.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (ms(t[runs / 2]), ms(t[(runs * 99 / 100).min(runs - 1)]))
}

fn percentiles(mut t: Vec<Duration>) -> (usize, f64, f64) {
    t.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    (
        t.len(),
        ms(t[t.len() / 2]),
        ms(t[(t.len() * 99 / 100).min(t.len() - 1)]),
    )
}

fn main() {
    let catalog = catalog();
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("reports.db");
    let mut store = Store::open(&db).unwrap();
    let started = Instant::now();
    let big = skillbot::demo::seed(&mut store, &catalog, "big", 5_000, now()).unwrap();
    let small = skillbot::demo::seed(&mut store, &catalog, "small", 200, now()).unwrap();
    println!(
        "seeded {} members ({} ratings) and {} members in {:.1} s",
        big.members,
        big.ratings,
        small.members,
        started.elapsed().as_secs_f64()
    );
    let ws = |name: &str| -> WorkspaceId {
        store
            .find_workspace(Platform::Console, name)
            .unwrap()
            .unwrap()
    };
    let (big_ws, small_ws) = (ws("big"), ws("small"));

    let (read_p50, _) = time(20, || {
        read_team(&store, big_ws).unwrap();
    });
    println!("read the team of 5,000 members × 20 skills: median {read_p50:.1} ms");
    let (p50, p99) = time(20, || {
        let rows = read_team(&store, big_ws).unwrap();
        let team = rows.team(&catalog, now());
        let gaps = report::gaps(&team, &Filter::default());
        assert!(!gaps.is_empty());
    });
    println!(
        "gap report, 5,000 members × 20 skills, read included: median {p50:.1} ms, p99 {p99:.1} ms (target < 150 ms)"
    );
    let (p50, p99) = time(20, || {
        let rows = read_team(&store, big_ws).unwrap();
        let team = rows.team(&catalog, now());
        let summary = report::summary(&team, &Filter::default());
        assert!(!summary.is_empty());
    });
    println!(
        "summary, 5,000 members × 20 skills, read included: median {p50:.1} ms, p99 {p99:.1} ms (target < 50 ms)"
    );
    let rows = read_team(&store, big_ws).unwrap();
    let team = rows.team(&catalog, now());
    let (p50, p99) = time(20, || {
        report::summary(&team, &Filter::default());
    });
    println!("summary alone, from rows already read: median {p50:.1} ms, p99 {p99:.1} ms");
    let (p50, p99) = time(20, || {
        report::gaps(&team, &Filter::default());
    });
    println!("gap report alone, from rows already read: median {p50:.1} ms, p99 {p99:.1} ms");
    drop(team);

    // A year of one skill on the big team, as `/team trend <skill> 52`.
    let rows = read_team(&store, big_ws).unwrap();
    let skill = &catalog.skills()[0];
    let (p50, p99) = time(20, || {
        let ratings = store.skill_ratings(big_ws, skill.slug(), now()).unwrap();
        let t = trend_of(skill, &rows.people, &ratings, now(), 52);
        assert_eq!(t.weekly.len(), 53);
    });
    println!(
        "trend, 5,000 members, one skill over 52 weeks, read included: median {p50:.1} ms, p99 {p99:.1} ms"
    );
    let ratings = store.skill_ratings(big_ws, skill.slug(), now()).unwrap();
    let t = trend_of(skill, &rows.people, &ratings, now(), 52);
    let (p50, p99) = time(20, || {
        let png = chart::trend(skillbot::i18n::Locale::EnUs, skill.name(), &t).unwrap();
        assert!(png.len() > 1000);
    });
    println!(
        "trend PNG, 52 weeks: median {p50:.1} ms, p99 {p99:.1} ms (target < 300 ms, as the heatmap's)"
    );
    drop(rows);

    let rows = read_team(&store, small_ws).unwrap();
    let team = rows.team(&catalog, now());
    let (p50, p99) = time(20, || {
        let png = chart::heatmap(skillbot::i18n::Locale::EnUs, &team, &Filter::default()).unwrap();
        assert!(png.len() > 1000);
    });
    println!(
        "heatmap PNG, 200 members × 20 skills: median {p50:.1} ms, p99 {p99:.1} ms (target < 300 ms)"
    );
    drop(team);
    drop(store);

    interactive_while_drawing(&db, catalog);
}

fn app_on(db: &std::path::Path, catalog: Catalog) -> App {
    App::new(
        Db::open(db).unwrap(),
        catalog,
        Settings {
            matrix_dir: std::path::PathBuf::from("unused"),
            clock: Arc::new(FixedClock::new(now())),
            ids: Arc::new(CountingIds::default()),
            notifiers: skillbot::app::Notifiers::new()
                .with(Platform::Discord, Arc::new(NoNotifier)),
            retry: RetryPolicy::default(),
        },
    )
}

/// /skill answers and /assess button presses, timed, until `stop`.
async fn interact(app: &App, stop: &AtomicBool, n: &mut usize) -> Vec<Duration> {
    let mut times = Vec::new();
    let skill = Request {
        actor: actor("small", "bench", false),
        action: parse_command("skill skill-001 senior").unwrap(),
    };
    while !stop.load(Ordering::Relaxed) && times.len() < 20_000 {
        *n += 1;
        let t = Instant::now();
        app.handle(&skill).await;
        times.push(t.elapsed());
        // A dialog's first presses: each one a write.
        let mut request = Request {
            actor: actor("small", &format!("presser-{n}"), false),
            action: parse_command("assess skill-002 role:\"Role 001\"").unwrap(),
        };
        let mut reply: Reply = app.handle(&request).await;
        for _ in 0..3 {
            let Some(button) = reply.buttons.iter().find(|b| b.label == "I do this") else {
                break;
            };
            request.action = Action::Button {
                id: button.id.clone(),
            };
            let t = Instant::now();
            reply = app.handle(&request).await;
            times.push(t.elapsed());
        }
    }
    times
}

fn interactive_while_drawing(db: &std::path::Path, catalog: Catalog) {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let app = Arc::new(app_on(db, catalog));
    let lead = Request {
        actor: actor("small", "dana", true),
        action: parse_command("team summary").unwrap(),
    };
    rt.block_on(async {
        let mut n = 0;
        // Alone first.
        let stop = AtomicBool::new(false);
        let alone = {
            let stop_at = Instant::now() + Duration::from_secs(3);
            let watcher = async {
                tokio::time::sleep_until(stop_at.into()).await;
                stop.store(true, Ordering::Relaxed);
            };
            let (times, ()) = tokio::join!(interact(&app, &stop, &mut n), watcher);
            times
        };
        // Then while a lead asks for summaries (with their heatmap) over
        // and over.
        let drawing = Arc::new(AtomicBool::new(false));
        let drawn = {
            let app = Arc::clone(&app);
            let drawing = Arc::clone(&drawing);
            tokio::spawn(async move {
                let mut drawn = 0;
                while !drawing.load(Ordering::Relaxed) {
                    let reply = app.handle(&lead).await;
                    assert_eq!(reply.attachments.len(), 1, "{}", reply.text);
                    drawn += 1;
                }
                drawn
            })
        };
        let stop = AtomicBool::new(false);
        let busy = {
            let stop_at = Instant::now() + Duration::from_secs(5);
            let watcher = async {
                tokio::time::sleep_until(stop_at.into()).await;
                stop.store(true, Ordering::Relaxed);
            };
            let (times, ()) = tokio::join!(interact(&app, &stop, &mut n), watcher);
            times
        };
        drawing.store(true, Ordering::Relaxed);
        let drawn = drawn.await.unwrap();
        let (count, p50, p99) = percentiles(alone);
        println!("/skill and presses alone: {count} handled, median {p50:.2} ms, p99 {p99:.2} ms");
        let (count, p50, p99) = percentiles(busy);
        println!(
            "/skill and presses while {drawn} summaries with a 200 × 20 heatmap were drawn: {count} handled, median {p50:.2} ms, p99 {p99:.2} ms (target p99 < 5 ms)"
        );
    });
}
