//! What a member sees on opening a front end whose messages do not outlive
//! the process (the console): the messages kept for them while they were
//! away (a check-in, its reminder), the latest digest if they lead, and
//! the dialog they left unfinished.

use super::component_id::ComponentId;
use super::{Actor, App, AppError, Ctx, Reply, chain, dialogs};

impl App {
    /// Everything waiting for `actor`, oldest first; kept messages are
    /// marked shown. Faults are logged, and what could be read is shown.
    pub async fn opening(&self, actor: &Actor) -> Vec<Reply> {
        let result = match Ctx::new(self, actor).await {
            Ok(mut cx) => waiting(&mut cx).await,
            Err(e) => Err(e),
        };
        result.unwrap_or_else(|e| {
            tracing::warn!(error = %chain(&e), "waiting messages could not be shown");
            Vec::new()
        })
    }
}

/// The latest digest of a workspace, made again from the check-ins.
pub(crate) async fn latest_digest(
    cx: &Ctx<'_>,
    workspace: crate::team::WorkspaceId,
) -> Result<Option<crate::report::Digest>, AppError> {
    let catalog = cx.catalog.clone();
    cx.read(move |s| {
        s.latest_digest(workspace)?
            .map(|(week, at)| super::digest::digest_of(s, &catalog, workspace, &week, at))
            .transpose()
    })
    .await
}

async fn waiting(cx: &mut Ctx<'_>) -> Result<Vec<Reply>, AppError> {
    let mut replies = Vec::new();
    if let Some(me) = cx.known_me().await? {
        let now = cx.now;
        let kept = cx.write(move |s| s.take_messages(me, now)).await?;
        for json in kept {
            match serde_json::from_str::<Reply>(&json) {
                Ok(reply) => replies.push(reply),
                Err(e) => tracing::warn!(error = %e, "a kept message is unreadable; skipped"),
            }
        }
    }
    if let Some(workspace) = cx.known_workspace()
        && cx.is_lead().await?
        && let Some(digest) = latest_digest(cx, workspace).await?
    {
        replies.push(Reply::titled(
            format!("{} (the latest digest)", digest.title()),
            digest.text(),
        ));
    }
    if let Some(open) = dialogs::resume(cx).await? {
        let shown = |reply: &Reply| -> Vec<String> {
            reply
                .buttons
                .iter()
                .filter_map(|b| match ComponentId::parse(&b.id) {
                    Some(ComponentId::Dialog { id, .. }) => Some(id),
                    _ => None,
                })
                .collect()
        };
        let ids = shown(&open);
        if !replies
            .iter()
            .any(|r| shown(r).iter().any(|id| ids.contains(id)))
        {
            replies.push(open);
        }
    }
    Ok(replies)
}
