//! Members × skills, each cell coloured by the member's level.

use super::palette::{BELOW_TARGET, RANK_COLOURS, UNRATED, text_on};
use super::{
    ChartError, Label, PAD, Picture, Rect, Shape, TEXT, TITLE, fit_end, fit_middle, line_height,
    text_width, wrap,
};
use crate::i18n::Locale;
use crate::matrix::Level;
use crate::report::team::{Filter, Person, Team};
use crate::{msg, tr};

/// The most members one heatmap shows: beyond that the picture would be
/// too tall to read (and to hold in memory); a filter narrows it.
pub const MOST_ROWS: usize = 250;

const CELL_W: i32 = 46;
/// The corner mark's side; cell text stays left of it.
const MARK: i32 = 7;
const CELL_H: i32 = 22;
/// The longest a skill's name (a column header) or a member's name may be.
const MOST_HEADER: i32 = 170;
const MOST_NAME: i32 = 190;
/// Narrow enough for Discord's preview (about 550 pixels) to show a few
/// skills at full size, wide enough for the legend.
const MIN_WIDTH: i32 = 420;
const SWATCH: i32 = 14;

/// Members × skills as a PNG: see [`heatmap_picture`].
pub fn heatmap(r: Locale, team: &Team<'_>, filter: &Filter<'_>) -> Result<Vec<u8>, ChartError> {
    heatmap_picture(r, team, filter)?.png()
}

/// Members × skills, the skills' names as column headers. Each cell is
/// coloured by the member's level (a lead's rating when there is one) and
/// says its letter and, after a slash, their role's target; a frame marks a
/// member below target, a corner mark own and lead's ratings two levels or
/// more apart. The title says whom it covers and when.
pub fn heatmap_picture(
    r: Locale,
    team: &Team<'_>,
    filter: &Filter<'_>,
) -> Result<Picture, ChartError> {
    let skills: Vec<_> = team.skills_in(filter).collect();
    // Members with neither a role nor a rating here (a lead who is not
    // assessed, say) would only be grey rows.
    let people: Vec<&Person> = team
        .people_in(filter)
        .filter(|p| {
            p.role.is_some()
                || skills
                    .iter()
                    .any(|s| team.standing(p.id, s.slug()).counted().is_some())
        })
        .collect();
    if skills.is_empty() || people.is_empty() {
        return Err(ChartError::NoMembersOrSkills);
    }
    let all = people.len();
    let people = &people[..all.min(MOST_ROWS)];
    let names = row_names(people);
    let headers: Vec<String> = skills
        .iter()
        .map(|s| fit_end(s.name(), TEXT, MOST_HEADER))
        .collect();
    let name_w = names.iter().map(|n| text_width(n, TEXT)).max().unwrap_or(0) + 8;
    let header_h = headers
        .iter()
        .map(|h| text_width(h, TEXT))
        .max()
        .unwrap_or(0);
    let grid_x = PAD + name_w;
    let width = (grid_x + CELL_W * skills.len() as i32 + PAD).max(MIN_WIDTH);
    let mut p = Picture::new(width as u32, 0);
    let inner = width - 2 * PAD;

    let mut y = PAD;
    for line in wrap(&tr!(r, "heatmap-title"), TITLE, inner) {
        p.text(&line, TITLE, PAD, y);
        y += line_height(TITLE);
    }
    for line in wrap(&scope(r, team, filter, all, people.len()), TEXT, inner) {
        p.text(&line, TEXT, PAD, y);
        y += line_height(TEXT);
    }
    y += 8;
    let lh = line_height(TEXT);
    for (i, header) in headers.iter().enumerate() {
        let w = text_width(header, TEXT);
        let x = grid_x + CELL_W * i as i32 + (CELL_W - lh) / 2;
        p.labels.push(Label {
            text: header.clone(),
            rect: Rect::new(x, y + header_h - w, lh, w),
            size: TEXT,
            colour: super::INK,
            rotated: true,
        });
    }
    y += header_h + 6;

    let letters = letters(r);
    for (row, (person, name)) in people.iter().zip(&names).enumerate() {
        let top = y + CELL_H * row as i32;
        p.text(name, TEXT, PAD, top + (CELL_H - lh) / 2);
        for (col, skill) in skills.iter().enumerate() {
            let cell = Rect::new(
                grid_x + CELL_W * col as i32 + 1,
                top + 1,
                CELL_W - 2,
                CELL_H - 2,
            );
            let standing = team.standing(person.id, skill.slug());
            let rank = standing.counted().map(|(r, _)| r.rank());
            let fill = rank.map_or(UNRATED, |r| RANK_COLOURS[usize::from(r)]);
            p.shapes.push(Shape::Fill(cell, fill));
            let target = person
                .role
                .as_deref()
                .and_then(|r| team.target(r, skill.slug()));
            let mut text = rank.map_or(String::new(), |x| letters[usize::from(x)].clone());
            if let Some(t) = target {
                text.push('/');
                text.push_str(&letters[usize::from(t.rank())]);
                if rank.unwrap_or(0) < t.rank() {
                    p.shapes.push(Shape::Frame(cell, BELOW_TARGET, 2));
                }
            }
            if standing.disagree() {
                p.shapes.push(corner_mark(cell, text_on(fill)));
            }
            if !text.is_empty() {
                let w = text_width(&text, TEXT);
                let x = cell.x + (cell.w - MARK - 2 - w) / 2;
                p.text_in(&text, TEXT, text_on(fill), x, top + (CELL_H - lh) / 2);
            }
        }
    }
    y += CELL_H * people.len() as i32 + 14;
    y = legend(r, &mut p, y, width);
    p.height = (y + PAD) as u32;
    Ok(p)
}

