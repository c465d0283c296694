//! Appearance streams (`/AP /N`, PDF 32000-1, 12.5.5 and 12.7.3.3) for filled
//! widgets, so every viewer shows the values without `NeedAppearances`.
//!
//! Values are set in the document's [`Typeface`] (Helvetica in WinAnsi by
//! default, or an embedded TrueType subset), whatever font the template's
//! `/DA` names: its metrics are known here, so text is measured, wrapped and
//! fitted exactly. The size and colour of `/DA` are kept; a size of 0, or
//! text too wide or too tall for the field, is fitted down to
//! [`MIN_FONT_SIZE_PT`], and below that the caller gets
//! [`AppearanceError::DoesNotFit`].

use super::fields::flags;
use crate::font;
use crate::font::text::{wrap, Typeface};
use crate::pdf::content::{Color, Content, Rect};
use crate::pdf::objects::{self, get_dict, get_int};
use lopdf::{Dictionary, Document, Object};

/// The smallest font size set: below it text is not legible on paper.
pub const MIN_FONT_SIZE_PT: f32 = 6.0;
/// The size auto-sized text starts from.
pub const AUTO_FONT_SIZE_PT: f32 = 12.0;
/// Baseline-to-baseline distance, as a multiple of the font size.
pub const LINE_HEIGHT: f32 = 1.15;
/// The font resource name appearance streams use for Helvetica.
pub const FONT_RESOURCE: &str = "Helv";

/// Why a value could not be given an appearance. [`crate::FormDocument`]
/// turns each into a [`crate::PdfError`] that names the field.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AppearanceError {
    /// Characters the font cannot show.
    #[error("characters the PDF font cannot print: {0:?}")]
    Unprintable(Vec<char>),
    /// Does not fit even at the minimum size.
    #[error("the text does not fit, even at the smallest size")]
    DoesNotFit,
    /// More characters than `/MaxLen`.
    #[error("the field takes at most {max_len} characters")]
    TooLong {
        /// The field's `/MaxLen`.
        max_len: u32,
    },
}

/// A widget's box, its rotation, and its border and background (`/Rect`,
/// `/MK`, `/BS`).
#[derive(Debug, Clone, PartialEq)]
pub struct WidgetLook {
    /// The widget annotation's `/Rect`, in default user space.
    pub rect: Rect,
    /// `/MK /R`: 0, 90, 180 or 270 degrees counterclockwise. Forms made on a
    /// rotated (landscape) page set it so that their text reads upright.
    pub rotation: u16,
    /// The border's width in points (`/BS /W`, 1 by default); 0 when there
    /// is no border colour.
    pub border_width: f32,
    /// `/MK /BC`: the border colour, if the border is drawn.
    pub border: Option<Color>,
    /// `/MK /BG`: the background colour, if the background is filled.
    pub background: Option<Color>,
}

impl WidgetLook {
    /// Reads the look of a widget annotation dictionary, or `None` when it
    /// has no usable `/Rect`.
    pub fn read(doc: &Document, widget: &Dictionary) -> Option<WidgetLook> {
        let rect = objects::get_rect(doc, widget, b"Rect")?;
        let mk = get_dict(doc, widget, b"MK");
        let color = |key: &[u8]| {
            mk.and_then(|mk| mk.get(key).ok())
                .and_then(|o| objects::components(doc, o))
                .and_then(|c| Color::from_components(&c))
        };
        let border = color(b"BC");
        // PDF 32000-1, table 189: a multiple of 90; anything else is ignored.
        let rotation = mk
            .and_then(|mk| objects::get(doc, mk, b"R"))
            .and_then(objects::number)
            .filter(|r| r.is_finite() && *r % 90.0 == 0.0)
            .map_or(0, |r| r.rem_euclid(360.0) as u16);
        let width = get_dict(doc, widget, b"BS")
            .and_then(|bs| objects::get(doc, bs, b"W"))
            .and_then(objects::number)
            .unwrap_or(1.0);
        Some(WidgetLook {
            rect,
            rotation,
            border_width: if border.is_some() {
                width.clamp(0.0, 12.0)
            } else {
                0.0
            },
            border,
            background: color(b"BG"),
        })
    }

