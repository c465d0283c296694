//! The standard 14 Helvetica faces with WinAnsiEncoding: which characters
//! they can show and how wide each glyph is.
//!
//! PDF 32000-1:2008, annex D.2 gives WinAnsiEncoding; the widths are those of
//! Adobe's AFM files for Helvetica and Helvetica-Bold (Core14 metrics), in
//! thousandths of the font size, indexed by WinAnsi code. Nothing here
//! allocates more than the text it is given, and nothing panics.

/// A standard 14 font this crate sets text in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Font {
    Helvetica,
    HelveticaBold,
}

/// Helvetica's ascender and descender, in thousandths of the font size
/// (AFM `Ascender 718`, `Descender -207`).
pub const ASCENT: f32 = 0.718;
pub const DESCENT: f32 = 0.207;

impl Font {
    /// The `/BaseFont` name (PDF 32000-1, 9.6.2.2).
    pub fn base_font(self) -> &'static str {
        match self {
            Font::Helvetica => "Helvetica",
            Font::HelveticaBold => "Helvetica-Bold",
        }
    }

    /// The width of one WinAnsi-encoded glyph, in thousandths of an em.
    pub fn glyph_width(self, code: u8) -> u16 {
        let table = match self {
            Font::Helvetica => &HELVETICA_WIDTHS,
            Font::HelveticaBold => &HELVETICA_BOLD_WIDTHS,
        };
        // 256 entries, one per byte value: never out of range.
        table.get(usize::from(code)).copied().unwrap_or(0)
    }

    /// The advance width of WinAnsi-encoded text at `font_size_pt`, in points.
    pub fn width_pt(self, encoded: &[u8], font_size_pt: f32) -> f32 {
        let units: u32 = encoded
            .iter()
            .map(|&b| u32::from(self.glyph_width(b)))
            .sum();
        units as f32 * font_size_pt / 1000.0
    }
}

/// The WinAnsi code of a character, if the encoding has one.
pub fn winansi_code(c: char) -> Option<u8> {
    let u = u32::from(c);
    match u {
        0x20..=0x7E | 0xA0..=0xFF => u8::try_from(u).ok(),
        _ => Some(match c {
            '\u{20AC}' => 0x80,
            '\u{201A}' => 0x82,
            '\u{0192}' => 0x83,
            '\u{201E}' => 0x84,
            '\u{2026}' => 0x85,
            '\u{2020}' => 0x86,
            '\u{2021}' => 0x87,
            '\u{02C6}' => 0x88,
            '\u{2030}' => 0x89,
            '\u{0160}' => 0x8A,
            '\u{2039}' => 0x8B,
            '\u{0152}' => 0x8C,
            '\u{017D}' => 0x8E,
            '\u{2018}' => 0x91,
            '\u{2019}' => 0x92,
            '\u{201C}' => 0x93,
            '\u{201D}' => 0x94,
            '\u{2022}' => 0x95,
            '\u{2013}' => 0x96,
            '\u{2014}' => 0x97,
            '\u{02DC}' => 0x98,
            '\u{2122}' => 0x99,
            '\u{0161}' => 0x9A,
            '\u{203A}' => 0x9B,
            '\u{0153}' => 0x9C,
            '\u{017E}' => 0x9E,
            '\u{0178}' => 0x9F,
            _ => return None,
        }),
    }
}

/// Rewrites text into what the fonts can set, without changing what it says:
/// a letter followed by a combining accent (as some keyboards and macOS file
/// names produce) becomes the precomposed letter, typographic spaces become a
/// space, non-breaking hyphens a hyphen, and invisible characters (zero-width
/// spaces, the byte order mark, soft hyphens) are dropped. Line breaks and
/// tabs are kept for the caller to interpret.
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => {}
            '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => out.push(' '),
            '\u{2010}' | '\u{2011}' => out.push('-'),
            '\u{2028}' | '\u{2029}' | '\u{0085}' => out.push('\n'),
            '\r' => {}
            '\u{0300}'..='\u{036F}' => match out.chars().last().and_then(|base| compose(base, c)) {
                Some(composed) => {
                    out.pop();
                    out.push(composed);
                }
                // No precomposed form: kept, so the printable check reports it.
                None => out.push(c),
            },
            _ => out.push(c),
        }
    }
    out
}

/// The precomposed Latin-1 letter for `base` followed by a combining `mark`.
fn compose(base: char, mark: char) -> Option<char> {
    // (mark, base letters, composed letters): Unicode canonical compositions
    // that land in Latin-1, the range WinAnsi shares.
    const TABLE: &[(char, &str, &str)] = &[
        ('\u{0300}', "AEIOUaeiou", "ÀÈÌÒÙàèìòù"),
        ('\u{0301}', "AEIOUYaeiouy", "ÁÉÍÓÚÝáéíóúý"),
        ('\u{0302}', "AEIOUaeiou", "ÂÊÎÔÛâêîôû"),
        ('\u{0303}', "ANOano", "ÃÑÕãñõ"),
        ('\u{0308}', "AEIOUaeiouy", "ÄËÏÖÜäëïöüÿ"),
        ('\u{030A}', "Aa", "Åå"),
        ('\u{0327}', "Cc", "Çç"),
    ];
    let (_, bases, composed) = TABLE.iter().find(|(m, _, _)| *m == mark)?;
    let index = bases.chars().position(|b| b == base)?;
    composed.chars().nth(index)
}

