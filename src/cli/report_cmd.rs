//! `skillbot report ...`: the team reports for a lead at a terminal, on
//! standard output (text, CSV or JSON) or as a PNG file. Each run is
//! written to the workspace's audit log.

use super::{Failure, ReportFormat, ReportScope};
use crate::app::render::to_text;
use crate::app::reports::{
    TeamRows, gaps_view, history_rows, read_team, summary_view, trend_of, trend_reply,
};
use crate::matrix::Catalog;
use crate::report::{self, Filter, Track, chart, csv};
use crate::store::Store;
use crate::team::WorkspaceId;
use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use std::io::Write;
use std::path::Path;

/// What a report run needs: the store, the matrix, the workspace, its
/// team and time zone, and the scope typed.
pub struct Run {
    store: Store,
    catalog: Catalog,
    workspace: WorkspaceId,
    zone: String,
    now: DateTime<Utc>,
    slug: Option<String>,
    role: Option<String>,
}

impl Run {
    pub fn open(
        matrix_dir: &Path,
        database: &Path,
        scope: &ReportScope,
        now: DateTime<Utc>,
    ) -> Result<Run, Failure> {
        let catalog = Catalog::load_dir(matrix_dir)?;
        // An existing database: a report never creates one. Opened to
        // write, for the audit log (and migrated, as the bot would).
        Store::open_existing(database)?;
        let store = Store::open(database)?;
        let found = store.workspaces_with_id(&scope.workspace)?;
        let workspace = match found.as_slice() {
            [(id, _)] => *id,
            [] => {
                return Err(Failure::Usage(format!(
                    "there is no workspace {:?} in {}: give the name used with `console --workspace` or the Discord server id",
                    scope.workspace,
                    database.display()
                )));
            }
            many => {
                let platforms: Vec<&str> = many.iter().map(|(_, p)| p.as_str()).collect();
                return Err(Failure::Usage(format!(
                    "{:?} names a workspace on {}; the reports cannot tell them apart yet",
                    scope.workspace,
                    platforms.join(" and ")
                )));
            }
        };
        // Workspace skills imported in chat are part of its catalog.
        let own = store.workspace_skills(workspace)?;
        let mut local = Vec::new();
        for (slug, text) in own {
            if let Ok(skill) = crate::matrix::parse_skill_toml(&text, Path::new(&slug)) {
                local.push(skill);
            }
        }
        let catalog = if local.is_empty() {
            catalog
        } else {
            catalog.with_local(local)
        };
        let slug = scope
            .skill
            .as_deref()
            .map(|s| catalog.find_skill(s).map(|k| k.slug().to_string()))
            .transpose()?;
        let role = scope
            .role
            .as_deref()
            .map(|r| catalog.find_role(r).map(str::to_string))
            .transpose()?;
        let zone = store.workspace_settings(workspace)?.time_zone;
        Ok(Run {
            store,
            catalog,
            workspace,
            zone,
            now,
            slug,
            role,
        })
    }

    fn filter(&self) -> Filter<'_> {
        Filter {
            skill: self.slug.as_deref(),
            role: self.role.as_deref(),
            member: None,
        }
    }

    fn rows(&self) -> Result<TeamRows, Failure> {
        Ok(read_team(&self.store, self.workspace)?)
    }

    fn audit(&mut self, action: &str, what: &str) -> Result<(), Failure> {
        let detail = format!(
            "command line: {what} skill={} role={}",
            self.slug.as_deref().unwrap_or("all"),
            self.role.as_deref().unwrap_or("all")
        );
        Ok(self
            .store
            .audit(self.workspace, None, action, &detail, self.now)?)
    }
}

/// A file the report would replace is refused, unless `force`: checked
/// before the work (and its audit entry) is done.
fn refuse_existing(path: &Path, force: bool) -> Result<(), Failure> {
    if !force && path.exists() {
        return Err(Failure::Usage(format!(
            "{} exists; give another --out, or --force to replace it",
            path.display()
        )));
    }
    Ok(())
}

/// Writes the file, never over one that appeared meanwhile unless `force`.
fn write_new(path: &Path, bytes: &[u8], force: bool) -> Result<(), Failure> {
    let cannot = Failure::io(format!("cannot write {}", path.display()));
    let mut file = if force {
        std::fs::File::create(path)
    } else {
        std::fs::File::create_new(path)
    }
    .map_err(cannot)?;
    file.write_all(bytes)
        .map_err(Failure::io(format!("cannot write {}", path.display())))
}

fn print(out: &mut dyn Write, bytes: &[u8]) -> Result<(), Failure> {
    out.write_all(bytes)
        .map_err(Failure::io("cannot write the report"))
}

fn level_json(level: Option<crate::matrix::Level>) -> Value {
    level.map_or(json!("below the first level"), |l| json!(l.name()))
}

