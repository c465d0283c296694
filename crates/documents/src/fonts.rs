//! The fonts the documents are set in: Noto Sans, regular and bold
//! (`assets/fonts`, SIL Open Font License 1.1), which cover Latin with its
//! extensions and Vietnamese, Greek and Cyrillic. The templates embed both;
//! the values filled in are set in the regular one, which the web worker
//! fetches when it first makes a PDF (`REGULAR_URL`).

use acroform::truetype::{FontError, FontProgram};
use std::sync::Arc;

/// Where the built site serves the regular font, relative to the page.
pub const REGULAR_URL: &str = "fonts/NotoSans-Regular.ttf";

/// The regular and the bold font, read.
#[derive(Debug, Clone)]
pub struct Fonts {
    pub regular: Arc<FontProgram>,
    pub bold: Arc<FontProgram>,
}

impl Fonts {
    /// Reads the two font files.
    pub fn parse(regular: Vec<u8>, bold: Vec<u8>) -> Result<Fonts, FontError> {
        Ok(Fonts {
            regular: Arc::new(FontProgram::parse(regular)?),
            bold: Arc::new(FontProgram::parse(bold)?),
        })
    }
}
