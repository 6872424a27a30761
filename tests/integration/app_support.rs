//! Driving the app as a chat front end would, with a pinned clock.

use chrono::{DateTime, Duration, TimeZone, Utc};
use skillbot::app::{
    Action, Actor, App, CountingIds, IdSource, Outcome, Reply, Request, RetryPolicy, Settings,
};
use skillbot::clock::FixedClock;
use skillbot::frontends::console::{ConsoleNotifier, actor, parse_command};
use skillbot::matrix::Catalog;
use skillbot::store::{Db, Store};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub fn t0() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 27, 10, 0, 0).unwrap()
}

pub struct Harness {
    pub app: App,
    /// A connection of its own, for the tests to look into the database.
    pub store: Store,
    pub now: DateTime<Utc>,
    pub matrix_dir: PathBuf,
    clock: Arc<FixedClock>,
    /// Every message the app sent to someone.
    pub sent: Arc<ConsoleNotifier>,
    runtime: tokio::runtime::Runtime,
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

/// An app on the database file at `db`, as a front end makes one, with a
/// pinned clock and messages recorded rather than sent.
pub fn app_on(
    matrix_dir: &Path,
    db: &Path,
    clock: Arc<FixedClock>,
    sent: Arc<dyn skillbot::app::Notifier>,
    ids: Arc<dyn IdSource>,
) -> App {
    App::new(
        Db::open(db).unwrap(),
        Catalog::load_dir(matrix_dir).unwrap(),
        Settings {
            matrix_dir: matrix_dir.to_path_buf(),
            clock,
            ids,
            notifiers: skillbot::app::Notifiers::new()
                .with(skillbot::team::Platform::Discord, sent),
            retry: RetryPolicy {
                backoff: std::time::Duration::from_millis(1),
                ..RetryPolicy::default()
            },
        },
    )
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
        let db = dir.path().join("bot.db");
        let clock = Arc::new(FixedClock::new(t0()));
        let sent = Arc::new(ConsoleNotifier::default());
        let app = app_on(
            &matrix_dir,
            &db,
            clock.clone(),
            sent.clone(),
            Arc::new(CountingIds::default()),
        );
        Harness {
            app,
            store: Store::open(&db).unwrap(),
            now: t0(),
            matrix_dir,
            clock,
            sent,
            runtime: tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .enable_all()
                .build()
                .unwrap(),
            _dir: dir,
        }
    }

    /// A new process on the same database and matrix: nothing in memory
    /// survives. The new process's ids get a prefix so they cannot repeat
    /// the old one's.
    pub fn restart(&mut self) {
        let db = self.store.path().to_path_buf();
        self.store = Store::open(&db).unwrap();
        self.app = app_on(
            &self.matrix_dir,
            &db,
            self.clock.clone(),
            self.sent.clone(),
            Arc::new(PrefixedIds(CountingIds::default())),
        );
    }

    /// Runs async work (an app call) to its end.
    pub fn block_on<F: Future>(&self, work: F) -> F::Output {
        self.clock.set(self.now);
        self.runtime.block_on(work)
    }

    pub fn later(&mut self, d: Duration) {
        self.now += d;
    }

    pub fn act(&mut self, who: &Actor, action: Action) -> Reply {
        let request = Request {
            actor: who.clone(),
            action,
        };
        self.block_on(self.app.handle(&request))
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

    /// Records a level directly: the command (with `level:`), then Skip for
    /// the note and Save; returns what Save answered.
    pub fn record(&mut self, who: &Actor, line: &str) -> Reply {
        let r = self.run(who, line);
        let r = self.press(who, &r, "Skip");
        self.press(who, &r, "Save")
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
impl IdSource for PrefixedIds {
    fn new_id(&self) -> String {
        format!("r{}", self.0.new_id())
    }
}

pub fn ok(reply: &Reply) -> &Reply {
    assert_eq!(reply.outcome, Outcome::Ok, "{reply:#?}");
    reply
}

/// A refusal's text as a person reads it (references rendered plain).
pub fn refused(reply: &Reply) -> String {
    assert_eq!(reply.outcome, Outcome::Refused, "{reply:#?}");
    assert!(reply.private, "refusals are private");
    plain(&reply.text)
}

/// A reply's text as Discord shows it: emphasis as `**x**`, roles as
/// mentions, times as timestamps.
pub fn on_discord(text: &str) -> String {
    skillbot::frontends::discord::render::markup(text)
}

/// A reply's text as a person reads it in the console: references (times,
/// roles) rendered as plain text.
pub fn plain(text: &str) -> String {
    skillbot::app::markup::plain(text)
}
