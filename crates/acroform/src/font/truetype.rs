//! TrueType fonts embedded as subsets, so that text in any script the font
//! covers prints, and archives (PDF/A) accept the file.
//!
//! A [`FontProgram`] is a font read once: its character map, advance widths
//! and vertical metrics, read by `sfnt.rs`. A [`FontUse`] is one
//! document's use of it: every character set is mapped to a glyph, renumbered
//! in the order of first use, and shown as a
//! two-byte code equal to the new glyph id. [`FontUse::write`] then adds the
//! font (PDF 32000-1, 9.7: a Type 0 font with the Identity-H encoding over a
//! CIDFontType2 whose CIDs are the subset's glyph ids), the subset program
//! (`/FontFile2`), its widths (`/W`) and a `/ToUnicode` map, so that text
//! extraction gives back exactly the characters set.
//!
//! Everything is deterministic: the same text in the same order gives the
//! same subset, the same subset tag and the same bytes.

use crate::pdf::objects::name;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream, StringFormat};
use md5::{Digest, Md5};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

pub use super::error::FontError;

/// A TrueType font program and what laying out text needs of it.
#[derive(Debug)]
pub struct FontProgram {
    data: Vec<u8>,
    postscript_name: String,
    units_per_em: f32,
    glyphs: BTreeMap<char, u16>,
    advances: Vec<u16>,
    ascent: f32,
    descent: f32,
    top: f32,
    cap_height: f32,
    bbox: [f32; 4],
    italic_angle: f32,
}

impl FontProgram {
    /// Reads a TrueType font (`.ttf`, glyf outlines).
    pub fn parse(data: Vec<u8>) -> Result<FontProgram, FontError> {
        use super::bytes::{be_i16, be_u16};
        use super::sfnt::{metric, Font, Outlines};
        let font = Font::parse(&data).ok_or(FontError::Malformed)?;
        let head = font.table(*b"head").ok_or(FontError::Malformed)?;
        let hhea = font.table(*b"hhea").ok_or(FontError::Malformed)?;
        let hmtx = font.table(*b"hmtx").ok_or(FontError::Malformed)?;
        let outlines = Outlines::new(&font).ok_or(FontError::Malformed)?;
        let units = be_u16(head, 18)
            .filter(|&u| u > 0)
            .ok_or(FontError::Malformed)?;
        let units_per_em = f32::from(units);
        let glyphs = super::sfnt::char_map(&font, outlines.count)
            .filter(|m| !m.is_empty())
            .ok_or(FontError::Malformed)?;
        let num_metrics = be_u16(hhea, 34).ok_or(FontError::Malformed)?;
        let advances = (0..outlines.count)
            .map(|g| metric(hmtx, num_metrics, g).map_or(0, |(a, _)| a))
            .collect();
        // Ascender and descender as an AFM file gives them: measured on `d`
        // and `p`, so that text sits as it does in the standard fonts. The
        // glyf table's own boxes: no outline interpreter needed.
        let measured = |c: char, top: bool| {
            let (y_min, y_max) = outlines.y_range(*glyphs.get(&c)?)?;
            Some(f32::from(if top { y_max } else { y_min }) / units_per_em)
        };
        let hhea_metric = |at: usize| f32::from(be_i16(hhea, at).unwrap_or(0)) / units_per_em;
        let ascent = measured('d', true).unwrap_or_else(|| hhea_metric(4));
        let descent = -measured('p', false).unwrap_or_else(|| hhea_metric(6));
        // Accented capitals: the tallest of a few, or the ascender.
        let top = ['Ő', 'Å', 'É', 'Ž']
            .iter()
            .filter_map(|&c| measured(c, true))
            .fold(ascent, f32::max);
        // OS/2 has sCapHeight from version 2.
        let cap_height = font
            .table(*b"OS/2")
            .filter(|os2| be_u16(os2, 0).is_some_and(|v| v >= 2))
            .and_then(|os2| be_i16(os2, 88))
            .map_or(ascent, |h| f32::from(h) / units_per_em);
        let bbox = [36, 38, 40, 42].map(|at| f32::from(be_i16(head, at).unwrap_or(0)));
        let postscript_name = super::sfnt::postscript_name(&font)
            .map(|n| {
                n.chars()
                    .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
                    .collect::<String>()
            })
            .filter(|n| !n.is_empty())
            .unwrap_or_else(|| "Embedded".to_string());
        // post's italicAngle, a 16.16 fixed-point number.
        let italic_angle = font
            .table(*b"post")
            .and_then(|post| super::bytes::be_u32(post, 4))
            .map_or(0.0, |fixed| fixed as i32 as f32 / 65536.0);
        Ok(FontProgram {
            postscript_name,
            units_per_em,
            glyphs,
            advances,
            ascent,
            descent,
            top,
            cap_height,
            bbox,
            italic_angle,
            data,
        })
    }

