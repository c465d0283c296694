//! Find and decode the QR codes on scanned pages.
//!
//! [`read`] takes a file as it came back from a scanner or a phone (a PDF,
//! a JPEG, a PNG or a multi-page TIFF) and gives, for each page, the texts
//! of the QR codes found on it. Nothing here knows what the texts mean.
//!
//! The layers below are public too, for a caller (a web worker, say) that
//! already has pixels: [`decode_image`] turns one JPEG, PNG or TIFF into
//! [`Gray`], [`Gray::from_rgba`] takes a canvas's pixels, and
//! [`find_codes`] searches a [`Gray`] image.
//!
//! # What is read
//!
//! - **PDF**, loaded with acroform's bounded reader: on each page, in page
//!   order, the image XObjects in its resources (inherited ones included)
//!   and in the Form XObjects it uses, with the filters DCTDecode,
//!   CCITTFaxDecode (G3 and G4), JBIG2Decode (with /JBIG2Globals) and
//!   FlateDecode (with or without a PNG or TIFF predictor), or none; the
//!   colour spaces DeviceGray, DeviceRGB, DeviceCMYK, CalGray, CalRGB, Lab,
//!   ICCBased (by /N) and Indexed on any of these; 1, 2, 4, 8 or 16 bits per
//!   component; /Decode; /ImageMask.
//! - **JPEG** (colour, gray, Adobe CMYK), **PNG** (any colour type and
//!   depth) and **TIFF** (one page per directory; CCITT, LZW, Deflate, JPEG
//!   or no compression).
//!
//! # What is not
//!
//! Inline images in a PDF's content streams; JPXDecode, LZWDecode,
//! RunLengthDecode and the ASCII filters on images; Separation and DeviceN
//! colour spaces; encrypted PDFs. A page drawn as several images (strips)
//! has each image searched on its own: a code split across two strips is
//! not found. Codes are searched at the image's own resolution whatever
//! the page's size in the PDF.
//!
//! # Hostile files
//!
//! Every size an image declares (a JPEG's frame header, a PNG's IHDR, a
//! TIFF's tags, a PDF image's /Width, /Height and components, a JBIG2 page
//! information segment) is checked against the [`Limits`] before anything
//! is allocated for it (a PDF's JPEG must be the size its image declares);
//! inflation stops at the size the image needs; the whole file shares one
//! budget of pixels, a page's images are decoded and searched one at a
//! time, and the XObjects walked are bounded per file. Nothing panics on
//! any input. Not bounded here: the regions inside a JBIG2 page of an
//! allowed size, which hayro-jbig2 caps at 65,535 pixels a side.
//!
//! # Example
//!
//! ```
//! use rinnovo_scan::{read, Limits, PageProblem, ScanError};
//!
//! // A one-page PDF whose page is a 2×2 gray image: read, but no code.
//! let pdf = b"%PDF-1.7
//! 1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj
//! 2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj
//! 3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10]
//!   /Resources << /XObject << /Im0 4 0 R >> >> >> endobj
//! 4 0 obj << /Type /XObject /Subtype /Image /Width 2 /Height 2
//!   /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>
//! stream
//! \x00\xff\xff\x00
//! endstream endobj
//! trailer << /Root 1 0 R >>
//! %%EOF";
//! let pages = read(pdf, &Limits::default())?;
//! assert_eq!(pages.len(), 1);
//! assert_eq!(pages[0].number, 1);
//! assert!(pages[0].codes.is_empty());
//! assert_eq!(pages[0].problem, None);
//!
//! // What is not a scan is an error, never a panic.
//! assert_eq!(read(b"", &Limits::default()), Err(ScanError::Empty));
//! assert_eq!(read(b"hello", &Limits::default()), Err(ScanError::UnknownFormat));
//! # let _ = PageProblem::NoImage;
//! # Ok::<(), ScanError>(())
//! ```

#![deny(missing_docs)]

mod bilevel;
mod detect;
mod error;
mod gray;
mod jpeg;
mod limits;
mod pdf;
mod png;
mod samples;
mod tiff;

pub use detect::{find_codes, find_codes_with, Search};
pub use error::{Codec, ImageError, PageProblem, ScanError};
pub use gray::Gray;
pub use limits::Limits;

/// One page of a file and the codes found on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// The page's number in the file, from 1.
    pub number: usize,
    /// Every QR code text found on the page, each once, top to bottom.
    pub codes: Vec<String>,
    /// Why codes may be missing: no image, an image refused, …
    pub problem: Option<PageProblem>,
}