    /// The appearance's bounding box: the widget's size at the origin, in
    /// the widget's own (rotated) frame, so width and height swap at 90
    /// and 270 degrees.
    pub fn bbox(&self) -> Rect {
        let (w, h) = (self.rect.width(), self.rect.height());
        if self.rotation % 180 == 90 {
            Rect::from_xywh(0.0, 0.0, h, w)
        } else {
            Rect::from_xywh(0.0, 0.0, w, h)
        }
    }

    /// The appearance's `/Matrix`, which turns the rotated frame back onto
    /// the widget's box (PDF 32000-1, 12.5.5 and 12.5.6.19); none unrotated.
    pub fn matrix(&self) -> Option<[f32; 6]> {
        let (w, h) = (self.rect.width(), self.rect.height());
        match self.rotation {
            90 => Some([0.0, 1.0, -1.0, 0.0, w, 0.0]),
            180 => Some([-1.0, 0.0, 0.0, -1.0, w, h]),
            270 => Some([0.0, -1.0, 1.0, 0.0, 0.0, h]),
            _ => None,
        }
    }

    /// The form XObject dictionary of an appearance of this widget.
    pub fn form_dict(&self, resources: Dictionary) -> Dictionary {
        form_dict(self.bbox(), self.matrix(), resources)
    }

    /// Background fill and border stroke, the first things drawn.
    fn frame(&self, c: &mut Content) {
        let bbox = self.bbox();
        if let Some(bg) = &self.background {
            c.fill_color(bg).rect(bbox).fill();
        }
        if let (Some(bc), true) = (&self.border, self.border_width > 0.0) {
            c.stroke_color(bc)
                .line_width(self.border_width)
                .rect(bbox.inset(self.border_width / 2.0))
                .stroke();
        }
    }

    /// The space text may use: inside the border, with 2 pt of padding.
    fn text_box(&self) -> Rect {
        self.bbox().inset(self.border_width + 2.0)
    }
}

/// The text style a `/DA` string sets (PDF 32000-1, 12.7.3.3): size (0 for
/// auto) and colour. The font it names is not used; see the module doc.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    /// The size of the `Tf` operator, clamped to 0..=200; 0 means auto.
    pub font_size_pt: f32,
    /// The fill colour of the last `g`, `rg` or `k` operator; black if none.
    pub color: Color,
}

impl TextStyle {
    /// Reads a `/DA` string. Missing or malformed operands leave the
    /// defaults: auto size, black.
    pub fn parse(da: Option<&[u8]>) -> TextStyle {
        let mut style = TextStyle {
            font_size_pt: 0.0,
            color: Color::BLACK,
        };
        let text = String::from_utf8_lossy(da.unwrap_or_default());
        let tokens: Vec<&str> = text.split_ascii_whitespace().take(64).collect();
        let num = |i: usize| {
            tokens
                .get(i)
                .and_then(|t| crate::read::lexer::decimal(t.as_bytes()))
                .map(|v| v as f32)
                .filter(|v| v.is_finite())
        };
        for (i, tok) in tokens.iter().enumerate() {
            match *tok {
                "Tf" => {
                    if let Some(size) = i.checked_sub(1).and_then(num) {
                        style.font_size_pt = size.clamp(0.0, 200.0);
                    }
                }
                "g" => {
                    if let Some(g) = i.checked_sub(1).and_then(num) {
                        style.color = Color::Gray(g.clamp(0.0, 1.0));
                    }
                }
                "rg" if i >= 3 => {
                    if let (Some(r), Some(g), Some(b)) = (num(i - 3), num(i - 2), num(i - 1)) {
                        style.color = Color::from_components(&[r, g, b]).unwrap_or(Color::BLACK);
                    }
                }
                "k" if i >= 4 => {
                    if let (Some(c), Some(m), Some(y), Some(k)) =
                        (num(i - 4), num(i - 3), num(i - 2), num(i - 1))
                    {
                        style.color = Color::from_components(&[c, m, y, k]).unwrap_or(Color::BLACK);
                    }
                }
                _ => {}
            }
        }
        style
    }
}