pub fn summary(mut run: Run, format: ReportFormat, out: &mut dyn Write) -> Result<bool, Failure> {
    // Written out only once the audit log has the run: nothing personal
    // leaves the process unrecorded, even when the output is cut short.
    let mut buf = Vec::new();
    let rows = run.rows()?;
    let team = rows.team(&run.catalog, run.now);
    let summary = report::summary(&team, &run.filter());
    match format {
        ReportFormat::Text => print(
            &mut buf,
            crate::app::markup::plain(&to_text(&summary_view(
                crate::i18n::Locale::default(),
                &team,
                &summary,
                &run.zone,
            )))
            .as_bytes(),
        )?,
        ReportFormat::Csv => print(&mut buf, &csv::summary(&summary))?,
        ReportFormat::Json => {
            let list: Vec<Value> = summary
                .iter()
                .map(|r| {
                    let levels: serde_json::Map<String, Value> = crate::matrix::Level::ALL
                        .iter()
                        .map(|l| {
                            (
                                l.name().to_string(),
                                json!(r.at_rank[usize::from(l.rank())]),
                            )
                        })
                        .collect();
                    json!({
                        "skill": r.skill, "role": r.role, "members": r.members,
                        "below_first_level": r.at_rank[0], "levels": levels,
                        "never_assessed": r.never.iter().map(|(_, n)| n).collect::<Vec<_>>(),
                        "median": r.median.map(level_json),
                        "target": r.target.map(|l| l.name()), "meeting_target": r.meeting,
                        "stale": r.stale, "self_lead_2_apart": r.disagreements,
                    })
                })
                .collect();
            print(&mut buf, format!("{}\n", Value::Array(list)).as_bytes())?;
        }
    }
    drop(team);
    run.audit("report", "team summary")?;
    print(out, &buf)?;
    Ok(true)
}

pub fn gaps(
    mut run: Run,
    member: Option<&str>,
    format: ReportFormat,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    // Written out only once the audit log has the run: nothing personal
    // leaves the process unrecorded, even when the output is cut short.
    let mut buf = Vec::new();
    let member = match member {
        Some(name) => Some(
            run.store
                .find_member(run.workspace, &name.to_lowercase())?
                .or(run.store.find_member(run.workspace, name)?)
                .ok_or_else(|| Failure::Usage(format!("no member {name:?} in this workspace")))?
                .id,
        ),
        None => None,
    };
    let rows = run.rows()?;
    let team = rows.team(&run.catalog, run.now);
    let filter = Filter {
        member,
        ..run.filter()
    };
    let gaps = report::gaps(&team, &filter);
    match format {
        ReportFormat::Text => {
            let reply = gaps_view(
                crate::i18n::Locale::default(),
                &team,
                &gaps,
                &report::coverage(&team, &filter),
                &run.zone,
            );
            print(
                &mut buf,
                crate::app::markup::plain(&to_text(&reply)).as_bytes(),
            )?;
        }
        ReportFormat::Csv => print(&mut buf, &csv::gaps(&gaps))?,
        ReportFormat::Json => {
            let list: Vec<Value> = gaps
                .iter()
                .map(|g| {
                    json!({
                        "member": g.name, "role": g.role, "skill": g.skill,
                        "level": if g.never_assessed() { json!(null) } else { level_json(g.level) },
                        "counted": match g.counted { Some(Track::Lead) => json!("lead"), Some(Track::Own) => json!("self"), None => json!(null) },
                        "self_level": g.own.map(|r| level_json(r.level)),
                        "lead_level": g.lead.map(|r| level_json(r.level)),
                        "target": g.target.name(), "gap": g.gap,
                        "next": g.next.map(|l| l.name()),
                        "required_next": g.required, "optional_next": g.optional,
                    })
                })
                .collect();
            print(&mut buf, format!("{}\n", Value::Array(list)).as_bytes())?;
        }
    }
    drop(team);
    run.audit("report", "team gaps")?;
    print(out, &buf)?;
    Ok(true)
}

