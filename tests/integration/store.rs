//! The store as the rest of the program uses it.

use chrono::{DateTime, Duration, TimeZone, Utc};
use skillbot::assess::{Answer, LevelAnswer, Note, Rating, Source};
use skillbot::matrix::{Level, Skill, synthetic};
use skillbot::store::{Db, MemberId, Platform, Store, StoreError, Target, WorkspaceId};

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 2, 9, 0, 0).unwrap()
}

pub fn team(store: &mut Store, guild: &str, names: &[&str]) -> (WorkspaceId, Vec<MemberId>) {
    let ws = store
        .workspace(Platform::Discord, guild, "Team", t0())
        .unwrap();
    let members = names
        .iter()
        .map(|n| store.member(ws, &format!("user-{n}"), n, t0()).unwrap())
        .collect();
    (ws, members)
}

fn rate(skill: &Skill, level: Option<Level>, source: Source) -> Rating {
    Rating::new(skill, "Role 001", level, source, vec![], None).unwrap()
}

#[test]
fn the_latest_rating_is_the_current_level_and_history_keeps_all() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, m) = team(&mut store, "g1", &["ann"]);
    let skill = synthetic::skill(1, 2);
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
    let note = Note::new("Ran the Lambda migration 🚀 — 完成").unwrap();
    let first = Rating::new(
        &skill,
        "Role 001",
        Some(Level::Junior),
        Source::SelfRated,
        answers.clone(),
        note,
    )
    .unwrap();
    store.record(m[0], Some(m[0]), &first, t0()).unwrap();
    store
        .record(
            m[0],
            None,
            &rate(&skill, Some(Level::Senior), Source::Lead),
            t0() + Duration::days(7),
        )
        .unwrap();

    let latest = store.latest_levels(m[0]).unwrap();
    assert_eq!(latest.len(), 1);
    assert_eq!(latest[0].level, Some(Level::Senior));
    assert_eq!(latest[0].source, Source::Lead);
    assert_eq!(latest[0].at, t0() + Duration::days(7));

    let history = store.history(m[0], Some("skill-001")).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0].answers, answers);
    assert_eq!(
        history[0].note.as_deref(),
        Some("Ran the Lambda migration 🚀 — 完成")
    );
    assert_eq!(history[0].matrix_hash, skill.fingerprint());
    assert_eq!(history[0].rated_by, Some(m[0]));
    assert_eq!(history[1].level, Some(Level::Senior));
    assert!(store.history(m[0], Some("other")).unwrap().is_empty());
}

#[test]
fn a_batch_out_of_order_keeps_the_newest_as_current() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, m) = team(&mut store, "g1", &["ann"]);
    let skill = synthetic::skill(1, 2);
    let newer = (
        m[0],
        None,
        rate(&skill, Some(Level::Lead), Source::Lead),
        t0() + Duration::days(1),
    );
    let older = (
        m[0],
        None,
        rate(&skill, Some(Level::Junior), Source::SelfRated),
        t0(),
    );
    store.record_batch(&[newer, older]).unwrap();
    assert_eq!(
        store.latest_levels(m[0]).unwrap()[0].level,
        Some(Level::Lead)
    );
    assert_eq!(store.history(m[0], None).unwrap().len(), 2);
}

#[test]
fn reads_see_every_recording_and_folding_is_idempotent() {
    let mut store = Store::open_in_memory().unwrap();
    let (ws, m) = team(&mut store, "g1", &["ann", "bob"]);
    let skill = synthetic::skill(1, 2);
    store
        .record(
            m[0],
            None,
            &rate(&skill, Some(Level::Junior), Source::SelfRated),
            t0(),
        )
        .unwrap();
    assert_eq!(
        store.team_levels(ws, "skill-001").unwrap()[0].level,
        Some(Level::Junior)
    );
    for (i, level) in [Level::Middle, Level::Senior, Level::Lead]
        .into_iter()
        .enumerate()
    {
        let at = t0() + Duration::hours(i as i64 + 1);
        store
            .record(
                m[i % 2],
                None,
                &rate(&skill, Some(level), Source::SelfRated),
                at,
            )
            .unwrap();
    }
    // Reads no longer fold (they never write): the first fold takes all four.
    assert_eq!(store.fold().unwrap(), 4);
    assert_eq!(store.fold().unwrap(), 0);
    let levels: Vec<_> = store
        .team_levels(ws, "skill-001")
        .unwrap()
        .into_iter()
        .map(|c| c.level)
        .collect();
    assert_eq!(levels, vec![Some(Level::Lead), Some(Level::Senior)]);
}

