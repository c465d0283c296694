//! One image XObject (§8.9.5) to [`Gray`]: its declared size checked
//! first, then its filters, bits per component, colour space and /Decode.

use super::flate::{self, Predictor};
use super::{boolean, dict, int, resolve};
use crate::bilevel::{self, CcittParams};
use crate::limits::PixelBudget;
use crate::samples::{Samples, Space};
use crate::{Codec, Gray, ImageError, Limits};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::borrow::Cow;

/// Indexed and ICCBased colour spaces nest; real files use one level.
const MAX_SPACE_DEPTH: usize = 4;

/// Decodes the image XObject `id` within the [`Limits`], drawing its pixels
/// from the file's budget.
pub(super) fn decode(
    doc: &Document,
    id: ObjectId,
    limits: &Limits,
    budget: &mut PixelBudget,
) -> Result<Gray, ImageError> {
    let Ok(Object::Stream(stream)) = doc.get_object(id) else {
        return Err(ImageError::malformed(Codec::Samples, "not a stream"));
    };
    let d = &stream.dict;
    let dimension = |key: &[u8]| {
        int(doc, d, key)
            .and_then(|v| u32::try_from(v).ok())
            .filter(|v| *v > 0)
            .ok_or(ImageError::Empty)
    };
    let (width, height) = (dimension(b"Width")?, dimension(b"Height")?);
    let image_mask = boolean(doc, d, b"ImageMask").unwrap_or(false);
    let filters = filters(doc, d);
    let last = filters.last().map(|(name, _)| name.as_slice());
    let is_codec = |n: &[u8]| matches!(n, b"DCTDecode" | b"DCT" | b"JPXDecode");
    let space = if image_mask {
        Space::Gray
    } else {
        match d.get(b"ColorSpace") {
            Ok(cs) => color_space(doc, cs, 0)?,
            Err(_) if last.is_some_and(is_codec) => Space::Gray,
            Err(_) => return Err(ImageError::malformed(Codec::Samples, "no /ColorSpace")),
        }
    };
    let bpc = if image_mask {
        1
    } else {
        int(doc, d, b"BitsPerComponent")
            .and_then(|b| u8::try_from(b).ok())
            .unwrap_or(8)
    };
    let comps = space.components();
    // The packed samples and the gray image are both held at the end.
    let raw_len = Samples::row_bytes(width, comps, bpc).saturating_mul(u64::from(height));
    let per_pixel = raw_len.div_ceil(u64::from(width) * u64::from(height)) + 1;
    limits.check_image(u64::from(width), u64::from(height), per_pixel)?;
    budget.take(u64::from(width) * u64::from(height))?;
    let decode = decode_array(doc, d);

    let mut data: Cow<'_, [u8]> = Cow::Borrowed(&stream.content);
    let max_bytes = usize::try_from(limits.max_image_bytes).unwrap_or(usize::MAX);
    for (i, (name, parms)) in filters.iter().enumerate() {
        let is_last = i + 1 == filters.len();
        match name.as_slice() {
            b"FlateDecode" | b"Fl" => {
                // The samples and a PNG predictor's byte a row; more is a bomb.
                let expected =
                    usize::try_from(raw_len + u64::from(height) + 1024).unwrap_or(max_bytes);
                let limit = if is_last {
                    expected.min(max_bytes)
                } else {
                    max_bytes
                };
                let inflated = flate::inflate(&data, limit)?;
                let inflated = match parms {
                    Some(p) => flate::unpredict(inflated, predictor(doc, p, comps, bpc, width))?,
                    None => inflated,
                };
                data = Cow::Owned(inflated);
            }
            b"DCTDecode" | b"DCT" if is_last => {
                let gray = crate::jpeg::decode_expecting(&data, limits, Some((width, height)))?;
                return Ok(match decode.as_ref().and_then(|d| d.first()) {
                    Some((lo, hi)) if lo > hi && comps == 1 => invert(gray),
                    _ => gray,
                });
            }
            b"CCITTFaxDecode" | b"CCF" if is_last => {
                let p = ccitt_params(doc, parms.as_ref(), width, height);
                data = Cow::Owned(bilevel::ccitt(&data, width, height, p)?);
                return one_bit(width, height, space, decode, &data);
            }
            b"JBIG2Decode" if is_last => {
                let globals = parms
                    .as_ref()
                    .and_then(|p| p.get(b"JBIG2Globals").ok())
                    .map(|g| globals(doc, g, max_bytes))
                    .transpose()?;
                data = Cow::Owned(bilevel::jbig2(
                    &data,
                    globals.as_deref(),
                    width,
                    height,
                    limits,
                )?);
                return one_bit(width, height, space, decode, &data);
            }
            other => {
                return Err(ImageError::Unsupported(format!(
                    "the filter {}",
                    String::from_utf8_lossy(other)
                )))
            }
        }
    }
    Samples {
        width,
        height,
        bits_per_component: bpc,
        space,
        decode,
        data: &data,
    }
    .to_gray()
}

