//! App speed targets (issue 4), on a file database: a whole /assess dialog
//! of five levels plus the note and the save < 5 ms; a /skill answer
//! < 100 µs. Through `App::handle`, as a front end calls it.

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use skillbot::app::{Action, App, CountingIds, NoNotifier, Reply, Request, RetryPolicy, Settings};
use skillbot::clock::FixedClock;
use skillbot::frontends::console::{actor, parse_command};
use skillbot::matrix::Catalog;
use skillbot::store::Db;
use std::path::Path;
use std::sync::Arc;

fn press(
    rt: &tokio::runtime::Runtime,
    app: &App,
    request: &mut Request,
    reply: &Reply,
    label: &str,
) -> Reply {
    let id = reply
        .buttons
        .iter()
        .find(|b| b.label == label)
        .expect(label)
        .id
        .clone();
    request.action = Action::Button { id };
    rt.block_on(app.handle(request))
}

fn benches(c: &mut Criterion) {
    let matrix = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/matrix");
    let dir = tempfile::tempdir().unwrap();
    let app = App::new(
        Db::open(&dir.path().join("bench.db")).unwrap(),
        Catalog::load_dir(&matrix).unwrap(),
        Settings {
            matrix_dir: matrix.clone(),
            clock: Arc::new(FixedClock::new(
                Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap(),
            )),
            ids: Arc::new(CountingIds::default()),
            notifiers: skillbot::app::Notifiers::new()
                .with(skillbot::team::Platform::Discord, Arc::new(NoNotifier)),
            retry: RetryPolicy::default(),
        },
    );
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let ann = actor("bench", "ann", false);
    let command = |line: &str| Request {
        actor: ann.clone(),
        action: parse_command(line).unwrap(),
    };
    rt.block_on(app.handle(&command("profile role:ce")));

    let skill = command("skill serverless senior role:ce");
    c.bench_function("/skill answer", |b| {
        b.iter(|| rt.block_on(app.handle(&skill)));
    });

    // A new member each time, so that every dialog asks all five levels (a
    // returning member starts one level below their last).
    let mut n = 0;
    c.bench_function("whole /assess dialog: 5 levels, note, save", |b| {
        b.iter(|| {
            n += 1;
            let mut request = Request {
                actor: actor("bench", &format!("member-{n}"), false),
                action: parse_command("assess serverless role:ce").unwrap(),
            };
            // 9 requests: the command, five presses, "Add a note", the
            // form, "Save".
            let mut reply = rt.block_on(app.handle(&request));
            for _ in 0..5 {
                reply = press(&rt, &app, &mut request, &reply, "I do this");
            }
            let form = press(&rt, &app, &mut request, &reply, "Add a note");
            let modal = form.modal.expect("note form");
            request.action = Action::Modal {
                id: modal.id,
                fields: vec![(
                    "note".into(),
                    "Shipped the billing pipeline on Lambda 🚀".into(),
                )],
            };
            let summary = rt.block_on(app.handle(&request));
            let saved = press(&rt, &app, &mut request, &summary, "Save");
            assert!(saved.text.contains("You are Principal"), "{}", saved.text);
        });
    });
}

criterion_group!(app_benches, benches);
criterion_main!(app_benches);
