//! A skill's levels over time: how many members stand at each level, week
//! by week, as stacked bands (equal counts never hide each other, as lines
//! would), with the legend beside the data rather than over it.

use super::palette::{RANK_COLOURS, RULE, UNRATED, darker};
use super::{
    ChartError, INK, PAD, Picture, Rect, Shape, TEXT, TITLE, line_height, text_width, wrap,
};
use crate::i18n::Locale;
use crate::matrix::Level;
use crate::report::trend::{Distribution, Trend};
use crate::{msg, tr};
use plotters::style::RGBColor;

const WIDTH: i32 = 640;
const HEIGHT: i32 = 400;
const SWATCH: i32 = 14;

/// The trend as a PNG: see [`trend_picture`].
pub fn trend(r: Locale, skill_name: &str, trend: &Trend) -> Result<Vec<u8>, ChartError> {
    trend_picture(r, skill_name, trend)?.png()
}

/// A band of the stack: its name, colour, and count in a distribution.
struct Band {
    name: String,
    colour: RGBColor,
    count: fn(&Distribution, usize) -> usize,
    rank: usize,
}

/// From the bottom of the stack up: below the first level, the levels, and
/// members not rated yet on top.
fn bands(r: Locale) -> Vec<Band> {
    let at_rank: fn(&Distribution, usize) -> usize = |d, r| d.at_rank[r];
    let mut bands = vec![Band {
        name: msg!("level-below", first = Level::Junior.msg()).render(r),
        colour: RANK_COLOURS[0],
        count: at_rank,
        rank: 0,
    }];
    for level in Level::ALL {
        let rank = usize::from(level.rank());
        bands.push(Band {
            name: level.msg().render(r),
            colour: RANK_COLOURS[rank],
            count: at_rank,
            rank,
        });
    }
    bands.push(Band {
        name: tr!(r, "chart-not-rated"),
        colour: UNRATED,
        count: |d, _| d.unrated,
        rank: 0,
    });
    bands
}

