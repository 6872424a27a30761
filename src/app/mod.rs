//! The use cases, for every chat front end. A front end hands `App::handle`
//! a request (who asks, what they did) and renders the platform-neutral
//! `Reply` it gets back. The app owns its database, its clock and the
//! notifier for the messages it starts itself; permissions are decided
//! here, not in the front ends.
//!
//! Where things go:
//! - a command: a struct implementing `CommandArgs` in the module of its
//!   topic (`skill`, `assess`, ...) and one line in `commands.rs`;
//! - a dialog kind: a variant of `dialogs::DialogState` and its handler,
//!   routed in `dialogs.rs`; its buttons' actions are `DialogAction`s;
//! - a message the bot starts: a `Notice` delivered through the notifier;
//! - background work: a pass at a given `now` that returns what it did
//!   (`scheduler`), its state in the database.

mod assess;
mod checkin;
mod commands;
mod component_id;
mod context;
mod dialogs;
mod history;
mod inbox;
pub use crate::markup;
mod matrix;
pub mod notify;
mod pick;
mod privacy;
mod profile;
pub mod render;
pub mod reply;
pub mod reports;
pub mod request;
pub mod said;
mod skill;
pub mod spec;
mod suggest;
mod targets;
mod team;
pub mod why;

pub use checkin::pass::{PassEnd, PassOptions, PassSummary};
pub use checkin::scheduler::{EventKind, PassEvent};
pub use notify::{Delivery, NoNotifier, Notice, Notifier, Notifiers, Recipient, RetryPolicy};
pub use reply::{
    Attachment, Button, Choice, Field, Modal, ModalField, Outcome, Reply, Select, Style,
};
pub use request::{Action, Actor, ChannelRef, Request, RoleRef, Upload, UserRef, Value};
pub use said::{Said, SaidButton};

pub(crate) use context::Ctx;

use crate::clock::Clock;
use crate::i18n::{Locale, Msg};
use crate::matrix::{Catalog, LookupError, parse_skill_toml};
use crate::store::{Db, StoreError};
use crate::team::{Platform, WorkspaceId};
use crate::{msg, tr};
use chrono::{DateTime, Utc};
use commands::Command;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// Makes the ids of new dialogs; tests pass a predictable one.
pub trait IdSource: Send + Sync {
    fn new_id(&self) -> String;
}

/// Random 128-bit ids, for production.
#[derive(Debug)]
pub struct RandomIds;

impl IdSource for RandomIds {
    fn new_id(&self) -> String {
        uuid::Uuid::new_v4().simple().to_string()
    }
}

/// "d1", "d2", ...: for tests.
#[derive(Debug, Default)]
pub struct CountingIds(std::sync::atomic::AtomicU64);

impl IdSource for CountingIds {
    fn new_id(&self) -> String {
        let n = self.0.fetch_add(1, Ordering::Relaxed) + 1;
        format!("d{n}")
    }
}

/// Something went wrong: either the user's input (they are told what to
/// type instead) or inside (logged with its causes, and the user gets an
/// apology).
#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// What to tell the user, rendered in their language (the log shows
    /// its id).
    #[error("refused: {}", .0.id)]
    User(Msg),
    /// A name the user typed fits several things: they pick one (`keys`
    /// name each exactly; `labels` are what they read).
    #[error("ambiguous {what}: {input}")]
    Choose {
        what: &'static str,
        input: String,
        labels: Vec<Msg>,
        keys: Vec<String>,
    },
    #[error("the database failed")]
    Store(#[from] StoreError),
    #[error("{what}")]
    Internal {
        what: String,
        #[source]
        cause: Option<Box<dyn std::error::Error + Send + Sync>>,
    },
}

impl AppError {
    /// What the user is told of this error.
    pub(crate) fn message(&self) -> Msg {
        match self {
            AppError::User(said) => said.clone(),
            AppError::Choose {
                what,
                input,
                labels,
                ..
            } => msg!(
                "lookup-ambiguous",
                what = *what,
                input = input,
                names = crate::i18n::list(labels)
            ),
            AppError::Store(_) | AppError::Internal { .. } => msg!("request-failed"),
        }
    }

    pub(crate) fn caused(
        what: impl Into<String>,
        cause: impl std::error::Error + Send + Sync + 'static,
    ) -> AppError {
        AppError::Internal {
            what: what.into(),
            cause: Some(Box::new(cause)),
        }
    }
}

