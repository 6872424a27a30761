//! Reports as CSV for spreadsheets. Member names, roles and notes are user
//! input: a cell a spreadsheet would read as a formula is escaped.

use super::gaps::Gap;
use super::team::{Filter, SummaryRow, Team, Track, level_text};
use super::trend::Trend;
use crate::matrix::Level;
use chrono::{DateTime, Utc};

/// One row of the history export.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HistoryRow {
    pub member: String,
    pub skill: String,
    pub role: String,
    /// 0: below the skill's first level.
    pub rank: u8,
    pub level_name: String,
    pub source: String,
    pub rated_by: String,
    pub note: String,
    pub at: DateTime<Utc>,
}

/// A cell as a spreadsheet should show it: one that starts like a formula
/// (=, +, -, @, or a tab or carriage return before one) gets a leading
/// apostrophe, which spreadsheets take as "this is text".
pub fn cell(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

fn write(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(header)?;
    for row in rows {
        out.write_record(row.iter().map(|c| cell(c)))?;
    }
    out.into_inner().map_err(|e| e.into_error().into())
}

/// One row per member and skill: member, role, skill, level (its rank, 0
/// below the first level, empty when never rated), level name, source
/// (lead or self), assessed at, target, gap.
pub fn current(team: &Team<'_>, filter: &Filter<'_>) -> Result<Vec<u8>, csv::Error> {
    let header = [
        "member",
        "role",
        "skill",
        "level",
        "level name",
        "source",
        "assessed at",
        "target",
        "gap",
    ];
    let mut rows = Vec::new();
    for skill in team.skills_in(filter) {
        for p in team.people_in(filter) {
            let counted = team.standing(p.id, skill.slug()).counted();
            let target = p.role.as_deref().and_then(|r| team.target(r, skill.slug()));
            let rank = counted.map(|(r, _)| r.rank());
            rows.push(vec![
                p.name.clone(),
                p.role_name().to_string(),
                skill.name().to_string(),
                rank.map(|r| r.to_string()).unwrap_or_default(),
                level_text(counted.and_then(|(r, _)| r.level), counted.is_some(), skill),
                match counted.map(|(_, t)| t) {
                    Some(Track::Lead) => "lead".into(),
                    Some(Track::Own) => "self".into(),
                    None => String::new(),
                },
                counted.map(|(r, _)| r.at.to_rfc3339()).unwrap_or_default(),
                target.map(|t| t.name().to_string()).unwrap_or_default(),
                target
                    .map(|t| t.rank().saturating_sub(rank.unwrap_or(0)).to_string())
                    .unwrap_or_default(),
            ]);
        }
    }
    write(&header, rows.into_iter())
}

/// Every rating, oldest first.
pub fn history(rows: &[HistoryRow]) -> Result<Vec<u8>, csv::Error> {
    let header = [
        "member",
        "skill",
        "role",
        "level",
        "level name",
        "source",
        "rated by",
        "note",
        "at",
    ];
    write(
        &header,
        rows.iter().map(|r| {
            vec![
                r.member.clone(),
                r.skill.clone(),
                r.role.clone(),
                r.rank.to_string(),
                r.level_name.clone(),
                r.source.clone(),
                r.rated_by.clone(),
                r.note.clone(),
                r.at.to_rfc3339(),
            ]
        }),
    )
}

fn rank_name(level: Option<Level>) -> String {
    level.map_or_else(|| "below the first level".into(), |l| l.name().to_string())
}

/// The summary: a line per skill and role, a column per level.
pub fn summary(rows: &[SummaryRow]) -> Result<Vec<u8>, csv::Error> {
    let header = [
        "skill",
        "role",
        "members",
        "below first level",
        "Junior",
        "Middle",
        "Senior",
        "Lead",
        "Principal",
        "never assessed",
        "median",
        "target",
        "meeting target",
        "stale",
        "self/lead 2+ apart",
    ];
    write(
        &header,
        rows.iter().map(|r| {
            let mut row = vec![r.skill.clone(), r.role.clone(), r.members.to_string()];
            row.extend(r.at_rank.iter().map(ToString::to_string));
            row.extend([
                r.never.len().to_string(),
                r.median.map(|l| l.name().to_string()).unwrap_or_default(),
                r.target.map(|l| l.name().to_string()).unwrap_or_default(),
                r.meeting.to_string(),
                r.stale.to_string(),
                r.disagreements.to_string(),
            ]);
            row
        }),
    )
}

/// The gap report: a line per member and skill below target.
pub fn gaps(rows: &[Gap<'_>]) -> Result<Vec<u8>, csv::Error> {
    let header = [
        "member",
        "role",
        "skill",
        "level",
        "counted",
        "self level",
        "lead level",
        "target",
        "gap",
        "next level",
        "required next",
        "optional next",
    ];
    write(
        &header,
        rows.iter().map(|g| {
            vec![
                g.name.to_string(),
                g.role.to_string(),
                g.skill.to_string(),
                if g.never_assessed() {
                    "never assessed".into()
                } else {
                    rank_name(g.level)
                },
                match g.counted {
                    Some(Track::Lead) => "lead".into(),
                    Some(Track::Own) => "self".into(),
                    None => String::new(),
                },
                g.own.map(|r| rank_name(r.level)).unwrap_or_default(),
                g.lead.map(|r| rank_name(r.level)).unwrap_or_default(),
                g.target.name().to_string(),
                g.gap.to_string(),
                g.next.map(|l| l.name().to_string()).unwrap_or_default(),
                g.required.join(" | "),
                g.optional.join(" | "),
            ]
        }),
    )
}

/// The trend: a line per week, a column per level.
pub fn trend(t: &Trend) -> Result<Vec<u8>, csv::Error> {
    let header = [
        "week ending",
        "below first level",
        "Junior",
        "Middle",
        "Senior",
        "Lead",
        "Principal",
        "not rated",
    ];
    write(
        &header,
        t.weekly.iter().map(|(at, d)| {
            let mut row = vec![at.date_naive().to_string()];
            row.extend(d.at_rank.iter().map(ToString::to_string));
            row.push(d.unrated.to_string());
            row
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_that_look_like_formulas_are_escaped() {
        assert_eq!(cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(cell("+1"), "'+1");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(cell("\t=1"), "'\t=1");
        assert_eq!(cell("ann"), "ann");
        assert_eq!(cell(""), "");
    }
}