/// How a text field lays out its value.
#[derive(Debug, Clone, PartialEq)]
pub struct TextParams {
    /// The field flags (`/Ff`, PDF 32000-1, table 228); see [`flags`].
    pub flags: u32,
    /// `/Q`: 0 left, 1 centred, 2 right.
    pub quadding: i64,
    /// `/MaxLen`: the most characters the field takes; also the cell count
    /// of a comb field.
    pub max_len: Option<u32>,
}

/// Encodes a value in `face`, one code string per line, or the characters
/// that cannot be printed.
pub fn encode_value(
    value: &str,
    face: &mut dyn Typeface,
) -> Result<Vec<Vec<u16>>, AppearanceError> {
    let normalized = font::normalize(value);
    let bad = face.missing(&normalized);
    if !bad.is_empty() {
        return Err(AppearanceError::Unprintable(bad));
    }
    normalized
        .split('\n')
        .map(|p| face.encode(p).map_err(AppearanceError::Unprintable))
        .collect()
}

/// The code of a space in `face`.
fn space_code(face: &mut dyn Typeface) -> Result<u16, AppearanceError> {
    face.encode(" ")
        .map_err(AppearanceError::Unprintable)?
        .first()
        .copied()
        .ok_or(AppearanceError::Unprintable(vec![' ']))
}

/// The content of a text field's normal appearance, in `face` under the
/// resource name `resource`.
pub fn text_field(
    look: &WidgetLook,
    style: &TextStyle,
    params: &TextParams,
    value: &str,
    face: &mut dyn Typeface,
    resource: &str,
) -> Result<Vec<u8>, AppearanceError> {
    let mut paragraphs = encode_value(value, face)?;
    if params.flags & flags::PASSWORD != 0 {
        let star = face.encode("*").map_err(AppearanceError::Unprintable)?;
        paragraphs = paragraphs
            .iter()
            .map(|p| star.iter().copied().cycle().take(p.len()).collect())
            .collect();
    }
    let multiline = params.flags & flags::MULTILINE != 0;
    let space = space_code(face)?;
    if !multiline {
        paragraphs = vec![paragraphs.join(&space)];
    }
    let chars = paragraphs.iter().map(Vec::len).sum::<usize>() + paragraphs.len().saturating_sub(1);
    if let Some(max_len) = params.max_len {
        if chars > max_len as usize {
            return Err(AppearanceError::TooLong { max_len });
        }
    }
    let comb = params.flags & flags::COMB != 0
        && !multiline
        && params.flags & (flags::PASSWORD | flags::FILE_SELECT) == 0
        && params.max_len.is_some_and(|m| m > 0);
    let (ascent, descent) = (face.ascent(), face.descent());

    let mut c = Content::new();
    c.begin_variable_text().save_state();
    look.frame(&mut c);
    let inner = look.text_box();
    // Text is laid out in the inner box; the clip leaves it the padding
    // too, where accents on capitals may rise.
    c.rect(look.bbox().inset(look.border_width)).clip();
    c.begin_text().fill_color(&style.color);
    let line = paragraphs.first().cloned().unwrap_or_default();
    if comb {
        let cells = params.max_len.unwrap_or(1).max(1) as f32;
        let cell_w = look.bbox().width() / cells;
        let widest = line
            .iter()
            .map(|&code| face.width_pt(&[code], 1.0))
            .fold(0.0, f32::max);
        let size = fit_single(style.font_size_pt, look, ascent + descent, |s| {
            widest * s <= cell_w
        })?;
        c.font(resource, size);
        let y = baseline_centered(look, size, ascent, descent);
        for (i, &code) in line.iter().enumerate() {
            let w = face.width_pt(&[code], size);
            c.text_origin(i as f32 * cell_w + (cell_w - w) / 2.0, y);
            face.show(&mut c, &[code]);
        }
    } else if !multiline {
        let size = fit_single(style.font_size_pt, look, ascent + descent, |s| {
            face.width_pt(&line, s) <= inner.width()
        })?;
        c.font(resource, size);
        let w = face.width_pt(&line, size);
        c.text_origin(
            align_x(inner, w, params.quadding),
            baseline_centered(look, size, ascent, descent),
        );
        face.show(&mut c, &line);
    } else {
        let (size, lines) = fit_multiline(style.font_size_pt, inner, &paragraphs, &*face, space)?;
        c.font(resource, size);
        // The first line low enough for accented capitals.
        let mut y = inner.y1 - size * face.top();
        for l in &lines {
            let w = face.width_pt(l, size);
            c.text_origin(align_x(inner, w, params.quadding), y);
            face.show(&mut c, l);
            y -= size * LINE_HEIGHT;
        }
    }
    c.end_text().restore_state().end_marked_content();
    Ok(c.into_bytes())
}