/// Whom the picture covers, how many, and when.
fn scope(r: Locale, team: &Team<'_>, filter: &Filter<'_>, all: usize, shown: usize) -> String {
    let whom = match (filter.member, filter.role) {
        (Some(m), _) => team
            .people
            .iter()
            .find(|p| p.id == m)
            .map_or_else(|| tr!(r, "heatmap-one-member"), |p| p.name.clone()),
        (None, Some(role)) => role.to_string(),
        (None, None) => tr!(r, "heatmap-whole-team"),
    };
    let count = if shown < all {
        tr!(r, "heatmap-first-members", shown = shown, count = all)
    } else {
        tr!(r, "heatmap-members", count = all)
    };
    tr!(
        r,
        "heatmap-scope",
        whom = whom,
        members = count,
        date = crate::i18n::date(r, team.now.date_naive())
    )
}

/// Members' names fitted to the name column by measured width, cut in the
/// middle so that names sharing a long start still differ; any that still
/// match get a number.
fn row_names(people: &[&Person]) -> Vec<String> {
    let mut names: Vec<String> = people
        .iter()
        .map(|p| fit_middle(&p.name, TEXT, MOST_NAME))
        .collect();
    let mut seen = std::collections::HashMap::<String, usize>::new();
    for name in &mut names {
        let n = seen.entry(name.clone()).or_insert(0);
        *n += 1;
        if *n > 1 {
            let suffix = format!(" ({n})");
            let room = MOST_NAME - text_width(&suffix, TEXT);
            *name = format!("{}{suffix}", fit_middle(name, TEXT, room));
        }
    }
    names
}

/// The letter of each rank in a cell ("–" below the first level, then the
/// first letter of each level's name in the reader's language).
fn letters(r: Locale) -> Vec<String> {
    let mut out = vec![tr!(r, "heatmap-below-letter")];
    out.extend(
        Level::ALL
            .iter()
            .map(|l| l.msg().render(r).chars().take(1).collect::<String>()),
    );
    out
}

/// A small triangle in a cell's top-right corner.
fn corner_mark(cell: Rect, colour: plotters::style::RGBColor) -> Shape {
    let (r, t) = (cell.right() - 2, cell.y + 1);
    Shape::Area(vec![(r - MARK, t), (r, t), (r, t + MARK)], colour)
}

