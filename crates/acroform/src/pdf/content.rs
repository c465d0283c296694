//! A typed builder for content streams (PDF 32000-1, section 8 and 9): one
//! method per operator, named after what it does, so the code that draws a
//! page or an appearance reads like the operators it writes.
//!
//! Numbers are written with at most three decimals and no exponent, so the
//! output is the same on every platform.

use std::fmt::Write as _;

/// A rectangle in PDF user space, in points, with `x0 <= x1` and `y0 <= y1`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    /// The left edge.
    pub x0: f32,
    /// The bottom edge.
    pub y0: f32,
    /// The right edge.
    pub x1: f32,
    /// The top edge.
    pub y1: f32,
}

impl Rect {
    /// A rectangle from any two corners.
    pub fn from_corners(a: f32, b: f32, c: f32, d: f32) -> Rect {
        Rect {
            x0: a.min(c),
            y0: b.min(d),
            x1: a.max(c),
            y1: b.max(d),
        }
    }

    /// A rectangle from its lower-left corner, width and height.
    pub fn from_xywh(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect::from_corners(x, y, x + w, y + h)
    }

    /// `x1 - x0`.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// `y1 - y0`.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// The rectangle shrunk by `d` on every side (never below zero size).
    pub fn inset(&self, d: f32) -> Rect {
        let dx = d.min(self.width() / 2.0);
        let dy = d.min(self.height() / 2.0);
        Rect {
            x0: self.x0 + dx,
            y0: self.y0 + dy,
            x1: self.x1 - dx,
            y1: self.y1 - dy,
        }
    }

    /// Whether every coordinate is a finite number.
    pub fn is_finite(&self) -> bool {
        [self.x0, self.y0, self.x1, self.y1]
            .iter()
            .all(|v| v.is_finite())
    }
}

/// A colour as `/DA` and `/MK` give it: gray, RGB or CMYK components in 0..1.
#[derive(Debug, Clone, PartialEq)]
pub enum Color {
    /// DeviceGray: the gray level, 0 black to 1 white.
    Gray(f32),
    /// DeviceRGB: red, green, blue.
    Rgb(f32, f32, f32),
    /// DeviceCMYK: cyan, magenta, yellow, black.
    Cmyk(f32, f32, f32, f32),
}

impl Color {
    /// Gray 0, the default colour of text and strokes.
    pub const BLACK: Color = Color::Gray(0.0);

    /// A colour from an array of 1, 3 or 4 components (`/MK /BG`, `/MK /BC`);
    /// `None` for an empty array (transparent) or another length.
    pub fn from_components(c: &[f32]) -> Option<Color> {
        let c01 = |v: f32| {
            if v.is_finite() {
                v.clamp(0.0, 1.0)
            } else {
                0.0
            }
        };
        match *c {
            [g] => Some(Color::Gray(c01(g))),
            [r, g, b] => Some(Color::Rgb(c01(r), c01(g), c01(b))),
            [c, m, y, k] => Some(Color::Cmyk(c01(c), c01(m), c01(y), c01(k))),
            _ => None,
        }
    }
}

/// A content stream being written.
#[derive(Debug, Default, Clone)]
pub struct Content {
    buf: String,
}

/// Writes a number as PDF does: an integer when it is one, otherwise up to
/// three decimals, trailing zeros removed; non-finite values become 0.
pub fn number(out: &mut String, v: f32) {
    let v = if v.is_finite() { v } else { 0.0 };
    // From 2^23 on every f32 is whole (and times 1000 it could overflow).
    let rounded = if v.abs() >= 8_388_608.0 {
        v
    } else {
        (v * 1000.0).round() / 1000.0
    };
    // Thousandths as an integer: exact, since an f32 times 1000 is exact in
    // an f64. (Formatting the float would link core's float formatter into
    // the wasm.)
    let thousandths = (f64::from(rounded) * 1000.0).round();
    if rounded == rounded.trunc() || thousandths.abs() >= 9.0e18 {
        // Every whole f32 fits a u128 (-0 is written 0).
        if rounded < 0.0 {
            out.push('-');
        }
        let mut digits = Vec::new();
        super::serialize::uint(&mut digits, rounded.abs() as u128);
        out.extend(digits.iter().map(|&d| char::from(d)));
        return;
    }
    let k = thousandths as i64;
    if k < 0 {
        out.push('-');
    }
    let k = k.unsigned_abs();
    let _ = write!(out, "{}.", k / 1000);
    let frac = k % 1000;
    let digits = [frac / 100, frac / 10 % 10, frac % 10];
    let last = digits.iter().rposition(|&d| d != 0).unwrap_or(0);
    for d in digits.iter().take(last + 1) {
        out.push(char::from(b'0' + *d as u8));
    }
}

