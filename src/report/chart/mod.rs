//! Charts as PNG, drawn in memory with plotters and a font compiled into
//! the binary (DejaVu Sans), so no system font is needed: a heatmap of
//! members × skills, and the distribution of a skill's levels over time.
//!
//! Each chart is laid out first as a [`Picture`]: plain rectangles, shapes
//! and text boxes whose sizes come from the font's own measurements. The
//! picture is then drawn as it is. Keeping the layout as data lets the
//! tests check what a reader would notice (no label covers another, none
//! runs off the canvas) without reading pixels back into words.

mod heatmap;
mod palette;
mod trend;

pub use heatmap::{MOST_ROWS, heatmap, heatmap_picture};
pub use palette::{INK, RANK_COLOURS, UNRATED, luminance};
pub use trend::{trend, trend_picture};

use plotters::prelude::*;
use plotters::style::{FontStyle, register_font};
use std::collections::HashMap;
use std::sync::Once;

const FONT: &str = "sans-serif";
/// Space around the picture and between its parts.
const PAD: i32 = 12;
/// Text sizes in pixels: titles, and everything else.
const TITLE: u32 = 16;
const TEXT: u32 = 13;

#[derive(Debug, thiserror::Error)]
pub enum ChartError {
    #[error("nothing to draw: no members or no skills")]
    NoMembersOrSkills,
    #[error("nothing to draw: no weeks")]
    NoWeeks,
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
        // leave text out, and the charts' tests would say so.
        let _ = register_font(FONT, FontStyle::Normal, dejavu::sans::regular());
    });
}

/// A rectangle in pixels, from its top-left corner.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rect {
    pub x: i32,
    pub y: i32,
    pub w: i32,
    pub h: i32,
}

impl Rect {
    pub fn new(x: i32, y: i32, w: i32, h: i32) -> Rect {
        Rect { x, y, w, h }
    }

    pub fn right(&self) -> i32 {
        self.x + self.w
    }

    pub fn bottom(&self) -> i32 {
        self.y + self.h
    }

    /// Whether the two share any pixel.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    pub fn within(&self, width: u32, height: u32) -> bool {
        self.x >= 0 && self.y >= 0 && self.right() <= width as i32 && self.bottom() <= height as i32
    }

    fn corners(&self) -> [(i32, i32); 2] {
        [(self.x, self.y), (self.right() - 1, self.bottom() - 1)]
    }
}

/// Anything drawn that is not text.
#[derive(Clone, Debug, PartialEq)]
pub enum Shape {
    Fill(Rect, RGBColor),
    /// A frame drawn inside the rectangle, this many pixels thick.
    Frame(Rect, RGBColor, u32),
    /// A filled polygon.
    Area(Vec<(i32, i32)>, RGBColor),
    Line(Vec<(i32, i32)>, RGBColor, u32),
}

/// A line of text and the box its ink stays in.
#[derive(Clone, Debug, PartialEq)]
pub struct Label {
    pub text: String,
    pub rect: Rect,
    pub size: u32,
    pub colour: RGBColor,
    /// Read from bottom to top (a column header).
    pub rotated: bool,
}

/// A chart laid out: drawn shapes first, then the labels over them.
#[derive(Clone, Debug, Default)]
pub struct Picture {
    pub width: u32,
    pub height: u32,
    pub shapes: Vec<Shape>,
    pub labels: Vec<Label>,
}

/// Height of the box a line of text takes: DejaVu's accents rise to about
/// 0.95 em and its descenders fall to about 0.25 em.
pub fn line_height(size: u32) -> i32 {
    (size as f64 * 1.3).ceil() as i32
}

/// Where plotters puts the baseline, from the top of the box we claim:
/// its ab_glyph backend draws the baseline half an em below the point it
/// is given, so the point moves down to keep the accents in the box.
fn ink_offset(size: u32) -> i32 {
    (size as f64 * 0.5).round() as i32
}

/// Width of a line of text, as the font lays it out.
pub fn text_width(text: &str, size: u32) -> i32 {
    font();
    let font = (FONT, size).into_font();
    // One pixel for the last glyph's overhang.
    font.box_size(text).map_or(0, |(w, _)| w as i32 + 1)
}

/// The longest start of `text` (then "…") that fits `max` pixels.
pub fn fit_end(text: &str, size: u32, max: i32) -> String {
    if text_width(text, size) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let fits = |n: usize| {
        let s: String = chars[..n].iter().collect();
        text_width(&format!("{s}…"), size) <= max
    };
    let keep = longest(chars.len(), fits);
    format!("{}…", chars[..keep].iter().collect::<String>().trim_end())
}

