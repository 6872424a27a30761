//! Reports as CSV for spreadsheets. Member names, roles and notes are user
//! input: a cell a spreadsheet would read as a formula is escaped.

use super::team::{Filter, Team, Track, level_text};
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