impl From<LookupError> for AppError {
    fn from(e: LookupError) -> Self {
        match e {
            LookupError::Ambiguous {
                what,
                input,
                candidates,
                keys,
            } => AppError::Choose {
                what,
                input,
                labels: candidates,
                keys,
            },
            e @ LookupError::Unknown { what: "skill", .. } => {
                AppError::User(msg!("lookup-skills-hint", error = e.message()))
            }
            other => AppError::User(other.message()),
        }
    }
}

impl From<crate::assess::RatingError> for AppError {
    fn from(e: crate::assess::RatingError) -> Self {
        AppError::User(e.message())
    }
}

/// An error and its causes on one line: "the database failed: database
/// error: disk I/O error".
pub fn chain(error: &dyn std::error::Error) -> String {
    let mut text = error.to_string();
    let mut cause = error.source();
    while let Some(e) = cause {
        text.push_str(": ");
        text.push_str(&e.to_string());
        cause = e.source();
    }
    text
}

type AppResult = Result<Reply, AppError>;

/// The longest name the app takes for a member or a platform role.
pub const MAX_NAME_CHARS: usize = 100;

/// How long an unfinished dialog waits for its next step.
pub const DIALOG_LIFETIME_HOURS: i64 = 24;

/// What became of one notice, for the asker: whom it was for, whether
/// they have it, and a line to tell (it was kept, or did not arrive).
struct Sent {
    whom: String,
    got: bool,
    line: Option<String>,
}

/// What an app is made with besides its database and matrix.
pub struct Settings {
    /// The shared matrix directory, re-read by /matrix reload.
    pub matrix_dir: PathBuf,
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn IdSource>,
    /// The notifier of each platform the process serves; the console's
    /// inbox is added when it is not given.
    pub notifiers: Notifiers,
    pub retry: RetryPolicy,
}

impl std::fmt::Debug for Settings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Settings")
            .field("matrix_dir", &self.matrix_dir)
            .field("retry", &self.retry)
            .finish_non_exhaustive()
    }
}

/// How often the answers from memory alone look for skills changed by
/// another process (`App::notice_skill_changes_lately`).
const SKILLS_LOOK_EVERY_MS: i64 = 250;

pub struct App {
    db: Db,
    settings: Settings,
    shared: RwLock<Arc<Catalog>>,
    /// Per workspace: the shared skills plus the ones it imported.
    workspace_catalogs: Mutex<HashMap<WorkspaceId, Arc<Catalog>>>,
    /// Workspaces seen since start, by platform id; `None` for one without
    /// a row yet (no one there has written). A row is never deleted; a
    /// `None` is forgotten when the database changes under another process.
    known_workspaces: Mutex<HashMap<(Platform, String), Option<WorkspaceId>>>,
    /// The store's skills revision when the cached catalogs were made: a
    /// skill imported or removed by another process moves it.
    skills_revision: AtomicI64,
    /// When (app clock, ms) `skills_revision` was last read.
    skills_checked_at: AtomicI64,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App")
            .field("db", &self.db)
            .field("settings", &self.settings)
            .finish_non_exhaustive()
    }
}

impl App {
    pub fn new(db: Db, catalog: Catalog, mut settings: Settings) -> App {
        if !settings.notifiers.has(Platform::Console) {
            let inbox = Arc::new(inbox::Inbox::new(db.clone(), Arc::clone(&settings.clock)));
            settings.notifiers = settings.notifiers.with(Platform::Console, inbox);
        }
        App {
            db,
            settings,
            shared: RwLock::new(Arc::new(catalog)),
            workspace_catalogs: Mutex::new(HashMap::new()),
            known_workspaces: Mutex::new(HashMap::new()),
            skills_revision: AtomicI64::new(i64::MIN),
            skills_checked_at: AtomicI64::new(i64::MIN),
        }
    }

    pub fn now(&self) -> DateTime<Utc> {
        self.settings.clock.now()
    }

    pub fn db(&self) -> &Db {
        &self.db
    }

    pub fn matrix_dir(&self) -> &Path {
        &self.settings.matrix_dir
    }