/// The kinds of file [`read`] takes, by their first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `%PDF-` in the first 1024 bytes.
    Pdf,
    /// `FF D8 FF`.
    Jpeg,
    /// The PNG signature.
    Png,
    /// `II*\0`, `MM\0*` or BigTIFF's `II+\0`, `MM\0+`.
    Tiff,
}

impl Format {
    /// The format of `bytes`, if it is one of those read.
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        match bytes {
            [0xFF, 0xD8, 0xFF, ..] => Some(Format::Jpeg),
            [0x89, b'P', b'N', b'G', ..] => Some(Format::Png),
            [b'I', b'I', b'*' | b'+', 0, ..] | [b'M', b'M', 0, b'*' | b'+', ..] => {
                Some(Format::Tiff)
            }
            _ if bytes
                .get(..bytes.len().min(1024))
                .unwrap_or_default()
                .windows(5)
                .any(|w| w == b"%PDF-") =>
            {
                Some(Format::Pdf)
            }
            _ => None,
        }
    }
}

/// Reads every page of a scanned file and the QR codes on it.
///
/// A file that cannot be read at all is an error; a page whose image cannot
/// be decoded is a [`Page`] with a [`PageProblem`], so the other pages still
/// count.
pub fn read(bytes: &[u8], limits: &Limits) -> Result<Vec<Page>, ScanError> {
    read_with(bytes, limits, &Search::default())
}

/// Like [`read`], searching each image as `search` says (a caller that knows
/// how many codes its pages carry stops the search once it has them).
pub fn read_with(bytes: &[u8], limits: &Limits, search: &Search) -> Result<Vec<Page>, ScanError> {
    if bytes.is_empty() {
        return Err(ScanError::Empty);
    }
    if bytes.len() > limits.max_file_bytes {
        return Err(ScanError::FileTooLarge {
            size: bytes.len(),
            limit: limits.max_file_bytes,
        });
    }
    let mut pages = Vec::new();
    match Format::sniff(bytes).ok_or(ScanError::UnknownFormat)? {
        Format::Pdf => {
            pdf::for_each_page(bytes, limits, |images, problem| {
                pages.push(page_of(pages.len() + 1, images, problem, search));
            })?;
        }
        Format::Tiff => {
            tiff::for_each_page(bytes, limits, |image| {
                pages.push(page_of(pages.len() + 1, vec![image], None, search));
            })?;
        }
        Format::Jpeg | Format::Png => {
            let gray = decode_image(bytes, limits)?;
            pages.push(page_of(1, vec![Ok(gray)], None, search));
        }
    }
    Ok(pages)
}

/// Decodes a JPEG, a PNG or the first page of a TIFF to [`Gray`], within
/// `limits`.
pub fn decode_image(bytes: &[u8], limits: &Limits) -> Result<Gray, ImageError> {
    let unknown = || ImageError::Unsupported("a file that is not a JPEG, PNG or TIFF".into());
    match Format::sniff(bytes).ok_or_else(unknown)? {
        Format::Jpeg => jpeg::decode(bytes, limits),
        Format::Png => png::decode(bytes, limits),
        Format::Tiff => {
            let mut first = None;
            let one_page = Limits {
                max_pages: 1,
                ..*limits
            };
            let result = tiff::for_each_page(bytes, &one_page, |image| {
                first.get_or_insert(image);
            });
            match (first, result) {
                (Some(image), _) => image,
                (None, Err(ScanError::Image(e))) => Err(e),
                (None, _) => Err(ImageError::malformed(Codec::Tiff, "no image")),
            }
        }
        Format::Pdf => Err(unknown()),
    }
}

/// Searches a page's images one at a time, each dropped before the next is
/// decoded (`images` may decode lazily), so a page holds one image at most.
fn page_of(
    number: usize,
    images: impl IntoIterator<Item = Result<Gray, ImageError>>,
    mut problem: Option<PageProblem>,
    search: &Search,
) -> Page {
    let mut seen_any = false;
    let mut codes: Vec<String> = Vec::new();
    for (index, image) in images.into_iter().enumerate() {
        seen_any = true;
        match image {
            Ok(gray) => {
                for code in find_codes_with(&gray, search) {
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
            }
            Err(error) => {
                problem.get_or_insert(PageProblem::ImageRefused { index, error });
            }
        }
    }
    if !seen_any && problem.is_none() {
        problem = Some(PageProblem::NoImage);
    }
    Page {
        number,
        codes,
        problem,
    }
}