/// Writes bytes as a literal string `( ... )`, escaping what PDF 32000-1,
/// 7.3.4.2 requires and bytes outside printable ASCII as octal escapes.
pub fn literal_string(out: &mut String, bytes: &[u8]) {
    out.push('(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                out.push('\\');
                out.push(char::from(b));
            }
            0x20..=0x7E => out.push(char::from(b)),
            _ => {
                let _ = write!(out, "\\{b:03o}");
            }
        }
    }
    out.push(')');
}

impl Content {
    /// An empty content stream.
    pub fn new() -> Content {
        Content::default()
    }

    /// The operators written so far, one per line, as the stream's data.
    pub fn into_bytes(self) -> Vec<u8> {
        self.buf.into_bytes()
    }

    /// The operators written so far, as the stream's data.
    pub fn as_bytes(&self) -> &[u8] {
        self.buf.as_bytes()
    }

    /// Whether nothing has been written yet.
    pub fn is_empty(&self) -> bool {
        self.buf.is_empty()
    }

    fn nums(&mut self, values: &[f32], op: &str) -> &mut Self {
        for &v in values {
            number(&mut self.buf, v);
            self.buf.push(' ');
        }
        self.buf.push_str(op);
        self.buf.push('\n');
        self
    }

    /// Raw operator text, for sequences this builder has no method for.
    pub fn raw(&mut self, text: &str) -> &mut Self {
        self.buf.push_str(text);
        if !text.ends_with('\n') {
            self.buf.push('\n');
        }
        self
    }

    /// `q`: saves the graphics state.
    pub fn save_state(&mut self) -> &mut Self {
        self.raw("q")
    }

    /// `Q`: restores the graphics state.
    pub fn restore_state(&mut self) -> &mut Self {
        self.raw("Q")
    }

    /// `cm`: concatenates a matrix to the current transformation.
    pub fn transform(&mut self, m: [f32; 6]) -> &mut Self {
        self.nums(&m, "cm")
    }

    /// `w`: sets the line width, in points.
    pub fn line_width(&mut self, w: f32) -> &mut Self {
        self.nums(&[w], "w")
    }

    /// `g`, `rg` or `k`: sets the fill colour, which text also uses.
    pub fn fill_color(&mut self, c: &Color) -> &mut Self {
        match *c {
            Color::Gray(g) => self.nums(&[g], "g"),
            Color::Rgb(r, g, b) => self.nums(&[r, g, b], "rg"),
            Color::Cmyk(c, m, y, k) => self.nums(&[c, m, y, k], "k"),
        }
    }

    /// `G`, `RG` or `K`: sets the stroke colour.
    pub fn stroke_color(&mut self, c: &Color) -> &mut Self {
        match *c {
            Color::Gray(g) => self.nums(&[g], "G"),
            Color::Rgb(r, g, b) => self.nums(&[r, g, b], "RG"),
            Color::Cmyk(c, m, y, k) => self.nums(&[c, m, y, k], "K"),
        }
    }

    /// `re`: appends a rectangle to the path.
    pub fn rect(&mut self, r: Rect) -> &mut Self {
        self.nums(&[r.x0, r.y0, r.width(), r.height()], "re")
    }

    /// `m`: begins a new subpath at `(x, y)`.
    pub fn move_to(&mut self, x: f32, y: f32) -> &mut Self {
        self.nums(&[x, y], "m")
    }

    /// `l`: appends a straight line to `(x, y)`.
    pub fn line_to(&mut self, x: f32, y: f32) -> &mut Self {
        self.nums(&[x, y], "l")
    }

    /// `c`: appends a cubic Bézier curve: two control points, then the end
    /// point, as `[x1, y1, x2, y2, x3, y3]`.
    pub fn curve_to(&mut self, c: [f32; 6]) -> &mut Self {
        self.nums(&c, "c")
    }

    /// `h`: closes the current subpath.
    pub fn close_path(&mut self) -> &mut Self {
        self.raw("h")
    }

    /// `f`: fills the path (nonzero winding rule).
    pub fn fill(&mut self) -> &mut Self {
        self.raw("f")
    }

    /// `S`: strokes the path.
    pub fn stroke(&mut self) -> &mut Self {
        self.raw("S")
    }

