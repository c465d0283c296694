//! TrueType (`glyf`) font subsetting: the font program a PDF embeds for a
//! CIDFontType2 font with an identity CID-to-glyph map.
//!
//! Given the original glyph of each new glyph id, [`subset`] writes a font
//! whose glyph `i` is that glyph: the `glyf` and `loca` tables hold only
//! those glyphs (and the components of composite ones, numbered after
//! them, with the references rewritten), `hmtx`, `hhea` and `maxp` are cut
//! to match, `post` keeps no glyph names (version 3), and `head`, `name`
//! and the hinting tables (`cvt `, `fpgm`, `prep`) are kept. PDF needs no
//! `cmap` in such a font (PDF 32000-1, 9.9), nor `OS/2`. This is what
//! typst's `subsetter` does for TrueType outlines, without its CFF and
//! variable-font code (29 KB of the web worker's gzip; docs/design.md).
//!
//! Every read is checked: a damaged font gives [`FontError::Subset`],
//! never a panic, and the work is bounded by the number of glyphs.

use super::bytes::{be_u16, put_u16, put_u32};
use super::error::FontError;
use super::sfnt::{metric, Font};

/// The font program holding, as glyph `i`, the original glyph
/// `glyphs[i]` (`glyphs[0]` should be 0, `.notdef`).
pub fn subset(data: &[u8], glyphs: &[u16]) -> Result<Vec<u8>, FontError> {
    let font = Font::parse(data).ok_or(FontError::Subset)?;
    let head = font
        .table(*b"head")
        .filter(|t| t.len() >= 54)
        .ok_or(FontError::Subset)?;
    let maxp = font
        .table(*b"maxp")
        .filter(|t| t.len() >= 6)
        .ok_or(FontError::Subset)?;
    let hhea = font
        .table(*b"hhea")
        .filter(|t| t.len() >= 36)
        .ok_or(FontError::Subset)?;
    let num_metrics = be_u16(hhea, 34).ok_or(FontError::Subset)?;
    let hmtx = font.table(*b"hmtx").ok_or(FontError::Subset)?;
    let outlines = super::sfnt::Outlines::new(&font).ok_or(FontError::Subset)?;
    let outline = |g: u16| outlines.glyph(g);
    let num_glyphs = outlines.count;

    // The closure: the glyphs asked for, then every component of a
    // composite glyph not yet in, each once.
    // The new id of each glyph of the font, once it is in: a dense vector
    // (a font has at most 65,536 glyphs) rather than a map type of its own.
    let mut order: Vec<u16> = Vec::with_capacity(glyphs.len());
    let mut new_id: Vec<Option<u16>> = vec![None; usize::from(num_glyphs)];
    for &g in glyphs {
        let slot = new_id
            .get_mut(usize::from(g))
            .filter(|slot| slot.is_none())
            .ok_or(FontError::Subset)?;
        *slot = Some(u16::try_from(order.len()).map_err(|_| FontError::Subset)?);
        order.push(g);
    }
    // In a sound font no two glyphs share bytes, so the glyphs kept hold
    // at most the whole table: a loca pointing many glyphs at the same
    // bytes cannot make the subset grow past it.
    let glyf_len = font.table(*b"glyf").map_or(0, <[u8]>::len);
    let mut kept_bytes = 0usize;
    let mut i = 0;
    while let Some(&g) = order.get(i) {
        i += 1;
        let data = outline(g).ok_or(FontError::Subset)?;
        kept_bytes = kept_bytes.saturating_add(data.len());
        if kept_bytes > glyf_len {
            return Err(FontError::Subset);
        }
        for (_, component) in components(data).ok_or(FontError::Subset)? {
            // A glyph made of itself never ends for a renderer.
            if component == g {
                return Err(FontError::Subset);
            }
            let slot = new_id
                .get_mut(usize::from(component))
                .ok_or(FontError::Subset)?;
            if slot.is_none() {
                *slot = Some(u16::try_from(order.len()).map_err(|_| FontError::Subset)?);
                order.push(component);
            }
        }
    }
    let count = u16::try_from(order.len()).map_err(|_| FontError::Subset)?;

    // glyf, with composite glyphs pointing at the new ids; loca.
    let mut new_glyf: Vec<u8> = Vec::new();
    let mut offsets: Vec<usize> = Vec::with_capacity(order.len() + 1);
    for &g in &order {
        offsets.push(new_glyf.len());
        let data = outline(g).ok_or(FontError::Subset)?;
        let start = new_glyf.len();
        new_glyf.extend_from_slice(data);
        for (at, component) in components(data).ok_or(FontError::Subset)? {
            let id = new_id
                .get(usize::from(component))
                .copied()
                .flatten()
                .ok_or(FontError::Subset)?;
            let slot = new_glyf
                .get_mut(start + at..start + at + 2)
                .ok_or(FontError::Subset)?;
            slot.copy_from_slice(&id.to_be_bytes());
        }
        while !new_glyf.len().is_multiple_of(4) {
            new_glyf.push(0);
        }
    }
    offsets.push(new_glyf.len());
    let long = new_glyf.len() > 0x1_FFFC;
    let mut new_loca = Vec::with_capacity(offsets.len() * if long { 4 } else { 2 });
    for &o in &offsets {
        if long {
            new_loca.extend_from_slice(
                &u32::try_from(o)
                    .map_err(|_| FontError::Subset)?
                    .to_be_bytes(),
            );
        } else {
            new_loca.extend_from_slice(
                &u16::try_from(o / 2)
                    .map_err(|_| FontError::Subset)?
                    .to_be_bytes(),
            );
        }
    }

    // Every glyph with a long metric of its own.
    let mut new_hmtx = Vec::with_capacity(order.len() * 4);
    for &g in &order {
        let (advance, lsb) = metric(hmtx, num_metrics, g).ok_or(FontError::Subset)?;
        new_hmtx.extend_from_slice(&advance.to_be_bytes());
        new_hmtx.extend_from_slice(&lsb.to_be_bytes());
    }
    let mut new_hhea = hhea.to_vec();
    put_u16(&mut new_hhea, 34, count)?;
    let mut new_maxp = maxp.to_vec();
    put_u16(&mut new_maxp, 4, count)?;
    let mut new_head = head.to_vec();
    put_u16(&mut new_head, 50, u16::from(long))?;
    put_u32(&mut new_head, 8, 0)?;

    let post = match font.table(*b"post").and_then(|p| p.get(..32)) {
        Some(post) => {
            let mut post = post.to_vec();
            put_u32(&mut post, 0, 0x0003_0000)?;
            Some(post)
        }
        None => None,
    };
    let copied = |tag: [u8; 4]| font.table(tag).map(<[u8]>::to_vec);
    // Listed in the order of their tags, which the table directory wants:
    // no sort (whose code the worker would carry for this type alone).
    let tables: Vec<([u8; 4], Vec<u8>)> = [
        (*b"cvt ", copied(*b"cvt ")),
        (*b"fpgm", copied(*b"fpgm")),
        (*b"glyf", Some(new_glyf)),
        (*b"head", Some(new_head)),
        (*b"hhea", Some(new_hhea)),
        (*b"hmtx", Some(new_hmtx)),
        (*b"loca", Some(new_loca)),
        (*b"maxp", Some(new_maxp)),
        (*b"name", copied(*b"name")),
        (*b"post", post),
        (*b"prep", copied(*b"prep")),
    ]
    .into_iter()
    .filter_map(|(tag, table)| Some((tag, table?)))
    .collect();
    debug_assert!(tables.is_sorted_by_key(|(tag, _)| *tag));
    assemble(&tables)
}