    /// The font's PostScript name (name table, id 6), such as
    /// `NotoSans-Regular`.
    pub fn postscript_name(&self) -> &str {
        &self.postscript_name
    }

    /// The glyph of a character, if the font has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        self.glyphs.get(&c).copied()
    }

    /// Every character the font can show, in order.
    pub fn chars(&self) -> impl Iterator<Item = char> + '_ {
        self.glyphs.keys().copied()
    }

    /// A glyph's advance width, in ems.
    pub fn advance(&self, glyph: u16) -> f32 {
        f32::from(self.advances.get(usize::from(glyph)).copied().unwrap_or(0)) / self.units_per_em
    }

    /// The height of `d` above the baseline, in ems.
    pub fn ascent(&self) -> f32 {
        self.ascent
    }

    /// The depth of `p` below the baseline, in ems (positive).
    pub fn descent(&self) -> f32 {
        self.descent
    }

    /// The height of the tallest of `Ő`, `Å`, `É` and `Ž` (or of `d`), in
    /// ems: room for accented capitals.
    pub fn top(&self) -> f32 {
        self.top
    }

    /// In thousandths of an em, as PDF font dictionaries give metrics.
    fn milli(&self, v: f32) -> f32 {
        (v * 1000.0 / self.units_per_em).round()
    }
}

/// One document's use of a [`FontProgram`]: the glyphs used so far, under
/// the object id the font will be written at.
#[derive(Debug, Clone)]
pub struct FontUse {
    program: Arc<FontProgram>,
    id: ObjectId,
    /// The new glyph id of each original glyph, by original id; 0 for a
    /// glyph not used (no character maps to glyph 0, `.notdef`). Dense, so
    /// no map type is compiled for it.
    new_ids: Vec<u16>,
    /// The original glyph of each new glyph id.
    original: Vec<u16>,
    /// The character each new glyph id stands for.
    unicode: Vec<char>,
}

impl FontUse {
    /// A use of `program` whose font dictionary will be object `id` (a
    /// number reserved with `Document::new_object_id`).
    pub fn new(program: Arc<FontProgram>, id: ObjectId) -> FontUse {
        let new_ids = vec![0; program.advances.len()];
        FontUse {
            program,
            id,
            new_ids,
            original: vec![0],
            unicode: vec!['\0'],
        }
    }

    /// The object id of the font dictionary.
    pub fn id(&self) -> ObjectId {
        self.id
    }

    /// The font program.
    pub fn program(&self) -> &FontProgram {
        &self.program
    }

