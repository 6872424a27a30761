//! The use cases, for every chat front end. A request (who asks, what they
//! did) and `now` come in; a platform-neutral `Reply` goes out. Permissions
//! are decided here, not in the front ends.

mod assess_cmd;
mod component_id;
mod dialog_state;
mod history_cmd;
mod matrix_cmd;
mod privacy_cmd;
mod profile_cmd;
pub mod render;
pub mod reply;
pub mod request;
mod skill_cmd;
pub mod spec;
mod suggest;

pub use reply::{
    Attachment, Button, Choice, Field, Modal, ModalField, Notice, Outcome, Reply, Select, Style,
};
pub use request::{Action, Actor, Request, Upload, UserRef, Value};
pub use suggest::MAX_CHOICES;

use crate::matrix::{Catalog, LookupError, Skill, parse_skill_toml};
use crate::store::{MemberId, Platform, Store, StoreError, WorkspaceId};
use chrono::{DateTime, Utc};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError, RwLock};

/// Makes the ids of new dialogs; tests pass a predictable one.
pub trait IdSource: Send + Sync {
    fn new_id(&self) -> String;
}

/// Random 128-bit ids, for production.
pub struct RandomIds;

impl IdSource for RandomIds {
    fn new_id(&self) -> String {
        uuid::Uuid::new_v4().simple().to_string()
    }
}

/// "d1", "d2", ...: for tests.
#[derive(Default)]
pub struct CountingIds(std::sync::atomic::AtomicU64);

impl IdSource for CountingIds {
    fn new_id(&self) -> String {
        let n = self.0.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        format!("d{n}")
    }
}

/// Something went wrong: either the user's input (they are told what to
/// type instead) or inside (logged, and the user gets an apology).
#[derive(Debug)]
pub enum AppError {
    User(String),
    Internal(String),
}

impl From<StoreError> for AppError {
    fn from(e: StoreError) -> Self {
        AppError::Internal(e.to_string())
    }
}

impl From<LookupError> for AppError {
    fn from(e: LookupError) -> Self {
        AppError::User(sentence(&e.to_string()))
    }
}

impl From<crate::assess::RatingError> for AppError {
    fn from(e: crate::assess::RatingError) -> Self {
        AppError::User(sentence(&e.to_string()))
    }
}

/// An error message from a lower layer as a sentence: capital first letter,
/// closing punctuation.
pub(crate) fn sentence(text: &str) -> String {
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '?', '!']) {
        out.push('.');
    }
    out
}

/// "1 level", "3 levels".
pub(crate) fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

type AppResult = Result<Reply, AppError>;

pub struct App {
    matrix_dir: PathBuf,
    shared: RwLock<Arc<Catalog>>,
    /// Per workspace: the shared skills plus the ones it imported.
    workspace_catalogs: Mutex<HashMap<WorkspaceId, Arc<Catalog>>>,
    /// Workspaces seen since start, by platform id: with the catalog cache
    /// they let matrix questions be answered without the database.
    known_workspaces: Mutex<HashMap<(Platform, String), WorkspaceId>>,
    /// The store's skills revision when the cached catalogs were made: a
    /// skill imported or removed by another process moves it.
    skills_revision: std::sync::atomic::AtomicI64,
    ids: Box<dyn IdSource>,
}

/// The longest name the app takes for a member or a platform role.
pub const MAX_NAME_CHARS: usize = 100;

/// How long an unfinished dialog waits for its next step.
pub const DIALOG_LIFETIME_HOURS: i64 = 24;

impl App {
    pub fn new(matrix_dir: &Path, catalog: Catalog, ids: Box<dyn IdSource>) -> App {
        App {
            matrix_dir: matrix_dir.to_path_buf(),
            shared: RwLock::new(Arc::new(catalog)),
            workspace_catalogs: Mutex::new(HashMap::new()),
            known_workspaces: Mutex::new(HashMap::new()),
            skills_revision: std::sync::atomic::AtomicI64::new(i64::MIN),
            ids,
        }
    }