pub fn trend(
    mut run: Run,
    weeks: u32,
    format: ReportFormat,
    png: Option<&Path>,
    force: bool,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    // Written out only once the audit log has the run: nothing personal
    // leaves the process unrecorded, even when the output is cut short.
    let mut buf = Vec::new();
    if !(1..=104).contains(&weeks) {
        return Err(Failure::Usage(format!("--weeks is 1 to 104, not {weeks}")));
    }
    let Some(slug) = run.slug.clone() else {
        return Err(Failure::Usage(
            "a trend is of one skill: give --skill".into(),
        ));
    };
    let ratings = run.store.skill_ratings(run.workspace, &slug, run.now)?;
    let rows = run.rows()?;
    let skill = run
        .catalog
        .get(&slug)
        .ok_or_else(|| Failure::Usage(format!("no skill {slug}")))?;
    let t = trend_of(skill, &rows.people, &ratings, run.now, weeks);
    let mut file = None;
    if let Some(path) = png {
        let bytes = chart::trend(crate::i18n::Locale::default(), skill.name(), &t)
            .map_err(|e| Failure::Usage(e.to_string()))?;
        refuse_existing(path, force)?;
        file = Some((path, bytes));
    } else {
        match format {
            ReportFormat::Text => print(
                &mut buf,
                crate::app::markup::plain(&to_text(&trend_reply(
                    crate::i18n::Locale::default(),
                    skill,
                    &t,
                    weeks,
                    &run.zone,
                )))
                .as_bytes(),
            )?,
            ReportFormat::Csv => print(&mut buf, &csv::trend(&t))?,
            ReportFormat::Json => {
                let moves: Vec<Value> = t
                    .moves
                    .iter()
                    .map(|m| json!({"member": m.name, "from": level_json(m.from), "to": level_json(m.to), "steps": m.steps}))
                    .collect();
                let newly: Vec<Value> = t
                    .newly_rated
                    .iter()
                    .map(|n| json!({"member": n.name, "level": level_json(n.level), "by_lead": n.by_lead}))
                    .collect();
                let weekly: Vec<Value> = t
                    .weekly
                    .iter()
                    .map(|(at, d)| json!({"at": at.to_rfc3339(), "by_rank": d.at_rank, "not_rated": d.unrated}))
                    .collect();
                let value = json!({"skill": skill.name(), "from": t.from.to_rfc3339(), "to": t.to.to_rfc3339(), "moves": moves, "newly_rated": newly, "weekly": weekly});
                print(&mut buf, format!("{value}\n").as_bytes())?;
            }
        }
    }
    run.audit("report", "team trend")?;
    if let Some((path, bytes)) = file {
        write_new(path, &bytes, force)?;
        writeln!(buf, "wrote {}", path.display())?;
    }
    print(out, &buf)?;
    Ok(true)
}

pub fn export(
    mut run: Run,
    history: bool,
    format: ReportFormat,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    if format == ReportFormat::Text {
        return Err(Failure::Usage(
            "an export is CSV or JSON (--format csv or --format json); for a table to read, \
             use `skillbot report summary` or `skillbot report gaps`"
                .into(),
        ));
    }
    // Written out only once the audit log has the run: nothing personal
    // leaves the process unrecorded, even when the output is cut short.
    let mut buf = Vec::new();
    if history {
        let entries = run.store.team_history(run.workspace, run.slug.as_deref())?;
        let rows = history_rows(crate::i18n::Locale::default(), &run.catalog, &entries);
        match format {
            ReportFormat::Json => {
                let list: Vec<Value> = rows
                    .iter()
                    .map(|r| json!({"member": r.member, "skill": r.skill, "role": r.role, "level": r.rank,
                        "level_name": r.level_name, "source": r.source, "rated_by": r.rated_by, "note": r.note, "at": r.at.to_rfc3339()}))
                    .collect();
                print(&mut buf, format!("{}\n", Value::Array(list)).as_bytes())?;
            }
            _ => print(&mut buf, &csv::history(&rows))?,
        }
    } else {
        let rows = run.rows()?;
        let team = rows.team(&run.catalog, run.now);
        match format {
            ReportFormat::Json => {
                let filter = run.filter();
                let mut list = Vec::new();
                for skill in team.skills_in(&filter) {
                    for p in team.people_in(&filter) {
                        let counted = team.standing(p.id, skill.slug()).counted();
                        let target = p.role.as_deref().and_then(|r| team.target(r, skill.slug()));
                        let rank = counted.map_or(0, |(r, _)| r.rank());
                        list.push(json!({
                            "member": p.name, "role": p.role_name(), "skill": skill.name(),
                            "level": counted.map(|(r, _)| r.rank()),
                            "level_name": counted.map(|(r, _)| crate::assess::level_name(r.level, skill)),
                            "source": counted.map(|(_, t)| if t == Track::Lead { "lead" } else { "self" }),
                            "assessed_at": counted.map(|(r, _)| r.at.to_rfc3339()),
                            "target": target.map(|t| t.name()),
                            "gap": target.map(|t| t.rank().saturating_sub(rank)),
                        }));
                    }
                }
                print(&mut buf, format!("{}\n", Value::Array(list)).as_bytes())?;
            }
            _ => print(&mut buf, &csv::current(&team, &run.filter()))?,
        }
    }
    run.audit(
        "export",
        if history {
            "team export history"
        } else {
            "team export"
        },
    )?;
    print(out, &buf)?;
    Ok(true)
}

pub fn heatmap(
    mut run: Run,
    png: &Path,
    force: bool,
    out: &mut dyn Write,
) -> Result<bool, Failure> {
    // Written out only once the audit log has the run: nothing personal
    // leaves the process unrecorded, even when the output is cut short.
    let mut buf = Vec::new();
    let rows = run.rows()?;
    let team = rows.team(&run.catalog, run.now);
    let bytes = chart::heatmap(crate::i18n::Locale::default(), &team, &run.filter())
        .map_err(|e| Failure::Usage(e.to_string()))?;
    drop(team);
    refuse_existing(png, force)?;
    run.audit("report", "team heatmap")?;
    write_new(png, &bytes, force)?;
    writeln!(buf, "wrote {}", png.display())?;
    print(out, &buf)?;
    Ok(true)
}