    /// The characters of `text` the font lacks, in order of first
    /// appearance (line breaks and tabs excepted).
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut bad = Vec::new();
        for c in text.chars() {
            if c != '\n' && c != '\t' && self.program.glyph(c).is_none() && !bad.contains(&c) {
                bad.push(c);
            }
        }
        bad
    }

    /// The codes that show `text` (one line), recording the glyphs used; or
    /// the characters the font lacks.
    pub fn encode(&mut self, text: &str) -> Result<Vec<u16>, Vec<char>> {
        let missing = self.missing(text);
        if !missing.is_empty() {
            return Err(missing);
        }
        let mut codes = Vec::with_capacity(text.len());
        for c in text.chars() {
            let c = if c == '\t' { ' ' } else { c };
            let Some(old) = self.program.glyph(c) else {
                continue;
            };
            let Some(slot) = self.new_ids.get_mut(usize::from(old)) else {
                continue;
            };
            if *slot == 0 {
                // A font has fewer than 65,536 glyphs: the ids fit.
                *slot = u16::try_from(self.original.len()).unwrap_or(u16::MAX);
                self.original.push(old);
                self.unicode.push(c);
            }
            codes.push(*slot);
        }
        Ok(codes)
    }

    /// The advance width of shown codes, in ems.
    pub fn width(&self, codes: &[u16]) -> f32 {
        codes
            .iter()
            .map(|&c| {
                let old = self.original.get(usize::from(c)).copied().unwrap_or(0);
                self.program.advance(old)
            })
            .sum()
    }

    /// Adds the font, its descendant, descriptor, subset program and
    /// `/ToUnicode` map to `doc`, the font dictionary at [`FontUse::id`].
    pub fn write(&self, doc: &mut Document) -> Result<(), FontError> {
        let p = &self.program;
        let subset = super::subset::subset(&p.data, &self.original)?;
        let base_font = format!("{}+{}", self.tag(), p.postscript_name);

        let mut file = Dictionary::new();
        file.set("Length1", i64::try_from(subset.len()).unwrap_or(i64::MAX));
        file.set("Filter", name("FlateDecode"));
        let program = miniz_oxide::deflate::compress_to_vec_zlib(&subset, 9);
        let file_id = doc.add_object(Stream::new(file, program).with_compression(false));

        let mut descriptor = Dictionary::new();
        descriptor.set("Type", name("FontDescriptor"));
        descriptor.set("FontName", name(&base_font));
        // Nonsymbolic (PDF 32000-1, table 123): the glyphs are Latin,
        // Greek and Cyrillic letters.
        descriptor.set("Flags", 32);
        descriptor.set(
            "FontBBox",
            Object::Array(p.bbox.iter().map(|&v| Object::Real(p.milli(v))).collect()),
        );
        descriptor.set("ItalicAngle", Object::Real(p.italic_angle));
        descriptor.set("Ascent", Object::Real((p.ascent * 1000.0).round()));
        descriptor.set("Descent", Object::Real((-p.descent * 1000.0).round()));
        descriptor.set("CapHeight", Object::Real((p.cap_height * 1000.0).round()));
        descriptor.set("StemV", 80);
        descriptor.set("FontFile2", Object::Reference(file_id));
        let descriptor_id = doc.add_object(descriptor);

        let widths: Vec<Object> = self
            .original
            .iter()
            .map(|&old| Object::Real((p.advance(old) * 1000.0).round()))
            .collect();
        let mut system = Dictionary::new();
        system.set(
            "Registry",
            Object::String(b"Adobe".to_vec(), StringFormat::Literal),
        );
        system.set(
            "Ordering",
            Object::String(b"Identity".to_vec(), StringFormat::Literal),
        );
        system.set("Supplement", 0);
        let mut cid = Dictionary::new();
        cid.set("Type", name("Font"));
        cid.set("Subtype", name("CIDFontType2"));
        cid.set("BaseFont", name(&base_font));
        cid.set("CIDSystemInfo", Object::Dictionary(system));
        cid.set("FontDescriptor", Object::Reference(descriptor_id));
        cid.set("DW", 1000);
        cid.set(
            "W",
            Object::Array(vec![Object::Integer(0), Object::Array(widths)]),
        );
        cid.set("CIDToGIDMap", name("Identity"));
        let cid_id = doc.add_object(cid);

        let to_unicode = doc.add_object(Stream::new(Dictionary::new(), self.cmap().into_bytes()));

        let mut font = Dictionary::new();
        font.set("Type", name("Font"));
        font.set("Subtype", name("Type0"));
        font.set("BaseFont", name(&base_font));
        font.set("Encoding", name("Identity-H"));
        font.set(
            "DescendantFonts",
            Object::Array(vec![Object::Reference(cid_id)]),
        );
        font.set("ToUnicode", Object::Reference(to_unicode));
        doc.objects.insert(self.id, Object::Dictionary(font));
        Ok(())
    }

    /// The six capital letters that name the subset (PDF 32000-1, 9.6.4),
    /// derived from the glyphs it holds.
    fn tag(&self) -> String {
        let mut hash = Md5::new();
        for g in &self.original {
            hash.update(g.to_be_bytes());
        }
        hash.finalize()
            .iter()
            .take(6)
            .map(|b| char::from(b'A' + b % 26))
            .collect()
    }

    /// The `/ToUnicode` CMap (PDF 32000-1, 9.10.3): each code to its
    /// character, in UTF-16BE.
    fn cmap(&self) -> String {
        let mut s = String::from(
            "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
             /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
             /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
             1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
        );
        // Code 0 is .notdef, which stands for no character.
        let entries: Vec<(usize, &char)> = self.unicode.iter().enumerate().skip(1).collect();
        for chunk in entries.chunks(100) {
            let _ = writeln!(s, "{} beginbfchar", chunk.len());
            for (code, c) in chunk {
                let mut utf16 = [0u16; 2];
                let units: String = c
                    .encode_utf16(&mut utf16)
                    .iter()
                    .map(|u| format!("{u:04X}"))
                    .collect();
                let _ = writeln!(s, "<{code:04X}> <{units}>");
            }
            s.push_str("endbfchar\n");
        }
        s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        s
    }
}