    pub fn shared_catalog(&self) -> Arc<Catalog> {
        Arc::clone(&self.shared.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Answers one request. Never fails: faults become replies.
    pub async fn handle(&self, request: &Request) -> Reply {
        if let Some(reply) = self.answer_without_store(request) {
            return reply;
        }
        let request = sanitized(request);
        let request = match self.in_dialogs_workspace(&request).await {
            Ok(Some(r)) => std::borrow::Cow::Owned(r),
            Ok(None) => request,
            Err(e) => return finish(&request, Err(e)),
        };
        let result = match Ctx::new(self, &request.actor).await {
            Ok(mut cx) => dispatch(&mut cx, &request.action).await,
            Err(e) => Err(e),
        };
        finish(&request, result)
    }

    /// A press in a direct message on a dialog the bot started in the
    /// presser's own workspace (a weekly check-in) is answered as if made
    /// there, with a member's rights only: a direct message carries no
    /// roles. `None` for anything else, which goes on as it came.
    async fn in_dialogs_workspace(&self, request: &Request) -> Result<Option<Request>, AppError> {
        let actor = &request.actor;
        let id = match &request.action {
            Action::Button { id } | Action::Select { id, .. } | Action::Modal { id, .. } => id,
            Action::Command { .. } => return Ok(None),
        };
        let Some(component_id::ComponentId::Dialog { id: dialog, .. }) =
            component_id::ComponentId::parse(id)
        else {
            return Ok(None);
        };
        if !actor.direct {
            return Ok(None);
        }
        let user = actor.user_id.clone();
        let platform = actor.platform.as_str();
        let home = self
            .db
            .read(move |s| {
                let Some(row) = s.dialog(&dialog)? else {
                    return Ok(None);
                };
                let Some(owner) = s.find_member_by_id(row.owner)? else {
                    return Ok(None);
                };
                if owner.external_id != user {
                    return Ok(None);
                }
                Ok(s.workspace_identity(owner.workspace)?
                    .filter(|(p, _, _)| p == platform)
                    .map(|(_, external, name)| (external, name)))
            })
            .await?;
        Ok(home.map(|(workspace_id, workspace_name)| Request {
            actor: Actor {
                workspace_id,
                workspace_name,
                admin: false,
                roles: Vec::new(),
                ..actor.clone()
            },
            action: request.action.clone(),
        }))
    }

    /// The answer to a question about the matrix alone (/skill, "What's
    /// next") when the asker's workspace and its skills are known since
    /// start; `None` when the request needs the database. The most frequent
    /// question is so answered without a trip to the blocking pool.
    pub fn answer_without_store(&self, request: &Request) -> Option<Reply> {
        // Another process may have imported a skill since.
        self.notice_skill_changes_lately().ok()?;
        let key = (request.actor.platform, request.actor.workspace_id.clone());
        let workspace = *self
            .known_workspaces
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)?;
        let catalog = match workspace {
            None => self.shared_catalog(),
            Some(w) => self
                .workspace_catalogs
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&w)
                .cloned()?,
        };
        let result = match &request.action {
            Action::Command { name, options } if name == skill::SPEC_NAME => {
                match Command::parse(name, options) {
                    Ok(Some(Command::Skill(args))) => {
                        args.answer(request.actor.locale, &catalog)?
                    }
                    Ok(_) => return None,
                    Err(e) => Err(e),
                }
            }
            Action::Button { id } => match component_id::ComponentId::parse(id)? {
                component_id::ComponentId::Next { slug, level, role } => {
                    skill::next_in(request.actor.locale, &catalog, &slug, level, role.as_ref())
                }
                component_id::ComponentId::Dialog { .. }
                | component_id::ComponentId::History { .. } => return None,
            },
            _ => return None,
        };
        // Candidates are offered as buttons, which takes a dialog. Any other
        // refusal (no such skill) goes the full way too, which looks again
        // for skills another process imported this very moment.
        if result.is_err() {
            return None;
        }
        Some(finish(request, result))
    }

    /// The asker's latest unfinished dialog as its current step, with its
    /// buttons; `None` when there is none. For front ends whose messages do
    /// not outlive the process (the console).
    pub async fn resume(&self, actor: &Actor) -> Option<Reply> {
        let result = match Ctx::new(self, actor).await {
            Ok(mut cx) => dialogs::resume(&mut cx).await,
            Err(e) => Err(e),
        };
        result.unwrap_or_else(|e| {
            tracing::warn!(error = %chain(&e), "an unfinished dialog could not be shown again");
            None
        })
    }

