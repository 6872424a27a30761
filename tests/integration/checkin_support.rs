//! A team on a chat platform with a pinned clock, for the weekly
//! check-ins: passes run at the times a test names, and every message the
//! app starts lands in a post office whose answers a test scripts.

use chrono::{DateTime, Utc};
use skillbot::app::notify::BoxFuture;
use skillbot::app::{
    Action, Actor, App, CountingIds, Delivery, IdSource, Notice, Notifier, PassEvent, Recipient,
    Reply, Request,
};
use skillbot::clock::FixedClock;
use skillbot::frontends::console::parse_command;
use skillbot::store::Store;
use skillbot::team::Platform;
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

pub fn utc(text: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(text)
        .unwrap()
        .with_timezone(&Utc)
}

/// A member of the Discord server "guild-1", by name.
pub fn member(name: &str) -> Actor {
    Actor {
        platform: Platform::Discord,
        workspace_id: "guild-1".into(),
        workspace_name: "Team".into(),
        user_id: format!("{name}-id"),
        display_name: name.into(),
        admin: false,
        roles: Vec::new(),
        direct: false,
        locale: Default::default(),
        zone: None,
    }
}

/// An administrator of "guild-1".
pub fn lead() -> Actor {
    Actor {
        admin: true,
        ..member("lee")
    }
}

/// The same person pressing a button in their direct messages with the
/// bot, where Discord names no server and no roles.
pub fn in_dm(who: &Actor) -> Actor {
    Actor {
        workspace_id: format!("dm-{}", who.user_id),
        workspace_name: String::new(),
        admin: false,
        roles: Vec::new(),
        direct: true,
        ..who.clone()
    }
}

/// Records every message and answers as scripted per recipient (a user id
/// or a channel id); delivered when nothing is scripted.
#[derive(Default)]
pub struct PostOffice {
    delivered: Mutex<Vec<Notice>>,
    attempts: Mutex<HashMap<String, usize>>,
    script: Mutex<HashMap<String, VecDeque<Delivery>>>,
    /// A recipient whose message never finishes sending (a process
    /// killed in the middle of it), and the signal that it was reached.
    stall: Mutex<Option<String>>,
    pub stalled: tokio::sync::Notify,
}

fn key(notice: &Notice) -> String {
    match &notice.to {
        Recipient::Member { user_id, .. } => user_id.clone(),
        Recipient::Channel { id } => id.clone(),
    }
}

impl PostOffice {
    pub fn answer(&self, to: &str, outcomes: Vec<Delivery>) {
        self.script
            .lock()
            .unwrap()
            .insert(to.to_string(), outcomes.into());
    }

    pub fn stall_on(&self, to: &str) {
        *self.stall.lock().unwrap() = Some(to.to_string());
    }

    /// The messages delivered to a recipient, oldest first.
    pub fn to(&self, recipient: &str) -> Vec<Reply> {
        self.delivered
            .lock()
            .unwrap()
            .iter()
            .filter(|n| key(n) == recipient)
            .map(|n| n.rendered())
            .collect()
    }

    pub fn attempts(&self, recipient: &str) -> usize {
        self.attempts
            .lock()
            .unwrap()
            .get(recipient)
            .copied()
            .unwrap_or(0)
    }

    pub fn all(&self) -> Vec<Notice> {
        self.delivered.lock().unwrap().clone()
    }
}

impl Notifier for PostOffice {
    fn send<'a>(&'a self, notice: &'a Notice) -> BoxFuture<'a, Delivery> {
        let to = key(notice);
        *self.attempts.lock().unwrap().entry(to.clone()).or_default() += 1;
        if self.stall.lock().unwrap().as_deref() == Some(to.as_str()) {
            self.stalled.notify_one();
            return Box::pin(std::future::pending());
        }
        let outcome = self
            .script
            .lock()
            .unwrap()
            .get_mut(&to)
            .and_then(VecDeque::pop_front)
            .unwrap_or(Delivery::Delivered);
        if outcome == Delivery::Delivered {
            self.delivered.lock().unwrap().push(notice.clone());
        }
        Box::pin(async move { outcome })
    }
}