    pub fn shared_catalog(&self) -> Arc<Catalog> {
        Arc::clone(&self.shared.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// Answers one request. Never fails: faults become replies.
    pub fn handle(&self, store: &mut Store, request: &Request, now: DateTime<Utc>) -> Reply {
        let result = Ctx::new(self, store, &request.actor, now)
            .and_then(|mut cx| cx.dispatch(&request.action));
        finish(request, result)
    }

    /// The asker's latest unfinished dialog as its current step, with its
    /// buttons; `None` when there is none. For front ends whose messages do
    /// not outlive the process (the console).
    pub fn resume(&self, store: &mut Store, actor: &Actor, now: DateTime<Utc>) -> Option<Reply> {
        let result =
            Ctx::new(self, store, actor, now).and_then(|mut cx| dialog_state::resume(&mut cx));
        match result {
            Ok(reply) => reply,
            Err(e) => {
                tracing::warn!(error = ?e, "an unfinished dialog could not be shown again");
                None
            }
        }
    }

    /// The answer to a question about the matrix alone (/skill, "What's
    /// next") when the asker's workspace has been seen since start; `None`
    /// when the request needs the database. Lets a front end skip the trip
    /// to the storage thread for the most frequent question.
    pub fn answer_without_store(&self, request: &Request) -> Option<Reply> {
        let key = (request.actor.platform, request.actor.workspace_id.clone());
        let workspace = *self
            .known_workspaces
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)?;
        let catalog = self
            .workspace_catalogs
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&workspace)
            .cloned()?;
        let result = match &request.action {
            Action::Command { name, options } if name == "skill" => {
                let spec = spec::find("skill")?;
                spec::Options::new(spec, options).and_then(|o| skill_cmd::skill_in(&catalog, &o))
            }
            Action::Button { id } => match component_id::ComponentId::parse(id)? {
                component_id::ComponentId::Next { slug, level, role } => {
                    skill_cmd::next_in(&catalog, &slug, level, role)
                }
                component_id::ComponentId::Dialog { .. } => return None,
            },
            _ => return None,
        };
        Some(finish(request, result))
    }
}

/// A use case's result as the reply the user sees.
fn finish(request: &Request, result: AppResult) -> Reply {
    match result {
        Ok(reply) => reply,
        Err(AppError::User(text)) => Reply::refused(text),
        Err(AppError::Internal(detail)) => {
            tracing::error!(action = %request.action.label(), error = %detail, "request failed");
            Reply {
                text: "Sorry, something went wrong on my side. It has been logged; please try again in a moment.".into(),
                private: true,
                outcome: Outcome::Failed,
                ..Reply::default()
            }
        }
    }
}

impl App {
    /// The skills a workspace sees: the shared ones and its own imports.
    fn catalog_for(&self, store: &Store, workspace: WorkspaceId) -> Result<Arc<Catalog>, AppError> {
        let mut cache = self
            .workspace_catalogs
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        if let Some(c) = cache.get(&workspace) {
            return Ok(Arc::clone(c));
        }
        let shared = self.shared_catalog();
        let own = store.workspace_skills(workspace)?;
        let catalog = if own.is_empty() {
            shared
        } else {
            let mut skills = Vec::new();
            for (slug, text) in own {
                let skill = parse_skill_toml(&text, Path::new(&format!("{slug} (imported)")))
                    .map_err(|e| AppError::Internal(e.to_string()))?;
                skills.push(skill);
            }
            Arc::new(shared.with_local(skills))
        };
        cache.insert(workspace, Arc::clone(&catalog));
        Ok(catalog)
    }

    fn forget_catalogs(&self, workspace: Option<WorkspaceId>) {
        let mut cache = self
            .workspace_catalogs
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        match workspace {
            Some(w) => {
                cache.remove(&w);
            }
            None => cache.clear(),
        }
    }
}

/// One request in progress.
pub(crate) struct Ctx<'a> {
    app: &'a App,
    store: &'a mut Store,
    actor: &'a Actor,
    now: DateTime<Utc>,
    workspace: WorkspaceId,
    catalog: Arc<Catalog>,
    member: Option<MemberId>,
}