    /// Delivers the messages a reply asked for through their platform's
    /// notifier, retrying as the settings allow; returns a line for the
    /// asker about each that was kept for later or did not arrive.
    pub async fn deliver(&self, notices: &[Notice], reader: Locale) -> Vec<String> {
        self.send_each(notices, reader)
            .await
            .into_iter()
            .filter_map(|sent| sent.line)
            .collect()
    }

    /// For a reply whose text reports its deliveries: delivers its notices
    /// and gives it the true text, naming who got the message and who did
    /// not (then it has no notices left). Any other reply is returned as it
    /// is, for `deliver` after it is shown.
    pub async fn conclude(&self, mut reply: Reply) -> Reply {
        let Some(lead_in) = reply.reports_delivery.take() else {
            return reply;
        };
        let notices = std::mem::take(&mut reply.notices);
        let mut got = Vec::new();
        let mut lines = Vec::new();
        for sent in self.send_each(&notices, reply.locale).await {
            if sent.got {
                got.push(sent.whom);
            }
            lines.extend(sent.line);
        }
        if !got.is_empty() {
            let names = crate::i18n::list(got);
            lines.insert(
                0,
                tr!(
                    reply.locale,
                    "delivered-to",
                    lead_in = lead_in,
                    names = names
                ),
            );
        }
        if lines.is_empty() {
            lines.push(reply.text.clone());
        }
        reply.text = lines.join("\n");
        reply
    }

    /// Sends each notice: whom it was for, and the line for the asker (who
    /// reads `reader`) when it did not arrive.
    async fn send_each(&self, notices: &[Notice], reader: Locale) -> Vec<Sent> {
        let mut sent = Vec::new();
        for notice in notices {
            let notifier = self.notifier_of(notice);
            let (outcome, attempts) =
                notify::send_with_retries(notifier, notice, self.settings.retry).await;
            let whom = match &notice.to {
                Recipient::Member { name, .. } => name.clone(),
                Recipient::Channel { .. } => tr!(reader, "dm-the-channel"),
            };
            let (got, line) = match outcome {
                Delivery::Delivered => {
                    tracing::info!(attempts, "message delivered");
                    (true, None)
                }
                Delivery::Queued => (true, Some(tr!(reader, "kept-for", name = &whom))),
                Delivery::Refused(why::Why::NotHere) => {
                    (false, Some(tr!(reader, "kept-never-here", name = &whom)))
                }
                Delivery::Refused(why) => {
                    tracing::info!(reason = %why.code(), "message refused");
                    let line = tr!(reader, "dm-refused", whom = &whom, why = why.msg());
                    (false, Some(line))
                }
                Delivery::RateLimited(_) | Delivery::Failed(_) => {
                    tracing::warn!(attempts, outcome = ?outcome, "message not delivered");
                    (false, Some(tr!(reader, "dm-busy", whom = &whom)))
                }
            };
            sent.push(Sent { whom, got, line });
        }
        sent
    }

    /// The notifier of the platform a notice comes from.
    pub(crate) fn notifier_of(&self, notice: &Notice) -> &dyn Notifier {
        match &notice.origin {
            Some((platform, _)) => self.settings.notifiers.of(*platform),
            None => self.settings.notifiers.of(Platform::Discord),
        }
    }

    /// Idle work: folds new ratings into the current levels (so that reads
    /// find little to merge) and forgets expired dialogs. Returns how many
    /// rows each touched.
    pub async fn tidy(&self) -> Result<(usize, usize), StoreError> {
        let now = self.now();
        let done = self
            .db
            .write_long(move |s| Ok((s.fold()?, s.purge_expired_dialogs(now)?)))
            .await?;
        self.db.upkeep().await?;
        Ok(done)
    }

