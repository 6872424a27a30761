//! The charts' colours. Levels are ordered, so their colours are too: a
//! sequence from light to dark (sampled from viridis), whose lightness
//! alone tells the levels apart. Lightness is what every kind of colour
//! blindness keeps, so no reader depends on telling red from green.

use plotters::style::RGBColor;

pub const WHITE: RGBColor = RGBColor(255, 255, 255);
pub const INK: RGBColor = RGBColor(20, 20, 20);
/// A frame around a cell below its target: a shape, not only a hue, and
/// darker than any level's colour next to the light ones.
pub const BELOW_TARGET: RGBColor = RGBColor(213, 94, 0);
/// Axes and separators.
pub const RULE: RGBColor = RGBColor(120, 120, 120);
pub const UNRATED: RGBColor = RGBColor(232, 232, 232);

/// By rank: below the first level, then Junior to Principal.
pub const RANK_COLOURS: [RGBColor; 6] = [
    RGBColor(252, 231, 37),
    RGBColor(125, 210, 79),
    RGBColor(51, 179, 122),
    RGBColor(34, 142, 140),
    RGBColor(52, 96, 141),
    RGBColor(71, 24, 105),
];

/// Relative luminance (WCAG's), 0 for black to 1 for white.
pub fn luminance(c: RGBColor) -> f64 {
    let channel = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
}

/// WCAG's contrast ratio of two colours, 1 to 21.
pub fn contrast(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// Text on a fill: whichever of ink and white reads better.
pub fn text_on(fill: RGBColor) -> RGBColor {
    if contrast(fill, INK) >= contrast(fill, WHITE) {
        INK
    } else {
        WHITE
    }
}

/// A darker shade of a colour, for the edge of a band.
pub fn darker(c: RGBColor) -> RGBColor {
    let d = |v: u8| (f64::from(v) * 0.6) as u8;
    RGBColor(d(c.0), d(c.1), d(c.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn levels_are_told_apart_by_lightness_alone() {
        for pair in RANK_COLOURS.windows(2) {
            let (low, high) = (pair[0], pair[1]);
            assert!(luminance(low) > luminance(high), "{low:?} {high:?}");
            // A step a reader sees without hue: WCAG's ratio of 1.4 or more.
            assert!(
                contrast(low, high) >= 1.4,
                "{low:?} {high:?}: {}",
                contrast(low, high)
            );
        }
    }

    #[test]
    fn cell_text_reads_on_every_level() {
        for c in RANK_COLOURS.iter().chain([&UNRATED]) {
            // WCAG AA for large text, and more for most.
            assert!(contrast(*c, text_on(*c)) >= 4.5, "{c:?}");
        }
    }

    #[test]
    fn band_edges_stand_out_from_the_white_page() {
        for c in RANK_COLOURS.iter().chain([&UNRATED]) {
            assert!(contrast(darker(*c), WHITE) >= 1.9, "{c:?}");
        }
    }
}