/// The largest size not above the requested one (or the auto size) that
/// satisfies `fits` and the field's height; `extent` is the font's ascent
/// plus descent, in ems.
fn fit_single(
    requested: f32,
    look: &WidgetLook,
    extent: f32,
    fits: impl Fn(f32) -> bool,
) -> Result<f32, AppearanceError> {
    let height_limit = (look.bbox().height() - 2.0 * look.border_width - 2.0) / extent.max(0.1);
    let wanted = if requested > 0.0 {
        requested
    } else {
        AUTO_FONT_SIZE_PT
    };
    let start = wanted.min(height_limit);
    if start >= MIN_FONT_SIZE_PT && fits(start) {
        return Ok(start);
    }
    // Then down in half points.
    let mut size = (start * 2.0).ceil() / 2.0 - 0.5;
    while size >= MIN_FONT_SIZE_PT {
        if fits(size) {
            return Ok(size);
        }
        size -= 0.5;
    }
    Err(AppearanceError::DoesNotFit)
}

fn fit_multiline(
    requested: f32,
    inner: Rect,
    paragraphs: &[Vec<u16>],
    face: &dyn Typeface,
    space: u16,
) -> Result<(f32, Vec<Vec<u16>>), AppearanceError> {
    let start = if requested > 0.0 {
        requested
    } else {
        AUTO_FONT_SIZE_PT
    };
    let extent = face.top() + face.descent();
    let mut size = start;
    while size >= MIN_FONT_SIZE_PT {
        let lines: Vec<Vec<u16>> = paragraphs
            .iter()
            .flat_map(|p| wrap(face, space, size, p, inner.width()))
            .collect();
        let height = size * extent + (lines.len().saturating_sub(1)) as f32 * size * LINE_HEIGHT;
        if height <= inner.height() + 0.01 {
            return Ok((size, lines));
        }
        size = ((size - 0.5) * 2.0).round() / 2.0;
    }
    Err(AppearanceError::DoesNotFit)
}

fn baseline_centered(look: &WidgetLook, size: f32, ascent: f32, descent: f32) -> f32 {
    (look.bbox().height() - size * (ascent + descent)) / 2.0 + size * descent
}

fn align_x(inner: Rect, text_w: f32, quadding: i64) -> f32 {
    match quadding {
        1 => inner.x0 + (inner.width() - text_w) / 2.0,
        2 => inner.x1 - text_w,
        _ => inner.x0,
    }
}

/// The look of a check box or radio button's "on" state.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mark {
    /// A check mark in the box: check boxes.
    Check,
    /// A filled dot in a round button: radio buttons.
    Dot,
}

/// A button state appearance: the frame, and the mark when `on`.
pub fn button_state(look: &WidgetLook, color: &Color, mark: Mark, on: bool) -> Vec<u8> {
    let mut c = Content::new();
    c.save_state();
    let bbox = look.bbox();
    let (w, h) = (bbox.width(), bbox.height());
    match mark {
        Mark::Dot => {
            let r = w.min(h) / 2.0;
            if let Some(bg) = &look.background {
                c.fill_color(bg).circle(w / 2.0, h / 2.0, r).fill();
            }
            if let (Some(bc), true) = (&look.border, look.border_width > 0.0) {
                c.stroke_color(bc)
                    .line_width(look.border_width)
                    .circle(w / 2.0, h / 2.0, (r - look.border_width / 2.0).max(0.0))
                    .stroke();
            }
            if on {
                c.fill_color(color)
                    .circle(w / 2.0, h / 2.0, r * 0.45)
                    .fill();
            }
        }
        Mark::Check => {
            look.frame(&mut c);
            if on {
                let s = w.min(h);
                let (x0, y0) = ((w - s) / 2.0, (h - s) / 2.0);
                c.stroke_color(color)
                    .line_width((s * 0.12).max(0.5))
                    .raw("1 J 1 j")
                    .move_to(x0 + s * 0.2, y0 + s * 0.52)
                    .line_to(x0 + s * 0.42, y0 + s * 0.26)
                    .line_to(x0 + s * 0.8, y0 + s * 0.78)
                    .stroke();
            }
        }
    }
    c.restore_state();
    c.into_bytes()
}