    /// The workspace's id if it has a row; reads nothing twice.
    async fn known_workspace(&self, actor: &Actor) -> Result<Option<WorkspaceId>, AppError> {
        let key = (actor.platform, actor.workspace_id.clone());
        if let Some(w) = self
            .known_workspaces
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)
        {
            return Ok(*w);
        }
        let (platform, external) = key;
        let found = self
            .db
            .read(move |s| s.find_workspace(platform, &external))
            .await?;
        self.known_workspaces
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((actor.platform, actor.workspace_id.clone()), found);
        Ok(found)
    }

    fn remember_workspace(&self, actor: &Actor, workspace: WorkspaceId) {
        self.known_workspaces
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(
                (actor.platform, actor.workspace_id.clone()),
                Some(workspace),
            );
    }

    /// Forgets every cached catalog when a workspace's skills changed in
    /// the database, here or in another process (this process forgets its
    /// own changes as it makes them).
    fn notice_skill_changes(&self) -> Result<(), AppError> {
        self.skills_checked_at
            .store(self.now().timestamp_millis(), Ordering::Relaxed);
        let revision = self.db.skills_revision_now()?;
        if self.skills_revision.swap(revision, Ordering::Relaxed) != revision {
            self.forget_catalogs();
        }
        Ok(())
    }

    /// `notice_skill_changes` if it last looked `SKILLS_LOOK_EVERY_MS` ago
    /// or more. For the answers from memory alone (/skill), where that one
    /// read was the most of their cost: a skill another process changed is
    /// seen a quarter of a second later at most, one it added at once (a
    /// skill not found goes the full way).
    fn notice_skill_changes_lately(&self) -> Result<(), AppError> {
        let now = self.now().timestamp_millis();
        let last = self.skills_checked_at.load(Ordering::Relaxed);
        if (last..last.saturating_add(SKILLS_LOOK_EVERY_MS)).contains(&now) {
            return Ok(());
        }
        self.notice_skill_changes()
    }

    /// The skills a workspace sees: the shared ones and its own imports.
    async fn catalog_for(&self, workspace: Option<WorkspaceId>) -> Result<Arc<Catalog>, AppError> {
        let Some(workspace) = workspace else {
            return Ok(self.shared_catalog());
        };
        if let Some(c) = self
            .workspace_catalogs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&workspace)
        {
            return Ok(Arc::clone(c));
        }
        let shared = self.shared_catalog();
        let own = self.db.read(move |s| s.workspace_skills(workspace)).await?;
        let catalog = if own.is_empty() {
            shared
        } else {
            let mut skills = Vec::new();
            for (slug, text) in own {
                let origin = format!("{slug} (imported)"); // not prose: names it in the log
                let skill = parse_skill_toml(&text, Path::new(&origin)).map_err(|e| {
                    AppError::caused(format!("imported skill {slug} is unreadable"), e)
                })?;
                skills.push(skill);
            }
            Arc::new(shared.with_local(skills))
        };
        self.workspace_catalogs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert(workspace, Arc::clone(&catalog));
        Ok(catalog)
    }

    /// Forgets every cached catalog, and the workspaces seen without a row
    /// (another process may have made one since).
    fn forget_catalogs(&self) {
        self.workspace_catalogs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clear();
        self.known_workspaces
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .retain(|_, w| w.is_some());
    }

    /// Puts a freshly loaded shared matrix in place.
    fn replace_shared(&self, catalog: Catalog) {
        *self.shared.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(catalog);
        self.forget_catalogs();
    }
}

/// The request with the characters that delimit `markup` references taken
/// out of everything the user sent (typed, chosen or uploaded), so no one
/// can forge a mention. Files are cleaned as text when they are text; one
/// that is not is refused by whatever reads it.
fn sanitized(request: &Request) -> std::borrow::Cow<'_, Request> {
    use crate::text::RESERVED;
    let reserved = |s: &str| s.contains(RESERVED);
    let reserved_bytes = |b: &[u8]| std::str::from_utf8(b).is_ok_and(reserved);
    let any = reserved(&request.actor.display_name)
        || reserved(&request.actor.workspace_name)
        || match &request.action {
            Action::Command { options, .. } => options.iter().any(|(_, v)| match v {
                Value::Text(t) => reserved(t),
                Value::User(u) => reserved(&u.display_name),
                Value::Role(r) => reserved(&r.name),
                Value::Channel(c) => reserved(&c.name),
                Value::File(f) => reserved(&f.name) || reserved_bytes(&f.bytes),
                Value::Bool(_) => false,
            }),
            Action::Modal { fields, .. } => fields.iter().any(|(_, t)| reserved(t)),
            Action::Select { values, .. } => values.iter().any(|v| reserved(v)),
            Action::Button { .. } => false,
        };
    if !any {
        return std::borrow::Cow::Borrowed(request);
    }
    let mut r = request.clone();
    let clean = |s: &mut String| {
        if let std::borrow::Cow::Owned(clean) = crate::text::without_reserved(s) {
            *s = clean;
        }
    };
    clean(&mut r.actor.display_name);
    clean(&mut r.actor.workspace_name);
    match &mut r.action {
        Action::Command { options, .. } => {
            for (_, v) in options {
                match v {
                    Value::Text(t) => clean(t),
                    Value::User(u) => clean(&mut u.display_name),
                    Value::Role(role) => clean(&mut role.name),
                    Value::Channel(channel) => clean(&mut channel.name),
                    Value::File(file) => {
                        clean(&mut file.name);
                        if let Ok(text) = std::str::from_utf8(&file.bytes)
                            && let std::borrow::Cow::Owned(clean) =
                                crate::text::without_reserved(text)
                        {
                            file.bytes = clean.into_bytes();
                        }
                    }
                    Value::Bool(_) => {}
                }
            }
        }
        Action::Modal { fields, .. } => fields.iter_mut().for_each(|(_, t)| clean(t)),
        Action::Select { values, .. } => values.iter_mut().for_each(clean),
        Action::Button { .. } => {}
    }
    std::borrow::Cow::Owned(r)
}

