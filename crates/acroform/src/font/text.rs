//! Text set in a font: the [`Typeface`] that encodes, measures and shows it
//! (a standard 14 font in WinAnsiEncoding, or an embedded TrueType subset),
//! and line breaking with measured glyph widths, shared by the field
//! appearances and page layouts: greedy filling at spaces, and a word wider
//! than the line broken between characters so that nothing ever overflows.

use super::truetype::{self, FontUse};
use crate::font::Font;
use crate::pdf::content::Content;

/// A font text is set in: it turns normalized text into codes of its
/// encoding, measures them, and shows them in a content stream.
pub trait Typeface {
    /// The codes that show one line of text (no line breaks; a tab shows as
    /// a space), or the characters the font cannot show.
    fn encode(&mut self, line: &str) -> Result<Vec<u16>, Vec<char>>;
    /// The characters of `text` the font cannot show, in order of first
    /// appearance (line breaks and tabs excepted).
    fn missing(&self, text: &str) -> Vec<char>;
    /// The advance width of `codes` at `size_pt`, in points.
    fn width_pt(&self, codes: &[u16], size_pt: f32) -> f32;
    /// The height of lower-case ascenders above the baseline, in ems.
    fn ascent(&self) -> f32;
    /// The depth of descenders below the baseline, in ems (positive).
    fn descent(&self) -> f32;
    /// The height of accented capitals (such as `Ő`), in ems: where the
    /// first line of a block must start for them not to be cut.
    fn top(&self) -> f32;
    /// `Tj` with `codes`.
    fn show(&self, content: &mut Content, codes: &[u16]);
}

/// One of the standard 14 fonts in WinAnsiEncoding: nothing embedded, and
/// only the characters of Windows-1252.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standard(pub Font);

impl Typeface for Standard {
    fn encode(&mut self, line: &str) -> Result<Vec<u16>, Vec<char>> {
        crate::font::encode_line(line).map(|b| b.into_iter().map(u16::from).collect())
    }

    fn missing(&self, text: &str) -> Vec<char> {
        crate::font::unprintable_chars(text)
    }

    fn width_pt(&self, codes: &[u16], size_pt: f32) -> f32 {
        let units: u32 = codes
            .iter()
            .map(|&c| u32::from(self.0.glyph_width(u8::try_from(c).unwrap_or(b'?'))))
            .sum();
        units as f32 * size_pt / 1000.0
    }

    fn ascent(&self) -> f32 {
        crate::font::ASCENT
    }

    fn descent(&self) -> f32 {
        crate::font::DESCENT
    }

    fn top(&self) -> f32 {
        // Helvetica's Aring (AFM: 931).
        0.931
    }

    fn show(&self, content: &mut Content, codes: &[u16]) {
        let bytes: Vec<u8> = codes
            .iter()
            .map(|&c| u8::try_from(c).unwrap_or(b'?'))
            .collect();
        content.show(&bytes);
    }
}

impl Typeface for FontUse {
    fn encode(&mut self, line: &str) -> Result<Vec<u16>, Vec<char>> {
        FontUse::encode(self, line)
    }

    fn missing(&self, text: &str) -> Vec<char> {
        FontUse::missing(self, text)
    }

    fn width_pt(&self, codes: &[u16], size_pt: f32) -> f32 {
        self.width(codes) * size_pt
    }

    fn ascent(&self) -> f32 {
        self.program().ascent()
    }

    fn descent(&self) -> f32 {
        self.program().descent()
    }

    fn top(&self) -> f32 {
        self.program().top()
    }

    fn show(&self, content: &mut Content, codes: &[u16]) {
        content.show_hex(&truetype::code_bytes(codes));
    }
}

/// Breaks one paragraph, already encoded in `face`, into lines no wider
/// than `max_width_pt`; `space` is the code of a space. Runs of spaces
/// collapse to one; an empty paragraph is one empty line.
pub fn wrap(
    face: &dyn Typeface,
    space: u16,
    font_size_pt: f32,
    paragraph: &[u16],
    max_width_pt: f32,
) -> Vec<Vec<u16>> {
    let space_w = face.width_pt(&[space], font_size_pt);
    let mut lines: Vec<Vec<u16>> = Vec::new();
    let mut line: Vec<u16> = Vec::new();
    let mut line_w = 0.0f32;
    for word in paragraph.split(|&c| c == space).filter(|w| !w.is_empty()) {
        let word_w = face.width_pt(word, font_size_pt);
        let needed = if line.is_empty() {
            word_w
        } else {
            line_w + space_w + word_w
        };
        if needed <= max_width_pt {
            if !line.is_empty() {
                line.push(space);
            }
            line.extend_from_slice(word);
            line_w = needed;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
            line_w = 0.0;
        }
        if word_w <= max_width_pt {
            line.extend_from_slice(word);
            line_w = word_w;
        } else {
            // A word wider than the line: break it between characters.
            for &c in word {
                let w = face.width_pt(&[c], font_size_pt);
                if !line.is_empty() && line_w + w > max_width_pt {
                    lines.push(std::mem::take(&mut line));
                    line_w = 0.0;
                }
                line.push(c);
                line_w += w;
            }
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const HELVETICA: Standard = Standard(Font::Helvetica);

    fn codes(s: &str) -> Vec<u16> {
        HELVETICA.clone().encode(s).unwrap()
    }

    #[test]
    fn lines_never_exceed_the_width() {
        let text = codes(
            "Le presenti condizioni generali regolano la fornitura del servizio di assistenza",
        );
        for line in wrap(&HELVETICA, 32, 10.0, &text, 100.0) {
            assert!(HELVETICA.width_pt(&line, 10.0) <= 100.0);
        }
    }

    #[test]
    fn a_long_word_is_broken_between_characters() {
        let lines = wrap(&HELVETICA, 32, 10.0, &codes(&"M".repeat(40)), 50.0);
        assert!(lines.len() > 1);
        assert_eq!(lines.iter().map(Vec::len).sum::<usize>(), 40);
    }

    #[test]
    fn an_empty_paragraph_is_one_empty_line() {
        assert_eq!(
            wrap(&HELVETICA, 32, 10.0, &[], 50.0),
            vec![Vec::<u16>::new()]
        );
    }
}