/// The sfnt file: the table directory (PDF readers and the OpenType spec
/// want it sorted, with checksums), the tables 4-byte aligned, and the
/// whole-file checksum in `head`.
fn assemble(tables: &[([u8; 4], Vec<u8>)]) -> Result<Vec<u8>, FontError> {
    let count = u16::try_from(tables.len()).map_err(|_| FontError::Subset)?;
    // The largest power of two not above `count`, and its log.
    let selector = if count == 0 {
        0
    } else {
        15 - count.leading_zeros() as u16
    };
    let search_range = (1u16 << selector) * 16;
    let mut out = Vec::new();
    out.extend_from_slice(&0x0001_0000u32.to_be_bytes());
    out.extend_from_slice(&count.to_be_bytes());
    out.extend_from_slice(&search_range.to_be_bytes());
    out.extend_from_slice(&selector.to_be_bytes());
    out.extend_from_slice(&(count * 16 - search_range).to_be_bytes());
    let mut offset = 12 + tables.len() * 16;
    let mut head_at = None;
    for (tag, data) in tables {
        if tag == b"head" {
            head_at = Some(offset);
        }
        out.extend_from_slice(tag);
        out.extend_from_slice(&checksum(data).to_be_bytes());
        out.extend_from_slice(
            &u32::try_from(offset)
                .map_err(|_| FontError::Subset)?
                .to_be_bytes(),
        );
        out.extend_from_slice(
            &u32::try_from(data.len())
                .map_err(|_| FontError::Subset)?
                .to_be_bytes(),
        );
        offset += data.len().div_ceil(4) * 4;
    }
    for (_, data) in tables {
        out.extend_from_slice(data);
        while !out.len().is_multiple_of(4) {
            out.push(0);
        }
    }
    let adjustment = 0xB1B0_AFBAu32.wrapping_sub(checksum(&out));
    put_u32(&mut out, head_at.ok_or(FontError::Subset)? + 8, adjustment)?;
    Ok(out)
}

