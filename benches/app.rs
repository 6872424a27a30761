//! App speed targets (issue 4), on a file database: a whole /assess dialog
//! of five levels plus the note and the save < 5 ms; a /skill answer
//! < 100 µs.

use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use skillbot::app::{Action, App, CountingIds, Reply, Request};
use skillbot::frontends::console::{actor, parse_command};
use skillbot::matrix::Catalog;
use skillbot::store::Store;
use std::path::Path;

fn press(app: &App, store: &mut Store, request: &mut Request, reply: &Reply, label: &str) -> Reply {
    let id = reply
        .buttons
        .iter()
        .find(|b| b.label == label)
        .expect(label)
        .id
        .clone();
    request.action = Action::Button { id };
    app.handle(
        store,
        request,
        Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap(),
    )
}

fn benches(c: &mut Criterion) {
    let matrix = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/matrix");
    let app = App::new(
        &matrix,
        Catalog::load_dir(&matrix).unwrap(),
        Box::new(CountingIds::default()),
    );
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("bench.db")).unwrap();
    let now = Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap();
    let ann = actor("bench", "ann", false);
    let command = |line: &str| Request {
        actor: ann.clone(),
        action: parse_command(line).unwrap(),
    };
    app.handle(&mut store, &command("profile role:ce"), now);

    let skill = command("skill serverless senior role:ce");
    c.bench_function("/skill answer", |b| {
        b.iter(|| app.handle(&mut store, &skill, now))
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
            let mut reply = app.handle(&mut store, &request, now);
            for _ in 0..5 {
                reply = press(&app, &mut store, &mut request, &reply, "I do this");
            }
            let form = press(&app, &mut store, &mut request, &reply, "Add a note");
            let modal = form.modal.expect("note form");
            request.action = Action::Modal {
                id: modal.id,
                fields: vec![(
                    "note".into(),
                    "Shipped the billing pipeline on Lambda 🚀".into(),
                )],
            };
            let summary = app.handle(&mut store, &request, now);
            let saved = press(&app, &mut store, &mut request, &summary, "Save");
            assert!(saved.text.contains("You are Principal"), "{}", saved.text);
        })
    });
}

criterion_group!(app_benches, benches);
criterion_main!(app_benches);
