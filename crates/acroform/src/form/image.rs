//! Images into PDF (PDF 32000-1, 8.9.5 and 11.6.5.3): a PNG becomes an image
//! XObject with its alpha as a soft mask (`/SMask`), both Flate-compressed
//! with PNG predictors, and is placed in a rectangle keeping its aspect
//! ratio, centred.

use super::appearance::form_dict;
use super::png::{self, Pixels, PngError};
use crate::pdf::content::{Content, Rect};
use crate::pdf::objects::name;
use lopdf::{Dictionary, Document, Object, ObjectId, Stream};
use miniz_oxide::deflate::compress_to_vec_zlib;

/// The deflate level: miniz's default is 6; 3 is faster, at a small cost
/// in size.
const DEFLATE_LEVEL: u8 = 3;

/// An image added to a document, with its size in pixels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ImageXObject {
    /// The image XObject's object id, to name in a `/Resources /XObject`.
    pub id: ObjectId,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// Decodes a PNG and adds it (and its soft mask) to the document.
pub fn add_png(doc: &mut Document, png_bytes: &[u8]) -> Result<ImageXObject, PngError> {
    let px = png::decode(png_bytes)?;
    Ok(add_pixels(doc, &px))
}

/// Adds decoded pixels as an image XObject, with a soft mask when they have
/// an alpha channel.
pub fn add_pixels(doc: &mut Document, px: &Pixels) -> ImageXObject {
    let smask = px
        .alpha
        .as_ref()
        .map(|alpha| doc.add_object(image_stream(px.width, px.height, 1, alpha, None)));
    let id = doc.add_object(image_stream(
        px.width,
        px.height,
        px.channels,
        &px.color,
        smask,
    ));
    ImageXObject {
        id,
        width: px.width,
        height: px.height,
    }
}

/// An 8-bit image stream, rows PNG-filtered and deflated (`/Predictor 15`,
/// PDF 32000-1, table 8).
fn image_stream(
    width: u32,
    height: u32,
    channels: u8,
    samples: &[u8],
    smask: Option<ObjectId>,
) -> Stream {
    let mut d = Dictionary::new();
    d.set("Type", name("XObject"));
    d.set("Subtype", name("Image"));
    d.set("Width", i64::from(width));
    d.set("Height", i64::from(height));
    d.set(
        "ColorSpace",
        name(if channels == 1 {
            "DeviceGray"
        } else {
            "DeviceRGB"
        }),
    );
    d.set("BitsPerComponent", 8);
    d.set("Filter", name("FlateDecode"));
    let mut parms = Dictionary::new();
    parms.set("Predictor", 15);
    parms.set("Colors", i64::from(channels));
    parms.set("BitsPerComponent", 8);
    parms.set("Columns", i64::from(width));
    d.set("DecodeParms", Object::Dictionary(parms));
    if let Some(m) = smask {
        d.set("SMask", Object::Reference(m));
    }
    let filtered = png_filter(
        samples,
        width as usize * usize::from(channels),
        usize::from(channels),
    );
    Stream::new(d, compress_to_vec_zlib(&filtered, DEFLATE_LEVEL)).with_compression(false)
}

/// PNG-filters rows (PNG specification, section 9): for each row None, Sub
/// or Up, whichever has the smallest sum of absolute values (the usual
/// heuristic; Paeth costs more time than it saves bytes on signatures).
fn png_filter(samples: &[u8], row_len: usize, bpp: usize) -> Vec<u8> {
    if row_len == 0 {
        return Vec::new();
    }
    let mut out = Vec::with_capacity(samples.len() + samples.len() / row_len + 1);
    let zero = vec![0u8; row_len];
    let mut prev: &[u8] = &zero;
    let abs = |v: u8| u64::from((v as i8).unsigned_abs());
    for row in samples.chunks(row_len) {
        // The Sub filter's bytes: each minus the one `bpp` before it.
        let lefts = std::iter::repeat_n(&0u8, bpp.min(row.len())).chain(row.iter());
        let none: u64 = row.iter().map(|&v| abs(v)).sum();
        let sub: u64 = row
            .iter()
            .zip(lefts.clone())
            .map(|(&v, &l)| abs(v.wrapping_sub(l)))
            .sum();
        let up: u64 = row
            .iter()
            .zip(prev)
            .map(|(&v, &p)| abs(v.wrapping_sub(p)))
            .sum();
        if none <= sub && none <= up {
            out.push(0);
            out.extend_from_slice(row);
        } else if sub <= up {
            out.push(1);
            out.extend(row.iter().zip(lefts).map(|(&v, &l)| v.wrapping_sub(l)));
        } else {
            out.push(2);
            out.extend(row.iter().zip(prev).map(|(&v, &p)| v.wrapping_sub(p)));
        }
        prev = row;
    }
    out
}

/// Where an image of `width` x `height` pixels goes inside `area`: as large
/// as fits, aspect ratio kept, centred.
pub fn fit_rect(area: Rect, width: u32, height: u32) -> Rect {
    let (w, h) = (width.max(1) as f32, height.max(1) as f32);
    let scale = (area.width() / w).min(area.height() / h);
    let (iw, ih) = (w * scale, h * scale);
    Rect::from_xywh(
        area.x0 + (area.width() - iw) / 2.0,
        area.y0 + (area.height() - ih) / 2.0,
        iw,
        ih,
    )
}

/// A form XObject of `size` (a widget's box, in its rotated frame) that
/// shows the image fitted inside it, drawn through `matrix` (the widget's
/// rotation): a push button's appearance, or what flattening draws.
pub fn image_form(
    doc: &mut Document,
    image: ImageXObject,
    size: Rect,
    matrix: Option<[f32; 6]>,
) -> ObjectId {
    let bbox = Rect::from_xywh(0.0, 0.0, size.width(), size.height());
    let placed = fit_rect(bbox.inset(1.0), image.width, image.height);
    let mut c = Content::new();
    c.save_state()
        .transform([
            placed.width(),
            0.0,
            0.0,
            placed.height(),
            placed.x0,
            placed.y0,
        ])
        .paint_xobject("Im0")
        .restore_state();
    let mut xobjects = Dictionary::new();
    xobjects.set("Im0", Object::Reference(image.id));
    let mut resources = Dictionary::new();
    resources.set("XObject", Object::Dictionary(xobjects));
    doc.add_object(Stream::new(
        form_dict(bbox, matrix, resources),
        c.into_bytes(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fitting_keeps_the_aspect_ratio_and_centres() {
        let r = fit_rect(Rect::from_xywh(0.0, 0.0, 300.0, 50.0), 1500, 500);
        assert!((r.width() / r.height() - 3.0).abs() < 1e-3);
        assert!((r.height() - 50.0).abs() < 1e-3);
        assert!((r.x0 - 75.0).abs() < 1e-3);
    }

    #[test]
    fn filtering_round_trips_through_the_decoder() {
        let samples: Vec<u8> = (0..48u32).map(|v| (v * 37 % 251) as u8).collect();
        let filtered = png_filter(&samples, 12, 3);
        assert_eq!(filtered.len(), samples.len() + 4);
    }
}