#[test]
fn below_the_first_level_is_level_zero() {
    let mut store = Store::open_in_memory().unwrap();
    let (_, m) = team(&mut store, "g1", &["ann"]);
    let skill = synthetic::skill(1, 2);
    store
        .record(m[0], Some(m[0]), &rate(&skill, None, Source::Weekly), t0())
        .unwrap();
    let latest = store.latest_levels(m[0]).unwrap();
    assert_eq!((latest[0].level, latest[0].source), (None, Source::Weekly));
}

#[test]
fn team_levels_cover_one_workspace_only() {
    let mut store = Store::open_in_memory().unwrap();
    let (a, am) = team(&mut store, "guild-a", &["ann", "bob"]);
    let (b, bm) = team(&mut store, "guild-b", &["cat"]);
    let s1 = synthetic::skill(1, 2);
    let s2 = synthetic::skill(2, 2);
    store
        .record(
            am[0],
            None,
            &rate(&s1, Some(Level::Middle), Source::SelfRated),
            t0(),
        )
        .unwrap();
    store
        .record(
            am[1],
            None,
            &rate(&s1, Some(Level::Lead), Source::SelfRated),
            t0(),
        )
        .unwrap();
    store
        .record(
            am[1],
            None,
            &rate(&s2, Some(Level::Junior), Source::SelfRated),
            t0(),
        )
        .unwrap();
    store
        .record(
            bm[0],
            None,
            &rate(&s1, Some(Level::Principal), Source::SelfRated),
            t0(),
        )
        .unwrap();

    let one = store.team_levels(a, "skill-001").unwrap();
    assert_eq!(
        one.iter().map(|c| (c.member, c.level)).collect::<Vec<_>>(),
        vec![(am[0], Some(Level::Middle)), (am[1], Some(Level::Lead))]
    );
    assert_eq!(store.team_levels_all(a).unwrap().len(), 3);
    assert_eq!(store.team_levels_all(b).unwrap().len(), 1);
    assert!(store.team_levels(b, "skill-002").unwrap().is_empty());
}

#[test]
fn a_rating_for_an_unknown_member_writes_nothing() {
    let mut store = Store::open_in_memory().unwrap();
    let (ws, _) = team(&mut store, "g1", &["ann"]);
    let skill = synthetic::skill(1, 2);
    let err = store
        .record(
            MemberId(999),
            None,
            &rate(&skill, Some(Level::Lead), Source::SelfRated),
            t0(),
        )
        .unwrap_err();
    assert!(
        matches!(err, StoreError::NotFound(_) | StoreError::Sqlite(_)),
        "{err}"
    );
    assert!(store.history(MemberId(999), None).unwrap().is_empty());
    assert!(store.team_levels_all(ws).unwrap().is_empty());
}

#[test]
fn bad_ratings_cannot_be_built_so_nothing_reaches_the_store() {
    let page = synthetic::page(2, 3);
    let opts = skillbot::matrix::ImportOptions {
        slug: "short".into(),
        name: None,
    };
    let short = skillbot::matrix::import_page(&page, &opts).unwrap();
    assert!(
        Rating::new(
            &short,
            "Role 000",
            Some(Level::Middle),
            Source::SelfRated,
            vec![],
            None
        )
        .is_err()
    );
    assert!(Note::new(&"x".repeat(1001)).is_err());
    let catalog = skillbot::matrix::Catalog::new(vec![short]).unwrap();
    assert!(catalog.find_skill("no-such-skill").is_err());
}

