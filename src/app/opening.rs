//! What a member sees on opening a front end whose messages do not outlive
//! the process (the console): the messages kept for them while they were
//! away (a check-in, its reminder), the latest digest if they lead, and
//! the dialog they left unfinished.

use super::component_id::ComponentId;
use super::{Actor, App, AppError, Ctx, Reply, Said, chain, dialogs};
use crate::tr;

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

impl App {
    /// The platform user ids of the asker's workspace's members: for a
    /// front end whose users exist only once they used it (the console),
    /// to tell a name typed wrong from a member.
    pub async fn members_here(&self, asker: &Actor) -> Result<Vec<String>, AppError> {
        let (platform, workspace) = (asker.platform, asker.workspace_id.clone());
        Ok(self
            .db()
            .read(move |s| {
                let Some(w) = s.find_workspace(platform, &workspace)? else {
                    return Ok(Vec::new());
                };
                Ok(s.members(w)?.into_iter().map(|m| m.external_id).collect())
            })
            .await?)
    }
}

/// A kept message, rendered for its reader; with what it is named by
/// once it is out of date.
struct Kept {
    reply: Reply,
    missed_as: Option<String>,
}

/// A kept message as stored: what to say (this version), or a reply
/// rendered by a version before the catalog, shown as it was kept.
fn read_kept(json: &str, reader: crate::i18n::Locale) -> Option<Kept> {
    if let Ok(said) = serde_json::from_str::<Said>(json) {
        return Some(Kept {
            reply: said.render(reader),
            missed_as: said.missed_as,
        });
    }
    match serde_json::from_str::<Reply>(json) {
        Ok(reply) => {
            // The old form's title ended with its week: "Your weekly
            // check-in (2026-W12)".
            let missed_as = reply
                .title
                .as_deref()
                .and_then(|t| t.rsplit_once('(').map(|(_, w)| w.trim_end_matches(')')))
                .map(str::to_string);
            Some(Kept { reply, missed_as })
        }
        Err(e) => {
            tracing::warn!(error = %e, "a kept message is unreadable; skipped");
            None
        }
    }
}

/// The kept messages worth showing: one whose buttons belong to a dialog
/// that is over (last week's check-in, once this week's came) is said in
/// one line instead ("missed 2026-W12, 2026-W13"), and of several messages
/// of one dialog (a check-in and its reminder) only the latest is shown,
/// so that no old card offers live-looking buttons.
async fn still_open(cx: &Ctx<'_>, messages: Vec<Kept>) -> Result<Vec<Reply>, AppError> {
    let dialog_of = |reply: &Reply| {
        reply
            .buttons
            .iter()
            .find_map(|b| match ComponentId::parse(&b.id) {
                Some(ComponentId::Dialog { id, .. }) => Some(id),
                _ => None,
            })
    };
    let ids: Vec<Option<String>> = messages.iter().map(|k| dialog_of(&k.reply)).collect();
    let now = cx.now;
    let asked: Vec<String> = ids.iter().flatten().cloned().collect();
    let open: std::collections::HashSet<String> = cx
        .read(move |s| {
            let mut open = std::collections::HashSet::new();
            for id in asked {
                if let Some(row) = s.dialog(&id)?
                    && row.expires_at >= now
                    && row.saved.is_none()
                {
                    open.insert(id);
                }
            }
            Ok(open)
        })
        .await?;
    let mut shown: Vec<Reply> = Vec::new();
    let mut missed: Vec<String> = Vec::new();
    for (i, (kept, id)) in messages.into_iter().zip(&ids).enumerate() {
        let Some(id) = id else {
            shown.push(kept.reply);
            continue;
        };
        let later_of_same = ids[i + 1..].iter().any(|later| later.as_ref() == Some(id));
        if later_of_same {
            continue;
        }
        if open.contains(id) {
            shown.push(kept.reply);
        } else {
            let what = kept
                .missed_as
                .unwrap_or_else(|| tr!(cx, "kept-earlier-message"));
            if !missed.contains(&what) {
                missed.push(what);
            }
        }
    }
    if !missed.is_empty() {
        shown.insert(
            0,
            Reply::text(tr!(cx, "kept-missed", missed = crate::i18n::list(missed))).private(),
        );
    }
    Ok(shown)
}

async fn waiting(cx: &mut Ctx<'_>) -> Result<Vec<Reply>, AppError> {
    let mut replies = Vec::new();
    if let Some(me) = cx.known_me().await? {
        let now = cx.now;
        let kept = cx.write(move |s| s.take_messages(me, now)).await?;
        let mut messages = Vec::new();
        messages.extend(
            kept.iter()
                .filter_map(|json| read_kept(json, cx.actor.locale)),
        );
        replies.extend(still_open(cx, messages).await?);
    }
    if let Some(workspace) = cx.known_workspace()
        && cx.is_lead().await?
        && let Some(digest) = super::checkin::digest::latest_digest(cx, workspace).await?
    {
        replies.push(Reply::titled(
            tr!(cx, "digest-latest", title = digest.title()),
            digest.text(cx.actor.locale),
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