/// The sum of the big-endian 32-bit words, the last one zero-padded.
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        for (w, b) in word.iter_mut().zip(chunk) {
            *w = *b;
        }
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

/// The components of a composite glyph, each with the offset of its glyph
/// index in `data`; none for a simple or empty glyph. `None` when the
/// composite description runs past its data.
fn components(data: &[u8]) -> Option<Vec<(usize, u16)>> {
    const WORDS: u16 = 0x0001;
    const SCALE: u16 = 0x0008;
    const MORE: u16 = 0x0020;
    const XY_SCALE: u16 = 0x0040;
    const TWO_BY_TWO: u16 = 0x0080;
    let mut found = Vec::new();
    if data.is_empty() || be_u16(data, 0)? as i16 >= 0 {
        return Some(found);
    }
    let mut at = 10;
    loop {
        let flags = be_u16(data, at)?;
        found.push((at + 2, be_u16(data, at + 2)?));
        at += 4 + if flags & WORDS != 0 { 4 } else { 2 };
        at += if flags & SCALE != 0 {
            2
        } else if flags & XY_SCALE != 0 {
            4
        } else if flags & TWO_BY_TWO != 0 {
            8
        } else {
            0
        };
        if flags & MORE == 0 {
            return Some(found);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    const NOTO: &[u8] = include_bytes!("../../../../assets/fonts/NotoSans-Regular.ttf");

    /// A glyph's outline as ttf-parser draws it, components resolved.
    fn outline(face: &ttf_parser::Face, g: u16) -> (Vec<String>, Option<ttf_parser::Rect>) {
        struct Pen(Vec<String>);
        impl ttf_parser::OutlineBuilder for Pen {
            fn move_to(&mut self, x: f32, y: f32) {
                self.0.push(format!("M{x},{y}"));
            }
            fn line_to(&mut self, x: f32, y: f32) {
                self.0.push(format!("L{x},{y}"));
            }
            fn quad_to(&mut self, x1: f32, y1: f32, x: f32, y: f32) {
                self.0.push(format!("Q{x1},{y1},{x},{y}"));
            }
            fn curve_to(&mut self, x1: f32, y1: f32, x2: f32, y2: f32, x: f32, y: f32) {
                self.0.push(format!("C{x1},{y1},{x2},{y2},{x},{y}"));
            }
            fn close(&mut self) {
                self.0.push("Z".into());
            }
        }
        let mut pen = Pen(Vec::new());
        let rect = face.outline_glyph(ttf_parser::GlyphId(g), &mut pen);
        (pen.0, rect)
    }

    #[test]
    fn each_new_glyph_draws_as_its_original_and_advances_the_same() {
        let face = ttf_parser::Face::parse(NOTO, 0).unwrap();
        // Accented and composite letters (Ő, Å, ệ are components in Noto).
        let mut glyphs = vec![0];
        for c in "Łukasz Wójcik-Δημήτρης Попов Hà Nội Đà Nẵng Ősi Čakovec ÅÉŽ".chars()
        {
            let g = face.glyph_index(c).unwrap().0;
            if !glyphs.contains(&g) {
                glyphs.push(g);
            }
        }
        let bytes = subset(NOTO, &glyphs).unwrap();
        let sub = ttf_parser::Face::parse(&bytes, 0).unwrap();
        assert!(usize::from(sub.number_of_glyphs()) >= glyphs.len());
        assert!(bytes.len() < NOTO.len() / 4, "{} bytes", bytes.len());
        for (new, &old) in glyphs.iter().enumerate() {
            let new = u16::try_from(new).unwrap();
            assert_eq!(
                outline(&sub, new),
                outline(&face, old),
                "glyph {old} -> {new}"
            );
            assert_eq!(
                sub.glyph_hor_advance(ttf_parser::GlyphId(new)),
                face.glyph_hor_advance(ttf_parser::GlyphId(old))
            );
        }
        // The whole-file checksum: the words of the file sum to B1B0AFBA.
        assert_eq!(checksum(&bytes), 0xB1B0_AFBA);
        // The same glyphs give the same bytes.
        assert_eq!(subset(NOTO, &glyphs).unwrap(), bytes);
    }

    #[test]
    fn glyphs_the_font_lacks_or_given_twice_are_refused() {
        assert_eq!(subset(NOTO, &[0, 60_000]), Err(FontError::Subset));
        assert_eq!(subset(NOTO, &[0, 5, 5]), Err(FontError::Subset));
        assert_eq!(subset(b"not a font", &[0]), Err(FontError::Subset));
        assert_eq!(subset(&NOTO[..4000], &[0, 5]), Err(FontError::Subset));
    }

    #[test]
    fn the_property_tests_draw_glyphs_the_font_has() {
        let font = Font::parse(NOTO).unwrap();
        assert_eq!(be_u16(font.table(*b"maxp").unwrap(), 4), Some(1723));
    }

    /// A loca that points many glyphs at the same bytes (here two glyphs at
    /// the whole glyf table) is refused rather than copied over and over.
    #[test]
    fn overlapping_glyphs_are_refused() {
        let mut font = NOTO.to_vec();
        let (loca_at, glyf_len) = {
            let f = Font::parse(&font).unwrap();
            let loca = f.table(*b"loca").unwrap();
            (
                loca.as_ptr() as usize - font.as_ptr() as usize,
                f.table(*b"glyf").unwrap().len(),
            )
        };
        // Short loca: offsets / 2. Glyphs 5 and 7 each span the whole table.
        let half = u16::try_from(glyf_len / 2).unwrap();
        for (i, v) in [(5, 0u16), (6, half), (7, 0), (8, half)] {
            font[loca_at + 2 * i..loca_at + 2 * i + 2].copy_from_slice(&v.to_be_bytes());
        }
        assert_eq!(subset(&font, &[0, 5, 7]), Err(FontError::Subset));
        assert!(subset(&font, &[0, 5]).is_ok());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(crate::tests::font_fuzz_cases()))]

        /// A damaged font never panics: it gives a subset or an error.
        #[test]
        fn damaged_fonts_never_panic(
            edits in proptest::collection::vec((0usize..NOTO.len(), any::<u8>()), 1..40),
            cut in 0usize..NOTO.len() * 2,
            glyphs in proptest::collection::vec(0u16..1723, 0..30),
        ) {
            let mut font = NOTO.to_vec();
            for (at, b) in edits {
                if let Some(x) = font.get_mut(at) {
                    *x = b;
                }
            }
            font.truncate(cut);
            let mut unique = vec![0u16];
            for g in glyphs {
                if !unique.contains(&g) {
                    unique.push(g);
                }
            }
            let _ = subset(&font, &unique);
        }

        /// Edits in the table directory and the glyph data of composite
        /// glyphs, where the offsets are read.
        #[test]
        fn damaged_headers_never_panic(
            edits in proptest::collection::vec((0usize..400, any::<u8>()), 1..20),
        ) {
            let mut font = NOTO.to_vec();
            for (at, b) in edits {
                if let Some(x) = font.get_mut(at) {
                    *x = b;
                }
            }
            let _ = subset(&font, &[0, 36, 37, 100, 500]);
        }
    }
}
