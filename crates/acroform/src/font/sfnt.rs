//! Reading an sfnt (TrueType) font file: its tables by tag, and the few
//! values a PDF needs from them. Every read is bounds-checked and gives
//! `None` past the data.

use super::bytes::{be_i16, be_u16, be_u32};
use std::collections::{BTreeMap, BTreeSet};

/// A glyph's advance and left side bearing: glyphs past the last long
/// metric share its advance and have a bearing of their own.
pub(crate) fn metric(hmtx: &[u8], num_metrics: u16, g: u16) -> Option<(u16, i16)> {
    if num_metrics == 0 {
        return None;
    }
    if g < num_metrics {
        let at = usize::from(g) * 4;
        Some((be_u16(hmtx, at)?, be_u16(hmtx, at + 2)? as i16))
    } else {
        let advance = be_u16(hmtx, (usize::from(num_metrics) - 1) * 4)?;
        let at = usize::from(num_metrics) * 4 + usize::from(g - num_metrics) * 2;
        Some((advance, be_u16(hmtx, at)? as i16))
    }
}

/// The tables of an sfnt file, by tag.
pub(crate) struct Font<'a> {
    data: &'a [u8],
    records: Vec<([u8; 4], usize, usize)>,
}

impl<'a> Font<'a> {
    pub(crate) fn parse(data: &'a [u8]) -> Option<Font<'a>> {
        let version = be_u32(data, 0)?;
        if version != 0x0001_0000 && &version.to_be_bytes() != b"true" {
            return None;
        }
        let count = usize::from(be_u16(data, 4)?);
        let mut records = Vec::with_capacity(count);
        for i in 0..count {
            let at = 12 + i * 16;
            let tag: [u8; 4] = data.get(at..at + 4)?.try_into().ok()?;
            let offset = usize::try_from(be_u32(data, at + 8)?).ok()?;
            let length = usize::try_from(be_u32(data, at + 12)?).ok()?;
            records.push((tag, offset, length));
        }
        Some(Font { data, records })
    }

    pub(crate) fn table(&self, tag: [u8; 4]) -> Option<&'a [u8]> {
        let &(_, offset, length) = self.records.iter().find(|(t, _, _)| *t == tag)?;
        self.data.get(offset..offset.checked_add(length)?)
    }
}

/// The glyph outlines: `glyf` through `loca`.
pub(crate) struct Outlines<'a> {
    loca: &'a [u8],
    glyf: &'a [u8],
    long: bool,
    /// The font's number of glyphs (`maxp`).
    pub(crate) count: u16,
}

impl<'a> Outlines<'a> {
    pub(crate) fn new(font: &Font<'a>) -> Option<Outlines<'a>> {
        Some(Outlines {
            loca: font.table(*b"loca")?,
            glyf: font.table(*b"glyf")?,
            long: be_u16(font.table(*b"head")?, 50)? != 0,
            count: be_u16(font.table(*b"maxp")?, 4)?,
        })
    }

    /// A glyph's description; empty for a glyph without outline.
    pub(crate) fn glyph(&self, g: u16) -> Option<&'a [u8]> {
        if g >= self.count {
            return None;
        }
        let at = |i: usize| -> Option<usize> {
            if self.long {
                usize::try_from(be_u32(self.loca, i.checked_mul(4)?)?).ok()
            } else {
                be_u16(self.loca, i.checked_mul(2)?).map(|v| usize::from(v) * 2)
            }
        };
        let (from, to) = (at(usize::from(g))?, at(usize::from(g) + 1)?);
        self.glyf.get(from..to)
    }

    /// A glyph's `yMin` and `yMax` from its header; `None` for one without
    /// outline.
    pub(crate) fn y_range(&self, g: u16) -> Option<(i16, i16)> {
        let data = self.glyph(g).filter(|d| !d.is_empty())?;
        Some((be_i16(data, 4)?, be_i16(data, 8)?))
    }
}