/// The bytes of a string operand that shows `codes` in a [`FontUse`]'s
/// font: two bytes per code, big-endian.
pub fn code_bytes(codes: &[u16]) -> Vec<u8> {
    codes.iter().flat_map(|c| c.to_be_bytes()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const FONTS: [&[u8]; 2] = [
        include_bytes!("../../../../assets/fonts/NotoSans-Regular.ttf"),
        include_bytes!("../../../../assets/fonts/NotoSans-Bold.ttf"),
    ];

    /// What ttf-parser reads of the same font: the character map, the
    /// advances, the metrics and names this reader gives.
    #[test]
    fn the_font_reads_as_ttf_parser_reads_it() {
        for data in FONTS {
            let ours = FontProgram::parse(data.to_vec()).unwrap();
            let face = ttf_parser::Face::parse(data, 0).unwrap();
            let mut theirs = BTreeMap::new();
            for table in face.tables().cmap.unwrap().subtables {
                if table.is_unicode() {
                    table.codepoints(|cp| {
                        if let (Some(c), Some(g)) = (char::from_u32(cp), table.glyph_index(cp)) {
                            if g.0 != 0 {
                                theirs.entry(c).or_insert(g.0);
                            }
                        }
                    });
                }
            }
            assert_eq!(ours.glyphs, theirs);
            assert!(ours.glyphs.len() > 1000, "{} characters", ours.glyphs.len());
            let advances: Vec<u16> = (0..face.number_of_glyphs())
                .map(|g| face.glyph_hor_advance(ttf_parser::GlyphId(g)).unwrap_or(0))
                .collect();
            assert_eq!(ours.advances, advances);
            assert_eq!(ours.units_per_em, f32::from(face.units_per_em()));
            let glyf = face.tables().glyf.unwrap();
            let y = |c: char, top: bool| {
                let b = glyf.bbox(face.glyph_index(c).unwrap()).unwrap();
                f32::from(if top { b.y_max } else { b.y_min }) / ours.units_per_em
            };
            assert_eq!(ours.ascent, y('d', true));
            assert_eq!(ours.descent, -y('p', false));
            let top = ['Ő', 'Å', 'É', 'Ž']
                .map(|c| y(c, true))
                .into_iter()
                .fold(ours.ascent, f32::max);
            assert_eq!(ours.top, top);
            assert_eq!(
                ours.cap_height,
                f32::from(face.capital_height().unwrap()) / ours.units_per_em
            );
            let b = face.global_bounding_box();
            assert_eq!(
                ours.bbox,
                [b.x_min, b.y_min, b.x_max, b.y_max].map(f32::from)
            );
            assert_eq!(ours.italic_angle, face.italic_angle());
            let name = face
                .names()
                .into_iter()
                .find(|n| n.name_id == ttf_parser::name_id::POST_SCRIPT_NAME)
                .and_then(|n| n.to_string())
                .unwrap();
            assert_eq!(ours.postscript_name, name);
        }
    }

    /// A format 12 map of 60,000 groups, each all of Unicode: read within
    /// the code point budget, in well under a second.
    #[test]
    fn overlapping_character_ranges_are_bounded() {
        let mut font = FONTS[0].to_vec();
        let cmap_at = {
            let f = crate::font::sfnt::Font::parse(&font).unwrap();
            let t = f.table(*b"cmap").unwrap();
            t.as_ptr() as usize - font.as_ptr() as usize
        };
        let groups = 60_000u32;
        let mut table = Vec::new();
        table.extend_from_slice(&12u16.to_be_bytes());
        table.extend_from_slice(&[0, 0]);
        table.extend_from_slice(&(16 + 12 * groups).to_be_bytes());
        table.extend_from_slice(&[0; 4]);
        table.extend_from_slice(&groups.to_be_bytes());
        for _ in 0..groups {
            table.extend_from_slice(&0u32.to_be_bytes());
            table.extend_from_slice(&0x10_FFFFu32.to_be_bytes());
            table.extend_from_slice(&1u32.to_be_bytes());
        }
        // The cmap now points at a subtable appended at the end.
        let sub_at = u32::try_from(font.len() - cmap_at).unwrap();
        font[cmap_at + 2..cmap_at + 4].copy_from_slice(&1u16.to_be_bytes());
        font[cmap_at + 4..cmap_at + 8].copy_from_slice(&[0, 3, 0, 10]);
        font[cmap_at + 8..cmap_at + 12].copy_from_slice(&sub_at.to_be_bytes());
        font.extend_from_slice(&table);
        // The directory's cmap length: to the end.
        let f = crate::font::sfnt::Font::parse(&font).unwrap();
        drop(f);
        let count = usize::from(u16::from_be_bytes([font[4], font[5]]));
        for i in 0..count {
            let at = 12 + i * 16;
            if &font[at..at + 4] == b"cmap" {
                let len = u32::try_from(font.len() - cmap_at).unwrap();
                font[at + 12..at + 16].copy_from_slice(&len.to_be_bytes());
            }
        }
        let started = std::time::Instant::now();
        let program = FontProgram::parse(font);
        assert!(
            started.elapsed().as_secs_f32() < 1.0,
            "{:?}",
            started.elapsed()
        );
        assert!(program.is_ok());
    }

    /// A character map listed 65,535 times, each a format 4 table of
    /// 32,767 empty segments: each subtable is read once, and every segment
    /// costs from the budget.
    #[test]
    fn a_character_map_listed_many_times_is_read_once() {
        let segments: u16 = 32_767;
        let mut table = Vec::new();
        for v in [4u16, 0, 0, segments * 2, 0, 0, 0] {
            table.extend_from_slice(&v.to_be_bytes());
        }
        // End codes below start codes: empty segments.
        table.extend(std::iter::repeat_n(0u8, 2 * usize::from(segments)));
        table.extend_from_slice(&[0, 0]);
        table.extend(std::iter::repeat_n(0xFFu8, 2 * usize::from(segments)));
        table.extend(std::iter::repeat_n(0u8, 4 * usize::from(segments)));
        let records: u16 = 65_535;
        let sub_at = 4 + 8 * u32::from(records);
        let mut cmap = Vec::new();
        cmap.extend_from_slice(&[0, 0]);
        cmap.extend_from_slice(&records.to_be_bytes());
        for _ in 0..records {
            cmap.extend_from_slice(&[0, 3, 0, 1]);
            cmap.extend_from_slice(&sub_at.to_be_bytes());
        }
        cmap.extend_from_slice(&table);
        // The font's cmap record now points at this table, appended.
        let mut font = FONTS[0].to_vec();
        let count = usize::from(u16::from_be_bytes([font[4], font[5]]));
        let at = (0..count)
            .map(|i| 12 + i * 16)
            .find(|&at| &font[at..at + 4] == b"cmap")
            .unwrap();
        let offset = u32::try_from(font.len()).unwrap();
        font[at + 8..at + 12].copy_from_slice(&offset.to_be_bytes());
        font[at + 12..at + 16].copy_from_slice(&u32::try_from(cmap.len()).unwrap().to_be_bytes());
        font.extend_from_slice(&cmap);
        let started = std::time::Instant::now();
        // No character maps to a glyph: the font is refused, at once.
        assert_eq!(FontProgram::parse(font).err(), Some(FontError::Malformed));
        assert!(
            started.elapsed().as_secs_f32() < 0.5,
            "{:?}",
            started.elapsed()
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(crate::tests::font_fuzz_cases()))]

        /// A damaged font is read or refused, never a panic; what is read
        /// can still be used and written.
        #[test]
        fn damaged_fonts_never_panic(
            edits in proptest::collection::vec((0usize..FONTS[0].len(), any::<u8>()), 1..40),
            header in proptest::collection::vec((0usize..600, any::<u8>()), 0..10),
            cut in 0usize..FONTS[0].len() * 2,
        ) {
            let mut font = FONTS[0].to_vec();
            for (at, b) in edits.into_iter().chain(header) {
                if let Some(x) = font.get_mut(at) {
                    *x = b;
                }
            }
            font.truncate(cut);
            if let Ok(program) = FontProgram::parse(font) {
                let mut doc = Document::with_version("1.7");
                let mut used = FontUse::new(Arc::new(program), doc.new_object_id());
                let _ = used.encode("Ősi Čakovec Δ Ж");
                let _ = used.write(&mut doc);
            }
        }
    }
}
