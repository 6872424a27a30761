//! Charts as PNG, drawn in memory with plotters and a font compiled into
//! the binary (DejaVu Sans), so no system font is needed: a heatmap of
//! members × skills, and the distribution of a skill's levels over time.

use super::team::{Filter, Team};
use super::trend::Trend;
use crate::matrix::Level;
use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};
use std::sync::Once;

const FONT: &str = "sans-serif";
const WHITE_BG: RGBColor = RGBColor(255, 255, 255);
const INK: RGBColor = RGBColor(40, 40, 40);
const BELOW: RGBColor = RGBColor(200, 40, 40);

/// Colours by rank: below the first level, then Junior to Principal.
const RANK_COLOURS: [RGBColor; 6] = [
    RGBColor(244, 204, 204),
    RGBColor(255, 236, 179),
    RGBColor(200, 230, 160),
    RGBColor(120, 200, 140),
    RGBColor(60, 160, 170),
    RGBColor(60, 100, 170),
];
const UNRATED: RGBColor = RGBColor(230, 230, 230);

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("nothing to draw: {0}")]
    Empty(&'static str),
    #[error("drawing the chart failed: {0}")]
    Draw(String),
    #[error("encoding the PNG failed: {0}")]
    Encode(#[from] png::EncodingError),
}

fn draw_err(e: impl std::fmt::Display) -> ChartError {
    ChartError::Draw(e.to_string())
}

fn font() {
    static REGISTER: Once = Once::new();
    REGISTER.call_once(|| {
        // The font is compiled in and known good; a failure would only
        // leave text out, and the charts test would say so.
        let _ = register_font(FONT, FontStyle::Normal, dejavu::sans::regular());
    });
}

fn letter(rank: u8) -> &'static str {
    match rank {
        0 => "–",
        r => Level::from_rank(r).map_or("?", |l| &l.name()[..1]),
    }
}

/// RGB pixels as a PNG file.
fn encode(pixels: &[u8], width: u32, height: u32) -> Result<Vec<u8>, ChartError> {
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header()?;
    writer.write_image_data(pixels)?;
    writer.finish()?;
    Ok(out)
}

const NAME_WIDTH: u32 = 190;
const CELL_W: u32 = 44;
const CELL_H: u32 = 18;
const TOP: u32 = 56;

/// The most members one heatmap shows: beyond that the picture would be
/// too tall to read (and to hold in memory); a filter narrows it.
pub const MOST_ROWS: usize = 250;

