//! Images the user gives: a drawn, typed-and-rendered or uploaded signature,
//! and the company stamp. The browser re-encodes every image to PNG before it
//! reaches the draft; here a PNG is only accepted after its signature and
//! header are checked, so the PDF code never sees arbitrary bytes.

use base64::Engine;

/// The largest image, in bytes of PNG, that a draft may hold.
pub const MAX_PNG_BYTES: usize = 4 * 1024 * 1024;
/// The largest side, in pixels, of an image the app keeps.
pub const MAX_SIDE_PX: u32 = 2000;
/// How many checked images [`PngImage::from_data_url_remembered`] keeps:
/// the five of a draft (three signatures, two stamps) and one more.
pub const REMEMBERED: usize = 6;

/// Why an image was refused. Users see one text for all of them
/// ([`ImageError::key`]); `Display` tells a developer which check failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
pub enum ImageError {
    /// Not a `data:image/png;base64,` URL.
    #[error("not a data:image/png;base64 URL")]
    NotDataUrl,
    /// The URL's data is not valid base64.
    #[error("the image's base64 data is invalid")]
    Base64,
    /// More than [`MAX_PNG_BYTES`] of PNG.
    #[error("the PNG image is larger than {} bytes", MAX_PNG_BYTES)]
    TooLarge,
    /// No PNG signature.
    #[error("not a PNG image")]
    NotPng,
    /// The `IHDR` chunk is missing, truncated or invalid.
    #[error("the PNG image's header is damaged")]
    BadHeader,
    /// A PNG, but not 8-bit gray or RGB without interlacing, as canvases
    /// write them (see `png_header::Header::is_simple`).
    #[error("the PNG image is not 8-bit gray or RGB without interlacing")]
    Unsupported,
    /// Wider or taller than [`MAX_SIDE_PX`].
    #[error("the PNG image is wider or taller than {} pixels", MAX_SIDE_PX)]
    TooManyPixels,
}

/// The header check's refusals, in the draft's terms.
impl From<png_header::HeaderError> for ImageError {
    fn from(e: png_header::HeaderError) -> Self {
        match e {
            png_header::HeaderError::NotPng => ImageError::NotPng,
            png_header::HeaderError::Corrupt => ImageError::BadHeader,
        }
    }
}

impl ImageError {
    pub const ALL: &'static [ImageError] = &[
        ImageError::NotDataUrl,
        ImageError::Base64,
        ImageError::TooLarge,
        ImageError::NotPng,
        ImageError::BadHeader,
        ImageError::Unsupported,
        ImageError::TooManyPixels,
    ];

    pub fn key(self) -> &'static str {
        "error.image.invalid"
    }
}

/// A PNG image whose signature and IHDR header have been checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PngImage {
    bytes: Vec<u8>,
    width: u32,
    height: u32,
}

const DATA_URL_PREFIX: &str = "data:image/png;base64,";

impl PngImage {
    /// Parses PNG bytes: the 8-byte signature, then the IHDR chunk (PNG
    /// specification, sections 5.2 and 11.2.2) with a size within bounds.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<PngImage, ImageError> {
        if bytes.len() > MAX_PNG_BYTES {
            return Err(ImageError::TooLarge);
        }
        // The same check as the PDF engine's, so that every image a draft
        // holds is one the PDFs can show.
        let header = png_header::parse(&bytes)?;
        if !header.is_simple() {
            return Err(ImageError::Unsupported);
        }
        let (width, height) = (header.width, header.height);
        if width > MAX_SIDE_PX || height > MAX_SIDE_PX {
            return Err(ImageError::TooManyPixels);
        }
        Ok(PngImage {
            bytes,
            width,
            height,
        })
    }

    /// Parses a `data:image/png;base64,...` URL, as `canvas.toDataURL()`
    /// makes and as drafts store images.
    pub fn from_data_url(url: &str) -> Result<PngImage, ImageError> {
        let b64 = url
            .strip_prefix(DATA_URL_PREFIX)
            .ok_or(ImageError::NotDataUrl)?;
        if b64.len() > MAX_PNG_BYTES / 3 * 4 + 4 {
            return Err(ImageError::TooLarge);
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(b64)
            .map_err(|_| ImageError::Base64)?;
        PngImage::from_bytes(bytes)
    }

    /// [`PngImage::from_data_url`], remembering the last few answers: the
    /// form is validated on every keystroke, and its images (up to five)
    /// change only when the user sets one, so each is decoded once rather
    /// than at every key. The answer is the same as `from_data_url`'s; the
    /// memory is this thread's, holds at most [`REMEMBERED`] images and is
    /// keyed by the whole URL.
    pub fn from_data_url_remembered(url: &str) -> Result<PngImage, ImageError> {
        thread_local! {
            static SEEN: std::cell::RefCell<Vec<(String, Result<PngImage, ImageError>)>> =
                const { std::cell::RefCell::new(Vec::new()) };
        }
        if let Some(hit) = SEEN.with(|seen| {
            seen.borrow()
                .iter()
                .find(|(u, _)| u == url)
                .map(|(_, r)| r.clone())
        }) {
            return hit;
        }
        let answer = PngImage::from_data_url(url);
        SEEN.with(|seen| {
            let mut seen = seen.borrow_mut();
            if seen.len() >= REMEMBERED {
                let _oldest = seen.remove(0);
            }
            seen.push((url.to_string(), answer.clone()));
        });
        answer
    }

    pub fn to_data_url(&self) -> String {
        let mut s = String::from(DATA_URL_PREFIX);
        base64::engine::general_purpose::STANDARD.encode_string(&self.bytes, &mut s);
        s
    }

    pub fn bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn width(&self) -> u32 {
        self.width
    }

    pub fn height(&self) -> u32 {
        self.height
    }
}
