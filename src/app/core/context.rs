//! One request in progress: who asks, when, in which workspace, with which
//! skills; and the way to the database. Reads go to a reader connection and
//! never write; the workspace and member rows are made by the first request
//! that writes.

use crate::app::core::{App, AppError};
use crate::app::protocol::Actor;
use crate::matrix::{Catalog, Skill};
use crate::store::{Store, StoreError};
use crate::team::{MemberId, WorkspaceId};
use chrono::{DateTime, Utc};
use std::sync::{Arc, PoisonError};

pub(crate) struct Ctx<'a> {
    pub app: &'a App,
    pub actor: &'a Actor,
    pub now: DateTime<Utc>,
    /// The shared skills and the workspace's own.
    pub catalog: Arc<Catalog>,
    /// `None` until the workspace has a row (no one there has written yet).
    workspace: Option<WorkspaceId>,
    member: Option<MemberId>,
}

impl crate::i18n::Reader for Ctx<'_> {
    /// Replies are for the asker.
    fn locale(&self) -> crate::i18n::Locale {
        self.actor.locale
    }
}

impl<'a> Ctx<'a> {
    pub async fn new(app: &'a App, actor: &'a Actor) -> Result<Ctx<'a>, AppError> {
        let now = app.now();
        // First: a change by another process may make a workspace that
        // had no row here have one (and skills of its own).
        app.notice_skill_changes()?;
        let workspace = app.known_workspace(actor).await?;
        let catalog = app.catalog_for(workspace).await?;
        Ok(Ctx {
            app,
            actor,
            now,
            catalog,
            workspace,
            member: None,
        })
    }

    /// A short read on a reader connection.
    pub async fn read<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, StoreError> + Send + 'static,
    {
        Ok(self.app.db.read(work).await?)
    }

    /// One use case that writes, in its own transaction(s).
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        Ok(self.app.db.write(work).await?)
    }

    /// A use case that writes and may take long, on the blocking pool.
    pub async fn write_long<T, F>(&self, work: F) -> Result<T, AppError>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T, StoreError> + Send + 'static,
    {
        Ok(self.app.db.write_long(work).await?)
    }

    /// The workspace, created if this is its first write.
    pub async fn workspace(&mut self) -> Result<WorkspaceId, AppError> {
        if let Some(w) = self.workspace {
            return Ok(w);
        }
        let actor = self.actor.clone();
        let now = self.now;
        let w = self
            .write(move |s| {
                s.workspace(
                    actor.platform,
                    &actor.workspace_id,
                    &actor.workspace_name,
                    now,
                )
            })
            .await?;
        self.app.remember_workspace(self.actor, w);
        self.workspace = Some(w);
        Ok(w)
    }

    /// The workspace if it has a row: reads of a workspace without one find
    /// nothing.
    pub fn known_workspace(&self) -> Option<WorkspaceId> {
        self.workspace
    }

    /// The asking member, created on first write; their display name follows
    /// the platform's.
    pub async fn me(&mut self) -> Result<MemberId, AppError> {
        if let Some(m) = self.member {
            return Ok(m);
        }
        let workspace = self.workspace().await?;
        let (user, name, zone, now) = (
            self.actor.user_id.clone(),
            self.actor.display_name.clone(),
            self.actor.zone.clone(),
            self.now,
        );
        let m = self
            .write(move |s| s.member_in_zone(workspace, &user, &name, zone.as_deref(), now))
            .await?;
        self.member = Some(m);
        Ok(m)
    }

    /// The asking member if they have a row, without creating one.
    pub async fn known_me(&mut self) -> Result<Option<MemberId>, AppError> {
        if self.member.is_some() {
            return Ok(self.member);
        }
        let Some(workspace) = self.workspace else {
            return Ok(None);
        };
        let user = self.actor.user_id.clone();
        let found = self
            .read(move |s| s.find_member(workspace, &user))
            .await?
            .map(|m| m.id);
        self.member = found;
        Ok(found)
    }

    /// Platform administrators, and holders of the configured lead role.
    pub async fn is_lead(&self) -> Result<bool, AppError> {
        if self.actor.admin {
            return Ok(true);
        }
        let Some(workspace) = self.workspace else {
            return Ok(false);
        };
        let settings = self.read(move |s| s.workspace_settings(workspace)).await?;
        Ok(settings
            .lead_role
            .is_some_and(|lead| self.actor.roles.contains(&lead)))
    }

    pub fn find_skill(&self, input: &str) -> Result<&Skill, AppError> {
        Ok(self.catalog.find_skill(input)?)
    }

    pub fn new_id(&self) -> String {
        self.app.settings.ids.new_id()
    }

    /// The IANA time zone the asker reads times in: their own if they set
    /// one, else the workspace's, else UTC.
    pub async fn zone(&mut self) -> Result<String, AppError> {
        if let Some(me) = self.known_me().await? {
            return self.read(move |s| s.member_zone(me)).await;
        }
        let Some(workspace) = self.workspace else {
            return Ok("UTC".into());
        };
        Ok(self
            .read(move |s| s.workspace_settings(workspace))
            .await?
            .time_zone)
    }

    /// Forgets the cached skills of this workspace (after an import).
    pub fn forget_catalog(&self) {
        if let Some(w) = self.workspace {
            self.app
                .workspace_catalogs
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .remove(&w);
        }
    }
}