/// The distinct characters of `text` (after [`normalize`]) that WinAnsi
/// cannot show, in order of first appearance. Line breaks and tabs count as
/// printable: text fields turn them into line breaks or spaces.
pub fn unprintable_chars(text: &str) -> Vec<char> {
    let mut bad: Vec<char> = Vec::new();
    for c in normalize(text).chars() {
        if c != '\n' && c != '\t' && winansi_code(c).is_none() && !bad.contains(&c) {
            bad.push(c);
        }
    }
    bad
}

/// Encodes normalized text that holds no line break, a tab becoming a space.
/// Returns the characters that cannot be encoded when there are any.
pub fn encode_line(text: &str) -> Result<Vec<u8>, Vec<char>> {
    let mut bytes = Vec::with_capacity(text.len());
    let mut bad: Vec<char> = Vec::new();
    for c in text.chars() {
        let c = if c == '\t' || c == '\n' { ' ' } else { c };
        match winansi_code(c) {
            Some(b) => bytes.push(b),
            None => {
                if !bad.contains(&c) {
                    bad.push(c);
                }
            }
        }
    }
    if bad.is_empty() {
        Ok(bytes)
    } else {
        Err(bad)
    }
}

/// Helvetica widths by WinAnsi code (AFM `WX`); 0 where WinAnsi has no glyph.
#[rustfmt::skip]
static HELVETICA_WIDTHS: [u16; 256] = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
    1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
    333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556,
    556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584, 350,
    556, 0, 222, 556, 333, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 222, 222, 333, 333, 350, 556, 1000, 333, 1000, 500, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 260, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 556, 537, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    667, 667, 667, 667, 667, 667, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 500, 556, 556, 556, 556, 278, 278, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 584, 611, 556, 556, 556, 556, 500, 556, 500,
];

/// Helvetica-Bold widths by WinAnsi code (AFM `WX`).
#[rustfmt::skip]
static HELVETICA_BOLD_WIDTHS: [u16; 256] = [
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278,
    556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 333, 333, 584, 584, 584, 611,
    975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833, 722, 778,
    667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556,
    333, 556, 611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611,
    611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389, 280, 389, 584, 350,
    556, 0, 278, 556, 500, 1000, 556, 556, 333, 1000, 667, 333, 1000, 0, 611, 0,
    0, 278, 278, 500, 500, 350, 556, 1000, 333, 1000, 556, 333, 944, 0, 500, 667,
    278, 333, 556, 556, 556, 556, 280, 556, 333, 737, 370, 556, 584, 333, 737, 333,
    400, 584, 333, 333, 333, 611, 556, 278, 333, 333, 365, 556, 834, 834, 834, 611,
    722, 722, 722, 722, 722, 722, 1000, 722, 667, 667, 667, 667, 278, 278, 278, 278,
    722, 722, 778, 778, 778, 778, 778, 584, 778, 722, 722, 722, 722, 667, 667, 611,
    556, 556, 556, 556, 556, 556, 889, 556, 556, 556, 556, 556, 278, 278, 278, 278,
    611, 611, 611, 611, 611, 611, 611, 584, 611, 611, 611, 611, 611, 556, 611, 556,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn italian_letters_and_typographic_marks_are_encodable() {
        for c in "àèéìòùÀÈÉÌÒÙç€«»’“”".chars() {
            assert!(winansi_code(c).is_some(), "{c}");
        }
        assert_eq!(winansi_code('€'), Some(0x80));
        assert_eq!(winansi_code('’'), Some(0x92));
    }

    #[test]
    fn combining_accents_become_precomposed_letters() {
        assert_eq!(normalize("perche\u{0301} citta\u{0300}"), "perché città");
        assert!(unprintable_chars("e\u{0301}").is_empty());
        assert_eq!(unprintable_chars("x\u{0301}"), vec!['\u{0301}']);
    }

    #[test]
    fn reports_each_unprintable_character_once() {
        assert_eq!(
            unprintable_chars("Łódź Łódź 日本"),
            vec!['Ł', 'ź', '日', '本']
        );
    }

    #[test]
    fn euro_is_as_wide_as_a_digit() {
        assert_eq!(
            Font::Helvetica.glyph_width(0x80),
            Font::Helvetica.glyph_width(b'0')
        );
        assert_eq!(Font::Helvetica.width_pt(b"MM", 10.0), 16.66);
    }
}
