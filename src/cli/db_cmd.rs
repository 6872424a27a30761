//! `skillbot db backup | check`.

use super::Failure;
use crate::store::Store;
use std::io::Write;
use std::path::Path;

pub fn backup(database: &Path, target: &Path, out: &mut dyn Write) -> Result<bool, Failure> {
    let store = Store::open_existing(database)?;
    store.backup_to(target)?;
    writeln!(
        out,
        "backed up {} to {}",
        database.display(),
        target.display()
    )?;
    Ok(true)
}

pub fn check(database: &Path, out: &mut dyn Write) -> Result<bool, Failure> {
    let health = Store::open_existing(database)?.health()?;
    writeln!(out, "database: {}", database.display())?;
    writeln!(out, "integrity: {}", health.integrity.join("; "))?;
    let verdict = match health.schema_version.cmp(&health.latest_version) {
        std::cmp::Ordering::Equal => "up to date",
        std::cmp::Ordering::Less => "older: the next start of skillbot upgrades it",
        std::cmp::Ordering::Greater => "newer than this skillbot: run a newer skillbot",
    };
    writeln!(
        out,
        "schema version: {} (this skillbot: {}), {verdict}",
        health.schema_version, health.latest_version
    )?;
    if !health.missing.is_empty() {
        writeln!(
            out,
            "schema: missing {}; the file was changed by another program or is damaged: restore a backup",
            health.missing.join(", ")
        )?;
    }
    Ok(health.ok())
}