fn one_bit(
    width: u32,
    height: u32,
    space: Space,
    decode: Option<Vec<(f32, f32)>>,
    data: &[u8],
) -> Result<Gray, ImageError> {
    Samples {
        width,
        height,
        bits_per_component: 1,
        space,
        decode,
        data,
    }
    .to_gray()
}

fn invert(mut gray: Gray) -> Gray {
    gray.pixels.iter_mut().for_each(|v| *v = 255 - *v);
    gray
}

/// The stream's filters with their parameters, in the order they apply.
fn filters(doc: &Document, d: &Dictionary) -> Vec<(Vec<u8>, Option<Dictionary>)> {
    let names: Vec<Vec<u8>> = match d.get(b"Filter").map(|f| resolve(doc, f)) {
        Ok(Object::Name(n)) => vec![n.clone()],
        Ok(Object::Array(a)) => a
            .iter()
            .filter_map(|f| resolve(doc, f).as_name().ok().map(<[u8]>::to_vec))
            .collect(),
        _ => Vec::new(),
    };
    let parms: Vec<Option<Dictionary>> = match d.get(b"DecodeParms").map(|p| resolve(doc, p)) {
        Ok(Object::Array(a)) => a.iter().map(|p| dict(doc, p).cloned()).collect(),
        Ok(p) => vec![dict(doc, p).cloned()],
        Err(_) => Vec::new(),
    };
    names
        .into_iter()
        .enumerate()
        .map(|(i, n)| (n, parms.get(i).cloned().flatten()))
        .collect()
}

fn predictor(doc: &Document, p: &Dictionary, comps: usize, bpc: u8, width: u32) -> Predictor {
    Predictor {
        predictor: int(doc, p, b"Predictor").unwrap_or(1),
        colors: int(doc, p, b"Colors").unwrap_or(comps as i64),
        bits_per_component: int(doc, p, b"BitsPerComponent").unwrap_or(i64::from(bpc)),
        columns: int(doc, p, b"Columns").unwrap_or(i64::from(width)),
    }
}

fn ccitt_params(doc: &Document, p: Option<&Dictionary>, width: u32, height: u32) -> CcittParams {
    let get = |key: &[u8]| p.and_then(|p| int(doc, p, key));
    let flag = |key: &[u8], default| p.and_then(|p| boolean(doc, p, key)).unwrap_or(default);
    CcittParams {
        k: get(b"K").unwrap_or(0),
        columns: get(b"Columns")
            .and_then(|c| u32::try_from(c).ok())
            .filter(|c| *c > 0)
            .unwrap_or(1728)
            .min(width.saturating_mul(2).max(1)),
        rows: get(b"Rows")
            .and_then(|r| u32::try_from(r).ok())
            .unwrap_or(height),
        black_is_1: flag(b"BlackIs1", false),
        encoded_byte_align: flag(b"EncodedByteAlign", false),
        end_of_block: flag(b"EndOfBlock", true),
    }
}

/// The /JBIG2Globals stream's bytes, inflated if it is Flate-compressed.
fn globals(doc: &Document, g: &Object, max_bytes: usize) -> Result<Vec<u8>, ImageError> {
    match resolve(doc, g) {
        Object::Stream(s) => match s.dict.get(b"Filter").map(|f| resolve(doc, f)) {
            Ok(Object::Name(n)) if n == b"FlateDecode" => flate::inflate(&s.content, max_bytes),
            _ => Ok(s.content.clone()),
        },
        _ => Err(ImageError::malformed(
            Codec::Jbig2,
            "/JBIG2Globals is not a stream",
        )),
    }
}