#[test]
fn members_profiles_and_due_prompts() {
    let mut store = Store::open_in_memory().unwrap();
    let (ws, m) = team(&mut store, "g1", &["ann", "bob", "cat", "dan"]);
    // Same platform id again: same member, display name follows.
    assert_eq!(store.member(ws, "user-ann", "Ann B.", t0()).unwrap(), m[0]);
    assert_eq!(store.member_profile(m[0]).unwrap().display_name, "Ann B.");

    let due_at = t0() + Duration::hours(1);
    for (i, id) in m.iter().enumerate() {
        let mut p = store.member_profile(*id).unwrap();
        p.next_prompt_at = Some(due_at);
        p.role = Some("Cloud Engineer".into());
        p.time_zone = Some("Europe/Berlin".into());
        match i {
            1 => p.weekly_opt_in = false,
            2 => p.snoozed_until = Some(due_at + Duration::days(3)),
            _ => {}
        }
        store.update_member(&p).unwrap();
    }
    assert!(
        store
            .due_members(t0(), Platform::Discord, 10)
            .unwrap()
            .is_empty()
    );
    let due: Vec<MemberId> = store
        .due_members(due_at, Platform::Discord, 10)
        .unwrap()
        .iter()
        .map(|d| d.member)
        .collect();
    assert_eq!(due, vec![m[0], m[3]]);
    let later = store
        .due_members(due_at + Duration::days(4), Platform::Discord, 10)
        .unwrap();
    assert_eq!(later.len(), 3);
    assert_eq!(
        store.member_profile(m[0]).unwrap().time_zone.as_deref(),
        Some("Europe/Berlin")
    );
}

#[test]
fn workspace_settings_and_targets() {
    let mut store = Store::open_in_memory().unwrap();
    let (ws, m) = team(&mut store, "g1", &["ann"]);
    let mut s = store.workspace_settings(ws).unwrap();
    assert_eq!(
        (s.prompt_weekday, s.prompt_minute, s.time_zone.as_str()),
        (1, 600, "UTC")
    );
    s.lead_role = Some("Team Lead".into());
    s.time_zone = "Asia/Tokyo".into();
    store.set_workspace_settings(ws, &s).unwrap();
    assert_eq!(store.workspace_settings(ws).unwrap(), s);

    let target = Target {
        role: "Cloud Engineer".into(),
        skill: "serverless-functions".into(),
        level: Level::Senior,
    };
    store.set_target(ws, &target, Some(m[0]), t0()).unwrap();
    let raised = Target {
        level: Level::Lead,
        ..target
    };
    store.set_target(ws, &raised, Some(m[0]), t0()).unwrap();
    assert_eq!(store.targets(ws).unwrap(), vec![raised]);
}

#[test]
fn a_file_database_survives_reopening_and_backs_up() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/skillbot.db");
    let skill = synthetic::skill(1, 2);
    {
        let mut store = Store::open(&path).unwrap();
        let (_, m) = team(&mut store, "g1", &["ann"]);
        store
            .record(
                m[0],
                None,
                &rate(&skill, Some(Level::Lead), Source::SelfRated),
                t0(),
            )
            .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let backup = dir.path().join("backup.db");
    store.backup_to(&backup).unwrap();
    let err = store.backup_to(&backup).unwrap_err().to_string();
    assert!(err.contains("already exists"), "{err}");

    let copy = Store::open_existing(&backup).unwrap();
    assert!(copy.health().unwrap().ok());
    let ws = {
        let mut rw = Store::open(&backup).unwrap();
        rw.workspace(Platform::Discord, "g1", "Team", t0()).unwrap()
    };
    let copy = Store::open(&backup).unwrap();
    let members = copy.members(ws).unwrap();
    assert_eq!(
        copy.latest_levels(members[0].id).unwrap()[0].level,
        Some(Level::Lead)
    );
}

#[test]
fn the_async_handle_runs_use_cases_off_the_runtime() {
    let rt = tokio::runtime::Builder::new_current_thread()
        .build()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let db = Db::open(&dir.path().join("bot.db")).unwrap();
    let skill = synthetic::skill(1, 2);
    let latest = rt.block_on(async {
        let (_, m) = db.write(|s| Ok(team(s, "g1", &["ann"]))).await.unwrap();
        let member = m[0];
        let rating = rate(&skill, Some(Level::Middle), Source::SelfRated);
        db.write(move |s| s.record(member, None, &rating, t0()))
            .await
            .unwrap();
        // A reader connection sees what the writer committed.
        db.read(move |s| s.latest_levels(member)).await.unwrap()
    });
    assert_eq!(latest[0].level, Some(Level::Middle));
}