/// Members × skills, each cell coloured by the member's level (a lead's
/// rating when there is one), with the level's letter and, after a slash,
/// their role's target; a red frame marks a member below target. Skills
/// are numbered across the top and named in the key below.
pub fn heatmap(team: &Team<'_>, filter: &Filter<'_>) -> Result<Vec<u8>, ChartError> {
    font();
    let skills: Vec<_> = team.skills_in(filter).collect();
    // Members with neither a role nor a rating here (a lead who is not
    // assessed, say) would only be grey rows.
    let people: Vec<_> = team
        .people_in(filter)
        .filter(|p| {
            p.role.is_some()
                || skills
                    .iter()
                    .any(|s| team.standing(p.id, s.slug()).counted().is_some())
        })
        .collect();
    if skills.is_empty() || people.is_empty() {
        return Err(ChartError::Empty("no members or no skills"));
    }
    let left_out = people.len().saturating_sub(MOST_ROWS);
    let people = &people[..people.len().min(MOST_ROWS)];
    let key_rows = skills.len().div_ceil(2) as u32;
    let width = (NAME_WIDTH + CELL_W * skills.len() as u32 + 20).max(800);
    let grid_h = CELL_H * people.len() as u32;
    let height = TOP + grid_h + 90 + 18 * key_rows;
    let mut pixels = vec![255u8; (width * height * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        root.fill(&WHITE_BG).map_err(draw_err)?;
        let title = (FONT, 20).into_font().color(&INK);
        let text = (FONT, 13).into_font().color(&INK);
        let small = (FONT, 11).into_font().color(&INK);
        let heading = if left_out > 0 {
            format!(
                "Levels by member and skill (the first {MOST_ROWS}; {left_out} more: filter by role or skill)"
            )
        } else {
            "Levels by member and skill".to_string()
        };
        root.draw_text(&heading, &title, (12, 10))
            .map_err(draw_err)?;
        for (i, _) in skills.iter().enumerate() {
            let x = (NAME_WIDTH + CELL_W * i as u32 + CELL_W / 2 - 6) as i32;
            root.draw_text(&(i + 1).to_string(), &text, (x, (TOP - 20) as i32))
                .map_err(draw_err)?;
        }
        for (row, p) in people.iter().enumerate() {
            let y = (TOP + CELL_H * row as u32) as i32;
            let name = crate::text::shorten(&p.name, 24);
            root.draw_text(&name, &small, (8, y + 3))
                .map_err(draw_err)?;
            for (col, skill) in skills.iter().enumerate() {
                let x = (NAME_WIDTH + CELL_W * col as u32) as i32;
                let cell = [(x, y), (x + CELL_W as i32 - 2, y + CELL_H as i32 - 2)];
                let counted = team.standing(p.id, skill.slug()).counted();
                let colour = counted.map_or(UNRATED, |(r, _)| RANK_COLOURS[usize::from(r.rank())]);
                root.draw(&Rectangle::new(cell, colour.filled()))
                    .map_err(draw_err)?;
                let target = p.role.as_deref().and_then(|r| team.target(r, skill.slug()));
                let rank = counted.map(|(r, _)| r.rank());
                let mut label = rank.map_or(String::new(), |r| letter(r).to_string());
                if let Some(t) = target {
                    label.push('/');
                    label.push_str(letter(t.rank()));
                    if rank.unwrap_or(0) < t.rank() {
                        root.draw(&Rectangle::new(cell, BELOW.stroke_width(2)))
                            .map_err(draw_err)?;
                    }
                }
                root.draw_text(&label, &small, (x + 8, y + 3))
                    .map_err(draw_err)?;
            }
        }
        // The legend: colours, the cell's text, then the skills' key.
        let mut y = (TOP + grid_h + 14) as i32;
        let mut x = 12;
        let swatches = [
            ("not rated", UNRATED),
            ("below Junior", RANK_COLOURS[0]),
            ("Junior", RANK_COLOURS[1]),
            ("Middle", RANK_COLOURS[2]),
            ("Senior", RANK_COLOURS[3]),
            ("Lead", RANK_COLOURS[4]),
            ("Principal", RANK_COLOURS[5]),
        ];
        for (name, colour) in swatches {
            root.draw(&Rectangle::new([(x, y), (x + 14, y + 14)], colour.filled()))
                .map_err(draw_err)?;
            root.draw_text(name, &small, (x + 18, y + 1))
                .map_err(draw_err)?;
            x += 18 + 8 * name.len() as i32 + 14;
        }
        y += 24;
        root.draw_text(
            "S/L: level Senior, the role's target Lead (a lead's rating counts when there is one); red frame: below target",
            &small,
            (12, y),
        )
        .map_err(draw_err)?;
        y += 24;
        for (i, skill) in skills.iter().enumerate() {
            let column = (i % 2) as i32;
            let row = (i / 2) as i32;
            let entry = format!("{} {}", i + 1, crate::text::shorten(skill.name(), 48));
            root.draw_text(
                &entry,
                &text,
                (12 + column * (width as i32 / 2), y + 18 * row),
            )
            .map_err(draw_err)?;
        }
        root.present().map_err(draw_err)?;
    }
    encode(&pixels, width, height)
}

/// The number of members at each level, week by week.
pub fn trend(skill_name: &str, trend: &Trend) -> Result<Vec<u8>, ChartError> {
    font();
    if trend.weekly.is_empty() {
        return Err(ChartError::Empty("no weeks"));
    }
    let (width, height) = (900u32, 520u32);
    let mut pixels = vec![255u8; (width * height * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
        root.fill(&WHITE_BG).map_err(draw_err)?;
        let most = trend
            .weekly
            .iter()
            .flat_map(|(_, d)| d.at_rank.iter().copied().chain([d.unrated]))
            .max()
            .unwrap_or(0)
            .max(1);
        let weeks = trend.weekly.len() - 1;
        let mut chart = ChartBuilder::on(&root)
            .caption(
                format!("{skill_name}: members at each level"),
                (FONT, 20).into_font(),
            )
            .margin(14)
            .x_label_area_size(40)
            .y_label_area_size(44)
            .build_cartesian_2d(0..weeks.max(1), 0..most + 1)
            .map_err(draw_err)?;
        let dates: Vec<String> = trend
            .weekly
            .iter()
            .map(|(at, _)| at.format("%-d %b").to_string())
            .collect();
        chart
            .configure_mesh()
            .x_labels(weeks.clamp(1, 12) + 1)
            .x_label_formatter(&|i| dates.get(*i).cloned().unwrap_or_default())
            .y_desc("members")
            .label_style((FONT, 13).into_font())
            .draw()
            .map_err(draw_err)?;
        // A line per level (by rank), and one for members not rated yet.
        let value = |d: &super::trend::Distribution, line: usize| {
            d.at_rank.get(line).copied().unwrap_or(d.unrated)
        };
        let lines = [
            (6, "not rated", RGBColor(150, 150, 150)),
            (0, "below Junior", BELOW),
            (1, "Junior", RANK_COLOURS[1]),
            (2, "Middle", RANK_COLOURS[2]),
            (3, "Senior", RANK_COLOURS[3]),
            (4, "Lead", RANK_COLOURS[4]),
            (5, "Principal", RANK_COLOURS[5]),
        ];
        for (line, name, colour) in lines {
            if trend.weekly.iter().all(|(_, d)| value(d, line) == 0) {
                continue;
            }
            chart
                .draw_series(LineSeries::new(
                    trend
                        .weekly
                        .iter()
                        .enumerate()
                        .map(|(i, (_, d))| (i, value(d, line))),
                    colour.stroke_width(3),
                ))
                .map_err(draw_err)?
                .label(name)
                .legend(move |(x, y)| {
                    PathElement::new(vec![(x, y), (x + 18, y)], colour.stroke_width(3))
                });
        }
        chart
            .configure_series_labels()
            .background_style(WHITE_BG.mix(0.9))
            .border_style(INK)
            .label_font((FONT, 13).into_font())
            .position(SeriesLabelPosition::UpperLeft)
            .draw()
            .map_err(draw_err)?;
        root.present().map_err(draw_err)?;
    }
    encode(&pixels, width, height)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::synthetic;
    use crate::report::team::tests::team;

    /// Width, height and the number of distinct colours of a PNG.
    fn decode(bytes: &[u8]) -> (u32, u32, usize) {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        let colours: std::collections::HashSet<&[u8]> =
            buf[..info.buffer_size()].chunks(3).collect();
        (info.width, info.height, colours.len())
    }

    #[test]
    fn the_heatmap_is_a_legible_png_with_colours_text_and_a_legend() {
        let skills = [synthetic::skill(1, 2), synthetic::skill(2, 2)];
        let team = team(&skills);
        let png = heatmap(&team, &Filter::default()).unwrap();
        if let Some(dir) = std::env::var_os("SKILLBOT_CHART_DIR") {
            std::fs::write(std::path::Path::new(&dir).join("heatmap.png"), &png).unwrap();
        }
        let (w, h, colours) = decode(&png);
        assert!(w >= 800, "{w}");
        assert!(h > TOP + 4 * CELL_H, "{h}");
        // The level colours, the red frames and anti-aliased text.
        assert!(colours > 20, "{colours} colours: blank?");
    }

    #[test]
    fn a_large_team_is_cut_to_a_readable_heatmap() {
        let skills = [synthetic::skill(1, 2)];
        let people: Vec<crate::report::Person> = (0..300)
            .map(|i| crate::report::Person {
                id: crate::team::MemberId(i),
                name: format!("m{i}"),
                role: Some("Role 000".into()),
            })
            .collect();
        let team = Team::new(
            skills.iter().collect(),
            people,
            Default::default(),
            crate::report::team::tests::now(),
            chrono::Duration::days(90),
        );
        let (_, h, _) = decode(&heatmap(&team, &Filter::default()).unwrap());
        assert!(h < TOP + CELL_H * (MOST_ROWS as u32 + 1) + 200, "{h}");
    }

    #[test]
    fn the_trend_chart_is_a_png_with_lines() {
        let people = team(&[synthetic::skill(1, 2), synthetic::skill(2, 2)]).people;
        let ratings = [crate::report::trend::Rating {
            member: people[0].id,
            by_lead: false,
            level: Some(Level::Senior),
            at: crate::report::team::tests::now() - chrono::Duration::days(20),
        }];
        let t = crate::report::trend(&people, &ratings, crate::report::team::tests::now(), 8);
        let png = trend("Skill 001", &t).unwrap();
        if let Some(dir) = std::env::var_os("SKILLBOT_CHART_DIR") {
            std::fs::write(std::path::Path::new(&dir).join("trend.png"), &png).unwrap();
        }
        let (w, h, colours) = decode(&png);
        assert_eq!((w, h), (900, 520));
        assert!(colours > 20, "{colours} colours: blank?");
    }
}