/// A list box showing its options with the selected one highlighted, in
/// `face` under the resource name `resource`.
pub fn list_box(
    look: &WidgetLook,
    style: &TextStyle,
    options: &[String],
    selected: usize,
    face: &mut dyn Typeface,
    resource: &str,
) -> Result<Vec<u8>, AppearanceError> {
    let space = space_code(face)?;
    let (ascent, descent) = (face.ascent(), face.descent());
    let size = if style.font_size_pt > 0.0 {
        style.font_size_pt
    } else {
        AUTO_FONT_SIZE_PT
    }
    .max(MIN_FONT_SIZE_PT);
    let inner = look.text_box();
    let mut c = Content::new();
    c.begin_variable_text().save_state();
    look.frame(&mut c);
    c.rect(inner).clip();
    let line_h = size * LINE_HEIGHT;
    // Scroll so the selection is visible.
    let visible = ((inner.height() / line_h).floor() as usize).max(1);
    let first = selected.saturating_sub(visible - 1);
    for (row, option) in options.iter().enumerate().skip(first).take(visible) {
        let top = inner.y1 - (row - first) as f32 * line_h;
        if row == selected {
            // Acrobat's selection colour.
            c.fill_color(&Color::Rgb(0.6, 0.757, 0.855))
                .rect(Rect::from_corners(
                    look.bbox().x0,
                    top - line_h,
                    look.bbox().x1,
                    top,
                ))
                .fill();
        }
        let line = encode_value(option, face)?.join(&space);
        c.begin_text()
            .fill_color(&style.color)
            .font(resource, size)
            .text_origin(
                inner.x0,
                top - size * ascent - (line_h - size * (ascent + descent)) / 2.0,
            );
        face.show(&mut c, &line);
        c.end_text();
    }
    c.restore_state().end_marked_content();
    Ok(c.into_bytes())
}

/// Reads the `/Ff` integer of a dictionary as flags (0 when absent).
pub fn flags_of(doc: &Document, d: &Dictionary) -> u32 {
    get_int(doc, d, b"Ff")
        .and_then(|f| u32::try_from(f & 0xFFFF_FFFF).ok())
        .unwrap_or(0)
}

