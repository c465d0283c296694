//! How much one file may cost: bytes, pages, pixels. Every decoder checks the
//! dimensions an image declares against these before it allocates.

/// The bounds for reading one file. The defaults take any A4 page scanned up
/// to 600 dpi in colour, and a few hundred pages of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// The largest file accepted, in bytes.
    pub max_file_bytes: usize,
    /// The most pages read from one file (PDF pages, TIFF directories).
    pub max_pages: usize,
    /// The most pixels in one image (an A4 page at 600 dpi has 35 Mpx).
    pub max_image_pixels: u64,
    /// The most bytes one image may decode to, all its components together.
    pub max_image_bytes: u64,
    /// The most pixels decoded from the whole file, all images together.
    pub max_total_pixels: u64,
    /// The most images read on one page (a page drawn as strips has several).
    pub max_images_per_page: usize,
    /// How deep Form XObjects are followed to find the images they draw.
    pub max_form_depth: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_bytes: 256 * 1024 * 1024,
            max_pages: 500,
            max_image_pixels: 50_000_000,
            max_image_bytes: 200_000_000,
            max_total_pixels: 2_000_000_000,
            max_images_per_page: 64,
            max_form_depth: 8,
        }
    }
}

impl Limits {
    /// Checks the dimensions an image declares, with `bytes_per_pixel`
    /// decoded bytes for each pixel (components × bytes per component, or a
    /// fraction rounded up), before anything is allocated for it.
    pub fn check_image(
        &self,
        width: u64,
        height: u64,
        bytes_per_pixel: u64,
    ) -> Result<(), crate::ImageError> {
        if width == 0 || height == 0 {
            return Err(crate::ImageError::Empty);
        }
        let pixels = width.saturating_mul(height);
        if pixels > self.max_image_pixels {
            return Err(crate::ImageError::TooManyPixels {
                width,
                height,
                limit: self.max_image_pixels,
            });
        }
        let bytes = pixels.saturating_mul(bytes_per_pixel.max(1));
        if bytes > self.max_image_bytes {
            return Err(crate::ImageError::TooManyBytes {
                bytes,
                limit: self.max_image_bytes,
            });
        }
        Ok(())
    }
}

/// The pixels left to decode in one file: [`Limits::max_total_pixels`]
/// drawn down by each image.
#[derive(Debug)]
pub(crate) struct PixelBudget {
    left: u64,
}

impl PixelBudget {
    pub(crate) fn new(limits: &Limits) -> Self {
        PixelBudget {
            left: limits.max_total_pixels,
        }
    }

    /// Takes `pixels` from the budget, or refuses if too few are left.
    pub(crate) fn take(&mut self, pixels: u64) -> Result<(), crate::ImageError> {
        match self.left.checked_sub(pixels) {
            Some(left) => {
                self.left = left;
                Ok(())
            }
            None => Err(crate::ImageError::FileBudgetSpent),
        }
    }
}