/// The colours and marks explained, flowing across the picture's width;
/// returns the y below it.
fn legend(r: Locale, p: &mut Picture, mut y: i32, width: i32) -> i32 {
    let lh = line_height(TEXT);
    let letters = letters(r);
    let mut items: Vec<(Shape, String)> = vec![(
        Shape::Fill(Rect::new(0, 0, SWATCH, SWATCH), UNRATED),
        tr!(r, "chart-not-rated"),
    )];
    items.push((
        Shape::Fill(Rect::new(0, 0, SWATCH, SWATCH), RANK_COLOURS[0]),
        tr!(
            r,
            "heatmap-legend-level",
            letter = &letters[0],
            level = msg!("level-below", first = Level::Junior.msg())
        ),
    ));
    for level in Level::ALL {
        let rank = usize::from(level.rank());
        let text = tr!(
            r,
            "heatmap-legend-level",
            letter = &letters[rank],
            level = level.msg()
        );
        items.push((
            Shape::Fill(Rect::new(0, 0, SWATCH, SWATCH), RANK_COLOURS[rank]),
            text,
        ));
    }
    items.push((
        Shape::Frame(Rect::new(0, 0, SWATCH, SWATCH), BELOW_TARGET, 2),
        tr!(r, "heatmap-legend-below-target"),
    ));
    items.push((
        corner_mark(Rect::new(-4, 0, SWATCH + 2, SWATCH), super::INK),
        tr!(r, "heatmap-legend-apart"),
    ));
    let mut x = PAD;
    for (shape, text) in items {
        let w = SWATCH + 5 + text_width(&text, TEXT);
        if x > PAD && x + w > width - PAD {
            x = PAD;
            y += lh + 6;
        }
        let (dx, dy) = (x, y + (lh - SWATCH) / 2);
        p.shapes.push(match shape {
            Shape::Fill(r, c) => Shape::Fill(Rect::new(r.x + dx, r.y + dy, r.w, r.h), c),
            Shape::Frame(r, c, t) => Shape::Frame(Rect::new(r.x + dx, r.y + dy, r.w, r.h), c, t),
            Shape::Area(points, c) => Shape::Area(
                points
                    .into_iter()
                    .map(|(px, py)| (px + dx, py + dy))
                    .collect(),
                c,
            ),
            other => other,
        });
        p.text(&text, TEXT, x + SWATCH + 5, y);
        x += w + 14;
    }
    y += lh + 8;
    let key = tr!(
        r,
        "heatmap-key",
        example = format!("{}/{}", letters[3], letters[4]),
        level = Level::Senior.msg(),
        target = Level::Lead.msg()
    );
    for line in wrap(&key, TEXT, width - 2 * PAD) {
        p.text(&line, TEXT, PAD, y);
        y += lh;
    }
    y
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assert_legible, decode};
    use super::*;
    use crate::matrix::synthetic;
    use crate::report::team::{Rated, tests::now};
    use crate::team::MemberId;

    fn person(id: i64, name: &str) -> Person {
        Person {
            id: MemberId(id),
            name: name.into(),
            role: Some("Role 000".into()),
        }
    }

    fn rated(level: Level) -> Rated {
        Rated {
            level: Some(level),
            at: now() - chrono::Duration::days(3),
        }
    }

    /// Five skills with long names and members whose names are wide, long,
    /// emoji, or share a long start.
    fn awkward_team(skills: &[crate::matrix::Skill]) -> Team<'_> {
        let people = vec![
            person(1, "ann"),
            person(2, &"W".repeat(1000)),
            person(3, &"😀".repeat(50)),
            person(4, "alexandra.konstantinopoulou.one"),
            person(5, "alexandra.konstantinopoulou.two"),
            person(6, "bob"),
        ];
        let mut targets = std::collections::HashMap::new();
        targets.insert(
            ("Role 000".to_string(), skills[0].slug().to_string()),
            Level::Senior,
        );
        let mut team = Team::new(
            skills.iter().collect(),
            people,
            targets,
            now(),
            chrono::Duration::days(90),
        );
        team.rate(
            MemberId(1),
            skills[0].slug(),
            false,
            rated(Level::Principal),
        );
        team.rate(MemberId(1), skills[0].slug(), true, rated(Level::Middle));
        team.rate(MemberId(6), skills[1].slug(), false, rated(Level::Junior));
        for (i, level) in Level::ALL.into_iter().enumerate() {
            team.rate(
                MemberId(2),
                skills[i % skills.len()].slug(),
                false,
                rated(level),
            );
        }
        team
    }

    fn skills() -> Vec<crate::matrix::Skill> {
        (1..=5)
            .map(|n| {
                let name =
                    format!("Skill {n} with a name far too long to fit a column header at all");
                synthetic::skill_named(n, 1, &name)
            })
            .collect()
    }

    #[test]
    fn skills_head_their_columns_and_no_label_covers_another() {
        let skills = skills();
        let team = awkward_team(&skills);
        let p = heatmap_picture(Locale::EnUs, &team, &Filter::default()).unwrap();
        assert_legible(&p);
        let headers: Vec<_> = p.labels.iter().filter(|l| l.rotated).collect();
        assert_eq!(headers.len(), 5);
        for (h, n) in headers.iter().zip(1..) {
            assert!(
                h.text.starts_with(&format!("Skill {n} with")) && h.text.ends_with('…'),
                "{h:?}"
            );
        }
        // Every member's row is told apart from the others.
        let names: Vec<&str> = p
            .labels
            .iter()
            .filter(|l| l.rect.x == PAD)
            .map(|l| l.text.as_str())
            .collect();
        for name in ["ann", "bob"] {
            assert!(names.contains(&name), "{names:?}");
        }
        let mut distinct = names.clone();
        distinct.sort();
        distinct.dedup();
        assert_eq!(distinct.len(), names.len(), "{names:?}");
        // Sized to its content: five skills fit Discord's preview width.
        assert!(p.width <= 550, "{}", p.width);
        let title: Vec<_> = p.labels.iter().take(2).map(|l| l.text.as_str()).collect();
        assert_eq!(
            title,
            [
                "Levels by member and skill",
                "Whole team · 6 members · as of 1 Jun 2026"
            ]
        );
    }

    #[test]
    fn the_png_shows_levels_targets_and_disagreements() {
        let skills = skills();
        let team = awkward_team(&skills);
        let p = heatmap_picture(Locale::EnUs, &team, &Filter::default()).unwrap();
        let png = p.png().unwrap();
        if let Some(dir) = std::env::var_os("SKILLBOT_CHART_DIR") {
            std::fs::write(std::path::Path::new(&dir).join("heatmap.png"), &png).unwrap();
        }
        let d = decode(&png);
        assert_eq!((d.width, d.height), (p.width, p.height));
        for c in RANK_COLOURS.iter().chain([&UNRATED, &BELOW_TARGET]) {
            assert!(d.count(*c) > 30, "{c:?} is missing");
        }
        // ann: own Principal, lead's Middle: the lead's counts, marked as a
        // disagreement, framed below the target Senior.
        let ann = p
            .labels
            .iter()
            .find(|l| l.text == "M/S")
            .expect("ann's cell");
        assert_eq!(ann.colour, text_on(RANK_COLOURS[2]));
        let in_anns_cell = |points: &Vec<(i32, i32)>| {
            points.iter().all(|&(x, y)| {
                x >= ann.rect.right()
                    && x < ann.rect.right() + CELL_W / 2
                    && (ann.rect.y - 2..ann.rect.bottom()).contains(&y)
            })
        };
        assert!(
            p.shapes
                .iter()
                .any(|s| matches!(s, Shape::Area(points, _) if in_anns_cell(points)))
        );
        // bob's own Junior, with no lead's rating, is no disagreement.
        let marks = p
            .shapes
            .iter()
            .filter(|s| matches!(s, Shape::Area(..)))
            .count();
        assert_eq!(marks, 2, "ann's, and the legend's");
    }

    #[test]
    fn a_filtered_picture_says_whom_it_covers() {
        let skills = skills();
        let team = awkward_team(&skills);
        let filter = Filter {
            member: Some(MemberId(1)),
            skill: Some(skills[0].slug()),
            ..Filter::default()
        };
        let p = heatmap_picture(Locale::EnUs, &team, &filter).unwrap();
        assert_eq!(p.labels[1].text, "ann · 1 member · as of 1 Jun 2026");
        assert_legible(&p);
    }

    #[test]
    fn a_large_team_is_cut_to_a_readable_heatmap() {
        let skills = [synthetic::skill(1, 2)];
        let people: Vec<Person> = (0..300).map(|i| person(i, &format!("m{i}"))).collect();
        let team = Team::new(
            skills.iter().collect(),
            people,
            Default::default(),
            now(),
            chrono::Duration::days(90),
        );
        let p = heatmap_picture(Locale::EnUs, &team, &Filter::default()).unwrap();
        assert!(
            p.height < (CELL_H * (MOST_ROWS as i32 + 1) + 300) as u32,
            "{}",
            p.height
        );
        assert!(
            p.labels[1]
                .text
                .starts_with("Whole team · the first 250 of 300 members"),
            "{:?}",
            p.labels[1]
        );
        assert_legible(&p);
    }
}