/// A form XObject dictionary for an appearance of the given box, drawn
/// through `matrix` when there is one.
pub fn form_dict(bbox: Rect, matrix: Option<[f32; 6]>, resources: Dictionary) -> Dictionary {
    let mut d = Dictionary::new();
    d.set("Type", objects::name("XObject"));
    d.set("Subtype", objects::name("Form"));
    d.set("BBox", objects::rect_array(bbox));
    if let Some(m) = matrix {
        d.set("Matrix", objects::number_array(&m));
    }
    d.set("Resources", Object::Dictionary(resources));
    d
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::font::text::Standard;
    use crate::font::Font;

    fn look(w: f32, h: f32) -> WidgetLook {
        WidgetLook {
            rect: Rect::from_xywh(0.0, 0.0, w, h),
            rotation: 0,
            border_width: 0.0,
            border: None,
            background: None,
        }
    }

    fn params(flags: u32, max_len: Option<u32>) -> TextParams {
        TextParams {
            flags,
            quadding: 0,
            max_len,
        }
    }

    #[test]
    fn a_rotated_widget_draws_in_its_turned_frame_onto_its_own_box() {
        for rotation in [0u16, 90, 180, 270] {
            let l = WidgetLook {
                rotation,
                ..look(200.0, 20.0)
            };
            let b = l.bbox();
            let m = l.matrix().unwrap_or([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
            let t = |x: f32, y: f32| (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]);
            let corners = [t(b.x0, b.y0), t(b.x1, b.y0), t(b.x0, b.y1), t(b.x1, b.y1)];
            let xs = corners.map(|c| c.0);
            let ys = corners.map(|c| c.1);
            let min = |v: [f32; 4]| v.into_iter().fold(f32::INFINITY, f32::min);
            let max = |v: [f32; 4]| v.into_iter().fold(f32::NEG_INFINITY, f32::max);
            assert_eq!((min(xs), max(xs)), (0.0, 200.0), "{rotation}");
            assert_eq!((min(ys), max(ys)), (0.0, 20.0), "{rotation}");
            // Text runs along the turned frame's width.
            let expected_width = if rotation % 180 == 90 { 20.0 } else { 200.0 };
            assert_eq!(b.width(), expected_width);
        }
    }

    #[test]
    fn mk_r_is_read_as_a_multiple_of_90_or_ignored() {
        let read = |r: Object| {
            let mut doc = Document::with_version("1.7");
            let mut mk = Dictionary::new();
            mk.set("R", r);
            let mut w = Dictionary::new();
            w.set(
                "Rect",
                objects::rect_array(Rect::from_xywh(0.0, 0.0, 10.0, 10.0)),
            );
            w.set("MK", Object::Dictionary(mk));
            let id = doc.add_object(w);
            let w = doc.get_dictionary(id).unwrap().clone();
            WidgetLook::read(&doc, &w).unwrap().rotation
        };
        assert_eq!(read(Object::Integer(90)), 90);
        assert_eq!(read(Object::Integer(-90)), 270);
        assert_eq!(read(Object::Integer(450)), 90);
        assert_eq!(read(Object::Real(180.0)), 180);
        assert_eq!(read(Object::Integer(45)), 0);
        assert_eq!(read(Object::Real(f32::NAN)), 0);
        assert_eq!(read(Object::Integer(i64::MAX)), 0);
        assert_eq!(read(Object::Real(90.0 * 2f32.powi(70))), 0);
        assert_eq!(read(Object::Name(b"x".to_vec())), 0);
    }

    #[test]
    fn reads_size_and_colour_from_da() {
        let s = TextStyle::parse(Some(b"/Helv 9 Tf 0 0 1 rg"));
        assert_eq!(s.font_size_pt, 9.0);
        assert_eq!(s.color, Color::Rgb(0.0, 0.0, 1.0));
        assert_eq!(TextStyle::parse(Some(b"garbage Tf")).font_size_pt, 0.0);
    }

    #[test]
    fn long_text_shrinks_then_fails_past_the_minimum() {
        let style = TextStyle::parse(Some(b"/Helv 12 Tf 0 g"));
        let ok = text_field(
            &look(100.0, 20.0),
            &style,
            &params(0, None),
            "Ragione sociale lunga",
            &mut Standard(Font::Helvetica),
            FONT_RESOURCE,
        );
        assert!(String::from_utf8_lossy(&ok.unwrap()).contains("Tf"));
        let long = "M".repeat(200);
        assert_eq!(
            text_field(
                &look(100.0, 20.0),
                &style,
                &params(0, None),
                &long,
                &mut Standard(Font::Helvetica),
                FONT_RESOURCE
            ),
            Err(AppearanceError::DoesNotFit)
        );
    }

    #[test]
    fn max_len_is_enforced_not_truncated() {
        let style = TextStyle::parse(None);
        assert_eq!(
            text_field(
                &look(100.0, 20.0),
                &style,
                &params(0, Some(3)),
                "1234",
                &mut Standard(Font::Helvetica),
                FONT_RESOURCE
            ),
            Err(AppearanceError::TooLong { max_len: 3 })
        );
    }

    #[test]
    fn unprintable_characters_are_named() {
        let style = TextStyle::parse(None);
        assert_eq!(
            text_field(
                &look(100.0, 20.0),
                &style,
                &params(0, None),
                "Łukasz",
                &mut Standard(Font::Helvetica),
                FONT_RESOURCE
            ),
            Err(AppearanceError::Unprintable(vec!['Ł']))
        );
    }
}