/// `text` with its middle cut out (for "…") until it fits `max` pixels:
/// names that share a long start still differ at their ends.
pub fn fit_middle(text: &str, size: u32, max: i32) -> String {
    if text_width(text, size) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let cut = |n: usize| {
        let head = n.div_ceil(2);
        let tail = n / 2;
        let start: String = chars[..head].iter().collect();
        let end: String = chars[chars.len() - tail..].iter().collect();
        format!("{start}…{end}")
    };
    let keep = longest(chars.len(), |n| text_width(&cut(n), size) <= max);
    cut(keep)
}

/// The largest n in 0..len for which `fits(n)` holds (0 when none does),
/// for `fits` that holds up to some n and not after.
fn longest(len: usize, fits: impl Fn(usize) -> bool) -> usize {
    let (mut lo, mut hi) = (0, len);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(mid) { lo = mid } else { hi = mid - 1 }
    }
    lo
}

/// `text` broken into lines of at most `max` pixels, at spaces (a word
/// longer than a line is cut).
pub fn wrap(text: &str, size: u32, max: i32) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split(' ') {
        let longer = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}") // not prose: joins words
        };
        if text_width(&longer, size) <= max || line.is_empty() {
            line = longer;
        } else {
            lines.push(std::mem::take(&mut line));
            line = word.to_string();
        }
    }
    lines.push(line);
    lines.into_iter().map(|l| fit_end(&l, size, max)).collect()
}

impl Picture {
    fn new(width: u32, height: u32) -> Picture {
        Picture {
            width,
            height,
            ..Picture::default()
        }
    }

    /// A line of text with its top-left corner at (x, y); returns its box.
    fn text(&mut self, text: &str, size: u32, x: i32, y: i32) -> Rect {
        self.text_in(text, size, INK, x, y)
    }

    fn text_in(&mut self, text: &str, size: u32, colour: RGBColor, x: i32, y: i32) -> Rect {
        let rect = Rect::new(x, y, text_width(text, size), line_height(size));
        self.labels.push(Label {
            text: text.to_string(),
            rect,
            size,
            colour,
            rotated: false,
        });
        rect
    }

    /// The picture as a PNG file.
    pub fn png(&self) -> Result<Vec<u8>, ChartError> {
        font();
        let (width, height) = (self.width, self.height);
        let mut pixels = vec![255u8; (width * height * 3) as usize];
        {
            let root = BitMapBackend::with_buffer(&mut pixels, (width, height)).into_drawing_area();
            for shape in &self.shapes {
                match shape {
                    Shape::Fill(r, c) => root.draw(&Rectangle::new(r.corners(), c.filled())),
                    Shape::Frame(r, c, thick) => {
                        let mut result = Ok(());
                        for i in 0..*thick as i32 {
                            let inner = Rect::new(r.x + i, r.y + i, r.w - 2 * i, r.h - 2 * i);
                            result = result.and(root.draw(&Rectangle::new(inner.corners(), c)));
                        }
                        result
                    }
                    Shape::Area(points, c) => root.draw(&Polygon::new(points.clone(), c.filled())),
                    Shape::Line(points, c, thick) => {
                        root.draw(&PathElement::new(points.clone(), c.stroke_width(*thick)))
                    }
                }
                .map_err(draw_err)?;
            }
            root.present().map_err(draw_err)?;
        }
        // Text is blended in by hand: plotters would lay out and raster
        // every label's glyphs again, and a heatmap repeats a few dozen
        // cell texts thousands of times.
        let mut rastered: HashMap<(&str, u32), Coverage> = HashMap::new();
        for label in &self.labels {
            let coverage = rastered
                .entry((label.text.as_str(), label.size))
                .or_insert_with(|| coverage(&label.text, label.size));
            let r = label.rect;
            for &(gx, gy, alpha) in coverage.iter() {
                // Turned a quarter back, the text's start is at the bottom.
                let (x, y) = if label.rotated {
                    (r.x + gy, r.bottom() - 1 - gx)
                } else {
                    (r.x + gx, r.y + gy)
                };
                if x < 0 || y < 0 || x >= width as i32 || y >= height as i32 {
                    continue;
                }
                let i = ((y as u32 * width + x as u32) * 3) as usize;
                let c = label.colour;
                for (p, c) in pixels[i..i + 3].iter_mut().zip([c.0, c.1, c.2]) {
                    let mixed = f32::from(*p) * (1.0 - alpha) + f32::from(c) * alpha;
                    *p = mixed.round().clamp(0.0, 255.0) as u8;
                }
            }
        }
        encode(&pixels, width, height)
    }
}

