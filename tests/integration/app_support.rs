//! Driving the app as a chat front end would, with a pinned clock.

use chrono::{DateTime, Duration, TimeZone, Utc};
use skillbot::app::{Action, Actor, App, CountingIds, Outcome, Reply, Request};
use skillbot::frontends::console::{actor, parse_command};
use skillbot::matrix::Catalog;
use skillbot::store::Store;
use std::path::PathBuf;

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
}

pub struct Harness {
    pub app: App,
    pub store: Store,
    pub now: DateTime<Utc>,
    pub matrix_dir: PathBuf,
    _dir: tempfile::TempDir,
}

pub fn ann() -> Actor {
    actor("team-a", "ann", false)
}
pub fn bob() -> Actor {
    actor("team-a", "bob", false)
}
pub fn lead() -> Actor {
    actor("team-a", "lee", true)
}
/// An administrator of another workspace.
pub fn zed() -> Actor {
    actor("team-b", "zed", true)
}

impl Harness {
    /// A copy of the shipped matrix in a folder of its own, a file
    /// database, and counting dialog ids.
    pub fn new() -> Harness {
        let dir = tempfile::tempdir().unwrap();
        let matrix_dir = dir.path().join("matrix");
        std::fs::create_dir(&matrix_dir).unwrap();
        let shipped = crate::support::repo_path("data/matrix/serverless-functions.toml");
        std::fs::copy(shipped, matrix_dir.join("serverless-functions.toml")).unwrap();
        let store = Store::open(&dir.path().join("bot.db")).unwrap();
        Harness {
            app: App::new(
                &matrix_dir,
                Catalog::load_dir(&matrix_dir).unwrap(),
                Box::new(CountingIds::default()),
            ),
            store,
            now: t0(),
            matrix_dir,
            _dir: dir,
        }
    }

    /// A new process on the same database and matrix: nothing in memory
    /// survives. The new process's ids get a prefix so they cannot repeat
    /// the old one's.
    pub fn restart(&mut self) {
        let db = self.store.path().to_path_buf();
        self.store = Store::open(&db).unwrap();
        self.app = App::new(
            &self.matrix_dir,
            Catalog::load_dir(&self.matrix_dir).unwrap(),
            Box::new(PrefixedIds(CountingIds::default())),
        );
    }

    pub fn later(&mut self, d: Duration) {
        self.now += d;
    }

    pub fn act(&mut self, who: &Actor, action: Action) -> Reply {
        let request = Request {
            actor: who.clone(),
            action,
        };
        self.app.handle(&mut self.store, &request, self.now)
    }

    /// A command typed as in the console: "/skill serverless senior".
    pub fn run(&mut self, who: &Actor, line: &str) -> Reply {
        let action = parse_command(line.trim_start_matches('/')).unwrap();
        self.act(who, action)
    }

    pub fn press(&mut self, who: &Actor, reply: &Reply, label: &str) -> Reply {
        let button = reply
            .buttons
            .iter()
            .find(|b| b.label == label)
            .unwrap_or_else(|| panic!("no {label:?} button in {reply:#?}"));
        self.act(
            who,
            Action::Button {
                id: button.id.clone(),
            },
        )
    }

    pub fn choose(&mut self, who: &Actor, reply: &Reply, value: &str) -> Reply {
        let select = reply.select.as_ref().expect("a select menu");
        self.act(
            who,
            Action::Select {
                id: select.id.clone(),
                values: vec![value.to_string()],
            },
        )
    }

    /// Presses "Add a note" and submits the form with `text`.
    pub fn note(&mut self, who: &Actor, reply: &Reply, text: &str) -> Reply {
        let form = self.press(who, reply, "Add a note");
        let modal = form.modal.expect("a form");
        let field = modal.fields[0].id.clone();
        self.act(
            who,
            Action::Modal {
                id: modal.id,
                fields: vec![(field, text.to_string())],
            },
        )
    }
}

struct PrefixedIds(CountingIds);
impl skillbot::app::IdSource for PrefixedIds {
    fn new_id(&self) -> String {
        format!("r{}", self.0.new_id())
    }
}

pub fn ok(reply: &Reply) -> &Reply {
    assert_eq!(reply.outcome, Outcome::Ok, "{reply:#?}");
    reply
}

pub fn refused(reply: &Reply) -> &str {
    assert_eq!(reply.outcome, Outcome::Refused, "{reply:#?}");
    assert!(reply.private, "refusals are private");
    &reply.text
}