pub(crate) async fn dispatch(cx: &mut Ctx<'_>, action: &Action) -> AppResult {
    match action {
        Action::Command { name, options } => {
            let Some(command) = Command::parse(name, options)? else {
                let names: Vec<String> = spec::COMMANDS
                    .iter()
                    .map(|c| format!("/{}", c.name))
                    .collect();
                return Err(AppError::User(msg!(
                    "command-unknown",
                    name = crate::text::shorten(name, crate::text::QUOTED_CHARS),
                    commands = crate::i18n::list(names)
                )));
            };
            let spec = command.spec();
            if spec.lead_only && !cx.is_lead().await? {
                return Err(lead_only(spec.name));
            }
            match command.run(cx).await {
                Err(AppError::Choose {
                    what,
                    input,
                    labels,
                    keys,
                }) => pick::offer(cx, name, options, what, &input, labels, keys).await,
                other => other,
            }
        }
        Action::Button { id } => component(cx, id, Vec::new(), None).await,
        Action::Select { id, values } => component(cx, id, values.clone(), None).await,
        Action::Modal { id, fields } => component(cx, id, Vec::new(), Some(fields.clone())).await,
    }
}

async fn component(
    cx: &mut Ctx<'_>,
    id: &str,
    values: Vec<String>,
    form: Option<Vec<(String, String)>>,
) -> AppResult {
    use component_id::ComponentId;
    match ComponentId::parse(id) {
        Some(ComponentId::Next { slug, level, role }) => {
            skill::next_in(cx.actor.locale, &cx.catalog, &slug, level, role.as_ref())
        }
        Some(ComponentId::History {
            member,
            skill,
            before,
        }) => history::more(cx, crate::team::MemberId(member), skill, before).await,
        Some(ComponentId::Dialog { id, step, action }) => {
            let input = dialogs::Input {
                action,
                step,
                values,
                form,
            };
            dialogs::on_action(cx, &id, input).await
        }
        None => Err(AppError::User(msg!("button-outdated"))),
    }
}

/// A use case's result as the reply the user sees, in their language.
fn finish(request: &Request, result: AppResult) -> Reply {
    let mut reply = answer(request, result);
    reply.locale = request.actor.locale;
    let actor = &request.actor;
    for notice in &mut reply.notices {
        notice.origin = Some((actor.platform, actor.workspace_id.clone()));
    }
    reply
}

fn answer(request: &Request, result: AppResult) -> Reply {
    match result {
        Ok(reply) => reply,
        Err(AppError::User(said)) => Reply::refused(said.render(&request.actor)),
        Err(AppError::Choose {
            what,
            input,
            labels,
            ..
        }) => Reply::refused(tr!(
            request.actor,
            "lookup-ambiguous",
            what = what,
            input = input,
            names = crate::i18n::list(labels)
        )),
        Err(e) => {
            tracing::error!(action = %request.action.label(), error = %chain(&e), "request failed");
            Reply {
                text: tr!(request.actor, "request-failed"),
                private: true,
                outcome: Outcome::Failed,
                ..Reply::default()
            }
        }
    }
}

pub(crate) fn lead_only(command: &str) -> AppError {
    AppError::User(msg!("lead-only", command = command))
}