pub struct Team {
    pub app: App,
    /// A connection of its own, to look into the database.
    pub store: Store,
    pub post: Arc<PostOffice>,
    pub clock: Arc<FixedClock>,
    pub now: DateTime<Utc>,
    db: PathBuf,
    matrix_dir: PathBuf,
    restarts: usize,
    /// Time stands still unless a timer is waited on, which then passes at
    /// once: a rate limit's wait takes no real time.
    pub runtime: tokio::runtime::Runtime,
    _dir: tempfile::TempDir,
}

struct Prefixed(String, CountingIds);
impl IdSource for Prefixed {
    fn new_id(&self) -> String {
        format!("{}{}", self.0, self.1.new_id())
    }
}

impl Team {
    pub fn new(start: &str) -> Team {
        let dir = tempfile::tempdir().unwrap();
        let matrix_dir = dir.path().join("matrix");
        std::fs::create_dir(&matrix_dir).unwrap();
        let shipped = crate::support::repo_path("data/matrix/serverless-functions.toml");
        std::fs::copy(shipped, matrix_dir.join("serverless-functions.toml")).unwrap();
        let db = dir.path().join("bot.db");
        let now = utc(start);
        let clock = Arc::new(FixedClock::new(now));
        let post = Arc::new(PostOffice::default());
        Team {
            app: crate::app_support::app_on(
                &matrix_dir,
                &db,
                clock.clone(),
                post.clone(),
                Arc::new(CountingIds::default()),
            ),
            store: Store::open(&db).unwrap(),
            post,
            clock,
            now,
            db,
            matrix_dir,
            restarts: 0,
            runtime: tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .start_paused(true)
                .build()
                .unwrap(),
            _dir: dir,
        }
    }

    /// Another process on the same database: nothing in memory survives.
    pub fn another_process(&mut self) -> App {
        self.restarts += 1;
        crate::app_support::app_on(
            &self.matrix_dir,
            &self.db,
            self.clock.clone(),
            self.post.clone(),
            Arc::new(Prefixed(
                format!("p{}-", self.restarts),
                CountingIds::default(),
            )),
        )
    }

    pub fn restart(&mut self) {
        self.app = self.another_process();
    }

    pub fn at(&mut self, time: &str) {
        self.now = utc(time);
        self.clock.set(self.now);
    }

    /// One pass of the scheduler at the pinned time, over Discord and
    /// console workspaces.
    pub fn pass(&mut self) -> Vec<PassEvent> {
        let now = self.now;
        self.runtime
            .block_on(
                self.app
                    .run_due(now, &[Platform::Discord, Platform::Console]),
            )
            .unwrap()
    }

    /// A pass's events as "kind member result week local_time" lines.
    pub fn pass_lines(&mut self) -> Vec<String> {
        self.pass().iter().map(line).collect()
    }

    pub fn act(&mut self, who: &Actor, action: Action) -> Reply {
        let request = Request {
            actor: who.clone(),
            action,
        };
        self.runtime.block_on(self.app.handle(&request))
    }

    pub fn run(&mut self, who: &Actor, line: &str) -> Reply {
        let action = parse_command(line.trim_start_matches('/')).unwrap();
        let reply = self.act(who, action);
        assert_ne!(
            reply.outcome,
            skillbot::app::Outcome::Failed,
            "{line}: {reply:#?}"
        );
        reply
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

    /// The latest message the post office delivered to a member.
    pub fn last_to(&self, who: &Actor) -> Reply {
        self.post
            .to(&who.user_id)
            .pop()
            .unwrap_or_else(|| panic!("nothing was delivered to {}", who.display_name))
    }
}

/// "checkin ann-id sent 2026-W14 2026-03-30T09:00:00+02:00"
pub fn line(e: &PassEvent) -> String {
    let kind = serde_json::to_value(e.kind).unwrap();
    let mut text = format!(
        "{} {} {} {} {}",
        kind.as_str().unwrap(),
        e.member.as_deref().unwrap_or("-"),
        e.result,
        e.week,
        e.local_time
    );
    if let Some(error) = &e.error {
        text.push_str(&format!(" ({error})"));
    }
    text
}
