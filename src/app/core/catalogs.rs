//! The skills each workspace sees, cached, and the workspaces seen since
//! start: forgotten when another process changes them.

use crate::app::core::{App, AppError, SKILLS_LOOK_EVERY_MS};
use crate::app::protocol::Actor;
use crate::matrix::{Catalog, parse_skill_toml};
use crate::team::WorkspaceId;
use std::path::Path;
use std::sync::atomic::Ordering;
use std::sync::{Arc, PoisonError};

impl App {
    /// The skills the asker's workspace sees, when its workspace and they
    /// are known since start: no trip to the database.
    pub(crate) fn cached_catalog(&self, actor: &Actor) -> Option<Arc<Catalog>> {
        let key = (actor.platform, actor.workspace_id.clone());
        let workspace = *self
            .known_workspaces
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(&key)?;
        match workspace {
            None => Some(self.shared_catalog()),
            Some(w) => self
                .workspace_catalogs
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .get(&w)
                .cloned(),
        }
    }

    /// The workspace's id if it has a row; reads nothing twice.
    pub(crate) async fn known_workspace(
        &self,
        actor: &Actor,
    ) -> Result<Option<WorkspaceId>, AppError> {
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

    pub(crate) fn remember_workspace(&self, actor: &Actor, workspace: WorkspaceId) {
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
    pub(crate) fn notice_skill_changes(&self) -> Result<(), AppError> {
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
    pub(crate) fn notice_skill_changes_lately(&self) -> Result<(), AppError> {
        let now = self.now().timestamp_millis();
        let last = self.skills_checked_at.load(Ordering::Relaxed);
        if (last..last.saturating_add(SKILLS_LOOK_EVERY_MS)).contains(&now) {
            return Ok(());
        }
        self.notice_skill_changes()
    }

    /// The skills a workspace sees: the shared ones and its own imports.
    pub(crate) async fn catalog_for(
        &self,
        workspace: Option<WorkspaceId>,
    ) -> Result<Arc<Catalog>, AppError> {
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
    pub(crate) fn forget_catalogs(&self) {
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
    pub(crate) fn replace_shared(&self, catalog: Catalog) {
        *self.shared.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(catalog);
        self.forget_catalogs();
    }
}