    /// `W n`: intersects the clipping path with the current path.
    pub fn clip(&mut self) -> &mut Self {
        self.raw("W n")
    }

    /// A circle approximated by four Bézier curves.
    pub fn circle(&mut self, cx: f32, cy: f32, r: f32) -> &mut Self {
        // 0.5523: the control-point distance of a quarter circle.
        let k = r * 0.552_284_8;
        self.move_to(cx + r, cy)
            .curve_to([cx + r, cy + k, cx + k, cy + r, cx, cy + r])
            .curve_to([cx - k, cy + r, cx - r, cy + k, cx - r, cy])
            .curve_to([cx - r, cy - k, cx - k, cy - r, cx, cy - r])
            .curve_to([cx + k, cy - r, cx + r, cy - k, cx + r, cy])
            .close_path()
    }

    /// `BT`: begins a text object.
    pub fn begin_text(&mut self) -> &mut Self {
        self.raw("BT")
    }

    /// `ET`: ends a text object.
    pub fn end_text(&mut self) -> &mut Self {
        self.raw("ET")
    }

    /// `Tf`: selects a font resource and size.
    pub fn font(&mut self, resource: &str, font_size_pt: f32) -> &mut Self {
        self.buf.push('/');
        self.buf.push_str(resource);
        self.buf.push(' ');
        self.nums(&[font_size_pt], "Tf")
    }

    /// `Tm`: places the text origin at `(x, y)`.
    pub fn text_origin(&mut self, x: f32, y: f32) -> &mut Self {
        self.nums(&[1.0, 0.0, 0.0, 1.0, x, y], "Tm")
    }

    /// `Tj` with a hexadecimal string: shows text in a font whose codes
    /// are several bytes long (an embedded font with Identity-H).
    pub fn show_hex(&mut self, encoded: &[u8]) -> &mut Self {
        self.buf.push('<');
        for b in encoded {
            let _ = write!(self.buf, "{b:02X}");
        }
        self.buf.push_str("> Tj\n");
        self
    }

    /// `TJ` with hexadecimal strings: shows `parts` one after the other,
    /// moving `extra` thousandths of the font size to the right after each
    /// but the last (justified text in a font with multi-byte codes).
    pub fn show_hex_spaced(&mut self, parts: &[Vec<u8>], extra: f32) -> &mut Self {
        self.buf.push('[');
        for (i, part) in parts.iter().enumerate() {
            if i > 0 {
                number(&mut self.buf, -extra);
                self.buf.push(' ');
            }
            self.buf.push('<');
            for b in part {
                let _ = write!(self.buf, "{b:02X}");
            }
            self.buf.push_str("> ");
        }
        self.buf.push_str("] TJ\n");
        self
    }

    /// `Tj`: shows text encoded in a simple font (one byte per character,
    /// such as WinAnsi).
    pub fn show(&mut self, encoded: &[u8]) -> &mut Self {
        literal_string(&mut self.buf, encoded);
        self.buf.push_str(" Tj\n");
        self
    }

    /// `Do`: paints an XObject resource.
    pub fn paint_xobject(&mut self, resource: &str) -> &mut Self {
        self.buf.push('/');
        self.buf.push_str(resource);
        self.buf.push_str(" Do\n");
        self
    }

    /// `/Tx BMC`: the marked content that holds a text field's variable text
    /// (PDF 32000-1, 12.7.3.3).
    pub fn begin_variable_text(&mut self) -> &mut Self {
        self.raw("/Tx BMC")
    }

    /// `EMC`: ends the marked content begun last.
    pub fn end_marked_content(&mut self) -> &mut Self {
        self.raw("EMC")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        let mut s = String::new();
        for v in [0.0, 1.0, -2.5, 0.1234, 595.2756, f32::NAN, -0.0001] {
            number(&mut s, v);
            s.push(' ');
        }
        assert_eq!(s, "0 1 -2.5 0.123 595.276 0 0 ");
        let mut big = String::new();
        for v in [1e20, -1e30, f32::MAX] {
            number(&mut big, v);
            big.push(' ');
        }
        assert_eq!(
            big,
            "100000002004087734272 -1000000015047466219876688855040 \
             340282346638528859811704183484516925440 "
        );
    }

    #[test]
    fn strings_escape_delimiters_and_high_bytes() {
        let mut s = String::new();
        literal_string(&mut s, b"a(b)\\\x80");
        assert_eq!(s, "(a\\(b\\)\\\\\\200)");
    }
}
