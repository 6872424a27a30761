//! /matrix reload: the shared matrix read again from its directory, and
//! what changed in it.

use crate::app::core::{AppError, AppResult, CommandArgs, Ctx};
use crate::app::protocol::Reply;
use crate::app::protocol::spec::{CommandSpec, Options};
use crate::i18n::Arg;
use crate::matrix::{Catalog, Skill};
use crate::{msg, tr};

pub struct Reload;

impl CommandArgs for Reload {
    const SPEC: CommandSpec = CommandSpec::new("matrix reload").for_leads().slow();

    fn parse(_: &Options<'_>) -> Result<Self, AppError> {
        Ok(Reload)
    }

    async fn run(self, cx: &mut Ctx<'_>) -> AppResult {
        reload(cx).await
    }
}

pub(super) async fn reload(cx: &Ctx<'_>) -> AppResult {
    // Read and compared outside any lock and off the async workers:
    // requests go on meanwhile with the old matrix.
    let dir = cx.app.matrix_dir().to_path_buf();
    let old = cx.app.shared_catalog();
    let (fresh, diff) = tokio::task::spawn_blocking(move || {
        Catalog::load_dir(&dir).map(|fresh| {
            let diff = Diff::between(&old, &fresh);
            (fresh, diff)
        })
    })
    .await
    .map_err(|e| AppError::caused("reading the matrix directory stopped", e))?
    .map_err(|e| AppError::User(msg!("reload-faults", faults = e.msg())))?;
    let total = fresh.len();
    cx.app.replace_shared(fresh);
    let list = |v: &[String]| -> Arg {
        if v.is_empty() {
            String::new().into()
        } else {
            msg!("reload-slugs", slugs = crate::i18n::list(v)).into()
        }
    };
    let Diff {
        added,
        removed,
        changed,
    } = diff;
    // The count a lead compares with /skills: the shared skills and this
    // server's own.
    let own = cx
        .catalog
        .skills()
        .iter()
        .filter(|s| cx.catalog.is_local(s.slug()))
        .count();
    let total = if own == 0 {
        msg!("reload-total", count = total)
    } else {
        msg!("reload-total-own", count = total, all = total + own)
    };
    let text = if added.is_empty() && removed.is_empty() && changed.is_empty() {
        tr!(cx, "reload-nothing", total = total)
    } else {
        tr!(
            cx,
            "reload-changed",
            added = added.len(),
            added_slugs = list(&added),
            removed = removed.len(),
            removed_slugs = list(&removed),
            changed = changed.len(),
            changed_slugs = list(&changed),
            total = total
        )
    };
    Ok(Reply::text(text).private())
}

/// Which skills a reload added, removed and changed, by slug.
pub(super) struct Diff {
    added: Vec<String>,
    removed: Vec<String>,
    changed: Vec<String>,
}

impl Diff {
    fn between(old: &Catalog, fresh: &Catalog) -> Diff {
        let slugs =
            |it: &mut dyn Iterator<Item = &Skill>| it.map(|s| s.slug().to_string()).collect();
        Diff {
            added: slugs(
                &mut fresh
                    .skills()
                    .iter()
                    .filter(|s| old.get(s.slug()).is_none()),
            ),
            removed: slugs(
                &mut old
                    .skills()
                    .iter()
                    .filter(|s| fresh.get(s.slug()).is_none()),
            ),
            changed: slugs(
                &mut fresh
                    .skills()
                    .iter()
                    .filter(|s| old.get(s.slug()).is_some_and(|o| o != *s)),
            ),
        }
    }
}