impl<'a> Ctx<'a> {
    fn new(
        app: &'a App,
        store: &'a mut Store,
        actor: &'a Actor,
        now: DateTime<Utc>,
    ) -> Result<Self, AppError> {
        let workspace = store.workspace(
            actor.platform,
            &actor.workspace_id,
            &actor.workspace_name,
            now,
        )?;
        app.known_workspaces
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .insert((actor.platform, actor.workspace_id.clone()), workspace);
        let revision = store.skills_revision()?;
        if app
            .skills_revision
            .swap(revision, std::sync::atomic::Ordering::Relaxed)
            != revision
        {
            app.forget_catalogs(None);
        }
        let catalog = app.catalog_for(store, workspace)?;
        Ok(Ctx {
            app,
            store,
            actor,
            now,
            workspace,
            catalog,
            member: None,
        })
    }

    fn dispatch(&mut self, action: &Action) -> AppResult {
        match action {
            Action::Command { name, options } => {
                let spec = spec::find(name).ok_or_else(|| {
                    let names: Vec<String> = spec::COMMANDS
                        .iter()
                        .map(|c| format!("/{}", c.name))
                        .collect();
                    AppError::User(format!(
                        "There is no /{name} command. Try one of: {}.",
                        names.join(", ")
                    ))
                })?;
                if spec.lead_only && !self.is_lead()? {
                    return Err(lead_only(spec.name));
                }
                let options = spec::Options::new(spec, options)?;
                match spec.name {
                    "skill" => skill_cmd::skill(self, &options),
                    "profile" => profile_cmd::profile(self, &options),
                    "assess" => assess_cmd::start(self, &options),
                    "history" => history_cmd::history(self, &options),
                    "matrix list" => matrix_cmd::list(self),
                    "matrix import" => matrix_cmd::import(self, &options),
                    "matrix reload" => matrix_cmd::reload(self),
                    "config lead-role" => profile_cmd::lead_role(self, &options),
                    "privacy export" => privacy_cmd::export(self),
                    "privacy delete" => privacy_cmd::ask_delete(self),
                    other => Err(AppError::Internal(format!(
                        "command {other} has no handler"
                    ))),
                }
            }
            Action::Button { id } => self.component(id, None, None),
            Action::Select { id, values } => self.component(id, Some(values), None),
            Action::Modal { id, fields } => self.component(id, None, Some(fields)),
        }
    }

    /// `fields` is `Some` for a submitted form, even one left empty.
    fn component(
        &mut self,
        id: &str,
        values: Option<&Vec<String>>,
        fields: Option<&Vec<(String, String)>>,
    ) -> AppResult {
        use component_id::ComponentId;
        match ComponentId::parse(id) {
            Some(ComponentId::Next { slug, level, role }) => skill_cmd::next_button(self, &slug, level, role),
            Some(ComponentId::Dialog { id, action }) => {
                let input = assess_cmd::Input {
                    action: &action,
                    values: values.map(Vec::as_slice).unwrap_or_default(),
                    fields: fields.map(Vec::as_slice).unwrap_or_default(),
                    modal: fields.is_some(),
                };
                assess_cmd::step(self, &id, input)
            }
            None => Err(AppError::User(
                "This button is from an older version of skillbot and no longer works; run the command again."
                    .into(),
            )),
        }
    }

    /// The asking member, created on first use.
    fn member(&mut self) -> Result<MemberId, AppError> {
        if let Some(m) = self.member {
            return Ok(m);
        }
        let m = self.store.member(
            self.workspace,
            &self.actor.user_id,
            &self.actor.display_name,
            self.now,
        )?;
        self.member = Some(m);
        Ok(m)
    }

    /// Platform administrators, and holders of the configured lead role.
    fn is_lead(&self) -> Result<bool, AppError> {
        if self.actor.admin {
            return Ok(true);
        }
        let settings = self.store.workspace_settings(self.workspace)?;
        Ok(settings
            .lead_role
            .is_some_and(|lead| self.actor.roles.contains(&lead)))
    }

    fn find_skill(&self, input: &str) -> Result<&Skill, AppError> {
        Ok(self.catalog.find_skill(input)?)
    }

    fn new_id(&self) -> String {
        self.app.ids.new_id()
    }
}

fn lead_only(command: &str) -> AppError {
    AppError::User(format!(
        "/{command} is for team leads. Ask a lead, or an administrator to set the lead role with /config lead-role."
    ))
}
