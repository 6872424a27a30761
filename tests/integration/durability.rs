//! Nothing reported as saved is lost when the process is killed.
//!
//! The test starts this test binary again as a child that records
//! assessments in a loop, printing each id after its commit, and kills it
//! with SIGKILL at a pseudo-random point, many times over.

use crate::store::{t0, team};
use chrono::Duration;
use skillbot::assess::{Note, Rating, Source};
use skillbot::matrix::{Level, synthetic};
use skillbot::store::Store;
use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};

const CHILD_DB: &str = "SKILLBOT_DURABILITY_CHILD_DB";

/// Not a test: the child process of the test below. Ignored so that it runs
/// only when that test asks for it.
#[test]
#[ignore = "helper process for every_reported_assessment_survives_sigkill"]
fn writer_child() {
    let Ok(path) = std::env::var(CHILD_DB) else {
        return;
    };
    let mut store = Store::open(std::path::Path::new(&path)).unwrap();
    let (_, members) = team(&mut store, "g1", &["ann", "bob"]);
    let skill = synthetic::skill(1, 2);
    let mut out = std::io::stdout().lock();
    // Bounded, so that an orphaned child stops by itself.
    for i in 0..200_000i64 {
        let level = Level::from_rank((i % 5) as u8 + 1);
        let note = Note::new(&format!("record {i}")).unwrap();
        let rating =
            Rating::new(&skill, "Role 000", level, Source::SelfRated, vec![], note).unwrap();
        let id = store
            .record(
                members[(i % 2) as usize],
                None,
                &rating,
                t0() + Duration::seconds(i),
            )
            .unwrap();
        writeln!(out, "committed {id}").unwrap();
        out.flush().unwrap();
    }
}

/// xorshift: reproducible "random" kill points without a dependency.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[test]
fn every_reported_assessment_survives_sigkill() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("kill.db");
    let mut rng = Rng(0x5eed_1234_abcd_0042);
    let mut reported: Vec<i64> = Vec::new();
    for round in 0..30 {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "durability::writer_child",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD_DB, &db)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // 0 kills the child while it may still be opening or migrating.
        let kill_after = rng.below(150);
        let mut seen = 0;
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        while seen < kill_after {
            let Some(Ok(line)) = lines.next() else { break };
            if let Some(id) = line.strip_prefix("committed ") {
                reported.push(id.parse().unwrap());
                seen += 1;
            }
        }
        child.kill().unwrap(); // SIGKILL
        child.wait().unwrap();

        if !db.exists() {
            continue;
        }
        let conn = rusqlite::Connection::open(&db).unwrap();
        let check: String = conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "round {round}");
        let mut stmt = conn
            .prepare("SELECT count(*) FROM assessments WHERE id = ?1")
            .unwrap();
        for id in &reported {
            let n: i64 = stmt.query_row([id], |r| r.get(0)).unwrap();
            assert_eq!(
                n, 1,
                "round {round}: assessment {id} was reported saved but is gone"
            );
        }
    }
    assert!(
        reported.len() > 500,
        "only {} assessments were reported",
        reported.len()
    );
}
