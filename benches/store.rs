//! Store speed targets (issue 3), on 10,000 members, 20 skills and about a
//! million assessments in a file database:
//! - latest level of every member for one skill < 10 ms, for all 20 < 100 ms;
//! - recording an assessment in its own transaction at >= 0.8x the rate of
//!   a bare rusqlite insert loop with the same settings, side by side.

use chrono::{DateTime, Duration, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use skillbot::assess::{Answer, LevelAnswer, Note, Rating, Source};
use skillbot::matrix::{Level, Skill, synthetic};
use skillbot::store::{MemberId, Platform, Store, WorkspaceId};
use std::hint::black_box;
use std::path::Path;

const MEMBERS: usize = 10_000;
const SKILLS: usize = 20;
const PER_MEMBER_SKILL: usize = 5; // 10,000 x 20 x 5 = 1,000,000 assessments

fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 1, 1, 9, 0, 0).unwrap()
}

fn rating(skill: &Skill, n: usize) -> Rating {
    let answers = vec![
        LevelAnswer {
            level: Level::Junior,
            answer: Answer::Yes,
        },
        LevelAnswer {
            level: Level::Middle,
            answer: Answer::Partly,
        },
    ];
    let note = Note::new("Led the migration of the billing functions.").unwrap();
    Rating::new(
        skill,
        "Role 001",
        Level::from_rank((n % 5) as u8 + 1),
        Source::SelfRated,
        answers,
        note,
    )
    .unwrap()
}

fn generate(path: &Path) -> (WorkspaceId, Vec<MemberId>, Vec<Skill>) {
    let mut store = Store::open(path).unwrap();
    let ws = store
        .workspace(Platform::Discord, "bench-guild", "Bench", t0())
        .unwrap();
    let members: Vec<MemberId> = (0..MEMBERS)
        .map(|i| {
            store
                .member(ws, &format!("{i}"), &format!("member {i}"), t0())
                .unwrap()
        })
        .collect();
    let skills: Vec<Skill> = (0..SKILLS).map(|n| synthetic::skill(n, 3)).collect();
    for (i, chunk) in members.chunks(500).enumerate() {
        let mut batch = Vec::new();
        for (j, member) in chunk.iter().enumerate() {
            for (s, skill) in skills.iter().enumerate() {
                for k in 0..PER_MEMBER_SKILL {
                    let at = t0()
                        + Duration::days((k * 7) as i64)
                        + Duration::seconds((i * 500 + j) as i64);
                    batch.push((*member, None, rating(skill, i + j + s + k), at));
                }
            }
        }
        store.record_batch(&batch).unwrap();
    }
    store.fold().unwrap();
    // Every member's next check-in is due before the bench's moment, a
    // minute apart, so that "members due" finds real ones.
    let plans: Vec<(MemberId, _)> = members
        .iter()
        .enumerate()
        .map(|(i, m)| (*m, t0() - Duration::minutes(i as i64 + 1)))
        .collect();
    store.plan_members(&plans).unwrap();
    (ws, members, skills)
}

fn store_benches(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bench.db");
    let (ws, members, skills) = generate(&path);
    let mut store = Store::open(&path).unwrap();

    c.bench_function(
        "latest level of every member, one skill (10,000 rows)",
        |b| {
            b.iter(|| {
                let rows = store.team_levels(ws, black_box("skill-007")).unwrap();
                assert_eq!(rows.len(), MEMBERS);
            });
        },
    );
    let mut group = c.benchmark_group("all skills");
    group.sample_size(20);
    group.bench_function(
        "latest level of every member, all 20 skills (200,000 rows)",
        |b| {
            b.iter(|| {
                let rows = store.team_levels_all(black_box(ws)).unwrap();
                assert_eq!(rows.len(), MEMBERS * SKILLS);
            });
        },
    );
    group.finish();
    c.bench_function("a member's latest level per skill", |b| {
        b.iter(|| store.latest_levels(black_box(members[4321])).unwrap());
    });
    c.bench_function("a member's history for one skill", |b| {
        b.iter(|| {
            store
                .history(black_box(members[4321]), Some("skill-003"))
                .unwrap()
        });
    });
    c.bench_function("members due for the weekly prompt", |b| {
        b.iter(|| {
            let due = store
                .due_members(black_box(t0()), Platform::Discord, 100)
                .unwrap();
            assert_eq!(due.len(), 100);
            due
        });
    });

    // Side by side: a bare insert of the same row, one transaction each,
    // on a second connection to the same file with the same settings.
    let bare = rusqlite::Connection::open(&path).unwrap();
    bare.pragma_update(None, "journal_mode", "WAL").unwrap();
    bare.pragma_update(None, "synchronous", "NORMAL").unwrap();
    bare.pragma_update(None, "foreign_keys", "ON").unwrap();
    let one = rating(&skills[3], 2);
    let mut group = c.benchmark_group("record one assessment, own transaction");
    let mut n = 0i64;
    group.bench_function("bare rusqlite insert", |b| {
        let mut stmt = bare
            .prepare(
                "INSERT INTO assessments (member_id, skill, role, level, source, rated_by, answers, note, matrix_hash, created_at) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )
            .unwrap();
        b.iter(|| {
            n += 1;
            stmt.execute(rusqlite::params![
                members[(n as usize) % MEMBERS].0,
                one.skill(),
                one.role(),
                one.level_rank(),
                "self",
                Option::<i64>::None,
                r#"[{"level":"Junior","answer":"yes"},{"level":"Middle","answer":"partly"}]"#,
                one.note().map(|x| x.as_str()),
                one.matrix_hash(),
                1_800_000_000_000i64 + n
            ])
            .unwrap()
        });
    });
    group.bench_function(
        "Store::record (history row; current level folded at the next read)",
        |b| {
            b.iter(|| {
                n += 1;
                let at = Utc.timestamp_millis_opt(1_800_000_000_000 + n).unwrap();
                store
                    .record(members[(n as usize) % MEMBERS], None, &one, at)
                    .unwrap()
            });
        },
    );
    group.finish();
    store.fold().unwrap();

    // Reads merge what was recorded since the last fold (at most about a
    // minute of saves, between two idle ticks): with 1,000 such rows.
    for k in 0..1_000 {
        n += 1;
        let at = Utc.timestamp_millis_opt(1_800_000_000_000 + n).unwrap();
        store
            .record(
                members[(k * 7919) % MEMBERS],
                None,
                &rating(&skills[7], k),
                at,
            )
            .unwrap();
    }
    c.bench_function(
        "latest level of every member, one skill, 1,000 recordings not yet folded",
        |b| {
            b.iter(|| {
                let rows = store.team_levels(ws, black_box("skill-007")).unwrap();
                assert_eq!(rows.len(), MEMBERS);
            });
        },
    );
    store.fold().unwrap();

    // What the reads (or the idle tick) pay for the recordings above.
    let mut group = c.benchmark_group("fold");
    group.sample_size(10);
    group.bench_function("fold 1,000 new assessments into current levels", |b| {
        b.iter_custom(|iters| {
            let mut folding = std::time::Duration::ZERO;
            for _ in 0..iters {
                for _ in 0..1_000 {
                    n += 1;
                    let at = Utc.timestamp_millis_opt(1_800_000_000_000 + n).unwrap();
                    store
                        .record(members[(n as usize * 7919) % MEMBERS], None, &one, at)
                        .unwrap();
                }
                let start = std::time::Instant::now();
                assert_eq!(store.fold().unwrap(), 1_000);
                folding += start.elapsed();
            }
            folding
        });
    });
    group.finish();
}

criterion_group!(benches, store_benches);
criterion_main!(benches);