fn decode_array(doc: &Document, d: &Dictionary) -> Option<Vec<(f32, f32)>> {
    let Ok(Object::Array(a)) = d.get(b"Decode").map(|a| resolve(doc, a)) else {
        return None;
    };
    let numbers: Vec<f32> = a
        .iter()
        .filter_map(|v| match resolve(doc, v) {
            Object::Integer(i) => Some(*i as f32),
            Object::Real(r) => Some(*r),
            _ => None,
        })
        .collect();
    Some(
        numbers
            .chunks_exact(2)
            .filter_map(|p| match p {
                [lo, hi] => Some((*lo, *hi)),
                _ => None,
            })
            .collect(),
    )
}

/// A colour space object (§8.6) as one this crate reduces to gray.
fn color_space(doc: &Document, cs: &Object, depth: usize) -> Result<Space, ImageError> {
    let unsupported = |what: &[u8]| {
        ImageError::Unsupported(format!(
            "the colour space {}",
            String::from_utf8_lossy(what)
        ))
    };
    if depth > MAX_SPACE_DEPTH {
        return Err(ImageError::Unsupported(
            "colour spaces nested this deep".into(),
        ));
    }
    match resolve(doc, cs) {
        Object::Name(n) => match n.as_slice() {
            b"DeviceGray" | b"G" | b"CalGray" => Ok(Space::Gray),
            b"DeviceRGB" | b"RGB" | b"CalRGB" => Ok(Space::Rgb),
            b"DeviceCMYK" | b"CMYK" => Ok(Space::Cmyk),
            other => Err(unsupported(other)),
        },
        Object::Array(a) => {
            let family = a
                .first()
                .map(|f| resolve(doc, f))
                .and_then(|f| f.as_name().ok());
            match family.unwrap_or_default() {
                b"CalGray" => Ok(Space::Gray),
                b"CalRGB" => Ok(Space::Rgb),
                b"Lab" => Ok(Space::Lab),
                b"ICCBased" => {
                    let n = a
                        .get(1)
                        .and_then(|s| dict(doc, s))
                        .and_then(|s| int(doc, s, b"N"));
                    match n {
                        Some(1) => Ok(Space::Gray),
                        Some(3) => Ok(Space::Rgb),
                        Some(4) => Ok(Space::Cmyk),
                        _ => Err(unsupported(b"ICCBased without /N 1, 3 or 4")),
                    }
                }
                b"Indexed" | b"I" => indexed(doc, a, depth),
                other => Err(unsupported(other)),
            }
        }
        _ => Err(unsupported(b"(not a name or an array)")),
    }
}

/// [/Indexed base hival lookup] (§8.6.6.3): the palette reduced to gray.
fn indexed(doc: &Document, a: &[Object], depth: usize) -> Result<Space, ImageError> {
    let bad = |what: &str| ImageError::malformed(Codec::Samples, what);
    let base = color_space(
        doc,
        a.get(1).ok_or_else(|| bad("Indexed without base"))?,
        depth + 1,
    )?;
    if matches!(base, Space::Indexed(_)) {
        return Err(bad("Indexed on Indexed"));
    }
    let hival = match a.get(2).map(|h| resolve(doc, h)) {
        Some(Object::Integer(h)) => usize::try_from(*h).unwrap_or(0).min(255),
        _ => return Err(bad("Indexed without hival")),
    };
    let lookup: Cow<'_, [u8]> = match a.get(3).map(|l| resolve(doc, l)) {
        Some(Object::String(s, _)) => Cow::Borrowed(s),
        Some(Object::Stream(s)) => match s.dict.get(b"Filter").map(|f| resolve(doc, f)) {
            Ok(Object::Name(n)) if n == b"FlateDecode" => {
                Cow::Owned(flate::inflate(&s.content, 4096)?)
            }
            _ => Cow::Borrowed(&s.content),
        },
        _ => return Err(bad("Indexed without lookup")),
    };
    let comps = base.components();
    let palette = (0..=hival)
        .map(|i| {
            let colour = lookup
                .get(i * comps..(i + 1) * comps)
                .unwrap_or(&[0, 0, 0, 0]);
            base.gray_of(colour)
        })
        .collect();
    Ok(Space::Indexed(palette))
}