/// Every character the font's Unicode character maps give a glyph (other
/// than 0, and below `glyph_count`) for, the first map naming a character
/// winning: format 4 (the Basic Multilingual Plane) and 12 (all of
/// Unicode), in the Unicode (platform 0) and Windows Unicode (platform 3,
/// encodings 1 and 10) subtables. Formats 0, 6, 10 and 13, which fonts
/// rarely use for Unicode, are not read.
///
/// Every step costs one from a budget of four times Unicode's size, each
/// code point, segment and group, and each subtable is read once: no
/// damaged font can make the work unbounded.
pub(crate) fn char_map(font: &Font<'_>, glyph_count: u16) -> Option<BTreeMap<char, u16>> {
    let cmap = font.table(*b"cmap")?;
    let mut map = BTreeMap::new();
    let mut budget: u32 = 4 * 0x11_0000;
    let mut spend = || {
        budget = budget.saturating_sub(1);
        budget > 0
    };
    // Keyed like an object id, (u32, u16), so that the set shares the
    // code of the engine's sets of object ids.
    let mut read: BTreeSet<(u32, u16)> = BTreeSet::new();
    let count = usize::from(be_u16(cmap, 2)?);
    for i in 0..count {
        let at = 4 + i * 8;
        let (platform, encoding) = (be_u16(cmap, at)?, be_u16(cmap, at + 2)?);
        let offset = be_u32(cmap, at + 4)?;
        if !(platform == 0 || (platform == 3 && matches!(encoding, 1 | 10)))
            || !read.insert((offset, 0))
        {
            continue;
        }
        let Some(table) = usize::try_from(offset).ok().and_then(|o| cmap.get(o..)) else {
            continue;
        };
        let mut add = |c: u32, g: u16| {
            if let (Some(c), true) = (char::from_u32(c), g != 0 && g < glyph_count) {
                map.entry(c).or_insert(g);
            }
        };
        match be_u16(table, 0)? {
            4 => {
                let segments = usize::from(be_u16(table, 6)? / 2);
                let ends = 14;
                let starts = ends + 2 * segments + 2;
                let deltas = starts + 2 * segments;
                let ranges = deltas + 2 * segments;
                for s in 0..segments {
                    if !spend() {
                        return Some(map);
                    }
                    let end = be_u16(table, ends + 2 * s)?;
                    let start = be_u16(table, starts + 2 * s)?;
                    let delta = be_u16(table, deltas + 2 * s)?;
                    let range_at = ranges + 2 * s;
                    let range = usize::from(be_u16(table, range_at)?);
                    for c in start..=end {
                        if c == 0xFFFF {
                            break;
                        }
                        if !spend() {
                            return Some(map);
                        }
                        let g = match range {
                            0 => c.wrapping_add(delta),
                            // No glyph, as ttf-parser reads it.
                            0xFFFF => 0,
                            _ => match be_u16(table, range_at + range + 2 * usize::from(c - start))
                            {
                                Some(0) | None => 0,
                                Some(g) => g.wrapping_add(delta),
                            },
                        };
                        add(u32::from(c), g);
                    }
                }
            }
            12 => {
                let groups = usize::try_from(be_u32(table, 12)?).ok()?;
                for k in 0..groups.min(table.len() / 12) {
                    if !spend() {
                        return Some(map);
                    }
                    let at = 16 + 12 * k;
                    let (start, end) = (be_u32(table, at)?, be_u32(table, at + 4)?);
                    let glyph = be_u32(table, at + 8)?;
                    // Unicode ends at 10FFFF: no group is longer.
                    for c in start..=end.min(0x10_FFFF) {
                        if !spend() {
                            return Some(map);
                        }
                        add(
                            c,
                            u16::try_from(glyph.saturating_add(c - start)).unwrap_or(0),
                        );
                    }
                }
            }
            _ => {}
        }
    }
    Some(map)
}

/// The PostScript name (`name` table, id 6) of the first record that has
/// one: Macintosh Roman (read as ASCII) or UTF-16BE.
pub(crate) fn postscript_name(font: &Font<'_>) -> Option<String> {
    let name = font.table(*b"name")?;
    let count = usize::from(be_u16(name, 2)?);
    let strings = usize::from(be_u16(name, 4)?);
    for i in 0..count {
        let at = 6 + i * 12;
        if be_u16(name, at + 6)? != 6 {
            continue;
        }
        let (platform, encoding) = (be_u16(name, at)?, be_u16(name, at + 2)?);
        let (length, offset) = (
            usize::from(be_u16(name, at + 8)?),
            usize::from(be_u16(name, at + 10)?),
        );
        let bytes = name.get(strings + offset..strings + offset + length)?;
        return match (platform, encoding) {
            (1, 0) => Some(bytes.iter().map(|&b| char::from(b)).collect()),
            (0, _) | (3, 0 | 1 | 10) => {
                let units: Vec<u16> = (0..bytes.len() / 2)
                    .filter_map(|i| be_u16(bytes, 2 * i))
                    .collect();
                String::from_utf16(&units).ok()
            }
            _ => None,
        };
    }
    None
}
