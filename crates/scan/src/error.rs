//! The errors of the crate: [`ScanError`] for a file that cannot be read at
//! all, [`ImageError`] for one image, [`PageProblem`] for a page read without
//! its codes.

/// Why a file could not be read at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ScanError {
    /// The file has no bytes.
    #[error("the file is empty")]
    Empty,
    /// Larger than [`Limits::max_file_bytes`](crate::Limits::max_file_bytes).
    #[error("the file has {size} bytes, more than the {limit} accepted")]
    FileTooLarge {
        /// The file's size in bytes.
        size: usize,
        /// The limit in bytes.
        limit: usize,
    },
    /// Not a PDF, JPEG, PNG or TIFF file.
    #[error("the file is not a PDF, JPEG, PNG or TIFF")]
    UnknownFormat,
    /// A PDF that the reader refused or could not repair.
    #[error("the PDF cannot be read: {0}")]
    Pdf(#[from] acroform::LoadError),
    /// More pages than [`Limits::max_pages`](crate::Limits::max_pages).
    #[error("the file has {pages} pages, more than the {limit} accepted")]
    TooManyPages {
        /// The pages in the file (for TIFF, those seen before the limit).
        pages: usize,
        /// The limit.
        limit: usize,
    },
    /// A plain image file (JPEG, PNG, or a TIFF's structure) that cannot be
    /// decoded.
    #[error("the image cannot be read: {0}")]
    Image(#[from] ImageError),
}

/// The image formats and PDF filters this crate decodes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    /// JPEG, or a PDF's DCTDecode.
    Jpeg,
    /// PNG.
    Png,
    /// TIFF.
    Tiff,
    /// A PDF's CCITTFaxDecode (Group 3 or 4).
    Ccitt,
    /// A PDF's JBIG2Decode.
    Jbig2,
    /// A PDF's FlateDecode, with or without a predictor.
    Flate,
    /// A PDF image's samples, once every filter has run.
    Samples,
}

/// Why one image could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    /// The image declares no pixels.
    #[error("the image has no pixels")]
    Empty,
    /// More pixels than [`Limits::max_image_pixels`](crate::Limits::max_image_pixels).
    #[error("the image is {width}×{height} pixels, more than the {limit} accepted")]
    TooManyPixels {
        /// The declared width.
        width: u64,
        /// The declared height.
        height: u64,
        /// The limit in pixels.
        limit: u64,
    },
    /// Would decode to more than [`Limits::max_image_bytes`](crate::Limits::max_image_bytes).
    #[error("the image would decode to {bytes} bytes, more than the {limit} accepted")]
    TooManyBytes {
        /// The bytes it would take.
        bytes: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The file's [`Limits::max_total_pixels`](crate::Limits::max_total_pixels)
    /// were spent on the images before this one.
    #[error("the file's images have more pixels in all than accepted")]
    FileBudgetSpent,
    /// Damaged, truncated, or not what it claims to be.
    #[error("the {codec:?} data is damaged: {detail}")]
    Malformed {
        /// The decoder that refused it.
        codec: Codec,
        /// What the decoder said.
        detail: String,
    },
    /// A valid image in a form this crate does not decode: a PDF filter
    /// (JPXDecode, LZW, ...), colour space, bit depth or TIFF layout.
    #[error("the image uses {0}, which is not supported")]
    Unsupported(String),
}

impl ImageError {
    pub(crate) fn malformed(codec: Codec, detail: impl std::fmt::Display) -> Self {
        ImageError::Malformed {
            codec,
            detail: detail.to_string(),
        }
    }
}

/// Why a page's codes may be missing.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PageProblem {
    /// The page draws no image: nothing was scanned (a page made digitally,
    /// or a blank one), or its images are inline (not read).
    #[error("the page has no image")]
    NoImage,
    /// An image of the page could not be decoded; the page's other images, if
    /// any, were read. `index` counts the page's images from 0.
    #[error("image {index} of the page cannot be read: {error}")]
    ImageRefused {
        /// Which of the page's images.
        index: usize,
        /// Why.
        error: ImageError,
    },
    /// The page has more images than [`Limits::max_images_per_page`](crate::Limits::max_images_per_page);
    /// the first ones were read.
    #[error("the page has {count} images, more than are read")]
    TooManyImages {
        /// The images found.
        count: usize,
    },
}