/// The pixels a line of text covers, and how much (0 to 1), from the top
/// left of its box.
type Coverage = Vec<(i32, i32, f32)>;

/// A line of text's coverage, as plotters' font rasters it.
fn coverage(text: &str, size: u32) -> Coverage {
    let font = (FONT, size).into_font();
    let mut out = Vec::new();
    let _ = font.draw(text, (0, ink_offset(size)), |x, y, alpha| {
        out.push((x, y, alpha.clamp(0.0, 1.0)));
        Ok::<(), ()>(())
    });
    out
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

#[cfg(test)]
pub mod tests {
    use super::*;

    /// A decoded PNG: width, height and RGB pixels.
    #[derive(Debug)]
    pub struct Decoded {
        pub width: u32,
        pub height: u32,
        pub pixels: Vec<u8>,
    }

    impl Decoded {
        pub fn at(&self, x: i32, y: i32) -> [u8; 3] {
            let i = ((y as u32 * self.width + x as u32) * 3) as usize;
            [self.pixels[i], self.pixels[i + 1], self.pixels[i + 2]]
        }

        /// How many pixels have exactly this colour.
        pub fn count(&self, c: RGBColor) -> usize {
            self.pixels
                .chunks(3)
                .filter(|p| p == &[c.0, c.1, c.2])
                .count()
        }
    }

    pub fn decode(bytes: &[u8]) -> Decoded {
        let decoder = png::Decoder::new(std::io::Cursor::new(bytes));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size().unwrap()];
        let info = reader.next_frame(&mut buf).unwrap();
        buf.truncate(info.buffer_size());
        Decoded {
            width: info.width,
            height: info.height,
            pixels: buf,
        }
    }

    /// What a reader would see go wrong with the labels: one over
    /// another, or one cut by the canvas' edge.
    pub fn assert_legible(p: &Picture) {
        for (i, a) in p.labels.iter().enumerate() {
            assert!(
                a.rect.within(p.width, p.height),
                "{a:?} outside {}×{}",
                p.width,
                p.height
            );
            for b in &p.labels[i + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{a:?} overlaps {b:?}");
            }
        }
    }

    #[test]
    fn text_stays_inside_the_box_it_claims() {
        // Accents above capitals, descenders, a wide letter, a glyph the
        // font lacks, and the same turned as a column header.
        for rotated in [false, true] {
            for text in ["ÉÅÇ gjpqy", "WWWWWWW", "😀 日本", "Ǻ|"] {
                let (w, h) = (text_width(text, TEXT), line_height(TEXT));
                let rect = if rotated {
                    Rect::new(10, 10, h, w)
                } else {
                    Rect::new(10, 10, w, h)
                };
                let mut p = Picture::new(40 + w as u32, 40 + w as u32);
                p.labels.push(Label {
                    text: text.into(),
                    rect,
                    size: TEXT,
                    colour: INK,
                    rotated,
                });
                let d = decode(&p.png().unwrap());
                let mut ink = 0;
                for y in 0..d.height as i32 {
                    for x in 0..d.width as i32 {
                        if d.at(x, y) != [255, 255, 255] {
                            ink += 1;
                            assert!(
                                rect.overlaps(&Rect::new(x, y, 1, 1)),
                                "{text:?} (rotated {rotated}) has ink at ({x}, {y}) outside {rect:?}"
                            );
                        }
                    }
                }
                assert!(ink > 20, "{text:?}: no ink");
            }
        }
    }

    #[test]
    fn long_text_is_cut_to_its_measured_width() {
        let wide = "W".repeat(1000);
        let cut = fit_end(&wide, TEXT, 150);
        assert!(text_width(&cut, TEXT) <= 150 && cut.ends_with('…'), "{cut}");
        assert!(cut.chars().count() > 5, "{cut}");
        // Narrow letters keep more of themselves than wide ones.
        let narrow = fit_end(&"i".repeat(1000), TEXT, 150);
        assert!(narrow.chars().count() > 3 * cut.chars().count(), "{narrow}");
        let a = fit_middle("alexandra.konstantinopoulou.one", TEXT, 120);
        let b = fit_middle("alexandra.konstantinopoulou.two", TEXT, 120);
        assert!(a != b && a.ends_with("one") && a.contains('…'), "{a} {b}");
        assert_eq!(fit_end("Ann", TEXT, 150), "Ann");
        for line in wrap(
            "a key that is long enough to need two lines here",
            TEXT,
            120,
        ) {
            assert!(text_width(&line, TEXT) <= 120, "{line}");
        }
    }
}