/// The members at each level of one skill, week by week, titled with the
/// skill, the period and the team's size.
pub fn trend_picture(r: Locale, skill_name: &str, trend: &Trend) -> Result<Picture, ChartError> {
    if trend.weekly.is_empty() {
        return Err(ChartError::NoWeeks);
    }
    let weekly = &trend.weekly;
    let bands: Vec<Band> = bands(r)
        .into_iter()
        .filter(|b| weekly.iter().any(|(_, d)| (b.count)(d, b.rank) > 0))
        .collect();
    let total = |d: &Distribution| d.at_rank.iter().sum::<usize>() + d.unrated;
    let most = weekly
        .iter()
        .map(|(_, d)| total(d))
        .max()
        .unwrap_or(0)
        .max(1);
    let step = nice_step(most);
    let top_value = most.div_ceil(step) * step;

    let mut p = Picture::new(WIDTH as u32, HEIGHT as u32);
    let lh = line_height(TEXT);
    let mut y = PAD;
    for line in wrap(
        &tr!(r, "trend-chart-title", skill = skill_name),
        TITLE,
        WIDTH - 2 * PAD,
    ) {
        p.text(&line, TITLE, PAD, y);
        y += line_height(TITLE);
    }
    let weeks = weekly.len().saturating_sub(1);
    let members = total(&weekly[weekly.len() - 1].1);
    let subtitle = tr!(
        r,
        "trend-chart-subtitle",
        weeks = weeks,
        date = crate::i18n::date(r, trend.to.date_naive()),
        members = members
    );
    for line in wrap(&subtitle, TEXT, WIDTH - 2 * PAD) {
        p.text(&line, TEXT, PAD, y);
        y += lh;
    }
    let plot_top = y + 12;

    // The legend, at the right, top to bottom as the bands are stacked.
    let legend_w = SWATCH
        + 5
        + bands
            .iter()
            .map(|b| text_width(&b.name, TEXT))
            .max()
            .unwrap_or(0);
    let legend_x = WIDTH - PAD - legend_w;
    for (i, band) in bands.iter().rev().enumerate() {
        let row = plot_top + (lh + 4) * i as i32;
        let swatch = Rect::new(legend_x, row + (lh - SWATCH) / 2, SWATCH, SWATCH);
        p.shapes.push(Shape::Fill(swatch, band.colour));
        p.shapes.push(Shape::Frame(swatch, darker(band.colour), 1));
        p.text(&band.name, TEXT, legend_x + SWATCH + 5, row);
    }

    let ticks: Vec<usize> = (0..=top_value).step_by(step).collect();
    let tick_w = ticks
        .iter()
        .map(|t| text_width(&t.to_string(), TEXT))
        .max()
        .unwrap_or(0);
    let left = PAD + tick_w + 6;
    let right = legend_x - 20;
    let bottom = HEIGHT - PAD - lh - lh / 2 - 4;
    let x_at = |i: usize| left + ((right - left) as f64 * i as f64 / weeks.max(1) as f64) as i32;
    let y_at =
        |v: usize| bottom - ((bottom - plot_top) as f64 * v as f64 / top_value as f64) as i32;

    // One week alone is drawn across the plot, as if it were two.
    let points: Vec<(i32, &Distribution)> = if weekly.len() == 1 {
        vec![(left, &weekly[0].1), (right, &weekly[0].1)]
    } else {
        weekly
            .iter()
            .enumerate()
            .map(|(i, (_, d))| (x_at(i), d))
            .collect()
    };
    let mut below = vec![0usize; points.len()];
    for band in &bands {
        let above: Vec<usize> = points
            .iter()
            .zip(&below)
            .map(|((_, d), b)| b + (band.count)(d, band.rank))
            .collect();
        let mut outline: Vec<(i32, i32)> = points
            .iter()
            .zip(&above)
            .map(|((x, _), v)| (*x, y_at(*v)))
            .collect();
        let edge = outline.clone();
        outline.extend(
            points
                .iter()
                .zip(&below)
                .rev()
                .map(|((x, _), v)| (*x, y_at(*v))),
        );
        p.shapes.push(Shape::Area(outline, band.colour));
        p.shapes.push(Shape::Line(edge, darker(band.colour), 2));
        below = above;
    }

    p.shapes.push(Shape::Line(
        vec![(left, plot_top), (left, bottom), (right, bottom)],
        RULE,
        1,
    ));
    for t in &ticks {
        let ty = y_at(*t);
        p.shapes
            .push(Shape::Line(vec![(left - 4, ty), (left, ty)], RULE, 1));
        let text = t.to_string();
        p.text(&text, TEXT, left - 6 - text_width(&text, TEXT), ty - lh / 2);
    }
    x_labels(r, &mut p, trend, &points, bottom + lh / 2 + 4);
    Ok(p)
}

/// The weeks' dates under the axis, from the last one back, leaving out
/// any that would touch a date already placed; each kept inside the
/// picture, so the last one is never cut.
fn x_labels(r: Locale, p: &mut Picture, trend: &Trend, points: &[(i32, &Distribution)], y: i32) {
    let lh = line_height(TEXT);
    let mut placed: Vec<Rect> = Vec::new();
    let dates: Vec<String> = trend
        .weekly
        .iter()
        .map(|(at, _)| crate::i18n::day_month(r, at.date_naive()))
        .collect();
    for (i, date) in dates.iter().enumerate().rev() {
        let x = points.get(i).map_or(0, |(x, _)| *x);
        let w = text_width(date, TEXT);
        let at = (x - w / 2).clamp(PAD, WIDTH - PAD - w);
        let rect = Rect::new(at, y, w, lh);
        let room = Rect::new(at - 8, y, w + 16, lh);
        if placed.iter().any(|r| r.overlaps(&room)) {
            continue;
        }
        p.shapes.push(Shape::Line(
            vec![(x, y - lh / 2 - 4), (x, y - lh / 2)],
            RULE,
            1,
        ));
        p.text_in(date, TEXT, INK, rect.x, rect.y);
        placed.push(rect);
    }
}

