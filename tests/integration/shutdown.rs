//! Issue 13.3: the bot stops cleanly on SIGTERM. The real binary, in its
//! own process against the fake Discord, gets SIGTERM in the middle of a
//! burst of interactions: it exits with status 0, every interaction it
//! answered has its work stored, and its write-ahead log is emptied.

use crate::discord::{bot_process, db_in, runtime};
use crate::fake_discord::payloads::{self, Who, text};
use crate::fake_discord::{self as fake, FakeDiscord};
use skillbot::store::Store;
use skillbot::team::Platform;
use std::time::{Duration, Instant};

const BURST: usize = 60;

fn user(n: usize) -> Who {
    Who::member(&format!("3000000000000{n:05}"), &format!("m{n}"))
}

#[test]
fn sigterm_in_a_burst_finishes_what_was_answered_and_exits_zero() {
    runtime().block_on(async {
        let fake = FakeDiscord::start().await;
        let dir = tempfile::tempdir().unwrap();
        let db = db_in(&dir);
        let mut child = bot_process(&fake, &dir, "warn").spawn().unwrap();
        fake.wait_ready().await;
        // Each interaction is one member setting their role: a write.
        let mut ids = Vec::new();
        for n in 0..BURST {
            let i = payloads::command(&fake, &user(n), "profile", vec![text("role", "ce")]);
            ids.push((i["id"].as_str().unwrap().to_string(), user(n)));
            fake.dispatch("INTERACTION_CREATE", i);
        }
        // SIGTERM once a few were answered, the rest still coming.
        let answered = |fake: &FakeDiscord| {
            fake.requests()
                .iter()
                .filter(|r| r.path.ends_with("/callback"))
                .count()
        };
        let deadline = Instant::now() + Duration::from_secs(10);
        while answered(&fake) < 5 && Instant::now() < deadline {
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        let term = std::process::Command::new("kill")
            .args(["-s", "TERM", &child.id().to_string()])
            .status()
            .unwrap();
        assert!(term.success());
        let deadline = Instant::now() + Duration::from_secs(20);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            assert!(
                Instant::now() < deadline,
                "the bot did not stop within 20 s"
            );
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        assert_eq!(status.code(), Some(0), "{status:?}");
        // Every answered interaction's work is in the database.
        let requests = fake.requests();
        let store = Store::open(&db).unwrap();
        let workspace = store
            .find_workspace(Platform::Discord, fake::GUILD_ID)
            .unwrap()
            .expect("some interaction wrote");
        let mut checked = 0;
        for (id, who) in &ids {
            let was_answered = requests.iter().any(|r| {
                r.path.starts_with(&format!("/api/v10/interactions/{id}/"))
                    && r.path.ends_with("/callback")
            });
            if !was_answered {
                continue;
            }
            let member = store.find_member(workspace, &who.id).unwrap();
            assert_eq!(
                member.and_then(|m| m.role).as_deref(),
                Some("Cloud Engineer"),
                "{} was answered but not stored",
                who.name
            );
            checked += 1;
        }
        assert!(checked >= 5, "{checked} answered");
        drop(store);
        let wal = dir.path().join("bot.db-wal");
        let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
        assert_eq!(wal_len, 0, "the WAL was left behind");
    });
}