#[test]
fn levels_kept_before_the_tracks_were_split_come_back_per_track_after_the_upgrade() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    // A database as skillbot left it at schema version 7, with a self
    // rating and a newer lead rating of ann, folded into the old table.
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for n in 1..=7 {
            let file = std::fs::read_dir(crate::support::repo_path("migrations"))
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(&format!("{n:04}_"))
                })
                .unwrap();
            conn.execute_batch(&std::fs::read_to_string(file).unwrap())
                .unwrap();
        }
        conn.pragma_update(None, "user_version", 7).unwrap();
        conn.execute_batch(
            "INSERT INTO workspaces (id, platform, external_id, name, created_at) VALUES (1, 'discord', 'g1', 'Team', 0);
             INSERT INTO members (id, workspace_id, external_id, display_name, created_at) VALUES (1, 1, 'user-ann', 'ann', 0);
             INSERT INTO assessments (id, member_id, skill, role, level, source, answers, matrix_hash, created_at)
                 VALUES (1, 1, 'skill-001', 'Role 001', 4, 'self', '[]', 'h', 1000),
                        (2, 1, 'skill-001', 'Role 001', 2, 'lead', '[]', 'h', 2000);
             INSERT INTO current_levels (workspace_id, skill, member_id, level, source, assessment_id, updated_at)
                 VALUES (1, 'skill-001', 1, 2, 'lead', 2, 2000);
             UPDATE current_levels_state SET folded_through = 2;",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    let read = |store: &Store| -> Vec<(String, Option<u8>)> {
        store
            .team_tracks(WorkspaceId(1))
            .unwrap()
            .into_iter()
            .map(|(c, _)| (c.source.as_str().to_string(), c.level.map(|l| l.rank())))
            .collect()
    };
    let expected = vec![("self".to_string(), Some(4)), ("lead".to_string(), Some(2))];
    assert_eq!(read(&store), expected, "read before the first fold");
    assert_eq!(store.fold().unwrap(), 2);
    assert_eq!(read(&store), expected, "and after it");
    assert_eq!(
        store.team_levels_all(WorkspaceId(1)).unwrap()[0].source,
        Source::Lead,
        "the newest of the two is the member's latest"
    );
}

/// A database made by the release before (schema 8, with a rating and an
/// unfinished dialog in it) upgrades to every table and index of this one: a released migration
/// edited in place instead of a new one would leave those databases
/// without what the edit added, and `skillbot check` would say so.
#[test]
fn a_database_of_the_previous_release_upgrades_to_the_whole_schema() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.db");
    {
        let conn = crate::support::released_v8_database(&path);
        conn.execute_batch(
            "INSERT INTO workspaces (id, platform, external_id, name, created_at) VALUES (1, 'discord', 'g1', 'Team', 0);
             INSERT INTO members (id, workspace_id, external_id, display_name, created_at) VALUES (1, 1, 'user-ann', 'ann', 0);
             INSERT INTO assessments (id, member_id, skill, role, level, source, answers, matrix_hash, created_at)
                 VALUES (1, 1, 'skill-001', 'Role 001', 4, 'self', '[]', 'h', 1000);
             INSERT INTO dialogs (id, member_id, skill, state, matrix_hash, created_at, updated_at, expires_at)
                 VALUES ('d1', 1, 'assess:skill-001', '{}', 'h', 1000, 1000, 9000000000000);",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let health = store.health().unwrap();
    assert_eq!(health.schema_version, health.latest_version);
    assert_eq!(health.missing, Vec::<String>::new());
    assert_eq!(health.integrity, vec!["ok".to_string()]);
    let own = store
        .latest_in_track(MemberId(1), "skill-001", false, None)
        .unwrap()
        .unwrap();
    assert_eq!(own.level, Level::from_rank(4));
    // The unfinished dialog goes on from its first counted step, unsaved.
    let dialog = store.dialog("d1").unwrap().unwrap();
    assert_eq!((dialog.step, dialog.saved), (0, None));
}