/// A step of 1, 2 or 5 times a power of ten giving at most six ticks.
fn nice_step(most: usize) -> usize {
    let mut power = 1;
    loop {
        for m in [1, 2, 5] {
            if most.div_ceil(m * power) <= 5 {
                return m * power;
            }
        }
        power *= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::{assert_legible, decode};
    use super::*;
    use crate::report::team::tests::now;
    use chrono::Duration;

    fn trend_of(weeks: usize, at: impl Fn(usize) -> Distribution) -> Trend {
        let to = now();
        let weekly: Vec<_> = (0..=weeks)
            .map(|i| (to - Duration::weeks((weeks - i) as i64), at(i)))
            .collect();
        Trend {
            from: weekly[0].0,
            to,
            moves: vec![],
            newly_rated: vec![],
            then: weekly[0].1,
            now: weekly[weeks].1,
            weekly,
        }
    }

    #[test]
    fn equal_counts_stay_visible_and_the_legend_is_beside_the_data() {
        // Junior and Senior hold the same count every week: as lines they
        // would lie on each other.
        let t = trend_of(26, |i| Distribution {
            at_rank: [0, 3, 0, 3, i % 2, 0],
            unrated: 2,
        });
        let p = trend_picture(Locale::EnUs, "Serverless Functions", &t).unwrap();
        assert_legible(&p);
        let png = p.png().unwrap();
        if let Some(dir) = std::env::var_os("SKILLBOT_CHART_DIR") {
            std::fs::write(std::path::Path::new(&dir).join("trend.png"), &png).unwrap();
        }
        let d = decode(&png);
        assert_eq!((d.width, d.height), (640, 400));
        for c in [RANK_COLOURS[1], RANK_COLOURS[3], RANK_COLOURS[4], UNRATED] {
            assert!(d.count(c) > 2000, "{c:?}: {}", d.count(c));
        }
        let data_right = p
            .shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Area(points, _) => points.iter().map(|(x, _)| *x).max(),
                _ => None,
            })
            .max()
            .unwrap();
        for name in ["Junior", "Senior", "Lead", "not rated"] {
            let label = p.labels.iter().find(|l| l.text == name).expect(name);
            assert!(
                label.rect.x > data_right,
                "{label:?} over the data (to x {data_right})"
            );
        }
        // Levels not held in the period are not in the legend.
        assert!(!p.labels.iter().any(|l| l.text == "Principal"));
    }

    #[test]
    fn the_last_date_is_shown_whole_and_dates_never_collide() {
        let t = trend_of(52, |_| Distribution {
            at_rank: [1, 0, 0, 0, 0, 0],
            unrated: 0,
        });
        let p = trend_picture(Locale::EnUs, "A skill", &t).unwrap();
        assert_legible(&p);
        let last = now().format("%-d %b").to_string();
        assert!(p.labels.iter().any(|l| l.text == last), "{last}");
        assert_eq!(p.labels[1].text, "52 weeks to 1 Jun 2026 · 1 member");
    }

    #[test]
    fn one_week_and_a_long_name_still_draw() {
        let t = trend_of(0, |_| Distribution::default());
        let p = trend_picture(Locale::EnUs, &"W".repeat(300), &t).unwrap();
        assert_legible(&p);
        assert!(p.png().is_ok());
    }

    #[test]
    fn ticks_are_round_numbers() {
        assert_eq!(nice_step(1), 1);
        assert_eq!(nice_step(5), 1);
        assert_eq!(nice_step(6), 2);
        assert_eq!(nice_step(23), 5);
        assert_eq!(nice_step(5000), 1000);
    }
}
